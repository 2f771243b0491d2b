//! PDFs asked for where no browser can make them, and the checks that do
//! not need one (the real PDFs are checked by `scripts/test`, with
//! Chromium, in `tests/pdf/check-pdfs.py`).

mod common;

use std::process::Command;

use common::{CONFIG, Site, page};

/// Runs charter with no browser to be found: `CHARTER_CHROMIUM` naming
/// `browser` (or unset), and an empty `PATH`.
fn without_browser(site: &Site, args: &[&str], browser: Option<&str>) -> (i32, String, String) {
    let root = site.root().to_str().unwrap().to_string();
    let mut command = Command::new(env!("CARGO_BIN_EXE_charter"));
    command
        .args(args)
        .args(["--root", &root])
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .env("NO_COLOR", "1")
        .env("PATH", "");
    match browser {
        Some(b) => command.env("CHARTER_CHROMIUM", b),
        None => command.env_remove("CHARTER_CHROMIUM"),
    };
    let out = command.output().expect("run charter");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

fn document_site(config: &str) -> Site {
    Site::new(&[
        ("charter.yaml", config),
        ("content/_index.md", &page("Home", "", "Welcome.\n")),
        (
            "content/thresholds/continuum/index.md",
            &page(
                "Continuum of need",
                "kind: threshold\npublished: 2026-01-05\n",
                "## 1. Levels\n\n1.1 Text.\n",
            ),
        ),
    ])
}

#[test]
fn asking_for_pdfs_without_a_browser_fails_and_leaves_the_last_good_site() {
    let site = document_site(CONFIG);
    let first = site.build(&[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = site.read("thresholds/continuum/index.html");
    let (code, _, stderr) = without_browser(&site, &["build", "--pdf"], Some("/nowhere/chromium"));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("pdf::browser-missing"), "{stderr}");
    assert!(stderr.contains("CHARTER_CHROMIUM names /nowhere/chromium"), "{stderr}");
    assert!(stderr.contains("apt-get install chromium"), "says how to install it: {stderr}");
    assert!(stderr.contains("leave out --pdf"), "says how to turn PDFs off: {stderr}");
    assert!(stderr.contains("last good site"), "{stderr}");
    assert_eq!(site.read("thresholds/continuum/index.html"), before);
    assert!(!site.exists("thresholds/continuum/continuum.pdf"));
}

#[test]
fn pdf_true_without_a_browser_points_at_the_setting() {
    let site = document_site(&format!("{CONFIG}pdf: true\n"));
    let (code, stdout, _) = without_browser(&site, &["build", "--format", "json"], None);
    assert_eq!(code, 1);
    let ds: Vec<serde_json::Value> = serde_json::from_str(&stdout).expect("JSON");
    let d = ds.iter().find(|d| d["code"] == "pdf::browser-missing").expect("the error");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "charter.yaml");
    assert_eq!(d["line"], CONFIG.lines().count() + 1);
    assert!(d["message"].as_str().unwrap().contains("none was found"), "{d}");
    assert!(!site.exists(""), "nothing was written");
}

#[test]
fn the_error_cannot_be_silenced() {
    let config = format!("{CONFIG}pdf: true\ndiagnostics:\n  allow: [pdf::browser-missing]\n");
    let site = document_site(&config);
    let (code, _, stderr) = without_browser(&site, &["build"], None);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("pdf::browser-missing"), "{stderr}");
}

#[test]
fn check_and_a_site_without_pdfs_need_no_browser() {
    let site = document_site(&format!("{CONFIG}pdf: true\n"));
    let (code, _, stderr) = without_browser(&site, &["check", "--strict"], None);
    assert_eq!(code, 0, "check writes nothing, so makes no PDFs: {stderr}");
    let plain = document_site(CONFIG);
    let (code, _, stderr) = without_browser(&plain, &["build", "--strict"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(!plain.read("thresholds/continuum/index.html").contains(".pdf"));
}

#[test]
fn a_site_without_an_address_is_warned_that_its_pdfs_links_cannot_work() {
    let site = document_site("title: Test Partnership\npdf: true\n");
    let (code, ds) = site.check(&[]);
    assert_eq!(code, 0);
    let warnings = common::with_code(&ds, "pdf::relative-base-url");
    assert_eq!(warnings.len(), 1, "{ds:?}");
    assert_eq!(warnings[0]["file"], "charter.yaml");
    let with_address = document_site(&format!("{CONFIG}pdf: true\n"));
    let (_, ds) = with_address.check(&[]);
    assert!(common::with_code(&ds, "pdf::relative-base-url").is_empty());
}
