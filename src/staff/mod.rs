//! The staff desk (窗口工作台), a second app built from this crate into its own bundle
//! (`staff/index.html`, served under `/staff`), so none of its code reaches the citizens'
//! first load. It shares the string table, the preferences and the API client with the
//! citizen app, and works online only: staff sit at the center, on its network.
//!
//! The server decides everything (who sees what, which move is legal); the desk shows what the
//! server sends and offers the moves the case's state allows (`next_events`), each sent with
//! the state it was decided on, so two people acting at once cannot both succeed.

mod api;
mod calendar;
mod case;
mod disclosure;
mod disclosure_api;
mod lists;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_i18n;
use crate::prefs::Prefs;
use api::{StaffSession, me};

/// Mounts the staff desk on `<body>`.
pub fn mount() {
    crate::console_error_panic_hook_lite();
    leptos::mount::mount_to_body(StaffDesk);
}

/// Which part of the desk is shown.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    Queue,
    Overdue,
    Followups,
    /// 节假日安排 (center administrators).
    Calendar,
    Case(String),
    /// 依申请公开: the disclosure requests and the annual table (信息公开工作人员, center
    /// administrators).
    Disclosure,
    /// One disclosure request.
    DisclosureRequest(String),
}

#[component]
fn StaffDesk() -> impl IntoView {
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
    view! {
        <header class="site-header">
            <div class="bar">
                <span class="site-title">{move || i18n.t("staff.title")}</span>
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
                (true, Some(current)) => view! { <Desk session=current/> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn Desk(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let is_admin = session.staff.role == "center_admin";
    // An agency's 信息公开工作人员 handles disclosure requests only: the center's case queue
    // and follow-ups are not theirs, so their desk opens on the requests.
    let is_disclosure = session.staff.role == "disclosure";
    let view_now = RwSignal::new(if is_disclosure {
        View::Disclosure
    } else {
        View::Queue
    });
    let session = StoredValue::new(session);
    let tab = move |target: View, key: &'static str, testid: &'static str| {
        let current = target.clone();
        view! {
            <li>
                <button type="button" class="tab" data-testid=testid
                    aria-current=move || (view_now.get() == current).then_some("page")
                    on:click=move |_| view_now.set(target.clone())>
                    {move || i18n.t(key)}
                </button>
            </li>
        }
    };
    view! {
        <nav aria-label=move || i18n.t("staff.sections")>
            <ul class="tabs">
                {is_disclosure.then(|| tab(View::Disclosure, "staff.gk.tab", "gk-tab"))}
                {(!is_disclosure).then(|| tab(View::Queue, "staff.queue", "tab-queue"))}
                {tab(View::Overdue, "staff.overdue", "tab-overdue")}
                {(!is_disclosure).then(|| tab(View::Followups, "staff.followups", "tab-followups"))}
                {is_admin.then(|| tab(View::Disclosure, "staff.gk.tab", "gk-tab"))}
                {is_admin.then(|| tab(View::Calendar, "staff.calendar", "tab-calendar"))}
            </ul>
        </nav>
        {move || match view_now.get() {
            View::Queue => view! { <lists::Queue session=session.get_value() open=view_now/> }.into_any(),
            View::Overdue => view! { <lists::Overdue open=view_now/> }.into_any(),
            View::Followups => view! { <lists::Followups session=session.get_value()/> }.into_any(),
            View::Calendar => view! { <calendar::CalendarDesk session=session.get_value()/> }.into_any(),
            View::Case(case_no) => view! {
                <case::CaseDesk session=session.get_value() case_no back=view_now/>
            }.into_any(),
            View::Disclosure => disclosure::requests(session.get_value(), view_now).into_any(),
            View::DisclosureRequest(case_no) => {
                disclosure::request(session.get_value(), case_no, view_now).into_any()
            }
        }}
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
