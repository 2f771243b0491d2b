//! `charter build` end to end: the files written, their links, and the
//! guarantees (byte-identical output, atomic replacement, refused outputs).

mod common;
use common::*;

fn small_site() -> Site {
    Site::new(&[
        (
            "content/_index.md",
            &page("Home", "", "Welcome. Read [the policy](@/policies/escalation/).\n"),
        ),
        ("content/policies/_index.md", &page("Policies", "weight: 1\n", "All our policies.\n")),
        (
            "content/policies/escalation.md",
            &page(
                "Escalation",
                "summary: How to escalate a concern.\npublished: 2025-05-01\naliases: [/old-escalation/]\n",
                "## 1. Purpose\n\n1.1 When partners disagree, see paragraph 1.2.\n\n1.2 Talk first.\n",
            ),
        ),
        (
            "content/guide/index.md",
            &page(
                "Practice guide",
                "kind: threshold\npublished: 2025-02-01\nreview_due: 2099-01-01\nlevels:\n  - { id: 1, name: Universal, summary: Fine., indicators: [Thriving], response: None. }\n",
                "## 1. Scope\n\n1.1 See Appendix 1 and Level 1.\n\n```rust\nfn main() {}\n```\n",
            ),
        ),
        (
            "content/guide/appendix-1.md",
            &page("Contacts", "", "| Team | Phone |\n|---|---|\n| Front door | 020 7946 0000 |\n"),
        ),
        ("static/files/leaflet.txt", "leaflet"),
    ])
}

#[test]
fn writes_pages_at_the_urls_the_spec_names() {
    let site = small_site();
    let r = site.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in [
        "index.html",
        "policies/index.html",
        "policies/escalation/index.html",
        "guide/index.html",
        "guide/appendix-1/index.html",
        "guide/print/index.html",
        "glossary/index.html",
        "reviews/index.html",
        "search/index.html",
        "accessibility/index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "feed.xml",
        "style.css",
        "files/leaflet.txt",
    ] {
        assert!(site.exists(f), "missing {f}");
    }
    let home = site.read("index.html");
    assert!(home.contains("<html lang=\"en-GB\">"));
    assert!(home.contains("href=\"/policies/escalation/\""), "@/ link resolved");
    assert!(home.contains("<main id=\"main\""));
    assert!(home.contains("class=\"skip-link\" href=\"#main\""));
}

#[test]
fn paragraph_numbers_get_ids_and_references_link() {
    let site = small_site();
    site.build(&[]);
    let p = site.read("policies/escalation/index.html");
    assert!(p.contains("id=\"section-1\""));
    assert!(p.contains("<p id=\"para-1-2\">"));
    assert!(p.contains("<a href=\"#para-1-2\">paragraph 1.2</a>"), "{p}");
    let guide = site.read("guide/index.html");
    assert!(guide.contains("<a href=\"/guide/appendix-1/\">Appendix 1</a>"), "{guide}");
    assert!(guide.contains("href=\"#level-1\""), "Level 1 links to its anchor");
    assert!(guide.contains("class=\"hl-"), "code is highlighted with classes");
    assert!(!guide.contains("style=\""), "no inline styles");
}

#[test]
fn appendix_pages_name_their_document_and_link_both_ways() {
    let site = small_site();
    site.build(&[]);
    let a = site.read("guide/appendix-1/index.html");
    assert!(a.contains("Appendix 1 to <a href=\"/guide/\">Practice guide</a>"), "{a}");
    assert!(a.contains("rel=\"prev\""));
    assert!(a.contains("<th scope=\"col\">Team</th>"));
    let doc = site.read("guide/index.html");
    assert!(doc.contains("Appendix 1: Contacts"));
    let print = site.read("guide/print/index.html");
    assert!(print.contains("Front door"), "print page holds the appendix");
}

#[test]
fn sitemap_feed_and_redirects() {
    let site = small_site();
    site.build(&[]);
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://test.example.org/policies/escalation/</loc>"));
    let feed = site.read("feed.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert!(feed.contains("<title>Escalation</title>"));
    let redirect = site.read("old-escalation/index.html");
    assert!(redirect.contains("http-equiv=\"refresh\" content=\"0; url=/policies/escalation/\""));
}

#[test]
fn base_url_with_a_sub_path_prefixes_every_link() {
    let site = small_site();
    let r = site.build(&["--base-url", "https://council.example.org/nscp/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let home = site.read("index.html");
    assert!(home.contains("href=\"/nscp/policies/escalation/\""));
    assert!(home.contains("href=\"/nscp/style.css\""));
    assert!(!home.contains("href=\"/policies/"), "no link escapes the sub-path");
}

#[test]
fn identical_input_gives_byte_identical_output() {
    let site = small_site();
    assert_eq!(site.build(&[]).code, 0);
    let first = snapshot_tree(&site.out());
    assert_eq!(site.build(&[]).code, 0);
    assert_eq!(first, snapshot_tree(&site.out()));
}

fn snapshot_tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_failed_build_leaves_the_last_good_site() {
    let site = small_site();
    assert_eq!(site.build(&[]).code, 0);
    let before = site.read("policies/escalation/index.html");
    site.write("content/policies/escalation.md", "---\ntitle: [broken\n---\n");
    let r = site.build(&[]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("frontmatter::yaml"));
    assert_eq!(site.read("policies/escalation/index.html"), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("charter-staging"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder left behind");
}

/// A rebuild into the last site keeps the files it makes again byte for
/// byte (the same file, so its modification time stays and a sync to the
/// host sends only what changed) and writes the changed ones anew; the
/// site is the same as a build from nothing.
#[test]
#[cfg(unix)]
fn a_rebuild_keeps_unchanged_files_and_replaces_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let site = small_site();
    assert_eq!(site.build(&[]).code, 0);
    let inode = |p: &str| std::fs::metadata(site.out().join(p)).unwrap().ino();
    let (guide, policy) = (inode("guide/index.html"), inode("policies/escalation/index.html"));
    let leaflet = inode("files/leaflet.txt");
    site.write(
        "content/policies/escalation.md",
        &page("Escalation", "summary: How to escalate a concern.\npublished: 2025-05-01\naliases: [/old-escalation/]\n", "## 1. Purpose\n\n1.1 Talk to your manager first.\n"),
    );
    assert_eq!(site.build(&[]).code, 0);
    assert_eq!(inode("guide/index.html"), guide, "an unchanged page is the same file");
    assert_ne!(inode("policies/escalation/index.html"), policy, "a changed page is a new file");
    assert!(site.read("policies/escalation/index.html").contains("Talk to your manager first."));
    assert_eq!(inode("files/leaflet.txt"), leaflet, "an unchanged static file too");
    let rebuilt = snapshot_tree(&site.out());
    std::fs::remove_dir_all(site.out()).unwrap();
    assert_eq!(site.build(&[]).code, 0);
    assert_eq!(rebuilt, snapshot_tree(&site.out()), "the same site as a build from nothing");
}

/// A build stopped with Ctrl-C or killed leaves its hidden staging folder
/// beside the output; the next build removes it (and an old site a killed
/// swap left), and keeps a running build's (process 1 stands for one).
#[test]
fn the_next_build_removes_what_a_killed_build_left() {
    let site = small_site();
    let left = [".public.charter-staging-999999999", ".public.charter-old-999999998"];
    for name in left.iter().chain(&[".public.charter-staging-1"]) {
        let page = site.root().join(name).join("policies/escalation/index.html");
        std::fs::create_dir_all(page.parent().unwrap()).unwrap();
        std::fs::write(&page, "<p>half a site</p>").unwrap();
    }
    let r = site.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for name in left {
        assert_eq!(site.root().join(name).exists(), !cfg!(target_os = "linux"), "{name}");
    }
    assert!(site.root().join(".public.charter-staging-1").is_dir());
    assert!(site.read("policies/escalation/index.html").contains("<h1"));
}

#[test]
fn refuses_to_write_over_the_site() {
    let site = small_site();
    for out in [".", "content", "content/policies"] {
        let target = site.root().join(out);
        let r = site.build(&["--out", target.to_str().unwrap()]);
        assert_eq!(r.code, 2, "--out {out}: {}", r.stderr);
        assert!(r.stderr.contains("output::refused"));
    }
    assert!(site.root().join("content/_index.md").exists(), "nothing deleted");
}

#[test]
fn drafts_only_with_the_flag_and_then_bannered() {
    let site = small_site();
    site.write("content/policies/new.md", &page("New policy", "status: draft\n", "Text.\n"));
    site.build(&[]);
    assert!(!site.exists("policies/new/index.html"));
    site.build(&["--drafts"]);
    let draft = site.read("policies/new/index.html");
    assert!(draft.contains("Draft — not yet approved"));
    assert!(draft.contains("<meta name=\"robots\" content=\"noindex\">"));
}

#[test]
fn the_build_output_has_no_live_reload_script() {
    let site = small_site();
    site.build(&[]);
    assert!(!site.read("index.html").to_lowercase().contains("livereload"));
}

#[test]
fn init_writes_a_site_that_builds_without_warnings_and_new_writes_every_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nscp");
    let r = run(&["init", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let root = dir.to_str().unwrap();
    let check = run(&["check", "--root", root, "--format", "json", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    let ds: Vec<serde_json::Value> = serde_json::from_str(&check.stdout).unwrap();
    assert!(ds.iter().all(|d| d["severity"] == "note"), "{ds:?}");
    for (kind, path) in [
        ("page", "about/team"),
        ("arrangements", "plans/partnership-plan"),
        ("threshold", "thresholds/continuum"),
        ("annual-report", "reports/2026"),
        ("local-offer", "offers/send"),
        ("service", "offers/send/short-breaks"),
        ("appendix", "thresholds/continuum/appendix-1"),
    ] {
        let r = run(&["new", "--root", root, kind, path]);
        assert_eq!(r.code, 0, "new {kind}: {}", r.stderr);
    }
    let build = run(&["build", "--root", root, "--drafts"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(dir.join("public/offers/send/short-breaks/index.html").exists());
    assert_eq!(run(&["new", "--root", root, "page", "about/team"]).code, 2, "never overwrites");
    assert_eq!(
        run(&["new", "--root", root, "page", "../escape"]).code,
        2,
        "never writes outside content/"
    );
}

/// The main navigation marks every item a page is under (`nav_current`,
/// worked out in Rust for the theme): nested items both, the home item
/// never (every address starts with it), a page under none no item, and
/// generated pages (the glossary) their own item.
#[test]
fn the_navigation_marks_the_items_a_page_is_under() {
    let config = format!(
        "{CONFIG}nav:\n  - {{ title: Home, link: \"/\" }}\n  - {{ title: Policies, link: \"@/policies/\" }}\n  - {{ title: Local policies, link: \"@/policies/local/\" }}\n  - {{ title: Glossary, link: /glossary/ }}\n"
    );
    let site = Site::new(&[
        ("charter.yaml", &config),
        ("content/_index.md", &page("Home", "", "Welcome.\n")),
        ("content/policies/_index.md", &page("Policies", "", "All.\n")),
        ("content/policies/escalation.md", &page("Escalation", "", "Text.\n")),
        ("content/policies/local/_index.md", &page("Local policies", "", "Ours.\n")),
        ("content/policies/local/missing.md", &page("Missing children", "", "Text.\n")),
        ("content/about.md", &page("About", "", "Us.\n")),
    ]);
    let r = site.build(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let current = |path: &str| -> Vec<String> {
        let html = site.read(path);
        let nav = &html[html.find("class=\"site-nav\"").expect("nav")..];
        let nav = &nav[..nav.find("</nav>").expect("end of nav")];
        nav.split("<li>")
            .filter(|item| item.contains("aria-current=\"page\""))
            .map(|item| item[item.find('>').unwrap() + 1..item.find("</a>").unwrap()].to_string())
            .collect()
    };
    assert_eq!(current("policies/local/missing/index.html"), ["Policies", "Local policies"]);
    assert_eq!(current("policies/escalation/index.html"), ["Policies"]);
    assert_eq!(current("policies/index.html"), ["Policies"]);
    assert!(current("index.html").is_empty());
    assert!(current("about/index.html").is_empty());
    assert_eq!(current("glossary/index.html"), ["Glossary"]);
}
