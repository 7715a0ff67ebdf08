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
    let response = Request::get(&format!("/api/{path}"))
        .header("Accept", "application/json")
        .header("Accept-Language", accept_language())
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
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

async fn send_json<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    csrf: Option<&str>,
) -> Result<T, ApiError> {
    // `json_compatible`: maps become plain objects (not JS `Map`s, which stringify to `{}`).
    let value = body
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| ApiError::Unreadable { status: 0 })?;
    let text: String = js_sys::JSON::stringify(&value)
        .map_err(|_| ApiError::Unreadable { status: 0 })?
        .into();
    let mut request = Request::post(&format!("/api/{path}"))
        .header("Accept", "application/json")
        .header("Accept-Language", accept_language())
        .header("Content-Type", "application/json");
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
    let status = response.status();
    let ok = response.ok();
    let raw: web_sys::Response = response.into();
    let parsed = match raw.json() {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    if ok {
        return parsed
            .and_then(|value| serde_wasm_bindgen::from_value::<T>(value).ok())
            .ok_or(ApiError::Unreadable { status });
    }
    match parsed.and_then(|value| serde_wasm_bindgen::from_value::<Envelope>(value).ok()) {
        Some(envelope) => Err(ApiError::Server {
            status,
            body: envelope.error,
        }),
        None => Err(ApiError::Unreadable { status }),
    }
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
