//! Strings of service items (十公开) and the server's replies to submissions and uploads: a
//! slice of its own, next to `forms`, so that the forms bundle (which shows neither) leaves
//! them out; the guide and the server carry every slice.

use super::Entry;

/// Service items' labels and the submission and upload replies, `(key, Chinese, English)`.
pub static SERVICES: &[Entry] = &[
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
        "upload.quota",
        "这一小时内从您所在网络上传的文件已达上限（{files}个或{size}），请在{minutes}分钟后再上传，或到窗口办理。",
        "The files uploaded from your network this hour have reached the limit ({files} files or {size}). Please upload again in {minutes} minutes, or come to the service window.",
    ),
    (
        "upload.empty",
        "文件是空的，请重新选择。",
        "The file is empty; please choose it again.",
    ),
    (
        "upload.corrupt",
        "文件在传输中损坏（校验值不符），请重新上传。",
        "The file was damaged on the way (its checksum does not match); please upload it again.",
    ),
    (
        "upload.offset",
        "上传请求缺少有效的Upload-Offset。",
        "The upload request has no valid Upload-Offset.",
    ),
];
