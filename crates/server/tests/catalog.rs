//! Integration tests of the disclosure catalog API: the whole router against a real SQLite file
//! in a fresh temporary directory per test (the fixture approach of `tests/server.rs`).

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use guichet_core::catalog::{CatalogEntry, IndexNo, Validity, generate};
use guichet_server::api::catalog::encode_cursor;
use guichet_server::{catalog_store, demo_catalog};
use serde_json::Value;

mod common;

use common::{Reply, TestApp, send};

async fn app() -> TestApp {
    common::bare_app(false).await
}

async fn demo_app() -> TestApp {
    let app = app().await;
    demo_catalog::seed(&app.state.db).await.unwrap();
    app
}

async fn get(router: &Router, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(router, request.body(Body::empty()).unwrap()).await
}

async fn get_json(router: &Router, path: &str) -> Value {
    let reply = get(router, path, &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}: {:?}", reply.body);
    assert!(
        reply
            .header(header::CONTENT_TYPE)
            .starts_with("application/json")
    );
    reply.json()
}

/// Percent-encodes a query value.
fn enc(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn demo() -> Vec<CatalogEntry> {
    demo_catalog::demo_entries()
        .into_iter()
        .map(|(e, _)| e)
        .collect()
}

// ---------------------------------------------------------------- listing

#[tokio::test]
async fn listing_pages_through_everything_newest_first() {
    let app = demo_app().await;
    let expected = demo().len();
    let mut seen = Vec::new();
    let mut previous: Option<(String, String)> = None;
    for page in 1.. {
        let json = get_json(
            &app.router,
            &format!("/api/catalog/entries?page={page}&page_size=100"),
        )
        .await;
        assert_eq!(json["total"], expected);
        assert_eq!(json["page_size"], 100);
        let entries = json["entries"].as_array().unwrap();
        if entries.is_empty() {
            break;
        }
        for entry in entries {
            let key = (
                entry["issued_on"].as_str().unwrap().to_string(),
                entry["index_no"].as_str().unwrap().to_string(),
            );
            if let Some(prev) = &previous {
                // Date descending, then 索引号 ascending.
                assert!(prev.0 > key.0 || (prev.0 == key.0 && prev.1 < key.1));
            }
            previous = Some(key.clone());
            seen.push(key.1);
        }
    }
    let unique: std::collections::HashSet<_> = seen.iter().collect();
    assert_eq!(seen.len(), expected);
    assert_eq!(unique.len(), expected);
    let json = get_json(&app.router, "/api/catalog/entries").await;
    assert_eq!(json["page"], 1);
    assert_eq!(json["entries"].as_array().unwrap().len(), 20);
}

/// A filter's meaning, to check the server's answer against the demo data.
type Keep = Box<dyn Fn(&CatalogEntry) -> bool>;

#[tokio::test]
async fn listing_filters() {
    let app = demo_app().await;
    let all = demo();
    let cases: Vec<(String, Keep)> = vec![
        (
            format!("agency={}", enc("县教育局")),
            Box::new(|e| e.agency == "县教育局"),
        ),
        ("year=2024".into(), Box::new(|e| e.year() == 2024)),
        (
            "topic=science_education".into(),
            Box::new(|e| e.topic.code() == "science_education"),
        ),
        (
            "genre=guide".into(),
            Box::new(|e| e.genre.code() == "guide"),
        ),
        (
            "validity=revised".into(),
            Box::new(|e| e.validity == Validity::Revised),
        ),
        (
            format!("agency={}&year=2025&genre=report", enc("县财政局")),
            Box::new(|e| e.agency == "县财政局" && e.year() == 2025 && e.genre.code() == "report"),
        ),
    ];
    for (query, keep) in cases {
        let expected = all.iter().filter(|e| keep(e)).count();
        assert!(expected > 0, "{query}");
        let json = get_json(
            &app.router,
            &format!("/api/catalog/entries?{query}&page_size=100"),
        )
        .await;
        assert_eq!(json["total"], expected, "{query}");
        for entry in json["entries"].as_array().unwrap() {
            let entry: CatalogEntry = serde_json::from_value(entry.clone()).unwrap();
            assert!(keep(&entry), "{query}: {}", entry.title);
            if entry.validity == Validity::Revised {
                assert!(entry.replaced_by.is_some());
            }
        }
    }
}

#[tokio::test]
async fn server_side_text_search_covers_titles_document_numbers_and_bodies() {
    let app = demo_app().await;
    let total = |json: Value| json["total"].as_u64().unwrap();
    // 20 agencies × 3 annual reports.
    let json = get_json(
        &app.router,
        &format!("/api/catalog/entries?q={}", enc("年度报告")),
    )
    .await;
    assert_eq!(total(json), 60);
    // Only in the bodies of guides (their 收费标准 section).
    let json = get_json(
        &app.router,
        &format!("/api/catalog/entries?q={}", enc("信息处理费")),
    )
    .await;
    let guides = demo()
        .iter()
        .filter(|e| e.genre == guichet_core::catalog::Genre::Guide)
        .count();
    assert!(guides >= 40);
    assert_eq!(total(json), guides as u64);
    // A two-character word (LIKE path) combined with a filter.
    let json = get_json(
        &app.router,
        &format!(
            "/api/catalog/entries?q={}&agency={}",
            enc("指南"),
            enc("县教育局")
        ),
    )
    .await;
    assert!(total(json) >= 2);
    // A 文号 in its bracket variants.
    let target = demo()
        .into_iter()
        .find(|e| e.doc_no.as_deref().is_some_and(|d| d.contains('〔')))
        .unwrap();
    let doc_no = target.doc_no.clone().unwrap();
    for variant in [
        doc_no.clone(),
        doc_no.replace('〔', "[").replace('〕', "]"),
        doc_no.replace('〔', "").replace('〕', " "),
    ] {
        let json = get_json(
            &app.router,
            &format!("/api/catalog/entries?q={}&page_size=100", enc(&variant)),
        )
        .await;
        let found: Vec<&str> = json["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["index_no"].as_str().unwrap())
            .collect();
        assert!(found.contains(&target.index_no.as_str()), "{variant}");
    }
    let json = get_json(
        &app.router,
        &format!("/api/catalog/entries?q={}", enc("火星移民")),
    )
    .await;
    assert_eq!(total(json), 0);
}

#[tokio::test]
async fn wrong_parameters_are_400_envelopes_naming_them() {
    let app = demo_app().await;
    for (path, field) in [
        ("/api/catalog/entries?page_size=0", "page_size"),
        ("/api/catalog/entries?page_size=101", "page_size"),
        ("/api/catalog/entries?page_size=abc", "page_size"),
        ("/api/catalog/entries?page=0", "page"),
        ("/api/catalog/entries?topic=nope", "topic"),
        ("/api/catalog/entries?genre=poem", "genre"),
        ("/api/catalog/entries?validity=maybe", "validity"),
        ("/api/catalog/entries?year=24", "year"),
        ("/api/catalog/facets?year=abcd", "year"),
        ("/api/catalog/changes?limit=0", "limit"),
        ("/api/catalog/changes?limit=501", "limit"),
        ("/api/catalog/changes?since=garbage!", "since"),
        ("/api/catalog/changes?include_bodies=yes", "include_bodies"),
        ("/api/catalog/entry?index_no=nope", "index_no"),
    ] {
        let reply = get(&app.router, path, &[]).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}");
        let json = reply.json();
        assert_eq!(json["error"]["code"], "bad_request", "{path}");
        assert!(json["error"]["fields"][field].is_string(), "{path}: {json}");
        assert_eq!(reply.header(header::CACHE_CONTROL), "no-store");
    }
    // In English when asked.
    let reply = get(
        &app.router,
        "/api/catalog/entries?page_size=0",
        &[("accept-language", "en")],
    )
    .await;
    let message = reply.json()["error"]["fields"]["page_size"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("1 to 100"), "{message}");
}

// ---------------------------------------------------------------- one entry, facets

#[tokio::test]
async fn one_entry_with_its_body() {
    let app = demo_app().await;
    let target = demo()
        .into_iter()
        .find(|e| e.title.contains("政府信息公开指南"))
        .unwrap();
    let id = target.index_no.as_str();
    for path in [
        format!("/api/catalog/entries/{id}"),
        format!("/api/catalog/entries/{}", id.replace('/', "%2F")),
        format!("/api/catalog/entry?index_no={}", enc(id)),
    ] {
        let json = get_json(&app.router, &path).await;
        assert_eq!(json["entry"]["index_no"], id, "{path}");
        assert_eq!(json["entry"]["title"], target.title);
        let blocks = json["body"]["blocks"].as_array().unwrap();
        assert_eq!(blocks[0]["type"], "heading");
        assert!(blocks.iter().any(|b| b["type"] == "list"));
        assert_eq!(json["entry"]["attachments"][0]["size_bytes"], 31_744);
    }
    let reply = get(
        &app.router,
        "/api/catalog/entries/11331024002497839G/2001-00009",
        &[],
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.json()["error"]["code"], "not_found");
}

#[tokio::test]
async fn facet_counts() {
    let app = demo_app().await;
    let all = demo();
    let json = get_json(&app.router, "/api/catalog/facets").await;
    assert_eq!(json["total"], all.len());
    let sum = |name: &str| -> u64 {
        json[name]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["count"].as_u64().unwrap())
            .sum()
    };
    for name in ["topic", "genre", "agency", "year", "validity"] {
        assert_eq!(sum(name), all.len() as u64, "{name}");
    }
    assert_eq!(json["topic"].as_array().unwrap().len(), 21);
    let education = json["agency"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["value"] == "县教育局")
        .unwrap()["count"]
        .as_u64()
        .unwrap();
    assert_eq!(
        education,
        all.iter().filter(|e| e.agency == "县教育局").count() as u64
    );
    let years: Vec<&str> = json["year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["value"].as_str().unwrap())
        .collect();
    assert!(years.windows(2).all(|w| w[0] > w[1]), "{years:?}");
    // With a filter and a query.
    let json = get_json(
        &app.router,
        &format!("/api/catalog/facets?q={}&year=2025", enc("年度报告")),
    )
    .await;
    // The 2024 reports, published in January 2025.
    assert_eq!(json["total"], 20);
    assert_eq!(json["agency"].as_array().unwrap().len(), 20);
}

// ---------------------------------------------------------------- the delta feed

async fn feed_page(router: &Router, cursor: Option<&str>, limit: u32) -> Value {
    let path = match cursor {
        Some(cursor) => format!("/api/catalog/changes?since={cursor}&limit={limit}"),
        None => format!("/api/catalog/changes?limit={limit}"),
    };
    get_json(router, &path).await
}

#[tokio::test]
async fn delta_feed_across_pages_with_updates_and_deletions_in_between() {
    let app = app().await;
    let db = &app.state.db;
    let entries = generate::entries(5, 5);
    for entry in &entries {
        catalog_store::upsert(db, entry, Some(&generate::body(entry)))
            .await
            .unwrap();
    }
    // The client's local copy.
    let mut local: BTreeMap<String, Value> = BTreeMap::new();
    let apply = |local: &mut BTreeMap<String, Value>, page: &Value| {
        for change in page["changes"].as_array().unwrap() {
            let id = change["index_no"].as_str().unwrap().to_string();
            if change["deleted"] == true {
                assert!(change.get("entry").is_none());
                local.remove(&id);
            } else {
                assert!(change.get("body").is_none(), "bodies only on request");
                local.insert(id, change["entry"].clone());
            }
        }
    };

    let page1 = feed_page(&app.router, None, 2).await;
    let revisions = |page: &Value| -> Vec<u64> {
        page["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["revision"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(revisions(&page1), vec![1, 2]);
    assert_eq!(page1["has_more"], true);
    assert_eq!(page1["revision"], 5);
    apply(&mut local, &page1);
    let cursor1 = page1["next_cursor"].as_str().unwrap().to_string();

    // Meanwhile: an already delivered entry changes, a not yet delivered one is deleted.
    let mut changed = entries[0].clone();
    changed.title = "关于调整后的通知".into();
    catalog_store::upsert(db, &changed, None).await.unwrap();
    assert_eq!(
        catalog_store::delete(db, &entries[3].index_no)
            .await
            .unwrap(),
        Some(7)
    );
    assert_eq!(
        catalog_store::delete(db, &entries[3].index_no)
            .await
            .unwrap(),
        None
    );

    let page2 = feed_page(&app.router, Some(&cursor1), 2).await;
    assert_eq!(revisions(&page2), vec![3, 5]);
    assert_eq!(page2["has_more"], true);
    // Interrupted: the same cursor again gives the same page.
    let again = feed_page(&app.router, Some(&cursor1), 2).await;
    assert_eq!(again, page2);
    apply(&mut local, &page2);
    let page3 = feed_page(&app.router, page2["next_cursor"].as_str(), 2).await;
    assert_eq!(revisions(&page3), vec![6, 7]);
    assert_eq!(page3["has_more"], false);
    assert_eq!(page3["changes"][1]["deleted"], true);
    apply(&mut local, &page3);
    // Caught up: an empty page keeps the cursor.
    let cursor3 = page3["next_cursor"].as_str().unwrap();
    let page4 = feed_page(&app.router, Some(cursor3), 2).await;
    assert!(page4["changes"].as_array().unwrap().is_empty());
    assert_eq!(page4["next_cursor"], cursor3);
    assert_eq!(page4["has_more"], false);

    // The local copy equals the server's live catalog.
    let server = get_json(&app.router, "/api/catalog/entries?page_size=100").await;
    let live: BTreeMap<String, Value> = server["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["index_no"].as_str().unwrap().to_string(), e.clone()))
        .collect();
    assert_eq!(local, live);
    assert_eq!(local.len(), 4);
    assert_eq!(
        local[entries[0].index_no.as_str()]["title"],
        "关于调整后的通知"
    );
    assert_eq!(local[entries[0].index_no.as_str()]["revision"], 6);

    // Bodies on request.
    let with_bodies = get_json(&app.router, "/api/catalog/changes?include_bodies=true").await;
    let first = &with_bodies["changes"][0];
    assert_eq!(first["index_no"], entries[1].index_no.as_str());
    assert!(first["body"]["blocks"].is_array());
}

#[tokio::test]
async fn cursor_from_the_future_is_rejected() {
    let app = app().await;
    let entry = &generate::entries(1, 1)[0];
    catalog_store::upsert(&app.state.db, entry, None)
        .await
        .unwrap();
    let ok = feed_page(&app.router, Some(&encode_cursor(1)), 10).await;
    assert!(ok["changes"].as_array().unwrap().is_empty());
    let reply = get(
        &app.router,
        &format!("/api/catalog/changes?since={}", encode_cursor(2)),
        &[],
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let json = reply.json();
    assert!(
        json["error"]["fields"]["since"]
            .as_str()
            .unwrap()
            .contains("超前")
    );
    // An empty since starts over.
    let page = get_json(&app.router, "/api/catalog/changes?since=").await;
    assert_eq!(page["changes"].as_array().unwrap().len(), 1);
}

// ---------------------------------------------------------------- caching, compression

#[tokio::test]
async fn etag_gives_304_until_the_catalog_changes() {
    let app = demo_app().await;
    for path in [
        "/api/catalog/entries?page_size=5",
        "/api/catalog/facets",
        "/api/catalog/changes?limit=5",
    ] {
        let first = get(&app.router, path, &[]).await;
        assert_eq!(first.status, StatusCode::OK);
        let etag = first.header(header::ETAG).to_string();
        assert!(etag.starts_with("W/\""), "{path}: {etag}");
        let cache = first.header(header::CACHE_CONTROL);
        assert!(
            cache == "public, max-age=60" || cache == "no-cache",
            "{cache}"
        );
        let second = get(&app.router, path, &[("if-none-match", &etag)]).await;
        assert_eq!(second.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(second.body.is_empty());
        assert_eq!(second.header(header::ETAG), etag);
        let other = get(&app.router, path, &[("if-none-match", "W/\"other\"")]).await;
        assert_eq!(other.status, StatusCode::OK);
    }
    let path = "/api/catalog/entries?page_size=5";
    let before = get(&app.router, path, &[]).await;
    let first_id = before.json()["entries"][0]["index_no"]
        .as_str()
        .unwrap()
        .to_string();
    let mut newest = demo()
        .into_iter()
        .find(|e| e.index_no.as_str() == first_id)
        .unwrap();
    newest.title = "已更新的标题".into();
    catalog_store::upsert(&app.state.db, &newest, None)
        .await
        .unwrap();
    let after = get(
        &app.router,
        path,
        &[("if-none-match", before.header(header::ETAG))],
    )
    .await;
    assert_eq!(after.status, StatusCode::OK);
    assert_ne!(after.header(header::ETAG), before.header(header::ETAG));
}

#[tokio::test]
async fn responses_are_compressed() {
    let app = demo_app().await;
    let plain = get(&app.router, "/api/catalog/entries?page_size=100", &[]).await;
    assert_eq!(plain.header(header::CONTENT_ENCODING), "");
    for encoding in ["br", "gzip"] {
        let reply = get(
            &app.router,
            "/api/catalog/entries?page_size=100",
            &[("accept-encoding", encoding)],
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.header(header::CONTENT_ENCODING), encoding);
        assert!(reply.body.len() * 3 < plain.body.len(), "{encoding}");
    }
}

#[tokio::test]
async fn demo_seed_is_idempotent() {
    let app = demo_app().await;
    let revision = catalog_store::current_revision(&app.state.db)
        .await
        .unwrap();
    assert_eq!(revision as usize, demo().len());
    demo_catalog::seed(&app.state.db).await.unwrap();
    assert_eq!(
        catalog_store::current_revision(&app.state.db)
            .await
            .unwrap(),
        revision
    );
    let index_no = IndexNo::parse(demo()[0].index_no.as_str()).unwrap();
    assert!(
        catalog_store::get(&app.state.db, &index_no)
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn traditional_characters_are_folded_and_older_search_text_is_rewritten_at_start() {
    let app = demo_app().await;
    let total = |json: Value| json["total"].as_u64().unwrap();
    let search = |q: &str| format!("/api/catalog/entries?q={}&page_size=100", enc(q));
    // A requester typing traditional characters finds what the simplified query finds.
    for (traditional, simplified) in [("年度報告", "年度报告"), ("公開指南", "公开指南")]
    {
        let found = total(get_json(&app.router, &search(traditional)).await);
        assert!(found > 0, "{traditional}");
        assert_eq!(
            found,
            total(get_json(&app.router, &search(simplified)).await)
        );
    }
    // An entry written in traditional characters is found by the simplified query too.
    let mut entry = demo().remove(0);
    let code = entry
        .index_no
        .as_str()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    entry.index_no = IndexNo::parse(&format!("{code}/2026-99999")).unwrap();
    entry.title = "關於營業執照網上辦理的通知".to_owned();
    entry.replaced_by = None;
    catalog_store::upsert(&app.state.db, &entry, None)
        .await
        .unwrap();
    let finds_it = |json: Value| {
        json["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["index_no"] == entry.index_no.as_str())
    };
    assert!(finds_it(
        get_json(&app.router, &search("营业执照网上办理")).await
    ));

    // A database written before folding: its search text kept the traditional characters,
    // and nothing recorded the version.
    let db = &app.state.db;
    let id: i64 = sqlx::query_scalar("SELECT id FROM catalog_entries WHERE index_no = $1")
        .bind(entry.index_no.as_str())
        .fetch_one(db)
        .await
        .unwrap();
    sqlx::query("DELETE FROM catalog_fts WHERE rowid = $1")
        .bind(id)
        .execute(db)
        .await
        .unwrap();
    sqlx::query("INSERT INTO catalog_fts (rowid, search_text) VALUES ($1, $2)")
        .bind(id)
        .bind("關於營業執照網上辦理的通知")
        .execute(db)
        .await
        .unwrap();
    sqlx::query("DELETE FROM meta WHERE key = 'catalog_search_text_version'")
        .execute(db)
        .await
        .unwrap();
    assert!(!finds_it(
        get_json(&app.router, &search("营业执照网上办理")).await
    ));
    // What the server does when it starts: every live entry rewritten, once.
    let live: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM catalog_entries WHERE deleted = 0")
        .fetch_one(db)
        .await
        .unwrap();
    let rewritten = catalog_store::refresh_search_text(db).await.unwrap();
    assert_eq!(rewritten, live as u64);
    assert!(finds_it(
        get_json(&app.router, &search("营业执照网上办理")).await
    ));
    assert!(finds_it(get_json(&app.router, &search("營業執照")).await));
    assert_eq!(catalog_store::refresh_search_text(db).await.unwrap(), 0);
}
