//! Embeds the guide's page for each diagnostic code, for `charter explain`,
//! and the commit the binary was built from, for `charter --version`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    explanations();
    commit();
}

/// The commit the binary is built from, for `charter --version`: empty
/// when there is no git checkout (a build from a source archive or an
/// sdist), so that such a build never picks up an unrelated repository
/// around it.
fn commit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let git = |args: &[&str]| -> Option<String> {
        let out = std::process::Command::new("git").arg("-C").arg(root).args(args).output().ok()?;
        let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
        (out.status.success() && !text.is_empty()).then_some(text)
    };
    let mut suffix = String::new();
    if root.join(".git").exists()
        && let Some(hash) = git(&["rev-parse", "--short=12", "HEAD"])
    {
        suffix = format!(" (commit {hash})");
        // Rebuild the version when HEAD moves: its file, the branch it
        // names, and the packed refs.
        let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
        watched.extend(git(&["symbolic-ref", "-q", "HEAD"]));
        for name in watched {
            if let Some(path) = git(&["rev-parse", "--git-path", &name]) {
                let path = if Path::new(&path).is_absolute() {
                    PathBuf::from(path)
                } else {
                    root.join(path)
                };
                if path.exists() {
                    println!("cargo:rerun-if-changed={}", path.display());
                }
            }
        }
    }
    println!("cargo:rustc-env=CHARTER_COMMIT_SUFFIX={suffix}");
}

/// Embeds the guide's page for each diagnostic code.
fn explanations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content/diagnostics");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".md") && n != "_index.md")
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from(
        "/// The guide's page for each diagnostic code: (code, Markdown).\n\
         static EXPLANATIONS: &[(&str, &str)] = &[\n",
    );
    for n in names {
        let path = dir.join(&n);
        println!("cargo:rerun-if-changed={}", path.display());
        let diagnostic = n.trim_end_matches(".md").replace("--", "::");
        let _ =
            writeln!(code, "    ({diagnostic:?}, include_str!({:?})),", path.display().to_string());
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("explanations.rs");
    std::fs::write(out, code).expect("write explanations.rs");
}
