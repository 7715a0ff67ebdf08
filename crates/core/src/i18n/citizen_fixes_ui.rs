//! The citizen pages' strings added with issue 14: the receipt's copy buttons and next steps
//! (drafts bundle), and 办件查询 split into its pages with their error summaries (shell).

use super::Entry;

/// The receipt's and 办件查询's strings, `(key, Chinese, English)`.
pub static CITIZEN_FIXES_UI: &[Entry] = &[
    // The receipt (回执).
    ("receipt.title", "回执", "Receipt"),
    ("receipt.copy_case", "复制办件编号", "Copy the case number"),
    ("receipt.copy_code", "复制查询码", "Copy the query code"),
    ("receipt.copied", "已复制：{value}", "Copied: {value}"),
    (
        "receipt.copy_failed",
        "无法自动复制，请手动记下。",
        "Could not copy: please write it down.",
    ),
    ("receipt.next", "下一步", "What happens next"),
    (
        "receipt.next_review",
        "窗口工作人员预审后，您可以用办件编号和查询码查询进度；需要补正时会在办件查询中说明。",
        "Staff review your application; follow it with the case number and query code. If anything is missing, 办件查询 says what.",
    ),
    (
        "receipt.bring",
        "到窗口办理时，请携带以下材料的原件核验：",
        "When you come to the window, bring these originals to be checked:",
    ),
    (
        "receipt.bring_none",
        "此事项无需携带原件。",
        "No originals are needed for this service.",
    ),
    ("receipt.material_original", "原件", "original"),
    ("receipt.material_both", "原件及复印件", "original and copy"),
    ("receipt.copies", "{count}份", "{count} copies"),
    ("receipt.place", "办理地点", "Where"),
    ("receipt.hours", "办理时间", "When"),
    ("receipt.fee", "收费", "Fee"),
    ("receipt.fee_free", "不收费", "Free of charge"),
    ("receipt.limit", "承诺时限", "Committed time limit"),
    (
        "receipt.limit_days",
        "{days}个工作日（自受理之日起计算）",
        "{days} working days (from acceptance)",
    ),
    ("receipt.limit_spot", "即办（当场办结）", "Done on the spot"),
    ("receipt.phone", "咨询电话", "Telephone"),
    ("receipt.track", "查询办理进度", "Track this case"),
    (
        "receipt.item_unknown",
        "本机没有此事项的办事指南，联网后打开此页可看到需携带的材料和办理地点。",
        "This device has no copy of the service's guide: open this page online to see what to bring and where.",
    ),
    // 办件查询's pages.
    ("track.pages", "查询与投诉", "Tracking and complaints"),
    ("track.complaint_heading", "投诉查询", "Track a complaint"),
    (
        "track.complaint_new_heading",
        "我要投诉",
        "File a complaint",
    ),
    (
        "track.complaint_lead",
        "输入投诉编号和查询码，查看处理情况和答复。本机提交的投诉列在下方。",
        "Enter the complaint number and its query code to see how it is handled and the reply. Complaints filed from this device are listed below.",
    ),
    (
        "track.complaint_new_lead",
        "投诉窗口服务或办件问题。没有网络时投诉先保存在本机，联网后自动提交。",
        "Complain about the service at a window or about a case. Offline, the complaint is kept on this device and sent when online.",
    ),
    ("track.answers", "咨询答复查询", "Answers to your questions"),
    ("track.errors_title", "有问题需要修改", "There is a problem"),
    (
        "track.need_case_no",
        "请填写办件编号。",
        "Enter the case number.",
    ),
    (
        "track.need_query_code",
        "请填写查询码。",
        "Enter the query code.",
    ),
    (
        "track.need_complaint_no",
        "请填写投诉编号。",
        "Enter the complaint number.",
    ),
    (
        "track.need_subject",
        "请填写投诉事由。",
        "Enter what the complaint is about.",
    ),
    (
        "track.need_facts",
        "请填写事实与理由。",
        "Enter the facts and reasons.",
    ),
    (
        "track.need_contact",
        "请填写联系电话或电子邮箱。",
        "Enter a phone number or an e-mail address.",
    ),
];
