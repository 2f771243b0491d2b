//! Diagnostics printed for a terminal (miette, graphical or narrated for
//! screen readers), for machines (JSON), for GitHub Actions and for
//! GitLab's Code Quality report.

use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, Severity, offset_of};

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// For people, in a terminal.
    Text,
    /// One JSON array.
    Json,
    /// GitHub Actions workflow commands.
    Github,
    /// GitLab Code Quality: a JSON array of Code Climate issues.
    Gitlab,
}

/// How text output looks.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextStyle {
    /// Plain sentences, for screen readers.
    pub narrated: bool,
    /// Colours in the terminal.
    pub color: bool,
}

/// Renders diagnostics in `format`. Text output quotes the offending line,
/// read from the file under `root`.
pub fn render(items: &[Diagnostic], format: Format, root: &Path, style: TextStyle) -> String {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(items).unwrap_or_else(|_| "[]".into());
            s.push('\n');
            s
        }
        Format::Github => items.iter().map(github_line).collect(),
        Format::Gitlab => gitlab(items),
        Format::Text => items.iter().map(|d| render_text(d, root, style)).collect(),
    }
}

fn github_line(d: &Diagnostic) -> String {
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
            if d.length > 1 {
                props.push(format!("endColumn={}", d.end_column()));
            }
        }
    }
    props.push(format!("title={}", github_escape_property(d.code.as_str())));
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    let mut out = String::new();
    let _ = writeln!(out, "::{kind} {}::{}", props.join(","), github_escape_data(&message));
    out
}

/// GitLab's Code Quality report: Code Climate issues. A fingerprint is
/// stable across builds (it leaves out the line, so an edit above a
/// finding does not make it look new) and unique within the report (the
/// same finding twice in a file is told apart by its place in order).
fn gitlab(items: &[Diagnostic]) -> String {
    let mut seen: std::collections::HashMap<u128, usize> = std::collections::HashMap::new();
    let issues: Vec<serde_json::Value> = items
        .iter()
        .map(|d| {
            let path = d.file.clone().unwrap_or_else(|| "charter.yaml".into());
            let base = fingerprint(&[d.code.as_str(), &path, &d.message]);
            let occurrence = seen.entry(base).or_default();
            *occurrence += 1;
            let unique = fingerprint(&[&format!("{base:032x}"), &occurrence.to_string()]);
            let mut description = d.message.clone();
            if let Some(h) = &d.help {
                description.push_str(" (");
                description.push_str(h);
                description.push(')');
            }
            serde_json::json!({
                "type": "issue",
                "description": description,
                "check_name": d.code.as_str(),
                "fingerprint": format!("{unique:032x}"),
                "severity": match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Note => "info",
                },
                "location": { "path": path, "lines": { "begin": d.line.max(1) } },
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// FNV-1a, 128 bits: the same on every machine and every Rust release,
/// which the standard library's hasher does not promise.
fn fingerprint(parts: &[&str]) -> u128 {
    let mut hash: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u128::from(byte);
            hash = hash.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
        }
    }
    hash
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
    code: Code,
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
        let label = miette::LabeledSpan::new_with_span(Some("here".into()), span);
        Some(Box::new(std::iter::once(label)))
    }
}

/// The file's text and the span a diagnostic covers in it.
fn source_span(
    d: &Diagnostic,
    root: &Path,
) -> Option<(miette::NamedSource<String>, miette::SourceSpan)> {
    let file = d.file.as_ref()?;
    if d.line == 0 {
        return None;
    }
    let bytes = std::fs::read(root.join(file)).ok()?;
    // A tab would show as blank space: show it as an arrow, one character
    // as the tab is, so columns still count the same.
    let text = String::from_utf8_lossy(&bytes).replace('\t', "→");
    let offset = offset_of(&text, d.line, d.column.max(1))?;
    let line_rest = &text[offset..];
    let line_end = line_rest.find(['\n', '\r']).unwrap_or(line_rest.len());
    // The span covers the phrase, in characters, but never past its line.
    let chars = d.length.max(1);
    let len = line_rest[..line_end].char_indices().nth(chars).map(|(b, _)| b).unwrap_or(line_end);
    let len = if line_end == 0 { 0 } else { len.max(1).min(line_end) };
    Some((miette::NamedSource::new(file, text), miette::SourceSpan::new(offset.into(), len)))
}

fn render_text(d: &Diagnostic, root: &Path, style: TextStyle) -> String {
    let (source, span) = match source_span(d, root) {
        Some((s, span)) => (Some(s), Some(span)),
        None => (None, None),
    };
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
    if style.narrated {
        let _ = miette::NarratableReportHandler::new().render_report(&mut out, &report);
    } else {
        let theme = if style.color {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        let handler = miette::GraphicalReportHandler::new_themed(theme).with_links(false);
        let _ = handler.render_report(&mut out, &report);
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(line: usize, message: &str) -> Diagnostic {
        Diagnostic::warning(Code::LinkPrivateHost, message).at("content/a.md", line, 1).help("fix")
    }

    #[test]
    fn gitlab_issues_have_every_field_and_unique_stable_fingerprints() {
        let items = [finding(3, "x"), finding(9, "x"), finding(4, "y")];
        let report = render(&items, Format::Gitlab, Path::new("."), TextStyle::default());
        let issues: Vec<serde_json::Value> = serde_json::from_str(&report).unwrap();
        assert_eq!(issues.len(), 3);
        assert_eq!(issues[0]["check_name"], "link::private-host");
        assert_eq!(issues[0]["description"], "x (fix)");
        assert_eq!(issues[0]["severity"], "minor");
        assert_eq!(issues[0]["location"]["path"], "content/a.md");
        assert_eq!(issues[0]["location"]["lines"]["begin"], 3);
        let prints: std::collections::BTreeSet<&str> =
            issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
        assert_eq!(prints.len(), 3, "unique");
        // A line added above every finding changes no fingerprint.
        let moved = [finding(4, "x"), finding(10, "x"), finding(5, "y")];
        let again = render(&moved, Format::Gitlab, Path::new("."), TextStyle::default());
        let again: Vec<serde_json::Value> = serde_json::from_str(&again).unwrap();
        for (a, b) in issues.iter().zip(&again) {
            assert_eq!(a["fingerprint"], b["fingerprint"]);
        }
        assert_eq!(issues[0]["fingerprint"].as_str().unwrap().len(), 32);
    }
}
