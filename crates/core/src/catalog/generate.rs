//! Deterministic, realistic catalog data: the county's agencies × topics × document types, with
//! 文号 such as `县教发〔2024〕12号`, revision chains and bodies.
//!
//! Used by the search benchmark (100,000 entries), the server's demo data and its
//! `generate-catalog` command, and tests. The same seed always gives the same entries, on every
//! platform: the randomness is a tiny built-in PRNG (SplitMix64), so core needs no `rand`.

use chrono::{Datelike, Duration, NaiveDate};

use super::{
    Attachment, Block, CatalogBody, CatalogEntry, DisclosureMode, Genre, IndexNo, Topic, Validity,
};

/// SplitMix64: tiny, fast, good enough for test data, identical everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // The modulo bias is irrelevant for test data.
        (self.next_u64() % n as u64) as usize
    }

    /// `true` with probability `percent`/100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One element of a non-empty slice (the first one for an empty slice is impossible: the
    /// caller's tables are constants).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A county agency that publishes documents.
#[derive(Debug, Clone, Copy)]
pub struct Agency {
    /// 发布机构, e.g. `县教育局`.
    pub name: &'static str,
    /// The agency code at the head of its 索引号 (an 18-character credit code).
    pub code: &'static str,
    /// The prefix of its 文号, e.g. `县教` (→ `县教发〔2024〕3号`).
    pub doc_prefix: &'static str,
    /// The topics it writes about; the first is its main one.
    pub topics: &'static [Topic],
}

/// The county's agencies (20): every topic has at least one.
pub static AGENCIES: &[Agency] = &[
    Agency {
        name: "县人民政府办公室",
        code: "11331024002497812R",
        doc_prefix: "县政办",
        topics: &[
            Topic::GeneralAffairs,
            Topic::ForeignAffairs,
            Topic::HkMacaoTaiwan,
            Topic::Defence,
        ],
    },
    Agency {
        name: "县发展和改革局",
        code: "11331024002497820K",
        doc_prefix: "县发改",
        topics: &[Topic::Economy, Topic::LandEnergy, Topic::TradeTourism],
    },
    Agency {
        name: "县教育局",
        code: "11331024002497839G",
        doc_prefix: "县教",
        topics: &[Topic::ScienceEducation],
    },
    Agency {
        name: "县公安局",
        code: "11331024002497847B",
        doc_prefix: "县公",
        topics: &[Topic::PublicSecurityJustice],
    },
    Agency {
        name: "县民政局",
        code: "11331024002497855X",
        doc_prefix: "县民",
        topics: &[
            Topic::CivilAffairs,
            Topic::EthnicReligious,
            Topic::PopulationFamily,
        ],
    },
    Agency {
        name: "县财政局",
        code: "11331024002497863Q",
        doc_prefix: "县财",
        topics: &[Topic::Finance, Topic::Economy],
    },
    Agency {
        name: "县人力资源和社会保障局",
        code: "11331024002497871L",
        doc_prefix: "县人社",
        topics: &[Topic::LabourPersonnel],
    },
    Agency {
        name: "县自然资源局",
        code: "11331024002497898H",
        doc_prefix: "县自然资",
        topics: &[Topic::LandEnergy],
    },
    Agency {
        name: "县住房和城乡建设局",
        code: "11331024002497901D",
        doc_prefix: "县建",
        topics: &[Topic::ConstructionEnvironment],
    },
    Agency {
        name: "县交通运输局",
        code: "11331024002497928Y",
        doc_prefix: "县交",
        topics: &[Topic::IndustryTransport],
    },
    Agency {
        name: "县卫生健康局",
        code: "11331024002497936T",
        doc_prefix: "县卫健",
        topics: &[Topic::HealthSports, Topic::PopulationFamily],
    },
    Agency {
        name: "县市场监督管理局",
        code: "11331024002497944N",
        doc_prefix: "县市监",
        topics: &[Topic::MarketSafety],
    },
    Agency {
        name: "县农业农村局",
        code: "11331024002497952J",
        doc_prefix: "县农",
        topics: &[Topic::Agriculture],
    },
    Agency {
        name: "县水利局",
        code: "11331024002497960E",
        doc_prefix: "县水",
        topics: &[Topic::Agriculture],
    },
    Agency {
        name: "县生态环境分局",
        code: "11331024002497979A",
        doc_prefix: "县环",
        topics: &[Topic::ConstructionEnvironment],
    },
    Agency {
        name: "县应急管理局",
        code: "11331024002497987W",
        doc_prefix: "县应急",
        topics: &[Topic::MarketSafety, Topic::CivilAffairs],
    },
    Agency {
        name: "县文化和广电旅游体育局",
        code: "11331024002497995R",
        doc_prefix: "县文广旅体",
        topics: &[Topic::Culture, Topic::TradeTourism, Topic::HealthSports],
    },
    Agency {
        name: "县医疗保障局",
        code: "11331024002498006M",
        doc_prefix: "县医保",
        topics: &[Topic::HealthSports, Topic::Finance],
    },
    Agency {
        name: "县退役军人事务局",
        code: "11331024002498014G",
        doc_prefix: "县退役军人",
        topics: &[Topic::Defence, Topic::LabourPersonnel],
    },
    Agency {
        name: "县统计局",
        code: "11331024002498022C",
        doc_prefix: "县统",
        topics: &[Topic::Economy, Topic::Other],
    },
];

/// The county's name, used in titles.
pub const COUNTY: &str = "青山县";

/// The matters (事项) documents of a topic are about.
fn subjects(topic: Topic) -> &'static [&'static str] {
    match topic {
        Topic::GeneralAffairs => &[
            "政务公开",
            "政务服务“一网通办”",
            "12345政务服务便民热线",
            "营商环境优化",
            "重点工作督查",
            "行政规范性文件管理",
        ],
        Topic::Economy => &[
            "重大项目建设",
            "国有资产管理",
            "价格监测",
            "县域经济发展",
            "统计调查",
        ],
        Topic::Finance => &[
            "财政预算",
            "政府采购",
            "财政资金绩效评价",
            "非税收入管理",
            "审计整改",
        ],
        Topic::LandEnergy => &[
            "国土空间规划",
            "建设用地审批",
            "耕地保护",
            "矿产资源管理",
            "节能降耗",
        ],
        Topic::Agriculture => &[
            "高标准农田建设",
            "农村人居环境整治",
            "防汛抗旱",
            "森林防火",
            "农业保险",
            "种粮补贴发放",
        ],
        Topic::IndustryTransport => &[
            "农村公路养护",
            "道路运输安全",
            "城乡公交一体化",
            "工业企业技术改造",
            "治超工作",
        ],
        Topic::TradeTourism => &["乡村旅游", "消费促进", "电子商务进农村", "外贸稳增长"],
        Topic::MarketSafety => &[
            "营业执照办理",
            "食品安全监管",
            "安全生产检查",
            "特种设备安全",
            "个体工商户登记",
            "消费者权益保护",
        ],
        Topic::ConstructionEnvironment => &[
            "老旧小区改造",
            "保障性住房",
            "农村危房改造",
            "大气污染防治",
            "建筑工地扬尘治理",
            "城乡生活垃圾分类",
        ],
        Topic::ScienceEducation => &[
            "义务教育招生入学",
            "学前教育",
            "学生资助",
            "校园安全",
            "教师招聘",
            "课后服务",
            "科技创新",
        ],
        Topic::Culture => &[
            "公共文化服务",
            "非物质文化遗产保护",
            "农家书屋",
            "广播电视公共服务",
        ],
        Topic::HealthSports => &[
            "家庭医生签约服务",
            "基本公共卫生服务",
            "城乡居民医疗保险",
            "全民健身",
            "传染病防控",
        ],
        Topic::PopulationFamily => &[
            "妇女儿童权益保障",
            "婴幼儿照护服务",
            "计划生育家庭扶助",
            "留守儿童关爱",
        ],
        Topic::LabourPersonnel => &[
            "就业创业补贴",
            "根治欠薪",
            "事业单位公开招聘",
            "职业技能培训",
            "社会保险待遇",
        ],
        Topic::PublicSecurityJustice => &[
            "户籍管理",
            "居民身份证办理",
            "道路交通安全",
            "法律援助",
            "人民调解",
            "反诈宣传",
        ],
        Topic::CivilAffairs => &[
            "最低生活保障",
            "特困人员救助供养",
            "临时救助",
            "养老服务",
            "婚姻登记",
            "自然灾害救助",
        ],
        Topic::EthnicReligious => &["民族团结进步创建", "宗教活动场所管理"],
        Topic::ForeignAffairs => &["因公出国（境）管理", "友好城市交流"],
        Topic::HkMacaoTaiwan => &["对台交流合作", "侨务工作"],
        Topic::Defence => &["征兵工作", "双拥共建", "退役军人优待抚恤", "国防教育"],
        Topic::Other => &["统计公报", "机构职能", "人大建议和政协提案办理"],
    }
}

/// Title templates per genre: `{s}` subject, `{y}` year, `{c}` county, `{m}` month.
fn templates(genre: Genre) -> &'static [&'static str] {
    match genre {
        Genre::Order => &["{c}{s}管理办法（第{m}号令）"],
        Genre::Decision => &[
            "关于表彰{y}年度{s}先进集体和先进个人的决定",
            "关于调整{s}有关事项的决定",
        ],
        Genre::Announcement => &["关于{s}有关事项的公告", "{y}年{s}公告"],
        Genre::Notice => &["关于{s}的通告", "关于开展{s}集中整治的通告"],
        Genre::Opinion => &["关于进一步加强{s}的实施意见", "关于推进{s}高质量发展的意见"],
        Genre::Circular => &[
            "关于做好{y}年{s}工作的通知",
            "关于印发《{c}{s}实施方案》的通知",
            "关于开展{s}专项行动的通知",
            "关于公布{y}年{s}名单的通知",
        ],
        Genre::Bulletin => &["关于{y}年{s}检查情况的通报"],
        Genre::Report => &["关于{y}年{s}工作情况的报告"],
        Genre::Reply => &["关于{s}有关问题的批复"],
        Genre::Letter => &["关于商请协助做好{s}工作的函"],
        Genre::Minutes => &["{s}工作专题会议纪要"],
        Genre::Plan => &["{c}“十四五”{s}规划", "{c}{s}专项规划（{y}—2030年）"],
        Genre::Programme => &["{y}年{s}工作计划", "{y}年{s}工作总结"],
        Genre::Statistics => &["{y}年{m}月{s}统计数据", "{y}年{s}资金发放情况"],
        Genre::Guide => &["{s}办事指南"],
        Genre::Other => &["{s}政策解读", "{s}常见问题解答"],
    }
}

/// Genres drawn for ordinary documents, weighted by repetition (通知 are the most common).
const GENRES: &[Genre] = &[
    Genre::Circular,
    Genre::Circular,
    Genre::Circular,
    Genre::Circular,
    Genre::Opinion,
    Genre::Opinion,
    Genre::Announcement,
    Genre::Notice,
    Genre::Decision,
    Genre::Bulletin,
    Genre::Report,
    Genre::Reply,
    Genre::Letter,
    Genre::Minutes,
    Genre::Plan,
    Genre::Programme,
    Genre::Programme,
    Genre::Statistics,
    Genre::Statistics,
    Genre::Guide,
    Genre::Other,
    Genre::Order,
];

/// The 文号 type character of a genre (`发`, `函`, `字`), or `None` when such documents carry
/// no 文号 (statistics, plans of work, guides).
fn doc_no_kind(genre: Genre) -> Option<&'static str> {
    match genre {
        Genre::Letter | Genre::Reply => Some("函"),
        Genre::Order => Some("令"),
        Genre::Statistics | Genre::Programme | Genre::Guide | Genre::Other | Genre::Minutes => None,
        _ => Some("发"),
    }
}

const GOALS: &[&str] = &[
    "进一步提升服务群众水平",
    "切实保障人民群众合法权益",
    "推动相关工作落到实处",
    "规范办事流程、提高办事效率",
    "贯彻落实上级有关决策部署",
];

const ASPECTS: &[&str] = &[
    "工作目标、主要任务和保障措施",
    "适用范围、办理条件和办理流程",
    "职责分工、时间安排和工作要求",
    "申请条件、补助标准和监督管理",
];

const ATTACHMENTS: &[(&str, &str)] = &[
    (
        "申请表.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "名单.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("实施细则.pdf", "application/pdf"),
    ("办理流程图.png", "image/png"),
];

/// `count` realistic ordinary documents (通知, 意见, 公告, 统计数据…) of [`AGENCIES`], issued from
/// 2016 to 2025, with revision chains (about 5 % revised or repealed and pointing to their
/// replacement; old ones sometimes expired). Revisions are `1..=count` in order. The first 21
/// entries cover every [`Topic`].
pub fn entries(seed: u64, count: usize) -> Vec<CatalogEntry> {
    let mut rng = Rng::new(seed);
    let mut out: Vec<CatalogEntry> = Vec::with_capacity(count);
    // Next serial per (agency, year), and per-agency-year 文号 counters.
    let mut serials = std::collections::HashMap::<(usize, i32), u32>::new();
    // The last ordinary policy document of each agency: a candidate for being revised.
    let mut last_policy: Vec<Option<usize>> = vec![None; AGENCIES.len()];
    let start = NaiveDate::from_ymd_opt(2016, 1, 4).unwrap_or_default();
    let span_days: i64 = 365 * 10;
    for i in 0..count {
        // Dates grow with i (plus jitter), so a replacement is always younger than what it
        // replaces.
        let day = (i as i64 * span_days) / count.max(1) as i64 + rng.below(5) as i64;
        let issued_on = start + Duration::days(day.min(span_days - 1));
        let year = issued_on.year();
        let (agency_index, topic) = match Topic::ALL.get(i) {
            Some(topic) => {
                let index = AGENCIES
                    .iter()
                    .position(|a| a.topics.contains(topic))
                    .unwrap_or_default();
                (index, *topic)
            }
            None => {
                let index = rng.below(AGENCIES.len());
                (index, *rng.pick(AGENCIES[index].topics))
            }
        };
        let agency = &AGENCIES[agency_index];
        let subject = *rng.pick(subjects(topic));
        let genre = *rng.pick(GENRES);
        let month = issued_on.month().to_string();
        let title = rng
            .pick(templates(genre))
            .replace("{s}", subject)
            .replace("{y}", &year.to_string())
            .replace("{c}", COUNTY)
            .replace("{m}", &month);
        let serial = serials.entry((agency_index, year)).or_insert(0);
        *serial += 1;
        let serial_no = *serial;
        let doc_no = doc_no_kind(genre).map(|kind| {
            let number = serial_no.div_ceil(2) + rng.below(3) as u32;
            format!("{}{kind}〔{year}〕{number}号", agency.doc_prefix)
        });
        let summary = format!(
            "为{}，{}制定本文件。文件明确了{}的{}，请各乡镇人民政府、县直有关单位认真贯彻执行。",
            rng.pick(GOALS),
            agency.name,
            subject,
            rng.pick(ASPECTS),
        );
        let mut keywords = vec![
            subject.to_string(),
            genre.label(crate::Lang::Zh).to_string(),
        ];
        if rng.percent(40) {
            keywords.push(year.to_string());
        }
        let mut attachments = Vec::new();
        for n in 0..rng.below(3) {
            let (name, media_type) = *rng.pick(ATTACHMENTS);
            attachments.push(Attachment {
                name: format!("附件{}：{subject}{name}", n + 1),
                size_bytes: 20_000 + rng.below(2_000_000) as u64,
                media_type: media_type.to_string(),
            });
        }
        let index_no = IndexNo(format!("{}/{year}-{serial_no:05}", agency.code));
        let mut validity = Validity::Valid;
        if year <= 2018 && matches!(genre, Genre::Notice | Genre::Announcement) && rng.percent(40) {
            validity = Validity::Expired;
        }
        // Sometimes this document replaces the agency's previous policy document.
        if matches!(genre, Genre::Opinion | Genre::Circular | Genre::Order) {
            if let Some(previous) = last_policy[agency_index]
                && rng.percent(12)
                && let Some(old) = out.get_mut(previous)
                && old.validity == Validity::Valid
            {
                old.validity = if rng.percent(70) {
                    Validity::Revised
                } else {
                    Validity::Repealed
                };
                old.replaced_by = Some(index_no.clone());
            }
            last_policy[agency_index] = Some(i);
        }
        out.push(CatalogEntry {
            index_no,
            title,
            summary,
            topic,
            genre,
            keywords,
            agency: agency.name.to_string(),
            doc_no,
            issued_on,
            disclosure_mode: if rng.percent(95) {
                DisclosureMode::Proactive
            } else {
                DisclosureMode::OnRequest
            },
            validity,
            replaced_by: None,
            attachments,
            revision: i as u64 + 1,
        });
    }
    out
}

/// The agency's 政府信息公开指南 as published in `year` (serial `serial` in that year).
pub fn guide(agency: &Agency, year: i32, serial: u32) -> CatalogEntry {
    let issued_on = NaiveDate::from_ymd_opt(year, 3, 15).unwrap_or_default();
    CatalogEntry {
        index_no: IndexNo(format!("{}/{year}-{serial:05}", agency.code)),
        title: format!("{}政府信息公开指南", agency.name),
        summary: format!(
            "本指南介绍{}主动公开的政府信息范围、依申请公开的办理程序、收费标准和监督救济途径，便于公民、法人和其他组织获取政府信息。",
            agency.name
        ),
        topic: Topic::GeneralAffairs,
        genre: Genre::Guide,
        keywords: vec!["政府信息公开".into(), "公开指南".into()],
        agency: agency.name.to_string(),
        doc_no: None,
        issued_on,
        disclosure_mode: DisclosureMode::Proactive,
        validity: Validity::Valid,
        replaced_by: None,
        attachments: vec![Attachment {
            name: "附件：政府信息公开申请表.docx".into(),
            size_bytes: 31_744,
            media_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                .into(),
        }],
        revision: 0,
    }
}

/// The agency's 政府信息公开工作年度报告 for `report_year`, published in January of the next year
/// (serial `serial` in that year).
pub fn annual_report(agency: &Agency, report_year: i32, serial: u32) -> CatalogEntry {
    let year = report_year + 1;
    let issued_on = NaiveDate::from_ymd_opt(year, 1, 20).unwrap_or_default();
    CatalogEntry {
        index_no: IndexNo(format!("{}/{year}-{serial:05}", agency.code)),
        title: format!("{}{report_year}年政府信息公开工作年度报告", agency.name),
        summary: format!(
            "根据《中华人民共和国政府信息公开条例》要求，{}编制{report_year}年政府信息公开工作年度报告，包括总体情况、主动公开和依申请公开政府信息情况、行政复议和行政诉讼情况、存在的主要问题及改进情况等。",
            agency.name
        ),
        topic: Topic::GeneralAffairs,
        genre: Genre::Report,
        keywords: vec![
            "政府信息公开".into(),
            "年度报告".into(),
            report_year.to_string(),
        ],
        agency: agency.name.to_string(),
        doc_no: None,
        issued_on,
        disclosure_mode: DisclosureMode::Proactive,
        validity: Validity::Valid,
        replaced_by: None,
        attachments: Vec::new(),
        revision: 0,
    }
}

/// A plausible 正文 for an entry, derived from it (the same entry always gives the same body).
pub fn body(entry: &CatalogEntry) -> CatalogBody {
    let mut seed: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in entry.index_no.as_str().bytes() {
        seed = (seed ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut rng = Rng::new(seed);
    let heading = |level: u8, text: &str| Block::Heading {
        level,
        text: text.to_string(),
    };
    let paragraph = |text: String| Block::Paragraph { text };
    let mut blocks = vec![heading(1, &entry.title)];
    if let Some(doc_no) = &entry.doc_no {
        blocks.push(paragraph(doc_no.clone()));
    }
    match entry.genre {
        Genre::Guide => {
            blocks.push(paragraph(format!(
                "为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。{}",
                entry.summary
            )));
            for (title, text) in [
                (
                    "一、主动公开",
                    "主动公开的政府信息通过本机关门户网站、政务新媒体、政务服务中心等途径公开，自形成或者变更之日起20个工作日内予以公开。",
                ),
                (
                    "二、依申请公开",
                    "公民、法人或者其他组织可以通过当面、邮寄、网络等方式提出政府信息公开申请。能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复，需要延长的，延长期限最长不超过20个工作日。",
                ),
                (
                    "三、收费标准",
                    "依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，可以收取信息处理费。",
                ),
                (
                    "四、监督和救济",
                    "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。",
                ),
            ] {
                blocks.push(heading(2, title));
                blocks.push(paragraph(text.to_string()));
            }
            blocks.push(Block::List {
                ordered: false,
                items: vec![
                    format!("受理机构：{}办公室", entry.agency),
                    "办公时间：工作日上午8:30—12:00，下午14:30—17:30".into(),
                    "联系电话：0570-6012345".into(),
                ],
            });
        }
        Genre::Report if entry.title.contains("年度报告") => {
            for title in [
                "一、总体情况",
                "二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况",
                "五、存在的主要问题及改进情况",
                "六、其他需要报告的事项",
            ] {
                blocks.push(heading(2, title));
                blocks.push(paragraph(format!(
                    "本年度共主动公开政府信息{}条，收到政府信息公开申请{}件，均在法定期限内答复。",
                    50 + rng.below(400),
                    rng.below(40)
                )));
            }
        }
        _ => {
            blocks.push(paragraph(entry.summary.clone()));
            for (n, title) in ["一、总体要求", "二、主要任务", "三、保障措施"]
                .iter()
                .enumerate()
            {
                blocks.push(heading(2, title));
                blocks.push(paragraph(format!(
                    "坚持以人民为中心的发展思想，{}，确保各项工作有序推进。",
                    rng.pick(GOALS)
                )));
                if n == 1 {
                    blocks.push(Block::List {
                        ordered: true,
                        items: (1..=3 + rng.below(3))
                            .map(|k| format!("第{k}项任务：{}", rng.pick(ASPECTS)))
                            .collect(),
                    });
                }
            }
            blocks.push(paragraph(format!(
                "本文件自印发之日起施行，由{}负责解释。",
                entry.agency
            )));
        }
    }
    CatalogBody {
        index_no: entry.index_no.clone(),
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_valid_and_complete() {
        let first = entries(42, 2_000);
        assert_eq!(first, entries(42, 2_000));
        assert_ne!(first, entries(43, 2_000));
        let mut ids = std::collections::HashSet::new();
        for entry in &first {
            entry.check().unwrap();
            assert!(ids.insert(entry.index_no.clone()), "{}", entry.index_no);
            assert_eq!(
                IndexNo::parse(entry.index_no.as_str()).as_ref(),
                Ok(&entry.index_no)
            );
            if let Some(next) = &entry.replaced_by {
                assert!(first.iter().any(|e| &e.index_no == next));
            }
        }
        for topic in Topic::ALL {
            assert!(first.iter().any(|e| e.topic == *topic), "{topic:?}");
        }
        assert!(first.iter().any(|e| e.validity == Validity::Revised));
        assert!(
            first
                .iter()
                .any(|e| e.doc_no.as_deref().is_some_and(|d| d.contains('〔')))
        );
        let guide = guide(&AGENCIES[2], 2024, 90_001);
        guide.check().unwrap();
        assert_eq!(guide.index_no.year(), 2024);
        let report = annual_report(&AGENCIES[2], 2024, 90_002);
        assert_eq!(report.title, "县教育局2024年政府信息公开工作年度报告");
        assert_eq!(body(&report), body(&report));
    }
}
