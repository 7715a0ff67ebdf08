//! Administration (`/staff/admin/`) and publishing (`/staff/publish/`), two bundles of their
//! own (one would be over the 200 KB budget): what the people who own the content change without
//! the command line. Each page is one module with `page(session) -> AnyView`, shown to the
//! roles that may use it:
//!
//! * publishing: [`catalog`] — the disclosure catalog (主动公开), by an agency's 信息公开工作人员;
//!   [`guide`] — the service guide and form versions, by a department's 部门审核;
//! * administration: [`accounts`], [`appeals`] (好差评申诉复核), [`audit`] and 节假日安排 — the
//!   center's administrators.
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

/// Mounts the admin bundle (`/staff/admin/`).
pub fn mount() {
    super::mount_with(page);
}

/// Mounts the publishing bundle (`/staff/publish/`).
pub fn mount_publish() {
    super::mount_with(publish_page);
}

/// One tab: its label key, test id and page. Pages are function pointers so that a bundle links
/// only the pages its tabs name.
type Tab = (&'static str, &'static str, fn(StaffSession) -> AnyView);

/// The admin bundle's tabs for a role: the center's administrators only.
fn admin_tabs(role: &str) -> Vec<Tab> {
    match role {
        "center_admin" => vec![
            ("admin.tab.accounts", "tab-accounts", accounts::page),
            ("admin.tab.appeals", "tab-appeals", appeals::page),
            ("admin.tab.audit", "tab-audit", audit::page),
            ("staff.calendar", "tab-calendar", calendar_page),
        ],
        _ => Vec::new(),
    }
}

/// The publishing bundle's tabs for a role: an agency's officer its catalog, a department's
/// reviewer its guide, an administrator both.
fn publish_tabs(role: &str) -> Vec<Tab> {
    let catalog: Tab = ("admin.tab.catalog", "tab-catalog", catalog::page);
    let guide: Tab = ("admin.tab.guide", "tab-guide", guide::page);
    match role {
        "center_admin" => vec![catalog, guide],
        "disclosure" => vec![catalog],
        "department" => vec![guide],
        _ => Vec::new(),
    }
}

fn calendar_page(session: StaffSession) -> AnyView {
    view! { <super::calendar::CalendarDesk session/> }.into_any()
}

/// The admin bundle's page for `session`.
pub fn page(session: StaffSession) -> AnyView {
    let tabs = admin_tabs(&session.staff.role);
    tabbed(session, tabs)
}

/// The publishing bundle's page for `session`.
pub fn publish_page(session: StaffSession) -> AnyView {
    let tabs = publish_tabs(&session.staff.role);
    tabbed(session, tabs)
}

/// `tabs` over the page of the chosen one (the first at start); a role without tabs is told
/// this desk is not theirs.
fn tabbed(session: StaffSession, tabs: Vec<Tab>) -> AnyView {
    let i18n = use_i18n();
    if tabs.is_empty() {
        return view! { <p class="banner" data-testid="not-yours">{i18n.t("admin.not_yours")}</p> }
            .into_any();
    }
    let shown = RwSignal::new(0usize);
    let session = StoredValue::new(session);
    let pages: Vec<fn(StaffSession) -> AnyView> = tabs.iter().map(|(.., show)| *show).collect();
    let buttons = tabs
        .into_iter()
        .enumerate()
        .map(|(index, (key, testid, _))| {
            view! {
                <li>
                    <button type="button" class="tab" data-testid=testid
                        aria-current=move || (shown.get() == index).then_some("page")
                        on:click=move |_| shown.set(index)>
                        {move || i18n.t(key)}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav aria-label=move || i18n.t("staff.sections")>
            <ul class="tabs">{buttons}</ul>
        </nav>
        {move || pages[shown.get()](session.get_value())}
    }
    .into_any()
}
