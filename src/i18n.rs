//! The app's access to the one string table (`guichet_core::i18n`): every visible string goes
//! through [`I18n::t`] with the language the person chose.
use guichet_core::i18n::{Lang, tr};
use leptos::prelude::*;

use crate::prefs::use_prefs;

/// A copyable handle for translating inside views: `move || i18n.t("nav.home")`.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// The text for `key` in the current language; reactive when called inside a view closure.
    pub fn t(&self, key: &'static str) -> &'static str {
        tr(self.lang.get(), key)
    }

    /// The current language (reactive).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }
}

/// The translator for the current component tree.
pub fn use_i18n() -> I18n {
    I18n {
        lang: use_prefs().lang,
    }
}
