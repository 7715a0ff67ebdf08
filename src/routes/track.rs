//! 办件查询: look a case up by its number and query code, follow the cases of this device, and
//! read them offline as of their last answer.
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{tr, tr_args};
use guichet_core::i18n::Lang;

use crate::api::ApiError;
use crate::dom::{self, El, el};
use crate::i18n::{I18n, use_i18n};
use crate::sync::use_sync;
use crate::tracking::{self, CaseView, TrackError, TrackedCase};

#[component]
pub fn Track() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let case_no = RwSignal::new(String::new());
    let query_code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let cases = RwSignal::new(Vec::<TrackedCase>::new());
    let selected = RwSignal::new(None::<String>);
    let refresh_error = RwSignal::new(None::<String>);

    let load = move || {
        spawn_local(async move {
            if let Ok(list) = tracking::tracked().await {
                cases.set(list);
            }
        })
    };
    // Refresh whenever the line is (back) up or the language changes: labels come from the server.
    Effect::new(move |_| {
        let online = sync.online.get();
        let _lang = i18n.lang();
        load();
        if online {
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
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let number = tracking::normalise(&case_no.get_untracked());
        let code = tracking::normalise(&query_code.get_untracked());
        if number.is_empty() || code.is_empty() {
            error.set(Some(i18n.t("track.both_required").to_string()));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match tracking::track(&number, &code).await {
                Ok(tracked) => {
                    error.set(None);
                    selected.set(Some(tracked.case_no.clone()));
                    query_code.set(String::new());
                    load();
                }
                Err(failure) => error.set(Some(explain(i18n, &failure))),
            }
            busy.set(false);
        });
    };

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
        let content = match shown {
            Some(case) => case_detail(lang, online, case, confirming),
            None => el("div"),
        };
        dom::replace_keeping_focus(&root, content);
    });
    Effect::new(move |_| {
        let Some(root) = list_root.get() else { return };
        let lang = i18n.lang();
        let content = tracked_list(lang, refresh_error.get(), cases.get(), selected, confirming);
        dom::replace_keeping_focus(&root, content);
    });

    view! {
        <h1>{move || i18n.t("track.heading")}</h1>
        <p class="lead">{move || i18n.t("track.lead")}</p>
        {move || error.get().map(|message| view! {
            <div class="banner error" role="alert" data-testid="track-error">{message}</div>
        })}
        <form class="lookup" on:submit=submit>
            <label>
                {move || i18n.t("track.case_no")}
                <input type="text" name="case_no" autocomplete="off" inputmode="text"
                    data-testid="track-case-no"
                    prop:value=case_no on:input=move |ev| case_no.set(event_target_value(&ev))/>
            </label>
            <label>
                {move || i18n.t("track.query_code")}
                <input type="text" name="query_code" autocomplete="off" data-testid="track-query-code"
                    prop:value=query_code on:input=move |ev| query_code.set(event_target_value(&ev))/>
            </label>
            <button type="submit" prop:disabled=busy data-testid="track-submit">
                {move || i18n.t("track.submit")}
            </button>
        </form>

        <section aria-live="polite" data-testid="case-detail" node_ref=detail_root></section>
        <h2>{move || i18n.t("track.on_device")}</h2>
        <div node_ref=list_root></div>
    }
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

/// One case as of its last answer.
fn case_detail(lang: Lang, online: bool, case: TrackedCase, confirming: RwSignal<bool>) -> El {
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
    if let Some(deadline) = deadline_view(lang, &view) {
        facts = fact(facts, "track.deadline", deadline);
    }
    let supplement = view.supplement.as_ref().map(|supplement| {
        el("div")
            .class("banner")
            .attr("role", "status")
            .attr("data-testid", "case-supplement")
            .child(
                el("div")
                    .child(el("strong").text(tr(lang, "track.supplement_asked")))
                    .child(el("ul").children(supplement.missing.iter().map(|m| el("li").text(m))))
                    .maybe((!supplement.note.is_empty()).then(|| el("p").text(&supplement.note))),
            )
    });
    let parts = (!view.parts.is_empty()).then(|| {
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
                            .child(el("td").text(part.deadline.as_deref().unwrap_or_default()))
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
    el("article")
        .class("case")
        .child(el("h2").text(&view.item.name))
        .child(facts)
        .maybe(supplement)
        .maybe(parts)
        .child(el("h3").text(tr(lang, "track.timeline")))
        .child(timeline)
        .child(as_of)
        .child(forget)
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
            .maybe(words.map(|(class, text)| el("span").class(class).text(&text))),
    )
}

/// The server's time in the center's time zone (UTC+8), to the minute.
fn as_of_local(rfc3339: &str) -> String {
    crate::clock::show_rfc3339(rfc3339)
}

fn explain(i18n: I18n, error: &TrackError) -> String {
    match error {
        TrackError::Api(ApiError::Server { body, .. }) => body.message.clone(),
        TrackError::Api(ApiError::Network) => i18n.t("track.offline").to_string(),
        TrackError::Api(ApiError::Unreadable { .. }) => i18n.t("track.unreadable").to_string(),
        TrackError::Storage(_) => i18n.t("storage.unavailable").to_string(),
    }
}
