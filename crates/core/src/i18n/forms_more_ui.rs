//! The app's strings of the item page (its disclosures and materials, its offline states, the
//! link to the blank form), registered by the guide and drafts bundles: none is shown by the
//! forms bundle, which therefore leaves this slice out. The printable form's own strings are in
//! `drafts_ui.rs`. Keys start with `print.` or `fui.`.

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
    ("fui.m.when", "仅在以下情形提交：", "Only needed: "),
    ("print.blank", "下载/打印空白表格", "Print a blank form"),
    // The item page's offline states (guide bundle).
    (
        "fui.unreadable",
        "数据无法读取，请稍后重试。",
        "The data could not be read. Please try again later.",
    ),
    (
        "fui.offline_missing",
        "当前无法联网，本机也没有保存过此内容。请联网后打开一次，之后离线也能查看。",
        "No connection, and this device has no copy yet. Open it once online; it then works offline.",
    ),
];
