//! 预约办理 (`/contact/book?department=…&item=…`): a day, then a half-hour slot (places left
//! shown when online), then name, ID number and phone. The booking goes through the outbox: made
//! offline it waits as a request; once sent it is confirmed, or refused with the server's reason
//! and the nearest free slots to choose from. A refusal keeps everything typed; choosing another
//! slot and sending again is a new request (a new client id).

use leptos::prelude::*;
use serde::Serialize;
use serde_json::Value;

use super::{
    BOOK_PATH, FieldKind, NAME, PHONE, Problem, Sent, error_summary, phone_problem, query,
    sent_by_id, set_title, slot_words, spawn, text, text_field,
};
use crate::api;
use crate::i18n::{tr, use_i18n};
use crate::sync::use_sync;

/// How many calendar days of slots the page offers.
const DAYS: u32 = 14;

/// The ID number field's kind (`autocomplete="off"`: no token names it).
const ID_NO: FieldKind = FieldKind {
    autocomplete: "off",
    inputmode: "text",
    max: 18,
    multiline: false,
};

#[derive(Serialize)]
struct Booking<'a> {
    department: &'a str,
    item_code: Option<&'a str>,
    date: &'a str,
    start: &'a str,
    name: &'a str,
    id_no: &'a str,
    phone: &'a str,
}

/// A bookable slot: (date, start, places left).
type Free = (String, String, i64);

/// Minutes from an epoch of a date and a start, to measure how near two slots are.
fn minutes(date: &str, start: &str) -> i64 {
    use chrono::Datelike;
    let day = guichet_core::ymd::parse(date).map_or(0, |d| i64::from(d.num_days_from_ce()));
    let (h, m) = start.split_once(':').unwrap_or(("0", "0"));
    day * 1440 + h.parse::<i64>().unwrap_or(0) * 60 + m.parse::<i64>().unwrap_or(0)
}

/// Up to five bookable slots of `slots` nearest to `date` `start`, nearest first.
fn nearest(slots: &Value, date: &str, start: &str) -> Vec<Free> {
    let target = minutes(date, start);
    let mut free: Vec<(i64, Free)> = Vec::new();
    for day in slots["dates"].as_array().into_iter().flatten() {
        let on = text(day, "date");
        for slot in day["slots"].as_array().into_iter().flatten() {
            let at = text(slot, "start");
            if slot["bookable"].as_bool() == Some(true) && !(on == date && at == start) {
                let left = slot["left"].as_i64().unwrap_or(0);
                free.push(((minutes(&on, &at) - target).abs(), (on.clone(), at, left)));
            }
        }
    }
    guichet_core::sort::insertion_sort_by(&mut free, |a, b| a.0 < b.0);
    free.into_iter().take(5).map(|(_, f)| f).collect()
}

#[component]
pub fn Book() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let department_param = query("department");
    let item = query("item");
    let chosen_department = RwSignal::new(String::new());
    let department = Memo::new(move |_| {
        department_param
            .get()
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| chosen_department.get())
    });
    let date = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let id_no = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let sent_id = RwSignal::new(None::<String>);
    let sent = RwSignal::new(None::<Sent>);
    let refetch = RwSignal::new(0u32);
    // `?retry=<client id>`: a refused request (from 我的预约) opened again with what was typed.
    let retry = query("retry");
    Effect::new(move |_| {
        let Some(id) = retry.get().filter(|id| !id.is_empty()) else {
            return;
        };
        spawn(async move {
            let Some(found) = sent_by_id(BOOK_PATH, &id).await.filter(Sent::refused) else {
                return;
            };
            chosen_department.set(found.asked("department"));
            date.set(found.asked("date"));
            start.set(found.asked("start"));
            name.set(found.asked("name"));
            id_no.set(found.asked("id_no"));
            phone.set(found.asked("phone"));
            sent_id.set(Some(id));
            sent.set(Some(found));
            // The outbox's next reading puts the refusal at the fields.
            sync.refresh();
        });
    });
    let departments =
        LocalResource::new(move || async move { api::get_json::<Value>("departments").await.ok() });
    let slots = LocalResource::new(move || {
        let department = department.get();
        refetch.track();
        async move {
            if department.is_empty() {
                return None;
            }
            let path = format!(
                "bookings/slots?department={}&days={DAYS}",
                js_sys::encode_uri_component(&department)
            );
            api::get_json::<Value>(&path).await.ok()
        }
    });
    Effect::new(move |_| {
        set_title(
            i18n.lang(),
            "contact.book.title",
            !problems.with(Vec::is_empty),
        )
    });
    // The slot's fields are the pickers'; a refusal shows the nearest free slots as they are now.
    let field_of = |field: &str| match field {
        "start" | "date" | "department" => "slot-picker".to_owned(),
        other => other.to_owned(),
    };
    super::follow(
        sync,
        BOOK_PATH,
        sent_id,
        sent,
        problems,
        field_of,
        move || refetch.update(|n| *n += 1),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang_untracked();
        let mut found: Vec<Problem> = Vec::new();
        if department.get_untracked().is_empty() {
            found.push((
                "department".into(),
                tr(lang, "contact.book.department_missing").into(),
            ));
        }
        if date.get_untracked().is_empty() || start.get_untracked().is_empty() {
            found.push((
                "slot-picker".into(),
                tr(lang, "contact.book.slot_missing").into(),
            ));
        }
        if name.get_untracked().trim().is_empty() {
            found.push(("name".into(), tr(lang, "contact.name_missing").into()));
        }
        {
            use guichet_core::i18n::Localized;
            let typed = id_no.get_untracked();
            if typed.trim().is_empty() {
                found.push(("id_no".into(), tr(lang, "contact.book.id_missing").into()));
            } else if let Err(error) =
                guichet_core::validate::id_card(typed.trim(), crate::clock::center_today())
            {
                found.push(("id_no".into(), error.message(lang)));
            }
        }
        if let Some(message) = phone_problem(lang, &phone.get_untracked()) {
            found.push(("phone".into(), message));
        }
        if !found.is_empty() {
            problems.set(found);
            return;
        }
        problems.set(Vec::new());
        let replaces = sent
            .get_untracked()
            .and_then(|s| s.waiting.filter(|_| s.answer.is_none()));
        let (d, day, at) = (
            department.get_untracked(),
            date.get_untracked(),
            start.get_untracked(),
        );
        let (who, id, tel) = (
            name.get_untracked(),
            id_no.get_untracked(),
            phone.get_untracked(),
        );
        let item_code = item.get_untracked().filter(|i| !i.is_empty());
        let label = format!(
            "{}：{}",
            tr(lang, "contact.book.title"),
            slot_words(lang, &day, &at)
        );
        spawn(async move {
            let body = Booking {
                department: &d,
                item_code: item_code.as_deref(),
                date: &day,
                start: &at,
                name: who.trim(),
                id_no: id.trim(),
                phone: tel.trim(),
            };
            match super::queue(sync, BOOK_PATH, &label, &body, replaces.as_ref()).await {
                Ok(id) => {
                    sent_id.set(Some(id.clone()));
                    sent.set(sent_by_id(BOOK_PATH, &id).await);
                }
                Err(error) => problems.set(vec![("slot-picker".into(), error.to_string())]),
            }
        });
    };
    let done = move || sent.with(|s| s.as_ref().is_some_and(|s| s.answer.is_some()));
    let waiting = move || {
        sent.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.answer.is_none() && !s.refused())
        })
    };
    let refused = move || sent.with(|s| s.as_ref().is_some_and(Sent::refused));
    view! {
        <p class="crumbs"><a href="/contact">{move || i18n.t("contact.hub.title")}</a></p>
        <h1 tabindex="-1">{move || i18n.t("contact.book.title")}</h1>
        {move || done().then(|| sent.get().map(booking_receipt))}
        {move || waiting().then(|| view! {
            <p class="banner" role="status" data-testid="book-waiting">{i18n.t("contact.book.waiting")}</p>
        })}
        <div hidden=done>
            {error_summary(problems)}
            {move || refused().then(|| {
                let (day, at) = (date.get_untracked(), start.get_untracked());
                let offered = slots.get().flatten().map(|s| nearest(&s, &day, &at)).unwrap_or_default();
                view! {
                    <section class="nearest" data-testid="nearest" aria-labelledby="nearest-heading">
                        <h2 id="nearest-heading">{i18n.t("contact.book.nearest")}</h2>
                        {offered.is_empty().then(|| view! { <p>{i18n.t("contact.book.nearest_none")}</p> })}
                        <ul class="choices">
                            {offered.into_iter().map(|(on, at, left)| {
                                let words = slot_words(i18n.lang_untracked(), &on, &at);
                                let places = crate::i18n::tr_args(i18n.lang_untracked(), "contact.book.left", &[("n", &left.to_string())]);
                                view! {
                                    <li>
                                        <button type="button" class="secondary" data-testid="nearest-slot"
                                            on:click=move |_| { date.set(on.clone()); start.set(at.clone()); }>
                                            {words}" · "{places}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }
            })}
            <form novalidate on:submit=submit data-testid="book-form">
                {move || department_param.get().filter(|d| !d.is_empty()).is_none().then(|| view! {
                    <div class="field">
                        <label class="label" for="department">{i18n.t("contact.book.department")}</label>
                        <select id="department" name="department" class="input" data-testid="department"
                            on:change=move |ev| { chosen_department.set(event_target_value(&ev)); date.set(String::new()); start.set(String::new()); }>
                            <option value="">{i18n.t("contact.book.department_pick")}</option>
                            {departments.get().flatten().map(|list| list["departments"].as_array().cloned().unwrap_or_default().into_iter().map(|d| {
                                let code = text(&d, "code");
                                view! { <option value=code.clone() selected={chosen_department.get_untracked() == code}>{text(&d, "name")}</option> }
                            }).collect_view())}
                        </select>
                    </div>
                })}
                {move || slot_picker(slots.get().flatten(), department.get(), date, start, problems)}
                {text_field("name", "contact.name", None, NAME, name, problems)}
                {text_field("id_no", "contact.book.id_no", Some("contact.book.id_hint"), ID_NO, id_no, problems)}
                {text_field("phone", "contact.phone", Some("contact.phone_hint"), PHONE, phone, problems)}
                <p class="note">{move || i18n.t("contact.book.offline_note")}</p>
                <button type="submit" data-testid="book-submit">{move || i18n.t("contact.book.submit")}</button>
            </form>
        </div>
    }
}

/// The day, then the slot: radio buttons with the places left (online), or a date and a time
/// to send as a request (offline).
fn slot_picker(
    slots: Option<Value>,
    department: String,
    date: RwSignal<String>,
    start: RwSignal<String>,
    problems: RwSignal<Vec<Problem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = move || problems.with(|p| super::problem_of(p, "slot-picker"));
    if department.is_empty() {
        return view! { <div id="slot-picker" tabindex="-1"></div> }.into_any();
    }
    let Some(slots) = slots else {
        // Offline (or the server unreachable): a request for a date and one of the opening
        // hours' slot starts (the core's); the server decides when it arrives.
        return view! {
            <fieldset id="slot-picker" tabindex="-1" class="field" class:has-error=move || error().is_some()
                aria-describedby="slot-picker-error">
                <legend class="label">{move || i18n.t("contact.book.slot")}</legend>
                <p class="hint">{move || i18n.t("contact.book.offline_slots")}</p>
                <p class="field-error" id="slot-picker-error">{error}</p>
                <label class="label" for="book-date">{move || i18n.t("contact.book.date")}</label>
                <input type="date" id="book-date" class="input" data-testid="book-date"
                    prop:value=date on:input=move |ev| date.set(event_target_value(&ev))/>
                <label class="label" for="book-start">{move || i18n.t("contact.book.time")}</label>
                <select id="book-start" class="input" data-testid="book-start"
                    on:change=move |ev| start.set(event_target_value(&ev))>
                    <option value="">{move || i18n.t("contact.book.time_pick")}</option>
                    {guichet_core::booking::slot_starts().into_iter().map(|at| {
                        let (at, shown, value) = (at.text(), at.text(), at.text());
                        view! { <option value=at selected={move || start.get() == value}>{shown}</option> }
                    }).collect_view()}
                </select>
            </fieldset>
        }
        .into_any();
    };
    let days: Vec<Value> = slots["dates"].as_array().cloned().unwrap_or_default();
    let day_choices = days
        .iter()
        .map(|day| {
            let on = text(day, "date");
            let left: i64 = day["slots"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|s| s["bookable"].as_bool() == Some(true))
                .map(|s| s["left"].as_i64().unwrap_or(0))
                .sum();
            let value = on.clone();
            let words = slot_words(i18n.lang_untracked(), &on, "");
            view! {
                <label class="choice" class:full={left == 0}>
                    <input type="radio" name="book-day" value=on.clone() data-testid="book-day"
                        prop:checked={move || date.get() == value}
                        on:change=move |_| { date.set(on.clone()); start.set(String::new()); }/>
                    " "{words}" · "{crate::i18n::tr_args(i18n.lang_untracked(), "contact.book.left", &[("n", &left.to_string())])}
                </label>
            }
        })
        .collect_view();
    let slot_choices = move || {
        let on = date.get();
        days.iter()
            .find(|d| text(d, "date") == on)
            .and_then(|d| d["slots"].as_array().cloned())
            .unwrap_or_default()
            .into_iter()
            .map(|slot| {
                let at = text(&slot, "start");
                let left = slot["left"].as_i64().unwrap_or(0);
                let bookable = slot["bookable"].as_bool() == Some(true);
                let value = at.clone();
                let label = format!("{}—{}", at, text(&slot, "end"));
                let places = if bookable {
                    crate::i18n::tr_args(i18n.lang_untracked(), "contact.book.left", &[("n", &left.to_string())])
                } else {
                    tr(i18n.lang_untracked(), "contact.book.unavailable").to_owned()
                };
                view! {
                    <label class="choice" class:full=!bookable>
                        <input type="radio" name="book-slot" value=at.clone() data-testid="book-slot"
                            disabled=!bookable
                            prop:checked={move || start.get() == value}
                            on:change=move |_| start.set(at.clone())/>
                        " "{label}" · "{places}
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <div id="slot-picker" tabindex="-1" class="field" class:has-error=move || error().is_some()>
            <p class="field-error" id="slot-picker-error">{error}</p>
            <fieldset class="choices" aria-describedby="slot-picker-error">
                <legend class="label">{move || i18n.t("contact.book.day")}</legend>
                {day_choices}
            </fieldset>
            <fieldset class="choices" hidden=move || date.with(String::is_empty) aria-describedby="slot-picker-error">
                <legend class="label">{move || i18n.t("contact.book.slot")}</legend>
                {slot_choices}
            </fieldset>
        </div>
    }
    .into_any()
}

/// The confirmation of a booking the server recorded.
pub fn booking_receipt(sent: Sent) -> impl IntoView {
    let lang = use_i18n().lang_untracked();
    let when = format!(
        "{}—{}",
        slot_words(lang, &sent.answered("date"), &sent.answered("start")),
        sent.answered("end")
    );
    let department = sent
        .answer
        .as_ref()
        .map(|a| text(&a["department"], "name"))
        .unwrap_or_default();
    super::receipt_box(super::Receipt {
        testid: "book-receipt",
        heading: "contact.book.confirmed",
        number_label: "contact.book.number",
        number: sent.answered("booking_no"),
        code: sent.answered("query_code"),
        facts: vec![
            ("contact.book.when", when, "book-when"),
            ("contact.ask.department", department, "book-department"),
        ],
        note: "contact.book.bring",
        link: ("/contact/bookings", "contact.bookings.title"),
    })
}
