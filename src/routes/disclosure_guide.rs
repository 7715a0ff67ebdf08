//! 政府信息公开指南: the agencies that answer disclosure requests (`/disclosure/guides`) and one
//! agency's guide (`/disclosure/guides/<agency code>`): where and how to apply, fees and time
//! limit, a link into the request form with the agency filled in, and the agency's annual table
//! 「收到和处理政府信息公开申请情况」 for one of the last three years, with its CSV.
//!
//! Both pages are plain DOM (`crate::dom`) like the catalog's, to keep the disclosure bundle
//! small. The server answers these `/api` GETs with `no-store`, so the service worker keeps no
//! copy of them; the pages keep the last answers themselves in IndexedDB
//! (`Storage::put_cached`), which makes a guide readable offline after one online visit.

use std::cell::Cell;
use std::rc::Rc;

use chrono::Datelike;
use guichet_core::i18n::Lang;
use guichet_core::wire::disclosure::{AgencyGuide, AgencyList, AgencyView, AnnualTableView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsValue;

use crate::api::{self, ApiError};
use crate::app::{Bundle, link};
use crate::dom::{self, El, el};
use crate::i18n::{tr, tr_args, use_i18n};
use crate::storage::Storage;
use crate::sync::use_sync;

/// The list's path; an agency's guide is `PREFIX` + its code.
pub const LIST: &str = "/disclosure/guides";
/// Where an agency's guide lives.
pub const PREFIX: &str = "/disclosure/guides/";
/// The request form (the forms bundle; a full-page link from here).
pub const FORM: &str = "/guide/apply/YSQGK";
/// The device's copy of the agencies and their guides.
const AGENCIES_KEY: &str = "disclosure-agencies";

/// An agency of `GET /api/disclosure/agencies` with its 公开指南 (a field the agency left out
/// is empty, and not shown).
type Agency = AgencyView<AgencyGuide>;

/// The agencies of the answer, in the server's order.
fn agencies(parsed: JsValue) -> Result<Vec<Agency>, Missing> {
    serde_wasm_bindgen::from_value::<AgencyList<AgencyGuide>>(parsed)
        .map(|list| list.agencies)
        .map_err(|_| Missing::Failed)
}

/// Why a page has nothing to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Missing {
    NotFound,
    /// No connection and no copy on the device.
    Offline,
    Failed,
}

/// `GET /api/<path>` kept on the device under `key`; the kept copy when the server cannot be
/// reached. The flag says the copy was used.
async fn load(path: &str, key: &str) -> Result<(JsValue, bool), Missing> {
    let storage = Storage::shared().await.ok();
    let (text, kept) = match api::get_text(path).await {
        Ok(text) => {
            if let Some(storage) = &storage {
                // A full disk costs only the offline copy, never the page.
                let _ = storage.put_cached(key, &text).await;
            }
            (text, false)
        }
        Err(ApiError::Server { status: 404, .. }) => return Err(Missing::NotFound),
        Err(error) => {
            let copy = match &storage {
                Some(storage) => storage.get_cached(key).await.ok().flatten(),
                None => None,
            };
            // The service worker answers 503 when it is offline with nothing cached.
            let offline = matches!(error, ApiError::Network)
                || matches!(error, ApiError::Server { status: 503, .. });
            let missing = if offline {
                Missing::Offline
            } else {
                Missing::Failed
            };
            (copy.ok_or(missing)?, true)
        }
    };
    let parsed = js_sys::JSON::parse(&text).map_err(|_| Missing::Failed)?;
    Ok((parsed, kept))
}

/// The link into the request form with `fields` filled in: `?prefill=` the URL-encoded JSON
/// object, which the forms bundle reads. Written by the browser's `JSON.stringify`, so quotes
/// and brackets in a title are escaped as JSON wants.
pub fn apply_href(fields: &[(&str, &str)]) -> String {
    let object = js_sys::Object::new();
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), &JsValue::from_str(value));
    }
    match js_sys::JSON::stringify(&object)
        .ok()
        .and_then(|s| s.as_string())
    {
        Some(json) => {
            let encoded: String = js_sys::encode_uri_component(&json).into();
            format!("{FORM}?prefill={encoded}")
        }
        None => FORM.to_string(),
    }
}

/// A full-page link into another bundle (`rel="external"`).
fn outside(href: &str) -> El {
    link(href, Bundle::Disclosure)
}

/// The 「依申请公开」 box of the catalog's search page: where to go when the catalog does not have
/// what someone needs.
pub fn request_box(lang: Lang) -> El {
    let t = |key: &'static str| tr(lang, key);
    el("section")
        .class("catalog-browse gk-box")
        .attr("aria-labelledby", "gk-box-heading")
        .attr("data-testid", "gk-box")
        .child(
            el("h2")
                .attr("id", "gk-box-heading")
                .text(t("catalog_ui.gk.box_heading")),
        )
        .child(el("p").text(t("catalog_ui.gk.box_text")))
        .child(
            el("p")
                .class("actions")
                .child(
                    el("a")
                        .attr("href", LIST)
                        .attr("data-testid", "gk-guides-link")
                        .text(t("catalog_ui.gk.guides_link")),
                )
                .child(
                    outside(FORM)
                        .class("button secondary")
                        .attr("data-testid", "gk-form-link")
                        .text(t("catalog_ui.gk.form_link")),
                ),
        )
}

/// The link 「申请公开相关信息」 of an entry page: the form with the publishing agency (the part of
/// the 索引号 before `/`) and the document named by its title and 文号.
pub fn entry_apply_link(lang: Lang, index_no: &str, title: &str, doc_no: Option<&str>) -> El {
    let agency = index_no.split('/').next().unwrap_or_default();
    let description = match doc_no {
        Some(doc_no) if !doc_no.is_empty() => format!("{title}（{doc_no}）"),
        _ => title.to_string(),
    };
    el("p").class("gk-entry-apply").child(
        outside(&apply_href(&[
            ("agency", agency),
            ("description", &description),
        ]))
        .attr("data-testid", "gk-entry-apply")
        .text(tr(lang, "catalog_ui.gk.entry_apply")),
    )
}

/// A message in place of a page's content.
fn missing(lang: Lang, missing: Missing, not_found_key: &'static str) -> El {
    match missing {
        Missing::NotFound => el("p").class("empty").text(tr(lang, not_found_key)),
        Missing::Offline => el("p")
            .class("empty")
            .attr("data-testid", "gk-offline")
            .text(tr(lang, "catalog_ui.gk.offline_none")),
        Missing::Failed => el("p")
            .class("catalog-problem")
            .attr("role", "alert")
            .text(tr(lang, "catalog_ui.gk.failed")),
    }
}

fn loading(lang: Lang) -> El {
    el("p")
        .attr("aria-live", "polite")
        .text(tr(lang, "catalog_ui.search.loading"))
}

fn kept_note(lang: Lang) -> El {
    el("p")
        .class("note")
        .attr("data-testid", "gk-kept")
        .text(tr(lang, "catalog_ui.gk.kept_copy"))
}

/// `/disclosure/guides`: every agency, each linking to its guide.
#[component]
pub fn Guides() -> impl IntoView {
    let i18n = use_i18n();
    let online = use_sync().online;
    let root = NodeRef::<leptos::html::Div>::new();
    let sequence = Rc::new(Cell::new(0u32));
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let (lang, _) = (i18n.lang(), online.get());
        let number = sequence.get().wrapping_add(1);
        sequence.set(number);
        let sequence = sequence.clone();
        // The page is plain DOM, headings included (no `view!` text: lighter in the bundle).
        let page = move |content: El| {
            el("div")
                .child(
                    el("p").class("back").child(
                        el("a")
                            .attr("href", "/disclosure")
                            .text(tr(lang, "catalog_ui.entry.back")),
                    ),
                )
                .child(el("h1").text(tr(lang, "catalog_ui.gk.list_heading")))
                .child(
                    el("p")
                        .class("lead")
                        .text(tr(lang, "catalog_ui.gk.list_lead")),
                )
                .child(content)
        };
        dom::replace(&root, page(loading(lang)));
        spawn_local(async move {
            let loaded = load("disclosure/agencies", AGENCIES_KEY).await;
            if sequence.get() != number {
                return;
            }
            let loaded = loaded.and_then(|(parsed, kept)| Ok((agencies(parsed)?, kept)));
            let view = match loaded {
                Ok((list, kept)) => {
                    let items = list.iter().map(|agency| {
                        el("li").child(
                            el("a")
                                .attr("href", &format!("{PREFIX}{}", agency.code))
                                .text(&agency.name),
                        )
                    });
                    el("div").maybe(kept.then(|| kept_note(lang))).child(
                        el("ul")
                            .class("items")
                            .attr("data-testid", "gk-guide-list")
                            .children(items),
                    )
                }
                Err(why) => missing(lang, why, "catalog_ui.gk.failed"),
            };
            dom::replace(&root, page(view));
        });
    });
    view! { <div node_ref=root></div> }
}

/// The years the annual table can be asked for: the last three complete ones, newest first.
fn years() -> [i32; 3] {
    let last = crate::clock::center_today().year() - 1;
    [last, last - 1, last - 2]
}

/// `/disclosure/guides/<code>`: one agency's guide and its annual table.
#[component]
pub fn GuidePage() -> impl IntoView {
    let i18n = use_i18n();
    let online = use_sync().online;
    let code = crate::app::path_param(PREFIX);
    let year_param = crate::app::query_param(PREFIX, "year");
    let navigate = use_navigate();
    let year = Memo::new(move |_| {
        let years = years();
        year_param
            .get()
            .and_then(|y| y.parse::<i32>().ok())
            .filter(|y| years.contains(y))
            .unwrap_or(years[0])
    });
    let guide_root = NodeRef::<leptos::html::Div>::new();
    let annual_root = NodeRef::<leptos::html::Div>::new();
    let sequence = Rc::new(Cell::new(0u32));
    Effect::new(move |_| {
        let Some(root) = guide_root.get() else { return };
        let (lang, code, _) = (i18n.lang(), code.get(), online.get());
        let number = sequence.get().wrapping_add(1);
        sequence.set(number);
        let sequence = sequence.clone();
        let page = move |content: El| {
            el("div")
                .child(
                    el("p").class("back").child(
                        el("a")
                            .attr("href", LIST)
                            .text(tr(lang, "catalog_ui.gk.back")),
                    ),
                )
                .child(content)
        };
        dom::replace(&root, page(loading(lang)));
        spawn_local(async move {
            let loaded = load("disclosure/agencies", AGENCIES_KEY).await;
            if sequence.get() != number {
                return;
            }
            let loaded = loaded.and_then(|(parsed, kept)| Ok((agencies(parsed)?, kept)));
            let view = match loaded {
                Ok((list, kept)) => match list.into_iter().find(|a| a.code == code) {
                    Some(agency) => render_guide(lang, agency, kept),
                    None => el("div")
                        .child(el("h1").text(tr(lang, "catalog_ui.gk.list_heading")))
                        .child(missing(lang, Missing::NotFound, "catalog_ui.gk.not_found")),
                },
                Err(why) => el("div")
                    .child(el("h1").text(tr(lang, "catalog_ui.gk.list_heading")))
                    .child(missing(lang, why, "catalog_ui.gk.not_found")),
            };
            dom::replace(&root, page(view));
        });
    });
    let annual_sequence = Rc::new(Cell::new(0u32));
    Effect::new(move |_| {
        let Some(root) = annual_root.get() else {
            return;
        };
        let (lang, code, year, _) = (i18n.lang(), code.get(), year.get(), online.get());
        let number = annual_sequence.get().wrapping_add(1);
        annual_sequence.set(number);
        let annual_sequence = annual_sequence.clone();
        let navigate = navigate.clone();
        let choose: Rc<dyn Fn(&str)> = {
            let code = code.clone();
            Rc::new(move |year: &str| {
                navigate(&format!("{PREFIX}{code}?year={year}"), Default::default())
            })
        };
        dom::replace_keeping_focus(
            &root,
            annual_section(lang, year, choose.clone(), loading(lang)),
        );
        spawn_local(async move {
            let path = format!("disclosure/agencies/{code}/annual/{year}");
            let key = format!("disclosure-annual:{code}:{year}");
            let loaded = load(&path, &key).await;
            if annual_sequence.get() != number {
                return;
            }
            // No such agency: the guide above says so once; no table section under it.
            if let Err(Missing::NotFound) = loaded {
                dom::replace(&root, el("div"));
                return;
            }
            let loaded = loaded.and_then(|(parsed, kept)| {
                serde_wasm_bindgen::from_value::<AnnualTableView>(parsed)
                    .map(|annual| (annual, kept))
                    .map_err(|_| Missing::Failed)
            });
            let body = match loaded {
                Ok((annual, kept)) => el("div")
                    .maybe(kept.then(|| kept_note(lang)))
                    .child(
                        el("p")
                            .class("note gk-scroll")
                            .text(tr(lang, "catalog_ui.gk.scroll")),
                    )
                    .child(annual_table(lang, year, &annual))
                    .child(
                        el("p").child(
                            outside(&format!("/api/{path}.csv"))
                                .attr("download", "")
                                .attr("data-testid", "gk-annual-csv")
                                .text(tr(lang, "catalog_ui.gk.csv")),
                        ),
                    ),
                Err(Missing::Offline) => el("p")
                    .class("empty")
                    .attr("data-testid", "gk-annual-offline")
                    .text(tr(lang, "catalog_ui.gk.annual_offline")),
                Err(why) => missing(lang, why, "catalog_ui.gk.not_found"),
            };
            dom::replace_keeping_focus(&root, annual_section(lang, year, choose, body));
        });
    });
    view! {
        <div node_ref=guide_root></div>
        <div node_ref=annual_root></div>
    }
}

/// The guide block: the agency's name, its 公开指南 and the way into the form.
fn render_guide(lang: Lang, agency: Agency, kept: bool) -> El {
    let t = |key: &'static str| tr(lang, key);
    // (label, the guide's field)
    let guide = &agency.guide;
    let fields: [(&'static str, &str); 9] = [
        ("catalog_ui.gk.office", &guide.office),
        ("catalog_ui.gk.address", &guide.address),
        ("catalog_ui.gk.postal_code", &guide.postal_code),
        ("catalog_ui.gk.hours", &guide.hours),
        ("catalog_ui.gk.phone", &guide.phone),
        ("catalog_ui.gk.email", &guide.email),
        ("catalog_ui.gk.how_to_apply", &guide.how_to_apply),
        ("catalog_ui.gk.fees", &guide.fees),
        ("catalog_ui.gk.time_limit", &guide.time_limit),
    ];
    let mut list = el("dl").class("catalog-fields gk-fields");
    for (key, value) in fields {
        if value.is_empty() {
            continue;
        }
        // A phone number or an address to write to is one tap away on a phone.
        let value = match key {
            "catalog_ui.gk.phone" => el("a").attr("href", &format!("tel:{value}")).text(value),
            "catalog_ui.gk.email" => el("a").attr("href", &format!("mailto:{value}")).text(value),
            _ => el("span").text(value),
        };
        list = list
            .child(el("dt").text(t(key)))
            .child(el("dd").child(value));
    }
    el("article")
        .class("gk-guide")
        .attr("data-testid", "gk-guide")
        .child(el("h1").text(&agency.name))
        .child(el("p").class("lead").text(t("catalog_ui.gk.guide_lead")))
        .maybe(kept.then(|| kept_note(lang)))
        .child(list)
        .child(
            el("p").class("actions").child(
                outside(&apply_href(&[("agency", &agency.code)]))
                    .class("button")
                    .attr("data-testid", "gk-apply-link")
                    .text(t("catalog_ui.gk.apply")),
            ),
        )
}

/// The annual table's section: heading, the year choice and `body` (the table, or why not).
fn annual_section(lang: Lang, year: i32, choose: Rc<dyn Fn(&str)>, body: El) -> El {
    let t = |key: &'static str| tr(lang, key);
    let options = years().map(|y| {
        let text = y.to_string();
        let option = el("option").attr("value", &text).text(&tr_args(
            lang,
            "catalog_ui.gk.year_option",
            &[("year", &text)],
        ));
        if y == year {
            option.attr("selected", "")
        } else {
            option
        }
    });
    el("section")
        .class("gk-annual")
        .attr("aria-labelledby", "gk-annual-heading")
        .child(
            el("h2")
                .attr("id", "gk-annual-heading")
                .text(t("catalog_ui.gk.annual_heading")),
        )
        .child(
            el("p")
                .class("gk-year")
                .child(
                    el("label")
                        .attr("for", "gk-annual-year")
                        .text(t("catalog_ui.gk.year")),
                )
                .text(" ")
                .child(
                    el("select")
                        .attr("id", "gk-annual-year")
                        .attr("data-testid", "gk-annual-year")
                        .children(options)
                        .on("change", move |event| choose(&dom::target_value(&event))),
                ),
        )
        .child(body)
}

/// The table, scrollable sideways inside its own frame on a narrow screen (the page itself
/// never scrolls sideways); the frame takes the focus so a keyboard can scroll it too.
fn annual_table(lang: Lang, year: i32, annual: &AnnualTableView) -> El {
    let year_text = year.to_string();
    let caption = tr_args(lang, "catalog_ui.gk.caption", &[("year", &year_text)]);
    let head = el("tr")
        .child(
            el("th")
                .attr("scope", "col")
                .text(tr(lang, "catalog_ui.gk.item")),
        )
        .children(
            annual
                .columns
                .iter()
                .map(|c| el("th").attr("scope", "col").text(c)),
        );
    let rows = annual.rows.iter().map(|row| {
        el("tr")
            .child(el("th").attr("scope", "row").text(&row.label))
            .children(row.counts.iter().map(|n| el("td").text(&n.to_string())))
    });
    el("div")
        .class("table-wrap")
        .attr("role", "region")
        .attr("tabindex", "0")
        .attr("aria-labelledby", "gk-annual-caption")
        .child(
            el("table")
                .class("gk-table")
                .attr("data-testid", "gk-annual-table")
                .child(el("caption").attr("id", "gk-annual-caption").text(&caption))
                .child(el("thead").child(head))
                .child(el("tbody").children(rows)),
        )
}
