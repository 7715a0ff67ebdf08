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
//!
//! Its rooms: `autosave.rs` (the pending save, kept outside the reactive tree), `form.rs` (the
//! form's state and what its buttons and inputs do), `steps.rs` (where 下一步, 上一步 and a
//! choice lead, as plain functions tested natively), `page.rs` (the page built from them); this
//! file loads the draft and the form, and mounts the filler.

mod autosave;
mod form;
mod page;
mod steps;

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

pub use autosave::flush;
use autosave::{Autosave, cancel_pending, schedule};
use form::{FileRules, Form, listed_files};
use page::page;

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
