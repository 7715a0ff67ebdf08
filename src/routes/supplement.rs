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

use crate::clock;
use crate::dom::{self, El, el};
use crate::i18n::{tr, tr_args};
use crate::storage::Storage;
use crate::storage::forms::{Draft, SupplementTarget};
use crate::sync::outbox;
use crate::tracking::CaseView;

/// Where the form filler opens a 补正 draft: on its check page, where every answer shows and
/// each section can be corrected.
fn filler_url(draft: &Draft) -> String {
    format!(
        "/guide/apply/{}?draft={}&step=check",
        draft.item_code, draft.id
    )
}

/// Starts the 补正 draft of `view` from the answers the case holds (or continues the one not
/// yet submitted) and returns the form filler's address for it; a string table key on failure.
pub async fn amend(view: &CaseView, lang: Lang) -> Result<String, &'static str> {
    let submitted = view.submitted.as_ref().ok_or("track.amend_unavailable")?;
    let storage = Storage::shared().await.map_err(|_| "storage.unavailable")?;
    let drafts = storage
        .list_drafts()
        .await
        .map_err(|_| "storage.unavailable")?;
    // One 补正 at a time per case: an unfinished one is continued, never started over.
    if let Some(draft) = drafts.iter().find(|d| {
        d.submitted_as.is_none()
            && d.supplement_for
                .as_ref()
                .is_some_and(|t| t.case_no == view.case_no)
    }) {
        return Ok(filler_url(draft));
    }
    let answers =
        serde_json::to_string(&submitted.answers).map_err(|_| "track.amend_unavailable")?;
    let now = clock::now_ms();
    let supplement = view.supplement.clone().unwrap_or_default();
    let draft = Draft {
        id: outbox::random_hex(16).map_err(|_| "storage.unavailable")?,
        item_code: view.item.code.clone(),
        item_name: tr_args(
            lang,
            "track.supplement_label",
            &[("case", &view.case_no), ("item", &view.item.name)],
        ),
        form_version: submitted.form_version,
        answers,
        step: "check".into(),
        created_at: now,
        updated_at: now,
        progress: 100,
        submitted_as: None,
        dropped: Vec::new(),
        supplement_for: Some(SupplementTarget {
            case_no: view.case_no.clone(),
            missing: supplement.missing,
            note: supplement.note,
        }),
    };
    storage
        .put_draft(&draft)
        .await
        .map_err(|_| "storage.unavailable")?;
    Ok(filler_url(&draft))
}

/// What staff asked for, above the form of a 补正 draft (nothing for any other draft).
fn banner(lang: Lang, target: &SupplementTarget) -> El {
    el("div")
        .class("banner")
        .attr("role", "status")
        .attr("data-testid", "supplement-banner")
        .child(el("strong").text(&tr_args(
            lang,
            "track.supplement_banner",
            &[("case", &target.case_no)],
        )))
        .child(el("ul").children(target.missing.iter().map(|m| el("li").text(m))))
        .maybe((!target.note.is_empty()).then(|| {
            el("p")
                .text(tr(lang, "track.staff_note"))
                .text(" ")
                .text(&target.note)
        }))
}

/// The banner of the draft named by the address (`?draft=`), when it is a 补正.
#[component]
pub fn SupplementBanner() -> impl IntoView {
    let lang = crate::prefs::use_prefs().lang;
    let draft_id = crate::app::query_param("/guide/apply/", "draft");
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let lang = lang.get();
        let Some(id) = draft_id.get() else {
            root.set_text_content(None);
            return;
        };
        spawn_local(async move {
            let target = match Storage::shared().await {
                Ok(storage) => storage
                    .get_draft(&id)
                    .await
                    .ok()
                    .flatten()
                    .and_then(|d| d.supplement_for),
                Err(_) => None,
            };
            match target {
                Some(target) => dom::replace(&root, banner(lang, &target)),
                None => root.set_text_content(None),
            }
        });
    });
    view! { <div node_ref=root></div> }
}
