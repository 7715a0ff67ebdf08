//! Complaints (投诉, GB/T 36113-2018): filed from the app's outbox, tracked by number.
//!
//! - `POST /api/complaints {"client_id", "subject", "facts", "contact", "case_no"?}` → `201
//!   {"complaint_no", "query_code", "subject", "status", "status_label", "case_no", "reply",
//!   "created_at"}`; the query code (查询码, `XXXX-XXXX-XXXX`) is given only here: the
//!   complainant needs it to follow the complaint. The same `client_id` and content again →
//!   `200` with `Idempotent-Replayed: true` (and the code, within the replay window); other
//!   content → `422` on `client_id`. New complaints count towards the per-client filing limit
//!   shared with submissions (`429 rate_limited`; a replay does not count).
//! - `POST /api/complaints/lookup {"complaint_no", "query_code"}` → the same body with
//!   `"query_code": null`; a wrong number or code → one generic `404`, rate-limited like case
//!   lookups (per client; per complaint and client; per complaint). The contact phone no
//!   longer opens a complaint: the department complained about knows it.

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::Deserialize;

use crate::AppState;
use crate::api::submissions::{invalid, is_client_id, replayed_json};
use crate::client_addr::ClientIp;
use crate::error::{AppError, Json, lang_from_headers};
use crate::feedback_store::{self, ComplaintOutcome, NewComplaint};
use crate::rate_limit;

use guichet_core::evaluation::{
    MAX_COMPLAINT_CONTACT_CHARS as MAX_CONTACT, MAX_COMPLAINT_FACTS_CHARS as MAX_FACTS,
    MAX_COMPLAINT_SUBJECT_CHARS as MAX_SUBJECT,
};

/// The routes of this module, relative to `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/complaints", post(file))
        .route("/complaints/lookup", post(lookup))
}

/// Body of `POST /api/complaints`.
#[derive(Debug, Deserialize)]
pub struct ComplaintRequest {
    /// Idempotency key.
    pub client_id: String,
    /// 事由.
    pub subject: String,
    /// 事实与理由.
    pub facts: String,
    /// Phone or e-mail.
    pub contact: String,
    /// The case concerned.
    #[serde(default)]
    pub case_no: Option<String>,
}

fn check_text(
    fields: &mut BTreeMap<String, crate::error::Localized>,
    name: &str,
    value: &str,
    max: usize,
) {
    let key = if value.trim().is_empty() {
        "complaint.field.required"
    } else if value.chars().count() > max {
        "complaint.field.too_long"
    } else {
        return;
    };
    if let AppError::Validation { fields: one } = invalid(name, key) {
        fields.extend(one);
    }
}

/// `POST /api/complaints`.
pub async fn file(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Json(request): Json<ComplaintRequest>,
) -> Result<Response, AppError> {
    if !is_client_id(&request.client_id) {
        return Err(invalid("client_id", "submission.client_id.invalid"));
    }
    let mut fields = BTreeMap::new();
    check_text(&mut fields, "subject", &request.subject, MAX_SUBJECT);
    check_text(&mut fields, "facts", &request.facts, MAX_FACTS);
    check_text(&mut fields, "contact", &request.contact, MAX_CONTACT);
    if !fields.is_empty() {
        return Err(AppError::Validation { fields });
    }
    let case_no = request
        .case_no
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let new = NewComplaint {
        client_id: &request.client_id,
        subject: request.subject.trim(),
        facts: request.facts.trim(),
        contact: request.contact.trim(),
        case_no,
    };
    let lang = lang_from_headers(&headers);
    let now = state.clock.now();
    let reservation =
        rate_limit::reserve_filing(&state.db, state.filing_limit, &ip, &request.client_id, now)
            .await?;
    let outcome = feedback_store::file_complaint(&state.db, &new, lang, now).await;
    // Created or replayed, the complaint was received: it stays counted (once).
    if !matches!(
        outcome,
        Ok(ComplaintOutcome::Created(_) | ComplaintOutcome::Replayed(_))
    ) {
        rate_limit::release(&state.db, reservation).await?;
    }
    match outcome? {
        ComplaintOutcome::Created(c) => Ok((StatusCode::CREATED, Json(c)).into_response()),
        ComplaintOutcome::Replayed(c) => Ok(replayed_json(
            serde_json::to_value(c).map_err(|e| AppError::Internal(e.to_string()))?,
        )),
        ComplaintOutcome::Conflict => Err(invalid("client_id", "submission.client_id.reused")),
    }
}

/// Body of `POST /api/complaints/lookup`.
#[derive(Debug, Deserialize)]
pub struct ComplaintLookup {
    /// 投诉编号.
    pub complaint_no: String,
    /// Its query code (查询码).
    #[serde(default)]
    pub query_code: String,
}

/// `POST /api/complaints/lookup`.
pub async fn lookup(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Json(request): Json<ComplaintLookup>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let complaint_no = request.complaint_no.trim().to_ascii_uppercase();
    let reservation = crate::api::cases::reserve_lookup(&state, &ip, &complaint_no, now).await?;
    let lang = lang_from_headers(&headers);
    match feedback_store::lookup_complaint(&state.db, &complaint_no, &request.query_code, lang)
        .await?
    {
        Some(complaint) => {
            // Only failures count.
            rate_limit::release(&state.db, reservation).await?;
            Ok(Json(complaint).into_response())
        }
        // The reservation stays: it is the failure's count.
        None => Err(AppError::NotFound),
    }
}
