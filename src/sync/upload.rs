//! An attachment sent in pieces (`docs/files.md`, "Resumable uploads"): a line that drops every
//! megabyte still gets a 10 MB scan through, and only what did not arrive is sent again. The
//! server keeps bytes as they arrive; after a drop the app asks it how much it has (`HEAD`) and
//! sends the rest from there. The upload's id is kept beside the attachment's Blob in
//! IndexedDB, so a reload or a killed browser resumes it too. The server checks the whole file
//! against its SHA-256 (the attachment's id, fixed when it was attached) before it counts.
//!
//! Written with the browser's JSON parser and `Reflect`, no serde derive: this code is in
//! every bundle with an outbox, and the forms bundle has no bytes to spare.

use gloo_net::http::Request;
use wasm_bindgen::JsValue;

use crate::api::{self, ApiError};
use crate::storage::Storage;

/// Bytes sent per request: small enough that a cut costs little, large enough that a fast
/// line is not slowed by round trips.
pub const PIECE: f64 = 512.0 * 1024.0;

/// Requests one attempt may make that fail on the network before it gives up to the outbox's
/// backoff (each one that fails has usually delivered part of its piece).
pub const DROPS_PER_ATTEMPT: u32 = 40;

const BASE: &str = "/api/uploads/resumable";

fn number(value: &JsValue, key: &str) -> Option<f64> {
    js_sys::Reflect::get(value, &key.into()).ok()?.as_f64()
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(value, &key.into()).ok()?.as_string()
}

async fn answer(response: gloo_net::http::Response) -> Result<JsValue, ApiError> {
    if response.ok() {
        api::parsed(response).await
    } else {
        Err(api::error_of(response).await)
    }
}

/// Starts an upload of `size` bytes hashing to `sha256` for `field`: `Ok(None)` when the server
/// already holds those bytes, else the new upload's id.
async fn create(
    item_code: &str,
    form_version: u32,
    field: &str,
    size: f64,
    sha256: &str,
) -> Result<Option<String>, ApiError> {
    let body = js_sys::Object::new();
    for (key, value) in [
        ("item_code", JsValue::from_str(item_code)),
        ("form_version", JsValue::from(form_version)),
        ("field_id", JsValue::from_str(field)),
        ("size", JsValue::from_f64(size)),
        ("sha256", JsValue::from_str(sha256)),
    ] {
        let _ = js_sys::Reflect::set(&body, &key.into(), &value);
    }
    let body: String = js_sys::JSON::stringify(&body)
        .map_err(|_| ApiError::Unreadable { status: 0 })?
        .into();
    let (value, _) = api::post_frozen("uploads/resumable", body).await?;
    if js_sys::Reflect::has(&value, &"upload".into()).unwrap_or(false) {
        return Ok(None);
    }
    text(&value, "id")
        .map(Some)
        .ok_or(ApiError::Unreadable { status: 201 })
}

/// How many bytes of upload `id` the server has; `None` if it no longer knows the upload.
async fn offset(id: &str) -> Result<Option<f64>, ApiError> {
    let (request, _timer) = api::prepared(Request::get(&format!("{BASE}/{id}")));
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if response.status() == 404 {
        return Ok(None);
    }
    Ok(number(&answer(response).await?, "offset"))
}

/// Sends `blob`'s bytes from `at` (one [`PIECE`] at most) to upload `id`.
async fn send_piece(id: &str, blob: &web_sys::Blob, at: f64) -> Result<(), ApiError> {
    let end = (at + PIECE).min(blob.size());
    let piece = blob
        .slice_with_f64_and_f64(at, end)
        .map_err(|_| ApiError::Unreadable { status: 0 })?;
    let (request, _timer) = api::prepared(Request::patch(&format!("{BASE}/{id}")));
    let response = request
        .header("Upload-Offset", &format!("{at}"))
        .body(piece)
        .map_err(|_| ApiError::Network)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    // A 409 only means the offset moved (another tab, or a piece that did arrive): asked anew.
    if response.ok() || response.status() == 409 {
        Ok(())
    } else {
        Err(api::error_of(response).await)
    }
}

/// Sends attachment `sha256` (`blob`) for `field`, resuming an upload under way: the upload
/// id the server gave the file (its SHA-256).
pub async fn upload(
    storage: &Storage,
    item_code: &str,
    form_version: u32,
    field: &str,
    sha256: &str,
    blob: &web_sys::Blob,
) -> Result<String, ApiError> {
    let size = blob.size();
    let mut drops = 0;
    loop {
        let kept = storage.attachment_resume(sha256).await.ok().flatten();
        let id = match kept {
            Some(id) => id,
            None => match create(item_code, form_version, field, size, sha256).await? {
                None => return Ok(sha256.to_owned()),
                Some(id) => {
                    let _ = storage.set_attachment_resume(sha256, Some(&id)).await;
                    id
                }
            },
        };
        let step = match offset(&id).await {
            // Gone (finished elsewhere, refused, or forgotten after a day): start again.
            Ok(None) => {
                let _ = storage.set_attachment_resume(sha256, None).await;
                continue;
            }
            Ok(Some(at)) if at >= size => finish(&id).await,
            Ok(Some(at)) => send_piece(&id, blob, at).await.map(|()| None),
            Err(error) => Err(error),
        };
        match step {
            Ok(Some(upload_id)) => {
                let _ = storage.set_attachment_resume(sha256, None).await;
                return Ok(upload_id);
            }
            Ok(None) => {}
            Err(ApiError::Network) if drops < DROPS_PER_ATTEMPT => drops += 1,
            Err(error) => {
                if !error.is_transient() {
                    // Refused for good (a wrong hash forgets the upload on the server too).
                    let _ = storage.set_attachment_resume(sha256, None).await;
                }
                return Err(error);
            }
        }
    }
}

/// Asks the server to check and keep upload `id`: the file's id, or `None` if bytes are still
/// missing (sent next).
async fn finish(id: &str) -> Result<Option<String>, ApiError> {
    let (request, _timer) = api::prepared(Request::post(&format!("{BASE}/{id}/finish")));
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if response.status() == 409 {
        return Ok(None);
    }
    let value = answer(response).await?;
    text(&value, "upload_id")
        .map(Some)
        .ok_or(ApiError::Unreadable { status: 201 })
}
