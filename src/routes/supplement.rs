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
use serde::Deserialize;
use wasm_bindgen::JsValue;

use crate::clock;
use crate::dom::{self, El, el};
use crate::i18n::{tr, tr_args};
use crate::storage::forms::Draft;
use crate::storage::{Storage, stores};
use crate::tracking::{CaseView, SupplementView};

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
    let answers = js_sys::JSON::stringify(&submitted.answers.0)
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

/// What the banner reads of a followed case ([`crate::tracking::TrackedCase`]): its last
/// view's 补正 request, decoded into the shared type. Only that much: the forms bundle needs no
/// more of the case view.
#[derive(Debug, Deserialize)]
struct AskedCase {
    #[serde(default)]
    view: Option<AskedView>,
}

/// The part of [`CaseView`] the banner reads.
#[derive(Debug, Deserialize)]
struct AskedView {
    #[serde(default)]
    supplement: Option<SupplementView>,
}

/// What staff asked for, as the tracked case `tracked` last showed it: the missing items and the
/// note (nothing when the case or its view is not on the device).
fn asked(tracked: JsValue) -> (Vec<String>, String) {
    let asked = serde_wasm_bindgen::from_value::<Option<AskedCase>>(tracked)
        .ok()
        .flatten()
        .and_then(|case| case.view)
        .and_then(|view| view.supplement)
        .unwrap_or_default();
    (asked.missing, asked.note)
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
            let (missing, note) = asked(tracked);
            dom::replace(&root, banner(lang, &case_no, &missing, &note));
        });
    });
    view! { <div node_ref=root></div> }
}

// `wasm_bindgen_test`: the app's unit tests run on wasm32.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracking::{Named, TrackedCase};
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The banner reads the followed case as the device keeps it: a field renamed in
    /// `TrackedCase` or the case view would empty the banner, not fail.
    #[wasm_bindgen_test]
    fn the_banner_reads_what_a_followed_case_keeps() {
        let named = |code: &str| Named {
            code: code.into(),
            name: code.into(),
        };
        let view = CaseView {
            case_no: "20261127-JT-000001".into(),
            item: named("JT-001"),
            case_type: None,
            case_type_label: String::new(),
            state: "supplement_requested".into(),
            state_label: String::new(),
            is_final: false,
            department: named("JT"),
            parts: Vec::new(),
            clock: None,
            deadline: None,
            deadline_provisional: false,
            working_days_left: None,
            working_days_overdue: None,
            supplement: Some(SupplementView {
                missing: vec!["身份证复印件".into()],
                note: "请补交".into(),
                reply_by: None,
            }),
            timeline: Vec::new(),
            submitted: None,
            evaluation: None,
            disclosure: None,
            as_of: String::new(),
        };
        let tracked = TrackedCase {
            case_no: view.case_no.clone(),
            query_code: "ABCD-EFGH-JKMN".into(),
            view: Some(view),
        };
        let kept = serde_wasm_bindgen::to_value(&tracked).expect("serialises");
        assert_eq!(
            asked(kept),
            (vec!["身份证复印件".to_owned()], "请补交".to_owned())
        );
        assert_eq!(asked(JsValue::UNDEFINED), (Vec::new(), String::new()));
    }
}
