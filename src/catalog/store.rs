//! The catalog's local copy in IndexedDB (stores created by migration 3 of [`crate::storage`]):
//! cards, saved 正文, and the sync state.
//!
//! A page of the delta feed is stored in **one transaction together with the cursor after it**
//! ([`CatalogStore::apply_page`]): an interruption (line lost, tab closed, disk full) leaves
//! either the whole page and its cursor or neither, so the next sync resumes exactly where the
//! stored data ends. Re-applying a page is harmless: entries are put by 索引号.
//!
//! The catalog is public and can be downloaded again, so its writes keep the browser's default
//! (relaxed) durability, unlike a person's own records.

use guichet_catalog_worker::{MAX_TOMBSTONES, SyncState, stores};
use guichet_core::catalog::{Block, CatalogBody, CatalogEntry, IndexNo};
use guichet_idb::{self as idb, IdbError, Mode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use web_sys::IdbDatabase;

use crate::storage::{Storage, StorageError};

/// Why the local copy could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogStoreError {
    /// The device has no room left (the browser's quota for the site, or the disk).
    #[error("the device's storage is full")]
    QuotaExceeded,
    /// Opening or migrating the database failed.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// Any other failure.
    #[error("catalog storage failed: {0}")]
    Failed(String),
}

impl From<IdbError> for CatalogStoreError {
    fn from(error: IdbError) -> Self {
        match error {
            IdbError::QuotaExceeded => CatalogStoreError::QuotaExceeded,
            IdbError::Unavailable | IdbError::NotMigrated => {
                CatalogStoreError::Unavailable(error.to_string())
            }
            other => CatalogStoreError::Failed(other.to_string()),
        }
    }
}

impl From<StorageError> for CatalogStoreError {
    fn from(error: StorageError) -> Self {
        CatalogStoreError::Unavailable(error.to_string())
    }
}

impl From<serde_wasm_bindgen::Error> for CatalogStoreError {
    fn from(error: serde_wasm_bindgen::Error) -> Self {
        CatalogStoreError::Failed(error.to_string())
    }
}

fn js(error: JsValue) -> CatalogStoreError {
    IdbError::from_js(&error).into()
}

/// One change of the server's delta feed (`GET /api/catalog/changes`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The change's revision.
    pub revision: u64,
    /// The entry's 索引号.
    pub index_no: String,
    /// A deletion.
    #[serde(default)]
    pub deleted: bool,
    /// The entry as it is now (absent for a deletion).
    #[serde(default)]
    pub entry: Option<CatalogEntry>,
    /// Its body, when asked for.
    #[serde(default)]
    pub body: Option<CatalogBody>,
}

/// A saved 正文 with the revision of the card it was saved with (older than the card's means
/// the document changed since: the page says so and fetches it again when online).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredBody {
    /// The entry.
    pub index_no: IndexNo,
    /// The card's revision when the body was stored.
    pub revision: u64,
    /// The text.
    pub blocks: Vec<Block>,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, CatalogStoreError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

/// The local copy. Cheap to clone.
#[derive(Clone)]
pub struct CatalogStore {
    db: IdbDatabase,
    name: String,
}

thread_local! {
    static SHARED: std::cell::RefCell<Option<CatalogStore>> = const { std::cell::RefCell::new(None) };
}

impl CatalogStore {
    /// The app's catalog store, opened on first use.
    pub async fn shared() -> Result<CatalogStore, CatalogStoreError> {
        if let Some(store) = SHARED.with(|s| s.borrow().clone()) {
            return Ok(store);
        }
        // The app's storage opens (and migrates) the database first; this connection only
        // reads and writes the catalog's stores.
        Storage::shared().await?;
        let store = CatalogStore {
            db: idb::open_existing(crate::storage::DB_NAME).await?,
            name: crate::storage::DB_NAME.to_string(),
        };
        SHARED.with(|s| *s.borrow_mut() = Some(store.clone()));
        Ok(store)
    }

    /// Opens database `name` (migrating it first), for tests.
    pub async fn open(name: &str) -> Result<CatalogStore, CatalogStoreError> {
        Storage::open(name).await?.close();
        Ok(CatalogStore {
            db: idb::open_existing(name).await?,
            name: name.to_string(),
        })
    }

    /// The database's name (the worker opens it too).
    pub fn db_name(&self) -> &str {
        &self.name
    }

    /// Closes the connection (tests reopen to prove data survives).
    pub fn close(self) {
        self.db.close();
    }

    /// The sync state; the default (not kept, nothing stored) when never written.
    pub async fn sync_state(&self) -> Result<SyncState, CatalogStoreError> {
        let tx = idb::transaction(&self.db, &[stores::META], Mode::Read)?;
        let meta = idb::store(&tx, stores::META)?;
        let value = idb::get(&meta, &stores::META_SYNC.into()).await?;
        if value.is_undefined() || value.is_null() {
            return Ok(SyncState::default());
        }
        Ok(serde_wasm_bindgen::from_value(value)?)
    }

    /// Replaces the sync state (the person's choices; pages go through [`Self::apply_page`]).
    pub async fn set_sync_state(&self, state: &SyncState) -> Result<(), CatalogStoreError> {
        let tx = idb::transaction(&self.db, &[stores::META], Mode::Write)?;
        let meta = idb::store(&tx, stores::META)?;
        meta.put_with_key(&to_js(state)?, &stores::META_SYNC.into())
            .map_err(js)?;
        Ok(idb::done(&tx).await?)
    }

    /// Stores a page of changes and the sync state after it, atomically, and returns the
    /// state as stored (with the new entry count and tombstones).
    pub async fn apply_page(
        &self,
        changes: &[Change],
        after: &SyncState,
    ) -> Result<SyncState, CatalogStoreError> {
        let mut state = after.clone();
        // Serialise everything before the transaction starts: it must not wait on our CPU.
        let mut writes = Vec::with_capacity(changes.len());
        for change in changes {
            let entry = match (&change.entry, change.deleted) {
                (Some(entry), false) => Some(to_js(entry)?),
                _ => None,
            };
            let body = match (&change.body, &change.entry, change.deleted) {
                (Some(body), Some(entry), false) => Some(to_js(&StoredBody {
                    index_no: body.index_no.clone(),
                    revision: entry.revision,
                    blocks: body.blocks.clone(),
                })?),
                _ => None,
            };
            if change.deleted || change.entry.is_none() {
                state
                    .tombstones
                    .push((change.revision, change.index_no.clone()));
            }
            writes.push((JsValue::from_str(&change.index_no), entry, body));
        }
        if state.tombstones.len() > MAX_TOMBSTONES {
            let drop = state.tombstones.len() - MAX_TOMBSTONES;
            if let Some((revision, _)) = state.tombstones.get(drop - 1) {
                state.tombstones_trimmed_at = *revision;
            }
            state.tombstones.drain(..drop);
        }
        let tx = idb::transaction(
            &self.db,
            &[stores::ENTRIES, stores::BODIES, stores::META],
            Mode::Write,
        )?;
        let entries = idb::store(&tx, stores::ENTRIES)?;
        let bodies = idb::store(&tx, stores::BODIES)?;
        let meta = idb::store(&tx, stores::META)?;
        for (key, entry, body) in &writes {
            match entry {
                Some(entry) => {
                    entries.put(entry).map_err(js)?;
                }
                None => {
                    entries.delete(key).map_err(js)?;
                    bodies.delete(key).map_err(js)?;
                }
            }
            if let Some(body) = body {
                bodies.put(body).map_err(js)?;
            }
        }
        // Requests run in order: this count sees the page's writes.
        // The meta record is written after the count, still inside the transaction (awaiting a
        // request's success keeps it active).
        let counted = entries.count().map_err(js)?;
        let count = idb::request(&counted).await?;
        state.entries = count.as_f64().unwrap_or_default() as u32;
        meta.put_with_key(&to_js(&state)?, &stores::META_SYNC.into())
            .map_err(js)?;
        idb::done(&tx).await?;
        Ok(state)
    }

    /// How many entries are stored.
    pub async fn count(&self) -> Result<u32, CatalogStoreError> {
        let tx = idb::transaction(&self.db, &[stores::ENTRIES], Mode::Read)?;
        let entries = idb::store(&tx, stores::ENTRIES)?;
        Ok(idb::count(&entries).await?)
    }

    /// One stored entry.
    pub async fn entry(&self, index_no: &str) -> Result<Option<CatalogEntry>, CatalogStoreError> {
        Ok(self.entries(&[index_no]).await?.pop().flatten())
    }

    /// Stored entries by 索引号, in the order asked (`None` for those not stored).
    pub async fn entries(
        &self,
        index_nos: &[&str],
    ) -> Result<Vec<Option<CatalogEntry>>, CatalogStoreError> {
        let tx = idb::transaction(&self.db, &[stores::ENTRIES], Mode::Read)?;
        let store = idb::store(&tx, stores::ENTRIES)?;
        let requests = index_nos
            .iter()
            .map(|key| store.get(&JsValue::from_str(key)).map_err(js))
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(requests.len());
        for request in &requests {
            let value = idb::request(request).await?;
            out.push(if value.is_undefined() {
                None
            } else {
                serde_wasm_bindgen::from_value(value).ok()
            });
        }
        Ok(out)
    }

    /// A saved 正文.
    pub async fn body(&self, index_no: &str) -> Result<Option<StoredBody>, CatalogStoreError> {
        let tx = idb::transaction(&self.db, &[stores::BODIES], Mode::Read)?;
        let store = idb::store(&tx, stores::BODIES)?;
        let value = idb::get(&store, &JsValue::from_str(index_no)).await?;
        if value.is_undefined() {
            return Ok(None);
        }
        Ok(Some(serde_wasm_bindgen::from_value(value)?))
    }

    /// Saves an entry and its 正文 for offline reading (the entry too, so the page opens
    /// offline even when the catalog itself is not kept).
    pub async fn save_document(
        &self,
        entry: &CatalogEntry,
        body: &CatalogBody,
    ) -> Result<(), CatalogStoreError> {
        let stored = StoredBody {
            index_no: body.index_no.clone(),
            revision: entry.revision,
            blocks: body.blocks.clone(),
        };
        let (entry, stored) = (to_js(entry)?, to_js(&stored)?);
        let tx = idb::transaction(&self.db, &[stores::ENTRIES, stores::BODIES], Mode::Write)?;
        tx.object_store(stores::ENTRIES)
            .map_err(js)?
            .put(&entry)
            .map_err(js)?;
        tx.object_store(stores::BODIES)
            .map_err(js)?
            .put(&stored)
            .map_err(js)?;
        Ok(idb::done(&tx).await?)
    }

    /// Deletes the local copy: cards, bodies and the sync state (the index goes with it).
    pub async fn clear(&self) -> Result<(), CatalogStoreError> {
        let tx = idb::transaction(
            &self.db,
            &[stores::ENTRIES, stores::BODIES, stores::META],
            Mode::Write,
        )?;
        for name in [stores::ENTRIES, stores::BODIES, stores::META] {
            tx.object_store(name).map_err(js)?.clear().map_err(js)?;
        }
        Ok(idb::done(&tx).await?)
    }
}
