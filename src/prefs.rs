//! The person's display preferences: language and elderly mode (适老化: large text, high
//! contrast). They live in `localStorage`, not IndexedDB, because they must be known
//! synchronously before the first paint; a reload must not flash the wrong language.
use guichet_core::i18n::Lang;
use leptos::prelude::*;

const LANG_KEY: &str = "guichet.lang";
const ELDERLY_KEY: &str = "guichet.elderly";

/// Display preferences, provided as context at the root of the app.
#[derive(Clone, Copy)]
pub struct Prefs {
    pub lang: RwSignal<Lang>,
    pub elderly: RwSignal<bool>,
}

impl Prefs {
    /// Reads the stored preferences (Chinese and standard display when nothing is stored) and
    /// keeps `<html>` and the stored copy in step with them from now on.
    pub fn provide() -> Self {
        let stored = local_storage();
        let read = |key: &str| stored.as_ref().and_then(|s| s.get_item(key).ok().flatten());
        let prefs = Prefs {
            lang: RwSignal::new(
                read(LANG_KEY)
                    .and_then(|tag| Lang::from_tag(&tag))
                    .unwrap_or_default(),
            ),
            elderly: RwSignal::new(read(ELDERLY_KEY).as_deref() == Some("1")),
        };
        Effect::new(move |_| {
            let lang = prefs.lang.get();
            let elderly = prefs.elderly.get();
            crate::api::set_language(lang);
            if let Some(storage) = local_storage() {
                // A full or disabled storage only costs the memory of the choice, never the page.
                let _ = storage.set_item(LANG_KEY, html_lang(lang));
                let _ = storage.set_item(ELDERLY_KEY, if elderly { "1" } else { "0" });
            }
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("lang", html_lang(lang));
                let _ = root.class_list().toggle_with_force("elderly", elderly);
            }
        });
        provide_context(prefs);
        prefs
    }
}

/// The preferences of the current component tree.
pub fn use_prefs() -> Prefs {
    expect_context::<Prefs>()
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The BCP 47 tag for `<html lang>` (screen readers pick their voice from it).
pub fn html_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

/// The language the switch in the header offers.
pub fn other_lang(lang: Lang) -> Lang {
    match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    }
}
