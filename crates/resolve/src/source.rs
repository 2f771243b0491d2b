//! Where resolve gets what it learns from one page's text alone (its
//! anchors, the Acts it names): computed afresh, or from `serve`'s cache.

use std::collections::BTreeSet;

use charter_core::model::SourcePage;
use charter_core::{Diagnostic, Sink};

use crate::anchors::{self, Anchors, PackedEvents};
use crate::legislation::Legislation;

/// Where a page's anchors come from: computed afresh, or (in `serve`)
/// from a cache of earlier builds.
pub trait AnchorSource: Sync {
    /// The anchors of `page` and the diagnostics finding them raised
    /// (the caller reports them only for a page with a primary route:
    /// other routes would repeat them).
    fn anchors(&self, page: &SourcePage) -> (Anchors, Vec<Diagnostic>);

    /// The same, and the page's parse packed when the anchors were found
    /// by parsing it now, so that the render need not parse it again. A
    /// source that keeps its answers (`serve`'s) gives none: its `Site`
    /// outlives the build, and most of its pages are not parsed at all.
    fn anchors_and_events(
        &self,
        page: &SourcePage,
    ) -> (Anchors, Vec<Diagnostic>, Option<PackedEvents>) {
        let (anchors, diagnostics) = self.anchors(page);
        (anchors, diagnostics, None)
    }

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
    fn anchors(&self, page: &SourcePage) -> (Anchors, Vec<Diagnostic>) {
        let local = Sink::default();
        let anchors = anchors::page_anchors(page, Some(&local));
        (anchors, local.take())
    }

    fn anchors_and_events(
        &self,
        page: &SourcePage,
    ) -> (Anchors, Vec<Diagnostic>, Option<PackedEvents>) {
        let local = Sink::default();
        let (anchors, events) = anchors::page_anchors_and_events(page, &local);
        (anchors, local.take(), events)
    }
}
