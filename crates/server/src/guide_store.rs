//! The service guide edited on the desk: an item's ten disclosures changed by its department,
//! and form versions published from the editor.
//!
//! Each change is one `BEGIN IMMEDIATE` transaction that checks the editor's right
//! ([`Staff::edits_department`]: the item's 部门审核 and the center's administrators), checks the
//! content with the core ([`ServiceItem::check`], [`editor::check_text`]), writes, and records
//! the audit row with the before and after. An item edit names the `revision` it was read at: an
//! item changed since is refused ([`EditError::Stale`]) and nothing is written, so two people
//! cannot silently undo each other's corrections. A form version is always the next number
//! after the current one, and publishing names the version the editor started from for the same
//! reason. Citizens see an edit on their next online visit: the guide's answers carry an ETag of
//! their content (`api::services`).

use guichet_core::form::FormDefinition;
use guichet_core::form::editor::{self, Problem};
use guichet_core::i18n::Lang;
use guichet_core::i18n::Localized as _;
use guichet_core::service::{ServiceItem, ServiceItemError};
use serde::Serialize;
use serde_json::Value;
use sqlx::Row;

use crate::audit_store;
use crate::db::Pool;
use crate::staff_store::Staff;

/// Why an edit was refused.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// A stored JSON document no longer parses.
    #[error("stored JSON is corrupt: {0}")]
    Corrupt(#[from] serde_json::Error),
    /// No such item (or preview).
    #[error("not found")]
    NotFound,
    /// The person may not edit this department's items.
    #[error("forbidden")]
    Forbidden,
    /// The item breaks the guide's rules: (path, problem) pairs.
    #[error("invalid item: {0:?}")]
    InvalidItem(Vec<(String, ItemProblem)>),
    /// The form definition does not validate: the problems in Chinese and in English (same order).
    #[error("invalid form: {0:?}")]
    InvalidForm(Vec<Problem>, Vec<Problem>),
    /// The item or its form changed since the editor read it.
    #[error("changed since it was read")]
    Stale,
}

/// One problem of an edited item, in both languages.
#[derive(Debug, Clone)]
pub struct ItemProblem {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl ItemProblem {
    fn of(error: &ServiceItemError) -> ItemProblem {
        ItemProblem {
            zh: error.message(Lang::Zh),
            en: error.message(Lang::En),
        }
    }

    fn fixed(zh: &str, en: &str) -> ItemProblem {
        ItemProblem {
            zh: zh.to_owned(),
            en: en.to_owned(),
        }
    }
}

/// One line of the editor's item list: the desk's type.
pub use guichet_core::wire::publish::GuideItemRow as EditableSummary;

/// An item as the editor reads it.
#[derive(Debug, Clone, Serialize)]
pub struct EditableItem {
    pub item: ServiceItem,
    /// Send it back with the edit.
    pub revision: i64,
    /// UTC, RFC 3339.
    pub updated_at: String,
    /// The current form, if any.
    pub form: Option<FormDefinition>,
    /// The version a publication from the editor gets.
    pub next_form_version: u32,
}

/// The items `staff` may edit (a department's own; every item for an administrator), in the
/// guide's order. A window or disclosure officer may edit none: [`EditError::Forbidden`].
pub async fn editable_items(pool: &Pool, staff: &Staff) -> Result<Vec<EditableSummary>, EditError> {
    let department = match staff.is_admin() {
        true => None,
        false if staff.edits_department(staff.department()) => Some(staff.department()),
        false => return Err(EditError::Forbidden),
    };
    let rows = sqlx::query(
        "SELECT s.code, s.name, s.department_code, d.name AS department_name, s.revision,
                s.updated_at, s.current_form_version
         FROM service_items s JOIN departments d ON d.code = s.department_code
         WHERE $1 IS NULL OR s.department_code = $1
         ORDER BY d.sort_order, s.sort_order, s.code",
    )
    .bind(department)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(EditableSummary {
                code: row.try_get("code")?,
                name: row.try_get("name")?,
                department_code: row.try_get("department_code")?,
                department_name: row.try_get("department_name")?,
                revision: row.try_get("revision")?,
                updated_at: row.try_get("updated_at")?,
                form_version: row.try_get("current_form_version")?,
            })
        })
        .collect()
}

struct Stored {
    item: ServiceItem,
    revision: i64,
    updated_at: String,
    form_version: Option<i64>,
}

async fn stored(conn: &mut crate::db::Connection, code: &str) -> Result<Stored, EditError> {
    let row = sqlx::query(
        "SELECT disclosure, revision, updated_at, current_form_version
         FROM service_items WHERE code = $1",
    )
    .bind(code)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(EditError::NotFound)?;
    Ok(Stored {
        item: serde_json::from_str(row.try_get("disclosure")?)?,
        revision: row.try_get("revision")?,
        updated_at: row.try_get("updated_at")?,
        form_version: row.try_get("current_form_version")?,
    })
}

fn next_version(current: Option<i64>) -> u32 {
    current
        .and_then(|v| u32::try_from(v).ok())
        .map_or(1, |v| v.saturating_add(1))
}

/// Item `code` for the editor, if `staff` may edit it.
pub async fn load(pool: &Pool, staff: &Staff, code: &str) -> Result<EditableItem, EditError> {
    let mut conn = pool.acquire().await?;
    let stored = stored(&mut conn, code).await?;
    if !staff.edits_department(&stored.item.department.code) {
        return Err(EditError::Forbidden);
    }
    let form = match stored.form_version.and_then(|v| u32::try_from(v).ok()) {
        Some(version) => crate::services_store::form(pool, code, version)
            .await
            .map_err(|e| match e {
                crate::services_store::StoreError::Db(e) => EditError::Db(e),
                other => EditError::Db(sqlx::Error::Protocol(other.to_string())),
            })?,
        None => None,
    };
    Ok(EditableItem {
        item: stored.item,
        revision: stored.revision,
        updated_at: stored.updated_at,
        form,
        next_form_version: next_version(stored.form_version),
    })
}

/// Replaces item `code`'s disclosures with `item`, read at `revision`. Its code and department
/// stay what they are (moving an item is not an edit); the joint departments' names are the
/// county's.
pub async fn update_item(
    pool: &Pool,
    staff: &Staff,
    code: &str,
    mut item: ServiceItem,
    revision: i64,
) -> Result<EditableItem, EditError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let before = stored(&mut tx, code).await?;
    if !staff.edits_department(&before.item.department.code) {
        return Err(EditError::Forbidden);
    }
    if before.revision != revision {
        return Err(EditError::Stale);
    }
    let mut problems = Vec::new();
    if item.code != before.item.code {
        problems.push((
            "code".to_owned(),
            ItemProblem::fixed("事项编码不能修改。", "The item code cannot be changed."),
        ));
    }
    if item.department.code != before.item.department.code {
        problems.push((
            "department".to_owned(),
            ItemProblem::fixed(
                "实施机关不能在此修改。",
                "The department cannot be changed here.",
            ),
        ));
    }
    item.department = before.item.department.clone();
    for (i, joint) in item.joint_departments.iter_mut().enumerate() {
        let name: Option<String> =
            sqlx::query_scalar("SELECT name FROM departments WHERE code = $1")
                .bind(joint.code.trim())
                .fetch_optional(&mut *tx)
                .await?;
        match name {
            Some(name) => {
                joint.code = joint.code.trim().to_owned();
                joint.name = name;
            }
            None => problems.push((
                format!("joint_departments[{i}]"),
                ItemProblem {
                    zh: format!("联办部门第{}项：部门代码「{}」不存在。", i + 1, joint.code),
                    en: format!(
                        "Joint department {}: there is no department \"{}\".",
                        i + 1,
                        joint.code
                    ),
                },
            )),
        }
    }
    if let Err(errors) = item.check() {
        problems.extend(errors.iter().map(|e| (e.path(), ItemProblem::of(e))));
    }
    if !problems.is_empty() {
        return Err(EditError::InvalidItem(problems));
    }
    let json = serde_json::to_string(&item)?;
    let changed = sqlx::query(
        "UPDATE service_items SET name = $1, case_type = $2, promised_days = $3, legal_days = $4,
             disclosure = $5, revision = revision + 1,
             updated_at = $8
         WHERE code = $6 AND revision = $7",
    )
    .bind(&item.name)
    .bind(crate::services_store::case_type_code(item.case_type))
    .bind(i64::from(item.promised_days))
    .bind(i64::from(item.legal_days))
    .bind(json)
    .bind(code)
    .bind(revision)
    .bind(crate::db::now_text())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(EditError::Stale);
    }
    audit_store::record(
        &mut tx,
        staff,
        "guide.item.update",
        code,
        Some(&serde_json::to_value(&before.item)?),
        Some(&serde_json::to_value(&item)?),
    )
    .await?;
    tx.commit().await?;
    load(pool, staff, code).await
}

/// Checks `text` as the next form version of item `code` (no right needed beyond the item's).
pub async fn check_form(
    pool: &Pool,
    staff: &Staff,
    code: &str,
    text: &str,
    lang: Lang,
) -> Result<(u32, Vec<Problem>), EditError> {
    let mut conn = pool.acquire().await?;
    let stored = stored(&mut conn, code).await?;
    if !staff.edits_department(&stored.item.department.code) {
        return Err(EditError::Forbidden);
    }
    let version = next_version(stored.form_version);
    let problems = editor::check_text(text, code, version, lang)
        .err()
        .unwrap_or_default();
    Ok((version, problems))
}

fn checked(text: &str, code: &str, version: u32) -> Result<FormDefinition, EditError> {
    editor::check_text(text, code, version, Lang::Zh).map_err(|zh| {
        let en = editor::check_text(text, code, version, Lang::En)
            .err()
            .unwrap_or_default();
        EditError::InvalidForm(zh, en)
    })
}

/// Publishes `text` as the next form version of item `code`, the editor having started from
/// version `based_on` (`None`: the item had no form). Returns the new version.
pub async fn publish_form(
    pool: &Pool,
    staff: &Staff,
    code: &str,
    text: &str,
    based_on: Option<u32>,
) -> Result<u32, EditError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let stored = stored(&mut tx, code).await?;
    if !staff.edits_department(&stored.item.department.code) {
        return Err(EditError::Forbidden);
    }
    if stored.form_version != based_on.map(i64::from) {
        return Err(EditError::Stale);
    }
    let version = next_version(stored.form_version);
    let definition = checked(text, code, version)?;
    let before: Option<String> = sqlx::query_scalar(
        "SELECT definition FROM form_definitions WHERE item_code = $1 AND version = $2",
    )
    .bind(code)
    .bind(stored.form_version)
    .fetch_optional(&mut *tx)
    .await?;
    let before: Option<Value> = before.map(|b| serde_json::from_str(&b)).transpose()?;
    let after = serde_json::to_value(&definition)?;
    sqlx::query(
        "INSERT INTO form_definitions (item_code, version, definition) VALUES ($1, $2, $3)",
    )
    .bind(code)
    .bind(i64::from(version))
    .bind(after.to_string())
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE service_items SET current_form_version = $1 WHERE code = $2")
        .bind(i64::from(version))
        .bind(code)
        .execute(&mut *tx)
        .await?;
    audit_store::record(
        &mut tx,
        staff,
        "guide.form.publish",
        code,
        before.as_ref(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(version)
}

/// Keeps `text` (checked) as a preview of item `code`'s next form version; returns its key.
/// Previews older than a day are removed on the way.
pub async fn save_preview(
    pool: &Pool,
    staff: &Staff,
    code: &str,
    text: &str,
) -> Result<String, EditError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let stored = stored(&mut tx, code).await?;
    if !staff.edits_department(&stored.item.department.code) {
        return Err(EditError::Forbidden);
    }
    let definition = checked(text, code, next_version(stored.form_version))?;
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| sqlx::Error::Io(std::io::Error::other(format!("no randomness: {e}"))))?;
    let key: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    sqlx::query("DELETE FROM form_previews WHERE created_at < $1")
        .bind(crate::db::time_text(
            chrono::Utc::now() - chrono::Duration::days(1),
        ))
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO form_previews (key, item_code, staff_id, definition) VALUES ($1, $2, $3, $4)",
    )
    .bind(&key)
    .bind(code)
    .bind(staff.id)
    .bind(serde_json::to_string(&definition)?)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(key)
}

/// A preview (its item's name and the definition), for someone who may edit its item.
pub async fn preview(
    pool: &Pool,
    staff: &Staff,
    key: &str,
) -> Result<(String, FormDefinition), EditError> {
    let row = sqlx::query("SELECT item_code, definition FROM form_previews WHERE key = $1")
        .bind(key)
        .fetch_optional(pool)
        .await?
        .ok_or(EditError::NotFound)?;
    let code: String = row.try_get("item_code")?;
    let definition: FormDefinition = serde_json::from_str(row.try_get("definition")?)?;
    let mut conn = pool.acquire().await?;
    let stored = stored(&mut conn, &code).await?;
    if !staff.edits_department(&stored.item.department.code) {
        return Err(EditError::Forbidden);
    }
    Ok((stored.item.name, definition))
}
