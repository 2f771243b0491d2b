//! Links and images: `@/` and `.md` links resolved and checked, private
//! hosts flagged, link text and alt text checked, raw HTML screened.

use std::sync::LazyLock;

use charter_core::config::RawHtmlPolicy;
use charter_core::urls::{asset_url, unsafe_url, urls_in_attribute};
use charter_core::{Code, Diagnostic, Fact, Severity};
use charter_resolve::anchors::{Ev, Lines};
use charter_resolve::{LinkOutcome, Linker};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use regex::Regex;

use super::options::RenderOptions;
use super::text::XREF_MARK;

/// Link texts that say nothing out of context (WCAG 2.4.4).
const VAGUE: &[&str] = &[
    "click here",
    "here",
    "read more",
    "more",
    "link",
    "this link",
    "click",
    "this",
    "more info",
    "more information",
    "find out more",
    "see more",
];

/// The link or image being read: its kind and the text inside it.
struct Open {
    image: bool,
    text: String,
    html: bool,
}

/// Runs the pass.
pub(super) fn resolve<'a>(
    events: Vec<Ev<'a>>,
    linker: &Linker<'_>,
    options: &RenderOptions<'_>,
    lines: &Lines<'_>,
    file: &str,
) -> Vec<Ev<'a>> {
    let pass = LinkPass { linker, options, file };
    let mut out = Vec::with_capacity(events.len());
    let mut open: Option<Open> = None;
    for (event, range) in events {
        // Where the event is written, worked out only for a diagnostic.
        let line = Place { lines, range: range.clone() };
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = if id.as_ref() == XREF_MARK {
                    dest_url
                } else if !pass.is_safe(&dest_url, "link", &line) {
                    CowStr::Borrowed("#")
                } else {
                    pass.link(dest_url, &line)
                };
                open = Some(Open { image: false, text: String::new(), html: false });
                let tag = Tag::Link { link_type, dest_url, title, id: CowStr::Borrowed("") };
                out.push((Event::Start(tag), range));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = match linker.link(&dest_url) {
                    _ if !pass.is_safe(&dest_url, "image", &line) => CowStr::Borrowed("#"),
                    LinkOutcome::Ok(href) => {
                        CowStr::Boxed(asset_href(linker, &href).into_boxed_str())
                    }
                    _ => dest_url,
                };
                open = Some(Open { image: true, text: String::new(), html: false });
                out.push((Event::Start(Tag::Image { link_type, dest_url, title, id }), range));
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                if let Some(o) = open.take() {
                    pass.check_text(&o, &line);
                }
                out.push((Event::End(end), range));
            }
            Event::Text(ref t) | Event::Code(ref t) if open.is_some() => {
                if let Some(o) = &mut open {
                    o.text.push_str(t);
                }
                out.push((event, range));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                if let Some(o) = &mut open {
                    o.html = true;
                }
                out.push((event, range));
            }
            other => out.push((other, range)),
        }
    }
    out
}

/// Screens the raw HTML of freshly parsed Markdown: what can run script
/// is reported and, unless allowed, shown as text. It runs before any pass
/// adds HTML of charter's own (paragraph ids, term and statute links), so
/// only what the author wrote is screened. Returns whether any was refused.
pub(super) fn screen_html(
    events: &mut [Ev<'_>],
    linker: &Linker<'_>,
    options: &RenderOptions<'_>,
    lines: &Lines<'_>,
    file: &str,
) -> bool {
    let mut refused = false;
    for (event, range) in events.iter_mut() {
        let (Event::Html(h) | Event::InlineHtml(h)) = event else {
            continue;
        };
        let place = Place { lines, range: range.clone() };
        if !check_raw_html(h, linker, options, &place, file) {
            // Refused HTML is shown as text, never run.
            *event = Event::Text(h.clone());
            refused = true;
        }
    }
    refused
}

/// Where an event is written: its line, column and width, worked out when
/// a diagnostic needs them.
struct Place<'l, 't> {
    lines: &'l Lines<'t>,
    range: std::ops::Range<usize>,
}

impl Place<'_, '_> {
    fn get(&self) -> (usize, usize, usize) {
        let (line, column) = self.lines.point(self.range.start);
        (line, column, self.lines.width(&self.range))
    }
}

/// What the pass needs to resolve and report.
struct LinkPass<'a, 'o> {
    linker: &'a Linker<'a>,
    options: &'a RenderOptions<'o>,
    file: &'a str,
}

impl LinkPass<'_, '_> {
    /// Whether a destination is safe to publish; an error when it could
    /// run script.
    fn is_safe(&self, dest: &str, what: &str, place: &Place<'_, '_>) -> bool {
        let Some(scheme) = unsafe_url(dest) else {
            return true;
        };
        let (line, column, width) = place.get();
        report(
            self.options,
            unsafe_url_error(scheme.as_str(), what).at(self.file, line, column).spanning(width),
        );
        false
    }

    /// A link's destination resolved, or kept as written with a diagnostic.
    fn link<'e>(&self, dest_url: CowStr<'e>, place: &Place<'_, '_>) -> CowStr<'e> {
        let outcome = self.linker.link(&dest_url);
        if let LinkOutcome::Ok(href) = outcome {
            return CowStr::Boxed(href.into_boxed_str());
        }
        let (line, column, width) = place.get();
        match outcome {
            LinkOutcome::Ok(href) => CowStr::Boxed(href.into_boxed_str()),
            LinkOutcome::Broken(message) => {
                report(
                    self.options,
                    Diagnostic::error(Code::LinkBroken, format!("broken link: {message}"))
                        .at(self.file, line, column)
                        .spanning(width)
                        .help("link to a page by its path under content/, e.g. [text](@/about/partners/) or [text](@/arrangements/masa/#section-7)"),
                );
                dest_url
            }
            LinkOutcome::PrivateHost(host) => {
                report(
                    self.options,
                    Diagnostic::warning(Code::LinkPrivateHost, format!("`{host}` can only be reached inside your organisation"))
                        .at(self.file, line, column)
                        .spanning(width)
                        .help("the public cannot follow this link: publish the document and link to the public copy"),
                );
                dest_url
            }
            LinkOutcome::Unchecked(target) => {
                // The page is there but failed to load: its error is
                // reported; this link is counted in one note about it.
                report(
                    self.options,
                    Diagnostic::note(
                        Code::LinkUnchecked,
                        format!("this link to {target} was not checked: it failed to load"),
                    )
                    .at(self.file, line, column)
                    .spanning(width)
                    .help("fix the error that stopped it loading")
                    .with_fact(Fact::Unchecked { file: target.clone(), reference: false }),
                );
                let key = charter_core::urls::content_key(target.trim_start_matches("content/"));
                CowStr::Boxed(self.linker.site.href(&format!("{key}/")).into_boxed_str())
            }
        }
    }

    /// A link must say where it goes; an image must say what it shows.
    fn check_text(&self, open: &Open, place: &Place<'_, '_>) {
        let t = open.text.trim().to_lowercase();
        let d = if open.image {
            if !t.is_empty() {
                return;
            }
            Diagnostic::error(Code::A11yImgAlt, "this image has no alt text").help(
                "describe the image between the brackets: ![A bar chart of referrals by month](chart.png); for a purely decorative image use raw HTML with alt=\"\"",
            )
        } else if t.is_empty() && !open.html {
            Diagnostic::warning(
                Code::A11yEmptyLink,
                "this link has no text, so screen readers cannot say where it goes",
            )
            .help("put words between the brackets: [where it goes](...)")
        } else if VAGUE.contains(&t.trim_end_matches(['.', '!', ':'])) {
            Diagnostic::warning(
                Code::A11yVagueLinkText,
                format!("the link text \"{}\" does not say where it goes", open.text.trim()),
            )
            .help(
                "name the destination: [the 2025 annual report](...) rather than [click here](...)",
            )
        } else {
            return;
        };
        let (line, column, width) = place.get();
        report(self.options, d.at(self.file, line, column).spanning(width));
    }
}

/// A relative image path is relative to the Markdown file's folder, which
/// is not the page's URL for appendices: make it site-rooted.
fn asset_href(linker: &Linker<'_>, href: &str) -> String {
    if href.contains(':') || href.starts_with('/') || href.starts_with('#') {
        return href.to_string();
    }
    let page = linker.site.page(linker.page);
    let dir = page.content_path.rfind('/').map(|i| &page.content_path[..i]).unwrap_or("");
    let joined = if dir.is_empty() { href.to_string() } else { format!("{dir}/{href}") };
    linker.site.href(&asset_url(&joined))
}

fn report(options: &RenderOptions<'_>, d: Diagnostic) {
    if let Some(sink) = options.sink {
        sink.push(d);
    }
}

static IMG_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<img\b[^>]*>").expect("valid regex"));
static ALT_ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?is)\salt\s*(=|\s|/?>)"#).expect("valid regex"));
/// Raw HTML that can run script: script-like elements and event handlers.
static SCRIPTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<\s*(script|iframe|frame|frameset|object|embed|applet|base|meta)\b|\s(on[a-z]+|srcdoc)\s*="#)
        .expect("valid regex")
});
/// Inline styles, which the site's Content-Security-Policy blocks.
static STYLED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?is)<\s*style\b|\sstyle\s*="#).expect("valid regex"));
static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)\s([^\s"'<>/=]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'<>`=]+)"#).expect("valid regex")
});

/// The error for a script-capable URL.
fn unsafe_url_error(scheme: &str, what: &str) -> Diagnostic {
    Diagnostic::error(
        Code::SecurityUnsafeUrl,
        format!("this {what} uses a `{scheme}` address, which can run script in the reader's browser"),
    )
    .help("link to a web page (https://…) or a page of the site (@/…); it is not published as written")
}

/// Reports what is wrong with a piece of raw HTML; whether it may be
/// published as HTML.
fn check_raw_html(
    html: &str,
    linker: &Linker<'_>,
    options: &RenderOptions<'_>,
    place: &Place<'_, '_>,
    file: &str,
) -> bool {
    let (line, column, width) = place.get();
    for tag in IMG_TAG.find_iter(html) {
        if !ALT_ATTR.is_match(tag.as_str()) {
            report(
                options,
                Diagnostic::error(Code::A11yImgAlt, "this <img> has no alt attribute")
                    .at(file, line, column)
                    .spanning(width)
                    .help("add alt=\"a description of the image\", or alt=\"\" if the image is purely decorative"),
            );
        }
    }
    let mut publish = true;
    for attribute in ATTRIBUTE.captures_iter(html) {
        let name = attribute[1].to_ascii_lowercase();
        let value = attribute[2].trim_matches(['"', '\'']);
        if let Some(scheme) = urls_in_attribute(&name, value).find_map(unsafe_url) {
            report(
                options,
                unsafe_url_error(scheme.as_str(), "HTML").at(file, line, column).spanning(width),
            );
            publish = false;
        }
    }
    let policy = linker.site.config.markdown.raw_html;
    if policy == RawHtmlPolicy::Allow {
        return publish;
    }
    let help = "write it in Markdown instead; if the site really needs such HTML, choose \
                `markdown: { raw_html: warn }` (or `allow`) in charter.yaml";
    if let Some(m) = SCRIPTY.find(html) {
        let severity =
            if policy == RawHtmlPolicy::Deny { Severity::Error } else { Severity::Warning };
        report(
            options,
            Diagnostic::new(
                severity,
                Code::SecurityRawHtml,
                format!("raw HTML with `{}` can run script", m.as_str().trim()),
            )
            .at(file, line, column)
            .spanning(width)
            .help(help),
        );
        publish &= policy != RawHtmlPolicy::Deny;
    } else if let Some(m) = STYLED.find(html) {
        report(
            options,
            Diagnostic::warning(
                Code::SecurityRawHtml,
                format!(
                    "raw HTML with `{}` is blocked by the site's Content-Security-Policy",
                    m.as_str().trim()
                ),
            )
            .at(file, line, column)
            .spanning(width)
            .help("style pages with the theme's stylesheet, or a template of your own"),
        );
    }
    publish
}

#[cfg(test)]
mod tests {
    use charter_core::model::PageId;
    use charter_core::{Code, Sink};
    use charter_resolve::anchors::parse;

    use super::*;
    use crate::markdown::test_site::site;

    fn run(body: &str) -> (String, Vec<Code>) {
        let site = site(&[("a.md", "", body), ("b.md", "", "## 1. Heading\n")], "");
        let sink = Sink::default();
        let options = RenderOptions { sink: Some(&sink), ..RenderOptions::plain(true) };
        let linker = Linker::new(&site, PageId(0), None);
        let lines = Lines::new(body, 1);
        let mut events = parse(body);
        screen_html(&mut events, &linker, &options, &lines, "a.md");
        let events = resolve(events, &linker, &options, &lines, "a.md");
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
        (html, sink.take().into_iter().map(|d| d.code).collect())
    }

    #[test]
    fn content_links_resolve_and_broken_ones_are_errors() {
        let (html, codes) = run("[B](@/b.md#section-1) and [gone](@/nowhere/)\n");
        assert!(html.contains("href=\"/b/#section-1\""), "{html}");
        assert_eq!(codes, vec![Code::LinkBroken]);
    }

    #[test]
    fn private_hosts_vague_text_and_missing_alt_are_reported() {
        let (_, codes) = run(
            "[the intranet](http://intranet.local/x) [click here](https://x.org/) ![](a.png)\n",
        );
        // Errors first, then warnings by column.
        assert_eq!(codes, vec![Code::A11yImgAlt, Code::LinkPrivateHost, Code::A11yVagueLinkText]);
    }
}
