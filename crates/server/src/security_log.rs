//! Security events as structured log lines, decided in one place from the response.
//!
//! Every refusal that matters to whoever watches the server — `403` (forbidden, or CSRF
//! refused), `429` (rate limited) and `408` (a request body that did not arrive in time) —
//! is logged here, after the handler answered, rather than at each of the many places that
//! refuse: one line per event, with the same fields, on the target `guichet::security`:
//!
//! ```text
//! WARN guichet::security: event="forbidden" method=GET path=/api/staff/accounts client_ip=10.0.0.9 staff_id=3 …
//! ```
//!
//! `staff_id` is known when the request carried a valid session: the [`StaffIdSlot`] this layer
//! puts into the request is filled by the session extractor (`api::staff::StaffSession`).
//! Only the path is logged, never the query string (it may hold names or ID numbers), and never
//! a password, query code or session token. Connection-level timeouts (slow headers) are logged
//! by `http_server`, login failures and lockouts by the login code, with the same convention.

use std::sync::{Arc, OnceLock};

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

use crate::client_addr::{TrustedProxies, peer_ip};
use crate::error::{ErrorCode, ErrorInfo, RateLimitDetail};

/// The log target of security events.
pub const TARGET: &str = "guichet::security";

/// The staff member a request was made by, once its session has been checked.
#[derive(Debug, Clone, Default)]
pub struct StaffIdSlot(Arc<OnceLock<i64>>);

impl StaffIdSlot {
    /// Records who made the request (first session check wins).
    pub fn set(&self, staff_id: i64) {
        let _ = self.0.set(staff_id);
    }

    /// Who made the request, if a session was checked.
    pub fn get(&self) -> Option<i64> {
        self.0.get().copied()
    }
}

/// The security event a response is, if any: `event` as in the logging convention.
pub fn event_for(status: StatusCode, code: Option<ErrorCode>) -> Option<&'static str> {
    match status {
        StatusCode::FORBIDDEN if code == Some(ErrorCode::Csrf) => Some("csrf_refused"),
        StatusCode::FORBIDDEN => Some("forbidden"),
        StatusCode::TOO_MANY_REQUESTS => Some("rate_limited"),
        StatusCode::REQUEST_TIMEOUT => Some("timeout"),
        _ => None,
    }
}

/// Middleware: logs the response as a security event when it is one (see the module docs).
pub async fn log_security_events(
    State(trusted_proxies): State<Arc<TrustedProxies>>,
    mut request: Request,
    next: Next,
) -> Response {
    let slot = StaffIdSlot::default();
    request.extensions_mut().insert(slot.clone());
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let client_ip = trusted_proxies.client_ip(peer_ip(request.extensions()), request.headers());
    let response = next.run(request).await;
    let code = response
        .extensions()
        .get::<ErrorInfo>()
        .map(|info| info.code);
    // Which of the per-client limits refused, when one did (see `rate_limit`).
    let limit = response.extensions().get::<RateLimitDetail>().copied();
    if let Some(event) = event_for(response.status(), code) {
        tracing::warn!(
            target: TARGET,
            event,
            method = %method,
            path = %path,
            client_ip = client_ip.map(tracing::field::display),
            staff_id = slot.get(),
            status = response.status().as_u16(),
            scope = limit.map(|l| l.scope),
            key_kind = limit.map(|l| l.key_kind),
            "security: request refused"
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_events_and_other_answers_are_not() {
        assert_eq!(
            event_for(StatusCode::FORBIDDEN, Some(ErrorCode::Csrf)),
            Some("csrf_refused")
        );
        assert_eq!(
            event_for(StatusCode::FORBIDDEN, Some(ErrorCode::Forbidden)),
            Some("forbidden")
        );
        assert_eq!(event_for(StatusCode::FORBIDDEN, None), Some("forbidden"));
        assert_eq!(
            event_for(StatusCode::TOO_MANY_REQUESTS, Some(ErrorCode::RateLimited)),
            Some("rate_limited")
        );
        assert_eq!(
            event_for(StatusCode::REQUEST_TIMEOUT, Some(ErrorCode::RequestTimeout)),
            Some("timeout")
        );
        for status in [
            StatusCode::OK,
            StatusCode::UNAUTHORIZED,
            StatusCode::NOT_FOUND,
            StatusCode::UNPROCESSABLE_ENTITY,
        ] {
            assert_eq!(event_for(status, None), None, "{status}");
        }
    }
}
