//! The storage module in a real browser (headless Chromium, real IndexedDB): open, migrate,
//! put, get, and survive a reopen.
#![cfg(target_arch = "wasm32")]

use guichet_app::storage::{self, Storage, stores};
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Bookmark {
    cursor: String,
    entries: u32,
}

/// Each test uses its own database so that they cannot see each other's data.
async fn fresh(name: &str) -> Storage {
    let _ = guichet_idb::delete_database(name).await;
    Storage::open(name).await.expect("open")
}

#[wasm_bindgen_test]
async fn opens_at_the_latest_schema_with_every_store() {
    let db = fresh("test-migrate").await;
    assert_eq!(db.version(), storage::schema_version());
    for store in [
        stores::KV,
        stores::OUTBOX,
        stores::DRAFTS,
        stores::ATTACHMENTS,
        stores::SERVICES,
        stores::RECEIPTS,
        stores::TRACKED_CASES,
        stores::COMPLAINTS,
        stores::CONTACT,
        stores::VILLAGE,
    ] {
        assert!(db.store_names().contains(&store.to_string()), "{store}");
    }
}

#[wasm_bindgen_test]
async fn a_value_put_is_read_back_and_survives_a_reopen() {
    let name = "test-reopen";
    let db = fresh(name).await;
    let saved = Bookmark {
        cursor: "2026-11-27T10:00:00Z/42".into(),
        entries: 42,
    };
    db.put_kv("catalog.bookmark", &saved).await.expect("put");
    assert_eq!(
        db.get_kv::<Bookmark>("catalog.bookmark")
            .await
            .expect("get"),
        Some(saved.clone())
    );
    db.close();

    let reopened = Storage::open(name).await.expect("reopen");
    assert_eq!(
        reopened
            .get_kv::<Bookmark>("catalog.bookmark")
            .await
            .expect("get"),
        Some(saved)
    );
    assert_eq!(
        reopened.get_kv::<Bookmark>("missing").await.expect("get"),
        None
    );
}

#[wasm_bindgen_test]
async fn an_older_database_is_migrated_forward_without_losing_data() {
    use guichet_idb::{IdbError, Migration, Mode, Schema};

    fn kv_only(db: &Schema) -> Result<(), IdbError> {
        db.create_store(stores::KV, None).map(drop)
    }
    // Schema 1 as it was released: only the key-value store.
    const V1: &[Migration] = &[Migration {
        version: 1,
        what: "key-value settings",
        run: kv_only,
    }];

    let name = "test-upgrade";
    let _ = guichet_idb::delete_database(name).await;
    // A device still on schema 1, holding a setting.
    let v1 = guichet_idb::open(name, V1).await.expect("open v1");
    assert_eq!(v1.version() as u32, 1);
    let tx = guichet_idb::transaction(&v1, &[stores::KV], Mode::Write).expect("tx");
    guichet_idb::put_with_key(
        &guichet_idb::store(&tx, stores::KV).expect("store"),
        &"kept".into(),
        &"note".into(),
    )
    .await
    .expect("put");
    guichet_idb::done(&tx).await.expect("commit");
    v1.close();

    let upgraded = Storage::open(name).await.expect("upgrade");
    assert_eq!(upgraded.version(), storage::schema_version());
    assert!(upgraded.store_names().contains(&stores::OUTBOX.to_string()));
    assert_eq!(
        upgraded.get_kv::<String>("note").await.expect("get"),
        Some("kept".to_string())
    );
    assert_eq!(upgraded.outbox_len().await.expect("count"), 0);
}
