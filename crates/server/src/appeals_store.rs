//! 好差评申诉复核 (国办发〔2019〕51号): a department appeals a bad rating once, with reasons and
//! evidence, while its follow-up is open; a center administrator upholds or rejects it. The
//! rules are the core's ([`check_appeal`], [`Results`]); this keeps the appeals, decides them in
//! `BEGIN IMMEDIATE` transactions with their audit rows, and counts the published results
//! without the ratings whose appeal was upheld.

use chrono::{DateTime, NaiveDate, Utc};
use guichet_core::evaluation::{AppealDecision, AppealError, Rating, Results, check_appeal};
pub use guichet_core::wire::appeals::{Appeal, DepartmentResults, EvidenceFile};
use serde_json::json;
use sqlx::Row;

use crate::audit_store;
use crate::db::Pool;
use crate::staff_store::Staff;

/// Why an appeal could not be filed or decided.
#[derive(Debug, thiserror::Error)]
pub enum AppealStoreError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// No such follow-up or appeal for this person.
    #[error("not found")]
    NotFound,
    /// This person may not appeal or decide it.
    #[error("forbidden")]
    Forbidden,
    /// The core refused the appeal.
    #[error(transparent)]
    Rule(#[from] AppealError),
    /// The appeal was already decided.
    #[error("already decided")]
    AlreadyDecided,
}

const APPEAL_SELECT: &str = "SELECT a.id, f.id AS followup_id, c.case_no, a.department_code,
        COALESCE(d.name, a.department_code) AS department_name, e.level, e.comment, a.reasons,
        a.evidence, fb.display_name AS filed_by, a.filed_at, a.decision, a.decision_note,
        db.display_name AS decided_by, a.decided_at
    FROM evaluation_appeals a
    JOIN evaluations e ON e.id = a.evaluation_id
    JOIN followups f ON f.evaluation_id = e.id
    JOIN cases c ON c.id = e.case_id
    LEFT JOIN departments d ON d.code = a.department_code
    JOIN staff_accounts fb ON fb.id = a.filed_by
    LEFT JOIN staff_accounts db ON db.id = a.decided_by";

fn appeal_from_row(row: &crate::db::Row) -> Result<Appeal, sqlx::Error> {
    let evidence: String = row.try_get("evidence")?;
    Ok(Appeal {
        id: row.try_get("id")?,
        followup_id: row.try_get("followup_id")?,
        case_no: row.try_get("case_no")?,
        department_code: row.try_get("department_code")?,
        department_name: row.try_get("department_name")?,
        level: row.try_get("level")?,
        comment: row.try_get("comment")?,
        reasons: row.try_get("reasons")?,
        // An unreadable list shows as none rather than hiding the appeal.
        evidence: serde_json::from_str(&evidence).unwrap_or_default(),
        filed_by: row.try_get("filed_by")?,
        filed_at: row.try_get("filed_at")?,
        decision: row.try_get("decision")?,
        decision_note: row.try_get("decision_note")?,
        decided_by: row.try_get("decided_by")?,
        decided_at: row.try_get("decided_at")?,
    })
}

/// Whether `staff` may appeal for `department_code`: its 部门审核 (a window does not speak for
/// the department) — administrators decide appeals, so they do not file them.
fn may_appeal(staff: &Staff, department_code: &str) -> bool {
    !staff.is_admin() && staff.edits_department(department_code)
}

/// Files an appeal against follow-up `followup_id`'s rating.
pub async fn file(
    pool: &Pool,
    staff: &Staff,
    followup_id: i64,
    reasons: &str,
    evidence: &[EvidenceFile],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Appeal, AppealStoreError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let row = sqlx::query(
        "SELECT f.evaluation_id, f.department_code, f.due_date,
             CASE WHEN f.reply IS NULL THEN 0 ELSE 1 END AS answered,
             (SELECT COUNT(*) FROM evaluation_appeals a WHERE a.evaluation_id = f.evaluation_id)
                 AS appealed
         FROM followups f WHERE f.id = $1",
    )
    .bind(followup_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppealStoreError::NotFound)?;
    let department: String = row.try_get("department_code")?;
    if !staff.covers(&department) {
        return Err(AppealStoreError::NotFound);
    }
    if !may_appeal(staff, &department) {
        return Err(AppealStoreError::Forbidden);
    }
    let due: String = row.try_get("due_date")?;
    let due = guichet_core::ymd::parse(&due).unwrap_or(today);
    check_appeal(
        reasons,
        row.try_get::<i64, _>("appealed")? > 0,
        row.try_get::<i64, _>("answered")? != 0,
        due,
        today,
    )?;
    let evaluation_id: i64 = row.try_get("evaluation_id")?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO evaluation_appeals (evaluation_id, department_code, reasons, evidence,
             filed_by, filed_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(evaluation_id)
    .bind(&department)
    .bind(reasons.trim())
    .bind(serde_json::to_string(evidence).map_err(|e| sqlx::Error::Encode(e.into()))?)
    .bind(staff.id)
    .bind(crate::db::time_text(now))
    .fetch_one(&mut *tx)
    .await?;
    let appeal = load(&mut tx, id).await?;
    audit_store::record(
        &mut tx,
        staff,
        "appeal.file",
        &appeal.case_no,
        None,
        Some(&json!(appeal)),
    )
    .await?;
    tx.commit().await?;
    Ok(appeal)
}

async fn load(conn: &mut crate::db::Connection, id: i64) -> Result<Appeal, AppealStoreError> {
    let row = sqlx::query(&format!("{APPEAL_SELECT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(AppealStoreError::NotFound)?;
    Ok(appeal_from_row(&row)?)
}

/// Decides a pending appeal (center administrators only), once.
pub async fn decide(
    pool: &Pool,
    staff: &Staff,
    id: i64,
    decision: AppealDecision,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Appeal, AppealStoreError> {
    if !staff.is_admin() {
        return Err(AppealStoreError::Forbidden);
    }
    let mut tx = crate::db::begin_write(pool).await?;
    let before = load(&mut tx, id).await?;
    let updated = sqlx::query(
        "UPDATE evaluation_appeals SET decision = $1, decision_note = $2, decided_by = $3,
             decided_at = $4
         WHERE id = $5 AND decision IS NULL",
    )
    .bind(decision.code())
    .bind(note.trim())
    .bind(staff.id)
    .bind(crate::db::time_text(now))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(AppealStoreError::AlreadyDecided);
    }
    let after = load(&mut tx, id).await?;
    audit_store::record(
        &mut tx,
        staff,
        "appeal.decide",
        &after.case_no,
        Some(&json!(before)),
        Some(&json!(after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// The appeals `staff` sees (administrators: all; a department: its own), pending first.
pub async fn list(pool: &Pool, staff: &Staff) -> Result<Vec<Appeal>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{APPEAL_SELECT} WHERE $1 OR a.department_code = $2
         ORDER BY a.decision IS NOT NULL, a.filed_at DESC, a.id DESC"
    ))
    .bind(staff.is_admin())
    .bind(staff.department())
    .fetch_all(pool)
    .await?;
    rows.iter().map(appeal_from_row).collect()
}

/// Appeal `id` if `staff` sees it (administrators: all; a department: its own).
pub async fn visible(pool: &Pool, staff: &Staff, id: i64) -> Result<Option<Appeal>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "{APPEAL_SELECT} WHERE a.id = $1 AND ($2 OR a.department_code = $3)"
    ))
    .bind(id)
    .bind(staff.is_admin())
    .bind(staff.department())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(appeal_from_row).transpose()
}

/// The appeal of each follow-up that has one: follow-up id → (decision or `None`, appeal id).
pub async fn by_followup(
    pool: &Pool,
) -> Result<std::collections::HashMap<i64, (Option<String>, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT f.id AS followup_id, a.id, a.decision
         FROM evaluation_appeals a JOIN followups f ON f.evaluation_id = a.evaluation_id",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("followup_id")?,
                (row.try_get("decision")?, row.try_get("id")?),
            ))
        })
        .collect()
}

/// The published 好差评 results of `year` (ratings given that year, Beijing time), per
/// department, without the ratings whose appeal was upheld.
pub async fn results(pool: &Pool, year: i32) -> Result<Vec<DepartmentResults>, sqlx::Error> {
    // Beijing's year starts at 16:00 UTC on 31 December.
    let from = format!("{:04}-12-31T16:00:00", year - 1);
    let to = format!("{year:04}-12-31T16:00:00");
    let rows = sqlx::query(
        "SELECT c.department_code, COALESCE(d.name, c.department_code) AS name, e.level,
             CASE WHEN EXISTS (SELECT 1 FROM evaluation_appeals a
                     WHERE a.evaluation_id = e.id AND a.decision = 'upheld')
                  THEN 1 ELSE 0 END AS excluded
         FROM evaluations e JOIN cases c ON c.id = e.case_id
         LEFT JOIN departments d ON d.code = c.department_code
         WHERE e.created_at >= $1 AND e.created_at < $2
         ORDER BY c.department_code",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    // (code, name, ratings with whether each is excluded), in department order.
    type Ratings = Vec<(Rating, bool)>;
    let mut departments: Vec<(String, String, Ratings)> = Vec::new();
    for row in &rows {
        let code: String = row.try_get("department_code")?;
        let level: String = row.try_get("level")?;
        let Some(rating) = Rating::from_code(&level) else {
            continue;
        };
        let excluded = row.try_get::<i64, _>("excluded")? != 0;
        match departments.last_mut() {
            Some((last, _, ratings)) if *last == code => ratings.push((rating, excluded)),
            _ => departments.push((code, row.try_get("name")?, vec![(rating, excluded)])),
        }
    }
    Ok(departments
        .into_iter()
        .map(|(code, name, ratings)| {
            let results = Results::count(ratings);
            DepartmentResults {
                code,
                name,
                counts: results.counts,
                total: results.total,
                excluded: results.excluded,
                satisfaction_per_mille: results.satisfaction_per_mille(),
            }
        })
        .collect())
}
