//! 好差评 (国办发〔2019〕51号): the five levels of a citizen's rating of a concluded case, which
//! of them are bad ratings, and the time a bad rating gives the department to follow it up;
//! the lengths a rating's comment and a complaint's fields may have (app and server alike).
//!
//! A bad rating (不满意 / 非常不满意) must be answered and rectified within
//! [`FOLLOW_UP_WORKING_DAYS`] working days locally; the deadline is counted on the official
//! calendar with [`crate::Calendar::add_working_days`], like every other limit.

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, tr};

/// Working days a department has to answer a bad rating (整改 within 15 working days).
pub const FOLLOW_UP_WORKING_DAYS: u32 = 15;

/// The longest comment kept with a rating, in characters.
pub const MAX_COMMENT_CHARS: usize = 2000;

/// The longest complaint subject (事由), in characters.
pub const MAX_COMPLAINT_SUBJECT_CHARS: usize = 200;

/// The longest complaint facts (事实与理由), in characters.
pub const MAX_COMPLAINT_FACTS_CHARS: usize = 5000;

/// The longest complaint contact (phone or e-mail), in characters.
pub const MAX_COMPLAINT_CONTACT_CHARS: usize = 100;

/// One of the five levels of 好差评.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// 非常满意.
    VerySatisfied,
    /// 满意.
    Satisfied,
    /// 基本满意.
    Basic,
    /// 不满意.
    Dissatisfied,
    /// 非常不满意.
    VeryDissatisfied,
}

impl Rating {
    /// Every level, best first.
    pub const ALL: [Rating; 5] = [
        Rating::VerySatisfied,
        Rating::Satisfied,
        Rating::Basic,
        Rating::Dissatisfied,
        Rating::VeryDissatisfied,
    ];

    /// Whether this is a 差评 that must be followed up.
    pub fn is_bad(self) -> bool {
        matches!(self, Rating::Dissatisfied | Rating::VeryDissatisfied)
    }

    /// The stable code, e.g. `"very_satisfied"`.
    pub fn code(self) -> &'static str {
        match self {
            Rating::VerySatisfied => "very_satisfied",
            Rating::Satisfied => "satisfied",
            Rating::Basic => "basic",
            Rating::Dissatisfied => "dissatisfied",
            Rating::VeryDissatisfied => "very_dissatisfied",
        }
    }

    /// Reads a stable code.
    pub fn from_code(code: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The string table's key of its name (for the app, which looks strings up itself).
    pub fn label_key(self) -> &'static str {
        match self {
            Rating::VerySatisfied => "evaluation.very_satisfied",
            Rating::Satisfied => "evaluation.satisfied",
            Rating::Basic => "evaluation.basic",
            Rating::Dissatisfied => "evaluation.dissatisfied",
            Rating::VeryDissatisfied => "evaluation.very_dissatisfied",
        }
    }

    /// "非常满意" / "Very satisfied".
    pub fn label(self, lang: Lang) -> &'static str {
        tr(lang, self.label_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Calendar;
    use chrono::NaiveDate;

    #[test]
    fn only_the_last_two_levels_are_bad() {
        let bad: Vec<Rating> = Rating::ALL.into_iter().filter(|r| r.is_bad()).collect();
        assert_eq!(bad, vec![Rating::Dissatisfied, Rating::VeryDissatisfied]);
    }

    #[test]
    fn codes_round_trip_and_labels_exist() {
        for rating in Rating::ALL {
            assert_eq!(Rating::from_code(rating.code()), Some(rating));
            let json = serde_json::to_string(&rating).unwrap();
            assert_eq!(json, format!("\"{}\"", rating.code()));
            for lang in Lang::ALL {
                assert!(!rating.label(lang).starts_with("evaluation."));
            }
        }
        assert_eq!(Rating::from_code("great"), None);
        assert_eq!(Rating::VeryDissatisfied.label(Lang::Zh), "非常不满意");
    }

    #[test]
    fn follow_up_deadline_is_fifteen_working_days() {
        // Rated Monday 2026-03-02: 15 working days later is Monday 2026-03-23.
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(
            Calendar::embedded().add_working_days(day, FOLLOW_UP_WORKING_DAYS),
            Ok(NaiveDate::from_ymd_opt(2026, 3, 23).unwrap())
        );
    }
}
