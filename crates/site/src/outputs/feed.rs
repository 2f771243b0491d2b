//! `feed.xml`: an Atom feed with one entry per document and per version,
//! newest first.

use charter_core::html::escape;
use charter_core::model::{Role, Status};
use charter_resolve::Site;
use jiff::civil::Date;

/// One entry: date, title, URL, summary, kind.
type Entry = (Date, String, String, String, String);

pub(super) fn feed(site: &Site) -> String {
    let mut entries = entries(site);
    entries.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let updated = entries.first().map(|e| e.0.to_string()).unwrap_or_else(|| "1970-01-01".into());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{updated}T00:00:00Z</updated>\n",
        escape(&site.config.language),
        escape(&site.config.title),
        escape(&site.permalink("")),
        escape(&site.permalink("feed.xml")),
        escape(&site.permalink("")),
    );
    for (date, title, url, summary, kind) in entries {
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{date}T00:00:00Z</updated>\n    <category term=\"{}\"/>\n    <summary>{}</summary>\n  </entry>\n",
            escape(&title),
            escape(&url),
            escape(&url),
            escape(&kind),
            escape(&summary)
        ));
    }
    out.push_str("</feed>\n");
    out
}

fn entries(site: &Site) -> Vec<Entry> {
    let s = site.structure();
    let mut entries = Vec::new();
    for p in site.pages() {
        if p.role != Role::Document && p.role != Role::Page {
            continue;
        }
        let Some(published) = p.frontmatter.published.or(p.frontmatter.updated) else {
            continue;
        };
        if p.frontmatter.status == Status::Draft {
            continue;
        }
        let (url, title) = match (s.doc_of(p.id), &p.frontmatter.version) {
            (Some(d), Some(v)) => (s.doc(d).base.clone(), format!("{} (version {v})", p.title())),
            _ => (s.url_of(p.id).to_string(), p.title().to_string()),
        };
        let summary = p
            .frontmatter
            .changes
            .clone()
            .or_else(|| p.frontmatter.summary.clone())
            .unwrap_or_default();
        entries.push((published, title, site.permalink(&url), summary, p.kind.label().to_string()));
    }
    entries
}
