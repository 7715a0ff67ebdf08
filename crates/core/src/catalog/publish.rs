//! Publishing rules of the catalog, shared by the server (which enforces them) and the desk
//! (which shows the same words): the 索引号 rule `机构代码/年份-序号`, the 正文 typed as plain text
//! turned into [`Block`]s, and one imported row (CSV or Excel) checked field by field into an
//! entry, with each problem naming its line and column.
//!
//! No I/O: reading the files, the agencies and the existing entries is the server's work.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::{
    Block, CatalogBody, CatalogEntry, CatalogError, DisclosureMode, Genre, IndexNo, Topic, Validity,
};
use crate::i18n::{Lang, lookup, tr_args};

/// The largest serial a 索引号 can hold (five digits).
pub const MAX_SERIAL: u32 = 99_999;

/// The 索引号 of the `serial`-th document an agency publishes in `year`:
/// `机构代码/年份-序号`, the serial on five digits (`11350100MB0000000X/2026-00042`).
///
/// Fails when the agency code or the year cannot make a valid 索引号, or the serial is 0 or
/// above [`MAX_SERIAL`] (the agency has used up its year).
pub fn index_no_for(agency_code: &str, year: i32, serial: u32) -> Result<IndexNo, CatalogError> {
    let text = format!("{agency_code}/{year:04}-{serial:05}");
    if serial == 0 || serial > MAX_SERIAL {
        return Err(CatalogError::IndexNoSerial(text));
    }
    IndexNo::parse(&text)
}

/// The serial part of a 索引号 (`…/2026-00042` → 42).
pub fn serial_of(index_no: &IndexNo) -> u32 {
    index_no
        .as_str()
        .rsplit_once('-')
        .and_then(|(_, serial)| serial.parse().ok())
        .unwrap_or_default()
}

/// The 正文 as typed in one text box: blocks separated by blank lines (or, in one line of a
/// spreadsheet cell, by line breaks); a block whose first line starts with `#` is a heading
/// (`#` level 1, `##` level 2, `###` level 3); a block whose every line starts with `-` or `·`
/// is a bulleted list, `1.`/`1、` a numbered one; anything else a paragraph, its lines joined.
pub fn blocks_from_text(text: &str) -> Vec<Block> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut blocks = Vec::new();
    for chunk in text.split("\n\n") {
        let lines: Vec<&str> = chunk
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let Some(first) = lines.first() else { continue };
        if first.starts_with('#') {
            let level = first.chars().take_while(|c| *c == '#').count().min(3) as u8;
            let heading = first.trim_start_matches('#').trim();
            if !heading.is_empty() {
                blocks.push(Block::Heading {
                    level,
                    text: heading.to_string(),
                });
            }
            let rest: Vec<&str> = lines[1..].to_vec();
            if !rest.is_empty() {
                blocks.push(Block::Paragraph {
                    text: rest.join(""),
                });
            }
            continue;
        }
        if lines.iter().all(|l| bullet(l).is_some()) {
            blocks.push(Block::List {
                ordered: false,
                items: lines
                    .iter()
                    .filter_map(|l| bullet(l))
                    .map(String::from)
                    .collect(),
            });
        } else if lines.len() > 1 && lines.iter().all(|l| numbered(l).is_some()) {
            blocks.push(Block::List {
                ordered: true,
                items: lines
                    .iter()
                    .filter_map(|l| numbered(l))
                    .map(String::from)
                    .collect(),
            });
        } else {
            // A paragraph typed over several lines is one paragraph (Chinese has no spaces).
            blocks.push(Block::Paragraph {
                text: lines.join(""),
            });
        }
    }
    blocks
}

fn bullet(line: &str) -> Option<&str> {
    line.strip_prefix('-')
        .or_else(|| line.strip_prefix('·'))
        .map(str::trim)
}

fn numbered(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = &line[digits..];
    rest.strip_prefix('.')
        .or_else(|| rest.strip_prefix('、'))
        .map(str::trim)
}

/// The text a person would type for `blocks` (the inverse of [`blocks_from_text`], for editing).
pub fn text_from_blocks(blocks: &[Block]) -> String {
    let parts: Vec<String> = blocks
        .iter()
        .map(|block| match block {
            Block::Heading { level, text } => {
                format!("{} {text}", "#".repeat(usize::from((*level).clamp(1, 3))))
            }
            Block::Paragraph { text } => text.clone(),
            Block::List { ordered, items } => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    if *ordered {
                        format!("{}. {item}", i + 1)
                    } else {
                        format!("- {item}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect();
    parts.join("\n\n")
}

/// A date as people write it: `2026-03-05`, `2026/3/5`, `2026.3.5`, `2026年3月5日`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let cleaned: String = text
        .trim_end_matches('日')
        .chars()
        .map(|c| match c {
            '/' | '.' | '年' | '月' => '-',
            c => c,
        })
        .collect();
    let mut parts = cleaned.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let number = |s: &str, max_len: usize| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    if y.len() != 4 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(number(y, 4)?).ok()?,
        number(m, 2)?,
        number(d, 2)?,
    )?;
    (1949..=2199).contains(&date.year()).then_some(date)
}

/// 主题词 as typed: separated by spaces, commas, semicolons or 、.
pub fn split_keywords(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || ",，;；、".contains(c))
        .filter(|k| !k.is_empty())
        .map(String::from)
        .collect()
}

/// A coded value given by its code (`science_education`) or its Chinese label (`科技、教育`).
fn coded<T: Copy>(
    text: &str,
    all: &[T],
    code: impl Fn(T) -> &'static str,
    key: impl Fn(T) -> &'static str,
) -> Option<T> {
    let text = text.trim();
    all.iter().copied().find(|v| {
        code(*v) == text
            || lookup(Lang::Zh, key(*v))
                .is_some_and(|label| label == text || label.split('（').next() == Some(text))
    })
}

/// A 主题分类 by code or Chinese label.
pub fn topic_from_text(text: &str) -> Option<Topic> {
    coded(text, Topic::ALL, Topic::code, Topic::label_key)
}

/// A 体裁分类 by code or Chinese label (`命令` for `命令（令）` too: the part before a bracket).
pub fn genre_from_text(text: &str) -> Option<Genre> {
    coded(text, Genre::ALL, Genre::code, Genre::label_key)
}

/// A 有效性 by code or Chinese label (`失效` and `废止` without `已` too).
pub fn validity_from_text(text: &str) -> Option<Validity> {
    let text = text.trim();
    coded(text, Validity::ALL, Validity::code, Validity::label_key).or(match text {
        "失效" => Some(Validity::Expired),
        "废止" => Some(Validity::Repealed),
        "修订" => Some(Validity::Revised),
        _ => None,
    })
}

/// A 公开方式 by code or Chinese label.
pub fn mode_from_text(text: &str) -> Option<DisclosureMode> {
    coded(
        text,
        DisclosureMode::ALL,
        DisclosureMode::code,
        DisclosureMode::label_key,
    )
}

/// The columns of an import file, by their Chinese headers (the first row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    /// 索引号 (required: the import's key).
    IndexNo,
    /// 名称 (required).
    Title,
    /// 发布机构 (required: a known agency's name).
    Agency,
    /// 文号.
    DocNo,
    /// 成文日期 (required).
    IssuedOn,
    /// 主题分类 (default 其他).
    Topic,
    /// 体裁 (default 其他).
    Genre,
    /// 主题词.
    Keywords,
    /// 内容概述.
    Summary,
    /// 正文.
    Body,
    /// 有效性 (default 有效).
    Validity,
    /// 公开方式 (default 主动公开).
    DisclosureMode,
}

impl Column {
    /// Every column, in the documented order.
    pub const ALL: &'static [Column] = &[
        Column::IndexNo,
        Column::Title,
        Column::Agency,
        Column::DocNo,
        Column::IssuedOn,
        Column::Topic,
        Column::Genre,
        Column::Keywords,
        Column::Summary,
        Column::Body,
        Column::Validity,
        Column::DisclosureMode,
    ];

    /// The columns a file must have.
    pub const REQUIRED: &'static [Column] = &[
        Column::IndexNo,
        Column::Title,
        Column::Agency,
        Column::IssuedOn,
    ];

    /// The header of the column.
    pub fn header(self) -> &'static str {
        match self {
            Column::IndexNo => "索引号",
            Column::Title => "名称",
            Column::Agency => "发布机构",
            Column::DocNo => "文号",
            Column::IssuedOn => "成文日期",
            Column::Topic => "主题分类",
            Column::Genre => "体裁",
            Column::Keywords => "主题词",
            Column::Summary => "内容概述",
            Column::Body => "正文",
            Column::Validity => "有效性",
            Column::DisclosureMode => "公开方式",
        }
    }

    /// The column of a header (spaces, a byte-order mark and a trailing `*` ignored; 发文日期
    /// and 体裁分类 accepted as other names).
    pub fn from_header(text: &str) -> Option<Column> {
        let text = text
            .trim_start_matches('\u{feff}')
            .trim()
            .trim_end_matches('*')
            .trim();
        match text {
            "发文日期" => return Some(Column::IssuedOn),
            "体裁分类" => return Some(Column::Genre),
            "标题" => return Some(Column::Title),
            _ => {}
        }
        Column::ALL.iter().copied().find(|c| c.header() == text)
    }
}

/// What is wrong with one field of one row: the problem's string key and the value found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The line of the file (1 is the header row).
    pub line: u64,
    /// The column (its header names it).
    pub column: Column,
    /// The problem (`admin.catalog.import.*`).
    pub key: &'static str,
    /// The value found (or another detail the message names, e.g. an earlier line).
    pub found: String,
}

impl RowProblem {
    /// The problem in plain words: `第 5 行「成文日期」：…`.
    pub fn message(&self, lang: Lang) -> String {
        let line = self.line.to_string();
        let problem = tr_args(lang, self.key, &[("found", &self.found)]);
        tr_args(
            lang,
            "admin.catalog.import.row",
            &[
                ("line", &line),
                ("field", self.column.header()),
                ("problem", &problem),
            ],
        )
    }
}

/// One row read into an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRow {
    /// The line it came from.
    pub line: u64,
    /// The entry (revision 0, no attachments).
    pub entry: CatalogEntry,
    /// Its 正文 (`None` when the 正文 cell is empty).
    pub body: Option<CatalogBody>,
    /// The agency's code (from 发布机构).
    pub agency_code: String,
}

/// Longest 名称 accepted.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest 内容概述 accepted.
pub const MAX_SUMMARY_CHARS: usize = 2_000;

/// Checks one row (`cells`: column → text as read) into an entry. `agency_code_of` gives the
/// code of an agency by its name (`None`: unknown). Every problem of the row is reported.
pub fn read_row(
    line: u64,
    cells: &BTreeMap<Column, String>,
    agency_code_of: impl Fn(&str) -> Option<String>,
) -> Result<ImportedRow, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let mut problem = |column: Column, key: &'static str, found: &str| {
        problems.push(RowProblem {
            line,
            column,
            key,
            found: found.chars().take(60).collect(),
        });
    };
    let cell = |column: Column| cells.get(&column).map(|s| s.trim()).unwrap_or_default();

    let index_no = match cell(Column::IndexNo) {
        "" => {
            problem(Column::IndexNo, "admin.catalog.import.missing", "");
            None
        }
        text => match IndexNo::parse(text) {
            Ok(index_no) => Some(index_no),
            Err(_) => {
                problem(Column::IndexNo, "admin.catalog.import.bad_index_no", text);
                None
            }
        },
    };
    let title = cell(Column::Title);
    if title.is_empty() {
        problem(Column::Title, "admin.catalog.import.missing", "");
    } else if title.chars().count() > MAX_TITLE_CHARS {
        problem(Column::Title, "admin.catalog.import.too_long", "200");
    }
    let agency = cell(Column::Agency);
    let agency_code = if agency.is_empty() {
        problem(Column::Agency, "admin.catalog.import.missing", "");
        None
    } else {
        let code = agency_code_of(agency);
        if code.is_none() {
            problem(
                Column::Agency,
                "admin.catalog.import.unknown_agency",
                agency,
            );
        }
        code
    };
    let issued_on = match cell(Column::IssuedOn) {
        "" => {
            problem(Column::IssuedOn, "admin.catalog.import.missing", "");
            None
        }
        text => {
            let date = parse_date(text);
            if date.is_none() {
                problem(Column::IssuedOn, "admin.catalog.import.bad_date", text);
            }
            date
        }
    };
    let mut code_of = |column: Column, parse: &dyn Fn(&str) -> Option<()>| {
        let text = cell(column);
        if !text.is_empty() && parse(text).is_none() {
            problem(column, "admin.catalog.import.unknown_value", text);
        }
    };
    code_of(Column::Topic, &|t| topic_from_text(t).map(|_| ()));
    code_of(Column::Genre, &|t| genre_from_text(t).map(|_| ()));
    code_of(Column::Validity, &|t| validity_from_text(t).map(|_| ()));
    code_of(Column::DisclosureMode, &|t| mode_from_text(t).map(|_| ()));
    let summary = cell(Column::Summary);
    if summary.chars().count() > MAX_SUMMARY_CHARS {
        problem(Column::Summary, "admin.catalog.import.too_long", "2000");
    }
    let (Some(index_no), Some(agency_code), Some(issued_on), true) =
        (index_no, agency_code, issued_on, problems.is_empty())
    else {
        return Err(problems);
    };
    let or_default = |column: Column| Some(cell(column)).filter(|t| !t.is_empty());
    let entry = CatalogEntry {
        index_no: index_no.clone(),
        title: title.to_string(),
        summary: summary.to_string(),
        topic: or_default(Column::Topic)
            .and_then(topic_from_text)
            .unwrap_or(Topic::Other),
        genre: or_default(Column::Genre)
            .and_then(genre_from_text)
            .unwrap_or(Genre::Other),
        keywords: split_keywords(cell(Column::Keywords)),
        agency: agency.to_string(),
        doc_no: or_default(Column::DocNo).map(String::from),
        issued_on,
        disclosure_mode: or_default(Column::DisclosureMode)
            .and_then(mode_from_text)
            .unwrap_or(DisclosureMode::Proactive),
        validity: or_default(Column::Validity)
            .and_then(validity_from_text)
            .unwrap_or(Validity::Valid),
        replaced_by: None,
        attachments: Vec::new(),
        revision: 0,
    };
    let blocks = blocks_from_text(cell(Column::Body));
    let body = (!blocks.is_empty()).then_some(CatalogBody { index_no, blocks });
    Ok(ImportedRow {
        line,
        entry,
        body,
        agency_code,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_numbers_follow_the_agency_rule() {
        let no = index_no_for("11350100MB0000000X", 2026, 42).unwrap();
        assert_eq!(no.as_str(), "11350100MB0000000X/2026-00042");
        assert_eq!(serial_of(&no), 42);
        assert_eq!(
            index_no_for("11350100mb0000000x", 2026, 1)
                .unwrap()
                .as_str(),
            "11350100MB0000000X/2026-00001"
        );
        assert!(index_no_for("11350100MB0000000X", 2026, 0).is_err());
        assert!(index_no_for("11350100MB0000000X", 2026, MAX_SERIAL + 1).is_err());
        assert!(index_no_for("11350100MB0000000X", 2026, MAX_SERIAL).is_ok());
        assert!(index_no_for("bad code", 2026, 1).is_err());
        assert!(index_no_for("11350100MB0000000X", 1900, 1).is_err());
    }

    #[test]
    fn body_text_becomes_blocks_and_back() {
        let text =
            "# 一、总体要求\n\n第一段\n接着写。\n\n- 甲\n- 乙\n\n1. 一\n2、二\n\n## 二、措施";
        let blocks = blocks_from_text(text);
        assert_eq!(
            blocks,
            vec![
                Block::Heading {
                    level: 1,
                    text: "一、总体要求".into()
                },
                Block::Paragraph {
                    text: "第一段接着写。".into()
                },
                Block::List {
                    ordered: false,
                    items: vec!["甲".into(), "乙".into()]
                },
                Block::List {
                    ordered: true,
                    items: vec!["一".into(), "二".into()]
                },
                Block::Heading {
                    level: 2,
                    text: "二、措施".into()
                },
            ]
        );
        assert_eq!(blocks_from_text(&text_from_blocks(&blocks)), blocks);
        assert!(blocks_from_text(" \n\n \r\n").is_empty());
        // "2026年" starting a paragraph is not a numbered list.
        assert_eq!(
            blocks_from_text("2026年工作要点"),
            vec![Block::Paragraph {
                text: "2026年工作要点".into()
            }]
        );
    }

    #[test]
    fn dates_as_people_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5);
        for text in [
            "2026-03-05",
            "2026/3/5",
            "2026.3.5",
            "2026年3月5日",
            " 2026-3-05 ",
        ] {
            assert_eq!(parse_date(text), d, "{text}");
        }
        for bad in [
            "",
            "2026-13-01",
            "2026-02-30",
            "26-3-5",
            "2026-3",
            "明天",
            "2026-03-05x",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn coded_values_by_code_or_label() {
        assert_eq!(topic_from_text("科技、教育"), Some(Topic::ScienceEducation));
        assert_eq!(
            topic_from_text("science_education"),
            Some(Topic::ScienceEducation)
        );
        assert_eq!(genre_from_text("通知"), Some(Genre::Circular));
        assert_eq!(genre_from_text("命令"), Some(Genre::Order));
        assert_eq!(validity_from_text("失效"), Some(Validity::Expired));
        assert_eq!(validity_from_text("已废止"), Some(Validity::Repealed));
        assert_eq!(mode_from_text("主动公开"), Some(DisclosureMode::Proactive));
        assert_eq!(topic_from_text("天气"), None);
        assert_eq!(
            split_keywords("教育，资助; 学生、 补助"),
            ["教育", "资助", "学生", "补助"]
        );
        assert_eq!(Column::from_header("\u{feff}索引号"), Some(Column::IndexNo));
        assert_eq!(Column::from_header("名称*"), Some(Column::Title));
        assert_eq!(Column::from_header("备注"), None);
    }

    fn row(pairs: &[(Column, &str)]) -> BTreeMap<Column, String> {
        pairs.iter().map(|(c, v)| (*c, v.to_string())).collect()
    }

    fn agencies(name: &str) -> Option<String> {
        (name == "县教育局").then(|| "11331024002497839G".to_string())
    }

    #[test]
    fn a_good_row_becomes_an_entry() {
        let cells = row(&[
            (Column::IndexNo, "11331024002497839G/2025-00007"),
            (Column::Title, "关于做好2025年秋季学期学生资助工作的通知"),
            (Column::Agency, "县教育局"),
            (Column::DocNo, "县教发〔2025〕7号"),
            (Column::IssuedOn, "2025/8/20"),
            (Column::Topic, "科技、教育"),
            (Column::Genre, "通知"),
            (Column::Keywords, "资助 学生"),
            (Column::Body, "# 一、资助对象\n\n家庭经济困难学生。"),
            (Column::Validity, "失效"),
        ]);
        let read = read_row(3, &cells, agencies).unwrap();
        assert_eq!(read.agency_code, "11331024002497839G");
        assert_eq!(read.entry.validity, Validity::Expired);
        assert_eq!(read.entry.genre, Genre::Circular);
        assert_eq!(read.entry.keywords, ["资助", "学生"]);
        assert_eq!(read.body.unwrap().blocks.len(), 2);
        read.entry.check().unwrap();
    }

    #[test]
    fn every_problem_of_a_row_is_named_with_its_line_and_field() {
        let cells = row(&[
            (Column::IndexNo, "123"),
            (Column::Agency, "县外星局"),
            (Column::IssuedOn, "2025-02-30"),
            (Column::Topic, "天气"),
        ]);
        let problems = read_row(7, &cells, agencies).unwrap_err();
        let columns: Vec<Column> = problems.iter().map(|p| p.column).collect();
        assert_eq!(
            columns,
            [
                Column::IndexNo,
                Column::Title,
                Column::Agency,
                Column::IssuedOn,
                Column::Topic
            ]
        );
        assert!(problems.iter().all(|p| p.line == 7));
        let text = problems[3].message(Lang::Zh);
        assert!(text.contains("第 7 行"), "{text}");
        assert!(text.contains("成文日期"), "{text}");
        assert!(text.contains("2025-02-30"), "{text}");
        assert!(problems[1].message(Lang::Zh).contains("名称"));
        assert!(problems[2].message(Lang::Zh).contains("县外星局"));
        assert!(problems[2].message(Lang::En).contains("Line 7"));
    }
}
