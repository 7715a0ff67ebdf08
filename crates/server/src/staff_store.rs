//! Staff accounts, passwords, lockout and sessions of the staff desk.
//!
//! # Accounts
//! A department account (`role = "department"`, with its department code) sees and acts on
//! its department's cases and joint-review parts; a `center_admin` (行政服务中心) sees all.
//! Passwords are stored as argon2id PHC strings (salt and parameters inside).
//!
//! # Lockout
//! [`MAX_FAILED_LOGINS`] consecutive wrong passwords lock the account for [`LOCK_MINUTES`];
//! a success resets the count. While locked, even the right password is refused, with the same
//! answer as a wrong one, so a guesser learns nothing. Every attempt is counted *before* its
//! password is checked, in the statement that also decides whether the account is locked, so a
//! burst of attempts sent at once cannot all be checked against a stale "not locked"; and a
//! success only undoes the count it can prove was its own, never a lock another attempt set.
//! Per-IP throttling is in
//! [`crate::rate_limit`]. An unknown user name still costs one argon2 verification (against a
//! fixed dummy hash) so that response time does not tell which names exist.
//!
//! # Sessions
//! The cookie carries 256 random bits (base64url); the table keeps only their SHA-256, so a
//! copy of the database cannot be replayed as a session. Each session has its own CSRF token.
//! Expiry slides: every use moves it [`SESSION_HOURS`] ahead, but never past
//! [`SESSION_MAX_HOURS`] after sign-in, so a stolen cookie kept busy still dies by the end of
//! the working day (the cookie itself is a browser session cookie; the server's expiry is what
//! counts).

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use guichet_core::form::sha256_hex;
use serde::Serialize;
use sqlx::Row;

use crate::db::Pool;

/// Consecutive failures that lock an account.
pub const MAX_FAILED_LOGINS: i64 = 5;
/// How long a lock lasts.
pub const LOCK_MINUTES: i64 = 15;
/// Idle time after which a session ends.
pub const SESSION_HOURS: i64 = 8;
/// A session's absolute lifetime from sign-in, however busy: a working day and a bit.
pub const SESSION_MAX_HOURS: i64 = 12;
/// The department code recorded for center administrators' actions.
pub const CENTER: &str = "CENTER";

/// What a staff member may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum StaffRole {
    /// 窗口人员 of one department: works its cases at the window (pre-review, 补正, acceptance)
    /// but publishes nothing.
    Window {
        /// Its code (`"JT"`).
        department_code: String,
    },
    /// 部门审核 of one department: works its cases, and edits its service items and forms.
    Department {
        /// Its code (`"JT"`).
        department_code: String,
    },
    /// 中心管理员: sees and acts on every department's cases.
    CenterAdmin,
    /// 信息公开工作人员 of one agency: handles its requests for government information (依申请公开)
    /// and nothing else.
    Disclosure {
        /// The agency's code (its 统一社会信用代码).
        agency_code: String,
    },
}

/// A staff account (without its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Staff {
    /// Internal id (recorded in case actions; never shown to citizens).
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown on the desk.
    pub display_name: String,
    /// Role and department.
    #[serde(flatten)]
    pub role: StaffRole,
    /// Signed in with a password an administrator set (a new account or a reset): nothing but
    /// choosing a new one is allowed until then.
    pub must_change_password: bool,
}

impl Staff {
    /// The department recorded with this person's actions ([`CENTER`] for an admin).
    pub fn department(&self) -> &str {
        match &self.role {
            StaffRole::Department { department_code } | StaffRole::Window { department_code } => {
                department_code
            }
            StaffRole::CenterAdmin => CENTER,
            StaffRole::Disclosure { agency_code } => agency_code,
        }
    }

    /// Whether this person may see and act on `agency_code`'s disclosure requests: its own
    /// officers and the center's administrators.
    pub fn covers_agency(&self, agency_code: &str) -> bool {
        match &self.role {
            StaffRole::CenterAdmin => true,
            StaffRole::Disclosure { agency_code: own } => own == agency_code,
            StaffRole::Department { .. } | StaffRole::Window { .. } => false,
        }
    }

    /// Whether this person may edit `department_code`'s service items and forms: its 部门审核
    /// and the center's administrators (never a window).
    pub fn edits_department(&self, department_code: &str) -> bool {
        match &self.role {
            StaffRole::CenterAdmin => true,
            StaffRole::Department {
                department_code: own,
            } => own == department_code,
            StaffRole::Window { .. } | StaffRole::Disclosure { .. } => false,
        }
    }

    /// Whether this person sees everything.
    pub fn is_admin(&self) -> bool {
        self.role == StaffRole::CenterAdmin
    }

    /// Whether this person may see and act for `department_code`.
    pub fn covers(&self, department_code: &str) -> bool {
        self.is_admin() || self.department() == department_code
    }
}

/// Why an account could not be created or a password hashed.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// The user name is taken.
    #[error("user name {0:?} is already taken")]
    Taken(String),
    /// Empty or unusable input.
    #[error("{0}")]
    Invalid(&'static str),
    /// Hashing failed (no randomness).
    #[error("cannot hash the password: {0}")]
    Hash(String),
}

/// The smallest password length accepted for new accounts.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// An argon2id PHC string for `password`.
pub fn hash_password(password: &str) -> Result<String, AccountError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| AccountError::Hash(e.to_string()))
}

fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Makes the dummy hash now (at startup), so that the first unknown name does not take longer
/// than a known one.
pub fn prepare_dummy_hash() {
    let _ = dummy_hash();
}

/// A hash of a random password, verified against when the user name is unknown.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let mut bytes = [0u8; 16];
        // Without randomness the fixed bytes are fine: nobody logs in with this hash.
        let _ = getrandom::fill(&mut bytes);
        hash_password(&hex(&bytes)).unwrap_or_default()
    })
}

/// Creates an account. `department_code` is `None` for a center administrator.
pub async fn create_account(
    pool: &Pool,
    username: &str,
    display_name: &str,
    department_code: Option<&str>,
    password: &str,
) -> Result<i64, AccountError> {
    let role = match department_code {
        Some(code) => StaffRole::Department {
            department_code: code.to_owned(),
        },
        None => StaffRole::CenterAdmin,
    };
    create_account_with_role(pool, username, display_name, &role, password).await
}

/// Creates an account with any role (see [`create_account`]).
pub async fn create_account_with_role(
    pool: &Pool,
    username: &str,
    display_name: &str,
    role: &StaffRole,
    password: &str,
) -> Result<i64, AccountError> {
    let username = username.trim();
    if username.is_empty() || username.len() > 64 || username.chars().any(char::is_whitespace) {
        return Err(AccountError::Invalid(
            "the user name must be 1-64 characters without spaces",
        ));
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::Invalid(
            "the password must have at least 10 characters",
        ));
    }
    let display_name = match display_name.trim() {
        "" => username,
        name => name,
    };
    let hash = hash_off_thread(password).await?;
    let mut conn = pool.acquire().await?;
    insert_account(&mut conn, username, display_name, role, &hash, false).await
}

/// Inserts an account whose password is already hashed (in the caller's transaction, so that
/// an administrator's creation and its audit row go together).
pub async fn insert_account(
    conn: &mut crate::db::Connection,
    username: &str,
    display_name: &str,
    role: &StaffRole,
    password_hash: &str,
    must_change_password: bool,
) -> Result<i64, AccountError> {
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT id FROM staff_accounts WHERE username = $1")
            .bind(username)
            .fetch_optional(&mut *conn)
            .await?;
    if exists.is_some() {
        return Err(AccountError::Taken(username.to_owned()));
    }
    let (role, department_code, agency_code) = role_columns(role);
    let id = sqlx::query_scalar(
        "INSERT INTO staff_accounts (username, display_name, role, department_code, agency_code,
             password_hash, must_change_password)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(username)
    .bind(display_name)
    .bind(role)
    .bind(department_code)
    .bind(agency_code)
    .bind(password_hash)
    .bind(i64::from(must_change_password))
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// A role column this server does not know (a newer version's role, a hand-edited row). Such
/// an account is refused, never given a default role: failing open would make it an
/// administrator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("staff account {staff_id}: unknown role {role:?} (or its department/agency missing)")]
pub struct UnknownRole {
    /// The account.
    pub staff_id: i64,
    /// The stored role text.
    pub role: String,
}

/// Whether a row error is an [`UnknownRole`] (the caller refuses the account instead of
/// failing the request).
pub fn is_unknown_role(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Decode(source) if source.is::<UnknownRole>())
}

/// Decodes the stored role columns; anything but the four known shapes is an error.
pub fn decode_role(
    staff_id: i64,
    role: &str,
    department: Option<String>,
    agency: Option<String>,
) -> Result<StaffRole, UnknownRole> {
    match (role, department, agency) {
        ("department", Some(department_code), None) => {
            Ok(StaffRole::Department { department_code })
        }
        ("window", Some(department_code), None) => Ok(StaffRole::Window { department_code }),
        ("disclosure", None, Some(agency_code)) => Ok(StaffRole::Disclosure { agency_code }),
        ("center_admin", None, None) => Ok(StaffRole::CenterAdmin),
        (other, _, _) => Err(UnknownRole {
            staff_id,
            role: other.to_owned(),
        }),
    }
}

fn staff_from_row(row: &crate::db::Row) -> Result<Staff, sqlx::Error> {
    let id: i64 = row.try_get("id")?;
    let role: String = row.try_get("role")?;
    let department: Option<String> = row.try_get("department_code")?;
    let agency: Option<String> = row.try_get("agency_code")?;
    let role = decode_role(id, &role, department, agency).map_err(|unknown| {
        tracing::error!(
            staff_id = unknown.staff_id,
            role = %unknown.role,
            "staff account with an unknown role refused"
        );
        sqlx::Error::Decode(Box::new(unknown))
    })?;
    Ok(Staff {
        id,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        role,
        must_change_password: row.try_get::<i64, _>("must_change_password")? != 0,
    })
}

/// What a login attempt gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginOutcome {
    /// Right password, account not locked.
    Success(Staff),
    /// Unknown user, wrong password or locked account (deliberately not told apart).
    Refused,
}

/// The columns of an account that a login reads.
const LOGIN_COLUMNS: &str = "id, username, display_name, role, department_code, agency_code,
     password_hash, failed_logins, locked_until, must_change_password, disabled";

/// Checks a password, counting the attempt first and locking the account (see the module docs).
///
/// Hashing is slow; the caller bounds how many run at once (`password_gate`).
pub async fn login(
    pool: &Pool,
    username: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<LoginOutcome, sqlx::Error> {
    let now_stamp = crate::db::time_text(now);
    let lock_until = crate::db::time_text(now + Duration::minutes(LOCK_MINUTES));
    // One statement counts this attempt and decides, so concurrent attempts all count: while a
    // lock is in force nothing changes; otherwise the attempt is counted, and one attempt more
    // than the allowed failures sets the lock instead (and restarts the count).
    let row = sqlx::query(&format!(
        "UPDATE staff_accounts SET
             failed_logins = CASE
                 WHEN locked_until IS NOT NULL AND locked_until > $2 THEN failed_logins
                 WHEN failed_logins + 1 > $3 THEN 0
                 ELSE failed_logins + 1 END,
             locked_until = CASE
                 WHEN locked_until IS NOT NULL AND locked_until > $2 THEN locked_until
                 WHEN failed_logins + 1 > $3 THEN $4
                 ELSE locked_until END
         WHERE username = $1
         RETURNING {LOGIN_COLUMNS}"
    ))
    .bind(username.trim())
    .bind(&now_stamp)
    .bind(MAX_FAILED_LOGINS)
    .bind(&lock_until)
    .fetch_optional(pool)
    .await?;
    let admitted = match &row {
        Some(row) => {
            let locked_until: Option<String> = row.try_get("locked_until")?;
            let locked = locked_until
                .as_deref()
                .is_some_and(|t| t > now_stamp.as_str());
            if locked && locked_until.as_deref() == Some(lock_until.as_str()) {
                log_locked(username);
            }
            !locked && row.try_get::<i64, _>("disabled")? == 0
        }
        None => false,
    };
    // Refused attempts (unknown name, locked, disabled) still cost one verification, against
    // the dummy hash, so that timing tells nothing.
    let stored: String = match &row {
        Some(row) if admitted => row.try_get("password_hash")?,
        _ => dummy_hash().to_owned(),
    };
    let typed = password.to_owned();
    let matches = tokio::task::spawn_blocking(move || verify_password(&typed, &stored))
        .await
        .unwrap_or(false);
    let Some(row) = row.filter(|_| admitted) else {
        return Ok(LoginOutcome::Refused);
    };
    let staff = match staff_from_row(&row) {
        Ok(staff) => staff,
        Err(error) if is_unknown_role(&error) => return Ok(LoginOutcome::Refused),
        Err(error) => return Err(error),
    };
    let counted: i64 = row.try_get("failed_logins")?;
    if matches {
        // Undo only what this request can prove: the whole count if nobody else attempted
        // since (the failures before it were its owner's), else just its own attempt. A lock
        // set meanwhile by another request stays, and refuses this one too.
        let kept: Option<i64> = sqlx::query_scalar(
            "UPDATE staff_accounts SET
                 failed_logins = CASE WHEN failed_logins = $2 THEN 0 ELSE failed_logins - 1 END
             WHERE id = $1 AND failed_logins > 0
                 AND (locked_until IS NULL OR locked_until <= $3)
             RETURNING id",
        )
        .bind(staff.id)
        .bind(counted)
        .bind(&now_stamp)
        .fetch_optional(pool)
        .await?;
        return Ok(match kept {
            Some(_) => LoginOutcome::Success(staff),
            None => LoginOutcome::Refused,
        });
    }
    // The attempt is counted already; the last allowed failure locks the account.
    let locked: Option<i64> = sqlx::query_scalar(
        "UPDATE staff_accounts SET failed_logins = 0, locked_until = $2
         WHERE id = $1 AND failed_logins >= $3
             AND (locked_until IS NULL OR locked_until <= $4)
         RETURNING id",
    )
    .bind(staff.id)
    .bind(&lock_until)
    .bind(MAX_FAILED_LOGINS)
    .bind(&now_stamp)
    .fetch_optional(pool)
    .await?;
    if locked.is_some() {
        log_locked(username);
    }
    Ok(LoginOutcome::Refused)
}

fn log_locked(username: &str) {
    tracing::warn!(
        target: "guichet::security",
        event = "account_locked",
        username = username.trim(),
        minutes = LOCK_MINUTES,
        "staff account locked after repeated failed sign-ins"
    );
}

/// A new session: the cookie token (to send once) and its CSRF token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// The cookie value.
    pub token: String,
    /// The CSRF token for `X-CSRF-Token`.
    pub csrf_token: String,
}

fn random_token() -> Result<String, sqlx::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| sqlx::Error::Io(std::io::Error::other(format!("no randomness: {e}"))))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Opens a session for `staff_id`.
pub async fn open_session(
    pool: &Pool,
    staff_id: i64,
    now: DateTime<Utc>,
) -> Result<NewSession, sqlx::Error> {
    let token = random_token()?;
    let csrf_token = random_token()?;
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(sha256_hex(token.as_bytes()))
    .bind(staff_id)
    .bind(&csrf_token)
    .bind(crate::db::time_text(now))
    .bind(crate::db::time_text(session_expiry(now, now)))
    .execute(pool)
    .await?;
    // Expired sessions are of no use to anyone: purge them now and then (here).
    sqlx::query("DELETE FROM staff_sessions WHERE expires_at < $1")
        .bind(crate::db::time_text(now))
        .execute(pool)
        .await?;
    Ok(NewSession { token, csrf_token })
}

/// When a session signed in at `created_at` and used at `now` ends: [`SESSION_HOURS`] idle,
/// never later than [`SESSION_MAX_HOURS`] after sign-in.
pub fn session_expiry(created_at: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    (now + Duration::hours(SESSION_HOURS)).min(created_at + Duration::hours(SESSION_MAX_HOURS))
}

/// The staff member and CSRF token of a live session, sliding its expiry (within its absolute
/// lifetime). An account whose role is unknown has no session ([`UnknownRole`]).
pub async fn session(
    pool: &Pool,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<(Staff, String)>, sqlx::Error> {
    let token_hash = sha256_hex(token.as_bytes());
    // Both ends are checked here, so a row slid by an older server (no absolute end) still
    // dies [`SESSION_MAX_HOURS`] after sign-in. Stamps are fixed-width UTC text: they compare
    // as text.
    let row = sqlx::query(
        "SELECT a.id, a.username, a.display_name, a.role, a.department_code, a.agency_code,
             a.must_change_password, s.csrf_token, s.created_at
         FROM staff_sessions s JOIN staff_accounts a ON a.id = s.staff_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.created_at > $3 AND a.disabled = 0",
    )
    .bind(&token_hash)
    .bind(crate::db::time_text(now))
    .bind(crate::db::time_text(
        now - Duration::hours(SESSION_MAX_HOURS),
    ))
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let staff = match staff_from_row(&row) {
        Ok(staff) => staff,
        Err(error) if is_unknown_role(&error) => return Ok(None),
        Err(error) => return Err(error),
    };
    let csrf: String = row.try_get("csrf_token")?;
    let created_at: String = row.try_get("created_at")?;
    let created_at = DateTime::parse_from_rfc3339(&created_at)
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?
        .with_timezone(&Utc);
    sqlx::query("UPDATE staff_sessions SET expires_at = $1 WHERE token_hash = $2")
        .bind(crate::db::time_text(session_expiry(created_at, now)))
        .bind(&token_hash)
        .execute(pool)
        .await?;
    Ok(Some((staff, csrf)))
}

/// Ends a session (logout).
pub async fn close_session(pool: &Pool, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
        .bind(sha256_hex(token.as_bytes()))
        .execute(pool)
        .await?;
    Ok(())
}

/// A staff member by id.
pub async fn staff_by_id(pool: &Pool, id: i64) -> Result<Option<Staff>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, username, display_name, role, department_code, agency_code, must_change_password
         FROM staff_accounts WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(staff_from_row).transpose()
}

/// An account as the center's administrators manage it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountRow {
    /// Who, with role and scope.
    #[serde(flatten)]
    pub staff: Staff,
    /// Disabled accounts cannot sign in and lose their sessions.
    pub disabled: bool,
    /// UTC, RFC 3339.
    pub created_at: String,
}

/// Every account, administrators first, then by department and name.
pub async fn accounts(pool: &Pool) -> Result<Vec<AccountRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, username, display_name, role, department_code, agency_code,
             must_change_password, disabled, created_at
         FROM staff_accounts
         ORDER BY role <> 'center_admin', department_code, agency_code, username",
    )
    .fetch_all(pool)
    .await?;
    rows.iter().map(account_from_row).collect()
}

/// One account by user name.
pub async fn account(
    conn: &mut crate::db::Connection,
    username: &str,
) -> Result<Option<AccountRow>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, username, display_name, role, department_code, agency_code,
             must_change_password, disabled, created_at
         FROM staff_accounts WHERE username = $1",
    )
    .bind(username)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(account_from_row).transpose()
}

fn account_from_row(row: &crate::db::Row) -> Result<AccountRow, sqlx::Error> {
    Ok(AccountRow {
        staff: staff_from_row(row)?,
        disabled: row.try_get::<i64, _>("disabled")? != 0,
        created_at: row.try_get("created_at")?,
    })
}

/// A password for an administrator to hand over once: 12 characters from an alphabet without
/// look-alikes (no 0/O, 1/l/I), about 70 bits.
pub fn temporary_password() -> Result<String, AccountError> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| AccountError::Hash(e.to_string()))?;
    Ok(bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect())
}

/// Hashes `password` off the async workers (argon2 takes tens of milliseconds).
pub async fn hash_off_thread(password: &str) -> Result<String, AccountError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::Invalid(
            "the password must have at least 10 characters",
        ));
    }
    let owned = password.to_owned();
    tokio::task::spawn_blocking(move || hash_password(&owned))
        .await
        .map_err(|e| AccountError::Hash(e.to_string()))?
}

/// Checks `password` against account `id`'s hash.
pub async fn password_matches(pool: &Pool, id: i64, password: &str) -> Result<bool, sqlx::Error> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM staff_accounts WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    let Some(stored) = stored else {
        return Ok(false);
    };
    let typed = password.to_owned();
    Ok(
        tokio::task::spawn_blocking(move || verify_password(&typed, &stored))
            .await
            .unwrap_or(false),
    )
}

/// Sets account `id`'s password hash and whether it must be changed at the next sign-in, and
/// clears its lock. A reset by an administrator also ends the account's sessions.
pub async fn set_password_hash(
    conn: &mut crate::db::Connection,
    id: i64,
    hash: &str,
    must_change: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE staff_accounts SET password_hash = $1, must_change_password = $2,
             failed_logins = 0, locked_until = NULL
         WHERE id = $3",
    )
    .bind(hash)
    .bind(i64::from(must_change))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if must_change {
        end_sessions(conn, id).await?;
    }
    Ok(())
}

/// Disables or re-enables account `id`; disabling ends its sessions at once.
pub async fn set_disabled(
    conn: &mut crate::db::Connection,
    id: i64,
    disabled: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_accounts SET disabled = $1 WHERE id = $2")
        .bind(i64::from(disabled))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if disabled {
        end_sessions(conn, id).await?;
    }
    Ok(())
}

/// Changes account `id`'s display name and role (with its department or agency).
pub async fn set_role(
    conn: &mut crate::db::Connection,
    id: i64,
    display_name: &str,
    role: &StaffRole,
) -> Result<(), sqlx::Error> {
    let (role, department_code, agency_code) = role_columns(role);
    sqlx::query(
        "UPDATE staff_accounts SET display_name = $1, role = $2, department_code = $3,
             agency_code = $4
         WHERE id = $5",
    )
    .bind(display_name)
    .bind(role)
    .bind(department_code)
    .bind(agency_code)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The stored columns of a role: (role, department code, agency code).
fn role_columns(role: &StaffRole) -> (&'static str, Option<&str>, Option<&str>) {
    match role {
        StaffRole::Department { department_code } => {
            ("department", Some(department_code.as_str()), None)
        }
        StaffRole::Window { department_code } => ("window", Some(department_code.as_str()), None),
        StaffRole::CenterAdmin => ("center_admin", None, None),
        StaffRole::Disclosure { agency_code } => ("disclosure", None, Some(agency_code.as_str())),
    }
}

/// How many enabled center administrators there are (the last one may not be disabled or
/// demoted: nobody could manage accounts any more).
pub async fn enabled_admins(conn: &mut crate::db::Connection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff_accounts WHERE role = 'center_admin' AND disabled = 0",
    )
    .fetch_one(conn)
    .await
}

async fn end_sessions(conn: &mut crate::db::Connection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM staff_sessions WHERE staff_id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}
