//! Attachments on the device: a photo is scaled down (about 2000 px on its long side, JPEG) in
//! a canvas before it is stored, so a 12-megapixel phone photo becomes a few hundred KB to send
//! over 3G; a PDF is kept as it is. The type is recognised from the bytes (as the server does)
//! and the field's limits are checked at once, while the person is still there to choose
//! another file — not when the upload fails later (ODK collect#6457).

use guichet_core::form::{FileRef, MediaType};
use js_sys::{Promise, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlCanvasElement, ImageBitmap};

use crate::storage::Storage;
use crate::storage::forms::AttachmentMeta;

/// The long side of a scaled photo, in pixels: readable for an ID card or a certificate.
pub const MAX_SIDE: f64 = 2000.0;
/// JPEG quality of a scaled photo.
pub const JPEG_QUALITY: f64 = 0.85;

/// Why a file was not attached, as a string key (with `{max}` / `{types}` / `{total}` filled
/// by the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachError {
    /// Not a type the field accepts.
    Type,
    /// Larger than the field allows even after scaling.
    Size,
    /// The browser could not read or scale the image.
    Unreadable,
    /// The device's storage refused it (full?).
    Storage,
    /// It would take the application's files over their total (`MAX_CASE_FILE_BYTES`).
    Total,
}

impl AttachError {
    /// The string key.
    pub fn key(self) -> &'static str {
        match self {
            AttachError::Type => "fui.file.type",
            AttachError::Size => "fui.file.size",
            AttachError::Unreadable => "fui.file.unreadable",
            AttachError::Storage => "fui.file.storage",
            AttachError::Total => "fui.file.case_total",
        }
    }
}

async fn bytes_of(blob: &Blob) -> Result<Vec<u8>, AttachError> {
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| AttachError::Unreadable)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Draws the image scaled to fit [`MAX_SIDE`] and encodes it as JPEG.
async fn scale(file: &File) -> Result<Blob, AttachError> {
    let window = web_sys::window().ok_or(AttachError::Unreadable)?;
    let bitmap: ImageBitmap = JsFuture::from(
        window
            .create_image_bitmap_with_blob(file)
            .map_err(|_| AttachError::Unreadable)?,
    )
    .await
    .map_err(|_| AttachError::Unreadable)?
    .unchecked_into();
    let (w, h) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    let ratio = (MAX_SIDE / w.max(h)).min(1.0);
    let (tw, th) = ((w * ratio).round().max(1.0), (h * ratio).round().max(1.0));
    let canvas: HtmlCanvasElement = window
        .document()
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|e| e.dyn_into().ok())
        .ok_or(AttachError::Unreadable)?;
    canvas.set_width(tw as u32);
    canvas.set_height(th as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(AttachError::Unreadable)?;
    // JPEG has no transparency: a white page behind a PNG scan, not black.
    context.set_fill_style_str("#fff");
    context.fill_rect(0.0, 0.0, tw, th);
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, tw, th)
        .map_err(|_| AttachError::Unreadable)?;
    bitmap.close();
    let mut keep: Option<Closure<dyn FnMut(JsValue)>> = None;
    let promise = Promise::new(&mut |resolve, _reject| {
        let done = Closure::<dyn FnMut(JsValue)>::new(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        let _ = canvas.to_blob_with_type_and_encoder_options(
            done.as_ref().unchecked_ref(),
            "image/jpeg",
            &JsValue::from_f64(JPEG_QUALITY),
        );
        keep = Some(done);
    });
    let blob = JsFuture::from(promise).await;
    drop(keep);
    blob.ok()
        .and_then(|b| b.dyn_into::<Blob>().ok())
        .ok_or(AttachError::Unreadable)
}

/// Prepares `file` for a field accepting `accept` up to `max_bytes`, stores it, and returns the
/// reference to put in the answers.
pub async fn attach(
    storage: &Storage,
    file: &File,
    accept: &[MediaType],
    max_bytes: u64,
) -> Result<FileRef, AttachError> {
    let declared = file.type_();
    let is_image = declared.starts_with("image/");
    // A photo is scaled when JPEG is accepted; otherwise (or for a PDF) the file goes as it is.
    let (blob, name): (Blob, String) = if is_image && accept.contains(&MediaType::Jpeg) {
        let scaled = scale(file).await?;
        let stem = file.name();
        let stem = stem
            .rsplit_once('.')
            .map_or(stem.as_str(), |(s, _)| s)
            .to_owned();
        (scaled, format!("{stem}.jpg"))
    } else {
        (file.clone().into(), file.name())
    };
    let bytes = bytes_of(&blob).await?;
    let media_type = MediaType::sniff(&bytes)
        .filter(|t| accept.contains(t))
        .ok_or(AttachError::Type)?;
    let size = bytes.len() as u64;
    if size > max_bytes {
        return Err(AttachError::Size);
    }
    let id = crate::digest::sha256_hex(&bytes).await;
    // Store exactly the bytes that were hashed, with their real type.
    let options = BlobPropertyBag::new();
    options.set_type(media_type.mime());
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes.as_slice()));
    let stored = Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| AttachError::Storage)?;
    let meta = AttachmentMeta {
        id: id.clone(),
        name: name.clone(),
        media_type: media_type.mime().to_owned(),
        size: size as f64,
    };
    storage
        .put_attachment(&meta, &stored)
        .await
        .map_err(|_| AttachError::Storage)?;
    Ok(FileRef {
        upload_id: id,
        name,
        media_type,
        size,
    })
}
