//! The first hour of a new user, with the real binary: `init` makes the
//! site the guide describes and says what to type next, `new` writes pages
//! that read sensibly and build, `check` says how many drafts it skipped,
//! `--strict` never fails on a review date alone, the CI formats print what
//! GitHub and GitLab read, and `--version` names the build.

mod common;
use common::*;

#[test]
fn init_makes_the_guides_site_and_prints_the_next_three_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-partnership");
    let d = dir.to_str().unwrap();
    let r = run(&["init", d]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.ends_with(&format!("Next:\n  cd {d}\n  charter check\n  charter serve\n")),
        "{}",
        r.stdout
    );
    for file in [
        "charter.yaml",
        "content/_index.md",
        "content/arrangements/_index.md",
        "content/arrangements/masa/v1.0/index.md",
        "data/glossary.yaml",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    let ignored = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(ignored.lines().any(|l| l == "/public/"), "{ignored}");
    assert!(ignored.lines().any(|l| l == "/.public.charter-*/"), "{ignored}");
    let check = run(&["check", "--root", d, "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stderr.contains("no problems"), "{}", check.stderr);
    let build = run(&["build", "--root", d, "--strict"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(dir.join("public/arrangements/masa/v1.0/index.html").exists());
    assert!(dir.join("public/arrangements/masa/history/index.html").exists());
}

/// The frontmatter `charter new` wrote.
fn new_page(root: &str, kind: &str, path: &str) -> String {
    let r = run(&["new", "--root", root, kind, path]);
    assert_eq!(r.code, 0, "new {kind} {path}: {}", r.stderr);
    let file = r.stdout.trim().strip_prefix("Wrote ").unwrap().to_string();
    std::fs::read_to_string(file).unwrap()
}

#[test]
fn new_pages_have_real_titles_versions_and_periods_and_build() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let d = dir.to_str().unwrap();
    assert_eq!(run(&["init", d]).code, 0);
    let masa = new_page(d, "arrangements", "arrangements/masa/v2.0");
    assert!(masa.contains("title: Multi-agency safeguarding arrangements\n"), "{masa}");
    assert!(masa.contains("version: \"2.0\"\n") && !masa.contains("\"1.0\""), "{masa}");
    let appendix = new_page(d, "appendix", "arrangements/masa/v2.0/appendix-a");
    assert!(appendix.contains("title: Appendix A\n"), "{appendix}");
    let report = new_page(d, "annual-report", "reports/annual-report-2025-26");
    assert!(report.contains("title: Annual report 2025-26\n"), "{report}");
    assert!(report.contains("period: { from: 2025-04-01, to: 2026-03-31 }\n"), "{report}");
    let page = new_page(d, "page", "about/contact-us");
    assert!(page.contains("title: Contact us\n"), "{page}");
    // The new arrangements are a draft: left out, and said so.
    let check = run(&["check", "--root", d]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stderr.contains("1 draft not built; --drafts builds it."), "{}", check.stderr);
    let build = run(&["build", "--root", d, "--drafts"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(!build.stderr.contains("not built"), "{}", build.stderr);
    let html = std::fs::read_to_string(dir.join("public/reports/annual-report-2025-26/index.html"))
        .unwrap();
    assert!(html.contains("Annual report 2025-26"));
}

fn overdue_site(deny: bool) -> Site {
    let mut config = CONFIG.to_string();
    if deny {
        config.push_str("diagnostics:\n  deny: [review::overdue]\n");
    }
    Site::new(&[
        ("charter.yaml", &config),
        ("content/_index.md", &page("Home", "", "Hello.\n")),
        ("content/policy.md", &page("Policy", "review_due: 2020-01-01\n", "Text.\n")),
    ])
}

#[test]
fn strict_never_fails_on_a_review_date_alone() {
    let (code, ds) = overdue_site(false).check(&["--strict"]);
    assert_eq!(code, 0, "{ds:#?}");
    assert_eq!(with_code(&ds, "review::overdue")[0]["severity"], "warning");
    let (code, ds) = overdue_site(true).check(&[]);
    assert_eq!(code, 1, "diagnostics.deny makes it an error: {ds:#?}");
    assert_eq!(with_code(&ds, "review::overdue")[0]["severity"], "error");
}

#[test]
fn gitlab_code_quality_and_github_annotations() {
    let site = Site::new(&[
        (
            "content/_index.md",
            &page("Home", "", "[gone](@/nowhere/) and [gone again](@/nowhere-else/)\n"),
        ),
        (
            "data/glossary.yaml",
            "- term: LADO\n  expansion: Local Authority Designated Officer\n  definition: Handles allegations.\n",
        ),
    ]);
    let root = site.root().to_str().unwrap();
    let r = run(&["check", "--root", root, "--format", "gitlab"]);
    assert_eq!(r.code, 1);
    let issues: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
    let broken: Vec<&serde_json::Value> =
        issues.iter().filter(|i| i["check_name"] == "link::broken").collect();
    assert_eq!(broken.len(), 2, "{issues:#?}");
    for i in &broken {
        assert_eq!(i["severity"], "major");
        assert_eq!(i["location"]["path"], "content/_index.md");
        assert_eq!(i["location"]["lines"]["begin"], 4);
        assert!(i["description"].as_str().unwrap().contains("nowhere"));
    }
    assert_ne!(broken[0]["fingerprint"], broken[1]["fingerprint"]);
    let again = run(&["check", "--root", root, "--format", "gitlab"]);
    assert_eq!(again.stdout, r.stdout, "fingerprints are stable");
    assert!(issues.iter().all(|i| i["severity"] != "info"), "notes only with --notes");
    let with_notes = run(&["check", "--root", root, "--format", "gitlab", "--notes"]);
    assert!(with_notes.stdout.contains("glossary::unused"));
    // GitHub: an annotation per problem; the unused term's note only on request.
    let github = run(&["check", "--root", root, "--format", "github"]);
    assert_eq!(github.stdout.lines().filter(|l| l.starts_with("::error ")).count(), 2);
    assert!(!github.stdout.contains("::notice"), "{}", github.stdout);
    let github = run(&["check", "--root", root, "--format", "github", "--notes"]);
    assert!(github.stdout.contains("::notice "), "{}", github.stdout);
}

#[test]
fn version_names_the_commit_when_built_from_git() {
    let r = run(&["--version"]);
    let expected = format!("charter {}", env!("CARGO_PKG_VERSION"));
    assert!(r.stdout.starts_with(&expected), "{}", r.stdout);
    if std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".git").exists() {
        assert!(r.stdout.contains("(commit "), "{}", r.stdout);
    }
}

#[test]
fn every_flag_has_help_text() {
    for command in ["build", "check", "serve", "init", "new", "explain", "schema"] {
        let help = run(&[command, "--help"]).stdout;
        let lines: Vec<&str> = help.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let flag = line.trim_start();
            // Flags, not the "- github: …" lines listing a flag's values.
            let short =
                flag.len() > 2 && flag.starts_with('-') && flag.as_bytes()[1].is_ascii_alphabetic();
            if !(flag.starts_with("--") || short) {
                continue;
            }
            // Clap puts the text on the flag's line, or on the next line.
            let same_line = flag.split("  ").filter(|p| !p.trim().is_empty()).count() > 1;
            let next = lines.get(i + 1).map(|l| l.trim()).unwrap_or("");
            let next_line = !next.is_empty() && !next.starts_with('-');
            assert!(
                same_line || next_line,
                "`charter {command}`: {line:?} has no help text\n{help}"
            );
        }
    }
}

#[test]
fn the_browser_tests_enforce_the_policy_charter_writes_for_hosts() {
    let script =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/test")).unwrap();
    let line = script.lines().find(|l| l.starts_with("csp=")).expect("scripts/test sets csp=");
    let tested = line.trim_start_matches("csp=").trim_matches('"');
    assert_eq!(tested, charter_site::CONTENT_SECURITY_POLICY);
}
