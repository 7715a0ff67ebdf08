//! The guide editor's answers on the publishing desk (`/staff/publish`): the items a person may
//! edit ([`GuideItems`]), a form definition's check ([`FormCheck`]), its preview
//! ([`FormPreview`]), the preview as the form filler opens it ([`PreviewPage`]) and its
//! publication ([`FormPublished`]).
//!
//! The item being edited (`GET /api/staff/guide/items/{code}`) stays a JSON value on the desk:
//! the editor writes into it field by field and sends it back whole, so that a field this
//! desk does not know survives an edit.

use serde::{Deserialize, Serialize};

/// `GET /api/staff/guide/items`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideItems {
    /// In the guide's order (by department, then item).
    pub items: Vec<GuideItemRow>,
}

/// One line of the editor's item list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideItemRow {
    /// 事项编码.
    pub code: String,
    /// 事项名称.
    pub name: String,
    /// Its department's code.
    #[serde(skip_deserializing)]
    pub department_code: String,
    /// Its department's name.
    pub department_name: String,
    /// The item's revision (not decoded: the editor takes it from the item it reads).
    #[serde(skip_deserializing)]
    pub revision: i64,
    /// Last change, UTC, RFC 3339 (not shown in the list).
    #[serde(skip_deserializing)]
    pub updated_at: String,
    /// The current form's version, if it has one (not shown in the list).
    #[serde(skip_deserializing)]
    pub form_version: Option<i64>,
}

/// `POST …/forms/validate`: whether the definition can be published as `version`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormCheck {
    /// No problem.
    pub ok: bool,
    /// The version it would be published as.
    pub version: u32,
    /// What is wrong, each located.
    pub problems: Vec<FormProblem>,
}

/// One problem of a definition, as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormProblem {
    /// The JSON path (`sections[1].fields[0]`); not shown.
    #[serde(skip_deserializing)]
    pub path: String,
    /// Where, for people: "第2部分「申请人」第1个问题「姓名」（name）".
    pub place: String,
    /// What is wrong.
    pub message: String,
}

impl From<crate::form::editor::Problem> for FormProblem {
    fn from(problem: crate::form::editor::Problem) -> Self {
        FormProblem {
            path: problem.path,
            place: problem.place,
            message: problem.message,
        }
    }
}

/// `POST …/forms/preview`: the definition kept for the preview, and where the form filler
/// shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormPreview {
    /// The preview's key.
    #[serde(skip_deserializing)]
    pub key: String,
    /// `/guide/apply/{code}?draft=preview-{key}`.
    pub url: String,
}

/// `POST …/forms`: the version just published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormPublished {
    /// Its version.
    pub version: u32,
}

/// `GET /api/staff/guide/previews/{key}`: a form checked in the editor, in the shape of `GET
/// /api/services/{code}` as the form filler reads it (the item's name and the form), so that the
/// filler opens a preview as it opens a published form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreviewPage {
    /// The item's name.
    pub service: PreviewItem,
    /// The form as checked.
    pub form: crate::form::FormDefinition,
}

/// The item a preview belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewItem {
    /// Its name.
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::same;
    use serde_json::json;

    /// What the desk decodes: the fields it shows, the rest at their defaults.
    fn decoded<T: serde::de::DeserializeOwned>(wire: serde_json::Value) -> T {
        serde_json::from_value(wire).expect("decodes")
    }

    #[test]
    fn the_item_list_is_sent_whole_and_read_for_what_the_list_shows() {
        let row = GuideItemRow {
            code: "GA-001".into(),
            name: "居民身份证换领".into(),
            department_code: "GA".into(),
            department_name: "县公安局".into(),
            revision: 3,
            updated_at: "2026-12-01T02:00:00Z".into(),
            form_version: Some(2),
        };
        let wire = json!({"items": [{"code": "GA-001", "name": "居民身份证换领",
            "department_code": "GA", "department_name": "县公安局", "revision": 3,
            "updated_at": "2026-12-01T02:00:00Z", "form_version": 2}]});
        let list = GuideItems { items: vec![row] };
        assert_eq!(serde_json::to_value(&list).expect("serializes"), wire);
        let read: GuideItems = decoded(wire);
        assert_eq!(read.items[0].code, "GA-001");
        assert_eq!(read.items[0].department_name, "县公安局");
        assert_eq!(read.items[0].revision, 0, "not decoded");
    }

    #[test]
    fn a_check_a_preview_and_a_publication_read_as_sent() {
        let check = FormCheck {
            ok: false,
            version: 3,
            problems: vec![FormProblem {
                path: "sections[0].fields[1]".into(),
                place: "第1部分「申请人」第2个问题「电话」（phone）".into(),
                message: "选项不能为空".into(),
            }],
        };
        let wire = json!({"ok": false, "version": 3, "problems": [{
            "path": "sections[0].fields[1]",
            "place": "第1部分「申请人」第2个问题「电话」（phone）", "message": "选项不能为空"}]});
        assert_eq!(serde_json::to_value(&check).expect("serializes"), wire);
        let read: FormCheck = decoded(wire);
        assert_eq!(read.problems[0].message, "选项不能为空");
        assert_eq!(read.problems[0].path, "", "not decoded");
        let preview = FormPreview {
            key: "k1".into(),
            url: "/guide/apply/GA-001?draft=preview-k1".into(),
        };
        assert_eq!(
            serde_json::to_value(&preview).expect("serializes"),
            json!({"key": "k1", "url": "/guide/apply/GA-001?draft=preview-k1"})
        );
        same(&FormPublished { version: 4 }, json!({"version": 4}));
    }

    /// The form filler reads a preview as it reads a published item: `service.name`, and the
    /// form by hand ([`crate::form::FormDefinition::from_json_value`]).
    #[test]
    fn a_preview_reads_as_an_item_with_its_form() {
        let form: crate::form::FormDefinition = serde_json::from_value(json!({
            "item_code": "T", "version": 2,
            "sections": [{"id": "main", "title": {"zh": "基本信息"}, "fields": [
                {"id": "name", "label": {"zh": "姓名"}, "kind": "text"}]}]
        }))
        .expect("a form");
        let page = PreviewPage {
            service: PreviewItem {
                name: "建设工程规划许可".into(),
            },
            form: form.clone(),
        };
        let wire = serde_json::to_value(&page).expect("serializes");
        assert_eq!(wire["service"]["name"], "建设工程规划许可");
        let read = crate::form::FormDefinition::from_json_value(&wire["form"]).expect("reads");
        assert_eq!(read, form);
    }
}
