//! Probable duplicates on the desk (issue #17): the same answers sent twice under two client ids
//! — a draft exported to a file and sent again from a second computer — make two cases, and the
//! later one names the earlier within 30 days; different answers, another item or an older case
//! are not flagged. Real SQLite per test (and PostgreSQL with `GUICHET_TEST_POSTGRES`).

mod common;

use common::*;
use guichet_core::case::CaseType;
use guichet_core::form::submission_hash;
use guichet_server::submissions_store::{self, NewCase, Outcome};
use serde_json::{Value, json};

/// Files `answers` for `item` as a new case received at `now` (China time), through the store.
async fn file(t: &TestApp, item: &str, client_id: &str, answers: Value, now: &str) -> String {
    let hash = submission_hash(item, 1, &answers);
    let new = NewCase {
        client_id,
        item_code: item,
        department_code: "JT",
        case_type: CaseType::Promised,
        form_version: 1,
        answers: answers.as_object().unwrap(),
        content_hash: &hash,
        submitted_at: None,
        disclosure: None,
    };
    match submissions_store::create_case(&t.state.db, &new, china(now))
        .await
        .unwrap()
    {
        Outcome::Created(receipt) => receipt.case_no,
        other => panic!("{other:?}"),
    }
}

async fn flagged(t: &TestApp, session: &Session, case_no: &str) -> Value {
    let detail = staff_get(&t.router, session, &format!("/api/staff/cases/{case_no}"))
        .await
        .json();
    detail["probable_duplicate_of"].clone()
}

#[tokio::test]
async fn the_same_answers_sent_again_within_30_days_are_flagged_with_the_first_case() {
    let t = app().await;
    publish_item(&t.state, "JT-DUP", CaseType::Promised, &[]).await;
    publish_item(&t.state, "JT-OTHER", CaseType::Promised, &[]).await;
    let zhang = json!({"name": "张三", "id_no": "110105199003071239"});
    let first = file(
        &t,
        "JT-DUP",
        "client-dup-1",
        zhang.clone(),
        "2026-10-01 09:00",
    )
    .await;
    // The same draft, exported and sent from the village room's second computer.
    let again = file(
        &t,
        "JT-DUP",
        "client-dup-2",
        zhang.clone(),
        "2026-10-20 10:00",
    )
    .await;
    // Someone else, the same item; the same person, another item.
    let li = file(
        &t,
        "JT-DUP",
        "client-dup-3",
        json!({"name": "李四", "id_no": "410102198506123456"}),
        "2026-10-20 11:00",
    )
    .await;
    let other_item = file(
        &t,
        "JT-OTHER",
        "client-dup-4",
        zhang.clone(),
        "2026-10-21 09:00",
    )
    .await;
    // A month and more after the first: a new application, not a duplicate of it.
    let late = file(&t, "JT-DUP", "client-dup-5", zhang, "2026-11-10 09:00").await;

    let jt = login(&t.router, JT.0, JT.1).await;
    assert_eq!(flagged(&t, &jt, &first).await, Value::Null);
    let flag = flagged(&t, &jt, &again).await;
    assert_eq!(flag["case_no"], first.as_str(), "{flag}");
    assert!(
        flag["received_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-10-01T01:00")
    );
    assert_eq!(flagged(&t, &jt, &li).await, Value::Null);
    assert_eq!(flagged(&t, &jt, &other_item).await, Value::Null);
    // 11-10 is more than 30 days after 10-01 but within 30 of 10-20: the latest is named.
    assert_eq!(flagged(&t, &jt, &late).await["case_no"], again.as_str());
}
