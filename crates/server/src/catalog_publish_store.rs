//! Publishing the catalog from the desk: an agency's entries created, edited, withdrawn and
//! marked 失效/废止, their 索引号 given by the agency's rule, publication set ahead, and the import
//! of an existing catalog (see `migrations/20261203120000_catalog_publish.sql` and
//! `docs/catalog-publishing.md`).
//!
//! Every published change goes through [`catalog_store::write_in`] / [`catalog_store::delete_in`]
//! (a new revision, so the delta feed carries it) with its audit row
//! ([`audit_store::record`]) in the same transaction. Rights are the caller's (the API) to check
//! with [`Owner`]; this module only stores.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use guichet_core::catalog::publish::{self, ImportedRow, RowProblem};
use guichet_core::catalog::{CatalogBody, CatalogEntry, CatalogError, IndexNo};
use serde::Serialize;
use serde_json::{Value, json};
use sqlx::Row;

use crate::db::Dialect;

use crate::audit_store;
use crate::catalog_store::{self, StoreError};
use crate::db::Pool;
use crate::staff_store::Staff;

/// Why a publishing step failed.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No such entry (or not the caller's to see).
    #[error("no such entry")]
    NotFound,
    /// The entry was withdrawn: it stays a tombstone and its 索引号 is never used again.
    #[error("the entry was withdrawn")]
    Withdrawn,
    /// The agency has given every serial of the year.
    #[error("serials used up")]
    SerialsUsedUp,
    /// The entry is inconsistent.
    #[error("invalid entry: {0}")]
    Invalid(CatalogError),
}

impl From<sqlx::Error> for PublishError {
    fn from(err: sqlx::Error) -> Self {
        PublishError::Store(StoreError::Database(err))
    }
}

impl From<CatalogError> for PublishError {
    fn from(err: CatalogError) -> Self {
        PublishError::Invalid(err)
    }
}

/// Where an entry stands (the desk's type).
pub use guichet_core::wire::catalog_desk::EntryStatus as Status;

/// Who owns an entry and where it stands (for the rights check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// The agency's code.
    pub agency_code: String,
    /// Published, scheduled or withdrawn.
    pub status: Status,
}

/// An attachment with its stored file (the desk's type).
pub use guichet_core::wire::catalog_desk::EntryFile as FileRef;

/// An entry as the desk edits it (answered as `wire::catalog_desk::SentEntryDetail`).
#[derive(Debug, Clone, PartialEq)]
pub struct DeskEntry {
    /// The card (its attachments' metadata included).
    pub entry: CatalogEntry,
    /// The 正文.
    pub body: Option<CatalogBody>,
    /// The attachments' files, by position.
    pub files: Vec<FileRef>,
    /// Published, scheduled or withdrawn.
    pub status: Status,
    /// The publication date of a scheduled entry.
    pub publish_on: Option<NaiveDate>,
    /// The agency's code.
    pub agency_code: String,
}

impl DeskEntry {
    /// What the audit log keeps of it: the card's fields at the top level (so the log shows
    /// them field by field), then the 正文's blocks, the files, the status and the date.
    pub fn audit_json(&self) -> Value {
        let mut value = serde_json::to_value(&self.entry).unwrap_or_else(|_| json!({}));
        if let Some(map) = value.as_object_mut() {
            map.remove("revision");
            map.insert("body".into(), json!(self.body.as_ref().map(|b| &b.blocks)));
            map.insert("files".into(), json!(self.files));
            map.insert("status".into(), json!(self.status));
            map.insert(
                "publish_on".into(),
                json!(self.publish_on.map(guichet_core::ymd::format)),
            );
        }
        value
    }

    fn file_ids(&self) -> Vec<Option<String>> {
        self.files.iter().map(|f| f.id.clone()).collect()
    }
}

/// The registered disclosure agencies, `(code, name)`, in their order.
pub async fn agencies(pool: &Pool) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query("SELECT code, name FROM disclosure_agencies ORDER BY sort_order, code")
        .fetch_all(pool)
        .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get::<String, _>("code"), r.get::<String, _>("name")))
        .collect())
}

/// The name of an agency by its code.
pub async fn agency_name(
    conn: &mut crate::db::Connection,
    code: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM disclosure_agencies WHERE code = $1")
        .bind(code)
        .fetch_optional(conn)
        .await
}

/// Who owns `index_no` and where it stands; `None` if no entry ever had it.
pub async fn owner(pool: &Pool, index_no: &IndexNo) -> Result<Option<Owner>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    owner_in(&mut conn, index_no).await
}

async fn owner_in(
    conn: &mut crate::db::Connection,
    index_no: &IndexNo,
) -> Result<Option<Owner>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT agency_code, deleted FROM catalog_entries WHERE index_no = $1
         UNION ALL SELECT agency_code, 2 FROM catalog_scheduled WHERE index_no = $1 LIMIT 1",
    )
    .bind(index_no.as_str())
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| Owner {
        agency_code: row
            .get::<Option<String>, _>("agency_code")
            .unwrap_or_default(),
        status: match row.get::<i64, _>("deleted") {
            0 => Status::Published,
            1 => Status::Withdrawn,
            _ => Status::Scheduled,
        },
    }))
}

/// The next 索引号 of `agency_code` for `year`: one more than the last given (or than the
/// largest serial already in the catalog that year), skipping any number taken.
pub async fn next_index_no(
    conn: &mut crate::db::Connection,
    agency_code: &str,
    year: i32,
) -> Result<IndexNo, PublishError> {
    let prefix = format!("{agency_code}/{year:04}-");
    loop {
        // The first use of a year starts above what the catalog already holds (imported or
        // seeded entries), so a generated number never meets an existing one.
        let serial: i64 = sqlx::query_scalar(
            "INSERT INTO catalog_index_counters (agency_code, year, last_serial)
             VALUES ($1, $2, 1 + COALESCE((SELECT MAX(CAST(substr(index_no, length(index_no) - 4) AS INTEGER))
                 FROM (SELECT index_no FROM catalog_entries UNION ALL
                       SELECT index_no FROM catalog_scheduled) AS known
                 WHERE substr(index_no, 1, length($3)) = $3), 0))
             ON CONFLICT (agency_code, year) DO UPDATE SET last_serial = catalog_index_counters.last_serial + 1
             RETURNING last_serial",
        )
        .bind(agency_code)
        .bind(year)
        .bind(&prefix)
        .fetch_one(&mut *conn)
        .await?;
        let serial = u32::try_from(serial).map_err(|_| PublishError::SerialsUsedUp)?;
        if serial > publish::MAX_SERIAL {
            return Err(PublishError::SerialsUsedUp);
        }
        let index_no = publish::index_no_for(agency_code, year, serial)?;
        if owner_in(conn, &index_no).await?.is_none() {
            return Ok(index_no);
        }
    }
}

/// Raises the counter of an imported 索引号's agency and year to its serial, so the desk's next
/// number comes after it.
async fn note_serial(
    conn: &mut crate::db::Connection,
    index_no: &IndexNo,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO catalog_index_counters (agency_code, year, last_serial) VALUES ($1, $2, $3)
         ON CONFLICT (agency_code, year) DO UPDATE
         SET last_serial = CASE WHEN excluded.last_serial > catalog_index_counters.last_serial
             THEN excluded.last_serial ELSE catalog_index_counters.last_serial END",
    )
    .bind(index_no.agency_code())
    .bind(i64::from(index_no.year()))
    .bind(i64::from(publish::serial_of(index_no)))
    .execute(conn)
    .await?;
    Ok(())
}

/// The entry as the desk edits it (published, scheduled or, for the record, withdrawn).
pub async fn load(pool: &Pool, index_no: &IndexNo) -> Result<Option<DeskEntry>, PublishError> {
    let mut conn = pool.acquire().await?;
    load_in(&mut conn, index_no).await
}

async fn load_in(
    conn: &mut crate::db::Connection,
    index_no: &IndexNo,
) -> Result<Option<DeskEntry>, PublishError> {
    let dialect = crate::db::connection_dialect(conn);
    let files = match dialect {
        Dialect::Sqlite => {
            "(SELECT json_group_array(upload_id) FROM (SELECT upload_id FROM catalog_attachments \
             WHERE entry_id = e.id ORDER BY position))"
        }
        Dialect::Postgres => {
            "(SELECT COALESCE(json_agg(upload_id ORDER BY position), '[]')::text \
             FROM catalog_attachments WHERE entry_id = e.id)"
        }
    };
    let sql = format!(
        "SELECT {}, e.agency_code, b.blocks, {files} AS files \
         FROM catalog_entries e LEFT JOIN catalog_bodies b ON b.entry_id = e.id \
         WHERE e.index_no = $1",
        catalog_store::entry_columns(dialect)
    );
    if let Some(row) = sqlx::query(&sql)
        .bind(index_no.as_str())
        .fetch_optional(&mut *conn)
        .await?
    {
        let entry = catalog_store::entry_from_row(&row)?;
        let body = catalog_store::body_from_row(&row, &entry.index_no)?;
        let ids: Vec<Option<String>> = serde_json::from_str(&row.get::<String, _>("files"))
            .map_err(|e| catalog_store::corrupt("files", e))?;
        let deleted: i64 = row.get("deleted");
        let files = files_of(&entry, &ids);
        return Ok(Some(DeskEntry {
            entry,
            body,
            files,
            status: if deleted == 0 {
                Status::Published
            } else {
                Status::Withdrawn
            },
            publish_on: None,
            agency_code: row
                .get::<Option<String>, _>("agency_code")
                .unwrap_or_default(),
        }));
    }
    let row = sqlx::query(
        "SELECT agency_code, publish_on, entry, body, files FROM catalog_scheduled
         WHERE index_no = $1",
    )
    .bind(index_no.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    scheduled_from_row(&row).map(Some)
}

fn scheduled_from_row(row: &crate::db::Row) -> Result<DeskEntry, PublishError> {
    use catalog_store::corrupt;
    let entry: CatalogEntry = serde_json::from_str(&row.get::<String, _>("entry"))
        .map_err(|e| corrupt("scheduled entry", e))?;
    let body: Option<CatalogBody> = row
        .get::<Option<String>, _>("body")
        .map(|b| serde_json::from_str(&b))
        .transpose()
        .map_err(|e| corrupt("scheduled body", e))?;
    let ids: Vec<Option<String>> = serde_json::from_str(&row.get::<String, _>("files"))
        .map_err(|e| corrupt("scheduled files", e))?;
    let publish_on = NaiveDate::parse_from_str(&row.get::<String, _>("publish_on"), "%Y-%m-%d")
        .map_err(|e| corrupt("publish_on", e))?;
    let files = files_of(&entry, &ids);
    Ok(DeskEntry {
        entry,
        body,
        files,
        status: Status::Scheduled,
        publish_on: Some(publish_on),
        agency_code: row.get("agency_code"),
    })
}

fn files_of(entry: &CatalogEntry, ids: &[Option<String>]) -> Vec<FileRef> {
    entry
        .attachments
        .iter()
        .enumerate()
        .map(|(i, a)| FileRef {
            id: ids.get(i).cloned().flatten(),
            name: a.name.clone(),
            media_type: a.media_type.clone(),
            size_bytes: a.size_bytes,
        })
        .collect()
}

/// Writes `desk` where its status says: the public catalog (a new revision) or the waiting
/// list. Returns the revision when published.
async fn put(
    conn: &mut crate::db::Connection,
    desk: &DeskEntry,
) -> Result<Option<u64>, PublishError> {
    match (desk.status, desk.publish_on) {
        (Status::Scheduled, Some(publish_on)) => {
            desk.entry.check()?;
            let entry = serde_json::to_string(&desk.entry)
                .map_err(|e| catalog_store::corrupt("entry", e))?;
            let body = desk
                .body
                .as_ref()
                .map(serde_json::to_string)
                .transpose()
                .map_err(|e| catalog_store::corrupt("body", e))?;
            let files = serde_json::to_string(&desk.file_ids())
                .map_err(|e| catalog_store::corrupt("files", e))?;
            sqlx::query(
                "INSERT INTO catalog_scheduled (index_no, agency_code, publish_on, entry, body,
                     files) VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (index_no) DO UPDATE SET agency_code = excluded.agency_code,
                     publish_on = excluded.publish_on, entry = excluded.entry,
                     body = excluded.body, files = excluded.files",
            )
            .bind(desk.entry.index_no.as_str())
            .bind(&desk.agency_code)
            .bind(publish_on.format("%Y-%m-%d").to_string())
            .bind(entry)
            .bind(body)
            .bind(files)
            .execute(&mut *conn)
            .await?;
            Ok(None)
        }
        _ => {
            sqlx::query("DELETE FROM catalog_scheduled WHERE index_no = $1")
                .bind(desk.entry.index_no.as_str())
                .execute(&mut *conn)
                .await?;
            let revision = catalog_store::write_in(
                conn,
                &desk.entry,
                desk.body.as_ref(),
                Some(&desk.agency_code),
                &desk.file_ids(),
            )
            .await?;
            Ok(Some(revision))
        }
    }
}

/// What the desk sends to create or edit an entry (the 索引号 and agency are the server's).
#[derive(Debug, Clone)]
pub struct Draft {
    /// The card; `index_no`, `agency`, `attachments` and `revision` are set here.
    pub entry: CatalogEntry,
    /// The 正文's blocks (empty: none).
    pub blocks: Vec<guichet_core::catalog::Block>,
    /// The attachments.
    pub files: Vec<FileRef>,
    /// A publication date ahead (Beijing date); `None` or a date not after `today`: now.
    pub publish_on: Option<NaiveDate>,
}

fn desk_entry(
    mut draft: Draft,
    index_no: IndexNo,
    agency_code: &str,
    agency_name: String,
    today: NaiveDate,
    status_if_now: Status,
) -> DeskEntry {
    draft.entry.index_no = index_no.clone();
    draft.entry.agency = agency_name;
    draft.entry.revision = 0;
    draft.entry.attachments = draft
        .files
        .iter()
        .map(|f| guichet_core::catalog::Attachment {
            name: f.name.clone(),
            size_bytes: f.size_bytes,
            media_type: f.media_type.clone(),
        })
        .collect();
    let ahead = draft.publish_on.filter(|d| *d > today);
    DeskEntry {
        entry: draft.entry,
        body: (!draft.blocks.is_empty()).then_some(CatalogBody {
            index_no,
            blocks: draft.blocks,
        }),
        files: draft.files,
        status: if ahead.is_some() {
            Status::Scheduled
        } else {
            status_if_now
        },
        publish_on: ahead,
        agency_code: agency_code.to_string(),
    }
}

/// Creates an entry of `agency_code` with the next 索引号 of the year of `today`, published now
/// or on its date. Returns it as stored, and its revision when published.
pub async fn create(
    pool: &Pool,
    staff: &Staff,
    agency_code: &str,
    draft: Draft,
    today: NaiveDate,
) -> Result<(DeskEntry, Option<u64>), PublishError> {
    use chrono::Datelike;
    let mut tx = crate::db::begin_write(pool).await?;
    let name = agency_name(&mut tx, agency_code)
        .await?
        .ok_or(PublishError::NotFound)?;
    let index_no = next_index_no(&mut tx, agency_code, today.year()).await?;
    let desk = desk_entry(draft, index_no, agency_code, name, today, Status::Published);
    let revision = put(&mut tx, &desk).await?;
    audit_store::record(
        &mut tx,
        staff,
        "catalog.create",
        desk.entry.index_no.as_str(),
        None,
        Some(&desk.audit_json()),
    )
    .await?;
    tx.commit().await?;
    Ok((desk, revision))
}

/// Replaces an entry's content (its 索引号 and agency stay). A published entry stays published
/// (its publication date cannot move back into the future); a scheduled one may move its date
/// or, with none, be published now.
pub async fn update(
    pool: &Pool,
    staff: &Staff,
    index_no: &IndexNo,
    draft: Draft,
    today: NaiveDate,
) -> Result<(DeskEntry, Option<u64>), PublishError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let before = load_in(&mut tx, index_no)
        .await?
        .ok_or(PublishError::NotFound)?;
    if before.status == Status::Withdrawn {
        return Err(PublishError::Withdrawn);
    }
    let mut draft = draft;
    if before.status == Status::Published {
        draft.publish_on = None;
    }
    let mut desk = desk_entry(
        draft,
        index_no.clone(),
        &before.agency_code,
        before.entry.agency.clone(),
        today,
        Status::Published,
    );
    if before.status == Status::Published {
        desk.status = Status::Published;
    }
    let revision = put(&mut tx, &desk).await?;
    audit_store::record(
        &mut tx,
        staff,
        "catalog.update",
        index_no.as_str(),
        Some(&before.audit_json()),
        Some(&desk.audit_json()),
    )
    .await?;
    tx.commit().await?;
    Ok((desk, revision))
}

/// Marks an entry 有效, 已修订, 已失效 or 已废止 (with the document that replaced it, if any).
pub async fn set_validity(
    pool: &Pool,
    staff: &Staff,
    index_no: &IndexNo,
    validity: guichet_core::catalog::Validity,
    replaced_by: Option<IndexNo>,
) -> Result<(DeskEntry, Option<u64>), PublishError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let before = load_in(&mut tx, index_no)
        .await?
        .ok_or(PublishError::NotFound)?;
    if before.status == Status::Withdrawn {
        return Err(PublishError::Withdrawn);
    }
    let mut desk = before.clone();
    desk.entry.validity = validity;
    desk.entry.replaced_by = replaced_by;
    let revision = put(&mut tx, &desk).await?;
    audit_store::record(
        &mut tx,
        staff,
        "catalog.validity",
        index_no.as_str(),
        Some(&before.audit_json()),
        Some(&desk.audit_json()),
    )
    .await?;
    tx.commit().await?;
    Ok((desk, revision))
}

/// Withdraws an entry (撤回): a tombstone in the feed, its 索引号 never given again. A scheduled
/// entry leaves a tombstone too, so that its number stays taken. Returns the tombstone's
/// revision.
pub async fn withdraw(pool: &Pool, staff: &Staff, index_no: &IndexNo) -> Result<u64, PublishError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let before = load_in(&mut tx, index_no)
        .await?
        .ok_or(PublishError::NotFound)?;
    if before.status == Status::Withdrawn {
        return Err(PublishError::Withdrawn);
    }
    if before.status == Status::Scheduled {
        let mut now = before.clone();
        now.status = Status::Published;
        put(&mut tx, &now).await?;
    }
    let revision = catalog_store::delete_in(&mut tx, index_no)
        .await?
        .ok_or(PublishError::NotFound)?;
    audit_store::record(
        &mut tx,
        staff,
        "catalog.withdraw",
        index_no.as_str(),
        Some(&before.audit_json()),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(revision)
}

/// Publishes the scheduled entries whose date has come (`publish_on <= today`), each with a
/// fresh revision, so a device whose cursor was handed out before sees them. Cheap when none is
/// due (one indexed lookup): called before every public read of the catalog and on a timer.
pub async fn promote_due(pool: &Pool, today: NaiveDate) -> Result<usize, PublishError> {
    let day = today.format("%Y-%m-%d").to_string();
    let due: Option<String> =
        sqlx::query_scalar("SELECT index_no FROM catalog_scheduled WHERE publish_on <= $1 LIMIT 1")
            .bind(&day)
            .fetch_optional(pool)
            .await?;
    if due.is_none() {
        return Ok(0);
    }
    let mut tx = crate::db::begin_write(pool).await?;
    // Taken inside the write transaction: two readers promoting at once publish each once.
    let rows = sqlx::query(
        "DELETE FROM catalog_scheduled WHERE publish_on <= $1
         RETURNING agency_code, publish_on, entry, body, files",
    )
    .bind(&day)
    .fetch_all(&mut *tx)
    .await?;
    let mut promoted = Vec::with_capacity(rows.len());
    for row in &rows {
        promoted.push(scheduled_from_row(row)?);
    }
    // In 索引号 order, so the revisions are deterministic.
    promoted.sort_by(|a, b| a.entry.index_no.cmp(&b.entry.index_no));
    for mut desk in promoted {
        desk.status = Status::Published;
        desk.publish_on = None;
        put(&mut tx, &desk).await?;
    }
    tx.commit().await?;
    if !rows.is_empty() {
        tracing::info!(count = rows.len(), "catalog: scheduled entries published");
    }
    Ok(rows.len())
}

/// One row of the desk's listing (the desk's type).
pub use guichet_core::wire::catalog_desk::CatalogRow as DeskRow;

/// A page of an agency's live and scheduled entries (`None`: every agency), those whose title
/// or 索引号 contains `q`, scheduled first then the latest changed; with the total.
pub async fn desk_list(
    pool: &Pool,
    agency_code: Option<&str>,
    q: Option<&str>,
    page: u32,
    per_page: u32,
) -> Result<(u64, Vec<DeskRow>), PublishError> {
    let pattern = q.map(|q| {
        format!(
            "%{}%",
            q.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        )
    });
    // A scheduled entry keeps its fields in one JSON column.
    let field = |name: &str| match crate::db::dialect(pool) {
        Dialect::Sqlite => format!("json_extract(entry, '$.{name}')"),
        Dialect::Postgres => format!("(entry::json ->> '{name}')"),
    };
    let from = format!(
        "FROM (
        SELECT index_no, title, doc_no, issued_on, validity, agency, agency_code,
               'published' AS status, NULL AS publish_on, updated_at, 1 AS rank
        FROM catalog_entries WHERE deleted = 0
        UNION ALL
        SELECT index_no, {}, {}, {}, {}, {}, agency_code, 'scheduled', publish_on,
               created_at, 0
        FROM catalog_scheduled) AS listing
        WHERE ($1 IS NULL OR agency_code = $1)
          AND ($2 IS NULL OR title LIKE $2 ESCAPE '\\' OR index_no LIKE $2 ESCAPE '\\')",
        field("title"),
        field("doc_no"),
        field("issued_on"),
        field("validity"),
        field("agency")
    );
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {from}"))
        .bind(agency_code)
        .bind(pattern.as_deref())
        .fetch_one(pool)
        .await?;
    let rows = sqlx::query(&format!(
        "SELECT * {from} ORDER BY rank, updated_at DESC, index_no DESC LIMIT $3 OFFSET $4"
    ))
    .bind(agency_code)
    .bind(pattern.as_deref())
    .bind(i64::from(per_page))
    .bind(i64::from(page.saturating_sub(1)) * i64::from(per_page))
    .fetch_all(pool)
    .await?;
    let rows = rows
        .iter()
        .map(|r| DeskRow {
            index_no: r.get("index_no"),
            title: r.get("title"),
            doc_no: r.get("doc_no"),
            issued_on: r.get("issued_on"),
            validity: r.get("validity"),
            agency: r.get("agency"),
            status: if r.get::<String, _>("status") == "scheduled" {
                Status::Scheduled
            } else {
                Status::Published
            },
            publish_on: r.get("publish_on"),
            updated_at: r.get("updated_at"),
        })
        .collect();
    Ok((u64::try_from(total).unwrap_or_default(), rows))
}

// ---------------------------------------------------------------------------------- import

/// The outcome of an import (or of its dry run).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    /// Whether nothing was written.
    pub dry_run: bool,
    /// Data rows read.
    pub rows: usize,
    /// Rows that would be (or were) new entries.
    pub created: usize,
    /// Rows that change an existing entry.
    pub updated: usize,
    /// Rows identical to the entry already published (left untouched).
    pub unchanged: usize,
    /// Every problem, by line and column; when there is any, nothing is written.
    pub errors: Vec<ImportError>,
}

/// One problem of an import, ready to show.
#[derive(Debug, Clone, Serialize)]
pub struct ImportError {
    /// The file's line (1 is the header).
    pub line: u64,
    /// The column's header.
    pub field: &'static str,
    /// The sentence, in Chinese.
    pub message: String,
    /// The sentence, in English.
    pub message_en: String,
}

impl From<&RowProblem> for ImportError {
    fn from(p: &RowProblem) -> Self {
        ImportError {
            line: p.line,
            field: p.column.header(),
            message: p.message(guichet_core::Lang::Zh),
            message_en: p.message(guichet_core::Lang::En),
        }
    }
}

/// What a good row will do.
enum Plan {
    Create,
    Update(Box<DeskEntry>),
    Unchanged,
}

/// Checks `rows` (column → text, with their line) and, unless `dry_run` or a row is wrong,
/// writes them in one transaction: new 索引号 created, changed ones updated (their attachments
/// kept), identical ones untouched (no revision, no audit row). `own_agency`: the only agency
/// the person may import for (`None`: any, a center administrator).
pub async fn import(
    pool: &Pool,
    staff: &Staff,
    own_agency: Option<&str>,
    rows: Vec<(u64, BTreeMap<publish::Column, String>)>,
    dry_run: bool,
) -> Result<ImportReport, PublishError> {
    let names: HashMap<String, String> = agencies(pool)
        .await?
        .into_iter()
        .map(|(code, name)| (name, code))
        .collect();
    let codes: HashMap<&str, &str> = names
        .iter()
        .map(|(n, c)| (c.as_str(), n.as_str()))
        .collect();
    let mut report = ImportReport {
        dry_run,
        rows: rows.len(),
        ..ImportReport::default()
    };
    let mut problems: Vec<RowProblem> = Vec::new();
    let mut seen: HashMap<IndexNo, u64> = HashMap::new();
    let mut planned: Vec<(ImportedRow, Plan)> = Vec::with_capacity(rows.len());
    let mut tx = crate::db::begin_write(pool).await?;
    for (line, cells) in &rows {
        let read = match publish::read_row(*line, cells, |name| names.get(name).cloned()) {
            Ok(read) => read,
            Err(found) => {
                problems.extend(found);
                continue;
            }
        };
        let mut problem = |column, key, found: String| {
            problems.push(RowProblem {
                line: *line,
                column,
                key,
                found,
            })
        };
        use publish::Column;
        if own_agency.is_some_and(|own| own != read.agency_code) {
            problem(
                Column::Agency,
                "admin.catalog.import.not_own_agency",
                read.entry.agency.clone(),
            );
            continue;
        }
        if let Some(first) = seen.insert(read.entry.index_no.clone(), *line) {
            problem(
                Column::IndexNo,
                "admin.catalog.import.duplicate",
                first.to_string(),
            );
            continue;
        }
        let plan = match owner_in(&mut tx, &read.entry.index_no).await? {
            None => Plan::Create,
            Some(owner) if owner.status == Status::Withdrawn => {
                problem(
                    Column::IndexNo,
                    "admin.catalog.import.withdrawn",
                    String::new(),
                );
                continue;
            }
            Some(owner) if owner.status == Status::Scheduled => {
                problem(
                    Column::IndexNo,
                    "admin.catalog.import.scheduled",
                    String::new(),
                );
                continue;
            }
            Some(owner) if owner.agency_code != read.agency_code => {
                let other = codes
                    .get(owner.agency_code.as_str())
                    .map_or(owner.agency_code.clone(), |n| (*n).to_string());
                problem(Column::IndexNo, "admin.catalog.import.taken", other);
                continue;
            }
            Some(_) => {
                let existing = load_in(&mut tx, &read.entry.index_no)
                    .await?
                    .ok_or(PublishError::NotFound)?;
                let mut same = existing.entry.clone();
                same.revision = 0;
                same.attachments.clear();
                same.replaced_by = None;
                let mut wanted = read.entry.clone();
                wanted.replaced_by = None;
                if same == wanted && existing.body == read.body {
                    Plan::Unchanged
                } else {
                    Plan::Update(Box::new(existing))
                }
            }
        };
        match plan {
            Plan::Create => report.created += 1,
            Plan::Update(_) => report.updated += 1,
            Plan::Unchanged => report.unchanged += 1,
        }
        planned.push((read, plan));
    }
    problems.sort_by_key(|p| (p.line, p.column));
    report.errors = problems.iter().map(ImportError::from).collect();
    if dry_run || !report.errors.is_empty() {
        tx.rollback().await?;
        return Ok(report);
    }
    for (read, plan) in planned {
        let (kind, before) = match plan {
            Plan::Unchanged => continue,
            Plan::Create => ("catalog.import.create", None),
            Plan::Update(existing) => ("catalog.import.update", Some(*existing)),
        };
        let mut desk = DeskEntry {
            entry: read.entry,
            body: read.body,
            files: Vec::new(),
            status: Status::Published,
            publish_on: None,
            agency_code: read.agency_code,
        };
        if let Some(before) = &before {
            // The file has no attachments column: an update keeps the entry's attachments and
            // its replacement link.
            desk.entry.attachments = before.entry.attachments.clone();
            desk.entry.replaced_by = before.entry.replaced_by.clone();
            desk.files = before.files.clone();
            if desk.entry.check().is_err() {
                desk.entry.replaced_by = None;
            }
        }
        put(&mut tx, &desk).await?;
        note_serial(&mut tx, &desk.entry.index_no).await?;
        audit_store::record(
            &mut tx,
            staff,
            kind,
            desk.entry.index_no.as_str(),
            before.as_ref().map(DeskEntry::audit_json).as_ref(),
            Some(&desk.audit_json()),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(report)
}

/// The stored file of a published entry's `n`-th attachment: `(upload id, name)`.
pub async fn published_file(
    pool: &Pool,
    index_no: &IndexNo,
    n: u32,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT a.upload_id, a.name FROM catalog_attachments a
         JOIN catalog_entries e ON e.id = a.entry_id
         WHERE e.index_no = $1 AND e.deleted = 0 AND a.position = $2 AND a.upload_id IS NOT NULL",
    )
    .bind(index_no.as_str())
    .bind(i64::from(n))
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| (r.get("upload_id"), r.get("name"))))
}
