//! Links and images: `@/` and `.md` links resolved and checked, private
//! hosts flagged, link text and alt text checked, raw HTML screened.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use regex::Regex;

use super::text::XREF_MARK;
use super::{Ev, Lines, RenderOptions};
use crate::config::RawHtmlPolicy;
use crate::diagnostics::{Diagnostic, Severity};
use crate::resolve::links::{LinkOutcome, Linker};

/// Link texts that say nothing out of context (WCAG 2.4.4).
const VAGUE: &[&str] =
    &["click here", "here", "read more", "more", "link", "this link", "click", "this", "more info", "more information", "find out more", "see more"];

pub(super) fn resolve<'a>(events: Vec<Ev<'a>>, linker: &Linker<'_>, options: &RenderOptions<'_>, lines: &Lines, file: &str) -> Vec<Ev<'a>> {
    let mut out = Vec::with_capacity(events.len());
    // Index in `out` of the open link or image, and whether it is an image.
    let mut open: Option<(usize, bool)> = None;
    let mut inner_text = String::new();
    let mut inner_html = false;
    for (event, range) in events {
        let line = || lines.line(range.start);
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = if id.as_ref() == XREF_MARK {
                    dest_url
                } else {
                    match linker.link(&dest_url) {
                        LinkOutcome::Ok(href) => CowStr::Boxed(href.into_boxed_str()),
                        LinkOutcome::Broken(message) => {
                            report(options, Diagnostic::error("link::broken", format!("broken link: {message}")).at(file, line(), 1).help(
                                "link to a page by its path under content/, e.g. [text](@/about/partners/) or [text](@/arrangements/masa/#section-7)",
                            ));
                            dest_url
                        }
                        LinkOutcome::PrivateHost(host) => {
                            report(
                                options,
                                Diagnostic::warning("link::private-host", format!("`{host}` can only be reached inside your organisation"))
                                    .at(file, line(), 1)
                                    .help("the public cannot follow this link: publish the document and link to the public copy"),
                            );
                            dest_url
                        }
                    }
                };
                open = Some((out.len(), false));
                inner_text.clear();
                inner_html = false;
                out.push((Event::Start(Tag::Link { link_type, dest_url, title, id: CowStr::Borrowed("") }), range));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = match linker.link(&dest_url) {
                    LinkOutcome::Ok(href) => CowStr::Boxed(asset_href(linker, &href).into_boxed_str()),
                    _ => dest_url,
                };
                open = Some((out.len(), true));
                inner_text.clear();
                inner_html = false;
                out.push((Event::Start(Tag::Image { link_type, dest_url, title, id }), range));
            }
            Event::End(TagEnd::Link) => {
                if open.is_some_and(|(_, image)| !image) {
                    let t = inner_text.trim().to_lowercase();
                    if t.is_empty() && !inner_html {
                        report(
                            options,
                            Diagnostic::warning("a11y::empty-link", "this link has no text, so screen readers cannot say where it goes")
                                .at(file, line(), 1)
                                .help("put words between the brackets: [where it goes](...)"),
                        );
                    } else if VAGUE.contains(&t.trim_end_matches(['.', '!', ':'])) {
                        report(
                            options,
                            Diagnostic::warning(
                                "a11y::vague-link-text",
                                format!("the link text \"{}\" does not say where it goes", inner_text.trim()),
                            )
                            .at(file, line(), 1)
                            .help("name the destination: [the 2025 annual report](...) rather than [click here](...)"),
                        );
                    }
                }
                open = None;
                out.push((Event::End(TagEnd::Link), range));
            }
            Event::End(TagEnd::Image) => {
                if open.is_some_and(|(_, image)| image) && inner_text.trim().is_empty() {
                    report(options, Diagnostic::error("a11y::img-alt", "this image has no alt text").at(file, line(), 1).help(
                        "describe the image between the brackets: ![A bar chart of referrals by month](chart.png); for a purely decorative image use raw HTML with alt=\"\"",
                    ));
                }
                open = None;
                out.push((Event::End(TagEnd::Image), range));
            }
            Event::Text(ref t) | Event::Code(ref t) if open.is_some() => {
                inner_text.push_str(t);
                out.push((event, range));
            }
            Event::Html(ref h) | Event::InlineHtml(ref h) => {
                if open.is_some() {
                    inner_html = true;
                }
                check_raw_html(h, linker, options, line(), file);
                out.push((event, range));
            }
            other => out.push((other, range)),
        }
    }
    out
}

/// A relative image path is relative to the Markdown file's folder, which
/// is not the page's URL for appendices: make it site-rooted.
fn asset_href(linker: &Linker<'_>, href: &str) -> String {
    if href.contains(':') || href.starts_with('/') || href.starts_with('#') {
        return href.to_string();
    }
    let page = &linker.site.pages[linker.page.0];
    let dir = page.content_path.rfind('/').map(|i| &page.content_path[..i]).unwrap_or("");
    let joined = if dir.is_empty() { href.to_string() } else { format!("{dir}/{href}") };
    linker.site.href(&crate::write::asset_url(&joined))
}

fn report(options: &RenderOptions<'_>, d: Diagnostic) {
    if let Some(sink) = options.sink {
        sink.push(d);
    }
}

static IMG_TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?is)<img\b[^>]*>").expect("valid regex"));
static ALT_ATTR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(?is)\salt\s*(=|\s|/?>)"#).expect("valid regex"));
static SCRIPTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<\s*(script|iframe|object|embed)\b|\son[a-z]+\s*=|javascript\s*:|<\s*style\b|\sstyle\s*="#).expect("valid regex")
});

fn check_raw_html(html: &str, linker: &Linker<'_>, options: &RenderOptions<'_>, line: usize, file: &str) {
    for tag in IMG_TAG.find_iter(html) {
        if !ALT_ATTR.is_match(tag.as_str()) {
            report(
                options,
                Diagnostic::error("a11y::img-alt", "this <img> has no alt attribute")
                    .at(file, line, 1)
                    .help("add alt=\"a description of the image\", or alt=\"\" if the image is purely decorative"),
            );
        }
    }
    let policy = linker.site.config.markdown.raw_html;
    if policy == RawHtmlPolicy::Allow {
        return;
    }
    if let Some(m) = SCRIPTY.find(html) {
        let severity = if policy == RawHtmlPolicy::Deny { Severity::Error } else { Severity::Warning };
        report(
            options,
            Diagnostic::new(
                severity,
                "security::raw-html",
                format!("raw HTML with `{}` can run script or break the site's Content-Security-Policy", m.as_str().trim()),
            )
            .at(file, line, 1)
            .help("remove it: write the content in Markdown; if the site really needs it, set `markdown: { raw_html: allow }` in charter.yaml"),
        );
    }
}
