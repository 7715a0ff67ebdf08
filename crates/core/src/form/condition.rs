//! `show_if` conditions: when a field or section is shown, as a small tree over other answers.
//!
//! JSON shape (tagged by `op`):
//!
//! ```json
//! {"op": "and", "all": [
//!   {"op": "equals", "field": "applicant_type", "value": "company"},
//!   {"op": "or", "any": [
//!     {"op": "in", "field": "vehicle", "values": ["truck", "van"]},
//!     {"op": "not_empty", "field": "trailer_plate"}]}]}
//! ```
//!
//! A condition reads the *effective* answers (see [`crate::form::validate`]): an answer of a
//! hidden field counts as absent, so hiding cascades — a follow-up question of a hidden
//! question is hidden too. For a multiple-choice answer (an array), `equals` means "contains"
//! and `in` means "contains one of"; numbers compare by value (`1` equals `1.0`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A condition over other answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Condition {
    /// The answer equals `value` (or, for an array answer, contains it).
    Equals {
        /// The field whose answer is read.
        field: String,
        /// The value to compare with.
        value: Value,
    },
    /// The answer is one of `values` (or, for an array answer, contains one of them).
    In {
        /// The field whose answer is read.
        field: String,
        /// The accepted values.
        values: Vec<Value>,
    },
    /// The field has an answer (not null, not blank text, not an empty array).
    NotEmpty {
        /// The field whose answer is read.
        field: String,
    },
    /// Every condition holds (true when empty).
    And {
        /// The conditions.
        all: Vec<Condition>,
    },
    /// At least one condition holds (false when empty).
    Or {
        /// The conditions.
        any: Vec<Condition>,
    },
    /// The condition does not hold.
    Not {
        /// The condition.
        not: Box<Condition>,
    },
}

impl Condition {
    /// Evaluates the condition; `answer(id)` gives the effective answer of a field, `None`
    /// when it has none or is hidden.
    pub fn eval<'a>(&self, answer: &mut dyn FnMut(&str) -> Option<&'a Value>) -> bool {
        match self {
            Condition::Equals { field, value } => answer(field).is_some_and(|a| matches(a, value)),
            Condition::In { field, values } => {
                answer(field).is_some_and(|a| values.iter().any(|v| matches(a, v)))
            }
            Condition::NotEmpty { field } => answer(field).is_some_and(|a| !is_empty(a)),
            Condition::And { all } => all.iter().all(|c| c.eval(answer)),
            Condition::Or { any } => any.iter().any(|c| c.eval(answer)),
            Condition::Not { not } => !not.eval(answer),
        }
    }

    /// The ids of the fields the condition reads.
    pub fn fields(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_fields(&mut out);
        out
    }

    fn collect_fields<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Condition::Equals { field, .. }
            | Condition::In { field, .. }
            | Condition::NotEmpty { field } => out.push(field),
            Condition::And { all: list } | Condition::Or { any: list } => {
                for c in list {
                    c.collect_fields(out);
                }
            }
            Condition::Not { not } => not.collect_fields(out),
        }
    }
}

/// Whether an answer counts as "not given": null, blank text or an empty array.
pub fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

fn matches(answer: &Value, expected: &Value) -> bool {
    match answer {
        Value::Array(items) if !expected.is_array() => items.iter().any(|i| same(i, expected)),
        _ => same(answer, expected),
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => x.trim() == y.trim(),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Map, json};

    fn eval(condition: &Value, answers: &Value) -> bool {
        let condition: Condition = serde_json::from_value(condition.clone()).unwrap();
        let map: Map<String, Value> = answers.as_object().unwrap().clone();
        condition.eval(&mut |id| map.get(id))
    }

    #[test]
    fn leaves() {
        let answers =
            json!({"t": "company", "n": 2, "multi": ["a", "c"], "blank": "  ", "none": null});
        assert!(eval(
            &json!({"op": "equals", "field": "t", "value": "company"}),
            &answers
        ));
        assert!(!eval(
            &json!({"op": "equals", "field": "t", "value": "person"}),
            &answers
        ));
        assert!(eval(
            &json!({"op": "equals", "field": "n", "value": 2.0}),
            &answers
        ));
        assert!(eval(
            &json!({"op": "equals", "field": "multi", "value": "c"}),
            &answers
        ));
        assert!(eval(
            &json!({"op": "in", "field": "t", "values": ["x", "company"]}),
            &answers
        ));
        assert!(eval(
            &json!({"op": "in", "field": "multi", "values": ["z", "a"]}),
            &answers
        ));
        assert!(!eval(
            &json!({"op": "in", "field": "multi", "values": ["z"]}),
            &answers
        ));
        assert!(eval(&json!({"op": "not_empty", "field": "t"}), &answers));
        assert!(!eval(
            &json!({"op": "not_empty", "field": "blank"}),
            &answers
        ));
        assert!(!eval(
            &json!({"op": "not_empty", "field": "none"}),
            &answers
        ));
        assert!(!eval(
            &json!({"op": "not_empty", "field": "missing"}),
            &answers
        ));
        assert!(!eval(
            &json!({"op": "equals", "field": "missing", "value": null}),
            &answers
        ));
    }

    #[test]
    fn nested() {
        let c = json!({"op": "and", "all": [
            {"op": "equals", "field": "type", "value": "company"},
            {"op": "or", "any": [
                {"op": "in", "field": "vehicle", "values": ["truck", "van"]},
                {"op": "and", "all": [
                    {"op": "not_empty", "field": "trailer"},
                    {"op": "not", "not": {"op": "equals", "field": "hazmat", "value": true}}
                ]}
            ]}
        ]});
        assert!(eval(&c, &json!({"type": "company", "vehicle": "van"})));
        assert!(!eval(&c, &json!({"type": "person", "vehicle": "van"})));
        assert!(eval(&c, &json!({"type": "company", "trailer": "豫A12345"})));
        assert!(!eval(
            &c,
            &json!({"type": "company", "trailer": "豫A12345", "hazmat": true})
        ));
        assert!(!eval(&c, &json!({"type": "company"})));
        assert!(eval(&json!({"op": "and", "all": []}), &json!({})));
        assert!(!eval(&json!({"op": "or", "any": []}), &json!({})));
        let parsed: Condition = serde_json::from_value(c).unwrap();
        assert_eq!(parsed.fields(), ["type", "vehicle", "trailer", "hazmat"]);
    }
}
