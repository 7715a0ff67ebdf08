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
//!
//! Built as plain DOM (see `crate::dom`), like the drafts and tracking pages: written with
//! Leptos views the bundle weighed 242 KB brotli, over the 200 KB budget. Each page keeps its
//! state in one [`Screen`] and builds its content again from it when the state or the language
//! changes; what is typed lives in the page's [`Values`], so a rebuild never loses it. The
//! server's answers are decoded as their `guichet_core::wire::contact` types, from the
//! browser's `JSON.parse` by `serde-wasm-bindgen` (no serde_json decoder in the bundle); the
//! request bodies are JavaScript objects ([`object`]), read back field by field ([`text_of`]).

mod answers;
mod ask;
mod book;
mod bookings;

use guichet_core::i18n::Lang;
use guichet_core::wire::contact as wire;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use crate::app::{self, Bundle};
use crate::dom::{El, el};
use crate::i18n::{tr, tr_args, use_i18n};
use crate::storage::outbox::{OutboxRecord, OutboxState, RecordKind};
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
            Page::Hub => hub().into_any(),
            Page::Ask => ask::page().into_any(),
            Page::Answers => answers::page().into_any(),
            Page::Book => book::page().into_any(),
            Page::Bookings => bookings::page().into_any(),
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

// --- the pages' frame ------------------------------------------------------------------------

/// A page's state `S`, and the signal that its content must be built again.
pub struct Screen<S: 'static> {
    state: StoredValue<S, LocalStorage>,
    changed: Trigger,
    /// The next build shows problems just found (its error summary takes the focus).
    alert: StoredValue<bool>,
}

impl<S: 'static> Clone for Screen<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: 'static> Copy for Screen<S> {}

impl<S: 'static> Screen<S> {
    /// A page whose content is `render(lang, state, values)`, built again whenever the state
    /// changes ([`Screen::update`]) or the language does. The focus stays on the control that
    /// had it; an error summary that appears takes it.
    pub fn show(
        state: S,
        values: Values,
        render: impl Fn(Screen<S>, Lang, &S) -> El + 'static,
    ) -> (Self, AnyView) {
        let screen = Screen {
            state: StoredValue::new_local(state),
            changed: Trigger::new(),
            alert: StoredValue::new(false),
        };
        let lang = use_i18n();
        let root = NodeRef::<leptos::html::Div>::new();
        let built = StoredValue::new(String::new());
        Effect::new(move |_| {
            let Some(root) = root.get() else { return };
            let lang = lang.lang();
            screen.changed.track();
            let content = screen.state.with_value(|state| render(screen, lang, state));
            // The outbox's every run (a timer) reads the lists again: a page built the same as
            // last time is left as it is, so that nothing under the person's fingers (a caret,
            // an input method's composition, an open confirmation) is replaced.
            let html = content.0.outer_html();
            if built.with_value(|last| *last != html) {
                built.set_value(html);
                values.fill(&content.0);
                replace_keeping_focus(&root, content);
            }
            // Problems just found: their summary takes the focus.
            if screen.alert.get_value() {
                screen.alert.set_value(false);
                if let Ok(Some(summary)) = root.query_selector(".error-summary")
                    && let Ok(summary) = summary.dyn_into::<web_sys::HtmlElement>()
                {
                    let _ = summary.focus();
                }
            }
        });
        (screen, view! { <div node_ref=root></div> }.into_any())
    }

    /// Changes the state and builds the page again.
    pub fn update(self, change: impl FnOnce(&mut S)) {
        self.state.update_value(change);
        self.changed.notify();
    }

    /// Changes the state after a check found problems: the page is built again and its error
    /// summary takes the focus.
    pub fn alert(self, change: impl FnOnce(&mut S)) {
        self.alert.set_value(true);
        self.update(change);
    }

    /// Reads the state.
    pub fn read<R>(self, read: impl FnOnce(&S) -> R) -> R {
        self.state.with_value(read)
    }
}

/// Replaces the content of `root`, giving the focus back to the control with the same id (or
/// test id, or the heading) when it was inside.
fn replace_keeping_focus(root: &web_sys::Element, content: El) {
    let focused = leptos::prelude::document()
        .active_element()
        .filter(|active| root.contains(Some(active.unchecked_ref())))
        .and_then(|active| {
            let id = active.id();
            if !id.is_empty() {
                return Some(["#", &id].concat());
            }
            match active.get_attribute("data-testid") {
                Some(testid) => Some(format!("[data-testid=\"{testid}\"]")),
                None => (active.tag_name() == "H1").then(|| "h1".to_owned()),
            }
        });
    crate::dom::replace(root, content);
    if let Some(selector) = focused
        && let Ok(Some(again)) = root.query_selector(&selector)
        && let Ok(again) = again.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = again.focus();
    }
}

/// What the person typed on a page, by control id: kept across rebuilds, read when sending.
#[derive(Clone, Copy)]
pub struct Values(StoredValue<Vec<(&'static str, String)>>);

impl Values {
    pub fn new() -> Self {
        Values(StoredValue::new(Vec::new()))
    }

    /// The value of control `id` ("" when none; "on" for a ticked checkbox).
    pub fn get(self, id: &str) -> String {
        self.0.with_value(|all| {
            all.iter()
                .find(|(name, _)| *name == id)
                .map(|(_, value)| value.clone())
                .unwrap_or_default()
        })
    }

    /// The trimmed value of control `id`.
    pub fn trimmed(self, id: &str) -> String {
        self.get(id).trim().to_owned()
    }

    /// Sets the value of control `id`.
    pub fn set(self, id: &'static str, value: String) {
        self.0
            .update_value(|all| match all.iter_mut().find(|(name, _)| *name == id) {
                Some(slot) => slot.1 = value,
                None => all.push((id, value)),
            });
    }

    /// Puts the kept values in the controls of `root` (built anew).
    fn fill(self, root: &web_sys::Element) {
        self.0.with_value(|all| {
            for (id, value) in all {
                let Ok(Some(control)) = root.query_selector(&["#", id].concat()) else {
                    continue;
                };
                let property = if control.get_attribute("type").as_deref() == Some("checkbox") {
                    ("checked", JsValue::from_bool(value == "on"))
                } else {
                    ("value", JsValue::from_str(value))
                };
                let _ = js_sys::Reflect::set(&control, &property.0.into(), &property.1);
            }
        });
    }

    /// Keeps what is typed in control `id` (text fields, selects).
    pub fn watch(self, control: El, id: &'static str) -> El {
        control.on("input", move |event| {
            self.set(id, crate::dom::target_value(&event))
        })
    }

    /// Keeps whether checkbox `id` is ticked ("on" or "").
    pub fn watch_checkbox(self, control: El, id: &'static str) -> El {
        control.on("change", move |event| {
            let on = crate::dom::target_checked(&event);
            self.set(id, if on { "on" } else { "" }.to_owned());
        })
    }
}

impl Default for Values {
    fn default() -> Self {
        Values::new()
    }
}

/// The crumb back to the hub, and the page's heading.
pub fn heading(lang: Lang, key: &'static str) -> El {
    el("div")
        .child(
            el("p").class("crumbs").child(
                el("a")
                    .attr("href", "/contact")
                    .text(tr(lang, "contact.hub.title")),
            ),
        )
        .child(el("h1").attr("tabindex", "-1").text(tr(lang, key)))
}

/// 咨询与预约: links to the four pages.
fn hub() -> AnyView {
    Screen::show((), Values::new(), |_, lang, _| {
        let card = |href: &str, title: &'static str, text: &'static str| {
            el("li").class("card").child(
                app::link(href, Bundle::Contact)
                    .child(el("span").class("card-title").text(tr(lang, title)))
                    .child(el("span").class("card-text").text(tr(lang, text))),
            )
        };
        el("div")
            .child(
                el("h1")
                    .attr("tabindex", "-1")
                    .text(tr(lang, "contact.hub.title")),
            )
            .child(el("p").class("lead").text(tr(lang, "contact.hub.lead")))
            .child(
                el("ul")
                    .class("cards")
                    .child(card("/guide", "contact.hub.ask", "contact.hub.ask_text"))
                    .child(card(
                        "/contact/answers",
                        "contact.answers.title",
                        "contact.hub.answers_text",
                    ))
                    .child(card(
                        "/contact/book",
                        "contact.book.title",
                        "contact.hub.book_text",
                    ))
                    .child(card(
                        "/contact/bookings",
                        "contact.bookings.title",
                        "contact.hub.bookings_text",
                    )),
            )
    })
    .1
}

// --- the server's answers, decoded; request bodies, read by name --------------------------------

/// `value` (an answer, or a record kept with one) decoded as `T`; `None` when it is not one.
pub fn decode<T: DeserializeOwned>(value: &JsValue) -> Option<T> {
    serde_wasm_bindgen::from_value(value.clone()).ok()
}

/// `value[name]`, or `undefined`: a request body's field (the answers are decoded).
fn prop(value: &JsValue, name: &str) -> JsValue {
    if value.is_object() {
        js_sys::Reflect::get(value, &name.into()).unwrap_or_default()
    } else {
        JsValue::UNDEFINED
    }
}

/// The text of `value[name]` (a number as its digits, written by the browser), or "".
pub fn text_of(value: &JsValue, name: &str) -> String {
    let found = prop(value, name);
    if let Some(text) = found.as_string() {
        text
    } else if found.as_f64().is_some() {
        found
            .unchecked_ref::<js_sys::Number>()
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default()
    } else if let Some(yes) = found.as_bool() {
        (if yes { "true" } else { "false" }).to_owned()
    } else {
        String::new()
    }
}

/// A JSON object with these fields (a request's body).
pub fn object(fields: &[(&str, JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&object, &(*name).into(), value);
    }
    object
}

/// `JSON.parse` of `text`, or `undefined`.
fn parse(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or_default()
}

/// `JSON.stringify` of `value`.
fn stringify(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value).ok().map(String::from)
}

/// `GET /api/<path>`, decoded.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, crate::api::ApiError> {
    crate::api::get_json(path).await
}

/// `POST /api/<path>` with `body`, the answer as the browser parsed it: kept as sent (see
/// [`remember_latest`]), read through [`decode`].
pub async fn post(path: &str, body: &js_sys::Object) -> Result<JsValue, crate::api::ApiError> {
    let text = stringify(body).ok_or(crate::api::ApiError::Unreadable { status: 0 })?;
    crate::api::post_frozen(path, text)
        .await
        .map(|(answer, _)| answer)
}

/// The fields of a record of the `contact` store that are the outbox's, not the answer's.
#[derive(Deserialize)]
struct Kept {
    #[serde(default)]
    path: String,
    #[serde(default)]
    client_id: String,
    /// The request's body as frozen (JSON text).
    #[serde(default)]
    request: String,
}

/// What a later lookup learnt about an answer, kept with it (see [`remember_latest`]).
#[derive(Deserialize)]
struct Latest<T> {
    latest: Option<T>,
}

// --- what was sent from this device ------------------------------------------------------------

/// A question or a booking made from this device: waiting in the outbox, or answered by the
/// server (its answer, kept with the request it answers).
#[derive(Clone, Debug)]
pub struct Sent {
    /// The client id.
    pub client_id: String,
    /// The request's body as frozen.
    pub request: JsValue,
    /// The server's answer once delivered (number, query code, dates…), with what a later
    /// lookup learnt under `latest`.
    pub answer: Option<JsValue>,
    /// The outbox record while it waits or was refused.
    pub waiting: Option<OutboxRecord>,
    /// Where it was sent, under `/api`.
    pub path: String,
}

impl Sent {
    /// The request's text field `name`.
    pub fn asked(&self, name: &str) -> String {
        text_of(&self.request, name)
    }

    /// The answer as the latest lookup gave it, else as delivered. A lookup's answer has no
    /// query code (`null` after the replay window): the delivered one stays.
    fn answer_as<T: DeserializeOwned>(
        &self,
        code: impl Fn(&mut T) -> &mut Option<String>,
    ) -> Option<T> {
        let answer = self.answer.as_ref()?;
        let mut delivered: T = decode(answer)?;
        match decode::<Latest<T>>(answer).and_then(|kept| kept.latest) {
            Some(mut latest) => {
                if code(&mut latest).as_deref().is_none_or(str::is_empty) {
                    *code(&mut latest) = code(&mut delivered).take();
                }
                Some(latest)
            }
            None => Some(delivered),
        }
    }

    /// The answer, a booking (or a booking's cancellation).
    pub fn booking(&self) -> Option<wire::Booking> {
        self.answer_as(|b: &mut wire::Booking| &mut b.query_code)
    }

    /// The answer, a question.
    pub fn consultation(&self) -> Option<wire::Consultation> {
        self.answer_as(|c: &mut wire::Consultation| &mut c.query_code)
    }

    /// Whether the server refused it (the reason is the record's `last_error`).
    pub fn refused(&self) -> bool {
        self.waiting
            .as_ref()
            .is_some_and(|r| r.state == OutboxState::Refused)
    }

    /// Whether it waits to be sent (not answered, not refused).
    pub fn is_waiting(&self) -> bool {
        self.answer.is_none() && !self.refused()
    }
}

/// Everything sent from this device to a path that `wanted` accepts, newest first: those still
/// in the outbox, then the answered ones.
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
    for answer in storage
        .raw_records(stores::CONTACT)
        .await
        .unwrap_or_default()
    {
        let Some(kept) = decode::<Kept>(&answer) else {
            continue;
        };
        if wanted(&kept.path) {
            out.push(Sent {
                path: kept.path,
                client_id: kept.client_id,
                request: parse(&kept.request),
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

/// Everything sent to `path` from this device, newest first.
pub async fn sent_to(path: &str) -> Vec<Sent> {
    sent_where(|p| p == path).await
}

/// The number the server gave (a question's or a booking's), or "" while it waits.
pub fn number(sent: &Sent) -> String {
    match sent.consultation() {
        Some(consultation) => consultation.consultation_no,
        None => sent.booking().map(|b| b.booking_no).unwrap_or_default(),
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
pub async fn remember_latest(sent: &Sent, latest: &JsValue) {
    let Some(answer) = &sent.answer else {
        return;
    };
    let _ = js_sys::Reflect::set(answer, &"latest".into(), latest);
    if let Ok(storage) = Storage::shared().await {
        let _ = storage.put_raw(stores::CONTACT, answer).await;
    }
}

/// Forgets one on this device (a refused request given up, a cancelled booking cleared).
pub async fn forget(sent: &Sent) {
    if let Ok(storage) = Storage::shared().await {
        let _ = match &sent.waiting {
            Some(record) => outbox::discard(&storage, record).await,
            None => {
                storage
                    .delete_record(stores::CONTACT, &sent.client_id)
                    .await
            }
        };
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

/// Freezes `body` (with a new client id) into the outbox for `path`, drops the refused record
/// it replaces, and sends it now if the line allows. Returns the client id.
pub async fn queue(
    sync: SyncStatus,
    path: &str,
    label: &str,
    body: js_sys::Object,
    replaces: Option<&OutboxRecord>,
) -> Result<String, QueueError> {
    let storage = Storage::shared().await?;
    let encode = |what: &str| outbox::OutboxError::Encode(what.to_owned());
    let record = outbox::queue(&storage, RecordKind::Post, Some(path), label, |id| {
        js_sys::Reflect::set(&body, &"client_id".into(), &id.into())
            .map_err(|_| encode("client_id"))?;
        stringify(&body).ok_or_else(|| encode("JSON"))
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

/// Spawns `task` (a page's reading of its list).
pub fn spawn(task: impl std::future::Future<Output = ()> + 'static) {
    spawn_local(task);
}

/// A form's request as it stands: the client id of the one sent last, and what became of it.
#[derive(Default)]
pub struct Request {
    pub sent_id: Option<String>,
    pub sent: Option<Sent>,
    pub problems: Vec<Problem>,
}

impl Request {
    /// The server recorded it.
    pub fn done(&self) -> bool {
        self.sent.as_ref().is_some_and(|s| s.answer.is_some())
    }

    /// It waits in the outbox.
    pub fn waiting(&self) -> bool {
        self.sent
            .as_ref()
            .is_some_and(|s| s.answer.is_none() && !s.refused())
    }

    /// The record a new send replaces: the last one, refused.
    pub fn replaces(&self) -> Option<OutboxRecord> {
        self.sent
            .as_ref()
            .filter(|s| s.answer.is_none())
            .and_then(|s| s.waiting.clone())
    }
}

/// Follows the request of `screen` to `path` as the outbox moves. A refusal puts the server's
/// words at the page's fields (`field_of` maps a request's field to the page's; `first` when
/// the server named none) and calls `refused`; what was typed stays.
pub fn follow<S>(
    sync: SyncStatus,
    screen: Screen<S>,
    path: &'static str,
    request: fn(&mut S) -> &mut Request,
    field_of: fn(&str) -> &'static str,
    first: &'static str,
    refused: impl Fn(Screen<S>) + Copy + 'static,
) {
    on_outbox_change(sync, move || {
        let mut id = None;
        let mut known_refused = false;
        screen.state.update_value(|s| {
            let request = request(s);
            id = request.sent_id.clone();
            known_refused = request.sent.as_ref().is_some_and(Sent::refused);
        });
        let Some(id) = id else { return };
        spawn(async move {
            let found = sent_by_id(path, &id).await;
            let refusal = found
                .as_ref()
                .filter(|s| s.refused())
                .and_then(|s| s.waiting.clone());
            let change = |state: &mut S| {
                let request = request(state);
                if let Some(record) = &refusal {
                    let mut list: Vec<Problem> = record
                        .refused_fields
                        .iter()
                        .map(|(field, message)| (field_of(field), message.clone()))
                        .collect();
                    if list.is_empty() {
                        list.push((first, record.last_error.clone().unwrap_or_default()));
                    }
                    request.problems = list;
                }
                request.sent = found;
            };
            // A refusal is told once: later runs of the outbox leave the focus where it is.
            if refusal.is_some() && !known_refused {
                screen.alert(change);
                refused(screen);
            } else {
                screen.update(change);
            }
        });
    });
}

// --- the pages' parts --------------------------------------------------------------------------

/// A copy button for `value`: the Clipboard API, with a polite confirmation beside it.
pub fn copy_button(lang: Lang, value: String, testid: &'static str) -> El {
    let said = el("span").class("copied").attr("aria-live", "polite");
    let line = said.0.clone();
    let button = el("button")
        .attr("type", "button")
        .class("tool copy")
        .attr("data-testid", testid)
        .text(tr(lang, "contact.copy"))
        .on("click", move |_| {
            let navigator = window().navigator();
            if let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into())
                && let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into())
                && let Ok(write) = write.dyn_into::<js_sys::Function>()
            {
                let _ = write.call1(&clipboard, &value.as_str().into());
                line.set_text_content(Some(tr(lang, "contact.copied")));
            }
        });
    el("span").child(button).child(said)
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
pub fn receipt_box(lang: Lang, receipt: Receipt) -> El {
    let code_line =
        |label: &'static str, value: String, testid: &'static str, copy: &'static str| {
            [
                el("dt").text(tr(lang, label)),
                el("dd")
                    .child(
                        el("span")
                            .class("code")
                            .attr("data-testid", testid)
                            .text(&value),
                    )
                    .text(" ")
                    .child(copy_button(lang, value, copy)),
            ]
        };
    let mut facts = el("dl").class("facts").children(code_line(
        receipt.number_label,
        receipt.number,
        "receipt-number",
        "copy-number",
    ));
    if !receipt.code.is_empty() {
        facts = facts.children(code_line(
            "contact.query_code",
            receipt.code,
            "receipt-code",
            "copy-code",
        ));
    }
    for (label, value, testid) in receipt.facts {
        facts = facts
            .child(el("dt").text(tr(lang, label)))
            .child(el("dd").attr("data-testid", testid).text(&value));
    }
    el("section")
        .class("receipt-box")
        .attr("data-testid", receipt.testid)
        .attr("aria-labelledby", "receipt-heading")
        .child(
            el("h2")
                .attr("id", "receipt-heading")
                .text(tr(lang, receipt.heading)),
        )
        .child(facts)
        .child(el("p").text(tr(lang, receipt.note)))
        .child(
            el("p").child(
                el("a")
                    .attr("href", receipt.link.0)
                    .text(tr(lang, receipt.link.1)),
            ),
        )
}

/// A problem found in a form: the field's id and the message naming it.
pub type Problem = (&'static str, String);

/// The error summary: a list of links to the fields (focused when it appears, see
/// [`Screen::show`]); nothing when there is no problem.
pub fn error_summary(lang: Lang, problems: &[Problem]) -> Option<El> {
    if problems.is_empty() {
        return None;
    }
    let links = problems.iter().map(|(id, message)| {
        let id = *id;
        el("li").child(el("a").attr("href", &["#", id].concat()).text(message).on(
            "click",
            move |event| {
                // The router would take `#id` as a navigation: the field is focused by hand.
                event.prevent_default();
                if let Some(field) = leptos::prelude::document()
                    .get_element_by_id(id)
                    .and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = field.focus();
                }
            },
        ))
    });
    Some(
        el("div")
            .class("error-summary")
            .attr("role", "alert")
            .attr("tabindex", "-1")
            .attr("data-testid", "error-summary")
            .child(el("h2").text(tr(lang, "contact.errors_title")))
            .child(el("ul").children(links)),
    )
}

/// The message for field `id` among `problems`.
pub fn problem_of<'a>(problems: &'a [Problem], id: &str) -> Option<&'a str> {
    problems
        .iter()
        .find(|(field, _)| *field == id)
        .map(|(_, message)| message.as_str())
}

/// How a text field is typed.
#[derive(Clone, Copy)]
pub struct FieldKind {
    pub autocomplete: &'static str,
    pub inputmode: &'static str,
    pub max: usize,
    pub multiline: bool,
}

/// A labelled text field with its hint and its error (`aria-describedby` both), its value kept
/// in `values`.
pub fn text_field(
    lang: Lang,
    values: Values,
    (id, label, hint): (&'static str, &'static str, Option<&'static str>),
    kind: FieldKind,
    problems: &[Problem],
) -> El {
    let error = problem_of(problems, id);
    let hint_id = [id, "-hint"].concat();
    let error_id = [id, "-error"].concat();
    let described = match (hint, error) {
        (Some(_), Some(_)) => [hint_id.as_str(), " ", &error_id].concat(),
        (Some(_), None) => hint_id.clone(),
        (None, _) => error_id.clone(),
    };
    let mut control = el(if kind.multiline { "textarea" } else { "input" })
        .attr("id", id)
        .attr("name", id)
        .class("input wide")
        .attr("maxlength", &kind.max.to_string())
        .attr("data-testid", id);
    control = if kind.multiline {
        control.attr("rows", "6")
    } else {
        control
            .attr("type", "text")
            .attr("autocomplete", kind.autocomplete)
            .attr("inputmode", kind.inputmode)
    };
    if hint.is_some() || error.is_some() {
        control = control.attr("aria-describedby", &described);
    }
    if error.is_some() {
        control = control.attr("aria-invalid", "true");
    }
    el("div")
        .class(if error.is_some() {
            "field has-error"
        } else {
            "field"
        })
        .child(
            el("label")
                .class("label")
                .attr("for", id)
                .text(tr(lang, label)),
        )
        .maybe(hint.map(|key| {
            el("p")
                .class("hint")
                .attr("id", &hint_id)
                .text(tr(lang, key))
        }))
        .maybe(error.map(|message| {
            el("p")
                .class("field-error")
                .attr("id", &error_id)
                .text(message)
        }))
        .child(values.watch(control, id))
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
            tr_args(
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
    [date.as_str(), " ", start].concat()
}

/// The query parameter `name` of the current address.
pub fn query(name: &'static str) -> Memo<Option<String>> {
    app::query_param("/contact", name)
}

/// A banner with `role="status"`.
pub fn status(text: &str, testid: &str) -> El {
    el("p")
        .class("banner")
        .attr("role", "status")
        .attr("data-testid", testid)
        .text(text)
}
