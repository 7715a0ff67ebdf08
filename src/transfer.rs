//! Export and import of drafts as one JSON file (attachments in base64): the escape hatch of a
//! shared village computer whose browser data may be cleared (KoboToolbox: clearing the cache
//! destroyed unsent data). Unsent outbox records travel too, under their own client ids, so a
//! submission finished on one computer and sent from another is still one case.
//!
//! Import never overwrites: a draft whose id exists with other content comes in as a copy
//! with a new id, and the person chooses which to keep.

use js_sys::Uint8Array;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::clock;
use crate::storage::Storage;
use crate::storage::forms::{AttachmentMeta, Draft};
use crate::storage::outbox::{OutboxRecord, OutboxState};
use crate::sync::outbox;

const FORMAT: &str = "guichet-drafts";

#[derive(Serialize, Deserialize)]
struct ExportFile {
    format: String,
    version: u32,
    exported_at: String,
    drafts: Vec<Draft>,
    #[serde(default)]
    outbox: Vec<OutboxRecord>,
    attachments: Vec<ExportedAttachment>,
}

#[derive(Serialize, Deserialize)]
struct ExportedAttachment {
    id: String,
    name: String,
    media_type: String,
    data: String,
}

/// Why an export or import failed.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("storage: {0}")]
    Storage(#[from] crate::storage::StorageError),
    #[error("not a drafts file")]
    Format,
    #[error("browser: {0}")]
    Browser(String),
}

fn browser(error: wasm_bindgen::JsValue) -> TransferError {
    TransferError::Browser(format!("{error:?}"))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64 (padding optional); `None` on a foreign character.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
    {
        let v = ALPHABET.iter().position(|a| *a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The attachment ids named in some answers' text.
fn attachment_ids(answers: &str) -> Vec<String> {
    outbox::file_refs(answers)
        .into_iter()
        .map(|(_, file)| file.upload_id)
        .collect()
}

/// Every draft, unsent record and their attachments, as the file text.
pub async fn export_text(storage: &Storage) -> Result<String, TransferError> {
    let drafts = storage.list_drafts().await?;
    let outbox: Vec<OutboxRecord> = storage
        .list_outbox()
        .await?
        .into_iter()
        .filter(|r| r.state != OutboxState::Refused)
        .collect();
    let mut ids: Vec<String> = drafts
        .iter()
        .map(|d| d.answers.as_str())
        .chain(outbox.iter().map(|r| r.answers.as_str()))
        .flat_map(attachment_ids)
        .collect();
    ids.sort();
    ids.dedup();
    let mut attachments = Vec::new();
    for id in ids {
        if let Some((meta, blob)) = storage.get_attachment(&id).await? {
            let buffer = JsFuture::from(blob.array_buffer()).await.map_err(browser)?;
            attachments.push(ExportedAttachment {
                id: meta.id,
                name: meta.name,
                media_type: meta.media_type,
                data: base64_encode(&Uint8Array::new(&buffer).to_vec()),
            });
        }
    }
    let file = ExportFile {
        format: FORMAT.into(),
        version: 1,
        exported_at: clock::center_rfc3339(clock::now_ms()),
        drafts,
        outbox,
        attachments,
    };
    // Through the browser's JSON (as every bundle reads JSON): serde_json would add its own
    // writer to the drafts bundle. `json_compatible` writes `None` as `null`, as JSON has it.
    let value = file
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| TransferError::Format)?;
    js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or(TransferError::Format)
}

/// Offers the export as a download.
pub async fn export(storage: &Storage) -> Result<(), TransferError> {
    let text = export_text(storage).await?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let parts = js_sys::Array::of1(&text.into());
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(browser)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(browser)?;
    let document = leptos::prelude::document();
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(browser)?
        .unchecked_into();
    link.set_href(&url);
    let stamp = clock::center_minute(clock::now_ms()).replace([' ', ':'], "-");
    link.set_download(&format!("guichet-drafts-{stamp}.json"));
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// What an import did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ImportReport {
    /// Drafts (and records) that were not on the device.
    pub added: u32,
    /// Drafts whose id existed with other content: imported as copies with new ids.
    pub copies: u32,
    /// Drafts already on the device exactly.
    pub same: u32,
}

/// Imports the text of an export file.
pub async fn import_text(storage: &Storage, text: &str) -> Result<ImportReport, TransferError> {
    // A damaged or foreign file fails here, before anything is stored.
    let parsed = js_sys::JSON::parse(text).map_err(|_| TransferError::Format)?;
    let file: ExportFile =
        serde_wasm_bindgen::from_value(parsed).map_err(|_| TransferError::Format)?;
    if file.format != FORMAT {
        return Err(TransferError::Format);
    }
    for a in &file.attachments {
        let Some(bytes) = base64_decode(&a.data) else {
            continue;
        };
        // An attachment whose bytes do not match its id is not stored (damaged file).
        if crate::digest::sha256_hex(&bytes).await != a.id {
            continue;
        }
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(&a.media_type);
        let parts = js_sys::Array::of1(&Uint8Array::from(bytes.as_slice()));
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
            .map_err(browser)?;
        let meta = AttachmentMeta {
            id: a.id.clone(),
            name: a.name.clone(),
            media_type: a.media_type.clone(),
            size: bytes.len() as f64,
        };
        storage.put_attachment(&meta, &blob).await?;
    }
    let mut report = ImportReport::default();
    for mut record in file.outbox {
        if storage.get_outbox(&record.id).await?.is_none() {
            // Same id, same content: whichever computer sends it, the server makes one case.
            record.state = OutboxState::Pending;
            record.lease_owner = None;
            record.lease_until = 0.0;
            record.next_attempt_at = 0.0;
            storage.put_outbox(&record).await?;
            report.added += 1;
        }
    }
    for mut draft in file.drafts {
        match storage.get_draft(&draft.id).await? {
            None => {
                storage.put_draft(&draft).await?;
                report.added += 1;
            }
            Some(existing)
                if existing.answers == draft.answers
                    && existing.form_version == draft.form_version =>
            {
                report.same += 1;
            }
            Some(_) => {
                draft.id =
                    outbox::random_hex(16).map_err(|e| TransferError::Browser(e.to_string()))?;
                draft.submitted_as = None;
                storage.put_draft(&draft).await?;
                report.copies += 1;
            }
        }
    }
    Ok(report)
}

/// Imports a file the person chose.
pub async fn import(
    storage: &Storage,
    file: &web_sys::File,
) -> Result<ImportReport, TransferError> {
    let text = JsFuture::from(file.text())
        .await
        .map_err(browser)?
        .as_string()
        .ok_or(TransferError::Format)?;
    import_text(storage, &text).await
}
