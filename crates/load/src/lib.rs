//! Stage 1, load: walk `content/`, split and parse frontmatter, read the
//! glossary, the data files and the theme. Nothing here knows about URLs
//! or HTML; everything read becomes the model of `charter-core`.

pub mod data;
pub mod frontmatter;
pub mod glossary;
mod page;
pub mod theme;
mod walk;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use charter_core::model::{Data, Glossary, PageId, Role, SourcePage};
use charter_core::{Diagnostic, Sink};
use rayon::prelude::*;

pub use page::{MAX_PAGE_BYTES, normalise_newlines};

use page::FileStamp;
use walk::Found;

/// Everything read from disk.
#[derive(Debug)]
pub struct Loaded {
    /// Every page that is built (drafts only with `--drafts`).
    pub pages: Vec<SourcePage>,
    /// `data/glossary.yaml`.
    pub glossary: Glossary,
    /// The other data files.
    pub data: Data,
    /// Non-Markdown files under `content/`, as paths relative to `content/`.
    pub content_assets: Vec<String>,
    /// Drafts and consultation versions left out (built with `--drafts`).
    pub previews_skipped: usize,
    /// Markdown files that could not be loaded (their errors are reported):
    /// their addresses stay reserved, so links to them are not "broken".
    pub failed: Vec<FailedPage>,
}

/// A Markdown file that exists but could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FailedPage {
    /// Path relative to the site root: `content/about/partners.md`.
    pub file: String,
    /// Path relative to `content/`: `about/partners.md`.
    pub content_path: String,
}

/// What the loader was asked to include.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    /// Build drafts and consultation versions too.
    pub drafts: bool,
}

/// One file as a load left it: its stamp, its page (unless it could not be
/// read) and what reading it reported.
#[derive(Debug)]
struct LoadedFile {
    stamp: FileStamp,
    page: Option<SourcePage>,
    diagnostics: Vec<Diagnostic>,
}

/// Parsed pages of an earlier load, by path, so that `serve` re-reads
/// only the files that changed.
#[derive(Debug, Default)]
pub struct LoadCache {
    files: HashMap<PathBuf, LoadedFile>,
}

/// Reads the whole site below `root`.
pub fn load(root: &Path, options: LoadOptions, sink: &Sink) -> Loaded {
    load_cached(root, options, sink, None)
}

/// `load`, re-reading only files that changed since the cache was filled.
pub fn load_cached(
    root: &Path,
    options: LoadOptions,
    sink: &Sink,
    cache: Option<&mut LoadCache>,
) -> Loaded {
    let (markdown, content_assets) = walk::walk_content(root, sink);
    let parsed = read_all(root, &markdown, sink, cache);
    let failed = markdown
        .iter()
        .zip(&parsed)
        .filter(|(_, p)| p.is_none())
        .map(|(f, _)| FailedPage {
            file: charter_core::diagnostics::display_path(root, &f.path),
            content_path: f.rel.clone(),
        })
        .collect();
    let total = parsed.iter().flatten().count();
    let mut pages: Vec<SourcePage> = parsed
        .into_iter()
        .flatten()
        // Drafts and consultation versions are previews: built only when
        // asked for, so a CI build never publishes them by accident.
        .filter(|p| options.drafts || !p.frontmatter.status.is_preview())
        .collect();
    for (i, p) in pages.iter_mut().enumerate() {
        p.id = PageId(i);
    }
    let previews_skipped = total - pages.len();
    let glossary = glossary::load(root, sink);
    let data = data::load(root, sink);
    Loaded { pages, glossary, data, content_assets, previews_skipped, failed }
}

/// Every Markdown file parsed, or taken from the cache when unchanged.
fn read_all(
    root: &Path,
    markdown: &[Found],
    sink: &Sink,
    mut cache: Option<&mut LoadCache>,
) -> Vec<Option<SourcePage>> {
    let previous = cache.as_deref();
    let (stamps, index_bytes) = stamps(markdown, previous);
    // A file unchanged since the last load is taken from the cache (`None`
    // here: its entry moves to the next cache as it is).
    let read: Vec<Option<LoadedFile>> = markdown
        .par_iter()
        .zip(stamps.into_par_iter())
        .zip(index_bytes.into_par_iter())
        .map(|((f, stamp), bytes)| {
            let unchanged = previous
                .and_then(|c| c.files.get(&f.path))
                .is_some_and(|e| e.stamp == stamp && e.stamp.same_file(stamp.modified, stamp.len));
            if unchanged {
                return None;
            }
            let local = Sink::default();
            let page = page::read_page(root, f, &stamp, bytes, &local);
            Some(LoadedFile { stamp, page, diagnostics: local.take() })
        })
        .collect();
    let mut last = cache.as_deref_mut().map(|c| std::mem::take(&mut c.files)).unwrap_or_default();
    let mut next = HashMap::new();
    let mut parsed = Vec::with_capacity(read.len());
    for (f, fresh) in markdown.iter().zip(read) {
        let Some(entry) = fresh.or_else(|| last.remove(&f.path)) else {
            parsed.push(None);
            continue;
        };
        if cache.is_some() {
            sink.extend(entry.diagnostics.iter().cloned());
            parsed.push(entry.page.clone());
            next.insert(f.path.clone(), entry);
        } else {
            // A one-off build keeps nothing: the page moves on.
            sink.extend(entry.diagnostics);
            parsed.push(entry.page);
        }
    }
    if let Some(c) = cache {
        c.files = next;
    }
    parsed
}

/// Each file's stamp: modification time, size, role, and whether it sits
/// beside a local offer. Whether an `index.md` is a local offer is read
/// from its frontmatter, or taken from `previous` while the file's time
/// and size are unchanged (a rebuild read every document's index for it).
/// An `index.md` read here comes back with its bytes, so that it is read
/// once: a standard 10k site has 3,000 of them, and the second read was
/// 2.3% of its build.
fn stamps(
    markdown: &[Found],
    previous: Option<&LoadCache>,
) -> (Vec<FileStamp>, Vec<Option<Vec<u8>>>) {
    let rels: HashSet<&str> = markdown.iter().map(|f| f.rel.as_str()).collect();
    let (metas, index_bytes): (Vec<(Option<std::time::SystemTime>, u64, bool)>, Vec<_>) = markdown
        .par_iter()
        .map(|f| {
            let meta = std::fs::metadata(&f.path).ok();
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            let len = meta.as_ref().map(|m| m.len()).unwrap_or(0);
            if !f.path.file_name().is_some_and(|n| n == "index.md") {
                return ((modified, len, false), None);
            }
            match previous.and_then(|c| c.files.get(&f.path)) {
                Some(e) if e.stamp.same_file(modified, len) => {
                    ((modified, len, e.stamp.offer_index), None)
                }
                // What cannot be read here is read again, and reported, with the page.
                _ => {
                    let bytes = page::read_bytes(&f.path, "", &Sink::default());
                    let offer = bytes.as_deref().is_some_and(page::index_is_local_offer);
                    ((modified, len, offer), bytes)
                }
            }
        })
        .unzip();
    // Folders whose index.md is a local offer: the files beside it are its services.
    let offers: HashSet<&Path> = markdown
        .iter()
        .zip(&metas)
        .filter(|(_, m)| m.2)
        .filter_map(|(f, _)| f.path.parent())
        .collect();
    let stamps = markdown
        .par_iter()
        .zip(metas.par_iter())
        .map(|(f, &(modified, len, offer_index))| {
            let role = walk::role_of(&f.rel, &rels);
            FileStamp {
                modified,
                len,
                role,
                beside_offer: role == Role::Appendix
                    && f.path.parent().is_some_and(|d| offers.contains(d)),
                offer_index,
            }
        })
        .collect();
    (stamps, index_bytes)
}

/// Reads one page again for `serve`'s fast path, in the place the last
/// load found it (its role, and whether it sits beside a local offer).
/// `None` if that load did not see the file.
pub fn reread_page(root: &Path, file: &str, cache: &LoadCache, sink: &Sink) -> Option<SourcePage> {
    let path = root.join(file);
    let entry = cache.files.get(&path)?;
    let rel = path.strip_prefix(root.join("content")).ok()?.to_string_lossy().replace('\\', "/");
    page::read_page(root, &Found { path, rel }, &entry.stamp, None, sink)
}
