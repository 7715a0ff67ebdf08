//! The page for an address the app does not know.
use leptos::prelude::*;

use crate::app::Go;
use crate::i18n::use_i18n;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1 data-testid="not-found">{move || i18n.t("notfound.heading")}</h1>
        <p>{move || i18n.t("notfound.body")}</p>
        <p><Go href="/">{move || i18n.t("notfound.home")}</Go></p>
    }
}
