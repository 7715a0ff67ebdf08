//! 信息公开: the government information disclosure catalog — keep it on the device, browse it
//! by topic, agency, year and validity with counts, and search it.
//!
//! The search and the filters live in the URL (`?q=&topic=&agency=&year=&validity=&page=`), so
//! the back button from an entry returns to the same results. With a local copy the search runs
//! in the catalog worker, offline; without one, and online, it asks the server (which also
//! searches the 正文).

use guichet_core::catalog::search::{
    Facets, Field, FieldHighlights, Filters, KEYWORD_SEPARATOR, SearchQuery,
};
use guichet_core::catalog::{CatalogEntry, Topic, Validity};
use guichet_core::service_search::{page_numbers, term_ranges};
use std::cell::Cell;
use std::rc::Rc;

use crate::i18n::{tr, tr_args};
use guichet_catalog_worker::SyncState;
use guichet_core::i18n::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde::Deserialize;

use crate::api;
use crate::catalog::dom::{self, El, el, highlighted};
use crate::catalog::search::{CatalogSearch, SearchError};
use crate::catalog::store::CatalogStore;
use crate::catalog::sync::{CatalogSync, Progress, SyncProblem, use_catalog_sync};
use crate::i18n::use_i18n;
use crate::sync::use_sync;

/// Results per page.
pub const PAGE_SIZE: u32 = 20;

#[component]
pub fn Disclosure() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_catalog_sync();
    let online = use_sync().online;
    let query = use_query_map();
    let navigate = use_navigate();
    let go: Go = Rc::new(move |href: &str| navigate(href, Default::default()));
    sync.refresh_usage();
    let panel = NodeRef::<leptos::html::Div>::new();
    let browse = NodeRef::<leptos::html::Div>::new();
    let all_bodies = Rc::new(Cell::new(false));
    // The panel follows the sync's signals; it is small and rebuilt whole.
    Effect::new(move |_| {
        let Some(root) = panel.get() else { return };
        let view = PanelView {
            lang: i18n.lang(),
            state: sync.state.get(),
            running: sync.running.get(),
            progress: sync.progress.get(),
            problem: sync.problem.get(),
            usage: sync.usage.get(),
            online: online.get(),
        };
        dom::replace(&root, render_panel(&view, sync, all_bodies.clone()));
    });
    // The results follow the URL, the language and the local copy; a newer search wins.
    let sequence = Rc::new(Cell::new(0u32));
    let local = Memo::new(move |_| {
        sync.state
            .get()
            .is_some_and(|s| s.kept && (s.entries > 0 || s.revision > 0))
    });
    Effect::new(move |_| {
        let Some(root) = browse.get() else { return };
        let params = read_params(&query.get());
        let lang = i18n.lang();
        let (local, online) = (local.get(), online.get());
        sync.generation.track();
        let number = sequence.get().wrapping_add(1);
        sequence.set(number);
        let sequence = sequence.clone();
        let go = go.clone();
        dom::replace(&root, render_form(lang, &params, go.clone(), None));
        spawn_local(async move {
            let outcome = run_search(params.clone(), local, online).await;
            if sequence.get() == number {
                dom::replace(&root, render_form(lang, &params, go, Some(outcome)));
            }
        });
    });
    // Where to go when the catalog does not have it: 依申请公开, after the search (which comes
    // first; a search that finds nothing links here too), rebuilt with the language only.
    let request = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = request.get() else { return };
        dom::replace(
            &root,
            crate::routes::disclosure_guide::request_box(i18n.lang()),
        );
    });
    view! {
        <h1>{move || i18n.t("disclosure.heading")}</h1>
        <p class="lead">{move || i18n.t("disclosure.lead")}</p>
        <div node_ref=browse></div>
        <div node_ref=request></div>
        <div node_ref=panel></div>
    }
}

/// Navigates inside the app.
type Go = Rc<dyn Fn(&str)>;

/// Formats a byte count for people (integers only: float formatting is heavy in wasm).
pub fn human_bytes(bytes: f64) -> String {
    let bytes = bytes.max(0.0) as u64;
    if bytes >= 1024 * 1024 {
        let tenths = bytes * 10 / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Formats a time in milliseconds since the epoch, in the device's time zone.
pub fn local_time(millis: f64) -> String {
    crate::clock::local_minute(millis)
}

/// What the offline panel shows.
struct PanelView {
    lang: Lang,
    state: Option<SyncState>,
    running: bool,
    progress: Option<Progress>,
    problem: Option<SyncProblem>,
    usage: Option<(f64, f64)>,
    online: bool,
}

/// The "keep the catalog for offline use" panel: the choice, the download's progress, what is
/// stored and when it was last brought up to date.
fn render_panel(view: &PanelView, sync: CatalogSync, all_bodies: Rc<Cell<bool>>) -> El {
    let lang = view.lang;
    let t = |key: &'static str| tr(lang, key);
    let kept = view.state.as_ref().is_some_and(|s| s.kept);
    let mut status = String::new();
    if let Some(state) = view.state.as_ref().filter(|s| s.kept) {
        status = tr_args(
            lang,
            "catalog_ui.offline.count",
            &[("count", &state.entries.to_string())],
        );
        if let Some((usage, _)) = view.usage {
            status.push(' ');
            status.push_str(&tr_args(
                lang,
                "catalog_ui.offline.usage",
                &[("size", &human_bytes(usage))],
            ));
        }
        if let Some(at) = state.last_sync_ms {
            status.push(' ');
            status.push_str(&tr_args(
                lang,
                "catalog_ui.offline.last_sync",
                &[("time", &local_time(at))],
            ));
        }
        if state.all_bodies {
            status.push(' ');
            status.push_str(t("catalog_ui.offline.all_bodies_kept"));
        }
    }
    let entries = view.state.as_ref().map_or(0, |s| s.entries);
    let progress = view.progress.map(|progress| {
        let percent = progress.percent().to_string();
        el("div")
            .child(
                el("label")
                    .attr("for", "catalog-progress-bar")
                    .text(&tr_args(
                        lang,
                        "catalog_ui.offline.downloading",
                        &[("percent", &percent), ("count", &entries.to_string())],
                    )),
            )
            .child(
                el("progress")
                    .attr("id", "catalog-progress-bar")
                    .attr("max", "100")
                    .attr("value", &percent)
                    .text(&format!("{percent}%")),
            )
    });
    let problem = view.problem.map(|problem| {
        el("p")
            .class("catalog-problem")
            .attr("role", "alert")
            .attr("data-testid", "catalog-problem")
            .text(t(problem.key()))
    });
    let mut checkbox = el("input")
        .attr("type", "checkbox")
        .attr("id", "catalog-all-bodies")
        .attr("data-testid", "catalog-all-bodies");
    if all_bodies.get() {
        checkbox = checkbox.attr("checked", "");
    }
    let flag = all_bodies.clone();
    let checkbox = checkbox.on("change", move |ev| flag.set(dom::target_checked(&ev)));
    let mut keep = el("button")
        .attr("type", "button")
        .class("primary")
        .attr("data-testid", "catalog-keep")
        .text(t(if kept {
            "catalog_ui.offline.update"
        } else {
            "catalog_ui.offline.keep"
        }))
        .on("click", move |_| sync.keep(all_bodies.get()));
    if view.running || !view.online {
        keep = keep.attr("disabled", "");
    }
    let forget = kept.then(|| {
        let button = el("button")
            .attr("type", "button")
            .attr("data-testid", "catalog-forget")
            .text(t("catalog_ui.offline.forget"))
            .on("click", move |_| sync.forget());
        if view.running {
            button.attr("disabled", "")
        } else {
            button
        }
    });
    el("section")
        .class("catalog-offline")
        .attr("aria-labelledby", "catalog-offline-heading")
        .child(
            el("h2")
                .attr("id", "catalog-offline-heading")
                .text(t("catalog_ui.offline.heading")),
        )
        .maybe((!kept).then(|| el("p").text(t("catalog_ui.offline.explain"))))
        .child(
            el("p")
                .class("catalog-status")
                .attr("data-testid", "catalog-status")
                .text(&status),
        )
        .child(
            el("div")
                .class("catalog-progress")
                .attr("aria-live", "polite")
                .attr("data-testid", "catalog-progress")
                .maybe(progress)
                .maybe(problem),
        )
        .child(
            el("div")
                .class("catalog-actions")
                .child(
                    el("label")
                        .class("check")
                        .child(checkbox)
                        .text(t("catalog_ui.offline.all_bodies")),
                )
                .child(keep)
                .maybe(forget),
        )
}

/// The search and filters, read from the URL.
#[derive(Debug, Clone, Default, PartialEq)]
struct Params {
    text: String,
    filters: Filters,
    page: u32,
}

impl Params {
    fn query(&self) -> SearchQuery {
        SearchQuery {
            text: self.text.clone(),
            filters: self.filters.clone(),
        }
    }

    /// The page's URL for these parameters.
    fn href(&self) -> String {
        let mut parts: Vec<(String, String)> = Vec::new();
        if !self.text.trim().is_empty() {
            parts.push(("q".into(), self.text.trim().to_string()));
        }
        let f = &self.filters;
        if let Some(topic) = f.topic {
            parts.push(("topic".into(), topic.code().into()));
        }
        if let Some(agency) = &f.agency {
            parts.push(("agency".into(), agency.clone()));
        }
        if let Some(year) = f.year {
            parts.push(("year".into(), year.to_string()));
        }
        if let Some(validity) = f.validity {
            parts.push(("validity".into(), validity.code().into()));
        }
        if self.page > 1 {
            parts.push(("page".into(), self.page.to_string()));
        }
        let query: Vec<String> = parts
            .iter()
            .map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(v))))
            .collect();
        if query.is_empty() {
            "/disclosure".into()
        } else {
            format!("/disclosure?{}", query.join("&"))
        }
    }
}

/// One result as shown: the card and the matched spans.
#[derive(Debug, Clone, PartialEq)]
struct Item {
    entry: CatalogEntry,
    highlights: Vec<FieldHighlights>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Local,
    Server,
}

/// Counts per value of each browsing dimension, values as codes (topic, validity), names or years.
#[derive(Debug, Clone, Default, PartialEq)]
struct FacetLists {
    topic: Vec<(String, u64)>,
    agency: Vec<(String, u64)>,
    year: Vec<(String, u64)>,
    validity: Vec<(String, u64)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Results {
        source: Source,
        total: u64,
        items: Vec<Item>,
        facets: FacetLists,
    },
    /// Offline without a local copy.
    Unavailable,
    /// The search failed.
    Failed,
}

/// The server's facet counts.
#[derive(Debug, Clone, Deserialize)]
struct ServerFacets {
    #[serde(default)]
    topic: Vec<ServerCount>,
    #[serde(default)]
    agency: Vec<ServerCount>,
    #[serde(default)]
    year: Vec<ServerCount>,
    #[serde(default)]
    validity: Vec<ServerCount>,
}

#[derive(Debug, Clone, Deserialize)]
struct ServerCount {
    value: String,
    count: u64,
}

#[derive(Debug, Clone, Deserialize)]
struct ServerPage {
    total: u64,
    entries: Vec<CatalogEntry>,
}

fn lists(counts: Vec<ServerCount>) -> Vec<(String, u64)> {
    counts.into_iter().map(|c| (c.value, c.count)).collect()
}

fn read_params(map: &leptos_router::params::ParamsMap) -> Params {
    let get = |key: &str| {
        map.get(key)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    Params {
        text: get("q").unwrap_or_default(),
        filters: Filters {
            topic: get("topic").and_then(|c| Topic::from_code(&c)),
            genre: None,
            agency: get("agency"),
            year: get("year").and_then(|y| y.parse().ok()),
            validity: get("validity").and_then(|c| Validity::from_code(&c)),
        },
        page: get("page").and_then(|p| p.parse().ok()).unwrap_or(1).max(1),
    }
}

/// Searches the local copy through the worker.
async fn search_local(params: &Params, db: &str) -> Result<Outcome, SearchError> {
    let search = CatalogSearch::get()?;
    search.open(db).await?;
    let query = params.query();
    let page = search.search(&query, params.page, PAGE_SIZE).await?;
    // Each dimension counts with the other filters only, so its list offers the alternatives.
    let without = |clear: fn(&mut Filters)| {
        let mut q = query.clone();
        clear(&mut q.filters);
        q
    };
    let f_topic = search.facets(&without(|f| f.topic = None)).await?;
    let f_agency = search.facets(&without(|f| f.agency = None)).await?;
    let f_year = search.facets(&without(|f| f.year = None)).await?;
    let f_validity = search.facets(&without(|f| f.validity = None)).await?;
    let facets = facet_lists(&f_topic, &f_agency, &f_year, &f_validity);
    let store = CatalogStore::shared()
        .await
        .map_err(|e| SearchError::Failed(e.to_string()))?;
    let ids: Vec<&str> = page.hits.iter().map(|h| h.entry_id.as_str()).collect();
    let entries = store
        .entries(&ids)
        .await
        .map_err(|e| SearchError::Failed(e.to_string()))?;
    let items = page
        .hits
        .into_iter()
        .zip(entries)
        .filter_map(|(hit, entry)| {
            entry.map(|entry| Item {
                entry,
                highlights: hit.highlights,
            })
        })
        .collect();
    Ok(Outcome::Results {
        source: Source::Local,
        total: page.total as u64,
        items,
        facets,
    })
}

fn facet_lists(topic: &Facets, agency: &Facets, year: &Facets, validity: &Facets) -> FacetLists {
    FacetLists {
        topic: topic
            .topic
            .iter()
            .map(|(t, c)| (t.code().to_string(), u64::from(*c)))
            .collect(),
        agency: agency
            .agency
            .iter()
            .map(|(a, c)| (a.clone(), u64::from(*c)))
            .collect(),
        year: year
            .year
            .iter()
            .map(|(y, c)| (y.to_string(), u64::from(*c)))
            .collect(),
        validity: validity
            .validity
            .iter()
            .map(|(v, c)| (v.code().to_string(), u64::from(*c)))
            .collect(),
    }
}

/// Asks the server (online, no local copy); it also searches the 正文.
async fn search_server(params: &Params) -> Result<Outcome, api::ApiError> {
    let filters = Params {
        page: 1,
        ..params.clone()
    }
    .href();
    let query = filters.split_once('?').map_or("", |(_, q)| q);
    let sep = if query.is_empty() { "" } else { "&" };
    let page: ServerPage = api::get_json(&format!(
        "catalog/entries?{query}{sep}page={}&page_size={PAGE_SIZE}",
        params.page
    ))
    .await?;
    let facets: ServerFacets = api::get_json(&format!("catalog/facets?{query}")).await?;
    Ok(Outcome::Results {
        source: Source::Server,
        total: page.total,
        items: page
            .entries
            .into_iter()
            .map(|entry| Item {
                highlights: marked_terms(&entry, &params.text),
                entry,
            })
            .collect(),
        facets: FacetLists {
            topic: lists(facets.topic),
            agency: lists(facets.agency),
            year: lists(facets.year),
            validity: lists(facets.validity),
        },
    })
}

/// Where the words of `query` occur in an entry the server found (it sends no spans), in
/// characters as [`highlighted`] counts them: the title, the abstract and the agency.
fn marked_terms(entry: &CatalogEntry, query: &str) -> Vec<FieldHighlights> {
    let in_chars = |text: &str| -> Vec<(u32, u32)> {
        let count = |bytes: usize| text.get(..bytes).map_or(0, |t| t.chars().count()) as u32;
        term_ranges(text, query)
            .into_iter()
            .map(|range| (count(range.start), count(range.end)))
            .collect()
    };
    [
        (Field::Title, in_chars(&entry.title)),
        (Field::Summary, in_chars(&entry.summary)),
        (Field::Agency, in_chars(&entry.agency)),
    ]
    .into_iter()
    .filter(|(_, ranges)| !ranges.is_empty())
    .map(|(field, ranges)| FieldHighlights { field, ranges })
    .collect()
}

async fn run_search(params: Params, local: bool, online: bool) -> Outcome {
    if local {
        let db = crate::storage::DB_NAME;
        match search_local(&params, db).await {
            Ok(outcome) => return outcome,
            Err(error) => {
                web_sys::console::warn_1(&error.to_string().into());
            }
        }
    }
    if !online {
        return Outcome::Unavailable;
    }
    match search_server(&params).await {
        Ok(outcome) => outcome,
        Err(api::ApiError::Network) => Outcome::Unavailable,
        Err(_) => Outcome::Failed,
    }
}

/// The search form and, once known, the results: filters with counts, the hits, the pager.
fn render_form(lang: Lang, params: &Params, go: Go, outcome: Option<Outcome>) -> El {
    let t = |key: &'static str| tr(lang, key);
    let input = el("input")
        .attr("id", "catalog-q")
        .attr("type", "search")
        .attr("name", "q")
        .attr("data-testid", "catalog-q")
        .attr("autocomplete", "off")
        .attr("maxlength", "200")
        .attr("placeholder", t("catalog_ui.search.placeholder"))
        .attr("value", &params.text);
    let text = Rc::new(std::cell::RefCell::new(params.text.clone()));
    let typed = text.clone();
    let input = input.on("input", move |ev| {
        *typed.borrow_mut() = dom::target_value(&ev)
    });
    let filters = params.filters.clone();
    let go_submit = go.clone();
    let form = el("form")
        .class("catalog-search")
        .attr("role", "search")
        .child(
            el("label")
                .attr("for", "catalog-q")
                .text(t("catalog_ui.search.label")),
        )
        .child(
            el("div").class("catalog-search-row").child(input).child(
                el("button")
                    .attr("type", "submit")
                    .class("primary")
                    .attr("data-testid", "catalog-search")
                    .text(t("catalog_ui.search.button")),
            ),
        )
        .on("submit", move |ev| {
            ev.prevent_default();
            let next = Params {
                text: text.borrow().clone(),
                filters: filters.clone(),
                page: 1,
            };
            go_submit(&next.href());
        });
    let body = match outcome {
        None => el("p")
            .class("catalog-loading")
            .attr("aria-live", "polite")
            .text(t("catalog_ui.search.loading")),
        Some(outcome) => render_outcome(lang, params, go, outcome),
    };
    el("section")
        .class("catalog-browse")
        .attr("aria-labelledby", "catalog-search-heading")
        .child(
            el("h2")
                .attr("id", "catalog-search-heading")
                .text(t("catalog_ui.search.heading")),
        )
        .child(form)
        .child(body)
}

fn render_outcome(lang: Lang, params: &Params, go: Go, outcome: Outcome) -> El {
    let t = |key: &'static str| tr(lang, key);
    let (source, total, items, facets) = match outcome {
        Outcome::Unavailable => {
            return el("p")
                .class("empty")
                .attr("data-testid", "catalog-unavailable")
                .text(t("catalog_ui.search.unavailable"));
        }
        Outcome::Failed => {
            return el("p")
                .class("catalog-problem")
                .attr("role", "alert")
                .text(t("catalog_ui.search.failed"));
        }
        Outcome::Results {
            source,
            total,
            items,
            facets,
        } => (source, total, items, facets),
    };
    let pages = total.div_ceil(u64::from(PAGE_SIZE)).max(1);
    let summary = tr_args(
        lang,
        "catalog_ui.search.total",
        &[
            ("total", &total.to_string()),
            ("page", &params.page.to_string()),
            ("pages", &pages.to_string()),
        ],
    );
    let source_key = match source {
        Source::Local => "catalog_ui.search.source_local",
        Source::Server => "catalog_ui.search.source_server",
    };
    let link = |page: u32, key: &'static str, rel: &str| {
        let href = Params {
            page,
            ..params.clone()
        }
        .href();
        el("a")
            .attr("href", &href)
            .attr("rel", rel)
            .attr("data-testid", &format!("catalog-{rel}"))
            .text(t(key))
    };
    let numbers = page_numbers(params.page, u32::try_from(pages).unwrap_or(u32::MAX));
    let numbered = el("ol")
        .class("pages")
        .children(numbers.into_iter().map(|number| {
            let Some(number) = number else {
                return el("li").class("gap").attr("aria-hidden", "true").text("…");
            };
            let label = tr_args(
                lang,
                "finding.catalog.page",
                &[("page", &number.to_string())],
            );
            let href = Params {
                page: number,
                ..params.clone()
            }
            .href();
            let a = el("a")
                .attr("href", &href)
                .attr("aria-label", &label)
                .text(&number.to_string());
            let a = if number == params.page {
                a.attr("aria-current", "page")
            } else {
                a
            };
            el("li").child(a)
        }));
    let pager = el("nav")
        .class("pager")
        .attr("aria-label", t("catalog_ui.pager.label"))
        .maybe((params.page > 1).then(|| link(params.page - 1, "catalog_ui.pager.prev", "prev")))
        .maybe((pages > 1).then_some(numbered))
        .maybe(
            (u64::from(params.page) < pages)
                .then(|| link(params.page + 1, "catalog_ui.pager.next", "next")),
        );
    let searched = !params.text.trim().is_empty() || params.filters != Filters::default();
    let advice = (total == 0 && searched).then(|| no_results(lang, params));
    el("div")
        .child(render_facets(lang, &facets, params, go))
        .child(
            el("p")
                .class("catalog-total")
                .attr("aria-live", "polite")
                .attr("data-testid", "catalog-total")
                .text(&summary)
                .text(" ")
                .child(
                    el("span")
                        .class("catalog-source")
                        .attr("data-testid", "catalog-source")
                        .text(t(source_key)),
                ),
        )
        .child(
            el("ol")
                .class("catalog-results")
                .attr("data-testid", "catalog-results")
                .children(items.into_iter().map(|item| render_card(lang, item))),
        )
        .maybe(advice)
        .child(pager)
}

/// What to try when a search finds nothing: other words, fewer words, the whole catalog (when
/// filters narrowed it), and 依申请公开.
fn no_results(lang: Lang, params: &Params) -> El {
    let t = |key: &'static str| tr(lang, key);
    let said = tr_args(
        lang,
        "finding.catalog.none",
        &[("query", params.text.trim())],
    );
    let whole = (params.filters != Filters::default()).then(|| {
        let href = Params {
            text: params.text.clone(),
            ..Params::default()
        }
        .href();
        el("li").child(
            el("a")
                .attr("href", &href)
                .attr("data-testid", "catalog-search-all")
                .text(t("finding.catalog.advice_all")),
        )
    });
    el("div")
        .class("no-results")
        .attr("data-testid", "catalog-no-results")
        .child(el("p").class("empty").text(&said))
        .child(el("p").text(t("finding.catalog.advice_heading")))
        .child(
            el("ul")
                .child(el("li").text(t("finding.catalog.advice_words")))
                .child(el("li").text(t("finding.catalog.advice_fewer")))
                .maybe(whole)
                .child(
                    el("li").child(
                        crate::app::link(
                            crate::routes::disclosure_guide::FORM,
                            crate::app::Bundle::Disclosure,
                        )
                        .attr("data-testid", "catalog-advice-request")
                        .text(t("finding.catalog.advice_request")),
                    ),
                ),
        )
}

/// A browsing dimension: query name, label key, selected value, options (value, label, count).
type Dimension = (
    &'static str,
    &'static str,
    Option<String>,
    Vec<(String, String, u64)>,
);

/// The four browsing dimensions as selects with counts; choosing a value reloads the results.
fn render_facets(lang: Lang, facets: &FacetLists, params: &Params, go: Go) -> El {
    let f = &params.filters;
    let label_topic = |code: &str| {
        Topic::from_code(code).map_or(code.to_string(), |t| {
            crate::i18n::tr(lang, t.label_key()).to_string()
        })
    };
    let label_validity = |code: &str| {
        Validity::from_code(code).map_or(code.to_string(), |v| {
            crate::i18n::tr(lang, v.label_key()).to_string()
        })
    };
    let dims: [Dimension; 4] = [
        (
            "topic",
            "catalog.field.topic",
            f.topic.map(|t| t.code().to_string()),
            facets
                .topic
                .iter()
                .map(|(c, n)| (c.clone(), label_topic(c), *n))
                .collect(),
        ),
        (
            "agency",
            "catalog.field.agency",
            f.agency.clone(),
            facets
                .agency
                .iter()
                .map(|(a, n)| (a.clone(), a.clone(), *n))
                .collect(),
        ),
        (
            "year",
            "catalog_ui.facet.year",
            f.year.map(|y| y.to_string()),
            facets
                .year
                .iter()
                .map(|(y, n)| (y.clone(), y.clone(), *n))
                .collect(),
        ),
        (
            "validity",
            "catalog.field.validity",
            f.validity.map(|v| v.code().to_string()),
            facets
                .validity
                .iter()
                .map(|(c, n)| (c.clone(), label_validity(c), *n))
                .collect(),
        ),
    ];
    let group = el("div")
        .class("catalog-facets")
        .attr("role", "group")
        .attr("aria-label", tr(lang, "catalog_ui.facet.label"));
    group.children(
        dims.into_iter()
            .map(|(name, label_key, selected, options)| {
                let id = format!("catalog-facet-{name}");
                let mut any = el("option")
                    .attr("value", "")
                    .text(tr(lang, "catalog_ui.facet.any"));
                if selected.is_none() {
                    any = any.attr("selected", "");
                }
                let options = options.into_iter().map(|(value, label, count)| {
                    let option = el("option")
                        .attr("value", &value)
                        .text(&format!("{label} ({count})"));
                    if selected.as_deref() == Some(value.as_str()) {
                        option.attr("selected", "")
                    } else {
                        option
                    }
                });
                let params = params.clone();
                let go = go.clone();
                let select = el("select")
                    .attr("id", &id)
                    .attr("data-testid", &id)
                    .child(any)
                    .children(options)
                    .on("change", move |ev| {
                        let value = dom::target_value(&ev);
                        let mut next = params.clone();
                        next.page = 1;
                        let v = (!value.is_empty()).then_some(value);
                        match name {
                            "topic" => next.filters.topic = v.and_then(|c| Topic::from_code(&c)),
                            "agency" => next.filters.agency = v,
                            "year" => next.filters.year = v.and_then(|y| y.parse().ok()),
                            _ => next.filters.validity = v.and_then(|c| Validity::from_code(&c)),
                        }
                        go(&next.href());
                    });
                el("div")
                    .class("facet")
                    .child(el("label").attr("for", &id).text(tr(lang, label_key)))
                    .child(select)
            }),
    )
}

/// The spans of `field` among the highlights.
fn spans(highlights: &[FieldHighlights], field: Field) -> &[(u32, u32)] {
    highlights
        .iter()
        .find(|h| h.field == field)
        .map_or(&[], |h| h.ranges.as_slice())
}

fn render_card(lang: Lang, item: Item) -> El {
    let entry = item.entry;
    let h = item.highlights;
    let href = format!("/disclosure/entry/{}", entry.index_no);
    let validity = entry.validity;
    let keywords = entry.keywords.join(KEYWORD_SEPARATOR);
    let keyword_spans = spans(&h, Field::Keywords);
    let meta = el("p")
        .class("meta")
        .maybe(
            entry
                .doc_no
                .as_deref()
                .map(|d| highlighted(el("span").class("doc-no"), d, spans(&h, Field::DocNo))),
        )
        .child(highlighted(
            el("span").class("agency"),
            &entry.agency,
            spans(&h, Field::Agency),
        ))
        .child(el("span").class("date").text(&entry.issued_on.to_string()))
        .maybe((validity != Validity::Valid).then(|| {
            el("span")
                .class(&format!("validity {}", validity.code()))
                .text(crate::i18n::tr(lang, validity.label_key()))
        }));
    el("li")
        .class("catalog-card")
        .child(el("h3").child(highlighted(
            el("a").attr("href", &href),
            &entry.title,
            spans(&h, Field::Title),
        )))
        .child(meta)
        .child(highlighted(
            el("p").class("summary"),
            &entry.summary,
            spans(&h, Field::Summary),
        ))
        .maybe((!keyword_spans.is_empty()).then(|| {
            highlighted(
                el("p")
                    .class("keywords")
                    .text(tr(lang, "catalog.field.keywords"))
                    .text(": "),
                &keywords,
                keyword_spans,
            )
        }))
        .child(highlighted(
            el("p")
                .class("index-no")
                .text(tr(lang, "catalog.field.index_no"))
                .text(": "),
            entry.index_no.as_str(),
            spans(&h, Field::IndexNo),
        ))
}
