//! Diagnostics are data: every stage pushes them into a [`Sink`]; the CLI
//! prints them once, sorted, in the format the user asked for.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;

/// How bad a diagnostic is. Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

/// One finding about the site, with where it is and how to fix it.
#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    /// Path relative to the site root, with `/` separators.
    pub file: Option<String>,
    /// 1-based; 0 when the finding is about the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity, code, file: None, line: 0, column: 0, message: message.into(), help: None }
    }
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }
    pub fn note(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, code, message)
    }
    pub fn at(mut self, file: impl Into<String>, line: usize, column: usize) -> Self {
        self.file = Some(file.into());
        self.line = line;
        self.column = column;
        self
    }
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A thread-safe collector that every stage writes into.
#[derive(Default, Debug)]
pub struct Sink {
    items: Mutex<Vec<Diagnostic>>,
}

impl Sink {
    pub fn push(&self, diagnostic: Diagnostic) {
        self.items.lock().expect("diagnostic sink poisoned").push(diagnostic);
    }
    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.lock().expect("diagnostic sink poisoned").extend(diagnostics);
    }
    pub fn has_errors(&self) -> bool {
        self.items.lock().expect("diagnostic sink poisoned").iter().any(|d| d.severity == Severity::Error)
    }
    /// Takes every diagnostic, de-duplicated and in a stable order.
    pub fn take(&self) -> Vec<Diagnostic> {
        let mut items = std::mem::take(&mut *self.items.lock().expect("diagnostic sink poisoned"));
        items.sort_by(|a, b| (&a.file, a.line, a.column, a.code, &a.message).cmp(&(&b.file, b.line, b.column, b.code, &b.message)));
        items.dedup_by(|a, b| a.file == b.file && a.line == b.line && a.code == b.code && a.message == b.message);
        items
    }
}

/// The config's `diagnostics: { deny, allow }` applied to a list.
pub fn apply_policy(items: Vec<Diagnostic>, deny: &[String], allow: &[String]) -> Vec<Diagnostic> {
    items
        .into_iter()
        .filter(|d| is_always_error(d.code) || !allow.iter().any(|a| a == d.code))
        .map(|mut d| {
            if deny.iter().any(|c| c == d.code) {
                d.severity = Severity::Error;
            }
            d
        })
        .collect()
}

/// Errors that `allow` cannot silence, because the site cannot be built
/// correctly past them.
fn is_always_error(code: &str) -> bool {
    matches!(code, "config::invalid" | "frontmatter::yaml" | "frontmatter::unclosed" | "content::utf8" | "output::refused")
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Github,
}

/// Renders diagnostics for a terminal, a machine, or GitHub Actions.
pub fn render(items: &[Diagnostic], format: Format, root: &Path, narrated: bool, color: bool) -> String {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(items).unwrap_or_else(|_| "[]".into());
            s.push('\n');
            s
        }
        Format::Github => {
            let mut out = String::new();
            for d in items {
                let kind = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "notice",
                };
                let mut props = Vec::new();
                if let Some(f) = &d.file {
                    props.push(format!("file={}", github_escape_property(f)));
                    if d.line > 0 {
                        props.push(format!("line={}", d.line));
                    }
                    if d.column > 0 {
                        props.push(format!("col={}", d.column));
                    }
                }
                props.push(format!("title={}", github_escape_property(d.code)));
                let mut message = d.message.clone();
                if let Some(h) = &d.help {
                    message.push_str("\nhelp: ");
                    message.push_str(h);
                }
                let _ = writeln!(out, "::{kind} {}::{}", props.join(","), github_escape_data(&message));
            }
            out
        }
        Format::Text => {
            let mut out = String::new();
            for d in items {
                out.push_str(&render_text(d, root, narrated, color));
            }
            out
        }
    }
}

fn github_escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn github_escape_property(s: &str) -> String {
    github_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A diagnostic as miette wants it: the source text and a labelled span.
#[derive(Debug)]
struct Report {
    message: String,
    code: &'static str,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<miette::NamedSource<String>>,
    span: Option<miette::SourceSpan>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        // Every diagnostic ends with where to read more about it.
        let more = format!("more: charter explain {}", self.code);
        Some(Box::new(match &self.help {
            Some(h) => format!("{h}\n{more}"),
            None => more,
        }))
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(miette::LabeledSpan::new_with_span(Some("here".into()), span))))
    }
}

fn render_text(d: &Diagnostic, root: &Path, narrated: bool, color: bool) -> String {
    let mut source = None;
    let mut span = None;
    if let Some(file) = &d.file
        && d.line > 0
        && let Ok(bytes) = std::fs::read(root.join(file))
    {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(offset) = offset_of(&text, d.line, d.column.max(1)) {
            let len = text[offset..].find(['\n', '\r']).unwrap_or(text.len() - offset).min(1);
            span = Some(miette::SourceSpan::new(offset.into(), len));
            source = Some(miette::NamedSource::new(file, text));
        }
    }
    let location = match (&d.file, d.line, d.column) {
        (Some(f), 0, _) => format!("{f}: "),
        (Some(f), l, 0) => format!("{f}:{l}: "),
        (Some(f), l, c) => format!("{f}:{l}:{c}: "),
        _ => String::new(),
    };
    let report = Report {
        // The location is in the message too, so that it survives narrated
        // mode and terminals too narrow for the snippet.
        message: format!("{location}{}", d.message),
        code: d.code,
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        },
        help: d.help.clone(),
        source,
        span,
    };
    let mut out = String::new();
    if narrated {
        let _ = miette::NarratableReportHandler::new().render_report(&mut out, &report);
    } else {
        let theme = if color { miette::GraphicalTheme::unicode() } else { miette::GraphicalTheme::unicode_nocolor() };
        let _ = miette::GraphicalReportHandler::new_themed(theme).with_links(false).render_report(&mut out, &report);
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Byte offset of a 1-based line and column (in characters) in `text`.
pub fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let col_bytes = l.char_indices().nth(column.saturating_sub(1)).map(|(b, _)| b).unwrap_or(0);
            return Some(offset + col_bytes);
        }
        offset += l.len();
    }
    None
}

/// The 1-based line and column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Closest candidate by edit distance, for "did you mean" hints.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(word, c);
        if d <= (c.len().max(word.len()) / 3).max(2) && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    // Optimal string alignment: a transposition ("reveiw") is one edit.
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// Relative path with forward slashes, for diagnostics and output.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf());
    rel.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys() {
        assert_eq!(did_you_mean("reveiw_due", ["review_due", "title", "version"]), Some("review_due"));
        assert_eq!(did_you_mean("zzzzzz", ["review_due", "title"]), None);
    }

    #[test]
    fn line_and_column_round_trip() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 4), (2, 2));
        assert_eq!(offset_of(text, 2, 2), Some(4));
        assert_eq!(line_col(text, text.len()), (3, 2));
    }
}
