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
use std::sync::atomic::{AtomicUsize, Ordering};

use charter_core::hash::hash_of;
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
    /// Told how many Markdown files the walk found, before any is read:
    /// the binary sizes its memory on it (`src/main.rs`).
    pub on_walked: Option<fn(usize)>,
}

/// One file as a load left it: its stamp, its page (unless it could not be
/// read) and what reading it reported.
#[derive(Debug)]
struct LoadedFile {
    stamp: FileStamp,
    page: Option<SourcePage>,
    diagnostics: Vec<Diagnostic>,
    /// A hash of the bytes the page was made from, when the load kept a
    /// cache and read them itself.
    content: Option<u64>,
}

/// What a load does with one file, given the last load's entry for it.
// Most files of a first load are `Fresh`: boxing them would be one more
// allocation per page for no saving.
#[allow(clippy::large_enum_variant)]
enum Reading {
    /// Its time and size have not moved: the last entry is kept.
    Unmoved,
    /// Its time or size moved and its bytes did not (a save that changed
    /// nothing, a checkout): the last entry is kept under the new stamp.
    SameBytes(FileStamp),
    /// Read and parsed afresh.
    Fresh(LoadedFile),
}

/// Parsed pages of an earlier load, by path, so that `serve` re-reads
/// only the files that changed.
#[derive(Debug, Default)]
pub struct LoadCache {
    files: HashMap<PathBuf, LoadedFile>,
    /// The last walk of `content/`: its files and what it reported.
    walked: Option<Walked>,
    /// Whether the caller told the next load about the files
    /// ([`LoadCache::tell_same_files`]); only the next load.
    told: bool,
    /// Whether every batch told since the last walk was "same files".
    same_since_walk: bool,
}

/// One walk of `content/`.
#[derive(Debug)]
struct Walked {
    markdown: Vec<Found>,
    assets: Vec<String>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads the whole site below `root`.
pub fn load(root: &Path, options: LoadOptions, sink: &Sink) -> Loaded {
    load_cached(root, options, sink, None)
}

/// `load`, re-parsing only files that changed since the cache was filled.
pub fn load_cached(
    root: &Path,
    options: LoadOptions,
    sink: &Sink,
    mut cache: Option<&mut LoadCache>,
) -> Loaded {
    // The glossary and the data files are read beside the pages, not
    // after them, when one core would read them alone.
    let (walked, (glossary, data)) = rayon::join(
        || {
            let (markdown, content_assets) = walk_cached(root, sink, cache.as_deref_mut());
            if let Some(tell) = options.on_walked {
                tell(markdown.len());
            }
            let parsed = read_all(root, &markdown, sink, cache);
            (markdown, content_assets, parsed)
        },
        || (glossary::load(root, sink), data::load(root, sink)),
    );
    let (markdown, content_assets, parsed) = walked;
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
    // Drafts and consultation versions are previews: built only when
    // asked for, so a CI build never publishes them by accident.
    let mut pages = published(parsed, options.drafts);
    pages.par_iter_mut().enumerate().for_each(|(i, p)| p.id = PageId(i));
    let previews_skipped = total - pages.len();
    Loaded { pages, glossary, data, content_assets, previews_skipped, failed }
}

/// The pages read, without the previews unless `drafts`. Collected in the
/// buffer they are in (an `Option` of a page is a page's size), one after
/// another: on every core, rayon gathered them in pieces and then joined
/// the pieces into a new buffer on one core, about 5 ms of a 10,000-page
/// build with the other core idle, most of it faulting in that buffer.
fn published(parsed: Vec<Option<SourcePage>>, drafts: bool) -> Vec<SourcePage> {
    parsed
        .into_iter()
        .filter_map(|p| p.filter(|p| drafts || !p.frontmatter.status.is_preview()))
        .collect()
}

/// The files under `content/`: walked, or, when the caller vouched that
/// none was added, removed or renamed since the last load, that load's
/// walk again (with what it reported). Walking 3,300 folders was about a
/// tenth of each of `serve`'s rebuilds at 10,000 pages, on one core.
fn walk_cached(
    root: &Path,
    sink: &Sink,
    cache: Option<&mut LoadCache>,
) -> (Vec<Found>, Vec<String>) {
    let Some(cache) = cache else {
        return walk::walk_content(root, sink);
    };
    let told = std::mem::take(&mut cache.told);
    if told
        && cache.same_since_walk
        && let Some(w) = &cache.walked
    {
        sink.extend(w.diagnostics.iter().cloned());
        return (w.markdown.clone(), w.assets.clone());
    }
    let local = Sink::default();
    let (markdown, assets) = walk::walk_content(root, &local);
    let diagnostics = local.take();
    sink.extend(diagnostics.iter().cloned());
    cache.walked = Some(Walked { markdown: markdown.clone(), assets: assets.clone(), diagnostics });
    cache.same_since_walk = true;
    (markdown, assets)
}

/// Every Markdown file parsed, or taken from the cache when unchanged.
fn read_all(
    root: &Path,
    markdown: &[Found],
    sink: &Sink,
    cache: Option<&mut LoadCache>,
) -> Vec<Option<SourcePage>> {
    let previous = cache.as_deref();
    // A file's time and size only tell the next load what it may reuse:
    // a load that keeps no cache leaves them unknown, and each file is
    // looked up once, to be read, not twice.
    let metas: Vec<Meta> = if cache.is_some() {
        markdown
            .par_iter()
            .map(|f| {
                let meta = std::fs::metadata(&f.path).ok();
                Meta {
                    modified: meta.as_ref().and_then(|m| m.modified().ok()),
                    len: meta.as_ref().map(|m| m.len()).unwrap_or(0),
                }
            })
            .collect()
    } else {
        markdown.iter().map(|_| Meta { modified: None, len: 0 }).collect()
    };
    // Each file's entry in the last load, looked up once: for reuse when
    // its bytes came back the same, and (`same`, while its time and size
    // have not moved) for what to read, a local offer, and reuse as it is.
    let last: Vec<Option<&LoadedFile>> =
        markdown.iter().map(|f| previous.and_then(|c| c.files.get(&f.path))).collect();
    let same: Vec<Option<&LoadedFile>> = last
        .iter()
        .zip(&metas)
        .map(|(entry, m)| entry.filter(|e| e.stamp.same_file(m.modified, m.len)))
        .collect();
    // Every file that moved since the last load (every file, the first
    // time) is read now, before any is parsed.
    let moved: Vec<usize> = (0..markdown.len()).filter(|&i| same[i].is_none()).collect();
    let bytes = read_many(markdown, &moved);
    let stamps = stamps(markdown, &metas, &bytes, &same);
    // A file unchanged since the last load is taken from the cache: its
    // entry moves to the next cache as it is.
    let keeping = cache.is_some();
    let read: Vec<Reading> = markdown
        .par_iter()
        .zip(stamps.into_par_iter())
        .zip(bytes.into_par_iter())
        .zip(same.par_iter().zip(last.par_iter()))
        .map(|(((f, stamp), bytes), (same, last))| {
            if same.is_some_and(|e| e.stamp == stamp) {
                return Reading::Unmoved;
            }
            // Only `serve` keeps a cache, and only it needs to know whether
            // bytes came back the same.
            let content = match &bytes {
                Some(Ok(b)) if keeping => Some(hash_of(b.as_slice())),
                _ => None,
            };
            if let (Some(h), Some(last)) = (content, last)
                && last.content == Some(h)
                && last.stamp.same_place(&stamp)
            {
                return Reading::SameBytes(stamp);
            }
            let local = Sink::default();
            let page = page::read_page(root, f, &stamp, bytes, &local);
            Reading::Fresh(LoadedFile { stamp, page, diagnostics: local.take(), content })
        })
        .collect();
    let Some(cache) = cache else {
        return moved_on(read, sink);
    };
    let mut kept = std::mem::take(&mut cache.files);
    let mut next = HashMap::new();
    let mut parsed = Vec::with_capacity(read.len());
    for (f, reading) in markdown.iter().zip(read) {
        let entry = match reading {
            Reading::Fresh(entry) => Some(entry),
            Reading::Unmoved => kept.remove(&f.path),
            Reading::SameBytes(stamp) => kept.remove(&f.path).map(|e| LoadedFile { stamp, ..e }),
        };
        let Some(entry) = entry else {
            parsed.push(None);
            continue;
        };
        sink.extend(entry.diagnostics.iter().cloned());
        parsed.push(entry.page.clone());
        next.insert(f.path.clone(), entry);
    }
    cache.files = next;
    parsed
}

/// A one-off build's pages: it keeps nothing, so each page moves on, on
/// every core (moving 10,000 pages one by one kept a core idle for 10 ms).
/// Without a cache every file was read afresh.
fn moved_on(read: Vec<Reading>, sink: &Sink) -> Vec<Option<SourcePage>> {
    read.into_par_iter()
        .map(|reading| match reading {
            Reading::Fresh(entry) => {
                if !entry.diagnostics.is_empty() {
                    sink.extend(entry.diagnostics);
                }
                entry.page
            }
            Reading::Unmoved | Reading::SameBytes(_) => None,
        })
        .collect()
}

/// A file's modification time and size, as listed.
struct Meta {
    modified: Option<std::time::SystemTime>,
    len: u64,
}

/// How many files are read at once when the disk must be waited for.
/// Reading a file the page cache does not hold is waiting for the disk,
/// not work for a core: on the 2-core VM of BENCHMARKS.md, whose host
/// takes back memory unused for a minute, 10,000 such files took 850 ms
/// on rayon's two threads. Sixteen readers keep that many requests in
/// flight.
const READERS: usize = 16;

/// At most this many files left by the cached reads are read on rayon's
/// threads, without readers of their own (see `read_waiting`).
const FEW_WAITING: usize = 32;

/// The files at the indices in `todo`; `None` for the others (and for any
/// no reader reached, when none could be started or one failed: the parse
/// reads those itself). What the page cache holds is copied out on
/// rayon's threads, without waiting: there sixteen readers only added
/// thread starts and their page faults (1k pages: 19-21 ms to load
/// against 13-15 ms). What it does not is left to [`READERS`] threads.
fn read_many(markdown: &[Found], todo: &[usize]) -> Vec<Option<page::Read>> {
    let cached: Vec<Option<page::Read>> =
        todo.par_iter().map(|&i| page::read_cached(&markdown[i].path)).collect();
    let mut bytes: Vec<Option<page::Read>> = markdown.iter().map(|_| None).collect();
    let mut waiting = Vec::new();
    for (&i, read) in todo.iter().zip(cached) {
        match read {
            Some(read) => bytes[i] = Some(read),
            None => waiting.push(i),
        }
    }
    for (i, read) in read_waiting(markdown, &waiting) {
        bytes[i] = Some(read);
    }
    bytes
}

/// The files at the indices in `waiting`, which the cached read refused,
/// each with its index.
fn read_waiting(markdown: &[Found], waiting: &[usize]) -> Vec<(usize, page::Read)> {
    // A few files refused without waiting are mostly held by the cache
    // (the kernel also refuses a read that would wait for a lock): read
    // here. Starting readers for them cost more than the reads: in one
    // build of five, 1k pages left a handful, and eight threads were
    // started, each with its own memory, to read eight files.
    if waiting.len() <= FEW_WAITING {
        return waiting.par_iter().map(|&i| (i, page::read_bytes(&markdown[i].path))).collect();
    }
    let next = AtomicUsize::new(0);
    let read_some = || {
        let mut got = Vec::new();
        while let Some(&i) = waiting.get(next.fetch_add(1, Ordering::Relaxed)) {
            got.push((i, page::read_bytes(&markdown[i].path)));
        }
        got
    };
    let parts: Vec<Vec<(usize, page::Read)>> = std::thread::scope(|scope| {
        // A reader that cannot be started leaves its files to the others.
        let readers: Vec<_> = (0..READERS.min(waiting.len()))
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, read_some).ok())
            .collect();
        readers.into_iter().map(|r| r.join().unwrap_or_default()).collect()
    });
    parts.into_iter().flatten().collect()
}

/// Each file's stamp: modification time, size, role, and whether it sits
/// beside a local offer. Whether an `index.md` is a local offer is read
/// from its bytes, or, for a file unchanged since the last load, taken
/// from that load (`same`), or read here if no reader got to it.
fn stamps(
    markdown: &[Found],
    metas: &[Meta],
    bytes: &[Option<page::Read>],
    same: &[Option<&LoadedFile>],
) -> Vec<FileStamp> {
    let rels: HashSet<&str> = markdown.iter().map(|f| f.rel.as_str()).collect();
    let offer_index: Vec<bool> = markdown
        .par_iter()
        .zip(bytes)
        .zip(same)
        .map(|((f, read), same)| {
            f.path.file_name().is_some_and(|n| n == "index.md")
                && match (read, same) {
                    (Some(Ok(b)), _) => page::index_is_local_offer(b),
                    (Some(Err(_)), _) => false,
                    (None, Some(e)) => e.stamp.offer_index,
                    // Not reached by a reader: read here.
                    (None, None) => {
                        page::read_bytes(&f.path).is_ok_and(|b| page::index_is_local_offer(&b))
                    }
                }
        })
        .collect();
    // Folders whose index.md is a local offer: the files beside it are its services.
    let offers: HashSet<&Path> = markdown
        .iter()
        .zip(&offer_index)
        .filter(|(_, offer)| **offer)
        .filter_map(|(f, _)| f.path.parent())
        .collect();
    markdown
        .par_iter()
        .zip(metas.par_iter())
        .zip(offer_index.par_iter())
        .map(|((f, m), &offer_index)| {
            let role = walk::role_of(&f.rel, &rels);
            FileStamp {
                modified: m.modified,
                len: m.len,
                role,
                beside_offer: role == Role::Appendix
                    && f.path.parent().is_some_and(|d| offers.contains(d)),
                offer_index,
            }
        })
        .collect()
}

impl LoadCache {
    /// Tells the next load what the caller knows of a batch of changes:
    /// `same` when no file under `content/` was added, removed or renamed
    /// (`serve`, from the watcher's events: only contents changed). The
    /// next load takes the last walk again only when it was told, and
    /// every batch told since that walk was `same` (a build that stopped
    /// before loading leaves what it was told for the next); a load that
    /// nobody told walks.
    pub fn tell_same_files(&mut self, same: bool) {
        self.told = true;
        self.same_since_walk &= same;
    }

    /// Whether the file at `path` (as the load walked it: the site's root
    /// joined to its place) holds the very bytes this load made its page
    /// from. An editor that writes a file twice for one save, or a save
    /// that changed nothing, then needs no rebuild.
    pub fn holds_same(&self, path: &Path) -> bool {
        let Some(known) = self.files.get(path).and_then(|e| e.content) else {
            return false;
        };
        page::read_bytes(path).is_ok_and(|b| hash_of(b.as_slice()) == known)
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn site(pages: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("charter.yaml"), "title: T\n").expect("config");
        for (path, text) in pages {
            let p = dir.path().join("content").join(path);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("folder");
            std::fs::write(p, text).expect("page");
        }
        dir
    }

    /// Writes `text` to the page and moves its time, as a save does.
    fn save(root: &Path, path: &str, text: &str, age: u64) {
        let p = root.join("content").join(path);
        std::fs::write(&p, text).expect("page");
        let file = std::fs::File::options().write(true).open(&p).expect("open");
        file.set_modified(SystemTime::now() - Duration::from_secs(age)).expect("time");
    }

    /// However each file is read (from memory on rayon's threads, or by
    /// the readers that wait), `read_many` gives each index its own file's
    /// bytes, and nothing for the indices not asked for.
    #[test]
    fn read_many_gives_each_file_asked_for_its_own_bytes() {
        let pages: Vec<(String, String)> = (0..300)
            .map(|i| {
                (
                    format!("s{}/p{i}.md", i % 7),
                    format!("---\ntitle: P{i}\n---\n{}\n", "x".repeat(i * 37)),
                )
            })
            .collect();
        let listed: Vec<(&str, &str)> =
            pages.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let dir = site(&listed);
        let (markdown, _) = walk::walk_content(dir.path(), &Sink::default());
        assert_eq!(markdown.len(), 300);
        let todo: Vec<usize> = (0..markdown.len()).filter(|i| i % 5 != 0).collect();
        let bytes = read_many(&markdown, &todo);
        for (i, (f, read)) in markdown.iter().zip(&bytes).enumerate() {
            match read {
                Some(Ok(b)) => {
                    assert!(todo.contains(&i), "{} was not asked for", f.rel);
                    assert_eq!(b, &std::fs::read(&f.path).expect("read"), "{}", f.rel);
                }
                Some(Err(e)) => panic!("{}: {e:?}", f.rel),
                None => assert!(!todo.contains(&i), "{} was asked for and not read", f.rel),
            }
        }
    }

    /// The walk's count reaches the caller before the pages are read: the
    /// binary turns huge pages off on it (`src/main.rs`). Drafts are
    /// counted, as found; they are left out only after reading.
    #[test]
    fn the_walk_tells_how_many_markdown_files_it_found() {
        static TOLD: std::sync::Mutex<Vec<usize>> = std::sync::Mutex::new(Vec::new());
        fn tell(n: usize) {
            TOLD.lock().expect("not poisoned").push(n);
        }
        let dir = site(&[
            ("_index.md", "---\ntitle: Home\n---\n"),
            ("a.md", "---\ntitle: A\n---\nText.\n"),
            ("b/_index.md", "---\ntitle: B\n---\n"),
            ("b/c.md", "---\ntitle: C\nstatus: draft\n---\n"),
            ("b/logo.png", "not markdown"),
        ]);
        let options = LoadOptions { drafts: false, on_walked: Some(tell) };
        let loaded = load(dir.path(), options, &Sink::default());
        assert_eq!(*TOLD.lock().expect("not poisoned"), vec![4]);
        assert_eq!(loaded.pages.len(), 3);
    }

    /// The pages are gathered in the buffer they were read into: that
    /// needs a page and an `Option` of one to be the same size.
    #[test]
    fn the_published_pages_stay_in_their_buffer() {
        assert_eq!(std::mem::size_of::<Option<SourcePage>>(), std::mem::size_of::<SourcePage>());
        let dir = site(&[
            ("_index.md", "---\ntitle: Home\n---\n"),
            ("a.md", "---\ntitle: A\nstatus: draft\n---\n"),
            ("b.md", "---\ntitle: B\n---\n"),
        ]);
        let mut loaded = load(dir.path(), LoadOptions::default(), &Sink::default());
        let titles = |l: &Loaded| l.pages.iter().map(|p| p.title().to_string()).collect::<Vec<_>>();
        loaded.pages.sort_by(|a, b| a.title().cmp(b.title()));
        assert_eq!(titles(&loaded), ["B", "Home"]);
        assert_eq!(loaded.previews_skipped, 1);
        let drafts =
            load(dir.path(), LoadOptions { drafts: true, on_walked: None }, &Sink::default());
        assert_eq!(drafts.pages.len(), 3);
        assert!(drafts.pages.iter().enumerate().all(|(i, p)| p.id == PageId(i)));
    }

    fn load_into(root: &Path, cache: &mut LoadCache) -> Loaded {
        load_cached(root, LoadOptions::default(), &Sink::default(), Some(cache))
    }

    #[test]
    fn a_file_saved_with_the_same_bytes_keeps_its_entry_under_its_new_time() {
        let a = "---\ntitle: A\n---\nText of A.\n";
        let dir = site(&[("_index.md", "---\ntitle: Home\n---\n"), ("a.md", a)]);
        let root = dir.path();
        let path = root.join("content/a.md");
        let mut cache = LoadCache::default();
        let first = load_into(root, &mut cache);
        assert!(cache.holds_same(&path));

        save(root, "a.md", a, 100);
        let before = cache.files[&path].stamp.clone();
        let second = load_into(root, &mut cache);
        let after = &cache.files[&path].stamp;
        assert_ne!(before.modified, after.modified, "the new time is kept");
        assert!(before.same_place(after));
        assert_eq!(first.pages, second.pages);
        assert!(cache.holds_same(&path));

        // Same length, other bytes: parsed afresh, and no longer the same.
        std::fs::write(&path, "---\ntitle: A\n---\nText of B.\n").expect("page");
        assert!(!cache.holds_same(&path));
        save(root, "a.md", "---\ntitle: A\n---\nText of B.\n", 50);
        let third = load_into(root, &mut cache);
        let body =
            |l: &Loaded| l.pages.iter().find(|p| p.file == "content/a.md").map(|p| p.body.clone());
        assert_eq!(body(&third).as_deref(), Some("Text of B.\n"));
        assert!(cache.holds_same(&path));

        // A file gone, or never loaded, is not the same.
        std::fs::remove_file(&path).expect("remove");
        assert!(!cache.holds_same(&path));
        assert!(!cache.holds_same(&root.join("content/new.md")));
    }

    fn files(loaded: &Loaded) -> Vec<&str> {
        let mut files: Vec<&str> = loaded.pages.iter().map(|p| p.file.as_str()).collect();
        files.extend(loaded.content_assets.iter().map(String::as_str));
        files
    }

    /// The walk is taken again only when the load was told, and every
    /// batch told since that walk had the same files. A file created behind
    /// the load's back shows what was reused.
    #[test]
    fn the_last_walk_is_reused_only_when_every_batch_since_had_the_same_files() {
        let dir =
            site(&[("_index.md", "---\ntitle: Home\n---\n"), ("a.md", "---\ntitle: A\n---\n")]);
        let root = dir.path();
        let mut cache = LoadCache::default();
        // Told before the first walk: there is nothing to reuse.
        cache.tell_same_files(true);
        assert_eq!(files(&load_into(root, &mut cache)).len(), 2);

        std::fs::write(root.join("content/b.md"), "---\ntitle: B\n---\n").expect("page");
        std::fs::write(root.join("content/leaflet.txt"), "leaflet").expect("asset");
        // Nobody told this load: it walks.
        assert_eq!(files(&load_into(root, &mut cache)).len(), 4);

        std::fs::write(root.join("content/c.md"), "---\ntitle: C\n---\n").expect("page");
        cache.tell_same_files(true);
        let reused = load_into(root, &mut cache);
        assert!(!files(&reused).contains(&"content/c.md"), "the walk was taken again");
        assert_eq!(files(&reused).len(), 4);

        // One batch with a file added, then one with the same files (say the
        // first build stopped before it loaded): the load still walks.
        cache.tell_same_files(false);
        cache.tell_same_files(true);
        assert!(files(&load_into(root, &mut cache)).contains(&"content/c.md"));

        // What the walk reported comes again with it.
        let outside = tempfile::tempdir().expect("temp dir");
        std::fs::write(outside.path().join("secret.md"), "secret").expect("file");
        std::os::unix::fs::symlink(outside.path().join("secret.md"), root.join("content/leak.md"))
            .expect("link");
        let sink = Sink::default();
        load_cached(root, LoadOptions::default(), &sink, Some(&mut cache));
        let walked = sink.take();
        assert!(walked.iter().any(|d| d.code == charter_core::Code::ContentOutsideRoot));
        cache.tell_same_files(true);
        let sink = Sink::default();
        load_cached(root, LoadOptions::default(), &sink, Some(&mut cache));
        assert_eq!(sink.take(), walked);
    }
}
