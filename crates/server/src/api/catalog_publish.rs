//! Publishing the catalog (主动公开) from the desk: an agency's 信息公开工作人员 (role
//! `disclosure`) creates, edits, withdraws and marks 失效/废止 its own agency's entries and imports
//! an existing catalog from CSV or Excel; a center administrator may act for every agency. The
//! contract, with the import's columns, is `docs/catalog-publishing.md`.
//!
//! | route | what |
//! |---|---|
//! | `GET /api/staff/catalog/agencies` | the agencies the person may publish for |
//! | `GET /api/staff/catalog/entries?q=&page=&agency=` | the agency's entries (scheduled first) |
//! | `GET /api/staff/catalog/entry?index_no=` | one entry with its body, files and status |
//! | `POST /api/staff/catalog/entries` | create (the 索引号 is given by the rule) |
//! | `POST /api/staff/catalog/update` | edit (`index_no` in the body) |
//! | `POST /api/staff/catalog/withdraw` | 撤回 (a tombstone in the feed) |
//! | `POST /api/staff/catalog/validity` | 有效 / 已修订 / 已失效 / 已废止 |
//! | `POST /api/staff/catalog/files?name=` | an attachment (raw body; PDF, JPEG or PNG, ≤ 20 MB) |
//! | `POST /api/staff/catalog/import?format=csv\|xlsx&dry_run=` | import (raw body) |
//! | `GET /api/catalog/attachment?index_no=&n=` | public: a published entry's attachment |
//!
//! Someone who is neither an officer of the entry's agency nor an administrator gets `403` and
//! nothing changes. Every change is audited in its own transaction.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use guichet_core::catalog::publish;
use guichet_core::catalog::{Block, CatalogEntry, DisclosureMode, Genre, IndexNo, Topic, Validity};
use guichet_core::staff_text::{DOCUMENT_MAX_CHARS, NAME_MAX_CHARS, too_long};
use guichet_core::wire::cases::Named;
use guichet_core::wire::catalog_desk::{
    CatalogAgencies, CatalogPage, EntrySaved, EntryWithdrawn, SentEntryDetail,
};
use serde::Deserialize;

use super::files;
use super::staff::StaffSession;
use super::submissions::{invalid, message};
use crate::AppState;
use crate::catalog_publish_store::{self as store, Draft, FileRef, PublishError, Status};
use crate::error::{AppError, Json};
use crate::staff_store::{Staff, StaffRole};
use crate::submissions_store::{self, china_today};

/// Largest import file.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;
/// Most rows in one import.
pub const MAX_IMPORT_ROWS: usize = 50_000;
/// Most attachments on one entry.
pub const MAX_FILES: usize = 20;
/// The desk's page size.
pub const PER_PAGE: u32 = 20;

/// The desk's routes (relative to `/api`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/catalog/agencies", get(agencies))
        .route("/staff/catalog/entries", get(list).post(create))
        .route("/staff/catalog/entry", get(detail))
        .route("/staff/catalog/update", post(update))
        .route("/staff/catalog/withdraw", post(withdraw))
        .route("/staff/catalog/validity", post(validity))
        .route(
            "/staff/catalog/files",
            post(upload).layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/staff/catalog/import",
            post(import).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)),
        )
        .route("/catalog/attachment", get(attachment))
}

impl From<PublishError> for AppError {
    fn from(err: PublishError) -> Self {
        match err {
            PublishError::NotFound => AppError::NotFound,
            PublishError::Withdrawn => invalid("index_no", "admin.catalog.error.withdrawn"),
            PublishError::SerialsUsedUp => {
                invalid("index_no", "admin.catalog.error.serials_used_up")
            }
            PublishError::Invalid(_) => invalid("replaced_by", "admin.catalog.error.replaced_by"),
            PublishError::Store(err) => err.into(),
        }
    }
}

/// The agency an officer publishes for; `None` for an administrator (every agency); 403 for
/// anyone else.
fn publisher(staff: &Staff) -> Result<Option<&str>, AppError> {
    match &staff.role {
        StaffRole::Disclosure { agency_code } => Ok(Some(agency_code)),
        StaffRole::CenterAdmin => Ok(None),
        _ => Err(AppError::Forbidden),
    }
}

/// Checks that `staff` may change `index_no` (403 otherwise, 404 when it does not exist).
async fn may_change(state: &AppState, staff: &Staff, index_no: &IndexNo) -> Result<(), AppError> {
    let own = publisher(staff)?;
    let owner = store::owner(&state.db, index_no)
        .await?
        .ok_or(AppError::NotFound)?;
    match own {
        Some(code) if code != owner.agency_code => Err(AppError::Forbidden),
        _ => Ok(()),
    }
}

fn today(state: &AppState) -> NaiveDate {
    china_today(state.clock.now())
}

fn field_error(field: &str, key: &'static str, args: &[(&str, &str)]) -> AppError {
    AppError::Validation {
        fields: BTreeMap::from([(field.to_owned(), message(key, args))]),
    }
}

fn parse_index_no(text: &str) -> Result<IndexNo, AppError> {
    IndexNo::parse(text).map_err(|_| invalid("index_no", "catalog.error.index_no"))
}

/// `GET /api/staff/catalog/agencies` → `{"agencies": [{"code", "name"}]}`.
async fn agencies(
    State(state): State<AppState>,
    session: StaffSession,
) -> Result<Response, AppError> {
    let own = publisher(&session.staff)?;
    let agencies = store::agencies(&state.db)
        .await?
        .into_iter()
        .filter(|(code, _)| own.is_none_or(|own| own == code))
        .map(|(code, name)| Named { code, name })
        .collect();
    Ok(Json(CatalogAgencies { agencies }).into_response())
}

/// Query of the desk's listing.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    /// Part of the title or 索引号.
    pub q: Option<String>,
    /// From 1.
    pub page: Option<u32>,
    /// An administrator's choice of agency.
    pub agency: Option<String>,
}

/// `GET /api/staff/catalog/entries`.
async fn list(
    State(state): State<AppState>,
    session: StaffSession,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let own = publisher(&session.staff)?;
    store::promote_due(&state.db, today(&state)).await?;
    let agency = own.or(query.agency.as_deref().filter(|a| !a.is_empty()));
    let q = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let page = query.page.unwrap_or(1).clamp(1, 100_000);
    let (total, rows) = store::desk_list(&state.db, agency, q, page, PER_PAGE).await?;
    Ok(Json(CatalogPage {
        total,
        page,
        per_page: PER_PAGE,
        entries: rows,
    })
    .into_response())
}

/// Query naming one entry.
#[derive(Debug, Deserialize)]
pub struct EntryQuery {
    /// The 索引号.
    pub index_no: String,
}

/// `GET /api/staff/catalog/entry?index_no=` → the entry with `body_text` (the 正文 as typed).
async fn detail(
    State(state): State<AppState>,
    session: StaffSession,
    Query(query): Query<EntryQuery>,
) -> Result<Response, AppError> {
    let index_no = parse_index_no(&query.index_no)?;
    may_change(&state, &session.staff, &index_no).await?;
    let desk = store::load(&state.db, &index_no)
        .await?
        .ok_or(AppError::NotFound)?;
    let body_text = desk
        .body
        .as_ref()
        .map(|b| publish::text_from_blocks(&b.blocks))
        .unwrap_or_default();
    Ok(Json(SentEntryDetail {
        entry: desk.entry,
        body: desk.body,
        body_text,
        files: desk.files,
        status: desk.status,
        publish_on: desk.publish_on.map(guichet_core::ymd::format),
        agency_code: desk.agency_code,
    })
    .into_response())
}

/// A file named by the form.
#[derive(Debug, Clone, Deserialize)]
pub struct FileInput {
    /// The upload's id (from `POST /api/staff/catalog/files`).
    pub id: String,
    /// The name to show.
    pub name: String,
}

/// The body of create and update.
#[derive(Debug, Clone, Deserialize)]
pub struct EntryInput {
    /// The entry (update only).
    #[serde(default)]
    pub index_no: Option<String>,
    /// An administrator's agency (create only; an officer's is its own).
    #[serde(default)]
    pub agency_code: Option<String>,
    /// 名称.
    #[serde(default)]
    pub title: String,
    /// 文号.
    #[serde(default)]
    pub doc_no: Option<String>,
    /// 成文日期, `YYYY-MM-DD`.
    #[serde(default)]
    pub issued_on: String,
    /// 主题分类 code.
    #[serde(default)]
    pub topic: Option<String>,
    /// 体裁 code.
    #[serde(default)]
    pub genre: Option<String>,
    /// 主题词, as typed (spaces, commas…).
    #[serde(default)]
    pub keywords: String,
    /// 内容概述.
    #[serde(default)]
    pub summary: String,
    /// 正文 as typed (blank lines between paragraphs, `#` headings).
    #[serde(default)]
    pub body_text: Option<String>,
    /// 正文 as blocks (instead of `body_text`).
    #[serde(default)]
    pub blocks: Option<Vec<Block>>,
    /// 有效性 code (default 有效).
    #[serde(default)]
    pub validity: Option<String>,
    /// 公开方式 code (default 主动公开).
    #[serde(default)]
    pub disclosure_mode: Option<String>,
    /// Attachments.
    #[serde(default)]
    pub files: Vec<FileInput>,
    /// 发布日期 ahead, `YYYY-MM-DD` (empty or absent: now).
    #[serde(default)]
    pub publish_on: Option<String>,
}

/// Checks the form; every wrong field is named.
async fn draft_of(state: &AppState, input: &EntryInput) -> Result<Draft, AppError> {
    let mut fields = BTreeMap::new();
    let mut bad = |field: &str, key: &'static str, args: &[(&str, &str)]| {
        fields.insert(field.to_owned(), message(key, args));
    };
    let title = input.title.trim();
    if title.is_empty() {
        bad("title", "admin.catalog.error.required", &[]);
    } else if title.chars().count() > publish::MAX_TITLE_CHARS {
        bad("title", "admin.catalog.error.too_long", &[("max", "200")]);
    }
    if input.summary.chars().count() > publish::MAX_SUMMARY_CHARS {
        bad(
            "summary",
            "admin.catalog.error.too_long",
            &[("max", "2000")],
        );
    }
    let doc_no = input
        .doc_no
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    if doc_no.is_some_and(|d| d.chars().count() > 100) {
        bad("doc_no", "admin.catalog.error.too_long", &[("max", "100")]);
    }
    // The other free texts (`guichet_core::staff_text`).
    let mut limit = |field: &str, text: &str, max: usize| {
        if too_long(text, max) {
            bad(
                field,
                "admin.catalog.error.too_long",
                &[("max", &max.to_string())],
            );
        }
    };
    limit("keywords", &input.keywords, NAME_MAX_CHARS);
    let body_text = match (&input.blocks, &input.body_text) {
        (Some(blocks), _) => publish::text_from_blocks(blocks),
        (None, Some(text)) => text.clone(),
        (None, None) => String::new(),
    };
    limit("body_text", &body_text, DOCUMENT_MAX_CHARS);
    for file in &input.files {
        limit("files", &file.name, NAME_MAX_CHARS);
    }
    let issued_on = publish::parse_date(&input.issued_on);
    if input.issued_on.trim().is_empty() {
        bad("issued_on", "admin.catalog.error.required", &[]);
    } else if issued_on.is_none() {
        bad("issued_on", "admin.catalog.error.date", &[]);
    }
    let mut code = |field: &str, text: &Option<String>, parse: &dyn Fn(&str) -> bool| {
        if let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty())
            && !parse(text)
        {
            bad(field, "admin.catalog.error.code", &[]);
        }
    };
    code("topic", &input.topic, &|t| {
        publish::topic_from_text(t).is_some()
    });
    code("genre", &input.genre, &|t| {
        publish::genre_from_text(t).is_some()
    });
    code("validity", &input.validity, &|t| {
        publish::validity_from_text(t).is_some()
    });
    code("disclosure_mode", &input.disclosure_mode, &|t| {
        publish::mode_from_text(t).is_some()
    });
    let publish_on = match input.publish_on.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => match publish::parse_date(text) {
            None => {
                bad("publish_on", "admin.catalog.error.date", &[]);
                None
            }
            Some(date) if date < today(state) => {
                bad("publish_on", "admin.catalog.error.publish_past", &[]);
                None
            }
            Some(date) => Some(date),
        },
    };
    if input.files.len() > MAX_FILES {
        bad(
            "files",
            "admin.catalog.error.too_many_files",
            &[("max", "20")],
        );
    }
    let mut files = Vec::with_capacity(input.files.len());
    for file in input.files.iter().take(MAX_FILES) {
        let upload = if file.id.len() == 64 && file.id.bytes().all(|b| b.is_ascii_hexdigit()) {
            submissions_store::find_upload(&state.db, &file.id).await?
        } else {
            None
        };
        let name = files::clean_name(&file.name);
        match upload {
            Some(upload) if !name.is_empty() => files.push(FileRef {
                id: Some(upload.upload_id),
                name,
                media_type: upload.media_type.mime().to_string(),
                size_bytes: upload.size,
            }),
            _ => bad("files", "admin.catalog.error.file", &[]),
        }
    }
    let blocks = match (&input.blocks, &input.body_text) {
        (Some(blocks), _) => blocks.clone(),
        (None, Some(text)) => publish::blocks_from_text(text),
        (None, None) => Vec::new(),
    };
    let (Some(issued_on), true) = (issued_on, fields.is_empty()) else {
        return Err(AppError::Validation { fields });
    };
    // The 索引号 and the agency's name are set by the store.
    let placeholder =
        IndexNo::parse("0/2026-00001").map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Draft {
        entry: CatalogEntry {
            index_no: placeholder,
            title: title.to_string(),
            summary: input.summary.trim().to_string(),
            topic: nonempty(&input.topic)
                .and_then(publish::topic_from_text)
                .unwrap_or(Topic::Other),
            genre: nonempty(&input.genre)
                .and_then(publish::genre_from_text)
                .unwrap_or(Genre::Other),
            keywords: publish::split_keywords(&input.keywords),
            agency: String::new(),
            doc_no: doc_no.map(String::from),
            issued_on,
            disclosure_mode: nonempty(&input.disclosure_mode)
                .and_then(publish::mode_from_text)
                .unwrap_or(DisclosureMode::Proactive),
            validity: nonempty(&input.validity)
                .and_then(publish::validity_from_text)
                .unwrap_or(Validity::Valid),
            replaced_by: None,
            attachments: Vec::new(),
            revision: 0,
        },
        blocks,
        files,
        publish_on,
    })
}

fn nonempty(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

fn answer(desk: &store::DeskEntry, revision: Option<u64>) -> EntrySaved {
    EntrySaved {
        index_no: desk.entry.index_no.to_string(),
        status: desk.status,
        publish_on: desk.publish_on.map(|d| d.format("%Y-%m-%d").to_string()),
        revision,
    }
}

/// `POST /api/staff/catalog/entries` → `201 {"index_no", "status", "publish_on", "revision"}`.
async fn create(
    State(state): State<AppState>,
    session: StaffSession,
    Json(input): Json<EntryInput>,
) -> Result<Response, AppError> {
    let own = publisher(&session.staff)?;
    let agency_code = match (own, input.agency_code.as_deref()) {
        (Some(own), None) => own.to_string(),
        (Some(own), Some(asked)) if asked == own => own.to_string(),
        (Some(_), Some(_)) => return Err(AppError::Forbidden),
        (None, Some(asked)) if !asked.trim().is_empty() => asked.trim().to_string(),
        (None, _) => return Err(invalid("agency_code", "admin.catalog.error.agency")),
    };
    let draft = draft_of(&state, &input).await?;
    let (desk, revision) = store::create(
        &state.db,
        &session.staff,
        &agency_code,
        draft,
        today(&state),
    )
    .await
    .map_err(|err| match err {
        PublishError::NotFound => invalid("agency_code", "admin.catalog.error.agency"),
        other => other.into(),
    })?;
    Ok((StatusCode::CREATED, Json(answer(&desk, revision))).into_response())
}

/// `POST /api/staff/catalog/update` (the form with `index_no`).
async fn update(
    State(state): State<AppState>,
    session: StaffSession,
    Json(input): Json<EntryInput>,
) -> Result<Response, AppError> {
    publisher(&session.staff)?;
    let index_no = parse_index_no(input.index_no.as_deref().unwrap_or_default())?;
    may_change(&state, &session.staff, &index_no).await?;
    let draft = draft_of(&state, &input).await?;
    let (desk, revision) =
        store::update(&state.db, &session.staff, &index_no, draft, today(&state)).await?;
    Ok(Json(answer(&desk, revision)).into_response())
}

/// The body of withdraw and validity.
#[derive(Debug, Deserialize)]
pub struct StatusInput {
    /// The entry.
    pub index_no: String,
    /// 有效性 code or label (validity only).
    #[serde(default)]
    pub validity: Option<String>,
    /// The replacing document (validity only, optional).
    #[serde(default)]
    pub replaced_by: Option<String>,
}

/// `POST /api/staff/catalog/withdraw {"index_no"}` → `{"index_no", "revision"}`.
async fn withdraw(
    State(state): State<AppState>,
    session: StaffSession,
    Json(input): Json<StatusInput>,
) -> Result<Response, AppError> {
    let index_no = parse_index_no(&input.index_no)?;
    may_change(&state, &session.staff, &index_no).await?;
    let revision = store::withdraw(&state.db, &session.staff, &index_no).await?;
    Ok(Json(EntryWithdrawn {
        index_no: index_no.to_string(),
        revision,
        status: Status::Withdrawn,
    })
    .into_response())
}

/// `POST /api/staff/catalog/validity {"index_no", "validity", "replaced_by"?}`.
async fn validity(
    State(state): State<AppState>,
    session: StaffSession,
    Json(input): Json<StatusInput>,
) -> Result<Response, AppError> {
    let index_no = parse_index_no(&input.index_no)?;
    may_change(&state, &session.staff, &index_no).await?;
    let validity = input
        .validity
        .as_deref()
        .and_then(publish::validity_from_text)
        .ok_or_else(|| invalid("validity", "admin.catalog.error.code"))?;
    let replaced_by = match input.replaced_by.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            IndexNo::parse(text)
                .map_err(|_| invalid("replaced_by", "admin.catalog.error.replaced_by"))?,
        ),
    };
    let (desk, revision) =
        store::set_validity(&state.db, &session.staff, &index_no, validity, replaced_by).await?;
    Ok(Json(answer(&desk, revision)).into_response())
}

/// Query of the upload.
#[derive(Debug, Deserialize)]
pub struct FileQuery {
    /// The file's name.
    #[serde(default)]
    pub name: String,
}

/// `POST /api/staff/catalog/files?name=` (raw body) → `201 {"id", "name", "media_type", "size"}`.
async fn upload(
    State(state): State<AppState>,
    session: StaffSession,
    Query(query): Query<FileQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    publisher(&session.staff)?;
    files::store_named_upload(&state, &query.name, &headers, body, "catalog_files").await
}

/// Query of the import.
#[derive(Debug, Deserialize)]
pub struct ImportQuery {
    /// `csv` or `xlsx`.
    #[serde(default)]
    pub format: String,
    /// `true` (default) to only check.
    #[serde(default)]
    pub dry_run: Option<bool>,
}

/// `POST /api/staff/catalog/import?format=&dry_run=` (the file as the body) → the report
/// (`errors` by line and field; with any error nothing is written). An unreadable file → `422`
/// naming `file`.
async fn import(
    State(state): State<AppState>,
    session: StaffSession,
    Query(query): Query<ImportQuery>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let own = publisher(&session.staff)?;
    let rows = match query.format.trim() {
        "csv" => crate::catalog_import::read_csv(&body),
        "xlsx" => crate::catalog_import::read_xlsx(&body),
        _ => return Err(invalid("format", "admin.catalog.import.format")),
    }
    .map_err(|problem| AppError::Validation {
        fields: BTreeMap::from([("file".to_owned(), problem.message())]),
    })?;
    if rows.len() > MAX_IMPORT_ROWS {
        let (max, count) = (MAX_IMPORT_ROWS.to_string(), rows.len().to_string());
        return Err(field_error(
            "file",
            "admin.catalog.import.too_many_rows",
            &[("max", &max), ("rows", &count)],
        ));
    }
    let report = store::import(
        &state.db,
        &session.staff,
        own,
        rows,
        query.dry_run.unwrap_or(true),
    )
    .await?;
    Ok(Json(report).into_response())
}

/// Query of a public attachment.
#[derive(Debug, Deserialize)]
pub struct AttachmentQuery {
    /// The entry.
    pub index_no: String,
    /// The attachment's position, from 0.
    #[serde(default)]
    pub n: u32,
}

/// `GET /api/catalog/attachment?index_no=&n=`: a published entry's attachment, for anyone, as a
/// file named as published (RFC 5987 `filename*`; inline for PDF and images), `nosniff`.
async fn attachment(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<AttachmentQuery>,
) -> Result<Response, AppError> {
    let index_no = IndexNo::parse(&query.index_no).map_err(|_| AppError::NotFound)?;
    store::promote_due(&state.db, today(&state)).await?;
    let (id, name) = store::published_file(&state.db, &index_no, query.n)
        .await?
        .ok_or(AppError::NotFound)?;
    // Public, but an entry can be withdrawn: revalidate after a short while.
    files::send_stored(&state, &headers, &id, &name, "public, max-age=300").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_cover_the_required_ones() {
        for column in publish::Column::REQUIRED {
            assert!(publish::Column::ALL.contains(column));
        }
    }
}
