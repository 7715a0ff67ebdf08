//! Integration tests of the working-day calendar past the published years: provisional
//! deadlines in 2027, and a center administrator publishing the year's notice from the desk
//! (validated, previewed, audited, moving open deadlines). Real SQLite per test.

mod common;

use axum::http::StatusCode;
use common::*;
use guichet_core::case::CaseType;
use guichet_server::cases_store::StaffAction;
use serde_json::json;

/// A case of JT's `item` (5 working days) filed, accepted and started at `at` (China time).
async fn accepted(
    t: &TestApp,
    client_id: &str,
    item: &str,
    case_type: CaseType,
    at: &str,
) -> (String, String) {
    let steps = [
        StaffAction::PassPrereview,
        StaffAction::Accept,
        StaffAction::Start,
    ]
    .map(|action| (action, at))
    .to_vec();
    file_and_move_at(t, item, case_type, client_id, at, steps).await
}

const NOTICE_2027: &str = "元旦 2027-01-01至2027-01-03；调休 2027-01-09\n\
    春节 2027-02-05..2027-02-11；调休 2027-02-20\n";

#[tokio::test]
async fn a_2027_deadline_is_provisional_until_the_notice_is_published() {
    let t = app().await;
    // Wednesday 2027-01-06 + 5 working days, provisionally: 7, 8, 11, 12, 13 → 01-13.
    let (case_no, code) = accepted(
        &t,
        "client-cal-00001",
        "JT-TEST",
        CaseType::Promised,
        "2027-01-06 09:00",
    )
    .await;
    let (joint_no, _) = accepted(
        &t,
        "client-cal-00002",
        "JT-JOINT",
        CaseType::Joint,
        "2027-01-06 09:00",
    )
    .await;
    let view = lookup(&t.router, &case_no, &code).await.json();
    assert_eq!(view["deadline"], "2027-01-13");
    assert_eq!(view["deadline_provisional"], true);
    assert_eq!(view["clock"]["provisional"], true);

    let admin = login(&t.router, ADMIN.0, ADMIN.1).await;
    let jt = login(&t.router, JT.0, JT.1).await;
    let queue = staff_get(&t.router, &admin, "/api/staff/queue")
        .await
        .json();
    let row = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["case_no"] == case_no.as_str())
        .unwrap()
        .clone();
    assert_eq!(row["clock"]["provisional"], true);
    let joint = staff_get(&t.router, &admin, &format!("/api/staff/cases/{joint_no}"))
        .await
        .json();
    assert_eq!(joint["parts"][0]["deadline"], "2027-01-13");
    assert_eq!(joint["parts"][0]["provisional"], true);

    // The overview shows 2027 as provisional, with the statutory days.
    let overview = staff_get(&t.router, &admin, "/api/staff/calendar")
        .await
        .json();
    let y2027 = overview["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"] == 2027)
        .unwrap()
        .clone();
    assert_eq!(y2027["provisional"], true);
    assert_eq!(y2027["holidays"][0]["off"], json!(["2027-01-01"]));
    // Only the center's administrators publish.
    let body = json!({"year": 2027, "notice": "国办发明电〔2026〕7号", "text": NOTICE_2027});
    assert_eq!(
        staff_post(&t.router, &jt, "/api/staff/calendar/preview", body.clone())
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        staff_get(&t.router, &jt, "/api/staff/calendar")
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // The preview says what moves and saves nothing: the make-up Saturday 01-09 counts.
    let preview = staff_post(
        &t.router,
        &admin,
        "/api/staff/calendar/preview",
        body.clone(),
    )
    .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.json());
    let moves = preview.json()["moves"].as_array().unwrap().clone();
    // The case's own limit, the joint case's, and its two parts (JT leads, GA takes part).
    assert_eq!(moves.len(), 4, "{moves:?}");
    assert!(moves.iter().any(|m| m["case_no"] == case_no.as_str()
        && m["from"] == "2027-01-13"
        && m["to"] == "2027-01-12"));
    assert!(moves.iter().any(|m| m["case_no"] == joint_no.as_str()
        && m["department"] == "GA"
        && m["to"] == "2027-01-12"));
    assert_eq!(
        lookup(&t.router, &case_no, &code).await.json()["deadline"],
        "2027-01-13"
    );

    let published = staff_post(&t.router, &admin, "/api/staff/calendar/publish", body).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.json());
    let view = lookup(&t.router, &case_no, &code).await.json();
    assert_eq!(view["deadline"], "2027-01-12");
    assert_eq!(view["deadline_provisional"], false);
    let moved = view["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"] == "deadline_moved")
        .unwrap()
        .clone();
    assert!(
        moved["label"].as_str().unwrap().contains("2027-01-13"),
        "{moved}"
    );
    assert_eq!(moved["note"], "国办发明电〔2026〕7号");
    // The joint parts' stored deadlines moved, and the desk's history names the administrator.
    let joint = staff_get(&t.router, &admin, &format!("/api/staff/cases/{joint_no}"))
        .await
        .json();
    assert_eq!(joint["parts"][0]["deadline"], "2027-01-12");
    assert_eq!(joint["parts"][0]["provisional"], false);
    let detail = staff_get(&t.router, &admin, &format!("/api/staff/cases/{case_no}"))
        .await
        .json();
    let action = detail["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"] == "deadline_moved")
        .unwrap()
        .clone();
    assert!(action["staff_id"].is_number());
    // Audited, and served to the app.
    let overview = staff_get(&t.router, &admin, "/api/staff/calendar")
        .await
        .json();
    assert_eq!(
        overview["publications"][0]["notice"],
        "国办发明电〔2026〕7号"
    );
    assert_eq!(overview["publications"][0]["moved_deadlines"], 4);
    let file = send(
        &t.router,
        axum::http::Request::get("/api/calendar")
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    assert!(
        file.json()["years"]
            .as_array()
            .unwrap()
            .iter()
            .any(|y| y["year"] == 2027)
    );

    // A restart reads the publication back from the database.
    let again = guichet_server::prepare(&test_config(t.dir.path(), true))
        .await
        .unwrap();
    assert!(again.calendar.current().calendar.covers(2027));
    assert!(
        again
            .calendar
            .current()
            .calendar
            .is_working_day("2027-01-09".parse().unwrap())
    );
}

#[tokio::test]
async fn a_bad_notice_is_refused_with_the_line_or_date_and_nothing_changes() {
    let t = app().await;
    let admin = login(&t.router, ADMIN.0, ADMIN.1).await;
    let cases = [
        (
            json!({"year": 2027, "notice": "", "text": NOTICE_2027}),
            "notice",
            "文号",
        ),
        (
            json!({"year": 2027, "notice": "x", "text": "元旦 2027-01-01\n2027-02-05"}),
            "text",
            "第2行",
        ),
        (
            json!({"year": 2027, "notice": "x", "text": "元旦 2027-13-01"}),
            "text",
            "2027-13-01",
        ),
        (
            json!({"year": 2027, "notice": "x", "text": "元旦 2027-01-01；调休 2027-01-04"}),
            "text",
            "不是周六或周日",
        ),
        (
            json!({"year": 2027, "notice": "x", "text": "元旦 2026-12-31"}),
            "text",
            "不属于2027年",
        ),
        (
            json!({"year": 2027, "notice": "x", "text": "元旦 2027-01-01..2027-01-03\n春节 2027-01-03"}),
            "text",
            "重叠",
        ),
        (
            json!({"year": 1999, "notice": "x", "text": "元旦 1999-01-01"}),
            "year",
            "1999",
        ),
    ];
    for (body, field, words) in cases {
        let reply = staff_post(
            &t.router,
            &admin,
            "/api/staff/calendar/publish",
            body.clone(),
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let message = reply.json()["error"]["fields"][field]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(message.contains(words), "{body}: {}", reply.json());
    }
    assert!(!t.state.calendar.current().calendar.covers(2027));
    let overview = staff_get(&t.router, &admin, "/api/staff/calendar")
        .await
        .json();
    assert_eq!(overview["publications"], json!([]));
}

#[tokio::test]
async fn joint_parts_stored_on_an_older_calendar_are_realigned_at_start() {
    let t = app().await;
    let (joint_no, _) = accepted(
        &t,
        "client-cal-00003",
        "JT-JOINT",
        CaseType::Joint,
        "2026-12-29 09:00",
    )
    .await;
    // As a server without the provisional years stored it: 5 working days from Tue 12-29 with
    // 2027-01-01 counted as a working day.
    let stored: String = sqlx::query_scalar("SELECT joint_review FROM cases WHERE case_no = $1")
        .bind(&joint_no)
        .fetch_one(&t.state.db)
        .await
        .unwrap();
    assert!(stored.contains("2027-01-06"), "{stored}");
    sqlx::query("UPDATE cases SET joint_review = replace(joint_review, '2027-01-06', '2027-01-05') WHERE case_no = $1")
        .bind(&joint_no)
        .execute(&t.state.db)
        .await
        .unwrap();
    let again = guichet_server::prepare(&test_config(t.dir.path(), true))
        .await
        .unwrap();
    let router = guichet_server::build_router(again.clone());
    let admin = login(&router, ADMIN.0, ADMIN.1).await;
    let detail = staff_get(&router, &admin, &format!("/api/staff/cases/{joint_no}"))
        .await
        .json();
    for part in detail["parts"].as_array().unwrap() {
        assert_eq!(part["deadline"], "2027-01-06", "{part}");
    }
    let moved = detail["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["action"] == "deadline_moved")
        .count();
    assert_eq!(moved, 2, "one system action per part");
}

#[tokio::test]
async fn a_second_instance_follows_a_publication_made_on_the_first() {
    let t = app().await;
    // Another server process on the same database, started before the publication.
    let other = guichet_server::prepare(&test_config(t.dir.path(), true))
        .await
        .unwrap();
    assert!(!other.calendar.current().calendar.covers(2027));
    let admin = login(&t.router, ADMIN.0, ADMIN.1).await;
    let body = json!({"year": 2027, "notice": "国办发明电〔2026〕7号", "text": NOTICE_2027});
    let reply = staff_post(&t.router, &admin, "/api/staff/calendar/publish", body).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    assert!(t.state.calendar.current().calendar.covers(2027));
    // What the other instance's poller does every CALENDAR_REFRESH.
    assert!(other.calendar.refresh(&other.db).await.unwrap());
    assert!(other.calendar.current().calendar.covers(2027));
    assert!(
        !other.calendar.refresh(&other.db).await.unwrap(),
        "nothing newer"
    );
}
