//! Checks on the final HTML of every page, theme included: the things
//! that can only be seen once templates and content are put together.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;

use crate::diagnostics::{Diagnostic, Sink};
use crate::render::Files;
use crate::resolve::Site;

static ID_ATTR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\sid="([^"]*)""#).expect("valid regex"));
static HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<h([1-6])[\s>]").expect("valid regex"));

/// Which source file a page of output came from, for diagnostics.
fn source_of(site: &Site, path: &str) -> String {
    let url = path.strip_suffix("index.html").unwrap_or(path);
    match site.structure.by_url.get(url) {
        Some(&i) => site.pages[site.structure.routes[i].page.0].file.clone(),
        None => format!("(generated page /{url})"),
    }
}

pub fn check_html(site: &Site, files: &Files, sink: &Sink, cache: &mut std::collections::HashMap<String, (u64, Vec<Diagnostic>)>, keep: bool) {
    let previous = &*cache;
    let results: Vec<(String, u64, Vec<Diagnostic>)> = files
        .par_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(path, bytes)| {
            let key = if keep { crate::render::cache::hash_of(bytes) } else { 0 };
            if let Some((k, d)) = previous.get(path)
                && *k == key
            {
                return (path.clone(), key, d.clone());
            }
            let local = Sink::default();
            check_page(site, path, bytes, &local);
            (path.clone(), key, local.take())
        })
        .collect();
    cache.clear();
    for (path, key, ds) in results {
        sink.extend(ds.iter().cloned());
        if keep {
            cache.insert(path, (key, ds));
        }
    }
}

fn check_page(site: &Site, path: &str, bytes: &[u8], sink: &Sink) {
    {
        // charter wrote this HTML itself, so it is UTF-8.
        let html = std::str::from_utf8(bytes).unwrap_or_default();
        if html.contains("http-equiv=\"refresh\"") {
            return;
        }
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for c in ID_ATTR.captures_iter(html) {
            *seen.entry(c.get(1).map(|m| m.as_str()).unwrap_or("")).or_default() += 1;
        }
        for (id, n) in seen.iter().filter(|(_, n)| **n > 1) {
            sink.push(
                Diagnostic::warning("a11y::duplicate-id", format!("the id `{id}` appears {n} times on /{path}"))
                    .in_file(source_of(site, path))
                    .help("give each heading or anchor its own id: change one of the `{#id}` attributes or raw HTML ids"),
            );
        }
        let h1 = HEADING.captures_iter(html).filter(|c| &c[1] == "1").count();
        if h1 != 1 {
            sink.push(
                Diagnostic::warning("a11y::heading-skip", format!("/{path} has {h1} level-1 headings; a page needs exactly one"))
                    .in_file(source_of(site, path))
                    .help("the page title is the <h1>: start headings in the text at ##"),
            );
        }
        // The same checks as on the Markdown, now over the theme's markup too.
        // Problems the Markdown stage already placed on a line are not
        // repeated (see `pipeline::drop_repeats`).
        let file = source_of(site, path);
        let mut levels = HEADING.captures_iter(html).filter_map(|c| c[1].parse::<u8>().ok());
        if let Some(mut last) = levels.next() {
            for level in levels {
                if level > last + 1 {
                    sink.push(
                        Diagnostic::warning("a11y::heading-skip", format!("/{path} jumps from heading level {last} to {level}"))
                            .in_file(file.clone())
                            .help("use the next heading level down, in the Markdown or in the template"),
                    );
                    break;
                }
                last = level;
            }
        }
        for img in IMG.find_iter(html) {
            if !img.as_str().contains(" alt=") {
                sink.push(
                    Diagnostic::error("a11y::img-alt", format!("an image on /{path} has no alt attribute"))
                        .in_file(file.clone())
                        .help("give the image alt text, in the Markdown or in the template"),
                );
            }
        }
        for a in LINK.captures_iter(html) {
            let attrs = &a[1];
            let text = crate::render::text_of(&a[2]);
            if text.trim().is_empty() && !attrs.contains("aria-label") && !a[2].contains(" alt=\"") {
                sink.push(
                    Diagnostic::warning("a11y::empty-link", format!("a link on /{path} has no text"))
                        .in_file(file.clone())
                        .help("give the link words that say where it goes"),
                );
            }
        }
        for table in TABLE.find_iter(html) {
            if !table.as_str().contains("<th") {
                sink.push(
                    Diagnostic::warning("a11y::table-no-header", format!("a table on /{path} has no header cells"))
                        .in_file(file.clone())
                        .help("give the table a header row"),
                );
            }
        }
    }
}

static IMG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?is)<img\b[^>]*>").expect("valid regex"));
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?is)<a\b([^>]*)>(.*?)</a>").expect("valid regex"));
static TABLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?is)<table\b.*?</table>").expect("valid regex"));
