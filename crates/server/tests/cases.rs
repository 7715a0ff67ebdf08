//! Integration tests of case tracking (lookup, rate limits), the life of a 承诺件 and of a
//! 联办件 through the staff API, the overdue list, 好差评 with its follow-up, and complaints.
//! Real SQLite in a fresh temporary directory per test.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::Utc;
use common::*;
use guichet_core::case::CaseType;
use guichet_core::form::submission_hash;
use guichet_server::cases_store::{self, DecisionInput, StaffAction};
use serde_json::json;

#[tokio::test]
async fn lookup_with_the_right_code_and_one_answer_for_every_wrong_one() {
    let t = app().await;
    let (case_no, code) = submit(&t.router, "JT-TEST", "client-lookup-1").await;

    let reply = lookup(&t.router, &case_no, &code).await;
    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.json();
    assert_eq!(body["case_no"], case_no.as_str());
    assert_eq!(body["state"], "submitted");
    assert_eq!(body["state_label"], "提交预审");
    assert_eq!(body["case_type_label"], "承诺件");
    assert_eq!(body["department"]["name"], "县交通运输局");
    assert_eq!(body["timeline"][0]["who"], "申请人");
    assert!(body["clock"].is_null(), "no clock before acceptance");
    assert!(body["as_of"].is_string());
    // In English when the browser prefers it.
    let mut english = post_from(
        "/api/cases/lookup",
        &json!({"case_no": case_no, "query_code": code}),
        "10.0.0.1",
    );
    english
        .headers_mut()
        .insert(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9".parse().unwrap());
    let english = send(&t.router, english).await.json();
    assert_eq!(english["state_label"], "Submitted for pre-review");
    assert_eq!(english["timeline"][0]["who"], "Applicant");
    // The code is accepted however it is typed.
    let sloppy = code.replace('-', " ").to_lowercase();
    assert_eq!(
        lookup(&t.router, &case_no, &sloppy).await.status,
        StatusCode::OK
    );

    let wrong_code = lookup(&t.router, &case_no, "AAAA-BBBB-CCCC").await;
    let wrong_number = lookup(&t.router, "20991231-JT-999999", &code).await;
    assert_eq!(wrong_code.status, StatusCode::NOT_FOUND);
    assert_eq!(
        wrong_code.body, wrong_number.body,
        "no way to tell which was wrong"
    );
    assert_eq!(wrong_code.code(), "case_not_found");
    assert!(
        wrong_code.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("办件编号或查询码不正确")
    );
}

#[tokio::test]
async fn repeated_failures_are_rate_limited_per_case_and_per_ip() {
    let t = app().await;
    let (case_no, code) = submit(&t.router, "JT-TEST", "client-limit-1").await;
    for _ in 0..5 {
        let reply = lookup(&t.router, &case_no, "WRON-GWRO-NGXX").await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
    }
    // Blocked now for this client on this case, even with the right code ...
    let blocked = lookup(&t.router, &case_no, &code).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(blocked.code(), "rate_limited");
    let retry: u64 = blocked.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    // ... but not for the holder elsewhere: a stranger cannot lock them out.
    let holder = send(
        &t.router,
        post_from(
            "/api/cases/lookup",
            &json!({"case_no": case_no, "query_code": code}),
            "10.9.9.9",
        ),
    )
    .await;
    assert_eq!(holder.status, StatusCode::OK);

    // Per IP: 20 failures on assorted numbers from one address.
    for n in 0..15 {
        let reply = send(
            &t.router,
            post_from(
                "/api/cases/lookup",
                &json!({"case_no": format!("20260101-JT-{n:06}"), "query_code": "X"}),
                "10.0.0.1",
            ),
        )
        .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "attempt {n}");
    }
    // 5 + 15 = 20 failures from 10.0.0.1 (the refused one above is not counted).
    let (other_case, other_code) = submit(&t.router, "JT-TEST", "client-limit-2").await;
    let from_same_ip = lookup(&t.router, &other_case, &other_code).await;
    assert_eq!(from_same_ip.status, StatusCode::TOO_MANY_REQUESTS);
    let from_elsewhere = send(
        &t.router,
        post_from(
            "/api/cases/lookup",
            &json!({"case_no": other_case, "query_code": other_code}),
            "10.0.0.2",
        ),
    )
    .await;
    assert_eq!(from_elsewhere.status, StatusCode::OK);
}

async fn send_supplement(
    t: &TestApp,
    case_no: &str,
    code: &str,
    client_id: &str,
    name: &str,
) -> Reply {
    let answers = json!({"name": name});
    let hash = submission_hash("JT-TEST", 1, &answers);
    post(
        &t.router,
        &format!("/api/cases/{case_no}/supplement"),
        json!({"query_code": code, "client_id": client_id, "answers": answers,
               "content_hash": hash}),
    )
    .await
}

/// Takes a case from its pre-review to an approving conclusion through the desk's API.
async fn conclude(t: &TestApp, staff: &Session, case_no: &str) {
    for (expected, action) in [
        ("submitted", json!({"action": "pass_prereview"})),
        ("pre_review_passed", json!({"action": "accept"})),
        ("accepted", json!({"action": "start"})),
        (
            "in_progress",
            json!({"action": "conclude", "decision": "approve"}),
        ),
    ] {
        act(&t.router, staff, case_no, expected, action).await;
    }
}

#[tokio::test]
async fn the_whole_life_of_a_promised_case() {
    let t = app().await;
    let (case_no, code) = submit(&t.router, "JT-TEST", "client-life-0001").await;
    let jt = login(&t.router, JT.0, JT.1).await;

    // Pre-review finds a document missing.
    let detail = act(
        &t.router,
        &jt,
        &case_no,
        "submitted",
        json!({"action": "request_supplement", "missing": ["身份证复印件"], "note": "请上传清晰件"}),
    )
    .await;
    assert_eq!(detail["state"], "needs_supplement");
    let view = lookup(&t.router, &case_no, &code).await.json();
    assert_eq!(view["state"], "needs_supplement");
    assert_eq!(view["supplement"]["missing"], json!(["身份证复印件"]));
    assert_eq!(view["supplement"]["note"], "请上传清晰件");
    assert_eq!(
        view["timeline"][1]["who"], "县交通运输局",
        "a department, not a person"
    );
    assert!(!view.to_string().contains("\"id\""), "no staff id: {view}");

    // A supplement with invalid answers is refused by the form engine.
    let bad = send_supplement(&t, &case_no, &code, "supp-bad-0001", "").await;
    assert_eq!(
        bad.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        bad.json()
    );
    // The citizen supplies; a retry is answered the same, once.
    let first = send_supplement(&t, &case_no, &code, "supp-life-0001", "张三丰").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.json());
    assert_eq!(first.json()["status"], "submitted");
    let again = send_supplement(&t, &case_no, &code, "supp-life-0001", "张三丰").await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(again.json(), first.json());
    // Not waiting for a supplement any more: a new one is a conflict.
    let late = send_supplement(&t, &case_no, &code, "supp-life-0002", "张三丰").await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(late.json()["error"]["current_state"], "submitted");

    act(
        &t.router,
        &jt,
        &case_no,
        "submitted",
        json!({"action": "pass_prereview"}),
    )
    .await;
    // A stale expected_state (someone else acted) is a conflict with the current state.
    let stale = staff_post(
        &t.router,
        &jt,
        &format!("/api/staff/cases/{case_no}/actions"),
        json!({"action": "accept", "expected_state": "submitted"}),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.json()["error"]["current_state"], "pre_review_passed");
    // An illegal move: concluding before processing.
    let illegal = staff_post(
        &t.router,
        &jt,
        &format!("/api/staff/cases/{case_no}/actions"),
        json!({"action": "conclude", "decision": "approve", "expected_state": "pre_review_passed"}),
    )
    .await;
    assert_eq!(illegal.status, StatusCode::CONFLICT);
    assert_eq!(
        illegal.json()["error"]["current_state"],
        "pre_review_passed"
    );

    act(
        &t.router,
        &jt,
        &case_no,
        "pre_review_passed",
        json!({"action": "accept"}),
    )
    .await;
    let detail = act(
        &t.router,
        &jt,
        &case_no,
        "accepted",
        json!({"action": "start"}),
    )
    .await;
    assert_eq!(detail["clock"]["status"], "running");
    let view = lookup(&t.router, &case_no, &code).await.json();
    assert!(view["deadline"].is_string(), "{view}");

    // A supplement during processing stops the clock…
    act(
        &t.router,
        &jt,
        &case_no,
        "in_progress",
        json!({"action": "request_supplement", "missing": ["车辆行驶证"], "note": ""}),
    )
    .await;
    let view = lookup(&t.router, &case_no, &code).await.json();
    assert_eq!(view["state"], "supplement_during_processing");
    assert_eq!(view["clock"]["status"], "paused");
    assert!(view["deadline"].is_null());
    // …and its receipt restarts it.
    let resumed = send_supplement(&t, &case_no, &code, "supp-life-0003", "张三").await;
    assert_eq!(resumed.status, StatusCode::CREATED);
    assert_eq!(resumed.json()["status"], "in_progress");
    let view = lookup(&t.router, &case_no, &code).await.json();
    assert_ne!(view["clock"]["status"], "paused");

    let detail = act(
        &t.router,
        &jt,
        &case_no,
        "in_progress",
        json!({"action": "conclude", "decision": "approve", "result": "道路运输证 No.001"}),
    )
    .await;
    assert_eq!(detail["state"], "concluded.approved");
    assert_eq!(detail["clock"]["status"], "finished");
    // The staff detail has the people; the audit trail has every action.
    let actions: Vec<&str> = detail["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "request_supplement",
            "receive_supplement",
            "pass_prereview",
            "accept",
            "start",
            "request_supplement",
            "receive_supplement",
            "conclude"
        ]
    );
    assert!(detail["actions"][0]["staff_id"].is_i64());
    assert_eq!(detail["actions"][0]["department"], "JT");
    let view = lookup(&t.router, &case_no, &code).await.json();
    assert_eq!(view["state"], "concluded.approved");
    assert!(view["state_label"].as_str().unwrap().starts_with("办结"));
    assert!(view["is_final"].as_bool().unwrap());
}

/// Files `item` as JT's case on Monday 2026-03-02 08:30 (China) and has a JT clerk move it
/// through `steps` (action, time in China): the past dates the deadline tests count from.
async fn file_and_move(
    t: &TestApp,
    item: &str,
    case_type: CaseType,
    client_id: &str,
    steps: Vec<(StaffAction, &str)>,
) -> (String, String) {
    file_and_move_at(t, item, case_type, client_id, "2026-03-02 08:30", steps).await
}

/// Pre-review passed, accepted and started on the morning of 2026-03-02.
fn started() -> Vec<(StaffAction, &'static str)> {
    vec![
        (StaffAction::PassPrereview, "2026-03-02 09:00"),
        (StaffAction::Accept, "2026-03-02 09:30"),
        (StaffAction::Start, "2026-03-02 10:00"),
    ]
}

#[tokio::test]
async fn the_clock_stops_during_a_supplement_on_the_official_calendar() {
    let t = app().await;
    let mut steps = started();
    steps.push((
        StaffAction::RequestSupplement {
            missing: vec!["营业执照副本".into()],
            note: String::new(),
        },
        "2026-03-04 11:00",
    ));
    let (case_no, code) =
        file_and_move(&t, "JT-TEST", CaseType::Promised, "client-past-0001", steps).await;
    let mut record = cases_store::load(&t.state.db, &case_no, china("2026-03-09 15:00"))
        .await
        .unwrap()
        .unwrap();
    let answers = json!({"name": "李四"});
    cases_store::receive_supplement(
        &t.state.db,
        &t.state.calendar.current().calendar,
        &mut record,
        "supp-past-0001",
        &submission_hash("JT-TEST", 1, &answers),
        answers.as_object().unwrap(),
        china("2026-03-09 15:00"),
    )
    .await
    .unwrap();
    // 5 working days from Monday 03-02: 03-03 and 03-04 used before the stop, 3 left from
    // 03-09: 10, 11, 12 → due Thursday 03-12 (03-09 without the stop).
    let view = lookup(&t.router, &case_no, &code).await.json();
    assert_eq!(view["deadline"], "2026-03-12");
    assert_eq!(view["clock"]["status"], "overdue");
    assert!(view["working_days_overdue"].as_u64().unwrap() > 100);
}

#[tokio::test]
async fn a_joint_case_with_one_approval_and_one_default_consent() {
    let t = app().await;
    let (case_no, code) = file_and_move(
        &t,
        "JT-JOINT",
        CaseType::Joint,
        "client-joint-001",
        started(),
    )
    .await;
    // GA agrees in time.
    let ga_staff = staff(&t.state, GA.0, GA.1).await;
    cases_store::decide_part(
        &t.state.db,
        &case_no,
        "GA",
        &ga_staff,
        DecisionInput::Approve,
        "同意",
        china("2026-03-05 10:00"),
    )
    .await
    .unwrap();

    let ga = login(&t.router, GA.0, GA.1).await;
    let jt = login(&t.router, JT.0, JT.1).await;
    // GA sees the case (it has a part) but may not act on the whole case or on JT's part.
    assert_eq!(
        staff_get(&t.router, &ga, &format!("/api/staff/cases/{case_no}"))
            .await
            .status,
        StatusCode::OK
    );
    let whole = staff_post(
        &t.router,
        &ga,
        &format!("/api/staff/cases/{case_no}/actions"),
        json!({"action": "conclude", "decision": "approve", "expected_state": "in_progress"}),
    )
    .await;
    assert_eq!(whole.status, StatusCode::FORBIDDEN);
    let other_part = staff_post(
        &t.router,
        &ga,
        &format!("/api/staff/cases/{case_no}/parts/JT/decision"),
        json!({"decision": "deny"}),
    )
    .await;
    assert_eq!(other_part.status, StatusCode::FORBIDDEN);
    // GA's part is already settled.
    let twice = staff_post(
        &t.router,
        &ga,
        &format!("/api/staff/cases/{case_no}/parts/GA/decision"),
        json!({"decision": "deny"}),
    )
    .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    // A department without a part does not see the case at all.
    let sc = login(&t.router, SC.0, SC.1).await;
    assert_eq!(
        staff_get(&t.router, &sc, &format!("/api/staff/cases/{case_no}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // JT never answered for its own part: past the deadline (5 working days after 03-02 is
    // 03-09) it is deemed to consent (超时默认), as the item's rule says.
    let view = lookup(&t.router, &case_no, &code).await.json();
    let parts = view["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2);
    let jt_part = parts
        .iter()
        .find(|p| p["department"]["code"] == "JT")
        .unwrap();
    let ga_part = parts
        .iter()
        .find(|p| p["department"]["code"] == "GA")
        .unwrap();
    assert_eq!(
        jt_part["state"],
        json!({"state": "deemed_consent", "reason": "timeout"})
    );
    assert_eq!(jt_part["deadline"], "2026-03-09");
    assert_eq!(ga_part["state"], json!({"state": "approved"}));
    assert_eq!(ga_part["settled_on"], "2026-03-05");
    assert_eq!(ga_part["department"]["name"], "县公安局");
    assert!(
        view["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["event"] == "part_settled" && e["who"] == "系统")
    );

    // The outcome is approval: denying would contradict the review.
    let mismatch = staff_post(
        &t.router,
        &jt,
        &format!("/api/staff/cases/{case_no}/actions"),
        json!({"action": "conclude", "decision": "deny", "expected_state": "in_progress"}),
    )
    .await;
    assert_eq!(mismatch.status, StatusCode::CONFLICT);
    assert_eq!(mismatch.code(), "joint_outcome_mismatch");
    let done = act(
        &t.router,
        &jt,
        &case_no,
        "in_progress",
        json!({"action": "conclude", "decision": "approve", "result": "准予"}),
    )
    .await;
    assert_eq!(done["state"], "concluded.approved");
    let actions: Vec<&str> = done["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"deemed_consent") && actions.contains(&"part_decision"));
}

#[tokio::test]
async fn a_joint_case_cannot_conclude_while_a_part_is_pending() {
    let t = app().await;
    let (case_no, _) = submit(&t.router, "JT-JOINT", "client-joint-002").await;
    let jt = login(&t.router, JT.0, JT.1).await;
    act(
        &t.router,
        &jt,
        &case_no,
        "submitted",
        json!({"action": "pass_prereview"}),
    )
    .await;
    act(
        &t.router,
        &jt,
        &case_no,
        "pre_review_passed",
        json!({"action": "accept"}),
    )
    .await;
    act(
        &t.router,
        &jt,
        &case_no,
        "accepted",
        json!({"action": "start"}),
    )
    .await;
    let early = staff_post(
        &t.router,
        &jt,
        &format!("/api/staff/cases/{case_no}/actions"),
        json!({"action": "conclude", "decision": "approve", "expected_state": "in_progress"}),
    )
    .await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(early.code(), "joint_incomplete");
    // JT decides its own part by HTTP; GA's is still pending.
    let reply = staff_post(
        &t.router,
        &jt,
        &format!("/api/staff/cases/{case_no}/parts/JT/decision"),
        json!({"decision": "approve", "note": "同意"}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    assert_eq!(
        reply.json()["parts"][0]["state"],
        json!({"state": "approved"})
    );
    // GA misses the joint meeting: only the lead department records it, and the item's rule
    // makes it consent (缺席默认).
    let ga = login(&t.router, GA.0, GA.1).await;
    let absence = format!("/api/staff/cases/{case_no}/parts/GA/absence");
    let by_ga = staff_post(&t.router, &ga, &absence, json!({})).await;
    assert_eq!(by_ga.status, StatusCode::FORBIDDEN);
    let reply = staff_post(&t.router, &jt, &absence, json!({})).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    assert_eq!(
        reply.json()["parts"][1]["state"],
        json!({"state": "deemed_consent", "reason": "absence"})
    );
    let done = act(
        &t.router,
        &jt,
        &case_no,
        "in_progress",
        json!({"action": "conclude", "decision": "approve"}),
    )
    .await;
    assert_eq!(done["state"], "concluded.approved");
}

#[tokio::test]
async fn overdue_list_shows_a_part_past_its_deadline() {
    let t = app().await;
    let (case_no, _) = file_and_move(
        &t,
        "JT-STRICT",
        CaseType::Joint,
        "client-strict-01",
        started(),
    )
    .await;
    let ga = login(&t.router, GA.0, GA.1).await;
    let list = staff_get(&t.router, &ga, "/api/staff/overdue").await.json();
    let departments = list["departments"].as_array().unwrap();
    assert_eq!(departments.len(), 1, "GA sees only its own: {list}");
    assert_eq!(departments[0]["department"]["code"], "GA");
    let item = &departments[0]["items"][0];
    assert_eq!(item["kind"], "part");
    assert_eq!(item["case_no"], case_no.as_str());
    assert_eq!(item["due"], "2026-03-09");
    assert!(item["working_days_overdue"].as_i64().unwrap() > 100);

    // The center sees the case itself overdue (JT) and both late parts.
    let admin = login(&t.router, ADMIN.0, ADMIN.1).await;
    let list = staff_get(&t.router, &admin, "/api/staff/overdue")
        .await
        .json();
    // (The demo's overdue disclosure requests are listed under their agencies too.)
    let windows: Vec<&serde_json::Value> = list["departments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["items"][0]["kind"] != "disclosure")
        .collect();
    let codes: Vec<&str> = windows
        .iter()
        .map(|d| d["department"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["GA", "JT"]);
    let jt_items = &windows[1]["items"];
    assert!(
        jt_items
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["kind"] == "case")
    );
    // The queue sorts it first (due long ago) and can filter by due date.
    let queue = staff_get(&t.router, &admin, "/api/staff/queue?due_before=2026-03-31")
        .await
        .json();
    assert_eq!(queue["total"], 1);
    assert_eq!(queue["items"][0]["case_no"], case_no.as_str());
}

#[tokio::test]
async fn one_rating_per_concluded_case_and_a_bad_one_is_followed_up() {
    let t = app().await;
    let (case_no, code) = submit(&t.router, "JT-TEST", "client-rate-0001").await;
    let rate = |client: &str, level: &str| json!({"query_code": code, "client_id": client, "level": level, "comment": "等太久"});
    let path = format!("/api/cases/{case_no}/evaluation");
    let early = post(&t.router, &path, rate("rate-0000001", "satisfied")).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(early.code(), "not_concluded");

    let jt = login(&t.router, JT.0, JT.1).await;
    conclude(&t, &jt, &case_no).await;
    let first = post(&t.router, &path, rate("rate-0000002", "dissatisfied")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.json());
    let followup = first.json()["followup"].clone();
    assert!(followup["id"].is_i64());
    assert!(followup["due_date"].is_string());
    // The outbox retrying gets the same answer; a second rating is refused.
    let retry = post(&t.router, &path, rate("rate-0000002", "dissatisfied")).await;
    assert_eq!(retry.status, StatusCode::OK);
    assert_eq!(retry.json(), first.json());
    let second = post(&t.router, &path, rate("rate-0000003", "very_satisfied")).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert_eq!(second.code(), "already_rated");
    // Wrong code: the generic 404.
    let mut wrong = rate("rate-0000004", "satisfied");
    wrong["query_code"] = json!("AAAA-AAAA-AAAA");
    assert_eq!(post(&t.router, &path, wrong).await.code(), "case_not_found");

    // JT must answer; GA does not see it.
    let ga = login(&t.router, GA.0, GA.1).await;
    let ga_list = staff_get(&t.router, &ga, "/api/staff/followups")
        .await
        .json();
    assert_eq!(ga_list["items"], json!([]));
    let list = staff_get(&t.router, &jt, "/api/staff/followups")
        .await
        .json();
    assert_eq!(list["items"][0]["case_no"], case_no.as_str());
    assert_eq!(list["items"][0]["level"], "dissatisfied");
    let id = list["items"][0]["id"].as_i64().unwrap();
    let reply_path = format!("/api/staff/followups/{id}/reply");
    let denied = staff_post(&t.router, &ga, &reply_path, json!({"reply": "x"})).await;
    assert_eq!(denied.status, StatusCode::NOT_FOUND);
    let reply = staff_post(
        &t.router,
        &jt,
        &reply_path,
        json!({"reply": "已整改，致歉"}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    assert_eq!(reply.json()["reply"], "已整改，致歉");
    let again = staff_post(&t.router, &jt, &reply_path, json!({"reply": "再次"})).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_good_rating_opens_no_follow_up() {
    let t = app().await;
    let (case_no, code) = submit(&t.router, "JT-TEST", "client-rate-0010").await;
    let jt = staff(&t.state, JT.0, JT.1).await;
    for action in [
        StaffAction::PassPrereview,
        StaffAction::Accept,
        StaffAction::Start,
        StaffAction::Conclude {
            decision: DecisionInput::Deny,
            result: "不符合条件".into(),
        },
    ] {
        cases_store::apply_action(
            &t.state.db,
            &t.state.calendar.current().calendar,
            &case_no,
            &jt,
            &action,
            None,
            Utc::now(),
        )
        .await
        .unwrap();
    }
    let reply = post(
        &t.router,
        &format!("/api/cases/{case_no}/evaluation"),
        json!({"query_code": code, "client_id": "rate-0000011", "level": "basic"}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    assert!(reply.json()["followup"].is_null());
}

#[tokio::test]
async fn complaints_are_filed_once_and_tracked_by_number_and_query_code() {
    let t = app().await;
    let complaint = json!({"client_id": "complaint-0001", "subject": "窗口推诿",
        "facts": "三次往返仍未受理", "contact": "138 0000 0000", "case_no": null});
    let first = post(&t.router, "/api/complaints", complaint.clone()).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.json());
    let number = first.json()["complaint_no"].as_str().unwrap().to_owned();
    let code = first.json()["query_code"].as_str().unwrap().to_owned();
    assert!(number.starts_with("TS"), "{number}");
    assert_eq!(first.json()["status"], "received");
    let retry = post(&t.router, "/api/complaints", complaint.clone()).await;
    assert_eq!(retry.status, StatusCode::OK);
    assert_eq!(retry.json()["complaint_no"], number.as_str());
    let mut changed = complaint.clone();
    changed["facts"] = json!("另一件事");
    let conflict = post(&t.router, "/api/complaints", changed).await;
    assert_eq!(conflict.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut empty = complaint.clone();
    empty["client_id"] = json!("complaint-0002");
    empty["subject"] = json!(" ");
    let invalid = post(&t.router, "/api/complaints", empty).await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid.json()["error"]["fields"]["subject"].is_string());

    let found = post(
        &t.router,
        "/api/complaints/lookup",
        json!({"complaint_no": number, "query_code": code}),
    )
    .await;
    assert_eq!(found.status, StatusCode::OK);
    assert_eq!(found.json()["subject"], "窗口推诿");
    let wrong = post(
        &t.router,
        "/api/complaints/lookup",
        json!({"complaint_no": number, "query_code": "WRON-GWRO-NGXX"}),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_calendar_is_served_cacheable_with_an_etag() {
    let t = app().await;
    let reply = send(
        &t.router,
        axum::http::Request::get("/api/calendar")
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["schema"], 1);
    assert!(
        reply.headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    let etag = reply.headers[header::ETAG].to_str().unwrap().to_owned();
    let again = send(
        &t.router,
        axum::http::Request::get("/api/calendar")
            .header(header::IF_NONE_MATCH, &etag)
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
}

/// A lookup that reaches the server through the proxy at 10.0.0.250 for `client`.
fn lookup_through_proxy(case_no: &str, code: &str, client: &str) -> Request<Body> {
    let mut request = post_from(
        "/api/cases/lookup",
        &json!({"case_no": case_no, "query_code": code}),
        "10.0.0.250",
    );
    request
        .headers_mut()
        .insert("x-forwarded-for", client.parse().unwrap());
    request
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_limits_count_the_forwarded_client() {
    let t = app().await;
    let proxied = guichet_server::build_router(t.state.clone().with_trusted_proxies(
        guichet_server::client_addr::TrustedProxies::new(vec!["10.0.0.250".parse().unwrap()]),
    ));
    // 20 failures (on 20 numbers: a case's own limit is 5) use up one citizen's allowance ...
    for n in 0..20 {
        let request = lookup_through_proxy(&format!("20260101-JT-{n:06}"), "X", "203.0.113.7");
        assert_eq!(send(&proxied, request).await.status, StatusCode::NOT_FOUND);
    }
    let (case_no, code) = submit(&t.router, "JT-TEST", "client-proxy-1").await;
    let same_citizen = lookup_through_proxy(&case_no, &code, "203.0.113.7");
    assert_eq!(
        send(&proxied, same_citizen).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    // ... and not their neighbours' behind the same proxy.
    let neighbour = lookup_through_proxy(&case_no, &code, "198.51.100.9");
    assert_eq!(send(&proxied, neighbour).await.status, StatusCode::OK);
    // A server that does not trust the proxy ignores the header: the failures above were
    // counted for 203.0.113.7, not for the proxy's own address, which is still answered.
    let untrusted = lookup_through_proxy(&case_no, &code, "203.0.113.7");
    assert_eq!(send(&t.router, untrusted).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_code_holder_gets_the_answers_to_amend_and_sees_the_rating() {
    let t = app().await;
    let (case_no, code) = submit(&t.router, "JT-TEST", "client-amend-0001").await;
    let view = lookup(&t.router, &case_no, &code).await.json();
    assert_eq!(view["submitted"]["form_version"], 1);
    assert_eq!(view["submitted"]["answers"], json!({"name": "张三"}));
    assert!(view["evaluation"].is_null());

    // After a supplement, the answers are the amended ones.
    let jt = login(&t.router, JT.0, JT.1).await;
    act(
        &t.router,
        &jt,
        &case_no,
        "submitted",
        json!({"action": "request_supplement", "missing": ["姓名有误"], "note": ""}),
    )
    .await;
    let sent = send_supplement(&t, &case_no, &code, "supp-amend-0001", "张三丰").await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.json());
    let view = lookup(&t.router, &case_no, &code).await.json();
    assert_eq!(view["submitted"]["answers"], json!({"name": "张三丰"}));

    conclude(&t, &jt, &case_no).await;
    let path = format!("/api/cases/{case_no}/evaluation");
    let rating = json!({"query_code": code, "client_id": "rate-amend-0001", "level": "satisfied",
        "comment": "办得快"});
    assert_eq!(
        post(&t.router, &path, rating.clone()).await.status,
        StatusCode::CREATED
    );
    let view = lookup(&t.router, &case_no, &code).await.json();
    assert_eq!(view["evaluation"]["level"], "satisfied");
    assert_eq!(view["evaluation"]["label"], "满意");

    // The outbox's id is the idempotency key: same content → the same answer; other content
    // under the same id → 422 on client_id, as for submissions.
    let replay = post(&t.router, &path, rating.clone()).await;
    assert_eq!(replay.status, StatusCode::OK);
    assert_eq!(replay.headers.get("idempotent-replayed").unwrap(), "true");
    let mut changed = rating.clone();
    changed["comment"] = json!("改主意了");
    let reused = post(&t.router, &path, changed).await;
    assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reused.json()["error"]["fields"]["client_id"].is_string());
}

#[tokio::test]
async fn a_demo_server_with_the_test_clock_lets_a_deadline_pass() {
    let t = app().await;
    // Without --test-clock the route does not exist.
    let refused = post(&t.router, "/api/test/clock", json!({"offset_days": 30})).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);

    let state = t
        .state
        .clone()
        .with_clock(guichet_server::clock::Clock::adjustable());
    let router = guichet_server::build_router(state);
    let (case_no, code) = submit(&router, "JT-STRICT", "client-clock-0001").await;
    let jt = login(&router, JT.0, JT.1).await;
    for (expected, action) in [
        ("submitted", json!({"action": "pass_prereview"})),
        ("pre_review_passed", json!({"action": "accept"})),
    ] {
        act(&router, &jt, &case_no, expected, action).await;
    }
    let view = lookup(&router, &case_no, &code).await.json();
    assert!(view["working_days_overdue"].is_null(), "{view}");

    let moved = post(&router, "/api/test/clock", json!({"offset_days": 30})).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.json());
    let too_far = post(&router, "/api/test/clock", json!({"offset_days": 5000})).await;
    assert_eq!(too_far.status, StatusCode::UNPROCESSABLE_ENTITY);
    let view = lookup(&router, &case_no, &code).await.json();
    assert!(view["working_days_overdue"].as_i64().unwrap() > 5, "{view}");
    // Sessions are counted on the same clock: 30 days later the clerk signs in again.
    let admin = login(&router, ADMIN.0, ADMIN.1).await;
    let list = staff_get(&router, &admin, "/api/staff/overdue")
        .await
        .json();
    let part = list["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["department"]["code"] == "GA")
        .map(|d| d["items"][0].clone())
        .unwrap();
    assert_eq!(part["kind"], "part");
    assert_eq!(part["case_no"], case_no.as_str());
    assert!(part["working_days_overdue"].as_i64().unwrap() > 5);

    assert_eq!(
        post(&router, "/api/test/clock", json!({"offset_days": 0}))
            .await
            .status,
        StatusCode::OK
    );
    let view = lookup(&router, &case_no, &code).await.json();
    assert!(view["working_days_overdue"].is_null(), "{view}");
}
