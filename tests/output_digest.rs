//! Output that changes is reviewed: the demo site's and the guide's built
//! files, and the diagnostics of those two and of the shared conformance
//! kit, are compared with a committed manifest (one SHA-256 per file).
//!
//! A change that alters output on purpose updates the manifests in the
//! same commit, so the diff of `tests/digests/` shows which files changed:
//!
//!     CHARTER_UPDATE_DIGESTS=1 cargo test --test output_digest

mod common;

use std::path::Path;

use sha2::{Digest, Sha256};

/// `sha256  path` for every file under `dir`, sorted by path.
fn manifest_of(dir: &Path) -> String {
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(e.path()).unwrap();
            (rel, hex(&Sha256::digest(&bytes)))
        })
        .collect();
    files.sort();
    files.into_iter().map(|(path, sum)| format!("{sum}  {path}\n")).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares `actual` with the committed manifest `name`, or writes it
/// when asked to.
fn compare(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/digests").join(name);
    if std::env::var_os("CHARTER_UPDATE_DIGESTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected == actual {
        return;
    }
    let old: std::collections::BTreeSet<&str> = expected.lines().collect();
    let new: std::collections::BTreeSet<&str> = actual.lines().collect();
    let changed: Vec<&str> =
        old.symmetric_difference(&new).map(|l| l.split("  ").nth(1).unwrap_or(l)).collect();
    panic!(
        "the output in {name} changed ({} lines differ: {:?}); if that is intended, run \
         CHARTER_UPDATE_DIGESTS=1 cargo test --test output_digest and commit tests/digests/",
        changed.len(),
        changed.iter().take(20).collect::<Vec<_>>()
    );
}

fn built(root: &str, name: &str) {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let r = common::run(&["build", "--root", root, "--out", dest.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    compare(name, &manifest_of(&dest));
}

fn diagnostics(root: &str) -> String {
    let r = common::run(&["check", "--root", root, "--format", "json"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    r.stdout
}

#[test]
fn the_demo_site_is_what_was_reviewed() {
    built(env!("CARGO_MANIFEST_DIR"), "demo.txt");
}

#[test]
fn the_guide_is_what_was_reviewed() {
    built(concat!(env!("CARGO_MANIFEST_DIR"), "/docs"), "guide.txt");
}

#[test]
fn diagnostics_are_what_was_reviewed() {
    let mut all = String::new();
    all.push_str(&format!("demo {}", diagnostics(env!("CARGO_MANIFEST_DIR"))));
    all.push_str(&format!("guide {}", diagnostics(concat!(env!("CARGO_MANIFEST_DIR"), "/docs"))));
    let kit = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/conformance/site");
    if Path::new(kit).is_dir() {
        all.push_str(&format!("conformance {}", diagnostics(kit)));
    }
    compare("diagnostics.json", &all);
}
