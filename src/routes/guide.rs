//! 办事指南: service guide.
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn Guide() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{move || i18n.t("guide.heading")}</h1>
        <p class="lead">{move || i18n.t("guide.lead")}</p>
        <p class="empty">{move || i18n.t("guide.empty")}</p>
    }
}
