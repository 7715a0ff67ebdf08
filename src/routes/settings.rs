//! 设置: language, elderly mode, 代办 mode (the village service room, `crate::village`), and
//! what the device and the server say about themselves.
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
use crate::village::{self, Settings as Village};

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
    let room = Room {
        settings: RwSignal::new(None),
        message: RwSignal::new(None),
    };
    spawn_local(async move { room.settings.set(Some(village::settings().await)) });
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let lang = prefs.lang.get();
        let content = page(prefs, lang, prefs.elderly.get(), health.get())
            .maybe(room.settings.get().map(|s| village_section(room, lang, s)));
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

/// 代办 mode's settings as read, and the outcome of the last save.
#[derive(Clone, Copy)]
struct Room {
    settings: RwSignal<Option<Village>>,
    message: RwSignal<Option<&'static str>>,
}

/// The value of input `id` on the page.
fn input_value(id: &str) -> String {
    use wasm_bindgen::JsCast;
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

impl Room {
    /// Reads the section's inputs and saves them.
    fn save(self) {
        let retention_days = input_value("village-days")
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=3650).contains(d))
            .unwrap_or(village::DEFAULT_RETENTION_DAYS);
        let on = self.settings.get_untracked().is_some_and(|s| s.on);
        let settings = Village {
            on,
            name: input_value("village-name"),
            phone: input_value("village-phone"),
            id_no: input_value("village-id"),
            address: input_value("village-address"),
            retention_days,
        };
        spawn_local(async move {
            let key = match village::save(&settings).await {
                Ok(()) => "village.saved",
                Err(_) => "village.save_failed",
            };
            self.settings.set(Some(settings));
            self.message.set(Some(key));
        });
    }
}

/// 代办 mode: on or off, the operator's details, the retention time, and a link to the day.
fn village_section(room: Room, lang: Lang, settings: Village) -> El {
    let field = |id: &str, key: &'static str, value: &str, kind: &str, token: &str| {
        el("p")
            .class("field")
            .child(el("label").attr("for", id).text(tr(lang, key)))
            .child(
                el("input")
                    .attr("id", id)
                    .attr("type", kind)
                    .attr("autocomplete", token)
                    .attr("data-testid", id)
                    .attr("value", value),
            )
    };
    let mut toggle = el("input")
        .attr("type", "checkbox")
        .attr("data-testid", "village-on")
        .on("change", move |event| {
            let on = dom::target_checked(&event);
            room.settings.update(|s| {
                if let Some(s) = s {
                    s.on = on;
                }
            });
        });
    if settings.on {
        toggle = toggle.attr("checked", "");
    }
    let details = settings.on.then(|| {
        el("div")
            .child(field(
                "village-name",
                "village.operator_name",
                &settings.name,
                "text",
                "name",
            ))
            .child(field(
                "village-phone",
                "village.operator_phone",
                &settings.phone,
                "tel",
                "tel",
            ))
            .child(field(
                "village-id",
                "village.operator_id",
                &settings.id_no,
                "text",
                "off",
            ))
            .child(field(
                "village-address",
                "village.operator_address",
                &settings.address,
                "text",
                "street-address",
            ))
            .child(field(
                "village-days",
                "village.retention",
                &settings.retention_days.to_string(),
                "number",
                "off",
            ))
            .child(
                el("p").child(
                    el("a")
                        .attr("href", "/guide/drafts/day")
                        .attr("rel", "external")
                        .attr("data-testid", "village-day-link")
                        .text(tr(lang, "village.open_day")),
                ),
            )
    });
    let message = room.message.get().map(|key| {
        el("p")
            .class("banner")
            .attr("role", "status")
            .attr("data-testid", "village-message")
            .text(tr(lang, key))
    });
    el("section")
        .attr("aria-labelledby", "village-heading")
        .child(
            el("h2")
                .attr("id", "village-heading")
                .text(tr(lang, "village.setting")),
        )
        .child(el("p").class("note").text(tr(lang, "village.setting_hint")))
        .child(
            el("p").child(
                el("label")
                    .child(toggle)
                    .child(el("span").text(tr(lang, "village.on"))),
            ),
        )
        .maybe(details)
        .child(
            el("button")
                .attr("type", "button")
                .attr("data-testid", "village-save")
                .text(tr(lang, "village.save"))
                .on("click", move |_| room.save()),
        )
        .maybe(message)
}
