//! `charter serve`: builds the site into memory, serves it on loopback,
//! rebuilds when a source file changes, and tells open pages to reload.
//!
//! The served bytes are exactly what `charter build` would write (the same
//! pipeline, the same files), except that HTML responses get one injected
//! script tag for live reload and, while the last build failed, an overlay
//! listing the errors over the last good page.

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use crate::diagnostics::{Diagnostic, Format, Severity};
use crate::pipeline::{self, BuildOptions};
use crate::render::Files;

/// What `charter serve` was asked to do.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
    pub poll: bool,
    pub narrated: bool,
}

/// The site being served: the last good build and the current errors.
#[derive(Default)]
pub struct Snapshot {
    pub files: Arc<Files>,
    pub errors: Vec<Diagnostic>,
    pub generation: u64,
}

/// Shared between the HTTP handlers and the rebuild loop.
pub struct Shared {
    pub snapshot: RwLock<Snapshot>,
    pub events: broadcast::Sender<Signal>,
}

/// One server-sent event: `reload` (its data the output paths that
/// changed, as JSON, or `*` for every page) or `css`.
#[derive(Clone, Debug)]
pub struct Signal {
    pub name: &'static str,
    pub data: String,
}

impl Signal {
    fn reload(changed: &[String], everything: bool) -> Signal {
        let data = if everything { "*".to_string() } else { serde_json::to_string(changed).unwrap_or_else(|_| "*".into()) };
        Signal { name: "reload", data }
    }
}

/// How a rebuild went, for the terminal and for tests.
#[derive(Debug, Clone)]
pub struct RebuildReport {
    pub changed: Vec<String>,
    pub errors: usize,
    pub elapsed: Duration,
    pub rendered: usize,
}

const RELOAD_JS: &str = include_str!("reload.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");

/// Builds into memory and installs the result; keeps the last good files
/// when the build has errors.
pub fn rebuild(shared: &Shared, options: &BuildOptions, cache: &mut crate::render::cache::RenderCache) -> RebuildReport {
    let started = Instant::now();
    let result = match pipeline::build_cached(options, cache) {
        Ok(r) => r,
        Err(pipeline::Unusable(ds)) => pipeline::BuildResult { diagnostics: ds, files: Files::new(), written: None, pages: 0, rendered: 0 },
    };
    let errors: Vec<Diagnostic> = result.diagnostics.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
    let mut snap = shared.snapshot.write().expect("snapshot lock");
    let mut changed = Vec::new();
    if errors.is_empty() {
        let mut files = result.files;
        pipeline::read_static_into(&options.root, &mut files);
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
    RebuildReport { changed, errors: error_count, elapsed: started.elapsed(), rendered: result.rendered }
}

/// `serve`'s fast path (see `pipeline::render_edit`): installs the edited
/// page's new HTML and tells its readers to reload, before the full
/// rebuild. Returns the output paths it changed, or `None` when the edit
/// needs the full rebuild first.
pub fn apply_edit(shared: &Shared, changed: &Path, cache: &mut crate::render::cache::RenderCache) -> Option<Vec<String>> {
    if !shared.snapshot.read().expect("snapshot lock").errors.is_empty() {
        return None;
    }
    let files = pipeline::render_edit(changed, cache)?;
    let mut snap = shared.snapshot.write().expect("snapshot lock");
    let map = Arc::make_mut(&mut snap.files);
    let mut paths = Vec::new();
    for (path, bytes) in files {
        if map.get(&path) != Some(&bytes) {
            paths.push(path.clone());
            map.insert(path, bytes);
        }
    }
    snap.generation += 1;
    drop(snap);
    if !paths.is_empty() {
        let _ = shared.events.send(Signal::reload(&paths, false));
    }
    Some(paths)
}

/// The HTTP side, on its own so tests can drive it.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/__charter/reload.js", get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], RELOAD_JS) }))
        .route("/__charter/overlay.css", get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], OVERLAY_CSS) }))
        .route("/__charter/events", get(events))
        .fallback(file)
        .with_state(shared)
}

async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let stream = BroadcastStream::new(shared.events.subscribe())
        .filter_map(|e| e.ok())
        .map(|signal| Ok::<Event, std::convert::Infallible>(Event::default().event(signal.name).data(signal.data)));
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Maps a request path to a file of the site, refusing anything that could
/// name a file outside it (the site is in memory, so nothing on disk is
/// reachable anyway; this keeps the answers honest).
pub fn resolve_path(path: &str, files: &Files) -> Result<String, Option<String>> {
    let decoded = percent_decode(path).ok_or(None)?;
    if decoded.contains('\\') || decoded.contains('\0') || decoded.split('/').any(|s| s == ".." || s == ".") {
        return Err(None);
    }
    let key = decoded.trim_start_matches('/');
    if key.is_empty() || key.ends_with('/') {
        let k = format!("{key}index.html");
        return if files.contains_key(&k) { Ok(k) } else { Err(None) };
    }
    if files.contains_key(key) {
        return Ok(key.to_string());
    }
    if files.contains_key(&format!("{key}/index.html")) {
        return Err(Some(format!("/{key}/")));
    }
    Err(None)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

async fn file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let (files, errors) = {
        let snap = shared.snapshot.read().expect("snapshot lock");
        (snap.files.clone(), snap.errors.clone())
    };
    let (status, key) = match resolve_path(uri.path(), &files) {
        Ok(k) => (StatusCode::OK, k),
        Err(Some(location)) => {
            return Response::builder()
                .status(StatusCode::MOVED_PERMANENTLY)
                .header(header::LOCATION, location)
                .body(Body::empty())
                .expect("valid response");
        }
        Err(None) => (StatusCode::NOT_FOUND, "404.html".to_string()),
    };
    let Some(bytes) = files.get(&key) else {
        let body = if errors.is_empty() { "Not found".to_string() } else { format!("The site has not built yet.\n\n{}", error_text(&errors)) };
        return (StatusCode::NOT_FOUND, body).into_response();
    };
    let content_type = content_type(&key);
    let body = if key.ends_with(".html") { inject(bytes, &errors) } else { bytes.clone() };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn error_text(errors: &[Diagnostic]) -> String {
    crate::diagnostics::render(errors, Format::Text, Path::new("."), true, false)
}

/// Adds the reload script, and the error overlay while the build fails.
fn inject(html: &[u8], errors: &[Diagnostic]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = String::new();
    if !errors.is_empty() {
        extra.push_str("<link rel=\"stylesheet\" href=\"/__charter/overlay.css\">\n");
        extra.push_str(
            "<div id=\"charter-errors\" role=\"alertdialog\" aria-modal=\"false\" aria-labelledby=\"charter-errors-title\" tabindex=\"-1\">\n",
        );
        extra.push_str(&format!(
            "<h2 id=\"charter-errors-title\">The site did not build: {} error{}</h2>\n<p>You are seeing the last version that built. Fix the problems below and save; this page reloads by itself.</p>\n<ol>\n",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        ));
        for d in errors {
            let place = match (&d.file, d.line) {
                (Some(f), 0) => format!("<code>{}</code>: ", crate::render::markdown::escape(f)),
                (Some(f), l) => {
                    format!("<code>{}:{l}</code>: ", crate::render::markdown::escape(f))
                }
                _ => String::new(),
            };
            extra.push_str(&format!(
                "<li>{place}{} <small>({})</small>{}</li>\n",
                crate::render::markdown::escape(&d.message),
                d.code,
                d.help.as_ref().map(|h| format!("<br>How to fix it: {}", crate::render::markdown::escape(h))).unwrap_or_default()
            ));
        }
        extra.push_str("</ol>\n<button type=\"button\">Hide</button>\n</div>\n");
    }
    extra.push_str("<script src=\"/__charter/reload.js\"></script>\n");
    let out = match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]),
        None => format!("{text}{extra}"),
    };
    out.into_bytes()
}

pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "woff2" => "font/woff2",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Is this changed path one that affects the site?
pub fn is_source_change(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    let first = parts.next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Editors' swap and backup files are not content.
    if name.starts_with(".#") || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx") || name == "4913" {
        return false;
    }
    matches!(first.as_str(), "content" | "data" | "static" | "templates" | "themes") || rel == Path::new("charter.yaml")
}

/// Runs the server until Ctrl+C.
pub fn serve(options: ServeOptions) -> std::process::ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    runtime.block_on(run(options))
}

async fn bind(options: &ServeOptions) -> Option<tokio::net::TcpListener> {
    for offset in 0..20u16 {
        let Some(port) = options.port.checked_add(offset) else {
            break;
        };
        match tokio::net::TcpListener::bind(SocketAddr::new(options.bind, port)).await {
            Ok(l) => {
                if offset > 0 {
                    eprintln!("Port {} is in use, so charter is using port {port} instead.", options.port);
                }
                return Some(l);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && options.port != 0 => continue,
            Err(e) => {
                eprintln!("Cannot listen on {}:{port}: {e}", options.bind);
                return None;
            }
        }
    }
    eprintln!("Ports {} to {} are all in use: pass a free one with --port N.", options.port, options.port.saturating_add(19));
    None
}

async fn run(options: ServeOptions) -> std::process::ExitCode {
    if !options.root.join("charter.yaml").is_file() {
        eprintln!(
            "{} has no charter.yaml: pass the site's folder with --root DIR, or create a site with `charter init DIR`.",
            options.root.display()
        );
        return std::process::ExitCode::from(2);
    }
    if !options.bind.is_loopback() {
        eprintln!("Warning: listening on {}, so other computers on the network can see this preview, drafts included.", options.bind);
    }
    let Some(listener) = bind(&options).await else {
        return std::process::ExitCode::from(2);
    };
    let address = listener.local_addr().expect("bound address");
    let host = if options.bind.is_unspecified() { IpAddr::from([127, 0, 0, 1]) } else { options.bind };
    let base = format!("http://{}/", SocketAddr::new(host, address.port()));
    let build_options = BuildOptions { root: options.root.clone(), out: None, base_url: Some(base.clone()), drafts: options.drafts, write: false };
    let (events, _) = broadcast::channel(16);
    let shared = Arc::new(Shared { snapshot: RwLock::new(Snapshot::default()), events });
    let mut cache = crate::render::cache::RenderCache::keeping();
    let first = rebuild(&shared, &build_options, &mut cache);
    report(&shared, &first, &options, true);
    eprintln!("Serving {} at {base} (press Ctrl+C to stop)", options.root.display());
    if options.open {
        let _ = std::process::Command::new(if cfg!(target_os = "macos") { "open" } else { "xdg-open" }).arg(&base).spawn();
    }
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Vec<PathBuf>>();
    let _watcher = match watch(&options, tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("Cannot watch the site for changes ({e}); try --poll.");
            return std::process::ExitCode::from(2);
        }
    };
    let rebuild_shared = shared.clone();
    let rebuild_options = options.clone();
    tokio::spawn(async move {
        while let Some(mut paths) = rx.recv().await {
            // Saves often come as bursts: take everything already queued.
            while let Ok(more) = rx.try_recv() {
                paths.extend(more);
            }
            let shared = rebuild_shared.clone();
            let opts = build_options.clone();
            let mut c = std::mem::take(&mut cache);
            let only = if let [one] = paths.as_slice() { Some(one.clone()) } else { None };
            let (report_value, c) = tokio::task::spawn_blocking(move || {
                let started = Instant::now();
                if let Some(pages) = only.and_then(|p| apply_edit(&shared, &p, &mut c)) {
                    let names: Vec<String> = pages.iter().map(|p| format!("/{}", p.strip_suffix("index.html").unwrap_or(p))).collect();
                    eprintln!("Updated {} in {} ms; now the pages that depend on it.", names.join(", "), started.elapsed().as_millis());
                }
                let r = rebuild(&shared, &opts, &mut c);
                (r, c)
            })
            .await
            .expect("rebuild task");
            cache = c;
            let root = rebuild_options.root.canonicalize().unwrap_or_else(|_| rebuild_options.root.clone());
            let names: Vec<String> = paths.iter().map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string()).collect();
            eprintln!("Changed: {}", names.join(", "));
            report(&rebuild_shared, &report_value, &rebuild_options, false);
        }
    });
    let server = axum::serve(listener, router(shared)).with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    });
    if let Err(e) = server.await {
        eprintln!("The server stopped: {e}");
        return std::process::ExitCode::from(1);
    }
    std::process::ExitCode::SUCCESS
}

fn report(shared: &Shared, r: &RebuildReport, options: &ServeOptions, first: bool) {
    let errors = shared.snapshot.read().expect("snapshot lock").errors.clone();
    if !errors.is_empty() {
        eprint!("{}", crate::diagnostics::render(&errors, Format::Text, &options.root, options.narrated, false));
        eprintln!(
            "The build failed with {} error{}: serving the last good site, with the errors shown in the page.",
            r.errors,
            if r.errors == 1 { "" } else { "s" }
        );
        return;
    }
    let pages = r.changed.iter().filter(|c| c.ends_with(".html")).count();
    if first {
        eprintln!("Built in {} ms.", r.elapsed.as_millis());
    } else {
        eprintln!(
            "Rebuilt in {} ms: re-rendered {} page{}, {} file{} changed ({} page{}).",
            r.elapsed.as_millis(),
            r.rendered,
            if r.rendered == 1 { "" } else { "s" },
            r.changed.len(),
            if r.changed.len() == 1 { "" } else { "s" },
            pages,
            if pages == 1 { "" } else { "s" }
        );
    }
}

/// Watches the site's sources; each debounced batch of changes is sent on.
fn watch(options: &ServeOptions, tx: tokio::sync::mpsc::UnboundedSender<Vec<PathBuf>>) -> notify::Result<Box<dyn std::any::Any + Send>> {
    use notify::RecursiveMode;
    use notify_debouncer_full::{DebounceEventResult, new_debouncer, new_debouncer_opt};
    let root = options.root.canonicalize().unwrap_or_else(|_| options.root.clone());
    let filter_root = root.clone();
    let handler = move |result: DebounceEventResult| {
        if let Ok(events) = result {
            // Only writes, creations, renames and removals: reading a file
            // (as every rebuild does) must not trigger another rebuild.
            let mut paths: Vec<PathBuf> = events
                .iter()
                .filter(|e| matches!(e.event.kind, notify::EventKind::Create(_) | notify::EventKind::Modify(_) | notify::EventKind::Remove(_)))
                .filter(|e| !matches!(e.event.kind, notify::EventKind::Modify(notify::event::ModifyKind::Metadata(_))))
                .flat_map(|e| e.paths.iter().cloned())
                .filter(|p| is_source_change(&filter_root, p))
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                let _ = tx.send(paths);
            }
        }
    };
    let delay = Duration::from_millis(50);
    let targets: Vec<(PathBuf, RecursiveMode)> = ["content", "data", "static", "templates", "themes"]
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
    fn paths_cannot_escape_the_site() {
        let mut files = Files::new();
        files.insert("index.html".into(), b"x".to_vec());
        files.insert("a/index.html".into(), b"x".to_vec());
        assert_eq!(resolve_path("/", &files), Ok("index.html".into()));
        assert_eq!(resolve_path("/a", &files), Err(Some("/a/".into())));
        for bad in ["/../etc/passwd", "/%2e%2e/etc/passwd", "/a/..%2f..%2fetc", "/a\\..", "/%00"] {
            assert_eq!(resolve_path(bad, &files), Err(None), "{bad}");
        }
    }

    #[test]
    fn editor_noise_is_not_a_change() {
        let root = Path::new("/site");
        assert!(is_source_change(root, Path::new("/site/content/a.md")));
        assert!(is_source_change(root, Path::new("/site/charter.yaml")));
        assert!(!is_source_change(root, Path::new("/site/content/.#a.md")));
        assert!(!is_source_change(root, Path::new("/site/content/a.md~")));
        assert!(!is_source_change(root, Path::new("/site/public/index.html")));
    }
}
