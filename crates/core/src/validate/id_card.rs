//! 居民身份证号码 (citizen identity number), GB 11643-1999, and the numbers made like it.
//!
//! | first digits | what | checked |
//! | --- | --- | --- |
//! | a province, 11–65 | 居民身份证号码 | province; with a [`DivisionCodes`] table, the whole 6-digit division code for the birth year ([`id_card_with`]) |
//! | 81, 82, 83 | 港澳台居民居住证 (2018): 810000, 820000, 830000 | as above (the table has the three codes) |
//! | 9 | 外国人永久居留身份证, 2023 version (issued since 2023-12-01) | digits 2–3 a mainland province (the issuing place) |
//!
//! All share the layout of GB 11643: digits 7–14 the birth date, 15–17 a sequence whose last
//! digit is odd for men, and the ISO 7064 MOD 11-2 check character. The National Immigration
//! Administration's rules for the 2023 permanent residence card (新版外国人永久居留身份证机读信息
//! 规则) put a `9` first — no province code starts with 9, so the kind is never ambiguous —
//! then the issuing province's two digits, a 3-digit nationality code (the old card's three
//! letters turned into digits), the birth date, the sequence and the same check character. The
//! nationality digits are not checked against a list (none is shipped); the other parts are.
//! The 2017 card's 15 characters (three letters and twelve digits) are not accepted here.
//!
//! A 15-digit number is a first-generation card's (no check character, two-digit year): those
//! cards stopped being valid on 2013-01-01, and the message says so instead of "wrong length".
//!
//! The check of the place comes last, after the check character: a mistyped digit is caught by
//! MOD 11-2 (and told as such), so a number that passes it with a code that never named a place
//! was made up or copied wrong as a whole, and the message names the code.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{DivisionCodes, Place, compact_code, is_province_code};
use crate::i18n::{Lang, Localized, tr, tr_args};

/// Weights of the 17 body digits (2^(17-i) mod 11), ISO 7064 MOD 11-2.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character indexed by the weighted sum mod 11.
const CHECK_CHARS: [u8; 11] = *b"10X98765432";
/// Number of characters of a second-generation identity number.
const LENGTH: usize = 18;
/// The earliest birth year the service accepts; earlier dates are typing errors.
const EARLIEST_BIRTH_YEAR: i32 = 1900;

/// Sex as encoded by the parity of the 17th digit (odd: male).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    /// 男
    Male,
    /// 女
    Female,
}

impl Sex {
    /// "男" / "Male", from the string table.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Sex::Male => tr(lang, "sex.male"),
            Sex::Female => tr(lang, "sex.female"),
        }
    }
}

/// Which document the number belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// 居民身份证 (or a 港澳台居民居住证, numbered the same way).
    Resident,
    /// 外国人永久居留身份证, 2023 version: first digit 9.
    ForeignPermanentResident,
}

/// A valid identity number and what it encodes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IdCard {
    /// The 18 characters, ASCII, check character `X` in upper case.
    pub number: String,
    /// Which document.
    pub kind: IdKind,
    /// The 6-digit administrative division code of the place of first registration; for a
    /// permanent residence card, the first six digits (9, province, nationality).
    pub division_code: String,
    /// The province: the first two digits (11 = Beijing, …), or digits 2–3 of a permanent
    /// residence card (the issuing province).
    pub province_code: u8,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// Sex.
    pub sex: Sex,
}

/// Why a text is not a valid identity number.
///
/// The check-digit error deliberately does not say which character was expected: a person who
/// mistyped one digit should look at the card again, not "fix" the check character.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IdCardError {
    /// Nothing was entered.
    #[error("identity number is empty")]
    Empty,
    /// Not 18 characters (after removing spaces).
    #[error("identity number has {found} characters, expected 18")]
    WrongLength {
        /// How many characters were entered.
        found: usize,
    },
    /// 15 digits: a first-generation card's number, no longer valid.
    #[error("first-generation 15-digit numbers are no longer valid")]
    FirstGeneration,
    /// A character other than a digit (or `X` in the last place).
    #[error("character {found:?} at position {position} is not allowed")]
    BadCharacter {
        /// 1-based position among the normalised characters.
        position: usize,
        /// The offending character.
        found: char,
    },
    /// The first two digits are not a province-level division.
    #[error("unknown province code {code:02}")]
    UnknownProvince {
        /// The first two digits.
        code: u8,
    },
    /// Digits 7-14 are not a calendar date.
    #[error("birth date is not a real date")]
    InvalidBirthDate,
    /// The birth date is before 1900.
    #[error("birth date is before 1900")]
    BirthDateTooEarly,
    /// The birth date is after today.
    #[error("birth date is in the future")]
    BirthDateInFuture,
    /// The check character does not match the other 17.
    #[error("check character does not match")]
    CheckDigitMismatch,
    /// The first six digits are in no list of division codes.
    #[error("area code {code} is not a division code")]
    UnknownDivision {
        /// The six digits.
        code: String,
    },
    /// The first six digits name a division abolished before the birth year.
    #[error("area code {code} was abolished in {year}, before the birth year")]
    DivisionAbolished {
        /// The six digits.
        code: String,
        /// The year it was abolished.
        year: u16,
    },
}

impl Localized for IdCardError {
    fn code(&self) -> &'static str {
        match self {
            IdCardError::Empty => "id_card.empty",
            IdCardError::WrongLength { .. } => "id_card.length",
            IdCardError::FirstGeneration => "id_card.first_generation",
            IdCardError::BadCharacter { .. } => "id_card.character",
            IdCardError::UnknownProvince { .. } => "id_card.province",
            IdCardError::InvalidBirthDate => "id_card.birth_date",
            IdCardError::BirthDateTooEarly => "id_card.birth_date_too_early",
            IdCardError::BirthDateInFuture => "id_card.birth_date_future",
            IdCardError::CheckDigitMismatch => "id_card.check_digit",
            IdCardError::UnknownDivision { .. } => "id_card.division_unknown",
            IdCardError::DivisionAbolished { .. } => "id_card.division_abolished",
        }
    }

    fn message(&self, lang: Lang) -> String {
        // One call of `tr_args` for every variant with values: the browser carries one.
        let (first, second) = match self {
            IdCardError::WrongLength { found } => (found.to_string(), String::new()),
            IdCardError::BadCharacter { position, found } => {
                (position.to_string(), found.to_string())
            }
            IdCardError::UnknownProvince { code } => (format!("{code:02}"), String::new()),
            IdCardError::UnknownDivision { code } => (code.clone(), String::new()),
            IdCardError::DivisionAbolished { code, year } => (code.clone(), year.to_string()),
            _ => return tr(lang, self.code()).to_owned(),
        };
        let (one, two) = match self {
            IdCardError::WrongLength { .. } => ("found", ""),
            IdCardError::BadCharacter { .. } => ("position", "found"),
            IdCardError::DivisionAbolished { .. } => ("code", "year"),
            _ => ("code", ""),
        };
        tr_args(lang, self.code(), &[(one, &first), (two, &second)])
    }
}

/// Validates a 居民身份证号码 (or a number made like one, see the module documentation) and
/// returns its parts, without the check of the place: [`id_card_with`] with no table.
pub fn id_card(input: &str, today: NaiveDate) -> Result<IdCard, IdCardError> {
    id_card_with(input, today, None)
}

/// Validates an identity number and, given the division codes, its place.
///
/// Spaces, zero-width characters, hyphens and dashes are ignored, full-width digits accepted and
/// a lowercase `x` check character upper-cased. `today` is the caller's date, used to refuse
/// birth dates in the future. Checks run from the coarsest to the finest so the reason given is
/// the most useful one: length, characters, province, birth date, the check character, then
/// the place (its 6-digit code against `divisions` for the birth year, see
/// [`DivisionCodes::place`]). Without `divisions` (the browser before it has loaded them) the
/// place is left to the server, which always has them.
pub fn id_card_with(
    input: &str,
    today: NaiveDate,
    divisions: Option<&DivisionCodes>,
) -> Result<IdCard, IdCardError> {
    let mut chars: Vec<char> = compact_code(input).chars().collect();
    if chars.is_empty() {
        return Err(IdCardError::Empty);
    }
    if chars.len() == 15 && chars.iter().all(char::is_ascii_digit) {
        return Err(IdCardError::FirstGeneration);
    }
    if chars.len() != LENGTH {
        return Err(IdCardError::WrongLength { found: chars.len() });
    }
    if chars[LENGTH - 1] == 'x' {
        chars[LENGTH - 1] = 'X';
    }
    let mut digits = [0u32; LENGTH - 1];
    for (index, &c) in chars.iter().enumerate() {
        let valid = if index < LENGTH - 1 {
            c.is_ascii_digit()
        } else {
            c.is_ascii_digit() || c == 'X'
        };
        if !valid {
            return Err(IdCardError::BadCharacter {
                position: index + 1,
                found: c,
            });
        }
        if let (Some(slot), Some(value)) = (digits.get_mut(index), c.to_digit(10)) {
            *slot = value;
        }
    }

    let number_at = |from: usize, to: usize| digits[from..to].iter().fold(0u32, |n, d| n * 10 + d);
    let (kind, province_code) = if digits[0] == 9 {
        // The issuing place of a permanent residence card: a mainland province.
        let code = number_at(1, 3) as u8;
        if !is_province_code(code) || code > 65 {
            return Err(IdCardError::UnknownProvince { code });
        }
        (IdKind::ForeignPermanentResident, code)
    } else {
        let code = number_at(0, 2) as u8;
        if !is_province_code(code) && code != 83 {
            return Err(IdCardError::UnknownProvince { code });
        }
        (IdKind::Resident, code)
    };

    let year = number_at(6, 10) as i32;
    let birth_date = NaiveDate::from_ymd_opt(year, number_at(10, 12), number_at(12, 14))
        .ok_or(IdCardError::InvalidBirthDate)?;
    if year < EARLIEST_BIRTH_YEAR {
        return Err(IdCardError::BirthDateTooEarly);
    }
    if birth_date > today {
        return Err(IdCardError::BirthDateInFuture);
    }

    if chars[LENGTH - 1] != id_card_check_char(&digits) {
        return Err(IdCardError::CheckDigitMismatch);
    }

    let division_code: String = chars[..6].iter().collect();
    if let (IdKind::Resident, Some(divisions)) = (kind, divisions) {
        match divisions.place(number_at(0, 6), year) {
            Place::InUse => {}
            Place::Unknown => {
                return Err(IdCardError::UnknownDivision {
                    code: division_code,
                });
            }
            Place::Abolished { year } => {
                return Err(IdCardError::DivisionAbolished {
                    code: division_code,
                    year,
                });
            }
        }
    }

    Ok(IdCard {
        number: chars.iter().collect(),
        kind,
        division_code,
        province_code,
        birth_date,
        sex: if digits[16] % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        },
    })
}

/// The check character for 17 body digits (each 0-9).
fn id_card_check_char(digits: &[u32; LENGTH - 1]) -> char {
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    char::from(CHECK_CHARS[(sum % 11) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    /// Hand-checked examples. 11010519491231002X is the example of GB 11643-1999 itself;
    /// the others were checked by hand against the weights (see the sums in the comments).
    const VALID: &[(&str, &str, Sex)] = &[
        // GB 11643-1999 example: sum = 167, 167 mod 11 = 2 -> 'X'; 17th digit 2 -> female.
        ("11010519491231002X", "1949-12-31", Sex::Female),
        // 440524188001010014: sum = 195, mod 11 = 8 -> '4'; male (born before 1900, refused).
        ("440524188001010014", "1880-01-01", Sex::Male),
        // A Hangzhou number: sum = 81, mod 11 = 4 -> '8'; 17th digit 1 -> male.
        ("330102200001010018", "2000-01-01", Sex::Male),
        // Born "today" (2026-03-01): sum = 109, mod 11 = 10 -> '2'; 17th digit 1 -> male.
        ("110105202603010012", "2026-03-01", Sex::Male),
    ];

    #[test]
    fn standard_example_is_valid() {
        let card = id_card("11010519491231002X", today()).unwrap();
        assert_eq!(card.number, "11010519491231002X");
        assert_eq!(card.division_code, "110105");
        assert_eq!(card.province_code, 11);
        assert_eq!(
            card.birth_date,
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert_eq!(card.sex, Sex::Female);
    }

    #[test]
    fn normalises_what_is_unambiguous() {
        for input in [
            "11010519491231002x",
            " 110105 19491231 002X ",
            "１１０１０５１９４９１２３１００２Ｘ",
            "１１０１０５\u{3000}１９４９１２３１\u{3000}００２ｘ",
        ] {
            assert_eq!(
                id_card(input, today()).unwrap().number,
                "11010519491231002X",
                "{input}"
            );
        }
    }

    #[test]
    fn hand_checked_samples() {
        for (number, birth, sex) in VALID {
            match id_card(number, today()) {
                // 1880 is before the service's earliest year: only the standard's old example.
                Err(IdCardError::BirthDateTooEarly) => assert!(birth.starts_with("18")),
                Ok(card) => {
                    assert_eq!(card.birth_date.to_string(), *birth);
                    assert_eq!(card.sex, *sex);
                }
                Err(other) => panic!("{number}: {other:?}"),
            }
        }
    }

    #[test]
    fn distinct_errors() {
        let cases: &[(&str, IdCardError)] = &[
            ("", IdCardError::Empty),
            ("   ", IdCardError::Empty),
            ("11010519491231002", IdCardError::WrongLength { found: 17 }),
            (
                "110105194912310021X",
                IdCardError::WrongLength { found: 19 },
            ),
            (
                "110105194912310X2X",
                IdCardError::BadCharacter {
                    position: 16,
                    found: 'X',
                },
            ),
            (
                "11010519491231002Y",
                IdCardError::BadCharacter {
                    position: 18,
                    found: 'Y',
                },
            ),
            (
                "99010519491231002X",
                IdCardError::UnknownProvince { code: 90 },
            ),
            (
                "89010519491231002X",
                IdCardError::UnknownProvince { code: 89 },
            ),
            ("110105491231002", IdCardError::FirstGeneration),
            ("11010549123100", IdCardError::WrongLength { found: 14 }),
            ("11010549123100X", IdCardError::WrongLength { found: 15 }),
            (
                "10010519491231002X",
                IdCardError::UnknownProvince { code: 10 },
            ),
            ("11010519490231002X", IdCardError::InvalidBirthDate),
            ("11010519491301002X", IdCardError::InvalidBirthDate),
            ("11010518991231002X", IdCardError::BirthDateTooEarly),
            ("11010520270101002X", IdCardError::BirthDateInFuture),
            ("110105194912310021", IdCardError::CheckDigitMismatch),
            ("11010519491231003X", IdCardError::CheckDigitMismatch),
        ];
        for (input, expected) in cases {
            assert_eq!(id_card(input, today()).as_ref(), Err(expected), "{input}");
        }
    }

    #[test]
    fn hyphens_dashes_and_zero_width_characters_are_ignored() {
        for input in [
            "110105-19491231-002X",
            "110105\u{2014}19491231\u{2013}002x",
            "\u{FEFF}110105\u{200B}19491231\u{200D}002X\u{2060}",
            "１１０１０５－１９４９１２３１－００２Ｘ",
        ] {
            assert_eq!(
                id_card(input, today()).map(|c| c.number).as_deref(),
                Ok("11010519491231002X"),
                "{input}"
            );
        }
    }

    #[test]
    fn a_first_generation_number_is_told_so() {
        let error = id_card("110105 491231 002", today()).unwrap_err();
        assert_eq!(error, IdCardError::FirstGeneration);
        assert_eq!(
            error.message(Lang::Zh),
            "第一代身份证已停止使用，请填写18位号码。"
        );
        assert!(error.message(Lang::En).contains("18-digit"));
    }

    #[test]
    fn foreign_permanent_residence_card_2023() {
        // 9, issued in Beijing (11), nationality 840, born 1980-01-01, sequence 123 (male).
        let card = id_card("911840198001011235", today()).unwrap();
        assert_eq!(card.kind, IdKind::ForeignPermanentResident);
        assert_eq!(card.province_code, 11);
        assert_eq!(card.birth_date.to_string(), "1980-01-01");
        assert_eq!(card.sex, Sex::Male);
        assert_eq!(
            id_card("911840198001011243", today()).unwrap().sex,
            Sex::Female
        );
        // The place table does not apply to it: its digits 4-6 are a nationality.
        let divisions = DivisionCodes::embedded().unwrap();
        assert!(id_card_with("911840198001011235", today(), Some(&divisions)).is_ok());
        // The same MOD 11-2 check.
        assert_eq!(
            id_card("911840198001011236", today()),
            Err(IdCardError::CheckDigitMismatch)
        );
        // Digits 2-3 must be a mainland province: 90, 10 and 81 (Hong Kong) are not.
        for (number, code) in [
            ("990840198001011239", 90),
            ("910840198001011234", 10),
            ("981840198001011238", 81),
        ] {
            assert_eq!(
                id_card(number, today()),
                Err(IdCardError::UnknownProvince { code }),
                "{number}"
            );
        }
    }

    #[test]
    fn the_place_is_checked_against_the_division_codes() {
        let divisions = DivisionCodes::embedded().unwrap();
        let check = |number: &str| id_card_with(number, today(), Some(&divisions));
        // The standard's example, 北京市朝阳区.
        assert!(check("11010519491231002X").is_ok());
        // 110199 never named a place; the check character is right, so it is not a typo.
        let error = check("110199199001010010").unwrap_err();
        assert_eq!(
            error,
            IdCardError::UnknownDivision {
                code: "110199".into()
            }
        );
        assert_eq!(
            error.message(Lang::Zh),
            "前6位地区码110199不是有效的行政区划代码，请核对号码。"
        );
        assert!(error.message(Lang::En).contains("110199"));
        assert_eq!(error.code(), "id_card.division_unknown");
        // Without the table (the browser before it has loaded it) it passes; the server checks.
        assert!(id_card("110199199001010010", today()).is_ok());
        // 崇文区 (110103) was abolished in 2010: born in 2010, fine; in 2012, not.
        assert!(check("110103201001010026").is_ok());
        let error = check("110103201201010020").unwrap_err();
        assert_eq!(
            error,
            IdCardError::DivisionAbolished {
                code: "110103".into(),
                year: 2010
            }
        );
        assert!(error.message(Lang::Zh).contains("2010"));
        // 延庆区 (110119) exists since 2015; a person born in 1980 may carry it.
        assert!(check("110119198001010030").is_ok());
        // Prefecture-level codes and the residence permits' codes are in the table.
        assert!(check("440300199001010016").is_ok());
        assert!(check("830000199001010012").is_ok());
        // A typo is still reported as a typo, not as a place.
        assert_eq!(
            check("110199199001010011"),
            Err(IdCardError::CheckDigitMismatch)
        );
    }

    #[test]
    fn birth_today_is_accepted_tomorrow_is_not() {
        // The date is checked before the check character, so tomorrow fails as "future"
        // whatever the last character is.
        assert_eq!(
            id_card("110105202603020010", today()),
            Err(IdCardError::BirthDateInFuture)
        );
        assert!(id_card("110105202603010012", today()).is_ok());
    }

    #[test]
    fn messages_come_from_the_table() {
        let error = IdCardError::WrongLength { found: 17 };
        assert!(error.message(Lang::Zh).contains("17"));
        assert!(error.message(Lang::En).contains("17"));
        assert_ne!(error.message(Lang::Zh), error.code());
        assert_eq!(
            IdCardError::CheckDigitMismatch.code(),
            "id_card.check_digit"
        );
    }

    proptest! {
        /// GB 11643's check detects every single substitution: any one changed character of a
        /// valid number is rejected (for one reason or another).
        #[test]
        fn any_single_change_is_rejected(position in 0usize..18, replacement in "[0-9X]") {
            let valid = "11010519491231002X";
            let replacement = replacement.chars().next().unwrap();
            let original = valid.chars().nth(position).unwrap();
            prop_assume!(replacement != original);
            let changed: String = valid
                .chars()
                .enumerate()
                .map(|(i, c)| if i == position { replacement } else { c })
                .collect();
            prop_assert!(id_card(&changed, today()).is_err(), "{} accepted", changed);
        }
    }
}
