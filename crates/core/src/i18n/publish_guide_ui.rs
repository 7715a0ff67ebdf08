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
