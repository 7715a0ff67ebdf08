//! 差评申诉复核 on the administration desk (`admin.appeal.*`): the appeals, their decision and
//! the year's published results. A slice of its own, registered by that bundle only: the other
//! desks, which register `ADMIN_UI` for their frame, do not carry these strings (the window
//! desk is within bytes of its budget).

use super::Entry;

/// `(key, Chinese, English)`.
pub static APPEALS_UI: &[Entry] = &[
    (
        "admin.appeal.decision_needed",
        "请选择复核结论：申诉成立或不成立。",
        "Choose the outcome: upheld or rejected.",
    ),
    (
        "admin.appeal.note_needed",
        "请写明复核意见。",
        "Write the reasons for the decision.",
    ),
    (
        "admin.appeal.year",
        "年份不正确。",
        "The year is not valid.",
    ),
    ("admin.appeal.none", "没有申诉。", "No appeals."),
    ("admin.appeal.comment", "评价内容", "The citizen's words"),
    ("admin.appeal.reasons", "申诉理由", "Reasons for the appeal"),
    ("admin.appeal.filed", "申诉人", "Appealed by"),
    ("admin.appeal.evidence", "证明材料", "Evidence"),
    ("admin.appeal.no_evidence", "未附材料", "None attached"),
    ("admin.appeal.note", "复核意见", "The center's reasons"),
    (
        "admin.appeal.confirm_upheld",
        "确认申诉成立？该差评将不计入部门的评价结果，部门无需整改。复核结论不能更改。",
        "Uphold the appeal? The rating will not count in the department's results and needs no rectification. The decision is final.",
    ),
    (
        "admin.appeal.confirm_rejected",
        "确认申诉不成立？该差评照常计入评价结果，部门须按期整改答复。复核结论不能更改。",
        "Reject the appeal? The rating counts, and the department must rectify and answer in time. The decision is final.",
    ),
    (
        "admin.appeal.results",
        "{year} 年好差评结果（公开）",
        "Published ratings, {year}",
    ),
    (
        "admin.appeal.no_results",
        "本年暂无评价。",
        "No ratings this year yet.",
    ),
    (
        "admin.appeal.results_note",
        "申诉成立的差评不计入；满意率为非常满意、满意和基本满意所占比例。",
        "Ratings whose appeal was upheld are not counted; satisfaction is the share of very satisfied, satisfied and fairly satisfied.",
    ),
    ("admin.appeal.total", "计入评价", "Counted"),
    (
        "admin.appeal.excluded",
        "申诉成立不计入",
        "Excluded on appeal",
    ),
    ("admin.appeal.satisfaction", "满意率", "Satisfaction"),
];
