//! The whole pipeline, load → resolve → render → check → write, shared by
//! `build`, `check` and `serve`.

use std::path::{Path, PathBuf};

use charter_core::config::{self, Config};
use charter_core::timing::StageClock;
use charter_core::{Code, Diagnostic, Severity, Sink};
use charter_load::{LoadOptions, theme};
use charter_render::Templates;
use charter_resolve::Inputs;

use crate::cache::{CachedAnchors, Kept, SiteCache};
use crate::files::Files;
use crate::output::Output;
use crate::{check, outputs, pages, pdfs, tidy, write};

/// What a build was asked to do.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// The site's folder.
    pub root: PathBuf,
    /// The output folder (default `public/` in the root).
    pub out: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Build drafts and consultation versions too.
    pub drafts: bool,
    /// `false` for `check`: validate only, write nothing.
    pub write: bool,
    /// `--pdf`: a PDF of every published document version, as `pdf: true`
    /// in `charter.yaml` asks. Only a build that writes makes them.
    pub pdf: bool,
    /// Told how many Markdown files were found, before any is read
    /// (`LoadOptions::on_walked`).
    pub on_walked: Option<fn(usize)>,
}

/// The outcome of a build.
#[derive(Debug)]
pub struct BuildResult {
    /// Every diagnostic, tidied and sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The site's files, by output path.
    pub files: Files,
    /// The folder written to, when anything was written.
    pub written: Option<PathBuf>,
    /// HTML pages in the output.
    pub pages: usize,
    /// Pages rendered afresh (the rest came from `serve`'s cache).
    pub rendered: usize,
    /// Drafts and consultation versions left out (built with `--drafts`).
    pub previews_skipped: usize,
}

impl BuildResult {
    fn empty(diagnostics: Vec<Diagnostic>) -> BuildResult {
        BuildResult {
            diagnostics,
            files: Files::new(),
            written: None,
            pages: 0,
            rendered: 0,
            previews_skipped: 0,
        }
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether any diagnostic is a warning.
    pub fn has_warnings(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Warning)
    }
}

/// Why a build could not start at all (exit status 2).
#[derive(Debug)]
pub struct Unusable(pub Vec<Diagnostic>);

/// Builds the site once, keeping nothing.
pub fn build(options: &BuildOptions) -> Result<BuildResult, Unusable> {
    build_cached(options, &mut SiteCache::default())
}

/// `build`, reusing the rendering of unchanged pages from `cache` (serve).
pub fn build_cached(
    options: &BuildOptions,
    cache: &mut SiteCache,
) -> Result<BuildResult, Unusable> {
    let root = &options.root;
    let out = options.out.clone().unwrap_or_else(|| root.join("public"));
    let mut config = match start(options, &out)? {
        Ok(config) => config,
        Err(result) => return Ok(result),
    };
    if let Some(b) = &options.base_url {
        config.base_url = b.clone();
    }
    let sink = Sink::default();
    let pdfs = match (options.pdf || config.pdf, options.write) {
        (false, _) => Pdfs::Off,
        (true, false) => Pdfs::Checked,
        (true, true) => Pdfs::Made,
    };
    // A build writes pages as they are made into a staging folder; `check`
    // drops them; `serve` keeps them in memory.
    let mut output = match (options.write, cache.keep) {
        (true, _) => Output::staging(&out).map_err(|d| Unusable(vec![d]))?,
        (false, true) => Output::memory(),
        (false, false) => Output::discard(),
    };
    let load = LoadOptions { drafts: options.drafts, on_walked: options.on_walked };
    let (rendered, previews_skipped) =
        run(root, config.clone(), (load, pdfs), &sink, cache, &mut output);
    let pages = output.html_count();
    let mut diagnostics = tidy::finish(sink.take(), &config);
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let mut clock = StageClock::new();
    let copies = if options.write { outputs::static_copies(root, &output) } else { Vec::new() };
    let (files, written) = output.finish(&out, &copies, !failed);
    clock.lap("write");
    let written = match written {
        Ok(true) => Some(out),
        Ok(false) => None,
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    Ok(BuildResult { diagnostics, files, written, pages, rendered, previews_skipped })
}

/// The checks before anything is read: a root that is a folder, an output
/// folder that may be replaced, a `charter.yaml` that loads, a `content/`.
/// A config with errors is a build result of its own.
fn start(options: &BuildOptions, out: &Path) -> Result<Result<Config, BuildResult>, Unusable> {
    let root = &options.root;
    if !root.is_dir() {
        return Err(Unusable(vec![
            Diagnostic::error(Code::ConfigInvalid, format!("{} is not a folder", root.display()))
                .help("pass the site's folder with --root DIR"),
        ]));
    }
    if options.write {
        write::check_output_dir(root, out).map_err(|d| Unusable(vec![d]))?;
    }
    let config = match config::load(root) {
        Ok(c) => c,
        // A site whose charter.yaml is missing cannot be read at all.
        Err(ds) if !root.join("charter.yaml").exists() => return Err(Unusable(ds)),
        Err(ds) => return Ok(Err(BuildResult::empty(ds))),
    };
    if !root.join("content").is_dir() {
        return Err(Unusable(vec![
            Diagnostic::error(Code::ConfigInvalid, "this site has no content/ folder")
                .in_file("charter.yaml")
                .help(
                    "create content/ with an _index.md, or run `charter init DIR` for a new site",
                ),
        ]));
    }
    Ok(Ok(config))
}

/// What a build does about PDFs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pdfs {
    /// Not asked for.
    Off,
    /// Asked for, in a build that writes nothing (`check`, `serve`): only
    /// what the configuration says is checked.
    Checked,
    /// Asked for and made.
    Made,
}

/// The stages, in order. Returns the files, how many routes were rendered
/// afresh, and how many previews were left out.
fn run(
    root: &Path,
    config: Config,
    (load, pdfs): (LoadOptions, Pdfs),
    sink: &Sink,
    cache: &mut SiteCache,
    output: &mut Output,
) -> (usize, usize) {
    let theme = match theme::load(root, &config.theme) {
        Ok(t) => t,
        Err(d) => {
            sink.push(d);
            return (0, 0);
        }
    };
    let mut clock = StageClock::new();
    compile_patterns_beside();
    let keep = cache.keep;
    // Only a build that gets to the end leaves a site for the fast path.
    // The last one is freed beside this build: on the rebuild's own
    // thread, freeing a 10,000-page site held up each of `serve`'s
    // rebuilds for 300-400 ms before it could start loading.
    if let Some(last) = cache.kept.take() {
        free_beside(last);
    }
    // The theme's tables are read beside the pages: the legislation
    // table's YAML (serde-saphyr, 4.5M instructions) was read on the main
    // thread after them, with both cores otherwise idle.
    let (loaded, (requirements, legislation)) = rayon::join(
        || {
            let loading = keep.then_some(&mut cache.loaded);
            charter_load::load_cached(root, load, sink, loading)
        },
        || (theme.requirements(), theme.legislation()),
    );
    let previews_skipped = loaded.previews_skipped;
    clock.lap("load");
    let anchors = CachedAnchors::new(std::mem::take(&mut cache.anchors), keep);
    let inputs = Inputs {
        root: root.to_path_buf(),
        config,
        loaded,
        requirements,
        drafts: load.drafts,
        legislation,
    };
    // The theme's templates are compiled beside the resolve, not after it
    // on one core.
    let (mut site, templates) = rayon::join(
        || charter_resolve::resolve_with(inputs, sink, &anchors),
        || Templates::new(&theme, sink),
    );
    cache.anchors = anchors.into_next();
    clock.lap("resolve");
    let Some(mut templates) = templates else {
        return (0, previews_skipped);
    };
    if pdfs != Pdfs::Off {
        pdfs::check_base_url(&site, sink);
    }
    if pdfs == Pdfs::Made {
        pdfs::add_pdfs(&mut site, &theme, &mut templates, sink, output);
        clock.lap("pdf");
    }
    let site_json = pages::set_site(&site, &mut templates);
    let shared = &templates;
    let ((facts, rendered, keys), made) = rayon::join(
        || pages::render_pages(&site, shared, &site_json, sink, cache, output),
        || outputs::made_beside_pages(&site, shared, sink),
    );
    if !keep {
        // The Markdown is freed before the search index and the generated
        // pages take their memory (6 MB of the standard 1k build's 52 MB
        // peak, heaptrack). `serve` keeps it for its next build.
        let done = pages::done_with_markdown(&site, &facts);
        site.drop_markdown(&done);
    }
    pages::render_generated_pages(&site, &templates, &facts, sink, cache, &keys, output);
    outputs::add_generated(&site, &templates, made, sink, output);
    clock.lap("render");
    tidy::glossary_notes(&site, &facts, sink);
    check::check_html(&site, output.files(), sink, &mut cache.checked, keep);
    clock.lap("check");
    outputs::add_static(&site, &theme, sink, output);
    if keep {
        cache.kept = Some(Kept::new(site, templates));
    } else {
        // Freeing a 10,000-page site takes the main thread tens of
        // milliseconds at the end of the build, with nothing left to
        // wait for: it is freed beside the rest of the build instead.
        free_beside((site, facts, templates));
    }
    (rendered, previews_skipped)
}

/// Compiles the resolve's and the render's regular expressions on a thread
/// of their own, while the pages load: compiled where first used, one
/// rendering thread waited while the other compiled. Nothing waits for
/// this thread; a pattern it has not reached yet is compiled where first
/// used, as before. (Joined with the load instead, a ten-page build waited
/// for it.) Once a process: the patterns are compiled for good, and each
/// of `serve`'s rebuilds started a thread that found them all compiled.
fn compile_patterns_beside() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        // A thread that cannot be made leaves the patterns to be compiled
        // where first used.
        let _ = std::thread::Builder::new().name("charter-patterns".into()).spawn(|| {
            charter_resolve::compile_patterns();
            charter_render::markdown::compile_patterns();
        });
    });
}

/// Frees `value` on a thread of its own, or here when no thread can be
/// made (the closure, and `value` with it, is dropped then).
fn free_beside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().name("charter-free".into()).spawn(move || drop(value));
}

/// Reads `static/` into `files` (for `serve`, which keeps the site in memory).
pub fn read_static_into(root: &Path, files: &mut Files) {
    let mut output = Output::memory();
    output.extend(std::mem::take(files));
    for (rel, source) in outputs::static_copies(root, &output) {
        if let Ok(bytes) = std::fs::read(&source) {
            output.insert(rel, bytes);
        }
    }
    *files = output.finish(root, &[], true).0;
}
