//! A year's holidays as an administrator pastes them from the State Council's notice.
//!
//! One line per holiday: its name, then the days off (dates or ranges, separated by commas or
//! 、), then, after a semicolon, `调休` (or `上班`) and the make-up working days:
//!
//! ```text
//! 元旦 2027-01-01至2027-01-03
//! 春节 2027-02-05..2027-02-11；调休 2027-02-14, 2027-02-20
//! ```
//!
//! Ranges are written `A至B`, `A..B` or `A~B`; full-width punctuation is accepted. Blank lines
//! and lines starting with `#` are skipped. The English name is the usual one for the seven
//! statutory holidays and the Chinese name otherwise. What the lines produce is then checked by
//! the rules of the data file ([`crate::calendar::Calendar::with_year`]): dates in the year,
//! no overlap, make-up days on weekends.

use chrono::NaiveDate;
use thiserror::Error;

use super::{BilingualName, Holiday, OfficialYear};
use crate::i18n::{Lang, Localized, tr, tr_args};

/// The English name of a break the notices merge (the seven statutory names are
/// `statutory::NAMES`).
const MERGED: (&str, &str) = ("国庆节、中秋节", "National Day and Mid-Autumn Festival");

/// The longest range accepted, in days: no break is longer than a few weeks.
const MAX_RANGE_DAYS: i64 = 40;

/// Why a pasted text cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NoticeTextError {
    /// A line that is not `name dates[; 调休 dates]`.
    #[error("line {line} is not understood: {text}")]
    Line {
        /// 1-based line number.
        line: usize,
        /// The line.
        text: String,
    },
    /// A date that does not exist or is not `YYYY-MM-DD`.
    #[error("line {line}: {text} is not a date")]
    Date {
        /// 1-based line number.
        line: usize,
        /// The text.
        text: String,
    },
    /// Nothing but blank lines.
    #[error("no holiday was entered")]
    Empty,
}

impl Localized for NoticeTextError {
    fn code(&self) -> &'static str {
        match self {
            NoticeTextError::Line { .. } => "calendar.notice_line",
            NoticeTextError::Date { .. } => "calendar.notice_date",
            NoticeTextError::Empty => "calendar.notice_empty",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            NoticeTextError::Line { line, text } | NoticeTextError::Date { line, text } => tr_args(
                lang,
                self.code(),
                &[("line", &line.to_string()), ("text", text)],
            ),
            NoticeTextError::Empty => tr(lang, self.code()).to_owned(),
        }
    }
}

/// Reads the pasted lines of `year`'s notice (see the module documentation).
pub fn parse(
    year: i32,
    notice: Option<String>,
    text: &str,
) -> Result<OfficialYear, NoticeTextError> {
    let mut holidays = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let normalised: String = trimmed
            .chars()
            .map(|c| match c {
                '；' => ';',
                '，' | '、' => ',',
                '～' | '~' => '至',
                '：' | ':' => ' ',
                '\u{3000}' => ' ',
                other => other,
            })
            .collect();
        let unreadable = || NoticeTextError::Line {
            line,
            text: trimmed.to_owned(),
        };
        let (main, make_up_part) = match normalised.split_once(';') {
            Some((main, rest)) => (main, Some(rest.trim())),
            None => (normalised.as_str(), None),
        };
        // The name is everything before the first digit.
        let split = main
            .find(|c: char| c.is_ascii_digit())
            .ok_or_else(unreadable)?;
        let name = main[..split].trim().trim_end_matches(',').trim();
        if name.is_empty() {
            return Err(unreadable());
        }
        let off = dates(&main[split..], line)?;
        let make_up = match make_up_part {
            Some(part) => {
                let rest = part
                    .strip_prefix("调休上班")
                    .or_else(|| part.strip_prefix("调休"))
                    .or_else(|| part.strip_prefix("上班"))
                    .ok_or_else(unreadable)?;
                dates(rest, line)?
            }
            None => Vec::new(),
        };
        let english = super::statutory::NAMES
            .iter()
            .chain([&MERGED])
            .find(|(zh, _)| *zh == name)
            .map_or(name, |(_, en)| *en);
        holidays.push(Holiday {
            name: BilingualName {
                zh: name.to_owned(),
                en: english.to_owned(),
            },
            off,
            make_up,
            provisional: false,
        });
    }
    if holidays.is_empty() {
        return Err(NoticeTextError::Empty);
    }
    Ok(OfficialYear {
        year,
        notice: notice.filter(|n| !n.trim().is_empty()),
        holidays,
    })
}

/// Comma-separated dates and ranges, expanded, in the order written.
fn dates(text: &str, line: usize) -> Result<Vec<NaiveDate>, NoticeTextError> {
    let mut out = Vec::new();
    for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (from, to) = match item.split_once("..").or_else(|| item.split_once('至')) {
            Some((from, to)) => (date(from, line)?, date(to, line)?),
            None => {
                let day = date(item, line)?;
                (day, day)
            }
        };
        if to < from || (to - from).num_days() > MAX_RANGE_DAYS {
            return Err(NoticeTextError::Line {
                line,
                text: item.to_owned(),
            });
        }
        out.extend(from.iter_days().take_while(|d| *d <= to));
    }
    Ok(out)
}

fn date(text: &str, line: usize) -> Result<NaiveDate, NoticeTextError> {
    let text = text.trim();
    crate::ymd::parse(text).ok_or_else(|| NoticeTextError::Date {
        line,
        text: text.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn reads_a_pasted_notice() {
        let text = "# 国务院办公厅关于2027年部分节假日安排的通知\n\
                    元旦：2027-01-01至2027-01-03\n\
                    \n\
                    春节 2027-02-05..2027-02-11；调休 2027-02-14，2027-02-20\n\
                    清明节 2027-04-03~2027-04-05\n";
        let year = parse(2027, Some("国办发明电〔2026〕7号".into()), text).unwrap();
        assert_eq!(year.holidays.len(), 3);
        assert_eq!(
            year.holidays[0].off,
            [d("2027-01-01"), d("2027-01-02"), d("2027-01-03")]
        );
        assert_eq!(year.holidays[1].name.en, "Spring Festival");
        assert_eq!(year.holidays[1].off.len(), 7);
        assert_eq!(year.holidays[1].make_up, [d("2027-02-14"), d("2027-02-20")]);
        assert_eq!(year.holidays[2].off.len(), 3);
        let calendar = Calendar::embedded().with_year(year).unwrap();
        assert!(calendar.covers(2027));
        assert!(calendar.is_working_day(d("2027-02-14")));
    }

    #[test]
    fn says_which_line_is_wrong() {
        assert_eq!(parse(2027, None, " \n# x\n"), Err(NoticeTextError::Empty));
        assert_eq!(
            parse(2027, None, "元旦 2027-01-01\n2027-02-05"),
            Err(NoticeTextError::Line {
                line: 2,
                text: "2027-02-05".into()
            })
        );
        assert_eq!(
            parse(2027, None, "春节 2027-02-30"),
            Err(NoticeTextError::Date {
                line: 1,
                text: "2027-02-30".into()
            })
        );
        assert_eq!(
            parse(2027, None, "春节 2027-02-05；加班 2027-02-14"),
            Err(NoticeTextError::Line {
                line: 1,
                text: "春节 2027-02-05；加班 2027-02-14".into()
            })
        );
        let error = parse(2027, None, "春节 2027-03-01..2027-02-01").unwrap_err();
        assert!(error.message(Lang::Zh).contains("第1行"));
    }
}
