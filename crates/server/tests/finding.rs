//! Finding a service: the item list carries what the guide searches offline (each name's
//! pinyin, the tags) and what the home page ranks by (cases of the last 90 days). Runs on
//! SQLite, and on PostgreSQL with `GUICHET_TEST_POSTGRES`.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{Duration, Utc};
use guichet_core::CaseType;
use guichet_core::service_search::{Searchable, ServiceIndex};
use serde_json::Value;

mod common;

use common::{send, submit, submit_at};

async fn services(router: &axum::Router) -> Vec<Value> {
    let reply = send(
        router,
        Request::get("/api/services").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.json()["services"].as_array().unwrap().clone()
}

fn find<'a>(list: &'a [Value], code: &str) -> &'a Value {
    list.iter().find(|s| s["code"] == code).unwrap()
}

#[tokio::test]
async fn the_list_carries_pinyin_and_tags_that_the_core_search_uses() {
    let app = common::bare_app(true).await;
    let list = services(&app.router).await;
    let id_card = find(&list, "GA-001");
    assert_eq!(id_card["pinyin"], "ju min shen fen zheng huan ling");
    assert_eq!(id_card["tags"]["audiences"], serde_json::json!(["person"]));
    assert!(
        id_card["tags"]["keywords"]
            .as_array()
            .unwrap()
            .contains(&Value::from("身份证"))
    );
    let birth = find(&list, "WJ-003");
    assert_eq!(birth["tags"]["life_events"], serde_json::json!(["birth"]));
    // Every name has one syllable per character, so the search can mark what matched.
    for item in &list {
        let name = item["name"].as_str().unwrap();
        let pinyin = item["pinyin"].as_str().unwrap();
        assert_eq!(
            pinyin.split(' ').count(),
            name.chars().count(),
            "{name}: {pinyin}"
        );
    }

    // The same list, searched as the guide searches it.
    let keywords: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            s["tags"]["keywords"]
                .as_array()
                .map(|k| k.iter().map(|k| k.as_str().unwrap().to_owned()).collect())
                .unwrap_or_default()
        })
        .collect();
    let index = ServiceIndex::new(list.iter().zip(&keywords).map(|(s, keywords)| Searchable {
        code: s["code"].as_str().unwrap(),
        name: s["name"].as_str().unwrap(),
        department: s["department"]["name"].as_str().unwrap(),
        keywords,
        pinyin: s["pinyin"].as_str().unwrap(),
    }));
    let first = |query: &str| {
        let hits = index.search(query);
        assert!(!hits.is_empty(), "{query} found nothing");
        list[hits[0].index]["code"].as_str().unwrap().to_owned()
    };
    assert_eq!(first("sfz"), "GA-001");
    assert_eq!(first("身份证"), "GA-001");
    assert_eq!(first("jiehun"), "MZ-001");
    assert_eq!(first("低保"), "MZ-002");
    assert_eq!(first("出生证"), "WJ-003");
}

#[tokio::test]
async fn recent_cases_count_the_last_ninety_days_only() {
    let app = common::app().await;
    let before = services(&app.router).await;
    assert_eq!(find(&before, "JT-TEST")["recent_cases"], 0);
    submit(&app.router, "JT-TEST", "finding-1").await;
    submit(&app.router, "JT-TEST", "finding-2").await;
    submit_at(
        &app.state,
        "JT-TEST",
        CaseType::Promised,
        "finding-old",
        Utc::now() - Duration::days(120),
    )
    .await;
    let after = services(&app.router).await;
    assert_eq!(find(&after, "JT-TEST")["recent_cases"], 2);
    assert_eq!(find(&after, "JT-JOINT")["recent_cases"], 0);
}
