//! 代办今日一览 (`/guide/drafts/day`, drafts bundle): the village service room's day on one
//! page, grouped by villager and searchable by name or the ID number's last digits — each
//! one's drafts, what waits to be sent, what was sent with its case number and receipt, and
//! each tracked case's state with the time of that answer. Every case is looked up again in
//! one go when the line comes back (`village::refresh_all`: a few at a time, spaced); the day's
//! list and each villager's part print (`style/village.css`). A new application starts from
//! here with the operator's agent answers filled in (`village::agent_prefill`). The personal
//! data of cases concluded longer ago than the retention time is removed whenever the page
//! reads the device (`village::purge_due`), and one villager's data can be cleared at once.
//!
//! Plain DOM like the drafts page (`crate::dom`): this bundle's budget has no room for views.
use guichet_core::i18n::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::clock;
use crate::dom::{self, El, el};
use crate::i18n::{tr, tr_args, use_i18n};
use crate::storage::forms::Draft;
use crate::storage::outbox::{OutboxRecord, OutboxState, RecordKind, StoredReceipt};
use crate::storage::village::ApplicantRef;
use crate::storage::{Storage, stores};
use crate::sync::use_sync;
use crate::village::{self, Settings, Tracked};

thread_local! {
    /// The item the operator chose: the page is rebuilt whenever what it shows changes (a
    /// refresh, the outbox), and a new select must not fall back to the first item.
    static CHOSEN_ITEM: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The chosen item's code, as the select shows it now.
fn chosen_item() -> Option<String> {
    document()
        .get_element_by_id("village-item")
        .and_then(|select| village::text_of(&select, "value"))
        .filter(|c| !c.is_empty())
}

/// The page's path.
pub const PATH: &str = "/guide/drafts/day";

/// Everything the device holds, as read once.
#[derive(Clone, Default)]
struct Day {
    settings: Option<Settings>,
    drafts: Vec<Draft>,
    outbox: Vec<OutboxRecord>,
    receipts: Vec<StoredReceipt>,
    cases: Vec<Tracked>,
    applicants: Vec<ApplicantRef>,
    /// (used, quota) in bytes.
    estimate: Option<(f64, f64)>,
    persisted: bool,
}

async fn read_day() -> Day {
    let settings = village::settings().await;
    let Ok(storage) = Storage::shared().await else {
        return Day {
            settings: Some(settings),
            ..Day::default()
        };
    };
    if !settings.on {
        return Day {
            settings: Some(settings),
            ..Day::default()
        };
    }
    // Personal data past its time goes before anything is shown.
    if let Err(error) = village::purge_due(&storage, &settings).await {
        web_sys::console::warn_1(&error.to_string().into());
    }
    let outbox = storage.list_outbox().await.unwrap_or_default();
    // Who each waiting record is for, kept beyond its answers: its receipt will name only
    // the client id.
    let mut applicants = storage.applicants().await.unwrap_or_default();
    for record in &outbox {
        let key = format!("c:{}", record.id);
        if record.kind.has_draft()
            && !applicants.iter().any(|a| a.key == key)
            && let Some((name, id_last4)) = village::applicant_of_text(&record.answers)
        {
            let entry = ApplicantRef {
                key,
                name,
                id_last4,
            };
            let _ = storage.put_applicant(&entry).await;
            applicants.push(entry);
        }
    }
    Day {
        settings: Some(settings),
        drafts: storage.list_drafts().await.unwrap_or_default(),
        outbox,
        receipts: storage
            .raw_records(stores::RECEIPTS)
            .await
            .unwrap_or_default()
            .into_iter()
            .filter_map(|record| serde_wasm_bindgen::from_value(record).ok())
            .collect(),
        cases: storage
            .raw_records(stores::TRACKED_CASES)
            .await
            .unwrap_or_default()
            .iter()
            .filter_map(Tracked::of)
            .collect(),
        applicants,
        estimate: village::estimate().await,
        // 代办 mode keeps the device's storage: asked again until the browser agrees.
        persisted: village::persisted().await || village::request_persistence().await,
    }
}

/// One line under a villager.
struct Line {
    item: String,
    /// `village.kind.*`, the line's state.
    kind: &'static str,
    case_no: Option<String>,
    /// A tracked case's state in words and the time of that answer.
    state: Option<(String, String)>,
    /// Where its link goes and the link's words.
    link: Option<(String, &'static str)>,
    cleared: bool,
}

/// A villager and their lines.
struct Group {
    name: String,
    tail: String,
    lines: Vec<Line>,
    drafts: Vec<String>,
    cases: Vec<String>,
}

fn group_of(groups: &mut Vec<Group>, who: Option<(String, String)>) -> &mut Group {
    let (name, tail) = who.unwrap_or_default();
    let at = match groups.iter().position(|g| g.name == name && g.tail == tail) {
        Some(at) => at,
        None => {
            groups.push(Group {
                name,
                tail,
                lines: Vec::new(),
                drafts: Vec::new(),
                cases: Vec::new(),
            });
            groups.len() - 1
        }
    };
    &mut groups[at]
}

/// The device's records grouped by villager, in the order first met.
fn groups(day: &Day) -> Vec<Group> {
    let known = |key: String| {
        day.applicants
            .iter()
            .find(|a| a.key == key)
            .map(|a| (a.name.clone(), a.id_last4.clone()))
    };
    let mut groups: Vec<Group> = Vec::new();
    for draft in day.drafts.iter().filter(|d| d.submitted_as.is_none()) {
        let group = group_of(&mut groups, village::applicant_of_text(&draft.answers));
        group.drafts.push(draft.id.clone());
        group.lines.push(Line {
            item: draft.item_name.clone(),
            kind: "village.kind.draft",
            case_no: None,
            state: None,
            link: Some((
                format!(
                    "/guide/apply/{}?draft={}&step={}",
                    draft.item_code, draft.id, draft.step
                ),
                "village.continue",
            )),
            cleared: false,
        });
    }
    for record in day.outbox.iter().filter(|r| r.kind.has_draft()) {
        let who = village::applicant_of_text(&record.answers)
            .or_else(|| known(format!("c:{}", record.id)));
        let kind = match record.state {
            OutboxState::Pending => "village.kind.waiting",
            OutboxState::Sending => "village.kind.sending",
            OutboxState::Refused => "village.kind.refused",
        };
        group_of(&mut groups, who).lines.push(Line {
            item: record.item_name.clone(),
            kind,
            case_no: (record.kind == RecordKind::Supplement)
                .then(|| record.case_no.clone())
                .flatten(),
            state: None,
            link: None,
            cleared: false,
        });
    }
    // Cases: those sent from here (receipts) and those followed, once each.
    let mut numbers: Vec<String> = day.receipts.iter().map(|r| r.case_no.clone()).collect();
    for case in &day.cases {
        if !numbers.contains(&case.case_no) {
            numbers.push(case.case_no.clone());
        }
    }
    for no in numbers {
        let receipt = day.receipts.iter().find(|r| r.case_no == no);
        let tracked = day.cases.iter().find(|c| c.case_no == no);
        let view = tracked.and_then(|c| c.view.as_ref());
        let answers = tracked.and_then(Tracked::answers);
        let client_id = receipt.map(|r| r.client_id.clone());
        let who = answers
            .and_then(village::applicant)
            .or_else(|| known(format!("n:{no}")))
            .or_else(|| client_id.clone().and_then(|id| known(format!("c:{id}"))));
        let item = view
            .map(|v| v.item.name.clone())
            .filter(|name| !name.is_empty())
            .or_else(|| receipt.map(|r| r.item_name.clone()))
            .unwrap_or_default();
        let state = view.map(|v| (v.state_label.clone(), clock::show_rfc3339(&v.as_of)));
        let group = group_of(&mut groups, who);
        group.cases.push(no.clone());
        group.lines.push(Line {
            item,
            kind: "village.kind.sent",
            case_no: Some(no),
            state,
            link: client_id.map(|id| (format!("/guide/receipt/{id}"), "village.receipt")),
            cleared: view.is_some() && answers.is_none(),
        });
    }
    groups
}

/// Whether a villager matches the search: the name contains it, or the ID number ends with
/// it (typed digits, any case of X).
fn matches(group: &Group, query: &str) -> bool {
    let query = query.trim();
    if query.is_empty() {
        return true;
    }
    group.name.contains(query) || {
        let upper = query.to_ascii_uppercase();
        !group.tail.is_empty() && (group.tail.ends_with(&upper) || upper.ends_with(&group.tail))
    }
}

/// The page's state (all `Copy`, for the listeners).
#[derive(Clone, Copy)]
struct Page {
    reload: RwSignal<u32>,
    query: RwSignal<String>,
    /// The villager (group index) whose clearing awaits confirmation.
    confirming: RwSignal<Option<usize>>,
    message: RwSignal<Option<String>>,
    refreshing: RwSignal<bool>,
    /// The services with a form, (code, name), once read.
    items: RwSignal<Option<Vec<(String, String)>>>,
}

impl Page {
    fn changed(self) {
        self.reload.update(|r| *r = r.wrapping_add(1));
    }

    /// Looks every case up again, then reads the device again.
    fn refresh(self, lang: Lang) {
        if self.refreshing.get_untracked() {
            return;
        }
        self.refreshing.set(true);
        spawn_local(async move {
            let text = match Storage::shared().await {
                Ok(storage) => match village::refresh_all(&storage).await {
                    Ok((ok, failed)) => tr_args(
                        lang,
                        "village.refreshed",
                        &[("ok", &ok.to_string()), ("failed", &failed.to_string())],
                    ),
                    Err(_) => tr(lang, "storage.unavailable").to_owned(),
                },
                Err(_) => tr(lang, "storage.unavailable").to_owned(),
            };
            self.refreshing.set(false);
            self.message.set(Some(text));
            self.changed();
        });
    }

    fn clear(self, drafts: Vec<String>, cases: Vec<String>) {
        self.confirming.set(None);
        spawn_local(async move {
            if let Ok(storage) = Storage::shared().await
                && let Err(error) = village::clear_now(&storage, &drafts, &cases).await
            {
                web_sys::console::warn_1(&error.to_string().into());
            }
            self.changed();
        });
    }

    /// Reads the services with a form (online, else the guide's kept copy) for the picker.
    fn load_items(self) {
        spawn_local(async move {
            let storage = Storage::shared().await.ok();
            let text = match api::get_text("services").await {
                Ok(text) => {
                    if let Some(storage) = &storage {
                        let _ = storage.put_cached("list", &text).await;
                    }
                    Some(text)
                }
                Err(_) => match &storage {
                    Some(storage) => storage.get_cached("list").await.ok().flatten(),
                    None => None,
                },
            };
            let mut items = Vec::new();
            if let Some(list) = text
                .and_then(|t| js_sys::JSON::parse(&t).ok())
                .and_then(|v| village::object_of(&v, "services"))
            {
                for item in js_sys::Array::from(&list).iter() {
                    let has_form = js_sys::Reflect::get(&item, &"form_version".into())
                        .is_ok_and(|v| v.as_f64().is_some());
                    if let (true, Some(code), Some(name)) = (
                        has_form,
                        village::text_of(&item, "code"),
                        village::text_of(&item, "name"),
                    ) {
                        items.push((code, name));
                    }
                }
            }
            self.items.set(Some(items));
        });
    }

    /// Opens the form of the chosen item with the operator's agent answers filled in.
    fn start(self) {
        let Some(code) = chosen_item() else {
            return;
        };
        spawn_local(async move {
            let storage = Storage::shared().await.ok();
            let key = format!("item:{code}");
            // Kept as the form filler keeps it, so that the form opens offline too.
            let text = match api::get_text(&format!("services/{code}")).await {
                Ok(text) => {
                    if let Some(storage) = &storage {
                        let _ = storage.put_cached(&key, &text).await;
                    }
                    Some(text)
                }
                Err(_) => match &storage {
                    Some(storage) => storage.get_cached(&key).await.ok().flatten(),
                    None => None,
                },
            };
            let settings = village::settings().await;
            let prefill = text.and_then(|t| village::agent_prefill(&settings, &t));
            let mut href = format!("/guide/apply/{code}");
            if let Some(answers) = prefill {
                href.push_str("?prefill=");
                href.push_str(&String::from(js_sys::encode_uri_component(&answers)));
            }
            crate::app::go_to_other_bundle(&href);
        });
    }
}

/// Prints the page, or only the villager `index` (the print styles hide the others).
fn print(index: Option<usize>) {
    let chosen = index.and_then(|i| {
        document()
            .query_selector(&format!(".villager[data-index=\"{i}\"]"))
            .ok()
            .flatten()
    });
    let body = document().body();
    if let (Some(body), Some(chosen)) = (&body, &chosen) {
        let _ = body.class_list().add_1("print-one");
        let _ = chosen.class_list().add_1("print-this");
    }
    let _ = window().print();
    if let (Some(body), Some(chosen)) = (body, chosen) {
        let _ = body.class_list().remove_1("print-one");
        let _ = chosen.class_list().remove_1("print-this");
    }
}

#[component]
pub fn VillageDay() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let page = Page {
        reload: RwSignal::new(0),
        query: RwSignal::new(String::new()),
        confirming: RwSignal::new(None),
        message: RwSignal::new(None),
        refreshing: RwSignal::new(false),
        items: RwSignal::new(None),
    };
    page.load_items();
    let day = RwSignal::new(None::<Day>);
    Effect::new(move |_| {
        sync.revision.track();
        page.reload.track();
        spawn_local(async move { day.set(Some(read_day().await)) });
    });
    // The line is back and the outbox empty: every case is looked up again, once per return
    // (and once when the page opens online).
    Effect::new(move |was_ready: Option<bool>| {
        let ready = sync.online.get() && sync.pending.get() == Some(0);
        let on = day.with(|d| {
            d.as_ref()
                .and_then(|d| d.settings.as_ref())
                .is_some_and(|s| s.on)
        });
        if ready && on && was_ready != Some(true) {
            page.refresh(i18n.lang());
        }
        ready && on
    });
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let lang = i18n.lang();
        let content = whole(page, lang, day.get(), sync.online.get());
        dom::replace_keeping_focus(&root, content);
    });
    view! { <div node_ref=root class="village-day"></div> }
}

fn button(lang: Lang, key: &'static str, testid: &str) -> El {
    el("button")
        .attr("type", "button")
        .class("secondary")
        .attr("data-testid", testid)
        .text(tr(lang, key))
}

fn whole(page: Page, lang: Lang, day: Option<Day>, online: bool) -> El {
    let heading = el("h1").text(tr(lang, "village.heading"));
    let Some(day) = day else {
        return el("div").child(heading);
    };
    let settings = day.settings.clone().unwrap_or_default();
    if !settings.on {
        return el("div")
            .child(heading)
            .child(
                el("p")
                    .class("banner")
                    .attr("data-testid", "village-off")
                    .text(tr(lang, "village.off")),
            )
            .child(
                el("p").child(
                    el("a")
                        .attr("href", "/settings")
                        .attr("rel", "external")
                        .text(tr(lang, "village.settings_link")),
                ),
            );
    }
    let operator = tr_args(
        lang,
        "village.operator",
        &[("name", &settings.name), ("phone", &settings.phone)],
    );
    let message = page.message.get().map(|text| {
        el("p")
            .class("banner no-print")
            .attr("role", "status")
            .attr("data-testid", "village-message")
            .text(&text)
    });
    let refresh = button(
        lang,
        if page.refreshing.get() {
            "village.refreshing"
        } else {
            "village.refresh"
        },
        "village-refresh",
    );
    let refresh = if online {
        refresh.on("click", move |_| page.refresh(lang))
    } else {
        refresh.attr("disabled", "")
    };
    let tools = el("div")
        .class("actions no-print")
        .child(refresh)
        .child(button(lang, "village.print_day", "village-print").on("click", |_| print(None)));
    let search = el("p")
        .class("field no-print")
        .child(
            el("label")
                .attr("for", "village-search")
                .text(tr(lang, "village.search")),
        )
        .child(
            el("input")
                .attr("id", "village-search")
                .attr("type", "search")
                .attr("data-testid", "village-search")
                .attr("value", &page.query.get())
                .on("input", move |event| {
                    page.query.set(dom::target_value(&event))
                }),
        );
    let all = groups(&day);
    let query = page.query.get();
    let shown: Vec<(usize, Group)> = all
        .into_iter()
        .enumerate()
        .filter(|(_, g)| matches(g, &query))
        .collect();
    let list = if shown.is_empty() {
        el("p").class("empty").text(tr(
            lang,
            if query.trim().is_empty() {
                "village.nobody"
            } else {
                "village.no_match"
            },
        ))
    } else {
        el("div")
            .attr("data-testid", "villagers")
            .children(shown.into_iter().map(|(i, g)| villager(page, lang, i, g)))
    };
    el("div")
        .child(heading)
        .child(el("p").class("lead").text(&operator))
        .child(
            el("p")
                .class("print-only")
                .text(&clock::center_minute(clock::now_ms())),
        )
        .maybe(message)
        .child(tools)
        .child(new_application(page, lang))
        .child(search)
        .child(list)
        .child(
            el("p")
                .class("note")
                .attr("data-testid", "village-kept")
                .text(&tr_args(
                    lang,
                    "village.kept",
                    &[("days", &settings.retention_days.to_string())],
                )),
        )
        .child(storage_part(lang, day.estimate, day.persisted))
}

/// The picker of a new application for a villager.
fn new_application(page: Page, lang: Lang) -> El {
    let part = el("section")
        .class("village-new no-print")
        .attr("aria-labelledby", "village-new-heading")
        .child(
            el("h2")
                .attr("id", "village-new-heading")
                .text(tr(lang, "village.new")),
        );
    match page.items.get() {
        None => part,
        Some(items) if items.is_empty() => part.child(
            el("p")
                .class("note")
                .attr("data-testid", "village-no-items")
                .text(tr(lang, "village.no_items")),
        ),
        Some(items) => part.child(
            el("p")
                .class("field")
                .child(
                    el("label")
                        .attr("for", "village-item")
                        .text(tr(lang, "village.item")),
                )
                .child(
                    el("select")
                        .attr("id", "village-item")
                        .attr("data-testid", "village-item")
                        .on("change", |_| {
                            if let Some(code) = chosen_item() {
                                CHOSEN_ITEM.with(|chosen| *chosen.borrow_mut() = code);
                            }
                        })
                        .children(items.into_iter().map(|(code, name)| {
                            let option = el("option")
                                .attr("value", &code)
                                .text(&format!("{code} {name}"));
                            if CHOSEN_ITEM.with(|chosen| *chosen.borrow() == code) {
                                option.attr("selected", "")
                            } else {
                                option
                            }
                        })),
                )
                .child(
                    el("button")
                        .attr("type", "button")
                        .attr("data-testid", "village-start")
                        .text(tr(lang, "village.start"))
                        .on("click", move |_| page.start()),
                ),
        ),
    }
}

/// One villager: name and ID tail, their lines, print and clear.
fn villager(page: Page, lang: Lang, index: usize, group: Group) -> El {
    let title = if group.name.is_empty() {
        tr(lang, "village.unknown").to_owned()
    } else {
        group.name.clone()
    };
    let tail = (!group.tail.is_empty()).then(|| {
        el("span")
            .class("meta")
            .text(&tr_args(lang, "village.id_tail", &[("tail", &group.tail)]))
    });
    let lines = el("ul")
        .class("records")
        .children(group.lines.into_iter().map(|line| {
            let sent = line.case_no_is_sent();
            let case = line.case_no.map(|no| {
                el("span")
                    .class("case-no")
                    .attr("data-testid", "village-case-no")
                    .text(&tr_args(lang, "village.case_no", &[("no", &no)]))
            });
            let state = match (&line.state, sent) {
                (Some((label, at)), _) => Some(
                    el("span")
                        .class("state")
                        .attr("data-testid", "village-case-state")
                        .text(&format!(
                            "{label} · {}",
                            tr_args(lang, "village.as_of", &[("time", at)])
                        )),
                ),
                (None, true) => Some(
                    el("span")
                        .class("state")
                        .text(tr(lang, "village.not_checked")),
                ),
                (None, false) => None,
            };
            let link = line.link.map(|(href, key)| {
                el("a")
                    .attr("href", &href)
                    .attr("rel", "external")
                    .class("button secondary no-print")
                    .attr("data-testid", "village-link")
                    .text(tr(lang, key))
            });
            el("li")
                .class("record")
                .attr("data-testid", "village-line")
                .attr("data-kind", line.kind.trim_start_matches("village.kind."))
                .child(el("strong").child(crate::routes::apply::words(lang, &line.item)))
                .child(
                    el("span")
                        .class("kind")
                        .attr("data-testid", "village-kind")
                        .text(tr(lang, line.kind)),
                )
                .maybe(case)
                .maybe(state)
                .maybe(line.cleared.then(|| {
                    el("span")
                        .class("meta")
                        .attr("data-testid", "village-cleared")
                        .text(tr(lang, "village.cleared"))
                }))
                .maybe(link)
        }));
    let (drafts, cases) = (group.drafts, group.cases);
    let clear = if page.confirming.get() == Some(index) {
        el("span")
            .class("confirm")
            .attr("role", "group")
            .text(tr(lang, "village.clear_confirm"))
            .child(
                el("button")
                    .attr("type", "button")
                    .class("danger")
                    .attr("data-testid", "village-clear-yes")
                    .text(tr(lang, "village.clear_yes"))
                    .on("click", move |_| page.clear(drafts.clone(), cases.clone())),
            )
            .child(
                button(lang, "village.cancel", "village-clear-cancel")
                    .on("click", move |_| page.confirming.set(None)),
            )
    } else {
        button(lang, "village.clear", "village-clear")
            .on("click", move |_| page.confirming.set(Some(index)))
    };
    el("section")
        .class("villager")
        .attr("data-testid", "villager")
        .attr("data-index", &index.to_string())
        .child(el("h2").text(&title).maybe(tail))
        .child(lines)
        .child(
            el("div")
                .class("actions no-print")
                .child(
                    button(lang, "village.print_one", "village-print-one")
                        .on("click", move |_| print(Some(index))),
                )
                .child(clear),
        )
}

impl Line {
    /// Whether this line is a sent case (whose state may not have been asked yet).
    fn case_no_is_sent(&self) -> bool {
        self.kind == "village.kind.sent"
    }
}

/// Storage used against the browser's quota, a warning when nearly full, and persistence.
fn storage_part(lang: Lang, estimate: Option<(f64, f64)>, persisted: bool) -> El {
    let mut part = el("section")
        .class("no-print")
        .attr("aria-labelledby", "village-storage-heading")
        .child(
            el("h2")
                .attr("id", "village-storage-heading")
                .text(tr(lang, "village.storage")),
        );
    if let Some((used, quota)) = estimate.filter(|(_, q)| *q > 0.0) {
        let share = used / quota;
        let bytes = |n: f64| guichet_core::form::validate::format_bytes(n as u64);
        part = part.child(
            el("p")
                .attr("data-testid", "village-storage")
                .text(&tr_args(
                    lang,
                    "village.storage_used",
                    &[
                        ("used", &bytes(used)),
                        ("quota", &bytes(quota)),
                        // Whole percent: float formatting would add its code to the bundle.
                        ("pct", &((share * 100.0) as u32).to_string()),
                    ],
                )),
        );
        if share >= village::NEARLY_FULL {
            part = part.child(
                el("p")
                    .class("banner error")
                    .attr("role", "alert")
                    .attr("data-testid", "village-nearly-full")
                    .text(tr(lang, "village.storage_full_soon")),
            );
        }
    }
    part.child(el("p").attr("data-testid", "village-persisted").text(tr(
        lang,
        if persisted {
            "village.persisted"
        } else {
            "village.not_persisted"
        },
    )))
}
