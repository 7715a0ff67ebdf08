//! A few plain DOM helpers for the pages built without Leptos views (catalog, 办件查询, settings).
//!
//! The catalog pages build their content with these instead of Leptos views: each Leptos view
//! is its own set of generic types, and the catalog's many small views weighed ~110 KB brotli
//! on the first load, over its 200 KB budget. Element by element through `web-sys` the same
//! pages cost a few kilobytes. Text always goes in as text nodes (`create_text_node`), never
//! as markup, so nothing from the catalog can become HTML.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event, Node};

fn document() -> Document {
    leptos::prelude::document()
}

/// An element being built.
pub struct El(pub Element);

/// A new `<tag>`.
pub fn el(tag: &str) -> El {
    // `create_element` fails only for invalid tag names, which are literals here.
    El(document().create_element(tag).unwrap_or_else(|_| {
        document()
            .create_element("div")
            .unwrap_or_else(|_| unreachable())
    }))
}

fn unreachable() -> Element {
    // A document that cannot create a <div> cannot show anything either.
    wasm_bindgen::throw_str("document cannot create elements")
}

impl El {
    /// Sets an attribute.
    pub fn attr(self, name: &str, value: &str) -> El {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Sets the class.
    pub fn class(self, value: &str) -> El {
        self.attr("class", value)
    }

    /// Appends text (as a text node).
    pub fn text(self, text: &str) -> El {
        let _ = self.0.append_child(&document().create_text_node(text));
        self
    }

    /// Appends a child element.
    pub fn child(self, child: El) -> El {
        let _ = self.0.append_child(&child.0);
        self
    }

    /// Appends children.
    pub fn children(self, children: impl IntoIterator<Item = El>) -> El {
        for child in children {
            let _ = self.0.append_child(&child.0);
        }
        self
    }

    /// Appends a child when there is one.
    pub fn maybe(self, child: Option<El>) -> El {
        match child {
            Some(child) => self.child(child),
            None => self,
        }
    }

    /// Listens to `event`. The listener lives as long as the element (it is dropped with it).
    pub fn on(self, event: &str, handler: impl FnMut(Event) + 'static) -> El {
        let closure = Closure::<dyn FnMut(Event)>::new(handler);
        let _ = self
            .0
            .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        // Owned by the JS function from now on; collected with the element.
        closure.into_js_value();
        self
    }
}

/// Replaces the content of `parent` with `child`.
pub fn replace(parent: &Element, child: El) {
    parent.set_text_content(None);
    let _ = parent.append_child(&child.0);
}

/// `text` with the character ranges wrapped in `<mark>`, appended to `parent`.
pub fn highlighted(parent: El, text: &str, ranges: &[(u32, u32)]) -> El {
    let chars: Vec<char> = text.chars().collect();
    let mut parent = parent;
    let mut at = 0usize;
    for &(start, end) in ranges {
        let (start, end) = (start as usize, (end as usize).min(chars.len()));
        if start < at || start >= end {
            continue;
        }
        if start > at {
            parent = parent.text(&chars[at..start].iter().collect::<String>());
        }
        parent = parent.child(el("mark").text(&chars[start..end].iter().collect::<String>()));
        at = end;
    }
    if at < chars.len() {
        parent = parent.text(&chars[at..].iter().collect::<String>());
    }
    parent
}

/// The value of the element that fired `event` (input, select).
pub fn target_value(event: &Event) -> String {
    event
        .target()
        .and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Whether the checkbox that fired `event` is checked.
pub fn target_checked(event: &Event) -> bool {
    event
        .target()
        .and_then(|t| js_sys::Reflect::get(&t, &"checked".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// The element as a node.
pub fn node(el: &El) -> &Node {
    el.0.unchecked_ref()
}

/// Replaces the content of `parent` with `child`, and gives the focus back to the element with
/// the same `data-testid` when the focus was inside `parent` (a page rebuilt after a keyboard
/// action keeps the person where they were).
pub fn replace_keeping_focus(parent: &Element, child: El) {
    // The page's heading (focused after a page change) is found again as the new `<h1>`.
    let focused = document()
        .active_element()
        .filter(|active| parent.contains(Some(active.unchecked_ref())))
        .and_then(|active| match active.get_attribute("data-testid") {
            Some(testid) => Some(format!("[data-testid=\"{testid}\"]")),
            None => (active.tag_name() == "H1").then(|| "h1".to_owned()),
        });
    replace(parent, child);
    if let Some(selector) = focused
        && let Ok(Some(again)) = parent.query_selector(&selector)
        && let Ok(again) = again.dyn_into::<web_sys::HtmlElement>()
    {
        if selector == "h1" {
            let _ = again.set_attribute("tabindex", "-1");
        }
        let _ = again.focus();
    }
}

/// Page titles and heading focus for the frame's `<main id="main">`, one mechanism for every
/// page: a page only has its one `<h1>`. Called by the frame with the router's path after every
/// navigation (`first` on the first load); kept light, for it is in every bundle: plain
/// functions, its state in `main`'s attributes (`data-path`: the page whose heading was
/// announced; `data-pending`: a new page whose heading is not focused yet).
///
/// - The document's title follows the `<h1>` (its `data-title` when the heading's text is not
///   the page's name): 「<name> - 行政服务中心」, 「错误：」 first while the page shows an error
///   (an error summary, an error banner, or a `role="alert"` with text).
/// - After a page change, and on a first load in a tab that showed a page of this site before
///   (another bundle's link), the focus goes to the new page's `<h1>` as soon as it is there (`tabindex="-1"`),
///   so that a screen reader announces it. The skip link moves the focus there too.
/// - Data tables get their cells labelled for the phone's card layout ([`label_table_cells`]).
pub fn page_at(path: &str, first: bool) {
    let Some(main) = document().get_element_by_id("main") else {
        return;
    };
    if first {
        // The first page of this site in the tab (opened directly): the focus stays at the top,
        // the skip link is the first stop. A later one came from a page of this site (another
        // bundle's link; the server sends no referrer), whose heading is announced.
        let tab = leptos::prelude::window().session_storage().ok().flatten();
        let seen = tab
            .as_ref()
            .and_then(|tab| tab.get_item(SHOWN).ok().flatten());
        if seen.is_none() {
            let _ = main.set_attribute("data-path", path);
        }
        if let Some(tab) = tab {
            let _ = tab.set_item(SHOWN, "1");
        }
        let watched = main.clone();
        let changed = Closure::<dyn FnMut()>::new(move || page_shown(&watched));
        if let Ok(observer) = web_sys::MutationObserver::new(changed.as_ref().unchecked_ref()) {
            let options = web_sys::MutationObserverInit::new();
            options.set_child_list(true);
            options.set_subtree(true);
            options.set_character_data(true);
            let _ = observer.observe_with_options(&main, &options);
        }
        // The observer lives as long as the page.
        changed.forget();
        if let Ok(Some(skip)) = document().query_selector(".skip-link") {
            let target = main.clone();
            // The router would take the link to `#main` as a navigation and leave the focus on
            // the link: the focus is moved by hand.
            let _ = El(skip).on("click", move |event| {
                event.prevent_default();
                focus_heading(&target);
            });
        }
    }
    if main.get_attribute("data-path").as_deref() != Some(path) {
        let _ = main.set_attribute("data-path", path);
        let _ = main.set_attribute("data-pending", "");
        // The new page's heading may be there already (no mutation would follow).
        gloo_timers::callback::Timeout::new(0, move || page_shown(&main)).forget();
    }
}

/// The tab's session storage key saying a page of this site was shown in it.
const SHOWN: &str = "guichet.shown";

/// The page's heading: not the inert one of the picture that stands for an item page until its
/// item has loaded (`scripts/first-screen.mjs` keeps it in `main`).
const HEADING: &str = "h1:not([inert])";

/// Focuses the `<h1>` in `main` (or `main` itself when there is none).
fn focus_heading(main: &Element) {
    let target = main
        .query_selector(HEADING)
        .ok()
        .flatten()
        .unwrap_or_else(|| main.clone());
    let _ = target.set_attribute("tabindex", "-1");
    if let Some(target) = target.dyn_ref::<web_sys::HtmlElement>() {
        let _ = target.focus();
    }
}

/// What marks a page in an error state.
const ERROR_SHOWN: &str = ".error-summary,.banner.error,[role=alert]:not(:empty)";

/// The page's content changed: its title, its tables, and the focus a new page owes its heading.
fn page_shown(main: &Element) {
    label_table_cells(main);
    let Ok(Some(h1)) = main.query_selector(HEADING) else {
        return;
    };
    let lang = document()
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .and_then(|tag| guichet_core::i18n::Lang::from_tag(&tag))
        .unwrap_or_default();
    let name = h1
        .get_attribute("data-title")
        .or_else(|| h1.text_content())
        .unwrap_or_default();
    let error = main.query_selector(ERROR_SHOWN).ok().flatten().is_some();
    let title = [
        if error {
            crate::i18n::tr(lang, "title.error")
        } else {
            ""
        },
        name.trim(),
        " - ",
        crate::i18n::tr(lang, "app.title"),
    ]
    .concat();
    if document().title() != title {
        document().set_title(&title);
    }
    if main.has_attribute("data-pending") {
        let _ = main.remove_attribute("data-pending");
        focus_heading(main);
    }
}

/// Gives each body cell of the data tables in `root` its column's name (`data-label`) and the
/// class `stack`, under which the stylesheet shows a table as cards on a phone. Tables with row
/// headers (the annual report's) keep their grid and scroll in their labelled frame instead.
fn label_table_cells(root: &Element) {
    let Ok(heads) = root.query_selector_all("table:not(:has(th[scope=row])) thead th") else {
        return;
    };
    for th in (0..heads.length()).filter_map(|i| heads.item(i)) {
        let th: Element = th.unchecked_into();
        let (Some(row), Some(table)) = (th.parent_element(), th.closest("table").ok().flatten())
        else {
            continue;
        };
        if !table.class_list().contains("stack") {
            let _ = table.class_list().add_1("stack");
        }
        let column = (0..row.child_element_count())
            .position(|i| row.children().item(i).as_ref() == Some(&th))
            .unwrap_or_default();
        let name = th.text_content().unwrap_or_default();
        let selector = ["tbody td:nth-child(", &(column + 1).to_string(), ")"].concat();
        let Ok(cells) = table.query_selector_all(&selector) else {
            continue;
        };
        for cell in (0..cells.length()).filter_map(|i| cells.item(i)) {
            let cell: Element = cell.unchecked_into();
            if cell.get_attribute("data-label").as_deref() != Some(name.trim()) {
                let _ = cell.set_attribute("data-label", name.trim());
            }
        }
    }
}
