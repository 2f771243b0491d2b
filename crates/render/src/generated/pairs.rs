//! The pages of two versions of a document paired for comparing: by their
//! place in the document while the title still fits, then by title (an
//! appendix relabelled), with pages only in the old version placed after
//! the page that followed them there.

use charter_core::model::{DocId, PageId};
use charter_resolve::Site;

/// One page of a version, with its path below the version's base.
pub(super) type Side = (PageId, String);

/// A page of the old version, the new, or both.
pub(super) struct Pair {
    /// In the old version.
    pub(super) old: Option<Side>,
    /// In the new version.
    pub(super) new: Option<Side>,
}

/// Whether two titles name the same page: most of their words are shared.
fn titles_alike(a: &str, b: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        let mut w: Vec<String> = t
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        w.sort();
        w.dedup();
        w
    };
    let (a, b) = (words(a), words(b));
    let shared = a.iter().filter(|w| b.contains(w)).count();
    a.len() + b.len() == 0 || 2 * shared * 2 >= a.len() + b.len()
}

/// The pages of `old_doc` and `new_doc`, paired, in the new version's order.
pub(super) fn page_pairs(site: &Site, old_doc: DocId, new_doc: DocId) -> Vec<Pair> {
    let old_pages = site.document_pages(old_doc);
    let new_pages = site.document_pages(new_doc);
    let title = |p: PageId| site.page(p).title();
    let mut old_of: Vec<Option<usize>> = vec![None; new_pages.len()];
    let mut used = vec![false; old_pages.len()];
    // The document itself, and appendices where they were.
    for (j, (np, rel)) in new_pages.iter().enumerate() {
        let found = old_pages.iter().position(|(op, orel)| {
            orel == rel && (rel.is_empty() || titles_alike(title(*op), title(*np)))
        });
        if let Some(i) = found.filter(|&i| !used[i]) {
            old_of[j] = Some(i);
            used[i] = true;
        }
    }
    // Appendices that moved to another label keep their title.
    for (j, (np, _)) in new_pages.iter().enumerate() {
        if old_of[j].is_some() {
            continue;
        }
        let found = (0..old_pages.len()).find(|&i| !used[i] && title(old_pages[i].0) == title(*np));
        if let Some(i) = found {
            old_of[j] = Some(i);
            used[i] = true;
        }
    }
    // Pages gone from the new version go after the page before them.
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); new_pages.len() + 1];
    let mut slot = 0;
    for i in 0..old_pages.len() {
        match old_of.iter().position(|o| *o == Some(i)) {
            Some(j) => slot = j + 1,
            None => after[slot].push(i),
        }
    }
    let gone = |i: &usize| Pair { old: Some(old_pages[*i].clone()), new: None };
    let mut out: Vec<Pair> = after[0].iter().map(gone).collect();
    for (j, new) in new_pages.iter().enumerate() {
        out.push(Pair { old: old_of[j].map(|i| old_pages[i].clone()), new: Some(new.clone()) });
        out.extend(after[j + 1].iter().map(gone));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_that_share_most_words_are_alike() {
        assert!(titles_alike("Relevant agencies", "Relevant agencies and why"));
        assert!(!titles_alike("Transition plan", "Partnership budget 2026-27"));
    }
}
