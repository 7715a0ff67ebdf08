//! The strings of finding a service (`finding.*`): the guide's search, its filters by audience
//! and life event (一件事), the home page's search box and 热门事项, and the catalog page's
//! advice and numbered pages.

use super::Entry;

/// Finding strings, `(key, Chinese, English)`.
pub static FINDING_UI: &[Entry] = &[
    ("finding.audience.all", "全部", "All"),
    ("finding.audience.company", "法人办事", "For companies"),
    ("finding.audience.legend", "服务对象", "Who it is for"),
    ("finding.audience.person", "个人办事", "For individuals"),
    (
        "finding.by_department",
        "按部门浏览全部事项",
        "Every service, by department",
    ),
    (
        "finding.catalog.advice_all",
        "在全部目录中搜索",
        "Search the whole catalogue",
    ),
    (
        "finding.catalog.advice_fewer",
        "减少关键词，或换一个更短、更常用的说法；",
        "use fewer words, or a shorter, more common one;",
    ),
    ("finding.catalog.advice_heading", "您可以：", "You can:"),
    (
        "finding.catalog.advice_request",
        "仍未找到：申请公开政府信息（依申请公开）",
        "Still not found: ask for the information (disclosure on request)",
    ),
    (
        "finding.catalog.advice_words",
        "检查文字是否有误；",
        "check the words for typing mistakes;",
    ),
    (
        "finding.catalog.none",
        "没有找到与「{query}」相符的政府信息。",
        "No government information matches “{query}”.",
    ),
    ("finding.catalog.page", "第 {page} 页", "Page {page}"),
    ("finding.clear", "显示全部事项", "Show every service"),
    (
        "finding.count",
        "找到 {count} 个事项",
        "{count} services found",
    ),
    ("finding.event.birth", "出生", "Birth"),
    ("finding.event.business", "开办企业", "Starting a business"),
    ("finding.event.death", "身后事", "After a death"),
    ("finding.event.employment", "就业", "Work"),
    ("finding.event.housing", "买房安家", "Buying a home"),
    ("finding.event.marriage", "结婚", "Marriage"),
    ("finding.event.retirement", "退休", "Retirement"),
    ("finding.event.school", "上学", "School"),
    ("finding.events.legend", "一件事", "Life events"),
    (
        "finding.home.catalog",
        "在政府信息公开目录中搜索",
        "Search the disclosure catalogue",
    ),
    (
        "finding.home.label",
        "搜索办事事项或政府信息",
        "Search services or government information",
    ),
    ("finding.home.popular", "热门事项", "Popular services"),
    ("finding.home.submit", "搜索事项", "Search services"),
    // The item page's ways to the counter (guide bundle: the contact bundle's slice stays out).
    ("finding.item.ask", "我要咨询", "Ask a question"),
    ("finding.item.book", "预约办理", "Book an appointment"),
    ("finding.item.faq", "常见问题", "Frequently asked questions"),
    ("finding.items", "{count} 项", "{count} services"),
    (
        "finding.none",
        "没有找到与「{query}」相符的事项。请检查文字，减少关键词，或在下方按部门浏览全部事项。",
        "No service matches “{query}”. Check the words, use fewer of them, or browse every service by department below.",
    ),
    ("finding.search.label", "搜索办事事项", "Search services"),
    (
        "finding.search.hint",
        "可输入事项名称、部门、关键词或拼音首字母，如「sfz」。",
        "A name, a department, a keyword or pinyin initials, e.g. “sfz”.",
    ),
];
