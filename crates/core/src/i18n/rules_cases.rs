//! Messages and labels of the rules crate about the calendar, cases and disclosure (the
//! validators' are in `rules`): a slice of its own, so that a bundle showing only validation
//! messages (the forms) leaves these out.

use super::Entry;

/// Strings of `guichet-core` for the calendar, cases and disclosure, `(key, Chinese, English)`.
pub static RULES_CASES: &[Entry] = &[
    // --- 工作日历 ----------------------------------------------------------------------------
    (
        "calendar.malformed",
        "工作日历文件格式有误：{detail}",
        "The working-day calendar file is malformed: {detail}",
    ),
    (
        "calendar.schema",
        "工作日历文件的版本（{found}）不受支持。",
        "The working-day calendar file's version ({found}) is not supported.",
    ),
    (
        "calendar.duplicate_year",
        "工作日历中{year}年出现了两次。",
        "The year {year} appears twice in the calendar.",
    ),
    (
        "calendar.date_outside_year",
        "日期{date}不属于{year}年，不能列在该年之下。",
        "The date {date} is not in {year} and cannot be listed under it.",
    ),
    (
        "calendar.duplicate_date",
        "日期{date}重复列出。",
        "The date {date} is listed more than once.",
    ),
    (
        "calendar.make_up_not_weekend",
        "调休上班日{date}不是周六或周日。",
        "The make-up working day {date} is not a Saturday or Sunday.",
    ),
    (
        "calendar.not_sorted",
        "日期{date}没有按时间顺序排列，或与前一个假期重叠。",
        "The date {date} is out of order or overlaps the previous holiday.",
    ),
    (
        "calendar.empty_holiday",
        "{year}年的节日“{name}”没有任何日期。",
        "The holiday “{name}” in {year} has no dates.",
    ),
    (
        "calendar.unnamed_holiday",
        "{year}年有一个假期没有填写名称。",
        "A holiday in {year} has no name.",
    ),
    (
        "calendar.notice_line",
        "第{line}行“{text}”无法识别：应为“假期名称 日期或日期范围，……；调休 日期，……”，日期写作2027-01-01，范围写作2027-02-05至2027-02-11。",
        "Line {line} “{text}” is not understood: write “holiday name dates or ranges, …; 调休 dates, …”, with dates as 2027-01-01 and ranges as 2027-02-05..2027-02-11.",
    ),
    (
        "calendar.notice_date",
        "第{line}行的日期“{text}”无效，应写作2027-01-01。",
        "Line {line}: “{text}” is not a valid date (write 2027-01-01).",
    ),
    (
        "calendar.notice_empty",
        "没有填写任何假期。",
        "No holiday was entered.",
    ),
    (
        "calendar.publish.year",
        "年份{year}不在可发布的范围（2000—2100年）内。",
        "The year {year} cannot be published (2000–2100 only).",
    ),
    (
        "calendar.publish.notice_missing",
        "请填写通知的标题或文号，以便留痕。",
        "Enter the notice's title or reference number, for the audit trail.",
    ),
    (
        "calendar.publish.too_long",
        "内容过长，最多{max}个字。",
        "Too long: at most {max} characters.",
    ),
    (
        "case.event.deadline_moved",
        "节假日安排公布，办理期限由{from}调整为{to}",
        "Holiday schedule published: deadline moved from {from} to {to}",
    ),
    (
        "calendar.too_many_days",
        "{requested}个工作日超出了可计算的范围。",
        "{requested} working days is more than can be counted.",
    ),
    (
        "calendar.out_of_range",
        "日期超出了可计算的范围。",
        "The date is out of the supported range.",
    ),
    // --- 办件 ------------------------------------------------------------------------------
    // The case types' names are in `case_types.rs` (the guide shows them without the rest).
    ("case.decision.approved", "准予", "Approved"),
    ("case.decision.denied", "不予", "Denied"),
    (
        "case.state.submitted",
        "提交预审",
        "Submitted for pre-review",
    ),
    ("case.state.needs_supplement", "需补正", "Supplement needed"),
    (
        "case.state.pre_review_passed",
        "预审通过",
        "Pre-review passed",
    ),
    ("case.state.rejected", "不予受理", "Not accepted"),
    ("case.state.accepted", "已受理", "Accepted"),
    ("case.state.in_progress", "办理中", "In progress"),
    (
        "case.state.supplement_during_processing",
        "办理中补正（暂停计时）",
        "Supplement needed (time limit stopped)",
    ),
    (
        "case.state.concluded.approved",
        "办结（准予）",
        "Concluded (approved)",
    ),
    (
        "case.state.concluded.denied",
        "办结（不予）",
        "Concluded (denied)",
    ),
    ("case.state.returned", "退件", "Returned"),
    ("case.state.withdrawn", "已撤回", "Withdrawn"),
    ("case.event.submit", "提交申请", "Submit"),
    ("case.event.pass_pre_review", "预审通过", "Pass pre-review"),
    (
        "case.event.request_supplement",
        "一次性告知补正",
        "Request a supplement",
    ),
    (
        "case.event.receive_supplement",
        "收到补正材料",
        "Receive the supplement",
    ),
    ("case.event.reject", "不予受理", "Refuse to accept"),
    ("case.event.accept", "受理", "Accept"),
    (
        "case.event.start_processing",
        "开始办理",
        "Start processing",
    ),
    ("case.event.approve", "准予", "Approve"),
    ("case.event.deny", "不予", "Deny"),
    ("case.event.return", "退件", "Return"),
    ("case.event.withdraw", "撤回", "Withdraw"),
    ("case.role.applicant", "申请人", "Applicant"),
    ("case.role.staff", "工作人员", "Staff"),
    ("case.role.system", "系统", "System"),
    (
        "case.error.not_allowed",
        "办件当前状态为“{state}”，不能执行“{event}”。",
        "The case is “{state}”; “{event}” is not possible now.",
    ),
    (
        "case.error.finished",
        "办件已“{state}”，不能再执行“{event}”。",
        "The case is already “{state}”; “{event}” is no longer possible.",
    ),
    (
        "case.error.wrong_actor",
        "“{role}”不能执行“{event}”。",
        "“{event}” cannot be done by “{role}”.",
    ),
    (
        "case.error.out_of_order",
        "事件时间{at}早于上一事件时间{previous}。",
        "The event time {at} is before the previous event at {previous}.",
    ),
    (
        "case.error.bad_submission",
        "办件记录必须以且仅以一次提交开始。",
        "A case history starts with exactly one submission.",
    ),
    (
        "case.clock.already_paused",
        "承诺时限已暂停计时。",
        "The time limit is already stopped.",
    ),
    (
        "case.clock.not_paused",
        "承诺时限未暂停，无需恢复。",
        "The time limit is not stopped.",
    ),
    (
        "case.clock.out_of_order",
        "日期{date}早于计时的上一次变动。",
        "The date {date} is before the clock's previous change.",
    ),
    (
        "case.clock.finished",
        "办件已结束，计时已停止。",
        "The case is finished; its clock has stopped.",
    ),
    ("case.part.pending", "待审", "Pending"),
    ("case.part.approved", "同意", "Agreed"),
    ("case.part.denied", "不同意", "Refused"),
    (
        "case.part.deemed_timeout",
        "超时默认同意",
        "Deemed to agree (no reply in time)",
    ),
    (
        "case.part.deemed_absence",
        "缺席默认同意",
        "Deemed to agree (absent from the joint meeting)",
    ),
    (
        "case.joint.no_department",
        "联办件至少需要一个部门。",
        "A joint case needs at least one department.",
    ),
    (
        "case.joint.duplicate_department",
        "部门“{department}”重复列出。",
        "The department “{department}” is listed twice.",
    ),
    (
        "case.joint.unknown_department",
        "部门“{department}”不参与本联办件。",
        "The department “{department}” is not part of this joint case.",
    ),
    (
        "case.joint.already_settled",
        "部门“{department}”已有办理意见。",
        "The department “{department}” has already answered.",
    ),
    // --- 政府信息公开 --------------------------------------------------------------------------
    ("disclosure.channel.in_person", "当面提交", "In person"),
    ("disclosure.channel.post", "邮寄", "By post"),
    ("disclosure.channel.online", "网上提交", "Online"),
    ("disclosure.channel.fax", "传真", "By fax"),
    ("disclosure.reply.disclosed", "予以公开", "Disclosed"),
    (
        "disclosure.reply.partly_disclosed",
        "部分公开",
        "Partly disclosed",
    ),
    ("disclosure.reply.withheld", "不予公开", "Not disclosed"),
    (
        "disclosure.reply.cannot_provide",
        "无法提供",
        "Cannot be provided",
    ),
    ("disclosure.reply.not_handled", "不予处理", "Not handled"),
    (
        "disclosure.reply.already_public",
        "告知：已主动公开",
        "Told: already made public",
    ),
    (
        "disclosure.reply.not_held",
        "告知：非本机关掌握",
        "Told: not held by this agency",
    ),
    (
        "disclosure.event.supplement_requested",
        "发出补正通知",
        "Supplement notice issued",
    ),
    (
        "disclosure.event.supplement_received",
        "收到补正材料",
        "Supplement received",
    ),
    (
        "disclosure.event.supplement_not_provided",
        "逾期未补正（视为放弃申请）",
        "No supplement provided (deemed withdrawn)",
    ),
    (
        "disclosure.event.consultation_started",
        "征求第三方意见",
        "Third party consulted",
    ),
    (
        "disclosure.event.consultation_ended",
        "第三方意见征询结束",
        "Third-party consultation ended",
    ),
    (
        "disclosure.event.extended",
        "延长答复期限",
        "Time limit extended",
    ),
    ("disclosure.event.answered", "作出答复", "Answered"),
    (
        "disclosure.event.withdrawn",
        "撤回申请",
        "Request withdrawn",
    ),
    (
        "disclosure.event.received",
        "收到申请（自 {date} 起算）",
        "Request received (counted from {date})",
    ),
    (
        "disclosure.agency_unknown",
        "请选择受理申请的行政机关。",
        "Choose the agency the request is for.",
    ),
    (
        "disclosure.reply_by_past",
        "补正期限应晚于今天。",
        "The date to supplement by must be after today.",
    ),
    (
        "disclosure.action_unknown",
        "无法识别的办理操作。",
        "This step is not known.",
    ),
    (
        "disclosure.reason_required",
        "请选择答复的理由。",
        "Choose the reason for this reply.",
    ),
    (
        "disclosure.kind_unknown",
        "请选择答复类型。",
        "Choose the kind of reply.",
    ),
    (
        "disclosure.action.request_supplement",
        "告知补正",
        "Asked for a supplement",
    ),
    (
        "disclosure.action.extend",
        "延长答复期限",
        "Extended the time to answer",
    ),
    (
        "disclosure.action.consult_start",
        "征求第三方意见",
        "Consulted a third party",
    ),
    (
        "disclosure.action.consult_end",
        "第三方意见已收到",
        "Third party's opinion received",
    ),
    ("disclosure.action.reply", "作出答复", "Answered"),
    (
        "disclosure.action.withdraw",
        "申请人撤回申请",
        "Withdrawn by the applicant",
    ),
    (
        "disclosure.action.deem_withdrawn",
        "逾期未补正，视为撤回",
        "No supplement in time: deemed withdrawn",
    ),
    (
        "disclosure.action.receive_supplement",
        "收到补正材料",
        "Supplement received",
    ),
    (
        "disclosure.summary.missing",
        "需补正：{value}",
        "Missing: {value}",
    ),
    ("disclosure.summary.note", "说明：{value}", "Note: {value}"),
    (
        "disclosure.summary.reply_by",
        "补正期限：{value}",
        "Supplement by {value}",
    ),
    (
        "disclosure.summary.working_days",
        "延长{value}个工作日",
        "Extended by {value} working days",
    ),
    (
        "disclosure.summary.reason",
        "理由：{value}",
        "Reason: {value}",
    ),
    (
        "disclosure.summary.third_party",
        "第三方：{value}",
        "Third party: {value}",
    ),
    ("disclosure.summary.kind", "{value}", "{value}"),
    (
        "disclosure.summary.files",
        "附件{value}个",
        "{value} file(s)",
    ),
    (
        "disclosure.summary.counted_from",
        "自{value}起重新计算",
        "Counted afresh from {value}",
    ),
    ("disclosure.state.running", "办理中", "In progress"),
    (
        "disclosure.state.awaiting_supplement",
        "待补正",
        "Awaiting supplement",
    ),
    (
        "disclosure.state.consulting",
        "征求第三方意见中",
        "Consulting a third party",
    ),
    ("disclosure.state.answered", "已答复", "Answered"),
    ("disclosure.state.withdrawn", "已撤回", "Withdrawn"),
    (
        "disclosure.error.supplement_late",
        "补正通知应在收到申请之日起7个工作日内发出，现已是第{working_days}个工作日。",
        "A supplement notice must be issued within 7 working days of receipt; this is working day {working_days}.",
    ),
    (
        "disclosure.error.second_supplement",
        "补正应一次性告知，不能再次发出补正通知。",
        "A supplement is asked for once; a second notice is not allowed.",
    ),
    (
        "disclosure.error.second_extension",
        "答复期限只能延长一次。",
        "The time limit can be extended only once.",
    ),
    (
        "disclosure.error.extension_too_long",
        "延长的期限最长不得超过20个工作日（申请延长{working_days}个工作日）。",
        "An extension is at most 20 working days ({working_days} asked).",
    ),
    (
        "disclosure.error.extension_late",
        "答复期限已于{due}届满，不能再延长。",
        "The time limit ended on {due}; it can no longer be extended.",
    ),
    (
        "disclosure.error.out_of_order",
        "日期{date}早于收到申请或上一事件的日期。",
        "The date {date} is before the receipt or the previous event.",
    ),
    (
        "disclosure.error.supplement_not_due",
        "申请人补正的期限至 {reply_by} 止，期限届满前不能视为撤回申请。",
        "The applicant has until {reply_by} to supplement; the request cannot be deemed withdrawn before then.",
    ),
    (
        "disclosure.error.not_allowed",
        "申请处于“{state}”状态，不能“{event}”。",
        "“{event}” is not possible while the request is “{state}”.",
    ),
];
