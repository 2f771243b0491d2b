//! Where a reference, a link or a term on one page points, given the view
//! the page is shown in (its pinned version, the current version, or the
//! one-page print of its document).

use std::net::IpAddr;

use charter_core::config::LevelLinks;
use charter_core::model::{DocId, PageId, normalise_label};
use charter_core::twin::Marks;
use charter_core::urls::{content_key, normalise};

use crate::generated::GENERATED;
use crate::site::Site;
use crate::structure::View;
use crate::xref::{LevelCue, RefKind, ThresholdNames};

/// What became of a link.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkOutcome {
    /// Rewritten (or kept) href.
    Ok(String),
    /// Points at nothing: the message says what is missing.
    Broken(String),
    /// Points at a host the public cannot reach.
    PrivateHost(String),
    /// Points at a page whose file failed to load (named here): its address
    /// is kept, and the link is not checked.
    Unchecked(String),
}

/// What becomes of a "Level N".
#[derive(Debug, PartialEq, Eq)]
pub enum LevelOutcome {
    /// A link to the level.
    Link(String),
    /// Left as text, with a note saying why.
    Note(String),
    /// Left as text, with nothing to say.
    Plain,
    /// A level of need the threshold does not define, inside the threshold.
    Missing,
}

/// Resolves targets for one page in one view.
#[derive(Clone, Copy)]
pub struct Linker<'a> {
    /// The site.
    pub site: &'a Site,
    /// The page being rendered.
    pub page: PageId,
    /// The view it is shown in.
    pub view: Option<&'a View>,
    /// On a print page every page of the document is on one page, so
    /// targets become fragments with per-page prefixes.
    pub print: bool,
    /// The text is shown on another page (a version's `changes:` on its
    /// history page): a target on this page keeps the page's address.
    pub away: bool,
    /// The page is being rendered together with its part of the print
    /// page: each href is worked out for both and written for both where
    /// they differ (see `charter_core::twin`).
    pub twin: Option<&'a Twin<'a>>,
    /// When set, an href worked out from the view's base (a link to
    /// another page of this document, or to this page without an anchor)
    /// is written with this mark in the base's place. Only such hrefs
    /// differ between a page's pinned version and its current alias, so
    /// one render serves both, each filling in its own base
    /// (`charter_core::twin::BaseMark`).
    pub base_mark: Option<&'a str>,
}

/// The print side of a page rendered with its print copy.
pub struct Twin<'a> {
    /// How the print page resolves targets.
    pub print: Linker<'a>,
    /// The markers between which the two sides' texts are written.
    pub marks: &'a Marks,
}

/// Ids every page's template provides.
pub const TEMPLATE_IDS: &[&str] = &["main", "contents", "appendices", "footnotes", "top"];

impl<'a> Linker<'a> {
    /// The linker of `page` shown in `view`, on its own page.
    pub fn new(site: &'a Site, page: PageId, view: Option<&'a View>) -> Linker<'a> {
        Linker { site, page, view, print: false, away: false, twin: None, base_mark: None }
    }

    fn doc(&self) -> Option<DocId> {
        self.view.map(|v| v.doc).or_else(|| self.site.structure().doc_of(self.page))
    }

    /// The id prefix a page's anchors get on the print page.
    pub fn print_prefix(site: &Site, page: PageId) -> String {
        match site.structure().place_of(page) {
            Some((_, rel)) if !rel.is_empty() => {
                format!("{}--", rel.trim_end_matches('/').replace('/', "--"))
            }
            _ => String::new(),
        }
    }

    /// The href of `target` (optionally an anchor on it) from this page.
    pub fn page_href(&self, target: PageId, anchor: Option<&str>) -> String {
        let own = self.page_href_alone(target, anchor);
        match self.twin {
            Some(t) => t.marks.alt(&own, &t.print.page_href_alone(target, anchor)),
            None => own,
        }
    }

    fn page_href_alone(&self, target: PageId, anchor: Option<&str>) -> String {
        if self.print {
            let prefix = Self::print_prefix(self.site, target);
            return match anchor {
                Some(a) => ["#", &prefix, a].concat(),
                None if prefix.is_empty() => "#main".into(),
                None => format!("#{}", prefix.trim_end_matches('-')),
            };
        }
        if target == self.page
            && !self.away
            && let Some(a) = anchor
        {
            return format!("#{a}");
        }
        let s = self.site.structure();
        let url = match (self.view, s.place_of(target)) {
            (Some(v), Some((d, rel))) if d == v.doc => {
                [self.base_mark.unwrap_or(v.base.as_str()), rel].concat()
            }
            _ => s.url_of(target).to_string(),
        };
        with_fragment(self.site.href(&url), anchor)
    }

    /// "Appendix 1" from this page: its own appendices first, then those of
    /// each parent up to the document, as labels are scoped to their parent.
    pub fn appendix(&self, label: &str) -> Option<PageId> {
        let doc = self.site.structure().doc(self.doc()?);
        let want = normalise_label(label);
        let chain = doc.appendix_path(self.page);
        let nested = chain.iter().rev().map(|n| n.children.as_slice());
        let scopes = nested.chain(std::iter::once(doc.appendices.as_slice()));
        scopes.flat_map(|s| s.iter()).find(|n| n.label.label == want).map(|n| n.page)
    }

    /// "Appendix 1 of Appendix B": a label among the appendices of `parent`.
    pub fn appendix_within(&self, parent: PageId, label: &str) -> Option<PageId> {
        let want = normalise_label(label);
        let nodes = self.site.appendices_of(self.doc()?, parent)?;
        nodes.iter().find(|n| n.label.label == want).map(|n| n.page)
    }

    /// A numbered paragraph or section, on the given page or anywhere in
    /// this document (this page first, then the document, then appendices).
    pub fn number(
        &self,
        kind: RefKind,
        number: &str,
        scope: Option<PageId>,
    ) -> Option<(PageId, String)> {
        self.number_from(kind, number, scope, false)
    }

    /// As [`Linker::number`]; with `main_document`, the document's own page
    /// is looked at first ("paragraph 5.1 of the main document" written in
    /// an appendix).
    pub fn number_from(
        &self,
        kind: RefKind,
        number: &str,
        scope: Option<PageId>,
        main_document: bool,
    ) -> Option<(PageId, String)> {
        let candidates: Vec<PageId> = match (scope, self.doc()) {
            (Some(p), _) => vec![p],
            (None, Some(doc)) => {
                let first =
                    if main_document { self.site.structure().doc(doc).index } else { self.page };
                let mut v = vec![first];
                let others = self.site.document_pages(doc).into_iter().map(|(p, _)| p);
                v.extend(others.filter(|p| *p != first));
                v
            }
            (None, None) => vec![self.page],
        };
        find_number(self.site, &candidates, kind, number)
    }

    /// A number that is not in this version but was in the one before
    /// (a version's `changes:` saying "section 8 was removed"): its
    /// address in that version.
    pub fn number_in_previous_version(&self, kind: RefKind, number: &str) -> Option<String> {
        let s = self.site.structure();
        let doc = self.doc()?;
        let versions = &s.versioned_of(doc)?.versions;
        let previous = versions[..versions.iter().position(|d| *d == doc)?].last()?;
        let pages: Vec<(PageId, String)> = self.site.document_pages(*previous);
        let ids: Vec<PageId> = pages.iter().map(|(p, _)| *p).collect();
        let (page, id) = find_number(self.site, &ids, kind, number)?;
        let rel = pages.iter().find(|(p, _)| *p == page).map(|(_, r)| r.as_str()).unwrap_or("");
        let url = format!("{}{rel}", s.doc(*previous).base);
        Some(with_fragment(self.site.href(&url), Some(&id)))
    }

    /// The file of an appendix with this label that failed to load.
    pub fn failed_appendix(&self, label: &str) -> Option<&str> {
        let doc = self.site.structure().doc(self.doc()?);
        let index = &self.site.page(doc.index).content_path;
        let folder = content_key(index.rsplit_once('/').map(|(d, _)| d).unwrap_or(""));
        let name = format!("appendix-{}", label.trim().to_ascii_lowercase());
        let key = if folder.is_empty() { name } else { format!("{folder}/{name}") };
        self.site.failed_at(&key)
    }

    /// Where a "Level N" goes, given what the words around it say.
    pub fn level_outcome(&self, number: &str, cue: &LevelCue) -> LevelOutcome {
        let mode = self.site.config.thresholds.levels;
        if mode == LevelLinks::Off {
            return LevelOutcome::Plain;
        }
        if let Some(own) = self.own_threshold() {
            if matches!(cue, LevelCue::Other(_)) && mode == LevelLinks::Document {
                return LevelOutcome::Plain;
            }
            let defined = self.site.page(own).frontmatter.levels.iter().any(|l| l.id == number);
            let anchor = format!("level-{number}");
            return if defined {
                LevelOutcome::Link(self.page_href(own, Some(&anchor)))
            } else if *cue == LevelCue::Unclear || *cue == LevelCue::Named {
                LevelOutcome::Missing
            } else {
                LevelOutcome::Plain
            };
        }
        let Some(t) = self.site.threshold else { return LevelOutcome::Plain };
        let defined = self.site.page(t).frontmatter.levels.iter().any(|l| l.id == number);
        let href = format!("{}#level-{number}", self.site.page_href(t));
        match (mode, cue) {
            (LevelLinks::Site, _) if defined => LevelOutcome::Link(href),
            (LevelLinks::Site, _) => LevelOutcome::Plain,
            (_, LevelCue::Named) if defined => LevelOutcome::Link(href),
            (_, LevelCue::Named) => {
                LevelOutcome::Note(format!("the threshold has no level {number}"))
            }
            (_, LevelCue::Other(why)) => LevelOutcome::Note((*why).to_string()),
            _ => LevelOutcome::Note(
                "the sentence names neither the level nor the threshold".to_string(),
            ),
        }
    }

    /// The threshold whose levels a "Level N" on this page may mean: its
    /// own document's, else the site's.
    pub fn threshold_names(&self) -> Option<ThresholdNames> {
        match self.own_threshold() {
            Some(p) => Some(crate::site::threshold_names(self.site.page(p))),
            None => self.site.threshold_names.clone(),
        }
    }

    /// The threshold document this page is part of, whose levels its
    /// "Level N" means without saying so.
    fn own_threshold(&self) -> Option<PageId> {
        let here = self.site.page(self.page);
        if !here.frontmatter.levels.is_empty() {
            return Some(self.page);
        }
        let index = self.site.structure().doc(self.doc()?).index;
        (!self.site.page(index).frontmatter.levels.is_empty()).then_some(index)
    }

    /// The address of a provision of a row of the legislation table.
    pub fn law_href(
        &self,
        row: usize,
        kind: RefKind,
        number: &str,
        schedule: Option<&str>,
    ) -> Option<String> {
        let unit = if kind == RefKind::Paragraph && schedule.is_none() {
            return None;
        } else {
            kind.unit()?
        };
        self.site.legislation.provision_url(row, unit, number, schedule)
    }

    /// Resolves a Markdown link destination.
    pub fn link(&self, dest: &str) -> LinkOutcome {
        let own = self.link_alone(dest);
        match (self.twin, own) {
            (Some(t), LinkOutcome::Ok(href)) => match t.print.link_alone(dest) {
                LinkOutcome::Ok(print) => LinkOutcome::Ok(t.marks.alt(&href, &print)),
                // Both sides check the same targets; the page's word stands.
                _ => LinkOutcome::Ok(href),
            },
            (_, own) => own,
        }
    }

    fn link_alone(&self, dest: &str) -> LinkOutcome {
        let dest = dest.trim();
        if dest.is_empty() {
            return LinkOutcome::Broken("the link has no destination".into());
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            return self.fragment(fragment, dest);
        }
        if let Some(rest) = dest.strip_prefix("@/") {
            let (path, fragment) = split_fragment(rest);
            return self.internal(&content_key(path), fragment, dest);
        }
        if let Some(outcome) = external(dest) {
            return outcome;
        }
        if let Some(rest) = dest.strip_prefix('/') {
            // Site-rooted: keep it working when the site lives under a sub-path.
            return LinkOutcome::Ok(format!("{}{rest}", self.site.base_path));
        }
        let (path, fragment) = split_fragment(dest);
        if path.ends_with(".md") {
            let here = &self.site.page(self.page).content_path;
            let dir = here.rfind('/').map(|i| &here[..i]).unwrap_or("");
            return match normalise(&format!("{dir}/{path}")) {
                Some(p) => self.internal(&content_key(&p), fragment, dest),
                None => LinkOutcome::Broken(format!("`{dest}` climbs out of content/")),
            };
        }
        LinkOutcome::Ok(dest.to_string())
    }

    fn fragment(&self, fragment: &str, dest: &str) -> LinkOutcome {
        let ids = &self.site.anchors(self.page).ids;
        if !ids.contains(fragment) && !TEMPLATE_IDS.contains(&fragment) {
            return LinkOutcome::Broken(format!("there is no `#{fragment}` on this page"));
        }
        LinkOutcome::Ok(if self.print {
            format!("#{}{fragment}", Self::print_prefix(self.site, self.page))
        } else {
            dest.to_string()
        })
    }

    fn internal(&self, key: &str, fragment: Option<&str>, dest: &str) -> LinkOutcome {
        let s = self.site.structure();
        if let Some(route) = s.content_route(key) {
            let target = route.page;
            if let Some(f) = fragment
                && !self.site.anchors(target).ids.contains(f)
                && !TEMPLATE_IDS.contains(&f)
            {
                return LinkOutcome::Broken(format!("`{dest}`: the page exists but has no `#{f}`"));
            }
            // A link into this page's own document stays in this view, so a
            // pinned version links to its own appendices. On a print page
            // too: only this document's pages are on it, so a link to
            // another document keeps its address.
            let same_doc =
                matches!((self.view, s.doc_of(target)), (Some(v), Some(d)) if d == v.doc);
            if same_doc {
                return LinkOutcome::Ok(self.page_href_alone(target, fragment));
            }
            return LinkOutcome::Ok(with_fragment(self.site.href(&route.url), fragment));
        }
        let url = if key.is_empty() { String::new() } else { format!("{key}/") };
        if GENERATED.iter().any(|(k, _)| *k == key) || self.site.is_generated_url(&url) {
            return LinkOutcome::Ok(with_fragment(self.site.href(&url), fragment));
        }
        if let Some(file) = self.site.failed_at(key) {
            return LinkOutcome::Unchecked(file.to_string());
        }
        LinkOutcome::Broken(format!("`{dest}` does not match any page in content/"))
    }

    /// The glossary entry's href.
    pub fn glossary_href(&self, anchor: &str) -> String {
        let mut href = self.site.href("glossary/");
        href.push('#');
        href.push_str(anchor);
        href
    }
}

/// A number among `pages`, in order. "paragraph 7" does not mean a
/// heading numbered 7: a paragraph reference finds a section only when its
/// number has a dot ("paragraph 2.16" for a heading "2.16 …").
fn find_number(
    site: &Site,
    pages: &[PageId],
    kind: RefKind,
    number: &str,
) -> Option<(PageId, String)> {
    let prefer_para = kind == RefKind::Paragraph;
    pages.iter().find_map(|&p| {
        let found = site.anchors(p).find(number, prefer_para)?;
        if prefer_para && !found.is_paragraph && !number.contains('.') {
            return None;
        }
        Some((p, found.id.clone()))
    })
}

fn with_fragment(mut href: String, fragment: Option<&str>) -> String {
    if let Some(f) = fragment {
        href.push('#');
        href.push_str(f);
    }
    href
}

/// A link with a scheme (or protocol-relative) is kept as it is, unless
/// its host is private.
fn external(dest: &str) -> Option<LinkOutcome> {
    if dest.starts_with("//") {
        return Some(LinkOutcome::Ok(dest.to_string()));
    }
    let scheme = &dest[..dest.find(':')?];
    let valid = !scheme.is_empty()
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !valid {
        return None;
    }
    if matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https")
        && let Some(host) = host_of(dest)
        && is_private_host(&host)
    {
        return Some(LinkOutcome::PrivateHost(host));
    }
    Some(LinkOutcome::Ok(dest.to_string()))
}

fn split_fragment(s: &str) -> (&str, Option<&str>) {
    match s.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (s, None),
    }
}

fn host_of(url: &str) -> Option<String> {
    let after = &url[url.find("://")? + 3..];
    let authority = after.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = match host_port.strip_prefix('[') {
        Some(rest) => rest.split(']').next()?,
        None => host_port.split(':').next()?,
    };
    Some(host.to_ascii_lowercase())
}

/// The host of a link destination that only works inside an organisation
/// (what `link::private-host` warns about), so that what shows old text can
/// leave such a link out.
pub fn private_host_of(dest: &str) -> Option<String> {
    match external(dest.trim()) {
        Some(LinkOutcome::PrivateHost(host)) => Some(host),
        _ => None,
    }
}

/// Hosts only reachable inside an organisation: intranet names, loopback
/// and private address ranges.
pub fn is_private_host(host: &str) -> bool {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return match ip {
            IpAddr::V4(v4) => {
                v4.is_private() || v4.is_loopback() || v4.is_link_local() || v4.is_unspecified()
            }
            IpAddr::V6(v6) => {
                let first = v6.segments()[0];
                v6.is_loopback()
                    || v6.is_unspecified()
                    || (first & 0xfe00) == 0xfc00
                    || (first & 0xffc0) == 0xfe80
            }
        };
    }
    let h = host.trim_end_matches('.');
    let suffixes =
        ["local", "localhost", "internal", "intranet", "lan", "corp", "home.arpa", "localdomain"];
    !h.contains('.')
        || suffixes.iter().any(|suffix| h == *suffix || h.ends_with(&format!(".{suffix}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_hosts() {
        for h in [
            "intranet.council.local",
            "localhost",
            "10.1.2.3",
            "192.168.0.1",
            "sharepoint",
            "fe80::1",
            "::1",
            "x.corp",
        ] {
            assert!(is_private_host(h), "{h}");
        }
        for h in ["www.gov.uk", "8.8.8.8", "example.org"] {
            assert!(!is_private_host(h), "{h}");
        }
        assert_eq!(host_of("http://user@Intranet.Local:8080/x").as_deref(), Some("intranet.local"));
    }

    #[test]
    fn external_links_keep_their_address() {
        assert_eq!(
            external("https://www.gov.uk/x"),
            Some(LinkOutcome::Ok("https://www.gov.uk/x".into()))
        );
        assert_eq!(
            external("http://intranet.local/x"),
            Some(LinkOutcome::PrivateHost("intranet.local".into()))
        );
        assert_eq!(external("mailto:a@b.org"), Some(LinkOutcome::Ok("mailto:a@b.org".into())));
        assert_eq!(external("page.md"), None);
    }
}
