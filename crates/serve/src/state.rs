//! The site being served, and how a rebuild or an edit replaces it and
//! tells open pages to reload.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use charter_core::{Diagnostic, Severity};
use charter_site::{BuildOptions, BuildResult, Files, SiteCache, Unusable};
use tokio::sync::broadcast;

/// The site being served: the last good build and the current errors.
#[derive(Default)]
pub struct Snapshot {
    /// The last good build's files.
    pub files: Arc<Files>,
    /// The current build's errors (none when it built).
    pub errors: Vec<Diagnostic>,
    /// Counts builds and edits.
    pub generation: u64,
}

/// Shared between the HTTP handlers and the rebuild loop.
pub struct Shared {
    /// What is served.
    pub snapshot: RwLock<Snapshot>,
    /// Reload signals to open pages.
    pub events: broadcast::Sender<Signal>,
    /// Who is answered, and the site's sub-path.
    pub access: crate::access::Access,
}

/// One server-sent event: `reload` (its data the output paths that
/// changed, as JSON, or `*` for every page) or `css`.
#[derive(Clone, Debug)]
pub struct Signal {
    /// `reload` or `css`.
    pub name: &'static str,
    /// What changed.
    pub data: String,
}

impl Signal {
    fn reload(changed: &[String], everything: bool) -> Signal {
        let data = if everything {
            "*".to_string()
        } else {
            serde_json::to_string(changed).unwrap_or_else(|_| "*".into())
        };
        Signal { name: "reload", data }
    }
}

/// How a rebuild went, for the terminal and for tests.
#[derive(Debug, Clone)]
pub struct RebuildReport {
    /// Output paths whose bytes changed.
    pub changed: Vec<String>,
    /// How many errors the build had.
    pub errors: usize,
    /// How long it took.
    pub elapsed: Duration,
    /// Pages rendered afresh.
    pub rendered: usize,
}

/// Builds into memory and installs the result; keeps the last good files
/// when the build has errors.
pub fn rebuild(shared: &Shared, options: &BuildOptions, cache: &mut SiteCache) -> RebuildReport {
    let started = Instant::now();
    let result = match charter_site::build_cached(options, cache) {
        Ok(r) => r,
        Err(Unusable(ds)) => BuildResult {
            diagnostics: ds,
            files: Files::new(),
            written: None,
            pages: 0,
            rendered: 0,
            previews_skipped: 0,
        },
    };
    let errors: Vec<Diagnostic> =
        result.diagnostics.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
    let mut snap = shared.snapshot.write().expect("snapshot lock");
    let mut changed = Vec::new();
    if errors.is_empty() {
        let mut files = result.files;
        charter_site::read_static_into(&options.root, &mut files);
        let keys: BTreeSet<&String> = files.keys().chain(snap.files.keys()).collect();
        for k in keys {
            if files.get(k) != snap.files.get(k) {
                changed.push(k.clone());
            }
        }
        snap.files = Arc::new(files);
    }
    let had_errors = !snap.errors.is_empty();
    let error_count = errors.len();
    snap.errors = errors;
    snap.generation += 1;
    drop(snap);
    let only_css = !changed.is_empty() && changed.iter().all(|c| c.ends_with(".css"));
    if only_css && !had_errors && error_count == 0 {
        let _ = shared.events.send(Signal { name: "css", data: String::new() });
    } else if !changed.is_empty() || had_errors || error_count > 0 {
        // The error overlay comes and goes on every page at once.
        let _ = shared.events.send(Signal::reload(&changed, had_errors || error_count > 0));
    }
    RebuildReport {
        changed,
        errors: error_count,
        elapsed: started.elapsed(),
        rendered: result.rendered,
    }
}

/// `serve`'s fast path (see `charter_site::render_edit`): installs the edited
/// page's new HTML and tells its readers to reload, before the full
/// rebuild. Returns the output paths it changed, or `None` when the edit
/// needs the full rebuild first.
pub fn apply_edit(shared: &Shared, changed: &Path, cache: &mut SiteCache) -> Option<Vec<String>> {
    if !shared.snapshot.read().expect("snapshot lock").errors.is_empty() {
        return None;
    }
    let files = charter_site::render_edit(changed, cache)?;
    let mut snap = shared.snapshot.write().expect("snapshot lock");
    let map = Arc::make_mut(&mut snap.files);
    let mut paths = Vec::new();
    for (path, bytes) in files {
        if map.get(&path).map(|b| b.as_slice()) != Some(bytes.as_slice()) {
            paths.push(path.clone());
            map.insert(path, Arc::new(bytes));
        }
    }
    snap.generation += 1;
    drop(snap);
    if !paths.is_empty() {
        let _ = shared.events.send(Signal::reload(&paths, false));
    }
    Some(paths)
}
