//! The device's storage: one IndexedDB database, opened only here, whose schema grows by
//! numbered migrations. A migration is never edited once released; a change is a new one.
//!
//! Writes that hold a person's work use `strict` durability: Chromium's default ("relaxed",
//! since v121) may leave a committed write in OS buffers, and a village computer loses power.
//!
//! [`forms`] holds drafts, their attachments and the cached service items and forms; [`outbox`]
//! the records frozen for sending and the receipts; [`village`] the 代办 mode's applicant index
//! and the raw reads and writes its day view needs. Every one of them, this module and the
//! catalog (`crate::catalog::store`, and the search worker) goes through `guichet-idb`
//! (`crates/idb`), the one IndexedDB layer; `idb` only adds the app's encoding (serde) and
//! error type to it.

pub mod forms;
mod idb;
#[cfg(test)]
pub mod memory;
pub mod outbox;
pub mod village;

use std::cell::RefCell;
use std::rc::Rc;

use guichet_idb::{IdbError, Migration, Schema};
use serde::Serialize;
use serde::de::DeserializeOwned;
use web_sys::IdbDatabase;

use idb::{complete, from_js, store, to_js};

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

impl From<IdbError> for StorageError {
    fn from(error: IdbError) -> Self {
        match error {
            IdbError::Unavailable => StorageError::Unavailable,
            IdbError::QuotaExceeded => StorageError::Full,
            // In the browser's words, as before the layer was shared.
            IdbError::Dom { message, .. } => StorageError::Operation(message),
            other => StorageError::Operation(other.to_string()),
        }
    }
}

/// The schema's history, in order. The database's version is the number of the last one.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        what: "key-value settings",
        run: migrate_1_kv,
    },
    Migration {
        version: 2,
        what: "outbox of submissions",
        run: migrate_2_outbox,
    },
    Migration {
        version: 3,
        what: "offline disclosure catalog",
        run: migrate_3_catalog,
    },
    Migration {
        version: 4,
        what: "drafts, attachments, cached services, receipts",
        run: migrate_4_forms,
    },
    Migration {
        version: 5,
        what: "tracked cases",
        run: migrate_5_tracked_cases,
    },
    Migration {
        version: 6,
        what: "complaints filed from this device",
        run: migrate_6_complaints,
    },
    Migration {
        version: 7,
        what: "questions and bookings sent from this device",
        run: migrate_7_contact,
    },
    Migration {
        version: 8,
        what: "village room: who each case is for",
        run: migrate_8_village,
    },
];

fn migrate_1_kv(db: &Schema) -> Result<(), IdbError> {
    db.create_store(stores::KV, None).map(drop)
}

fn migrate_2_outbox(db: &Schema) -> Result<(), IdbError> {
    db.create_store(stores::OUTBOX, Some("id")).map(drop)
}

/// The disclosure catalog's offline copy (`crate::catalog`): cards by 索引号 with an index on
/// their revision (the worker catches its cached search index up from it), saved 正文, and the
/// sync state and index bytes under out-of-line keys.
fn migrate_3_catalog(db: &Schema) -> Result<(), IdbError> {
    use guichet_catalog_worker::stores as catalog;
    let entries = db.create_store(catalog::ENTRIES, Some("index_no"))?;
    db.create_index(&entries, catalog::BY_REVISION, "revision")?;
    db.create_store(catalog::BODIES, Some("index_no"))?;
    db.create_store(catalog::META, None).map(drop)
}

fn migrate_4_forms(db: &Schema) -> Result<(), IdbError> {
    db.create_store(stores::DRAFTS, Some("id"))?;
    db.create_store(stores::ATTACHMENTS, Some("id"))?;
    // Out-of-line keys: "list", "item:<code>", "form:<code>:<version>".
    db.create_store(stores::SERVICES, None)?;
    db.create_store(stores::RECEIPTS, Some("client_id"))
        .map(drop)
}

fn migrate_5_tracked_cases(db: &Schema) -> Result<(), IdbError> {
    db.create_store(stores::TRACKED_CASES, Some("case_no"))
        .map(drop)
}

fn migrate_6_complaints(db: &Schema) -> Result<(), IdbError> {
    db.create_store(stores::COMPLAINTS, Some("complaint_no"))
        .map(drop)
}

fn migrate_7_contact(db: &Schema) -> Result<(), IdbError> {
    db.create_store(stores::CONTACT, Some("client_id"))
        .map(drop)
}

fn migrate_8_village(db: &Schema) -> Result<(), IdbError> {
    db.create_store(stores::VILLAGE, Some("key")).map(drop)
}

/// The schema version this build expects.
pub fn schema_version() -> u32 {
    guichet_idb::latest_version(MIGRATIONS)
}

/// An open database. Cheap to clone; every clone shares one connection.
#[derive(Clone)]
pub struct Storage {
    db: Rc<IdbDatabase>,
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
        let db = guichet_idb::open(name, MIGRATIONS)
            .await
            .map_err(|error| match error {
                IdbError::Unavailable => StorageError::Unavailable,
                other => StorageError::Open(other.to_string()),
            })?;
        Ok(Storage { db: Rc::new(db) })
    }

    /// The schema version of the open database.
    pub fn version(&self) -> u32 {
        // Versions are whole numbers, which the browser gives as f64.
        self.db.version() as u32
    }

    /// The names of the object stores, sorted.
    pub fn store_names(&self) -> Vec<String> {
        guichet_idb::store_names(&self.db)
    }

    /// Closes the connection (tests reopen to prove data survives).
    pub fn close(self) {
        if let Ok(db) = Rc::try_unwrap(self.db) {
            db.close();
        }
    }

    /// Stores `value` under `key` in the key-value store, durably.
    pub async fn put_kv<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        let tx = self.tx(&[stores::KV], true)?;
        guichet_idb::put_with_key(&store(&tx, stores::KV)?, &to_js(value)?, &key.into()).await?;
        complete(&tx).await
    }

    /// Reads the value under `key`, if any.
    pub async fn get_kv<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        self.get_one(stores::KV, key).await
    }

    /// Stores `record` in `store` (whose key path is inside the record), durably.
    pub async fn put_record<T: Serialize>(
        &self,
        store: &str,
        record: &T,
    ) -> Result<(), StorageError> {
        self.put_raw(store, &to_js(record)?).await
    }

    /// Whether `store` has a record under `key` (without decoding it).
    pub async fn has_record(&self, store: &str, key: &str) -> Result<bool, StorageError> {
        let value = self.raw_record(store, key).await?;
        Ok(!(value.is_undefined() || value.is_null()))
    }

    /// Every record of `store`, in key order; one that cannot be read fails the whole list.
    pub async fn all_records<T: DeserializeOwned>(
        &self,
        store: &str,
    ) -> Result<Vec<T>, StorageError> {
        let mut records = Vec::new();
        for value in self.raw_records(store).await? {
            if let Some(record) = from_js(value)? {
                records.push(record);
            }
        }
        Ok(records)
    }

    /// Removes the record under `key` from `store`, durably.
    pub async fn delete_record(&self, name: &str, key: &str) -> Result<(), StorageError> {
        let tx = self.tx(&[name], true)?;
        guichet_idb::delete(&store(&tx, name)?, &key.into()).await?;
        complete(&tx).await
    }

    /// The connection, for `guichet-idb`'s own calls: [`forms`], [`outbox`] and [`village`]
    /// (Blobs, multi-store transactions, records read by name), and the tests of the schema.
    pub fn raw(&self) -> &IdbDatabase {
        &self.db
    }

    /// How many records wait in the outbox.
    pub async fn outbox_len(&self) -> Result<u32, StorageError> {
        let tx = self.tx(&[stores::OUTBOX], false)?;
        Ok(guichet_idb::count(&store(&tx, stores::OUTBOX)?).await?)
    }
}
