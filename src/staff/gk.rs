//! The 依申请公开 desk's page (`/staff/gk/`, a bundle of its own): an agency's requests with
//! their clocks, one request, 电子监察 and the annual table, for the agency's 信息公开工作人员 and
//! the center's administrators. A case of the window desk opens there (`/staff/?case=`).

use leptos::prelude::*;

use super::api::StaffSession;
use super::{View, case_from_url, disclosure, go_elsewhere, lists};
use crate::i18n::use_i18n;

/// Mounts the 依申请公开 desk.
pub fn mount() {
    super::mount_with(page);
}

/// The 依申请公开 desk for `session`; others are told it is not theirs.
pub fn page(session: StaffSession) -> AnyView {
    if !matches!(session.staff.role.as_str(), "disclosure" | "center_admin") {
        let i18n = use_i18n();
        return view! { <p class="banner" data-testid="not-yours">{i18n.t("admin.not_yours")}</p> }
            .into_any();
    }
    view! { <Desk session/> }.into_any()
}

#[component]
fn Desk(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let view_now = RwSignal::new(case_from_url().map_or(View::Disclosure, View::DisclosureRequest));
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
                {tab(View::Disclosure, "staff.gk.requests", "gk-requests-tab")}
                {tab(View::Overdue, "staff.overdue", "tab-overdue")}
            </ul>
        </nav>
        {move || match view_now.get() {
            View::Disclosure => disclosure::requests(session.get_value(), view_now).into_any(),
            View::DisclosureRequest(case_no) => {
                disclosure::request(session.get_value(), case_no, view_now).into_any()
            }
            View::Overdue => view! { <lists::Overdue open=view_now/> }.into_any(),
            // A case of the window desk opens there.
            other => {
                go_elsewhere(&other);
                ().into_any()
            }
        }}
    }
}
