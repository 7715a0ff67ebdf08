//! 今日预约: a day's bookings of a department by slot, with the places taken, and the marks
//! 已到场 / 未到场 once a slot has started.

use guichet_core::wire::contact::{DeskBooking, DeskDay};
use leptos::prelude::*;
use serde_json::{Value, json};

use super::{departments, explain, get, post};
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
            Some(get::<DeskDay>(&path).await)
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
fn slots(session: StaffSession, day: DeskDay, refresh: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    if !day.working_day {
        return view! { <p class="note" data-testid="front-day-off">{i18n.t("front.day_off")}</p> }
            .into_any();
    }
    let items = day.items;
    let session = StoredValue::new(session);
    let rows = day
        .slots
        .into_iter()
        .map(|slot| {
            let start = slot.start;
            let mine: Vec<DeskBooking> = items
                .iter()
                .filter(|b| b.start == start)
                .cloned()
                .collect();
            view! {
                <section class="front-slot" data-testid="front-slot" data-start=start.clone()>
                    <h3>{start.clone()}"—"{slot.end}" · "
                        {slot.booked}"/"{slot.capacity}</h3>
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
fn booking(session: StaffSession, b: DeskBooking, refresh: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let number = b.booking_no.clone();
    let can_mark = b.can_mark;
    let error = RwSignal::new(None::<String>);
    let session = StoredValue::new(session);
    let mark = move |status: &'static str| {
        let path = format!("staff/bookings/{number}/mark");
        move |_| {
            let path = path.clone();
            leptos::task::spawn_local(async move {
                let body: Value = json!({"status": status});
                match post::<DeskBooking>(&session.get_value(), &path, &body).await {
                    Ok(_) => refresh.update(|n| *n += 1),
                    Err(failure) => error.set(Some(explain(&failure))),
                }
            });
        }
    };
    view! {
        <div class="front-booking" data-testid="front-booking" data-number=b.booking_no.clone()
            data-status=b.status>
            <span class="code">{b.booking_no.clone()}</span>" · "
            {b.name}" · "{move || i18n.t("front.id_last4")}" "{b.id_last4}" · "{b.phone}
            {b.item.filter(|item| !item.name.is_empty()).map(|item| view! { " · "{item.name} })}
            " · "<strong data-testid="front-booking-status">{b.status_label}</strong>
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
