//! Storage of online submissions: the case they create, exactly once, and their attachments.
//!
//! # Exactly once
//!
//! The client makes a `client_id` when the person presses "submit" and keeps it in its outbox
//! with the content hash; every retry sends the same pair. [`create_case`] checks the id
//! *inside* the transaction that creates the case, opened with `BEGIN IMMEDIATE` so that two
//! concurrent sends of one id are serialised by SQLite's write lock (a deferred `BEGIN` would
//! let both read "not there yet" and then race). `cases.client_id` and
//! `submission_receipts.client_id` are also UNIQUE, so even a bug here could not make two
//! cases: the second insert would fail and roll back (KoboToolbox kpi#5047 made duplicates
//! until it had exactly this unique key and lock).
//!
//! - same id, same content hash → [`Outcome::Replayed`] with the stored answer (same case
//!   number, same query code while the replay window lasts);
//! - same id, other content → [`Outcome::Conflict`] (the API answers 422);
//! - new id → [`Outcome::Created`].
//!
//! # The query code (查询码)
//!
//! 12 characters from a 32-letter alphabet without look-alikes (60 bits from the OS CSPRNG),
//! shown as `ABCD-EFGH-JKLM`. The case row keeps only SHA-256(salt ‖ code) with a random
//! 128-bit salt per case, so a copy of the database does not reveal codes. Trade-off: the
//! answer to a retried submission must contain the code again (the first answer may have been
//! lost on a village line), so the receipt keeps the code in clear for [`REPLAY_DAYS`] days;
//! after that it is erased from the receipt, and a (very) late retry gets the case number with
//! `query_code: null` — the person then asks the window to reissue a code. SHA-256 is fast, so
//! the 60 bits are what protects a leaked hash (about 10^18 guesses per case); a slow hash
//! (argon2) would add a dependency and CPU per lookup for little gain at that entropy.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset as _, Utc};
use guichet_core::case::{Actor, Case, CaseState, CaseType};
use guichet_core::form::{Answers, MediaType, sha256_hex};
use sqlx::Row;

use crate::db::Pool;
use crate::disclosure_store::NewRequest;
use crate::services_store::case_type_code;

/// How long a receipt keeps the query code in clear for replays.
pub const REPLAY_DAYS: i64 = 30;

/// The alphabet of query codes: no 0/O, 1/I, so nothing is misread on a phone screen.
const QUERY_ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// China Standard Time: case numbers and "today" follow the center's calendar.
pub fn china_offset() -> FixedOffset {
    // 8 hours is always a valid offset; the fallback only satisfies the type.
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix())
}

/// The center's date at `now`.
pub fn china_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&china_offset()).date_naive()
}

/// What the desk's queue searches a case by, copied from its answers when it is written
/// (`cases.applicant_name`, `cases.id_last4`; migration `20261203110000_desk_queue.sql`
/// backfills older cases by the same rule).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicantColumns {
    /// The answer `name` (a person), else `company_name` (an organisation).
    pub name: Option<String>,
    /// The last four characters of the answer `id_no`, upper case (a final `X`).
    pub id_last4: Option<String>,
}

impl ApplicantColumns {
    /// The columns of `answers`.
    pub fn of(answers: &Answers) -> ApplicantColumns {
        let text = |key: &str| {
            answers
                .get(key)
                .and_then(|v| v.as_str())
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let id_last4 = text("id_no").and_then(|id| {
            let chars: Vec<char> = id.chars().collect();
            (chars.len() >= 4).then(|| {
                chars[chars.len() - 4..]
                    .iter()
                    .collect::<String>()
                    .to_uppercase()
            })
        });
        ApplicantColumns {
            name: text("name")
                .or_else(|| text("company_name"))
                .map(str::to_owned),
            id_last4,
        }
    }
}

/// The answer to a submission (stored for replay, sent as JSON) and a disclosure receipt's dates.
pub use guichet_core::wire::cases::{Receipt, ReceiptDates};

/// What [`create_case`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new case.
    Created(Receipt),
    /// The id was already used for the same content: the original answer.
    Replayed(Receipt),
    /// The id was already used for different content.
    Conflict,
}

/// A validated submission, ready to become a case.
#[derive(Debug, Clone)]
pub struct NewCase<'a> {
    /// The idempotency key made by the client.
    pub client_id: &'a str,
    /// The service item.
    pub item_code: &'a str,
    /// Its department code (in the case number).
    pub department_code: &'a str,
    /// Its case type.
    pub case_type: CaseType,
    /// The form version.
    pub form_version: u32,
    /// The normalised answers.
    pub answers: &'a Answers,
    /// The content hash of the submission as sent (verified by the caller).
    pub content_hash: &'a str,
    /// When the person pressed "submit", by their device's clock (informative only).
    pub submitted_at: Option<DateTime<FixedOffset>>,
    /// A disclosure request's own row, with its latest reply date and whether that date is
    /// provisional.
    pub disclosure: Option<(&'a NewRequest, NaiveDate, bool)>,
}

/// The receipt already given for `client_id`, with its content hash, if any.
pub async fn find_receipt(
    pool: &Pool,
    client_id: &str,
) -> Result<Option<(String, Receipt)>, sqlx::Error> {
    let row =
        sqlx::query("SELECT content_hash, response FROM submission_receipts WHERE client_id = $1")
            .bind(client_id)
            .fetch_optional(pool)
            .await?;
    row.map(|row| parse_receipt(&row)).transpose()
}

fn parse_receipt(row: &crate::db::Row) -> Result<(String, Receipt), sqlx::Error> {
    let hash: String = row.try_get("content_hash")?;
    let response: String = row.try_get("response")?;
    let receipt = serde_json::from_str(&response).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok((hash, receipt))
}

/// Creates the case of a submission exactly once (see the module documentation).
pub async fn create_case(
    pool: &Pool,
    new: &NewCase<'_>,
    now: DateTime<Utc>,
) -> Result<Outcome, sqlx::Error> {
    // Random values first: nothing slow or fallible should run while the write lock is held.
    let IssuedCode {
        code: query_code,
        salt,
        hash: query_code_hash,
    } = IssuedCode::new()?;
    let received_at = crate::db::time_text(now);
    let local = now.with_timezone(&china_offset());
    let day = local.format("%Y%m%d").to_string();
    let case = Case::submit(new.case_type, Actor::Applicant, local.naive_local());
    let history =
        serde_json::to_string(case.history()).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let answers =
        serde_json::to_string(new.answers).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let applicant = ApplicantColumns::of(new.answers);

    // SQLite: one writer, queued in this process (see `db::writer_turn`). PostgreSQL has many
    // writers: only sends of the same id wait for each other, on a lock the database holds,
    // so that they serialise across server instances too.
    let dialect = crate::db::dialect(pool);
    let _turn = crate::db::writer_turn(pool).await;
    let mut tx = crate::db::begin_concurrent(pool).await?;
    crate::db::lock_key(&mut tx, &format!("submission:{}", new.client_id)).await?;
    let existing =
        sqlx::query("SELECT content_hash, response FROM submission_receipts WHERE client_id = $1")
            .bind(new.client_id)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(row) = existing {
        let (hash, receipt) = parse_receipt(&row)?;
        // Nothing was written: dropping the transaction rolls it back.
        return Ok(if hash.eq_ignore_ascii_case(new.content_hash) {
            Outcome::Replayed(receipt)
        } else {
            Outcome::Conflict
        });
    }
    let sequence: i64 = sqlx::query_scalar(
        "INSERT INTO case_sequences (day, department_code, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (day, department_code) DO UPDATE SET last_value = case_sequences.last_value + 1
         RETURNING last_value",
    )
    .bind(&day)
    .bind(new.department_code)
    .fetch_one(&mut *tx)
    .await?;
    let case_no = format!("{day}-{}-{sequence:06}", new.department_code);
    let case_id: i64 = sqlx::query_scalar(
        "INSERT INTO cases (case_no, client_id, item_code, form_version, department_code,
             case_type, state, answers, content_hash, query_code_salt, query_code_hash, history,
             submitted_at, received_at, applicant_name, id_last4)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         RETURNING id",
    )
    .bind(&case_no)
    .bind(new.client_id)
    .bind(new.item_code)
    .bind(i64::from(new.form_version))
    .bind(new.department_code)
    .bind(case_type_code(new.case_type))
    .bind(CaseState::Submitted.code())
    .bind(&answers)
    .bind(new.content_hash.to_ascii_lowercase())
    .bind(&salt)
    .bind(&query_code_hash)
    .bind(&history)
    .bind(new.submitted_at.map(|t| t.to_rfc3339()))
    .bind(&received_at)
    .bind(&applicant.name)
    .bind(&applicant.id_last4)
    .fetch_one(&mut *tx)
    .await?;
    // The departments whose desk shows the case: the lead one and a 联办件's partners.
    let mut departments = vec![new.department_code.to_owned()];
    if new.case_type == CaseType::Joint {
        departments.extend(joint_departments(&mut tx, new.item_code).await?);
    }
    for department in &departments {
        sqlx::query(
            "INSERT INTO case_departments (department_code, case_id) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
        )
        .bind(department)
        .bind(case_id)
        .execute(&mut *tx)
        .await?;
    }
    let receipt = Receipt {
        case_no,
        query_code: Some(query_code),
        item_code: new.item_code.to_owned(),
        form_version: new.form_version,
        received_at: received_at.clone(),
        status: CaseState::Submitted.code().to_owned(),
        disclosure: new
            .disclosure
            .map(|(request, reply_by, provisional)| ReceiptDates {
                counted_from: request.receipt.date.to_string(),
                reply_by: reply_by.to_string(),
                reply_by_provisional: provisional,
            }),
    };
    if let Some((request, _, _)) = new.disclosure {
        crate::disclosure_store::insert(&mut tx, case_id, request, now).await?;
    }
    let response = serde_json::to_string(&receipt).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let replay_until = crate::db::time_text(now + chrono::Duration::days(REPLAY_DAYS));
    sqlx::query(
        "INSERT INTO submission_receipts (client_id, content_hash, case_id, response, replay_until)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(new.client_id)
    .bind(new.content_hash.to_ascii_lowercase())
    .bind(case_id)
    .bind(&response)
    .bind(&replay_until)
    .execute(&mut *tx)
    .await?;
    // Erase query codes whose replay window has passed (indexed; usually touches nothing).
    let erase = match dialect {
        crate::db::Dialect::Sqlite => {
            "UPDATE submission_receipts SET response = json_set(response, '$.query_code', NULL)
             WHERE replay_until < $1 AND json_extract(response, '$.query_code') IS NOT NULL"
        }
        crate::db::Dialect::Postgres => {
            "UPDATE submission_receipts
             SET response = jsonb_set(response::jsonb, '{query_code}', 'null'::jsonb)::text
             WHERE replay_until < $1 AND response::json ->> 'query_code' IS NOT NULL"
        }
    };
    sqlx::query(erase)
        .bind(&received_at)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Outcome::Created(receipt))
}

/// The codes of the partner departments of a 联办 item (its published `joint_departments`).
async fn joint_departments(
    conn: &mut crate::db::Connection,
    item_code: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let disclosure: Option<String> =
        sqlx::query_scalar("SELECT disclosure FROM service_items WHERE code = $1")
            .bind(item_code)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(disclosure) = disclosure else {
        return Ok(Vec::new());
    };
    let item: serde_json::Value =
        serde_json::from_str(&disclosure).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(item["joint_departments"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str().map(str::to_owned))
        .collect())
}

/// Whether `query_code` opens case `case_no` (dashes, spaces and case are ignored).
pub async fn check_query_code(
    pool: &Pool,
    case_no: &str,
    query_code: &str,
) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT query_code_salt, query_code_hash FROM cases WHERE case_no = $1")
        .bind(case_no)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else { return Ok(false) };
    let salt: String = row.try_get("query_code_salt")?;
    let hash: String = row.try_get("query_code_hash")?;
    Ok(query_code_matches(&salt, &hash, query_code))
}

/// Whether `query_code` hashes, with `salt`, to the stored `hash` (dashes, spaces and case are
/// ignored).
pub fn query_code_matches(salt: &str, hash: &str, query_code: &str) -> bool {
    let typed: String = query_code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let grouped = group_code(&typed);
    sha256_hex(format!("{salt}:{grouped}").as_bytes()) == hash
}

/// A new query code with its random salt and the hash that is stored (see the module docs).
/// Cases and complaints alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedCode {
    /// The code, `XXXX-XXXX-XXXX`, to give to its holder once.
    pub code: String,
    /// 128 random bits, hex.
    pub salt: String,
    /// SHA-256 of `salt:code`, hex.
    pub hash: String,
}

impl IssuedCode {
    /// A fresh code.
    pub fn new() -> Result<IssuedCode, sqlx::Error> {
        let code = new_query_code()?;
        let salt = hex(&random_bytes::<16>()?);
        let hash = sha256_hex(format!("{salt}:{code}").as_bytes());
        Ok(IssuedCode { code, salt, hash })
    }
}

/// A new query code, `XXXX-XXXX-XXXX`.
fn new_query_code() -> Result<String, sqlx::Error> {
    let bytes = random_bytes::<12>()?;
    // 256 is a multiple of 32: masking keeps the characters uniform.
    let raw: String = bytes
        .iter()
        .map(|b| char::from(QUERY_ALPHABET[usize::from(b & 31)]))
        .collect();
    Ok(group_code(&raw))
}

fn group_code(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

fn random_bytes<const N: usize>() -> Result<[u8; N], sqlx::Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| sqlx::Error::Io(std::io::Error::other(format!("no randomness: {e}"))))?;
    Ok(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

// ------------------------------------------------------------------------------- uploads

/// A stored attachment (the answer's type).
pub use guichet_core::wire::files::Upload;

/// What [`record_upload`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// A new upload, counted in the stored total: its file must now be written.
    New,
    /// The same bytes were already recorded: their 7 days before clean-up start again.
    Known,
    /// Recording it would take the stored total over the budget: nothing was recorded.
    OverBudget,
}

/// Records an upload before its file is written, within the disk budget (`budget_bytes` for
/// every upload together, see `upload_quota`), at `now`. The row comes first so that the
/// clean-up task, which only deletes rows older than a week, never takes a file being stored.
pub async fn record_upload(
    pool: &Pool,
    upload: &Upload,
    budget_bytes: u64,
    now: DateTime<Utc>,
) -> Result<Recorded, sqlx::Error> {
    let at = crate::db::time_text(now);
    let mut tx = crate::db::begin(pool).await?;
    let inserted: Option<String> = sqlx::query_scalar(
        "INSERT INTO uploads (id, media_type, size, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO NOTHING
         RETURNING id",
    )
    .bind(&upload.upload_id)
    .bind(upload.media_type.mime())
    .bind(i64::try_from(upload.size).unwrap_or(i64::MAX))
    .bind(&at)
    .fetch_optional(&mut *tx)
    .await?;
    if inserted.is_none() {
        // Sent again (a retry, or another person's identical file): it is wanted again now.
        sqlx::query("UPDATE uploads SET created_at = $1 WHERE id = $2")
            .bind(&at)
            .bind(&upload.upload_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        return Ok(Recorded::Known);
    }
    if !crate::upload_quota::charge_storage(&mut tx, upload.size, budget_bytes).await? {
        tx.rollback().await?;
        return Ok(Recorded::OverBudget);
    }
    tx.commit().await?;
    Ok(Recorded::New)
}

/// Takes back a [`Recorded::New`] upload whose file could not be written.
pub async fn unrecord_upload(pool: &Pool, upload: &Upload) -> Result<(), sqlx::Error> {
    let mut tx = crate::db::begin(pool).await?;
    let deleted = sqlx::query("DELETE FROM uploads WHERE id = $1")
        .bind(&upload.upload_id)
        .execute(&mut *tx)
        .await?;
    if deleted.rows_affected() > 0 {
        crate::upload_quota::release_storage(&mut tx, upload.size).await?;
    }
    tx.commit().await
}

/// A recorded upload, if any.
pub async fn find_upload(pool: &Pool, id: &str) -> Result<Option<Upload>, sqlx::Error> {
    let row = sqlx::query("SELECT media_type, size FROM uploads WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let mime: String = row.try_get("media_type")?;
    let size: i64 = row.try_get("size")?;
    Ok(MediaType::from_mime(&mime).map(|media_type| Upload {
        upload_id: id.to_owned(),
        media_type,
        size: u64::try_from(size).unwrap_or(0),
    }))
}

/// Counts the cases made from a client id (tests and diagnostics).
pub async fn count_cases_for(pool: &Pool, client_id: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE client_id = $1")
        .bind(client_id)
        .fetch_one(pool)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_codes_are_grouped_and_unambiguous() {
        let code = new_query_code().unwrap();
        assert_eq!(code.len(), 14);
        assert_eq!(code.matches('-').count(), 2);
        assert!(
            code.chars()
                .all(|c| c == '-' || QUERY_ALPHABET.contains(&(c as u8)))
        );
        assert_ne!(code, new_query_code().unwrap());
    }

    #[test]
    fn china_day_rolls_over_at_16_utc() {
        let late = DateTime::parse_from_rfc3339("2026-11-27T16:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(china_today(late).to_string(), "2026-11-28");
    }
}
