//! Forms as data: the versioned form of a service item (事项), its conditions, its validation
//! and the carry-over of a draft to a newer version.
//!
//! A [`FormDefinition`] is published per item and version and never changes once published: a
//! submission names the version it was filled against, and the server validates it against that
//! very version. The same [`validate()`] runs in the browser (offline, as the person types) and on
//! the server (the record), so they cannot disagree.
//!
//! * [`condition`] — `show_if` conditions over other answers (equals / in / not empty / and /
//!   or / not). A field whose condition is false is *hidden*: it is never required, never
//!   validated, and dropped from the normalised answers.
//! * [`validate`](mod@validate) — checks and normalises every visible answer, using the shared
//!   validators of [`crate::validate`] for ID numbers, credit codes and phones.
//! * [`carry`] — moves a draft's answers to a newer version of the form, keeping what still
//!   fits and saying why anything was left behind (the old value is kept in the report, so a
//!   draft is never silently lost — Enketo's #1226 was a form update making old records
//!   unloadable).
//! * [`hash`] — the canonical JSON and SHA-256 content hash of a submission (the outbox key's
//!   companion: same client id + same hash = the same submission).
//!
//! Answers are a JSON object, field id → value. Value shapes per [`FieldKind`]:
//! text-like kinds and codes take a string; `number` a JSON number (or a numeric string);
//! `date` a `"YYYY-MM-DD"` string; single choice an option value string, multiple choice an
//! array of them; `file` an array of [`FileRef`] objects (uploads made beforehand).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, lookup};

pub mod carry;
pub mod condition;
pub mod decode;
pub mod editor;
pub mod hash;
pub mod validate;

pub use carry::{CarryOver, DropReason, DroppedAnswer, carry_over};
pub use condition::Condition;
pub use decode::DecodeError;
pub use hash::{canonical_json, lower_hex, sha256, sha256_hex, submission_hash};
pub use validate::{FieldError, validate, validate_with};

/// Answers: field id → value, as a JSON object.
pub type Answers = serde_json::Map<String, serde_json::Value>;

/// A text shown to people: a key of the string table, or literal text (a form's own wording).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Label {
    /// A key of [`crate::i18n`], e.g. `{"key": "form.field.applicant_name"}`.
    Key {
        /// The table key.
        key: String,
    },
    /// Literal text, Chinese with an optional English translation.
    Text {
        /// Chinese text (always present: the default language).
        zh: String,
        /// English text; Chinese is shown when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        en: Option<String>,
    },
}

impl Label {
    /// Literal Chinese text without a translation.
    pub fn zh(text: impl Into<String>) -> Label {
        Label::Text {
            zh: text.into(),
            en: None,
        }
    }

    /// Literal text in both languages.
    pub fn text(zh: impl Into<String>, en: impl Into<String>) -> Label {
        Label::Text {
            zh: zh.into(),
            en: Some(en.into()),
        }
    }

    /// A string-table key.
    pub fn key(key: impl Into<String>) -> Label {
        Label::Key { key: key.into() }
    }

    /// The text in `lang` (a missing key shows as itself, like [`crate::tr`]).
    pub fn resolve(&self, lang: Lang) -> String {
        match self {
            Label::Key { key } => lookup(lang, key).unwrap_or(key).to_owned(),
            Label::Text { zh, en } => match (lang, en) {
                (Lang::En, Some(en)) => en.clone(),
                _ => zh.clone(),
            },
        }
    }
}

/// One published version of the form of a service item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormDefinition {
    /// The service item's code (事项编码).
    pub item_code: String,
    /// The version, from 1, increasing with each publication.
    pub version: u32,
    /// The sections, in display order.
    pub sections: Vec<Section>,
    /// The declaration (承诺) the applicant ticks before submitting, when the form has one: its
    /// answer is `true` under [`DECLARATION`], and [`validate()`] refuses the answers without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declaration: Option<Label>,
}

/// The answer key of the declaration's tick (never a field id).
pub const DECLARATION: &str = "declaration";

/// A titled group of fields (one page or fieldset in the app).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Stable id, unique in the form.
    pub id: String,
    /// The title.
    pub title: Label,
    /// When present and false, the whole section is hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// The fields, in display order.
    pub fields: Vec<Field>,
}

/// One question of a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// Stable id, unique in the form; the key of its answer. Keep it across versions when the
    /// meaning stays, so drafts carry over.
    pub id: String,
    /// The question.
    pub label: Label,
    /// An optional hint shown under the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Label>,
    /// Whether an answer is needed (only ever enforced while the field is visible).
    #[serde(default)]
    pub required: bool,
    /// When present and false, the field is hidden, ignored and dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// The HTML `autocomplete` token of a question about the person filling it (`"name"`,
    /// `"tel"`, `"street-address"`, `"postal-code"`, `"email"`; WCAG 1.3.5), so that browsers
    /// and assistive tools can fill it in; absent on other questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autocomplete: Option<String>,
    /// What kind of answer, with its constraints (flattened: `{"kind": "number", "min": 0}`).
    #[serde(flatten)]
    pub kind: FieldKind,
}

/// The kind of a field and its constraints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text {
        /// Maximum length in characters (default [`TEXT_MAX_CHARS`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_chars: Option<u32>,
    },
    /// Several lines of text.
    Multiline {
        /// Maximum length in characters (default [`MULTILINE_MAX_CHARS`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_chars: Option<u32>,
    },
    /// A number.
    Number {
        /// Smallest allowed value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        /// Largest allowed value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
        /// Whether only whole numbers are allowed.
        #[serde(default)]
        integer: bool,
    },
    /// A calendar date, `YYYY-MM-DD`.
    Date {
        /// Earliest allowed date.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::ymd::option"
        )]
        min: Option<NaiveDate>,
        /// Latest allowed date.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::ymd::option"
        )]
        max: Option<NaiveDate>,
        /// The date may not be after today (a birth date, an event that happened).
        #[serde(default)]
        not_future: bool,
        /// The date may not be before today (a requested appointment, a planned start).
        #[serde(default)]
        not_past: bool,
    },
    /// A choice among fixed options.
    Choice {
        /// Several options may be chosen (the answer is an array).
        #[serde(default)]
        multiple: bool,
        /// The options, in display order.
        options: Vec<ChoiceOption>,
    },
    /// 居民身份证号码 (validated by [`crate::validate::id_card`]).
    IdNumber,
    /// 统一社会信用代码 (validated by [`crate::validate::credit_code`]).
    CreditCode,
    /// A phone number: mobile, or (unless `mobile_only`) a landline with its area code.
    Phone {
        /// Only a mobile number is accepted (e.g. for SMS notices).
        #[serde(default)]
        mobile_only: bool,
    },
    /// A postal address (free text).
    Address,
    /// Attachments, uploaded beforehand; the answer lists [`FileRef`]s.
    File {
        /// Accepted media types; the server checks the file's bytes, not its name.
        accept: Vec<MediaType>,
        /// Maximum size of one file, in bytes.
        max_bytes: u64,
        /// Maximum number of files.
        max_count: u32,
    },
}

/// The most all the files of one application may weigh together, whatever its fields allow
/// one by one: the form states it, the device refuses a file that would go over it, and the
/// server's validation (the same function) refuses a submission over it.
pub const MAX_CASE_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Default maximum length of a one-line text answer.
pub const TEXT_MAX_CHARS: u32 = 200;
/// Default maximum length of a multi-line text answer.
pub const MULTILINE_MAX_CHARS: u32 = 2000;
/// Maximum length of an address.
pub const ADDRESS_MAX_CHARS: u32 = 200;

impl FieldKind {
    /// A stable name of the kind (`"text"`, `"id_number"`, …), as in the JSON `kind`.
    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Text { .. } => "text",
            FieldKind::Multiline { .. } => "multiline",
            FieldKind::Number { .. } => "number",
            FieldKind::Date { .. } => "date",
            FieldKind::Choice { .. } => "choice",
            FieldKind::IdNumber => "id_number",
            FieldKind::CreditCode => "credit_code",
            FieldKind::Phone { .. } => "phone",
            FieldKind::Address => "address",
            FieldKind::File { .. } => "file",
        }
    }
}

/// One option of a choice field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    /// The stored value (stable across versions).
    pub value: String,
    /// What people see.
    pub label: Label,
}

/// The file types the portal accepts; recognised by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MediaType {
    /// A JPEG photo or scan.
    #[serde(rename = "image/jpeg")]
    Jpeg,
    /// A PNG image.
    #[serde(rename = "image/png")]
    Png,
    /// A PDF document.
    #[serde(rename = "application/pdf")]
    Pdf,
}

impl MediaType {
    /// Every accepted type.
    pub const ALL: [MediaType; 3] = [MediaType::Jpeg, MediaType::Png, MediaType::Pdf];

    /// The MIME type, e.g. `"image/png"`.
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
            MediaType::Pdf => "application/pdf",
        }
    }

    /// Parses a MIME type (exact, lower case).
    pub fn from_mime(mime: &str) -> Option<MediaType> {
        MediaType::ALL.into_iter().find(|t| t.mime() == mime)
    }

    /// A short name people know: `"JPEG"`, `"PNG"`, `"PDF"`.
    pub fn short_name(self) -> &'static str {
        match self {
            MediaType::Jpeg => "JPEG",
            MediaType::Png => "PNG",
            MediaType::Pdf => "PDF",
        }
    }

    /// Recognises a file by its magic bytes (never by its name or declared type).
    pub fn sniff(bytes: &[u8]) -> Option<MediaType> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(MediaType::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(MediaType::Png)
        } else if bytes.starts_with(b"%PDF-") {
            Some(MediaType::Pdf)
        } else {
            None
        }
    }
}

/// A reference to an uploaded file, as found in a `file` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    /// The id the upload returned (64 lowercase hex digits: the SHA-256 of the content).
    pub upload_id: String,
    /// The file's name on the person's device (shown back to them; never trusted).
    #[serde(default)]
    pub name: String,
    /// The media type the upload reported.
    pub media_type: MediaType,
    /// The size in bytes the upload reported.
    pub size: u64,
}

impl FileRef {
    /// Reads a file reference from a JSON answer item, as the derived `Deserialize` would (an
    /// object with `upload_id`, `media_type` and `size`; `name` optional): read by hand so that
    /// serde_json's value deserializer stays out of the forms bundle.
    pub fn from_json(value: &serde_json::Value) -> Option<FileRef> {
        let name = match value.get("name") {
            None => String::new(),
            Some(name) => name.as_str()?.to_owned(),
        };
        Some(FileRef {
            upload_id: value.get("upload_id")?.as_str()?.to_owned(),
            name,
            media_type: MediaType::from_mime(value.get("media_type")?.as_str()?)?,
            size: value.get("size")?.as_u64()?,
        })
    }

    /// The file reference as JSON, what `serde_json::to_value` makes of it (built by hand, for
    /// the same reason as [`FileRef::from_json`]).
    pub fn to_json(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        map.insert("upload_id".into(), self.upload_id.clone().into());
        map.insert("name".into(), self.name.clone().into());
        map.insert("media_type".into(), self.media_type.mime().into());
        map.insert("size".into(), self.size.into());
        serde_json::Value::Object(map)
    }
}

/// Why a form definition cannot be published.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DefinitionError {
    /// The version is 0.
    #[error("form versions start at 1")]
    ZeroVersion,
    /// Two fields or sections share an id, or an id is empty.
    #[error("duplicate or empty id {0:?}")]
    BadId(String),
    /// A condition names a field that is not in the form.
    #[error("condition on {field:?} names the unknown field {unknown:?}")]
    UnknownConditionField {
        /// The field or section carrying the condition.
        field: String,
        /// The id it names.
        unknown: String,
    },
    /// A choice field has no options, or two options with the same value.
    #[error("choice field {0:?} has no options or duplicate values")]
    BadOptions(String),
    /// A file field accepts no type, or allows no file or no byte.
    #[error("file field {0:?} must accept a type, a size and a count")]
    BadFileLimits(String),
    /// The form has no section.
    #[error("the form has no section")]
    NoSections,
    /// A section has no field.
    #[error("section {0:?} has no field")]
    EmptySection(String),
    /// A section title, a field label or an option label is blank (the section or field id).
    #[error("{0:?} has a blank label")]
    BlankLabel(String),
    /// A label names a key the string table lacks (people would see the key).
    #[error("{owner:?} names the unknown text key {key:?}")]
    UnknownLabelKey {
        /// The section or field.
        owner: String,
        /// The key.
        key: String,
    },
    /// A number's or date's minimum is above its maximum, or a text allows 0 characters.
    #[error("field {0:?} allows no answer (minimum above maximum, or 0 characters)")]
    BadRange(String),
}

/// Where in a definition a [`DefinitionError`] was found (indexes from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The form as a whole.
    Form,
    /// A section.
    Section(usize),
    /// A field: (section, field in the section).
    Field(usize, usize),
}

impl Label {
    /// Whether people would see nothing, or a raw key.
    fn problem(&self, owner: &str) -> Option<DefinitionError> {
        match self {
            Label::Text { zh, .. } if zh.trim().is_empty() => {
                Some(DefinitionError::BlankLabel(owner.to_owned()))
            }
            Label::Key { key } if lookup(Lang::Zh, key).is_none() => {
                Some(DefinitionError::UnknownLabelKey {
                    owner: owner.to_owned(),
                    key: key.clone(),
                })
            }
            _ => None,
        }
    }
}

/// Whether a field's own limits leave no possible answer.
fn empty_range(kind: &FieldKind) -> bool {
    match kind {
        FieldKind::Text { max_chars } | FieldKind::Multiline { max_chars } => *max_chars == Some(0),
        FieldKind::Number { min, max, .. } => matches!((min, max), (Some(a), Some(b)) if a > b),
        FieldKind::Date { min, max, .. } => matches!((min, max), (Some(a), Some(b)) if a > b),
        _ => false,
    }
}

impl FormDefinition {
    /// All fields, section by section, in display order.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.sections.iter().flat_map(|s| s.fields.iter())
    }

    /// The field with this id.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().find(|f| f.id == id)
    }

    /// Checks the definition itself before it is published (ids, conditions, options, limits,
    /// labels).
    pub fn check(&self) -> Result<(), Vec<DefinitionError>> {
        let errors: Vec<DefinitionError> = self
            .problems()
            .into_iter()
            .map(|(_, error)| error)
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Every problem [`FormDefinition::check`] finds, with where it was found (for an editor).
    pub fn problems(&self) -> Vec<(Place, DefinitionError)> {
        let mut errors = Vec::new();
        if self.version == 0 {
            errors.push((Place::Form, DefinitionError::ZeroVersion));
        }
        if self.sections.is_empty() {
            errors.push((Place::Form, DefinitionError::NoSections));
        }
        let mut ids = BTreeSet::new();
        for (s, section) in self.sections.iter().enumerate() {
            let here = Place::Section(s);
            if section.id.is_empty() || !ids.insert(section.id.as_str()) {
                errors.push((here, DefinitionError::BadId(section.id.clone())));
            }
            errors.extend(section.title.problem(&section.id).map(|e| (here, e)));
            if section.fields.is_empty() {
                errors.push((here, DefinitionError::EmptySection(section.id.clone())));
            }
        }
        if let Some(declaration) = &self.declaration {
            errors.extend(declaration.problem(DECLARATION).map(|e| (Place::Form, e)));
        }
        let field_ids: BTreeSet<&str> = self.fields().map(|f| f.id.as_str()).collect();
        for (s, section) in self.sections.iter().enumerate() {
            for (f, field) in section.fields.iter().enumerate() {
                let here = Place::Field(s, f);
                if field.id.is_empty() || field.id == DECLARATION || !ids.insert(field.id.as_str())
                {
                    errors.push((here, DefinitionError::BadId(field.id.clone())));
                }
                errors.extend(field.label.problem(&field.id).map(|e| (here, e)));
                if let Some(help) = &field.help {
                    errors.extend(help.problem(&field.id).map(|e| (here, e)));
                }
                match &field.kind {
                    FieldKind::Choice { options, .. } => {
                        let values: BTreeSet<&str> =
                            options.iter().map(|o| o.value.as_str()).collect();
                        if options.is_empty() || values.len() != options.len() {
                            errors.push((here, DefinitionError::BadOptions(field.id.clone())));
                        }
                        errors.extend(
                            options
                                .iter()
                                .filter_map(|o| o.label.problem(&field.id))
                                .map(|e| (here, e)),
                        );
                    }
                    FieldKind::File {
                        accept,
                        max_bytes,
                        max_count,
                    } if accept.is_empty() || *max_bytes == 0 || *max_count == 0 => {
                        errors.push((here, DefinitionError::BadFileLimits(field.id.clone())));
                    }
                    kind if empty_range(kind) => {
                        errors.push((here, DefinitionError::BadRange(field.id.clone())));
                    }
                    _ => {}
                }
            }
        }
        let conditions = self.sections.iter().enumerate().flat_map(|(s, section)| {
            std::iter::once((Place::Section(s), &section.id, &section.show_if)).chain(
                section
                    .fields
                    .iter()
                    .enumerate()
                    .map(move |(f, field)| (Place::Field(s, f), &field.id, &field.show_if)),
            )
        });
        for (here, owner, condition) in conditions {
            let Some(condition) = condition else { continue };
            for name in condition.fields() {
                if !field_ids.contains(name) {
                    errors.push((
                        here,
                        DefinitionError::UnknownConditionField {
                            field: owner.clone(),
                            unknown: name.to_owned(),
                        },
                    ));
                }
            }
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn field_json_is_flat_and_round_trips() {
        let field = Field {
            id: "age".into(),
            label: Label::text("年龄", "Age"),
            help: None,
            required: true,
            show_if: Some(Condition::NotEmpty {
                field: "name".into(),
            }),
            autocomplete: None,
            kind: FieldKind::Number {
                min: Some(0.0),
                max: Some(150.0),
                integer: true,
            },
        };
        let value = serde_json::to_value(&field).unwrap();
        assert_eq!(
            value,
            json!({"id": "age", "label": {"zh": "年龄", "en": "Age"}, "required": true,
                   "show_if": {"op": "not_empty", "field": "name"},
                   "kind": "number", "min": 0.0, "max": 150.0, "integer": true})
        );
        let back: Field = serde_json::from_value(value).unwrap();
        assert_eq!(back, field);
        let file: Field = serde_json::from_value(json!({"id": "f", "label": {"key": "x"},
            "kind": "file", "accept": ["image/png", "application/pdf"], "max_bytes": 10, "max_count": 2}))
        .unwrap();
        assert!(matches!(file.kind, FieldKind::File { max_count: 2, .. }));
        assert!(!file.required);
    }

    #[test]
    fn sniffing_uses_magic_bytes() {
        assert_eq!(
            MediaType::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(MediaType::Png)
        );
        assert_eq!(
            MediaType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(MediaType::Jpeg)
        );
        assert_eq!(MediaType::sniff(b"%PDF-1.7"), Some(MediaType::Pdf));
        assert_eq!(MediaType::sniff(b"hello.jpg"), None);
        assert_eq!(MediaType::sniff(b""), None);
    }

    #[test]
    fn definition_check_finds_mistakes() {
        let def: FormDefinition = serde_json::from_value(json!({
            "item_code": "X", "version": 1,
            "sections": [{"id": "s", "title": {"zh": "甲"}, "fields": [
                {"id": "a", "label": {"zh": "a"}, "kind": "text"},
                {"id": "a", "label": {"zh": "a"}, "kind": "text"},
                {"id": "c", "label": {"zh": "c"}, "kind": "choice", "options": [],
                 "show_if": {"op": "equals", "field": "zz", "value": 1}}
            ]}]
        }))
        .unwrap();
        let errors = def.check().unwrap_err();
        assert!(errors.contains(&DefinitionError::BadId("a".into())));
        assert!(errors.contains(&DefinitionError::BadOptions("c".into())));
        assert!(errors.contains(&DefinitionError::UnknownConditionField {
            field: "c".into(),
            unknown: "zz".into()
        }));
    }

    #[test]
    fn labels_resolve() {
        assert_eq!(Label::text("甲", "A").resolve(Lang::En), "A");
        assert_eq!(Label::zh("甲").resolve(Lang::En), "甲");
        assert_eq!(
            Label::key("form.required").resolve(Lang::Zh),
            "此项为必填项。"
        );
        assert_eq!(Label::key("no.such").resolve(Lang::Zh), "no.such");
    }

    #[test]
    fn file_refs_read_and_written_by_hand_as_serde_would() {
        let id = "a".repeat(64);
        let cases = [
            json!({"upload_id": id, "name": "照片.jpg", "media_type": "image/jpeg", "size": 12}),
            json!({"upload_id": id, "media_type": "application/pdf", "size": 0}),
            json!({"upload_id": id, "name": null, "media_type": "image/png", "size": 1}),
            json!({"upload_id": id, "media_type": "image/gif", "size": 1}),
            json!({"upload_id": id, "media_type": "image/png", "size": -1}),
            json!({"upload_id": id, "media_type": "image/png", "size": 1.5}),
            json!({"media_type": "image/png", "size": 1}),
            json!("not an object"),
        ];
        for value in cases {
            let by_serde = serde_json::from_value::<FileRef>(value.clone()).ok();
            assert_eq!(FileRef::from_json(&value), by_serde, "{value}");
            if let Some(file) = by_serde {
                assert_eq!(file.to_json(), serde_json::to_value(&file).unwrap());
            }
        }
    }
}
