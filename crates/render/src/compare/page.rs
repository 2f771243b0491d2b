//! Two versions of a document compared page by page: each page's blocks
//! aligned (moves may cross pages), grouped into sections and summarised
//! (`html` writes them).

use std::sync::Arc;

use serde::Serialize;

use super::align::{PagePair, Place, align};
use super::blocks::Block;
use super::sections::{Section, SectionChange, renumbering, section_level, sections, shown};

/// One page's blocks, shared by the comparisons that read it.
pub type Blocks = Arc<Vec<Block>>;

/// A page to compare: how it is named, and its old and new blocks.
pub type PageInput = (String, Blocks, Blocks);

/// One page (the document or an appendix) in both versions.
#[derive(Debug)]
pub struct PageComparison {
    /// How the page is named where a move points at it ("Appendix 3: Budget").
    pub name: String,
    /// The old version's blocks.
    pub old: Blocks,
    /// The new version's blocks.
    pub new: Blocks,
    /// The steps through both.
    pub entries: Vec<super::align::Entry>,
    /// Per entry, the old number when its renumbering needs saying.
    pub renumbered: Vec<Option<String>>,
    /// Its sections.
    pub sections: Vec<Section>,
}

/// Every page of two versions, compared.
#[derive(Debug)]
pub struct Comparison {
    /// The pages, in the order they are shown.
    pub pages: Vec<PageComparison>,
}

/// A section that changed, for the list at the top of the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SectionSummary {
    /// How it changed.
    pub change: SectionChange,
    /// "12. Voice of children", or "Opening text".
    pub title: String,
    /// Its id in the comparison.
    pub anchor: String,
    /// Its old number, when it was renumbered.
    pub renumbered: Option<String>,
}

/// The id of section `k` of page `page` in the comparison.
pub fn section_anchor(page: usize, k: usize) -> String {
    format!("cmp-{page}-s{k}")
}

impl Comparison {
    /// Compares pages given as (name, old blocks, new blocks).
    pub fn new(pages: Vec<PageInput>) -> Comparison {
        let pairs: Vec<PagePair<'_>> =
            pages.iter().map(|(_, old, new)| PagePair { old, new }).collect();
        let aligned = align(&pairs);
        let pages = pages
            .into_iter()
            .zip(aligned)
            .map(|((name, old, new), entries)| {
                let renumbered = renumbering(&entries, &old, &new);
                let sections = sections(&entries, &old, &new, &renumbered);
                PageComparison { name, old, new, entries, renumbered, sections }
            })
            .collect();
        Comparison { pages }
    }

    /// Whether anything on page `page` changed.
    pub fn changed(&self, page: usize) -> bool {
        self.pages[page].sections.iter().any(|s| s.change != SectionChange::Unchanged)
    }

    /// The sections of page `page` that changed, in order.
    pub fn summary(&self, page: usize) -> Vec<SectionSummary> {
        let p = &self.pages[page];
        p.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.change != SectionChange::Unchanged)
            .map(|(k, s)| SectionSummary {
                change: s.change,
                title: match s.heading {
                    Some(h) => shown(&p.entries[h], &p.old, &p.new).title(),
                    None => "Opening text".into(),
                },
                anchor: section_anchor(page, k),
                renumbered: s.heading.and_then(|h| p.renumbered[h].clone()),
            })
            .collect()
    }

    /// Where a block is, for a link to it: "section 8. Youth custody", with
    /// the page's name when it is not `from_page`.
    pub(super) fn describe(&self, place: Place, old_side: bool, from_page: usize) -> String {
        let p = &self.pages[place.page];
        let blocks = if old_side { &p.old } else { &p.new };
        let level = section_level(&p.old, &p.new);
        let heading = blocks
            .get(..=place.index)
            .unwrap_or_default()
            .iter()
            .rev()
            .find(|b| b.heading_level() == Some(level));
        let mut s = match heading {
            Some(h) if h.number.is_some() => format!("section {}", h.title()),
            Some(h) => format!("“{}”", h.title()),
            None => "the opening text".into(),
        };
        if place.page != from_page {
            s.push_str(&format!(" of {}", p.name));
        }
        s
    }
}
