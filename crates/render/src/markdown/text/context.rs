//! What the text pass is told about the page, and what it remembers
//! across the pieces of one page (its frontmatter text and its body).

use std::collections::BTreeSet;

use charter_resolve::Linker;
use charter_resolve::anchors::Lines;
use charter_resolve::xref::ThresholdNames;

use crate::markdown::options::RenderOptions;

/// What the text pass needs to know about the text it is given.
pub(crate) struct TextContext<'a, 'o> {
    /// Resolves targets in the page's view.
    pub(crate) linker: &'a Linker<'a>,
    /// How the page is rendered.
    pub(crate) options: &'a RenderOptions<'o>,
    /// File lines and columns of the text.
    pub(crate) lines: &'a Lines<'a>,
    /// The page's file, for diagnostics.
    pub(crate) file: &'a str,
    /// The text is a version's `changes:`: a number this version no
    /// longer has is looked for in the version before.
    pub(crate) changes: bool,
    /// The threshold a "Level N" may mean.
    pub(crate) threshold: Option<ThresholdNames>,
    /// The glossary page's href, which every linked term starts with.
    pub(crate) glossary: String,
}

impl<'a, 'o> TextContext<'a, 'o> {
    /// The context for text rendered with `linker` and `options`.
    pub(crate) fn new(
        linker: &'a Linker<'a>,
        options: &'a RenderOptions<'o>,
        lines: &'a Lines<'a>,
        file: &'a str,
    ) -> TextContext<'a, 'o> {
        TextContext {
            linker,
            options,
            lines,
            file,
            changes: false,
            threshold: linker.threshold_names(),
            glossary: linker.glossary_href(""),
        }
    }
}

/// What one page's text has used so far: glossary terms (linked first time
/// only, by default), Acts and guidance named (linked first time only), and
/// Acts the table does not know (noted once).
#[derive(Debug, Default)]
pub(crate) struct PageState {
    /// Glossary entries used.
    pub(crate) terms: BTreeSet<usize>,
    /// Glossary entries linked.
    pub(crate) linked: BTreeSet<usize>,
    /// Legislation rows linked.
    pub(crate) rows: BTreeSet<usize>,
    /// Unknown Acts already noted.
    pub(crate) unknown_acts: BTreeSet<String>,
}
