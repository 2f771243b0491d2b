//! Watching the site's sources, and which changes matter.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::EventKind;
use notify::event::{MetadataKind, ModifyKind};

use crate::options::ServeOptions;

/// Is this changed path one that affects the site?
pub fn is_source_change(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    let first =
        parts.next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Editors' swap and backup files are not content.
    if name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
    {
        return false;
    }
    matches!(first.as_str(), "content" | "data" | "static" | "templates" | "themes")
        || rel == Path::new("charter.yaml")
}

/// A change to a file's metadata alone (its permissions, its access
/// time), which leaves the site as it was. A new modification time is
/// not one: the polling watcher reports every write that way.
fn is_metadata_only(kind: EventKind) -> bool {
    matches!(kind, EventKind::Modify(ModifyKind::Metadata(m)) if m != MetadataKind::WriteTime)
}

/// A change to a file's contents, which leaves the set of files as it was.
fn is_content_change(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Metadata(MetadataKind::WriteTime))
    )
}

/// A debounced batch of changes to the site's sources.
#[derive(Debug)]
pub(crate) struct Batch {
    /// The paths that changed, sorted.
    pub(crate) paths: Vec<PathBuf>,
    /// Only the contents of files changed: nothing was created, removed or
    /// renamed, and the watcher lost no events, so the set of files is the
    /// last build's.
    pub(crate) same_files: bool,
}

/// Watches the site's sources; each debounced batch of changes is sent on.
pub(crate) fn watch(
    options: &ServeOptions,
    tx: tokio::sync::mpsc::UnboundedSender<Batch>,
) -> notify::Result<Box<dyn std::any::Any + Send>> {
    use notify::RecursiveMode;
    use notify_debouncer_full::{DebounceEventResult, new_debouncer, new_debouncer_opt};
    let root = options.root.canonicalize().unwrap_or_else(|_| options.root.clone());
    let filter_root = root.clone();
    // Set when the watcher may have missed events (an error, a rescan):
    // the next batch sent does not vouch for the set of files.
    let missed = std::sync::atomic::AtomicBool::new(false);
    let handler = move |result: DebounceEventResult| {
        use std::sync::atomic::Ordering;
        let Ok(events) = result else {
            missed.store(true, Ordering::Relaxed);
            return;
        };
        if events.iter().any(|e| e.event.need_rescan()) {
            missed.store(true, Ordering::Relaxed);
        }
        // Only writes, creations, renames and removals: reading a file
        // (as every rebuild does) must not trigger another rebuild.
        let changes: Vec<&notify_debouncer_full::DebouncedEvent> = events
            .iter()
            .filter(|e| {
                matches!(
                    e.event.kind,
                    notify::EventKind::Create(_)
                        | notify::EventKind::Modify(_)
                        | notify::EventKind::Remove(_)
                )
            })
            .filter(|e| !is_metadata_only(e.event.kind))
            .filter(|e| e.paths.iter().any(|p| is_source_change(&filter_root, p)))
            .collect();
        let content_only = changes.iter().all(|e| is_content_change(e.event.kind));
        let mut paths: Vec<PathBuf> = changes
            .iter()
            .flat_map(|e| e.paths.iter().cloned())
            .filter(|p| is_source_change(&filter_root, p))
            .collect();
        paths.sort();
        paths.dedup();
        if !paths.is_empty() {
            let same_files = content_only && !missed.swap(false, Ordering::Relaxed);
            let _ = tx.send(Batch { paths, same_files });
        }
    };
    let delay = Duration::from_millis(50);
    let targets: Vec<(PathBuf, RecursiveMode)> =
        ["content", "data", "static", "templates", "themes"]
            .iter()
            .map(|d| root.join(d))
            .filter(|p| p.is_dir())
            .map(|p| (p, RecursiveMode::Recursive))
            .chain(std::iter::once((root.clone(), RecursiveMode::NonRecursive)))
            .collect();
    if options.poll {
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(250));
        let mut d = new_debouncer_opt::<_, notify::PollWatcher, notify_debouncer_full::NoCache>(
            delay,
            None,
            handler,
            notify_debouncer_full::NoCache,
            config,
        )?;
        for (p, mode) in targets {
            d.watch(&p, mode)?;
        }
        Ok(Box::new(d))
    } else {
        let mut d = new_debouncer(delay, None, handler)?;
        for (p, mode) in targets {
            d.watch(&p, mode)?;
        }
        Ok(Box::new(d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_noise_is_not_a_change() {
        let root = Path::new("/site");
        assert!(is_source_change(root, Path::new("/site/content/a.md")));
        assert!(is_source_change(root, Path::new("/site/charter.yaml")));
        assert!(!is_source_change(root, Path::new("/site/content/.#a.md")));
        assert!(!is_source_change(root, Path::new("/site/content/a.md~")));
        assert!(!is_source_change(root, Path::new("/site/public/index.html")));
    }

    #[test]
    fn a_new_write_time_is_a_write_and_other_metadata_is_not() {
        use notify::event::{AccessKind, CreateKind, DataChange, RenameMode};
        let written = EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime));
        assert!(!is_metadata_only(written), "the polling watcher's report of a write");
        assert!(is_content_change(written));
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert!(!is_metadata_only(data) && is_content_change(data));
        for kind in [MetadataKind::Any, MetadataKind::AccessTime, MetadataKind::Permissions] {
            assert!(is_metadata_only(EventKind::Modify(ModifyKind::Metadata(kind))), "{kind:?}");
        }
        for moved in [
            EventKind::Create(CreateKind::File),
            EventKind::Remove(notify::event::RemoveKind::Any),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            EventKind::Modify(ModifyKind::Any),
            EventKind::Access(AccessKind::Any),
        ] {
            assert!(!is_content_change(moved), "{moved:?} may change the set of files");
        }
    }
}
