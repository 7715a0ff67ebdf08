//! 好差评 (国办发〔2019〕51号): the five levels of a citizen's rating of a concluded case, which
//! of them are bad ratings, and the time a bad rating gives the department to follow it up;
//! the lengths a rating's comment and a complaint's fields may have (app and server alike).
//!
//! A bad rating (不满意 / 非常不满意) must be answered and rectified within
//! [`FOLLOW_UP_WORKING_DAYS`] working days locally; the deadline is counted on the official
//! calendar with [`crate::Calendar::add_working_days`], like every other limit.
//!
//! A department that holds a bad rating to be unfounded (恶意差评, a rating of something outside
//! its remit…) may appeal it once (申诉), with reasons and evidence, while its follow-up is open;
//! the center decides ([`check_appeal`], [`AppealDecision`]). An upheld appeal takes the rating
//! out of the department's published results ([`Results`]) and out of its rectification list;
//! the rating itself stays on record.

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

/// The longest appeal reasons (申诉理由) or decision note, in characters.
pub const MAX_APPEAL_CHARS: usize = 2000;

/// The shortest appeal reasons: an appeal must say why, in a sentence.
pub const MIN_APPEAL_CHARS: usize = 10;

/// The center's decision on an appeal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealDecision {
    /// 申诉成立: the rating leaves the department's results and rectification list.
    Upheld,
    /// 申诉不成立: the rating counts, and the follow-up must be answered as before.
    Rejected,
}

impl AppealDecision {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            AppealDecision::Upheld => "upheld",
            AppealDecision::Rejected => "rejected",
        }
    }

    /// Parses [`AppealDecision::code`].
    pub fn from_code(code: &str) -> Option<AppealDecision> {
        match code {
            "upheld" => Some(AppealDecision::Upheld),
            "rejected" => Some(AppealDecision::Rejected),
            _ => None,
        }
    }
}

/// Why an appeal cannot be filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AppealError {
    /// The rating already has an appeal (one per rating).
    #[error("this rating was already appealed")]
    AlreadyAppealed,
    /// The follow-up was answered: answering accepts the rating.
    #[error("the follow-up was already answered")]
    AlreadyAnswered,
    /// The follow-up's deadline has passed.
    #[error("the follow-up period is over")]
    TooLate,
    /// The reasons are shorter than [`MIN_APPEAL_CHARS`] or longer than [`MAX_APPEAL_CHARS`].
    #[error("the reasons must have {MIN_APPEAL_CHARS} to {MAX_APPEAL_CHARS} characters")]
    Reasons,
}

impl crate::Localized for AppealError {
    fn code(&self) -> &'static str {
        match self {
            AppealError::AlreadyAppealed => "appeal.already",
            AppealError::AlreadyAnswered => "appeal.answered",
            AppealError::TooLate => "appeal.too_late",
            AppealError::Reasons => "appeal.reasons",
        }
    }

    fn message(&self, lang: Lang) -> String {
        tr(lang, self.code()).to_string()
    }
}

/// Whether a department may appeal a bad rating today: the follow-up (due `due`) is open and
/// unanswered, the rating was not appealed before, and `reasons` say why.
pub fn check_appeal(
    reasons: &str,
    already_appealed: bool,
    answered: bool,
    due: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Result<(), AppealError> {
    if already_appealed {
        return Err(AppealError::AlreadyAppealed);
    }
    if answered {
        return Err(AppealError::AlreadyAnswered);
    }
    if today > due {
        return Err(AppealError::TooLate);
    }
    let length = reasons.trim().chars().count();
    if !(MIN_APPEAL_CHARS..=MAX_APPEAL_CHARS).contains(&length) {
        return Err(AppealError::Reasons);
    }
    Ok(())
}

/// A department's published 好差评 results: the count of each level (best first), without the
/// ratings whose appeal was upheld, and how many were taken out that way.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Results {
    /// Counts in [`Rating::ALL`] order.
    pub counts: [u64; 5],
    /// Ratings counted.
    pub total: u64,
    /// Ratings taken out by an upheld appeal (not in `counts`).
    pub excluded: u64,
}

impl Results {
    /// Counts `ratings`, each with whether an upheld appeal excludes it.
    pub fn count(ratings: impl IntoIterator<Item = (Rating, bool)>) -> Results {
        let mut results = Results::default();
        for (rating, excluded) in ratings {
            if excluded {
                results.excluded += 1;
                continue;
            }
            if let Some(slot) = Rating::ALL.iter().position(|r| *r == rating) {
                results.counts[slot] += 1;
                results.total += 1;
            }
        }
        results
    }

    /// The share of good ratings (非常满意, 满意, 基本满意) in per mille, or `None` without
    /// ratings. Per mille, so that it is an integer in JSON and the same everywhere.
    pub fn satisfaction_per_mille(&self) -> Option<u64> {
        let good: u64 = self.counts[..3].iter().sum();
        (self.total > 0).then(|| (good * 1000 + self.total / 2) / self.total)
    }
}

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
    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default()
    }

    #[test]
    fn an_appeal_needs_an_open_unanswered_follow_up_and_reasons() {
        let reasons = "评价内容与本部门办理事项无关，系误评。";
        assert_eq!(
            check_appeal(reasons, false, false, day(20), day(20)),
            Ok(())
        );
        assert_eq!(
            check_appeal(reasons, true, false, day(20), day(2)),
            Err(AppealError::AlreadyAppealed)
        );
        assert_eq!(
            check_appeal(reasons, false, true, day(20), day(2)),
            Err(AppealError::AlreadyAnswered)
        );
        assert_eq!(
            check_appeal(reasons, false, false, day(20), day(21)),
            Err(AppealError::TooLate)
        );
        assert_eq!(
            check_appeal("不合理", false, false, day(20), day(2)),
            Err(AppealError::Reasons)
        );
        let long = "理".repeat(MAX_APPEAL_CHARS + 1);
        assert_eq!(
            check_appeal(&long, false, false, day(20), day(2)),
            Err(AppealError::Reasons)
        );
    }

    #[test]
    fn upheld_appeals_leave_the_published_results() {
        let results = Results::count([
            (Rating::VerySatisfied, false),
            (Rating::Satisfied, false),
            (Rating::VeryDissatisfied, true),
            (Rating::Dissatisfied, false),
        ]);
        assert_eq!(results.counts, [1, 1, 0, 1, 0]);
        assert_eq!(results.total, 3);
        assert_eq!(results.excluded, 1);
        assert_eq!(results.satisfaction_per_mille(), Some(667));
        assert_eq!(Results::default().satisfaction_per_mille(), None);
    }

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
