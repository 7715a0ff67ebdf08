//! Strings of forms, service items and submissions: validation messages of
//! [`crate::form`], the labels of [`crate::service`], and the server's submission and upload
//! messages (kept here so the app can show the same sentence when it replays a stored reply).

use super::Entry;

/// Strings of forms, service items and submissions, `(key, Chinese, English)`.
pub static FORMS: &[Entry] = &[
    // --- Form validation -----------------------------------------------------------------
    ("form.required", "此项为必填项。", "This field is required."),
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
    // --- Service items (十公开) -------------------------------------------------------------
    ("service.fee.free", "不收费", "Free of charge"),
    ("service.material.original", "原件", "Original"),
    ("service.material.copy", "复印件", "Copy"),
    (
        "service.material.original_and_copy",
        "原件及复印件",
        "Original and copy",
    ),
    ("service.material.required", "必需", "Required"),
    ("service.material.optional", "非必需", "Optional"),
    (
        "service.material.uploadable",
        "可网上提交",
        "Can be uploaded",
    ),
    ("service.days", "{days}个工作日", "{days} working days"),
    ("service.on_the_spot", "即时办结", "Done on the spot"),
    (
        "service.promised_exceeds_legal",
        "承诺时限（{promised}个工作日）不能超过法定时限（{legal}个工作日）。",
        "The committed time limit ({promised} working days) may not exceed the legal limit ({legal} working days).",
    ),
    (
        "service.joint_needs_departments",
        "联办件须列出参与办理的部门。",
        "A joint case must list the departments taking part.",
    ),
    (
        "service.missing",
        "事项信息不完整：缺少{what}。",
        "The service item is incomplete: {what} is missing.",
    ),
    // --- Submissions and uploads (server replies) -------------------------------------------
    (
        "submission.client_id.invalid",
        "提交编号格式不正确（应为8至64位字母、数字或连字符）。",
        "The submission id is not valid (8 to 64 letters, digits or hyphens).",
    ),
    (
        "submission.client_id.reused",
        "此提交编号已用于另一份内容不同的申请。请勿修改已提交的申请；如需更改，请作为新申请提交。",
        "This submission id was already used for an application with different content. A sent application cannot be changed; submit the change as a new application.",
    ),
    (
        "submission.hash_mismatch",
        "申请内容在传输中发生变化（校验值不符），请重新提交。",
        "The application changed in transit (its checksum does not match); please send it again.",
    ),
    (
        "submission.item_unknown",
        "找不到该办事事项，可能已停止办理。",
        "This service item could not be found; it may no longer be offered.",
    ),
    (
        "submission.version_unknown",
        "该表格版本不存在，请刷新后重新填写。",
        "This version of the form does not exist; please reload and fill it in again.",
    ),
    (
        "submission.upload_missing",
        "附件未上传成功或已失效，请重新上传。",
        "An attachment was not uploaded or has expired; please upload it again.",
    ),
    (
        "upload.too_large",
        "文件太大：此处每个文件最大{max}，您的文件有{size}。请压缩或分页后重新上传。",
        "The file is too large: each file here may be at most {max}, and yours is {size}. Please shrink it or split it and upload again.",
    ),
    (
        "upload.too_large_unknown",
        "文件太大：此处每个文件最大{max}。请压缩或分页后重新上传。",
        "The file is too large: each file here may be at most {max}. Please shrink it or split it and upload again.",
    ),
    (
        "upload.type",
        "文件类型不受支持：此处只接受{types}文件（按文件内容识别，与文件名无关）。",
        "This type of file is not accepted: only {types} files are accepted here (recognised by the file's content, not its name).",
    ),
    (
        "upload.not_file_field",
        "该项不接受附件。",
        "This field does not take attachments.",
    ),
    (
        "upload.empty",
        "文件是空的，请重新选择。",
        "The file is empty; please choose it again.",
    ),
];
