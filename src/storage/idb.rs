//! The IndexedDB driver of the application records (`forms`, `outbox`, `village`): requests
//! and transactions through `web_sys`, awaited without leaking their callbacks, with a full
//! device told apart by the error's name ([`StorageError::Full`]).
//!
//! It is used rather than the typed wrapper of the parent module because attachments are
//! Blobs, which serde cannot carry, and the outbox needs read-check-write inside one
//! transaction (its lease) and writes across several stores at once (a confirmed submission
//! removes its draft and keeps its receipt atomically).

use js_sys::{Array, Promise};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbRequest, IdbTransaction};

use super::{Storage, StorageError};

pub(super) fn op(error: JsValue) -> StorageError {
    let text = js_sys::Reflect::get(&error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "IndexedDB error".into());
    StorageError::Operation(text)
}

pub(super) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StorageError> {
    serde_wasm_bindgen::to_value(value).map_err(|e| StorageError::Operation(e.to_string()))
}

pub(super) fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<Option<T>, StorageError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    serde_wasm_bindgen::from_value(value)
        .map(Some)
        .map_err(|e| StorageError::Operation(e.to_string()))
}

/// Waits for one of two callbacks to be called: `Ok` for the first, `Err` for the second.
/// The closures live until then, and are dropped afterwards (no leak per request).
async fn wait(
    install: impl FnOnce(&js_sys::Function, &js_sys::Function, &js_sys::Function),
) -> Result<(), ()> {
    let mut keep: Vec<Closure<dyn FnMut()>> = Vec::new();
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = Closure::<dyn FnMut()>::new(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let reject2 = reject.clone();
        let err = Closure::<dyn FnMut()>::new(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        let abort = Closure::<dyn FnMut()>::new(move || {
            let _ = reject2.call0(&JsValue::NULL);
        });
        keep.push(ok);
        keep.push(err);
        keep.push(abort);
    });
    install(
        keep[0].as_ref().unchecked_ref(),
        keep[1].as_ref().unchecked_ref(),
        keep[2].as_ref().unchecked_ref(),
    );
    let outcome = JsFuture::from(promise).await;
    drop(keep);
    outcome.map(|_| ()).map_err(|_| ())
}

pub(super) async fn request(req: IdbRequest) -> Result<JsValue, StorageError> {
    let outcome = wait(|ok, err, _| {
        req.set_onsuccess(Some(ok));
        req.set_onerror(Some(err));
    })
    .await;
    match outcome {
        Ok(()) => req.result().map_err(op),
        Err(()) => Err(req
            .error()
            .ok()
            .flatten()
            .map(|e| failure(&e))
            .unwrap_or_else(|| StorageError::Operation("request failed".into()))),
    }
}

pub(super) async fn complete(tx: &IdbTransaction) -> Result<(), StorageError> {
    wait(|ok, err, abort| {
        tx.set_oncomplete(Some(ok));
        tx.set_onerror(Some(err));
        tx.set_onabort(Some(abort));
    })
    .await
    .map_err(|()| {
        tx.error()
            .map(|e| failure(&e))
            .unwrap_or_else(|| StorageError::Operation("transaction aborted".into()))
    })
}

/// A failed request or transaction: a full device by the error's name (its message varies by
/// browser and language), anything else in the browser's words.
fn failure(error: &web_sys::DomException) -> StorageError {
    if error.name() == "QuotaExceededError" {
        StorageError::Full
    } else {
        StorageError::Operation(error.message())
    }
}

pub(super) fn store(
    tx: &IdbTransaction,
    name: &str,
) -> Result<web_sys::IdbObjectStore, StorageError> {
    tx.object_store(name).map_err(op)
}

impl Storage {
    pub(super) fn tx(&self, names: &[&str], write: bool) -> Result<IdbTransaction, StorageError> {
        let list: Array = names.iter().map(|n| JsValue::from_str(n)).collect();
        let db = self.raw();
        if write {
            // Strict: the write is on disk when `complete` fires (see the module above).
            let options = js_sys::Object::new();
            js_sys::Reflect::set(&options, &"durability".into(), &"strict".into()).map_err(op)?;
            // `IDBDatabase.transaction(names, mode, {durability})`: web-sys gates the options
            // dictionary behind its unstable APIs, so the call is made through Reflect.
            js_sys::Reflect::get(db, &"transaction".into())
                .and_then(|f| f.dyn_into::<js_sys::Function>())
                .and_then(|f| f.call3(db, &list, &"readwrite".into(), &options))
                .map(|t| t.unchecked_into::<IdbTransaction>())
        } else {
            db.transaction_with_str_sequence(&list)
        }
        .map_err(op)
    }

    pub(super) async fn get_one<T: DeserializeOwned>(
        &self,
        name: &str,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        let tx = self.tx(&[name], false)?;
        let value = request(store(&tx, name)?.get(&key.into()).map_err(op)?).await?;
        from_js(value)
    }

    pub(super) async fn get_all<T: DeserializeOwned>(
        &self,
        name: &str,
    ) -> Result<Vec<T>, StorageError> {
        let tx = self.tx(&[name], false)?;
        let req = store(&tx, name)?.get_all().map_err(op)?;
        let all: Array = request(req).await?.unchecked_into();
        let mut out = Vec::with_capacity(all.length() as usize);
        for value in all.iter() {
            // One unreadable record (from a future version?) must not hide the others.
            match from_js(value) {
                Ok(Some(record)) => out.push(record),
                Ok(None) => {}
                Err(error) => web_sys::console::warn_1(&error.to_string().into()),
            }
        }
        Ok(out)
    }

    /// Stores `value` as it is in `name` (whose key path is inside it), durably.
    pub(crate) async fn put_one(&self, name: &str, value: &JsValue) -> Result<(), StorageError> {
        let tx = self.tx(&[name], true)?;
        request(store(&tx, name)?.put(value).map_err(op)?).await?;
        complete(&tx).await
    }

    /// Removes the record under `key` from `name`, durably.
    pub(crate) async fn delete_one(&self, name: &str, key: &str) -> Result<(), StorageError> {
        let tx = self.tx(&[name], true)?;
        request(store(&tx, name)?.delete(&key.into()).map_err(op)?).await?;
        complete(&tx).await
    }

    /// A record as stored (`undefined` when there is none), to be read by name rather than
    /// decoded where a field or two is all a bundle needs (a tracked case's query code in the
    /// outbox, whether a draft exists on 办件查询).
    pub async fn raw_record(&self, name: &str, key: &str) -> Result<JsValue, StorageError> {
        let tx = self.tx(&[name], false)?;
        request(store(&tx, name)?.get(&key.into()).map_err(op)?).await
    }

    /// Every record of `name` as stored, in key order, to be read by name (the contact bundle's
    /// answers: JSON objects it reads a few fields of).
    pub async fn raw_records(&self, name: &str) -> Result<Vec<JsValue>, StorageError> {
        let tx = self.tx(&[name], false)?;
        let all: Array = request(store(&tx, name)?.get_all().map_err(op)?)
            .await?
            .unchecked_into();
        Ok(all.iter().collect())
    }
}
