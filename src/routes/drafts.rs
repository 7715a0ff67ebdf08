//! 我的草稿 / 待发送: the person's unfinished forms and the submissions waiting to be sent.
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::sync::use_sync;

#[component]
pub fn Drafts() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    view! {
        <h1>{move || i18n.t("drafts.heading")}</h1>
        <p class="lead">{move || i18n.t("drafts.lead")}</p>
        <h2>{move || i18n.t("drafts.outbox")}</h2>
        <p data-testid="outbox-summary">
            {move || match sync.pending.get() {
                Some(0) => i18n.t("drafts.outbox_empty").to_string(),
                Some(n) => format!("{} {n}", i18n.t("status.pending")),
                None => i18n.t("drafts.outbox_unknown").to_string(),
            }}
        </p>
        {move || sync.storage_error.get().map(|_| view! {
            <p class="banner error" role="alert">{i18n.t("storage.unavailable")}</p>
        })}
        <h2>{move || i18n.t("drafts.drafts")}</h2>
        <p class="empty">{move || i18n.t("drafts.none")}</p>
    }
}
