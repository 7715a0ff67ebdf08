//! The staff desk's API: login, sessions with CSRF protection, the queue, case detail and
//! actions, joint-review parts, 电子监察 (overdue list) and follow-ups of bad ratings.
//!
//! # Sessions and CSRF
//! `POST /api/staff/login {"username", "password"}` → `200 {"staff": {…}, "csrf_token"}` and
//! the cookie `__Host-guichet_staff` (256-bit random token, stored hashed; `HttpOnly;
//! SameSite=Strict; Path=/; Secure`: the `__Host-` prefix makes browsers refuse it unless it is
//! `Secure`, host-only and for `/`, so no sibling subdomain can plant or shadow it). Browsers
//! accept `Secure` cookies from `http://localhost` and `http://127.0.0.1`, so local demos work;
//! a plain-HTTP demo on another address needs `--insecure-cookie` (cookie `guichet_staff`,
//! `Secure` only when a trusted proxy says the request came over https). Wrong user, wrong
//! password and locked account all get the same `401 login_failed`; 5 consecutive failures lock
//! the account 15 minutes (every attempt is counted before its password is checked, so a burst
//! cannot slip past the lock); 20 failures from one IP (an IPv6 client's /64) in 15 minutes →
//! `429`. Password checks run a few at a time (one per core); when all are busy for 2 s →
//! `503 busy` with `Retry-After`. `GET /api/staff/me` → the same body (to recover the CSRF token after
//! a reload); `POST /api/staff/logout` → `204`.
//!
//! Every staff route needs the session (`401 unauthorized` otherwise). Every state-changing one
//! (POST) also needs `X-CSRF-Token` equal to the session's token, and, when the browser sends
//! them, `Origin` equal to the request's host and `Sec-Fetch-Site: same-origin` → `403 csrf`
//! otherwise. SameSite=Strict already keeps the cookie off cross-site requests; the token is the
//! second lock for browsers or proxies that get SameSite wrong.
//!
//! # Desk
//! - `GET /api/staff/queue?q=&state=&item=&department=&marker=&sort=&closed=&due_before=&page=&per_page=`
//!   → `{"items": [{"case_no", "item": {"code", "name"}, "department", "department_name",
//!   "applicant" (masked, 张*三), "state", "state_label", "received_at", "due",
//!   "working_days_left", "marker" ("overdue" | "due_soon" | null), "clock", "parts"}], "page",
//!   "per_page", "total"}`. One database query (`queue_store`): `q` is a case number or its
//!   beginning, an applicant's name or its beginning, or the last four characters of the
//!   applicant's ID number; `sort` is `due_asc` (default; a case without a running clock by
//!   the day it arrived), `due_desc`, `received_desc` or `received_asc`; `marker` narrows to `overdue`
//!   or `due_soon` (at most 2 working days left). Open cases only, unless `closed=true`, a `q`
//!   or a `state` is given. A department account sees its own cases and the joint cases it has
//!   a part in; `department=` naming another department → `403`.
//! - `GET /api/staff/cases/{case_no}` → everything: the summary above, `sections` (the answers
//!   as the submitted form version's sections and labelled fields, hidden ones left out,
//!   choices by label, files with their `url`), `materials` (the item's checklist: received /
//!   missing / at the window), `timeline` (every action in words with the actor's name and
//!   time), the raw `answers`, `attachments`, core `history`, audit `actions`, parts, clock,
//!   supplement. Not visible → `404`.
//! - `GET /api/staff/cases/{case_no}/files/{upload_id}` → a file of the case (its stored type,
//!   `nosniff`, `Content-Disposition` inline for images and PDF, attachment otherwise, with the
//!   original name per RFC 6266/5987). Not visible, or not a file of this case → `404`.
//! - `POST /api/staff/cases/{case_no}/actions {"action": "pass_prereview" | "request_supplement"
//!   (+ "missing": [..], "note") | "refuse" (+ "reason") | "accept" | "start" | "conclude"
//!   (+ "decision": "approve"|"deny", "result") | "return" (+ "reason"), "expected_state"}` →
//!   the updated detail; an illegal move or a stale `expected_state` → `409 conflict` with
//!   `current_state`; a joint partner acting on the whole case → `403`.
//! - `POST /api/staff/cases/{case_no}/parts/{department}/decision {"decision", "note"}` → a
//!   department's part of a 联办件; another department's part → `403`.
//! - `POST /api/staff/cases/{case_no}/parts/{department}/absence` → the lead department records
//!   a department absent from the joint meeting (缺席默认: consent where the item says so).
//! - `GET /api/staff/overdue` → `{"as_of", "departments": [{"department": {"code", "name"},
//!   "items": [{"kind": "case"|"part", "case_no", "item", "due", "working_days_overdue"}]}]}`.
//! - `GET /api/staff/followups`, `POST /api/staff/followups/{id}/reply {"reply"}`.

use guichet_core::wire::cases::Named;
use guichet_core::wire::desk::{
    Attachment, AuditAction, CaseDetail, DeskPart, Followup, Followups, Overdue, OverdueDepartment,
    OverdueItem, OverdueState, Queue, QueueFilters, QueueRow,
};
use guichet_core::wire::staff::{StaffAccount, StaffSession as WireSession};
use std::collections::BTreeMap;

use axum::Router;
use axum::extract::{Extension, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use guichet_core::case::ClockStatus;
use guichet_core::form::FileRef;
use guichet_core::staff_text::{NAME_MAX_CHARS, OPINION_MAX_CHARS};
use serde::Deserialize;
use serde_json::Value;

use crate::AppState;
use crate::api::text_limits::TextLimits;
use crate::cases_store::{self, CaseRecord, DecisionInput, StaffAction};
use crate::client_addr::{ClientIp, ForwardedHttps};
use crate::error::{AppError, Json, Lang, lang_from_headers};
use crate::feedback_store;
use crate::rate_limit;
use crate::staff_store::{self, LoginOutcome, Staff};
use crate::submissions_store::{self, china_today};
use crate::{desk_view, queue_store, services_store};

/// The session cookie's name without `--insecure-cookie`.
pub const COOKIE: &str = "__Host-guichet_staff";
/// The session cookie's name with `--insecure-cookie` (the `__Host-` prefix demands `Secure`).
pub const INSECURE_COOKIE: &str = "guichet_staff";

/// The session cookie's name on a server whose cookies are `Secure` or not.
pub fn cookie_name(secure_cookies: bool) -> &'static str {
    if secure_cookies {
        COOKIE
    } else {
        INSECURE_COOKIE
    }
}

/// Queue page size.
pub const PER_PAGE: usize = 50;

/// The routes of this module, relative to `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/login", post(login))
        .route("/staff/logout", post(logout))
        .route("/staff/me", get(me))
        .route("/staff/queue", get(queue))
        .route("/staff/cases/{case_no}", get(detail))
        .route("/staff/cases/{case_no}/files/{upload_id}", get(case_file))
        .route("/staff/cases/{case_no}/actions", post(action))
        .route(
            "/staff/cases/{case_no}/parts/{department}/decision",
            post(part_decision),
        )
        .route(
            "/staff/cases/{case_no}/parts/{department}/absence",
            post(part_absence),
        )
        .route("/staff/overdue", get(overdue))
        .route("/staff/followups", get(followups))
        .route("/staff/followups/{id}/reply", post(reply))
}

/// The session token from the cookie named `name` (only that one: a server with `__Host-`
/// cookies must not take a plain cookie a subdomain could have set).
fn cookie_token(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, _)| *cookie == name)
        .map(|(_, value)| value.to_owned())
}

/// Whether a browser says the request is cross-site: `Sec-Fetch-Site` other than
/// same-origin/none, or an `Origin` whose host is not the request's `Host`.
fn cross_site(headers: &HeaderMap) -> bool {
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if fetch_site.is_some_and(|site| site != "same-origin" && site != "none") {
        return true;
    }
    let origin = headers
        .get(header::ORIGIN)
        .map(|v| v.to_str().unwrap_or("?"));
    let Some(origin) = origin else { return false };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'));
    match (origin_host, host) {
        (Some(origin_host), Some(host)) => !origin_host.eq_ignore_ascii_case(host),
        // `Origin: null` (sandboxed frame, privacy redirect) or no Host: refuse.
        _ => true,
    }
}

/// Compares without an early exit, so timing does not reveal a token's prefix.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A logged-in staff member. Extracting it checks the session and, for state-changing
/// methods, the CSRF token and origin (see the module docs).
#[derive(Debug, Clone)]
pub struct StaffSession {
    /// Who.
    pub staff: Staff,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// The cookie's token (for logout).
    token: String,
}

impl FromRequestParts<AppState> for StaffSession {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = cookie_token(&parts.headers, cookie_name(state.secure_cookies))
            .ok_or(AppError::Unauthorized)?;
        let (staff, csrf_token) = staff_store::session(&state.db, &token, state.clock.now())
            .await?
            .ok_or(AppError::Unauthorized)?;
        // Whoever is refused below, the security log names them.
        if let Some(slot) = parts.extensions.get::<crate::security_log::StaffIdSlot>() {
            slot.set(staff.id);
        }
        // A password an administrator set opens only the way to change it.
        // (Nested under `/api`, the path seen here has lost that prefix.)
        let open_before_change = matches!(
            parts.uri.path().trim_start_matches("/api"),
            "/staff/me" | "/staff/logout" | "/staff/password"
        );
        if staff.must_change_password && !open_before_change {
            return Err(AppError::PasswordChangeRequired);
        }
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let sent = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if cross_site(&parts.headers) || !same_token(sent, &csrf_token) {
                return Err(AppError::Csrf);
            }
        }
        Ok(StaffSession {
            staff,
            csrf_token,
            token,
        })
    }
}

/// Whether a trusted proxy received the request over https (the extension is set by the
/// security-headers layer; absent, no).
fn over_https(extension: Option<Extension<ForwardedHttps>>) -> bool {
    extension.is_some_and(|Extension(ForwardedHttps(https))| https)
}

/// The `Set-Cookie` value of the session cookie: `value`, or a clearing one. `Secure` (and the
/// `__Host-` name) unless the server runs with `--insecure-cookie`; even then `Secure` when a
/// trusted proxy says the request came over https.
fn session_cookie(
    state: &AppState,
    forwarded_https: bool,
    value: &str,
    clear: bool,
) -> HeaderValue {
    let name = cookie_name(state.secure_cookies);
    let mut cookie = format!("{name}={value}; HttpOnly; SameSite=Strict; Path=/");
    if clear {
        cookie.push_str("; Max-Age=0");
    }
    if state.secure_cookies || forwarded_https {
        cookie.push_str("; Secure");
    }
    // Token characters are base64url: always a valid header value.
    HeaderValue::from_str(&cookie).unwrap_or(HeaderValue::from_static("guichet_staff=; Max-Age=0"))
}

/// Body of `POST /api/staff/login`.
#[derive(Debug, Deserialize)]
pub struct LoginRequest {
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// `POST /api/staff/login`.
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    https: Option<Extension<ForwardedHttps>>,
    Json(request): Json<LoginRequest>,
) -> Result<Response, AppError> {
    // Login CSRF: a cross-site form must not log the desk into an attacker's account.
    if cross_site(&headers) {
        return Err(AppError::Csrf);
    }
    let now = state.clock.now();
    // Reserved before anything else, so that a burst from one address is counted as it comes.
    let reservation = rate_limit::reserve(&state.db, rate_limit::LOGIN_PER_IP, &ip, now).await?;
    let slot = match state.password_gate.enter().await {
        Ok(slot) => slot,
        Err(busy) => {
            // Not an attempt: the password was never checked.
            rate_limit::release(&state.db, reservation).await?;
            return Err(busy);
        }
    };
    let outcome = staff_store::login(&state.db, &request.username, &request.password, now).await?;
    drop(slot);
    let LoginOutcome::Success(staff) = outcome else {
        // The reservation stays: it is the failure's count.
        tracing::warn!(
            target: "guichet::security",
            event = "login_failed",
            username = request.username.trim(),
            client_ip = %ip,
            "staff sign-in refused"
        );
        return Err(AppError::LoginFailed);
    };
    // Only failures count against the address.
    rate_limit::release(&state.db, reservation).await?;
    let session = staff_store::open_session(&state.db, staff.id, now).await?;
    let mut response = Json(WireSession {
        staff: staff_account(&state, &staff).await?,
        csrf_token: session.csrf_token,
    })
    .into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(&state, over_https(https), &session.token, false),
    );
    Ok(response)
}

/// `POST /api/staff/logout`.
pub async fn logout(
    State(state): State<AppState>,
    https: Option<Extension<ForwardedHttps>>,
    session: StaffSession,
) -> Result<Response, AppError> {
    staff_store::close_session(&state.db, &session.token).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(&state, over_https(https), "", true),
    );
    Ok(response)
}

/// The signed-in account as the desk shows it, at login and on `me` alike: an agency's officer
/// with the agency's name, not only its credit code.
pub(crate) async fn staff_account(
    state: &AppState,
    staff: &Staff,
) -> Result<StaffAccount, AppError> {
    use crate::staff_store::StaffRole;
    let (role, department_code, agency_code) = match &staff.role {
        StaffRole::Window { department_code } => ("window", Some(department_code), None),
        StaffRole::Department { department_code } => ("department", Some(department_code), None),
        StaffRole::CenterAdmin => ("center_admin", None, None),
        StaffRole::Disclosure { agency_code } => ("disclosure", None, Some(agency_code)),
    };
    let agency_name = match agency_code {
        Some(code) => Some(
            crate::disclosure_store::agency(&state.db, code)
                .await?
                .map(|a| a.name),
        ),
        None => None,
    };
    Ok(StaffAccount {
        id: staff.id,
        username: staff.username.clone(),
        display_name: staff.display_name.clone(),
        role: role.to_owned(),
        department_code: department_code.cloned(),
        agency_code: agency_code.cloned(),
        agency_name,
        must_change_password: staff.must_change_password,
    })
}

/// `GET /api/staff/me`.
pub async fn me(
    State(state): State<AppState>,
    session: StaffSession,
) -> Result<Json<WireSession>, AppError> {
    Ok(Json(WireSession {
        staff: staff_account(&state, &session.staff).await?,
        csrf_token: session.csrf_token,
    }))
}

/// Query of `GET /api/staff/queue`.
#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    /// Only this department's cases (admin), or the caller's own.
    pub department: Option<String>,
    /// Only this state code.
    pub state: Option<String>,
    /// Only this service item.
    pub item: Option<String>,
    /// A case number (or its beginning), an applicant's name (or its beginning), or the last
    /// four characters of the applicant's ID number.
    pub q: Option<String>,
    /// Only `overdue` or `due_soon` cases.
    pub marker: Option<queue_store::Marker>,
    /// `due_asc` (default), `due_desc`, `received_desc`, `received_asc`.
    pub sort: Option<queue_store::Sort>,
    /// Closed cases too (a search or a state filter always includes them).
    #[serde(default)]
    pub closed: bool,
    /// Only cases due on or before this date.
    pub due_before: Option<NaiveDate>,
    /// 1-based page.
    pub page: Option<usize>,
    /// Rows per page (at most [`MAX_PER_PAGE`]).
    pub per_page: Option<usize>,
}

/// The largest page the queue answers.
pub const MAX_PER_PAGE: usize = 200;

fn summary(
    record: &CaseRecord,
    calendar: &guichet_core::Calendar,
    today: NaiveDate,
    names: &BTreeMap<String, String>,
    lang: Lang,
) -> Result<QueueRow<Option<ClockStatus>>, AppError> {
    let clock = record.clock_status(calendar, today)?;
    let name_of = |code: &str| names.get(code).cloned().unwrap_or_else(|| code.to_owned());
    // The marker's code as the queue's `marker=` filter spells it.
    let (marker, working_days_left) = match clock {
        Some(ClockStatus::Overdue { .. }) => (Some("overdue"), None),
        Some(ClockStatus::Running {
            working_days_left, ..
        }) => (
            (working_days_left <= queue_store::DUE_SOON_DAYS).then_some("due_soon"),
            Some(working_days_left),
        ),
        _ => (None, None),
    };
    let parts = record.joint.as_ref().map(|review| {
        review
            .parts()
            .iter()
            .map(|part| DeskPart {
                department: part.department.clone(),
                state: part.state,
                deadline: part.deadline.to_string(),
                default_consent: part.default_consent,
                settled_on: part.settled_on.map(|day| day.to_string()),
                department_name: name_of(&part.department),
                state_label: part.state.label(lang).to_owned(),
                provisional: record.part_deadline_provisional(calendar, part.deadline),
            })
            .collect()
    });
    Ok(QueueRow {
        case_no: record.case_no.clone(),
        item: item_of(record),
        case_type: Some(record.case.case_type),
        department: record.department_code.clone(),
        department_name: name_of(&record.department_code),
        applicant: record.applicant_name.as_deref().map(desk_view::mask_name),
        state: record.state().code().to_owned(),
        state_label: record.state().label(lang).to_owned(),
        received_at: record.received_at.clone(),
        due: record.due_date(calendar, today).map(|day| day.to_string()),
        due_provisional: clock.is_some_and(|clock| clock.is_provisional()),
        working_days_left,
        marker: marker.map(str::to_owned),
        clock,
        parts,
    })
}

/// `GET /api/staff/queue`.
pub async fn queue(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Query(query): Query<QueueQuery>,
) -> Result<Response, AppError> {
    let staff = &session.staff;
    if let Some(department) = query.department.as_deref()
        && !staff.covers(department)
    {
        return Err(AppError::Forbidden);
    }
    // A search is a name, a case number or four ID characters: a line at most.
    TextLimits::new()
        .check_opt("q", query.q.as_deref(), NAME_MAX_CHARS)
        .done()?;
    let now = state.clock.now();
    let today = china_today(now);
    let calendar_file = state.calendar.current();
    let calendar = &calendar_file.calendar;
    let page = query.page.unwrap_or(1).max(1);
    let per_page = query.per_page.unwrap_or(PER_PAGE).clamp(1, MAX_PER_PAGE);
    let nonempty = |v: &Option<String>| v.clone().filter(|v| !v.trim().is_empty());
    let filter = queue_store::Filter {
        q: nonempty(&query.q),
        state: nonempty(&query.state),
        item: nonempty(&query.item),
        department: nonempty(&query.department),
        due_before: query.due_before,
        marker: query.marker,
        include_closed: query.closed,
        sort: query.sort.unwrap_or_default(),
        limit: u32::try_from(per_page).unwrap_or(50),
        offset: u64::try_from((page - 1).saturating_mul(per_page)).unwrap_or(u64::MAX),
    };
    let found = queue_store::page(&state.db, &filter, staff, calendar, today, now).await?;
    let names = cases_store::department_names(&state.db).await?;
    let lang = lang_from_headers(&headers);
    let items = found
        .records
        .iter()
        .map(|record| summary(record, calendar, today, &names, lang))
        .collect::<Result<Vec<_>, _>>()?;
    // What the filters offer: the items and departments this person's desk covers.
    let offered: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT code, name, department_code FROM service_items
         WHERE case_type <> 'disclosure' ORDER BY department_code, sort_order, code",
    )
    .fetch_all(&state.db)
    .await?;
    let filters = QueueFilters {
        items: offered
            .into_iter()
            .filter(|(_, _, department)| staff.covers(department))
            .map(|(code, name, _)| Named { code, name })
            .collect(),
        departments: names
            .iter()
            .filter(|(code, _)| staff.covers(code))
            .map(|(code, name)| Named {
                code: code.clone(),
                name: name.clone(),
            })
            .collect(),
    };
    Ok(Json(Queue {
        items,
        page,
        per_page,
        total: usize::try_from(found.total).unwrap_or(usize::MAX),
        filters,
    })
    .into_response())
}

/// A case in full, as every desk read and move answers it.
async fn detail_view(
    state: &AppState,
    record: &CaseRecord,
    lang: Lang,
) -> Result<CaseDetail<Option<ClockStatus>, Value>, AppError> {
    let now = state.clock.now();
    let today = china_today(now);
    let calendar_file = state.calendar.current();
    let calendar = &calendar_file.calendar;
    let names = cases_store::department_names(&state.db).await?;
    let mut attachments = Vec::new();
    let mut stored = std::collections::BTreeSet::new();
    if let Some(answers) = record.answers.as_object() {
        for (field, value) in answers {
            let Ok(files) = serde_json::from_value::<Vec<FileRef>>(value.clone()) else {
                continue;
            };
            for file in files {
                let kept = submissions_store::find_upload(&state.db, &file.upload_id).await?;
                if kept.is_some() {
                    stored.insert(file.upload_id.clone());
                }
                attachments.push(Attachment {
                    field_id: field.clone(),
                    url: desk_view::file_url(&record.case_no, &file.upload_id),
                    upload_id: file.upload_id,
                    name: file.name,
                    media_type: file.media_type.mime().to_owned(),
                    size: file.size,
                    stored: kept.is_some(),
                });
            }
        }
    }
    // The answers read against the very form version the case was submitted with.
    let definition = services_store::form(&state.db, &record.item_code, record.form_version)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let item = services_store::item(&state.db, &record.item_code)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let sections = definition.as_ref().map(|definition| {
        desk_view::labelled_answers(
            definition,
            &record.answers,
            &record.case_no,
            &|id| stored.contains(id),
            lang,
            today,
        )
    });
    let materials = match (&item, &definition) {
        (Some((item, _)), Some(definition)) => {
            desk_view::materials_checklist(item, definition, &record.answers, lang)
        }
        _ => Vec::new(),
    };
    let submitted = record.case.history().first().map(|event| event.at);
    let named = cases_store::actions_named(&state.db, record.id).await?;
    let history = desk_view::history(submitted, &record.received_at, &named, &names, lang);
    Ok(CaseDetail {
        summary: summary(record, calendar, today, &names, lang)?,
        form_version: record.form_version,
        answers: record.answers.clone(),
        sections: in_words(&sections.unwrap_or_default())?,
        attachments,
        materials: in_words(&materials)?,
        // The history in words: who (a name), when, what; the core events stay in `history`.
        timeline: in_words(&history)?,
        history: record.case.history().to_vec(),
        // The raw audit rows (staff ids, details), for 电子监察 and tests.
        actions: named
            .into_iter()
            .map(|(row, _)| AuditAction {
                at: row.at,
                action: row.action,
                staff_id: row.staff_id,
                department: row.department,
                detail: row.detail,
            })
            .collect(),
        supplement: record.supplement.clone(),
        // Flagged, never refused: the same answers sent twice from two computers (issue #17).
        probable_duplicate_of: cases_store::probable_duplicate(&state.db, record).await?,
        next_events: record.state().next_events(),
    })
}

async fn visible_case(
    state: &AppState,
    staff: &Staff,
    case_no: &str,
) -> Result<CaseRecord, AppError> {
    let record = cases_store::load(&state.db, case_no, state.clock.now())
        .await?
        .ok_or(AppError::NotFound)?;
    // Another department's case does not exist as far as this account is concerned.
    if !record.visible_to(staff) {
        return Err(AppError::NotFound);
    }
    Ok(record)
}

/// `GET /api/staff/cases/{case_no}`.
pub async fn detail(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Path(case_no): Path<String>,
) -> Result<Response, AppError> {
    let record = visible_case(&state, &session.staff, &case_no).await?;
    let view = detail_view(&state, &record, lang_from_headers(&headers)).await?;
    Ok(Json(view).into_response())
}

/// `GET /api/staff/cases/{case_no}/files/{upload_id}`: a file of the case's answers or 补正
/// materials, for staff
/// who see the case (`404` otherwise, and for an upload the case does not refer to), served as
/// its stored media type with `nosniff`, `inline` for images and PDF, and its original name
/// (RFC 6266 / 5987).
pub async fn case_file(
    State(state): State<AppState>,
    session: StaffSession,
    headers: HeaderMap,
    Path((case_no, upload_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let record = visible_case(&state, &session.staff, &case_no).await?;
    let files = super::files::case_file_refs(&state, &record).await?;
    let file = files.get(&upload_id).ok_or(AppError::NotFound)?;
    // Personal data: the browser keeps it only for this session's reading.
    super::files::send_stored(
        &state,
        &headers,
        &upload_id,
        &file.name,
        "private, no-store",
    )
    .await
}

/// Body of `POST /api/staff/cases/{case_no}/actions`.
#[derive(Debug, Deserialize)]
pub struct ActionRequest {
    /// The state the person saw (a [`guichet_core::case::CaseState::code`]).
    pub expected_state: String,
    /// The action.
    #[serde(flatten)]
    pub action: StaffAction,
}

fn required(field: &str) -> AppError {
    crate::api::submissions::invalid(field, "staff.field.required")
}

/// Every free text of an action within its limit (`guichet_core::staff_text`).
fn check_action_text(action: &StaffAction) -> Result<(), AppError> {
    let limits = TextLimits::new();
    match action {
        StaffAction::RequestSupplement { missing, note } => limits
            .check_each("missing", missing, NAME_MAX_CHARS)
            .check("note", note, OPINION_MAX_CHARS),
        StaffAction::Refuse { reason } | StaffAction::Return { reason } => {
            limits.check("reason", reason, OPINION_MAX_CHARS)
        }
        StaffAction::Conclude { result, .. } => limits.check("result", result, OPINION_MAX_CHARS),
        StaffAction::PassPrereview | StaffAction::Accept | StaffAction::Start => limits,
    }
    .done()
}

/// `POST /api/staff/cases/{case_no}/actions`.
pub async fn action(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Path(case_no): Path<String>,
    Json(request): Json<ActionRequest>,
) -> Result<Response, AppError> {
    check_action_text(&request.action)?;
    match &request.action {
        StaffAction::RequestSupplement { missing, .. }
            if missing.iter().all(|m| m.trim().is_empty()) =>
        {
            return Err(crate::api::submissions::invalid(
                "missing",
                "case.supplement.missing_required",
            ));
        }
        StaffAction::Refuse { reason } | StaffAction::Return { reason }
            if reason.trim().is_empty() =>
        {
            return Err(required("reason"));
        }
        _ => {}
    }
    let record = cases_store::apply_action(
        &state.db,
        &state.calendar.current().calendar,
        &case_no,
        &session.staff,
        &request.action,
        Some(&request.expected_state),
        state.clock.now(),
    )
    .await?;
    let view = detail_view(&state, &record, lang_from_headers(&headers)).await?;
    Ok(Json(view).into_response())
}

/// Body of the part decision.
#[derive(Debug, Deserialize)]
pub struct PartDecisionRequest {
    /// `approve` or `deny`.
    pub decision: DecisionInput,
    /// Opinion text.
    #[serde(default)]
    pub note: String,
}

/// `POST /api/staff/cases/{case_no}/parts/{department}/decision`.
pub async fn part_decision(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Path((case_no, department)): Path<(String, String)>,
    Json(request): Json<PartDecisionRequest>,
) -> Result<Response, AppError> {
    TextLimits::new()
        .check("note", &request.note, OPINION_MAX_CHARS)
        .done()?;
    let record = cases_store::decide_part(
        &state.db,
        &case_no,
        &department,
        &session.staff,
        request.decision,
        request.note.trim(),
        state.clock.now(),
    )
    .await?;
    let view = detail_view(&state, &record, lang_from_headers(&headers)).await?;
    Ok(Json(view).into_response())
}

/// `POST /api/staff/cases/{case_no}/parts/{department}/absence` (body `{}`).
pub async fn part_absence(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
    Path((case_no, department)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let record = cases_store::record_absence(
        &state.db,
        &case_no,
        &department,
        &session.staff,
        state.clock.now(),
    )
    .await?;
    let view = detail_view(&state, &record, lang_from_headers(&headers)).await?;
    Ok(Json(view).into_response())
}

/// `GET /api/staff/overdue`.
pub async fn overdue(
    State(state): State<AppState>,
    session: StaffSession,
) -> Result<Response, AppError> {
    let staff = &session.staff;
    let now = state.clock.now();
    let today = china_today(now);
    let calendar_file = state.calendar.current();
    let calendar = &calendar_file.calendar;
    let mut names = cases_store::department_names(&state.db).await?;
    let mut by_department: BTreeMap<String, Vec<OverdueItem>> = BTreeMap::new();
    for (agency, name, item) in crate::api::disclosure::overdue_items(&state, staff, today).await? {
        names.insert(agency.clone(), name);
        by_department.entry(agency).or_default().push(item);
    }
    for record in cases_store::open_cases(&state.db, now).await? {
        if let Some(ClockStatus::Overdue {
            due,
            working_days_overdue,
            provisional,
        }) = record.clock_status(calendar, today)?
            && staff.covers(&record.department_code)
        {
            by_department
                .entry(record.department_code.clone())
                .or_default()
                .push(OverdueItem {
                    kind: "case".into(),
                    case_no: record.case_no.clone(),
                    item: item_of(&record),
                    state: OverdueState::Case(record.state().code().to_owned()),
                    due: due.to_string(),
                    working_days_overdue: i64::from(working_days_overdue),
                    provisional,
                });
        }
        if let Some(review) = &record.joint {
            for part in review.overdue_parts(today) {
                if !staff.covers(&part.department) {
                    continue;
                }
                let over = calendar.working_days_between(part.deadline, today).max(0);
                by_department
                    .entry(part.department.clone())
                    .or_default()
                    .push(OverdueItem {
                        kind: "part".into(),
                        case_no: record.case_no.clone(),
                        item: item_of(&record),
                        state: OverdueState::Part(part.state),
                        due: part.deadline.to_string(),
                        working_days_overdue: over,
                        provisional: record.part_deadline_provisional(calendar, part.deadline),
                    });
            }
        }
    }
    let departments = by_department
        .into_iter()
        .map(|(code, items)| {
            let name = names.get(&code).cloned().unwrap_or_else(|| code.clone());
            OverdueDepartment {
                department: Named { code, name },
                items,
            }
        })
        .collect();
    Ok(Json(Overdue {
        as_of: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        departments,
    })
    .into_response())
}

/// A case's service item, `{"code", "name"}`.
fn item_of(record: &CaseRecord) -> Named {
    Named {
        code: record.item_code.clone(),
        name: record.item_name.clone(),
    }
}

/// `GET /api/staff/followups`.
pub async fn followups(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: StaffSession,
) -> Result<Response, AppError> {
    let lang = lang_from_headers(&headers);
    let list = feedback_store::followups(&state.db, &session.staff).await?;
    // The 好差评 level in words beside its code (`very_dissatisfied` → 非常不满意).
    let items = list
        .into_iter()
        .map(|followup| Followup {
            level_label: guichet_core::evaluation::Rating::from_code(&followup.level)
                .map_or(followup.level.as_str(), |rating| rating.label(lang))
                .to_owned(),
            id: followup.id,
            case_no: followup.case_no,
            department: followup.department,
            level: followup.level,
            comment: followup.comment,
            due_date: followup.due_date,
            reply: followup.reply,
            replied_at: followup.replied_at,
            created_at: followup.created_at,
        })
        .collect();
    Ok(Json(Followups { items }).into_response())
}

/// Body of the follow-up reply.
#[derive(Debug, Deserialize)]
pub struct ReplyRequest {
    /// The answer to the citizen.
    pub reply: String,
}

/// `POST /api/staff/followups/{id}/reply`.
pub async fn reply(
    State(state): State<AppState>,
    session: StaffSession,
    Path(id): Path<i64>,
    Json(request): Json<ReplyRequest>,
) -> Result<Response, AppError> {
    if request.reply.trim().is_empty() {
        return Err(required("reply"));
    }
    TextLimits::new()
        .check("reply", &request.reply, OPINION_MAX_CHARS)
        .done()?;
    let followup = feedback_store::reply_followup(
        &state.db,
        &session.staff,
        id,
        request.reply.trim(),
        state.clock.now(),
    )
    .await?;
    Ok(Json(followup).into_response())
}

/// A part of the case in words (`desk_view`'s types) as the JSON the desk reads by name.
fn in_words<T: serde::Serialize>(part: &T) -> Result<Value, AppError> {
    serde_json::to_value(part).map_err(|e| AppError::Internal(format!("case in words: {e}")))
}
