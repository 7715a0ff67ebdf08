//! A thin promise-based layer over `web-sys` IndexedDB for the catalog, usable in a page and in
//! a worker. It exists beside `indexed_db_futures` (which the app's `storage` uses) because the
//! catalog needs what that crate hides: many writes in one transaction awaited once, typed
//! arrays stored as they are, and the name of a `DOMException` (`QuotaExceededError`) to tell
//! a full disk from a bug.
//!
//! It never creates or upgrades a schema: [`open_existing`] opens a database that the app's
//! `storage` module has already migrated, and refuses one that does not exist.

use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DomException, IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

/// Why an IndexedDB operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdbError {
    /// No IndexedDB here (private mode, disabled storage).
    #[error("IndexedDB is not available")]
    Unavailable,
    /// The database has not been created and migrated by the app yet.
    #[error("the database has not been set up by the app yet")]
    NotMigrated,
    /// The device or the browser's quota for this site is full.
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
    found
        .map_err(|e| IdbError::from_js(&e))?
        .ok_or(IdbError::Unavailable)
}

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
        Ok(_) => request.result().map_err(|e| IdbError::from_js(&e)),
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

/// Starts a transaction over `stores`.
pub fn transaction(
    db: &IdbDatabase,
    stores: &[&str],
    readwrite: bool,
) -> Result<IdbTransaction, IdbError> {
    let names = js_sys::Array::new();
    for store in stores {
        names.push(&JsValue::from_str(store));
    }
    let mode = if readwrite {
        IdbTransactionMode::Readwrite
    } else {
        IdbTransactionMode::Readonly
    };
    db.transaction_with_str_sequence_and_mode(&names, mode)
        .map_err(|e| IdbError::from_js(&e))
}

/// Opens the existing database `name` at its current version. It never creates one: an
/// upgrade request (the database does not exist) is aborted and reported as
/// [`IdbError::NotMigrated`]. The connection closes itself when a newer version of the app
/// wants to migrate, so it never blocks an upgrade.
pub async fn open_existing(name: &str) -> Result<IdbDatabase, IdbError> {
    let open = factory()?.open(name).map_err(|e| IdbError::from_js(&e))?;
    let creating = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = creating.clone();
    let on_upgrade = wasm_bindgen::closure::Closure::once_into_js(move |event: web_sys::Event| {
        flag.set(true);
        let transaction = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
            .and_then(|r| r.transaction());
        if let Some(transaction) = transaction {
            let _ = transaction.abort();
        }
    });
    open.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let result = request(&open).await;
    open.set_onupgradeneeded(None);
    if creating.get() {
        // The aborted creation leaves nothing behind, but be sure.
        if let Ok(db) = result
            .as_ref()
            .map(|v| v.clone().unchecked_into::<IdbDatabase>())
        {
            db.close();
        }
        return Err(IdbError::NotMigrated);
    }
    let db: IdbDatabase = result?.unchecked_into();
    let closer = db.clone();
    let on_change = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || closer.close());
    db.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
    // The handler lives as long as the connection, which is the page's or worker's lifetime.
    on_change.forget();
    Ok(db)
}

/// Whether `db` has an object store `name`.
pub fn has_store(db: &IdbDatabase, name: &str) -> bool {
    db.object_store_names().contains(name)
}
