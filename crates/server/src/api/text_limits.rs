//! The length limits of the staff's free text (`guichet_core::staff_text`), checked before a
//! handler does anything: every field over its limit is named in one `422` (`validation`, with
//! "too long: at most N characters" per field), so a desk form can mark them all at once.

use std::collections::BTreeMap;

use guichet_core::staff_text::too_long;

use crate::api::submissions::message;
use crate::error::{AppError, Localized};

/// The fields found too long so far.
#[derive(Debug, Default)]
#[must_use = "call `done` to refuse the request"]
pub struct TextLimits(BTreeMap<String, Localized>);

impl TextLimits {
    /// No field checked yet.
    pub fn new() -> TextLimits {
        TextLimits::default()
    }

    /// `field` may have at most `max` characters.
    pub fn check(mut self, field: &str, text: &str, max: usize) -> TextLimits {
        if too_long(text, max) {
            self.refuse(field, max);
        }
        self
    }

    /// Like [`TextLimits::check`] for an optional field.
    pub fn check_opt(self, field: &str, text: Option<&str>, max: usize) -> TextLimits {
        match text {
            Some(text) => self.check(field, text, max),
            None => self,
        }
    }

    /// Every entry of the list `field` may have at most `max` characters.
    pub fn check_each<'a>(
        self,
        field: &str,
        entries: impl IntoIterator<Item = &'a String>,
        max: usize,
    ) -> TextLimits {
        let mut limits = self;
        if entries.into_iter().any(|entry| too_long(entry, max)) {
            limits.refuse(field, max);
        }
        limits
    }

    fn refuse(&mut self, field: &str, max: usize) {
        self.0.insert(
            field.to_owned(),
            message("form.text.long", &[("max", &max.to_string())]),
        );
    }

    /// `Ok` when every field is within its limit, else the `422` naming the others.
    pub fn done(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation { fields: self.0 })
        }
    }
}
