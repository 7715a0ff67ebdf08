//! 依申请公开 end to end through the HTTP API on a real SQLite file: filing through the form
//! engine with the receipt of Art. 31, bad input, the agency's desk (补正 within 7 working days,
//! one extension, a reply with a file), the requester's view and file, 电子监察, who sees what,
//! and the annual table of the demo data against a count made by hand.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::Utc;
use common::*;
use guichet_core::disclosure::annual_report::{ROWS, Row};
use guichet_core::disclosure::{DisclosureRequest, Receipt};
use guichet_core::form::submission_hash;
use guichet_server::clock::Clock;
use guichet_server::{build_router, cases_store, demo_disclosure};
use serde_json::{Value, json};

const JY: &str = "11331024002497839G"; // 县教育局
const ZF: &str = "11331024002497812R"; // 县人民政府办公室
const MZ: &str = "11331024002497855X"; // 县民政局

/// A demo server whose clock the test moves.
async fn movable() -> TestApp {
    let TestApp { dir, mut state, .. } = bare_app(true).await;
    state.clock = Clock::adjustable();
    let router = build_router(state.clone());
    TestApp { dir, state, router }
}

fn person_answers(description: &str) -> Value {
    json!({
        "agency": JY, "applicant_type": "natural_person", "name": "张三",
        "id_type": "resident_id", "id_no": "11010519491231002X",
        "phone": "13800138000", "description": description,
        "delivery": "online", "format": "electronic",
    })
}

async fn file(t: &TestApp, client_id: &str, answers: &Value) -> Reply {
    post(
        &t.router,
        "/api/submissions",
        json!({"client_id": client_id, "item_code": "YSQGK", "form_version": 1,
               "answers": answers, "content_hash": submission_hash("YSQGK", 1, answers)}),
    )
    .await
}

#[tokio::test]
async fn a_request_is_filed_with_its_receipt_date_and_latest_reply_date() {
    let t = movable().await;
    let reply = file(&t, "gk-file-0001", &person_answers("2026年教育经费预算")).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    let receipt = reply.json();
    let case_no = receipt["case_no"].as_str().unwrap();
    assert!(case_no.contains("-GK-"), "{case_no}");
    // Counted as Art. 31 says, from the server's own clock and calendar.
    let calendar = t.state.calendar.current().calendar.clone();
    let expected = Receipt::online_at(&calendar, cases_store::local(Utc::now())).unwrap();
    assert_eq!(receipt["disclosure"]["counted_from"], json!(expected.date));
    let due = DisclosureRequest::new(expected)
        .due_date(&calendar)
        .unwrap()
        .unwrap();
    assert_eq!(receipt["disclosure"]["reply_by"], json!(due));
    // The requester follows it like a case.
    let view = lookup(&t.router, case_no, receipt["query_code"].as_str().unwrap())
        .await
        .json();
    assert_eq!(view["case_type"], "disclosure");
    assert_eq!(view["state"], "running");
    assert_eq!(view["department"]["name"], "县教育局");
    assert_eq!(view["deadline"], json!(due));
    assert_eq!(view["disclosure"]["reply"], Value::Null);
}

#[tokio::test]
async fn bad_input_names_the_field_and_a_reused_id_with_other_content_is_refused() {
    let t = movable().await;
    let mut missing = person_answers("");
    missing.as_object_mut().unwrap().remove("description");
    let reply = file(&t, "gk-bad-0001", &missing).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.json()["error"]["fields"]["description"].is_string(),
        "{}",
        reply.json()
    );

    let mut bad_id = person_answers("某文件");
    bad_id["id_no"] = json!("110105194912310021");
    let reply = file(&t, "gk-bad-0002", &bad_id).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.json()["error"]["fields"]["id_no"].is_string());

    let organisation = json!({
        "agency": ZF, "applicant_type": "organisation", "org_name": "某公司",
        "org_kind": "commercial", "credit_code": "91350100M000100Y44",
        "legal_rep": "王五", "contact_name": "赵六", "phone": "13800138000",
        "description": "某文件", "delivery": "post", "format": "paper",
    });
    let reply = file(&t, "gk-bad-0003", &organisation).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.json()["error"]["fields"]["credit_code"].is_string(),
        "{}",
        reply.json()
    );

    let long = person_answers(&"很".repeat(1001));
    let reply = file(&t, "gk-bad-0004", &long).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.json()["error"]["fields"]["description"]
            .as_str()
            .unwrap()
            .contains("1000")
    );

    let first = file(&t, "gk-reuse-0001", &person_answers("第一份")).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let again = file(&t, "gk-reuse-0001", &person_answers("第一份")).await;
    assert_eq!(again.status, StatusCode::OK, "a retry replays");
    assert_eq!(again.json()["case_no"], first.json()["case_no"]);
    let other = file(&t, "gk-reuse-0001", &person_answers("另一份")).await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(other.json()["error"]["fields"]["client_id"].is_string());
}

async fn step(t: &TestApp, session: &Session, case_no: &str, body: Value) -> Reply {
    staff_post(
        &t.router,
        session,
        &format!("/api/staff/disclosure/requests/{case_no}/actions"),
        body,
    )
    .await
}

fn field_message(reply: &Reply, field: &str) -> String {
    reply.json()["error"]["fields"][field]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn the_agency_asks_once_for_a_supplement_extends_once_and_answers_with_a_file() {
    let t = movable().await;
    let receipt = file(&t, "gk-flow-0001", &person_answers("模糊的描述"))
        .await
        .json();
    let case_no = receipt["case_no"].as_str().unwrap().to_owned();
    let code = receipt["query_code"].as_str().unwrap().to_owned();
    let jy = login(&t.router, "gk-jy", "demo-gk-jy-2026").await;

    // Another agency's officer does not see it; a window clerk has no disclosure desk.
    let zf = login(&t.router, "gk-zf", "demo-gk-zf-2026").await;
    let other = staff_get(
        &t.router,
        &zf,
        &format!("/api/staff/disclosure/requests/{case_no}"),
    )
    .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let jt = login(&t.router, JT.0, JT.1).await;
    let clerk = staff_get(&t.router, &jt, "/api/staff/disclosure/requests").await;
    assert_eq!(clerk.status, StatusCode::FORBIDDEN);
    let window = staff_get(&t.router, &jt, &format!("/api/staff/cases/{case_no}")).await;
    assert_eq!(window.status, StatusCode::NOT_FOUND);

    let queue = staff_get(&t.router, &jy, "/api/staff/disclosure/requests")
        .await
        .json();
    let rows = queue["requests"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["agency"]["code"] == JY));
    assert!(rows.iter().any(|r| r["case_no"] == case_no.as_str()));

    // 补正: one notice listing what is missing.
    let empty = step(
        &t,
        &jy,
        &case_no,
        json!({"action": "request_supplement", "missing": [" "]}),
    )
    .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        !field_message(&empty, "missing").is_empty(),
        "{}",
        empty.json()
    );
    let asked = step(
        &t,
        &jy,
        &case_no,
        json!({"action": "request_supplement", "missing": ["文件名称或文号"], "note": "请写明"}),
    )
    .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.json());
    assert_eq!(asked.json()["state"], "awaiting_supplement");
    assert!(
        asked.json()["allowed"]
            .as_array()
            .unwrap()
            .contains(&json!("deem_withdrawn"))
    );
    let second = step(
        &t,
        &jy,
        &case_no,
        json!({"action": "request_supplement", "missing": ["再补"]}),
    )
    .await;
    assert_eq!(second.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Deemed withdrawn only after the date given.
    let early = step(&t, &jy, &case_no, json!({"action": "deem_withdrawn"})).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_message(&early, "action").contains("期限"),
        "{}",
        early.json()
    );

    // The requester sees the notice and supplements; the clock restarts.
    let view = lookup(&t.router, &case_no, &code).await.json();
    assert_eq!(view["supplement"]["missing"][0], "文件名称或文号");
    let answers = person_answers("2026年第5号文件《关于某事的通知》");
    let supplement = post(
        &t.router,
        &format!("/api/cases/{case_no}/supplement"),
        json!({"query_code": code, "client_id": "gk-supp-0001", "answers": answers,
               "content_hash": submission_hash("YSQGK", 1, &answers)}),
    )
    .await;
    assert_eq!(
        supplement.status,
        StatusCode::CREATED,
        "{}",
        supplement.json()
    );
    let view = lookup(&t.router, &case_no, &code).await.json();
    assert_eq!(view["state"], "running");
    assert_eq!(view["supplement"], Value::Null);
    assert_eq!(
        view["submitted"]["answers"]["description"],
        "2026年第5号文件《关于某事的通知》"
    );

    // One extension; a second is refused with its reason.
    let no_reason = step(
        &t,
        &jy,
        &case_no,
        json!({"action": "extend", "working_days": 10}),
    )
    .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!field_message(&no_reason, "reason").is_empty());
    let extended = step(
        &t,
        &jy,
        &case_no,
        json!({"action": "extend", "working_days": 10, "reason": "需调取档案"}),
    )
    .await;
    assert_eq!(extended.status, StatusCode::OK, "{}", extended.json());
    assert_eq!(extended.json()["extended"], true);
    let again = step(
        &t,
        &jy,
        &case_no,
        json!({"action": "extend", "working_days": 5, "reason": "再延"}),
    )
    .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_message(&again, "working_days").contains("一次"),
        "{}",
        again.json()
    );

    // A partial disclosure with a PDF.
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let mut upload =
        Request::post("/api/staff/disclosure/files?name=%E7%AD%94%E5%A4%8D%E4%B9%A6.pdf")
            .header(header::CONTENT_TYPE, "application/pdf")
            .header(header::COOKIE, &jy.cookie)
            .header("x-csrf-token", &jy.csrf)
            .body(Body::from(pdf.clone()))
            .unwrap();
    upload.extensions_mut().insert(axum::extract::ConnectInfo(
        "10.0.0.9:4000".parse::<std::net::SocketAddr>().unwrap(),
    ));
    let uploaded = send(&t.router, upload).await;
    assert_eq!(uploaded.status, StatusCode::CREATED, "{}", uploaded.json());
    let file_id = uploaded.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(uploaded.json()["name"], "答复书.pdf");
    let no_basis = step(
        &t,
        &jy,
        &case_no,
        json!({"action": "reply", "kind": "partly_disclosed", "reason": "third_party_rights",
               "text": "部分公开", "files": [file_id]}),
    )
    .await;
    assert_eq!(no_basis.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!field_message(&no_basis, "basis").is_empty());
    let answered = step(
        &t,
        &jy,
        &case_no,
        json!({"action": "reply", "kind": "partly_disclosed", "reason": "third_party_rights",
               "basis": "《条例》第十五条", "text": "经审查，部分公开。", "files": [file_id]}),
    )
    .await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.json());
    assert_eq!(answered.json()["state"], "answered");
    let answered = answered.json();
    let trail: Vec<&str> = answered["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        trail,
        [
            "request_supplement",
            "receive_supplement",
            "extend",
            "reply"
        ]
    );
    // Who did what, in plain words.
    let first = &answered["actions"][0];
    assert_eq!(first["staff"], "县教育局信息公开（演示）");
    assert!(
        first["summary"]
            .as_str()
            .unwrap()
            .contains("需补正：文件名称或文号"),
        "{first}"
    );
    assert_eq!(answered["actions"][1]["staff"], "申请人");
    assert!(
        answered["actions"][2]["summary"]
            .as_str()
            .unwrap()
            .contains("延长10个工作日")
    );
    let me = staff_get(&t.router, &jy, "/api/staff/me").await.json();
    assert_eq!(me["staff"]["agency_name"], "县教育局");
    let signed_in = post(
        &t.router,
        "/api/staff/login",
        json!({"username": "gk-jy", "password": "demo-gk-jy-2026"}),
    )
    .await
    .json();
    assert_eq!(signed_in["staff"]["agency_name"], "县教育局");

    // The requester reads the reply and fetches its file with the query code.
    let view = lookup(&t.router, &case_no, &code).await.json();
    let reply = &view["disclosure"]["reply"];
    assert_eq!(reply["kind"], "partly_disclosed");
    assert_eq!(reply["kind_label"], "部分公开");
    let url = reply["files"][0]["url"].as_str().unwrap().to_owned();
    let get = |code: &str| {
        let mut request = Request::get(url.as_str())
            .header("x-query-code", code)
            .body(Body::empty())
            .unwrap();
        request.extensions_mut().insert(axum::extract::ConnectInfo(
            "10.0.0.7:4000".parse::<std::net::SocketAddr>().unwrap(),
        ));
        request
    };
    let fetched = send(&t.router, get(&code)).await;
    assert_eq!(fetched.status, StatusCode::OK);
    assert_eq!(fetched.header(header::CONTENT_TYPE), "application/pdf");
    assert_eq!(fetched.body.as_ref(), pdf.as_slice());
    let refused = send(&t.router, get("WRONG-CODE")).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_late_supplement_is_refused_with_its_reason_and_an_unanswered_request_is_overdue() {
    let t = movable().await;
    let receipt = file(&t, "gk-late-0001", &person_answers("某文件"))
        .await
        .json();
    let case_no = receipt["case_no"].as_str().unwrap().to_owned();
    let jy = login(&t.router, "gk-jy", "demo-gk-jy-2026").await;
    // Three weeks later: past the 7 working days for a 补正.
    t.state.clock.set_offset_days(21);
    let jy_later = login(&t.router, "gk-jy", "demo-gk-jy-2026").await;
    drop(jy);
    let late = step(
        &t,
        &jy_later,
        &case_no,
        json!({"action": "request_supplement", "missing": ["文号"]}),
    )
    .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = field_message(&late, "missing");
    assert!(message.contains('7'), "{message}");
    // Six weeks later it is overdue, in the queue and in 电子监察.
    t.state.clock.set_offset_days(45);
    let jy_overdue = login(&t.router, "gk-jy", "demo-gk-jy-2026").await;
    let detail = staff_get(
        &t.router,
        &jy_overdue,
        &format!("/api/staff/disclosure/requests/{case_no}"),
    )
    .await
    .json();
    assert!(
        detail["working_days_overdue"].as_i64().unwrap() > 0,
        "{detail}"
    );
    let overdue = staff_get(&t.router, &jy_overdue, "/api/staff/overdue")
        .await
        .json();
    let items: Vec<&Value> = overdue["departments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["items"].as_array().unwrap())
        .collect();
    assert!(
        items
            .iter()
            .any(|i| i["kind"] == "disclosure" && i["case_no"] == case_no.as_str()),
        "{overdue}"
    );
}

fn row_index(row: Row) -> usize {
    ROWS.iter().position(|(r, _)| *r == row).unwrap()
}

#[tokio::test]
async fn demo_annual_table_matches_the_hand_count() {
    use guichet_core::disclosure::annual_report::{
        CannotProvideReason as C, NotHandledReason as N, OtherReason as O, Outcome,
        WithheldReason as W,
    };
    // A fresh demo database seeded as of 2 December 2026.
    let TestApp { dir, state, .. } = bare_app(false).await;
    guichet_server::demo_services::seed(&state.db)
        .await
        .unwrap();
    let calendar = state.calendar.current().calendar.clone();
    demo_disclosure::seed(&state.db, &calendar, china("2026-12-02 10:00"))
        .await
        .unwrap();
    let router = build_router(state.clone());
    let t = TestApp { dir, state, router };
    let table = |agency: String| {
        let router = t.router.clone();
        async move {
            let reply = send(
                &router,
                Request::get(format!("/api/disclosure/agencies/{agency}/annual/2026"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
            assert_eq!(reply.status, StatusCode::OK);
            assert_eq!(reply.header(header::CACHE_CONTROL), "public, max-age=300");
            reply.json()
        }
    };
    // Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
    let check = |json: &Value, expected: &[(Row, [u64; 7])]| {
        let rows = json["rows"].as_array().unwrap();
        for (i, row) in rows.iter().enumerate() {
            let want = expected
                .iter()
                .find(|(r, _)| row_index(*r) == i)
                .map_or([0; 7], |(_, c)| *c);
            assert_eq!(
                row["counts"],
                json!(want),
                "{}: {}",
                json["agency"]["name"],
                row["label"]
            );
        }
    };
    // 县教育局: five new (3 people, a company, a research institute), all still open; one
    // carried over from December 2025 and disclosed in 2026.
    check(
        &table(JY.into()).await,
        &[
            (Row::NewThisYear, [3, 1, 1, 0, 0, 0, 5]),
            (Row::CarriedFromLastYear, [1, 0, 0, 0, 0, 0, 1]),
            (Row::Outcome(Outcome::Disclosed), [1, 0, 0, 0, 0, 0, 1]),
            (Row::Total, [1, 0, 0, 0, 0, 0, 1]),
            (Row::CarriedToNextYear, [3, 1, 1, 0, 0, 0, 5]),
        ],
    );
    // 县人民政府办公室: four new, four answered.
    check(
        &table(ZF.into()).await,
        &[
            (Row::NewThisYear, [2, 0, 0, 1, 1, 0, 4]),
            (Row::Outcome(Outcome::Disclosed), [1, 0, 0, 0, 0, 0, 1]),
            (
                Row::Outcome(Outcome::PartlyDisclosed),
                [0, 0, 0, 0, 1, 0, 1],
            ),
            (
                Row::Outcome(Outcome::Withheld(W::StateSecret)),
                [1, 0, 0, 0, 0, 0, 1],
            ),
            (
                Row::Outcome(Outcome::CannotProvide(C::NotHeld)),
                [0, 0, 0, 1, 0, 0, 1],
            ),
            (Row::Total, [2, 0, 0, 1, 1, 0, 4]),
        ],
    );
    // 县民政局: five new, five closed (已主动公开 counts as 予以公开).
    check(
        &table(MZ.into()).await,
        &[
            (Row::NewThisYear, [4, 0, 0, 0, 0, 1, 5]),
            (Row::Outcome(Outcome::Disclosed), [1, 0, 0, 0, 0, 0, 1]),
            (
                Row::Outcome(Outcome::CannotProvide(C::WouldNeedCreating)),
                [1, 0, 0, 0, 0, 0, 1],
            ),
            (
                Row::Outcome(Outcome::NotHandled(N::Repeated)),
                [1, 0, 0, 0, 0, 0, 1],
            ),
            (
                Row::Outcome(Outcome::Other(O::NoSupplement)),
                [1, 0, 0, 0, 0, 0, 1],
            ),
            (
                Row::Outcome(Outcome::Other(O::Other)),
                [0, 0, 0, 0, 0, 1, 1],
            ),
            (Row::Total, [4, 0, 0, 0, 0, 1, 5]),
        ],
    );
    // The center administrator's first view (「全部机关」, no agency asked): every agency's
    // requests in one table, the sum of the agencies' own tables.
    guichet_server::demo_staff::seed(&t.state.db).await.unwrap();
    let admin = login(&t.router, ADMIN.0, ADMIN.1).await;
    let all = staff_get(&t.router, &admin, "/api/staff/disclosure/annual/2026").await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.json());
    let all = all.json();
    assert_eq!(all["agency"], Value::Null);
    let agencies = send(
        &t.router,
        Request::get("/api/disclosure/agencies")
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .json();
    let mut sum = vec![[0u64; 7]; ROWS.len()];
    for agency in agencies["agencies"].as_array().unwrap() {
        let code = agency["code"].as_str().unwrap().to_owned();
        let own = table(code).await;
        for (row, counts) in own["rows"].as_array().unwrap().iter().enumerate() {
            for (column, count) in counts["counts"].as_array().unwrap().iter().enumerate() {
                sum[row][column] += count.as_u64().unwrap();
            }
        }
    }
    for (row, counts) in all["rows"].as_array().unwrap().iter().enumerate() {
        assert_eq!(counts["counts"], json!(sum[row]), "{}", counts["label"]);
    }
    assert_eq!(
        sum[row_index(Row::NewThisYear)][6],
        14,
        "5 + 4 + 5 new requests"
    );
    // An empty agency is every agency too (the desk's 「全部机关」 option), and its CSV is named so.
    let csv = staff_get(
        &t.router,
        &admin,
        "/api/staff/disclosure/annual/2026.csv?agency=",
    )
    .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(
        csv.header(header::CONTENT_DISPOSITION),
        "attachment; filename=\"ysqgk-all-2026.csv\""
    );
    // The CSV carries the same table with the template's headings.
    let csv = send(
        &t.router,
        Request::get(format!("/api/disclosure/agencies/{MZ}/annual/2026.csv"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(csv.status, StatusCode::OK);
    let text = String::from_utf8(csv.body.to_vec()).unwrap();
    assert!(
        text.contains("自然人") && text.contains("（七）总计"),
        "{text}"
    );
    // Seeding again adds nothing.
    demo_disclosure::seed(&t.state.db, &calendar, china("2026-12-02 10:00"))
        .await
        .unwrap();
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM disclosure_requests")
        .fetch_one(&t.state.db)
        .await
        .unwrap();
    assert_eq!(count, 15);
}
