//! Embeds `themes/default/` in the binary, so a site with no `themes/`
//! folder builds with the default theme.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut code = String::from("/// Every file of the built-in default theme: (path, contents).\npub static DEFAULT_THEME: &[(&str, &[u8])] = &[\n");
    for rel in &files {
        let abs = root.join(rel);
        println!("cargo:rerun-if-changed={}", abs.display());
        let _ = writeln!(code, "    ({rel:?}, include_bytes!({:?})),", abs.display().to_string());
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("default_theme.rs");
    std::fs::write(out, code).expect("write default_theme.rs");
    explanations();
}

/// Embeds the guide's page for each diagnostic code, for `charter explain`.
fn explanations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content/diagnostics");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".md") && n != "_index.md").collect())
        .unwrap_or_default();
    names.sort();
    let mut code = String::from("/// The guide's page for each diagnostic code: (code, Markdown).\npub static EXPLANATIONS: &[(&str, &str)] = &[\n");
    for n in names {
        let path = dir.join(&n);
        println!("cargo:rerun-if-changed={}", path.display());
        let diagnostic = n.trim_end_matches(".md").replace("--", "::");
        let _ = writeln!(code, "    ({diagnostic:?}, include_str!({:?})),", path.display().to_string());
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("explanations.rs");
    std::fs::write(out, code).expect("write explanations.rs");
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(root, &p, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}
