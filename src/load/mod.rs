//! Stage 1, load: walk `content/`, split and parse frontmatter, read the
//! glossary and data files. Nothing here knows about URLs or HTML.

pub mod data;
pub mod frontmatter;
pub mod glossary;
pub mod yaml;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Sink, line_col};
use crate::model::{Kind, PageId, Role, SourcePage, Status};

/// Larger Markdown files are refused: no real document comes near this, and
/// rendering one would stall a CI build.
pub const MAX_PAGE_BYTES: u64 = 8 * 1024 * 1024;

/// Everything read from disk.
#[derive(Debug)]
pub struct Loaded {
    pub pages: Vec<SourcePage>,
    pub glossary: glossary::Glossary,
    pub data: data::Data,
    /// Non-Markdown files under `content/`, as paths relative to `content/`.
    pub content_assets: Vec<String>,
}

/// What the loader was asked to include.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    pub drafts: bool,
}

/// A file found under `content/`.
struct Found {
    path: PathBuf,
    rel: String,
}

/// What identifies a file's parse for reuse: when it was written, its size,
/// and the two things its neighbours decide (its role; whether it sits
/// beside a local offer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStamp {
    modified: Option<std::time::SystemTime>,
    len: u64,
    role: Role,
    beside_offer: bool,
}

/// One file as a load left it: its stamp, its page (unless it could not be
/// read) and what reading it reported.
pub type LoadedFile = (FileStamp, Option<SourcePage>, Vec<Diagnostic>);

/// Parsed pages of an earlier build, by path (`serve` only).
pub type LoadCache = std::collections::HashMap<PathBuf, LoadedFile>;

/// Reads the whole site below `root`.
pub fn load(root: &Path, config: &Config, options: LoadOptions, sink: &Sink) -> Loaded {
    load_cached(root, config, options, sink, None)
}

/// `load`, re-reading only files that changed since the cache was filled.
pub fn load_cached(root: &Path, config: &Config, options: LoadOptions, sink: &Sink, mut cache: Option<&mut LoadCache>) -> Loaded {
    let content = root.join("content");
    let (markdown, content_assets) = walk_content(root, &content, sink);
    let rels: std::collections::HashSet<&str> = markdown.iter().map(|f| f.rel.as_str()).collect();
    // Folders whose index.md is a local offer: the files beside it are its services.
    let offers: std::collections::HashSet<&Path> = markdown
        .par_iter()
        .filter(|f| f.path.file_name().is_some_and(|n| n == "index.md") && index_is_local_offer(&f.path))
        .filter_map(|f| f.path.parent())
        .collect();
    let previous = cache.as_deref();
    // A file unchanged since the last load is taken from the cache (`None`
    // here: its entry moves to the next cache as it is).
    let read: Vec<(PathBuf, Option<LoadedFile>)> = markdown
        .par_iter()
        .map(|f| {
            let meta = std::fs::metadata(&f.path).ok();
            let role = role_of(&f.rel, &rels);
            let stamp = FileStamp {
                modified: meta.as_ref().and_then(|m| m.modified().ok()),
                len: meta.as_ref().map(|m| m.len()).unwrap_or(0),
                role,
                beside_offer: role == Role::Appendix && f.path.parent().is_some_and(|d| offers.contains(d)),
            };
            if previous.and_then(|c| c.get(&f.path)).is_some_and(|(s, _, _)| *s == stamp && stamp.modified.is_some()) {
                return (f.path.clone(), None);
            }
            let local = Sink::default();
            let page = read_page(root, f, &stamp, &local);
            (f.path.clone(), Some((stamp, page, local.take())))
        })
        .collect();
    let mut last = cache.as_deref_mut().map(std::mem::take).unwrap_or_default();
    let mut next = LoadCache::new();
    let mut parsed: Vec<Option<SourcePage>> = Vec::with_capacity(read.len());
    for (path, fresh) in read {
        let Some((stamp, page, diagnostics)) = fresh.or_else(|| last.remove(&path)) else { continue };
        if cache.is_some() {
            sink.extend(diagnostics.iter().cloned());
            parsed.push(page.clone());
            next.insert(path, (stamp, page, diagnostics));
        } else {
            // A one-off build keeps nothing: the page moves on.
            sink.extend(diagnostics);
            parsed.push(page);
        }
    }
    if let Some(c) = cache {
        *c = next;
    }
    let mut pages: Vec<SourcePage> = parsed
        .into_iter()
        .flatten()
        // Drafts and consultation versions are previews: built only when
        // asked for, so a CI build never publishes them by accident.
        .filter(|p| options.drafts || !matches!(p.frontmatter.status, Status::Draft | Status::Consultation))
        .collect();
    for (i, p) in pages.iter_mut().enumerate() {
        p.id = PageId(i);
    }
    let glossary = glossary::load(root, config, sink);
    let data = data::load(root, sink);
    Loaded { pages, glossary, data, content_assets }
}

fn walk_content(root: &Path, content: &Path, sink: &Sink) -> (Vec<Found>, Vec<String>) {
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = walkdir::WalkDir::new(content).follow_links(false).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let file = e.path().map(|p| crate::diagnostics::display_path(root, p)).unwrap_or_else(|| "content".into());
                sink.push(Diagnostic::error("content::unreadable", format!("cannot read: {e}")).in_file(file).help("check the file's permissions"));
                continue;
            }
        };
        let path = entry.path();
        let rel = path.strip_prefix(content).unwrap_or(path).to_string_lossy().replace('\\', "/");
        let file = crate::diagnostics::display_path(root, path);
        if entry.path_is_symlink() {
            // A link may point anywhere; only what stays inside the site is read,
            // so that a build never publishes files from elsewhere on the machine.
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) => {
                    if target.is_file() {
                        push_found(&mut markdown, &mut assets, path, rel);
                    } else {
                        sink.push(
                            Diagnostic::warning("content::symlink", "this symbolic link points to a folder, which is not followed")
                                .in_file(file)
                                .help("move the folder into content/ instead of linking to it"),
                        );
                    }
                }
                _ => sink.push(
                    Diagnostic::error("content::outside-root", "this symbolic link points outside the site, so it is not read")
                        .in_file(file)
                        .help("copy the file into the site instead of linking to it"),
                ),
            }
            continue;
        }
        if entry.file_type().is_file() {
            push_found(&mut markdown, &mut assets, path, rel);
        }
    }
    (markdown, assets)
}

fn push_found(markdown: &mut Vec<Found>, assets: &mut Vec<String>, path: &Path, rel: String) {
    if rel.ends_with(".md") {
        markdown.push(Found { path: path.to_path_buf(), rel });
    } else {
        assets.push(rel);
    }
}

/// Reads one page again for `serve`'s fast path, in the place the last
/// load found it (`cache`: its role, and whether it sits beside a local
/// offer). `None` if that load did not see the file.
pub fn reread_page(root: &Path, file: &str, cache: &LoadCache, sink: &Sink) -> Option<SourcePage> {
    let path = root.join(file);
    let (stamp, _, _) = cache.get(&path)?;
    let rel = path.strip_prefix(root.join("content")).ok()?.to_string_lossy().replace('\\', "/");
    read_page(root, &Found { path, rel }, stamp, sink)
}

fn read_page(root: &Path, found: &Found, stamp: &FileStamp, sink: &Sink) -> Option<SourcePage> {
    let file = crate::diagnostics::display_path(root, &found.path);
    let size = std::fs::metadata(&found.path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_PAGE_BYTES {
        sink.push(
            Diagnostic::error(
                "content::too-large",
                format!("this file is {} MB; pages are limited to {} MB", size / 1_000_000, MAX_PAGE_BYTES / 1_000_000),
            )
            .in_file(file)
            .help("split the document into appendices, or move data into a CSV file under data/"),
        );
        return None;
    }
    let bytes = match std::fs::read(&found.path) {
        Ok(b) => b,
        Err(e) => {
            sink.push(Diagnostic::error("content::unreadable", format!("cannot read: {e}")).in_file(file).help("check the file's permissions"));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let (line, column) = line_col(&prefix, prefix.len());
            sink.push(
                Diagnostic::error("content::utf8", "this file is not valid UTF-8")
                    .at(file, line, column)
                    .help("save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)"),
            );
            return None;
        }
    };
    let text = normalise_newlines(text.strip_prefix('\u{feff}').unwrap_or(&text));
    let split = match frontmatter::split(&text, &file) {
        Ok(s) => s,
        Err(d) => {
            sink.push(d);
            return None;
        }
    };
    let role = stamp.role;
    let default_kind = match role {
        // A file beside a local offer's index.md is one of its services.
        Role::Appendix if stamp.beside_offer => Kind::Service,
        Role::Appendix => Kind::Appendix,
        _ => Kind::Page,
    };
    let fm = match frontmatter::parse(split.yaml, &file, default_kind) {
        Ok(f) => f,
        Err(ds) => {
            sink.extend(ds);
            return None;
        }
    };
    let kind = fm.kind.unwrap_or(default_kind);
    let role = if role == Role::Appendix && kind == Kind::Service { Role::Service } else { role };
    Some(SourcePage {
        id: PageId(0),
        file,
        content_path: found.rel.clone(),
        body: split.body.to_string(),
        body_line: split.body_line,
        frontmatter: fm,
        kind,
        role,
    })
}

/// Does this `index.md` say `kind: local-offer`? A cheap look at its
/// frontmatter lines, before the file is parsed in turn.
fn index_is_local_offer(index: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(index) else { return false };
    text.lines().skip(1).take_while(|l| l.trim_end() != "---").any(|l| {
        let l = l.trim();
        l.strip_prefix("kind:").is_some_and(|k| k.trim().trim_matches(['"', '\'']) == "local-offer")
    })
}

/// CRLF and lone CR become LF, so that every later stage sees one kind of line.
pub fn normalise_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A file's role from its name and its neighbours.
fn role_of(rel: &str, all: &std::collections::HashSet<&str>) -> Role {
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
            if !dir.is_empty() && has_index(&parent(dir)) && !is_version_dir(dir) { Role::Appendix } else { Role::Document }
        }
        _ if has_index(dir) => Role::Appendix,
        _ => Role::Page,
    }
}

/// `v1.0`, `v2`, `v1.10`: a version folder's name.
pub fn version_of_dir_name(name: &str) -> Option<&str> {
    let v = name.strip_prefix('v')?;
    if !v.is_empty() && v.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) { Some(v) } else { None }
}

fn is_version_dir(dir: &str) -> bool {
    let name = dir.rsplit('/').next().unwrap_or(dir);
    version_of_dir_name(name).is_some()
}
