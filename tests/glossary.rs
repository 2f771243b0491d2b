//! The glossary: auto-links with the expansion in the accessible name,
//! senses, the A–Z page, and its checks.

mod common;
use common::*;

const GLOSSARY: &str = "- term: MASH
  expansion: Multi-Agency Safeguarding Hub
  definition: The front door.
- term: SCR
  senses:
    - id: serious-case-review
      expansion: Serious Case Review
      replaced_by: CSPR
    - id: single-central-record
      expansion: Single Central Record
- term: CSPR
  expansion: Child Safeguarding Practice Review
- term: LSCB
  expansion: Local Safeguarding Children Board
  replaced_by: safeguarding partnership
";

fn site() -> Site {
    Site::new(&[
        ("data/glossary.yaml", GLOSSARY),
        ("content/_index.md", &page("Home", "", "x\n")),
        (
            "content/a.md",
            &page(
                "A",
                "",
                "## The MASH\n\nThe MASH's staff and the MASH again. `MASH` in code. An SCR was held. [MASH](@/a/) link.\n",
            ),
        ),
        (
            "content/b.md",
            &page(
                "B",
                "glossary:\n  senses: { SCR: single-central-record }\n",
                "Schools keep an SCR.\n",
            ),
        ),
    ])
}

#[test]
fn first_use_links_with_the_expansion_in_its_name() {
    let s = site();
    assert_eq!(s.build(&[]).code, 0);
    let a = s.read("a/index.html");
    assert!(
        a.contains(
            "<a class=\"term\" href=\"/glossary/#mash\">MASH<span class=\"visually-hidden\"> (Multi-Agency Safeguarding Hub)</span></a>’s staff"
        ),
        "{a}"
    );
    assert_eq!(a.matches("class=\"term\" href=\"/glossary/#mash\"").count(), 1, "first use only");
    assert!(a.contains("<h2 id=\"the-mash\">The MASH</h2>"), "not in headings");
    assert!(a.contains("<code>MASH</code>"), "not in code");
    assert!(a.contains("href=\"/glossary/#scr--serious-case-review\""), "first sense by default");
    assert!(
        s.read("b/index.html").contains("href=\"/glossary/#scr--single-central-record\""),
        "the page's chosen sense"
    );
}

#[test]
fn the_glossary_page_lists_terms_a_to_z_with_uses_and_replacements() {
    let s = site();
    s.build(&[]);
    let g = s.read("glossary/index.html");
    assert!(g.contains("id=\"mash\"") && g.contains("id=\"scr--single-central-record\""));
    assert!(g.contains("Replaced by <a href=\"#cspr\">CSPR</a>"));
    assert!(g.contains("Replaced by safeguarding partnership"));
    assert!(g.contains("Used in 2 documents: <a href=\"/a/\">A</a>"), "{g}");
    assert!(g.contains("href=\"#letter-m\"") && g.contains("No terms under </span>Z"));
}

/// The "Used in" of MASH on the glossary page, from its count to the link
/// to the rest.
fn mash_used_in(g: &str) -> &str {
    let entry = &g[g.find("id=\"mash\"").unwrap()..];
    let entry = &entry[entry.find("class=\"used-in\"").unwrap()..];
    &entry[..entry.find("</dd>").unwrap()]
}

/// 25 documents that use MASH, each with an appendix that uses it too.
fn write_documents(s: &Site) {
    for i in 0..25 {
        s.write(
            &format!("content/docs/d{i:02}/index.md"),
            &page(&format!("Doc {i:02}"), "", "The MASH met.\n"),
        );
        s.write(
            &format!("content/docs/d{i:02}/appendix-1.md"),
            &page("Annex", "", "The MASH again.\n"),
        );
    }
}

#[test]
fn used_in_lists_documents_not_pages_and_at_most_twenty() {
    let s = site();
    write_documents(&s);
    assert_eq!(s.build(&[]).code, 0);
    let g = s.read("glossary/index.html");
    let entry = mash_used_in(&g);
    // 25 documents with an appendix each, and page a.md: 26 documents.
    assert!(entry.contains("Used in 26 documents"), "{entry}");
    assert_eq!(
        entry.matches("<a href=\"/").count(),
        21,
        "twenty, and the link to the rest: {entry}"
    );
    assert!(entry.contains("and <a href=\"/glossary/mash/\">6 more"), "{entry}");
    let own = s.read("glossary/mash/index.html");
    assert_eq!(own.matches("<li><a href=\"/docs/").count(), 25, "every document, once");
    assert!(!own.contains("appendix-1"), "a document, not its appendices");
}

#[test]
fn a_long_glossary_shows_fewer_documents_a_term_so_its_page_stays_bounded() {
    let s = site();
    write_documents(&s);
    // 400 more terms: 2,000 links between 405 terms is 4 a term.
    let extra: String = (0..400)
        .map(|i| format!("- term: Term number {i}\n  expansion: Something {i}\n"))
        .collect();
    s.write("data/glossary.yaml", &format!("{GLOSSARY}{extra}"));
    assert_eq!(s.build(&[]).code, 0);
    let g = s.read("glossary/index.html");
    let entry = mash_used_in(&g);
    assert_eq!(entry.matches("<a href=\"/").count(), 5, "four, and the link to the rest: {entry}");
    assert!(entry.contains("and <a href=\"/glossary/mash/\">22 more"), "{entry}");
    let own = s.read("glossary/mash/index.html");
    assert_eq!(own.matches("<li><a href=\"/docs/").count(), 25, "its own page still lists all");
}

#[test]
fn checks_undefined_unused_and_conflicting_terms() {
    let s = site();
    s.write(
        "content/c.md",
        &page("C", "", "The DSL and the DSL again. THE WHOLE HEADING SHOUTS. The PDF.\n"),
    );
    let (status, ds) = s.check(&[]);
    assert_eq!(status, 0);
    let undefined = with_code(&ds, "glossary::undefined-acronym");
    assert_eq!(undefined.len(), 1, "{undefined:?}");
    assert!(undefined[0]["message"].as_str().unwrap().contains("DSL"));
    let unused = with_code(&ds, "glossary::unused");
    assert!(unused.iter().any(|d| d["message"].as_str().unwrap().contains("LSCB")));
    s.write("data/glossary.yaml", &format!("{GLOSSARY}- term: MASH\n  expansion: Another\n"));
    let (status, ds) = s.check(&[]);
    assert_eq!(status, 1);
    assert_eq!(with_code(&ds, "glossary::conflict").len(), 1);
}

#[test]
fn a_document_can_have_a_generated_glossary_appendix() {
    let s = site();
    s.write(
        "content/report/index.md",
        &page("Report", "glossary_appendix: true\n", "The MASH met. See Appendix 1.\n"),
    );
    s.write("content/report/appendix-1.md", &page("Data", "", "An SCR was held.\n"));
    assert_eq!(s.build(&[]).code, 0);
    let doc = s.read("report/index.html");
    assert!(
        doc.contains("href=\"/report/glossary/\">Glossary: Terms used in this document</a>"),
        "{doc}"
    );
    let g = s.read("report/glossary/index.html");
    assert!(
        g.contains("<dfn>MASH</dfn>") && g.contains("<dfn>SCR</dfn>"),
        "terms from the document and its appendices"
    );
    assert!(!g.contains("<dfn>LSCB</dfn>"), "only the terms it uses");
}

#[test]
fn the_search_index_flags_headings_and_glossary_terms() {
    let s = site();
    s.build(&[]);
    let terms: serde_json::Value = serde_json::from_str(&s.read("search/terms-ma.json")).unwrap();
    let best = &terms["mash"][0];
    assert_eq!(best[3].as_u64().unwrap() & 2, 2, "the page whose heading says MASH: {best}");
    // The glossary entry is found too, flagged as a term, so the page's
    // script ranks it above pages that only mention the word.
    let term =
        terms["mash"].as_array().unwrap().iter().find(|p| p[3].as_u64().unwrap() & 4 == 4).unwrap();
    let id = term[0].as_u64().unwrap();
    let meta: serde_json::Value = serde_json::from_str(&s.read("search/meta.json")).unwrap();
    let per = meta["per_file"].as_u64().unwrap();
    let file: serde_json::Value =
        serde_json::from_str(&s.read(&format!("search/r/{}.json", id / per))).unwrap();
    let record = &file[(id % per) as usize];
    assert_eq!(record["k"], "Glossary term", "{record}");
    assert!(record["u"].as_str().unwrap().ends_with("/glossary/#mash"));
    assert!(
        s.read("search/index.html").contains("A to Z of documents and terms"),
        "the no-JavaScript fallback"
    );
}

/// A site of `pages` pages titled "<letter> page N", spread over letters.
fn many_pages(pages: usize, letters: &[char]) -> Site {
    let mut files: Vec<(String, String)> =
        vec![("content/_index.md".into(), page("Home", "", "x\n"))];
    for i in 0..pages {
        let letter = letters[i % letters.len()];
        files
            .push((format!("content/p{i}.md"), page(&format!("{letter} page {i}"), "", "Text.\n")));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    Site::new(&refs)
}

#[test]
fn a_small_a_to_z_stays_on_the_search_page() {
    let s = many_pages(30, &['a', 'b']);
    assert_eq!(s.build(&[]).code, 0);
    let search = s.read("search/index.html");
    assert_eq!(search.matches("class=\"az-kind\"").count(), 30, "every page listed");
    assert!(!search.contains("az-letters"));
    assert!(!s.exists("search/a/index.html"));
}

#[test]
fn a_long_a_to_z_gets_a_page_per_letter_in_parts_of_a_thousand() {
    // 2,400 pages: 1,600 under E (two parts), 800 under Q, none elsewhere.
    let s = many_pages(2400, &['E', 'E', 'Q']);
    assert_eq!(s.build(&[]).code, 0);
    let search = s.read("search/index.html");
    assert_eq!(search.matches("class=\"az-kind\"").count(), 0, "no items on the search page");
    assert!(
        search.contains("<a href=\"/search/e/\">E</a> <span class=\"az-count\">(1600)</span>"),
        "{search}"
    );
    assert!(search.contains("<a href=\"/search/q/\">Q</a> <span class=\"az-count\">(800)</span>"));
    assert!(search.contains("Search needs JavaScript"));
    let e1 = s.read("search/e/index.html");
    let e2 = s.read("search/e/2/index.html");
    assert_eq!(e1.matches("class=\"az-kind\"").count(), 1000);
    assert_eq!(e2.matches("class=\"az-kind\"").count(), 600);
    assert!(e1.contains("<title>A to Z: E (page 1 of 2)"), "{}", &e1[..600]);
    assert!(e1.contains("<a href=\"/search/e/\" aria-current=\"page\">E</a>"));
    assert!(e2.contains("<a href=\"/search/e/2/\" aria-current=\"page\">Page 2</a>"));
    assert!(e1.contains("action=\"/search/\""), "the form still searches the whole site");
    let q = s.read("search/q/index.html");
    assert_eq!(q.matches("class=\"az-kind\"").count(), 800);
    assert!(q.contains("<title>A to Z: Q |"), "one part, no page numbers");
    assert!(!q.contains("az-parts"));
    assert!(!s.exists("search/a/index.html"), "no page for a letter nothing starts with");
    // Every page is listed once across the letter pages.
    let listed: usize = [&e1, &e2, &q].iter().map(|h| h.matches("class=\"az-kind\"").count()).sum();
    assert_eq!(listed, 2400);
}
