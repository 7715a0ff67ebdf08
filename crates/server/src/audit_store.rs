//! The audit log of everything published or administered from the desk: catalog entries, the
//! service guide, form versions, accounts, 好差评 appeals. One row per change with who, when,
//! and the object before and after, written in the change's own transaction so that a change
//! without its row (or a row without its change) cannot exist. The center's administrators read
//! it on the admin desk (`GET /api/staff/audit`).

use serde_json::Value;
use sqlx::Row;

use crate::db::Pool;
use crate::staff_store::Staff;

/// Records one change by `actor`. `kind` names the change (`catalog.create`, `account.reset`…),
/// `subject` what it changed (an 索引号, an item code, a user name).
pub async fn record(
    conn: &mut crate::db::Connection,
    actor: &Staff,
    kind: &str,
    subject: &str,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (staff_id, staff_name, kind, subject, before, after)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(actor.id)
    .bind(&actor.display_name)
    .bind(kind)
    .bind(subject)
    .bind(before.map(Value::to_string))
    .bind(after.map(Value::to_string))
    .execute(conn)
    .await?;
    Ok(())
}

/// One recorded change, as the admin desk's audit log shows it.
pub type AuditEntry = guichet_core::wire::staff::AuditEntry<Value>;

/// The newest changes first, `limit` of them before id `before_id` (all when `None`), optionally
/// only those whose kind starts with `kind_prefix` or whose subject is `subject`.
pub async fn list(
    pool: &Pool,
    kind_prefix: Option<&str>,
    subject: Option<&str>,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, at, staff_name, kind, subject, before, after FROM audit_log
         WHERE ($1 IS NULL OR kind LIKE $1 || '%')
           AND ($2 IS NULL OR subject = $2)
           AND ($3 IS NULL OR id < $3)
         ORDER BY id DESC LIMIT $4",
    )
    .bind(kind_prefix)
    .bind(subject)
    .bind(before_id)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let json = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok());
    Ok(rows
        .into_iter()
        .map(|row| AuditEntry {
            id: row.get("id"),
            at: row.get("at"),
            staff_name: row.get("staff_name"),
            kind: row.get("kind"),
            subject: row.get("subject"),
            before: json(row.get("before")),
            after: json(row.get("after")),
        })
        .collect())
}
