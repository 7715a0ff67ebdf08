//! 预约: the free slots of a department, a booking sent from the outbox (confirmed, or refused
//! with the nearest free slots), its lookup and cancellation by number and query code, the
//! desk's day of bookings with arrivals and no-shows, and the center administrator's settings of
//! 咨询 and 预约. The contract, with every body and error: `docs/contact-api.md`.
//!
//! - `GET /api/bookings/slots?department=&from=&days=` — public, no personal data.
//! - `POST /api/bookings` → `201` (or `200` + `Idempotent-Replayed: true`); `409` refusals
//!   `slot_full`, `slot_past`, `not_working_day`, `outside_hours`, `too_far_ahead` with
//!   `nearest`, and `booking_limit` with `open_bookings`.
//! - `POST /api/bookings/lookup`, `POST /api/bookings/{no}/cancel` — with the query code; a
//!   wrong one → `404 booking_not_found`, rate-limited like case lookups.
//! - Staff: `GET /api/staff/bookings?date=&department=`, `POST /api/staff/bookings/{no}/mark`.
//! - Settings: `GET /api/staff/contact-settings`, `POST …/answer-days`, `POST …/capacity`
//!   (center administrators; audited).

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use guichet_core::booking::{
    self, MAX_CAPACITY, MAX_DAYS_AHEAD, MAX_OPEN_PER_DEPARTMENT, NEAREST_OFFERED, OPENING_HOURS,
    Slot, SlotRefusal, SlotTime,
};
use guichet_core::consultation::MAX_ANSWER_DAYS;
use guichet_core::validate;
use guichet_core::wire::contact::{self as wire, Named};
use serde::Deserialize;
use serde_json::Value;

use crate::AppState;
use crate::api::consultations::{
    checked_name, checked_phone, department_named, item_named, item_names, localized, opened,
};
use crate::api::staff::StaffSession;
use crate::api::submissions::{invalid, is_client_id, message, replayed_json};
use crate::bookings_store::{self, BookOutcome, Booking, CancelOutcome, MarkOutcome, NewBooking};
use crate::client_addr::ClientIp;
use crate::contact_settings_store;
use crate::error::{AppError, ErrorCode, Json, Lang, Localized, Refusal, lang_from_headers};
use crate::rate_limit;
use crate::services_store;
use crate::staff_store::{Staff, StaffRole};
use crate::submissions_store::china_today;

/// The most calendar days one slots request covers.
const MAX_LIST_DAYS: u32 = 31;

/// The routes of this module, relative to `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/bookings/slots", get(slots))
        .route("/bookings", post(book))
        .route("/bookings/lookup", post(lookup))
        .route("/bookings/{number}/cancel", post(cancel))
        .route("/staff/bookings", get(desk_day))
        .route("/staff/bookings/{number}/mark", post(mark))
        .route("/staff/contact-settings", get(settings))
        .route("/staff/contact-settings/answer-days", post(set_answer_days))
        .route("/staff/contact-settings/capacity", post(set_capacity))
}

async fn department_names(state: &AppState) -> Result<BTreeMap<String, String>, AppError> {
    Ok(crate::cases_store::department_names(&state.db).await?)
}

/// A slot named in a refusal's body, with the places `left` for the nearest free ones.
fn slot_wire(slot: Slot, left: Option<u32>) -> wire::Slot {
    wire::Slot {
        date: slot.date.to_string(),
        start: slot.start.text(),
        end: slot.start.end().text(),
        left,
    }
}

/// A refusal body's list of slots (the shared error type carries JSON values).
fn slots_value(slots: Vec<wire::Slot>) -> Result<Value, AppError> {
    serde_json::to_value(slots).map_err(|e| AppError::Internal(format!("slots: {e}")))
}

/// Query of the slots list.
#[derive(Debug, Deserialize)]
pub struct SlotsQuery {
    /// Department code.
    pub department: Option<String>,
    /// First day, default today.
    pub from: Option<String>,
    /// Calendar days covered.
    pub days: Option<String>,
}

/// `GET /api/bookings/slots`.
pub async fn slots(
    State(state): State<AppState>,
    Query(query): Query<SlotsQuery>,
) -> Result<Response, AppError> {
    let names = department_names(&state).await?;
    let mut fields = BTreeMap::new();
    let department = query.department.as_deref().unwrap_or("").trim().to_owned();
    if !names.contains_key(&department) {
        fields.insert(
            "department".to_owned(),
            message("booking.department.unknown", &[]),
        );
    }
    let now = state.clock.now();
    let from = match query
        .from
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        None => Some(china_today(now)),
        Some(text) => guichet_core::ymd::parse(text),
    };
    if from.is_none() {
        fields.insert("from".to_owned(), message("booking.from.invalid", &[]));
    }
    let days = match query
        .days
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => Some(7),
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=MAX_LIST_DAYS).contains(d)),
    };
    if days.is_none() {
        fields.insert(
            "days".to_owned(),
            message("booking.days.range", &[("max", &MAX_LIST_DAYS.to_string())]),
        );
    }
    let (Some(from), Some(days), true) = (from, days, fields.is_empty()) else {
        return Err(AppError::Validation { fields });
    };
    let calendar = state.calendar.current();
    let calendar = &calendar.calendar;
    let local_now = crate::cases_store::local(now);
    let dates = booking::working_days(calendar, from, days);
    let to = from + Duration::days(i64::from(days));
    let places = bookings_store::places_left(&state.db, &department, from, to).await?;
    let starts = booking::slot_starts();
    let dates = dates
        .into_iter()
        .map(|date| wire::SlotsDay {
            date: date.to_string(),
            weekday: date.weekday().number_from_monday(),
            provisional: calendar.is_provisional(date.year()),
            slots: starts
                .iter()
                .map(|&start| {
                    let slot = Slot { date, start };
                    let left = places.left(slot);
                    wire::SlotPlaces {
                        start: start.text(),
                        end: start.end().text(),
                        capacity: places.capacity(slot),
                        left,
                        bookable: left > 0
                            && booking::check_slot(calendar, slot, local_now).is_ok(),
                    }
                })
                .collect(),
        })
        .collect();
    Ok(Json(wire::Slots {
        department: department_named(&names, &department),
        from: from.to_string(),
        days,
        as_of: crate::db::time_text(now),
        dates,
    })
    .into_response())
}

/// Body of `POST /api/bookings`.
#[derive(Debug, Deserialize)]
pub struct BookRequest {
    /// Idempotency key.
    pub client_id: String,
    /// Department code.
    pub department: String,
    /// The item the visit is about.
    #[serde(default)]
    pub item_code: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub start: String,
    /// The person's name.
    pub name: String,
    /// 居民身份证号码.
    pub id_no: String,
    /// Phone.
    pub phone: String,
}

fn status_label(status: &str, lang: Lang) -> &'static str {
    guichet_core::tr(
        lang,
        match status {
            "cancelled" => "booking.status.cancelled",
            "arrived" => "booking.status.arrived",
            "no_show" => "booking.status.no_show",
            _ => "booking.status.booked",
        },
    )
}

/// What the person who booked sees.
async fn citizen_view(
    state: &AppState,
    booking: &Booking,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<wire::Booking, AppError> {
    let names = department_names(state).await?;
    let item = match &booking.item_code {
        Some(code) => Some(item_named(state, code).await?),
        None => None,
    };
    let can_cancel =
        booking.status == "booked" && !booking.slot.has_started(crate::cases_store::local(now));
    Ok(wire::Booking {
        booking_no: booking.booking_no.clone(),
        query_code: booking.query_code.clone(),
        department: department_named(&names, &booking.department_code),
        item,
        date: booking.slot.date.to_string(),
        start: booking.slot.start.text(),
        end: booking.slot.start.end().text(),
        status: booking.status.clone(),
        status_label: status_label(&booking.status, lang).to_owned(),
        created_at: booking.created_at.clone(),
        cancelled_at: booking.cancelled_at.clone(),
        can_cancel,
    })
}

/// The fields of a booking request, checked all at once.
struct Checked {
    department: String,
    item_code: Option<String>,
    slot: Slot,
    name: String,
    id_number: String,
    phone: String,
}

async fn checked(
    state: &AppState,
    request: &BookRequest,
    today: NaiveDate,
) -> Result<Checked, AppError> {
    if !is_client_id(&request.client_id) {
        return Err(invalid("client_id", "submission.client_id.invalid"));
    }
    let mut fields = BTreeMap::new();
    let names = department_names(state).await?;
    let department = request.department.trim().to_owned();
    if !names.contains_key(&department) {
        fields.insert(
            "department".to_owned(),
            message("booking.department.unknown", &[]),
        );
    }
    let item_code = request
        .item_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if let Some(code) = item_code {
        let known = services_store::item(&state.db, code).await?;
        if known.is_none_or(|(item, _)| item.department.code != department) {
            fields.insert("item_code".to_owned(), message("booking.item.unknown", &[]));
        }
    }
    let date = guichet_core::ymd::parse(request.date.trim());
    if date.is_none() {
        fields.insert("date".to_owned(), message("booking.date.invalid", &[]));
    }
    let start = SlotTime::parse(&request.start);
    if start.is_none() {
        fields.insert("start".to_owned(), message("booking.start.invalid", &[]));
    }
    let name = checked_name(&mut fields, &request.name).to_owned();
    let id_number =
        match validate::id_card_with(&request.id_no, today, Some(&state.divisions.codes)) {
            Ok(card) => card.number,
            Err(error) => {
                fields.insert("id_no".to_owned(), localized(&error));
                String::new()
            }
        };
    let phone = checked_phone(&mut fields, &request.phone);
    match (date, start) {
        (Some(date), Some(start)) if fields.is_empty() => Ok(Checked {
            department,
            item_code: item_code.map(str::to_owned),
            slot: Slot { date, start },
            name,
            id_number,
            phone,
        }),
        _ => Err(AppError::Validation { fields }),
    }
}

/// The `409` of a refused slot, with the nearest free slots.
async fn slot_refusal(
    state: &AppState,
    department: &str,
    refusal: SlotRefusal,
    now: DateTime<Utc>,
) -> Result<AppError, AppError> {
    let local_now = crate::cases_store::local(now);
    let today = local_now.date();
    let places = bookings_store::places_left(
        &state.db,
        department,
        today,
        today + Duration::days(MAX_DAYS_AHEAD),
    )
    .await?;
    let calendar = state.calendar.current();
    let nearest = booking::nearest_free(
        &calendar.calendar,
        refusal.slot(),
        local_now,
        NEAREST_OFFERED,
        |slot| places.left(slot),
    )
    .into_iter()
    .map(|(slot, left)| slot_wire(slot, Some(left)))
    .collect();
    let code = match refusal {
        SlotRefusal::Past(_) => ErrorCode::SlotPast,
        SlotRefusal::TooFarAhead(_) => ErrorCode::TooFarAhead,
        SlotRefusal::NotWorkingDay(_) => ErrorCode::NotWorkingDay,
        SlotRefusal::OutsideHours(_) => ErrorCode::OutsideHours,
        SlotRefusal::Full(_) => ErrorCode::SlotFull,
    };
    let field = match refusal {
        SlotRefusal::NotWorkingDay(_) | SlotRefusal::TooFarAhead(_) => "date",
        _ => "start",
    };
    let text = localized(&refusal);
    Ok(AppError::Refused(Box::new(Refusal {
        code,
        message: text.clone(),
        fields: BTreeMap::from([(field.to_owned(), text)]),
        extra: Some(("nearest", slots_value(nearest)?)),
    })))
}

/// The `409` of a third open booking, naming the two held.
fn limit_refusal(department_name: &str, open: &[Slot]) -> Result<AppError, AppError> {
    let text = |lang: Lang| {
        let bookings: Vec<String> = open
            .iter()
            .map(|slot| {
                format!(
                    "{} {}",
                    booking::date_label(slot.date, lang),
                    slot.start.text()
                )
            })
            .collect();
        guichet_core::tr_args(
            lang,
            "booking.refused.limit",
            &[
                ("department", department_name),
                ("count", &MAX_OPEN_PER_DEPARTMENT.to_string()),
                (
                    "bookings",
                    &bookings.join(if lang == Lang::Zh { "、" } else { "; " }),
                ),
            ],
        )
    };
    let message = Localized {
        zh: text(Lang::Zh).into(),
        en: text(Lang::En).into(),
    };
    let open = open.iter().map(|slot| slot_wire(*slot, None)).collect();
    Ok(AppError::Refused(Box::new(Refusal {
        code: ErrorCode::BookingLimit,
        message: message.clone(),
        fields: BTreeMap::from([("id_no".to_owned(), message)]),
        extra: Some(("open_bookings", slots_value(open)?)),
    })))
}

/// `POST /api/bookings`.
pub async fn book(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Json(request): Json<BookRequest>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let checked = checked(&state, &request, china_today(now)).await?;
    let new = NewBooking {
        client_id: &request.client_id,
        department_code: &checked.department,
        item_code: checked.item_code.as_deref(),
        slot: checked.slot,
        name: &checked.name,
        id_number: &checked.id_number,
        phone: &checked.phone,
    };
    let reservation =
        rate_limit::reserve_filing(&state.db, state.filing_limit, &ip, &request.client_id, now)
            .await?;
    let calendar = state.calendar.current();
    let outcome = bookings_store::book(&state.db, &calendar.calendar, &new, now).await;
    // Booked or replayed, it stays counted (once); a refusal does not count.
    if !matches!(
        outcome,
        Ok(BookOutcome::Created(_) | BookOutcome::Replayed(_))
    ) {
        rate_limit::release(&state.db, reservation).await?;
    }
    let lang = lang_from_headers(&headers);
    match outcome? {
        BookOutcome::Created(booking) => Ok((
            StatusCode::CREATED,
            Json(citizen_view(&state, &booking, lang, now).await?),
        )
            .into_response()),
        BookOutcome::Replayed(booking) => Ok(replayed_json(
            citizen_view(&state, &booking, lang, now).await?,
        )),
        BookOutcome::Conflict => Err(invalid("client_id", "submission.client_id.reused")),
        BookOutcome::Refused(refusal) => {
            Err(slot_refusal(&state, &checked.department, refusal, now).await?)
        }
        BookOutcome::LimitReached(open) => {
            let names = department_names(&state).await?;
            let name = names
                .get(&checked.department)
                .map_or(checked.department.as_str(), String::as_str);
            Err(limit_refusal(name, &open)?)
        }
    }
}

/// Body of `POST /api/bookings/lookup`.
#[derive(Debug, Deserialize)]
pub struct LookupRequest {
    /// 预约编号.
    pub booking_no: String,
    /// Its query code.
    #[serde(default)]
    pub query_code: String,
}

/// Body of `POST /api/bookings/{no}/cancel`.
#[derive(Debug, Deserialize)]
pub struct CancelRequest {
    /// The query code.
    #[serde(default)]
    pub query_code: String,
}

/// The booking opened by number and code, or the generic 404, with the lookup limits.
async fn open_booking(
    state: &AppState,
    ip: &str,
    number: &str,
    query_code: &str,
) -> Result<Booking, AppError> {
    opened(state, ip, number, ErrorCode::BookingNotFound, |number| {
        let db = state.db.clone();
        let code = query_code.to_owned();
        async move { bookings_store::lookup(&db, &number, &code).await }
    })
    .await
}

/// `POST /api/bookings/lookup`.
pub async fn lookup(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Json(request): Json<LookupRequest>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let booking = open_booking(&state, &ip, &request.booking_no, &request.query_code).await?;
    let lang = lang_from_headers(&headers);
    Ok(Json(citizen_view(&state, &booking, lang, now).await?).into_response())
}

fn state_code(status: &str) -> &'static str {
    match status {
        "cancelled" => "cancelled",
        "arrived" => "arrived",
        "no_show" => "no_show",
        _ => "booked",
    }
}

/// `POST /api/bookings/{number}/cancel`.
pub async fn cancel(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Path(number): Path<String>,
    Json(request): Json<CancelRequest>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let booking = open_booking(&state, &ip, &number, &request.query_code).await?;
    match bookings_store::cancel(&state.db, booking, now).await? {
        CancelOutcome::Cancelled(booking) => {
            let lang = lang_from_headers(&headers);
            Ok(Json(citizen_view(&state, &booking, lang, now).await?).into_response())
        }
        CancelOutcome::TooLate(booking) => Err(AppError::Conflict {
            code: ErrorCode::Conflict,
            current_state: Some(state_code(&booking.status)),
        }),
    }
}

/// Query of the desk's day.
#[derive(Debug, Deserialize)]
pub struct DayQuery {
    /// `YYYY-MM-DD`, default today.
    pub date: Option<String>,
    /// Department code (required for an administrator).
    pub department: Option<String>,
}

/// The department whose bookings `staff` works on: its own, or an administrator's choice.
fn desk_department(staff: &Staff, wanted: Option<&str>) -> Result<String, AppError> {
    let wanted = wanted.map(str::trim).filter(|d| !d.is_empty());
    match (&staff.role, wanted) {
        (StaffRole::Disclosure { .. }, _) => Err(AppError::Forbidden),
        (StaffRole::CenterAdmin, Some(wanted)) => Ok(wanted.to_owned()),
        (StaffRole::CenterAdmin, None) => Err(invalid("department", "booking.department.required")),
        (_, Some(wanted)) if wanted != staff.department() => Err(AppError::Forbidden),
        _ => Ok(staff.department().to_owned()),
    }
}

fn desk_item(
    booking: &Booking,
    items: &BTreeMap<String, String>,
    lang: Lang,
    local_now: chrono::NaiveDateTime,
) -> wire::DeskBooking {
    let item = booking.item_code.as_ref().map(|code| Named {
        code: code.clone(),
        name: items.get(code).cloned().unwrap_or_else(|| code.clone()),
    });
    wire::DeskBooking {
        booking_no: booking.booking_no.clone(),
        date: booking.slot.date.to_string(),
        start: booking.slot.start.text(),
        end: booking.slot.start.end().text(),
        name: booking.name.clone(),
        id_last4: booking.id_last4.clone(),
        phone: booking.phone.clone(),
        item,
        status: booking.status.clone(),
        status_label: status_label(&booking.status, lang).to_owned(),
        created_at: booking.created_at.clone(),
        marked_at: booking.marked_at.clone(),
        can_mark: booking.status == "booked" && booking.slot.has_started(local_now),
    }
}

/// `GET /api/staff/bookings`.
pub async fn desk_day(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Query(query): Query<DayQuery>,
) -> Result<Response, AppError> {
    let department = desk_department(&session.staff, query.department.as_deref())?;
    let names = department_names(&state).await?;
    if !names.contains_key(&department) {
        return Err(invalid("department", "booking.department.unknown"));
    }
    let now = state.clock.now();
    let date = match query
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => china_today(now),
        Some(text) => {
            guichet_core::ymd::parse(text).ok_or_else(|| invalid("date", "booking.date.invalid"))?
        }
    };
    let calendar = state.calendar.current();
    let places = bookings_store::places_left(&state.db, &department, date, date).await?;
    let slots = booking::slot_starts()
        .into_iter()
        .map(|start| {
            let slot = Slot { date, start };
            wire::DeskSlot {
                start: start.text(),
                end: start.end().text(),
                capacity: places.capacity(slot),
                booked: places.booked(slot),
            }
        })
        .collect();
    let bookings = bookings_store::day(&state.db, &department, date).await?;
    let items = item_names(&state).await?;
    let lang = lang_from_headers(&headers);
    let local_now = crate::cases_store::local(now);
    Ok(Json(wire::DeskDay {
        date: date.to_string(),
        department: department_named(&names, &department),
        provisional: calendar.calendar.is_provisional(date.year()),
        working_day: calendar.calendar.is_working_day(date),
        as_of: crate::db::time_text(now),
        slots,
        items: bookings
            .iter()
            .map(|b| desk_item(b, &items, lang, local_now))
            .collect(),
    })
    .into_response())
}

/// Body of `POST /api/staff/bookings/{no}/mark`.
#[derive(Debug, Deserialize)]
pub struct MarkRequest {
    /// `arrived` or `no_show`.
    pub status: String,
}

/// `POST /api/staff/bookings/{number}/mark`.
pub async fn mark(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Path(number): Path<String>,
    Json(request): Json<MarkRequest>,
) -> Result<Response, AppError> {
    let staff = &session.staff;
    let booking = bookings_store::find(&state.db, &number)
        .await?
        .filter(|b| {
            !matches!(staff.role, StaffRole::Disclosure { .. }) && staff.covers(&b.department_code)
        })
        .ok_or(AppError::NotFound)?;
    let status = match request.status.as_str() {
        "arrived" => "arrived",
        "no_show" => "no_show",
        _ => return Err(invalid("status", "booking.mark.invalid")),
    };
    let now = state.clock.now();
    match bookings_store::mark(&state.db, staff, &booking, status, now).await? {
        MarkOutcome::Marked(booking) => {
            let items = item_names(&state).await?;
            let lang = lang_from_headers(&headers);
            let local_now = crate::cases_store::local(now);
            Ok(Json(desk_item(&booking, &items, lang, local_now)).into_response())
        }
        MarkOutcome::NotStarted => Err(AppError::Conflict {
            code: ErrorCode::SlotNotStarted,
            current_state: Some("booked"),
        }),
        MarkOutcome::Conflict(booking) => Err(AppError::Conflict {
            code: ErrorCode::Conflict,
            current_state: Some(state_code(&booking.status)),
        }),
    }
}

fn minutes_text(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

async fn settings_json(state: &AppState) -> Result<wire::ContactSettings, AppError> {
    let mut conn = state.db.acquire().await?;
    let answer_days = contact_settings_store::answer_days(&mut conn).await?;
    drop(conn);
    let capacities = contact_settings_store::all_capacities(&state.db).await?;
    let departments = services_store::departments(&state.db).await?;
    let rows = departments
        .iter()
        .map(|d| {
            let set = capacities.get(&d.code).cloned().unwrap_or_default();
            wire::Capacity {
                department: Named {
                    code: d.code.clone(),
                    name: d.name.clone(),
                },
                capacity: set.base(),
                slots: set.slots,
            }
        })
        .collect();
    Ok(wire::ContactSettings {
        answer_days,
        default_capacity: booking::DEFAULT_CAPACITY,
        opening_hours: OPENING_HOURS
            .iter()
            .map(|&(from, to)| wire::Hours {
                from: minutes_text(from),
                to: minutes_text(to),
            })
            .collect(),
        slot_starts: booking::slot_starts()
            .into_iter()
            .map(SlotTime::text)
            .collect(),
        capacities: rows,
    })
}

/// `GET /api/staff/contact-settings`.
pub async fn settings(
    State(state): State<AppState>,
    _session: StaffSession,
) -> Result<Response, AppError> {
    Ok(Json(settings_json(&state).await?).into_response())
}

/// Body of `POST /api/staff/contact-settings/answer-days`.
#[derive(Debug, Deserialize)]
pub struct AnswerDaysRequest {
    /// Working days, 1–30.
    pub answer_days: i64,
}

/// `POST /api/staff/contact-settings/answer-days`.
pub async fn set_answer_days(
    State(state): State<AppState>,
    session: StaffSession,
    Json(request): Json<AnswerDaysRequest>,
) -> Result<Response, AppError> {
    if !session.staff.is_admin() {
        return Err(AppError::Forbidden);
    }
    let days = u32::try_from(request.answer_days)
        .ok()
        .filter(|d| (1..=MAX_ANSWER_DAYS).contains(d))
        .ok_or_else(|| AppError::Validation {
            fields: BTreeMap::from([(
                "answer_days".to_owned(),
                message(
                    "consultation.answer_days.range",
                    &[("max", &MAX_ANSWER_DAYS.to_string())],
                ),
            )]),
        })?;
    contact_settings_store::set_answer_days(&state.db, &session.staff, days).await?;
    Ok(Json(settings_json(&state).await?).into_response())
}

/// Body of `POST /api/staff/contact-settings/capacity`.
#[derive(Debug, Deserialize)]
pub struct CapacityRequest {
    /// Department code.
    pub department: String,
    /// One slot time, or `null` for all.
    #[serde(default)]
    pub start: Option<String>,
    /// Places, 0–50.
    pub capacity: i64,
}

/// `POST /api/staff/contact-settings/capacity`.
pub async fn set_capacity(
    State(state): State<AppState>,
    session: StaffSession,
    Json(request): Json<CapacityRequest>,
) -> Result<Response, AppError> {
    if !session.staff.is_admin() {
        return Err(AppError::Forbidden);
    }
    let mut fields = BTreeMap::new();
    let names = department_names(&state).await?;
    let department = request.department.trim();
    if !names.contains_key(department) {
        fields.insert(
            "department".to_owned(),
            message("booking.department.unknown", &[]),
        );
    }
    let start = match request
        .start
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(text) => {
            let start = SlotTime::parse(text).filter(|s| s.is_slot_start());
            if start.is_none() {
                fields.insert("start".to_owned(), message("booking.start.invalid", &[]));
            }
            start
        }
    };
    let places = u32::try_from(request.capacity)
        .ok()
        .filter(|c| *c <= MAX_CAPACITY);
    if places.is_none() {
        fields.insert(
            "capacity".to_owned(),
            message(
                "booking.capacity.range",
                &[("max", &MAX_CAPACITY.to_string())],
            ),
        );
    }
    let Some(places) = places.filter(|_| fields.is_empty()) else {
        return Err(AppError::Validation { fields });
    };
    contact_settings_store::set_capacity(&state.db, &session.staff, department, start, places)
        .await?;
    Ok(Json(settings_json(&state).await?).into_response())
}
