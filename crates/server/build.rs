//! Build script: makes Cargo rebuild the crate when a migration is added or edited.
//!
//! `sqlx::migrate!` embeds `migrations/` at compile time, but on stable Rust the macro
//! cannot tell Cargo to watch that folder, so a new migration file would otherwise be
//! silently left out of an incremental build.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=migrations-postgres");
}
