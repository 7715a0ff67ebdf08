//! The strings of 咨询 and 预约 (`consultation.*`, `booking.*`, `contact.*`): the core rules'
//! messages and labels and the server's replies. The pages' own strings are elsewhere.

use super::Entry;

/// 咨询 and 预约 strings, `(key, Chinese, English)`.
pub static CONTACT: &[Entry] = &[
    (
        "booking.already_marked",
        "该预约已标记为“{state}”，不能改为其他状态。",
        "This booking is already marked “{state}” and cannot be changed.",
    ),
    (
        "booking.capacity.range",
        "每个时段可预约人数应为 0 至 {max} 的整数（0 表示不开放）。",
        "Places per slot must be a whole number from 0 to {max} (0 closes the slot).",
    ),
    (
        "booking.date.invalid",
        "请选择预约日期（格式如 2026-12-07）。",
        "Choose the date of the visit (as 2026-12-07).",
    ),
    (
        "booking.date_label",
        "{year}年{month}月{day}日（{weekday}）",
        "{weekday} {day} {month} {year}",
    ),
    (
        "booking.days.range",
        "天数应为 1 至 {max} 的整数。",
        "The number of days must be a whole number from 1 to {max}.",
    ),
    (
        "booking.department.required",
        "请选择部门。",
        "Choose a department.",
    ),
    (
        "booking.department.unknown",
        "没有这个部门，请从列表中选择。",
        "There is no such department; choose one from the list.",
    ),
    (
        "booking.from.invalid",
        "开始日期格式不正确（应如 2026-12-07）。",
        "The start date is not valid (write it as 2026-12-07).",
    ),
    (
        "booking.item.unknown",
        "该部门没有这个事项，请重新选择或不选事项。",
        "This department has no such service; choose another or none.",
    ),
    (
        "booking.mark.invalid",
        "请选择“已到场”或“未到场”。",
        "Choose “arrived” or “no-show”.",
    ),
    (
        "booking.not_found",
        "预约编号或查询码不正确。",
        "The booking number or query code is not correct.",
    ),
    (
        "booking.refused.full",
        "{slot} 已约满，请选择其他时段。",
        "{slot} is fully booked. Please choose another time.",
    ),
    (
        "booking.refused.limit",
        "您在{department}已有 {count} 个未完成的预约（{bookings}），每人最多 {count} 个。请先取消其中一个。",
        "You already hold {count} open bookings at {department} ({bookings}); one person may hold at most {count}. Cancel one first.",
    ),
    (
        "booking.refused.not_working_day",
        "{date} 不是工作日，中心不办公，请选择工作日。",
        "{date} is not a working day: the center is closed. Please choose a working day.",
    ),
    (
        "booking.refused.outside_hours",
        "{time} 不是可预约的时段：办公时间为 9:00—12:00、13:30—17:00，每半小时一个时段。",
        "{time} is not a bookable time: the center is open 9:00–12:00 and 13:30–17:00, in half-hour slots.",
    ),
    (
        "booking.refused.past",
        "{slot} 已经开始或已过，不能预约，请选择之后的时段。",
        "{slot} has already started or is over. Please choose a later time.",
    ),
    (
        "booking.refused.too_far",
        "{date} 超出可预约范围：只能预约 {days} 天以内的时段。",
        "{date} is too far ahead: visits can be booked up to {days} days ahead.",
    ),
    (
        "booking.slot_label",
        "{date}{start}—{end}",
        "{date}, {start}–{end}",
    ),
    (
        "booking.slot_not_started",
        "该时段尚未开始，还不能标记到场或未到场。",
        "This slot has not started yet; arrival or no-show cannot be marked.",
    ),
    (
        "booking.start.invalid",
        "请选择预约时段（格式如 09:30）。",
        "Choose the time of the visit (as 09:30).",
    ),
    ("booking.status.arrived", "已到场", "Arrived"),
    ("booking.status.booked", "已预约", "Booked"),
    ("booking.status.cancelled", "已取消", "Cancelled"),
    ("booking.status.no_show", "未到场", "No-show"),
    ("booking.weekday.1", "星期一", "Mon"),
    ("booking.weekday.2", "星期二", "Tue"),
    ("booking.weekday.3", "星期三", "Wed"),
    ("booking.weekday.4", "星期四", "Thu"),
    ("booking.weekday.5", "星期五", "Fri"),
    ("booking.weekday.6", "星期六", "Sat"),
    ("booking.weekday.7", "星期日", "Sun"),
    (
        "consultation.already_answered",
        "这条咨询已经答复过了。",
        "This question has already been answered.",
    ),
    (
        "consultation.answer_days.range",
        "答复时限应为 1 至 {max} 个工作日。",
        "The time limit must be from 1 to {max} working days.",
    ),
    (
        "consultation.item.unknown",
        "没有这个事项，请从办事指南中选择。",
        "There is no such service; choose one from the guide.",
    ),
    (
        "consultation.not_found",
        "咨询编号或查询码不正确。",
        "The question number or query code is not correct.",
    ),
    (
        "consultation.publish_not_allowed",
        "提问人未同意公开，这条咨询不能列入常见问题。",
        "The person who asked did not agree to publication: this question cannot become a FAQ.",
    ),
    (
        "consultation.question.empty",
        "请填写您要咨询的问题。",
        "Write your question.",
    ),
    (
        "consultation.question.too_long",
        "问题最多 {max} 个字，现在是 {found} 个字，请删减。",
        "A question may have at most {max} characters; this one has {found}. Please shorten it.",
    ),
    ("consultation.status.answered", "已答复", "Answered"),
    ("consultation.status.open", "待答复", "Awaiting answer"),
    (
        "consultation.text.empty",
        "请填写此项（只有空格不算）。",
        "Fill this in (spaces alone do not count).",
    ),
    (
        "consultation.text.too_long",
        "最多 {max} 个字，现在是 {found} 个字，请删减。",
        "At most {max} characters; this has {found}. Please shorten it.",
    ),
    ("contact.name.empty", "请填写姓名。", "Enter your name."),
];
