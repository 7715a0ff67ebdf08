//! Strings of forms: the validation and carry-over messages of [`crate::form`] (the labels of
//! [`crate::service`] and the server's submission and upload messages are in `services`).

use super::Entry;

/// Strings of forms, `(key, Chinese, English)`.
pub static FORMS: &[Entry] = &[
    // --- Form validation -----------------------------------------------------------------
    ("form.required", "此项为必填项。", "This field is required."),
    (
        "form.declaration_required",
        "请阅读并勾选承诺后再提交。",
        "Please read and tick the declaration before you submit.",
    ),
    (
        "form.type",
        "此项的填写格式不正确。",
        "The answer to this field is not in the expected format.",
    ),
    (
        "form.text.long",
        "内容过长，最多{max}个字。",
        "Too long: at most {max} characters.",
    ),
    (
        "form.number.invalid",
        "请填写一个数字。",
        "Please enter a number.",
    ),
    (
        "form.number.too_precise",
        "这个数字位数过多或过大，请核对后填写。",
        "This number has too many digits or is too large; please check it.",
    ),
    (
        "form.number.integer",
        "请填写整数。",
        "Please enter a whole number.",
    ),
    (
        "form.number.min",
        "数值不能小于{min}。",
        "The number may not be less than {min}.",
    ),
    (
        "form.number.max",
        "数值不能大于{max}。",
        "The number may not be more than {max}.",
    ),
    (
        "form.date.invalid",
        "请按“年-月-日”填写有效日期，例如 2026-01-31。",
        "Please enter a real date as year-month-day, e.g. 2026-01-31.",
    ),
    (
        "form.date.future",
        "日期不能晚于今天。",
        "The date may not be after today.",
    ),
    (
        "form.date.past",
        "日期不能早于今天。",
        "The date may not be before today.",
    ),
    (
        "form.date.min",
        "日期不能早于{min}。",
        "The date may not be before {min}.",
    ),
    (
        "form.date.max",
        "日期不能晚于{max}。",
        "The date may not be after {max}.",
    ),
    (
        "form.choice.unknown",
        "所选项目不在可选范围内，请重新选择。",
        "This choice is not one of the options; please choose again.",
    ),
    (
        "form.choice.list",
        "此项可多选，请从列表中勾选。",
        "Several options may be ticked here; please choose from the list.",
    ),
    (
        "form.file.invalid",
        "附件信息不完整，请重新上传。",
        "The attachment details are incomplete; please upload the file again.",
    ),
    (
        "form.file.count",
        "最多上传{max}个文件。",
        "At most {max} files may be attached.",
    ),
    (
        "form.file.type",
        "只接受{types}格式的文件。",
        "Only {types} files are accepted.",
    ),
    (
        "form.file.size",
        "单个文件不能超过{max}。",
        "Each file must be at most {max}.",
    ),
    (
        "form.file.case_total",
        "一件申请的附件合计不能超过{max}。",
        "All the files of one application together must be at most {max}.",
    ),
    // --- Carrying a draft to a new form version --------------------------------------------
    (
        "form.carry.field_removed",
        "表格已更新，“{field}”一项已取消，您原来填写的内容已保留供参考。",
        "The form was updated and no longer asks for “{field}”; your earlier answer is kept for reference.",
    ),
    (
        "form.carry.kind_changed",
        "表格已更新，“{field}”的填写方式已改变，请重新填写（原内容保留供参考）。",
        "The form was updated and “{field}” is now asked differently; please answer again (your earlier answer is kept for reference).",
    ),
    (
        "form.carry.option_removed",
        "表格已更新，“{field}”中您原来的选项已不再提供，请重新选择。",
        "The form was updated and your earlier choice for “{field}” is no longer offered; please choose again.",
    ),
];
