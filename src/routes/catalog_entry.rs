//! One entry of the disclosure catalog (`/disclosure/entry/<索引号>`): every field, a banner when
//! the document is no longer in force (with a link to what replaced it), the 正文 rendered from
//! its structured blocks as text, and "save for offline reading".
//!
//! The card comes from the local copy when it is there, otherwise from the server; the 正文
//! from the saved copy, otherwise from the server when online.

use guichet_core::catalog::{Block, CatalogBody, CatalogEntry, Validity};
use std::cell::Cell;
use std::rc::Rc;

use crate::i18n::tr;
use guichet_core::i18n::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;

use crate::api::{self, ApiError};
use crate::catalog::dom::{self, El, el};
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

/// Where an entry's page lives: `/disclosure/entry/<索引号>` (the 索引号 may hold slashes).
pub const PREFIX: &str = "/disclosure/entry/";

/// The 索引号 of an entry page's path, percent-decoded.
fn index_no_of(path: &str) -> String {
    let raw = path.strip_prefix(PREFIX).unwrap_or_default();
    js_sys::decode_uri_component(raw)
        .ok()
        .and_then(|decoded| decoded.as_string())
        .unwrap_or_else(|| raw.to_string())
}

#[component]
pub fn CatalogEntryPage() -> impl IntoView {
    let i18n = use_i18n();
    let online = use_sync().online;
    let location = leptos_router::hooks::use_location();
    let root = NodeRef::<leptos::html::Div>::new();
    // Bumped after saving, to show the saved state.
    let saved_generation = RwSignal::new(0u32);
    let sequence = Rc::new(Cell::new(0u32));
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let index_no = location.pathname.with(|path| index_no_of(path));
        let (lang, online) = (i18n.lang(), online.get());
        saved_generation.track();
        let number = sequence.get().wrapping_add(1);
        sequence.set(number);
        let sequence = sequence.clone();
        dom::replace(
            &root,
            el("p")
                .attr("aria-live", "polite")
                .text(tr(lang, "catalog_ui.search.loading")),
        );
        spawn_local(async move {
            let loaded = load(index_no, online).await;
            if sequence.get() != number {
                return;
            }
            let view = match loaded {
                Loaded::Found {
                    entry,
                    body,
                    replacement_title,
                } => render_entry(
                    lang,
                    online,
                    entry,
                    body,
                    replacement_title,
                    saved_generation,
                ),
                Loaded::NotFound => el("h1").text(tr(lang, "catalog_ui.entry.not_found")),
                Loaded::Offline => el("div")
                    .child(el("h1").text(tr(lang, "catalog_ui.entry.heading")))
                    .child(
                        el("p")
                            .class("empty")
                            .attr("data-testid", "entry-offline")
                            .text(tr(lang, "catalog_ui.entry.offline")),
                    ),
                Loaded::Failed => el("div")
                    .child(el("h1").text(tr(lang, "catalog_ui.entry.heading")))
                    .child(
                        el("p")
                            .class("catalog-problem")
                            .attr("role", "alert")
                            .text(tr(lang, "catalog_ui.search.failed")),
                    ),
            };
            dom::replace(&root, view);
        });
    });
    view! {
        <p class="back"><a href="/disclosure">{move || i18n.t("catalog_ui.entry.back")}</a></p>
        <div node_ref=root></div>
    }
}

/// Fetches the entry with its 正文 and saves both.
async fn save(index_no: &str) -> Result<(), CatalogStoreError> {
    let found: EntryWithBody = api::get_json(&format!("catalog/entries/{index_no}"))
        .await
        .map_err(|e| CatalogStoreError::Failed(e.to_string()))?;
    let Some(body) = found.body else {
        return Err(CatalogStoreError::Failed("no body".into()));
    };
    let store = CatalogStore::shared().await?;
    store.save_document(&found.entry, &body).await
}

fn render_entry(
    lang: Lang,
    online: bool,
    entry: CatalogEntry,
    body: Option<(Vec<Block>, BodyFrom)>,
    replacement_title: Option<String>,
    saved_generation: RwSignal<u32>,
) -> El {
    let t = |key: &'static str| tr(lang, key);
    let validity = entry.validity;
    let banner = (validity != Validity::Valid).then(|| {
        let key = match validity {
            Validity::Revised => "catalog_ui.entry.revised",
            Validity::Repealed => "catalog_ui.entry.repealed",
            _ => "catalog_ui.entry.expired",
        };
        let banner = el("div")
            .class(&format!("banner catalog-validity {}", validity.code()))
            .attr("role", "note")
            .attr("data-testid", "entry-validity")
            .child(el("strong").text(t(key)));
        match &entry.replaced_by {
            Some(other) => {
                let title = replacement_title.unwrap_or_else(|| other.to_string());
                banner
                    .text(" ")
                    .text(t("catalog_ui.entry.replaced_by"))
                    .text(" ")
                    .child(
                        el("a")
                            .attr("href", &format!("/disclosure/entry/{other}"))
                            .attr("data-testid", "entry-replacement")
                            .text(&title),
                    )
            }
            None => banner,
        }
    });
    let none = t("catalog_ui.entry.none");
    let keywords = entry.keywords.join("；");
    let issued_on = entry.issued_on.to_string();
    let fields: [(&'static str, &str); 11] = [
        ("catalog.field.index_no", entry.index_no.as_str()),
        ("catalog.field.title", &entry.title),
        ("catalog.field.summary", &entry.summary),
        (
            "catalog.field.topic",
            crate::i18n::tr(lang, entry.topic.label_key()),
        ),
        (
            "catalog.field.genre",
            crate::i18n::tr(lang, entry.genre.label_key()),
        ),
        (
            "catalog.field.keywords",
            if keywords.is_empty() { none } else { &keywords },
        ),
        ("catalog.field.agency", &entry.agency),
        (
            "catalog.field.doc_no",
            entry.doc_no.as_deref().unwrap_or(none),
        ),
        ("catalog.field.issued_on", &issued_on),
        (
            "catalog.field.disclosure_mode",
            crate::i18n::tr(lang, entry.disclosure_mode.label_key()),
        ),
        (
            "catalog.field.validity",
            crate::i18n::tr(lang, validity.label_key()),
        ),
    ];
    let mut list = el("dl").class("catalog-fields");
    for (key, value) in fields {
        list = list
            .child(el("dt").text(t(key)))
            .child(el("dd").text(value));
    }
    let attachments = if entry.attachments.is_empty() {
        el("p").text(none)
    } else {
        el("ul")
            .class("attachments")
            .children(entry.attachments.iter().map(|a| {
                el("li").text(&format!(
                    "{} ({}, {})",
                    a.name,
                    human_bytes(a.size_bytes as f64),
                    a.media_type
                ))
            }))
    };
    let body_from = body.as_ref().map(|(_, from)| *from);
    let status = el("div").class("catalog-save").attr("aria-live", "polite");
    let status = if body_from == Some(BodyFrom::Saved) {
        status.child(
            el("p")
                .class("saved")
                .attr("data-testid", "entry-saved")
                .text(t("catalog_ui.entry.saved")),
        )
    } else {
        let index_no = entry.index_no.to_string();
        let problem = el("p").class("catalog-problem").attr("role", "alert");
        let problem_node = problem.0.clone();
        let button = el("button")
            .attr("type", "button")
            .attr("data-testid", "entry-save")
            .text(t("catalog_ui.entry.save"))
            .on("click", move |_| {
                let index_no = index_no.clone();
                let problem = problem_node.clone();
                spawn_local(async move {
                    match save(&index_no).await {
                        Ok(()) => saved_generation.update(|g| *g += 1),
                        Err(error) => {
                            let key = if error == CatalogStoreError::QuotaExceeded {
                                "catalog_ui.problem.storage_full"
                            } else {
                                "catalog_ui.entry.save_failed"
                            };
                            problem.set_text_content(Some(tr(lang, key)));
                        }
                    }
                });
            });
        let button = if online {
            button
        } else {
            button.attr("disabled", "")
        };
        status.child(button).child(problem)
    };
    let status = status.maybe(
        (body_from == Some(BodyFrom::SavedOlder))
            .then(|| el("p").class("note").text(t("catalog_ui.entry.body_older"))),
    );
    let text = match body {
        Some((blocks, _)) => render_blocks(blocks),
        None => el("p")
            .class("empty")
            .attr("data-testid", "entry-no-body")
            .text(t("catalog_ui.entry.no_body")),
    };
    el("article")
        .class("catalog-entry")
        .attr("data-testid", "catalog-entry")
        .child(el("h1").text(&entry.title))
        .maybe(banner)
        .child(list)
        .child(crate::routes::disclosure_guide::entry_apply_link(
            lang,
            entry.index_no.as_str(),
            &entry.title,
            entry.doc_no.as_deref(),
        ))
        .child(
            el("section")
                .attr("aria-labelledby", "entry-attachments")
                .child(
                    el("h2")
                        .attr("id", "entry-attachments")
                        .text(t("catalog.field.attachments")),
                )
                .child(attachments),
        )
        .child(
            el("section")
                .class("catalog-body")
                .attr("aria-labelledby", "entry-body")
                .attr("data-testid", "entry-body")
                .child(
                    el("h2")
                        .attr("id", "entry-body")
                        .text(t("catalog.field.body")),
                )
                .child(status)
                .child(text),
        )
}

/// The 正文 as elements holding text only: headings below the page's `h2`, paragraphs, lists.
fn render_blocks(blocks: Vec<Block>) -> El {
    el("div")
        .class("body-text")
        .children(blocks.into_iter().map(|block| {
            match block {
                Block::Heading { level, text } => {
                    let tag = match level {
                        0 | 1 => "h3",
                        2 => "h4",
                        _ => "h5",
                    };
                    el(tag).text(&text)
                }
                Block::Paragraph { text } => el("p").text(&text),
                Block::List { ordered, items } => el(if ordered { "ol" } else { "ul" })
                    .children(items.iter().map(|item| el("li").text(item))),
            }
        }))
}
