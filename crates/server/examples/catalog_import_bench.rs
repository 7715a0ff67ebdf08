//! Measures the catalog import: generates a realistic catalog of N rows (default 10,000; the
//! county's 20 agencies, bodies of several paragraphs) as a CSV and as an `.xlsx`, imports each
//! into a fresh SQLite file (WAL, `synchronous=FULL`, the production settings) as a center
//! administrator would through `POST /api/staff/catalog/import`, then imports it again (every row
//! unchanged). Prints the seconds of each step; not a test, nothing is asserted.
//!
//! ```sh
//! cargo run --release -p guichet-server --example catalog_import_bench -- [rows]
//! ```

use std::time::Instant;

use chrono::Utc;
use guichet_core::catalog::publish::{self, Column, text_from_blocks};
use guichet_core::catalog::{Genre, Topic, Validity, generate};
use guichet_server::catalog_import::{Rows, read_csv, read_xlsx};
use guichet_server::config::{Config, DatabaseTarget};
use guichet_server::staff_store::{self, LoginOutcome};
use guichet_server::{AppState, catalog_publish_store, prepare};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The file's rows as text, in [`Column::ALL`] order.
fn rows(count: usize) -> Result<Vec<Vec<String>>, BoxError> {
    let label = |key: &'static str| guichet_core::i18n::tr(guichet_core::Lang::Zh, key);
    let mut out = Vec::with_capacity(count);
    for (n, entry) in generate::entries(20_261_203, count).into_iter().enumerate() {
        let code = generate::AGENCIES
            .iter()
            .find(|a| a.name == entry.agency)
            .map_or("", |a| a.code);
        // Serials from 50000 keep clear of the demo catalog's.
        let index_no = publish::index_no_for(code, i32::from(entry.year()), 50_000 + n as u32)?;
        let body = text_from_blocks(&generate::body(&entry).blocks);
        out.push(vec![
            index_no.to_string(),
            entry.title.clone(),
            entry.agency.clone(),
            entry.doc_no.clone().unwrap_or_default(),
            entry.issued_on.format("%Y-%m-%d").to_string(),
            label(Topic::label_key(entry.topic)).to_string(),
            label(Genre::label_key(entry.genre)).to_string(),
            entry.keywords.join(" "),
            entry.summary.clone(),
            body,
            label(Validity::label_key(entry.validity)).to_string(),
            "主动公开".to_string(),
        ]);
    }
    Ok(out)
}

fn csv_file(rows: &[Vec<String>]) -> Result<Vec<u8>, BoxError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(Column::ALL.iter().map(|c| c.header()))?;
    for row in rows {
        writer.write_record(row)?;
    }
    Ok(writer.into_inner().map_err(|e| e.to_string())?)
}

fn xlsx_file(rows: &[Vec<String>]) -> Result<Vec<u8>, BoxError> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, column) in Column::ALL.iter().enumerate() {
        sheet.write_string(0, c as u16, column.header())?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, cell)?;
        }
    }
    Ok(workbook.save_to_buffer()?)
}

async fn fresh_server(dir: &std::path::Path) -> Result<AppState, BoxError> {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist)?;
    std::fs::write(dist.join("index.html"), "<!DOCTYPE html><html></html>")?;
    let config = Config {
        listen: "127.0.0.1:0".parse()?,
        data_dir: dir.join("data"),
        database: DatabaseTarget::SqliteFile(dir.join("data").join("guichet.db")),
        dist,
        // The agencies and the administrator's account.
        demo: true,
        test_clock: false,
        upload_limits: Default::default(),
        http: Default::default(),
        file_store: Default::default(),
    };
    Ok(prepare(&config).await?)
}

async fn run(
    name: &str,
    bytes: &[u8],
    read: fn(&[u8]) -> Result<Rows, guichet_server::catalog_import::FileProblem>,
) -> Result<(), BoxError> {
    let dir = tempfile::tempdir()?;
    let state = fresh_server(dir.path()).await?;
    let LoginOutcome::Success(admin) =
        staff_store::login(&state.db, "zhongxin", "demo-admin-2026", Utc::now()).await?
    else {
        return Err("demo administrator refused".into());
    };
    for pass in ["first import", "same file again"] {
        let started = Instant::now();
        let rows = read(bytes).map_err(|p| format!("{:?}", p.message().zh))?;
        let parsed = started.elapsed();
        let dry =
            catalog_publish_store::import(&state.db, &admin, None, rows.clone(), true).await?;
        let checked = started.elapsed();
        let report = catalog_publish_store::import(&state.db, &admin, None, rows, false).await?;
        let total = started.elapsed();
        println!(
            "{name:<5} {pass:<16} {} rows: read {:.2} s, dry run done at {:.2} s, applied at {:.2} s \
             (created {}, updated {}, unchanged {}, errors {} / dry-run errors {})",
            report.rows,
            parsed.as_secs_f64(),
            checked.as_secs_f64(),
            total.as_secs_f64(),
            report.created,
            report.updated,
            report.unchanged,
            report.errors.len(),
            dry.errors.len(),
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let count: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(10_000);
    let rows = rows(count)?;
    let csv = csv_file(&rows)?;
    let xlsx = xlsx_file(&rows)?;
    println!(
        "{count} rows: CSV {:.1} MB, XLSX {:.1} MB",
        csv.len() as f64 / 1e6,
        xlsx.len() as f64 / 1e6
    );
    run("csv", &csv, read_csv).await?;
    run("xlsx", &xlsx, read_xlsx).await?;
    Ok(())
}
