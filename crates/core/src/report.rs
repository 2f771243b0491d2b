//! Diagnostics printed for a terminal (miette, graphical or narrated for
//! screen readers), for machines (JSON) and for GitHub Actions.

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
    let text = String::from_utf8_lossy(&bytes).into_owned();
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
