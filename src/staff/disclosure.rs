//! 依申请公开 on the desk: an agency's 信息公开工作人员 (or a center administrator, for every
//! agency) works through the disclosure requests (政府信息公开条例 Art. 30–36).
//!
//! [`Requests`] lists them with their clocks (overdue in red *and* in words) and shows table 三
//! of the annual report; [`Request`] shows one request (answers, clock, pending 补正, reply,
//! audit trail) and a form for each step the server allows now (`allowed`). The server decides
//! every rule (the core's disclosure clock); a refused step comes back as a 422 whose plain
//! words are shown next to the form, which keeps what was typed.
//!
//! Both pages are plain DOM (`crate::dom`, as `calendar.rs`): the staff bundle has ~10 KB of
//! brotli left under its budget, and Leptos views for this many small pieces would take most
//! of it. Answers are the server's types (`guichet_core::wire::disclosure`). Forms
//! are built again only when their structure changes (step, reply kind, language), never on a
//! keystroke: typing only writes the draft's signals.

use guichet_core::disclosure::ReplyKind;
use guichet_core::i18n::Lang;
use guichet_core::wire::disclosure::{
    AgencyList, AnnualTableView, ReplyView, RequestDetail, RequestQueue, RequestRow,
};
use guichet_core::wire::files::NamedUpload;
use leptos::prelude::*;
use serde_json::{Map, Value};
use wasm_bindgen::JsCast;

use super::api::StaffSession;
use super::disclosure_api as gk;
use super::lists::provisional_text;
use super::{View, explain};
use crate::api::ApiError;
use crate::dom::{self, El, el};
use crate::i18n::use_i18n;
use serde::de::IgnoredAny;

fn tr(lang: Lang, key: &'static str) -> &'static str {
    crate::i18n::tr(lang, key)
}

/// A file size in KB or MB with one decimal, in integers (no float formatting in the bundle).
fn size_text(bytes: u64) -> String {
    let (tenths, unit) = if bytes >= 1_048_576 {
        ((bytes * 10 + 524_288) / 1_048_576, " MB")
    } else {
        ((bytes * 10 + 512) / 1024, " KB")
    };
    [
        (tenths / 10).to_string(),
        ".".into(),
        (tenths % 10).to_string(),
        unit.into(),
    ]
    .concat()
}

/// The steps of the contract, in the order the desk offers them, with their labels.
const STEPS: [(&str, &str); 6] = [
    ("request_supplement", "staff.gk.action.request_supplement"),
    ("extend", "staff.gk.action.extend"),
    ("consult_start", "staff.gk.action.consult_start"),
    ("consult_end", "staff.gk.action.consult_end"),
    ("reply", "staff.gk.action.reply"),
    ("deem_withdrawn", "staff.gk.action.deem_withdrawn"),
];

/// The Art. 36 kinds of reply, in the annual report's order.
const KINDS: [ReplyKind; 7] = [
    ReplyKind::Disclosed,
    ReplyKind::PartlyDisclosed,
    ReplyKind::Withheld,
    ReplyKind::CannotProvide,
    ReplyKind::NotHandled,
    ReplyKind::AlreadyPublic,
    ReplyKind::NotHeld,
];

/// `WithheldReason` codes (不予公开 and the withheld part of 部分公开), with their labels.
const WITHHELD: [(&str, &str); 8] = [
    ("state_secret", "staff.gk.reason.state_secret"),
    ("forbidden_by_law", "staff.gk.reason.forbidden_by_law"),
    ("security", "staff.gk.reason.security"),
    ("third_party_rights", "staff.gk.reason.third_party_rights"),
    ("internal_affairs", "staff.gk.reason.internal_affairs"),
    ("process_information", "staff.gk.reason.process_information"),
    ("enforcement_file", "staff.gk.reason.enforcement_file"),
    (
        "administrative_query",
        "staff.gk.reason.administrative_query",
    ),
];

/// `CannotProvideReason` codes (无法提供).
const CANNOT_PROVIDE: [(&str, &str); 3] = [
    ("not_held", "staff.gk.reason.not_held"),
    ("would_need_creating", "staff.gk.reason.would_need_creating"),
    ("still_unclear", "staff.gk.reason.still_unclear"),
];

/// `NotHandledReason` codes (不予处理).
const NOT_HANDLED: [(&str, &str); 5] = [
    ("petition", "staff.gk.reason.petition"),
    ("repeated", "staff.gk.reason.repeated"),
    ("publication", "staff.gk.reason.publication"),
    ("excessive", "staff.gk.reason.excessive"),
    ("confirmation", "staff.gk.reason.confirmation"),
];

/// The reasons a kind of reply must give (none for the others).
fn reasons(kind: &str) -> &'static [(&'static str, &'static str)] {
    match kind {
        "withheld" | "partly_disclosed" => &WITHHELD,
        "cannot_provide" => &CANNOT_PROVIDE,
        "not_handled" => &NOT_HANDLED,
        _ => &[],
    }
}

/// The label of a field the server names in a refusal (the field itself when unknown).
fn field_label(lang: Lang, field: &str) -> String {
    let key = match field {
        "missing" => "staff.gk.missing_list",
        "note" => "staff.gk.note",
        "reply_by" => "staff.gk.supplement_by",
        "working_days" => "staff.gk.working_days",
        "reason" => "staff.gk.reason",
        "third_party" => "staff.gk.third_party",
        "kind" => "staff.gk.kind",
        "basis" => "staff.gk.basis",
        "location" => "staff.gk.location",
        "right_agency" => "staff.gk.right_agency",
        "text" => "staff.gk.reply_text",
        "files" => "staff.gk.files",
        _ => return field.to_owned(),
    };
    tr(lang, key).to_owned()
}

fn labelled(text: &str, control: El) -> El {
    el("label").text(text).child(control)
}

fn banner_error(message: &str) -> El {
    el("p")
        .class("banner error")
        .attr("role", "alert")
        .attr("data-testid", "gk-error")
        .text(message)
}

/// The due date (or that the clock is stopped), with the provisional and extension notes.
fn due_el(lang: Lang, r: &RequestRow) -> El {
    let due = r.due.as_deref();
    let cell = el("span").attr("data-testid", "gk-due").text(match due {
        Some(day) => day,
        None => tr(lang, "staff.gk.stopped"),
    });
    let mut out = el("span").child(cell);
    if r.provisional {
        out = out.child(
            el("small")
                .class("provisional")
                .attr("data-testid", "deadline-provisional")
                .text(&provisional_text(lang, due)),
        );
    }
    if r.extended {
        out = out.text(" ").child(
            el("small")
                .attr("data-testid", "gk-extended")
                .text(tr(lang, "staff.gk.extended")),
        );
    }
    out
}

/// Working days used and left, and overdue in words (red, but never by colour alone).
fn days_el(lang: Lang, r: &RequestRow) -> El {
    let mut out = el("span").attr("data-testid", "gk-days");
    if let (Some(used), Some(left)) = (r.working_days_used, r.working_days_left) {
        out = out.text(&guichet_core::tr_args(
            lang,
            "staff.gk.days_value",
            &[("used", &used.to_string()), ("left", &left.to_string())],
        ));
    }
    match r.working_days_overdue {
        Some(days) if days > 0 => out.text(" ").child(
            el("strong")
                .class("overdue")
                .attr("data-testid", "gk-overdue")
                .text(&guichet_core::tr_args(
                    lang,
                    "track.overdue_by",
                    &[("days", &days.to_string())],
                )),
        ),
        _ => out,
    }
}

/// The first 40 characters of a long text, with an ellipsis.
fn truncated(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((at, _)) => [&text[..at], "…"].concat(),
        None => text.to_owned(),
    }
}

fn header_row(headings: &[&str]) -> El {
    el("thead").child(
        el("tr").children(
            headings
                .iter()
                .map(|h| el("th").attr("scope", "col").text(h)),
        ),
    )
}

/// The request queue's table.
fn queue_table(lang: Lang, data: &RequestQueue, open: RwSignal<View>) -> El {
    let rows = &data.requests;
    if rows.is_empty() {
        return el("p")
            .class("empty")
            .attr("data-testid", "gk-empty")
            .text(tr(lang, "staff.gk.none"));
    }
    let head = header_row(&[
        tr(lang, "track.case_no"),
        tr(lang, "staff.gk.agency"),
        tr(lang, "staff.gk.applicant"),
        tr(lang, "staff.gk.description"),
        tr(lang, "staff.gk.counted_from"),
        tr(lang, "track.state"),
        tr(lang, "staff.gk.due"),
        tr(lang, "staff.gk.days"),
    ]);
    let body = el("tbody").children(rows.iter().map(|r| {
        let case_no = r.case_no.clone();
        let description = r.description.as_str();
        let target = case_no.clone();
        el("tr")
            .attr("data-testid", "gk-row")
            .child(
                el("td").child(
                    el("button")
                        .attr("type", "button")
                        .class("link")
                        .attr("data-testid", "gk-open")
                        .text(&case_no)
                        .on("click", move |_| {
                            open.set(View::DisclosureRequest(target.clone()))
                        }),
                ),
            )
            .child(el("td").text(&r.agency.name))
            .child(el("td").text(&r.applicant))
            .child(
                el("td")
                    .attr("title", description)
                    .text(&truncated(description)),
            )
            .child(el("td").text(&r.counted_from))
            .child(
                el("td")
                    .attr("data-testid", "gk-state")
                    .text(&r.state_label),
            )
            .child(el("td").child(due_el(lang, r)))
            .child(el("td").child(days_el(lang, r)))
    }));
    el("div").class("table-wrap").child(
        el("table")
            .attr("data-testid", "gk-queue")
            .child(head)
            .child(body),
    )
}

/// An answer being waited for (`None`), or what came: the page's data or the refusal's words.
/// One type for every load of these pages, so the signal's code is shared.
type Loaded<T> = RwSignal<Option<Result<T, String>>>;

/// Sends `call` and puts its answer in `into` (a task and a signal rather than a
/// `LocalResource`: each resource weighs a few KB of wasm).
fn load<T: Send + Sync + 'static>(
    into: Loaded<T>,
    call: impl Future<Output = Result<T, ApiError>> + 'static,
) {
    into.set(None);
    leptos::task::spawn_local(async move {
        let answer = call.await.map_err(|e| explain(&e));
        into.set(Some(answer));
    });
}

/// What an answer being waited for or refused shows; `None` once it came.
fn pending<T>(lang: Lang, loaded: &Option<Result<T, String>>) -> Option<El> {
    match loaded {
        None => Some(el("p").text(tr(lang, "settings.checking"))),
        Some(Err(message)) => Some(banner_error(message)),
        Some(Ok(_)) => None,
    }
}

/// The element every page of this module is built in: one shape for all, so its rendering
/// code is shared too.
fn host(root: NodeRef<leptos::html::Div>) -> impl IntoView {
    view! { <div node_ref=root></div> }
}

/// The 依申请公开 tab: the requests, and table 三 of the annual report for a year (last year
/// first) with its CSV.
pub fn requests(session: StaffSession, open: RwSignal<View>) -> impl IntoView {
    use chrono::Datelike;
    let i18n = use_i18n();
    let only_open = RwSignal::new(true);
    let list: Loaded<RequestQueue> = RwSignal::new(None);
    load(list, gk::requests(true));
    let admin = session.staff.role == "center_admin";
    let scope = session.staff.agency_name().map(str::to_owned);
    let last_year = (crate::clock::center_today().year() - 1).to_string();
    let year = RwSignal::new(last_year.clone());
    let agency = RwSignal::new(String::new());
    // What the table shows: changes when 「查看」 is pressed, not while a year is typed.
    let asked = RwSignal::new((last_year, String::new()));
    let table: Loaded<AnnualTableView> = RwSignal::new(None);
    let show = move || {
        let (year, agency) = asked.get_untracked();
        load(table, gk::annual(year, agency));
    };
    show();
    // A center administrator picks the agency among the published ones.
    let agencies: Loaded<AgencyList<IgnoredAny>> = RwSignal::new(None);
    if admin {
        load(agencies, gk::agencies());
    }
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else {
            return;
        };
        let lang = i18n.lang();
        let closed = el("input")
            .attr("type", "checkbox")
            .attr("data-testid", "gk-closed")
            .on("change", move |event| {
                let open_only = !dom::target_checked(&event);
                only_open.set(open_only);
                load(list, gk::requests(open_only));
            });
        let closed = if only_open.get_untracked() {
            closed
        } else {
            closed.attr("checked", "")
        };
        let shown = list.get();
        let queue = pending(lang, &shown).unwrap_or_else(|| match &shown {
            Some(Ok(data)) => queue_table(lang, data, open),
            _ => el("div"),
        });
        let answer = table.get();
        let (shown_year, shown_agency) = asked.get();
        let annual_view = pending(lang, &answer).unwrap_or_else(|| match &answer {
            Some(Ok(data)) => annual_table(lang, data, &shown_year, &shown_agency),
            _ => el("div"),
        });
        let page = el("div")
            .child(el("h1").text(tr(lang, "staff.gk.tab")))
            .child(el("p").class("note").text(match &scope {
                Some(name) => name,
                None => tr(lang, "staff.gk.all_agencies"),
            }))
            .child(
                el("label")
                    .class("check")
                    .child(closed)
                    .text(tr(lang, "staff.gk.include_closed")),
            )
            .child(queue)
            .child(annual_section(
                lang,
                year,
                agency,
                asked,
                &agencies.get(),
                show,
                annual_view,
            ));
        dom::replace_keeping_focus(&root, page);
    });
    host(root)
}

/// The annual table's heading and form (the year, and the agency for an administrator).
fn annual_section(
    lang: Lang,
    year: RwSignal<String>,
    agency: RwSignal<String>,
    asked: RwSignal<(String, String)>,
    agencies: &Option<Result<AgencyList<IgnoredAny>, String>>,
    show: impl Fn() + Copy + 'static,
    table: El,
) -> El {
    let year_input = el("input")
        .attr("type", "number")
        .attr("min", "2008")
        .attr("max", "2100")
        .attr("required", "")
        .attr("data-testid", "gk-annual-year")
        .attr("value", &year.get_untracked())
        .on("input", move |event| year.set(dom::target_value(&event)));
    let picker = match agencies {
        Some(Ok(data)) => {
            let chosen = agency.get_untracked();
            let select = el("select")
                .attr("data-testid", "gk-annual-agency")
                .child(
                    el("option")
                        .attr("value", "")
                        .text(tr(lang, "staff.gk.all_agencies")),
                )
                .children(data.agencies.iter().map(|a| {
                    let option = el("option").attr("value", &a.code).text(&a.name);
                    if a.code == chosen {
                        option.attr("selected", "")
                    } else {
                        option
                    }
                }))
                .on("change", move |event| agency.set(dom::target_value(&event)));
            Some(labelled(tr(lang, "staff.gk.agency"), select))
        }
        _ => None,
    };
    let form = el("form")
        .class("annual-form")
        .child(labelled(tr(lang, "staff.gk.annual_year"), year_input))
        .maybe(picker)
        .child(
            el("button")
                .attr("type", "submit")
                .attr("data-testid", "gk-annual-show")
                .text(tr(lang, "staff.gk.annual_show")),
        )
        .on("submit", move |event| {
            event.prevent_default();
            asked.set((year.get_untracked(), agency.get_untracked()));
            show();
        });
    el("section")
        .attr("aria-labelledby", "gk-annual-title")
        .child(
            el("h2")
                .attr("id", "gk-annual-title")
                .text(tr(lang, "staff.gk.annual")),
        )
        .child(form)
        .child(table)
}

fn annual_table(lang: Lang, data: &AnnualTableView, year: &str, agency: &str) -> El {
    // The year asked for, as typed: the table's own (the same year) would only be reformatted.
    let agency_name = match &data.agency {
        Some(named) => &named.name,
        None => tr(lang, "staff.gk.all_agencies"),
    };
    let caption = guichet_core::tr_args(
        lang,
        "staff.gk.annual_caption",
        &[("year", year), ("agency", agency_name)],
    );
    let columns = &data.columns;
    let head = el("thead").child(
        el("tr")
            .child(
                el("th")
                    .attr("scope", "col")
                    .text(tr(lang, "staff.gk.annual_item")),
            )
            .children(
                columns
                    .iter()
                    .map(|c| el("th").attr("scope", "col").text(c)),
            ),
    );
    let body = el("tbody").children(data.rows.iter().map(|row| {
        el("tr")
            .child(el("th").attr("scope", "row").text(&row.label))
            .children(
                row.counts
                    .iter()
                    .map(|count| el("td").text(&count.to_string())),
            )
    }));
    let href = ["/api/", &gk::annual_path(year, true, agency)].concat();
    el("div")
        .class("table-wrap")
        .child(
            el("table")
                .class("annual-table")
                .attr("data-testid", "gk-annual-table")
                .child(el("caption").text(&caption))
                .child(head)
                .child(body),
        )
        .child(
            el("p").child(
                el("a")
                    .attr("href", &href)
                    .attr("download", "")
                    .attr("data-testid", "gk-annual-csv")
                    .text(tr(lang, "staff.gk.annual_csv")),
            ),
        )
}

/// What the step forms hold: what was typed survives a refused step and a rebuilt form.
#[derive(Clone, Copy)]
struct Draft {
    missing: RwSignal<String>,
    note: RwSignal<String>,
    reply_by: RwSignal<String>,
    days: RwSignal<String>,
    reason: RwSignal<String>,
    third_party: RwSignal<String>,
    kind: RwSignal<String>,
    code: RwSignal<String>,
    basis: RwSignal<String>,
    location: RwSignal<String>,
    right_agency: RwSignal<String>,
    text: RwSignal<String>,
    /// Uploaded attachments.
    files: RwSignal<Vec<NamedUpload>>,
    /// Attachments still being sent.
    uploading: RwSignal<u32>,
}

impl Draft {
    fn new() -> Draft {
        let text = || RwSignal::new(String::new());
        Draft {
            missing: text(),
            note: text(),
            reply_by: text(),
            days: text(),
            reason: text(),
            third_party: text(),
            kind: text(),
            code: text(),
            basis: text(),
            location: text(),
            right_agency: text(),
            text: text(),
            files: RwSignal::new(Vec::new()),
            uploading: RwSignal::new(0),
        }
    }

    /// Empties every field (after a step was taken).
    fn clear(self) {
        for field in [
            self.missing,
            self.note,
            self.reply_by,
            self.days,
            self.reason,
            self.third_party,
            self.kind,
            self.code,
            self.basis,
            self.location,
            self.right_agency,
            self.text,
        ] {
            field.set(String::new());
        }
        self.files.set(Vec::new());
    }
}

/// A refusal: the message, and the fields it names with what is wrong with each.
type Refusal = (String, Vec<(String, String)>);

fn refusal(failure: &ApiError) -> Refusal {
    let fields = match failure {
        ApiError::Server { body, .. } => body
            .fields
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        _ => Vec::new(),
    };
    (explain(failure), fields)
}

/// The body of `step` from the draft, or the sentence saying what is missing first.
fn step_body(step: &str, d: Draft) -> Result<Value, &'static str> {
    let mut body = Map::new();
    let mut put = |key: &str, value: Value| {
        body.insert(key.to_owned(), value);
    };
    let text = |signal: RwSignal<String>| Value::String(signal.get_untracked().trim().to_owned());
    put("action", step.into());
    match step {
        "request_supplement" => {
            let missing: Vec<Value> = d
                .missing
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(|line| Value::String(line.to_owned()))
                .collect();
            if missing.is_empty() {
                return Err("staff.gk.need_missing");
            }
            put("missing", Value::Array(missing));
            put("note", text(d.note));
            put("reply_by", text(d.reply_by));
        }
        "extend" => {
            let days = d.days.get_untracked().trim().parse::<u32>().ok();
            let Some(days) = days.filter(|days| (1..=20).contains(days)) else {
                return Err("staff.gk.need_days");
            };
            put("working_days", days.into());
            put("reason", text(d.reason));
        }
        "consult_start" => {
            put("third_party", text(d.third_party));
            put("note", text(d.note));
        }
        "consult_end" => put("note", text(d.note)),
        "reply" => {
            if d.uploading.get_untracked() > 0 {
                return Err("staff.gk.need_upload");
            }
            let kind = d.kind.get_untracked();
            if !reasons(&kind).is_empty() {
                if d.code.get_untracked().is_empty() {
                    return Err("staff.gk.need_reason");
                }
                put("reason", text(d.code));
            }
            match kind.as_str() {
                "withheld" | "partly_disclosed" => put("basis", text(d.basis)),
                "already_public" => put("location", text(d.location)),
                "not_held" if !d.right_agency.get_untracked().trim().is_empty() => {
                    put("right_agency", text(d.right_agency))
                }
                _ => {}
            }
            put("kind", kind.into());
            put("text", text(d.text));
            let ids = d.files.with_untracked(|files| {
                files
                    .iter()
                    .map(|f| Value::String(f.id.clone()))
                    .collect::<Vec<_>>()
            });
            put("files", Value::Array(ids));
        }
        _ => {}
    }
    Ok(Value::Object(body))
}

/// The refusal shown next to the step's form, in plain words with the fields at fault.
fn error_view(lang: Lang, shown: Option<Refusal>) -> El {
    let Some((message, fields)) = shown else {
        return el("div");
    };
    el("div")
        .class("banner error")
        .attr("role", "alert")
        .attr("data-testid", "gk-error")
        .child(el("p").text(&message))
        .child(el("ul").children(fields.iter().map(|(field, text)| {
            el("li").text(&[field_label(lang, field), "：".into(), text.clone()].concat())
        })))
}

/// One disclosure request and its steps.
pub fn request(session: StaffSession, case_no: String, back: RwSignal<View>) -> impl IntoView {
    let i18n = use_i18n();
    let detail: Loaded<RequestDetail> = RwSignal::new(None);
    let number = StoredValue::new(case_no);
    let csrf = StoredValue::new(session.csrf_token);
    load(detail, gk::request(number.get_value()));
    let chosen = RwSignal::new(None::<&'static str>);
    let draft = Draft::new();
    let error = RwSignal::new(None::<Refusal>);
    let done = RwSignal::new(false);
    let busy = RwSignal::new(false);

    let pick = move |step: Option<&'static str>| {
        error.set(None);
        done.set(false);
        // The note is the one field several steps share: a note written for another step
        // must not go out with this one.
        if step.is_some() && step != chosen.get_untracked() {
            draft.note.set(String::new());
        }
        chosen.set(step);
    };
    let send = move |step: &'static str| {
        if busy.get_untracked() {
            return;
        }
        let body = match step_body(step, draft) {
            Ok(body) => body,
            Err(key) => {
                error.set(Some((
                    tr(i18n.lang_untracked(), key).to_owned(),
                    Vec::new(),
                )));
                return;
            }
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match gk::act(&number.get_value(), &body, &csrf.get_value()).await {
                Ok(updated) => {
                    detail.set(Some(Ok(updated)));
                    chosen.set(None);
                    draft.clear();
                    done.set(true);
                }
                Err(failure) => error.set(Some(refusal(&failure))),
            }
            busy.set(false);
        });
    };
    let upload = move |files: Vec<web_sys::File>| {
        draft.uploading.update(|n| *n += files.len() as u32);
        leptos::task::spawn_local(async move {
            // One by one: a village line carries one 20 MB file better than several at once.
            for file in files {
                match gk::upload(&file, &csrf.get_value()).await {
                    Ok(answer) => draft.files.update(|list| list.push(answer)),
                    Err(failure) => {
                        let (message, fields) = refusal(&failure);
                        error.set(Some(([file.name(), message].join("："), fields)));
                    }
                }
                draft.uploading.update(|n| *n = n.saturating_sub(1));
            }
        });
    };

    let root = NodeRef::<leptos::html::Div>::new();
    // The page, built again when the request, the step or the reply's kind changes (the
    // kind decides the reply's fields), never on a keystroke.
    Effect::new(move |before: Option<Option<&'static str>>| {
        let step = chosen.get();
        let Some(root) = root.get() else {
            return step;
        };
        let lang = i18n.lang();
        draft.kind.track();
        let finished = done.get();
        let shown = detail.get();
        let mut page = el("div")
            .child(
                el("p").child(
                    el("button")
                        .attr("type", "button")
                        .class("link")
                        .attr("data-testid", "gk-back")
                        .text(tr(lang, "staff.gk.back"))
                        .on("click", move |_| back.set(View::Disclosure)),
                ),
            )
            .child(el("div").attr("role", "status").maybe(finished.then(|| {
                el("p")
                    .class("panel-ok")
                    .attr("tabindex", "-1")
                    .attr("data-testid", "gk-done")
                    .text(tr(lang, "staff.done"))
            })));
        if let Some(waiting) = pending(lang, &shown) {
            page = page.child(waiting);
        } else if let Some(Ok(r)) = &shown {
            page = page
                .child(request_view(lang, r, step, pick))
                .maybe(step.map(|step| step_form(lang, step, draft, send, pick, upload)))
                .child(
                    el("div")
                        .attr("id", "gk-error-slot")
                        .child(error_view(lang, error.get_untracked())),
                )
                .child(trail_view(lang, r));
        }
        dom::replace_keeping_focus(&root, page);
        // A step just opened: the keyboard goes to its first field, or to the heading of the
        // withdrawal's confirmation (never to its button: one more Enter must not close it).
        // After a step, the form is gone: the focus goes to what happened.
        let target = if step.is_some() && before.flatten() != step {
            root.query_selector("form textarea,form input,form select,form h3")
        } else if finished && step.is_none() {
            root.query_selector("[data-testid=gk-done]")
        } else {
            Ok(None)
        };
        if let Ok(Some(target)) = target
            && let Ok(target) = target.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = target.focus();
        }
        step
    });
    // A refusal changes only the slot next to the form, so what was typed stays put.
    Effect::new(move |_| {
        let lang = i18n.lang();
        let shown = error.get();
        if let Some(slot) = root
            .get()
            .and_then(|root| root.query_selector("#gk-error-slot").ok().flatten())
        {
            dom::replace(&slot, error_view(lang, shown));
        }
    });
    host(root)
}

fn facts(rows: Vec<(&str, El)>) -> El {
    let mut dl = el("dl").class("facts");
    for (term, value) in rows {
        dl = dl.child(el("dt").text(term)).child(value);
    }
    dl
}

fn dd(text: &str) -> El {
    el("dd").text(text)
}

/// The request: facts, clock, answers, pending 补正, reply, and the buttons of the steps.
fn request_view(
    lang: Lang,
    detail: &RequestDetail,
    chosen: Option<&'static str>,
    pick: impl Fn(Option<&'static str>) + Copy + 'static,
) -> El {
    let r = &detail.row;
    let mut page = el("div")
        .child(el("h1").attr("data-testid", "gk-case-no").text(&r.case_no))
        .child(facts(vec![
            (tr(lang, "staff.gk.agency"), dd(&r.agency.name)),
            (
                tr(lang, "staff.gk.received"),
                dd(&crate::clock::show_rfc3339(&r.received_at)),
            ),
            (tr(lang, "staff.gk.counted_from"), dd(&r.counted_from)),
            (
                tr(lang, "track.state"),
                dd(&r.state_label).attr("data-testid", "gk-state"),
            ),
        ]))
        .child(el("h2").text(tr(lang, "staff.gk.clock")))
        .child(
            facts(vec![
                (tr(lang, "staff.gk.due"), el("dd").child(due_el(lang, r))),
                (tr(lang, "staff.gk.days"), el("dd").child(days_el(lang, r))),
                (
                    tr(lang, "staff.gk.extension"),
                    dd(tr(
                        lang,
                        if r.extended {
                            "staff.gk.extended"
                        } else {
                            "staff.gk.not_extended"
                        },
                    )),
                ),
                (
                    tr(lang, "staff.gk.supplement_deadline"),
                    dd(detail.supplement_deadline.as_deref().unwrap_or_default())
                        .attr("data-testid", "gk-supplement-deadline"),
                ),
            ])
            .attr("data-testid", "gk-clock"),
        )
        .child(el("h2").text(tr(lang, "staff.answers")))
        .child(
            facts(
                detail
                    .fields
                    .iter()
                    .map(|f| (f.label.as_str(), dd(&f.value)))
                    .collect(),
            )
            .attr("data-testid", "gk-fields"),
        );
    if let Some(pending) = &detail.supplement {
        page = page.child(
            el("section")
                .attr("data-testid", "gk-supplement")
                .child(el("h2").text(tr(lang, "staff.gk.pending_supplement")))
                .child(facts(vec![
                    (
                        tr(lang, "staff.gk.missing"),
                        el("dd").child(
                            el("ul").children(pending.missing.iter().map(|m| el("li").text(m))),
                        ),
                    ),
                    (tr(lang, "staff.gk.note"), dd(&pending.note)),
                    (
                        tr(lang, "staff.gk.supplement_by"),
                        dd(pending.reply_by.as_deref().unwrap_or_default()),
                    ),
                ])),
        );
    }
    if let Some(reply) = &detail.reply {
        page = page.child(reply_view(lang, reply));
    }
    let steps: Vec<El> = STEPS
        .iter()
        .filter(|(step, _)| detail.allowed.iter().any(|a| a == step))
        .map(|&(step, key)| {
            el("button")
                .attr("type", "button")
                .attr("data-testid", &["gk-action-", step].concat())
                .attr(
                    "aria-expanded",
                    if chosen == Some(step) {
                        "true"
                    } else {
                        "false"
                    },
                )
                .text(tr(lang, key))
                .on("click", move |_| pick(Some(step)))
        })
        .collect();
    page = page.child(el("h2").text(tr(lang, "staff.actions")));
    if steps.is_empty() {
        page.child(
            el("p")
                .class("empty")
                .attr("data-testid", "gk-no-steps")
                .text(tr(lang, "staff.gk.no_steps")),
        )
    } else {
        page.child(el("div").class("actions").children(steps))
    }
}

/// The reply given: its kind and details, and its files as links.
fn reply_view(lang: Lang, reply: &ReplyView) -> El {
    let mut rows = vec![
        (tr(lang, "staff.gk.kind"), dd(&reply.kind_label)),
        (
            tr(lang, "staff.gk.reply_on"),
            dd(reply.on.as_deref().unwrap_or_default()),
        ),
    ];
    for (value, label) in [
        (&reply.reason_label, "staff.gk.reason"),
        (&reply.basis, "staff.gk.basis"),
        (&reply.location, "staff.gk.location"),
        (&reply.right_agency, "staff.gk.right_agency"),
    ] {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            rows.push((tr(lang, label), dd(value)));
        }
    }
    rows.push((
        tr(lang, "staff.gk.reply_text"),
        dd(&reply.text).class("prewrap"),
    ));
    let files = &reply.files;
    if !files.is_empty() {
        rows.push((
            tr(lang, "staff.gk.files"),
            el("dd").child(el("ul").children(files.iter().map(|f| {
                el("li")
                    .child(
                        el("a")
                            .attr("href", &f.url)
                            .attr("data-testid", "gk-reply-file")
                            .text(&f.name),
                    )
                    .text(&[" (", &size_text(f.size), ")"].concat())
            }))),
        ));
    }
    el("section")
        .attr("data-testid", "gk-reply")
        .child(el("h2").text(tr(lang, "staff.gk.reply")))
        .child(facts(rows))
}

/// The audit trail, oldest first, in Beijing time.
fn trail_view(lang: Lang, r: &RequestDetail) -> El {
    let head = header_row(&[
        tr(lang, "staff.gk.at"),
        tr(lang, "staff.gk.by"),
        tr(lang, "staff.gk.what"),
        tr(lang, "staff.gk.detail"),
    ]);
    let body = el("tbody").children(r.actions.iter().map(|a| {
        el("tr")
            .child(el("td").text(&crate::clock::show_rfc3339(&a.at)))
            .child(el("td").text(&a.staff))
            .child(el("td").text(&a.label))
            .child(el("td").text(&a.summary))
    }));
    el("section")
        .child(el("h2").text(tr(lang, "staff.gk.trail")))
        .child(
            el("table")
                .attr("data-testid", "gk-actions")
                .child(head)
                .child(body),
        )
}

/// A text input or textarea bound to `signal` (written on each keystroke, read once here).
fn input(kind: &str, testid: &str, signal: RwSignal<String>) -> El {
    let control = if kind == "textarea" {
        el("textarea")
            .attr("rows", "4")
            .text(&signal.get_untracked())
    } else {
        el("input")
            .attr("type", kind)
            .attr("value", &signal.get_untracked())
    };
    control
        .attr("data-testid", testid)
        .on("input", move |event| signal.set(dom::target_value(&event)))
}

fn required(control: El) -> El {
    control.attr("required", "").attr("aria-required", "true")
}

/// A `<select>` of `options` (code, label key) bound to `signal`, with an empty first choice.
fn select(
    lang: Lang,
    testid: &str,
    options: &[(&str, &'static str)],
    signal: RwSignal<String>,
) -> El {
    let chosen = signal.get_untracked();
    el("select")
        .attr("data-testid", testid)
        .attr("required", "")
        .child(
            el("option")
                .attr("value", "")
                .text(tr(lang, "staff.gk.choose")),
        )
        .children(options.iter().map(|&(code, key)| {
            let option = el("option").attr("value", code).text(tr(lang, key));
            if code == chosen {
                option.attr("selected", "")
            } else {
                option
            }
        }))
        .on("change", move |event| signal.set(dom::target_value(&event)))
}

/// The form of one step.
fn step_form(
    lang: Lang,
    step: &'static str,
    d: Draft,
    send: impl Fn(&'static str) + Copy + 'static,
    pick: impl Fn(Option<&'static str>) + Copy + 'static,
    upload: impl Fn(Vec<web_sys::File>) + Copy + 'static,
) -> El {
    let title = STEPS
        .iter()
        .find(|(code, _)| *code == step)
        .map_or("", |(_, key)| tr(lang, key));
    let mut form = el("form")
        .class("move")
        .attr("data-testid", &["gk-form-", step].concat())
        .attr("aria-labelledby", "gk-form-title")
        .child(
            el("h3")
                .attr("id", "gk-form-title")
                .attr("tabindex", "-1")
                .text(title),
        );
    let mut submit_label = title;
    match step {
        "request_supplement" => {
            form = form
                .child(labelled(
                    tr(lang, "staff.gk.missing_list"),
                    required(input("textarea", "gk-missing", d.missing)),
                ))
                .child(labelled(
                    tr(lang, "staff.note"),
                    input("textarea", "gk-note", d.note),
                ))
                .child(labelled(
                    // Optional: the server gives 15 working days when left empty.
                    tr(lang, "staff.gk.supplement_by"),
                    input("date", "gk-reply-by", d.reply_by),
                ));
        }
        "extend" => {
            form = form
                .child(labelled(
                    tr(lang, "staff.gk.working_days"),
                    required(
                        input("number", "gk-days-input", d.days)
                            .attr("min", "1")
                            .attr("max", "20")
                            .attr("step", "1"),
                    ),
                ))
                .child(labelled(
                    tr(lang, "staff.gk.extend_reason"),
                    required(input("textarea", "gk-reason", d.reason)),
                ));
        }
        "consult_start" => {
            form = form
                .child(labelled(
                    tr(lang, "staff.gk.third_party"),
                    required(input("text", "gk-third-party", d.third_party)),
                ))
                .child(labelled(
                    tr(lang, "staff.gk.note"),
                    input("textarea", "gk-note", d.note),
                ));
        }
        "consult_end" => {
            form = form.child(labelled(
                tr(lang, "staff.gk.note"),
                input("textarea", "gk-note", d.note),
            ));
        }
        "reply" => form = reply_fields(lang, form, d, upload),
        _ => {
            // 视为撤回 closes the request for good: a second, explicit button instead of a
            // pop-up (the elderly mode forbids them).
            form = form.child(
                el("p")
                    .attr("data-testid", "gk-withdraw-confirm")
                    .text(tr(lang, "staff.gk.withdraw_confirm")),
            );
            submit_label = tr(lang, "staff.gk.confirm");
        }
    }
    form.child(
        el("div")
            .class("actions")
            .child(
                el("button")
                    .attr("type", "submit")
                    .attr("data-testid", &["gk-submit-", step].concat())
                    .text(submit_label),
            )
            .text(" ")
            .child(
                el("button")
                    .attr("type", "button")
                    .class("secondary")
                    .attr("data-testid", "gk-cancel")
                    .text(tr(lang, "staff.cancel"))
                    .on("click", move |_| pick(None)),
            ),
    )
    .on("submit", move |event| {
        event.prevent_default();
        send(step);
    })
}

/// The reply's fields: the kind, then what that kind must say, the text and the attachments.
fn reply_fields(
    lang: Lang,
    form: El,
    d: Draft,
    upload: impl Fn(Vec<web_sys::File>) + Copy + 'static,
) -> El {
    let kinds: Vec<(&str, &'static str)> =
        KINDS.iter().map(|k| (k.code(), k.label(lang))).collect();
    // The kind's options carry their labels already translated: `select` looks keys up, so
    // they are built here.
    let chosen = d.kind.get_untracked();
    let kind_select = el("select")
        .attr("data-testid", "gk-reply-kind")
        .attr("required", "")
        .child(
            el("option")
                .attr("value", "")
                .text(tr(lang, "staff.gk.choose")),
        )
        .children(kinds.iter().map(|&(code, label)| {
            let option = el("option").attr("value", code).text(label);
            if code == chosen {
                option.attr("selected", "")
            } else {
                option
            }
        }))
        .on("change", move |event| {
            // Another kind gives other reasons: the one picked before no longer applies.
            d.code.set(String::new());
            d.kind.set(dom::target_value(&event));
        });
    let mut form = form.child(labelled(tr(lang, "staff.gk.kind"), kind_select));
    let options = reasons(&chosen);
    if !options.is_empty() {
        form = form.child(labelled(
            tr(lang, "staff.gk.reason"),
            select(lang, "gk-reply-reason", options, d.code),
        ));
    }
    match chosen.as_str() {
        "withheld" | "partly_disclosed" => {
            form = form.child(labelled(
                tr(lang, "staff.gk.basis"),
                required(input("text", "gk-reply-basis", d.basis)),
            ));
        }
        "already_public" => {
            form = form.child(labelled(
                tr(lang, "staff.gk.location"),
                required(input("text", "gk-reply-location", d.location)),
            ));
        }
        "not_held" => {
            form = form.child(labelled(
                tr(lang, "staff.gk.right_agency"),
                input("text", "gk-reply-right-agency", d.right_agency),
            ));
        }
        _ => {}
    }
    let picker = el("input")
        .attr("type", "file")
        .attr("multiple", "")
        .attr(
            "accept",
            ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png",
        )
        .attr("data-testid", "gk-file")
        .on("change", move |event| {
            let Some(field) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let chosen: Vec<web_sys::File> = field
                .files()
                .map(|picked| (0..picked.length()).filter_map(|i| picked.get(i)).collect())
                .unwrap_or_default();
            // Emptied so that the same file can be picked again after a removal.
            field.set_value("");
            if !chosen.is_empty() {
                upload(chosen);
            }
        });
    // The list follows the uploads by itself, so the form around it (and what is being typed
    // in it) is never rebuilt when a file arrives.
    let files = el("ul")
        .attr("data-testid", "gk-files")
        .attr("aria-live", "polite");
    let files_node = files.0.clone();
    Effect::new(move |_| {
        let uploading = d.uploading.get();
        files_node.set_text_content(None);
        let items = d.files.with(|list| {
            list.iter()
                .enumerate()
                .map(|(index, f)| file_item(lang, index, f, d.files))
                .collect::<Vec<_>>()
        });
        for item in items {
            let _ = files_node.append_child(&item.0);
        }
        if uploading > 0 {
            let _ = files_node.append_child(&el("li").text(tr(lang, "staff.gk.uploading")).0);
        }
    });
    form.child(labelled(
        tr(lang, "staff.gk.reply_text"),
        required(input("textarea", "gk-reply-text", d.text)),
    ))
    .child(labelled(tr(lang, "staff.gk.attach"), picker))
    .child(files)
}

/// An uploaded attachment, removable before the reply is sent.
fn file_item(lang: Lang, index: usize, f: &NamedUpload, files: RwSignal<Vec<NamedUpload>>) -> El {
    let name = f.name.as_str();
    el("li")
        .attr("data-testid", "gk-file-item")
        .text(&[name, " (", &size_text(f.size), ") "].concat())
        .child(
            el("button")
                .attr("type", "button")
                .class("secondary")
                .attr("data-testid", "gk-file-remove")
                .attr(
                    "aria-label",
                    &guichet_core::tr_args(lang, "staff.gk.remove_named", &[("name", name)]),
                )
                .text(tr(lang, "staff.gk.remove"))
                .on("click", move |_| {
                    files.update(|list| {
                        if index < list.len() {
                            list.remove(index);
                        }
                    })
                }),
        )
}

// `wasm_bindgen_test`: the app's unit tests run on wasm32, where plain `#[test]`s are not
// collected.
#[cfg(test)]
mod tests {
    use super::*;
    use guichet_core::disclosure::annual_report::{
        CannotProvideReason, NotHandledReason, WithheldReason,
    };
    use wasm_bindgen_test::wasm_bindgen_test;

    fn code<T: serde::Serialize>(value: T) -> String {
        serde_json::to_value(value)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    #[wasm_bindgen_test]
    fn reason_codes_are_the_cores() {
        use WithheldReason as W;
        let withheld = [
            W::StateSecret,
            W::ForbiddenByLaw,
            W::Security,
            W::ThirdPartyRights,
            W::InternalAffairs,
            W::ProcessInformation,
            W::EnforcementFile,
            W::AdministrativeQuery,
        ];
        for (reason, (expected, _)) in withheld.into_iter().zip(WITHHELD) {
            assert_eq!(code(reason), expected);
        }
        use CannotProvideReason as C;
        for (reason, (expected, _)) in [C::NotHeld, C::WouldNeedCreating, C::StillUnclear]
            .into_iter()
            .zip(CANNOT_PROVIDE)
        {
            assert_eq!(code(reason), expected);
        }
        use NotHandledReason as N;
        let not_handled = [
            N::Petition,
            N::Repeated,
            N::Publication,
            N::Excessive,
            N::Confirmation,
        ];
        for (reason, (expected, _)) in not_handled.into_iter().zip(NOT_HANDLED) {
            assert_eq!(code(reason), expected);
        }
    }

    #[wasm_bindgen_test]
    fn sizes_and_truncation() {
        assert_eq!(size_text(1536), "1.5 KB");
        assert_eq!(size_text(3 * 1_048_576), "3.0 MB");
        assert_eq!(truncated("短"), "短");
        let long: String = "字".repeat(45);
        assert_eq!(truncated(&long).chars().count(), 41);
    }
}
