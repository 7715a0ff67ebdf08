//! Publishing a year's holidays from the staff desk (center administrators only).
//!
//! - `GET /api/staff/calendar` → `{"years": [{"year", "provisional", "notice", "holidays":
//!   [{"name", "off", "make_up"}]}], "publications": [{"year", "notice", "by", "at",
//!   "moved_deadlines"}]}`: every official year and the provisional ones up to next year.
//! - `POST /api/staff/calendar/preview {"year", "notice", "text"}` → `{"year": {…}, "moves":
//!   [{"case_no", "item_name", "department", "from", "to"}]}`: the pasted notice read
//!   (`guichet_core::calendar::notice_text`) and checked by the rules of the calendar file, and
//!   the open deadlines it would move. Nothing is saved.
//! - `POST /api/staff/calendar/publish` with the same body → the same answer, after saving the
//!   year, its audit row and a `deadline_moved` action on each moved case
//!   (`calendar_store::publish`), and putting the new calendar in force at once.
//!
//! A department account gets `403`; bad input gets `422` with the field (`year`, `notice`,
//! `text`) and a message that names the line or date.

use std::borrow::Cow;
use std::collections::BTreeMap;

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Datelike;
use guichet_core::Calendar;
use guichet_core::calendar::{OfficialYear, notice_text};
use guichet_core::i18n::Lang as CoreLang;
use guichet_core::wire::calendar::{
    CalendarEffect, CalendarOverview, CalendarYear, DeadlineMoveView, HolidayView,
};
use serde::Deserialize;

use crate::AppState;
use crate::api::staff::StaffSession;
use crate::calendar_file::CalendarFile;
use crate::calendar_store::{self, CalendarStoreError, DeadlineMove};
use crate::cases_store;
use crate::error::{AppError, Json, Localized};
use crate::submissions_store::china_today;

/// The longest notice title or 文号 kept.
const MAX_NOTICE_CHARS: usize = 200;
/// The longest pasted text read: a notice has seven or eight lines.
const MAX_TEXT_CHARS: usize = 10_000;
/// The years that may be published.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The routes of this module, relative to `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/calendar", get(overview))
        .route("/staff/calendar/preview", post(preview))
        .route("/staff/calendar/publish", post(publish))
}

impl From<CalendarStoreError> for AppError {
    fn from(error: CalendarStoreError) -> Self {
        match error {
            CalendarStoreError::Database(e) => AppError::from(e),
            CalendarStoreError::Corrupt(detail) => AppError::Internal(detail),
        }
    }
}

fn admin(session: &StaffSession) -> Result<(), AppError> {
    if session.staff.is_admin() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A year's holidays as the desk shows them.
fn year_view(calendar: &Calendar, year: i32) -> CalendarYear {
    let days = |days: &[chrono::NaiveDate]| days.iter().map(ToString::to_string).collect();
    CalendarYear {
        year,
        provisional: calendar.is_provisional(year),
        notice: calendar.notice(year).map(str::to_owned),
        holidays: calendar
            .holidays(year)
            .iter()
            .map(|h| HolidayView {
                name: h.name.clone(),
                off: days(&h.off),
                make_up: days(&h.make_up),
            })
            .collect(),
    }
}

/// `GET /api/staff/calendar`.
pub async fn overview(
    State(state): State<AppState>,
    session: StaffSession,
) -> Result<Response, AppError> {
    admin(&session)?;
    let file = state.calendar.current();
    let calendar = &file.calendar;
    let next_year = china_today(state.clock.now()).year() + 1;
    let first = calendar.years().next().unwrap_or(next_year).min(next_year);
    let last = calendar.years().last().unwrap_or(next_year).max(next_year);
    let years = (first..=last).map(|y| year_view(calendar, y)).collect();
    let publications = calendar_store::publications(&state.db).await?;
    Ok(Json(CalendarOverview {
        years,
        publications,
    })
    .into_response())
}

/// Body of the preview and the publication.
#[derive(Debug, Deserialize)]
pub struct YearRequest {
    /// The year the notice is for.
    pub year: i32,
    /// The notice's title or 文号.
    pub notice: String,
    /// The holidays, one line each (`guichet_core::calendar::notice_text`).
    pub text: String,
}

fn field_error(field: &str, zh: String, en: String) -> AppError {
    AppError::Validation {
        fields: BTreeMap::from([(
            field.to_owned(),
            Localized {
                zh: Cow::Owned(zh),
                en: Cow::Owned(en),
            },
        )]),
    }
}

fn core_error(field: &str, error: &impl guichet_core::i18n::Localized) -> AppError {
    field_error(
        field,
        error.message(CoreLang::Zh),
        error.message(CoreLang::En),
    )
}

fn text_error(field: &str, key: &'static str, args: &[(&str, &str)]) -> AppError {
    field_error(
        field,
        guichet_core::tr_args(CoreLang::Zh, key, args),
        guichet_core::tr_args(CoreLang::En, key, args),
    )
}

/// Reads and checks a request: the year as published, and the calendar with it.
fn read(request: &YearRequest, current: &Calendar) -> Result<(OfficialYear, Calendar), AppError> {
    if !YEARS.contains(&request.year) {
        return Err(text_error(
            "year",
            "calendar.publish.year",
            &[("year", &request.year.to_string())],
        ));
    }
    let notice = request.notice.trim();
    if notice.is_empty() {
        return Err(text_error("notice", "calendar.publish.notice_missing", &[]));
    }
    if notice.chars().count() > MAX_NOTICE_CHARS {
        return Err(text_error(
            "notice",
            "calendar.publish.too_long",
            &[("max", &MAX_NOTICE_CHARS.to_string())],
        ));
    }
    if request.text.chars().count() > MAX_TEXT_CHARS {
        return Err(text_error(
            "text",
            "calendar.publish.too_long",
            &[("max", &MAX_TEXT_CHARS.to_string())],
        ));
    }
    let year = notice_text::parse(request.year, Some(notice.to_owned()), &request.text)
        .map_err(|e| core_error("text", &e))?;
    let calendar = current
        .with_year(year.clone())
        .map_err(|e| core_error("text", &e))?;
    Ok((year, calendar))
}

async fn effect(
    state: &AppState,
    request: &YearRequest,
) -> Result<
    (
        OfficialYear,
        CalendarFile,
        Vec<cases_store::CaseRecord>,
        Vec<DeadlineMove>,
    ),
    AppError,
> {
    let current = state.calendar.current();
    let (year, calendar) = read(request, &current.calendar)?;
    let now = state.clock.now();
    let records = cases_store::open_cases(&state.db, now).await?;
    let moves =
        calendar_store::deadline_moves(&records, &current.calendar, &calendar, china_today(now));
    Ok((year, CalendarFile::from_calendar(calendar), records, moves))
}

fn answer(calendar: &Calendar, year: i32, moves: &[DeadlineMove]) -> Response {
    Json(CalendarEffect {
        year: year_view(calendar, year),
        moves: moves
            .iter()
            .map(|moved| DeadlineMoveView {
                case_no: moved.case_no.clone(),
                item_name: moved.item_name.clone(),
                department: moved.department.clone(),
                from: moved.from.to_string(),
                to: moved.to.to_string(),
            })
            .collect(),
    })
    .into_response()
}

/// `POST /api/staff/calendar/preview`.
pub async fn preview(
    State(state): State<AppState>,
    _headers: HeaderMap,
    session: StaffSession,
    Json(request): Json<YearRequest>,
) -> Result<Response, AppError> {
    admin(&session)?;
    let (year, file, _, moves) = effect(&state, &request).await?;
    Ok(answer(&file.calendar, year.year, &moves))
}

/// `POST /api/staff/calendar/publish`.
pub async fn publish(
    State(state): State<AppState>,
    session: StaffSession,
    Json(request): Json<YearRequest>,
) -> Result<Response, AppError> {
    admin(&session)?;
    let before = state.calendar.current();
    let (year, file, records, moves) = effect(&state, &request).await?;
    let previous = before
        .calendar
        .covers(year.year)
        .then(|| before.calendar.holidays(year.year));
    calendar_store::publish(
        &state.db,
        &year,
        previous,
        &session.staff,
        state.clock.now(),
        &records,
        &moves,
    )
    .await?;
    let response = answer(&file.calendar, year.year, &moves);
    state
        .calendar
        .refresh(&state.db)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    crate::queue_store::refresh_due_dates(
        &state.db,
        &state.calendar.current().calendar,
        state.clock.now(),
    )
    .await?;
    tracing::info!(
        year = year.year,
        notice = year.notice.as_deref().unwrap_or(""),
        staff = session.staff.id,
        moved = moves.len(),
        "calendar year published"
    );
    Ok(response)
}
