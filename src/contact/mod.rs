//! 咨询 and 预约, the citizen's side: the `/contact` bundle (`contact/index.html` →
//! `dist/contact`).
//!
//! * `/contact` — a small hub linking to both services;
//! * `/contact/ask?item=CODE` — 我要咨询 ([`ask`]);
//! * `/contact/answers` — the questions asked from this device and a lookup by number and
//!   query code ([`answers`]);
//! * `/contact/book?department=…&item=…` — 预约办理 ([`book`]);
//! * `/contact/bookings` — the bookings made from this device, cancel ([`bookings`]).
//!
//! Questions and bookings are written offline if need be and sent through the outbox as one
//! generic kind (`RecordKind::Post`: a frozen body to a path, the server's answer kept in the
//! `contact` store under the client id). A booking needs the server, so one made offline waits
//! as a request; once sent it is confirmed or refused, and a refusal keeps what was typed.

mod answers;
mod ask;
mod book;
mod bookings;

use guichet_core::i18n::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Serialize;
use serde_json::Value;

use crate::app::{self, Bundle};
use crate::i18n::{tr, use_i18n};
use crate::storage::forms::{OutboxRecord, OutboxState, RecordKind};
use crate::storage::{Storage, stores};
use crate::sync::{SyncStatus, outbox};

/// The outbox path of a question.
pub const ASK_PATH: &str = "consultations";
/// The outbox path of a booking.
pub const BOOK_PATH: &str = "bookings";

/// Mounts the contact bundle: its pages picked from the path by hand, like every bundle's.
pub fn mount() {
    app::mount(Bundle::Contact, || {
        let path = leptos_router::hooks::use_location().pathname;
        let page = Memo::new(move |_| {
            path.with(|path| match path.trim_end_matches('/') {
                "/contact" => Page::Hub,
                "/contact/ask" => Page::Ask,
                "/contact/answers" => Page::Answers,
                "/contact/book" => Page::Book,
                "/contact/bookings" => Page::Bookings,
                _ => Page::NotFound,
            })
        });
        move || match page.get() {
            Page::Hub => Hub().into_any(),
            Page::Ask => ask::Ask().into_any(),
            Page::Answers => answers::Answers().into_any(),
            Page::Book => book::Book().into_any(),
            Page::Bookings => bookings::Bookings().into_any(),
            Page::NotFound => crate::routes::not_found::NotFound().into_any(),
        }
    });
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Page {
    Hub,
    Ask,
    Answers,
    Book,
    Bookings,
    NotFound,
}

/// Sets the document's title: 「page - 行政服务中心」, with 「错误：」 first while the page shows
/// errors.
pub fn set_title(lang: Lang, key: &'static str, error: bool) {
    let prefix = if error {
        tr(lang, "contact.error_prefix")
    } else {
        ""
    };
    document().set_title(&format!(
        "{prefix}{} - {}",
        tr(lang, key),
        tr(lang, "app.title")
    ));
}

/// 咨询与预约: links to the four pages.
#[component]
fn Hub() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(i18n.lang(), "contact.hub.title", false));
    let card = move |href: &'static str, title: &'static str, text: &'static str| {
        view! {
            <li class="card">
                <a href=href>
                    <span class="card-title">{move || i18n.t(title)}</span>
                    <span class="card-text">{move || i18n.t(text)}</span>
                </a>
            </li>
        }
    };
    view! {
        <h1 tabindex="-1">{move || i18n.t("contact.hub.title")}</h1>
        <p class="lead">{move || i18n.t("contact.hub.lead")}</p>
        <ul class="cards">
            {card("/guide", "contact.hub.ask", "contact.hub.ask_text")}
            {card("/contact/answers", "contact.answers.title", "contact.hub.answers_text")}
            {card("/contact/book", "contact.book.title", "contact.hub.book_text")}
            {card("/contact/bookings", "contact.bookings.title", "contact.hub.bookings_text")}
        </ul>
    }
}

/// A question or a booking made from this device: waiting in the outbox, or answered by the
/// server (its answer, kept with the request it answers).
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    /// The client id.
    pub client_id: String,
    /// The request's body as frozen.
    pub request: Value,
    /// The server's answer once delivered (number, query code, dates…), with what a later
    /// lookup learnt under `latest`.
    pub answer: Option<Value>,
    /// The outbox record while it waits or was refused.
    pub waiting: Option<OutboxRecord>,
    /// Where it was sent, under `/api`.
    pub path: String,
}

impl Sent {
    /// The request's text field `name`.
    pub fn asked(&self, name: &str) -> String {
        text(&self.request, name)
    }

    /// The answer's text field `name` (the latest lookup's first).
    pub fn answered(&self, name: &str) -> String {
        let Some(answer) = &self.answer else {
            return String::new();
        };
        let latest = text(&answer["latest"], name);
        if latest.is_empty() {
            text(answer, name)
        } else {
            latest
        }
    }

    /// Whether the server refused it (the reason is the record's `last_error`).
    pub fn refused(&self) -> bool {
        self.waiting
            .as_ref()
            .is_some_and(|r| r.state == OutboxState::Refused)
    }
}

/// The text of `value[name]` (a number as its digits), or "".
pub fn text(value: &Value, name: &str) -> String {
    match &value[name] {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// `JSON.parse` of a frozen body into a value (through the browser's parser, like the API's).
fn parse(text: &str) -> Value {
    js_sys::JSON::parse(text)
        .ok()
        .and_then(|v| serde_wasm_bindgen::from_value(v).ok())
        .unwrap_or(Value::Null)
}

/// Everything sent to `path` from this device, newest first: answered ones and those still in
/// the outbox.
pub async fn sent_to(path: &str) -> Vec<Sent> {
    sent_where(|p| p == path).await
}

/// Everything sent from this device to a path that `wanted` accepts, newest first.
pub async fn sent_where(wanted: impl Fn(&str) -> bool) -> Vec<Sent> {
    let Ok(storage) = Storage::shared().await else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for record in storage.list_outbox().await.unwrap_or_default() {
        if record.kind == RecordKind::Post && record.case_no.as_deref().is_some_and(&wanted) {
            out.push(Sent {
                path: record.case_no.clone().unwrap_or_default(),
                client_id: record.id.clone(),
                request: parse(record.body.as_deref().unwrap_or("{}")),
                answer: None,
                waiting: Some(record),
            });
        }
    }
    let kept: Vec<Value> = storage
        .all_records(stores::CONTACT)
        .await
        .unwrap_or_default();
    for answer in kept {
        if wanted(&text(&answer, "path")) {
            out.push(Sent {
                path: text(&answer, "path"),
                client_id: text(&answer, "client_id"),
                request: parse(&text(&answer, "request")),
                answer: Some(answer),
                waiting: None,
            });
        }
    }
    // Waiting ones first, then the newest answered: numbers grow with the day and the counter.
    guichet_core::sort::insertion_sort_by(&mut out, |a, b| {
        match (a.answer.is_some(), b.answer.is_some()) {
            (false, true) => true,
            (true, false) => false,
            _ => number(a) > number(b),
        }
    });
    out
}

/// The number the server gave (a question's or a booking's), or "" while it waits.
pub fn number(sent: &Sent) -> String {
    let consultation = sent.answered("consultation_no");
    if consultation.is_empty() {
        sent.answered("booking_no")
    } else {
        consultation
    }
}

/// The one sent under `client_id`, if any.
pub async fn sent_by_id(path: &str, client_id: &str) -> Option<Sent> {
    sent_to(path)
        .await
        .into_iter()
        .find(|s| s.client_id == client_id)
}

/// Keeps what a lookup learnt about an answered one (state, answer, …) under `latest`.
pub async fn remember_latest(sent: &Sent, latest: Value) {
    let Some(mut answer) = sent.answer.clone() else {
        return;
    };
    answer["latest"] = latest;
    if let Ok(storage) = Storage::shared().await {
        let _ = storage.put_record(stores::CONTACT, &answer).await;
    }
}

/// Forgets one on this device (a refused request given up, a cancelled booking cleared).
pub async fn forget(sent: &Sent) {
    if let Ok(storage) = Storage::shared().await {
        match &sent.waiting {
            Some(record) => {
                let _ = outbox::discard(&storage, record).await;
            }
            None => {
                let _ = storage
                    .delete_record(stores::CONTACT, &sent.client_id)
                    .await;
            }
        }
    }
}

/// A refusal in the person's words: the server's own, or ours when there was no answer.
pub fn explain(lang: Lang, error: &crate::api::ApiError) -> String {
    match error {
        crate::api::ApiError::Server { body, .. } => body.message.clone(),
        _ => tr(lang, "contact.unreachable").to_owned(),
    }
}

/// Why a request could not be put in the outbox.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error(transparent)]
    Outbox(#[from] outbox::OutboxError),
    #[error(transparent)]
    Storage(#[from] crate::storage::StorageError),
}

/// Freezes `body` (with a new client id) into the outbox for `path`, drops the
/// refused record it replaces, and sends it now if the line allows. Returns the client id.
pub async fn queue<B: Serialize>(
    sync: SyncStatus,
    path: &str,
    label: &str,
    body: &B,
    replaces: Option<&OutboxRecord>,
) -> Result<String, QueueError> {
    let storage = Storage::shared().await?;
    // Through the browser's JSON (serde_json's serializer stays out of the bundle).
    let encode = |what: &str| outbox::OutboxError::Encode(what.to_owned());
    let value = body
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| encode(&e.to_string()))?;
    let record = outbox::queue(&storage, RecordKind::Post, Some(path), label, |id| {
        js_sys::Reflect::set(&value, &"client_id".into(), &id.into())
            .map_err(|_| encode("client_id"))?;
        js_sys::JSON::stringify(&value)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| encode("JSON"))
    })
    .await?;
    if let Some(old) = replaces {
        storage.delete_outbox(&old.id).await?;
    }
    sync.refresh();
    sync.send_now();
    Ok(record.id)
}

/// Runs `reload` whenever the outbox may have changed (after each run, on the line's return):
/// how a page sees its request confirmed or refused.
pub fn on_outbox_change(sync: SyncStatus, reload: impl Fn() + 'static) {
    Effect::new(move |_| {
        sync.revision.track();
        reload();
    });
}

/// Follows the request `sent_id` to `path` as the outbox moves, into `sent`. A refusal puts
/// the server's words at the page's fields (`field_of` maps a request's field to the page's; the
/// first field of the page when the server named none), keeps what was typed, and calls
/// `refused`.
pub fn follow(
    sync: SyncStatus,
    path: &'static str,
    sent_id: RwSignal<Option<String>>,
    sent: RwSignal<Option<Sent>>,
    problems: RwSignal<Vec<Problem>>,
    field_of: fn(&str) -> String,
    refused: impl Fn() + Copy + 'static,
) {
    on_outbox_change(sync, move || {
        let Some(id) = sent_id.get_untracked() else {
            return;
        };
        spawn(async move {
            let found = sent_by_id(path, &id).await;
            if let Some(record) = found.as_ref().and_then(|s| s.waiting.as_ref())
                && found.as_ref().is_some_and(Sent::refused)
            {
                let mut list: Vec<Problem> = record
                    .refused_fields
                    .iter()
                    .map(|(field, message)| (field_of(field), message.clone()))
                    .collect();
                if list.is_empty() {
                    let first = field_of(if path == BOOK_PATH {
                        "start"
                    } else {
                        "question"
                    });
                    list.push((first, record.last_error.clone().unwrap_or_default()));
                }
                problems.set(list);
                refused();
            }
            sent.set(found);
        });
    });
}

/// Spawns `task` (a page's reading of its list).
pub fn spawn(task: impl std::future::Future<Output = ()> + 'static) {
    spawn_local(task);
}

/// A copy button for `value`: the Clipboard API, with a polite confirmation beside it.
pub fn copy_button(value: String, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let navigator = window().navigator();
        if let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into())
            && let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into())
            && let Ok(write) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(write)
        {
            let _ = write.call1(&clipboard, &value.as_str().into());
            copied.set(true);
        }
    };
    view! {
        <button type="button" class="tool copy" data-testid=testid on:click=copy>
            {move || i18n.t("contact.copy")}
        </button>
        <span class="copied" aria-live="polite">
            {move || copied.get().then(|| i18n.t("contact.copied"))}
        </span>
    }
}

/// What a receipt shows: its heading, the number with its label, the query code, more facts
/// `(label key, value, test id)`, a sentence and a link `(href, key)`.
pub struct Receipt {
    pub testid: &'static str,
    pub heading: &'static str,
    pub number_label: &'static str,
    pub number: String,
    pub code: String,
    pub facts: Vec<(&'static str, String, &'static str)>,
    pub note: &'static str,
    pub link: (&'static str, &'static str),
}

/// A receipt: the number and the query code (never broken across lines, each with a copy
/// button), then the other facts.
pub fn receipt_box(receipt: Receipt) -> impl IntoView {
    let i18n = use_i18n();
    let Receipt {
        testid,
        heading,
        number_label,
        number,
        code,
        facts,
        note,
        link,
    } = receipt;
    view! {
        <section class="receipt-box" data-testid=testid aria-labelledby="receipt-heading">
            <h2 id="receipt-heading">{move || i18n.t(heading)}</h2>
            <dl class="facts">
                <dt>{move || i18n.t(number_label)}</dt>
                <dd><span class="code" data-testid="receipt-number">{number.clone()}</span>" "{copy_button(number.clone(), "copy-number")}</dd>
                {(!code.is_empty()).then(|| view! {
                    <dt>{move || i18n.t("contact.query_code")}</dt>
                    <dd><span class="code" data-testid="receipt-code">{code.clone()}</span>" "{copy_button(code.clone(), "copy-code")}</dd>
                })}
                {facts.into_iter().map(|(label, value, testid)| view! {
                    <dt>{move || i18n.t(label)}</dt>
                    <dd data-testid=testid>{value}</dd>
                }).collect_view()}
            </dl>
            <p>{move || i18n.t(note)}</p>
            <p><a href=link.0>{move || i18n.t(link.1)}</a></p>
        </section>
    }
}

/// A problem found in a form: the field's id and the message naming it.
pub type Problem = (String, String);

/// The error summary: a list of links to the fields, focused when it appears.
pub fn error_summary(problems: RwSignal<Vec<Problem>>) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if !problems.with(Vec::is_empty)
            && let Some(summary) = node.get()
        {
            let _ = summary.focus();
        }
    });
    view! {
        <div class="error-summary" role="alert" tabindex="-1" data-testid="error-summary"
            node_ref=node hidden=move || problems.with(Vec::is_empty)>
            <h2>{move || i18n.t("contact.errors_title")}</h2>
            <ul>
                {move || problems.get().into_iter().map(|(id, message)| {
                    let href = format!("#{id}");
                    view! { <li><a href=href>{message}</a></li> }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// The message for field `id` among `problems`.
pub fn problem_of(problems: &[Problem], id: &str) -> Option<String> {
    problems
        .iter()
        .find(|(field, _)| field == id)
        .map(|(_, message)| message.clone())
}

/// How a text field is typed.
#[derive(Clone, Copy)]
pub struct FieldKind {
    pub autocomplete: &'static str,
    pub inputmode: &'static str,
    pub max: usize,
    pub multiline: bool,
}

/// A labelled text field with its hint and its error (`aria-describedby` both), bound to
/// `value`.
pub fn text_field(
    id: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    kind: FieldKind,
    value: RwSignal<String>,
    problems: RwSignal<Vec<Problem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = move || problems.with(|p| problem_of(p, id));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = match hint {
        Some(_) => format!("{hint_id} {error_id}"),
        None => error_id.clone(),
    };
    let control = if kind.multiline {
        view! {
            <textarea id=id name=id class="input wide" rows="6" maxlength=kind.max.to_string()
                data-testid=id aria-describedby=described.clone()
                aria-invalid=move || error().is_some().then_some("true")
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input type="text" id=id name=id class="input wide" maxlength=kind.max.to_string()
                autocomplete=kind.autocomplete inputmode=kind.inputmode
                data-testid=id aria-describedby=described.clone()
                aria-invalid=move || error().is_some().then_some("true")
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || error().is_some()>
            <label class="label" for=id>{move || i18n.t(label)}</label>
            {hint.map(|key| view! { <p class="hint" id=hint_id.clone()>{move || i18n.t(key)}</p> })}
            <p class="field-error" id=error_id.clone()>{error}</p>
            {control}
        </div>
    }
}

/// The name field's kind (`autocomplete="name"`).
pub const NAME: FieldKind = FieldKind {
    autocomplete: "name",
    inputmode: "text",
    max: 50,
    multiline: false,
};

/// The phone field's kind (`autocomplete="tel"`, a phone keypad).
pub const PHONE: FieldKind = FieldKind {
    autocomplete: "tel",
    inputmode: "tel",
    max: 20,
    multiline: false,
};

/// The message for a phone number that is neither a mobile nor a landline number, or `None`.
pub fn phone_problem(lang: Lang, phone: &str) -> Option<String> {
    use guichet_core::i18n::Localized;
    use guichet_core::validate::{landline, mobile};
    let phone = phone.trim();
    if phone.is_empty() {
        return Some(tr(lang, "contact.phone_missing").to_owned());
    }
    match mobile(phone) {
        Ok(_) => None,
        Err(_) if landline(phone).is_ok() => None,
        Err(error) => Some(error.message(lang)),
    }
}

/// A date `YYYY-MM-DD` and a slot start `HH:MM` in words (「2026年12月7日 09:30」).
pub fn slot_words(lang: Lang, date: &str, start: &str) -> String {
    let date = guichet_core::ymd::parse(date)
        .map(|d| {
            use chrono::Datelike;
            crate::i18n::tr_args(
                lang,
                "contact.date",
                &[
                    ("y", &d.year().to_string()),
                    ("m", &d.month().to_string()),
                    ("d", &d.day().to_string()),
                ],
            )
        })
        .unwrap_or_else(|| date.to_owned());
    format!("{date} {start}")
}

/// The query parameter `name` of the current address.
pub fn query(name: &'static str) -> Memo<Option<String>> {
    app::query_param("/contact", name)
}
