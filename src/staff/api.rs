//! The staff desk's calls: the session (cookie set by the server, CSRF token kept in memory
//! and sent with every change) and the desk's reads and actions.

use guichet_core::case::EventKind;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::{self, ApiError};

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

/// A department's part of a 联办件, as the queue and the detail carry it.
#[derive(Clone, PartialEq, Deserialize)]
pub struct Part {
    pub department: String,
    #[serde(default)]
    pub deadline: Option<String>,
    /// Where it stands (absent from an older server: shown as pending).
    #[serde(default)]
    pub state: Option<guichet_core::case::PartState>,
    /// Whether absence from the joint meeting counts as consent (缺席默认) for this item.
    #[serde(default)]
    pub default_consent: bool,
    /// Counted over a year whose holidays are not published yet.
    #[serde(default)]
    pub provisional: bool,
    /// The department's name (its code when the server has none).
    #[serde(default)]
    pub department_name: Option<String>,
}

/// One row of the work queue.
#[derive(Clone, PartialEq, Deserialize)]
pub struct QueueItem {
    pub case_no: String,
    pub item: Named,
    pub department: String,
    pub state: String,
    pub state_label: String,
    pub received_at: String,
    #[serde(default)]
    pub due: Option<String>,
    /// `due` was counted over a year whose holidays are not published yet.
    #[serde(default)]
    pub due_provisional: bool,
    #[serde(default)]
    pub parts: Option<Vec<Part>>,
    #[serde(default)]
    pub department_name: Option<String>,
    /// The applicant's name, masked (张*三).
    #[serde(default)]
    pub applicant: Option<String>,
    #[serde(default)]
    pub working_days_left: Option<u32>,
    /// `overdue` or `due_soon`.
    #[serde(default)]
    pub marker: Option<String>,
    /// The core clock's status (`{"status": "paused", "since", "working_days_left"}` …).
    #[serde(default)]
    pub clock: Value,
}

/// `{"code", "name"}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Named {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Deserialize)]
pub struct Queue {
    pub items: Vec<QueueItem>,
    pub total: usize,
    #[serde(default)]
    pub page: usize,
    #[serde(default)]
    pub per_page: usize,
    /// What the filters offer: `{"items": [{"code", "name"}], "departments": [..]}`.
    #[serde(default)]
    pub filters: Value,
}

/// The work queue with `query` (`q=…&state=…&page=…`, already encoded).
pub async fn queue(query: &str) -> Result<Queue, ApiError> {
    api::get_json(&format!("staff/queue?{query}")).await
}

/// A case as the desk sees it: the queue's row plus answers, attachments and the moves allowed.
#[derive(Clone, PartialEq, Deserialize)]
pub struct CaseDetail {
    #[serde(flatten)]
    pub summary: QueueItem,
    #[serde(default)]
    pub answers: Value,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    #[serde(default)]
    pub supplement: Option<Value>,
    #[serde(default)]
    pub next_events: Vec<EventKind>,
    /// The answers as the form's sections of labelled fields (`[{"title", "fields": [{"id",
    /// "label", "text", "files": [{"name", "url", "stored"}]}]}]`), read as JSON values: typed
    /// structs cost the desk's bundle kilobytes it does not have.
    #[serde(default)]
    pub sections: Value,
    /// The item's materials (`[{"name", "form", "status", "status_label"}]`).
    #[serde(default)]
    pub materials: Value,
    /// Every action in words, oldest first (`[{"at", "label", "actor", "department", "note"}]`).
    #[serde(default)]
    pub timeline: Value,
    /// An earlier case with the same item and answers within 30 days (`{"case_no",
    /// "received_at"}`), or null: flagged on the desk, never refused.
    #[serde(default)]
    pub probable_duplicate_of: Value,
}

#[derive(Clone, PartialEq, Deserialize)]
pub struct Attachment {
    pub field_id: String,
    pub name: String,
    pub media_type: String,
    pub size: u64,
    pub stored: bool,
}

/// One case in full.
pub async fn case(case_no: &str) -> Result<CaseDetail, ApiError> {
    api::get_json(&format!("staff/cases/{case_no}")).await
}

/// Moves a case (`{"action", …, "expected_state"}`); the answer is the case after the move.
pub async fn act(case_no: &str, action: &Value, csrf: &str) -> Result<CaseDetail, ApiError> {
    api::post_with_csrf(&format!("staff/cases/{case_no}/actions"), action, csrf).await
}

/// Decides this department's part of a 联办件.
pub async fn decide_part(
    case_no: &str,
    department: &str,
    decision: &str,
    csrf: &str,
) -> Result<Value, ApiError> {
    api::post_with_csrf(
        &format!("staff/cases/{case_no}/parts/{department}/decision"),
        &serde_json::json!({ "decision": decision, "note": "" }),
        csrf,
    )
    .await
}

/// Records `department` absent from the joint meeting (缺席默认): the lead department or the
/// center only.
pub async fn record_absence(
    case_no: &str,
    department: &str,
    csrf: &str,
) -> Result<Value, ApiError> {
    api::post_with_csrf(
        &format!("staff/cases/{case_no}/parts/{department}/absence"),
        &serde_json::json!({}),
        csrf,
    )
    .await
}

/// 电子监察: what is past its deadline, by department.
#[derive(Clone, Deserialize)]
pub struct Overdue {
    pub departments: Vec<OverdueDepartment>,
}

#[derive(Clone, Deserialize)]
pub struct OverdueDepartment {
    pub department: Named,
    pub items: Vec<OverdueItem>,
}

#[derive(Clone, Deserialize)]
pub struct OverdueItem {
    pub kind: String,
    pub case_no: String,
    /// `{"name", …}`; absent for a disclosure request, which has no service item.
    #[serde(default)]
    pub item: Value,
    #[serde(default)]
    pub due: Option<String>,
    pub working_days_overdue: i64,
    #[serde(default)]
    pub provisional: bool,
}

pub async fn overdue() -> Result<Overdue, ApiError> {
    api::get_json("staff/overdue").await
}

/// A bad rating's follow-up.
#[derive(Clone, Deserialize)]
pub struct Followup {
    pub id: i64,
    pub case_no: String,
    pub level: String,
    pub comment: String,
    pub due_date: String,
    #[serde(default)]
    pub reply: Option<String>,
}

#[derive(Clone, Deserialize)]
pub struct Followups {
    pub items: Vec<Followup>,
}

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
