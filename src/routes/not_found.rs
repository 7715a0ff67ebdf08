//! The page for an address the app does not know (plain DOM, see `crate::dom`).
use crate::i18n::tr;
use leptos::prelude::*;

use crate::app::{current_bundle, link};
use crate::dom::{self, el};
use crate::prefs::use_prefs;

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_prefs().lang;
    let bundle = current_bundle();
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
