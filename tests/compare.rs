//! Changes and compare pages: the rendered text of two versions compared,
//! on fixture sites built by the real binary, one behaviour per test.

mod common;
use common::*;

/// A version's `index.md`.
fn version(v: &str, status: &str, extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: Plan\nkind: arrangements\nversion: \"{v}\"\nstatus: {status}\npublished: 2025-01-0{}\nreview_due: 2099-01-01\n{extra}---\n{body}",
        v.len().min(9)
    )
}

/// A site with versions 1.0 and 2.0 of `plan` (and any extra files).
fn two_versions(old: &str, new: &str, extra: &[(&str, &str)]) -> Site {
    let old = version("1.0", "published", "", old);
    let new = version("2.0", "published", "", new);
    let mut files = vec![
        ("content/plan/v1.0/index.md", old.as_str()),
        ("content/plan/v2.0/index.md", new.as_str()),
    ];
    files.extend_from_slice(extra);
    let site = Site::new(&files);
    let r = site.build(&[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    site
}

/// The part of the page that compares the text, after the key.
fn compared(html: &str) -> &str {
    let start =
        html.find("<section class=\"cmp-page\"").unwrap_or_else(|| panic!("no comparison: {html}"));
    &html[start..html.find("</main>").unwrap()]
}

/// The page with the visually hidden words dropped and marks written as
/// `{+…+}` and `[-…-]`, for readable assertions.
fn marked(html: &str) -> String {
    let re = regex::Regex::new(r#"<span class="visually-hidden">[^<]*</span>"#).unwrap();
    re.replace_all(html, "")
        .replace("<ins>", "{+")
        .replace("</ins>", "+}")
        .replace("<del>", "[-")
        .replace("</del>", "-]")
}

const SECTIONS: &str = "## 11. Reviews\n\n11.1 The partners commission practice reviews.\n\n## 12. Threshold document\n\n12.1 The threshold document describes four levels of need.\n\n12.2 It is reviewed with these arrangements.\n\n## 13. Independent scrutiny\n\n13.1 The scrutineer chairs the board.\n\n13.2 Review section 12 each year.\n";

#[test]
fn a_new_section_is_one_insertion_and_later_ones_are_renumbered() {
    let new = "## 11. Reviews\n\n11.1 The partners commission practice reviews.\n\n## 12. Voice of children\n\n12.1 Listening to children comes first.\n\n## 13. Threshold document\n\n13.1 The threshold document describes four levels of need.\n\n13.2 It is reviewed with these arrangements.\n\n## 14. Independent scrutiny\n\n14.1 The scrutineer chairs the board.\n\n14.2 Review section 13 each year.\n";
    let site = two_versions(SECTIONS, new, &[]);
    let page = site.read("plan/v2.0/changes/index.html");
    let text = marked(compared(&page));
    assert!(text.contains("<h4>{+12. Voice of children+}"), "{text}");
    assert_eq!(text.matches("{+").count(), 3, "the heading, its paragraph and one word: {text}");
    assert!(
        text.contains("Section 13. Threshold document</a>: renumbered (was 12), no other change."),
        "{text}"
    );
    assert!(
        text.contains(
            "14. Independent scrutiny <span class=\"cmp-tag\">renumbered (was 13)</span>"
        )
    );
    assert!(text.contains("14.2 Review section [-12-]{+13+} each year."), "{text}");
    assert!(!text.contains("renumbered (was 12.1)"), "paragraphs follow their section silently");
    assert!(
        page.contains("<span class=\"cmp-tag\">renumbered (was 12)</span>"),
        "in the summary too"
    );
}

#[test]
fn a_moved_paragraph_is_labelled_at_both_places_and_linked() {
    let old = "## 1. Governance\n\n1.1 The board meets quarterly.\n\n1.2 Children placed here by other authorities are safeguarded as our own children.\n\n## 2. Homes\n\n2.1 There are nine children's homes.\n";
    let new = "## 1. Governance\n\n1.1 The board meets quarterly.\n\n## 2. Homes\n\n2.1 There are nine children's homes.\n\n2.2 Children placed here by other authorities are safeguarded as our own children.\n";
    let site = two_versions(old, new, &[]);
    let text = marked(compared(&site.read("plan/v2.0/changes/index.html")));
    let was = regex::Regex::new(r##"<p class="cmp-tags" id="(cmp-0-was-\d+)"><span class="cmp-tag">moved</span> <a href="#(cmp-0-now-\d+)">to section 2. Homes</a></p>\n<p>\[-1.2 Children placed"##).unwrap();
    let now = regex::Regex::new(r##"<p class="cmp-tags" id="(cmp-0-now-\d+)"><span class="cmp-tag">moved</span> <a href="#(cmp-0-was-\d+)">from section 1. Governance</a></p>\n<p>\{\+2.2 Children placed"##).unwrap();
    let (w, n) = (was.captures(&text).expect(&text), now.captures(&text).expect(&text));
    assert_eq!((&w[1], &w[2]), (&n[2], &n[1]), "each links to the other");
}

#[test]
fn a_changed_figure_is_one_marked_cell() {
    let table = |police: &str| {
        format!(
            "## 1. Funding\n\nTable 1: Partner contributions\n\n| Partner | 2025-26 (£) |\n|---|---|\n| Council | 252,000 |\n| Police | {police} |\n| **Total** | **304,500** |\n"
        )
    };
    let site = two_versions(&table("52,500"), &table("51,190"), &[]);
    let text = marked(compared(&site.read("plan/v2.0/changes/index.html")));
    assert_eq!(text.matches("{+").count(), 1, "{text}");
    assert!(
        text.contains("<th scope=\"row\">Police</th><td class=\"num\">[-52,500-]{+51,190+}</td>"),
        "{text}"
    );
    assert!(text.contains("<caption id=\"cmp-0-t1\">Table 1: Partner contributions</caption>"));
    assert!(text.contains("<th scope=\"row\"><strong>Total</strong></th>"));
    assert!(!text.contains("|---|") && !text.contains("**"));
}

#[test]
fn appendices_are_compared_one_by_one_and_a_removed_one_says_so() {
    let appendix = |title: &str, body: &str| page(title, "", body);
    let site = two_versions(
        "## 1. Aims\n\n1.1 See Appendix 1 and Appendix 2.\n",
        "## 1. Aims\n\n1.1 See Appendix 1.\n",
        &[
            ("content/plan/v1.0/appendix-1.md", &appendix("Relevant agencies", "The agencies.\n")),
            ("content/plan/v2.0/appendix-1.md", &appendix("Relevant agencies", "The agencies.\n")),
            (
                "content/plan/v1.0/appendix-2.md",
                &appendix("Transition plan", "1.1 Changes to make by December.\n"),
            ),
            ("content/plan/v1.0/appendix-3/index.md", &appendix("Protocol", "The protocol.\n")),
            (
                "content/plan/v1.0/appendix-3/appendix-1.md",
                &appendix("Template", "Use initials.\n"),
            ),
            ("content/plan/v2.0/appendix-3/index.md", &appendix("Protocol", "The protocol.\n")),
            (
                "content/plan/v2.0/appendix-3/appendix-1.md",
                &appendix("Template", "Use initials only.\n"),
            ),
        ],
    );
    let page = site.read("plan/v2.0/changes/index.html");
    assert!(
        page.contains("Removed:</span> <a href=\"#cmp-page-2\">Appendix 2: Transition plan</a>"),
        "{page}"
    );
    assert!(page.contains(
        "Changed:</span> <a href=\"#cmp-page-4\">Appendix 1 of Appendix 3: Template</a>"
    ));
    assert!(page.contains("No change: <a href=\"/plan/v2.0/appendix-1/\">Appendix 1: Relevant agencies</a>; <a href=\"/plan/v2.0/appendix-3/\">Appendix 3: Protocol</a>."), "{page}");
    let text = marked(compared(&page));
    assert!(text.contains("<p>[-1.1 Changes to make by December.-]</p>"), "{text}");
    assert!(text.contains("Use initials{+ only+}."), "{text}");
}

#[test]
fn a_removed_private_host_link_never_comes_back() {
    let old = "## 1. Aims\n\n1.1 Staff read [the intranet policy](http://intranet.wrenfield.local/policy) first.\n";
    let new = "## 1. Aims\n\n1.1 Staff read the policy first.\n";
    let site = two_versions(old, new, &[]);
    let page = site.read("plan/v2.0/changes/index.html");
    assert!(!page.contains("intranet.wrenfield.local"), "{page}");
    assert!(!page.contains("intranet policy"), "the link's text is left out with it");
    assert!(
        marked(compared(&page))
            .contains("[-<span class=\"cmp-redacted\">[internal link left out]</span>-]"),
        "{page}"
    );
}

#[test]
fn a_removed_raw_html_block_is_never_re_emitted() {
    let old = "## 1. Aims\n\n1.1 The aims.\n\n<div class=\"box\" onclick=\"track()\">Call the duty desk on extension 4410</div>\n\n1.2 More aims.\n";
    let new = "## 1. Aims\n\n1.1 The aims.\n\n1.2 More aims.\n";
    let config = format!("{CONFIG}markdown:\n  raw_html: warn\n");
    let site = two_versions(old, new, &[("charter.yaml", &config)]);
    let page = site.read("plan/v2.0/changes/index.html");
    assert!(!page.contains("onclick") && !page.contains("extension 4410"), "{page}");
    assert!(marked(compared(&page)).contains(
        "<p class=\"cmp-redacted-block\">[-<span class=\"cmp-redacted\">[HTML left out of the comparison]</span>-]</p>"
    ));
}

#[test]
fn a_heading_only_change_is_one_changed_section_and_the_rest_collapse() {
    let body = |seven: &str| {
        let mut s = String::new();
        for (n, title) in [
            (1, "Foreword"),
            (2, "Governance"),
            (3, "Vision"),
            (4, "Area"),
            (5, "Partners"),
            (6, "Agencies"),
        ] {
            s.push_str(&format!("## {n}. {title}\n\n{n}.1 The text of section {n}.\n\n"));
        }
        s.push_str(&format!("## 7. {seven}\n\n7.1 Schools see children every day.\n\n## 8. Custody\n\n8.1 None here.\n"));
        s
    };
    let site = two_versions(
        &body("Education settings"),
        &body("Schools, colleges and early years settings"),
        &[],
    );
    let page = site.read("plan/v2.0/changes/index.html");
    assert_eq!(
        page.matches("<span class=\"change change-changed\">Changed:</span> <a href=\"#cmp-0-s")
            .count(),
        1
    );
    let text = marked(compared(&page));
    assert!(text.contains("<p class=\"cmp-same\"><a href=\"/plan/v2.0/#section-1\">Sections 1 to 6</a>: no change.</p>"), "{text}");
    assert!(
        text.contains(
            "<h4>7. [-Education settings-]{+Schools, colleges and early years settings+}</h4>"
        ),
        "{text}"
    );
    assert!(text.contains(
        "<p class=\"cmp-same\"><a href=\"/plan/v2.0/#section-8\">Section 8</a>: no change.</p>"
    ));
    assert!(
        text.contains("<p>7.1 Schools see children every day.</p>"),
        "a changed section is shown whole"
    );
}

#[test]
fn compare_pages_cover_every_earlier_version_and_stay_out_of_search_and_the_sitemap() {
    let site = Site::new(&[
        (
            "content/plan/v1.0/index.md",
            &version("1.0", "published", "", "## 1. Aims\n\n1.1 We meet monthly.\n"),
        ),
        (
            "content/plan/v1.1/index.md",
            &version("1.1", "published", "", "## 1. Aims\n\n1.1 We meet every month.\n"),
        ),
        (
            "content/plan/v2.0/index.md",
            &version(
                "2.0",
                "published",
                "changes: Version 2.0 moves to quarterly meetings.\n",
                "## 1. Aims\n\n1.1 We meet quarterly.\n",
            ),
        ),
        (
            "content/plan/v2.1/index.md",
            &version("2.1", "consultation", "", "## 1. Aims\n\n1.1 We meet twice a year.\n"),
        ),
    ]);
    assert_eq!(site.build(&[]).code, 0);
    for v in ["v1.0", "v1.1"] {
        let page = site.read(&format!("plan/compare/{v}/index.html"));
        assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(page.contains("We meet <del>"), "{page}");
        assert!(page.contains("Version 2.0 moves to quarterly meetings."), "the notes since then");
    }
    assert!(
        !site.exists("plan/compare/v2.0/index.html"),
        "the current version is not compared with itself"
    );
    assert!(
        !site.exists("plan/compare/v2.1/index.html"),
        "a consultation version only with --drafts"
    );
    assert!(
        site.read("plan/v2.0/changes/index.html")
            .contains("<meta name=\"robots\" content=\"noindex\">")
    );
    let history = site.read("plan/history/index.html");
    assert!(history.contains(
        "<a href=\"/plan/compare/v1.0/\">Compare version 1.0 with the current version</a>"
    ));
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("compare/") && !sitemap.contains("changes/"), "{sitemap}");
    let search: String = walkdir::WalkDir::new(site.out().join("search"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(!search.contains("compare/") && !search.contains("changes/"));
    assert_eq!(site.build(&["--drafts"]).code, 0);
    let consultation = site.read("plan/compare/v2.1/index.html");
    assert!(
        consultation
            .contains("What consultation version 2.1 would change in the current version, 2.0.")
    );
    assert!(
        consultation
            .contains("We meet <del><span class=\"visually-hidden\">[removed: </span>quarterly")
    );
}

#[test]
fn a_version_read_by_several_comparisons_shows_its_own_text_in_each() {
    // Four versions: every version is in two or three comparisons (its own
    // changes page, the next one's, its compare page; the current one in
    // every compare page), and each page's blocks are read once for all of
    // them. Each page must still show its own pair of texts, with an
    // appendix that stays the same and one that changes alongside.
    let words = ["monthly", "quarterly", "yearly", "twice a year"];
    let mut files: Vec<(String, String)> = Vec::new();
    for (n, when) in words.iter().enumerate() {
        let v = format!("{}.0", n + 1);
        let body = format!("## 1. Aims\n\n1.1 The board meets {when}.\n\n1.2 See Appendix 1.\n");
        files.push((format!("content/plan/v{v}/index.md"), version(&v, "published", "", &body)));
        files.push((
            format!("content/plan/v{v}/appendix-1.md"),
            format!("---\ntitle: Members\n---\n\nA1.1 The chair reports {when}.\n"),
        ));
        files.push((
            format!("content/plan/v{v}/appendix-2.md"),
            "---\ntitle: Contacts\n---\n\nA2.1 Write to the business unit.\n".to_string(),
        ));
    }
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let site = Site::new(&files);
    let r = site.build(&[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let pages = [
        ("plan/v2.0/changes/index.html", 0, 1),
        ("plan/v3.0/changes/index.html", 1, 2),
        ("plan/v4.0/changes/index.html", 2, 3),
        ("plan/compare/v1.0/index.html", 0, 3),
        ("plan/compare/v2.0/index.html", 1, 3),
        ("plan/compare/v3.0/index.html", 2, 3),
    ];
    for (path, old, new) in pages {
        let text = marked(compared(&site.read(path)));
        let (was, now) = (words[old], words[new]);
        assert!(text.contains(&format!("The board meets [-{was}-]{{+{now}+}}.")), "{path}: {text}");
        assert!(
            text.contains(&format!("The chair reports [-{was}-]{{+{now}+}}.")),
            "{path}: {text}"
        );
        for other in words.iter().filter(|w| **w != was && **w != now) {
            assert!(!text.contains(other), "{path} shows {other}: {text}");
        }
    }
}

#[test]
fn ids_are_prefixed_and_unique_and_the_notes_are_redacted_too() {
    let old =
        "## 1. Aims\n\n1.1 Aims.[^1]\n\n[^1]: A note.\n\n## 2. Scope {#scope}\n\n2.1 Scope.\n";
    let new = "## 1. Aims\n\n1.1 New aims.[^1]\n\n[^1]: A note.\n\n## 2. Scope {#scope}\n\n2.1 Wider scope.\n";
    // Script-capable HTML in `changes:` is an error by default (it is
    // checked like any Markdown): allow it with a warning to see the
    // gathered notes leave it out all the same.
    let config = format!("{CONFIG}markdown:\n  raw_html: warn\n");
    let site = Site::new(&[
        ("charter.yaml", &config),
        ("content/plan/v1.0/index.md", &version("1.0", "published", "", old)),
        (
            "content/plan/v2.0/index.md",
            &version(
                "2.0",
                "published",
                "changes: See [the old plan](http://192.168.1.20/plan) and <b onclick=\"x()\">this</b>.\n",
                new,
            ),
        ),
    ]);
    assert_eq!(site.build(&[]).code, 0);
    // By default the same HTML stops the build, pointing at it in the
    // frontmatter line.
    site.write("charter.yaml", CONFIG);
    let (status, ds) = site.check(&[]);
    let raw = with_code(&ds, "security::raw-html");
    assert_eq!((status, raw.len()), (1, 1), "{ds:#?}");
    assert_eq!((raw[0]["line"].as_u64(), raw[0]["column"].as_u64()), (Some(8), Some(59)));
    site.write("charter.yaml", &config);
    assert_eq!(site.build(&[]).code, 0);
    for path in ["plan/v2.0/changes/index.html", "plan/history/index.html"] {
        let page = site.read(path);
        assert!(!page.contains("192.168.1.20") && !page.contains("onclick"), "{path}: {page}");
        assert!(page.contains("[internal link left out]"), "{path}");
    }
    let page = site.read("plan/v2.0/changes/index.html");
    let text = compared(&page);
    let ids: Vec<&str> = regex::Regex::new(r#"\sid="([^"]+)""#)
        .unwrap()
        .captures_iter(text)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert!(!ids.is_empty());
    assert!(ids.iter().all(|id| id.starts_with("cmp-")), "{ids:?}");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    assert!(!page.contains("id=\"scope\"") && !page.contains("id=\"fn-1\""));
    assert!(text.contains("<sup>[1]</sup>") && text.contains("Note 1:</span> A note."), "{text}");
}

#[test]
fn a_chart_says_which_figures_changed() {
    let chart = |data: &str| {
        format!("## 1. Contacts\n\n```chart\ndata: {data}\ntitle: Contacts by source\n```\n")
    };
    let site = two_versions(
        &chart("contacts-2025"),
        &chart("contacts-2026"),
        &[
            (
                "data/contacts-2025.csv",
                "Source,2024-25,2025-26\nPolice,1200,1260\nSchools,980,1010\n",
            ),
            (
                "data/contacts-2026.csv",
                "Source,2024-25,2025-26\nPolice,1200,1310\nSchools,980,1010\nHealth,400,420\n",
            ),
        ],
    );
    let text = marked(compared(&site.read("plan/v2.0/changes/index.html")));
    assert!(
        text.contains("<strong>Chart: Contacts by source. </strong>Figures changed: Police, 2025-26: from 1,260 to 1,310; Health added.</p>"),
        "{text}"
    );
    assert!(text.contains("<td class=\"num\">[-1,260-]{+1,310+}</td>"), "{text}");
    assert!(!text.contains("<svg"), "the figures, not the picture");
}
