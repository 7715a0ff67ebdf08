//! 信息公开: the government information disclosure catalog.
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn Disclosure() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{move || i18n.t("disclosure.heading")}</h1>
        <p class="lead">{move || i18n.t("disclosure.lead")}</p>
        <p class="empty">{move || i18n.t("disclosure.empty")}</p>
    }
}
