//! The HTTP client for the server's `/api`. Every failure becomes an [`ApiError`] that the page
//! can explain: offline, the server's own error envelope, or an unreadable answer.

use std::cell::Cell;

use gloo_net::http::Request;
use guichet_core::Lang;
use serde::Deserialize;
use serde::de::DeserializeOwned;

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
    let request = Request::post(&format!("/api/{path}"))
        .header("Accept", "application/json")
        .header("Accept-Language", accept_language())
        .json(body)
        .map_err(|_| ApiError::Unreadable { status: 0 })?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    decode(response).await
}

async fn decode<T: DeserializeOwned>(response: gloo_net::http::Response) -> Result<T, ApiError> {
    let status = response.status();
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|_| ApiError::Unreadable { status });
    }
    match response.json::<Envelope>().await {
        Ok(envelope) => Err(ApiError::Server {
            status,
            body: envelope.error,
        }),
        Err(_) => Err(ApiError::Unreadable { status }),
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
