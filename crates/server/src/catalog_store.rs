//! The disclosure catalog's storage: entries, bodies, attachments, the revision counter and
//! the server-side search table (see `migrations/20261127100000_catalog.sql`).
//!
//! The demo seed, the `generate-catalog` command and the tests write through [`upsert`] and
//! [`delete`]; the desk's publishing (`catalog_publish_store`) through [`write_in`] and
//! [`delete_in`] inside its own transactions, with their audit rows. Every write takes the next
//! catalog revision in the same transaction as the change, so the delta feed ([`changes`]) never
//! misses or reorders a change. A deletion leaves a tombstone row (no body, no attachments, no
//! search row) with its own revision.

use chrono::NaiveDate;
use guichet_core::catalog::search::{NORMALIZED_TEXT_VERSION, normalize_text, search_terms};
use guichet_core::catalog::{
    Attachment, Block, CatalogBody, CatalogEntry, CatalogError, DisclosureMode, Genre, IndexNo,
    Topic, Validity,
};
use serde::Serialize;
use sqlx::Row;

use crate::db::Dialect;

use crate::db::Pool;
use crate::error::AppError;

/// Why a catalog read or write failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// The entry is inconsistent (empty title, bad replacement).
    #[error("invalid catalog entry: {0}")]
    Invalid(#[from] CatalogError),
    /// A stored value could not be read back (JSON column, code, date): corruption or a bug.
    #[error("unreadable catalog row: {0}")]
    Corrupt(String),
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Database(err) => AppError::from(err),
            other => AppError::Internal(other.to_string()),
        }
    }
}

/// What the listing and the facets select: the offline search's own filters (one definition
/// for the phone and the server), plus free text, which the server also searches in 正文.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// 主题分类, 体裁分类, 发布机构, year, 有效性; `None` means any.
    pub by: guichet_core::catalog::search::Filters,
    /// Free text: every term must occur in 名称, 文号, 索引号, 发布机构, 主题词, 内容概述 or 正文.
    pub q: Option<String>,
}

/// One change of the delta feed.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// The revision of this change (ascending in a page).
    pub revision: u64,
    /// The entry's 索引号.
    pub index_no: String,
    /// `true` for a deletion: drop the local copy.
    pub deleted: bool,
    /// The entry as it is now (absent for a deletion).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<CatalogEntry>,
    /// Its body, only when asked for (`include_bodies=true`) and when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<CatalogBody>,
}

/// Counts per value of each dimension.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct FacetCounts {
    /// Entries matching in all.
    pub total: u64,
    /// Per 主题分类 code.
    pub topic: Vec<FacetCount>,
    /// Per 体裁分类 code.
    pub genre: Vec<FacetCount>,
    /// Per 发布机构.
    pub agency: Vec<FacetCount>,
    /// Per year (as text, e.g. `"2024"`), newest first.
    pub year: Vec<FacetCount>,
    /// Per 有效性 code.
    pub validity: Vec<FacetCount>,
}

/// One value and its count.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FacetCount {
    /// The code, name or year.
    pub value: String,
    /// How many entries.
    pub count: u64,
}

/// The columns read for an entry, with its attachments as one JSON array (each engine
/// spells the aggregate its own way).
pub(crate) fn entry_columns(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => {
            "e.id, e.index_no, e.revision, e.deleted, e.title, e.summary, e.topic, \
            e.genre, e.keywords, e.agency, e.doc_no, e.issued_on, e.disclosure_mode, e.validity, \
            e.replaced_by, \
            (SELECT json_group_array(json_object('name', a.name, 'size_bytes', a.size_bytes, \
                'media_type', a.media_type)) \
             FROM (SELECT * FROM catalog_attachments WHERE entry_id = e.id ORDER BY position) a) \
            AS attachments"
        }
        Dialect::Postgres => {
            "e.id, e.index_no, e.revision, e.deleted, e.title, e.summary, e.topic, \
            e.genre, e.keywords, e.agency, e.doc_no, e.issued_on, e.disclosure_mode, e.validity, \
            e.replaced_by, \
            (SELECT COALESCE(json_agg(json_build_object('name', a.name, 'size_bytes', a.size_bytes, \
                'media_type', a.media_type) ORDER BY a.position), '[]')::text \
             FROM catalog_attachments a WHERE a.entry_id = e.id) \
            AS attachments"
        }
    }
}

pub(crate) fn corrupt(what: &str, detail: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {detail}"))
}

pub(crate) fn entry_from_row(row: &crate::db::Row) -> Result<CatalogEntry, StoreError> {
    let text = |name: &str| row.try_get::<String, _>(name);
    let index_no = IndexNo::parse(&text("index_no")?).map_err(|e| corrupt("index_no", e))?;
    let code = |name: &str| -> Result<String, StoreError> { Ok(text(name)?) };
    let topic_code = code("topic")?;
    let genre_code = code("genre")?;
    let mode_code = code("disclosure_mode")?;
    let validity_code = code("validity")?;
    let replaced_by = row
        .try_get::<Option<String>, _>("replaced_by")?
        .map(|r| IndexNo::parse(&r))
        .transpose()
        .map_err(|e| corrupt("replaced_by", e))?;
    let attachments: Vec<Attachment> =
        serde_json::from_str(&text("attachments")?).map_err(|e| corrupt("attachments", e))?;
    let revision: i64 = row.try_get("revision")?;
    Ok(CatalogEntry {
        index_no,
        title: text("title")?,
        summary: text("summary")?,
        topic: Topic::from_code(&topic_code).ok_or_else(|| corrupt("topic", &topic_code))?,
        genre: Genre::from_code(&genre_code).ok_or_else(|| corrupt("genre", &genre_code))?,
        keywords: serde_json::from_str(&text("keywords")?).map_err(|e| corrupt("keywords", e))?,
        agency: text("agency")?,
        doc_no: row.try_get("doc_no")?,
        issued_on: NaiveDate::parse_from_str(&text("issued_on")?, "%Y-%m-%d")
            .map_err(|e| corrupt("issued_on", e))?,
        disclosure_mode: DisclosureMode::from_code(&mode_code)
            .ok_or_else(|| corrupt("disclosure_mode", &mode_code))?,
        validity: Validity::from_code(&validity_code)
            .ok_or_else(|| corrupt("validity", &validity_code))?,
        replaced_by,
        attachments,
        revision: u64::try_from(revision).unwrap_or_default(),
    })
}

/// Takes the next catalog revision (inside the caller's transaction).
async fn next_revision(conn: &mut crate::db::Connection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("UPDATE catalog_revision SET value = value + 1 WHERE id = 1 RETURNING value")
        .fetch_one(conn)
        .await
}

/// The latest catalog revision (0 for a catalog never written).
pub async fn current_revision(pool: &Pool) -> Result<u64, StoreError> {
    let value: i64 = sqlx::query_scalar("SELECT value FROM catalog_revision WHERE id = 1")
        .fetch_one(pool)
        .await?;
    Ok(u64::try_from(value).unwrap_or_default())
}

/// Whether the catalog has never had an entry (not even a deleted one).
pub async fn is_empty(pool: &Pool) -> Result<bool, StoreError> {
    let any: Option<i64> = sqlx::query_scalar("SELECT 1 FROM catalog_entries LIMIT 1")
        .fetch_optional(pool)
        .await?;
    Ok(any.is_none())
}

/// Creates or replaces an entry (and its body when given; `None` keeps no body) with a new
/// revision, which it returns. `entry.revision` is ignored.
pub async fn upsert(
    pool: &Pool,
    entry: &CatalogEntry,
    body: Option<&CatalogBody>,
) -> Result<u64, StoreError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let revision = upsert_in(&mut tx, entry, body).await?;
    tx.commit().await?;
    Ok(revision)
}

/// Like [`upsert`] for many entries, in transactions of `batch` entries (bulk loading: one
/// transaction per entry would wait for a disk sync each time).
pub async fn upsert_many(
    pool: &Pool,
    items: &[(CatalogEntry, Option<CatalogBody>)],
    batch: usize,
) -> Result<(), StoreError> {
    for chunk in items.chunks(batch.max(1)) {
        let mut tx = crate::db::begin_write(pool).await?;
        for (entry, body) in chunk {
            upsert_in(&mut tx, entry, body.as_ref()).await?;
        }
        tx.commit().await?;
    }
    Ok(())
}

async fn upsert_in(
    conn: &mut crate::db::Connection,
    entry: &CatalogEntry,
    body: Option<&CatalogBody>,
) -> Result<u64, StoreError> {
    write_in(conn, entry, body, None, &[]).await
}

/// Creates or replaces an entry inside the caller's transaction, with a new revision (returned).
/// `agency_code` ties it to its agency (`None`: the agency registered under `entry.agency`, or
/// else the 索引号's prefix); `files` are the stored uploads behind `entry.attachments`, by
/// position (missing or `None`: metadata only).
pub(crate) async fn write_in(
    conn: &mut crate::db::Connection,
    entry: &CatalogEntry,
    body: Option<&CatalogBody>,
    agency_code: Option<&str>,
    files: &[Option<String>],
) -> Result<u64, StoreError> {
    entry.check()?;
    let revision = next_revision(&mut *conn).await?;
    let keywords = serde_json::to_string(&entry.keywords).map_err(|e| corrupt("keywords", e))?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO catalog_entries (index_no, revision, deleted, title, summary, topic, genre, \
             keywords, agency, doc_no, issued_on, year, disclosure_mode, validity, replaced_by, \
             agency_code) \
         VALUES ($1, $2, 0, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, COALESCE($15, \
             (SELECT code FROM disclosure_agencies WHERE name = $16 ORDER BY code LIMIT 1), $17)) \
         ON CONFLICT (index_no) DO UPDATE SET revision = excluded.revision, deleted = 0, \
             title = excluded.title, summary = excluded.summary, topic = excluded.topic, \
             genre = excluded.genre, keywords = excluded.keywords, agency = excluded.agency, \
             doc_no = excluded.doc_no, issued_on = excluded.issued_on, year = excluded.year, \
             disclosure_mode = excluded.disclosure_mode, validity = excluded.validity, \
             replaced_by = excluded.replaced_by, agency_code = excluded.agency_code, \
             updated_at = $18 \
         RETURNING id",
    )
    .bind(entry.index_no.as_str())
    .bind(revision)
    .bind(&entry.title)
    .bind(&entry.summary)
    .bind(entry.topic.code())
    .bind(entry.genre.code())
    .bind(keywords)
    .bind(&entry.agency)
    .bind(entry.doc_no.as_deref())
    .bind(entry.issued_on.format("%Y-%m-%d").to_string())
    .bind(i64::from(entry.year()))
    .bind(entry.disclosure_mode.code())
    .bind(entry.validity.code())
    .bind(entry.replaced_by.as_ref().map(IndexNo::as_str))
    .bind(agency_code)
    .bind(&entry.agency)
    .bind(entry.index_no.agency_code())
    .bind(crate::db::now_text())
    .fetch_one(&mut *conn)
    .await?;

    sqlx::query("DELETE FROM catalog_attachments WHERE entry_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (position, attachment) in entry.attachments.iter().enumerate() {
        sqlx::query(
            "INSERT INTO catalog_attachments (entry_id, position, name, size_bytes, media_type, \
                 upload_id) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(&attachment.name)
        .bind(i64::try_from(attachment.size_bytes).unwrap_or(i64::MAX))
        .bind(&attachment.media_type)
        .bind(files.get(position).cloned().flatten())
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM catalog_bodies WHERE entry_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if let Some(body) = body {
        let blocks = serde_json::to_string(&body.blocks).map_err(|e| corrupt("body", e))?;
        sqlx::query("INSERT INTO catalog_bodies (entry_id, blocks) VALUES ($1, $2)")
            .bind(id)
            .bind(blocks)
            .execute(&mut *conn)
            .await?;
    }
    write_search_text(conn, id, &search_text(entry, body)).await?;
    Ok(u64::try_from(revision).unwrap_or_default())
}

/// What the server's search reads of an entry: every searched field and the 正文, normalised
/// and folded as the offline index does ([`normalize_text`]).
fn search_text(entry: &CatalogEntry, body: Option<&CatalogBody>) -> String {
    search_text_of(
        SearchedFields {
            title: &entry.title,
            doc_no: entry.doc_no.as_deref().unwrap_or_default(),
            index_no: entry.index_no.as_str(),
            agency: &entry.agency,
            keywords: &entry.keywords,
            summary: &entry.summary,
        },
        body,
    )
}

/// The fields of an entry that its search text is made of.
struct SearchedFields<'a> {
    title: &'a str,
    doc_no: &'a str,
    index_no: &'a str,
    agency: &'a str,
    keywords: &'a [String],
    summary: &'a str,
}

fn search_text_of(fields: SearchedFields<'_>, body: Option<&CatalogBody>) -> String {
    let mut text = String::new();
    for part in [
        fields.title,
        fields.doc_no,
        fields.index_no,
        fields.agency,
        &fields.keywords.join(" "),
        fields.summary,
    ] {
        text.push_str(&normalize_text(part));
        text.push('\n');
    }
    if let Some(body) = body {
        text.push_str(&normalize_text(&body.plain_text()));
    }
    text
}

async fn write_search_text(
    conn: &mut crate::db::Connection,
    id: i64,
    text: &str,
) -> Result<(), sqlx::Error> {
    // Delete and insert: an FTS5 table has no upsert.
    sqlx::query("DELETE FROM catalog_fts WHERE rowid = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO catalog_fts (rowid, search_text) VALUES ($1, $2)")
        .bind(id)
        .bind(text)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The `meta` key recording which [`NORMALIZED_TEXT_VERSION`] wrote the search table.
const SEARCH_TEXT_KEY: &str = "catalog_search_text_version";

/// Rewrites the search table's text of every live entry if an older normalisation wrote it
/// (before version 2, traditional characters were not folded, so 「營業執照」 found nothing);
/// returns how many entries were rewritten. The server runs it in the background when it
/// starts (100,000 entries: ~45 s on SQLite). Batches of a few hundred, each in its own
/// transaction that reads and writes them, so that a large catalog never holds the write lock
/// for long and an entry published meanwhile keeps its new text; a server stopped half-way
/// starts over next time (the version is recorded last).
pub async fn refresh_search_text(pool: &Pool) -> Result<u64, StoreError> {
    let stored: Option<String> = sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
        .bind(SEARCH_TEXT_KEY)
        .fetch_optional(pool)
        .await?;
    let current = NORMALIZED_TEXT_VERSION.to_string();
    if stored.as_deref() == Some(current.as_str()) {
        return Ok(0);
    }
    const BATCH: i64 = 500;
    // By id alone (tombstones skipped here, not in SQL), and only the searched columns: a
    // filter on `deleted` or the attachments' subquery would make each batch scan the table.
    let sql = "SELECT e.id, e.deleted, e.index_no, e.title, e.doc_no, e.agency, e.keywords, \
                      e.summary, b.blocks \
               FROM catalog_entries e LEFT JOIN catalog_bodies b ON b.entry_id = e.id \
               WHERE e.id > $1 ORDER BY e.id LIMIT $2";
    let mut after = 0i64;
    let mut rewritten = 0u64;
    loop {
        // Read and written under the one write lock, so that an entry published meanwhile is
        // never overwritten with the text of what it was.
        let mut tx = crate::db::begin_write(pool).await?;
        let rows = sqlx::query(sql)
            .bind(after)
            .bind(BATCH)
            .fetch_all(&mut *tx)
            .await?;
        let Some(last) = rows.last() else {
            break;
        };
        after = last.try_get("id")?;
        let mut texts = Vec::with_capacity(rows.len());
        for row in &rows {
            if row.try_get::<i64, _>("deleted")? != 0 {
                continue;
            }
            let text = |name: &str| row.try_get::<Option<String>, _>(name);
            let index_no = IndexNo::parse(&text("index_no")?.unwrap_or_default())
                .map_err(|e| corrupt("index_no", e))?;
            let keywords: Vec<String> =
                serde_json::from_str(&text("keywords")?.unwrap_or_default())
                    .map_err(|e| corrupt("keywords", e))?;
            let body = body_from_row(row, &index_no)?;
            let fields = SearchedFields {
                title: &text("title")?.unwrap_or_default(),
                doc_no: &text("doc_no")?.unwrap_or_default(),
                index_no: index_no.as_str(),
                agency: &text("agency")?.unwrap_or_default(),
                keywords: &keywords,
                summary: &text("summary")?.unwrap_or_default(),
            };
            texts.push((
                row.try_get::<i64, _>("id")?,
                search_text_of(fields, body.as_ref()),
            ));
        }
        for (id, text) in &texts {
            write_search_text(&mut tx, *id, text).await?;
        }
        tx.commit().await?;
        rewritten += texts.len() as u64;
    }
    sqlx::query(
        "INSERT INTO meta (key, value, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )
    .bind(SEARCH_TEXT_KEY)
    .bind(&current)
    .bind(crate::db::now_text())
    .execute(pool)
    .await?;
    Ok(rewritten)
}

/// Deletes an entry, leaving a tombstone with a new revision (returned). `None` if there is no
/// such entry or it is already deleted.
pub async fn delete(pool: &Pool, index_no: &IndexNo) -> Result<Option<u64>, StoreError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let revision = delete_in(&mut tx, index_no).await?;
    tx.commit().await?;
    Ok(revision)
}

/// [`delete`] inside the caller's transaction.
pub(crate) async fn delete_in(
    conn: &mut crate::db::Connection,
    index_no: &IndexNo,
) -> Result<Option<u64>, StoreError> {
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM catalog_entries WHERE index_no = $1 AND deleted = 0")
            .bind(index_no.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    let Some(id) = id else {
        return Ok(None);
    };
    let revision = next_revision(&mut *conn).await?;
    sqlx::query(
        "UPDATE catalog_entries SET deleted = 1, revision = $1, \
             updated_at = $3 WHERE id = $2",
    )
    .bind(revision)
    .bind(id)
    .bind(crate::db::now_text())
    .execute(&mut *conn)
    .await?;
    for sql in [
        "DELETE FROM catalog_bodies WHERE entry_id = $1",
        "DELETE FROM catalog_attachments WHERE entry_id = $1",
        "DELETE FROM catalog_fts WHERE rowid = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut *conn).await?;
    }
    Ok(Some(u64::try_from(revision).unwrap_or_default()))
}

/// One live entry and its body (if it has one).
pub async fn get(
    pool: &Pool,
    index_no: &IndexNo,
) -> Result<Option<(CatalogEntry, Option<CatalogBody>)>, StoreError> {
    let columns = entry_columns(crate::db::dialect(pool));
    let sql = format!(
        "SELECT {columns}, b.blocks FROM catalog_entries e \
         LEFT JOIN catalog_bodies b ON b.entry_id = e.id \
         WHERE e.index_no = $1 AND e.deleted = 0"
    );
    let Some(row) = sqlx::query(&sql)
        .bind(index_no.as_str())
        .fetch_optional(pool)
        .await?
    else {
        return Ok(None);
    };
    let entry = entry_from_row(&row)?;
    let body = body_from_row(&row, &entry.index_no)?;
    Ok(Some((entry, body)))
}

pub(crate) fn body_from_row(
    row: &crate::db::Row,
    index_no: &IndexNo,
) -> Result<Option<CatalogBody>, StoreError> {
    let blocks: Option<String> = row.try_get("blocks")?;
    blocks
        .map(|json| {
            let blocks: Vec<Block> = serde_json::from_str(&json).map_err(|e| corrupt("body", e))?;
            Ok(CatalogBody {
                index_no: index_no.clone(),
                blocks,
            })
        })
        .transpose()
}

/// A value bound to a filter's placeholder.
enum FilterValue {
    Text(String),
    Int(i64),
}

/// `WHERE …` for live entries matching `filters` over `catalog_entries e`, with `?`
/// placeholders (numbered by the caller with [`crate::db::numbered`]) and their values.
fn filters_clause(filters: &Filters, dialect: Dialect) -> (String, Vec<FilterValue>) {
    let mut sql = String::from(" WHERE e.deleted = 0");
    let mut values = Vec::new();
    let mut equals = |column: &str, value: FilterValue| {
        sql.push_str(&format!(" AND e.{column} = ?"));
        values.push(value);
    };
    if let Some(topic) = filters.by.topic {
        equals("topic", FilterValue::Text(topic.code().to_owned()));
    }
    if let Some(genre) = filters.by.genre {
        equals("genre", FilterValue::Text(genre.code().to_owned()));
    }
    if let Some(agency) = &filters.by.agency {
        equals("agency", FilterValue::Text(agency.clone()));
    }
    if let Some(year) = filters.by.year {
        equals("year", FilterValue::Int(i64::from(year)));
    }
    if let Some(validity) = filters.by.validity {
        equals("validity", FilterValue::Text(validity.code().to_owned()));
    }
    let terms = filters.q.as_deref().map(search_terms).unwrap_or_default();
    // SQLite: terms of three characters or more use the FTS5 trigram index; shorter ones (most
    // Chinese words are two characters) a LIKE over the same normalised text. PostgreSQL: a
    // LIKE for every term, which its pg_trgm index serves from three characters on.
    let (indexed, scanned): (Vec<&String>, Vec<&String>) = terms
        .iter()
        .partition(|t| dialect == Dialect::Sqlite && t.chars().count() >= 3);
    if !indexed.is_empty() {
        let query: Vec<String> = indexed
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
            .collect();
        sql.push_str(" AND e.id IN (SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH ?)");
        values.push(FilterValue::Text(query.join(" AND ")));
    }
    for term in scanned {
        let pattern = format!(
            "%{}%",
            term.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        sql.push_str(
            " AND e.id IN (SELECT rowid FROM catalog_fts WHERE search_text LIKE ? ESCAPE '\\')",
        );
        values.push(FilterValue::Text(pattern));
    }
    (sql, values)
}

/// Binds the values of [`filters_clause`] in order, to a `query`, `query_as` or
/// `query_scalar` alike.
macro_rules! bind_filters {
    ($query:expr, $values:expr) => {{
        let mut query = $query;
        for value in $values {
            query = match value {
                FilterValue::Text(text) => query.bind(text.as_str()),
                FilterValue::Int(number) => query.bind(*number),
            };
        }
        query
    }};
}

/// A page of live entries matching `filters`, newest 发文日期 first, then by 索引号, with the
/// total count. `page` starts at 1.
pub async fn list(
    pool: &Pool,
    filters: &Filters,
    page: u32,
    page_size: u32,
) -> Result<(u64, Vec<CatalogEntry>), StoreError> {
    let (clause, values) = filters_clause(filters, crate::db::dialect(pool));
    let count_sql = crate::db::numbered(&format!("SELECT COUNT(*) FROM catalog_entries e{clause}"));
    let total: i64 = bind_filters!(sqlx::query_scalar(&count_sql), &values)
        .fetch_one(pool)
        .await?;
    let columns = entry_columns(crate::db::dialect(pool));
    let list_sql = crate::db::numbered(&format!(
        "SELECT {columns} FROM catalog_entries e{clause} \
         ORDER BY e.issued_on DESC, e.index_no LIMIT ? OFFSET ?"
    ));
    let rows = bind_filters!(sqlx::query(&list_sql), &values)
        .bind(i64::from(page_size))
        .bind(i64::from(page.saturating_sub(1)) * i64::from(page_size))
        .fetch_all(pool)
        .await?;
    let entries = rows.iter().map(entry_from_row).collect::<Result<_, _>>()?;
    Ok((u64::try_from(total).unwrap_or_default(), entries))
}

/// Counts of live entries matching `filters` per topic, genre, agency, year and validity.
pub async fn facets(pool: &Pool, filters: &Filters) -> Result<FacetCounts, StoreError> {
    let (clause, values) = filters_clause(filters, crate::db::dialect(pool));
    let mut counts = FacetCounts::default();
    for (column, order) in [
        ("topic", "value"),
        ("genre", "value"),
        ("agency", "n DESC, value"),
        ("year", "value DESC"),
        ("validity", "value"),
    ] {
        let sql = crate::db::numbered(&format!(
            "SELECT CAST(e.{column} AS TEXT) AS value, COUNT(*) AS n FROM catalog_entries e\
             {clause} GROUP BY e.{column} ORDER BY {order}"
        ));
        let rows = bind_filters!(sqlx::query(&sql), &values)
            .fetch_all(pool)
            .await?;
        let mut values = Vec::with_capacity(rows.len());
        for row in &rows {
            let count: i64 = row.try_get("n")?;
            values.push(FacetCount {
                value: row.try_get("value")?,
                count: u64::try_from(count).unwrap_or_default(),
            });
        }
        match column {
            "topic" => {
                counts.topic = sort_by_code(values, |v| Topic::from_code(v).map(Topic::ordinal))
            }
            "genre" => {
                counts.genre = sort_by_code(values, |v| Genre::from_code(v).map(Genre::ordinal))
            }
            "agency" => counts.agency = values,
            "year" => {
                counts.total = values.iter().map(|v| v.count).sum();
                counts.year = values;
            }
            _ => {
                counts.validity =
                    sort_by_code(values, |v| Validity::from_code(v).map(Validity::ordinal))
            }
        }
    }
    Ok(counts)
}

/// Orders coded values in their official order (the enums' order), unknown codes last.
fn sort_by_code(
    mut values: Vec<FacetCount>,
    ordinal: impl Fn(&str) -> Option<u8>,
) -> Vec<FacetCount> {
    values.sort_by_key(|v| ordinal(&v.value).unwrap_or(u8::MAX));
    values
}

/// Changes (updates and tombstones) with a revision above `since`, in revision order, at most
/// `limit`; the flag says whether more follow.
pub async fn changes(
    pool: &Pool,
    since: u64,
    limit: u32,
    include_bodies: bool,
) -> Result<(Vec<Change>, bool), StoreError> {
    let columns = entry_columns(crate::db::dialect(pool));
    let sql = format!(
        "SELECT {columns}, b.blocks FROM catalog_entries e \
         LEFT JOIN catalog_bodies b ON b.entry_id = e.id AND $1 \
         WHERE e.revision > $2 ORDER BY e.revision LIMIT $3"
    );
    let rows = sqlx::query(&sql)
        .bind(include_bodies)
        .bind(i64::try_from(since).unwrap_or(i64::MAX))
        .bind(i64::from(limit) + 1)
        .fetch_all(pool)
        .await?;
    let has_more = rows.len() > limit as usize;
    let mut out = Vec::with_capacity(rows.len().min(limit as usize));
    for row in rows.iter().take(limit as usize) {
        let deleted: i64 = row.try_get("deleted")?;
        let revision: i64 = row.try_get("revision")?;
        let index_no: String = row.try_get("index_no")?;
        if deleted != 0 {
            out.push(Change {
                revision: u64::try_from(revision).unwrap_or_default(),
                index_no,
                deleted: true,
                entry: None,
                body: None,
            });
            continue;
        }
        let entry = entry_from_row(row)?;
        let body = body_from_row(row, &entry.index_no)?;
        out.push(Change {
            revision: u64::try_from(revision).unwrap_or_default(),
            index_no,
            deleted: false,
            entry: Some(entry),
            body,
        });
    }
    Ok((out, has_more))
}
