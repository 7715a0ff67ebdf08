//! Validators for what citizens type into forms.
//!
//! Each validator takes the raw text, normalises what is unambiguous — full-width digits and
//! letters typed with a Chinese input method (`１２３`, `Ｘ`), spaces and zero-width characters
//! (U+200B–U+200D, U+2060, U+FEFF, which copying from web pages and chat apps leaves behind),
//! hyphens and dashes in an ID number or a credit code (`91350100-M000100Y4-3`), a lowercase
//! `x` as the ID check character, lowercase letters in a credit code — and returns either the normalised
//! value, broken into its parts, or one specific reason a person can act on. Each error has a
//! stable [`code`](crate::i18n::Localized::code) and a [`message`](crate::i18n::Localized::message)
//! from the string table.
//!
//! | validator | standard |
//! | --- | --- |
//! | [`id_card`] | 居民身份证号码, GB 11643-1999 (ISO 7064 MOD 11-2); the 2023 外国人永久居留身份证 |
//! | [`id_card_with`] | the same, and the place: GB/T 2260 division codes with their years ([`DivisionCodes`]) |
//! | [`credit_code`] | 统一社会信用代码, GB 32100-2015, with the embedded GB 11714 organisation code |
//! | [`mobile`], [`landline`] | Chinese mobile and fixed-line numbers |
//! | [`postal_code`] | 邮政编码 |
//! | [`email`] | a pragmatic e-mail check |
//!
//! Nothing here reads the clock: [`id_card`] takes "today" from the caller so the browser and
//! the server agree.

mod contact;
mod credit_code;
mod division;
mod id_card;

pub use contact::{
    EmailAddress, EmailError, Landline, LandlineError, MobileError, MobileNumber, PostalCode,
    PostalCodeError, email, landline, mobile, postal_code,
};
pub use credit_code::{
    CreditCode, CreditCodeError, EntityType, RegistrationAuthority, credit_code,
    organisation_code_check_char,
};
pub use division::{DivisionCodes, DivisionFileError, EMBEDDED as EMBEDDED_DIVISIONS, Place};
pub use id_card::{IdCard, IdCardError, IdKind, Sex, id_card, id_card_with};

/// Maps full-width ASCII forms (U+FF01–U+FF5E, typed by Chinese input methods) and the
/// ideographic space to their ASCII equivalents; other characters are returned unchanged.
pub(crate) fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Half-width characters with all whitespace and zero-width characters removed: the common
/// first step for what people copy with spaces or type in groups.
pub(crate) fn compact(input: &str) -> String {
    compact_dropping(input, false)
}

/// [`compact`], and without hyphens and dashes: for identity numbers and credit codes, which
/// have none of their own but are often printed or typed in dash-separated groups.
pub(crate) fn compact_code(input: &str) -> String {
    compact_dropping(input, true)
}

/// One function for both (the browser's bundle carries one copy of the loop).
fn compact_dropping(input: &str, dashes: bool) -> String {
    input
        .chars()
        .map(half_width)
        .filter(|&c| !(c.is_whitespace() || is_zero_width(c) || (dashes && is_dash(c))))
        .collect()
}

/// Zero-width space, non-joiner, joiner, word joiner, byte order mark.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// The hyphen-minus, the soft hyphen, the Unicode hyphens and dashes (U+2010–U+2015), the
/// minus sign, the small and full-width forms (the full-width one is already `-` after
/// [`half_width`]) and the two- and three-em dashes.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{00AD}' | '\u{2010}'
            ..='\u{2015}' | '\u{2212}' | '\u{2E3A}' | '\u{2E3B}' | '\u{FE58}' | '\u{FE63}'
    )
}

/// Whether the first two digits of a division code (GB/T 2260) name a province-level division:
/// 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71 (Taiwan), 81 (Hong Kong), 82 (Macao).
pub(crate) fn is_province_code(code: u8) -> bool {
    matches!(code, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81 | 82)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_become_ascii() {
        let converted: String = "１２３ＸｘＡ＠－＋".chars().map(half_width).collect();
        assert_eq!(converted, "123XxA@-+");
        assert_eq!(half_width('\u{3000}'), ' ');
        assert_eq!(half_width('中'), '中');
        assert_eq!(compact(" 1１ 0\u{3000}1\t"), "1101");
    }

    #[test]
    fn zero_width_characters_go_everywhere_dashes_only_in_codes() {
        let input = "\u{FEFF}11\u{200B}01\u{200C}-05\u{200D}\u{2060}";
        assert_eq!(compact(input), "1101-05");
        assert_eq!(compact_code(input), "110105");
        for dash in [
            '-', '\u{00AD}', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}',
            '\u{2015}', '\u{2212}', '\u{2E3A}', '\u{2E3B}', '\u{FE58}', '\u{FE63}', '\u{FF0D}',
        ] {
            assert_eq!(
                compact_code(&format!("91{dash}35")),
                "9135",
                "U+{:04X}",
                dash as u32
            );
        }
        // Dates and negative numbers keep their hyphens.
        assert_eq!(compact("2026-03-01"), "2026-03-01");
    }

    #[test]
    fn province_codes() {
        for code in [11, 15, 21, 23, 31, 37, 41, 46, 50, 54, 61, 65, 71, 81, 82] {
            assert!(is_province_code(code), "{code}");
        }
        for code in [
            0, 10, 16, 20, 24, 30, 38, 40, 47, 49, 55, 60, 66, 70, 72, 80, 83, 99,
        ] {
            assert!(!is_province_code(code), "{code}");
        }
    }
}
