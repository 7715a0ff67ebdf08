//! 我要咨询 (`/contact/ask?item=CODE`): the question, a contact, the consent to publish; written
//! offline if need be and sent through the outbox; then the receipt: number, query code with a
//! copy button, the date the answer is due.

use guichet_core::i18n::Lang;
use guichet_core::wire::contact::{Consultation, Named};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::{
    ASK_PATH, FieldKind, NAME, PHONE, Problem, Request, Screen, Sent, Values, el, error_summary,
    heading, object, phone_problem, query, sent_by_id, spawn, status, text_field,
};
use crate::dom::El;
use crate::i18n::{tr, tr_args};
use crate::storage::Storage;
use crate::sync::{SyncStatus, use_sync};

/// A question's most characters.
pub const QUESTION_MAX: usize = guichet_core::consultation::QUESTION_MAX_CHARS;

/// The question's field kind.
const QUESTION: FieldKind = FieldKind {
    autocomplete: "off",
    inputmode: "text",
    max: QUESTION_MAX,
    multiline: true,
};

#[derive(Default)]
struct Ask {
    /// The item's code (`?item=`), and its name once read.
    item: Option<String>,
    item_name: Option<String>,
    request: Request,
}

/// The item's name: the server's, else the copy kept on the device (`item:<code>`, which the
/// guide keeps too); the server's copy is kept for next time.
async fn item_name(code: &str) -> Option<String> {
    let key = ["item:", code].concat();
    let storage = Storage::shared().await.ok();
    let text = match crate::api::get_text(&["services/", code].concat()).await {
        Ok(text) => {
            if let Some(storage) = &storage {
                let _ = storage.put_cached(&key, &text).await;
            }
            Some(text)
        }
        Err(_) => match &storage {
            Some(storage) => storage.get_cached(&key).await.ok().flatten(),
            None => None,
        },
    }?;
    let page: ServicePage = super::decode(&js_sys::JSON::parse(&text).ok()?)?;
    Some(page.service.name).filter(|name| !name.is_empty())
}

/// The part of `GET /api/services/{code}` the page reads: the item's name (the answer, kept in
/// the cache as sent, carries the item's whole description and form).
#[derive(serde::Deserialize)]
struct ServicePage {
    service: Named,
}

pub fn page() -> AnyView {
    let sync = use_sync();
    let values = Values::new();
    let item = query("item");
    let (screen, view) = Screen::show(Ask::default(), values, move |screen, lang, state| {
        render(screen, lang, state, values, sync)
    });
    Effect::new(move |_| {
        let code = item.get().filter(|code| !code.is_empty());
        screen.update(|s| {
            s.item = code.clone();
            s.item_name = None;
        });
        if let Some(code) = code {
            spawn(async move {
                let name = item_name(&code).await;
                screen.update(|s| s.item_name = name);
            });
        }
    });
    super::follow(
        sync,
        screen,
        ASK_PATH,
        |s| &mut s.request,
        field_of,
        "question",
        |_| {},
    );
    view
}

/// The page's field for a field the server named.
fn field_of(field: &str) -> &'static str {
    match field {
        "name" => "name",
        "phone" => "phone",
        _ => "question",
    }
}

fn render(screen: Screen<Ask>, lang: Lang, state: &Ask, values: Values, sync: SyncStatus) -> El {
    let request = &state.request;
    let (done, waiting) = (request.done(), request.waiting());
    let mut page = heading(lang, "contact.ask.title")
        .maybe(state.item_name.as_ref().map(|name| {
            el("p")
                .class("lead")
                .attr("data-testid", "ask-item")
                .text(tr(lang, "contact.ask.about"))
                .child(el("span").attr("lang", "zh-CN").text(name))
        }))
        .maybe(state.item.is_none().then(|| {
            el("p")
                .class("banner")
                .attr("role", "status")
                .text(tr(lang, "contact.ask.pick_item"))
                .text(" ")
                .child(
                    el("a")
                        .attr("href", "/guide")
                        .attr("rel", "external")
                        .text(tr(lang, "nav.guide")),
                )
        }));
    if done {
        page = page.maybe(request.sent.as_ref().map(|sent| receipt(lang, sent)));
    }
    if waiting {
        page = page.child(status(tr(lang, "contact.waiting"), "ask-waiting"));
    }
    if done || waiting {
        return page;
    }
    let problems = &request.problems;
    let form = el("form")
        .attr("novalidate", "")
        .attr("data-testid", "ask-form")
        .child(text_field(
            lang,
            values,
            (
                "question",
                "contact.ask.question",
                Some("contact.ask.question_hint"),
            ),
            QUESTION,
            problems,
        ))
        .child(text_field(
            lang,
            values,
            ("name", "contact.name", None),
            NAME,
            problems,
        ))
        .child(text_field(
            lang,
            values,
            ("phone", "contact.phone", Some("contact.phone_hint")),
            PHONE,
            problems,
        ))
        .child(
            el("div").class("field").child(
                el("label")
                    .class("check")
                    .child(
                        values.watch_checkbox(
                            el("input")
                                .attr("type", "checkbox")
                                .attr("id", "publish_allowed")
                                .attr("name", "publish_allowed")
                                .attr("data-testid", "publish-allowed"),
                            "publish_allowed",
                        ),
                    )
                    .text(" ")
                    .text(tr(lang, "contact.ask.publish")),
            ),
        )
        .child(el("p").class("note").text(tr(lang, "contact.offline_note")))
        .child(
            el("button")
                .attr("type", "submit")
                .attr("data-testid", "ask-submit")
                .text(tr(lang, "contact.ask.submit")),
        )
        .on("submit", move |event| {
            event.prevent_default();
            submit(lang, screen, values, sync);
        });
    page.maybe(error_summary(lang, problems)).child(form)
}

/// Checks what was typed, then puts the question in the outbox.
fn submit(lang: Lang, screen: Screen<Ask>, values: Values, sync: SyncStatus) {
    let mut found: Vec<Problem> = Vec::new();
    let asked = values.trimmed("question");
    let length = asked.chars().count();
    if asked.is_empty() {
        found.push((
            "question",
            tr(lang, "contact.ask.question_missing").to_owned(),
        ));
    } else if length > QUESTION_MAX {
        let (max, n) = (QUESTION_MAX.to_string(), length.to_string());
        found.push((
            "question",
            tr_args(
                lang,
                "contact.ask.question_long",
                &[("max", &max), ("n", &n)],
            ),
        ));
    }
    let (name, phone) = (values.trimmed("name"), values.trimmed("phone"));
    if name.is_empty() {
        found.push(("name", tr(lang, "contact.name_missing").to_owned()));
    }
    if let Some(message) = phone_problem(lang, &phone) {
        found.push(("phone", message));
    }
    if !found.is_empty() {
        screen.alert(|s| s.request.problems = found);
        return;
    }
    let (code, label, replaces) = screen.read(|s| {
        let code = s.item.clone().unwrap_or_default();
        let shown = s.item_name.clone().unwrap_or_else(|| code.clone());
        (
            code,
            [tr(lang, "contact.ask.title"), "：", &shown].concat(),
            s.request.replaces(),
        )
    });
    let body = object(&[
        ("item_code", JsValue::from_str(&code)),
        ("question", JsValue::from_str(&asked)),
        ("name", JsValue::from_str(&name)),
        ("phone", JsValue::from_str(&phone)),
        (
            "publish_allowed",
            JsValue::from_bool(values.get("publish_allowed") == "on"),
        ),
    ]);
    spawn(async move {
        match super::queue(sync, ASK_PATH, &label, body, replaces.as_ref()).await {
            Ok(id) => {
                let sent = sent_by_id(ASK_PATH, &id).await;
                screen.update(|s| {
                    s.request.problems = Vec::new();
                    s.request.sent_id = Some(id);
                    s.request.sent = sent;
                });
            }
            Err(error) => {
                screen.alert(|s| s.request.problems = vec![("question", error.to_string())])
            }
        }
    });
}

/// The receipt of a question the server recorded.
fn receipt(lang: Lang, sent: &Sent) -> El {
    let asked = sent.consultation();
    let field = |read: fn(&Consultation) -> String| asked.as_ref().map(read).unwrap_or_default();
    super::receipt_box(
        lang,
        super::Receipt {
            testid: "ask-receipt",
            heading: "contact.ask.received",
            number_label: "contact.number",
            number: field(|c| c.consultation_no.clone()),
            code: field(|c| c.query_code.clone().unwrap_or_default()),
            facts: vec![
                (
                    "contact.ask.department",
                    field(|c| c.department.name.clone()),
                    "ask-department",
                ),
                (
                    "contact.ask.due",
                    field(|c| c.answer_due.clone()),
                    "ask-due",
                ),
            ],
            note: "contact.ask.keep_code",
            link: ("/contact/answers", "contact.answers.title"),
        },
    )
}
