//! 回执 (`/guide/receipt/:client_id`): the case number and query code once the server confirmed,
//! or where the submission is while it waits in the outbox. The receipt is kept on the device
//! (for the tracking page) and prints on one clean page.
//!
//! Built as plain DOM (see `crate::dom`), like the drafts page of the same bundle.
use guichet_core::i18n::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::clock;
use crate::dom::{self, El, el};
use crate::i18n::{tr, use_i18n};
use crate::storage::Storage;
use crate::storage::forms::{OutboxRecord, OutboxState, StoredReceipt};
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
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let content = page(i18n.lang(), found.get());
        dom::replace_keeping_focus(&root, content);
    });
    view! { <div node_ref=root></div> }
}

fn page(lang: Lang, found: Option<Found>) -> El {
    let t = |key| tr(lang, key);
    match found {
        None => el("p").class("note").text(t("fui.loading")),
        Some(Found::Nothing) => el("div")
            .child(el("h1").text(t("fui.receipt")))
            .child(el("p").class("banner error").text(t("fui.not_found"))),
        Some(Found::Waiting(record)) => el("div")
            .child(el("h1").text(t("fui.receipt_waiting")))
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
            let mut facts = el("dl").class("facts");
            facts = fact(
                facts,
                "fui.case_no",
                el("dd")
                    .class("big")
                    .attr("data-testid", "case-no")
                    .text(&r.case_no),
            );
            facts = fact(
                facts,
                "fui.query_code",
                el("dd")
                    .class("big")
                    .attr("data-testid", "query-code")
                    .text(r.query_code.as_deref().unwrap_or("—")),
            );
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
            // A disclosure request: the day its clock starts and the latest reply date.
            let date = |name: &str| {
                js_sys::Reflect::get(&r.disclosure, &name.into())
                    .ok()
                    .and_then(|v| v.as_string())
            };
            if let Some(day) = &date("counted_from") {
                facts = fact(
                    facts,
                    "receipt.gk_counted_from",
                    el("dd").attr("data-testid", "counted-from").text(day),
                );
            }
            if let Some(day) = &date("reply_by") {
                let mut reply_by = el("dd").attr("data-testid", "reply-by").text(day);
                let provisional =
                    js_sys::Reflect::get(&r.disclosure, &"reply_by_provisional".into())
                        .is_ok_and(|v| v.is_truthy());
                if provisional {
                    reply_by = reply_by.child(el("small").text(t("receipt.gk_provisional")));
                }
                facts = fact(facts, "receipt.gk_reply_by", reply_by);
            }
            el("div")
                .class("receipt")
                .attr("data-testid", "receipt")
                .child(el("h1").text(t("fui.receipt")))
                .child(el("p").class("panel-ok").text(t("fui.receipt_ok")))
                .child(facts)
                .child(el("p").class("note").text(t("fui.receipt_keep")))
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
