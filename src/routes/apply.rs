//! 网上预审 (`/guide/apply/:code?draft=…&step=…`): any published form, rendered from its definition,
//! one section per page, then a check-your-answers page, then the outbox.
//!
//! * The step is in the address, so the browser's back and forward move between sections;
//!   the answers live in the draft, so nothing typed is lost on the way.
//! * Every change is saved: 300 ms after the last keystroke, and at once when the page is
//!   hidden or left (`visibilitychange`, `pagehide`) — the pending save is kept outside the
//!   reactive tree so that it still runs after the page's component is gone.
//! * Validation is `guichet_core::form::validate` with the center's date, exactly as the server
//!   runs it; hidden fields (`show_if`) are neither asked nor sent.
//! * A draft of an older form version offers the carry-over (showing what was left behind and
//!   its old value) or finishing on its own version.

use std::cell::{Cell, RefCell};

use crate::i18n::tr_args;
use guichet_core::Lang;
use guichet_core::form::condition::is_empty;
use guichet_core::form::validate::{format_bytes, visible_fields};
use guichet_core::form::{
    Answers, Field, FieldKind, FileRef, FormDefinition, carry_over, validate,
};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::attach;
use crate::clock;
use crate::i18n::{I18n, use_i18n};
use crate::routes::service::{load_detail, load_form};
use crate::storage::Storage;
use crate::storage::forms::{Draft, DroppedNote};
use crate::sync::{outbox, use_sync};

/// The debounce of autosave, in ms.
pub const SAVE_DELAY_MS: u32 = 300;
/// The step name of the check-your-answers page.
const CHECK: &str = "check";

struct PendingSave {
    draft: Draft,
    input_at: f64,
    saved: RwSignal<Option<f64>>,
}

thread_local! {
    static PENDING: RefCell<Option<PendingSave>> = const { RefCell::new(None) };
    static GENERATION: Cell<u32> = const { Cell::new(0) };
}

fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Writes the pending draft now, if any. Safe to call from any event: it needs no component.
pub fn flush() {
    let Some(pending) = PENDING.with(|p| p.borrow_mut().take()) else {
        return;
    };
    spawn_local(async move {
        let Ok(storage) = Storage::shared().await else {
            return;
        };
        match storage.put_draft(&pending.draft).await {
            Ok(()) => {
                // The page may be gone: `try_set` never panics on a disposed signal.
                let _ = pending.saved.try_set(Some(pending.draft.updated_at));
                announce_saved(pending.input_at);
            }
            Err(error) => web_sys::console::error_1(&error.to_string().into()),
        }
    });
}

/// Tells whoever listens (the benchmark) how long the save took from the input event.
fn announce_saved(input_at: f64) {
    let detail = js_sys::Array::of2(&input_at.into(), &perf_now().into());
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let (Some(window), Ok(event)) = (
        web_sys::window(),
        web_sys::CustomEvent::new_with_event_init_dict("guichet:draft-saved", &init),
    ) {
        let _ = window.dispatch_event(&event);
    }
}

fn schedule(draft: Draft, saved: RwSignal<Option<f64>>) {
    let input_at = perf_now();
    PENDING.with(|p| {
        *p.borrow_mut() = Some(PendingSave {
            draft,
            input_at,
            saved,
        })
    });
    let generation = GENERATION.get().wrapping_add(1);
    GENERATION.set(generation);
    spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(SAVE_DELAY_MS).await;
        if GENERATION.get() == generation {
            flush();
        }
    });
}

fn cancel_pending() {
    PENDING.with(|p| p.borrow_mut().take());
    GENERATION.set(GENERATION.get().wrapping_add(1));
}

/// The answers of a draft (empty when unreadable: a damaged record must still open).
pub fn parse_answers(text: &str) -> Answers {
    match serde_json::from_str(text) {
        Ok(Value::Object(map)) => map,
        _ => Answers::new(),
    }
}

/// Percent of the visible required fields answered.
pub fn progress(definition: &FormDefinition, answers: &Answers) -> u32 {
    let visible = visible_fields(definition, answers, clock::center_today());
    let required: Vec<&Field> = definition
        .fields()
        .filter(|f| f.required && visible.contains(&f.id))
        .collect();
    if required.is_empty() {
        return 100;
    }
    let done = required
        .iter()
        .filter(|f| answers.get(&f.id).is_some_and(|v| !is_empty(v)))
        .count();
    (done * 100 / required.len()) as u32
}

/// An answer in words (for the check page, and for what a carry-over left behind).
pub fn value_text(field: Option<&Field>, value: &Value, lang: Lang) -> String {
    let option_label = |v: &str| match field.map(|f| &f.kind) {
        Some(FieldKind::Choice { options, .. }) => options
            .iter()
            .find(|o| o.value == v)
            .map_or_else(|| v.to_owned(), |o| o.label.resolve(lang)),
        _ => v.to_owned(),
    };
    match value {
        Value::String(s) => option_label(s),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::Object(o) => o
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                other => value_text(field, other, lang),
            })
            .collect::<Vec<_>>()
            .join("、"),
        Value::Null | Value::Object(_) => String::new(),
    }
}

#[derive(Clone)]
enum Opened {
    /// A new draft was made; the address is to be replaced with its id.
    New(String),
    Ready(Box<Ready>),
}

#[derive(Clone)]
struct Ready {
    current: Option<FormDefinition>,
    definition: FormDefinition,
    draft: Draft,
}

async fn open(code: String, draft_id: Option<String>) -> Result<Opened, &'static str> {
    let storage = Storage::shared().await.map_err(|_| "storage.unavailable")?;
    let detail = load_detail(&code).await?.value;
    let current = detail.form.clone();
    let draft = match draft_id {
        Some(id) => storage
            .get_draft(&id)
            .await
            .ok()
            .flatten()
            .ok_or("fui.draft_missing")?,
        None => {
            let form = current.as_ref().ok_or("fui.window_only")?;
            let now = clock::now_ms();
            let draft = Draft {
                id: outbox::random_hex(16).map_err(|_| "storage.unavailable")?,
                item_code: code.clone(),
                item_name: detail.service.name.clone(),
                form_version: form.version,
                answers: "{}".into(),
                step: String::new(),
                created_at: now,
                updated_at: now,
                progress: 0,
                submitted_as: None,
                dropped: Vec::new(),
                supplement_for: None,
            };
            storage
                .put_draft(&draft)
                .await
                .map_err(|_| "storage.unavailable")?;
            return Ok(Opened::New(draft.id));
        }
    };
    let definition = match &current {
        Some(form) if form.version == draft.form_version => form.clone(),
        _ => load_form(&code, draft.form_version).await?,
    };
    Ok(Opened::Ready(Box::new(Ready {
        current,
        definition,
        draft,
    })))
}

#[component]
pub fn Apply() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let code = crate::app::path_param("/guide/apply/");
    let draft_param = crate::app::query_param("/guide/apply/", "draft");
    let opened = LocalResource::new(move || {
        let code = code.get();
        let draft = draft_param.get();
        async move { open(code, draft).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(Opened::New(id))) = opened.get() {
            let url = format!("/guide/apply/{}?draft={id}", code.get_untracked());
            navigate(
                &url,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    move || match opened.get() {
        None | Some(Ok(Opened::New(_))) => {
            view! { <p class="note">{i18n.t("fui.loading")}</p> }.into_any()
        }
        Some(Err(key)) => view! {
            <h1>{i18n.t("fui.apply")}</h1>
            <p class="banner error" role="alert">{i18n.t(key)}</p>
            <p><A href="/guide/drafts" attr:rel="external">{i18n.t("nav.drafts")}</A></p>
        }
        .into_any(),
        Some(Ok(Opened::Ready(ready))) => {
            view! { <Filler ready=*ready code=code.get_untracked()/> }.into_any()
        }
    }
}

#[component]
fn Filler(ready: Ready, code: String) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let step_param = crate::app::query_param("/guide/apply/", "step");
    let navigate = StoredValue::new_local(use_navigate());
    let today = clock::center_today();
    let answers = RwSignal::new(parse_answers(&ready.draft.answers));
    let draft = RwSignal::new(ready.draft);
    let definition = RwSignal::new(ready.definition);
    let current = StoredValue::new(ready.current);
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let saved = RwSignal::new(None::<f64>);
    let keep_old_version = RwSignal::new(false);
    let summary = NodeRef::<leptos::html::Div>::new();
    let code = StoredValue::new(code);

    let visible =
        Memo::new(move |_| definition.with(|d| answers.with(|a| visible_fields(d, a, today))));
    let steps = Memo::new(move |_| {
        let shown = visible.get();
        definition.with(|d| {
            d.sections
                .iter()
                .filter(|s| s.fields.iter().any(|f| shown.contains(&f.id)))
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let step = Memo::new(move |_| {
        let wanted = step_param.get();
        let steps = steps.get();
        match wanted {
            Some(s) if s == CHECK || steps.contains(&s) => s,
            _ => steps.first().cloned().unwrap_or_else(|| CHECK.into()),
        }
    });

    // The draft as it would be saved now.
    let snapshot = move || {
        let mut d = draft.get_untracked();
        let a = answers.get_untracked();
        d.answers =
            serde_json::to_string(&Value::Object(a.clone())).unwrap_or_else(|_| "{}".into());
        d.progress = definition.with_untracked(|def| progress(def, &a));
        d.step = step.get_untracked();
        d.updated_at = clock::now_ms();
        d
    };
    let changed = move || schedule(snapshot(), saved);
    let set_answer = move |id: String, value: Option<Value>| {
        answers.update(|a| match value {
            Some(v) if !is_empty(&v) => {
                a.insert(id, v);
            }
            _ => {
                a.remove(&id);
            }
        });
        changed();
    };

    let pagehide = window_event_listener(ev::pagehide, |_| flush());
    let hidden = window_event_listener_untyped("visibilitychange", |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            flush();
        }
    });
    on_cleanup(move || {
        pagehide.remove();
        hidden.remove();
        flush();
    });

    let go = move |to: String| {
        changed();
        flush();
        errors.set(Vec::new());
        let url = format!(
            "/guide/apply/{}?draft={}&step={to}",
            code.get_value(),
            draft.with_untracked(|d| d.id.clone())
        );
        navigate.with_value(|n| n(&url, NavigateOptions::default()));
    };
    let show_errors = move |found: Vec<(String, String)>| {
        errors.set(found);
        request_animation_frame(move || {
            if let Some(el) = summary.get_untracked() {
                let _ = el.focus();
            }
        });
    };
    let validate_all = move || {
        let lang = i18n.lang();
        definition.with_untracked(|d| {
            answers.with_untracked(|a| {
                validate(d, a, today).map_err(|errs| {
                    errs.into_iter()
                        .map(|e| (e.field_id.clone(), e.message(lang).to_owned()))
                        .collect::<Vec<_>>()
                })
            })
        })
    };
    let continue_from = move |section: String| {
        let in_section: Vec<String> = definition.with_untracked(|d| {
            d.sections
                .iter()
                .find(|s| s.id == section)
                .map(|s| s.fields.iter().map(|f| f.id.clone()).collect())
                .unwrap_or_default()
        });
        let found: Vec<(String, String)> = match validate_all() {
            Ok(_) => Vec::new(),
            Err(errs) => errs
                .into_iter()
                .filter(|(id, _)| in_section.contains(id))
                .collect(),
        };
        if !found.is_empty() {
            show_errors(found);
            return;
        }
        let steps = steps.get_untracked();
        let next = steps
            .iter()
            .position(|s| *s == section)
            .and_then(|i| steps.get(i + 1))
            .cloned()
            .unwrap_or_else(|| CHECK.into());
        go(next);
    };
    let submitting = RwSignal::new(false);
    let submit_error = RwSignal::new(None::<&'static str>);
    let submit = move || {
        let normalised = match validate_all() {
            Ok(n) => n,
            Err(found) => {
                show_errors(found);
                return;
            }
        };
        cancel_pending();
        submitting.set(true);
        let record_draft = snapshot();
        spawn_local(async move {
            let result = match Storage::shared().await {
                Ok(storage) => outbox::submit(&storage, &record_draft, &normalised)
                    .await
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            match result {
                Ok(record) => {
                    sync.refresh();
                    sync.send_now();
                    // The receipt is the drafts bundle's page: a full-page load.
                    crate::app::go_to_other_bundle(&format!("/guide/receipt/{}", record.id));
                }
                Err(error) => {
                    web_sys::console::error_1(&error.into());
                    let _ = submitting.try_set(false);
                    let _ = submit_error.try_set(Some("fui.submit_failed"));
                }
            }
        });
    };

    // Carry the answers over to the current version (only offered when there is a newer one).
    let carry = move || {
        let Some(new) = current.get_value() else {
            return;
        };
        let lang = i18n.lang();
        let old = definition.get_untracked();
        let result = answers.with_untracked(|a| carry_over(&old, &new, a));
        let notes = result
            .dropped
            .iter()
            .map(|d| DroppedNote {
                message: d.message(&old, lang),
                value: value_text(old.field(&d.field_id), &d.value, lang),
            })
            .collect();
        answers.set(result.answers);
        draft.update(|d| {
            d.form_version = new.version;
            d.dropped = notes;
        });
        definition.set(new);
        changed();
        flush();
    };
    let newer = move || {
        let mine = definition.with(|d| d.version);
        current
            .with_value(|c| c.as_ref().map(|c| c.version))
            .filter(|v| *v > mine && !keep_old_version.get())
    };

    let field_label = move |id: &str| {
        let lang = i18n.lang();
        definition.with_untracked(|d| d.field(id).map(|f| f.label.resolve(lang)))
    };
    let on_summary_link = move |id: String| {
        move |ev: web_sys::MouseEvent| {
            ev.prevent_default();
            if let Some(el) = document()
                .get_element_by_id(&format!("q-{id}"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                el.scroll_into_view();
                let _ = el.focus();
            }
        }
    };
    let error_summary = move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            let on_check = step.get_untracked() == CHECK;
            view! {
                <div class="error-summary" role="alert" tabindex="-1" node_ref=summary data-testid="error-summary">
                    <h2>{i18n.t("fui.errors_title")}</h2>
                    <ul>
                        {list.into_iter().map(|(id, message)| {
                            let label = field_label(&id).unwrap_or_else(|| id.clone());
                            let text = format!("{label}：{message}");
                            if on_check {
                                // On the check page the field is on its step's page.
                                let section = definition.with_untracked(|d| d.sections.iter()
                                    .find(|s| s.fields.iter().any(|f| f.id == id))
                                    .map(|s| s.id.clone()).unwrap_or_default());
                                let href = format!("/guide/apply/{}?draft={}&step={section}",
                                    code.get_value(), draft.with_untracked(|d| d.id.clone()));
                                view! { <li><A href=href>{text}</A></li> }.into_any()
                            } else {
                                view! { <li><a href=format!("#q-{id}") on:click=on_summary_link(id.clone())>{text}</a></li> }.into_any()
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    };

    let item_name = move || draft.with(|d| d.item_name.clone());
    let locked = move || draft.with(|d| d.submitted_as.is_some());

    let page = move || {
        if locked() {
            return view! {
                <p class="banner" role="status" data-testid="draft-locked">{i18n.t("fui.draft_locked")}</p>
                <p><A href="/guide/drafts" attr:rel="external">{i18n.t("nav.drafts")}</A></p>
            }
            .into_any();
        }
        let current_step = step.get();
        if current_step == CHECK {
            return view! {
                <CheckAnswers definition answers visible code=code.get_value() draft_id=draft.with(|d| d.id.clone())/>
                {move || submit_error.get().map(|k| view! { <p class="banner error" role="alert">{i18n.t(k)}</p> })}
                <p class="note">{i18n.t("fui.submit_note")}</p>
                <button type="button" class="primary" data-testid="submit"
                    prop:disabled=move || submitting.get()
                    on:click=move |_| submit()>{i18n.t("fui.submit")}</button>
            }
            .into_any();
        }
        let Some(section) =
            definition.with(|d| d.sections.iter().find(|s| s.id == current_step).cloned())
        else {
            return view! { <p class="banner error">{i18n.t("fui.not_found")}</p> }.into_any();
        };
        let lang = i18n.lang();
        let section_id = section.id.clone();
        let position = steps.with(|s| s.iter().position(|x| *x == section_id).unwrap_or(0));
        let total = steps.with(|s| s.len());
        let fields = section.fields.clone();
        let prev = position
            .checked_sub(1)
            .and_then(|i| steps.with(|s| s.get(i).cloned()));
        view! {
            <p class="step-count">{tr_args(lang, "fui.step_of", &[("n", &(position + 1).to_string()), ("total", &total.to_string())])}</p>
            <h2 class="section-title">{section.title.resolve(lang)}</h2>
            <form class="form" novalidate on:submit=move |ev| { ev.prevent_default(); continue_from(section_id.clone()); }>
                {fields.into_iter().map(|field| {
                    let id = field.id.clone();
                    let shown = move || visible.with(|v| v.contains(&id));
                    let field = StoredValue::new(field);
                    view! {
                        <Show when=shown>
                            {move || field_view(field.get_value(), answers, errors, set_answer, i18n)}
                        </Show>
                    }
                }).collect_view()}
                <div class="actions">
                    <button type="submit" class="primary" data-testid="continue">{i18n.t("fui.continue")}</button>
                    {prev.map(|p| view! {
                        <button type="button" class="secondary" on:click=move |_| go(p.clone())>{i18n.t("fui.back")}</button>
                    })}
                </div>
            </form>
        }
        .into_any()
    };

    view! {
        <p class="crumbs"><A href=format!("/guide/{}", code.get_value()) attr:rel="external">{item_name}</A></p>
        <h1>{item_name}</h1>
        {move || newer().map(|v| view! {
            <div class="banner" role="status" data-testid="newer-version">
                <p>{tr_args(i18n.lang(), "fui.newer_version", &[("new", &v.to_string()), ("old", &definition.with(|d| d.version).to_string())])}</p>
                <button type="button" on:click=move |_| carry()>{i18n.t("fui.carry")}</button>
                <button type="button" class="secondary" on:click=move |_| keep_old_version.set(true)>{i18n.t("fui.keep_version")}</button>
            </div>
        })}
        {move || {
            let notes = draft.with(|d| d.dropped.clone());
            (!notes.is_empty()).then(|| view! {
                <div class="banner" role="status" data-testid="dropped">
                    <p>{i18n.t("fui.dropped")}</p>
                    <ul>{notes.into_iter().map(|n| view! { <li>{n.message}" "<q>{n.value}</q></li> }).collect_view()}</ul>
                    <button type="button" class="secondary" on:click=move |_| { draft.update(|d| d.dropped.clear()); changed(); }>{i18n.t("fui.dismiss")}</button>
                </div>
            })
        }}
        {error_summary}
        {page}
        <p class="saved" role="status" aria-live="polite" data-testid="saved">
            {move || saved.get().map(|t| tr_args(i18n.lang(), "fui.saved_at", &[("time", &clock::center_time(t))]))}
        </p>
    }
}

/// The check-your-answers page: every visible answer by section, with change links.
#[component]
fn CheckAnswers(
    definition: RwSignal<FormDefinition>,
    answers: RwSignal<Answers>,
    visible: Memo<Vec<String>>,
    code: String,
    draft_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let shown = visible.get_untracked();
    let a = answers.get_untracked();
    let sections = definition.with_untracked(|d| d.sections.clone());
    view! {
        <h2>{i18n.t("fui.check_title")}</h2>
        {sections.into_iter().filter(|s| s.fields.iter().any(|f| shown.contains(&f.id))).map(|s| {
            let href = format!("/guide/apply/{code}?draft={draft_id}&step={}", s.id);
            view! {
                <h3>{s.title.resolve(lang)}</h3>
                <dl class="summary-list">
                    {s.fields.iter().filter(|f| shown.contains(&f.id)).map(|f| {
                        let label = f.label.resolve(lang);
                        let value = a.get(&f.id).map(|v| value_text(Some(f), v, lang)).filter(|t| !t.is_empty());
                        view! {
                            <div class="row">
                                <dt>{label.clone()}</dt>
                                <dd data-testid=format!("answer-{}", f.id)>{value.unwrap_or_else(|| i18n.t("fui.not_given").to_owned())}</dd>
                                <dd class="change"><A href=href.clone()>{i18n.t("fui.change")}<span class="visually-hidden">" "{label}</span></A></dd>
                            </div>
                        }
                    }).collect_view()}
                </dl>
            }
        }).collect_view()}
    }
}

fn text_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// One question, by its kind.
fn field_view(
    field: Field,
    answers: RwSignal<Answers>,
    errors: RwSignal<Vec<(String, String)>>,
    set_answer: impl Fn(String, Option<Value>) + Copy + Send + Sync + 'static,
    i18n: I18n,
) -> AnyView {
    let lang = i18n.lang();
    let id = field.id.clone();
    let qid = format!("q-{id}");
    let label = field.label.resolve(lang);
    let help = field.help.as_ref().map(|h| h.resolve(lang));
    let hint_id = format!("hint-{id}");
    let err_id = format!("err-{id}");
    let sid = StoredValue::new(id.clone());
    let error = move || {
        errors
            .with(|e| sid.with_value(|id| e.iter().find(|(f, _)| f == id).map(|(_, m)| m.clone())))
    };
    let described_ids = StoredValue::new((help.is_some().then(|| hint_id.clone()), err_id.clone()));
    let described = move || {
        described_ids.with_value(|(hint, err_id)| {
            let mut ids: Vec<String> = hint.iter().cloned().collect();
            if error().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        })
    };
    let invalid = move || error().is_some().then_some("true");
    let optional = (!field.required).then(|| i18n.t("fui.optional"));
    let error_line = {
        let err_id = err_id.clone();
        move || {
            error().map(|m| view! {
            <p class="field-error" id=err_id.clone()><span class="visually-hidden">{i18n.t("fui.error_prefix")}</span>{m}</p>
        })
        }
    };
    let hint_line = help.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> });
    let text_value = move || answers.with(|a| sid.with_value(|id| text_of(a.get(id))));
    let on_text = {
        let id = id.clone();
        move |ev: ev::Event| set_answer(id.clone(), Some(Value::String(event_target_value(&ev))))
    };
    let class = move || {
        if error().is_some() {
            "field has-error"
        } else {
            "field"
        }
    };

    let single_input = |input_type: &'static str,
                        mode: Option<&'static str>,
                        size: &'static str| {
        view! {
            <div class=class>
                <label class="label" for=qid.clone()>{label.clone()}{optional.map(|o| view! { <span class="opt">{o}</span> })}</label>
                {hint_line.clone()}
                {error_line.clone()}
                <input id=qid.clone() name=id.clone() type=input_type inputmode=mode class=size
                    autocomplete="off" spellcheck="false"
                    aria-describedby=described aria-invalid=invalid
                    prop:value=text_value on:input=on_text.clone()/>
            </div>
        }
        .into_any()
    };

    match field.kind.clone() {
        FieldKind::Text { .. } | FieldKind::Address => single_input("text", None, "input wide"),
        FieldKind::IdNumber | FieldKind::CreditCode => single_input("text", None, "input code"),
        FieldKind::Phone { .. } => single_input("tel", Some("tel"), "input code"),
        FieldKind::Number { .. } => single_input("text", Some("decimal"), "input short"),
        FieldKind::Date { .. } => single_input("date", None, "input short"),
        FieldKind::Multiline { .. } => view! {
            <div class=class>
                <label class="label" for=qid.clone()>{label}{optional.map(|o| view! { <span class="opt">{o}</span> })}</label>
                {hint_line}
                {error_line}
                <textarea id=qid name=id rows="5" class="input wide"
                    aria-describedby=described aria-invalid=invalid
                    prop:value=text_value on:input=on_text></textarea>
            </div>
        }
        .into_any(),
        FieldKind::Choice { multiple, options } => {
            let name = qid.clone();
            view! {
                <div class=class>
                    <fieldset class="choices" aria-describedby=described>
                        <legend class="label">{label}{optional.map(|o| view! { <span class="opt">{o}</span> })}</legend>
                        {hint_line}
                        {error_line}
                        {options.into_iter().enumerate().map(|(i, option)| {
                            let value = option.value.clone();
                            let input_id = if i == 0 { qid.clone() } else { format!("{qid}-{i}") };
                            let label_for = input_id.clone();
                            let (id_c, v_c) = (id.clone(), value.clone());
                            let checked = move || answers.with(|a| match a.get(&id_c) {
                                Some(Value::Array(items)) => items.iter().any(|x| x.as_str() == Some(v_c.as_str())),
                                Some(Value::String(s)) => *s == v_c,
                                _ => false,
                            });
                            let (id_s, v_s) = (id.clone(), value.clone());
                            let on_change = move |ev: ev::Event| {
                                let on = event_target_checked(&ev);
                                if multiple {
                                    let mut items: Vec<Value> = answers.with_untracked(|a| match a.get(&id_s) {
                                        Some(Value::Array(items)) => items.clone(),
                                        _ => Vec::new(),
                                    });
                                    items.retain(|x| x.as_str() != Some(v_s.as_str()));
                                    if on { items.push(Value::String(v_s.clone())); }
                                    set_answer(id_s.clone(), Some(Value::Array(items)));
                                } else if on {
                                    set_answer(id_s.clone(), Some(Value::String(v_s.clone())));
                                }
                            };
                            view! {
                                <label class="option" for=label_for>
                                    <input id=input_id type=if multiple { "checkbox" } else { "radio" }
                                        name=name.clone() value=value prop:checked=checked on:change=on_change/>
                                    <span>{option.label.resolve(lang)}</span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                </div>
            }
            .into_any()
        }
        FieldKind::File { accept, max_bytes, max_count } => {
            let types = accept.iter().map(|t| t.short_name()).collect::<Vec<_>>().join("/");
            let limits = tr_args(lang, "fui.file.limits", &[
                ("types", &types), ("max", &format_bytes(max_bytes)), ("count", &max_count.to_string()),
            ]);
            let mimes = accept.iter().map(|t| t.mime()).collect::<Vec<_>>().join(",");
            let busy = RwSignal::new(false);
            let problem = RwSignal::new(None::<String>);
            let accept = StoredValue::new(accept);
            let id_f = id.clone();
            let files = move || answers.with(|a| match a.get(&id_f) {
                Some(Value::Array(items)) => items.iter().filter_map(|v| serde_json::from_value::<FileRef>(v.clone()).ok()).collect::<Vec<_>>(),
                _ => Vec::new(),
            });
            let limits_for_error = (types.clone(), format_bytes(max_bytes));
            let id_add = id.clone();
            let on_pick = move |ev: ev::Event| {
                let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
                let Some(list) = input.files() else { return };
                let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
                input.set_value("");
                let id = id_add.clone();
                let (types, max) = limits_for_error.clone();
                busy.set(true);
                problem.set(None);
                spawn_local(async move {
                    let Ok(storage) = Storage::shared().await else { return };
                    for file in picked {
                        let count = answers.with_untracked(|a| match a.get(&id) { Some(Value::Array(i)) => i.len(), _ => 0 });
                        if count >= max_count as usize {
                            let _ = problem.try_set(Some(tr_args(i18n.lang(), "fui.file.count", &[("count", &max_count.to_string())])));
                            break;
                        }
                        let accept = accept.get_value();
                        match attach::attach(&storage, &file, &accept, max_bytes).await {
                            Ok(reference) => {
                                let mut items = answers.with_untracked(|a| match a.get(&id) { Some(Value::Array(i)) => i.clone(), _ => Vec::new() });
                                if let Ok(v) = serde_json::to_value(&reference) && !items.contains(&v) {
                                    items.push(v);
                                }
                                set_answer(id.clone(), Some(Value::Array(items)));
                            }
                            Err(error) => {
                                let text = tr_args(i18n.lang(), error.key(), &[("types", &types), ("max", &max), ("name", &file.name())]);
                                let _ = problem.try_set(Some(text));
                            }
                        }
                    }
                    let _ = busy.try_set(false);
                });
            };
            let id_rm = StoredValue::new(id.clone());
            let remove = move |upload_id: String| {
                let id = id_rm.get_value();
                let mut items = answers.with_untracked(|a| match a.get(&id) { Some(Value::Array(i)) => i.clone(), _ => Vec::new() });
                items.retain(|v| v.get("upload_id").and_then(Value::as_str) != Some(upload_id.as_str()));
                set_answer(id, Some(Value::Array(items)));
            };
            let camera_id = format!("{qid}-camera");
            view! {
                <div class=class>
                    <fieldset class="files" aria-describedby=described>
                        <legend class="label">{label}{optional.map(|o| view! { <span class="opt">{o}</span> })}</legend>
                        <p class="hint">{limits}</p>
                        {hint_line}
                        {error_line}
                        <ul class="file-list" data-testid=format!("files-{id}")>
                            {move || files().into_iter().map(|f| {
                                let upload_id = f.upload_id.clone();
                                view! {
                                    <li>
                                        <span>{f.name.clone()}" ("{format_bytes(f.size)}")"</span>
                                        <button type="button" class="link" on:click=move |_| remove(upload_id.clone())>
                                            {i18n.t("fui.file.remove")}<span class="visually-hidden">" "{f.name.clone()}</span>
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <div class="file-pick">
                            <label class="button secondary" for=camera_id.clone()>{i18n.t("fui.file.camera")}</label>
                            <input id=camera_id class="visually-hidden" type="file" accept="image/*" capture="environment" on:change=on_pick.clone()/>
                            <label class="button secondary" for=qid.clone()>{i18n.t("fui.file.choose")}</label>
                            <input id=qid class="visually-hidden" type="file" accept=mimes multiple on:change=on_pick data-testid=format!("file-{id}")/>
                        </div>
                        {move || busy.get().then(|| view! { <p class="note" role="status">{i18n.t("fui.file.working")}</p> })}
                        {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
                    </fieldset>
                </div>
            }
            .into_any()
        }
    }
}
