//! The window desk's queue as one database query: search, filters, sort and a page, over tens
//! of thousands of cases (`examples/queue_bench.rs` measures it at 10,000 and 100,000).
//!
//! What it filters and sorts on is stored on the case when it is written (migration
//! `20261203110000_desk_queue.sql`): `applicant_name` and `id_last4` from the answers,
//! `due_on` from the core clock, and `case_departments` for who sees it. Only the page's rows
//! are then loaded as [`CaseRecord`]s, so their clocks, markers and labels still come from the
//! core, as everywhere else.
//!
//! `due_on` is kept by every move ([`crate::cases_store`]) and recomputed for every open case by
//! [`refresh_due_dates`] when the calendar in force changes (start-up, a publication, another
//! instance's publication seen by the refresh task).

use chrono::NaiveDate;
use guichet_core::Calendar;
use guichet_core::case::CaseState;
use sqlx::Row;

use crate::cases_store::{self, CaseError, CaseRecord};
use crate::db::Pool;
use crate::staff_store::Staff;

/// The orders the queue offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Earliest deadline first; a case without one (pre-review, clock paused for 补正) ranks by
    /// the day it arrived (China time), as it always has on this desk.
    #[default]
    DueAsc,
    /// Latest deadline first (the same dates).
    DueDesc,
    /// Newest first.
    ReceivedDesc,
    /// Oldest first.
    ReceivedAsc,
}

/// The deadline markers the queue can be narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Marker {
    /// Past its due date, clock running.
    Overdue,
    /// Due within [`DUE_SOON_DAYS`] working days (today included).
    DueSoon,
}

/// "Due soon" means at most this many working days left.
pub const DUE_SOON_DAYS: u32 = 2;

/// What a queue page asks for.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// A case number (or its beginning), an applicant's name (or its beginning), or the last
    /// four characters of the applicant's ID number.
    pub q: Option<String>,
    /// One state code.
    pub state: Option<String>,
    /// One service item.
    pub item: Option<String>,
    /// One department's cases (its own and the joint cases it has a part in).
    pub department: Option<String>,
    /// Only cases due on or before this date.
    pub due_before: Option<NaiveDate>,
    /// Only overdue / due-soon cases.
    pub marker: Option<Marker>,
    /// Closed cases too (a search, or a state filter, looks at every case).
    pub include_closed: bool,
    /// The order.
    pub sort: Sort,
    /// Rows per page.
    pub limit: u32,
    /// Rows skipped.
    pub offset: u64,
}

/// A page of the queue.
#[derive(Debug)]
pub struct Page {
    /// The rows, loaded with their core case.
    pub records: Vec<CaseRecord>,
    /// How many cases match in all.
    pub total: u64,
}

/// The open (not final) states' codes, for SQL: named rather than "not final", so that the
/// database seeks them in `cases_by_due` instead of scanning every case.
fn open_codes() -> String {
    [
        CaseState::Submitted,
        CaseState::NeedsSupplement,
        CaseState::PreReviewPassed,
        CaseState::Accepted,
        CaseState::InProgress,
        CaseState::SupplementDuringProcessing,
    ]
    .into_iter()
    .filter(|s| !s.is_final())
    .map(|s| format!("'{}'", s.code()))
    .collect::<Vec<_>>()
    .join(", ")
}

/// States whose clock runs (a due date that can pass).
const RUNNING: &str = "'accepted', 'in_progress'";

/// The largest code point: `x >= q AND x < q || MAX` is "x starts with q", through the index.
const MAX_CHAR: char = '\u{10FFFF}';

/// The WHERE clause and its values for `filter` as seen by `staff` on `today`.
fn where_clause(
    filter: &Filter,
    staff: &Staff,
    calendar: &Calendar,
    today: NaiveDate,
) -> (String, Vec<String>) {
    let mut sql = String::from("c.case_type <> 'disclosure'");
    let mut binds: Vec<String> = Vec::new();
    // A membership test per case (the primary key of case_departments), so the database walks
    // the open cases in deadline order and checks each, rather than reading every case the
    // department ever had.
    const SEES: &str = " AND EXISTS (SELECT 1 FROM case_departments d
        WHERE d.department_code = ? AND d.case_id = c.id)";
    if !staff.is_admin() {
        sql.push_str(SEES);
        binds.push(staff.department().to_owned());
    }
    if let Some(department) = &filter.department {
        sql.push_str(SEES);
        binds.push(department.clone());
    }
    let q = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    if !filter.include_closed && q.is_none() && filter.state.is_none() {
        sql.push_str(&format!(" AND c.state IN ({})", open_codes()));
    }
    if let Some(state) = &filter.state {
        sql.push_str(" AND c.state = ?");
        binds.push(state.clone());
    }
    if let Some(item) = &filter.item {
        sql.push_str(" AND c.item_code = ?");
        binds.push(item.clone());
    }
    if let Some(limit) = filter.due_before {
        sql.push_str(" AND c.due_on <= ?");
        binds.push(limit.to_string());
    }
    match filter.marker {
        Some(Marker::Overdue) => {
            sql.push_str(&format!(" AND c.state IN ({RUNNING}) AND c.due_on < ?"));
            binds.push(today.to_string());
        }
        Some(Marker::DueSoon) => {
            let soon = calendar
                .add_working_days(today, DUE_SOON_DAYS)
                .unwrap_or(today + chrono::Days::new(u64::from(DUE_SOON_DAYS)));
            sql.push_str(&format!(
                " AND c.state IN ({RUNNING}) AND c.due_on >= ? AND c.due_on <= ?"
            ));
            binds.push(today.to_string());
            binds.push(soon.to_string());
        }
        None => {}
    }
    if let Some(q) = q {
        let upper = q.to_uppercase();
        let mut terms = vec![
            "(c.case_no >= ? AND c.case_no < ?)".to_owned(),
            "(c.applicant_name >= ? AND c.applicant_name < ?)".to_owned(),
        ];
        binds.push(upper.clone());
        binds.push(format!("{upper}{MAX_CHAR}"));
        binds.push(q.to_owned());
        binds.push(format!("{q}{MAX_CHAR}"));
        if upper.chars().count() == 4 {
            terms.push("c.id_last4 = ?".to_owned());
            binds.push(upper);
        }
        sql.push_str(&format!(" AND ({})", terms.join(" OR ")));
    }
    (sql, binds)
}

/// The `ORDER BY` of a sort. A case without a deadline sorts on the Beijing date it was
/// received, which each engine computes its own way from the stored UTC time.
fn order_by(sort: Sort, dialect: crate::db::Dialect) -> String {
    let received_day = match dialect {
        crate::db::Dialect::Sqlite => "date(c.received_at, '+8 hours')",
        crate::db::Dialect::Postgres => {
            "to_char(c.received_at::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"
        }
    };
    match sort {
        Sort::DueAsc => format!("COALESCE(c.due_on, {received_day}), c.received_at, c.id"),
        Sort::DueDesc => {
            format!("COALESCE(c.due_on, {received_day}) DESC, c.received_at DESC, c.id DESC")
        }
        Sort::ReceivedDesc => "c.received_at DESC, c.id DESC".to_owned(),
        Sort::ReceivedAsc => "c.received_at, c.id".to_owned(),
    }
}

/// One page of the queue for `staff` (see the module docs).
pub async fn page(
    pool: &Pool,
    filter: &Filter,
    staff: &Staff,
    calendar: &Calendar,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Page, CaseError> {
    let (clause, binds) = where_clause(filter, staff, calendar, today);
    // The clause is built from pieces with `?`; numbered for both engines.
    let count_sql = crate::db::numbered(&format!("SELECT COUNT(*) FROM cases c WHERE {clause}"));
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for value in &binds {
        count = count.bind(value);
    }
    let total = count.fetch_one(pool).await?;
    let ids_sql = crate::db::numbered(&format!(
        "SELECT c.id FROM cases c WHERE {clause} ORDER BY {} LIMIT ? OFFSET ?",
        order_by(filter.sort, crate::db::dialect(pool))
    ));
    let mut ids = sqlx::query(&ids_sql);
    for value in &binds {
        ids = ids.bind(value);
    }
    let rows = ids
        .bind(i64::from(filter.limit))
        .bind(i64::try_from(filter.offset).unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await?;
    let mut records = Vec::with_capacity(rows.len());
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        if let Some(record) = cases_store::load_by_id(pool, id, now).await? {
            records.push(record);
        }
    }
    Ok(Page {
        records,
        total: u64::try_from(total).unwrap_or(0),
    })
}

/// Recomputes `cases.due_on` of every open case with `calendar` (the calendar in force
/// changed): returns how many changed.
pub async fn refresh_due_dates(
    pool: &Pool,
    calendar: &Calendar,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<u64, CaseError> {
    let today = crate::submissions_store::china_today(now);
    let records = cases_store::open_cases(pool, now).await?;
    let mut changed = Vec::new();
    for mut record in records {
        let stored = record.due_on;
        record.set_due_on(calendar, today);
        if record.due_on != stored {
            changed.push((record.id, record.due_on.map(|d| d.to_string())));
        }
    }
    if changed.is_empty() {
        return Ok(0);
    }
    let mut tx = crate::db::begin_write(pool).await?;
    for (id, due) in &changed {
        sqlx::query("UPDATE cases SET due_on = $1 WHERE id = $2")
            .bind(due)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(changed.len() as u64)
}
