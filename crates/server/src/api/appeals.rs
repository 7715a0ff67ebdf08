//! 好差评: the rectification list of bad ratings, appeals (申诉复核) and the published results.
//!
//! - `GET /api/staff/rectification` → `{"as_of", "items": [{"id", "case_no", "department",
//!   "department_name", "level", "level_label", "comment", "due_date", "working_days_left",
//!   "reply", "replied_at", "appeal": null | {"id", "decision"}}]}`: each bad rating with the
//!   citizen's words, the working days left to rectify (negative when late) and the reply sent.
//!   A department sees its own, administrators all.
//! - `POST /api/staff/followups/{id}/appeal {"reasons", "evidence": [upload ids]}` → `201` the
//!   appeal; the department's 部门审核 only, once per rating, while the follow-up is open and
//!   unanswered (core `check_appeal`; its refusals are `422` naming `reasons` or `409`).
//! - `POST /api/staff/appeals/files?name=` → `201 {"id", "name", "media_type", "size"}`: evidence.
//! - `GET /api/staff/appeals` → `{"appeals": [...]}`, pending first; `GET
//!   /api/staff/appeals/{id}/files/{upload}` → an evidence file (the department and
//!   administrators; `404` for others).
//! - `POST /api/staff/appeals/{id}/decision {"decision": "upheld" | "rejected", "note"}` →
//!   the appeal (center administrators; `409` once decided).
//! - `GET /api/evaluations/results?year=` (public, cacheable) → `{"year", "departments":
//!   [{"code", "name", "counts": [5 levels, best first], "total", "excluded",
//!   "satisfaction_per_mille"}]}`: ratings whose appeal was upheld are not counted.

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Datelike;
use guichet_core::Localized as _;
use guichet_core::evaluation::{AppealDecision, AppealError, Rating};
use guichet_core::wire::appeals::{
    Appeal, AppealList, AppealStanding, DepartmentResults, EvaluationResults, EvidenceFile,
    Rectification, RectificationList,
};
use serde::Deserialize;

use super::staff::StaffSession;
use crate::AppState;
use crate::api::submissions::{invalid, message};
use crate::appeals_store::{self, AppealStoreError};
use crate::error::{AppError, ErrorCode, Json, Lang, lang_from_headers};
use crate::feedback_store;
use crate::submissions_store::china_today;

/// The routes of this module, relative to `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/rectification", get(rectification))
        .route("/staff/followups/{id}/appeal", post(file))
        .route(
            "/staff/appeals/files",
            post(upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/staff/appeals", get(list))
        .route("/staff/appeals/{id}/files/{upload}", get(evidence_file))
        .route("/staff/appeals/{id}/decision", post(decide))
        .route("/evaluations/results", get(results))
}

impl From<AppealStoreError> for AppError {
    fn from(error: AppealStoreError) -> Self {
        match error {
            AppealStoreError::Db(db) => db.into(),
            AppealStoreError::NotFound => AppError::NotFound,
            AppealStoreError::Forbidden => AppError::Forbidden,
            AppealStoreError::Rule(AppealError::Reasons) => invalid("reasons", "appeal.reasons"),
            AppealStoreError::Rule(rule) => AppError::Validation {
                fields: std::collections::BTreeMap::from([(
                    "followup".to_owned(),
                    message(rule.code(), &[]),
                )]),
            },
            AppealStoreError::AlreadyDecided => AppError::Conflict {
                code: ErrorCode::Conflict,
                current_state: None,
            },
        }
    }
}

/// `GET /api/staff/rectification`.
async fn rectification(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    session: StaffSession,
) -> Result<Json<RectificationList>, AppError> {
    let lang: Lang = lang_from_headers(&headers);
    let today = china_today(state.clock.now());
    let calendar = state.calendar.current();
    let appeals = appeals_store::by_followup(&state.db).await?;
    let names: std::collections::HashMap<String, String> =
        crate::services_store::departments(&state.db)
            .await?
            .into_iter()
            .map(|d| (d.code, d.name))
            .collect();
    let items = feedback_store::followups(&state.db, &session.staff)
        .await?
        .into_iter()
        .map(|f| {
            let left = guichet_core::ymd::parse(&f.due_date)
                .map(|due| calendar.calendar.working_days_between(today, due));
            let level_label = Rating::from_code(&f.level).map(|r| r.label(lang).to_owned());
            let appeal = appeals.get(&f.id).map(|(decision, id)| AppealStanding {
                id: *id,
                decision: decision.clone(),
            });
            Rectification {
                id: f.id,
                case_no: f.case_no,
                department_name: names
                    .get(&f.department)
                    .cloned()
                    .unwrap_or_else(|| f.department.clone()),
                department: f.department,
                level: f.level,
                level_label,
                comment: f.comment,
                due_date: f.due_date,
                working_days_left: left,
                reply: f.reply,
                replied_at: f.replied_at,
                appeal,
            }
        })
        .collect();
    Ok(Json(RectificationList {
        as_of: today.to_string(),
        items,
    }))
}

/// Body of an appeal.
#[derive(Debug, Deserialize)]
struct AppealRequest {
    #[serde(default)]
    reasons: String,
    #[serde(default)]
    evidence: Vec<String>,
}

/// `POST /api/staff/followups/{id}/appeal`.
async fn file(
    State(state): State<AppState>,
    session: StaffSession,
    Path(id): Path<i64>,
    Json(request): Json<AppealRequest>,
) -> Result<Response, AppError> {
    let mut evidence = Vec::new();
    for upload_id in request.evidence.iter().take(10) {
        let upload = crate::submissions_store::find_upload(&state.db, upload_id)
            .await?
            .ok_or_else(|| invalid("evidence", "submission.upload_missing"))?;
        let name: Option<String> =
            sqlx::query_scalar("SELECT name FROM appeal_files WHERE id = $1")
                .bind(upload_id)
                .fetch_optional(&state.db)
                .await?;
        evidence.push(EvidenceFile {
            id: upload_id.clone(),
            name: name.unwrap_or_else(|| upload_id.clone()),
            media_type: upload.media_type.mime().to_owned(),
            size: upload.size,
        });
    }
    let now = state.clock.now();
    let appeal = appeals_store::file(
        &state.db,
        &session.staff,
        id,
        &request.reasons,
        &evidence,
        china_today(now),
        now,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(appeal)).into_response())
}

/// Query of the evidence upload.
#[derive(Debug, Deserialize)]
struct FileQuery {
    name: String,
}

/// `POST /api/staff/appeals/files?name=`.
async fn upload(
    State(state): State<AppState>,
    session: StaffSession,
    Query(query): Query<FileQuery>,
    headers: axum::http::HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    // Evidence is filed by a department's 部门审核, the only ones who appeal.
    if !matches!(
        session.staff.role,
        crate::staff_store::StaffRole::Department { .. }
    ) {
        return Err(AppError::Forbidden);
    }
    super::files::store_named_upload(&state, &query.name, &headers, body, "appeal_files").await
}

/// `GET /api/staff/appeals`.
async fn list(
    State(state): State<AppState>,
    session: StaffSession,
) -> Result<Json<AppealList>, AppError> {
    let appeals = appeals_store::list(&state.db, &session.staff).await?;
    Ok(Json(AppealList { appeals }))
}

/// `GET /api/staff/appeals/{id}/files/{upload}`.
async fn evidence_file(
    State(state): State<AppState>,
    session: StaffSession,
    headers: HeaderMap,
    Path((id, upload)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let appeal = appeals_store::visible(&state.db, &session.staff, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let file = appeal
        .evidence
        .iter()
        .find(|f| f.id == upload)
        .ok_or(AppError::NotFound)?;
    let name = if file.name.is_empty() {
        "evidence"
    } else {
        &file.name
    };
    super::files::send_stored(&state, &headers, &upload, name, "private, no-store").await
}

/// Body of a decision.
#[derive(Debug, Deserialize)]
struct DecisionRequest {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
}

/// `POST /api/staff/appeals/{id}/decision`.
async fn decide(
    State(state): State<AppState>,
    session: StaffSession,
    Path(id): Path<i64>,
    Json(request): Json<DecisionRequest>,
) -> Result<Json<Appeal>, AppError> {
    let decision = AppealDecision::from_code(&request.decision)
        .ok_or_else(|| invalid("decision", "admin.appeal.decision_needed"))?;
    let note = request.note.trim();
    if note.chars().count() < 2 || note.chars().count() > guichet_core::evaluation::MAX_APPEAL_CHARS
    {
        return Err(invalid("note", "admin.appeal.note_needed"));
    }
    let appeal = appeals_store::decide(
        &state.db,
        &session.staff,
        id,
        decision,
        note,
        state.clock.now(),
    )
    .await?;
    Ok(Json(appeal))
}

/// Query of the published results.
#[derive(Debug, Deserialize)]
struct ResultsQuery {
    year: Option<i32>,
}

/// `GET /api/evaluations/results?year=`.
async fn results(
    State(state): State<AppState>,
    Query(query): Query<ResultsQuery>,
) -> Result<Response, AppError> {
    let year = query
        .year
        .unwrap_or_else(|| china_today(state.clock.now()).year());
    if !(2000..=2100).contains(&year) {
        return Err(invalid("year", "admin.appeal.year"));
    }
    let departments: Vec<DepartmentResults> = appeals_store::results(&state.db, year).await?;
    Ok(super::services::cached(
        Json(EvaluationResults { year, departments }),
        "public, max-age=300",
    ))
}
