//! 首页: one search box (service items, or the disclosure catalog for the same words), the four
//! things people come for, one tap away, and 热门事项 below them.
//!
//! The search box is a plain form: it goes to `/guide?q=…` (another bundle, so a full page),
//! and its second button to `/disclosure?q=…`. 热门事项 are the items with the most cases in the
//! last 90 days, as the item list says (`recent_cases`), then, to fill the list (a new center,
//! or a kept copy from before the counts), a fixed order of items people most often come for.
//!
//! Built as plain DOM (see `crate::dom`): the shell's first load stays small.
use crate::i18n::tr;
use leptos::prelude::*;
use serde::Deserialize;

use crate::app::{current_bundle, link};
use crate::dom::{self, el};
use crate::prefs::use_prefs;

/// How many items 热门事项 shows.
const POPULAR_COUNT: usize = 6;

/// The order used when no item has cases yet: what people most often come to a county center
/// for.
const USUAL_ORDER: [&str; 6] = ["GA-001", "RS-003", "MZ-001", "SC-004", "WJ-003", "ZR-001"];

/// What the home page reads of `GET /api/services`.
#[derive(Clone, Deserialize)]
struct PopularList {
    services: Vec<PopularItem>,
}

#[derive(Clone, Deserialize)]
struct PopularItem {
    code: String,
    name: String,
    #[serde(default)]
    recent_cases: i64,
}

/// The items of 热门事项: those with cases, most first (the list's order among equals), then
/// the usual order, then the list's, to fill [`POPULAR_COUNT`].
fn popular(mut items: Vec<PopularItem>) -> Vec<PopularItem> {
    let mut out = Vec::with_capacity(POPULAR_COUNT);
    while out.len() < POPULAR_COUNT {
        let Some(best) = items
            .iter()
            .enumerate()
            .filter(|(_, item)| item.recent_cases > 0)
            .max_by_key(|(at, item)| (item.recent_cases, usize::MAX - at))
            .map(|(at, _)| at)
        else {
            break;
        };
        out.push(items.remove(best));
    }
    for code in USUAL_ORDER {
        if let Some(at) = items.iter().position(|item| item.code == code) {
            out.push(items.remove(at));
        }
    }
    out.extend(items);
    out.truncate(POPULAR_COUNT);
    out
}

#[component]
pub fn Home() -> impl IntoView {
    let lang = use_prefs().lang;
    let bundle = current_bundle();
    let top = NodeRef::<leptos::html::Div>::new();
    let last = NodeRef::<leptos::html::Div>::new();
    let bottom = NodeRef::<leptos::html::Div>::new();
    let items = LocalResource::new(|| async {
        crate::api::get_json::<PopularList>("services")
            .await
            .map(|list| popular(list.services))
            .unwrap_or_default()
    });
    // The search box is built again only with the language, never under someone typing; the
    // popular items arrive later, in a place of their own at the end of the page, so that
    // their arrival moves nothing already on the screen (it was the page's layout shift).
    Effect::new(move |_| {
        let (Some(top), Some(bottom)) = (top.get(), bottom.get()) else {
            return;
        };
        let lang = lang.get();
        let card = |href: &str, title: &'static str, text: &'static str| {
            el("li").class("card").child(
                link(href, bundle)
                    .child(el("span").class("card-title").text(tr(lang, title)))
                    .child(el("span").class("card-text").text(tr(lang, text))),
            )
        };
        let search = el("form")
            .class("finder home-search")
            .attr("role", "search")
            .attr("action", "/guide")
            .attr("method", "get")
            .child(
                el("label")
                    .attr("for", "home-q")
                    .text(tr(lang, "finding.home.label")),
            )
            .child(
                el("p")
                    .class("hint")
                    .attr("id", "home-q-hint")
                    .text(tr(lang, "finding.search.hint")),
            )
            .child(
                el("input")
                    .attr("id", "home-q")
                    .attr("type", "search")
                    .attr("name", "q")
                    .attr("autocomplete", "off")
                    .attr("aria-describedby", "home-q-hint"),
            )
            .child(
                el("p")
                    .class("actions")
                    .child(
                        el("button")
                            .attr("type", "submit")
                            .attr("data-testid", "home-search-items")
                            .text(tr(lang, "finding.home.submit")),
                    )
                    .child(
                        el("button")
                            .attr("type", "submit")
                            .attr("formaction", "/disclosure")
                            .class("secondary")
                            .attr("data-testid", "home-search-catalog")
                            .text(tr(lang, "finding.home.catalog")),
                    ),
            );
        let heading = el("div")
            .child(el("h1").text(tr(lang, "home.heading")))
            .child(el("p").class("lead").text(tr(lang, "home.lead")))
            .child(search);
        dom::replace(&top, heading);
        let rest = el("div")
            .child(
                el("ul")
                    .class("cards")
                    .child(card("/guide", "nav.guide", "home.guide"))
                    .child(card("/track", "nav.track", "home.track"))
                    .child(card("/disclosure", "nav.disclosure", "home.disclosure"))
                    .child(card("/guide/drafts", "nav.drafts", "home.drafts")),
            )
            .child(el("p").class("note").text(tr(lang, "home.offline_note")));
        dom::replace(&bottom, rest);
    });
    Effect::new(move |_| {
        let Some(last) = last.get() else { return };
        let lang = lang.get();
        let popular = items.get().unwrap_or_default();
        let section = (!popular.is_empty()).then(|| {
            el("section")
                .class("popular")
                .attr("aria-labelledby", "home-popular")
                .child(
                    el("h2")
                        .attr("id", "home-popular")
                        .text(tr(lang, "finding.home.popular")),
                )
                .child(
                    el("ul")
                        .class("popular-items")
                        .attr("data-testid", "home-popular")
                        .children(popular.into_iter().map(|item| {
                            el("li").child(
                                link(&format!("/guide/{}", item.code), bundle)
                                    .attr("lang", "zh-CN")
                                    .text(&item.name),
                            )
                        })),
                )
        });
        dom::replace(&last, el("div").maybe(section));
    });
    view! {
        <div node_ref=top></div>
        <div node_ref=bottom></div>
        <div node_ref=last></div>
    }
}

// Plain `#[test]`s run natively (`cargo test -p guichet-app --lib`).
#[cfg(test)]
mod tests {
    use super::*;

    fn item(code: &str, recent_cases: i64) -> PopularItem {
        PopularItem {
            code: code.to_owned(),
            name: code.to_owned(),
            recent_cases,
        }
    }

    fn codes(items: Vec<PopularItem>) -> Vec<String> {
        items.into_iter().map(|item| item.code).collect()
    }

    #[test]
    fn items_with_cases_come_first_most_first_then_the_usual_order() {
        let list = vec![
            item("X-1", 0),
            item("MZ-001", 0),
            item("A-2", 3),
            item("B-3", 9),
            item("C-4", 3),
            item("GA-001", 0),
            item("X-2", 0),
            item("X-3", 0),
        ];
        // Equal counts keep the list's order (A-2 before C-4); GA-001 and MZ-001 follow in the
        // usual order, then the list's own fills the six.
        assert_eq!(
            codes(popular(list)),
            ["B-3", "A-2", "C-4", "GA-001", "MZ-001", "X-1"]
        );
    }

    #[test]
    fn a_new_center_shows_the_usual_order_and_a_short_list_stays_short() {
        let list = vec![item("ZR-001", 0), item("GA-001", 0), item("RS-003", 0)];
        assert_eq!(codes(popular(list)), ["GA-001", "RS-003", "ZR-001"]);
        assert!(popular(Vec::new()).is_empty());
    }
}
