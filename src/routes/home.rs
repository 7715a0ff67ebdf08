//! 首页: the four things people come for, one tap away.
//!
//! Built as plain DOM (see `crate::dom`): the shell's first load stays small.
use crate::i18n::tr;
use leptos::prelude::*;

use crate::app::{current_bundle, link};
use crate::dom::{self, el};
use crate::prefs::use_prefs;

#[component]
pub fn Home() -> impl IntoView {
    let lang = use_prefs().lang;
    let bundle = current_bundle();
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let lang = lang.get();
        let card = |href: &str, title: &'static str, text: &'static str| {
            el("li").class("card").child(
                link(href, bundle)
                    .child(el("span").class("card-title").text(tr(lang, title)))
                    .child(el("span").class("card-text").text(tr(lang, text))),
            )
        };
        let content = el("div")
            .child(el("h1").text(tr(lang, "home.heading")))
            .child(el("p").class("lead").text(tr(lang, "home.lead")))
            .child(
                el("ul")
                    .class("cards")
                    .child(card("/guide", "nav.guide", "home.guide"))
                    .child(card("/track", "nav.track", "home.track"))
                    .child(card("/disclosure", "nav.disclosure", "home.disclosure"))
                    .child(card("/guide/drafts", "nav.drafts", "home.drafts")),
            )
            .child(el("p").class("note").text(tr(lang, "home.offline_note")));
        dom::replace(&root, content);
    });
    view! { <div node_ref=root></div> }
}
