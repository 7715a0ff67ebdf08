//! One case on the desk: what was submitted, and the moves its state allows.

use guichet_core::case::{CaseState, Decision, EventKind, PartState};
use leptos::prelude::*;
use serde_json::{Value, json};

use super::api::{self, CaseDetail, StaffSession};
use super::{View, explain};
use crate::i18n::use_i18n;

/// What a staff move needs besides the click.
#[derive(Clone, Copy, PartialEq)]
enum Needs {
    Nothing,
    /// A list of missing materials (one per line) and a note.
    Supplement,
    /// A reason.
    Reason,
    /// A result text (the licence or document issued, or why not).
    Result,
}

/// The final state an irreversible move ends the case in (不予受理, 办结 either way, 退件:
/// the core's final states), `None` for a move the case goes on after. These ask for
/// confirmation in the page first, saying what will happen.
fn ends_in(event: EventKind) -> Option<CaseState> {
    match event {
        EventKind::Reject => Some(CaseState::Rejected),
        EventKind::Approve => Some(CaseState::Concluded(Decision::Approved)),
        EventKind::Deny => Some(CaseState::Concluded(Decision::Denied)),
        EventKind::Return => Some(CaseState::Returned),
        _ => None,
    }
}

/// The desk's move for a core event, or `None` for events that are not staff's (the
/// applicant's supplement and withdrawal).
fn staff_move(event: EventKind) -> Option<(&'static str, Needs, Option<&'static str>)> {
    Some(match event {
        EventKind::PassPreReview => ("pass_prereview", Needs::Nothing, None),
        EventKind::RequestSupplement => ("request_supplement", Needs::Supplement, None),
        EventKind::Reject => ("refuse", Needs::Reason, None),
        EventKind::Accept => ("accept", Needs::Nothing, None),
        EventKind::StartProcessing => ("start", Needs::Nothing, None),
        EventKind::Approve => ("conclude", Needs::Result, Some("approve")),
        EventKind::Deny => ("conclude", Needs::Result, Some("deny")),
        EventKind::Return => ("return", Needs::Reason, None),
        EventKind::Submit | EventKind::ReceiveSupplement | EventKind::Withdraw => return None,
    })
}

#[component]
pub fn CaseDesk(session: StaffSession, case_no: String, back: RwSignal<View>) -> impl IntoView {
    let i18n = use_i18n();
    let detail = RwSignal::new(None::<Result<CaseDetail, String>>);
    let number = StoredValue::new(case_no);
    let csrf = StoredValue::new(session.csrf_token.clone());
    let department = session.staff.department_code.clone();
    leptos::task::spawn_local(async move {
        let loaded = api::case(&number.get_value())
            .await
            .map_err(|e| explain(&e));
        detail.set(Some(loaded));
    });
    let message = RwSignal::new(None::<String>);
    let chosen = RwSignal::new(None::<EventKind>);
    let text = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());

    let send = move |event: EventKind| {
        let Some((action, needs, decision)) = staff_move(event) else {
            return;
        };
        let Some(Ok(current)) = detail.get_untracked() else {
            return;
        };
        let typed = text.get_untracked();
        let mut body = json!({ "action": action, "expected_state": current.summary.state });
        match needs {
            Needs::Nothing => {}
            Needs::Supplement => {
                let missing: Vec<String> = typed
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .map(str::to_string)
                    .collect();
                body["missing"] = json!(missing);
                body["note"] = json!(note.get_untracked());
            }
            Needs::Reason => body["reason"] = json!(typed),
            Needs::Result => {
                body["decision"] = json!(decision);
                body["result"] = json!(typed);
            }
        }
        leptos::task::spawn_local(async move {
            match api::act(&number.get_value(), &body, &csrf.get_value()).await {
                Ok(updated) => {
                    message.set(Some(i18n.t("staff.done").to_string()));
                    chosen.set(None);
                    text.set(String::new());
                    note.set(String::new());
                    detail.set(Some(Ok(updated)));
                }
                Err(failure) => message.set(Some(explain(&failure))),
            }
        });
    };

    view! {
        <p><button type="button" class="link" on:click=move |_| back.set(View::Queue)>
            {move || i18n.t("staff.back")}</button></p>
        {move || message.get().map(|m| view! { <p class="banner" role="status" data-testid="action-message">{m}</p> })}
        {move || match detail.get() {
            None => view! { <p>{i18n.t("settings.checking")}</p> }.into_any(),
            Some(Err(error)) => view! { <p class="banner error" role="alert">{error}</p> }.into_any(),
            Some(Ok(case)) => {
                let moves: Vec<EventKind> = case
                    .next_events
                    .iter()
                    .copied()
                    .filter(|event| staff_move(*event).is_some())
                    .collect();
                let parts = case.summary.parts.clone().unwrap_or_default();
                // The lead department holds the joint meeting and records who was absent.
                let leads = department
                    .as_deref()
                    .is_none_or(|mine| mine == case.summary.department);
                view! {
                    <h1 data-testid="desk-case-no">{case.summary.case_no.clone()}</h1>
                    <dl class="facts">
                        <dt>{i18n.t("staff.item")}</dt><dd>{case.summary.item.name.clone()}</dd>
                        <dt>{i18n.t("track.state")}</dt><dd data-testid="desk-state">{case.summary.state_label.clone()}</dd>
                        <dt>{i18n.t("track.department")}</dt><dd>{case.summary.department_name.clone()}</dd>
                        <dt>{i18n.t("staff.received")}</dt><dd data-testid="desk-received">{crate::clock::show_rfc3339(&case.summary.received_at)}</dd>
                        <dt>{i18n.t("track.deadline")}</dt><dd data-testid="desk-deadline">{case.summary.due.clone().unwrap_or_default()}
                            " " {crate::staff::lists::deadline_words(i18n.lang(), &case.summary)}
                            {case.summary.due_provisional.then(|| crate::staff::lists::provisional_mark(i18n.lang(), case.summary.due.clone()))}</dd>
                    </dl>
                    {case.probable_duplicate_of.as_ref().and_then(|first| first["case_no"].as_str()).map(|first| {
                        let first = first.to_owned();
                        view! {
                            <p class="banner inline" data-testid="desk-duplicate">
                                {i18n.t("staff.duplicate")} " "
                                <button type="button" class="link" on:click=move |_| back.set(View::Case(first.clone()))>
                                    {first.clone()}</button>
                            </p>
                        }
                    })}
                    <div class="case-columns">
                    <section>
                    <h2>{i18n.t("staff.answers")}</h2>
                    <div data-testid="desk-answers">
                        {each(&case.sections).map(|section| view! {
                            <h3>{member(section, "title")}</h3>
                            <dl class="facts">
                                {each(&section["fields"]).map(|field| view! {
                                    <dt>{member(field, "label")}</dt>
                                    <dd>{if each(&field["files"]).next().is_none() {
                                        let shown = member(field, "text");
                                        (if shown.is_empty() { "—".to_owned() } else { shown }).into_any()
                                    } else {
                                        view! { <ul class="files">{each(&field["files"]).map(|file| view! {
                                            <li><a href=member(file, "url") target="_blank" rel="noopener">{member(file, "name")}</a>
                                                {(file["stored"] == false).then(|| format!(" · {}", i18n.t("staff.file_missing")))}</li>
                                        }).collect_view()}</ul> }.into_any()
                                    }}</dd>
                                }).collect_view()}
                            </dl>
                        }).collect_view()}
                    </div>
                    </section>
                    <section>
                    {each(&case.materials).next().is_some().then(|| view! {
                        <h2>{i18n.t("staff.materials")}</h2>
                        <ul class="checklist" data-testid="desk-materials">{each(&case.materials).map(|m| view! {
                            <li class=format!("material {}", member(m, "status"))>
                                <strong>{member(m, "status_label")}</strong> " " {member(m, "name")}
                                {Some(member(m, "form")).filter(|f| !f.is_empty()).map(|f| format!("（{f}）"))}
                            </li>
                        }).collect_view()}</ul>
                    })}
                    <h2>{i18n.t("staff.history")}</h2>
                    <ol class="history" data-testid="desk-history">{each(&case.timeline).map(|row| view! {
                        <li>
                            <time>{crate::clock::show_rfc3339(&member(row, "at"))}</time> " "
                            <strong>{member(row, "label")}</strong> " · "
                            {member(row, "actor")}
                            {Some(member(row, "department")).filter(|d| !d.is_empty()).map(|d| format!("（{d}）"))}
                            {Some(member(row, "note")).filter(|n| !n.is_empty()).map(|n| view! { <br/><span class="note">{n}</span> })}
                        </li>
                    }).collect_view()}</ol>
                    </section>
                    </div>
                    <h2>{i18n.t("staff.actions")}</h2>
                    {moves.is_empty().then(|| view! { <p class="empty">{i18n.t("staff.no_moves")}</p> })}
                    <div class="actions">
                        {moves.into_iter().map(|event| view! {
                            <button type="button" data-testid=format!("move-{}", staff_move(event).map_or("", |m| m.0))
                                on:click=move |_| {
                                    message.set(None);
                                    match staff_move(event) {
                                        Some((_, Needs::Nothing, _)) => send(event),
                                        _ => chosen.set(Some(event)),
                                    }
                                }>
                                {event.label(i18n.lang())}
                            </button>
                        }).collect_view()}
                    </div>
                    {move || chosen.get().and_then(|event| staff_move(event).map(|(_, needs, _)| (event, needs))).map(|(event, needs)| {
                        let label_key = match needs {
                            Needs::Supplement => "staff.missing_list",
                            Needs::Reason => "staff.reason",
                            _ => "staff.result",
                        };
                        let lang = i18n.lang();
                        let action = event.label(lang);
                        // An irreversible move says what will happen, in the page, with the
                        // focus moved to it (no pop-up).
                        let heading = NodeRef::<leptos::html::H2>::new();
                        Effect::new(move |_| {
                            if let Some(element) = heading.get() {
                                let _ = element.focus();
                            }
                        });
                        let warning = ends_in(event).map(|state| view! {
                            <h2 tabindex="-1" node_ref=heading data-testid="confirm-title">
                                {guichet_core::tr_args(lang, "staff.confirm_title", &[("action", action)])}</h2>
                            <p data-testid="confirm-text">{guichet_core::tr_args(lang, "staff.confirm_final", &[("state", state.label(lang))])}</p>
                        });
                        let go = if ends_in(event).is_some() {
                            guichet_core::tr_args(lang, "staff.confirm_go", &[("action", action)])
                        } else {
                            action.to_owned()
                        };
                        view! {
                            <form class=if ends_in(event).is_some() { "move confirm" } else { "move" } data-testid="move-form"
                                on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); send(event); }>
                                {warning}
                                <label>{i18n.t(label_key)}
                                    <textarea required data-testid="move-text" prop:value=text
                                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                                </label>
                                {(needs == Needs::Supplement).then(|| view! {
                                    <label>{i18n.t("staff.note")}
                                        <textarea data-testid="move-note" prop:value=note
                                            on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                                    </label>
                                })}
                                <div class="actions">
                                    <button type="submit" data-testid="move-confirm">{go}</button>
                                    <button type="button" class="secondary" data-testid="move-cancel"
                                        on:click=move |_| { chosen.set(None); text.set(String::new()); }>{i18n.t("staff.cancel")}</button>
                                </div>
                            </form>
                        }
                    })}
                    {(!parts.is_empty()).then(|| {
                        let department = department.clone();
                        view! {
                        <h2>{i18n.t("track.parts")}</h2>
                        <ul data-testid="desk-parts">{parts.into_iter().map(|part| {
                            let lang = i18n.lang();
                            let state = part.state;
                            let pending = state == PartState::Pending;
                            let mine = department.as_deref().is_none_or(|d| d == part.department);
                            let code = part.department.clone();
                            let send = move |department: String, move_kind: PartMove| {
                                leptos::task::spawn_local(async move {
                                    let (case_no, csrf) = (number.get_value(), csrf.get_value());
                                    let outcome = match move_kind {
                                        PartMove::Approve => api::decide_part(&case_no, &department, "approve", &csrf).await,
                                        PartMove::Deny => api::decide_part(&case_no, &department, "deny", &csrf).await,
                                        PartMove::Absent => api::record_absence(&case_no, &department, &csrf).await,
                                    };
                                    match outcome {
                                        Ok(updated) => {
                                            message.set(Some(i18n.t("staff.done").to_string()));
                                            detail.set(Some(Ok(updated)));
                                        }
                                        Err(failure) => message.set(Some(explain(&failure))),
                                    }
                                });
                            };
                            let (approve, deny, absent) = (code.clone(), code.clone(), code.clone());
                            view! {
                                <li data-testid=format!("part-{code}")>
                                    <strong>{part.department_name.clone()}</strong> " · " {state.label(lang)}
                                    " · " {i18n.t("staff.part_due")} " " {part.deadline.clone()}
                                    {part.provisional.then(|| crate::staff::lists::provisional_mark(lang, Some(part.deadline.clone())))}
                                    {(pending && mine).then(|| view! {
                                        " "
                                        <button type="button" data-testid=format!("part-approve-{approve}")
                                            on:click=move |_| send(approve.clone(), PartMove::Approve)>{i18n.t("staff.part_approve")}</button>
                                        " "
                                        <button type="button" class="secondary" data-testid=format!("part-deny-{deny}")
                                            on:click=move |_| send(deny.clone(), PartMove::Deny)>{i18n.t("staff.part_deny")}</button>
                                    })}
                                    {(pending && leads && part.default_consent && !mine).then(|| view! {
                                        " "
                                        <button type="button" class="secondary" data-testid=format!("part-absent-{absent}")
                                            on:click=move |_| send(absent.clone(), PartMove::Absent)>{i18n.t("staff.part_absent")}</button>
                                    })}
                                </li>
                            }
                        }).collect_view()}</ul>
                    }})}
                }
                .into_any()
            }
        }}
    }
}

/// What a department may do with a part of a 联办件 on the desk.
#[derive(Clone, Copy)]
enum PartMove {
    Approve,
    Deny,
    Absent,
}

/// The items of a JSON array (none for anything else).
pub fn each(value: &Value) -> impl Iterator<Item = &Value> {
    value.as_array().into_iter().flatten()
}

/// A string member of a JSON object, empty when absent.
pub fn member(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().to_owned()
}

/// The window desk reads these parts of its answers as JSON, by name (their typed decoders are
/// ~0.5 KB and more that its bundle does not have): each name it reads is checked here against
/// what the server serializes from core's types, so a field renamed there fails here.
#[cfg(test)]
mod tests {
    use super::*;
    use guichet_core::case::ClockStatus;
    use guichet_core::wire::cases::Named;
    use guichet_core::wire::desk::{
        FieldFile, LabelledField, LabelledSection, MaterialLine, ProbableDuplicate, QueueFilters,
        TimelineRow,
    };
    use serde::Serialize;

    fn sent<T: Serialize>(value: &T) -> Value {
        serde_json::to_value(value).expect("serializes")
    }

    #[test]
    fn the_case_in_words_reads_by_the_names_it_is_sent_with() {
        let section = sent(&LabelledSection {
            id: "main".into(),
            title: "基本信息".into(),
            fields: vec![LabelledField {
                id: "id_card".into(),
                label: "身份证".into(),
                kind: "file".into(),
                text: "id.jpg".into(),
                files: Some(vec![FieldFile {
                    name: "id.jpg".into(),
                    url: "/api/staff/cases/ZJ1/files/ab".into(),
                    media_type: "image/jpeg".into(),
                    size: 10,
                    stored: true,
                }]),
            }],
        });
        assert_eq!(member(&section, "title"), "基本信息");
        let field = each(&section["fields"]).next().expect("a field");
        assert_eq!(
            (member(field, "label"), member(field, "text")),
            ("身份证".into(), "id.jpg".into())
        );
        let file = each(&field["files"]).next().expect("a file");
        assert_eq!(
            (member(file, "url"), member(file, "name")),
            ("/api/staff/cases/ZJ1/files/ab".into(), "id.jpg".into())
        );

        let material = sent(&MaterialLine {
            name: "户口簿".into(),
            form: "原件".into(),
            count: 1,
            required: true,
            note: None,
            status: "at_window".into(),
            status_label: "窗口提交".into(),
            files: 0,
        });
        assert_eq!(
            ["status", "status_label", "name", "form"].map(|key| member(&material, key)),
            ["at_window", "窗口提交", "户口簿", "原件"].map(String::from)
        );

        let row = sent(&TimelineRow {
            at: "2026-03-02T09:00:00+08:00".into(),
            action: "refuse".into(),
            label: "不予受理".into(),
            actor: "王五".into(),
            department: Some("县公安局".into()),
            note: Some("材料不符".into()),
        });
        assert_eq!(
            ["at", "label", "actor", "department", "note"].map(|key| member(&row, key)),
            [
                "2026-03-02T09:00:00+08:00",
                "不予受理",
                "王五",
                "县公安局",
                "材料不符"
            ]
            .map(String::from)
        );
    }

    #[test]
    fn the_queue_reads_by_the_names_it_is_sent_with() {
        let duplicate = sent(&ProbableDuplicate {
            case_no: "ZJ2026000001".into(),
            received_at: "2026-03-02T01:00:00Z".into(),
        });
        assert_eq!(duplicate["case_no"].as_str(), Some("ZJ2026000001"));

        let filters = sent(&QueueFilters {
            items: vec![Named {
                code: "ZJ001".into(),
                name: "建设工程规划许可".into(),
            }],
            departments: vec![Named {
                code: "ZJ".into(),
                name: "住建局".into(),
            }],
        });
        for (key, code) in [("items", "ZJ001"), ("departments", "ZJ")] {
            let first = each(&filters[key]).next().expect("one");
            assert_eq!(member(first, "code"), code);
            assert!(!member(first, "name").is_empty());
        }

        let paused = sent(&ClockStatus::Paused {
            since: chrono::NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date"),
            working_days_left: 7,
        });
        assert_eq!(paused["status"], "paused");
        assert_eq!(paused["since"].as_str(), Some("2027-01-04"));
        assert_eq!(paused["working_days_left"].to_string(), "7");
    }
}
