//! Editing the service guide and publishing form versions from the desk (`admin.guide.*`): the
//! page's strings, and the form editor's problems (`admin.guide.def.*`, worded by the server).

use super::Entry;

/// `(key, Chinese, English)`.
pub static PUBLISH_GUIDE_UI: &[Entry] = &[
    (
        "error.stale_edit",
        "内容已被他人修改，您这次的修改没有保存。请重新载入，查看最新内容后再修改。",
        "Someone else changed this since you opened it; your change was not saved. Reload to see the latest version, then edit again.",
    ),
    // --- The page ------------------------------------------------------------------------
    (
        "admin.guide.title",
        "办事指南与网上申请表格",
        "Service guide and online forms",
    ),
    ("admin.guide.choose", "事项：", "Item:"),
    (
        "admin.guide.none",
        "没有您可以编辑的事项。",
        "There is no item you may edit.",
    ),
    (
        "admin.guide.item_heading",
        "事项信息（十公开）",
        "The item's ten disclosures",
    ),
    (
        "admin.guide.updated",
        "事项编码 {code}，最后修改于 {time}（北京时间）。",
        "Item code {code}, last changed {time} (Beijing time).",
    ),
    ("admin.guide.f.name", "事项名称", "Item name"),
    ("admin.guide.f.case_type", "办件类型", "Case type"),
    (
        "admin.guide.f.joint",
        "联办部门（部门代码，用逗号分隔；仅联办件）",
        "Joint departments (codes separated by commas; joint cases only)",
    ),
    (
        "admin.guide.f.promised_days",
        "承诺时限（工作日）",
        "Committed time limit (working days)",
    ),
    (
        "admin.guide.f.legal_days",
        "法定时限（工作日）",
        "Legal time limit (working days)",
    ),
    ("admin.guide.f.fee", "收费", "Fees"),
    ("admin.guide.f.fee_kind", "是否收费", "Charged or free"),
    ("admin.guide.f.fee_free", "不收费", "Free of charge"),
    ("admin.guide.f.fee_charged", "收费", "Charged"),
    (
        "admin.guide.f.fee_standard",
        "收费标准（写明金额）",
        "Fee standard (state the amount)",
    ),
    (
        "admin.guide.f.fee_basis",
        "收费依据（价格文件）",
        "Fee basis (the pricing document)",
    ),
    ("admin.guide.f.materials", "申报材料", "Materials"),
    ("admin.guide.f.legal_basis", "法律依据", "Legal basis"),
    ("admin.guide.f.steps", "办事程序", "Procedure"),
    ("admin.guide.f.conditions", "申报条件", "Conditions"),
    ("admin.guide.f.result", "办事结果", "Result"),
    ("admin.guide.f.place", "办理地点", "Place"),
    ("admin.guide.f.hours", "办理时间", "Opening hours"),
    ("admin.guide.f.telephone", "咨询电话", "Telephone"),
    ("admin.guide.one_per_line", "每行一条。", "One per line."),
    ("admin.guide.case.immediate", "即办件", "Done on the spot"),
    (
        "admin.guide.case.promised",
        "承诺件",
        "Committed time limit",
    ),
    ("admin.guide.case.joint", "联办件", "Joint case"),
    ("admin.guide.case.reported", "上报件", "Reported upwards"),
    ("admin.guide.m.name", "材料名称", "Material"),
    ("admin.guide.m.form", "形式", "Form"),
    ("admin.guide.m.count", "份数", "Copies"),
    ("admin.guide.m.required", "必需", "Required"),
    ("admin.guide.m.uploadable", "可网上提交", "Can be uploaded"),
    (
        "admin.guide.m.note",
        "说明（何种情形需要）",
        "Note (when needed)",
    ),
    ("admin.guide.m.remove", "删除材料", "Remove material"),
    ("admin.guide.m.add", "添加材料", "Add a material"),
    ("admin.guide.m.original", "原件", "Original"),
    ("admin.guide.m.copy", "复印件", "Copy"),
    (
        "admin.guide.m.original_and_copy",
        "原件及复印件",
        "Original and copy",
    ),
    ("admin.guide.save", "保存修改", "Save changes"),
    ("admin.guide.saving", "正在保存…", "Saving…"),
    (
        "admin.guide.saved",
        "已保存（{time}）。群众下次联网打开办事指南时即看到新内容。",
        "Saved ({time}). People see it the next time they open the guide online.",
    ),
    (
        "admin.guide.reload",
        "重新载入最新内容",
        "Reload the latest version",
    ),
    (
        "admin.guide.form_heading",
        "网上申请表格",
        "Online application form",
    ),
    (
        "admin.guide.form_current",
        "现行版本：第{version}版。在此修改后发布为第{next}版。",
        "Current version: {version}. Published from here it becomes version {next}.",
    ),
    (
        "admin.guide.form_none",
        "此事项还没有网上申请表格。在此发布后为第{next}版。",
        "This item has no online form yet. Published from here it becomes version {next}.",
    ),
    (
        "admin.guide.form_help",
        "表格定义（JSON）。事项编码和版本号由系统填写。",
        "The form definition (JSON). The item code and version are filled in by the system.",
    ),
    ("admin.guide.check", "检查", "Check"),
    ("admin.guide.preview", "预览", "Preview"),
    ("admin.guide.publish", "发布", "Publish"),
    (
        "admin.guide.check_ok",
        "检查通过，可以预览和发布。",
        "No problem found: ready to preview and publish.",
    ),
    (
        "admin.guide.problems",
        "发现{count}处问题，修改后才能发布：",
        "{count} problem(s) found; fix them before publishing:",
    ),
    (
        "admin.guide.preview_title",
        "预览：群众看到的表格（预览中不会保存或提交）",
        "Preview: the form as people will see it (nothing is saved or sent)",
    ),
    (
        "admin.guide.confirm_text",
        "将发布为第{version}版。此后群众新填写的申请都使用新版本；旧版本的草稿可以转到新版本，已提交的申请不受影响。已发布的版本不能撤回。",
        "This becomes version {version}. New applications use it from now on; drafts of the old version can move to it, and applications already sent are not affected. A published version cannot be withdrawn.",
    ),
    ("admin.guide.confirm", "确认发布", "Publish now"),
    ("admin.guide.cancel", "取消", "Cancel"),
    (
        "admin.guide.published",
        "已发布第{version}版。",
        "Version {version} is published.",
    ),
    // --- Problems of an edited item (core `service`, worded by the server; here rather than in
    // `services`, which the citizens' guide bundle registers and does not need them)
    (
        "service.legal_days_zero",
        "法定时限至少为1个工作日（即办件除外）。",
        "The legal time limit must be at least one working day (unless done on the spot).",
    ),
    (
        "service.blank_entry",
        "{what}第{n}条是空的，请填写或删除。",
        "Entry {n} of {what} is blank; fill it in or remove it.",
    ),
    (
        "service.material.name_blank",
        "申报材料第{n}项：材料名称不能为空。",
        "Material {n}: the name may not be blank.",
    ),
    (
        "service.material.count_zero",
        "申报材料第{n}项：份数至少为1。",
        "Material {n}: the number of copies must be at least 1.",
    ),
    (
        "service.fee.standard_blank",
        "收费标准：收费事项须写明收费标准。",
        "Fee standard: a charged item must state its fee standard.",
    ),
    (
        "service.fee.no_amount",
        "收费标准：须写明金额（如“每证10元”）。",
        "Fee standard: state the amount (e.g. \"10 yuan per certificate\").",
    ),
    (
        "service.fee.negative",
        "收费标准：金额不能为负数。",
        "Fee standard: the amount may not be negative.",
    ),
    (
        "service.fee.basis_blank",
        "收费依据：收费事项须写明收费依据（价格主管部门的文件）。",
        "Fee basis: a charged item must name its legal basis (the pricing document).",
    ),
    ("service.field.code", "事项编码", "item code"),
    ("service.field.name", "事项名称", "item name"),
    ("service.field.department", "实施机关", "department"),
    ("service.field.legal_basis", "法律依据", "legal basis"),
    ("service.field.steps", "办事程序", "procedure"),
    ("service.field.conditions", "申报条件", "conditions"),
    ("service.field.result", "办事结果", "result"),
    ("service.field.place", "办理地点", "place"),
    ("service.field.hours", "办理时间", "opening hours"),
    ("service.field.telephone", "咨询电话", "telephone"),
    ("service.field.unknown", "必填信息", "a required field"),
    // --- Problems of a form definition (core `form::editor`, worded by the server) ----------
    (
        "admin.guide.def.at_line",
        "第{line}行第{column}列",
        "line {line}, column {column}",
    ),
    (
        "admin.guide.def.not_json",
        "不是有效的 JSON：请检查此处附近的括号、引号和逗号。",
        "Not valid JSON: check the brackets, quotes and commas near here.",
    ),
    (
        "admin.guide.def.not_object",
        "表格定义应为一个 JSON 对象（以 { 开头）。",
        "A form definition is one JSON object (starting with {).",
    ),
    ("admin.guide.def.whole", "整个表格", "the whole form"),
    (
        "admin.guide.def.section",
        "第{n}部分「{title}」",
        "section {n} \"{title}\"",
    ),
    (
        "admin.guide.def.field",
        "{section}第{n}个问题「{label}」（{id}）",
        "{section}, question {n} \"{label}\" ({id})",
    ),
    (
        "admin.guide.def.missing",
        "缺少必填项「{name}」。",
        "The required entry \"{name}\" is missing.",
    ),
    (
        "admin.guide.def.unknown_variant",
        "「{name}」不是可用的类型或选项。",
        "\"{name}\" is not an available kind or option.",
    ),
    (
        "admin.guide.def.wrong_shape",
        "写法不符合表格定义：{detail}",
        "Not written as a form definition expects: {detail}",
    ),
    (
        "admin.guide.def.unreadable",
        "群众端无法按原样读取此定义，请检查写法。",
        "The citizens' pages could not read this definition as it is; check how it is written.",
    ),
    (
        "admin.guide.def.zero_version",
        "版本号须从1开始。",
        "Versions start at 1.",
    ),
    (
        "admin.guide.def.empty_id",
        "编号（id）不能为空。",
        "The id may not be empty.",
    ),
    (
        "admin.guide.def.duplicate_id",
        "编号「{id}」重复：每个部分和问题的编号须唯一。",
        "The id \"{id}\" is used twice: every section and question needs its own.",
    ),
    (
        "admin.guide.def.unknown_condition_field",
        "显示条件引用了不存在的问题「{id}」。",
        "The display condition names the question \"{id}\", which does not exist.",
    ),
    (
        "admin.guide.def.bad_options",
        "选择题须至少有一个选项，且选项值不能重复。",
        "A choice needs at least one option, and no two options with the same value.",
    ),
    (
        "admin.guide.def.bad_file_limits",
        "附件题须写明可接受的文件类型、单个文件大小上限和文件个数上限。",
        "A file question must state the accepted types, a size limit and a count limit.",
    ),
    (
        "admin.guide.def.no_sections",
        "表格至少要有一个部分。",
        "The form needs at least one section.",
    ),
    (
        "admin.guide.def.empty_section",
        "此部分没有任何问题。",
        "This section has no question.",
    ),
    (
        "admin.guide.def.blank_label",
        "标题或选项文字不能为空。",
        "A title, question or option text may not be blank.",
    ),
    (
        "admin.guide.def.unknown_key",
        "文字键「{key}」不存在，群众会看到这个键本身。",
        "The text key \"{key}\" does not exist; people would see the key itself.",
    ),
    (
        "admin.guide.def.bad_range",
        "取值范围无效：最小值大于最大值，或允许的字数为0。",
        "The range allows no answer: the minimum is above the maximum, or 0 characters are allowed.",
    ),
];
