//! 首页: the four things people come for, one tap away.
use leptos::prelude::*;

use crate::app::Go;
use crate::i18n::use_i18n;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let card = move |href: &'static str, title: &'static str, text: &'static str| {
        view! {
            <li class="card">
                <Go href=href>
                    <span class="card-title">{move || i18n.t(title)}</span>
                    <span class="card-text">{move || i18n.t(text)}</span>
                </Go>
            </li>
        }
    };
    view! {
        <h1>{move || i18n.t("home.heading")}</h1>
        <p class="lead">{move || i18n.t("home.lead")}</p>
        <ul class="cards">
            {card("/guide", "nav.guide", "home.guide")}
            {card("/track", "nav.track", "home.track")}
            {card("/disclosure", "nav.disclosure", "home.disclosure")}
            {card("/guide/drafts", "nav.drafts", "home.drafts")}
        </ul>
        <p class="note">{move || i18n.t("home.offline_note")}</p>
    }
}
