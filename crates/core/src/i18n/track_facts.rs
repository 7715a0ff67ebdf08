//! A case's facts by name (办件编号, 办理状态, 承办部门, 办结时限, …), a slice of their own: both
//! 办件查询 (the shell) and the window desk show them, and the desk leaves the rest of the
//! tracking pages' strings (`tracking_ui.rs`) off its first load.

use super::Entry;

/// A case's facts by name, `(key, Chinese, English)`.
pub static TRACK_FACTS: &[Entry] = &[
    ("track.case_no", "办件编号", "Case number"),
    ("track.state", "当前状态", "Status"),
    ("track.department", "承办部门", "Department"),
    ("track.deadline", "办结时限", "Deadline"),
    (
        "track.provisional_note",
        "{year}年节假日安排尚未公布，暂按法定节假日推算，公布后自动更新。",
        "The {year} holiday schedule is not yet published: this date is counted on the statutory holidays and will be updated once it is.",
    ),
    (
        "track.overdue_by",
        "已超期 {days} 个工作日",
        "Overdue by {days} working days",
    ),
    ("track.parts", "各部门办理情况", "Each department's part"),
];
