//! Stored files in and out, one way for every kind: a staff upload kept with its name (appeal
//! evidence, disclosure replies, catalog attachments), and a stored upload sent back with its
//! media type, `nosniff` and its original name (RFC 6266 / 5987). Who may read a file is the
//! caller's business; this only answers once that is settled.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use guichet_core::form::validate::format_bytes;
use guichet_core::form::{FileRef, MediaType};
use guichet_core::wire::files::NamedUpload;

use super::submissions::{MAX_UPLOAD_BYTES, file_error, invalid, keep_upload};
use crate::AppState;
use crate::error::{AppError, ErrorCode, Json};
use crate::submissions_store::{self, Upload};

/// The files a case refers to, upload id → reference: those of its answers now and of every
/// 补正 it received (a 补正 replaces the answers; the materials sent before stay the case's).
pub(crate) async fn case_file_refs(
    state: &AppState,
    record: &crate::cases_store::CaseRecord,
) -> Result<BTreeMap<String, FileRef>, AppError> {
    let mut files = BTreeMap::new();
    let supplements: Vec<String> =
        sqlx::query_scalar("SELECT answers FROM case_supplements WHERE case_id = $1")
            .bind(record.id)
            .fetch_all(&state.db)
            .await?;
    for answers in supplements {
        if let Ok(answers) = serde_json::from_str::<serde_json::Value>(&answers) {
            files.append(&mut crate::desk_view::case_files(&answers));
        }
    }
    files.append(&mut crate::desk_view::case_files(&record.answers));
    Ok(files)
}

/// A file name as a person chose it, safe to keep and to put in a header: no control
/// characters, slashes or quotes, at most 120 characters.
pub fn clean_name(name: &str) -> String {
    name.trim()
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | '"'))
        .take(120)
        .collect()
}

/// Keeps an uploaded staff file (PDF, JPEG or PNG, at most 20 MB) and its name in
/// `names_table` (`disclosure_files`, `appeal_files`, `catalog_files`: `id` and `name`
/// columns): `201 {"id", "name", "media_type", "size"}`. A body announced as too large is
/// refused before it is read, with its size in the message.
pub(crate) async fn store_named_upload(
    state: &AppState,
    name: &str,
    headers: &HeaderMap,
    body: Body,
    names_table: &'static str,
) -> Result<Response, AppError> {
    let name = clean_name(name);
    if name.is_empty() {
        return Err(invalid("name", "form.required"));
    }
    let max = format_bytes(MAX_UPLOAD_BYTES);
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(size) = announced.filter(|s| *s > MAX_UPLOAD_BYTES) {
        let size = format_bytes(size);
        return Ok(file_error(
            ErrorCode::PayloadTooLarge,
            "upload.too_large",
            &[("max", &max), ("size", &size)],
        ));
    }
    let limit = usize::try_from(MAX_UPLOAD_BYTES).unwrap_or(usize::MAX);
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return Ok(file_error(
            ErrorCode::PayloadTooLarge,
            "upload.too_large_unknown",
            &[("max", &max)],
        ));
    };
    if bytes.is_empty() {
        return Err(invalid("file", "upload.empty"));
    }
    let Some(media_type) = MediaType::sniff(&bytes) else {
        return Ok(file_error(
            ErrorCode::UnsupportedMediaType,
            "upload.type",
            &[("types", "PDF/JPG/PNG")],
        ));
    };
    let Upload {
        upload_id,
        media_type,
        size,
    } = keep_upload(state, bytes, media_type).await?;
    sqlx::query(&format!(
        "INSERT INTO {names_table} (id, name) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name"
    ))
    .bind(&upload_id)
    .bind(&name)
    .execute(&state.db)
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(NamedUpload {
            id: upload_id,
            name,
            media_type,
            size,
        }),
    )
        .into_response())
}

/// Sends stored upload `id` as `name`, streamed from the file store: its media type,
/// `nosniff`, `Content-Disposition` (see [`content_disposition`]), `cache_control`, an `ETag`
/// (the SHA-256: the bytes of an id never change) and `Accept-Ranges`. A `Range` of one span
/// (`bytes=a-b`, `a-`, `-n`) is answered `206` with `Content-Range`, one that starts past the
/// end `416` with `Content-Range: bytes */size`; an `If-Range` naming another tag gets the
/// whole file. An id that is not one, or whose bytes are gone, is `404`.
pub(crate) async fn send_stored(
    state: &AppState,
    request: &HeaderMap,
    id: &str,
    name: &str,
    cache_control: &'static str,
) -> Result<Response, AppError> {
    if id.len() != 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let upload = submissions_store::find_upload(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !state.files.contains(id).await? {
        return Err(AppError::NotFound);
    }
    let size = upload.size;
    let etag = format!("\"{id}\"");
    let if_range_ok = request
        .get(header::IF_RANGE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|tag| tag.trim() == etag);
    let range = request
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .filter(|_| if_range_ok)
        .map(|v| parse_range(v, size));
    let (status, from, to) = match range {
        None | Some(RangeAsked::Ignored) => (StatusCode::OK, 0, size),
        Some(RangeAsked::Span(from, to)) => (StatusCode::PARTIAL_CONTENT, from, to),
        Some(RangeAsked::Unsatisfiable) => {
            let mut response = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            if let Ok(value) = HeaderValue::from_str(&format!("bytes */{size}")) {
                response.headers_mut().insert(header::CONTENT_RANGE, value);
            }
            return Ok(response);
        }
    };
    let mut response = Response::new(Body::new(state.files.read(id, from, to)));
    *response.status_mut() = status;
    let mime = upload.media_type.mime();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(to - from));
    if status == StatusCode::PARTIAL_CONTENT
        && let Ok(value) = HeaderValue::from_str(&format!("bytes {from}-{}/{size}", to - 1))
    {
        headers.insert(header::CONTENT_RANGE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&content_disposition(name, mime)) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    Ok(response)
}

/// What a `Range` header asks of a file of `size` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeAsked {
    /// Bytes `from..to` (end exclusive).
    Span(u64, u64),
    /// A span that starts past the end (or a suffix of an empty file): `416`.
    Unsatisfiable,
    /// Not a single byte range this server answers (another unit, several spans, nonsense):
    /// the whole file, as RFC 9110 allows.
    Ignored,
}

/// Reads a `Range` header (RFC 9110 §14.1.2) against a file of `size` bytes.
pub fn parse_range(value: &str, size: u64) -> RangeAsked {
    let Some(spec) = value.trim().strip_prefix("bytes=") else {
        return RangeAsked::Ignored;
    };
    if spec.contains(',') {
        return RangeAsked::Ignored;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return RangeAsked::Ignored;
    };
    let (first, last) = (first.trim(), last.trim());
    if first.is_empty() {
        // The last `n` bytes.
        return match last.parse::<u64>() {
            Ok(0) => RangeAsked::Unsatisfiable,
            Ok(_) if size == 0 => RangeAsked::Unsatisfiable,
            Ok(n) => RangeAsked::Span(size - n.min(size), size),
            Err(_) => RangeAsked::Ignored,
        };
    }
    let Ok(from) = first.parse::<u64>() else {
        return RangeAsked::Ignored;
    };
    let to = if last.is_empty() {
        size
    } else {
        match last.parse::<u64>() {
            Ok(last) if last >= from => last.saturating_add(1).min(size),
            _ => return RangeAsked::Ignored,
        }
    };
    if from >= size {
        RangeAsked::Unsatisfiable
    } else {
        RangeAsked::Span(from, to)
    }
}

/// `Content-Disposition` for a stored file (RFC 6266): `inline` for what a browser shows
/// (images, PDF), `attachment` otherwise; the name as `filename*=UTF-8''…` (RFC 5987) with an
/// ASCII `filename="…"` fallback (non-ASCII characters, quotes and backslashes as `_`).
pub fn content_disposition(name: &str, media_type: &str) -> String {
    let inline = media_type.starts_with("image/") || media_type == "application/pdf";
    let name = name.trim();
    let name = if name.is_empty() { "file" } else { name };
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!(
        "{}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}",
        if inline { "inline" } else { "attachment" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_disposition_has_a_utf8_name_and_an_ascii_fallback() {
        assert_eq!(
            content_disposition("身份证 正面.jpg", "image/jpeg"),
            "inline; filename=\"___ __.jpg\"; filename*=UTF-8''%E8%BA%AB%E4%BB%BD%E8%AF%81%20%E6%AD%A3%E9%9D%A2.jpg"
        );
        assert_eq!(
            content_disposition("a\"b.zip", "application/zip"),
            "attachment; filename=\"a_b.zip\"; filename*=UTF-8''a%22b.zip"
        );
        assert!(
            content_disposition("", "application/pdf").starts_with("inline; filename=\"file\"")
        );
    }

    #[test]
    fn ranges_are_read_as_rfc_9110_says() {
        assert_eq!(parse_range("bytes=0-99", 1000), RangeAsked::Span(0, 100));
        assert_eq!(parse_range("bytes=900-", 1000), RangeAsked::Span(900, 1000));
        assert_eq!(
            parse_range("bytes=900-5000", 1000),
            RangeAsked::Span(900, 1000)
        );
        assert_eq!(parse_range("bytes=-100", 1000), RangeAsked::Span(900, 1000));
        assert_eq!(parse_range("bytes=-5000", 1000), RangeAsked::Span(0, 1000));
        assert_eq!(parse_range("bytes=1000-", 1000), RangeAsked::Unsatisfiable);
        assert_eq!(parse_range("bytes=-0", 1000), RangeAsked::Unsatisfiable);
        assert_eq!(parse_range("bytes=0-1,5-9", 1000), RangeAsked::Ignored);
        assert_eq!(parse_range("items=0-1", 1000), RangeAsked::Ignored);
        assert_eq!(parse_range("bytes=9-1", 1000), RangeAsked::Ignored);
        assert_eq!(parse_range("bytes=x-", 1000), RangeAsked::Ignored);
    }

    #[test]
    fn names_lose_what_a_header_or_path_cannot_hold() {
        assert_eq!(clean_name("  ../报告\"1\".pdf\n"), "..报告1.pdf");
        assert_eq!(clean_name(&"长".repeat(200)).chars().count(), 120);
    }
}
