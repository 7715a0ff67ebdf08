//! Online applications: `POST /api/submissions` (exactly once) and `POST /api/uploads`.
//!
//! # `POST /api/submissions`
//!
//! Body (JSON, at most 1 MiB; attachments are uploaded first, separately):
//!
//! ```json
//! {"client_id": "6f1c…-uuid-like", "item_code": "SC-001", "form_version": 2,
//!  "answers": {"applicant_name": "张三", "id_no": "…"}, "content_hash": "<64 hex>",
//!  "submitted_at": "2026-11-27T09:30:00+08:00"}
//! ```
//!
//! `content_hash` is [`guichet_core::form::submission_hash`] of `(item_code, form_version,
//! answers)` as sent; the server recomputes it and refuses a mismatch. `client_id` (8–64
//! letters, digits, `-` or `_`, made once per submission by the client) is the idempotency key.
//!
//! Answers:
//! - `201 Created` `{"case_no", "query_code", "item_code", "form_version", "received_at",
//!   "status": "submitted"}` — a new case in state 提交预审;
//! - `200 OK`, same body and header `Idempotent-Replayed: true` — this id was already
//!   submitted with the same content: the original answer, never a second case (the query
//!   code is `null` if the retry comes after the 30-day replay window);
//! - `422 validation` with `fields` — field id → message for invalid answers; the key
//!   `client_id` when the id was already used for *different* content, `content_hash` when the
//!   hash does not match, `item_code` / `form_version` when the item or version is unknown,
//!   a file field's id when an attachment was never uploaded. A 422 is final: the outbox
//!   should set the record aside for the person to fix, and go on with the others
//!   (CommCare let one rejected form block every later one);
//! - `429 rate_limited` with `Retry-After` — more than [`rate_limit::FILINGS_PER_IP`]
//!   (`--filings-per-client-per-hour`) new submissions (disclosure requests included) and
//!   complaints from one client address in an hour; retries of one already received are
//!   answered as above and not counted;
//! - `413`, `400`, `415` envelopes for oversized, malformed or non-JSON bodies; `503`/`500`
//!   are worth retrying later with the same `client_id`.
//!
//! # `POST /api/uploads?item_code=…&form_version=…&field_id=…`
//!
//! The raw file as the body (any `Content-Type`; it is ignored). The limits are those of the
//! named `file` field: the type is recognised from the first bytes (JPEG, PNG, PDF — never the
//! name or the declared type) and must be one the field accepts, else `415` with
//! `fields.file` naming the accepted types; a file over the field's `max_bytes` gets `413` with
//! `fields.file` saying the limit and the file's size in plain words (ODK's unhelpful 413,
//! collect#4476). The answer, `201` `{"upload_id", "media_type", "size"}`: the id is the
//! SHA-256 of the bytes, so retrying an upload is harmless and gives the same id. Files are
//! kept in the file store (`file_store`: `<data dir>/uploads/<2 hex>/<sha256>`, or the database). A client over its hourly quota gets
//! `429` with `Retry-After` and `fields.file` saying the quota (checked before the file is
//! read, and counted atomically before it is stored); a file that would take the stored
//! uploads over the disk budget gets `507 storage_full` (see `upload_quota`). An upload nothing
//! refers to is deleted a week after it was last uploaded (`upload_cleanup`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use chrono::{DateTime, FixedOffset, Utc};
use guichet_core::Lang;
use guichet_core::form::{
    FieldKind, FileRef, FormDefinition, MediaType, sha256_hex, submission_hash,
    validate::format_bytes, validate_with,
};
use guichet_core::i18n::tr_args;
use serde::Deserialize;
use serde_json::Value;

use crate::AppState;
use crate::client_addr::ClientIp;
use crate::error::{AppError, ErrorCode, ErrorInfo, Json, Localized as Message};
use crate::rate_limit;
use crate::services_store;
use crate::submissions_store::{self, NewCase, Outcome, Recorded, Upload, china_today};
use crate::upload_quota::{self, QuotaDecision};

/// No field may allow more than this per file, whatever its definition says.
pub const MAX_UPLOAD_BYTES: u64 = 20 * 1024 * 1024;

/// The routes of this module, relative to `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/submissions", post(submit))
        // The field decides the limit; the handler enforces it while reading.
        .route("/uploads", post(upload).layer(DefaultBodyLimit::disable()))
}

/// The body of `POST /api/submissions`.
#[derive(Debug, Clone, Deserialize)]
pub struct SubmissionRequest {
    /// Idempotency key made by the client (UUID-like).
    pub client_id: String,
    /// The service item.
    pub item_code: String,
    /// The form version the answers were made against.
    pub form_version: u32,
    /// Field id → answer.
    pub answers: Value,
    /// [`submission_hash`] of the above, hex.
    pub content_hash: String,
    /// When the person pressed "submit" (device clock; informative).
    #[serde(default)]
    pub submitted_at: Option<DateTime<FixedOffset>>,
}

pub(crate) fn message(key: &'static str, args: &[(&str, &str)]) -> Message {
    Message {
        zh: Cow::Owned(tr_args(Lang::Zh, key, args)),
        en: Cow::Owned(tr_args(Lang::En, key, args)),
    }
}

pub(crate) fn invalid(field: &str, key: &'static str) -> AppError {
    AppError::Validation {
        fields: BTreeMap::from([(field.to_owned(), message(key, &[]))]),
    }
}

pub(crate) fn is_client_id(id: &str) -> bool {
    (8..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `POST /api/submissions`.
pub async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(request): Json<SubmissionRequest>,
) -> Result<Response, AppError> {
    if !is_client_id(&request.client_id) {
        return Err(invalid("client_id", "submission.client_id.invalid"));
    }
    let Some(answers) = request.answers.as_object() else {
        return Err(invalid("answers", "form.type"));
    };
    let hash = submission_hash(&request.item_code, request.form_version, &request.answers);
    if !hash.eq_ignore_ascii_case(request.content_hash.trim()) {
        return Err(invalid("content_hash", "submission.hash_mismatch"));
    }
    // A retry of a submission already recorded needs no validation: answer at once.
    if let Some((stored, receipt)) =
        submissions_store::find_receipt(&state.db, &request.client_id).await?
    {
        return if stored.eq_ignore_ascii_case(&hash) {
            Ok(replayed(receipt))
        } else {
            Err(invalid("client_id", "submission.client_id.reused"))
        };
    }
    let (item, _) = services_store::item(&state.db, &request.item_code)
        .await?
        .ok_or_else(|| invalid("item_code", "submission.item_unknown"))?;
    let definition = services_store::form(&state.db, &item.code, request.form_version)
        .await?
        .ok_or_else(|| invalid("form_version", "submission.version_unknown"))?;
    let now = state.clock.now();
    let normalised = checked_answers(&state, &definition, answers, now).await?;
    let disclosure = match item.case_type {
        guichet_core::case::CaseType::Disclosure => {
            Some(crate::api::disclosure::new_request(&state, &normalised, now).await?)
        }
        _ => None,
    };
    let new = NewCase {
        client_id: &request.client_id,
        item_code: &item.code,
        department_code: &item.department.code,
        case_type: item.case_type,
        form_version: request.form_version,
        answers: &normalised,
        content_hash: &hash,
        submitted_at: request.submitted_at,
        disclosure: disclosure
            .as_ref()
            .map(|(request, reply_by, provisional)| (request, *reply_by, *provisional)),
    };
    // Counted per client, successful filings too; the same filing sent again (even at the
    // same time) is counted once.
    let reservation =
        rate_limit::reserve_filing(&state.db, state.filing_limit, &ip, &request.client_id, now)
            .await?;
    let outcome = submissions_store::create_case(&state.db, &new, now).await;
    // Created or replayed, the filing was received: it stays counted.
    if !matches!(outcome, Ok(Outcome::Created(_) | Outcome::Replayed(_))) {
        rate_limit::release(&state.db, reservation).await?;
    }
    match outcome? {
        Outcome::Created(receipt) => Ok((StatusCode::CREATED, Json(receipt)).into_response()),
        Outcome::Replayed(receipt) => Ok(replayed(receipt)),
        Outcome::Conflict => Err(invalid("client_id", "submission.client_id.reused")),
    }
}

/// The answers as the form engine normalises them, checked with the division codes (the
/// place of an ID number) and against the uploads they name: what a submission and a 补正
/// store.
pub(crate) async fn checked_answers(
    state: &AppState,
    definition: &guichet_core::form::FormDefinition,
    answers: &serde_json::Map<String, Value>,
    now: DateTime<Utc>,
) -> Result<serde_json::Map<String, Value>, AppError> {
    let normalised = validate_with(
        definition,
        answers,
        china_today(now),
        Some(&state.divisions.codes),
    )
    .map_err(form_errors)?;
    check_uploads(state, definition, &normalised).await?;
    Ok(normalised)
}

/// The core form engine's errors as a 422 envelope (field id → message).
pub(crate) fn form_errors(errors: Vec<guichet_core::form::FieldError>) -> AppError {
    AppError::Validation {
        fields: errors
            .into_iter()
            .map(|e| {
                let text = Message {
                    zh: Cow::Owned(e.zh),
                    en: Cow::Owned(e.en),
                };
                (e.field_id, text)
            })
            .collect(),
    }
}

/// A `200` replay of a stored answer, marked `Idempotent-Replayed: true`.
pub(crate) fn replayed_json(body: impl serde::Serialize) -> Response {
    let mut response = (StatusCode::OK, Json(body)).into_response();
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    response
}

fn replayed(receipt: submissions_store::Receipt) -> Response {
    let mut response = (StatusCode::OK, Json(receipt)).into_response();
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    response
}

/// Every attachment named in the answers must have been uploaded, as the type and size said.
pub(crate) async fn check_uploads(
    state: &AppState,
    definition: &FormDefinition,
    answers: &guichet_core::form::Answers,
) -> Result<(), AppError> {
    let mut fields = BTreeMap::new();
    for field in definition.fields() {
        if !matches!(field.kind, FieldKind::File { .. }) {
            continue;
        }
        let Some(value) = answers.get(&field.id) else {
            continue;
        };
        let files: Vec<FileRef> = serde_json::from_value(value.clone())
            .map_err(|e| AppError::Internal(format!("normalised file answer: {e}")))?;
        for file in files {
            let stored = submissions_store::find_upload(&state.db, &file.upload_id).await?;
            let matches =
                stored.is_some_and(|u| u.media_type == file.media_type && u.size == file.size);
            if !matches {
                fields.insert(field.id.clone(), message("submission.upload_missing", &[]));
            }
        }
    }
    if fields.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation { fields })
    }
}

/// Query of `POST /api/uploads`: which file field the upload is for.
#[derive(Debug, Clone, Deserialize)]
pub struct UploadQuery {
    /// The service item.
    pub item_code: String,
    /// The form version.
    pub form_version: u32,
    /// The `file` field.
    pub field_id: String,
}

pub(crate) fn file_error(code: ErrorCode, key: &'static str, args: &[(&str, &str)]) -> Response {
    ErrorInfo::new(
        code,
        BTreeMap::from([("file".to_owned(), message(key, args))]),
    )
    .into_response_in(crate::error::Lang::default())
}

/// `415` naming the types a field accepts (`accept`), under `fields.file`.
pub(crate) fn type_refused(accept: &[MediaType]) -> Response {
    let types = accept
        .iter()
        .map(|t| t.short_name())
        .collect::<Vec<_>>()
        .join("/");
    file_error(
        ErrorCode::UnsupportedMediaType,
        "upload.type",
        &[("types", &types)],
    )
}

/// `POST /api/uploads`.
pub async fn upload(
    State(state): State<AppState>,
    Query(query): Query<UploadQuery>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let definition = services_store::form(&state.db, &query.item_code, query.form_version)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(FieldKind::File {
        accept, max_bytes, ..
    }) = definition.field(&query.field_id).map(|f| &f.kind)
    else {
        return Err(invalid("field_id", "upload.not_file_field"));
    };
    let limit = (*max_bytes).min(MAX_UPLOAD_BYTES);
    let max = format_bytes(limit);
    // Refuse before reading when the length is announced: no use making a phone send 30 MB.
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(size) = announced.filter(|s| *s > limit) {
        let size = format_bytes(size);
        return Ok(file_error(
            ErrorCode::PayloadTooLarge,
            "upload.too_large",
            &[("max", &max), ("size", &size)],
        ));
    }
    // A client already over its quota is refused before its file is read.
    let now = state.clock.now();
    let precheck = upload_quota::precheck(&state.db, state.upload_limits, &client, now).await?;
    if let QuotaDecision::Exceeded { retry_after } = precheck {
        return Ok(quota_refused(&state, &client, retry_after));
    }
    let Ok(bytes) = axum::body::to_bytes(body, usize::try_from(limit).unwrap_or(usize::MAX)).await
    else {
        // Over the limit while streaming (no or false Content-Length), or the line dropped.
        return Ok(file_error(
            ErrorCode::PayloadTooLarge,
            "upload.too_large_unknown",
            &[("max", &max)],
        ));
    };
    if bytes.is_empty() {
        return Err(invalid("file", "upload.empty"));
    }
    let Some(media_type) = MediaType::sniff(&bytes).filter(|t| accept.contains(t)) else {
        return Ok(type_refused(accept));
    };
    // Bytes already stored (an outbox's retry) cost no quota bytes; see `upload_quota`.
    let upload_id = sha256_hex(&bytes);
    let already_stored = submissions_store::find_upload(&state.db, &upload_id)
        .await?
        .is_some();
    let new_bytes = if already_stored {
        0
    } else {
        u64::try_from(bytes.len()).unwrap_or(u64::MAX)
    };
    // Counted before anything is stored, in one statement, so concurrent uploads all count.
    let reserved =
        upload_quota::reserve(&state.db, state.upload_limits, &client, new_bytes, now).await?;
    if let QuotaDecision::Exceeded { retry_after } = reserved {
        return Ok(quota_refused(&state, &client, retry_after));
    }
    let upload = keep_hashed_upload(&state, bytes, media_type, upload_id).await?;
    Ok((StatusCode::CREATED, Json(upload)).into_response())
}

/// `429` for a client over its upload quota, with `Retry-After` and, under `fields.file`, the
/// quota and when it opens again in plain words.
pub(crate) fn quota_refused(state: &AppState, client: &str, retry_after: u64) -> Response {
    tracing::warn!(
        target: "guichet::security",
        event = "rate_limited",
        client_ip = %client,
        retry_after,
        "upload quota of this client reached for the hour"
    );
    let limits = state.upload_limits;
    let files = limits.files_per_hour.to_string();
    let size = format_bytes(limits.bytes_per_hour);
    let minutes = retry_after.div_ceil(60).max(1).to_string();
    let mut response = file_error(
        ErrorCode::RateLimited,
        "upload.quota",
        &[("files", &files), ("size", &size), ("minutes", &minutes)],
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after.max(1)));
    response
}

/// Records checked bytes within the disk budget, then stores them under their SHA-256 (off
/// the async workers): the one way a file enters the store, for a citizen's attachment and a
/// reply's. Over the budget: `507`, and nothing is stored.
pub(crate) async fn keep_upload(
    state: &AppState,
    bytes: axum::body::Bytes,
    media_type: MediaType,
) -> Result<Upload, AppError> {
    let upload_id = sha256_hex(&bytes);
    keep_hashed_upload(state, bytes, media_type, upload_id).await
}

/// [`keep_upload`] of bytes whose SHA-256 (`upload_id`) the caller already has.
async fn keep_hashed_upload(
    state: &AppState,
    bytes: axum::body::Bytes,
    media_type: MediaType,
    upload_id: String,
) -> Result<Upload, AppError> {
    let upload = Upload {
        upload_id,
        media_type,
        size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
    };
    keep_recorded(state, &upload, || state.files.put(&upload.upload_id, bytes)).await?;
    Ok(upload)
}

/// Records `upload` within the disk budget, then runs `write`, which puts its bytes in the file
/// store: the one way a file enters the store, whole or resumed. Over the budget: `507`, and
/// `write` is not run; a failed write takes a new record back.
pub(crate) async fn keep_recorded<F, W>(
    state: &AppState,
    upload: &Upload,
    write: W,
) -> Result<(), AppError>
where
    W: FnOnce() -> F,
    F: Future<Output = Result<(), crate::file_store::FileStoreError>>,
{
    let budget = state.upload_limits.budget_bytes;
    let recorded =
        submissions_store::record_upload(&state.db, upload, budget, state.clock.now()).await?;
    if recorded == Recorded::OverBudget {
        tracing::warn!(
            target: "guichet::security",
            event = "upload_refused",
            size = upload.size,
            budget,
            "upload refused: the stored uploads have reached the disk budget (--upload-budget-mib)"
        );
        return Err(AppError::StorageFull);
    }
    if let Err(error) = write().await {
        if recorded == Recorded::New {
            // Not counted against the budget, nor listed, without its file.
            submissions_store::unrecord_upload(&state.db, upload).await?;
        }
        return Err(error.into());
    }
    Ok(())
}
