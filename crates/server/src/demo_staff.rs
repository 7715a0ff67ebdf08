//! Demo staff accounts for `--demo` (never created otherwise). The passwords are public —
//! they are in this file and in the documentation — so a demo database must never be exposed
//! as a real desk.
//!
//! | user | password | role |
//! |---|---|---|
//! | `zhongxin` | `demo-admin-2026` | center_admin (行政服务中心) |
//! | `jt` | `demo-jt-2026` | 县交通运输局 (JT) |
//! | `sc` | `demo-sc-2026` | 县市场监督管理局 (SC) |
//! | `ga` | `demo-ga-2026` | 县公安局 (GA) |
//! | `zj` | `demo-zj-2026` | 县住房和城乡建设局 (ZJ) |
//! | `ga-ck` | `demo-ga-ck-2026` | 窗口人员 of 县公安局 (GA): works cases, publishes nothing |
//!
//! The department accounts above are 部门审核 (role `department`); the 依申请公开 officers are
//! in `demo_disclosure`.

use crate::db::{DbError, Pool};
use crate::staff_store::{self, AccountError, StaffRole};

/// `(username, display name, department code or None for the center, password)`.
pub const DEMO_STAFF: &[(&str, &str, Option<&str>, &str)] = &[
    ("zhongxin", "中心管理员（演示）", None, "demo-admin-2026"),
    ("jt", "交通窗口（演示）", Some("JT"), "demo-jt-2026"),
    ("sc", "市场监管窗口（演示）", Some("SC"), "demo-sc-2026"),
    ("ga", "公安窗口（演示）", Some("GA"), "demo-ga-2026"),
    ("zj", "住建窗口（演示）", Some("ZJ"), "demo-zj-2026"),
];

/// `(username, display name, department code, password)` of the demo 窗口人员 (role `window`).
pub const DEMO_WINDOWS: &[(&str, &str, &str, &str)] =
    &[("ga-ck", "公安窗口人员（演示）", "GA", "demo-ga-ck-2026")];

/// Creates the demo accounts that are missing (idempotent).
pub async fn seed(pool: &Pool) -> Result<(), DbError> {
    for (username, name, department, password) in DEMO_STAFF {
        let role = match department {
            Some(code) => StaffRole::Department {
                department_code: (*code).to_owned(),
            },
            None => StaffRole::CenterAdmin,
        };
        create(pool, username, name, &role, password).await?;
    }
    for (username, name, department, password) in DEMO_WINDOWS {
        let role = StaffRole::Window {
            department_code: (*department).to_owned(),
        };
        create(pool, username, name, &role, password).await?;
    }
    Ok(())
}

/// Creates one account unless its user name is taken.
async fn create(
    pool: &Pool,
    username: &str,
    name: &str,
    role: &StaffRole,
    password: &str,
) -> Result<(), DbError> {
    match staff_store::create_account_with_role(pool, username, name, role, password).await {
        Ok(_) | Err(AccountError::Taken(_)) => Ok(()),
        Err(AccountError::Db(e)) => Err(DbError::Query(e)),
        Err(other) => Err(DbError::Query(sqlx::Error::Protocol(other.to_string()))),
    }
}
