//! The whole pipeline, load → resolve → render → check → write, shared by
//! `build`, `check` and `serve`.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity, Sink, apply_policy};
use crate::render::cache::RenderCache;
use crate::render::{self, Files};

/// What a build was asked to do.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// `check`: validate only, write nothing.
    pub write: bool,
}

/// The outcome of a build.
#[derive(Debug)]
pub struct BuildResult {
    pub diagnostics: Vec<Diagnostic>,
    pub files: Files,
    /// The folder written to, when anything was written.
    pub written: Option<PathBuf>,
    pub pages: usize,
    /// Pages rendered afresh (the rest came from `serve`'s cache).
    pub rendered: usize,
}

impl BuildResult {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
    pub fn has_warnings(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Warning)
    }
}

/// Why a build could not start at all (exit status 2).
#[derive(Debug)]
pub struct Unusable(pub Vec<Diagnostic>);

pub fn build(options: &BuildOptions) -> Result<BuildResult, Unusable> {
    build_cached(options, &mut RenderCache::default())
}

/// `build`, reusing the rendering of unchanged pages from `cache` (serve).
pub fn build_cached(options: &BuildOptions, cache: &mut RenderCache) -> Result<BuildResult, Unusable> {
    let root = &options.root;
    if !root.is_dir() {
        return Err(Unusable(vec![
            Diagnostic::error("config::invalid", format!("{} is not a folder", root.display())).help("pass the site's folder with --root DIR"),
        ]));
    }
    let out = options.out.clone().unwrap_or_else(|| root.join("public"));
    if options.write {
        crate::write::check_output_dir(root, &out).map_err(|d| Unusable(vec![d]))?;
    }
    let mut config = match crate::config::load(root) {
        Ok(c) => c,
        Err(ds) => {
            // A site whose charter.yaml is missing cannot be read at all.
            if !root.join("charter.yaml").exists() {
                return Err(Unusable(ds));
            }
            return Ok(BuildResult { diagnostics: ds, files: Files::new(), written: None, pages: 0, rendered: 0 });
        }
    };
    if let Some(b) = &options.base_url {
        config.base_url = b.clone();
    }
    if !root.join("content").is_dir() {
        return Err(Unusable(vec![
            Diagnostic::error("config::invalid", "this site has no content/ folder")
                .in_file("charter.yaml")
                .help("create content/ with an _index.md, or run `charter init DIR` for a new site"),
        ]));
    }
    let (deny, allow) = (config.diagnostics.deny.clone(), config.diagnostics.allow.clone());
    let sink = Sink::default();
    let (files, rendered) = run(root, config, options.drafts, &sink, cache);
    let pages = files.keys().filter(|k| k.ends_with(".html")).count();
    let mut diagnostics = drop_repeats(group_acronyms(apply_policy(sink.take(), &deny, &allow)));
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code)));
    let mut result = BuildResult { diagnostics, files, written: None, pages, rendered };
    if options.write && !result.has_errors() {
        let mut clock = StageClock::new();
        let copies = static_copies(root, &result.files);
        match crate::write::write_site(&out, &result.files, &copies) {
            Ok(()) => result.written = Some(out),
            Err(d) => result.diagnostics.push(d),
        }
        clock.lap("write");
    }
    Ok(result)
}

fn run(root: &Path, config: Config, drafts: bool, sink: &Sink, cache: &mut RenderCache) -> (Files, usize) {
    let theme = match render::theme::load(root, &config.theme) {
        Ok(t) => t,
        Err(d) => {
            sink.push(d);
            return (Files::new(), 0);
        }
    };
    let mut clock = StageClock::new();
    let keep = cache.keep;
    // Only a build that gets to the end leaves a site for the fast path.
    cache.kept = None;
    let loaded = crate::load::load_cached(root, &config, crate::load::LoadOptions { drafts }, sink, keep.then_some(&mut cache.loaded));
    clock.lap("load");
    let mut site = crate::resolve::resolve_cached(root.to_path_buf(), config, loaded, drafts, sink, &mut cache.anchors, cache.keep);
    clock.lap("resolve");
    site.requirements = render::context::requirements(&theme);
    let Some(mut templates) = render::Templates::new(&theme, sink) else {
        return (Files::new(), 0);
    };
    let (mut files, facts, rendered) = render::render_site_cached(&site, &mut templates, sink, cache);
    clock.lap("render");
    glossary_notes(&site, &facts, sink);
    crate::check::check_html(&site, &files, sink, &mut cache.checked, cache.keep);
    clock.lap("check");
    for (path, bytes) in &theme.statics {
        files.insert(path.clone(), bytes.clone());
    }
    files.insert("highlight.css".into(), render::markdown::highlight_css().as_bytes().to_vec());
    for asset in &site.content_assets {
        let url = crate::write::asset_url(asset);
        // A file in content/ never silently replaces a page or a file
        // charter writes (a stray content/sitemap.xml, say).
        if files.contains_key(&url) || render::generated::clashes(&files, &url) {
            sink.push(
                Diagnostic::error(
                    "content::slug-collision",
                    format!("content/{asset} would be published at /{url}, where the site already has a page or file"),
                )
                .in_file(format!("content/{asset}"))
                .help("rename or move the file"),
            );
            continue;
        }
        if let Ok(bytes) = std::fs::read(root.join("content").join(asset)) {
            files.insert(url, bytes);
        }
    }
    // A page whose address is a file's name ("content/sitemap.xml.md") would
    // need a folder where a file is.
    let keys: Vec<String> = files.keys().cloned().collect();
    for k in &keys {
        let folder = format!("{k}/");
        let Some(child) = files.range(folder.clone()..).next().map(|(c, _)| c.clone()).filter(|c| c.starts_with(&folder)) else { continue };
        let url = child.strip_suffix("index.html").unwrap_or(&child);
        let source = site.structure.by_url.get(url).map(|&i| site.pages[site.structure.routes[i].page.0].file.clone());
        let mut d = Diagnostic::error("content::slug-collision", format!("/{child} cannot be written: /{k} is a file the site publishes"))
            .help("rename the page so its address does not start with the name of a file, e.g. sitemap.xml");
        if let Some(f) = source {
            d = d.at(f, 1, 1);
        }
        sink.push(d);
    }
    if keep {
        cache.kept = Some(crate::render::cache::Kept { site, templates });
    }
    (files, rendered)
}

/// `serve`'s fast path for the commonest edit: the text of one page
/// changed and its frontmatter did not. Renders that page's routes from
/// the last full build's site, so the browser can reload at once; the full
/// (cached) rebuild that follows brings everything that depends on the
/// page (print page, search index, glossary "Used in", pages linking to
/// a changed heading) up to date. `None` when the edit is anything else,
/// or when the page now has an error: the full rebuild reports it.
pub fn render_edit(changed: &Path, cache: &mut RenderCache) -> Option<Vec<(String, Vec<u8>)>> {
    let kept = cache.kept.as_mut()?;
    let root = kept.site.root.clone();
    let canonical_root = root.canonicalize().ok()?;
    let changed = changed.canonicalize().ok()?;
    let rel = crate::diagnostics::display_path(&canonical_root, &changed);
    let id = kept.site.pages.iter().position(|p| p.file == rel)?;
    let old = &kept.site.pages[id];
    let sink = Sink::default();
    let new = crate::load::reread_page(&root, &old.file, &cache.loaded, &sink)?;
    let same_place = new.kind == old.kind && new.role == old.role && format!("{:?}", new.frontmatter) == format!("{:?}", old.frontmatter);
    if !same_place || sink.has_errors() {
        return None;
    }
    let page = &mut kept.site.pages[id];
    page.body = new.body;
    page.body_line = new.body_line;
    kept.site.anchors[id] = render::markdown::anchors(&kept.site.pages[id], None);
    let site = &kept.site;
    let shortcodes = render::Shortcodes { templates: &kept.templates, data: &site.data };
    let mut out = Vec::new();
    for (i, route) in site.structure.routes.iter().enumerate() {
        if route.page.0 != id || site.structure.by_url.get(&route.url) != Some(&i) {
            continue;
        }
        let (html, _) = render::render_route(site, &kept.templates, &shortcodes, route, &sink);
        out.push((format!("{}index.html", route.url), html?.into_bytes()));
    }
    if sink.has_errors() || out.is_empty() {
        return None;
    }
    Some(out)
}

/// Stage timings on standard error when CHARTER_TIMINGS is set, for
/// profiling without a profiler.
/// Beside wall time each lap gives the CPU time the process spent (on
/// Linux), so a stage that leaves a core idle shows up as cpu < 2 × wall.
pub(crate) struct StageClock {
    enabled: bool,
    last: std::time::Instant,
    last_cpu: Option<u64>,
}

impl StageClock {
    pub(crate) fn new() -> StageClock {
        StageClock { enabled: std::env::var_os("CHARTER_TIMINGS").is_some(), last: std::time::Instant::now(), last_cpu: cpu_ms() }
    }
    pub(crate) fn lap(&mut self, stage: &str) {
        if self.enabled {
            let cpu = cpu_ms();
            let spent = cpu.zip(self.last_cpu).map(|(now, then)| format!(" (cpu {} ms)", now.saturating_sub(then))).unwrap_or_default();
            eprintln!("timing: {stage} {} ms{spent}", self.last.elapsed().as_millis());
            self.last_cpu = cpu;
        }
        self.last = std::time::Instant::now();
    }
}

/// User plus system time of this process so far, from /proc (clock ticks
/// are 10 ms on Linux).
fn cpu_ms() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some((user + system) * 10)
}

/// Reads `static/` into `files` (for `serve`, which keeps the site in memory).
pub fn read_static_into(root: &Path, files: &mut Files) {
    for (rel, source) in static_copies(root, files) {
        if let Ok(bytes) = std::fs::read(&source) {
            files.insert(rel, bytes);
        }
    }
}

/// Files under `static/` are copied as they are, without reading them
/// into memory first.
fn static_copies(root: &Path, files: &Files) -> Vec<(String, PathBuf)> {
    let dir = root.join("static");
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for e in walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name().into_iter().flatten() {
        if !e.file_type().is_file() {
            continue;
        }
        let Ok(real) = e.path().canonicalize() else {
            continue;
        };
        if !real.starts_with(&canonical_root) {
            continue;
        }
        if let Ok(rel) = e.path().strip_prefix(&dir) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            if !files.contains_key(&rel) {
                out.push((rel, e.path().to_path_buf()));
            }
        }
    }
    out
}

fn glossary_notes(site: &crate::resolve::Site, facts: &render::Facts, sink: &Sink) {
    for (i, e) in site.glossary.entries.iter().enumerate() {
        if !facts.term_uses.contains_key(&i) {
            sink.push(
                Diagnostic::note("glossary::unused", format!("`{}` is never used on the site", e.term))
                    .at(crate::load::glossary::FILE, e.line, 1)
                    .help("keep it if readers may look it up; otherwise remove it from the glossary"),
            );
        }
    }
}

/// The final-HTML checks find again what the Markdown stage already
/// reported with a line; keep the placed one only.
fn drop_repeats(items: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let placed: std::collections::BTreeSet<(&'static str, Option<String>)> =
        items.iter().filter(|d| d.line > 0 && d.code.starts_with("a11y::")).map(|d| (d.code, d.file.clone())).collect();
    items.into_iter().filter(|d| d.line > 0 || !d.code.starts_with("a11y::") || !placed.contains(&(d.code, d.file.clone()))).collect()
}

/// One `glossary::undefined-acronym` per word, listing every place it is used.
fn group_acronyms(items: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut words: std::collections::BTreeMap<String, (Diagnostic, Vec<String>)> = std::collections::BTreeMap::new();
    for d in items {
        if d.code == "glossary::undefined-acronym" {
            let word = d.message.split('`').nth(1).unwrap_or("").to_string();
            let place = format!("{}:{}", d.file.clone().unwrap_or_default(), d.line);
            match words.get_mut(&word) {
                Some((_, places)) => places.push(place),
                None => {
                    words.insert(word, (d, vec![place]));
                }
            }
        } else {
            out.push(d);
        }
    }
    for (_, (mut d, places)) in words {
        if places.len() > 1 {
            d.message = format!("{} (used {} times: {})", d.message, places.len(), places.join(", "));
        }
        out.push(d);
    }
    out
}
