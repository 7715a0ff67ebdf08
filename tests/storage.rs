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

#[wasm_bindgen_test]
async fn a_failing_migration_leaves_the_database_as_it_was_and_names_the_exception() {
    use guichet_idb::{IdbError, Migration, Schema};

    fn kv(db: &Schema) -> Result<(), IdbError> {
        db.create_store(stores::KV, None).map(drop)
    }
    // Creating a store that exists is a `ConstraintError`: this upgrade cannot succeed.
    fn kv_again(db: &Schema) -> Result<(), IdbError> {
        db.create_store(stores::OUTBOX, None)?;
        db.create_store(stores::KV, None).map(drop)
    }
    const V1: &[Migration] = &[Migration {
        version: 1,
        what: "key-value settings",
        run: kv,
    }];
    const V2: &[Migration] = &[
        Migration {
            version: 1,
            what: "key-value settings",
            run: kv,
        },
        Migration {
            version: 2,
            what: "a broken one",
            run: kv_again,
        },
    ];

    let name = "test-failed-upgrade";
    let _ = guichet_idb::delete_database(name).await;
    guichet_idb::open(name, V1).await.expect("open v1").close();
    match guichet_idb::open(name, V2).await {
        Err(IdbError::Dom { name, .. }) => assert_eq!(name, "ConstraintError"),
        other => panic!("expected a ConstraintError, got {:?}", other.map(|_| ())),
    }
    let kept = guichet_idb::open_existing(name).await.expect("reopen");
    assert_eq!(kept.version() as u32, 1);
    assert_eq!(
        guichet_idb::store_names(&kept),
        vec![stores::KV.to_string()]
    );
    kept.close();
}

#[wasm_bindgen_test]
async fn opening_an_existing_database_never_creates_one() {
    let name = "test-never-created";
    let _ = guichet_idb::delete_database(name).await;
    assert_eq!(
        guichet_idb::open_existing(name).await.map(|_| ()),
        Err(guichet_idb::IdbError::NotMigrated)
    );
    // Nothing was left behind: the app's own open still migrates it from nothing.
    let db = Storage::open(name).await.expect("open");
    assert_eq!(db.version(), storage::schema_version());
}

/// The schema as the releases before `guichet-idb` made it (through `indexed_db_futures`, whose
/// stores and index had these key paths, no key generator, and a plain index): a device's
/// database from any earlier build must be what this build would have made.
#[wasm_bindgen_test]
async fn every_store_has_the_key_path_earlier_builds_gave_it() {
    use guichet_catalog_worker::stores as catalog;

    let db = fresh("test-key-paths").await;
    let expected: &[(&str, Option<&str>)] = &[
        (stores::KV, None),
        (stores::OUTBOX, Some("id")),
        (catalog::ENTRIES, Some("index_no")),
        (catalog::BODIES, Some("index_no")),
        (catalog::META, None),
        (stores::DRAFTS, Some("id")),
        (stores::ATTACHMENTS, Some("id")),
        (stores::SERVICES, None),
        (stores::RECEIPTS, Some("client_id")),
        (stores::TRACKED_CASES, Some("case_no")),
        (stores::COMPLAINTS, Some("complaint_no")),
        (stores::CONTACT, Some("client_id")),
        (stores::VILLAGE, Some("key")),
    ];
    assert_eq!(db.store_names().len(), expected.len());
    let names: Vec<&str> = expected.iter().map(|(name, _)| *name).collect();
    let tx = guichet_idb::transaction(db.raw(), &names, guichet_idb::Mode::Read).expect("tx");
    for (name, key_path) in expected {
        let store = guichet_idb::store(&tx, name).expect("store");
        assert_eq!(
            store.key_path().expect("key path").as_string().as_deref(),
            *key_path,
            "{name}"
        );
        assert!(!store.auto_increment(), "{name}");
        let indexes = store.index_names();
        if *name == catalog::ENTRIES {
            assert_eq!(indexes.length(), 1);
            let index = store.index(catalog::BY_REVISION).expect("index");
            assert_eq!(
                index.key_path().expect("key path").as_string().as_deref(),
                Some("revision")
            );
            assert!(!index.unique() && !index.multi_entry());
        } else {
            assert_eq!(indexes.length(), 0, "{name}");
        }
    }
}
