//! 我的草稿 / 待发送: the person's unfinished forms and the submissions waiting to be sent.
//!
//! Drafts: continue, or delete after an inline confirmation (no pop-up: elderly mode forbids
//! them). Outbox: every record's state, attempts and last error; retry now, or fix a refused
//! one (which becomes a new submission with a new id). Storage: how much is used, persistent
//! storage, and export/import of drafts as a file — the escape hatch of a shared village
//! computer whose browser data may be cleared.
//!
//! Built as plain DOM (see `crate::dom`): as a Leptos view this page kept the drafts bundle
//! over its 200 KB budget.
use guichet_core::i18n::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::clock;
use crate::dom::{self, El, el};
use crate::i18n::{tr, tr_args, use_i18n};
use crate::storage::Storage;
use crate::storage::forms::Draft;
use crate::storage::outbox::{OutboxRecord, OutboxState};
use crate::sync::{SyncStatus, outbox, use_sync};
use crate::transfer;

#[derive(Clone, Default)]
struct Lists {
    drafts: Vec<Draft>,
    outbox: Vec<OutboxRecord>,
}

async fn read_lists() -> Lists {
    let Ok(storage) = Storage::shared().await else {
        return Lists::default();
    };
    Lists {
        drafts: storage.list_drafts().await.unwrap_or_default(),
        outbox: storage.list_outbox().await.unwrap_or_default(),
    }
}

/// Storage used and whether it is persistent.
async fn storage_facts() -> Option<(f64, bool)> {
    let manager = window().navigator().storage();
    let estimate = JsFuture::from(manager.estimate().ok()?).await.ok()?;
    let used = estimate
        .unchecked_into::<web_sys::StorageEstimate>()
        .get_usage()
        .unwrap_or(0.0);
    let persisted = JsFuture::from(manager.persisted().ok()?)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    Some((used, persisted))
}

/// The page's state and the signals its buttons act on (all `Copy`, for the listeners).
#[derive(Clone, Copy)]
struct Page {
    sync: SyncStatus,
    /// Bumped to read the lists and the storage facts again.
    reload: RwSignal<u32>,
    /// The record (`o:<id>`) or draft (`d:<id>`) whose deletion awaits confirmation.
    confirming: RwSignal<Option<String>>,
    /// The outcome of the last export, import or persistence request.
    message: RwSignal<Option<String>>,
    /// 代办 mode is on: the page leads to the day's view (`routes::village_day`).
    village: RwSignal<bool>,
}

impl Page {
    fn changed(self) {
        self.reload.update(|r| *r = r.wrapping_add(1));
        self.sync.refresh();
    }

    fn delete_draft(self, id: String) {
        self.confirming.set(None);
        spawn_local(async move {
            if let Ok(storage) = Storage::shared().await {
                let _ = storage.delete_draft(&id).await;
            }
            self.changed();
        });
    }

    fn delete_record(self, record: OutboxRecord) {
        self.confirming.set(None);
        spawn_local(async move {
            if let Ok(storage) = Storage::shared().await {
                let _ = outbox::discard(&storage, &record).await;
            }
            self.changed();
        });
    }

    fn retry(self, id: String) {
        spawn_local(async move {
            if let Ok(storage) = Storage::shared().await {
                let _ = outbox::retry_now(&storage, &id).await;
            }
            self.sync.send_now();
        });
    }

    fn fix(self, record: OutboxRecord) {
        spawn_local(async move {
            if let Ok(storage) = Storage::shared().await
                && outbox::reopen(&storage, &record).await.is_ok()
            {
                let url = format!(
                    "/guide/apply/{}?draft={}&step=check",
                    record.item_code, record.draft_id
                );
                // The form is the forms bundle's page: a full-page load.
                crate::app::go_to_other_bundle(&url);
            }
        });
    }

    fn persist(self, lang: Lang) {
        spawn_local(async move {
            if let Ok(promise) = window().navigator().storage().persist() {
                let granted = JsFuture::from(promise)
                    .await
                    .ok()
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false);
                let key = if granted {
                    "fui.persist_granted"
                } else {
                    "fui.persist_refused"
                };
                self.message.set(Some(tr(lang, key).to_owned()));
            }
            self.reload.update(|r| *r = r.wrapping_add(1));
        });
    }

    fn export(self, lang: Lang) {
        spawn_local(async move {
            let key = match Storage::shared().await {
                Ok(storage) => match transfer::export(&storage).await {
                    Ok(()) => "fui.exported",
                    Err(_) => "fui.export_failed",
                },
                Err(_) => "storage.unavailable",
            };
            self.message.set(Some(tr(lang, key).to_owned()));
        });
    }

    fn import(self, lang: Lang, event: web_sys::Event) {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        spawn_local(async move {
            let text = match Storage::shared().await {
                Ok(storage) => match transfer::import(&storage, &file).await {
                    Ok(report) => tr_args(
                        lang,
                        "fui.imported",
                        &[
                            ("added", &report.added.to_string()),
                            ("copies", &report.copies.to_string()),
                            ("same", &report.same.to_string()),
                        ],
                    ),
                    Err(_) => tr(lang, "fui.import_failed").to_owned(),
                },
                Err(_) => tr(lang, "storage.unavailable").to_owned(),
            };
            self.message.set(Some(text));
            self.changed();
        });
    }
}

#[component]
pub fn Drafts() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let page = Page {
        sync,
        reload: RwSignal::new(0),
        confirming: RwSignal::new(None),
        message: RwSignal::new(None),
        village: RwSignal::new(false),
    };
    spawn_local(async move { page.village.set(crate::village::settings().await.on) });
    let lists = RwSignal::new(None::<Lists>);
    let facts = RwSignal::new(None::<(f64, bool)>);
    Effect::new(move |_| {
        sync.revision.track();
        page.reload.track();
        spawn_local(async move { lists.set(Some(read_lists().await)) });
    });
    Effect::new(move |_| {
        page.reload.track();
        spawn_local(async move { facts.set(storage_facts().await) });
    });
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let lang = i18n.lang();
        let content = whole(
            page,
            lang,
            sync.storage_error.with(Option::is_some),
            lists.get(),
            facts.get(),
        );
        dom::replace_keeping_focus(&root, content);
    });
    view! { <div node_ref=root></div> }
}

/// The whole page; `lists` is `None` while the database is being read.
fn whole(
    page: Page,
    lang: Lang,
    storage_broken: bool,
    lists: Option<Lists>,
    facts: Option<(f64, bool)>,
) -> El {
    let confirming = page.confirming.get();
    let storage_error = storage_broken.then(|| {
        el("p")
            .class("banner error")
            .attr("role", "alert")
            .text(tr(lang, "storage.unavailable"))
    });
    let message = page.message.get().map(|text| {
        el("p")
            .class("banner")
            .attr("role", "status")
            .attr("data-testid", "drafts-message")
            .text(&text)
    });
    let Lists { drafts, outbox } = lists.unwrap_or_default();
    let facts_text = match facts {
        Some((used, persisted)) => tr_args(
            lang,
            "fui.storage_used",
            &[
                (
                    "used",
                    &guichet_core::form::validate::format_bytes(used as u64),
                ),
                (
                    "mode",
                    tr(
                        lang,
                        if persisted {
                            "fui.persisted"
                        } else {
                            "fui.best_effort"
                        },
                    ),
                ),
            ],
        ),
        None => tr(lang, "fui.storage_unknown").to_owned(),
    };
    let button = |key: &'static str, testid: &str| {
        el("button")
            .attr("type", "button")
            .class("secondary")
            .attr("data-testid", testid)
            .text(tr(lang, key))
    };
    let tools = el("div")
        .class("actions")
        .child(button("fui.persist", "persist").on("click", move |_| page.persist(lang)))
        .child(button("fui.export", "export").on("click", move |_| page.export(lang)))
        .child(
            el("label")
                .class("button secondary")
                .attr("for", "import-file")
                .text(tr(lang, "fui.import")),
        )
        .child(
            el("input")
                .attr("id", "import-file")
                .class("visually-hidden")
                .attr("type", "file")
                .attr("accept", "application/json,.json")
                .attr("data-testid", "import")
                .on("change", move |event| page.import(lang, event)),
        );
    let day = page.village.get().then(|| {
        el("p").child(
            crate::app::link(
                crate::routes::village_day::PATH,
                crate::app::current_bundle(),
            )
            .class("button")
            .attr("data-testid", "village-day")
            .text(tr(lang, "village.open_day")),
        )
    });
    el("div")
        .child(el("h1").text(tr(lang, "drafts.heading")))
        .child(el("p").class("lead").text(tr(lang, "drafts.lead")))
        .maybe(day)
        .maybe(storage_error)
        .maybe(message)
        .child(el("h2").text(tr(lang, "drafts.outbox")))
        .child(outbox_list(page, lang, outbox, confirming.as_deref()))
        .child(el("h2").text(tr(lang, "drafts.drafts")))
        .child(draft_list(page, lang, drafts, confirming.as_deref()))
        .child(el("h2").text(tr(lang, "fui.storage")))
        .child(
            el("p")
                .attr("data-testid", "storage-facts")
                .text(&facts_text),
        )
        .child(tools)
        .child(el("p").class("note").text(tr(lang, "fui.transfer_note")))
}

/// A "delete" button, or in its place the inline confirmation when `key` awaits it.
fn delete_or_confirm(
    page: Page,
    lang: Lang,
    key: String,
    confirming: Option<&str>,
    question: &'static str,
    delete_testid: &str,
    on_confirm: impl Fn() + 'static,
) -> El {
    if confirming == Some(key.as_str()) {
        return el("span")
            .class("confirm")
            .attr("role", "group")
            .text(tr(lang, question))
            .child(
                el("button")
                    .attr("type", "button")
                    .class("danger")
                    .attr("data-testid", "confirm-delete")
                    .text(tr(lang, "fui.confirm_delete"))
                    .on("click", move |_| on_confirm()),
            )
            .child(
                el("button")
                    .attr("type", "button")
                    .class("secondary")
                    .attr("data-testid", "cancel-delete")
                    .text(tr(lang, "fui.cancel"))
                    .on("click", move |_| page.confirming.set(None)),
            );
    }
    el("button")
        .attr("type", "button")
        .class("secondary")
        .attr("data-testid", delete_testid)
        .text(tr(lang, "fui.delete"))
        .on("click", move |_| page.confirming.set(Some(key.clone())))
}

fn outbox_list(page: Page, lang: Lang, records: Vec<OutboxRecord>, confirming: Option<&str>) -> El {
    if records.is_empty() {
        return el("p")
            .class("empty")
            .attr("data-testid", "outbox-summary")
            .text(tr(lang, "drafts.outbox_empty"));
    }
    el("ul")
        .class("records")
        .attr("data-testid", "outbox-list")
        .children(records.into_iter().map(|r| {
            let (state, state_key) = match r.state {
                OutboxState::Pending if r.attempts == 0 => ("pending", "fui.outbox.pending"),
                OutboxState::Pending => ("pending", "fui.outbox.retrying"),
                OutboxState::Sending => ("sending", "fui.outbox.sending"),
                OutboxState::Refused => ("refused", "fui.outbox.refused"),
            };
            let meta = format!(
                "{} · {}",
                tr_args(
                    lang,
                    "fui.outbox.attempts",
                    &[("n", &r.attempts.to_string())]
                ),
                clock::center_minute(r.created_at)
            );
            let error = r.last_error.as_ref().map(|e| {
                el("p")
                    .class("field-error")
                    .attr("data-testid", "outbox-error")
                    .text(e)
            });
            let reasons = (!r.refused_fields.is_empty()).then(|| {
                el("ul").class("reasons").children(
                    r.refused_fields
                        .iter()
                        .map(|(f, m)| el("li").text(&format!("{f}：{m}"))),
                )
            });
            let mut actions = el("div").class("actions");
            match r.state {
                OutboxState::Pending => {
                    let id = r.id.clone();
                    actions = actions.child(
                        el("button")
                            .attr("type", "button")
                            .class("secondary")
                            .text(tr(lang, "fui.outbox.retry"))
                            .on("click", move |_| page.retry(id.clone())),
                    );
                }
                OutboxState::Refused => {
                    let record = r.clone();
                    let discarded = r.clone();
                    // A rating or a complaint has no draft to reopen: it is written again on
                    // 办件查询, where its form is.
                    let fix = if r.kind.has_draft() {
                        el("button")
                            .attr("type", "button")
                            .attr("data-testid", "fix-record")
                            .text(tr(lang, "fui.outbox.fix"))
                            .on("click", move |_| page.fix(record.clone()))
                    } else {
                        crate::app::link("/track", crate::app::current_bundle())
                            .attr("data-testid", "rewrite-record")
                            .class("button")
                            .text(tr(lang, "fui.outbox.rewrite"))
                    };
                    actions = actions.child(fix).child(delete_or_confirm(
                        page,
                        lang,
                        format!("o:{}", r.id),
                        confirming,
                        "fui.outbox.confirm_delete",
                        "delete-record",
                        move || page.delete_record(discarded.clone()),
                    ));
                }
                OutboxState::Sending => {}
            }
            el("li")
                .class(if r.state == OutboxState::Refused {
                    "record refused"
                } else {
                    "record"
                })
                .attr("data-testid", "outbox-record")
                .attr("data-state", state)
                .child(el("strong").text(&r.item_name))
                .child(
                    el("span")
                        .class("state")
                        .attr("data-testid", "outbox-state")
                        .text(tr(lang, state_key)),
                )
                .child(el("span").class("meta").text(&meta))
                .maybe(error)
                .maybe(reasons)
                .child(actions)
        }))
}

fn draft_list(page: Page, lang: Lang, drafts: Vec<Draft>, confirming: Option<&str>) -> El {
    if drafts.is_empty() {
        return el("p").class("empty").text(tr(lang, "drafts.none"));
    }
    el("ul")
        .class("records")
        .attr("data-testid", "draft-list")
        .children(drafts.into_iter().map(|d| {
            let submitted = d.submitted_as.is_some();
            let meta = tr_args(
                lang,
                "fui.draft_meta",
                &[
                    ("time", &clock::center_minute(d.updated_at)),
                    ("pct", &d.progress.to_string()),
                    ("version", &d.form_version.to_string()),
                ],
            );
            let progress = d.progress.to_string();
            // The form is the forms bundle's page: a full-page load.
            let resume = (!submitted).then(|| {
                el("a")
                    .attr(
                        "href",
                        &format!(
                            "/guide/apply/{}?draft={}&step={}",
                            d.item_code, d.id, d.step
                        ),
                    )
                    .class("button")
                    .attr("rel", "external")
                    .attr("data-testid", "continue-draft")
                    .text(tr(lang, "fui.continue_draft"))
            });
            let print = el("a")
                .attr("href", &format!("/guide/drafts/print?draft={}", d.id))
                .class("button secondary")
                .attr("data-testid", "print-draft")
                .text(tr(lang, "print.draft"));
            let id = d.id.clone();
            el("li")
                .class("record")
                .attr("data-testid", "draft")
                .child(el("strong").child(crate::routes::apply::words(lang, &d.item_name)))
                .child(el("span").class("meta").text(&meta))
                .child(
                    el("progress")
                        .attr("max", "100")
                        .attr("value", &progress)
                        .text(&format!("{progress}%")),
                )
                .maybe(submitted.then(|| {
                    el("span")
                        .class("state")
                        .text(tr(lang, "fui.draft_submitted"))
                }))
                .child(el("div").class("actions").maybe(resume).child(print).child(
                    delete_or_confirm(
                        page,
                        lang,
                        format!("d:{}", d.id),
                        confirming,
                        "fui.confirm_delete_draft",
                        "delete-draft",
                        move || page.delete_draft(id.clone()),
                    ),
                ))
        }))
}
