//! 依申请公开 in the database: the agencies with their 公开指南, and the requests' clock facts
//! (`disclosure_requests`, one row per case of type `disclosure`).
//!
//! A request's events are the core's [`DisclosureEvent`] list; every load replays them with the
//! calendar ([`DisclosureRequest::from_events`]) and every step goes through
//! [`DisclosureRequest::record`] inside one `BEGIN IMMEDIATE` transaction with its audit row in
//! `case_actions`, so the rules of 政府信息公开条例 live only in the core and two staff members
//! acting at once cannot both pass a check that only one may.

use chrono::{DateTime, NaiveDate, Utc};
use guichet_core::Calendar;
use guichet_core::disclosure::annual_report::{ApplicantCategory, RequestFacts};
use guichet_core::disclosure::{
    Channel, DisclosureError, DisclosureEvent, DisclosureRequest, Receipt,
};
use serde_json::Value;
use sqlx::Row;

use crate::cases_store::insert_action;
use crate::db::Pool;

/// The case number's department part for every disclosure request (公开).
pub const CASE_PREFIX: &str = "GK";

/// The service item a disclosure request is filed under.
pub const ITEM_CODE: &str = "YSQGK";

/// An agency that answers requests, with its 公开指南.
#[derive(Debug, Clone, PartialEq)]
pub struct Agency {
    /// Its 统一社会信用代码 (the catalog's 索引号 prefix).
    pub code: String,
    /// 县教育局.
    pub name: String,
    /// The 公开指南 (office, address, hours, phone, e-mail, how to apply, fees, time limit).
    pub guide: Value,
}

/// Why a disclosure request could not be read or moved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// Stored data no longer reads.
    #[error("stored disclosure data is corrupt: {0}")]
    Corrupt(String),
    /// The core refused the step.
    #[error(transparent)]
    Rule(#[from] DisclosureError),
    /// No such request.
    #[error("no such request")]
    NotFound,
}

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

fn agency_from_row(row: &crate::db::Row) -> Result<Agency, StoreError> {
    Ok(Agency {
        code: row.try_get("code")?,
        name: row.try_get("name")?,
        guide: serde_json::from_str(row.try_get::<&str, _>("guide")?).map_err(corrupt)?,
    })
}

/// All agencies, in order.
pub async fn agencies(pool: &Pool) -> Result<Vec<Agency>, StoreError> {
    let rows =
        sqlx::query("SELECT code, name, guide FROM disclosure_agencies ORDER BY sort_order, code")
            .fetch_all(pool)
            .await?;
    rows.iter().map(agency_from_row).collect()
}

/// One agency.
pub async fn agency(pool: &Pool, code: &str) -> Result<Option<Agency>, StoreError> {
    let row = sqlx::query("SELECT code, name, guide FROM disclosure_agencies WHERE code = $1")
        .bind(code)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(agency_from_row).transpose()
}

/// Creates or updates an agency (demo seed and operators).
pub async fn upsert_agency(
    pool: &Pool,
    agency: &Agency,
    sort_order: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO disclosure_agencies (code, name, guide, sort_order) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, guide = excluded.guide,
             sort_order = excluded.sort_order",
    )
    .bind(&agency.code)
    .bind(&agency.name)
    .bind(agency.guide.to_string())
    .bind(sort_order)
    .execute(pool)
    .await?;
    Ok(())
}

/// What a new request adds to its case row (written in the case's own transaction).
#[derive(Debug, Clone)]
pub struct NewRequest {
    /// The agency asked.
    pub agency_code: String,
    /// How it arrived, and the date it counts as received.
    pub receipt: Receipt,
    /// The annual table's column.
    pub applicant_category: ApplicantCategory,
    /// The person's or organisation's name.
    pub applicant: String,
    /// 所需信息.
    pub description: String,
}

/// Inserts the request's row for case `case_id` (inside the submission's transaction).
pub async fn insert(
    tx: &mut crate::db::Connection,
    case_id: i64,
    new: &NewRequest,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO disclosure_requests (case_id, agency_code, channel, counted_from,
             applicant_category, applicant, description, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(case_id)
    .bind(&new.agency_code)
    .bind(code_of(&new.receipt.channel))
    .bind(new.receipt.date.to_string())
    .bind(code_of(&new.applicant_category))
    .bind(&new.applicant)
    .bind(&new.description)
    .bind(crate::db::time_text(now))
    .execute(tx)
    .await?;
    Ok(())
}

/// The serde name of a unit enum (`"online"`, `"natural_person"`).
fn code_of(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(code)) => code,
        _ => String::new(),
    }
}

fn from_code<T: serde::de::DeserializeOwned>(code: String) -> Result<T, StoreError> {
    serde_json::from_value(Value::String(code)).map_err(corrupt)
}

/// A request as stored, its events replayed by the core.
#[derive(Debug, Clone)]
pub struct RequestRecord {
    /// The case's row id.
    pub case_id: i64,
    /// 办件编号.
    pub case_no: String,
    /// The agency asked.
    pub agency_code: String,
    /// The core request (receipt and checked events).
    pub request: DisclosureRequest,
    /// The annual table's column.
    pub applicant_category: ApplicantCategory,
    /// The applicant's name.
    pub applicant: String,
    /// 所需信息.
    pub description: String,
    /// The pending 补正 notice: `{"missing": [..], "note", "reply_by"}`.
    pub supplement: Option<Value>,
    /// The reply document.
    pub reply: Option<Value>,
    /// When the server recorded the submission (UTC).
    pub received_at: String,
    /// The form version and answers as submitted (or as last supplemented).
    pub form_version: u32,
    /// The answers.
    pub answers: Value,
}

impl RequestRecord {
    /// What the annual table counts of it.
    pub fn facts(&self) -> RequestFacts {
        self.request.facts(self.applicant_category)
    }
}

const SELECT: &str = "SELECT d.case_id, c.case_no, d.agency_code, d.channel, d.counted_from,
        d.applicant_category, d.applicant, d.description, d.events, d.supplement, d.reply,
        c.received_at, c.form_version, c.answers
    FROM disclosure_requests d JOIN cases c ON c.id = d.case_id";

fn record_from_row(row: &crate::db::Row, calendar: &Calendar) -> Result<RequestRecord, StoreError> {
    let channel: Channel = from_code(row.try_get("channel")?)?;
    let date: NaiveDate = row
        .try_get::<&str, _>("counted_from")?
        .parse()
        .map_err(corrupt)?;
    let events: Vec<DisclosureEvent> =
        serde_json::from_str(row.try_get::<&str, _>("events")?).map_err(corrupt)?;
    let request = DisclosureRequest::from_events(calendar, Receipt { channel, date }, events)?;
    let json = |name: &str| -> Result<Option<Value>, StoreError> {
        let text: Option<String> = row.try_get(name)?;
        text.map(|t| serde_json::from_str(&t).map_err(corrupt))
            .transpose()
    };
    let version: i64 = row.try_get("form_version")?;
    Ok(RequestRecord {
        case_id: row.try_get("case_id")?,
        case_no: row.try_get("case_no")?,
        agency_code: row.try_get("agency_code")?,
        request,
        applicant_category: from_code(row.try_get("applicant_category")?)?,
        applicant: row.try_get("applicant")?,
        description: row.try_get("description")?,
        supplement: json("supplement")?,
        reply: json("reply")?,
        received_at: row.try_get("received_at")?,
        form_version: u32::try_from(version).map_err(corrupt)?,
        answers: serde_json::from_str(row.try_get::<&str, _>("answers")?).map_err(corrupt)?,
    })
}

/// The request of case `case_no`, if it is a disclosure request.
pub async fn load(
    pool: &Pool,
    calendar: &Calendar,
    case_no: &str,
) -> Result<Option<RequestRecord>, StoreError> {
    let row = sqlx::query(&format!("{SELECT} WHERE c.case_no = $1"))
        .bind(case_no)
        .fetch_optional(pool)
        .await?;
    row.map(|row| record_from_row(&row, calendar)).transpose()
}

/// The requests of `agency` (all agencies when `None`), open ones only if `open_only`, oldest
/// first.
pub async fn list(
    pool: &Pool,
    calendar: &Calendar,
    agency: Option<&str>,
    open_only: bool,
) -> Result<Vec<RequestRecord>, StoreError> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE ($1 IS NULL OR d.agency_code = $1) AND ($2 = 0 OR d.closed = 0)
         ORDER BY d.case_id"
    ))
    .bind(agency)
    .bind(i64::from(open_only))
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| record_from_row(row, calendar))
        .collect()
}

/// One step on a request: the event the core must accept, the columns it changes, and its
/// audit row.
#[derive(Debug, Clone)]
pub struct Step {
    /// The clock's event.
    pub event: DisclosureEvent,
    /// The action's name in the audit trail (`request_supplement`, `extend`, …).
    pub action: &'static str,
    /// Its details for the audit trail.
    pub detail: Value,
    /// The pending 补正 after the step: `Some(None)` clears it, `None` leaves it.
    pub supplement: Option<Option<Value>>,
    /// The reply document, if this step answers.
    pub reply: Option<Value>,
    /// The answers after a supplement (with their form version), if this step receives one.
    pub answers: Option<(u32, Value)>,
    /// A supplement's idempotency row: client id, content hash and the answer to replay.
    pub supplement_row: Option<(String, String, Value)>,
}

impl Step {
    /// A step that records `event` and its audit row and changes nothing else.
    pub fn new(event: DisclosureEvent, action: &'static str, detail: Value) -> Step {
        Step {
            event,
            action,
            detail,
            supplement: None,
            reply: None,
            answers: None,
            supplement_row: None,
        }
    }
}

/// Who takes a step: a staff member (id and agency), or the applicant / the system (`None`).
pub type Actor<'a> = Option<(i64, &'a str)>;

/// Applies `step` to case `case_id` if the core's rules allow it, with its audit row; on a
/// refusal nothing changes. `check` runs on the request as stored, inside the transaction,
/// before the event (for rules that need more than the event, such as a deemed withdrawal's
/// date).
pub async fn apply(
    pool: &Pool,
    calendar: &Calendar,
    case_no: &str,
    actor: Actor<'_>,
    now: DateTime<Utc>,
    check: impl FnOnce(&RequestRecord) -> Result<(), StoreError>,
    step: Step,
) -> Result<RequestRecord, StoreError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let row = sqlx::query(&format!("{SELECT} WHERE c.case_no = $1"))
        .bind(case_no)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut record = record_from_row(&row, calendar)?;
    check(&record)?;
    let status = record.request.record(calendar, step.event)?;
    let events = serde_json::to_string(record.request.events()).map_err(corrupt)?;
    if let Some(supplement) = step.supplement {
        record.supplement = supplement;
    }
    if let Some(reply) = step.reply {
        record.reply = Some(reply);
    }
    sqlx::query(
        "UPDATE disclosure_requests SET events = $1, supplement = $2, reply = $3, closed = $4,
             updated_at = $5
         WHERE case_id = $6",
    )
    .bind(&events)
    .bind(record.supplement.as_ref().map(Value::to_string))
    .bind(record.reply.as_ref().map(Value::to_string))
    .bind(i64::from(status.is_final()))
    .bind(crate::db::time_text(now))
    .bind(record.case_id)
    .execute(&mut *tx)
    .await?;
    if let Some((version, answers)) = step.answers {
        sqlx::query(
            "UPDATE cases SET form_version = $1, answers = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(i64::from(version))
        .bind(answers.to_string())
        .bind(crate::db::time_text(now))
        .bind(record.case_id)
        .execute(&mut *tx)
        .await?;
        record.form_version = version;
        record.answers = answers;
    }
    if let Some((client_id, hash, response)) = &step.supplement_row {
        sqlx::query(
            "INSERT INTO case_supplements (client_id, case_id, content_hash, answers, response,
                 received_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(client_id)
        .bind(record.case_id)
        .bind(hash.to_ascii_lowercase())
        .bind(record.answers.to_string())
        .bind(response.to_string())
        .bind(crate::db::time_text(now))
        .execute(&mut *tx)
        .await?;
    }
    insert_action(
        &mut tx,
        record.case_id,
        now,
        step.action,
        actor.map(|(id, _)| id),
        actor.map(|(_, agency)| agency),
        &step.detail,
    )
    .await?;
    tx.commit().await?;
    Ok(record)
}

/// The audit trail of a request with the staff members' display names, oldest first.
pub async fn actions(
    pool: &Pool,
    case_id: i64,
) -> Result<Vec<(String, String, Option<String>, Value)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.at, a.action, s.display_name, a.detail FROM case_actions a
         LEFT JOIN staff_accounts s ON s.id = a.staff_id
         WHERE a.case_id = $1 ORDER BY a.id",
    )
    .bind(case_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let detail: Option<String> = row.try_get("detail")?;
            Ok((
                row.try_get("at")?,
                row.try_get("action")?,
                row.try_get("display_name")?,
                detail
                    .and_then(|d| serde_json::from_str(&d).ok())
                    .unwrap_or(Value::Null),
            ))
        })
        .collect()
}
