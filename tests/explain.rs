//! Every diagnostic the program can emit is explained (`charter explain`
//! and the guide share the text), and the frontmatter reference is the
//! loader's own list.

mod common;
use common::run;

#[test]
fn every_code_has_an_explanation_in_the_guide_and_the_terminal() {
    // The typed code enum is every code charter can emit.
    let codes: Vec<&str> = charter_core::Code::ALL.iter().map(|c| c.as_str()).collect();
    assert!(codes.len() > 30, "{codes:?}");
    for code in codes {
        let r = run(&["explain", code]);
        assert_eq!(r.code, 0, "no explanation for {code}: {}", r.stderr);
        for section in ["## What it means", "## Example", "## How to fix it"] {
            assert!(r.stdout.contains(section), "{code} lacks {section}");
        }
    }
}

#[test]
fn codes_may_be_written_with_a_dash() {
    let r = run(&["explain", "xref-unresolved"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("xref::unresolved\n"));
}

#[test]
fn unknown_codes_get_a_hint() {
    let r = run(&["explain", "link::brokn"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("link::broken"));
}

#[test]
fn text_diagnostics_point_to_their_explanation() {
    let site = common::Site::new(&[("content/_index.md", "---\ntitle: T\n---\n[x](@/nowhere/)\n")]);
    let r = site.build(&[]);
    assert!(r.stderr.contains("more: charter explain link::broken"), "{}", r.stderr);
}

#[test]
fn the_frontmatter_reference_is_generated_from_the_loader() {
    let generated = run(&["schema"]).stdout;
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/content/reference/frontmatter-keys.md"
    ))
    .unwrap();
    assert_eq!(
        committed, generated,
        "run `charter schema > docs/content/reference/frontmatter-keys.md`"
    );
    let written = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/content/reference/frontmatter.md"
    ))
    .unwrap();
    for d in charter_load::frontmatter::SCHEMA {
        assert!(
            written.contains(&format!("`{}`", d.key)),
            "the written reference does not mention `{}`",
            d.key
        );
    }
}

#[test]
fn the_guide_builds_clean() {
    let r = run(&[
        "check",
        "--root",
        concat!(env!("CARGO_MANIFEST_DIR"), "/docs"),
        "--strict",
        "--format",
        "json",
    ]);
    let ds: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
    let loud: Vec<_> = ds.iter().filter(|d| d["severity"] != "note").collect();
    assert!(loud.is_empty(), "{loud:#?}");
    assert_eq!(r.code, 0);
}

#[test]
fn the_guide_lists_the_built_in_legislation_table() {
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs/content/writing/legislation.md"),
    )
    .unwrap();
    let rows = charter_load::theme::builtin().legislation();
    assert!(rows.len() >= 25);
    for row in rows {
        assert!(
            page.contains(&format!("| {} |", row.title)),
            "the guide does not list {}",
            row.title
        );
        assert!(page.contains(&row.path), "the guide does not give the path of {}", row.title);
    }
}
