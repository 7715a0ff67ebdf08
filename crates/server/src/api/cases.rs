//! Case tracking for citizens, the 补正 round, 好差评, and the working-day calendar.
//!
//! The answers are `guichet_core::wire::cases` types, which the app decodes as they are.
//!
//! # `POST /api/cases/lookup` `{"case_no", "query_code"}`
//! POST so the code stays out of URLs and logs. `200`:
//!
//! ```json
//! {"case_no": "20261127-JT-000001", "item": {"code": "JT-001", "name": "…"},
//!  "case_type": "promised", "case_type_label": "承诺件",
//!  "state": "in_progress", "state_label": "办理中", "is_final": false,
//!  "department": {"code": "JT", "name": "县交通运输局"},
//!  "parts": [{"department": {"code", "name"}, "state": "pending", "state_label": "待审",
//!             "deadline": "2026-03-09", "settled_on": null}],
//!  "clock": {"status": "running", "due": "2026-03-30", "working_days_left": 12} | null,
//!  "deadline": "2026-03-30", "working_days_left": 12, "working_days_overdue": null,
//!  "supplement": {"missing": ["…"], "note": "…"} | null,
//!  "submitted": {"form_version": 1, "answers": {…}},
//!  "evaluation": {"level": "satisfied", "label": "满意"} | null,
//!  "timeline": [{"at": "2026-03-02T09:00:00", "event": "submit", "label": "提交申请",
//!                "who": "申请人", "note": null}],
//!  "as_of": "2026-03-02T01:00:00.000Z"}
//! ```
//!
//! Labels follow `Accept-Language` (Chinese by default). `who` is 申请人, a department's name or
//! 系统 — never a staff member's name or id. `submitted` holds the answers as the case keeps them
//! (the last supplement's, else the submission's) with their form version: the holder of the
//! code amends them for a 补正 (the app starts its draft from them). `evaluation` is the 好差评
//! already given. A wrong number *or* code gets the same
//! `404 case_not_found` ("办件编号或查询码不正确"); failures are limited per case number and
//! client ([`rate_limit::LOOKUP_PER_CASE_CLIENT`], 5), per case number from all clients
//! ([`rate_limit::LOOKUP_PER_CASE`], a far higher ceiling, so that strangers cannot lock the
//! holder out) and per client IP ([`rate_limit::LOOKUP_PER_IP`]) → `429 rate_limited` with
//! `Retry-After`. The same check guards the supplement and the rating.
//!
//! # `POST /api/cases/{case_no}/supplement` `{"query_code", "client_id", "answers", "content_hash"}`
//! The answers are validated by the core form engine on the case's form version, and
//! `content_hash` is `submission_hash(item_code, form_version, answers)`. `201`
//! `{"case_no", "status", "received_at"}`; a retry with the same `client_id` and content → `200`
//! with `Idempotent-Replayed: true`; a case not waiting for a supplement → `409 conflict` with
//! `current_state`.
//!
//! # `POST /api/cases/{case_no}/evaluation` `{"query_code", "client_id", "level", "comment"}`
//! `level`: `very_satisfied | satisfied | basic | dissatisfied | very_dissatisfied`. `201`
//! `{"case_no", "level", "created_at", "followup": {"id", "due_date"} | null}`; only when
//! concluded (`409 not_concluded`), once per case (`409 already_rated`). Idempotent on
//! `client_id` like a submission: the same id and content again → `200` with
//! `Idempotent-Replayed: true`, the same id with other content → `422` on `client_id`.
//!
//! # `GET /api/calendar`
//! The calendar file in use, `Cache-Control: public, max-age=3600`, with a strong `ETag`
//! (`If-None-Match` → `304`).

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use guichet_core::case::{Actor, ClockStatus, Event};
use guichet_core::evaluation::{MAX_COMMENT_CHARS, Rating};
use guichet_core::form::submission_hash;
use guichet_core::tr;
use guichet_core::wire::cases::{
    CaseView, EvaluationView, Named, PartView, SubmittedView, TimelineEntry,
};
use serde::Deserialize;
use serde_json::Value;

use crate::AppState;
use crate::api::submissions::{checked_answers, invalid, is_client_id, replayed_json};
use crate::cases_store::{self, CaseRecord, SupplementOutcome};
use crate::client_addr::ClientIp;
use crate::error::{AppError, ErrorCode, Json, Lang, lang_from_headers};
use crate::feedback_store::{self, EvaluationOutcome};
use crate::rate_limit;
use crate::services_store;
use crate::staff_store::CENTER;
use crate::submissions_store::china_today;

/// The routes of this module, relative to `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases/lookup", post(lookup))
        .route("/cases/{case_no}/supplement", post(supplement))
        .route("/cases/{case_no}/evaluation", post(evaluation))
        .route("/calendar", get(calendar))
}

/// Reserves one lookup of `number` (a case's or a complaint's) by client `ip` under the lookup
/// limits, to be released if the code is right: per client and number, so that a stranger's
/// wrong codes cannot lock the holder out; per number from everyone, far higher, against a
/// guesser with many addresses; per client, against one guessing many numbers.
pub(crate) async fn reserve_lookup(
    state: &AppState,
    ip: &str,
    number: &str,
    now: DateTime<Utc>,
) -> Result<rate_limit::Reservation, AppError> {
    let number_and_client = format!("{number} {ip}");
    rate_limit::reserve_all(
        &state.db,
        &[
            (rate_limit::LOOKUP_PER_IP, ip),
            (rate_limit::LOOKUP_PER_CASE_CLIENT, &number_and_client),
            (rate_limit::LOOKUP_PER_CASE, number),
        ],
        now,
    )
    .await
}

/// A case opened by number and query code, or the generic 404, with the rate limits.
pub(crate) async fn open_case(
    state: &AppState,
    ip: &str,
    case_no: &str,
    query_code: &str,
    now: DateTime<Utc>,
) -> Result<CaseRecord, AppError> {
    let case_no = case_no.trim();
    let reservation = reserve_lookup(state, ip, case_no, now).await?;
    let record = cases_store::load(&state.db, case_no, now).await?;
    match record {
        Some(record) if record.query_code_matches(query_code) => {
            // Only failures count.
            rate_limit::release(&state.db, reservation).await?;
            Ok(record)
        }
        // The reservation stays: it is the failure's count.
        _ => Err(AppError::CaseNotFound),
    }
}

/// Body of `POST /api/cases/lookup`.
#[derive(Debug, Deserialize)]
pub struct LookupRequest {
    /// 办件编号.
    pub case_no: String,
    /// 查询码.
    pub query_code: String,
}

/// `POST /api/cases/lookup`.
pub async fn lookup(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Json(request): Json<LookupRequest>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let record = open_case(&state, &ip, &request.case_no, &request.query_code, now).await?;
    let lang = lang_from_headers(&headers);
    if record.case.case_type == guichet_core::case::CaseType::Disclosure
        && let Some(view) =
            crate::api::disclosure::lookup_view(&state, &record.case_no, lang, now).await?
    {
        return Ok(Json(view).into_response());
    }
    let names = cases_store::department_names(&state.db).await?;
    let mut view = citizen_view(
        &record,
        &names,
        &state.calendar.current().calendar,
        lang,
        now,
    )?;
    add_deadline_moves(
        &mut view,
        &cases_store::actions(&state.db, record.id).await?,
        lang,
    );
    // Only here, for the holder of the code: the staff desk has its own view of the answers.
    let rating = feedback_store::rating_of(&state.db, record.id).await?;
    view.submitted = Some(SubmittedView {
        form_version: record.form_version,
        answers: record.answers.clone(),
    });
    view.evaluation = rating.map(|level| EvaluationView {
        level,
        label: level.label(lang).to_owned(),
    });
    Ok(Json(view).into_response())
}

/// The citizen's view of a case as the server holds it: answers as JSON; a disclosure
/// request's facts are built by `api::disclosure`, so an ordinary case has none.
pub type CitizenView = CaseView<Value, Value>;

/// Adds to a citizen view's timeline each time a published holiday calendar moved the case's
/// deadlines (`deadline_moved` actions), in time order with the rest.
fn add_deadline_moves(view: &mut CitizenView, actions: &[cases_store::ActionRow], lang: Lang) {
    let timeline = &mut view.timeline;
    for action in actions.iter().filter(|a| a.action == "deadline_moved") {
        let Ok(at) = chrono::DateTime::parse_from_rfc3339(&action.at) else {
            continue;
        };
        let at = cases_store::local(at.with_timezone(&Utc))
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string();
        let text = |key: &str| action.detail[key].as_str().unwrap_or_default().to_owned();
        let label = guichet_core::tr_args(
            lang,
            "case.event.deadline_moved",
            &[("from", &text("from")), ("to", &text("to"))],
        );
        timeline.push(TimelineEntry {
            at,
            event: "deadline_moved".to_owned(),
            department: None,
            label,
            who: tr(lang, "case.who.center").to_owned(),
            note: Some(text("notice")),
        });
    }
    timeline.sort_by(|a, b| a.at.cmp(&b.at));
}

/// A department's name; the center's own staff show as 行政服务中心.
fn department_name(names: &BTreeMap<String, String>, code: &str, lang: Lang) -> String {
    if code == CENTER {
        tr(lang, "case.who.center").to_owned()
    } else {
        names.get(code).cloned().unwrap_or_else(|| code.to_owned())
    }
}

fn department_named(names: &BTreeMap<String, String>, code: &str, lang: Lang) -> Named {
    Named {
        code: code.to_owned(),
        name: department_name(names, code, lang),
    }
}

fn who(actor: &Actor, names: &BTreeMap<String, String>, lang: Lang) -> String {
    match actor {
        Actor::Applicant => actor.role().label(lang).to_owned(),
        // The department, never the person: staff names and ids stay on the desk.
        Actor::Staff { department, .. } => department_name(names, department, lang),
        Actor::System => actor.role().label(lang).to_owned(),
    }
}

/// An event kind's code, as its serde name (`submit`, `request_supplement`, …).
fn event_code(kind: guichet_core::EventKind) -> String {
    match serde_json::to_value(kind) {
        Ok(Value::String(code)) => code,
        _ => String::new(),
    }
}

fn timeline_entry(event: &Event, names: &BTreeMap<String, String>, lang: Lang) -> TimelineEntry {
    TimelineEntry {
        at: event.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        event: event_code(event.kind),
        department: None,
        label: event.kind.label(lang).to_owned(),
        who: who(&event.actor, names, lang),
        note: event.note.clone(),
    }
}

/// What the citizen sees of a case (see the module docs).
pub fn citizen_view(
    record: &CaseRecord,
    names: &BTreeMap<String, String>,
    calendar: &guichet_core::Calendar,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<CitizenView, AppError> {
    let core_lang = lang;
    let state = record.state();
    let clock = record.clock_status(calendar, china_today(now))?;
    let (deadline, left, overdue, provisional) = match clock {
        Some(ClockStatus::Running {
            due,
            working_days_left,
            provisional,
        }) => (Some(due), Some(working_days_left), None, provisional),
        Some(ClockStatus::Overdue {
            due,
            working_days_overdue,
            provisional,
        }) => (Some(due), None, Some(working_days_overdue), provisional),
        Some(ClockStatus::Paused {
            working_days_left, ..
        }) => (None, Some(working_days_left), None, false),
        Some(ClockStatus::Finished {
            due, provisional, ..
        }) => (due, None, None, provisional),
        None => (None, None, None, false),
    };
    let mut timeline: Vec<TimelineEntry> = record
        .case
        .history()
        .iter()
        .map(|e| timeline_entry(e, names, lang))
        .collect();
    let parts: Vec<PartView> = record
        .joint
        .as_ref()
        .map(|review| {
            review
                .parts()
                .iter()
                .map(|part| PartView {
                    department: department_named(names, &part.department, lang),
                    state: Some(part.state),
                    state_label: part.state.label(core_lang).to_owned(),
                    deadline: Some(part.deadline.to_string()),
                    provisional: record.part_deadline_provisional(calendar, part.deadline),
                    settled_on: part.settled_on.map(|on| on.to_string()),
                })
                .collect()
        })
        .unwrap_or_default();
    if let Some(review) = &record.joint {
        for part in review.parts() {
            if let Some(on) = part.settled_on {
                let deemed = matches!(part.state, guichet_core::case::PartState::DeemedConsent(_));
                let name = department_name(names, &part.department, lang);
                // 超时默认 / 缺席默认 is the system's act, not the department's.
                let who = if deemed {
                    tr(core_lang, "case.role.system").to_owned()
                } else {
                    name.clone()
                };
                timeline.push(TimelineEntry {
                    at: format!("{on}T23:59:59"),
                    event: "part_settled".to_owned(),
                    department: Some(part.department.clone()),
                    label: format!("{name}：{}", part.state.label(core_lang)),
                    who,
                    note: None,
                });
            }
        }
    }
    // Stable: part settlements (dated by day) go after the day's events.
    timeline.sort_by(|a, b| a.at.cmp(&b.at));
    Ok(CaseView {
        case_no: record.case_no.clone(),
        item: Named {
            code: record.item_code.clone(),
            name: record.item_name.clone(),
        },
        case_type: Some(record.case.case_type),
        case_type_label: record.case.case_type.label(core_lang).to_owned(),
        state: state.code().to_owned(),
        state_label: state.label(core_lang).to_owned(),
        is_final: state.is_final(),
        department: department_named(names, &record.department_code, lang),
        parts,
        clock,
        deadline: deadline.map(|d| d.to_string()),
        deadline_provisional: provisional,
        working_days_left: left,
        working_days_overdue: overdue,
        supplement: record.supplement.clone(),
        timeline,
        // Only for the holder of the code ([`lookup`]).
        submitted: None,
        evaluation: None,
        disclosure: None,
        as_of: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    })
}

/// Body of `POST /api/cases/{case_no}/supplement`.
#[derive(Debug, Deserialize)]
pub struct SupplementRequestBody {
    /// 查询码.
    pub query_code: String,
    /// Idempotency key.
    pub client_id: String,
    /// The whole form's answers, corrected.
    pub answers: Value,
    /// `submission_hash(item_code, form_version, answers)`.
    pub content_hash: String,
}

/// `POST /api/cases/{case_no}/supplement`.
pub async fn supplement(
    State(state): State<AppState>,
    Path(case_no): Path<String>,
    ClientIp(ip): ClientIp,
    Json(request): Json<SupplementRequestBody>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    if !is_client_id(&request.client_id) {
        return Err(invalid("client_id", "submission.client_id.invalid"));
    }
    let mut record = open_case(&state, &ip, &case_no, &request.query_code, now).await?;
    if record.case.case_type == guichet_core::case::CaseType::Disclosure {
        return crate::api::disclosure::receive_supplement(
            &state,
            &record.case_no,
            &request.client_id,
            &request.answers,
            &request.content_hash,
            now,
        )
        .await;
    }
    let Some(answers) = request.answers.as_object() else {
        return Err(invalid("answers", "form.type"));
    };
    let hash = submission_hash(&record.item_code, record.form_version, &request.answers);
    if !hash.eq_ignore_ascii_case(request.content_hash.trim()) {
        return Err(invalid("content_hash", "submission.hash_mismatch"));
    }
    // A retry needs no validation: answer what was answered.
    if let Some((stored, response)) =
        cases_store::find_supplement(&state.db, &request.client_id).await?
    {
        return if stored.eq_ignore_ascii_case(&hash) {
            Ok(replayed_json(response))
        } else {
            Err(invalid("client_id", "submission.client_id.reused"))
        };
    }
    let definition = services_store::form(&state.db, &record.item_code, record.form_version)
        .await?
        .ok_or_else(|| AppError::Internal(format!("form of {} missing", record.case_no)))?;
    let normalised = checked_answers(&state, &definition, answers, now).await?;
    match cases_store::receive_supplement(
        &state.db,
        &state.calendar.current().calendar,
        &mut record,
        &request.client_id,
        &hash,
        &normalised,
        now,
    )
    .await?
    {
        SupplementOutcome::Applied(response) => {
            Ok((StatusCode::CREATED, Json(response)).into_response())
        }
        SupplementOutcome::Replayed(response) => Ok(replayed_json(response)),
        SupplementOutcome::Conflict => Err(invalid("client_id", "submission.client_id.reused")),
    }
}

/// Body of `POST /api/cases/{case_no}/evaluation`.
#[derive(Debug, Deserialize)]
pub struct EvaluationRequest {
    /// 查询码.
    pub query_code: String,
    /// Idempotency key.
    pub client_id: String,
    /// The level.
    pub level: Rating,
    /// Optional comment.
    #[serde(default)]
    pub comment: String,
}

/// `POST /api/cases/{case_no}/evaluation`.
pub async fn evaluation(
    State(state): State<AppState>,
    Path(case_no): Path<String>,
    ClientIp(ip): ClientIp,
    Json(request): Json<EvaluationRequest>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    if !is_client_id(&request.client_id) {
        return Err(invalid("client_id", "submission.client_id.invalid"));
    }
    if request.comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(invalid("comment", "complaint.field.too_long"));
    }
    let record = open_case(&state, &ip, &case_no, &request.query_code, now).await?;
    let outcome = feedback_store::evaluate(
        &state.db,
        &state.calendar.current().calendar,
        &record,
        &request.client_id,
        request.level,
        request.comment.trim(),
        now,
    )
    .await?;
    match outcome {
        EvaluationOutcome::Created(e) => Ok((StatusCode::CREATED, Json(e)).into_response()),
        EvaluationOutcome::Replayed(e) => Ok(replayed_json(
            serde_json::to_value(e).map_err(|e| AppError::Internal(e.to_string()))?,
        )),
        EvaluationOutcome::ClientIdReused => {
            Err(invalid("client_id", "submission.client_id.reused"))
        }
        EvaluationOutcome::AlreadyRated => Err(AppError::Conflict {
            code: ErrorCode::AlreadyRated,
            current_state: None,
        }),
        EvaluationOutcome::NotConcluded => Err(AppError::Conflict {
            code: ErrorCode::NotConcluded,
            current_state: Some(record.state().code()),
        }),
    }
}

/// `GET /api/calendar`.
pub async fn calendar(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let file = state.calendar.current();
    super::cacheable_file(
        &headers,
        &file.etag,
        "public, max-age=3600, must-revalidate",
        "application/json",
        file.json.clone(),
    )
}
