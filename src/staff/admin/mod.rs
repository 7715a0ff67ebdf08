//! Administration and publishing (`/staff/admin/`, a bundle of its own): what the people who
//! own the content change without the command line. Each page is one module with
//! `page(session) -> AnyView`, shown to the roles that may use it:
//!
//! * [`catalog`] — the disclosure catalog (主动公开), by an agency's 信息公开工作人员;
//! * [`guide`] — the service guide and form versions, by a department's 部门审核;
//! * [`accounts`], [`appeals`] (好差评申诉复核), [`audit`] and 节假日安排 — the center's
//!   administrators.
//!
//! The server decides every right again; the tabs only spare people pages they cannot use.

mod accounts;
mod appeals;
mod audit;
mod catalog;
mod guide;

use leptos::prelude::*;

use super::api::StaffSession;
use crate::i18n::use_i18n;

/// Mounts the admin bundle.
pub fn mount() {
    super::mount_with(page);
}

/// One page of the admin bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Catalog,
    Guide,
    Accounts,
    Appeals,
    Audit,
    Calendar,
}

/// The pages a role may use, with their label keys and test ids, in tab order.
fn pages_for(role: &str) -> Vec<(Page, &'static str, &'static str)> {
    let catalog = (Page::Catalog, "admin.tab.catalog", "tab-catalog");
    let guide = (Page::Guide, "admin.tab.guide", "tab-guide");
    match role {
        "center_admin" => vec![
            (Page::Accounts, "admin.tab.accounts", "tab-accounts"),
            (Page::Appeals, "admin.tab.appeals", "tab-appeals"),
            (Page::Audit, "admin.tab.audit", "tab-audit"),
            (Page::Calendar, "staff.calendar", "tab-calendar"),
            catalog,
            guide,
        ],
        "disclosure" => vec![catalog],
        "department" => vec![guide],
        _ => Vec::new(),
    }
}

/// The admin bundle's page for `session`.
pub fn page(session: StaffSession) -> AnyView {
    let i18n = use_i18n();
    let pages = pages_for(&session.staff.role);
    let Some(first) = pages.first().map(|(page, ..)| *page) else {
        return view! { <p class="banner" data-testid="not-yours">{i18n.t("admin.not_yours")}</p> }
            .into_any();
    };
    let shown = RwSignal::new(first);
    let session = StoredValue::new(session);
    let tabs = pages
        .into_iter()
        .map(|(target, key, testid)| {
            view! {
                <li>
                    <button type="button" class="tab" data-testid=testid
                        aria-current=move || (shown.get() == target).then_some("page")
                        on:click=move |_| shown.set(target)>
                        {move || i18n.t(key)}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav aria-label=move || i18n.t("staff.sections")>
            <ul class="tabs">{tabs}</ul>
        </nav>
        {move || {
            let current = session.get_value();
            match shown.get() {
                Page::Catalog => catalog::page(current),
                Page::Guide => guide::page(current),
                Page::Accounts => accounts::page(current),
                Page::Appeals => appeals::page(current),
                Page::Audit => audit::page(current),
                Page::Calendar => {
                    view! { <super::calendar::CalendarDesk session=current/> }.into_any()
                }
            }
        }}
    }
    .into_any()
}
