//! The app's frame: preferences, sync state and the service worker as context; the header with
//! the connection and outbox state; the router with the top-level places.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

use crate::i18n::use_i18n;
use crate::prefs::{Prefs, use_prefs};
use crate::routes;
use crate::sw::{AppUpdate, use_app_update};
use crate::sync::{SyncStatus, use_sync};

/// The top-level places, in the order of the navigation bar: (path, string key).
pub const PLACES: &[(&str, &str)] = &[
    ("/", "nav.home"),
    ("/guide", "nav.guide"),
    ("/disclosure", "nav.disclosure"),
    ("/track", "nav.track"),
    ("/drafts", "nav.drafts"),
    ("/settings", "nav.settings"),
];

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    Prefs::provide();
    SyncStatus::provide();
    AppUpdate::provide();
    crate::catalog::sync::CatalogSync::provide();
    let i18n = use_i18n();
    view! {
        <Router>
            <a class="skip-link" href="#main">{move || i18n.t("app.skip")}</a>
            <Header/>
            <UpdateBanner/>
            <main id="main" tabindex="-1">
                <Routes fallback=routes::not_found::NotFound>
                    <Route path=path!("/") view=routes::home::Home/>
                    <Route path=path!("/guide") view=routes::guide::Guide/>
                    <Route path=path!("/guide/:code") view=routes::service::Service/>
                    <Route path=path!("/apply/:code") view=routes::apply::Apply/>
                    <Route path=path!("/receipt/:client_id") view=routes::receipt::Receipt/>
                    <Route path=path!("/disclosure") view=routes::disclosure::Disclosure/>
                    <Route path=path!("/disclosure/entry/*index_no") view=routes::catalog_entry::CatalogEntryPage/>
                    <Route path=path!("/track") view=routes::track::Track/>
                    <Route path=path!("/drafts") view=routes::drafts::Drafts/>
                    <Route path=path!("/settings") view=routes::settings::Settings/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{move || i18n.t("footer.text")}</p>
            </footer>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let prefs = use_prefs();
    let sync = use_sync();
    let toggle_lang = move |_| {
        prefs
            .lang
            .update(|lang| *lang = crate::prefs::other_lang(*lang))
    };
    let toggle_elderly = move |_| prefs.elderly.update(|on| *on = !*on);
    view! {
        <header class="site-header">
            <div class="bar">
                <A href="/" attr:class="site-title">{move || i18n.t("app.title")}</A>
                <div class="tools">
                    <button type="button" class="tool" data-testid="lang-switch"
                        on:click=toggle_lang
                        lang=move || crate::prefs::html_lang(crate::prefs::other_lang(prefs.lang.get()))>
                        {move || i18n.t("lang.other")}
                    </button>
                    <button type="button" class="tool" data-testid="elderly-switch"
                        aria-pressed=move || if prefs.elderly.get() { "true" } else { "false" }
                        on:click=toggle_elderly>
                        {move || i18n.t("prefs.elderly")}
                    </button>
                </div>
            </div>
            <p class="status" role="status" data-testid="sync-status">
                <span class=move || if sync.online.get() { "pill online" } else { "pill offline" }
                    data-testid="online-state">
                    {move || if sync.online.get() { i18n.t("status.online") } else { i18n.t("status.offline") }}
                </span>
                <A href="/drafts" attr:class="pending" attr:data-testid="pending-count">
                    {move || i18n.t("status.pending")} " "
                    <strong>{move || sync.pending.get().map_or_else(|| "–".to_string(), |n| n.to_string())}</strong>
                </A>
            </p>
            <nav aria-label=move || i18n.t("nav.label")>
                <ul>
                    {PLACES.iter().map(|(href, key)| view! {
                        <li><A href=*href exact=true>{move || i18n.t(key)}</A></li>
                    }).collect_view()}
                </ul>
            </nav>
        </header>
    }
}

/// Offers the new version inline (no pop-up): the person reloads when it suits them.
#[component]
fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let update = use_app_update();
    view! {
        <Show when=move || update.ready.get()>
            <div class="banner update" role="status" data-testid="update-banner">
                <span>{move || i18n.t("update.ready")}</span>
                <button type="button" on:click=move |_| update.apply()>
                    {move || i18n.t("update.reload")}
                </button>
            </div>
        </Show>
    }
}
