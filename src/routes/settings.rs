//! 设置: language, elderly mode, and what the device and the server say about themselves.
//!
//! Built as plain DOM (see `crate::dom`): as a Leptos view this small page weighed ~15 KB
//! brotli on the shell's first load.
use crate::i18n::tr;
use guichet_core::i18n::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::dom::{self, El, el};
use crate::prefs::{Prefs, use_prefs};
use crate::storage;

/// What the server said when asked: `None` while asking, then its version or unreachable.
type Health = Option<Result<String, ()>>;

#[component]
pub fn Settings() -> impl IntoView {
    let prefs = use_prefs();
    let health = RwSignal::new(None::<Result<String, ()>>);
    spawn_local(async move {
        let answer = api::health().await.map(|h| h.version).map_err(|_| ());
        health.set(Some(answer));
    });
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let content = page(prefs, prefs.lang.get(), prefs.elderly.get(), health.get());
        dom::replace_keeping_focus(&root, content);
    });
    view! { <div node_ref=root></div> }
}

fn page(prefs: Prefs, lang: Lang, elderly: bool, health: Health) -> El {
    let radio = |choice: Lang, testid: &str, tag: &str, name: &str| {
        let mut input = el("input")
            .attr("type", "radio")
            .attr("name", "lang")
            .attr("data-testid", testid)
            .on("change", move |_| prefs.lang.set(choice));
        if lang == choice {
            input = input.attr("checked", "");
        }
        el("label")
            .child(input)
            .child(el("span").attr("lang", tag).text(name))
    };
    let mut checkbox = el("input")
        .attr("type", "checkbox")
        .attr("data-testid", "elderly-checkbox")
        .on("change", move |event| {
            prefs.elderly.set(dom::target_checked(&event))
        });
    if elderly {
        checkbox = checkbox.attr("checked", "");
    }
    let server = match health {
        None => tr(lang, "settings.checking").to_string(),
        Some(Ok(version)) => format!("{} ({version})", tr(lang, "settings.server_ok")),
        Some(Err(())) => tr(lang, "settings.server_unreachable").to_string(),
    };
    el("div")
        .child(el("h1").text(tr(lang, "settings.heading")))
        .child(
            el("fieldset")
                .class("choice")
                .child(el("legend").text(tr(lang, "prefs.language")))
                .child(radio(Lang::Zh, "lang-zh", "zh-CN", "简体中文"))
                .child(radio(Lang::En, "lang-en", "en", "English")),
        )
        .child(
            el("fieldset")
                .class("choice")
                .child(el("legend").text(tr(lang, "prefs.elderly")))
                .child(
                    el("label")
                        .child(checkbox)
                        .child(el("span").text(tr(lang, "prefs.elderly_hint"))),
                ),
        )
        .child(el("h2").text(tr(lang, "settings.about")))
        .child(
            el("dl")
                .class("facts")
                .child(el("dt").text(tr(lang, "settings.schema")))
                .child(el("dd").text(&storage::schema_version().to_string()))
                .child(el("dt").text(tr(lang, "settings.server")))
                .child(el("dd").attr("data-testid", "server-health").text(&server)),
        )
}
