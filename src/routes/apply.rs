//! 网上预审 (`/guide/apply/:code?draft=…&step=…`): any published form, rendered from its definition,
//! one section per page, then a check-your-answers page, then the outbox.
//!
//! * The step is in the address, so the browser's back and forward move between sections;
//!   the answers live in the draft, so nothing typed is lost on the way.
//! * Every change is saved: 300 ms after the last keystroke, and at once when the page is
//!   hidden or left (`visibilitychange`, `pagehide`) — the pending save is kept outside the
//!   reactive tree so that it still runs after the page's component is gone.
//! * Validation is `guichet_core::form::validate_with` with the center's date, exactly as the
//!   server runs it; hidden fields (`show_if`) are neither asked nor sent. The place of an
//!   identity number is checked once the GB/T 2260 division codes have arrived (fetched from
//!   `/api/divisions` when a form with an ID field opens, kept by the service worker for
//!   offline use, never in the bundle); until then the server checks it alone.
//! * A draft of an older form version offers the carry-over (showing what was left behind and
//!   its old value) or finishing on its own version.
//! * `?draft=preview-<key>`: the desk's form editor shows a definition not yet published
//!   exactly as citizens will see it (an iframe of this page); the answers stay in memory,
//!   nothing is saved or sent.

//!
//! Built as plain DOM (see `crate::dom`): as Leptos views the filler kept the forms bundle
//! ~110 KB brotli over its 200 KB budget.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chrono::NaiveDate;
use guichet_core::Lang;
use guichet_core::form::condition::is_empty;
use guichet_core::form::validate::{format_bytes, visible_fields};
use guichet_core::form::{
    Answers, DECLARATION, Field, FieldKind, FormDefinition, MAX_CASE_FILE_BYTES, MediaType,
    canonical_json, carry_over, validate_with,
};
use guichet_core::validate::DivisionCodes;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::api;
use crate::attach;
use crate::clock;
use crate::dom::{self, El, el};
use crate::i18n::{I18n, tr, tr_args, use_i18n};
use crate::routes::service::{load_detail, load_form};
use crate::storage::forms::{Draft, DroppedNote};
use crate::storage::{Storage, StorageError};
use crate::sync::outbox;

/// The draft id prefix of a preview from the desk's form editor.
const PREVIEW: &str = "preview-";

/// The debounce of autosave, in ms.
pub const SAVE_DELAY_MS: u32 = 300;
/// The step name of the check-your-answers page.
const CHECK: &str = "check";
/// The query of a step opened from the check page's 修改: 继续 comes back to the check page.
const BACK_TO_CHECK: &str = "&return=check";

/// `text` as a span, marked `lang="zh-CN"` when it is Chinese inside an English page (a label
/// without its English, the item's name, what the person typed), so that a screen reader reads
/// it with a Chinese voice.
pub fn words(lang: Lang, text: &str) -> El {
    let span = el("span").text(text);
    if lang == Lang::En && text.chars().any(|c| ('\u{2e80}'..='\u{9fff}').contains(&c)) {
        span.attr("lang", "zh-CN")
    } else {
        span
    }
}

struct PendingSave {
    draft: Draft,
    input_at: f64,
    saved: RwSignal<Option<Autosave>>,
    /// The page's draft, locked when the save finds it sent from another tab.
    shown: RwSignal<Draft>,
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
        match storage.save_open_draft(&pending.draft).await {
            // Sent from another tab meanwhile: this tab's copy is locked, not saved over it.
            Ok(Some(sent)) => {
                let _ = pending.shown.try_update(|d| d.submitted_as = Some(sent));
            }
            Ok(None) => {
                // The page may be gone: `try_set` never panics on a disposed signal.
                let _ = pending
                    .saved
                    .try_set(Some(Autosave::At(pending.draft.updated_at)));
                announce_saved(pending.input_at);
            }
            // Not saved: said at once under the form, whose inputs keep what was typed; a full
            // device (known by the error's name) is told as such, since the person can act on it.
            Err(error) => {
                let outcome = match error {
                    StorageError::Full => Autosave::Full,
                    _ => Autosave::Failed,
                };
                let _ = pending.saved.try_set(Some(outcome));
                web_sys::console::error_1(&error.to_string().into());
            }
        }
    });
}

/// How the last autosave ended, as the line under the form tells it.
#[derive(Clone, Copy, PartialEq)]
enum Autosave {
    /// Saved; the draft's `updated_at` (ms since the epoch).
    At(f64),
    /// Not saved, for a reason the person cannot act on.
    Failed,
    /// Not saved: the device's storage is full.
    Full,
}

/// Opens `href` (another bundle's page) once the browser says the line is back.
fn open_when_online(href: String) {
    let on_online =
        wasm_bindgen::closure::Closure::once_into_js(move || crate::app::go_to_other_bundle(&href));
    window().set_ononline(Some(on_online.unchecked_ref()));
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

fn schedule(draft: Draft, saved: RwSignal<Option<Autosave>>, shown: RwSignal<Draft>) {
    if draft.id.starts_with(PREVIEW) {
        return;
    }
    let input_at = perf_now();
    PENDING.with(|p| {
        *p.borrow_mut() = Some(PendingSave {
            draft,
            input_at,
            saved,
            shown,
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

/// The answers of a draft (empty when unreadable: a damaged record must still open). Read
/// through `JSON.parse` and serde-wasm-bindgen, like every JSON of the client (serde_json's
/// parser stays out of the bundle); whole numbers stay whole (`3`, not `3.0`).
pub fn parse_answers(text: &str) -> Answers {
    match js_sys::JSON::parse(text).map(serde_wasm_bindgen::from_value::<Value>) {
        Ok(Ok(Value::Object(map))) => map,
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
    /// The item's English name, when it has one.
    name_en: Option<String>,
}

/// Opens draft `draft_id`, or starts one for item `code` with the answers of `prefill` (a JSON
/// object from a link, e.g. the catalog's 「申请公开相关信息」: agency and description; anything
/// else is ignored).
async fn open(
    code: String,
    draft_id: Option<String>,
    prefill: Option<String>,
) -> Result<Opened, &'static str> {
    let storage = Storage::shared().await.map_err(|_| "storage.unavailable")?;
    let preview = draft_id.as_deref().and_then(|d| d.strip_prefix(PREVIEW));
    let detail = load_detail(&code, preview).await?.value;
    let current = detail.form.clone();
    let name_en = detail.service.name_en.clone();
    let draft = match draft_id {
        Some(id) if preview.is_some() => Draft::new(
            id,
            code.clone(),
            detail.service.name.clone(),
            current.as_ref().map_or(0, |f| f.version),
            "{}".into(),
            clock::now_ms(),
        ),
        Some(id) => storage
            .get_draft(&id)
            .await
            .ok()
            .flatten()
            .ok_or("fui.draft_missing")?,
        None => {
            let form = current.as_ref().ok_or("fui.window_only")?;
            let now = clock::now_ms();
            let draft = Draft::new(
                outbox::random_hex(16).map_err(|_| "storage.unavailable")?,
                code.clone(),
                detail.service.name.clone(),
                form.version,
                canonical_json(&Value::Object(parse_answers(
                    prefill.as_deref().unwrap_or("{}"),
                ))),
                now,
            );
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
        name_en,
    })))
}

thread_local! {
    /// The division codes, once fetched for this page load.
    static DIVISIONS: RefCell<Option<DivisionCodes>> = const { RefCell::new(None) };
}

/// Fetches the division codes (once) if `definition` asks for an ID number; a failure (offline
/// before any online visit) leaves the place to the server.
fn load_divisions(definition: &FormDefinition) {
    let wanted = definition
        .fields()
        .any(|f| matches!(f.kind, FieldKind::IdNumber));
    if !wanted || DIVISIONS.with_borrow(Option::is_some) {
        return;
    }
    spawn_local(async {
        let codes = api::get_text("divisions")
            .await
            .ok()
            .and_then(|text| DivisionCodes::parse(text.into_bytes()).ok());
        if let Some(codes) = codes {
            DIVISIONS.set(Some(codes));
        }
    });
}

/// The router's navigation, kept for the listeners of the page.
type Navigate = Rc<dyn Fn(&str, NavigateOptions)>;

#[component]
pub fn Apply() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let code = crate::app::path_param("/guide/apply/");
    let draft_param = crate::app::query_param("/guide/apply/", "draft");
    let prefill = crate::app::query_param("/guide/apply/", "prefill");
    let opened = RwSignal::new(None::<Result<Opened, &'static str>>);
    Effect::new(move |_| {
        let (wanted_code, wanted_draft) = (code.get(), draft_param.get());
        opened.set(None);
        spawn_local(async move {
            let result = open(
                wanted_code.clone(),
                wanted_draft.clone(),
                prefill.get_untracked(),
            )
            .await;
            // An answer for an address already left is dropped.
            if code.try_get_untracked() == Some(wanted_code)
                && draft_param.try_get_untracked() == Some(wanted_draft)
            {
                let _ = opened.try_set(Some(result));
            }
        });
    });
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        let root: web_sys::Element = root.unchecked_into();
        match opened.get() {
            Some(Ok(Opened::Ready(ready))) => {
                let navigate = navigate.clone();
                filler(
                    root,
                    *ready,
                    code.get_untracked(),
                    Rc::new(move |url: &str, options| navigate(url, options)),
                );
            }
            other => {
                if let Some(Ok(Opened::New(id))) = &other {
                    let url = format!("/guide/apply/{}?draft={id}", code.get_untracked());
                    navigate(
                        &url,
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
                let problem = other.and_then(Result::err);
                Effect::new(move |_| {
                    let lang = i18n.lang();
                    let content = match problem {
                        None => el("p").class("note").text(tr(lang, "fui.loading")),
                        Some(key) => el("div")
                            .child(el("h1").text(tr(lang, "fui.apply")))
                            .child(
                                el("p")
                                    .class("banner error")
                                    .attr("role", "alert")
                                    .text(tr(lang, key)),
                            )
                            .child(drafts_link(lang)),
                    };
                    dom::replace(&root, content);
                });
            }
        }
    });
    view! { <div node_ref=root></div> }
}

/// A link to the drafts page (another bundle: a full-page load).
fn drafts_link(lang: Lang) -> El {
    el("p").child(
        el("a")
            .attr("href", "/guide/drafts")
            .attr("rel", "external")
            .text(tr(lang, "nav.drafts")),
    )
}

/// The form being filled: its state, and what its buttons and inputs do. Every part is a
/// reactive handle, so the listeners copy it.
#[derive(Clone, Copy)]
struct Form {
    i18n: I18n,
    code: StoredValue<String>,
    navigate: StoredValue<Navigate, LocalStorage>,
    today: NaiveDate,
    answers: RwSignal<Answers>,
    draft: RwSignal<Draft>,
    definition: RwSignal<FormDefinition>,
    /// The item's current form, when it could be read.
    current: StoredValue<Option<FormDefinition>>,
    /// (field id, message) of the last validation.
    errors: RwSignal<Vec<(String, String)>>,
    saved: RwSignal<Option<Autosave>>,
    keep_old_version: RwSignal<bool>,
    submitting: RwSignal<bool>,
    submit_error: RwSignal<Option<&'static str>>,
    /// The receipt's address of a submission kept in the outbox while the line is down and the
    /// receipt page cannot load (no service worker yet): the page says so itself.
    queued_offline: RwSignal<Option<String>>,
    /// The header's outbox count, recounted when a submission stays on this page.
    sync: Option<crate::sync::SyncStatus>,
    /// Bumped when the page must be built again for a change of answers (a file list).
    rebuild: RwSignal<u32>,
    /// The file question whose files are being read.
    file_busy: RwSignal<Option<String>>,
    /// The last file problem: (field id, message).
    file_problem: RwSignal<Option<(String, String)>>,
    visible: Memo<Vec<String>>,
    steps: Memo<Vec<String>>,
    step: Memo<String>,
    /// `Some("check")` when the step was opened from the check page's 修改.
    returning: Memo<Option<String>>,
    /// The item's English name, empty when it has none (the draft keeps the Chinese one).
    item_name_en: StoredValue<String>,
}

/// Mounts the form filler in `root`. The page is built again when its structure changes (step,
/// language, errors, version, files); typing only updates the answers (and saves them), and a
/// `show_if` change only shows or hides questions, so an input is never replaced under the
/// person's fingers (nor an input method's composition broken).
fn filler(root: web_sys::Element, ready: Ready, code: String, navigate: Navigate) {
    let i18n = use_i18n();
    let step_param = crate::app::query_param("/guide/apply/", "step");
    let today = clock::center_today();
    load_divisions(&ready.definition);
    let answers = RwSignal::new(parse_answers(&ready.draft.answers));
    let definition = RwSignal::new(ready.definition);
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
    // A 补正 amends a case filed on its own form version, and the server checks it against that
    // version: it is never offered a carry-over to a newer one.
    let is_supplement = ready.draft.supplement_for.is_some();
    let form = Form {
        i18n,
        code: StoredValue::new(code),
        navigate: StoredValue::new_local(navigate),
        today,
        answers,
        draft: RwSignal::new(ready.draft),
        definition,
        current: StoredValue::new(ready.current),
        errors: RwSignal::new(Vec::new()),
        saved: RwSignal::new(None),
        keep_old_version: RwSignal::new(is_supplement),
        submitting: RwSignal::new(false),
        submit_error: RwSignal::new(None),
        queued_offline: RwSignal::new(None),
        sync: use_context(),
        rebuild: RwSignal::new(0),
        file_busy: RwSignal::new(None),
        file_problem: RwSignal::new(None),
        visible,
        steps,
        step,
        returning: crate::app::query_param("/guide/apply/", "return"),
        item_name_en: StoredValue::new(ready.name_en.unwrap_or_default()),
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

    // The page, and under it the autosave line (kept across rebuilds: a live region must exist
    // before its text changes to be read out).
    let content = el("div");
    let saved_line = el("p")
        .class("saved")
        .attr("role", "status")
        .attr("aria-live", "polite")
        .attr("data-testid", "saved");
    let (content_node, saved_node) = (content.0.clone(), saved_line.0.clone());
    dom::replace(&root, el("div").child(content).child(saved_line));

    Effect::new(move |_| {
        let outcome = form.saved.get();
        let failed = matches!(outcome, Some(Autosave::Failed | Autosave::Full));
        let _ = saved_node
            .class_list()
            .toggle_with_force("not-saved", failed);
        let text = outcome.map(|outcome| match outcome {
            Autosave::Failed => tr(i18n.lang(), "fui.not_saved").to_owned(),
            Autosave::Full => tr(i18n.lang(), "fui.not_saved_full").to_owned(),
            Autosave::At(t) => tr_args(
                i18n.lang(),
                "fui.saved_at",
                &[("time", &clock::center_time(t))],
            ),
        });
        saved_node.set_text_content(text.as_deref());
    });
    let shown_step = StoredValue::new(String::new());
    Effect::new(move |_| {
        let lang = i18n.lang();
        let step = form.step.get();
        form.rebuild.track();
        let page = page(form, lang, &step);
        dom::replace_keeping_focus(&content_node, page);
        let before = shown_step.get_value();
        if before != step {
            shown_step.set_value(step);
            // Another step is another page: the person starts at its heading.
            if !before.is_empty() {
                focus(&content_node, "[data-step-heading]");
            }
        }
        // Where the submission went replaces the form: the person is taken to it (and a
        // screen reader reads it), not left at the bottom of the check page.
        if form.queued_offline.with_untracked(Option::is_some) {
            focus(&content_node, "[data-testid=\"queued-offline\"]");
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
    // Questions shown or hidden by other answers, and the step count, without a rebuild.
    let root_node = root.clone();
    Effect::new(move |_| {
        let shown = form.visible.get();
        let steps = form.steps.get();
        let ids: Vec<String> = form
            .definition
            .with_untracked(|d| d.fields().map(|f| f.id.clone()).collect());
        for id in ids {
            let Some(field) = document().get_element_by_id(&format!("field-{id}")) else {
                continue;
            };
            if shown.contains(&id) {
                let _ = field.remove_attribute("hidden");
            } else {
                let _ = field.set_attribute("hidden", "");
            }
        }
        if let Ok(Some(count)) = root_node.query_selector(".step-count") {
            let step = form.step.get_untracked();
            count.set_text_content(Some(&step_count(i18n.lang_untracked(), &steps, &step)));
        }
    });
}

/// Focuses the first element matching `selector` inside `root`.
fn focus(root: &web_sys::Element, selector: &str) {
    if let Ok(Some(found)) = root.query_selector(selector)
        && let Ok(found) = found.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = found.focus();
    }
}

/// "Step n of m".
fn step_count(lang: Lang, steps: &[String], step: &str) -> String {
    let position = steps.iter().position(|s| s == step).unwrap_or(0);
    tr_args(
        lang,
        "fui.step_of",
        &[
            ("n", &(position + 1).to_string()),
            ("total", &steps.len().to_string()),
        ],
    )
}

impl Form {
    /// The draft as it would be saved now.
    fn snapshot(self) -> Draft {
        let mut d = self.draft.get_untracked();
        self.answers.with_untracked(|a| {
            d.answers = canonical_json(&Value::Object(a.clone()));
            d.progress = self.definition.with_untracked(|def| progress(def, a));
        });
        d.step = self.step.get_untracked();
        d.updated_at = clock::now_ms();
        d
    }

    fn changed(self) {
        schedule(self.snapshot(), self.saved, self.draft);
    }

    fn set_answer(self, id: String, value: Option<Value>) {
        let updated = self.answers.try_update(|a| match value {
            Some(v) if !is_empty(&v) => {
                a.insert(id, v);
            }
            _ => {
                a.remove(&id);
            }
        });
        // The page may be gone (a file finished reading after the person left).
        if updated.is_some() {
            self.changed();
        }
    }

    /// The file answers of field `id`.
    fn files(self, id: &str) -> Vec<Value> {
        self.answers
            .try_with_untracked(|a| match a.get(id) {
                Some(Value::Array(items)) => items.clone(),
                _ => Vec::new(),
            })
            .unwrap_or_default()
    }

    /// Bytes of every file attached so far, all questions together.
    fn files_total(self) -> u64 {
        self.answers
            .try_with_untracked(|a| {
                a.values()
                    .flat_map(|v| listed_files(Some(v)))
                    .map(|(_, _, size)| size)
                    .sum()
            })
            .unwrap_or(0)
    }

    fn choose(self, id: &str, value: &str, multiple: bool, on: bool) {
        if multiple {
            let mut items = self.files(id);
            items.retain(|x| x.as_str() != Some(value));
            if on {
                items.push(Value::String(value.to_owned()));
            }
            self.set_answer(id.to_owned(), Some(Value::Array(items)));
        } else if on {
            self.set_answer(id.to_owned(), Some(Value::String(value.to_owned())));
        }
    }

    fn go(self, to: String) {
        self.changed();
        flush();
        self.errors.set(Vec::new());
        self.file_problem.set(None);
        // Still on the way back to the check page (another step now needs an answer).
        let back = if to != CHECK && self.is_returning() {
            BACK_TO_CHECK
        } else {
            ""
        };
        let url = format!(
            "/guide/apply/{}?draft={}&step={to}{back}",
            self.code.get_value(),
            self.draft.with_untracked(|d| d.id.clone())
        );
        self.navigate
            .with_value(|n| n(&url, NavigateOptions::default()));
    }

    fn show_errors(self, found: Vec<(String, String)>) {
        self.errors.set(found);
        // After the page is built again (its effect runs before the next frame).
        request_animation_frame(move || {
            if let Some(summary) = document()
                .query_selector("[data-testid=\"error-summary\"]")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = summary.focus();
            }
        });
    }

    fn validate_all(self) -> Result<Answers, Vec<(String, String)>> {
        let lang = self.i18n.lang_untracked();
        DIVISIONS.with_borrow(|divisions| {
            self.definition.with_untracked(|d| {
                self.answers.with_untracked(|a| {
                    validate_with(d, a, self.today, divisions.as_ref()).map_err(|errs| {
                        errs.into_iter()
                            .map(|e| (e.field_id.clone(), e.message(lang).to_owned()))
                            .collect()
                    })
                })
            })
        })
    }

    /// Whether the step was opened from the check page's 修改.
    fn is_returning(self) -> bool {
        self.returning.get_untracked().as_deref() == Some(CHECK)
    }

    fn continue_from(self, section: &str) {
        let all = self.validate_all().err().unwrap_or_default();
        let steps = self.steps.get_untracked();
        // The fields of a step with a problem.
        let problems = |step: &str| -> Vec<String> {
            self.definition.with_untracked(|d| {
                d.sections
                    .iter()
                    .filter(|s| s.id == step)
                    .flat_map(|s| s.fields.iter())
                    .filter(|f| all.iter().any(|e| e.0 == f.id))
                    .map(|f| f.id.clone())
                    .collect()
            })
        };
        let here = problems(section);
        if !here.is_empty() {
            self.show_errors(
                all.into_iter()
                    .filter(|(id, _)| here.contains(id))
                    .collect(),
            );
            return;
        }
        let next = if self.is_returning() {
            // Back to the check page, unless the change showed a question still to answer on
            // another step: then that step first.
            steps.iter().find(|s| !problems(s).is_empty()).cloned()
        } else {
            steps
                .iter()
                .position(|s| s == section)
                .and_then(|i| steps.get(i + 1))
                .cloned()
        };
        self.go(next.unwrap_or_else(|| CHECK.into()));
    }

    fn back_from(self, section: &str) {
        let steps = self.steps.get_untracked();
        if let Some(previous) = steps
            .iter()
            .position(|s| s == section)
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| steps.get(i))
        {
            self.go(previous.clone());
        }
    }

    fn submit(self) {
        let normalised = match self.validate_all() {
            Ok(n) => n,
            Err(found) => {
                self.show_errors(found);
                return;
            }
        };
        if self.draft.with_untracked(|d| d.id.starts_with(PREVIEW)) {
            return;
        }
        cancel_pending();
        self.submitting.set(true);
        let record_draft = self.snapshot();
        spawn_local(async move {
            let result = match Storage::shared().await {
                // Sent already from another tab: the same receipt, never a second case.
                Ok(storage) => match outbox::submit(&storage, &record_draft, &normalised).await {
                    Ok(record) => Ok(record.id),
                    Err(outbox::OutboxError::AlreadySent(id)) => Ok(id),
                    Err(e) => Err(e),
                },
                Err(e) => Err(e.into()),
            };
            match result {
                Ok(client_id) => {
                    // The receipt is the drafts bundle's page: a full-page load, whose outbox
                    // sends the record at once. Sending from here too would start a request
                    // that the page's unloading cuts off: on a weak line, a lost response
                    // made on purpose (and a race between the two pages).
                    let receipt = format!("/guide/receipt/{client_id}");
                    if crate::sw::pages_load_offline() || window().navigator().on_line() {
                        crate::app::go_to_other_bundle(&receipt);
                    } else {
                        // A first visit whose worker is not installed yet, and no line: the
                        // receipt would be the browser's error page. The record is safe in the
                        // outbox; this page says so, and opens the receipt when the line is back.
                        open_when_online(receipt.clone());
                        let _ = self.queued_offline.try_set(Some(receipt));
                        if let Some(sync) = self.sync {
                            sync.refresh();
                        }
                    }
                }
                Err(error) => {
                    web_sys::console::error_1(&error.to_string().into());
                    let problem = match error {
                        outbox::OutboxError::Storage(StorageError::Full) => "fui.submit_full",
                        _ => "fui.submit_failed",
                    };
                    let _ = self.submitting.try_set(false);
                    let _ = self.submit_error.try_set(Some(problem));
                }
            }
        });
    }

    /// Carries the answers over to the current version (only offered when there is a newer one).
    fn carry(self) {
        let Some(new) = self.current.get_value() else {
            return;
        };
        let lang = self.i18n.lang_untracked();
        let old = self.definition.get_untracked();
        let result = self.answers.with_untracked(|a| carry_over(&old, &new, a));
        let notes = result
            .dropped
            .iter()
            .map(|d| DroppedNote {
                message: d.message(&old, lang),
                value: value_text(old.field(&d.field_id), &d.value, lang),
            })
            .collect();
        self.answers.set(result.answers);
        self.draft.update(|d| {
            d.form_version = new.version;
            d.dropped = notes;
        });
        self.definition.set(new);
        self.changed();
        flush();
    }

    /// The newer version offered, if any (tracked).
    fn newer(self) -> Option<u32> {
        let mine = self.definition.with(|d| d.version);
        self.current
            .with_value(|c| c.as_ref().map(|c| c.version))
            .filter(|v| *v > mine && !self.keep_old_version.get())
    }

    fn remove_file(self, id: &str, upload_id: &str) {
        let mut items = self.files(id);
        items.retain(|v| v.get("upload_id").and_then(Value::as_str) != Some(upload_id));
        self.set_answer(id.to_owned(), Some(Value::Array(items)));
        self.rebuild.update(|r| *r = r.wrapping_add(1));
    }

    /// Reads the files picked in `event`'s input and adds them to field `id`.
    fn pick_files(self, id: String, event: web_sys::Event, rules: FileRules) {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        self.file_busy.set(Some(id.clone()));
        self.file_problem.set(None);
        spawn_local(async move {
            if let Ok(storage) = Storage::shared().await {
                for file in picked {
                    if self.files(&id).len() >= rules.max_count as usize {
                        let text = tr_args(
                            self.i18n.lang_untracked(),
                            "fui.file.count",
                            &[("count", &rules.max_count.to_string())],
                        );
                        let _ = self.file_problem.try_set(Some((id.clone(), text)));
                        break;
                    }
                    let attached = attach::attach(&storage, &file, &rules.accept, rules.max_bytes)
                        .await
                        // Over the application's total: refused here, in words, not by the server.
                        .and_then(|r| {
                            if self.files_total() + r.size > MAX_CASE_FILE_BYTES {
                                Err(attach::AttachError::Total)
                            } else {
                                Ok(r)
                            }
                        });
                    match attached {
                        Ok(reference) => {
                            let value = reference.to_json();
                            let mut items = self.files(&id);
                            if !items.contains(&value) {
                                items.push(value);
                            }
                            self.set_answer(id.clone(), Some(Value::Array(items)));
                        }
                        Err(error) => {
                            let text = tr_args(
                                self.i18n.lang_untracked(),
                                error.key(),
                                &[
                                    ("types", &rules.types),
                                    ("max", &format_bytes(rules.max_bytes)),
                                    ("name", &file.name()),
                                    ("total", &format_bytes(MAX_CASE_FILE_BYTES)),
                                ],
                            );
                            let _ = self.file_problem.try_set(Some((id.clone(), text)));
                        }
                    }
                }
            }
            let _ = self.file_busy.try_set(None);
            let _ = self.rebuild.try_update(|r| *r = r.wrapping_add(1));
        });
    }
}

/// What a file question accepts.
#[derive(Clone)]
struct FileRules {
    accept: Vec<MediaType>,
    max_bytes: u64,
    max_count: u32,
    /// The accepted types in words ("JPEG/PNG").
    types: String,
}

/// The files of a file answer: (upload id, name, size).
fn listed_files(value: Option<&Value>) -> Vec<(String, String, u64)> {
    let Some(Value::Array(items)) = value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let upload_id = item.get("upload_id")?.as_str()?.to_owned();
            let name = item.get("name").and_then(Value::as_str).unwrap_or_default();
            Some((upload_id, name.to_owned(), item.get("size")?.as_u64()?))
        })
        .collect()
}

/// The whole page for `step` (reads the structure's signals, tracked).
fn page(form: Form, lang: Lang, step: &str) -> El {
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
fn declaration(form: Form, lang: Lang) -> Option<El> {
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
fn error_summary(form: Form, lang: Lang, step: &str) -> Option<El> {
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
fn section_page(form: Form, lang: Lang, step: &str) -> El {
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
fn check_answers(form: Form, lang: Lang) -> El {
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

fn text_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// One question, by its kind: its label, hint and error tied to the input (`for`,
/// `aria-describedby`, `aria-invalid`).
fn question(form: Form, lang: Lang, field: &Field, answers: &Answers, error: Option<&str>) -> El {
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
