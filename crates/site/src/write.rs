//! Stage 4, write: the rendered files, static files and content assets
//! into a staging folder beside the output, then swapped in at once, so a
//! failed build leaves the last good site in place.

use std::path::{Path, PathBuf};
use std::sync::PoisonError;

use charter_core::{Code, Diagnostic};

use crate::files::Files;

/// Refuses output folders a build must never replace: the site root,
/// `content/`, or any folder holding them, or anything outside a sane path.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out = absolute(out);
    let content = root.join("content");
    let refused = |why: &str| {
        Err(Diagnostic::error(
            Code::OutputRefused,
            format!("refusing to write the site to {}: {why}", out.display()),
        )
        .help("choose a folder of its own for the output, e.g. --out public"))
    };
    if out == root || root.starts_with(&out) {
        return refused("it is the site's root or holds it");
    }
    if out == content || content.starts_with(&out) || out.starts_with(&content) {
        return refused("it is or is inside content/");
    }
    for protected in ["data", "static", "templates", "themes", ".git"] {
        let p = root.join(protected);
        if out == p || out.starts_with(&p) {
            return refused(&format!("it is inside the site's {protected}/ folder"));
        }
    }
    if out.parent().is_none() {
        return refused("it is the root of the file system");
    }
    if let Some(home) = std::env::var_os("HOME")
        && out == home
    {
        return refused("it is your home folder");
    }
    Ok(())
}

/// Makes a path absolute and removes `.` and `..` without touching the disk.
pub fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    // Resolve symlinks in the part that exists, so that a link cannot hide
    // the root behind another name.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(n) => rest.push(n.to_os_string()),
            None => break,
        }
        if !existing.pop() {
            break;
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for n in rest.into_iter().rev() {
        resolved.push(n);
    }
    resolved
}

/// Writes `files` (and copies `copies`: output path → source file) into a
/// staging folder beside `out`, then replaces `out` with it.
pub fn write_site(
    out: &Path,
    files: &Files,
    copies: &[(String, PathBuf)],
) -> Result<(), Diagnostic> {
    let staging = new_staging(out)?;
    complete(&staging, out, files, copies, previous_site(out).as_deref())
}

/// The staging and old-site folders beside `out`: hidden, named for this
/// process, in the same folder so that the swap is two renames.
fn beside(out: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let out = absolute(out);
    let parent = out.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.charter-staging-{}", std::process::id()));
    let old = parent.join(format!(".{name}.charter-old-{}", std::process::id()));
    (out, staging, old)
}

/// A new, empty staging folder beside `out`.
pub(crate) fn new_staging(out: &Path) -> Result<PathBuf, Diagnostic> {
    let (out, staging, _) = beside(out);
    if let Some(parent) = staging.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
    }
    // A staging folder left by a killed build of this process id.
    if staging.exists() {
        remove_tree(&staging);
    }
    remove_left_by_ended_builds(&out);
    std::fs::create_dir_all(&staging).map_err(|e| io_error(&staging, e))?;
    Ok(staging)
}

/// Removes the staging and old-site folders beside `out` that builds no
/// longer running left behind: a build stopped with Ctrl-C or killed keeps
/// its hidden `.public.charter-staging-<pid>`, a whole site's size, in the
/// site's folder for good otherwise. A folder whose process is still
/// running (another build writing the same output) is left alone, and so
/// is every folder where that cannot be told (outside Linux).
fn remove_left_by_ended_builds(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else { return };
    let name = name.to_string_lossy();
    let prefixes = [format!(".{name}.charter-staging-"), format!(".{name}.charter-old-")];
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let pid = prefixes.iter().find_map(|p| file_name.strip_prefix(p.as_str()));
        let Some(pid) = pid.filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let ended = pid.parse::<u32>().is_ok_and(|p| p != std::process::id() && !is_running(p));
        if ended && entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_tree(&entry.path());
        }
    }
}

/// Whether a process with this id is running. Outside Linux it cannot be
/// told here, and the answer is yes (nothing is removed).
fn is_running(pid: u32) -> bool {
    if cfg!(target_os = "linux") { Path::new("/proc").join(pid.to_string()).exists() } else { true }
}

/// The folders of a staging folder made so far, by path within it: pages
/// are written as they are made, on any thread and in no order (an
/// appendix before its document), and asking the file system each time
/// cost a failed `mkdir` or `open` for every second page.
#[derive(Default)]
pub(crate) struct Folders(std::sync::Mutex<std::collections::HashSet<String>>);

impl Folders {
    /// Makes `folder` (a path within `staging`) and those above it that
    /// are not known to be there, outermost first: one `mkdir` a folder.
    fn make(&self, staging: &Path, folder: &str) {
        let made = |f: &str| self.0.lock().unwrap_or_else(PoisonError::into_inner).contains(f);
        let mut missing = Vec::new();
        let mut at = Some(folder);
        while let Some(f) = at.filter(|f| !made(f)) {
            missing.push(f);
            at = f.rsplit_once('/').map(|(up, _)| up);
        }
        for f in missing.iter().rev() {
            // Another thread may have made it: that is as good. Any other
            // failure shows when the file is written.
            match std::fs::create_dir(staging.join(f)) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return,
                _ => {}
            }
            self.0.lock().unwrap_or_else(PoisonError::into_inner).insert(f.to_string());
        }
    }
}

/// Writes one file into the staging folder, making its folders: a link
/// to the same file of the site it replaces (`previous`) when that holds
/// the same bytes ([`put`]).
pub(crate) fn write_one(
    staging: &Path,
    path: &str,
    bytes: &[u8],
    folders: &Folders,
    previous: Option<&Path>,
) -> Result<(), Diagnostic> {
    let target = safe_join(staging, path)?;
    if let Some((folder, _)) = path.rsplit_once('/') {
        folders.make(staging, folder);
    }
    let old = in_previous(previous, path)?;
    // Made unless something removed it meanwhile: then it is made again.
    match put(&target, bytes, old.as_deref()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
            }
            write_new(&target, bytes).map_err(|e| io_error(&target, e))
        }
        Err(e) => Err(io_error(&target, e)),
    }
}

/// The site a new one will replace, if there is one: its files that a
/// build makes again byte for byte are linked into the new site rather
/// than written (see [`put`]).
pub(crate) fn previous_site(out: &Path) -> Option<PathBuf> {
    let out = absolute(out);
    std::fs::symlink_metadata(&out).is_ok_and(|m| m.is_dir()).then_some(out)
}

/// Where `path` is in the site being replaced, when there is one.
fn in_previous(previous: Option<&Path>, path: &str) -> Result<Option<PathBuf>, Diagnostic> {
    previous.map(|p| safe_join(p, path)).transpose()
}

/// Puts `bytes` at `target`: a hard link to `old` (the same path in the
/// site being replaced) when that is a plain file holding the same bytes,
/// otherwise a new file.
///
/// Most of a rebuild's files are the last build's again. Writing them
/// took fresh memory for every page of the file system's cache, and
/// removing the old site then freed as much: at 1,000 pages, 34 MB of
/// each. Reading a cached file to compare is cheaper than both, and an
/// unchanged file keeps its modification time, so that `rsync` or a
/// bucket sync sends only the pages that changed. The old site's name for
/// the file goes when the old site is removed; nothing writes to a linked
/// file afterwards (a changed page is a new file).
fn put(target: &Path, bytes: &[u8], old: Option<&Path>) -> std::io::Result<()> {
    if let Some(old) = old
        && holds(old, bytes)
        && std::fs::hard_link(old, target).is_ok()
    {
        return Ok(());
    }
    write_new(target, bytes)
}

/// Writes `bytes` as a new file at `target`. A file already there (a path
/// made twice in one build) is removed first, never truncated: it may be
/// a link to the old site's file, which must not change before the swap.
fn write_new(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let create = || std::fs::OpenOptions::new().write(true).create_new(true).open(target);
    let mut file = match create() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(target)?;
            create()?
        }
        other => other?,
    };
    file.write_all(bytes)
}

/// Copies `source` to `target`, or links `old` there when it holds the
/// same bytes (as [`put`]: a document's PDF or a leaflet keeps its time
/// on the host too).
fn copy(source: &Path, target: &Path, old: Option<&Path>) -> std::io::Result<()> {
    // A copy takes the source's permissions; the bytes are read only when
    // the sizes agree (`holds_as` checks the rest).
    let linked = old.is_some_and(|old| {
        let (Ok(from), Ok(to)) = (std::fs::metadata(source), std::fs::symlink_metadata(old)) else {
            return false;
        };
        from.len() == to.len()
            && from.permissions() == to.permissions()
            && std::fs::read(source).is_ok_and(|bytes| holds_as(old, &to, &bytes))
            && std::fs::hard_link(old, target).is_ok()
    });
    if linked {
        return Ok(());
    }
    // A page streamed at this path may be a link to the old site's file,
    // which copying over it would change: it goes first.
    if std::fs::symlink_metadata(target).is_ok() {
        std::fs::remove_file(target)?;
    }
    std::fs::copy(source, target).map(|_| ())
}

/// Whether `old` is a plain file (not a link, which is never followed)
/// of exactly these bytes, and the old site's alone.
fn holds(old: &Path, bytes: &[u8]) -> bool {
    std::fs::symlink_metadata(old).is_ok_and(|m| holds_as(old, &m, bytes))
}

/// [`holds`], given `old`'s metadata (read without following a link).
fn holds_as(old: &Path, metadata: &std::fs::Metadata, bytes: &[u8]) -> bool {
    metadata.file_type().is_file()
        && metadata.len() == bytes.len() as u64
        && only_name(metadata)
        && std::fs::read(old).is_ok_and(|b| b == bytes)
}

/// Whether a file has no other name than the old site's. A file someone
/// linked elsewhere (a snapshot made with `cp -al`, say) is not linked
/// into the new site: a tool that later changed the new site's file in
/// place would change their copy too. Where the count of names cannot be
/// read, no file is linked.
fn only_name(metadata: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(metadata) == 1
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        false
    }
}

/// Removes a staging folder: the build failed, the last site stays.
pub(crate) fn abandon(staging: &Path) {
    remove_tree(staging);
}

/// Writes the remaining files and copies into the staging folder (linking
/// those `previous`, the site it replaces, holds unchanged), then swaps
/// it in for `out`.
pub(crate) fn complete(
    staging: &Path,
    out: &Path,
    files: &Files,
    copies: &[(String, PathBuf)],
    previous: Option<&Path>,
) -> Result<(), Diagnostic> {
    let (out, _, old) = beside(out);
    if let Err(e) = stage(staging, files, copies, previous) {
        remove_tree(staging);
        return Err(e);
    }
    swap(&out, staging, &old)
}

/// Writes every file into `staging`: folders first, a level at a time
/// (each level's parents exist, so one mkdir each, in parallel); then the
/// files, in parallel; then the copies.
fn stage(
    staging: &Path,
    files: &Files,
    copies: &[(String, PathBuf)],
    previous: Option<&Path>,
) -> Result<(), Diagnostic> {
    use rayon::prelude::*;
    std::fs::create_dir_all(staging).map_err(|e| io_error(staging, e))?;
    let mut targets = Vec::with_capacity(files.len());
    let mut levels: Vec<std::collections::BTreeSet<PathBuf>> = Vec::new();
    for (path, bytes) in files {
        let target = safe_join(staging, path)?;
        let mut dir = target.parent();
        while let Some(d) = dir.filter(|d| *d != staging) {
            let depth = d.strip_prefix(staging).map(|r| r.components().count()).unwrap_or(0);
            if levels.len() <= depth {
                levels.resize_with(depth + 1, Default::default);
            }
            if !levels[depth].insert(d.to_path_buf()) {
                break;
            }
            dir = d.parent();
        }
        let old = in_previous(previous, path)?;
        targets.push((target, old, bytes));
    }
    for level in &levels {
        level.par_iter().try_for_each(|dir| match std::fs::create_dir(dir) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(io_error(dir, e)),
            _ => Ok(()),
        })?;
    }
    targets.par_iter().try_for_each(|(target, old, bytes)| {
        put(target, bytes.as_slice(), old.as_deref()).map_err(|e| io_error(target, e))
    })?;
    for (path, source) in copies {
        if files.contains_key(path) {
            continue;
        }
        let target = safe_join(staging, path)?;
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        }
        let old = in_previous(previous, path)?;
        copy(source, &target, old.as_deref()).map_err(|e| io_error(source, e))?;
    }
    Ok(())
}

/// The old site moves aside, the new one takes its name, the old one is
/// removed. Two renames in one folder: never a half-written site.
fn swap(out: &Path, staging: &Path, old: &Path) -> Result<(), Diagnostic> {
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, old).map_err(|e| io_error(out, e))?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        if had_old {
            let _ = std::fs::rename(old, out);
        }
        let _ = std::fs::remove_dir_all(staging);
        return Err(io_error(out, e));
    }
    if had_old {
        remove_tree(old);
    }
    Ok(())
}

/// Removes a folder we made (the previous site, a staging folder): each
/// folder's files, then its folders in parallel, each emptied the same
/// way and then removed. Walking the old site on one core, unlinking its
/// files on both, then walking it again on one (`remove_dir_all`) to
/// remove its folders (a page is a folder) took 44 ms of a 0.22 s
/// rebuild at 1,000 pages and 0.31 s of 2.06 s at 10,000 (BENCHMARKS.md,
/// session 42).
fn remove_tree(dir: &Path) {
    empty_folder(dir);
    if std::fs::remove_dir(dir).is_err() && dir.exists() {
        // Whatever could not be removed above gets its own error here,
        // which is as far as a best-effort removal goes.
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Removes what `dir` holds. Entries are typed without following links:
/// a link is removed as a file, never followed out of the folder.
fn empty_folder(dir: &Path) {
    use rayon::prelude::*;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut folders = Vec::new();
    let mut files = Vec::new();
    for entry in entries.flatten() {
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => folders.push(entry.path()),
            _ => files.push(entry.path()),
        }
    }
    // Most folders hold one page; a few (the search index's records)
    // hold thousands of files.
    files.par_iter().with_min_len(64).for_each(|f| {
        let _ = std::fs::remove_file(f);
    });
    folders.par_iter().for_each(|f| {
        empty_folder(f);
        let _ = std::fs::remove_dir(f);
    });
}

/// Joins an output-relative path, refusing anything that would climb out.
fn safe_join(base: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
    let mut p = base.to_path_buf();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                return Err(Diagnostic::error(
                    Code::OutputRefused,
                    format!("refusing to write `{rel}`: it climbs out of the output folder"),
                )
                .help("rename the file so its path has no `..`"));
            }
            s => p.push(s),
        }
    }
    Ok(p)
}

fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::OutputRefused, format!("cannot write {}: {e}", path.display()))
        .help("check the output folder's permissions and free disk space")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_outputs() {
        let root = std::env::temp_dir().join("charter-root-test");
        assert!(check_output_dir(&root, &root).is_err());
        assert!(check_output_dir(&root, &root.join("content")).is_err());
        assert!(check_output_dir(&root, &root.join("content/x")).is_err());
        assert!(check_output_dir(&root, root.parent().unwrap()).is_err());
        assert!(check_output_dir(&root, &root.join("public")).is_ok());
    }

    /// Whatever folders a path needs are made, whether the file is a page
    /// in a folder of its own (new, or there already), or any other file;
    /// a path that climbs out is refused and writes nothing.
    #[test]
    fn write_one_makes_the_folders_a_path_needs() {
        let dir = tempfile::tempdir().expect("temp dir");
        let staging = dir.path();
        let folders = Folders::default();
        let paths = [
            "index.html",
            "a/b/c/index.html",
            "a/b/index.html",
            "a/b/c/print/index.html",
            "a/b/other.html",
            "search/r/0.json",
            "search/r/1.json",
            "x/index.html",
            "x/y/z.css",
        ];
        for (n, path) in paths.iter().enumerate() {
            write_one(staging, path, format!("file {n}").as_bytes(), &folders, None).expect(path);
        }
        // Written twice: the second replaces the first.
        write_one(staging, "a/b/c/index.html", b"again", &folders, None).expect("rewrite");
        // A folder removed behind its back is made again.
        std::fs::remove_dir_all(staging.join("x")).expect("removed");
        write_one(staging, "x/y/again.css", b"back", &folders, None).expect("made again");
        for (n, path) in paths.iter().enumerate().filter(|(_, p)| !p.starts_with("x/")) {
            let want =
                if *path == "a/b/c/index.html" { "again".to_string() } else { format!("file {n}") };
            assert_eq!(std::fs::read_to_string(staging.join(path)).expect(path), want, "{path}");
        }
        assert!(write_one(staging, "../out/index.html", b"x", &folders, None).is_err());
        assert!(!dir.path().parent().expect("parent").join("out/index.html").exists());
        assert_eq!(std::fs::read_to_string(staging.join("x/y/again.css")).expect("css"), "back");
    }

    /// Folders left by builds that ended are removed; those of a running
    /// build (here: process 1, always running), of this process (made
    /// afresh), of another output, or not named as charter names them,
    /// stay.
    #[test]
    fn a_new_staging_folder_clears_what_ended_builds_left() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        // Above any process id Linux gives (at most 2^22).
        let ended = 999_999_999u32;
        let folders = [
            (format!(".public.charter-staging-{ended}"), !cfg!(target_os = "linux")),
            (format!(".public.charter-old-{ended}"), !cfg!(target_os = "linux")),
            (".public.charter-staging-1".to_string(), true),
            (format!(".other.charter-staging-{ended}"), true),
            (".public.charter-staging-12ab".to_string(), true),
            (".public.charter-staging-".to_string(), true),
            ("public-notes".to_string(), true),
        ];
        for (name, _) in &folders {
            std::fs::create_dir_all(dir.path().join(name).join("a/b")).expect("folder");
            std::fs::write(dir.path().join(name).join("a/b/index.html"), "x").expect("file");
        }
        // A file so named is not a folder a build made.
        std::fs::write(dir.path().join(format!(".public.charter-old-{}", ended - 1)), "x")
            .expect("file");
        let staging = new_staging(&out).expect("staging");
        assert!(staging.is_dir());
        assert_eq!(std::fs::read_dir(&staging).expect("read").count(), 0);
        for (name, stays) in &folders {
            assert_eq!(dir.path().join(name).exists(), *stays, "{name}");
        }
        assert!(dir.path().join(format!(".public.charter-old-{}", ended - 1)).is_file());
    }

    /// A whole site is removed: nested folders, a folder of many files
    /// (removed in parallel), empty folders; a link to a folder outside
    /// is removed as a link, and what it points at stays.
    #[test]
    fn removing_a_tree_removes_all_of_it_and_follows_no_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = dir.path().join("old");
        for page in 0..40 {
            let folder = site.join(format!("section-{}/page-{page}/appendix-1", page % 3));
            std::fs::create_dir_all(&folder).expect("folder");
            std::fs::write(folder.join("index.html"), "appendix").expect("file");
            std::fs::write(folder.parent().expect("page").join("index.html"), "page")
                .expect("file");
        }
        std::fs::create_dir_all(site.join("search/r")).expect("folder");
        for n in 0..300 {
            std::fs::write(site.join(format!("search/r/{n}.json")), "[]").expect("file");
        }
        std::fs::create_dir_all(site.join("empty/deeper")).expect("folder");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&outside).expect("folder");
        std::fs::write(outside.join("keep.txt"), "kept").expect("file");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, site.join("section-0/link")).expect("link");
        remove_tree(&site);
        assert!(!site.exists(), "the whole tree is gone");
        assert_eq!(
            std::fs::read_to_string(outside.join("keep.txt")).expect("outside"),
            "kept",
            "a link is not followed"
        );
        remove_tree(&site);
        assert!(!site.exists(), "removing a missing folder is quiet");
    }

    /// A rebuild links the old site's unchanged files into the new one and
    /// writes the changed ones as new files: the old site's files never
    /// change, even when a path is made twice, and a link in the old site
    /// is not followed.
    #[test]
    #[cfg(unix)]
    fn a_rebuild_links_unchanged_files_and_never_changes_the_old_site() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("docs")).expect("folder");
        std::fs::write(out.join("docs/same.html"), "same").expect("file");
        std::fs::write(out.join("changed.html"), "old").expect("file");
        std::fs::write(dir.path().join("elsewhere.html"), "linked").expect("file");
        std::os::unix::fs::symlink(dir.path().join("elsewhere.html"), out.join("link.html"))
            .expect("link");
        let inode = |p: &Path| std::fs::metadata(p).expect("metadata").ino();
        let previous = previous_site(&out);
        assert_eq!(previous.as_deref(), Some(absolute(&out).as_path()));
        assert_eq!(previous_site(&dir.path().join("none")), None, "a first build has none");
        let staging = new_staging(&out).expect("staging");
        let folders = Folders::default();
        let write = |path: &str, bytes: &[u8]| {
            write_one(&staging, path, bytes, &folders, previous.as_deref()).expect(path)
        };
        write("docs/same.html", b"same");
        assert_eq!(inode(&staging.join("docs/same.html")), inode(&out.join("docs/same.html")));
        write("changed.html", b"new");
        assert_ne!(inode(&staging.join("changed.html")), inode(&out.join("changed.html")));
        write("link.html", b"linked");
        std::fs::write(out.join("snapshot.html"), "shared").expect("file");
        std::fs::hard_link(out.join("snapshot.html"), dir.path().join("snapshot.html"))
            .expect("second name");
        write("snapshot.html", b"shared");
        assert_ne!(
            inode(&staging.join("snapshot.html")),
            inode(&out.join("snapshot.html")),
            "a file with a name outside the old site is written, not linked"
        );
        let made = std::fs::symlink_metadata(staging.join("link.html")).expect("made");
        assert!(made.file_type().is_file(), "a link in the old site is not linked to");
        // The same path made again with other bytes: a new file, and the
        // old site's file, linked a moment ago, keeps its bytes.
        write("docs/same.html", b"made twice");
        assert_eq!(std::fs::read_to_string(out.join("docs/same.html")).expect("old"), "same");
        let mut kept = Files::new();
        kept.insert("docs/same.html".into(), std::sync::Arc::new(b"kept".to_vec()));
        kept.insert("new.html".into(), std::sync::Arc::new(b"new page".to_vec()));
        complete(&staging, &out, &kept, &[], previous.as_deref()).expect("swapped");
        let read = |p: &str| std::fs::read_to_string(out.join(p)).expect(p);
        assert_eq!(read("docs/same.html"), "kept");
        assert_eq!(read("changed.html"), "new");
        assert_eq!(read("new.html"), "new page");
        assert_eq!(read("link.html"), "linked");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("elsewhere.html")).expect("outside"),
            "linked"
        );
    }

    /// A static file is linked from the old site only when its bytes and
    /// its permissions are the same; otherwise it is copied, and the old
    /// site's file keeps its bytes.
    #[test]
    #[cfg(unix)]
    fn a_static_file_is_linked_only_when_bytes_and_permissions_agree() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().expect("temp dir");
        let (old, source) = (dir.path().join("old.pdf"), dir.path().join("source.pdf"));
        let inode = |p: &Path| std::fs::metadata(p).expect("metadata").ino();
        let mode = |p: &Path, m: u32| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("mode")
        };
        std::fs::write(&old, "leaflet").expect("old");
        std::fs::write(&source, "leaflet").expect("source");
        mode(&old, 0o644);
        mode(&source, 0o644);
        let same = dir.path().join("same.pdf");
        copy(&source, &same, Some(&old)).expect("linked");
        assert_eq!(inode(&same), inode(&old), "same bytes and permissions: linked");
        std::fs::remove_file(&same).expect("unlinked");
        mode(&source, 0o600);
        let other_mode = dir.path().join("mode.pdf");
        copy(&source, &other_mode, Some(&old)).expect("copied");
        assert_ne!(inode(&other_mode), inode(&old), "other permissions: copied");
        assert_eq!(std::fs::metadata(&other_mode).expect("copy").mode() & 0o777, 0o600);
        mode(&source, 0o644);
        std::fs::write(&source, "leaflEt").expect("source");
        let other_bytes = dir.path().join("bytes.pdf");
        copy(&source, &other_bytes, Some(&old)).expect("copied");
        assert_ne!(inode(&other_bytes), inode(&old), "other bytes: copied");
        assert_eq!(std::fs::read_to_string(&other_bytes).expect("copy"), "leaflEt");
        assert_eq!(std::fs::read_to_string(&old).expect("old"), "leaflet");
    }
}
