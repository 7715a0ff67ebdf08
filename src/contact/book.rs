//! 预约办理 (`/contact/book?department=…&item=…`): a day, then a half-hour slot (places left
//! shown when online), then name, ID number and phone. The booking goes through the outbox: made
//! offline it waits as a request; once sent it is confirmed, or refused with the server's reason
//! and the nearest free slots to choose from. A refusal keeps everything typed; choosing another
//! slot and sending again is a new request (a new client id). `?retry=<client id>` opens a
//! refused request (from 我的预约) again with what was typed.

use guichet_core::i18n::Lang;
use guichet_core::wire::contact::{self as wire, Named};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::{
    BOOK_PATH, FieldKind, NAME, PHONE, Problem, Request, Screen, Sent, Values, el, error_summary,
    heading, object, phone_problem, query, sent_by_id, slot_words, spawn, status, text_field,
};
use crate::dom::El;
use crate::i18n::{tr, tr_args};
use crate::sync::{SyncStatus, use_sync};

/// How many calendar days of slots the page offers.
const DAYS: u32 = 14;

/// The ID number field's kind (`autocomplete="off"`: no token names it).
const ID_NO: FieldKind = FieldKind {
    autocomplete: "off",
    inputmode: "text",
    max: 18,
    multiline: false,
};

/// The days and slots of the department, as the server gave them.
enum Slots {
    /// Nothing asked yet, or being asked.
    Loading,
    /// The server could not be asked: a date and a time are sent as a request.
    Offline,
    Loaded(wire::Slots),
}

/// `GET /api/departments`, the part the page reads (its entries carry more).
#[derive(serde::Deserialize)]
struct Departments {
    departments: Vec<Named>,
}

struct Book {
    /// `?department=`, when the page was opened for one.
    department_param: Option<String>,
    /// `?item=`.
    item: Option<String>,
    /// The departments to choose from (when none was given).
    departments: Option<Vec<Named>>,
    slots: Slots,
    /// The department `slots` are of.
    slots_for: String,
    request: Request,
}

/// A bookable slot: (date, start, places left).
type Free = (String, String, i64);

/// The department chosen: the address's, else the one picked.
fn department(state: &Book, values: Values) -> String {
    state
        .department_param
        .clone()
        .unwrap_or_else(|| values.get("department"))
}

/// Asks the server for `department`'s slots.
fn load_slots(screen: Screen<Book>, department: String) {
    screen.update(|s| {
        s.slots = Slots::Loading;
        s.slots_for = department.clone();
    });
    if department.is_empty() {
        return;
    }
    spawn(async move {
        let path = [
            "bookings/slots?department=",
            &String::from(js_sys::encode_uri_component(&department)),
            "&days=",
            &DAYS.to_string(),
        ]
        .concat();
        let slots = match super::get(&path).await {
            Ok(slots) => Slots::Loaded(slots),
            Err(_) => Slots::Offline,
        };
        screen.update(|s| {
            if s.slots_for == department {
                s.slots = slots;
            }
        });
    });
}

pub fn page() -> AnyView {
    let sync = use_sync();
    let values = Values::new();
    let department_param = query("department");
    let item = query("item");
    let retry = query("retry");
    let state = Book {
        department_param: None,
        item: None,
        departments: None,
        slots: Slots::Loading,
        slots_for: String::new(),
        request: Request::default(),
    };
    let (screen, view) = Screen::show(state, values, move |screen, lang, state| {
        render(screen, lang, state, values, sync)
    });
    Effect::new(move |_| {
        let given = department_param.get().filter(|d| !d.is_empty());
        let item = item.get().filter(|i| !i.is_empty());
        screen.update(|s| {
            s.department_param = given.clone();
            s.item = item;
        });
        match given {
            Some(department) => load_slots(screen, department),
            None => {
                load_slots(screen, values.get("department"));
                spawn(async move {
                    let list = super::get::<Departments>("departments")
                        .await
                        .ok()
                        .map(|answer| answer.departments);
                    screen.update(|s| s.departments = list);
                });
            }
        }
    });
    Effect::new(move |_| {
        let Some(id) = retry.get().filter(|id| !id.is_empty()) else {
            return;
        };
        spawn(async move {
            let Some(found) = sent_by_id(BOOK_PATH, &id).await.filter(Sent::refused) else {
                return;
            };
            for (field, name) in [
                ("department", "department"),
                ("book-date", "date"),
                ("book-start", "start"),
                ("name", "name"),
                ("id_no", "id_no"),
                ("phone", "phone"),
            ] {
                values.set(field, found.asked(name));
            }
            let department = found.asked("department");
            screen.update(|s| {
                s.request.sent_id = Some(id);
                s.request.sent = Some(found);
            });
            load_slots(screen, department);
            // The outbox's next reading puts the refusal at the fields.
            sync.refresh();
        });
    });
    // The slot's fields are the pickers'; a refusal shows the nearest free slots as they are now.
    super::follow(
        sync,
        screen,
        BOOK_PATH,
        |s| &mut s.request,
        field_of,
        "slot-picker",
        move |screen| {
            let department = screen.read(|s| department(s, values));
            load_slots(screen, department);
        },
    );
    view
}

/// The page's field for a field the server named.
fn field_of(field: &str) -> &'static str {
    match field {
        "name" => "name",
        "id_no" => "id_no",
        "phone" => "phone",
        _ => "slot-picker",
    }
}

fn render(screen: Screen<Book>, lang: Lang, state: &Book, values: Values, sync: SyncStatus) -> El {
    let request = &state.request;
    let mut page = heading(lang, "contact.book.title");
    if request.done() {
        return page.maybe(
            request
                .sent
                .as_ref()
                .map(|sent| booking_receipt(lang, sent)),
        );
    }
    if request.waiting() {
        page = page.child(status(tr(lang, "contact.book.waiting"), "book-waiting"));
    }
    let problems = &request.problems;
    let refused = request.sent.as_ref().is_some_and(Sent::refused);
    let mut form = el("form")
        .attr("novalidate", "")
        .attr("data-testid", "book-form");
    if state.department_param.is_none() {
        form = form.child(departments(lang, screen, state, values));
    }
    let form = form
        .child(slot_picker(lang, screen, state, values))
        .child(text_field(
            lang,
            values,
            ("name", "contact.name", None),
            NAME,
            problems,
        ))
        .child(text_field(
            lang,
            values,
            ("id_no", "contact.book.id_no", Some("contact.book.id_hint")),
            ID_NO,
            problems,
        ))
        .child(text_field(
            lang,
            values,
            ("phone", "contact.phone", Some("contact.phone_hint")),
            PHONE,
            problems,
        ))
        .child(
            el("p")
                .class("note")
                .text(tr(lang, "contact.book.offline_note")),
        )
        .child(
            el("button")
                .attr("type", "submit")
                .attr("data-testid", "book-submit")
                .text(tr(lang, "contact.book.submit")),
        )
        .on("submit", move |event| {
            event.prevent_default();
            submit(lang, screen, values, sync);
        });
    page.maybe(error_summary(lang, problems))
        .maybe(refused.then(|| nearest_section(lang, screen, state, values)))
        .child(form)
}

/// The department to book at, when the address named none.
fn departments(lang: Lang, screen: Screen<Book>, state: &Book, values: Values) -> El {
    let chosen = values.get("department");
    let options = state.departments.iter().flatten().map(|d| {
        let option = el("option").attr("value", &d.code).text(&d.name);
        if d.code == chosen {
            option.attr("selected", "")
        } else {
            option
        }
    });
    let select = el("select")
        .attr("id", "department")
        .attr("name", "department")
        .class("input")
        .attr("data-testid", "department")
        .child(
            el("option")
                .attr("value", "")
                .text(tr(lang, "contact.book.department_pick")),
        )
        .children(options)
        .on("change", move |event| {
            let department = crate::dom::target_value(&event);
            values.set("department", department.clone());
            values.set("book-date", String::new());
            values.set("book-start", String::new());
            load_slots(screen, department);
        });
    let error = problem_of_field(state, "department");
    el("div")
        .class(if error.is_some() {
            "field has-error"
        } else {
            "field"
        })
        .child(
            el("label")
                .class("label")
                .attr("for", "department")
                .text(tr(lang, "contact.book.department")),
        )
        .maybe(error.map(|message| {
            el("p")
                .class("field-error")
                .attr("id", "department-error")
                .text(message)
        }))
        .child(select)
}

fn problem_of_field<'a>(state: &'a Book, id: &str) -> Option<&'a str> {
    super::problem_of(&state.request.problems, id)
}

/// The day, then the slot: radio buttons with the places left (online), or a date and a time
/// to send as a request (offline).
fn slot_picker(lang: Lang, screen: Screen<Book>, state: &Book, values: Values) -> El {
    let error = problem_of_field(state, "slot-picker");
    let picker = |tag: &str| {
        let mut picker = el(tag)
            .attr("id", "slot-picker")
            .attr("tabindex", "-1")
            .class(if error.is_some() {
                "field has-error"
            } else {
                "field"
            });
        if error.is_some() {
            picker = picker.attr("aria-describedby", "slot-picker-error");
        }
        picker
    };
    let error_line = || {
        error.map(|message| {
            el("p")
                .class("field-error")
                .attr("id", "slot-picker-error")
                .text(message)
        })
    };
    if department(state, values).is_empty() {
        return el("div").attr("id", "slot-picker").attr("tabindex", "-1");
    }
    let (date, start) = (values.get("book-date"), values.get("book-start"));
    let slots = match &state.slots {
        Slots::Loading => {
            return picker("div")
                .maybe(error_line())
                .child(el("p").class("note").text(tr(lang, "contact.loading")));
        }
        // Offline (or the server unreachable): a request for a date and one of the opening
        // hours' slot starts (the core's); the server decides when it arrives.
        Slots::Offline => {
            let starts = guichet_core::booking::slot_starts().into_iter().map(|at| {
                let at = at.text();
                let option = el("option").attr("value", &at).text(&at);
                if at == start {
                    option.attr("selected", "")
                } else {
                    option
                }
            });
            return picker("fieldset")
                .child(
                    el("legend")
                        .class("label")
                        .text(tr(lang, "contact.book.slot")),
                )
                .child(
                    el("p")
                        .class("hint")
                        .text(tr(lang, "contact.book.offline_slots")),
                )
                .maybe(error_line())
                .child(
                    el("label")
                        .class("label")
                        .attr("for", "book-date")
                        .text(tr(lang, "contact.book.date")),
                )
                .child(
                    values.watch(
                        el("input")
                            .attr("type", "date")
                            .attr("id", "book-date")
                            .class("input")
                            .attr("data-testid", "book-date"),
                        "book-date",
                    ),
                )
                .child(
                    el("label")
                        .class("label")
                        .attr("for", "book-start")
                        .text(tr(lang, "contact.book.time")),
                )
                .child(
                    values.watch(
                        el("select")
                            .attr("id", "book-start")
                            .class("input")
                            .attr("data-testid", "book-start")
                            .child(
                                el("option")
                                    .attr("value", "")
                                    .text(tr(lang, "contact.book.time_pick")),
                            )
                            .children(starts),
                        "book-start",
                    ),
                );
        }
        Slots::Loaded(slots) => slots,
    };
    let days = &slots.dates;
    let left_words = |left: i64| tr_args(lang, "contact.book.left", &[("n", &left.to_string())]);
    let radio = |name: &str, id: String, value: &str, checked: bool| {
        let input = el("input")
            .attr("type", "radio")
            .attr("name", name)
            .attr("id", &id)
            .attr("value", value)
            .attr("data-testid", name);
        if checked {
            input.attr("checked", "")
        } else {
            input
        }
    };
    let day_choices = days.iter().map(|day| {
        let on = day.date.clone();
        let left: i64 = day
            .slots
            .iter()
            .filter(|s| s.bookable)
            .map(|s| i64::from(s.left))
            .sum();
        let chosen = on.clone();
        el("label")
            .class(if left == 0 { "choice full" } else { "choice" })
            .child(
                radio("book-day", ["day-", on.as_str()].concat(), &on, on == date).on(
                    "change",
                    move |_| {
                        values.set("book-date", chosen.clone());
                        values.set("book-start", String::new());
                        screen.update(|_| {});
                    },
                ),
            )
            .text(" ")
            .text(&slot_words(lang, &on, ""))
            .text(" · ")
            .text(&left_words(left))
    });
    let day_slots = days
        .iter()
        .find(|d| d.date == date)
        .map(|d| d.slots.as_slice())
        .unwrap_or_default();
    let slot_choices = day_slots.iter().map(|slot| {
        let at = slot.start.clone();
        let bookable = slot.bookable;
        let places = if bookable {
            left_words(i64::from(slot.left))
        } else {
            tr(lang, "contact.book.unavailable").to_owned()
        };
        let mut input = radio(
            "book-slot",
            ["slot-", at.as_str()].concat(),
            &at,
            at == start,
        );
        if !bookable {
            input = input.attr("disabled", "");
        }
        let chosen = at.clone();
        el("label")
            .class(if bookable { "choice" } else { "choice full" })
            .child(input.on("change", move |_| values.set("book-start", chosen.clone())))
            .text(" ")
            .text(&[at.as_str(), "—", &slot.end].concat())
            .text(" · ")
            .text(&places)
    });
    let fieldset = |key: &'static str| {
        el("fieldset")
            .class("choices")
            .attr("aria-describedby", "slot-picker-error")
            .child(el("legend").class("label").text(tr(lang, key)))
    };
    let mut slot_set = fieldset("contact.book.slot").children(slot_choices);
    if date.is_empty() {
        slot_set = slot_set.attr("hidden", "");
    }
    picker("div")
        .maybe(error_line())
        .child(fieldset("contact.book.day").children(day_choices))
        .child(slot_set)
}

/// Minutes from an epoch of a date and a start, to measure how near two slots are.
fn minutes(date: &str, start: &str) -> i64 {
    use chrono::Datelike;
    let day = guichet_core::ymd::parse(date).map_or(0, |d| i64::from(d.num_days_from_ce()));
    let (h, m) = start.split_once(':').unwrap_or(("0", "0"));
    day * 1440 + h.parse::<i64>().unwrap_or(0) * 60 + m.parse::<i64>().unwrap_or(0)
}

/// Up to five bookable slots of `slots` nearest to `date` `start`, nearest first.
fn nearest(slots: &wire::Slots, date: &str, start: &str) -> Vec<Free> {
    let target = minutes(date, start);
    let mut free: Vec<(i64, Free)> = Vec::new();
    for day in &slots.dates {
        let on = &day.date;
        for slot in &day.slots {
            let at = &slot.start;
            if slot.bookable && !(on == date && at == start) {
                let left = i64::from(slot.left);
                free.push((
                    (minutes(on, at) - target).abs(),
                    (on.clone(), at.clone(), left),
                ));
            }
        }
    }
    guichet_core::sort::insertion_sort_by(&mut free, |a, b| a.0 < b.0);
    free.into_iter().take(5).map(|(_, f)| f).collect()
}

/// The nearest free slots after a refusal, each a button that chooses it.
fn nearest_section(lang: Lang, screen: Screen<Book>, state: &Book, values: Values) -> El {
    let offered = match &state.slots {
        Slots::Loaded(slots) => nearest(slots, &values.get("book-date"), &values.get("book-start")),
        _ => Vec::new(),
    };
    let choices = offered.iter().map(|(on, at, left)| {
        let (on, at) = (on.clone(), at.clone());
        let words = [
            slot_words(lang, &on, &at),
            " · ".into(),
            tr_args(lang, "contact.book.left", &[("n", &left.to_string())]),
        ]
        .concat();
        el("li").child(
            el("button")
                .attr("type", "button")
                .class("secondary")
                .attr("data-testid", "nearest-slot")
                .text(&words)
                .on("click", move |_| {
                    values.set("book-date", on.clone());
                    values.set("book-start", at.clone());
                    screen.update(|_| {});
                }),
        )
    });
    el("section")
        .class("nearest")
        .attr("data-testid", "nearest")
        .attr("aria-labelledby", "nearest-heading")
        .child(
            el("h2")
                .attr("id", "nearest-heading")
                .text(tr(lang, "contact.book.nearest")),
        )
        .maybe(
            (offered.is_empty() && !matches!(state.slots, Slots::Loading))
                .then(|| el("p").text(tr(lang, "contact.book.nearest_none"))),
        )
        .child(el("ul").class("choices").children(choices))
}

/// Checks what was typed, then puts the booking in the outbox.
fn submit(lang: Lang, screen: Screen<Book>, values: Values, sync: SyncStatus) {
    let department = screen.read(|s| department(s, values));
    let (date, start) = (values.get("book-date"), values.get("book-start"));
    let (name, id_no, phone) = (
        values.trimmed("name"),
        values.trimmed("id_no"),
        values.trimmed("phone"),
    );
    let mut found: Vec<Problem> = Vec::new();
    if department.is_empty() {
        found.push((
            "department",
            tr(lang, "contact.book.department_missing").into(),
        ));
    }
    if date.is_empty() || start.is_empty() {
        found.push(("slot-picker", tr(lang, "contact.book.slot_missing").into()));
    }
    if name.is_empty() {
        found.push(("name", tr(lang, "contact.name_missing").into()));
    }
    if id_no.is_empty() {
        found.push(("id_no", tr(lang, "contact.book.id_missing").into()));
    } else if let Err(error) = guichet_core::validate::id_card(&id_no, crate::clock::center_today())
    {
        use guichet_core::i18n::Localized;
        found.push(("id_no", error.message(lang)));
    }
    if let Some(message) = phone_problem(lang, &phone) {
        found.push(("phone", message));
    }
    if !found.is_empty() {
        screen.alert(|s| s.request.problems = found);
        return;
    }
    let (item, replaces) = screen.read(|s| (s.item.clone(), s.request.replaces()));
    let label = [
        tr(lang, "contact.book.title"),
        "：",
        &slot_words(lang, &date, &start),
    ]
    .concat();
    let body = object(&[
        ("department", JsValue::from_str(&department)),
        (
            "item_code",
            item.as_deref().map_or(JsValue::NULL, JsValue::from_str),
        ),
        ("date", JsValue::from_str(&date)),
        ("start", JsValue::from_str(&start)),
        ("name", JsValue::from_str(&name)),
        ("id_no", JsValue::from_str(&id_no)),
        ("phone", JsValue::from_str(&phone)),
    ]);
    spawn(async move {
        match super::queue(sync, BOOK_PATH, &label, body, replaces.as_ref()).await {
            Ok(id) => {
                let sent = sent_by_id(BOOK_PATH, &id).await;
                screen.update(|s| {
                    s.request.problems = Vec::new();
                    s.request.sent_id = Some(id);
                    s.request.sent = sent;
                });
            }
            Err(error) => {
                screen.alert(|s| s.request.problems = vec![("slot-picker", error.to_string())])
            }
        }
    });
}

/// The confirmation of a booking the server recorded.
fn booking_receipt(lang: Lang, sent: &Sent) -> El {
    let booking = sent.booking();
    let field = |read: fn(&wire::Booking) -> String| booking.as_ref().map(read).unwrap_or_default();
    let when = [
        slot_words(
            lang,
            &field(|b| b.date.clone()),
            &field(|b| b.start.clone()),
        ),
        "—".into(),
        field(|b| b.end.clone()),
    ]
    .concat();
    let department = field(|b| b.department.name.clone());
    super::receipt_box(
        lang,
        super::Receipt {
            testid: "book-receipt",
            heading: "contact.book.confirmed",
            number_label: "contact.book.number",
            number: field(|b| b.booking_no.clone()),
            code: field(|b| b.query_code.clone().unwrap_or_default()),
            facts: vec![
                ("contact.book.when", when, "book-when"),
                ("contact.ask.department", department, "book-department"),
            ],
            note: "contact.book.bring",
            link: ("/contact/bookings", "contact.bookings.title"),
        },
    )
}
