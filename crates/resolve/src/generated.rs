//! The pages charter makes from the whole site rather than from one file,
//! and where they are published.

use std::collections::{BTreeMap, BTreeSet};

use charter_core::model::{DocId, Glossary, Kind, PageId, Role, SourcePage, VersionedId};
use charter_core::urls::slugify;

use crate::structure::{Route, Structure};

/// A page charter makes itself.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Generated {
    /// Every version of a versioned document.
    History(VersionedId),
    /// What a version changed from the one before.
    Changes(DocId),
    /// A version compared with the current one (`compare/vX/`).
    Compare {
        /// The version compared.
        version: DocId,
        /// The current version.
        current: DocId,
    },
    /// A document and its appendices on one page; `base` is the view's URL.
    Print {
        /// The document.
        doc: DocId,
        /// The URL of the view it is printed from.
        base: String,
    },
    /// A local offer's services in one category.
    OfferCategory {
        /// The local offer.
        doc: DocId,
        /// The category's slug.
        category: String,
    },
    /// A local offer's services for one age band.
    OfferAges {
        /// The local offer.
        doc: DocId,
        /// Index in [`AGE_BANDS`].
        band: usize,
    },
    /// The glossary terms a document uses (`glossary_appendix: true`).
    TermsAppendix {
        /// The document.
        doc: DocId,
        /// The URL of the view it belongs to.
        base: String,
    },
    /// The glossary, A to Z.
    Glossary,
    /// One glossary term and every document that uses it.
    GlossaryTerm(usize),
    /// Every document by review date: the first [`AZ_ON_PAGE`] at
    /// `reviews/`, then a page for each further part (`reviews/N/`, N from 2).
    Reviews(usize),
    /// The accessibility statement.
    Accessibility,
    /// The search page.
    Search,
    /// One letter of the search page's A to Z, when the whole would make
    /// the page too long: the letter's items from `part` (counted from 1)
    /// pages of [`AZ_ON_PAGE`].
    SearchLetter {
        /// The letter, upper case, or `#` for titles starting otherwise.
        letter: String,
        /// Which page of the letter's items, from 1.
        part: usize,
    },
}

/// The most items the search page's A to Z (or one page of a letter)
/// lists: beyond it, each letter gets pages of its own, so no page of the
/// index grows with the site (10,000 documents on one page were 1 MB).
pub const AZ_ON_PAGE: usize = 1000;

/// The letter of the A to Z a title is listed under: its first letter,
/// upper case, or `#`.
pub fn az_letter(title: &str) -> String {
    let letter = title.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
    if !letter.is_empty() && letter.chars().all(|c| c.is_ascii_alphabetic()) {
        letter
    } else {
        "#".into()
    }
}

/// The URL of one page of a letter of the A to Z, below the search page.
pub fn az_url(letter: &str, part: usize) -> String {
    let slug = if letter == "#" { "other".to_string() } else { letter.to_lowercase() };
    if part <= 1 { format!("search/{slug}/") } else { format!("search/{slug}/{part}/") }
}

/// The URL of one part of the review dates page.
pub fn reviews_url(part: usize) -> String {
    if part <= 1 { "reviews/".to_string() } else { format!("reviews/{part}/") }
}

/// The documents `/reviews/` lists: every current document (and any page
/// with a review date) at its own address, in page order.
pub fn reviewed_documents(pages: &[SourcePage], s: &Structure) -> Vec<PageId> {
    pages
        .iter()
        .filter(|p| {
            let is_doc = matches!(p.role, Role::Document)
                && (p.kind.is_document() || p.frontmatter.review_due.is_some());
            let shown_here = s.canonical_route(p.id).is_some_and(|r| r.url == r.canonical);
            is_doc && !s.is_other_version(p.id) && shown_here
        })
        .map(|p| p.id)
        .collect()
}

/// The routes the search page's A to Z lists besides the glossary terms:
/// every page at its own address but the home page.
pub fn a_to_z_routes<'s>(pages: &[SourcePage], s: &'s Structure) -> Vec<&'s Route> {
    s.routes()
        .iter()
        .filter(|r| r.url == r.canonical && pages[r.page.0].role != Role::Home)
        .collect()
}

/// The pages of the A to Z by letter, when it is too long for the search
/// page: the titles of every current page but the home page, and every
/// glossary term.
fn az_pages(pages: &[SourcePage], s: &Structure, glossary: &Glossary) -> Vec<(String, Generated)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let titles = a_to_z_routes(pages, s)
        .into_iter()
        .map(|r| pages[r.page.0].title())
        .chain(glossary.entries.iter().map(|e| e.term.as_str()));
    for t in titles {
        *counts.entry(az_letter(t)).or_default() += 1;
    }
    if counts.values().sum::<usize>() <= AZ_ON_PAGE {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (letter, count) in counts {
        for part in 1..=count.div_ceil(AZ_ON_PAGE) {
            out.push((
                az_url(&letter, part),
                Generated::SearchLetter { letter: letter.clone(), part },
            ));
        }
    }
    out
}

/// Where a document's generated glossary appendix lives, below its URL.
pub const TERMS_APPENDIX: &str = "glossary/";

/// Age bands a local offer's services are listed under.
pub const AGE_BANDS: &[(u32, u32, &str)] = &[
    (0, 4, "0 to 4"),
    (5, 10, "5 to 10"),
    (11, 15, "11 to 15"),
    (16, 17, "16 and 17"),
    (18, 25, "18 to 25"),
];

/// Generated pages every site has, by content key, for `@/` links.
pub const GENERATED: &[(&str, &str)] = &[
    ("glossary", "glossary/"),
    ("reviews", "reviews/"),
    ("accessibility", "accessibility/"),
    ("search", "search/"),
];

/// Every generated page, by URL. A page written by the site wins.
pub(crate) fn generated_pages(
    pages: &[SourcePage],
    s: &Structure,
    glossary: &Glossary,
) -> BTreeMap<String, Generated> {
    let mut out = BTreeMap::new();
    out.insert("glossary/".to_string(), Generated::Glossary);
    for (i, e) in glossary.entries.iter().enumerate() {
        out.insert(format!("glossary/{}/", e.slug), Generated::GlossaryTerm(i));
    }
    let reviewed = reviewed_documents(pages, s).len();
    for part in 1..=reviewed.div_ceil(AZ_ON_PAGE).max(1) {
        out.insert(reviews_url(part), Generated::Reviews(part));
    }
    out.insert("search/".to_string(), Generated::Search);
    out.extend(az_pages(pages, s, glossary));
    out.insert("accessibility/".to_string(), Generated::Accessibility);
    for (i, v) in s.versioned_docs().iter().enumerate() {
        out.insert(format!("{}history/", v.base), Generated::History(VersionedId(i)));
        for pair in v.versions.windows(2) {
            out.insert(format!("{}changes/", s.doc(pair[1]).base), Generated::Changes(pair[1]));
        }
        // Every other version against the current one. Drafts and
        // consultation versions are only loaded with --drafts, so they are
        // only compared then.
        if let Some(current) = v.current {
            for &version in v.versions.iter().filter(|&&d| d != current) {
                if let Some(number) = s.doc(version).version_number() {
                    let url = format!("{}compare/v{number}/", v.base);
                    out.insert(url, Generated::Compare { version, current });
                }
            }
        }
        // The print page is the current version's: a superseded version is
        // read on screen, where its banner says so.
        if let Some(c) = v.current.filter(|c| !s.doc(*c).appendices.is_empty()) {
            out.insert(
                format!("{}print/", v.base),
                Generated::Print { doc: c, base: v.base.clone() },
            );
        }
    }
    for i in 0..s.docs().len() {
        document_pages(pages, s, DocId(i), &mut out);
    }
    out.retain(|url, _| !s.has_url(url));
    out
}

/// A document's own generated pages: its print page, glossary appendix
/// and local offer listings.
fn document_pages(
    pages: &[SourcePage],
    s: &Structure,
    doc: DocId,
    out: &mut BTreeMap<String, Generated>,
) {
    let d = s.doc(doc);
    // Only a document with appendices needs a page that gathers them: any
    // other page prints as it is, with the print stylesheet.
    if !d.appendices.is_empty() && d.version.is_none() {
        out.insert(format!("{}print/", d.base), Generated::Print { doc, base: d.base.clone() });
    }
    let mut bases = vec![d.base.clone()];
    if s.is_current_version(doc)
        && let Some(v) = s.versioned_of(doc)
    {
        bases.push(v.base.clone());
    }
    let index = &pages[d.index.0];
    if index.frontmatter.glossary_appendix {
        for base in &bases {
            let g = Generated::TermsAppendix { doc, base: base.clone() };
            out.insert(format!("{base}{TERMS_APPENDIX}"), g);
        }
    }
    if index.kind != Kind::LocalOffer {
        return;
    }
    let categories: BTreeSet<String> = d
        .services
        .iter()
        .flat_map(|(p, _)| pages[p.0].frontmatter.categories.iter().map(|c| slugify(c)))
        .collect();
    for base in &bases {
        for c in &categories {
            out.insert(
                format!("{base}category/{c}/"),
                Generated::OfferCategory { doc, category: c.clone() },
            );
        }
        for (band, (min, max, label)) in AGE_BANDS.iter().enumerate() {
            // Only bands some service covers: an empty page helps no one.
            let covered = d.services.iter().any(|(p, _)| {
                pages[p.0].frontmatter.ages.as_ref().is_none_or(|a| a.min <= *max && a.max >= *min)
            });
            if covered {
                out.insert(
                    format!("{base}ages/{}/", label.replace(' ', "-")),
                    Generated::OfferAges { doc, band },
                );
            }
        }
    }
}
