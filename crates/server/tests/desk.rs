//! The window desk over HTTP (issue 12): the queue's search, filters, sort and markers, the case
//! in words (labelled answers of the submitted form version, the materials checklist, the
//! history with names), and a case's files with their headers. Real SQLite per test.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use guichet_core::case::CaseType;
use guichet_core::form::{FormDefinition, submission_hash};
use guichet_core::service::{DepartmentRef, Fee, Material, MaterialForm, ServiceItem};
use guichet_server::services_store;
use serde_json::{Value, json};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde";

/// JT-DESK: a person's name and ID number, a choice, a field shown only for one choice, and
/// two materials (one uploaded online, one checked at the window).
async fn publish_desk_item(t: &TestApp) {
    let item = ServiceItem {
        code: "JT-DESK".into(),
        name: "道路运输经营许可".into(),
        department: DepartmentRef {
            code: "JT".into(),
            name: "县交通运输局".into(),
        },
        case_type: CaseType::Promised,
        legal_basis: vec!["《道路运输条例》".into()],
        steps: vec!["申请".into()],
        conditions: vec!["无".into()],
        materials: vec![
            Material {
                name: "申请人身份证明".into(),
                form: MaterialForm::Copy,
                count: 1,
                required: true,
                uploadable: true,
                note: None,
            },
            Material {
                name: "车辆行驶证原件".into(),
                form: MaterialForm::Original,
                count: 1,
                required: true,
                uploadable: false,
                note: None,
            },
        ],
        promised_days: 5,
        legal_days: 10,
        fee: Fee::Free,
        result: "许可证".into(),
        place: "窗口".into(),
        hours: "工作日".into(),
        telephone: "0371-62301003".into(),
        joint_departments: vec![],
        en: None,
        tags: Default::default(),
    };
    services_store::publish_item(&t.state.db, &item, 1)
        .await
        .unwrap();
    let form: FormDefinition = serde_json::from_value(json!({
        "item_code": "JT-DESK", "version": 1,
        "sections": [
            {"id": "applicant", "title": {"zh": "申请人信息", "en": "Applicant"}, "fields": [
                {"id": "name", "label": {"zh": "申请人姓名", "en": "Name"}, "kind": "text", "required": true},
                {"id": "id_no", "label": {"zh": "身份证号码", "en": "ID number"}, "kind": "id_number", "required": true},
                {"id": "vehicle", "label": {"zh": "车辆类型", "en": "Vehicle"}, "kind": "choice",
                 "options": [{"value": "bus", "label": {"zh": "客车", "en": "Bus"}},
                             {"value": "truck", "label": {"zh": "货车", "en": "Truck"}}]},
                {"id": "tonnage", "label": {"zh": "核定载质量", "en": "Tonnage"}, "kind": "number",
                 "show_if": {"op": "equals", "field": "vehicle", "value": "truck"}}
            ]},
            {"id": "materials", "title": {"zh": "申报材料"}, "fields": [
                {"id": "material_1", "label": {"zh": "申请人身份证明"}, "kind": "file",
                 "accept": ["image/png", "application/pdf"], "max_bytes": 1000000, "max_count": 2}
            ]}
        ]
    }))
    .unwrap();
    services_store::publish_form(&t.state.db, &form)
        .await
        .unwrap();
}

async fn upload_png(t: &TestApp) -> String {
    let request =
        Request::post("/api/uploads?item_code=JT-DESK&form_version=1&field_id=material_1")
            .header(header::CONTENT_TYPE, "image/png")
            .header(header::CONTENT_LENGTH, PNG.len())
            .body(Body::from(PNG.to_vec()))
            .unwrap();
    let reply = send(&t.router, request).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    reply.json()["upload_id"].as_str().unwrap().to_owned()
}

async fn submit_desk(t: &TestApp, client_id: &str, answers: Value) -> String {
    let hash = submission_hash("JT-DESK", 1, &answers);
    let reply = post(
        &t.router,
        "/api/submissions",
        json!({"client_id": client_id, "item_code": "JT-DESK", "form_version": 1,
               "answers": answers, "content_hash": hash}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    reply.json()["case_no"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_window_finds_a_case_by_the_id_numbers_last_four_and_reads_it_in_words() {
    let t = app().await;
    publish_desk_item(&t).await;
    let upload_id = upload_png(&t).await;
    let case_no = submit_desk(
        &t,
        "client-desk-00001",
        json!({"name": "张小三", "id_no": "110105199003071239", "vehicle": "bus",
               "material_1": [{"upload_id": upload_id, "name": "身份证 正面.png",
                               "media_type": "image/png", "size": PNG.len()}]}),
    )
    .await;
    // Another applicant, so the search has something to leave out.
    submit_desk(
        &t,
        "client-desk-00002",
        json!({"name": "李四", "id_no": "410102198506123456", "vehicle": "truck", "tonnage": 12}),
    )
    .await;
    let jt = login(&t.router, JT.0, JT.1).await;

    for q in ["1239", "张小", &case_no] {
        let found = staff_get(
            &t.router,
            &jt,
            &format!("/api/staff/queue?q={}", urlencode(q)),
        )
        .await
        .json();
        assert_eq!(found["total"], 1, "{q}: {found}");
        let row = &found["items"][0];
        assert_eq!(row["case_no"], case_no.as_str());
        assert_eq!(row["applicant"], "张*三", "masked");
        assert_eq!(row["item"]["name"], "道路运输经营许可");
        assert_eq!(row["department_name"], "县交通运输局");
        assert_eq!(row["state_label"], "提交预审");
    }
    assert!(
        !staff_get(&t.router, &jt, "/api/staff/queue?q=1239")
            .await
            .body
            .windows(6)
            .any(|w| w == "张小三".as_bytes())
    );
    // GA sees none of JT's cases, even by search.
    let ga = login(&t.router, GA.0, GA.1).await;
    let none = staff_get(&t.router, &ga, "/api/staff/queue?q=1239")
        .await
        .json();
    assert_eq!(none["total"], 0);

    // A move, so the history has a person in it.
    act(
        &t.router,
        &jt,
        &case_no,
        "submitted",
        json!({"action": "pass_prereview"}),
    )
    .await;
    let detail = staff_get(&t.router, &jt, &format!("/api/staff/cases/{case_no}"))
        .await
        .json();
    let sections = detail["sections"].as_array().unwrap();
    assert_eq!(sections[0]["title"], "申请人信息");
    let fields: Vec<(&str, &str)> = sections[0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["label"].as_str().unwrap(), f["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("申请人姓名", "张小三"),
            ("身份证号码", "110105199003071239"),
            ("车辆类型", "客车"),
        ],
        "in the form's order, the choice by its label, the truck-only field left out"
    );
    let file = &sections[1]["fields"][0]["files"][0];
    assert_eq!(file["name"], "身份证 正面.png");
    let url = file["url"].as_str().unwrap().to_owned();
    assert_eq!(url, format!("/api/staff/cases/{case_no}/files/{upload_id}"));
    let materials: Vec<(&str, &str)> = detail["materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["name"].as_str().unwrap(), m["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        materials,
        vec![
            ("申请人身份证明", "received"),
            ("车辆行驶证原件", "at_window")
        ]
    );
    let timeline = detail["timeline"].as_array().unwrap();
    assert_eq!(timeline[0]["label"], "提交申请");
    assert_eq!(timeline[0]["actor"], "申请人");
    assert!(timeline[0]["at"].as_str().unwrap().ends_with("+08:00"));
    assert_eq!(timeline[1]["label"], "预审通过");
    let jt_name = t.state.db.clone();
    let name: String =
        sqlx::query_scalar("SELECT display_name FROM staff_accounts WHERE username = 'jt'")
            .fetch_one(&jt_name)
            .await
            .unwrap();
    assert_eq!(timeline[1]["actor"], name.as_str());
    assert_eq!(timeline[1]["department"], "县交通运输局");
    // In English, the labels are English.
    let english = send(
        &t.router,
        Request::get(format!("/api/staff/cases/{case_no}"))
            .header(header::COOKIE, &jt.cookie)
            .header(header::ACCEPT_LANGUAGE, "en")
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .json();
    assert_eq!(english["sections"][0]["fields"][2]["text"], "Bus");
    assert_eq!(english["sections"][0]["fields"][2]["label"], "Vehicle");

    // The file: its type, nosniff, inline with the UTF-8 name and an ASCII fallback.
    let reply = staff_get(&t.router, &jt, &url).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(&reply.body[..], PNG);
    assert_eq!(reply.header(header::CONTENT_TYPE), "image/png");
    assert_eq!(reply.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    let disposition = reply.header(header::CONTENT_DISPOSITION);
    assert!(
        disposition.starts_with("inline; filename=\""),
        "{disposition}"
    );
    assert!(
        disposition
            .ends_with("filename*=UTF-8''%E8%BA%AB%E4%BB%BD%E8%AF%81%20%E6%AD%A3%E9%9D%A2.png"),
        "{disposition}"
    );
    // Not for GA, and not an upload the case does not refer to.
    assert_eq!(
        staff_get(&t.router, &ga, &url).await.status,
        StatusCode::NOT_FOUND
    );
    let other = format!("/api/staff/cases/{case_no}/files/{}", "a".repeat(64));
    assert_eq!(
        staff_get(&t.router, &jt, &other).await.status,
        StatusCode::NOT_FOUND
    );
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'-' {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn the_queue_filters_sorts_and_marks_deadlines() {
    let t = app().await;
    // Accepted Monday 2026-03-02: 5 working days → due Monday 03-09.
    let (early, _) = file_and_move_at(
        &t,
        "JT-TEST",
        CaseType::Promised,
        "client-q-000001",
        "2026-03-02 09:00",
        vec![
            (
                guichet_server::cases_store::StaffAction::PassPrereview,
                "2026-03-02 09:30",
            ),
            (
                guichet_server::cases_store::StaffAction::Accept,
                "2026-03-02 10:00",
            ),
        ],
    )
    .await;
    // Accepted today: due in 5 working days.
    let (late, _) = file_and_move_at(
        &t,
        "JT-TEST",
        CaseType::Promised,
        "client-q-000002",
        "2026-03-03 09:00",
        vec![
            (
                guichet_server::cases_store::StaffAction::PassPrereview,
                "2026-03-03 09:30",
            ),
            (
                guichet_server::cases_store::StaffAction::Accept,
                "2026-03-03 10:00",
            ),
        ],
    )
    .await;
    let (fresh, _) = submit(&t.router, "JT-TEST", "client-q-000003").await;
    let admin = login(&t.router, ADMIN.0, ADMIN.1).await;
    let order = |body: Value| -> Vec<String> {
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["case_no"].as_str().unwrap().to_owned())
            .collect()
    };
    let by_due = staff_get(&t.router, &admin, "/api/staff/queue?department=JT")
        .await
        .json();
    let listed = order(by_due.clone());
    let position = |no: &str| listed.iter().position(|n| n == no).unwrap();
    assert!(
        position(&early) < position(&late) && position(&late) < position(&fresh),
        "{listed:?}"
    );
    // Today (the real clock) is long after March 2026: both are overdue.
    assert_eq!(by_due["items"][0]["marker"], "overdue");
    let overdue = staff_get(
        &t.router,
        &admin,
        "/api/staff/queue?department=JT&marker=overdue",
    )
    .await
    .json();
    assert_eq!(overdue["total"], 2, "{overdue}");
    let desc = order(
        staff_get(
            &t.router,
            &admin,
            "/api/staff/queue?department=JT&sort=due_desc",
        )
        .await
        .json(),
    );
    assert!(desc.iter().position(|n| *n == late) < desc.iter().position(|n| *n == early));
    let newest = order(
        staff_get(
            &t.router,
            &admin,
            "/api/staff/queue?department=JT&sort=received_desc",
        )
        .await
        .json(),
    );
    assert_eq!(newest[0], fresh);
    let state = staff_get(
        &t.router,
        &admin,
        "/api/staff/queue?state=accepted&item=JT-TEST",
    )
    .await
    .json();
    assert_eq!(state["total"], 2);
    let paged = staff_get(
        &t.router,
        &admin,
        "/api/staff/queue?department=JT&per_page=1&page=2",
    )
    .await
    .json();
    assert_eq!(paged["total"], listed.len());
    assert_eq!(order(paged), vec![listed[1].clone()]);
}

#[tokio::test]
async fn the_migration_backfills_older_cases_from_their_answers() {
    let t = app().await;
    publish_desk_item(&t).await;
    let case_no = submit_desk(
        &t,
        "client-desk-00003",
        json!({"name": " 王五 ", "id_no": "11010519900307101x", "vehicle": "bus"}),
    )
    .await;
    // As a case stored before the migration: no copied columns, no department rows.
    sqlx::query("UPDATE cases SET applicant_name = NULL, id_last4 = NULL WHERE case_no = $1")
        .bind(&case_no)
        .execute(&t.state.db)
        .await
        .unwrap();
    sqlx::query("DELETE FROM case_departments")
        .execute(&t.state.db)
        .await
        .unwrap();
    // The migration's data statements, run again.
    let migration = match guichet_server::db::dialect(&t.state.db) {
        guichet_server::db::Dialect::Sqlite => {
            include_str!("../migrations/20261203110000_desk_queue.sql")
        }
        guichet_server::db::Dialect::Postgres => {
            include_str!("../migrations-postgres/20261203110000_desk_queue.sql")
        }
    };
    let code: String = migration
        .lines()
        .filter(|line| !line.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    for statement in code.split(';').map(str::trim) {
        if statement.starts_with("UPDATE") || statement.starts_with("INSERT") {
            sqlx::query(statement).execute(&t.state.db).await.unwrap();
        }
    }
    let (name, last4): (String, String) =
        sqlx::query_as("SELECT applicant_name, id_last4 FROM cases WHERE case_no = $1")
            .bind(&case_no)
            .fetch_one(&t.state.db)
            .await
            .unwrap();
    let same = guichet_server::submissions_store::ApplicantColumns::of(
        json!({"name": " 王五 ", "id_no": "11010519900307101x"})
            .as_object()
            .unwrap(),
    );
    assert_eq!(Some(name), same.name, "the migration and the server agree");
    assert_eq!(Some(last4.clone()), same.id_last4);
    assert_eq!(last4, "101X");
    let jt = login(&t.router, JT.0, JT.1).await;
    let found = staff_get(&t.router, &jt, "/api/staff/queue?q=101x")
        .await
        .json();
    assert_eq!(found["items"][0]["case_no"], case_no.as_str());
}
