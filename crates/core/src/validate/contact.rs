//! Contact details: mobile and fixed-line numbers, postal codes, e-mail addresses.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::half_width;
use crate::i18n::{Lang, Localized, tr, tr_args};

/// Longest extension accepted, in digits.
const MAX_EXTENSION_DIGITS: usize = 6;

/// Half-width text with the separators people put in phone numbers removed: spaces, `-`,
/// parentheses (ASCII and full-width ones, already half-width here) and dots.
fn strip_phone_separators(input: &str) -> String {
    input
        .chars()
        .map(half_width)
        .filter(|c| !(c.is_whitespace() || matches!(c, '-' | '(' | ')' | '.')))
        .collect()
}

/// Removes a Chinese country prefix (`+86`, `0086`); `None` if another country's `+` prefix.
fn strip_country_prefix(number: &str) -> Option<&str> {
    if let Some(rest) = number
        .strip_prefix("+86")
        .or_else(|| number.strip_prefix("0086"))
    {
        Some(rest)
    } else if number.starts_with('+') {
        None
    } else {
        Some(number)
    }
}

/// The first non-digit character of `text` and its 1-based position, if any.
fn first_non_digit(text: &str) -> Option<(usize, char)> {
    text.chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_digit())
        .map(|(i, c)| (i + 1, c))
}

// ---------------------------------------------------------------------------------------------
// Mobile

/// A mainland mobile number: 11 digits, `1[3-9]…`, without country prefix or separators.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MobileNumber(String);

impl MobileNumber {
    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MobileNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a text is not a mobile number.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MobileError {
    /// Nothing was entered.
    #[error("mobile number is empty")]
    Empty,
    /// A `+` prefix for another country.
    #[error("not a mainland China number")]
    ForeignNumber,
    /// A character other than digits and separators.
    #[error("character {found:?} at position {position} is not allowed")]
    BadCharacter {
        /// 1-based position after removing separators and prefix.
        position: usize,
        /// The character.
        found: char,
    },
    /// Not 11 digits.
    #[error("mobile number has {found} digits, expected 11")]
    WrongLength {
        /// How many digits.
        found: usize,
    },
    /// 11 digits that don't start with 13-19.
    #[error("not a mobile number prefix")]
    NotMobile,
}

impl Localized for MobileError {
    fn code(&self) -> &'static str {
        match self {
            MobileError::Empty => "mobile.empty",
            MobileError::ForeignNumber => "mobile.foreign",
            MobileError::BadCharacter { .. } => "mobile.character",
            MobileError::WrongLength { .. } => "mobile.length",
            MobileError::NotMobile => "mobile.prefix",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            MobileError::BadCharacter { position, found } => tr_args(
                lang,
                self.code(),
                &[
                    ("position", &position.to_string()),
                    ("found", &found.to_string()),
                ],
            ),
            MobileError::WrongLength { found } => {
                tr_args(lang, self.code(), &[("found", &found.to_string())])
            }
            MobileError::Empty | MobileError::ForeignNumber | MobileError::NotMobile => {
                tr(lang, self.code()).to_owned()
            }
        }
    }
}

/// Validates a mainland mobile number.
///
/// Accepts separators (spaces, `-`, parentheses), full-width digits and a `+86`, `0086` or `86`
/// prefix (the bare `86` only when 13 digits are given, where it cannot be part of the number).
pub fn mobile(input: &str) -> Result<MobileNumber, MobileError> {
    let compacted = strip_phone_separators(input);
    if compacted.is_empty() {
        return Err(MobileError::Empty);
    }
    let mut number = strip_country_prefix(&compacted).ok_or(MobileError::ForeignNumber)?;
    if number.len() == 13 && number.starts_with("86") {
        number = &number[2..];
    }
    if let Some((position, found)) = first_non_digit(number) {
        return Err(MobileError::BadCharacter { position, found });
    }
    if number.len() != 11 {
        return Err(MobileError::WrongLength {
            found: number.len(),
        });
    }
    let bytes = number.as_bytes();
    if bytes[0] != b'1' || !(b'3'..=b'9').contains(&bytes[1]) {
        return Err(MobileError::NotMobile);
    }
    Ok(MobileNumber(number.to_owned()))
}

// ---------------------------------------------------------------------------------------------
// Landline

/// A fixed-line number with its area code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Landline {
    /// Area code with its leading 0: `"010"`, `"021"`, `"0571"`.
    pub area_code: String,
    /// The 7 or 8 digit local number.
    pub number: String,
    /// Extension digits (分机), if given.
    pub extension: Option<String>,
}

impl fmt::Display for Landline {
    /// `0571-88889999`, or `0571-88889999-123` with an extension.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.area_code, self.number)?;
        if let Some(extension) = &self.extension {
            write!(f, "-{extension}")?;
        }
        Ok(())
    }
}

/// Why a text is not a fixed-line number.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LandlineError {
    /// Nothing was entered.
    #[error("phone number is empty")]
    Empty,
    /// A `+` prefix for another country.
    #[error("not a mainland China number")]
    ForeignNumber,
    /// A character other than digits, separators and an extension marker.
    #[error("character {found:?} is not allowed")]
    BadCharacter {
        /// The character.
        found: char,
    },
    /// No area code (the number must start with 0).
    #[error("area code missing")]
    MissingAreaCode,
    /// The area code doesn't exist (e.g. `00…`, `011`) or has the wrong length.
    #[error("area code {found} is not valid")]
    BadAreaCode {
        /// What was taken as the area code.
        found: String,
    },
    /// The local number is not 7 or 8 digits starting with 2-9.
    #[error("local number {found} is not valid")]
    BadLocalNumber {
        /// What was taken as the local number.
        found: String,
    },
    /// The extension is not 1-6 digits.
    #[error("extension is not valid")]
    BadExtension,
}

impl Localized for LandlineError {
    fn code(&self) -> &'static str {
        match self {
            LandlineError::Empty => "landline.empty",
            LandlineError::ForeignNumber => "landline.foreign",
            LandlineError::BadCharacter { .. } => "landline.character",
            LandlineError::MissingAreaCode => "landline.missing_area_code",
            LandlineError::BadAreaCode { .. } => "landline.area_code",
            LandlineError::BadLocalNumber { .. } => "landline.local_number",
            LandlineError::BadExtension => "landline.extension",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            LandlineError::BadCharacter { found } => {
                tr_args(lang, self.code(), &[("found", &found.to_string())])
            }
            LandlineError::BadAreaCode { found } | LandlineError::BadLocalNumber { found } => {
                tr_args(lang, self.code(), &[("found", found)])
            }
            LandlineError::Empty
            | LandlineError::ForeignNumber
            | LandlineError::MissingAreaCode
            | LandlineError::BadExtension => tr(lang, self.code()).to_owned(),
        }
    }
}

/// Words people write before an extension, lower case.
const EXTENSION_MARKERS: &[&str] = &["转", "分机", "ext.", "ext", "x", "#"];

/// Validates a fixed-line number with area code.
///
/// The shape is `0` + area code + 7-8 digit local number, with `-`, spaces or parentheses as
/// separators (or none), and optionally an extension written after `转`, `分机`, `ext`, `x`, `#`
/// or as a third `-` group (`010-12345678-123`). `+86 10 1234 5678` (international form, no
/// leading 0) is accepted too.
///
/// The length of the area code is never ambiguous in China: `010` and `02x` are the only
/// three-character codes, all others are `0` + three digits. So a number typed without
/// separators is split correctly.
pub fn landline(input: &str) -> Result<Landline, LandlineError> {
    let text: String = input
        .chars()
        .map(half_width)
        .collect::<String>()
        .to_lowercase();
    let text = text.trim();
    if text.is_empty() {
        return Err(LandlineError::Empty);
    }

    // Split off an extension introduced by a marker word.
    let (main, mut extension) = match EXTENSION_MARKERS
        .iter()
        .filter_map(|marker| text.find(marker).map(|at| (at, marker.len())))
        .min_by_key(|(at, _)| *at)
    {
        Some((at, marker_len)) => {
            let digits: String = text[at + marker_len..]
                .chars()
                .filter(|c| !(c.is_whitespace() || matches!(c, '-' | ':' | '.')))
                .collect();
            (&text[..at], Some(digits))
        }
        None => (text, None),
    };

    // Groups separated by `-`, spaces or parentheses, after a country prefix.
    let main = main.trim();
    let (main, international) = match main
        .strip_prefix("+86")
        .or_else(|| main.strip_prefix("0086"))
    {
        Some(rest) => (rest, true),
        None if main.starts_with('+') => return Err(LandlineError::ForeignNumber),
        None => (main, false),
    };
    let mut groups: Vec<&str> = main
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '(' | ')'))
        .filter(|group| !group.is_empty())
        .collect();
    if let Some(found) = groups
        .iter()
        .flat_map(|g| g.chars())
        .find(|c| !c.is_ascii_digit())
    {
        return Err(LandlineError::BadCharacter { found });
    }
    if groups.is_empty() {
        return Err(LandlineError::Empty);
    }
    // Three groups are area, number, extension (`010-12345678-123`) only when the middle one is
    // a whole local number; otherwise the number was typed in blocks (`0571 8888 9999`).
    if let [area, local, extra] = groups.as_slice() {
        let area_then_number = area.starts_with('0') && (7..=8).contains(&local.len());
        if extension.is_none() && area_then_number {
            extension = Some((*extra).to_owned());
            groups.truncate(2);
        }
    }
    let mut digits = groups.concat();
    if international && !digits.starts_with('0') {
        digits.insert(0, '0');
    }

    let bytes = digits.as_bytes();
    if bytes.first() != Some(&b'0') {
        return Err(LandlineError::MissingAreaCode);
    }
    let area_len = match (bytes.get(1), bytes.get(2)) {
        (Some(b'1'), Some(b'0')) | (Some(b'2'), _) => 3,
        (Some(b'3'..=b'9'), _) => 4,
        _ => {
            return Err(LandlineError::BadAreaCode {
                found: digits.chars().take(3).collect(),
            });
        }
    };
    // When the person separated the area code themselves, it must be the one the rule finds:
    // `05718-8889999` is a typing error, not something to guess about.
    if !international && groups.len() >= 2 && groups[0].len() != area_len {
        return Err(LandlineError::BadAreaCode {
            found: groups[0].to_owned(),
        });
    }
    let area_code = digits.get(..area_len).unwrap_or_default().to_owned();
    let number = digits.get(area_len..).unwrap_or_default().to_owned();
    let local_ok = (7..=8).contains(&number.len()) && !number.starts_with(['0', '1']);
    if !local_ok {
        return Err(LandlineError::BadLocalNumber { found: number });
    }
    let extension = match extension {
        Some(ext) if ext.is_empty() || ext.len() > MAX_EXTENSION_DIGITS => {
            return Err(LandlineError::BadExtension);
        }
        Some(ext) if !ext.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(LandlineError::BadExtension);
        }
        other => other,
    };
    Ok(Landline {
        area_code,
        number,
        extension,
    })
}

// ---------------------------------------------------------------------------------------------
// Postal code

/// A 6-digit postal code (邮政编码).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PostalCode(String);

impl PostalCode {
    /// The 6 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PostalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a text is not a postal code.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PostalCodeError {
    /// Nothing was entered.
    #[error("postal code is empty")]
    Empty,
    /// Not exactly 6 digits.
    #[error("postal code must be 6 digits")]
    Malformed,
}

impl Localized for PostalCodeError {
    fn code(&self) -> &'static str {
        match self {
            PostalCodeError::Empty => "postal_code.empty",
            PostalCodeError::Malformed => "postal_code.malformed",
        }
    }

    fn message(&self, lang: Lang) -> String {
        tr(lang, self.code()).to_owned()
    }
}

/// Validates a 6-digit postal code (spaces and full-width digits accepted).
pub fn postal_code(input: &str) -> Result<PostalCode, PostalCodeError> {
    let code = super::compact(input);
    if code.is_empty() {
        return Err(PostalCodeError::Empty);
    }
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PostalCodeError::Malformed);
    }
    Ok(PostalCode(code))
}

// ---------------------------------------------------------------------------------------------
// E-mail

/// An e-mail address: local part as typed, domain with ASCII letters in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a text is not an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EmailError {
    /// Nothing was entered.
    #[error("e-mail address is empty")]
    Empty,
    /// No `@`, or more than one.
    #[error("an e-mail address has exactly one @")]
    MissingAt,
    /// The part before `@` is empty, too long, or has a character mail systems refuse.
    #[error("the part before @ is not valid")]
    BadLocalPart,
    /// The part after `@` is not a domain name with a dot.
    #[error("the part after @ is not a valid domain")]
    BadDomain,
}

impl Localized for EmailError {
    fn code(&self) -> &'static str {
        match self {
            EmailError::Empty => "email.empty",
            EmailError::MissingAt => "email.at",
            EmailError::BadLocalPart => "email.local_part",
            EmailError::BadDomain => "email.domain",
        }
    }

    fn message(&self, lang: Lang) -> String {
        tr(lang, self.code()).to_owned()
    }
}

/// Validates an e-mail address, pragmatically.
///
/// The local part must be ASCII (letters, digits and ``!#$%&'*+/=?^_`{|}~.-``, no leading,
/// trailing or doubled dot, at most 64 characters); quoted local parts are refused as no one
/// types them. The domain needs at least two labels of letters, digits and hyphens (not at a
/// label's ends), at most 63 characters each and 253 in all; non-ASCII labels (IDN) are left
/// alone, not converted to punycode. Full-width characters and the ideographic full stop `。`
/// in the domain, typical of Chinese input methods, are converted.
pub fn email(input: &str) -> Result<EmailAddress, EmailError> {
    let text: String = input.trim().chars().map(half_width).collect();
    if text.is_empty() {
        return Err(EmailError::Empty);
    }
    let mut parts = text.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(EmailError::MissingAt);
    };

    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    if !local_ok {
        return Err(EmailError::BadLocalPart);
    }

    let domain: String = domain
        .chars()
        .map(|c| match c {
            '\u{3002}' | '\u{FF61}' => '.',
            other => other.to_ascii_lowercase(),
        })
        .collect();
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        !label.is_empty()
            && label.chars().count() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || !c.is_ascii())
            && !label.chars().any(char::is_whitespace)
    };
    let top_level_ok = labels
        .last()
        .is_some_and(|tld| !tld.bytes().all(|b| b.is_ascii_digit()));
    if labels.len() < 2
        || domain.chars().count() > 253
        || !labels.iter().all(label_ok)
        || !top_level_ok
    {
        return Err(EmailError::BadDomain);
    }
    Ok(EmailAddress(format!("{local}@{domain}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_numbers() {
        for input in [
            "13812345678",
            "138 1234 5678",
            "138-1234-5678",
            "+86 138 1234 5678",
            "+86-13812345678",
            "008613812345678",
            "8613812345678",
            "１３８１２３４５６７８",
            "(+86) 138 1234 5678",
        ] {
            assert_eq!(
                mobile(input).map(|m| m.to_string()),
                Ok("13812345678".into()),
                "{input}"
            );
        }
        assert_eq!(mobile("19912345678").unwrap().as_str(), "19912345678");
        assert_eq!(mobile(""), Err(MobileError::Empty));
        assert_eq!(mobile("+852 9123 4567"), Err(MobileError::ForeignNumber));
        assert_eq!(
            mobile("1381234567"),
            Err(MobileError::WrongLength { found: 10 })
        );
        assert_eq!(
            mobile("138123456789"),
            Err(MobileError::WrongLength { found: 12 })
        );
        assert_eq!(
            mobile("1381234567a"),
            Err(MobileError::BadCharacter {
                position: 11,
                found: 'a'
            })
        );
        assert_eq!(mobile("12812345678"), Err(MobileError::NotMobile));
        assert_eq!(mobile("23812345678"), Err(MobileError::NotMobile));
    }

    #[test]
    fn landlines() {
        let ok = |input: &str, expected: &str| {
            assert_eq!(
                landline(input).map(|l| l.to_string()),
                Ok(expected.to_owned()),
                "{input}"
            );
        };
        ok("010-62345678", "010-62345678");
        ok("01062345678", "010-62345678");
        ok("(010) 6234 5678", "010-62345678");
        ok("（０１０）６２３４５６７８", "010-62345678");
        ok("021 62345678", "021-62345678");
        ok("0571-88889999", "0571-88889999");
        ok("057188889999", "0571-88889999");
        ok("0571 8888 9999", "0571-88889999");
        ok("0941-8765432", "0941-8765432");
        ok("09418765432", "0941-8765432");
        ok("010-62345678-123", "010-62345678-123");
        ok("010-62345678转123", "010-62345678-123");
        ok("010-62345678 分机 8001", "010-62345678-8001");
        ok("010-62345678 ext. 42", "010-62345678-42");
        ok("0571-88889999 x9", "0571-88889999-9");
        ok("+86 10 6234 5678", "010-62345678");
        ok("+86-571-88889999", "0571-88889999");

        assert_eq!(landline(""), Err(LandlineError::Empty));
        assert_eq!(landline("62345678"), Err(LandlineError::MissingAreaCode));
        assert_eq!(
            landline("+1 212 5550100"),
            Err(LandlineError::ForeignNumber)
        );
        assert_eq!(
            landline("0062345678"),
            Err(LandlineError::BadAreaCode {
                found: "006".into()
            })
        );
        assert_eq!(
            landline("011-62345678"),
            Err(LandlineError::BadAreaCode {
                found: "011".into()
            })
        );
        assert_eq!(
            landline("0571-8888"),
            Err(LandlineError::BadLocalNumber {
                found: "8888".into()
            })
        );
        assert_eq!(
            landline("010-02345678"),
            Err(LandlineError::BadLocalNumber {
                found: "02345678".into()
            })
        );
        assert_eq!(
            landline("010-1234a678"),
            Err(LandlineError::BadCharacter { found: 'a' })
        );
        assert_eq!(
            landline("010-22345678 转"),
            Err(LandlineError::BadExtension)
        );
        assert_eq!(
            landline("010-22345678 转 1234567"),
            Err(LandlineError::BadExtension)
        );
        // An area code typed with the wrong length is refused rather than guessed.
        assert_eq!(
            landline("05718-8889999"),
            Err(LandlineError::BadAreaCode {
                found: "05718".into()
            })
        );
    }

    #[test]
    fn postal_codes() {
        assert_eq!(postal_code("310000").unwrap().as_str(), "310000");
        assert_eq!(postal_code(" ３１０ ０００ ").unwrap().as_str(), "310000");
        assert_eq!(postal_code(""), Err(PostalCodeError::Empty));
        assert_eq!(postal_code("31000"), Err(PostalCodeError::Malformed));
        assert_eq!(postal_code("31000a"), Err(PostalCodeError::Malformed));
    }

    #[test]
    fn email_addresses() {
        let ok = |input: &str, expected: &str| {
            assert_eq!(
                email(input).map(|e| e.to_string()),
                Ok(expected.to_owned()),
                "{input}"
            );
        };
        ok("zhang.san@example.com", "zhang.san@example.com");
        ok("  Zhang.San+gov@Example.COM ", "Zhang.San+gov@example.com");
        ok("li＠qq。com", "li@qq.com");
        ok("wang@mail.例子.中国", "wang@mail.例子.中国");
        ok("a@b-c.cn", "a@b-c.cn");

        assert_eq!(email(" "), Err(EmailError::Empty));
        assert_eq!(email("zhangsan.example.com"), Err(EmailError::MissingAt));
        assert_eq!(email("a@b@example.com"), Err(EmailError::MissingAt));
        assert_eq!(email("@example.com"), Err(EmailError::BadLocalPart));
        assert_eq!(email(".a@example.com"), Err(EmailError::BadLocalPart));
        assert_eq!(email("a..b@example.com"), Err(EmailError::BadLocalPart));
        assert_eq!(email("张三@example.com"), Err(EmailError::BadLocalPart));
        assert_eq!(email("a b@example.com"), Err(EmailError::BadLocalPart));
        assert_eq!(email("a@localhost"), Err(EmailError::BadDomain));
        assert_eq!(email("a@example..com"), Err(EmailError::BadDomain));
        assert_eq!(email("a@-example.com"), Err(EmailError::BadDomain));
        assert_eq!(email("a@example.com."), Err(EmailError::BadDomain));
        assert_eq!(email("a@1.2.3.4"), Err(EmailError::BadDomain));
        assert_eq!(email("a@exa mple.com"), Err(EmailError::BadDomain));
    }

    #[test]
    fn every_error_has_a_message_in_the_table() {
        let errors: Vec<Box<dyn Localized>> = vec![
            Box::new(MobileError::Empty),
            Box::new(MobileError::ForeignNumber),
            Box::new(MobileError::BadCharacter {
                position: 1,
                found: 'a',
            }),
            Box::new(MobileError::WrongLength { found: 3 }),
            Box::new(MobileError::NotMobile),
            Box::new(LandlineError::Empty),
            Box::new(LandlineError::ForeignNumber),
            Box::new(LandlineError::BadCharacter { found: 'a' }),
            Box::new(LandlineError::MissingAreaCode),
            Box::new(LandlineError::BadAreaCode {
                found: "011".into(),
            }),
            Box::new(LandlineError::BadLocalNumber { found: "1".into() }),
            Box::new(LandlineError::BadExtension),
            Box::new(PostalCodeError::Empty),
            Box::new(PostalCodeError::Malformed),
            Box::new(EmailError::Empty),
            Box::new(EmailError::MissingAt),
            Box::new(EmailError::BadLocalPart),
            Box::new(EmailError::BadDomain),
        ];
        for error in errors {
            for lang in Lang::ALL {
                let message = error.message(lang);
                assert!(
                    crate::i18n::lookup(lang, error.code()).is_some(),
                    "{}",
                    error.code()
                );
                assert!(!message.contains('{'), "unfilled placeholder in {message}");
            }
        }
    }
}
