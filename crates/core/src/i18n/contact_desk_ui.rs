//! The strings of the staff's front desk of 咨询 and 预约 (`/staff/front/`): `front.*` keys.

use super::Entry;

/// 咨询答复, 电子监察 of late answers, 今日预约 and their settings, `(key, Chinese, English)`.
pub static CONTACT_DESK_UI: &[Entry] = &[
    ("front.title", "咨询与预约", "Questions and appointments"),
    ("front.questions", "咨询答复", "Questions to answer"),
    (
        "front.late",
        "电子监察：超期答复",
        "Monitoring: late answers",
    ),
    ("front.bookings", "今日预约", "Appointments of the day"),
    ("front.settings", "时限与名额", "Time limit and places"),
    ("front.status", "状态", "State"),
    ("front.status.open", "待答复", "Awaiting an answer"),
    ("front.status.answered", "已答复", "Answered"),
    ("front.status.all", "全部", "All"),
    ("front.none", "没有咨询。", "No questions."),
    ("front.due", "答复期限", "Due"),
    (
        "front.days_left",
        "剩余 {n} 个工作日",
        "{n} working days left",
    ),
    (
        "front.days_over",
        "超期 {n} 个工作日",
        "{n} working days late",
    ),
    ("front.late_mark", "已超期", "Late"),
    (
        "front.publish_allowed",
        "提问人同意公开",
        "The asker allows publication",
    ),
    (
        "front.publish_refused",
        "提问人未同意公开",
        "The asker does not allow publication",
    ),
    ("front.answer", "答复", "Answer"),
    ("front.answer_send", "提交答复", "Send the answer"),
    (
        "front.publish_too",
        "同时公开为常见问题",
        "Also publish as a frequently asked question",
    ),
    (
        "front.redact_hint",
        "公开前请删除姓名、电话、证件号码等个人信息。",
        "Remove names, phone numbers, ID numbers and other personal data before publishing.",
    ),
    ("front.faq_question", "公开的问题", "Question as published"),
    ("front.faq_answer", "公开的答复", "Answer as published"),
    (
        "front.publish",
        "公开为常见问题",
        "Publish as a frequently asked question",
    ),
    (
        "front.republish",
        "修改公开的内容",
        "Change the published text",
    ),
    ("front.publish_send", "公开", "Publish"),
    ("front.published", "已公开", "Published"),
    ("front.unpublish", "撤回公开", "Withdraw"),
    ("front.date", "日期", "Date"),
    ("front.department", "部门", "Department"),
    ("front.department_pick", "请选择部门", "Choose a department"),
    (
        "front.day_off",
        "这一天不是工作日，没有预约。",
        "Not a working day: no appointments.",
    ),
    ("front.slot_empty", "无预约", "No appointment"),
    ("front.id_last4", "证件尾号", "ID ending"),
    ("front.arrived", "已到场", "Arrived"),
    ("front.no_show", "未到场", "Did not come"),
    (
        "front.answer_days",
        "咨询答复时限（工作日）",
        "Time to answer a question (working days)",
    ),
    (
        "front.answer_days_hint",
        "1 到 30 个工作日，适用于此后收到的咨询。",
        "1 to 30 working days; applies to questions received from now on.",
    ),
    ("front.capacity", "每个时段的预约名额", "Places per slot"),
    (
        "front.capacity_hint",
        "0 到 50；减少名额不会取消已有的预约。",
        "0 to 50; lowering it never cancels a booking.",
    ),
    (
        "front.capacity_per_slot",
        "每半小时名额",
        "Places per half hour",
    ),
    ("front.save", "保存", "Save"),
    ("front.saved", "已保存", "Saved"),
];
