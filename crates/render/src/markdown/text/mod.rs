//! Cross-references, statutes and guidance, threshold levels, glossary
//! terms and RAG ratings in running text; unknown acronyms reported.
//! Never inside headings, links, images or code.

mod context;
mod internal;
mod pass;
mod pieces;
mod references;
mod runs;
mod terms;
#[cfg(test)]
mod tests;

pub(crate) use context::{PageState, TextContext};
pub(crate) use pass::link_text;
pub(crate) use pieces::XREF_MARK;
