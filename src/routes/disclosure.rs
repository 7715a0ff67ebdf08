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
use guichet_core::i18n::tr_args;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde::Deserialize;

use crate::api;
use crate::catalog::search::{CatalogSearch, SearchError};
use crate::catalog::store::CatalogStore;
use crate::catalog::sync::{CatalogSync, use_catalog_sync};
use crate::i18n::use_i18n;
use crate::sync::use_sync;

/// Results per page.
pub const PAGE_SIZE: u32 = 20;

#[component]
pub fn Disclosure() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{move || i18n.t("disclosure.heading")}</h1>
        <p class="lead">{move || i18n.t("disclosure.lead")}</p>
        <OfflineCopy/>
        <Browse/>
    }
}

/// Formats a byte count for people.
pub fn human_bytes(bytes: f64) -> String {
    if bytes >= 1024.0 * 1024.0 {
        format!("{:.1} MB", bytes / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KB", (bytes / 1024.0).ceil())
    }
}

/// Formats a time in milliseconds since the epoch, in the device's time zone.
pub fn local_time(millis: f64) -> String {
    chrono::DateTime::from_timestamp_millis(millis as i64)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// The "keep the catalog for offline use" panel: the choice, the download's progress, what is
/// stored and when it was last brought up to date.
#[component]
fn OfflineCopy() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_catalog_sync();
    let online = use_sync().online;
    let all_bodies = RwSignal::new(false);
    sync.refresh_usage();
    let kept = move || sync.state.get().is_some_and(|s| s.kept);
    let lang = move || i18n.lang();
    let status = move || {
        let state = sync.state.get()?;
        if !state.kept {
            return None;
        }
        let mut text = tr_args(
            lang(),
            "catalog_ui.offline.count",
            &[("count", &state.entries.to_string())],
        );
        if let Some((usage, _)) = sync.usage.get() {
            text.push(' ');
            text.push_str(&tr_args(
                lang(),
                "catalog_ui.offline.usage",
                &[("size", &human_bytes(usage))],
            ));
        }
        if let Some(at) = state.last_sync_ms {
            text.push(' ');
            text.push_str(&tr_args(
                lang(),
                "catalog_ui.offline.last_sync",
                &[("time", &local_time(at))],
            ));
        }
        if state.all_bodies {
            text.push(' ');
            text.push_str(i18n.t("catalog_ui.offline.all_bodies_kept"));
        }
        Some(text)
    };
    view! {
        <section class="catalog-offline" aria-labelledby="catalog-offline-heading">
            <h2 id="catalog-offline-heading">{move || i18n.t("catalog_ui.offline.heading")}</h2>
            <Show when=move || !kept()>
                <p>{move || i18n.t("catalog_ui.offline.explain")}</p>
            </Show>
            <p class="catalog-status" data-testid="catalog-status">{status}</p>
            <div class="catalog-progress" aria-live="polite" data-testid="catalog-progress">
                {move || sync.progress.get().map(|progress| {
                    let percent = progress.percent();
                    let entries = sync.state.get().map_or(0, |s| s.entries);
                    view! {
                        <label for="catalog-progress-bar">
                            {move || tr_args(lang(), "catalog_ui.offline.downloading",
                                &[("percent", &percent.to_string()), ("count", &entries.to_string())])}
                        </label>
                        <progress id="catalog-progress-bar" max="100" value=percent.to_string()>
                            {format!("{percent}%")}
                        </progress>
                    }
                })}
                {move || sync.problem.get().map(|problem| view! {
                    <p class="catalog-problem" role="alert" data-testid="catalog-problem">
                        {move || i18n.t(problem.key())}
                    </p>
                })}
            </div>
            <div class="catalog-actions">
                <label class="check">
                    <input type="checkbox" data-testid="catalog-all-bodies"
                        prop:checked=move || all_bodies.get()
                        on:change=move |ev| all_bodies.set(event_target_checked(&ev))/>
                    {move || i18n.t("catalog_ui.offline.all_bodies")}
                </label>
                <button type="button" class="primary" data-testid="catalog-keep"
                    disabled=move || sync.running.get() || !online.get()
                    on:click=move |_| sync.keep(all_bodies.get_untracked())>
                    {move || if kept() { i18n.t("catalog_ui.offline.update") } else { i18n.t("catalog_ui.offline.keep") }}
                </button>
                <Show when=kept>
                    <button type="button" data-testid="catalog-forget"
                        disabled=move || sync.running.get()
                        on:click=move |_| sync.forget()>
                        {move || i18n.t("catalog_ui.offline.forget")}
                    </button>
                </Show>
            </div>
        </section>
    }
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
                entry,
                highlights: Vec::new(),
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

/// The search form, the filters with counts, the results and the pager.
#[component]
fn Browse() -> impl IntoView {
    let i18n = use_i18n();
    let sync: CatalogSync = use_catalog_sync();
    let online = use_sync().online;
    let query = use_query_map();
    let params = Memo::new(move |_| read_params(&query.get()));
    let text = RwSignal::new(params.get_untracked().text);
    // Follow the URL (back button, links) into the text box.
    Effect::new(move |_| text.set(params.get().text));
    let local = Memo::new(move |_| {
        sync.state
            .get()
            .is_some_and(|s| s.kept && (s.entries > 0 || s.revision > 0))
    });
    let results = LocalResource::new(move || {
        let params = params.get();
        let local = local.get();
        let online = online.get();
        // A finished sync refreshes the results.
        sync.generation.track();
        async move { run_search(params, local, online).await }
    });
    let navigate = use_navigate();
    let go = move |params: Params| navigate(&params.href(), Default::default());
    let go_submit = go.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go_submit(Params {
            text: text.get_untracked(),
            filters: params.get_untracked().filters,
            page: 1,
        });
    };
    view! {
        <section class="catalog-browse" aria-labelledby="catalog-search-heading">
            <h2 id="catalog-search-heading">{move || i18n.t("catalog_ui.search.heading")}</h2>
            <form class="catalog-search" role="search" on:submit=on_submit>
                <label for="catalog-q">{move || i18n.t("catalog_ui.search.label")}</label>
                <div class="catalog-search-row">
                    <input id="catalog-q" type="search" name="q" data-testid="catalog-q"
                        autocomplete="off" maxlength="200"
                        placeholder=move || i18n.t("catalog_ui.search.placeholder")
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))/>
                    <button type="submit" class="primary" data-testid="catalog-search">
                        {move || i18n.t("catalog_ui.search.button")}
                    </button>
                </div>
            </form>
            <Suspense fallback=move || view! { <p class="catalog-loading" aria-live="polite">{move || i18n.t("catalog_ui.search.loading")}</p> }>
                {move || {
                    let go = go.clone();
                    results.get().map(|outcome| view! { <ResultsView outcome params=params.get_untracked() go/> })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn ResultsView(
    outcome: Outcome,
    params: Params,
    go: impl Fn(Params) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    match outcome {
        Outcome::Unavailable => view! {
            <p class="empty" data-testid="catalog-unavailable">{move || i18n.t("catalog_ui.search.unavailable")}</p>
        }
        .into_any(),
        Outcome::Failed => view! {
            <p class="catalog-problem" role="alert">{move || i18n.t("catalog_ui.search.failed")}</p>
        }
        .into_any(),
        Outcome::Results {
            source,
            total,
            items,
            facets,
        } => {
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
            let prev = (params.page > 1).then(|| Params {
                page: params.page - 1,
                ..params.clone()
            });
            let next = (u64::from(params.page) < pages).then(|| Params {
                page: params.page + 1,
                ..params.clone()
            });
            view! {
                <FacetSelects facets params=params.clone() go=go.clone()/>
                <p class="catalog-total" aria-live="polite" data-testid="catalog-total">
                    {summary} " " <span class="catalog-source" data-testid="catalog-source">{i18n.t(source_key)}</span>
                </p>
                <ol class="catalog-results" data-testid="catalog-results">
                    {items.into_iter().map(|item| view! { <ResultCard item/> }).collect_view()}
                </ol>
                <nav class="pager" aria-label=i18n.t("catalog_ui.pager.label")>
                    {prev.map(|p| view! { <a href=p.href() rel="prev">{i18n.t("catalog_ui.pager.prev")}</a> })}
                    {next.map(|p| view! { <a href=p.href() rel="next" data-testid="catalog-next">{i18n.t("catalog_ui.pager.next")}</a> })}
                </nav>
            }
            .into_any()
        }
    }
}

/// A browsing dimension: query name, label key, selected value, options (value, label, count).
type Dimension = (
    &'static str,
    &'static str,
    Option<String>,
    Vec<(String, String, u64)>,
);

/// The four browsing dimensions as selects with counts; choosing a value reloads the results.
#[component]
fn FacetSelects(
    facets: FacetLists,
    params: Params,
    go: impl Fn(Params) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let f = params.filters.clone();
    let label_topic =
        |code: &str| Topic::from_code(code).map_or(code.to_string(), |t| t.label(lang).to_string());
    let label_validity = |code: &str| {
        Validity::from_code(code).map_or(code.to_string(), |v| v.label(lang).to_string())
    };
    let dims: Vec<Dimension> = vec![
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
    view! {
        <div class="catalog-facets" role="group" aria-label=i18n.t("catalog_ui.facet.label")>
            {dims.into_iter().map(|(name, label_key, selected, options)| {
                let go = go.clone();
                let params = params.clone();
                let id = format!("catalog-facet-{name}");
                let selected_value = selected.clone().unwrap_or_default();
                let on_change = move |ev: leptos::ev::Event| {
                    let value = event_target_value(&ev);
                    let mut next = params.clone();
                    next.page = 1;
                    let v = (!value.is_empty()).then_some(value);
                    match name {
                        "topic" => next.filters.topic = v.and_then(|c| Topic::from_code(&c)),
                        "agency" => next.filters.agency = v,
                        "year" => next.filters.year = v.and_then(|y| y.parse().ok()),
                        _ => next.filters.validity = v.and_then(|c| Validity::from_code(&c)),
                    }
                    go(next);
                };
                view! {
                    <div class="facet">
                        <label for=id.clone()>{i18n.t(label_key)}</label>
                        <select id=id data-testid=format!("catalog-facet-{name}") on:change=on_change>
                            <option value="" selected=selected.is_none()>{i18n.t("catalog_ui.facet.any")}</option>
                            {options.into_iter().map(|(value, label, count)| {
                                let is_selected = value == selected_value;
                                view! { <option value=value selected=is_selected>{format!("{label} ({count})")}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

/// The spans of `field` among the highlights.
fn spans(highlights: &[FieldHighlights], field: Field) -> &[(u32, u32)] {
    highlights
        .iter()
        .find(|h| h.field == field)
        .map_or(&[], |h| h.ranges.as_slice())
}

/// `text` with the character ranges wrapped in `<mark>`: text nodes only, never markup.
pub fn highlighted(text: &str, ranges: &[(u32, u32)]) -> impl IntoView + use<> {
    let chars: Vec<char> = text.chars().collect();
    let mut parts: Vec<AnyView> = Vec::new();
    let mut at = 0usize;
    for &(start, end) in ranges {
        let (start, end) = (start as usize, (end as usize).min(chars.len()));
        if start < at || start >= end {
            continue;
        }
        if start > at {
            parts.push(chars[at..start].iter().collect::<String>().into_any());
        }
        let marked: String = chars[start..end].iter().collect();
        parts.push(view! { <mark>{marked}</mark> }.into_any());
        at = end;
    }
    if at < chars.len() {
        parts.push(chars[at..].iter().collect::<String>().into_any());
    }
    parts
}

#[component]
fn ResultCard(item: Item) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let entry = item.entry;
    let h = item.highlights;
    let href = format!("/disclosure/entry/{}", entry.index_no);
    let validity = entry.validity;
    let keywords = entry.keywords.join(KEYWORD_SEPARATOR);
    let keyword_spans = spans(&h, Field::Keywords).to_vec();
    view! {
        <li class="catalog-card">
            <h3><a href=href>{highlighted(&entry.title, spans(&h, Field::Title))}</a></h3>
            <p class="meta">
                {entry.doc_no.as_deref().map(|d| view! { <span class="doc-no">{highlighted(d, spans(&h, Field::DocNo))}</span> })}
                <span class="agency">{highlighted(&entry.agency, spans(&h, Field::Agency))}</span>
                <span class="date">{entry.issued_on.format("%Y-%m-%d").to_string()}</span>
                {(validity != Validity::Valid).then(|| view! {
                    <span class=format!("validity {}", validity.code())>{validity.label(lang)}</span>
                })}
            </p>
            <p class="summary">{highlighted(&entry.summary, spans(&h, Field::Summary))}</p>
            {(!keyword_spans.is_empty()).then(|| view! {
                <p class="keywords">{i18n.t("catalog.field.keywords")} ": " {highlighted(&keywords, &keyword_spans)}</p>
            })}
            <p class="index-no">{i18n.t("catalog.field.index_no")} ": " {highlighted(entry.index_no.as_str(), spans(&h, Field::IndexNo))}</p>
        </li>
    }
}
