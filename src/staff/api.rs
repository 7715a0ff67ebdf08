//! The staff desk's calls: the session (cookie set by the server, CSRF token kept in memory
//! and sent with every change) and the desk's reads and actions.

use serde::Serialize;
use serde_json::Value;

use crate::api::{self, ApiError};

pub use guichet_core::wire::cases::Named;
pub use guichet_core::wire::desk::{Followups, Overdue};
pub use guichet_core::wire::staff::{StaffAccount, StaffSession};

#[derive(Serialize)]
struct Credentials<'a> {
    username: &'a str,
    password: &'a str,
}

/// Signs in; the server sets the session cookie.
pub async fn login(username: &str, password: &str) -> Result<StaffSession, ApiError> {
    api::post_json("staff/login", &Credentials { username, password }).await
}

/// Who is signed in (after a reload).
pub async fn me() -> Result<StaffSession, ApiError> {
    api::get_json("staff/me").await
}

#[derive(Serialize)]
struct PasswordChange<'a> {
    current: &'a str,
    new: &'a str,
}

/// Replaces the signed-in person's password; the answer is the session as it now stands.
pub async fn change_password(
    current: &str,
    new: &str,
    csrf: &str,
) -> Result<StaffSession, ApiError> {
    api::post_with_csrf("staff/password", &PasswordChange { current, new }, csrf).await
}

/// Signs out.
pub async fn logout(csrf: &str) -> Result<(), ApiError> {
    api::post_with_csrf::<_, Value>("staff/logout", &serde_json::json!({}), csrf)
        .await
        .map(|_| ())
}

/// One row of the work queue; the clock stays JSON (`{"status": "paused", "since",
/// "working_days_left"}` …), read by the deadline's words.
pub type QueueItem = guichet_core::wire::desk::QueueRow<Value>;

/// A page of the work queue; what the filters offer stays JSON (`{"items": [{"code", "name"}],
/// "departments": [..]}`): decoding it and the probable duplicate as types costs the bundle
/// ~0.5 KB it does not have (measured).
pub type Queue = guichet_core::wire::desk::Queue<Value, Value>;

/// The work queue with `query` (`q=…&state=…&page=…`, already encoded).
pub async fn queue(query: &str) -> Result<Queue, ApiError> {
    api::get_json(&format!("staff/queue?{query}")).await
}

/// A case as the desk sees it: the queue's row plus answers, attachments and the moves
/// allowed. The sections of labelled answers, the materials and the history in words stay
/// JSON values, read by member: typed structs cost the desk's bundle kilobytes it does not
/// have. The probable duplicate (`{"case_no", "received_at"}`) stays JSON too (see [`Queue`]);
/// the core events and the 补正 request, never shown, are `()`: no code to clone or drop them.
pub type CaseDetail = guichet_core::wire::desk::CaseDetail<Value, Value, Value, (), ()>;

/// One case in full.
pub async fn case(case_no: &str) -> Result<CaseDetail, ApiError> {
    api::get_json(&format!("staff/cases/{case_no}")).await
}

/// Moves a case (`{"action", …, "expected_state"}`); the answer is the case after the move.
pub async fn act(case_no: &str, action: &Value, csrf: &str) -> Result<CaseDetail, ApiError> {
    api::post_with_csrf(&format!("staff/cases/{case_no}/actions"), action, csrf).await
}

/// Decides this department's part of a 联办件; the answer is the case after the decision.
pub async fn decide_part(
    case_no: &str,
    department: &str,
    decision: &str,
    csrf: &str,
) -> Result<CaseDetail, ApiError> {
    api::post_with_csrf(
        &format!("staff/cases/{case_no}/parts/{department}/decision"),
        &serde_json::json!({ "decision": decision, "note": "" }),
        csrf,
    )
    .await
}

/// Records `department` absent from the joint meeting (缺席默认): the lead department or the
/// center only; the answer is the case after it.
pub async fn record_absence(
    case_no: &str,
    department: &str,
    csrf: &str,
) -> Result<CaseDetail, ApiError> {
    api::post_with_csrf(
        &format!("staff/cases/{case_no}/parts/{department}/absence"),
        &serde_json::json!({}),
        csrf,
    )
    .await
}

/// 电子监察: what is past its deadline, by department.
pub async fn overdue() -> Result<Overdue, ApiError> {
    api::get_json("staff/overdue").await
}

/// The bad ratings' follow-ups this desk answers.
pub async fn followups() -> Result<Followups, ApiError> {
    api::get_json("staff/followups").await
}

pub async fn reply(id: i64, text: &str, csrf: &str) -> Result<Value, ApiError> {
    api::post_with_csrf(
        &format!("staff/followups/{id}/reply"),
        &serde_json::json!({ "reply": text }),
        csrf,
    )
    .await
}
