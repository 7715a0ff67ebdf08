//! 我要咨询 (`/contact/ask?item=CODE`): the question, a contact, the consent to publish; written
//! offline if need be and sent through the outbox; then the receipt: number, query code with a
//! copy button, the date the answer is due.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{
    ASK_PATH, FieldKind, NAME, PHONE, Problem, Sent, error_summary, phone_problem, query,
    sent_by_id, set_title, spawn, text_field,
};
use crate::i18n::{tr, tr_args, use_i18n};
use crate::sync::use_sync;

/// A question's most characters.
pub const QUESTION_MAX: usize = guichet_core::consultation::QUESTION_MAX_CHARS;

/// What the page needs of the item (`GET /api/services/{code}`, kept on the device).
#[derive(Clone, Debug, Deserialize)]
struct ItemHead {
    service: ItemName,
}

#[derive(Clone, Debug, Deserialize)]
struct ItemName {
    name: String,
}

#[derive(Serialize)]
struct Question<'a> {
    item_code: &'a str,
    question: &'a str,
    name: &'a str,
    phone: &'a str,
    publish_allowed: bool,
}

#[component]
pub fn Ask() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let item = query("item");
    let question = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let publish = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let sent_id = RwSignal::new(None::<String>);
    let sent = RwSignal::new(None::<Sent>);
    let item_name = LocalResource::new(move || {
        let code = item.get().unwrap_or_default();
        async move {
            if code.is_empty() {
                return None;
            }
            crate::routes::service::load::<ItemHead>(
                &format!("services/{code}"),
                &format!("item:{code}"),
            )
            .await
            .ok()
            .map(|loaded| loaded.value.service.name)
        }
    });
    Effect::new(move |_| {
        set_title(
            i18n.lang(),
            "contact.ask.title",
            !problems.with(Vec::is_empty),
        )
    });
    super::follow(
        sync,
        ASK_PATH,
        sent_id,
        sent,
        problems,
        |field| field.to_owned(),
        || {},
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang_untracked();
        let mut found = Vec::new();
        let asked = question.get_untracked().trim().to_owned();
        let length = asked.chars().count();
        if asked.is_empty() {
            found.push((
                "question".into(),
                tr(lang, "contact.ask.question_missing").to_owned(),
            ));
        } else if length > QUESTION_MAX {
            found.push((
                "question".into(),
                tr_args(
                    lang,
                    "contact.ask.question_long",
                    &[
                        ("max", &QUESTION_MAX.to_string()),
                        ("n", &length.to_string()),
                    ],
                ),
            ));
        }
        if name.get_untracked().trim().is_empty() {
            found.push(("name".into(), tr(lang, "contact.name_missing").to_owned()));
        }
        if let Some(message) = phone_problem(lang, &phone.get_untracked()) {
            found.push(("phone".into(), message));
        }
        if !found.is_empty() {
            problems.set(found);
            return;
        }
        problems.set(Vec::new());
        let code = item.get_untracked().unwrap_or_default();
        let label = item_name
            .get_untracked()
            .flatten()
            .unwrap_or_else(|| code.clone());
        let label = format!("{}：{label}", tr(lang, "contact.ask.title"));
        let replaces = sent
            .get_untracked()
            .and_then(|s| s.waiting.filter(|_| s.answer.is_none()));
        let (name, phone) = (name.get_untracked(), phone.get_untracked());
        let publish = publish.get_untracked();
        spawn(async move {
            let body = Question {
                item_code: &code,
                question: &asked,
                name: name.trim(),
                phone: phone.trim(),
                publish_allowed: publish,
            };
            match super::queue(sync, ASK_PATH, &label, &body, replaces.as_ref()).await {
                Ok(id) => {
                    sent_id.set(Some(id.clone()));
                    sent.set(sent_by_id(ASK_PATH, &id).await);
                }
                Err(error) => problems.set(vec![("question".into(), error.to_string())]),
            }
        });
    };
    let question_kind = FieldKind {
        autocomplete: "off",
        inputmode: "text",
        max: QUESTION_MAX,
        multiline: true,
    };
    let done = move || sent.with(|s| s.as_ref().is_some_and(|s| s.answer.is_some()));
    let waiting = move || {
        sent.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.answer.is_none() && !s.refused())
        })
    };
    view! {
        <p class="crumbs"><a href="/contact">{move || i18n.t("contact.hub.title")}</a></p>
        <h1 tabindex="-1">{move || i18n.t("contact.ask.title")}</h1>
        {move || item_name.get().flatten().map(|name| view! {
            <p class="lead" data-testid="ask-item">{i18n.t("contact.ask.about")}<span lang="zh-CN">{name}</span></p>
        })}
        {move || item.get().is_none().then(|| view! {
            <p class="banner" role="status">
                {i18n.t("contact.ask.pick_item")}" "<a href="/guide" rel="external">{i18n.t("nav.guide")}</a>
            </p>
        })}
        {move || done().then(|| sent.get().map(receipt))}
        {move || waiting().then(|| view! {
            <p class="banner" role="status" data-testid="ask-waiting">{i18n.t("contact.waiting")}</p>
        })}
        <div hidden=move || done() || waiting()>
            {error_summary(problems)}
            <form novalidate on:submit=submit data-testid="ask-form">
                {text_field("question", "contact.ask.question", Some("contact.ask.question_hint"), question_kind, question, problems)}
                {text_field("name", "contact.name", None, NAME, name, problems)}
                {text_field("phone", "contact.phone", Some("contact.phone_hint"), PHONE, phone, problems)}
                <div class="field">
                    <label class="check">
                        <input type="checkbox" name="publish_allowed" data-testid="publish-allowed"
                            prop:checked=publish on:change=move |ev| publish.set(event_target_checked(&ev))/>
                        " "{move || i18n.t("contact.ask.publish")}
                    </label>
                </div>
                <p class="note">{move || i18n.t("contact.offline_note")}</p>
                <button type="submit" data-testid="ask-submit">{move || i18n.t("contact.ask.submit")}</button>
            </form>
        </div>
    }
}

/// The receipt of a question the server recorded.
pub fn receipt(sent: Sent) -> impl IntoView {
    let department = sent
        .answer
        .as_ref()
        .map(|a| super::text(&a["department"], "name"))
        .unwrap_or_default();
    super::receipt_box(super::Receipt {
        testid: "ask-receipt",
        heading: "contact.ask.received",
        number_label: "contact.number",
        number: sent.answered("consultation_no"),
        code: sent.answered("query_code"),
        facts: vec![
            ("contact.ask.department", department, "ask-department"),
            ("contact.ask.due", sent.answered("answer_due"), "ask-due"),
        ],
        note: "contact.ask.keep_code",
        link: ("/contact/answers", "contact.answers.title"),
    })
}
