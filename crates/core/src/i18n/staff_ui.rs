//! The staff desk's interface strings (`staff.*`).

use super::Entry;

/// Staff desk strings, `(key, Chinese, English)`.
pub static STAFF_UI: &[Entry] = &[
    ("staff.title", "工作人员工作台", "Staff desk"),
    ("staff.login", "工作人员登录", "Staff sign-in"),
    ("staff.username", "用户名", "Username"),
    ("staff.password", "密码", "Password"),
    ("staff.sign_in", "登录", "Sign in"),
    ("staff.sign_out", "退出", "Sign out"),
    (
        "staff.login_unreachable",
        "无法连接服务器，请检查网络后重试。",
        "The server cannot be reached. Check the network and try again.",
    ),
    ("staff.sections", "工作台栏目", "Desk sections"),
    ("staff.queue", "待办事项", "Work queue"),
    (
        "staff.overdue",
        "电子监察（超期）",
        "Overdue (e-supervision)",
    ),
    ("staff.followups", "差评整改", "Bad-rating follow-ups"),
    ("staff.all_states", "全部状态", "All states"),
    ("staff.all_departments", "全部部门", "All departments"),
    ("staff.queue_empty", "没有待办事项。", "Nothing to do."),
    ("staff.item", "事项", "Service"),
    ("staff.received", "收件时间", "Received"),
    ("staff.total", "共 {n} 件", "{n} in all"),
    (
        "staff.overdue_none",
        "没有超期的办件。",
        "Nothing is overdue.",
    ),
    (
        "staff.followups_none",
        "没有待整改的差评。",
        "No bad rating to follow up.",
    ),
    ("staff.reply_by", "答复期限", "Answer by"),
    ("staff.replied", "已答复：", "Answered:"),
    ("staff.reply", "整改答复", "Answer"),
    ("staff.send_reply", "提交答复", "Send the answer"),
    ("staff.back", "返回待办", "Back to the queue"),
    ("staff.done", "已办理。", "Done."),
    (
        "staff.part_approve",
        "本部门同意",
        "Agree for this department",
    ),
    (
        "staff.part_deny",
        "本部门不同意",
        "Disagree for this department",
    ),
    (
        "staff.part_absent",
        "记为缺席（缺席默认）",
        "Record as absent (deemed consent)",
    ),
    ("staff.part_due", "答复期限", "answer by"),
    ("staff.answers", "申请内容", "What was submitted"),
    ("staff.attachments", "申报材料", "Attachments"),
    ("staff.file_missing", "文件未上传", "file not uploaded"),
    ("staff.actions", "办理", "Actions"),
    (
        "staff.no_moves",
        "该办件当前没有可办理的操作。",
        "No action is possible on this case now.",
    ),
    (
        "staff.missing_list",
        "需补正的材料（每行一项）",
        "Missing materials (one per line)",
    ),
    ("staff.note", "给申请人的说明", "Note to the applicant"),
    ("staff.reason", "理由", "Reason"),
    ("staff.result", "办理结果", "Result"),
];
