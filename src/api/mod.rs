//! The HTTP client for the server's `/api`. Every failure becomes an [`ApiError`] that the page
//! can explain: offline, the server's own error envelope, or an unreadable answer.
//!
//! JSON goes through the browser's own parser and `serde-wasm-bindgen` (already linked for
//! IndexedDB), not `serde_json`: one serde path less in the phone's bundle.

use std::cell::Cell;

use gloo_net::http::Request;
use guichet_core::Lang;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// The server's error envelope: `{"error": {"code", "message", "fields"}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct Envelope {
    error: ErrorBody,
}

/// Why a call to the server did not give an answer.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    #[error("no connection to the server")]
    Network,
    #[error("the server refused: {} ({status})", .body.message)]
    Server { status: u16, body: ErrorBody },
    #[error("the server's answer could not be read (status {status})")]
    Unreadable { status: u16 },
}

impl ApiError {
    /// Whether trying again later may succeed (the outbox keeps such records; it sets aside the rest).
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network => true,
            ApiError::Server { status, .. } | ApiError::Unreadable { status } => {
                *status >= 500 || *status == 408 || *status == 429
            }
        }
    }
}

thread_local! {
    /// The language the person chose; the server words its labels and errors in it.
    static LANGUAGE: Cell<Lang> = const { Cell::new(Lang::Zh) };
    /// Requests to `/api` under way ([`in_flight`]).
    static IN_FLIGHT: Cell<u32> = const { Cell::new(0) };
}

/// Sets the language sent as `Accept-Language` with every request (the preferences call it).
pub fn set_language(lang: Lang) {
    LANGUAGE.set(lang);
}

/// The language requests are made in (the person's choice).
pub fn language() -> Lang {
    LANGUAGE.get()
}

fn accept_language() -> &'static str {
    crate::prefs::html_lang(LANGUAGE.get())
}

/// `GET /api/<path>` decoded as `T`.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let (request, _timer) = prepared(Request::get(&format!("/api/{path}")));
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    decode(response).await
}

/// `POST /api/<path>` with a JSON body, decoded as `T`.
pub async fn post_json<B: serde::Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    send_json(path, body, None).await
}

/// `POST /api/<path>` with a JSON body and the staff session's CSRF token.
pub async fn post_with_csrf<B: serde::Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    csrf: &str,
) -> Result<T, ApiError> {
    send_json(path, body, Some(csrf)).await
}

/// `body` as JSON text, written by the browser (`JSON.stringify` of the serde-wasm-bindgen
/// value): serde_json's serializer stays out of the bundles that need no other.
pub fn json_text<B: Serialize>(body: &B) -> Option<String> {
    // `json_compatible`: maps become plain objects (not JS `Map`s, which stringify to `{}`).
    let value = body
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()?;
    js_sys::JSON::stringify(&value).ok().map(String::from)
}

async fn send_json<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    csrf: Option<&str>,
) -> Result<T, ApiError> {
    let text = json_text(body).ok_or(ApiError::Unreadable { status: 0 })?;
    let (request, _timer) = prepared(Request::post(&format!("/api/{path}")));
    let mut request = request.header("Content-Type", "application/json");
    if let Some(token) = csrf {
        request = request.header("X-CSRF-Token", token);
    }
    let response = request
        .body(text)
        .map_err(|_| ApiError::Unreadable { status: 0 })?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    decode(response).await
}

async fn decode<T: DeserializeOwned>(response: gloo_net::http::Response) -> Result<T, ApiError> {
    if response.ok() {
        return from_json_text(response).await;
    }
    Err(error_of(response).await)
}

/// A JSON answer decoded by the browser's `JSON.parse` and `serde-wasm-bindgen`: the page keeps
/// much of what it receives in IndexedDB through `serde-wasm-bindgen` anyway, so one serde path
/// decodes both, and serde_json's deserializer stays out of the bundles that need no other.
async fn from_json_text<T: DeserializeOwned>(
    response: gloo_net::http::Response,
) -> Result<T, ApiError> {
    let status = response.status();
    let value = parsed(response).await?;
    serde_wasm_bindgen::from_value(value).map_err(|_| ApiError::Unreadable { status })
}

/// The answer's JSON, parsed by the browser.
pub(crate) async fn parsed(response: gloo_net::http::Response) -> Result<JsValue, ApiError> {
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|_| ApiError::Unreadable { status })?;
    js_sys::JSON::parse(&text).map_err(|_| ApiError::Unreadable { status })
}

/// The server's `GET /api/health` answer.
#[derive(Debug, Clone, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// Asks the server whether it and its database are up.
pub async fn health() -> Result<Health, ApiError> {
    get_json("health").await
}

/// How long one request may take before it counts as a network failure: a request stuck on a
/// dying 3G line must not hold the outbox forever. Shorter than the outbox lease.
pub const REQUEST_TIMEOUT_MS: u32 = 90_000;

/// What every request to `/api` carries: JSON accepted, the person's language (so refusals,
/// the outbox's included, are worded in it) and a time limit of [`REQUEST_TIMEOUT_MS`]. Keep
/// the returned guard alive until the answer has arrived: it holds the time limit and counts
/// the request in [`in_flight`].
pub(crate) fn prepared(
    builder: gloo_net::http::RequestBuilder,
) -> (gloo_net::http::RequestBuilder, InFlight) {
    let builder = builder
        .header("Accept", "application/json")
        .header("Accept-Language", accept_language());
    IN_FLIGHT.set(IN_FLIGHT.get() + 1);
    let Ok(controller) = web_sys::AbortController::new() else {
        return (builder, InFlight { _timer: None });
    };
    let signal = controller.signal();
    let timer = gloo_timers::callback::Timeout::new(REQUEST_TIMEOUT_MS, move || controller.abort());
    (
        builder.abort_signal(Some(&signal)),
        InFlight {
            _timer: Some(timer),
        },
    )
}

/// A request to `/api` under way (see [`prepared`]).
pub(crate) struct InFlight {
    _timer: Option<gloo_timers::callback::Timeout>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        IN_FLIGHT.set(IN_FLIGHT.get().saturating_sub(1));
    }
}

/// How many requests to `/api` this page is waiting on (the service worker's first install
/// waits for none: see `sw.rs`).
pub fn in_flight() -> u32 {
    IN_FLIGHT.get()
}

pub(crate) async fn error_of(response: gloo_net::http::Response) -> ApiError {
    let status = response.status();
    match from_json_text::<Envelope>(response).await {
        Ok(envelope) => ApiError::Server {
            status,
            body: envelope.error,
        },
        Err(_) => ApiError::Unreadable { status },
    }
}

/// `GET /api/<path>` as text (kept as-is in the device's cache of service items).
pub async fn get_text(path: &str) -> Result<String, ApiError> {
    let (request, _timer) = prepared(Request::get(&format!("/api/{path}")));
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    let status = response.status();
    if response.ok() {
        return response
            .text()
            .await
            .map_err(|_| ApiError::Unreadable { status });
    }
    Err(error_of(response).await)
}

/// The server's answer to a submission: `201`, or `200` with `Idempotent-Replayed: true`. A
/// disclosure request's dates, `{"counted_from", "reply_by", "reply_by_provisional"}`, are
/// passed through untouched ([`Preserved`]: no decoder code for a record every bundle's outbox
/// handles).
pub type SubmissionReceipt = guichet_core::wire::cases::Receipt<Preserved>;

/// A part of an answer kept as the browser's own value (`serde_wasm_bindgen::preserve`): the
/// shared wire types are generic over the parts the app only passes on (a case's answers, a
/// receipt's dates), so the bundles carry no code to decode them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Preserved(#[serde(with = "serde_wasm_bindgen::preserve")] pub JsValue);

/// `POST /api/<path>` with a body already serialised (the outbox froze its exact text).
/// Returns the answer, parsed by the browser, and whether it was a replay of an earlier send.
pub async fn post_frozen(path: &str, body: String) -> Result<(JsValue, bool), ApiError> {
    let (request, _timer) = prepared(Request::post(&format!("/api/{path}")));
    let response = request
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(|_| ApiError::Network)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if !response.ok() {
        return Err(error_of(response).await);
    }
    let replayed = response.headers().get("idempotent-replayed").as_deref() == Some("true");
    Ok((parsed(response).await?, replayed))
}

/// Decodes an answer [`post_frozen`] returned.
pub fn decode_value<T: DeserializeOwned>(value: JsValue) -> Result<T, ApiError> {
    serde_wasm_bindgen::from_value(value).map_err(|_| ApiError::Unreadable { status: 200 })
}

/// `GET <url>` of a file kept for the holder of a query code (a disclosure reply's attachment),
/// as a Blob. Through the service worker, which keeps a copy: the same call works offline once
/// it has worked online.
pub async fn get_file(url: &str, query_code: &str) -> Result<web_sys::Blob, ApiError> {
    let (request, _timer) = prepared(Request::get(url));
    let response = request
        .header("x-query-code", query_code)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if !response.ok() {
        return Err(error_of(response).await);
    }
    let status = response.status();
    let media_type = response.headers().get("content-type").unwrap_or_default();
    let bytes = response
        .binary()
        .await
        .map_err(|_| ApiError::Unreadable { status })?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&media_type);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| ApiError::Unreadable { status })
}

/// `POST /api/<path>` with `blob` as the raw body (its own type, which the browser sends as
/// the `Content-Type`) and the staff session's CSRF token, decoded as `T`: the desk's reply
/// attachments.
pub async fn post_blob_with_csrf<T: DeserializeOwned>(
    path: &str,
    blob: &web_sys::Blob,
    csrf: &str,
) -> Result<T, ApiError> {
    let (request, _timer) = prepared(Request::post(&format!("/api/{path}")));
    let response = request
        .header("X-CSRF-Token", csrf)
        .body(blob.clone())
        .map_err(|_| ApiError::Network)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    decode(response).await
}
