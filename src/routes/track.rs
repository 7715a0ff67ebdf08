//! 办件查询: case tracking.
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn Track() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{move || i18n.t("track.heading")}</h1>
        <p class="lead">{move || i18n.t("track.lead")}</p>
        <p class="empty">{move || i18n.t("track.empty")}</p>
    }
}
