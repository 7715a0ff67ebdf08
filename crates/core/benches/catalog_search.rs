//! The offline catalog search at county scale, natively:
//! `cargo bench -p guichet-core --bench catalog_search`.
//!
//! Generates 100,000 realistic entries (deterministic), then prints the index build time, the
//! serialised size, the load-from-bytes time, the index's memory estimate and the latency
//! percentiles of typical short queries. Not a statistical benchmark: enough to see whether a
//! phone (roughly 3–10 times slower than this machine, in wasm) can keep up.

use std::hint::black_box;
use std::time::{Duration, Instant};

use guichet_core::catalog::generate;
use guichet_core::catalog::search::{CatalogIndex, SearchQuery};

/// What people type: 2–4 characters, a 文号 prefix, a year, a word.
const QUERIES: &[&str] = &[
    "教育",
    "公开指南",
    "年度报告",
    "国办发",
    "住房",
    "2024",
    "营业执照",
    "低保",
    "最低生活保障",
    "通知",
    "县教发",
    "医疗保险",
    "招生",
    "防汛",
    "老旧小区",
    "补贴",
    "安全生产",
    "户籍",
    "县政办发〔2023〕",
    "养老",
    "统计数据",
    "2019 意见",
    "农田",
    "就业",
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(rank).copied().unwrap_or_default()
}

/// The gzip -9 size of `bytes` (what a server with precompressed files sends).
fn gzip_size(bytes: &[u8]) -> usize {
    if std::env::var("PROFILE_QUERY").is_ok() {
        return 0;
    }
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    if encoder.write_all(bytes).is_err() {
        return 0;
    }
    encoder.finish().map(|out| out.len()).unwrap_or_default()
}

fn main() {
    let count = 100_000;
    let start = Instant::now();
    let entries = generate::entries(2026, count);
    println!(
        "generate {count} entries          {:>10.1?}",
        start.elapsed()
    );

    let start = Instant::now();
    let index = CatalogIndex::build(&entries);
    println!(
        "index build                       {:>10.1?}",
        start.elapsed()
    );

    let start = Instant::now();
    let bytes = index.to_bytes();
    println!(
        "serialise                         {:>10.1?}",
        start.elapsed()
    );
    println!(
        "serialised size                   {:>10.1} MB ({} bytes)",
        bytes.len() as f64 / 1e6,
        bytes.len()
    );
    println!(
        "serialised size, gzip -9           {:>10.1} MB",
        gzip_size(&bytes) as f64 / 1e6
    );
    let json = serde_json::to_vec(&entries).unwrap_or_default();
    println!(
        "entries as JSON (for comparison)  {:>10.1} MB, gzip -9 {:.1} MB",
        json.len() as f64 / 1e6,
        gzip_size(&json) as f64 / 1e6
    );
    if let Ok(path) = std::env::var("CATALOG_INDEX_OUT") {
        // For measuring other compressors by hand (`brotli -q 11`).
        if let Err(err) = std::fs::write(&path, &bytes) {
            eprintln!("cannot write {path}: {err}");
        }
    }
    let start = Instant::now();
    let loaded = match CatalogIndex::from_bytes(&bytes) {
        Ok(index) => index,
        Err(err) => {
            eprintln!("cannot load the index: {err}");
            std::process::exit(1);
        }
    };
    println!(
        "load from bytes                   {:>10.1?}",
        start.elapsed()
    );
    println!(
        "memory estimate                   {:>10.1} MB",
        loaded.heap_size() as f64 / 1e6
    );

    // Warm up, then time every query several times.
    for query in QUERIES {
        black_box(loaded.search(&SearchQuery::text(*query), 1, 20));
    }
    let mut times = Vec::new();
    let mut totals = Vec::new();
    let mut slowest = vec![Duration::ZERO; QUERIES.len()];
    // More rounds (CATALOG_BENCH_ROUNDS) for a profiler to see the queries over the build.
    let rounds: usize = std::env::var("CATALOG_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    // One query alone (CATALOG_BENCH_ONLY), for a profiler.
    let only = std::env::var("CATALOG_BENCH_ONLY").ok();
    for round in 0..rounds {
        for (n, query) in QUERIES.iter().enumerate() {
            if only.as_deref().is_some_and(|only| only != *query) {
                continue;
            }
            let start = Instant::now();
            let page = loaded.search(&SearchQuery::text(*query), 1, 20);
            let took = start.elapsed();
            times.push(took);
            slowest[n] = slowest[n].max(took);
            if round == 0 {
                totals.push((*query, page.total));
            }
            black_box(page);
        }
    }
    times.sort();
    println!(
        "query latency ({} searches)       p50 {:.2?}  p95 {:.2?}  p99 {:.2?}  max {:.2?}",
        times.len(),
        percentile(&times, 0.50),
        percentile(&times, 0.95),
        percentile(&times, 0.99),
        times.last().copied().unwrap_or_default()
    );
    let start = Instant::now();
    let facets = loaded.facets(&SearchQuery::default());
    println!(
        "facets of everything              {:>10.1?} ({} agencies)",
        start.elapsed(),
        facets.agency.len()
    );
    let mut by_time: Vec<(Duration, &str)> = slowest
        .iter()
        .copied()
        .zip(QUERIES.iter().copied())
        .collect();
    by_time.sort_by(|a, b| b.cmp(a));
    let slow: Vec<String> = by_time
        .iter()
        .take(6)
        .map(|(t, q)| format!("{q} {t:.2?}"))
        .collect();
    println!("slowest queries: {}", slow.join(", "));
    let matches: Vec<String> = totals.iter().map(|(q, n)| format!("{q}={n}")).collect();
    println!("matches: {}", matches.join(" "));
}
