//! The strings of the village service room's 代办 mode (村级便民服务室, issue 17): its setting on
//! 设置 (the shell) and the day's view (今日一览, the drafts bundle). Only those two bundles
//! register this slice.

use super::Entry;

/// 代办 mode strings, `(key, Chinese, English)`.
pub static VILLAGE_UI: &[Entry] = &[
    // --- the setting (设置) ---
    (
        "village.setting",
        "村级代办模式",
        "Village service room mode",
    ),
    (
        "village.setting_hint",
        "在村级便民服务室由代办员为多位村民办理时开启：表格中的代办人信息自动填好，资料按村民分组，已办结事项的个人信息到期自动清除。",
        "Turn on where an operator files for many villagers on one computer: the agent questions of each form are filled in, everything is grouped by villager, and personal data of concluded cases is removed after a set time.",
    ),
    ("village.on", "开启代办模式", "Village mode on"),
    ("village.operator_name", "代办员姓名", "Operator's name"),
    (
        "village.operator_phone",
        "代办员手机号码",
        "Operator's mobile",
    ),
    (
        "village.operator_id",
        "代办员身份证号码",
        "Operator's ID number",
    ),
    (
        "village.operator_address",
        "代办员住址",
        "Operator's address",
    ),
    (
        "village.retention",
        "办结后保留个人信息的天数",
        "Days personal data is kept after a case is concluded",
    ),
    ("village.save", "保存代办设置", "Save village settings"),
    (
        "village.saved",
        "代办设置已保存。",
        "Village settings saved.",
    ),
    (
        "village.save_failed",
        "代办设置未能保存：本机存储不可用。",
        "Village settings were not saved: this device's storage is unavailable.",
    ),
    ("village.open_day", "今日一览", "Today's overview"),
    // --- the day's view (今日一览) ---
    (
        "village.heading",
        "代办今日一览",
        "Village room: today's overview",
    ),
    (
        "village.off",
        "代办模式未开启。请在“设置”中开启并填写代办员信息。",
        "Village mode is off. Turn it on in Settings and enter the operator's details.",
    ),
    ("village.settings_link", "前往设置", "Go to Settings"),
    (
        "village.operator",
        "代办员：{name}（{phone}）",
        "Operator: {name} ({phone})",
    ),
    (
        "village.search",
        "按姓名或身份证号码后几位查找",
        "Find by name or the last digits of the ID number",
    ),
    (
        "village.new",
        "为村民新办事项",
        "Start an application for a villager",
    ),
    ("village.item", "办理事项", "Service"),
    ("village.start", "开始填写", "Start"),
    (
        "village.no_items",
        "事项清单暂不可用：请联网后再试。",
        "The list of services is unavailable: try again online.",
    ),
    ("village.refresh", "刷新全部办件状态", "Refresh every case"),
    ("village.refreshing", "正在刷新…", "Refreshing…"),
    (
        "village.refreshed",
        "已刷新 {ok} 件，{failed} 件未能刷新（保留上次结果）。",
        "{ok} refreshed, {failed} could not be (their last state is kept).",
    ),
    ("village.print_day", "打印今日清单", "Print today's list"),
    (
        "village.print_one",
        "打印此人清单",
        "Print this villager's list",
    ),
    (
        "village.nobody",
        "本机还没有任何村民的资料。",
        "Nothing on this device yet.",
    ),
    (
        "village.no_match",
        "没有找到匹配的村民。",
        "No villager matches.",
    ),
    (
        "village.unknown",
        "（尚未填写申请人）",
        "(applicant not entered yet)",
    ),
    (
        "village.id_tail",
        "身份证号码后四位 {tail}",
        "ID ending {tail}",
    ),
    ("village.kind.draft", "草稿", "Draft"),
    ("village.kind.waiting", "等待发送", "Waiting to be sent"),
    ("village.kind.sending", "正在发送", "Sending"),
    ("village.kind.refused", "未被受理", "Not accepted"),
    ("village.kind.sent", "已提交", "Sent"),
    ("village.case_no", "办件编号 {no}", "Case {no}"),
    ("village.as_of", "截至 {time}", "as of {time}"),
    (
        "village.not_checked",
        "尚未查询状态",
        "State not checked yet",
    ),
    ("village.receipt", "回执", "Receipt"),
    ("village.continue", "继续填写", "Continue"),
    ("village.cleared", "个人信息已清除", "Personal data removed"),
    (
        "village.clear",
        "立即清除此人资料",
        "Clear this villager's data now",
    ),
    (
        "village.clear_confirm",
        "将删除此人的草稿和办件中的身份证号码、电话、地址等填报内容及附件；办件编号、查询码和状态保留。待发送的申请不删除。确定吗？",
        "This deletes the villager's drafts and the answers kept with their cases (ID numbers, phones, addresses) and attachments; case numbers, query codes and states are kept. Submissions waiting to be sent are not deleted. Go ahead?",
    ),
    ("village.clear_yes", "确定清除", "Yes, clear"),
    ("village.cancel", "取消", "Cancel"),
    (
        "village.kept",
        "代办模式下，办件办结 {days} 天后，本机自动删除其身份证号码、电话、地址等填报内容和附件；保留办件编号、查询码、状态，以及申请人姓名和身份证号码后四位（用于查找）。",
        "In village mode, {days} days after a case is concluded this device deletes its answers (ID numbers, phones, addresses) and attachments; it keeps the case number, query code and state, and the applicant's name and the last four ID digits (to find it).",
    ),
    ("village.storage", "本机存储", "This device's storage"),
    (
        "village.storage_used",
        "已用 {used}，浏览器允许 {quota}（{pct}%）。",
        "{used} used of the {quota} the browser allows ({pct}%).",
    ),
    (
        "village.storage_full_soon",
        "本机存储即将用满：请先发送待发送的申请、清除已办结村民的资料或导出草稿，以免无法保存。",
        "This device's storage is nearly full: send what waits, clear concluded villagers' data or export drafts, so that nothing fails to save.",
    ),
    (
        "village.persisted",
        "已设为持久存储",
        "Persistent storage granted",
    ),
    (
        "village.not_persisted",
        "浏览器未同意持久存储：清理浏览器数据时可能丢失资料，请定期导出草稿。",
        "The browser did not grant persistent storage: clearing browser data may lose work, so export drafts regularly.",
    ),
];
