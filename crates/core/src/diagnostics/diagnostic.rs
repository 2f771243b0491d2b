//! One finding about the site, with where it is and how to fix it.

use serde::Serialize;
use serde::ser::SerializeStruct;

use super::code::Code;

/// How bad a diagnostic is. Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Advice, shown with `--notes`.
    Note,
    /// A problem the site builds past (an error under `--strict`).
    Warning,
    /// The site is not built.
    Error,
}

/// What a diagnostic is about, as data, for the stages that act on it
/// (grouping, hints) without reading its message.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Fact {
    /// A frontmatter or config key.
    Key(String),
    /// An acronym found in the text.
    Acronym(String),
    /// A link or reference to this file, which failed to load.
    Unchecked {
        /// The file that failed to load.
        file: String,
        /// A cross-reference ("Appendix 3") rather than a link.
        reference: bool,
    },
}

/// One finding about the site, with where it is and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// Its stable code.
    pub code: Code,
    /// Path relative to the site root, with `/` separators.
    pub file: Option<String>,
    /// 1-based; 0 when the finding is about the whole file.
    pub line: usize,
    /// 1-based, in characters; 0 when unknown.
    pub column: usize,
    /// How many characters from `column` the finding covers (0: one).
    pub length: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// What it is about, for other stages (boxed: most diagnostics have
    /// none, and every one is moved around).
    pub fact: Option<Box<Fact>>,
}

impl Diagnostic {
    /// A diagnostic with no place yet.
    pub fn new(severity: Severity, code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            file: None,
            line: 0,
            column: 0,
            length: 0,
            message: message.into(),
            help: None,
            fact: None,
        }
    }

    /// An error.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A warning.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    /// A note.
    pub fn note(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, code, message)
    }

    /// Placed at a line and column of a file.
    pub fn at(mut self, file: impl Into<String>, line: usize, column: usize) -> Self {
        self.file = Some(file.into());
        self.line = line;
        self.column = column;
        self
    }

    /// About a whole file.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Covering `length` characters from its column.
    pub fn spanning(mut self, length: usize) -> Self {
        self.length = length;
        self
    }

    /// With how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// With what it is about.
    pub fn with_fact(mut self, fact: Fact) -> Self {
        self.fact = Some(Box::new(fact));
        self
    }

    /// The last column the finding covers (0 when the column is unknown).
    pub fn end_column(&self) -> usize {
        if self.column == 0 { 0 } else { self.column + self.length.max(1) - 1 }
    }

    /// Where it comes in a report: errors that stopped a page loading
    /// first (what follows may be their consequence), then other errors,
    /// warnings and notes; within each, by file, line and column.
    pub fn order(&self) -> impl Ord + '_ {
        let rank = match self.severity {
            Severity::Error if self.code.stops_loading() => 0u8,
            Severity::Error => 1,
            Severity::Warning => 2,
            Severity::Note => 3,
        };
        (rank, &self.file, self.line, self.column, self.code.as_str(), &self.message)
    }
}

/// Sorts diagnostics into report order (see [`Diagnostic::order`]).
pub fn sort_for_report(items: &mut [Diagnostic]) {
    items.sort_by(|a, b| a.order().cmp(&b.order()));
}

/// The JSON shape the spec gives: severity, code, file, line, column,
/// message, help; with `end_column`, the last column of the phrase.
impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Diagnostic", 8)?;
        s.serialize_field("severity", &self.severity)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("file", &self.file)?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("column", &self.column)?;
        s.serialize_field("end_column", &self.end_column())?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("help", &self.help)?;
        s.end()
    }
}

/// The config's `diagnostics: { deny, allow }` applied to a list.
pub fn apply_policy(items: Vec<Diagnostic>, deny: &[Code], allow: &[Code]) -> Vec<Diagnostic> {
    items
        .into_iter()
        .filter(|d| d.code.is_always_error() || !allow.contains(&d.code))
        .map(|mut d| {
            if deny.contains(&d.code) {
                d.severity = Severity::Error;
            }
            d
        })
        .collect()
}
