//! The catalog's local copy in a real browser (headless Chromium, real IndexedDB): pages of the
//! delta feed stored with their cursor atomically, resumed after a reopen, idempotent when
//! applied again, and deletions removing entries (and their saved 正文).
#![cfg(target_arch = "wasm32")]

use guichet_app::catalog::store::{CatalogStore, Change};
use guichet_catalog_worker::SyncState;
use guichet_core::catalog::generate;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) -> CatalogStore {
    let _ = guichet_idb::delete_database(name).await;
    CatalogStore::open(name).await.expect("open")
}

/// A page of `count` upserts with bodies, revisions from `first`.
fn page(seed: u64, count: usize, first: u64) -> Vec<Change> {
    generate::entries(seed, count)
        .into_iter()
        .enumerate()
        .map(|(n, mut entry)| {
            entry.revision = first + n as u64;
            let body = generate::body(&entry);
            Change {
                revision: entry.revision,
                index_no: entry.index_no.to_string(),
                deleted: false,
                entry: Some(entry),
                body: Some(body),
            }
        })
        .collect()
}

fn after(changes: &[Change], cursor: &str) -> SyncState {
    SyncState {
        kept: true,
        cursor: cursor.into(),
        revision: changes.last().map_or(0, |c| c.revision),
        ..SyncState::default()
    }
}

#[wasm_bindgen_test]
async fn a_page_and_its_cursor_are_stored_together_and_resume_after_a_reopen() {
    let name = "test-catalog-resume";
    let store = fresh(name).await;
    assert_eq!(
        store.sync_state().await.expect("state"),
        SyncState::default()
    );
    let changes = page(1, 40, 1);
    let stored = store
        .apply_page(&changes, &after(&changes, "cursor-1"))
        .await
        .expect("apply");
    assert_eq!(stored.entries, 40);
    store.close();

    let store = CatalogStore::open(name).await.expect("reopen");
    let state = store.sync_state().await.expect("state");
    assert_eq!(state.cursor, "cursor-1");
    assert_eq!(state.revision, 40);
    assert_eq!(state.entries, 40);
    assert_eq!(store.count().await.expect("count"), 40);
    let first = &changes[0];
    let entry = store.entry(&first.index_no).await.expect("entry");
    assert_eq!(entry.as_ref(), first.entry.as_ref());
    let body = store
        .body(&first.index_no)
        .await
        .expect("body")
        .expect("a body");
    assert_eq!(
        Some(body.blocks),
        first.body.as_ref().map(|b| b.blocks.clone())
    );
}

#[wasm_bindgen_test]
async fn applying_the_same_page_again_changes_nothing() {
    let store = fresh("test-catalog-idempotent").await;
    let changes = page(2, 25, 1);
    let state = after(&changes, "c1");
    let once = store.apply_page(&changes, &state).await.expect("apply");
    let twice = store
        .apply_page(&changes, &state)
        .await
        .expect("apply again");
    assert_eq!(once, twice);
    assert_eq!(store.count().await.expect("count"), 25);
}

#[wasm_bindgen_test]
async fn deletions_remove_entries_and_their_bodies() {
    let store = fresh("test-catalog-delete").await;
    let changes = page(3, 10, 1);
    store
        .apply_page(&changes, &after(&changes, "c1"))
        .await
        .expect("apply");
    let gone = changes[3].index_no.clone();
    let deletion = vec![Change {
        revision: 11,
        index_no: gone.clone(),
        deleted: true,
        entry: None,
        body: None,
    }];
    let state = store
        .apply_page(&deletion, &after(&deletion, "c2"))
        .await
        .expect("delete");
    assert_eq!(state.entries, 9);
    assert_eq!(state.tombstones, vec![(11, gone.clone())]);
    assert_eq!(store.entry(&gone).await.expect("entry"), None);
    assert_eq!(store.body(&gone).await.expect("body"), None);
    assert!(
        store
            .entry(&changes[4].index_no)
            .await
            .expect("entry")
            .is_some()
    );
}

#[wasm_bindgen_test]
async fn the_migration_creates_the_catalog_stores() {
    let db = fresh("test-catalog-stores").await;
    db.close();
    let storage = guichet_app::storage::Storage::open("test-catalog-stores")
        .await
        .expect("open");
    let names = storage.store_names();
    for store in ["catalog_bodies", "catalog_entries", "catalog_meta"] {
        assert!(names.contains(&store.to_string()), "{store} in {names:?}");
    }
}
