//! The front desk of 咨询 and 预约 (`/staff/front/`, a bundle of its own): 咨询答复 for a
//! department's accounts (open questions with their due dates, late ones marked; answer;
//! publish as a 常见问题 with texts redacted), 电子监察 of late answers, 今日预约 for the windows
//! (the day's bookings by slot, mark arrived or no-show) and, for the center's administrators,
//! the answer time limit and each department's places per slot.
//!
//! The server decides who sees and does what (`docs/contact-api.md`); the page shows what it
//! sends, decoded as its `guichet_core::wire::contact` types.

mod bookings;
mod consultations;
mod settings;

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::api::StaffSession;
use crate::api::{self, ApiError};
use crate::i18n::use_i18n;

/// Mounts the front desk.
pub fn mount() {
    super::mount_with(page);
}

/// The parts of the front desk.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Questions,
    Late,
    Bookings,
    Settings,
}

/// The front desk for `session`; accounts without a part in it are told so.
pub fn page(session: StaffSession) -> AnyView {
    let role = session.staff.role.clone();
    if !matches!(role.as_str(), "window" | "department" | "center_admin") {
        let i18n = use_i18n();
        return view! { <p class="banner" data-testid="not-yours">{i18n.t("admin.not_yours")}</p> }
            .into_any();
    }
    view! { <Desk session/> }.into_any()
}

#[component]
fn Desk(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let role = session.staff.role.clone();
    let first = if role == "window" {
        Tab::Bookings
    } else {
        Tab::Questions
    };
    let tab_now = RwSignal::new(first);
    let session = StoredValue::new(session);
    Effect::new(move |_| {
        document().set_title(&format!(
            "{} - {}",
            i18n.t("front.title"),
            i18n.t("app.title")
        ))
    });
    let tab = move |target: Tab, key: &'static str, testid: &'static str| {
        view! {
            <li>
                <button type="button" class="tab" data-testid=testid
                    aria-current=move || (tab_now.get() == target).then_some("page")
                    on:click=move |_| tab_now.set(target)>
                    {move || i18n.t(key)}
                </button>
            </li>
        }
    };
    let admin = role == "center_admin";
    view! {
        <h1>{move || i18n.t("front.title")}</h1>
        // Its own name: the header's list of desks is 「工作台栏目」 already (axe landmark-unique).
        <nav aria-label=move || i18n.t("front.title")>
            <ul class="tabs">
                {tab(Tab::Questions, "front.questions", "front-questions-tab")}
                {tab(Tab::Late, "front.late", "front-late-tab")}
                {tab(Tab::Bookings, "front.bookings", "front-bookings-tab")}
                {admin.then(|| tab(Tab::Settings, "front.settings", "front-settings-tab"))}
            </ul>
        </nav>
        {move || match tab_now.get() {
            Tab::Questions => consultations::list(session.get_value(), "open").into_any(),
            Tab::Late => consultations::list(session.get_value(), "late").into_any(),
            Tab::Bookings => bookings::day(session.get_value()).into_any(),
            Tab::Settings => settings::page(session.get_value()).into_any(),
        }}
    }
}

/// `GET /api/<path>`, decoded.
async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    api::get_json(path).await
}

/// `POST /api/<path>` with the session's CSRF token, the answer decoded.
async fn post<T: DeserializeOwned>(
    session: &StaffSession,
    path: &str,
    body: &Value,
) -> Result<T, ApiError> {
    api::post_with_csrf(path, body, &session.csrf_token).await
}

/// The server's words for a refusal (see `staff::explain`).
fn explain(error: &ApiError) -> String {
    super::explain(error)
}

/// The departments (`GET /api/departments`): (code, name).
async fn departments() -> Vec<(String, String)> {
    get::<Departments>("departments")
        .await
        .map(|answer| {
            answer
                .departments
                .into_iter()
                .map(|d| (d.code, d.name))
                .collect()
        })
        .unwrap_or_default()
}

/// The part of `GET /api/departments` the desk reads (its entries carry more).
#[derive(serde::Deserialize)]
struct Departments {
    departments: Vec<guichet_core::wire::contact::Named>,
}
