//! 依申请公开's answers. To the requester: what a request adds to the case view of `POST
//! /api/cases/lookup` ([`DisclosureView`], the `D` of [`super::cases::CaseView`]) and the
//! agency's reply in it ([`ReplyView`]). To the 依申请公开 desk: the queue (`GET
//! /api/staff/disclosure/requests`, a [`RequestQueue`]), one request with its steps (`GET
//! /api/staff/disclosure/requests/{no}` and the answer to a step: a [`RequestDetail`]), the
//! agencies (`GET /api/disclosure/agencies`: an [`AgencyList`]) and table 三 of the annual
//! report (`GET …/annual/{year}`: an [`AnnualTableView`]).
//!
//! The app keeps the case view in IndexedDB: fields added since are `default`, so views kept
//! before still read. Fields the app never shows are sent but not decoded (`skip_deserializing`),
//! so that they cost the bundles that decode a case view nothing. The citizens' 公开指南 pages
//! decode the agencies with their guides as [`AgencyGuide`]; the desk skips the guides.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::cases::{Named, SupplementView};

/// What a disclosure request adds to the case view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureView {
    /// The date it counts as received (Art. 31), `YYYY-MM-DD` (always sent; `None` only in views
    /// kept before it was).
    #[serde(default)]
    pub counted_from: Option<String>,
    /// Whether the one extension was used.
    #[serde(default)]
    pub extended: bool,
    /// The reply document, once answered (`null` before).
    #[serde(default)]
    pub reply: Option<ReplyView>,
}

/// The agency's reply: its Article 36 kind, what that kind requires it to say, the letter and
/// its files. Labels are in the request's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyView {
    /// The kind's code (`disclosed`, `partly_disclosed`, `withheld`…). Not decoded by the app,
    /// which shows `kind_label`.
    #[serde(skip_deserializing)]
    pub kind: String,
    /// The kind, worded.
    pub kind_label: String,
    /// The day it was answered (`YYYY-MM-DD`).
    #[serde(default)]
    pub on: Option<String>,
    /// The letter.
    #[serde(default)]
    pub text: String,
    /// Why (a part) is withheld, not provided or not handled: the reason's code, sent with those
    /// kinds only. Not decoded by the app, which shows `reason_label`.
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The reason, worded as in the annual report's table (sent when the reason is one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_label: Option<String>,
    /// The legal basis of a (partial) refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// Where information already public was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The agency that holds information this one does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right_agency: Option<String>,
    /// The attached files.
    #[serde(default)]
    pub files: Vec<ReplyFile>,
}

/// A file attached to a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyFile {
    /// The stored file's id. Not decoded by the app, which follows `url`.
    #[serde(skip_deserializing)]
    pub id: String,
    /// Its name as the agency uploaded it.
    pub name: String,
    /// Its media type. Not decoded by the app.
    #[serde(skip_deserializing)]
    pub media_type: String,
    /// Bytes.
    pub size: u64,
    /// Where the holder of the query code fetches it (`GET /api/cases/{no}/files/{id}`).
    pub url: String,
}

/// One request in the desk's queue, with its clock on the day asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRow {
    /// 办件编号.
    pub case_no: String,
    /// The agency asked.
    pub agency: Named,
    /// The applicant's name (a person's or an organisation's).
    pub applicant: String,
    /// The start of 所需信息 (60 characters and `…`).
    pub description: String,
    /// The date it counts as received (`YYYY-MM-DD`).
    pub counted_from: String,
    /// When the server recorded it (UTC, RFC 3339).
    pub received_at: String,
    /// The status's code (`running`, `awaiting_supplement`…).
    pub state: String,
    /// The status, worded.
    pub state_label: String,
    /// The last day to answer (`null` while the clock is stopped).
    pub due: Option<String>,
    /// Working days used, while the clock runs.
    pub working_days_used: Option<u32>,
    /// Working days left (0 once due), while the clock runs.
    pub working_days_left: Option<u32>,
    /// Working days past the due date (`null` when not late).
    pub working_days_overdue: Option<u32>,
    /// The due date was counted over a year whose holidays are not published yet.
    pub provisional: bool,
    /// The one extension was used.
    pub extended: bool,
}

/// The desk's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestQueue {
    /// The requests, oldest first.
    pub requests: Vec<RequestRow>,
    /// How many.
    pub total: usize,
}

/// One request on the desk: its queue row's facts, then its answers, pending 补正, reply, the
/// steps the rules allow now and its audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestDetail {
    /// The queue row's facts (the same fields at the same level).
    #[serde(flatten)]
    pub row: RequestRow,
    /// The answers as submitted (or last supplemented). Not decoded by the desk, which shows
    /// `fields`.
    #[serde(skip_deserializing)]
    pub answers: Value,
    /// The form's answered fields, worded, in the form's order.
    pub fields: Vec<AnswerField>,
    /// The last day the agency may still ask for a 补正 (`null` once it may not).
    pub supplement_deadline: Option<String>,
    /// The pending 补正 notice.
    pub supplement: Option<SupplementView>,
    /// The reply, once given.
    pub reply: Option<ReplyView>,
    /// The steps allowed now (`request_supplement`, `extend`, `consult_start`, `consult_end`,
    /// `reply`, `deem_withdrawn`).
    pub allowed: Vec<String>,
    /// The audit trail, oldest first.
    pub actions: Vec<ActionEntry>,
}

/// An answered field as the desk shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerField {
    /// The field's id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// The answer, worded (a choice by its label).
    pub value: String,
}

/// A step of the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionEntry {
    /// When (UTC, RFC 3339).
    pub at: String,
    /// The action's code.
    pub action: String,
    /// The action, worded.
    pub label: String,
    /// Who: a member of staff's name, 申请人 or 系统.
    pub staff: String,
    /// Its details in plain words.
    pub summary: String,
    /// Its details as recorded. Not decoded by the desk, which shows `summary`.
    #[serde(skip_deserializing)]
    pub detail: Value,
}

/// The agencies that answer requests, each with its 公开指南 `G`: as stored on the server (a
/// JSON value), as the citizens' pages read it ([`AgencyGuide`]), or skipped by the desk, which
/// only names the agencies (`serde::de::IgnoredAny`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyList<G = Value> {
    /// The agencies.
    pub agencies: Vec<AgencyView<G>>,
}

/// An agency and its 公开指南.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyView<G = Value> {
    /// Its 统一社会信用代码.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The 公开指南: what the agency published.
    pub guide: G,
}

/// An agency's 公开指南 as the citizens' pages show it: each field text, empty when the agency
/// left it out (then not shown).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AgencyGuide {
    /// 政府信息公开工作机构.
    pub office: String,
    /// 办公地址.
    pub address: String,
    /// 邮政编码.
    pub postal_code: String,
    /// 办公时间.
    pub hours: String,
    /// 联系电话.
    pub phone: String,
    /// 电子邮箱.
    pub email: String,
    /// 申请方式.
    pub how_to_apply: String,
    /// 收费.
    pub fees: String,
    /// 答复期限.
    pub time_limit: String,
}

/// Table 三 of an agency's annual report for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualTableView {
    /// The agency; `null` for every agency's requests together (the center administrator's
    /// 「全部机关」 on the desk; the public answer always names one).
    pub agency: Option<Named>,
    /// The year.
    pub year: i32,
    /// The columns' headings (the applicants' categories).
    pub columns: Vec<String>,
    /// The rows, in the table's order.
    pub rows: Vec<AnnualRow>,
}

/// A row of table 三.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualRow {
    /// Its label.
    pub label: String,
    /// One count a column.
    pub counts: Vec<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::same;
    use serde_json::json;

    fn reply() -> ReplyView {
        ReplyView {
            kind: "partly_disclosed".into(),
            kind_label: "部分公开".into(),
            on: Some("2026-12-01".into()),
            text: "经审查，部分公开。".into(),
            reason: Some("third_party_rights".into()),
            reason_label: Some("第三方合法权益".into()),
            basis: Some("《条例》第十五条".into()),
            location: None,
            right_agency: None,
            files: vec![ReplyFile {
                id: "ab12cd34".into(),
                name: "答复书.pdf".into(),
                media_type: "application/pdf".into(),
                size: 1024,
                url: "/api/cases/20261127-GK-000001/files/ab12cd34".into(),
            }],
        }
    }

    #[test]
    fn a_reply_is_what_the_server_sent() {
        let view = DisclosureView {
            counted_from: Some("2026-11-27".into()),
            extended: true,
            reply: Some(reply()),
        };
        let wire = json!({
            "counted_from": "2026-11-27", "extended": true,
            "reply": {"kind": "partly_disclosed", "kind_label": "部分公开", "on": "2026-12-01",
                      "text": "经审查，部分公开。", "reason": "third_party_rights",
                      "reason_label": "第三方合法权益", "basis": "《条例》第十五条",
                      "files": [{"id": "ab12cd34", "name": "答复书.pdf",
                                 "media_type": "application/pdf", "size": 1024,
                                 "url": "/api/cases/20261127-GK-000001/files/ab12cd34"}]}});
        assert_eq!(serde_json::to_value(&view).expect("serializes"), wire);
        // The codes are sent, not decoded.
        let back: DisclosureView = serde_json::from_value(wire).expect("decodes");
        let mut expected = reply();
        expected.kind = String::new();
        expected.reason = None;
        expected.files[0].id = String::new();
        expected.files[0].media_type = String::new();
        assert_eq!(back.reply, Some(expected));
    }

    #[test]
    fn an_unanswered_request_has_a_null_reply() {
        let view = DisclosureView {
            counted_from: Some("2026-11-27".into()),
            extended: false,
            reply: None,
        };
        same(
            &view,
            json!({"counted_from": "2026-11-27", "extended": false, "reply": null}),
        );
    }

    #[test]
    fn a_desks_request_is_its_row_and_the_rest_at_one_level() {
        let row = RequestRow {
            case_no: "20261127-GK-000001".into(),
            agency: Named {
                code: "11330000002482000X".into(),
                name: "县教育局".into(),
            },
            applicant: "张三".into(),
            description: "2026年教育经费预算".into(),
            counted_from: "2026-11-27".into(),
            received_at: "2026-11-27T01:00:00.000Z".into(),
            state: "running".into(),
            state_label: "办理中".into(),
            due: Some("2026-12-25".into()),
            working_days_used: Some(3),
            working_days_left: Some(17),
            working_days_overdue: None,
            provisional: false,
            extended: false,
        };
        let row_wire = json!({
            "case_no": "20261127-GK-000001",
            "agency": {"code": "11330000002482000X", "name": "县教育局"},
            "applicant": "张三", "description": "2026年教育经费预算",
            "counted_from": "2026-11-27", "received_at": "2026-11-27T01:00:00.000Z",
            "state": "running", "state_label": "办理中", "due": "2026-12-25",
            "working_days_used": 3, "working_days_left": 17, "working_days_overdue": null,
            "provisional": false, "extended": false});
        same(
            &RequestQueue {
                requests: vec![row.clone()],
                total: 1,
            },
            json!({"requests": [row_wire.clone()], "total": 1}),
        );
        let detail = RequestDetail {
            row,
            answers: json!({"description": "2026年教育经费预算"}),
            fields: vec![AnswerField {
                id: "description".into(),
                label: "所需信息".into(),
                value: "2026年教育经费预算".into(),
            }],
            supplement_deadline: Some("2026-12-04".into()),
            supplement: None,
            reply: None,
            allowed: vec!["request_supplement".into(), "reply".into()],
            actions: vec![ActionEntry {
                at: "2026-11-28T01:00:00.000Z".into(),
                action: "extend".into(),
                label: "延期答复".into(),
                staff: "李明".into(),
                summary: "延长：20".into(),
                detail: json!({"working_days": 20}),
            }],
        };
        let mut wire = row_wire;
        if let (Some(wire), Value::Object(rest)) = (
            wire.as_object_mut(),
            json!({
                "answers": {"description": "2026年教育经费预算"},
                "fields": [{"id": "description", "label": "所需信息",
                            "value": "2026年教育经费预算"}],
                "supplement_deadline": "2026-12-04", "supplement": null, "reply": null,
                "allowed": ["request_supplement", "reply"],
                "actions": [{"at": "2026-11-28T01:00:00.000Z", "action": "extend",
                             "label": "延期答复", "staff": "李明", "summary": "延长：20",
                             "detail": {"working_days": 20}}]}),
        ) {
            wire.extend(rest);
        }
        assert_eq!(serde_json::to_value(&detail).expect("serializes"), wire);
        // The answers and the raw details are sent, not decoded.
        let back: RequestDetail = serde_json::from_value(wire).expect("decodes");
        assert_eq!(back.answers, Value::Null);
        assert_eq!(back.actions[0].detail, Value::Null);
        assert_eq!(back.row, detail.row);
        assert_eq!(back.fields, detail.fields);
    }

    #[test]
    fn an_annual_table_names_its_agency_or_null_for_every_agency() {
        let rows = vec![AnnualRow {
            label: "一、本年新收政府信息公开申请数量".into(),
            counts: vec![3, 1, 1, 0, 0, 0, 5],
        }];
        let rows_wire = json!([{"label": "一、本年新收政府信息公开申请数量",
                                "counts": [3, 1, 1, 0, 0, 0, 5]}]);
        let table = |agency| AnnualTableView {
            agency,
            year: 2026,
            columns: vec!["自然人".into()],
            rows: rows.clone(),
        };
        same(
            &table(Some(Named {
                code: "11331024002497839G".into(),
                name: "县教育局".into(),
            })),
            json!({"agency": {"code": "11331024002497839G", "name": "县教育局"}, "year": 2026,
                   "columns": ["自然人"], "rows": rows_wire.clone()}),
        );
        same(
            &table(None),
            json!({"agency": null, "year": 2026, "columns": ["自然人"], "rows": rows_wire}),
        );
    }

    #[test]
    fn an_agencys_guide_reads_as_the_citizens_pages_show_it_and_is_skipped_by_the_desk() {
        let sent = json!({"agencies": [{"code": "11331024002497839G", "name": "县教育局",
            "guide": {"office": "县教育局办公室", "phone": "0371-62302001",
                      "how_to_apply": "在线提交", "extra": "ignored"}}]});
        let citizens: AgencyList<AgencyGuide> =
            serde_json::from_value(sent.clone()).expect("decodes");
        assert_eq!(
            citizens.agencies[0].guide,
            AgencyGuide {
                office: "县教育局办公室".into(),
                phone: "0371-62302001".into(),
                how_to_apply: "在线提交".into(),
                ..AgencyGuide::default()
            }
        );
        let desk: AgencyList<serde::de::IgnoredAny> =
            serde_json::from_value(sent.clone()).expect("decodes");
        assert_eq!(desk.agencies[0].name, "县教育局");
        // The server sends what it stored, as it stored it.
        let stored: AgencyList = serde_json::from_value(sent.clone()).expect("decodes");
        assert_eq!(serde_json::to_value(&stored).expect("serializes"), sent);
    }
}
