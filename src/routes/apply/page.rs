//! The page of a step, the check-your-answers page and each question, built as plain DOM from
//! the form's state.

use super::*;

/// The whole page for `step` (reads the structure's signals, tracked).
pub(super) fn page(form: Form, lang: Lang, step: &str) -> El {
    let (item_name, locked, dropped) = form.draft.with(|d| {
        (
            d.item_name.clone(),
            d.submitted_as.is_some(),
            d.dropped.clone(),
        )
    });
    let english = form.item_name_en.get_value();
    let shown_name = if lang == Lang::En && !english.is_empty() {
        english
    } else {
        item_name
    };
    let newer = form.newer().map(|version| {
        let old = form.definition.with(|d| d.version);
        el("div")
            .class("banner")
            .attr("role", "status")
            .attr("data-testid", "newer-version")
            .child(el("p").text(&tr_args(
                lang,
                "fui.newer_version",
                &[("new", &version.to_string()), ("old", &old.to_string())],
            )))
            .child(
                el("button")
                    .attr("type", "button")
                    .attr("data-testid", "carry")
                    .text(tr(lang, "fui.carry"))
                    .on("click", move |_| form.carry()),
            )
            .child(
                el("button")
                    .attr("type", "button")
                    .class("secondary")
                    .attr("data-testid", "keep-version")
                    .text(tr(lang, "fui.keep_version"))
                    .on("click", move |_| form.keep_old_version.set(true)),
            )
    });
    let dropped = (!dropped.is_empty()).then(|| {
        el("div")
            .class("banner")
            .attr("role", "status")
            .attr("data-testid", "dropped")
            .child(el("p").text(tr(lang, "fui.dropped")))
            .child(el("ul").children(dropped.into_iter().map(|note| {
                el("li")
                    .text(&note.message)
                    .text(" ")
                    .child(el("q").text(&note.value))
            })))
            .child(
                el("button")
                    .attr("type", "button")
                    .class("secondary")
                    .attr("data-testid", "dismiss-dropped")
                    .text(tr(lang, "fui.dismiss"))
                    .on("click", move |_| {
                        form.draft.update(|d| d.dropped.clear());
                        form.changed();
                    }),
            )
    });
    let body = if let Some(receipt) = form.queued_offline.get() {
        el("div")
            .child(
                el("p")
                    .class("banner")
                    .attr("role", "status")
                    .attr("data-testid", "queued-offline")
                    .attr("tabindex", "-1")
                    .text(tr(lang, "fui.queued_offline")),
            )
            .child(
                el("p").child(
                    el("a")
                        .attr("href", &receipt)
                        .attr("rel", "external")
                        .text(tr(lang, "fui.queued_offline_receipt")),
                ),
            )
    } else if locked {
        el("div")
            .child(
                el("p")
                    .class("banner")
                    .attr("role", "status")
                    .attr("data-testid", "draft-locked")
                    .text(tr(lang, "fui.draft_locked")),
            )
            .child(drafts_link(lang))
    } else if step == CHECK {
        let submit_error = form.submit_error.get().map(|key| {
            el("p")
                .class("banner error")
                .attr("role", "alert")
                .text(tr(lang, key))
        });
        let mut submit = el("button")
            .attr("type", "button")
            .class("primary")
            .attr("data-testid", "submit")
            .text(tr(lang, "fui.submit"))
            .on("click", move |_| form.submit());
        if form.submitting.get() {
            submit = submit.attr("disabled", "");
        }
        check_answers(form, lang)
            .maybe(declaration(form, lang))
            .maybe(submit_error)
            .child(el("p").class("note").text(tr(lang, "fui.submit_note")))
            .child(submit)
    } else {
        section_page(form, lang, step)
    };
    el("div")
        .child(
            el("p").class("crumbs").child(
                el("a")
                    .attr("href", &format!("/guide/{}", form.code.get_value()))
                    .attr("rel", "external")
                    .child(words(lang, &shown_name)),
            ),
        )
        .child(el("h1").child(words(lang, &shown_name)))
        .maybe(newer)
        .maybe(dropped)
        .maybe(error_summary(form, lang, step))
        .child(body)
}

/// The declaration the applicant ticks before 确认提交, when the form has one (its answer is
/// checked by the same validation as the questions', here and on the server).
pub(super) fn declaration(form: Form, lang: Lang) -> Option<El> {
    let text = form
        .definition
        .with(|d| d.declaration.as_ref().map(|l| l.resolve(lang)))?;
    let error = form.errors.with(|errors| {
        errors
            .iter()
            .find(|(id, _)| id == DECLARATION)
            .map(|(_, m)| m.clone())
    });
    let ticked = form
        .answers
        .with_untracked(|a| a.get(DECLARATION) == Some(&Value::Bool(true)));
    let qid = format!("q-{DECLARATION}");
    let mut input = el("input")
        .attr("id", &qid)
        .attr("type", "checkbox")
        .attr("data-testid", "declaration");
    if ticked {
        input = input.attr("checked", "");
    }
    if error.is_some() {
        input = input
            .attr("aria-invalid", "true")
            .attr("aria-describedby", &format!("err-{DECLARATION}"));
    }
    let error_line = error.map(|message| {
        el("p")
            .class("field-error")
            .attr("id", &format!("err-{DECLARATION}"))
            .child(
                el("span")
                    .class("visually-hidden")
                    .text(tr(lang, "fui.error_prefix")),
            )
            .text(&message)
    });
    Some(
        el("fieldset")
            .class(if error_line.is_some() {
                "choices declaration has-error"
            } else {
                "choices declaration"
            })
            .child(
                el("legend")
                    .class("label")
                    .text(tr(lang, "fui.declaration_title")),
            )
            .maybe(error_line)
            .child(
                el("label")
                    .class("option")
                    .attr("for", &qid)
                    .child(input.on("change", move |event| {
                        let on = dom::target_checked(&event);
                        form.set_answer(DECLARATION.to_owned(), on.then_some(Value::Bool(true)));
                    }))
                    .child(words(lang, &text)),
            ),
    )
}

/// The list of problems, each linking to its question (on the check page, to its step).
pub(super) fn error_summary(form: Form, lang: Lang, step: &str) -> Option<El> {
    let list = form.errors.get();
    if list.is_empty() {
        return None;
    }
    let on_check = step == CHECK;
    let (code, draft_id) = (
        form.code.get_value(),
        form.draft.with_untracked(|d| d.id.clone()),
    );
    let items = form.definition.with_untracked(|d| {
        list.into_iter()
            .map(|(id, message)| {
                let label = d.field(&id).map_or_else(
                    || tr(lang, "fui.declaration_title").to_owned(),
                    |f| f.label.resolve(lang),
                );
                let link = el("a")
                    .child(words(lang, &label))
                    .text(tr(lang, "fui.label_sep"))
                    .text(&message);
                let link = if on_check && id != DECLARATION {
                    // On the check page the question is on its step's page.
                    let section = d
                        .sections
                        .iter()
                        .find(|s| s.fields.iter().any(|f| f.id == id))
                        .map(|s| s.id.as_str())
                        .unwrap_or_default();
                    link.attr(
                        "href",
                        &format!(
                            "/guide/apply/{code}?draft={draft_id}&step={section}{BACK_TO_CHECK}"
                        ),
                    )
                } else {
                    link.attr("href", &format!("#q-{id}"))
                        .on("click", move |event| {
                            event.prevent_default();
                            if let Some(question) = document()
                                .get_element_by_id(&format!("q-{id}"))
                                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                            {
                                question.scroll_into_view();
                                let _ = question.focus();
                            }
                        })
                };
                el("li").child(link)
            })
            .collect::<Vec<_>>()
    });
    Some(
        el("div")
            .class("error-summary")
            .attr("role", "alert")
            .attr("tabindex", "-1")
            .attr("data-testid", "error-summary")
            .child(el("h2").text(tr(lang, "fui.errors_title")))
            .child(el("ul").children(items)),
    )
}

/// One section's questions, with continue and back.
pub(super) fn section_page(form: Form, lang: Lang, step: &str) -> El {
    let Some(section) = form
        .definition
        .with(|d| d.sections.iter().find(|s| s.id == step).cloned())
    else {
        return el("p")
            .class("banner error")
            .text(tr(lang, "fui.not_found"));
    };
    let shown = form.visible.get_untracked();
    let steps = form.steps.get_untracked();
    let errors = form.errors.get();
    let first = steps.first().is_none_or(|s| *s == section.id);
    let fields: Vec<El> = form.answers.with_untracked(|answers| {
        section
            .fields
            .iter()
            .map(|field| {
                let error = errors
                    .iter()
                    .find(|(id, _)| *id == field.id)
                    .map(|(_, m)| m.as_str());
                let question = question(form, lang, field, answers, error);
                if shown.contains(&field.id) {
                    question
                } else {
                    question.attr("hidden", "")
                }
            })
            .collect()
    });
    let (on_continue, on_back) = (section.id.clone(), section.id.clone());
    let back = (!first).then(|| {
        el("button")
            .attr("type", "button")
            .class("secondary")
            .attr("data-testid", "back")
            .text(tr(lang, "fui.back"))
            .on("click", move |_| form.back_from(&on_back))
    });
    el("div")
        .child(
            el("p")
                .class("step-count")
                .text(&step_count(lang, &steps, &section.id)),
        )
        .child(
            el("h2")
                .class("section-title")
                .attr("tabindex", "-1")
                .attr("data-step-heading", "")
                .text(&section.title.resolve(lang)),
        )
        .child(
            el("form")
                .class("form")
                .attr("novalidate", "")
                .on("submit", move |event| {
                    event.prevent_default();
                    form.continue_from(&on_continue);
                })
                .children(fields)
                .child(
                    el("div")
                        .class("actions")
                        .child(
                            el("button")
                                .attr("type", "submit")
                                .class("primary")
                                .attr("data-testid", "continue")
                                .text(tr(lang, "fui.continue")),
                        )
                        .maybe(back),
                ),
        )
}

/// The check-your-answers page: every visible answer by section, with change links.
pub(super) fn check_answers(form: Form, lang: Lang) -> El {
    let shown = form.visible.get_untracked();
    let (code, draft_id) = (
        form.code.get_value(),
        form.draft.with_untracked(|d| d.id.clone()),
    );
    let mut page = el("div").child(
        el("h2")
            .attr("tabindex", "-1")
            .attr("data-step-heading", "")
            .text(tr(lang, "fui.check_title")),
    );
    form.answers.with_untracked(|answers| {
        form.definition.with(|d| {
            for section in &d.sections {
                let fields: Vec<&Field> = section
                    .fields
                    .iter()
                    .filter(|f| shown.contains(&f.id))
                    .collect();
                if fields.is_empty() {
                    continue;
                }
                let href = format!(
                    "/guide/apply/{code}?draft={draft_id}&step={}{BACK_TO_CHECK}",
                    section.id
                );
                let rows = fields.into_iter().map(|f| {
                    let label = f.label.resolve(lang);
                    let value = answers
                        .get(&f.id)
                        .map(|v| value_text(Some(f), v, lang))
                        .filter(|t| !t.is_empty())
                        .unwrap_or_else(|| tr(lang, "fui.not_given").to_owned());
                    el("div")
                        .class("row")
                        .child(el("dt").child(words(lang, &label)))
                        .child(
                            el("dd")
                                .attr("data-testid", &format!("answer-{}", f.id))
                                .child(words(lang, &value)),
                        )
                        .child(
                            el("dd").class("change").child(
                                el("a")
                                    .attr("href", &href)
                                    .text(tr(lang, "fui.change"))
                                    .child(
                                        el("span")
                                            .class("visually-hidden")
                                            .text(&format!(" {label}")),
                                    ),
                            ),
                        )
                });
                page = std::mem::replace(&mut page, el("div"))
                    .child(el("h3").child(words(lang, &section.title.resolve(lang))))
                    .child(el("dl").class("summary-list").children(rows));
            }
        })
    });
    page
}

pub(super) fn text_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// One question, by its kind: its label, hint and error tied to the input (`for`,
/// `aria-describedby`, `aria-invalid`).
pub(super) fn question(
    form: Form,
    lang: Lang,
    field: &Field,
    answers: &Answers,
    error: Option<&str>,
) -> El {
    let id = field.id.clone();
    let qid = format!("q-{id}");
    let hint_id = format!("hint-{id}");
    let err_id = format!("err-{id}");
    let help = field.help.as_ref().map(|h| h.resolve(lang));
    let described = help
        .is_some()
        .then_some(hint_id.as_str())
        .into_iter()
        .chain(error.map(|_| err_id.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    let describe = |e: El| {
        if described.is_empty() {
            e
        } else {
            e.attr("aria-describedby", &described)
        }
    };
    let title = |tag: &str| {
        let label = el(tag)
            .class("label")
            .child(words(lang, &field.label.resolve(lang)));
        if field.required {
            label
        } else {
            label.child(el("span").class("opt").text(tr(lang, "fui.optional")))
        }
    };
    let hint = help.map(|h| {
        el("p")
            .class("hint")
            .attr("id", &hint_id)
            .child(words(lang, &h))
    });
    let error_line = error.map(|message| {
        el("p")
            .class("field-error")
            .attr("id", &err_id)
            .child(
                el("span")
                    .class("visually-hidden")
                    .text(tr(lang, "fui.error_prefix")),
            )
            .text(message)
    });
    let wrapper = el("div")
        .class(if error.is_some() {
            "field has-error"
        } else {
            "field"
        })
        .attr("id", &format!("field-{id}"));
    let typed = |input: El| {
        let id = id.clone();
        let input = describe(input).on("input", move |event| {
            form.set_answer(id.clone(), Some(Value::String(dom::target_value(&event))))
        });
        if error.is_some() {
            input.attr("aria-invalid", "true")
        } else {
            input
        }
    };
    let single = |input_type: &str, mode: Option<&str>, size: &str| {
        let mut input = el("input")
            .attr("id", &qid)
            .attr("name", &id)
            .attr("type", input_type)
            .class(size)
            // What the form says the question is about (WCAG 1.3.5); other questions are not
            // the browser's to fill.
            .attr(
                "autocomplete",
                field.autocomplete.as_deref().unwrap_or("off"),
            )
            .attr("spellcheck", "false")
            .attr("value", &text_of(answers.get(&id)));
        if let Some(mode) = mode {
            input = input.attr("inputmode", mode);
        }
        (title("label").attr("for", &qid), typed(input))
    };
    let (label, input) = match &field.kind {
        FieldKind::Text { .. } | FieldKind::Address => single("text", None, "input wide"),
        FieldKind::IdNumber | FieldKind::CreditCode => single("text", None, "input code"),
        FieldKind::Phone { .. } => single("tel", Some("tel"), "input code"),
        FieldKind::Number { .. } => single("text", Some("decimal"), "input short"),
        FieldKind::Date { .. } => single("date", None, "input short"),
        FieldKind::Multiline { .. } => (
            title("label").attr("for", &qid),
            typed(
                el("textarea")
                    .attr("id", &qid)
                    .attr("name", &id)
                    .attr("rows", "5")
                    .class("input wide")
                    .text(&text_of(answers.get(&id))),
            ),
        ),
        FieldKind::Choice { multiple, options } => {
            let multiple = *multiple;
            let choices = options.iter().enumerate().map(|(i, option)| {
                let input_id = if i == 0 {
                    qid.clone()
                } else {
                    format!("{qid}-{i}")
                };
                let checked = match answers.get(&id) {
                    Some(Value::Array(items)) => items
                        .iter()
                        .any(|x| x.as_str() == Some(option.value.as_str())),
                    Some(Value::String(s)) => *s == option.value,
                    _ => false,
                };
                let mut input = el("input")
                    .attr("id", &input_id)
                    .attr("type", if multiple { "checkbox" } else { "radio" })
                    .attr("name", &qid)
                    .attr("value", &option.value);
                if checked {
                    input = input.attr("checked", "");
                }
                let (field_id, value) = (id.clone(), option.value.clone());
                el("label")
                    .class("option")
                    .attr("for", &input_id)
                    .child(input.on("change", move |event| {
                        form.choose(&field_id, &value, multiple, dom::target_checked(&event))
                    }))
                    .child(words(lang, &option.label.resolve(lang)))
            });
            let fieldset = describe(el("fieldset").class("choices"))
                .child(title("legend"))
                .maybe(hint)
                .maybe(error_line)
                .children(choices);
            return wrapper.child(fieldset);
        }
        FieldKind::File {
            accept,
            max_bytes,
            max_count,
        } => {
            let types = accept
                .iter()
                .map(|t| t.short_name())
                .collect::<Vec<_>>()
                .join("/");
            let limits = tr_args(
                lang,
                "fui.file.limits",
                &[
                    ("types", &types),
                    ("max", &format_bytes(*max_bytes)),
                    ("count", &max_count.to_string()),
                    ("total", &format_bytes(MAX_CASE_FILE_BYTES)),
                ],
            );
            let mimes = accept
                .iter()
                .map(|t| t.mime())
                .collect::<Vec<_>>()
                .join(",");
            let rules = FileRules {
                accept: accept.clone(),
                max_bytes: *max_bytes,
                max_count: *max_count,
                types,
            };
            let files =
                listed_files(answers.get(&id))
                    .into_iter()
                    .map(|(upload_id, name, size)| {
                        let field_id = id.clone();
                        el("li")
                            .child(el("span").text(&format!("{name} ({})", format_bytes(size))))
                            .child(
                                el("button")
                                    .attr("type", "button")
                                    .class("link")
                                    .text(tr(lang, "fui.file.remove"))
                                    .child(
                                        el("span")
                                            .class("visually-hidden")
                                            .text(&format!(" {name}")),
                                    )
                                    .on("click", move |_| form.remove_file(&field_id, &upload_id)),
                            )
                    });
            let camera_id = format!("{qid}-camera");
            let picker = |input: El| {
                let (id, rules) = (id.clone(), rules.clone());
                input
                    .class("visually-hidden")
                    .attr("type", "file")
                    .on("change", move |event| {
                        form.pick_files(id.clone(), event, rules.clone())
                    })
            };
            let busy = form
                .file_busy
                .with(|b| b.as_deref() == Some(id.as_str()))
                .then(|| {
                    el("p")
                        .class("note")
                        .attr("role", "status")
                        .text(tr(lang, "fui.file.working"))
                });
            let problem = form.file_problem.with(|p| {
                p.as_ref()
                    .filter(|(field, _)| *field == id)
                    .map(|(_, message)| {
                        el("p")
                            .class("field-error")
                            .attr("role", "alert")
                            .text(message)
                    })
            });
            let fieldset = describe(el("fieldset").class("files"))
                .child(title("legend"))
                .child(el("p").class("hint").text(&limits))
                .maybe(hint)
                .maybe(error_line)
                .child(
                    el("ul")
                        .class("file-list")
                        .attr("data-testid", &format!("files-{id}"))
                        .children(files),
                )
                .child(
                    el("div")
                        .class("file-pick")
                        .child(
                            el("label")
                                .class("button secondary")
                                .attr("for", &camera_id)
                                .text(tr(lang, "fui.file.camera")),
                        )
                        .child(picker(
                            el("input")
                                .attr("id", &camera_id)
                                .attr("accept", "image/*")
                                .attr("capture", "environment"),
                        ))
                        .child(
                            el("label")
                                .class("button secondary")
                                .attr("for", &qid)
                                .text(tr(lang, "fui.file.choose")),
                        )
                        .child(picker(
                            el("input")
                                .attr("id", &qid)
                                .attr("accept", &mimes)
                                .attr("multiple", "")
                                .attr("data-testid", &format!("file-{id}")),
                        )),
                )
                .maybe(busy)
                .maybe(problem);
            return wrapper.child(fieldset);
        }
    };
    wrapper
        .child(label)
        .maybe(hint)
        .maybe(error_line)
        .child(input)
}
