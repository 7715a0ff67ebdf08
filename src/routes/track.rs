//! 办件查询: look a case up by its number and query code, follow the cases of this device, and
//! read them offline as of their last answer. A case that asks for a 补正 offers to amend the
//! answers (`super::supplement`); a concluded one takes a 好差评 (`super::feedback`); both go
//! through the outbox. Complaints have pages of their own (`/track/complaint`, 投诉查询, and
//! `/track/complaint/new`, 我要投诉: `super::feedback`), linked from each page with 咨询答复查询.
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{tr, tr_args};
use guichet_core::i18n::Lang;

use crate::api::ApiError;
use crate::dom::{self, El, el};
use crate::i18n::{I18n, use_i18n};
use crate::storage::Storage;
use crate::storage::outbox::{OutboxRecord, OutboxState, RecordKind};
use crate::sync::use_sync;
use crate::tracking::{self, CaseView, TrackError, TrackedCase};

use super::feedback;

/// 办件查询's address.
pub const TRACK: &str = "/track";
/// 投诉查询's address.
pub const COMPLAINTS: &str = "/track/complaint";
/// 我要投诉's address.
pub const NEW_COMPLAINT: &str = "/track/complaint/new";
/// 咨询答复查询, a page of another bundle.
const ANSWERS: &str = "/contact/answers";

/// The links between 办件查询's pages (and to 咨询答复查询), `here` marked as the current one.
pub fn pages_nav(lang: Lang, here: &str) -> El {
    let bundle = crate::app::current_bundle();
    let links = [
        (TRACK, "track.heading"),
        (COMPLAINTS, "track.complaint_heading"),
        (NEW_COMPLAINT, "track.complaint_new_heading"),
        (ANSWERS, "track.answers"),
    ]
    .into_iter()
    .map(|(href, key)| {
        let mut a = crate::app::link(href, bundle).text(tr(lang, key));
        if href == here {
            a = a.attr("aria-current", "page");
        }
        el("li").child(a)
    });
    el("nav")
        .class("subnav")
        .attr("aria-label", tr(lang, "track.pages"))
        .child(el("ul").children(links))
}

/// 办件查询 (`/track`, `?case_no=` filled in from a receipt).
#[component]
pub fn Track() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let cases = RwSignal::new(Vec::<TrackedCase>::new());
    let selected = RwSignal::new(None::<String>);
    let refresh_error = RwSignal::new(None::<String>);
    // The outbox's records (補正 and ratings waiting).
    let queued = RwSignal::new(Vec::<OutboxRecord>::new());
    let notice = RwSignal::new(None::<&'static str>);
    let given_number = crate::app::query_param(TRACK, "case_no");

    let load = move || {
        spawn_local(async move {
            if let Ok(list) = tracking::tracked().await {
                cases.set(list);
            }
        })
    };
    let refresh = move || {
        spawn_local(async move {
            match tracking::refresh_all().await {
                Ok(list) => {
                    cases.set(list);
                    refresh_error.set(None);
                }
                Err(error) => {
                    load();
                    refresh_error.set(Some(explain(i18n, &error)));
                }
            }
        });
    };
    // Refresh whenever the line is (back) up or the language changes: labels come from the server.
    Effect::new(move |_| {
        let online = sync.online.get();
        let _lang = i18n.lang();
        load();
        if online {
            refresh();
        }
    });
    // The outbox as it changes; when a record left it (delivered), the cases are asked again, so
    // a 补正 or a rating just sent shows at once.
    Effect::new(move |before: Option<usize>| {
        sync.revision.track();
        spawn_local(async move {
            if let Ok(storage) = Storage::shared().await {
                queued.set(storage.list_outbox().await.unwrap_or_default());
            }
        });
        let now = sync.pending.get().unwrap_or(0) as usize;
        if before.is_some_and(|before| now < before) && sync.online.get_untracked() {
            refresh();
        }
        now
    });

    // The heading and the lookup form, built once per language (nothing typed is lost).
    let form_root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = form_root.get() else { return };
        let lang = i18n.lang();
        let form = lookup_form(lang, selected, load);
        if let Some(number) = given_number.get_untracked()
            && let Ok(Some(input)) = form.0.query_selector("#track-case-no")
        {
            let _ = js_sys::Reflect::set(&input, &"value".into(), &number.into());
        }
        let content = el("div")
            .child(el("h1").text(tr(lang, "track.heading")))
            .child(el("p").class("lead").text(tr(lang, "track.lead")))
            .child(pages_nav(lang, TRACK))
            .child(feedback::summary_slot())
            .child(form);
        dom::replace_keeping_focus(&root, content);
    });

    // The case shown and the list are built as plain DOM (see `crate::dom`): as Leptos views
    // they weighed ~25 KB brotli on the shell's first load.
    let detail_root = NodeRef::<leptos::html::Section>::new();
    let list_root = NodeRef::<leptos::html::Div>::new();
    let confirming = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(root) = detail_root.get() else {
            return;
        };
        let lang = i18n.lang();
        let online = sync.online.get();
        confirming.track();
        let shown = selected
            .get()
            .and_then(|wanted| cases.get().into_iter().find(|case| case.case_no == wanted));
        let actions = Actions { confirming, notice };
        let content = match shown {
            Some(case) => case_detail(lang, online, case, &queued.get(), actions),
            None => el("div"),
        };
        dom::replace_keeping_focus(&root, content);
    });
    // 好差评: rebuilt only when what it shows changes, never while the person writes.
    let evaluation_root = NodeRef::<leptos::html::Div>::new();
    let shown_evaluation = StoredValue::new(String::new());
    Effect::new(move |_| {
        let Some(root) = evaluation_root.get() else {
            return;
        };
        let lang = i18n.lang();
        let shown = selected
            .get()
            .and_then(|wanted| cases.get().into_iter().find(|case| case.case_no == wanted));
        let queued = queued.get();
        let Some((view, code)) = shown.and_then(|c| c.view.map(|v| (v, c.query_code))) else {
            shown_evaluation.set_value(String::new());
            root.set_text_content(None);
            return;
        };
        let waiting = feedback::waiting(&queued, RecordKind::Evaluation, &view.case_no);
        // What the section shows, as one text (no `Debug` formatting: it would bring the
        // string escaping tables into the shell).
        let waiting_state = match waiting.map(|r| r.state) {
            None => "",
            Some(OutboxState::Pending) => "pending",
            Some(OutboxState::Sending) => "sending",
            Some(OutboxState::Refused) => "refused",
        };
        let key = [
            if lang == Lang::En { "en" } else { "zh" },
            &view.case_no,
            &view.state,
            view.evaluation.as_ref().map_or("", |e| e.label.as_str()),
            waiting.map_or("", |r| r.id.as_str()),
            waiting_state,
        ]
        .join("|");
        if shown_evaluation.with_value(|k| *k == key) {
            return;
        }
        shown_evaluation.set_value(key);
        match feedback::evaluation_section(lang, sync, &view, &code, &queued) {
            Some(section) => dom::replace_keeping_focus(&root, section),
            None => root.set_text_content(None),
        }
    });
    // A sentence for the person (a 补正 that could not start, a reply file not on the device).
    let notice_root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = notice_root.get() else {
            return;
        };
        let lang = i18n.lang();
        root.set_text_content(None);
        if let Some(key) = notice.get() {
            let said = el("p")
                .class("banner")
                .attr("role", "status")
                .attr("data-testid", "track-notice")
                .text(tr(lang, key));
            let _ = root.append_child(&said.0);
        }
    });
    Effect::new(move |_| {
        let Some(root) = list_root.get() else { return };
        let lang = i18n.lang();
        let content = tracked_list(lang, refresh_error.get(), cases.get(), selected, confirming);
        dom::replace_keeping_focus(&root, content);
    });

    view! {
        <div node_ref=form_root></div>
        <div node_ref=notice_root></div>
        <section aria-live="polite" data-testid="case-detail" node_ref=detail_root></section>
        <div node_ref=evaluation_root></div>
        <h2>{move || i18n.t("track.on_device")}</h2>
        <div node_ref=list_root></div>
    }
}

/// The lookup by case number and query code, with the error-summary pattern: a case found is
/// followed on the device and shown (`selected`), `load` reads the device's list again.
fn lookup_form(
    lang: Lang,
    selected: RwSignal<Option<String>>,
    load: impl Fn() + Copy + 'static,
) -> El {
    el("form")
        .attr("novalidate", "")
        .class("lookup")
        .attr("data-testid", "track-lookup")
        .child(feedback::field(
            lang,
            "input",
            "track-case-no",
            "track.case_no",
            40,
            true,
        ))
        .child(feedback::field(
            lang,
            "input",
            "track-query-code",
            "track.query_code",
            40,
            true,
        ))
        .child(feedback::submit_button(
            lang,
            "track-submit",
            "track.submit",
        ))
        .on("submit", move |event| {
            let Some(form) = feedback::submitted_form(&event) else {
                return;
            };
            let number = tracking::normalise(&feedback::value_in(&form, "#track-case-no"));
            let code = tracking::normalise(&feedback::value_in(&form, "#track-query-code"));
            let required = [
                ("track-case-no", number.as_str(), "track.need_case_no"),
                ("track-query-code", code.as_str(), "track.need_query_code"),
            ];
            if !feedback::all_filled(lang, &form, &required) {
                return;
            }
            let button = form.query_selector("[type=submit]").ok().flatten();
            if let Some(button) = &button {
                let _ = button.set_attribute("disabled", "");
            }
            spawn_local(async move {
                match tracking::track(&number, &code).await {
                    Ok(tracked) => {
                        selected.set(Some(tracked.case_no.clone()));
                        if let Ok(Some(input)) = form.query_selector("#track-query-code") {
                            let _ = js_sys::Reflect::set(&input, &"value".into(), &"".into());
                        }
                        load();
                    }
                    Err(failure) => {
                        let message = explain_in(lang, &failure);
                        feedback::show_errors(lang, &form, &[("track-case-no", message)]);
                    }
                }
                if let Some(button) = &button {
                    let _ = button.remove_attribute("disabled");
                }
            });
        })
}

/// The cases followed on this device, with the last refresh's problem if any.
fn tracked_list(
    lang: Lang,
    refresh_error: Option<String>,
    list: Vec<TrackedCase>,
    selected: RwSignal<Option<String>>,
    confirming: RwSignal<bool>,
) -> El {
    let problem = refresh_error.map(|message| {
        el("p")
            .class("note")
            .attr("data-testid", "track-refresh-error")
            .text(&message)
    });
    let body = if list.is_empty() {
        el("p").class("empty").text(tr(lang, "track.empty"))
    } else {
        el("ul")
            .class("tracked")
            .attr("data-testid", "tracked-cases")
            .children(list.into_iter().map(|case| {
                let number = case.case_no.clone();
                let state = case
                    .view
                    .as_ref()
                    .map(|v| v.state_label.clone())
                    .unwrap_or_default();
                let item = case
                    .view
                    .as_ref()
                    .map(|v| v.item.name.clone())
                    .unwrap_or_default();
                el("li")
                    .child(
                        el("button")
                            .attr("type", "button")
                            .class("link")
                            .text(&case.case_no)
                            .on("click", move |_| {
                                confirming.set(false);
                                selected.set(Some(number.clone()));
                            }),
                    )
                    .text(" ")
                    .child(el("span").text(&item))
                    .text(" ")
                    .child(el("strong").text(&state))
            }))
    };
    el("div").maybe(problem).child(body)
}

/// What the case shown can set off on the page.
#[derive(Clone, Copy)]
struct Actions {
    /// Asking whether to forget the case.
    confirming: RwSignal<bool>,
    /// A sentence for the person (a string table key).
    notice: RwSignal<Option<&'static str>>,
}

/// What was asked in a 补正, and the way to answer it: amend (or where the amended answers
/// are, while they wait in the outbox).
fn supplement_view(
    lang: Lang,
    view: &CaseView,
    queued: &[OutboxRecord],
    notice: RwSignal<Option<&'static str>>,
) -> Option<El> {
    let supplement = view.supplement.as_ref()?;
    let waiting = feedback::waiting(queued, RecordKind::Supplement, &view.case_no);
    let action = match waiting {
        Some(_) => el("p")
            .attr("data-testid", "supplement-waiting")
            .text(tr(lang, "track.supplement_waiting")),
        None => {
            let view = view.clone();
            el("p")
                .child(
                    el("button")
                        .attr("type", "button")
                        .attr("data-testid", "amend")
                        .text(tr(lang, "track.amend"))
                        .on("click", move |_| {
                            let view = view.clone();
                            spawn_local(async move {
                                match super::supplement::amend(&view, lang).await {
                                    // The form filler is the forms bundle's page.
                                    Ok(url) => crate::app::go_to_other_bundle(&url),
                                    Err(key) => notice.set(Some(key)),
                                }
                            });
                        }),
                )
                .text(" ")
                .child(el("span").class("note").text(tr(lang, "track.amend_note")))
        }
    };
    Some(
        el("div")
            .class("banner")
            .attr("role", "status")
            .attr("data-testid", "case-supplement")
            .child(
                el("div")
                    .child(el("strong").text(tr(lang, "track.supplement_asked")))
                    .child(el("ul").children(supplement.missing.iter().map(|m| el("li").text(m))))
                    .maybe((!supplement.note.is_empty()).then(|| {
                        el("p")
                            .attr("data-testid", "case-supplement-note")
                            .text(tr(lang, "track.staff_note"))
                            .text(" ")
                            .text(&supplement.note)
                    }))
                    .child(action),
            ),
    )
}

/// One case as of its last answer.
fn case_detail(
    lang: Lang,
    online: bool,
    case: TrackedCase,
    queued: &[OutboxRecord],
    actions: Actions,
) -> El {
    let Actions { confirming, notice } = actions;
    let Some(view) = case.view else {
        return el("p")
            .attr("data-testid", "case-pending")
            .text(tr(lang, "track.not_fetched"));
    };
    let fact =
        |dl: El, key: &'static str, value: El| dl.child(el("dt").text(tr(lang, key))).child(value);
    let mut facts = el("dl").class("facts");
    facts = fact(
        facts,
        "track.case_no",
        el("dd").attr("data-testid", "case-no").text(&view.case_no),
    );
    facts = fact(
        facts,
        "track.case_type",
        el("dd").text(&view.case_type_label),
    );
    facts = fact(
        facts,
        "track.state",
        el("dd")
            .attr("data-testid", "case-state")
            .child(el("strong").text(&view.state_label)),
    );
    facts = fact(
        facts,
        "track.department",
        el("dd").text(&view.department.name),
    );
    if let Some(day) = view
        .disclosure
        .as_ref()
        .and_then(|d| d.counted_from.as_deref())
    {
        facts = fact(
            facts,
            "track.gk_counted_from",
            el("dd").attr("data-testid", "case-counted-from").text(day),
        );
    }
    if let Some(deadline) = deadline_view(lang, &view) {
        facts = fact(facts, "track.deadline", deadline);
    }
    let supplement = supplement_view(lang, &view, queued, notice);
    let reply = view
        .disclosure
        .as_ref()
        .and_then(|d| d.reply.as_ref())
        .map(|reply| reply_view(lang, online, reply, &case.query_code, notice));
    let parts =
        (!view.parts.is_empty()).then(|| {
            let th = |key: &'static str| el("th").attr("scope", "col").text(tr(lang, key));
            el("div")
                .child(el("h3").text(tr(lang, "track.parts")))
                .child(
                    el("table")
                        .class("parts")
                        .child(
                            el("thead").child(
                                el("tr")
                                    .child(th("track.department"))
                                    .child(th("track.state"))
                                    .child(th("track.deadline")),
                            ),
                        )
                        .child(el("tbody").children(view.parts.iter().map(|part| {
                            el("tr")
                                .child(el("td").text(&part.department.name))
                                .child(el("td").text(&part.state_label))
                                .child(
                                    el("td")
                                        .text(part.deadline.as_deref().unwrap_or_default())
                                        .maybe(part.provisional.then(|| {
                                            provisional_note(lang, part.deadline.as_deref())
                                        })),
                                )
                        }))),
                )
        });
    let timeline = el("ol")
        .class("timeline")
        .attr("data-testid", "case-timeline")
        .children(view.timeline.iter().map(|entry| {
            el("li")
                .child(
                    el("time")
                        .attr("datetime", &entry.at)
                        .text(&entry.at.replace('T', " ")),
                )
                .text(" ")
                .child(el("strong").text(&entry.label))
                .text(" · ")
                .text(&entry.who)
                .maybe(
                    entry
                        .note
                        .as_ref()
                        .filter(|n| !n.is_empty())
                        .map(|note| el("p").text(note)),
                )
        }));
    let mut as_of = el("p")
        .class("note")
        .attr("data-testid", "case-as-of")
        .text(tr(lang, "track.as_of"))
        .text(" ")
        .text(&as_of_local(&view.as_of));
    if !online {
        as_of = as_of.text(&format!(" · {}", tr(lang, "track.offline_copy")));
    }
    let forget = if confirming.get_untracked() {
        let number = view.case_no.clone();
        el("p")
            .class("banner")
            .attr("role", "status")
            .child(el("span").text(tr(lang, "track.forget_confirm")))
            .child(
                el("button")
                    .attr("type", "button")
                    .attr("data-testid", "forget-yes")
                    .text(tr(lang, "track.forget_yes"))
                    .on("click", move |_| {
                        let number = number.clone();
                        spawn_local(async move {
                            // A failure leaves the case listed: nothing is lost.
                            let _ = tracking::forget(&number).await;
                            let _ = window().location().reload();
                        });
                    }),
            )
            .child(
                el("button")
                    .attr("type", "button")
                    .class("secondary")
                    .attr("data-testid", "forget-no")
                    .text(tr(lang, "track.forget_no"))
                    .on("click", move |_| confirming.set(false)),
            )
    } else {
        el("button")
            .attr("type", "button")
            .class("secondary")
            .attr("data-testid", "forget")
            .text(tr(lang, "track.forget"))
            .on("click", move |_| confirming.set(true))
    };
    let complain = crate::app::link(
        &format!(
            "{NEW_COMPLAINT}?case={}",
            js_sys::encode_uri_component(&view.case_no)
        ),
        crate::app::Bundle::Shell,
    )
    .class("button secondary")
    .attr("data-testid", "complain-case")
    .text(tr(lang, "track.complain_case"));
    el("article")
        .class("case")
        .child(el("h2").text(&view.item.name))
        .child(facts)
        .maybe(supplement)
        .maybe(reply)
        .maybe(parts)
        .child(el("h3").text(tr(lang, "track.timeline")))
        .child(timeline)
        .child(as_of)
        .child(el("div").class("actions").child(complain).child(forget))
}

/// A disclosure request's reply (答复): its Article 36 kind, what the kind requires it to say,
/// the letter, and its files. The files are fetched once online (the service worker keeps
/// them), so that they open offline later; a click saves the file on the device.
fn reply_view(
    lang: Lang,
    online: bool,
    reply: &tracking::ReplyView,
    query_code: &str,
    notice: RwSignal<Option<&'static str>>,
) -> El {
    let line = |key: &'static str, value: Option<&String>| {
        value.filter(|v| !v.is_empty()).map(|v| {
            el("p")
                .child(el("strong").text(tr(lang, key)))
                .text(" ")
                .text(v)
        })
    };
    let files = reply.files.iter().map(|file| {
        let (url, name, code) = (file.url.clone(), file.name.clone(), query_code.to_owned());
        if online {
            // Keep a copy for offline reading (the service worker stores what it fetched).
            let (url, code) = (url.clone(), code.clone());
            spawn_local(async move {
                let _ = crate::api::get_file(&url, &code).await;
            });
        }
        el("li").child(
            el("button")
                .attr("type", "button")
                .class("link")
                .attr("data-testid", "reply-file")
                .text(&file.name)
                .text(&format!(
                    " ({})",
                    super::disclosure::human_bytes(file.size as f64)
                ))
                .on("click", move |_| {
                    let (url, name, code) = (url.clone(), name.clone(), code.clone());
                    spawn_local(async move {
                        match crate::api::get_file(&url, &code).await {
                            Ok(blob) => save_blob(&blob, &name),
                            Err(_) => notice.set(Some("track.gk_file_unavailable")),
                        }
                    });
                }),
        )
    });
    el("section")
        .class("reply")
        .attr("data-testid", "case-reply")
        .child(el("h3").text(tr(lang, "track.gk_reply")))
        .child(
            el("p")
                .child(
                    el("strong")
                        .attr("data-testid", "reply-kind")
                        .text(&reply.kind_label),
                )
                .text(" ")
                .text(reply.on.as_deref().unwrap_or_default()),
        )
        .maybe(line("track.gk_reason", reply.reason_label.as_ref()))
        .maybe(line("track.gk_basis", reply.basis.as_ref()))
        .maybe(line("track.gk_location", reply.location.as_ref()))
        .maybe(line("track.gk_right_agency", reply.right_agency.as_ref()))
        .child(
            el("p")
                .class("letter")
                .attr("data-testid", "reply-text")
                .text(&reply.text),
        )
        .maybe((!reply.files.is_empty()).then(|| {
            el("div")
                .child(el("h4").text(tr(lang, "track.gk_files")))
                .child(el("ul").children(files))
        }))
}

/// Saves `blob` as a file named `name` (a download: the browser keeps it, and opens it).
fn save_blob(blob: &web_sys::Blob, name: &str) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    let anchor = el("a").attr("href", &url).attr("download", name);
    let node: &web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_ref(dom::node(&anchor));
    node.click();
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The deadline with the working days left or overdue, when the case has one.
fn deadline_view(lang: Lang, view: &CaseView) -> Option<El> {
    let words = match (view.working_days_left, view.working_days_overdue) {
        (_, Some(over)) => Some((
            "overdue",
            tr_args(lang, "track.overdue_by", &[("days", &over.to_string())]),
        )),
        (Some(left), None) => Some((
            "",
            tr_args(lang, "track.days_left", &[("days", &left.to_string())]),
        )),
        (None, None) => None,
    };
    if view.deadline.is_none() && words.is_none() {
        return None;
    }
    Some(
        el("dd")
            .attr("data-testid", "case-deadline")
            .text(view.deadline.as_deref().unwrap_or_default())
            .text(" ")
            .maybe(words.map(|(class, text)| el("span").class(class).text(&text)))
            .maybe(
                view.deadline_provisional
                    .then(|| provisional_note(lang, view.deadline.as_deref())),
            ),
    )
}

/// 「2027年节假日安排尚未公布，暂按法定节假日推算，公布后自动更新。」 under a deadline counted
/// over a year whose holidays are not published: the year is the deadline's.
fn provisional_note(lang: Lang, deadline: Option<&str>) -> El {
    let year = deadline.and_then(|d| d.get(..4)).unwrap_or_default();
    el("small")
        .class("provisional")
        .attr("data-testid", "deadline-provisional")
        .text(&tr_args(lang, "track.provisional_note", &[("year", year)]))
}

/// The server's time in the center's time zone (UTC+8), to the minute.
fn as_of_local(rfc3339: &str) -> String {
    crate::clock::show_rfc3339(rfc3339)
}

fn explain(i18n: I18n, error: &TrackError) -> String {
    explain_in(i18n.lang_untracked(), error)
}

fn explain_in(lang: Lang, error: &TrackError) -> String {
    match error {
        TrackError::Api(ApiError::Server { body, .. }) => body.message.clone(),
        TrackError::Api(ApiError::Network) => tr(lang, "track.offline").to_string(),
        TrackError::Api(ApiError::Unreadable { .. }) => tr(lang, "track.unreadable").to_string(),
        TrackError::Storage(_) => tr(lang, "storage.unavailable").to_string(),
    }
}
