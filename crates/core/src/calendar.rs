//! The State Council's working-day calendar (工作日), as data.
//!
//! Every time limit of the center counts working days: Monday to Friday, minus the public
//! holidays, plus the make-up working days (调休, Saturdays or Sundays worked in exchange).
//! The schedule is published each year by the General Office of the State Council
//! (国务院办公厅关于某年部分节假日安排的通知), usually in November or December of the year
//! before, so it is data, not code: [`Calendar::from_json`] reads it, the server serves and
//! replaces the file without a rebuild, and the app caches it for offline use.
//! [`Calendar::embedded`] is the copy compiled in (`crates/core/data/calendar.json`), the
//! fallback when nothing newer is at hand.
//!
//! **Adding a year**: append an entry to `years` in the data file, copying the notice's dates;
//! [`Calendar::from_json`] checks it (the unit tests run that check on the embedded file).
//!
//! # The file, schema 1
//!
//! ```json
//! {
//!   "schema": 1,
//!   "years": [
//!     {
//!       "year": 2026,
//!       "notice": "国务院办公厅关于2026年部分节假日安排的通知",
//!       "holidays": [
//!         {
//!           "name": { "zh": "元旦", "en": "New Year's Day" },
//!           "off": ["2026-01-01", "2026-01-02", "2026-01-03"],
//!           "make_up": ["2026-01-04"]
//!         }
//!       ]
//!     }
//!   ]
//! }
//! ```
//!
//! * `schema` — the number `1`. A reader refuses any other value; a change that old readers
//!   would misunderstand must bump it. Fields it doesn't know are ignored, so optional
//!   additions don't need a bump.
//! * `years[].year` — the calendar year; each year at most once. A year present here is
//!   *covered*: its days follow the list. A year absent is *provisional*: its days off are the
//!   statutory ones computed from 《全国年节及纪念日放假办法》 with no make-up working day
//!   ([`statutory`]), every such holiday is marked [`Holiday::provisional`], and
//!   [`Calendar::is_provisional_between`] tells the interface to say that a deadline may move.
//!   Beyond the lunar table (2100) only weekends are off.
//! * `years[].notice` — optional, the title of the State Council notice the dates come from.
//! * `years[].holidays[]` — in date order, each with a bilingual `name`, the dates `off`
//!   (every day of the break, weekends included, `YYYY-MM-DD`, ascending) and the `make_up`
//!   working days (Saturdays or Sundays, ascending, possibly empty or absent).
//!
//! Checks on load: every date lies in its entry's year (a make-up day that falls in the
//! previous year, as 2011-12-31 did for New Year 2012, goes in that year's entry as a holiday
//! with only `make_up` dates); no date is listed twice or both off and make-up; make-up days
//! are weekends; holidays are in order.
//!
//! # Counting
//!
//! [`Calendar::add_working_days`]`(start, n)` is the n-th working day *after* `start`, the
//! way Chinese law counts periods (期间开始的日，不计算在内): a 20-working-day limit from a
//! receipt on Monday 2026-03-02 ends on 2026-03-30. [`Calendar::working_days_between`] is its
//! inverse. What arrives after office hours or on a day off counts from the next working day:
//! [`Calendar::effective_start`].

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Lang, Localized, tr, tr_args};

pub mod notice_text;
pub mod statutory;

/// The schema version this code reads.
pub const SCHEMA_VERSION: u32 = 1;

/// The compiled-in data file.
pub const EMBEDDED_JSON: &str = include_str!("../data/calendar.json");

/// The largest `n` accepted by [`Calendar::add_working_days`]: about forty years. No legal
/// limit comes near; the bound keeps a typing error from looping for seconds.
pub const MAX_WORKING_DAYS: u32 = 10_000;

/// A name in both languages, as in the data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BilingualName {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl BilingualName {
    /// The name in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// One holiday of a year's schedule, as in the data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// 春节 / Spring Festival.
    pub name: BilingualName,
    /// Every day of the break, ascending.
    pub off: Vec<NaiveDate>,
    /// The make-up working days that pay for it, ascending.
    #[serde(default)]
    pub make_up: Vec<NaiveDate>,
    /// Computed from the law while the year's notice is not published ([`statutory`]); never
    /// read from a file.
    #[serde(skip)]
    pub provisional: bool,
}

/// One year of the data file: a State Council notice's holidays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialYear {
    /// The calendar year.
    pub year: i32,
    /// The notice's title or 文号.
    #[serde(default)]
    pub notice: Option<String>,
    /// The holidays, in date order.
    pub holidays: Vec<Holiday>,
}

/// The data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct CalendarFile {
    schema: u32,
    years: Vec<OfficialYear>,
}

/// A year's schedule, indexed for fast lookups: official (from a notice) or provisional.
#[derive(Debug, Clone, PartialEq, Eq)]
struct YearSchedule {
    /// Computed from the law, not read from a notice.
    provisional: bool,
    year: i32,
    notice: Option<String>,
    holidays: Vec<Holiday>,
    /// Every day off, ascending, with the index of its holiday.
    off: Vec<(NaiveDate, usize)>,
    /// Days off that fall Monday to Friday, ascending: what the holidays take from a normal week.
    off_weekdays: Vec<NaiveDate>,
    /// Make-up working days, ascending, with the index of their holiday.
    make_up: Vec<(NaiveDate, usize)>,
}

/// What kind of day a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind<'a> {
    /// An ordinary Monday to Friday.
    Workday,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A day off of this holiday (any weekday).
    Holiday(&'a Holiday),
    /// A Saturday or Sunday worked in exchange for this holiday.
    MakeUpWorkday(&'a Holiday),
}

impl DayKind<'_> {
    /// Whether the center is open.
    pub fn is_working_day(&self) -> bool {
        matches!(self, DayKind::Workday | DayKind::MakeUpWorkday(_))
    }
}

/// Why a calendar file was refused, or a date computation could not be done.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CalendarError {
    /// Not JSON of the expected shape.
    #[error("calendar file is not valid: {detail}")]
    Malformed {
        /// The parser's explanation (English, for logs).
        detail: String,
    },
    /// A `schema` this code does not read.
    #[error("calendar schema {found} is not supported (expected {SCHEMA_VERSION})")]
    UnsupportedSchema {
        /// The file's `schema`.
        found: u32,
    },
    /// The same year twice.
    #[error("year {year} appears twice")]
    DuplicateYear {
        /// The year.
        year: i32,
    },
    /// A date listed under another year.
    #[error("{date} is listed under year {year}")]
    DateOutsideYear {
        /// The entry's year.
        year: i32,
        /// The date.
        date: NaiveDate,
    },
    /// A date listed twice (in one holiday or two), or both off and make-up.
    #[error("{date} is listed more than once")]
    DuplicateDate {
        /// The date.
        date: NaiveDate,
    },
    /// A make-up working day on a Monday to Friday.
    #[error("make-up working day {date} is not a Saturday or Sunday")]
    MakeUpNotWeekend {
        /// The date.
        date: NaiveDate,
    },
    /// Dates or holidays out of order.
    #[error("{date} is out of order")]
    NotSorted {
        /// The first date out of order.
        date: NaiveDate,
    },
    /// A holiday without a Chinese name.
    #[error("a holiday in {year} has no name")]
    UnnamedHoliday {
        /// The year.
        year: i32,
    },
    /// A holiday with no date at all.
    #[error("holiday {name} in {year} has no dates")]
    EmptyHoliday {
        /// The year.
        year: i32,
        /// The holiday's Chinese name.
        name: String,
    },
    /// `add_working_days` asked for more than [`MAX_WORKING_DAYS`].
    #[error("{requested} working days is more than the {MAX_WORKING_DAYS} supported")]
    TooManyDays {
        /// What was asked.
        requested: u32,
    },
    /// The result would be past the last date chrono represents.
    #[error("date out of range")]
    OutOfRange,
}

impl Localized for CalendarError {
    fn code(&self) -> &'static str {
        match self {
            CalendarError::Malformed { .. } => "calendar.malformed",
            CalendarError::UnsupportedSchema { .. } => "calendar.schema",
            CalendarError::DuplicateYear { .. } => "calendar.duplicate_year",
            CalendarError::DateOutsideYear { .. } => "calendar.date_outside_year",
            CalendarError::DuplicateDate { .. } => "calendar.duplicate_date",
            CalendarError::MakeUpNotWeekend { .. } => "calendar.make_up_not_weekend",
            CalendarError::NotSorted { .. } => "calendar.not_sorted",
            CalendarError::EmptyHoliday { .. } => "calendar.empty_holiday",
            CalendarError::UnnamedHoliday { .. } => "calendar.unnamed_holiday",
            CalendarError::TooManyDays { .. } => "calendar.too_many_days",
            CalendarError::OutOfRange => "calendar.out_of_range",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let key = self.code();
        match self {
            CalendarError::Malformed { detail } => tr_args(lang, key, &[("detail", detail)]),
            CalendarError::UnsupportedSchema { found } => {
                tr_args(lang, key, &[("found", &found.to_string())])
            }
            CalendarError::DuplicateYear { year } | CalendarError::UnnamedHoliday { year } => {
                tr_args(lang, key, &[("year", &year.to_string())])
            }
            CalendarError::DateOutsideYear { year, date } => tr_args(
                lang,
                key,
                &[("year", &year.to_string()), ("date", &date.to_string())],
            ),
            CalendarError::DuplicateDate { date }
            | CalendarError::MakeUpNotWeekend { date }
            | CalendarError::NotSorted { date } => {
                tr_args(lang, key, &[("date", &date.to_string())])
            }
            CalendarError::EmptyHoliday { year, name } => {
                tr_args(lang, key, &[("year", &year.to_string()), ("name", name)])
            }
            CalendarError::TooManyDays { requested } => {
                tr_args(lang, key, &[("requested", &requested.to_string())])
            }
            CalendarError::OutOfRange => tr(lang, key).to_owned(),
        }
    }
}

/// Whether a date is a Saturday or Sunday.
fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Number of Mondays-to-Fridays from a fixed origin up to and including `date`; the difference
/// of two values counts the weekdays of a half-open interval without walking it.
fn weekdays_up_to(date: NaiveDate) -> i64 {
    // Day 1 of the common era, 0001-01-01, is a Monday.
    let days = i64::from(date.num_days_from_ce());
    5 * days.div_euclid(7) + days.rem_euclid(7).min(5)
}

/// How many dates of a sorted slice lie in `(after, up_to]`.
fn count_in<T>(
    sorted: &[T],
    date_of: impl Fn(&T) -> NaiveDate,
    after: NaiveDate,
    up_to: NaiveDate,
) -> i64 {
    let low = sorted.partition_point(|item| date_of(item) <= after);
    let high = sorted.partition_point(|item| date_of(item) <= up_to);
    (high.saturating_sub(low)) as i64
}

/// The official working-day calendar. See the [module documentation](self) for the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Calendar {
    /// Official years and, for the others within the lunar table, provisional ones.
    years: BTreeMap<i32, YearSchedule>,
}

impl Calendar {
    /// A calendar with no holiday at all, not even provisional ones: Monday to Friday are
    /// working days. For tests of the counting itself.
    pub fn weekends_only() -> Calendar {
        Calendar::default()
    }

    /// The compiled-in calendar (`data/calendar.json`).
    ///
    /// Parses the embedded file on each call; keep the result. Should that file ever be
    /// broken (a unit test makes sure it isn't), this gives the provisional calendar of every
    /// year rather than panicking.
    pub fn embedded() -> Calendar {
        Calendar::from_json(EMBEDDED_JSON)
            .unwrap_or_else(|_| Calendar::from_official(BTreeMap::new()))
    }

    /// Reads and checks a calendar file (see the [module documentation](self)).
    pub fn from_json(json: &str) -> Result<Calendar, CalendarError> {
        let file: CalendarFile =
            serde_json::from_str(json).map_err(|error| CalendarError::Malformed {
                detail: error.to_string(),
            })?;
        if file.schema != SCHEMA_VERSION {
            return Err(CalendarError::UnsupportedSchema { found: file.schema });
        }
        let mut years = BTreeMap::new();
        for year_file in file.years {
            let year = year_file.year;
            if years.contains_key(&year) {
                return Err(CalendarError::DuplicateYear { year });
            }
            years.insert(year, YearSchedule::check(year_file, false)?);
        }
        Ok(Calendar::from_official(years))
    }

    /// The official years given, and provisional ones for every other year of the lunar table.
    fn from_official(mut years: BTreeMap<i32, YearSchedule>) -> Calendar {
        for year in statutory::FIRST_YEAR..=statutory::LAST_YEAR {
            if years.contains_key(&year) {
                continue;
            }
            let schedule = statutory::provisional_holidays(year).and_then(|holidays| {
                let year_file = OfficialYear {
                    year,
                    notice: None,
                    holidays,
                };
                YearSchedule::check(year_file, true).ok()
            });
            if let Some(schedule) = schedule {
                years.insert(year, schedule);
            }
        }
        Calendar { years }
    }

    /// This calendar with `year` official, as checked by the same rules as a file: a new
    /// year's notice, or a corrected one replacing what was there.
    pub fn with_year(&self, year: OfficialYear) -> Result<Calendar, CalendarError> {
        let checked = YearSchedule::check(year, false)?;
        let mut official: BTreeMap<i32, YearSchedule> = self
            .years
            .iter()
            .filter(|(_, schedule)| !schedule.provisional)
            .map(|(year, schedule)| (*year, schedule.clone()))
            .collect();
        official.insert(checked.year, checked);
        Ok(Calendar::from_official(official))
    }

    /// The official years as a data file (schema 1), what [`Calendar::from_json`] reads back.
    pub fn to_json(&self) -> String {
        let file = CalendarFile {
            schema: SCHEMA_VERSION,
            years: self
                .years
                .values()
                .filter(|schedule| !schedule.provisional)
                .map(|schedule| OfficialYear {
                    year: schedule.year,
                    notice: schedule.notice.clone(),
                    holidays: schedule.holidays.clone(),
                })
                .collect(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// Whether a State Council notice gives `year`'s schedule.
    pub fn covers(&self, year: i32) -> bool {
        self.years.get(&year).is_some_and(|s| !s.provisional)
    }

    /// Whether `year`'s days off are provisional: no notice yet, so computed from the law (or,
    /// beyond the lunar table, weekends only). Its deadlines may move when the notice comes.
    pub fn is_provisional(&self, year: i32) -> bool {
        !self.covers(year)
    }

    /// Whether a count from `from` to `to` (either order) crosses a provisional year: a
    /// deadline counted over it is provisional.
    pub fn is_provisional_between(&self, from: NaiveDate, to: NaiveDate) -> bool {
        let (low, high) = if from <= to { (from, to) } else { (to, from) };
        (low.year()..=high.year()).any(|year| self.is_provisional(year))
    }

    /// The years covered by a notice, ascending.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years
            .iter()
            .filter(|(_, schedule)| !schedule.provisional)
            .map(|(year, _)| *year)
    }

    /// The holidays of a year, official or provisional, in date order; empty beyond the table.
    pub fn holidays(&self, year: i32) -> &[Holiday] {
        self.years
            .get(&year)
            .map_or(&[], |schedule| &schedule.holidays)
    }

    /// The title of the notice a covered year's dates come from, if the file gives it.
    pub fn notice(&self, year: i32) -> Option<&str> {
        self.years
            .get(&year)
            .and_then(|schedule| schedule.notice.as_deref())
    }

    /// What kind of day `date` is.
    pub fn day_kind(&self, date: NaiveDate) -> DayKind<'_> {
        if let Some(schedule) = self.years.get(&date.year()) {
            let find = |list: &[(NaiveDate, usize)]| {
                list.binary_search_by_key(&date, |(d, _)| *d)
                    .ok()
                    .and_then(|at| schedule.holidays.get(list[at].1))
            };
            if let Some(holiday) = find(&schedule.make_up) {
                return DayKind::MakeUpWorkday(holiday);
            }
            if let Some(holiday) = find(&schedule.off) {
                return DayKind::Holiday(holiday);
            }
        }
        if is_weekend(date) {
            DayKind::Weekend
        } else {
            DayKind::Workday
        }
    }

    /// Whether the center works on `date`: Monday to Friday and not a holiday, or a make-up day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.day_kind(date).is_working_day()
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        self.add_working_days(date, 1)
    }

    /// The `n`-th working day after `start`, `start` itself not counted.
    ///
    /// `n = 0` gives `start` if it is a working day, else the next working day, so the result is
    /// always a working day and never decreases as `n` grows. 2026-02-13 (Friday) + 1 is
    /// 2026-02-14, a make-up Saturday.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        if n > MAX_WORKING_DAYS {
            return Err(CalendarError::TooManyDays { requested: n });
        }
        if n == 0 && self.is_working_day(start) {
            return Ok(start);
        }
        let mut date = start;
        let mut left = n.max(1);
        while left > 0 {
            date = date.succ_opt().ok_or(CalendarError::OutOfRange)?;
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        Ok(date)
    }

    /// The number of working days `d` with `from < d <= to`: `from` excluded, `to` included.
    ///
    /// This is the inverse of [`add_working_days`](Self::add_working_days): for a working day
    /// `to`, `working_days_between(from, add_working_days(from, n)) == n`. It is 0 when
    /// `from == to`, and negative (minus the count over `to < d <= from`) when `to` is before
    /// `from`. It costs a few binary searches, not a walk over the days.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        let mut count = weekdays_up_to(to) - weekdays_up_to(from);
        for schedule in self.years.range(from.year()..=to.year()).map(|(_, s)| s) {
            count -= count_in(&schedule.off_weekdays, |d| *d, from, to);
            count += count_in(&schedule.make_up, |(d, _)| *d, from, to);
        }
        count
    }

    /// The day from which something received at `received` counts: that day if it is a working
    /// day and it arrived before `office_close`, otherwise the next working day. Something
    /// arriving exactly at closing time counts as after hours.
    pub fn effective_start(
        &self,
        received: NaiveDateTime,
        office_close: NaiveTime,
    ) -> Result<NaiveDate, CalendarError> {
        let day = received.date();
        if self.is_working_day(day) && received.time() < office_close {
            Ok(day)
        } else {
            self.next_working_day(day)
        }
    }

    /// Counts a limit of `limit` working days over the periods in which a clock ran: `closed`
    /// periods `(from, to)` count the working days in `(from, to]`, and the clock runs on from
    /// `open_from` if given. Shared by the case and disclosure clocks.
    pub(crate) fn count_down(
        &self,
        closed: &[(NaiveDate, NaiveDate)],
        open_from: Option<NaiveDate>,
        limit: u32,
    ) -> Result<Countdown, CalendarError> {
        let mut remaining = i64::from(limit);
        for &(from, to) in closed {
            let used = self.working_days_between(from, to).max(0);
            if used >= remaining {
                let remaining = u32::try_from(remaining).map_err(|_| CalendarError::OutOfRange)?;
                return Ok(Countdown::Due(self.add_working_days(from, remaining)?));
            }
            remaining -= used;
        }
        let remaining = u32::try_from(remaining).map_err(|_| CalendarError::OutOfRange)?;
        match open_from {
            Some(from) => Ok(Countdown::Due(self.add_working_days(from, remaining)?)),
            None => Ok(Countdown::Stopped { remaining }),
        }
    }
}

/// The result of [`Calendar::count_down`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Countdown {
    /// The limit ends on this date (possibly inside a closed period, if it ran out there).
    Due(NaiveDate),
    /// The clock is stopped with this many working days left.
    Stopped { remaining: u32 },
}

impl YearSchedule {
    /// Checks one year of the file and indexes it.
    fn check(
        mut year_file: OfficialYear,
        provisional: bool,
    ) -> Result<YearSchedule, CalendarError> {
        let year = year_file.year;
        let mut off = Vec::new();
        let mut make_up = Vec::new();
        let mut previous_start: Option<NaiveDate> = None;
        for holiday in &mut year_file.holidays {
            holiday.provisional = provisional;
            if holiday.name.zh.trim().is_empty() {
                return Err(CalendarError::UnnamedHoliday { year });
            }
        }
        for (index, holiday) in year_file.holidays.iter().enumerate() {
            let Some(start) = holiday.off.first().or(holiday.make_up.first()).copied() else {
                return Err(CalendarError::EmptyHoliday {
                    year,
                    name: holiday.name.zh.clone(),
                });
            };
            // Breaks don't overlap: each starts after the previous one ended.
            if previous_start.is_some_and(|previous| start <= previous) {
                return Err(CalendarError::NotSorted { date: start });
            }
            previous_start = Some(holiday.off.last().copied().unwrap_or(start));
            for (list, is_make_up) in [(&holiday.off, false), (&holiday.make_up, true)] {
                for pair in list.windows(2) {
                    if pair[1] <= pair[0] {
                        return Err(if pair[1] == pair[0] {
                            CalendarError::DuplicateDate { date: pair[1] }
                        } else {
                            CalendarError::NotSorted { date: pair[1] }
                        });
                    }
                }
                for &date in list {
                    if date.year() != year {
                        return Err(CalendarError::DateOutsideYear { year, date });
                    }
                    if is_make_up {
                        if !is_weekend(date) {
                            return Err(CalendarError::MakeUpNotWeekend { date });
                        }
                        make_up.push((date, index));
                    } else {
                        off.push((date, index));
                    }
                }
            }
        }
        off.sort_unstable();
        make_up.sort_unstable();
        let mut all: Vec<NaiveDate> = off.iter().chain(&make_up).map(|(date, _)| *date).collect();
        all.sort_unstable();
        if let Some(pair) = all.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(CalendarError::DuplicateDate { date: pair[0] });
        }
        let off_weekdays = off
            .iter()
            .map(|(date, _)| *date)
            .filter(|d| !is_weekend(*d))
            .collect();
        Ok(YearSchedule {
            provisional,
            year,
            notice: year_file.notice,
            holidays: year_file.holidays,
            off,
            off_weekdays,
            make_up,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn calendar() -> Calendar {
        Calendar::from_json(EMBEDDED_JSON).expect("the embedded calendar must load")
    }

    #[test]
    fn embedded_file_loads_and_covers_2024_to_2026() {
        let calendar = calendar();
        assert_eq!(calendar.years().collect::<Vec<_>>(), vec![2024, 2025, 2026]);
        assert!(calendar.covers(2026));
        assert!(!calendar.covers(2027));
        assert_eq!(Calendar::embedded(), calendar);
        assert_eq!(calendar.holidays(2026).len(), 7);
        assert!(calendar.notice(2025).is_some_and(|n| n.contains("2025")));
    }

    #[test]
    fn make_up_days_of_2026_match_the_notice() {
        let calendar = calendar();
        let make_up: Vec<String> = calendar
            .holidays(2026)
            .iter()
            .flat_map(|holiday| holiday.make_up.iter().map(|d| d.to_string()))
            .collect();
        assert_eq!(
            make_up,
            [
                "2026-01-04",
                "2026-02-14",
                "2026-02-28",
                "2026-05-09",
                "2026-09-20",
                "2026-10-10"
            ]
        );
    }

    #[test]
    fn day_kinds() {
        let calendar = calendar();
        assert_eq!(calendar.day_kind(date("2026-03-02")), DayKind::Workday);
        assert_eq!(calendar.day_kind(date("2026-03-07")), DayKind::Weekend);
        match calendar.day_kind(date("2026-02-16")) {
            DayKind::Holiday(holiday) => assert_eq!(holiday.name.get(Lang::Zh), "春节"),
            other => panic!("{other:?}"),
        }
        match calendar.day_kind(date("2026-02-14")) {
            DayKind::MakeUpWorkday(holiday) => {
                assert_eq!(holiday.name.get(Lang::En), "Spring Festival")
            }
            other => panic!("{other:?}"),
        }
    }

    /// Working days around the published breaks, as listed in the notices.
    #[test]
    fn working_days_of_the_published_calendars() {
        let calendar = calendar();
        let working = [
            "2024-02-04",
            "2024-02-18",
            "2024-02-09",
            "2024-04-07",
            "2024-04-28",
            "2024-05-11",
            "2024-09-14",
            "2024-09-29",
            "2024-10-12",
            "2024-10-08",
            "2025-01-26",
            "2025-02-08",
            "2025-02-05",
            "2025-04-27",
            "2025-09-28",
            "2025-10-11",
            "2025-10-09",
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-02-24",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10",
            "2026-10-08",
        ];
        let off = [
            "2024-01-01",
            "2024-02-12",
            "2024-02-16",
            "2024-04-04",
            "2024-05-03",
            "2024-06-10",
            "2024-09-16",
            "2024-10-07",
            "2025-01-01",
            "2025-01-28",
            "2025-02-04",
            "2025-04-04",
            "2025-05-05",
            "2025-06-02",
            "2025-10-08",
            "2026-01-02",
            "2026-02-16",
            "2026-02-23",
            "2026-04-06",
            "2026-05-05",
            "2026-06-19",
            "2026-09-25",
            "2026-10-07",
            // Ordinary weekends stay off.
            "2026-02-07",
            "2026-02-08",
        ];
        for day in working {
            assert!(
                calendar.is_working_day(date(day)),
                "{day} should be a working day"
            );
        }
        for day in off {
            assert!(
                !calendar.is_working_day(date(day)),
                "{day} should be a day off"
            );
        }
    }

    #[test]
    fn adding_working_days_across_breaks() {
        let calendar = calendar();
        let cases = [
            // Friday before the 2026 Spring Festival + 1 = the make-up Saturday.
            ("2026-02-13", 1, "2026-02-14"),
            // + 2: the break 02-15..02-23, then Tuesday 02-24.
            ("2026-02-13", 2, "2026-02-24"),
            // The make-up Saturday 02-28 counts: Tue 24, Wed 25, Thu 26, Fri 27, Sat 28.
            ("2026-02-13", 6, "2026-02-28"),
            ("2026-02-13", 7, "2026-03-02"),
            // 20 working days across National Day 2026: from Fri 09-18, the make-up Sunday 09-20
            // counts, Mid-Autumn (09-25) and 10-01..10-07 don't, the make-up Saturday 10-10 does.
            // Sep: 20(Sun), 21-24 (4), 28-30 (3) = 8; Oct 8, 9 = 10; 10(Sat) = 11;
            // Oct 12-16 = 16; 19, 20, 21, 22 = 20.
            ("2026-09-18", 20, "2026-10-22"),
            // 20 working days across National Day and Mid-Autumn 2025 from Thu 09-25:
            // 26, 28(Sun), 29, 30 = 4; Oct 9, 10, 11(Sat) = 7; 13-17 = 12; 20-24 = 17;
            // 27, 28, 29 = 20.
            ("2025-09-25", 20, "2025-10-29"),
            // 2024 National Day: from Fri 09-27: 29(Sun), 30 = 2; Oct 8-11 = 6; 12(Sat) = 7.
            ("2024-09-27", 7, "2024-10-12"),
            // 2025 Spring Festival: from Fri 01-24: 26(Sun), 27 = 2; Feb 5, 6, 7, 8(Sat) = 6.
            ("2025-01-24", 6, "2025-02-08"),
            // n = 0 on a working day is the day itself; on a day off, the next working day.
            ("2026-03-02", 0, "2026-03-02"),
            ("2026-02-15", 0, "2026-02-24"),
            // 20 working days from Monday 2026-03-02 (see the module documentation).
            ("2026-03-02", 20, "2026-03-30"),
        ];
        for (start, n, expected) in cases {
            assert_eq!(
                calendar.add_working_days(date(start), n),
                Ok(date(expected)),
                "{start} + {n}"
            );
            if n > 0 {
                assert_eq!(
                    calendar.working_days_between(date(start), date(expected)),
                    i64::from(n),
                    "{start}..{expected}"
                );
            }
        }
    }

    #[test]
    fn between_is_half_open_and_signed() {
        let calendar = calendar();
        let monday = date("2026-03-02");
        let friday = date("2026-03-06");
        assert_eq!(calendar.working_days_between(monday, monday), 0);
        assert_eq!(calendar.working_days_between(monday, friday), 4);
        assert_eq!(calendar.working_days_between(friday, monday), -4);
        // The whole 2026 Spring Festival week: 02-13 (Fri) to 02-24 (Tue): only 14 and 24.
        assert_eq!(
            calendar.working_days_between(date("2026-02-13"), date("2026-02-24")),
            2
        );
        // A whole covered year: 2026 has 261 weekdays, 19 of them off, and 6 make-up days.
        assert_eq!(
            calendar.working_days_between(date("2025-12-31"), date("2026-12-31")),
            261 - 19 + 6
        );
    }

    #[test]
    fn uncovered_years_are_provisional() {
        let calendar = calendar();
        // 2027-01-01 is a Friday and 元旦: off, provisionally.
        assert!(!calendar.covers(2027));
        assert!(calendar.is_provisional(2027));
        assert!(!calendar.is_provisional(2026));
        match calendar.day_kind(date("2027-01-01")) {
            DayKind::Holiday(holiday) => assert!(holiday.provisional && holiday.name.zh == "元旦"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            calendar.add_working_days(date("2026-12-31"), 1),
            Ok(date("2027-01-04"))
        );
        assert!(calendar.is_provisional_between(date("2026-12-04"), date("2027-01-05")));
        assert!(!calendar.is_provisional_between(date("2026-01-04"), date("2026-12-31")));
        // Beyond the lunar table: weekends only, and still provisional.
        assert!(calendar.is_provisional(2101));
        assert!(calendar.is_working_day(date("2101-01-03")));
        assert_eq!(calendar.years().collect::<Vec<_>>(), vec![2024, 2025, 2026]);
        let empty = Calendar::weekends_only();
        assert!(empty.is_working_day(date("2026-02-16")));
        assert!(!empty.is_working_day(date("2026-02-14")));
    }

    /// The issue's two cases: a 20-working-day 承诺件 filed late in 2026.
    #[test]
    fn deadlines_into_2027_skip_its_statutory_holidays() {
        let calendar = calendar();
        // From Fri 2026-12-04: Dec 7–31 is 19 working days, 2027-01-01 is 元旦, so Mon 01-04.
        assert_eq!(
            calendar.add_working_days(date("2026-12-04"), 20),
            Ok(date("2027-01-04"))
        );
        // From Tue 2026-12-15: Dec 16–31 is 12, then Jan 4–8 (5) and 11–13 (3): Wed 01-13.
        assert_eq!(
            calendar.add_working_days(date("2026-12-15"), 20),
            Ok(date("2027-01-13"))
        );
        for year in 2027..=statutory::LAST_YEAR {
            // Every provisional year passed the file's checks (none was dropped).
            assert!(calendar.holidays(year).len() >= 5, "{year}");
            for holiday in calendar.holidays(year) {
                for day in &holiday.off {
                    assert!(!calendar.is_working_day(*day), "{day}");
                }
            }
        }
    }

    #[test]
    fn a_published_year_replaces_the_provisional_one() {
        let calendar = calendar();
        let notice = OfficialYear {
            year: 2027,
            notice: Some("国办发明电〔2026〕7号".into()),
            holidays: vec![Holiday {
                name: BilingualName {
                    zh: "元旦".into(),
                    en: "New Year's Day".into(),
                },
                off: vec![date("2027-01-01"), date("2027-01-02"), date("2027-01-03")],
                make_up: vec![date("2027-01-09")],
                provisional: false,
            }],
        };
        let updated = calendar.with_year(notice.clone()).unwrap();
        assert!(updated.covers(2027));
        assert!(!updated.is_provisional_between(date("2026-12-04"), date("2027-01-04")));
        assert!(updated.is_working_day(date("2027-01-09")));
        // Only what the notice lists: 春节 is no longer off until the notice says so.
        assert!(updated.is_working_day(date("2027-02-08")));
        assert_eq!(updated.notice(2027), Some("国办发明电〔2026〕7号"));
        // It round-trips through the file, provisional years left out.
        let again = Calendar::from_json(&updated.to_json()).unwrap();
        assert_eq!(again, updated);
        assert_eq!(
            again.years().collect::<Vec<_>>(),
            vec![2024, 2025, 2026, 2027]
        );
        // The checks of a file apply.
        let mut unnamed = notice.clone();
        unnamed.holidays[0].name.zh = " ".into();
        assert_eq!(
            calendar.with_year(unnamed),
            Err(CalendarError::UnnamedHoliday { year: 2027 })
        );
        let mut weekday = notice;
        weekday.holidays[0].make_up = vec![date("2027-01-08")];
        assert_eq!(
            calendar.with_year(weekday),
            Err(CalendarError::MakeUpNotWeekend {
                date: date("2027-01-08")
            })
        );
    }

    #[test]
    fn effective_start_after_hours_and_on_days_off() {
        let calendar = calendar();
        let close = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
        let at = |text: &str| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(
            calendar.effective_start(at("2026-03-02 16:59"), close),
            Ok(date("2026-03-02"))
        );
        assert_eq!(
            calendar.effective_start(at("2026-03-02 17:00"), close),
            Ok(date("2026-03-03"))
        );
        assert_eq!(
            calendar.effective_start(at("2026-03-06 20:00"), close),
            Ok(date("2026-03-09"))
        );
        // Sent on the first day of the Spring Festival break: counts from 02-24.
        assert_eq!(
            calendar.effective_start(at("2026-02-15 10:00"), close),
            Ok(date("2026-02-24"))
        );
        // Friday evening before the make-up Saturday: counts from that Saturday.
        assert_eq!(
            calendar.effective_start(at("2026-02-13 18:00"), close),
            Ok(date("2026-02-14"))
        );
    }

    #[test]
    fn limits_are_errors_not_panics() {
        let calendar = calendar();
        assert_eq!(
            calendar.add_working_days(date("2026-03-02"), MAX_WORKING_DAYS + 1),
            Err(CalendarError::TooManyDays {
                requested: MAX_WORKING_DAYS + 1
            })
        );
        assert_eq!(
            calendar.add_working_days(NaiveDate::MAX, 1),
            Err(CalendarError::OutOfRange)
        );
        // Counting over the whole range of dates is instant.
        assert!(calendar.working_days_between(NaiveDate::MIN, NaiveDate::MAX) > 0);
    }

    fn file_with(holidays: &str) -> String {
        format!(r#"{{"schema": 1, "years": [{{"year": 2026, "holidays": [{holidays}]}}]}}"#)
    }

    fn holiday(off: &str, make_up: &str) -> String {
        format!(
            r#"{{"name": {{"zh": "节", "en": "Day"}}, "off": [{off}], "make_up": [{make_up}]}}"#
        )
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        let d = |text: &str| date(text);
        let cases: Vec<(String, CalendarError)> = vec![
            ("not json".into(), CalendarError::Malformed { detail: String::new() }),
            (
                r#"{"schema": 2, "years": []}"#.into(),
                CalendarError::UnsupportedSchema { found: 2 },
            ),
            (
                r#"{"schema": 1, "years": [{"year": 2026, "holidays": []}, {"year": 2026, "holidays": []}]}"#
                    .into(),
                CalendarError::DuplicateYear { year: 2026 },
            ),
            (
                file_with(&holiday(r#""2025-12-31""#, "")),
                CalendarError::DateOutsideYear { year: 2026, date: d("2025-12-31") },
            ),
            (
                file_with(&holiday(r#""2026-01-03""#, r#""2026-01-03""#)),
                CalendarError::DuplicateDate { date: d("2026-01-03") },
            ),
            (
                file_with(&holiday(r#""2026-01-01""#, r#""2026-01-05""#)),
                CalendarError::MakeUpNotWeekend { date: d("2026-01-05") },
            ),
            (
                file_with(&holiday(r#""2026-01-02", "2026-01-01""#, "")),
                CalendarError::NotSorted { date: d("2026-01-01") },
            ),
            (
                file_with(&holiday(r#""2026-01-01", "2026-01-01""#, "")),
                CalendarError::DuplicateDate { date: d("2026-01-01") },
            ),
            (
                file_with(&format!("{}, {}", holiday(r#""2026-05-01""#, ""), holiday(r#""2026-01-01""#, ""))),
                CalendarError::NotSorted { date: d("2026-01-01") },
            ),
            (
                file_with(&format!("{}, {}", holiday(r#""2026-01-01""#, ""), holiday(r#""2026-01-02", "2026-01-01""#, ""))),
                CalendarError::NotSorted { date: d("2026-01-01") },
            ),
            (
                file_with(&format!("{}, {}", holiday(r#""2026-01-01", "2026-01-03""#, ""), holiday(r#""2026-01-02""#, ""))),
                CalendarError::NotSorted { date: d("2026-01-02") },
            ),
            (
                file_with(&format!("{}, {}", holiday(r#""2026-01-01""#, r#""2026-01-10""#), holiday(r#""2026-01-05""#, r#""2026-01-10""#))),
                CalendarError::DuplicateDate { date: d("2026-01-10") },
            ),
            (file_with(&holiday("", "")), CalendarError::EmptyHoliday { year: 2026, name: "节".into() }),
        ];
        for (json, expected) in cases {
            let result = Calendar::from_json(&json);
            match (&result, &expected) {
                (Err(CalendarError::Malformed { .. }), CalendarError::Malformed { .. }) => {}
                _ => assert_eq!(result, Err(expected), "{json}"),
            }
        }
        // A make-up day alone (for next year's New Year) and unknown fields are fine.
        let json = r#"{"schema": 1, "comment": "x", "years": [{"year": 2011, "holidays": [
            {"name": {"zh": "元旦（2012年）", "en": "New Year 2012"}, "off": [], "make_up": ["2011-12-31"]}]}]}"#;
        assert!(
            Calendar::from_json(json)
                .unwrap()
                .is_working_day(d("2011-12-31"))
        );
    }

    #[test]
    fn errors_have_messages() {
        let error = CalendarError::MakeUpNotWeekend {
            date: date("2026-01-05"),
        };
        assert!(error.message(Lang::Zh).contains("2026-01-05"));
        assert_eq!(error.code(), "calendar.make_up_not_weekend");
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        // 2023-06-01 to 2027-06-30: across the covered years, their edges and a provisional one.
        (0i64..1491).prop_map(|offset| date("2023-06-01") + chrono::Duration::days(offset))
    }

    proptest! {
        #[test]
        fn adding_is_monotone_and_lands_on_working_days(start in any_date(), n in 0u32..400, extra in 1u32..50) {
            let calendar = calendar();
            let first = calendar.add_working_days(start, n).unwrap();
            let later = calendar.add_working_days(start, n + extra).unwrap();
            prop_assert!(calendar.is_working_day(first));
            prop_assert!(calendar.is_working_day(later));
            prop_assert!(first >= start);
            prop_assert!(later >= first);
            // n = 0 from a day off already moved to the next working day, which is also where
            // n = 1 lands: the only case where one more day doesn't move the result.
            let counted = if n == 0 && !calendar.is_working_day(start) { extra - 1 } else { extra };
            prop_assert_eq!(calendar.working_days_between(first, later), i64::from(counted));
        }

        #[test]
        fn between_matches_a_walk(a in any_date(), b in any_date()) {
            let calendar = calendar();
            let (low, high) = if a <= b { (a, b) } else { (b, a) };
            let walked = low
                .iter_days()
                .skip(1)
                .take_while(|d| *d <= high)
                .filter(|d| calendar.is_working_day(*d))
                .count() as i64;
            prop_assert_eq!(calendar.working_days_between(low, high), walked);
            prop_assert_eq!(calendar.working_days_between(high, low), -walked);
        }
    }
}
