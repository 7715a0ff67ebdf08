//! Where the form's buttons lead, decided without the page: the step after 下一步 (or the
//! problems that keep the person where they are), the step before 上一步, and a choice's new
//! answer. `form.rs` applies the decisions to the page; here they are plain functions, tested
//! natively (`cargo test -p guichet-app --lib`).

use guichet_core::form::FormDefinition;
use serde_json::Value;

use super::CHECK;

/// What 下一步 on a step does.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Continue {
    /// Stay: these problems (field id, message) are on this step.
    Stay(Vec<(String, String)>),
    /// Open this step (or the check page, [`CHECK`]).
    Go(String),
}

/// 下一步 on `section`, given every problem of the answers as they stand (`problems`: field id,
/// message, in the form's order) and the visible steps in order. A step with a problem keeps
/// the person on it, with its own problems only. Otherwise the next step; but on the way back
/// to the check page (`returning`: the step was opened from its 修改), the first step that now
/// has a problem (a changed answer may have shown a question still to answer), or the check
/// page.
pub(super) fn after(
    definition: &FormDefinition,
    problems: Vec<(String, String)>,
    steps: &[String],
    section: &str,
    returning: bool,
) -> Continue {
    let has_problem = |step: &str| {
        definition
            .sections
            .iter()
            .filter(|s| s.id == step)
            .flat_map(|s| s.fields.iter())
            .any(|f| problems.iter().any(|(id, _)| *id == f.id))
    };
    if has_problem(section) {
        let here: Vec<&str> = definition
            .sections
            .iter()
            .filter(|s| s.id == section)
            .flat_map(|s| s.fields.iter().map(|f| f.id.as_str()))
            .collect();
        return Continue::Stay(
            problems
                .into_iter()
                .filter(|(id, _)| here.contains(&id.as_str()))
                .collect(),
        );
    }
    let next = if returning {
        steps.iter().find(|s| has_problem(s))
    } else {
        steps
            .iter()
            .position(|s| s == section)
            .and_then(|i| steps.get(i + 1))
    };
    Continue::Go(next.cloned().unwrap_or_else(|| CHECK.into()))
}

/// The step before `section` (上一步), if there is one.
pub(super) fn before<'a>(steps: &'a [String], section: &str) -> Option<&'a String> {
    steps
        .iter()
        .position(|s| s == section)
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| steps.get(i))
}

/// The answer after option `value` of a choice is ticked (`on`) or unticked, given the answer
/// now (`current`); `None` when it stays as it is (a single choice is never unticked: another
/// option is chosen instead). A multiple choice keeps the order in which options were ticked,
/// each once.
pub(super) fn chosen(
    current: Option<&Value>,
    value: &str,
    multiple: bool,
    on: bool,
) -> Option<Value> {
    if multiple {
        let mut items = match current {
            Some(Value::Array(items)) => items.clone(),
            _ => Vec::new(),
        };
        items.retain(|x| x.as_str() != Some(value));
        if on {
            items.push(Value::String(value.to_owned()));
        }
        Some(Value::Array(items))
    } else {
        on.then(|| Value::String(value.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Three steps: who (name, id_no), where (address; a company's licence only for a company),
    /// files (photo).
    fn form() -> FormDefinition {
        let field =
            |id: &str| json!({"id": id, "label": {"zh": id}, "kind": "text", "required": true});
        FormDefinition::from_json_value(&json!({
            "item_code": "GA-001", "version": 1,
            "sections": [
                {"id": "who", "title": {"zh": "申请人"}, "fields": [field("name"), field("id_no")]},
                {"id": "where", "title": {"zh": "地址"}, "fields": [field("address"), field("licence")]},
                {"id": "files", "title": {"zh": "材料"}, "fields": [field("photo")]},
            ]
        }))
        .expect("a valid form")
    }

    fn steps() -> Vec<String> {
        ["who", "where", "files"].map(String::from).to_vec()
    }

    fn problem(id: &str) -> (String, String) {
        (id.to_owned(), format!("请填写{id}"))
    }

    fn go(step: &str) -> Continue {
        Continue::Go(step.to_owned())
    }

    #[test]
    fn a_step_without_problems_leads_to_the_next_and_the_last_to_the_check_page() {
        let later = vec![problem("address"), problem("photo")];
        assert_eq!(
            after(&form(), later.clone(), &steps(), "who", false),
            go("where")
        );
        assert_eq!(
            after(&form(), Vec::new(), &steps(), "files", false),
            go(CHECK)
        );
    }

    #[test]
    fn a_step_with_problems_keeps_the_person_there_with_its_own_problems_only() {
        let all = vec![problem("id_no"), problem("address"), problem("photo")];
        assert_eq!(
            after(&form(), all, &steps(), "where", false),
            Continue::Stay(vec![problem("address")])
        );
    }

    #[test]
    fn on_the_way_back_to_the_check_page_a_step_that_now_needs_an_answer_comes_first() {
        // 修改 on "who" showed a question on "files" (say, a photo for a new ID number).
        assert_eq!(
            after(&form(), vec![problem("photo")], &steps(), "who", true),
            go("files")
        );
        assert_eq!(after(&form(), Vec::new(), &steps(), "who", true), go(CHECK));
    }

    #[test]
    fn a_hidden_step_is_skipped_because_it_is_not_among_the_steps() {
        let visible = ["who", "files"].map(String::from).to_vec();
        assert_eq!(
            after(&form(), Vec::new(), &visible, "who", false),
            go("files")
        );
        assert_eq!(before(&visible, "files"), Some(&"who".to_owned()));
    }

    #[test]
    fn the_first_step_has_none_before_it_and_an_unknown_one_neither() {
        assert_eq!(before(&steps(), "who"), None);
        assert_eq!(before(&steps(), "where"), Some(&"who".to_owned()));
        assert_eq!(before(&steps(), "gone"), None);
    }

    #[test]
    fn a_multiple_choice_keeps_each_option_once_in_the_order_ticked() {
        let ticked = chosen(None, "b", true, true);
        assert_eq!(ticked, Some(json!(["b"])));
        let ticked = chosen(ticked.as_ref(), "a", true, true);
        assert_eq!(ticked, Some(json!(["b", "a"])));
        // Ticked twice (a repeated event): still once.
        assert_eq!(
            chosen(ticked.as_ref(), "a", true, true),
            Some(json!(["b", "a"]))
        );
        assert_eq!(
            chosen(ticked.as_ref(), "b", true, false),
            Some(json!(["a"]))
        );
        // A non-list answer (from an older form version) starts a fresh list.
        assert_eq!(
            chosen(Some(&json!("a")), "c", true, true),
            Some(json!(["c"]))
        );
    }

    #[test]
    fn a_single_choice_takes_the_option_ticked_and_ignores_an_untick() {
        assert_eq!(
            chosen(Some(&json!("a")), "b", false, true),
            Some(json!("b"))
        );
        assert_eq!(chosen(Some(&json!("a")), "a", false, false), None);
    }
}
