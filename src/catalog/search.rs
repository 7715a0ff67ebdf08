//! The page's side of the catalog worker: starts it on first use (so its wasm is never part
//! of the first load), numbers requests and matches the replies (see
//! `guichet_catalog_worker::protocol`).
//!
//! The index and every query run in the worker, so a 100,000-entry catalog never blocks the
//! page; the page only renders the hits it asked for.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use guichet_catalog_worker::protocol::{Op, Reply, Request, Response};
use guichet_core::catalog::search::{Facets, SearchPage, SearchQuery};
use guichet_core::catalog::{CatalogEntry, IndexNo};
use js_sys::{Function, Promise};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

/// Where Trunk puts the worker's loader (`data-loader-shim`; worker files are not hashed).
pub const WORKER_URL: &str = "/disclosure/catalog-worker_loader.js";

/// Why a search in the worker gave no answer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SearchError {
    /// The worker could not be started or stopped working (reported to the console).
    #[error("the catalog worker failed: {0}")]
    Worker(String),
    /// There is no local copy to search (the page falls back to the server).
    #[error("no local copy: {0}")]
    NotReady(String),
    /// The worker reported a failure.
    #[error("{0}")]
    Failed(String),
}

/// What the worker said when it opened the index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Opened {
    /// Entries indexed.
    pub entries: u32,
    /// Whether it was built from the entries rather than loaded from its cached bytes.
    pub built: bool,
    /// How long it took, in milliseconds.
    pub millis: f64,
}

struct Inner {
    worker: Worker,
    ready: Promise,
    next_id: Cell<u32>,
    pending: RefCell<HashMap<u32, (Function, Function)>>,
    failed: RefCell<Option<String>>,
    // Kept alive with the worker.
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

/// A handle on the catalog worker. Cheap to clone.
#[derive(Clone)]
pub struct CatalogSearch(Rc<Inner>);

thread_local! {
    static SHARED: RefCell<Option<CatalogSearch>> = const { RefCell::new(None) };
}

impl CatalogSearch {
    /// The worker, started on first call.
    pub fn get() -> Result<CatalogSearch, SearchError> {
        if let Some(search) = Self::started() {
            return Ok(search);
        }
        let search = Self::start(WORKER_URL)?;
        SHARED.with(|s| *s.borrow_mut() = Some(search.clone()));
        Ok(search)
    }

    /// The worker if it was started (the sync keeps its index current; it never starts it).
    pub fn started() -> Option<CatalogSearch> {
        SHARED.with(|s| s.borrow().clone())
    }

    /// Starts a worker from `url`.
    pub fn start(url: &str) -> Result<CatalogSearch, SearchError> {
        let worker = Worker::new(url).map_err(|e| SearchError::Worker(format!("{e:?}")))?;
        let mut ready_resolve: Option<Function> = None;
        let mut ready_reject: Option<Function> = None;
        let ready = Promise::new(&mut |resolve, reject| {
            ready_resolve = Some(resolve);
            ready_reject = Some(reject);
        });
        let (Some(ready_resolve), Some(ready_reject)) = (ready_resolve, ready_reject) else {
            return Err(SearchError::Worker("promise".into()));
        };
        let inner = Rc::new_cyclic(|weak: &std::rc::Weak<Inner>| {
            let for_message = weak.clone();
            let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                let Ok(response) = serde_wasm_bindgen::from_value::<Response>(data.clone()) else {
                    web_sys::console::warn_1(&"catalog worker: unreadable reply".into());
                    return;
                };
                if response.id == 0 {
                    let _ = ready_resolve.call0(&JsValue::NULL);
                    return;
                }
                let Some(inner) = for_message.upgrade() else {
                    return;
                };
                let waiting = inner.pending.borrow_mut().remove(&response.id);
                if let Some((resolve, _)) = waiting {
                    let _ = resolve.call1(&JsValue::NULL, &data);
                }
            });
            let for_error = weak.clone();
            let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_event: web_sys::Event| {
                let message = "the catalog worker could not run".to_string();
                let _ = ready_reject.call1(&JsValue::NULL, &JsValue::from_str(&message));
                if let Some(inner) = for_error.upgrade() {
                    *inner.failed.borrow_mut() = Some(message.clone());
                    for (_, (_, reject)) in inner.pending.borrow_mut().drain() {
                        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&message));
                    }
                }
            });
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            Inner {
                worker: worker.clone(),
                ready,
                next_id: Cell::new(1),
                pending: RefCell::new(HashMap::new()),
                failed: RefCell::new(None),
                _on_message: on_message,
                _on_error: on_error,
            }
        });
        Ok(CatalogSearch(inner))
    }

    async fn call(&self, op: Op) -> Result<Reply, SearchError> {
        if let Some(message) = self.0.failed.borrow().clone() {
            return Err(SearchError::Worker(message));
        }
        JsFuture::from(self.0.ready.clone())
            .await
            .map_err(|e| SearchError::Worker(e.as_string().unwrap_or_default()))?;
        let id = self.0.next_id.get();
        self.0.next_id.set(id.wrapping_add(1).max(1));
        let request = Request { id, op };
        let value = request
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| SearchError::Failed(e.to_string()))?;
        let pending = &self.0.pending;
        let answer = Promise::new(&mut |resolve, reject| {
            pending.borrow_mut().insert(id, (resolve, reject));
        });
        if let Err(error) = self.0.worker.post_message(&value) {
            self.0.pending.borrow_mut().remove(&id);
            return Err(SearchError::Worker(format!("{error:?}")));
        }
        let data = JsFuture::from(answer)
            .await
            .map_err(|e| SearchError::Worker(e.as_string().unwrap_or_default()))?;
        let response: Response =
            serde_wasm_bindgen::from_value(data).map_err(|e| SearchError::Failed(e.to_string()))?;
        match response.reply {
            Reply::Error { message, not_ready } if not_ready => Err(SearchError::NotReady(message)),
            Reply::Error { message, .. } => Err(SearchError::Failed(message)),
            other => Ok(other),
        }
    }

    /// Loads (or builds) the index of the local copy in database `db`.
    pub async fn open(&self, db: &str) -> Result<Opened, SearchError> {
        match self.call(Op::Open { db: db.to_string() }).await? {
            Reply::Opened {
                entries,
                built,
                millis,
                ..
            } => Ok(Opened {
                entries,
                built,
                millis,
            }),
            _ => Err(SearchError::Failed("unexpected reply".into())),
        }
    }

    /// A page of results.
    pub async fn search(
        &self,
        query: &SearchQuery,
        page: u32,
        page_size: u32,
    ) -> Result<SearchPage, SearchError> {
        let op = Op::Search {
            query: query.clone(),
            page,
            page_size,
        };
        match self.call(op).await? {
            Reply::Page(page) => Ok(page),
            _ => Err(SearchError::Failed("unexpected reply".into())),
        }
    }

    /// Facet counts.
    pub async fn facets(&self, query: &SearchQuery) -> Result<Facets, SearchError> {
        match self
            .call(Op::Facets {
                query: query.clone(),
            })
            .await?
        {
            Reply::Facets(facets) => Ok(facets),
            _ => Err(SearchError::Failed("unexpected reply".into())),
        }
    }

    /// Passes on a stored page of the delta feed.
    pub async fn apply(
        &self,
        upserts: Vec<CatalogEntry>,
        removals: Vec<IndexNo>,
        revision: u64,
    ) -> Result<(), SearchError> {
        self.call(Op::Apply {
            upserts,
            removals,
            revision,
        })
        .await
        .map(|_| ())
    }

    /// Asks the worker to cache its index's bytes.
    pub async fn persist(&self) -> Result<(), SearchError> {
        self.call(Op::Persist).await.map(|_| ())
    }

    /// Forgets the index (the local copy was deleted).
    pub async fn reset(&self) -> Result<(), SearchError> {
        self.call(Op::Reset).await.map(|_| ())
    }
}
