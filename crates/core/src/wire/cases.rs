//! The citizen's case answers: `POST /api/submissions` (a [`Receipt`]), `POST
//! /api/cases/lookup` (a [`CaseView`]), `POST /api/cases/{no}/supplement` (a
//! [`SupplementReceipt`]), `POST /api/cases/{no}/evaluation` (an [`EvaluationReceipt`]) and a
//! complaint's filing and lookup (`POST /api/complaints`, `POST /api/complaints/lookup`: a
//! [`Complaint`]).
//!
//! The app keeps some of them in IndexedDB (a followed case's last view, receipts): fields added
//! since are `default`, so records kept before still read.
//!
//! Where the answer carries the person's own values (a case's answers, a disclosure receipt's
//! dates), the type is generic over them: the server holds JSON values, the app the browser's
//! own value, passed through without decoding code.

use serde::{Deserialize, Serialize};

use crate::case::{CaseType, ClockStatus, PartState};
use crate::evaluation::Rating;

/// The answer to a submission (`201`, or `200` with `Idempotent-Replayed: true`), stored by the
/// server for replays. `D` is a disclosure request's dates ([`ReceiptDates`] on the server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt<D = ReceiptDates> {
    /// The case number, e.g. `20261127-JT-000123`.
    pub case_no: String,
    /// The query code to follow the case; `None` (`null`) on a replay after the replay window.
    pub query_code: Option<String>,
    /// The service item.
    pub item_code: String,
    /// The form version the answers were validated against.
    pub form_version: u32,
    /// When the server recorded the case (UTC, RFC 3339).
    pub received_at: String,
    /// The case state's code: `"submitted"` (提交预审).
    pub status: String,
    /// A disclosure request's dates (absent for other cases).
    // No `default`: it would ask `D: Default`; a missing `Option` reads as `None` anyway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclosure: Option<D>,
}

/// The dates a disclosure request's receipt states (`YYYY-MM-DD`: text, so that the receipt
/// page carries no date parser).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptDates {
    /// The date it counts as received (政府信息公开条例 Art. 31).
    pub counted_from: String,
    /// The latest reply date (20 working days).
    pub reply_by: String,
    /// `reply_by` was counted over a year whose holidays are not published yet.
    pub reply_by_provisional: bool,
}

/// The answer to a 补正 (`201`, or a replay), stored by the server for replays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplementReceipt {
    /// The case.
    pub case_no: String,
    /// The case state's code after the supplement (a disclosure request: `running`).
    pub status: String,
    /// When the server recorded it (UTC, RFC 3339).
    pub received_at: String,
    /// A disclosure request's new counting date (Art. 30, 31); absent for other cases.
    /// (`YYYY-MM-DD`: text, so that the apps' outbox carries no date parser.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted_from: Option<String>,
}

/// The answer to a 好差评 (`201`, or a replay).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationReceipt {
    /// The case.
    pub case_no: String,
    /// The level.
    pub level: Rating,
    /// When (UTC).
    pub created_at: String,
    /// The follow-up opened by a bad rating (`null` otherwise).
    pub followup: Option<FollowupRef>,
}

/// A bad rating's follow-up as the citizen sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowupRef {
    /// Its id.
    pub id: i64,
    /// The last day for the department's answer.
    pub due_date: String,
}

/// A complaint (投诉) as its author tracks it: the answer to its filing and to a lookup, which
/// the app keeps with the query code that looks it up again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    /// 投诉编号, e.g. `TS20261127-0001`.
    pub complaint_no: String,
    /// The subject.
    pub subject: String,
    /// `received` or `answered` (empty in complaints the app kept before it was decoded).
    #[serde(default)]
    pub status: String,
    /// The status in words.
    #[serde(default)]
    pub status_label: String,
    /// The related case, if given.
    #[serde(default)]
    pub case_no: Option<String>,
    /// The answer, once given.
    #[serde(default)]
    pub reply: Option<String>,
    /// When it was received (UTC).
    #[serde(default)]
    pub created_at: String,
    /// The query code (查询码): in the answer to the filing and its replays within the replay
    /// window, `null` otherwise (lookups, late replays). The app keeps the code it looked the
    /// complaint up with here; complaints it kept before complaints had codes have none.
    #[serde(default)]
    pub query_code: Option<String>,
}

/// A code and its name (`{"code", "name"}`): a service item, a department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    /// The code.
    pub code: String,
    /// The name, in the request's language where it has one.
    pub name: String,
}

/// One department's part of a 联办件.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartView {
    /// The department.
    pub department: Named,
    /// Its state, `{"state", "reason"}`. Not decoded by the app, which shows `state_label`
    /// (always `Some` from the server, sent as the bare state).
    #[serde(skip_deserializing)]
    pub state: Option<PartState>,
    /// The state, worded.
    pub state_label: String,
    /// Its deadline (`YYYY-MM-DD`).
    #[serde(default)]
    pub deadline: Option<String>,
    /// The deadline was counted over a year whose holidays are not published yet.
    #[serde(default)]
    pub provisional: bool,
    /// The day it settled.
    #[serde(default)]
    pub settled_on: Option<String>,
}

/// What staff asked for in a 补正 (also how the server stores the request).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SupplementView {
    /// The missing or faulty materials, one per entry.
    #[serde(default)]
    pub missing: Vec<String>,
    /// A free note to the applicant.
    #[serde(default)]
    pub note: String,
    /// A disclosure request's last day to supplement (`YYYY-MM-DD`); absent for other cases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_by: Option<String>,
}

/// The answers the case holds, for the holder of the code to amend in a 补正; `A` is the
/// answers' value (a JSON object).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmittedView<A> {
    /// The form version they answer.
    pub form_version: u32,
    /// The answers.
    pub answers: A,
}

/// The 好差评 already given to the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationView {
    /// The level.
    pub level: Rating,
    /// The level, worded.
    pub label: String,
}

/// One event of the case's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// Local date and time, `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    /// What happened: an event kind's code, `deadline_moved` or `part_settled`.
    #[serde(default)]
    pub event: String,
    /// A `part_settled` entry's department code (absent from the others).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// What happened, worded.
    pub label: String,
    /// 申请人, a department's name or 系统: never a member of staff.
    pub who: String,
    /// A note to the applicant (`null` when none).
    #[serde(default)]
    pub note: Option<String>,
}

/// The citizen's view of a case (`POST /api/cases/lookup`): labels are in the request's
/// language. `A` is the answers' value ([`SubmittedView`]), `D` a disclosure request's facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseView<A, D> {
    /// 办件编号.
    pub case_no: String,
    /// The service item.
    pub item: Named,
    /// The case type (`null` in views kept before it was decoded).
    #[serde(default)]
    pub case_type: Option<CaseType>,
    /// The case type, worded.
    pub case_type_label: String,
    /// The state's code.
    pub state: String,
    /// The state, worded.
    pub state_label: String,
    /// No event follows.
    pub is_final: bool,
    /// The department in charge.
    pub department: Named,
    /// A 联办件's parts (empty for other cases).
    #[serde(default)]
    pub parts: Vec<PartView>,
    /// The time limit's clock, `{"status", …}` or `null`. Not decoded by the app (it shows the
    /// fields below).
    #[serde(skip_deserializing)]
    pub clock: Option<ClockStatus>,
    /// The deadline (`YYYY-MM-DD`).
    #[serde(default)]
    pub deadline: Option<String>,
    /// The deadline was counted over a year whose holidays are not published yet: it may move.
    #[serde(default)]
    pub deadline_provisional: bool,
    /// Working days left, while the clock runs or is paused.
    #[serde(default)]
    pub working_days_left: Option<u32>,
    /// Working days past the deadline.
    #[serde(default)]
    pub working_days_overdue: Option<u32>,
    /// What a 补正 asks for.
    #[serde(default)]
    pub supplement: Option<SupplementView>,
    /// The events, in time order.
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    /// The answers the case holds (only for the holder of the code).
    pub submitted: Option<SubmittedView<A>>,
    /// The 好差评 already given.
    #[serde(default)]
    pub evaluation: Option<EvaluationView>,
    /// A request for government information (依申请公开): its own facts and the reply; absent
    /// from other cases.
    // No `default`: it would ask `D: Default`; a missing `Option` reads as `None` anyway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclosure: Option<D>,
    /// When the server answered (RFC 3339, UTC, milliseconds).
    pub as_of: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::same;
    use chrono::NaiveDate;
    use serde_json::{Value, json};

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn a_receipt_is_what_the_server_sent() {
        let mut receipt: Receipt = Receipt {
            case_no: "20261127-JT-000001".into(),
            query_code: Some("ABCD-EFGH-JKMN".into()),
            item_code: "JT-001".into(),
            form_version: 1,
            received_at: "2026-11-27T01:00:00.000Z".into(),
            status: "submitted".into(),
            disclosure: None,
        };
        same(
            &receipt,
            json!({"case_no": "20261127-JT-000001", "query_code": "ABCD-EFGH-JKMN",
                   "item_code": "JT-001", "form_version": 1,
                   "received_at": "2026-11-27T01:00:00.000Z", "status": "submitted"}),
        );
        receipt.query_code = None;
        receipt.disclosure = Some(ReceiptDates {
            counted_from: "2026-11-27".into(),
            reply_by: "2026-12-25".into(),
            reply_by_provisional: false,
        });
        same(
            &receipt,
            json!({"case_no": "20261127-JT-000001", "query_code": null,
                   "item_code": "JT-001", "form_version": 1,
                   "received_at": "2026-11-27T01:00:00.000Z", "status": "submitted",
                   "disclosure": {"counted_from": "2026-11-27", "reply_by": "2026-12-25",
                                  "reply_by_provisional": false}}),
        );
    }

    #[test]
    fn a_supplements_answer_is_what_the_server_sent() {
        let mut answer = SupplementReceipt {
            case_no: "20261127-JT-000001".into(),
            status: "pre_review".into(),
            received_at: "2026-11-28T02:00:00.000Z".into(),
            counted_from: None,
        };
        same(
            &answer,
            json!({"case_no": "20261127-JT-000001", "status": "pre_review",
                   "received_at": "2026-11-28T02:00:00.000Z"}),
        );
        answer.status = "running".into();
        answer.counted_from = Some("2026-11-30".into());
        same(
            &answer,
            json!({"case_no": "20261127-JT-000001", "status": "running",
                   "received_at": "2026-11-28T02:00:00.000Z", "counted_from": "2026-11-30"}),
        );
    }

    #[test]
    fn a_ratings_answer_is_what_the_server_sent() {
        let mut answer = EvaluationReceipt {
            case_no: "20261127-JT-000001".into(),
            level: Rating::Satisfied,
            created_at: "2026-12-01T02:00:00.000Z".into(),
            followup: None,
        };
        same(
            &answer,
            json!({"case_no": "20261127-JT-000001", "level": "satisfied",
                   "created_at": "2026-12-01T02:00:00.000Z", "followup": null}),
        );
        answer.level = Rating::VeryDissatisfied;
        answer.followup = Some(FollowupRef {
            id: 7,
            due_date: "2026-12-08".into(),
        });
        same(
            &answer,
            json!({"case_no": "20261127-JT-000001", "level": "very_dissatisfied",
                   "created_at": "2026-12-01T02:00:00.000Z",
                   "followup": {"id": 7, "due_date": "2026-12-08"}}),
        );
    }

    #[test]
    fn a_complaint_is_what_the_server_sent_and_old_kept_ones_read() {
        let complaint = Complaint {
            complaint_no: "TS20261204-0001".into(),
            subject: "窗口推诿".into(),
            status: "received".into(),
            status_label: "已受理".into(),
            case_no: None,
            reply: None,
            created_at: "2026-12-04T01:00:00.000Z".into(),
            query_code: Some("ABCD-EFGH-JKMN".into()),
        };
        same(
            &complaint,
            json!({"complaint_no": "TS20261204-0001", "subject": "窗口推诿",
                   "status": "received", "status_label": "已受理", "case_no": null,
                   "reply": null, "created_at": "2026-12-04T01:00:00.000Z",
                   "query_code": "ABCD-EFGH-JKMN"}),
        );
        // Kept by the app before complaints had codes (and before `status` was decoded).
        let old: Complaint = serde_json::from_value(json!({
            "complaint_no": "TS20261127-0001", "subject": "窗口推诿",
            "status_label": "已受理", "contact": "13800000000"}))
        .expect("an old record");
        assert_eq!(old.query_code, None);
        assert_eq!(old.status, "");
    }

    fn view() -> CaseView<Value, Value> {
        CaseView {
            case_no: "20261127-JT-000001".into(),
            item: Named {
                code: "JT-001".into(),
                name: "道路运输证".into(),
            },
            case_type: Some(CaseType::Promised),
            case_type_label: "承诺件".into(),
            state: "in_progress".into(),
            state_label: "办理中".into(),
            is_final: false,
            department: Named {
                code: "JT".into(),
                name: "县交通运输局".into(),
            },
            parts: Vec::new(),
            clock: None,
            deadline: Some("2026-03-30".into()),
            deadline_provisional: false,
            working_days_left: Some(12),
            working_days_overdue: None,
            supplement: Some(SupplementView {
                missing: vec!["身份证复印件".into()],
                note: "请补交".into(),
                reply_by: None,
            }),
            timeline: vec![
                TimelineEntry {
                    at: "2026-03-02T09:00:00".into(),
                    event: "submit".into(),
                    department: None,
                    label: "提交申请".into(),
                    who: "申请人".into(),
                    note: None,
                },
                TimelineEntry {
                    at: "2026-03-03T23:59:59".into(),
                    event: "part_settled".into(),
                    department: Some("ZJ".into()),
                    label: "县住建局：同意".into(),
                    who: "县住建局".into(),
                    note: None,
                },
            ],
            submitted: Some(SubmittedView {
                form_version: 1,
                answers: json!({"name": "张三"}),
            }),
            evaluation: Some(EvaluationView {
                level: Rating::Satisfied,
                label: "满意".into(),
            }),
            disclosure: None,
            as_of: "2026-03-02T01:00:00.000Z".into(),
        }
    }

    #[test]
    fn a_case_view_is_what_the_server_sent() {
        let wire = json!({
            "case_no": "20261127-JT-000001", "item": {"code": "JT-001", "name": "道路运输证"},
            "case_type": "promised", "case_type_label": "承诺件",
            "state": "in_progress", "state_label": "办理中", "is_final": false,
            "department": {"code": "JT", "name": "县交通运输局"},
            "parts": [], "clock": null,
            "deadline": "2026-03-30", "deadline_provisional": false,
            "working_days_left": 12, "working_days_overdue": null,
            "supplement": {"missing": ["身份证复印件"], "note": "请补交"},
            "timeline": [
                {"at": "2026-03-02T09:00:00", "event": "submit", "label": "提交申请",
                 "who": "申请人", "note": null},
                {"at": "2026-03-03T23:59:59", "event": "part_settled", "department": "ZJ",
                 "label": "县住建局：同意", "who": "县住建局", "note": null}],
            "submitted": {"form_version": 1, "answers": {"name": "张三"}},
            "evaluation": {"level": "satisfied", "label": "满意"},
            "as_of": "2026-03-02T01:00:00.000Z"});
        same(&view(), wire);
    }

    #[test]
    fn a_joint_cases_clock_and_parts_are_sent_but_not_decoded() {
        let mut view = view();
        view.clock = Some(ClockStatus::Running {
            due: date("2026-03-30"),
            working_days_left: 12,
            provisional: false,
        });
        view.parts = vec![PartView {
            department: Named {
                code: "ZJ".into(),
                name: "县住建局".into(),
            },
            state: Some(PartState::Pending),
            state_label: "待审".into(),
            deadline: Some("2026-03-09".into()),
            provisional: false,
            settled_on: None,
        }];
        let wire = serde_json::to_value(&view).expect("serializes");
        assert_eq!(
            wire["clock"],
            json!({"status": "running", "due": "2026-03-30", "working_days_left": 12,
                   "provisional": false})
        );
        assert_eq!(
            wire["parts"],
            json!([{"department": {"code": "ZJ", "name": "县住建局"},
                    "state": {"state": "pending"}, "state_label": "待审",
                    "deadline": "2026-03-09", "provisional": false, "settled_on": null}])
        );
        let back: CaseView<Value, Value> = serde_json::from_value(wire).expect("decodes");
        assert_eq!(back.clock, None);
        assert_eq!(back.parts[0].state, None);
        assert_eq!(back.parts[0].state_label, "待审");
    }

    #[test]
    fn a_view_kept_before_the_shared_type_still_reads() {
        // What the app wrote to IndexedDB: only the fields it decoded then.
        let kept = json!({
            "case_no": "20261127-JT-000001", "item": {"code": "JT-001", "name": "道路运输证"},
            "case_type_label": "承诺件", "state": "in_progress", "state_label": "办理中",
            "is_final": false, "department": {"code": "JT", "name": "县交通运输局"},
            "parts": [{"department": {"code": "ZJ", "name": "县住建局"}, "state_label": "待审",
                       "deadline": null, "provisional": false, "settled_on": null}],
            "timeline": [{"at": "2026-03-02T09:00:00", "label": "提交申请", "who": "申请人",
                          "note": null}],
            "as_of": "2026-03-02T01:00:00.000Z"});
        let view: CaseView<Value, Value> = serde_json::from_value(kept).expect("decodes");
        assert_eq!(view.case_type, None);
        assert_eq!(view.timeline[0].event, "");
    }
}
