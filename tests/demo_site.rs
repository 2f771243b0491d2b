//! The repository's own demo site builds clean, passes the shared
//! conformance kit, and its key pages are reviewed as snapshots.

mod common;
use common::run;

fn repo() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

#[test]
fn the_demo_site_checks_clean_under_strict() {
    let r = run(&["check", "--root", repo(), "--strict", "--format", "json"]);
    let ds: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
    let loud: Vec<_> = ds.iter().filter(|d| d["severity"] != "note").collect();
    assert!(loud.is_empty(), "{loud:#?}");
    assert_eq!(r.code, 0);
}

#[test]
fn the_conformance_kit_passes() {
    let kit = std::path::Path::new(repo()).join("../shared/conformance/run");
    if !kit.exists() {
        eprintln!("../shared/conformance/run not found; skipped");
        return;
    }
    let out = std::process::Command::new("bash")
        .arg(&kit)
        .arg(env!("CARGO_BIN_EXE_charter"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains(" 0 failed"), "{text}");
}

/// The main content of a page: what a reviewer reads in a snapshot.
fn main_of(html: &str) -> String {
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap();
    html[start..end].to_string()
}

#[test]
fn snapshots_of_representative_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let r = run(&["build", "--root", repo(), "--out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (name, path) in [
        ("threshold", "thresholds/continuum/index.html"),
        ("service", "local-offer/send/short-breaks/index.html"),
        ("history", "arrangements/masa/history/index.html"),
    ] {
        let html = std::fs::read_to_string(out.join(path)).unwrap();
        insta::assert_snapshot!(name, main_of(&html));
    }
}

#[test]
fn the_demos_changes_and_compare_pages_show_rendered_text() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let r = run(&["build", "--root", repo(), "--out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let masa = out.join("arrangements/masa");
    let mut pages = Vec::new();
    for v in ["v1.1", "v2.0"] {
        pages.push(masa.join(v).join("changes/index.html"));
    }
    for v in ["v1.0", "v1.1"] {
        pages.push(masa.join("compare").join(v).join("index.html"));
    }
    let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap();
    for page in &pages {
        let main = main_of(&read(page));
        for syntax in ["##", "**", "|---|", "](", "~~"] {
            assert!(!main.contains(syntax), "{syntax} on {}", page.display());
        }
        assert!(read(page).contains("<meta name=\"robots\" content=\"noindex\">"));
    }
    let v2 = main_of(&read(&pages[1]));
    assert!(v2.contains("<span class=\"cmp-tag\">renumbered (was 12)</span>"));
    assert!(v2.contains("<span class=\"cmp-tag\">moved</span> <a href=\"#cmp-0-now-"));
    assert!(v2.contains("to section 8. Youth custody and residential homes</a>"));
    assert!(v2.contains(">Sections 6 to 7</a>: no change.</p>"), "a collapsed run");
    assert!(v2.contains("Removed:</span> <a href=\"#cmp-page-3\">Appendix 3: Moving to the Working Together 2023 arrangements</a>"));
    assert!(v2.contains(
        "Added:</span> <a href=\"#cmp-page-6\">Appendix 1 of Appendix 4: Rapid review template</a>"
    ));
    assert!(
        v2.contains("<td>Education</td><td>The further education college, with about <del>"),
        "one changed figure in a table row"
    );
    // Version 1.1 changed one heading and nothing else.
    let v11 = main_of(&read(&pages[0]));
    assert_eq!(
        v11.matches("<span class=\"change change-changed\">Changed:</span> <a href=\"#cmp-0-s")
            .count(),
        1
    );
    assert!(
        v11.contains(">Sections 1 to 6</a>: no change.")
            && v11.contains(">Sections 8 to 17</a>: no change.")
    );
    let history = read(&masa.join("history/index.html"));
    assert!(history.contains("href=\"/arrangements/masa/compare/v1.0/\""));
    assert!(!read(&out.join("sitemap.xml")).contains("compare/"));
}
