//! Demonstration data for `--demo` / `GUICHET_DEMO`.
//!
//! [`seed`] must stay idempotent: it runs on every start in demo mode, so each part of the
//! seed must check whether its data is already there (e.g. "the table is empty") before
//! inserting. A single "already seeded" flag is deliberately not used: it would stop
//! seed data added in a later release from reaching an existing demo database.

use crate::db::{DbError, Pool};

/// Seeds the demo data that is missing: catalogue, services, staff accounts, and the
/// disclosure agencies, officers and requests (dated from today on `calendar`).
pub async fn seed(pool: &Pool, calendar: &guichet_core::Calendar) -> Result<(), DbError> {
    // Touch the database so a broken demo database fails at startup, not at first use.
    crate::db::ping(pool).await?;
    crate::demo_catalog::seed(pool).await?;
    crate::demo_services::seed(pool).await?;
    crate::demo_staff::seed(pool).await?;
    crate::demo_disclosure::seed(pool, calendar, chrono::Utc::now()).await?;
    crate::demo_contact::seed(pool, calendar, chrono::Utc::now()).await?;
    tracing::info!("demo mode: demo data seeded");
    Ok(())
}
