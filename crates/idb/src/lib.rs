//! Guichet's one way into IndexedDB, for the app's pages and for the catalog search worker: a
//! thin layer over `web-sys` that opens a database through numbered migrations ([`open`]) or
//! as it is ([`open_existing`]), starts transactions ([`transaction`], with strict durability
//! for a person's records), awaits requests and commits as futures ([`request`], [`done`]) and
//! reports failures as an [`IdbError`] that keeps the browser's `DOMException` name, so that a
//! full device ([`IdbError::QuotaExceeded`]) is told apart from a bug.
//!
//! Records go in and out as JavaScript values: the callers choose how theirs are encoded
//! (serde, Blobs, typed arrays), and the layer stays free of any encoder's weight.
//!
//! Nothing waits on a leaked callback: a request's handlers are the promise's own `resolve` and
//! `reject` functions, removed once it settles, and the upgrade handler lives only while its
//! open request is pending.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, IdbDatabase, IdbObjectStore, IdbObjectStoreParameters, IdbOpenDbRequest,
    IdbRequest, IdbTransaction, IdbTransactionMode, IdbVersionChangeEvent,
};

/// Why an IndexedDB operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdbError {
    /// No IndexedDB here (private mode, disabled storage).
    #[error("IndexedDB is not available")]
    Unavailable,
    /// [`open_existing`] found no database: the app has not created and migrated it yet.
    #[error("the database has not been set up by the app yet")]
    NotMigrated,
    /// The device or the browser's quota for this site is full (`QuotaExceededError`).
    #[error("storage is full (QuotaExceededError)")]
    QuotaExceeded,
    /// Another DOMException, by name.
    #[error("{name}: {message}")]
    Dom {
        /// The exception's name, e.g. `AbortError`.
        name: String,
        /// Its message.
        message: String,
    },
    /// Anything else (a value that is not an exception).
    #[error("{0}")]
    Other(String),
}

impl IdbError {
    /// Reads an exception thrown or reported by IndexedDB.
    pub fn from_js(value: &JsValue) -> IdbError {
        if let Some(exception) = value.dyn_ref::<DomException>() {
            return IdbError::from_dom(exception);
        }
        IdbError::Other(
            value
                .as_string()
                .or_else(|| {
                    value
                        .dyn_ref::<js_sys::Error>()
                        .map(|e| String::from(e.message()))
                })
                .unwrap_or_else(|| format!("{value:?}")),
        )
    }

    /// By the exception's name: its message varies by browser and language.
    fn from_dom(exception: &DomException) -> IdbError {
        let name = exception.name();
        if name == "QuotaExceededError" {
            IdbError::QuotaExceeded
        } else {
            IdbError::Dom {
                name,
                message: exception.message(),
            }
        }
    }
}

/// `map_err` for the `web-sys` calls that throw synchronously.
fn js(error: JsValue) -> IdbError {
    IdbError::from_js(&error)
}

/// The global scope's IndexedDB factory, in a window or a worker.
fn factory() -> Result<web_sys::IdbFactory, IdbError> {
    let global = js_sys::global();
    let found = if let Some(window) = global.dyn_ref::<web_sys::Window>() {
        window.indexed_db()
    } else if let Some(worker) = global.dyn_ref::<web_sys::WorkerGlobalScope>() {
        worker.indexed_db()
    } else {
        return Err(IdbError::Unavailable);
    };
    found.map_err(js)?.ok_or(IdbError::Unavailable)
}

// --- requests and transactions -------------------------------------------------------------

/// Waits for a request; its result on success, its error otherwise.
pub async fn request(request: &IdbRequest) -> Result<JsValue, IdbError> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match outcome {
        Ok(_) => request.result().map_err(js),
        Err(_) => Err(match request.error() {
            Ok(Some(exception)) => IdbError::from_dom(&exception),
            _ => IdbError::Other("request failed".into()),
        }),
    }
}

/// Waits until a transaction commits; the reason it aborted otherwise (a write that did not
/// fit is reported here as [`IdbError::QuotaExceeded`]). Call it in the task that issued the
/// requests, before yielding, so the completion event cannot be missed.
pub async fn done(transaction: &IdbTransaction) -> Result<(), IdbError> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        transaction.set_oncomplete(Some(&resolve));
        transaction.set_onabort(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    transaction.set_oncomplete(None);
    transaction.set_onabort(None);
    match outcome {
        Ok(_) => Ok(()),
        Err(_) => Err(match transaction.error() {
            Some(exception) => IdbError::from_dom(&exception),
            None => IdbError::Dom {
                name: "AbortError".into(),
                message: "the transaction was aborted".into(),
            },
        }),
    }
}

/// What a transaction may do, and how surely its commit reaches the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Reads only.
    Read,
    /// Writes with the browser's default durability (Chromium's "relaxed" since v121: a
    /// committed write may wait in OS buffers). For data that can be downloaded again.
    Write,
    /// Writes with `strict` durability: on disk when the commit is reported. For a person's
    /// own work, since a village computer loses power.
    WriteStrict,
}

/// Starts a transaction over `stores`.
pub fn transaction(
    db: &IdbDatabase,
    stores: &[&str],
    mode: Mode,
) -> Result<IdbTransaction, IdbError> {
    let names: Array = stores.iter().map(|n| JsValue::from_str(n)).collect();
    match mode {
        Mode::Read => db.transaction_with_str_sequence(&names),
        Mode::Write => {
            db.transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readwrite)
        }
        Mode::WriteStrict => {
            let options = js_sys::Object::new();
            js_sys::Reflect::set(&options, &"durability".into(), &"strict".into()).map_err(js)?;
            // `IDBDatabase.transaction(names, mode, {durability})`: web-sys gates the options
            // dictionary behind its unstable APIs, so the call is made through Reflect.
            js_sys::Reflect::get(db, &"transaction".into())
                .and_then(|f| f.dyn_into::<Function>())
                .and_then(|f| f.call3(db, &names, &"readwrite".into(), &options))
                .map(|t| t.unchecked_into::<IdbTransaction>())
        }
    }
    .map_err(js)
}

/// The object store `name` of `transaction`.
pub fn store(transaction: &IdbTransaction, name: &str) -> Result<IdbObjectStore, IdbError> {
    transaction.object_store(name).map_err(js)
}

/// The record under `key` (`undefined` when there is none).
pub async fn get(store: &IdbObjectStore, key: &JsValue) -> Result<JsValue, IdbError> {
    request(&store.get(key).map_err(js)?).await
}

/// Every record of `store`, in key order.
pub async fn get_all(store: &IdbObjectStore) -> Result<Array, IdbError> {
    Ok(request(&store.get_all().map_err(js)?)
        .await?
        .unchecked_into())
}

/// Every key of `store`, in order.
pub async fn get_all_keys(store: &IdbObjectStore) -> Result<Array, IdbError> {
    Ok(request(&store.get_all_keys().map_err(js)?)
        .await?
        .unchecked_into())
}

/// Writes `value` into `store`, whose key path is inside it.
pub async fn put(store: &IdbObjectStore, value: &JsValue) -> Result<(), IdbError> {
    request(&store.put(value).map_err(js)?).await.map(drop)
}

/// Writes `value` under `key` into `store`, whose keys are out of line.
pub async fn put_with_key(
    store: &IdbObjectStore,
    value: &JsValue,
    key: &JsValue,
) -> Result<(), IdbError> {
    request(&store.put_with_key(value, key).map_err(js)?)
        .await
        .map(drop)
}

/// Removes the record under `key` from `store` (nothing when there is none).
pub async fn delete(store: &IdbObjectStore, key: &JsValue) -> Result<(), IdbError> {
    request(&store.delete(key).map_err(js)?).await.map(drop)
}

/// How many records `store` holds.
pub async fn count(store: &IdbObjectStore) -> Result<u32, IdbError> {
    let counted = request(&store.count().map_err(js)?).await?;
    Ok(counted.as_f64().unwrap_or(0.0) as u32)
}

// --- opening and schema --------------------------------------------------------------------

/// One step of a database's schema, run once when a device's database is older than it. A
/// released migration is never edited: a change is a new one with the next number.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The schema version it makes; the database's version is the last migration's.
    pub version: u32,
    /// What it adds, in words.
    pub what: &'static str,
    /// The change itself, inside the upgrade transaction.
    pub run: fn(&Schema) -> Result<(), IdbError>,
}

/// The database being upgraded, as a migration sees it.
pub struct Schema<'a> {
    db: &'a IdbDatabase,
}

impl Schema<'_> {
    /// Creates the object store `name`: its key `key_path` inside each record, or out of line
    /// (given with each write) when `None`. No key generator.
    pub fn create_store(
        &self,
        name: &str,
        key_path: Option<&str>,
    ) -> Result<IdbObjectStore, IdbError> {
        match key_path {
            Some(path) => {
                let parameters = IdbObjectStoreParameters::new();
                parameters.set_key_path(&JsValue::from_str(path));
                self.db
                    .create_object_store_with_optional_parameters(name, &parameters)
            }
            None => self.db.create_object_store(name),
        }
        .map_err(js)
    }

    /// Creates the (not unique, single-entry) index `name` of `store` on `key_path`.
    pub fn create_index(
        &self,
        store: &IdbObjectStore,
        name: &str,
        key_path: &str,
    ) -> Result<(), IdbError> {
        store
            .create_index_with_str(name, key_path)
            .map(drop)
            .map_err(js)
    }
}

/// The schema version `migrations` make: the last one's number.
pub fn latest_version(migrations: &[Migration]) -> u32 {
    migrations.last().map_or(0, |m| m.version)
}

/// Opens (creating it if need be) the database `name` at the version of its last migration,
/// first running, in order and in one upgrade transaction, every migration newer than the
/// version stored on the device. A migration that fails aborts the upgrade, which leaves the
/// database as it was, and the open fails with its error.
pub async fn open(name: &str, migrations: &'static [Migration]) -> Result<IdbDatabase, IdbError> {
    let open = factory()?
        .open_with_u32(name, latest_version(migrations))
        .map_err(js)?;
    open_with(open, move |db, event| {
        // Versions are whole numbers, which the browser gives as f64.
        let from = event.old_version() as u32;
        let schema = Schema { db };
        for migration in migrations.iter().filter(|m| m.version > from) {
            (migration.run)(&schema)?;
        }
        Ok(())
    })
    .await
}

/// Opens the existing database `name` at its current version. It never creates one: an
/// upgrade request (the database does not exist) is aborted and reported as
/// [`IdbError::NotMigrated`]. The connection closes itself when a newer version of the app
/// wants to migrate, so it never blocks an upgrade.
pub async fn open_existing(name: &str) -> Result<IdbDatabase, IdbError> {
    let open = factory()?.open(name).map_err(js)?;
    let db = open_with(open, |_, _| Err(IdbError::NotMigrated)).await?;
    let closer = db.clone();
    let on_change = Closure::<dyn Fn()>::new(move || closer.close());
    db.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
    // The handler lives as long as the connection, which is the page's or worker's lifetime.
    on_change.forget();
    Ok(db)
}

/// Waits for `open`, running `upgrade` if the browser asks for one; an upgrade that fails is
/// aborted, and its error (rather than the browser's `AbortError`) is returned.
async fn open_with(
    open: IdbOpenDbRequest,
    upgrade: impl Fn(&IdbDatabase, IdbVersionChangeEvent) -> Result<(), IdbError> + 'static,
) -> Result<IdbDatabase, IdbError> {
    let failed: Rc<RefCell<Option<IdbError>>> = Rc::default();
    let on_upgrade = {
        let failed = failed.clone();
        let open = open.clone();
        Closure::<dyn Fn(IdbVersionChangeEvent)>::new(move |event: IdbVersionChangeEvent| {
            let outcome = open
                .result()
                .map_err(js)
                .and_then(|db| upgrade(db.unchecked_ref(), event));
            if let Err(error) = outcome {
                if let Some(transaction) = open.transaction() {
                    let _ = transaction.abort();
                }
                *failed.borrow_mut() = Some(error);
            }
        })
    };
    open.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let result = request(&open).await;
    open.set_onupgradeneeded(None);
    drop(on_upgrade);
    let failure = failed.borrow_mut().take();
    if let Some(error) = failure {
        // An aborted upgrade leaves no connection behind, but be sure.
        if let Ok(db) = result {
            db.unchecked_into::<IdbDatabase>().close();
        }
        return Err(error);
    }
    Ok(result?.unchecked_into())
}

/// Deletes the database `name` (tests start from nothing).
pub async fn delete_database(name: &str) -> Result<(), IdbError> {
    let deleting = factory()?.delete_database(name).map_err(js)?;
    request(&deleting).await.map(drop)
}

/// Whether `db` has an object store `name`.
pub fn has_store(db: &IdbDatabase, name: &str) -> bool {
    db.object_store_names().contains(name)
}

/// The names of `db`'s object stores, sorted (the browser gives them in order).
pub fn store_names(db: &IdbDatabase) -> Vec<String> {
    let names = db.object_store_names();
    (0..names.length()).filter_map(|i| names.item(i)).collect()
}
