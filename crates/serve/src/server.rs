//! The server's life: bind a port, build, serve, and rebuild on change
//! until Ctrl+C.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use charter_core::report::{self, Format, TextStyle};
use charter_site::{BuildOptions, SiteCache};
use tokio::sync::{broadcast, mpsc};

use crate::access::Access;
use crate::http::router;
use crate::options::ServeOptions;
use crate::state::{RebuildReport, Shared, Snapshot, apply_edit, rebuild};
use crate::watch;

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
                    eprintln!(
                        "Port {} is in use, so charter is using port {port} instead.",
                        options.port
                    );
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
    eprintln!(
        "Ports {} to {} are all in use: pass a free one with --port N.",
        options.port,
        options.port.saturating_add(19)
    );
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
        eprintln!(
            "Warning: listening on {}, so other computers on the network can see this preview, drafts included.",
            options.bind
        );
        if !options.bind.is_unspecified() {
            eprintln!(
                "Only requests addressed to {} (and names given with --allowed-host) are answered.",
                options.bind
            );
        }
    }
    let Some(listener) = bind(&options).await else {
        return std::process::ExitCode::from(2);
    };
    let address = listener.local_addr().expect("bound address");
    let host =
        if options.bind.is_unspecified() { IpAddr::from([127, 0, 0, 1]) } else { options.bind };
    // The preview lives under the base URL's sub-path, as the published
    // site will; a charter.yaml that does not load shows its errors at "/".
    let base_path = charter_core::config::load(&options.root)
        .map(|c| c.base_path())
        .unwrap_or_else(|_| "/".into());
    let access = Access::new(options.bind, &options.allowed_hosts, &base_path);
    let base = format!("http://{}{base_path}", SocketAddr::new(host, address.port()));
    let build_options = BuildOptions {
        root: options.root.clone(),
        out: None,
        base_url: Some(base.clone()),
        drafts: options.drafts,
        write: false,
        pdf: false,
        on_walked: None,
    };
    let (events, _) = broadcast::channel(16);
    let shared = Arc::new(Shared { snapshot: RwLock::new(Snapshot::default()), events, access });
    let mut cache = SiteCache::keeping();
    let first = rebuild(&shared, &build_options, &mut cache);
    (options.trim_memory)();
    report_rebuild(&shared, &first, &options, true);
    // Watching starts before the address is given: an edit made once the
    // preview is announced is seen (the polling watcher's first scan of a
    // large site takes a while, and an edit before it ends is missed).
    let (tx, rx) = mpsc::unbounded_channel::<watch::Batch>();
    let _watcher = match watch::watch(&options, tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("Cannot watch the site for changes ({e}); try --poll.");
            return std::process::ExitCode::from(2);
        }
    };
    eprintln!("Serving {} at {base} (press Ctrl+C to stop)", options.root.display());
    if options.open {
        let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
        if let Err(e) = std::process::Command::new(opener).arg(&base).spawn() {
            eprintln!("Could not open a browser ({e}): open {base} yourself.");
        }
    }
    tokio::spawn(rebuild_loop(rx, shared.clone(), build_options, options, cache));
    let server = axum::serve(listener, router(shared)).with_graceful_shutdown(async {
        // Ctrl+C ends the server; if the signal cannot be listened for,
        // the server runs until the process is stopped another way.
        let _ = tokio::signal::ctrl_c().await;
    });
    if let Err(e) = server.await {
        eprintln!("The server stopped: {e}");
        return std::process::ExitCode::from(1);
    }
    std::process::ExitCode::SUCCESS
}

/// Rebuilds after each batch of changes: the fast path first when one page
/// changed, then the cached full rebuild.
async fn rebuild_loop(
    mut rx: mpsc::UnboundedReceiver<watch::Batch>,
    shared: Arc<Shared>,
    build_options: BuildOptions,
    options: ServeOptions,
    mut cache: SiteCache,
) {
    while let Some(batch) = rx.recv().await {
        let watch::Batch { mut paths, mut same_files } = batch;
        // Saves often come as bursts: take everything already queued.
        while let Ok(more) = rx.try_recv() {
            paths.extend(more.paths);
            same_files &= more.same_files;
        }
        let task_shared = shared.clone();
        let opts = build_options.clone();
        let mut c = std::mem::take(&mut cache);
        let only = if let [one] = paths.as_slice() { Some(one.clone()) } else { None };
        let trim = options.trim_memory;
        let root = options.root.canonicalize().unwrap_or_else(|_| options.root.clone());
        let names: Vec<String> = paths
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
            .collect();
        let (report_value, c) = tokio::task::spawn_blocking(move || {
            // Whether the next load may take the last one's walk.
            c.tell_same_files(same_files);
            // The second batch of a save that truncates and then writes,
            // or a save that changed nothing.
            if c.unchanged(&opts.root, &paths) {
                return (None, c);
            }
            let started = Instant::now();
            if let Some(pages) = only.and_then(|p| apply_edit(&task_shared, &p, &mut c)) {
                let names: Vec<String> = pages
                    .iter()
                    .map(|p| format!("/{}", p.strip_suffix("index.html").unwrap_or(p)))
                    .collect();
                eprintln!(
                    "Updated {} in {} ms; now the pages that depend on it.",
                    names.join(", "),
                    started.elapsed().as_millis()
                );
            }
            let r = rebuild(&task_shared, &opts, &mut c);
            trim();
            (Some(r), c)
        })
        .await
        .expect("rebuild task");
        cache = c;
        match report_value {
            Some(r) => {
                eprintln!("Changed: {}", names.join(", "));
                report_rebuild(&shared, &r, &options, false);
            }
            None => eprintln!(
                "Changed: {}, but {} the same bytes as the last build read: nothing to rebuild.",
                names.join(", "),
                if names.len() == 1 { "it holds" } else { "they hold" }
            ),
        }
    }
}

fn report_rebuild(shared: &Shared, r: &RebuildReport, options: &ServeOptions, first: bool) {
    let errors = shared.snapshot.read().expect("snapshot lock").errors.clone();
    if !errors.is_empty() {
        let style = TextStyle { narrated: options.narrated, color: false };
        eprint!("{}", report::render(&errors, Format::Text, &options.root, style));
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
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        eprintln!(
            "Rebuilt in {} ms: re-rendered {} page{}, {} file{} changed ({} page{}).",
            r.elapsed.as_millis(),
            r.rendered,
            plural(r.rendered),
            r.changed.len(),
            plural(r.changed.len()),
            pages,
            plural(pages)
        );
    }
}
