//! Integration tests of `POST /api/submissions` (validation, exactly once) and
//! `POST /api/uploads` (type sniffing, size limits). Real SQLite in a fresh temporary
//! directory per test; a small test item is published next to the demo catalogue.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use guichet_core::case::CaseType;
use guichet_core::form::{FormDefinition, submission_hash};
use guichet_core::service::{DepartmentRef, Fee, ServiceItem};
use guichet_server::{AppState, services_store, submissions_store};
use serde_json::{Value, json};

/// `JT-TEST`: a name, an ID number, a choice with a conditional follow-up, a small file field.
mod common;

use common::{Reply, TestApp, send};

async fn app() -> TestApp {
    let t = common::bare_app(true).await;
    publish_test_item(&t.state).await;
    t
}

async fn publish_test_item(state: &AppState) {
    let item = ServiceItem {
        code: "JT-TEST".into(),
        name: "测试事项".into(),
        department: DepartmentRef {
            code: "JT".into(),
            name: "县交通运输局".into(),
        },
        case_type: CaseType::Promised,
        legal_basis: vec!["《测试条例》".into()],
        steps: vec!["申请".into()],
        conditions: vec!["无".into()],
        materials: vec![],
        promised_days: 5,
        legal_days: 10,
        fee: Fee::Free,
        result: "批复".into(),
        place: "窗口".into(),
        hours: "工作日".into(),
        telephone: "0371-62301003".into(),
        joint_departments: vec![],
        en: None,
        tags: Default::default(),
    };
    services_store::publish_item(&state.db, &item, 99)
        .await
        .unwrap();
    let form: FormDefinition = serde_json::from_value(json!({
        "item_code": "JT-TEST", "version": 1,
        "sections": [{"id": "main", "title": {"zh": "申请信息"}, "fields": [
            {"id": "name", "label": {"zh": "姓名", "en": "Name"}, "kind": "text", "required": true},
            {"id": "id_no", "label": {"zh": "身份证号码"}, "kind": "id_number", "required": true},
            {"id": "vehicle", "label": {"zh": "车辆"}, "kind": "choice", "required": true,
             "options": [{"value": "car", "label": {"zh": "小车"}}, {"value": "truck", "label": {"zh": "货车"}}]},
            {"id": "tonnage", "label": {"zh": "吨位"}, "kind": "number", "required": true, "min": 1,
             "show_if": {"op": "equals", "field": "vehicle", "value": "truck"}},
            {"id": "photo", "label": {"zh": "照片"}, "kind": "file",
             "accept": ["image/png", "application/pdf"], "max_bytes": 1024, "max_count": 2}
        ]}]
    }))
    .unwrap();
    services_store::publish_form(&state.db, &form)
        .await
        .unwrap();
}

fn submission(client_id: &str, item: &str, version: u32, answers: Value) -> Value {
    let hash = submission_hash(item, version, &answers);
    json!({"client_id": client_id, "item_code": item, "form_version": version,
           "answers": answers, "content_hash": hash,
           "submitted_at": "2026-11-27T09:30:00+08:00"})
}

async fn post_json(router: &Router, body: &Value, lang: &str) -> Reply {
    let request = Request::post("/api/submissions")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, lang)
        .body(Body::from(serde_json::to_vec(body).unwrap()))
        .unwrap();
    send(router, request).await
}

fn good_answers() -> Value {
    json!({"name": "张三", "id_no": "11010519491231002x", "vehicle": "car"})
}

/// Cases other than the demo's disclosure requests (the demo seeds those; these tests file
/// pre-reviews).
async fn case_count(state: &AppState) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE case_type <> 'disclosure'")
        .fetch_one(&state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_valid_submission_creates_a_case_in_pre_review() {
    let app = app().await;
    let reply = post_json(
        &app.router,
        &submission("client-0001", "JT-TEST", 1, good_answers()),
        "zh",
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.body);
    let json = reply.json();
    let case_no = json["case_no"].as_str().unwrap();
    // YYYYMMDD-JT-000001
    let parts: Vec<&str> = case_no.split('-').collect();
    assert_eq!(parts.len(), 3, "{case_no}");
    assert!(parts[0].len() == 8 && parts[0].bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(parts[1], "JT");
    assert_eq!(parts[2], "000001");
    assert_eq!(json["status"], "submitted");
    assert_eq!(json["item_code"], "JT-TEST");
    assert!(json["received_at"].as_str().unwrap().ends_with('Z'));
    let code = json["query_code"].as_str().unwrap();
    assert_eq!(code.len(), 14);
    assert!(
        submissions_store::check_query_code(&app.state.db, case_no, &code.to_lowercase())
            .await
            .unwrap()
    );
    assert!(
        !submissions_store::check_query_code(&app.state.db, case_no, "AAAA-BBBB-CCCC")
            .await
            .unwrap()
    );
    // Normalised answers and the state are stored; the query code only as a hash.
    let (state, answers, stored_code): (String, String, String) =
        sqlx::query_as("SELECT state, answers, query_code_hash FROM cases WHERE case_no = $1")
            .bind(case_no)
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert_eq!(state, "submitted");
    assert!(answers.contains("11010519491231002X"));
    assert!(!stored_code.contains(code));

    let second = post_json(
        &app.router,
        &submission("client-0002", "JT-TEST", 1, good_answers()),
        "zh",
    )
    .await;
    assert!(
        second.json()["case_no"]
            .as_str()
            .unwrap()
            .ends_with("-JT-000002")
    );
}

#[tokio::test]
async fn invalid_answers_get_field_messages_in_the_requested_language() {
    let app = app().await;
    let answers = json!({"id_no": "110105194912310021", "vehicle": "truck", "tonnage": 0});
    let body = submission("client-bad-1", "JT-TEST", 1, answers);
    let reply = post_json(&app.router, &body, "zh-CN").await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let json = reply.json();
    assert_eq!(json["error"]["code"], "validation");
    let fields = &json["error"]["fields"];
    assert_eq!(fields["name"], "此项为必填项。");
    assert!(fields["id_no"].as_str().unwrap().contains("校验"));
    assert!(fields["tonnage"].as_str().unwrap().contains('1'));
    let english = post_json(&app.router, &body, "en").await.json();
    assert_eq!(
        english["error"]["fields"]["name"],
        "This field is required."
    );
    assert_eq!(case_count(&app.state).await, 0);

    // The same id, fixed, is accepted: a rejected attempt does not consume the id.
    let fixed = submission("client-bad-1", "JT-TEST", 1, good_answers());
    assert_eq!(
        post_json(&app.router, &fixed, "zh").await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn an_id_number_whose_area_code_names_no_place_is_refused_with_the_code() {
    let app = app().await;
    // 110199 never was a division code; the check character is right (not a typo), and the
    // browser may not have had the table: the server always checks.
    let answers = json!({"name": "王五", "id_no": "110199-19900101-0010", "vehicle": "car"});
    let body = submission("client-place-1", "JT-TEST", 1, answers);
    let reply = post_json(&app.router, &body, "zh-CN").await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        reply.body
    );
    assert_eq!(
        reply.json()["error"]["fields"]["id_no"],
        "前6位地区码110199不是有效的行政区划代码，请核对号码。"
    );
    let english = post_json(&app.router, &body, "en").await.json();
    let message = english["error"]["fields"]["id_no"].as_str().unwrap();
    assert!(
        message.contains("110199") && message.contains("division code"),
        "{message}"
    );
    assert_eq!(case_count(&app.state).await, 0);

    // 崇文区 (110103), abolished in 2010: refused for someone born in 2012, not for 1990.
    let late = json!({"name": "王五", "id_no": "110103201201010020", "vehicle": "car"});
    let reply = post_json(
        &app.router,
        &submission("client-place-2", "JT-TEST", 1, late),
        "zh",
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.json()["error"]["fields"]["id_no"]
            .as_str()
            .unwrap()
            .contains("已于2010年撤销")
    );
    let born_there = json!({"name": "王五", "id_no": "110103201001010026", "vehicle": "car"});
    let reply = post_json(
        &app.router,
        &submission("client-place-3", "JT-TEST", 1, born_there),
        "zh",
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.body);
    // The 2023 foreign permanent residence card is accepted.
    let foreigner = json!({"name": "John", "id_no": "911840198001011235", "vehicle": "car"});
    let reply = post_json(
        &app.router,
        &submission("client-place-4", "JT-TEST", 1, foreigner),
        "zh",
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{:?}", reply.body);
}

#[tokio::test]
async fn the_division_codes_are_served_cacheable_and_compressed() {
    let app = app().await;
    let get = |etag: Option<&str>| {
        let mut request = Request::get("/api/divisions");
        if let Some(etag) = etag {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        request
            .header(header::ACCEPT_ENCODING, "br")
            .body(Body::empty())
            .unwrap()
    };
    let reply = send(&app.router, get(None)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(header::CONTENT_ENCODING), "br");
    assert!(reply.header(header::CACHE_CONTROL).contains("public"));
    assert!(
        reply.body.len() < 40_000,
        "{} bytes brotli",
        reply.body.len()
    );
    let etag = reply.header(header::ETAG).to_owned();
    let again = send(&app.router, get(Some(&etag))).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    // Uncompressed, it is the core's file, byte for byte.
    let plain = send(
        &app.router,
        Request::get("/api/divisions").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(&plain.body[..], guichet_core::validate::EMBEDDED_DIVISIONS);
}

#[tokio::test]
async fn hidden_required_fields_do_not_block_a_submission() {
    let app = app().await;
    // "tonnage" is required but hidden for a car: its stale value is dropped.
    let answers =
        json!({"name": "李四", "id_no": "11010519491231002X", "vehicle": "car", "tonnage": -5});
    let reply = post_json(
        &app.router,
        &submission("client-hidden", "JT-TEST", 1, answers),
        "zh",
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let stored: String = sqlx::query_scalar("SELECT answers FROM cases")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert!(!stored.contains("tonnage"));
}

#[tokio::test]
async fn the_same_id_twice_gives_the_same_case() {
    let app = app().await;
    let body = submission("retry-after-lost-response", "JT-TEST", 1, good_answers());
    let first = post_json(&app.router, &body, "zh").await;
    assert_eq!(first.status, StatusCode::CREATED);
    let second = post_json(&app.router, &body, "zh").await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(second.headers.get("idempotent-replayed").unwrap(), "true");
    assert_eq!(first.json(), second.json());
    assert_eq!(case_count(&app.state).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_sends_of_one_id_make_exactly_one_case() {
    let app = app().await;
    for round in 0..5 {
        let body = submission(&format!("concurrent-{round}"), "JT-TEST", 1, good_answers());
        let a = tokio::spawn(post_json_owned(app.router.clone(), body.clone()));
        let b = tokio::spawn(post_json_owned(app.router.clone(), body.clone()));
        let (a, b) = tokio::join!(a, b);
        let (a, b) = (a.unwrap(), b.unwrap());
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CREATED]);
        assert_eq!(a.json()["case_no"], b.json()["case_no"]);
        assert_eq!(a.json()["query_code"], b.json()["query_code"]);
    }
    assert_eq!(case_count(&app.state).await, 5);
}

async fn post_json_owned(router: Router, body: Value) -> Reply {
    post_json(&router, &body, "zh").await
}

#[tokio::test]
async fn the_same_id_with_other_content_is_refused() {
    let app = app().await;
    let first = submission("edited-after-send", "JT-TEST", 1, good_answers());
    assert_eq!(
        post_json(&app.router, &first, "zh").await.status,
        StatusCode::CREATED
    );
    let mut answers = good_answers();
    answers["name"] = json!("王五");
    let other = submission("edited-after-send", "JT-TEST", 1, answers);
    let reply = post_json(&app.router, &other, "zh").await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let json = reply.json();
    assert!(
        json["error"]["fields"]["client_id"]
            .as_str()
            .unwrap()
            .contains("已用于另一份内容不同的申请")
    );
    assert_eq!(case_count(&app.state).await, 1);
}

#[tokio::test]
async fn a_content_hash_mismatch_is_refused() {
    let app = app().await;
    let mut body = submission("hash-mismatch-1", "JT-TEST", 1, good_answers());
    body["answers"]["name"] = json!("篡改");
    let reply = post_json(&app.router, &body, "en").await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.json()["error"]["fields"]["content_hash"]
            .as_str()
            .unwrap()
            .contains("checksum")
    );
    // Key order does not matter: the hash is over canonical JSON.
    let reordered: Value = serde_json::from_str(
        r#"{"vehicle": "car", "id_no": "11010519491231002x", "name": "张三"}"#,
    )
    .unwrap();
    let mut body = submission("hash-order-1", "JT-TEST", 1, good_answers());
    body["answers"] = reordered;
    assert_eq!(
        post_json(&app.router, &body, "zh").await.status,
        StatusCode::CREATED
    );
    assert_eq!(case_count(&app.state).await, 1);
}

#[tokio::test]
async fn unknown_items_versions_and_bad_ids_are_refused() {
    let app = app().await;
    let cases = [
        (
            submission("client-x-1", "NOPE", 1, good_answers()),
            "item_code",
        ),
        (
            submission("client-x-2", "JT-TEST", 9, good_answers()),
            "form_version",
        ),
        (
            submission("short", "JT-TEST", 1, good_answers()),
            "client_id",
        ),
        (
            submission("client-x-3", "JT-TEST", 1, json!(["not", "a", "map"])),
            "answers",
        ),
    ];
    for (body, field) in cases {
        let reply = post_json(&app.router, &body, "zh").await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(
            reply.json()["error"]["fields"].get(field).is_some(),
            "{field}"
        );
    }
    let request = Request::post("/api/submissions")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(vec![b' '; 1024 * 1024 + 10]))
        .unwrap();
    let reply = send(&app.router, request).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.json()["error"]["code"], "payload_too_large");
}

// ------------------------------------------------------------------ uploads

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde";

async fn upload(
    router: &Router,
    field: &str,
    bytes: &[u8],
    name_type: &str,
    length: bool,
) -> Reply {
    let mut request = Request::post(format!(
        "/api/uploads?item_code=JT-TEST&form_version=1&field_id={field}"
    ))
    .header(header::CONTENT_TYPE, name_type);
    if length {
        request = request.header(header::CONTENT_LENGTH, bytes.len());
    }
    send(router, request.body(Body::from(bytes.to_vec())).unwrap()).await
}

#[tokio::test]
async fn uploads_are_recognised_by_their_bytes() {
    let app = app().await;
    // A PNG sent as "application/pdf" (named .pdf on the phone) is stored as a PNG.
    let reply = upload(&app.router, "photo", PNG, "application/pdf", true).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let json = reply.json();
    assert_eq!(json["media_type"], "image/png");
    assert_eq!(json["size"], PNG.len());
    let id = json["upload_id"].as_str().unwrap().to_owned();
    assert_eq!(id, guichet_core::form::sha256_hex(PNG));
    // Kept as sent, in whichever file store the server uses.
    let kept = http_body_util::BodyExt::collect(app.state.files.read(&id, 0, PNG.len() as u64))
        .await
        .unwrap()
        .to_bytes();
    assert_eq!(kept.as_ref(), PNG);
    // Uploading again gives the same id.
    let again = upload(&app.router, "photo", PNG, "image/png", true).await;
    assert_eq!(again.json()["upload_id"], id.as_str());

    // A text file named .jpg is refused with the accepted types in plain words.
    let text = upload(
        &app.router,
        "photo",
        b"hello, I am text",
        "image/jpeg",
        true,
    )
    .await;
    assert_eq!(text.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let json = text.json();
    assert_eq!(json["error"]["code"], "unsupported_media_type");
    assert!(
        json["error"]["fields"]["file"]
            .as_str()
            .unwrap()
            .contains("PNG/PDF")
    );

    // A field that takes no files.
    let wrong = upload(&app.router, "name", PNG, "image/png", true).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn oversized_uploads_get_a_413_that_states_the_limit() {
    let app = app().await;
    let mut big = PNG.to_vec();
    big.resize(3000, 0);
    for announced in [true, false] {
        let reply = upload(&app.router, "photo", &big, "image/png", announced).await;
        assert_eq!(
            reply.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "announced {announced}"
        );
        let json = reply.json();
        assert_eq!(json["error"]["code"], "payload_too_large");
        let message = json["error"]["fields"]["file"].as_str().unwrap();
        assert!(message.contains("1 KB"), "{message}");
        if announced {
            assert!(message.contains("2.9 KB"), "{message}");
        }
    }
}

#[tokio::test]
async fn submissions_reference_real_uploads_only() {
    let app = app().await;
    let uploaded = upload(&app.router, "photo", PNG, "image/png", true)
        .await
        .json();
    let mut answers = good_answers();
    answers["photo"] = json!([{"upload_id": uploaded["upload_id"], "name": "行驶证.png",
                               "media_type": "image/png", "size": PNG.len()}]);
    let ok = post_json(
        &app.router,
        &submission("with-upload-1", "JT-TEST", 1, answers),
        "zh",
    )
    .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{:?}", ok.body);

    let mut answers = good_answers();
    answers["photo"] = json!([{"upload_id": "ab".repeat(32), "name": "x.png",
                               "media_type": "image/png", "size": 10}]);
    let missing = post_json(
        &app.router,
        &submission("with-upload-2", "JT-TEST", 1, answers),
        "zh",
    )
    .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.json()["error"]["fields"].get("photo").is_some());
}
