//! The government information disclosure catalog (政府信息公开目录): one entry per published
//! document, shared by the server (which stores and serves it) and the app (which keeps a local
//! copy and searches it offline with [`search`]).
//!
//! * [`CatalogEntry`] — the catalog card: 索引号, 名称, 内容概述, classifications, 文号, dates,
//!   有效性 and attachments' metadata. Small; every entry is downloaded.
//! * [`CatalogBody`] — the 正文 as structured plain text ([`Block`]s, never HTML). Large;
//!   downloaded only for the documents a person saves.
//! * [`IndexNo`] — the 索引号, the stable identity of an entry (`机构代码/YYYY-NNNNN`).
//! * [`Topic`], [`Genre`], [`DisclosureMode`], [`Validity`] — the classifications, with stable
//!   codes (JSON, URLs) and labels from the i18n table (`catalog.*` keys).
//! * [`search`] — the offline full-text index; [`generate`] — deterministic realistic data for
//!   benchmarks, load tests and the demo.

pub mod generate;
pub mod publish;
pub mod search;

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::i18n::{Lang, Localized, lookup, tr_args};

/// The 索引号 of a catalog entry: `机构代码/YYYY-NNNNN`, e.g. `11330100002497812R/2024-00123`.
///
/// It never changes once published (the catalog's stable key, used by the delta feed and the
/// app's local copy). The shape checked by [`IndexNo::parse`]:
/// * the agency code: 1 to 32 characters among `0-9`, `A-Z` and `-` (an 18-character 统一社会信用代码
///   or a 9-character 组织机构代码 such as `00249781-2`); lower-case letters are upper-cased;
/// * `/`;
/// * a four-digit year from 1949 to 2199;
/// * `-` and a five-digit serial number, `00001` or more.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndexNo(String);

/// Why a text is not an [`IndexNo`], or why an entry is inconsistent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// The 索引号 has no `/` between the agency code and the year.
    #[error("索引号 {0:?} has no '/' after the agency code")]
    IndexNoNoSlash(String),
    /// The agency code part is empty, too long or has characters other than `0-9 A-Z -`.
    #[error("索引号 {0:?} has an invalid agency code")]
    IndexNoAgency(String),
    /// The part after `/` is not `YYYY-NNNNN` with a plausible year and a non-zero serial.
    #[error("索引号 {0:?} should end with YYYY-NNNNN")]
    IndexNoSerial(String),
    /// The 名称 is empty.
    #[error("the title is empty")]
    EmptyTitle,
    /// A document that is still valid names a replacement, or one names itself.
    #[error("replaced_by is inconsistent with the validity")]
    Replacement,
}

impl Localized for CatalogError {
    fn code(&self) -> &'static str {
        match self {
            CatalogError::IndexNoNoSlash(_)
            | CatalogError::IndexNoAgency(_)
            | CatalogError::IndexNoSerial(_) => "catalog.error.index_no",
            CatalogError::EmptyTitle => "catalog.error.empty_title",
            CatalogError::Replacement => "catalog.error.replacement",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let found = match self {
            CatalogError::IndexNoNoSlash(found)
            | CatalogError::IndexNoAgency(found)
            | CatalogError::IndexNoSerial(found) => found.as_str(),
            CatalogError::EmptyTitle | CatalogError::Replacement => "",
        };
        tr_args(lang, self.code(), &[("found", found)])
    }
}

impl IndexNo {
    /// Checks the shape of a 索引号 (surrounding spaces are ignored, letters upper-cased).
    pub fn parse(input: &str) -> Result<IndexNo, CatalogError> {
        let text = input.trim();
        let (agency, rest) = text
            .split_once('/')
            .ok_or_else(|| CatalogError::IndexNoNoSlash(text.to_string()))?;
        let agency_ok = (1..=32).contains(&agency.len())
            && agency
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !agency_ok {
            return Err(CatalogError::IndexNoAgency(text.to_string()));
        }
        let serial_error = || CatalogError::IndexNoSerial(text.to_string());
        let (year, serial) = rest.split_once('-').ok_or_else(serial_error)?;
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || serial.len() != 5 || !all_digits(year) || !all_digits(serial) {
            return Err(serial_error());
        }
        let year_value: u32 = year.parse().map_err(|_| serial_error())?;
        if !(1949..=2199).contains(&year_value) || serial == "00000" {
            return Err(serial_error());
        }
        Ok(IndexNo(format!(
            "{}/{year}-{serial}",
            agency.to_ascii_uppercase()
        )))
    }

    /// The 索引号 as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The agency code (before the `/`).
    pub fn agency_code(&self) -> &str {
        self.0.split_once('/').map_or("", |(agency, _)| agency)
    }

    /// The year part.
    pub fn year(&self) -> u16 {
        self.0
            .split_once('/')
            .and_then(|(_, rest)| rest.get(..4))
            .and_then(|year| year.parse().ok())
            .unwrap_or_default()
    }
}

impl fmt::Display for IndexNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for IndexNo {
    type Err = CatalogError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IndexNo::parse(s)
    }
}

impl Serialize for IndexNo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for IndexNo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        IndexNo::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Declares a classification enum with stable codes, `ALL`, `from_code`, i18n labels and serde
/// as the code string (so JSON, URLs and IndexedDB all carry the same short code).
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $prefix:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in the official order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The stable code used in JSON, URLs and the serialised index.
            pub fn code(self) -> &'static str {
                match self { $( $name::$variant => $code, )+ }
            }

            /// The value of a code, `None` if unknown.
            pub fn from_code(code: &str) -> Option<$name> {
                match code { $( $code => Some($name::$variant), )+ _ => None }
            }

            /// The i18n key of the label.
            pub fn label_key(self) -> &'static str {
                match self { $( $name::$variant => concat!($prefix, $code), )+ }
            }

            /// The label in `lang` (the key itself if the table lacks it).
            pub fn label(self, lang: Lang) -> &'static str {
                let key = self.label_key();
                lookup(lang, key).unwrap_or(key)
            }

            /// The position in [`Self::ALL`] (a compact number for the serialised index).
            pub fn ordinal(self) -> u8 {
                // The enums have far fewer than 256 values.
                Self::ALL.iter().position(|v| *v == self).unwrap_or_default() as u8
            }

            /// The value at a position of [`Self::ALL`].
            pub fn from_ordinal(ordinal: u8) -> Option<$name> {
                Self::ALL.get(usize::from(ordinal)).copied()
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = String::deserialize(deserializer)?;
                $name::from_code(&code).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "unknown {} code {code:?}",
                        stringify!($name)
                    ))
                })
            }
        }
    };
}

coded_enum! {
    /// 主题分类: the State Council's topic classification of government documents.
    Topic, "catalog.topic." {
        /// 综合政务
        GeneralAffairs => "general_affairs",
        /// 国民经济管理、国有资产监管
        Economy => "economy",
        /// 财政、金融、审计
        Finance => "finance",
        /// 国土资源、能源
        LandEnergy => "land_energy",
        /// 农业、林业、水利
        Agriculture => "agriculture",
        /// 工业、交通
        IndustryTransport => "industry_transport",
        /// 商贸、海关、旅游
        TradeTourism => "trade_tourism",
        /// 市场监管、安全生产监管
        MarketSafety => "market_safety",
        /// 城乡建设、环境保护
        ConstructionEnvironment => "construction_environment",
        /// 科技、教育
        ScienceEducation => "science_education",
        /// 文化、广电、新闻出版
        Culture => "culture",
        /// 卫生、体育
        HealthSports => "health_sports",
        /// 人口与计划生育、妇女儿童工作
        PopulationFamily => "population_family",
        /// 劳动、人事、监察
        LabourPersonnel => "labour_personnel",
        /// 公安、安全、司法
        PublicSecurityJustice => "public_security_justice",
        /// 民政、扶贫、救灾
        CivilAffairs => "civil_affairs",
        /// 民族、宗教
        EthnicReligious => "ethnic_religious",
        /// 对外事务
        ForeignAffairs => "foreign_affairs",
        /// 港澳台侨工作
        HkMacaoTaiwan => "hk_macao_taiwan",
        /// 国防
        Defence => "defence",
        /// 其他
        Other => "other",
    }
}

coded_enum! {
    /// 体裁分类: the kind of document (the official 公文 types, plus the catalog's own).
    Genre, "catalog.genre." {
        /// 命令（令）
        Order => "order",
        /// 决定
        Decision => "decision",
        /// 公告
        Announcement => "announcement",
        /// 通告
        Notice => "notice",
        /// 意见
        Opinion => "opinion",
        /// 通知
        Circular => "circular",
        /// 通报
        Bulletin => "bulletin",
        /// 报告
        Report => "report",
        /// 批复
        Reply => "reply",
        /// 函
        Letter => "letter",
        /// 纪要
        Minutes => "minutes",
        /// 规划
        Plan => "plan",
        /// 计划、总结
        Programme => "programme",
        /// 统计数据
        Statistics => "statistics",
        /// 公开指南
        Guide => "guide",
        /// 其他
        Other => "other",
    }
}

coded_enum! {
    /// 公开方式: published on the agency's own initiative, or disclosed on request.
    DisclosureMode, "catalog.disclosure_mode." {
        /// 主动公开
        Proactive => "proactive",
        /// 依申请公开
        OnRequest => "on_request",
    }
}

coded_enum! {
    /// 有效性: whether a document is still in force. Revised, repealed and expired documents stay
    /// in the catalog, marked, and may point to what replaced them
    /// ([`CatalogEntry::replaced_by`]).
    Validity, "catalog.validity." {
        /// 有效
        Valid => "valid",
        /// 已修订
        Revised => "revised",
        /// 已废止
        Repealed => "repealed",
        /// 已失效
        Expired => "expired",
    }
}

/// Metadata of an attachment (the file itself is fetched separately, when needed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The file name as shown, e.g. `附件1：申请表.docx`.
    pub name: String,
    /// Size in bytes, so the app can warn before downloading on a weak line.
    pub size_bytes: u64,
    /// The media type, e.g. `application/pdf`.
    pub media_type: String,
}

/// One card of the catalog (everything but the 正文).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// 索引号: the stable identity.
    pub index_no: IndexNo,
    /// 名称.
    pub title: String,
    /// 内容概述.
    pub summary: String,
    /// 主题分类.
    pub topic: Topic,
    /// 体裁分类.
    pub genre: Genre,
    /// 主题词.
    pub keywords: Vec<String>,
    /// 发布机构, e.g. `县教育局`.
    pub agency: String,
    /// 文号, e.g. `国办发〔2019〕51号`; many documents (reports, guides) have none.
    pub doc_no: Option<String>,
    /// 发文日期.
    #[serde(with = "crate::ymd")]
    pub issued_on: NaiveDate,
    /// 公开方式.
    pub disclosure_mode: DisclosureMode,
    /// 有效性.
    pub validity: Validity,
    /// The 索引号 of the document that revised or replaced this one, if any.
    pub replaced_by: Option<IndexNo>,
    /// Attachments' metadata.
    pub attachments: Vec<Attachment>,
    /// The server's revision of this entry (monotonic across the catalog): a newer copy has a
    /// larger number, which is how the app's delta sync knows what it holds. 0 before storing.
    pub revision: u64,
}

impl CatalogEntry {
    /// Checks what the types cannot: a non-empty title, and a replacement only on a document
    /// that is no longer valid and never pointing to itself.
    pub fn check(&self) -> Result<(), CatalogError> {
        if self.title.trim().is_empty() {
            return Err(CatalogError::EmptyTitle);
        }
        match &self.replaced_by {
            Some(other) if self.validity == Validity::Valid || *other == self.index_no => {
                Err(CatalogError::Replacement)
            }
            _ => Ok(()),
        }
    }

    /// The year of 发文日期 (a facet).
    pub fn year(&self) -> u16 {
        use chrono::Datelike;
        u16::try_from(self.issued_on.year()).unwrap_or_default()
    }
}

/// One block of a 正文: plain text only, so nothing from the catalog can ever be HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading (`一、总体要求`); `level` 1 is the highest.
    Heading {
        /// 1, 2 or 3.
        level: u8,
        /// The text.
        text: String,
    },
    /// A paragraph.
    Paragraph {
        /// The text.
        text: String,
    },
    /// A list; the items are plain text.
    List {
        /// Numbered (`1.` `2.`) rather than bulleted.
        ordered: bool,
        /// The items.
        items: Vec<String>,
    },
}

/// The 正文 of a document, by its 索引号.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogBody {
    /// The entry it belongs to.
    pub index_no: IndexNo,
    /// The text, in order.
    pub blocks: Vec<Block>,
}

impl CatalogBody {
    /// All the text, one line per heading, paragraph or item (for server-side search and for
    /// copying).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Heading { text, .. } | Block::Paragraph { text } => {
                    out.push_str(text);
                    out.push('\n');
                }
                Block::List { items, .. } => {
                    for item in items {
                        out.push_str(item);
                        out.push('\n');
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_numbers_are_checked() {
        let ok = IndexNo::parse(" 11330100002497812r/2024-00123 ").unwrap();
        assert_eq!(ok.as_str(), "11330100002497812R/2024-00123");
        assert_eq!(ok.agency_code(), "11330100002497812R");
        assert_eq!(ok.year(), 2024);
        assert!(IndexNo::parse("00249781-2/2019-00001").is_ok());
        for bad in [
            "",
            "11330100002497812R",
            "/2024-00123",
            "1133 0100/2024-00123",
            "11330100002497812R/24-00123",
            "11330100002497812R/2024-0123",
            "11330100002497812R/2024-00000",
            "11330100002497812R/1900-00001",
            "11330100002497812R/2024_00123",
            "11330100002497812R/２０２４-00123",
        ] {
            assert!(IndexNo::parse(bad).is_err(), "{bad:?}");
        }
        let err = IndexNo::parse("x").unwrap_err();
        assert_eq!(err.code(), "catalog.error.index_no");
        assert!(err.message(Lang::Zh).contains('x'));
    }

    #[test]
    fn codes_round_trip_and_have_labels() {
        for topic in Topic::ALL {
            assert_eq!(Topic::from_code(topic.code()), Some(*topic));
            assert_eq!(Topic::from_ordinal(topic.ordinal()), Some(*topic));
            assert_ne!(topic.label(Lang::Zh), topic.label_key());
            assert_ne!(topic.label(Lang::En), topic.label_key());
        }
        for genre in Genre::ALL {
            assert_ne!(genre.label(Lang::Zh), genre.label_key());
        }
        for mode in DisclosureMode::ALL {
            assert_ne!(mode.label(Lang::En), mode.label_key());
        }
        for validity in Validity::ALL {
            assert_ne!(validity.label(Lang::Zh), validity.label_key());
        }
        assert_eq!(Validity::Repealed.label(Lang::Zh), "已废止");
        assert_eq!(
            serde_json::to_string(&Validity::Revised).unwrap(),
            "\"revised\""
        );
        assert!(serde_json::from_str::<Topic>("\"nope\"").is_err());
    }

    #[test]
    fn entry_consistency_and_json() {
        let mut entry = generate::entries(7, 1).remove(0);
        entry.check().unwrap();
        entry.replaced_by = Some(entry.index_no.clone());
        entry.validity = Validity::Revised;
        assert_eq!(entry.check(), Err(CatalogError::Replacement));
        entry.replaced_by = None;
        let json = serde_json::to_string(&entry).unwrap();
        let back: CatalogEntry = serde_json::from_str(&json).unwrap();
        assert_eq!(back, entry);
        let body = generate::body(&entry);
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["blocks"][0]["type"], "heading");
        assert!(!body.plain_text().contains('<'));
        let bad = json.to_string().replace(entry.index_no.as_str(), "nope");
        assert!(serde_json::from_str::<CatalogBody>(&bad).is_err());
    }
}
