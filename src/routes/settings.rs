//! 设置: language, elderly mode, and what the device and the server say about themselves.
use guichet_core::i18n::Lang;
use leptos::prelude::*;

use crate::api;
use crate::i18n::use_i18n;
use crate::prefs::use_prefs;
use crate::storage;

#[component]
pub fn Settings() -> impl IntoView {
    let i18n = use_i18n();
    let prefs = use_prefs();
    let health = LocalResource::new(api::health);
    let choose = move |lang: Lang| move |_| prefs.lang.set(lang);
    view! {
        <h1>{move || i18n.t("settings.heading")}</h1>
        <fieldset class="choice">
            <legend>{move || i18n.t("prefs.language")}</legend>
            <label>
                <input type="radio" name="lang" data-testid="lang-zh"
                    prop:checked=move || prefs.lang.get() == Lang::Zh on:change=choose(Lang::Zh)/>
                <span lang="zh-CN">"简体中文"</span>
            </label>
            <label>
                <input type="radio" name="lang" data-testid="lang-en"
                    prop:checked=move || prefs.lang.get() == Lang::En on:change=choose(Lang::En)/>
                <span lang="en">"English"</span>
            </label>
        </fieldset>
        <fieldset class="choice">
            <legend>{move || i18n.t("prefs.elderly")}</legend>
            <label>
                <input type="checkbox" data-testid="elderly-checkbox"
                    prop:checked=move || prefs.elderly.get()
                    on:change=move |ev| prefs.elderly.set(event_target_checked(&ev))/>
                <span>{move || i18n.t("prefs.elderly_hint")}</span>
            </label>
        </fieldset>
        <h2>{move || i18n.t("settings.about")}</h2>
        <dl class="facts">
            <dt>{move || i18n.t("settings.schema")}</dt>
            <dd>{storage::schema_version()}</dd>
            <dt>{move || i18n.t("settings.server")}</dt>
            <dd data-testid="server-health">
                {move || match health.get() {
                    None => i18n.t("settings.checking").to_string(),
                    Some(Ok(h)) => format!("{} ({})", i18n.t("settings.server_ok"), h.version),
                    Some(Err(_)) => i18n.t("settings.server_unreachable").to_string(),
                }}
            </dd>
        </dl>
    }
}
