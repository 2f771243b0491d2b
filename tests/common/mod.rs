//! Helpers for integration tests: fixture sites in temporary folders, the
//! real `charter` binary run on them, and its JSON diagnostics parsed.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) struct Site {
    pub(crate) dir: tempfile::TempDir,
}

pub(crate) const CONFIG: &str = "title: Test Partnership\nbase_url: https://test.example.org/\nlanguage: en-GB\nglossary:\n  link: first\n  ignore: [PDF]\nxrefs:\n  ignore: [\"Section 11\"]\n";

impl Site {
    /// A site with the given files (path → text) and a default config.
    pub(crate) fn new(files: &[(&str, &str)]) -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        let site = Site { dir };
        if !files.iter().any(|(p, _)| *p == "charter.yaml") {
            site.write("charter.yaml", CONFIG);
        }
        for (path, text) in files {
            site.write(path, text);
        }
        site
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, path: &str, text: &str) {
        self.write_bytes(path, text.as_bytes());
    }

    pub(crate) fn write_bytes(&self, path: &str, bytes: &[u8]) {
        let p = self.root().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub(crate) fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Runs `charter build` with extra arguments.
    pub(crate) fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build", "--root"];
        let root = self.root().to_str().unwrap().to_string();
        all.push(&root);
        all.extend_from_slice(args);
        run(&all)
    }

    /// Runs `charter check --format json` and parses the diagnostics.
    pub(crate) fn check(&self, extra: &[&str]) -> (i32, Vec<serde_json::Value>) {
        let root = self.root().to_str().unwrap().to_string();
        let mut args = vec!["check", "--root", &root, "--format", "json"];
        args.extend_from_slice(extra);
        let r = run(&args);
        let parsed: Vec<serde_json::Value> = serde_json::from_str(&r.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", r.stdout, r.stderr));
        (r.code, parsed)
    }

    pub(crate) fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.out().join(path))
            .unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
    }

    pub(crate) fn exists(&self, path: &str) -> bool {
        self.out().join(path).exists()
    }
}

pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

pub(crate) fn run(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .env("NO_COLOR", "1")
        .output()
        .expect("run charter");
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    };
    assert!(!r.stderr.contains("panicked"), "charter panicked: {}", r.stderr);
    r
}

/// The diagnostics with this code.
pub(crate) fn with_code<'a>(ds: &'a [serde_json::Value], code: &str) -> Vec<&'a serde_json::Value> {
    ds.iter().filter(|d| d["code"] == code).collect()
}

/// A page with frontmatter.
pub(crate) fn page(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n{extra}---\n{body}")
}

/// A version of the document `plan`: its `index.md`, with a `changes:`
/// note and a publication date that differs by version.
pub(crate) fn plan_version(v: &str, status: &str, body: &str) -> String {
    format!(
        "---\ntitle: Plan\nversion: \"{v}\"\nstatus: {status}\npublished: 2025-0{}-01\nchanges: Version {v} notes.\n---\n{body}",
        v.len().min(9)
    )
}
