//! The center administrator's settings of 咨询 and 预约: the answer time limit in working days
//! and each department's places per half-hour slot.

use guichet_core::wire::contact::ContactSettings;
use leptos::prelude::*;
use serde_json::{Value, json};

use super::{explain, get, post};
use crate::i18n::use_i18n;
use crate::staff::api::StaffSession;

/// The settings page.
pub fn page(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let settings = RwSignal::new(None::<ContactSettings>);
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        match get::<ContactSettings>("staff/contact-settings").await {
            Ok(value) => settings.set(Some(value)),
            Err(failure) => error.set(Some(explain(&failure))),
        }
    });
    let session = StoredValue::new(session);
    let save = move |path: &'static str, body: Value| {
        saved.set(false);
        leptos::task::spawn_local(async move {
            match post::<ContactSettings>(&session.get_value(), path, &body).await {
                Ok(value) => {
                    error.set(None);
                    settings.set(Some(value));
                    saved.set(true);
                }
                Err(failure) => error.set(Some(explain(&failure))),
            }
        });
    };
    view! {
        <h2>{move || i18n.t("front.settings")}</h2>
        {move || error.get().map(|m| view! { <p class="banner error" role="alert" data-testid="front-settings-error">{m}</p> })}
        <p role="status" class="note">{move || saved.get().then(|| i18n.t("front.saved"))}</p>
        {move || settings.get().map(|s| {
            let days = RwSignal::new(s.answer_days.to_string());
            let save_days = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let n = days.get_untracked().trim().parse::<i64>().unwrap_or(0);
                save("staff/contact-settings/answer-days", json!({"answer_days": n}));
            };
            let rows = s.capacities.into_iter().map(|row| {
                let code = row.department.code;
                let capacity = RwSignal::new(row.capacity.to_string());
                let id = format!("capacity-{code}");
                view! {
                    <tr>
                        <th scope="row"><label for=id.clone()>{row.department.name}</label></th>
                        <td>
                            <input type="number" id=id.clone() min="0" max="50" class="input narrow"
                                data-testid=format!("front-capacity-{code}") prop:value=capacity
                                on:input=move |ev| capacity.set(event_target_value(&ev))/>
                        </td>
                        <td>
                            <button type="button" class="secondary" data-testid=format!("front-capacity-save-{code}")
                                on:click=move |_| {
                                    let n = capacity.get_untracked().trim().parse::<i64>().unwrap_or(-1);
                                    save("staff/contact-settings/capacity", json!({"department": code.clone(), "start": null, "capacity": n}));
                                }>
                                {move || i18n.t("front.save")}
                            </button>
                        </td>
                    </tr>
                }
            }).collect_view();
            view! {
                <form class="front-settings" on:submit=save_days>
                    <label class="label" for="answer-days">{move || i18n.t("front.answer_days")}</label>
                    <p class="hint" id="answer-days-hint">{move || i18n.t("front.answer_days_hint")}</p>
                    <input type="number" id="answer-days" min="1" max="30" class="input narrow"
                        aria-describedby="answer-days-hint" data-testid="front-answer-days"
                        prop:value=days on:input=move |ev| days.set(event_target_value(&ev))/>
                    " "<button type="submit" data-testid="front-answer-days-save">{move || i18n.t("front.save")}</button>
                </form>
                <h3>{move || i18n.t("front.capacity")}</h3>
                <p class="hint">{move || i18n.t("front.capacity_hint")}</p>
                <table class="front-capacity">
                    <thead><tr>
                        <th scope="col">{move || i18n.t("front.department")}</th>
                        <th scope="col">{move || i18n.t("front.capacity_per_slot")}</th>
                        <th scope="col"><span class="visually-hidden">{move || i18n.t("front.save")}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })}
    }
}
