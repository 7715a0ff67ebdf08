//! Outbox state transitions in a real browser (headless Chromium, real IndexedDB): freezing with
//! a new client id and hash, leases between two "tabs", backoff on a transient failure, set aside
//! on a refusal without blocking others, and confirmation keeping the receipt.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use guichet_app::api::{ApiError, ErrorBody};
use guichet_app::storage::Storage;
use guichet_app::storage::forms::Draft;
use guichet_app::storage::outbox::{OutboxRecord, OutboxState, RecordKind, StoredReceipt};
use guichet_app::storage::stores;
use guichet_app::sync::outbox::{
    self, Attempt, LEASE_MS, backoff_ms, claim, record_failure, tab_id,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) -> Storage {
    let _ = guichet_idb::delete_database(name).await;
    Storage::open(name).await.expect("open")
}

fn draft(id: &str) -> Draft {
    Draft::new(
        id.into(),
        "GA-001".into(),
        "居民身份证换领".into(),
        1,
        "{}".into(),
        1.0,
    )
    .answered()
}

fn answers(name: &str) -> guichet_core::form::Answers {
    match serde_json::json!({"name": name, "n": 2}) {
        serde_json::Value::Object(map) => map,
        _ => unreachable!(),
    }
}

#[wasm_bindgen_test]
async fn submit_freezes_a_record_with_a_random_id_and_the_hash() {
    let db = fresh("test-outbox-freeze").await;
    db.put_draft(&draft("d")).await.expect("draft");
    let record = outbox::submit(&db, &draft("d"), &answers("张三"))
        .await
        .expect("submit");
    assert_eq!(record.id.len(), 32);
    assert!(record.id.bytes().all(|b| b.is_ascii_hexdigit()));
    let value = serde_json::from_str(&record.answers).expect("json");
    assert_eq!(
        record.content_hash,
        guichet_core::form::submission_hash("GA-001", 1, &value)
    );
    assert_eq!(record.state, OutboxState::Pending);
    assert!(
        record.submitted_at.ends_with("+08:00"),
        "{}",
        record.submitted_at
    );
    let kept = db.get_draft("d").await.expect("get").expect("draft kept");
    assert_eq!(kept.submitted_as.as_deref(), Some(record.id.as_str()));
    assert_eq!(db.pending_count().await.expect("count"), 1);
    let body = outbox::request_body(&record);
    assert!(
        body.contains(&record.id) && body.contains("\"n\":2"),
        "{body}"
    );
    let other = outbox::submit(&db, &draft("e"), &answers("李四"))
        .await
        .expect("submit");
    assert_ne!(other.id, record.id);
}

#[wasm_bindgen_test]
async fn a_lease_keeps_a_second_tab_out_until_it_expires() {
    let db = fresh("test-outbox-lease").await;
    let record = outbox::submit(&db, &draft("d"), &answers("张三"))
        .await
        .expect("submit");
    let now = 1_000_000.0;
    let taken = claim(&db, &record.id, "tab-a", now).await.expect("claim");
    assert_eq!(taken.as_ref().map(|r| r.state), Some(OutboxState::Sending));
    assert_eq!(taken.as_ref().map(|r| r.attempts), Some(1));
    assert!(
        claim(&db, &record.id, "tab-b", now + 1.0)
            .await
            .expect("claim")
            .is_none()
    );
    // The holder itself (reloaded) may take it back.
    assert!(
        claim(&db, &record.id, "tab-a", now + 2.0)
            .await
            .expect("claim")
            .is_some()
    );
    let late = claim(&db, &record.id, "tab-b", now + 3.0 + LEASE_MS)
        .await
        .expect("claim");
    assert_eq!(late.and_then(|r| r.lease_owner).as_deref(), Some("tab-b"));
}

fn server(status: u16) -> ApiError {
    ApiError::Server {
        status,
        body: ErrorBody {
            code: "validation".into(),
            message: "部分内容填写有误".into(),
            fields: BTreeMap::from([("name".to_string(), "此项为必填项。".to_string())]),
        },
    }
}

#[wasm_bindgen_test]
async fn transient_failures_back_off_and_refusals_are_set_aside() {
    let db = fresh("test-outbox-states").await;
    let a = outbox::submit(&db, &draft("a"), &answers("甲"))
        .await
        .expect("submit");
    let b = outbox::submit(&db, &draft("b"), &answers("乙"))
        .await
        .expect("submit");
    let me = tab_id();
    let now = guichet_app::clock::now_ms();
    claim(&db, &a.id, &me, now).await.expect("claim");
    let outcome = record_failure(&db, &a.id, &ApiError::Network, now)
        .await
        .expect("fail");
    assert_eq!(outcome, Attempt::Retry);
    let a1 = db.get_outbox(&a.id).await.expect("get").expect("some");
    assert_eq!(a1.state, OutboxState::Pending);
    assert!(a1.next_attempt_at >= now + 2_500.0 && a1.next_attempt_at <= now + 5_000.0);
    assert!(a1.lease_owner.is_none());

    claim(&db, &b.id, &me, now).await.expect("claim");
    let outcome = record_failure(&db, &b.id, &server(422), now)
        .await
        .expect("fail");
    assert_eq!(outcome, Attempt::Refused);
    let b1 = db.get_outbox(&b.id).await.expect("get").expect("some");
    assert_eq!(b1.state, OutboxState::Refused);
    assert_eq!(
        b1.refused_fields,
        vec![("name".into(), "此项为必填项。".into())]
    );
    // A refused record is not pending and is never claimed again; the other one still is.
    assert_eq!(db.pending_count().await.expect("count"), 1);
    assert!(
        claim(&db, &b.id, &me, now + 1e9)
            .await
            .expect("claim")
            .is_none()
    );
    assert!(
        claim(&db, &a.id, &me, now + 1e9)
            .await
            .expect("claim")
            .is_some()
    );

    // Editing the refused one makes a new record with a new id; the old one is replaced.
    outbox::reopen(&db, &b1).await.expect("reopen");
    let again = outbox::submit(&db, &draft("b"), &answers("乙改"))
        .await
        .expect("submit");
    assert_ne!(again.id, b.id);
    assert!(db.get_outbox(&b.id).await.expect("get").is_none());
}

#[wasm_bindgen_test]
async fn discarding_a_refused_record_releases_its_draft_with_the_answers() {
    let db = fresh("test-outbox-discard").await;
    let mut start = draft("d");
    start.answers = r#"{"name":"丙"}"#.into();
    db.put_draft(&start).await.expect("put");
    let record = outbox::submit(&db, &start, &answers("丙"))
        .await
        .expect("submit");
    let held = db.get_draft("d").await.expect("get").expect("some");
    assert_eq!(held.submitted_as.as_deref(), Some(record.id.as_str()));
    claim(&db, &record.id, &tab_id(), 0.0).await.expect("claim");
    record_failure(&db, &record.id, &server(422), 0.0)
        .await
        .expect("fail");
    let refused = db.get_outbox(&record.id).await.expect("get").expect("some");

    outbox::discard(&db, &refused).await.expect("discard");
    assert!(db.get_outbox(&record.id).await.expect("get").is_none());
    let released = db.get_draft("d").await.expect("get").expect("kept");
    assert_eq!(released.submitted_as, None);
    assert!(released.answers.contains("丙"), "{}", released.answers);
}

#[wasm_bindgen_test]
async fn confirmation_keeps_the_receipt_and_drops_record_and_draft() {
    let db = fresh("test-outbox-confirm").await;
    let record = outbox::submit(&db, &draft("d"), &answers("张三"))
        .await
        .expect("submit");
    let receipt = StoredReceipt {
        client_id: record.id.clone(),
        case_no: "20261127-GA-000001".into(),
        query_code: Some("ABCD1234".into()),
        item_code: "GA-001".into(),
        item_name: "居民身份证换领".into(),
        form_version: 1,
        draft_id: "d".into(),
        received_at: "2026-11-27T01:00:00Z".into(),
        disclosure: wasm_bindgen::JsValue::UNDEFINED,
    };
    db.confirm(&receipt, "d").await.expect("confirm");
    assert_eq!(
        db.get_receipt(&record.id).await.expect("get"),
        Some(receipt)
    );
    assert!(db.get_outbox(&record.id).await.expect("get").is_none());
    assert!(db.get_draft("d").await.expect("get").is_none());
    assert_eq!(db.pending_count().await.expect("count"), 0);
}

/// `outbox::submit`'s refusal to send a draft again: the client id it names.
fn already_sent(result: Result<OutboxRecord, outbox::OutboxError>) -> String {
    match result {
        Err(outbox::OutboxError::AlreadySent(id)) => id,
        other => panic!("expected AlreadySent, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn one_draft_makes_one_record_whatever_the_number_of_tabs() {
    let db = fresh("test-outbox-two-tabs").await;
    db.put_draft(&draft("d")).await.expect("put");
    // Two tabs hold the same draft as it was opened (not yet submitted) and both press 确认提交.
    let first = outbox::submit(&db, &draft("d"), &answers("张三"))
        .await
        .expect("submit");
    let second = already_sent(outbox::submit(&db, &draft("d"), &answers("张三")).await);
    assert_eq!(second, first.id);
    assert_eq!(db.list_outbox().await.expect("list").len(), 1);
    // The second tab's autosave neither unlocks nor overwrites the sent draft.
    assert_eq!(
        db.save_open_draft(&draft("d")).await.expect("save"),
        Some(first.id.clone())
    );
    let held = db.get_draft("d").await.expect("get").expect("kept");
    assert_eq!(held.submitted_as.as_deref(), Some(first.id.as_str()));

    // Confirmed by the server: the draft is gone, and a stale tab finds the receipt by it.
    let receipt = StoredReceipt {
        client_id: first.id.clone(),
        case_no: "20261203-GA-000001".into(),
        query_code: Some("ABCD1234".into()),
        item_code: "GA-001".into(),
        item_name: "居民身份证换领".into(),
        form_version: 1,
        draft_id: "d".into(),
        received_at: "2026-12-03T01:00:00Z".into(),
        disclosure: wasm_bindgen::JsValue::UNDEFINED,
    };
    db.confirm(&receipt, "d").await.expect("confirm");
    let late = already_sent(outbox::submit(&db, &draft("d"), &answers("张三")).await);
    assert_eq!(late, first.id);
    assert_eq!(
        db.save_open_draft(&draft("d")).await.expect("save"),
        Some(first.id.clone())
    );
    assert!(
        db.get_draft("d").await.expect("get").is_none(),
        "not revived"
    );
    assert_eq!(db.pending_count().await.expect("count"), 0);
}

#[wasm_bindgen_test]
async fn a_refused_record_leaves_its_draft_free_to_send_again() {
    let db = fresh("test-outbox-refused-again").await;
    db.put_draft(&draft("r")).await.expect("put");
    let first = outbox::submit(&db, &draft("r"), &answers("甲"))
        .await
        .expect("submit");
    claim(&db, &first.id, &tab_id(), 0.0).await.expect("claim");
    record_failure(&db, &first.id, &server(422), 0.0)
        .await
        .expect("fail");
    let again = outbox::submit(&db, &draft("r"), &answers("甲改"))
        .await
        .expect("a refused record does not hold its draft");
    assert_ne!(again.id, first.id);
    assert!(db.get_outbox(&first.id).await.expect("get").is_none());
}

#[wasm_bindgen_test]
async fn a_disclosure_receipt_keeps_the_dates_the_server_gave() {
    let db = fresh("test-outbox-disclosure").await;
    let record = outbox::submit(&db, &draft("g"), &answers("李四"))
        .await
        .expect("submit");
    let dates = js_sys::JSON::parse(
        r#"{"counted_from": "2026-12-03", "reply_by": "2026-12-31", "reply_by_provisional": false}"#,
    )
    .expect("json");
    let receipt = StoredReceipt {
        client_id: record.id.clone(),
        case_no: "20261202-GK-000001".into(),
        query_code: Some("ABCD1234".into()),
        item_code: "YSQGK".into(),
        item_name: "政府信息公开申请".into(),
        form_version: 1,
        draft_id: "g".into(),
        received_at: "2026-12-02T10:00:00Z".into(),
        disclosure: dates,
    };
    db.confirm(&receipt, "g").await.expect("confirm");
    let kept = db
        .get_receipt(&record.id)
        .await
        .expect("get")
        .expect("kept");
    let field = |name: &str| {
        js_sys::Reflect::get(&kept.disclosure, &name.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    assert_eq!(field("counted_from").as_deref(), Some("2026-12-03"));
    assert_eq!(field("reply_by").as_deref(), Some("2026-12-31"));
}

#[wasm_bindgen_test]
fn backoff_grows_with_jitter_and_is_capped() {
    assert_eq!(backoff_ms(1, 0.0), 2_500.0);
    assert_eq!(backoff_ms(1, 1.0), 5_000.0);
    assert_eq!(backoff_ms(3, 0.0), 10_000.0);
    assert_eq!(backoff_ms(30, 1.0), outbox::BACKOFF_CAP_MS);
    assert!(backoff_ms(30, 0.0) >= outbox::BACKOFF_CAP_MS / 2.0);
}

#[wasm_bindgen_test]
async fn a_supplement_draft_is_frozen_for_its_case_with_the_kept_query_code() {
    let db = fresh("test-outbox-supplement").await;
    let mut amend = draft("s");
    amend.supplement_for = Some("20261127-GA-000001".into());
    // Not followed on the device: no query code, nothing frozen.
    assert!(outbox::submit(&db, &amend, &answers("张三")).await.is_err());
    db.put_record(
        stores::TRACKED_CASES,
        &serde_json::json!({"case_no": "20261127-GA-000001", "query_code": "ABCD-EFGH-JKLM"}),
    )
    .await
    .expect("tracked");
    let record = outbox::submit(&db, &amend, &answers("张三"))
        .await
        .expect("submit");
    assert_eq!(record.kind, RecordKind::Supplement);
    assert_eq!(
        outbox::request_path(&record),
        "cases/20261127-GA-000001/supplement"
    );
    let body = outbox::request_body(&record);
    assert!(
        body.contains("\"query_code\":\"ABCD-EFGH-JKLM\"")
            && body.contains(&record.content_hash)
            && body.contains("\"n\":2"),
        "{body}"
    );
    // A refused 补正 whose draft was deleted comes back as a 补正, never as a new case.
    db.delete_draft("s").await.expect("delete");
    outbox::reopen(&db, &record).await.expect("reopen");
    let again = db.get_draft("s").await.expect("get").expect("made again");
    assert_eq!(again.supplement_for.as_deref(), Some("20261127-GA-000001"));
}

#[wasm_bindgen_test]
async fn ratings_and_complaints_are_queued_with_a_frozen_body_and_old_records_stay_submissions() {
    let db = fresh("test-outbox-kinds").await;
    let record = outbox::queue(
        &db,
        RecordKind::Evaluation,
        Some("20261127-GA-000001"),
        "好差评",
        |id| {
            Ok(format!(
                "{{\"client_id\":\"{id}\",\"level\":\"satisfied\"}}"
            ))
        },
    )
    .await
    .expect("queue");
    assert_eq!(
        outbox::request_path(&record),
        "cases/20261127-GA-000001/evaluation"
    );
    assert!(outbox::request_body(&record).contains(&record.id));
    assert_eq!(db.pending_count().await.expect("count"), 1);
    // Not a form: nothing to reopen.
    assert!(outbox::reopen(&db, &record).await.is_err());

    // A complaint's answer is kept, the record dropped, in one go.
    let answer =
        js_sys::JSON::parse(r#"{"complaint_no":"TS20261127-0001","subject":"x"}"#).expect("json");
    db.deliver(&record.id, Some((stores::COMPLAINTS, &answer)))
        .await
        .expect("deliver");
    assert_eq!(db.pending_count().await.expect("count"), 0);
    let kept: Vec<serde_json::Value> = db.all_records(stores::COMPLAINTS).await.expect("all");
    assert_eq!(kept[0]["complaint_no"], "TS20261127-0001");

    // A record stored before kinds existed reads as a submission.
    let old = js_sys::JSON::parse(
        r#"{"id":"old","draft_id":"d","item_code":"GA-001","item_name":"x","form_version":1,
            "answers":"{}","content_hash":"h","submitted_at":"t","state":"pending","attempts":0,
            "next_attempt_at":0,"lease_until":0,"created_at":1}"#,
    )
    .expect("json");
    let tx_value: OutboxRecord = serde_wasm_bindgen::from_value(old).expect("old record");
    assert_eq!(tx_value.kind, RecordKind::Submission);
    assert_eq!(outbox::request_path(&tx_value), "submissions");
}

#[wasm_bindgen_test]
async fn a_generic_post_goes_to_its_path_with_its_frozen_body_and_its_answer_is_kept() {
    let db = fresh("test-outbox-post").await;
    let record = outbox::queue(
        &db,
        RecordKind::Post,
        Some("consultations"),
        "咨询",
        |id| {
            Ok(format!(
                "{{\"client_id\":\"{id}\",\"question\":\"能办吗？\"}}"
            ))
        },
    )
    .await
    .expect("queue");
    assert_eq!(outbox::request_path(&record), "consultations");
    assert_eq!(
        outbox::request_body(&record),
        format!(
            "{{\"client_id\":\"{}\",\"question\":\"能办吗？\"}}",
            record.id
        )
    );
    // Not a form: nothing to reopen; it counts as waiting like the others.
    assert!(outbox::reopen(&db, &record).await.is_err());
    assert_eq!(db.pending_count().await.expect("count"), 1);

    // A refusal sets it aside with the server's words, never retried.
    db.update_outbox(&record.id, |mut r| {
        r.lease_owner = Some(tab_id());
        Some(r)
    })
    .await
    .expect("lease");
    let refused = record_failure(&db, &record.id, &server(409), 1.0)
        .await
        .expect("record");
    assert_eq!(refused, Attempt::Refused);
    let kept = db.get_outbox(&record.id).await.expect("get").expect("kept");
    assert_eq!(kept.state, OutboxState::Refused);

    // Its answer goes to the contact store under the client id.
    let answer = js_sys::JSON::parse(&format!(
        r#"{{"client_id":"{}","path":"consultations","consultation_no":"ZX20261205-0001"}}"#,
        record.id
    ))
    .expect("json");
    db.deliver(&record.id, Some((stores::CONTACT, &answer)))
        .await
        .expect("deliver");
    assert_eq!(db.pending_count().await.expect("count"), 0);
    let kept: Vec<serde_json::Value> = db.all_records(stores::CONTACT).await.expect("all");
    assert_eq!(kept[0]["consultation_no"], "ZX20261205-0001");
}
