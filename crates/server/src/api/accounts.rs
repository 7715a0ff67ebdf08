//! Staff accounts managed on the desk, the first-sign-in password change, and the audit log.
//!
//! - `GET /api/staff/accounts` (center administrators) → `{"accounts": [{"id", "username",
//!   "display_name", "role", "department_code"?, "agency_code"?, "must_change_password",
//!   "disabled", "created_at"}], "departments": [{"code", "name"}], "agencies": [{"code",
//!   "name"}]}`.
//! - `POST /api/staff/accounts {"username", "display_name", "role": "window" | "department" |
//!   "disclosure" | "center_admin", "department_code"?, "agency_code"?}` → `201 {"account",
//!   "temporary_password"}`: the server chooses the password, shown once; the person must
//!   replace it at first sign-in.
//! - `PUT` (or `POST`) `/api/staff/accounts/{username}` (same fields but the user name) →
//!   `{"account"}`.
//! - `POST /api/staff/accounts/{username}/disable` | `/enable` → `{"account"}`; disabling ends
//!   the account's sessions. `POST …/reset-password` → `{"account", "temporary_password"}`.
//!   An administrator cannot disable or demote themselves, nor the last enabled administrator.
//! - `POST /api/staff/password {"current", "new"}` → the session as `GET /api/staff/me` gives
//!   it. The only call (with `me` and `logout`) open to a session whose password must change.
//! - `GET /api/staff/audit?kind=&subject=&before=` (center administrators) → `{"entries":
//!   [{"id", "at", "staff_name", "kind", "subject", "before", "after"}], "next"}`, newest first,
//!   100 a page; `next` is the `before=` of the following page.
//!
//! Every change to an account is written with its `audit_log` row in one transaction.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use guichet_core::wire::cases::Named;
use guichet_core::wire::staff::{Account, AccountAnswer, AccountList, AuditPage};
use serde::Deserialize;
use serde_json::{Value, json};

use super::staff::StaffSession;
use crate::AppState;
use crate::api::submissions::invalid;
use crate::audit_store;
use crate::error::{AppError, Json};
use crate::staff_store::{self, AccountError, AccountRow, StaffRole};

/// Audit entries per page.
const AUDIT_PAGE: i64 = 100;

/// The routes of this module, relative to `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/accounts", get(list).post(create))
        // PUT, and POST for clients without a PUT helper (the desk's HTTP client).
        .route(
            "/staff/accounts/{username}",
            axum::routing::put(update).post(update),
        )
        .route("/staff/accounts/{username}/disable", post(disable))
        .route("/staff/accounts/{username}/enable", post(enable))
        .route("/staff/accounts/{username}/reset-password", post(reset))
        .route("/staff/password", post(change_password))
        .route("/staff/audit", get(audit))
}

impl From<AccountError> for AppError {
    fn from(error: AccountError) -> Self {
        match error {
            AccountError::Db(db) => db.into(),
            AccountError::Taken(_) => invalid("username", "admin.account.taken"),
            // The handlers check user names themselves; what the store still refuses here is a
            // password that is too short (`hash_off_thread`).
            AccountError::Invalid(_) => invalid("new", "admin.password_too_short"),
            AccountError::Hash(detail) => AppError::Internal(detail),
        }
    }
}

fn require_admin(session: &StaffSession) -> Result<(), AppError> {
    if session.staff.is_admin() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// `GET /api/staff/accounts`.
async fn list(
    State(state): State<AppState>,
    session: StaffSession,
) -> Result<Json<AccountList>, AppError> {
    require_admin(&session)?;
    let accounts = staff_store::accounts(&state.db)
        .await?
        .iter()
        .map(wire_account)
        .collect();
    let departments = crate::services_store::departments(&state.db)
        .await?
        .into_iter()
        .map(|d| Named {
            code: d.code,
            name: d.name,
        })
        .collect();
    let agencies = crate::disclosure_store::agencies(&state.db)
        .await?
        .into_iter()
        .map(|a| Named {
            code: a.code,
            name: a.name,
        })
        .collect();
    Ok(Json(AccountList {
        accounts,
        departments,
        agencies,
    }))
}

/// An account as the admin desk shows it.
fn wire_account(row: &AccountRow) -> Account {
    let (role, department_code, agency_code) = match &row.staff.role {
        StaffRole::Window { department_code } => ("window", Some(department_code), None),
        StaffRole::Department { department_code } => ("department", Some(department_code), None),
        StaffRole::CenterAdmin => ("center_admin", None, None),
        StaffRole::Disclosure { agency_code } => ("disclosure", None, Some(agency_code)),
    };
    Account {
        id: row.staff.id,
        username: row.staff.username.clone(),
        display_name: row.staff.display_name.clone(),
        role: role.to_owned(),
        department_code: department_code.cloned(),
        agency_code: agency_code.cloned(),
        must_change_password: row.staff.must_change_password,
        disabled: row.disabled,
        created_at: row.created_at.clone(),
    }
}

/// The answer to a change of `account`, with the password the server chose, if it did.
fn answer(account: &AccountRow, temporary_password: Option<String>) -> Json<AccountAnswer> {
    Json(AccountAnswer {
        account: wire_account(account),
        temporary_password,
    })
}

/// Body of account creation and update.
#[derive(Debug, Deserialize)]
struct AccountForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    department_code: Option<String>,
    #[serde(default)]
    agency_code: Option<String>,
}

impl AccountForm {
    /// The role with its scope, checked against the departments and agencies that exist.
    async fn role(&self, state: &AppState) -> Result<StaffRole, AppError> {
        let department = self
            .department_code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        let agency = self
            .agency_code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        match self.role.as_str() {
            "window" | "department" => {
                let code = department
                    .ok_or_else(|| invalid("department_code", "admin.account.department_needed"))?;
                let known = crate::services_store::departments(&state.db)
                    .await?
                    .iter()
                    .any(|d| d.code == code);
                if !known {
                    return Err(invalid(
                        "department_code",
                        "admin.account.department_unknown",
                    ));
                }
                let department_code = code.to_owned();
                Ok(if self.role == "window" {
                    StaffRole::Window { department_code }
                } else {
                    StaffRole::Department { department_code }
                })
            }
            "disclosure" => {
                let code =
                    agency.ok_or_else(|| invalid("agency_code", "admin.account.agency_needed"))?;
                if crate::disclosure_store::agency(&state.db, code)
                    .await?
                    .is_none()
                {
                    return Err(invalid("agency_code", "admin.account.agency_unknown"));
                }
                Ok(StaffRole::Disclosure {
                    agency_code: code.to_owned(),
                })
            }
            "center_admin" => Ok(StaffRole::CenterAdmin),
            _ => Err(invalid("role", "admin.account.role_unknown")),
        }
    }

    fn display_name(&self) -> Result<String, AppError> {
        let name = self.display_name.trim();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(invalid("display_name", "admin.account.name_invalid"));
        }
        Ok(name.to_owned())
    }
}

/// The account as stored now, for the answer and the audit row.
async fn current(conn: &mut crate::db::Connection, username: &str) -> Result<AccountRow, AppError> {
    staff_store::account(conn, username)
        .await?
        .ok_or(AppError::NotFound)
}

/// An account as its audit row records it (a blob in the database, not an answer; the same
/// fields as the answer's account).
fn audit_json(account: &AccountRow) -> Value {
    json!(account)
}

/// `POST /api/staff/accounts`.
async fn create(
    State(state): State<AppState>,
    session: StaffSession,
    Json(form): Json<AccountForm>,
) -> Result<Response, AppError> {
    require_admin(&session)?;
    let username = form.username.trim().to_owned();
    if username.is_empty()
        || username.len() > 64
        || !username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(invalid("username", "admin.account.username_invalid"));
    }
    let display_name = form.display_name()?;
    let role = form.role(&state).await?;
    let password = staff_store::temporary_password()?;
    let slot = state.password_gate.enter().await?;
    let hash = staff_store::hash_off_thread(&password).await?;
    drop(slot);
    let mut tx = crate::db::begin_write(&state.db).await?;
    staff_store::insert_account(&mut tx, &username, &display_name, &role, &hash, true).await?;
    let account = current(&mut tx, &username).await?;
    audit_store::record(
        &mut tx,
        &session.staff,
        "account.create",
        &username,
        None,
        Some(&audit_json(&account)),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, answer(&account, Some(password))).into_response())
}

/// Refuses a change that would leave nobody able to manage accounts.
async fn keep_an_admin(
    conn: &mut crate::db::Connection,
    session: &StaffSession,
    target: &AccountRow,
) -> Result<(), AppError> {
    if target.staff.id == session.staff.id {
        return Err(invalid("username", "admin.account.not_yourself"));
    }
    if target.staff.is_admin() && !target.disabled && staff_store::enabled_admins(conn).await? <= 1
    {
        return Err(invalid("username", "admin.account.last_admin"));
    }
    Ok(())
}

/// `PUT /api/staff/accounts/{username}`.
async fn update(
    State(state): State<AppState>,
    session: StaffSession,
    Path(username): Path<String>,
    Json(form): Json<AccountForm>,
) -> Result<Json<AccountAnswer>, AppError> {
    require_admin(&session)?;
    let display_name = form.display_name()?;
    let role = form.role(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let before = current(&mut tx, &username).await?;
    if role != before.staff.role {
        keep_an_admin(&mut tx, &session, &before).await?;
    }
    staff_store::set_role(&mut tx, before.staff.id, &display_name, &role).await?;
    let after = current(&mut tx, &username).await?;
    record(&mut tx, &session, "account.update", &before, &after).await?;
    tx.commit().await?;
    Ok(answer(&after, None))
}

/// Writes an account change's audit row.
async fn record(
    conn: &mut crate::db::Connection,
    session: &StaffSession,
    kind: &str,
    before: &AccountRow,
    after: &AccountRow,
) -> Result<(), AppError> {
    audit_store::record(
        conn,
        &session.staff,
        kind,
        &after.staff.username,
        Some(&audit_json(before)),
        Some(&audit_json(after)),
    )
    .await?;
    Ok(())
}

async fn set_disabled(
    state: AppState,
    session: StaffSession,
    username: String,
    disabled: bool,
) -> Result<Json<AccountAnswer>, AppError> {
    require_admin(&session)?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let before = current(&mut tx, &username).await?;
    if disabled {
        keep_an_admin(&mut tx, &session, &before).await?;
    }
    staff_store::set_disabled(&mut tx, before.staff.id, disabled).await?;
    let after = current(&mut tx, &username).await?;
    let kind = if disabled {
        "account.disable"
    } else {
        "account.enable"
    };
    record(&mut tx, &session, kind, &before, &after).await?;
    tx.commit().await?;
    Ok(answer(&after, None))
}

/// `POST /api/staff/accounts/{username}/disable`.
async fn disable(
    State(state): State<AppState>,
    session: StaffSession,
    Path(username): Path<String>,
) -> Result<Json<AccountAnswer>, AppError> {
    set_disabled(state, session, username, true).await
}

/// `POST /api/staff/accounts/{username}/enable`.
async fn enable(
    State(state): State<AppState>,
    session: StaffSession,
    Path(username): Path<String>,
) -> Result<Json<AccountAnswer>, AppError> {
    set_disabled(state, session, username, false).await
}

/// `POST /api/staff/accounts/{username}/reset-password`.
async fn reset(
    State(state): State<AppState>,
    session: StaffSession,
    Path(username): Path<String>,
) -> Result<Json<AccountAnswer>, AppError> {
    require_admin(&session)?;
    let password = staff_store::temporary_password()?;
    let slot = state.password_gate.enter().await?;
    let hash = staff_store::hash_off_thread(&password).await?;
    drop(slot);
    let mut tx = crate::db::begin_write(&state.db).await?;
    let before = current(&mut tx, &username).await?;
    staff_store::set_password_hash(&mut tx, before.staff.id, &hash, true).await?;
    let after = current(&mut tx, &username).await?;
    // The audit row says a reset happened, never the password.
    record(&mut tx, &session, "account.reset_password", &before, &after).await?;
    tx.commit().await?;
    Ok(answer(&after, Some(password)))
}

/// Body of `POST /api/staff/password`.
#[derive(Debug, Deserialize)]
struct PasswordChange {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
}

/// `POST /api/staff/password`.
async fn change_password(
    State(state): State<AppState>,
    session: StaffSession,
    Json(change): Json<PasswordChange>,
) -> Result<Json<guichet_core::wire::staff::StaffSession>, AppError> {
    // One slot for both hashes of this request (the check, then the new one).
    let slot = state.password_gate.enter().await?;
    if !staff_store::password_matches(&state.db, session.staff.id, &change.current).await? {
        return Err(invalid("current", "admin.password_current_wrong"));
    }
    if change.new == change.current {
        return Err(invalid("new", "admin.password_same"));
    }
    let hash = staff_store::hash_off_thread(&change.new).await?;
    drop(slot);
    let mut conn = state.db.acquire().await?;
    staff_store::set_password_hash(&mut conn, session.staff.id, &hash, false).await?;
    drop(conn);
    let staff = staff_store::staff_by_id(&state.db, session.staff.id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(Json(guichet_core::wire::staff::StaffSession {
        staff: super::staff::staff_account(&state, &staff).await?,
        csrf_token: session.csrf_token,
    }))
}

/// Query of `GET /api/staff/audit`.
#[derive(Debug, Deserialize)]
struct AuditQuery {
    kind: Option<String>,
    subject: Option<String>,
    before: Option<i64>,
}

/// `GET /api/staff/audit`.
async fn audit(
    State(state): State<AppState>,
    session: StaffSession,
    Query(query): Query<AuditQuery>,
) -> Result<Json<AuditPage<Value>>, AppError> {
    require_admin(&session)?;
    let entries = audit_store::list(
        &state.db,
        query.kind.as_deref().filter(|k| !k.is_empty()),
        query.subject.as_deref().filter(|s| !s.is_empty()),
        query.before,
        AUDIT_PAGE,
    )
    .await?;
    let next = (entries.len() as i64 == AUDIT_PAGE)
        .then(|| entries.last().map(|e| e.id))
        .flatten();
    Ok(Json(AuditPage { entries, next }))
}
