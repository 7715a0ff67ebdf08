//! The center's settings of 咨询 and 预约, set by a center administrator and audited: the time
//! limit to answer a question (`contact_settings.answer_days`, default
//! [`DEFAULT_ANSWER_DAYS`]) and each department's places per booking slot (`booking_capacity`:
//! one row for all of a department's slots, `*`, and rows for single slot times; default
//! [`DEFAULT_CAPACITY`]).

use std::collections::BTreeMap;

use guichet_core::booking::{DEFAULT_CAPACITY, SlotTime};
use guichet_core::consultation::DEFAULT_ANSWER_DAYS;
use serde_json::json;
use sqlx::Row;

use crate::audit_store;
use crate::db::{Connection, Pool};
use crate::staff_store::Staff;

/// The `slot_start` of a department's row for all its slots.
const ALL_SLOTS: &str = "*";

/// The time limit to answer a question, in working days.
pub async fn answer_days(conn: &mut Connection) -> Result<u32, sqlx::Error> {
    let value: Option<i64> =
        sqlx::query_scalar("SELECT value FROM contact_settings WHERE key = 'answer_days'")
            .fetch_optional(conn)
            .await?;
    Ok(value
        .and_then(|v| u32::try_from(v).ok())
        .unwrap_or(DEFAULT_ANSWER_DAYS))
}

/// Sets the time limit (checked by the caller), with its audit row.
pub async fn set_answer_days(pool: &Pool, actor: &Staff, days: u32) -> Result<(), sqlx::Error> {
    let mut tx = crate::db::begin_write(pool).await?;
    let before = answer_days(&mut tx).await?;
    sqlx::query(
        "INSERT INTO contact_settings (key, value) VALUES ('answer_days', $1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(i64::from(days))
    .execute(&mut *tx)
    .await?;
    audit_store::record(
        &mut tx,
        actor,
        "contact.answer_days",
        "answer_days",
        Some(&json!(before)),
        Some(&json!(days)),
    )
    .await?;
    tx.commit().await
}

/// One department's places per slot.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DepartmentCapacity {
    /// For all its slots, when set.
    pub all: Option<u32>,
    /// For single slot times (`HH:MM`), when set.
    pub slots: BTreeMap<String, u32>,
}

impl DepartmentCapacity {
    /// The places of the slot starting at `start`.
    pub fn of(&self, start: SlotTime) -> u32 {
        self.slots
            .get(&start.text())
            .copied()
            .or(self.all)
            .unwrap_or(DEFAULT_CAPACITY)
    }

    /// The capacity of every slot unless a slot says otherwise.
    pub fn base(&self) -> u32 {
        self.all.unwrap_or(DEFAULT_CAPACITY)
    }
}

/// A department's capacities.
pub async fn capacity(
    conn: &mut Connection,
    department_code: &str,
) -> Result<DepartmentCapacity, sqlx::Error> {
    let rows =
        sqlx::query("SELECT slot_start, capacity FROM booking_capacity WHERE department_code = $1")
            .bind(department_code)
            .fetch_all(conn)
            .await?;
    let mut capacity = DepartmentCapacity::default();
    for row in rows {
        let start: String = row.try_get("slot_start")?;
        let places = u32::try_from(row.try_get::<i64, _>("capacity")?).unwrap_or(0);
        if start == ALL_SLOTS {
            capacity.all = Some(places);
        } else {
            capacity.slots.insert(start, places);
        }
    }
    Ok(capacity)
}

/// Every department's capacities that were set, by department code.
pub async fn all_capacities(
    pool: &Pool,
) -> Result<BTreeMap<String, DepartmentCapacity>, sqlx::Error> {
    let rows = sqlx::query("SELECT department_code, slot_start, capacity FROM booking_capacity")
        .fetch_all(pool)
        .await?;
    let mut all: BTreeMap<String, DepartmentCapacity> = BTreeMap::new();
    for row in rows {
        let department: String = row.try_get("department_code")?;
        let start: String = row.try_get("slot_start")?;
        let places = u32::try_from(row.try_get::<i64, _>("capacity")?).unwrap_or(0);
        let entry = all.entry(department).or_default();
        if start == ALL_SLOTS {
            entry.all = Some(places);
        } else {
            entry.slots.insert(start, places);
        }
    }
    Ok(all)
}

/// Sets a department's places for all its slots (`start` `None`, which also clears its
/// single-slot ones) or for one slot time, with its audit row. The caller checked the values.
pub async fn set_capacity(
    pool: &Pool,
    actor: &Staff,
    department_code: &str,
    start: Option<SlotTime>,
    places: u32,
) -> Result<(), sqlx::Error> {
    let mut tx = crate::db::begin_write(pool).await?;
    let before = capacity(&mut tx, department_code).await?;
    let slot_start = start.map_or_else(|| ALL_SLOTS.to_owned(), SlotTime::text);
    if start.is_none() {
        sqlx::query("DELETE FROM booking_capacity WHERE department_code = $1")
            .bind(department_code)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO booking_capacity (department_code, slot_start, capacity) VALUES ($1, $2, $3)
         ON CONFLICT (department_code, slot_start) DO UPDATE SET capacity = excluded.capacity",
    )
    .bind(department_code)
    .bind(&slot_start)
    .bind(i64::from(places))
    .execute(&mut *tx)
    .await?;
    let after = capacity(&mut tx, department_code).await?;
    let describe = |c: &DepartmentCapacity| json!({"capacity": c.base(), "slots": c.slots});
    audit_store::record(
        &mut tx,
        actor,
        "booking.capacity",
        department_code,
        Some(&describe(&before)),
        Some(&describe(&after)),
    )
    .await?;
    tx.commit().await
}
