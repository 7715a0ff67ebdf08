//! 咨询: a citizen's question about a service item, answered by its department within the
//! center's time limit in working days.
//!
//! The question counts as received the day it arrives if that is a working day and it arrives
//! before 17:30, else the next working day — the rule of an online disclosure request
//! ([`crate::disclosure::OFFICE_CLOSES`], [`Calendar::effective_start`]); the answer is due
//! [`DEFAULT_ANSWER_DAYS`] working days later unless the center set another limit. An answer
//! given after the due day, or a question still open after it, is late (电子监察).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::disclosure::OFFICE_CLOSES;
use crate::i18n::{Lang, Localized, tr, tr_args};
use crate::staff_text::{NAME_MAX_CHARS, OPINION_MAX_CHARS, too_long};
use crate::{Calendar, CalendarError};

/// The longest question, in characters.
pub const QUESTION_MAX_CHARS: usize = 1_000;
/// The longest answer, in characters (an opinion's).
pub const ANSWER_MAX_CHARS: usize = OPINION_MAX_CHARS;
/// The longest asker's name, in characters.
pub const ASKER_NAME_MAX_CHARS: usize = NAME_MAX_CHARS;
/// The time limit to answer when the center set none, in working days.
pub const DEFAULT_ANSWER_DAYS: u32 = 5;
/// The longest time limit an administrator may set, in working days.
pub const MAX_ANSWER_DAYS: u32 = 30;

/// When a question counts as received and when its answer is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// The day it counts as received.
    pub counted_from: NaiveDate,
    /// The last day to answer.
    pub due: NaiveDate,
    /// Counted over a year whose holidays are not published yet.
    pub provisional: bool,
}

/// The deadline of a question received at `received` (Beijing) with a limit of `days` working
/// days.
pub fn answer_deadline(
    calendar: &Calendar,
    received: NaiveDateTime,
    days: u32,
) -> Result<Deadline, CalendarError> {
    let close = NaiveTime::from_hms_opt(OFFICE_CLOSES.0, OFFICE_CLOSES.1, 0)
        .ok_or(CalendarError::OutOfRange)?;
    let counted_from = calendar.effective_start(received, close)?;
    let due = calendar.add_working_days(counted_from, days)?;
    Ok(Deadline {
        counted_from,
        due,
        provisional: calendar.is_provisional_between(received.date(), due),
    })
}

/// Where a question stands against its deadline on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeliness {
    /// Open, this many working days left (0 on the due day).
    Running {
        /// Working days after today up to the due day.
        working_days_left: i64,
    },
    /// Open past the due day.
    Overdue {
        /// Working days since the due day.
        working_days_overdue: i64,
    },
    /// Answered by the due day.
    AnsweredInTime,
    /// Answered after the due day.
    AnsweredLate {
        /// Working days between the due day and the answer.
        working_days_overdue: i64,
    },
}

impl Timeliness {
    /// Whether 电子监察 lists it.
    pub fn is_late(self) -> bool {
        matches!(
            self,
            Timeliness::Overdue { .. } | Timeliness::AnsweredLate { .. }
        )
    }
}

/// Where a question due on `due` stands on `today`, answered on `answered_on` if it was.
pub fn timeliness(
    calendar: &Calendar,
    due: NaiveDate,
    today: NaiveDate,
    answered_on: Option<NaiveDate>,
) -> Timeliness {
    match answered_on {
        Some(day) if day > due => Timeliness::AnsweredLate {
            working_days_overdue: calendar.working_days_between(due, day).max(1),
        },
        Some(_) => Timeliness::AnsweredInTime,
        None if today > due => Timeliness::Overdue {
            working_days_overdue: calendar.working_days_between(due, today).max(1),
        },
        None => Timeliness::Running {
            working_days_left: calendar.working_days_between(today, due).max(0),
        },
    }
}

/// What is wrong with a text a person wrote (a question, an answer, a name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    /// Empty or only spaces.
    Empty,
    /// Longer than allowed.
    TooLong {
        /// The limit, in characters.
        max: usize,
        /// The text's length, in characters.
        found: usize,
    },
}

impl Localized for TextError {
    fn code(&self) -> &'static str {
        match self {
            TextError::Empty => "consultation.text.empty",
            TextError::TooLong { .. } => "consultation.text.too_long",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            TextError::Empty => tr(lang, self.code()).to_owned(),
            TextError::TooLong { max, found } => tr_args(
                lang,
                self.code(),
                &[("max", &max.to_string()), ("found", &found.to_string())],
            ),
        }
    }
}

/// The text trimmed, if it is not empty and has at most `max` characters.
pub fn check_text(text: &str, max: usize) -> Result<&str, TextError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        Err(TextError::Empty)
    } else if too_long(trimmed, max) {
        Err(TextError::TooLong {
            max,
            found: trimmed.chars().count(),
        })
    } else {
        Ok(trimmed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn five_working_days_from_the_day_of_receipt() {
        let calendar = Calendar::embedded();
        // Monday 2026-12-07 at 10:00: counts that day, due the next Monday.
        let d = answer_deadline(
            &calendar,
            date(2026, 12, 7).and_hms_opt(10, 0, 0).unwrap(),
            5,
        )
        .unwrap();
        assert_eq!(d.counted_from, date(2026, 12, 7));
        assert_eq!(d.due, date(2026, 12, 14));
        assert!(!d.provisional);
    }

    #[test]
    fn after_half_past_five_or_on_a_day_off_it_counts_from_the_next_working_day() {
        let calendar = Calendar::embedded();
        let late = answer_deadline(
            &calendar,
            date(2026, 12, 11).and_hms_opt(17, 30, 0).unwrap(),
            5,
        )
        .unwrap();
        assert_eq!(late.counted_from, date(2026, 12, 14));
        assert_eq!(late.due, date(2026, 12, 21));
        // 国庆节 2026: 1–7 October off, Saturday 10 October worked.
        let holiday = answer_deadline(
            &calendar,
            date(2026, 10, 2).and_hms_opt(9, 0, 0).unwrap(),
            5,
        )
        .unwrap();
        assert_eq!(holiday.counted_from, date(2026, 10, 8));
        // 9, 10 (the make-up Saturday), 12, 13, 14 October.
        assert_eq!(holiday.due, date(2026, 10, 14));
    }

    #[test]
    fn late_is_open_past_due_or_answered_after_it() {
        let calendar = Calendar::embedded();
        let due = date(2026, 12, 14);
        assert_eq!(
            timeliness(&calendar, due, date(2026, 12, 10), None),
            Timeliness::Running {
                working_days_left: 2
            }
        );
        assert_eq!(
            timeliness(&calendar, due, due, None),
            Timeliness::Running {
                working_days_left: 0
            }
        );
        let open_late = timeliness(&calendar, due, date(2026, 12, 16), None);
        assert_eq!(
            open_late,
            Timeliness::Overdue {
                working_days_overdue: 2
            }
        );
        assert!(open_late.is_late());
        assert!(!timeliness(&calendar, due, date(2026, 12, 20), Some(due)).is_late());
        assert_eq!(
            timeliness(&calendar, due, date(2026, 12, 20), Some(date(2026, 12, 15))),
            Timeliness::AnsweredLate {
                working_days_overdue: 1
            }
        );
    }

    #[test]
    fn texts_are_trimmed_and_limited_in_characters() {
        assert_eq!(check_text("  可以吗？ ", 10), Ok("可以吗？"));
        assert_eq!(check_text(" \n ", 10), Err(TextError::Empty));
        let long = "问".repeat(QUESTION_MAX_CHARS + 1);
        let error = check_text(&long, QUESTION_MAX_CHARS).unwrap_err();
        assert_eq!(
            error,
            TextError::TooLong {
                max: 1_000,
                found: 1_001
            }
        );
        assert!(error.message(Lang::Zh).contains("1000"));
        assert!(error.message(Lang::En).contains("1001"));
        assert!(check_text(&"问".repeat(QUESTION_MAX_CHARS), QUESTION_MAX_CHARS).is_ok());
    }
}
