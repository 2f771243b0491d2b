//! What rendering the pages learnt that generated pages need.

use std::collections::BTreeMap;

use charter_core::model::{DocId, PageId};

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
