//! The staff admin bundle's frame, accounts, appeals and audit log (`admin.*`).

use super::Entry;

/// `(key, Chinese, English)`.
pub static ADMIN_UI: &[Entry] = &[
    ("admin.title", "管理与发布", "Administration"),
    (
        "admin.not_yours",
        "您的账号没有此工作台的权限。",
        "Your account has no access to this desk.",
    ),
    ("admin.tab.catalog", "目录发布", "Catalog"),
    ("admin.tab.guide", "办事指南", "Service guide"),
    ("admin.tab.accounts", "账号管理", "Accounts"),
    ("admin.tab.appeals", "差评申诉", "Rating appeals"),
    ("admin.tab.audit", "操作记录", "Audit log"),
    (
        "admin.password_change",
        "请设置新密码",
        "Choose a new password",
    ),
    (
        "admin.password_change_why",
        "您的密码由管理员设置，继续使用前请设置只有您知道的新密码（至少 10 个字符）。",
        "Your password was set by an administrator. Choose one only you know (at least 10 characters) before you go on.",
    ),
    ("admin.password_current", "当前密码", "Current password"),
    ("admin.password_new", "新密码", "New password"),
    (
        "admin.password_again",
        "再次输入新密码",
        "New password again",
    ),
    ("admin.password_save", "保存新密码", "Save the new password"),
    (
        "admin.password_mismatch",
        "两次输入的新密码不一致。",
        "The two new passwords differ.",
    ),
    (
        "admin.password_change_required",
        "请先设置新密码。",
        "Choose a new password first.",
    ),
    (
        "admin.password_current_wrong",
        "当前密码不正确。",
        "The current password is wrong.",
    ),
    (
        "admin.password_same",
        "新密码不能与当前密码相同。",
        "The new password must differ from the current one.",
    ),
    (
        "admin.password_too_short",
        "密码至少需要 10 个字符。",
        "The password needs at least 10 characters.",
    ),
    (
        "admin.account.taken",
        "该用户名已被使用，请换一个。",
        "This user name is taken; choose another.",
    ),
    (
        "admin.account.username_invalid",
        "用户名须为 1–64 个字母、数字、点、连字符或下划线。",
        "The user name must be 1–64 letters, digits, dots, hyphens or underscores.",
    ),
    (
        "admin.account.name_invalid",
        "请填写姓名（不超过 40 个字）。",
        "Enter the person's name (at most 40 characters).",
    ),
    (
        "admin.account.role_unknown",
        "请选择角色。",
        "Choose a role.",
    ),
    (
        "admin.account.department_needed",
        "窗口人员和部门审核须选择所属部门。",
        "Window staff and department reviewers need a department.",
    ),
    (
        "admin.account.department_unknown",
        "没有这个部门。",
        "There is no such department.",
    ),
    (
        "admin.account.agency_needed",
        "信息公开工作人员须选择所属机关。",
        "Disclosure officers need an agency.",
    ),
    (
        "admin.account.agency_unknown",
        "没有这个机关。",
        "There is no such agency.",
    ),
    (
        "admin.account.not_yourself",
        "不能停用或变更自己的账号。",
        "You cannot disable or change the role of your own account.",
    ),
    (
        "admin.account.last_admin",
        "这是最后一个启用的中心管理员账号，不能停用或变更。",
        "This is the last enabled center administrator; it cannot be disabled or changed.",
    ),
    (
        "admin.appeal.decision_needed",
        "请选择复核结论：申诉成立或不成立。",
        "Choose the outcome: upheld or rejected.",
    ),
    (
        "admin.appeal.note_needed",
        "请写明复核意见。",
        "Write the reasons for the decision.",
    ),
    (
        "admin.appeal.year",
        "年份不正确。",
        "The year is not valid.",
    ),
];
