//! A first visit's item page (`/guide/{code}`) painted from its document (issue 16).
//!
//! The guide's `index.html` carries a static first screen of `/guide` (`scripts/first-screen.mjs`).
//! For an item page the server sends that document with the picture's `<main>` holding the
//! item's own first screen instead ([`guichet_core::service_picture`]), and the path it pictures
//! on `<html data-first-screen-of>`, which the document's head script shows it for. The page is
//! then painted before the guide's wasm (200 KB, a second on a weak line) has come.
//!
//! The app's own first paint of an item page is 「加载中」 until its copy of the item has loaded,
//! where the other pictures are the app's first paint itself. So the document also carries
//! [`KEEP_SCRIPT`]: the picture's content stands, inert, at the top of the app's `<main>` (the
//! loading note hidden) from the task that mounts the app until the app first changes what
//! `<main>` holds (its page's content). Only these documents carry it (the guide's `index.html`,
//! precached by the service worker and counted in the bundle's budget, does not); its hash is
//! in the Content-Security-Policy with the documents' own scripts.
//!
//! Only the network's answer carries it: the service worker answers later visits from the
//! document it precached, with no item in it, and the head script hides the `/guide` picture
//! on every other path. The answer is compressed here, as the precompressed files are not.

use std::convert::Infallible;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use tower::{Layer, ServiceExt};
use tower_http::compression::{CompressionLayer, CompressionLevel};

use guichet_core::bundles::Bundle;
use guichet_core::service::ServiceItem;
use guichet_core::service_picture::{escape, item_first_screen};

/// Run where the picture's `<main>` has been parsed: unless the head script hid the picture
/// (English, elderly mode), the `<main>` is taken out of what the app removes at its mount, and
/// moved into the app's `<main>` when the app has started (Trunk's loader says so in the task
/// that mounted it, before any paint).
pub const KEEP_SCRIPT: &str = "(function(){var k=document.querySelector(\"body>main[data-first-screen]\");\
if(!k||document.documentElement.classList.contains(\"no-first-screen\"))return;\
k.removeAttribute(\"data-first-screen\");\
addEventListener(\"TrunkApplicationStarted\",function(){var m=document.getElementById(\"main\"),\
n=[].slice.call(k.children),o=m&&m.querySelector(\":scope>.note\");if(!m)return;\
n.forEach(function(e){e.inert=true;e.setAttribute(\"aria-hidden\",\"true\")});\
m.prepend.apply(m,n);k.remove();if(o)o.hidden=true;\
new MutationObserver(function(l,b){b.disconnect();n.forEach(function(e){e.remove()})})\
.observe(m,{childList:true})},{once:true})})()";

/// How the guide's document marks its picture's elements.
const GUIDE_MARK: &str = "data-first-screen=\"/guide\"";

/// The guide's document cut around its picture's `<main>` content.
#[derive(Debug, Clone)]
pub struct ItemFrame {
    document: String,
    /// Just after `<html`, where the pictured path is said.
    html_attributes: usize,
    /// The picture `<main>`'s content: `document[main_content.0..main_content.1]`.
    main_content: (usize, usize),
}

impl ItemFrame {
    /// The frame of the guide's document, if it has a first screen to put an item in.
    pub fn of_document(document: &str) -> Option<ItemFrame> {
        let html_attributes = document.find("<html")? + "<html".len();
        let mut from = 0;
        // The picture's <main>: the first one marked as part of the first screen.
        let main_open = loop {
            let at = from + document[from..].find("<main")?;
            let end = at + document[at..].find('>')?;
            if document[at..end].contains("data-first-screen") {
                break end + 1;
            }
            from = end;
        };
        let main_close = main_open + document[main_open..].find("</main>")?;
        Some(ItemFrame {
            document: document.to_owned(),
            html_attributes,
            main_content: (main_open, main_close),
        })
    }

    /// The document for the item page of `item`, with its first screen.
    pub fn fill(&self, item: &ServiceItem, has_form: bool) -> String {
        let (open, close) = self.main_content;
        let picture = item_first_screen(item, has_form);
        let path = format!(" data-first-screen-of=\"/guide/{}\"", escape(&item.code));
        // The picture's elements say the page they picture (`/guide` in the frame).
        let marked = format!("data-first-screen=\"/guide/{}\"", escape(&item.code));
        let mark = |part: &str| part.replace(GUIDE_MARK, &marked);
        [
            &self.document[..self.html_attributes],
            &path,
            // The guide's link in the header is not the current page's on an item page.
            &mark(&self.document[self.html_attributes..open]).replace(" aria-current=\"page\"", ""),
            &picture,
            "</main><script>",
            KEEP_SCRIPT,
            "</script>",
            &mark(&self.document[close + "</main>".len()..]),
        ]
        .concat()
    }
}

/// The item code of an item page's path (`/guide/GA-001`), if `path` is one: a single
/// segment under the guide's folder, of the guide's bundle (not `/guide/apply`, the forms'),
/// that is not a file's name.
pub fn item_code(path: &str) -> Option<&str> {
    let code = path.strip_prefix("/guide/")?;
    let is_item =
        !code.is_empty() && !code.contains(['/', '.']) && Bundle::of(path) == Bundle::of("/guide");
    is_item.then_some(code)
}

/// The filled document as the answer to `request`, compressed as its `Accept-Encoding` allows.
pub async fn respond(document: String, request: Request) -> Response {
    let answer = tower::service_fn(move |_: Request| {
        let document = document.clone();
        async move {
            let mut response = Response::new(Body::from(document));
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            Ok::<_, Infallible>(response)
        }
    });
    let compressed = CompressionLayer::new()
        .quality(CompressionLevel::Precise(6))
        .layer(answer);
    match compressed.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCUMENT: &str = "<!doctype html><html lang=zh-CN><head><script>s</script></head><body>\
        <header data-first-screen=\"/guide\"><a href=\"/guide\" aria-current=\"page\">h</a></header>\
        <main tabindex=\"-1\" data-first-screen=\"/guide\" inert=\"\"><h1>办事指南</h1></main></body></html>";

    fn item() -> ServiceItem {
        serde_json::from_str(include_str!("../demo/services/GA-001/item.json"))
            .expect("the demo item parses")
    }

    #[test]
    fn the_item_takes_the_place_of_the_guides_main_and_says_its_path() {
        let frame = ItemFrame::of_document(DOCUMENT).expect("a frame");
        let page = frame.fill(&item(), true);
        assert!(page.starts_with(
            "<!doctype html><html data-first-screen-of=\"/guide/GA-001\" lang=zh-CN><head>"
        ));
        assert!(page.contains(
            "<header data-first-screen=\"/guide/GA-001\"><a href=\"/guide\">h</a></header>"
        ));
        assert!(!page.contains(GUIDE_MARK));
        assert!(page.contains("inert=\"\"><p class=\"crumbs\">"));
        assert!(!page.contains("<h1>办事指南</h1>"));
        assert!(page.ends_with(&format!(
            "</dd></dl></main><script>{KEEP_SCRIPT}</script></body></html>"
        )));
        // The script the Content-Security-Policy allows is the one the document runs.
        assert_eq!(
            crate::static_files::inline_script_bodies(&page).last(),
            Some(&KEEP_SCRIPT.to_owned())
        );
    }

    #[test]
    fn a_document_without_a_picture_has_no_frame() {
        assert!(
            ItemFrame::of_document("<html><body><main id=\"x\"></main></body></html>").is_none()
        );
    }

    #[test]
    fn only_the_guides_own_item_paths_are_item_pages() {
        assert_eq!(item_code("/guide/GA-001"), Some("GA-001"));
        for path in [
            "/guide",
            "/guide/",
            "/guide/apply",
            "/guide/apply/GA-001",
            "/guide/drafts",
            "/guide/receipt",
            "/guide/GA-001/x",
            "/guide/main.css",
            "/guidebook/x",
        ] {
            assert_eq!(item_code(path), None, "{path}");
        }
    }
}
