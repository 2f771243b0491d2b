//! Phase 1: documents, their appendices and services; phase 2: versioned
//! documents and their current versions.

use std::collections::BTreeMap;
use std::ops::Bound;

use charter_core::model::{
    AppendixLabel, DocId, PageId, Role, SourcePage, Status, VersionNumber, VersionedId,
    normalise_label,
};
use charter_core::urls::{dir_url, file_name, parent_dir, slugify, stem, version_of_dir_name};
use charter_core::{Code, Diagnostic, Sink};

use super::tree::{AppendixNode, Document, Versioned};

/// Pages by content path, sorted, so a folder's files are a range.
pub(super) type ByPath<'a> = BTreeMap<&'a str, PageId>;

/// Version folders' documents, by the folder holding the `v*/` folders.
pub(super) type VersionGroups = BTreeMap<String, Vec<DocId>>;

/// Every `index.md` whose role is Document becomes a document.
pub(super) fn documents(
    pages: &[SourcePage],
    by_path: &ByPath<'_>,
    sink: &Sink,
) -> (Vec<Document>, VersionGroups) {
    let mut docs = Vec::new();
    let mut groups = VersionGroups::new();
    for page in pages.iter().filter(|p| p.role == Role::Document) {
        let dir = parent_dir(&page.content_path);
        let (base, version) = match version_folder(dir) {
            Some((parent, folder_version)) => {
                check_version(page, &folder_version, sink);
                groups.entry(parent.to_string()).or_default().push(DocId(docs.len()));
                let base = format!("{}{}/", dir_url(parent), file_name(dir));
                (base, Some((VersionedId(0), folder_version)))
            }
            None => (unversioned_base(page, dir), None),
        };
        let appendices = appendix_nodes(dir, "", pages, by_path, sink);
        let services = services(dir, pages, by_path);
        docs.push(Document { index: page.id, appendices, services, version, base });
    }
    (docs, groups)
}

/// The folder holding the `v*/` folders and the version, if `dir` is one.
fn version_folder(dir: &str) -> Option<(&str, VersionNumber)> {
    if dir.is_empty() {
        return None;
    }
    let number = version_of_dir_name(file_name(dir))?;
    Some((parent_dir(dir), VersionNumber::parse(number)?))
}

fn unversioned_base(page: &SourcePage, dir: &str) -> String {
    match &page.frontmatter.slug {
        Some(_) if dir.is_empty() => String::new(),
        Some(slug) => format!("{}{}/", dir_url(parent_dir(dir)), slugify(slug)),
        None => dir_url(dir),
    }
}

/// The `version:` in frontmatter must match the folder.
fn check_version(page: &SourcePage, folder_version: &VersionNumber, sink: &Sink) {
    let folder = format!("v{folder_version}");
    let line = page.key_line("version");
    match &page.frontmatter.version {
        Some(fv) if fv.same_as(folder_version) => {}
        Some(fv) => sink.push(
            Diagnostic::error(
                Code::VersionMismatch,
                format!("this file says `version: {fv}` but it is in the folder `{folder}`"),
            )
            .at(&page.file, line, 1)
            .spanning("version".len())
            .help(format!(
                "set `version: \"{folder_version}\"`, or move the file to a folder named `v{fv}`"
            )),
        ),
        None => sink.push(
            Diagnostic::error(
                Code::VersionMismatch,
                format!("a document in the version folder `{folder}` needs a version"),
            )
            .at(&page.file, line, 1)
            .help(format!("add `version: \"{folder_version}\"` to the frontmatter")),
        ),
    }
}

/// The files below a folder: a range of the sorted paths, so the cost
/// follows the folder's size, not the site's.
fn below<'a>(by_path: &ByPath<'a>, dir: &str) -> Vec<(&'a str, PageId)> {
    let prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
    by_path
        .range::<str, _>((Bound::Included(prefix.as_str()), Bound::Unbounded))
        .take_while(|(path, _)| path.starts_with(prefix.as_str()))
        .map(|(path, id)| (*path, *id))
        .collect()
}

fn services(dir: &str, pages: &[SourcePage], by_path: &ByPath<'_>) -> Vec<(PageId, String)> {
    below(by_path, dir)
        .into_iter()
        .map(|(_, id)| &pages[id.0])
        .filter(|p| p.role == Role::Service && parent_dir(&p.content_path) == dir)
        .map(|p| (p.id, page_slug(p)))
        .collect()
}

/// The last URL segment of a page: its `slug:` or its file name.
pub(super) fn page_slug(page: &SourcePage) -> String {
    match &page.frontmatter.slug {
        Some(s) => slugify(s),
        None => slugify(stem(&page.content_path)),
    }
}

/// The appendices in folder `dir`, nested folders included.
fn appendix_nodes(
    dir: &str,
    rel_prefix: &str,
    pages: &[SourcePage],
    by_path: &ByPath<'_>,
    sink: &Sink,
) -> Vec<AppendixNode> {
    let prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
    let mut nodes = Vec::new();
    let mut scoped_labels: BTreeMap<String, String> = BTreeMap::new();
    for (path, id) in below(by_path, dir) {
        let page = &pages[id.0];
        let rest = &path[prefix.len()..];
        let (name, is_folder) = match rest.split_once('/') {
            None if rest != "index.md" && rest != "_index.md" && page.role == Role::Appendix => {
                (stem(rest).to_string(), false)
            }
            Some((folder, "index.md")) if page.role == Role::Appendix => (folder.to_string(), true),
            _ => continue,
        };
        let label = label_of(page, &name);
        let slug = if is_folder { slugify(&name) } else { page_slug(page) };
        let rel = format!("{rel_prefix}{slug}/");
        let children = if is_folder {
            appendix_nodes(&format!("{prefix}{name}"), &rel, pages, by_path, sink)
        } else {
            Vec::new()
        };
        if !label.label.is_empty()
            && let Some(other) = scoped_labels.insert(label.display(), page.file.clone())
        {
            sink.push(
                Diagnostic::warning(
                    Code::XrefDuplicateNumber,
                    format!("{} is used by {} and by this file", label.display(), other),
                )
                .in_file(&page.file)
                .help("give one of them a different `label:` in its frontmatter"),
            );
        }
        nodes.push(AppendixNode { page: page.id, label, rel, children });
    }
    number_and_sort(&mut nodes, pages);
    nodes
}

/// An appendix's label: its `label:`, else its file name's.
fn label_of(page: &SourcePage, name: &str) -> AppendixLabel {
    let from_name = AppendixLabel::from_stem(name);
    match (&page.frontmatter.label, from_name) {
        (Some(l), from) => AppendixLabel {
            word: from.map(|f| f.word).unwrap_or_else(|| "Appendix".into()),
            label: normalise_label(l.trim_start_matches("Appendix ").trim_start_matches("Annex ")),
        },
        (None, Some(from)) => from,
        (None, None) => AppendixLabel { word: "Appendix".into(), label: String::new() },
    }
}

/// Unlabelled appendices are numbered after the numbered ones, in file
/// order; then all are ordered by weight and label.
fn number_and_sort(nodes: &mut [AppendixNode], pages: &[SourcePage]) {
    let next =
        nodes.iter().filter_map(|n| n.label.label.parse::<u64>().ok()).max().unwrap_or(0) + 1;
    for (offset, n) in nodes.iter_mut().filter(|n| n.label.label.is_empty()).enumerate() {
        n.label.label = (next + offset as u64).to_string();
    }
    nodes.sort_by(|a, b| {
        let wa = pages[a.page.0].frontmatter.weight.unwrap_or(0);
        let wb = pages[b.page.0].frontmatter.weight.unwrap_or(0);
        (wa, a.label.sort_key()).cmp(&(wb, b.label.sort_key()))
    });
}

/// Versioned documents, oldest version first, each with its current
/// version: the highest published one (else the highest not withdrawn).
pub(super) fn versioned(
    docs: &mut [Document],
    groups: VersionGroups,
    pages: &[SourcePage],
) -> Vec<Versioned> {
    let mut out = Vec::new();
    for (parent, mut doc_ids) in groups {
        let vid = VersionedId(out.len());
        doc_ids.sort_by(|a, b| docs[a.0].version_number().cmp(&docs[b.0].version_number()));
        for d in &doc_ids {
            if let Some(v) = &mut docs[d.0].version {
                v.0 = vid;
            }
        }
        let status = |d: &DocId| pages[docs[d.0].index.0].frontmatter.status;
        let current = doc_ids
            .iter()
            .rev()
            .find(|d| status(d) == Status::Published)
            .or_else(|| doc_ids.iter().rev().find(|d| status(d) != Status::Withdrawn))
            .or(doc_ids.last())
            .copied();
        out.push(Versioned { base: dir_url(&parent), versions: doc_ids, current });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::test_pages::pages;

    #[test]
    fn documents_versions_and_nested_appendices() {
        let pages = pages(&[
            ("a/d/v1.0/index.md", Role::Document, "version: \"1.0\""),
            ("a/d/v2.0/index.md", Role::Document, "version: \"2.0\""),
            ("a/d/v2.0/appendix-b/index.md", Role::Appendix, ""),
            ("a/d/v2.0/appendix-b/appendix-1.md", Role::Appendix, ""),
            ("a/d/v2.0/appendix-a.md", Role::Appendix, ""),
        ]);
        let by_path: ByPath<'_> = pages.iter().map(|p| (p.content_path.as_str(), p.id)).collect();
        let sink = Sink::default();
        let (mut docs, groups) = documents(&pages, &by_path, &sink);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].base, "a/d/v2.0/");
        let labels: Vec<String> = docs[1].appendix_tree().map(|s| s.node.label.display()).collect();
        assert_eq!(labels, vec!["Appendix A", "Appendix B", "Appendix 1"]);
        let v = versioned(&mut docs, groups, &pages);
        assert_eq!(v[0].base, "a/d/");
        assert_eq!(v[0].current, Some(DocId(1)));
        assert!(sink.take().is_empty());
    }

    #[test]
    fn a_version_that_does_not_match_its_folder_is_reported_on_its_line() {
        let pages = pages(&[("d/v1.0/index.md", Role::Document, "summary: S\nversion: \"2.0\"")]);
        let by_path: ByPath<'_> = pages.iter().map(|p| (p.content_path.as_str(), p.id)).collect();
        let sink = Sink::default();
        documents(&pages, &by_path, &sink);
        let ds = sink.take();
        assert_eq!((ds[0].code, ds[0].line), (Code::VersionMismatch, 4));
    }
}
