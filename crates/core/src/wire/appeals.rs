//! 好差评申诉复核's answers, read by the administration desk: an appeal (`POST
//! /api/staff/followups/{id}/appeal`, `POST /api/staff/appeals/{id}/decision`: an [`Appeal`]),
//! the appeals a person sees (`GET /api/staff/appeals`: an [`AppealList`]) and the published
//! results of a year (`GET /api/evaluations/results`: [`EvaluationResults`]), and the bad
//! ratings a department must rectify (`GET /api/staff/rectification`: a [`RectificationList`]).

use serde::{Deserialize, Serialize};

/// An appeal as the desk shows it: the rating appealed, the department's reasons and evidence,
/// and the center's decision once made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    /// Its id.
    pub id: i64,
    /// The bad rating's follow-up.
    pub followup_id: i64,
    /// The case rated.
    pub case_no: String,
    /// The department appealing.
    pub department_code: String,
    /// Its name.
    pub department_name: String,
    /// The rating's level code (`dissatisfied`, `very_dissatisfied`).
    pub level: String,
    /// The citizen's words.
    pub comment: String,
    /// The department's reasons.
    pub reasons: String,
    /// The files the department gave as evidence.
    pub evidence: Vec<EvidenceFile>,
    /// Who filed it (display name).
    pub filed_by: String,
    /// When (UTC, RFC 3339).
    pub filed_at: String,
    /// `upheld`, `rejected`, or `None` (`null`) while pending.
    pub decision: Option<String>,
    /// The center's reasons for its decision.
    pub decision_note: Option<String>,
    /// Who decided (display name).
    pub decided_by: Option<String>,
    /// When (UTC, RFC 3339).
    pub decided_at: Option<String>,
}

/// A file given as evidence (also how the server stores the appeal's list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceFile {
    /// The upload's id (`GET /api/staff/appeals/{id}/files/{upload}`).
    pub id: String,
    /// Its name as the department uploaded it.
    pub name: String,
    /// Its media type.
    pub media_type: String,
    /// Bytes.
    pub size: u64,
}

/// The appeals a person sees, pending first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealList {
    /// The appeals.
    pub appeals: Vec<Appeal>,
}

/// The published 好差评 results of a year, per department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationResults {
    /// The year (Beijing time).
    pub year: i32,
    /// Each department with ratings that year.
    pub departments: Vec<DepartmentResults>,
}

/// One department's published results, without the ratings whose appeal was upheld.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentResults {
    /// The department's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The count of each level, in [`crate::evaluation::Rating::ALL`] order (best first).
    pub counts: [u64; 5],
    /// Ratings counted.
    pub total: u64,
    /// Ratings taken out by an upheld appeal (not in `counts`).
    pub excluded: u64,
    /// Satisfaction in tenths of a percent (`null` with no rating counted).
    pub satisfaction_per_mille: Option<u64>,
}

/// `GET /api/staff/rectification`: the bad ratings a person follows up (差评整改), as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RectificationList {
    /// The day (Beijing time, `YYYY-MM-DD`) the working days left are counted from.
    pub as_of: String,
    /// Oldest due first.
    pub items: Vec<Rectification>,
}

/// One bad rating to rectify: the citizen's words, the time left, the reply and its appeal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rectification {
    /// The follow-up's id.
    pub id: i64,
    /// The case rated.
    pub case_no: String,
    /// The department that must answer: its code.
    pub department: String,
    /// Its name.
    pub department_name: String,
    /// The rating's code (`dissatisfied`, `very_dissatisfied`).
    pub level: String,
    /// The rating, worded in the request's language (`null` for an unknown code).
    pub level_label: Option<String>,
    /// The citizen's words.
    pub comment: String,
    /// The last day to answer (`YYYY-MM-DD`).
    pub due_date: String,
    /// Working days from `as_of` to the due date (negative once late; `null` for an unreadable
    /// date).
    pub working_days_left: Option<i64>,
    /// The answer, once given.
    pub reply: Option<String>,
    /// When it was answered (UTC).
    pub replied_at: Option<String>,
    /// Its appeal, once the department filed one.
    pub appeal: Option<AppealStanding>,
}

/// Where a rating's appeal stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealStanding {
    /// The appeal's id.
    pub id: i64,
    /// `upheld`, `rejected`, or `null` while pending.
    pub decision: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::same;
    use serde_json::json;

    #[test]
    fn an_appeal_is_what_the_server_sent() {
        let appeal = Appeal {
            id: 4,
            followup_id: 9,
            case_no: "20261127-JT-000001".into(),
            department_code: "JT".into(),
            department_name: "县交通运输局".into(),
            level: "very_dissatisfied".into(),
            comment: "等了很久".into(),
            reasons: "申请人未按约定时间到场".into(),
            evidence: vec![EvidenceFile {
                id: "ab12".into(),
                name: "监控截图.pdf".into(),
                media_type: "application/pdf".into(),
                size: 2048,
            }],
            filed_by: "王审核".into(),
            filed_at: "2026-12-01T02:00:00.000Z".into(),
            decision: None,
            decision_note: None,
            decided_by: None,
            decided_at: None,
        };
        same(
            &AppealList {
                appeals: vec![appeal],
            },
            json!({"appeals": [{
                "id": 4, "followup_id": 9, "case_no": "20261127-JT-000001",
                "department_code": "JT", "department_name": "县交通运输局",
                "level": "very_dissatisfied", "comment": "等了很久",
                "reasons": "申请人未按约定时间到场",
                "evidence": [{"id": "ab12", "name": "监控截图.pdf",
                              "media_type": "application/pdf", "size": 2048}],
                "filed_by": "王审核", "filed_at": "2026-12-01T02:00:00.000Z",
                "decision": null, "decision_note": null, "decided_by": null,
                "decided_at": null}]}),
        );
    }

    #[test]
    fn results_are_what_the_server_sent() {
        same(
            &EvaluationResults {
                year: 2026,
                departments: vec![DepartmentResults {
                    code: "JT".into(),
                    name: "县交通运输局".into(),
                    counts: [3, 1, 0, 0, 1],
                    total: 5,
                    excluded: 1,
                    satisfaction_per_mille: Some(800),
                }],
            },
            json!({"year": 2026, "departments": [{
                "code": "JT", "name": "县交通运输局", "counts": [3, 1, 0, 0, 1],
                "total": 5, "excluded": 1, "satisfaction_per_mille": 800}]}),
        );
    }

    #[test]
    fn a_rectification_list_is_what_the_server_sent() {
        let list = RectificationList {
            as_of: "2027-01-04".into(),
            items: vec![Rectification {
                id: 3,
                case_no: "ZJ2026000012".into(),
                department: "ZJ".into(),
                department_name: "住建局".into(),
                level: "dissatisfied".into(),
                level_label: Some("不满意".into()),
                comment: "等太久".into(),
                due_date: "2027-01-08".into(),
                working_days_left: Some(4),
                reply: None,
                replied_at: None,
                appeal: Some(AppealStanding {
                    id: 1,
                    decision: None,
                }),
            }],
        };
        same(
            &list,
            json!({"as_of": "2027-01-04", "items": [{
                "id": 3, "case_no": "ZJ2026000012", "department": "ZJ",
                "department_name": "住建局", "level": "dissatisfied", "level_label": "不满意",
                "comment": "等太久", "due_date": "2027-01-08", "working_days_left": 4,
                "reply": null, "replied_at": null, "appeal": {"id": 1, "decision": null}
            }]}),
        );
    }
}
