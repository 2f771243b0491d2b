//! What the scanner finds: references with the target they point at,
//! mentions of Acts and guidance, and Acts the table does not know.

use std::collections::BTreeSet;

use crate::legislation::{Legislation, Unit};

/// What a reference's keyword names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefKind {
    /// "paragraph 2.6".
    Paragraph,
    /// "section 13".
    Section,
    /// "Appendix A".
    Appendix,
    /// "Annex B".
    Annex,
    /// "Level 2" of a threshold.
    Level,
    /// "Part 3" (of an Act).
    Part,
    /// "Schedule 2" (to an Act).
    Schedule,
    /// "regulation 4".
    Regulation,
    /// "article 6".
    Article,
}

impl RefKind {
    /// The legislation unit a keyword of this kind names.
    pub fn unit(self) -> Option<Unit> {
        Some(match self {
            RefKind::Section => Unit::Section,
            RefKind::Part => Unit::Part,
            RefKind::Schedule => Unit::Schedule,
            RefKind::Regulation => Unit::Regulation,
            RefKind::Article => Unit::Article,
            RefKind::Paragraph => Unit::SchedulePara,
            _ => return None,
        })
    }
}

/// One number within a reference, with its byte range in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefItem {
    /// Byte offset where the number starts.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// The number or label as written.
    pub number: String,
}

/// Where a reference points, decided from the words around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// This document: link the number, or warn that it is missing.
    /// `main_document`: "of the main document" from an appendix.
    Internal {
        /// The document's own page is meant, not this appendix.
        main_document: bool,
    },
    /// Probably this document, though a name is near: link the number if
    /// it exists, and say nothing if it does not.
    InternalIfFound,
    /// Another publication: neither linked nor warned about.
    Elsewhere,
    /// A provision of a row of the legislation table.
    Law {
        /// The row.
        row: usize,
        /// "paragraph 4 of Schedule 2": the schedule.
        schedule: Option<String>,
    },
    /// A provision of no named Act ("s.47 enquiries", "under section 30"):
    /// linked only to the site's `legislation.default_act`.
    BareLaw,
    /// A provision of an Act the table does not know.
    UnknownAct {
        /// Where the Act's name starts.
        start: usize,
        /// Where it ends.
        end: usize,
    },
}

/// What the words around a "Level N" say it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LevelCue {
    /// The level's own name or the threshold is named beside it.
    Named,
    /// It is a level of something else: why.
    Other(&'static str),
    /// Nothing says which.
    Unclear,
}

/// A reference phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// What the keyword names.
    pub kind: RefKind,
    /// Byte range of the phrase a single reference links: the keyword and
    /// its number, or the whole citation of a provision.
    pub start: usize,
    /// Where the phrase ends.
    pub end: usize,
    /// Each number in it.
    pub items: Vec<RefItem>,
    /// "Section 19 of Appendix A": the appendix that scopes the numbers,
    /// with the byte range of "Appendix A" so it can be linked too.
    pub scope: Option<(RefKind, RefItem, usize)>,
    /// Where it points.
    pub target: Target,
    /// For a level: what the words around it say.
    pub level: Option<LevelCue>,
}

/// An Act or guidance named on its own ("Keeping Children Safe in Education").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset where the name starts.
    pub start: usize,
    /// Where it ends (an edition's year included).
    pub end: usize,
    /// The legislation table's row.
    pub row: usize,
    /// The edition named ("Working Together 2018").
    pub edition: Option<String>,
}

/// Everything one scan finds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// References, in order.
    pub references: Vec<Reference>,
    /// Acts and guidance named outside a reference.
    pub mentions: Vec<Mention>,
    /// Byte ranges of Acts and regulations the table does not know.
    pub unknown_acts: Vec<(usize, usize)>,
}

/// The threshold a "Level N" may mean: its title and its levels' names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThresholdNames {
    /// The threshold document's title.
    pub title: String,
    /// Each level's id and name.
    pub levels: Vec<(String, String)>,
}

/// What the scanner is told about where the text is.
pub struct ScanContext<'a> {
    /// Phrases that are never internal references (`xrefs.ignore`).
    pub ignore: &'a [String],
    /// The legislation table.
    pub legislation: &'a Legislation,
    /// Rows the document names, which "the 1989 Act" may mean.
    pub named: &'a BTreeSet<usize>,
    /// The threshold whose levels a "Level N" may mean.
    pub threshold: Option<&'a ThresholdNames>,
}
