//! Where resolve gets what it learns from one page's text alone (its
//! anchors, the Acts it names): computed afresh, or from `serve`'s cache.

use std::collections::BTreeSet;

use charter_core::model::SourcePage;
use charter_core::{Diagnostic, Sink};

use crate::anchors::{self, Anchors};
use crate::legislation::Legislation;

/// Where a page's anchors come from: computed afresh, or (in `serve`)
/// from a cache of earlier builds.
pub trait AnchorSource: Sync {
    /// The anchors of `page` and the diagnostics finding them raised
    /// (reported only when `primary`: other routes would repeat them).
    fn anchors(&self, page: &SourcePage, primary: bool) -> (Anchors, Vec<Diagnostic>);

    /// The rows of `legislation` that `page`'s own text names: `name()`,
    /// unless the source kept them from a build with the same page and table.
    fn named_rows(
        &self,
        _page: &SourcePage,
        _legislation: &Legislation,
        name: &dyn Fn() -> BTreeSet<usize>,
    ) -> BTreeSet<usize> {
        name()
    }
}

/// Anchors computed from each page's Markdown.
pub struct FreshAnchors;

impl AnchorSource for FreshAnchors {
    fn anchors(&self, page: &SourcePage, primary: bool) -> (Anchors, Vec<Diagnostic>) {
        let local = Sink::default();
        let anchors = anchors::page_anchors(page, primary.then_some(&local));
        (anchors, local.take())
    }
}
