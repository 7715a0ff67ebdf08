//! The window desk's answers: the work queue (`GET /api/staff/queue`, a [`Queue`]), a case in
//! full (`GET /api/staff/cases/{no}` and the answers to its actions and its parts' decisions, a
//! [`CaseDetail`]), 电子监察 (`GET /api/staff/overdue`, an [`Overdue`]) and the follow-ups of bad
//! ratings (`GET /api/staff/followups`, [`Followups`]).
//!
//! The window desk's bundle is within bytes of its budget, so these types decode only what the
//! desk shows: fields it never reads are `skip_deserializing` (the server still sends them),
//! dates stay text (no date parser in the wasm), and what the desk shows as it comes (the
//! clock, the answers as sections, the materials, the history in words) is a type parameter:
//! the server's value there, the desk's JSON value.

use serde::{Deserialize, Serialize};

use crate::case::{CaseType, Event, EventKind, PartState};
use crate::wire::cases::{Named, SupplementView};

/// One department's part of a 联办件, as the queue and the detail carry it: the core part
/// (`department`, `state`, `deadline`, `default_consent`, `settled_on`) with its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskPart {
    /// The department's code.
    pub department: String,
    /// Where it stands (`{"state", "reason"?}`).
    pub state: PartState,
    /// The last day to answer (`YYYY-MM-DD`).
    pub deadline: String,
    /// Absence from the joint meeting, or silence past the deadline, counts as consent
    /// (超时默认 / 缺席默认) for this item.
    pub default_consent: bool,
    /// The day it settled (`YYYY-MM-DD`). Not read by the desk.
    #[serde(skip_deserializing)]
    pub settled_on: Option<String>,
    /// The department's name (its code when the server has none).
    pub department_name: String,
    /// The state, worded. Not read by the desk, which words `state` itself.
    #[serde(skip_deserializing)]
    pub state_label: String,
    /// The deadline was counted over a year whose holidays are not published yet.
    pub provisional: bool,
}

/// One row of the work queue, and the head of a case's detail. `C` is the case's clock (the
/// core's `Option<ClockStatus>` on the server, `{"status", …}` or `null`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueRow<C> {
    /// 办件编号.
    pub case_no: String,
    /// The service item.
    pub item: Named,
    /// The case type. Not read by the desk.
    #[serde(skip_deserializing)]
    pub case_type: Option<CaseType>,
    /// The department in charge (its code).
    pub department: String,
    /// Its name (its code when the server has none).
    pub department_name: String,
    /// The applicant's name, masked (张*三); `null` when the answers name no one.
    pub applicant: Option<String>,
    /// The state's code.
    pub state: String,
    /// The state, worded.
    pub state_label: String,
    /// When the server recorded the submission (UTC, RFC 3339).
    pub received_at: String,
    /// The deadline (`YYYY-MM-DD`) while the clock runs or is overdue.
    pub due: Option<String>,
    /// `due` was counted over a year whose holidays are not published yet.
    pub due_provisional: bool,
    /// Working days left while the clock runs.
    pub working_days_left: Option<u32>,
    /// `overdue` or `due_soon` (at most 2 working days left), else `null`.
    pub marker: Option<String>,
    /// The time limit's clock.
    pub clock: C,
    /// A 联办件's parts (`null` for other cases).
    pub parts: Option<Vec<DeskPart>>,
}

/// What the queue's filters offer: the items and departments the desk covers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QueueFilters {
    /// Service items.
    pub items: Vec<Named>,
    /// Departments.
    pub departments: Vec<Named>,
}

/// A page of the work queue. `F` is what the filters offer: [`QueueFilters`] on the server;
/// the window desk reads it as JSON (decoding the type would cost its bundle ~0.5 KB with
/// [`ProbableDuplicate`], which it does not have).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Queue<C, F = QueueFilters> {
    /// The page's rows.
    pub items: Vec<QueueRow<C>>,
    /// 1-based page.
    pub page: usize,
    /// Rows per page.
    pub per_page: usize,
    /// Rows over all pages.
    pub total: usize,
    /// What the filters offer.
    pub filters: F,
}

/// A file of the case's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The form field it answers.
    pub field_id: String,
    /// Its upload id. Not read by the desk, which links to `url`.
    #[serde(skip_deserializing)]
    pub upload_id: String,
    /// Its original name.
    pub name: String,
    /// Its media type.
    pub media_type: String,
    /// Its size in bytes.
    pub size: u64,
    /// Where the desk reads it. Not read by the desk, which links the sections' files.
    #[serde(skip_deserializing)]
    pub url: String,
    /// Whether the server holds its bytes.
    pub stored: bool,
}

/// One row of a case's audit trail (`case_actions`), for 电子监察 and tests; `V` is its detail
/// (a JSON object). Not read by the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditAction<V> {
    /// When (UTC).
    pub at: String,
    /// What.
    pub action: String,
    /// Who (a staff id), `null` for the system.
    pub staff_id: Option<i64>,
    /// Their department.
    pub department: Option<String>,
    /// The details (reason, decision…).
    pub detail: V,
}

/// An earlier case that a case probably duplicates (the same item and answers within 30
/// days): flagged on the desk, never refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbableDuplicate {
    /// The earlier case's 办件编号.
    pub case_no: String,
    /// When the server recorded it (UTC).
    pub received_at: String,
}

/// One section of a case's answers in words, as the submitted form version lays it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelledSection {
    /// The section's id in the form.
    pub id: String,
    /// Its title in the request's language.
    pub title: String,
    /// Its visible fields, in the form's order.
    pub fields: Vec<LabelledField>,
}

/// One answer in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelledField {
    /// The field's id.
    pub id: String,
    /// Its label in the request's language.
    pub label: String,
    /// Its kind's name (`text`, `choice`, `file`…).
    pub kind: String,
    /// The answer as text: choices by their labels, files by their names.
    pub text: String,
    /// A file field's files (absent for other kinds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<FieldFile>>,
}

/// A file of an answer, with its link on the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldFile {
    /// The name on the applicant's device.
    pub name: String,
    /// `/api/staff/cases/{case_no}/files/{upload_id}`.
    pub url: String,
    /// Its media type.
    pub media_type: String,
    /// Bytes.
    pub size: u64,
    /// Whether its bytes are in the file store.
    pub stored: bool,
}

/// One line of an item's materials checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialLine {
    /// The material's name.
    pub name: String,
    /// Its form (原件, 复印件…) in the request's language.
    pub form: String,
    /// Copies asked.
    pub count: u32,
    /// Whether it is required.
    pub required: bool,
    /// The guide's note.
    pub note: Option<String>,
    /// `received` (files uploaded), `missing` (uploadable, none uploaded) or `at_window`.
    pub status: String,
    /// The status in words.
    pub status_label: String,
    /// Files uploaded for it.
    pub files: u64,
}

/// One row of a case's history in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineRow {
    /// When (RFC 3339).
    pub at: String,
    /// The action's code (`submit`, `accept`…).
    pub action: String,
    /// What was done, in words.
    pub label: String,
    /// Who: a person's name, 申请人 or 系统.
    pub actor: String,
    /// The 联办 department concerned, by name.
    pub department: Option<String>,
    /// The detail in words: a reason, the missing list, a result.
    pub note: Option<String>,
}

/// A case as the desk sees it: its queue row, its answers in words, its files, its materials
/// and history, and the moves its state allows. `C` is the clock ([`QueueRow`]); `V` what the
/// desk shows as it comes (the answers, the sections of labelled answers as
/// [`LabelledSection`]s, the materials as [`MaterialLine`]s, the history in words as
/// [`TimelineRow`]s, an audit row's detail): JSON values on both sides, the server's built
/// from these types, the desk's read by their names (`staff::case`, whose native test reads
/// them serialized). `P` is the probable duplicate (read as JSON by the
/// desk, see [`Queue`]); `H` a core event and `S` a 补正's request, which the desk does not
/// decode and instantiates as `()`, so that its bundle carries no code to clone or drop them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
// The events and the 补正 read as empty whatever their types: no `Default` asked of them.
#[serde(
    bound(deserialize = "C: Deserialize<'de>, V: Deserialize<'de> + Default, \
                             P: Deserialize<'de>")
)]
pub struct CaseDetail<C, V, P = ProbableDuplicate, H = Event, S = SupplementView> {
    /// The queue's row.
    #[serde(flatten)]
    pub summary: QueueRow<C>,
    /// The form version the answers were validated against. Not read by the desk.
    #[serde(skip_deserializing)]
    pub form_version: u32,
    /// The answers as sent. Not read by the desk, which shows `sections`.
    #[serde(skip_deserializing)]
    pub answers: V,
    /// The answers as the submitted form version's sections and labelled fields.
    pub sections: V,
    /// The answers' files.
    pub attachments: Vec<Attachment>,
    /// The item's checklist of materials: received, missing or at the window.
    pub materials: V,
    /// Every action in words, oldest first.
    pub timeline: V,
    /// The core's events. Not read by the desk.
    #[serde(skip_deserializing)]
    pub history: Vec<H>,
    /// The audit trail. Not read by the desk.
    #[serde(skip_deserializing)]
    pub actions: Vec<AuditAction<V>>,
    /// What a 补正 asks for. Not read by the desk, which shows the history.
    #[serde(skip_deserializing)]
    pub supplement: Option<S>,
    /// An earlier case this one probably duplicates.
    pub probable_duplicate_of: Option<P>,
    /// The moves the case's state allows.
    pub next_events: Vec<EventKind>,
}

/// 电子监察: what is past its deadline, by department (or agency, for 依申请公开).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overdue {
    /// When the server answered (RFC 3339, UTC, milliseconds). Not read by the desk.
    #[serde(skip_deserializing)]
    pub as_of: String,
    /// The departments with something overdue.
    pub departments: Vec<OverdueDepartment>,
}

/// One department's overdue cases and parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueDepartment {
    /// The department (or agency).
    pub department: Named,
    /// What it has overdue.
    pub items: Vec<OverdueItem>,
}

/// A case, a 联办件's part or a 依申请公开 request past its deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueItem {
    /// `case`, `part` or `disclosure`.
    pub kind: String,
    /// 办件编号.
    pub case_no: String,
    /// The service item (a disclosure request: `YSQGK`, 依申请公开).
    pub item: Named,
    /// Where it stands. Not read by the desk.
    #[serde(skip_deserializing)]
    pub state: OverdueState,
    /// The deadline (`YYYY-MM-DD`).
    pub due: String,
    /// Working days past it.
    pub working_days_overdue: i64,
    /// `due` was counted over a year whose holidays are not published yet.
    pub provisional: bool,
}

/// An overdue item's state: a case's state code (a disclosure request: `running`) or a part's
/// state. Sent bare (a text or the part's `{"state", "reason"?}`), never decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum OverdueState {
    /// A case's or a request's state code.
    Case(String),
    /// A part's state.
    Part(PartState),
}

impl Default for OverdueState {
    /// What the desk holds in place of the state it does not decode.
    fn default() -> Self {
        OverdueState::Case(String::new())
    }
}

/// A bad rating's follow-up, as the department that must answer it sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Followup {
    /// Its id.
    pub id: i64,
    /// The case.
    pub case_no: String,
    /// The department that must answer.
    pub department: String,
    /// The rating's code (`dissatisfied`, `very_dissatisfied`).
    pub level: String,
    /// The rating, worded.
    pub level_label: String,
    /// The citizen's comment.
    pub comment: String,
    /// The last day to answer (`YYYY-MM-DD`).
    pub due_date: String,
    /// The answer, once given.
    pub reply: Option<String>,
    /// When it was answered (UTC).
    pub replied_at: Option<String>,
    /// When it was opened (UTC).
    pub created_at: String,
}

/// The follow-ups a desk answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Followups {
    /// Oldest due first.
    pub items: Vec<Followup>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Actor, ClockStatus, DeemedReason};
    use serde::de::DeserializeOwned;
    use serde_json::{Value, json};

    /// `value` is sent as `wire`; the desk reads `wire` as `read` (`value` without the fields
    /// it does not decode).
    fn sent_and_read<T>(value: &T, wire: Value, read: &T)
    where
        T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        assert_eq!(serde_json::to_value(value).expect("serializes"), wire);
        let back: T = serde_json::from_value(wire).expect("decodes");
        assert_eq!(&back, read);
    }

    fn named(code: &str, name: &str) -> Named {
        Named {
            code: code.into(),
            name: name.into(),
        }
    }

    fn part() -> DeskPart {
        DeskPart {
            department: "ZJ".into(),
            state: PartState::DeemedConsent(DeemedReason::Absence),
            deadline: "2026-03-09".into(),
            default_consent: true,
            settled_on: Some("2026-03-05".into()),
            department_name: "县住建局".into(),
            state_label: "缺席默认同意".into(),
            provisional: false,
        }
    }

    fn row() -> QueueRow<Option<ClockStatus>> {
        QueueRow {
            case_no: "20260302-JT-000001".into(),
            item: named("JT-001", "道路运输证"),
            case_type: Some(CaseType::Joint),
            department: "JT".into(),
            department_name: "县交通运输局".into(),
            applicant: Some("张*".into()),
            state: "in_progress".into(),
            state_label: "办理中".into(),
            received_at: "2026-03-02T01:00:00.000Z".into(),
            due: Some("2026-03-30".into()),
            due_provisional: false,
            working_days_left: Some(2),
            marker: Some("due_soon".into()),
            clock: Some(ClockStatus::Running {
                due: "2026-03-30".parse().expect("a date"),
                working_days_left: 2,
                provisional: false,
            }),
            parts: Some(vec![part()]),
        }
    }

    fn row_wire() -> Value {
        json!({
            "case_no": "20260302-JT-000001", "item": {"code": "JT-001", "name": "道路运输证"},
            "case_type": "joint", "department": "JT", "department_name": "县交通运输局",
            "applicant": "张*", "state": "in_progress", "state_label": "办理中",
            "received_at": "2026-03-02T01:00:00.000Z", "due": "2026-03-30",
            "due_provisional": false, "working_days_left": 2, "marker": "due_soon",
            "clock": {"status": "running", "due": "2026-03-30", "working_days_left": 2,
                      "provisional": false},
            "parts": [{"department": "ZJ",
                       "state": {"state": "deemed_consent", "reason": "absence"},
                       "deadline": "2026-03-09", "default_consent": true,
                       "settled_on": "2026-03-05", "department_name": "县住建局",
                       "state_label": "缺席默认同意", "provisional": false}]})
    }

    /// What the desk reads of [`row`]: the clock as JSON, not the part's words.
    fn row_read() -> QueueRow<Value> {
        let row = row();
        QueueRow {
            case_type: None,
            clock: row_wire()["clock"].clone(),
            parts: Some(vec![DeskPart {
                settled_on: None,
                state_label: String::new(),
                ..part()
            }]),
            case_no: row.case_no,
            item: row.item,
            department: row.department,
            department_name: row.department_name,
            applicant: row.applicant,
            state: row.state,
            state_label: row.state_label,
            received_at: row.received_at,
            due: row.due,
            due_provisional: row.due_provisional,
            working_days_left: row.working_days_left,
            marker: row.marker,
        }
    }

    #[test]
    fn a_queue_is_what_the_server_sent() {
        let queue = Queue {
            items: vec![row()],
            page: 1,
            per_page: 50,
            total: 1,
            filters: QueueFilters {
                items: vec![named("JT-001", "道路运输证")],
                departments: vec![named("JT", "县交通运输局")],
            },
        };
        let wire = json!({
            "items": [row_wire()], "page": 1, "per_page": 50, "total": 1,
            "filters": {"items": [{"code": "JT-001", "name": "道路运输证"}],
                        "departments": [{"code": "JT", "name": "县交通运输局"}]}});
        assert_eq!(serde_json::to_value(&queue).expect("serializes"), wire);
        let desk: Queue<Value, Value> = serde_json::from_value(wire.clone()).expect("decodes");
        assert_eq!(desk.filters, wire["filters"]);
        let back: Queue<Value> = serde_json::from_value(wire).expect("decodes");
        assert_eq!(back.items, vec![row_read()]);
        assert_eq!(back.filters, queue.filters);
        assert_eq!((back.page, back.per_page, back.total), (1, 50, 1));
    }

    #[test]
    fn a_plain_case_has_no_clock_marker_or_parts() {
        let row = QueueRow::<Option<ClockStatus>> {
            case_type: Some(CaseType::Immediate),
            applicant: None,
            state: "concluded".into(),
            state_label: "已办结".into(),
            due: None,
            working_days_left: None,
            marker: None,
            clock: None,
            parts: None,
            ..row()
        };
        let wire = serde_json::to_value(&row).expect("serializes");
        for field in [
            "applicant",
            "due",
            "working_days_left",
            "marker",
            "clock",
            "parts",
        ] {
            assert_eq!(wire[field], Value::Null, "{field}");
        }
        assert_eq!(wire["case_type"], json!("immediate"));
        let back: QueueRow<Value> = serde_json::from_value(wire).expect("decodes");
        assert_eq!(back.clock, Value::Null);
        assert_eq!(back.parts, None);
    }

    #[test]
    fn a_case_in_full_is_what_the_server_sent() {
        let sections = json!([{"id": "applicant", "title": "申请人",
                               "fields": [{"id": "name", "label": "姓名", "kind": "text",
                                           "text": "张三"}]}]);
        let materials = json!([{"name": "身份证", "form": "原件", "count": 1,
                                "required": true, "note": null, "status": "received",
                                "status_label": "已收", "files": 1}]);
        let timeline = json!([{"at": "2026-03-02T09:00:00+08:00", "action": "submit",
                               "label": "提交申请", "actor": "申请人", "department": null,
                               "note": null}]);
        let detail = CaseDetail {
            summary: row(),
            form_version: 2,
            answers: json!({"name": "张三"}),
            sections: sections.clone(),
            attachments: vec![Attachment {
                field_id: "material_1".into(),
                upload_id: "u1".into(),
                name: "id.pdf".into(),
                media_type: "application/pdf".into(),
                size: 1024,
                url: "/api/staff/cases/20260302-JT-000001/files/u1".into(),
                stored: true,
            }],
            materials: materials.clone(),
            timeline: timeline.clone(),
            history: vec![Event {
                kind: EventKind::Submit,
                actor: Actor::Applicant,
                at: "2026-03-02T09:00:00".parse().expect("a time"),
                note: None,
            }],
            actions: vec![AuditAction {
                at: "2026-03-02T02:00:00.000Z".into(),
                action: "pass_prereview".into(),
                staff_id: Some(3),
                department: Some("JT".into()),
                detail: json!({}),
            }],
            supplement: Some(SupplementView {
                missing: vec!["身份证".into()],
                note: "请补交".into(),
                reply_by: None,
            }),
            probable_duplicate_of: Some(ProbableDuplicate {
                case_no: "20260301-JT-000009".into(),
                received_at: "2026-03-01T01:00:00.000Z".into(),
            }),
            next_events: vec![EventKind::Approve, EventKind::Deny],
        };
        let mut wire = row_wire();
        let extra = json!({
            "form_version": 2, "answers": {"name": "张三"}, "sections": sections,
            "attachments": [{"field_id": "material_1", "upload_id": "u1", "name": "id.pdf",
                             "media_type": "application/pdf", "size": 1024,
                             "url": "/api/staff/cases/20260302-JT-000001/files/u1",
                             "stored": true}],
            "materials": materials, "timeline": timeline,
            "history": [{"kind": "submit", "actor": {"role": "applicant"},
                         "at": "2026-03-02T09:00:00"}],
            "actions": [{"at": "2026-03-02T02:00:00.000Z", "action": "pass_prereview",
                         "staff_id": 3, "department": "JT", "detail": {}}],
            "supplement": {"missing": ["身份证"], "note": "请补交"},
            "probable_duplicate_of": {"case_no": "20260301-JT-000009",
                                      "received_at": "2026-03-01T01:00:00.000Z"},
            "next_events": ["approve", "deny"]});
        if let (Value::Object(map), Value::Object(extra)) = (&mut wire, extra) {
            map.extend(extra);
        }
        let read = CaseDetail {
            summary: row_read(),
            form_version: 0,
            answers: Value::Null,
            sections,
            attachments: vec![Attachment {
                upload_id: String::new(),
                url: String::new(),
                ..detail.attachments[0].clone()
            }],
            materials,
            timeline,
            history: Vec::new(),
            actions: Vec::new(),
            supplement: None,
            probable_duplicate_of: detail.probable_duplicate_of.clone(),
            next_events: detail.next_events.clone(),
        };
        assert_eq!(serde_json::to_value(&detail).expect("serializes"), wire);
        // As the window desk reads it: the duplicate as JSON, no events, no 补正.
        let desk: CaseDetail<Value, Value, Value, (), ()> =
            serde_json::from_value(wire.clone()).expect("decodes");
        assert_eq!(
            desk.probable_duplicate_of,
            Some(wire["probable_duplicate_of"].clone())
        );
        assert_eq!(desk.summary, read.summary);
        let back: CaseDetail<Value, Value> = serde_json::from_value(wire).expect("decodes");
        assert_eq!(back, read);
        // No supplement asked, no earlier case: both `null`.
        let plain = CaseDetail {
            supplement: None,
            probable_duplicate_of: None,
            ..detail
        };
        let wire = serde_json::to_value(&plain).expect("serializes");
        assert_eq!(wire["supplement"], Value::Null);
        assert_eq!(wire["probable_duplicate_of"], Value::Null);
    }

    #[test]
    fn the_overdue_list_is_what_the_server_sent() {
        let item = |kind: &str, state: OverdueState| OverdueItem {
            kind: kind.into(),
            case_no: "20260302-JT-000001".into(),
            item: named("JT-001", "道路运输证"),
            state,
            due: "2026-03-30".into(),
            working_days_overdue: 3,
            provisional: false,
        };
        let overdue = Overdue {
            as_of: "2026-04-03T01:00:00.000Z".into(),
            departments: vec![OverdueDepartment {
                department: named("JT", "县交通运输局"),
                items: vec![
                    item("case", OverdueState::Case("in_progress".into())),
                    item("part", OverdueState::Part(PartState::Pending)),
                    OverdueItem {
                        item: named("YSQGK", "依申请公开"),
                        ..item("disclosure", OverdueState::Case("running".into()))
                    },
                ],
            }],
        };
        let one = |kind: &str, state: Value, item: Value| {
            json!({"kind": kind, "case_no": "20260302-JT-000001", "item": item,
                   "state": state, "due": "2026-03-30", "working_days_overdue": 3,
                   "provisional": false})
        };
        let jt = json!({"code": "JT-001", "name": "道路运输证"});
        let wire = json!({
            "as_of": "2026-04-03T01:00:00.000Z",
            "departments": [{"department": {"code": "JT", "name": "县交通运输局"},
                             "items": [one("case", json!("in_progress"), jt.clone()),
                                       one("part", json!({"state": "pending"}), jt),
                                       one("disclosure", json!("running"),
                                           json!({"code": "YSQGK", "name": "依申请公开"}))]}]});
        let mut read = overdue.clone();
        read.as_of = String::new();
        for item in &mut read.departments[0].items {
            item.state = OverdueState::default();
        }
        sent_and_read(&overdue, wire, &read);
    }

    #[test]
    fn the_followups_are_what_the_server_sent() {
        let followups = Followups {
            items: vec![Followup {
                id: 7,
                case_no: "20260302-JT-000001".into(),
                department: "JT".into(),
                level: "very_dissatisfied".into(),
                level_label: "非常不满意".into(),
                comment: "等太久".into(),
                due_date: "2026-03-09".into(),
                reply: None,
                replied_at: None,
                created_at: "2026-03-02T01:00:00.000Z".into(),
            }],
        };
        let wire = json!({"items": [{
            "id": 7, "case_no": "20260302-JT-000001", "department": "JT",
            "level": "very_dissatisfied", "level_label": "非常不满意", "comment": "等太久",
            "due_date": "2026-03-09", "reply": null, "replied_at": null,
            "created_at": "2026-03-02T01:00:00.000Z"}]});
        sent_and_read(&followups, wire, &followups);
    }

    #[test]
    fn a_case_in_words_is_what_the_server_sent() {
        let section = LabelledSection {
            id: "main".into(),
            title: "基本信息".into(),
            fields: vec![
                LabelledField {
                    id: "name".into(),
                    label: "姓名".into(),
                    kind: "text".into(),
                    text: "张三".into(),
                    files: None,
                },
                LabelledField {
                    id: "id_card".into(),
                    label: "身份证".into(),
                    kind: "file".into(),
                    text: "id.jpg".into(),
                    files: Some(vec![FieldFile {
                        name: "id.jpg".into(),
                        url: "/api/staff/cases/ZJ1/files/ab".into(),
                        media_type: "image/jpeg".into(),
                        size: 10,
                        stored: true,
                    }]),
                },
            ],
        };
        let same = |value: serde_json::Value, wire: serde_json::Value| assert_eq!(value, wire);
        same(
            serde_json::to_value(&section).expect("serializes"),
            json!({"id": "main", "title": "基本信息", "fields": [
                {"id": "name", "label": "姓名", "kind": "text", "text": "张三"},
                {"id": "id_card", "label": "身份证", "kind": "file", "text": "id.jpg",
                 "files": [{"name": "id.jpg", "url": "/api/staff/cases/ZJ1/files/ab",
                            "media_type": "image/jpeg", "size": 10, "stored": true}]}
            ]}),
        );
        same(
            serde_json::to_value(MaterialLine {
                name: "身份证".into(),
                form: "原件".into(),
                count: 1,
                required: true,
                note: None,
                status: "received".into(),
                status_label: "已上传".into(),
                files: 1,
            })
            .expect("serializes"),
            json!({"name": "身份证", "form": "原件", "count": 1, "required": true, "note": null,
                   "status": "received", "status_label": "已上传", "files": 1}),
        );
        same(
            serde_json::to_value(TimelineRow {
                at: "2026-03-02T09:00:00+08:00".into(),
                action: "submit".into(),
                label: "提交申请".into(),
                actor: "申请人".into(),
                department: None,
                note: None,
            })
            .expect("serializes"),
            json!({"at": "2026-03-02T09:00:00+08:00", "action": "submit", "label": "提交申请",
                   "actor": "申请人", "department": null, "note": null}),
        );
    }
}
