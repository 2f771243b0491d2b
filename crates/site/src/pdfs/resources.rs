//! What Chromium may load while it prints: the document's own page and the
//! site's files (theme, highlighting, `static/`, content assets), all from
//! the build, by URL. Anything else fails, so nothing is fetched from the
//! network.

use std::collections::BTreeMap;
use std::path::PathBuf;

use charter_core::urls::asset_url;
use charter_load::theme::Theme;
use charter_pdf::{Resource, Resources};
use charter_render::markdown;
use charter_resolve::Site;

use crate::outputs::static_copies;

/// Where pages are loaded from when `base_url` has no host: a name that
/// can never resolve, stripped from the PDF's links again.
pub(crate) const NO_ORIGIN: &str = "https://charter.invalid";

/// The site's files by URL path (below the base path), and the pages to
/// print by absolute URL.
pub(crate) struct SiteResources {
    /// The absolute URL of the site's root, ending in `/`.
    root: String,
    pages: BTreeMap<String, String>,
    in_memory: BTreeMap<String, Vec<u8>>,
    on_disk: BTreeMap<String, PathBuf>,
}

impl SiteResources {
    pub(crate) fn new(site: &Site, theme: &Theme) -> SiteResources {
        let mut in_memory: BTreeMap<String, Vec<u8>> = theme.statics.clone();
        in_memory.insert("highlight.css".into(), markdown::highlight_css().as_bytes().to_vec());
        let mut on_disk: BTreeMap<String, PathBuf> =
            static_copies(&site.root, &crate::output::Output::discard()).into_iter().collect();
        for asset in &site.content_assets {
            on_disk.insert(asset_url(asset), site.root.join("content").join(asset));
        }
        SiteResources { root: absolute_root(site), pages: BTreeMap::new(), in_memory, on_disk }
    }

    /// The absolute URL `url` (site-relative) is loaded from.
    pub(crate) fn absolute(&self, url: &str) -> String {
        format!("{}{url}", self.root)
    }

    /// Serves `html` at `absolute_url`.
    pub(crate) fn add_page(&mut self, absolute_url: String, html: String) {
        self.pages.insert(absolute_url, html);
    }
}

/// The site's root as an absolute URL: `base_url`, or a name that cannot
/// resolve followed by its path when `base_url` is only a path.
pub(crate) fn absolute_root(site: &Site) -> String {
    let base = site.config.absolute_base();
    if base.contains("://") { base } else { format!("{NO_ORIGIN}{}", site.base_path) }
}

impl Resources for SiteResources {
    fn get(&self, url: &str) -> Option<Resource> {
        let url = url.split(['#', '?']).next().unwrap_or(url);
        if let Some(html) = self.pages.get(url) {
            return Some(Resource {
                bytes: html.clone().into_bytes(),
                content_type: "text/html; charset=utf-8".into(),
            });
        }
        let path = url.strip_prefix(&self.root)?;
        let path = percent_decode(path);
        let bytes = match self.in_memory.get(&path) {
            Some(b) => b.clone(),
            None => std::fs::read(self.on_disk.get(&path)?).ok()?,
        };
        Some(Resource { bytes, content_type: content_type(&path).into() })
    }
}

/// `%20` and the like decoded, as file names are written.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "html" | "htm" => "text/html; charset=utf-8",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_decode_and_types_follow_the_extension() {
        assert_eq!(
            percent_decode("reports/annual%20report/chart.svg"),
            "reports/annual report/chart.svg"
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("a/b/Logo.PNG"), "image/png");
    }
}
