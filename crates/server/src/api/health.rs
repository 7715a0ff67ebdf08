//! `GET /api/health`: is the server up and can it reach its database?
//!
//! Used by the app (offline banner), by monitoring and by deployment scripts. It really
//! queries the database, so a 200 means requests can be served.

use axum::extract::State;
use serde::Serialize;

use crate::AppState;
use crate::error::{AppError, Json};

/// The health report.
#[derive(Debug, Serialize)]
pub struct Health {
    /// Always `"ok"` when the response is a 200.
    pub status: &'static str,
    /// The server's crate version.
    pub version: &'static str,
    /// `"ok"` when the database answered.
    pub database: &'static str,
}

/// 200 with [`Health`], or 503 with the `unavailable` envelope if the database is unreachable.
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    // Whatever the failure, the database is what is unavailable, hence always 503.
    crate::db::ping(&state.db)
        .await
        .map_err(AppError::Unavailable)?;
    Ok(Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        database: "ok",
    }))
}
