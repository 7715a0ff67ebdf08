//! Carrying a draft over to a newer version of its form: [`carry_over`].
//!
//! When a department publishes version 3 while a person in a village has a half-filled draft
//! of version 2 on the shared computer, the app moves the draft to version 3 instead of
//! refusing it (Enketo #1226: a form update made old records unloadable). An answer is kept
//! when the new version still has a field with the same id and a compatible kind:
//!
//! * the same kind (constraints may differ: a now out-of-range number is kept, and the next
//!   [`validate()`](super::validate()) says what to fix — the person sees their value and the
//!   reason, rather than an empty box);
//! * text-like kinds between themselves (text, multiline, address);
//! * a choice with the same single/multiple mode whose chosen options still exist (for a
//!   multiple choice, the options still offered are kept and the removed ones reported).
//!
//! Everything else is reported in [`CarryOver::dropped`] with its reason *and the old value*,
//! so the app can show "your earlier answer was …" and nothing typed is ever silently lost.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Answers, FieldKind, FormDefinition};
use crate::i18n::{Lang, tr_args};

/// The result of moving answers to a newer form version.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CarryOver {
    /// The answers that fit the new version (not yet validated against it).
    pub answers: Answers,
    /// The answers (or parts of answers) left behind, with why.
    pub dropped: Vec<DroppedAnswer>,
}

/// One answer (or part of a multiple-choice answer) that the new version cannot hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DroppedAnswer {
    /// The field id in the old version.
    pub field_id: String,
    /// Why it was left behind.
    pub reason: DropReason,
    /// The value left behind (for a multiple choice: only the removed options).
    pub value: Value,
}

/// Why an answer was not carried over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum DropReason {
    /// The new version has no field with this id (removed or renamed).
    FieldRemoved,
    /// The field now asks for another kind of answer.
    KindChanged {
        /// The old kind's name.
        from: String,
        /// The new kind's name.
        to: String,
    },
    /// The chosen option is no longer offered.
    OptionRemoved,
}

impl DroppedAnswer {
    /// A sentence for the person, naming the field by its old label when known.
    pub fn message(&self, old: &FormDefinition, lang: Lang) -> String {
        let label = old
            .field(&self.field_id)
            .map(|f| f.label.resolve(lang))
            .unwrap_or_else(|| self.field_id.clone());
        let key = match self.reason {
            DropReason::FieldRemoved => "form.carry.field_removed",
            DropReason::KindChanged { .. } => "form.carry.kind_changed",
            DropReason::OptionRemoved => "form.carry.option_removed",
        };
        tr_args(lang, key, &[("field", &label)])
    }
}

/// Moves `answers`, made against `old`, to `new`. Pure: the caller keeps the old draft until it
/// has stored the result.
pub fn carry_over(old: &FormDefinition, new: &FormDefinition, answers: &Answers) -> CarryOver {
    let mut out = CarryOver::default();
    for (id, value) in answers {
        // The declaration is ticked again on the new version's check page.
        if id == super::DECLARATION {
            continue;
        }
        let drop = |reason| DroppedAnswer {
            field_id: id.clone(),
            reason,
            value: value.clone(),
        };
        let Some(new_field) = new.field(id) else {
            out.dropped.push(drop(DropReason::FieldRemoved));
            continue;
        };
        // An answer to a field the old version did not have either is judged by the new one.
        let old_kind = old.field(id).map(|f| &f.kind).unwrap_or(&new_field.kind);
        if !compatible(old_kind, &new_field.kind) {
            out.dropped.push(drop(DropReason::KindChanged {
                from: old_kind.name().to_owned(),
                to: new_field.kind.name().to_owned(),
            }));
            continue;
        }
        let FieldKind::Choice { options, .. } = &new_field.kind else {
            out.answers.insert(id.clone(), value.clone());
            continue;
        };
        let offered = |v: &Value| {
            v.as_str()
                .is_some_and(|s| options.iter().any(|o| o.value == s))
        };
        match value {
            Value::Array(items) => {
                let (kept, removed): (Vec<Value>, Vec<Value>) =
                    items.iter().cloned().partition(|v| offered(v));
                if !removed.is_empty() {
                    out.dropped.push(DroppedAnswer {
                        field_id: id.clone(),
                        reason: DropReason::OptionRemoved,
                        value: Value::Array(removed),
                    });
                }
                if !kept.is_empty() {
                    out.answers.insert(id.clone(), Value::Array(kept));
                }
            }
            single if offered(single) || single.is_null() => {
                out.answers.insert(id.clone(), single.clone());
            }
            _ => out.dropped.push(drop(DropReason::OptionRemoved)),
        }
    }
    out
}

fn compatible(old: &FieldKind, new: &FieldKind) -> bool {
    use FieldKind as K;
    let text_like = |k: &FieldKind| matches!(k, K::Text { .. } | K::Multiline { .. } | K::Address);
    match (old, new) {
        (K::Choice { multiple: a, .. }, K::Choice { multiple: b, .. }) => a == b,
        _ if text_like(old) && text_like(new) => true,
        _ => std::mem::discriminant(old) == std::mem::discriminant(new),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn def(version: u32, fields: Value) -> FormDefinition {
        serde_json::from_value(json!({"item_code": "T", "version": version,
            "sections": [{"id": "main", "title": {"zh": "基本信息"}, "fields": fields}]}))
        .unwrap()
    }

    fn answers(value: Value) -> Answers {
        value.as_object().unwrap().clone()
    }

    fn old() -> FormDefinition {
        def(
            1,
            json!([
                {"id": "name", "label": {"zh": "姓名"}, "kind": "text"},
                {"id": "addr", "label": {"zh": "住址"}, "kind": "text"},
                {"id": "phone", "label": {"zh": "电话"}, "kind": "phone"},
                {"id": "type", "label": {"zh": "类型"}, "kind": "choice",
                 "options": [{"value": "a", "label": {"zh": "甲"}}, {"value": "b", "label": {"zh": "乙"}}]},
                {"id": "uses", "label": {"zh": "用途"}, "kind": "choice", "multiple": true,
                 "options": [{"value": "x", "label": {"zh": "X"}}, {"value": "y", "label": {"zh": "Y"}},
                             {"value": "z", "label": {"zh": "Z"}}]},
                {"id": "count", "label": {"zh": "数量"}, "kind": "number"}
            ]),
        )
    }

    fn new() -> FormDefinition {
        def(
            2,
            json!([
                // "name" renamed to "full_name".
                {"id": "full_name", "label": {"zh": "姓名"}, "kind": "text"},
                // text → address: compatible.
                {"id": "addr", "label": {"zh": "住址"}, "kind": "address"},
                {"id": "phone", "label": {"zh": "电话"}, "kind": "phone", "mobile_only": true},
                // option "b" removed.
                {"id": "type", "label": {"zh": "类型"}, "kind": "choice",
                 "options": [{"value": "a", "label": {"zh": "甲"}}, {"value": "c", "label": {"zh": "丙"}}]},
                // option "y" removed.
                {"id": "uses", "label": {"zh": "用途"}, "kind": "choice", "multiple": true,
                 "options": [{"value": "x", "label": {"zh": "X"}}, {"value": "z", "label": {"zh": "Z"}}]},
                // number → date: kind changed.
                {"id": "count", "label": {"zh": "日期"}, "kind": "date"}
            ]),
        )
    }

    #[test]
    fn keeps_what_fits_and_reports_the_rest_with_values() {
        let draft = answers(json!({
            "name": "张三", "addr": "城关镇人民路1号", "phone": "13800138000",
            "type": "b", "uses": ["x", "y"], "count": 3
        }));
        let result = carry_over(&old(), &new(), &draft);
        assert_eq!(
            result.answers,
            answers(json!({"addr": "城关镇人民路1号", "phone": "13800138000", "uses": ["x"]}))
        );
        let find = |id: &str| {
            result
                .dropped
                .iter()
                .filter(|d| d.field_id == id)
                .collect::<Vec<_>>()
        };
        assert_eq!(find("name")[0].reason, DropReason::FieldRemoved);
        assert_eq!(find("name")[0].value, json!("张三"));
        assert_eq!(find("type")[0].reason, DropReason::OptionRemoved);
        assert_eq!(find("type")[0].value, json!("b"));
        assert_eq!(find("uses")[0].value, json!(["y"]));
        assert_eq!(
            find("count")[0].reason,
            DropReason::KindChanged {
                from: "number".into(),
                to: "date".into()
            }
        );
        assert_eq!(result.dropped.len(), 4);
        let message = find("name")[0].message(&old(), Lang::Zh);
        assert!(message.contains("姓名"), "{message}");
    }

    #[test]
    fn same_version_keeps_everything() {
        let draft = answers(json!({"name": "李四", "type": "a", "uses": ["z"]}));
        let result = carry_over(&old(), &old(), &draft);
        assert_eq!(result.answers, draft);
        assert!(result.dropped.is_empty());
    }

    #[test]
    fn single_and_multiple_choice_are_not_compatible() {
        let new = def(
            2,
            json!([{"id": "type", "label": {"zh": "类型"}, "kind": "choice", "multiple": true,
                    "options": [{"value": "a", "label": {"zh": "甲"}}]}]),
        );
        let result = carry_over(&old(), &new, &answers(json!({"type": "a"})));
        assert!(result.answers.is_empty());
        assert!(matches!(
            result.dropped[0].reason,
            DropReason::KindChanged { .. }
        ));
    }
}
