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

/// Page titles and heading focus for a frame's `<main>`, one mechanism for every page: a page
/// only has its one `<h1>`.
///
/// - The document's title follows the `<h1>` (its `data-title` when the heading's text is not
///   the page's name): `title(name, error)` writes it, `error` when the page shows an error
///   (an error summary, an error banner, or a `role="alert"` with text).
/// - After a page change ([`PageHeading::page_changed`]) and on a first load reached by a link of
///   this site (another bundle's page), focus goes to the new page's `<h1>` as soon as it is
///   there (`tabindex="-1"`), so a screen reader announces it; a heading rebuilt while it had
///   the focus gets it back.
#[derive(Clone)]
pub struct PageHeading(std::rc::Rc<HeadingState>);

struct HeadingState {
    main: Element,
    /// A page change whose heading is not focused yet.
    pending: std::cell::Cell<bool>,
    /// The heading last focused, to give the focus to its successor when it is rebuilt.
    focused: std::cell::RefCell<Option<Element>>,
    title: Box<TitleOf>,
}

/// Writes a page's title from its name and whether it shows an error.
type TitleOf = dyn Fn(&str, bool) -> String;

/// Gives each body cell of the data tables in `root` its column's name (`data-label`) and the
/// class `stack`, under which the stylesheet shows a table as cards on a phone. Tables with row
/// headers (the annual report's) keep their grid and scroll in their labelled frame instead.
fn label_table_cells(root: &Element) {
    let Ok(tables) = root.query_selector_all("table:not(:has(th[scope=row]))") else {
        return;
    };
    for table in (0..tables.length()).filter_map(|i| tables.item(i)) {
        let table: Element = table.unchecked_into();
        let Ok(heads) = table.query_selector_all("thead th") else {
            continue;
        };
        let names: Vec<String> = (0..heads.length())
            .filter_map(|i| heads.item(i))
            .map(|th| th.text_content().unwrap_or_default().trim().to_owned())
            .collect();
        if names.is_empty() {
            continue;
        }
        let _ = table.class_list().add_1("stack");
        let Ok(rows) = table.query_selector_all("tbody tr") else {
            continue;
        };
        for row in (0..rows.length()).filter_map(|i| rows.item(i)) {
            let cells = row.unchecked_into::<Element>().children();
            for (index, name) in names.iter().enumerate() {
                if let Some(cell) = cells.item(index as u32)
                    && cell.get_attribute("data-label").as_deref() != Some(name.as_str())
                {
                    let _ = cell.set_attribute("data-label", name);
                }
            }
        }
    }
}

/// What marks a page in an error state.
const ERROR_SHOWN: &str = ".error-summary,.banner.error,[role=alert]:not(:empty)";

impl PageHeading {
    /// Watches `main` from now on.
    pub fn watch(main: Element, title: impl Fn(&str, bool) -> String + 'static) -> PageHeading {
        let doc = document();
        // Arrived from another page of this site (a link to another bundle): announce the page.
        let from_here = doc.referrer().starts_with(
            &leptos::prelude::window()
                .location()
                .origin()
                .unwrap_or_default(),
        ) && !doc.referrer().is_empty();
        let heading = PageHeading(std::rc::Rc::new(HeadingState {
            main,
            pending: std::cell::Cell::new(from_here),
            focused: std::cell::RefCell::new(None),
            title: Box::new(title),
        }));
        let watcher = heading.clone();
        let changed = Closure::<dyn FnMut()>::new(move || watcher.check());
        if let Ok(observer) = web_sys::MutationObserver::new(changed.as_ref().unchecked_ref()) {
            let options = web_sys::MutationObserverInit::new();
            options.set_child_list(true);
            options.set_subtree(true);
            options.set_character_data(true);
            let _ = observer.observe_with_options(&heading.0.main, &options);
        }
        // The observer lives as long as the page.
        changed.forget();
        heading.check();
        heading
    }

    /// The page changed: its heading takes the focus once it is shown.
    pub fn page_changed(&self) {
        self.0.pending.set(true);
        let again = self.clone();
        gloo_timers::callback::Timeout::new(0, move || again.check()).forget();
    }

    /// Moves the focus to the page's heading now (or to `main` when it has none): the skip link.
    pub fn focus_now(&self) {
        let target = self.heading().unwrap_or_else(|| self.0.main.clone());
        self.focus(target);
    }

    /// The title again (the language changed).
    pub fn retitle(&self) {
        self.check();
    }

    fn heading(&self) -> Option<Element> {
        self.0.main.query_selector("h1").ok().flatten()
    }

    fn focus(&self, target: Element) {
        let _ = target.set_attribute("tabindex", "-1");
        if let Ok(target) = target.clone().dyn_into::<web_sys::HtmlElement>() {
            let _ = target.focus();
        }
        *self.0.focused.borrow_mut() = Some(target);
    }

    fn check(&self) {
        label_table_cells(&self.0.main);
        let Some(h1) = self.heading() else { return };
        let name = h1
            .get_attribute("data-title")
            .or_else(|| h1.text_content())
            .unwrap_or_default();
        let error = self
            .0
            .main
            .query_selector(ERROR_SHOWN)
            .ok()
            .flatten()
            .is_some();
        let title = (self.0.title)(name.trim(), error);
        let doc = document();
        if doc.title() != title {
            doc.set_title(&title);
        }
        let lost = self
            .0
            .focused
            .borrow()
            .as_ref()
            .is_some_and(|before| !before.is_connected())
            && doc
                .active_element()
                .is_none_or(|active| active.tag_name() == "BODY");
        if self.0.pending.get() || lost {
            self.0.pending.set(false);
            self.focus(h1);
        }
    }
}
