//! 咨询答复 and 电子监察: the consultations the session sees (open ones by due date, late ones
//! marked), each with its answer form and, once answered and when the asker allowed it, the
//! publication as a 常见问题 with texts staff redact.

use guichet_core::wire::contact::{DeskConsultation, DeskConsultations};
use leptos::prelude::*;
use serde_json::{Value, json};

use super::{explain, get, post};
use crate::i18n::{tr_args, use_i18n};
use crate::staff::api::StaffSession;

/// The list of consultations with `status` (`open`, `answered`, `late`, `all`).
pub fn list(session: StaffSession, status: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let filter = RwSignal::new(status.to_owned());
    let refresh = RwSignal::new(0u32);
    let items = LocalResource::new(move || {
        let status = filter.get();
        refresh.track();
        async move { get::<DeskConsultations>(&format!("staff/consultations?status={status}")).await }
    });
    let session = StoredValue::new(session);
    let late_list = status == "late";
    view! {
        <h2>{move || i18n.t(if late_list { "front.late" } else { "front.questions" })}</h2>
        {(!late_list).then(|| view! {
            <p class="filters">
                <label for="front-status">{move || i18n.t("front.status")}</label>" "
                <select id="front-status" data-testid="front-status" on:change=move |ev| filter.set(event_target_value(&ev))>
                    <option value="open">{move || i18n.t("front.status.open")}</option>
                    <option value="answered">{move || i18n.t("front.status.answered")}</option>
                    <option value="all">{move || i18n.t("front.status.all")}</option>
                </select>
            </p>
        })}
        {move || match items.get() {
            None => view! { <p>{i18n.t("settings.checking")}</p> }.into_any(),
            Some(Err(error)) => view! { <p class="banner error" role="alert">{explain(&error)}</p> }.into_any(),
            Some(Ok(answer)) => {
                let list = answer.items;
                if list.is_empty() {
                    return view! { <p class="note" data-testid="front-none">{i18n.t("front.none")}</p> }.into_any();
                }
                view! {
                    <ul class="front-list" data-testid="front-list">
                        {list.into_iter().map(|c| view! { <li>{card(session.get_value(), c, refresh)}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
    }
}

/// One consultation: who asked what, the clock, and what may be done with it.
fn card(session: StaffSession, c: DeskConsultation, refresh: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang_untracked();
    let number = c.consultation_no.clone();
    let open = c.status == "open";
    let late = c.late;
    let clock = if let Some(left) = c.working_days_left {
        tr_args(lang, "front.days_left", &[("n", &left.to_string())])
    } else if let Some(over) = c.working_days_overdue {
        tr_args(lang, "front.days_over", &[("n", &over.to_string())])
    } else {
        String::new()
    };
    let may_answer = session.staff.role != "window";
    let publish_allowed = c.publish_allowed;
    let published = c.faq.is_some();
    let question = c.question.clone();
    let reply = c.answer.clone().unwrap_or_default();
    let session = StoredValue::new(session);
    let error = RwSignal::new(None::<String>);
    let answer_text = RwSignal::new(String::new());
    let publish_too = RwSignal::new(false);
    let faq_question = RwSignal::new(question.clone());
    let faq_answer = RwSignal::new(reply.clone());
    let id = number.replace(|ch: char| !ch.is_ascii_alphanumeric(), "");
    let number_for_answer = number.clone();
    let send_answer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let path = format!("staff/consultations/{number_for_answer}/answer");
        let answer = answer_text.get_untracked();
        let publish = if publish_too.get_untracked() {
            json!({"question": faq_question.get_untracked(), "answer": answer.clone()})
        } else {
            Value::Null
        };
        leptos::task::spawn_local(async move {
            let body = json!({"answer": answer, "publish": publish});
            match post::<DeskConsultation>(&session.get_value(), &path, &body).await {
                Ok(_) => refresh.update(|n| *n += 1),
                Err(failure) => error.set(Some(explain(&failure))),
            }
        });
    };
    let number_for_publish = number.clone();
    let send_publish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let path = format!("staff/consultations/{number_for_publish}/publish");
        let body =
            json!({"question": faq_question.get_untracked(), "answer": faq_answer.get_untracked()});
        leptos::task::spawn_local(async move {
            match post::<DeskConsultation>(&session.get_value(), &path, &body).await {
                Ok(_) => refresh.update(|n| *n += 1),
                Err(failure) => error.set(Some(explain(&failure))),
            }
        });
    };
    let number_for_unpublish = number.clone();
    let unpublish = move |_| {
        let path = format!("staff/consultations/{number_for_unpublish}/unpublish");
        leptos::task::spawn_local(async move {
            let body: Value = json!({});
            match post::<DeskConsultation>(&session.get_value(), &path, &body).await {
                Ok(_) => refresh.update(|n| *n += 1),
                Err(failure) => error.set(Some(explain(&failure))),
            }
        });
    };
    let answer_id = format!("answer-{id}");
    let faq_q_id = format!("faq-q-{id}");
    let faq_a_id = format!("faq-a-{id}");
    let publish_id = format!("publish-{id}");
    view! {
        <article class="front-card" class:late=late data-testid="front-consultation" data-number=number.clone()>
            <h3><span class="code">{number.clone()}</span>" · "{c.item.name.clone()}</h3>
            <p class="state">
                {c.status_label.clone()}" · "{move || i18n.t("front.due")}" "{c.answer_due.clone()}
                {(!clock.is_empty()).then(|| view! { " · "{clock.clone()} })}
                {late.then(|| view! { " · "<strong class="late" data-testid="front-late">{move || i18n.t("front.late_mark")}</strong> })}
            </p>
            <p class="question" lang="zh-CN">{question.clone()}</p>
            <p class="note">{c.name.clone()}" · "{c.phone.clone()}" · "
                {move || i18n.t(if publish_allowed { "front.publish_allowed" } else { "front.publish_refused" })}</p>
            {move || error.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
            {(!reply.is_empty()).then(|| view! {
                <div class="answer">
                    <h4>{move || i18n.t("front.answer")}</h4>
                    <p lang="zh-CN">{reply.clone()}</p>
                    <p class="note">{c.answered_by.clone().unwrap_or_default()}" · "{crate::clock::show_rfc3339(c.answered_at.as_deref().unwrap_or(""))}</p>
                </div>
            })}
            {(open && may_answer).then(|| view! {
                <form class="front-answer" on:submit=send_answer data-testid="front-answer-form">
                    <label class="label" for=answer_id.clone()>{move || i18n.t("front.answer")}</label>
                    <textarea id=answer_id.clone() class="input wide" rows="5" maxlength="2000" required
                        data-testid="front-answer" prop:value=answer_text
                        on:input=move |ev| answer_text.set(event_target_value(&ev))></textarea>
                    {publish_allowed.then(|| view! {
                        <p>
                            <label class="check">
                                <input type="checkbox" data-testid="front-publish-too" prop:checked=publish_too
                                    on:change=move |ev| publish_too.set(event_target_checked(&ev))/>
                                " "{move || i18n.t("front.publish_too")}
                            </label>
                        </p>
                        <div hidden=move || !publish_too.get()>
                            <label class="label" for=faq_q_id.clone()>{move || i18n.t("front.faq_question")}</label>
                            <p class="hint">{move || i18n.t("front.redact_hint")}</p>
                            <textarea id=faq_q_id.clone() class="input wide" rows="3" maxlength="1000"
                                data-testid="front-faq-question" prop:value=faq_question
                                on:input=move |ev| faq_question.set(event_target_value(&ev))></textarea>
                        </div>
                    })}
                    <button type="submit" data-testid="front-answer-submit">{move || i18n.t("front.answer_send")}</button>
                </form>
            })}
            {(!open && may_answer && publish_allowed).then(|| view! {
                <details class="front-publish">
                    <summary>{move || i18n.t(if published { "front.republish" } else { "front.publish" })}</summary>
                    <form on:submit=send_publish data-testid="front-publish-form">
                        <p class="hint">{move || i18n.t("front.redact_hint")}</p>
                        <label class="label" for=faq_q_id.clone()>{move || i18n.t("front.faq_question")}</label>
                        <textarea id=faq_q_id.clone() class="input wide" rows="3" maxlength="1000"
                            data-testid="front-faq-question" prop:value=faq_question
                            on:input=move |ev| faq_question.set(event_target_value(&ev))></textarea>
                        <label class="label" for=faq_a_id.clone()>{move || i18n.t("front.faq_answer")}</label>
                        <textarea id=faq_a_id.clone() class="input wide" rows="4" maxlength="2000"
                            data-testid="front-faq-answer" prop:value=faq_answer
                            on:input=move |ev| faq_answer.set(event_target_value(&ev))></textarea>
                        <button type="submit" id=publish_id.clone() data-testid="front-publish">{move || i18n.t("front.publish_send")}</button>
                    </form>
                </details>
            })}
            {(published && may_answer).then(|| view! {
                <p>
                    <span class="pill" data-testid="front-published">{move || i18n.t("front.published")}</span>" "
                    <button type="button" class="secondary" data-testid="front-unpublish" on:click=unpublish>
                        {move || i18n.t("front.unpublish")}
                    </button>
                </p>
            })}
        </article>
    }
}
