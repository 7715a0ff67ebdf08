//! Resumable uploads: a citizen's attachment sent in pieces over a line that drops, each piece
//! at an offset, so that after a drop the app asks how much arrived and sends only the rest.
//! See `docs/files.md` for the protocol; the bytes are kept in the file store (`file_store`)
//! as they arrive, so a piece cut half-way keeps its first half.
//!
//! - `POST /api/uploads/resumable` `{"item_code", "form_version", "field_id", "size",
//!   "sha256"}` → `201 {"id", "offset": 0, "size"}`; the field's limits are checked before a
//!   byte is sent (`413` with the limit in words), and the hourly quota is counted here
//!   (`429`). Bytes already stored (same SHA-256, a type the field takes) → `200 {"upload":
//!   {"upload_id", "media_type", "size"}}`: nothing to send.
//! - `PATCH /api/uploads/resumable/{id}` with `Upload-Offset: n` and bytes as the body →
//!   `204` with the new `Upload-Offset`; `409 conflict` with `offset` (body and header) when
//!   the upload is elsewhere; `413` past the announced size; `404` for an unknown id.
//! - `GET` or `HEAD /api/uploads/resumable/{id}` → `Upload-Offset`, `Upload-Length` (and
//!   `{"offset", "size"}` for GET).
//! - `POST /api/uploads/resumable/{id}/finish` → the bytes are checked against the announced
//!   SHA-256 and recognised (JPEG, PNG, PDF the field accepts), recorded within the disk
//!   budget, and kept: `201 {"upload_id", "media_type", "size"}` as `POST /api/uploads`
//!   answers. A hash that does not match is `422` with `fields.file` and the upload is
//!   forgotten (start again); `409` with `offset` while bytes are missing.
//! - `DELETE /api/uploads/resumable/{id}` forgets it.
//!
//! The id (128 random bits) is the only key: whoever holds it may continue the upload, as
//! whoever holds the file could upload it again.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use guichet_core::form::{FieldKind, MediaType, validate::format_bytes};
use guichet_core::wire::files::{AlreadyKept, ResumableStarted, ResumableStatus};
use serde::Deserialize;
use serde_json::json;

use super::submissions::{
    MAX_UPLOAD_BYTES, file_error, invalid, keep_recorded, quota_refused, type_refused,
};
use crate::AppState;
use crate::client_addr::ClientIp;
use crate::error::{AppError, ErrorCode, ErrorInfo, Json};
use crate::file_store::{Appended, PIECE};
use crate::services_store;
use crate::submissions_store::{self, Upload};
use crate::upload_quota::{self, QuotaDecision};

/// Header carrying an upload's offset, both ways (as in the IETF resumable-upload drafts).
pub const UPLOAD_OFFSET: &str = "upload-offset";

/// Header carrying an upload's announced size.
pub const UPLOAD_LENGTH: &str = "upload-length";

/// The routes of this module, relative to `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/uploads/resumable", post(create))
        .route(
            "/uploads/resumable/{id}",
            get(status)
                .head(status)
                .patch(append)
                .delete(discard)
                .layer(DefaultBodyLimit::disable()),
        )
        .route("/uploads/resumable/{id}/finish", post(finish))
}

/// Body of `POST /api/uploads/resumable`.
#[derive(Debug, Deserialize)]
pub struct CreateRequest {
    /// The service item.
    pub item_code: String,
    /// The form version.
    pub form_version: u32,
    /// The `file` field.
    pub field_id: String,
    /// The file's size in bytes.
    pub size: u64,
    /// Its SHA-256, hex.
    pub sha256: String,
}

/// The accepted types and the size limit of file field `field_id`.
async fn field_limits(
    state: &AppState,
    item_code: &str,
    form_version: u32,
    field_id: &str,
) -> Result<(Vec<MediaType>, u64), AppError> {
    let definition = services_store::form(&state.db, item_code, form_version)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(FieldKind::File {
        accept, max_bytes, ..
    }) = definition.field(field_id).map(|f| &f.kind)
    else {
        return Err(invalid("field_id", "upload.not_file_field"));
    };
    Ok((accept.clone(), (*max_bytes).min(MAX_UPLOAD_BYTES)))
}

fn is_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// `POST /api/uploads/resumable`.
async fn create(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Json(request): Json<CreateRequest>,
) -> Result<Response, AppError> {
    let (accept, limit) = field_limits(
        &state,
        &request.item_code,
        request.form_version,
        &request.field_id,
    )
    .await?;
    if request.size == 0 {
        return Err(invalid("file", "upload.empty"));
    }
    if request.size > limit {
        let (max, size) = (format_bytes(limit), format_bytes(request.size));
        return Ok(file_error(
            ErrorCode::PayloadTooLarge,
            "upload.too_large",
            &[("max", &max), ("size", &size)],
        ));
    }
    let sha256 = request.sha256.trim().to_ascii_lowercase();
    if !is_sha256(&sha256) {
        return Err(invalid("sha256", "upload.corrupt"));
    }
    // The same bytes already kept: nothing to send (another person's identical scan, or a
    // retry whose answer was lost). Recorded again so its week before clean-up starts anew.
    if let Some(known) = submissions_store::find_upload(&state.db, &sha256).await?
        && known.size == request.size
        && accept.contains(&known.media_type)
        && state.files.contains(&sha256).await?
    {
        let budget = state.upload_limits.budget_bytes;
        submissions_store::record_upload(&state.db, &known, budget, state.clock.now()).await?;
        return Ok((StatusCode::OK, Json(AlreadyKept { upload: known })).into_response());
    }
    let now = state.clock.now();
    let reserved =
        upload_quota::reserve(&state.db, state.upload_limits, &client, request.size, now).await?;
    if let QuotaDecision::Exceeded { retry_after } = reserved {
        return Ok(quota_refused(&state, &client, retry_after));
    }
    let mut id = [0u8; 16];
    getrandom::fill(&mut id).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    let id: String = id.iter().map(|b| format!("{b:02x}")).collect();
    sqlx::query(
        "INSERT INTO resumable_uploads
             (id, client_ip, item_code, form_version, field_id, size, sha256, received, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)",
    )
    .bind(&id)
    .bind(&client)
    .bind(&request.item_code)
    .bind(i64::from(request.form_version))
    .bind(&request.field_id)
    .bind(i64::try_from(request.size).unwrap_or(i64::MAX))
    .bind(&sha256)
    .bind(crate::db::time_text(now))
    .execute(&state.db)
    .await?;
    let mut response = (
        StatusCode::CREATED,
        Json(ResumableStarted {
            id,
            offset: 0,
            size: request.size,
        }),
    )
        .into_response();
    response
        .headers_mut()
        .insert(UPLOAD_OFFSET, HeaderValue::from(0u64));
    Ok(response)
}

/// A resumable upload as recorded.
struct Pending {
    item_code: String,
    form_version: u32,
    field_id: String,
    size: u64,
    sha256: String,
    received: u64,
}

async fn pending(state: &AppState, id: &str) -> Result<Pending, AppError> {
    let row: Option<(String, i64, String, i64, String, i64)> = sqlx::query_as(
        "SELECT item_code, form_version, field_id, size, sha256, received
         FROM resumable_uploads WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&state.db)
    .await?;
    let (item_code, form_version, field_id, size, sha256, received) =
        row.ok_or(AppError::NotFound)?;
    Ok(Pending {
        item_code,
        form_version: u32::try_from(form_version).unwrap_or(0),
        field_id,
        size: u64::try_from(size).unwrap_or(0),
        sha256,
        received: u64::try_from(received).unwrap_or(0),
    })
}

fn with_offsets(mut response: Response, offset: u64, size: u64) -> Response {
    let headers = response.headers_mut();
    headers.insert(UPLOAD_OFFSET, HeaderValue::from(offset));
    headers.insert(UPLOAD_LENGTH, HeaderValue::from(size));
    response
}

/// `409 conflict` saying where the upload stands.
fn conflict(offset: u64, size: u64) -> Response {
    let mut info = ErrorInfo::new(ErrorCode::Conflict, BTreeMap::new());
    info.extra = Some(("offset", json!(offset)));
    with_offsets(
        info.into_response_in(crate::error::Lang::default()),
        offset,
        size,
    )
}

/// `GET` / `HEAD /api/uploads/resumable/{id}`.
async fn status(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let upload = pending(&state, &id).await?;
    Ok(with_offsets(
        Json(ResumableStatus {
            offset: upload.received,
            size: upload.size,
        })
        .into_response(),
        upload.received,
        upload.size,
    ))
}

/// `PATCH /api/uploads/resumable/{id}`: the body's bytes at `Upload-Offset`, kept piece by
/// piece as they arrive.
async fn append(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let upload = pending(&state, &id).await?;
    let Some(mut offset) = headers
        .get(UPLOAD_OFFSET)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
    else {
        return Err(invalid(UPLOAD_OFFSET, "upload.offset"));
    };
    if offset != upload.received {
        return Ok(conflict(upload.received, upload.size));
    }
    let mut body = body;
    let mut buffer: Vec<u8> = Vec::with_capacity(PIECE);
    let mut cut = false;
    loop {
        let frame = std::future::poll_fn(|cx| {
            http_body::Body::poll_frame(std::pin::Pin::new(&mut body), cx)
        })
        .await;
        let data = match frame {
            None => break,
            Some(Err(_)) => {
                // The line dropped: keep what arrived, so the next try starts after it.
                cut = true;
                break;
            }
            Some(Ok(frame)) => match frame.into_data() {
                Ok(data) => data,
                Err(_) => continue,
            },
        };
        if offset + (buffer.len() + data.len()) as u64 > upload.size {
            keep(&state, &id, &mut offset, &mut buffer).await?;
            let max = format_bytes(upload.size);
            return Ok(with_offsets(
                file_error(
                    ErrorCode::PayloadTooLarge,
                    "upload.too_large_unknown",
                    &[("max", &max)],
                ),
                offset,
                upload.size,
            ));
        }
        buffer.extend_from_slice(&data);
        while buffer.len() >= PIECE {
            let rest = buffer.split_off(PIECE);
            match keep(&state, &id, &mut offset, &mut buffer).await? {
                Some(current) => return Ok(conflict(current, upload.size)),
                None => buffer = rest,
            }
        }
    }
    if let Some(current) = keep(&state, &id, &mut offset, &mut buffer).await? {
        return Ok(conflict(current, upload.size));
    }
    if cut {
        tracing::info!(upload = %id, offset, "resumable upload: the line dropped mid-piece");
    }
    Ok(with_offsets(
        StatusCode::NO_CONTENT.into_response(),
        offset,
        upload.size,
    ))
}

/// Appends `buffer` at `offset` and empties it; `Some(current offset)` if the upload had
/// moved meanwhile (another request on it).
async fn keep(
    state: &AppState,
    id: &str,
    offset: &mut u64,
    buffer: &mut Vec<u8>,
) -> Result<Option<u64>, AppError> {
    if buffer.is_empty() {
        return Ok(None);
    }
    match state.files.append(id, *offset, buffer).await? {
        Appended::At(next) => {
            *offset = next;
            buffer.clear();
            Ok(None)
        }
        Appended::Conflict(Some(current)) => Ok(Some(current)),
        Appended::Conflict(None) => Err(AppError::NotFound),
    }
}

/// `POST /api/uploads/resumable/{id}/finish`.
async fn finish(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let upload = pending(&state, &id).await?;
    if upload.received != upload.size {
        return Ok(conflict(upload.received, upload.size));
    }
    let digest = state.files.partial_digest(&id).await?;
    if digest.sha256 != upload.sha256 || digest.size != upload.size {
        tracing::warn!(upload = %id, "resumable upload: the bytes do not match their SHA-256");
        state.files.discard_partial(&id).await?;
        return Err(invalid("file", "upload.corrupt"));
    }
    let (accept, _) = field_limits(
        &state,
        &upload.item_code,
        upload.form_version,
        &upload.field_id,
    )
    .await?;
    let Some(media_type) = MediaType::sniff(&digest.head).filter(|t| accept.contains(t)) else {
        state.files.discard_partial(&id).await?;
        return Ok(type_refused(&accept));
    };
    let kept = Upload {
        upload_id: upload.sha256,
        media_type,
        size: upload.size,
    };
    keep_recorded(&state, &kept, || {
        state.files.commit_partial(&id, &kept.upload_id)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(kept)).into_response())
}

/// `DELETE /api/uploads/resumable/{id}`.
async fn discard(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    pending(&state, &id).await?;
    state.files.discard_partial(&id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
