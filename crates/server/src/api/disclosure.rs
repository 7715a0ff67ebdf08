//! 依申请公开 over HTTP (`docs/disclosure-api.md`): the agencies' 公开指南 and annual tables for
//! everyone; a request's view in 办件查询, its reply's files and its 补正 for the holder of the
//! query code; the queue, one request, its steps, reply files and the annual table for the
//! agency's 信息公开工作人员.
//!
//! Filing itself is `POST /api/submissions` (item [`ITEM_CODE`]): [`new_request`] turns the
//! validated answers into the request's row, written in the case's transaction. Every rule is
//! the core's: a step is a [`DisclosureEvent`] that [`disclosure_store::apply`] records only if
//! `DisclosureRequest::record` accepts it, and `allowed` is worked out by trying each step on a
//! copy.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};
use guichet_core::Calendar;
use guichet_core::case::CaseType;
use guichet_core::disclosure::annual_report::{AnnualTable, COLUMNS, ROWS, Row};
use guichet_core::disclosure::{
    DisclosureError, DisclosureEvent, DisclosureRequest, DisclosureStatus, Receipt, Reply,
    SUPPLEMENT_REPLY_WORKING_DAYS,
};
use guichet_core::form::submission_hash;
use guichet_core::i18n::Localized as _;
use guichet_core::staff_text::{LETTER_MAX_CHARS, NAME_MAX_CHARS, OPINION_MAX_CHARS};
use guichet_core::wire::cases::{
    CaseView, Named, SubmittedView, SupplementReceipt, SupplementView, TimelineEntry,
};
use guichet_core::wire::desk::{OverdueItem, OverdueState};
use guichet_core::wire::disclosure::{
    ActionEntry, AgencyList, AgencyView, AnnualRow, AnnualTableView, AnswerField, DisclosureView,
    ReplyFile, ReplyView, RequestDetail, RequestQueue, RequestRow,
};
use guichet_core::{Lang, tr, tr_args};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::AppState;
use crate::api::staff::StaffSession;
use crate::api::submissions::{checked_answers, invalid, is_client_id, replayed_json};
use crate::api::text_limits::TextLimits;
use crate::cases_store::{self, local};
use crate::client_addr::ClientIp;
use crate::disclosure_store::{self, ITEM_CODE, RequestRecord, Step, StoreError};
use crate::error::{AppError, Json, lang_from_headers};
use crate::services_store;
use crate::staff_store::Staff;
use crate::submissions_store::{self, china_today};

/// How much of the 所需信息 the queue shows (the form itself allows 1,000 characters).
const EXCERPT_CHARS: usize = 60;

/// The routes of this module, relative to `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/disclosure/agencies", get(agencies))
        .route(
            "/disclosure/agencies/{code}/annual/{year}",
            get(public_annual),
        )
        .route("/cases/{case_no}/files/{id}", get(citizen_file))
        .route("/staff/disclosure/requests", get(queue))
        .route("/staff/disclosure/requests/{case_no}", get(detail))
        .route("/staff/disclosure/requests/{case_no}/actions", post(act))
        .route(
            "/staff/disclosure/files",
            post(upload_file).layer(DefaultBodyLimit::disable()),
        )
        .route("/staff/disclosure/files/{id}", get(staff_file))
        .route("/staff/disclosure/annual/{year}", get(staff_annual))
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Db(e) => AppError::from(e),
            StoreError::Corrupt(e) => AppError::Internal(e),
            StoreError::NotFound => AppError::NotFound,
            StoreError::Rule(rule) => rule_error("action", &rule),
        }
    }
}

/// A refused step as a 422 naming `field`, in plain words (the core's message).
fn rule_error(field: &str, rule: &DisclosureError) -> AppError {
    AppError::Validation {
        fields: BTreeMap::from([(
            field.to_owned(),
            crate::error::Localized {
                zh: rule.message(Lang::Zh).into(),
                en: rule.message(Lang::En).into(),
            },
        )]),
    }
}

// ------------------------------------------------------------------ filing

/// A validated request form's row: the agency (which must exist), the applicant's category
/// and name, the description, and the receipt of Art. 31 for an online request sent `now`,
/// with its latest reply date and whether that date is provisional.
pub(crate) async fn new_request(
    state: &AppState,
    answers: &Map<String, Value>,
    now: DateTime<Utc>,
) -> Result<(disclosure_store::NewRequest, NaiveDate, bool), AppError> {
    let text = |id: &str| answers.get(id).and_then(Value::as_str).unwrap_or_default();
    let agency_code = text("agency");
    if disclosure_store::agency(&state.db, agency_code)
        .await?
        .is_none()
    {
        return Err(invalid("agency", "disclosure.agency_unknown"));
    }
    let calendar_file = state.calendar.current();
    let calendar = &calendar_file.calendar;
    let receipt = Receipt::online_at(calendar, local(now)).map_err(calendar_error)?;
    let request = DisclosureRequest::new(receipt);
    let reply_by = request
        .due_date(calendar)
        .map_err(|e| AppError::Internal(e.to_string()))?
        .unwrap_or(receipt.date);
    let provisional = request
        .is_provisional(calendar)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let applicant_type = text("applicant_type");
    let org_kind = answers.get("org_kind").and_then(Value::as_str);
    let applicant = if applicant_type == "natural_person" {
        text("name")
    } else {
        text("org_name")
    };
    let new = disclosure_store::NewRequest {
        agency_code: agency_code.to_owned(),
        receipt,
        applicant_category: guichet_core::disclosure::annual_report::ApplicantCategory::from_form(
            applicant_type,
            org_kind,
        ),
        applicant: applicant.to_owned(),
        description: text("description").to_owned(),
    };
    Ok((new, reply_by, provisional))
}

fn calendar_error(e: guichet_core::CalendarError) -> AppError {
    AppError::Internal(format!("calendar: {e}"))
}

// ------------------------------------------------------------------ public

/// `GET /api/disclosure/agencies`: every agency and its 公开指南 (the app keeps it offline).
async fn agencies(State(state): State<AppState>) -> Result<Response, AppError> {
    let agencies = disclosure_store::agencies(&state.db)
        .await?
        .into_iter()
        .map(|a| AgencyView {
            code: a.code,
            name: a.name,
            guide: a.guide,
        })
        .collect();
    Ok(crate::api::services::cached(
        Json(AgencyList { agencies }),
        PUBLIC_FOR_MINUTES,
    ))
}

/// The public answers (guides, annual tables) may be kept five minutes by browsers and proxies:
/// a table replays every request of the agency (BENCHMARKS.md: ~200 ms for 10,000), and
/// anyone may ask for it, so the same question is not counted again on each visit.
const PUBLIC_FOR_MINUTES: &str = "public, max-age=300";

/// `{year}` or `{year}.csv`.
fn parse_year(text: &str) -> Option<(i32, bool)> {
    let (year, csv) = match text.strip_suffix(".csv") {
        Some(year) => (year, true),
        None => (text, false),
    };
    let year: i32 = year.parse().ok()?;
    (2008..=2100).contains(&year).then_some((year, csv))
}

/// The table of `agency` (every agency's requests together when `None`) for `year`, as JSON or
/// as the CSV file.
async fn annual_response(
    state: &AppState,
    agency: Option<&disclosure_store::Agency>,
    year: i32,
    csv: bool,
) -> Result<Response, AppError> {
    let calendar_file = state.calendar.current();
    let records = disclosure_store::list(
        &state.db,
        &calendar_file.calendar,
        agency.map(|a| a.code.as_str()),
        false,
    )
    .await?;
    let facts: Vec<_> = records.iter().map(RequestRecord::facts).collect();
    let table = AnnualTable::compute(year, &facts);
    if csv {
        let code = agency.map_or("all", |a| a.code.as_str());
        let name = format!("attachment; filename=\"ysqgk-{code}-{year}.csv\"");
        let mut response = table.to_csv().into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/csv; charset=utf-8"),
        );
        if let Ok(value) = HeaderValue::from_str(&name) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
        return Ok(response);
    }
    Ok(Json(annual_view(agency, &table)).into_response())
}

fn annual_view(agency: Option<&disclosure_store::Agency>, table: &AnnualTable) -> AnnualTableView {
    AnnualTableView {
        agency: agency.map(|agency| Named {
            code: agency.code.clone(),
            name: agency.name.clone(),
        }),
        year: table.year,
        columns: COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
        rows: ROWS
            .iter()
            .map(|(row, label)| AnnualRow {
                label: (*label).to_owned(),
                counts: (0..COLUMNS.len()).map(|c| table.get(*row, c)).collect(),
            })
            .collect(),
    }
}

/// `GET /api/disclosure/agencies/{code}/annual/{year}[.csv]`.
async fn public_annual(
    State(state): State<AppState>,
    Path((code, year)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (year, csv) = parse_year(&year).ok_or(AppError::NotFound)?;
    let agency = disclosure_store::agency(&state.db, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut response = annual_response(&state, Some(&agency), year, csv).await?;
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(PUBLIC_FOR_MINUTES),
    );
    Ok(response)
}

// ------------------------------------------------------------------ views

/// Days used, left and overdue of a running request on `today`, and whether its due date is
/// provisional or was extended.
struct Clock {
    due: Option<NaiveDate>,
    used: Option<u32>,
    left: Option<u32>,
    overdue: Option<u32>,
    provisional: bool,
    extended: bool,
}

fn clock_of(record: &RequestRecord, calendar: &Calendar, today: NaiveDate) -> Clock {
    let status = record.request.status(calendar).ok();
    let progress = record.request.progress(calendar, today).ok().flatten();
    // `left` is negative past the due date: the days overdue.
    let days = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    Clock {
        due: status.as_ref().and_then(DisclosureStatus::due),
        used: progress.map(|p| p.used),
        left: progress.map(|p| days(p.left.max(0))),
        overdue: progress.and_then(|p| (p.left < 0).then(|| days(-p.left))),
        provisional: record.request.is_provisional(calendar).unwrap_or(false),
        extended: record.request.limit() > guichet_core::disclosure::ANSWER_WORKING_DAYS,
    }
}

/// The status's code (`running`, `awaiting_supplement`…) and its string key.
fn state_of(record: &RequestRecord, calendar: &Calendar) -> (&'static str, &'static str) {
    let key = record
        .request
        .status(calendar)
        .map_or("disclosure.state.running", |status| status.key());
    (key.trim_start_matches("disclosure.state."), key)
}

/// The pending 补正 notice, as the desk's `request_supplement` step stored it.
fn pending_supplement(record: &RequestRecord) -> Result<Option<SupplementView>, AppError> {
    record
        .supplement
        .as_ref()
        .map(|notice| serde_json::from_value(notice.clone()))
        .transpose()
        .map_err(|e| AppError::Internal(format!("supplement of {}: {e}", record.case_no)))
}

/// A reply document as the desk's `reply` step stores it (`disclosure_requests.reply`): the
/// core's [`Reply`] (its `kind` and what that kind must say), the day, the letter and the
/// attachments. Read leniently: documents written by the demo data carry the same fields.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct StoredReply {
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    right_agency: Option<String>,
    on: Option<NaiveDate>,
    text: String,
    files: Vec<StoredFile>,
}

/// A reply's attachment as stored.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct StoredFile {
    id: String,
    name: String,
    media_type: String,
    size: u64,
}

fn stored_reply(record: &RequestRecord) -> Result<Option<StoredReply>, AppError> {
    record
        .reply
        .as_ref()
        .map(|stored| {
            serde_json::from_value(stored.clone())
                .map_err(|e| AppError::Internal(format!("reply of {}: {e}", record.case_no)))
        })
        .transpose()
}

/// The reply document as the applicant and the desk see it: worded in `lang`, each file with
/// the address the holder of the query code fetches it from.
fn reply_view(record: &RequestRecord, lang: Lang) -> Result<Option<ReplyView>, AppError> {
    let Some(stored) = stored_reply(record)? else {
        return Ok(None);
    };
    let core = record
        .reply
        .as_ref()
        .and_then(|document| serde_json::from_value::<Reply>(document.clone()).ok());
    let kind_label = core.as_ref().map(|c| c.label(lang).to_owned());
    // A partial disclosure's reason is that of the part withheld.
    let reason_label = core
        .as_ref()
        .filter(|_| stored.reason.is_some())
        .and_then(|core| {
            let outcome = match core {
                Reply::PartlyDisclosed { reason, .. } => {
                    guichet_core::disclosure::annual_report::Outcome::Withheld(*reason)
                }
                other => other.outcome(),
            };
            let row = Row::Outcome(outcome);
            ROWS.iter()
                .find(|(r, _)| *r == row)
                .map(|(_, label)| (*label).to_owned())
        });
    let files = stored
        .files
        .into_iter()
        .map(|file| ReplyFile {
            url: format!("/api/cases/{}/files/{}", record.case_no, file.id),
            id: file.id,
            name: file.name,
            media_type: file.media_type,
            size: file.size,
        })
        .collect();
    Ok(Some(ReplyView {
        kind: stored.kind,
        kind_label: kind_label.unwrap_or_default(),
        on: stored.on.map(|on| on.to_string()),
        text: stored.text,
        reason: stored.reason,
        reason_label,
        basis: stored.basis,
        location: stored.location,
        right_agency: stored.right_agency,
        files,
    }))
}

fn event_who(event: &DisclosureEvent, agency: &str, lang: Lang) -> String {
    match event {
        DisclosureEvent::SupplementReceived { .. } | DisclosureEvent::Withdrawn { .. } => {
            tr(lang, "case.role.applicant").to_owned()
        }
        _ => agency.to_owned(),
    }
}

/// A disclosure request's case view as the server builds it: the answers as JSON.
pub(crate) type CitizenView = CaseView<Value, DisclosureView>;

/// What the holder of the query code sees: the case view of any case (`api::cases::lookup`),
/// with the request's own facts and reply.
pub(crate) fn citizen_view(
    record: &RequestRecord,
    agency_name: &str,
    times: &[String],
    calendar: &Calendar,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<CitizenView, AppError> {
    let today = china_today(now);
    let clock = clock_of(record, calendar, today);
    let (state, key) = state_of(record, calendar);
    let applicant = tr(lang, "case.role.applicant");
    let mut timeline = vec![TimelineEntry {
        at: local_time(&record.received_at),
        event: "received".to_owned(),
        department: None,
        label: tr_args(
            lang,
            "disclosure.event.received",
            &[("date", &record.request.receipt().date.to_string())],
        ),
        who: applicant.to_owned(),
        note: None,
    }];
    // Each event was recorded by one audited step, in order: its time is the step's.
    for (i, event) in record.request.events().iter().enumerate() {
        let at = times
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("{}T00:00:00", event.date()));
        timeline.push(TimelineEntry {
            at,
            event: event
                .key()
                .trim_start_matches("disclosure.event.")
                .to_owned(),
            department: None,
            label: tr(lang, event.key()).to_owned(),
            who: event_who(event, agency_name, lang),
            note: None,
        });
    }
    let supplement = pending_supplement(record)?;
    let type_label = tr(lang, "case.type.disclosure");
    Ok(CaseView {
        case_no: record.case_no.clone(),
        item: Named {
            code: ITEM_CODE.to_owned(),
            name: type_label.to_owned(),
        },
        case_type: Some(CaseType::Disclosure),
        case_type_label: type_label.to_owned(),
        state: state.to_owned(),
        state_label: tr(lang, key).to_owned(),
        is_final: record.request.status(calendar).is_ok_and(|s| s.is_final()),
        department: Named {
            code: record.agency_code.clone(),
            name: agency_name.to_owned(),
        },
        parts: Vec::new(),
        clock: None,
        deadline: clock.due.map(|due| due.to_string()),
        deadline_provisional: clock.provisional,
        working_days_left: clock.left,
        working_days_overdue: clock.overdue,
        supplement,
        timeline,
        submitted: Some(SubmittedView {
            form_version: record.form_version,
            answers: record.answers.clone(),
        }),
        evaluation: None,
        disclosure: Some(DisclosureView {
            counted_from: Some(record.request.receipt().date.to_string()),
            extended: clock.extended,
            reply: reply_view(record, lang)?,
        }),
        as_of: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    })
}

/// An RFC 3339 time as the center's local `YYYY-MM-DDTHH:MM:SS`.
fn local_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            local(t.with_timezone(&Utc))
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
}

/// The 办件查询 view of a disclosure request, if `case_no` is one.
pub(crate) async fn lookup_view(
    state: &AppState,
    case_no: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Option<CitizenView>, AppError> {
    let calendar_file = state.calendar.current();
    let Some(record) = disclosure_store::load(&state.db, &calendar_file.calendar, case_no).await?
    else {
        return Ok(None);
    };
    let agency = agency_name(state, &record.agency_code).await?;
    let times: Vec<String> = disclosure_store::actions(&state.db, record.case_id)
        .await?
        .into_iter()
        .map(|(at, ..)| local_time(&at))
        .collect();
    citizen_view(&record, &agency, &times, &calendar_file.calendar, lang, now).map(Some)
}

async fn agency_name(state: &AppState, code: &str) -> Result<String, AppError> {
    Ok(disclosure_store::agency(&state.db, code)
        .await?
        .map_or_else(|| code.to_owned(), |a| a.name))
}

// ------------------------------------------------------------------ the applicant's 补正

/// A 补正 of a disclosure request (`POST /api/cases/{no}/supplement`, after the query code was
/// checked): the answers replace the request's, and the clock counts afresh from the day the
/// supplement counts as received (Art. 30, 31).
pub(crate) async fn receive_supplement(
    state: &AppState,
    case_no: &str,
    client_id: &str,
    answers: &Value,
    content_hash: &str,
    now: DateTime<Utc>,
) -> Result<Response, AppError> {
    if !is_client_id(client_id) {
        return Err(invalid("client_id", "submission.client_id.invalid"));
    }
    let calendar_file = state.calendar.current();
    let calendar = &calendar_file.calendar;
    let record = disclosure_store::load(&state.db, calendar, case_no)
        .await?
        .ok_or(AppError::CaseNotFound)?;
    let Some(object) = answers.as_object() else {
        return Err(invalid("answers", "form.type"));
    };
    let hash = submission_hash(ITEM_CODE, record.form_version, answers);
    if !hash.eq_ignore_ascii_case(content_hash.trim()) {
        return Err(invalid("content_hash", "submission.hash_mismatch"));
    }
    if let Some((stored, response)) = cases_store::find_supplement(&state.db, client_id).await? {
        return if stored.eq_ignore_ascii_case(&hash) {
            Ok(replayed_json(response))
        } else {
            Err(invalid("client_id", "submission.client_id.reused"))
        };
    }
    let definition = services_store::form(&state.db, ITEM_CODE, record.form_version)
        .await?
        .ok_or_else(|| AppError::Internal(format!("form of {case_no} missing")))?;
    let normalised = checked_answers(state, &definition, object, now).await?;
    let on = Receipt::online_at(calendar, local(now))
        .map_err(calendar_error)?
        .date;
    let response = serde_json::to_value(SupplementReceipt {
        case_no: case_no.to_owned(),
        status: "running".to_owned(),
        received_at: crate::db::time_text(now),
        counted_from: Some(on.to_string()),
    })
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let step = Step {
        event: DisclosureEvent::SupplementReceived { on },
        action: "receive_supplement",
        detail: json!({"client_id": client_id, "counted_from": on}),
        supplement: Some(None),
        reply: None,
        answers: Some((record.form_version, Value::Object(normalised))),
        supplement_row: Some((client_id.to_owned(), hash, response.clone())),
    };
    disclosure_store::apply(&state.db, calendar, case_no, None, now, |_| Ok(()), step)
        .await
        .map_err(|e| match e {
            StoreError::Rule(rule) => rule_error("answers", &rule),
            other => other.into(),
        })?;
    Ok((StatusCode::CREATED, Json(response)).into_response())
}

/// Header carrying the query code for a reply file (a GET has no body).
const QUERY_CODE_HEADER: &str = "x-query-code";

/// `GET /api/cases/{case_no}/files/{id}`: a file of the case, for the holder of the query
/// code (the same rate limits as a lookup): one of the person's own (the answers, 补正
/// materials) or a disclosure reply's attachment. Any other id is `404`.
async fn citizen_file(
    State(state): State<AppState>,
    Path((case_no, id)): Path<(String, String)>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let code = headers
        .get(QUERY_CODE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let now = state.clock.now();
    let case = crate::api::cases::open_case(&state, &ip, &case_no, code, now).await?;
    let own = super::files::case_file_refs(&state, &case).await?;
    if let Some(file) = own.get(&id) {
        // Personal data: kept by the browser only for this reading.
        return super::files::send_stored(&state, &headers, &id, &file.name, "private, no-store")
            .await;
    }
    let calendar_file = state.calendar.current();
    let record = disclosure_store::load(&state.db, &calendar_file.calendar, &case_no)
        .await?
        .ok_or(AppError::NotFound)?;
    file_of_reply(&state, &headers, &record, &id).await
}

/// A file named in the request's reply, with its stored name.
async fn file_of_reply(
    state: &AppState,
    headers: &HeaderMap,
    record: &RequestRecord,
    id: &str,
) -> Result<Response, AppError> {
    let reply = stored_reply(record)?.ok_or(AppError::NotFound)?;
    let named = reply
        .files
        .iter()
        .find(|f| f.id == id)
        .ok_or(AppError::NotFound)?;
    let name = if named.name.is_empty() {
        "file"
    } else {
        &named.name
    };
    super::files::send_stored(state, headers, id, name, PRIVATE_IMMUTABLE).await
}

/// How a request's files are cached: content-addressed, so the bytes of an id never change;
/// private to the requester.
const PRIVATE_IMMUTABLE: &str = "private, max-age=31536000, immutable";

// ------------------------------------------------------------------ the desk

fn require_disclosure_staff(staff: &Staff) -> Result<(), AppError> {
    if staff.is_admin() || matches!(staff.role, crate::staff_store::StaffRole::Disclosure { .. }) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The agency whose requests `staff` handles (`None`: an administrator sees all).
fn own_agency(staff: &Staff) -> Option<&str> {
    match &staff.role {
        crate::staff_store::StaffRole::Disclosure { agency_code } => Some(agency_code),
        _ => None,
    }
}

/// Query of the queue.
#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    /// Only open requests (default true).
    pub open: Option<bool>,
}

fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(EXCERPT_CHARS).collect();
    if text.chars().count() > EXCERPT_CHARS {
        out.push('…');
    }
    out
}

/// A request's row in the desk's queue, and the start of its detail.
fn request_row(
    record: &RequestRecord,
    names: &BTreeMap<String, String>,
    calendar: &Calendar,
    today: NaiveDate,
    lang: Lang,
) -> RequestRow {
    let (state, key) = state_of(record, calendar);
    let clock = clock_of(record, calendar, today);
    RequestRow {
        case_no: record.case_no.clone(),
        agency: Named {
            code: record.agency_code.clone(),
            name: names.get(&record.agency_code).cloned().unwrap_or_default(),
        },
        applicant: record.applicant.clone(),
        description: excerpt(&record.description),
        counted_from: record.request.receipt().date.to_string(),
        received_at: record.received_at.clone(),
        state: state.to_owned(),
        state_label: tr(lang, key).to_owned(),
        due: clock.due.map(|due| due.to_string()),
        working_days_used: clock.used,
        working_days_left: clock.left,
        working_days_overdue: clock.overdue,
        provisional: clock.provisional,
        extended: clock.extended,
    }
}

async fn agency_names(state: &AppState) -> Result<BTreeMap<String, String>, AppError> {
    Ok(disclosure_store::agencies(&state.db)
        .await?
        .into_iter()
        .map(|a| (a.code, a.name))
        .collect())
}

/// `GET /api/staff/disclosure/requests?open=`.
async fn queue(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Query(query): Query<QueueQuery>,
) -> Result<Response, AppError> {
    require_disclosure_staff(&session.staff)?;
    let lang = lang_from_headers(&headers);
    let calendar_file = state.calendar.current();
    let calendar = &calendar_file.calendar;
    let today = china_today(state.clock.now());
    let names = agency_names(&state).await?;
    let records = disclosure_store::list(
        &state.db,
        calendar,
        own_agency(&session.staff),
        query.open.unwrap_or(true),
    )
    .await?;
    let requests: Vec<RequestRow> = records
        .iter()
        .map(|r| request_row(r, &names, calendar, today, lang))
        .collect();
    Ok(Json(RequestQueue {
        total: requests.len(),
        requests,
    })
    .into_response())
}

/// The steps the rules allow on `today` (each tried on a copy; a 补正 is offered while the state
/// allows one, so that a late one gets its reason rather than a missing button).
/// The day a step taken today is recorded on: today, or the request's last date when that is
/// later. A request that arrived after 17:30 counts from the next working day (Art. 31), and
/// the agency may still act on it that evening: its steps cannot precede the request's own day.
fn step_day(record: &RequestRecord, today: NaiveDate) -> NaiveDate {
    let last = record
        .request
        .events()
        .last()
        .map_or(record.request.receipt().date, DisclosureEvent::date);
    today.max(last)
}

fn allowed(record: &RequestRecord, calendar: &Calendar, today: NaiveDate) -> Vec<&'static str> {
    let last = record
        .request
        .events()
        .last()
        .map_or(record.request.receipt().date, DisclosureEvent::date);
    let on = step_day(record, today);
    let tries: [(&'static str, DisclosureEvent); 5] = [
        (
            "request_supplement",
            DisclosureEvent::SupplementRequested { on: last },
        ),
        (
            "extend",
            DisclosureEvent::Extended {
                on,
                working_days: 1,
            },
        ),
        ("consult_start", DisclosureEvent::ConsultationStarted { on }),
        ("consult_end", DisclosureEvent::ConsultationEnded { on }),
        (
            "reply",
            DisclosureEvent::Answered {
                on,
                reply: Reply::Disclosed,
            },
        ),
    ];
    let mut allowed: Vec<&'static str> = tries
        .into_iter()
        .filter(|(_, event)| {
            let mut copy = record.request.clone();
            match copy.record(calendar, event.clone()) {
                Ok(_) => true,
                // A 补正 refused only for lateness is still offered: the refusal explains.
                Err(DisclosureError::SupplementNoticeTooLate { .. }) => true,
                Err(_) => false,
            }
        })
        .map(|(name, _)| name)
        .collect();
    if matches!(
        record.request.status(calendar),
        Ok(DisclosureStatus::AwaitingSupplement { .. })
    ) {
        allowed.push("deem_withdrawn");
    }
    allowed
}

async fn detail_view(
    state: &AppState,
    record: &RequestRecord,
    lang: Lang,
) -> Result<RequestDetail, AppError> {
    let calendar_file = state.calendar.current();
    let calendar = &calendar_file.calendar;
    let today = china_today(state.clock.now());
    let names = agency_names(state).await?;
    let row = request_row(record, &names, calendar, today, lang);
    let definition = services_store::form(&state.db, ITEM_CODE, record.form_version).await?;
    let fields: Vec<AnswerField> = definition
        .iter()
        .flat_map(|d| d.fields())
        .filter_map(|field| {
            let value = record.answers.get(&field.id)?;
            let shown = match (&field.kind, value) {
                (guichet_core::form::FieldKind::Choice { options, .. }, Value::String(v)) => {
                    options
                        .iter()
                        .find(|o| &o.value == v)
                        .map_or_else(|| v.clone(), |o| o.label.resolve(lang))
                }
                (_, Value::String(v)) => v.clone(),
                (_, other) => other.to_string(),
            };
            Some(AnswerField {
                id: field.id.clone(),
                label: field.label.resolve(lang),
                value: shown,
            })
        })
        .collect();
    let actions: Vec<ActionEntry> = disclosure_store::actions(&state.db, record.case_id)
        .await?
        .into_iter()
        .map(|(at, action, staff, detail)| {
            let key = format!("disclosure.action.{action}");
            let label = guichet_core::i18n::lookup(lang, &key)
                .map_or_else(|| action.clone(), str::to_owned);
            // No staff member: the applicant's own steps, or the system's (demo data, imports).
            let who = staff.unwrap_or_else(|| {
                let role = match action.as_str() {
                    "receive_supplement" | "withdraw" => "case.role.applicant",
                    _ => "case.role.system",
                };
                tr(lang, role).to_owned()
            });
            let summary = action_summary(&action, &detail, lang);
            ActionEntry {
                at,
                action,
                label,
                staff: who,
                summary,
                detail,
            }
        })
        .collect();
    let supplement = pending_supplement(record)?;
    Ok(RequestDetail {
        row,
        answers: record.answers.clone(),
        fields,
        supplement_deadline: record
            .request
            .supplement_notice_deadline(calendar)
            .ok()
            .map(|day| day.to_string()),
        supplement,
        reply: reply_view(record, lang)?,
        allowed: allowed(record, calendar, today)
            .into_iter()
            .map(str::to_owned)
            .collect(),
        actions,
    })
}

/// An audit entry's details in plain words (what was missing, how long, who was consulted…).
fn action_summary(action: &str, detail: &Value, lang: Lang) -> String {
    let text = |key: &str| detail[key].as_str().unwrap_or_default().to_owned();
    let joined = |key: &str| {
        detail[key]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("；")
            })
            .unwrap_or_default()
    };
    let parts: Vec<String> = match action {
        "request_supplement" => vec![joined("missing"), text("note"), text("reply_by")],
        "extend" => vec![detail["working_days"].to_string(), text("reason")],
        "consult_start" => vec![text("third_party"), text("note")],
        "consult_end" | "withdraw" => vec![text("note")],
        "reply" => {
            let kind = serde_json::from_value::<guichet_core::disclosure::ReplyKind>(
                detail["kind"].clone(),
            )
            .map(|k| k.label(lang).to_owned())
            .unwrap_or_default();
            vec![kind, detail["files"].to_string()]
        }
        "receive_supplement" => vec![text("counted_from")],
        _ => Vec::new(),
    };
    let keys: &[&'static str] = match action {
        "request_supplement" => &[
            "disclosure.summary.missing",
            "disclosure.summary.note",
            "disclosure.summary.reply_by",
        ],
        "extend" => &[
            "disclosure.summary.working_days",
            "disclosure.summary.reason",
        ],
        "consult_start" => &["disclosure.summary.third_party", "disclosure.summary.note"],
        "consult_end" | "withdraw" => &["disclosure.summary.note"],
        "reply" => &["disclosure.summary.kind", "disclosure.summary.files"],
        "receive_supplement" => &["disclosure.summary.counted_from"],
        _ => &[],
    };
    keys.iter()
        .zip(parts)
        .filter(|(_, value)| !value.is_empty() && value != "null")
        .map(|(key, value)| tr_args(lang, key, &[("value", &value)]))
        .collect::<Vec<_>>()
        .join("；")
}

/// A request the session may see, or 404.
async fn visible_request(
    state: &AppState,
    staff: &Staff,
    case_no: &str,
) -> Result<RequestRecord, AppError> {
    require_disclosure_staff(staff)?;
    let calendar_file = state.calendar.current();
    let record = disclosure_store::load(&state.db, &calendar_file.calendar, case_no)
        .await?
        .ok_or(AppError::NotFound)?;
    if !staff.covers_agency(&record.agency_code) {
        return Err(AppError::NotFound);
    }
    Ok(record)
}

/// `GET /api/staff/disclosure/requests/{case_no}`.
async fn detail(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Path(case_no): Path<String>,
) -> Result<Response, AppError> {
    let record = visible_request(&state, &session.staff, &case_no).await?;
    let view = detail_view(&state, &record, lang_from_headers(&headers)).await?;
    Ok(Json(view).into_response())
}

/// Body of a step.
#[derive(Debug, Deserialize)]
pub struct ActionBody {
    /// `request_supplement`, `extend`, `consult_start`, `consult_end`, `reply`,
    /// `deem_withdrawn`.
    pub action: String,
    /// 补正: what is missing, one item per entry.
    #[serde(default)]
    pub missing: Vec<String>,
    /// A note (补正, consultation).
    #[serde(default)]
    pub note: String,
    /// 补正: the last day to supplement (default: 15 working days).
    #[serde(default)]
    pub reply_by: Option<String>,
    /// 延期: working days.
    #[serde(default)]
    pub working_days: Option<u32>,
    /// 延期: why.
    #[serde(default)]
    pub reason: Option<String>,
    /// 征求第三方意见: who.
    #[serde(default)]
    pub third_party: Option<String>,
    /// 答复: the Article 36 kind.
    #[serde(default)]
    pub kind: Option<String>,
    /// 答复: the legal basis (部分公开, 不予公开).
    #[serde(default)]
    pub basis: Option<String>,
    /// 答复: where it is published (已主动公开).
    #[serde(default)]
    pub location: Option<String>,
    /// 答复: the agency that holds it (非本机关掌握).
    #[serde(default)]
    pub right_agency: Option<String>,
    /// 答复: the letter's text.
    #[serde(default)]
    pub text: Option<String>,
    /// 答复: uploaded files' ids.
    #[serde(default)]
    pub files: Vec<String>,
}

fn required(field: &str) -> AppError {
    invalid(field, "form.required")
}

fn trimmed(value: Option<&String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Every free text of a step within its limit (`guichet_core::staff_text`).
fn check_step_text(body: &ActionBody) -> Result<(), AppError> {
    TextLimits::new()
        .check_each("missing", &body.missing, NAME_MAX_CHARS)
        .check("note", &body.note, OPINION_MAX_CHARS)
        .check_opt("reason", body.reason.as_deref(), OPINION_MAX_CHARS)
        .check_opt("third_party", body.third_party.as_deref(), NAME_MAX_CHARS)
        .check_opt("basis", body.basis.as_deref(), OPINION_MAX_CHARS)
        .check_opt("location", body.location.as_deref(), NAME_MAX_CHARS)
        .check_opt("right_agency", body.right_agency.as_deref(), NAME_MAX_CHARS)
        .check_opt("text", body.text.as_deref(), LETTER_MAX_CHARS)
        .done()
}

/// The step a body asks for, checked for what the core does not see (required texts, files).
async fn step_of(
    state: &AppState,
    body: &ActionBody,
    calendar: &Calendar,
    today: NaiveDate,
) -> Result<Step, AppError> {
    check_step_text(body)?;
    let note = body.note.trim().to_owned();
    Ok(match body.action.as_str() {
        "request_supplement" => {
            let missing: Vec<String> = body
                .missing
                .iter()
                .map(|m| m.trim().to_owned())
                .filter(|m| !m.is_empty())
                .collect();
            if missing.is_empty() {
                return Err(invalid("missing", "case.supplement.missing_required"));
            }
            let reply_by = match trimmed(body.reply_by.as_ref()) {
                Some(text) => {
                    let date: NaiveDate = text
                        .parse()
                        .map_err(|_| invalid("reply_by", "form.date.invalid"))?;
                    if date <= today {
                        return Err(invalid("reply_by", "disclosure.reply_by_past"));
                    }
                    date
                }
                None => calendar
                    .add_working_days(today, SUPPLEMENT_REPLY_WORKING_DAYS)
                    .map_err(calendar_error)?,
            };
            // What the requester's case view shows (`CaseView::supplement`).
            let notice = serde_json::to_value(SupplementView {
                missing,
                note,
                reply_by: Some(reply_by.to_string()),
            })
            .map_err(|e| AppError::Internal(e.to_string()))?;
            let mut step = Step::new(
                DisclosureEvent::SupplementRequested { on: today },
                "request_supplement",
                notice.clone(),
            );
            step.supplement = Some(Some(notice));
            step
        }
        "extend" => {
            let working_days = body.working_days.ok_or_else(|| required("working_days"))?;
            let reason = trimmed(body.reason.as_ref()).ok_or_else(|| required("reason"))?;
            Step::new(
                DisclosureEvent::Extended {
                    on: today,
                    working_days,
                },
                "extend",
                json!({"working_days": working_days, "reason": reason}),
            )
        }
        "consult_start" => {
            let third_party =
                trimmed(body.third_party.as_ref()).ok_or_else(|| required("third_party"))?;
            Step::new(
                DisclosureEvent::ConsultationStarted { on: today },
                "consult_start",
                json!({"third_party": third_party, "note": note}),
            )
        }
        "consult_end" => Step::new(
            DisclosureEvent::ConsultationEnded { on: today },
            "consult_end",
            json!({"note": note}),
        ),
        "deem_withdrawn" => {
            let mut step = Step::new(
                DisclosureEvent::SupplementNotProvided { on: today },
                "deem_withdrawn",
                json!({}),
            );
            step.supplement = Some(None);
            step
        }
        "reply" => reply_step(state, body, today).await?,
        _ => return Err(invalid("action", "disclosure.action_unknown")),
    })
}

async fn reply_step(
    state: &AppState,
    body: &ActionBody,
    today: NaiveDate,
) -> Result<Step, AppError> {
    let kind = trimmed(body.kind.as_ref()).ok_or_else(|| required("kind"))?;
    let text = trimmed(body.text.as_ref()).ok_or_else(|| required("text"))?;
    let mut document = StoredReply {
        kind: kind.clone(),
        on: Some(today),
        text,
        ..StoredReply::default()
    };
    match kind.as_str() {
        "partly_disclosed" | "withheld" => {
            document.basis = Some(trimmed(body.basis.as_ref()).ok_or_else(|| required("basis"))?);
            document.reason = Some(body.reason.clone().unwrap_or_default());
        }
        "cannot_provide" | "not_handled" => {
            document.reason = Some(body.reason.clone().unwrap_or_default());
        }
        "already_public" => {
            document.location =
                Some(trimmed(body.location.as_ref()).ok_or_else(|| required("location"))?);
        }
        "not_held" => document.right_agency = trimmed(body.right_agency.as_ref()),
        _ => {}
    }
    for id in &body.files {
        let upload = submissions_store::find_upload(&state.db, id)
            .await?
            .ok_or_else(|| invalid("files", "submission.upload_missing"))?;
        let name: Option<String> =
            sqlx::query_scalar("SELECT name FROM disclosure_files WHERE id = $1")
                .bind(id)
                .fetch_optional(&state.db)
                .await?;
        document.files.push(StoredFile {
            id: id.clone(),
            name: name.unwrap_or_else(|| id[..8.min(id.len())].to_owned()),
            media_type: upload.media_type.mime().to_owned(),
            size: upload.size,
        });
    }
    let stored = serde_json::to_value(&document).map_err(|e| AppError::Internal(e.to_string()))?;
    // The core's rules decide whether the kind says what it must (`on`, `text`, `files` are
    // not the core's and are ignored by it).
    let reply: Reply = serde_json::from_value(stored.clone()).map_err(|_| {
        if [
            "disclosed",
            "partly_disclosed",
            "withheld",
            "cannot_provide",
            "not_handled",
            "already_public",
            "not_held",
        ]
        .contains(&kind.as_str())
        {
            invalid("reason", "disclosure.reason_required")
        } else {
            invalid("kind", "disclosure.kind_unknown")
        }
    })?;
    Ok(Step {
        event: DisclosureEvent::Answered { on: today, reply },
        action: "reply",
        detail: json!({"kind": kind, "files": document.files.len()}),
        supplement: Some(None),
        reply: Some(stored),
        answers: None,
        supplement_row: None,
    })
}

/// `POST /api/staff/disclosure/requests/{case_no}/actions`.
async fn act(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Path(case_no): Path<String>,
    Json(body): Json<ActionBody>,
) -> Result<Response, AppError> {
    let record = visible_request(&state, &session.staff, &case_no).await?;
    let now = state.clock.now();
    let today = china_today(now);
    let calendar_file = state.calendar.current();
    let calendar = &calendar_file.calendar;
    let step = step_of(&state, &body, calendar, step_day(&record, today)).await?;
    let deem = body.action == "deem_withdrawn";
    let field = match body.action.as_str() {
        "extend" => "working_days",
        "request_supplement" => "missing",
        _ => "action",
    };
    let updated = disclosure_store::apply(
        &state.db,
        calendar,
        &record.case_no,
        Some((session.staff.id, session.staff.department())),
        now,
        |stored| {
            if deem {
                let reply_by = stored
                    .supplement
                    .as_ref()
                    .and_then(|s| serde_json::from_value::<SupplementView>(s.clone()).ok())
                    .and_then(|s| s.reply_by?.parse().ok())
                    .unwrap_or(today);
                DisclosureRequest::check_deemed_withdrawal(reply_by, today)?;
            }
            Ok(())
        },
        step,
    )
    .await
    .map_err(|e| match e {
        StoreError::Rule(rule) => rule_error(field, &rule),
        other => other.into(),
    })?;
    let view = detail_view(&state, &updated, lang_from_headers(&headers)).await?;
    Ok(Json(view).into_response())
}

/// Query of the file upload.
#[derive(Debug, Deserialize)]
pub struct FileQuery {
    /// The file's name as the person chose it.
    pub name: String,
}

/// `POST /api/staff/disclosure/files?name=`: a reply attachment (PDF, JPEG or PNG).
async fn upload_file(
    State(state): State<AppState>,
    session: StaffSession,
    Query(query): Query<FileQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    require_disclosure_staff(&session.staff)?;
    super::files::store_named_upload(&state, &query.name, &headers, body, "disclosure_files").await
}

/// `GET /api/staff/disclosure/files/{id}`: a file the desk uploaded.
async fn staff_file(
    State(state): State<AppState>,
    session: StaffSession,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    require_disclosure_staff(&session.staff)?;
    let name: Option<String> =
        sqlx::query_scalar("SELECT name FROM disclosure_files WHERE id = $1")
            .bind(&id)
            .fetch_optional(&state.db)
            .await?;
    let name = name.ok_or(AppError::NotFound)?;
    super::files::send_stored(&state, &headers, &id, &name, PRIVATE_IMMUTABLE).await
}

/// Query of the desk's annual table.
#[derive(Debug, Default, Deserialize)]
pub struct AnnualQuery {
    /// The agency (administrators: absent or empty for every agency together; an officer always
    /// gets their own).
    pub agency: Option<String>,
}

/// `GET /api/staff/disclosure/annual/{year}[.csv]`.
async fn staff_annual(
    State(state): State<AppState>,
    session: StaffSession,
    Path(year): Path<String>,
    Query(query): Query<AnnualQuery>,
) -> Result<Response, AppError> {
    require_disclosure_staff(&session.staff)?;
    let (year, csv) = parse_year(&year).ok_or(AppError::NotFound)?;
    // An administrator who names no agency gets every agency's requests in one table (「全部机关」,
    // the desk's first view); an officer always gets their own agency's.
    let code = match own_agency(&session.staff) {
        Some(own) => Some(own.to_owned()),
        None => query.agency.filter(|code| !code.is_empty()),
    };
    let agency = match code {
        Some(code) => Some(
            disclosure_store::agency(&state.db, &code)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    annual_response(&state, agency.as_ref(), year, csv).await
}

/// Overdue open requests of the agencies `staff` covers, for 电子监察: agency code, name and
/// the item.
pub(crate) async fn overdue_items(
    state: &AppState,
    staff: &Staff,
    today: NaiveDate,
) -> Result<Vec<(String, String, OverdueItem)>, AppError> {
    if !staff.is_admin() && own_agency(staff).is_none() {
        return Ok(Vec::new());
    }
    let calendar_file = state.calendar.current();
    let calendar = &calendar_file.calendar;
    let names = agency_names(state).await?;
    let mut items = Vec::new();
    for record in disclosure_store::list(&state.db, calendar, own_agency(staff), true).await? {
        let Some(progress) = record.request.progress(calendar, today).ok().flatten() else {
            continue;
        };
        if progress.left >= 0 {
            continue;
        }
        let name = names.get(&record.agency_code).cloned().unwrap_or_default();
        items.push((
            record.agency_code.clone(),
            name,
            OverdueItem {
                kind: "disclosure".into(),
                case_no: record.case_no.clone(),
                item: Named {
                    code: ITEM_CODE.into(),
                    name: tr(Lang::Zh, "case.type.disclosure").into(),
                },
                state: OverdueState::Case("running".into()),
                due: progress.due.to_string(),
                working_days_overdue: -progress.left,
                provisional: record.request.is_provisional(calendar).unwrap_or(false),
            },
        ));
    }
    Ok(items)
}
