//! The server's "now", and the one test seam that moves it.
//!
//! Every handler asks [`Clock::now`] rather than `Utc::now()`. A real server's clock is the
//! system's and cannot be moved. A demo server started with `--test-clock` (refused without
//! `--demo` or on a database not marked demo, see `prepare` and `demo_guard`) also answers `POST /api/test/clock {"offset_days": n}`: from then on
//! its "now" is the system's plus `n` days (`0` puts it back). The end-to-end tests use it to let
//! committed time limits and joint-review deadlines pass (电子监察) without waiting weeks. The
//! rules are not touched: only the date they are asked about moves, for every request alike.
//! Without the flag the route does not exist (`build_router_with` adds it only for a movable
//! clock): 404 like any unknown path.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::api::submissions::invalid;
use crate::error::{AppError, Json};

/// The largest shift accepted, in days either way (a year: enough for any time limit).
pub const MAX_OFFSET_DAYS: i64 = 366;

/// Where "now" comes from.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// Seconds added to the system's time; stays 0 unless `adjustable`.
    offset_seconds: Arc<AtomicI64>,
    /// Whether `POST /api/test/clock` may move it (demo servers with `--test-clock` only).
    adjustable: bool,
}

impl Clock {
    /// The system's clock, which nothing can move.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock the test route may move (for `--demo --test-clock`).
    pub fn adjustable() -> Clock {
        Clock {
            adjustable: true,
            ..Clock::default()
        }
    }

    /// Whether the test route may move this clock.
    pub fn is_adjustable(&self) -> bool {
        self.adjustable
    }

    /// Now, as this server counts it.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.offset_seconds.load(Ordering::Relaxed))
    }

    /// Sets the shift to `days` ahead of the system's time. `false` when this clock cannot move.
    pub fn set_offset_days(&self, days: i64) -> bool {
        if !self.adjustable {
            return false;
        }
        self.offset_seconds.store(
            days.clamp(-MAX_OFFSET_DAYS, MAX_OFFSET_DAYS) * 86_400,
            Ordering::Relaxed,
        );
        true
    }
}

/// The clock a server starts with: movable only when asked for (`--test-clock`) on a demo
/// server; asked for on any other server, an error.
pub fn for_server(test_clock: bool, demo: bool) -> Result<Clock, crate::StartupError> {
    match (test_clock, demo) {
        (false, _) => Ok(Clock::system()),
        (true, true) => Ok(Clock::adjustable()),
        (true, false) => Err(crate::StartupError::TestClockWithoutDemo),
    }
}

/// Body of `POST /api/test/clock`.
#[derive(Debug, Deserialize)]
pub struct ClockRequest {
    /// Days ahead of the system's time (negative: behind).
    pub offset_days: i64,
}

/// Answer of `POST /api/test/clock` (read by the end-to-end tests only).
#[derive(Debug, Serialize)]
pub struct ClockMoved {
    /// The offset now in force.
    pub offset_days: i64,
    /// The server's time now (UTC, RFC 3339 with milliseconds).
    pub now: String,
}

/// `POST /api/test/clock`: moves an adjustable clock; 404 on any other server.
pub async fn set(
    State(state): State<AppState>,
    Json(request): Json<ClockRequest>,
) -> Result<Response, AppError> {
    if !state.clock.is_adjustable() {
        return Err(AppError::NotFound);
    }
    if request.offset_days.abs() > MAX_OFFSET_DAYS {
        return Err(invalid("offset_days", "form.type"));
    }
    state.clock.set_offset_days(request.offset_days);
    let now = state.clock.now();
    Ok((
        StatusCode::OK,
        Json(ClockMoved {
            offset_days: request.offset_days,
            now: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        }),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_demo_server_gets_a_movable_clock() {
        assert!(!for_server(false, true).unwrap().is_adjustable());
        assert!(for_server(true, true).unwrap().is_adjustable());
        assert!(matches!(
            for_server(true, false),
            Err(crate::StartupError::TestClockWithoutDemo)
        ));
    }

    #[test]
    fn a_system_clock_never_moves() {
        let clock = Clock::system();
        assert!(!clock.set_offset_days(30));
        assert!((clock.now() - Utc::now()).num_seconds().abs() < 5);
    }

    #[test]
    fn an_adjustable_clock_moves_for_every_copy() {
        let clock = Clock::adjustable();
        let copy = clock.clone();
        assert!(clock.set_offset_days(10));
        let ahead = copy.now() - Utc::now();
        assert!((ahead - Duration::days(10)).num_seconds().abs() < 5);
        assert!(clock.set_offset_days(0));
        assert!((copy.now() - Utc::now()).num_seconds().abs() < 5);
    }
}
