//! 办事指南: a search box first (results as you type, by name, department, keywords and pinyin,
//! `guichet_core::service_search`), filters 个人办事 / 法人办事 and the life events (一件事),
//! then every item by department, each department folded so the page stays short.
//! Readable and searchable offline after one visit: the list (with each name's pinyin, computed
//! by the server) is kept on the device (see [`super::service::load`]). `?q=`, `?for=` and
//! `?event=` preset the search (the home page's box lands here) and follow it as it changes.
use std::sync::Arc;

use guichet_core::CaseType;
use guichet_core::service::{Audience, DepartmentRef, LifeEvent, ServiceTags};
use guichet_core::service_search::{Searchable, ServiceIndex, pieces};
use leptos::prelude::*;
use leptos_router::components::A;
use serde::Deserialize;

use crate::app::query_param;
use crate::i18n::{I18n, use_i18n};
use crate::routes::service::{Loaded, load};

/// One line of `GET /api/services`.
#[derive(Debug, Clone, Deserialize)]
pub struct ServiceSummary {
    pub code: String,
    pub name: String,
    pub department: DepartmentRef,
    pub case_type: CaseType,
    pub promised_days: u32,
    pub legal_days: u32,
    #[serde(default)]
    pub form_version: Option<u32>,
    /// One syllable per character of the name (absent from an older kept copy).
    #[serde(default)]
    pub pinyin: String,
    #[serde(default)]
    pub tags: ServiceTags,
}

#[derive(Clone, Deserialize)]
struct ServiceList {
    services: Vec<ServiceSummary>,
}

/// The list and its search index, built once per load.
struct Catalogue {
    items: Vec<ServiceSummary>,
    index: ServiceIndex,
}

impl Catalogue {
    fn new(items: Vec<ServiceSummary>) -> Catalogue {
        let index = ServiceIndex::new(items.iter().map(|s| Searchable {
            code: &s.code,
            name: &s.name,
            department: &s.department.name,
            keywords: &s.tags.keywords,
            pinyin: &s.pinyin,
        }));
        Catalogue { items, index }
    }

    /// Whether `item` passes the audience filter (an item that says none passes every one).
    fn for_audience(item: &ServiceSummary, audience: Option<Audience>) -> bool {
        audience.is_none_or(|a| item.tags.audiences.is_empty() || item.tags.audiences.contains(&a))
    }

    /// The items to list for a query or a life event, with the name's ranges to mark; `None`
    /// when neither is given (the page then shows only the departments).
    fn found(
        &self,
        query: &str,
        audience: Option<Audience>,
        event: Option<LifeEvent>,
    ) -> Option<Vec<(usize, Vec<core::ops::Range<usize>>)>> {
        let keep = |index: usize| {
            let item = &self.items[index];
            Catalogue::for_audience(item, audience)
                && event.is_none_or(|e| item.tags.life_events.contains(&e))
        };
        if !query.trim().is_empty() {
            let hits = self.index.search(query);
            return Some(
                hits.into_iter()
                    .filter(|hit| keep(hit.index))
                    .map(|hit| (hit.index, hit.name_ranges))
                    .collect(),
            );
        }
        event.map(|_| {
            (0..self.items.len())
                .filter(|&i| keep(i))
                .map(|i| (i, Vec::new()))
                .collect()
        })
    }
}

/// Writes the search into the address (replacing it: typing is not a history of pages), so a
/// reload or a shared link shows the same results.
fn follow_in_address(query: &str, audience: Option<Audience>, event: Option<LifeEvent>) {
    let mut params = Vec::new();
    if !query.is_empty() {
        params.push(format!(
            "q={}",
            String::from(js_sys::encode_uri_component(query))
        ));
    }
    if let Some(audience) = audience {
        params.push(format!("for={}", audience.code()));
    }
    if let Some(event) = event {
        params.push(format!("event={}", event.code()));
    }
    let url = if params.is_empty() {
        "/guide".to_owned()
    } else {
        format!("/guide?{}", params.join("&"))
    };
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

#[component]
pub fn Guide() -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(|| load::<ServiceList>("services", "list"));
    let initial = query_param("/guide", "q")
        .get_untracked()
        .unwrap_or_default();
    let query = RwSignal::new(initial.clone());
    let audience = RwSignal::new(
        query_param("/guide", "for")
            .get_untracked()
            .and_then(|code| Audience::of_code(&code)),
    );
    let event = RwSignal::new(
        query_param("/guide", "event")
            .get_untracked()
            .and_then(|code| LifeEvent::of_code(&code)),
    );
    Effect::new(move |first: Option<()>| {
        let (q, a, e) = (query.get(), audience.get(), event.get());
        if first.is_some() {
            follow_in_address(&q, a, e);
        }
    });
    view! {
        <h1>{move || i18n.t("guide.heading")}</h1>
        <p class="lead">{move || i18n.t("guide.lead")}</p>
        <form class="finder" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="guide-q">{move || i18n.t("finding.search.label")}</label>
            <p id="guide-q-hint" class="hint">{move || i18n.t("finding.search.hint")}</p>
            <input
                id="guide-q"
                type="search"
                name="q"
                autocomplete="off"
                aria-describedby="guide-q-hint"
                value=initial
                on:input=move |ev| query.set(event_target_value(&ev))
            />
        </form>
        {move || match list.get() {
            None => view! { <p class="note">{i18n.t("fui.loading")}</p> }.into_any(),
            Some(Err(key)) => view! { <p class="banner error" role="alert">{i18n.t(key)}</p> }.into_any(),
            Some(Ok(Loaded { value, offline })) => {
                let catalogue = Arc::new(Catalogue::new(value.services));
                view! {
                    {offline.then(|| view! { <p class="banner" role="status">{i18n.t("fui.offline_copy")}</p> })}
                    <Filters catalogue=catalogue.clone() audience=audience event=event />
                    <Results catalogue=catalogue.clone() query=query audience=audience event=event />
                    <Departments catalogue=catalogue audience=audience />
                }
                .into_any()
            }
        }}
    }
}

/// A toggle button of the filters (`aria-pressed`).
fn toggle(
    label: &'static str,
    pressed: Signal<bool>,
    on_press: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="toggle"
            aria-pressed=move || if pressed.get() { "true" } else { "false" }
            on:click=move |_| on_press()
        >
            {label}
        </button>
    }
}

/// 个人办事 / 法人办事, and the life events that have items.
#[component]
fn Filters(
    catalogue: Arc<Catalogue>,
    audience: RwSignal<Option<Audience>>,
    event: RwSignal<Option<LifeEvent>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let events: Vec<LifeEvent> = LifeEvent::ALL
        .into_iter()
        .filter(|e| {
            catalogue
                .items
                .iter()
                .any(|s| s.tags.life_events.contains(e))
        })
        .collect();
    let audiences = move || {
        let all = toggle(
            i18n.t("finding.audience.all"),
            Signal::derive(move || audience.get().is_none()),
            move || audience.set(None),
        );
        let each = Audience::ALL.map(|a| {
            toggle(
                i18n.t(a.key()),
                Signal::derive(move || audience.get() == Some(a)),
                move || audience.set(Some(a)),
            )
        });
        (all, each.into_iter().collect_view())
    };
    let life_events = move || {
        events
            .iter()
            .map(|&e| {
                toggle(
                    i18n.t(e.key()),
                    Signal::derive(move || event.get() == Some(e)),
                    move || {
                        event.update(|current| {
                            *current = if *current == Some(e) { None } else { Some(e) }
                        })
                    },
                )
            })
            .collect_view()
    };
    view! {
        <div class="filters">
            <fieldset>
                <legend>{move || i18n.t("finding.audience.legend")}</legend>
                <div class="toggles">{audiences}</div>
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t("finding.events.legend")}</legend>
                <div class="toggles">{life_events}</div>
            </fieldset>
        </div>
    }
}

/// One item's line: its name (matches marked), department, case type and time limits.
fn item_line(
    i18n: I18n,
    item: &ServiceSummary,
    marks: &[core::ops::Range<usize>],
) -> impl IntoView + use<> {
    let lang = i18n.lang();
    let limit = if item.promised_days == 0 {
        i18n.t("service.on_the_spot").to_string()
    } else {
        crate::i18n::tr_args(
            lang,
            "fui.limits",
            &[
                ("promised", &item.promised_days.to_string()),
                ("legal", &item.legal_days.to_string()),
            ],
        )
    };
    let name = pieces(&item.name, marks)
        .into_iter()
        .map(|(text, marked)| {
            let text = text.to_owned();
            if marked {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view();
    view! {
        <li>
            <A href=format!("/guide/{}", item.code)><span lang="zh-CN">{name}</span></A>
            <span class="meta">
                <span class="tag">{item.case_type.label(lang)}</span>
                " " {limit}
                {item.form_version.is_some().then(|| view! { " · " {i18n.t("fui.online")} })}
            </span>
        </li>
    }
}

/// What the search or the life event found, with the count announced politely.
#[component]
fn Results(
    catalogue: Arc<Catalogue>,
    query: RwSignal<String>,
    audience: RwSignal<Option<Audience>>,
    event: RwSignal<Option<LifeEvent>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let found = {
        let catalogue = catalogue.clone();
        Memo::new(move |_| query.with(|q| catalogue.found(q, audience.get(), event.get())))
    };
    let count = move || {
        found.with(|found| match found {
            Some(found) => crate::i18n::tr_args(
                i18n.lang(),
                "finding.count",
                &[("count", &found.len().to_string())],
            ),
            None => String::new(),
        })
    };
    let list = move || {
        found.with(|found| {
            let found = found.as_ref()?;
            if found.is_empty() {
                let text = crate::i18n::tr_args(
                    i18n.lang(),
                    "finding.none",
                    &[("query", query.get_untracked().trim())],
                );
                return Some(view! { <p class="empty">{text}</p> }.into_any());
            }
            let lines = found
                .iter()
                .map(|(index, marks)| item_line(i18n, &catalogue.items[*index], marks))
                .collect_view();
            Some(view! { <ul class="items results">{lines}</ul> }.into_any())
        })
    };
    view! {
        <p class="count" role="status" aria-live="polite">{count}</p>
        {list}
    }
}

/// Every item by department, each folded under its name and count.
#[component]
fn Departments(catalogue: Arc<Catalogue>, audience: RwSignal<Option<Audience>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let audience = audience.get();
        let mut groups: Vec<(&DepartmentRef, Vec<&ServiceSummary>)> = Vec::new();
        for item in catalogue
            .items
            .iter()
            .filter(|s| Catalogue::for_audience(s, audience))
        {
            match groups
                .iter_mut()
                .find(|(d, _)| d.code == item.department.code)
            {
                Some((_, items)) => items.push(item),
                None => groups.push((&item.department, vec![item])),
            }
        }
        let empty = groups.is_empty();
        let lang = i18n.lang();
        let sections = groups
            .into_iter()
            .map(|(dept, items)| {
                let count = crate::i18n::tr_args(
                    lang,
                    "finding.items",
                    &[("count", &items.len().to_string())],
                );
                view! {
                    <details class="dept">
                        <summary>
                            <span class="dept-name" lang="zh-CN">{dept.name.clone()}</span>
                            " " <span class="meta">{count}</span>
                        </summary>
                        <ul class="items">
                            {items.into_iter().map(|s| item_line(i18n, s, &[])).collect_view()}
                        </ul>
                    </details>
                }
            })
            .collect_view();
        view! {
            <h2 class="browse">{i18n.t("finding.by_department")}</h2>
            {empty.then(|| view! { <p class="empty">{i18n.t("guide.empty")}</p> })}
            {sections}
        }
    }
}
