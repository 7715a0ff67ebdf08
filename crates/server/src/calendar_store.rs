//! Calendar years published from the staff desk, and what a publication does to open cases.
//!
//! A center administrator enters a year's State Council notice (`api::calendar_admin`). The
//! year is checked by the core's rules ([`Calendar::with_year`]), and before anything is saved
//! [`deadline_moves`] says which open deadlines move: a case's 承诺时限 (counted from its
//! history on every read, so it moves by itself once the calendar changes) and each pending
//! joint-review part (stored with its date when the case was accepted, so rewritten here).
//! [`publish`] then saves the year, the audit row (who, when, which notice, the year's holidays
//! before and after) and one `deadline_moved` action per moved deadline in one transaction.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use guichet_core::Calendar;
use guichet_core::calendar::{Holiday, OfficialYear};
use serde::Serialize;
use serde_json::json;
use sqlx::Row;

use crate::cases_store::{CaseRecord, insert_action};
use crate::db::Pool;
use crate::staff_store::Staff;

/// Why the published years cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum CalendarStoreError {
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// A stored row does not decode (a bug or a hand edit).
    #[error("stored calendar data is not valid: {0}")]
    Corrupt(String),
}

/// The years published on the desk, the newest publication of each, in publication order.
pub async fn published_years(pool: &Pool) -> Result<Vec<OfficialYear>, CalendarStoreError> {
    let rows = sqlx::query(
        "SELECT year, notice, holidays FROM calendar_publications p
         WHERE id = (SELECT MAX(id) FROM calendar_publications WHERE year = p.year)
         ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let holidays: String = row.try_get("holidays")?;
            Ok(OfficialYear {
                year: row.try_get::<i64, _>("year")? as i32,
                notice: Some(row.try_get("notice")?),
                holidays: serde_json::from_str(&holidays)
                    .map_err(|e| CalendarStoreError::Corrupt(e.to_string()))?,
            })
        })
        .collect()
}

/// The id of the newest publication (0 when there is none): what a server instance compares
/// with the one its calendar includes.
pub async fn newest_publication(pool: &Pool) -> Result<i64, CalendarStoreError> {
    let newest: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM calendar_publications")
        .fetch_one(pool)
        .await?;
    Ok(newest.unwrap_or(0))
}

/// One deadline that a new calendar moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineMove {
    /// Row id of the case.
    #[serde(skip)]
    pub case_id: i64,
    /// 办件编号.
    pub case_no: String,
    /// The item's name.
    pub item_name: String,
    /// For a joint-review part, its department; `None` for the case's own limit.
    pub department: Option<String>,
    /// The due date on the calendar in force.
    pub from: NaiveDate,
    /// The due date on the new one.
    pub to: NaiveDate,
}

/// The open deadlines of `records` that `new` moves compared with `old`, on `today`.
pub fn deadline_moves(
    records: &[CaseRecord],
    old: &Calendar,
    new: &Calendar,
    today: NaiveDate,
) -> Vec<DeadlineMove> {
    let mut moves = Vec::new();
    for record in records {
        let item = |department: Option<String>, from, to| DeadlineMove {
            case_id: record.id,
            case_no: record.case_no.clone(),
            item_name: record.item_name.clone(),
            department,
            from,
            to,
        };
        if let (Some(from), Some(to)) = (record.due_date(old, today), record.due_date(new, today))
            && from != to
        {
            moves.push(item(None, from, to));
        }
        for (department, from, to) in part_moves(record, new) {
            moves.push(item(Some(department), from, to));
        }
    }
    moves
}

/// The pending joint-review parts of `record` whose deadline `new` puts elsewhere: each is the
/// case's committed days counted from acceptance, as when the case was accepted.
fn part_moves(record: &CaseRecord, new: &Calendar) -> Vec<(String, NaiveDate, NaiveDate)> {
    let Some(review) = &record.joint else {
        return Vec::new();
    };
    let Some(accepted_on) = record
        .case
        .clock(record.promised_days)
        .ok()
        .flatten()
        .map(|clock| clock.accepted_on())
    else {
        return Vec::new();
    };
    let Ok(deadline) = new.add_working_days(accepted_on, record.promised_days) else {
        return Vec::new();
    };
    review
        .parts()
        .iter()
        .filter(|part| !part.state.is_settled() && part.deadline != deadline)
        .map(|part| (part.department.clone(), part.deadline, deadline))
        .collect()
}

/// Saves `year` as published by `staff`, with its audit row and one `deadline_moved` action per
/// move (and the moved parts' new dates), in one transaction. `previous` is what the year was
/// before (`None`: provisional). A part decided meanwhile keeps its stored review untouched.
pub async fn publish(
    pool: &Pool,
    year: &OfficialYear,
    previous: Option<&[Holiday]>,
    staff: &Staff,
    now: DateTime<Utc>,
    records: &[CaseRecord],
    moves: &[DeadlineMove],
) -> Result<(), CalendarStoreError> {
    let corrupt = |e: serde_json::Error| CalendarStoreError::Corrupt(e.to_string());
    let holidays = serde_json::to_string(&year.holidays).map_err(corrupt)?;
    let previous = previous
        .map(serde_json::to_string)
        .transpose()
        .map_err(corrupt)?;
    let notice = year.notice.clone().unwrap_or_default();
    let mut tx = crate::db::begin_write(pool).await?;
    sqlx::query(
        "INSERT INTO calendar_publications
             (year, notice, holidays, previous, staff_id, published_at, moved_deadlines)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(year.year)
    .bind(&notice)
    .bind(&holidays)
    .bind(&previous)
    .bind(staff.id)
    .bind(crate::db::time_text(now))
    .bind(moves.len() as i64)
    .execute(&mut *tx)
    .await?;
    apply_moves(
        &mut tx,
        records,
        moves,
        Some(staff),
        year.year,
        &notice,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Rewrites the moved joint parts of `records` (compare-and-set on the stored review, so a
/// part decided meanwhile is left alone) and records one `deadline_moved` action per move, by
/// `staff` or, without one, by the system.
async fn apply_moves(
    tx: &mut crate::db::Connection,
    records: &[CaseRecord],
    moves: &[DeadlineMove],
    staff: Option<&Staff>,
    year: i32,
    notice: &str,
    now: DateTime<Utc>,
) -> Result<(), CalendarStoreError> {
    let corrupt = |e: serde_json::Error| CalendarStoreError::Corrupt(e.to_string());
    for record in records {
        let Some(review) = &record.joint else {
            continue;
        };
        let mut moved = review.clone();
        let mut changed = false;
        for step in moves
            .iter()
            .filter(|m| m.case_id == record.id && m.department.is_some())
        {
            changed |= moved.move_deadline(step.department.as_deref().unwrap_or(""), step.to);
        }
        if !changed {
            continue;
        }
        let before = serde_json::to_string(review).map_err(corrupt)?;
        let after = serde_json::to_string(&moved).map_err(corrupt)?;
        sqlx::query("UPDATE cases SET joint_review = $1 WHERE id = $2 AND joint_review = $3")
            .bind(&after)
            .bind(record.id)
            .bind(&before)
            .execute(&mut *tx)
            .await?;
    }
    for step in moves {
        let detail = json!({
            "year": year, "notice": notice, "department": step.department,
            "from": step.from, "to": step.to,
        });
        insert_action(
            tx,
            step.case_id,
            now,
            "deadline_moved",
            staff.map(|s| s.id),
            staff.map(Staff::department),
            &detail,
        )
        .await?;
    }
    Ok(())
}

/// At start: joint parts whose stored deadline is not what the calendar in force counts (they
/// were stored before a change of the calendar's rules, e.g. the provisional years) are
/// realigned, each with a system `deadline_moved` action. Returns how many moved.
pub async fn realign_parts(
    pool: &Pool,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Result<usize, CalendarStoreError> {
    let records = crate::cases_store::open_cases(pool, now)
        .await
        .map_err(|e| CalendarStoreError::Corrupt(e.to_string()))?;
    let today = crate::submissions_store::china_today(now);
    let moves = deadline_moves(&records, calendar, calendar, today);
    if moves.is_empty() {
        return Ok(0);
    }
    let mut tx = crate::db::begin_write(pool).await?;
    let year = moves.first().map_or(0, |m| m.to.year());
    apply_moves(&mut tx, &records, &moves, None, year, "", now).await?;
    tx.commit().await?;
    Ok(moves.len())
}

/// One publication, for the desk's list.
pub use guichet_core::wire::calendar::Publication;

/// Every publication, newest first.
pub async fn publications(pool: &Pool) -> Result<Vec<Publication>, CalendarStoreError> {
    let rows = sqlx::query(
        "SELECT p.year, p.notice, s.display_name, p.published_at, p.moved_deadlines
         FROM calendar_publications p JOIN staff_accounts s ON s.id = p.staff_id
         ORDER BY p.id DESC",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Publication {
                year: row.try_get::<i64, _>("year")? as i32,
                notice: row.try_get("notice")?,
                by: row.try_get("display_name")?,
                at: row.try_get("published_at")?,
                moved_deadlines: row.try_get("moved_deadlines")?,
            })
        })
        .collect()
}
