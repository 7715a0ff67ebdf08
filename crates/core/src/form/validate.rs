//! Validation and normalisation of a form's answers: [`validate()`].
//!
//! Steps, in this order, so that the browser and the server always agree:
//!
//! 1. every answer of a field in the form is normalised on its own (full-width digits, spaces,
//!    `x` → `X`, dates, numbers given as text…), remembering any error;
//! 2. visibility is worked out from the `show_if` conditions of sections and fields, reading
//!    the *effective* answers: the normalised value when valid, the raw value otherwise, and
//!    nothing for a hidden field (so hiding cascades; a cycle of conditions hides its fields);
//! 3. hidden fields are ignored entirely (never required, errors discarded) and dropped; a
//!    visible required field without an answer is an error; answers to ids the form does not
//!    have are dropped.
//!
//! The result is either the normalised answers (only visible, non-empty ones) or every error,
//! in form order, each with its field id, a stable code and the message in both languages.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::condition::is_empty;
use super::{
    ADDRESS_MAX_CHARS, Answers, DECLARATION, Field, FieldKind, FileRef, FormDefinition,
    MULTILINE_MAX_CHARS, MediaType, TEXT_MAX_CHARS,
};
use crate::i18n::{Lang, Localized, tr_args};
use crate::validate::{DivisionCodes, compact, credit_code, id_card_with, landline, mobile};

/// What is wrong with one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's id.
    pub field_id: String,
    /// A stable code: a key of the string table such as `"form.required"` or
    /// `"id_card.check_digit"`.
    pub code: String,
    /// The message in Chinese.
    pub zh: String,
    /// The message in English.
    pub en: String,
}

impl FieldError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    fn from_key(field_id: &str, key: &'static str, args: &[(&str, &str)]) -> FieldError {
        FieldError {
            field_id: field_id.to_owned(),
            code: key.to_owned(),
            zh: tr_args(Lang::Zh, key, args),
            en: tr_args(Lang::En, key, args),
        }
    }

    fn from_localized(field_id: &str, err: &dyn Localized) -> FieldError {
        FieldError {
            field_id: field_id.to_owned(),
            code: err.code().to_owned(),
            zh: err.message(Lang::Zh),
            en: err.message(Lang::En),
        }
    }
}

/// Validates and normalises `answers` against `definition`; `today` is the local date of the
/// person (browser) or of the center (server), for ID numbers and date limits.
///
/// On success, the normalised answers of the visible fields; otherwise every error.
///
/// Identity numbers are checked without their place: [`validate_with`] with no table.
pub fn validate(
    definition: &FormDefinition,
    answers: &Answers,
    today: NaiveDate,
) -> Result<Answers, Vec<FieldError>> {
    validate_with(definition, answers, today, None)
}

/// [`validate()`], and the place of each identity number checked against `divisions` (GB/T
/// 2260 codes for the birth year, [`crate::validate::id_card_with`]): the server always passes
/// them; the browser once it has loaded them, `None` before.
pub fn validate_with(
    definition: &FormDefinition,
    answers: &Answers,
    today: NaiveDate,
    divisions: Option<&DivisionCodes>,
) -> Result<Answers, Vec<FieldError>> {
    let mut normalised: BTreeMap<&str, Result<Option<Value>, FieldError>> = BTreeMap::new();
    let mut effective: BTreeMap<&str, Value> = BTreeMap::new();
    for field in definition.fields() {
        let raw = answers.get(&field.id).filter(|v| !is_empty(v));
        let result = match raw {
            None => Ok(None),
            Some(raw) => normalise(field, raw, today, divisions).map(Some),
        };
        match (&result, raw) {
            (Ok(Some(value)), _) => {
                effective.insert(&field.id, value.clone());
            }
            (Err(_), Some(raw)) => {
                effective.insert(&field.id, raw.clone());
            }
            _ => {}
        }
        normalised.insert(&field.id, result);
    }
    let mut visibility = Visibility::new(definition, &effective);
    let mut out = Answers::new();
    let mut errors = Vec::new();
    for field in definition.fields() {
        if !visibility.field_visible(&field.id) {
            continue;
        }
        match normalised.remove(field.id.as_str()) {
            Some(Ok(Some(value))) => {
                out.insert(field.id.clone(), value);
            }
            Some(Err(error)) => errors.push(error),
            Some(Ok(None)) | None if field.required => {
                errors.push(FieldError::from_key(&field.id, "form.required", &[]));
            }
            _ => {}
        }
    }
    // All the files of the application together (the field that goes over carries the error).
    let mut total = 0u64;
    for field in definition.fields() {
        if let (FieldKind::File { .. }, Some(Value::Array(items))) =
            (&field.kind, out.get(&field.id))
        {
            for item in items {
                total = total.saturating_add(item.get("size").and_then(Value::as_u64).unwrap_or(0));
            }
            if total > super::MAX_CASE_FILE_BYTES {
                let max = format_bytes(super::MAX_CASE_FILE_BYTES);
                errors.push(FieldError::from_key(
                    &field.id,
                    "form.file.case_total",
                    &[("max", &max)],
                ));
                break;
            }
        }
    }
    // The declaration is ticked last, on the check page: its error comes after the questions'.
    if definition.declaration.is_some() {
        if answers.get(DECLARATION) == Some(&Value::Bool(true)) {
            out.insert(DECLARATION.to_owned(), Value::Bool(true));
        } else {
            errors.push(FieldError::from_key(
                DECLARATION,
                "form.declaration_required",
                &[],
            ));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The ids of the fields currently shown, for the app to render (same rules as [`validate()`]).
pub fn visible_fields(
    definition: &FormDefinition,
    answers: &Answers,
    today: NaiveDate,
) -> Vec<String> {
    let mut effective: BTreeMap<&str, Value> = BTreeMap::new();
    for field in definition.fields() {
        if let Some(raw) = answers.get(&field.id).filter(|v| !is_empty(v)) {
            let value = normalise(field, raw, today, None).unwrap_or_else(|_| raw.clone());
            effective.insert(&field.id, value);
        }
    }
    let mut visibility = Visibility::new(definition, &effective);
    definition
        .fields()
        .filter(|f| visibility.field_visible(&f.id))
        .map(|f| f.id.clone())
        .collect()
}

#[derive(Clone, Copy)]
enum Memo {
    InProgress,
    Done(bool),
}

/// Works out which fields are shown, memoised, with cycles counted as hidden.
struct Visibility<'a> {
    /// Field id → (its section's condition, its own condition).
    conditions: BTreeMap<&'a str, [Option<&'a super::Condition>; 2]>,
    effective: &'a BTreeMap<&'a str, Value>,
    memo: BTreeMap<&'a str, Memo>,
}

impl<'a> Visibility<'a> {
    fn new(definition: &'a FormDefinition, effective: &'a BTreeMap<&'a str, Value>) -> Self {
        let mut conditions = BTreeMap::new();
        for section in &definition.sections {
            for field in &section.fields {
                conditions.insert(
                    field.id.as_str(),
                    [section.show_if.as_ref(), field.show_if.as_ref()],
                );
            }
        }
        Visibility {
            conditions,
            effective,
            memo: BTreeMap::new(),
        }
    }

    fn field_visible(&mut self, id: &str) -> bool {
        let Some((&key, &conds)) = self.conditions.get_key_value(id) else {
            return false;
        };
        match self.memo.get(key) {
            Some(Memo::Done(visible)) => return *visible,
            // A condition that depends on itself can never be settled: hide.
            Some(Memo::InProgress) => return false,
            None => {}
        }
        self.memo.insert(key, Memo::InProgress);
        let effective = self.effective;
        let visible = conds.into_iter().flatten().all(|condition| {
            condition.eval(&mut |other: &str| {
                if self.field_visible(other) {
                    effective.get(other)
                } else {
                    None
                }
            })
        });
        self.memo.insert(key, Memo::Done(visible));
        visible
    }
}

/// Normalises one non-empty answer according to its field's kind.
fn normalise(
    field: &Field,
    raw: &Value,
    today: NaiveDate,
    divisions: Option<&DivisionCodes>,
) -> Result<Value, FieldError> {
    let id = field.id.as_str();
    let bad_type = || FieldError::from_key(id, "form.type", &[]);
    match &field.kind {
        FieldKind::Text { max_chars } => {
            let text = as_text(raw).ok_or_else(bad_type)?;
            text_within(id, text.trim(), max_chars.unwrap_or(TEXT_MAX_CHARS))
        }
        FieldKind::Address => {
            let text = as_text(raw).ok_or_else(bad_type)?;
            text_within(id, text.trim(), ADDRESS_MAX_CHARS)
        }
        FieldKind::Multiline { max_chars } => {
            let text = as_text(raw).ok_or_else(bad_type)?;
            let text = text.replace("\r\n", "\n");
            text_within(id, text.trim(), max_chars.unwrap_or(MULTILINE_MAX_CHARS))
        }
        FieldKind::Number { min, max, integer } => {
            let typed = match raw {
                Value::String(s) => Some(compact(s).replace(',', "")),
                _ => None,
            };
            let number = match (raw, &typed) {
                (Value::Number(n), _) => n.as_f64(),
                (_, Some(text)) => parse_decimal(text),
                _ => None,
            }
            .filter(|n| n.is_finite())
            .ok_or_else(|| {
                // A number the reader cannot keep exactly is told apart from one that is not a
                // number at all: the person should shorten it, not retype it.
                let key = match &typed {
                    Some(text) if looks_numeric(text) => "form.number.too_precise",
                    _ => "form.number.invalid",
                };
                FieldError::from_key(id, key, &[])
            })?;
            if *integer && number.fract() != 0.0 {
                return Err(FieldError::from_key(id, "form.number.integer", &[]));
            }
            if let Some(min) = min.filter(|m| number < *m) {
                let min = number_text(min);
                return Err(FieldError::from_key(
                    id,
                    "form.number.min",
                    &[("min", &min)],
                ));
            }
            if let Some(max) = max.filter(|m| number > *m) {
                let max = number_text(max);
                return Err(FieldError::from_key(
                    id,
                    "form.number.max",
                    &[("max", &max)],
                ));
            }
            // Whole numbers are stored as integers so `3` and `3.0` hash the same afterwards.
            if number.fract() == 0.0 && number.abs() < 9.0e15 {
                Ok(Value::from(number as i64))
            } else {
                serde_json::Number::from_f64(number)
                    .map(Value::Number)
                    .ok_or_else(|| FieldError::from_key(id, "form.number.invalid", &[]))
            }
        }
        FieldKind::Date {
            min,
            max,
            not_future,
            not_past,
        } => {
            let text = raw.as_str().ok_or_else(bad_type)?;
            let text: String = compact(text)
                .chars()
                .map(|c| if c == '/' || c == '.' { '-' } else { c })
                .collect();
            let date = crate::ymd::parse_typed(&text)
                .ok_or_else(|| FieldError::from_key(id, "form.date.invalid", &[]))?;
            if *not_future && date > today {
                return Err(FieldError::from_key(id, "form.date.future", &[]));
            }
            if *not_past && date < today {
                return Err(FieldError::from_key(id, "form.date.past", &[]));
            }
            if let Some(min) = min.filter(|m| date < *m) {
                let min = crate::ymd::format(min);
                return Err(FieldError::from_key(id, "form.date.min", &[("min", &min)]));
            }
            if let Some(max) = max.filter(|m| date > *m) {
                let max = crate::ymd::format(max);
                return Err(FieldError::from_key(id, "form.date.max", &[("max", &max)]));
            }
            Ok(Value::String(crate::ymd::format(date)))
        }
        FieldKind::Choice { multiple, options } => {
            let known = |v: &Value| {
                v.as_str()
                    .map(str::trim)
                    .and_then(|s| options.iter().position(|o| o.value == s))
            };
            let unknown = || FieldError::from_key(id, "form.choice.unknown", &[]);
            if *multiple {
                let items = raw
                    .as_array()
                    .ok_or_else(|| FieldError::from_key(id, "form.choice.list", &[]))?;
                let mut ticked = vec![false; options.len()];
                for item in items {
                    ticked[known(item).ok_or_else(unknown)?] = true;
                }
                // Option order, no duplicates: two ways of ticking the same boxes are one answer.
                Ok(Value::Array(
                    options
                        .iter()
                        .zip(ticked)
                        .filter(|(_, ticked)| *ticked)
                        .map(|(option, _)| Value::String(option.value.clone()))
                        .collect(),
                ))
            } else {
                let index = known(raw).ok_or_else(unknown)?;
                Ok(Value::String(options[index].value.clone()))
            }
        }
        FieldKind::IdNumber => {
            let text = raw.as_str().ok_or_else(bad_type)?;
            id_card_with(text, today, divisions)
                .map(|card| Value::String(card.number))
                .map_err(|e| FieldError::from_localized(id, &e))
        }
        FieldKind::CreditCode => {
            let text = raw.as_str().ok_or_else(bad_type)?;
            credit_code(text)
                .map(|code| Value::String(code.code))
                .map_err(|e| FieldError::from_localized(id, &e))
        }
        FieldKind::Phone { mobile_only } => {
            let text = as_text(raw).ok_or_else(bad_type)?;
            let mobile_error = match mobile(&text) {
                Ok(number) => return Ok(Value::String(number.as_str().to_owned())),
                Err(e) => e,
            };
            // A number starting with 1 was meant as a mobile: its error is the helpful one.
            if *mobile_only || compact(&text).starts_with('1') {
                return Err(FieldError::from_localized(id, &mobile_error));
            }
            landline(&text)
                .map(|number| Value::String(number.to_string()))
                .map_err(|e| FieldError::from_localized(id, &e))
        }
        FieldKind::File {
            accept,
            max_bytes,
            max_count,
        } => {
            let items = raw
                .as_array()
                .ok_or_else(|| FieldError::from_key(id, "form.file.invalid", &[]))?;
            if items.len() > *max_count as usize {
                let max = max_count.to_string();
                return Err(FieldError::from_key(
                    id,
                    "form.file.count",
                    &[("max", &max)],
                ));
            }
            let mut files = Vec::with_capacity(items.len());
            for item in items {
                let file = FileRef::from_json(item)
                    .filter(|f| is_upload_id(&f.upload_id))
                    .ok_or_else(|| FieldError::from_key(id, "form.file.invalid", &[]))?;
                if !accept.contains(&file.media_type) {
                    let types = type_list(accept);
                    return Err(FieldError::from_key(
                        id,
                        "form.file.type",
                        &[("types", &types)],
                    ));
                }
                if file.size > *max_bytes {
                    let max = format_bytes(*max_bytes);
                    return Err(FieldError::from_key(id, "form.file.size", &[("max", &max)]));
                }
                let name: String = file.name.trim().chars().take(120).collect();
                files.push(FileRef { name, ..file });
            }
            Ok(Value::Array(files.iter().map(FileRef::to_json).collect()))
        }
    }
}

/// A limit in words: as `f64`'s `Display` writes it (`10`, `2.5`), through integer formatting
/// or serde_json's (which the answers need anyway) instead of the float formatting machinery
/// (~10 KB of the forms bundle for two messages).
fn number_text(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 9.0e15 {
        (number as i64).to_string()
    } else {
        serde_json::Number::from_f64(number).map_or_else(String::new, |n| n.to_string())
    }
}

/// Powers of ten that an `f64` holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Whether `text` is written like a number (digits, at most one point, a sign, an exponent),
/// whatever its size.
fn looks_numeric(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (number, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty())
        && digits(whole)
        && digits(fraction)
        && exponent.is_none_or(|e| {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && digits(e)
        })
}

/// A number typed as text (`12`, `-3.5`, `.5`, `2.`, `1e3`), read without the standard
/// library's float parser, whose tables weigh ~10 KB brotli in the forms bundle.
///
/// It takes the finite decimal forms `str::parse::<f64>` takes and gives the same value (a
/// test compares them) when that value is exact to compute: a significand of at most 2^53
/// times or over a power of ten an `f64` holds exactly, one correctly rounded operation (the
/// standard parser's own fast path). Anything else (more significant digits than an `f64`
/// keeps, exponents beyond ±22 or so) is `None`: no form asks for such a number.
fn parse_decimal(text: &str) -> Option<f64> {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (number, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let mut significand: u64 = 0;
    let mut power: i64 = 0;
    for (digits, in_fraction) in [(whole, false), (fraction, true)] {
        for b in digits.bytes() {
            let digit = u64::from(b.wrapping_sub(b'0'));
            if digit > 9 {
                return None;
            }
            match significand
                .checked_mul(10)
                .and_then(|s| s.checked_add(digit))
            {
                Some(next) => {
                    significand = next;
                    power -= i64::from(in_fraction);
                }
                // Zeros past what a u64 holds only scale (or, after the point, change nothing).
                None if digit == 0 => power += i64::from(!in_fraction),
                None => return None,
            }
        }
    }
    if let Some(exponent) = exponent {
        let (sign, digits) = match exponent.as_bytes().first() {
            Some(b'-') => (-1, &exponent[1..]),
            Some(b'+') => (1, &exponent[1..]),
            _ => (1, exponent),
        };
        if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut value: i64 = 0;
        for b in digits.bytes() {
            value = value * 10 + i64::from(b - b'0');
        }
        power += sign * value;
    }
    let magnitude = if significand == 0 {
        0.0
    } else {
        while significand.is_multiple_of(10) {
            significand /= 10;
            power += 1;
        }
        // Past 10^22, move what the significand can take of the power into it, exactly.
        while power > 22 {
            significand = significand.checked_mul(10)?;
            power -= 1;
        }
        if significand > 1 << 53 || power < -22 {
            return None;
        }
        let exact = significand as f64;
        let scale = EXACT_POWERS_OF_TEN[power.unsigned_abs() as usize];
        if power < 0 {
            exact / scale
        } else {
            exact * scale
        }
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// Text answers: strings, or numbers typed into a text box (kept as written).
fn as_text(raw: &Value) -> Option<String> {
    match raw {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn text_within(id: &str, text: &str, max: u32) -> Result<Value, FieldError> {
    if text.chars().count() > max as usize {
        let max = max.to_string();
        return Err(FieldError::from_key(id, "form.text.long", &[("max", &max)]));
    }
    Ok(Value::String(text.to_owned()))
}

/// Whether `id` looks like an upload id: 64 lowercase hex digits.
pub fn is_upload_id(id: &str) -> bool {
    id.len() == 64 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// "JPEG、PNG、PDF".
fn type_list(types: &[MediaType]) -> String {
    types
        .iter()
        .map(|t| t.short_name())
        .collect::<Vec<_>>()
        .join("/")
}

/// A size for people: `"10 MB"`, `"500 KB"`, `"800 B"` (binary units, rounded down to 0.1).
pub fn format_bytes(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    let tenths = |unit: u64| {
        let t = bytes * 10 / unit;
        if t.is_multiple_of(10) {
            format!("{}", t / 10)
        } else {
            format!("{}.{}", t / 10, t % 10)
        }
    };
    if bytes >= MIB {
        format!("{} MB", tenths(MIB))
    } else if bytes >= KIB {
        format!("{} KB", tenths(KIB))
    } else {
        format!("{bytes} B")
    }
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
