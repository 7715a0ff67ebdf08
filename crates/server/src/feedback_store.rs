//! 好差评 (one rating per concluded case; a bad one opens a follow-up the department must answer
//! within 15 working days) and complaints (投诉, GB/T 36113-2018) with their tracking number.
//!
//! Ratings and complaints arrive through the app's outbox, so both are idempotent on the
//! client's id: the same id with the same content gives the stored answer again, with other
//! content a conflict. A complaint is tracked by its number and a query code (查询码) made like
//! a case's ([`IssuedCode`]): the contact phone alone would let the department complained about,
//! which knows it, read the complaint. The code is given in the answer to the filing (and to its
//! replays for [`REPLAY_DAYS`] days), and only its salted hash is kept. Which ratings are bad and the follow-up period are core rules
//! ([`Rating::is_bad`], [`FOLLOW_UP_WORKING_DAYS`]).

use chrono::{DateTime, Utc};
use guichet_core::Calendar;
use guichet_core::case::CaseState;
use guichet_core::evaluation::{FOLLOW_UP_WORKING_DAYS, Rating};
use guichet_core::form::sha256_hex;
use serde::Serialize;
use sqlx::Row;

use crate::cases_store::{CaseError, CaseRecord};
use crate::db::Pool;
use crate::staff_store::Staff;
use crate::submissions_store::{IssuedCode, REPLAY_DAYS, china_today, query_code_matches};

/// A stored rating (the answer to `POST /api/cases/{no}/evaluation`) and its follow-up.
pub use guichet_core::wire::cases::{EvaluationReceipt as Evaluation, FollowupRef};

/// What rating a case did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvaluationOutcome {
    /// New.
    Created(Evaluation),
    /// This client id already rated this case the same way.
    Replayed(Evaluation),
    /// This client id was already used with other content (refused like a reused submission id).
    ClientIdReused,
    /// The case already has a rating (一事一评).
    AlreadyRated,
    /// The case is not concluded.
    NotConcluded,
}

/// Rates a concluded case once (see the module docs).
pub async fn evaluate(
    pool: &Pool,
    calendar: &Calendar,
    record: &CaseRecord,
    client_id: &str,
    level: Rating,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<EvaluationOutcome, CaseError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let existing = sqlx::query(
        "SELECT e.id, e.case_id, e.client_id, e.level, e.comment, e.created_at, f.id AS followup_id,
             f.due_date
         FROM evaluations e LEFT JOIN followups f ON f.evaluation_id = e.id
         WHERE e.case_id = $1 OR e.client_id = $2",
    )
    .bind(record.id)
    .bind(client_id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(row) = existing {
        let stored_client: String = row.try_get("client_id")?;
        let stored_level: String = row.try_get("level")?;
        let stored_comment: String = row.try_get("comment")?;
        let stored_case: i64 = row.try_get("case_id")?;
        // A replay is the same id, for the same case, with the same content. The same id with
        // anything else is a reused id (as for submissions); another id means the case is rated.
        if stored_client == client_id {
            let same = stored_case == record.id
                && stored_level == level.code()
                && stored_comment == comment;
            if !same {
                return Ok(EvaluationOutcome::ClientIdReused);
            }
        } else {
            return Ok(EvaluationOutcome::AlreadyRated);
        }
        let followup_id: Option<i64> = row.try_get("followup_id")?;
        let due: Option<String> = row.try_get("due_date")?;
        return Ok(EvaluationOutcome::Replayed(Evaluation {
            case_no: record.case_no.clone(),
            level,
            created_at: row.try_get("created_at")?,
            followup: followup_id
                .zip(due)
                .map(|(id, due_date)| FollowupRef { id, due_date }),
        }));
    }
    if !matches!(record.state(), CaseState::Concluded(_)) {
        return Ok(EvaluationOutcome::NotConcluded);
    }
    let evaluation_id: i64 = sqlx::query_scalar(
        "INSERT INTO evaluations (case_id, client_id, level, comment, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(record.id)
    .bind(client_id)
    .bind(level.code())
    .bind(comment)
    .bind(crate::db::time_text(now))
    .fetch_one(&mut *tx)
    .await?;
    let mut followup = None;
    if level.is_bad() {
        let due = calendar
            .add_working_days(china_today(now), FOLLOW_UP_WORKING_DAYS)
            .map_err(|e| CaseError::Calendar(e.to_string()))?
            .to_string();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO followups (evaluation_id, case_id, department_code, due_date, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(evaluation_id)
        .bind(record.id)
        .bind(&record.department_code)
        .bind(&due)
        .bind(crate::db::time_text(now))
        .fetch_one(&mut *tx)
        .await?;
        followup = Some(FollowupRef { id, due_date: due });
    }
    tx.commit().await?;
    Ok(EvaluationOutcome::Created(Evaluation {
        case_no: record.case_no.clone(),
        level,
        created_at: crate::db::time_text(now),
        followup,
    }))
}

/// The rating a case was given, if any: its level (for the citizen's view of the case).
pub async fn rating_of(pool: &Pool, case_id: i64) -> Result<Option<Rating>, sqlx::Error> {
    let level: Option<String> =
        sqlx::query_scalar("SELECT level FROM evaluations WHERE case_id = $1")
            .bind(case_id)
            .fetch_optional(pool)
            .await?;
    Ok(level.as_deref().and_then(Rating::from_code))
}

/// A follow-up on the staff desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Followup {
    /// Its id.
    pub id: i64,
    /// The case.
    pub case_no: String,
    /// The department that must answer.
    pub department: String,
    /// The rating.
    pub level: String,
    /// The citizen's comment.
    pub comment: String,
    /// The last day to answer.
    pub due_date: String,
    /// The answer, once given.
    pub reply: Option<String>,
    /// When it was answered.
    pub replied_at: Option<String>,
    /// When it was opened.
    pub created_at: String,
}

const FOLLOWUP_SELECT: &str = "SELECT f.id, c.case_no, f.department_code, e.level, e.comment,
        f.due_date, f.reply, f.replied_at, f.created_at
    FROM followups f JOIN evaluations e ON e.id = f.evaluation_id JOIN cases c ON c.id = f.case_id";

fn followup_from_row(row: &crate::db::Row) -> Result<Followup, sqlx::Error> {
    Ok(Followup {
        id: row.try_get("id")?,
        case_no: row.try_get("case_no")?,
        department: row.try_get("department_code")?,
        level: row.try_get("level")?,
        comment: row.try_get("comment")?,
        due_date: row.try_get("due_date")?,
        reply: row.try_get("reply")?,
        replied_at: row.try_get("replied_at")?,
        created_at: row.try_get("created_at")?,
    })
}

/// The follow-ups `staff` must see, unanswered first, by due date.
pub async fn followups(pool: &Pool, staff: &Staff) -> Result<Vec<Followup>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{FOLLOWUP_SELECT} WHERE $1 OR f.department_code = $2
         ORDER BY f.reply IS NOT NULL, f.due_date, f.id"
    ))
    .bind(staff.is_admin())
    .bind(staff.department())
    .fetch_all(pool)
    .await?;
    rows.iter().map(followup_from_row).collect()
}

/// Answers a follow-up once.
pub async fn reply_followup(
    pool: &Pool,
    staff: &Staff,
    id: i64,
    reply: &str,
    now: DateTime<Utc>,
) -> Result<Followup, CaseError> {
    let row = sqlx::query(&format!("{FOLLOWUP_SELECT} WHERE f.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(CaseError::NotFound)?;
    let followup = followup_from_row(&row)?;
    if !staff.covers(&followup.department) {
        return Err(CaseError::NotFound);
    }
    let updated = sqlx::query(
        "UPDATE followups SET reply = $1, replied_by = $2, replied_at = $3
         WHERE id = $4 AND reply IS NULL",
    )
    .bind(reply)
    .bind(staff.id)
    .bind(crate::db::time_text(now))
    .bind(id)
    .execute(pool)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(CaseError::AlreadyReplied);
    }
    Ok(Followup {
        reply: Some(reply.to_owned()),
        replied_at: Some(crate::db::time_text(now)),
        ..followup
    })
}

/// A complaint as its author tracks it (the answer to its filing and lookups).
pub use guichet_core::wire::cases::Complaint;

/// A new complaint.
#[derive(Debug, Clone)]
pub struct NewComplaint<'a> {
    /// Idempotency key.
    pub client_id: &'a str,
    /// 事由.
    pub subject: &'a str,
    /// 事实与理由.
    pub facts: &'a str,
    /// Phone or e-mail, for the answer.
    pub contact: &'a str,
    /// The related case.
    pub case_no: Option<&'a str>,
}

/// What filing a complaint did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComplaintOutcome {
    /// New.
    Created(Complaint),
    /// Same client id, same content.
    Replayed(Complaint),
    /// Same client id, other content.
    Conflict,
}

fn complaint_hash(new: &NewComplaint<'_>) -> String {
    let canonical = serde_json::json!([new.subject, new.facts, new.contact, new.case_no]);
    sha256_hex(canonical.to_string().as_bytes())
}

fn complaint_from_row(
    row: &crate::db::Row,
    lang: guichet_core::Lang,
) -> Result<Complaint, sqlx::Error> {
    let status: String = row.try_get("status")?;
    let reply: Option<String> = row.try_get("reply")?;
    let status = if reply.is_some() {
        "answered".to_owned()
    } else {
        status
    };
    let status_label = guichet_core::tr(
        lang,
        if status == "answered" {
            "complaint.status.answered"
        } else {
            "complaint.status.received"
        },
    )
    .to_owned();
    Ok(Complaint {
        complaint_no: row.try_get("complaint_no")?,
        subject: row.try_get("subject")?,
        status,
        status_label,
        case_no: row.try_get("case_no")?,
        reply,
        created_at: row.try_get("created_at")?,
        query_code: None,
    })
}

/// Files a complaint exactly once per client id.
pub async fn file_complaint(
    pool: &Pool,
    new: &NewComplaint<'_>,
    lang: guichet_core::Lang,
    now: DateTime<Utc>,
) -> Result<ComplaintOutcome, sqlx::Error> {
    let hash = complaint_hash(new);
    // Random values first: nothing fallible should run while the write lock is held.
    let code = IssuedCode::new()?;
    let mut tx = crate::db::begin_write(pool).await?;
    let existing = sqlx::query("SELECT * FROM complaints WHERE client_id = $1")
        .bind(new.client_id)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(row) = existing {
        let stored: String = row.try_get("content_hash")?;
        return Ok(if stored == hash {
            let replay_until: Option<String> = row.try_get("replay_until")?;
            let code = match replay_until {
                Some(until) if until > crate::db::time_text(now) => {
                    row.try_get("query_code_replay")?
                }
                _ => None,
            };
            ComplaintOutcome::Replayed(Complaint {
                query_code: code,
                ..complaint_from_row(&row, lang)?
            })
        } else {
            ComplaintOutcome::Conflict
        });
    }
    let day = china_today(now).format("%Y%m%d").to_string();
    // The case-number counters serve complaints too, under a code no department uses.
    let sequence: i64 = sqlx::query_scalar(
        "INSERT INTO case_sequences (day, department_code, last_value) VALUES ($1, '#TS', 1)
         ON CONFLICT (day, department_code) DO UPDATE SET last_value = case_sequences.last_value + 1
         RETURNING last_value",
    )
    .bind(&day)
    .fetch_one(&mut *tx)
    .await?;
    let complaint_no = format!("TS{day}-{sequence:04}");
    let replay_until = crate::db::time_text(now + chrono::Duration::days(REPLAY_DAYS));
    let row = sqlx::query(
        "INSERT INTO complaints (complaint_no, client_id, content_hash, subject, facts, contact,
             case_no, created_at, query_code_salt, query_code_hash, query_code_replay,
             replay_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *",
    )
    .bind(&complaint_no)
    .bind(new.client_id)
    .bind(&hash)
    .bind(new.subject)
    .bind(new.facts)
    .bind(new.contact)
    .bind(new.case_no)
    .bind(crate::db::time_text(now))
    .bind(&code.salt)
    .bind(&code.hash)
    .bind(&code.code)
    .bind(&replay_until)
    .fetch_one(&mut *tx)
    .await?;
    // Erase codes whose replay window has passed (usually touches nothing).
    sqlx::query(
        "UPDATE complaints SET query_code_replay = NULL
         WHERE replay_until < $1 AND query_code_replay IS NOT NULL",
    )
    .bind(crate::db::time_text(now))
    .execute(&mut *tx)
    .await?;
    let complaint = Complaint {
        query_code: Some(code.code),
        ..complaint_from_row(&row, lang)?
    };
    tx.commit().await?;
    Ok(ComplaintOutcome::Created(complaint))
}

/// The complaint with this number, if `query_code` is its code (dashes, spaces and case
/// ignored).
pub async fn lookup_complaint(
    pool: &Pool,
    complaint_no: &str,
    query_code: &str,
    lang: guichet_core::Lang,
) -> Result<Option<Complaint>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM complaints WHERE complaint_no = $1")
        .bind(complaint_no.trim().to_ascii_uppercase())
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let salt: Option<String> = row.try_get("query_code_salt")?;
    let hash: Option<String> = row.try_get("query_code_hash")?;
    match (salt, hash) {
        (Some(salt), Some(hash)) if query_code_matches(&salt, &hash, query_code) => {
            complaint_from_row(&row, lang).map(Some)
        }
        _ => Ok(None),
    }
}

/// Gives a query code to every complaint filed before complaints had one (run at startup).
/// Nobody is told these codes, so such a complaint can no longer be read online by anyone
/// (before, its contact phone opened it); its answer reaches the complainant through the
/// contact given. Returns how many complaints got one.
pub async fn assign_missing_complaint_codes(pool: &Pool) -> Result<u64, sqlx::Error> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM complaints WHERE query_code_hash IS NULL")
            .fetch_all(pool)
            .await?;
    let mut assigned = 0;
    for id in ids {
        let code = IssuedCode::new()?;
        assigned += sqlx::query(
            "UPDATE complaints SET query_code_salt = $1, query_code_hash = $2
             WHERE id = $3 AND query_code_hash IS NULL",
        )
        .bind(&code.salt)
        .bind(&code.hash)
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected();
    }
    Ok(assigned)
}
