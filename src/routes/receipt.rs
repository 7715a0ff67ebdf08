//! 回执 (`/guide/receipt/:client_id`): the case number and query code once the server confirmed
//! (never broken across lines, each with a copy button), what to do next from the item's own
//! guide (the originals to bring, where and when, the fee, the committed time limit, the phone,
//! 办件查询 with the number filled in), or where the submission is while it waits in the
//! outbox. The receipt is kept on the device (for the tracking page) and prints on one clean
//! page. The item's guide is the copy kept on the device when the form was opened (`item:<code>`,
//! see `super::service`), asked from the server only when there is none.
//!
//! Built as plain DOM (see `crate::dom`), like the drafts page of the same bundle.
use guichet_core::i18n::Lang;
use guichet_core::wire::cases::ReceiptDates;
use guichet_core::wire::services::{KeptItem, NextStepsFacts};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::clock;
use crate::dom::{self, El, el};
use crate::i18n::{tr, tr_args, use_i18n};
use crate::storage::Storage;
use crate::storage::outbox::{OutboxRecord, OutboxState, StoredReceipt};
use crate::sync::use_sync;

#[derive(Clone)]
enum Found {
    Receipt(StoredReceipt),
    Waiting(OutboxRecord),
    Nothing,
}

async fn find(id: String) -> Found {
    let Ok(storage) = Storage::shared().await else {
        return Found::Nothing;
    };
    if let Ok(Some(receipt)) = storage.get_receipt(&id).await {
        return Found::Receipt(receipt);
    }
    match storage.get_outbox(&id).await {
        Ok(Some(record)) => Found::Waiting(record),
        _ => Found::Nothing,
    }
}

#[component]
pub fn Receipt() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let id = crate::app::path_param("/guide/receipt/");
    // Read again whenever the outbox may have changed (a send finished in this or another run).
    let found = RwSignal::new(None::<Found>);
    Effect::new(move |_| {
        sync.revision.track();
        let id = id.get();
        spawn_local(async move { found.set(Some(find(id).await)) });
    });
    // The item's guide, read once the receipt is there.
    let next = RwSignal::new(None::<NextSteps>);
    Effect::new(move |_| {
        let code = found.with(|found| match found {
            Some(Found::Receipt(r)) => Some(r.item_code.clone()),
            _ => None,
        });
        if let Some(code) = code
            && next.get_untracked().is_none()
        {
            spawn_local(async move { next.set(Some(next_steps(&code).await)) });
        }
    });
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let content = page(i18n.lang(), found.get(), next.get());
        dom::replace_keeping_focus(&root, content);
    });
    view! { <div node_ref=root></div> }
}

/// What the item's guide says the applicant does next; `known` is false when the device has no
/// copy of the guide and the server could not be asked.
#[derive(Clone, Default)]
struct NextSteps {
    known: bool,
    /// The materials to show at the window as originals: name, form key, count, when needed.
    originals: Vec<(String, &'static str, u32, String)>,
    place: String,
    hours: String,
    /// 收费标准; empty when free.
    fee: String,
    promised_days: u32,
    telephone: String,
}

/// The item's guide: the device's copy, else the server's answer.
async fn next_steps(code: &str) -> NextSteps {
    let key = format!("item:{code}");
    let storage = Storage::shared().await.ok();
    let mut text = match &storage {
        Some(storage) => storage.get_cached(&key).await.ok().flatten(),
        None => None,
    };
    if text.is_none() {
        text = crate::api::get_text(&format!("services/{code}")).await.ok();
    }
    text.and_then(|text| js_sys::JSON::parse(&text).ok())
        .and_then(|page| serde_wasm_bindgen::from_value::<KeptItem>(page).ok())
        .map(|kept| read_next_steps(kept.service))
        .unwrap_or_default()
}

fn read_next_steps(service: NextStepsFacts) -> NextSteps {
    let originals = service
        .materials
        .into_iter()
        .filter_map(|m| {
            let form = match m.form.as_str() {
                "original" => "receipt.material_original",
                "original_and_copy" => "receipt.material_both",
                _ => return None,
            };
            Some((m.name, form, m.count, m.note.unwrap_or_default()))
        })
        .collect();
    NextSteps {
        known: true,
        originals,
        place: service.place,
        hours: service.hours,
        fee: service.fee.standard,
        promised_days: service.promised_days,
        telephone: service.telephone,
    }
}

/// A code to copy down: on one line whatever the screen (and on paper), with its copy button.
fn code_box(lang: Lang, label: &'static str, copy: &'static str, testid: &str, value: &str) -> El {
    let label_id = format!("{testid}-label");
    let value_owned = value.to_owned();
    el("div")
        .class("code-box")
        .child(
            el("p")
                .class("code-label")
                .attr("id", &label_id)
                .text(tr(lang, label)),
        )
        .child(
            el("p")
                .class("code")
                .attr("data-testid", testid)
                .attr("aria-labelledby", &label_id)
                .text(value),
        )
        .child(
            el("button")
                .attr("type", "button")
                .class("secondary no-print")
                .attr("data-testid", &format!("copy-{testid}"))
                .text(tr(lang, copy))
                .on("click", move |_| copy_text(lang, value_owned.clone())),
        )
}

/// Puts `text` on the clipboard and says so in the page's polite status line.
fn copy_text(lang: Lang, text: String) {
    spawn_local(async move {
        let navigator = window().navigator();
        // The browser's own API, looked up by name (it is missing outside secure contexts).
        let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).unwrap_or_default();
        let write = js_sys::Reflect::get(&clipboard, &"writeText".into())
            .ok()
            .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
        let copied = match write.map(|write| write.call1(&clipboard, &text.as_str().into())) {
            Some(Ok(promise)) => {
                wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise))
                    .await
                    .is_ok()
            }
            _ => false,
        };
        let said = if copied {
            tr_args(lang, "receipt.copied", &[("value", &text)])
        } else {
            tr(lang, "receipt.copy_failed").to_owned()
        };
        if let Ok(Some(status)) = document().query_selector("[data-testid=copy-status]") {
            status.set_text_content(Some(&said));
        }
    });
}

/// 下一步: what to bring, where and when, the fee, the time limit, the phone, and 办件查询.
fn next_view(lang: Lang, case_no: &str, next: Option<NextSteps>) -> El {
    let t = |key| tr(lang, key);
    let mut section = el("section")
        .class("next-steps")
        .attr("data-testid", "next-steps")
        .child(el("h2").text(t("receipt.next")))
        .child(el("p").text(t("receipt.next_review")));
    match next {
        None => {}
        Some(next) if !next.known => {
            section = section.child(el("p").class("note").text(t("receipt.item_unknown")));
        }
        Some(next) => {
            section = if next.originals.is_empty() {
                section.child(el("p").text(t("receipt.bring_none")))
            } else {
                section.child(el("p").text(t("receipt.bring"))).child(
                    el("ul")
                        .attr("data-testid", "bring")
                        .children(next.originals.iter().map(|(name, form, count, note)| {
                            el("li")
                                .child(el("strong").text(name))
                                .text(&format!(
                                    " ({}, {})",
                                    t(*form),
                                    tr_args(
                                        lang,
                                        "receipt.copies",
                                        &[("count", &count.to_string())]
                                    )
                                ))
                                .maybe(
                                    (!note.is_empty())
                                        .then(|| el("small").text(&format!(" {note}"))),
                                )
                        })),
                )
            };
            let fact = |dl: El, key, value: El| dl.child(el("dt").text(t(key))).child(value);
            let mut facts = el("dl").class("facts");
            facts = fact(
                facts,
                "receipt.place",
                el("dd").attr("data-testid", "next-place").text(&next.place),
            );
            facts = fact(facts, "receipt.hours", el("dd").text(&next.hours));
            facts = fact(
                facts,
                "receipt.fee",
                el("dd").text(if next.fee.is_empty() {
                    t("receipt.fee_free")
                } else {
                    next.fee.as_str()
                }),
            );
            let limit = if next.promised_days == 0 {
                t("receipt.limit_spot").to_owned()
            } else {
                tr_args(
                    lang,
                    "receipt.limit_days",
                    &[("days", &next.promised_days.to_string())],
                )
            };
            facts = fact(
                facts,
                "receipt.limit",
                el("dd").attr("data-testid", "next-limit").text(&limit),
            );
            facts = fact(
                facts,
                "receipt.phone",
                el("dd").child(
                    el("a")
                        .attr("href", &format!("tel:{}", next.telephone))
                        .text(&next.telephone),
                ),
            );
            section = section.child(facts);
        }
    }
    section.child(
        el("p").child(
            crate::app::link(
                &format!("/track?case_no={}", js_sys::encode_uri_component(case_no)),
                crate::app::Bundle::Drafts,
            )
            .attr("data-testid", "receipt-track")
            .text(t("receipt.track")),
        ),
    )
}

fn page(lang: Lang, found: Option<Found>, next: Option<NextSteps>) -> El {
    let t = |key| tr(lang, key);
    match found {
        None => el("p").class("note").text(t("fui.loading")),
        Some(Found::Nothing) => el("div")
            .child(
                el("h1")
                    .attr("data-title", t("receipt.title"))
                    .text(t("fui.receipt")),
            )
            .child(el("p").class("banner error").text(t("fui.not_found"))),
        Some(Found::Waiting(record)) => el("div")
            .child(
                el("h1")
                    .attr("data-title", t("receipt.title"))
                    .text(t("fui.receipt_waiting")),
            )
            .child(el("p").class("lead").text(&record.item_name))
            .child(
                el("p")
                    .class("banner")
                    .attr("role", "status")
                    .attr("data-testid", "receipt-waiting")
                    .text(t(if record.state == OutboxState::Refused {
                        "fui.outbox.refused"
                    } else {
                        "fui.receipt_waiting_body"
                    })),
            )
            .child(
                el("p").child(
                    crate::app::link("/guide/drafts", crate::app::Bundle::Drafts)
                        .text(t("drafts.outbox")),
                ),
            ),
        Some(Found::Receipt(r)) => {
            let fact = |dl: El, key, value: El| dl.child(el("dt").text(t(key))).child(value);
            let codes = el("div")
                .class("codes")
                .child(code_box(
                    lang,
                    "fui.case_no",
                    "receipt.copy_case",
                    "case-no",
                    &r.case_no,
                ))
                .maybe(r.query_code.as_deref().map(|code| {
                    code_box(
                        lang,
                        "fui.query_code",
                        "receipt.copy_code",
                        "query-code",
                        code,
                    )
                }))
                .child(
                    el("p")
                        .class("copy-status no-print")
                        .attr("role", "status")
                        .attr("data-testid", "copy-status"),
                );
            let mut facts = el("dl").class("facts");
            facts = fact(
                facts,
                "fui.d.name",
                el("dd").text(&format!("{} ({})", r.item_name, r.item_code)),
            );
            facts = fact(
                facts,
                "fui.received_at",
                el("dd").text(&clock::show_rfc3339(&r.received_at)),
            );
            // A disclosure request: the day its clock starts and the latest reply date, as the
            // server's receipt gave them (kept as the browser's value, decoded here).
            let dates =
                serde_wasm_bindgen::from_value::<Option<ReceiptDates>>(r.disclosure.clone())
                    .ok()
                    .flatten();
            if let Some(dates) = dates {
                facts = fact(
                    facts,
                    "receipt.gk_counted_from",
                    el("dd")
                        .attr("data-testid", "counted-from")
                        .text(&dates.counted_from),
                );
                let mut reply_by = el("dd")
                    .attr("data-testid", "reply-by")
                    .text(&dates.reply_by);
                if dates.reply_by_provisional {
                    reply_by = reply_by.child(el("small").text(t("receipt.gk_provisional")));
                }
                facts = fact(facts, "receipt.gk_reply_by", reply_by);
            }
            el("div")
                .class("receipt")
                .attr("data-testid", "receipt")
                .child(
                    el("h1")
                        .attr("data-title", t("receipt.title"))
                        .text(t("fui.receipt")),
                )
                .child(el("p").class("panel-ok").text(t("fui.receipt_ok")))
                .child(codes)
                .child(el("p").class("note").text(t("fui.receipt_keep")))
                .child(facts)
                .child(next_view(lang, &r.case_no, next))
                .child(
                    el("button")
                        .attr("type", "button")
                        .class("no-print")
                        .text(t("fui.print"))
                        .on("click", |_| {
                            let _ = window().print();
                        }),
                )
        }
    }
}
