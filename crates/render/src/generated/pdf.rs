//! One version of a document as a single page for printing to PDF: a
//! cover with its version, status and dates, a contents list, the
//! document and its appendices (ids prefixed as on the print page, so
//! cross-references are links within the file), a local offer's services,
//! and a glossary of the terms it uses, which those terms link to.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use charter_core::Sink;
use charter_core::html::text_of;
use charter_core::model::{DocId, Kind, PageId, Status};
use charter_resolve::{Site, View};
use regex::Regex;
use serde_json::{Value, json};

use crate::context::{
    arrangements_value, date, report_value, service_value, status_value, threshold_value,
};
use crate::markdown::{Rendered, render_plain};
use crate::templates::{Shortcodes, Templates};

/// Where a document's glossary section is, and the prefix of its entries.
const GLOSSARY_ID: &str = "glossary";

/// A document version, ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfPage {
    /// The page's HTML.
    pub html: String,
    /// The PDF's title: the document's, with its version.
    pub title: String,
    /// The summary, for the PDF's subject.
    pub summary: Option<String>,
    /// The page's headings in order, for the bookmarks.
    pub headings: Vec<String>,
    /// Where the page is as if published: the version's own address,
    /// against which its links resolve.
    pub url: String,
    /// The document's last date (updated, else published) as Unix
    /// seconds, for a PDF date that comes from the input.
    pub date: Option<i64>,
}

/// Renders `doc` (one version) as one page for its PDF; `None` when the
/// template failed (reported to `sink`).
pub fn render_pdf_page(
    site: &Site,
    templates: &Templates,
    doc: DocId,
    sink: &Sink,
) -> Option<PdfPage> {
    let d = site.structure().doc(doc);
    let rendered = render_pages(site, templates, doc);
    let terms: BTreeSet<usize> =
        rendered.iter().flat_map(|(_, _, r)| r.terms.iter().copied()).collect();
    let glossary = glossary_value(site, doc, &terms);
    let anchors: BTreeSet<String> =
        glossary.iter().filter_map(|e| e["anchor"].as_str().map(str::to_string)).collect();
    let glossary_prefix = format!("{}#", site.href("glossary/"));
    let mut parts = Vec::new();
    let mut contents = Vec::new();
    for (p, prefix, r) in &rendered {
        let html = link_terms_within(&r.html, &glossary_prefix, &anchors);
        let part = part_value(site, doc, *p, prefix, html, r);
        if *p == d.index {
            let sections = r.toc.iter().filter(|t| t.level == 2);
            contents.extend(
                sections.map(|t| json!({ "title": t.title, "href": format!("#{}", t.id) })),
            );
        } else {
            let href = format!("#{}", part["id"].as_str().unwrap_or(""));
            contents.push(json!({ "title": part["heading"], "href": href }));
        }
        parts.push(part);
    }
    if !glossary.is_empty() {
        contents.push(json!({ "title": "Glossary", "href": format!("#{GLOSSARY_ID}") }));
    }
    let threshold = rendered
        .iter()
        .find(|(p, _, _)| *p == d.index)
        .filter(|_| site.page(d.index).kind == Kind::Threshold)
        .map(|(_, _, r)| threshold_value(site.page(d.index), &r.snippets));
    let cover = cover_value(site, doc);
    let title = cover["pdf_title"].as_str().unwrap_or_default().to_string();
    let index = site.page(d.index);
    let header = format!(
        "{} · {}",
        cover["title"].as_str().unwrap_or(""),
        cover["version_line"].as_str().unwrap_or("")
    );
    let page = json!({
        "title": title,
        "cover": cover,
        "contents": contents,
        "parts": parts,
        "glossary": glossary,
        "running_header": css_string(header.trim_end_matches([' ', '·'])),
        "arrangements": (index.kind == Kind::Arrangements).then(|| arrangements_value(site, d.index)),
        "threshold": threshold,
    });
    let html = templates.render("pdf.html", &page, sink, &index.file)?;
    let headings = headings_of(&html);
    Some(PdfPage {
        html,
        title,
        summary: index.frontmatter.summary.clone(),
        headings,
        url: site.permalink(&d.base),
        date: index
            .frontmatter
            .updated
            .or(index.frontmatter.published)
            .and_then(|day| day.to_zoned(jiff::tz::TimeZone::UTC).ok())
            .map(|z| z.timestamp().as_second()),
    })
}

/// Every page of the version, services last, rendered as on the print
/// page: ids prefixed and links between them made fragments. Returns each
/// page with its prefix and what rendering learnt.
fn render_pages(site: &Site, templates: &Templates, doc: DocId) -> Vec<(PageId, String, Rendered)> {
    let shortcodes = Shortcodes { templates, data: &site.data };
    let d = site.structure().doc(doc);
    let view = View { doc, base: d.base.clone(), is_current_alias: false };
    let mut pages: Vec<PageId> = site.document_pages(doc).into_iter().map(|(p, _)| p).collect();
    pages.extend(d.services.iter().map(|(p, _)| *p));
    pages
        .into_iter()
        .map(|p| {
            let (prefix, r) = super::print::render_for_print(site, doc, &view, p, &shortcodes);
            (p, prefix, r)
        })
        .collect()
}

/// One page of the document: its heading, its HTML and, for a service,
/// its details.
fn part_value(
    site: &Site,
    doc: DocId,
    page: PageId,
    prefix: &str,
    html: String,
    rendered: &Rendered,
) -> Value {
    let d = site.structure().doc(doc);
    let p = site.page(page);
    let path = d.appendix_path(page);
    let heading = match path.split_last() {
        Some((last, parents)) => {
            let mut label = last.label.display();
            for parent in parents.iter().rev() {
                label.push_str(&format!(" to {}", parent.label.display()));
            }
            Some(format!("{label}: {}", p.title()))
        }
        None if page != d.index => Some(p.title().to_string()),
        None => None,
    };
    let id = super::print::section_id(prefix);
    json!({
        "id": id,
        "heading": heading,
        "kind": if page == d.index { "document" } else if p.kind == Kind::Service { "service" } else { "appendix" },
        "service": (p.kind == Kind::Service).then(|| service_value(site, page, &rendered.snippets)),
        "content": html,
    })
}

/// Links to the site's glossary entries that the PDF's own glossary holds
/// (`anchors`) point at it instead.
fn link_terms_within(html: &str, glossary_prefix: &str, anchors: &BTreeSet<String>) -> String {
    let marker = format!("href=\"{glossary_prefix}");
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(&marker) {
        let after = &rest[at + marker.len()..];
        let anchor = &after[..after.find('"').unwrap_or(after.len())];
        out.push_str(&rest[..at]);
        if anchors.contains(anchor) {
            out.push_str(&format!("href=\"#{GLOSSARY_ID}--{anchor}"));
        } else {
            out.push_str(&marker);
            out.push_str(anchor);
        }
        rest = &after[anchor.len()..];
    }
    out.push_str(rest);
    out
}

/// The glossary entries for `terms`: every sense of each, so that a term
/// linked in any sense finds its entry.
fn glossary_value(site: &Site, doc: DocId, terms: &BTreeSet<usize>) -> Vec<Value> {
    let index = site.page(site.structure().doc(doc).index);
    let mut entries: Vec<(String, Value)> = Vec::new();
    for t in terms {
        let e = &site.glossary.entries[*t];
        let chosen = index.frontmatter.glossary.senses.get(&e.term).map(String::as_str);
        let primary = e.sense(chosen).anchor.clone();
        let mut senses: Vec<_> = e.senses.iter().collect();
        senses.sort_by_key(|s| s.anchor != primary);
        for s in senses {
            entries.push((
                e.term.to_lowercase(),
                json!({
                    "id": format!("{GLOSSARY_ID}--{}", s.anchor),
                    "anchor": s.anchor,
                    "term": e.term,
                    "expansion": s.expansion,
                    "definition": s.definition.as_deref().map(render_plain),
                }),
            ));
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.into_iter().map(|(_, v)| v).collect()
}

/// The cover: title, kind, publisher, version and status, dates, who
/// approved it, and where it is published.
fn cover_value(site: &Site, doc: DocId) -> Value {
    let s = site.structure();
    let d = s.doc(doc);
    let index = site.page(d.index);
    let fm = &index.frontmatter;
    let versioned = s.versioned_of(doc);
    let current = versioned.and_then(|v| v.current);
    let superseded_by = current.filter(|c| *c != doc).map(|c| {
        let c = s.doc(c);
        json!({
            "number": c.version_number().map(|n| n.to_string()),
            "published": date(&site.page(c.index).frontmatter.published),
        })
    });
    let status = if superseded_by.is_some() { Status::Superseded } else { fm.status };
    let number = d.version_number().map(|n| n.to_string());
    let version_line = number.as_ref().map(|n| format!("Version {n}")).unwrap_or_default();
    let pdf_title = match &number {
        Some(n) => format!("{}, version {n}", index.title()),
        None => index.title().to_string(),
    };
    json!({
        "title": index.title(),
        "pdf_title": pdf_title,
        "kind_label": index.kind.label(),
        "summary": fm.summary,
        "publisher": site.config.partnership.as_ref().map(|p| p.name.clone()).unwrap_or_else(|| site.config.title.clone()),
        "version": number,
        "version_line": version_line,
        "status": status_value(status),
        "superseded_by": superseded_by,
        "published": date(&fm.published),
        "effective": date(&fm.effective),
        "updated": date(&fm.updated),
        "review_due": date(&fm.review_due),
        "approved": fm.approved.iter().map(|a| json!({ "by": a.by, "date": date(&a.date) })).collect::<Vec<_>>(),
        "report": (index.kind == Kind::AnnualReport).then(|| report_value(index)),
        "permalink": site.permalink(&d.base),
        "current_permalink": versioned.map(|v| site.permalink(&v.base)),
    })
}

/// `text` as a CSS string, safe inside a `<style>` element: quotes,
/// backslashes, line breaks and `<` escaped.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' | '>' | '&' => out.push_str(&format!("\\{:X} ", u32::from(c))),
            c if c.is_control() => out.push_str(&format!("\\{:X} ", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<h[1-6](?:\s[^>]*)?>(.*?)</h[1-6]>").expect("valid regex"));

/// The text of every heading of `html`, in order.
fn headings_of(html: &str) -> Vec<String> {
    HEADING.captures_iter(html).map(|c| text_of(&c[1])).filter(|t| !t.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_close_the_string_or_the_style_element() {
        assert_eq!(css_string("Arrangements · Version 2.0"), "\"Arrangements · Version 2.0\"");
        assert_eq!(css_string("a \"b\" \\ </style>"), "\"a \\\"b\\\" \\\\ \\3C /style\\3E \"");
        assert_eq!(css_string("line\nbreak"), "\"line\\A break\"");
    }

    #[test]
    fn headings_are_read_in_order_without_their_markup() {
        let html = "<h1 class=\"t\">Wrenfield <em>Arrangements</em></h1><p>x</p><h2 id=\"s\">2. Governance &amp; scrutiny</h2><h3></h3>";
        assert_eq!(headings_of(html), ["Wrenfield Arrangements", "2. Governance & scrutiny"]);
    }

    #[test]
    fn term_links_go_to_the_glossary_inside_the_pdf() {
        let html = r#"<a class="term" href="/nscp/glossary/#mash">MASH</a> <a href="/nscp/glossary/#lado">LADO</a> <a href="/nscp/glossary/">all</a>"#;
        let anchors = BTreeSet::from(["mash".to_string()]);
        assert_eq!(
            link_terms_within(html, "/nscp/glossary/#", &anchors),
            r##"<a class="term" href="#glossary--mash">MASH</a> <a href="/nscp/glossary/#lado">LADO</a> <a href="/nscp/glossary/">all</a>"##
        );
    }
}
