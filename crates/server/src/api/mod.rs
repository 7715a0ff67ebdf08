//! The JSON API under `/api`.
//!
//! Every response gets `Cache-Control: no-store` unless its handler set its own (later the
//! public catalogue will be cacheable); unknown paths answer a JSON 404 envelope, never the
//! app's index.html.

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::AppState;
use crate::error::AppError;

pub mod health;

/// The API routes, relative to `/api`, merged with `extra` (routes added by the caller).
pub fn router(extra: Router<AppState>) -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .merge(extra)
        .fallback(not_found)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

async fn not_found() -> impl IntoResponse {
    AppError::NotFound
}
