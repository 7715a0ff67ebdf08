//! The strings of 办件查询 in the app (`track.*`, beyond the page's heading in `ui.rs`).

use super::Entry;

/// Case tracking strings, `(key, Chinese, English)`.
pub static TRACKING_UI: &[Entry] = &[
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
    (
        "track.gk_counted_from",
        "申请收到日期",
        "Counts as received on",
    ),
    ("track.gk_reply", "答复", "Reply"),
    ("track.gk_reason", "理由：", "Reason:"),
    ("track.gk_basis", "依据：", "Legal basis:"),
    ("track.gk_location", "公开位置：", "Where it is published:"),
    (
        "track.gk_right_agency",
        "请向以下机关申请：",
        "Apply to this agency instead:",
    ),
    ("track.gk_files", "答复文件", "Files of the reply"),
    (
        "track.gk_file_unavailable",
        "文件暂时无法打开：请联网后在办件查询中刷新一次，文件即会保存在本机。",
        "The file cannot be opened now: go online and refresh this case once, and it will be kept on this device.",
    ),
    (
        "track.days_left",
        "剩余 {days} 个工作日",
        "{days} working days left",
    ),
    (
        "track.supplement_asked",
        "需要补正，请补充以下材料：",
        "A supplement is needed. Please provide:",
    ),
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
    // --- 补正 by the citizen ---------------------------------------------------------------
    ("track.amend", "修改后重新提交", "Correct and resubmit"),
    (
        "track.amend_note",
        "以您已提交的内容为底稿，按要求修改后提交。",
        "Starts from what you submitted: correct it as asked, then submit.",
    ),
    (
        "track.amend_unavailable",
        "本机还没有该办件的提交内容，请联网刷新后再试。",
        "This device does not have the case's answers yet. Refresh while online and try again.",
    ),
    (
        "track.supplement_label",
        "补正 · {case} · {item}",
        "Supplement · {case} · {item}",
    ),
    ("track.staff_note", "工作人员说明：", "Note from staff:"),
    (
        "track.supplement_waiting",
        "补正内容已保存在“待发送”中，联网后自动提交。",
        "Your supplement is saved in the outbox and is sent when the device is online.",
    ),
    (
        "track.refused",
        "未能提交：{reason}",
        "Not accepted: {reason}",
    ),
    // --- 好差评 -----------------------------------------------------------------------------
    ("track.rate_heading", "好差评", "Rate this service"),
    (
        "track.rate_level",
        "您对本次办理是否满意？",
        "How satisfied are you with how this case was handled?",
    ),
    (
        "track.rate_comment",
        "意见或建议（选填）",
        "Comments or suggestions (optional)",
    ),
    ("track.rate_submit", "提交评价", "Send rating"),
    (
        "track.rate_choose",
        "请选择一个评价等级。",
        "Choose one of the levels.",
    ),
    (
        "track.rate_waiting",
        "评价已保存在“待发送”中，联网后自动提交。",
        "Your rating is saved in the outbox and is sent when the device is online.",
    ),
    (
        "track.rate_done",
        "您的评价：{level}",
        "Your rating: {level}",
    ),
    ("track.rate_label", "好差评 · {case}", "Rating · {case}"),
    // --- Complaints -------------------------------------------------------------------------
    ("track.complaints", "投诉", "Complaints"),
    ("track.complaint_open", "我要投诉", "File a complaint"),
    (
        "track.complain_case",
        "投诉此办件",
        "Complain about this case",
    ),
    ("track.complaint_subject", "投诉事由", "Subject"),
    ("track.complaint_facts", "事实与理由", "Facts and reasons"),
    (
        "track.complaint_contact",
        "联系电话或电子邮箱（用于答复）",
        "Phone or e-mail (for the reply)",
    ),
    (
        "track.complaint_case",
        "相关办件编号（选填）",
        "Related case number (optional)",
    ),
    ("track.complaint_submit", "提交投诉", "Send complaint"),
    (
        "track.complaint_required",
        "请填写投诉事由、事实与理由和联系方式。",
        "Fill in the subject, the facts and reasons, and a contact.",
    ),
    (
        "track.complaint_saved",
        "投诉已保存，联网后自动提交；提交后投诉编号和查询码显示在下方。",
        "Your complaint is saved and is sent when the device is online; its number and query code then show below.",
    ),
    ("track.complaint_waiting", "待发送", "waiting to be sent"),
    (
        "track.complaint_label",
        "投诉 · {subject}",
        "Complaint · {subject}",
    ),
    ("track.complaint_reply", "答复：", "Reply:"),
    (
        "track.complaint_code_note",
        "请记下投诉编号和查询码：在其他设备上查询投诉需要二者，联系电话不能用于查询。",
        "Note down the complaint number and query code: you need both to look the complaint up on another device; the phone number does not open it.",
    ),
    (
        "track.complaint_find",
        "查询在别处提交的投诉",
        "Find a complaint filed elsewhere",
    ),
    ("track.complaint_no", "投诉编号", "Complaint number"),
    ("track.complaint_find_submit", "查询投诉", "Find complaint"),
    (
        "track.complaint_find_required",
        "请填写投诉编号和查询码。",
        "Enter the complaint number and its query code.",
    ),
    (
        "track.complaints_none",
        "本机没有投诉记录。",
        "No complaints from this device.",
    ),
];
