//! Publishing the catalog from the desk through the HTTP API on a real SQLite file: who may
//! change what (403 and nothing changed), the 索引号 sequence never reused, entries scheduled
//! ahead entering the feed on their day above every cursor handed out, attachments served
//! publicly, and the import (dry-run errors by row, malformed files, idempotent re-import, xlsx).

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use guichet_server::build_router;
use guichet_server::clock::Clock;
use serde_json::{Value, json};

const JY: &str = "11331024002497839G"; // 县教育局
const MZ: &str = "11331024002497855X"; // 县民政局

/// A demo server whose clock the test moves.
async fn movable() -> TestApp {
    let TestApp { dir, mut state, .. } = bare_app(true).await;
    state.clock = Clock::adjustable();
    let router = build_router(state.clone());
    TestApp { dir, state, router }
}

fn form(title: &str) -> Value {
    json!({
        "title": title, "doc_no": "县教发〔2026〕9号", "issued_on": "2026-03-02",
        "topic": "science_education", "genre": "circular", "keywords": "资助，学生",
        "summary": "概述", "body_text": "# 一、目的\n\n第一段。\n\n- 甲\n- 乙",
    })
}

async fn raw_post(t: &TestApp, session: &Session, path: &str, bytes: Vec<u8>) -> Reply {
    let request = Request::post(path)
        .header(header::COOKIE, &session.cookie)
        .header("x-csrf-token", &session.csrf)
        .header(header::CONTENT_LENGTH, bytes.len())
        .body(Body::from(bytes))
        .unwrap();
    send(&t.router, request).await
}

async fn get(t: &TestApp, path: &str) -> Reply {
    send(&t.router, Request::get(path).body(Body::empty()).unwrap()).await
}

async fn feed_since(t: &TestApp, cursor: &str) -> Value {
    let reply = get(t, &format!("/api/catalog/changes?since={cursor}&limit=500")).await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.json()
}

async fn public_entry(t: &TestApp, index_no: &str) -> Reply {
    get(t, &format!("/api/catalog/entry?index_no={index_no}")).await
}

async fn audit_count(t: &TestApp, subject: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE subject = $1")
        .bind(subject)
        .fetch_one(&t.state.db)
        .await
        .unwrap()
}

async fn revision(t: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT value FROM catalog_revision")
        .fetch_one(&t.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_officer_publishes_and_the_feed_carries_it() {
    let t = bare_app(true).await;
    let jy = login(&t.router, "gk-jy", "demo-gk-jy-2026").await;
    let before = feed_since(&t, "").await["revision"].as_u64().unwrap();
    let cursor = guichet_server::api::catalog::encode_cursor(before);

    let reply = staff_post(
        &t.router,
        &jy,
        "/api/staff/catalog/entries",
        form("资助通知"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    let made = reply.json();
    let index_no = made["index_no"].as_str().unwrap().to_owned();
    assert!(index_no.starts_with(&format!("{JY}/")), "{index_no}");
    assert_eq!(made["status"], "published");

    let feed = feed_since(&t, &cursor).await;
    let changes = feed["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["index_no"], index_no.as_str());
    assert_eq!(changes[0]["entry"]["agency"], "县教育局");
    let entry = public_entry(&t, &index_no).await.json();
    assert_eq!(entry["body"]["blocks"][0]["type"], "heading");
    assert_eq!(entry["body"]["blocks"][2]["type"], "list");
    assert_eq!(entry["entry"]["keywords"], json!(["资助", "学生"]));
    // Audited with the object after.
    let audit: String =
        sqlx::query_scalar("SELECT after FROM audit_log WHERE kind = 'catalog.create'")
            .fetch_one(&t.state.db)
            .await
            .unwrap();
    assert!(audit.contains("资助通知"));

    // The desk lists it; a bad form names its fields.
    let list = staff_get(&t.router, &jy, "/api/staff/catalog/entries?q=资助")
        .await
        .json();
    assert_eq!(list["entries"][0]["index_no"], index_no.as_str());
    let reply = staff_post(
        &t.router,
        &jy,
        "/api/staff/catalog/entries",
        json!({"title": " ", "issued_on": "2026-02-30", "topic": "weather"}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &reply.json()["error"]["fields"];
    assert!(
        fields["title"].as_str().unwrap().contains("请填写"),
        "{fields}"
    );
    assert!(fields["issued_on"].as_str().unwrap().contains("YYYY-MM-DD"));
    assert!(fields["topic"].is_string());
}

#[tokio::test]
async fn only_the_agency_and_administrators_may_change_its_entries() {
    let t = bare_app(true).await;
    let jy = login(&t.router, "gk-jy", "demo-gk-jy-2026").await;
    let mz = login(&t.router, "gk-mz", "demo-gk-mz-2026").await;
    let window = login(&t.router, "jt", "demo-jt-2026").await;
    let admin = login(&t.router, "zhongxin", "demo-admin-2026").await;
    let made = staff_post(&t.router, &jy, "/api/staff/catalog/entries", form("原标题")).await;
    let index_no = made.json()["index_no"].as_str().unwrap().to_owned();
    let rev = revision(&t).await;
    let audits = audit_count(&t, &index_no).await;

    for (who, session) in [("民政局", &mz), ("窗口", &window)] {
        let mut edit = form("改掉的标题");
        edit["index_no"] = json!(index_no);
        for (path, body) in [
            ("/api/staff/catalog/update", edit.clone()),
            ("/api/staff/catalog/withdraw", json!({"index_no": index_no})),
            (
                "/api/staff/catalog/validity",
                json!({"index_no": index_no, "validity": "expired"}),
            ),
        ] {
            let reply = staff_post(&t.router, session, path, body).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{who} {path}");
        }
        let reply = staff_get(
            &t.router,
            session,
            &format!("/api/staff/catalog/entry?index_no={index_no}"),
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{who}");
    }
    // Another agency cannot publish under this one, a window cannot publish at all.
    let mut other = form("冒名");
    other["agency_code"] = json!(JY);
    let reply = staff_post(&t.router, &mz, "/api/staff/catalog/entries", other).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = staff_post(&t.router, &window, "/api/staff/catalog/entries", form("x")).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    // Nothing changed: same revision, same title, no audit row.
    assert_eq!(revision(&t).await, rev);
    assert_eq!(audit_count(&t, &index_no).await, audits);
    let entry = public_entry(&t, &index_no).await.json();
    assert_eq!(entry["entry"]["title"], "原标题");
    assert_eq!(entry["entry"]["validity"], "valid");

    // The agency itself and an administrator may.
    let reply = staff_post(
        &t.router,
        &jy,
        "/api/staff/catalog/validity",
        json!({"index_no": index_no, "validity": "失效"}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    let mut edit = form("管理员改的标题");
    edit["index_no"] = json!(index_no);
    let reply = staff_post(&t.router, &admin, "/api/staff/catalog/update", edit).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    let entry = public_entry(&t, &index_no).await.json();
    assert_eq!(entry["entry"]["title"], "管理员改的标题");
    assert_eq!(entry["entry"]["agency"], "县教育局");
    assert_eq!(audit_count(&t, &index_no).await, audits + 2);
    let before: String = sqlx::query_scalar(
        "SELECT before FROM audit_log WHERE kind = 'catalog.update' AND subject = $1",
    )
    .bind(&index_no)
    .fetch_one(&t.state.db)
    .await
    .unwrap();
    assert!(
        before.contains("原标题") && before.contains("expired"),
        "{before}"
    );
}

#[tokio::test]
async fn index_numbers_follow_the_rule_and_are_never_reused() {
    let t = bare_app(true).await;
    let jy = login(&t.router, "gk-jy", "demo-gk-jy-2026").await;
    let mut numbers = Vec::new();
    for n in 0..3 {
        let reply = staff_post(
            &t.router,
            &jy,
            "/api/staff/catalog/entries",
            form(&format!("第{n}份")),
        )
        .await;
        numbers.push(reply.json()["index_no"].as_str().unwrap().to_owned());
    }
    let serial = |s: &str| s.rsplit_once('-').unwrap().1.parse::<u32>().unwrap();
    assert_eq!(serial(&numbers[1]), serial(&numbers[0]) + 1);
    assert_eq!(serial(&numbers[2]), serial(&numbers[1]) + 1);
    // The newest is withdrawn: a tombstone in the feed, and its number is not given again.
    let cursor = guichet_server::api::catalog::encode_cursor(revision(&t).await as u64);
    let reply = staff_post(
        &t.router,
        &jy,
        "/api/staff/catalog/withdraw",
        json!({"index_no": numbers[2]}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    let feed = feed_since(&t, &cursor).await;
    assert_eq!(feed["changes"][0]["deleted"], true);
    assert_eq!(feed["changes"][0]["index_no"], numbers[2].as_str());
    assert_eq!(
        public_entry(&t, &numbers[2]).await.status,
        StatusCode::NOT_FOUND
    );
    let next = staff_post(&t.router, &jy, "/api/staff/catalog/entries", form("之后")).await;
    let next = next.json()["index_no"].as_str().unwrap().to_owned();
    assert_eq!(serial(&next), serial(&numbers[2]) + 1);
    // A withdrawn entry cannot be edited back to life.
    let mut edit = form("复活");
    edit["index_no"] = json!(numbers[2]);
    let reply = staff_post(&t.router, &jy, "/api/staff/catalog/update", edit).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Another agency's numbers are its own sequence.
    let mz = login(&t.router, "gk-mz", "demo-gk-mz-2026").await;
    let theirs = staff_post(&t.router, &mz, "/api/staff/catalog/entries", form("民政")).await;
    assert!(theirs.json()["index_no"].as_str().unwrap().starts_with(MZ));
}

#[tokio::test]
async fn a_scheduled_entry_enters_the_feed_on_its_day_above_earlier_cursors() {
    let t = movable().await;
    let jy = login(&t.router, "gk-jy", "demo-gk-jy-2026").await;
    let today = guichet_server::submissions_store::china_today(t.state.clock.now());
    let in_two_days = (today + chrono::Days::new(2))
        .format("%Y-%m-%d")
        .to_string();
    let mut later = form("两天后发布");
    later["publish_on"] = json!(in_two_days);
    let reply = staff_post(&t.router, &jy, "/api/staff/catalog/entries", later).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    assert_eq!(reply.json()["status"], "scheduled");
    assert_eq!(reply.json()["revision"], Value::Null);
    let index_no = reply.json()["index_no"].as_str().unwrap().to_owned();

    // Not public, not in the feed, not counted; the desk shows it as scheduled.
    assert_eq!(
        public_entry(&t, &index_no).await.status,
        StatusCode::NOT_FOUND
    );
    let feed = feed_since(&t, "").await;
    let cursor = feed["next_cursor"].as_str().unwrap().to_owned();
    let mut all = feed;
    let mut ids = Vec::new();
    loop {
        for change in all["changes"].as_array().unwrap() {
            ids.push(change["index_no"].as_str().unwrap().to_owned());
        }
        if !all["has_more"].as_bool().unwrap() {
            break;
        }
        all = feed_since(&t, all["next_cursor"].as_str().unwrap()).await;
    }
    assert!(!ids.contains(&index_no));
    let last_cursor = all["next_cursor"].as_str().unwrap().to_owned();
    let list = staff_get(&t.router, &jy, "/api/staff/catalog/entries")
        .await
        .json();
    assert_eq!(list["entries"][0]["status"], "scheduled");
    assert_eq!(list["entries"][0]["publish_on"], in_two_days.as_str());
    // A date in the past is refused.
    let mut past = form("过去");
    past["publish_on"] = json!("2020-01-01");
    let reply = staff_post(&t.router, &jy, "/api/staff/catalog/entries", past).await;
    assert!(reply.json()["error"]["fields"]["publish_on"].is_string());

    // The next day: still waiting. Two days on: the next read publishes it.
    t.state.clock.set_offset_days(1);
    assert_eq!(feed_since(&t, &last_cursor).await["changes"], json!([]));
    let before = revision(&t).await;
    t.state.clock.set_offset_days(2);
    let feed = feed_since(&t, &last_cursor).await;
    let changes = feed["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{feed}");
    assert_eq!(changes[0]["index_no"], index_no.as_str());
    assert!(changes[0]["revision"].as_i64().unwrap() > before);
    // Also from the cursor handed out before it was scheduled.
    let feed = feed_since(&t, &cursor).await;
    assert!(feed.to_string().contains(&index_no) || feed["has_more"] == true);
    assert_eq!(public_entry(&t, &index_no).await.status, StatusCode::OK);
    // Published once only.
    assert_eq!(
        feed_since(
            &t,
            feed_since(&t, &last_cursor).await["next_cursor"]
                .as_str()
                .unwrap()
        )
        .await["changes"],
        json!([])
    );
}

#[tokio::test]
async fn attachments_are_public_once_published_and_oversized_ones_are_refused() {
    let t = movable().await;
    let jy = login(&t.router, "gk-jy", "demo-gk-jy-2026").await;
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let reply = raw_post(
        &t,
        &jy,
        "/api/staff/catalog/files?name=%E9%99%84%E4%BB%B61%20%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf",
        pdf.clone(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    let file = reply.json();
    assert_eq!(file["name"], "附件1 申请表.pdf");
    let big = vec![b'%'; 21 * 1024 * 1024];
    let reply = raw_post(&t, &jy, "/api/staff/catalog/files?name=big.pdf", big).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    let message = reply.json()["error"]["fields"]["file"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("20"), "{message}");
    let reply = raw_post(
        &t,
        &jy,
        "/api/staff/catalog/files?name=x.exe",
        b"MZ\x90\0".to_vec(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let mut with_file = form("带附件");
    with_file["files"] = json!([{"id": file["id"], "name": "附件1 申请表.pdf"}]);
    let tomorrow = (guichet_server::submissions_store::china_today(t.state.clock.now())
        + chrono::Days::new(1))
    .format("%Y-%m-%d")
    .to_string();
    with_file["publish_on"] = json!(tomorrow);
    let reply = staff_post(&t.router, &jy, "/api/staff/catalog/entries", with_file).await;
    assert_eq!(reply.json()["status"], "scheduled", "{}", reply.json());
    let index_no = reply.json()["index_no"].as_str().unwrap().to_owned();
    let path = format!("/api/catalog/attachment?index_no={index_no}&n=0");
    // Not yet published: nobody gets the file.
    assert_eq!(get(&t, &path).await.status, StatusCode::NOT_FOUND);
    t.state.clock.set_offset_days(1);
    let reply = get(&t, &path).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body.as_ref(), pdf.as_slice());
    assert_eq!(reply.header(header::CONTENT_TYPE), "application/pdf");
    assert_eq!(reply.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(
        reply.header(header::CONTENT_DISPOSITION),
        "inline; filename=\"__1 ___.pdf\"; \
         filename*=UTF-8''%E9%99%84%E4%BB%B61%20%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf"
    );
    let entry = public_entry(&t, &index_no).await.json();
    assert_eq!(entry["entry"]["attachments"][0]["size_bytes"], pdf.len());
    // Withdrawn: gone. (A day later the desk's session has expired: sign in again.)
    let jy = login(&t.router, "gk-jy", "demo-gk-jy-2026").await;
    let reply = staff_post(
        &t.router,
        &jy,
        "/api/staff/catalog/withdraw",
        json!({"index_no": index_no}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    assert_eq!(get(&t, &path).await.status, StatusCode::NOT_FOUND);
}

const HEADER: &str =
    "索引号,名称,发布机构,文号,成文日期,主题分类,体裁,主题词,内容概述,正文,有效性\n";

fn csv_row(serial: u32, title: &str) -> String {
    format!(
        "{JY}/2019-{serial:05},{title},县教育局,县教发〔2019〕{serial}号,2019-05-0{},科技、教育,通知,教育 学校,概述{serial},\"第一段。\n\n第二段。\",有效\n",
        serial % 9 + 1
    )
}

async fn import(t: &TestApp, s: &Session, format: &str, dry_run: bool, bytes: Vec<u8>) -> Reply {
    raw_post(
        t,
        s,
        &format!("/api/staff/catalog/import?format={format}&dry_run={dry_run}"),
        bytes,
    )
    .await
}

#[tokio::test]
async fn a_dry_run_names_each_bad_row_and_writes_nothing() {
    let t = bare_app(true).await;
    let jy = login(&t.router, "gk-jy", "demo-gk-jy-2026").await;
    let file = [
        HEADER.to_owned(),
        csv_row(101, "好的一行"),
        ",缺索引号,县教育局,,2019-01-01,,,,,,\n".to_owned(),
        format!("{JY}/2019-00102,,县教育局,,2019-13-01,,,,,,\n"),
        format!("{JY}/2019-00103,未知机构,县外星局,,2019-01-01,天气,,,,,\n"),
        csv_row(101, "重复的索引号"),
        format!("{MZ}/2019-00001,别家的,县民政局,,2019-01-01,,,,,,\n"),
    ]
    .concat();
    let rev = revision(&t).await;
    let reply = import(&t, &jy, "csv", true, file.clone().into_bytes()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    let report = reply.json();
    let errors: Vec<(u64, String, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["field"].as_str().unwrap().to_owned(),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let has = |line: u64, field: &str, words: &str| {
        errors.iter().any(|(l, f, m)| {
            *l == line && f == field && m.contains(words) && m.contains(&format!("第 {line} 行"))
        })
    };
    assert!(has(5, "索引号", "不能为空"), "{errors:?}");
    assert!(has(6, "名称", "不能为空"), "{errors:?}");
    assert!(has(6, "成文日期", "2019-13-01"), "{errors:?}");
    assert!(has(7, "发布机构", "县外星局"), "{errors:?}");
    assert!(has(7, "主题分类", "天气"), "{errors:?}");
    assert!(has(8, "索引号", "第 2 行重复"), "{errors:?}");
    assert!(has(11, "发布机构", "不是本机构"), "{errors:?}");
    assert_eq!(report["created"], 1);
    // Applying a file with errors writes nothing either.
    let reply = import(&t, &jy, "csv", false, file.into_bytes()).await;
    assert!(!reply.json()["errors"].as_array().unwrap().is_empty());
    assert_eq!(revision(&t).await, rev);
    assert_eq!(
        public_entry(&t, &format!("{JY}/2019-00101")).await.status,
        StatusCode::NOT_FOUND
    );

    // Malformed files: one clear message, nothing changed.
    for (format, bytes, words) in [
        (
            "csv",
            format!("{HEADER}{JY}/2019-00001,\"没关的引号\n").into_bytes(),
            "第",
        ),
        ("csv", b"\xcb\xf7\xd2\xfd\xba\xc5\n".to_vec(), "UTF-8"),
        ("csv", "名称,文号\n标题,\n".as_bytes().to_vec(), "索引号"),
        ("xlsx", b"PK\x03\x04 broken".to_vec(), "Excel"),
        ("csv", HEADER.as_bytes().to_vec(), "没有数据行"),
    ] {
        let reply = import(&t, &jy, format, true, bytes).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{words}");
        let message = reply.json()["error"]["fields"]["file"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(message.contains(words), "{message}");
    }
    assert_eq!(revision(&t).await, rev);
}

#[tokio::test]
async fn a_second_import_of_the_same_file_changes_nothing() {
    let t = bare_app(true).await;
    let jy = login(&t.router, "gk-jy", "demo-gk-jy-2026").await;
    let mut file = HEADER.to_string();
    for serial in 201..=230 {
        file.push_str(&csv_row(serial, &format!("导入的文件{serial}")));
    }
    let dry = import(&t, &jy, "csv", true, file.clone().into_bytes())
        .await
        .json();
    assert_eq!(dry["created"], 30);
    assert_eq!(dry["errors"], json!([]));
    let rev = revision(&t).await;
    let first = import(&t, &jy, "csv", false, file.clone().into_bytes())
        .await
        .json();
    assert_eq!(
        (first["created"].as_u64(), first["dry_run"].as_bool()),
        (Some(30), Some(false))
    );
    assert_eq!(revision(&t).await, rev + 30);
    let entry = public_entry(&t, &format!("{JY}/2019-00205")).await.json();
    assert_eq!(entry["entry"]["title"], "导入的文件205");
    assert_eq!(entry["entry"]["topic"], "science_education");
    assert_eq!(entry["body"]["blocks"].as_array().unwrap().len(), 2);
    let audits: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE kind LIKE 'catalog.import%'")
            .fetch_one(&t.state.db)
            .await
            .unwrap();

    let second = import(&t, &jy, "csv", false, file.clone().into_bytes())
        .await
        .json();
    assert_eq!(second["unchanged"], 30, "{second}");
    assert_eq!(second["created"], 0);
    assert_eq!(revision(&t).await, rev + 30);
    let after: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE kind LIKE 'catalog.import%'")
            .fetch_one(&t.state.db)
            .await
            .unwrap();
    assert_eq!(after, audits);

    // One row changed: one new revision.
    let changed = file.replace("导入的文件210,", "导入的文件210（修订）,");
    let third = import(&t, &jy, "csv", false, changed.into_bytes())
        .await
        .json();
    assert_eq!(
        (third["updated"].as_u64(), third["unchanged"].as_u64()),
        (Some(1), Some(29))
    );
    assert_eq!(revision(&t).await, rev + 31);
    // The desk's next number comes after the imported ones of that year… and a withdrawn
    // imported number cannot come back through an import.
    staff_post(
        &t.router,
        &jy,
        "/api/staff/catalog/withdraw",
        json!({"index_no": format!("{JY}/2019-00230")}),
    )
    .await;
    let again = import(&t, &jy, "csv", true, file.into_bytes()).await.json();
    let errors = again["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    // Each row spans three lines (its 正文 has two paragraphs): row 30 starts on line 89.
    assert_eq!(errors[0]["line"], 89);
    assert!(errors[0]["message"].as_str().unwrap().contains("撤回"));
}

#[tokio::test]
async fn an_excel_workbook_imports_like_a_csv() {
    let t = bare_app(true).await;
    let admin = login(&t.router, "zhongxin", "demo-admin-2026").await;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let headers = [
        "索引号",
        "名称",
        "发布机构",
        "成文日期",
        "体裁",
        "正文",
        "有效性",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        (
            format!("{JY}/2018-08001"),
            "表格导入一",
            "县教育局",
            "2018-04-01",
            "公告",
            "正文一",
            "已废止",
        ),
        (
            format!("{MZ}/2018-08001"),
            "表格导入二",
            "县民政局",
            "2018/4/2",
            "通知",
            "",
            "",
        ),
        (
            format!("{MZ}/2018-08002"),
            "",
            "县民政局",
            "2018-04-31",
            "",
            "",
            "",
        ),
    ];
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        let cells = [&row.0 as &str, row.1, row.2, row.3, row.4, row.5, row.6];
        for (c, cell) in cells.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r, c as u16, *cell).unwrap();
            }
        }
    }
    // A real Excel date cell on the second row.
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2018, 4, 2).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .write_datetime_with_format(2, 3, &date, &format)
        .unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let report = import(&t, &admin, "xlsx", true, bytes.clone()).await.json();
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{report}");
    assert_eq!(
        (errors[0]["line"].as_u64(), errors[0]["field"].as_str()),
        (Some(4), Some("名称"))
    );
    assert_eq!(errors[1]["field"], "成文日期");

    // Without the bad row, the administrator imports both agencies' entries.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().take(2).enumerate() {
        let cells = [&row.0 as &str, row.1, row.2, row.3, row.4, row.5, row.6];
        for (c, cell) in cells.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *cell).unwrap();
        }
    }
    sheet
        .write_datetime_with_format(2, 3, &date, &format)
        .unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let report = import(&t, &admin, "xlsx", false, bytes.clone())
        .await
        .json();
    assert_eq!(report["created"], 2, "{report}");
    let entry = public_entry(&t, &format!("{MZ}/2018-08001")).await.json();
    assert_eq!(entry["entry"]["issued_on"], "2018-04-02");
    assert_eq!(entry["entry"]["agency"], "县民政局");
    let entry = public_entry(&t, &format!("{JY}/2018-08001")).await.json();
    assert_eq!(entry["entry"]["validity"], "repealed");
    assert_eq!(entry["entry"]["genre"], "announcement");
    let again = import(&t, &admin, "xlsx", false, bytes).await.json();
    assert_eq!(again["unchanged"], 2);
}
