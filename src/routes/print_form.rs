//! 表单下载 (`/guide/drafts/print?item=<code>` or `?draft=<id>`): an item's form as a page to
//! print on A4 and fill in by hand, empty or with a draft's answers — for a person who prefers
//! paper, or who brings the form to the window.
//!
//! Questions are boxes to write in (an ID number as 18 cells), choices are ☐ options, then the
//! materials checklist, the declaration, and the signature and date lines. Read from the copies
//! the guide keeps on the device, so it works offline after one visit of the item. Built as
//! plain DOM (see `crate::dom`), like the rest of the drafts bundle.
use guichet_core::form::{Answers, Condition, Field, FieldKind, FormDefinition, Label};
use guichet_core::i18n::{Lang, lookup_registered};
use guichet_core::service::{Fee, MaterialForm, ServiceItem, in_lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use crate::dom::{self, El, el};
use crate::i18n::{tr, tr_args, use_i18n};
use crate::routes::apply::{parse_answers, words};
use crate::routes::service::{load_form, load_page};
use crate::storage::Storage;

/// The page's path.
const PATH: &str = "/guide/drafts/print";

/// What is printed: the item, its form (if it has one), and a draft's answers (if any).
#[derive(Clone)]
struct Printable {
    item: ServiceItem,
    form: Option<FormDefinition>,
    answers: Option<Answers>,
}

/// Reads the item and form of `draft` (its own version) or of `item` (the current one).
async fn read(item: Option<String>, draft: Option<String>) -> Result<Printable, &'static str> {
    let (code, version, answers) = match draft {
        Some(id) => {
            let storage = Storage::shared().await.map_err(|_| "storage.unavailable")?;
            let draft = storage
                .get_draft(&id)
                .await
                .ok()
                .flatten()
                .ok_or("fui.draft_missing")?;
            (
                draft.item_code,
                Some(draft.form_version),
                Some(parse_answers(&draft.answers)),
            )
        }
        None => (item.ok_or("fui.not_found")?, None, None),
    };
    let page = load_page(&code).await?.value;
    let form = match version.or(page.form.as_ref().map(|f| f.version)) {
        Some(version) => Some(load_form(&code, version).await?),
        None => None,
    };
    Ok(Printable {
        item: page.service,
        form,
        answers,
    })
}

#[component]
pub fn PrintForm() -> impl IntoView {
    let i18n = use_i18n();
    let item = crate::app::query_param(PATH, "item");
    let draft = crate::app::query_param(PATH, "draft");
    let loaded = RwSignal::new(None::<Result<Printable, &'static str>>);
    Effect::new(move |_| {
        let (item, draft) = (item.get(), draft.get());
        spawn_local(async move {
            let _ = loaded.try_set(Some(read(item, draft).await));
        });
    });
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let lang = i18n.lang();
        let content = match loaded.get() {
            None => el("p").class("note").text(tr(lang, "fui.loading")),
            Some(Err(key)) => {
                set_title(tr(lang, "print.heading"), lang);
                el("div")
                    .child(el("h1").text(tr(lang, "print.heading")))
                    .child(
                        el("p")
                            .class("banner error")
                            .attr("role", "alert")
                            .text(tr(lang, key)),
                    )
            }
            Some(Ok(printable)) => sheet(lang, &printable),
        };
        dom::replace(&root, content);
    });
    view! { <div node_ref=root></div> }
}

/// 「… - 行政服务中心」.
fn set_title(page: &str, lang: Lang) {
    document().set_title(&format!("{page} - {}", tr(lang, "app.title")));
}

/// A form's text in `lang`, looked up in the bundle's own strings: the core's lookup (and
/// `Label::resolve`) would link the whole string table into this bundle.
fn label_text(lang: Lang, label: &Label) -> String {
    match label {
        Label::Key { key } => lookup_registered(lang, key).unwrap_or(key).to_owned(),
        Label::Text { zh, en } => in_lang(lang, zh, en.as_deref()).0.to_owned(),
    }
}

/// "原件" / "Original" (as `MaterialForm::label`, through the bundle's strings).
fn material_form(lang: Lang, form: MaterialForm) -> &'static str {
    tr(
        lang,
        match form {
            MaterialForm::Original => "service.material.original",
            MaterialForm::Copy => "service.material.copy",
            MaterialForm::OriginalAndCopy => "service.material.original_and_copy",
        },
    )
}

/// The item's text in `lang` (Chinese marked as such inside an English page).
fn item_text(lang: Lang, zh: &str, en: &str) -> El {
    let (text, _) = in_lang(lang, zh, Some(en));
    words(lang, text)
}

/// The printable sheet.
fn sheet(lang: Lang, printable: &Printable) -> El {
    let item = &printable.item;
    let en = item.english();
    let name = in_lang(lang, &item.name, Some(en.name.as_str()))
        .0
        .to_owned();
    let heading = tr_args(lang, "print.title", &[("name", &name)]);
    set_title(&heading, lang);
    let filled = printable.answers.is_some();
    let empty = Answers::new();
    let answers = printable.answers.as_ref().unwrap_or(&empty);
    let sections = printable
        .form
        .as_ref()
        .map(|form| questions(lang, form, answers, filled));
    let materials = item.materials.iter().enumerate().map(|(i, m)| {
        let copies = tr_args(
            lang,
            "print.copies",
            &[
                ("form", material_form(lang, m.form)),
                ("count", &m.count.to_string()),
            ],
        );
        let note = m.note.as_deref().map(|note| {
            el("span")
                .class("print-note")
                .text(tr(lang, "fui.m.when"))
                .child(item_text(
                    lang,
                    note,
                    en.material_notes.get(i).map_or("", String::as_str),
                ))
        });
        el("li")
            .child(box_glyph(false))
            .child(item_text(
                lang,
                &m.name,
                en.materials.get(i).map_or("", String::as_str),
            ))
            .text(&format!(" ({copies}) "))
            .maybe(note)
    });
    let declaration = printable
        .form
        .as_ref()
        .and_then(|f| f.declaration.as_ref())
        .map(|d| {
            el("section")
                .class("print-section")
                .child(el("h2").text(tr(lang, "fui.declaration_title")))
                .child(
                    el("p")
                        .child(box_glyph(
                            answers.get("declaration") == Some(&Value::Bool(true)),
                        ))
                        .child(words(lang, &label_text(lang, d))),
                )
        });
    let fee = match &item.fee {
        Fee::Charged { standard, .. } => item_text(lang, standard, &en.fee),
        Fee::Free => el("span").text(tr(lang, "service.fee.free")),
    };
    el("div")
        .class("print-form")
        .child(
            el("p").class("crumbs").child(
                el("a")
                    .attr("href", &format!("/guide/{}", item.code))
                    .attr("rel", "external")
                    .child(words(lang, &name)),
            ),
        )
        .child(el("h1").child(words(lang, &heading)))
        .child(
            el("div")
                .class("no-print print-actions")
                .child(el("p").class("note").text(tr(
                    lang,
                    if filled {
                        "print.note_draft"
                    } else {
                        "print.note"
                    },
                )))
                .child(
                    el("button")
                        .attr("type", "button")
                        .class("primary")
                        .attr("data-testid", "print")
                        .text(tr(lang, "print.button"))
                        .on("click", |_| {
                            let _ = window().print();
                        }),
                ),
        )
        .child(
            el("dl")
                .class("print-meta")
                .child(el("dt").text(tr(lang, "fui.d.code")))
                .child(el("dd").text(&item.code))
                .child(el("dt").text(tr(lang, "fui.d.department")))
                .child(el("dd").child(item_text(lang, &item.department.name, &en.department)))
                .child(el("dt").text(tr(lang, "fui.d.fee")))
                .child(el("dd").child(fee)),
        )
        .maybe(sections.map(|s| el("div").children(s)))
        .maybe(
            printable
                .form
                .is_none()
                .then(|| el("p").class("note").text(tr(lang, "print.no_form"))),
        )
        .maybe((!item.materials.is_empty()).then(|| {
            el("section")
                .class("print-section")
                .child(el("h2").text(tr(lang, "print.materials")))
                .child(el("ul").class("print-checklist").children(materials))
        }))
        .maybe(declaration)
        .child(
            el("div")
                .class("print-sign")
                .child(el("p").text(tr(lang, "print.sign")))
                .child(el("p").text(tr(lang, "print.date"))),
        )
}

/// A box to tick: ☐, or ☑ when chosen (the glyph is read as "selected" or not at all).
fn box_glyph(chosen: bool) -> El {
    el("span")
        .class("print-box-glyph")
        .attr("aria-hidden", "true")
        .text(if chosen { "☑ " } else { "☐ " })
}

/// The form's sections and their questions (a draft's: only those its answers show, by their
/// conditions over the answers as typed — the form engine's full visibility would bring its
/// validators into this bundle).
fn questions(lang: Lang, form: &FormDefinition, answers: &Answers, filled: bool) -> Vec<El> {
    let shown = |condition: &Option<Condition>| {
        !filled
            || condition
                .as_ref()
                .is_none_or(|c| c.eval(&mut |id| answers.get(id)))
    };
    form.sections
        .iter()
        .filter(|section| shown(&section.show_if))
        .filter_map(|section| {
            let fields: Vec<El> = section
                .fields
                .iter()
                .filter(|f| !matches!(f.kind, FieldKind::File { .. }) && shown(&f.show_if))
                .map(|f| question(lang, f, answers.get(&f.id), !filled))
                .collect();
            (!fields.is_empty()).then(|| {
                el("section")
                    .class("print-section")
                    .child(el("h2").child(words(lang, &label_text(lang, &section.title))))
                    .children(fields)
            })
        })
        .collect()
}

/// One question: its label, then a box (with the answer, if any) or its options.
fn question(lang: Lang, field: &Field, value: Option<&Value>, blank: bool) -> El {
    let mut label = el("p")
        .class("print-label")
        .child(words(lang, &label_text(lang, &field.label)));
    if blank && (field.show_if.is_some()) {
        label = label.child(
            el("span")
                .class("opt")
                .text(tr(lang, "print.if_applicable")),
        );
    }
    let text = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let answer = match &field.kind {
        FieldKind::Choice { options, .. } => {
            let chosen = |option: &str| match value {
                Some(Value::Array(items)) => items.iter().any(|x| x.as_str() == Some(option)),
                Some(Value::String(s)) => s == option,
                _ => false,
            };
            el("ul")
                .class("print-options")
                .children(options.iter().map(|o| {
                    let on = chosen(&o.value);
                    el("li")
                        .child(box_glyph(on))
                        .child(words(lang, &label_text(lang, &o.label)))
                        .maybe(on.then(|| {
                            el("span")
                                .class("visually-hidden")
                                .text(tr(lang, "print.selected"))
                        }))
                }))
        }
        FieldKind::IdNumber => {
            let given: Vec<char> = text(value).chars().collect();
            el("div").class("print-cells").children((0..18).map(|i| {
                el("span")
                    .class("print-cell")
                    .text(&given.get(i).map(char::to_string).unwrap_or_default())
            }))
        }
        FieldKind::Multiline { .. } => el("div")
            .class("print-box tall")
            .child(words(lang, &text(value))),
        _ => el("div")
            .class("print-box")
            .child(words(lang, &text(value))),
    };
    el("div")
        .class("print-field")
        .attr("data-testid", &format!("print-{}", field.id))
        .child(label)
        .child(answer)
}
