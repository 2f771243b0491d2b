//! What rendering the pages learnt that generated pages need.

use std::collections::{BTreeMap, BTreeSet};

use charter_core::model::PageId;

/// What rendering the pages learnt that generated pages need.
#[derive(Debug, Default)]
pub struct Facts {
    /// Glossary entry → pages that use it.
    pub term_uses: BTreeMap<usize, BTreeSet<PageId>>,
    /// Plain text of each page's canonical rendering, for search.
    pub text: BTreeMap<PageId, String>,
}
