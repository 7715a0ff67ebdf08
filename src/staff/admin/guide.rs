//! 办事指南 on the admin desk: a department's 部门审核 (a center administrator: any department)
//! edits an item's ten disclosures (十公开), materials and fees, and publishes the next version
//! of its form from a JSON editor with 「检查」 (every problem by its place), 「预览」 (the real
//! form page in an iframe, `/guide/apply/<item>?draft=preview-<key>`, exactly what citizens will
//! see) and 「发布」 with an inline confirmation.
//!
//! The server (`api::guide_admin`) checks everything again with the core's rules and answers a
//! refusal with the JSON path of each field at fault; the page shows those messages next to the
//! fields and in a summary, and keeps what was typed. Plain DOM over `serde_json::Value`, as
//! `staff/disclosure.rs`: the item being edited is the server's JSON, changed in place by the
//! inputs (typing never rebuilds the page).

use std::collections::BTreeMap;

use guichet_core::i18n::Lang;
use guichet_core::wire::publish::{FormCheck, FormPreview, FormPublished, GuideItems};
use leptos::prelude::*;
use serde_json::{Value, json};

use crate::api::{self, ApiError};
use crate::dom::{self, El, el};
use crate::i18n::use_i18n;
use crate::staff::api::StaffSession;
use crate::staff::explain;

fn tr(lang: Lang, key: &'static str) -> &'static str {
    crate::i18n::tr(lang, key)
}

fn tr_args(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    crate::i18n::tr_args(lang, key, args)
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn n(v: &Value, key: &str) -> Option<i64> {
    let value = v.get(key)?;
    value.as_i64().or_else(|| value.as_f64().map(|f| f as i64))
}

fn encoded(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

/// What a refused save or publication said: its message and its fields (path → message).
#[derive(Clone, Default)]
struct Refusal {
    message: String,
    fields: BTreeMap<String, String>,
    stale: bool,
}

impl Refusal {
    fn of(error: &ApiError) -> Refusal {
        match error {
            ApiError::Server { status, body } => Refusal {
                message: body.message.clone(),
                fields: body.fields.clone(),
                stale: *status == 409,
            },
            other => Refusal {
                message: explain(other),
                ..Refusal::default()
            },
        }
    }
}

/// Problems of a form definition: (place, message).
type Problems = Vec<(String, String)>;

/// The page's state: reactive handles, copied into the listeners.
#[derive(Clone, Copy)]
struct Page {
    csrf: StoredValue<String>,
    /// The items this person may edit.
    items: RwSignal<Option<Result<GuideItems, String>>>,
    /// The chosen item's code.
    chosen: RwSignal<String>,
    /// The chosen item as the server last gave it (`item`, `revision`, `form`…).
    loaded: RwSignal<Option<Result<Value, String>>>,
    /// The item being edited (the inputs write here without a rebuild).
    draft: StoredValue<Value>,
    /// Bumped when the item editor's structure changes (a material added or removed).
    rebuild: RwSignal<u32>,
    saving: RwSignal<bool>,
    saved: RwSignal<Option<Result<String, Refusal>>>,
    /// The form definition being written.
    text: StoredValue<String>,
    /// The last check: `Ok(problems)` (empty: fine) or a failure's words.
    problems: RwSignal<Option<Result<Problems, String>>>,
    preview: RwSignal<Option<String>>,
    confirming: RwSignal<bool>,
    published: RwSignal<Option<Result<String, String>>>,
}

/// The page for `session`.
pub fn page(session: StaffSession) -> AnyView {
    let i18n = use_i18n();
    let page = Page {
        csrf: StoredValue::new(session.csrf_token),
        items: RwSignal::new(None),
        chosen: RwSignal::new(String::new()),
        loaded: RwSignal::new(None),
        draft: StoredValue::new(Value::Null),
        rebuild: RwSignal::new(0),
        saving: RwSignal::new(false),
        saved: RwSignal::new(None),
        text: StoredValue::new(String::new()),
        problems: RwSignal::new(None),
        preview: RwSignal::new(None),
        confirming: RwSignal::new(false),
        published: RwSignal::new(None),
    };
    leptos::task::spawn_local(async move {
        let answer = api::get_json::<GuideItems>("staff/guide/items")
            .await
            .map_err(|e| explain(&e));
        if let Ok(list) = &answer
            && let Some(first) = list.items.first()
        {
            page.open(first.code.clone());
        }
        let _ = page.items.try_set(Some(answer));
    });
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let lang = i18n.lang();
        page.rebuild.track();
        let content = page.build(lang);
        dom::replace_keeping_focus(&root, content);
    });
    view! { <div node_ref=root class="guide-admin"></div> }.into_any()
}

impl Page {
    /// Loads item `code` for editing (forgetting what was typed for another one).
    fn open(self, code: String) {
        self.chosen.set(code.clone());
        self.loaded.set(None);
        self.saved.set(None);
        self.problems.set(None);
        self.preview.set(None);
        self.confirming.set(false);
        self.published.set(None);
        leptos::task::spawn_local(async move {
            let answer = api::get_json::<Value>(&["staff/guide/items/", &encoded(&code)].concat())
                .await
                .map_err(|e| explain(&e));
            if self.chosen.try_get_untracked().as_ref() != Some(&code) {
                return;
            }
            if let Ok(read) = &answer {
                self.take(read);
            }
            let _ = self.loaded.try_set(Some(answer));
        });
    }

    /// Makes `read` (the server's item) the one being edited, and its form the editor's text.
    fn take(self, read: &Value) {
        self.draft.set_value(read["item"].clone());
        let form = &read["form"];
        let text = if form.is_null() {
            String::from(STARTER)
        } else {
            pretty(form)
        };
        self.text.set_value(text);
    }

    fn build(self, lang: Lang) -> El {
        let page = el("div").child(el("h1").text(tr(lang, "admin.guide.title")));
        let items = self.items.get();
        let list = match &items {
            None => return page.child(el("p").text(tr(lang, "settings.checking"))),
            Some(Err(message)) => return page.child(error_banner(message)),
            Some(Ok(list)) => list,
        };
        let entries = &list.items;
        if entries.is_empty() {
            return page.child(el("p").text(tr(lang, "admin.guide.none")));
        }
        let chosen = self.chosen.get();
        let select = el("select")
            .attr("id", "guide-item")
            .attr("data-testid", "guide-item")
            .children(entries.iter().map(|entry| {
                let code = entry.code.as_str();
                let option = el("option").attr("value", code).text(
                    &[
                        entry.department_name.as_str(),
                        " · ",
                        &entry.name,
                        " (",
                        code,
                        ")",
                    ]
                    .concat(),
                );
                if code == chosen {
                    option.attr("selected", "")
                } else {
                    option
                }
            }))
            .on("change", move |event| self.open(dom::target_value(&event)));
        let page = page.child(
            el("p")
                .child(
                    el("label")
                        .attr("for", "guide-item")
                        .text(tr(lang, "admin.guide.choose")),
                )
                .text(" ")
                .child(select),
        );
        match self.loaded.get() {
            None => page.child(el("p").text(tr(lang, "settings.checking"))),
            Some(Err(message)) => page.child(error_banner(&message)),
            Some(Ok(read)) => page
                .child(self.item_editor(lang, &read))
                .child(self.form_editor(lang, &read)),
        }
    }

    // --- The item -----------------------------------------------------------------------

    /// Writes `value` at `key` of the item being edited (`fee` keys inside its fee).
    fn set(self, key: &'static str, value: Value) {
        self.draft.update_value(|item| {
            if let Some(map) = item.as_object_mut() {
                map.insert(key.into(), value);
            }
        });
    }

    fn set_fee(self, key: &'static str, value: Value) {
        self.draft.update_value(|item| {
            if let Some(fee) = item.get_mut("fee").and_then(Value::as_object_mut) {
                fee.insert(key.into(), value);
            }
        });
    }

    fn set_material(self, index: usize, key: &'static str, value: Value) {
        self.draft.update_value(|item| {
            if let Some(material) = item
                .get_mut("materials")
                .and_then(|m| m.get_mut(index))
                .and_then(Value::as_object_mut)
            {
                material.insert(key.into(), value);
            }
        });
    }

    fn item_editor(self, lang: Lang, read: &Value) -> El {
        let item = self.draft.get_value();
        let saved = self.saved.get();
        let refusal = match &saved {
            Some(Err(refusal)) => Some(refusal.clone()),
            _ => None,
        };
        let fields = refusal
            .as_ref()
            .map(|r| r.fields.clone())
            .unwrap_or_default();
        let problem = |path: &str| fields.get(path).cloned();

        let text_row = |key: &'static str, label: &'static str| {
            let input = el("input")
                .attr("type", "text")
                .attr("id", &["g-", key].concat())
                .attr("data-testid", &["g-", key].concat())
                .attr("value", s(&item, key))
                .on("input", move |event| {
                    self.set(key, Value::String(dom::target_value(&event)))
                });
            row(lang, key, label, input, problem(key))
        };
        let lines_row = |key: &'static str, label: &'static str| {
            let text = item[key]
                .as_array()
                .map(|lines| {
                    lines
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default();
            let area = el("textarea")
                .attr("id", &["g-", key].concat())
                .attr("data-testid", &["g-", key].concat())
                .attr("rows", "3")
                .text(&text)
                .on("input", move |event| {
                    let lines: Vec<Value> = dom::target_value(&event)
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(|l| Value::String(l.to_owned()))
                        .collect();
                    self.set(key, Value::Array(lines));
                });
            let message = fields
                .iter()
                .filter(|(path, _)| *path == key || path.starts_with(&[key, "["].concat()))
                .map(|(_, m)| m.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            row(
                lang,
                key,
                label,
                area,
                (!message.is_empty()).then_some(message),
            )
            .child(
                el("p")
                    .class("note")
                    .text(tr(lang, "admin.guide.one_per_line")),
            )
        };
        let days_row = |key: &'static str, label: &'static str| {
            let input = el("input")
                .attr("type", "number")
                .attr("min", "0")
                .attr("step", "1")
                .attr("id", &["g-", key].concat())
                .attr("data-testid", &["g-", key].concat())
                .attr("value", &n(&item, key).unwrap_or(0).to_string())
                .on("input", move |event| {
                    let typed = dom::target_value(&event);
                    // Anything but a whole number ≥ 0 is sent as typed: the server names the
                    // field in its refusal.
                    let value = typed
                        .trim()
                        .parse::<u32>()
                        .map_or(Value::String(typed), Value::from);
                    self.set(key, value);
                });
            row(lang, key, label, input, problem(key))
        };
        let case_type = s(&item, "case_type");
        let case_select = el("select")
            .attr("id", "g-case_type")
            .attr("data-testid", "g-case_type")
            .children(CASE_TYPES.iter().map(|(code, key)| {
                let option = el("option").attr("value", code).text(tr(lang, key));
                if *code == case_type {
                    option.attr("selected", "")
                } else {
                    option
                }
            }))
            .on("change", move |event| {
                self.set("case_type", Value::String(dom::target_value(&event)))
            });
        let joint_text = item["joint_departments"]
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|d| s(d, "code"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let joint = el("input")
            .attr("type", "text")
            .attr("id", "g-joint_departments")
            .attr("value", &joint_text)
            .on("input", move |event| {
                let list: Vec<Value> = dom::target_value(&event)
                    .split([',', '，', '、', ' '])
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(|c| json!({"code": c.to_uppercase(), "name": ""}))
                    .collect();
                self.set("joint_departments", Value::Array(list));
            });
        let joint_problem = fields
            .iter()
            .filter(|(path, _)| path.starts_with("joint_departments"))
            .map(|(_, m)| m.as_str())
            .collect::<Vec<_>>()
            .join(" ");

        let summary = match &saved {
            None => None,
            Some(Ok(message)) => Some(
                el("p")
                    .class("banner ok")
                    .attr("role", "status")
                    .attr("data-testid", "guide-saved")
                    .text(message),
            ),
            Some(Err(refusal)) => Some(self.refusal_banner(lang, refusal)),
        };
        let save = el("button")
            .attr("type", "button")
            .class("primary")
            .attr("data-testid", "guide-save")
            .text(tr(
                lang,
                if self.saving.get() {
                    "admin.guide.saving"
                } else {
                    "admin.guide.save"
                },
            ))
            .on("click", move |_| self.save());
        let save = if self.saving.get_untracked() {
            save.attr("disabled", "")
        } else {
            save
        };
        el("section")
            .attr("aria-labelledby", "guide-item-heading")
            .child(
                el("h2")
                    .attr("id", "guide-item-heading")
                    .text(tr(lang, "admin.guide.item_heading")),
            )
            .child(el("p").class("note").text(&tr_args(
                lang,
                "admin.guide.updated",
                &[
                    ("time", &crate::clock::show_rfc3339(s(read, "updated_at"))),
                    ("code", s(&item, "code")),
                ],
            )))
            .child(text_row("name", "admin.guide.f.name"))
            .child(row(
                lang,
                "case_type",
                "admin.guide.f.case_type",
                case_select,
                problem("case_type"),
            ))
            .child(row(
                lang,
                "joint_departments",
                "admin.guide.f.joint",
                joint,
                (!joint_problem.is_empty()).then_some(joint_problem),
            ))
            .child(days_row("promised_days", "admin.guide.f.promised_days"))
            .child(days_row("legal_days", "admin.guide.f.legal_days"))
            .child(self.fee_editor(lang, &item, &fields))
            .child(self.materials_editor(lang, &item, &fields))
            .child(lines_row("legal_basis", "admin.guide.f.legal_basis"))
            .child(lines_row("steps", "admin.guide.f.steps"))
            .child(lines_row("conditions", "admin.guide.f.conditions"))
            .child(text_row("result", "admin.guide.f.result"))
            .child(text_row("place", "admin.guide.f.place"))
            .child(text_row("hours", "admin.guide.f.hours"))
            .child(text_row("telephone", "admin.guide.f.telephone"))
            .maybe(summary)
            .child(el("p").child(save))
    }

    fn refusal_banner(self, lang: Lang, refusal: &Refusal) -> El {
        let banner = el("div")
            .class("banner error")
            .attr("role", "alert")
            .attr("data-testid", "guide-refused")
            .child(el("p").text(&refusal.message))
            .child(el("ul").children(refusal.fields.values().map(|m| el("li").text(m))));
        if refusal.stale {
            banner.child(
                el("button")
                    .attr("type", "button")
                    .attr("data-testid", "guide-reload")
                    .text(tr(lang, "admin.guide.reload"))
                    .on("click", move |_| self.open(self.chosen.get_untracked())),
            )
        } else {
            banner
        }
    }

    fn fee_editor(self, lang: Lang, item: &Value, fields: &BTreeMap<String, String>) -> El {
        let fee = &item["fee"];
        let charged = s(fee, "type") == "charged";
        let kind = el("select")
            .attr("id", "g-fee")
            .attr("data-testid", "g-fee")
            .child(option("free", tr(lang, "admin.guide.f.fee_free"), !charged))
            .child(option(
                "charged",
                tr(lang, "admin.guide.f.fee_charged"),
                charged,
            ))
            .on("change", move |event| {
                let fee = if dom::target_value(&event) == "charged" {
                    json!({"type": "charged", "standard": "", "basis": ""})
                } else {
                    json!({"type": "free"})
                };
                self.set("fee", fee);
                self.rebuild.update(|r| *r = r.wrapping_add(1));
            });
        let group = el("fieldset")
            .child(el("legend").text(tr(lang, "admin.guide.f.fee")))
            .child(row(lang, "fee", "admin.guide.f.fee_kind", kind, None));
        if !charged {
            return group;
        }
        let input = |key: &'static str, label: &'static str| {
            let path = ["fee.", key].concat();
            let input = el("input")
                .attr("type", "text")
                .attr("id", &["g-fee-", key].concat())
                .attr("data-testid", &["g-fee-", key].concat())
                .attr("value", s(fee, key))
                .on("input", move |event| {
                    self.set_fee(key, Value::String(dom::target_value(&event)))
                });
            row(lang, &path, label, input, fields.get(&path).cloned())
        };
        group
            .child(input("standard", "admin.guide.f.fee_standard"))
            .child(input("basis", "admin.guide.f.fee_basis"))
    }

    fn materials_editor(self, lang: Lang, item: &Value, fields: &BTreeMap<String, String>) -> El {
        let materials = item["materials"].as_array().cloned().unwrap_or_default();
        let head = el("tr").children(
            [
                "admin.guide.m.name",
                "admin.guide.m.form",
                "admin.guide.m.count",
                "admin.guide.m.required",
                "admin.guide.m.uploadable",
                "admin.guide.m.note",
                "admin.guide.m.remove",
            ]
            .into_iter()
            .map(|key| el("th").attr("scope", "col").text(tr(lang, key))),
        );
        let rows = materials.iter().enumerate().map(|(i, m)| {
            let number = (i + 1).to_string();
            let label = |key: &'static str| [tr(lang, key), " ", &number].concat();
            let name = el("input")
                .attr("type", "text")
                .attr("aria-label", &label("admin.guide.m.name"))
                .attr("data-testid", "m-name")
                .attr("value", s(m, "name"))
                .on("input", move |event| {
                    self.set_material(i, "name", Value::String(dom::target_value(&event)))
                });
            let form_now = s(m, "form");
            let form = el("select")
                .attr("aria-label", &label("admin.guide.m.form"))
                .children(
                    MATERIAL_FORMS
                        .iter()
                        .map(|(code, key)| option(code, tr(lang, key), *code == form_now)),
                )
                .on("change", move |event| {
                    self.set_material(i, "form", Value::String(dom::target_value(&event)))
                });
            let count = el("input")
                .attr("type", "number")
                .attr("min", "1")
                .attr("aria-label", &label("admin.guide.m.count"))
                .attr("value", &n(m, "count").unwrap_or(1).to_string())
                .on("input", move |event| {
                    let count = dom::target_value(&event).trim().parse::<u32>().unwrap_or(0);
                    self.set_material(i, "count", Value::from(count));
                });
            let check = |key: &'static str, label_key: &'static str| {
                let input = el("input")
                    .attr("type", "checkbox")
                    .attr("aria-label", &label(label_key))
                    .on("change", move |event| {
                        self.set_material(i, key, Value::Bool(dom::target_checked(&event)))
                    });
                if m.get(key).and_then(Value::as_bool).unwrap_or(false) {
                    input.attr("checked", "")
                } else {
                    input
                }
            };
            let note = el("input")
                .attr("type", "text")
                .attr("aria-label", &label("admin.guide.m.note"))
                .attr("value", s(m, "note"))
                .on("input", move |event| {
                    let text = dom::target_value(&event);
                    let value = if text.trim().is_empty() {
                        Value::Null
                    } else {
                        Value::String(text)
                    };
                    self.set_material(i, "note", value);
                });
            let remove = el("button")
                .attr("type", "button")
                .attr("aria-label", &label("admin.guide.m.remove"))
                .text("×")
                .on("click", move |_| {
                    self.draft.update_value(|item| {
                        if let Some(list) = item.get_mut("materials").and_then(Value::as_array_mut)
                            && i < list.len()
                        {
                            list.remove(i);
                        }
                    });
                    self.rebuild.update(|r| *r = r.wrapping_add(1));
                });
            let message = fields
                .iter()
                .filter(|(path, _)| path.starts_with(&["materials[", &i.to_string(), "]"].concat()))
                .map(|(_, m)| m.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let first = el("td").child(name);
            let first = if message.is_empty() {
                first
            } else {
                first.child(el("p").class("field-error").text(&message))
            };
            el("tr")
                .child(first)
                .child(el("td").child(form))
                .child(el("td").child(count))
                .child(el("td").child(check("required", "admin.guide.m.required")))
                .child(el("td").child(check("uploadable", "admin.guide.m.uploadable")))
                .child(el("td").child(note))
                .child(el("td").child(remove))
        });
        let add = el("button")
            .attr("type", "button")
            .attr("data-testid", "m-add")
            .text(tr(lang, "admin.guide.m.add"))
            .on("click", move |_| {
                self.draft.update_value(|item| {
                    if let Some(list) = item.get_mut("materials").and_then(Value::as_array_mut) {
                        list.push(json!({"name": "", "form": "original", "count": 1,
                                         "required": true, "uploadable": false}));
                    }
                });
                self.rebuild.update(|r| *r = r.wrapping_add(1));
            });
        el("fieldset")
            .child(el("legend").text(tr(lang, "admin.guide.f.materials")))
            .child(
                el("div").class("table-wrap").child(
                    el("table")
                        .attr("data-testid", "materials")
                        .child(el("thead").child(head))
                        .child(el("tbody").children(rows)),
                ),
            )
            .child(el("p").child(add))
    }

    fn save(self) {
        let Some(Ok(read)) = self.loaded.get_untracked() else {
            return;
        };
        let code = self.chosen.get_untracked();
        let body = json!({"item": self.draft.get_value(), "revision": read["revision"]});
        self.saving.set(true);
        self.saved.set(None);
        leptos::task::spawn_local(async move {
            let path = ["staff/guide/items/", &encoded(&code)].concat();
            let answer: Result<Value, ApiError> =
                api::post_with_csrf(&path, &body, &self.csrf.get_value()).await;
            let _ = self.saving.try_set(false);
            let lang = api::language();
            match answer {
                Ok(read) => {
                    self.take(&read);
                    let text = tr_args(
                        lang,
                        "admin.guide.saved",
                        &[("time", &crate::clock::show_rfc3339(s(&read, "updated_at")))],
                    );
                    let _ = self.loaded.try_set(Some(Ok(read)));
                    let _ = self.saved.try_set(Some(Ok(text)));
                }
                Err(error) => {
                    let _ = self.saved.try_set(Some(Err(Refusal::of(&error))));
                }
            }
        });
    }

    // --- The form -----------------------------------------------------------------------

    fn form_editor(self, lang: Lang, read: &Value) -> El {
        let current = n(&read["form"], "version");
        let next = n(read, "next_form_version").unwrap_or(1).to_string();
        let intro = match current {
            Some(v) => tr_args(
                lang,
                "admin.guide.form_current",
                &[("version", &v.to_string()), ("next", &next)],
            ),
            None => tr_args(lang, "admin.guide.form_none", &[("next", &next)]),
        };
        let area = el("textarea")
            .attr("id", "g-definition")
            .attr("data-testid", "form-definition")
            .attr("rows", "18")
            .attr("spellcheck", "false")
            .class("code")
            .text(&self.text.get_value())
            .on("input", move |event| {
                self.text.set_value(dom::target_value(&event));
            });
        let button = |key: &'static str, testid: &str| {
            el("button")
                .attr("type", "button")
                .attr("data-testid", testid)
                .text(tr(lang, key))
        };
        let actions = el("p")
            .child(button("admin.guide.check", "form-check").on("click", move |_| self.check()))
            .text(" ")
            .child(
                button("admin.guide.preview", "form-preview-button")
                    .on("click", move |_| self.show_preview()),
            )
            .text(" ")
            .child(
                button("admin.guide.publish", "form-publish")
                    .class("primary")
                    .on("click", move |_| {
                        self.published.set(None);
                        self.confirming.set(true);
                    }),
            );
        let problems = match self.problems.get() {
            None => None,
            Some(Ok(list)) if list.is_empty() => Some(
                el("p")
                    .class("banner ok")
                    .attr("role", "status")
                    .attr("data-testid", "form-ok")
                    .text(tr(lang, "admin.guide.check_ok")),
            ),
            Some(Ok(list)) => Some(
                el("div")
                    .class("banner error")
                    .attr("role", "alert")
                    .attr("data-testid", "form-problems")
                    .child(el("p").text(&tr_args(
                        lang,
                        "admin.guide.problems",
                        &[("count", &list.len().to_string())],
                    )))
                    .child(el("ul").children(list.iter().map(|(place, message)| {
                        el("li")
                            .child(el("strong").text(place))
                            .text("：")
                            .text(message)
                    }))),
            ),
            Some(Err(message)) => Some(error_banner(&message)),
        };
        let confirm = self.confirming.get().then(|| {
            el("div")
                .class("banner")
                .attr("role", "alert")
                .attr("data-testid", "form-confirm")
                .child(el("p").text(&tr_args(
                    lang,
                    "admin.guide.confirm_text",
                    &[("version", &next)],
                )))
                .child(
                    el("p")
                        .child(
                            button("admin.guide.confirm", "form-confirm-publish")
                                .class("primary")
                                .on("click", move |_| self.publish()),
                        )
                        .text(" ")
                        .child(
                            button("admin.guide.cancel", "form-cancel")
                                .on("click", move |_| self.confirming.set(false)),
                        ),
                )
        });
        let published = self.published.get().map(|answer| match answer {
            Ok(message) => el("p")
                .class("banner ok")
                .attr("role", "status")
                .attr("data-testid", "form-published")
                .text(&message),
            Err(message) => error_banner(&message),
        });
        let preview = self.preview.get().map(|url| {
            el("div")
                .child(el("h3").text(tr(lang, "admin.guide.preview_title")))
                .child(
                    el("iframe")
                        .attr("src", &url)
                        .attr("title", tr(lang, "admin.guide.preview_title"))
                        .attr("data-testid", "form-preview")
                        .attr(
                            "style",
                            "width: 100%; height: 640px; border: 2px solid #555;",
                        ),
                )
        });
        el("section")
            .attr("aria-labelledby", "guide-form-heading")
            .child(
                el("h2")
                    .attr("id", "guide-form-heading")
                    .text(tr(lang, "admin.guide.form_heading")),
            )
            .child(el("p").text(&intro))
            .child(
                el("label")
                    .attr("for", "g-definition")
                    .text(tr(lang, "admin.guide.form_help")),
            )
            .child(area)
            .child(actions)
            .maybe(problems)
            .maybe(confirm)
            .maybe(published)
            .maybe(preview)
    }

    fn form_path(self, tail: &str) -> String {
        [
            "staff/guide/items/",
            &encoded(&self.chosen.get_untracked()),
            "/forms",
            tail,
        ]
        .concat()
    }

    fn check(self) {
        let body = json!({"definition": self.text.get_value()});
        let path = self.form_path("/validate");
        self.confirming.set(false);
        leptos::task::spawn_local(async move {
            let answer: Result<FormCheck, ApiError> =
                api::post_with_csrf(&path, &body, &self.csrf.get_value()).await;
            let shown = answer
                .map(|check| {
                    check
                        .problems
                        .into_iter()
                        .map(|p| (p.place, p.message))
                        .collect()
                })
                .map_err(|e| explain(&e));
            let _ = self.problems.try_set(Some(shown));
        });
    }

    /// A refusal's fields as problems (path → "place：message" from the server).
    fn refused(self, error: &ApiError) {
        let refusal = Refusal::of(error);
        let shown = if refusal.fields.is_empty() {
            Err(refusal.message)
        } else {
            Ok(refusal
                .fields
                .into_values()
                .map(|m| match m.split_once('：') {
                    Some((place, message)) => (place.to_owned(), message.to_owned()),
                    None => (String::new(), m),
                })
                .collect())
        };
        let _ = self.problems.try_set(Some(shown));
    }

    fn show_preview(self) {
        let body = json!({"definition": self.text.get_value()});
        let path = self.form_path("/preview");
        self.confirming.set(false);
        leptos::task::spawn_local(async move {
            let answer: Result<FormPreview, ApiError> =
                api::post_with_csrf(&path, &body, &self.csrf.get_value()).await;
            match answer {
                Ok(preview) => {
                    let _ = self.problems.try_set(Some(Ok(Vec::new())));
                    let _ = self.preview.try_set(Some(preview.url));
                }
                Err(error) => {
                    let _ = self.preview.try_set(None);
                    self.refused(&error);
                }
            }
        });
    }

    fn publish(self) {
        let Some(Ok(read)) = self.loaded.get_untracked() else {
            return;
        };
        let body = json!({
            "definition": self.text.get_value(),
            "based_on": read["form"].get("version").cloned().unwrap_or(Value::Null),
        });
        let path = self.form_path("");
        self.confirming.set(false);
        leptos::task::spawn_local(async move {
            let answer: Result<FormPublished, ApiError> =
                api::post_with_csrf(&path, &body, &self.csrf.get_value()).await;
            let lang = api::language();
            match answer {
                Ok(published) => {
                    let version = published.version.to_string();
                    let message = tr_args(lang, "admin.guide.published", &[("version", &version)]);
                    let _ = self.problems.try_set(None);
                    let _ = self.preview.try_set(None);
                    // The item again, so that the next version and the form are the new ones.
                    let code = self.chosen.get_untracked();
                    let path = ["staff/guide/items/", &encoded(&code)].concat();
                    if let Ok(read) = api::get_json::<Value>(&path).await {
                        let mut read = read;
                        // What was typed for the item but not saved stays.
                        read["item"] = self.draft.get_value();
                        self.take_form(&read);
                        let _ = self.loaded.try_set(Some(Ok(read)));
                    }
                    let _ = self.published.try_set(Some(Ok(message)));
                }
                Err(error) => {
                    let refusal = Refusal::of(&error);
                    if refusal.fields.is_empty() {
                        let _ = self.published.try_set(Some(Err(refusal.message)));
                    } else {
                        self.refused(&error);
                    }
                }
            }
        });
    }

    fn take_form(self, read: &Value) {
        if !read["form"].is_null() {
            self.text.set_value(pretty(&read["form"]));
        }
    }
}

/// A form to start from when an item has none.
const STARTER: &str = r#"{
  "sections": [
    {
      "id": "applicant",
      "title": {"zh": "申请人信息", "en": "Applicant"},
      "fields": [
        {"id": "applicant_name", "label": {"zh": "姓名", "en": "Name"}, "kind": "text", "required": true}
      ]
    }
  ]
}"#;

const CASE_TYPES: [(&str, &str); 4] = [
    ("immediate", "admin.guide.case.immediate"),
    ("promised", "admin.guide.case.promised"),
    ("joint", "admin.guide.case.joint"),
    ("reported", "admin.guide.case.reported"),
];

const MATERIAL_FORMS: [(&str, &str); 3] = [
    ("original", "admin.guide.m.original"),
    ("copy", "admin.guide.m.copy"),
    ("original_and_copy", "admin.guide.m.original_and_copy"),
];

/// `value` as indented JSON text (the browser's `JSON.stringify`).
fn pretty(value: &Value) -> String {
    let Some(text) = api::json_text(value) else {
        return String::new();
    };
    js_sys::JSON::parse(&text)
        .ok()
        .and_then(|parsed| {
            js_sys::JSON::stringify_with_replacer_and_space(
                &parsed,
                &wasm_bindgen::JsValue::NULL,
                &wasm_bindgen::JsValue::from(2),
            )
            .ok()
        })
        .and_then(|t| t.as_string())
        .unwrap_or(text)
}

fn option(value: &str, label: &str, selected: bool) -> El {
    let option = el("option").attr("value", value).text(label);
    if selected {
        option.attr("selected", "")
    } else {
        option
    }
}

fn error_banner(message: &str) -> El {
    el("p")
        .class("banner error")
        .attr("role", "alert")
        .attr("data-testid", "guide-error")
        .text(message)
}

/// A labelled input with the server's message about `path` under it, if any.
fn row(lang: Lang, path: &str, label: &'static str, input: El, problem: Option<String>) -> El {
    let id = input.0.id();
    let input = match &problem {
        Some(_) => input.attr("aria-invalid", "true"),
        None => input,
    };
    let row = el("p")
        .class("field")
        .attr("data-path", path)
        .child(el("label").attr("for", &id).text(tr(lang, label)))
        .child(el("br"))
        .child(input);
    match problem {
        Some(message) => row.child(el("span").class("field-error").text(&message)),
        None => row,
    }
}
