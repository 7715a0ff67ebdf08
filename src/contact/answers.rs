//! 咨询答复 (`/contact/answers`): the questions asked from this device with where each stands
//! (waiting to be sent, refused, open, answered — with the answer), brought up to date when
//! online; and a lookup of any question by its number and query code.

use guichet_core::i18n::Lang;
use guichet_core::wire::contact::Consultation;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::{
    ASK_PATH, FieldKind, Problem, Screen, Sent, Values, decode, el, error_summary, heading, object,
    sent_to, spawn, text_field,
};
use crate::dom::El;
use crate::i18n::tr;
use crate::sync::use_sync;

#[derive(Default)]
struct Answers {
    /// The questions of this device, once read.
    mine: Option<Vec<Sent>>,
    problems: Vec<Problem>,
    /// The consultation a lookup found.
    found: Option<Consultation>,
}

/// The lookup's fields.
const LOOKUP: FieldKind = FieldKind {
    autocomplete: "off",
    inputmode: "text",
    max: 40,
    multiline: false,
};

/// `POST /api/consultations/lookup`.
async fn look_up(number: &str, code: &str) -> Result<JsValue, crate::api::ApiError> {
    let body = object(&[
        ("consultation_no", JsValue::from_str(number.trim())),
        ("query_code", JsValue::from_str(code.trim())),
    ]);
    super::post("consultations/lookup", &body).await
}

pub fn page() -> AnyView {
    let sync = use_sync();
    let values = Values::new();
    let (screen, view) = Screen::show(Answers::default(), values, move |screen, lang, state| {
        render(screen, lang, state, values)
    });
    super::on_outbox_change(sync, move || {
        spawn(async move {
            let mine = sent_to(ASK_PATH).await;
            screen.update(|s| s.mine = Some(mine.clone()));
            if !sync.online.get_untracked() {
                return;
            }
            // Brought up to date once per visit; what the server says is kept for offline.
            let mut changed = false;
            for sent in &mine {
                let Some(asked) = sent.consultation() else {
                    continue;
                };
                let (number, code) = (asked.consultation_no, asked.query_code.unwrap_or_default());
                if number.is_empty() || code.is_empty() {
                    continue;
                }
                if let Ok(latest) = look_up(&number, &code).await {
                    super::remember_latest(sent, &latest).await;
                    changed = true;
                }
            }
            if changed {
                let mine = sent_to(ASK_PATH).await;
                screen.update(|s| s.mine = Some(mine));
            }
        });
    });
    view
}

fn render(screen: Screen<Answers>, lang: Lang, state: &Answers, values: Values) -> El {
    let list = match &state.mine {
        None => el("p").class("note").text(tr(lang, "contact.loading")),
        Some(mine) if mine.is_empty() => el("p")
            .class("note")
            .attr("data-testid", "answers-none")
            .text(tr(lang, "contact.answers.none")),
        Some(mine) => el("ul")
            .class("sent-list")
            .attr("data-testid", "answers-list")
            .children(
                mine.iter()
                    .map(|sent| el("li").child(question_card(lang, sent))),
            ),
    };
    let form = el("form")
        .attr("novalidate", "")
        .attr("data-testid", "lookup-form")
        .child(text_field(
            lang,
            values,
            (
                "lookup-number",
                "contact.number",
                Some("contact.answers.number_hint"),
            ),
            LOOKUP,
            &state.problems,
        ))
        .child(text_field(
            lang,
            values,
            (
                "lookup-code",
                "contact.query_code",
                Some("contact.code_hint"),
            ),
            LOOKUP,
            &state.problems,
        ))
        .child(
            el("button")
                .attr("type", "submit")
                .attr("data-testid", "lookup-submit")
                .text(tr(lang, "contact.answers.look_up")),
        )
        .on("submit", move |event| {
            event.prevent_default();
            submit(lang, screen, values);
        });
    heading(lang, "contact.answers.title")
        .child(el("h2").text(tr(lang, "contact.answers.mine")))
        .child(list)
        .child(el("h2").text(tr(lang, "contact.answers.lookup")))
        .maybe(error_summary(lang, &state.problems))
        .child(form)
        .maybe(state.found.as_ref().map(|answer| {
            el("div")
                .attr("data-testid", "lookup-result")
                .child(consultation(lang, answer))
        }))
}

/// Looks a question up by its number and query code.
fn submit(lang: Lang, screen: Screen<Answers>, values: Values) {
    let (number, code) = (
        values.trimmed("lookup-number"),
        values.trimmed("lookup-code"),
    );
    let mut missing: Vec<Problem> = Vec::new();
    if number.is_empty() {
        missing.push(("lookup-number", tr(lang, "contact.number_missing").into()));
    }
    if code.is_empty() {
        missing.push(("lookup-code", tr(lang, "contact.code_missing").into()));
    }
    if !missing.is_empty() {
        screen.alert(|s| {
            s.found = None;
            s.problems = missing;
        });
        return;
    }
    spawn(async move {
        let found = look_up(&number, &code).await.and_then(|answer| {
            decode::<Consultation>(&answer).ok_or(crate::api::ApiError::Unreadable { status: 200 })
        });
        match found {
            Ok(answer) => screen.update(|s| {
                s.problems = Vec::new();
                s.found = Some(answer);
            }),
            Err(error) => screen.alert(|s| {
                s.found = None;
                s.problems = vec![("lookup-number", super::explain(lang, &error))];
            }),
        }
    });
}

/// One question of this device: its state in words and, once answered, the answer.
fn question_card(lang: Lang, sent: &Sent) -> El {
    let card = el("article").class("sent").attr("data-testid", "asked");
    match (sent.consultation(), &sent.waiting) {
        (Some(answer), _) => card.child(consultation(lang, &answer)),
        (None, Some(record)) => {
            let refused = sent.refused();
            card.child(
                el("p")
                    .class("question")
                    .attr("lang", "zh-CN")
                    .text(&sent.asked("question")),
            )
            .child(
                el("p")
                    .class(if refused { "state refused" } else { "state" })
                    .attr("data-testid", "asked-state")
                    .text(tr(
                        lang,
                        if refused {
                            "contact.refused"
                        } else {
                            "contact.waiting"
                        },
                    )),
            )
            .maybe(refused.then(|| {
                el("p")
                    .class("field-error")
                    .text(record.last_error.as_deref().unwrap_or_default())
            }))
        }
        (None, None) => card,
    }
}

/// A consultation as the server describes it (a lookup, or the answer to the question itself).
fn consultation(lang: Lang, answer: &Consultation) -> El {
    let reply = answer.answer.clone().unwrap_or_default();
    let label = answer.status_label.clone();
    let label = if label.is_empty() {
        tr(lang, "contact.answers.open").to_owned()
    } else {
        label
    };
    let mut state = el("p")
        .class("state")
        .attr("data-testid", "asked-state")
        .text(&label);
    if answer.status != "answered" {
        state = state
            .text(" · ")
            .text(tr(lang, "contact.ask.due"))
            .text(" ")
            .text(&answer.answer_due);
    }
    if answer.late {
        state = state
            .text(" · ")
            .child(el("strong").class("late").text(tr(lang, "contact.late")));
    }
    el("div")
        .child(el("h3").class("code").text(&answer.consultation_no))
        .child(
            el("p")
                .class("item")
                .text(&answer.item.name)
                .text(" · ")
                .text(&answer.department.name),
        )
        .child(
            el("p")
                .class("question")
                .attr("lang", "zh-CN")
                .attr("data-testid", "asked-question")
                .text(&answer.question),
        )
        .child(state)
        .maybe((!reply.is_empty()).then(|| {
            el("div")
                .class("answer")
                .child(el("h4").text(tr(lang, "contact.answers.answer")))
                .child(
                    el("p")
                        .attr("lang", "zh-CN")
                        .attr("data-testid", "asked-answer")
                        .text(&reply),
                )
                .child(el("p").class("note").text(&crate::clock::show_rfc3339(
                    answer.answered_at.as_deref().unwrap_or_default(),
                )))
        }))
}
