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
    let focused = document()
        .active_element()
        .filter(|active| parent.contains(Some(active.unchecked_ref())))
        .and_then(|active| active.get_attribute("data-testid"));
    replace(parent, child);
    if let Some(testid) = focused
        && let Ok(Some(again)) = parent.query_selector(&format!("[data-testid=\"{testid}\"]"))
        && let Ok(again) = again.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = again.focus();
    }
}

/// Sets the document's title to 「`page` - 行政服务中心」 (the site's name in `lang`), or the
/// site's name alone for the home page (`page` empty).
pub fn set_title(lang: guichet_core::i18n::Lang, page: &str) {
    let site = crate::i18n::tr(lang, "app.title");
    let title = if page.is_empty() {
        site.to_owned()
    } else {
        [page, " - ", site].concat()
    };
    document().set_title(&title);
}
