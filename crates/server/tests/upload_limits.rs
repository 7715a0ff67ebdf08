//! Integration tests of the limits on stored uploads (issue 13): the per-client hourly quota
//! of anonymous uploads (429 with `Retry-After`), the disk budget of all stored uploads (507),
//! and the clean-up of uploads nothing refers to. Real SQLite in a fresh folder per test.

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use chrono::{Duration, Utc};
use guichet_core::form::{FormDefinition, submission_hash};
use guichet_server::upload_quota::{self, UploadLimits};
use guichet_server::{AppState, build_router, prepare, services_store, submissions_store};
use guichet_server::{upload_cleanup, upload_cleanup::Cleaned};
use serde_json::{Value, json};

mod common;

use common::{Reply, TestApp, send};

/// A demo server with `limits` and the item JT-TEST whose form has a file field `photo`.
async fn app_with(limits: UploadLimits) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut config = common::test_config(dir.path(), true);
    config.upload_limits = limits;
    let state = prepare(&config).await.unwrap();
    common::publish_item(
        &state,
        "JT-TEST",
        guichet_core::case::CaseType::Promised,
        &[],
    )
    .await;
    let form: FormDefinition = serde_json::from_value(json!({
        "item_code": "JT-TEST", "version": 2,
        "sections": [{"id": "main", "title": {"zh": "申请信息"}, "fields": [
            {"id": "name", "label": {"zh": "姓名"}, "kind": "text", "required": true},
            {"id": "photo", "label": {"zh": "照片"}, "kind": "file",
             "accept": ["image/png"], "max_bytes": 100000, "max_count": 5}
        ]}]
    }))
    .unwrap();
    services_store::publish_form(&state.db, &form)
        .await
        .unwrap();
    let router = build_router(state.clone());
    TestApp { dir, state, router }
}

fn limits(files_per_hour: u32, bytes_per_hour: u64, budget_bytes: u64) -> UploadLimits {
    UploadLimits {
        files_per_hour,
        bytes_per_hour,
        budget_bytes,
    }
}

/// A distinct PNG of `size` bytes (its bytes after the signature say `n`).
fn png(n: u32, size: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&n.to_be_bytes());
    bytes.resize(size.max(bytes.len()), b'.');
    bytes
}

fn upload_request(bytes: &[u8], ip: &str) -> Request<Body> {
    let mut request = Request::post("/api/uploads?item_code=JT-TEST&form_version=2&field_id=photo")
        .header(header::CONTENT_TYPE, "image/png")
        .header(header::CONTENT_LENGTH, bytes.len())
        .body(Body::from(bytes.to_vec()))
        .unwrap();
    let addr: SocketAddr = format!("{ip}:40000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(addr));
    request
}

async fn upload(router: &Router, bytes: &[u8], ip: &str) -> Reply {
    send(router, upload_request(bytes, ip)).await
}

/// Whether the file store (either backend) holds file `id`'s bytes.
async fn stored(state: &guichet_server::AppState, id: &str) -> bool {
    state.files.contains(id).await.unwrap()
}

#[tokio::test]
async fn a_client_over_its_hourly_quota_gets_429_with_retry_after() {
    let t = app_with(limits(3, 1_000_000, u64::MAX / 4)).await;
    for n in 0..3 {
        let reply = upload(&t.router, &png(n, 100), "10.1.1.1").await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    }
    let refused = upload(&t.router, &png(3, 100), "10.1.1.1").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.code(), "rate_limited");
    let retry: u64 = refused.header(header::RETRY_AFTER).parse().unwrap();
    assert!((1..=3600).contains(&retry), "{retry}");
    let message = refused.json()["error"]["fields"]["file"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("3个"), "{message}");
    // Nothing of the refused file was stored.
    let refused_id = guichet_core::form::sha256_hex(&png(3, 100));
    assert!(!stored(&t.state, &refused_id).await);
    // Another address has its own quota.
    let other = upload(&t.router, &png(4, 100), "10.1.1.2").await;
    assert_eq!(other.status, StatusCode::CREATED);
}

#[tokio::test]
async fn the_hourly_quota_counts_bytes_too() {
    let t = app_with(limits(100, 250, u64::MAX / 4)).await;
    let first = upload(&t.router, &png(0, 200), "10.2.2.2").await;
    assert_eq!(first.status, StatusCode::CREATED);
    // An outbox's retry of a file already stored counts as an upload but costs no bytes.
    let retry = upload(&t.router, &png(0, 200), "10.2.2.2").await;
    assert_eq!(retry.status, StatusCode::CREATED);
    let second = upload(&t.router, &png(1, 200), "10.2.2.2").await;
    assert_eq!(second.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!second.header(header::RETRY_AFTER).is_empty());
    let used: (i64, i64) =
        sqlx::query_as("SELECT uploads, bytes FROM upload_quota_windows WHERE client_ip = $1")
            .bind("10.2.2.2")
            .fetch_one(&t.state.db)
            .await
            .unwrap();
    assert_eq!(used, (2, 200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_uploads_are_all_counted() {
    let t = app_with(limits(4, 1_000_000, u64::MAX / 4)).await;
    let mut tasks = Vec::new();
    for n in 0..12 {
        let router = t.router.clone();
        tasks.push(tokio::spawn(async move {
            upload(&router, &png(n, 100), "10.3.3.3").await.status
        }));
    }
    let mut created = 0;
    for task in tasks {
        let status = task.await.unwrap();
        assert!(
            status == StatusCode::CREATED || status == StatusCode::TOO_MANY_REQUESTS,
            "{status}"
        );
        created += usize::from(status == StatusCode::CREATED);
    }
    assert_eq!(created, 4);
}

#[tokio::test]
async fn uploads_past_the_disk_budget_get_507_and_store_nothing() {
    let t = app_with(limits(100, 1_000_000, 250)).await;
    let first = png(0, 200);
    assert_eq!(
        upload(&t.router, &first, "10.4.4.4").await.status,
        StatusCode::CREATED
    );
    let full = upload(&t.router, &png(1, 100), "10.4.4.5").await;
    assert_eq!(full.status, StatusCode::INSUFFICIENT_STORAGE);
    assert_eq!(full.code(), "storage_full");
    assert!(
        full.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("窗口")
    );
    let refused_id = guichet_core::form::sha256_hex(&png(1, 100));
    assert!(!stored(&t.state, &refused_id).await);
    assert!(
        submissions_store::find_upload(&t.state.db, &refused_id)
            .await
            .unwrap()
            .is_none()
    );
    // The same bytes again are one file: counted once, still accepted.
    assert_eq!(
        upload(&t.router, &first, "10.4.4.6").await.status,
        StatusCode::CREATED
    );
    assert_eq!(upload_quota::stored_bytes(&t.state.db).await.unwrap(), 200);
}

/// Dates upload `id` `days` ago.
async fn age(state: &AppState, id: &str, days: i64) {
    let at =
        (Utc::now() - Duration::days(days)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    sqlx::query("UPDATE uploads SET created_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&state.db)
        .await
        .unwrap();
}

async fn uploaded(t: &TestApp, n: u32) -> Value {
    let reply = upload(&t.router, &png(n, 120), "10.5.5.5").await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    reply.json()
}

#[tokio::test]
async fn unreferenced_uploads_go_after_a_week_and_referenced_ones_stay() {
    let t = app_with(limits(100, 1_000_000, u64::MAX / 4)).await;
    let in_case = uploaded(&t, 1).await;
    let old_orphan = uploaded(&t, 2).await;
    let young_orphan = uploaded(&t, 3).await;
    let scheduled = uploaded(&t, 4).await;
    let named_orphan = uploaded(&t, 5).await;
    let id = |v: &Value| v["upload_id"].as_str().unwrap().to_owned();

    // A case refers to the first file.
    let answers = json!({"name": "张三", "photo": [{"upload_id": id(&in_case), "name": "a.png",
        "media_type": "image/png", "size": 120}]});
    let hash = submission_hash("JT-TEST", 2, &answers);
    let reply = common::post(
        &t.router,
        "/api/submissions",
        json!({"client_id": "cleanup-case-1", "item_code": "JT-TEST", "form_version": 2,
               "answers": answers, "content_hash": hash}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    // A catalog entry scheduled for later refers to the fourth.
    sqlx::query(
        "INSERT INTO catalog_scheduled (index_no, agency_code, publish_on, entry, files)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind("JT/2026-00099")
    .bind("JT")
    .bind("2027-01-01")
    .bind("{}")
    .bind(json!([id(&scheduled)]).to_string())
    .execute(&t.state.db)
    .await
    .unwrap();
    // A staff file's name alone is no use of it.
    sqlx::query("INSERT INTO disclosure_files (id, name) VALUES ($1, $2)")
        .bind(id(&named_orphan))
        .bind("答复.png")
        .execute(&t.state.db)
        .await
        .unwrap();
    for (upload, days) in [
        (&in_case, 30),
        (&old_orphan, 8),
        (&young_orphan, 6),
        (&scheduled, 30),
        (&named_orphan, 8),
    ] {
        age(&t.state, &id(upload), days).await;
    }
    let before = upload_quota::stored_bytes(&t.state.db).await.unwrap();

    let cleaned = upload_cleanup::remove_unreferenced(&t.state.db, &t.state.files, Utc::now())
        .await
        .unwrap();
    assert_eq!(
        cleaned,
        Cleaned {
            uploads: 2,
            bytes: 240
        }
    );
    for (upload, kept) in [
        (&in_case, true),
        (&old_orphan, false),
        (&young_orphan, true),
        (&scheduled, true),
        (&named_orphan, false),
    ] {
        let id = id(upload);
        let row = submissions_store::find_upload(&t.state.db, &id)
            .await
            .unwrap();
        assert_eq!(row.is_some(), kept, "row of {id}");
        assert_eq!(stored(&t.state, &id).await, kept, "file of {id}");
    }
    assert_eq!(
        upload_quota::stored_bytes(&t.state.db).await.unwrap(),
        before - 240
    );
    let names: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM disclosure_files")
        .fetch_one(&t.state.db)
        .await
        .unwrap();
    assert_eq!(names, 0);

    // Uploaded again after its deletion, a file is stored and counted anew.
    let again = upload(&t.router, &png(2, 120), "10.5.5.6").await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert!(stored(&t.state, &id(&old_orphan)).await);
    // Uploaded again before, its week starts anew.
    age(&t.state, &id(&young_orphan), 8).await;
    assert_eq!(
        upload(&t.router, &png(3, 120), "10.5.5.6").await.status,
        StatusCode::CREATED
    );
    let cleaned = upload_cleanup::remove_unreferenced(&t.state.db, &t.state.files, Utc::now())
        .await
        .unwrap();
    assert_eq!(cleaned.uploads, 0);
}
