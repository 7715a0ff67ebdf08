//! The window desk's page (`/staff/`): the work queue, 电子监察 (overdue), 差评整改 and one case.
//! A 信息公开工作人员 has no case queue: their desk is `/staff/gk/`, where this page sends them.

use leptos::prelude::*;

use super::api::StaffSession;
use super::{View, case, case_from_url, followups, go_elsewhere, lists};
use crate::i18n::use_i18n;

/// The window desk for `session`.
pub fn page(session: StaffSession) -> AnyView {
    if session.staff.role == "disclosure" {
        go_elsewhere(&View::Disclosure);
        return ().into_any();
    }
    view! { <Desk session/> }.into_any()
}

#[component]
fn Desk(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let view_now = RwSignal::new(case_from_url().map_or(View::Queue, View::Case));
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
                {tab(View::Queue, "staff.queue", "tab-queue")}
                {tab(View::Overdue, "staff.overdue", "tab-overdue")}
                {tab(View::Followups, "staff.followups", "tab-followups")}
            </ul>
        </nav>
        {move || match view_now.get() {
            View::Queue => view! { <lists::Queue session=session.get_value() open=view_now/> }.into_any(),
            View::Overdue => view! { <lists::Overdue open=view_now/> }.into_any(),
            View::Followups => view! { <followups::Followups session=session.get_value()/> }.into_any(),
            View::Case(case_no) => view! {
                <case::CaseDesk session=session.get_value() case_no back=view_now/>
            }.into_any(),
            // Disclosure requests live on the 依申请公开 desk.
            other => {
                go_elsewhere(&other);
                ().into_any()
            }
        }}
    }
}
