//! What the application's records add to `guichet-idb` (`crates/idb`, the one IndexedDB layer):
//! their encoding through serde, the app's [`StorageError`] (a full device stays
//! [`StorageError::Full`]), and the rule that every write of a person's records is strict.
//!
//! `forms`, `outbox` and `village` use the layer's transactions directly rather than one call
//! per record because attachments are Blobs, which serde cannot carry, and the outbox needs
//! read-check-write inside one transaction (its lease) and writes across several stores at
//! once (a confirmed submission removes its draft and keeps its receipt atomically).

use guichet_idb::{IdbError, Mode};
use js_sys::Array;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use web_sys::IdbTransaction;

pub(super) use guichet_idb::{request, store};

use super::{Storage, StorageError};

/// `map_err` for the `web-sys` calls that throw synchronously (a full device among them).
pub(super) fn op(error: JsValue) -> StorageError {
    IdbError::from_js(&error).into()
}

/// A record as the browser stores it. Maps become plain objects, as they always were here:
/// records are also read field by field (`village`, tracking), which a JS `Map` would hide.
pub(super) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StorageError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
        .map_err(|e| StorageError::Operation(e.to_string()))
}

pub(super) fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<Option<T>, StorageError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    serde_wasm_bindgen::from_value(value)
        .map(Some)
        .map_err(|e| StorageError::Operation(e.to_string()))
}

/// Waits for `tx` to commit, in the app's error type.
pub(super) async fn complete(tx: &IdbTransaction) -> Result<(), StorageError> {
    Ok(guichet_idb::done(tx).await?)
}

impl Storage {
    /// A transaction over `names`; a writing one is strict (see the parent module).
    pub(super) fn tx(&self, names: &[&str], write: bool) -> Result<IdbTransaction, StorageError> {
        let mode = if write { Mode::WriteStrict } else { Mode::Read };
        Ok(guichet_idb::transaction(self.raw(), names, mode)?)
    }

    pub(super) async fn get_one<T: DeserializeOwned>(
        &self,
        name: &str,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        from_js(self.raw_record(name, key).await?)
    }

    pub(super) async fn get_all<T: DeserializeOwned>(
        &self,
        name: &str,
    ) -> Result<Vec<T>, StorageError> {
        let all = self.raw_records(name).await?;
        let mut out = Vec::with_capacity(all.len());
        for value in all {
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
    pub async fn put_raw(&self, name: &str, value: &JsValue) -> Result<(), StorageError> {
        let tx = self.tx(&[name], true)?;
        guichet_idb::put(&store(&tx, name)?, value).await?;
        complete(&tx).await
    }

    /// A record as stored (`undefined` when there is none), to be read by name rather than
    /// decoded where a field or two is all a bundle needs (a tracked case's query code in the
    /// outbox, whether a draft exists on 办件查询).
    pub async fn raw_record(&self, name: &str, key: &str) -> Result<JsValue, StorageError> {
        let tx = self.tx(&[name], false)?;
        Ok(guichet_idb::get(&store(&tx, name)?, &key.into()).await?)
    }

    /// Every record of `name` as stored, in key order, to be read by name (the contact bundle's
    /// answers, the village day's tracked cases: JSON objects of which a few fields are read).
    pub async fn raw_records(&self, name: &str) -> Result<Vec<JsValue>, StorageError> {
        let tx = self.tx(&[name], false)?;
        let all: Array = guichet_idb::get_all(&store(&tx, name)?).await?;
        Ok(all.iter().collect())
    }
}
