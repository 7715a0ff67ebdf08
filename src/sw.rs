//! Registers the service worker (`/sw.js`) and tells the page when a new version is ready.
//! A new worker waits: the person chooses when to reload, so nothing changes under a
//! half-filled form.
//!
//! On a first visit the worker's install downloads every citizen bundle (~1 MB): it is
//! registered only once the page's own requests are answered, so that on a weak line the
//! page's content does not queue behind it ([`register_when_quiet`]).

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

/// The worker's state as the page sees it, provided as context.
#[derive(Clone, Copy)]
pub struct AppUpdate {
    /// A new version is installed and waiting.
    pub ready: RwSignal<bool>,
}

impl AppUpdate {
    /// Registers the worker (where the browser has them) and watches for updates.
    pub fn provide() -> Self {
        let update = AppUpdate {
            ready: RwSignal::new(false),
        };
        provide_context(update);
        let container = window().navigator().service_worker();
        // `serviceWorker` is missing on insecure origins and in some private modes.
        if !js_sys::Reflect::has(&window().navigator(), &"serviceWorker".into()).unwrap_or(false) {
            return update;
        }
        let ready = update.ready;
        let on_registered = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(
            move |value: wasm_bindgen::JsValue| {
                let Ok(registration) = value.dyn_into::<ServiceWorkerRegistration>() else {
                    return;
                };
                // Already waiting when the page loads: an earlier visit installed it.
                if registration.waiting().is_some() && has_controller() {
                    ready.set(true);
                }
                let watched = registration.clone();
                let on_update_found = Closure::<dyn FnMut()>::new(move || {
                    if let Some(installing) = watched.installing() {
                        watch_installing(installing, ready);
                    }
                });
                registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
                on_update_found.forget();
            },
        );
        register_when_quiet(move || {
            let container = window().navigator().service_worker();
            let _ = container.register("/sw.js").then(&on_registered);
            on_registered.forget();
        });

        // When the new worker takes over because the person asked for it, load the new version.
        // The first install also changes the controller (`clients.claim()`): no reload then.
        let on_controller_change = Closure::<dyn FnMut()>::new(move || {
            if RELOAD_REQUESTED.get() {
                let _ = window().location().reload();
            }
        });
        container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
        on_controller_change.forget();
        update
    }

    /// Asks the waiting worker to take over; the page reloads when it has.
    pub fn apply(self) {
        RELOAD_REQUESTED.set(true);
        let container = window().navigator().service_worker();
        let on_registration =
            Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|value: wasm_bindgen::JsValue| {
                let Ok(registration) = value.dyn_into::<ServiceWorkerRegistration>() else {
                    return;
                };
                if let Some(waiting) = registration.waiting() {
                    let message = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
                    let _ = waiting.post_message(&message);
                }
            });
        let _ = container.get_registration().then(&on_registration);
        on_registration.forget();
    }
}

/// How often the page's requests are looked at, and for how long at most, before a first
/// registration (ms).
const QUIET_CHECK_MS: u32 = 250;
const QUIET_WAIT_MAX_MS: u32 = 10_000;
/// The page's first requests start after it has read its local copy: none are expected
/// before this (ms after mounting), so no registration before it either.
const QUIET_NOT_BEFORE_MS: u32 = 1_000;
/// Checks in a row with no request to `/api` under way that make the page quiet.
const QUIET_CHECKS: u32 = 2;

/// Runs `register` at once when a worker controls the page already (an update check, its
/// files cached), else once no request to `/api` has been under way for [`QUIET_CHECKS`]
/// checks in a row, from [`QUIET_NOT_BEFORE_MS`] after mounting and at most
/// [`QUIET_WAIT_MAX_MS`] after it.
fn register_when_quiet(register: impl FnOnce() + 'static) {
    if has_controller() {
        register();
        return;
    }
    check_quiet(Box::new(register), 0, 0);
}

fn check_quiet(register: Box<dyn FnOnce()>, waited_ms: u32, quiet_checks: u32) {
    gloo_timers::callback::Timeout::new(QUIET_CHECK_MS, move || {
        let waited_ms = waited_ms + QUIET_CHECK_MS;
        let quiet_checks = if crate::api::in_flight() == 0 {
            quiet_checks + 1
        } else {
            0
        };
        let quiet = waited_ms >= QUIET_NOT_BEFORE_MS && quiet_checks >= QUIET_CHECKS;
        if quiet || waited_ms >= QUIET_WAIT_MAX_MS {
            register();
        } else {
            check_quiet(register, waited_ms, quiet_checks);
        }
    })
    .forget();
}

thread_local! {
    /// Set when the person chose to load the new version.
    static RELOAD_REQUESTED: Cell<bool> = const { Cell::new(false) };
}

/// Whether a worker controls the page, so that another page of the portal loads without a line.
pub fn pages_load_offline() -> bool {
    has_controller()
}

fn has_controller() -> bool {
    window().navigator().service_worker().controller().is_some()
}

fn watch_installing(worker: ServiceWorker, ready: RwSignal<bool>) {
    let watched = worker.clone();
    let on_state_change = Closure::<dyn FnMut()>::new(move || {
        // The first install has no controller: that is not an update, nothing to offer.
        if watched.state() == ServiceWorkerState::Installed && has_controller() {
            ready.set(true);
        }
    });
    worker.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
    on_state_change.forget();
}

/// The update state of the current component tree.
pub fn use_app_update() -> AppUpdate {
    expect_context::<AppUpdate>()
}
