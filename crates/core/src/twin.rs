//! One rendering that carries two texts. A page and its part of the
//! document's print page differ in a few places only (ids are prefixed,
//! links within the document become fragments, tables name their part),
//! so the page's Markdown goes through the passes once with both texts
//! written at each such place between markers, and is split afterwards.
//! Rendering it again for print was a sixth of a build's CPU on a corpus
//! whose documents have appendices.

use std::hash::BuildHasher;

/// The markers of one render. Each draws its own nonce, so no text an
/// author writes can contain them; they are letters and digits only, so
/// they pass through HTML and URL escaping unchanged.
#[derive(Debug, Clone)]
pub struct Marks {
    stem: String,
}

/// Which of the two texts to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The page's own.
    Page,
    /// The print page's.
    Print,
}

impl Default for Marks {
    fn default() -> Self {
        Self::new()
    }
}

impl Marks {
    /// Markers with a fresh nonce.
    pub fn new() -> Marks {
        Marks { stem: format!("Qtw{:016x}", nonce()) }
    }

    /// `page` on the page and `print` on the print page: one of them when
    /// they are the same, both between markers when they differ.
    pub fn alt(&self, page: &str, print: &str) -> String {
        if page == print {
            return page.to_string();
        }
        let s = self.stem.as_str();
        [s, "a", page, s, "b", print, s, "c"].concat()
    }

    /// The texts both sides see (the page's, the print page's), from one
    /// reading of the markers: a page's HTML has a pair at every id.
    pub fn sides(&self, text: &str) -> (String, String) {
        let (mut page, mut print) =
            (String::with_capacity(text.len()), String::with_capacity(text.len()));
        self.pieces(text, |whose, piece| {
            if whose != Some(Side::Print) {
                page.push_str(piece);
            }
            if whose != Some(Side::Page) {
                print.push_str(piece);
            }
        });
        (page, print)
    }

    /// The text one side sees. Text without markers comes back as it is.
    pub fn side(&self, text: &str, side: Side) -> String {
        let mut out = String::with_capacity(text.len());
        self.pieces(text, |whose, piece| {
            if whose.is_none_or(|w| w == side) {
                out.push_str(piece);
            }
        });
        out
    }

    /// Calls `each` with every piece of `text` between markers, in order,
    /// and whose it is: one side's, or both's (`None`: outside any pair,
    /// and the text after the last marker).
    fn pieces<'t>(&self, text: &'t str, mut each: impl FnMut(Option<Side>, &'t str)) {
        let finder = memchr::memmem::Finder::new(self.stem.as_bytes());
        let bytes = text.as_bytes();
        let mut at = 0;
        // Outside any pair, in a pair's page text, or in its print text.
        let mut whose = None;
        for found in finder.find_iter(bytes) {
            // A marker is the stem and `a`, `b` or `c`; all ASCII, so the
            // cuts fall between characters.
            let next = match bytes.get(found + self.stem.len()) {
                Some(b'a') => Some(Side::Page),
                Some(b'b') => Some(Side::Print),
                Some(b'c') => None,
                _ => continue,
            };
            if found < at {
                continue;
            }
            each(whose, &text[at..found]);
            whose = next;
            at = found + self.stem.len() + 1;
        }
        each(None, &text[at..]);
    }
}

/// A number no author's text holds: drawn afresh for each render.
fn nonce() -> u64 {
    let seed = std::collections::hash_map::RandomState::new();
    seed.hash_one(std::time::SystemTime::now())
}

/// The place of a document view's base in a render shared by the views.
/// A current page is shown at its pinned version and at its current
/// alias; its Markdown renders the same for both but for hrefs to other
/// pages of its document, which start with the view's base. Rendered once
/// with this mark in the base's place, each view fills in its own. The
/// mark is letters and digits, so it passes through URL and HTML escaping
/// unchanged, and [`Marks::side`] leaves it alone.
#[derive(Debug, Clone)]
pub struct BaseMark {
    mark: String,
}

impl Default for BaseMark {
    fn default() -> Self {
        Self::new()
    }
}

impl BaseMark {
    /// A mark with a fresh nonce.
    pub fn new() -> BaseMark {
        BaseMark { mark: format!("Qvb{:016x}", nonce()) }
    }

    /// The mark, as written in the base's place.
    pub fn as_str(&self) -> &str {
        &self.mark
    }

    /// `text` with every mark replaced by `base` (as written in an href:
    /// already encoded).
    pub fn fill(&self, text: &str, base: &str) -> String {
        let finder = memchr::memmem::Finder::new(self.mark.as_bytes());
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for found in finder.find_iter(text.as_bytes()) {
            // The mark is ASCII, so the cuts fall between characters.
            out.push_str(&text[at..found]);
            out.push_str(base);
            at = found + self.mark.len();
        }
        out.push_str(&text[at..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both sides read at once are each side read alone: for texts with
    /// pairs at the start, the end, side by side, empty, and a stem that
    /// is not followed by a marker letter.
    #[test]
    fn both_sides_at_once_are_each_side() {
        let m = Marks::new();
        let stem = m.stem.clone();
        let texts = [
            String::new(),
            "plain".to_string(),
            format!("{}x{}", m.alt("p", "q"), m.alt("", "print only")),
            format!("<p id=\"{}\">a{}b</p>", m.alt("para-1", "ap--para-1"), m.alt("#x", "/y/#x")),
            format!("{}{stem}z{}", m.alt("1", "2"), m.alt("3", "4")),
            format!("é{}é", m.alt("é", "ü")),
        ];
        for text in &texts {
            assert_eq!(
                m.sides(text),
                (m.side(text, Side::Page), m.side(text, Side::Print)),
                "{text}"
            );
        }
    }

    #[test]
    fn each_side_keeps_its_own_text() {
        let m = Marks::new();
        let text = format!(
            "<h2 id=\"{}intro\">Intro</h2><a href=\"{}\">1.2</a> <a href=\"#x\">same</a>",
            m.alt("", "appendix-1--"),
            m.alt("/doc/appendix-1/#para-1-2", "#appendix-1--para-1-2"),
        );
        assert_eq!(
            m.side(&text, Side::Page),
            "<h2 id=\"intro\">Intro</h2><a href=\"/doc/appendix-1/#para-1-2\">1.2</a> <a href=\"#x\">same</a>"
        );
        assert_eq!(
            m.side(&text, Side::Print),
            "<h2 id=\"appendix-1--intro\">Intro</h2><a href=\"#appendix-1--para-1-2\">1.2</a> <a href=\"#x\">same</a>"
        );
        assert_eq!(m.alt("same", "same"), "same");
    }

    #[test]
    fn text_without_markers_is_unchanged_and_nonces_differ() {
        let m = Marks::new();
        let text = "Qtw plain text, Qtw0123 not a marker é";
        assert_eq!(m.side(text, Side::Page), text);
        assert_eq!(m.side(text, Side::Print), text);
        assert_ne!(Marks::new().stem, Marks::new().stem);
    }

    #[test]
    fn each_view_fills_in_its_own_base() {
        let m = BaseMark::new();
        let text = format!(
            "<a href=\"/sub{0}appendix-1/#para-1\">1</a> <a href=\"{0}\">doc</a> <a href=\"#x\">x</a>",
            m.as_str()
        );
        assert_eq!(
            m.fill(&text, "/doc/v2.0/"),
            "<a href=\"/sub/doc/v2.0/appendix-1/#para-1\">1</a> <a href=\"/doc/v2.0/\">doc</a> <a href=\"#x\">x</a>"
        );
        assert_eq!(m.fill("no mark é", "/doc/"), "no mark é");
        // A twin's split keeps the mark for the views to fill in.
        let twin = Marks::new();
        let both = format!("{}{}", twin.alt(m.as_str(), "#p"), m.as_str());
        assert_eq!(twin.side(&both, Side::Page), format!("{0}{0}", m.as_str()));
        assert_ne!(BaseMark::new().mark, m.mark);
    }
}
