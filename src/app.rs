//! The citizen app's frame, shared by its bundles: preferences, sync state and the service worker
//! as context; the header with the connection and outbox state; one router per bundle.
//!
//! The citizen app is split into several Trunk builds of this crate (one `[[bin]]` and one
//! `index.html` each) so that no first load carries every page: the shell at `/` (home,
//! 办件查询, settings, 404), the disclosure catalog under `/disclosure`, and the service guide
//! with the pre-review forms, drafts and outbox under `/guide`. Each bundle picks its page from
//! the path by hand (a `match`): leptos_router's route table cost 20-25 KB brotli per bundle;
//! its `<Router>` stays for locations, queries, `navigate` and in-bundle links. A link to another bundle is a
//! full-page navigation (`rel="external"`, which the router leaves to the browser); the server
//! and the service worker answer it with the `index.html` of the bundle whose folder is nearest
//! in the bundle map (`bundles.txt`, see [`Bundle`]).

use crate::i18n::tr;
use guichet_core::i18n::Lang;
use leptos::prelude::*;
use leptos_router::components::Router;

use crate::dom::{self, El, el};
use crate::i18n::use_i18n;
use crate::prefs::{Prefs, use_prefs};
use crate::routes;
use crate::sw::{AppUpdate, use_app_update};
use crate::sync::{SyncStatus, use_sync};

/// One Trunk build of the app, owning the paths under its folder(s): the bundle map's
/// (`bundles.txt` at the repository's root, generated into `guichet_core::bundles`).
/// `Bundle::of(path)` is the bundle that answers a path, by the rule the server's fallback and
/// the service worker follow (the nearest folder; see `guichet_core::bundles`).
pub use guichet_core::bundles::Bundle;

/// The top-level places, in the order of the navigation bar: (path, string key).
pub const PLACES: &[(&str, &str)] = &[
    ("/", "nav.home"),
    ("/guide", "nav.guide"),
    ("/disclosure", "nav.disclosure"),
    ("/track", "nav.track"),
    ("/guide/drafts", "nav.drafts"),
    ("/settings", "nav.settings"),
];

/// Mounts one bundle of the citizen app on `<body>`: the frame around the bundle's `<Routes>`.
pub fn mount<V: IntoView + 'static>(bundle: Bundle, routes: impl FnOnce() -> V + Send + 'static) {
    mount_frame::<V, true>(bundle, routes)
}

/// [`mount`], with the outbox run by the page when `SENDS` (see `SyncStatus::provide`).
fn mount_frame<V: IntoView + 'static, const SENDS: bool>(
    bundle: Bundle,
    routes: impl FnOnce() -> V + Send + 'static,
) {
    crate::console_error_panic_hook_lite();
    remove_first_screen();
    leptos::mount::mount_to_body(move || {
        Prefs::provide();
        SyncStatus::provide::<SENDS>();
        AppUpdate::provide();
        provide_context(bundle);
        let i18n = use_i18n();
        view! {
            <Router>
                <a class="skip-link" href="#main">{move || i18n.t("app.skip")}</a>
                <Header/>
                <UpdateBanner/>
                <CompleteNavigation/>
                <main id="main" tabindex="-1">
                    {routes()}
                </main>
                <footer class="site-footer">
                    <p>{move || i18n.t("footer.text")}</p>
                </footer>
            </Router>
        }
    });
}

/// Removes the static first screen that `scripts/first-screen.mjs` wrote into an entry bundle's
/// `index.html`: a picture of this page painted before the wasm came (whose start that file's
/// loader holds until the browser has reported the picture's largest paint). The app mounts in
/// its place in the same task, so the browser never paints both, nor neither.
fn remove_first_screen() {
    let Ok(nodes) = document().query_selector_all("body > [data-first-screen]") else {
        return;
    };
    for at in 0..nodes.length() {
        if let Some(node) = nodes.item(at)
            && let Some(parent) = node.parent_node()
        {
            let _ = parent.remove_child(&node);
        }
    }
}

/// Puts an in-app link's address in the browser's address bar (and history) once its page is
/// shown: leptos_router leaves that to `<Routes>`, and the bundles pick their pages without it.
/// Then the page's title and the focus on its heading ([`dom::page_at`]): no page needs code
/// of its own for either.
#[component]
fn CompleteNavigation() -> impl IntoView {
    use leptos_router::location::{BrowserUrl, LocationProvider};
    let location = leptos_router::hooks::use_location();
    let browser = use_context::<BrowserUrl>();
    Effect::new(move |first: Option<()>| {
        location.pathname.track();
        location.search.track();
        if let Some(browser) = &browser {
            browser.ready_to_complete();
        }
        location
            .pathname
            .with_untracked(|path| dom::page_at(path, first.is_none()));
    });
}

/// The bundle this page belongs to.
pub fn current_bundle() -> Bundle {
    use_context::<Bundle>().unwrap_or(Bundle::Shell)
}

/// A link to `href`: left to the page's router when the current bundle answers it, a full-page
/// navigation (`rel="external"`, which the router leaves to the browser) when another does.
pub fn link(href: &str, bundle: Bundle) -> El {
    let a = el("a").attr("href", href);
    if Bundle::of(href) == bundle {
        a
    } else {
        a.attr("rel", "external")
    }
}

/// The header, built as plain DOM (see `crate::dom`; every bundle carries it). It is built again
/// only when the language changes; the connection, the outbox count, elderly mode and the
/// current page are updated in place, so a link or button is never replaced under a pointer.
#[component]
fn Header() -> impl IntoView {
    let prefs = use_prefs();
    let sync = use_sync();
    let bundle = current_bundle();
    let location = leptos_router::hooks::use_location();
    let root = NodeRef::<leptos::html::Header>::new();
    let parts = StoredValue::new_local(None::<HeaderParts>);
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let lang = prefs.lang.get();
        let (content, built) = build_header(lang, bundle, prefs);
        dom::replace_keeping_focus(&root, content);
        built.update(
            lang,
            sync.online.get_untracked(),
            sync.pending.get_untracked(),
            prefs.elderly.get_untracked(),
            &location.pathname.get_untracked(),
        );
        parts.set_value(Some(built));
    });
    Effect::new(move |_| {
        let (lang, online, pending) = (prefs.lang.get(), sync.online.get(), sync.pending.get());
        let (elderly, path) = (prefs.elderly.get(), location.pathname.get());
        parts.with_value(|parts| {
            if let Some(parts) = parts {
                parts.update(lang, online, pending, elderly, &path);
            }
        });
    });
    view! { <header class="site-header" node_ref=root></header> }
}

/// The header's elements that change without a rebuild.
struct HeaderParts {
    pill: web_sys::Element,
    count: web_sys::Element,
    elderly: web_sys::Element,
    places: Vec<(web_sys::Element, &'static str)>,
}

impl HeaderParts {
    fn update(&self, lang: Lang, online: bool, pending: Option<u32>, elderly: bool, path: &str) {
        let _ = self.pill.set_attribute(
            "class",
            if online {
                "pill online"
            } else {
                "pill offline"
            },
        );
        self.pill.set_text_content(Some(tr(
            lang,
            if online {
                "status.online"
            } else {
                "status.offline"
            },
        )));
        let count = pending.map_or_else(|| "–".to_string(), |n| n.to_string());
        if self.count.text_content().as_deref() != Some(count.as_str()) {
            self.count.set_text_content(Some(&count));
        }
        let _ = self
            .elderly
            .set_attribute("aria-pressed", if elderly { "true" } else { "false" });
        for (link, href) in &self.places {
            if path == *href {
                let _ = link.set_attribute("aria-current", "page");
            } else {
                let _ = link.remove_attribute("aria-current");
            }
        }
    }
}

fn build_header(lang: Lang, bundle: Bundle, prefs: Prefs) -> (El, HeaderParts) {
    let lang_switch = el("button")
        .attr("type", "button")
        .class("tool")
        .attr("data-testid", "lang-switch")
        .attr(
            "lang",
            crate::prefs::html_lang(crate::prefs::other_lang(lang)),
        )
        .text(tr(lang, "lang.other"))
        .on("click", move |_| {
            prefs
                .lang
                .update(|lang| *lang = crate::prefs::other_lang(*lang))
        });
    let elderly_switch = el("button")
        .attr("type", "button")
        .class("tool")
        .attr("data-testid", "elderly-switch")
        .text(tr(lang, "prefs.elderly"))
        .on("click", move |_| prefs.elderly.update(|on| *on = !*on));
    // Large text on a phone: the places fold behind this button (see the stylesheet).
    let menu = el("button")
        .attr("type", "button")
        .class("tool menu-toggle")
        .attr("aria-expanded", "false")
        .attr("aria-controls", "site-nav")
        .attr("data-testid", "menu-toggle")
        .text(tr(lang, "nav.menu"))
        .on("click", |event| toggle_menu(&event, None));
    let pill = el("span").attr("data-testid", "online-state");
    let count = el("strong");
    let mut places = Vec::new();
    let items: Vec<El> = PLACES
        .iter()
        .map(|(href, key)| {
            let a = link(href, bundle).text(tr(lang, key));
            places.push((a.0.clone(), *href));
            el("li").child(a)
        })
        .collect();
    let parts = HeaderParts {
        pill: pill.0.clone(),
        count: count.0.clone(),
        elderly: elderly_switch.0.clone(),
        places,
    };
    let status = el("p")
        .class("status")
        .attr("role", "status")
        .attr("data-testid", "sync-status")
        .child(pill)
        .text(" ")
        .child(
            link("/guide/drafts", bundle)
                .class("pending")
                .attr("data-testid", "pending-count")
                .text(tr(lang, "status.pending"))
                .text(" ")
                .child(count),
        );
    let content = el("div")
        .child(
            el("div")
                .class("bar")
                .child(
                    link("/", bundle)
                        .class("site-title")
                        .text(tr(lang, "app.title")),
                )
                .child(
                    el("div")
                        .class("tools")
                        .child(lang_switch)
                        .child(elderly_switch)
                        .child(menu),
                ),
        )
        .child(status)
        .child(
            el("nav")
                .attr("id", "site-nav")
                .attr("aria-label", tr(lang, "nav.label"))
                .on("click", |event| toggle_menu(&event, Some(false)))
                .child(el("ul").children(items)),
        );
    (content, parts)
}

/// Opens or closes the places folded behind 菜单 (`open`: `None` toggles), from an event inside
/// the header.
fn toggle_menu(event: &web_sys::Event, open: Option<bool>) {
    use wasm_bindgen::JsCast;
    let Some(header) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("header").ok().flatten())
    else {
        return;
    };
    let classes = header.class_list();
    let open = open.unwrap_or(!classes.contains("open"));
    let _ = classes.toggle_with_force("open", open);
    if let Ok(Some(button)) = header.query_selector(".menu-toggle") {
        let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
    }
}

/// Offers the new version inline (no pop-up): the person reloads when it suits them.
/// Plain DOM (see `crate::dom`), like the header.
#[component]
fn UpdateBanner() -> impl IntoView {
    let lang = use_prefs().lang;
    let update = use_app_update();
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let lang = lang.get();
        if !update.ready.get() {
            root.set_text_content(None);
            return;
        }
        let banner = el("div")
            .class("banner update")
            .attr("role", "status")
            .attr("data-testid", "update-banner")
            .child(el("span").text(tr(lang, "update.ready")))
            .child(
                el("button")
                    .attr("type", "button")
                    .text(tr(lang, "update.reload"))
                    .on("click", move |_| update.apply()),
            );
        dom::replace_keeping_focus(&root, banner);
    });
    view! { <div node_ref=root></div> }
}

/// The shell's pages (`/`, `/track` with its complaint pages, `/settings`; anything else is its
/// 404), picked from the
/// path by hand like every bundle's (see [`mount_disclosure`]).
pub fn mount_shell() {
    mount(Bundle::Shell, || {
        let path = leptos_router::hooks::use_location().pathname;
        let page = Memo::new(move |_| {
            path.with(|path| match path.trim_end_matches('/') {
                "" => ShellPage::Home,
                routes::track::TRACK => ShellPage::Track,
                routes::track::COMPLAINTS => ShellPage::Complaints,
                routes::track::NEW_COMPLAINT => ShellPage::NewComplaint,
                "/settings" => ShellPage::Settings,
                _ => ShellPage::NotFound,
            })
        });
        move || match page.get() {
            ShellPage::Home => routes::home::Home().into_any(),
            ShellPage::Track => routes::track::Track().into_any(),
            ShellPage::Complaints => routes::feedback::Complaints().into_any(),
            ShellPage::NewComplaint => routes::feedback::NewComplaint().into_any(),
            ShellPage::Settings => routes::settings::Settings().into_any(),
            ShellPage::NotFound => routes::not_found::NotFound().into_any(),
        }
    });
}

/// The pages of the shell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ShellPage {
    Home,
    Track,
    /// 投诉查询.
    Complaints,
    /// 我要投诉.
    NewComplaint,
    Settings,
    NotFound,
}

/// The disclosure catalog's pages; it also keeps the catalog's local copy current.
///
/// Its pages need no route table: the page is chosen from the path by hand, which keeps
/// leptos_router's nested routing (~5 KB brotli) out of this bundle. The `<Router>` stays for
/// the query map, `navigate` and in-bundle links.
pub fn mount_disclosure() {
    mount(Bundle::Disclosure, || {
        crate::catalog::sync::CatalogSync::provide();
        let location = leptos_router::hooks::use_location();
        let page = Memo::new(move |_| {
            location.pathname.with(|path| {
                if path == "/disclosure" || path == "/disclosure/" {
                    DisclosurePage::Search
                } else if path.trim_end_matches('/') == routes::disclosure_guide::LIST {
                    DisclosurePage::Guides
                } else if path.starts_with(routes::disclosure_guide::PREFIX) {
                    DisclosurePage::Guide
                } else if path.starts_with(routes::catalog_entry::PREFIX) {
                    DisclosurePage::Entry
                } else {
                    DisclosurePage::NotFound
                }
            })
        });
        move || match page.get() {
            DisclosurePage::Search => routes::disclosure::Disclosure().into_any(),
            DisclosurePage::Entry => routes::catalog_entry::CatalogEntryPage().into_any(),
            DisclosurePage::Guides => routes::disclosure_guide::Guides().into_any(),
            DisclosurePage::Guide => routes::disclosure_guide::GuidePage().into_any(),
            DisclosurePage::NotFound => routes::not_found::NotFound().into_any(),
        }
    });
}

/// The pages of the disclosure bundle.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DisclosurePage {
    Search,
    Entry,
    /// 政府信息公开指南: the agencies.
    Guides,
    /// One agency's guide.
    Guide,
    NotFound,
}

/// The service guide's pages: the items and each item's disclosures.
pub fn mount_guide() {
    mount(Bundle::Guide, || {
        let path = leptos_router::hooks::use_location().pathname;
        let page = Memo::new(move |_| path.with(|path| GuidePage::of(path)));
        move || match page.get() {
            GuidePage::List => routes::guide::Guide().into_any(),
            GuidePage::Service => routes::service::Service().into_any(),
            _ => routes::not_found::NotFound().into_any(),
        }
    });
}

/// The forms bundle's page: a form being filled (a 补正's with what staff asked for above it).
pub fn mount_forms() {
    // The one bundle that does not send (see `SyncStatus::provide`).
    mount_frame::<_, false>(Bundle::Forms, || {
        let path = leptos_router::hooks::use_location().pathname;
        let page = Memo::new(move |_| path.with(|path| GuidePage::of(path)));
        move || match page.get() {
            GuidePage::Apply => (
                routes::supplement::SupplementBanner(),
                routes::apply::Apply(),
            )
                .into_any(),
            _ => routes::not_found::NotFound().into_any(),
        }
    });
}

/// The drafts bundle's pages: drafts and the outbox, receipts (where the header's outbox count
/// leads from every bundle, so it stays light).
pub fn mount_drafts() {
    mount(Bundle::Drafts, || {
        let path = leptos_router::hooks::use_location().pathname;
        let page = Memo::new(move |_| path.with(|path| GuidePage::of(path)));
        move || match page.get() {
            GuidePage::Drafts => routes::drafts::Drafts().into_any(),
            GuidePage::Receipt => routes::receipt::Receipt().into_any(),
            GuidePage::Print => routes::print_form::PrintForm().into_any(),
            _ => routes::not_found::NotFound().into_any(),
        }
    });
}

/// The village service room's day (`/guide/drafts/day`, its own bundle, inside the drafts
/// bundle's folder: a link to the drafts page from here is a full-page load of that bundle).
pub fn mount_village() {
    mount(Bundle::Village, || {
        let path = leptos_router::hooks::use_location().pathname;
        let page = Memo::new(move |_| path.with(|path| GuidePage::of(path)));
        move || match page.get() {
            GuidePage::Day => routes::village_day::VillageDay().into_any(),
            _ => routes::not_found::NotFound().into_any(),
        }
    });
}

/// Loads `href` as a full page: the way into another bundle from code (a link uses
/// `rel="external"`).
pub fn go_to_other_bundle(href: &str) {
    let _ = window().location().assign(href);
}

/// The pages under `/guide` (of the guide and forms bundles).
#[derive(Clone, Copy, PartialEq, Eq)]
enum GuidePage {
    /// `/guide`
    List,
    /// `/guide/drafts`
    Drafts,
    /// `/guide/apply/<code>`
    Apply,
    /// `/guide/receipt/<client id>`
    Receipt,
    /// `/guide/drafts/print?item=<code>` or `?draft=<id>` (表单下载)
    Print,
    /// `/guide/drafts/day`: 代办今日一览 (the village service room's day, its own bundle)
    Day,
    /// `/guide/<code>`
    Service,
    NotFound,
}

impl GuidePage {
    fn of(path: &str) -> GuidePage {
        let Some(rest) = path.strip_prefix("/guide") else {
            return GuidePage::NotFound;
        };
        let rest = rest.trim_matches('/');
        let segments: Vec<&str> = rest.split('/').collect();
        match segments.as_slice() {
            [""] => GuidePage::List,
            ["drafts"] => GuidePage::Drafts,
            ["drafts", "print"] => GuidePage::Print,
            ["drafts", "day"] => GuidePage::Day,
            ["apply", code] if !code.is_empty() => GuidePage::Apply,
            ["receipt", id] if !id.is_empty() => GuidePage::Receipt,
            [_] => GuidePage::Service,
            _ => GuidePage::NotFound,
        }
    }
}

/// The path segment after `prefix` (up to the next `/`), percent-decoded, as the path changes:
/// the pages' parameters (`/guide/apply/<code>` → `path_param("/guide/apply/")`).
///
/// When the path leaves `prefix` the value stays as it was: the page is about to be replaced,
/// and its effects must not run again for a path that is not theirs (a form page told "no
/// draft" would start a new one and rewrite the history entry of the page that follows it).
pub fn path_param(prefix: &'static str) -> Memo<String> {
    let path = leptos_router::hooks::use_location().pathname;
    Memo::new(move |previous: Option<&String>| {
        path.with(|path| match path.strip_prefix(prefix) {
            Some(rest) => {
                let raw = rest.split('/').next().unwrap_or_default();
                js_sys::decode_uri_component(raw)
                    .ok()
                    .and_then(|decoded| decoded.as_string())
                    .unwrap_or_else(|| raw.to_string())
            }
            None => previous.cloned().unwrap_or_default(),
        })
    })
}

/// The query parameter `name` while the path is under `prefix`; kept as it was when the path
/// leaves it (see [`path_param`]).
pub fn query_param(prefix: &'static str, name: &'static str) -> Memo<Option<String>> {
    let location = leptos_router::hooks::use_location();
    let query = leptos_router::hooks::use_query_map();
    Memo::new(move |previous: Option<&Option<String>>| {
        if location.pathname.with(|path| path.starts_with(prefix)) {
            query.read().get(name)
        } else {
            previous.cloned().flatten()
        }
    })
}
