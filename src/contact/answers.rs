//! 咨询答复 (`/contact/answers`): the questions asked from this device with where each stands
//! (waiting to be sent, refused, open, answered — with the answer), brought up to date when
//! online; and a lookup of any question by its number and query code.

use leptos::prelude::*;
use serde::Serialize;
use serde_json::Value;

use super::{ASK_PATH, Problem, Sent, error_summary, sent_to, set_title, spawn, text};
use crate::api::{self, ApiError};
use crate::i18n::{tr, use_i18n};
use crate::sync::use_sync;

#[derive(Serialize)]
struct Lookup<'a> {
    consultation_no: &'a str,
    query_code: &'a str,
}

/// `POST /api/consultations/lookup`.
async fn look_up(number: &str, code: &str) -> Result<Value, ApiError> {
    api::post_json(
        "consultations/lookup",
        &Lookup {
            consultation_no: number.trim(),
            query_code: code.trim(),
        },
    )
    .await
}

#[component]
pub fn Answers() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let list = RwSignal::new(None::<Vec<Sent>>);
    let reload = move || {
        spawn(async move {
            let mine = sent_to(ASK_PATH).await;
            list.set(Some(mine.clone()));
            if !sync.online.get_untracked() {
                return;
            }
            // Brought up to date once per visit; what the server says is kept for offline.
            let mut changed = false;
            for sent in &mine {
                let (number, code) = (
                    sent.answered("consultation_no"),
                    sent.answered("query_code"),
                );
                if number.is_empty() || code.is_empty() {
                    continue;
                }
                if let Ok(latest) = look_up(&number, &code).await {
                    super::remember_latest(sent, latest).await;
                    changed = true;
                }
            }
            if changed {
                list.set(Some(sent_to(ASK_PATH).await));
            }
        });
    };
    super::on_outbox_change(sync, reload);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let number = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Value>);
    Effect::new(move |_| {
        set_title(
            i18n.lang(),
            "contact.answers.title",
            !problems.with(Vec::is_empty),
        )
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang_untracked();
        let (n, c) = (number.get_untracked(), code.get_untracked());
        let mut missing = Vec::new();
        if n.trim().is_empty() {
            missing.push((
                "lookup-number".into(),
                tr(lang, "contact.number_missing").into(),
            ));
        }
        if c.trim().is_empty() {
            missing.push((
                "lookup-code".into(),
                tr(lang, "contact.code_missing").into(),
            ));
        }
        if !missing.is_empty() {
            found.set(None);
            problems.set(missing);
            return;
        }
        spawn(async move {
            match look_up(&n, &c).await {
                Ok(answer) => {
                    problems.set(Vec::new());
                    found.set(Some(answer));
                }
                Err(error) => {
                    found.set(None);
                    problems.set(vec![("lookup-number".into(), super::explain(lang, &error))]);
                }
            }
        });
    };
    let field_kind = super::FieldKind {
        autocomplete: "off",
        inputmode: "text",
        max: 40,
        multiline: false,
    };
    view! {
        <p class="crumbs"><a href="/contact">{move || i18n.t("contact.hub.title")}</a></p>
        <h1 tabindex="-1">{move || i18n.t("contact.answers.title")}</h1>
        <h2>{move || i18n.t("contact.answers.mine")}</h2>
        {move || match list.get() {
            None => view! { <p class="note">{i18n.t("contact.loading")}</p> }.into_any(),
            Some(mine) if mine.is_empty() => view! {
                <p class="note" data-testid="answers-none">{i18n.t("contact.answers.none")}</p>
            }.into_any(),
            Some(mine) => view! {
                <ul class="sent-list" data-testid="answers-list">
                    {mine.into_iter().map(|sent| view! { <li>{question_card(sent)}</li> }).collect_view()}
                </ul>
            }.into_any(),
        }}
        <h2>{move || i18n.t("contact.answers.lookup")}</h2>
        {error_summary(problems)}
        <form novalidate on:submit=submit data-testid="lookup-form">
            {super::text_field("lookup-number", "contact.number", Some("contact.answers.number_hint"), field_kind, number, problems)}
            {super::text_field("lookup-code", "contact.query_code", Some("contact.code_hint"), field_kind, code, problems)}
            <button type="submit" data-testid="lookup-submit">{move || i18n.t("contact.answers.look_up")}</button>
        </form>
        {move || found.get().map(|answer| view! {
            <div data-testid="lookup-result">{consultation(answer)}</div>
        })}
    }
}

/// One question of this device: its state in words and, once answered, the answer.
fn question_card(sent: Sent) -> impl IntoView {
    let i18n = use_i18n();
    let asked = sent.asked("question");
    let latest = sent.answer.as_ref().map(|a| {
        if a["latest"].is_object() {
            a["latest"].clone()
        } else {
            a.clone()
        }
    });
    let waiting = sent.waiting.clone();
    view! {
        <article class="sent" data-testid="asked">
            {match (latest, waiting) {
                (Some(answer), _) => consultation(answer).into_any(),
                (None, Some(record)) => {
                    let refused = sent.refused();
                    let reason = record.last_error.clone().unwrap_or_default();
                    view! {
                        <p class="question" lang="zh-CN">{asked}</p>
                        <p class={if refused { "state refused" } else { "state" }} data-testid="asked-state">
                            {move || i18n.t(if refused { "contact.refused" } else { "contact.waiting" })}
                        </p>
                        {refused.then(|| view! { <p class="field-error">{reason.clone()}</p> })}
                    }.into_any()
                }
                (None, None) => ().into_any(),
            }}
        </article>
    }
}

/// A consultation as the server describes it (a lookup, or the answer to the question itself).
pub fn consultation(answer: Value) -> impl IntoView {
    let i18n = use_i18n();
    let number = text(&answer, "consultation_no");
    let status = text(&answer, "status");
    let late = answer["late"].as_bool().unwrap_or(false);
    let reply = text(&answer, "answer");
    let label = text(&answer, "status_label");
    let label = if label.is_empty() {
        tr(i18n.lang_untracked(), "contact.answers.open").to_owned()
    } else {
        label
    };
    view! {
        <h3 class="code">{number}</h3>
        <p class="item">{text(&answer["item"], "name")}" · "{text(&answer["department"], "name")}</p>
        <p class="question" lang="zh-CN" data-testid="asked-question">{text(&answer, "question")}</p>
        <p class="state" data-testid="asked-state">
            {label}
            {(status != "answered").then(|| view! {
                " · "{move || i18n.t("contact.ask.due")}" "{text(&answer, "answer_due")}
            })}
            {late.then(|| view! { " · "<strong class="late">{move || i18n.t("contact.late")}</strong> })}
        </p>
        {(!reply.is_empty()).then(|| view! {
            <div class="answer">
                <h4>{move || i18n.t("contact.answers.answer")}</h4>
                <p lang="zh-CN" data-testid="asked-answer">{reply.clone()}</p>
                <p class="note">{crate::clock::show_rfc3339(&text(&answer, "answered_at"))}</p>
            </div>
        })}
    }
}
