//! 预约 through the real router on a real database (SQLite, or PostgreSQL with
//! `GUICHET_TEST_POSTGRES`): slots, bookings confirmed exactly once, each refusal with its
//! message and the nearest free slots, the two-open-bookings rule, cancel, the desk's day and
//! marks, the administrator's capacities — and 100 clients racing for the last places of a slot.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use common::*;
use guichet_core::Calendar;
use guichet_core::booking::{self, Slot, SlotTime};
use guichet_server::bookings_store::{self, BookOutcome, NewBooking};
use serde_json::{Value, json};

/// A valid 居民身份证号码 (Beijing 朝阳区, born 1990-01-01) with sequence `n`.
fn id_number(n: u32) -> String {
    let body = format!("11010519900101{:03}", n % 1000);
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

fn local_now() -> NaiveDateTime {
    guichet_server::cases_store::local(chrono::Utc::now())
}

/// A bookable slot at least two working days ahead (never the day's edge, whatever the time).
fn future_slot(calendar: &Calendar, start: &str) -> Slot {
    let today = local_now().date();
    let date = calendar.add_working_days(today, 2).unwrap();
    Slot {
        date,
        start: SlotTime::parse(start).unwrap(),
    }
}

fn booking_body(client_id: &str, department: &str, slot: Slot, id: &str) -> Value {
    json!({"client_id": client_id, "department": department, "item_code": null,
        "date": slot.date.to_string(), "start": slot.start.text(),
        "name": "王五", "id_no": id, "phone": "138 0013 8000"})
}

async fn book(router: &axum::Router, body: Value) -> Reply {
    post(router, "/api/bookings", body).await
}

async fn book_en(router: &axum::Router, body: Value) -> Reply {
    let mut request = post_from("/api/bookings", &body, "10.0.0.1");
    request
        .headers_mut()
        .insert(header::ACCEPT_LANGUAGE, "en".parse().unwrap());
    send(router, request).await
}

async fn set_capacity(t: &TestApp, department: &str, start: Option<&str>, capacity: i64) {
    let admin = login(&t.router, ADMIN.0, ADMIN.1).await;
    let reply = staff_post(
        &t.router,
        &admin,
        "/api/staff/contact-settings/capacity",
        json!({"department": department, "start": start, "capacity": capacity}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
}

#[tokio::test]
async fn the_slots_of_a_department_are_listed_with_their_places() {
    let t = bare_app(true).await;
    let calendar = t.state.calendar.current().calendar.clone();
    let slot = future_slot(&calendar, "09:30");
    let reply = send(
        &t.router,
        Request::get(format!(
            "/api/bookings/slots?department=SC&from={}&days=1",
            slot.date
        ))
        .body(Body::empty())
        .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    assert_eq!(reply.header(header::CACHE_CONTROL), "no-store");
    let body = reply.json();
    assert_eq!(body["department"]["code"], "SC");
    let day = &body["dates"][0];
    assert_eq!(day["date"], slot.date.to_string());
    let slots = day["slots"].as_array().unwrap();
    assert_eq!(slots.len(), 13);
    assert_eq!(
        slots[1],
        json!({"start": "09:30", "end": "10:00", "capacity": 3, "left": 3, "bookable": true})
    );
    // A week from a Monday lists its working days only.
    let monday = (0..7)
        .map(|d| slot.date + Duration::days(d))
        .find(|d| d.format("%u").to_string() == "1")
        .unwrap();
    let reply = send(
        &t.router,
        Request::get(format!(
            "/api/bookings/slots?department=SC&from={monday}&days=7"
        ))
        .body(Body::empty())
        .unwrap(),
    )
    .await;
    let dates = reply.json()["dates"].as_array().unwrap().len();
    assert_eq!(
        dates,
        booking::working_days(&calendar, monday, 7).len(),
        "only working days"
    );
    // Bad parameters are named.
    let reply = send(
        &t.router,
        Request::get("/api/bookings/slots?department=XX&from=2026-13-01&days=99")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &reply.json()["error"]["fields"];
    for field in ["department", "from", "days"] {
        assert!(fields[field].is_string(), "{field}: {fields}");
    }
}

#[tokio::test]
async fn a_booking_is_confirmed_once_and_replayed_to_the_outbox() {
    let t = bare_app(true).await;
    let calendar = t.state.calendar.current().calendar.clone();
    let slot = future_slot(&calendar, "10:00");
    let body = booking_body("bk-once-0001", "SC", slot, &id_number(1));
    let reply = book(&t.router, body.clone()).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    let created = reply.json();
    let number = created["booking_no"].as_str().unwrap().to_owned();
    assert!(number.starts_with("YY"), "{number}");
    let code = created["query_code"].as_str().unwrap().to_owned();
    assert_eq!(created["status"], "booked");
    assert_eq!(created["status_label"], "已预约");
    assert_eq!(created["start"], "10:00");
    assert_eq!(created["end"], "10:30");
    assert_eq!(created["department"]["code"], "SC");
    assert_eq!(created["can_cancel"], true);

    let again = book(&t.router, body.clone()).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.header("idempotent-replayed".parse().unwrap()), "true");
    assert_eq!(again.json()["booking_no"], number.as_str());
    assert_eq!(again.json()["query_code"], code.as_str());
    let mut other = body.clone();
    other["start"] = json!("10:30");
    let reused = book(&t.router, other).await;
    assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reused.json()["error"]["fields"]["client_id"].is_string());
    assert_eq!(
        bookings_store::booked_in(&t.state.db, "SC", slot)
            .await
            .unwrap(),
        1,
        "one place taken, whatever the retries"
    );

    let reply = post(
        &t.router,
        "/api/bookings/lookup",
        json!({"booking_no": number.to_lowercase(), "query_code": code.replace('-', " ")}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    assert_eq!(reply.json()["query_code"], Value::Null);
    let wrong = post(
        &t.router,
        "/api/bookings/lookup",
        json!({"booking_no": number, "query_code": "2222-2222-2222"}),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert_eq!(wrong.code(), "booking_not_found");
}

#[tokio::test]
async fn every_field_error_is_named_at_once_and_nothing_is_booked() {
    let t = bare_app(true).await;
    let valid = id_number(10);
    let wrong_check = format!(
        "{}{}",
        &valid[..17],
        if valid.ends_with('0') { '1' } else { '0' }
    );
    let reply = book(
        &t.router,
        json!({"client_id": "bk-bad-0001", "department": "XX", "item_code": "GA-001",
            "date": "2026-02-30", "start": "9:30", "name": "  ",
            "id_no": wrong_check, "phone": "12345"}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &reply.json()["error"]["fields"];
    for field in [
        "department",
        "item_code",
        "date",
        "start",
        "name",
        "id_no",
        "phone",
    ] {
        assert!(fields[field].is_string(), "{field}: {fields}");
    }
    assert_eq!(fields["name"], "请填写姓名。");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings WHERE client_id = $1")
        .bind("bk-bad-0001")
        .fetch_one(&t.state.db)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_past_a_closed_an_off_hours_or_a_far_slot_is_refused_by_name_with_free_slots() {
    let t = bare_app(true).await;
    let calendar = t.state.calendar.current().calendar.clone();
    let today = local_now().date();
    let yesterday = today - Duration::days(1);
    let day_off = (1..40)
        .map(|d| today + Duration::days(d))
        .find(|d| !calendar.is_working_day(*d))
        .unwrap();
    let working = future_slot(&calendar, "09:00").date;
    let cases: [(&str, NaiveDate, &str, &str, &str); 4] = [
        (
            "bk-past-0001",
            yesterday,
            "10:00",
            "slot_past",
            "已经开始或已过",
        ),
        (
            "bk-off-00001",
            day_off,
            "10:00",
            "not_working_day",
            "不是工作日",
        ),
        (
            "bk-hours-0001",
            working,
            "12:00",
            "outside_hours",
            "不是可预约的时段",
        ),
        (
            "bk-far-00001",
            today + Duration::days(45),
            "10:00",
            "too_far_ahead",
            "超出可预约范围",
        ),
    ];
    for (client_id, date, start, code, words) in cases {
        let slot = Slot {
            date,
            start: SlotTime::parse(start).unwrap(),
        };
        let reply = book(
            &t.router,
            booking_body(client_id, "SC", slot, &id_number(2)),
        )
        .await;
        assert_eq!(reply.status, StatusCode::CONFLICT, "{code}");
        let error = reply.json()["error"].clone();
        assert_eq!(error["code"], code);
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(words), "{code}: {message}");
        let nearest = error["nearest"].as_array().unwrap();
        assert!(!nearest.is_empty() && nearest.len() <= 5, "{code}: {error}");
        for offered in nearest {
            assert!(offered["left"].as_u64().unwrap() > 0);
        }
    }
    // The date is named in the message.
    let slot = Slot {
        date: day_off,
        start: SlotTime::parse("10:00").unwrap(),
    };
    let reply = book_en(
        &t.router,
        booking_body("bk-off-00002", "SC", slot, &id_number(2)),
    )
    .await;
    let message = reply.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        message.contains(&booking::date_label(day_off, guichet_core::Lang::En)),
        "{message}"
    );
    assert!(message.contains("not a working day"), "{message}");
}

#[tokio::test]
async fn a_full_slot_is_refused_with_the_nearest_free_ones() {
    let t = bare_app(true).await;
    set_capacity(&t, "SC", Some("09:30"), 1).await;
    let calendar = t.state.calendar.current().calendar.clone();
    let slot = future_slot(&calendar, "09:30");
    let first = book(
        &t.router,
        booking_body("bk-full-0001", "SC", slot, &id_number(3)),
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.json());
    let second = book(
        &t.router,
        booking_body("bk-full-0002", "SC", slot, &id_number(4)),
    )
    .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    let error = second.json()["error"].clone();
    assert_eq!(error["code"], "slot_full");
    let label = slot.label(guichet_core::Lang::Zh);
    assert_eq!(
        error["message"],
        format!("{label} 已约满，请选择其他时段。")
    );
    assert_eq!(error["fields"]["start"], error["message"]);
    let nearest: Vec<(String, String)> = error["nearest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["date"].as_str().unwrap().to_owned(),
                s["start"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(nearest.len(), 5);
    assert!(nearest.contains(&(slot.date.to_string(), "09:00".to_owned())));
    assert!(nearest.contains(&(slot.date.to_string(), "10:00".to_owned())));
    assert!(!nearest.contains(&(slot.date.to_string(), "09:30".to_owned())));
    // The slots list agrees.
    let reply = send(
        &t.router,
        Request::get(format!(
            "/api/bookings/slots?department=SC&from={}&days=1",
            slot.date
        ))
        .body(Body::empty())
        .unwrap(),
    )
    .await;
    let listed = &reply.json()["dates"][0]["slots"][1];
    assert_eq!(listed["capacity"], 1);
    assert_eq!(listed["left"], 0);
    assert_eq!(listed["bookable"], false);
}

#[tokio::test]
async fn a_third_open_booking_at_one_department_is_refused_until_one_is_cancelled() {
    let t = bare_app(true).await;
    let calendar = t.state.calendar.current().calendar.clone();
    let id = id_number(5);
    let a = future_slot(&calendar, "09:00");
    let b = future_slot(&calendar, "14:00");
    let c = future_slot(&calendar, "15:00");
    let mut codes = Vec::new();
    for (client_id, slot) in [("bk-lim-0001", a), ("bk-lim-0002", b)] {
        let reply = book(&t.router, booking_body(client_id, "SC", slot, &id)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
        let body = reply.json();
        codes.push((
            body["booking_no"].as_str().unwrap().to_owned(),
            body["query_code"].as_str().unwrap().to_owned(),
        ));
    }
    let third = book(&t.router, booking_body("bk-lim-0003", "SC", c, &id)).await;
    assert_eq!(third.status, StatusCode::CONFLICT);
    let error = third.json()["error"].clone();
    assert_eq!(error["code"], "booking_limit");
    assert_eq!(
        error["open_bookings"],
        json!([
            {"date": a.date.to_string(), "start": "09:00", "end": "09:30"},
            {"date": b.date.to_string(), "start": "14:00", "end": "14:30"},
        ])
    );
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("县市场监督管理局"), "{message}");
    assert!(
        message.contains("09:00") && message.contains("14:00"),
        "{message}"
    );
    assert!(error["fields"]["id_no"].is_string());
    // Another department is another count.
    let elsewhere = book(&t.router, booking_body("bk-lim-0004", "JT", c, &id)).await;
    assert_eq!(
        elsewhere.status,
        StatusCode::CREATED,
        "{}",
        elsewhere.json()
    );

    // Cancelling one makes room, and frees its place at once.
    let (number, code) = &codes[0];
    let cancel = post(
        &t.router,
        &format!("/api/bookings/{number}/cancel"),
        json!({"query_code": code}),
    )
    .await;
    assert_eq!(cancel.status, StatusCode::OK, "{}", cancel.json());
    assert_eq!(cancel.json()["status"], "cancelled");
    assert_eq!(cancel.json()["can_cancel"], false);
    assert_eq!(
        bookings_store::booked_in(&t.state.db, "SC", a)
            .await
            .unwrap(),
        0
    );
    let again = post(
        &t.router,
        &format!("/api/bookings/{number}/cancel"),
        json!({"query_code": code}),
    )
    .await;
    assert_eq!(again.status, StatusCode::OK, "cancel is idempotent");
    let wrong = post(
        &t.router,
        &format!("/api/bookings/{number}/cancel"),
        json!({"query_code": "2222-3333-4444"}),
    )
    .await;
    assert_eq!(wrong.code(), "booking_not_found");
    let third = book(&t.router, booking_body("bk-lim-0005", "SC", c, &id)).await;
    assert_eq!(third.status, StatusCode::CREATED, "{}", third.json());
}

/// A booking made through the store at `made_at` for `slot` (which may be past now).
async fn booked_earlier(t: &TestApp, client_id: &str, slot: Slot, id: &str) -> String {
    let calendar = t.state.calendar.current().calendar.clone();
    let made_at = slot.starts_at() - Duration::hours(1) - Duration::hours(8);
    let new = NewBooking {
        client_id,
        department_code: "GA",
        item_code: None,
        slot,
        name: "赵六",
        id_number: id,
        phone: "13800138000",
    };
    match bookings_store::book(&t.state.db, &calendar, &new, made_at.and_utc())
        .await
        .unwrap()
    {
        BookOutcome::Created(booking) => booking.booking_no,
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_desk_lists_the_day_and_marks_arrivals_once_the_slot_has_started() {
    let t = bare_app(true).await;
    let calendar = t.state.calendar.current().calendar.clone();
    let today = local_now().date();
    let past_day = (1..15)
        .map(|d| today - Duration::days(d))
        .find(|d| calendar.is_working_day(*d))
        .unwrap();
    let past = Slot {
        date: past_day,
        start: SlotTime::parse("10:00").unwrap(),
    };
    let first = booked_earlier(&t, "bk-desk-0001", past, &id_number(6)).await;
    let second = booked_earlier(&t, "bk-desk-0002", past, &id_number(7)).await;
    let future = future_slot(&calendar, "11:00");
    let reply = book(&t.router, {
        let mut body = booking_body("bk-desk-0003", "GA", future, &id_number(8));
        body["item_code"] = json!("GA-001");
        body
    })
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    let upcoming = reply.json()["booking_no"].as_str().unwrap().to_owned();
    assert_eq!(reply.json()["item"]["code"], "GA-001");

    let window = login(&t.router, "ga-ck", "demo-ga-ck-2026").await;
    let day = staff_get(
        &t.router,
        &window,
        &format!("/api/staff/bookings?date={past_day}"),
    )
    .await;
    assert_eq!(day.status, StatusCode::OK, "{}", day.json());
    let body = day.json();
    assert_eq!(body["department"]["code"], "GA");
    let items = body["items"].as_array().unwrap();
    let mine: Vec<&Value> = items
        .iter()
        .filter(|i| i["booking_no"] == first.as_str() || i["booking_no"] == second.as_str())
        .collect();
    assert_eq!(mine.len(), 2);
    assert_eq!(mine[0]["id_last4"], id_number(6)[14..]);
    assert_eq!(mine[0]["can_mark"], true);
    let slot_row = body["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["start"] == "10:00")
        .unwrap()
        .clone();
    assert_eq!(slot_row["capacity"], 4, "the demo gives GA 4 places");
    assert!(slot_row["booked"].as_u64().unwrap() >= 2);

    let mark = |number: String, status: &'static str| {
        let router = t.router.clone();
        let window = Session {
            cookie: window.cookie.clone(),
            csrf: window.csrf.clone(),
        };
        async move {
            staff_post(
                &router,
                &window,
                &format!("/api/staff/bookings/{number}/mark"),
                json!({"status": status}),
            )
            .await
        }
    };
    let marked = mark(first.clone(), "arrived").await;
    assert_eq!(marked.status, StatusCode::OK, "{}", marked.json());
    assert_eq!(marked.json()["status"], "arrived");
    assert_eq!(marked.json()["status_label"], "已到场");
    assert_eq!(mark(first.clone(), "arrived").await.status, StatusCode::OK);
    let other_way = mark(first.clone(), "no_show").await;
    assert_eq!(other_way.status, StatusCode::CONFLICT);
    assert_eq!(other_way.json()["error"]["current_state"], "arrived");
    assert_eq!(
        mark(second.clone(), "no_show").await.json()["status"],
        "no_show"
    );
    let early = mark(upcoming, "no_show").await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(early.code(), "slot_not_started");
    assert_eq!(
        mark(first.clone(), "gone").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // Audited, with who.
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE kind = 'booking.mark' AND subject IN ($1, $2)",
    )
    .bind(&first)
    .bind(&second)
    .fetch_one(&t.state.db)
    .await
    .unwrap();
    assert_eq!(audited, 2);

    // Another department's desk sees none of it; an administrator names the department.
    let sc = login(&t.router, SC.0, SC.1).await;
    assert_eq!(
        staff_post(
            &t.router,
            &sc,
            &format!("/api/staff/bookings/{second}/mark"),
            json!({"status": "arrived"})
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        staff_get(&t.router, &sc, "/api/staff/bookings?department=GA")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let admin = login(&t.router, ADMIN.0, ADMIN.1).await;
    assert_eq!(
        staff_get(&t.router, &admin, "/api/staff/bookings")
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        staff_get(&t.router, &admin, "/api/staff/bookings?department=GA")
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn only_a_center_administrator_sets_capacities_and_each_change_is_audited() {
    let t = bare_app(true).await;
    let ga = login(&t.router, GA.0, GA.1).await;
    let refused = staff_post(
        &t.router,
        &ga,
        "/api/staff/contact-settings/capacity",
        json!({"department": "GA", "start": null, "capacity": 9}),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let settings = staff_get(&t.router, &ga, "/api/staff/contact-settings").await;
    assert_eq!(settings.status, StatusCode::OK);
    let body = settings.json();
    assert_eq!(body["answer_days"], 5);
    assert_eq!(body["slot_starts"].as_array().unwrap().len(), 13);
    let ga_row = body["capacities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["department"]["code"] == "GA")
        .unwrap()
        .clone();
    assert_eq!(ga_row["capacity"], 4);

    let admin = login(&t.router, ADMIN.0, ADMIN.1).await;
    let bad = staff_post(
        &t.router,
        &admin,
        "/api/staff/contact-settings/capacity",
        json!({"department": "XX", "start": "12:00", "capacity": 51}),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &bad.json()["error"]["fields"];
    for field in ["department", "start", "capacity"] {
        assert!(fields[field].is_string(), "{field}: {fields}");
    }
    set_capacity(&t, "JT", None, 6).await;
    set_capacity(&t, "JT", Some("16:30"), 0).await;
    let settings = staff_get(&t.router, &admin, "/api/staff/contact-settings").await;
    let jt = settings.json()["capacities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["department"]["code"] == "JT")
        .unwrap()
        .clone();
    assert_eq!(jt["capacity"], 6);
    assert_eq!(jt["slots"], json!({"16:30": 0}));
    let calendar = t.state.calendar.current().calendar.clone();
    let closed = future_slot(&calendar, "16:30");
    let reply = book(
        &t.router,
        booking_body("bk-cap-0001", "JT", closed, &id_number(9)),
    )
    .await;
    assert_eq!(reply.code(), "slot_full", "a capacity of 0 closes the slot");
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE kind = 'booking.capacity'")
            .fetch_one(&t.state.db)
            .await
            .unwrap();
    assert_eq!(audited, 2);
}

/// 100 clients, each with its own ID number and address, race for a slot with `left` places:
/// exactly `left` bookings are made, the others are refused `slot_full`.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_clients_racing_for_the_last_places_make_exactly_as_many_bookings() {
    let t = bare_app(true).await;
    set_capacity(&t, "SC", Some("11:00"), 4).await;
    let calendar = t.state.calendar.current().calendar.clone();
    let slot = future_slot(&calendar, "11:00");
    let first = book(
        &t.router,
        booking_body("race-0000-first", "SC", slot, &id_number(900)),
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let left = 3;

    let tasks: Vec<_> = (0..100u32)
        .map(|n| {
            let router = t.router.clone();
            let body = booking_body(&format!("race-{n:04}-client"), "SC", slot, &id_number(n));
            tokio::spawn(async move {
                let ip = format!("10.7.{}.{}", n / 200, n % 200 + 1);
                send(&router, post_from("/api/bookings", &body, &ip)).await
            })
        })
        .collect();
    let mut created = 0;
    let mut full = 0;
    for task in tasks {
        let reply = task.await.unwrap();
        match reply.status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT if reply.code() == "slot_full" => full += 1,
            other => panic!("{other}: {}", String::from_utf8_lossy(&reply.body)),
        }
    }
    assert_eq!(created, left);
    assert_eq!(full, 100 - left);
    assert_eq!(
        bookings_store::booked_in(&t.state.db, "SC", slot)
            .await
            .unwrap(),
        4
    );
}
