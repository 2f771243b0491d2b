//! What a pass is told (how the page is being rendered) and what
//! rendering a page gives back.

use std::collections::BTreeSet;

use charter_core::Sink;
use charter_core::twin::{BaseMark, Marks};
use charter_resolve::anchors::TocEntry;

/// Renders a shortcode block: a fenced block whose language names a
/// template. `None` when there is no such shortcode (the block is code).
pub trait ShortcodeRenderer: Sync {
    /// The block's HTML, or why it could not be rendered.
    fn render(&self, name: &str, body: &str) -> Option<Result<String, String>>;
}

/// How a page is being rendered.
pub struct RenderOptions<'a> {
    /// Report diagnostics (only on a page's primary route).
    pub sink: Option<&'a Sink>,
    /// Prefix for every id (print pages hold several pages).
    pub id_prefix: &'a str,
    /// Link glossary terms (not on the glossary page itself).
    pub glossary: bool,
    /// The theme's shortcode templates, when rendering a site's pages.
    pub shortcodes: Option<&'a dyn ShortcodeRenderer>,
    /// On a print page, the part being rendered ("Appendix 2"), so that
    /// the names of its tables stay unique on the page.
    pub place: Option<&'a str>,
    /// A page rendered together with its print copy: `place` and the id
    /// prefix are the print side's, and are written only there.
    pub twin: Option<&'a Marks>,
}

impl<'a> RenderOptions<'a> {
    /// Options that report nothing and add nothing: no diagnostics, id
    /// prefix, shortcodes, part or print copy; glossary terms linked or
    /// not. Other options are written over it.
    pub fn plain(glossary: bool) -> RenderOptions<'a> {
        RenderOptions {
            sink: None,
            id_prefix: "",
            glossary,
            shortcodes: None,
            place: None,
            twin: None,
        }
    }

    /// What `made` writes for the part being rendered, when there is one:
    /// on the print side only of a page rendered with its print copy.
    pub(crate) fn for_place(&self, made: impl Fn(&str) -> String) -> String {
        match (self.place, self.twin) {
            (Some(p), Some(marks)) => marks.alt("", &made(p)),
            (Some(p), None) => made(p),
            (None, _) => String::new(),
        }
    }
}

/// A page's HTML and what rendering learnt about it.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The body's HTML.
    pub html: String,
    /// Its contents list.
    pub toc: Vec<TocEntry>,
    /// Glossary entries used on the page.
    pub terms: BTreeSet<usize>,
    /// The Markdown's length, for capacity hints.
    pub text_len: usize,
    /// The frontmatter's Markdown shown on the page, rendered like the body.
    pub snippets: Snippets,
    /// The body as the document's print page shows it, when it was
    /// rendered with the page.
    pub print_html: Option<String>,
}

/// The frontmatter's Markdown values as HTML, rendered with the same
/// passes as the body: terms linked and counted, references checked.
#[derive(Debug, Default)]
pub struct Snippets {
    /// `summary:`, for the lede.
    pub summary: Option<String>,
    /// A threshold's levels, in order.
    pub levels: Vec<LevelHtml>,
    /// A service's `eligibility:`.
    pub eligibility: Option<String>,
    /// A service's `cost:`.
    pub cost: Option<String>,
    /// A service's `how_to_access:`.
    pub how_to_access: Option<String>,
    /// A version's `changes:`.
    pub changes: Option<String>,
}

/// One threshold level's text.
#[derive(Debug, Default)]
pub struct LevelHtml {
    /// Its summary.
    pub summary: Option<String>,
    /// Its indicators.
    pub indicators: Vec<String>,
    /// What happens at this level.
    pub response: Option<String>,
}

impl Rendered {
    /// A render made with `mark` in the place of its view's base, as the
    /// view whose base is `base` (as an href writes it) shows it: every
    /// text filled in. The print part is kept only with `with_print`.
    pub fn in_view(&self, mark: &BaseMark, base: &str, with_print: bool) -> Rendered {
        let fill = |text: &str| mark.fill(text, base);
        let fill_opt = |text: &Option<String>| text.as_deref().map(fill);
        let s = &self.snippets;
        Rendered {
            html: fill(&self.html),
            toc: self
                .toc
                .iter()
                .map(|t| TocEntry { level: t.level, id: fill(&t.id), title: fill(&t.title) })
                .collect(),
            terms: self.terms.clone(),
            text_len: self.text_len,
            snippets: Snippets {
                summary: fill_opt(&s.summary),
                levels: s
                    .levels
                    .iter()
                    .map(|l| LevelHtml {
                        summary: fill_opt(&l.summary),
                        indicators: l.indicators.iter().map(|i| fill(i)).collect(),
                        response: fill_opt(&l.response),
                    })
                    .collect(),
                eligibility: fill_opt(&s.eligibility),
                cost: fill_opt(&s.cost),
                how_to_access: fill_opt(&s.how_to_access),
                changes: fill_opt(&s.changes),
            },
            print_html: if with_print { fill_opt(&self.print_html) } else { None },
        }
    }
}
