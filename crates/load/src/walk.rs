//! Walking `content/`: every Markdown file and every other asset, in name
//! order, with symbolic links followed only inside the site.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use charter_core::diagnostics::display_path;
use charter_core::model::Role;
use charter_core::urls::version_of_dir_name;
use charter_core::{Code, Diagnostic, Sink};

/// A file found under `content/`.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    /// Where it is on disk.
    pub(crate) path: PathBuf,
    /// Its path relative to `content/`, `/`-separated.
    pub(crate) rel: String,
}

/// Markdown files and other assets (paths relative to `content/`).
pub(crate) fn walk_content(root: &Path, sink: &Sink) -> (Vec<Found>, Vec<String>) {
    let content = root.join("content");
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker =
        walkdir::WalkDir::new(&content).follow_links(false).sort_by_file_name().into_iter();
    let visible =
        |e: &walkdir::DirEntry| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.');
    for entry in walker.filter_entry(visible) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let file =
                    e.path().map(|p| display_path(root, p)).unwrap_or_else(|| "content".into());
                sink.push(
                    Diagnostic::error(Code::ContentUnreadable, format!("cannot read: {e}"))
                        .in_file(file)
                        .help("check the file's permissions"),
                );
                continue;
            }
        };
        let path = entry.path();
        let rel = path.strip_prefix(&content).unwrap_or(path).to_string_lossy().replace('\\', "/");
        if entry.path_is_symlink() {
            follow_link(
                &canonical_root,
                path,
                rel,
                display_path(root, path),
                sink,
                &mut markdown,
                &mut assets,
            );
            continue;
        }
        if entry.file_type().is_file() {
            push_found(&mut markdown, &mut assets, path, rel);
        }
    }
    (markdown, assets)
}

/// A link may point anywhere; only what stays inside the site is read,
/// so that a build never publishes files from elsewhere on the machine.
fn follow_link(
    canonical_root: &Path,
    path: &Path,
    rel: String,
    file: String,
    sink: &Sink,
    markdown: &mut Vec<Found>,
    assets: &mut Vec<String>,
) {
    match path.canonicalize() {
        Ok(target) if target.starts_with(canonical_root) => {
            if target.is_file() {
                push_found(markdown, assets, path, rel);
            } else {
                sink.push(
                    Diagnostic::warning(
                        Code::ContentSymlink,
                        "this symbolic link points to a folder, which is not followed",
                    )
                    .in_file(file)
                    .help("move the folder into content/ instead of linking to it"),
                );
            }
        }
        _ => sink.push(
            Diagnostic::error(
                Code::ContentOutsideRoot,
                "this symbolic link points outside the site, so it is not read",
            )
            .in_file(file)
            .help("copy the file into the site instead of linking to it"),
        ),
    }
}

fn push_found(markdown: &mut Vec<Found>, assets: &mut Vec<String>, path: &Path, rel: String) {
    if rel.ends_with(".md") {
        markdown.push(Found { path: path.to_path_buf(), rel });
    } else {
        assets.push(rel);
    }
}

/// A file's role from its name and its neighbours.
pub(crate) fn role_of(rel: &str, all: &HashSet<&str>) -> Role {
    let (dir, name) = match rel.rfind('/') {
        Some(i) => (&rel[..i], &rel[i + 1..]),
        None => ("", rel),
    };
    let has_index = |d: &str| {
        let want = if d.is_empty() { "index.md".to_string() } else { format!("{d}/index.md") };
        all.contains(want.as_str())
    };
    let parent = |d: &str| d.rfind('/').map(|i| d[..i].to_string()).unwrap_or_default();
    match name {
        "_index.md" if dir.is_empty() => Role::Home,
        "_index.md" => Role::Section,
        "index.md" => {
            // A document folder inside another document folder is an appendix
            // that has appendices of its own.
            if !dir.is_empty() && has_index(&parent(dir)) && !is_version_dir(dir) {
                Role::Appendix
            } else {
                Role::Document
            }
        }
        _ if has_index(dir) => Role::Appendix,
        _ => Role::Page,
    }
}

fn is_version_dir(dir: &str) -> bool {
    let name = dir.rsplit('/').next().unwrap_or(dir);
    version_of_dir_name(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_from_names_and_neighbours() {
        let all: HashSet<&str> = [
            "_index.md",
            "a/_index.md",
            "a/d/index.md",
            "a/d/appendix-1.md",
            "a/d/b/index.md",
            "a/d/v1.0/index.md",
            "a/p.md",
        ]
        .into_iter()
        .collect();
        assert_eq!(role_of("_index.md", &all), Role::Home);
        assert_eq!(role_of("a/_index.md", &all), Role::Section);
        assert_eq!(role_of("a/d/index.md", &all), Role::Document);
        assert_eq!(role_of("a/d/appendix-1.md", &all), Role::Appendix);
        assert_eq!(role_of("a/d/b/index.md", &all), Role::Appendix);
        assert_eq!(role_of("a/d/v1.0/index.md", &all), Role::Document);
        assert_eq!(role_of("a/p.md", &all), Role::Page);
    }
}
