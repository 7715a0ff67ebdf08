//! The app's strings of the printable forms (表单下载, drafts bundle) and of what the item page
//! adds about them (conditional materials, the link to the blank form). Keys start with
//! `print.` or `fui.m.`.

use super::Entry;

/// Strings of the printable form and the item page's additions, `(key, Chinese, English)`.
pub static FORMS_MORE_UI: &[Entry] = &[
    ("fui.m.when", "仅在以下情形提交：", "Only needed: "),
    ("print.heading", "表单下载", "Printable form"),
    ("print.blank", "下载/打印空白表格", "Print a blank form"),
    ("print.draft", "打印表格", "Print the form"),
    ("print.title", "{name}申请表", "Application form: {name}"),
    ("print.button", "打印", "Print"),
    (
        "print.note",
        "请用A4纸打印，用黑色签字笔填写，连同申报材料带到窗口。",
        "Print on A4 paper, fill it in with a black pen, and bring it to the window with the materials.",
    ),
    (
        "print.note_draft",
        "已填入本机草稿中的内容，请核对后签名。",
        "Filled with the answers of your draft on this device: check them, then sign.",
    ),
    ("print.if_applicable", "（如适用）", " (if applicable)"),
    ("print.materials", "申报材料清单", "Materials checklist"),
    ("print.copies", "{form}，{count}份", "{form} × {count}"),
    ("print.selected", "（已选）", " (selected)"),
    (
        "print.no_form",
        "此事项没有网上表格，请到窗口领取申请表。",
        "This service has no online form: ask for the application form at the window.",
    ),
    ("print.sign", "申请人（签名）：", "Applicant's signature:"),
    ("print.date", "日期：　　　　年　　月　　日", "Date:"),
    ("print.printed", "打印于 {time}", "Printed {time}"),
];
