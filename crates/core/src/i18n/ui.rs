//! The app's frame strings, which every bundle shows (header, navigation, footer, update
//! banner, 404): keys grouped by screen (`nav.*`, `app.*`, …). The pages' own are in
//! `pages_ui.rs`.

use super::Entry;

/// The citizen app's frame strings, `(key, Chinese, English)`.
pub static UI: &[Entry] = &[
    ("app.title", "行政服务中心", "Administrative Service Center"),
    ("app.skip", "跳到主要内容", "Skip to main content"),
    ("title.error", "错误：", "Error: "),
    (
        "footer.text",
        "行政服务中心 网上办事大厅 · 一站式服务",
        "Administrative Service Center · one-stop online service",
    ),
    // Navigation: the top-level places.
    ("nav.label", "主导航", "Main navigation"),
    ("nav.menu", "菜单", "Menu"),
    ("nav.home", "首页", "Home"),
    ("nav.guide", "办事指南", "Service guide"),
    ("nav.disclosure", "信息公开", "Information disclosure"),
    ("nav.track", "办件查询", "Track a case"),
    ("nav.drafts", "我的草稿", "My drafts"),
    ("nav.settings", "设置", "Settings"),
    // Header: connection and outbox.
    ("status.online", "在线", "Online"),
    ("status.offline", "离线", "Offline"),
    ("status.pending", "待发送", "Waiting to send"),
    ("lang.other", "English", "中文"),
    (
        "update.ready",
        "新版本已就绪，您的草稿不受影响。",
        "A new version is ready. Your drafts are kept.",
    ),
    ("update.reload", "重新加载", "Reload"),
    // Preferences.
    ("prefs.elderly", "长辈模式", "Large text"),
    // Pages that store what people fill in.
    (
        "storage.unavailable",
        "本浏览器无法在本机保存数据（可能处于无痕模式）。填写的内容在关闭页面后会丢失。",
        "This browser cannot store data on this device (private mode?). What you fill in is lost when the page closes.",
    ),
    // 404.
    ("notfound.heading", "找不到该页面", "Page not found"),
    (
        "notfound.body",
        "您访问的地址不存在，可能已更改或输入有误。",
        "The address does not exist: it may have changed or been mistyped.",
    ),
    ("notfound.home", "返回首页", "Back to the home page"),
    // The outbox runs in every bundle of the app, so its one message lives with the shell's.
    (
        "fui.outbox.attachment_missing",
        "本机找不到附件，请重新添加后提交。",
        "An attachment is missing on this device; please add it again.",
    ),
    // Shared by the guide and the forms bundles (neither registers the other's slice).
    ("fui.loading", "正在读取……", "Loading…"),
    ("fui.not_found", "找不到该内容。", "Not found."),
    (
        "fui.window_only",
        "此事项暂不支持网上申请，请携带材料到窗口办理。",
        "This service cannot be applied for online yet: please bring the materials to the window.",
    ),
];
