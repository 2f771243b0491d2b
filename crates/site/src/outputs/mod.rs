//! The files a site publishes beside its pages: sitemap, feed, robots.txt,
//! the 404 page, redirects for aliases, Open Referral data, the search
//! index, the theme's and the site's static files and content assets, and
//! the web host's own files (`host:`).

mod feed;
mod files;
pub(crate) mod hosting;
mod open_referral;
pub(crate) mod search;
mod sitemap;

use charter_core::Sink;
use charter_load::theme::Theme;
use charter_render::{Templates, markdown, render_not_found};
use charter_resolve::Site;

use crate::output::Output;

pub(crate) use files::static_copies;
pub(crate) use hosting::with_meta_policy;

/// The files charter makes from the site alone: 404 page, Open Referral
/// data, sitemap, feed and robots.txt. Made while the pages are rendered:
/// after them, on one core, they kept the other idle for 7 ms of a
/// 10,000-page build.
pub(crate) fn made_beside_pages(
    site: &Site,
    templates: &Templates,
    sink: &Sink,
) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    if let Some(html) = render_not_found(site, templates, sink) {
        files.push(("404.html".into(), html.into_bytes()));
    }
    open_referral::add(site, &mut files);
    files.push(("sitemap.xml".into(), sitemap::sitemap(site).into_bytes()));
    files.push(("feed.xml".into(), feed::feed(site).into_bytes()));
    let robots = format!("User-agent: *\nAllow: /\nSitemap: {}\n", site.permalink("sitemap.xml"));
    files.push(("robots.txt".into(), robots.into_bytes()));
    files
}

/// Adds the files [`made_beside_pages`] made, then the redirects. Files
/// charter always writes go in before redirects, so an alias cannot take
/// their place.
pub(crate) fn add_generated(
    site: &Site,
    templates: &Templates,
    made: Vec<(String, Vec<u8>)>,
    sink: &Sink,
    files: &mut Output,
) {
    for (path, bytes) in made {
        files.insert(path, bytes);
    }
    files::redirects(site, templates, files, sink);
}

/// Adds the theme's static files, the highlighter's stylesheet and the
/// assets under `content/`, after the final-HTML checks (which are for
/// what charter wrote).
pub(crate) fn add_static(site: &Site, theme: &Theme, sink: &Sink, files: &mut Output) {
    for (path, bytes) in &theme.statics {
        files.insert(path.clone(), bytes.clone());
    }
    files.insert("highlight.css".into(), markdown::highlight_css().as_bytes().to_vec());
    files::content_assets(site, files, sink);
    files::folders_over_files(site, files, sink);
    hosting::add(site, files);
}
