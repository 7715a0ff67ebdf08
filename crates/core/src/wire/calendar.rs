//! The holiday calendar's answers to the admin desk: `GET /api/staff/calendar` (a
//! [`CalendarOverview`]) and the preview and publication of a year's notice (`POST
//! /api/staff/calendar/preview`, `…/publish`: a [`CalendarEffect`]).
//!
//! Dates stay text (`YYYY-MM-DD`): the desk shows them as they come, with no date parser.

use serde::{Deserialize, Serialize};

use crate::calendar::BilingualName;

/// One holiday of a year: its days off and the make-up working days that pay for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayView {
    /// 春节 / Spring Festival.
    pub name: BilingualName,
    /// Every day of the break, ascending.
    pub off: Vec<String>,
    /// The make-up working days, ascending.
    pub make_up: Vec<String>,
}

/// A year's holidays, official (a published notice) or provisional (the law's days off).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarYear {
    /// The year.
    pub year: i32,
    /// No notice published for it: its holidays are the law's, without make-up days.
    pub provisional: bool,
    /// The notice's title or 文号 (`null` for a provisional year).
    pub notice: Option<String>,
    /// Its holidays.
    pub holidays: Vec<HolidayView>,
}

/// A year's notice as published from the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// The year.
    pub year: i32,
    /// The notice's title or 文号.
    pub notice: String,
    /// Who published it (display name).
    pub by: String,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// How many open deadlines it moved.
    pub moved_deadlines: i64,
}

/// Every official year and the provisional ones up to next year, and what was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarOverview {
    /// The years, ascending.
    pub years: Vec<CalendarYear>,
    /// The publications, newest first.
    pub publications: Vec<Publication>,
}

/// An open deadline that a year's notice moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineMoveView {
    /// 办件编号.
    pub case_no: String,
    /// The item's name.
    pub item_name: String,
    /// For a 联办件's part, its department; `null` for the case's own limit.
    pub department: Option<String>,
    /// The due date on the calendar in force.
    pub from: String,
    /// The due date on the new one.
    pub to: String,
}

/// A notice read and checked (a preview), or published: the year as it reads and the open
/// deadlines it moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEffect {
    /// The year.
    pub year: CalendarYear,
    /// The deadlines it moves.
    pub moves: Vec<DeadlineMoveView>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::same;
    use serde_json::json;

    fn year() -> CalendarYear {
        CalendarYear {
            year: 2027,
            provisional: false,
            notice: Some("国办发明电〔2026〕7号".into()),
            holidays: vec![HolidayView {
                name: BilingualName {
                    zh: "元旦".into(),
                    en: "New Year's Day".into(),
                },
                off: vec!["2027-01-01".into()],
                make_up: Vec::new(),
            }],
        }
    }

    fn year_wire() -> serde_json::Value {
        json!({"year": 2027, "provisional": false, "notice": "国办发明电〔2026〕7号",
               "holidays": [{"name": {"zh": "元旦", "en": "New Year's Day"},
                             "off": ["2027-01-01"], "make_up": []}]})
    }

    #[test]
    fn the_overview_is_what_the_server_sent() {
        let overview = CalendarOverview {
            years: vec![
                year(),
                CalendarYear {
                    year: 2028,
                    provisional: true,
                    notice: None,
                    holidays: Vec::new(),
                },
            ],
            publications: vec![Publication {
                year: 2027,
                notice: "国办发明电〔2026〕7号".into(),
                by: "管理员".into(),
                at: "2026-12-01T01:00:00.000Z".into(),
                moved_deadlines: 2,
            }],
        };
        same(
            &overview,
            json!({"years": [year_wire(),
                             {"year": 2028, "provisional": true, "notice": null,
                              "holidays": []}],
                   "publications": [{"year": 2027, "notice": "国办发明电〔2026〕7号",
                                     "by": "管理员", "at": "2026-12-01T01:00:00.000Z",
                                     "moved_deadlines": 2}]}),
        );
    }

    #[test]
    fn a_preview_is_what_the_server_sent() {
        let effect = CalendarEffect {
            year: year(),
            moves: vec![
                DeadlineMoveView {
                    case_no: "20261201-JT-000001".into(),
                    item_name: "道路运输证".into(),
                    department: None,
                    from: "2026-12-30".into(),
                    to: "2027-01-04".into(),
                },
                DeadlineMoveView {
                    department: Some("ZJ".into()),
                    ..DeadlineMoveView {
                        case_no: "20261201-JT-000002".into(),
                        item_name: "道路运输证".into(),
                        department: None,
                        from: "2026-12-31".into(),
                        to: "2027-01-05".into(),
                    }
                },
            ],
        };
        same(
            &effect,
            json!({"year": year_wire(),
                   "moves": [{"case_no": "20261201-JT-000001", "item_name": "道路运输证",
                              "department": null, "from": "2026-12-30", "to": "2027-01-04"},
                             {"case_no": "20261201-JT-000002", "item_name": "道路运输证",
                              "department": "ZJ", "from": "2026-12-31",
                              "to": "2027-01-05"}]}),
        );
    }
}
