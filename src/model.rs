//! The site as charter understands it: pages with typed frontmatter, arranged
//! into sections, documents with appendices, and versioned documents.

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

use crate::load::frontmatter::Frontmatter;

/// Index of a source page in [`Site::pages`](crate::resolve::Site).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PageId(pub usize);

/// Index of a document (one version of one document folder).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(pub usize);

/// Index of a versioned document (the folder holding `v*/` folders).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VersionedId(pub usize);

/// What a page is, from its frontmatter `kind` or its place in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Page,
    Arrangements,
    Threshold,
    AnnualReport,
    LocalOffer,
    Service,
    Appendix,
}

impl Kind {
    pub const ALL: [Kind; 7] = [Kind::Page, Kind::Arrangements, Kind::Threshold, Kind::AnnualReport, Kind::LocalOffer, Kind::Service, Kind::Appendix];

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == text)
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Page => "page",
            Kind::Arrangements => "arrangements",
            Kind::Threshold => "threshold",
            Kind::AnnualReport => "annual-report",
            Kind::LocalOffer => "local-offer",
            Kind::Service => "service",
            Kind::Appendix => "appendix",
        }
    }

    /// How the kind is named to readers.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Page => "Page",
            Kind::Arrangements => "Safeguarding arrangements",
            Kind::Threshold => "Threshold document",
            Kind::AnnualReport => "Annual report",
            Kind::LocalOffer => "Local offer",
            Kind::Service => "Service",
            Kind::Appendix => "Appendix",
        }
    }

    /// Kinds that are documents in their own right, with a contents list
    /// and review dates by default.
    pub fn is_document(self) -> bool {
        matches!(self, Kind::Arrangements | Kind::Threshold | Kind::AnnualReport | Kind::LocalOffer)
    }
}

/// Where a document stands in its approval life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Consultation,
    #[default]
    Published,
    Superseded,
    Withdrawn,
}

impl Status {
    pub fn parse(text: &str) -> Option<Status> {
        match text {
            "draft" => Some(Status::Draft),
            "consultation" => Some(Status::Consultation),
            "published" => Some(Status::Published),
            "superseded" => Some(Status::Superseded),
            "withdrawn" => Some(Status::Withdrawn),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Consultation => "consultation",
            Status::Published => "published",
            Status::Superseded => "superseded",
            Status::Withdrawn => "withdrawn",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::Consultation => "Out for consultation",
            Status::Published => "Published",
            Status::Superseded => "Superseded",
            Status::Withdrawn => "Withdrawn",
        }
    }
}

/// A dotted version number, ordered numerically: 1.10 comes after 1.9.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct VersionNumber {
    parts: Vec<u32>,
    text: String,
}

impl VersionNumber {
    pub fn parse(text: &str) -> Option<VersionNumber> {
        let t = text.trim();
        if t.is_empty() || t.len() > 32 {
            return None;
        }
        let parts: Option<Vec<u32>> = t.split('.').map(|p| if p.is_empty() { None } else { p.parse().ok() }).collect();
        Some(VersionNumber { parts: parts?, text: t.to_string() })
    }
    pub fn as_str(&self) -> &str {
        &self.text
    }
    /// Equal as numbers: "2" and "2.0" are the same version.
    pub fn same_as(&self, other: &VersionNumber) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Ord for VersionNumber {
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.parts.len().max(other.parts.len());
        for i in 0..n {
            let a = self.parts.get(i).copied().unwrap_or(0);
            let b = other.parts.get(i).copied().unwrap_or(0);
            match a.cmp(&b) {
                Ordering::Equal => continue,
                o => return o,
            }
        }
        self.text.cmp(&other.text)
    }
}
impl PartialOrd for VersionNumber {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl fmt::Display for VersionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// An appendix's label, scoped to its parent: "1", "A", "B.2".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppendixLabel {
    /// "Appendix" or "Annex", as the file name or label says.
    pub word: String,
    pub label: String,
}

impl AppendixLabel {
    /// From a file or folder stem such as `appendix-1`, `appendix-a`, `annex-b`.
    pub fn from_stem(stem: &str) -> Option<AppendixLabel> {
        let lower = stem.to_ascii_lowercase();
        let (word, rest) = if let Some(r) = lower.strip_prefix("appendix-").or_else(|| lower.strip_prefix("appendix_")) {
            ("Appendix", r)
        } else if let Some(r) = lower.strip_prefix("annex-").or_else(|| lower.strip_prefix("annex_")) {
            ("Annex", r)
        } else {
            return None;
        };
        if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
            return None;
        }
        Some(AppendixLabel { word: word.into(), label: normalise_label(rest) })
    }

    pub fn display(&self) -> String {
        format!("{} {}", self.word, self.label)
    }

    /// Order: numbers numerically, then letters.
    pub fn sort_key(&self) -> (u8, u64, String) {
        match self.label.parse::<u64>() {
            Ok(n) => (0, n, String::new()),
            Err(_) => (1, 0, self.label.clone()),
        }
    }
}

/// Labels compare case-insensitively for letters: "a" is "A".
pub fn normalise_label(text: &str) -> String {
    text.trim().to_ascii_uppercase()
}

/// One Markdown file under `content/`.
#[derive(Debug, Clone)]
pub struct SourcePage {
    pub id: PageId,
    /// Path relative to the site root, `/`-separated: `content/about/index.md`.
    pub file: String,
    /// Path relative to `content/`: `about/index.md`.
    pub content_path: String,
    pub frontmatter: Frontmatter,
    /// The Markdown after the frontmatter, with CRLF normalised to LF.
    pub body: String,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
    pub kind: Kind,
    pub role: Role,
}

/// A page's place in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `content/_index.md`.
    Home,
    /// `_index.md`: a section's own page, listing its children.
    Section,
    /// `index.md`: a document, whose folder's other files are its appendices.
    Document,
    /// A non-index file in a document folder (or a nested document folder).
    Appendix,
    /// A service file in a local offer's folder.
    Service,
    /// Any other Markdown file.
    Page,
}

impl SourcePage {
    pub fn title(&self) -> &str {
        &self.frontmatter.title
    }
}
