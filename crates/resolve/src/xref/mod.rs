//! Finding references in running text — "paragraph 2.6", "sections 2.10
//! to 2.19", "Section 19 of Appendix A", "Level 2", "section 17 of the
//! Children Act 1989" — and deciding from the words around each whether it
//! points into this document, at the law, or at another publication.
//! Pure text in, matches out: which page or address a number names is
//! decided by the caller (`Linker`).

mod context;
mod endings;
mod grammar;
mod levels;
mod scan;
#[cfg(test)]
mod tests;
mod types;

pub use scan::{may_name_by_year, scan};
pub use types::{
    LevelCue, Mention, RefItem, RefKind, Reference, Scan, ScanContext, Target, ThresholdNames,
};

/// Compiles the patterns references are read with (see
/// [`crate::compile_patterns`]).
pub(crate) fn compile_patterns() {
    context::compile_patterns();
    grammar::compile_patterns();
    levels::compile_patterns();
    scan::compile_patterns();
}
