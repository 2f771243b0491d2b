//! Numbered sections, cross-references, appendices and versions, with the
//! hard cases real council documents contain.

mod common;
use common::*;

const DOC: &str = "---
title: Arrangements
kind: arrangements
published: 2025-01-01
review_due: 2099-01-01
requirements:
  partners-working-together: \"#section-1\"
  practice-reviews: \"#section-2\"
  independent-scrutiny: \"#section-2\"
---
## 1. Introduction

1.1 See paragraph 2.1, paragraphs 1.5.6 and 1.5.7, and paragraphs 1.2 – 2.1.
The partners are in section
2 and the agencies in Appendix A. Section 2 of Appendix A lists schools.

1.2 This number is used twice.

1.2 Second use of the number.

1.5.6 Deep paragraph.

1.5.7 Another.

## 2. Scrutiny

2.1 A Section 11 audit, section 16 of the Children Act 2004, paragraph 218 of
Keeping Children Safe in Education, 2.6 million children, Level 2, version 2.0,
set out at 3.1 below (5.2.1 and 5.2.3).

2.2 Missing targets: paragraph 13.11 and Appendix C.

- 2.3 A numbered list item.

The board is in Appendix 1 of Appendix B.
";

fn doc_site() -> Site {
    Site::new(&[
        ("content/_index.md", &page("Home", "", "x\n")),
        ("content/masa/index.md", DOC),
        (
            "content/masa/appendix-a.md",
            &page(
                "Relevant agencies",
                "",
                "## 1. Health\n\n## 2. Schools\n\n2.1 Every school has a lead.\n",
            ),
        ),
        (
            "content/masa/appendix-b/index.md",
            &page("Governance", "", "The boards are listed in Appendix 1.\n"),
        ),
        ("content/masa/appendix-b/appendix-1.md", &page("Boards", "", "1.1 The executive.\n")),
    ])
}

#[test]
fn ids_follow_the_authored_numbers() {
    let site = doc_site();
    assert_eq!(site.build(&[]).code, 0);
    let h = site.read("masa/index.html");
    assert!(h.contains("id=\"section-1\"") && h.contains("id=\"section-2\""));
    assert!(h.contains("<p id=\"para-1-5-6\">"));
    assert!(
        h.contains("<p id=\"para-1-2\">") && h.contains("<p id=\"para-1-2-2\">"),
        "the duplicate gets -2"
    );
    assert!(h.contains("<li id=\"para-2-3\">"), "numbered list items get ids");
    assert!(h.contains("1.5.6 Deep paragraph"), "numbers are never rewritten");
}

#[test]
fn references_link_in_every_form() {
    let site = doc_site();
    site.build(&[]);
    let h = site.read("masa/index.html");
    assert!(h.contains("<a href=\"#para-2-1\">paragraph 2.1</a>"), "single");
    assert!(
        h.contains(
            "paragraphs <a href=\"#para-1-5-6\">1.5.6</a> and <a href=\"#para-1-5-7\">1.5.7</a>"
        ),
        "list"
    );
    assert!(
        h.contains("<a href=\"#para-1-2\">1.2</a> – <a href=\"#para-2-1\">2.1</a>"),
        "range, both ends"
    );
    assert!(h.contains("<a href=\"#section-2\">section\n2</a>"), "across a line break");
    assert!(h.contains("<a href=\"/masa/appendix-a/\">Appendix A</a>"), "lettered appendix");
    assert!(h.contains("<a href=\"/masa/appendix-a/#section-2\">Section 2</a> of <a href=\"/masa/appendix-a/\">Appendix A</a>"), "scoped: {h}");
}

#[test]
fn lookalikes_are_left_alone() {
    let site = doc_site();
    site.build(&[]);
    let h = site.read("masa/index.html");
    // Another publication's numbers stay text; the Act and the guidance
    // they belong to link to legislation.gov.uk and GOV.UK.
    assert!(h.contains("href=\"https://www.legislation.gov.uk/ukpga/2004/31/section/16\">section 16 of the Children Act 2004<"), "{h}");
    assert!(h.contains(" paragraph 218 of\n<a class=\"law\" href=\"https://www.gov.uk/"), "{h}");
    for plain in [
        "Section 11 audit",
        "2.6 million",
        "version 2.0",
        "at 3.1 below (5.2.1 and 5.2.3)",
        "Level 2",
    ] {
        assert!(h.contains(plain), "{plain:?} should stay plain text");
    }
}

#[test]
fn missing_targets_and_duplicates_are_warned_about_with_lines() {
    let site = doc_site();
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 0, "warnings only: {ds:?}");
    let unresolved = with_code(&ds, "xref::unresolved");
    let lines: Vec<u64> = unresolved.iter().map(|d| d["line"].as_u64().unwrap()).collect();
    assert_eq!(unresolved.len(), 2, "{unresolved:?}");
    assert!(lines.iter().all(|l| *l == 31), "{lines:?}");
    assert!(unresolved.iter().any(|d| d["message"].as_str().unwrap().contains("13.11")));
    assert!(unresolved.iter().any(|d| d["message"].as_str().unwrap().contains("Appendix C")));
    let dup = with_code(&ds, "xref::duplicate-number");
    assert_eq!(dup.len(), 1);
    assert!(dup[0]["message"].as_str().unwrap().contains("lines 17 and 19"), "{dup:?}");
}

#[test]
fn nested_appendices_are_scoped_to_their_parent() {
    let site = doc_site();
    site.build(&[]);
    let h = site.read("masa/index.html");
    assert!(h.contains("<a href=\"/masa/appendix-b/appendix-1/\">Appendix 1</a> of <a href=\"/masa/appendix-b/\">Appendix B</a>"), "{h}");
    let b = site.read("masa/appendix-b/index.html");
    assert!(b.contains("<a href=\"/masa/appendix-b/appendix-1/\">Appendix 1</a>"), "{b}");
    let b1 = site.read("masa/appendix-b/appendix-1/index.html");
    assert!(
        b1.contains("Appendix 1 to <a href=\"/masa/appendix-b/\">Appendix B: Governance</a>"),
        "{b1}"
    );
    let print = site.read("masa/print/index.html");
    assert!(print.contains("The executive"));
}

#[test]
fn working_together_table_and_missing_items() {
    let site = doc_site();
    site.build(&[]);
    let h = site.read("masa/index.html");
    assert!(h.contains("How these arrangements meet Working Together"));
    assert!(h.contains("Not yet addressed"));
    let (_, ds) = site.check(&[]);
    assert!(!with_code(&ds, "masa::requirement-missing").is_empty());
    site.write("content/masa/index.md", &DOC.replace("practice-reviews", "practise-reviews"));
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 1);
    let unknown = with_code(&ds, "masa::unknown-requirement");
    assert!(unknown[0]["help"].as_str().unwrap().contains("practice-reviews"));
    assert_eq!(unknown[0]["line"], 8);
}

fn versioned_site() -> Site {
    Site::new(&[
        (
            "content/_index.md",
            &page("Home", "", "See [the plan](@/plan/) and [the first](@/plan/v1.9/#section-2).\n"),
        ),
        (
            "content/plan/v1.9/index.md",
            &plan_version(
                "1.9",
                "published",
                "## 1. Aims\n\nThe partners meet monthly.\n\n## 2. Old part\n\nGone later.\n",
            ),
        ),
        (
            "content/plan/v1.10/index.md",
            &plan_version(
                "1.10",
                "published",
                "## 1. Aims\n\nThe partners meet quarterly.\n\n## 3. New part\n\nFresh, see Appendix 1.\n",
            ),
        ),
        (
            "content/plan/v1.10/appendix-1.md",
            &page("Budget", "", "| Item | £ |\n|---|---|\n| Staff | 100 |\n"),
        ),
        ("content/plan/v2.0/index.md", &plan_version("2.0", "draft", "## 1. Aims\n\nDraft.\n")),
    ])
}

#[test]
fn the_current_version_is_the_highest_published_one_ordered_numerically() {
    let site = versioned_site();
    assert_eq!(site.build(&[]).code, 0);
    let current = site.read("plan/index.html");
    assert!(current.contains("quarterly"), "1.10 is newer than 1.9");
    assert!(current.contains("<link rel=\"canonical\" href=\"https://test.example.org/plan/\">"));
    assert!(
        site.exists("plan/appendix-1/index.html")
            && site.exists("plan/v1.10/appendix-1/index.html")
    );
    let old = site.read("plan/v1.9/index.html");
    assert!(
        old.contains(
            "This version has been superseded</strong> by <a href=\"/plan/\">version 1.10"
        ),
        "{old}"
    );
    assert!(!site.exists("plan/v2.0/index.html"), "drafts need --drafts");
    let home = site.read("index.html");
    assert!(home.contains("href=\"/plan/\"") && home.contains("href=\"/plan/v1.9/#section-2\""));
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("/plan/</loc>") && !sitemap.contains("v1.9"));
}

#[test]
fn history_and_changes_pages() {
    let site = versioned_site();
    site.build(&[]);
    let history = site.read("plan/history/index.html");
    assert!(
        history.contains("Version 1.10")
            && history.contains("Version 1.9")
            && history.contains("Version 1.9 notes.")
    );
    let changes = site.read("plan/v1.10/changes/index.html");
    assert!(
        changes.contains("<del><span class=\"visually-hidden\">[removed: </span>monthly"),
        "{changes}"
    );
    assert!(changes.contains("<ins><span class=\"visually-hidden\">[added: </span>quarterly"));
    assert!(
        changes.contains("Added:</span> <a href=\"#cmp-page-1\">Appendix 1: Budget</a>"),
        "{changes}"
    );
    assert!(changes.contains("3. New part") && changes.contains("2. Old part"));
}

#[test]
fn version_mismatch_is_an_error() {
    let site = versioned_site();
    site.write("content/plan/v3.0/index.md", &plan_version("2.9", "published", "x\n"));
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 1);
    assert_eq!(with_code(&ds, "version::mismatch")[0]["file"], "content/plan/v3.0/index.md");
}

#[test]
fn overdue_reviews_are_shown_and_warned() {
    let site = Site::new(&[
        ("content/_index.md", &page("Home", "", "x\n")),
        (
            "content/policy/index.md",
            &page("Policy", "kind: threshold\nreview_due: 2020-01-01\n", "Text.\n"),
        ),
    ]);
    site.build(&[]);
    assert!(site.read("policy/index.html").contains("Review overdue since 1 January 2020"));
    assert!(site.read("reviews/index.html").contains("Overdue"));
    let (_, ds) = site.check(&[]);
    assert_eq!(with_code(&ds, "review::overdue").len(), 1);
}

#[test]
fn consultation_versions_are_previews() {
    let site = versioned_site();
    site.write(
        "content/plan/v2.1/index.md",
        &plan_version("2.1", "consultation", "## 1. Aims\n\nProposed.\n"),
    );
    site.build(&[]);
    assert!(!site.exists("plan/v2.1/index.html"), "not published without --drafts");
    site.build(&["--drafts"]);
    let c = site.read("plan/v2.1/index.html");
    assert!(c.contains("Out for consultation — not yet approved"));
    assert!(c.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(
        site.read("plan/index.html").contains("quarterly"),
        "the current version is still the highest published one"
    );
}

#[test]
fn table_and_chart_shortcodes_read_csv_from_data() {
    let site = Site::new(&[
        ("content/_index.md", &page("Home", "", "x\n")),
        (
            "data/funding.csv",
            "Partner,2024-25,2025-26\nCouncil,\"1,000\",\"1,100\"\nPolice,500,(50)\n",
        ),
        (
            "content/report.md",
            &page(
                "Report",
                "",
                "```table\ndata: funding\ncaption: \"Table 1: Funding\"\ngroups: [{title: \"\", span: 1}, {title: Contributions, span: 2}]\ntotal: true\nchange: true\n```\n\n```chart\ndata: funding\ntitle: Funding by partner\n```\n",
            ),
        ),
    ]);
    assert_eq!(site.build(&[]).code, 0);
    let h = site.read("report/index.html");
    assert!(h.contains("<caption id=\"table-1\">Table 1: Funding</caption>"), "{h}");
    assert!(h.contains("scope=\"colgroup\" colspan=\"2\">Contributions</th>"));
    assert!(
        h.contains("<svg class=\"chart chart-bar\"")
            && h.contains("<title id=\"chart-2-title\">Funding by partner</title>")
    );
    site.write(
        "content/report.md",
        &page("Report", "", "\n```table\ndata: ../../etc/passwd\n```\n"),
    );
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 1);
    let refused = with_code(&ds, "security::data-path");
    assert_eq!(refused[0]["line"], 5, "{ds:?}");
    site.write("content/report.md", &page("Report", "", "```chart\ndata: fundng\ntitle: T\n```\n"));
    let (_, ds) = site.check(&[]);
    assert!(with_code(&ds, "data::shortcode")[0]["help"].as_str().unwrap().contains("funding"));
}

#[test]
fn newer_previews_are_not_superseded_and_old_versions_are_not_due_for_review() {
    let site = versioned_site();
    site.write(
        "content/plan/v1.9/index.md",
        &plan_version("1.9", "published", "## 1. Aims\n\nOld.\n\n## 2. Old part\n\nGone.\n")
            .replace("changes:", "review_due: 2020-01-01\nchanges:"),
    );
    let r = site.build(&["--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let draft = site.read("plan/v2.0/index.html");
    assert!(!draft.contains("has been superseded"), "a newer draft is not superseded");
    assert!(draft.contains("Draft — not yet approved"));
    let (_, ds) = site.check(&[]);
    assert!(
        with_code(&ds, "review::overdue").is_empty(),
        "a superseded version is not due for review: {ds:?}"
    );
    assert!(!site.read("reviews/index.html").contains("/plan/v1.9/"));
}

#[test]
fn files_beside_a_local_offer_are_services_by_default() {
    let site = Site::new(&[
        ("content/_index.md", &page("Home", "", "x\n")),
        (
            "content/offer/index.md",
            &page("Offer", "kind: local-offer\noffer_for: send\n", "Services.\n"),
        ),
        (
            "content/offer/breaks.md",
            &page(
                "Short breaks",
                "ages: { min: 5, max: 17 }\ncategories: [leisure]\ncontact: { phone: \"020 7946 0102\" }\n",
                "Fun.\n",
            ),
        ),
    ]);
    let r = site.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(site.read("offer/breaks/index.html").contains("href=\"tel:+442079460102\""));
    assert!(
        site.exists("offer/category/leisure/index.html")
            && site.exists("offer/ages/5-to-10/index.html")
    );
    assert!(!site.exists("offer/ages/0-to-4/index.html"), "no empty age pages");
    let json: serde_json::Value =
        serde_json::from_str(&site.read("offer/open-referral.json")).unwrap();
    assert_eq!(json["content"][0]["name"], "Short breaks");
}

#[test]
fn services_are_checked_against_open_referral_and_rag_is_marked() {
    let site = Site::new(&[
        ("content/_index.md", &page("Home", "", "Progress: RAG: Amber.\n")),
        ("content/offer/index.md", &page("Offer", "kind: local-offer\n", "Services.\n")),
        ("content/offer/bare.md", &page("Bare service", "ages: { min: 5, max: 17 }\n", "Text.\n")),
    ]);
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 0);
    let w = with_code(&ds, "offer::open-referral");
    assert_eq!(w.len(), 1);
    assert!(
        w[0]["message"].as_str().unwrap().contains("summary")
            && w[0]["message"].as_str().unwrap().contains("contact")
    );
    site.build(&[]);
    assert!(site.read("index.html").contains("<span class=\"rag rag-amber\">RAG: Amber</span>"));
}

#[test]
fn sites_add_shortcodes_as_templates() {
    let site = Site::new(&[
        ("content/_index.md", &page("Home", "", "x\n")),
        (
            "templates/shortcodes/callout.html",
            "<aside class=\"callout\"><p>{{ args.text }}</p><p>{{ data.tables.money.rows | length }} rows</p></aside>",
        ),
        ("data/money.csv", "A,B\n1,2\n3,4\n"),
        (
            "content/a.md",
            &page(
                "A",
                "",
                "Before.\n\n```callout\ntext: Read this first\n```\n\n```rust\nfn main() {}\n```\n",
            ),
        ),
    ]);
    assert_eq!(site.build(&[]).code, 0);
    let a = site.read("a/index.html");
    assert!(
        a.contains("<aside class=\"callout\"><p>Read this first</p><p>2 rows</p></aside>"),
        "{a}"
    );
    assert!(a.contains("class=\"hl-"), "other code blocks stay code");
    site.write("content/a.md", &page("A", "", "Before.\n\n```callout\ntext: [unclosed\n```\n"));
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 1);
    let d = with_code(&ds, "data::shortcode");
    assert_eq!(
        (d[0]["file"].as_str(), d[0]["line"].as_u64()),
        (Some("content/a.md"), Some(6)),
        "{ds:?}"
    );
}

/// On a print page, links within the document become fragments of the
/// print page; links to another document keep that document's address,
/// and every fragment left on the page names an id on it.
#[test]
fn print_pages_link_within_and_beyond_their_document() {
    let site = Site::new(&[
        ("content/_index.md", &page("Home", "", "Home.\n")),
        (
            "content/doca/index.md",
            &page(
                "Doc A",
                "",
                "See [doc B](@/docb/#section-1), [its appendix](@/docb/appendix-1/) and Appendix 1.\n\n## 1. One\n\n1.1 Text.\n",
            ),
        ),
        (
            "content/doca/appendix-1.md",
            &page("App A", "", "Back to [A](@/doca/#section-1) and paragraph 1.1.\n"),
        ),
        ("content/docb/index.md", &page("Doc B", "", "## 1. Intro\n\nText.\n")),
        ("content/docb/appendix-1.md", &page("App B", "", "Text.\n")),
    ]);
    let r = site.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let print = site.read("doca/print/index.html");
    assert!(print.contains("<a href=\"/docb/#section-1\">doc B</a>"), "{print}");
    assert!(print.contains("<a href=\"/docb/appendix-1/\">its appendix</a>"), "{print}");
    let ids: std::collections::BTreeSet<&str> =
        print.split(" id=\"").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    for fragment in print.split("href=\"#").skip(1).map(|s| s.split('"').next().unwrap()) {
        assert!(ids.contains(fragment), "#{fragment} has no target on the print page");
    }
    assert!(
        print.contains("href=\"#appendix-1--para-1-1\"") || print.contains("href=\"#para-1-1\""),
        "{print}"
    );
}

#[test]
fn review_dates_go_on_over_further_pages_past_a_thousand_documents() {
    let mut files: Vec<(String, String)> =
        vec![("content/_index.md".into(), page("Home", "", "x\n"))];
    for i in 0..2100 {
        let due = format!("review_due: 2027-{:02}-01\n", i % 12 + 1);
        files.push((
            format!("content/docs/d{i:04}/index.md"),
            page(&format!("Doc {i:04}"), &due, "Text.\n"),
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let s = Site::new(&refs);
    assert_eq!(s.build(&[]).code, 0);
    let rows = |html: &str| html.matches("<th scope=\"row\">").count();
    let first = s.read("reviews/index.html");
    let second = s.read("reviews/2/index.html");
    let third = s.read("reviews/3/index.html");
    assert_eq!((rows(&first), rows(&second), rows(&third)), (1000, 1000, 100));
    assert!(!s.exists("reviews/4/index.html"));
    assert!(first.contains("<title>Review dates (page 1 of 3)"), "{}", &first[..400]);
    assert!(second.contains("from number 1001</caption>"));
    assert!(third.contains("<a href=\"/reviews/3/\" aria-current=\"page\">Page 3</a>"));
    // Soonest first across the pages: January's documents open the first,
    // December's close the last.
    assert!(first.contains("datetime=\"2027-01-01\""));
    assert!(!third.contains("datetime=\"2027-01-01\""));
    assert!(third.contains("datetime=\"2027-12-01\""));
    let sitemap = s.read("sitemap.xml");
    assert!(sitemap.contains("/reviews/</loc>") && !sitemap.contains("/reviews/2/</loc>"));
}
