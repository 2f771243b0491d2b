//! `data/*.yaml` and `data/*.csv`: free data for templates and tables.

use std::path::Path;

use charter_core::model::{Data, Table};
use charter_core::urls::{UnsafeScheme, unsafe_value, unsafe_values};
use charter_core::yaml::{self, Origin};
use charter_core::{Code, Diagnostic, Sink};

const MAX_DATA_BYTES: u64 = 16 * 1024 * 1024;

/// Reads every data file under `root/data` except the glossary.
pub fn load(root: &Path, sink: &Sink) -> Data {
    let mut data = Data::default();
    let Ok(read) = std::fs::read_dir(root.join("data")) else {
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
        let Some(text) = read_text(&path, &file, sink) else { continue };
        if ext == "csv" {
            match parse_csv(&text) {
                Ok(t) => {
                    unsafe_cells(&t, &file, sink);
                    data.tables.insert(stem.to_string(), t);
                }
                Err((line, message)) => sink.push(
                    Diagnostic::error(Code::DataCsv, format!("cannot read this CSV: {message}"))
                        .at(file, line, 1)
                        .help(
                            "every row needs the same number of cells as the header; quote cells \
                             that contain commas",
                        ),
                ),
            }
        } else {
            let origin = Origin { file: &file, line_offset: 0 };
            match yaml::parse::<serde_json::Value>(&text, origin, Code::DataYaml) {
                Ok(v) => {
                    unsafe_yaml(&v, &text, &file, sink);
                    data.values.insert(stem.to_string(), v);
                }
                Err(d) => sink.push(d),
            }
        }
    }
    data
}

/// A data file's value that templates could write into a link.
fn unsafe_url_error(what: &str, scheme: UnsafeScheme) -> Diagnostic {
    Diagnostic::error(
        Code::SecurityUnsafeUrl,
        format!("{what} is a `{}` address, which can run script", scheme.as_str()),
    )
    .help("give a web address (https://…); charter never publishes this one")
}

/// Script-capable URLs in a YAML data file, each on its line.
fn unsafe_yaml(value: &serde_json::Value, text: &str, file: &str, sink: &Sink) {
    for found in unsafe_values(value) {
        let key = found.path.last().map(String::as_str).unwrap_or("");
        let on_line = |line: &&str| {
            line.split_once(&format!("{key}:")).is_some_and(|(_, v)| {
                unsafe_value(Some(key), v.trim().trim_matches(['"', '\''])).is_some()
            })
        };
        let line = text
            .lines()
            .position(|l| on_line(&l))
            .or_else(|| text.lines().position(|l| l.contains(&format!("{key}:"))))
            .map_or(1, |i| i + 1);
        let what = format!("`{}`", found.path.join("."));
        sink.push(unsafe_url_error(&what, found.scheme).at(file, line, 1));
    }
}

/// Script-capable URLs in a CSV table: under a URL column, any unsafe
/// scheme; elsewhere `javascript:` and `vbscript:`.
fn unsafe_cells(table: &Table, file: &str, sink: &Sink) {
    for (row, cells) in table.rows.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            let header = table.headers.get(column).map(String::as_str);
            if let Some(scheme) = unsafe_value(header, cell) {
                let what = format!("the `{}` cell of row {}", header.unwrap_or(""), row + 1);
                // The header is line 1; a row with a quoted line break
                // would shift this, which no real table of links has.
                sink.push(unsafe_url_error(&what, scheme).at(file, row + 2, 1));
            }
        }
    }
}

/// A data file's text, or a diagnostic when it is too large or not UTF-8.
fn read_text(path: &Path, file: &str, sink: &Sink) -> Option<String> {
    if std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) > MAX_DATA_BYTES {
        sink.push(
            Diagnostic::error(Code::ContentTooLarge, "this data file is too large")
                .in_file(file)
                .help("data files are limited to 16 MB"),
        );
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let Ok(text) = String::from_utf8(bytes) else {
        sink.push(
            Diagnostic::error(Code::ContentUtf8, "this data file is not valid UTF-8")
                .in_file(file)
                .help("save the file as UTF-8"),
        );
        return None;
    };
    Some(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}

/// Is `path` (after following links) inside the site? Data is published,
/// so a link to a file elsewhere must never be read.
pub fn inside(root: &Path, path: &Path) -> bool {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.canonicalize().is_ok_and(|p| p.starts_with(&root))
}

/// The diagnostic for a data file that links outside the site.
pub fn outside(file: &str) -> Diagnostic {
    Diagnostic::error(
        Code::ContentOutsideRoot,
        "this file is a link to a file outside the site, so it is not read",
    )
    .in_file(file)
    .help("copy the file into the site instead of linking to it")
}

/// Parses CSV text with a header row.
pub fn parse_csv(text: &str) -> Result<Table, (usize, String)> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| (1, e.to_string()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record
            .map_err(|e| (e.position().map(|p| p.line() as usize).unwrap_or(1), e.to_string()))?;
        rows.push(record.iter().map(|c| c.trim().to_string()).collect());
    }
    Ok(Table { headers, rows })
}
