//! The strings of 办件查询 in the app (`track.*`, beyond the page's heading in `ui.rs`).

use super::Entry;

/// Case tracking strings, `(key, Chinese, English)`.
pub static TRACKING_UI: &[Entry] = &[
    ("track.case_no", "办件编号", "Case number"),
    ("track.query_code", "查询码", "Query code"),
    ("track.submit", "查询", "Look up"),
    (
        "track.both_required",
        "请填写办件编号和查询码。",
        "Enter both the case number and the query code.",
    ),
    (
        "track.on_device",
        "本机关注的办件",
        "Cases followed on this device",
    ),
    (
        "track.not_fetched",
        "尚未取得该办件的办理信息，联网后自动更新。",
        "No information about this case yet; it updates when the device is online.",
    ),
    ("track.case_type", "办件类型", "Case type"),
    ("track.state", "当前状态", "Status"),
    ("track.department", "承办部门", "Department"),
    ("track.deadline", "办结时限", "Deadline"),
    (
        "track.days_left",
        "剩余 {days} 个工作日",
        "{days} working days left",
    ),
    (
        "track.overdue_by",
        "已超期 {days} 个工作日",
        "Overdue by {days} working days",
    ),
    (
        "track.supplement_asked",
        "需要补正，请补充以下材料：",
        "A supplement is needed. Please provide:",
    ),
    ("track.parts", "各部门办理情况", "Each department's part"),
    ("track.timeline", "办理过程", "History"),
    ("track.as_of", "信息更新于", "As of"),
    (
        "track.offline_copy",
        "离线显示本机保存的信息",
        "offline: the copy kept on this device",
    ),
    ("track.forget", "从本机移除", "Remove from this device"),
    (
        "track.forget_confirm",
        "从本机移除该办件和查询码？办件本身不受影响。",
        "Remove this case and its query code from this device? The case itself is not affected.",
    ),
    ("track.forget_yes", "移除", "Remove"),
    ("track.forget_no", "取消", "Cancel"),
    (
        "track.offline",
        "当前无法连接服务器，请联网后再查询。",
        "The server cannot be reached now. Look the case up when online.",
    ),
    (
        "track.unreadable",
        "服务器的回答无法读取，请稍后再试。",
        "The server's answer could not be read. Please try again later.",
    ),
];
