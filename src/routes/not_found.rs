//! The page for an address the app does not know (plain DOM, see `crate::dom`).
use crate::i18n::tr;
use leptos::prelude::*;

use crate::app::{Bundle, current_bundle, link};
use crate::dom::{self, el};
use crate::prefs::use_prefs;

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_prefs().lang;
    let bundle = current_bundle();
    // An in-app navigation to a page of another bundle (a link without `rel="external"`) lands
    // here: load it from the server (or the service worker), which answers with that bundle.
    let location = window().location();
    if let Ok(path) = location.pathname()
        && Bundle::of(&path) != bundle
        && let Ok(href) = location.href()
        && may_reload(&path)
    {
        let _ = location.replace(&href);
    }
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let lang = lang.get();
        let content = el("div")
            .child(
                el("h1")
                    .attr("data-testid", "not-found")
                    .text(tr(lang, "notfound.heading")),
            )
            .child(el("p").text(tr(lang, "notfound.body")))
            .child(el("p").child(link("/", bundle).text(tr(lang, "notfound.home"))));
        dom::replace(&root, content);
    });
    view! { <div node_ref=root></div> }
}

/// The `sessionStorage` key of [`may_reload`]'s record: `<count> <first reload, ms> <path>`.
const RELOADS_KEY: &str = "guichet.notfound.reloads";

/// How many times one path may be reloaded within [`RELOAD_WINDOW_MS`].
const MAX_RELOADS: u32 = 2;
const RELOAD_WINDOW_MS: u64 = 10_000;

/// Whether this page may load `path` again from the server. If the server (or a stale service
/// worker) answers the path with this same bundle, reloading would land here again for ever,
/// spending a weak line's data and the phone's battery: after two reloads of one path within
/// ten seconds this page stays, and says the address is unknown. A person following a link
/// twice is never stopped (the third reload within ten seconds is the loop's, not theirs).
fn may_reload(path: &str) -> bool {
    let Some(storage) = window().session_storage().ok().flatten() else {
        // Nothing to count with: better one page that says "not found" than a loop.
        return false;
    };
    // Whole milliseconds: parsing or printing an `f64` would link float formatting into
    // every bundle (~14 KB brotli).
    let now = js_sys::Date::now() as u64;
    let record = storage
        .get_item(RELOADS_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    let mut parts = record.splitn(3, ' ');
    let count: u32 = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let since: u64 = parts.next().and_then(|t| t.parse().ok()).unwrap_or(0);
    let same = parts.next() == Some(path) && now.saturating_sub(since) < RELOAD_WINDOW_MS;
    let (count, since) = if same { (count + 1, since) } else { (1, now) };
    if count > MAX_RELOADS {
        let _ = storage.remove_item(RELOADS_KEY);
        return false;
    }
    storage
        .set_item(RELOADS_KEY, &format!("{count} {since} {path}"))
        .is_ok()
}
