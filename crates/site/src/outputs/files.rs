//! Files that share the output with pages: redirects, content assets and
//! static files, none of which may take a page's place.

use std::path::{Path, PathBuf};

use charter_core::urls::asset_url;
use charter_core::{Code, Diagnostic, Sink};
use charter_render::{Templates, render_redirect};
use charter_resolve::Site;

use crate::output::Output;

/// A redirect page for each alias that does not land on a published file.
pub(super) fn redirects(site: &Site, templates: &Templates, files: &mut Output, sink: &Sink) {
    for r in &site.redirects {
        if files.contains(&r.path) || files.clashes(&r.path) {
            let p = site.page(r.page);
            sink.push(
                Diagnostic::error(
                    Code::ContentSlugCollision,
                    format!("the alias `{}` is the address of a page or a file the site publishes, so it cannot redirect", r.alias),
                )
                .at(&p.file, p.key_line("aliases"), 1)
                .help("remove the alias, or move the other page"),
            );
            continue;
        }
        if let Some(html) = render_redirect(site, templates, r, sink) {
            files.insert(r.path.clone(), html.into_bytes());
        }
    }
}

/// Files in `content/` that are not Markdown, at their folder's URL. One
/// never silently replaces a page or a file charter writes (a stray
/// `content/sitemap.xml`, say).
pub(super) fn content_assets(site: &Site, files: &mut Output, sink: &Sink) {
    for asset in &site.content_assets {
        let url = asset_url(asset);
        if files.contains(&url) || files.clashes(&url) {
            sink.push(
                Diagnostic::error(
                    Code::ContentSlugCollision,
                    format!("content/{asset} would be published at /{url}, where the site already has a page or file"),
                )
                .in_file(format!("content/{asset}"))
                .help("rename or move the file"),
            );
            continue;
        }
        if let Ok(bytes) = std::fs::read(site.root.join("content").join(asset)) {
            files.insert(url, bytes);
        }
    }
}

/// A page whose address is a file's name ("content/sitemap.xml.md") would
/// need a folder where a file is.
pub(super) fn folders_over_files(site: &Site, files: &Output, sink: &Sink) {
    let paths = files.paths();
    let mut folder = String::new();
    for k in &paths {
        folder.clear();
        folder.push_str(k);
        folder.push('/');
        let Some(child) = paths.range(folder.as_str()..).next().filter(|c| c.starts_with(&folder))
        else {
            continue;
        };
        let url = child.strip_suffix("index.html").unwrap_or(child);
        let mut d = Diagnostic::error(
            Code::ContentSlugCollision,
            format!("/{child} cannot be written: /{k} is a file the site publishes"),
        )
        .help("rename the page so its address does not start with the name of a file, e.g. sitemap.xml");
        if let Some(route) = site.structure().route_at(url) {
            d = d.at(&site.page(route.page).file, 1, 1);
        }
        sink.push(d);
    }
}

/// Files under `static/`, copied as they are without reading them into
/// memory first: output path → source file. Links that leave the site are
/// not followed.
pub(crate) fn static_copies(root: &Path, files: &Output) -> Vec<(String, PathBuf)> {
    let dir = root.join("static");
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for e in
        walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name().into_iter().flatten()
    {
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
            if !files.contains(&rel) {
                out.push((rel, e.path().to_path_buf()));
            }
        }
    }
    out
}
