//! Whether the device is online, and how many records wait to reach the server.
//! The outbox that sends them is built on the `outbox` store of [`crate::storage`]; this module
//! owns the state the header shows, refreshed on the browser's online/offline events, and
//! drives [`outbox`]: at start, on `online`, and on a timer.

pub mod outbox;
pub mod upload;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::storage::Storage;

/// The sync state of the app, provided as context at the root.
#[derive(Clone, Copy)]
pub struct SyncStatus {
    /// The browser believes it has a network (a hint: a captive portal says yes too).
    pub online: RwSignal<bool>,
    /// Records in the outbox; `None` until the database answered, or when it cannot be opened.
    pub pending: RwSignal<Option<u32>>,
    /// Why local storage cannot be used, if it cannot.
    pub storage_error: RwSignal<Option<String>>,
    /// Bumped whenever the outbox may have changed, so that pages listing it read it again.
    pub revision: RwSignal<u32>,
}

impl SyncStatus {
    /// Starts watching the network and counts the outbox; with `SENDS`, also runs the outbox
    /// (at once, when the line comes back, and on a timer). The forms bundle does not send: a
    /// submission goes to the receipt page, whose bundle sends it, and a page being filled
    /// that claimed a record would cut its request by navigating away (one draft, one case,
    /// without the wait for a cut request's retry). Leaving the outbox out also keeps that
    /// bundle within its budget (a constant, so that the outbox's code is not in it at all).
    pub fn provide<const SENDS: bool>() -> Self {
        let online = window().navigator().on_line();
        let status = SyncStatus {
            online: RwSignal::new(online),
            pending: RwSignal::new(None),
            storage_error: RwSignal::new(None),
            revision: RwSignal::new(0),
        };
        // The listeners live as long as the page: the app is one page.
        std::mem::forget(window_event_listener(ev::online, move |_| {
            status.online.set(true);
            if SENDS {
                status.send_now();
            } else {
                status.refresh();
            }
        }));
        std::mem::forget(window_event_listener(ev::offline, move |_| {
            status.online.set(false)
        }));
        status.refresh();
        provide_context(status);
        if !SENDS {
            return status;
        }
        status.send_now();
        // The timer: wakes at least every TICK_MS (records other tabs left, expired leases).
        spawn_local(async move {
            loop {
                gloo_timers::future::sleep(std::time::Duration::from_millis(
                    outbox::TICK_MS as u64,
                ))
                .await;
                status.send_now();
            }
        });
        status
    }

    /// Runs the outbox now, then recounts; sleeps until the next record falls due if sooner
    /// than the regular tick.
    pub fn send_now(self) {
        outbox::kick(move |next| {
            self.refresh();
            let Some(next) = next else { return };
            let wait = next - crate::clock::now_ms();
            if wait < outbox::TICK_MS {
                spawn_local(async move {
                    let ms = wait.max(250.0) as u64;
                    gloo_timers::future::sleep(std::time::Duration::from_millis(ms)).await;
                    self.send_now();
                });
            }
        });
    }

    /// Recounts the outbox.
    pub fn refresh(self) {
        spawn_local(async move {
            let counted = match Storage::shared().await {
                Ok(storage) => storage.pending_count().await,
                Err(error) => Err(error),
            };
            match counted {
                Ok(count) => {
                    self.pending.set(Some(count));
                    self.storage_error.set(None);
                    self.revision.update(|r| *r = r.wrapping_add(1));
                }
                Err(error) => {
                    web_sys::console::warn_1(&error.to_string().into());
                    self.storage_error.set(Some(error.to_string()));
                }
            }
        });
    }
}

/// The sync state of the current component tree.
pub fn use_sync() -> SyncStatus {
    expect_context::<SyncStatus>()
}
