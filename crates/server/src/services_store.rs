//! Storage of departments, service items (事项) and their published form versions.
//!
//! An item's ten disclosures are stored whole as the JSON of
//! [`guichet_core::service::ServiceItem`], with copies of the columns needed to list and filter
//! (department, case type, time limits). Form definitions are stored per `(item, version)` and
//! never changed once published: publishing version 3 keeps 1 and 2, because submissions and
//! drafts made against them must still be validated and carried over.

use guichet_core::case::CaseType;
use guichet_core::form::{DefinitionError, FormDefinition};
use guichet_core::service::{
    Department, DepartmentRef, Fee, ServiceItem, ServiceItemError, ServiceTags,
};
use serde::Serialize;
use sqlx::Row;

use crate::db::Pool;
use crate::error::AppError;

/// Why reading or publishing failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// A stored JSON document no longer parses (a bug or a manual edit).
    #[error("stored JSON is corrupt: {0}")]
    Corrupt(#[from] serde_json::Error),
    /// The item breaks a disclosure rule (e.g. 承诺时限 > 法定时限).
    #[error("invalid service item: {0:?}")]
    InvalidItem(Vec<ServiceItemError>),
    /// The form definition is inconsistent.
    #[error("invalid form definition: {0:?}")]
    InvalidForm(Vec<DefinitionError>),
    /// The item's department or the form's item does not exist.
    #[error("unknown {0}")]
    Unknown(&'static str),
    /// A different definition is already published under this version, or the version is
    /// not newer than the current one.
    #[error("form version {version} of {item_code} conflicts with what is published")]
    VersionConflict {
        /// The item.
        item_code: String,
        /// The version.
        version: u32,
    },
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Db(e) => AppError::from(e),
            other => AppError::Internal(other.to_string()),
        }
    }
}

/// One line of the service list.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceSummary {
    /// 事项编码.
    pub code: String,
    /// 事项名称.
    pub name: String,
    /// 实施机关.
    pub department: DepartmentRef,
    /// 办件类型.
    pub case_type: CaseType,
    /// 承诺时限 (working days; 0 = on the spot).
    pub promised_days: u32,
    /// 法定时限 (working days).
    pub legal_days: u32,
    /// Whether it is free of charge.
    pub free: bool,
    /// The current form version, if a form is published (otherwise: apply at the window).
    pub form_version: Option<u32>,
    /// The name's pinyin, one syllable per character (`crate::service_pinyin`), for searching.
    pub pinyin: String,
    /// Who it is for, keywords, life events (absent when none is said).
    #[serde(skip_serializing_if = "ServiceTags::is_empty")]
    pub tags: ServiceTags,
    /// Cases received for it in the last [`POPULAR_DAYS`] days: the home page's 热门事项.
    pub recent_cases: i64,
}

/// How far back the item list counts cases for 热门事项.
pub const POPULAR_DAYS: i64 = 90;

/// Adds or updates a department.
pub async fn upsert_department(
    pool: &Pool,
    department: &Department,
    sort_order: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO departments (code, name, address, telephone, sort_order) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, address = excluded.address,
             telephone = excluded.telephone, sort_order = excluded.sort_order",
    )
    .bind(&department.code)
    .bind(&department.name)
    .bind(&department.address)
    .bind(&department.telephone)
    .bind(sort_order)
    .execute(pool)
    .await?;
    Ok(())
}

/// All departments, in display order.
pub async fn departments(pool: &Pool) -> Result<Vec<Department>, StoreError> {
    let rows = sqlx::query(
        "SELECT code, name, address, telephone FROM departments ORDER BY sort_order, code",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Department {
                code: row.try_get("code")?,
                name: row.try_get("name")?,
                address: row.try_get("address")?,
                telephone: row.try_get("telephone")?,
            })
        })
        .collect()
}

/// Publishes (adds or replaces) an item's disclosures after checking them. An item edited on the
/// desk since (revision above 1, see `guide_store`) is left as it is: the department's text wins
/// over a seed's.
pub async fn publish_item(
    pool: &Pool,
    item: &ServiceItem,
    sort_order: i64,
) -> Result<(), StoreError> {
    item.check().map_err(StoreError::InvalidItem)?;
    let known: Option<String> = sqlx::query_scalar("SELECT code FROM departments WHERE code = $1")
        .bind(&item.department.code)
        .fetch_optional(pool)
        .await?;
    if known.is_none() {
        return Err(StoreError::Unknown("department"));
    }
    let json = serde_json::to_string(item)?;
    sqlx::query(
        "INSERT INTO service_items
             (code, department_code, name, case_type, promised_days, legal_days, disclosure, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (code) DO UPDATE SET department_code = excluded.department_code,
             name = excluded.name, case_type = excluded.case_type,
             promised_days = excluded.promised_days, legal_days = excluded.legal_days,
             disclosure = excluded.disclosure, sort_order = excluded.sort_order,
             updated_at = $9
         WHERE service_items.revision = 1",
    )
    .bind(&item.code)
    .bind(&item.department.code)
    .bind(&item.name)
    .bind(case_type_code(item.case_type))
    .bind(i64::from(item.promised_days))
    .bind(i64::from(item.legal_days))
    .bind(json)
    .bind(sort_order)
    .bind(crate::db::now_text())
    .execute(pool)
    .await?;
    Ok(())
}

/// Publishes a new form version: it must be newer than the current one. Publishing exactly the
/// same definition again is accepted and changes nothing (so seeding can be repeated).
pub async fn publish_form(pool: &Pool, definition: &FormDefinition) -> Result<(), StoreError> {
    definition.check().map_err(StoreError::InvalidForm)?;
    let json = serde_json::to_string(definition)?;
    let mut tx = crate::db::begin_write(pool).await?;
    let current: Option<Option<i64>> =
        sqlx::query_scalar("SELECT current_form_version FROM service_items WHERE code = $1")
            .bind(&definition.item_code)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(current) = current else {
        return Err(StoreError::Unknown("service item"));
    };
    let existing: Option<String> = sqlx::query_scalar(
        "SELECT definition FROM form_definitions WHERE item_code = $1 AND version = $2",
    )
    .bind(&definition.item_code)
    .bind(i64::from(definition.version))
    .fetch_optional(&mut *tx)
    .await?;
    let conflict = || StoreError::VersionConflict {
        item_code: definition.item_code.clone(),
        version: definition.version,
    };
    if let Some(existing) = existing {
        let existing: FormDefinition = serde_json::from_str(&existing)?;
        return if &existing == definition {
            Ok(())
        } else {
            Err(conflict())
        };
    }
    if current.is_some_and(|c| c >= i64::from(definition.version)) {
        return Err(conflict());
    }
    sqlx::query(
        "INSERT INTO form_definitions (item_code, version, definition) VALUES ($1, $2, $3)",
    )
    .bind(&definition.item_code)
    .bind(i64::from(definition.version))
    .bind(json)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE service_items SET current_form_version = $1 WHERE code = $2")
        .bind(i64::from(definition.version))
        .bind(&definition.item_code)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The service list, optionally of one department, in display order.
pub async fn list_items(
    pool: &Pool,
    department: Option<&str>,
) -> Result<Vec<ServiceSummary>, StoreError> {
    let rows = sqlx::query(
        "SELECT s.disclosure, s.current_form_version
         FROM service_items s JOIN departments d ON d.code = s.department_code
         WHERE $1 IS NULL OR s.department_code = $1
         ORDER BY d.sort_order, s.sort_order, s.code",
    )
    .bind(department)
    .fetch_all(pool)
    .await?;
    let since = crate::db::time_text(chrono::Utc::now() - chrono::Duration::days(POPULAR_DAYS));
    let counts: Vec<(String, i64)> = sqlx::query_as(
        "SELECT item_code, COUNT(*) FROM cases WHERE received_at >= $1 GROUP BY item_code",
    )
    .bind(since)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            let item: ServiceItem = serde_json::from_str(row.try_get("disclosure")?)?;
            let version: Option<i64> = row.try_get("current_form_version")?;
            let recent_cases = counts
                .iter()
                .find(|(code, _)| *code == item.code)
                .map_or(0, |(_, count)| *count);
            Ok(ServiceSummary {
                pinyin: crate::service_pinyin::syllables(&item.name),
                tags: item.tags,
                recent_cases,
                free: item.fee == Fee::Free,
                code: item.code,
                name: item.name,
                department: item.department,
                case_type: item.case_type,
                promised_days: item.promised_days,
                legal_days: item.legal_days,
                form_version: version.and_then(|v| u32::try_from(v).ok()),
            })
        })
        .collect()
}

/// One item with its current form version, or `None`.
pub async fn item(
    pool: &Pool,
    code: &str,
) -> Result<Option<(ServiceItem, Option<u32>)>, StoreError> {
    let row =
        sqlx::query("SELECT disclosure, current_form_version FROM service_items WHERE code = $1")
            .bind(code)
            .fetch_optional(pool)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let item: ServiceItem = serde_json::from_str(row.try_get("disclosure")?)?;
    let version: Option<i64> = row.try_get("current_form_version")?;
    Ok(Some((item, version.and_then(|v| u32::try_from(v).ok()))))
}

/// A published form version, or `None`.
pub async fn form(
    pool: &Pool,
    item_code: &str,
    version: u32,
) -> Result<Option<FormDefinition>, StoreError> {
    let json: Option<String> = sqlx::query_scalar(
        "SELECT definition FROM form_definitions WHERE item_code = $1 AND version = $2",
    )
    .bind(item_code)
    .bind(i64::from(version))
    .fetch_optional(pool)
    .await?;
    Ok(json.map(|j| serde_json::from_str(&j)).transpose()?)
}

/// Every published version of an item's form, oldest first.
pub async fn form_versions(pool: &Pool, item_code: &str) -> Result<Vec<u32>, StoreError> {
    let versions: Vec<i64> = sqlx::query_scalar(
        "SELECT version FROM form_definitions WHERE item_code = $1 ORDER BY version",
    )
    .bind(item_code)
    .fetch_all(pool)
    .await?;
    Ok(versions
        .into_iter()
        .filter_map(|v| u32::try_from(v).ok())
        .collect())
}

/// The case type as stored (its serde name).
pub fn case_type_code(case_type: CaseType) -> &'static str {
    match case_type {
        CaseType::Immediate => "immediate",
        CaseType::Promised => "promised",
        CaseType::Joint => "joint",
        CaseType::Reported => "reported",
        CaseType::Disclosure => "disclosure",
    }
}
