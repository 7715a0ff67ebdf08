//! Several server instances on one database behave like one server: nothing correctness needs
//! lives in a process's memory. Each test opens the same database twice (two `AppState`s with
//! their own pools, as two processes would) — on SQLite one file, and on PostgreSQL (with
//! `GUICHET_TEST_POSTGRES`) one database, which is the deployment this is for.

mod common;

use axum::Router;
use axum::http::StatusCode;
use common::*;
use guichet_core::case::CaseType;
use guichet_core::form::submission_hash;
use guichet_server::{build_router, prepare, submissions_store};
use serde_json::json;

struct Instances {
    _dir: tempfile::TempDir,
    first: Router,
    second: Router,
    state: guichet_server::AppState,
}

/// Two servers on the demo database, with the test item JT-TEST published through the first.
async fn two_instances() -> Instances {
    let TestApp { dir, state, .. } = bare_app(true).await;
    publish_item(&state, "JT-TEST", CaseType::Promised, &[]).await;
    let other = prepare(&test_config(dir.path(), true)).await.unwrap();
    Instances {
        first: build_router(state.clone()),
        second: build_router(other),
        state,
        _dir: dir,
    }
}

fn submission(client_id: &str) -> serde_json::Value {
    let answers = json!({"name": "张三"});
    let hash = submission_hash("JT-TEST", 1, &answers);
    json!({"client_id": client_id, "item_code": "JT-TEST", "form_version": 1,
           "answers": answers, "content_hash": hash})
}

#[tokio::test]
async fn a_submission_replayed_to_the_other_instance_returns_the_same_case() {
    let t = two_instances().await;
    let first = post(
        &t.first,
        "/api/submissions",
        submission("client-replay-001"),
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.json());
    // The outbox's retry after a lost answer lands on the other instance.
    let again = post(
        &t.second,
        "/api/submissions",
        submission("client-replay-001"),
    )
    .await;
    assert!(again.status.is_success(), "{}", again.json());
    assert_eq!(again.json()["case_no"], first.json()["case_no"]);
    assert_eq!(again.json()["query_code"], first.json()["query_code"]);
    // And the case it names can be looked up on either.
    let case_no = first.json()["case_no"].as_str().unwrap().to_owned();
    let code = first.json()["query_code"].as_str().unwrap().to_owned();
    for router in [&t.first, &t.second] {
        assert_eq!(lookup(router, &case_no, &code).await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn a_hundred_concurrent_sends_of_one_client_id_across_two_instances_make_one_case() {
    let t = two_instances().await;
    let mut sends = Vec::new();
    for i in 0..100 {
        let router = if i % 2 == 0 {
            t.first.clone()
        } else {
            t.second.clone()
        };
        sends.push(tokio::spawn(async move {
            post(&router, "/api/submissions", submission("client-storm-0001")).await
        }));
    }
    let mut case_numbers = std::collections::BTreeSet::new();
    for send in sends {
        let reply = send.await.unwrap();
        assert!(reply.status.is_success(), "{}", reply.json());
        case_numbers.insert(reply.json()["case_no"].as_str().unwrap().to_owned());
    }
    assert_eq!(case_numbers.len(), 1, "{case_numbers:?}");
    let cases = submissions_store::count_cases_for(&t.state.db, "client-storm-0001")
        .await
        .unwrap();
    assert_eq!(cases, 1);
}

#[tokio::test]
async fn a_staff_session_opened_on_one_instance_holds_on_the_other_until_signed_out() {
    let t = two_instances().await;
    let session = login(&t.first, JT.0, JT.1).await;
    let me = staff_get(&t.second, &session, "/api/staff/me").await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.json());
    assert_eq!(me.json()["staff"]["username"], JT.0);
    let out = staff_post(&t.second, &session, "/api/staff/logout", json!({})).await;
    assert!(out.status.is_success(), "{}", out.json());
    let me = staff_get(&t.first, &session, "/api/staff/me").await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn failed_lookups_from_one_address_count_across_instances() {
    let t = two_instances().await;
    let mut refused = 0;
    let mut answered = 0;
    // More failures than one address may have, spread over both instances: if each counted
    // alone, none would be refused.
    for i in 0..30 {
        let router = if i % 2 == 0 { &t.first } else { &t.second };
        let request = post_from(
            "/api/cases/lookup",
            &json!({"case_no": format!("20261201-JT-{:06}", 900 + i), "query_code": "AAAA-BBBB-CCCC"}),
            "203.0.113.7",
        );
        let reply = send(router, request).await;
        match reply.status {
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            StatusCode::NOT_FOUND => answered += 1,
            other => panic!("{other}: {}", reply.json()),
        }
    }
    assert!(refused >= 1, "never refused");
    assert!(
        answered <= 20,
        "{answered} failures answered, over the limit of 20"
    );
}
