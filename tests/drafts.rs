//! Drafts in a real browser (headless Chromium, real IndexedDB): save and load exactly, list,
//! carry over to a newer form version without losing anything, and attachments as Blobs.
#![cfg(target_arch = "wasm32")]

use guichet_app::routes::apply::{parse_answers, progress};
use guichet_app::storage::Storage;
use guichet_app::storage::forms::{AttachmentMeta, Draft, DroppedNote};
use guichet_app::transfer::{base64_decode, base64_encode};
use guichet_core::form::{FormDefinition, carry_over};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) -> Storage {
    let _ = guichet_idb::delete_database(name).await;
    Storage::open(name).await.expect("open")
}

fn form(version: u32, fields: &str) -> FormDefinition {
    serde_json::from_str(&format!(
        r#"{{"item_code": "T-1", "version": {version}, "sections": [{{"id": "main", "title": {{"zh": "基本信息"}}, "fields": {fields}}}]}}"#
    ))
    .expect("form")
}

fn draft(id: &str, answers: &str) -> Draft {
    Draft {
        step: "main".into(),
        updated_at: 2.0,
        progress: 50,
        ..Draft::new(
            id.into(),
            "T-1".into(),
            "测试事项".into(),
            1,
            answers.into(),
            1.0,
        )
    }
}

#[wasm_bindgen_test]
async fn a_draft_is_read_back_exactly_after_a_reopen() {
    let name = "test-drafts-reopen";
    let db = fresh(name).await;
    // Whole numbers stay whole: the text is kept, not a JS number (3 must not become 3.0).
    let saved = draft("d1", r#"{"count":3,"name":"张三","uses":["x","y"]}"#);
    db.put_draft(&saved).await.expect("put");
    db.close();
    let db = Storage::open(name).await.expect("reopen");
    let loaded = db.get_draft("d1").await.expect("get").expect("some");
    assert_eq!(loaded, saved);
    assert_eq!(
        parse_answers(&loaded.answers)["count"],
        serde_json::json!(3)
    );
    let mut newer = saved.clone();
    newer.id = "d2".into();
    newer.updated_at = 5.0;
    db.put_draft(&newer).await.expect("put");
    let list = db.list_drafts().await.expect("list");
    assert_eq!(
        list.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["d2", "d1"]
    );
    db.delete_draft("d1").await.expect("delete");
    assert_eq!(db.get_draft("d1").await.expect("get"), None);
}

#[wasm_bindgen_test]
async fn carry_over_keeps_what_fits_and_reports_the_rest_with_old_values() {
    let db = fresh("test-drafts-carry").await;
    let v1 = form(
        1,
        r#"[{"id": "name", "label": {"zh": "姓名"}, "kind": "text", "required": true},
            {"id": "count", "label": {"zh": "数量"}, "kind": "number"}]"#,
    );
    let v2 = form(
        2,
        r#"[{"id": "name", "label": {"zh": "姓名"}, "kind": "text", "required": true},
            {"id": "count", "label": {"zh": "日期"}, "kind": "date"}]"#,
    );
    let mut d = draft("c1", r#"{"name":"李四","count":7}"#);
    db.put_draft(&d).await.expect("put");
    let result = carry_over(&v1, &v2, &parse_answers(&d.answers));
    d.form_version = 2;
    d.answers =
        serde_json::to_string(&serde_json::Value::Object(result.answers.clone())).expect("json");
    d.dropped = result
        .dropped
        .iter()
        .map(|x| DroppedNote {
            message: x.message(&v1, guichet_core::Lang::Zh),
            value: x.value.to_string(),
        })
        .collect();
    db.put_draft(&d).await.expect("put");
    let loaded = db.get_draft("c1").await.expect("get").expect("some");
    assert_eq!(loaded.form_version, 2);
    assert_eq!(parse_answers(&loaded.answers)["name"], "李四");
    assert_eq!(loaded.dropped.len(), 1);
    assert_eq!(loaded.dropped[0].value, "7");
    assert!(loaded.dropped[0].message.contains("数量"));
    assert_eq!(progress(&v2, &parse_answers(&loaded.answers)), 100);
}

#[wasm_bindgen_test]
async fn attachments_are_blobs_and_unreferenced_ones_are_collected() {
    let db = fresh("test-drafts-attachments").await;
    let bytes = b"%PDF-1.4 test".to_vec();
    let id = guichet_core::form::sha256_hex(&bytes);
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).expect("blob");
    let meta = AttachmentMeta {
        id: id.clone(),
        name: "a.pdf".into(),
        media_type: "application/pdf".into(),
        size: bytes.len() as f64,
    };
    db.put_attachment(&meta, &blob).await.expect("put");
    let answers = format!(
        r#"{{"f":[{{"upload_id":"{id}","name":"a.pdf","media_type":"application/pdf","size":13}}]}}"#
    );
    db.put_draft(&draft("a1", &answers)).await.expect("put");
    db.collect_attachments().await.expect("collect");
    let (back, stored) = db.get_attachment(&id).await.expect("get").expect("kept");
    assert_eq!(back, meta);
    assert_eq!(stored.size() as usize, bytes.len());
    db.delete_draft("a1").await.expect("delete");
    assert!(db.get_attachment(&id).await.expect("get").is_none());
    assert_eq!(
        base64_decode(&base64_encode(b"abcde")).as_deref(),
        Some(&b"abcde"[..])
    );
    assert_eq!(base64_encode(b"ab"), "YWI=");
}
