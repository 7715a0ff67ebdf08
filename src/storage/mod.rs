//! The device's storage: one IndexedDB database, opened only here, whose schema grows by
//! numbered migrations. A migration is never edited once released; a change is a new one.
//!
//! Writes that hold a person's work use `strict` durability: Chromium's default ("relaxed",
//! since v121) may leave a committed write in OS buffers, and a village computer loses power.
//!
//! [`forms`] holds drafts, their attachments and the cached service items and forms; [`outbox`]
//! the records frozen for sending and the receipts; [`village`] the 代办 mode's applicant index
//! and the raw reads and writes its day view needs. The three go through `idb`, a driver over
//! `web_sys` (Blobs, transactions across stores, a full device told by its error's name).

pub mod forms;
mod idb;
pub mod outbox;
pub mod village;

use std::cell::RefCell;
use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionDurability, TransactionMode, TransactionOptions};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The database's name in the origin.
pub const DB_NAME: &str = "guichet";

/// Object store names; each is created by exactly one migration below.
pub mod stores {
    /// Small key-value records: the device's own settings and sync bookmarks.
    pub const KV: &str = "kv";
    /// Submissions waiting to reach the server (see `crate::sync`), keyed by their client id.
    pub const OUTBOX: &str = "outbox";
    /// Cases followed on this device (see `crate::tracking`), keyed by case number.
    pub const TRACKED_CASES: &str = "tracked_cases";
    /// Unfinished forms, keyed by their draft id (migration 4).
    pub const DRAFTS: &str = "drafts";
    /// Attachments as Blobs, keyed by the SHA-256 of their bytes (migration 4).
    pub const ATTACHMENTS: &str = "attachments";
    /// Service items and form versions the person opened, as the server's JSON text (migration 4).
    pub const SERVICES: &str = "services";
    /// The server's receipts of sent submissions, keyed by client id (migration 4).
    pub const RECEIPTS: &str = "receipts";
    /// Complaints filed from this device, with the query code that looks them up, keyed by
    /// complaint number (migration 6).
    pub const COMPLAINTS: &str = "complaints";
    /// The server's answers to the outbox's generic posts (questions asked, bookings made from
    /// this device), each with its `request` body, keyed by client id (migration 7).
    pub const CONTACT: &str = "contact";
    /// 代办 mode's index of who each submission and case is for (name and the ID number's last
    /// four, all that is kept once a concluded case's answers are removed), keyed by `key`:
    /// `c:<client id>` or `n:<case number>` (migration 8; see `crate::village`).
    pub const VILLAGE: &str = "village";
}

/// Why the device's storage failed, in words for the person and detail for the console.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("this browser does not offer IndexedDB (private mode or disabled storage)")]
    Unavailable,
    #[error("could not open the database: {0}")]
    Open(String),
    #[error("storage operation failed: {0}")]
    Operation(String),
    /// The browser refused the write for want of space (`QuotaExceededError`, by name).
    #[error("the device's storage is full")]
    Full,
}

impl From<indexed_db_futures::error::Error> for StorageError {
    fn from(error: indexed_db_futures::error::Error) -> Self {
        StorageError::Operation(error.to_string())
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StorageError {
    fn from(error: indexed_db_futures::error::OpenDbError) -> Self {
        match error {
            indexed_db_futures::error::OpenDbError::UnsupportedEnvironment => {
                StorageError::Unavailable
            }
            other => StorageError::Open(other.to_string()),
        }
    }
}

type MigrationFn = fn(&Database) -> indexed_db_futures::Result<()>;

/// The schema's history, in order. The database's version is the number of the last one.
const MIGRATIONS: &[(u32, &str, MigrationFn)] = &[
    (1, "key-value settings", migrate_1_kv),
    (2, "outbox of submissions", migrate_2_outbox),
    (3, "offline disclosure catalog", migrate_3_catalog),
    (
        4,
        "drafts, attachments, cached services, receipts",
        migrate_4_forms,
    ),
    (5, "tracked cases", migrate_5_tracked_cases),
    (6, "complaints filed from this device", migrate_6_complaints),
    (
        7,
        "questions and bookings sent from this device",
        migrate_7_contact,
    ),
    (8, "village room: who each case is for", migrate_8_village),
];

fn migrate_1_kv(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(stores::KV).build()?;
    Ok(())
}

fn migrate_2_outbox(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(stores::OUTBOX)
        .with_key_path("id".into())
        .build()?;
    Ok(())
}

/// The disclosure catalog's offline copy (`crate::catalog`): cards by 索引号 with an index on
/// their revision (the worker catches its cached search index up from it), saved 正文, and the
/// sync state and index bytes under out-of-line keys.
fn migrate_3_catalog(db: &Database) -> indexed_db_futures::Result<()> {
    use guichet_catalog_worker::stores as catalog;
    let entries = db
        .create_object_store(catalog::ENTRIES)
        .with_key_path("index_no".into())
        .build()?;
    entries
        .create_index(catalog::BY_REVISION, "revision".into())
        .build()?;
    db.create_object_store(catalog::BODIES)
        .with_key_path("index_no".into())
        .build()?;
    db.create_object_store(catalog::META).build()?;
    Ok(())
}

fn migrate_4_forms(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(stores::DRAFTS)
        .with_key_path("id".into())
        .build()?;
    db.create_object_store(stores::ATTACHMENTS)
        .with_key_path("id".into())
        .build()?;
    // Out-of-line keys: "list", "item:<code>", "form:<code>:<version>".
    db.create_object_store(stores::SERVICES).build()?;
    db.create_object_store(stores::RECEIPTS)
        .with_key_path("client_id".into())
        .build()?;
    Ok(())
}

fn migrate_5_tracked_cases(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(stores::TRACKED_CASES)
        .with_key_path("case_no".into())
        .build()?;
    Ok(())
}

fn migrate_6_complaints(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(stores::COMPLAINTS)
        .with_key_path("complaint_no".into())
        .build()?;
    Ok(())
}

fn migrate_7_contact(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(stores::CONTACT)
        .with_key_path("client_id".into())
        .build()?;
    Ok(())
}

fn migrate_8_village(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(stores::VILLAGE)
        .with_key_path("key".into())
        .build()?;
    Ok(())
}

/// The schema version this build expects.
pub fn schema_version() -> u32 {
    MIGRATIONS.last().map_or(0, |(version, _, _)| *version)
}

/// An open database. Cheap to clone; every clone shares one connection.
#[derive(Clone)]
pub struct Storage {
    db: Rc<Database>,
}

thread_local! {
    static SHARED: RefCell<Option<Storage>> = const { RefCell::new(None) };
}

impl Storage {
    /// The app's database, opened (and migrated) on first use and shared afterwards.
    pub async fn shared() -> Result<Storage, StorageError> {
        if let Some(storage) = SHARED.with(|shared| shared.borrow().clone()) {
            return Ok(storage);
        }
        let storage = Storage::open(DB_NAME).await?;
        SHARED.with(|shared| *shared.borrow_mut() = Some(storage.clone()));
        Ok(storage)
    }

    /// Opens the database `name`, running every migration newer than its stored version.
    pub async fn open(name: &str) -> Result<Storage, StorageError> {
        let db = Database::open(name)
            .with_version(schema_version())
            .with_on_upgrade_needed(|event, db| {
                // Versions are whole numbers stored as f64 by the browser.
                let from = event.old_version() as u32;
                for (version, _what, migrate) in MIGRATIONS {
                    if *version > from {
                        migrate(&db)?;
                    }
                }
                Ok(())
            })
            .await?;
        Ok(Storage { db: Rc::new(db) })
    }

    /// The schema version of the open database.
    pub fn version(&self) -> u32 {
        self.db.version() as u32
    }

    /// The names of the object stores, sorted.
    pub fn store_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.db.object_store_names().collect();
        names.sort();
        names
    }

    /// Closes the connection (tests reopen to prove data survives).
    pub fn close(self) {
        if let Ok(db) = Rc::try_unwrap(self.db) {
            db.close();
        }
    }

    /// Stores `value` under `key` in the key-value store, durably.
    pub async fn put_kv<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(stores::KV)
            .with_mode(TransactionMode::Readwrite)
            .with_options(strict())
            .build()?;
        let store = tx.object_store(stores::KV)?;
        store
            .put(value)
            .with_key(key)
            .without_key_type()
            .serde()?
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Reads the value under `key`, if any.
    pub async fn get_kv<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        let tx = self.db.transaction(stores::KV).build()?;
        let store = tx.object_store(stores::KV)?;
        let value: Option<T> = store.get(key).serde()?.await?;
        Ok(value)
    }

    /// Stores `record` in `store` (whose key path is inside the record), durably.
    pub async fn put_record<T: Serialize>(
        &self,
        store: &str,
        record: &T,
    ) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(store)
            .with_mode(TransactionMode::Readwrite)
            .with_options(strict())
            .build()?;
        tx.object_store(store)?
            .put(record)
            .without_key_type()
            .serde()?
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether `store` has a record under `key` (without decoding it).
    pub async fn has_record(&self, store: &str, key: &str) -> Result<bool, StorageError> {
        let tx = self.db.transaction(store).build()?;
        let found: Option<serde::de::IgnoredAny> =
            tx.object_store(store)?.get(key).serde()?.await?;
        Ok(found.is_some())
    }

    /// Every record of `store`, in key order.
    pub async fn all_records<T: DeserializeOwned>(
        &self,
        store: &str,
    ) -> Result<Vec<T>, StorageError> {
        let tx = self.db.transaction(store).build()?;
        let records = tx
            .object_store(store)?
            .get_all::<T>()
            .serde()?
            .await?
            .collect::<Result<Vec<T>, _>>()?;
        Ok(records)
    }

    /// Removes the record under `key` from `store`, durably.
    pub async fn delete_record(&self, store: &str, key: &str) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(store)
            .with_mode(TransactionMode::Readwrite)
            .with_options(strict())
            .build()?;
        tx.object_store(store)?.delete(key).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The raw connection, for [`forms`] (which needs Blobs and multi-store transactions).
    pub(crate) fn raw(&self) -> &web_sys::IdbDatabase {
        use indexed_db_futures::internals::SystemRepr;
        self.db.as_sys()
    }

    /// How many records wait in the outbox.
    pub async fn outbox_len(&self) -> Result<u32, StorageError> {
        let tx = self.db.transaction(stores::OUTBOX).build()?;
        let store = tx.object_store(stores::OUTBOX)?;
        Ok(store.count().await?)
    }
}

fn strict() -> TransactionOptions {
    let mut options = TransactionOptions::new();
    options.set_durability(TransactionDurability::Strict);
    options
}
