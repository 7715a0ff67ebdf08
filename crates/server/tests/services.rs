//! Integration tests of the service guide: departments, items with their ten disclosures,
//! versioned forms. Real SQLite in a fresh temporary directory per test, seeded with the demo
//! catalogue.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use guichet_core::form::{FormDefinition, Label};
use guichet_server::config::Config;
use guichet_server::services_store::{self, StoreError};
use guichet_server::{build_router, prepare};

mod common;

use common::{Reply, TestApp, send, test_config};

fn config(root: &std::path::Path) -> Config {
    test_config(root, true)
}

async fn app() -> TestApp {
    common::bare_app(true).await
}

async fn get(router: &Router, path: &str) -> Reply {
    send(router, Request::get(path).body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn departments_are_listed_and_cacheable() {
    let app = app().await;
    let reply = get(&app.router, "/api/departments").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(header::CACHE_CONTROL), "public, max-age=300");
    let json = reply.json();
    let departments = json["departments"].as_array().unwrap();
    assert!(departments.len() >= 10);
    assert_eq!(departments[0]["code"], "SC");
    assert_eq!(departments[0]["name"], "县市场监督管理局");
    assert!(
        departments[0]["telephone"]
            .as_str()
            .unwrap()
            .starts_with("0371")
    );
}

#[tokio::test]
async fn services_are_listed_and_filtered_by_department() {
    let app = app().await;
    let reply = get(&app.router, "/api/services").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(header::CACHE_CONTROL), "public, no-cache");
    let all = reply.json()["services"].as_array().unwrap().clone();
    assert!(all.len() >= 30, "{}", all.len());
    let first = &all[0];
    for key in [
        "code",
        "name",
        "department",
        "case_type",
        "promised_days",
        "legal_days",
    ] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }
    assert!(all.iter().any(|s| s["case_type"] == "joint"));
    assert!(
        all.iter()
            .all(|s| s["promised_days"].as_u64() <= s["legal_days"].as_u64())
    );

    let jt = get(&app.router, "/api/services?department=JT").await.json();
    let jt = jt["services"].as_array().unwrap();
    assert!(jt.len() >= 3);
    assert!(jt.iter().all(|s| s["department"]["code"] == "JT"));
    assert!(jt.iter().any(|s| s["name"] == "道路货物运输经营许可"));

    let none = get(&app.router, "/api/services?department=NOPE")
        .await
        .json();
    assert_eq!(none["services"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn detail_has_the_ten_disclosures_and_the_current_form() {
    let app = app().await;
    let reply = get(&app.router, "/api/services/JT-001").await;
    assert_eq!(reply.status, StatusCode::OK);
    let json = reply.json();
    let service = &json["service"];
    assert_eq!(service["name"], "道路货物运输经营许可");
    assert_eq!(service["department"]["name"], "县交通运输局");
    for key in [
        "legal_basis",
        "steps",
        "conditions",
        "materials",
        "promised_days",
        "legal_days",
        "fee",
        "result",
        "place",
        "hours",
        "telephone",
    ] {
        assert!(service.get(key).is_some(), "{key} missing");
    }
    let material = &service["materials"][0];
    for key in ["name", "form", "count", "required", "uploadable"] {
        assert!(material.get(key).is_some(), "material {key} missing");
    }
    assert_eq!(service["fee"]["type"], "free");
    assert_eq!(json["form"]["version"], 1);
    assert_eq!(json["form_versions"], serde_json::json!([1]));
    let form: FormDefinition = serde_json::from_value(json["form"].clone()).unwrap();
    assert!(form.field("vehicle_count").is_some());

    let joint = get(&app.router, "/api/services/SC-004").await.json();
    assert_eq!(joint["service"]["case_type"], "joint");
    assert!(
        joint["service"]["joint_departments"]
            .as_array()
            .unwrap()
            .len()
            >= 2
    );

    let missing = get(&app.router, "/api/services/NOPE-1").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.json()["error"]["code"], "not_found");
}

#[tokio::test]
async fn publishing_a_new_version_keeps_the_old_ones() {
    let app = app().await;
    let mut v2 = services_store::form(&app.state.db, "SC-002", 1)
        .await
        .unwrap()
        .unwrap();
    v2.version = 2;
    v2.sections[0].title = Label::zh("经营者信息");
    services_store::publish_form(&app.state.db, &v2)
        .await
        .unwrap();
    // Publishing the same again is harmless (a repeated demo seed does it).
    services_store::publish_form(&app.state.db, &v2)
        .await
        .unwrap();

    let detail = get(&app.router, "/api/services/SC-002").await.json();
    assert_eq!(detail["form"]["version"], 2);
    assert_eq!(detail["form_versions"], serde_json::json!([1, 2]));
    let v1 = get(&app.router, "/api/services/SC-002/forms/1").await;
    assert_eq!(v1.status, StatusCode::OK);
    assert_eq!(v1.json()["version"], 1);
    assert!(v1.header(header::CACHE_CONTROL).contains("immutable"));
    assert_eq!(
        get(&app.router, "/api/services/SC-002/forms/3")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app.router, "/api/services/SC-002/forms/x")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );

    // A published version never changes, and versions only go up.
    let mut changed = v2.clone();
    changed.sections[0].title = Label::zh("另一个标题");
    assert!(matches!(
        services_store::publish_form(&app.state.db, &changed).await,
        Err(StoreError::VersionConflict { .. })
    ));
    let mut older = v2.clone();
    older.version = 1;
    older.sections[0].title = Label::zh("旧");
    assert!(matches!(
        services_store::publish_form(&app.state.db, &older).await,
        Err(StoreError::VersionConflict { .. })
    ));
}

#[tokio::test]
async fn disclosure_rules_are_enforced_when_publishing() {
    let app = app().await;
    let (mut item, _) = services_store::item(&app.state.db, "JT-001")
        .await
        .unwrap()
        .unwrap();
    item.promised_days = item.legal_days + 1;
    assert!(matches!(
        services_store::publish_item(&app.state.db, &item, 0).await,
        Err(StoreError::InvalidItem(_))
    ));
}

#[tokio::test]
async fn demo_seeding_is_idempotent() {
    let app = app().await;
    let before = get(&app.router, "/api/services").await.json()["services"]
        .as_array()
        .unwrap()
        .len();
    // A second start on the same data folder seeds again without error or duplicates.
    let again = prepare(&config(app.dir.path())).await.unwrap();
    let router = build_router(again);
    let after = get(&router, "/api/services").await.json()["services"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(before, after);
}

#[tokio::test]
async fn form_publish_command_publishes_a_file_and_refuses_a_bad_one() {
    let app = app().await;
    let config = config(app.dir.path());
    let mut v2 = services_store::form(&app.state.db, "GA-002", 1)
        .await
        .unwrap()
        .unwrap();
    v2.version = 2;
    v2.sections[0].title = Label::zh("申请人");
    let file = app.dir.path().join("GA-002.json");
    std::fs::write(&file, serde_json::to_string(&v2).unwrap()).unwrap();
    let published = guichet_server::publish_form_file(&config, &file)
        .await
        .unwrap();
    assert_eq!(published, ("GA-002".to_owned(), 2));
    let detail = get(&app.router, "/api/services/GA-002").await.json();
    assert_eq!(detail["form"]["version"], 2);

    // Not a form, an unreadable file, or an older version: refused, nothing changes.
    std::fs::write(&file, r#"{"item_code": "GA-002"}"#).unwrap();
    assert!(matches!(
        guichet_server::publish_form_file(&config, &file).await,
        Err(guichet_server::StartupError::FormJson(_))
    ));
    assert!(matches!(
        guichet_server::publish_form_file(&config, &app.dir.path().join("none.json")).await,
        Err(guichet_server::StartupError::FormFile { .. })
    ));
    v2.version = 1;
    std::fs::write(&file, serde_json::to_string(&v2).unwrap()).unwrap();
    assert!(matches!(
        guichet_server::publish_form_file(&config, &file).await,
        Err(guichet_server::StartupError::Publish(
            StoreError::VersionConflict { .. }
        ))
    ));
    let detail = get(&app.router, "/api/services/GA-002").await.json();
    assert_eq!(detail["form_versions"], serde_json::json!([1, 2]));
}

#[tokio::test]
async fn every_demo_form_reads_the_same_by_hand_as_through_serde() {
    // The app reads forms with `FormDefinition::from_json_value` (lighter than serde's derive);
    // both must agree on every form the server serves.
    let app = app().await;
    let list = get(&app.router, "/api/services").await.json();
    let mut forms = 0;
    for item in list["services"].as_array().unwrap() {
        let code = item["code"].as_str().unwrap();
        let detail = get(&app.router, &format!("/api/services/{code}"))
            .await
            .json();
        if detail["form"].is_null() {
            continue;
        }
        let by_serde: FormDefinition = serde_json::from_value(detail["form"].clone()).unwrap();
        assert_eq!(
            FormDefinition::from_json_value(&detail["form"]).unwrap(),
            by_serde,
            "{code}"
        );
        forms += 1;
    }
    assert!(forms >= 10, "{forms} forms");
}
