//! Checking a form definition written by hand (the desk's form editor) before it is published.
//!
//! [`check_text`] reads the JSON a department typed and returns either the definition — with
//! the item and version the server assigns, whatever the text said — or every problem found,
//! each with its JSON path (`sections[1].fields[0]`) and the place in words people use
//! (第2部分「申请人」第1个问题「姓名」), so the editor can say exactly what to fix. It runs the
//! same [`FormDefinition::check`] rules as publishing, and also reads the text with the
//! browser's reader ([`FormDefinition::from_json_value`]): a definition the citizens' pages
//! could not read, or would read differently, is never published.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{DefinitionError, Field, FormDefinition, Place, Section};
use crate::i18n::{Lang, tr, tr_args};

/// One problem of a definition, located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The JSON path: `""` (the whole form), `sections[1]`, `sections[1].fields[0]`.
    pub path: String,
    /// Where, for people: "第2部分「申请人」第1个问题「姓名」（name）", or "第3行第5列".
    pub place: String,
    /// What is wrong, in the requested language.
    pub message: String,
}

/// Reads and checks `text` as the definition of version `version` of item `item_code` (which
/// replace whatever the text says: the server numbers versions).
pub fn check_text(
    text: &str,
    item_code: &str,
    version: u32,
    lang: Lang,
) -> Result<FormDefinition, Vec<Problem>> {
    let mut value: Value = serde_json::from_str(text).map_err(|e| {
        vec![Problem {
            path: String::new(),
            place: tr_args(
                lang,
                "admin.guide.def.at_line",
                &[
                    ("line", &e.line().to_string()),
                    ("column", &e.column().to_string()),
                ],
            ),
            message: tr(lang, "admin.guide.def.not_json").to_owned(),
        }]
    })?;
    let Some(map) = value.as_object_mut() else {
        return Err(vec![whole(lang, tr(lang, "admin.guide.def.not_object"))]);
    };
    map.insert("item_code".into(), Value::String(item_code.to_owned()));
    map.insert("version".into(), Value::from(version));
    let definition: FormDefinition = match serde_json::from_value(value.clone()) {
        Ok(definition) => definition,
        Err(error) => return Err(shape_problems(&value, &error.to_string(), lang)),
    };
    let mut problems: Vec<Problem> = definition
        .problems()
        .into_iter()
        .map(|(place, error)| located(&definition, place, &error, lang))
        .collect();
    if problems.is_empty()
        && FormDefinition::from_json_value(&value).ok() != Some(definition.clone())
    {
        problems.push(whole(lang, tr(lang, "admin.guide.def.unreadable")));
    }
    if problems.is_empty() {
        Ok(definition)
    } else {
        Err(problems)
    }
}

fn whole(lang: Lang, message: &str) -> Problem {
    Problem {
        path: String::new(),
        place: tr(lang, "admin.guide.def.whole").to_owned(),
        message: message.to_owned(),
    }
}

/// The serde error `detail` in plain words where it is one of the usual ones.
fn shape_message(detail: &str, lang: Lang) -> String {
    // serde's messages: "missing field `label`", "unknown variant `txt`, expected one of …",
    // "invalid type: string \"a\", expected a boolean".
    let quoted = detail.split('`').nth(1).unwrap_or_default();
    if detail.starts_with("missing field") {
        tr_args(lang, "admin.guide.def.missing", &[("name", quoted)])
    } else if detail.starts_with("unknown variant") {
        tr_args(lang, "admin.guide.def.unknown_variant", &[("name", quoted)])
    } else {
        tr_args(lang, "admin.guide.def.wrong_shape", &[("detail", detail)])
    }
}

/// Locates a shape error: the first field, else the first section, that does not read.
fn shape_problems(value: &Value, detail: &str, lang: Lang) -> Vec<Problem> {
    fn fails<T: DeserializeOwned>(value: &Value) -> Option<String> {
        serde_json::from_value::<T>(value.clone())
            .err()
            .map(|e| e.to_string())
    }
    let mut problems = Vec::new();
    let sections = value.get("sections").and_then(Value::as_array);
    for (s, section) in sections.into_iter().flatten().enumerate() {
        let fields = section.get("fields").and_then(Value::as_array);
        let mut field_failed = false;
        for (f, field) in fields.into_iter().flatten().enumerate() {
            if let Some(detail) = fails::<Field>(field) {
                field_failed = true;
                problems.push(Problem {
                    path: format!("sections[{s}].fields[{f}]"),
                    place: field_place(lang, s, f, section, field),
                    message: shape_message(&detail, lang),
                });
            }
        }
        if !field_failed && let Some(detail) = fails::<Section>(section) {
            problems.push(Problem {
                path: format!("sections[{s}]"),
                place: section_place(lang, s, section),
                message: shape_message(&detail, lang),
            });
        }
    }
    if problems.is_empty() {
        problems.push(whole(lang, &shape_message(detail, lang)));
    }
    problems
}

/// A label as JSON, in Chinese, for a place (a key is shown as itself).
fn label_text(value: Option<&Value>) -> String {
    value
        .and_then(|l| l.get("zh").or_else(|| l.get("key")))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn section_place(lang: Lang, s: usize, section: &Value) -> String {
    tr_args(
        lang,
        "admin.guide.def.section",
        &[
            ("n", &(s + 1).to_string()),
            ("title", &label_text(section.get("title"))),
        ],
    )
}

fn field_place(lang: Lang, s: usize, f: usize, section: &Value, field: &Value) -> String {
    let id = field.get("id").and_then(Value::as_str).unwrap_or_default();
    tr_args(
        lang,
        "admin.guide.def.field",
        &[
            ("section", &section_place(lang, s, section)),
            ("n", &(f + 1).to_string()),
            ("label", &label_text(field.get("label"))),
            ("id", id),
        ],
    )
}

fn located(
    definition: &FormDefinition,
    place: Place,
    error: &DefinitionError,
    lang: Lang,
) -> Problem {
    let json = |s: usize| serde_json::to_value(&definition.sections[s]).unwrap_or(Value::Null);
    let (path, place) = match place {
        Place::Form => (String::new(), tr(lang, "admin.guide.def.whole").to_owned()),
        Place::Section(s) => (format!("sections[{s}]"), section_place(lang, s, &json(s))),
        Place::Field(s, f) => {
            let section = json(s);
            let field = section
                .get("fields")
                .and_then(|fs| fs.get(f))
                .cloned()
                .unwrap_or(Value::Null);
            (
                format!("sections[{s}].fields[{f}]"),
                field_place(lang, s, f, &section, &field),
            )
        }
    };
    Problem {
        path,
        place,
        message: message(error, lang),
    }
}

/// A definition error in plain words.
pub fn message(error: &DefinitionError, lang: Lang) -> String {
    match error {
        DefinitionError::ZeroVersion => tr(lang, "admin.guide.def.zero_version").to_owned(),
        DefinitionError::BadId(id) if id.is_empty() => {
            tr(lang, "admin.guide.def.empty_id").to_owned()
        }
        DefinitionError::BadId(id) => tr_args(lang, "admin.guide.def.duplicate_id", &[("id", id)]),
        DefinitionError::UnknownConditionField { unknown, .. } => tr_args(
            lang,
            "admin.guide.def.unknown_condition_field",
            &[("id", unknown)],
        ),
        DefinitionError::BadOptions(_) => tr(lang, "admin.guide.def.bad_options").to_owned(),
        DefinitionError::BadFileLimits(_) => tr(lang, "admin.guide.def.bad_file_limits").to_owned(),
        DefinitionError::NoSections => tr(lang, "admin.guide.def.no_sections").to_owned(),
        DefinitionError::EmptySection(_) => tr(lang, "admin.guide.def.empty_section").to_owned(),
        DefinitionError::BlankLabel(_) => tr(lang, "admin.guide.def.blank_label").to_owned(),
        DefinitionError::UnknownLabelKey { key, .. } => {
            tr_args(lang, "admin.guide.def.unknown_key", &[("key", key)])
        }
        DefinitionError::BadRange(_) => tr(lang, "admin.guide.def.bad_range").to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"item_code": "OTHER", "version": 9, "sections": [
        {"id": "who", "title": {"zh": "申请人"}, "fields": [
            {"id": "name", "label": {"zh": "姓名"}, "kind": "text", "required": true},
            {"id": "kind", "label": {"zh": "类型"}, "kind": "choice",
             "options": [{"value": "a", "label": {"zh": "甲"}}]}
        ]}
    ]}"#;

    #[test]
    fn a_good_definition_gets_the_servers_item_and_version() {
        let definition = check_text(GOOD, "GA-0001", 3, Lang::Zh).unwrap();
        assert_eq!(definition.item_code, "GA-0001");
        assert_eq!(definition.version, 3);
        assert_eq!(definition.sections[0].fields.len(), 2);
    }

    #[test]
    fn json_syntax_is_reported_with_its_line() {
        let problems = check_text("{\n  \"sections\": [,]\n}", "X", 1, Lang::Zh).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].place.contains("第2行"), "{:?}", problems[0]);
        assert!(problems[0].message.contains("JSON"));
    }

    #[test]
    fn a_field_of_the_wrong_shape_is_located() {
        let text = GOOD.replace(r#""kind": "text""#, r#""kind": "txt""#);
        let problems = check_text(&text, "X", 1, Lang::Zh).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, "sections[0].fields[0]");
        assert!(
            problems[0].place.contains("第1个问题「姓名」"),
            "{:?}",
            problems[0]
        );
        assert!(problems[0].message.contains("txt"), "{:?}", problems[0]);
        let text = GOOD.replace(r#""label": {"zh": "类型"}, "#, "");
        let problems = check_text(&text, "X", 1, Lang::Zh).unwrap_err();
        assert_eq!(problems[0].path, "sections[0].fields[1]");
        assert!(problems[0].message.contains("label"), "{:?}", problems[0]);
    }

    #[test]
    fn rule_problems_name_the_field() {
        let text = GOOD
            .replace(r#""id": "kind""#, r#""id": "name""#)
            .replace(r#"{"zh": "姓名"}"#, r#"{"zh": " "}"#)
            .replace(
                r#""required": true"#,
                r#""required": true, "show_if": {"op": "not_empty", "field": "nobody"}"#,
            );
        let problems = check_text(&text, "X", 1, Lang::Zh).unwrap_err();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sections[0].fields[0]",
                "sections[0].fields[1]",
                "sections[0].fields[0]"
            ],
            "{problems:?}"
        );
        assert!(problems[1].message.contains("name"));
        assert!(problems[2].message.contains("nobody"));
        for p in &problems {
            assert!(!p.message.contains('{') && !p.place.contains('{'), "{p:?}");
        }
        let empty = check_text(r#"{"sections": []}"#, "X", 1, Lang::Zh).unwrap_err();
        assert_eq!(empty[0].path, "");
        let range = GOOD.replace(
            r#""kind": "text""#,
            r#""kind": "number", "min": 5, "max": 1"#,
        );
        let problems = check_text(&range, "X", 1, Lang::En).unwrap_err();
        assert_eq!(problems[0].path, "sections[0].fields[0]");
        let key = GOOD.replace(r#"{"zh": "甲"}"#, r#"{"key": "no.such.key"}"#);
        let problems = check_text(&key, "X", 1, Lang::Zh).unwrap_err();
        assert!(problems[0].message.contains("no.such.key"));
    }
}
