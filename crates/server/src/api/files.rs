//! Stored files in and out, one way for every kind: a staff upload kept with its name (appeal
//! evidence, disclosure replies, catalog attachments), and a stored upload sent back with its
//! media type, `nosniff` and its original name (RFC 6266 / 5987). Who may read a file is the
//! caller's business; this only answers once that is settled.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use guichet_core::form::MediaType;
use guichet_core::form::validate::format_bytes;
use serde_json::json;

use super::submissions::{MAX_UPLOAD_BYTES, file_error, invalid, keep_upload};
use crate::AppState;
use crate::error::{AppError, ErrorCode, Json};
use crate::submissions_store::{self, Upload};

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
        Json(json!({"id": upload_id, "name": name, "media_type": media_type, "size": size})),
    )
        .into_response())
}

/// Sends stored upload `id` as `name`: its media type, `nosniff`, `Content-Disposition` (see
/// [`content_disposition`]) and `cache_control`. An id that is not one, or whose bytes are
/// gone, is `404`.
pub(crate) async fn send_stored(
    state: &AppState,
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
    let dir = state.uploads_dir.to_path_buf();
    let bytes = match tokio::fs::read(dir.join(&id[..2]).join(id)).await {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let mime = upload.media_type.mime();
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(value) = HeaderValue::from_str(&content_disposition(name, mime)) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
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
    fn names_lose_what_a_header_or_path_cannot_hold() {
        assert_eq!(clean_name("  ../报告\"1\".pdf\n"), "..报告1.pdf");
        assert_eq!(clean_name(&"长".repeat(200)).chars().count(), 120);
    }
}
