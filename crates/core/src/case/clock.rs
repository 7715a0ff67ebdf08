//! The committed time limit (承诺时限) of an accepted case, counted in working days on the
//! published calendar, stopped while a supplement is awaited.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{CaseState as S, Event, EventKind as E};
use crate::calendar::{Calendar, CalendarError, Countdown};
use crate::i18n::{Lang, Localized, tr, tr_args};

/// The 承诺时限 of an accepted case, in working days.
///
/// Counting starts the day after acceptance. A supplement requested on day `p` stops the clock
/// after `p` (the day of the request counts as used); when it arrives on day `r`, counting
/// resumes the day after `r`, with the working days that were left. A case is due on the last
/// working day of its limit and overdue from the next day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseClock {
    accepted_on: NaiveDate,
    committed_days: u32,
    /// Stops: (requested on, received on).
    pauses: Vec<(NaiveDate, Option<NaiveDate>)>,
    finished_on: Option<NaiveDate>,
}

/// What a clock says on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ClockStatus {
    /// Running; `working_days_left` after today (0 on the due date itself).
    Running {
        /// The last day of the limit.
        due: NaiveDate,
        /// Working days after today up to and including `due`.
        working_days_left: u32,
        /// `due` was counted over a year whose holidays are not yet published
        /// ([`Calendar::is_provisional_between`]): it may move when they are.
        #[serde(default)]
        provisional: bool,
    },
    /// Past the due date. `working_days_overdue` counts the working days after `due` up to and
    /// including today; it can be 0 on the weekend right after a Friday due date.
    Overdue {
        /// The last day of the limit.
        due: NaiveDate,
        /// Working days late.
        working_days_overdue: u32,
        /// As for `Running`.
        #[serde(default)]
        provisional: bool,
    },
    /// Stopped while the applicant owes a supplement.
    Paused {
        /// Since when.
        since: NaiveDate,
        /// Working days that will be left when it restarts.
        working_days_left: u32,
    },
    /// Finished (the case reached a final state).
    Finished {
        /// When.
        on: NaiveDate,
        /// The due date (if the clock was running then).
        due: Option<NaiveDate>,
        /// Working days after `due` the case finished (0 if on time).
        working_days_late: u32,
        /// As for `Running`.
        #[serde(default)]
        provisional: bool,
    },
}

impl ClockStatus {
    /// Whether its date was counted over a year whose holidays are not published yet.
    pub fn is_provisional(&self) -> bool {
        match *self {
            ClockStatus::Running { provisional, .. }
            | ClockStatus::Overdue { provisional, .. }
            | ClockStatus::Finished { provisional, .. } => provisional,
            ClockStatus::Paused { .. } => false,
        }
    }
}

/// Why a clock operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ClockError {
    /// Stopping a clock that is already stopped.
    #[error("the clock is already stopped")]
    AlreadyPaused,
    /// Restarting a clock that runs.
    #[error("the clock is not stopped")]
    NotPaused,
    /// A date before acceptance or before the previous stop/restart.
    #[error("{date} is before the clock's previous event")]
    OutOfOrder {
        /// The refused date.
        date: NaiveDate,
    },
    /// The clock was finished.
    #[error("the clock is finished")]
    Finished,
    /// A date computation failed.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

impl Localized for ClockError {
    fn code(&self) -> &'static str {
        match self {
            ClockError::AlreadyPaused => "case.clock.already_paused",
            ClockError::NotPaused => "case.clock.not_paused",
            ClockError::OutOfOrder { .. } => "case.clock.out_of_order",
            ClockError::Finished => "case.clock.finished",
            ClockError::Calendar(inner) => inner.code(),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            ClockError::OutOfOrder { date } => {
                tr_args(lang, self.code(), &[("date", &date.to_string())])
            }
            ClockError::Calendar(inner) => inner.message(lang),
            ClockError::AlreadyPaused | ClockError::NotPaused | ClockError::Finished => {
                tr(lang, self.code()).to_owned()
            }
        }
    }
}

impl CaseClock {
    /// A clock started by acceptance on `accepted_on`, for `committed_days` working days
    /// (0 for a case done on the spot).
    pub fn new(accepted_on: NaiveDate, committed_days: u32) -> CaseClock {
        CaseClock {
            accepted_on,
            committed_days,
            pauses: Vec::new(),
            finished_on: None,
        }
    }

    /// The clock described by a case history (see [`Case::clock`]).
    pub fn from_history(
        events: &[Event],
        committed_days: u32,
    ) -> Result<Option<CaseClock>, ClockError> {
        let mut clock: Option<CaseClock> = None;
        let mut state = S::Submitted;
        for event in events {
            let before = state;
            // A history that doesn't replay (should not happen: `Case` checks it) simply
            // keeps its last valid state here; the clock follows the accepted events only.
            state = before.apply(event).unwrap_or(before);
            let day = event.at.date();
            if event.kind == E::Accept && state == S::Accepted && clock.is_none() {
                clock = Some(CaseClock::new(day, committed_days));
                continue;
            }
            let Some(running) = clock.as_mut() else {
                continue;
            };
            if state.is_final() && !before.is_final() {
                running.finish(day)?;
            } else if event.kind == E::RequestSupplement && state == S::SupplementDuringProcessing {
                running.pause(day)?;
            } else if event.kind == E::ReceiveSupplement && before == S::SupplementDuringProcessing
            {
                running.resume(day)?;
            }
        }
        Ok(clock)
    }

    /// The acceptance date.
    pub fn accepted_on(&self) -> NaiveDate {
        self.accepted_on
    }

    /// The committed limit in working days.
    pub fn committed_days(&self) -> u32 {
        self.committed_days
    }

    /// The last date the clock was touched (to refuse going back in time).
    fn last_date(&self) -> NaiveDate {
        let pause_dates = self
            .pauses
            .iter()
            .flat_map(|(from, to)| [Some(*from), *to])
            .flatten();
        pause_dates
            .chain(self.finished_on)
            .fold(self.accepted_on, NaiveDate::max)
    }

    fn check_order(&self, date: NaiveDate) -> Result<(), ClockError> {
        if self.finished_on.is_some() {
            return Err(ClockError::Finished);
        }
        if date < self.last_date() {
            return Err(ClockError::OutOfOrder { date });
        }
        Ok(())
    }

    /// Whether the clock is stopped for a supplement.
    pub fn is_paused(&self) -> bool {
        matches!(self.pauses.last(), Some((_, None)))
    }

    /// Stops the clock: a supplement was requested on `on`.
    pub fn pause(&mut self, on: NaiveDate) -> Result<(), ClockError> {
        self.check_order(on)?;
        if self.is_paused() {
            return Err(ClockError::AlreadyPaused);
        }
        self.pauses.push((on, None));
        Ok(())
    }

    /// Restarts the clock: the supplement arrived on `on`.
    pub fn resume(&mut self, on: NaiveDate) -> Result<(), ClockError> {
        self.check_order(on)?;
        match self.pauses.last_mut() {
            Some((_, received @ None)) => {
                *received = Some(on);
                Ok(())
            }
            _ => Err(ClockError::NotPaused),
        }
    }

    /// Finishes the clock: the case reached a final state on `on`.
    pub fn finish(&mut self, on: NaiveDate) -> Result<(), ClockError> {
        self.check_order(on)?;
        self.finished_on = Some(on);
        Ok(())
    }

    /// The periods in which the clock ran, as (from, to] intervals, and the open one.
    fn running_periods(&self) -> (Vec<(NaiveDate, NaiveDate)>, Option<NaiveDate>) {
        let mut closed = Vec::with_capacity(self.pauses.len());
        let mut start = Some(self.accepted_on);
        for &(paused, resumed) in &self.pauses {
            if let Some(from) = start {
                closed.push((from, paused));
            }
            start = resumed;
        }
        (closed, start)
    }

    /// The due date: the last working day of the limit, counting the stops. `None` while
    /// stopped with days still left (the date depends on when the supplement arrives).
    pub fn due_date(&self, calendar: &Calendar) -> Result<Option<NaiveDate>, ClockError> {
        let (closed, open) = self.running_periods();
        Ok(
            match calendar.count_down(&closed, open, self.committed_days)? {
                Countdown::Due(date) => Some(date),
                Countdown::Stopped { .. } => None,
            },
        )
    }

    /// The clock's status on `today`.
    pub fn status(&self, calendar: &Calendar, today: NaiveDate) -> Result<ClockStatus, ClockError> {
        let (closed, open) = self.running_periods();
        let countdown = calendar.count_down(&closed, open, self.committed_days)?;
        let late = |due: NaiveDate, day: NaiveDate| {
            u32::try_from(calendar.working_days_between(due, day).max(0)).unwrap_or(u32::MAX)
        };
        let provisional = |due: NaiveDate| calendar.is_provisional_between(self.accepted_on, due);
        if let Some(on) = self.finished_on {
            let due = match countdown {
                Countdown::Due(due) => Some(due),
                Countdown::Stopped { .. } => None,
            };
            let working_days_late = due.map_or(0, |due| if on > due { late(due, on) } else { 0 });
            return Ok(ClockStatus::Finished {
                on,
                due,
                working_days_late,
                provisional: due.is_some_and(provisional),
            });
        }
        Ok(match countdown {
            Countdown::Due(due) if today > due => ClockStatus::Overdue {
                due,
                working_days_overdue: late(due, today),
                provisional: provisional(due),
            },
            Countdown::Due(due) => ClockStatus::Running {
                due,
                working_days_left: u32::try_from(calendar.working_days_between(today, due))
                    .unwrap_or(0),
                provisional: provisional(due),
            },
            Countdown::Stopped { remaining } => ClockStatus::Paused {
                since: self
                    .pauses
                    .last()
                    .map_or(self.accepted_on, |(since, _)| *since),
                working_days_left: remaining,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{at, date, staff};
    use super::super::{Actor, Case, CaseType};
    use super::*;

    #[test]
    fn clock_counts_working_days_and_stops_for_a_supplement() {
        let calendar = Calendar::embedded();
        // Accepted Monday 2026-03-02 for 20 working days: due 2026-03-30.
        let mut clock = CaseClock::new(date("2026-03-02"), 20);
        assert_eq!(clock.due_date(&calendar), Ok(Some(date("2026-03-30"))));
        assert_eq!(
            clock.status(&calendar, date("2026-03-02")),
            Ok(ClockStatus::Running {
                due: date("2026-03-30"),
                working_days_left: 20,
                provisional: false
            })
        );
        // Supplement requested Friday 03-06 (4 days used: 3, 4, 5, 6), received Wed 03-11.
        clock.pause(date("2026-03-06")).unwrap();
        assert_eq!(clock.due_date(&calendar), Ok(None));
        assert_eq!(
            clock.status(&calendar, date("2026-03-09")),
            Ok(ClockStatus::Paused {
                since: date("2026-03-06"),
                working_days_left: 16
            })
        );
        assert_eq!(
            clock.pause(date("2026-03-07")),
            Err(ClockError::AlreadyPaused)
        );
        clock.resume(date("2026-03-11")).unwrap();
        // 16 working days after Wed 03-11: 12, 13 = 2; 16-20 = 7; 23-27 = 12; 30, 31, 04-01,
        // 04-02 = 16 → due Thursday 2026-04-02.
        assert_eq!(clock.due_date(&calendar), Ok(Some(date("2026-04-02"))));
        assert_eq!(clock.resume(date("2026-03-12")), Err(ClockError::NotPaused));
        assert_eq!(
            clock.pause(date("2026-03-10")),
            Err(ClockError::OutOfOrder {
                date: date("2026-03-10")
            })
        );
        // Overdue: Friday 04-03 is 1 working day late; 04-04..04-06 is 清明, so Tuesday 04-07
        // is only 2; the weekend right after a due date counts 0 working days but is overdue.
        assert_eq!(
            clock.status(&calendar, date("2026-04-03")),
            Ok(ClockStatus::Overdue {
                due: date("2026-04-02"),
                working_days_overdue: 1,
                provisional: false
            })
        );
        assert_eq!(
            clock.status(&calendar, date("2026-04-07")),
            Ok(ClockStatus::Overdue {
                due: date("2026-04-02"),
                working_days_overdue: 2,
                provisional: false
            })
        );
        assert_eq!(
            clock.status(&calendar, date("2026-04-02")),
            Ok(ClockStatus::Running {
                due: date("2026-04-02"),
                working_days_left: 0,
                provisional: false
            })
        );
        clock.finish(date("2026-04-07")).unwrap();
        assert_eq!(
            clock.status(&calendar, date("2026-05-01")),
            Ok(ClockStatus::Finished {
                on: date("2026-04-07"),
                due: Some(date("2026-04-02")),
                working_days_late: 2,
                provisional: false
            })
        );
        assert_eq!(clock.pause(date("2026-05-01")), Err(ClockError::Finished));
    }

    #[test]
    fn clock_across_the_spring_festival() {
        let calendar = Calendar::embedded();
        // Accepted Thursday 2026-02-12 for 5 working days: 13 (Fri), 14 (make-up Sat),
        // 24, 25, 26 → due 2026-02-26.
        let clock = CaseClock::new(date("2026-02-12"), 5);
        assert_eq!(clock.due_date(&calendar), Ok(Some(date("2026-02-26"))));
        assert_eq!(
            clock.status(&calendar, date("2026-02-16")),
            Ok(ClockStatus::Running {
                due: date("2026-02-26"),
                working_days_left: 3,
                provisional: false
            })
        );
    }

    #[test]
    fn a_deadline_in_an_unpublished_year_is_provisional() {
        let calendar = Calendar::embedded();
        // Accepted Friday 2026-12-04 for 20 working days: 2027-01-01 is 元旦 (provisional).
        let clock = CaseClock::new(date("2026-12-04"), 20);
        assert_eq!(
            clock.status(&calendar, date("2026-12-07")),
            Ok(ClockStatus::Running {
                due: date("2027-01-04"),
                working_days_left: 19,
                provisional: true
            })
        );
        // Once the 2027 notice is in, the same clock is no longer provisional.
        let notice = crate::calendar::notice_text::parse(2027, None, "元旦 2027-01-01").unwrap();
        let published = calendar.with_year(notice).unwrap();
        assert!(matches!(
            clock.status(&published, date("2026-12-07")),
            Ok(ClockStatus::Running {
                provisional: false,
                ..
            })
        ));
    }

    #[test]
    fn clock_from_case_history() {
        let calendar = Calendar::embedded();
        let mut case = Case::submit(CaseType::Promised, Actor::Applicant, at("2026-03-01 20:00"));
        assert_eq!(case.clock(10), Ok(None));
        for (kind, when) in [
            (E::PassPreReview, "2026-03-02 09:00"),
            (E::Accept, "2026-03-02 09:30"),
            (E::StartProcessing, "2026-03-02 10:00"),
            (E::RequestSupplement, "2026-03-04 11:00"),
        ] {
            case.apply(Event::new(kind, staff(), at(when))).unwrap();
        }
        case.apply(Event::new(
            E::ReceiveSupplement,
            Actor::Applicant,
            at("2026-03-09 15:00"),
        ))
        .unwrap();
        // Used 03-03, 03-04 = 2; 8 left from 03-09: 10-13, 16-19 → 03-19.
        let clock = case.clock(10).unwrap().unwrap();
        assert_eq!(clock.due_date(&calendar), Ok(Some(date("2026-03-19"))));
        case.apply(Event::new(E::Approve, staff(), at("2026-03-18 16:00")))
            .unwrap();
        assert_eq!(
            case.clock(10)
                .unwrap()
                .unwrap()
                .status(&calendar, date("2026-04-01")),
            Ok(ClockStatus::Finished {
                on: date("2026-03-18"),
                due: Some(date("2026-03-19")),
                working_days_late: 0,
                provisional: false
            })
        );
    }

    #[test]
    fn limit_reached_before_a_stop_stays_reached() {
        let calendar = Calendar::embedded();
        let mut clock = CaseClock::new(date("2026-03-02"), 2);
        clock.pause(date("2026-03-06")).unwrap();
        // Due on 03-04, before the stop: the stop cannot save it.
        assert_eq!(clock.due_date(&calendar), Ok(Some(date("2026-03-04"))));
        assert!(matches!(
            clock.status(&calendar, date("2026-03-09")),
            Ok(ClockStatus::Overdue { .. })
        ));
    }

    #[test]
    fn immediate_case_is_due_the_day_it_is_accepted() {
        let calendar = Calendar::embedded();
        let clock = CaseClock::new(date("2026-03-02"), 0);
        assert_eq!(clock.due_date(&calendar), Ok(Some(date("2026-03-02"))));
    }
}
