//! The app's access to the one string table (`guichet_core::i18n`): every visible string goes
//! through [`I18n::t`] (or [`tr`], [`tr_args`]) with the language the person chose.
//!
//! Each binary registers the slices of the table it shows ([`use_strings`], first thing in
//! `main`, kept by `guichet_core::i18n::register`), and the lookup searches only those: the
//! core's [`guichet_core::i18n::tr`] would link the whole table (~15 KB brotli) into every
//! bundle. The forms bundle, whose core code (validators, form labels) looks strings up itself,
//! is built with the `lean-strings` feature, under which core's lookups search the registered
//! slices too. A key outside the registered slices comes back as the key itself, as the core
//! does for an unknown key.
use guichet_core::i18n::{Entry, Lang, fill_args};
use leptos::prelude::*;

use crate::prefs::use_prefs;

/// Registers the slices of the string table this binary shows (once, before mounting).
pub fn use_strings(slices: &[&'static [Entry]]) {
    guichet_core::i18n::register(slices);
}

/// The text for `key` in `lang`, or the key itself when it is not registered.
pub fn tr(lang: Lang, key: &'static str) -> &'static str {
    guichet_core::i18n::lookup_registered(lang, key).unwrap_or(key)
}

/// [`tr`] with its `{name}` placeholders filled.
pub fn tr_args(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    fill_args(tr(lang, key), args)
}

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

    /// The current language, without tracking it (in listeners and tasks).
    pub fn lang_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }
}

/// The translator for the current component tree.
pub fn use_i18n() -> I18n {
    I18n {
        lang: use_prefs().lang,
    }
}
