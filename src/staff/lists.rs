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

/// The queue's search, filters, order and page, as the URL query the server reads.
#[derive(Debug, Clone, Default, PartialEq)]
struct Ask {
    q: String,
    state: String,
    item: String,
    department: String,
    marker: String,
    sort: String,
    page: usize,
}

impl Ask {
    fn query(&self) -> String {
        let mut out = format!("page={}", self.page.max(1));
        for (key, value) in [
            ("q", &self.q),
            ("state", &self.state),
            ("item", &self.item),
            ("department", &self.department),
            ("marker", &self.marker),
            ("sort", &self.sort),
        ] {
            if !value.trim().is_empty() {
                let encoded: String = js_sys::encode_uri_component(value.trim()).into();
                out.push_str(&format!("&{key}={encoded}"));
            }
        }
        out
    }
}

/// A `<select>` of the queue's filter bar: `(value, label)` options; changing it asks again
/// from page 1.
fn choose(
    label: String,
    testid: &'static str,
    options: Vec<(String, String)>,
    ask: RwSignal<Ask>,
    set: fn(&mut Ask, String),
) -> impl IntoView {
    view! {
        <label>{label}
            <select data-testid=testid on:change=move |ev| {
                let value = event_target_value(&ev);
                ask.update(|a| { set(a, value); a.page = 1; });
            }>
                {options.into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// The deadline cell: the date and, in words, how it stands (days left, overdue, paused for
/// 补正).
pub fn deadline_words(lang: guichet_core::i18n::Lang, row: &api::QueueItem) -> String {
    let clock = &row.clock;
    if clock["status"] == "paused" {
        let since = clock["since"].as_str().unwrap_or_default();
        let days = clock["working_days_left"].to_string();
        return guichet_core::tr_args(lang, "staff.paused", &[("since", since), ("days", &days)]);
    }
    match (row.marker.as_deref(), row.working_days_left) {
        (Some("overdue"), _) => guichet_core::tr(lang, "staff.marker.overdue").to_owned(),
        (_, Some(days)) => {
            guichet_core::tr_args(lang, "staff.days_left", &[("days", &days.to_string())])
        }
        _ => String::new(),
    }
}

#[component]
pub fn Queue(session: StaffSession, open: RwSignal<View>) -> impl IntoView {
    let i18n = use_i18n();
    let ask = RwSignal::new(Ask {
        page: 1,
        ..Ask::default()
    });
    let typed = RwSignal::new(String::new());
    // The filters' choices come with the first answer and stay (the bar is not rebuilt under
    // the person's hands when the rows reload).
    let filters = RwSignal::new(None::<serde_json::Value>);
    let queue = LocalResource::new(move || {
        let query = ask.get().query();
        async move {
            let answer = api::queue(&query).await;
            if let Ok(answer) = &answer
                && filters.with_untracked(Option::is_none)
            {
                filters.set(Some(answer.filters.clone()));
            }
            answer
        }
    });
    let admin = session.staff.department_code.is_none();
    let lang = i18n.lang();
    let t = move |key: &'static str| i18n.t(key).to_string();
    let states: Vec<(String, String)> = STATE_FILTERS
        .iter()
        .map(|(code, key)| (code.to_string(), t(key)))
        .collect();
    let markers = vec![
        (String::new(), t("staff.all_deadlines")),
        ("overdue".to_owned(), t("staff.marker.overdue")),
        ("due_soon".to_owned(), t("staff.marker.due_soon")),
    ];
    let sorts = [
        ("due_asc", "staff.sort.due_asc"),
        ("due_desc", "staff.sort.due_desc"),
        ("received_desc", "staff.sort.received_desc"),
    ]
    .iter()
    .map(|(code, key)| (code.to_string(), t(key)))
    .collect();
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = typed.get_untracked();
        ask.update(|a| {
            a.q = q;
            a.page = 1;
        });
    };
    view! {
        <h1>{t("staff.queue")}</h1>
        <form class="queue-bar" role="search" data-testid="queue-search" on:submit=search>
            <label class="grow">{t("staff.search")}
                <input type="search" data-testid="queue-q" prop:value=typed
                    on:input=move |ev| typed.set(event_target_value(&ev))/>
            </label>
            <button type="submit">{t("staff.search_go")}</button>
            {choose(t("track.state"), "queue-state", states, ask, |a, v| a.state = v)}
            {move || filters.get().map(|offered| {
                let named = |key: &str, all: String| {
                    let mut out = vec![(String::new(), all)];
                    out.extend(super::case::each(&offered[key]).map(|n| (super::case::member(n, "code"), super::case::member(n, "name"))));
                    out
                };
                let items = named("items", t("staff.all_items"));
                let departments = named("departments", t("staff.all_departments"));
                view! {
                    {choose(t("staff.item"), "queue-item", items, ask, |a, v| a.item = v)}
                    {admin.then(|| choose(t("track.department"), "queue-department", departments, ask, |a, v| a.department = v))}
                }
            })}
            {choose(t("staff.deadline_filter"), "queue-marker", markers, ask, |a, v| a.marker = v)}
            {choose(t("staff.sort"), "queue-sort", sorts, ask, |a, v| a.sort = v)}
        </form>
        {move || match queue.get() {
            None => view! { <p>{t("settings.checking")}</p> }.into_any(),
            Some(Err(error)) => view! { <p class="banner error" role="alert">{explain(&error)}</p> }.into_any(),
            Some(Ok(queue)) if queue.items.is_empty() => view! {
                <p class="empty" data-testid="queue-empty">{t("staff.queue_empty")}</p>
            }.into_any(),
            Some(Ok(queue)) => {
                let per_page = queue.per_page.max(1);
                let pages = queue.total.div_ceil(per_page).max(1);
                let page = queue.page.max(1);
                let status = guichet_core::tr_args(lang, "staff.page_of", &[
                    ("page", &page.to_string()), ("pages", &pages.to_string()), ("total", &queue.total.to_string()),
                ]);
                view! {
                <div class="table-wrap"><table data-testid="queue">
                    <thead><tr>
                        <th scope="col">{t("track.case_no")}</th>
                        <th scope="col">{t("staff.applicant")}</th>
                        <th scope="col">{t("staff.item")}</th>
                        <th scope="col">{t("track.department")}</th>
                        <th scope="col">{t("staff.received")}</th>
                        <th scope="col">{t("track.deadline")}</th>
                        <th scope="col">{t("track.state")}</th>
                    </tr></thead>
                    <tbody>
                        {queue.items.into_iter().map(|row| {
                            let case_no = row.case_no.clone();
                            let words = deadline_words(lang, &row);
                            let class = match row.marker.as_deref() {
                                Some("overdue") => "overdue",
                                Some("due_soon") => "due-soon",
                                _ => "",
                            };
                            view! {
                                <tr data-testid="queue-row">
                                    <td><button type="button" class="link"
                                        on:click=move |_| open.set(View::Case(case_no.clone()))>
                                        {row.case_no.clone()}</button></td>
                                    <td>{row.applicant.clone().unwrap_or_default()}</td>
                                    <td>{row.item.name.clone()}</td>
                                    <td>{row.department_name.clone()}</td>
                                    <td class="nowrap">{crate::clock::show_rfc3339(&row.received_at)}</td>
                                    <td>{row.due.clone().unwrap_or_default()}
                                        {(!words.is_empty()).then(|| view! { " " <span class=class>{words}</span> })}
                                        {row.due_provisional.then(|| provisional_mark(lang, row.due.clone()))}</td>
                                    <td>{row.state_label.clone()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table></div>
                <nav class="pager" aria-label=t("staff.queue")>
                    <button type="button" class="secondary" disabled={page <= 1}
                        on:click=move |_| ask.update(|a| a.page = page - 1)>{t("staff.prev")}</button>
                    <span role="status" data-testid="queue-total">{status}</span>
                    <button type="button" class="secondary" disabled={page >= pages}
                        on:click=move |_| ask.update(|a| a.page = page + 1)>{t("staff.next")}</button>
                </nav>
            }.into_any()},
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
                                " " {item.item.name.clone()}
                                " · " {item.due.clone()} " "
                                <span class="overdue">{over}</span>
                                {item.provisional.then(|| provisional_mark(i18n.lang(), Some(item.due.clone())))}
                                {(item.kind == "part").then(|| format!(" ({})", i18n.t("track.parts")))}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }).collect_view().into_any(),
        }}
    }
}
