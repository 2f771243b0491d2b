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
