//! The strings of the citizen's 咨询 and 预约 pages (the `/contact` bundle) and of the item
//! page's links to them and its 常见问题: `contact.*` keys.

use super::Entry;

/// 咨询 and 预约 pages' strings, `(key, Chinese, English)`.
pub static CONTACT_UI: &[Entry] = &[
    (
        "contact.hub.title",
        "咨询与预约",
        "Questions and appointments",
    ),
    (
        "contact.hub.lead",
        "向部门提问，或预约到窗口办理的时间。没有网络时也可以先写好，联网后自动发送。",
        "Ask a department a question, or book a time at its window. Without a connection you can write now; it is sent when the line is back.",
    ),
    ("contact.hub.ask", "我要咨询", "Ask a question"),
    (
        "contact.hub.ask_text",
        "在办事指南中找到事项，点「我要咨询」",
        "Find the service in the guide and choose “Ask a question”",
    ),
    (
        "contact.hub.answers_text",
        "查看答复，或用编号和查询码查询",
        "Read answers, or look one up by number and query code",
    ),
    (
        "contact.hub.book_text",
        "选择日期和半小时时段",
        "Choose a day and a half-hour slot",
    ),
    (
        "contact.hub.bookings_text",
        "查看或取消在本设备上的预约",
        "See or cancel the appointments made on this device",
    ),
    ("contact.ask.title", "我要咨询", "Ask a question"),
    ("contact.ask.about", "咨询事项：", "About: "),
    (
        "contact.ask.pick_item",
        "请先在办事指南中选择要咨询的事项。",
        "First choose the service your question is about in the guide.",
    ),
    ("contact.ask.question", "您的问题", "Your question"),
    (
        "contact.ask.question_hint",
        "最多 1000 字。请不要填写身份证号等个人信息。",
        "At most 1,000 characters. Please leave out personal data such as ID numbers.",
    ),
    (
        "contact.ask.question_missing",
        "请填写您要咨询的问题。",
        "Enter your question.",
    ),
    (
        "contact.ask.question_long",
        "问题最多 {max} 字，现在是 {n} 字。",
        "The question can be at most {max} characters; it has {n}.",
    ),
    (
        "contact.ask.publish",
        "同意在去除个人信息后，将问题和答复公开为常见问题",
        "I agree that the question and its answer may be published as a frequently asked question, with personal data removed",
    ),
    ("contact.ask.submit", "提交咨询", "Send the question"),
    ("contact.ask.received", "咨询已收到", "Question received"),
    ("contact.ask.department", "答复部门", "Department"),
    ("contact.ask.due", "答复期限", "Answer due by"),
    (
        "contact.ask.keep_code",
        "请记下咨询编号和查询码，凭它们查看答复。",
        "Note the number and the query code: you need both to read the answer.",
    ),
    ("contact.answers.title", "咨询答复", "Answers to questions"),
    (
        "contact.answers.mine",
        "在本设备上提交的咨询",
        "Questions asked on this device",
    ),
    (
        "contact.answers.none",
        "本设备上还没有提交过咨询。",
        "No question has been asked on this device yet.",
    ),
    (
        "contact.answers.lookup",
        "按编号和查询码查询",
        "Look up by number and query code",
    ),
    (
        "contact.answers.number_hint",
        "例如 ZX20261205-0001",
        "For example ZX20261205-0001",
    ),
    ("contact.answers.look_up", "查询", "Look up"),
    ("contact.answers.answer", "答复", "Answer"),
    ("contact.answers.open", "待答复", "Awaiting an answer"),
    ("contact.book.title", "预约办理", "Book an appointment"),
    ("contact.book.department", "办理部门", "Department"),
    (
        "contact.book.department_pick",
        "请选择部门",
        "Choose a department",
    ),
    (
        "contact.book.department_missing",
        "请选择办理部门。",
        "Choose a department.",
    ),
    ("contact.book.day", "选择日期", "Choose a day"),
    ("contact.book.slot", "选择时段", "Choose a time"),
    ("contact.book.left", "剩余 {n} 个", "{n} left"),
    ("contact.book.unavailable", "不可预约", "Not available"),
    (
        "contact.book.slot_missing",
        "请选择预约日期和时段。",
        "Choose a day and a time.",
    ),
    (
        "contact.book.offline_slots",
        "当前离线，无法显示剩余名额。请选择日期和时间，联网后作为预约申请发送。",
        "You are offline, so places left cannot be shown. Choose a date and a time: the request is sent when the line is back.",
    ),
    ("contact.book.date", "日期", "Date"),
    ("contact.book.time", "时间", "Time"),
    ("contact.book.time_pick", "请选择时间", "Choose a time"),
    (
        "contact.book.id_no",
        "居民身份证号码",
        "Resident ID card number",
    ),
    (
        "contact.book.id_hint",
        "18 位，最后一位可能是 X",
        "18 characters; the last may be X",
    ),
    (
        "contact.book.id_missing",
        "请填写居民身份证号码。",
        "Enter your resident ID card number.",
    ),
    (
        "contact.book.offline_note",
        "预约需要联网确认。离线时提交的预约会先保存，联网后发送，并告诉您是否预约成功。",
        "A booking needs the server: made offline it is kept and sent when the line is back, and you are told whether it was confirmed.",
    ),
    ("contact.book.submit", "提交预约", "Book"),
    (
        "contact.book.waiting",
        "预约申请已保存，等待发送确认",
        "Booking request saved, waiting to be sent",
    ),
    (
        "contact.book.confirmed",
        "预约成功",
        "Appointment confirmed",
    ),
    ("contact.book.number", "预约编号", "Booking number"),
    ("contact.book.when", "预约时间", "Time"),
    (
        "contact.book.bring",
        "请按预约时间携带居民身份证原件到窗口办理。",
        "Come at your time with your original resident ID card.",
    ),
    (
        "contact.book.nearest",
        "可选择以下最近的空闲时段",
        "The nearest free times",
    ),
    (
        "contact.book.nearest_none",
        "最近没有空闲时段，请选择其他日期。",
        "No free time soon: choose another day.",
    ),
    ("contact.bookings.title", "我的预约", "My appointments"),
    (
        "contact.bookings.none",
        "本设备上还没有预约。",
        "No appointment has been made on this device.",
    ),
    (
        "contact.bookings.cancel",
        "取消预约",
        "Cancel the appointment",
    ),
    (
        "contact.bookings.cancel_confirm",
        "确定取消这个预约吗？",
        "Cancel this appointment?",
    ),
    ("contact.bookings.cancel_yes", "确定取消", "Yes, cancel it"),
    ("contact.bookings.cancel_no", "不取消", "No, keep it"),
    (
        "contact.bookings.cancel_waiting",
        "取消申请等待发送",
        "Cancellation waiting to be sent",
    ),
    (
        "contact.bookings.forget",
        "删除这条申请",
        "Remove this request",
    ),
    ("contact.name", "姓名", "Name"),
    ("contact.name_missing", "请填写姓名。", "Enter your name."),
    ("contact.phone", "联系电话", "Phone"),
    (
        "contact.phone_hint",
        "手机号 11 位，或带区号的固定电话",
        "An 11-digit mobile, or a landline with its area code",
    ),
    (
        "contact.phone_missing",
        "请填写联系电话。",
        "Enter a phone number.",
    ),
    ("contact.number", "咨询编号", "Question number"),
    ("contact.query_code", "查询码", "Query code"),
    (
        "contact.code_hint",
        "12 位字母和数字，例如 7KQM-2XPD-R9TB",
        "12 letters and digits, for example 7KQM-2XPD-R9TB",
    ),
    (
        "contact.number_missing",
        "请填写编号。",
        "Enter the number.",
    ),
    (
        "contact.code_missing",
        "请填写查询码。",
        "Enter the query code.",
    ),
    ("contact.copy", "复制", "Copy"),
    ("contact.copied", "已复制", "Copied"),
    ("contact.date", "{y}年{m}月{d}日", "{y}-{m}-{d}"),
    (
        "contact.errors_title",
        "有问题需要修改",
        "There is a problem",
    ),
    ("contact.late", "已超期", "Late"),
    ("contact.loading", "正在读取…", "Loading…"),
    (
        "contact.offline_note",
        "没有网络时可以先提交，联网后自动发送。",
        "Without a connection you can still send: it goes when the line is back.",
    ),
    (
        "contact.waiting",
        "已保存，联网后自动发送",
        "Saved; it will be sent when the line is back",
    ),
    (
        "contact.refused",
        "未被受理，请按提示修改后重新提交",
        "Not accepted: correct it and send it again",
    ),
    (
        "contact.unreachable",
        "暂时无法连接服务器，请稍后再试。",
        "The server cannot be reached; try again later.",
    ),
    // The item page (guide bundle).
    ("contact.item.ask", "我要咨询", "Ask a question"),
    ("contact.item.book", "预约办理", "Book an appointment"),
    ("contact.item.faq", "常见问题", "Frequently asked questions"),
];
