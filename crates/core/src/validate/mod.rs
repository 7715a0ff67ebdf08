//! Validators for what citizens type into forms.
//!
//! Each validator takes the raw text, normalises what is unambiguous — full-width digits and
//! letters typed with a Chinese input method (`１２３`, `Ｘ`), spaces, a lowercase `x` as the
//! ID check character, lowercase letters in a credit code — and returns either the normalised
//! value, broken into its parts, or one specific reason a person can act on. Each error has a
//! stable [`code`](crate::i18n::Localized::code) and a [`message`](crate::i18n::Localized::message)
//! from the string table.
//!
//! | validator | standard |
//! | --- | --- |
//! | [`id_card`] | 居民身份证号码, GB 11643-1999 (ISO 7064 MOD 11-2) |
//! | [`credit_code`] | 统一社会信用代码, GB 32100-2015, with the embedded GB 11714 organisation code |
//! | [`mobile`], [`landline`] | Chinese mobile and fixed-line numbers |
//! | [`postal_code`] | 邮政编码 |
//! | [`email`] | a pragmatic e-mail check |
//!
//! Nothing here reads the clock: [`id_card`] takes "today" from the caller so the browser and
//! the server agree.

mod contact;
mod credit_code;
mod id_card;

pub use contact::{
    EmailAddress, EmailError, Landline, LandlineError, MobileError, MobileNumber, PostalCode,
    PostalCodeError, email, landline, mobile, postal_code,
};
pub use credit_code::{
    CreditCode, CreditCodeError, EntityType, RegistrationAuthority, credit_code,
    organisation_code_check_char,
};
pub use id_card::{IdCard, IdCardError, Sex, id_card};

/// Maps full-width ASCII forms (U+FF01–U+FF5E, typed by Chinese input methods) and the
/// ideographic space to their ASCII equivalents; other characters are returned unchanged.
pub(crate) fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Half-width characters with all whitespace removed: the common first step for codes that
/// people copy with spaces or type in groups.
pub(crate) fn compact(input: &str) -> String {
    input
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect()
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
