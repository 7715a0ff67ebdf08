//! The one error type of the HTTP layer and its JSON envelope.
//!
//! Every failed `/api` request answers with the same shape:
//!
//! ```json
//! {"error": {"code": "not_found", "message": "…", "fields": {"name": "…"}}}
//! ```
//!
//! `code` is stable and meant for programs; `message` is plain language for people, in
//! Chinese by default and in English when the request's `Accept-Language` prefers it;
//! `fields` appears only for validation errors (field name → message).
//!
//! How the language is chosen: a handler returns an [`AppError`] without knowing the
//! request, so [`AppError::into_response`] renders the Chinese envelope and also attaches
//! an [`ErrorInfo`] extension to the response. The [`localize_errors`] middleware knows the
//! request and re-renders the body in the preferred language. The same middleware turns
//! bodiless error responses produced by axum itself on `/api` (405, …) into envelopes, so
//! a client never has to parse two error formats.
//!
//! Internal details (sqlx and io errors) are logged with `tracing` and never sent: the
//! client only sees the code `internal` (or `unavailable`) and a generic message.
//!
//! The messages come from the portal's one string table (`guichet_core::i18n`, keys
//! `error.*`), like every other sentence a person reads.

use std::borrow::Cow;
use std::collections::BTreeMap;

use axum::body::Body;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The language of an answer: the one the whole portal uses (`guichet_core::Lang`).
pub use guichet_core::Lang;

/// The language a request's `Accept-Language` prefers; Chinese when it names neither.
pub fn lang_from_headers(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or_default()
}

/// A text given in every language the server speaks (used for per-field messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localized {
    /// Chinese text.
    pub zh: Cow<'static, str>,
    /// English text.
    pub en: Cow<'static, str>,
}

impl Localized {
    /// A text known at compile time.
    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Localized {
            zh: Cow::Borrowed(zh),
            en: Cow::Borrowed(en),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// The stable, machine-readable error codes of the envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// 400: the request is wrong in a way not covered below.
    BadRequest,
    /// 400: the body is not valid JSON.
    MalformedJson,
    /// 422: the body is JSON but not the expected shape (missing field, wrong type).
    InvalidJsonData,
    /// 422: the data is well-formed but some fields are invalid (see `fields`).
    Validation,
    /// 404: nothing here.
    NotFound,
    /// 405: the path exists but not with this method.
    MethodNotAllowed,
    /// 413: the body is larger than the server accepts.
    PayloadTooLarge,
    /// 415: the body is not declared as JSON.
    UnsupportedMediaType,
    /// 401: a staff route without a valid session.
    Unauthorized,
    /// 401: wrong user name or password, or a locked account (one answer for all three).
    LoginFailed,
    /// 403: a session that may not see or act on this.
    Forbidden,
    /// 403: a state-changing staff request without the session's CSRF token, or cross-site.
    Csrf,
    /// 403: the account signed in with a password an administrator set and must change it first.
    PasswordChangeRequired,
    /// 404: a wrong case number or query code (one answer for both, see `api::cases`).
    CaseNotFound,
    /// 409: the case's state does not allow the action (`current_state` says where it is).
    Conflict,
    /// 409: a joint case whose departments have not all answered.
    JointIncomplete,
    /// 409: the decision differs from the joint review's outcome.
    JointOutcomeMismatch,
    /// 409: the case was already rated.
    AlreadyRated,
    /// 409: only a concluded case can be rated.
    NotConcluded,
    /// 409: the follow-up already has its reply.
    AlreadyReplied,
    /// 409: what was edited changed since the editor read it; nothing was saved.
    StaleEdit,
    /// 429: too many failed attempts; `Retry-After` says when to try again.
    RateLimited,
    /// 507: the stored uploads have reached the center's disk budget.
    StorageFull,
    /// 503: a dependency (the database) is unreachable right now.
    Unavailable,
    /// 503: the server is at its cap of requests in flight; `Retry-After` says when to retry.
    Overloaded,
    /// 408: the request body did not arrive in time (a stalled upload).
    RequestTimeout,
    /// 503: too many sign-ins or password changes at this moment; `Retry-After` says when to
    /// try again.
    Busy,
    /// 500: a bug or an unexpected failure; details are only in the server log.
    Internal,
    /// 404: a wrong consultation number or query code (one answer for both).
    ConsultationNotFound,
    /// 404: a wrong booking number or query code (one answer for both).
    BookingNotFound,
    /// 409: the consultation was already answered.
    AlreadyAnswered,
    /// 409: the asker did not allow the consultation to become a public FAQ.
    PublishNotAllowed,
    /// 409: arrival or no-show marked before the booked slot started.
    SlotNotStarted,
    /// 409: the booked slot has no place left (`nearest` offers others).
    SlotFull,
    /// 409: the booked slot has started or is over (`nearest`).
    SlotPast,
    /// 409: the booked date is not a working day (`nearest`).
    NotWorkingDay,
    /// 409: the booked time is not a slot within the opening hours (`nearest`).
    OutsideHours,
    /// 409: the booked date is beyond the booking horizon (`nearest`).
    TooFarAhead,
    /// 409: the ID number already holds the most open bookings at the department
    /// (`open_bookings`).
    BookingLimit,
}

impl ErrorCode {
    /// The code as sent in the envelope.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::MalformedJson => "malformed_json",
            ErrorCode::InvalidJsonData => "invalid_json_data",
            ErrorCode::Validation => "validation",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::LoginFailed => "login_failed",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::Csrf => "csrf",
            ErrorCode::PasswordChangeRequired => "password_change_required",
            ErrorCode::CaseNotFound => "case_not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::JointIncomplete => "joint_incomplete",
            ErrorCode::JointOutcomeMismatch => "joint_outcome_mismatch",
            ErrorCode::AlreadyRated => "already_rated",
            ErrorCode::NotConcluded => "not_concluded",
            ErrorCode::AlreadyReplied => "already_replied",
            ErrorCode::StaleEdit => "stale_edit",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::StorageFull => "storage_full",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::Overloaded => "overloaded",
            ErrorCode::RequestTimeout => "request_timeout",
            ErrorCode::Busy => "busy",
            ErrorCode::Internal => "internal",
            ErrorCode::ConsultationNotFound => "consultation_not_found",
            ErrorCode::BookingNotFound => "booking_not_found",
            ErrorCode::AlreadyAnswered => "already_answered",
            ErrorCode::PublishNotAllowed => "publish_not_allowed",
            ErrorCode::SlotNotStarted => "slot_not_started",
            ErrorCode::SlotFull => "slot_full",
            ErrorCode::SlotPast => "slot_past",
            ErrorCode::NotWorkingDay => "not_working_day",
            ErrorCode::OutsideHours => "outside_hours",
            ErrorCode::TooFarAhead => "too_far_ahead",
            ErrorCode::BookingLimit => "booking_limit",
        }
    }

    /// The HTTP status that goes with the code.
    pub fn status(self) -> StatusCode {
        match self {
            ErrorCode::BadRequest | ErrorCode::MalformedJson => StatusCode::BAD_REQUEST,
            ErrorCode::InvalidJsonData | ErrorCode::Validation => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::NotFound
            | ErrorCode::CaseNotFound
            | ErrorCode::ConsultationNotFound
            | ErrorCode::BookingNotFound => StatusCode::NOT_FOUND,
            ErrorCode::Unauthorized | ErrorCode::LoginFailed => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden | ErrorCode::Csrf | ErrorCode::PasswordChangeRequired => {
                StatusCode::FORBIDDEN
            }
            ErrorCode::Conflict
            | ErrorCode::JointIncomplete
            | ErrorCode::JointOutcomeMismatch
            | ErrorCode::AlreadyRated
            | ErrorCode::NotConcluded
            | ErrorCode::AlreadyReplied
            | ErrorCode::StaleEdit
            | ErrorCode::AlreadyAnswered
            | ErrorCode::PublishNotAllowed
            | ErrorCode::SlotNotStarted
            | ErrorCode::SlotFull
            | ErrorCode::SlotPast
            | ErrorCode::NotWorkingDay
            | ErrorCode::OutsideHours
            | ErrorCode::TooFarAhead
            | ErrorCode::BookingLimit => StatusCode::CONFLICT,
            ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::StorageFull => StatusCode::INSUFFICIENT_STORAGE,
            ErrorCode::Unavailable | ErrorCode::Overloaded | ErrorCode::Busy => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ErrorCode::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The plain-language message for people, from the portal's string table
    /// (`error.<code>` keys in `guichet_core::i18n`).
    pub fn message(self, lang: Lang) -> &'static str {
        let key = match self {
            ErrorCode::BadRequest => "error.bad_request",
            ErrorCode::MalformedJson => "error.malformed_json",
            ErrorCode::InvalidJsonData => "error.invalid_json_data",
            ErrorCode::Validation => "error.validation",
            ErrorCode::NotFound => "error.not_found",
            ErrorCode::MethodNotAllowed => "error.method_not_allowed",
            ErrorCode::PayloadTooLarge => "error.payload_too_large",
            ErrorCode::UnsupportedMediaType => "error.unsupported_media_type",
            ErrorCode::Unavailable => "error.unavailable",
            ErrorCode::Overloaded => "error.overloaded",
            ErrorCode::RequestTimeout => "error.request_timeout",
            ErrorCode::Busy => "error.busy",
            ErrorCode::Internal => "error.internal",
            ErrorCode::Unauthorized => "staff.unauthorized",
            ErrorCode::LoginFailed => "staff.login_failed",
            ErrorCode::Forbidden => "staff.forbidden",
            ErrorCode::Csrf => "staff.csrf",
            ErrorCode::PasswordChangeRequired => "admin.password_change_required",
            ErrorCode::CaseNotFound => "case.lookup.not_found",
            ErrorCode::Conflict => "case.conflict",
            ErrorCode::JointIncomplete => "case.joint.incomplete",
            ErrorCode::JointOutcomeMismatch => "case.joint.outcome_mismatch",
            ErrorCode::AlreadyRated => "evaluation.already",
            ErrorCode::NotConcluded => "evaluation.not_concluded",
            ErrorCode::AlreadyReplied => "followup.already_replied",
            ErrorCode::StaleEdit => "error.stale_edit",
            ErrorCode::RateLimited => "case.lookup.rate_limited",
            ErrorCode::StorageFull => "error.storage_full",
            ErrorCode::ConsultationNotFound => "consultation.not_found",
            ErrorCode::BookingNotFound => "booking.not_found",
            ErrorCode::AlreadyAnswered => "consultation.already_answered",
            ErrorCode::PublishNotAllowed => "consultation.publish_not_allowed",
            ErrorCode::SlotNotStarted => "booking.slot_not_started",
            // A refusal carries its own message naming the slot (`Refusal`); these are the
            // generic fallbacks.
            ErrorCode::SlotFull => "booking.refused.full",
            ErrorCode::SlotPast => "booking.refused.past",
            ErrorCode::NotWorkingDay => "booking.refused.not_working_day",
            ErrorCode::OutsideHours => "booking.refused.outside_hours",
            ErrorCode::TooFarAhead => "booking.refused.too_far",
            ErrorCode::BookingLimit => "booking.refused.limit",
        };
        guichet_core::tr(lang, key)
    }

    /// The code that best describes a bare error status (used for axum's own responses).
    fn from_status(status: StatusCode) -> ErrorCode {
        match status {
            StatusCode::NOT_FOUND => ErrorCode::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
            StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
            StatusCode::UNPROCESSABLE_ENTITY => ErrorCode::InvalidJsonData,
            StatusCode::SERVICE_UNAVAILABLE => ErrorCode::Unavailable,
            StatusCode::REQUEST_TIMEOUT => ErrorCode::RequestTimeout,
            s if s.is_server_error() => ErrorCode::Internal,
            _ => ErrorCode::BadRequest,
        }
    }
}

/// Which limit refused a request (a response extension the security log reads): its scope and
/// what its key is — never the key itself, which may name a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitDetail {
    /// The limit's scope, e.g. `lookup_case_client`.
    pub scope: &'static str,
    /// `client_ip`, `case` or `case_and_client`.
    pub key_kind: &'static str,
}

/// A request refused with its own message (naming what was refused) and one more member of
/// the envelope, e.g. a booking refused with the nearest free slots.
#[derive(Debug, Clone)]
pub struct Refusal {
    /// The envelope code (and so the status).
    pub code: ErrorCode,
    /// The message, in every language.
    pub message: Localized,
    /// Field name → message, as for validation errors.
    pub fields: BTreeMap<String, Localized>,
    /// One more member of `error`: its name and value.
    pub extra: Option<(&'static str, serde_json::Value)>,
}

/// Every way a request can fail. Handlers return `Result<_, AppError>`.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The resource does not exist.
    #[error("not found")]
    NotFound,
    /// The request is wrong in a way the client can fix.
    #[error("bad request")]
    BadRequest,
    /// Some fields are invalid: field name → message.
    #[error("validation failed for {} field(s)", fields.len())]
    Validation {
        /// Field name → what is wrong with it.
        fields: BTreeMap<String, Localized>,
    },
    /// The JSON body could not be extracted.
    #[error("json body rejected: {0}")]
    Json(#[from] JsonRejection),
    /// The database cannot be reached (pool closed, timeout): worth retrying later.
    #[error("database unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    /// Any other database failure: a bug or corruption, never shown to the client.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    /// A file or network failure.
    #[error("io error: {0}")]
    Io(#[from] std::io::Error),
    /// Anything else unexpected; the text is only logged.
    #[error("internal error: {0}")]
    Internal(String),
    /// No valid staff session.
    #[error("unauthorized")]
    Unauthorized,
    /// Login refused (unknown user, wrong password or locked: deliberately one error).
    #[error("login failed")]
    LoginFailed,
    /// The session may not see or act on this.
    #[error("forbidden")]
    Forbidden,
    /// CSRF token missing or wrong, or a cross-site request.
    #[error("csrf check failed")]
    Csrf,
    /// The session's password must be changed before anything else.
    #[error("password change required")]
    PasswordChangeRequired,
    /// Wrong case number or query code: one error for both, so neither can be probed.
    #[error("case not found")]
    CaseNotFound,
    /// Too many failures; retry after this many seconds.
    #[error("rate limited for {retry_after} s")]
    RateLimited {
        /// Seconds until the oldest counted failure leaves the window.
        retry_after: u64,
        /// Which limit, for the security log.
        limit: RateLimitDetail,
    },
    /// The stored uploads have reached the disk budget (507).
    #[error("upload storage budget reached")]
    StorageFull,
    /// Every password-hashing slot stayed busy (see `password_gate`); retry after this many
    /// seconds.
    #[error("busy: retry after {retry_after} s")]
    Busy {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// Refused with its own message and data (see [`Refusal`]).
    #[error("refused: {:?}", .0.code)]
    Refused(Box<Refusal>),
    /// The action conflicts with where things stand (409 with this code).
    #[error("conflict: {code:?} in state {current_state:?}")]
    Conflict {
        /// Which 409 code.
        code: ErrorCode,
        /// The case's current state code, when a case state is the reason.
        current_state: Option<&'static str>,
    },
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        // Connection-level failures are temporary (503 invites a retry); the rest are bugs.
        match err {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                AppError::Unavailable(err)
            }
            other => AppError::Database(other),
        }
    }
}

impl AppError {
    /// The envelope code for this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::NotFound => ErrorCode::NotFound,
            AppError::BadRequest => ErrorCode::BadRequest,
            AppError::Validation { .. } => ErrorCode::Validation,
            AppError::Json(rejection) => json_rejection_code(rejection),
            AppError::Unavailable(_) => ErrorCode::Unavailable,
            AppError::Database(_) | AppError::Io(_) | AppError::Internal(_) => ErrorCode::Internal,
            AppError::Unauthorized => ErrorCode::Unauthorized,
            AppError::LoginFailed => ErrorCode::LoginFailed,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::Csrf => ErrorCode::Csrf,
            AppError::PasswordChangeRequired => ErrorCode::PasswordChangeRequired,
            AppError::CaseNotFound => ErrorCode::CaseNotFound,
            AppError::RateLimited { .. } => ErrorCode::RateLimited,
            AppError::StorageFull => ErrorCode::StorageFull,
            AppError::Busy { .. } => ErrorCode::Busy,
            AppError::Conflict { code, .. } => *code,
            AppError::Refused(refusal) => refusal.code,
        }
    }
}

/// Maps axum's JSON extractor rejection to an envelope code (and so a status).
pub fn json_rejection_code(rejection: &JsonRejection) -> ErrorCode {
    match rejection {
        JsonRejection::JsonSyntaxError(_) => ErrorCode::MalformedJson,
        JsonRejection::JsonDataError(_) => ErrorCode::InvalidJsonData,
        JsonRejection::MissingJsonContentType(_) => ErrorCode::UnsupportedMediaType,
        // Reading the body failed; the only client-caused reason is the body limit.
        _ if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        _ => ErrorCode::BadRequest,
    }
}

/// What an error response carries until [`localize_errors`] renders it for the request.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// The envelope code.
    pub code: ErrorCode,
    /// Per-field messages, empty unless a validation error.
    pub fields: BTreeMap<String, Localized>,
    /// For a 409 about a case: the state it is in now (`CaseState::code`).
    pub current_state: Option<&'static str>,
    /// A message of its own instead of the code's (a [`Refusal`]'s).
    pub message: Option<Localized>,
    /// One more member of the envelope (a [`Refusal`]'s).
    pub extra: Option<(&'static str, serde_json::Value)>,
}

#[derive(Serialize)]
struct Envelope<'a> {
    error: EnvelopeBody<'a>,
}

#[derive(Serialize)]
struct EnvelopeBody<'a> {
    code: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    fields: BTreeMap<&'a str, &'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    current_state: Option<&'static str>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    extra: Option<BTreeMap<&'static str, &'a serde_json::Value>>,
}

impl ErrorInfo {
    /// Info with these per-field messages (no case state).
    pub fn new(code: ErrorCode, fields: BTreeMap<String, Localized>) -> ErrorInfo {
        ErrorInfo {
            code,
            fields,
            current_state: None,
            message: None,
            extra: None,
        }
    }

    /// The envelope as JSON bytes in `lang`.
    pub fn render(&self, lang: Lang) -> Vec<u8> {
        let envelope = Envelope {
            error: EnvelopeBody {
                code: self.code.as_str(),
                message: self
                    .message
                    .as_ref()
                    .map_or(self.code.message(lang), |m| m.get(lang)),
                fields: self
                    .fields
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.get(lang)))
                    .collect(),
                current_state: self.current_state,
                extra: self
                    .extra
                    .as_ref()
                    .map(|(name, value)| BTreeMap::from([(*name, value)])),
            },
        };
        // Serialising string maps cannot fail; fall back to a fixed body just in case.
        serde_json::to_vec(&envelope).unwrap_or_else(|_| {
            br#"{"error":{"code":"internal","message":"internal error"}}"#.to_vec()
        })
    }

    /// A complete response in `lang`, with this info attached for later re-rendering.
    pub fn into_response_in(self, lang: Lang) -> Response {
        let body = self.render(lang);
        let status = self.code.status();
        let mut response = (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body,
        )
            .into_response();
        response.extensions_mut().insert(self);
        response
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let code = self.code();
        // Log with the full detail here because it is never sent to the client.
        match &self {
            AppError::Database(_) | AppError::Io(_) | AppError::Internal(_) => {
                tracing::error!(error = %self, "request failed")
            }
            AppError::Unavailable(_) => tracing::warn!(error = %self, "dependency unavailable"),
            AppError::Json(rejection) => {
                tracing::debug!(detail = %rejection.body_text(), "json body rejected")
            }
            _ => {}
        }
        let retry_after = match &self {
            AppError::RateLimited { retry_after, .. } | AppError::Busy { retry_after } => {
                Some(*retry_after)
            }
            _ => None,
        };
        let limit = match &self {
            AppError::RateLimited { limit, .. } => Some(*limit),
            _ => None,
        };
        let current_state = match &self {
            AppError::Conflict { current_state, .. } => *current_state,
            _ => None,
        };
        let (fields, message, extra) = match self {
            AppError::Validation { fields } => (fields, None, None),
            AppError::Refused(refusal) => {
                let Refusal {
                    fields,
                    message,
                    extra,
                    ..
                } = *refusal;
                (fields, Some(message), extra)
            }
            _ => (BTreeMap::new(), None, None),
        };
        let mut response = ErrorInfo {
            code,
            fields,
            current_state,
            message,
            extra,
        }
        .into_response_in(Lang::default());
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
        if let Some(limit) = limit {
            response.extensions_mut().insert(limit);
        }
        response
    }
}

/// Middleware: renders error envelopes in the request's language and turns axum's own
/// bodiless `/api` error responses (405, 413 from the body limit, …) into envelopes.
pub async fn localize_errors(request: Request, next: Next) -> Response {
    let lang = lang_from_headers(request.headers());
    let is_api = is_api_path(request.uri().path());
    let response = next.run(request).await;

    if let Some(info) = response.extensions().get::<ErrorInfo>().cloned() {
        if lang == Lang::default() {
            return response;
        }
        return rebody(response, info.render(lang));
    }
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_api && (status.is_client_error() || status.is_server_error()) && !is_json {
        let info = ErrorInfo::new(ErrorCode::from_status(status), BTreeMap::new());
        let mut response = rebody(response, info.render(lang));
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        // Keep the original status: it may be more precise than the code's default.
        response.extensions_mut().insert(info);
        return response;
    }
    response
}

/// Turns a handler panic (caught by `CatchPanicLayer`) into the `internal` envelope.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    AppError::Internal(format!("handler panicked: {detail}")).into_response()
}

/// Replaces a response's body, keeping status and headers (except the stale length).
fn rebody(response: Response, body: Vec<u8>) -> Response {
    let (mut parts, _old) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}

/// Whether a path belongs to the API (and so must never get the app's index.html).
pub fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// A JSON body extractor whose rejections become [`AppError`]s (and so envelopes).
///
/// Use it instead of `axum::Json` in handlers; it also serialises responses.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    axum::Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(rejection) => Err(AppError::Json(rejection)),
        }
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_language_defaults_to_chinese() {
        let mut headers = HeaderMap::new();
        assert_eq!(lang_from_headers(&headers), Lang::Zh);
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("fr-FR"));
        assert_eq!(lang_from_headers(&headers), Lang::Zh);
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("en-US,en;q=0.9,zh-CN;q=0.8"),
        );
        assert_eq!(lang_from_headers(&headers), Lang::En);
    }

    #[test]
    fn every_code_has_a_message_in_both_languages() {
        use ErrorCode::*;
        for code in [
            BadRequest,
            MalformedJson,
            InvalidJsonData,
            Validation,
            NotFound,
            MethodNotAllowed,
            PayloadTooLarge,
            UnsupportedMediaType,
            Unavailable,
            Overloaded,
            RequestTimeout,
            Internal,
            ConsultationNotFound,
            BookingNotFound,
            AlreadyAnswered,
            PublishNotAllowed,
            SlotNotStarted,
        ] {
            for lang in Lang::ALL {
                assert!(
                    !code.message(lang).starts_with("error."),
                    "{code:?} {lang:?}"
                );
            }
        }
    }

    #[test]
    fn a_refusal_renders_its_own_message_and_member_in_the_request_language() {
        let refusal = AppError::Refused(Box::new(Refusal {
            code: ErrorCode::SlotFull,
            message: Localized::new("已约满", "Fully booked"),
            fields: BTreeMap::from([("start".to_owned(), Localized::new("满", "Full"))]),
            extra: Some(("nearest", serde_json::json!([{"start": "10:00"}]))),
        }));
        let response = refusal.into_response();
        assert_eq!(response.status(), StatusCode::CONFLICT);
        let info = response.extensions().get::<ErrorInfo>().cloned().unwrap();
        let body: serde_json::Value = serde_json::from_slice(&info.render(Lang::En)).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"error": {"code": "slot_full", "message": "Fully booked",
                "fields": {"start": "Full"}, "nearest": [{"start": "10:00"}]}})
        );
    }

    #[test]
    fn internal_details_are_not_rendered() {
        let err = AppError::Internal("secret path /etc/x".into());
        let info = ErrorInfo::new(err.code(), BTreeMap::new());
        let body = String::from_utf8(info.render(Lang::En)).unwrap();
        assert!(body.contains(r#""code":"internal""#));
        assert!(!body.contains("secret"));
    }
}
