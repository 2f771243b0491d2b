//! Where a reference, a link or a term on one page points, given the view
//! the page is shown in (its pinned version, the current version, or the
//! one-page print of its document).

use std::net::IpAddr;

use crate::model::{DocId, PageId, normalise_label};
use crate::resolve::structure::{AppendixNode, View, content_key};
use crate::resolve::xref::RefKind;
use crate::resolve::{GENERATED, Site};

/// What became of a link.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkOutcome {
    /// Rewritten (or kept) href.
    Ok(String),
    /// Points at nothing: the message says what is missing.
    Broken(String),
    /// Points at a host the public cannot reach.
    PrivateHost(String),
}

/// Resolves targets for one page in one view.
pub struct Linker<'a> {
    pub site: &'a Site,
    pub page: PageId,
    pub view: Option<&'a View>,
    /// On a print page every page of the document is on one page, so
    /// targets become fragments with per-page prefixes.
    pub print: bool,
}

impl<'a> Linker<'a> {
    fn doc(&self) -> Option<DocId> {
        self.view.map(|v| v.doc).or_else(|| self.site.structure.page_doc[self.page.0].as_ref().map(|(d, _)| *d))
    }

    /// The id prefix a page's anchors get on the print page.
    pub fn print_prefix(site: &Site, page: PageId) -> String {
        match &site.structure.page_doc[page.0] {
            Some((_, rel)) if !rel.is_empty() => {
                format!("{}--", rel.trim_end_matches('/').replace('/', "--"))
            }
            _ => String::new(),
        }
    }

    /// The href of `target` (optionally an anchor on it) from this page.
    pub fn page_href(&self, target: PageId, anchor: Option<&str>) -> String {
        if self.print {
            let prefix = Self::print_prefix(self.site, target);
            return match anchor {
                Some(a) => format!("#{prefix}{a}"),
                None if prefix.is_empty() => "#main".into(),
                None => format!("#{}", prefix.trim_end_matches('-')),
            };
        }
        if target == self.page
            && let Some(a) = anchor
        {
            return format!("#{a}");
        }
        let url = match (self.view, &self.site.structure.page_doc[target.0]) {
            (Some(v), Some((d, rel))) if *d == v.doc => format!("{}{rel}", v.base),
            _ => self.site.structure.page_url[target.0].clone(),
        };
        let mut href = self.site.href(&url);
        if let Some(a) = anchor {
            href.push('#');
            href.push_str(a);
        }
        href
    }

    /// The chain of appendix nodes from the document down to this page.
    fn chain(&self) -> Vec<&'a AppendixNode> {
        let Some(doc) = self.doc() else {
            return Vec::new();
        };
        fn find<'n>(nodes: &'n [AppendixNode], page: PageId, path: &mut Vec<&'n AppendixNode>) -> bool {
            for n in nodes {
                path.push(n);
                if n.page == page || find(&n.children, page, path) {
                    return true;
                }
                path.pop();
            }
            false
        }
        let mut path = Vec::new();
        find(&self.site.structure.docs[doc.0].appendices, self.page, &mut path);
        path
    }

    /// "Appendix 1" from this page: its own appendices first, then those of
    /// each parent up to the document, as labels are scoped to their parent.
    pub fn appendix(&self, label: &str) -> Option<PageId> {
        let doc = self.doc()?;
        let want = normalise_label(label);
        let chain = self.chain();
        let mut scopes: Vec<&[AppendixNode]> = chain.iter().rev().map(|n| n.children.as_slice()).collect();
        scopes.push(&self.site.structure.docs[doc.0].appendices);
        scopes.into_iter().flat_map(|s| s.iter()).find(|n| n.label.label == want).map(|n| n.page)
    }

    /// "Appendix 1 of Appendix B": a label among the appendices of `parent`.
    pub fn appendix_within(&self, parent: PageId, label: &str) -> Option<PageId> {
        let doc = self.doc()?;
        let want = normalise_label(label);
        self.site.appendices_of(doc, parent)?.iter().find(|n| n.label.label == want).map(|n| n.page)
    }

    /// A numbered paragraph or section, on the given page or anywhere in
    /// this document (this page first, then the document, then appendices).
    pub fn number(&self, kind: RefKind, number: &str, scope: Option<PageId>) -> Option<(PageId, String)> {
        let candidates: Vec<PageId> = match (scope, self.doc()) {
            (Some(p), _) => vec![p],
            (None, Some(doc)) => {
                let mut v = vec![self.page];
                v.extend(self.site.document_pages(doc).into_iter().map(|(p, _)| p).filter(|p| *p != self.page));
                v
            }
            (None, None) => vec![self.page],
        };
        let prefer_para = kind == RefKind::Paragraph;
        for p in candidates {
            if let Some(n) = self.site.anchors[p.0].find(number, prefer_para) {
                return Some((p, n.id.clone()));
            }
        }
        None
    }

    /// "Level 2": the level's anchor in this threshold document, or in the
    /// site's one current threshold document.
    pub fn level(&self, number: &str) -> Option<String> {
        let here = &self.site.pages[self.page.0];
        let anchor = format!("level-{number}");
        if !here.frontmatter.levels.is_empty() {
            return here.frontmatter.levels.iter().any(|l| l.id == number).then(|| self.page_href(self.page, Some(&anchor)));
        }
        let t = self.site.threshold?;
        let page = &self.site.pages[t.0];
        page.frontmatter.levels.iter().any(|l| l.id == number).then(|| format!("{}#{anchor}", self.site.href(&self.site.structure.page_url[t.0])))
    }

    /// Resolves a Markdown link destination.
    pub fn link(&self, dest: &str) -> LinkOutcome {
        let dest = dest.trim();
        if dest.is_empty() {
            return LinkOutcome::Broken("the link has no destination".into());
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            let ids = &self.site.anchors[self.page.0].ids;
            return if ids.contains(fragment) || TEMPLATE_IDS.contains(&fragment) {
                LinkOutcome::Ok(if self.print { format!("#{}{fragment}", Self::print_prefix(self.site, self.page)) } else { dest.to_string() })
            } else {
                LinkOutcome::Broken(format!("there is no `#{fragment}` on this page"))
            };
        }
        if let Some(rest) = dest.strip_prefix("@/") {
            let (path, fragment) = split_fragment(rest);
            return self.internal(&content_key(path), fragment, dest);
        }
        if let Some(scheme_end) = dest.find(':') {
            let scheme = &dest[..scheme_end];
            if scheme.chars().all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.') && !scheme.is_empty() {
                if matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https")
                    && let Some(host) = host_of(dest)
                    && is_private_host(&host)
                {
                    return LinkOutcome::PrivateHost(host);
                }
                return LinkOutcome::Ok(dest.to_string());
            }
        }
        if dest.starts_with("//") {
            return LinkOutcome::Ok(dest.to_string());
        }
        if let Some(rest) = dest.strip_prefix('/') {
            // Site-rooted: keep it working when the site lives under a sub-path.
            return LinkOutcome::Ok(format!("{}{rest}", self.site.base_path));
        }
        let (path, fragment) = split_fragment(dest);
        if path.ends_with(".md") || path.contains(".md#") {
            let here = &self.site.pages[self.page.0].content_path;
            let dir = here.rfind('/').map(|i| &here[..i]).unwrap_or("");
            let joined = normalise(&format!("{dir}/{path}"));
            return match joined {
                Some(p) => self.internal(&content_key(&p), fragment, dest),
                None => LinkOutcome::Broken(format!("`{dest}` climbs out of content/")),
            };
        }
        LinkOutcome::Ok(dest.to_string())
    }

    fn internal(&self, key: &str, fragment: Option<&str>, dest: &str) -> LinkOutcome {
        let s = &self.site.structure;
        if let Some(&route_index) = s.content_keys.get(key) {
            let route = &s.routes[route_index];
            let target = route.page;
            if let Some(f) = fragment {
                let ids = &self.site.anchors[target.0].ids;
                if !ids.contains(f) && !TEMPLATE_IDS.contains(&f) {
                    return LinkOutcome::Broken(format!("`{dest}`: the page exists but has no `#{f}`"));
                }
            }
            // A link into this page's own document stays in this view, so a
            // pinned version links to its own appendices.
            let same_doc = match (self.view, &s.page_doc[target.0]) {
                (Some(v), Some((d, _))) => *d == v.doc,
                _ => false,
            };
            // On a print page too: only this document's pages are on it, so
            // a link to another document keeps its address.
            if same_doc {
                return LinkOutcome::Ok(self.page_href(target, fragment));
            }
            let mut href = self.site.href(&route.url);
            if let Some(f) = fragment {
                href.push('#');
                href.push_str(f);
            }
            return LinkOutcome::Ok(href);
        }
        let url = if key.is_empty() { String::new() } else { format!("{key}/") };
        if GENERATED.iter().any(|(k, _)| *k == key) || self.site.is_generated_url(&url) {
            let mut href = self.site.href(&url);
            if let Some(f) = fragment {
                href.push('#');
                href.push_str(f);
            }
            return LinkOutcome::Ok(href);
        }
        LinkOutcome::Broken(format!("`{dest}` does not match any page in content/"))
    }

    /// The glossary entry's href.
    pub fn glossary_href(&self, anchor: &str) -> String {
        format!("{}#{anchor}", self.site.href("glossary/"))
    }
}

/// Ids every page's template provides.
pub const TEMPLATE_IDS: &[&str] = &["main", "contents", "appendices", "footnotes", "top"];

fn split_fragment(s: &str) -> (&str, Option<&str>) {
    match s.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (s, None),
    }
}

/// Resolves `.` and `..` in a `/`-separated path; `None` if it climbs out.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn host_of(url: &str) -> Option<String> {
    let after = &url[url.find("://")? + 3..];
    let authority = after.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host =
        if let Some(rest) = host_port.strip_prefix('[') { rest.split(']').next()?.to_string() } else { host_port.split(':').next()?.to_string() };
    Some(host.to_ascii_lowercase())
}

/// Hosts only reachable inside an organisation: intranet names, loopback
/// and private address ranges.
pub fn is_private_host(host: &str) -> bool {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return match ip {
            IpAddr::V4(v4) => v4.is_private() || v4.is_loopback() || v4.is_link_local() || v4.is_unspecified(),
            IpAddr::V6(v6) => {
                v6.is_loopback() || v6.is_unspecified() || (v6.segments()[0] & 0xfe00) == 0xfc00 || (v6.segments()[0] & 0xffc0) == 0xfe80
            }
        };
    }
    let h = host.trim_end_matches('.');
    !h.contains('.')
        || ["local", "localhost", "internal", "intranet", "lan", "corp", "home.arpa", "localdomain"]
            .iter()
            .any(|suffix| h == *suffix || h.ends_with(&format!(".{suffix}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_hosts() {
        for h in ["intranet.council.local", "localhost", "10.1.2.3", "192.168.0.1", "sharepoint", "fe80::1", "::1", "x.corp"] {
            assert!(is_private_host(h), "{h}");
        }
        for h in ["www.gov.uk", "8.8.8.8", "example.org"] {
            assert!(!is_private_host(h), "{h}");
        }
        assert_eq!(host_of("http://user@Intranet.Local:8080/x").as_deref(), Some("intranet.local"));
    }

    #[test]
    fn normalises_relative_paths() {
        assert_eq!(normalise("a/b/../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(normalise("../x.md"), None);
    }
}
