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
