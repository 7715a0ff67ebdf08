//! The staff's apps, built from this crate into four bundles of their own so that none of
//! their code reaches the citizens' first load and each stays light: the window desk
//! (`staff/index.html` → `/staff/`, [`desk`]: queue, 电子监察, 差评整改, one case), the 依申请公开
//! desk (`staff/gk/index.html` → `/staff/gk/`, [`gk`]), administration
//! (`staff/admin/index.html` → `/staff/admin/`, [`admin`]: accounts, 好差评 appeals, the audit
//! log, 节假日安排), the front desk of 咨询 and 预约 (`staff/front/index.html` →
//! `/staff/front/`, [`front`]) and publishing (`staff/publish/index.html` → `/staff/publish/`, also in
//! [`admin`]: the catalog and the service guide). They share this frame (the header with a
//! link to each bundle the role may use, sign-in, the first-sign-in password change), the
//! string table, the preferences and the API client, and work online only: staff sit at the
//! center, on its network.
//!
//! The server decides everything (who sees what, which move is legal); the desk shows what the
//! server sends and offers the moves the case's state allows (`next_events`), each sent with
//! the state it was decided on, so two people acting at once cannot both succeed.

pub mod admin;
mod admin_api;
pub mod api;
mod calendar;
mod case;
mod desk;
mod disclosure;
mod disclosure_api;
mod followups;
pub mod front;
pub mod gk;
mod lists;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_i18n;
use crate::prefs::Prefs;
use api::{StaffSession, me};

/// The page a bundle shows once someone is signed in (and has a password of their own).
pub type DeskPage = fn(StaffSession) -> AnyView;

/// Mounts the window desk (`/staff/`).
pub fn mount() {
    mount_with(desk::page);
}

/// Mounts a staff bundle on `<body>`: the header, the sign-in and, once signed in, `page`.
/// Each bundle passes its own page, so only that page's code is linked into its wasm.
pub fn mount_with(page: DeskPage) {
    crate::console_error_panic_hook_lite();
    leptos::mount::mount_to_body(move || view! { <StaffDesk page/> });
}

/// Which part of a desk is shown. Each bundle shows some of these; a part that lives in
/// another bundle is reached by loading that bundle with `?case=` (see [`go_elsewhere`]).
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    Queue,
    Overdue,
    Followups,
    Case(String),
    /// 依申请公开: the disclosure requests and the annual table (`/staff/gk/`).
    Disclosure,
    /// One disclosure request (`/staff/gk/`).
    DisclosureRequest(String),
}

/// The case number a bundle was opened with (`?case=…`), to open that case at once.
pub fn case_from_url() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("case="))
        .and_then(|value| js_sys::decode_uri_component(value).ok())
        .and_then(|value| value.as_string())
        .filter(|value| !value.is_empty())
}

/// Loads the bundle that shows `target` (a case on the window desk, a request on the 依申请公开
/// desk).
pub fn go_elsewhere(target: &View) {
    let url = match target {
        View::Case(case_no) => format!("/staff/?case={case_no}"),
        View::DisclosureRequest(case_no) => format!("/staff/gk/?case={case_no}"),
        View::Disclosure => "/staff/gk/".to_owned(),
        _ => "/staff/".to_owned(),
    };
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(&url);
    }
}

/// The staff bundles, as the header links them: (path, label key, test id).
const BUNDLES: &[(&str, &str, &str)] = &[
    ("/staff/", "admin.nav.desk", "nav-desk"),
    ("/staff/gk/", "admin.nav.gk", "gk-tab"),
    ("/staff/front/", "admin.nav.front", "nav-front"),
    ("/staff/publish/", "admin.nav.publish", "nav-publish"),
    ("/staff/admin/", "admin.title", "nav-admin"),
];

/// Whether `role` may use the bundle at `path` (the server checks every call again).
fn may_use(path: &str, role: &str) -> bool {
    match path {
        "/staff/" | "/staff/front/" => matches!(role, "window" | "department" | "center_admin"),
        "/staff/gk/" => matches!(role, "disclosure" | "center_admin"),
        "/staff/publish/" => matches!(role, "department" | "disclosure" | "center_admin"),
        _ => role == "center_admin",
    }
}

#[component]
fn StaffDesk(page: DeskPage) -> impl IntoView {
    Prefs::provide();
    let i18n = use_i18n();
    let session = RwSignal::new(None::<StaffSession>);
    let checked = RwSignal::new(false);
    // A reload keeps the session cookie: ask who is signed in before showing the login form.
    leptos::task::spawn_local(async move {
        if let Ok(current) = me().await {
            session.set(Some(current));
        }
        checked.set(true);
    });
    let here = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    view! {
        <header class="site-header">
            <div class="bar">
                <span class="site-title">{move || i18n.t("staff.title")}</span>
                {move || session.get().filter(|s| !s.staff.must_change_password).map(|current| {
                    let role = current.staff.role.clone();
                    let links = BUNDLES
                        .iter()
                        .filter(|(path, ..)| may_use(path, &role))
                        .map(|(path, key, testid)| {
                            let current_page = here.trim_end_matches('/') == path.trim_end_matches('/');
                            view! {
                                <a href=*path data-testid=*testid class="tool"
                                    aria-current=current_page.then_some("page")>{i18n.t(key)}</a>
                            }
                        })
                        .collect_view();
                    view! { <nav class="bundles" aria-label=i18n.t("staff.sections")>{links}</nav> }
                })}
                {move || session.get().map(|current| view! {
                    <span class="who" data-testid="staff-me">{current.staff.display_name.clone()}</span>
                    <button type="button" class="tool" data-testid="logout"
                        on:click=move |_| {
                            let token = current.csrf_token.clone();
                            leptos::task::spawn_local(async move {
                                let _ = api::logout(&token).await;
                                session.set(None);
                            });
                        }>
                        {i18n.t("staff.sign_out")}
                    </button>
                })}
            </div>
        </header>
        <main id="main" class="desk">
            {move || match (checked.get(), session.get()) {
                (false, _) => view! { <p>{i18n.t("settings.checking")}</p> }.into_any(),
                (true, None) => view! { <Login session/> }.into_any(),
                (true, Some(current)) if current.staff.must_change_password => {
                    view! { <ChangePassword session current/> }.into_any()
                }
                (true, Some(current)) => page(current),
            }}
        </main>
    }
}

/// An account created or reset by an administrator signs in with a temporary password and
/// must choose its own before anything else.
#[component]
fn ChangePassword(session: RwSignal<Option<StaffSession>>, current: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let old = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let csrf = StoredValue::new(current.csrf_token.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if new.get_untracked() != again.get_untracked() {
            error.set(Some(i18n.t("admin.password_mismatch").to_string()));
            return;
        }
        let (old_secret, new_secret) = (old.get_untracked(), new.get_untracked());
        leptos::task::spawn_local(async move {
            match api::change_password(&old_secret, &new_secret, &csrf.get_value()).await {
                Ok(updated) => session.set(Some(updated)),
                Err(failure) => error.set(Some(explain(&failure))),
            }
        });
    };
    let field = move |key: &'static str, name: &'static str, signal: RwSignal<String>| {
        view! {
            <label>
                {move || i18n.t(key)}
                <input type="password" name=name required minlength="10"
                    autocomplete=if name == "current" { "current-password" } else { "new-password" }
                    prop:value=signal on:input=move |ev| signal.set(event_target_value(&ev))/>
            </label>
        }
    };
    view! {
        <h1>{move || i18n.t("admin.password_change")}</h1>
        <p>{move || i18n.t("admin.password_change_why")}</p>
        {move || error.get().map(|message| view! {
            <p class="banner error" role="alert" data-testid="password-error">{message}</p>
        })}
        <form class="login" data-testid="password-change" on:submit=submit>
            {field("admin.password_current", "current", old)}
            {field("admin.password_new", "new", new)}
            {field("admin.password_again", "again", again)}
            <button type="submit">{move || i18n.t("admin.password_save")}</button>
        </form>
    }
}

#[component]
fn Login(session: RwSignal<Option<StaffSession>>) -> impl IntoView {
    let i18n = use_i18n();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let (user, secret) = (username.get_untracked(), password.get_untracked());
        leptos::task::spawn_local(async move {
            match api::login(&user, &secret).await {
                Ok(current) => {
                    error.set(None);
                    password.set(String::new());
                    session.set(Some(current));
                }
                Err(failure) => error.set(Some(explain(&failure))),
            }
            busy.set(false);
        });
    };
    view! {
        <h1>{move || i18n.t("staff.login")}</h1>
        {move || error.get().map(|message| view! {
            <p class="banner error" role="alert" data-testid="login-error">{message}</p>
        })}
        <form class="login" on:submit=submit>
            <label>
                {move || i18n.t("staff.username")}
                <input type="text" name="username" autocomplete="username" required
                    prop:value=username on:input=move |ev| username.set(event_target_value(&ev))/>
            </label>
            <label>
                {move || i18n.t("staff.password")}
                <input type="password" name="password" autocomplete="current-password" required
                    prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
            </label>
            <button type="submit" prop:disabled=busy>{move || i18n.t("staff.sign_in")}</button>
        </form>
    }
}

/// The server's own words for a refusal; a sentence of ours when there is no answer.
pub fn explain(error: &ApiError) -> String {
    match error {
        ApiError::Server { body, .. } => body.message.clone(),
        ApiError::Network | ApiError::Unreadable { .. } => {
            guichet_core::tr(crate::api::language(), "staff.login_unreachable").to_string()
        }
    }
}
