//! Integration tests of 好差评申诉复核: a department appeals a bad rating with reasons and
//! evidence, the center decides, and an upheld appeal leaves the published results. Real
//! SQLite per test.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use serde_json::json;

/// A concluded JT case rated `level`; returns the follow-up's id when the rating is bad.
async fn rated(t: &TestApp, jt: &Session, client: &str, level: &str) -> Option<i64> {
    let (case_no, code) = submit(&t.router, "JT-TEST", client).await;
    for (expected, action) in [
        ("submitted", json!({"action": "pass_prereview"})),
        ("pre_review_passed", json!({"action": "accept"})),
        ("accepted", json!({"action": "start"})),
        (
            "in_progress",
            json!({"action": "conclude", "decision": "approve"}),
        ),
    ] {
        act(&t.router, jt, &case_no, expected, action).await;
    }
    let rating = post(
        &t.router,
        &format!("/api/cases/{case_no}/evaluation"),
        json!({"query_code": code, "client_id": format!("rate-{client}"), "level": level,
               "comment": "窗口态度差，排队两个小时"}),
    )
    .await;
    assert_eq!(rating.status, StatusCode::CREATED, "{}", rating.json());
    rating.json()["followup"]["id"].as_i64()
}

#[tokio::test]
async fn an_upheld_appeal_leaves_the_published_results_and_a_rejected_one_stays() {
    let t = app().await;
    let jt = login(&t.router, JT.0, JT.1).await;
    let ga = login(&t.router, GA.0, GA.1).await;
    let center = login(&t.router, "zhongxin", "demo-admin-2026").await;
    let first = rated(&t, &jt, "client-appeal-001", "very_dissatisfied")
        .await
        .unwrap();
    let second = rated(&t, &jt, "client-appeal-002", "dissatisfied")
        .await
        .unwrap();
    rated(&t, &jt, "client-appeal-003", "satisfied").await;

    // The rectification list: the citizen's words, the working days left, no reply yet.
    let list = staff_get(&t.router, &jt, "/api/staff/rectification")
        .await
        .json();
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["comment"], "窗口态度差，排队两个小时");
    assert_eq!(items[0]["level_label"], "非常不满意");
    assert_eq!(items[0]["working_days_left"], 15);
    assert!(items[0]["appeal"].is_null());

    // Evidence, then the appeal. Too short a reason names its field; another department and
    // the center cannot appeal it.
    let evidence = send(
        &t.router,
        Request::post("/api/staff/appeals/files?name=%E7%9B%91%E6%8E%A7%E6%88%AA%E5%9B%BE.pdf")
            .header(header::COOKIE, &jt.cookie)
            .header("x-csrf-token", &jt.csrf)
            .body(Body::from(&b"%PDF-1.4\n% evidence\n"[..]))
            .unwrap(),
    )
    .await;
    assert_eq!(evidence.status, StatusCode::CREATED, "{}", evidence.json());
    let evidence_id = evidence.json()["id"].as_str().unwrap().to_owned();
    let path = format!("/api/staff/followups/{first}/appeal");
    let short = staff_post(&t.router, &jt, &path, json!({"reasons": "不对"})).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.json()["error"]["fields"]["reasons"].is_string());
    let other = staff_post(
        &t.router,
        &ga,
        &path,
        json!({"reasons": "评价对象并非本部门窗口办理的事项。"}),
    )
    .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let by_center = staff_post(
        &t.router,
        &center,
        &path,
        json!({"reasons": "评价对象并非本部门窗口办理的事项。"}),
    )
    .await;
    assert_eq!(by_center.status, StatusCode::FORBIDDEN);
    let appeal = staff_post(
        &t.router,
        &jt,
        &path,
        json!({"reasons": "监控显示申请人当日未到窗口排队，评价内容与事实不符。", "evidence": [evidence_id]}),
    )
    .await;
    assert_eq!(appeal.status, StatusCode::CREATED, "{}", appeal.json());
    let appeal_id = appeal.json()["id"].as_i64().unwrap();
    assert_eq!(appeal.json()["evidence"][0]["name"], "监控截图.pdf");
    let again = staff_post(
        &t.router,
        &jt,
        &path,
        json!({"reasons": "监控显示申请人当日未到窗口排队。"}),
    )
    .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again.json()["error"]["fields"]["followup"]
            .as_str()
            .unwrap()
            .contains("一次")
    );

    // The evidence opens for the center, not for another department.
    let file_path = format!("/api/staff/appeals/{appeal_id}/files/{evidence_id}");
    let seen = staff_get(&t.router, &center, &file_path).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.header(header::CONTENT_TYPE), "application/pdf");
    assert_eq!(seen.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(
        seen.header(header::CONTENT_DISPOSITION)
            .starts_with("inline; filename=\"____.pdf\"")
    );
    assert!(
        seen.header(header::CONTENT_DISPOSITION)
            .contains("filename*=UTF-8''")
    );
    assert_eq!(
        staff_get(&t.router, &ga, &file_path).await.status,
        StatusCode::NOT_FOUND
    );

    // Only the center decides, once, with its reasons.
    let decision = format!("/api/staff/appeals/{appeal_id}/decision");
    let by_jt = staff_post(
        &t.router,
        &jt,
        &decision,
        json!({"decision": "upheld", "note": "自己说了算"}),
    )
    .await;
    assert_eq!(by_jt.status, StatusCode::FORBIDDEN);
    let no_note = staff_post(&t.router, &center, &decision, json!({"decision": "upheld"})).await;
    assert!(no_note.json()["error"]["fields"]["note"].is_string());
    let upheld = staff_post(
        &t.router,
        &center,
        &decision,
        json!({"decision": "upheld", "note": "经核查监控，申诉成立。"}),
    )
    .await;
    assert_eq!(upheld.status, StatusCode::OK, "{}", upheld.json());
    assert_eq!(upheld.json()["decision"], "upheld");
    assert_eq!(upheld.json()["decided_by"], "中心管理员（演示）");
    let twice = staff_post(
        &t.router,
        &center,
        &decision,
        json!({"decision": "rejected", "note": "改判"}),
    )
    .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);

    // The second is appealed and rejected: it stays in the results.
    let rejected = staff_post(
        &t.router,
        &jt,
        &format!("/api/staff/followups/{second}/appeal"),
        json!({"reasons": "申请人材料不全，已一次性告知，不应评为不满意。"}),
    )
    .await;
    let rejected_id = rejected.json()["id"].as_i64().unwrap();
    staff_post(
        &t.router,
        &center,
        &format!("/api/staff/appeals/{rejected_id}/decision"),
        json!({"decision": "rejected", "note": "告知记录不完整，申诉不成立。"}),
    )
    .await;

    let year = chrono::Utc::now().format("%Y").to_string();
    let results = send(
        &t.router,
        Request::get(format!("/api/evaluations/results?year={year}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(results.status, StatusCode::OK);
    assert!(results.header(header::CACHE_CONTROL).contains("public"));
    let jt_results = results.json()["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "JT")
        .cloned()
        .unwrap();
    assert_eq!(jt_results["counts"], json!([0, 1, 0, 1, 0]));
    assert_eq!(jt_results["total"], 2);
    assert_eq!(jt_results["excluded"], 1);
    assert_eq!(jt_results["satisfaction_per_mille"], 500);

    // The list marks each appeal; the audit log has both steps with their actors.
    let list = staff_get(&t.router, &jt, "/api/staff/rectification")
        .await
        .json();
    let decisions: Vec<_> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["appeal"]["decision"].clone())
        .collect();
    assert!(decisions.contains(&json!("upheld")) && decisions.contains(&json!("rejected")));
    let audit = staff_get(&t.router, &center, "/api/staff/audit?kind=appeal.")
        .await
        .json();
    let actors: Vec<_> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].clone(), e["staff_name"].clone()))
        .collect();
    assert!(
        actors.contains(&(json!("appeal.decide"), json!("中心管理员（演示）"))),
        "{actors:?}"
    );
    assert_eq!(actors.iter().filter(|(k, _)| k == "appeal.file").count(), 2);
}
