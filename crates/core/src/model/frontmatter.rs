//! Frontmatter after validation: typed, with defaults applied. The loader
//! parses it; every later stage reads it.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::extra::ExtraData;
use super::kinds::{Kind, Status};
use super::people::{Contact, Partner};
use super::version::VersionNumber;

/// Per-page glossary choices.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageGlossary {
    /// Term → the id of the sense this page means.
    #[serde(default)]
    pub senses: BTreeMap<String, String>,
    /// Terms never linked on this page.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// The ages a service is for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ages {
    /// Youngest age served.
    pub min: u32,
    /// Oldest age served.
    pub max: u32,
}

/// Who approved a version, and when.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Approval {
    /// The body or person that approved it.
    pub by: String,
    /// When.
    pub date: Option<Date>,
}

/// A level of need in a threshold document.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Level {
    /// "1", "2" or a short name.
    pub id: String,
    /// "Universal", "Early help"…
    pub name: String,
    /// Markdown.
    pub summary: Option<String>,
    /// Markdown, one per indicator.
    pub indicators: Vec<String>,
    /// Markdown: what happens at this level.
    pub response: Option<String>,
}

/// The file line of each top-level frontmatter key, so that a diagnostic
/// about a key can point at it without reading the file again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct KeyLines {
    lines: BTreeMap<String, usize>,
    /// The line of the first key (2 in a file that starts with `---`).
    first: usize,
}

impl KeyLines {
    /// From keys and their 1-based file lines.
    pub fn new(lines: impl IntoIterator<Item = (String, usize)>, first: usize) -> KeyLines {
        KeyLines { lines: lines.into_iter().collect(), first }
    }

    /// The line of `key`, or the first frontmatter line when it is absent.
    pub fn line_of(&self, key: &str) -> usize {
        self.get(key).unwrap_or(self.first.max(1))
    }

    /// The line of `key`, if the frontmatter has it.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.lines.get(key).copied()
    }
}

/// Where a string value of the frontmatter is written in its file, so that
/// a finding inside the text (an unresolved reference in `changes:`) can
/// point at the file's line and column.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TextOrigin {
    /// For each written line of the value: its byte offset in the value,
    /// and the file line and column (in characters) where it starts.
    segments: Vec<(usize, usize, usize)>,
}

impl TextOrigin {
    /// From the start of each written line, in order.
    pub fn new(segments: Vec<(usize, usize, usize)>) -> TextOrigin {
        TextOrigin { segments }
    }

    /// The file line the value starts on.
    pub fn first_line(&self) -> Option<usize> {
        self.segments.first().map(|s| s.1)
    }

    /// The file line and column of byte `offset` in `value`, the text this
    /// origin was made for.
    pub fn locate(&self, value: &str, offset: usize) -> Option<(usize, usize)> {
        let i = self.segments.partition_point(|s| s.0 <= offset).checked_sub(1)?;
        let (start, line, column) = self.segments[i];
        let offset = offset.min(value.len());
        let between = value.get(start..offset)?;
        Some((line, column + between.chars().count()))
    }
}

/// Frontmatter after validation: typed, with defaults applied.
#[derive(Clone, Debug, Default, PartialEq, Hash)]
pub struct Frontmatter {
    /// The page's title.
    pub title: String,
    /// The kind it says it is, if any.
    pub kind: Option<Kind>,
    /// One or two sentences for listings and search.
    pub summary: Option<String>,
    /// Where it stands.
    pub status: Status,
    /// Its version, in a version folder.
    pub version: Option<VersionNumber>,
    /// When this version was published.
    pub published: Option<Date>,
    /// When the page was last changed.
    pub updated: Option<Date>,
    /// When this version comes into force.
    pub effective: Option<Date>,
    /// When it must next be reviewed.
    pub review_due: Option<Date>,
    /// Who approved it.
    pub approved: Vec<Approval>,
    /// Markdown: what this version changed.
    pub changes: Option<String>,
    /// An appendix's label.
    pub label: Option<String>,
    /// Old URLs that redirect here.
    pub aliases: Vec<String>,
    /// The last URL segment instead of the file name.
    pub slug: Option<String>,
    /// Add a generated appendix of the glossary terms used.
    pub glossary_appendix: bool,
    /// Senses and exclusions for this page.
    pub glossary: PageGlossary,
    /// Show a contents list.
    pub toc: Option<bool>,
    /// Order in listings.
    pub weight: Option<i64>,
    /// Free data for templates.
    pub extra: ExtraData,
    /// Arrangements: the statutory partners.
    pub partners: Option<Vec<Partner>>,
    /// Arrangements: the areas covered.
    pub footprint: Vec<String>,
    /// Working Together requirement id → anchor, with the line it is on.
    pub requirements: Vec<(String, String, usize)>,
    /// Threshold: the levels of need.
    pub levels: Vec<Level>,
    /// Annual report: the reporting period.
    pub period: Option<(Date, Date)>,
    /// Annual report: independent scrutiny.
    pub scrutiny: Option<Approval>,
    /// Local offer: who it is for.
    pub offer_for: Option<String>,
    /// Local offer: the law it is published under.
    pub statutory_basis: Option<String>,
    /// Service: the ages served.
    pub ages: Option<Ages>,
    /// Service: directory categories.
    pub categories: Vec<String>,
    /// Service: how to reach it.
    pub contact: Option<Contact>,
    /// Service: who can use it (Markdown).
    pub eligibility: Option<String>,
    /// Service: what it costs (Markdown).
    pub cost: Option<String>,
    /// Service: how to ask for it (Markdown).
    pub how_to_access: Option<String>,
    /// The file line of each key.
    pub lines: KeyLines,
    /// Where the Markdown values shown on the page are written: `changes`,
    /// `summary`, `eligibility`, `levels.0.summary`, `levels.1.indicators.2`…
    pub origins: BTreeMap<String, TextOrigin>,
}
