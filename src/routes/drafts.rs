//! 我的草稿 / 待发送: the person's unfinished forms and the submissions waiting to be sent.
//!
//! Drafts: continue, or delete after an inline confirmation (no pop-up: elderly mode forbids
//! them). Outbox: every record's state, attempts and last error; retry now, or fix a refused
//! one (which becomes a new submission with a new id). Storage: how much is used, persistent
//! storage, and export/import of drafts as a file — the escape hatch of a shared village
//! computer whose browser data may be cleared.
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::clock;
use crate::i18n::use_i18n;
use crate::storage::Storage;
use crate::storage::forms::{Draft, OutboxRecord, OutboxState};
use crate::sync::{outbox, use_sync};
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

#[component]
pub fn Drafts() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let reload = RwSignal::new(0u32);
    let lists = LocalResource::new(move || {
        sync.revision.track();
        reload.track();
        read_lists()
    });
    let facts = LocalResource::new(move || {
        reload.track();
        storage_facts()
    });
    let confirming = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let changed = move || {
        reload.update(|r| *r += 1);
        sync.refresh();
    };
    let delete_draft = move |id: String| {
        confirming.set(None);
        spawn_local(async move {
            if let Ok(storage) = Storage::shared().await {
                let _ = storage.delete_draft(&id).await;
            }
            changed();
        });
    };
    let delete_record = move |id: String| {
        confirming.set(None);
        spawn_local(async move {
            if let Ok(storage) = Storage::shared().await {
                let _ = storage.delete_outbox(&id).await;
            }
            changed();
        });
    };
    let retry = move |id: String| {
        spawn_local(async move {
            if let Ok(storage) = Storage::shared().await {
                let _ = outbox::retry_now(&storage, &id).await;
            }
            sync.send_now();
        });
    };
    let fix = move |record: OutboxRecord| {
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
    };
    let persist = move |_| {
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
                message.set(Some(i18n.t(key).to_owned()));
            }
            reload.update(|r| *r += 1);
        });
    };
    let export = move |_| {
        spawn_local(async move {
            let key = match Storage::shared().await {
                Ok(storage) => match transfer::export(&storage).await {
                    Ok(()) => "fui.exported",
                    Err(_) => "fui.export_failed",
                },
                Err(_) => "storage.unavailable",
            };
            message.set(Some(i18n.t(key).to_owned()));
        });
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
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
                    Ok(report) => crate::i18n::tr_args(
                        i18n.lang(),
                        "fui.imported",
                        &[
                            ("added", &report.added.to_string()),
                            ("copies", &report.copies.to_string()),
                            ("same", &report.same.to_string()),
                        ],
                    ),
                    Err(_) => i18n.t("fui.import_failed").to_owned(),
                },
                Err(_) => i18n.t("storage.unavailable").to_owned(),
            };
            message.set(Some(text));
            changed();
        });
    };

    let state_text = move |r: &OutboxRecord| match r.state {
        OutboxState::Pending if r.attempts == 0 => i18n.t("fui.outbox.pending"),
        OutboxState::Pending => i18n.t("fui.outbox.retrying"),
        OutboxState::Sending => i18n.t("fui.outbox.sending"),
        OutboxState::Refused => i18n.t("fui.outbox.refused"),
    };

    view! {
        <h1>{move || i18n.t("drafts.heading")}</h1>
        <p class="lead">{move || i18n.t("drafts.lead")}</p>
        {move || sync.storage_error.get().map(|_| view! {
            <p class="banner error" role="alert">{i18n.t("storage.unavailable")}</p>
        })}
        {move || message.get().map(|m| view! { <p class="banner" role="status" data-testid="drafts-message">{m}</p> })}

        <h2>{move || i18n.t("drafts.outbox")}</h2>
        {move || {
            let records = lists.get().map(|l| l.outbox).unwrap_or_default();
            if records.is_empty() {
                return view! { <p class="empty" data-testid="outbox-summary">{i18n.t("drafts.outbox_empty")}</p> }.into_any();
            }
            view! {
                <ul class="records" data-testid="outbox-list">
                    {records.into_iter().map(|r| {
                        let refused = r.state == OutboxState::Refused;
                        let pending = r.state == OutboxState::Pending;
                        let (id_retry, id_delete, id_confirm) = (r.id.clone(), r.id.clone(), r.id.clone());
                        let confirm_key = format!("o:{}", r.id);
                        let confirm_key2 = confirm_key.clone();
                        let record = r.clone();
                        view! {
                            <li class=if refused { "record refused" } else { "record" } data-testid="outbox-record" data-state=format!("{:?}", r.state).to_lowercase()>
                                <strong>{r.item_name.clone()}</strong>
                                <span class="state" data-testid="outbox-state">{state_text(&r)}</span>
                                <span class="meta">
                                    {crate::i18n::tr_args(i18n.lang(), "fui.outbox.attempts", &[("n", &r.attempts.to_string())])}
                                    " · " {clock::center_minute(r.created_at)}
                                </span>
                                {r.last_error.clone().map(|e| view! { <p class="field-error" data-testid="outbox-error">{e}</p> })}
                                {(!r.refused_fields.is_empty()).then(|| view! {
                                    <ul class="reasons">{r.refused_fields.iter().map(|(f, m)| view! { <li>{format!("{f}：{m}")}</li> }).collect_view()}</ul>
                                })}
                                <div class="actions">
                                    {pending.then(|| view! {
                                        <button type="button" class="secondary" on:click=move |_| retry(id_retry.clone())>{i18n.t("fui.outbox.retry")}</button>
                                    })}
                                    {refused.then(|| view! {
                                        <button type="button" data-testid="fix-record" on:click=move |_| fix(record.clone())>{i18n.t("fui.outbox.fix")}</button>
                                        {move || if confirming.get().as_deref() == Some(confirm_key.as_str()) {
                                            let id = id_delete.clone();
                                            view! {
                                                <span class="confirm" role="group">
                                                    {i18n.t("fui.outbox.confirm_delete")}
                                                    <button type="button" class="danger" on:click=move |_| delete_record(id.clone())>{i18n.t("fui.confirm_delete")}</button>
                                                    <button type="button" class="secondary" on:click=move |_| confirming.set(None)>{i18n.t("fui.cancel")}</button>
                                                </span>
                                            }.into_any()
                                        } else {
                                            let key = confirm_key2.clone();
                                            let _ = &id_confirm;
                                            view! { <button type="button" class="secondary" on:click=move |_| confirming.set(Some(key.clone()))>{i18n.t("fui.delete")}</button> }.into_any()
                                        }}
                                    })}
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}

        <h2>{move || i18n.t("drafts.drafts")}</h2>
        {move || {
            let drafts = lists.get().map(|l| l.drafts).unwrap_or_default();
            if drafts.is_empty() {
                return view! { <p class="empty">{i18n.t("drafts.none")}</p> }.into_any();
            }
            view! {
                <ul class="records" data-testid="draft-list">
                    {drafts.into_iter().map(|d| {
                        let href = format!("/guide/apply/{}?draft={}&step={}", d.item_code, d.id, d.step);
                        let key = format!("d:{}", d.id);
                        let key2 = key.clone();
                        let id = d.id.clone();
                        let submitted = d.submitted_as.is_some();
                        view! {
                            <li class="record" data-testid="draft">
                                <strong>{d.item_name.clone()}</strong>
                                <span class="meta">
                                    {crate::i18n::tr_args(i18n.lang(), "fui.draft_meta", &[
                                        ("time", &clock::center_minute(d.updated_at)),
                                        ("pct", &d.progress.to_string()),
                                        ("version", &d.form_version.to_string()),
                                    ])}
                                </span>
                                <progress max="100" value=d.progress.to_string()>{format!("{}%", d.progress)}</progress>
                                {submitted.then(|| view! { <span class="state">{i18n.t("fui.draft_submitted")}</span> })}
                                <div class="actions">
                                    {(!submitted).then(|| view! { <A href=href attr:class="button" attr:rel="external">{i18n.t("fui.continue_draft")}</A> })}
                                    {move || if confirming.get().as_deref() == Some(key.as_str()) {
                                        let id = id.clone();
                                        view! {
                                            <span class="confirm" role="group">
                                                {i18n.t("fui.confirm_delete_draft")}
                                                <button type="button" class="danger" data-testid="confirm-delete" on:click=move |_| delete_draft(id.clone())>{i18n.t("fui.confirm_delete")}</button>
                                                <button type="button" class="secondary" on:click=move |_| confirming.set(None)>{i18n.t("fui.cancel")}</button>
                                            </span>
                                        }.into_any()
                                    } else {
                                        let key = key2.clone();
                                        view! { <button type="button" class="secondary" data-testid="delete-draft" on:click=move |_| confirming.set(Some(key.clone()))>{i18n.t("fui.delete")}</button> }.into_any()
                                    }}
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}

        <h2>{move || i18n.t("fui.storage")}</h2>
        <p data-testid="storage-facts">{move || match facts.get().flatten() {
            Some((used, persisted)) => crate::i18n::tr_args(i18n.lang(), "fui.storage_used", &[
                ("used", &guichet_core::form::validate::format_bytes(used as u64)),
                ("mode", i18n.t(if persisted { "fui.persisted" } else { "fui.best_effort" })),
            ]),
            None => i18n.t("fui.storage_unknown").to_owned(),
        }}</p>
        <div class="actions">
            <button type="button" class="secondary" on:click=persist>{move || i18n.t("fui.persist")}</button>
            <button type="button" class="secondary" on:click=export data-testid="export">{move || i18n.t("fui.export")}</button>
            <label class="button secondary" for="import-file">{move || i18n.t("fui.import")}</label>
            <input id="import-file" class="visually-hidden" type="file" accept="application/json,.json" on:change=import data-testid="import"/>
        </div>
        <p class="note">{move || i18n.t("fui.transfer_note")}</p>
    }
}
