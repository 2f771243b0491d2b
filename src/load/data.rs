//! `data/*.yaml` and `data/*.csv`: free data for templates and tables.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Sink};
use crate::load::yaml::{self, Origin};

/// A CSV file: its header and rows, as text.
#[derive(Clone, Debug, Serialize)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Every data file, by its stem: `data/funding.csv` is `funding`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Data {
    pub values: BTreeMap<String, serde_json::Value>,
    pub tables: BTreeMap<String, Table>,
}

const MAX_DATA_BYTES: u64 = 16 * 1024 * 1024;

pub fn load(root: &Path, sink: &Sink) -> Data {
    let mut data = Data::default();
    let dir = root.join("data");
    let Ok(read) = std::fs::read_dir(&dir) else {
        return data;
    };
    let mut paths: Vec<_> = read.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
            continue;
        };
        if name == "glossary.yaml" || name.starts_with('.') {
            continue;
        }
        let file = format!("data/{name}");
        if !inside(root, &path) {
            sink.push(outside(&file));
            continue;
        }
        let Some((stem, ext)) = name.rsplit_once('.') else {
            continue;
        };
        if !matches!(ext, "yaml" | "yml" | "csv") {
            continue;
        }
        if std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) > MAX_DATA_BYTES {
            sink.push(Diagnostic::error("content::too-large", "this data file is too large").in_file(file).help("data files are limited to 16 MB"));
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            sink.push(Diagnostic::error("content::utf8", "this data file is not valid UTF-8").in_file(file).help("save the file as UTF-8"));
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        if ext == "csv" {
            match parse_csv(&text) {
                Ok(t) => {
                    data.tables.insert(stem.to_string(), t);
                }
                Err((line, message)) => sink.push(
                    Diagnostic::error("data::csv", format!("cannot read this CSV: {message}"))
                        .at(file, line, 1)
                        .help("every row needs the same number of cells as the header; quote cells that contain commas"),
                ),
            }
        } else {
            match yaml::parse::<serde_json::Value>(&text, Origin { file: &file, line_offset: 0 }, "data::yaml") {
                Ok(v) => {
                    data.values.insert(stem.to_string(), v);
                }
                Err(d) => sink.push(d),
            }
        }
    }
    data
}

/// Is `path` (after following links) inside the site? Data is published,
/// so a link to a file elsewhere must never be read.
pub fn inside(root: &Path, path: &Path) -> bool {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.canonicalize().is_ok_and(|p| p.starts_with(&root))
}

pub fn outside(file: &str) -> Diagnostic {
    Diagnostic::error("content::outside-root", "this file is a link to a file outside the site, so it is not read")
        .in_file(file)
        .help("copy the file into the site instead of linking to it")
}

/// Parses CSV text with a header row.
pub fn parse_csv(text: &str) -> Result<Table, (usize, String)> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| (1, e.to_string()))?.iter().map(|h| h.trim().to_string()).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| (e.position().map(|p| p.line() as usize).unwrap_or(1), e.to_string()))?;
        rows.push(record.iter().map(|c| c.trim().to_string()).collect());
    }
    Ok(Table { headers, rows })
}
