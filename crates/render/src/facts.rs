//! What rendering the pages learnt that generated pages need.

use std::collections::BTreeMap;
use std::sync::Arc;

use charter_core::model::{DocId, PageId};

pub use crate::compare::Blocks;

/// What rendering the pages learnt that generated pages need.
#[derive(Debug, Default)]
pub struct Facts {
    /// Glossary entry → the pages that use it, in order, each once.
    pub term_uses: BTreeMap<usize, Vec<PageId>>,
    /// Plain text of each page's canonical rendering, for search (shared
    /// with `serve`'s cache of rendered routes, not copied).
    pub text: BTreeMap<PageId, std::sync::Arc<PageText>>,
    /// Each page's part of its document's print page, rendered with the
    /// page (shared with `serve`'s cache of rendered routes), until the
    /// print page takes it ([`Facts::take_print_part`]).
    print: std::sync::Mutex<std::collections::HashMap<PageId, std::sync::Arc<str>>>,
    /// The search page's A to Z, made once for it and its letter pages.
    pub a_to_z: std::sync::OnceLock<AToZ>,
    /// Each glossary entry's "Used in", made once for the glossary and the
    /// term pages.
    pub used_in: std::sync::OnceLock<UsedIn>,
    /// Each of `used_in`'s places (title and address) in Tera's values,
    /// made once and shared by every term page's list.
    pub used_in_data: std::sync::OnceLock<Vec<tera::Value>>,
    /// The documents `/reviews/` lists, in its order, each with whether its
    /// review is overdue: made once for all of its parts.
    pub reviews: std::sync::OnceLock<Vec<(PageId, bool)>>,
    /// Each comparison of two versions (old, new), made once for the
    /// changes page and the compare page that both show it (a document's
    /// one earlier version against the current one is both).
    pub comparisons: Comparisons,
    /// The glossary entries each page uses (`term_uses` turned round),
    /// made once for every document's glossary appendix.
    pub terms_of_page: std::sync::OnceLock<std::collections::HashMap<PageId, Vec<usize>>>,
    /// Each page's blocks for comparing, read once for every comparison
    /// that reads it (a version of a document revised many times is in
    /// several: its own changes page, the next version's, and its compare
    /// page; the current version is in every compare page).
    pub compared_blocks: SharedBlocks,
}

/// Pages read into blocks for comparing, shared by the comparisons that
/// read them: each page planned for more than one ([`SharedBlocks::plan`])
/// is read by the first and freed after the last.
#[derive(Debug, Default)]
pub struct SharedBlocks {
    /// Per page planned for more than one comparison.
    pages: std::sync::Mutex<std::collections::HashMap<PageId, Planned>>,
}

/// A page planned to be read: how many comparisons are still to read it,
/// and its blocks once one has.
type Planned = (usize, Arc<std::sync::OnceLock<Blocks>>);

impl SharedBlocks {
    /// Counts the reads to come: every page the comparisons of a build
    /// read, once per comparison. Pages read once are not kept.
    pub fn plan(&self, reads: impl IntoIterator<Item = PageId>) {
        let mut counts: std::collections::HashMap<PageId, usize> = Default::default();
        for page in reads {
            *counts.entry(page).or_default() += 1;
        }
        let mut pages = self.pages.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        pages.clear();
        pages.extend(
            counts.into_iter().filter(|(_, n)| *n > 1).map(|(p, n)| (p, (n, Default::default()))),
        );
    }

    /// `page`'s blocks: read with `read` by the first comparison that asks
    /// (another asking meanwhile waits for them), kept for the others
    /// planned, and let go by the last.
    pub fn read(&self, page: PageId, read: impl FnOnce() -> Vec<crate::compare::Block>) -> Blocks {
        let shared = {
            let mut pages = self.pages.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            match pages.get_mut(&page) {
                Some((left, once)) => {
                    let once = once.clone();
                    *left -= 1;
                    if *left == 0 {
                        pages.remove(&page);
                    }
                    Some(once)
                }
                None => None,
            }
        };
        match shared {
            Some(once) => once.get_or_init(|| Arc::new(read())).clone(),
            None => Arc::new(read()),
        }
    }

    /// How many pages are kept or waiting to be read: none once every
    /// planned comparison has been made.
    #[cfg(test)]
    fn held(&self) -> usize {
        self.pages.lock().unwrap_or_else(std::sync::PoisonError::into_inner).len()
    }
}

/// Comparisons of two versions (old, new) by pair, each made once.
pub type Comparisons = std::sync::Mutex<
    std::collections::HashMap<
        (DocId, DocId),
        std::sync::Arc<std::sync::OnceLock<serde_json::Value>>,
    >,
>;

/// Where each glossary entry is used: the pages shown for it (a
/// document's index page for any of its pages), by title, and the title
/// and address of each page shown.
#[derive(Debug, Default)]
pub struct UsedIn {
    /// By entry: the places it is used in, as indexes into `labels`, in
    /// their order.
    pub by_entry: Vec<Vec<u32>>,
    /// Title and address of every place a term is used in, sorted.
    pub labels: Vec<(String, String)>,
}

/// Every current page but the home page, and every glossary term, by
/// letter: each letter's items sorted, as (title, href, kind).
pub type AToZ = BTreeMap<String, Vec<(String, String, &'static str)>>;

/// A page's text and where its sections start in it.
#[derive(Clone, Debug, Default)]
pub struct PageText {
    /// The text, white space collapsed.
    pub text: String,
    /// Byte offset in `text` and id of each `h2` and `h3`.
    pub headings: Vec<(usize, String)>,
}

impl Facts {
    /// Keeps `page`'s part of its document's print page for the print page.
    pub fn add_print_part(&mut self, page: PageId, part: std::sync::Arc<str>) {
        self.print.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner).insert(page, part);
    }

    /// Whether `page`'s part of its print page was rendered with the page.
    pub fn has_print_part(&self, page: PageId) -> bool {
        self.print.lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains_key(&page)
    }

    /// `page`'s part of its print page, handed over: each part goes into
    /// one print page, and a one-off build frees it there instead of at
    /// the end (the parts were 6.4 MB of the standard 1k build's 52 MB
    /// peak, heaptrack, held while the search index was made).
    pub fn take_print_part(&self, page: PageId) -> Option<std::sync::Arc<str>> {
        self.print.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&page)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::compare::blocks;

    fn page(n: usize) -> PageId {
        PageId(n)
    }

    #[test]
    fn a_page_planned_for_several_comparisons_is_read_once_and_let_go_after_the_last() {
        let shared = SharedBlocks::default();
        shared.plan([page(1), page(2), page(1), page(1), page(3)]);
        let reads = AtomicUsize::new(0);
        let read = |text: &str| {
            reads.fetch_add(1, Ordering::SeqCst);
            blocks(text, Default::default())
        };
        let first = shared.read(page(1), || read("1.1 One."));
        assert_eq!(shared.held(), 1, "kept for the two reads to come");
        let second = shared.read(page(1), || read("not read"));
        let third = shared.read(page(1), || read("not read"));
        assert_eq!(reads.load(Ordering::SeqCst), 1);
        assert!(Arc::ptr_eq(&first, &second) && Arc::ptr_eq(&second, &third));
        assert_eq!(shared.held(), 0, "let go by the last read");
        // Pages planned once are read as asked and never kept.
        let two = shared.read(page(2), || read("2.1 Two."));
        let three = shared.read(page(3), || read("3.1 Three."));
        assert_eq!(reads.load(Ordering::SeqCst), 3);
        assert!(!Arc::ptr_eq(&two, &three));
        assert_eq!(shared.held(), 0);
        // Unplanned (a build whose plan did not include it): read each time.
        shared.read(page(1), || read("1.1 One."));
        assert_eq!(reads.load(Ordering::SeqCst), 4);
    }

    #[test]
    fn comparisons_asking_at_once_wait_for_one_read() {
        let shared = SharedBlocks::default();
        shared.plan(std::iter::repeat_n(page(7), 8));
        let reads = AtomicUsize::new(0);
        let got: Vec<Blocks> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    scope.spawn(|| {
                        shared.read(page(7), || {
                            reads.fetch_add(1, Ordering::SeqCst);
                            std::thread::sleep(std::time::Duration::from_millis(20));
                            blocks("7.1 Seven.", Default::default())
                        })
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(reads.load(Ordering::SeqCst), 1);
        assert!(got.windows(2).all(|w| Arc::ptr_eq(&w[0], &w[1])));
        assert_eq!(shared.held(), 0);
    }
}
