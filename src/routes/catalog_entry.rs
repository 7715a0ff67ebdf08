//! One entry of the disclosure catalog (`/disclosure/entry/<索引号>`): every field, a banner when
//! the document is no longer in force (with a link to what replaced it), the 正文 rendered from
//! its structured blocks as text, and "save for offline reading".
//!
//! The card comes from the local copy when it is there, otherwise from the server; the 正文
//! from the saved copy, otherwise from the server when online.

use guichet_core::catalog::{Block, CatalogBody, CatalogEntry, Validity};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use serde::Deserialize;

use crate::api::{self, ApiError};
use crate::catalog::store::{CatalogStore, CatalogStoreError};
use crate::i18n::use_i18n;
use crate::routes::disclosure::human_bytes;
use crate::sync::use_sync;

/// The server's answer for one entry.
#[derive(Debug, Clone, Deserialize)]
struct EntryWithBody {
    entry: CatalogEntry,
    body: Option<CatalogBody>,
}

/// Where the 正文 shown comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyFrom {
    Saved,
    /// Saved, but the document changed since.
    SavedOlder,
    Server,
}

#[derive(Debug, Clone, PartialEq)]
enum Loaded {
    Found {
        entry: CatalogEntry,
        body: Option<(Vec<Block>, BodyFrom)>,
        replacement_title: Option<String>,
    },
    NotFound,
    Offline,
    Failed,
}

async fn load(index_no: String, online: bool) -> Loaded {
    let store = CatalogStore::shared().await.ok();
    let mut local_entry = None;
    let mut saved = None;
    if let Some(store) = &store {
        local_entry = store.entry(&index_no).await.ok().flatten();
        saved = store.body(&index_no).await.ok().flatten();
    }
    let saved_current = match (&saved, &local_entry) {
        (Some(body), Some(entry)) => body.revision >= entry.revision,
        (Some(_), None) => true,
        _ => false,
    };
    let mut remote = None;
    if online && (local_entry.is_none() || !saved_current) {
        match api::get_json::<EntryWithBody>(&format!("catalog/entries/{index_no}")).await {
            Ok(found) => remote = Some(found),
            Err(ApiError::Server { status: 404, .. }) if local_entry.is_none() => {
                return Loaded::NotFound;
            }
            Err(error) => web_sys::console::warn_1(&error.to_string().into()),
        }
    }
    // A saved 正文 that is now older than the document is fetched again and saved.
    if let (Some(store), Some(found), Some(_)) = (&store, &remote, &saved)
        && !saved_current
        && let Some(body) = &found.body
        && store.save_document(&found.entry, body).await.is_ok()
    {
        saved = store.body(&index_no).await.ok().flatten();
    }
    let entry = match (local_entry, &remote) {
        (Some(local), Some(found)) if found.entry.revision > local.revision => found.entry.clone(),
        (Some(local), _) => local,
        (None, Some(found)) => found.entry.clone(),
        (None, None) if online => return Loaded::Failed,
        (None, None) => return Loaded::Offline,
    };
    let body = match (saved, remote.and_then(|r| r.body)) {
        (Some(saved), _) if saved.revision >= entry.revision => {
            Some((saved.blocks, BodyFrom::Saved))
        }
        (_, Some(body)) => Some((body.blocks, BodyFrom::Server)),
        (Some(saved), None) => Some((saved.blocks, BodyFrom::SavedOlder)),
        (None, None) => None,
    };
    let mut replacement_title = None;
    if let (Some(store), Some(other)) = (&store, &entry.replaced_by) {
        replacement_title = store
            .entry(other.as_str())
            .await
            .ok()
            .flatten()
            .map(|e| e.title);
    }
    Loaded::Found {
        entry,
        body,
        replacement_title,
    }
}

#[component]
pub fn CatalogEntryPage() -> impl IntoView {
    let i18n = use_i18n();
    let online = use_sync().online;
    let params = use_params_map();
    let index_no = Memo::new(move |_| params.get().get("index_no").unwrap_or_default());
    // Bumped after saving, to show the saved state.
    let saved_generation = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        let index_no = index_no.get();
        let online = online.get();
        saved_generation.track();
        async move { load(index_no, online).await }
    });
    view! {
        <p class="back"><a href="/disclosure">{move || i18n.t("catalog_ui.entry.back")}</a></p>
        <Suspense fallback=move || view! { <p aria-live="polite">{move || i18n.t("catalog_ui.search.loading")}</p> }>
            {move || loaded.get().map(|loaded| match loaded {
                Loaded::Found { entry, body, replacement_title } => view! {
                    <EntryView entry body replacement_title saved_generation/>
                }.into_any(),
                Loaded::NotFound => view! {
                    <h1>{move || i18n.t("catalog_ui.entry.not_found")}</h1>
                }.into_any(),
                Loaded::Offline => view! {
                    <h1>{move || i18n.t("catalog_ui.entry.heading")}</h1>
                    <p class="empty" data-testid="entry-offline">{move || i18n.t("catalog_ui.entry.offline")}</p>
                }.into_any(),
                Loaded::Failed => view! {
                    <h1>{move || i18n.t("catalog_ui.entry.heading")}</h1>
                    <p class="catalog-problem" role="alert">{move || i18n.t("catalog_ui.search.failed")}</p>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn EntryView(
    entry: CatalogEntry,
    body: Option<(Vec<Block>, BodyFrom)>,
    replacement_title: Option<String>,
    saved_generation: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let online = use_sync().online;
    let validity = entry.validity;
    let banner = (validity != Validity::Valid).then(|| {
        let key = match validity {
            Validity::Revised => "catalog_ui.entry.revised",
            Validity::Repealed => "catalog_ui.entry.repealed",
            _ => "catalog_ui.entry.expired",
        };
        let replacement = entry.replaced_by.clone().map(|other| {
            let title = replacement_title.clone().unwrap_or_else(|| other.to_string());
            view! {
                " " {i18n.t("catalog_ui.entry.replaced_by")} " "
                <a href=format!("/disclosure/entry/{other}") data-testid="entry-replacement">{title}</a>
            }
        });
        view! {
            <div class=format!("banner catalog-validity {}", validity.code()) role="note" data-testid="entry-validity">
                <strong>{i18n.t(key)}</strong>
                {replacement}
            </div>
        }
    });
    let field = |key: &'static str, value: String| {
        view! { <dt>{i18n.t(key)}</dt><dd>{value}</dd> }
    };
    let none = i18n.t("catalog_ui.entry.none").to_string();
    let saving = RwSignal::new(None::<Result<(), CatalogStoreError>>);
    let body_from = body.as_ref().map(|(_, from)| *from);
    let saved = matches!(body_from, Some(BodyFrom::Saved));
    let index_no = entry.index_no.to_string();
    let save = move |_| {
        let index_no = index_no.clone();
        spawn_local(async move {
            let result = async {
                let found: EntryWithBody = api::get_json(&format!("catalog/entries/{index_no}"))
                    .await
                    .map_err(|e| CatalogStoreError::Failed(e.to_string()))?;
                let Some(body) = found.body else {
                    return Err(CatalogStoreError::Failed("no body".into()));
                };
                let store = CatalogStore::shared().await?;
                store.save_document(&found.entry, &body).await
            }
            .await;
            let ok = result.is_ok();
            saving.set(Some(result));
            if ok {
                saved_generation.update(|g| *g += 1);
            }
        });
    };
    let attachments = entry.attachments.clone();
    view! {
        <article class="catalog-entry" data-testid="catalog-entry">
            <h1>{entry.title.clone()}</h1>
            {banner}
            <dl class="catalog-fields">
                {field("catalog.field.index_no", entry.index_no.to_string())}
                {field("catalog.field.title", entry.title.clone())}
                {field("catalog.field.summary", entry.summary.clone())}
                {field("catalog.field.topic", entry.topic.label(lang).to_string())}
                {field("catalog.field.genre", entry.genre.label(lang).to_string())}
                {field("catalog.field.keywords", if entry.keywords.is_empty() { none.clone() } else { entry.keywords.join("；") })}
                {field("catalog.field.agency", entry.agency.clone())}
                {field("catalog.field.doc_no", entry.doc_no.clone().unwrap_or_else(|| none.clone()))}
                {field("catalog.field.issued_on", entry.issued_on.format("%Y-%m-%d").to_string())}
                {field("catalog.field.disclosure_mode", entry.disclosure_mode.label(lang).to_string())}
                {field("catalog.field.validity", validity.label(lang).to_string())}
            </dl>
            <section aria-labelledby="entry-attachments">
                <h2 id="entry-attachments">{i18n.t("catalog.field.attachments")}</h2>
                {if attachments.is_empty() {
                    view! { <p>{none.clone()}</p> }.into_any()
                } else {
                    view! {
                        <ul class="attachments">
                            {attachments.into_iter().map(|a| view! {
                                <li>{a.name} " (" {human_bytes(a.size_bytes as f64)} ", " {a.media_type} ")"</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="entry-body" class="catalog-body" data-testid="entry-body">
                <h2 id="entry-body">{i18n.t("catalog.field.body")}</h2>
                <div class="catalog-save" aria-live="polite">
                    {if saved {
                        view! { <p class="saved" data-testid="entry-saved">{i18n.t("catalog_ui.entry.saved")}</p> }.into_any()
                    } else {
                        view! {
                            <button type="button" data-testid="entry-save" on:click=save
                                disabled=move || !online.get()>
                                {i18n.t("catalog_ui.entry.save")}
                            </button>
                        }.into_any()
                    }}
                    {move || saving.get().and_then(|r| r.err()).map(|error| {
                        let key = if error == CatalogStoreError::QuotaExceeded {
                            "catalog_ui.problem.storage_full"
                        } else {
                            "catalog_ui.entry.save_failed"
                        };
                        view! { <p class="catalog-problem" role="alert">{i18n.t(key)}</p> }
                    })}
                    {(body_from == Some(BodyFrom::SavedOlder)).then(|| view! {
                        <p class="note">{i18n.t("catalog_ui.entry.body_older")}</p>
                    })}
                </div>
                {match body {
                    Some((blocks, _)) => view! { <div class="body-text">{render_blocks(blocks)}</div> }.into_any(),
                    None => view! { <p class="empty" data-testid="entry-no-body">{i18n.t("catalog_ui.entry.no_body")}</p> }.into_any(),
                }}
            </section>
        </article>
    }
}

/// The 正文 as elements holding text only: headings below the page's `h2`, paragraphs, lists.
fn render_blocks(blocks: Vec<Block>) -> impl IntoView {
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Heading { level, text } => match level {
                0 | 1 => view! { <h3>{text}</h3> }.into_any(),
                2 => view! { <h4>{text}</h4> }.into_any(),
                _ => view! { <h5>{text}</h5> }.into_any(),
            },
            Block::Paragraph { text } => view! { <p>{text}</p> }.into_any(),
            Block::List {
                ordered: true,
                items,
            } => view! {
                <ol>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ol>
            }
            .into_any(),
            Block::List {
                ordered: false,
                items,
            } => view! {
                <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            }
            .into_any(),
        })
        .collect_view()
}
