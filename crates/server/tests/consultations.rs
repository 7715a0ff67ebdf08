//! 咨询 through the real router on a real database (SQLite, or PostgreSQL with
//! `GUICHET_TEST_POSTGRES`): a question received exactly once with its due date, refused by
//! name when empty or too long, read back by number and code, answered by its department only,
//! published as the item's 常见问题 (readable in the item JSON), listed late for 电子监察, and the
//! center's time limit.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use guichet_core::consultation;
use serde_json::{Value, json};

fn question(client_id: &str, item: &str, text: &str, publish_allowed: bool) -> Value {
    json!({"client_id": client_id, "item_code": item, "question": text,
        "name": "张三", "phone": "13800138000", "publish_allowed": publish_allowed})
}

async fn ask(router: &axum::Router, body: Value) -> Reply {
    post(router, "/api/consultations", body).await
}

async fn count(t: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM consultations")
        .fetch_one(&t.state.db)
        .await
        .unwrap()
}

async fn item_json(router: &axum::Router, code: &str) -> Reply {
    send(
        router,
        Request::get(format!("/api/services/{code}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn a_question_is_received_once_with_its_due_date_and_read_back_with_its_code() {
    let t = bare_app(true).await;
    let body = question("zx-once-0001", "GA-003", "  户口本丢了怎么补？ ", false);
    let reply = ask(&t.router, body.clone()).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    let created = reply.json();
    let number = created["consultation_no"].as_str().unwrap().to_owned();
    let code = created["query_code"].as_str().unwrap().to_owned();
    assert!(number.starts_with("ZX"), "{number}");
    assert_eq!(created["question"], "户口本丢了怎么补？");
    assert_eq!(created["department"]["code"], "GA");
    assert_eq!(created["status"], "open");
    assert_eq!(created["status_label"], "待答复");
    assert_eq!(created["late"], false);
    // The due date is the core's.
    let calendar = t.state.calendar.current().calendar.clone();
    let received = chrono::DateTime::parse_from_rfc3339(created["received_at"].as_str().unwrap())
        .unwrap()
        .with_timezone(&chrono::Utc);
    let deadline =
        consultation::answer_deadline(&calendar, guichet_server::cases_store::local(received), 5)
            .unwrap();
    assert_eq!(created["counted_from"], deadline.counted_from.to_string());
    assert_eq!(created["answer_due"], deadline.due.to_string());

    let again = ask(&t.router, body.clone()).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.header("idempotent-replayed".parse().unwrap()), "true");
    assert_eq!(again.json()["consultation_no"], number.as_str());
    assert_eq!(again.json()["query_code"], code.as_str());
    let mut other = body.clone();
    other["question"] = json!("另一个问题");
    let reused = ask(&t.router, other).await;
    assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reused.json()["error"]["fields"]["client_id"].is_string());

    let found = post(
        &t.router,
        "/api/consultations/lookup",
        json!({"consultation_no": number.to_lowercase(), "query_code": code.to_lowercase()}),
    )
    .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.json());
    assert_eq!(found.json()["query_code"], Value::Null);
    assert_eq!(found.json()["answer"], Value::Null);
    let wrong = post(
        &t.router,
        "/api/consultations/lookup",
        json!({"consultation_no": number, "query_code": "2222-2222-2222"}),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert_eq!(wrong.code(), "consultation_not_found");
    assert_eq!(wrong.json()["error"]["message"], "咨询编号或查询码不正确。");
}

#[tokio::test]
async fn an_empty_or_over_long_question_is_refused_by_name_and_nothing_is_saved() {
    let t = bare_app(true).await;
    let before = count(&t).await;
    let empty = ask(
        &t.router,
        question("zx-empty-0001", "GA-003", " \n ", false),
    )
    .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        empty.json()["error"]["fields"]["question"],
        "请填写您要咨询的问题。"
    );
    let long = "问".repeat(1_001);
    let mut request = post_from(
        "/api/consultations",
        &question("zx-long-00001", "GA-003", &long, false),
        "10.0.0.1",
    );
    request
        .headers_mut()
        .insert(header::ACCEPT_LANGUAGE, "en".parse().unwrap());
    let too_long = send(&t.router, request).await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        too_long.json()["error"]["fields"]["question"],
        "A question may have at most 1000 characters; this one has 1001. Please shorten it."
    );
    let exact = ask(
        &t.router,
        question("zx-exact-0001", "GA-003", &"问".repeat(1_000), false),
    )
    .await;
    assert_eq!(exact.status, StatusCode::CREATED);
    let others = ask(
        &t.router,
        json!({"client_id": "zx-bad-000001", "item_code": "NOPE", "question": "？",
            "name": "", "phone": "010-1234"}),
    )
    .await;
    let fields = &others.json()["error"]["fields"];
    for field in ["item_code", "name", "phone"] {
        assert!(fields[field].is_string(), "{field}: {fields}");
    }
    assert_eq!(count(&t).await, before + 1);
}

#[tokio::test]
async fn only_the_department_answers_and_the_answer_reaches_the_asker() {
    let t = bare_app(true).await;
    let reply = ask(
        &t.router,
        question("zx-ans-000001", "GA-003", "委托别人办理需要什么？", true),
    )
    .await;
    let number = reply.json()["consultation_no"].as_str().unwrap().to_owned();
    let code = reply.json()["query_code"].as_str().unwrap().to_owned();
    let path = format!("/api/staff/consultations/{number}");

    let jt = login(&t.router, JT.0, JT.1).await;
    assert_eq!(
        staff_get(&t.router, &jt, &path).await.status,
        StatusCode::NOT_FOUND
    );
    let window = login(&t.router, "ga-ck", "demo-ga-ck-2026").await;
    let seen = staff_get(&t.router, &window, &path).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.json()["phone"], "13800138000");
    assert!(seen.json()["working_days_left"].as_i64().unwrap() >= 4);
    let refused = staff_post(
        &t.router,
        &window,
        &format!("{path}/answer"),
        json!({"answer": "带上委托书。"}),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let ga = login(&t.router, GA.0, GA.1).await;
    let list = staff_get(&t.router, &ga, "/api/staff/consultations").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["consultation_no"] == number.as_str())
    );
    let empty = staff_post(
        &t.router,
        &ga,
        &format!("{path}/answer"),
        json!({"answer": " "}),
    )
    .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let answered = staff_post(
        &t.router,
        &ga,
        &format!("{path}/answer"),
        json!({"answer": "需要授权委托书和双方身份证。"}),
    )
    .await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.json());
    assert_eq!(answered.json()["status"], "answered");
    assert_eq!(answered.json()["answered_by"], "公安窗口（演示）");
    let twice = staff_post(
        &t.router,
        &ga,
        &format!("{path}/answer"),
        json!({"answer": "再答一次"}),
    )
    .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(twice.code(), "already_answered");

    let found = post(
        &t.router,
        "/api/consultations/lookup",
        json!({"consultation_no": number, "query_code": code}),
    )
    .await;
    let body = found.json();
    assert_eq!(body["status"], "answered");
    assert_eq!(body["answer"], "需要授权委托书和双方身份证。");
    assert_eq!(body["late"], false);
    assert!(
        body.get("answered_by").is_none(),
        "no staff name for the asker"
    );
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE kind = 'consultation.answer' AND subject = $1",
    )
    .bind(&number)
    .fetch_one(&t.state.db)
    .await
    .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn a_published_answer_joins_the_items_faq_only_with_consent_and_staffs_texts() {
    let t = bare_app(true).await;
    let ga = login(&t.router, GA.0, GA.1).await;
    let before = item_json(&t.router, "GA-004").await;
    assert_eq!(before.json()["faq"], json!([]));
    let etag = before.header(header::ETAG).to_owned();

    let mut numbers = Vec::new();
    for (client_id, allowed) in [("zx-pub-000001", true), ("zx-pub-000002", false)] {
        let reply = ask(
            &t.router,
            question(
                client_id,
                "GA-004",
                "我叫张三，电话13800138000，能代办吗？",
                allowed,
            ),
        )
        .await;
        numbers.push(reply.json()["consultation_no"].as_str().unwrap().to_owned());
    }
    let allowed = format!("/api/staff/consultations/{}", numbers[0]);
    let refused = format!("/api/staff/consultations/{}", numbers[1]);
    let texts = json!({"question": "可以代办吗？", "answer": "可以，需带委托书。"});
    let early = staff_post(&t.router, &ga, &format!("{allowed}/publish"), texts.clone()).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(early.json()["error"]["current_state"], "open");
    let answered = staff_post(
        &t.router,
        &ga,
        &format!("{allowed}/answer"),
        json!({"answer": "张三您好，可以，需带委托书。", "publish": texts}),
    )
    .await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.json());
    assert_eq!(answered.json()["faq"]["question"], "可以代办吗？");
    let no_consent = staff_post(
        &t.router,
        &ga,
        &format!("{refused}/answer"),
        json!({"answer": "可以。", "publish": {"question": "可以代办吗？", "answer": "可以。"}}),
    )
    .await;
    assert_eq!(no_consent.code(), "publish_not_allowed");
    staff_post(
        &t.router,
        &ga,
        &format!("{refused}/answer"),
        json!({"answer": "可以。"}),
    )
    .await;
    let still = staff_post(
        &t.router,
        &ga,
        &format!("{refused}/publish"),
        json!({"question": "可以代办吗？", "answer": "可以。"}),
    )
    .await;
    assert_eq!(still.code(), "publish_not_allowed");

    let after = item_json(&t.router, "GA-004").await;
    let faq = after.json()["faq"].clone();
    assert_eq!(faq.as_array().unwrap().len(), 1);
    assert_eq!(faq[0]["question"], "可以代办吗？");
    assert_eq!(faq[0]["answer"], "可以，需带委托书。");
    assert!(!faq.to_string().contains("13800138000"));
    assert!(faq[0]["answered_on"].as_str().unwrap().len() == 10);
    assert_ne!(after.header(header::ETAG), etag, "the item's ETag moves");

    let withdrawn = staff_post(&t.router, &ga, &format!("{allowed}/unpublish"), json!({})).await;
    assert_eq!(withdrawn.status, StatusCode::OK);
    assert_eq!(withdrawn.json()["faq"], Value::Null);
    assert_eq!(
        item_json(&t.router, "GA-004").await.json()["faq"],
        json!([])
    );
}

#[tokio::test]
async fn the_demo_has_faqs_and_a_late_question_for_electronic_supervision() {
    let t = bare_app(true).await;
    let ga001 = item_json(&t.router, "GA-001").await.json();
    assert_eq!(ga001["faq"].as_array().unwrap().len(), 2);
    assert_eq!(
        item_json(&t.router, "SC-001").await.json()["faq"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let found = post(
        &t.router,
        "/api/consultations/lookup",
        json!({"consultation_no": "ZX20261120-9006", "query_code": "DEMA-ZX77-7777"}),
    )
    .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.json());
    assert_eq!(found.json()["late"], true);

    let admin = login(&t.router, ADMIN.0, ADMIN.1).await;
    let late = staff_get(&t.router, &admin, "/api/staff/consultations?status=late").await;
    assert_eq!(late.status, StatusCode::OK);
    let items = late.json()["items"].as_array().unwrap().clone();
    let row = items
        .iter()
        .find(|i| i["consultation_no"] == "ZX20261120-9006")
        .unwrap();
    assert_eq!(row["late"], true);
    assert!(row["working_days_overdue"].as_i64().unwrap() >= 1);
    assert!(items.iter().all(|i| i["late"] == true));
    let bad = staff_get(&t.router, &admin, "/api/staff/consultations?status=soon").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let jt = login(&t.router, JT.0, JT.1).await;
    assert_eq!(
        staff_get(&t.router, &jt, "/api/staff/consultations?department=GA")
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // Seeding again adds nothing.
    let before = count(&t).await;
    let calendar = t.state.calendar.current().calendar.clone();
    guichet_server::demo_contact::seed(&t.state.db, &calendar, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(count(&t).await, before);
}

#[tokio::test]
async fn the_center_sets_the_time_limit_for_questions_received_from_then_on() {
    let t = bare_app(true).await;
    let ga = login(&t.router, GA.0, GA.1).await;
    let path = "/api/staff/contact-settings/answer-days";
    assert_eq!(
        staff_post(&t.router, &ga, path, json!({"answer_days": 10}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let admin = login(&t.router, ADMIN.0, ADMIN.1).await;
    let zero = staff_post(&t.router, &admin, path, json!({"answer_days": 0})).await;
    assert_eq!(zero.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(zero.json()["error"]["fields"]["answer_days"].is_string());
    let set = staff_post(&t.router, &admin, path, json!({"answer_days": 10})).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.json());
    assert_eq!(set.json()["answer_days"], 10);

    let reply = ask(
        &t.router,
        question("zx-days-00001", "GA-003", "要多久？", false),
    )
    .await;
    let created = reply.json();
    let calendar = t.state.calendar.current().calendar.clone();
    let counted = guichet_core::ymd::parse(created["counted_from"].as_str().unwrap()).unwrap();
    assert_eq!(
        created["answer_due"],
        calendar.add_working_days(counted, 10).unwrap().to_string()
    );
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE kind = 'contact.answer_days'")
            .fetch_one(&t.state.db)
            .await
            .unwrap();
    assert_eq!(audited, 1);
}
