//! Reads a [`FormDefinition`] from a JSON value by hand, for the browser.
//!
//! The derived `Deserialize` of a form (a flattened, internally tagged field kind, untagged
//! labels, tagged conditions) goes through serde's buffering of the whole input, which came to
//! about a sixth of the forms bundle's code. This reader takes the JSON the server writes (the
//! derived `Serialize`) and gives the same definition as the derived `Deserialize` would; the
//! tests hold the two together. The server keeps using serde.

use serde_json::{Map, Value};

use super::{ChoiceOption, Condition, Field, FieldKind, FormDefinition, Label, MediaType, Section};

/// Why a JSON value is not a form definition.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a form definition: {0}")]
pub struct DecodeError(pub String);

type Result<T> = std::result::Result<T, DecodeError>;

fn bad(what: &str) -> DecodeError {
    DecodeError(what.to_owned())
}

fn object<'a>(value: &'a Value, what: &str) -> Result<&'a Map<String, Value>> {
    value.as_object().ok_or_else(|| bad(what))
}

fn string(map: &Map<String, Value>, key: &str) -> Result<String> {
    map.get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| bad(key))
}

/// A present, non-null value (serde's `default` fields treat `null` as absent for options).
fn present<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

fn flag(map: &Map<String, Value>, key: &str) -> Result<bool> {
    match map.get(key) {
        None => Ok(false),
        Some(v) => v.as_bool().ok_or_else(|| bad(key)),
    }
}

fn unsigned(value: &Value, key: &str) -> Result<u64> {
    value.as_u64().ok_or_else(|| bad(key))
}

fn small(value: &Value, key: &str) -> Result<u32> {
    u32::try_from(unsigned(value, key)?).map_err(|_| bad(key))
}

fn optional<T>(
    map: &Map<String, Value>,
    key: &str,
    read: impl Fn(&Value) -> Result<T>,
) -> Result<Option<T>> {
    present(map, key).map(read).transpose()
}

fn list<T>(value: Option<&Value>, key: &str, read: impl Fn(&Value) -> Result<T>) -> Result<Vec<T>> {
    value
        .and_then(Value::as_array)
        .ok_or_else(|| bad(key))?
        .iter()
        .map(read)
        .collect()
}

fn label(value: &Value) -> Result<Label> {
    let map = object(value, "label")?;
    if let Some(key) = map.get("key").and_then(Value::as_str) {
        return Ok(Label::Key {
            key: key.to_owned(),
        });
    }
    Ok(Label::Text {
        zh: string(map, "zh")?,
        en: optional(map, "en", |v| {
            v.as_str().map(str::to_owned).ok_or_else(|| bad("en"))
        })?,
    })
}

fn condition(value: &Value) -> Result<Condition> {
    let map = object(value, "condition")?;
    let field = || string(map, "field");
    Ok(match map.get("op").and_then(Value::as_str) {
        Some("equals") => Condition::Equals {
            field: field()?,
            value: map.get("value").cloned().ok_or_else(|| bad("value"))?,
        },
        Some("in") => Condition::In {
            field: field()?,
            values: list(map.get("values"), "values", |v| Ok(v.clone()))?,
        },
        Some("not_empty") => Condition::NotEmpty { field: field()? },
        Some("and") => Condition::And {
            all: list(map.get("all"), "all", condition)?,
        },
        Some("or") => Condition::Or {
            any: list(map.get("any"), "any", condition)?,
        },
        Some("not") => Condition::Not {
            not: Box::new(condition(map.get("not").ok_or_else(|| bad("not"))?)?),
        },
        _ => return Err(bad("op")),
    })
}

fn date(value: &Value) -> Result<chrono::NaiveDate> {
    value
        .as_str()
        .and_then(crate::ymd::parse)
        .ok_or_else(|| bad("date"))
}

fn kind(map: &Map<String, Value>) -> Result<FieldKind> {
    let max_chars = || optional(map, "max_chars", |v| small(v, "max_chars"));
    Ok(match map.get("kind").and_then(Value::as_str) {
        Some("text") => FieldKind::Text {
            max_chars: max_chars()?,
        },
        Some("multiline") => FieldKind::Multiline {
            max_chars: max_chars()?,
        },
        Some("number") => {
            let number = |v: &Value| v.as_f64().ok_or_else(|| bad("number"));
            FieldKind::Number {
                min: optional(map, "min", number)?,
                max: optional(map, "max", number)?,
                integer: flag(map, "integer")?,
            }
        }
        Some("date") => FieldKind::Date {
            min: optional(map, "min", date)?,
            max: optional(map, "max", date)?,
            not_future: flag(map, "not_future")?,
            not_past: flag(map, "not_past")?,
        },
        Some("choice") => FieldKind::Choice {
            multiple: flag(map, "multiple")?,
            options: list(map.get("options"), "options", |v| {
                let option = object(v, "option")?;
                Ok(ChoiceOption {
                    value: string(option, "value")?,
                    label: label(option.get("label").ok_or_else(|| bad("label"))?)?,
                })
            })?,
        },
        Some("id_number") => FieldKind::IdNumber,
        Some("credit_code") => FieldKind::CreditCode,
        Some("phone") => FieldKind::Phone {
            mobile_only: flag(map, "mobile_only")?,
        },
        Some("address") => FieldKind::Address,
        Some("file") => FieldKind::File {
            accept: list(map.get("accept"), "accept", |v| {
                v.as_str()
                    .and_then(MediaType::from_mime)
                    .ok_or_else(|| bad("accept"))
            })?,
            max_bytes: unsigned(
                map.get("max_bytes").ok_or_else(|| bad("max_bytes"))?,
                "max_bytes",
            )?,
            max_count: small(
                map.get("max_count").ok_or_else(|| bad("max_count"))?,
                "max_count",
            )?,
        },
        _ => return Err(bad("kind")),
    })
}

fn field(value: &Value) -> Result<Field> {
    let map = object(value, "field")?;
    Ok(Field {
        id: string(map, "id")?,
        label: label(map.get("label").ok_or_else(|| bad("label"))?)?,
        help: optional(map, "help", label)?,
        required: flag(map, "required")?,
        show_if: optional(map, "show_if", condition)?,
        autocomplete: optional(map, "autocomplete", |v| {
            v.as_str()
                .map(str::to_owned)
                .ok_or_else(|| bad("autocomplete"))
        })?,
        kind: kind(map)?,
    })
}

fn section(value: &Value) -> Result<Section> {
    let map = object(value, "section")?;
    Ok(Section {
        id: string(map, "id")?,
        title: label(map.get("title").ok_or_else(|| bad("title"))?)?,
        show_if: optional(map, "show_if", condition)?,
        fields: list(map.get("fields"), "fields", field)?,
    })
}

impl FormDefinition {
    /// The definition in `value` (the JSON the server writes), read without serde's derived
    /// `Deserialize` (see the module documentation).
    pub fn from_json_value(value: &Value) -> Result<FormDefinition> {
        let map = object(value, "form")?;
        Ok(FormDefinition {
            item_code: string(map, "item_code")?,
            version: small(map.get("version").ok_or_else(|| bad("version"))?, "version")?,
            sections: list(map.get("sections"), "sections", section)?,
            declaration: optional(map, "declaration", label)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A form using every kind, option and condition.
    fn every_kind() -> Value {
        json!({
            "item_code": "T-1", "version": 3, "extra": "ignored",
            "declaration": {"zh": "本人承诺所填信息真实有效。", "en": "I declare this is true."},
            "sections": [
                {"id": "a", "title": {"key": "form.section.applicant"}, "fields": [
                    {"id": "name", "label": {"zh": "姓名", "en": "Name"}, "required": true,
                     "kind": "text", "max_chars": 50, "autocomplete": "name"},
                    {"id": "bio", "label": {"zh": "简介"}, "help": {"zh": "可选", "en": null},
                     "kind": "multiline"},
                    {"id": "n", "label": {"zh": "人数"}, "kind": "number", "min": 0, "max": 9.5,
                     "integer": true},
                    {"id": "m", "label": {"zh": "金额"}, "kind": "number", "min": null},
                    {"id": "d", "label": {"zh": "日期"}, "kind": "date", "min": "1900-01-01",
                     "max": "2030-12-31", "not_future": true, "not_past": false},
                    {"id": "c", "label": {"zh": "类型"}, "kind": "choice", "multiple": true,
                     "options": [{"value": "x", "label": {"zh": "甲"}},
                                 {"value": "y", "label": {"key": "form.yes"}}]},
                    {"id": "id_no", "label": {"zh": "身份证"}, "kind": "id_number",
                     "show_if": {"op": "equals", "field": "c", "value": "x"}},
                    {"id": "uscc", "label": {"zh": "信用代码"}, "kind": "credit_code",
                     "show_if": {"op": "and", "all": [
                        {"op": "in", "field": "c", "values": ["x", 2, true]},
                        {"op": "not", "not": {"op": "not_empty", "field": "n"}},
                        {"op": "or", "any": []}]}},
                    {"id": "tel", "label": {"zh": "电话"}, "kind": "phone", "mobile_only": true},
                    {"id": "addr", "label": {"zh": "地址"}, "kind": "address", "show_if": null},
                    {"id": "f", "label": {"zh": "材料"}, "kind": "file",
                     "accept": ["image/jpeg", "image/png", "application/pdf"],
                     "max_bytes": 10485760, "max_count": 3}
                ]},
                {"id": "b", "title": {"zh": "其他"}, "show_if": {"op": "not_empty", "field": "n"},
                 "fields": []}
            ]
        })
    }

    #[test]
    fn reads_what_serde_reads() {
        let value = every_kind();
        let by_serde: FormDefinition = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(FormDefinition::from_json_value(&value).unwrap(), by_serde);
        // And what serde writes, back again.
        let written = serde_json::to_value(&by_serde).unwrap();
        assert_eq!(FormDefinition::from_json_value(&written).unwrap(), by_serde);
    }

    #[test]
    fn refuses_what_serde_refuses() {
        let broken = |edit: &dyn Fn(&mut Value)| {
            let mut value = every_kind();
            edit(&mut value);
            assert!(serde_json::from_value::<FormDefinition>(value.clone()).is_err());
            assert!(FormDefinition::from_json_value(&value).is_err(), "{value}");
        };
        broken(&|v| v["version"] = json!(-1));
        broken(&|v| v["version"] = json!("3"));
        broken(&|v| v["sections"][0]["fields"][0]["kind"] = json!("essay"));
        broken(&|v| v["sections"][0]["fields"][0]["required"] = json!("yes"));
        broken(&|v| v["sections"][0]["fields"][4]["min"] = json!("1900/01/01"));
        broken(&|v| v["sections"][0]["fields"][10]["accept"] = json!(["image/gif"]));
        broken(&|v| v["sections"][0]["fields"][10]["max_count"] = json!(null));
        broken(&|v| v["sections"][0]["fields"][6]["show_if"]["op"] = json!("like"));
        broken(&|v| v["sections"][0]["fields"][1]["label"] = json!({"en": "no Chinese"}));
        broken(&|v| v["sections"][1]["fields"] = json!({}));
        broken(&|v| v["sections"][0]["fields"][0]["autocomplete"] = json!(1));
        broken(&|v| v["declaration"] = json!("yes"));
        broken(&|v| *v = json!([]));
    }
}
