//! Walking `content/`: every Markdown file and every other asset, in name
//! order, with symbolic links followed only inside the site.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use charter_core::diagnostics::display_path;
use charter_core::model::Role;
use charter_core::urls::version_of_dir_name;
use charter_core::{Code, Diagnostic, Sink};
use rayon::prelude::*;

/// A file found under `content/`.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    /// Where it is on disk.
    pub(crate) path: PathBuf,
    /// Its path relative to `content/`, `/`-separated.
    pub(crate) rel: String,
}

/// Markdown files and other assets (paths relative to `content/`), in
/// the order of one walk sorted by name.
///
/// Each folder directly in `content/` is walked on its own, in parallel,
/// and the walks put together in name order: the same files in the same
/// order, and the same diagnostics (a [`Sink`] sorts its own), as one
/// walk. One walk was the serial start of every build (about a tenth of
/// a 10k build's load, in 3,300 folders).
pub(crate) fn walk_content(root: &Path, sink: &Sink) -> (Vec<Found>, Vec<String>) {
    let content = root.join("content");
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walk = Walk { root, content: &content, canonical_root: &canonical_root, sink };
    // `content/` itself and its entries, not what is in its folders.
    let top = walker(&content).max_depth(1).into_iter().filter_entry(visible);
    let mut units = Vec::new();
    for entry in top {
        match entry {
            Ok(e) if e.depth() == 1 && e.file_type().is_dir() => units.push(Unit::Folder(e)),
            other => units.push(Unit::Entry(other)),
        }
    }
    let parts: Vec<Part> = units
        .into_par_iter()
        .map(|unit| {
            let mut part = Part::default();
            match unit {
                Unit::Entry(entry) => walk.take(entry, &mut part),
                Unit::Folder(folder) => {
                    // The folder is the walk's first entry, as in one walk
                    // (a folder adds no file; an unreadable one is reported).
                    let below = walker(folder.path()).into_iter();
                    for entry in below.filter_entry(visible) {
                        walk.take(entry, &mut part);
                    }
                }
            }
            part
        })
        .collect();
    let (mut markdown, mut assets) = (Vec::new(), Vec::new());
    for part in parts {
        markdown.extend(part.markdown);
        assets.extend(part.assets);
    }
    (markdown, assets)
}

/// What a walk is done in.
struct Walk<'a> {
    root: &'a Path,
    content: &'a Path,
    canonical_root: &'a Path,
    sink: &'a Sink,
}

/// A unit of the walk of `content/`: an entry directly in it, or a folder
/// directly in it, walked whole.
enum Unit {
    Entry(walkdir::Result<walkdir::DirEntry>),
    Folder(walkdir::DirEntry),
}

/// What one unit of the walk found.
#[derive(Default)]
struct Part {
    markdown: Vec<Found>,
    assets: Vec<String>,
}

impl Part {
    /// A file found at `path`: a page if it is Markdown, else an asset.
    fn push(&mut self, path: &Path, rel: String) {
        if rel.ends_with(".md") {
            self.markdown.push(Found { path: path.to_path_buf(), rel });
        } else {
            self.assets.push(rel);
        }
    }
}

/// Names starting with a dot are hidden, below `content/` itself.
fn visible(e: &walkdir::DirEntry) -> bool {
    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
}

/// A walker of `dir` as every part of the walk uses it: links not
/// followed, entries in name order.
fn walker(dir: &Path) -> walkdir::WalkDir {
    walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name()
}

impl Walk<'_> {
    /// One entry of the walk: a file kept, a link followed inside the
    /// site, an error reported.
    fn take(&self, entry: walkdir::Result<walkdir::DirEntry>, part: &mut Part) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let file = e
                    .path()
                    .map(|p| display_path(self.root, p))
                    .unwrap_or_else(|| "content".into());
                self.sink.push(
                    Diagnostic::error(Code::ContentUnreadable, format!("cannot read: {e}"))
                        .in_file(file)
                        .help("check the file's permissions"),
                );
                return;
            }
        };
        let path = entry.path();
        let rel =
            path.strip_prefix(self.content).unwrap_or(path).to_string_lossy().replace('\\', "/");
        if entry.path_is_symlink() {
            self.follow_link(path, rel, part);
        } else if entry.file_type().is_file() {
            part.push(path, rel);
        }
    }

    /// A link may point anywhere; only what stays inside the site is read,
    /// so that a build never publishes files from elsewhere on the machine.
    fn follow_link(&self, path: &Path, rel: String, part: &mut Part) {
        let file = display_path(self.root, path);
        match path.canonicalize() {
            Ok(target) if target.starts_with(self.canonical_root) => {
                if target.is_file() {
                    part.push(path, rel);
                } else {
                    self.sink.push(
                        Diagnostic::warning(
                            Code::ContentSymlink,
                            "this symbolic link points to a folder, which is not followed",
                        )
                        .in_file(file)
                        .help("move the folder into content/ instead of linking to it"),
                    );
                }
            }
            _ => self.sink.push(
                Diagnostic::error(
                    Code::ContentOutsideRoot,
                    "this symbolic link points outside the site, so it is not read",
                )
                .in_file(file)
                .help("copy the file into the site instead of linking to it"),
            ),
        }
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

    /// The walk in parts gives what one walk sorted by name gives: files
    /// directly in `content/` between its folders, nested folders, hidden
    /// names, and links (to a file inside, to a folder, outside the site)
    /// in more than one folder, so that their diagnostics' order shows.
    #[test]
    fn the_walk_in_parts_is_one_walk_in_name_order() {
        let site = tempfile::tempdir().expect("temp dir");
        let outside = tempfile::tempdir().expect("temp dir");
        std::fs::write(outside.path().join("secret.md"), "x").expect("write");
        let root = site.path();
        let files = [
            "_index.md",
            "a.md",
            "b/index.md",
            "b/appendix-1.md",
            "b/c/deep/page.md",
            "b/c/figure.png",
            "b/.hidden.md",
            "b.md",
            "c/x.md",
            ".git/config",
            "d.pdf",
            "e/f/g/h.md",
        ];
        for f in files {
            let path = root.join("content").join(f);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, "x").expect("write");
        }
        let link = |target: &Path, at: &str| {
            std::os::unix::fs::symlink(target, root.join("content").join(at)).expect("link")
        };
        link(&root.join("content/a.md"), "b/link-inside.md");
        link(&root.join("content/b"), "c/folder-link");
        link(&outside.path().join("secret.md"), "c/leak.md");
        link(&outside.path().join("secret.md"), "b/leak.md");
        link(&outside.path().join("secret.md"), "leak-top.md");

        let sink = Sink::default();
        let (markdown, assets) = walk_content(root, &sink);
        let found: Vec<&str> = markdown.iter().map(|f| f.rel.as_str()).collect();
        let diagnostics: Vec<(String, String)> = sink
            .take()
            .into_iter()
            .map(|d| (d.file.clone().unwrap_or_default(), d.message.clone()))
            .collect();

        // One walk, sorted by name, as the oracle.
        let content = root.join("content");
        let (mut expected, mut expected_assets, mut expected_links) = (vec![], vec![], vec![]);
        for e in walker(&content).into_iter().filter_entry(visible) {
            let e = e.expect("readable");
            let rel =
                e.path().strip_prefix(&content).expect("inside").to_string_lossy().to_string();
            if e.path_is_symlink() {
                expected_links.push(rel.clone());
                if !e.path().is_file()
                    || !e.path().canonicalize().unwrap().starts_with(root.canonicalize().unwrap())
                {
                    continue;
                }
            } else if !e.file_type().is_file() {
                continue;
            }
            if rel.ends_with(".md") { expected.push(rel) } else { expected_assets.push(rel) }
        }
        assert_eq!(found, expected);
        assert_eq!(assets, expected_assets);
        assert!(found.contains(&"b/link-inside.md") && !found.iter().any(|f| f.contains("hidden")));
        // One diagnostic per link not followed.
        let mut files: Vec<&str> = diagnostics.iter().map(|(f, _)| f.as_str()).collect();
        files.sort_unstable();
        assert_eq!(
            files,
            [
                "content/b/leak.md",
                "content/c/folder-link",
                "content/c/leak.md",
                "content/leak-top.md"
            ],
            "{diagnostics:?} (links: {expected_links:?})"
        );
    }

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
