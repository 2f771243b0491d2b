//! References into this document: each number linked to its target, or a
//! warning that names what is missing (never for a reference a name beside
//! it may make another's), or, where the target failed to load, a count.

use charter_core::model::PageId;
use charter_core::{Code, Fact, Severity};
use charter_resolve::Linker;
use charter_resolve::xref::{RefItem, RefKind, Reference};

use super::pieces::Piece;
use super::references::Refs;

impl Refs<'_, '_, '_, '_> {
    /// `main_document`: "of the main document"; `if_found`: say nothing
    /// when the number is not there.
    pub(super) fn internal(&mut self, r: &Reference, main_document: bool, if_found: bool) {
        let linker = self.cx.linker;
        let single = r.items.len() == 1;
        // The scoping appendix ("… of Appendix A") must exist first.
        let mut scope_page = None;
        if let Some((_, item, _)) = &r.scope {
            match linker.appendix(&item.number) {
                Some(p) => {
                    scope_page = Some(p);
                    let href = linker.page_href(p, None);
                    // "Appendix **A**": the label alone when formatting splits it off.
                    self.link_phrase(item.start, item.end - item.number.len(), item.end, href);
                }
                None => {
                    let what = format!(
                        "{} does not exist in this document",
                        self.shown(item.start, item.end)
                    );
                    self.missing_appendix(item, (item.start, item.end), what, if_found);
                    return;
                }
            }
        }
        for item in &r.items {
            // A lone reference links its keyword too ("paragraph 2.6"); in a
            // list each number is its own link.
            let start = if single { r.start } else { item.start };
            let target = match r.kind {
                RefKind::Appendix | RefKind::Annex => {
                    let page = match scope_page {
                        Some(p) => linker.appendix_within(p, &item.number),
                        None => linker.appendix(&item.number),
                    };
                    page.map(|p| linker.page_href(p, None))
                }
                _ => self.number_href(r.kind, &item.number, scope_page, main_document),
            };
            match target {
                Some(href) => self.link_phrase(start, item.start, item.end, href),
                None if if_found => {}
                None => self.missing(r, item, start, scope_page.is_some()),
            }
        }
    }

    /// A link over `start..end`; over `fallback..end` alone when formatting
    /// splits the phrase ("paragraph **2.6**", "Appendix **A**", "Level **3**").
    pub(super) fn link_phrase(&mut self, start: usize, fallback: usize, end: usize, href: String) {
        let whole = self.block.locate(start, end - start).is_some();
        let from = if whole { start } else { fallback };
        self.add(from, end, |s, e| Piece::Link { start: s, end: e, href });
    }

    /// The address of a numbered paragraph or section: in this version; in
    /// a version's `changes:`, in the version before (what was removed);
    /// a bare section number the site's default Act has.
    fn number_href(
        &self,
        kind: RefKind,
        number: &str,
        scope: Option<PageId>,
        main: bool,
    ) -> Option<String> {
        let linker: &Linker<'_> = self.cx.linker;
        if let Some((p, id)) = linker.number_from(kind, number, scope, main) {
            return Some(linker.page_href(p, Some(&id)));
        }
        if self.cx.changes
            && scope.is_none()
            && let Some(href) = linker.number_in_previous_version(kind, number)
        {
            return Some(href);
        }
        let row = linker.site.legislation.default_act()?;
        (kind == RefKind::Section && !number.contains('.') && scope.is_none())
            .then(|| linker.law_href(row, kind, number, None))
            .flatten()
    }

    fn missing(&mut self, r: &Reference, item: &RefItem, start: usize, scoped: bool) {
        let shown = self.shown(r.start, item.end).to_string();
        match r.kind {
            RefKind::Appendix | RefKind::Annex => {
                let word = if r.kind == RefKind::Annex { "Annex" } else { "Appendix" };
                let what = format!(
                    "`{shown}` refers to {word} {}, which this document does not have",
                    item.number
                );
                self.missing_appendix(item, (start, item.end), what, false);
            }
            _ => {
                let what = format!(
                    "`{shown}` refers to {} {}, which is not numbered anywhere in this document{}",
                    if r.kind == RefKind::Section { "section" } else { "paragraph" },
                    item.number,
                    if scoped { " or that appendix" } else { "" }
                );
                let help = "check the number; if it means another document, name it (\"paragraph 4 of Working Together\"), or add the phrase to `xrefs.ignore` in charter.yaml";
                self.report(
                    Severity::Warning,
                    Code::XrefUnresolved,
                    (start, item.end),
                    what,
                    help.into(),
                    None,
                );
            }
        }
    }

    /// An appendix that is not in the document: a warning, unless its file
    /// is there but failed to load (then a count of references not checked).
    fn missing_appendix(
        &mut self,
        item: &RefItem,
        span: (usize, usize),
        what: String,
        if_found: bool,
    ) {
        let linker = self.cx.linker;
        if let Some(file) = linker.failed_appendix(&item.number) {
            let fact = Fact::Unchecked { file: file.to_string(), reference: true };
            let message =
                format!("`{}` was not checked: {file} failed to load", self.shown(span.0, span.1));
            self.report(
                Severity::Note,
                Code::LinkUnchecked,
                span,
                message,
                "fix the error that stopped it loading".into(),
                Some(fact),
            );
            return;
        }
        if if_found {
            return;
        }
        self.report(
            Severity::Warning,
            Code::XrefUnresolved,
            span,
            what,
            appendix_help(linker),
            None,
        );
    }
}

fn appendix_help(linker: &Linker<'_>) -> String {
    let s = linker.site.structure();
    let labels: Vec<String> = s
        .doc_of(linker.page)
        .map(|d| s.doc(d).appendices.iter().map(|a| a.label.display()).collect())
        .unwrap_or_default();
    if labels.is_empty() {
        "this document has no appendices: add the file (appendix-1.md beside index.md) or correct the reference".into()
    } else {
        format!(
            "this document's appendices are: {}; correct the reference or add the appendix",
            labels.join(", ")
        )
    }
}
