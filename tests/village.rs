//! 代办 mode's storage in a real browser (headless Chromium, real IndexedDB): a concluded
//! case's answers are removed after the retention time and kept before it, its number, query
//! code and state stay, and who it was for stays in the applicant index.
#![cfg(target_arch = "wasm32")]

use guichet_app::storage::{Storage, stores};
use guichet_app::village::{self, Settings};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) -> Storage {
    let _ = guichet_idb::delete_database(name).await;
    Storage::open(name).await.expect("open")
}

const DAY_MS: f64 = 86_400_000.0;

/// Beijing wall-clock text (`YYYY-MM-DDTHH:MM:SS`) of `ms`, as a case's history gives it.
fn beijing(ms: f64) -> String {
    let text: String = js_sys::Date::new(&(ms + 8.0 * 3_600_000.0).into())
        .to_iso_string()
        .into();
    text[..19].to_owned()
}

/// A tracked case as 办件查询 keeps it (the server's whole case view, which the village room
/// decodes), concluded `days_ago` (or still running).
fn tracked(case_no: &str, days_ago: Option<f64>) -> JsValue {
    let now = js_sys::Date::now();
    let at = beijing(now - days_ago.unwrap_or(1.0) * DAY_MS);
    let text = format!(
        r#"{{"case_no":"{case_no}","query_code":"ABCD-EFGH-JKMN",
            "view":{{"case_no":"{case_no}","item":{{"code":"GA-001","name":"居民身份证换领"}},
            "case_type_label":"承诺件","department":{{"code":"GA","name":"县公安局"}},
            "state":"concluded","state_label":"已办结",
            "is_final":{final_},"as_of":"{as_of}",
            "timeline":[{{"at":"{at}","label":"办结","who":"县公安局"}}],
            "submitted":{{"form_version":1,"answers":{{"name":"赵大山",
            "id_no":"110105195603120018","phone":"13800138011"}}}}}}}}"#,
        final_ = days_ago.is_some(),
        as_of = js_sys::Date::new(&(now - 40.0 * DAY_MS).into()).to_iso_string(),
    );
    js_sys::JSON::parse(&text).expect("case")
}

fn on(days: u32) -> Settings {
    Settings {
        on: true,
        retention_days: days,
        ..Settings::default()
    }
}

async fn text(storage: &Storage) -> String {
    let all = storage
        .raw_records(stores::TRACKED_CASES)
        .await
        .expect("cases");
    all.iter()
        .map(|c| String::from(js_sys::JSON::stringify(c).expect("text")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[wasm_bindgen_test]
async fn concluded_cases_lose_their_answers_after_the_retention_time_and_keep_the_rest() {
    let storage = fresh("test-village-purge").await;
    for case in [
        tracked("20261101-GA-000001", Some(31.0)),
        tracked("20261120-GA-000002", Some(10.0)),
        tracked("20261125-GA-000003", None),
    ] {
        storage
            .put_raw(stores::TRACKED_CASES, &case)
            .await
            .expect("put");
    }
    // Off: nothing is removed.
    assert_eq!(
        village::purge_due(&storage, &Settings::default())
            .await
            .expect("purge"),
        0
    );
    assert_eq!(
        village::purge_due(&storage, &on(30)).await.expect("purge"),
        1
    );
    let kept = text(&storage).await;
    assert_eq!(kept.matches("110105195603120018").count(), 2, "{kept}");
    assert!(kept.contains("20261101-GA-000001"));
    assert_eq!(kept.matches("ABCD-EFGH-JKMN").count(), 3);
    assert_eq!(kept.matches("已办结").count(), 3);
    // Who the cleared case was for stays findable: name and the last four.
    let index = storage.applicants().await.expect("index");
    let entry = index
        .iter()
        .find(|a| a.key == "n:20261101-GA-000001")
        .expect("indexed");
    assert_eq!(
        (entry.name.as_str(), entry.id_last4.as_str()),
        ("赵大山", "0018")
    );
    // A shorter retention time clears the next one; a running case is never cleared.
    assert_eq!(
        village::purge_due(&storage, &on(7)).await.expect("purge"),
        1
    );
    assert_eq!(text(&storage).await.matches("13800138011").count(), 1);
    assert_eq!(
        village::purge_due(&storage, &on(7)).await.expect("purge"),
        0
    );
    storage.close();
}
