//! The desk's lists: the work queue and 电子监察 (overdue).

use leptos::prelude::*;

use super::api::{self, StaffSession};
use super::{View, explain};
use crate::i18n::use_i18n;

/// The states a queue can be narrowed to, with their label keys.
const STATE_FILTERS: &[(&str, &str)] = &[
    ("", "staff.all_states"),
    ("submitted", "case.state.submitted"),
    ("needs_supplement", "case.state.needs_supplement"),
    ("pre_review_passed", "case.state.pre_review_passed"),
    ("accepted", "case.state.accepted"),
    ("in_progress", "case.state.in_progress"),
];

#[component]
pub fn Queue(session: StaffSession, open: RwSignal<View>) -> impl IntoView {
    let i18n = use_i18n();
    let filter = RwSignal::new(String::new());
    let queue = LocalResource::new(move || {
        let state = filter.get();
        async move { api::queue((!state.is_empty()).then_some(state.as_str())).await }
    });
    let scope = session
        .staff
        .department_code
        .clone()
        .unwrap_or_else(|| i18n.t("staff.all_departments").to_string());
    view! {
        <h1>{move || i18n.t("staff.queue")}</h1>
        <p class="note">{scope}</p>
        <label class="filter">
            {move || i18n.t("track.state")}
            <select data-testid="queue-state" on:change=move |ev| filter.set(event_target_value(&ev))>
                {STATE_FILTERS.iter().map(|(code, key)| view! {
                    <option value=*code>{move || i18n.t(key)}</option>
                }).collect_view()}
            </select>
        </label>
        {move || match queue.get() {
            None => view! { <p>{i18n.t("settings.checking")}</p> }.into_any(),
            Some(Err(error)) => view! { <p class="banner error" role="alert">{explain(&error)}</p> }.into_any(),
            Some(Ok(queue)) if queue.items.is_empty() => view! {
                <p class="empty" data-testid="queue-empty">{i18n.t("staff.queue_empty")}</p>
            }.into_any(),
            Some(Ok(queue)) => view! {
                <table data-testid="queue">
                    <thead><tr>
                        <th scope="col">{i18n.t("track.case_no")}</th>
                        <th scope="col">{i18n.t("staff.item")}</th>
                        <th scope="col">{i18n.t("track.department")}</th>
                        <th scope="col">{i18n.t("track.state")}</th>
                        <th scope="col">{i18n.t("staff.received")}</th>
                        <th scope="col">{i18n.t("track.deadline")}</th>
                    </tr></thead>
                    <tbody>
                        {queue.items.into_iter().map(|row| {
                            let case_no = row.case_no.clone();
                            view! {
                                <tr>
                                    <td><button type="button" class="link"
                                        on:click=move |_| open.set(View::Case(case_no.clone()))>
                                        {row.case_no.clone()}</button></td>
                                    <td>{row.item.name}</td>
                                    <td>{row.department}</td>
                                    <td>{row.state_label}</td>
                                    <td>{crate::clock::show_rfc3339(&row.received_at)}</td>
                                    <td>{row.due.clone().unwrap_or_default()}
                                        {row.due_provisional.then(|| provisional_mark(i18n.lang(), row.due.clone()))}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="note">{guichet_core::tr_args(i18n.lang(), "staff.total", &[("n", &queue.total.to_string())])}</p>
            }.into_any(),
        }}
    }
}

/// The note under a deadline counted over a year whose holidays are not published (the same
/// words as the citizens'), with the deadline's year.
pub fn provisional_mark(lang: guichet_core::i18n::Lang, due: Option<String>) -> impl IntoView {
    view! {
        <small class="provisional" data-testid="deadline-provisional">
            {provisional_text(lang, due.as_deref())}
        </small>
    }
}

/// The words of [`provisional_mark`], for the pages built as plain DOM.
pub fn provisional_text(lang: guichet_core::i18n::Lang, due: Option<&str>) -> String {
    let year = due.and_then(|d| d.get(..4)).unwrap_or_default();
    guichet_core::tr_args(lang, "track.provisional_note", &[("year", year)])
}

#[component]
pub fn Overdue(open: RwSignal<View>) -> impl IntoView {
    let i18n = use_i18n();
    let overdue = LocalResource::new(api::overdue);
    view! {
        <h1>{move || i18n.t("staff.overdue")}</h1>
        {move || match overdue.get() {
            None => view! { <p>{i18n.t("settings.checking")}</p> }.into_any(),
            Some(Err(error)) => view! { <p class="banner error" role="alert">{explain(&error)}</p> }.into_any(),
            Some(Ok(list)) if list.departments.is_empty() => view! {
                <p class="empty">{i18n.t("staff.overdue_none")}</p>
            }.into_any(),
            Some(Ok(list)) => list.departments.into_iter().map(|department| view! {
                <h2>{department.department.name}</h2>
                <ul data-testid="overdue">
                    {department.items.into_iter().map(|item| {
                        // A disclosure request opens on its own page (its clock and steps are
                        // not a case's).
                        let target = if item.kind == "disclosure" {
                            View::DisclosureRequest(item.case_no.clone())
                        } else {
                            View::Case(item.case_no.clone())
                        };
                        let over = guichet_core::tr_args(i18n.lang(), "track.overdue_by",
                            &[("days", &item.working_days_overdue.to_string())]);
                        view! {
                            <li>
                                <button type="button" class="link"
                                    on:click=move |_| open.set(target.clone())>
                                    {item.case_no.clone()}</button>
                                {(item.kind == "disclosure").then(|| [" ", i18n.t("staff.gk.tab")])}
                                " " {item.item.get("name").and_then(|n| n.as_str()).unwrap_or_default().to_string()}
                                " · " {item.due.clone().unwrap_or_default()} " "
                                <span class="overdue">{over}</span>
                                {item.provisional.then(|| provisional_mark(i18n.lang(), item.due.clone()))}
                                {(item.kind == "part").then(|| format!(" ({})", i18n.t("track.parts")))}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }).collect_view().into_any(),
        }}
    }
}
