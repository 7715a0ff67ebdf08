//! What the window desk shows of a case, in words: the answers as the form's own sections and
//! labelled fields (the version the case was submitted with, hidden fields left out, choices by
//! their labels, files by name with a link), the materials checklist, the history with who did
//! what, and the headers of a case's files.
//!
//! Every label is resolved here in the request's language, so the desk's bundle carries no
//! form, item or history strings; codes (`GA`, `very_dissatisfied`, `in_progress`) never reach
//! the page as text.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use guichet_core::form::validate::visible_fields;
use guichet_core::form::{Answers, FieldKind, FileRef, FormDefinition};
use guichet_core::i18n::Lang;
use guichet_core::service::ServiceItem;
use guichet_core::wire::desk::{
    FieldFile, LabelledField, LabelledSection, MaterialLine, TimelineRow,
};
use guichet_core::{tr, tr_args};
use serde_json::Value;

use crate::cases_store::ActionRow;

/// The applicant's name as the queue shows it to whoever glances at the screen: the first
/// character, stars, and the last one from three characters on (`张*三`, `欧阳**锋`, `张*`).
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "*".to_owned(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

/// The link to a case's file on the desk.
pub fn file_url(case_no: &str, upload_id: &str) -> String {
    format!("/api/staff/cases/{case_no}/files/{upload_id}")
}

/// The files a case's answers refer to: upload id → its reference (name, type, size).
pub fn case_files(answers: &Value) -> BTreeMap<String, FileRef> {
    let mut files = BTreeMap::new();
    if let Some(map) = answers.as_object() {
        for value in map.values() {
            if let Ok(refs) = serde_json::from_value::<Vec<FileRef>>(value.clone()) {
                for file in refs {
                    files.insert(file.upload_id.clone(), file);
                }
            }
        }
    }
    files
}

fn number_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The answers as the form's sections → fields in its order, each with its label and a display
/// value (`text`), files with their links (`files`). Fields hidden by `show_if` are left out,
/// and so are sections left without a field.
pub fn labelled_answers(
    definition: &FormDefinition,
    answers: &Value,
    case_no: &str,
    stored: &dyn Fn(&str) -> bool,
    lang: Lang,
    today: NaiveDate,
) -> Vec<LabelledSection> {
    let empty = Answers::new();
    let map = answers.as_object().unwrap_or(&empty);
    let visible = visible_fields(definition, map, today);
    let list_separator = if lang == Lang::En { ", " } else { "、" };
    let mut sections = Vec::new();
    for section in &definition.sections {
        let mut fields = Vec::new();
        for field in &section.fields {
            if !visible.iter().any(|id| id == &field.id) {
                continue;
            }
            let answer = map.get(&field.id).unwrap_or(&Value::Null);
            let mut row = LabelledField {
                id: field.id.clone(),
                label: field.label.resolve(lang),
                kind: field.kind.name().to_owned(),
                text: String::new(),
                files: None,
            };
            match &field.kind {
                FieldKind::Choice { options, .. } => {
                    let chosen: Vec<&Value> = match answer {
                        Value::Array(values) => values.iter().collect(),
                        Value::Null => Vec::new(),
                        one => vec![one],
                    };
                    let labels: Vec<String> = chosen
                        .into_iter()
                        .map(|value| {
                            options
                                .iter()
                                .find(|o| Some(o.value.as_str()) == value.as_str())
                                .map_or_else(|| number_text(value), |o| o.label.resolve(lang))
                        })
                        .collect();
                    row.text = labels.join(list_separator);
                }
                FieldKind::File { .. } => {
                    let refs: Vec<FileRef> =
                        serde_json::from_value(answer.clone()).unwrap_or_default();
                    row.files = Some(
                        refs.iter()
                            .map(|file| FieldFile {
                                name: file.name.clone(),
                                url: file_url(case_no, &file.upload_id),
                                media_type: file.media_type.mime().to_owned(),
                                size: file.size,
                                stored: stored(&file.upload_id),
                            })
                            .collect(),
                    );
                    row.text = refs
                        .iter()
                        .map(|f| f.name.as_str())
                        .collect::<Vec<_>>()
                        .join(list_separator);
                }
                _ => row.text = number_text(answer),
            }
            fields.push(row);
        }
        if !fields.is_empty() {
            sections.push(LabelledSection {
                id: section.id.clone(),
                title: section.title.resolve(lang),
                fields,
            });
        }
    }
    sections
}

/// The item's materials, each `received` (files uploaded for it), `missing` (uploadable, none
/// uploaded) or `at_window` (brought to the window, not uploaded online). A material's files
/// are those of the file field labelled with its name, or of `material_<n>` (its place among
/// the materials, from 1), the demo forms' convention.
pub fn materials_checklist(
    item: &ServiceItem,
    definition: &FormDefinition,
    answers: &Value,
    lang: Lang,
) -> Vec<MaterialLine> {
    item.materials
        .iter()
        .enumerate()
        .map(|(index, material)| {
            let by_id = format!("material_{}", index + 1);
            let field = definition.fields().find(|f| {
                matches!(f.kind, FieldKind::File { .. })
                    && (f.label.resolve(Lang::Zh) == material.name || f.id == by_id)
            });
            let count = field
                .and_then(|f| answers.get(&f.id))
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let status = if count > 0 {
                "received"
            } else if material.uploadable {
                "missing"
            } else {
                "at_window"
            };
            let status_key = match status {
                "received" => "staff.material.received",
                "missing" => "staff.material.missing",
                _ => "staff.material.at_window",
            };
            MaterialLine {
                name: material.name.clone(),
                form: material.form.label(lang).to_owned(),
                count: material.count,
                required: material.required,
                note: material.note.clone(),
                status: status.to_owned(),
                status_label: tr(lang, status_key).to_owned(),
                files: u64::try_from(count).unwrap_or(u64::MAX),
            }
        })
        .collect()
}

/// A time of the core history (China local) as RFC 3339 at +08:00.
pub fn local_rfc3339(at: NaiveDateTime) -> String {
    format!("{}+08:00", at.format("%Y-%m-%dT%H:%M:%S"))
}

/// One history row: who (`actor`, a person's name or 申请人 / 系统), when (`at`, RFC 3339), what
/// in words (`label`), and its detail in words (`note`: a reason, the missing list, a result).
pub fn history(
    submitted_at: Option<NaiveDateTime>,
    received_at: &str,
    actions: &[(ActionRow, Option<String>)],
    departments: &BTreeMap<String, String>,
    lang: Lang,
) -> Vec<TimelineRow> {
    let department_name = |code: &str| {
        departments
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    };
    let mut rows = vec![TimelineRow {
        at: submitted_at.map_or_else(|| received_at.to_owned(), local_rfc3339),
        action: "submit".into(),
        label: tr(lang, "case.event.submit").into(),
        actor: tr(lang, "staff.actor.applicant").into(),
        department: None,
        note: None,
    }];
    for (row, staff_name) in actions {
        let detail = &row.detail;
        let text = |key: &str| detail.get(key).and_then(Value::as_str).map(str::to_owned);
        let part = text("department").map(|d| department_name(&d));
        let (label, note): (String, Option<String>) = match row.action.as_str() {
            "pass_prereview" => (tr(lang, "case.event.pass_pre_review").into(), None),
            "request_supplement" => {
                let missing: Vec<String> = detail
                    .get("missing")
                    .and_then(Value::as_array)
                    .map(|m| {
                        m.iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default();
                let mut note = missing.join("；");
                if let Some(extra) = text("note").filter(|n| !n.trim().is_empty()) {
                    note = format!("{note}（{extra}）");
                }
                (tr(lang, "case.event.request_supplement").into(), Some(note))
            }
            "refuse" => (tr(lang, "case.event.reject").into(), text("reason")),
            "accept" => (tr(lang, "case.event.accept").into(), None),
            "start" => (tr(lang, "case.event.start_processing").into(), None),
            "conclude" => {
                let key = if text("decision").as_deref() == Some("deny") {
                    "case.event.deny"
                } else {
                    "case.event.approve"
                };
                (
                    format!(
                        "{}（{}）",
                        tr(lang, "staff.history.conclude"),
                        tr(lang, key)
                    ),
                    text("result").filter(|r| !r.trim().is_empty()),
                )
            }
            "return" => (tr(lang, "case.event.return").into(), text("reason")),
            "receive_supplement" => (tr(lang, "case.event.receive_supplement").into(), None),
            "part_decision" => {
                let key = if text("decision").as_deref() == Some("deny") {
                    "staff.history.part_deny"
                } else {
                    "staff.history.part_approve"
                };
                (
                    tr_args(lang, key, &[("department", part.as_deref().unwrap_or(""))]),
                    text("note").filter(|n| !n.trim().is_empty()),
                )
            }
            "absence" => (
                tr_args(
                    lang,
                    "staff.history.absence",
                    &[("department", part.as_deref().unwrap_or(""))],
                ),
                None,
            ),
            "deemed_consent" => (
                tr_args(
                    lang,
                    "staff.history.deemed_consent",
                    &[(
                        "department",
                        row.department
                            .as_deref()
                            .map(department_name)
                            .as_deref()
                            .unwrap_or(""),
                    )],
                ),
                None,
            ),
            "deadline_moved" => (
                tr_args(
                    lang,
                    "case.event.deadline_moved",
                    &[
                        ("from", text("from").as_deref().unwrap_or("")),
                        ("to", text("to").as_deref().unwrap_or("")),
                    ],
                ),
                None,
            ),
            other => (other.to_owned(), None),
        };
        let actor = match (staff_name, row.action.as_str()) {
            (Some(name), _) => name.clone(),
            (None, "receive_supplement") => tr(lang, "staff.actor.applicant").to_owned(),
            (None, _) => tr(lang, "staff.actor.system").to_owned(),
        };
        rows.push(TimelineRow {
            at: row.at.clone(),
            action: row.action.clone(),
            label,
            actor,
            department: row.department.as_deref().map(department_name),
            note,
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_masked_keeping_first_and_last() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("张小三"), "张*三");
        assert_eq!(mask_name("欧阳小锋"), "欧**锋");
        assert_eq!(mask_name("王"), "*");
        assert_eq!(mask_name(""), "");
    }
}
