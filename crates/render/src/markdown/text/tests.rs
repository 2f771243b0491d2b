//! The pass alone, on small pages: what becomes a link, a term, a mark or
//! a diagnostic, and where the diagnostic points.

use charter_core::model::PageId;
use charter_core::{Code, Diagnostic, Sink};
use charter_resolve::Linker;
use charter_resolve::anchors::{Lines, parse};

use super::*;
use crate::markdown::options::RenderOptions;
use crate::markdown::test_site::site;

const GLOSSARY: &str = "- term: MASH\n  expansion: Multi-Agency Safeguarding Hub\n- term: PA\n  expansion: Personal Adviser\n";

/// The pass alone on the first page's body: HTML and diagnostics.
fn run(pages: &[(&str, &str, &str)]) -> (String, Vec<Diagnostic>) {
    let site = site(pages, GLOSSARY);
    let sink = Sink::default();
    let options = RenderOptions { sink: Some(&sink), ..RenderOptions::plain(true) };
    let linker = Linker::new(&site, PageId(0), None);
    let body = &site.page(PageId(0)).body;
    let lines = Lines::new(body, 1);
    let cx = TextContext::new(&linker, &options, &lines, "a.md");
    let mut state = PageState::default();
    let events = link_text(parse(body), &cx, &mut state);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    (html, sink.take())
}

#[test]
fn references_link_to_numbered_paragraphs_and_missing_ones_warn_at_the_phrase() {
    let (html, ds) =
        run(&[("doc.md", "", "2.1 First.\n\n2.2 See paragraph 2.1 and paragraph 9.9.\n")]);
    assert!(html.contains("<a href=\"#para-2-1\">paragraph 2.1</a>"), "{html}");
    assert_eq!(ds.len(), 1);
    let d = &ds[0];
    assert_eq!((d.code, d.line, d.column, d.length), (Code::XrefUnresolved, 3, 27, 13));
}

#[test]
fn another_publications_numbers_are_neither_links_nor_warnings() {
    let body = "## 6. Six\n\n## 9. Nine\n\nWorking Together 2018 (chapter 3, paragraphs 6 & 9) and *Ofsted's handbook*, paragraph 9.\n";
    let (html, ds) = run(&[("doc.md", "", body)]);
    assert!(
        !html.contains("href=\"#section-6\"") && !html.contains("href=\"#section-9\""),
        "{html}"
    );
    assert!(ds.is_empty(), "{ds:?}");
    assert!(html.contains("class=\"law\""), "the guidance is linked: {html}");
}

#[test]
fn statutes_link_with_a_hint_and_the_words_as_written() {
    let (html, _) = run(&[("doc.md", "", "Support under section 17 of the Children Act 1989.\n")]);
    assert!(html.contains(
        "<a class=\"law\" href=\"https://www.legislation.gov.uk/ukpga/1989/41/section/17\">section 17 of the Children Act 1989<span class=\"visually-hidden\"> (on legislation.gov.uk)</span></a>"
    ), "{html}");
}

#[test]
fn the_first_use_of_a_term_links_with_its_expansion_unless_it_is_written_out() {
    let (html, _) = run(&[("doc.md", "", "The MASH, and the MASH again.\n")]);
    assert_eq!(html.matches("class=\"term\"").count(), 1);
    assert!(html.contains(
        "MASH<span class=\"visually-hidden\"> (Multi-Agency Safeguarding Hub)</span></a>"
    ));
    let (html, _) = run(&[("doc.md", "", "A Personal Adviser (PA) helps.\n")]);
    assert!(html.contains("<a class=\"term\" href=\"/glossary/#pa\">PA</a>"), "{html}");
}

#[test]
fn unknown_acronyms_warn_but_not_shouting_or_definitions() {
    let body = "The DSL met.\n\n## THE FULL TEXT\n\n| Acronym | Meaning |\n|---|---|\n| CDC | Child Development Centre |\n\nA Detective Chief Inspector (DCI) came.\n";
    let (_, ds) = run(&[("doc.md", "", body)]);
    let words: Vec<(usize, usize)> = ds.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(words, vec![(1, 5)], "{ds:?}");
    assert_eq!(ds[0].code, Code::GlossaryUndefinedAcronym);
}

#[test]
fn rag_ratings_get_a_shape_class() {
    let (html, _) = run(&[("doc.md", "", "RAG: Amber\n")]);
    assert!(html.contains("<span class=\"rag rag-amber\">RAG: Amber</span>"));
}
