//! A site written the way councils write (tests/fixtures/realistic/):
//! arrangements in two versions with appendices, a threshold document, a
//! LADO annual report with footnotes and pasted tables, an improvement plan
//! with RAG ratings, a cabinet report and a local offer. Every wording the
//! fixture holds has an expected outcome in `cases.rs`; this test builds the
//! site with the real binary and checks each one, then counts, per family,
//! what was linked correctly or wrongly, warned or warned falsely, and left
//! alone.

#[path = "../common/mod.rs"]
mod common;

mod cases;
mod html;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use cases::{Case, Family, Placement, Want};
use common::run;
use html::{PageText, normalise};
use serde_json::Value;

/// The fixture copied into a temporary folder, with `overlay`'s files on top.
fn fixture(overlay: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    copy_tree(&here.join("realistic"), dir.path());
    if let Some(o) = overlay {
        copy_tree(&here.join(o), dir.path());
    }
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("fixture folder") {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A built fixture: its output pages and every diagnostic, notes included.
struct Built {
    dir: tempfile::TempDir,
    diagnostics: Vec<Value>,
    pages: BTreeMap<String, PageText>,
}

impl Built {
    fn new(overlay: Option<&str>) -> Built {
        let dir = fixture(overlay);
        let root = dir.path().to_str().unwrap().to_string();
        let out = dir.path().join("public");
        let out = out.to_str().unwrap().to_string();
        if overlay.is_none() {
            let r = run(&["build", "--root", &root, "--out", &out]);
            assert_eq!(r.code, 0, "the fixture builds: {}{}", r.stdout, r.stderr);
        }
        let r = run(&["check", "--root", &root, "--format", "json", "--notes"]);
        let diagnostics: Vec<Value> = serde_json::from_str(&r.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}{}", r.stdout, r.stderr));
        Built { dir, diagnostics, pages: BTreeMap::new() }
    }

    fn html(&self, page: &str) -> String {
        let path = self.dir.path().join("public").join(page);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {page}: {e}"))
    }

    fn page(&mut self, page: &str) -> &PageText {
        if !self.pages.contains_key(page) {
            let text = PageText::of(&self.html(page));
            self.pages.insert(page.to_string(), text);
        }
        &self.pages[page]
    }

    fn source(&self, file: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(file)).unwrap()
    }
}

/// The 1-based line and column (in characters) of `phrase` inside the
/// only occurrence of `context` in `text`.
fn position(text: &str, context: &str, phrase: &str) -> Option<(usize, usize)> {
    let norm: String = text.chars().map(normalise).collect();
    let context: String = context.chars().map(normalise).collect();
    let found: Vec<usize> = norm.match_indices(&context).map(|(i, _)| i).collect();
    assert!(found.len() <= 1, "`{context}` is written {} times in the source", found.len());
    let at = found.first()? + context.find(phrase)?;
    let before = &norm[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map(|i| i + 1).unwrap_or(0)..].chars().count() + 1;
    Some((line, column))
}

/// Every place a diagnostic names: its own, and for a grouped acronym,
/// those its message lists.
fn places(d: &Value) -> Vec<(String, usize, usize)> {
    let file = d["file"].as_str().unwrap_or("").to_string();
    let mut out =
        vec![(file, d["line"].as_u64().unwrap() as usize, d["column"].as_u64().unwrap() as usize)];
    let message = d["message"].as_str().unwrap_or("");
    if let Some(list) = message.split("times: ").nth(1) {
        for place in list.trim_end_matches(')').split(", ") {
            let parts: Vec<&str> = place.rsplitn(3, ':').collect();
            if let [col, line, file] = parts[..] {
                let p = (file.to_string(), line.parse().unwrap_or(0), col.parse().unwrap_or(0));
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
    }
    out
}

/// What one case came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    LinkedCorrectly,
    LinkedWrongly,
    Missed,
    Warned,
    LeftAlone,
}

/// The counts the issue asks for, per family.
#[derive(Default, Debug)]
struct Tally {
    linked_correctly: usize,
    linked_wrongly: usize,
    warned: usize,
    warned_falsely: usize,
    left_alone: usize,
    missed: usize,
}

/// Checks one case's phrase on its page; returns the outcome and, when it
/// is wrong, why.
fn judge(built: &mut Built, c: &Case) -> (Outcome, Option<String>) {
    let text = built.page(c.page);
    let found = text.find_all(c.context);
    // A threshold's level text is shown twice: in the table and the level's own section.
    let shown_twice = c.placement == Placement::Frontmatter && found.len() == 2;
    if found.len() != 1 && !shown_twice {
        let why = format!("`{}` is on {} {} times", c.context, c.page, found.len());
        return (Outcome::Missed, Some(why));
    }
    let offset =
        c.context.find(c.phrase).unwrap_or_else(|| panic!("`{}` not in `{}`", c.phrase, c.context));
    let start = found[0] + c.context[..offset].chars().count();
    let mut links = text.links_over(start, c.phrase.chars().count());
    for other in &found[1..] {
        let at = other + c.context[..offset].chars().count();
        links.extend(text.links_over(at, c.phrase.chars().count()));
    }
    let shown = text.around(start);
    let hrefs: BTreeSet<String> =
        links.iter().flatten().map(|&a| text.anchors[a].href.clone()).collect();
    match c.want {
        Want::Link(want) => {
            if links.iter().all(|l| l.is_some()) && hrefs.len() == 1 && hrefs.contains(want) {
                (Outcome::LinkedCorrectly, None)
            } else if hrefs.is_empty() {
                (Outcome::Missed, Some(format!("not linked (want {want}): …{shown}…")))
            } else {
                (
                    Outcome::LinkedWrongly,
                    Some(format!("linked to {hrefs:?} (want {want}): …{shown}…")),
                )
            }
        }
        Want::Plain | Want::Warn(_) | Want::Note(_) => {
            if hrefs.is_empty() {
                let outcome = if matches!(c.want, Want::Warn(_)) {
                    Outcome::Warned
                } else {
                    Outcome::LeftAlone
                };
                (outcome, None)
            } else {
                (Outcome::LinkedWrongly, Some(format!("linked to {hrefs:?}: …{shown}…")))
            }
        }
    }
}

/// The diagnostic a warning or note case expects, found and removed from
/// `pending`; `None` with the reason when it is missing or misplaced.
fn expect_diagnostic(built: &Built, c: &Case, pending: &mut Vec<Value>) -> Option<String> {
    let code = match c.want {
        Want::Warn(code) | Want::Note(code) => code,
        _ => return None,
    };
    let source = built.source(c.source);
    let Some((line, column)) = position(&source, c.context, c.phrase) else {
        return Some(format!("`{}` is not written in {}", c.context, c.source));
    };
    let place = (c.source.to_string(), line, column);
    let hit = pending.iter().position(|d| d["code"] == code && places(d).contains(&place));
    let Some(i) = hit else {
        return Some(format!("no {code} at {}:{line}:{column} (`{}`)", c.source, c.phrase));
    };
    let d = &pending[i];
    let is_primary = places(d)[0] == place;
    if is_primary {
        let end = d["end_column"].as_u64().unwrap_or(0) as usize;
        let want_end = column + c.phrase.chars().count() - 1;
        if end != want_end {
            return Some(format!(
                "{code} at {}:{line}:{column} ends at column {end}, not {want_end}",
                c.source
            ));
        }
    }
    // A grouped acronym warning covers several cases: it is removed once all have been seen.
    let remaining: Vec<_> = places(d).into_iter().filter(|p| *p != place).collect();
    if code == "glossary::undefined-acronym" && !remaining.is_empty() {
        let mut d = d.clone();
        d["_seen"] = Value::from(d["_seen"].as_u64().unwrap_or(0) + 1);
        pending[i] = d;
        if pending[i]["_seen"].as_u64().unwrap() as usize >= places(&pending[i]).len() {
            pending.remove(i);
        }
    } else {
        pending.remove(i);
    }
    None
}

/// The outcomes of every case on the built fixture, with the problems found.
fn measure(built: &mut Built) -> (BTreeMap<Family, Tally>, Vec<String>, Vec<Value>) {
    let all = cases::cases();
    let mut tallies: BTreeMap<Family, Tally> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut pending: Vec<Value> = built.diagnostics.clone();
    for c in &all {
        let (outcome, why) = judge(built, c);
        let tally = tallies.entry(c.family).or_default();
        match outcome {
            Outcome::LinkedCorrectly => tally.linked_correctly += 1,
            Outcome::LinkedWrongly => tally.linked_wrongly += 1,
            Outcome::Missed => tally.missed += 1,
            Outcome::Warned => tally.warned += 1,
            Outcome::LeftAlone => tally.left_alone += 1,
        }
        if let Some(why) = why {
            problems.push(format!("{:?} {:?} {}: {why}", c.family, c.placement, c.page));
        }
        if let Some(why) = expect_diagnostic(built, c, &mut pending) {
            if matches!(c.want, Want::Warn(_)) {
                tallies.get_mut(&c.family).unwrap().warned -= 1;
                tallies.get_mut(&c.family).unwrap().missed += 1;
            }
            problems.push(format!("{:?} {:?}: {why}", c.family, c.placement));
        }
    }
    // What is left is unexpected; warnings among it are false alarms.
    let unexpected: Vec<Value> = pending.into_iter().filter(|d| !expected_elsewhere(d)).collect();
    for d in &unexpected {
        let family = match d["code"].as_str().unwrap_or("") {
            "glossary::undefined-acronym" => Some(Family::Acronym),
            "xref::unresolved" => Some(Family::Xref),
            "xref::level-not-linked" => Some(Family::Level),
            "xref::unknown-act" => Some(Family::Statute),
            _ => None,
        };
        if let Some(f) = family
            && d["severity"] == "warning"
        {
            tallies.entry(f).or_default().warned_falsely += 1;
        }
    }
    (tallies, problems, unexpected)
}

/// Diagnostics this test does not measure case by case: the status of the
/// documents (checked in `status_follows_the_review_rule`), the notes about
/// Working Together requirements and unused glossary terms.
fn expected_elsewhere(d: &Value) -> bool {
    let code = d["code"].as_str().unwrap_or("");
    let file = d["file"].as_str().unwrap_or("");
    matches!(code, "masa::requirement-missing" | "glossary::unused") && d["severity"] == "note"
        || code == "review::overdue"
            && matches!(
                file,
                "content/arrangements/kmsp/v2.0/index.md"
                    | "content/plans/ilacs-improvement-plan/v2.0/index.md"
            )
}

#[test]
fn every_reference_level_statute_and_acronym_on_realistic_documents() {
    let mut built = Built::new(None);
    let (tallies, problems, unexpected) = measure(&mut built);
    println!("family     linked-correctly linked-wrongly warned warned-falsely left-alone missed");
    for (family, t) in &tallies {
        println!(
            "{:<10} {:>16} {:>14} {:>6} {:>14} {:>10} {:>6}",
            format!("{family:?}"),
            t.linked_correctly,
            t.linked_wrongly,
            t.warned,
            t.warned_falsely,
            t.left_alone,
            t.missed
        );
    }
    let unexpected_text: Vec<String> = unexpected
        .iter()
        .map(|d| {
            format!(
                "{} {} {}:{}:{} {}",
                d["severity"], d["code"], d["file"], d["line"], d["column"], d["message"]
            )
        })
        .collect();
    assert!(
        problems.is_empty() && unexpected.is_empty(),
        "{} problems:\n{}\n\n{} unexpected diagnostics:\n{}",
        problems.len(),
        problems.join("\n"),
        unexpected.len(),
        unexpected_text.join("\n")
    );
    for t in tallies.values() {
        assert_eq!((t.linked_wrongly, t.warned_falsely, t.missed), (0, 0, 0));
    }
}

#[test]
fn the_fixture_covers_every_family_in_every_placement() {
    let all = cases::cases();
    for family in [Family::Xref, Family::Level, Family::Statute, Family::Acronym] {
        for placement in [
            Placement::Body,
            Placement::Footnote,
            Placement::Cell,
            Placement::Item,
            Placement::Changes,
        ] {
            let of = |near: bool| {
                all.iter()
                    .filter(|c| {
                        c.family == family && c.placement == placement && c.near_miss == near
                    })
                    .map(|c| c.context)
                    .collect::<BTreeSet<_>>()
                    .len()
            };
            assert!(of(false) >= 3, "{family:?} in {placement:?}: {} handled wordings", of(false));
            assert!(of(true) >= 3, "{family:?} in {placement:?}: {} near misses", of(true));
        }
    }
}

#[test]
fn legislation_links_keep_the_words_and_say_where_they_go() {
    let mut built = Built::new(None);
    let text = built.page("arrangements/kmsp/index.html");
    let law: Vec<_> = text
        .anchors
        .iter()
        .filter(|a| a.href.starts_with("https://www.legislation.gov.uk/"))
        .collect();
    assert!(law.len() > 5);
    for a in &law {
        assert!(a.hidden.contains("legislation.gov.uk"), "{a:?} has no hint");
        assert_eq!(a.class, "law");
        assert!(!a.opens_window, "{a:?} opens a new window");
    }
    let guidance: Vec<_> =
        text.anchors.iter().filter(|a| a.href.starts_with("https://www.gov.uk/")).collect();
    assert!(!guidance.is_empty() && guidance.iter().all(|a| a.hidden.contains("GOV.UK")));
    // A term written out just before it is not read out twice.
    let offer = built.page("local-offer/care-leavers/index.html");
    let pa = offer.anchors.iter().find(|a| a.href == "/glossary/#pa").expect("PA is linked");
    assert!(pa.hidden.is_empty(), "Personal Adviser (PA) would be heard twice: {pa:?}");
    let html = built.html("arrangements/kmsp/index.html");
    assert!(
        html.contains("MPS<span class=\"visually-hidden\"> (Metropolitan Police Service)</span>")
    );
}

/// Tables pasted from committee papers.
#[test]
fn tables_pasted_from_word() {
    let built = Built::new(None);
    let lado = built.html("reports/lado-2024-25/index.html");
    for caption in [
        "Table 2: Contacts and referrals to the ",
        "Table 3: Referrals by employer, 2024-25",
        "TABLE 4 – Outcomes of concluded allegations",
    ] {
        let at = lado.find(caption).unwrap_or_else(|| panic!("no {caption}"));
        assert!(
            lado[..at].ends_with('>') && lado[..at].rfind("<caption").is_some_and(|c| at - c < 200),
            "{caption} is not a caption"
        );
    }
    assert!(
        lado.contains("<p>Table 5 below shows timeliness against the 2019 baseline.</p>"),
        "a sentence about a table is not its caption"
    );
    for signed in ["+57", "−9", "(6.7%)", "+27,931"] {
        let cell = format!(">{signed}</td>");
        let at = lado.find(&cell).unwrap_or_else(|| panic!("no {signed} cell"));
        let open = &lado[lado[..at].rfind("<td").unwrap()..at];
        assert!(open.contains("num"), "{signed} is not aligned as a number: {open}");
    }
    assert!(lado.contains("<td class=\"negative num\">(6.7%)</td>"));
    // Row headers that are glossary terms stay row headers.
    for term in ["FE", "CSC", "MPS", "NHS"] {
        let needle = format!(
            "<th scope=\"row\"><a class=\"term\" href=\"/glossary/#{}\">{term}",
            term.to_lowercase()
        );
        assert!(lado.contains(&needle), "{term} lost its row header");
    }
    let arrangements = built.html("arrangements/kmsp/index.html");
    assert!(arrangements.contains("<th scope=\"row\"><a class=\"term\" href=\"/glossary/#la\">LA"));
    // A cover table with an empty header row and labels down its side.
    let cabinet = built.html("committee/cabinet-2025-06/index.html");
    assert!(cabinet.contains("<th scope=\"row\">REPORT OF</th>"));
    assert!(
        !cabinet.contains("<thead>\n<tr><td></td><td></td></tr>"),
        "an empty header row is dropped"
    );
    // Every table region has a name of its own, on the page and in print.
    for page in [
        "reports/lado-2024-25/index.html",
        "reports/lado-2024-25/print/index.html",
        "arrangements/kmsp/print/index.html",
    ] {
        let html = built.html(page);
        let names = region_names(&html);
        let unique: BTreeSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), names.len(), "{page}: {names:?}");
        assert!(names.len() >= 2);
    }
}

/// The accessible name of each scrolling table region.
fn region_names(html: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in html.match_indices("role=\"region\"") {
        let tag_end = html[at..].find('>').unwrap() + at;
        let tag = &html[at..tag_end];
        if let Some(label) = tag.split("aria-label=\"").nth(1) {
            names.push(label.split('"').next().unwrap().to_string());
        } else if let Some(ids) = tag.split("aria-labelledby=\"").nth(1) {
            let mut name = String::new();
            for id in ids.split('"').next().unwrap().split(' ') {
                let needle = format!("id=\"{id}\"");
                let start = html.find(&needle).unwrap() + needle.len() + 1;
                let end = html[start..].find("</caption>").map(|e| e + start).unwrap_or(start);
                name.push_str(&html[start..end]);
            }
            names.push(name);
        }
    }
    names
}

/// A page shows "review overdue" if and only if a diagnostic says so.
#[test]
fn status_follows_the_review_rule() {
    let built = Built::new(None);
    let overdue: BTreeSet<&str> = built
        .diagnostics
        .iter()
        .filter(|d| d["code"] == "review::overdue")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        overdue,
        BTreeSet::from([
            "content/arrangements/kmsp/v2.0/index.md",
            "content/plans/ilacs-improvement-plan/v2.0/index.md"
        ])
    );
    let banner = "banner-overdue";
    for page in [
        "arrangements/kmsp/index.html",
        "arrangements/kmsp/v2.0/index.html",
        "arrangements/kmsp/print/index.html",
        "plans/ilacs-improvement-plan/index.html",
    ] {
        assert!(built.html(page).contains(banner), "{page} has no overdue banner");
    }
    for page in [
        "arrangements/kmsp/v1.0/index.html",
        "reports/lado-2024-25/index.html",
        "reports/lado-2024-25/print/index.html",
        "plans/ilacs-improvement-plan/v1.0/index.html",
        "thresholds/pathway/index.html",
    ] {
        assert!(!built.html(page).contains(banner), "{page} shows an overdue banner");
    }
    assert!(built.html("arrangements/kmsp/v1.0/index.html").contains("banner-superseded"));
    let reviews = built.html("reviews/index.html");
    assert_eq!(reviews.matches("status-overdue").count(), 2, "the reviews page agrees");
    // Terms used only in frontmatter text are used.
    for unused in built.diagnostics.iter().filter(|d| d["code"] == "glossary::unused") {
        let message = unused["message"].as_str().unwrap();
        for used in ["`TAF`", "`eCAF`", "`EHA`", "`CIN`"] {
            assert!(!message.contains(used), "{message}");
        }
    }
    // RAG ratings are text with a shape, not colour alone.
    let plan = built.html("plans/ilacs-improvement-plan/index.html");
    assert!(plan.contains("<span class=\"rag rag-amber\">RAG: Amber</span>"));
}

/// A page whose frontmatter fails to load still holds its address: links
/// to it are counted in one note, not reported as broken, and the error
/// that stopped it comes first.
#[test]
fn a_page_that_fails_to_load_keeps_its_address() {
    let built = Built::new(Some("realistic-failing"));
    let ds = &built.diagnostics;
    let codes: Vec<&str> = ds.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(!codes.contains(&"link::broken"), "{codes:?}");
    let unchecked: Vec<&Value> = ds.iter().filter(|d| d["code"] == "link::unchecked").collect();
    assert_eq!(unchecked.len(), 2, "{unchecked:?}");
    let partners = unchecked.iter().find(|d| d["file"] == "content/about/partners.md").unwrap();
    assert!(
        partners["message"]
            .as_str()
            .unwrap()
            .starts_with("3 links to content/about/partners.md were not checked")
    );
    let appendix = unchecked
        .iter()
        .find(|d| d["file"] == "content/arrangements/kmsp/v2.0/appendix-3.md")
        .unwrap();
    assert!(appendix["message"].as_str().unwrap().contains("1 reference"), "{appendix}");
    assert!(!ds.iter().any(|d| d["code"] == "xref::unresolved"
        && d["message"].as_str().unwrap().contains("Appendix 3")));
    // Order: what stopped a page loading, other errors, warnings, notes;
    // then by file and line.
    let rank = |d: &Value| match (d["severity"].as_str().unwrap(), d["code"].as_str().unwrap()) {
        ("error", c) if c.starts_with("frontmatter::") || c.starts_with("content::") => 0,
        ("error", _) => 1,
        ("warning", _) => 2,
        _ => 3,
    };
    let keys: Vec<(u8, String, u64)> = ds
        .iter()
        .map(|d| {
            (rank(d), d["file"].as_str().unwrap_or("").to_string(), d["line"].as_u64().unwrap())
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(rank(&ds[0]), 0, "{}", ds[0]);
}

/// Text and GitHub output point at the phrase too.
#[test]
fn diagnostics_point_at_the_phrase_in_every_format() {
    let dir = fixture(None);
    let root = dir.path().to_str().unwrap();
    let github = run(&["check", "--root", root, "--format", "github"]).stdout;
    let line = github
        .lines()
        .find(|l| l.contains("appendix-b") || l.contains("Appendix B"))
        .expect("the Appendix B warning");
    let source =
        std::fs::read_to_string(dir.path().join("content/reports/lado-2024-25/index.md")).unwrap();
    let (l, c) = position(&source, "are set out in Appendix B.", "Appendix B").unwrap();
    assert!(line.contains(&format!("line={l},col={c},endColumn={}", c + 9)), "{line}");
    let text = run(&["check", "--root", root]).stderr;
    let stdout = run(&["check", "--root", root]).stdout;
    let all = format!("{stdout}{text}");
    assert!(all.contains(&format!("content/reports/lado-2024-25/index.md:{l}:{c}: ")), "{all}");
    // The tests run with NO_COLOR, so the report is narrated: the label
    // names the phrase's columns.
    let label = format!("label at line {l}, columns {c} to {}: here", c + 9);
    assert!(all.contains(&label), "the phrase is marked: {all}");
}

/// A small site for the settings: a threshold, and a page that cites the
/// law without naming an Act.
fn settings_site(config: &str) -> common::Site {
    let threshold = "---\ntitle: Continuum\nkind: threshold\nlevels:\n  - { id: 1, name: Universal }\n  - { id: 2, name: Early help }\n---\nText.\n";
    let page = "---\ntitle: Procedures\n---\n## 1. Scope\n\nEnquiries under s.47 follow a strategy discussion; families at Level 2 ask for help, and staff take a Level 2 workshop.\n\nSee section 1 and section 17.\n";
    common::Site::new(&[
        ("charter.yaml", &format!("title: T\nbase_url: https://x.org/\n{config}")),
        ("content/_index.md", "---\ntitle: Home\n---\nHome.\n"),
        ("content/thresholds/continuum/index.md", threshold),
        ("content/procedures.md", page),
    ])
}

/// A level of need split from its word by formatting ("Level **2**")
/// links the number, as a plain "Level 2" links the phrase.
#[test]
fn a_level_split_by_formatting_links_its_number() {
    let site = settings_site("thresholds: { levels: site }\n");
    site.write(
        "content/procedures.md",
        "---\ntitle: Procedures\n---\nFamilies at Level **2** and at *Level 2* ask for help.\n",
    );
    site.build(&[]);
    let html = site.read("procedures/index.html");
    assert!(
        html.contains("Level <strong><a href=\"/thresholds/continuum/#level-2\">2</a></strong>"),
        "{html}"
    );
    assert!(
        html.contains("<em><a href=\"/thresholds/continuum/#level-2\">Level 2</a></em>"),
        "{html}"
    );
}

#[test]
fn default_act_links_bare_sections_that_the_document_does_not_have() {
    let site = settings_site("legislation:\n  - default_act: Children Act 1989\n");
    assert_eq!(site.build(&[]).code, 0);
    let html = site.read("procedures/index.html");
    assert!(
        html.contains("href=\"https://www.legislation.gov.uk/ukpga/1989/41/section/47\">s.47<"),
        "{html}"
    );
    assert!(
        html.contains(
            "href=\"https://www.legislation.gov.uk/ukpga/1989/41/section/17\">section 17<"
        ),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#section-1\">section 1</a>"),
        "the document's own section 1 stays its own: {html}"
    );
    let plain = settings_site("");
    let (_, ds) = plain.check(&[]);
    assert!(
        common::with_code(&ds, "xref::unresolved")
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("section 17"))
    );
    plain.build(&[]);
    assert!(
        !plain
            .read("procedures/index.html")
            .contains("legislation.gov.uk/ukpga/1989/41/section/47")
    );
}

#[test]
fn levels_follow_the_thresholds_setting() {
    let level2 = "/thresholds/continuum/#level-2";
    let site = settings_site("thresholds: { levels: site }\n");
    site.build(&[]);
    assert_eq!(
        site.read("procedures/index.html").matches(level2).count(),
        2,
        "site: every Level 2"
    );
    let site = settings_site("thresholds: { levels: off }\n");
    site.build(&[]);
    assert_eq!(site.read("procedures/index.html").matches(level2).count(), 0, "off: none");
    let site = settings_site("");
    site.build(&[]);
    assert_eq!(
        site.read("procedures/index.html").matches(level2).count(),
        0,
        "document: nothing names the level"
    );
    let (_, ds) = site.check(&["--notes"]);
    assert_eq!(common::with_code(&ds, "xref::level-not-linked").len(), 2);
    let site = settings_site("thresholds: { document: thresholds/nowhere }\n");
    let (code, ds) = site.check(&[]);
    assert_eq!(code, 1);
    assert!(
        common::with_code(&ds, "config::invalid")
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("thresholds.document"))
    );
}

/// "the 1989 Act" means the Act another page of the same document names,
/// also when the phrase breaks across lines; a page that names no Act gets
/// no statute link from it. (Which documents are read for the Acts they
/// name is decided from the raw text, before rendering: each document here
/// has only one such phrase, so each spelling must reach that decision.)
#[test]
fn the_year_of_an_act_named_elsewhere_in_the_document_links_in_every_spelling() {
    let index = |title: &str| {
        format!(
            "---\ntitle: {title}\nkind: arrangements\n---\n## 1. Duties\n\n1.1 The partners act under the Children Act 1989.\n"
        )
    };
    let appendix =
        |body: &str| format!("---\ntitle: Enquiries\n---\n## 1. Enquiries\n\n1.1 {body}\n");
    let site = common::Site::new(&[
        ("charter.yaml", "title: T\nbase_url: https://x.org/\n"),
        ("content/_index.md", "---\ntitle: Home\n---\nHome.\n"),
        ("content/arrangements/one/index.md", &index("One")),
        (
            "content/arrangements/one/appendix-1.md",
            &appendix("Enquiries under section 47 of the 1989 Act."),
        ),
        ("content/arrangements/two/index.md", &index("Two")),
        (
            "content/arrangements/two/appendix-1.md",
            &appendix("Help under section 17 of the 1989\nAct."),
        ),
        (
            "content/leaflet.md",
            "---\ntitle: Leaflet\n---\nEnquiries under section 47 of the 1989 Act.\n",
        ),
    ]);
    site.build(&[]);
    for (doc, section) in [("one", "47"), ("two", "17")] {
        let html = site.read(&format!("arrangements/{doc}/appendix-1/index.html"));
        let href = format!("https://www.legislation.gov.uk/ukpga/1989/41/section/{section}\"");
        assert!(html.contains(&href), "{doc}: {html}");
    }
    let leaflet = site.read("leaflet/index.html");
    assert!(!leaflet.contains("legislation.gov.uk/ukpga/1989"), "{leaflet}");
}

/// Act names are often set in italics: a provision of an Act in the table
/// links to it whether the name or only its year is in emphasis, and
/// whether the provision comes before or after it; an italic Act the table
/// does not know is noted, never warned about as a missing section of this
/// document; an italic title that is no Act keeps its numbers to itself.
#[test]
fn provisions_of_acts_named_in_emphasis_link_to_the_act() {
    let body = "## 1. Duties\n\n\
        1.1 Enquiries under section 47 of the *Children Act 1989*.\n\n\
        1.2 The *Children Act 2004*, section 11, sets the duty to cooperate.\n\n\
        1.3 Help under section 17 of the *1989* Act.\n\n\
        1.4 Plans under section 3 of the *Widgets Act 2020*.\n\n\
        1.5 See *Working Together to Safeguard Children*, paragraph 4.\n";
    let site = common::Site::new(&[
        ("charter.yaml", "title: T\nbase_url: https://x.org/\n"),
        ("content/_index.md", "---\ntitle: Home\n---\nHome.\n"),
        ("content/duties.md", &format!("---\ntitle: Duties\n---\n{body}")),
    ]);
    let (_, diagnostics) = site.check(&["--notes"]);
    site.build(&[]);
    let html = site.read("duties/index.html");
    for href in
        ["ukpga/1989/41/section/47\"", "ukpga/2004/31/section/11\"", "ukpga/1989/41/section/17\""]
    {
        assert!(html.contains(&format!("https://www.legislation.gov.uk/{href}")), "{href}: {html}");
    }
    let codes: Vec<&str> = diagnostics.iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(!codes.contains(&"xref::unresolved"), "{diagnostics:?}");
    let unknown = common::with_code(&diagnostics, "xref::unknown-act");
    assert!(
        unknown.iter().any(|d| d["message"].as_str().unwrap().contains("Widgets Act 2020")),
        "{diagnostics:?}"
    );
    assert!(!html.contains("href=\"#para-4\""), "{html}");
}

/// Formatting inside a reference: a number in emphasis or bold is still a
/// number of this document, linked where it exists (the number alone when
/// the phrase is split) and warned about, at the phrase, where it does not;
/// an italic title still keeps its numbers to itself.
#[test]
fn references_split_by_emphasis_or_bold_link_and_warn_like_plain_ones() {
    let body = "## 1. Duties\n\n\
        1.1 The partners' duties.\n\n\
        1.2 See paragraph *1.1*, paragraph **1.1** and **paragraph 1.1**.\n\n\
        1.3 See paragraph **9.9** and paragraph *8.8*.\n\n\
        1.4 See *Messages from research*, paragraph 7.\n";
    let site = common::Site::new(&[
        ("charter.yaml", "title: T\nbase_url: https://x.org/\n"),
        ("content/_index.md", "---\ntitle: Home\n---\nHome.\n"),
        ("content/duties.md", &format!("---\ntitle: Duties\n---\n{body}")),
    ]);
    let (_, diagnostics) = site.check(&[]);
    site.build(&[]);
    let html = site.read("duties/index.html");
    for linked in [
        "paragraph <em><a href=\"#para-1-1\">1.1</a></em>",
        "paragraph <strong><a href=\"#para-1-1\">1.1</a></strong>",
        "<strong><a href=\"#para-1-1\">paragraph 1.1</a></strong>",
    ] {
        assert!(html.contains(linked), "{linked}: {html}");
    }
    let unresolved = common::with_code(&diagnostics, "xref::unresolved");
    let places: Vec<(u64, u64)> = unresolved
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    // Line 10 of the file: "1.3 See paragraph **9.9** and paragraph *8.8*."
    assert_eq!(places, vec![(10, 9), (10, 31)], "{diagnostics:?}");
    assert!(unresolved[0]["message"].as_str().unwrap().contains("paragraph 9.9"));
}

/// An appendix named in italics (or only its label) is this document's
/// appendix, not another publication's title: a section of it links there,
/// and a section it does not have is warned about.
#[test]
fn a_section_of_an_appendix_named_in_italics_links_and_warns() {
    let site = common::Site::new(&[
        ("charter.yaml", "title: T\nbase_url: https://x.org/\n"),
        ("content/_index.md", "---\ntitle: Home\n---\nHome.\n"),
        (
            "content/plan/index.md",
            "---\ntitle: Plan\n---\n## 1. Aims\n\n1.1 See section 2 of *Appendix A* and section 9 of *Appendix A*.\n\n1.2 Appendix *A* has the details, and paragraph 2.1 of Appendix **A** more.\n",
        ),
        ("content/plan/appendix-a.md", "---\ntitle: Details\n---\n## 2. Details\n\n2.1 Text.\n"),
    ]);
    let (_, diagnostics) = site.check(&[]);
    site.build(&[]);
    let html = site.read("plan/index.html");
    assert!(
        html.contains("<a href=\"/plan/appendix-a/#section-2\">section 2</a> of <em>"),
        "{html}"
    );
    assert!(html.contains("Appendix <em><a href=\"/plan/appendix-a/\">A</a></em>"), "{html}");
    assert!(
        html.contains("of Appendix <strong><a href=\"/plan/appendix-a/\">A</a></strong>"),
        "{html}"
    );
    let unresolved = common::with_code(&diagnostics, "xref::unresolved");
    assert_eq!(unresolved.len(), 1, "{diagnostics:?}");
    assert!(unresolved[0]["message"].as_str().unwrap().contains("section 9"), "{diagnostics:?}");
}
