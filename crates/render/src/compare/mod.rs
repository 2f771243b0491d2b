//! Two versions of a document compared as readers see them.
//!
//! Each version's pages are read into blocks (`extract`: headings,
//! paragraphs and list items with their hand numbers kept apart, tables
//! cell by cell, code, notes) written in comparison mode, where links are
//! text, images their description, and links to private hosts and raw
//! HTML are left out with a note. The blocks are matched by what they say,
//! not by their numbers (`align`), grouped into sections (`sections`), and
//! written with their changes marked word by word (`words`, `table`,
//! `html`). `page` puts the steps together for a whole document; `notes`
//! renders a version's `changes:` text under the same rules.

mod align;
mod blocks;
mod extract;
mod html;
mod notes;
mod page;
mod sections;
mod table;
mod tokens;
mod words;

pub use align::{Change, Entry, PagePair, Place, align};
pub use blocks::{Block, Content, Kind, Number, Table};
pub use extract::{HTML_LEFT_OUT, LINK_LEFT_OUT, Sources, blocks};
pub use html::{compare_markdown, page_html};
pub(crate) use notes::redact_notes;
pub use page::{Blocks, Comparison, PageComparison, PageInput, SectionSummary, section_anchor};
pub use sections::{Section, SectionChange};
pub use tokens::{Style, Token, TokenKind};
pub use words::{Emitter, Mark, diff, whole};
