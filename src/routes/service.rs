//! One service item (`/guide/:code`) with its ten disclosures, and the loader that keeps what
//! the person opened on the device: network first, then the copy in IndexedDB, so the guide and
//! an offline filling work even after the service worker's API cache is gone (Enketo #986).
use guichet_core::form::FormDefinition;
use guichet_core::service::{Fee, ServiceItem, in_lang};
use leptos::prelude::*;
use leptos_router::components::A;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;

use crate::api;
use crate::i18n::use_i18n;
use crate::storage::Storage;

/// `GET /api/services/{code}`.
#[derive(Debug, Clone, Deserialize)]
pub struct ServiceDetail {
    /// Of the item, the form filler shows only its name (the whole `ServiceItem` is the guide's
    /// to decode).
    pub service: ServiceName,
    /// Read by hand from the answer's `form` ([`FormDefinition::from_json_value`]): the
    /// derived `Deserialize` of a form is a sixth of the forms bundle's code.
    #[serde(skip)]
    pub form: Option<FormDefinition>,
}

/// The name of a service item.
#[derive(Debug, Clone, Deserialize)]
pub struct ServiceName {
    pub name: String,
    /// Its English name, when translated: read by hand from `service.en.name` (a derive for
    /// it weighs more in the forms bundle than the lookup).
    #[serde(skip)]
    pub name_en: Option<String>,
}

/// What the item page needs of `GET /api/services/{code}`: the item, and whether it has a form
/// (its version). The form itself is kept on the device as text, never decoded here: its types
/// are the forms bundle's weight, not the guide's.
#[derive(Debug, Clone, Deserialize)]
pub struct ServicePage {
    pub service: ServiceItem,
    #[serde(default)]
    pub form: Option<FormVersion>,
    /// 常见问题: answered questions published by the department (kept offline with the item).
    #[serde(default)]
    pub faq: Vec<Faq>,
}

/// One published question and its answer, as staff redacted them.
#[derive(Debug, Clone, Deserialize)]
pub struct Faq {
    pub question: String,
    pub answer: String,
    #[serde(default)]
    pub answered_on: String,
}

/// The version of an item's current form.
#[derive(Debug, Clone, Deserialize)]
pub struct FormVersion {
    pub version: u32,
}

/// A value and whether it came from the device's copy (the network failed).
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub value: T,
    pub offline: bool,
}

/// `GET /api/<path>`, kept on the device under `key`; the kept copy when the network fails.
/// The error is a string key for the person.
pub async fn load<T: DeserializeOwned>(path: &str, key: &str) -> Result<Loaded<T>, &'static str> {
    load_text(path, key).await.map(|(loaded, _)| loaded)
}

/// [`load`], with the JSON text it decoded. Decoded by the browser's `JSON.parse` and
/// `serde-wasm-bindgen` (one serde path with the rest of the page, no serde_json).
async fn load_text<T: DeserializeOwned>(
    path: &str,
    key: &str,
) -> Result<(Loaded<T>, js_sys::JsString), &'static str> {
    let storage = Storage::shared().await.ok();
    let (text, offline) = match api::get_text(path).await {
        Ok(text) => {
            if let Some(storage) = &storage {
                // A full disk costs only the offline copy, never the page.
                let _ = storage.put_cached(key, &text).await;
            }
            (text, false)
        }
        Err(api::ApiError::Server { status: 404, .. }) => return Err("fui.not_found"),
        Err(_) => {
            let kept = match &storage {
                Some(storage) => storage.get_cached(key).await.ok().flatten(),
                None => None,
            };
            (kept.ok_or("fui.offline_missing")?, true)
        }
    };
    let parsed = js_sys::JSON::parse(&text).map_err(|_| "fui.unreadable")?;
    let value = serde_wasm_bindgen::from_value(parsed.clone()).map_err(|_| "fui.unreadable")?;
    Ok((Loaded { value, offline }, parsed.unchecked_into()))
}

/// The item page's data (kept as `item:<code>`); the item's current form is kept as
/// `form:<code>:<v>` too, as text, so that filling it works offline after this visit.
pub async fn load_page(code: &str) -> Result<Loaded<ServicePage>, &'static str> {
    let (page, parsed): (Loaded<ServicePage>, _) =
        load_text(&format!("services/{code}"), &format!("item:{code}")).await?;
    keep_current_form(code, page.value.form.as_ref().map(|f| f.version), &parsed).await;
    Ok(page)
}

/// An item's detail (kept as `item:<code>`); its current form is kept as `form:<code>:<v>` too.
/// With `preview`, a form checked in the desk's editor instead (`GET
/// /api/staff/guide/previews/{key}`, the same shape), never kept as the item's.
pub async fn load_detail(
    code: &str,
    preview: Option<&str>,
) -> Result<Loaded<ServiceDetail>, &'static str> {
    let (path, key) = match preview {
        Some(key) => (["staff/guide/previews/", key].concat(), "preview".into()),
        None => (format!("services/{code}"), format!("item:{code}")),
    };
    let (mut detail, parsed): (Loaded<ServiceDetail>, _) = load_text(&path, &key).await?;
    let form = js_sys::Reflect::get(&parsed, &"form".into()).map_err(|_| "fui.unreadable")?;
    if !form.is_undefined() && !form.is_null() {
        detail.value.form = Some(decode_form(form)?);
    }
    detail.value.service.name_en = ["service", "en", "name"]
        .iter()
        .try_fold(
            parsed.clone().into(),
            |value: wasm_bindgen::JsValue, key| {
                js_sys::Reflect::get(&value, &(*key).into())
                    .ok()
                    .filter(|v| v.is_object() || v.is_string())
            },
        )
        .and_then(|name| name.as_string())
        .filter(|name| !name.is_empty());
    if preview.is_none() {
        keep_current_form(code, detail.value.form.as_ref().map(|f| f.version), &parsed).await;
    }
    Ok(detail)
}

/// A form from the browser's parse of its JSON.
fn decode_form(parsed: wasm_bindgen::JsValue) -> Result<FormDefinition, &'static str> {
    let value: serde_json::Value =
        serde_wasm_bindgen::from_value(parsed).map_err(|_| "fui.unreadable")?;
    FormDefinition::from_json_value(&value).map_err(|_| "fui.unreadable")
}

async fn keep_current_form(code: &str, version: Option<u32>, parsed: &wasm_bindgen::JsValue) {
    if let Some(version) = version
        && let Ok(form_json) = js_sys::Reflect::get(parsed, &"form".into())
        && let Ok(text) = js_sys::JSON::stringify(&form_json)
        && let Some(text) = text.as_string()
        && let Ok(storage) = Storage::shared().await
    {
        let _ = storage
            .put_cached(&format!("form:{code}:{version}"), &text)
            .await;
    }
}

/// One published version of a form (immutable once published).
pub async fn load_form(code: &str, version: u32) -> Result<FormDefinition, &'static str> {
    let key = format!("form:{code}:{version}");
    if let Ok(storage) = Storage::shared().await
        && let Ok(Some(text)) = storage.get_cached(&key).await
        && let Ok(parsed) = js_sys::JSON::parse(&text)
        && let Ok(form) = decode_form(parsed)
    {
        return Ok(form);
    }
    let (_, parsed): (Loaded<serde::de::IgnoredAny>, _) =
        load_text(&format!("services/{code}/forms/{version}"), &key).await?;
    decode_form(parsed.into())
}

#[component]
pub fn Service() -> impl IntoView {
    let i18n = use_i18n();
    let code = crate::app::path_param("/guide/");
    let detail = LocalResource::new(move || {
        let code = code.get();
        async move { load_page(&code).await }
    });
    move || {
        match detail.get() {
        None => view! { <p class="note">{i18n.t("fui.loading")}</p> }.into_any(),
        Some(Err(key)) => view! { <h1>{i18n.t("nav.guide")}</h1><p class="banner error" role="alert">{i18n.t(key)}</p> }.into_any(),
        Some(Ok(Loaded { value, offline })) => {
            let lang = i18n.lang();
            let s = value.service;
            let en = s.english();
            // The item's text in the chosen language; Chinese inside an English page is marked.
            let said = move |zh: &str, english: Option<&String>| {
                let (text, chinese) = in_lang(lang, zh, english.map(String::as_str));
                view! { <span lang=chinese.then_some("zh-CN")>{text.to_owned()}</span> }
            };
            let list = move |items: &[String], english: &[String]| view! { <ol>{items.iter().enumerate().map(|(i, item)| view! { <li>{said(item, english.get(i))}</li> }).collect_view()}</ol> };
            let fee_basis = match &s.fee { Fee::Charged { basis, .. } => Some(said(basis, None)), Fee::Free => None };
            let (fee, fee_zh) = match &s.fee { Fee::Charged { standard, .. } => { let (text, chinese) = in_lang(lang, standard, Some(&en.fee)); (text.to_owned(), chinese) } Fee::Free => (s.fee.label(lang), false) };
            let joint = (!s.joint_departments.is_empty()).then(|| said(&s.joint_departments.iter().map(|d| d.name.clone()).collect::<Vec<_>>().join("、"), None));
            let apply = value.form.as_ref().map(|_| format!("/guide/apply/{}", s.code));
            let ask = format!("/contact/ask?item={}", s.code);
            let book = format!("/contact/book?department={}&item={}", s.department.code, s.code);
            let faq = value.faq;
            view! {
                <p class="crumbs"><A href="/guide">{i18n.t("nav.guide")}</A></p>
                <h1>{said(&s.name, Some(&en.name))}</h1>
                {offline.then(|| view! { <p class="banner" role="status">{i18n.t("fui.offline_copy")}</p> })}
                {match apply {
                    Some(href) => view! { <p><A href=href attr:class="button" attr:rel="external" attr:data-testid="start-apply">{i18n.t("fui.apply_online")}</A></p> }.into_any(),
                    None => view! { <p class="note">{i18n.t("fui.window_only")}</p> }.into_any(),
                }}
                <p><a href=format!("/guide/drafts/print?item={}", s.code) rel="external" data-testid="print-blank">{i18n.t("print.blank")}</a></p>
                <p class="contact-links">
                    <a href=ask class="button secondary" rel="external" data-testid="item-ask">{i18n.t("finding.item.ask")}</a>" "
                    <a href=book class="button secondary" rel="external" data-testid="item-book">{i18n.t("finding.item.book")}</a>
                </p>
                <dl class="facts disclosures">
                    <dt>{i18n.t("fui.d.code")}</dt><dd>{s.code.clone()}</dd>
                    <dt>{i18n.t("fui.d.department")}</dt><dd>{said(&s.department.name, Some(&en.department))}</dd>
                    <dt>{i18n.t("fui.d.case_type")}</dt><dd>{s.case_type.label(lang)}</dd>
                    {joint.map(|j| view! { <dt>{i18n.t("fui.d.joint")}</dt><dd>{j}</dd> })}
                    <dt>{i18n.t("fui.d.promised")}</dt><dd>{s.promised_label(lang)}</dd>
                    <dt>{i18n.t("fui.d.legal")}</dt><dd>{crate::i18n::tr_args(lang, "service.days", &[("days", &s.legal_days.to_string())])}</dd>
                    <dt>{i18n.t("fui.d.fee")}</dt><dd><span lang=fee_zh.then_some("zh-CN")>{fee}</span></dd>
                    {fee_basis.map(|b| view! { <dt>{i18n.t("fui.d.fee_basis")}</dt><dd>{b}</dd> })}
                    <dt>{i18n.t("fui.d.result")}</dt><dd>{said(&s.result, Some(&en.result))}</dd>
                    <dt>{i18n.t("fui.d.place")}</dt><dd>{said(&s.place, Some(&en.place))}</dd>
                    <dt>{i18n.t("fui.d.hours")}</dt><dd>{said(&s.hours, Some(&en.hours))}</dd>
                    <dt>{i18n.t("fui.d.telephone")}</dt><dd><a href=format!("tel:{}", s.telephone)>{s.telephone.clone()}</a></dd>
                </dl>
                <h2>{i18n.t("fui.d.basis")}</h2>
                {list(&s.legal_basis, &[])}
                <h2>{i18n.t("fui.d.conditions")}</h2>
                {list(&s.conditions, &en.conditions)}
                <h2>{i18n.t("fui.d.steps")}</h2>
                {list(&s.steps, &en.steps)}
                <h2>{i18n.t("fui.d.materials")}</h2>
                <div class="table-wrap">
                <table class="materials">
                    <thead><tr>
                        <th scope="col">{i18n.t("fui.m.name")}</th>
                        <th scope="col">{i18n.t("fui.m.form")}</th>
                        <th scope="col">{i18n.t("fui.m.count")}</th>
                        <th scope="col">{i18n.t("fui.m.required")}</th>
                        <th scope="col">{i18n.t("fui.m.upload")}</th>
                    </tr></thead>
                    <tbody>
                        {s.materials.iter().enumerate().map(|(i, m)| view! {
                            <tr>
                                <td>{said(&m.name, en.materials.get(i))}{m.note.as_ref().map(|n| view! { <br/><small class="condition">{i18n.t("fui.m.when")}{said(n, en.material_notes.get(i))}</small> })}</td>
                                <td>{m.form.label(lang)}</td>
                                <td>{m.count}</td>
                                <td>{i18n.t(if m.required { "service.material.required" } else { "service.material.optional" })}</td>
                                <td>{i18n.t(if m.uploadable { "fui.yes" } else { "fui.no" })}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                {(!faq.is_empty()).then(|| view! {
                    <h2>{i18n.t("finding.item.faq")}</h2>
                    <dl class="faq" data-testid="item-faq">
                        {faq.into_iter().map(|f| view! {
                            <dt lang="zh-CN">{f.question}</dt>
                            <dd><p lang="zh-CN">{f.answer}</p><p class="note">{f.answered_on}</p></dd>
                        }).collect_view()}
                    </dl>
                })}
            }.into_any()
        }
    }
    }
}
