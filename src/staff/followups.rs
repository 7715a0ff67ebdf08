//! 差评整改: the department's bad ratings, each with the citizen's words, the working days left
//! to rectify, the reply sent back, and its appeal (申诉复核): the department's 部门审核 may
//! appeal a rating once, with reasons and evidence, while it is open and unanswered; the
//! center decides on the admin desk. Nothing is sent without an inline confirmation.
//!
//! The list is core's `wire::appeals::RectificationList`, read here as JSON by [`shown`]: its
//! derived decoder costs the window desk's bundle ~3 KB it does not have. A native test reads
//! a serialized `Rectification` through [`shown`], so a field renamed in core fails there.

use guichet_core::wire::files::NAMED_UPLOAD_ID;
use leptos::prelude::*;
use serde_json::Value;

use super::admin_api as calls;
use super::api::StaffSession;
use super::explain;
use crate::i18n::use_i18n;

#[component]
pub fn Followups(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.get();
        calls::rectification()
    });
    let csrf = StoredValue::new(session.csrf_token);
    let may_appeal = session.staff.role == "department";
    view! {
        <h1>{move || i18n.t("staff.followups")}</h1>
        <p class="note">{move || i18n.t("admin.rect.intro")}</p>
        {move || match list.get() {
            None => view! { <p>{i18n.t("settings.checking")}</p> }.into_any(),
            Some(Err(error)) => view! { <p class="banner error" role="alert">{explain(&error)}</p> }.into_any(),
            Some(Ok(data)) => {
                let items: Vec<Shown> = data["items"]
                    .as_array()
                    .map(|items| items.iter().map(shown).collect())
                    .unwrap_or_default();
                if items.is_empty() {
                    return view! { <p class="empty">{i18n.t("staff.followups_none")}</p> }.into_any();
                }
                items
                    .into_iter()
                    .map(|item| view! { <Followup item csrf version may_appeal/> })
                    .collect_view()
                    .into_any()
            }
        }}
    }
}

/// What the page shows of one rectification.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown {
    id: i64,
    case_no: String,
    department_name: String,
    level_label: String,
    comment: String,
    due: String,
    left: Option<i64>,
    reply: Option<String>,
    /// Whether the department appealed, and the center's decision once made.
    appealed: bool,
    decision: Option<String>,
}

/// One item of the list as [`Shown`], by the field names of core's `Rectification`.
fn shown(item: &Value) -> Shown {
    let text = |key: &str| item[key].as_str().unwrap_or_default().to_owned();
    Shown {
        id: item["id"].as_i64().unwrap_or_default(),
        case_no: text("case_no"),
        department_name: text("department_name"),
        level_label: text("level_label"),
        comment: text("comment"),
        due: text("due_date"),
        left: item["working_days_left"].as_i64(),
        reply: item["reply"].as_str().map(str::to_owned),
        appealed: !item["appeal"].is_null(),
        decision: item["appeal"]["decision"].as_str().map(str::to_owned),
    }
}

#[component]
fn Followup(
    item: Shown,
    csrf: StoredValue<String>,
    version: RwSignal<u32>,
    may_appeal: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let Shown {
        id,
        case_no,
        department_name,
        level_label,
        comment,
        due,
        left,
        reply,
        appealed,
        decision,
    } = item;
    let upheld = decision.as_deref() == Some("upheld");
    // Where the follow-up stands, in one sentence.
    let (status, status_class) = if upheld {
        (i18n.t("admin.rect.upheld").to_string(), "note")
    } else if reply.is_some() {
        (i18n.t("admin.rect.answered").to_string(), "note")
    } else {
        match left {
            Some(days) if days < 0 => (
                guichet_core::tr_args(
                    lang,
                    "admin.rect.late",
                    &[("due", &due), ("days", &(-days).to_string())],
                ),
                "overdue",
            ),
            Some(days) => (
                guichet_core::tr_args(
                    lang,
                    "admin.rect.left",
                    &[("due", &due), ("days", &days.to_string())],
                ),
                if days <= 2 { "due-soon" } else { "note" },
            ),
            None => (due.clone(), "note"),
        }
    };
    let appeal_state = decision
        .as_deref()
        .map(|d| {
            if d == "upheld" {
                "appeal.upheld"
            } else {
                "appeal.rejected"
            }
        })
        .or(appealed.then_some("appeal.pending"));
    let open_reply = reply.is_none() && !upheld;
    let can_appeal = may_appeal && !appealed && reply.is_none() && left.is_some_and(|d| d >= 0);
    view! {
        <article class="followup" data-testid="followup">
            <h2>{case_no} " · " {level_label} " · " {department_name}</h2>
            <blockquote data-testid="followup-comment">{comment}</blockquote>
            <p class=status_class data-testid="followup-status">{status}</p>
            {appeal_state.map(|key| view! { <p data-testid="appeal-state"><strong>{i18n.t(key)}</strong></p> })}
            {reply.map(|reply| view! {
                <p><strong>{i18n.t("staff.replied")}</strong> " " {reply}</p>
            })}
            {open_reply.then(|| view! { <ReplyForm id csrf version/> })}
            {can_appeal.then(|| view! { <AppealForm id csrf version/> })}
        </article>
    }
}

#[component]
fn ReplyForm(id: i64, csrf: StoredValue<String>, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let reply = text.get_untracked();
        leptos::task::spawn_local(async move {
            match calls::reply(id, &reply, &csrf.get_value()).await {
                Ok(_) => version.update(|v| *v += 1),
                Err(failure) => error.set(Some(explain(&failure))),
            }
        });
    };
    view! {
        {move || error.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
        <form on:submit=send>
            <label>{i18n.t("staff.reply")}
                <textarea required prop:value=text
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </label>
            <button type="submit">{i18n.t("staff.send_reply")}</button>
        </form>
    }
}

/// The appeal: reasons, evidence files, then a confirmation that says it cannot be undone.
#[component]
fn AppealForm(id: i64, csrf: StoredValue<String>, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let reasons = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let files = NodeRef::<leptos::html::Input>::new();
    let confirm_box = NodeRef::<leptos::html::Div>::new();
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        confirming.set(true);
        // The confirmation takes the focus, so it is announced and Enter answers it.
        request_animation_frame(move || {
            if let Some(node) = confirm_box.get() {
                let _ = node.focus();
            }
        });
    };
    let send = move |_| {
        busy.set(true);
        let chosen = files.get().and_then(|input| input.files());
        let text = reasons.get_untracked();
        leptos::task::spawn_local(async move {
            let token = csrf.get_value();
            let mut evidence = Vec::new();
            if let Some(list) = chosen {
                for index in 0..list.length() {
                    let Some(file) = list.get(index) else {
                        continue;
                    };
                    match calls::upload_evidence(&file, &token).await {
                        Ok(stored) => evidence.push(
                            stored[NAMED_UPLOAD_ID]
                                .as_str()
                                .unwrap_or_default()
                                .to_owned(),
                        ),
                        Err(failure) => {
                            error.set(Some(explain(&failure)));
                            busy.set(false);
                            confirming.set(false);
                            return;
                        }
                    }
                }
            }
            match calls::appeal(id, &text, &evidence, &token).await {
                Ok(_) => version.update(|v| *v += 1),
                Err(failure) => {
                    error.set(Some(explain(&failure)));
                    confirming.set(false);
                }
            }
            busy.set(false);
        });
    };
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <button type="button" class="secondary" data-testid="appeal-open"
                on:click=move |_| open.set(true)>{i18n.t("admin.rect.appeal")}</button>
        }>
            <form class="appeal" data-testid="appeal-form" on:submit=ask>
                <h3>{i18n.t("admin.rect.appeal")}</h3>
                {move || error.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
                <label>{i18n.t("admin.rect.reasons")}
                    <textarea required minlength="10" maxlength="2000" name="reasons"
                        prop:value=reasons on:input=move |ev| reasons.set(event_target_value(&ev))></textarea>
                </label>
                <label>{i18n.t("admin.rect.evidence")}
                    <input type="file" multiple accept="application/pdf,image/jpeg,image/png" node_ref=files/>
                </label>
                <Show when=move || confirming.get() fallback=move || view! {
                    <button type="submit">{i18n.t("admin.rect.appeal_send")}</button>
                }>
                    <div class="confirm" role="group" tabindex="-1" node_ref=confirm_box
                        data-testid="appeal-confirm">
                        <p>{i18n.t("admin.rect.appeal_confirm")}</p>
                        <button type="button" data-testid="appeal-confirm-yes" prop:disabled=busy
                            on:click=send>{i18n.t("admin.confirm_yes")}</button>
                        " "
                        <button type="button" class="secondary"
                            on:click=move |_| confirming.set(false)>{i18n.t("admin.confirm_no")}</button>
                    </div>
                </Show>
            </form>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_core::wire::appeals::{AppealStanding, Rectification};

    /// The page reads what the server serializes: a field renamed in core fails here.
    #[test]
    fn a_rectification_reads_as_the_page_shows_it() {
        let sent = Rectification {
            id: 3,
            case_no: "ZJ2026000012".into(),
            department: "ZJ".into(),
            department_name: "住建局".into(),
            level: "dissatisfied".into(),
            level_label: Some("不满意".into()),
            comment: "等太久".into(),
            due_date: "2027-01-08".into(),
            working_days_left: Some(-2),
            reply: Some("已整改".into()),
            replied_at: Some("2027-01-09T02:00:00Z".into()),
            appeal: Some(AppealStanding {
                id: 1,
                decision: Some("rejected".into()),
            }),
        };
        let wire = serde_json::to_value(&sent).expect("serializes");
        assert_eq!(
            shown(&wire),
            Shown {
                id: 3,
                case_no: "ZJ2026000012".into(),
                department_name: "住建局".into(),
                level_label: "不满意".into(),
                comment: "等太久".into(),
                due: "2027-01-08".into(),
                left: Some(-2),
                reply: Some("已整改".into()),
                appealed: true,
                decision: Some("rejected".into()),
            }
        );
        let unappealed = Rectification {
            appeal: None,
            ..sent
        };
        let shown = shown(&serde_json::to_value(&unappealed).expect("serializes"));
        assert!(!shown.appealed && shown.decision.is_none());
    }
}
