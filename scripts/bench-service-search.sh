#!/usr/bin/env bash
# The item search of the guide (guichet_core::service_search) in headless Chromium over 1,000
# generated items, on a release build (opt-level z, as the bundles ship): prints the index's
# build time and each query's p50/p95/max, and fails if p95 exceeds 5 ms (BENCHMARKS.md).
# A benchmark, not a test: scripts/test.sh does not run it. Uses chromedriver and
# wasm-bindgen-test-runner from scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
cargo test --locked --release -p guichet-app --target wasm32-unknown-unknown \
  --test service_search_bench -- --include-ignored --nocapture
