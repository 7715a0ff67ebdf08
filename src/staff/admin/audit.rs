//! 操作记录 (center administrators): every change published or administered from the desk —
//! accounts, appeals, catalog entries, the service guide, form versions — newest first, with
//! who, when (Beijing time) and what changed, field by field.

use guichet_core::wire::staff::AuditEntry;
use leptos::prelude::*;
use serde_json::Value;

use crate::i18n::use_i18n;
use crate::staff::admin_api as calls;
use crate::staff::api::StaffSession;
use crate::staff::explain;

/// The kinds one can narrow the log to: (prefix, label key).
const KINDS: &[(&str, &str)] = &[
    ("", "admin.audit.all"),
    ("account.", "admin.tab.accounts"),
    ("appeal.", "admin.tab.appeals"),
    ("catalog.", "admin.tab.catalog"),
    ("guide.", "admin.tab.guide"),
];

/// The audit log page.
pub fn page(_session: StaffSession) -> AnyView {
    view! { <Audit/> }.into_any()
}

/// A value as a short line of text.
fn short(value: &Value) -> String {
    cut(match value {
        Value::Null => "—".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

/// A text cut to a line of 80 characters.
fn cut(text: String) -> String {
    if text.chars().count() > 80 {
        let cut: String = text.chars().take(80).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// What changed between `before` and `after`, one "field: old → new" line per changed field
/// (a creation lists what was created).
fn changes(before: &Value, after: &Value) -> Vec<String> {
    match (before.as_object(), after.as_object()) {
        (Some(old), Some(new)) => new
            .iter()
            .filter(|(key, value)| old.get(*key) != Some(*value))
            .map(|(key, value)| {
                format!(
                    "{key}: {} → {}",
                    short(old.get(key).unwrap_or(&Value::Null)),
                    short(value)
                )
            })
            .chain(
                old.keys()
                    .filter(|key| !new.contains_key(*key))
                    .map(|key| format!("{key}: {} → —", short(&old[key]))),
            )
            .collect(),
        (None, Some(new)) => new
            .iter()
            .map(|(key, value)| format!("{key}: {}", short(value)))
            .collect(),
        (Some(_), None) => vec![short(before)],
        _ => vec![short(after)],
    }
}

#[component]
fn Audit() -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(String::new());
    let entries = RwSignal::new(Vec::<AuditEntry<Value>>::new());
    let next = RwSignal::new(None::<i64>);
    let error = RwSignal::new(None::<String>);
    let load = move |more: bool| {
        let before = if more { next.get_untracked() } else { None };
        let prefix = kind.get_untracked();
        leptos::task::spawn_local(async move {
            match calls::audit(prefix, before).await {
                Ok(page) => {
                    let rows = page.entries;
                    if more {
                        entries.update(|all| all.extend(rows));
                    } else {
                        entries.set(rows);
                    }
                    next.set(page.next);
                    error.set(None);
                }
                Err(failure) => error.set(Some(explain(&failure))),
            }
        });
    };
    load(false);
    view! {
        <h1>{move || i18n.t("admin.tab.audit")}</h1>
        <label class="filter">{move || i18n.t("admin.audit.kind")}
            <select data-testid="audit-kind" on:change=move |ev| { kind.set(event_target_value(&ev)); load(false); }>
                {KINDS.iter().map(|(code, key)| view! { <option value=*code>{i18n.t(key)}</option> }).collect_view()}
            </select>
        </label>
        {move || error.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
        <div class="table-wrap">
            <table data-testid="audit">
                <thead><tr>
                    <th scope="col">{move || i18n.t("admin.audit.at")}</th>
                    <th scope="col">{move || i18n.t("admin.audit.by")}</th>
                    <th scope="col">{move || i18n.t("admin.audit.what")}</th>
                    <th scope="col">{move || i18n.t("admin.audit.subject")}</th>
                    <th scope="col">{move || i18n.t("admin.audit.changes")}</th>
                </tr></thead>
                <tbody>
                    {move || entries.get().into_iter().map(|entry| {
                        let none = Value::Null;
                        let lines = changes(
                            entry.before.as_ref().unwrap_or(&none),
                            entry.after.as_ref().unwrap_or(&none),
                        );
                        view! {
                            <tr>
                                <td>{crate::clock::show_rfc3339(&entry.at)}</td>
                                <td>{cut(entry.staff_name)}</td>
                                <td><code>{cut(entry.kind)}</code></td>
                                <td>{cut(entry.subject)}</td>
                                <td><ul class="changes">{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {move || entries.with(Vec::is_empty).then(|| view! { <p class="empty">{i18n.t("admin.audit.none")}</p> })}
        {move || next.get().is_some().then(|| view! {
            <button type="button" class="secondary" on:click=move |_| load(true)>{i18n.t("admin.audit.more")}</button>
        })}
    }
}
