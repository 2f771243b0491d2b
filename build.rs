//! Embeds the guide's page for each diagnostic code, for `charter explain`,
//! and the commit the binary was built from, for `charter --version`.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    explanations();
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
