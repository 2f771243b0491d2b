//! Bad input gets its diagnostic code, file and line, and exit status 1
//! (or 2 for an unusable root) — never a panic.

mod common;
use common::*;

fn site_with(path: &str, bytes: &[u8]) -> Site {
    let site = Site::new(&[("content/_index.md", &page("Home", "", "Hello.\n"))]);
    site.write_bytes(path, bytes);
    site
}

fn expect(site: &Site, code: &str, file: &str, line: u64) {
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 1, "{ds:?}");
    let hits = with_code(&ds, code);
    assert!(!hits.is_empty(), "no {code} in {ds:?}");
    assert_eq!(hits[0]["file"], file, "{ds:?}");
    assert_eq!(hits[0]["line"], line, "{ds:?}");
    assert!(
        hits[0]["help"].as_str().is_some_and(|h| !h.is_empty()),
        "every diagnostic says how to fix it"
    );
}

#[test]
fn invalid_yaml() {
    expect(
        &site_with("content/a.md", b"---\ntitle: T\nsummary: [oops\n---\nx\n"),
        "frontmatter::yaml",
        "content/a.md",
        3,
    );
}

#[test]
fn unclosed_frontmatter() {
    expect(
        &site_with("content/a.md", b"---\ntitle: T\nno end\n"),
        "frontmatter::unclosed",
        "content/a.md",
        1,
    );
}

#[test]
fn missing_title() {
    expect(
        &site_with("content/a.md", b"---\nsummary: x\n---\nx\n"),
        "frontmatter::missing-title",
        "content/a.md",
        2,
    );
}

#[test]
fn unknown_key_with_a_hint() {
    let site = site_with("content/a.md", b"---\ntitle: T\nreveiw_due: 2025-01-01\n---\nx\n");
    expect(&site, "frontmatter::unknown-key", "content/a.md", 3);
    let (_, ds) = site.check(&[]);
    assert!(
        with_code(&ds, "frontmatter::unknown-key")[0]["help"]
            .as_str()
            .unwrap()
            .contains("review_due")
    );
}

#[test]
fn unknown_kind() {
    expect(
        &site_with("content/a.md", b"---\ntitle: T\nkind: arangements\n---\nx\n"),
        "frontmatter::unknown-key",
        "content/a.md",
        3,
    );
}

#[test]
fn wrong_date() {
    expect(
        &site_with("content/a.md", b"---\ntitle: T\npublished: 2025-13-01\n---\nx\n"),
        "frontmatter::invalid-date",
        "content/a.md",
        3,
    );
}

#[test]
fn invalid_utf8_names_the_line() {
    expect(
        &site_with("content/a.md", b"---\ntitle: T\n---\nline one\nbad \xff byte\n"),
        "content::utf8",
        "content/a.md",
        5,
    );
}

#[test]
fn broken_internal_link_and_anchor() {
    let site = site_with("content/a.md", b"---\ntitle: T\n---\n## 1. One\n\n[x](@/nowhere/) and [y](@/a/#section-9) and [z](@/a/#section-1)\n");
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 1);
    let broken = with_code(&ds, "link::broken");
    assert_eq!(broken.len(), 2, "{ds:?}");
    assert_eq!(broken[0]["line"], 6);
}

#[test]
fn private_hosts_are_warned_about() {
    let site = site_with(
        "content/a.md",
        b"---\ntitle: T\n---\nSee [the intranet policy](http://intranet.council.local/policy).\n",
    );
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 0);
    assert_eq!(with_code(&ds, "link::private-host").len(), 1);
    let (status, _) = site.check(&["--strict"]);
    assert_eq!(status, 1, "--strict turns warnings into failure");
}

#[test]
fn image_without_alt() {
    expect(
        &site_with("content/a.md", b"---\ntitle: T\n---\n\n<img src=\"x.png\">\n"),
        "a11y::img-alt",
        "content/a.md",
        5,
    );
    expect(
        &site_with("content/a.md", b"---\ntitle: T\n---\n\n![](chart.png)\n"),
        "a11y::img-alt",
        "content/a.md",
        5,
    );
}

#[test]
fn slug_collision_names_both_files() {
    let site = Site::new(&[
        ("content/_index.md", &page("Home", "", "x\n")),
        ("content/a.md", &page("A", "", "x\n")),
        ("content/b.md", &page("B", "slug: a\n", "x\n")),
    ]);
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 1);
    let c = with_code(&ds, "content::slug-collision");
    assert!(
        c[0]["message"].as_str().unwrap().contains("content/a.md")
            && c[0]["message"].as_str().unwrap().contains("content/b.md")
    );
}

#[test]
fn config_policy_silences_and_promotes() {
    let site = site_with("content/a.md", b"---\ntitle: T\n---\nSee [x](http://localhost/x).\n");
    site.write("charter.yaml", &format!("{CONFIG}diagnostics:\n  deny: [link::private-host]\n"));
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 1);
    assert_eq!(with_code(&ds, "link::private-host")[0]["severity"], "error");
    site.write("charter.yaml", &format!("{CONFIG}diagnostics:\n  allow: [link::private-host]\n"));
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 0);
    assert!(with_code(&ds, "link::private-host").is_empty());
}

#[test]
fn bad_config_is_reported_with_a_hint() {
    let site = site_with("content/a.md", b"---\ntitle: T\n---\nx\n");
    site.write("charter.yaml", "title: T\nbase_ulr: https://x.org/\n");
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 1);
    let c = with_code(&ds, "config::invalid");
    assert_eq!(c[0]["line"], 2);
    assert!(c[0]["help"].as_str().unwrap().contains("base_url"));
}

#[test]
fn an_unreadable_root_is_bad_usage() {
    let r = run(&["build", "--root", "/nonexistent/charter-site"]);
    assert_eq!(r.code, 2);
    let tmp = tempfile::tempdir().unwrap();
    let r = run(&["check", "--root", tmp.path().to_str().unwrap()]);
    assert_eq!(r.code, 2, "a folder without charter.yaml: {}", r.stderr);
}

#[test]
fn bom_and_crlf_simply_work() {
    let site = site_with(
        "content/a.md",
        b"\xef\xbb\xbf---\r\ntitle: Windows file\r\n---\r\n## 1. One\r\n\r\n1.1 See paragraph\r\n1.2 below.\r\n\r\n1.2 Here.\r\n",
    );
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 0, "{ds:?}");
    assert!(site.build(&[]).code == 0);
    assert!(site.read("a/index.html").contains("href=\"#para-1-2\""));
}

#[test]
fn github_format_prints_workflow_commands() {
    let site = site_with("content/a.md", b"---\ntitle: T\n---\n[x](@/nowhere/)\n");
    let r = run(&["check", "--root", site.root().to_str().unwrap(), "--format", "github"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(
            "::error file=content/a.md,line=4,col=1,endColumn=15,title=link%3A%3Abroken::"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn the_final_html_is_checked_theme_included() {
    let site = site_with("content/a.md", b"---\ntitle: T\n---\nText.\n");
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1><img src=\"logo.png\"><a href=\"/\"></a><h4>Deep</h4>{% endblock content %}");
    let (status, ds) = site.check(&[]);
    assert_eq!(status, 1, "{ds:?}");
    for code in ["a11y::img-alt", "a11y::empty-link", "a11y::heading-skip"] {
        let d = with_code(&ds, code);
        assert!(d.iter().any(|d| d["file"] == "content/a.md"), "{code}: {ds:?}");
    }
}
