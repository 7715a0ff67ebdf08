//! Strings of the government information disclosure catalog (政府信息公开目录): the labels of
//! its classifications (keys built by `catalog::Topic::label_key` and friends), its field names
//! and its validation messages.

use super::Entry;

/// Catalog strings, `(key, Chinese, English)`.
pub static CATALOG: &[Entry] = &[
    // --- 主题分类 ----------------------------------------------------------------------------
    (
        "catalog.topic.general_affairs",
        "综合政务",
        "General government affairs",
    ),
    (
        "catalog.topic.economy",
        "国民经济管理、国有资产监管",
        "Economic management and state assets",
    ),
    (
        "catalog.topic.finance",
        "财政、金融、审计",
        "Public finance, banking and audit",
    ),
    (
        "catalog.topic.land_energy",
        "国土资源、能源",
        "Land, natural resources and energy",
    ),
    (
        "catalog.topic.agriculture",
        "农业、林业、水利",
        "Agriculture, forestry and water",
    ),
    (
        "catalog.topic.industry_transport",
        "工业、交通",
        "Industry and transport",
    ),
    (
        "catalog.topic.trade_tourism",
        "商贸、海关、旅游",
        "Trade, customs and tourism",
    ),
    (
        "catalog.topic.market_safety",
        "市场监管、安全生产监管",
        "Market regulation and work safety",
    ),
    (
        "catalog.topic.construction_environment",
        "城乡建设、环境保护",
        "Urban and rural construction, environment",
    ),
    (
        "catalog.topic.science_education",
        "科技、教育",
        "Science and education",
    ),
    (
        "catalog.topic.culture",
        "文化、广电、新闻出版",
        "Culture, broadcasting and publishing",
    ),
    (
        "catalog.topic.health_sports",
        "卫生、体育",
        "Health and sports",
    ),
    (
        "catalog.topic.population_family",
        "人口与计划生育、妇女儿童工作",
        "Population, women and children",
    ),
    (
        "catalog.topic.labour_personnel",
        "劳动、人事、监察",
        "Labour, personnel and supervision",
    ),
    (
        "catalog.topic.public_security_justice",
        "公安、安全、司法",
        "Public security and justice",
    ),
    (
        "catalog.topic.civil_affairs",
        "民政、扶贫、救灾",
        "Civil affairs, poverty relief and disaster relief",
    ),
    (
        "catalog.topic.ethnic_religious",
        "民族、宗教",
        "Ethnic and religious affairs",
    ),
    (
        "catalog.topic.foreign_affairs",
        "对外事务",
        "Foreign affairs",
    ),
    (
        "catalog.topic.hk_macao_taiwan",
        "港澳台侨工作",
        "Hong Kong, Macao, Taiwan and overseas Chinese",
    ),
    ("catalog.topic.defence", "国防", "National defence"),
    ("catalog.topic.other", "其他", "Other"),
    // --- 体裁分类 ----------------------------------------------------------------------------
    ("catalog.genre.order", "命令（令）", "Order"),
    ("catalog.genre.decision", "决定", "Decision"),
    ("catalog.genre.announcement", "公告", "Announcement"),
    ("catalog.genre.notice", "通告", "Public notice"),
    ("catalog.genre.opinion", "意见", "Opinion"),
    ("catalog.genre.circular", "通知", "Circular"),
    ("catalog.genre.bulletin", "通报", "Bulletin"),
    ("catalog.genre.report", "报告", "Report"),
    ("catalog.genre.reply", "批复", "Official reply"),
    ("catalog.genre.letter", "函", "Letter"),
    ("catalog.genre.minutes", "纪要", "Minutes"),
    ("catalog.genre.plan", "规划", "Plan"),
    (
        "catalog.genre.programme",
        "计划、总结",
        "Work plan or review",
    ),
    ("catalog.genre.statistics", "统计数据", "Statistics"),
    ("catalog.genre.guide", "公开指南", "Disclosure guide"),
    ("catalog.genre.other", "其他", "Other"),
    // --- 公开方式 ----------------------------------------------------------------------------
    (
        "catalog.disclosure_mode.proactive",
        "主动公开",
        "Published proactively",
    ),
    (
        "catalog.disclosure_mode.on_request",
        "依申请公开",
        "Disclosed on request",
    ),
    // --- 有效性 ------------------------------------------------------------------------------
    ("catalog.validity.valid", "有效", "In force"),
    ("catalog.validity.revised", "已修订", "Revised"),
    ("catalog.validity.repealed", "已废止", "Repealed"),
    ("catalog.validity.expired", "已失效", "Expired"),
    // --- Field names ------------------------------------------------------------------------
    ("catalog.field.index_no", "索引号", "Index number"),
    ("catalog.field.title", "名称", "Title"),
    ("catalog.field.summary", "内容概述", "Summary"),
    ("catalog.field.topic", "主题分类", "Topic"),
    ("catalog.field.genre", "体裁分类", "Genre"),
    ("catalog.field.keywords", "主题词", "Keywords"),
    ("catalog.field.agency", "发布机构", "Issuing agency"),
    ("catalog.field.doc_no", "文号", "Document number"),
    ("catalog.field.issued_on", "发文日期", "Date issued"),
    ("catalog.field.disclosure_mode", "公开方式", "Disclosure"),
    ("catalog.field.validity", "有效性", "Validity"),
    ("catalog.field.replaced_by", "替代文件", "Replaced by"),
    ("catalog.field.attachments", "附件", "Attachments"),
    ("catalog.field.body", "正文", "Full text"),
    // --- Validation -------------------------------------------------------------------------
    (
        "catalog.error.index_no",
        "索引号“{found}”格式不正确，应为“机构代码/年份-五位序号”，如 11330100002497812R/2024-00123。",
        "The index number “{found}” is not valid: it should be “agency code/year-five-digit serial”, e.g. 11330100002497812R/2024-00123.",
    ),
    (
        "catalog.error.empty_title",
        "请填写文件名称。",
        "Please enter the document title.",
    ),
    (
        "catalog.error.replacement",
        "只有已修订、已废止或已失效的文件才能指向替代文件，且不能指向自身。",
        "Only a revised, repealed or expired document may name a replacement, and never itself.",
    ),
];
