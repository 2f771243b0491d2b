//! The blocks a page is compared in: headings, paragraphs, list items,
//! tables, code, notes and redacted HTML, each with its hand number kept
//! apart from its text so that renumbering is not mistaken for rewriting.

use std::sync::OnceLock;

use super::tokens::{Token, plain, word_set};
use charter_core::hash::hash_of;

/// A hand number and how it was written: "12" written "12. ".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    /// "12", "2.16.9.5".
    pub value: String,
    /// The text it was taken from, separator and space included.
    pub written: String,
}

/// What a block is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A heading of `level` (2 for `##`), with its id in the version.
    Heading {
        /// 1 to 6.
        level: u8,
        /// Its id on the version's page, for links to it.
        id: String,
    },
    /// A paragraph.
    Paragraph,
    /// A list item at `depth` (0 for a top-level list).
    Item {
        /// How deeply its list is nested.
        depth: usize,
        /// Its number in an ordered list.
        value: Option<u64>,
    },
    /// A footnote, numbered in order of first reference.
    Note {
        /// Its number.
        number: usize,
    },
    /// A table, or a data table or chart from `data/`.
    Table,
    /// A fenced or indented code block.
    Code,
    /// Raw HTML, never shown.
    Html,
}

/// A table's text, cell by cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Its caption ("Table 2: Partner contributions").
    pub caption: Vec<Token>,
    /// The header row.
    pub head: Vec<Vec<Token>>,
    /// The body rows.
    pub rows: Vec<Vec<Vec<Token>>>,
    /// A chart's title, when the figures are a chart's.
    pub chart: Option<String>,
}

/// What a block holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// Running text.
    Text(Vec<Token>),
    /// A table.
    Table(Table),
    /// Lines of code.
    Lines(Vec<String>),
    /// Something never shown (raw HTML); the text is only compared.
    Redacted(String),
}

/// One block of a page, ready to be compared.
#[derive(Clone, Debug)]
pub struct Block {
    /// What it is.
    pub kind: Kind,
    /// Its hand number, taken off the front of its text.
    pub number: Option<Number>,
    /// Its text.
    pub content: Content,
    /// Inside a block quote or alert.
    pub quoted: bool,
    /// Equal for blocks that read the same (numbers aside).
    pub key: u64,
    /// Its words, for measuring how alike two blocks are: read when first
    /// asked for ([`Block::words`]). Only blocks in a changed stretch are
    /// measured, and most of a changed page's blocks read the same in both
    /// versions: reading every block's words was a quarter of the
    /// comparisons' work (callgrind, 10,000 pages).
    words: OnceLock<Vec<u64>>,
}

/// Blocks are equal when they are the same block; their words follow from
/// their content, read or not.
impl PartialEq for Block {
    fn eq(&self, other: &Block) -> bool {
        let Block { kind, number, content, quoted, key, words: _ } = self;
        (kind, number, content, quoted, key)
            == (&other.kind, &other.number, &other.content, &other.quoted, &other.key)
    }
}

impl Eq for Block {}

impl Block {
    /// A block with its key worked out.
    pub fn new(kind: Kind, number: Option<Number>, content: Content, quoted: bool) -> Block {
        let class = match &kind {
            Kind::Heading { level, .. } => u64::from(*level),
            Kind::Paragraph => 10,
            Kind::Item { .. } => 11,
            Kind::Note { .. } => 12,
            Kind::Table => 13,
            Kind::Code => 14,
            Kind::Html => 15,
        };
        let key = match &content {
            Content::Text(tokens) => hash_of((class, quoted, tokens)),
            Content::Table(t) => hash_of((class, &t.caption, &t.head, &t.rows, &t.chart)),
            Content::Lines(lines) => hash_of((class, lines)),
            Content::Redacted(html) => hash_of((class, html)),
        };
        Block { kind, number, words: OnceLock::new(), content, quoted, key }
    }

    /// Its distinct words, lower-cased and hashed, sorted (`word_set`).
    pub fn words(&self) -> &[u64] {
        self.words.get_or_init(|| word_set(&self.content.text()))
    }

    /// The heading level, for a heading.
    pub fn heading_level(&self) -> Option<u8> {
        match self.kind {
            Kind::Heading { level, .. } => Some(level),
            _ => None,
        }
    }

    /// The number's value, if it has one.
    pub fn number_value(&self) -> Option<&str> {
        self.number.as_ref().map(|n| n.value.as_str())
    }

    /// How it reads in a list of sections: "12. Voice of children".
    pub fn title(&self) -> String {
        let number = self.number.as_ref().map(|n| n.written.as_str()).unwrap_or("");
        format!("{number}{}", self.content.text()).trim().to_string()
    }
}

impl Content {
    /// The plain text, for similarity and titles.
    pub fn text(&self) -> String {
        match self {
            Content::Text(tokens) => plain(tokens),
            Content::Table(t) => {
                let mut s = plain(&t.caption);
                for cell in t.head.iter().chain(t.rows.iter().flatten()) {
                    s.push(' ');
                    s.push_str(&plain(cell));
                }
                s
            }
            Content::Lines(lines) => lines.join(" "),
            Content::Redacted(html) => html.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tokens::{Style, push_text};

    fn paragraph(text: &str) -> Block {
        let mut tokens = Vec::new();
        push_text(&mut tokens, text, Style::PLAIN);
        Block::new(Kind::Paragraph, None, Content::Text(tokens), false)
    }

    /// A block's words are its text's word set, read when asked for; a
    /// block whose words were read equals one whose were not.
    #[test]
    fn words_are_read_when_asked_and_leave_equality_alone() {
        let text = "The partners meet MONTHLY, and the partners agree.";
        let (asked, fresh) = (paragraph(text), paragraph(text));
        assert_eq!(asked.words(), word_set(text).as_slice());
        assert_eq!(asked.words().len(), 6, "{:?}", asked.words());
        assert_eq!(asked, fresh);
        assert_ne!(asked, paragraph("The partners meet quarterly."));
    }
}
