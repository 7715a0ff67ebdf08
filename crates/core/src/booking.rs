//! 预约: half-hour visits to a department's windows, on the center's working days.
//!
//! The rules a booking is held to, the same on the device and on the server: which slots a day
//! has (the opening hours as data, [`OPENING_HOURS`]), whether a slot may be booked at a given
//! moment ([`check_slot`]: not past, not beyond [`MAX_DAYS_AHEAD`], a working day of the core
//! calendar, a slot start within the hours), the nearest free slots to offer when one is refused
//! ([`nearest_free`]), and the limit of open bookings per person and department
//! ([`MAX_OPEN_PER_DEPARTMENT`]). Times are Beijing local times; nothing here reads a clock.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::Calendar;
use crate::i18n::{Lang, Localized, tr, tr_args};

/// Length of a slot, in minutes.
pub const SLOT_MINUTES: u16 = 30;

/// The center's opening hours, `(from, to)` in minutes after midnight: 09:00–12:00 and
/// 13:30–17:00 (the lunch break is not bookable).
pub const OPENING_HOURS: &[(u16, u16)] = &[(9 * 60, 12 * 60), (13 * 60 + 30, 17 * 60)];

/// How many days ahead a slot may be booked (today counts as 0).
pub const MAX_DAYS_AHEAD: i64 = 30;

/// Open bookings one ID number may hold at one department.
pub const MAX_OPEN_PER_DEPARTMENT: usize = 2;

/// Places per slot when the center administrator set none.
pub const DEFAULT_CAPACITY: u32 = 3;

/// The largest capacity an administrator may give a slot.
pub const MAX_CAPACITY: u32 = 50;

/// How many free slots a refusal offers.
pub const NEAREST_OFFERED: usize = 5;

/// The start of a slot: a time of day, in minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SlotTime(u16);

impl SlotTime {
    /// The time `hour:minute` (not checked against the opening hours).
    pub fn new(hour: u16, minute: u16) -> Option<SlotTime> {
        (hour < 24 && minute < 60).then_some(SlotTime(hour * 60 + minute))
    }

    /// Reads `HH:MM` (two digits each).
    pub fn parse(text: &str) -> Option<SlotTime> {
        let bytes = text.trim().as_bytes();
        if bytes.len() != 5 || bytes[2] != b':' {
            return None;
        }
        let two = |at: usize| -> Option<u16> {
            let (a, b) = (bytes[at], bytes[at + 1]);
            (a.is_ascii_digit() && b.is_ascii_digit())
                .then(|| u16::from(a - b'0') * 10 + u16::from(b - b'0'))
        };
        SlotTime::new(two(0)?, two(3)?)
    }

    /// Minutes after midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }

    /// `HH:MM`.
    pub fn text(self) -> String {
        format!("{:02}:{:02}", self.0 / 60, self.0 % 60)
    }

    /// When the slot starting here ends.
    pub fn end(self) -> SlotTime {
        SlotTime(self.0 + SLOT_MINUTES)
    }

    /// As a time of day.
    pub fn time(self) -> NaiveTime {
        NaiveTime::from_hms_opt(u32::from(self.0 / 60), u32::from(self.0 % 60), 0)
            .unwrap_or(NaiveTime::MIN)
    }

    /// Whether a slot starts here within the opening hours.
    pub fn is_slot_start(self) -> bool {
        OPENING_HOURS.iter().any(|&(from, to)| {
            self.0 >= from
                && self.0 + SLOT_MINUTES <= to
                && (self.0 - from).is_multiple_of(SLOT_MINUTES)
        })
    }
}

/// Every slot start of an opening day, in order.
pub fn slot_starts() -> Vec<SlotTime> {
    OPENING_HOURS
        .iter()
        .flat_map(|&(from, to)| {
            (from..to)
                .step_by(usize::from(SLOT_MINUTES))
                .filter(move |start| start + SLOT_MINUTES <= to)
                .map(SlotTime)
        })
        .collect()
}

/// One slot: a day and a start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slot {
    /// The day (Beijing).
    pub date: NaiveDate,
    /// The start.
    pub start: SlotTime,
}

impl Slot {
    /// When it starts.
    pub fn starts_at(self) -> NaiveDateTime {
        self.date.and_time(self.start.time())
    }

    /// Whether it has started at `now` (a slot that starts now has started).
    pub fn has_started(self, now: NaiveDateTime) -> bool {
        self.starts_at() <= now
    }

    /// In words: 「2026年12月7日（星期一）09:30—10:00」.
    pub fn label(self, lang: Lang) -> String {
        tr_args(
            lang,
            "booking.slot_label",
            &[
                ("date", &date_label(self.date, lang)),
                ("start", &self.start.text()),
                ("end", &self.start.end().text()),
            ],
        )
    }
}

/// A date in words with its weekday: 「2026年12月7日（星期一）」 / "Mon 7 Dec 2026".
pub fn date_label(date: NaiveDate, lang: Lang) -> String {
    const KEYS: [&str; 7] = [
        "booking.weekday.1",
        "booking.weekday.2",
        "booking.weekday.3",
        "booking.weekday.4",
        "booking.weekday.5",
        "booking.weekday.6",
        "booking.weekday.7",
    ];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let weekday = tr(lang, KEYS[date.weekday().num_days_from_monday() as usize]);
    let month = date.month() as usize;
    // Chinese writes the month's number (12月), English its name (Dec).
    let month = match lang {
        Lang::Zh => month.to_string(),
        Lang::En => MONTHS[month.saturating_sub(1) % 12].to_owned(),
    };
    tr_args(
        lang,
        "booking.date_label",
        &[
            ("year", &date.year().to_string()),
            ("month", &month),
            ("day", &date.day().to_string()),
            ("weekday", weekday),
        ],
    )
}

/// Why a slot cannot be booked, whatever its places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotRefusal {
    /// It has started or is over.
    Past(Slot),
    /// More than [`MAX_DAYS_AHEAD`] days ahead.
    TooFarAhead(Slot),
    /// A weekend or a holiday.
    NotWorkingDay(Slot),
    /// Not a slot start within the opening hours.
    OutsideHours(Slot),
    /// No place left (or a capacity of 0).
    Full(Slot),
}

impl SlotRefusal {
    /// The slot refused.
    pub fn slot(self) -> Slot {
        match self {
            SlotRefusal::Past(slot)
            | SlotRefusal::TooFarAhead(slot)
            | SlotRefusal::NotWorkingDay(slot)
            | SlotRefusal::OutsideHours(slot)
            | SlotRefusal::Full(slot) => slot,
        }
    }

    /// The API's error code.
    pub fn api_code(self) -> &'static str {
        match self {
            SlotRefusal::Past(_) => "slot_past",
            SlotRefusal::TooFarAhead(_) => "too_far_ahead",
            SlotRefusal::NotWorkingDay(_) => "not_working_day",
            SlotRefusal::OutsideHours(_) => "outside_hours",
            SlotRefusal::Full(_) => "slot_full",
        }
    }
}

impl Localized for SlotRefusal {
    fn code(&self) -> &'static str {
        match self {
            SlotRefusal::Past(_) => "booking.refused.past",
            SlotRefusal::TooFarAhead(_) => "booking.refused.too_far",
            SlotRefusal::NotWorkingDay(_) => "booking.refused.not_working_day",
            SlotRefusal::OutsideHours(_) => "booking.refused.outside_hours",
            SlotRefusal::Full(_) => "booking.refused.full",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let slot = self.slot();
        tr_args(
            lang,
            self.code(),
            &[
                ("slot", &slot.label(lang)),
                ("date", &date_label(slot.date, lang)),
                ("time", &slot.start.text()),
                ("days", &MAX_DAYS_AHEAD.to_string()),
            ],
        )
    }
}

/// Whether `slot` may be booked at `now` (Beijing), places aside. The most useful reason comes
/// first: a past slot is past whatever day it was, and a Sunday is not a working day whatever
/// time was asked.
pub fn check_slot(calendar: &Calendar, slot: Slot, now: NaiveDateTime) -> Result<(), SlotRefusal> {
    if slot.has_started(now) {
        return Err(SlotRefusal::Past(slot));
    }
    if (slot.date - now.date()).num_days() > MAX_DAYS_AHEAD {
        return Err(SlotRefusal::TooFarAhead(slot));
    }
    if !calendar.is_working_day(slot.date) {
        return Err(SlotRefusal::NotWorkingDay(slot));
    }
    if !slot.start.is_slot_start() {
        return Err(SlotRefusal::OutsideHours(slot));
    }
    Ok(())
}

/// The working days among the `days` calendar days from `from`.
pub fn working_days(calendar: &Calendar, from: NaiveDate, days: u32) -> Vec<NaiveDate> {
    (0..i64::from(days))
        .filter_map(|offset| from.checked_add_signed(Duration::days(offset)))
        .filter(|date| calendar.is_working_day(*date))
        .collect()
}

/// Every slot that may be booked at `now` (places aside), from today to [`MAX_DAYS_AHEAD`].
pub fn bookable_slots(calendar: &Calendar, now: NaiveDateTime) -> Vec<Slot> {
    let starts = slot_starts();
    working_days(calendar, now.date(), MAX_DAYS_AHEAD as u32 + 1)
        .into_iter()
        .flat_map(|date| starts.iter().map(move |&start| Slot { date, start }))
        .filter(|slot| !slot.has_started(now))
        .collect()
}

/// Up to `count` slots with places left, the nearest in time to `wanted`, in time order.
/// `places_left` says how many places a slot has left.
pub fn nearest_free(
    calendar: &Calendar,
    wanted: Slot,
    now: NaiveDateTime,
    count: usize,
    places_left: impl Fn(Slot) -> u32,
) -> Vec<(Slot, u32)> {
    let target = wanted.starts_at();
    let mut free: Vec<(Slot, u32)> = bookable_slots(calendar, now)
        .into_iter()
        .filter(|slot| *slot != wanted)
        .filter_map(|slot| {
            let left = places_left(slot);
            (left > 0).then_some((slot, left))
        })
        .collect();
    // Nearest first; between two as near, the later one (the person asked for that time or
    // after it, and a slot before it may be gone by the time they read this).
    free.sort_by_key(|(slot, _)| {
        let distance = (slot.starts_at() - target).num_minutes();
        (distance.abs(), distance < 0)
    });
    free.truncate(count);
    free.sort();
    free
}

/// Whether a person holding `open` open bookings at a department may make another.
pub fn may_book_another(open: usize) -> bool {
    open < MAX_OPEN_PER_DEPARTMENT
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        date(y, m, d).and_hms_opt(h, min, 0).unwrap()
    }

    fn slot(y: i32, m: u32, d: u32, text: &str) -> Slot {
        Slot {
            date: date(y, m, d),
            start: SlotTime::parse(text).unwrap(),
        }
    }

    #[test]
    fn a_day_has_thirteen_half_hour_slots_without_the_lunch_break() {
        let starts: Vec<String> = slot_starts().into_iter().map(SlotTime::text).collect();
        assert_eq!(starts.len(), 13);
        assert_eq!(starts.first().map(String::as_str), Some("09:00"));
        assert_eq!(starts[5], "11:30");
        assert_eq!(starts[6], "13:30");
        assert_eq!(starts.last().map(String::as_str), Some("16:30"));
        for text in ["12:00", "13:00", "17:00", "08:30", "09:10"] {
            assert!(!SlotTime::parse(text).unwrap().is_slot_start(), "{text}");
        }
    }

    #[test]
    fn slot_times_are_read_strictly() {
        assert_eq!(SlotTime::parse("09:30").map(SlotTime::minutes), Some(570));
        assert_eq!(SlotTime::parse("16:30").unwrap().end().text(), "17:00");
        for bad in ["9:30", "09-30", "24:00", "09:60", "0930", "ab:cd", ""] {
            assert_eq!(SlotTime::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn each_refusal_names_its_reason() {
        let calendar = Calendar::embedded();
        // Monday 2026-12-07, 10:05.
        let now = at(2026, 12, 7, 10, 5);
        assert_eq!(
            check_slot(&calendar, slot(2026, 12, 7, "10:30"), now),
            Ok(())
        );
        assert!(matches!(
            check_slot(&calendar, slot(2026, 12, 7, "10:00"), now),
            Err(SlotRefusal::Past(_))
        ));
        assert!(matches!(
            check_slot(&calendar, slot(2026, 12, 5, "10:00"), now),
            Err(SlotRefusal::Past(_))
        ));
        assert!(matches!(
            check_slot(&calendar, slot(2026, 12, 12, "10:00"), now),
            Err(SlotRefusal::NotWorkingDay(_))
        ));
        assert!(matches!(
            check_slot(&calendar, slot(2026, 12, 8, "12:00"), now),
            Err(SlotRefusal::OutsideHours(_))
        ));
        assert!(matches!(
            check_slot(&calendar, slot(2027, 1, 7, "10:00"), now),
            Err(SlotRefusal::TooFarAhead(_))
        ));
        assert_eq!(
            check_slot(&calendar, slot(2027, 1, 6, "09:00"), now),
            Ok(())
        );
    }

    #[test]
    fn holidays_and_make_up_days_come_from_the_calendar() {
        let calendar = Calendar::embedded();
        // 2026: 国庆节 1–7 October off, Saturday 10 October worked (国办发明电〔2025〕7号).
        let now = at(2026, 9, 25, 9, 0);
        assert!(matches!(
            check_slot(&calendar, slot(2026, 10, 2, "09:00"), now),
            Err(SlotRefusal::NotWorkingDay(_))
        ));
        assert_eq!(
            check_slot(&calendar, slot(2026, 10, 10, "09:00"), now),
            Ok(())
        );
    }

    #[test]
    fn a_slot_starting_now_has_started() {
        let calendar = Calendar::embedded();
        let now = at(2026, 12, 7, 9, 30);
        assert!(matches!(
            check_slot(&calendar, slot(2026, 12, 7, "09:30"), now),
            Err(SlotRefusal::Past(_))
        ));
    }

    #[test]
    fn the_nearest_free_slots_are_offered_in_time_order() {
        let calendar = Calendar::embedded();
        let now = at(2026, 12, 7, 9, 5);
        let wanted = slot(2026, 12, 7, "10:00");
        let full = [slot(2026, 12, 7, "10:30"), slot(2026, 12, 7, "09:30")];
        let offered = nearest_free(&calendar, wanted, now, 3, |s| {
            if full.contains(&s) { 0 } else { 2 }
        });
        let texts: Vec<String> = offered.iter().map(|(s, _)| s.start.text()).collect();
        // 09:00 has started; 09:30 and 10:30 are full.
        assert_eq!(texts, ["11:00", "11:30", "13:30"]);
        assert!(
            offered
                .iter()
                .all(|(s, left)| s.date == wanted.date && *left == 2)
        );
    }

    #[test]
    fn a_full_friday_afternoon_offers_the_next_working_day() {
        let calendar = Calendar::embedded();
        // Friday 2026-12-11 at 16:10: the last slot, 16:30, is full.
        let now = at(2026, 12, 11, 16, 10);
        let wanted = slot(2026, 12, 11, "16:30");
        let offered = nearest_free(&calendar, wanted, now, 2, |s| u32::from(s != wanted));
        assert_eq!(
            offered.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            [slot(2026, 12, 14, "09:00"), slot(2026, 12, 14, "09:30")]
        );
    }

    #[test]
    fn nothing_free_offers_nothing() {
        let calendar = Calendar::embedded();
        let now = at(2026, 12, 7, 9, 5);
        assert!(nearest_free(&calendar, slot(2026, 12, 7, "10:00"), now, 5, |_| 0).is_empty());
    }

    #[test]
    fn two_open_bookings_per_department_at_most() {
        assert!(may_book_another(0));
        assert!(may_book_another(1));
        assert!(!may_book_another(2));
    }

    #[test]
    fn refusals_name_the_slot_in_both_languages() {
        let refusal = SlotRefusal::Full(slot(2026, 12, 7, "09:30"));
        let zh = refusal.message(Lang::Zh);
        assert!(zh.contains("2026年12月7日（星期一）09:30—10:00"), "{zh}");
        let en = refusal.message(Lang::En);
        assert!(en.contains("Mon 7 Dec 2026, 09:30–10:00"), "{en}");
        for refusal in [
            SlotRefusal::Past(refusal.slot()),
            SlotRefusal::TooFarAhead(refusal.slot()),
            SlotRefusal::NotWorkingDay(refusal.slot()),
            SlotRefusal::OutsideHours(refusal.slot()),
        ] {
            for lang in Lang::ALL {
                let text = refusal.message(lang);
                assert!(
                    !text.contains('{') && !text.starts_with("booking."),
                    "{text}"
                );
            }
        }
    }
}
