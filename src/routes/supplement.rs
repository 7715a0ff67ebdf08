//! 补正 by the citizen: a tracked case that asks for a supplement becomes a draft that starts
//! from the answers the case holds, marked with its target (the case number; the query code
//! stays with the tracked case), and is filled in the ordinary form filler. The outbox sends
//! it to the case (`RecordKind::Supplement`), not as a new case.
//!
//! [`amend`] is the 办件查询 side (shell bundle); [`SupplementBanner`] is the form filler's side
//! (forms bundle), mounted above the form: it tells what staff asked for while the person
//! corrects the answers. Both are plain DOM (see `crate::dom`).

use guichet_core::i18n::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use crate::clock;
use crate::dom::{self, El, el};
use crate::i18n::{tr, tr_args};
use crate::storage::forms::Draft;
use crate::storage::{Storage, stores};
use crate::tracking::CaseView;

/// Where the form filler opens a 补正 draft: on its check page, where every answer shows and
/// each section can be corrected.
fn filler_url(item_code: &str, draft_id: &str) -> String {
    format!("/guide/apply/{item_code}?draft={draft_id}&step=check")
}

/// The id of a case's 补正 draft: one per case, so an unfinished one is found again without
/// reading every draft (and a refused record of it is replaced when it is sent again).
fn draft_id(case_no: &str) -> String {
    format!("bz-{case_no}")
}

/// Starts the 补正 draft of `view` from the answers the case holds (or continues the one not
/// yet submitted) and returns the form filler's address for it; a string table key on failure.
pub async fn amend(view: &CaseView, lang: Lang) -> Result<String, &'static str> {
    let submitted = view.submitted.as_ref().ok_or("track.amend_unavailable")?;
    let storage = Storage::shared().await.map_err(|_| "storage.unavailable")?;
    let id = draft_id(&view.case_no);
    // An unfinished 补正 is continued, never started over (read by name: the shell does not
    // decode drafts).
    let existing = storage
        .raw_record(stores::DRAFTS, &id)
        .await
        .map_err(|_| "storage.unavailable")?;
    if existing.is_object() {
        return Ok(filler_url(&view.item.code, &id));
    }
    let answers = js_sys::JSON::stringify(&submitted.answers)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or("track.amend_unavailable")?;
    let now = clock::now_ms();
    let label = tr_args(
        lang,
        "track.supplement_label",
        &[("case", &view.case_no), ("item", &view.item.name)],
    );
    let draft = Draft {
        supplement_for: Some(view.case_no.clone()),
        ..Draft::new(
            id,
            view.item.code.clone(),
            label,
            submitted.form_version,
            answers,
            now,
        )
        .answered()
    };
    storage
        .put_draft(&draft)
        .await
        .map_err(|_| "storage.unavailable")?;
    Ok(filler_url(&draft.item_code, &draft.id))
}

/// What staff asked for, as the tracked case `tracked` last showed it: the missing items and the
/// note (read by name: the forms bundle needs no more of the case view).
fn asked(tracked: &JsValue) -> (Vec<String>, String) {
    let get = |value: &JsValue, name: &str| js_sys::Reflect::get(value, &name.into()).ok();
    let supplement = get(tracked, "view").and_then(|view| get(&view, "supplement"));
    let Some(supplement) = supplement.filter(|s| s.is_object()) else {
        return (Vec::new(), String::new());
    };
    let missing = get(&supplement, "missing")
        .filter(js_sys::Array::is_array)
        .map(|m| {
            js_sys::Array::from(&m)
                .iter()
                .filter_map(|item| item.as_string())
                .collect()
        })
        .unwrap_or_default();
    let note = get(&supplement, "note")
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    (missing, note)
}

/// The banner above the form of a 补正 draft.
fn banner(lang: Lang, case_no: &str, missing: &[String], note: &str) -> El {
    el("div")
        .class("banner")
        .attr("role", "status")
        .attr("data-testid", "supplement-banner")
        .child(el("strong").text(&tr_args(
            lang,
            "fui.supplement_banner",
            &[("case", case_no)],
        )))
        .child(el("ul").children(missing.iter().map(|m| el("li").text(m))))
        .maybe((!note.is_empty()).then(|| {
            el("p")
                .text(tr(lang, "fui.staff_note"))
                .text(" ")
                .text(note)
        }))
}

/// The banner of the draft named by the address (`?draft=`), when it is a 补正 (nothing for any
/// other draft).
#[component]
pub fn SupplementBanner() -> impl IntoView {
    let lang = crate::prefs::use_prefs().lang;
    let draft_id = crate::app::query_param("/guide/apply/", "draft");
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let lang = lang.get();
        let id = draft_id.get();
        spawn_local(async move {
            let Ok(storage) = Storage::shared().await else {
                return;
            };
            let case_no = match id {
                Some(id) => storage
                    .get_draft(&id)
                    .await
                    .ok()
                    .flatten()
                    .and_then(|d| d.supplement_for),
                None => None,
            };
            let Some(case_no) = case_no else {
                root.set_text_content(None);
                return;
            };
            let tracked = storage
                .raw_record(stores::TRACKED_CASES, &case_no)
                .await
                .unwrap_or_default();
            let (missing, note) = asked(&tracked);
            dom::replace(&root, banner(lang, &case_no, &missing, &note));
        });
    });
    view! { <div node_ref=root></div> }
}
