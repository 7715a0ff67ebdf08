//! 办件查询: look a case up by its number and query code, follow the cases of this device, and
//! read them offline as of their last answer.
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
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

    let shown = move || {
        let wanted = selected.get()?;
        cases.get().into_iter().find(|case| case.case_no == wanted)
    };

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

        <section aria-live="polite" data-testid="case-detail">
            {move || shown().map(|case| view! { <CaseDetail case/> })}
        </section>

        <h2>{move || i18n.t("track.on_device")}</h2>
        {move || refresh_error.get().map(|message| view! {
            <p class="note" data-testid="track-refresh-error">{message}</p>
        })}
        {move || {
            let list = cases.get();
            if list.is_empty() {
                view! { <p class="empty">{i18n.t("track.empty")}</p> }.into_any()
            } else {
                view! {
                    <ul class="tracked" data-testid="tracked-cases">
                        {list.into_iter().map(|case| {
                            let number = case.case_no.clone();
                            let state = case.view.as_ref().map(|v| v.state_label.clone()).unwrap_or_default();
                            let item = case.view.as_ref().map(|v| v.item.name.clone()).unwrap_or_default();
                            view! {
                                <li>
                                    <button type="button" class="link"
                                        on:click=move |_| selected.set(Some(number.clone()))>
                                        {case.case_no.clone()}
                                    </button>
                                    " " <span>{item}</span> " " <strong>{state}</strong>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        }}
    }
}

#[component]
fn CaseDetail(case: TrackedCase) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let confirming = RwSignal::new(false);
    let number = case.case_no.clone();
    let forget = move |_| {
        let number = number.clone();
        spawn_local(async move {
            // A failure leaves the case listed: nothing is lost.
            let _ = tracking::forget(&number).await;
            let _ = window().location().reload();
        });
    };
    let Some(view) = case.view.clone() else {
        return view! {
            <p data-testid="case-pending">{i18n.t("track.not_fetched")}</p>
        }
        .into_any();
    };
    view! {
        <article class="case">
            <h2>{view.item.name.clone()}</h2>
            <dl class="facts">
                <dt>{move || i18n.t("track.case_no")}</dt><dd data-testid="case-no">{view.case_no.clone()}</dd>
                <dt>{move || i18n.t("track.case_type")}</dt><dd>{view.case_type_label.clone()}</dd>
                <dt>{move || i18n.t("track.state")}</dt>
                <dd data-testid="case-state"><strong>{view.state_label.clone()}</strong></dd>
                <dt>{move || i18n.t("track.department")}</dt><dd>{view.department.name.clone()}</dd>
                {deadline_view(i18n, &view)}
            </dl>
            {view.supplement.clone().map(|supplement| view! {
                <div class="banner" role="status" data-testid="case-supplement">
                    <div>
                        <strong>{i18n.t("track.supplement_asked")}</strong>
                        <ul>{supplement.missing.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                        {(!supplement.note.is_empty()).then(|| view! { <p>{supplement.note.clone()}</p> })}
                    </div>
                </div>
            })}
            {(!view.parts.is_empty()).then(|| view! {
                <h3>{i18n.t("track.parts")}</h3>
                <table class="parts">
                    <thead><tr>
                        <th scope="col">{i18n.t("track.department")}</th>
                        <th scope="col">{i18n.t("track.state")}</th>
                        <th scope="col">{i18n.t("track.deadline")}</th>
                    </tr></thead>
                    <tbody>
                        {view.parts.iter().map(|part| view! {
                            <tr>
                                <td>{part.department.name.clone()}</td>
                                <td>{part.state_label.clone()}</td>
                                <td>{part.deadline.clone().unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <h3>{move || i18n.t("track.timeline")}</h3>
            <ol class="timeline" data-testid="case-timeline">
                {view.timeline.iter().map(|entry| view! {
                    <li>
                        <time datetime=entry.at.clone()>{entry.at.replace('T', " ")}</time>
                        " " <strong>{entry.label.clone()}</strong> " · " {entry.who.clone()}
                        {entry.note.clone().filter(|n| !n.is_empty()).map(|note| view! { <p>{note}</p> })}
                    </li>
                }).collect_view()}
            </ol>
            <p class="note" data-testid="case-as-of">
                {move || i18n.t("track.as_of")} " " {as_of_local(&view.as_of)}
                {move || (!sync.online.get()).then(|| format!(" · {}", i18n.t("track.offline_copy")))}
            </p>
            {move || if confirming.get() {
                view! {
                    <p class="banner" role="status">
                        <span>{i18n.t("track.forget_confirm")}</span>
                        <button type="button" data-testid="forget-yes" on:click=forget.clone()>{i18n.t("track.forget_yes")}</button>
                        <button type="button" class="secondary" on:click=move |_| confirming.set(false)>{i18n.t("track.forget_no")}</button>
                    </p>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="secondary" data-testid="forget"
                        on:click=move |_| confirming.set(true)>{i18n.t("track.forget")}</button>
                }.into_any()
            }}
        </article>
    }
    .into_any()
}

fn deadline_view(i18n: I18n, view: &CaseView) -> impl IntoView {
    let deadline = view.deadline.clone();
    let words = match (view.working_days_left, view.working_days_overdue) {
        (_, Some(over)) => Some((
            "overdue",
            guichet_core::tr_args(
                i18n.lang(),
                "track.overdue_by",
                &[("days", &over.to_string())],
            ),
        )),
        (Some(left), None) => Some((
            "",
            guichet_core::tr_args(
                i18n.lang(),
                "track.days_left",
                &[("days", &left.to_string())],
            ),
        )),
        (None, None) => None,
    };
    (deadline.is_some() || words.is_some()).then(|| {
        view! {
            <dt>{i18n.t("track.deadline")}</dt>
            <dd data-testid="case-deadline">
                {deadline.unwrap_or_default()} " "
                {words.map(|(class, text)| view! { <span class=class>{text}</span> })}
            </dd>
        }
    })
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
