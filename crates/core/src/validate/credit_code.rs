//! 统一社会信用代码 (unified social credit code), GB 32100-2015.
//!
//! Layout: 1 registration authority code, 1 entity type code, 6 division code (GB/T 2260),
//! 9 organisation code (GB 11714, with its own check character), 1 check character.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{compact_code, is_province_code};
use crate::i18n::{Lang, Localized, lookup, tr, tr_args};

/// The 31 characters of the code, in value order (no I, O, S, V, Z).
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of the 17 body characters (3^i mod 31).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
/// Weights of the 8 body characters of a GB 11714 organisation code.
const ORGANISATION_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
/// Length of a credit code.
const LENGTH: usize = 18;

/// 登记管理部门: the authority that registered the entity (first character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationAuthority {
    /// `1` 机构编制
    Establishment,
    /// `2` 外交
    ForeignAffairs,
    /// `3` 司法行政
    Justice,
    /// `4` 文化
    Culture,
    /// `5` 民政
    CivilAffairs,
    /// `6` 旅游
    Tourism,
    /// `7` 宗教
    Religion,
    /// `8` 工会
    TradeUnion,
    /// `9` 工商 (market regulation)
    IndustryAndCommerce,
    /// `A` 中央军委改革和编制办公室
    MilitaryEstablishment,
    /// `N` 农业 (rural collective economic organisations)
    Agriculture,
    /// `Y` 其他
    Other,
}

/// Registration authorities with their code and the entity type codes valid for each, as in
/// GB 32100-2015 and its later additions (A, N). A new combination is added here.
const AUTHORITIES: &[(char, RegistrationAuthority, &[char])] = &[
    (
        '1',
        RegistrationAuthority::Establishment,
        &['1', '2', '3', '9'],
    ),
    ('2', RegistrationAuthority::ForeignAffairs, &['1', '9']),
    (
        '3',
        RegistrationAuthority::Justice,
        &['1', '2', '3', '4', '5', '9'],
    ),
    ('4', RegistrationAuthority::Culture, &['1', '9']),
    (
        '5',
        RegistrationAuthority::CivilAffairs,
        &['1', '2', '3', '9'],
    ),
    ('6', RegistrationAuthority::Tourism, &['1', '2', '9']),
    ('7', RegistrationAuthority::Religion, &['1', '2', '9']),
    ('8', RegistrationAuthority::TradeUnion, &['1', '9']),
    (
        '9',
        RegistrationAuthority::IndustryAndCommerce,
        &['1', '2', '3'],
    ),
    (
        'A',
        RegistrationAuthority::MilitaryEstablishment,
        &['1', '9'],
    ),
    (
        'N',
        RegistrationAuthority::Agriculture,
        &['1', '2', '3', '9'],
    ),
    ('Y', RegistrationAuthority::Other, &['1']),
];

impl RegistrationAuthority {
    /// The code character (`'9'` for 工商).
    pub fn code(self) -> char {
        AUTHORITIES
            .iter()
            .find(|(_, authority, _)| *authority == self)
            .map_or('Y', |(code, _, _)| *code)
    }

    /// The authority for a code character, if any.
    pub fn from_code(code: char) -> Option<Self> {
        AUTHORITIES
            .iter()
            .find(|(c, _, _)| *c == code)
            .map(|(_, authority, _)| *authority)
    }

    /// The entity type codes this authority uses.
    pub fn entity_type_codes(self) -> &'static [char] {
        AUTHORITIES
            .iter()
            .find(|(_, authority, _)| *authority == self)
            .map_or(&[], |(_, _, types)| types)
    }

    /// "工商" / "Industry and commerce", from the string table.
    pub fn label(self, lang: Lang) -> &'static str {
        let key = match self {
            RegistrationAuthority::Establishment => "credit_code.authority.1",
            RegistrationAuthority::ForeignAffairs => "credit_code.authority.2",
            RegistrationAuthority::Justice => "credit_code.authority.3",
            RegistrationAuthority::Culture => "credit_code.authority.4",
            RegistrationAuthority::CivilAffairs => "credit_code.authority.5",
            RegistrationAuthority::Tourism => "credit_code.authority.6",
            RegistrationAuthority::Religion => "credit_code.authority.7",
            RegistrationAuthority::TradeUnion => "credit_code.authority.8",
            RegistrationAuthority::IndustryAndCommerce => "credit_code.authority.9",
            RegistrationAuthority::MilitaryEstablishment => "credit_code.authority.a",
            RegistrationAuthority::Agriculture => "credit_code.authority.n",
            RegistrationAuthority::Other => "credit_code.authority.y",
        };
        tr(lang, key)
    }
}

/// 机构类别: the entity type (second character), meaningful with its authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EntityType {
    /// The registration authority.
    pub authority: RegistrationAuthority,
    /// The type code character, e.g. `'2'` for 个体工商户 under 工商.
    pub code: char,
}

impl EntityType {
    /// "企业" / "Enterprise", from the string table (keys `credit_code.entity.<authority>.<type>`).
    pub fn label(self, lang: Lang) -> String {
        let key = format!(
            "credit_code.entity.{}.{}",
            self.authority.code().to_ascii_lowercase(),
            self.code.to_ascii_lowercase()
        );
        lookup(lang, &key).map_or(key, str::to_owned)
    }
}

/// A valid credit code and its parts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CreditCode {
    /// The 18 characters, ASCII upper case.
    pub code: String,
    /// Registration authority and entity type.
    pub entity_type: EntityType,
    /// The 6-digit division code of the registering authority.
    pub division_code: String,
    /// The 9-character GB 11714 organisation code (主体标识码), check character included.
    pub organisation_code: String,
}

impl CreditCode {
    /// The registration authority.
    pub fn authority(&self) -> RegistrationAuthority {
        self.entity_type.authority
    }
}

/// Why a text is not a valid credit code.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CreditCodeError {
    /// Nothing was entered.
    #[error("credit code is empty")]
    Empty,
    /// Not 18 characters (after removing spaces).
    #[error("credit code has {found} characters, expected 18")]
    WrongLength {
        /// How many characters were entered.
        found: usize,
    },
    /// One of the letters I, O, S, V, Z, which the code never uses (often 1, 0, 5, U, 2 misread).
    #[error("letter {found} at position {position} is never used in credit codes")]
    ExcludedLetter {
        /// 1-based position.
        position: usize,
        /// The letter.
        found: char,
    },
    /// Any other character outside the code's alphabet.
    #[error("character {found:?} at position {position} is not allowed")]
    BadCharacter {
        /// 1-based position.
        position: usize,
        /// The character.
        found: char,
    },
    /// The first character is not a registration authority.
    #[error("unknown registration authority {found}")]
    UnknownAuthority {
        /// The first character.
        found: char,
    },
    /// The second character is not an entity type of that authority.
    #[error("entity type {found} is not used by registration authority {authority}")]
    UnknownEntityType {
        /// The first character.
        authority: char,
        /// The second character.
        found: char,
    },
    /// Characters 3-8 are not a plausible division code.
    #[error("division code {found} is not plausible")]
    BadDivision {
        /// Characters 3-8.
        found: String,
    },
    /// The embedded organisation code (characters 9-17) fails its own GB 11714 check.
    #[error("embedded organisation code does not check")]
    OrganisationCodeMismatch,
    /// The last character does not match the other 17.
    #[error("check character does not match")]
    CheckCharMismatch,
}

impl Localized for CreditCodeError {
    fn code(&self) -> &'static str {
        match self {
            CreditCodeError::Empty => "credit_code.empty",
            CreditCodeError::WrongLength { .. } => "credit_code.length",
            CreditCodeError::ExcludedLetter { .. } => "credit_code.excluded_letter",
            CreditCodeError::BadCharacter { .. } => "credit_code.character",
            CreditCodeError::UnknownAuthority { .. } => "credit_code.authority",
            CreditCodeError::UnknownEntityType { .. } => "credit_code.entity_type",
            CreditCodeError::BadDivision { .. } => "credit_code.division",
            CreditCodeError::OrganisationCodeMismatch => "credit_code.organisation_code",
            CreditCodeError::CheckCharMismatch => "credit_code.check_char",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            CreditCodeError::WrongLength { found } => {
                tr_args(lang, self.code(), &[("found", &found.to_string())])
            }
            CreditCodeError::ExcludedLetter { position, found }
            | CreditCodeError::BadCharacter { position, found } => tr_args(
                lang,
                self.code(),
                &[
                    ("position", &position.to_string()),
                    ("found", &found.to_string()),
                ],
            ),
            CreditCodeError::UnknownAuthority { found } => {
                tr_args(lang, self.code(), &[("found", &found.to_string())])
            }
            CreditCodeError::UnknownEntityType { authority, found } => tr_args(
                lang,
                self.code(),
                &[
                    ("authority", &authority.to_string()),
                    ("found", &found.to_string()),
                ],
            ),
            CreditCodeError::BadDivision { found } => {
                tr_args(lang, self.code(), &[("found", found)])
            }
            CreditCodeError::Empty
            | CreditCodeError::OrganisationCodeMismatch
            | CreditCodeError::CheckCharMismatch => tr(lang, self.code()).to_owned(),
        }
    }
}

/// The value of a character in the credit code alphabet.
fn alphabet_value(c: char) -> Option<u32> {
    ALPHABET
        .iter()
        .position(|&a| char::from(a) == c)
        .map(|v| v as u32)
}

/// GB 11714 check character for the first 8 characters of an organisation code
/// (digits 0-9, letters A=10 … Z=35). Returns `None` if a character is not a digit or an
/// upper-case ASCII letter.
pub fn organisation_code_check_char(body: &[char; 8]) -> Option<char> {
    let mut sum = 0;
    for (&c, weight) in body.iter().zip(ORGANISATION_WEIGHTS) {
        let value = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            _ => return None,
        };
        sum += value * weight;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        digit => char::from_digit(digit, 10)?,
    })
}

/// Validates a 统一社会信用代码 and returns its parts.
///
/// Spaces, zero-width characters, hyphens and dashes are ignored, full-width and lower-case
/// letters accepted. Checks run in order: length, alphabet, registration authority, entity type, division code (its first two digits must be a
/// province, or `10` for bodies registered at national level, e.g. `100000`), embedded
/// organisation code, check character.
pub fn credit_code(input: &str) -> Result<CreditCode, CreditCodeError> {
    let chars: Vec<char> = compact_code(input)
        .chars()
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if chars.is_empty() {
        return Err(CreditCodeError::Empty);
    }
    if chars.len() != LENGTH {
        return Err(CreditCodeError::WrongLength { found: chars.len() });
    }
    let mut values = [0u32; LENGTH];
    for (index, &c) in chars.iter().enumerate() {
        let position = index + 1;
        values[index] = match alphabet_value(c) {
            Some(value) => value,
            None if matches!(c, 'I' | 'O' | 'S' | 'V' | 'Z') => {
                return Err(CreditCodeError::ExcludedLetter { position, found: c });
            }
            None => return Err(CreditCodeError::BadCharacter { position, found: c }),
        };
    }

    let authority = RegistrationAuthority::from_code(chars[0])
        .ok_or(CreditCodeError::UnknownAuthority { found: chars[0] })?;
    if !authority.entity_type_codes().contains(&chars[1]) {
        return Err(CreditCodeError::UnknownEntityType {
            authority: chars[0],
            found: chars[1],
        });
    }

    let division: String = chars[2..8].iter().collect();
    let province = division.get(..2).and_then(|p| p.parse::<u8>().ok());
    let plausible = division.bytes().all(|b| b.is_ascii_digit())
        && province.is_some_and(|p| p == 10 || is_province_code(p));
    if !plausible {
        return Err(CreditCodeError::BadDivision { found: division });
    }

    let mut organisation_body = ['0'; 8];
    organisation_body.copy_from_slice(&chars[8..16]);
    if organisation_code_check_char(&organisation_body) != Some(chars[16]) {
        return Err(CreditCodeError::OrganisationCodeMismatch);
    }

    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    let expected = ALPHABET[((31 - sum % 31) % 31) as usize];
    if chars[17] != char::from(expected) {
        return Err(CreditCodeError::CheckCharMismatch);
    }

    Ok(CreditCode {
        code: chars.iter().collect(),
        entity_type: EntityType {
            authority,
            code: chars[1],
        },
        division_code: division,
        organisation_code: chars[8..17].iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A commonly cited valid code (Fuzhou). Hand check: organisation code M000100Y:
    /// 22·3 + 1·5 + 34·2 = 139, 139 mod 11 = 7, 11 - 7 = 4 → '4' ✓.
    const SAMPLE: &str = "91350100M000100Y43";

    #[test]
    fn cited_sample_is_valid() {
        let code = credit_code(SAMPLE).unwrap();
        assert_eq!(code.code, SAMPLE);
        assert_eq!(code.authority(), RegistrationAuthority::IndustryAndCommerce);
        assert_eq!(code.entity_type.code, '1');
        assert_eq!(code.entity_type.label(Lang::Zh), "企业");
        assert_eq!(code.division_code, "350100");
        assert_eq!(code.organisation_code, "M000100Y4");
    }

    #[test]
    fn hyphens_dashes_and_zero_width_characters_are_ignored() {
        for input in [
            "91350100-M000100Y4-3",
            "91350100\u{2014}M000100Y4\u{2013}3",
            "９１３５０１００－Ｍ０００１００Ｙ４－３",
            "\u{FEFF}91350100M000\u{200B}100Y43\u{2060}",
        ] {
            assert_eq!(
                credit_code(input).map(|c| c.code).as_deref(),
                Ok("91350100M000100Y43"),
                "{input}"
            );
        }
    }

    #[test]
    fn normalises_case_spaces_and_full_width() {
        for input in [
            "91350100m000100y43",
            " 9135 0100 M000 100Y 43 ",
            "９１３５０１００Ｍ０００１００Ｙ４３",
        ] {
            assert_eq!(credit_code(input).unwrap().code, SAMPLE, "{input}");
        }
    }

    #[test]
    fn distinct_errors() {
        let cases: &[(&str, CreditCodeError)] = &[
            ("", CreditCodeError::Empty),
            (
                "91350100M000100Y4",
                CreditCodeError::WrongLength { found: 17 },
            ),
            (
                "91350100M000100O43",
                CreditCodeError::ExcludedLetter {
                    position: 16,
                    found: 'O',
                },
            ),
            // A dash in place of a character is dropped, so the code is one short.
            (
                "91350100M000100-43",
                CreditCodeError::WrongLength { found: 17 },
            ),
            (
                "91350100M000100_43",
                CreditCodeError::BadCharacter {
                    position: 16,
                    found: '_',
                },
            ),
            (
                "B1350100M000100Y43",
                CreditCodeError::UnknownAuthority { found: 'B' },
            ),
            (
                "94350100M000100Y43",
                CreditCodeError::UnknownEntityType {
                    authority: '9',
                    found: '4',
                },
            ),
            (
                "Y2350100M000100Y43",
                CreditCodeError::UnknownEntityType {
                    authority: 'Y',
                    found: '2',
                },
            ),
            (
                "91990100M000100Y43",
                CreditCodeError::BadDivision {
                    found: "990100".into(),
                },
            ),
            (
                "9135A100M000100Y43",
                CreditCodeError::BadDivision {
                    found: "35A100".into(),
                },
            ),
            (
                "91350100M000100Y53",
                CreditCodeError::OrganisationCodeMismatch,
            ),
            ("91350100M000100Y44", CreditCodeError::CheckCharMismatch),
        ];
        for (input, expected) in cases {
            assert_eq!(credit_code(input).as_ref(), Err(expected), "{input}");
        }
    }

    #[test]
    fn organisation_code_check_examples() {
        // GB 11714 special values: remainder 1 gives 10 → X, remainder 0 gives 11 → 0.
        // "00000000": sum 0 → 11 - 0 = 11 → '0'.
        assert_eq!(organisation_code_check_char(&['0'; 8]), Some('0'));
        // "00000002": sum 4, 11 - 4 = 7.
        assert_eq!(
            organisation_code_check_char(&['0', '0', '0', '0', '0', '0', '0', '2']),
            Some('7')
        );
        // "00000100": 1·8 = 8, 11 - 8 = 3; "00001000": 1·5 = 5, 11 - 5 = 6;
        // "10000000": 3, 11 - 3 = 8; "00000006": 6·2 = 12, 12 mod 11 = 1, 11 - 1 = 10 → 'X'.
        let body = |s: &str| -> [char; 8] {
            let mut out = ['0'; 8];
            for (slot, c) in out.iter_mut().zip(s.chars()) {
                *slot = c;
            }
            out
        };
        assert_eq!(organisation_code_check_char(&body("00000100")), Some('3'));
        assert_eq!(organisation_code_check_char(&body("00001000")), Some('6'));
        assert_eq!(organisation_code_check_char(&body("10000000")), Some('8'));
        assert_eq!(organisation_code_check_char(&body("00000006")), Some('X'));
        assert_eq!(organisation_code_check_char(&body("0000000-")), None);
    }

    #[test]
    fn every_authority_code_round_trips_and_has_labels() {
        for (code, authority, types) in AUTHORITIES {
            assert_eq!(authority.code(), *code);
            assert_eq!(RegistrationAuthority::from_code(*code), Some(*authority));
            for lang in Lang::ALL {
                assert!(!authority.label(lang).starts_with("credit_code."), "{code}");
                for entity in *types {
                    let label = EntityType {
                        authority: *authority,
                        code: *entity,
                    }
                    .label(lang);
                    assert!(!label.starts_with("credit_code."), "missing label {label}");
                }
            }
        }
    }

    #[test]
    fn national_level_division_is_plausible() {
        // Division 100000 (national); build a code whose check characters are right:
        // organisation code 00000000 → '0'; check character computed by hand below.
        // Values: 1,1,1,0,0,0,0,0 then zeros: sum = 1·1 + 1·3 + 1·9 = 13; (31 - 13) = 18 → 'J'.
        let code = credit_code("11100000000000000J").unwrap();
        assert_eq!(code.division_code, "100000");
        assert_eq!(code.authority(), RegistrationAuthority::Establishment);
    }

    proptest! {
        /// GB 32100's check detects every single substitution within the alphabet.
        #[test]
        fn any_single_change_is_rejected(position in 0usize..18, replacement in 0usize..31) {
            let replacement = char::from(ALPHABET[replacement]);
            let original = SAMPLE.chars().nth(position).unwrap();
            prop_assume!(replacement != original);
            let changed: String = SAMPLE
                .chars()
                .enumerate()
                .map(|(i, c)| if i == position { replacement } else { c })
                .collect();
            prop_assert!(credit_code(&changed).is_err(), "{} accepted", changed);
        }
    }
}
