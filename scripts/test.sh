#!/usr/bin/env bash
# Runs every test of Guichet: format, lints (warnings denied), unit and integration tests,
# browser tests of the app's storage in headless Chromium, the release build with its size
# budget, and the end-to-end tests in Chromium against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format"
cargo fmt --all --check

step "lints: core and server (native)"
cargo clippy --locked -p guichet-core -p guichet-server --all-targets -- -D warnings
# Product code never unwraps or expects: input reaches it. (Tests, benches and examples may.)
cargo clippy --locked -p guichet-core -p guichet-server --lib --bins -- -D warnings -D clippy::unwrap_used -D clippy::expect_used
step "lints: app and core (wasm32)"
cargo clippy --locked -p guichet-app --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy --locked -p guichet-app --target wasm32-unknown-unknown --lib --bins -- -D warnings -D clippy::unwrap_used -D clippy::expect_used
# The core's own tests use proptest, which has no wasm32 backend: lint its library there.
cargo clippy --locked -p guichet-core --target wasm32-unknown-unknown --lib -- -D warnings
# The forms bundle is built with `lean-strings` (core's `registered-strings`): lint that build too,
# the catalog search worker, a wasm of its own, and the IndexedDB layer both use (`crates/idb`).
cargo clippy --locked -p guichet-app --features lean-strings --target wasm32-unknown-unknown --lib --bins -- -D warnings -D clippy::unwrap_used -D clippy::expect_used
cargo clippy --locked -p guichet-catalog-worker -p guichet-idb --target wasm32-unknown-unknown --all-targets -- -D warnings -D clippy::unwrap_used -D clippy::expect_used

step "unit and integration tests: core and server"
cargo test --locked -p guichet-core -p guichet-server

step "the tests that store files again, with the database file store (SQLite)"
GUICHET_TEST_FILE_STORE=database cargo test --locked -p guichet-server --test files --test upload_limits --test submissions --test desk --test disclosure --test appeals --test catalog_publish

step "server tests again on PostgreSQL (a throw-away cluster from Debian's package)"
pg_dir="$(mktemp -d /tmp/guichet-pg-XXXXXX)"
trap 'scripts/pg.sh stop "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$pg_dir"' EXIT
pg_url="$(PG_FAST=1 scripts/pg.sh start "$pg_dir")"
pg_base="${pg_url%/*}"
psql "$pg_url" -X -q -c "CREATE DATABASE schema_check"
python3 scripts/pg-schema-check.py "$pg_base/schema_check"
GUICHET_TEST_POSTGRES="$pg_url" cargo test --locked -p guichet-server --tests
GUICHET_TEST_POSTGRES="$pg_url" GUICHET_TEST_FILE_STORE=database cargo test --locked -p guichet-server --test files --test upload_limits --test catalog_publish --test disclosure

step "the app's pure logic, natively"
cargo test --locked -p guichet-app --lib

step "browser tests: the app's storage in headless Chromium"
cargo test --locked -p guichet-app --target wasm32-unknown-unknown

step "release build: app and server"
scripts/build.sh

step "bundle budget"
scripts/bundle-size.sh --check

step "end-to-end tests in Chromium"
(cd end2end && npx playwright test)

step "end-to-end: pre-review, tracking and the staff desk on PostgreSQL"
psql "$pg_url" -X -q -c "CREATE DATABASE e2e"
(cd end2end && GUICHET_DATABASE_URL="$pg_base/e2e" npx playwright test prereview tracking staff)

step "end-to-end: files on PostgreSQL and the database file store (a cut line; two instances)"
psql "$pg_url" -X -q -c "CREATE DATABASE e2e_files"
(cd end2end && GUICHET_DATABASE_URL="$pg_base/e2e_files" GUICHET_FILE_STORE=database npx playwright test files)
