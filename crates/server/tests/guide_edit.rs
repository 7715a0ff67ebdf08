//! The service guide edited on the desk (`api::guide_admin`): who may edit, stale edits, rules
//! named by field, form versions published from the editor, previews, audit rows, and the guide
//! feed's ETag moving with an edit.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Session, bare_app, login, send, staff_get, staff_post};
use guichet_server::audit_store;
use guichet_server::staff_store::{self, StaffRole};
use serde_json::{Value, json};

const ITEM: &str = "GA-001";

async fn item(router: &axum::Router, session: &Session) -> Value {
    let reply = staff_get(router, session, &format!("/api/staff/guide/items/{ITEM}")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    reply.json()
}

async fn public(router: &axum::Router, path: &str, etag: Option<&str>) -> common::Reply {
    let mut request = Request::get(path);
    if let Some(etag) = etag {
        request = request.header(header::IF_NONE_MATCH, etag);
    }
    send(router, request.body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn a_department_corrects_its_fee_and_the_guide_feed_changes() {
    let app = bare_app(true).await;
    let ga = login(&app.router, "ga", "demo-ga-2026").await;
    let before = public(&app.router, &format!("/api/services/{ITEM}"), None).await;
    assert_eq!(before.status, StatusCode::OK);
    assert_eq!(before.header(header::CACHE_CONTROL), "public, no-cache");
    let etag = before.header(header::ETAG).to_owned();
    let unchanged = public(&app.router, &format!("/api/services/{ITEM}"), Some(&etag)).await;
    assert_eq!(unchanged.status, StatusCode::NOT_MODIFIED);

    let read = item(&app.router, &ga).await;
    assert_eq!(read["item"]["fee"]["standard"], "工本费每证20元");
    let mut edited = read["item"].clone();
    edited["fee"]["standard"] = json!("工本费每证25元");
    let reply = staff_post(
        &app.router,
        &ga,
        &format!("/api/staff/guide/items/{ITEM}"),
        json!({"item": edited, "revision": read["revision"]}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    assert_eq!(
        reply.json()["revision"],
        read["revision"].as_i64().unwrap() + 1
    );

    // The citizens' copy: the old ETag no longer matches, the new fee is served.
    let after = public(&app.router, &format!("/api/services/{ITEM}"), Some(&etag)).await;
    assert_eq!(after.status, StatusCode::OK);
    assert_eq!(after.json()["service"]["fee"]["standard"], "工本费每证25元");
    assert_ne!(after.header(header::ETAG), etag);

    // Audited with before and after.
    let rows = audit_store::list(&app.state.db, Some("guide."), Some(ITEM), None, 10)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].kind, "guide.item.update");
    assert_eq!(rows[0].staff_name, "公安窗口（演示）");
    let standard = |v: &Option<Value>| v.as_ref().unwrap()["fee"]["standard"].clone();
    assert_eq!(standard(&rows[0].before), "工本费每证20元");
    assert_eq!(standard(&rows[0].after), "工本费每证25元");

    // A second edit from the copy read before the first: 409, and nothing changes.
    let mut stale = read["item"].clone();
    stale["fee"]["standard"] = json!("工本费每证30元");
    let reply = staff_post(
        &app.router,
        &ga,
        &format!("/api/staff/guide/items/{ITEM}"),
        json!({"item": stale, "revision": read["revision"]}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert_eq!(reply.json()["error"]["code"], "stale_edit");
    assert_eq!(
        item(&app.router, &ga).await["item"]["fee"]["standard"],
        "工本费每证25元"
    );
}

#[tokio::test]
async fn bad_fields_are_refused_by_name_and_nothing_changes() {
    let app = bare_app(true).await;
    let admin = login(&app.router, "zhongxin", "demo-admin-2026").await;
    let read = item(&app.router, &admin).await;
    let mut bad = read["item"].clone();
    bad["fee"] = json!({"type": "charged", "standard": "工本费每证-5元", "basis": ""});
    bad["materials"][1]["name"] = json!(" ");
    bad["promised_days"] = json!(90);
    let reply = staff_post(
        &app.router,
        &admin,
        &format!("/api/staff/guide/items/{ITEM}"),
        json!({"item": bad, "revision": read["revision"]}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = reply.json()["error"]["fields"].clone();
    assert!(
        fields["fee.standard"].as_str().unwrap().contains("负数"),
        "{fields}"
    );
    assert!(
        fields["fee.basis"].as_str().unwrap().contains("收费依据"),
        "{fields}"
    );
    assert!(
        fields["materials[1].name"]
            .as_str()
            .unwrap()
            .contains("第2项"),
        "{fields}"
    );
    assert!(
        fields["promised_days"].as_str().unwrap().contains("90"),
        "{fields}"
    );
    assert_eq!(item(&app.router, &admin).await, read);
    let rows = audit_store::list(&app.state.db, Some("guide."), None, None, 10)
        .await
        .unwrap();
    assert!(rows.is_empty());
}

#[tokio::test]
async fn a_window_or_another_department_may_not_edit() {
    let app = bare_app(true).await;
    staff_store::create_account_with_role(
        &app.state.db,
        "ga-window",
        "公安窗口人员",
        &StaffRole::Window {
            department_code: "GA".into(),
        },
        "window-pass-2026",
    )
    .await
    .unwrap();
    let admin = login(&app.router, "zhongxin", "demo-admin-2026").await;
    let read = item(&app.router, &admin).await;
    let mut edited = read["item"].clone();
    edited["fee"]["standard"] = json!("工本费每证1元");
    let body = json!({"item": edited, "revision": read["revision"]});
    let definition = json!({"definition": "{\"sections\": []}", "based_on": 1});
    for (user, password) in [("jt", "demo-jt-2026"), ("ga-window", "window-pass-2026")] {
        let session = login(&app.router, user, password).await;
        let path = format!("/api/staff/guide/items/{ITEM}");
        assert_eq!(
            staff_get(&app.router, &session, &path).await.status,
            StatusCode::FORBIDDEN
        );
        let reply = staff_post(&app.router, &session, &path, body.clone()).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{user}");
        let reply = staff_post(
            &app.router,
            &session,
            &format!("{path}/forms"),
            definition.clone(),
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{user}");
    }
    let window = login(&app.router, "ga-window", "window-pass-2026").await;
    let list = staff_get(&app.router, &window, "/api/staff/guide/items").await;
    assert_eq!(list.status, StatusCode::FORBIDDEN);
    let jt = login(&app.router, "jt", "demo-jt-2026").await;
    let list = staff_get(&app.router, &jt, "/api/staff/guide/items")
        .await
        .json();
    let items = list["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|i| i["department_code"] == "JT"), "{list}");
    // Nothing changed, nothing audited.
    assert_eq!(item(&app.router, &admin).await, read);
    let rows = audit_store::list(&app.state.db, Some("guide."), None, None, 10)
        .await
        .unwrap();
    assert!(rows.is_empty());
}

#[tokio::test]
async fn a_form_version_is_checked_previewed_and_published() {
    let app = bare_app(true).await;
    let ga = login(&app.router, "ga", "demo-ga-2026").await;
    let read = item(&app.router, &ga).await;
    let current = read["form"].clone();
    assert_eq!(current["version"], 1);
    assert_eq!(read["next_form_version"], 2);
    let base = format!("/api/staff/guide/items/{ITEM}/forms");

    // Invalid: a duplicate id and a choice without options, found with their paths.
    let mut bad = current.clone();
    let first_id = bad["sections"][0]["fields"][0]["id"].clone();
    bad["sections"][0]["fields"][1]["id"] = first_id.clone();
    bad["sections"][0]["fields"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "extra", "label": {"zh": "领取方式"}, "kind": "choice", "options": []}));
    let text = serde_json::to_string_pretty(&bad).unwrap();
    let check = staff_post(
        &app.router,
        &ga,
        &format!("{base}/validate"),
        json!({"definition": text}),
    )
    .await;
    assert_eq!(check.status, StatusCode::OK);
    let check = check.json();
    assert_eq!(check["ok"], false);
    let problems = check["problems"].as_array().unwrap();
    let paths: Vec<&str> = problems
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"sections[0].fields[1]"), "{check}");
    let extra = problems
        .iter()
        .find(|p| p["place"].as_str().unwrap().contains("领取方式"))
        .unwrap();
    assert!(
        extra["message"].as_str().unwrap().contains("选项"),
        "{extra}"
    );

    let reply = staff_post(
        &app.router,
        &ga,
        &base,
        json!({"definition": text, "based_on": 1}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = reply.json()["error"]["fields"].clone();
    assert!(
        fields["sections[0].fields[1]"]
            .as_str()
            .unwrap()
            .contains("重复"),
        "{fields}"
    );
    let syntax = staff_post(
        &app.router,
        &ga,
        &base,
        json!({"definition": "{\"sections\": [", "based_on": 1}),
    )
    .await;
    assert_eq!(syntax.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        syntax.json()["error"]["fields"]["definition"]
            .as_str()
            .unwrap()
            .contains("第1行")
    );
    let unchanged = public(&app.router, &format!("/api/services/{ITEM}"), None)
        .await
        .json();
    assert_eq!(unchanged["form"]["version"], 1);

    // Valid: a new optional question. Previewed first, then published as version 2.
    let mut good = current.clone();
    good["sections"][0]["fields"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "pickup_note", "label": {"zh": "领取说明"}, "kind": "text"}));
    let text = serde_json::to_string_pretty(&good).unwrap();
    let preview = staff_post(
        &app.router,
        &ga,
        &format!("{base}/preview"),
        json!({"definition": text}),
    )
    .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.json());
    let key = preview.json()["key"].as_str().unwrap().to_owned();
    assert_eq!(
        preview.json()["url"],
        format!("/guide/apply/{ITEM}?draft=preview-{key}")
    );
    let shown = staff_get(
        &app.router,
        &ga,
        &format!("/api/staff/guide/previews/{key}"),
    )
    .await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(shown.json()["form"]["version"], 2);
    assert_eq!(shown.json()["service"]["name"], "居民身份证换领");
    let jt = login(&app.router, "jt", "demo-jt-2026").await;
    let other = staff_get(
        &app.router,
        &jt,
        &format!("/api/staff/guide/previews/{key}"),
    )
    .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    let anonymous = public(
        &app.router,
        &format!("/api/staff/guide/previews/{key}"),
        None,
    )
    .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let reply = staff_post(
        &app.router,
        &ga,
        &base,
        json!({"definition": text, "based_on": 1}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    assert_eq!(reply.json()["version"], 2);
    let published = public(&app.router, &format!("/api/services/{ITEM}"), None)
        .await
        .json();
    assert_eq!(published["form"]["version"], 2);
    assert_eq!(published["form_versions"], json!([1, 2]));
    // Version 1 is kept for the drafts and cases made on it.
    let v1 = public(&app.router, &format!("/api/services/{ITEM}/forms/1"), None).await;
    assert_eq!(v1.json(), current);

    // A second publication from the same starting point: 409, nothing published.
    let again = staff_post(
        &app.router,
        &ga,
        &base,
        json!({"definition": text, "based_on": 1}),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let versions = public(&app.router, &format!("/api/services/{ITEM}"), None)
        .await
        .json();
    assert_eq!(versions["form_versions"], json!([1, 2]));

    let rows = audit_store::list(&app.state.db, Some("guide.form"), Some(ITEM), None, 10)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].before.as_ref().unwrap()["version"], 1);
    assert_eq!(rows[0].after.as_ref().unwrap()["version"], 2);
}
