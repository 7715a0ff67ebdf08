//! The project's one string table.
//!
//! Every sentence a person reads — in the app, in a server reply, in an error — is looked up here
//! by a stable key, in Chinese (the default) or English. The table is plain data: slices of
//! [`Entry`] tuples `(key, zh, en)`, one slice per area so that several people can add strings
//! without touching each other's files:
//!
//! * `rules.rs` — the messages and labels of this crate's validators (`credit_code_labels.rs`
//!   the names behind a credit code's authority and type, which no validator shows);
//!   `rules_cases.rs` those of its calendar, cases and disclosure;
//! * `ui.rs` — the app's frame strings (every bundle's); `pages_ui.rs` its pages' (home, guide,
//!   disclosure, 办件查询, drafts, settings), which the forms bundle does not show;
//! * `forms_ui.rs` — the app's strings of the forms; `drafts_ui.rs` those of drafts, the outbox
//!   and receipts, which only the drafts bundle shows;
//! * `staff_ui.rs` — the staff desk's; `disclosure_desk_ui.rs` its 依申请公开 pages';
//!   `admin_ui.rs` the admin bundle's (accounts, appeals, audit), `publish_catalog_ui.rs` and
//!   `publish_guide_ui.rs` its publishing pages';
//! * `citizen_fixes_ui.rs` — the receipt's next steps and 办件查询's pages (issue 14);
//! * `forms_more_ui.rs` — the printable forms' (表单下载) and the item page's conditional
//!   materials;
//! * `contact_ui.rs` — the citizen's 咨询 and 预约 pages' (and the item page's links to them);
//!   `contact_desk_ui.rs` the staff's front desk of them;
//! * `forms.rs` — the forms' validation and carry-over messages; `services.rs` the service
//!   items' labels and the server's submission and upload replies;
//! * `contact.rs` — 咨询 and 预约: the core rules' messages and the server's replies.
//! * `finding_ui.rs` — finding a service: the guide's search and filters, the home page's
//!   search box and 热门事项, the catalog's advice and pages.
//! * `village_ui.rs` — the village service room's 代办 mode: its setting and the day's view.
//!
//! Lookup searches all slices through one merged, sorted view built on first use, so a lookup is
//! a binary search whatever the number of slices. A browser bundle registers the slices it shows
//! ([`register`]); built with the `registered-strings` feature (the forms bundle), its lookups
//! search only those, and the other slices stay out of its wasm. A missing key is not an error at run time: [`tr`]
//! gives back the key itself, which is visible enough to be noticed and never crashes a page. The
//! unit tests guarantee that no key is duplicated (across slices too), none is empty, and the
//! Chinese and English texts of an entry use the same `{placeholders}`.
//!
//! Messages with values use `{name}` placeholders, filled by [`tr_args`].

mod admin_ui;
mod appeals_ui;
mod case_types;
mod cases;
mod catalog;
mod catalog_ui;
mod citizen_fixes_ui;
mod contact;
mod contact_desk_ui;
mod contact_ui;
mod credit_code_labels;
mod drafts_ui;
mod finding_ui;
mod forms;
mod forms_more_ui;
mod forms_ui;
mod pages_ui;
mod publish_catalog_ui;
mod publish_guide_ui;
mod rules;
mod rules_cases;
mod server;
mod services;
mod staff_ui;
mod track_facts;
mod tracking_ui;
mod ui;
mod village_ui;
// Declared after the others: the forms bundle, at its budget, moves by hundreds of bytes
// (brotli) with the mere order of what it is compiled with; declared here rather than among
// the others (or last in the file), this slice costs it about 300 B less.
mod disclosure_desk_ui;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// One string: `(key, Chinese, English)`.
///
/// Keys are dotted, lowercase and stable (`"id_card.check_digit"`); they are also used as machine
/// codes, so never reuse a key for a different meaning.
pub type Entry = (&'static str, &'static str, &'static str);

/// The table's slices one by one, for a program that needs only some of them: each bundle of
/// the web app registers the areas it shows, so the others' strings stay off its first load.
pub mod slices {
    pub use super::admin_ui::ADMIN_UI;
    pub use super::appeals_ui::APPEALS_UI;
    pub use super::case_types::CASE_TYPES;
    pub use super::cases::CASES;
    pub use super::catalog::CATALOG;
    pub use super::catalog_ui::CATALOG_UI;
    pub use super::citizen_fixes_ui::CITIZEN_FIXES_UI;
    pub use super::contact::CONTACT;
    pub use super::contact_desk_ui::CONTACT_DESK_UI;
    pub use super::contact_ui::CONTACT_UI;
    pub use super::credit_code_labels::CREDIT_CODE_LABELS;
    pub use super::drafts_ui::DRAFTS_UI;
    pub use super::finding_ui::FINDING_UI;
    pub use super::forms::FORMS;
    pub use super::forms_more_ui::FORMS_MORE_UI;
    pub use super::forms_ui::FORMS_UI;
    pub use super::pages_ui::PAGES_UI;
    pub use super::publish_catalog_ui::PUBLISH_CATALOG_UI;
    pub use super::publish_guide_ui::PUBLISH_GUIDE_UI;
    pub use super::rules::RULES;
    pub use super::rules_cases::RULES_CASES;
    pub use super::server::SERVER;
    pub use super::services::SERVICES;
    pub use super::staff_ui::STAFF_UI;
    pub use super::track_facts::TRACK_FACTS;
    pub use super::tracking_ui::TRACKING_UI;
    pub use super::ui::UI;
    pub use super::village_ui::VILLAGE_UI;

    pub use super::disclosure_desk_ui::DISCLOSURE_DESK_UI;
}

/// Every slice of the table. Add a slice here when adding a new file of strings.
pub static SLICES: &[&[Entry]] = &[
    rules::RULES,
    credit_code_labels::CREDIT_CODE_LABELS,
    rules_cases::RULES_CASES,
    case_types::CASE_TYPES,
    ui::UI,
    pages_ui::PAGES_UI,
    forms::FORMS,
    services::SERVICES,
    catalog::CATALOG,
    catalog_ui::CATALOG_UI,
    server::SERVER,
    staff_ui::STAFF_UI,
    tracking_ui::TRACKING_UI,
    track_facts::TRACK_FACTS,
    cases::CASES,
    forms_ui::FORMS_UI,
    drafts_ui::DRAFTS_UI,
    disclosure_desk_ui::DISCLOSURE_DESK_UI,
    admin_ui::ADMIN_UI,
    appeals_ui::APPEALS_UI,
    publish_catalog_ui::PUBLISH_CATALOG_UI,
    publish_guide_ui::PUBLISH_GUIDE_UI,
    contact_ui::CONTACT_UI,
    contact_desk_ui::CONTACT_DESK_UI,
    contact::CONTACT,
    citizen_fixes_ui::CITIZEN_FIXES_UI,
    forms_more_ui::FORMS_MORE_UI,
    finding_ui::FINDING_UI,
    village_ui::VILLAGE_UI,
];

/// A language the portal speaks. Chinese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Simplified Chinese.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Every supported language, default first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// Reads a BCP 47 language tag such as `"en-US"`, `"zh-Hans-CN"`, `"zh_CN"` or `"EN"`.
    ///
    /// Only the primary subtag matters. Returns `None` for a language the portal doesn't speak,
    /// so the caller decides the fallback (usually [`Lang::default`]).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("zh") {
            Some(Lang::Zh)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Picks the preferred supported language of an HTTP `Accept-Language` header (or of
    /// `navigator.languages` joined by commas): the highest quality value wins, then the earlier
    /// entry; `q=0` means "not this one". `None` when no supported language is listed.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32, usize)> = None;
        for (position, item) in header.split(',').enumerate() {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_tag) else {
                continue;
            };
            let quality = parts
                .find_map(|param| param.trim().strip_prefix("q="))
                .map_or(1.0, |q| q.trim().parse::<f32>().unwrap_or(0.0));
            if quality <= 0.0 {
                continue;
            }
            let better = best.is_none_or(|(_, best_quality, best_position)| {
                quality > best_quality || (quality == best_quality && position < best_position)
            });
            if better {
                best = Some((lang, quality, position));
            }
        }
        best.map(|(lang, _, _)| lang)
    }

    /// The short tag used in JSON and URLs: `"zh"` or `"en"`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// The table [`lookup`] searches, sorted by key: every slice (built once), or with the
/// `registered-strings` feature the registered ones.
fn merged() -> &'static [&'static Entry] {
    // A browser bundle built with `registered-strings` searches only the slices it registered,
    // so the others are not linked into it.
    #[cfg(feature = "registered-strings")]
    {
        REGISTERED.get().map_or(&[], Vec::as_slice)
    }
    #[cfg(not(feature = "registered-strings"))]
    {
        static MERGED: OnceLock<Vec<&'static Entry>> = OnceLock::new();
        MERGED.get_or_init(|| sorted(SLICES))
    }
}

/// The entries of `slices`, sorted by key.
fn sorted(slices: &[&'static [Entry]]) -> Vec<&'static Entry> {
    let mut all: Vec<&'static Entry> = slices.iter().flat_map(|slice| slice.iter()).collect();
    crate::sort::insertion_sort_by(&mut all, |a, b| a.0 < b.0);
    all
}

/// The slices a program registered ([`register`]), sorted by key.
static REGISTERED: OnceLock<Vec<&'static Entry>> = OnceLock::new();

/// Registers the slices of the table this program shows (a browser bundle, first thing in
/// `main`): [`lookup_registered`] searches them, and so does [`lookup`] (with [`tr`]) when the
/// crate is built with the `registered-strings` feature. Only the first call counts.
pub fn register(slices: &[&'static [Entry]]) {
    let _ = REGISTERED.set(sorted(slices));
}

/// Looks a key up in the registered slices only (see [`register`]).
pub fn lookup_registered(lang: Lang, key: &str) -> Option<&'static str> {
    find(REGISTERED.get().map_or(&[], Vec::as_slice), lang, key)
}

fn find(table: &[&'static Entry], lang: Lang, key: &str) -> Option<&'static str> {
    let index = table.binary_search_by(|entry| entry.0.cmp(key)).ok()?;
    let (_, zh, en) = table[index];
    Some(match lang {
        Lang::Zh => zh,
        Lang::En => en,
    })
}

/// Looks a key up; `None` if the table doesn't have it.
///
/// Use this for keys built at run time; use [`tr`] for literal keys.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    find(merged(), lang, key)
}

/// The text of `key` in `lang`, or the key itself when the table lacks it.
pub fn tr(lang: Lang, key: &'static str) -> &'static str {
    lookup(lang, key).unwrap_or(key)
}

/// The text of `key` in `lang` with each `{name}` replaced by the value given for `name`.
///
/// A placeholder with no value is left as it is (visible, never a crash); an unknown key gives
/// the key itself, as [`tr`] does.
pub fn tr_args(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    fill(tr(lang, key), args)
}

/// Replaces `{name}` placeholders in `template`.
/// Fills the `{name}` placeholders of `template` (what [`tr_args`] does after the lookup), for a
/// program with its own lookup over some of the [`slices`].
pub fn fill_args(template: &str, args: &[(&str, &str)]) -> String {
    fill(template, args)
}

fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after_open = &rest[open + 1..];
        match after_open.find('}') {
            Some(close) => {
                let name = &after_open[..close];
                match args.iter().find(|(arg, _)| *arg == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after_open[close + 1..];
            }
            None => {
                // A lone `{`: not a placeholder, keep the rest verbatim.
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Implemented by every error a person may see: a stable machine code and a sentence in their
/// language, taken from the table.
pub trait Localized {
    /// A stable code for logs, APIs and tests, e.g. `"id_card.check_digit"`.
    fn code(&self) -> &'static str;
    /// The message for a person, in `lang`.
    fn message(&self, lang: Lang) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<&str> {
        let mut names = BTreeSet::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    names.insert(&after[..close]);
                    rest = &after[close + 1..];
                }
                None => break,
            }
        }
        names
    }

    #[test]
    fn no_key_is_duplicated_across_slices() {
        let table = merged();
        for pair in table.windows(2) {
            assert_ne!(pair[0].0, pair[1].0, "duplicate key {}", pair[0].0);
        }
        let total: usize = SLICES.iter().map(|slice| slice.len()).sum();
        assert_eq!(table.len(), total);
    }

    #[test]
    fn no_key_or_text_is_empty() {
        for (key, zh, en) in merged() {
            assert!(!key.trim().is_empty(), "empty key");
            assert!(!zh.trim().is_empty(), "empty Chinese text for {key}");
            assert!(!en.trim().is_empty(), "empty English text for {key}");
            assert!(
                key.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_'),
                "key {key} should be lowercase ASCII, dots and underscores"
            );
        }
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for (key, zh, en) in merged() {
            assert_eq!(
                placeholders(zh),
                placeholders(en),
                "placeholders differ in {key}"
            );
        }
    }

    #[test]
    fn lookup_finds_entries_of_every_slice() {
        assert_eq!(tr(Lang::Zh, "app.title"), "行政服务中心");
        assert_eq!(tr(Lang::En, "nav.home"), "Home");
        assert_eq!(
            tr(Lang::Zh, "id_card.check_digit"),
            lookup(Lang::Zh, "id_card.check_digit").unwrap()
        );
    }

    #[test]
    fn missing_key_falls_back_to_the_key() {
        assert_eq!(tr(Lang::En, "no.such.key"), "no.such.key");
        assert_eq!(lookup(Lang::En, "no.such.key"), None);
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
        assert_eq!(fill("{a} and {missing}", &[("a", "1")]), "1 and {missing}");
        assert_eq!(fill("lone { brace", &[]), "lone { brace");
        assert_eq!(fill("中文{x}结束", &[("x", "值")]), "中文值结束");
    }

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh_TW"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr-FR"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(
            Lang::from_accept_language("fr-CH, fr;q=0.9, en;q=0.8"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language(""), None);
        assert_eq!(Lang::from_accept_language("garbage;;q=x"), None);
        assert_eq!(
            Lang::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"),
            Some(Lang::Zh)
        );
        assert_eq!(
            Lang::from_accept_language("zh;q=0.5, en-GB;q=0.7"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("fr, en;q=0.5"), Some(Lang::En));
        assert_eq!(
            Lang::from_accept_language("en;q=0, zh;q=0.1"),
            Some(Lang::Zh)
        );
        assert_eq!(Lang::default(), Lang::Zh);
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
        assert_eq!(serde_json::from_str::<Lang>("\"zh\"").unwrap(), Lang::Zh);
    }
}
