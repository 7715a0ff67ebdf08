//! The strings of the drafts bundle's own pages (草稿箱, the outbox, 回执, export and import,
//! the printable form 表单下载):
//! `fui.*` keys that the forms bundle never shows, so that its first load does not carry them
//! (the drafts bundle registers this slice beside `FORMS_UI`).

use super::Entry;

/// Drafts, outbox and receipt strings, `(key, Chinese, English)`.
pub static DRAFTS_UI: &[Entry] = &[
    ("fui.d.name", "事项名称", "Service"),
    (
        "fui.draft_meta",
        "保存于 {time} · 已完成 {pct}% · 第{version}版表格",
        "Saved {time} · {pct}% done · form version {version}",
    ),
    (
        "fui.draft_submitted",
        "已提交，等待发送",
        "Submitted, waiting to send",
    ),
    ("fui.continue_draft", "继续填写", "Continue"),
    ("fui.delete", "删除", "Delete"),
    (
        "fui.confirm_delete_draft",
        "删除后无法恢复，确定删除这份草稿吗？",
        "A deleted draft cannot be recovered. Delete it?",
    ),
    ("fui.confirm_delete", "确定删除", "Yes, delete"),
    ("fui.outbox.pending", "等待发送", "Waiting to send"),
    (
        "fui.outbox.retrying",
        "发送未成功，稍后自动重试",
        "Not sent yet; will retry automatically",
    ),
    ("fui.outbox.sending", "正在发送", "Sending"),
    (
        "fui.outbox.refused",
        "未被受理，请按提示修改后重新提交",
        "Not accepted: please correct it and submit again",
    ),
    ("fui.outbox.attempts", "已尝试 {n} 次", "{n} attempts"),
    ("fui.outbox.retry", "立即重试", "Retry now"),
    (
        "fui.outbox.fix",
        "修改后重新提交",
        "Correct and submit again",
    ),
    (
        "fui.outbox.rewrite",
        "到办件查询重新填写",
        "Write it again in Track a case",
    ),
    (
        "fui.outbox.confirm_delete",
        "不再发送这条记录？已填写的草稿会保留。",
        "Stop sending this record? Its draft, if any, is kept.",
    ),
    ("fui.storage", "本机存储", "Storage on this device"),
    (
        "fui.storage_used",
        "已使用 {used}（{mode}）",
        "{used} used ({mode})",
    ),
    (
        "fui.storage_unknown",
        "无法读取存储用量。",
        "Storage use is not available.",
    ),
    (
        "fui.persisted",
        "持久保存，浏览器不会自动清除",
        "persistent: the browser will not clear it",
    ),
    (
        "fui.best_effort",
        "空间紧张时浏览器可能清除",
        "the browser may clear it when space runs low",
    ),
    ("fui.persist", "申请持久保存", "Keep data persistently"),
    (
        "fui.persist_granted",
        "浏览器已同意持久保存本机数据。",
        "The browser will keep this data.",
    ),
    (
        "fui.persist_refused",
        "浏览器未同意持久保存。建议定期导出草稿。",
        "The browser declined. Export your drafts from time to time.",
    ),
    ("fui.export", "导出草稿到文件", "Export drafts to a file"),
    ("fui.import", "从文件导入草稿", "Import drafts from a file"),
    (
        "fui.exported",
        "草稿已导出，请妥善保管文件（含个人信息）。",
        "Drafts exported. Keep the file safe: it holds personal data.",
    ),
    ("fui.export_failed", "导出失败。", "The export failed."),
    (
        "fui.imported",
        "导入完成：新增 {added} 份，{copies} 份与本机不同已另存为副本，{same} 份已存在。",
        "Imported: {added} added, {copies} kept as copies (different from this device), {same} already here.",
    ),
    (
        "fui.import_failed",
        "这不是本网站导出的草稿文件。",
        "This is not a drafts file of this site.",
    ),
    (
        "fui.transfer_note",
        "公共电脑上请导出后带走文件，并删除本机草稿。导入不会覆盖本机已有的草稿。",
        "On a shared computer, export and take the file, then delete the drafts here. Importing never overwrites a draft.",
    ),
    ("fui.receipt", "申请已提交", "Application received"),
    (
        "fui.receipt_ok",
        "服务中心已收到您的申请，进入预审。",
        "The center has received your application for pre-review.",
    ),
    ("fui.receipt_waiting", "申请等待发送", "Waiting to send"),
    (
        "fui.receipt_waiting_body",
        "申请已保存在本机，联网后自动发送。发送成功后这里会显示办件编号。",
        "Saved on this device and sent when online. The case number appears here once sent.",
    ),
    ("fui.case_no", "办件编号", "Case number"),
    ("fui.query_code", "查询码", "Query code"),
    ("fui.received_at", "收件时间", "Received"),
    (
        "fui.receipt_keep",
        "请记下或打印办件编号和查询码，用于查询办理进度。",
        "Note or print the case number and query code to track your case.",
    ),
    ("fui.print", "打印回执", "Print"),
    // The drafts page and the printable form (drafts bundle; the guide shows only `print.blank`).
    ("fui.cancel", "取消", "Cancel"),
    ("print.heading", "表单下载", "Printable form"),
    ("print.draft", "打印表格", "Print the form"),
    ("print.title", "{name}申请表", "Application form: {name}"),
    ("print.button", "打印", "Print"),
    (
        "print.note",
        "用A4纸打印，填写后连同材料带到窗口。",
        "Print on A4, fill it in and bring it to the window with the materials.",
    ),
    (
        "print.note_draft",
        "已填入草稿的内容，请核对后签名。",
        "Filled in from your draft: check it, then sign.",
    ),
    ("print.if_applicable", "（如适用）", " (if applicable)"),
    ("print.materials", "申报材料清单", "Materials checklist"),
    ("print.copies", "{form}，{count}份", "{form} × {count}"),
    ("print.selected", "（已选）", " (selected)"),
    (
        "print.no_form",
        "此事项没有网上表格，请到窗口领取。",
        "This service has no online form: ask for it at the window.",
    ),
    ("print.sign", "申请人（签名）：", "Applicant's signature:"),
    ("print.date", "日期：　　　　年　　月　　日", "Date:"),
];
