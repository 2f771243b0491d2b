//! What is searched: every current page, and every glossary term.

use charter_render::Facts;
use charter_resolve::Site;
use serde_json::{Value, json};

/// Where a piece of a record's text is, which decides its weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// The page's title.
    Title,
    /// A heading of the contents list.
    Heading,
    /// A glossary term or alias.
    Term,
    /// The summary, or a term's expansion.
    Summary,
    /// The text.
    Body,
}

impl Field {
    /// How much one use of a word here counts.
    pub(crate) fn weight(self) -> u32 {
        match self {
            Field::Title => 10,
            Field::Term => 10,
            Field::Heading => 5,
            Field::Summary => 3,
            Field::Body => 1,
        }
    }

    /// The flag a posting carries for a word found here.
    pub(crate) fn flag(self) -> u8 {
        match self {
            Field::Title => 1,
            Field::Heading => 2,
            Field::Term => 4,
            Field::Summary | Field::Body => 0,
        }
    }
}

/// A piece of text and where it is: its field, and its section (index in
/// the record's sections, when known).
pub(crate) struct Piece<'a> {
    pub(crate) field: Field,
    pub(crate) text: &'a str,
    pub(crate) section: Option<usize>,
}

/// One thing a search can find.
pub(crate) struct Record<'a> {
    /// What the results list shows.
    pub(crate) meta: Value,
    /// Its searchable text, piece by piece.
    pub(crate) pieces: Vec<Piece<'a>>,
}

impl Record<'_> {
    /// About how many bytes the record takes in its file: its text and
    /// a little for its title, URL and sections.
    pub(crate) fn size(&self) -> usize {
        let body: usize =
            self.pieces.iter().filter(|p| p.field != Field::Title).map(|p| p.text.len()).sum();
        body + 200
    }

    /// The text a result's excerpt is cut from, escaped as the inside of
    /// a JSON string into `out`: the body's pieces (or the summary's, for
    /// a record without a body) joined by spaces, written where it is
    /// needed rather than first joined into a string of its own.
    pub(crate) fn excerpt_json_into(&self, out: &mut Vec<u8>) {
        let has_body = self.pieces.iter().any(|p| p.field == Field::Body);
        let field = if has_body { Field::Body } else { Field::Summary };
        for (i, piece) in self.pieces.iter().filter(|p| p.field == field).enumerate() {
            if i > 0 {
                out.push(b' ');
            }
            charter_core::json::escape_str_into(piece.text, out);
        }
    }
}

/// Every current page (a superseded version is not what a reader wants)
/// and every glossary term.
///
/// Made in parallel (in the routes' order): the index runs beside the
/// generated pages, and what it does on one core is what the build waits
/// for at its end.
pub(crate) fn records<'a>(site: &'a Site, facts: &'a Facts) -> Vec<Record<'a>> {
    use rayon::prelude::*;
    let routes: Vec<&charter_resolve::Route> = site
        .structure()
        .routes()
        .iter()
        .filter(|r| r.url == r.canonical && !site.is_other_version(r.page))
        .collect();
    let mut records: Vec<Record<'a>> =
        routes.par_iter().map(|r| page_record(site, facts, r)).collect();
    records.extend(site.glossary.entries.iter().map(|e| term_record(site, e)));
    records
}

/// A current page's record: its title, headings, summary and text, cut
/// at its sections, and what the results list shows of it.
fn page_record<'a>(site: &'a Site, facts: &'a Facts, r: &charter_resolve::Route) -> Record<'a> {
    let p = site.page(r.page);
    let toc = &site.anchors(r.page).toc;
    let mut pieces = vec![Piece { field: Field::Title, text: p.title(), section: None }];
    for (i, t) in toc.iter().enumerate() {
        pieces.push(Piece { field: Field::Heading, text: &t.title, section: Some(i) });
    }
    if let Some(s) = &p.frontmatter.summary {
        pieces.push(Piece { field: Field::Summary, text: s, section: None });
    }
    if let Some(t) = facts.text.get(&r.page) {
        body_pieces(t, toc, &mut pieces);
    }
    let document =
        site.structure().doc_of(r.page).filter(|d| site.structure().doc(*d).index != r.page);
    let sections: Vec<Value> = toc.iter().map(|t| json!([t.title, t.id])).collect();
    let meta = json!({
        "t": p.title(),
        "u": site.href(&r.url),
        "k": p.kind.label(),
        "v": p.frontmatter.version.as_ref().map(|v| v.to_string()),
        "d": document.map(|d| site.doc_title(d)),
        "s": sections,
    });
    Record { meta, pieces }
}

/// The body cut at its headings, each part in its section.
fn body_pieces<'a>(
    t: &'a charter_render::PageText,
    toc: &[charter_resolve::anchors::TocEntry],
    pieces: &mut Vec<Piece<'a>>,
) {
    let mut at = 0;
    let mut section = None;
    for (offset, id) in &t.headings {
        let offset = (*offset).min(t.text.len());
        if offset > at && t.text.is_char_boundary(offset) {
            pieces.push(Piece { field: Field::Body, text: &t.text[at..offset], section });
            at = offset;
        }
        if let Some(i) = toc.iter().position(|e| e.id == *id) {
            section = Some(i);
        }
    }
    pieces.push(Piece { field: Field::Body, text: &t.text[at..], section });
}

fn term_record<'a>(site: &Site, e: &'a charter_core::model::Entry) -> Record<'a> {
    let expansions: Vec<&str> = e.senses.iter().map(|s| s.expansion.as_str()).collect();
    let mut pieces = vec![Piece { field: Field::Term, text: &e.term, section: None }];
    for a in &e.aliases {
        pieces.push(Piece { field: Field::Term, text: a, section: None });
    }
    for s in &e.senses {
        pieces.push(Piece { field: Field::Summary, text: &s.expansion, section: None });
        if let Some(d) = &s.definition {
            pieces.push(Piece { field: Field::Summary, text: d, section: None });
        }
    }
    let meta = json!({
        "t": format!("{} ({})", e.term, expansions.join("; ")),
        "u": format!("{}#{}", site.href("glossary/"), e.slug),
        "k": "Glossary term",
        "v": Value::Null,
        "d": Value::Null,
        "s": [],
    });
    Record { meta, pieces }
}
