//! 咨询: a citizen's question about a service item, sent from the outbox, looked up by number
//! and query code, answered on the desk by the item's department, and published as the item's
//! 常见问题. The contract, with every body and error: `docs/contact-api.md`.
//!
//! - `POST /api/consultations` → `201` (or `200` + `Idempotent-Replayed: true`).
//! - `POST /api/consultations/lookup` `{"consultation_no", "query_code"}` → the question and
//!   its answer; one `404 consultation_not_found` for a wrong number or code, rate-limited like
//!   case lookups.
//! - Staff: `GET /api/staff/consultations?status=open|answered|late|all&department=&page=`,
//!   `GET /api/staff/consultations/{no}`, `POST …/{no}/answer`, `POST …/{no}/publish`,
//!   `POST …/{no}/unpublish`. A `department` account answers its department's questions, a
//!   `center_admin` all; a `window` account reads its department's.

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};
use guichet_core::consultation::{
    self, ANSWER_MAX_CHARS, ASKER_NAME_MAX_CHARS, QUESTION_MAX_CHARS, TextError, Timeliness,
};
use guichet_core::validate;
use serde::Deserialize;

use guichet_core::wire::contact::{self as wire, Named};

use crate::AppState;
use crate::api::staff::StaffSession;
use crate::api::submissions::{invalid, is_client_id, message, replayed_json};
use crate::client_addr::ClientIp;
use crate::consultations_store::{
    self, AskOutcome, ChangeOutcome, Consultation, Filter, NewConsultation,
};
use crate::contact_settings_store;
use crate::error::{AppError, ErrorCode, Json, Lang, Localized, lang_from_headers};
use crate::rate_limit;
use crate::services_store;
use crate::staff_store::{Staff, StaffRole};
use crate::submissions_store::china_today;

/// Desk page size.
const PER_PAGE: usize = 50;

/// The routes of this module, relative to `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/consultations", post(ask))
        .route("/consultations/lookup", post(lookup))
        .route("/staff/consultations", get(desk_list))
        .route("/staff/consultations/{number}", get(desk_one))
        .route("/staff/consultations/{number}/answer", post(answer))
        .route("/staff/consultations/{number}/publish", post(publish))
        .route("/staff/consultations/{number}/unpublish", post(unpublish))
}

/// A core message in every language.
pub(crate) fn localized(error: &impl guichet_core::Localized) -> Localized {
    Localized {
        zh: error.message(Lang::Zh).into(),
        en: error.message(Lang::En).into(),
    }
}

/// A text field checked by the core: trimmed, not empty, at most `max` characters; its message
/// into `fields` otherwise.
pub(crate) fn checked_text<'a>(
    fields: &mut BTreeMap<String, Localized>,
    field: &str,
    text: &'a str,
    max: usize,
) -> &'a str {
    match consultation::check_text(text, max) {
        Ok(text) => text,
        Err(error) => {
            fields.insert(field.to_owned(), localized(&error));
            ""
        }
    }
}

/// A person's name: trimmed, not empty, at most [`ASKER_NAME_MAX_CHARS`] characters; its
/// message into `fields` otherwise.
pub(crate) fn checked_name<'a>(fields: &mut BTreeMap<String, Localized>, text: &'a str) -> &'a str {
    match consultation::check_text(text, ASKER_NAME_MAX_CHARS) {
        Ok(name) => name,
        Err(TextError::Empty) => {
            fields.insert("name".to_owned(), message("contact.name.empty", &[]));
            ""
        }
        Err(error) => {
            fields.insert("name".to_owned(), localized(&error));
            ""
        }
    }
}

/// Opens a record by its number and query code under the lookup limits of cases
/// (`api::cases::reserve_lookup`): `find` is asked only once the attempt is reserved, and only
/// a failure stays counted; a wrong number or code → `404` with the code `not_found`.
pub(crate) async fn opened<T, F>(
    state: &AppState,
    ip: &str,
    number: &str,
    not_found: ErrorCode,
    find: impl FnOnce(String) -> F,
) -> Result<T, AppError>
where
    F: std::future::Future<Output = Result<Option<T>, sqlx::Error>>,
{
    let now = state.clock.now();
    let number = number.trim().to_ascii_uppercase();
    let reservation = crate::api::cases::reserve_lookup(state, ip, &number, now).await?;
    match find(number).await? {
        Some(found) => {
            rate_limit::release(&state.db, reservation).await?;
            Ok(found)
        }
        // The reservation stays: it is the failure's count.
        None => Err(AppError::Coded(not_found)),
    }
}

/// Every item's name by code.
pub(crate) async fn item_names(state: &AppState) -> Result<BTreeMap<String, String>, AppError> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT code, name FROM service_items")
        .fetch_all(&state.db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// A phone: a mobile, else a landline with its area code, normalised; the message of the one
/// the text looks like into `fields` otherwise.
pub(crate) fn checked_phone(fields: &mut BTreeMap<String, Localized>, text: &str) -> String {
    if let Ok(mobile) = validate::mobile(text) {
        return mobile.as_str().to_owned();
    }
    match validate::landline(text) {
        Ok(landline) => landline.to_string(),
        Err(landline_error) => {
            let looks_fixed = text.trim_start().starts_with('0');
            let message = if looks_fixed {
                localized(&landline_error)
            } else {
                match validate::mobile(text) {
                    Err(mobile_error) => localized(&mobile_error),
                    Ok(_) => localized(&landline_error),
                }
            };
            fields.insert("phone".to_owned(), message);
            String::new()
        }
    }
}

/// A department's code and name (its code when it has no name).
pub(crate) fn department_named(names: &BTreeMap<String, String>, code: &str) -> Named {
    Named {
        code: code.to_owned(),
        name: names.get(code).cloned().unwrap_or_else(|| code.to_owned()),
    }
}

/// An item's code and name (its code when it is unknown).
pub(crate) async fn item_named(state: &AppState, code: &str) -> Result<Named, AppError> {
    let name = services_store::item(&state.db, code)
        .await?
        .map_or_else(|| code.to_owned(), |(item, _)| item.name);
    Ok(Named {
        code: code.to_owned(),
        name,
    })
}

/// Whether `staff` sees `department`'s consultations.
fn sees(staff: &Staff, department: &str) -> bool {
    match &staff.role {
        StaffRole::CenterAdmin => true,
        StaffRole::Department { department_code } | StaffRole::Window { department_code } => {
            department_code == department
        }
        StaffRole::Disclosure { .. } => false,
    }
}

/// Whether `staff` answers and publishes `department`'s consultations.
fn answers(staff: &Staff, department: &str) -> bool {
    match &staff.role {
        StaffRole::CenterAdmin => true,
        StaffRole::Department { department_code } => department_code == department,
        StaffRole::Window { .. } | StaffRole::Disclosure { .. } => false,
    }
}

/// Body of `POST /api/consultations`.
#[derive(Debug, Deserialize)]
pub struct AskRequest {
    /// Idempotency key.
    pub client_id: String,
    /// The item asked about.
    pub item_code: String,
    /// The question.
    pub question: String,
    /// The asker's name.
    pub name: String,
    /// The asker's phone.
    pub phone: String,
    /// The asker agrees to publication as a FAQ.
    #[serde(default)]
    pub publish_allowed: bool,
}

fn status_label(consultation: &Consultation, lang: Lang) -> (&'static str, &'static str) {
    if consultation.answer.is_some() {
        (
            "answered",
            guichet_core::tr(lang, "consultation.status.answered"),
        )
    } else {
        ("open", guichet_core::tr(lang, "consultation.status.open"))
    }
}

/// What the asker sees.
async fn citizen_view(
    state: &AppState,
    consultation: &Consultation,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<wire::Consultation, AppError> {
    let names = crate::cases_store::department_names(&state.db).await?;
    let (status, label) = status_label(consultation, lang);
    let calendar = state.calendar.current();
    let timeliness = consultation::timeliness(
        &calendar.calendar,
        consultation.answer_due,
        china_today(now),
        consultation.answered_on,
    );
    Ok(wire::Consultation {
        consultation_no: consultation.consultation_no.clone(),
        query_code: consultation.query_code.clone(),
        item: item_named(state, &consultation.item_code).await?,
        department: department_named(&names, &consultation.department_code),
        question: consultation.question.clone(),
        status: status.to_owned(),
        status_label: label.to_owned(),
        received_at: consultation.received_at.clone(),
        counted_from: consultation.counted_from.to_string(),
        answer_due: consultation.answer_due.to_string(),
        answer_due_provisional: consultation.due_provisional,
        late: timeliness.is_late(),
        answer: consultation.answer.clone(),
        answered_at: consultation.answered_at.clone(),
    })
}

/// `POST /api/consultations`.
pub async fn ask(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Json(request): Json<AskRequest>,
) -> Result<Response, AppError> {
    if !is_client_id(&request.client_id) {
        return Err(invalid("client_id", "submission.client_id.invalid"));
    }
    let mut fields = BTreeMap::new();
    let question = match consultation::check_text(&request.question, QUESTION_MAX_CHARS) {
        Ok(question) => question,
        Err(TextError::Empty) => {
            fields.insert(
                "question".to_owned(),
                message("consultation.question.empty", &[]),
            );
            ""
        }
        Err(TextError::TooLong { max, found }) => {
            fields.insert(
                "question".to_owned(),
                message(
                    "consultation.question.too_long",
                    &[("max", &max.to_string()), ("found", &found.to_string())],
                ),
            );
            ""
        }
    };
    let name = checked_name(&mut fields, &request.name);
    let phone = checked_phone(&mut fields, &request.phone);
    let item = services_store::item(&state.db, request.item_code.trim()).await?;
    if item.is_none() {
        fields.insert(
            "item_code".to_owned(),
            message("consultation.item.unknown", &[]),
        );
    }
    let Some((item, _)) = item.filter(|_| fields.is_empty()) else {
        return Err(AppError::Validation { fields });
    };
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let days = contact_settings_store::answer_days(&mut conn).await?;
    drop(conn);
    let calendar = state.calendar.current();
    let deadline =
        consultation::answer_deadline(&calendar.calendar, crate::cases_store::local(now), days)
            .map_err(|e| AppError::Internal(format!("answer deadline: {e}")))?;
    let new = NewConsultation {
        client_id: &request.client_id,
        item_code: &item.code,
        department_code: &item.department.code,
        question,
        name,
        phone: &phone,
        publish_allowed: request.publish_allowed,
    };
    let reservation =
        rate_limit::reserve_filing(&state.db, state.filing_limit, &ip, &request.client_id, now)
            .await?;
    let outcome = consultations_store::ask(&state.db, &new, deadline, now).await;
    // Received or replayed, it stays counted (once).
    if !matches!(
        outcome,
        Ok(AskOutcome::Created(_) | AskOutcome::Replayed(_))
    ) {
        rate_limit::release(&state.db, reservation).await?;
    }
    let lang = lang_from_headers(&headers);
    match outcome? {
        AskOutcome::Created(c) => Ok((
            StatusCode::CREATED,
            Json(citizen_view(&state, &c, lang, now).await?),
        )
            .into_response()),
        AskOutcome::Replayed(c) => Ok(replayed_json(citizen_view(&state, &c, lang, now).await?)),
        AskOutcome::Conflict => Err(invalid("client_id", "submission.client_id.reused")),
    }
}

/// Body of `POST /api/consultations/lookup`.
#[derive(Debug, Deserialize)]
pub struct LookupRequest {
    /// 咨询编号.
    pub consultation_no: String,
    /// Its query code.
    #[serde(default)]
    pub query_code: String,
}

/// `POST /api/consultations/lookup`.
pub async fn lookup(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Json(request): Json<LookupRequest>,
) -> Result<Response, AppError> {
    let consultation = opened(
        &state,
        &ip,
        &request.consultation_no,
        ErrorCode::ConsultationNotFound,
        |number| {
            let db = state.db.clone();
            let code = request.query_code.clone();
            async move { consultations_store::lookup(&db, &number, &code).await }
        },
    )
    .await?;
    let lang = lang_from_headers(&headers);
    let now = state.clock.now();
    Ok(Json(citizen_view(&state, &consultation, lang, now).await?).into_response())
}

/// What the desk sees.
fn desk_view(
    consultation: &Consultation,
    names: &BTreeMap<String, String>,
    item_name: &str,
    calendar: &guichet_core::Calendar,
    today: NaiveDate,
    lang: Lang,
) -> wire::DeskConsultation {
    let (status, label) = status_label(consultation, lang);
    let timeliness = consultation::timeliness(
        calendar,
        consultation.answer_due,
        today,
        consultation.answered_on,
    );
    let (left, overdue) = match timeliness {
        Timeliness::Running { working_days_left } => (Some(working_days_left), None),
        Timeliness::Overdue {
            working_days_overdue,
        }
        | Timeliness::AnsweredLate {
            working_days_overdue,
        } => (None, Some(working_days_overdue)),
        Timeliness::AnsweredInTime => (None, None),
    };
    wire::DeskConsultation {
        consultation_no: consultation.consultation_no.clone(),
        item: Named {
            code: consultation.item_code.clone(),
            name: item_name.to_owned(),
        },
        department: department_named(names, &consultation.department_code),
        question: consultation.question.clone(),
        name: consultation.name.clone(),
        phone: consultation.phone.clone(),
        publish_allowed: consultation.publish_allowed,
        status: status.to_owned(),
        status_label: label.to_owned(),
        received_at: consultation.received_at.clone(),
        counted_from: consultation.counted_from.to_string(),
        answer_due: consultation.answer_due.to_string(),
        answer_due_provisional: consultation.due_provisional,
        working_days_left: left,
        working_days_overdue: overdue,
        late: timeliness.is_late(),
        answer: consultation.answer.clone(),
        answered_at: consultation.answered_at.clone(),
        answered_by: consultation.answered_by.clone(),
        faq: consultation.faq.as_ref().map(|faq| wire::PublishedFaq {
            question: faq.question.clone(),
            answer: faq.answer.clone(),
            published_at: faq.published_at.clone(),
        }),
    }
}

async fn desk_json(
    state: &AppState,
    consultations: &[Consultation],
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Vec<wire::DeskConsultation>, AppError> {
    let names = crate::cases_store::department_names(&state.db).await?;
    let items = item_names(state).await?;
    let calendar = state.calendar.current();
    let today = china_today(now);
    Ok(consultations
        .iter()
        .map(|c| {
            let item_name = items.get(&c.item_code).map_or(c.item_code.as_str(), |n| n);
            desk_view(c, &names, item_name, &calendar.calendar, today, lang)
        })
        .collect())
}

/// Query of the desk's list.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    /// `open` (default), `answered`, `late` or `all`.
    pub status: Option<String>,
    /// Only this department (an administrator's choice; others see their own).
    pub department: Option<String>,
    /// 1-based.
    pub page: Option<usize>,
}

/// `GET /api/staff/consultations`.
pub async fn desk_list(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let staff = &session.staff;
    let filter = match query.status.as_deref().filter(|s| !s.is_empty()) {
        None => Filter::Open,
        Some(text) => Filter::parse(text).ok_or_else(|| invalid("status", "form.choice"))?,
    };
    let wanted = query.department.as_deref().filter(|d| !d.is_empty());
    let department = match (&staff.role, wanted) {
        (StaffRole::Disclosure { .. }, _) => return Err(AppError::Forbidden),
        (StaffRole::CenterAdmin, wanted) => wanted.map(str::to_owned),
        (_, Some(wanted)) if !sees(staff, wanted) => return Err(AppError::Forbidden),
        _ => Some(staff.department().to_owned()),
    };
    let now = state.clock.now();
    let page = query.page.unwrap_or(1).max(1);
    let (found, total) = consultations_store::list(
        &state.db,
        department.as_deref(),
        filter,
        china_today(now),
        page,
        PER_PAGE,
    )
    .await?;
    let lang = lang_from_headers(&headers);
    Ok(Json(wire::DeskConsultations {
        items: desk_json(&state, &found, lang, now).await?,
        total: u64::try_from(total).unwrap_or(0),
        page: page as u64,
        per_page: PER_PAGE as u64,
        as_of: crate::db::time_text(now),
    })
    .into_response())
}

/// The consultation `number` if `staff` sees it, else `404`.
async fn visible(state: &AppState, staff: &Staff, number: &str) -> Result<Consultation, AppError> {
    consultations_store::find(&state.db, number)
        .await?
        .filter(|c| sees(staff, &c.department_code))
        .ok_or(AppError::NotFound)
}

async fn one_json(
    state: &AppState,
    consultation: &Consultation,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(headers);
    let now = state.clock.now();
    let mut views = desk_json(state, std::slice::from_ref(consultation), lang, now).await?;
    // One consultation in, one view out.
    let view = views
        .pop()
        .ok_or_else(|| AppError::Internal("a consultation without its view".to_owned()))?;
    Ok(Json(view).into_response())
}

/// `GET /api/staff/consultations/{number}`.
pub async fn desk_one(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Path(number): Path<String>,
) -> Result<Response, AppError> {
    let consultation = visible(&state, &session.staff, &number).await?;
    one_json(&state, &consultation, &headers).await
}

/// The texts of a FAQ as staff wrote them for publication.
#[derive(Debug, Deserialize)]
pub struct FaqTexts {
    /// The question, personal data removed.
    pub question: String,
    /// The answer, personal data removed.
    pub answer: String,
}

/// Body of `POST …/answer`.
#[derive(Debug, Deserialize)]
pub struct AnswerRequest {
    /// The answer.
    pub answer: String,
    /// Publish at once with these texts.
    #[serde(default)]
    pub publish: Option<FaqTexts>,
}

fn checked_faq(texts: &FaqTexts) -> Result<(&str, &str), AppError> {
    let mut fields = BTreeMap::new();
    let question = checked_text(&mut fields, "question", &texts.question, QUESTION_MAX_CHARS);
    let answer = checked_text(&mut fields, "answer", &texts.answer, ANSWER_MAX_CHARS);
    if fields.is_empty() {
        Ok((question, answer))
    } else {
        Err(AppError::Validation { fields })
    }
}

fn change_result(outcome: ChangeOutcome) -> Result<Consultation, AppError> {
    match outcome {
        ChangeOutcome::Done(consultation) => Ok(*consultation),
        ChangeOutcome::AlreadyAnswered => Err(AppError::Conflict {
            code: ErrorCode::AlreadyAnswered,
            current_state: Some("answered"),
        }),
        ChangeOutcome::NotAnswered => Err(AppError::Conflict {
            code: ErrorCode::Conflict,
            current_state: Some("open"),
        }),
        ChangeOutcome::NotAllowed => Err(AppError::Coded(ErrorCode::PublishNotAllowed)),
    }
}

/// `POST /api/staff/consultations/{number}/answer`.
pub async fn answer(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Path(number): Path<String>,
    Json(request): Json<AnswerRequest>,
) -> Result<Response, AppError> {
    let staff = &session.staff;
    let current = visible(&state, staff, &number).await?;
    if !answers(staff, &current.department_code) {
        return Err(AppError::Forbidden);
    }
    let mut fields = BTreeMap::new();
    let text = checked_text(&mut fields, "answer", &request.answer, ANSWER_MAX_CHARS);
    if !fields.is_empty() {
        return Err(AppError::Validation { fields });
    }
    let publish = request.publish.as_ref().map(checked_faq).transpose()?;
    let outcome = consultations_store::answer(
        &state.db,
        staff,
        &current.consultation_no,
        text,
        publish,
        state.clock.now(),
    )
    .await?;
    one_json(&state, &change_result(outcome)?, &headers).await
}

/// Publishes (`Some` texts) or withdraws a consultation's FAQ for the session.
async fn set_faq(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    number: &str,
    texts: Option<&FaqTexts>,
) -> Result<Response, AppError> {
    let current = visible(state, staff, number).await?;
    if !answers(staff, &current.department_code) {
        return Err(AppError::Forbidden);
    }
    let texts = texts.map(checked_faq).transpose()?;
    let outcome = consultations_store::publish(
        &state.db,
        staff,
        &current.consultation_no,
        texts,
        state.clock.now(),
    )
    .await?;
    one_json(state, &change_result(outcome)?, headers).await
}

/// `POST /api/staff/consultations/{number}/publish`.
pub async fn publish(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Path(number): Path<String>,
    Json(request): Json<FaqTexts>,
) -> Result<Response, AppError> {
    set_faq(&state, &headers, &session.staff, &number, Some(&request)).await
}

/// `POST /api/staff/consultations/{number}/unpublish`.
pub async fn unpublish(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Path(number): Path<String>,
) -> Result<Response, AppError> {
    set_faq(&state, &headers, &session.staff, &number, None).await
}
