//! Every staff free-text field has a maximum length (`guichet_core::staff_text`): one
//! over-long value per endpoint gets a `422` that names the field, and nothing is changed.

mod common;

use axum::http::StatusCode;
use common::*;
use guichet_core::staff_text::{
    DOCUMENT_MAX_CHARS, GUIDE_ENTRY_MAX_CHARS, LETTER_MAX_CHARS, NAME_MAX_CHARS, OPINION_MAX_CHARS,
};
use serde_json::{Value, json};

/// `n` Chinese characters (each one character, three bytes).
fn chars(n: usize) -> String {
    "办".repeat(n)
}

fn assert_names_field(reply: &Reply, field: &str, what: &str) {
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{what}: {}",
        String::from_utf8_lossy(&reply.body)
    );
    let body = reply.json();
    assert_eq!(body["error"]["code"], "validation", "{what}: {body}");
    let message = body["error"]["fields"][field].as_str().unwrap_or("");
    assert!(message.contains("最多"), "{what}: {body}");
}

#[tokio::test]
async fn over_long_staff_texts_are_refused_naming_the_field() {
    let t = app().await;
    let jt = login(&t.router, JT.0, JT.1).await;
    let (case_no, _) = submit(&t.router, "JT-TEST", "client-text-0001").await;
    let actions = format!("/api/staff/cases/{case_no}/actions");

    // Window desk: a supplement's missing item and note, a refusal's reason.
    let cases: [(&str, Value); 3] = [
        (
            "missing",
            json!({"action": "request_supplement", "missing": [chars(NAME_MAX_CHARS + 1)],
                   "expected_state": "submitted"}),
        ),
        (
            "note",
            json!({"action": "request_supplement", "missing": ["身份证"],
                   "note": chars(OPINION_MAX_CHARS + 1), "expected_state": "submitted"}),
        ),
        (
            "reason",
            json!({"action": "refuse", "reason": chars(OPINION_MAX_CHARS + 1),
                   "expected_state": "submitted"}),
        ),
    ];
    for (field, body) in cases {
        let reply = staff_post(&t.router, &jt, &actions, body).await;
        assert_names_field(&reply, field, "case action");
    }
    // Exactly at the limit is fine.
    let at_limit = staff_post(
        &t.router,
        &jt,
        &actions,
        json!({"action": "refuse", "reason": chars(OPINION_MAX_CHARS),
               "expected_state": "submitted"}),
    )
    .await;
    assert_eq!(at_limit.status, StatusCode::OK, "{}", at_limit.json());

    // The queue's search.
    let search = staff_get(
        &t.router,
        &jt,
        &format!("/api/staff/queue?q={}", "a".repeat(NAME_MAX_CHARS + 1)),
    )
    .await;
    assert_names_field(&search, "q", "queue search");

    // A joint part's opinion and a follow-up's reply.
    let part = staff_post(
        &t.router,
        &jt,
        &format!("/api/staff/cases/{case_no}/parts/JT/decision"),
        json!({"decision": "approve", "note": chars(OPINION_MAX_CHARS + 1)}),
    )
    .await;
    assert_names_field(&part, "note", "part decision");
    let reply = staff_post(
        &t.router,
        &jt,
        "/api/staff/followups/1/reply",
        json!({"reply": chars(OPINION_MAX_CHARS + 1)}),
    )
    .await;
    assert_names_field(&reply, "reply", "follow-up reply");

    // 依申请公开: a reply letter and a third party.
    let jy = login(&t.router, "gk-jy", "demo-gk-jy-2026").await;
    let queue = staff_get(&t.router, &jy, "/api/staff/disclosure/requests").await;
    let request_no = queue.json()["requests"][0]["case_no"]
        .as_str()
        .unwrap()
        .to_owned();
    let disclosure_actions = format!("/api/staff/disclosure/requests/{request_no}/actions");
    for (field, body) in [
        (
            "text",
            json!({"action": "reply", "kind": "disclosed",
                   "text": chars(LETTER_MAX_CHARS + 1)}),
        ),
        (
            "third_party",
            json!({"action": "consult_start", "third_party": chars(NAME_MAX_CHARS + 1)}),
        ),
    ] {
        let reply = staff_post(&t.router, &jy, &disclosure_actions, body).await;
        assert_names_field(&reply, field, "disclosure step");
    }

    // Publishing: a catalog entry's keywords and full text.
    for (field, body) in [
        (
            "keywords",
            json!({"title": "关于测试的通知", "issued_on": "2026-03-02", "summary": "概述",
                   "keywords": chars(NAME_MAX_CHARS + 1)}),
        ),
        (
            "body_text",
            json!({"title": "关于测试的通知", "issued_on": "2026-03-02", "summary": "概述",
                   "keywords": "测试", "body_text": chars(DOCUMENT_MAX_CHARS + 1)}),
        ),
    ] {
        let reply = staff_post(&t.router, &jy, "/api/staff/catalog/entries", body).await;
        assert_names_field(&reply, field, "catalog entry");
    }

    // The service guide: an item's name and one of its steps.
    let admin = login(&t.router, ADMIN.0, ADMIN.1).await;
    let loaded = staff_get(&t.router, &admin, "/api/staff/guide/items/JT-TEST").await;
    assert_eq!(loaded.status, StatusCode::OK, "{}", loaded.json());
    let loaded = loaded.json();
    for (field, path, text) in [
        ("name", "/item/name", json!(chars(NAME_MAX_CHARS + 1))),
        (
            "steps",
            "/item/steps",
            json!(["申请", chars(GUIDE_ENTRY_MAX_CHARS + 1)]),
        ),
    ] {
        let mut body =
            json!({"item": loaded["item"].clone(), "revision": loaded["revision"].clone()});
        *body.pointer_mut(path).unwrap() = text;
        let reply = staff_post(&t.router, &admin, "/api/staff/guide/items/JT-TEST", body).await;
        assert_names_field(&reply, field, "guide item");
    }
}
