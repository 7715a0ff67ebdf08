//! 好差评 and complaints on 办件查询, written offline if need be and sent through the outbox
//! (`RecordKind::Evaluation`, `RecordKind::Complaint`; the server is idempotent on the client
//! id). One rating per concluded case (the server enforces it); a complaint's number is kept on
//! the device with its query code (查询码, given once in the server's answer and shown
//! prominently in the list), which looks it up again; the contact phone no longer does.
//!
//! Plain DOM (see `crate::dom`). The forms are built once per case and language, never on a
//! refresh of the case, so nothing typed is lost while the line comes and goes; their values are
//! read from the elements when sent.

use guichet_core::evaluation::{
    MAX_COMMENT_CHARS, MAX_COMPLAINT_CONTACT_CHARS, MAX_COMPLAINT_FACTS_CHARS,
    MAX_COMPLAINT_SUBJECT_CHARS, Rating,
};
use guichet_core::i18n::Lang;
use leptos::task::spawn_local;
use serde::Serialize;
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::dom::{El, el};
use crate::i18n::use_i18n;
use crate::i18n::{tr, tr_args};
use crate::storage::Storage;
use crate::storage::outbox::{OutboxRecord, OutboxState, RecordKind};
use crate::sync::SyncStatus;
use crate::sync::outbox::{self, OutboxError};
use crate::sync::use_sync;
use crate::tracking;
use crate::tracking::{CaseView, TrackError, TrackedComplaint};
use leptos::prelude::*;

/// The value of the form control `selector` inside `form` (trimmed).
pub fn value_in(form: &web_sys::Element, selector: &str) -> String {
    form.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| js_sys::Reflect::get(&e, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// Shows `message` in the form's error line (`role="alert"`), or clears it.
fn show_error(form: &web_sys::Element, message: Option<&str>) {
    if let Ok(Some(line)) = form.query_selector("[role=alert]") {
        line.set_text_content(message);
    }
}

/// A labelled text control (`input` or `textarea`) with its id, limit and test id. The
/// evaluation form's controls are described by its error line (see [`error_line`]); the pages'
/// forms get their field messages from [`show_errors`].
pub fn field(lang: Lang, tag: &str, id: &str, key: &'static str, max: usize, required: bool) -> El {
    let mut control = el(tag)
        .class("input wide")
        .attr("id", id)
        .attr("name", id)
        .attr("maxlength", &max.to_string())
        .attr("data-testid", id);
    if tag == "input" {
        control = control.attr("type", "text");
    }
    if required {
        control = control.attr("required", "");
    }
    if id.starts_with("evaluation") {
        control = control.attr("aria-describedby", "evaluation-error");
    }
    el("div")
        .class("field")
        .child(
            el("label")
                .class("label")
                .attr("for", id)
                .text(tr(lang, key)),
        )
        .child(control)
}

/// The error line of the evaluation form.
fn error_line() -> El {
    el("p")
        .class("field-error")
        .attr("id", "evaluation-error")
        .attr("role", "alert")
}

/// The place at the top of a page where its form's error summary goes ([`show_errors`]).
pub fn summary_slot() -> El {
    el("div").attr("data-error-summary", "")
}

/// Whether every required control (id, value, message key) is filled; the error summary lists
/// those that are not (and is cleared when all are).
pub fn all_filled(
    lang: Lang,
    form: &web_sys::Element,
    required: &[(&str, &str, &'static str)],
) -> bool {
    let problems: Vec<(&str, String)> = required
        .iter()
        .filter(|(_, value, _)| value.is_empty())
        .map(|(id, _, key)| (*id, tr(lang, key).to_owned()))
        .collect();
    show_errors(lang, form, &problems);
    problems.is_empty()
}

/// The error-summary pattern, as in the forms bundle: the problems of `form` listed at the top
/// of the page (`[data-error-summary]`), each a link to its field, which carries its message,
/// `aria-invalid` and `aria-describedby`; the focus goes to the summary. No problems clears
/// them all. `problems`: (control id, message).
pub fn show_errors(lang: Lang, form: &web_sys::Element, problems: &[(&str, String)]) {
    let doc = leptos::prelude::document();
    if let Ok(old) = form.query_selector_all(".field-error") {
        for node in (0..old.length()).filter_map(|i| old.item(i)) {
            let node: web_sys::Element = node.unchecked_into();
            node.remove();
        }
    }
    if let Ok(marked) = form.query_selector_all("[aria-invalid]") {
        for node in (0..marked.length()).filter_map(|i| marked.item(i)) {
            let control: web_sys::Element = node.unchecked_into();
            let _ = control.remove_attribute("aria-invalid");
            let _ = control.remove_attribute("aria-describedby");
            if let Some(wrapper) = control.parent_element() {
                let _ = wrapper.class_list().remove_1("has-error");
            }
        }
    }
    let Ok(Some(slot)) = doc.query_selector("[data-error-summary]") else {
        return;
    };
    slot.set_text_content(None);
    if problems.is_empty() {
        return;
    }
    let mut links = Vec::new();
    for (id, message) in problems {
        let Ok(Some(control)) = form.query_selector(&format!("#{id}")) else {
            continue;
        };
        let message_id = format!("{id}-message");
        let _ = control.set_attribute("aria-invalid", "true");
        let _ = control.set_attribute("aria-describedby", &message_id);
        if let Some(wrapper) = control.parent_element() {
            let _ = wrapper.class_list().add_1("has-error");
            let line = el("span")
                .class("field-error")
                .attr("id", &message_id)
                .child(
                    el("span")
                        .class("visually-hidden")
                        .text(tr(lang, "title.error")),
                )
                .text(message);
            let _ = wrapper.insert_before(&line.0, Some(&*control));
        }
        let target = control.clone();
        links.push(
            el("li").child(el("a").attr("href", &format!("#{id}")).text(message).on(
                "click",
                move |event| {
                    event.prevent_default();
                    if let Some(target) = target.dyn_ref::<web_sys::HtmlElement>() {
                        let _ = target.focus();
                    }
                },
            )),
        );
    }
    let summary = el("div")
        .class("error-summary")
        .attr("role", "alert")
        .attr("tabindex", "-1")
        .attr("data-testid", "error-summary")
        .child(el("h2").text(tr(lang, "track.errors_title")))
        .child(el("ul").attr("data-testid", "track-error").children(links));
    let _ = slot.append_child(&summary.0);
    if let Some(summary) = summary.0.dyn_ref::<web_sys::HtmlElement>() {
        let _ = summary.focus();
    }
}

/// A form's submit button.
pub fn submit_button(lang: Lang, testid: &str, key: &'static str) -> El {
    el("button")
        .attr("type", "submit")
        .attr("data-testid", testid)
        .text(tr(lang, key))
}

/// The form a submit event is for, its default (a page load) prevented.
pub fn submitted_form(event: &web_sys::Event) -> Option<web_sys::Element> {
    event.prevent_default();
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// The record of `kind` about `case_no` waiting in the outbox, if any.
pub fn waiting<'a>(
    queued: &'a [OutboxRecord],
    kind: RecordKind,
    case_no: &str,
) -> Option<&'a OutboxRecord> {
    queued
        .iter()
        .find(|r| r.kind == kind && r.case_no.as_deref() == Some(case_no))
}

/// Where a queued record is, in words: waiting to be sent, or refused with the server's reason.
fn waiting_text(lang: Lang, record: &OutboxRecord, key: &'static str) -> String {
    match (&record.state, &record.last_error) {
        (OutboxState::Refused, Some(reason)) => {
            tr_args(lang, "track.refused", &[("reason", reason)])
        }
        _ => tr(lang, key).to_owned(),
    }
}

#[derive(Serialize)]
struct EvaluationBody<'a> {
    query_code: &'a str,
    client_id: &'a str,
    level: &'a str,
    comment: &'a str,
}

#[derive(Serialize)]
struct ComplaintBody<'a> {
    client_id: &'a str,
    subject: &'a str,
    facts: &'a str,
    contact: &'a str,
    case_no: Option<&'a str>,
}

fn encode<T: Serialize>(body: &T) -> Result<String, OutboxError> {
    crate::api::json_text(body).ok_or_else(|| OutboxError::Encode("JSON.stringify".into()))
}

/// Puts a record in the outbox and sends it now if the line allows; `after` runs once it is
/// queued (or with the reason it could not be).
fn send(
    sync: SyncStatus,
    kind: RecordKind,
    case_no: Option<String>,
    label: String,
    body: impl FnOnce(&str) -> Result<String, OutboxError> + 'static,
    after: impl FnOnce(bool) + 'static,
) {
    spawn_local(async move {
        let queued = match Storage::shared().await {
            Ok(storage) => outbox::queue(&storage, kind, case_no.as_deref(), &label, body)
                .await
                .is_ok(),
            Err(_) => false,
        };
        if queued {
            sync.refresh();
            sync.send_now();
        }
        after(queued);
    });
}

/// 好差评 of a concluded case: the rating given, the one waiting in the outbox, or the form.
/// `None` while the case is not concluded.
pub fn evaluation_section(
    lang: Lang,
    sync: SyncStatus,
    case: &CaseView,
    query_code: &str,
    queued: &[OutboxRecord],
) -> Option<El> {
    if !case.state.starts_with("concluded") {
        return None;
    }
    let section = el("section")
        .class("feedback")
        .attr("data-testid", "evaluation")
        .child(el("h3").text(tr(lang, "track.rate_heading")));
    if let Some(given) = &case.evaluation {
        return Some(
            section.child(
                el("p")
                    .attr("data-testid", "evaluation-done")
                    .text(&tr_args(
                        lang,
                        "track.rate_done",
                        &[("level", &given.label)],
                    )),
            ),
        );
    }
    if let Some(record) = waiting(queued, RecordKind::Evaluation, &case.case_no) {
        return Some(
            section.child(
                el("p")
                    .attr("role", "status")
                    .attr("data-testid", "evaluation-waiting")
                    .text(&waiting_text(lang, record, "track.rate_waiting")),
            ),
        );
    }
    let levels = el("fieldset")
        .class("choices field")
        .child(
            el("legend")
                .class("label")
                .text(tr(lang, "track.rate_level")),
        )
        .children(Rating::ALL.into_iter().map(|level| {
            let id = format!("level-{}", level.code());
            el("label")
                .attr("for", &id)
                .class("option")
                .child(
                    el("input")
                        .attr("type", "radio")
                        .attr("name", "level")
                        .attr("id", &id)
                        .attr("value", level.code())
                        .attr("data-testid", &id),
                )
                .text(" ")
                .text(tr(lang, level.label_key()))
        }));
    let case_no = case.case_no.clone();
    let code = query_code.to_owned();
    let label = tr_args(lang, "track.rate_label", &[("case", &case.case_no)]);
    let form = el("form")
        .attr("novalidate", "")
        .attr("data-testid", "evaluation-form")
        .child(levels)
        .child(field(
            lang,
            "textarea",
            "evaluation-comment",
            "track.rate_comment",
            MAX_COMMENT_CHARS,
            false,
        ))
        .child(error_line())
        .child(submit_button(
            lang,
            "evaluation-submit",
            "track.rate_submit",
        ))
        .on("submit", move |event| {
            let Some(form) = submitted_form(&event) else {
                return;
            };
            let level = value_in(&form, "input[name=level]:checked");
            if level.is_empty() {
                show_error(&form, Some(tr(lang, "track.rate_choose")));
                return;
            }
            let comment = value_in(&form, "#evaluation-comment");
            let code = code.clone();
            send(
                sync,
                RecordKind::Evaluation,
                Some(case_no.clone()),
                label.clone(),
                move |client_id| {
                    encode(&EvaluationBody {
                        query_code: &code,
                        client_id,
                        level: &level,
                        comment: &comment,
                    })
                },
                move |queued| {
                    if !queued {
                        show_error(&form, Some(tr(lang, "storage.unavailable")));
                    }
                },
            );
        });
    Some(section.child(form))
}

/// The complaints of this device: numbered ones with their query code (to note down: it is the
/// only way to look the complaint up elsewhere), status and reply, then those waiting in the
/// outbox.
pub fn complaint_list(lang: Lang, list: &[TrackedComplaint], queued: &[OutboxRecord]) -> El {
    let numbered = list.iter().map(|c| {
        el("li")
            .attr("data-testid", "complaint")
            .child(el("strong").text(&c.complaint_no))
            .text(" ")
            .text(&c.subject)
            .text(" · ")
            .child(
                el("span")
                    .attr("data-testid", "complaint-status")
                    .text(&c.status_label),
            )
            .maybe(c.query_code.as_ref().map(|code| {
                el("p")
                    .text(tr(lang, "track.query_code"))
                    .text(" ")
                    .child(
                        el("strong")
                            .class("big")
                            .attr("data-testid", "complaint-code")
                            .text(code),
                    )
                    .child(el("br"))
                    .text(tr(lang, "track.complaint_code_note"))
            }))
            .maybe(c.reply.as_ref().map(|reply| {
                el("p")
                    .text(tr(lang, "track.complaint_reply"))
                    .text(" ")
                    .text(reply)
            }))
    });
    let pending = queued
        .iter()
        .filter(|r| r.kind == RecordKind::Complaint)
        .map(|r| {
            el("li")
                .attr("data-testid", "complaint-waiting")
                .text(&r.item_name)
                .text(" · ")
                .text(&waiting_text(lang, r, "track.complaint_waiting"))
        });
    let items: Vec<El> = numbered.chain(pending).collect();
    if items.is_empty() {
        return el("p")
            .class("empty")
            .text(tr(lang, "track.complaints_none"));
    }
    el("ul")
        .class("tracked")
        .attr("data-testid", "complaint-list")
        .children(items)
}

/// The complaint form, about `case_no` when one is given. `done` runs once it is queued.
pub fn complaint_form(
    lang: Lang,
    sync: SyncStatus,
    case_no: &str,
    done: impl Fn() + Clone + 'static,
) -> El {
    let form = el("form")
        .attr("novalidate", "")
        .attr("data-testid", "complaint-form")
        .child(field(
            lang,
            "input",
            "complaint-subject",
            "track.complaint_subject",
            MAX_COMPLAINT_SUBJECT_CHARS,
            true,
        ))
        .child(field(
            lang,
            "textarea",
            "complaint-facts",
            "track.complaint_facts",
            MAX_COMPLAINT_FACTS_CHARS,
            true,
        ))
        .child(field(
            lang,
            "input",
            "complaint-contact",
            "track.complaint_contact",
            MAX_COMPLAINT_CONTACT_CHARS,
            true,
        ))
        .child(field(
            lang,
            "input",
            "complaint-case",
            "track.complaint_case",
            40,
            false,
        ))
        .child(submit_button(
            lang,
            "complaint-submit",
            "track.complaint_submit",
        ))
        .on("submit", move |event| {
            let Some(form) = submitted_form(&event) else {
                return;
            };
            let subject = value_in(&form, "#complaint-subject");
            let facts = value_in(&form, "#complaint-facts");
            let contact = value_in(&form, "#complaint-contact");
            let case_no = crate::tracking::normalise(&value_in(&form, "#complaint-case"));
            let filled = all_filled(
                lang,
                &form,
                &[
                    ("complaint-subject", subject.as_str(), "track.need_subject"),
                    ("complaint-facts", facts.as_str(), "track.need_facts"),
                    ("complaint-contact", contact.as_str(), "track.need_contact"),
                ],
            );
            if !filled {
                return;
            }
            let label = tr_args(lang, "track.complaint_label", &[("subject", &subject)]);
            let related = (!case_no.is_empty()).then_some(case_no);
            let done = done.clone();
            send(
                sync,
                RecordKind::Complaint,
                related.clone(),
                label,
                move |client_id| {
                    encode(&ComplaintBody {
                        client_id,
                        subject: &subject,
                        facts: &facts,
                        contact: &contact,
                        case_no: related.as_deref(),
                    })
                },
                move |queued| {
                    if queued {
                        done();
                    } else {
                        let problem = tr(lang, "storage.unavailable").to_owned();
                        show_errors(lang, &form, &[("complaint-subject", problem)]);
                    }
                },
            );
        });
    // The case the person came from, filled in for them.
    if let Ok(Some(input)) = form.0.query_selector("#complaint-case") {
        let _ = js_sys::Reflect::set(&input, &"value".into(), &case_no.into());
    }
    form
}

/// The form that finds a complaint filed elsewhere by its number and query code; `found` receives
/// the device's list once it is kept.
pub fn complaint_lookup(lang: Lang, found: impl Fn(Vec<TrackedComplaint>) + Clone + 'static) -> El {
    el("form")
        .attr("novalidate", "")
        .class("lookup")
        .attr("data-testid", "complaint-lookup")
        .child(field(
            lang,
            "input",
            "find-complaint-no",
            "track.complaint_no",
            40,
            true,
        ))
        .child(field(
            lang,
            "input",
            "find-complaint-code",
            "track.query_code",
            40,
            true,
        ))
        .child(submit_button(
            lang,
            "complaint-find-submit",
            "track.complaint_find_submit",
        ))
        .on("submit", move |event| {
            let Some(form) = submitted_form(&event) else {
                return;
            };
            let number = value_in(&form, "#find-complaint-no");
            let code = value_in(&form, "#find-complaint-code");
            let filled = all_filled(
                lang,
                &form,
                &[
                    (
                        "find-complaint-no",
                        number.as_str(),
                        "track.need_complaint_no",
                    ),
                    (
                        "find-complaint-code",
                        code.as_str(),
                        "track.need_query_code",
                    ),
                ],
            );
            if !filled {
                return;
            }
            let found = found.clone();
            spawn_local(async move {
                match crate::tracking::find_complaint(&number, &code).await {
                    Ok(list) => found(list),
                    Err(error) => {
                        let message = match error {
                            TrackError::Api(ApiError::Server { body, .. }) => body.message,
                            TrackError::Api(ApiError::Network) => {
                                tr(lang, "track.offline").to_owned()
                            }
                            _ => tr(lang, "storage.unavailable").to_owned(),
                        };
                        show_errors(lang, &form, &[("find-complaint-no", message)]);
                    }
                }
            });
        })
}

/// 投诉查询 (`/track/complaint`): a complaint found by its number and query code, the
/// complaints of this device with their codes and replies, and those waiting in the outbox.
/// The form is built once per language (nothing typed is lost when the list refreshes).
#[component]
pub fn Complaints() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let complaints = RwSignal::new(Vec::<TrackedComplaint>::new());
    let queued = RwSignal::new(Vec::<OutboxRecord>::new());
    // Arrived from the complaint form: say where the complaint is.
    let saved = crate::app::query_param(super::track::COMPLAINTS, "saved");
    Effect::new(move |_| {
        let online = sync.online.get();
        spawn_local(async move {
            if let Ok(list) = tracking::complaints().await {
                complaints.set(list);
            }
            if online && let Ok(list) = tracking::refresh_complaints().await {
                complaints.set(list);
            }
        });
    });
    // The outbox as it changes: a complaint delivered gets its number and code.
    Effect::new(move |_| {
        sync.revision.track();
        spawn_local(async move {
            if let Ok(storage) = Storage::shared().await {
                queued.set(storage.list_outbox().await.unwrap_or_default());
            }
            if let Ok(list) = tracking::complaints().await {
                complaints.set(list);
            }
        });
    });
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let lang = i18n.lang();
        let notice = saved.get().map(|_| {
            el("p")
                .class("banner")
                .attr("role", "status")
                .attr("data-testid", "track-notice")
                .text(tr(lang, "track.complaint_saved"))
        });
        let content = el("div")
            .child(el("h1").text(tr(lang, "track.complaint_heading")))
            .child(el("p").class("lead").text(tr(lang, "track.complaint_lead")))
            .child(super::track::pages_nav(lang, super::track::COMPLAINTS))
            .maybe(notice)
            .child(summary_slot())
            .child(complaint_lookup(lang, move |list| complaints.set(list)));
        crate::dom::replace_keeping_focus(&root, content);
    });
    let list_root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = list_root.get() else { return };
        let lang = i18n.lang();
        let section = el("div")
            .child(el("h2").text(tr(lang, "track.complaints")))
            .child(complaint_list(lang, &complaints.get(), &queued.get()));
        crate::dom::replace_keeping_focus(&root, section);
    });
    view! {
        <div node_ref=root></div>
        <div node_ref=list_root></div>
    }
}

/// 我要投诉 (`/track/complaint/new`, `?case=` the case it is about): the complaint form, queued
/// in the outbox; once queued, 投诉查询 says so and lists it.
#[component]
pub fn NewComplaint() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let about = crate::app::query_param(super::track::NEW_COMPLAINT, "case");
    let navigate = leptos_router::hooks::use_navigate();
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let lang = i18n.lang();
        let case_no = about.get_untracked().unwrap_or_default();
        let navigate = navigate.clone();
        let done = move || {
            navigate(
                &[super::track::COMPLAINTS, "?saved=1"].concat(),
                Default::default(),
            )
        };
        let content = el("div")
            .child(el("h1").text(tr(lang, "track.complaint_new_heading")))
            .child(
                el("p")
                    .class("lead")
                    .text(tr(lang, "track.complaint_new_lead")),
            )
            .child(super::track::pages_nav(lang, super::track::NEW_COMPLAINT))
            .child(summary_slot())
            .child(complaint_form(lang, sync, &case_no, done));
        crate::dom::replace_keeping_focus(&root, content);
    });
    view! { <div node_ref=root></div> }
}
