//! The app's strings for the service guide, online pre-review (forms), drafts, the outbox and
//! receipts. Keys start with `fui.` so that they never collide with `ui.rs`.

use super::Entry;

/// Interface strings of forms, drafts and the outbox, `(key, Chinese, English)`.
pub static FORMS_UI: &[Entry] = &[
    ("fui.apply", "网上预审", "Online pre-review"),
    // The form.
    ("fui.step_of", "第{n}步，共{total}步", "Step {n} of {total}"),
    ("fui.optional", "（选填）", " (optional)"),
    ("fui.error_prefix", "错误：", "Error: "),
    ("fui.errors_title", "有问题需要修改", "There is a problem"),
    ("fui.continue", "继续", "Continue"),
    ("fui.back", "上一步", "Back"),
    (
        "fui.saved_at",
        "已自动保存在本机（{time}）",
        "Saved on this device ({time})",
    ),
    (
        "fui.not_saved",
        "未能保存：本机存储不可用。已填写的内容仍在页面上，请勿关闭，先导出草稿。",
        "Not saved: this device's storage is unavailable. What you typed is still on the page; do not close it, export your drafts first.",
    ),
    (
        "fui.not_saved_full",
        "未能保存：本机存储空间不足。已填写的内容仍在页面上，请勿关闭；清理手机或浏览器的存储空间（或删除不用的草稿）后，再修改任一项即会重新保存。",
        "Not saved: this device's storage is full. What you typed is still on the page; do not close it. Free some space on the device or in the browser (or delete drafts you no longer need), then change any answer and it is saved again.",
    ),
    (
        "fui.check_title",
        "请核对您填写的内容",
        "Check your answers",
    ),
    ("fui.change", "修改", "Change"),
    ("fui.label_sep", "：", ": "),
    ("fui.declaration_title", "承诺", "Declaration"),
    ("fui.not_given", "未填写", "Not given"),
    ("fui.submit", "确认提交", "Submit"),
    (
        "fui.submit_note",
        "提交后内容会先保存在本机，联网时自动发送，只会发送一次。",
        "Your application is kept on this device and sent once when there is a connection.",
    ),
    (
        "fui.submit_failed",
        "无法保存提交，请重试。内容仍在草稿中。",
        "The submission could not be saved. Please try again; your draft is kept.",
    ),
    (
        "fui.submit_full",
        "本机存储空间不足，无法保存提交。内容仍在草稿中；请清理存储空间后再提交。",
        "This device's storage is full, so the submission could not be saved. Your draft is kept; free some space, then submit again.",
    ),
    (
        "fui.queued_offline",
        "已提交并保存在本机的“待发送”中。现在没有网络，本机也还未完成离线准备；网络恢复后将自动打开回执并发送，只会发送一次。",
        "Submitted and kept on this device, waiting to be sent. There is no connection now and this device is not yet ready to work offline; when the connection is back, the receipt opens and the application is sent, once.",
    ),
    ("fui.queued_offline_receipt", "打开回执", "Open the receipt"),
    (
        "fui.draft_locked",
        "此草稿已提交，正在等待发送或服务器确认。",
        "This draft has been submitted and is waiting to be sent or confirmed.",
    ),
    (
        "fui.draft_missing",
        "本机找不到这份草稿。",
        "This draft is not on this device.",
    ),
    (
        "fui.newer_version",
        "此事项的表格已更新为第{new}版，您的草稿按第{old}版填写。",
        "The form has been updated to version {new}; your draft follows version {old}.",
    ),
    (
        "fui.carry",
        "转到新版表格继续填写",
        "Move to the new version",
    ),
    ("fui.keep_version", "按原版本填完", "Finish on my version"),
    (
        "fui.dropped",
        "以下内容未能带入新版表格（原来填写的内容附后），请按需重新填写：",
        "These answers could not be carried over (your earlier answer follows); please fill in again where needed:",
    ),
    ("fui.dismiss", "知道了", "Got it"),
    // Attachments.
    (
        "fui.file.limits",
        "可上传 {types}，每个文件不超过 {max}，最多 {count} 个；一件申请的附件合计不超过 {total}。照片会在本机压缩后保存。",
        "{types} accepted, at most {max} each, up to {count} files; all the files of one application together at most {total}. Photos are reduced on this device.",
    ),
    ("fui.file.camera", "拍照", "Take a photo"),
    ("fui.file.choose", "选择文件", "Choose a file"),
    ("fui.file.remove", "删除", "Remove"),
    ("fui.file.working", "正在处理文件……", "Preparing the file…"),
    (
        "fui.file.type",
        "“{name}”的类型不符合要求，只能上传 {types}。",
        "“{name}” is not an accepted type: {types} only.",
    ),
    (
        "fui.file.size",
        "“{name}”压缩后仍超过 {max}，请换一个文件。",
        "“{name}” is still over {max}; please choose another file.",
    ),
    (
        "fui.file.unreadable",
        "无法读取“{name}”，请换一张照片或文件。",
        "“{name}” could not be read; please choose another.",
    ),
    (
        "fui.file.storage",
        "本机存储空间不足，无法保存“{name}”。",
        "This device has no room to keep “{name}”.",
    ),
    (
        "fui.file.case_total",
        "加上“{name}”，这件申请的附件合计将超过 {total}，请换一个较小的文件。",
        "With “{name}”, the files of this application would weigh more than {total} together; please choose a smaller file.",
    ),
    (
        "fui.file.count",
        "最多只能上传 {count} 个文件。",
        "At most {count} files.",
    ),
    // Drafts and outbox.
    // Receipt.
    // --- A 补正 of a case (the form filler's banner) -------------------------------------------
    (
        "fui.supplement_banner",
        "补正办件 {case}：请按以下要求修改后提交。",
        "Supplement for case {case}: correct the following, then submit.",
    ),
    ("fui.staff_note", "工作人员说明：", "Note from staff:"),
];
