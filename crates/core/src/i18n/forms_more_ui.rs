//! The app's strings of the item page (its disclosures and materials, the link to the blank
//! form) and of the printable forms (表单下载, drafts bundle): none is shown by the forms
//! bundle, which therefore leaves this slice out. Keys start with `print.` or `fui.`.

use super::Entry;

/// Strings of the printable form and the item page's additions, `(key, Chinese, English)`.
pub static FORMS_MORE_UI: &[Entry] = &[
    // The item page's (guide bundle) and the printable form's: kept out of `FORMS_UI`, which
    // the forms bundle carries.
    (
        "fui.offline_copy",
        "当前离线，显示的是本机保存的内容。",
        "Offline: showing the copy kept on this device.",
    ),
    (
        "fui.limits",
        "承诺{promised}个工作日（法定{legal}个工作日）",
        "{promised} working days promised ({legal} by law)",
    ),
    ("fui.online", "可网上预审", "Online pre-review"),
    ("fui.apply_online", "在线预审申请", "Apply online"),
    ("fui.d.code", "事项编码", "Item code"),
    ("fui.d.department", "实施机关", "Authority"),
    ("fui.d.case_type", "办件类型", "Case type"),
    ("fui.d.joint", "联办部门", "Joint departments"),
    ("fui.d.promised", "承诺时限", "Committed time limit"),
    ("fui.d.legal", "法定时限", "Legal time limit"),
    ("fui.d.fee", "收费标准", "Fee"),
    ("fui.d.fee_basis", "收费依据", "Fee basis"),
    ("fui.d.result", "办事结果", "Result"),
    ("fui.d.place", "办理地点", "Place"),
    ("fui.d.hours", "办理时间", "Hours"),
    ("fui.d.telephone", "咨询电话", "Telephone"),
    ("fui.d.basis", "法律依据", "Legal basis"),
    ("fui.d.conditions", "申报条件", "Conditions"),
    ("fui.d.steps", "办事程序", "Procedure"),
    ("fui.d.materials", "申报材料", "Materials"),
    ("fui.m.name", "材料名称", "Material"),
    ("fui.m.form", "原件/复印件", "Original or copy"),
    ("fui.m.count", "份数", "Copies"),
    ("fui.m.required", "是否必需", "Required"),
    ("fui.m.upload", "可网上提交", "Upload online"),
    ("fui.yes", "是", "Yes"),
    ("fui.no", "否", "No"),
    ("fui.cancel", "取消", "Cancel"),
    ("fui.m.when", "仅在以下情形提交：", "Only needed: "),
    ("print.heading", "表单下载", "Printable form"),
    ("print.blank", "下载/打印空白表格", "Print a blank form"),
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
