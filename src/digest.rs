//! SHA-256 of a file's bytes through the browser's SubtleCrypto: native code, off the main
//! thread. Core's SHA-256, built for size like every bundle, held the main thread of a 4×
//! slower CPU for 0.3–2 s on a 10 MB PDF (`end2end/bench/attach.spec.ts`). Core's stays as the
//! fallback: pages served over plain http (a village room's intranet) are not a secure context
//! and have no `crypto.subtle`. Both give the same hex, which is the attachment's id.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// SHA-256 of `bytes` as 64 lowercase hex digits.
pub async fn sha256_hex(bytes: &[u8]) -> String {
    match subtle_sha256(bytes).await {
        Some(digest) => guichet_core::form::lower_hex(&digest),
        None => guichet_core::form::sha256_hex(bytes),
    }
}

/// The digest from SubtleCrypto, or `None` where the page has none (not a secure context) or
/// it failed.
async fn subtle_sha256(bytes: &[u8]) -> Option<Vec<u8>> {
    let crypto = web_sys::window()?.crypto().ok()?;
    // `subtle` is undefined outside a secure context, where web-sys's getter would lie.
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).ok()?;
    let subtle = subtle.dyn_into::<web_sys::SubtleCrypto>().ok()?;
    let promise = subtle.digest_with_str_and_u8_array("SHA-256", bytes).ok()?;
    let digest = JsFuture::from(promise).await.ok()?;
    let digest = Uint8Array::new(&digest).to_vec();
    (digest.len() == 32).then_some(digest)
}
