//! The citizen app's page strings that the forms bundle does not show (home, guide, disclosure,
//! 办件查询, drafts, settings), apart from the frame's in `ui.rs`: the forms bundle registers
//! only those.

use super::Entry;

/// Page strings of the citizen app, `(key, Chinese, English)`.
pub static PAGES_UI: &[Entry] = &[
    ("prefs.language", "语言", "Language"),
    (
        "prefs.elderly_hint",
        "大字体、高对比度、更大的按钮",
        "Larger text, higher contrast, bigger buttons",
    ),
    ("home.heading", "网上办事大厅", "Online service hall"),
    (
        "home.lead",
        "查办事指南、网上预审、查询办件进度、查阅政府信息公开目录。",
        "Find a service, file an online pre-review, track your case, read the government information disclosure catalog.",
    ),
    (
        "home.guide",
        "事项的办理条件、申报材料、承诺时限和收费标准",
        "Conditions, materials, time limits and fees of each service",
    ),
    (
        "home.track",
        "凭办件编号和查询码查看办理进度",
        "Follow a case with its case number and query code",
    ),
    (
        "home.disclosure",
        "政府信息公开目录，可离线查阅",
        "The government information disclosure catalog, readable offline",
    ),
    (
        "home.drafts",
        "未填完的表格和等待发送的申请",
        "Unfinished forms and applications waiting to be sent",
    ),
    (
        "home.offline_note",
        "本网站在网络中断时仍可使用：已填写的内容保存在本机，联网后自动发送。",
        "This site keeps working without a connection: what you fill in is saved on this device and sent when the line is back.",
    ),
    ("guide.heading", "办事指南", "Service guide"),
    (
        "guide.lead",
        "每个事项公开实施机关、法律依据、办事程序、申报条件、申报材料、承诺时限、收费依据与标准和办事结果。",
        "Each service publishes its authority, legal basis, procedure, conditions, materials, committed time limit, fees and result.",
    ),
    (
        "guide.empty",
        "暂无可显示的事项。",
        "No services to show yet.",
    ),
    (
        "disclosure.heading",
        "政府信息公开",
        "Government information disclosure",
    ),
    (
        "disclosure.lead",
        "按分类、发布机构和年份浏览政府信息公开目录，或依申请公开。",
        "Browse the disclosure catalog by category, agency and year, or request information.",
    ),
    (
        "disclosure.empty",
        "目录尚未下载到本机。",
        "The catalog has not been downloaded to this device yet.",
    ),
    ("track.heading", "办件查询", "Track a case"),
    (
        "track.lead",
        "输入办件编号和查询码，查看办理进度、办理部门和办结时限。",
        "Enter the case number and query code to see the progress, the department in charge and the deadline.",
    ),
    (
        "track.empty",
        "本机还没有关注的办件。",
        "No case is followed on this device yet.",
    ),
    ("drafts.heading", "我的草稿和待发送", "My drafts and outbox"),
    (
        "drafts.lead",
        "草稿保存在本机，换一台电脑看不到。",
        "Drafts are kept on this device only.",
    ),
    ("drafts.outbox", "待发送", "Waiting to send"),
    (
        "drafts.outbox_empty",
        "没有等待发送的申请。",
        "Nothing is waiting to be sent.",
    ),
    (
        "drafts.outbox_unknown",
        "正在读取本机存储……",
        "Reading this device's storage…",
    ),
    ("drafts.drafts", "草稿", "Drafts"),
    ("drafts.none", "没有草稿。", "No drafts."),
    ("settings.heading", "设置", "Settings"),
    ("settings.about", "关于本机", "About this device"),
    ("settings.schema", "本机数据版本", "Local data version"),
    ("settings.server", "服务器", "Server"),
    ("settings.checking", "正在检查……", "Checking…"),
    ("settings.server_ok", "连接正常", "Reachable"),
    ("settings.server_unreachable", "无法连接", "Unreachable"),
    (
        "receipt.gk_counted_from",
        "申请收到日期（工作时间外或休息日提交的，自下一个工作日起算）",
        "Counts as received on (after office hours or on a day off: the next working day)",
    ),
    (
        "receipt.gk_reply_by",
        "最迟答复日期（20个工作日）",
        "Latest reply date (20 working days)",
    ),
    (
        "receipt.gk_provisional",
        "（按暂定节假日计算，国务院公布放假安排后可能调整）",
        " (counted on provisional holidays; may move when the State Council publishes them)",
    ),
];
