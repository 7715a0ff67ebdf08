//! 回执 (`/guide/receipt/:client_id`): the case number and query code once the server confirmed,
//! or where the submission is while it waits in the outbox. The receipt is kept on the device
//! (for the tracking page) and prints on one clean page.
use leptos::prelude::*;
use leptos_router::components::A;

use crate::clock;
use crate::i18n::use_i18n;
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
    let found = LocalResource::new(move || {
        sync.revision.track();
        find(id.get())
    });
    let print = move |_| {
        let _ = window().print();
    };
    move || {
        match found.get() {
        None => view! { <p class="note">{i18n.t("fui.loading")}</p> }.into_any(),
        Some(Found::Nothing) => view! {
            <h1>{i18n.t("fui.receipt")}</h1>
            <p class="banner error">{i18n.t("fui.not_found")}</p>
        }
        .into_any(),
        Some(Found::Waiting(record)) => view! {
            <h1>{i18n.t("fui.receipt_waiting")}</h1>
            <p class="lead">{record.item_name}</p>
            <p class="banner" role="status" data-testid="receipt-waiting">
                {i18n.t(if record.state == OutboxState::Refused { "fui.outbox.refused" } else { "fui.receipt_waiting_body" })}
            </p>
            <p><A href="/guide/drafts">{i18n.t("drafts.outbox")}</A></p>
        }
        .into_any(),
        Some(Found::Receipt(r)) => view! {
            <div class="receipt" data-testid="receipt">
                <h1>{i18n.t("fui.receipt")}</h1>
                <p class="panel-ok">{i18n.t("fui.receipt_ok")}</p>
                <dl class="facts">
                    <dt>{i18n.t("fui.case_no")}</dt><dd class="big" data-testid="case-no">{r.case_no}</dd>
                    <dt>{i18n.t("fui.query_code")}</dt>
                    <dd class="big" data-testid="query-code">{r.query_code.unwrap_or_else(|| "—".into())}</dd>
                    <dt>{i18n.t("fui.d.name")}</dt><dd>{r.item_name}" ("{r.item_code}")"</dd>
                    <dt>{i18n.t("fui.received_at")}</dt><dd>{clock::show_rfc3339(&r.received_at)}</dd>
                </dl>
                <p class="note">{i18n.t("fui.receipt_keep")}</p>
                <button type="button" class="no-print" on:click=print>{i18n.t("fui.print")}</button>
            </div>
        }
        .into_any(),
    }
    }
}
