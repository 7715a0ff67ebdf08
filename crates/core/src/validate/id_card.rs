//! 居民身份证号码 (citizen identity number), GB 11643-1999.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{compact, is_province_code};
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

/// A valid identity number and what it encodes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IdCard {
    /// The 18 characters, ASCII, check character `X` in upper case.
    pub number: String,
    /// The 6-digit administrative division code of the place of first registration.
    pub division_code: String,
    /// The first two digits of the division code (11 = Beijing, …).
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
}

impl Localized for IdCardError {
    fn code(&self) -> &'static str {
        match self {
            IdCardError::Empty => "id_card.empty",
            IdCardError::WrongLength { .. } => "id_card.length",
            IdCardError::BadCharacter { .. } => "id_card.character",
            IdCardError::UnknownProvince { .. } => "id_card.province",
            IdCardError::InvalidBirthDate => "id_card.birth_date",
            IdCardError::BirthDateTooEarly => "id_card.birth_date_too_early",
            IdCardError::BirthDateInFuture => "id_card.birth_date_future",
            IdCardError::CheckDigitMismatch => "id_card.check_digit",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            IdCardError::WrongLength { found } => {
                tr_args(lang, self.code(), &[("found", &found.to_string())])
            }
            IdCardError::BadCharacter { position, found } => tr_args(
                lang,
                self.code(),
                &[
                    ("position", &position.to_string()),
                    ("found", &found.to_string()),
                ],
            ),
            IdCardError::UnknownProvince { code } => {
                tr_args(lang, self.code(), &[("code", &format!("{code:02}"))])
            }
            _ => tr(lang, self.code()).to_owned(),
        }
    }
}

/// Validates a 居民身份证号码 and returns its parts.
///
/// Spaces (also full-width ones) are ignored, full-width digits accepted and a lowercase `x`
/// check character upper-cased. `today` is the caller's date, used to refuse birth dates in the
/// future. Checks run from the coarsest to the finest so the reason given is the most useful one:
/// length, characters, province, birth date, then the check character.
///
/// Besides the province-level codes of GB/T 2260, `83` is accepted: the residence permits of
/// Taiwan residents (台湾居民居住证, 2018) carry numbers of this format starting with 830000,
/// as those of Hong Kong and Macao residents start with 810000 and 820000.
pub fn id_card(input: &str, today: NaiveDate) -> Result<IdCard, IdCardError> {
    let mut chars: Vec<char> = compact(input).chars().collect();
    if chars.is_empty() {
        return Err(IdCardError::Empty);
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

    let province_code = (digits[0] * 10 + digits[1]) as u8;
    if !is_province_code(province_code) && province_code != 83 {
        return Err(IdCardError::UnknownProvince {
            code: province_code,
        });
    }

    let number_at = |from: usize, to: usize| digits[from..to].iter().fold(0u32, |n, d| n * 10 + d);
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

    Ok(IdCard {
        number: chars.iter().collect(),
        division_code: chars[..6].iter().collect(),
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
                IdCardError::UnknownProvince { code: 99 },
            ),
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
