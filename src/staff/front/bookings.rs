//! 今日预约: a day's bookings of a department by slot, with the places taken, and the marks
//! 已到场 / 未到场 once a slot has started.

use leptos::prelude::*;
use serde_json::{Value, json};

use super::{departments, explain, get, post, text};
use crate::i18n::use_i18n;
use crate::staff::api::StaffSession;

/// The day's bookings (today unless another date is chosen).
pub fn day(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let admin = session.staff.role == "center_admin";
    let date = RwSignal::new(guichet_core::ymd::format(crate::clock::center_today()));
    let department = RwSignal::new(session.staff.department_code.clone().unwrap_or_default());
    let refresh = RwSignal::new(0u32);
    let all_departments = LocalResource::new(move || async move {
        if admin {
            departments().await
        } else {
            Vec::new()
        }
    });
    let answer = LocalResource::new(move || {
        let (on, from) = (date.get(), department.get());
        refresh.track();
        async move {
            if from.is_empty() {
                return None;
            }
            let path = format!(
                "staff/bookings?date={on}&department={}",
                js_sys::encode_uri_component(&from)
            );
            Some(get(&path).await)
        }
    });
    let session = StoredValue::new(session);
    view! {
        <h2>{move || i18n.t("front.bookings")}</h2>
        <p class="filters">
            <label for="front-date">{move || i18n.t("front.date")}</label>" "
            <input type="date" id="front-date" data-testid="front-date" prop:value=date
                on:change=move |ev| date.set(event_target_value(&ev))/>
            {admin.then(|| view! {
                " "<label for="front-department">{move || i18n.t("front.department")}</label>" "
                <select id="front-department" data-testid="front-department"
                    on:change=move |ev| department.set(event_target_value(&ev))>
                    <option value="">{move || i18n.t("front.department_pick")}</option>
                    {move || all_departments.get().unwrap_or_default().into_iter().map(|(code, name)| {
                        let selected = department.get_untracked() == code;
                        view! { <option value=code selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            })}
        </p>
        {move || match answer.get() {
            None => view! { <p>{i18n.t("settings.checking")}</p> }.into_any(),
            Some(None) => view! { <p class="note">{i18n.t("front.department_pick")}</p> }.into_any(),
            Some(Some(Err(error))) => view! { <p class="banner error" role="alert">{explain(&error)}</p> }.into_any(),
            Some(Some(Ok(day))) => slots(session.get_value(), day, refresh).into_any(),
        }}
    }
}

/// The day's slots, each with its bookings.
fn slots(session: StaffSession, day: Value, refresh: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    if day["working_day"].as_bool() == Some(false) {
        return view! { <p class="note" data-testid="front-day-off">{i18n.t("front.day_off")}</p> }
            .into_any();
    }
    let items = day["items"].as_array().cloned().unwrap_or_default();
    let session = StoredValue::new(session);
    let rows = day["slots"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|slot| {
            let start = text(&slot, "start");
            let mine: Vec<Value> = items
                .iter()
                .filter(|b| text(b, "start") == start)
                .cloned()
                .collect();
            view! {
                <section class="front-slot" data-testid="front-slot" data-start=start.clone()>
                    <h3>{start.clone()}"—"{text(&slot, "end")}" · "
                        {text(&slot, "booked")}"/"{text(&slot, "capacity")}</h3>
                    {mine.is_empty().then(|| view! { <p class="note">{move || i18n.t("front.slot_empty")}</p> })}
                    <ul>
                        {mine.into_iter().map(|b| view! { <li>{booking(session.get_value(), b, refresh)}</li> }).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view();
    view! { <div data-testid="front-day">{rows}</div> }.into_any()
}

/// One booking with its marks.
fn booking(session: StaffSession, b: Value, refresh: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let number = text(&b, "booking_no");
    let can_mark = b["can_mark"].as_bool() == Some(true);
    let error = RwSignal::new(None::<String>);
    let session = StoredValue::new(session);
    let mark = move |status: &'static str| {
        let path = format!("staff/bookings/{number}/mark");
        move |_| {
            let path = path.clone();
            leptos::task::spawn_local(async move {
                match post(&session.get_value(), &path, &json!({"status": status})).await {
                    Ok(_) => refresh.update(|n| *n += 1),
                    Err(failure) => error.set(Some(explain(&failure))),
                }
            });
        }
    };
    view! {
        <div class="front-booking" data-testid="front-booking" data-number=text(&b, "booking_no")
            data-status=text(&b, "status")>
            <span class="code">{text(&b, "booking_no")}</span>" · "
            {text(&b, "name")}" · "{move || i18n.t("front.id_last4")}" "{text(&b, "id_last4")}" · "{text(&b, "phone")}
            {(!text(&b["item"], "name").is_empty()).then(|| view! { " · "{text(&b["item"], "name")} })}
            " · "<strong data-testid="front-booking-status">{text(&b, "status_label")}</strong>
            {can_mark.then(|| view! {
                " "
                <button type="button" class="secondary" data-testid="front-arrived" on:click=mark("arrived")>
                    {move || i18n.t("front.arrived")}
                </button>
                " "
                <button type="button" class="secondary" data-testid="front-no-show" on:click=mark("no_show")>
                    {move || i18n.t("front.no_show")}
                </button>
            })}
            {move || error.get().map(|m| view! { <p class="banner error" role="alert">{m}</p> })}
        </div>
    }
}
