//! Documents and their appendix trees, and the one walk over a tree that
//! every question about appendices uses.

use charter_core::model::{AppendixLabel, DocId, PageId, VersionNumber, VersionedId};

/// An appendix, which may hold appendices of its own.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AppendixNode {
    /// Its page.
    pub page: PageId,
    /// Its label, scoped to its parent.
    pub label: AppendixLabel,
    /// Path below the document's base: "appendix-1/" or "appendix-b/appendix-1/".
    pub rel: String,
    /// Its own appendices.
    pub children: Vec<AppendixNode>,
}

/// One step of a walk over an appendix tree.
#[derive(Clone, Copy, Debug)]
pub struct AppendixStep<'a> {
    /// The appendix.
    pub node: &'a AppendixNode,
    /// The appendix it belongs to; `None` at the top level.
    pub parent: Option<&'a AppendixNode>,
    /// 0 at the top level.
    pub depth: usize,
}

/// Every appendix of a tree, depth first, parents before children.
pub struct AppendixWalk<'a> {
    stack: Vec<(std::slice::Iter<'a, AppendixNode>, Option<&'a AppendixNode>)>,
}

impl<'a> AppendixWalk<'a> {
    /// A walk over `nodes` and everything below them.
    pub fn new(nodes: &'a [AppendixNode]) -> AppendixWalk<'a> {
        AppendixWalk { stack: vec![(nodes.iter(), None)] }
    }
}

impl<'a> Iterator for AppendixWalk<'a> {
    type Item = AppendixStep<'a>;

    fn next(&mut self) -> Option<AppendixStep<'a>> {
        loop {
            let depth = self.stack.len().checked_sub(1)?;
            let (iter, parent) = self.stack.last_mut()?;
            let parent = *parent;
            match iter.next() {
                Some(node) => {
                    self.stack.push((node.children.iter(), Some(node)));
                    return Some(AppendixStep { node, parent, depth });
                }
                None => {
                    self.stack.pop();
                }
            }
        }
    }
}

/// One document folder: a document and its appendices (one version of a
/// versioned document is one of these).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Document {
    /// Its `index.md`.
    pub index: PageId,
    /// Its appendices, in order.
    pub appendices: Vec<AppendixNode>,
    /// A local offer's services, with their URL segments.
    pub services: Vec<(PageId, String)>,
    /// The versioned document it is a version of, and its number.
    pub version: Option<(VersionedId, VersionNumber)>,
    /// Site-relative URL of the folder where this document is kept for good:
    /// the pinned `v1.0/` URL for a version.
    pub base: String,
}

impl Document {
    /// Every appendix, depth first.
    pub fn appendix_tree(&self) -> AppendixWalk<'_> {
        AppendixWalk::new(&self.appendices)
    }

    /// The appendix that is `page`.
    pub fn appendix(&self, page: PageId) -> Option<&AppendixNode> {
        self.appendix_tree().find(|s| s.node.page == page).map(|s| s.node)
    }

    /// The appendix that is `page` and the appendix it belongs to.
    pub fn appendix_with_parent(&self, page: PageId) -> Option<AppendixStep<'_>> {
        self.appendix_tree().find(|s| s.node.page == page)
    }

    /// The chain of appendices from the top level down to `page`
    /// (empty for the document itself or a page not in it).
    pub fn appendix_path(&self, page: PageId) -> Vec<&AppendixNode> {
        let mut path: Vec<&AppendixNode> = Vec::new();
        for step in self.appendix_tree() {
            path.truncate(step.depth);
            path.push(step.node);
            if step.node.page == page {
                return path;
            }
        }
        Vec::new()
    }

    /// The appendices of `page`: the document's own for its index, an
    /// appendix folder's for that appendix.
    pub fn appendices_of(&self, page: PageId) -> Option<&[AppendixNode]> {
        if self.index == page {
            return Some(&self.appendices);
        }
        self.appendix(page).map(|n| n.children.as_slice())
    }

    /// Every page of the document, index first, appendices depth first,
    /// with its path below the document's base.
    pub fn pages(&self) -> Vec<(PageId, String)> {
        let mut out = vec![(self.index, String::new())];
        out.extend(self.appendix_tree().map(|s| (s.node.page, s.node.rel.clone())));
        out
    }

    /// Its version number, if it is a version.
    pub fn version_number(&self) -> Option<&VersionNumber> {
        self.version.as_ref().map(|(_, n)| n)
    }
}

/// A document kept in `v*/` folders.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Versioned {
    /// Site-relative URL of the current version: "arrangements/masa/".
    pub base: String,
    /// Oldest first.
    pub versions: Vec<DocId>,
    /// The highest published version.
    pub current: Option<DocId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(page: usize, label: &str, children: Vec<AppendixNode>) -> AppendixNode {
        AppendixNode {
            page: PageId(page),
            label: AppendixLabel { word: "Appendix".into(), label: label.into() },
            rel: format!("appendix-{}/", label.to_lowercase()),
            children,
        }
    }

    fn document() -> Document {
        Document {
            index: PageId(0),
            appendices: vec![node(1, "A", vec![node(2, "1", vec![])]), node(3, "B", vec![])],
            services: vec![],
            version: None,
            base: "doc/".into(),
        }
    }

    #[test]
    fn the_walk_visits_parents_before_children() {
        let d = document();
        let steps: Vec<(usize, usize, Option<usize>)> = d
            .appendix_tree()
            .map(|s| (s.node.page.0, s.depth, s.parent.map(|p| p.page.0)))
            .collect();
        assert_eq!(steps, vec![(1, 0, None), (2, 1, Some(1)), (3, 0, None)]);
    }

    #[test]
    fn questions_about_appendices() {
        let d = document();
        let path: Vec<usize> = d.appendix_path(PageId(2)).iter().map(|n| n.page.0).collect();
        assert_eq!(path, vec![1, 2]);
        assert!(d.appendix_path(PageId(0)).is_empty());
        assert_eq!(d.appendices_of(PageId(1)).unwrap().len(), 1);
        assert_eq!(d.appendices_of(PageId(0)).unwrap().len(), 2);
        let pages: Vec<usize> = d.pages().iter().map(|(p, _)| p.0).collect();
        assert_eq!(pages, vec![0, 1, 2, 3]);
        assert_eq!(d.appendix_with_parent(PageId(2)).unwrap().parent.unwrap().page, PageId(1));
    }
}
