//! 差评申诉复核 (center administrators): the departments' appeals against bad ratings, pending
//! first, each with the citizen's words, the department's reasons and evidence; the decision
//! (申诉成立 / 不成立) with the center's reasons, after an inline confirmation. Below, the
//! published 好差评 results of the year, from which upheld appeals are excluded.

use chrono::Datelike;
use guichet_core::wire::appeals::{Appeal, EvaluationResults};
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::staff::admin_api as calls;
use crate::staff::api::StaffSession;
use crate::staff::explain;

/// The appeals page.
pub fn page(session: StaffSession) -> AnyView {
    view! { <Appeals session/> }.into_any()
}

#[component]
fn Appeals(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.get();
        calls::appeals()
    });
    let year = crate::clock::center_today().year();
    let results = LocalResource::new(move || calls::results(year, version.get()));
    let csrf = StoredValue::new(session.csrf_token);
    view! {
        <h1>{move || i18n.t("admin.tab.appeals")}</h1>
        {move || match list.get() {
            None => view! { <p>{i18n.t("settings.checking")}</p> }.into_any(),
            Some(Err(error)) => view! { <p class="banner error" role="alert">{explain(&error)}</p> }.into_any(),
            Some(Ok(data)) => {
                let appeals = data.appeals;
                if appeals.is_empty() {
                    return view! { <p class="empty">{i18n.t("admin.appeal.none")}</p> }.into_any();
                }
                appeals.into_iter().map(|appeal| view! { <AppealCard appeal csrf version/> }).collect_view().into_any()
            }
        }}
        <h2>{move || guichet_core::tr_args(i18n.lang(), "admin.appeal.results", &[("year", &year.to_string())])}</h2>
        <p class="note">{move || i18n.t("admin.appeal.results_note")}</p>
        {move || match results.get() {
            Some(Ok(data)) => results_table(&data).into_any(),
            Some(Err(error)) => view! { <p class="banner error" role="alert">{explain(&error)}</p> }.into_any(),
            None => ().into_any(),
        }}
    }
}

fn results_table(data: &EvaluationResults) -> AnyView {
    let i18n = use_i18n();
    let rows = data.departments.clone();
    // A year without a rating (January, a new center) says so, rather than a table of headings.
    if rows.is_empty() {
        return view! {
            <p class="empty" data-testid="evaluation-results-none">{i18n.t("admin.appeal.no_results")}</p>
        }
        .into_any();
    }
    let levels = guichet_core::evaluation::Rating::ALL;
    view! {
        <div class="table-wrap">
            <table data-testid="evaluation-results">
                <thead><tr>
                    <th scope="col">{i18n.t("track.department")}</th>
                    {levels.iter().map(|level| view! { <th scope="col">{level.label(i18n.lang())}</th> }).collect_view()}
                    <th scope="col">{i18n.t("admin.appeal.total")}</th>
                    <th scope="col">{i18n.t("admin.appeal.excluded")}</th>
                    <th scope="col">{i18n.t("admin.appeal.satisfaction")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let rate = row.satisfaction_per_mille
                            .map_or_else(|| "—".to_owned(), |m| format!("{}.{}%", m / 10, m % 10));
                        view! {
                            <tr data-code=row.code>
                                <th scope="row">{row.name}</th>
                                {row.counts.iter().map(|n| view! { <td>{n.to_string()}</td> }).collect_view()}
                                <td>{row.total.to_string()}</td>
                                <td data-testid="excluded">{row.excluded.to_string()}</td>
                                <td>{rate}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn AppealCard(appeal: Appeal, csrf: StoredValue<String>, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let id = appeal.id;
    let decided = appeal.decision.clone();
    let level = guichet_core::evaluation::Rating::from_code(&appeal.level)
        .map(|r| r.label(i18n.lang()))
        .unwrap_or_default();
    let evidence = appeal.evidence.clone();
    let note = RwSignal::new(String::new());
    let asking = RwSignal::new(None::<&'static str>);
    let error = RwSignal::new(None::<String>);
    let decide = move |decision: &'static str| {
        let text = note.get_untracked();
        leptos::task::spawn_local(async move {
            match calls::decide(id, decision, &text, &csrf.get_value()).await {
                Ok(_) => version.update(|v| *v += 1),
                Err(failure) => {
                    error.set(Some(explain(&failure)));
                    asking.set(None);
                }
            }
        });
    };
    let ask = move |decision: &'static str| {
        if note.get_untracked().trim().chars().count() < 2 {
            error.set(Some(i18n.t("admin.appeal.note_needed").to_string()));
            return;
        }
        error.set(None);
        asking.set(Some(decision));
    };
    view! {
        <article class="followup" data-testid="appeal" data-case=appeal.case_no.clone()>
            <h2>{appeal.case_no.clone()} " · " {level} " · " {appeal.department_name.clone()}</h2>
            <dl class="facts">
                <dt>{i18n.t("admin.appeal.comment")}</dt><dd>{appeal.comment.clone()}</dd>
                <dt>{i18n.t("admin.appeal.reasons")}</dt><dd data-testid="appeal-reasons">{appeal.reasons.clone()}</dd>
                <dt>{i18n.t("admin.appeal.filed")}</dt>
                <dd>{appeal.filed_by.clone()} " · " {crate::clock::show_rfc3339(&appeal.filed_at)}</dd>
                <dt>{i18n.t("admin.appeal.evidence")}</dt>
                <dd>
                    {if evidence.is_empty() { Some(i18n.t("admin.appeal.no_evidence")) } else { None }}
                    <ul>{evidence.into_iter().map(|file| {
                        let href = format!("/api/staff/appeals/{id}/files/{}", file.id);
                        view! { <li><a href=href target="_blank" rel="noopener">{file.name}</a></li> }
                    }).collect_view()}</ul>
                </dd>
            </dl>
            {match decided {
                Some(decision) => {
                    let key = if decision == "upheld" { "appeal.upheld" } else { "appeal.rejected" };
                    view! {
                        <p data-testid="appeal-decision"><strong>{i18n.t(key)}</strong> " · "
                            {appeal.decided_by.clone().unwrap_or_default()} " · "
                            {crate::clock::show_rfc3339(appeal.decided_at.as_deref().unwrap_or_default())}</p>
                        <p>{appeal.decision_note.clone().unwrap_or_default()}</p>
                    }.into_any()
                }
                None => view! {
                    <label>{i18n.t("admin.appeal.note")}
                        <textarea name="note" data-testid="appeal-note" prop:value=note
                            on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                    </label>
                    {move || error.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
                    <Show when=move || asking.get().is_none() fallback=move || {
                        let decision = asking.get().unwrap_or("rejected");
                        let question = if decision == "upheld" { "admin.appeal.confirm_upheld" } else { "admin.appeal.confirm_rejected" };
                        view! {
                            <div class="confirm" role="group" data-testid="appeal-decide-confirm">
                                <p>{i18n.t(question)}</p>
                                <button type="button" data-testid="appeal-decide-yes"
                                    on:click=move |_| decide(decision)>{i18n.t("admin.confirm_yes")}</button>
                                " "
                                <button type="button" class="secondary"
                                    on:click=move |_| asking.set(None)>{i18n.t("admin.confirm_no")}</button>
                            </div>
                        }
                    }>
                        <button type="button" data-testid="appeal-uphold" on:click=move |_| ask("upheld")>
                            {i18n.t("appeal.upheld")}</button>
                        " "
                        <button type="button" class="secondary" data-testid="appeal-reject" on:click=move |_| ask("rejected")>
                            {i18n.t("appeal.rejected")}</button>
                    </Show>
                }.into_any(),
            }}
        </article>
    }
}
