//! The JSON API under `/api`.
//!
//! Every response gets `Cache-Control: no-store` unless its handler set its own (later the
//! public catalogue will be cacheable); unknown paths answer a JSON 404 envelope, never the
//! app's index.html.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;
use crate::error::{AppError, is_api_path};

pub mod accounts;
pub mod appeals;
pub mod bookings;
pub mod calendar_admin;
pub mod cases;
pub mod catalog;
pub mod catalog_publish;
pub mod complaints;
pub mod consultations;
pub mod disclosure;
pub mod files;
pub mod guide_admin;
pub mod health;
pub mod resumable;
pub mod services;
pub mod staff;
pub mod submissions;
pub mod text_limits;

/// A data file the app caches (the calendar, the division codes): `304` when the client's
/// `If-None-Match` names `etag` (or `*`), else `200` with `body`; both with the `ETag` and
/// `cache_control`.
pub fn cacheable_file(
    request_headers: &axum::http::HeaderMap,
    etag: &str,
    cache_control: &'static str,
    content_type: &'static str,
    body: impl Into<axum::body::Body>,
) -> Response {
    let etag_value = HeaderValue::from_str(etag).unwrap_or(HeaderValue::from_static("\"0\""));
    let cache = HeaderValue::from_static(cache_control);
    let fresh = request_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
    if fresh {
        return (
            axum::http::StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag_value), (header::CACHE_CONTROL, cache)],
        )
            .into_response();
    }
    (
        axum::http::StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::ETAG, etag_value),
            (header::CACHE_CONTROL, cache),
        ],
        body.into(),
    )
        .into_response()
}

/// The JSON extractor/responder to use in API handlers (rejections become envelopes).
pub use crate::error::Json;

/// The API routes, relative to `/api`, merged with `extra` (routes added by the caller).
pub fn router(extra: Router<AppState>) -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .merge(catalog::router())
        .merge(catalog_publish::router())
        .merge(services::router())
        .merge(submissions::router())
        .merge(resumable::router())
        .merge(cases::router())
        .merge(staff::router())
        .merge(accounts::router())
        .merge(appeals::router())
        .merge(calendar_admin::router())
        .merge(complaints::router())
        .merge(disclosure::router())
        .merge(guide_admin::router())
        .merge(consultations::router())
        .merge(bookings::router())
        .merge(crate::divisions_file::router())
        .merge(extra)
        .fallback(not_found)
}

/// Middleware: `Cache-Control: no-store` on `/api` responses that did not set their own.
///
/// Applied to the whole router (keyed on the request path) rather than only to the nested
/// API router, so that every API answer is covered, including `/api` itself and the 404s
/// and 405s that axum produces before any API handler runs.
pub async fn default_no_store(request: Request, next: Next) -> Response {
    let is_api = is_api_path(request.uri().path());
    let mut response = next.run(request).await;
    if is_api && !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

async fn not_found() -> impl IntoResponse {
    AppError::NotFound
}
