//! Where a build's files go as they are made.
//!
//! `serve` keeps every file in memory. A build writes the many large files
//! (pages, the search index's records) into a staging folder as soon as
//! they are rendered, so that they are not all held at once: at 10,000
//! pages that memory, first touched, cost the kernel as much time as the
//! rendering itself. `check` renders and checks them, then drops them.
//! Small files (the generated site-wide ones, redirects, statics) are
//! kept until the end, when the staging folder takes the output's place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use charter_core::Diagnostic;

use std::sync::Arc;

use crate::files::{Bytes, Files};
use crate::write;

/// What happens to a streamed file.
enum Target {
    /// Kept in memory with the others (`serve`).
    Memory,
    /// Written into the staging folder now (`build`), with the folders
    /// made in it so far and the site it will replace, if any.
    Staging(PathBuf, write::Folders, Option<PathBuf>),
    /// Dropped once checked (`check`).
    Discard,
}

/// Files handed to [`Output::stream`]: their paths, and their bytes when
/// the output keeps them.
pub(crate) type Streamed = Vec<(String, Option<Bytes>)>;

/// The files of a build, in memory and streamed.
pub(crate) struct Output {
    files: Files,
    streamed: BTreeSet<String>,
    target: Target,
    /// The first error of a streamed write; the build fails on it.
    failure: Mutex<Option<Diagnostic>>,
}

impl Output {
    /// Every file kept in memory.
    pub(crate) fn memory() -> Output {
        Output::with(Target::Memory)
    }

    /// Files dropped once made and checked.
    pub(crate) fn discard() -> Output {
        Output::with(Target::Discard)
    }

    /// Files written into a new staging folder beside `out`.
    pub(crate) fn staging(out: &Path) -> Result<Output, Diagnostic> {
        let staging = write::new_staging(out)?;
        Ok(Output::with(Target::Staging(
            staging,
            write::Folders::default(),
            write::previous_site(out),
        )))
    }

    fn with(target: Target) -> Output {
        Output { files: Files::new(), streamed: BTreeSet::new(), target, failure: Mutex::new(None) }
    }

    /// Whether streamed files stay in memory (and the final-HTML checks
    /// run over them at the end, with `serve`'s cache).
    pub(crate) fn keeps_streamed(&self) -> bool {
        matches!(self.target, Target::Memory)
    }

    /// Hands over a streamed file from any thread: written now, or dropped.
    /// Returns the bytes when the output keeps them.
    pub(crate) fn stream(&self, path: &str, mut bytes: Vec<u8>) -> Option<Bytes> {
        match &self.target {
            Target::Memory => {
                // Kept for the session: without the room a page was
                // rendered into (see `Templates::render`).
                bytes.shrink_to_fit();
                Some(Arc::new(bytes))
            }
            Target::Discard => None,
            Target::Staging(dir, folders, previous) => {
                if let Err(d) = write::write_one(dir, path, &bytes, folders, previous.as_deref()) {
                    self.failure.lock().expect("output lock").get_or_insert(d);
                }
                None
            }
        }
    }

    /// Records files handed to [`Output::stream`]: kept ones go in with the
    /// others, the rest are remembered by path.
    pub(crate) fn streamed(&mut self, path: String, kept: Option<Bytes>) {
        match kept {
            Some(bytes) => {
                self.files.insert(path, bytes);
            }
            None => {
                self.streamed.insert(path);
            }
        }
    }

    /// Adds a file kept until the end.
    pub(crate) fn insert(&mut self, path: String, bytes: Vec<u8>) {
        self.files.insert(path, Arc::new(bytes));
    }

    /// Adds files kept until the end.
    pub(crate) fn extend(&mut self, files: impl IntoIterator<Item = (String, Bytes)>) {
        self.files.extend(files);
    }

    /// The files kept in memory.
    pub(crate) fn files(&self) -> &Files {
        &self.files
    }

    /// The files kept in memory, to change.
    pub(crate) fn files_mut(&mut self) -> &mut Files {
        &mut self.files
    }

    /// Whether the site has a file at `path`.
    pub(crate) fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.streamed.contains(path)
    }

    /// Would writing `path` need a folder where a file is, or the reverse?
    pub(crate) fn clashes(&self, path: &str) -> bool {
        clashes_in(&self.files, path) || clashes_in(&self.streamed, path)
    }

    /// Every path of the site, streamed or kept, in order.
    pub(crate) fn paths(&self) -> BTreeSet<&str> {
        self.files
            .keys()
            .map(String::as_str)
            .chain(self.streamed.iter().map(String::as_str))
            .collect()
    }

    /// How many HTML files the site has.
    pub(crate) fn html_count(&self) -> usize {
        // Counted without gathering every path in order: a path both kept
        // and streamed is counted once, as the kept one.
        let html = |p: &&String| p.ends_with(".html");
        let kept = self.files.keys().filter(html).count();
        let streamed = self.streamed.iter().filter(html).filter(|p| !self.files.contains_key(*p));
        kept + streamed.count()
    }

    /// Ends the build. With no error, a staging folder is completed (the
    /// kept files, `copies`) and takes `out`'s place; otherwise it is
    /// removed and the last good site stays. Returns the kept files and
    /// whether the output was written.
    pub(crate) fn finish(
        self,
        out: &Path,
        copies: &[(String, PathBuf)],
        succeeded: bool,
    ) -> (Files, Result<bool, Diagnostic>) {
        let failure = self.failure.into_inner().unwrap_or_default();
        match self.target {
            Target::Staging(dir, _, previous) => {
                if !succeeded || failure.is_some() {
                    write::abandon(&dir);
                    return (self.files, failure.map_or(Ok(false), Err));
                }
                let written = write::complete(&dir, out, &self.files, copies, previous.as_deref())
                    .map(|()| true);
                (self.files, written)
            }
            Target::Memory | Target::Discard => (self.files, Ok(false)),
        }
    }
}

/// A set of paths that a folder path may clash with.
trait PathSet {
    fn has(&self, path: &str) -> bool;
    fn any_below(&self, folder: &str) -> bool;
}

impl PathSet for Files {
    fn has(&self, path: &str) -> bool {
        self.contains_key(path)
    }
    fn any_below(&self, folder: &str) -> bool {
        self.range(folder.to_string()..).next().is_some_and(|(k, _)| k.starts_with(folder))
    }
}

impl PathSet for BTreeSet<String> {
    fn has(&self, path: &str) -> bool {
        self.contains(path)
    }
    fn any_below(&self, folder: &str) -> bool {
        self.range(folder.to_string()..).next().is_some_and(|k| k.starts_with(folder))
    }
}

fn clashes_in(set: &impl PathSet, path: &str) -> bool {
    let mut prefix = String::new();
    for seg in path.split('/') {
        if !prefix.is_empty() && set.has(prefix.trim_end_matches('/')) {
            return true;
        }
        prefix.push_str(seg);
        prefix.push('/');
    }
    set.any_below(&format!("{path}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_and_a_folder_of_the_same_name_clash_streamed_or_kept() {
        let mut out = Output::discard();
        out.insert("sitemap.xml".into(), vec![]);
        out.streamed("a/index.html".into(), None);
        assert!(out.clashes("sitemap.xml/index.html"));
        assert!(out.clashes("a"));
        assert!(!out.clashes("b/index.html"));
        assert!(out.contains("a/index.html"));
        assert_eq!(out.html_count(), 1);
        out.insert("a/index.html".into(), vec![]);
        out.insert("b/index.html".into(), vec![]);
        out.streamed("c/index.html".into(), None);
        out.streamed("feed.xml".into(), None);
        assert_eq!(out.html_count(), 3, "a path kept and streamed is one file");
        assert_eq!(out.html_count(), out.paths().iter().filter(|p| p.ends_with(".html")).count());
    }

    #[test]
    fn a_staged_build_replaces_the_output_only_when_it_succeeds() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.html"), "old").unwrap();
        let staged = Output::staging(&out).unwrap();
        assert!(staged.stream("a/index.html", b"a".to_vec()).is_none());
        let (_, written) = staged.finish(&out, &[], false);
        assert!(!written.unwrap());
        assert!(out.join("old.html").exists(), "a failed build leaves the last good site");
        let mut staged = Output::staging(&out).unwrap();
        staged.stream("a/index.html", b"a".to_vec());
        staged.insert("sitemap.xml".into(), b"s".to_vec());
        let (_, written) = staged.finish(&out, &[], true);
        assert!(written.unwrap());
        assert!(out.join("a/index.html").exists() && out.join("sitemap.xml").exists());
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging or old folder left behind");
    }
}
