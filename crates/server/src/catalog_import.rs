//! Reading an existing catalog from a CSV (UTF-8, comma-separated, first line the headers) or
//! an Excel `.xlsx` workbook (its first sheet, first row the headers) into rows of cells by
//! column, each with its line in the file. A file that cannot be read at all is one
//! [`FileProblem`]; rows are checked afterwards (`guichet_core::catalog::publish::read_row`).

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use guichet_core::catalog::publish::Column;

use crate::error::Localized;

/// Rows with their line in the file (1 is the header row) and their cells by column.
pub type Rows = Vec<(u64, BTreeMap<Column, String>)>;

/// Why a file cannot be read: a string key and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// `admin.catalog.import.*`.
    pub key: &'static str,
    /// Its `{placeholders}`.
    pub args: Vec<(&'static str, String)>,
}

impl FileProblem {
    fn new(key: &'static str, args: &[(&'static str, String)]) -> FileProblem {
        FileProblem {
            key,
            args: args.to_vec(),
        }
    }

    /// The message in both languages.
    pub fn message(&self) -> Localized {
        let args: Vec<(&str, &str)> = self.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        crate::api::submissions::message(self.key, &args)
    }
}

/// Maps the header row to columns; every required column must be there. Unknown headers are
/// ignored (a catalog exported from another system has more columns).
fn columns(headers: &[String]) -> Result<Vec<Option<Column>>, FileProblem> {
    let found: Vec<Option<Column>> = headers.iter().map(|h| Column::from_header(h)).collect();
    let missing: Vec<&str> = Column::REQUIRED
        .iter()
        .filter(|c| !found.contains(&Some(**c)))
        .map(|c| c.header())
        .collect();
    if missing.is_empty() {
        Ok(found)
    } else {
        Err(FileProblem::new(
            "admin.catalog.import.missing_columns",
            &[("columns", missing.join("、"))],
        ))
    }
}

fn row_of(
    columns: &[Option<Column>],
    cells: impl Iterator<Item = String>,
) -> Option<BTreeMap<Column, String>> {
    let mut row = BTreeMap::new();
    for (column, cell) in columns.iter().zip(cells) {
        if let Some(column) = column
            && !cell.trim().is_empty()
        {
            row.insert(*column, cell);
        }
    }
    // Blank lines (every cell empty) are skipped, as Excel leaves them.
    (!row.is_empty()).then_some(row)
}

/// Reads a UTF-8 CSV (a byte-order mark allowed).
pub fn read_csv(bytes: &[u8]) -> Result<Rows, FileProblem> {
    if std::str::from_utf8(bytes).is_err() {
        return Err(FileProblem::new("admin.catalog.import.not_utf8", &[]));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(bytes);
    let bad = |err: csv::Error| {
        let line = err
            .position()
            .map_or_else(|| "?".to_string(), |p| p.line().to_string());
        let detail = match err.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => format!("应有 {expected_len} 列，实有 {len} 列"),
            _ => "引号不成对或字符无效".to_string(),
        };
        FileProblem::new(
            "admin.catalog.import.bad_csv",
            &[("line", line), ("detail", detail)],
        )
    };
    let mut records = reader.records();
    let header = match records.next() {
        Some(record) => record.map_err(bad)?,
        None => return Err(FileProblem::new("admin.catalog.import.no_rows", &[])),
    };
    let columns = columns(&header.iter().map(String::from).collect::<Vec<_>>())?;
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(bad)?;
        let line = record.position().map_or(0, csv::Position::line);
        if let Some(row) = row_of(&columns, record.iter().map(String::from)) {
            rows.push((line, row));
        }
    }
    if rows.is_empty() {
        return Err(FileProblem::new("admin.catalog.import.no_rows", &[]));
    }
    Ok(rows)
}

/// The text of a cell as a person sees it: dates as `YYYY-MM-DD`, whole numbers without `.0`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()).unwrap_or_else(|| dt.to_string()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// An Excel serial date (days since 1899-12-30) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> Option<String> {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = serial.floor();
    if !(1.0..=200_000.0).contains(&days) {
        return None;
    }
    let date = base.checked_add_days(chrono::Days::new(days as u64))?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// Reads the first sheet of an `.xlsx` workbook.
pub fn read_xlsx(bytes: &[u8]) -> Result<Rows, FileProblem> {
    let bad = |detail: String| {
        FileProblem::new(
            "admin.catalog.import.bad_xlsx",
            &[("detail", detail.chars().take(120).collect())],
        )
    };
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| bad(e.to_string()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| bad("没有工作表".to_string()))?
        .map_err(|e| bad(e.to_string()))?;
    let first_row = u64::from(range.start().map_or(0, |(row, _)| row));
    let mut lines = range.rows().enumerate();
    let Some((_, header)) = lines.next() else {
        return Err(FileProblem::new("admin.catalog.import.no_rows", &[]));
    };
    // A sheet may start right of column A: the range's first column is the header's first.
    let columns = columns(&header.iter().map(cell_text).collect::<Vec<_>>())?;
    let mut rows = Vec::new();
    for (index, cells) in lines {
        let line = first_row + index as u64 + 1;
        if let Some(row) = row_of(&columns, cells.iter().map(cell_text)) {
            rows.push((line, row));
        }
    }
    if rows.is_empty() {
        return Err(FileProblem::new("admin.catalog.import.no_rows", &[]));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keep_their_lines() {
        let file = "\u{feff}索引号,名称,发布机构,成文日期,备注\n\
                    A/2026-00001,\"标题, 含逗号\",县教育局,2026-03-05,x\n\
                    ,,,,\n\
                    A/2026-00002,\"两行\n标题\",县教育局,2026-03-06,\n";
        let rows = read_csv(file.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[0].1[&Column::Title], "标题, 含逗号");
        assert_eq!(rows[1].0, 4);
    }

    #[test]
    fn unreadable_csv_is_one_clear_problem() {
        let gbk = b"\xcb\xf7\xd2\xfd\xba\xc5,\xc3\xfb\xb3\xc6\n";
        assert_eq!(
            read_csv(gbk).unwrap_err().key,
            "admin.catalog.import.not_utf8"
        );
        let short = "索引号,名称,发布机构,成文日期\nA/2026-00001,标题\n";
        let problem = read_csv(short.as_bytes()).unwrap_err();
        assert_eq!(problem.key, "admin.catalog.import.bad_csv");
        assert!(
            problem.message().zh.contains("第 2 行"),
            "{:?}",
            problem.message()
        );
        let missing = read_csv("名称,文号\n标题,x\n".as_bytes()).unwrap_err();
        assert!(missing.message().zh.contains("索引号、发布机构、成文日期"));
        assert_eq!(
            read_xlsx(b"PK not a zip").unwrap_err().key,
            "admin.catalog.import.bad_xlsx"
        );
        assert_eq!(excel_date(46086.0).as_deref(), Some("2026-03-05"));
    }
}
