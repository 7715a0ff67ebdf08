//! The app's interface strings for the disclosure catalog: keeping it offline, searching and
//! browsing it, and an entry's page. (Field names and classification labels are in
//! `catalog.rs`, shared with the server.)

use super::Entry;

/// Catalog interface strings, `(key, Chinese, English)`.
pub static CATALOG_UI: &[Entry] = &[
    // --- Keeping the catalog offline -------------------------------------------------------
    ("catalog_ui.offline.heading", "离线目录", "Offline catalog"),
    (
        "catalog_ui.offline.explain",
        "把信息公开目录保存在本机，没有网络时也能查找和阅读。保存后联网时会自动更新。",
        "Keep the disclosure catalog on this device to search and read it without a connection. It updates itself whenever you are online.",
    ),
    (
        "catalog_ui.offline.keep",
        "保存目录供离线使用",
        "Keep the catalog for offline use",
    ),
    ("catalog_ui.offline.update", "立即更新", "Update now"),
    (
        "catalog_ui.offline.forget",
        "删除离线目录",
        "Delete the offline catalog",
    ),
    (
        "catalog_ui.offline.all_bodies",
        "同时保存全部正文（占用空间较多）",
        "Also keep every full text (uses much more space)",
    ),
    (
        "catalog_ui.offline.all_bodies_kept",
        "已保存全部正文。",
        "Every full text is kept.",
    ),
    (
        "catalog_ui.offline.count",
        "本机已保存 {count} 条目录。",
        "{count} entries are kept on this device.",
    ),
    (
        "catalog_ui.offline.usage",
        "本网站共占用存储约 {size}。",
        "This site uses about {size} of storage.",
    ),
    (
        "catalog_ui.offline.last_sync",
        "上次更新：{time}。",
        "Last updated: {time}.",
    ),
    (
        "catalog_ui.offline.downloading",
        "正在下载目录：{percent}%（已保存 {count} 条）",
        "Downloading the catalog: {percent}% ({count} entries kept)",
    ),
    // --- Why a sync stopped ------------------------------------------------------------------
    (
        "catalog_ui.problem.offline",
        "网络中断，下载已暂停。已保存的目录可以正常使用，恢复联网后会自动继续。",
        "The connection dropped and the download paused. What is kept can be used; it continues by itself when you are back online.",
    ),
    (
        "catalog_ui.problem.storage_full",
        "本机存储空间已满，无法继续保存。已保存的目录仍可使用；请删除一些文件或应用后点“立即更新”。",
        "This device's storage is full, so nothing more can be kept. What is already kept still works; free some space, then choose “Update now”.",
    ),
    (
        "catalog_ui.problem.server",
        "服务器暂时无法提供目录更新，请稍后再试。",
        "The server cannot send catalog updates right now. Please try again later.",
    ),
    (
        "catalog_ui.problem.storage",
        "本浏览器无法在本机保存数据（可能处于无痕模式），目录只能在线查看。",
        "This browser cannot keep data on the device (private mode?), so the catalog is only available online.",
    ),
    // --- Search and browse -------------------------------------------------------------------
    (
        "catalog_ui.search.heading",
        "查找公开信息",
        "Find published information",
    ),
    (
        "catalog_ui.search.label",
        "按名称、文号、发布机构或主题词搜索",
        "Search by title, document number, agency or keyword",
    ),
    (
        "catalog_ui.search.placeholder",
        "如：年度报告、国办发〔2019〕51号",
        "e.g. 年度报告, 国办发〔2019〕51号",
    ),
    ("catalog_ui.search.button", "搜索", "Search"),
    ("catalog_ui.search.loading", "正在查找…", "Searching…"),
    (
        "catalog_ui.search.total",
        "共 {total} 条，第 {page}/{pages} 页。",
        "{total} results, page {page} of {pages}.",
    ),
    (
        "catalog_ui.search.source_local",
        "（在本机目录中查找，离线可用）",
        "(searched in the catalog kept on this device; works offline)",
    ),
    (
        "catalog_ui.search.source_server",
        "（在服务器上查找，包括正文）",
        "(searched on the server, full texts included)",
    ),
    (
        "catalog_ui.search.unavailable",
        "当前离线，本机也没有保存目录。联网后可查找，或先保存目录供离线使用。",
        "You are offline and no catalog is kept on this device. Search when online, or keep the catalog for offline use first.",
    ),
    (
        "catalog_ui.search.failed",
        "查找失败，请稍后再试。",
        "The search failed. Please try again later.",
    ),
    ("catalog_ui.facet.label", "按类别浏览", "Browse by category"),
    ("catalog_ui.facet.any", "全部", "All"),
    ("catalog_ui.facet.year", "年份", "Year"),
    ("catalog_ui.pager.label", "翻页", "Pages"),
    ("catalog_ui.pager.prev", "上一页", "Previous page"),
    ("catalog_ui.pager.next", "下一页", "Next page"),
    // --- One entry ---------------------------------------------------------------------------
    (
        "catalog_ui.entry.heading",
        "公开信息",
        "Published information",
    ),
    (
        "catalog_ui.entry.back",
        "返回信息公开目录",
        "Back to the disclosure catalog",
    ),
    (
        "catalog_ui.entry.not_found",
        "没有找到这条公开信息",
        "This entry was not found",
    ),
    (
        "catalog_ui.entry.offline",
        "当前离线，本机没有保存这条公开信息。",
        "You are offline and this entry is not kept on this device.",
    ),
    (
        "catalog_ui.entry.revised",
        "注意：此文件已被修订，请以修订后的文件为准。",
        "Note: this document has been revised; the revised version applies.",
    ),
    (
        "catalog_ui.entry.repealed",
        "注意：此文件已废止，不再执行。",
        "Note: this document has been repealed and no longer applies.",
    ),
    (
        "catalog_ui.entry.expired",
        "注意：此文件已失效。",
        "Note: this document has expired.",
    ),
    (
        "catalog_ui.entry.replaced_by",
        "现行文件：",
        "Current document:",
    ),
    ("catalog_ui.entry.none", "无", "None"),
    (
        "catalog_ui.entry.save",
        "保存正文供离线阅读",
        "Save the full text for offline reading",
    ),
    (
        "catalog_ui.entry.saved",
        "正文已保存在本机，离线时也能阅读。",
        "The full text is kept on this device and can be read offline.",
    ),
    (
        "catalog_ui.entry.save_failed",
        "正文保存失败，请联网后重试。",
        "The full text could not be saved. Please try again when online.",
    ),
    (
        "catalog_ui.entry.body_older",
        "此文件在保存后有更新，联网时将重新下载正文。",
        "This document changed since it was saved; the full text is downloaded again when you are online.",
    ),
    (
        "catalog_ui.entry.no_body",
        "正文没有保存在本机，联网后可阅读。",
        "The full text is not kept on this device; it can be read when online.",
    ),
    // --- 依申请公开: the way to ask when the catalog lacks something; 公开指南 ---------------
    (
        "catalog_ui.gk.box_heading",
        "依申请公开",
        "Request information",
    ),
    (
        "catalog_ui.gk.box_text",
        "找不到需要的信息？可以向行政机关申请公开。",
        "Cannot find what you need? You can ask the agency that holds it to disclose it.",
    ),
    (
        "catalog_ui.gk.guides_link",
        "查看各机关的政府信息公开指南",
        "Each agency's guide to disclosure requests",
    ),
    ("catalog_ui.gk.form_link", "在线申请公开", "Apply online"),
    (
        "catalog_ui.gk.list_heading",
        "政府信息公开指南",
        "Guides to disclosure requests",
    ),
    (
        "catalog_ui.gk.list_lead",
        "选择行政机关，查看受理机构、地址、办公时间、收费和答复时限，并可在线申请。",
        "Choose an agency to see where and how to apply, its hours, fees and time limit, and to apply online.",
    ),
    (
        "catalog_ui.gk.guide_lead",
        "政府信息公开指南",
        "Guide to disclosure requests",
    ),
    (
        "catalog_ui.gk.back",
        "返回公开指南列表",
        "Back to the guides",
    ),
    ("catalog_ui.gk.office", "受理机构", "Office"),
    ("catalog_ui.gk.address", "地址", "Address"),
    ("catalog_ui.gk.postal_code", "邮政编码", "Postal code"),
    ("catalog_ui.gk.hours", "办公时间", "Office hours"),
    ("catalog_ui.gk.phone", "咨询电话", "Phone"),
    ("catalog_ui.gk.email", "电子邮箱", "E-mail"),
    ("catalog_ui.gk.how_to_apply", "申请方式", "How to apply"),
    ("catalog_ui.gk.fees", "收费", "Fees"),
    ("catalog_ui.gk.time_limit", "答复时限", "Time limit"),
    ("catalog_ui.gk.apply", "在线申请", "Apply online"),
    (
        "catalog_ui.gk.entry_apply",
        "申请公开相关信息",
        "Request related information",
    ),
    (
        "catalog_ui.gk.annual_heading",
        "收到和处理政府信息公开申请情况",
        "Disclosure requests received and handled",
    ),
    ("catalog_ui.gk.year", "年度", "Year"),
    ("catalog_ui.gk.year_option", "{year}年", "{year}"),
    (
        "catalog_ui.gk.caption",
        "{year}年度收到和处理政府信息公开申请情况（单位：件）",
        "Disclosure requests received and handled in {year} (number of requests)",
    ),
    ("catalog_ui.gk.item", "项目", "Item"),
    (
        "catalog_ui.gk.scroll",
        "表格较宽，可左右滑动查看。",
        "The table is wide: scroll it sideways.",
    ),
    (
        "catalog_ui.gk.csv",
        "下载本表（CSV）",
        "Download this table (CSV)",
    ),
    (
        "catalog_ui.gk.kept_copy",
        "暂时无法连接服务器，以下是本机上次保存的内容。",
        "The server cannot be reached; this is the copy kept on this device from your last visit.",
    ),
    (
        "catalog_ui.gk.offline_none",
        "当前离线，本机还没有保存公开指南。请联网后打开一次本页，之后离线也能查看。",
        "You are offline and no guide is kept on this device yet. Open this page once while online; after that it can be read offline.",
    ),
    (
        "catalog_ui.gk.annual_offline",
        "当前离线，本机没有保存该年度的统计表。联网后可查看。",
        "You are offline and this year's table is not kept on this device. It can be seen when online.",
    ),
    (
        "catalog_ui.gk.failed",
        "加载失败，请稍后重试。",
        "Could not load. Please try again later.",
    ),
    (
        "catalog_ui.gk.not_found",
        "没有找到这个行政机关。",
        "No such agency.",
    ),
];
