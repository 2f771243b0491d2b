//! Markdown to HTML as a chain of passes over pulldown-cmark's events.
//!
//! Each pass has one job and the same shape (events in, events out):
//! `numbering` (from `charter-resolve`) gives headings and numbered
//! paragraphs their ids, `text` links cross-references and glossary
//! terms, `links` resolves and checks links and images, `footnotes`
//! moves notes to the end with links both ways, and `blocks` writes
//! tables, alerts and highlighted code. Each can be run and tested alone.

mod blocks;
mod code;
mod data_blocks;
mod footnotes;
mod links;
mod options;
mod page;
mod tables;
#[cfg(test)]
pub(crate) mod test_site;
mod text;

pub use code::highlight_css;
pub(crate) use data_blocks::data_figures;
pub use options::{LevelHtml, RenderOptions, Rendered, ShortcodeRenderer, Snippets};
pub(crate) use page::render_changes;
pub use page::{PrintSide, render, render_inline, render_plain, render_with_print};
pub(crate) use text::PageState;

/// Compiles now the regular expressions tables are read with, as
/// `charter_resolve::compile_patterns` does for references.
pub fn compile_patterns() {
    tables::compile_patterns();
}
