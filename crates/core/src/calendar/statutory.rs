//! The provisional calendar of a year whose State Council notice is not yet published.
//!
//! 《全国年节及纪念日放假办法》 (as amended, in force 2025-01-01) fixes the statutory days off
//! (Art. 2): 元旦 1 day (1 January), 春节 4 days (除夕 and 初一 to 初三 of the lunar year),
//! 清明节 1 day (the day of the 清明 solar term), 劳动节 2 days (1–2 May), 端午节 1 day (5th of
//! the 5th lunar month), 中秋节 1 day (15th of the 8th lunar month) and 国庆节 3 days (1–3
//! October). Art. 6: a statutory day off that falls on a Saturday or Sunday is made up on a
//! working day (补假) — here the next Monday-to-Friday not already off, the way every notice has
//! placed it. Two holidays on the same day (中秋 on 1–3 October) owe a day each, so the second
//! is made up the same way.
//!
//! What no law fixes is the exchange of weekends (调休): each year's notice moves Saturdays and
//! Sundays to make longer breaks. A provisional year therefore has no make-up working day, and
//! every holiday in it is marked [`Holiday::provisional`]. Once the notice is out, the
//! official year replaces it (`Calendar::with_year`).
//!
//! The lunar and solar-term dates come from [`LUNAR_TABLE`], 2024–2100, which a unit test
//! checks day by day against `tyme4rs` (6tail's maintained successor of the `lunar` libraries,
//! a dev-dependency only: the table is 616 bytes, the crate with its tables far more).

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

use super::{BilingualName, Holiday};

/// The first year of [`LUNAR_TABLE`].
pub const FIRST_YEAR: i32 = 2024;
/// The last year of [`LUNAR_TABLE`]; later years have only weekends off.
pub const LAST_YEAR: i32 = 2100;

/// For each year from [`FIRST_YEAR`], as month × 100 + day: 春节 (初一), 清明 (the solar term's
/// day, Beijing time), 端午 (五月初五), 中秋 (八月十五). Checked against `tyme4rs` by a test.
#[rustfmt::skip]
pub const LUNAR_TABLE: [[u16; 4]; (LAST_YEAR - FIRST_YEAR + 1) as usize] = [
    [210, 404, 610, 917], [129, 404, 531, 1006], [217, 405, 619, 925], [206, 405, 609, 915],
    [126, 404, 528, 1003], [213, 404, 616, 922], [203, 405, 605, 912], [123, 405, 624, 1001],
    [211, 404, 612, 919], [131, 404, 601, 908], [219, 405, 620, 927], [208, 405, 610, 916],
    [128, 404, 530, 1004], [215, 404, 618, 924], [204, 405, 607, 913], [124, 405, 527, 1002],
    [212, 404, 614, 920], [201, 404, 603, 910], [122, 404, 622, 928], [210, 405, 611, 917],
    [130, 404, 531, 1005], [217, 404, 619, 925], [206, 404, 608, 915], [126, 405, 529, 1004],
    [214, 404, 615, 922], [202, 404, 604, 911], [123, 404, 623, 930], [211, 405, 613, 919],
    [201, 404, 601, 907], [219, 404, 620, 926], [208, 404, 610, 916], [128, 405, 530, 1005],
    [215, 404, 617, 924], [204, 404, 606, 913], [124, 404, 625, 1002], [212, 405, 614, 921],
    [202, 404, 603, 909], [121, 404, 622, 928], [209, 404, 611, 917], [129, 405, 601, 1006],
    [217, 404, 619, 925], [205, 404, 608, 915], [126, 404, 528, 1003], [214, 405, 616, 923],
    [203, 404, 604, 911], [123, 404, 623, 929], [211, 404, 613, 919], [131, 405, 602, 908],
    [219, 404, 620, 926], [207, 404, 610, 916], [127, 404, 530, 1005], [215, 404, 617, 924],
    [205, 404, 606, 912], [124, 404, 624, 1001], [212, 404, 614, 920], [202, 404, 604, 910],
    [122, 404, 622, 928], [209, 404, 611, 917], [129, 404, 601, 1006], [217, 404, 619, 926],
    [206, 404, 607, 914], [126, 404, 527, 1003], [214, 404, 615, 922], [203, 404, 605, 911],
    [124, 404, 623, 929], [210, 404, 613, 918], [130, 404, 602, 908], [218, 404, 621, 927],
    [207, 404, 609, 916], [127, 404, 529, 1005], [215, 404, 617, 924], [205, 404, 606, 913],
    [125, 404, 624, 930], [212, 404, 614, 920], [201, 404, 604, 909], [121, 404, 623, 929],
    [209, 405, 612, 918],
];

/// The statutory holidays' names, in both languages, in date order of the year (also the
/// English names a pasted notice's lines get, `notice_text`).
pub(crate) const NAMES: [(&str, &str); 7] = [
    ("元旦", "New Year's Day"),
    ("春节", "Spring Festival"),
    ("清明节", "Qingming Festival"),
    ("劳动节", "Labour Day"),
    ("端午节", "Dragon Boat Festival"),
    ("中秋节", "Mid-Autumn Festival"),
    ("国庆节", "National Day"),
];

/// A holiday's days before the breaks are laid out: its names and the statutory days it owes.
struct Break {
    names: Vec<usize>,
    /// Distinct days off, ascending.
    days: BTreeSet<NaiveDate>,
    /// Statutory days owed, counted with multiplicity (two holidays on one day owe two).
    owed: usize,
}

fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The date `mmdd` (month × 100 + day) of `year`.
fn from_table(year: i32, mmdd: u16) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, u32::from(mmdd / 100), u32::from(mmdd % 100))
}

/// The statutory days of each holiday of `year`, in the order of [`NAMES`]; `None` outside the
/// table.
pub fn statutory_days(year: i32) -> Option<[Vec<NaiveDate>; 7]> {
    let index = usize::try_from(year.checked_sub(FIRST_YEAR)?).ok()?;
    let [spring, qingming, dragon_boat, mid_autumn] = *LUNAR_TABLE.get(index)?;
    let day = |month, day| NaiveDate::from_ymd_opt(year, month, day);
    let new_year = from_table(year, spring)?;
    let eve = new_year.pred_opt()?;
    let spring_days = eve.iter_days().take(4).collect();
    Some([
        vec![day(1, 1)?],
        spring_days,
        vec![from_table(year, qingming)?],
        vec![day(5, 1)?, day(5, 2)?],
        vec![from_table(year, dragon_boat)?],
        vec![from_table(year, mid_autumn)?],
        vec![day(10, 1)?, day(10, 2)?, day(10, 3)?],
    ])
}

/// The provisional holidays of `year` (see the module documentation), in date order, each
/// marked provisional; `None` for a year outside the table.
pub fn provisional_holidays(year: i32) -> Option<Vec<Holiday>> {
    let mut breaks: Vec<Break> = statutory_days(year)?
        .into_iter()
        .enumerate()
        .map(|(name, days)| Break {
            names: vec![name],
            owed: days.len(),
            days: days.into_iter().collect(),
        })
        .collect();
    breaks.sort_by_key(|b| b.days.first().copied());
    // Lay the make-up days out; a break whose make-up days reach into the next one (or which
    // shares a day with it) becomes one break with it, and the layout starts again.
    'layout: loop {
        let taken: BTreeSet<NaiveDate> = breaks.iter().flat_map(|b| b.days.clone()).collect();
        let mut laid: Vec<BTreeSet<NaiveDate>> = Vec::with_capacity(breaks.len());
        for (index, current) in breaks.iter().enumerate() {
            let mut days = current.days.clone();
            let weekdays = days.iter().filter(|d| is_weekday(**d)).count();
            let mut missing = current.owed.saturating_sub(weekdays);
            let mut next = *days.last()?;
            while missing > 0 {
                next = next.succ_opt()?;
                if is_weekday(next) && !taken.contains(&next) {
                    days.insert(next);
                    missing -= 1;
                }
            }
            let last = *days.last()?;
            if let Some(following) = breaks.get(index + 1)
                && following.days.first().is_some_and(|first| *first <= last)
            {
                let following = breaks.remove(index + 1);
                let merged = &mut breaks[index];
                merged.names.extend(following.names);
                merged.days.extend(following.days);
                merged.owed += following.owed;
                continue 'layout;
            }
            laid.push(days);
        }
        return Some(
            breaks
                .iter()
                .zip(laid)
                .map(|(b, days)| Holiday {
                    name: BilingualName {
                        zh: join(&b.names, |(zh, _)| zh, "、"),
                        en: join(&b.names, |(_, en)| en, " and "),
                    },
                    off: days.into_iter().collect(),
                    make_up: Vec::new(),
                    provisional: true,
                })
                .collect(),
        );
    }
}

fn join(
    names: &[usize],
    pick: fn(&(&'static str, &'static str)) -> &'static str,
    sep: &str,
) -> String {
    let mut sorted = names.to_vec();
    sorted.sort_unstable();
    sorted
        .iter()
        .filter_map(|&index| NAMES.get(index).map(pick))
        .collect::<Vec<_>>()
        .join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tyme4rs::tyme::Tyme;
    use tyme4rs::tyme::lunar::LunarDay;
    use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

    fn ymd(day: SolarDay) -> NaiveDate {
        NaiveDate::from_ymd_opt(
            day.get_year() as i32,
            day.get_month() as u32,
            day.get_day() as u32,
        )
        .unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// Every date of the table, checked against the maintained library.
    #[test]
    fn the_table_matches_tyme4rs() {
        for year in FIRST_YEAR..=LAST_YEAR {
            let y = year as isize;
            let days = statutory_days(year).unwrap();
            let new_year = ymd(LunarDay::from_ymd(y, 1, 1).get_solar_day());
            assert_eq!(
                days[1],
                new_year
                    .pred_opt()
                    .unwrap()
                    .iter_days()
                    .take(4)
                    .collect::<Vec<_>>(),
                "{year} 春节"
            );
            let qingming = ymd(SolarTerm::from_name(y, "清明")
                .get_julian_day()
                .get_solar_day());
            assert_eq!(days[2], vec![qingming], "{year} 清明");
            assert_eq!(
                days[4],
                vec![ymd(LunarDay::from_ymd(y, 5, 5).get_solar_day())],
                "{year} 端午"
            );
            assert_eq!(
                days[5],
                vec![ymd(LunarDay::from_ymd(y, 8, 15).get_solar_day())],
                "{year} 中秋"
            );
            // The 除夕 is the last day of the twelfth month, whatever its length.
            let eve = ymd(LunarDay::from_ymd(y, 1, 1).get_solar_day().next(-1));
            assert_eq!(days[1][0], eve);
        }
        assert!(statutory_days(FIRST_YEAR - 1).is_none());
        assert!(statutory_days(LAST_YEAR + 1).is_none());
    }

    fn off_days(year: i32) -> Vec<(String, Vec<String>)> {
        provisional_holidays(year)
            .unwrap()
            .into_iter()
            .map(|h| (h.name.zh, h.off.iter().map(|d| d.to_string()).collect()))
            .collect()
    }

    /// 2027, laid out by hand from the 办法: weekend holidays made up on the next weekday.
    #[test]
    fn the_2027_provisional_days_off() {
        let expected: Vec<(&str, Vec<&str>)> = vec![
            ("元旦", vec!["2027-01-01"]),
            // 除夕 Fri 02-05, 初一–初三 Sat–Mon; Sat and Sun made up Tue and Wed.
            (
                "春节",
                vec![
                    "2027-02-05",
                    "2027-02-06",
                    "2027-02-07",
                    "2027-02-08",
                    "2027-02-09",
                    "2027-02-10",
                ],
            ),
            ("清明节", vec!["2027-04-05"]),
            // Sat 05-01 and Sun 05-02: made up Mon 05-03 and Tue 05-04.
            (
                "劳动节",
                vec!["2027-05-01", "2027-05-02", "2027-05-03", "2027-05-04"],
            ),
            ("端午节", vec!["2027-06-09"]),
            ("中秋节", vec!["2027-09-15"]),
            // Fri 10-01, Sat, Sun: made up Mon 10-04 and Tue 10-05.
            (
                "国庆节",
                vec![
                    "2027-10-01",
                    "2027-10-02",
                    "2027-10-03",
                    "2027-10-04",
                    "2027-10-05",
                ],
            ),
        ];
        let expected: Vec<(String, Vec<String>)> = expected
            .into_iter()
            .map(|(n, d)| (n.to_owned(), d.into_iter().map(str::to_owned).collect()))
            .collect();
        assert_eq!(off_days(2027), expected);
        assert!(
            provisional_holidays(2027)
                .unwrap()
                .iter()
                .all(|h| h.provisional && h.make_up.is_empty())
        );
    }

    /// 2028: 中秋 on Tue 10-03 shares a day with 国庆, so both are one break owing four days.
    #[test]
    fn a_shared_day_is_made_up() {
        let days = off_days(2028);
        let last = days.last().unwrap();
        assert_eq!(last.0, "中秋节、国庆节");
        // Sun 10-01, Mon 02, Tue 03 (国庆 + 中秋): 4 weekdays owed, 2 taken → Wed 04, Thu 05.
        assert_eq!(
            last.1,
            [
                "2028-10-01",
                "2028-10-02",
                "2028-10-03",
                "2028-10-04",
                "2028-10-05"
            ]
        );
        assert_eq!(
            provisional_holidays(2028).unwrap().last().unwrap().name.en,
            "Mid-Autumn Festival and National Day"
        );
    }

    /// Under the 2025 rules, every weekday the provisional calendar gives off was also off in
    /// the notices actually published for 2025 and 2026.
    #[test]
    fn provisional_weekdays_off_were_off_in_the_published_years() {
        let official = crate::calendar::Calendar::embedded();
        for year in [2025, 2026] {
            for holiday in provisional_holidays(year).unwrap() {
                for day in holiday.off.iter().filter(|d| is_weekday(**d)) {
                    assert!(
                        !official.is_working_day(*day),
                        "{day} ({}) is off provisionally",
                        holiday.name.zh
                    );
                }
            }
        }
        // And the count: 13 statutory days, each on a weekday or made up on one.
        for year in FIRST_YEAR..=LAST_YEAR {
            let weekdays: usize = provisional_holidays(year)
                .unwrap()
                .iter()
                .map(|h| h.off.iter().filter(|d| is_weekday(**d)).count())
                .sum();
            assert_eq!(weekdays, 13, "{year}");
        }
        assert_eq!(date("2027-02-09").weekday(), Weekday::Tue);
    }
}
