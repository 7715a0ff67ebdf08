//! The public disclosure catalog (政府信息公开目录): listing, one entry, facet counts and the
//! delta feed the app uses to keep its offline copy.
//!
//! | route | what |
//! |---|---|
//! | `GET /api/catalog/entries?topic=&genre=&agency=&year=&validity=&q=&page=&page_size=` | a page of entries, newest 发文日期 first, then 索引号 |
//! | `GET /api/catalog/entries/{index_no}` | one entry and its body; the 索引号 contains a `/`, which may stay as it is or be sent as `%2F` |
//! | `GET /api/catalog/entry?index_no=` | the same, for clients that prefer a query parameter |
//! | `GET /api/catalog/facets?<the listing's filters and q>` | counts per topic, genre, agency, year, validity |
//! | `GET /api/catalog/changes?since=<cursor>&limit=&include_bodies=` | the delta feed |
//!
//! Parameters are checked and a wrong one is a 400 `bad_request` envelope whose `fields` names
//! it (`{"error": {"code": "bad_request", "fields": {"page_size": "…1 to 100…"}}}`).
//!
//! The catalog is public, so answers are cacheable: a weak `ETag` (a hash of the JSON) with
//! `If-None-Match` → 304, `Cache-Control: public, max-age=60` (the delta feed: `no-cache`, so a
//! client always revalidates and never misses a change for a minute). Answers are compressed
//! (br or gzip, from `Accept-Encoding`): a full feed page is mostly repetitive Chinese text.
//! Brotli runs at quality [`BROTLI_QUALITY`] rather than tower-http's default 4: the whole
//! catalog is what a device downloads to keep it offline, and at 100,000 entries in pages of
//! 500 that is 7.0 MB at quality 4 and 5.5 MB at 6, for ~9 ms of CPU per page (BENCHMARKS.md).
//!
//! The delta feed's cursor is opaque to clients: today base64url (no padding) of
//! `rev:<revision>`. A missing or empty `since` starts from the beginning. A page holds the
//! changes with a revision above the cursor, in revision order; `next_cursor` resumes after the
//! page, and asking again with the same cursor (after a dropped connection) gives the same page
//! or, if entries changed meanwhile, their newer revisions later in the feed: nothing is missed.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine as _;
use guichet_core::catalog::{CatalogBody, CatalogEntry, Genre, IndexNo, Topic, Validity};
use guichet_core::i18n::tr_args;
use serde::Serialize;
use sha2::{Digest, Sha256};
use tower_http::compression::{CompressionLayer, CompressionLevel};

use crate::AppState;
use crate::catalog_store::{self, Change, Filters};
use crate::error::{AppError, ErrorCode, ErrorInfo, Lang, Localized};

/// Largest page of the listing.
pub const MAX_PAGE_SIZE: u32 = 100;
/// Default page of the listing.
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// Largest page of the delta feed.
pub const MAX_CHANGES_LIMIT: u32 = 500;
/// Default page of the delta feed.
pub const DEFAULT_CHANGES_LIMIT: u32 = 100;
/// Brotli quality of the catalog's answers (gzip keeps its default, 6).
pub const BROTLI_QUALITY: i32 = 6;

/// The catalog routes (relative to `/api`), compressed.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/catalog/entries", get(list))
        .route("/catalog/entries/{*index_no}", get(entry_by_path))
        .route("/catalog/entry", get(entry_by_query))
        .route("/catalog/facets", get(facets))
        .route("/catalog/changes", get(changes))
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(BROTLI_QUALITY)))
}

/// A handler's failure: a server error, or parameters that are wrong (field → message).
#[derive(Debug)]
pub enum Rejection {
    /// Anything from the rest of the server.
    App(AppError),
    /// Wrong parameters: a 400 naming them.
    Params(BTreeMap<String, Localized>),
}

impl From<AppError> for Rejection {
    fn from(err: AppError) -> Self {
        Rejection::App(err)
    }
}

impl From<catalog_store::StoreError> for Rejection {
    fn from(err: catalog_store::StoreError) -> Self {
        Rejection::App(err.into())
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        match self {
            Rejection::App(err) => err.into_response(),
            // `localize_errors` re-renders it in the request's language.
            Rejection::Params(fields) => {
                ErrorInfo::new(ErrorCode::BadRequest, fields).into_response_in(Lang::default())
            }
        }
    }
}

/// Collects parameter problems.
#[derive(Default)]
struct Problems(BTreeMap<String, Localized>);

impl Problems {
    /// Records what is wrong with `field`: the string-table `key` filled with `args`.
    fn add(&mut self, field: &str, key: &'static str, args: &[(&str, &str)]) {
        self.0.insert(
            field.to_string(),
            Localized {
                zh: Cow::Owned(tr_args(Lang::Zh, key, args)),
                en: Cow::Owned(tr_args(Lang::En, key, args)),
            },
        );
    }

    fn finish(self) -> Result<(), Rejection> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Rejection::Params(self.0))
        }
    }

    /// A number in `range`, or `default` when absent.
    fn number(
        &mut self,
        params: &HashMap<String, String>,
        name: &str,
        range: std::ops::RangeInclusive<u32>,
        default: u32,
    ) -> u32 {
        let Some(text) = params.get(name).map(|t| t.trim()).filter(|t| !t.is_empty()) else {
            return default;
        };
        match text.parse::<u32>() {
            Ok(value) if range.contains(&value) => value,
            _ => {
                let (from, to) = (range.start().to_string(), range.end().to_string());
                self.add(
                    name,
                    "catalog.param.number",
                    &[("name", name), ("from", &from), ("to", &to), ("got", text)],
                );
                default
            }
        }
    }

    /// A coded value (topic, genre, validity) or `None` when absent.
    fn code<T>(
        &mut self,
        params: &HashMap<String, String>,
        name: &str,
        parse: impl Fn(&str) -> Option<T>,
        all: &[&str],
    ) -> Option<T> {
        let text = params
            .get(name)
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())?;
        let value = parse(text);
        if value.is_none() {
            let known = all.join(", ");
            self.add(
                name,
                "catalog.param.code",
                &[("name", name), ("got", text), ("known", &known)],
            );
        }
        value
    }
}

/// Reads the listing's and the facets' filters.
fn read_filters(params: &HashMap<String, String>, problems: &mut Problems) -> Filters {
    let codes = |all: &[&'static str]| all.to_vec();
    let topic_codes = codes(&Topic::ALL.iter().map(|t| t.code()).collect::<Vec<_>>());
    let genre_codes = codes(&Genre::ALL.iter().map(|g| g.code()).collect::<Vec<_>>());
    let validity_codes = codes(&Validity::ALL.iter().map(|v| v.code()).collect::<Vec<_>>());
    let topic = problems.code(params, "topic", Topic::from_code, &topic_codes);
    let genre = problems.code(params, "genre", Genre::from_code, &genre_codes);
    let validity = problems.code(params, "validity", Validity::from_code, &validity_codes);
    let year = match params
        .get("year")
        .map(|y| y.trim())
        .filter(|y| !y.is_empty())
    {
        None => None,
        Some(text) => match text.parse::<u16>() {
            Ok(year) if (1949..=2199).contains(&year) => Some(year),
            _ => {
                problems.add("year", "catalog.param.year", &[("got", text)]);
                None
            }
        },
    };
    let agency = params
        .get("agency")
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty());
    if agency.as_ref().is_some_and(|a| a.chars().count() > 100) {
        problems.add("agency", "catalog.param.agency_too_long", &[]);
    }
    let q = params
        .get("q")
        .map(|q| q.trim().to_string())
        .filter(|q| !q.is_empty());
    if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        problems.add("q", "catalog.param.query_too_long", &[]);
    }
    Filters {
        by: guichet_core::catalog::search::Filters {
            topic,
            genre,
            agency,
            year,
            validity,
        },
        q,
    }
}

/// Publishes the scheduled entries whose day has come before any public read, so the listing
/// and the feed never lag behind the calendar (the timer of `spawn_catalog_promotion` does the
/// same when nobody reads).
async fn promote(state: &AppState) -> Result<(), Rejection> {
    let today = crate::submissions_store::china_today(state.clock.now());
    crate::catalog_publish_store::promote_due(&state.db, today)
        .await
        .map_err(|e| Rejection::App(e.into()))?;
    Ok(())
}

/// How long a cacheable answer stays fresh.
const CACHE_PUBLIC: &str = "public, max-age=60";

/// JSON with a weak ETag; 304 when the client's `If-None-Match` has it.
fn cached_json(
    request: &HeaderMap,
    cache_control: &'static str,
    value: &impl Serialize,
) -> Response {
    let body = match serde_json::to_vec(value) {
        Ok(body) => body,
        Err(err) => return AppError::Internal(format!("catalog json: {err}")).into_response(),
    };
    let digest = Sha256::digest(&body);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    // Weak: the compressed representations differ in bytes but not in meaning.
    let etag = format!("W/\"{hex}\"");
    let matches = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|list| {
            list.split(',').any(|tag| {
                let tag = tag.trim();
                tag == "*" || tag.trim_start_matches("W/") == etag.trim_start_matches("W/")
            })
        });
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    if matches {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    (StatusCode::OK, headers, body).into_response()
}

/// A page of the listing.
#[derive(Debug, Serialize)]
pub struct EntryPage {
    /// Entries matching in all.
    pub total: u64,
    /// The page, from 1.
    pub page: u32,
    /// The page size.
    pub page_size: u32,
    /// The entries of the page.
    pub entries: Vec<CatalogEntry>,
}

/// `GET /api/catalog/entries`.
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, Rejection> {
    let mut problems = Problems::default();
    let filters = read_filters(&params, &mut problems);
    let page = problems.number(&params, "page", 1..=1_000_000, 1);
    let page_size = problems.number(&params, "page_size", 1..=MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
    problems.finish()?;
    promote(&state).await?;
    let (total, entries) = catalog_store::list(&state.db, &filters, page, page_size).await?;
    Ok(cached_json(
        &headers,
        CACHE_PUBLIC,
        &EntryPage {
            total,
            page,
            page_size,
            entries,
        },
    ))
}

/// One entry with its body.
#[derive(Debug, Serialize)]
pub struct EntryWithBody {
    /// The entry.
    pub entry: CatalogEntry,
    /// Its 正文, `null` when none was published.
    pub body: Option<CatalogBody>,
}

async fn entry(state: &AppState, headers: &HeaderMap, text: &str) -> Result<Response, Rejection> {
    let index_no = IndexNo::parse(text).map_err(|err| {
        let mut problems = Problems::default();
        use guichet_core::Localized as _;
        problems.0.insert(
            "index_no".to_string(),
            Localized {
                zh: Cow::Owned(err.message(Lang::Zh)),
                en: Cow::Owned(err.message(Lang::En)),
            },
        );
        Rejection::Params(problems.0)
    })?;
    promote(state).await?;
    match catalog_store::get(&state.db, &index_no).await? {
        Some((entry, body)) => Ok(cached_json(
            headers,
            CACHE_PUBLIC,
            &EntryWithBody { entry, body },
        )),
        None => Err(AppError::NotFound.into()),
    }
}

/// `GET /api/catalog/entries/{index_no}` (the 索引号's `/` as is or as `%2F`).
pub async fn entry_by_path(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(index_no): Path<String>,
) -> Result<Response, Rejection> {
    entry(&state, &headers, &index_no).await
}

/// `GET /api/catalog/entry?index_no=…`.
pub async fn entry_by_query(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, Rejection> {
    let text = params
        .get("index_no")
        .map(String::as_str)
        .unwrap_or_default();
    entry(&state, &headers, text).await
}

/// `GET /api/catalog/facets`.
pub async fn facets(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, Rejection> {
    let mut problems = Problems::default();
    let filters = read_filters(&params, &mut problems);
    problems.finish()?;
    promote(&state).await?;
    let counts = catalog_store::facets(&state.db, &filters).await?;
    Ok(cached_json(&headers, CACHE_PUBLIC, &counts))
}

/// A page of the delta feed.
#[derive(Debug, Serialize)]
pub struct ChangesPage {
    /// The changes, in revision order.
    pub changes: Vec<Change>,
    /// The cursor to ask for next (the same as given when the page is empty).
    pub next_cursor: String,
    /// Whether more changes follow right now.
    pub has_more: bool,
    /// The catalog's latest revision (for progress bars).
    pub revision: u64,
}

/// The opaque cursor for "after `revision`".
pub fn encode_cursor(revision: u64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("rev:{revision}"))
}

/// The revision of a cursor, `None` if malformed.
pub fn decode_cursor(cursor: &str) -> Option<u64> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor.trim())
        .ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let digits = text.strip_prefix("rev:")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `GET /api/catalog/changes`.
pub async fn changes(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, Rejection> {
    let mut problems = Problems::default();
    let limit = problems.number(
        &params,
        "limit",
        1..=MAX_CHANGES_LIMIT,
        DEFAULT_CHANGES_LIMIT,
    );
    let include_bodies = match params.get("include_bodies").map(|v| v.trim()) {
        None | Some("" | "false" | "0") => false,
        Some("true" | "1") => true,
        Some(other) => {
            problems.add(
                "include_bodies",
                "catalog.param.boolean",
                &[("name", "include_bodies"), ("got", other)],
            );
            false
        }
    };
    // Before the current revision is read: a promoted entry's revision is then within it.
    promote(&state).await?;
    let current = catalog_store::current_revision(&state.db).await?;
    let since = match params
        .get("since")
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        None => 0,
        Some(cursor) => match decode_cursor(cursor) {
            None => {
                problems.add("since", "catalog.param.cursor_malformed", &[]);
                0
            }
            Some(revision) if revision > current => {
                problems.add("since", "catalog.param.cursor_ahead", &[]);
                0
            }
            Some(revision) => revision,
        },
    };
    problems.finish()?;
    let (changes, has_more) =
        catalog_store::changes(&state.db, since, limit, include_bodies).await?;
    let next = changes.last().map_or(since, |c| c.revision);
    Ok(cached_json(
        &headers,
        "no-cache",
        &ChangesPage {
            changes,
            next_cursor: encode_cursor(next),
            has_more,
            revision: current,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        for revision in [0, 1, 42, u64::MAX] {
            assert_eq!(decode_cursor(&encode_cursor(revision)), Some(revision));
        }
        for bad in ["", "abc", "cmV2Og", "cmV2OngxMg", "!!!", "cmV2Oi0x"] {
            assert_eq!(decode_cursor(bad), None, "{bad}");
        }
    }
}
