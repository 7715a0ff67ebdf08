//! The worker's event loop: a queue of requests handled one after another (an `apply` must not
//! interleave with the `open` that is still reading the entries), and the index they act on.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use guichet_catalog_worker::protocol::{Op, Reply, Request, Response};
use guichet_catalog_worker::{SyncState, stores};
use guichet_core::catalog::CatalogEntry;
use guichet_core::catalog::search::CatalogIndex;
use guichet_idb::{self as idb, IdbError, Mode};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, IdbDatabase, MessageEvent};

/// How many entries one `getAll` reads while building: bounded so that the JS heap never holds
/// the whole catalog as objects at once.
const BATCH: u32 = 2_000;

#[derive(Default)]
struct State {
    db: Option<IdbDatabase>,
    index: Option<CatalogIndex>,
    revision: u64,
    dirty: bool,
}

#[derive(Default)]
struct Worker {
    state: RefCell<State>,
    queue: RefCell<VecDeque<Request>>,
    busy: std::cell::Cell<bool>,
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now() -> f64 {
    scope().performance().map_or(0.0, |p| p.now())
}

fn post(response: &Response) {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    match serde::Serialize::serialize(response, &serializer) {
        Ok(value) => {
            if let Err(error) = scope().post_message(&value) {
                web_sys::console::error_2(&"catalog worker: cannot post".into(), &error);
            }
        }
        Err(error) => web_sys::console::error_1(&error.to_string().into()),
    }
}

/// Installs the message handler and says it is ready.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
    let worker = Rc::new(Worker::default());
    let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        match serde_wasm_bindgen::from_value::<Request>(event.data()) {
            Ok(request) => {
                worker.queue.borrow_mut().push_back(request);
                if !worker.busy.get() {
                    worker.busy.set(true);
                    wasm_bindgen_futures::spawn_local(drain(worker.clone()));
                }
            }
            Err(error) => web_sys::console::error_2(
                &"catalog worker: unreadable request".into(),
                &error.to_string().into(),
            ),
        }
    });
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    post(&Response {
        id: 0,
        reply: Reply::Ready,
    });
}

async fn drain(worker: Rc<Worker>) {
    loop {
        let next = worker.queue.borrow_mut().pop_front();
        let Some(request) = next else { break };
        let reply = handle(&worker, request.op).await;
        post(&Response {
            id: request.id,
            reply,
        });
    }
    worker.busy.set(false);
}

fn error(message: impl ToString, not_ready: bool) -> Reply {
    Reply::Error {
        message: message.to_string(),
        not_ready,
    }
}

async fn handle(worker: &Worker, op: Op) -> Reply {
    match op {
        Op::Open { db } => match open(worker, &db).await {
            Ok(reply) => reply,
            Err(OpenError::NotReady(why)) => error(why, true),
            Err(OpenError::Idb(why)) => error(why, false),
        },
        Op::Search {
            query,
            page,
            page_size,
        } => match &worker.state.borrow().index {
            Some(index) => Reply::Page(index.search(&query, page, page_size)),
            None => error("the index is not open", true),
        },
        Op::Facets { query } => match &worker.state.borrow().index {
            Some(index) => Reply::Facets(index.facets(&query)),
            None => error("the index is not open", true),
        },
        Op::Apply {
            upserts,
            removals,
            revision,
        } => {
            let mut state = worker.state.borrow_mut();
            let current = state.revision;
            if let Some(index) = state.index.as_mut()
                && revision > current
            {
                for entry in &upserts {
                    index.upsert(entry);
                }
                for index_no in &removals {
                    index.remove(index_no);
                }
                state.revision = revision;
                state.dirty = true;
            }
            Reply::Done
        }
        Op::Persist => {
            let (db, bytes, revision) = {
                let mut state = worker.state.borrow_mut();
                if !state.dirty {
                    return Reply::Done;
                }
                let revision = state.revision;
                let Some(index) = state.index.as_mut() else {
                    return Reply::Done;
                };
                index.compact();
                index.seal();
                let bytes = index.to_bytes();
                (state.db.clone(), bytes, revision)
            };
            let Some(db) = db else { return Reply::Done };
            match save_index(&db, &bytes, revision).await {
                Ok(()) => {
                    worker.state.borrow_mut().dirty = false;
                    Reply::Done
                }
                // A cache only: the next load rebuilds it.
                Err(why) => error(why, false),
            }
        }
        Op::Reset => {
            let mut state = worker.state.borrow_mut();
            state.index = None;
            state.revision = 0;
            state.dirty = false;
            Reply::Done
        }
    }
}

enum OpenError {
    NotReady(String),
    Idb(IdbError),
}

impl From<IdbError> for OpenError {
    fn from(error: IdbError) -> Self {
        match error {
            IdbError::NotMigrated | IdbError::Unavailable => OpenError::NotReady(error.to_string()),
            other => OpenError::Idb(other),
        }
    }
}

fn opened(state: &State, built: bool, millis: f64) -> Reply {
    let index = state.index.as_ref();
    Reply::Opened {
        entries: index.map_or(0, |i| i.len() as u32),
        revision: state.revision,
        built,
        millis,
        heap_bytes: index.map_or(0, |i| i.heap_size() as u64),
        memory_bytes: memory_bytes(),
    }
}

/// The size of this wasm instance's linear memory (what the index costs the device, with the
/// allocator's slack; the browser's memory measurement does not attribute it to the worker).
fn memory_bytes() -> u64 {
    core::arch::wasm32::memory_size::<0>() as u64 * 65_536
}

async fn open(worker: &Worker, name: &str) -> Result<Reply, OpenError> {
    let started = now();
    let existing = worker.state.borrow().db.clone();
    let db = match existing {
        Some(db) => db,
        None => idb::open_existing(name).await?,
    };
    if !idb::has_store(&db, stores::ENTRIES) {
        return Err(OpenError::NotReady(
            "the catalog stores do not exist".into(),
        ));
    }
    worker.state.borrow_mut().db = Some(db.clone());
    // One read-only transaction: the sync state, the cached index and the entries are one
    // consistent snapshot even while the app stores new pages.
    let tx = idb::transaction(&db, &[stores::ENTRIES, stores::META], Mode::Read)?;
    let meta = idb::store(&tx, stores::META)?;
    let sync_value = idb::get(&meta, &stores::META_SYNC.into()).await?;
    let sync: SyncState = if sync_value.is_undefined() {
        SyncState::default()
    } else {
        serde_wasm_bindgen::from_value(sync_value).map_err(|e| IdbError::Other(e.to_string()))?
    };
    if !sync.kept {
        return Err(OpenError::NotReady(
            "the catalog is not kept on this device".into(),
        ));
    }
    {
        let state = worker.state.borrow();
        if state.index.is_some() && state.revision >= sync.revision {
            return Ok(opened(&state, false, now() - started));
        }
    }
    let cached = idb::get(&meta, &stores::META_INDEX.into()).await?;
    let entries = idb::store(&tx, stores::ENTRIES)?;
    if let Some((mut index, cached_revision)) = cached_index(&cached)
        && cached_revision <= sync.revision
        && cached_revision >= sync.tombstones_trimmed_at
    {
        // Catch the cached index up: what changed since it was written, then the deletions.
        if cached_revision < sync.revision {
            let range = web_sys::IdbKeyRange::lower_bound_with_open(
                &JsValue::from_f64(cached_revision as f64),
                true,
            )
            .map_err(|e| IdbError::from_js(&e))?;
            let by_revision = entries
                .index(stores::BY_REVISION)
                .map_err(|e| IdbError::from_js(&e))?;
            let changed = idb::request(
                &by_revision
                    .get_all_with_key(&range)
                    .map_err(|e| IdbError::from_js(&e))?,
            )
            .await?;
            let changed: js_sys::Array = changed.unchecked_into();
            for value in changed.iter() {
                if let Ok(entry) = serde_wasm_bindgen::from_value::<CatalogEntry>(value) {
                    index.upsert(&entry);
                }
            }
            for (revision, index_no) in &sync.tombstones {
                if *revision > cached_revision
                    && let Ok(index_no) = guichet_core::catalog::IndexNo::parse(index_no)
                {
                    index.remove(&index_no);
                }
            }
        }
        let mut state = worker.state.borrow_mut();
        state.index = Some(index);
        state.revision = sync.revision;
        state.dirty = cached_revision < sync.revision;
        return Ok(opened(&state, false, now() - started));
    }
    let mut index = CatalogIndex::new();
    let mut after: Option<JsValue> = None;
    loop {
        let range = match &after {
            None => JsValue::UNDEFINED,
            Some(key) => web_sys::IdbKeyRange::lower_bound_with_open(key, true)
                .map_err(|e| IdbError::from_js(&e))?
                .into(),
        };
        let batch = idb::request(
            &entries
                .get_all_with_key_and_limit(&range, BATCH)
                .map_err(|e| IdbError::from_js(&e))?,
        )
        .await?;
        let batch: js_sys::Array = batch.unchecked_into();
        let count = batch.length();
        for value in batch.iter() {
            match serde_wasm_bindgen::from_value::<CatalogEntry>(value) {
                Ok(entry) => {
                    after = Some(JsValue::from_str(entry.index_no.as_str()));
                    index.upsert(&entry);
                }
                // One unreadable record must not hide the rest of the catalog.
                Err(why) => web_sys::console::warn_1(&why.to_string().into()),
            }
        }
        if count < BATCH {
            break;
        }
        if after.is_none() {
            break;
        }
    }
    index.seal();
    let bytes = index.to_bytes();
    {
        let mut state = worker.state.borrow_mut();
        state.index = Some(index);
        state.revision = sync.revision;
        state.dirty = false;
    }
    if let Err(why) = save_index(&db, &bytes, sync.revision).await {
        // A cache only: searching works, the next load rebuilds.
        web_sys::console::warn_1(&why.to_string().into());
    }
    let state = worker.state.borrow();
    Ok(opened(&state, true, now() - started))
}

/// The cached index and the revision it was written at, if it reads back intact.
fn cached_index(value: &JsValue) -> Option<(CatalogIndex, u64)> {
    if !value.is_object() {
        return None;
    }
    let revision = js_sys::Reflect::get(value, &"revision".into())
        .ok()?
        .as_f64()?;
    let bytes: js_sys::Uint8Array = js_sys::Reflect::get(value, &"bytes".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let index = CatalogIndex::from_bytes(&bytes.to_vec()).ok()?;
    Some((index, revision as u64))
}

async fn save_index(db: &IdbDatabase, bytes: &[u8], revision: u64) -> Result<(), IdbError> {
    let record = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&record, &key.into(), value);
    set("revision", &JsValue::from_f64(revision as f64)).map_err(|e| IdbError::from_js(&e))?;
    set("bytes", &js_sys::Uint8Array::from(bytes).into()).map_err(|e| IdbError::from_js(&e))?;
    // The cached index can be rebuilt from the entries: the default durability is enough.
    let tx = idb::transaction(db, &[stores::META], Mode::Write)?;
    let meta = idb::store(&tx, stores::META)?;
    meta.put_with_key(&record, &stores::META_INDEX.into())
        .map_err(|e| IdbError::from_js(&e))?;
    idb::done(&tx).await
}
