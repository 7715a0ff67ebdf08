//! The staff desk's 依申请公开 strings (`staff.gk.*`): the agency's request queue, one
//! request with its steps (补正, 延期, 征求第三方意见, 答复, 视为撤回), and table 三 of the
//! annual report. The reply kinds and states are the core's (`disclosure.*` in `rules_cases`).

use super::Entry;

/// 依申请公开 desk strings, `(key, Chinese, English)`.
pub static DISCLOSURE_DESK_UI: &[Entry] = &[
    ("staff.gk.tab", "依申请公开", "Disclosure requests"),
    ("staff.gk.requests", "申请列表", "Requests"),
    ("staff.gk.all_agencies", "全部机关", "All agencies"),
    (
        "staff.gk.include_closed",
        "显示已办结的申请",
        "Show closed requests too",
    ),
    (
        "staff.gk.none",
        "没有政府信息公开申请。",
        "No disclosure request.",
    ),
    ("staff.gk.agency", "行政机关", "Agency"),
    ("staff.gk.applicant", "申请人", "Applicant"),
    ("staff.gk.description", "所需信息", "Information requested"),
    ("staff.gk.counted_from", "起算日", "Counted from"),
    ("staff.gk.received", "收到申请时间", "Received"),
    ("staff.gk.due", "答复期限", "Reply due"),
    (
        "staff.gk.days",
        "已用／剩余工作日",
        "Working days used / left",
    ),
    (
        "staff.gk.days_value",
        "已用{used}个，剩余{left}个",
        "{used} used, {left} left",
    ),
    (
        "staff.gk.stopped",
        "计时暂停（补正或征求意见期间不计算）",
        "Clock stopped (supplement or consultation)",
    ),
    ("staff.gk.extended", "已延长", "Extended"),
    ("staff.gk.not_extended", "未延长", "Not extended"),
    ("staff.gk.extension", "延长情况", "Extension"),
    (
        "staff.gk.supplement_deadline",
        "补正通知最迟发出日",
        "Last day to ask for a supplement",
    ),
    ("staff.gk.back", "返回申请列表", "Back to the requests"),
    ("staff.gk.clock", "答复时限", "Time limit"),
    (
        "staff.gk.pending_supplement",
        "等待申请人补正",
        "Supplement awaited",
    ),
    ("staff.gk.missing", "需补正的内容", "What is missing"),
    (
        "staff.gk.supplement_by",
        "补正截止日期（不填则为15个工作日后）",
        "Supplement due by (empty: 15 working days from today)",
    ),
    ("staff.gk.reply", "答复", "Reply"),
    ("staff.gk.reply_on", "答复日期", "Replied on"),
    ("staff.gk.basis", "法律依据", "Legal basis"),
    (
        "staff.gk.location",
        "公开途径（网址或查阅地点）",
        "Where it is published (address or place)",
    ),
    (
        "staff.gk.right_agency",
        "掌握该信息的机关（知道时填写）",
        "Agency holding it (if known)",
    ),
    ("staff.gk.reply_text", "答复内容", "Reply text"),
    ("staff.gk.files", "答复附件", "Reply attachments"),
    ("staff.gk.trail", "办理记录", "Record of actions"),
    ("staff.gk.at", "时间（北京时间）", "Time (Beijing)"),
    ("staff.gk.by", "办理人", "By"),
    ("staff.gk.what", "操作", "Action"),
    ("staff.gk.detail", "说明", "Details"),
    (
        "staff.gk.no_steps",
        "该申请当前没有可办理的操作。",
        "No step is possible on this request now.",
    ),
    (
        "staff.gk.action.request_supplement",
        "一次性告知补正",
        "Ask for a supplement",
    ),
    (
        "staff.gk.action.extend",
        "延长答复期限",
        "Extend the time limit",
    ),
    (
        "staff.gk.action.consult_start",
        "征求第三方意见",
        "Consult a third party",
    ),
    (
        "staff.gk.action.consult_end",
        "第三方意见已收到",
        "Third party has answered",
    ),
    ("staff.gk.action.reply", "作出答复", "Reply"),
    (
        "staff.gk.action.deem_withdrawn",
        "视为撤回申请",
        "Deem the request withdrawn",
    ),
    (
        "staff.gk.missing_list",
        "需补正的内容（每行一项，至少一项）",
        "What is missing (one item per line, at least one)",
    ),
    ("staff.gk.note", "说明", "Note"),
    (
        "staff.gk.working_days",
        "延长的工作日数（1至20）",
        "Working days added (1 to 20)",
    ),
    (
        "staff.gk.extend_reason",
        "延长理由",
        "Reason for the extension",
    ),
    ("staff.gk.third_party", "第三方名称", "Third party"),
    ("staff.gk.kind", "答复类型", "Kind of reply"),
    ("staff.gk.reason", "理由", "Reason"),
    ("staff.gk.choose", "请选择", "Choose"),
    (
        "staff.gk.attach",
        "答复附件（PDF、JPG或PNG，每个不超过20MB，可多选）",
        "Attachments (PDF, JPG or PNG, up to 20 MB each; several allowed)",
    ),
    ("staff.gk.uploading", "正在上传附件…", "Uploading…"),
    ("staff.gk.remove", "移除", "Remove"),
    (
        "staff.gk.remove_named",
        "移除附件：{name}",
        "Remove the attachment {name}",
    ),
    (
        "staff.gk.withdraw_confirm",
        "申请人逾期未补正，将视为撤回申请，本申请随即办结，不能恢复。确定吗？",
        "The applicant did not supply what was missing in time: the request will be deemed withdrawn and closed for good. Continue?",
    ),
    ("staff.gk.confirm", "确定", "Confirm"),
    (
        "staff.gk.need_missing",
        "请至少填写一项需补正的内容。",
        "Write at least one missing item.",
    ),
    (
        "staff.gk.need_days",
        "延长的工作日数应为1至20之间的整数。",
        "The working days added must be a whole number from 1 to 20.",
    ),
    ("staff.gk.need_reason", "请选择理由。", "Choose a reason."),
    (
        "staff.gk.need_upload",
        "附件尚未上传完毕，请稍候。",
        "Attachments are still uploading; please wait.",
    ),
    (
        "staff.gk.annual",
        "年度报告（表三）",
        "Annual report (table 3)",
    ),
    ("staff.gk.annual_year", "年度", "Year"),
    ("staff.gk.annual_show", "查看", "Show"),
    ("staff.gk.annual_csv", "下载CSV文件", "Download as CSV"),
    (
        "staff.gk.annual_caption",
        "{year}年收到和处理政府信息公开申请情况（{agency}）",
        "Disclosure requests received and handled in {year} ({agency})",
    ),
    ("staff.gk.annual_item", "项目", "Item"),
    // （三）不予公开, 部分公开: WithheldReason.
    (
        "staff.gk.reason.state_secret",
        "属于国家秘密",
        "State secret",
    ),
    (
        "staff.gk.reason.forbidden_by_law",
        "其他法律行政法规禁止公开",
        "Forbidden by another law or regulation",
    ),
    (
        "staff.gk.reason.security",
        "危及“三安全一稳定”",
        "Would endanger national, public or economic security or social stability",
    ),
    (
        "staff.gk.reason.third_party_rights",
        "保护第三方合法权益",
        "Protects a third party's lawful rights",
    ),
    (
        "staff.gk.reason.internal_affairs",
        "属于三类内部事务信息",
        "Internal affairs information",
    ),
    (
        "staff.gk.reason.process_information",
        "属于四类过程性信息",
        "Process information",
    ),
    (
        "staff.gk.reason.enforcement_file",
        "属于行政执法案卷",
        "Administrative enforcement file",
    ),
    (
        "staff.gk.reason.administrative_query",
        "属于行政查询事项",
        "Administrative query matter",
    ),
    // （四）无法提供: CannotProvideReason.
    (
        "staff.gk.reason.not_held",
        "本机关不掌握相关政府信息",
        "Not held by this agency",
    ),
    (
        "staff.gk.reason.would_need_creating",
        "没有现成信息需要另行制作",
        "Does not exist and would have to be created",
    ),
    (
        "staff.gk.reason.still_unclear",
        "补正后申请内容仍不明确",
        "Still unclear after the supplement",
    ),
    // （五）不予处理: NotHandledReason.
    (
        "staff.gk.reason.petition",
        "信访举报投诉类申请",
        "A petition, report or complaint",
    ),
    ("staff.gk.reason.repeated", "重复申请", "Repeated request"),
    (
        "staff.gk.reason.publication",
        "要求提供公开出版物",
        "Asks for a published work",
    ),
    (
        "staff.gk.reason.excessive",
        "无正当理由大量反复申请",
        "Many repeated requests without good reason",
    ),
    (
        "staff.gk.reason.confirmation",
        "要求行政机关确认或重新出具已获取信息",
        "Asks to confirm or re-issue information already obtained",
    ),
];
