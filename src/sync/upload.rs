//! An attachment sent in pieces (`docs/files.md`, "Resumable uploads"): a line that drops every
//! megabyte still gets a 10 MB scan through, and only what did not arrive is sent again. The
//! server keeps bytes as they arrive; after a drop the app asks it how much it has (`HEAD`) and
//! sends the rest from there. The upload's id is kept in `localStorage` under the file's
//! SHA-256 (cheaper in the bundle than a field in IndexedDB, and as lasting), so a reload or a
//! killed browser resumes it too. The server checks the whole file
//! against its SHA-256 (the attachment's id, fixed when it was attached) before it counts.
//!
//! Written with the browser's JSON parser and `Reflect`, no serde derive: this code is in
//! every bundle with an outbox, and the forms bundle has no bytes to spare. The names it reads
//! are core's (`wire::files`), whose tests pin them to the answers' types.

use gloo_net::http::Request;
use guichet_core::wire::files::{RESUMABLE_ID, RESUMABLE_OFFSET, UPLOAD_ID};
use wasm_bindgen::JsValue;

use crate::api::{self, ApiError};

/// Bytes sent per request: a cut costs the piece in flight (the browser has pushed it into the
/// line when it drops), so it is small — 1.12× the file's size through a line cut every
/// megabyte, where 512 KiB cost up to 1.45× (BENCHMARKS.md) — and each piece is one round trip
/// (the next follows a success without asking), so a 10 MB file is 80 requests.
pub const PIECE: f64 = 128.0 * 1024.0;

/// Requests one attempt may make that fail on the network before it gives up to the outbox's
/// backoff (each one that fails has usually delivered part of its piece).
pub const DROPS_PER_ATTEMPT: u32 = 40;

const BASE: &str = "/api/uploads/resumable";

/// Where the upload of file `sha256` under way is kept (its id), if `localStorage` is there.
fn kept(sha256: &str) -> (Option<web_sys::Storage>, String) {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    (storage, format!("guichet.upload.{sha256}"))
}

/// Keeps `id` as file `sha256`'s upload under way, or forgets it (`None`).
fn keep(sha256: &str, id: Option<&str>) {
    if let (Some(storage), key) = kept(sha256) {
        let _ = match id {
            Some(id) => storage.set_item(&key, id),
            None => storage.remove_item(&key),
        };
    }
}

fn field(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// One request of the protocol: its status and its JSON (`null` when it has none). The one
/// place that sends, so the bundle carries one state machine for the three calls.
async fn call(
    request: gloo_net::http::RequestBuilder,
    body: Option<JsValue>,
) -> Result<(u16, JsValue), ApiError> {
    let (request, _timer) = api::prepared(request);
    let response = match body {
        Some(body) => {
            request
                .body(body)
                .map_err(|_| ApiError::Network)?
                .send()
                .await
        }
        None => request.send().await,
    }
    .map_err(|_| ApiError::Network)?;
    let status = response.status();
    // 404: the upload is gone; 409: the offset moved. Both are answered by asking anew.
    if response.ok() || status == 404 || status == 409 {
        let text = response.text().await.unwrap_or_default();
        Ok((status, js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL)))
    } else {
        Err(api::error_of(response).await)
    }
}

/// One step of [`upload`]: start the upload, or send the next piece (asking first where the
/// upload stands unless the last piece's success said it, `at`), or finish it. `Some(id)` when
/// the file is on the server.
async fn step(
    sha256: &str,
    blob: &web_sys::Blob,
    create: &str,
    at: &mut Option<f64>,
) -> Result<Option<String>, ApiError> {
    let (storage, key) = kept(sha256);
    let Some(id) = storage.and_then(|s| s.get_item(&key).ok().flatten()) else {
        let (created, _) = api::post_frozen("uploads/resumable", create.to_owned()).await?;
        let Some(id) = field(&created, RESUMABLE_ID).as_string() else {
            // The server already holds these bytes: nothing to send.
            return Ok(Some(sha256.to_owned()));
        };
        keep(sha256, Some(&id));
        *at = Some(0.0);
        return Ok(None);
    };
    let url = format!("{BASE}/{id}");
    let offset = match at.take() {
        Some(offset) => offset,
        None => {
            let (status, stands) = call(Request::get(&url), None).await?;
            if status == 404 {
                // Gone (finished elsewhere, refused, or forgotten after a day): start again.
                keep(sha256, None);
                return Ok(None);
            }
            field(&stands, RESUMABLE_OFFSET).as_f64().unwrap_or(0.0)
        }
    };
    if offset < blob.size() {
        let end = (offset + PIECE).min(blob.size());
        let piece = blob
            .slice_with_f64_and_f64(offset, end)
            .map_err(|_| ApiError::Unreadable { status: 0 })?;
        let request = Request::patch(&url).header("Upload-Offset", &(offset as u64).to_string());
        let (status, _) = call(request, Some(piece.into())).await?;
        // 204: all of it arrived. 404 or 409: ask anew.
        if status < 300 {
            *at = Some(end);
        }
    } else {
        let (status, done) = call(Request::post(&format!("{url}/finish")), None).await?;
        if status < 300 {
            return Ok(field(&done, UPLOAD_ID).as_string());
        }
    }
    Ok(None)
}

/// Sends attachment `sha256` (`blob`) for `field_id`, resuming an upload under way: the
/// upload id the server gave the file (its SHA-256).
pub async fn upload(
    item_code: &str,
    form_version: u32,
    field_id: &str,
    sha256: &str,
    blob: &web_sys::Blob,
) -> Result<String, ApiError> {
    let body = js_sys::Object::new();
    for (key, value) in [
        ("item_code", JsValue::from_str(item_code)),
        ("form_version", JsValue::from(form_version)),
        ("field_id", JsValue::from_str(field_id)),
        ("size", JsValue::from_f64(blob.size())),
        ("sha256", JsValue::from_str(sha256)),
    ] {
        let _ = js_sys::Reflect::set(&body, &key.into(), &value);
    }
    let create = js_sys::JSON::stringify(&body).map_or(String::new(), String::from);
    let (mut drops, mut steps) = (0, 0u32);
    let mut at = None;
    loop {
        // Bounded even if the server kept answering 409: the outbox tries again later.
        steps += 1;
        if steps > 2_000 {
            return Err(ApiError::Network);
        }
        match step(sha256, blob, &create, &mut at).await {
            Ok(Some(upload_id)) => {
                keep(sha256, None);
                return Ok(upload_id);
            }
            Ok(None) => {}
            Err(ApiError::Network) if drops < DROPS_PER_ATTEMPT => drops += 1,
            Err(error) => {
                if !error.is_transient() {
                    // Refused for good (a wrong hash forgets the upload on the server too).
                    keep(sha256, None);
                }
                return Err(error);
            }
        }
    }
}
