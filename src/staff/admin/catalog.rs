//! 主动公开目录 on the admin desk: an agency's 信息公开工作人员 (or a center administrator, for
//! every agency) lists its entries (search by 名称 or 索引号, pages of 20, scheduled ones first),
//! creates and edits them (名称, 文号, 成文日期, 主题分类, 体裁, 主题词, 内容概述, 正文 as typed
//! text, attachments, a publication date ahead), withdraws them or marks them 已失效/已废止 after
//! a confirmation in the page, and imports a CSV or Excel file: a check first (each bad row by
//! line and column), then the import. The contract is `docs/catalog-publishing.md`.
//!
//! Plain DOM (`crate::dom`). The agencies, the list, the entry being edited (its card read as
//! text) and a save's answer are core's types (`wire::catalog_desk`); an import's report is read
//! as a JSON value. The page is rebuilt only when its structure changes (a list, the form's
//! target, errors, a confirmation, a report); typing only writes the form's signals.

use guichet_core::catalog::{Genre, Topic, Validity};
use guichet_core::i18n::Lang;
use guichet_core::wire::cases::Named;
use guichet_core::wire::catalog_desk::{
    CatalogAgencies, CatalogPage, EntryDetail, EntrySaved, EntryStatus,
};
use guichet_core::wire::files::NamedUpload;
use leptos::prelude::*;
use serde_json::{Value, json};
use wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
use crate::dom::{self, El, el};
use crate::i18n::use_i18n;
use crate::staff::api::StaffSession;
use crate::staff::explain;

fn tr(lang: Lang, key: &'static str) -> &'static str {
    crate::i18n::tr(lang, key)
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn list(v: &Value, key: &str) -> Vec<Value> {
    v.get(key)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn encoded(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

/// An answer being waited for (`None`), or what came.
type Loaded<T = Value> = RwSignal<Option<Result<T, String>>>;

fn load<T: Send + Sync + 'static>(
    into: Loaded<T>,
    call: impl Future<Output = Result<T, ApiError>> + 'static,
) {
    into.set(None);
    leptos::task::spawn_local(async move {
        into.set(Some(call.await.map_err(|e| explain(&e))));
    });
}

/// The form's fields, as typed.
#[derive(Clone, Copy)]
struct Form {
    agency_code: RwSignal<String>,
    title: RwSignal<String>,
    doc_no: RwSignal<String>,
    issued_on: RwSignal<String>,
    topic: RwSignal<String>,
    genre: RwSignal<String>,
    keywords: RwSignal<String>,
    summary: RwSignal<String>,
    body_text: RwSignal<String>,
    validity: RwSignal<String>,
    publish_on: RwSignal<String>,
    /// `[{"id", "name"}]`.
    files: RwSignal<Vec<Value>>,
}

impl Form {
    fn new() -> Form {
        Form {
            agency_code: RwSignal::new(String::new()),
            title: RwSignal::new(String::new()),
            doc_no: RwSignal::new(String::new()),
            issued_on: RwSignal::new(String::new()),
            topic: RwSignal::new(String::new()),
            genre: RwSignal::new(String::new()),
            keywords: RwSignal::new(String::new()),
            summary: RwSignal::new(String::new()),
            body_text: RwSignal::new(String::new()),
            validity: RwSignal::new("valid".into()),
            publish_on: RwSignal::new(String::new()),
            files: RwSignal::new(Vec::new()),
        }
    }

    /// Fills the form from the desk's entry (`None`: empties it).
    fn fill(&self, detail: Option<EntryDetail>) {
        let (e, body_text, publish_on, files) = match detail {
            Some(d) => (d.entry, d.body_text, d.publish_on, d.files),
            None => Default::default(),
        };
        self.title.set(e.title);
        self.doc_no.set(e.doc_no.unwrap_or_default());
        self.issued_on.set(e.issued_on);
        self.topic.set(e.topic);
        self.genre.set(e.genre);
        self.keywords.set(e.keywords.join(" "));
        self.summary.set(e.summary);
        self.body_text.set(body_text);
        self.validity.set(if e.validity.is_empty() {
            "valid".into()
        } else {
            e.validity
        });
        self.publish_on.set(publish_on.unwrap_or_default());
        self.files.set(
            files
                .into_iter()
                .filter_map(|f| Some(json!({"id": f.id?, "name": f.name})))
                .collect(),
        );
    }

    fn json(&self, index_no: Option<&str>) -> Value {
        let g = |signal: RwSignal<String>| signal.get_untracked();
        json!({
            "index_no": index_no,
            "agency_code": Some(g(self.agency_code)).filter(|a| !a.is_empty()),
            "title": g(self.title), "doc_no": g(self.doc_no), "issued_on": g(self.issued_on),
            "topic": g(self.topic), "genre": g(self.genre), "keywords": g(self.keywords),
            "summary": g(self.summary), "body_text": g(self.body_text),
            "validity": g(self.validity), "publish_on": g(self.publish_on),
            "files": self.files.get_untracked(),
        })
    }
}

/// This page for `session`.
pub fn page(session: StaffSession) -> AnyView {
    let i18n = use_i18n();
    let admin = session.staff.role == "center_admin";
    let csrf = StoredValue::new(session.csrf_token);
    let q = RwSignal::new(String::new());
    let page_no = RwSignal::new(1u32);
    let entries: Loaded<CatalogPage> = RwSignal::new(None);
    let refresh = move || {
        let path = [
            "staff/catalog/entries?q=",
            &encoded(&q.get_untracked()),
            "&page=",
            &page_no.get_untracked().to_string(),
        ]
        .concat();
        load(entries, async move { api::get_json(&path).await });
    };
    refresh();
    let agencies: Loaded<CatalogAgencies> = RwSignal::new(None);
    load(agencies, api::get_json("staff/catalog/agencies"));
    let form = Form::new();
    // The entry being edited (`None`: the form creates one).
    let editing = RwSignal::new(None::<String>);
    let errors = RwSignal::new(Value::Null);
    let notice = RwSignal::new(None::<String>);
    // A withdrawal or 失效/废止 waiting for its confirmation: (索引号, action).
    let confirm = RwSignal::new(None::<(String, &'static str)>);
    let import_file = StoredValue::new_local(None::<web_sys::File>);
    let report: Loaded = RwSignal::new(None);
    let importing = RwSignal::new(false);

    let open = move |index_no: String| {
        leptos::task::spawn_local(async move {
            let path = ["staff/catalog/entry?index_no=", &encoded(&index_no)].concat();
            match api::get_json::<EntryDetail>(&path).await {
                Ok(detail) => {
                    form.fill(Some(detail));
                    errors.set(Value::Null);
                    editing.set(Some(index_no));
                    scroll_to("catalog-form");
                }
                Err(e) => notice.set(Some(explain(&e))),
            }
        });
    };
    let save = move || {
        let index_no = editing.get_untracked();
        let body = form.json(index_no.as_deref());
        leptos::task::spawn_local(async move {
            let token = csrf.get_value();
            let path = if index_no.is_some() {
                "staff/catalog/update"
            } else {
                "staff/catalog/entries"
            };
            match api::post_with_csrf::<_, EntrySaved>(path, &body, &token).await {
                Ok(answer) => {
                    let lang = api::language();
                    let key = if answer.status == EntryStatus::Scheduled {
                        "admin.catalog.saved_scheduled"
                    } else {
                        "admin.catalog.saved"
                    };
                    notice.set(Some(guichet_core::tr_args(
                        lang,
                        key,
                        &[
                            ("index_no", &answer.index_no),
                            ("date", answer.publish_on.as_deref().unwrap_or_default()),
                        ],
                    )));
                    errors.set(Value::Null);
                    form.fill(None);
                    editing.set(None);
                    refresh();
                }
                Err(ApiError::Server { body, .. }) if !body.fields.is_empty() => {
                    errors.set(json!(body.fields));
                }
                Err(e) => errors.set(json!({ "": explain(&e) })),
            }
        });
    };
    let act = move |index_no: String, action: &'static str| {
        leptos::task::spawn_local(async move {
            let token = csrf.get_value();
            let answer = if action == "withdraw" {
                api::post_with_csrf::<_, Value>(
                    "staff/catalog/withdraw",
                    &json!({ "index_no": index_no }),
                    &token,
                )
                .await
            } else {
                api::post_with_csrf::<_, Value>(
                    "staff/catalog/validity",
                    &json!({ "index_no": index_no, "validity": action }),
                    &token,
                )
                .await
            };
            confirm.set(None);
            match answer {
                Ok(_) => {
                    notice.set(Some(guichet_core::tr_args(
                        api::language(),
                        "admin.catalog.done",
                        &[("index_no", &index_no)],
                    )));
                    refresh();
                }
                Err(e) => notice.set(Some(explain(&e))),
            }
        });
    };
    let upload = move |files: Vec<web_sys::File>| {
        leptos::task::spawn_local(async move {
            for file in files {
                let path = ["staff/catalog/files?name=", &encoded(&file.name())].concat();
                match api::post_blob_with_csrf::<NamedUpload>(&path, &file, &csrf.get_value()).await
                {
                    Ok(answer) => form.files.update(|all| {
                        all.push(json!({"id": answer.id, "name": answer.name}));
                    }),
                    Err(e) => {
                        errors.set(json!({ "files": explain(&e) }));
                        return;
                    }
                }
            }
            errors.set(Value::Null);
        });
    };
    let run_import = move |dry_run: bool| {
        let Some(file) = import_file.get_value() else {
            return;
        };
        let format = if file.name().to_lowercase().ends_with(".xlsx") {
            "xlsx"
        } else {
            "csv"
        };
        importing.set(!dry_run);
        let path = format!("staff/catalog/import?format={format}&dry_run={dry_run}");
        load(report, async move {
            let answer = api::post_blob_with_csrf::<Value>(&path, &file, &csrf.get_value()).await;
            if !dry_run && answer.is_ok() {
                refresh();
            }
            answer
        });
    };

    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let lang = i18n.lang();
        let agency_list = match agencies.get() {
            Some(Ok(list)) => list.agencies,
            _ => Vec::new(),
        };
        let scope = if admin {
            tr(lang, "admin.catalog.all_agencies").to_string()
        } else {
            agency_list
                .first()
                .map(|a| a.name.clone())
                .unwrap_or_default()
        };
        let mut page = el("div")
            .attr("data-testid", "catalog-desk")
            .child(el("h1").text(tr(lang, "admin.catalog.title")))
            .child(el("p").class("note").text(&scope));
        if let Some(message) = notice.get() {
            page = page.child(
                el("p")
                    .class("banner")
                    .attr("role", "status")
                    .attr("data-testid", "catalog-notice")
                    .text(&message),
            );
        }
        let search = el("form")
            .class("search")
            .attr("role", "search")
            .child(
                el("label").text(tr(lang, "admin.catalog.search")).child(
                    el("input")
                        .attr("type", "search")
                        .attr("data-testid", "catalog-q")
                        .attr("value", &q.get_untracked())
                        .on("input", move |e| q.set(dom::target_value(&e))),
                ),
            )
            .child(
                el("button")
                    .attr("type", "submit")
                    .text(tr(lang, "admin.catalog.search_go")),
            )
            .on("submit", move |e| {
                e.prevent_default();
                page_no.set(1);
                refresh();
            });
        page = page.child(search);
        page = page.child(match entries.get() {
            None => el("p").text(tr(lang, "settings.checking")),
            Some(Err(message)) => el("p")
                .class("banner error")
                .attr("role", "alert")
                .text(&message),
            Some(Ok(data)) => entries_table(lang, &data, confirm.get(), open, act, confirm)
                .child(pager(lang, &data, page_no, refresh)),
        });
        page = page.child(form_el(
            lang,
            admin,
            &agency_list,
            form,
            editing.get(),
            &errors.get(),
            &form.files.get(),
            save,
            upload,
            move || {
                form.fill(None);
                errors.set(Value::Null);
                editing.set(None);
            },
        ));
        page = page.child(import_el(
            lang,
            import_file,
            &report.get(),
            importing.get(),
            run_import,
        ));
        dom::replace_keeping_focus(&root, page);
    });
    view! { <div node_ref=root></div> }.into_any()
}

fn scroll_to(testid: &str) {
    if let Ok(Some(target)) = document().query_selector(&format!("[data-testid=\"{testid}\"]")) {
        target.scroll_into_view();
    }
}

fn validity_label(lang: Lang, code: &str) -> &'static str {
    Validity::from_code(code).map_or("", |v| tr(lang, v.label_key()))
}

fn button(text: &str, testid: &str, on: impl FnMut(web_sys::Event) + 'static) -> El {
    el("button")
        .attr("type", "button")
        .class("link")
        .attr("data-testid", testid)
        .text(text)
        .on("click", on)
}

/// The entries with their actions; a confirmation under the row it concerns.
fn entries_table(
    lang: Lang,
    data: &CatalogPage,
    asking: Option<(String, &'static str)>,
    open: impl Fn(String) + Copy + 'static,
    act: impl Fn(String, &'static str) + Copy + 'static,
    confirm: RwSignal<Option<(String, &'static str)>>,
) -> El {
    let rows = &data.entries;
    if rows.is_empty() {
        return el("div").child(
            el("p")
                .class("empty")
                .attr("data-testid", "catalog-empty")
                .text(tr(lang, "admin.catalog.none")),
        );
    }
    let head = el("thead").child(
        el("tr").children(
            [
                "admin.catalog.index_no",
                "admin.catalog.field.title",
                "admin.catalog.field.issued_on",
                "admin.catalog.field.validity",
                "admin.catalog.status",
                "admin.catalog.updated",
                "admin.catalog.actions",
            ]
            .iter()
            .map(|k| el("th").attr("scope", "col").text(tr(lang, k))),
        ),
    );
    let mut body = el("tbody");
    for r in rows {
        let index_no = r.index_no.clone();
        let scheduled = r.status == EntryStatus::Scheduled;
        let status = if scheduled {
            guichet_core::tr_args(
                lang,
                "admin.catalog.scheduled_on",
                &[("date", r.publish_on.as_deref().unwrap_or_default())],
            )
        } else {
            tr(lang, "admin.catalog.published").to_string()
        };
        let (edit_no, withdraw_no, expire_no, repeal_no) = (
            index_no.clone(),
            index_no.clone(),
            index_no.clone(),
            index_no.clone(),
        );
        let mut actions = el("td")
            .class("actions")
            .child(button(
                tr(lang, "admin.catalog.edit"),
                "catalog-edit",
                move |_| open(edit_no.clone()),
            ))
            .text(" ");
        if r.validity == "valid" {
            actions = actions
                .child(button(
                    tr(lang, "admin.catalog.expire"),
                    "catalog-expire",
                    move |_| confirm.set(Some((expire_no.clone(), "expired"))),
                ))
                .text(" ")
                .child(button(
                    tr(lang, "admin.catalog.repeal"),
                    "catalog-repeal",
                    move |_| confirm.set(Some((repeal_no.clone(), "repealed"))),
                ))
                .text(" ");
        }
        actions = actions.child(button(
            tr(lang, "admin.catalog.withdraw"),
            "catalog-withdraw",
            move |_| confirm.set(Some((withdraw_no.clone(), "withdraw"))),
        ));
        body = body.child(
            el("tr")
                .attr("data-testid", "catalog-row")
                .attr("data-index-no", &index_no)
                .child(el("td").class("nowrap").text(&index_no))
                .child(el("td").text(&r.title))
                .child(el("td").class("nowrap").text(&r.issued_on))
                .child(el("td").text(validity_label(lang, &r.validity)))
                .child(el("td").attr("data-testid", "catalog-status").text(&status))
                .child(
                    el("td")
                        .class("nowrap")
                        .text(&crate::clock::show_rfc3339(&r.updated_at)),
                )
                .child(actions),
        );
        if let Some((asked_no, action)) = asking.as_ref().filter(|(no, _)| *no == index_no) {
            let question = match *action {
                "withdraw" => "admin.catalog.confirm_withdraw",
                "expired" => "admin.catalog.confirm_expire",
                _ => "admin.catalog.confirm_repeal",
            };
            let (target, action) = (asked_no.clone(), *action);
            body = body.child(
                el("tr").child(
                    el("td").attr("colspan", "7").child(
                        el("div")
                            .class("confirm")
                            .attr("role", "group")
                            .attr("data-testid", "catalog-confirm")
                            .child(el("p").text(&guichet_core::tr_args(
                                lang,
                                question,
                                &[("index_no", asked_no), ("title", &r.title)],
                            )))
                            .child(
                                el("button")
                                    .attr("type", "button")
                                    .attr("data-testid", "catalog-confirm-yes")
                                    .text(tr(lang, "admin.confirm_yes"))
                                    .on("click", move |_| act(target.clone(), action)),
                            )
                            .text(" ")
                            .child(
                                el("button")
                                    .attr("type", "button")
                                    .class("secondary")
                                    .text(tr(lang, "admin.confirm_no"))
                                    .on("click", move |_| confirm.set(None)),
                            ),
                    ),
                ),
            );
        }
    }
    el("div").child(
        el("div").class("table-wrap").child(
            el("table")
                .class("catalog-entries")
                .attr("data-testid", "catalog-entries")
                .child(head)
                .child(body),
        ),
    )
}

fn pager(
    lang: Lang,
    data: &CatalogPage,
    page_no: RwSignal<u32>,
    refresh: impl Fn() + Copy + 'static,
) -> El {
    let total = data.total;
    let per_page = u64::from(data.per_page.max(1));
    let page = u64::from(page_no.get_untracked());
    let pages = total.div_ceil(per_page).max(1);
    let go = move |to: u32| {
        move |_| {
            page_no.set(to);
            refresh();
        }
    };
    let mut nav = el("nav").class("pager").text(&guichet_core::tr_args(
        lang,
        "admin.catalog.page",
        &[
            ("page", &page.to_string()),
            ("pages", &pages.to_string()),
            ("total", &total.to_string()),
        ],
    ));
    if page > 1 {
        nav = nav.text(" ").child(button(
            tr(lang, "admin.catalog.previous"),
            "catalog-previous",
            go(page as u32 - 1),
        ));
    }
    if page < pages {
        nav = nav.text(" ").child(button(
            tr(lang, "admin.catalog.next"),
            "catalog-next",
            go(page as u32 + 1),
        ));
    }
    nav
}

/// A labelled control with its error from `errors[field]`.
fn field(lang: Lang, key: &'static str, field: &str, control: El, errors: &Value) -> El {
    let label = el("label").text(tr(lang, key)).child(control);
    match errors.get(field).and_then(Value::as_str) {
        Some(message) => label.child(
            el("span")
                .class("field-error")
                .attr("role", "alert")
                .text(message),
        ),
        None => label,
    }
}

fn input(kind: &str, testid: &str, signal: RwSignal<String>) -> El {
    el("input")
        .attr("type", kind)
        .attr("name", testid)
        .attr("data-testid", testid)
        .attr("value", &signal.get_untracked())
        .on("input", move |e| signal.set(dom::target_value(&e)))
}

fn textarea(testid: &str, rows: &str, signal: RwSignal<String>) -> El {
    el("textarea")
        .attr("name", testid)
        .attr("data-testid", testid)
        .attr("rows", rows)
        .text(&signal.get_untracked())
        .on("input", move |e| signal.set(dom::target_value(&e)))
}

fn select(testid: &str, options: Vec<(String, String)>, signal: RwSignal<String>) -> El {
    let chosen = signal.get_untracked();
    el("select")
        .attr("data-testid", testid)
        .children(options.into_iter().map(|(code, label)| {
            let option = el("option").attr("value", &code).text(&label);
            if code == chosen {
                option.attr("selected", "")
            } else {
                option
            }
        }))
        .on("change", move |e| signal.set(dom::target_value(&e)))
}

fn coded<T: Copy>(
    lang: Lang,
    all: &[T],
    code: fn(T) -> &'static str,
    key: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (code(*v).to_string(), tr(lang, key(*v)).to_string()))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn form_el(
    lang: Lang,
    admin: bool,
    agencies: &[Named],
    form: Form,
    editing: Option<String>,
    errors: &Value,
    files: &[Value],
    save: impl Fn() + Copy + 'static,
    upload: impl Fn(Vec<web_sys::File>) + Copy + 'static,
    cancel: impl Fn() + Copy + 'static,
) -> El {
    let heading = match &editing {
        Some(index_no) => {
            guichet_core::tr_args(lang, "admin.catalog.edit_title", &[("index_no", index_no)])
        }
        None => tr(lang, "admin.catalog.create").to_string(),
    };
    let mut out = el("form")
        .class("catalog-form")
        .attr("data-testid", "catalog-form")
        .child(el("h2").text(&heading));
    if let Some(message) = errors.get("").and_then(Value::as_str) {
        out = out.child(
            el("p")
                .class("banner error")
                .attr("role", "alert")
                .text(message),
        );
    }
    if admin && editing.is_none() {
        let mut options = vec![(String::new(), tr(lang, "admin.account.choose").to_string())];
        options.extend(agencies.iter().map(|a| (a.code.clone(), a.name.clone())));
        out = out.child(field(
            lang,
            "admin.catalog.field.agency",
            "agency_code",
            select("catalog-agency", options, form.agency_code),
            errors,
        ));
    }
    let mut topics = vec![(String::new(), tr(lang, "admin.catalog.other").to_string())];
    topics.extend(coded(lang, Topic::ALL, Topic::code, Topic::label_key));
    let mut genres = vec![(String::new(), tr(lang, "admin.catalog.other").to_string())];
    genres.extend(coded(lang, Genre::ALL, Genre::code, Genre::label_key));
    let file_list =
        el("ul")
            .attr("data-testid", "catalog-files")
            .children(files.iter().enumerate().map(|(i, f)| {
                el("li").text(s(f, "name")).text(" ").child(button(
                    tr(lang, "admin.catalog.remove_file"),
                    "catalog-remove-file",
                    move |_| {
                        form.files.update(|all| {
                            if i < all.len() {
                                all.remove(i);
                            }
                        })
                    },
                ))
            }));
    let picker = el("input")
        .attr("type", "file")
        .attr("multiple", "")
        .attr(
            "accept",
            ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png",
        )
        .attr("data-testid", "catalog-file")
        .on("change", move |e| {
            let chosen = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|input| input.files());
            let mut picked = Vec::new();
            if let Some(chosen) = chosen {
                for i in 0..chosen.length() {
                    if let Some(file) = chosen.get(i) {
                        picked.push(file);
                    }
                }
            }
            upload(picked);
        });
    let publish_on = field(
        lang,
        "admin.catalog.field.publish_on",
        "publish_on",
        input("date", "catalog-publish-on", form.publish_on),
        errors,
    )
    .child(
        el("small")
            .class("note")
            .text(tr(lang, "admin.catalog.publish_on_hint")),
    );
    out = out
        .child(field(
            lang,
            "admin.catalog.field.title",
            "title",
            input("text", "catalog-title", form.title).attr("required", ""),
            errors,
        ))
        .child(field(
            lang,
            "admin.catalog.field.doc_no",
            "doc_no",
            input("text", "catalog-doc-no", form.doc_no),
            errors,
        ))
        .child(field(
            lang,
            "admin.catalog.field.issued_on",
            "issued_on",
            input("date", "catalog-issued-on", form.issued_on).attr("required", ""),
            errors,
        ))
        .child(field(
            lang,
            "admin.catalog.field.topic",
            "topic",
            select("catalog-topic", topics, form.topic),
            errors,
        ))
        .child(field(
            lang,
            "admin.catalog.field.genre",
            "genre",
            select("catalog-genre", genres, form.genre),
            errors,
        ))
        .child(field(
            lang,
            "admin.catalog.field.keywords",
            "keywords",
            input("text", "catalog-keywords", form.keywords),
            errors,
        ))
        .child(field(
            lang,
            "admin.catalog.field.summary",
            "summary",
            textarea("catalog-summary", "3", form.summary),
            errors,
        ))
        .child(
            field(
                lang,
                "admin.catalog.field.body",
                "body_text",
                textarea("catalog-body", "10", form.body_text),
                errors,
            )
            .child(
                el("small")
                    .class("note")
                    .text(tr(lang, "admin.catalog.body_hint")),
            ),
        )
        .child(field(
            lang,
            "admin.catalog.field.validity",
            "validity",
            select(
                "catalog-validity",
                coded(lang, Validity::ALL, Validity::code, Validity::label_key),
                form.validity,
            ),
            errors,
        ))
        .child(field(lang, "admin.catalog.field.files", "files", picker, errors).child(file_list))
        .child(publish_on)
        .child(
            el("button")
                .attr("type", "submit")
                .attr("data-testid", "catalog-save")
                .text(tr(
                    lang,
                    if editing.is_some() {
                        "admin.catalog.save"
                    } else {
                        "admin.catalog.publish"
                    },
                )),
        );
    if editing.is_some() {
        out = out.text(" ").child(
            el("button")
                .attr("type", "button")
                .class("secondary")
                .text(tr(lang, "admin.confirm_no"))
                .on("click", move |_| cancel()),
        );
    }
    out.on("submit", move |e| {
        e.prevent_default();
        save();
    })
}

fn import_el(
    lang: Lang,
    file: StoredValue<Option<web_sys::File>, LocalStorage>,
    report: &Option<Result<Value, String>>,
    applied: bool,
    run: impl Fn(bool) + Copy + 'static,
) -> El {
    let picker = el("input")
        .attr("type", "file")
        .attr("accept", ".csv,.xlsx,text/csv")
        .attr("data-testid", "catalog-import-file")
        .on("change", move |e| {
            let chosen = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            file.set_value(chosen);
        });
    let mut out = el("section")
        .class("catalog-import")
        .attr("data-testid", "catalog-import")
        .child(el("h2").text(tr(lang, "admin.catalog.import.title")))
        .child(
            el("p")
                .class("note")
                .text(tr(lang, "admin.catalog.import.columns")),
        )
        .child(
            el("label")
                .text(tr(lang, "admin.catalog.import.file"))
                .child(picker),
        )
        .child(
            el("button")
                .attr("type", "button")
                .attr("data-testid", "catalog-import-check")
                .text(tr(lang, "admin.catalog.import.check"))
                .on("click", move |_| run(true)),
        );
    match report {
        None => {}
        Some(Err(message)) => {
            out = out.child(
                el("p")
                    .class("banner error")
                    .attr("role", "alert")
                    .text(message),
            );
        }
        Some(Ok(r)) => {
            let n = |k: &str| r[k].as_u64().unwrap_or(0).to_string();
            let errors = list(r, "errors");
            let key = match (errors.is_empty(), applied) {
                (false, _) => "admin.catalog.import.report_errors",
                (true, false) => "admin.catalog.import.report_dry",
                (true, true) => "admin.catalog.import.report_done",
            };
            out = out.child(
                el("p")
                    .class(if errors.is_empty() {
                        "banner"
                    } else {
                        "banner error"
                    })
                    .attr("role", "status")
                    .attr("data-testid", "catalog-import-report")
                    .text(&guichet_core::tr_args(
                        lang,
                        key,
                        &[
                            ("rows", &n("rows")),
                            ("created", &n("created")),
                            ("updated", &n("updated")),
                            ("unchanged", &n("unchanged")),
                            ("errors", &errors.len().to_string()),
                        ],
                    )),
            );
            if !errors.is_empty() {
                let message_key = if lang == Lang::En {
                    "message_en"
                } else {
                    "message"
                };
                out = out.child(
                    el("ul")
                        .attr("data-testid", "catalog-import-errors")
                        .children(
                            errors
                                .iter()
                                .take(500)
                                .map(|e| el("li").text(s(e, message_key))),
                        ),
                );
            } else if !applied {
                out = out.child(
                    el("button")
                        .attr("type", "button")
                        .attr("data-testid", "catalog-import-apply")
                        .text(tr(lang, "admin.catalog.import.apply"))
                        .on("click", move |_| run(false)),
                );
            }
        }
    }
    out
}
