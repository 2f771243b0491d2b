//! Documents, appendices, versions and the URL of every page.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Diagnostic, Sink};
use crate::load::version_of_dir_name;
use crate::model::{AppendixLabel, DocId, Kind, PageId, Role, SourcePage, Status, VersionNumber, VersionedId, normalise_label};
use crate::resolve::urls::{join, slugify};

/// One document folder: a document and its appendices (one version of a
/// versioned document is one of these).
#[derive(Debug)]
pub struct Document {
    pub index: PageId,
    pub appendices: Vec<AppendixNode>,
    pub services: Vec<(PageId, String)>,
    pub version: Option<(VersionedId, VersionNumber)>,
    /// Site-relative URL of the folder where this document is kept for good:
    /// the pinned `v1.0/` URL for a version.
    pub base: String,
}

/// An appendix, which may hold appendices of its own.
#[derive(Debug)]
pub struct AppendixNode {
    pub page: PageId,
    pub label: AppendixLabel,
    /// Path below the document's base: "appendix-1/" or "appendix-b/appendix-1/".
    pub rel: String,
    pub children: Vec<AppendixNode>,
}

/// A document kept in `v*/` folders.
#[derive(Debug)]
pub struct Versioned {
    /// Site-relative URL of the current version: "arrangements/masa/".
    pub base: String,
    /// Oldest first.
    pub versions: Vec<DocId>,
    pub current: Option<DocId>,
}

/// How a page of a document is being shown: at its pinned version URL or as
/// the current version, which decides where its cross-references point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    pub doc: DocId,
    /// Site-relative URL of the document in this view.
    pub base: String,
    pub is_current_alias: bool,
}

/// One page of output.
#[derive(Clone, Debug)]
pub struct Route {
    pub url: String,
    pub page: PageId,
    pub view: Option<View>,
    /// The route that reports the page's diagnostics; the current-version
    /// copy of a page would only repeat them.
    pub primary: bool,
    pub canonical: String,
}

/// The shape of the whole site.
#[derive(Debug, Default)]
pub struct Structure {
    pub docs: Vec<Document>,
    pub versioned: Vec<Versioned>,
    /// Each page's document and its path below the document's base.
    pub page_doc: Vec<Option<(DocId, String)>>,
    pub routes: Vec<Route>,
    /// URL → index in `routes`.
    pub by_url: BTreeMap<String, usize>,
    /// Each page's canonical URL (current view for the current version).
    pub page_url: Vec<String>,
    /// Section page → pages, documents and sections listed on it.
    pub children: BTreeMap<PageId, Vec<PageId>>,
    /// Pages with a primary route (their diagnostics are reported).
    pub primary: Vec<bool>,
    /// Pages shown at their canonical URL.
    pub shown_at_canonical: Vec<bool>,
    /// Content path key ("about/partners", "arrangements/masa/v1.0") → route index.
    pub content_keys: BTreeMap<String, usize>,
}

fn parent_dir(path: &str) -> &str {
    path.rfind('/').map(|i| &path[..i]).unwrap_or("")
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn stem(path: &str) -> &str {
    let n = file_name(path);
    n.strip_suffix(".md").unwrap_or(n)
}

/// URL of a content folder: each segment slugified, version folders kept.
fn dir_url(dir: &str) -> String {
    let mut url = String::new();
    for seg in dir.split('/').filter(|s| !s.is_empty()) {
        let s = if version_of_dir_name(seg).is_some() { seg.to_string() } else { slugify(seg) };
        url.push_str(&s);
        url.push('/');
    }
    url
}

/// The content-path key links use: no `.md`, no `index`, no slashes at the ends.
pub fn content_key(content_path: &str) -> String {
    let p = content_path.trim_start_matches("@/").trim_matches('/');
    let p = p.strip_suffix(".md").unwrap_or(p);
    let p = if p == "_index" || p == "index" { "" } else { p };
    let p = p.strip_suffix("/_index").or_else(|| p.strip_suffix("/index")).unwrap_or(p);
    p.to_string()
}

pub fn build(pages: &[SourcePage], sink: &Sink) -> Structure {
    let mut s = Structure { page_doc: vec![None; pages.len()], page_url: vec![String::new(); pages.len()], ..Default::default() };
    let by_path: BTreeMap<&str, PageId> = pages.iter().map(|p| (p.content_path.as_str(), p.id)).collect();

    // Documents: every index.md whose role is Document.
    let mut version_groups: BTreeMap<String, Vec<DocId>> = BTreeMap::new();
    for page in pages.iter().filter(|p| p.role == Role::Document) {
        let dir = parent_dir(&page.content_path);
        let folder = file_name(dir);
        let version_dir = version_of_dir_name(folder).filter(|_| !dir.is_empty() && dir.contains('/') || !dir.is_empty());
        let doc_id = DocId(s.docs.len());
        let (base, version) = match version_dir {
            Some(v) => {
                let folder_version = VersionNumber::parse(v).expect("version folder names are dotted numbers");
                let parent = parent_dir(dir).to_string();
                match &page.frontmatter.version {
                    Some(fv) if fv.same_as(&folder_version) => {}
                    Some(fv) => sink.push(
                        Diagnostic::error("version::mismatch", format!("this file says `version: {fv}` but it is in the folder `{folder}`"))
                            .at(&page.file, 2, 1)
                            .help(format!("set `version: \"{v}\"`, or move the file to a folder named `v{fv}`")),
                    ),
                    None => sink.push(
                        Diagnostic::error("version::mismatch", format!("a document in the version folder `{folder}` needs a version"))
                            .at(&page.file, 2, 1)
                            .help(format!("add `version: \"{v}\"` to the frontmatter")),
                    ),
                }
                version_groups.entry(parent.clone()).or_default().push(doc_id);
                let base = format!("{}{}/", logical_base(&parent, pages, &by_path), folder);
                (base, Some((VersionedId(0), folder_version)))
            }
            None => {
                let mut base = dir_url(dir);
                if let Some(slug) = &page.frontmatter.slug {
                    base = format!("{}{}/", dir_url(parent_dir(dir)), slugify(slug));
                    if dir.is_empty() {
                        base = String::new();
                    }
                }
                (base, None)
            }
        };
        let mut used_labels = BTreeSet::new();
        let appendices = appendix_nodes(dir, "", pages, &by_path, &mut used_labels, sink);
        let folder_prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
        let services = by_path
            .range(folder_prefix.as_str()..)
            .take_while(|(path, _)| path.starts_with(folder_prefix.as_str()))
            .map(|(_, &id)| &pages[id.0])
            .filter(|p| p.role == Role::Service && parent_dir(&p.content_path) == dir)
            .map(|p| (p.id, page_slug(p)))
            .collect();
        s.docs.push(Document { index: page.id, appendices, services, version, base });
    }

    // Versioned documents, oldest version first.
    for (parent, mut doc_ids) in version_groups {
        let vid = VersionedId(s.versioned.len());
        doc_ids.sort_by(|a, b| s.docs[a.0].version.as_ref().map(|v| &v.1).cmp(&s.docs[b.0].version.as_ref().map(|v| &v.1)));
        for d in &doc_ids {
            if let Some(v) = &mut s.docs[d.0].version {
                v.0 = vid;
            }
        }
        let status = |d: &DocId| pages[s.docs[d.0].index.0].frontmatter.status;
        let current = doc_ids
            .iter()
            .rev()
            .find(|d| status(d) == Status::Published)
            .or_else(|| doc_ids.iter().rev().find(|d| status(d) != Status::Withdrawn))
            .or(doc_ids.last())
            .copied();
        s.versioned.push(Versioned { base: logical_base(&parent, pages, &by_path), versions: doc_ids, current });
    }

    // Each page's place in its document.
    for (i, doc) in s.docs.iter().enumerate() {
        s.page_doc[doc.index.0] = Some((DocId(i), String::new()));
        fn walk(nodes: &[AppendixNode], doc: DocId, out: &mut Vec<Option<(DocId, String)>>) {
            for n in nodes {
                out[n.page.0] = Some((doc, n.rel.clone()));
                walk(&n.children, doc, out);
            }
        }
        walk(&doc.appendices, DocId(i), &mut s.page_doc);
        for (p, slug) in &doc.services {
            s.page_doc[p.0] = Some((DocId(i), format!("{slug}/")));
        }
    }

    // Routes.
    let mut routes: Vec<Route> = Vec::new();
    for page in pages {
        match (page.role, &s.page_doc[page.id.0]) {
            (Role::Home, _) => routes.push(simple_route(String::new(), page.id)),
            (Role::Section, _) => {
                let dir = parent_dir(&page.content_path);
                let url = match &page.frontmatter.slug {
                    Some(slug) => format!("{}{}/", dir_url(parent_dir(dir)), slugify(slug)),
                    None => dir_url(dir),
                };
                routes.push(simple_route(url, page.id));
            }
            (Role::Page, _) => {
                let url = join(&dir_url(parent_dir(&page.content_path)), &page_slug(page));
                routes.push(simple_route(url, page.id));
            }
            (_, Some((doc_id, rel))) => {
                let doc = &s.docs[doc_id.0];
                let pinned = format!("{}{rel}", doc.base);
                let current_base = doc.version.as_ref().and_then(|(vid, _)| {
                    let v = &s.versioned[vid.0];
                    (v.current == Some(*doc_id)).then(|| v.base.clone())
                });
                let canonical = match &current_base {
                    Some(b) => format!("{b}{rel}"),
                    None => pinned.clone(),
                };
                routes.push(Route {
                    url: pinned.clone(),
                    page: page.id,
                    view: Some(View { doc: *doc_id, base: doc.base.clone(), is_current_alias: false }),
                    primary: true,
                    canonical: canonical.clone(),
                });
                if let Some(b) = current_base {
                    routes.push(Route {
                        url: canonical.clone(),
                        page: page.id,
                        view: Some(View { doc: *doc_id, base: b, is_current_alias: true }),
                        primary: false,
                        canonical,
                    });
                }
            }
            (_, None) => {
                // An appendix whose document was not built (a draft document
                // without --drafts): it is not published either.
            }
        }
    }
    for (i, r) in routes.iter().enumerate() {
        match s.by_url.get(&r.url) {
            Some(&j) if routes[j].page != r.page => {
                let a = &pages[routes[j].page.0];
                let b = &pages[r.page.0];
                sink.push(
                    Diagnostic::error("content::slug-collision", format!("{} and {} would both be published at /{}", a.file, b.file, r.url))
                        .in_file(&b.file)
                        .help("rename one of the files, or give one a different `slug:` in its frontmatter"),
                );
            }
            Some(_) => {}
            None => {
                s.by_url.insert(r.url.clone(), i);
            }
        }
    }
    for r in &routes {
        if r.primary || s.page_url[r.page.0].is_empty() {
            s.page_url[r.page.0] = r.canonical.clone();
        }
    }
    s.primary = vec![false; pages.len()];
    s.shown_at_canonical = vec![false; pages.len()];
    for r in &routes {
        s.primary[r.page.0] |= r.primary;
        s.shown_at_canonical[r.page.0] |= r.url == r.canonical;
    }
    s.routes = routes;

    // Content keys for `@/` links: every file's own path, plus the logical
    // (unversioned) path of the current version's pages.
    for (i, r) in s.routes.iter().enumerate() {
        let page = &pages[r.page.0];
        let key = content_key(&page.content_path);
        match &r.view {
            Some(v) if v.is_current_alias => {
                // "arrangements/masa/v2.0/appendix-1" → "arrangements/masa/appendix-1"
                let dir = parent_dir(&pages[s.docs[v.doc.0].index.0].content_path);
                if let Some(rest) = key.strip_prefix(dir) {
                    let logical = format!("{}{}", parent_dir(dir), rest);
                    s.content_keys.insert(logical, i);
                }
            }
            _ => {
                s.content_keys.entry(key).or_insert(i);
            }
        }
    }

    // Listings: each listable page goes on its nearest ancestor section.
    let sections: BTreeMap<String, PageId> =
        pages.iter().filter(|p| matches!(p.role, Role::Section | Role::Home)).map(|p| (parent_dir(&p.content_path).to_string(), p.id)).collect();
    let mut listed: Vec<(PageId, String)> = Vec::new();
    for page in pages {
        let dir = parent_dir(&page.content_path);
        let listing_dir = match page.role {
            Role::Page => dir.to_string(),
            Role::Section => parent_dir(dir).to_string(),
            Role::Document => match &s.page_doc[page.id.0] {
                Some((d, _)) => match &s.docs[d.0].version {
                    Some((vid, _)) if s.versioned[vid.0].current == Some(*d) => parent_dir(parent_dir(dir)).to_string(),
                    Some(_) => continue,
                    None => parent_dir(dir).to_string(),
                },
                None => continue,
            },
            _ => continue,
        };
        if page.role == Role::Section && dir.is_empty() {
            continue;
        }
        listed.push((page.id, listing_dir));
    }
    for (page, mut dir) in listed {
        loop {
            if let Some(&section) = sections.get(dir.as_str()) {
                if section != page {
                    s.children.entry(section).or_default().push(page);
                }
                break;
            }
            if dir.is_empty() {
                break;
            }
            dir = parent_dir(&dir).to_string();
        }
    }
    for list in s.children.values_mut() {
        list.sort_by(|a, b| {
            let pa = &pages[a.0];
            let pb = &pages[b.0];
            (pa.frontmatter.weight.unwrap_or(0), pa.title()).cmp(&(pb.frontmatter.weight.unwrap_or(0), pb.title()))
        });
    }
    s
}

fn simple_route(url: String, page: PageId) -> Route {
    Route { canonical: url.clone(), url, page, view: None, primary: true }
}

fn page_slug(page: &SourcePage) -> String {
    match &page.frontmatter.slug {
        Some(s) => slugify(s),
        None => slugify(stem(&page.content_path)),
    }
}

/// URL of a versioned document's folder, honouring a `slug:` on its versions.
fn logical_base(parent: &str, _pages: &[SourcePage], _by_path: &BTreeMap<&str, PageId>) -> String {
    dir_url(parent)
}

fn appendix_nodes(
    dir: &str,
    rel_prefix: &str,
    pages: &[SourcePage],
    by_path: &BTreeMap<&str, PageId>,
    used: &mut BTreeSet<String>,
    sink: &Sink,
) -> Vec<AppendixNode> {
    let prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
    let mut nodes = Vec::new();
    let mut scoped_labels: BTreeMap<String, String> = BTreeMap::new();
    // Only the files below this folder: a range of the sorted paths, so
    // the cost follows the folder's size, not the site's.
    let below = by_path.range(prefix.as_str()..).take_while(|(path, _)| path.starts_with(prefix.as_str()));
    for (_, &id) in below {
        let page = &pages[id.0];
        let Some(rest) = page.content_path.strip_prefix(&prefix) else {
            continue;
        };
        let (name, is_folder) = match rest.split_once('/') {
            None if rest != "index.md" && rest != "_index.md" && page.role == Role::Appendix => (stem(rest).to_string(), false),
            Some((folder, "index.md")) if page.role == Role::Appendix => (folder.to_string(), true),
            _ => continue,
        };
        let from_name = AppendixLabel::from_stem(&name);
        let label = match (&page.frontmatter.label, from_name) {
            (Some(l), from) => AppendixLabel {
                word: from.map(|f| f.word).unwrap_or_else(|| "Appendix".into()),
                label: normalise_label(l.trim_start_matches("Appendix ").trim_start_matches("Annex ")),
            },
            (None, Some(from)) => from,
            (None, None) => AppendixLabel { word: "Appendix".into(), label: String::new() },
        };
        let slug = if is_folder { slugify(&name) } else { page_slug(page) };
        let rel = format!("{rel_prefix}{slug}/");
        let children = if is_folder {
            let mut inner = BTreeSet::new();
            appendix_nodes(&format!("{prefix}{name}"), &rel, pages, by_path, &mut inner, sink)
        } else {
            Vec::new()
        };
        if !label.label.is_empty()
            && let Some(other) = scoped_labels.insert(label.display(), page.file.clone())
        {
            sink.push(
                Diagnostic::warning("xref::duplicate-number", format!("{} is used by {} and by this file", label.display(), other))
                    .in_file(&page.file)
                    .help("give one of them a different `label:` in its frontmatter"),
            );
        }
        nodes.push(AppendixNode { page: page.id, label, rel, children });
    }
    // Unlabelled appendices are numbered after the numbered ones, in file order.
    let next = nodes.iter().filter_map(|n| n.label.label.parse::<u64>().ok()).max().unwrap_or(0) + 1;
    for (offset, n) in nodes.iter_mut().filter(|n| n.label.label.is_empty()).enumerate() {
        n.label.label = (next + offset as u64).to_string();
    }
    nodes.sort_by(|a, b| {
        let wa = pages[a.page.0].frontmatter.weight.unwrap_or(0);
        let wb = pages[b.page.0].frontmatter.weight.unwrap_or(0);
        (wa, a.label.sort_key()).cmp(&(wb, b.label.sort_key()))
    });
    for n in &nodes {
        used.insert(n.label.label.clone());
    }
    let _ = (by_path, Kind::Appendix);
    nodes
}
