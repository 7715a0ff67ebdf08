//! Keeping the local copy current through the server's delta feed
//! (`GET /api/catalog/changes?since=&limit=&include_bodies=`): page by page, each page stored
//! with its cursor in one transaction ([`CatalogStore::apply_page`]), so a sync that stops for
//! any reason resumes where the stored data ends.
//!
//! It runs when the person chooses to keep the catalog, at start when the catalog is kept and
//! the device is online, and on every `online` event. A full disk stops it with
//! [`SyncProblem::StorageFull`]; what was stored stays searchable.

use guichet_catalog_worker::SyncState;
use guichet_core::catalog::IndexNo;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use wasm_bindgen_futures::JsFuture;

use super::search::CatalogSearch;
use super::store::{CatalogStore, CatalogStoreError, Change};
use crate::api::{self, ApiError};

/// Changes per page without bodies: the server's largest page, because larger pages compress
/// better (100,000 entries: 5.5 MB in pages of 500, 7.5 MB in pages of 250). A page is ~28 KB
/// brotli, a second or so on weak 3G, and one IndexedDB transaction.
pub const PAGE_LIMIT: u32 = 500;
/// Changes per page with bodies (each body is several kilobytes).
pub const PAGE_LIMIT_WITH_BODIES: u32 = 50;

/// One page of the delta feed.
#[derive(Debug, Clone, Deserialize)]
pub struct ChangesPage {
    /// The changes, in revision order.
    pub changes: Vec<Change>,
    /// Where to resume.
    pub next_cursor: String,
    /// More changes follow.
    pub has_more: bool,
    /// The server's latest revision.
    pub revision: u64,
}

/// Why the last sync stopped before the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncProblem {
    /// The line dropped; it resumes when the device is online again.
    Offline,
    /// The device's storage is full; what was stored stays usable.
    StorageFull,
    /// The server answered with an error.
    Server,
    /// The browser's storage failed or is disabled.
    Storage,
}

impl SyncProblem {
    /// The string key that explains it.
    pub fn key(self) -> &'static str {
        match self {
            SyncProblem::Offline => "catalog_ui.problem.offline",
            SyncProblem::StorageFull => "catalog_ui.problem.storage_full",
            SyncProblem::Server => "catalog_ui.problem.server",
            SyncProblem::Storage => "catalog_ui.problem.storage",
        }
    }
}

impl From<CatalogStoreError> for SyncProblem {
    fn from(error: CatalogStoreError) -> Self {
        web_sys::console::warn_1(&error.to_string().into());
        match error {
            CatalogStoreError::QuotaExceeded => SyncProblem::StorageFull,
            _ => SyncProblem::Storage,
        }
    }
}

impl From<ApiError> for SyncProblem {
    fn from(error: ApiError) -> Self {
        match error {
            ApiError::Network => SyncProblem::Offline,
            _ => SyncProblem::Server,
        }
    }
}

/// How far a running sync is, in catalog revisions (the feed's unit of progress).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Revisions stored since this sync began.
    pub done: u64,
    /// Revisions to store in all (the server's latest minus where this sync began).
    pub total: u64,
}

impl Progress {
    /// Percentage, 0 to 100.
    pub fn percent(self) -> u64 {
        (self.done.min(self.total) * 100)
            .checked_div(self.total)
            .unwrap_or(100)
    }
}

/// The local copy's state, provided as context at the root.
#[derive(Clone, Copy)]
pub struct CatalogSync {
    /// The stored sync state; `None` until read.
    pub state: RwSignal<Option<SyncState>>,
    /// Whether a sync runs.
    pub running: RwSignal<bool>,
    /// The progress of the running or the last sync (`None` before the first page).
    pub progress: RwSignal<Option<Progress>>,
    /// Why the last sync stopped early.
    pub problem: RwSignal<Option<SyncProblem>>,
    /// `navigator.storage.estimate()`: (bytes used by the site, quota).
    pub usage: RwSignal<Option<(f64, f64)>>,
    /// Bumped when a sync stored something, so that results refresh.
    pub generation: RwSignal<u32>,
}

impl CatalogSync {
    /// Reads the state and, when the catalog is kept and the device online, syncs; syncs again
    /// on every `online` event.
    pub fn provide() -> Self {
        let sync = CatalogSync {
            state: RwSignal::new(None),
            running: RwSignal::new(false),
            progress: RwSignal::new(None),
            problem: RwSignal::new(None),
            usage: RwSignal::new(None),
            generation: RwSignal::new(0),
        };
        provide_context(sync);
        // The listener lives as long as the page: the app is one page.
        std::mem::forget(window_event_listener(ev::online, move |_| sync.run()));
        spawn_local(async move {
            match CatalogStore::shared().await {
                Ok(store) => match store.sync_state().await {
                    Ok(state) => {
                        let kept = state.kept;
                        sync.state.set(Some(state));
                        if kept && window().navigator().on_line() {
                            sync.run();
                        }
                    }
                    Err(error) => sync.problem.set(Some(error.into())),
                },
                Err(error) => sync.problem.set(Some(error.into())),
            }
        });
        sync
    }

    /// The person chose to keep the catalog (and perhaps every 正文): ask the browser to keep
    /// the site's storage, remember the choice, download.
    pub fn keep(self, all_bodies: bool) {
        request_persistence();
        spawn_local(async move {
            let result = async {
                let store = CatalogStore::shared().await?;
                let mut state = store.sync_state().await?;
                state.kept = true;
                if all_bodies && !state.all_bodies {
                    // Bodies come with the feed: go through it again from the start (entries
                    // are put again by 索引号, nothing is duplicated).
                    state.all_bodies = true;
                    state.cursor.clear();
                    state.complete = false;
                }
                store.set_sync_state(&state).await?;
                Ok::<_, CatalogStoreError>(state)
            }
            .await;
            match result {
                Ok(state) => {
                    self.state.set(Some(state));
                    self.run();
                }
                Err(error) => self.problem.set(Some(error.into())),
            }
        });
    }

    /// Deletes the local copy.
    pub fn forget(self) {
        spawn_local(async move {
            let result = async {
                let store = CatalogStore::shared().await?;
                store.clear().await?;
                store.sync_state().await
            }
            .await;
            if let Some(search) = CatalogSearch::started() {
                let _ = search.reset().await;
            }
            match result {
                Ok(state) => {
                    self.state.set(Some(state));
                    self.problem.set(None);
                    self.generation.update(|g| *g += 1);
                    self.refresh_usage();
                }
                Err(error) => self.problem.set(Some(error.into())),
            }
        });
    }

    /// Starts a sync unless one runs or the catalog is not kept.
    pub fn run(self) {
        if self.running.get_untracked() {
            return;
        }
        if !self.state.get_untracked().is_some_and(|state| state.kept) {
            return;
        }
        self.running.set(true);
        self.progress.set(None);
        self.problem.set(None);
        spawn_local(async move {
            let outcome = self.pages().await;
            self.running.set(false);
            if let Err(problem) = outcome {
                self.problem.set(Some(problem));
            }
            self.refresh_usage();
        });
    }

    async fn pages(self) -> Result<(), SyncProblem> {
        let store = CatalogStore::shared().await?;
        let mut state = store.sync_state().await?;
        let start = state.revision;
        let mut stored_any = false;
        let outcome = loop {
            let limit = if state.all_bodies {
                PAGE_LIMIT_WITH_BODIES
            } else {
                PAGE_LIMIT
            };
            let path = format!(
                "catalog/changes?since={}&limit={limit}&include_bodies={}",
                state.cursor, state.all_bodies
            );
            let page: ChangesPage = match api::get_json(&path).await {
                Ok(page) => page,
                Err(error) => break Err(SyncProblem::from(error)),
            };
            let mut next = state.clone();
            next.cursor = page.next_cursor.clone();
            next.server_revision = page.revision;
            if let Some(last) = page.changes.last() {
                next.revision = next.revision.max(last.revision);
            }
            next.complete = !page.has_more;
            if next.complete {
                next.last_sync_ms = Some(js_sys::Date::now());
            }
            state = match store.apply_page(&page.changes, &next).await {
                Ok(stored) => stored,
                Err(error) => break Err(SyncProblem::from(error)),
            };
            stored_any |= !page.changes.is_empty();
            if let Some(search) = CatalogSearch::started() {
                let (mut upserts, mut removals) = (Vec::new(), Vec::new());
                for change in page.changes {
                    match change.entry {
                        Some(entry) if !change.deleted => upserts.push(entry),
                        _ => {
                            if let Ok(index_no) = IndexNo::parse(&change.index_no) {
                                removals.push(index_no);
                            }
                        }
                    }
                }
                if let Err(error) = search.apply(upserts, removals, state.revision).await {
                    web_sys::console::warn_1(&error.to_string().into());
                }
            }
            self.state.set(Some(state.clone()));
            self.progress.set(Some(Progress {
                done: state.revision.saturating_sub(start),
                total: page.revision.saturating_sub(start),
            }));
            if !page.has_more {
                break Ok(());
            }
        };
        if stored_any {
            self.generation.update(|g| *g += 1);
            if let Some(search) = CatalogSearch::started() {
                let _ = search.persist().await;
            }
        }
        outcome
    }

    /// Asks the browser how much the site stores.
    pub fn refresh_usage(self) {
        spawn_local(async move {
            if let Some(usage) = storage_estimate().await {
                self.usage.set(Some(usage));
            }
        });
    }
}

/// The catalog sync of the current component tree.
pub fn use_catalog_sync() -> CatalogSync {
    expect_context::<CatalogSync>()
}

/// `navigator.storage.estimate()`: (usage, quota) in bytes, when the browser tells.
pub async fn storage_estimate() -> Option<(f64, f64)> {
    let promise = window().navigator().storage().estimate().ok()?;
    let estimate = JsFuture::from(promise).await.ok()?;
    let get = |name: &str| {
        js_sys::Reflect::get(&estimate, &name.into())
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some((get("usage")?, get("quota").unwrap_or_default()))
}

/// `navigator.storage.persist()`: asks the browser not to evict the site's data under storage
/// pressure. The answer is the browser's to give; the catalog works either way.
fn request_persistence() {
    let storage = window().navigator().storage();
    let Ok(promise) = storage.persist() else {
        return;
    };
    spawn_local(async move {
        // Nothing to do with the answer: a refusal only means the browser may evict later,
        // and the sync downloads again then.
        let _ = JsFuture::from(promise).await;
    });
}
