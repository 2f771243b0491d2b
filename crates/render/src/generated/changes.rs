//! What changed between two versions of a document, as readers see it:
//! each version against the one before (`v2.0/changes/`) and any other
//! version against the current one (`compare/v1.0/`). The pages of both
//! versions are paired (`pairs`) and compared by `crate::compare`; only
//! pages whose text changed are read at all.

use charter_core::model::{DocId, Status};
use charter_resolve::{Generated, Site};
use serde_json::{Value, json};

use super::pairs::{Pair, Side, page_pairs};
use crate::Facts;
use crate::compare::{Comparison, SectionChange, Sources, blocks, page_html};
use crate::context::date;
use crate::facts::Blocks;
use crate::markdown::ShortcodeRenderer;
use crate::markdown::{PageState, render_changes};

/// The title and data of the changes page of version `doc`.
pub(super) fn changes_value(
    site: &Site,
    facts: &Facts,
    doc: DocId,
    shortcodes: &dyn ShortcodeRenderer,
) -> Option<(String, Value)> {
    let s = site.structure();
    let pair = changes_pair(site, doc)?;
    let number = s.doc(doc).version_number()?.to_string();
    let title = format!("What changed in version {number}: {}", site.doc_title(doc));
    let lede = format!("Version {number} compared with the version before it.");
    Some((title, shared_comparison(site, facts, pair, &lede, shortcodes)))
}

/// The versions (old, new) the changes page of version `doc` compares:
/// the one before it and itself.
fn changes_pair(site: &Site, doc: DocId) -> Option<(DocId, DocId)> {
    let v = site.structure().versioned_of(doc)?;
    let pos = v.versions.iter().position(|x| *x == doc)?;
    Some((*v.versions.get(pos.checked_sub(1)?)?, doc))
}

/// The versions (old, new) the page comparing `version` with `current`
/// compares: the earlier first (a draft or consultation version can come
/// after the current one).
fn compare_pair(site: &Site, version: DocId, current: DocId) -> Option<(DocId, DocId)> {
    let v = site.structure().versioned_of(current)?;
    let at = |d: DocId| v.versions.iter().position(|x| *x == d);
    let (a, b) = (at(version)?, at(current)?);
    Some(if a < b { (version, current) } else { (current, version) })
}

/// Tells `facts` every page the build's comparisons will read, so that a
/// page read by several (the current version is in every compare page) is
/// read once.
pub fn plan_comparisons(site: &Site, facts: &Facts) {
    let pairs: std::collections::BTreeSet<(DocId, DocId)> = site
        .generated
        .values()
        .filter_map(|what| match what {
            Generated::Changes(doc) => changes_pair(site, *doc),
            Generated::Compare { version, current } => compare_pair(site, *version, *current),
            _ => None,
        })
        .collect();
    let reads = pairs.into_iter().flat_map(|(old, new)| {
        page_pairs(site, old, new)
            .into_iter()
            .filter(|pair| !unchanged(site, pair))
            .flat_map(|pair| [pair.old, pair.new])
            .flatten()
            .map(|(page, _)| page)
    });
    facts.compared_blocks.plan(reads);
}

/// Whether a page reads the same in both versions: it is one line of the
/// comparison, and neither side is read into blocks.
fn unchanged(site: &Site, pair: &Pair) -> bool {
    matches!((&pair.old, &pair.new), (Some(o), Some(n))
        if site.page(o.0).body == site.page(n.0).body && site.page(o.0).title() == site.page(n.0).title())
}

/// The title and data of the page comparing `version` with `current`.
pub(super) fn compare_value(
    site: &Site,
    facts: &Facts,
    version: DocId,
    current: DocId,
    shortcodes: &dyn ShortcodeRenderer,
) -> Option<(String, Value)> {
    let s = site.structure();
    let pair = compare_pair(site, version, current)?;
    let number = s.doc(version).version_number()?.to_string();
    let current_number = s.doc(current).version_number()?.to_string();
    let status = site.page(s.doc(version).index).frontmatter.status;
    let title =
        format!("Version {number} compared with the current version: {}", site.doc_title(current));
    // The earlier version first: an older one, not a draft after the current.
    let lede = if pair.0 == version && version != current {
        format!(
            "What has changed since version {number}, up to the current version, {current_number}."
        )
    } else {
        let what = if status == Status::Consultation { "consultation" } else { "draft" };
        format!(
            "What {what} version {number} would change in the current version, {current_number}."
        )
    };
    Some((title, shared_comparison(site, facts, pair, &lede, shortcodes)))
}

/// [`comparison_value`], made once per pair of versions in a build.
fn shared_comparison(
    site: &Site,
    facts: &Facts,
    pair: (DocId, DocId),
    lede: &str,
    shortcodes: &dyn ShortcodeRenderer,
) -> Value {
    let once = {
        let mut made = facts.comparisons.lock().unwrap_or_else(|e| e.into_inner());
        made.entry(pair).or_default().clone()
    };
    // `comparison_value` runs no rayon work: a thread waiting inside it
    // cannot steal the other page of the pair and ask for this lock again.
    let mut value = once.get_or_init(|| comparison_value(site, facts, pair, shortcodes)).clone();
    value["lede"] = json!(lede);
    value
}

/// Everything the changes template shows for `old` → `new` but the lede.
fn comparison_value(
    site: &Site,
    facts: &Facts,
    (old, new): (DocId, DocId),
    shortcodes: &dyn ShortcodeRenderer,
) -> Value {
    let s = site.structure();
    let v = s.versioned_of(new);
    let version = |d: DocId| {
        let fm = &site.page(s.doc(d).index).frontmatter;
        json!({
            "number": s.doc(d).version_number().map(|n| n.to_string()),
            "href": site.href(&s.doc(d).base),
            "published": date(&fm.published),
        })
    };
    // The `changes:` notes of every version after `old`, up to `new`.
    // Terms link once across the notes, as on any other page.
    let mut state = PageState::default();
    let notes: Vec<Value> = v
        .map(|v| {
            let (a, b) = (
                v.versions.iter().position(|d| *d == old),
                v.versions.iter().position(|d| *d == new),
            );
            match (a, b) {
                (Some(a), Some(b)) => v.versions[a + 1..=b].iter().rev().copied().collect(),
                _ => Vec::new(),
            }
        })
        .unwrap_or_default()
        .into_iter()
        .filter_map(|d: DocId| {
            let html = render_changes(site, d, &mut state)?;
            Some(
                json!({ "number": s.doc(d).version_number().map(|n| n.to_string()), "html": html }),
            )
        })
        .collect();
    let (summary, unchanged, pages) = compare_pages(site, facts, (old, new), shortcodes);
    json!({
        "document": {
            "title": site.doc_title(new),
            "href": site.href(v.map_or(s.doc(new).base.as_str(), |v| v.base.as_str())),
            "history_href": v.map(|v| site.href(&format!("{}history/", v.base))),
        },
        "from": version(old),
        "to": version(new),
        "notes": notes,
        "summary": summary,
        "unchanged": unchanged,
        "pages": pages,
    })
}

/// A page's name in the comparison: "Appendix 3: Budget", "Appendix 1 of
/// Appendix 4: Template", or the document's title.
fn page_name(site: &Site, doc: DocId, side: &Side) -> String {
    let path = site.structure().doc(doc).appendix_path(side.0);
    let title = site.page(side.0).title();
    if path.is_empty() {
        return title.to_string();
    }
    let labels: Vec<String> = path.iter().rev().map(|n| n.label.display()).collect();
    format!("{}: {title}", labels.join(" of "))
}

/// The summary, the pages that did not change, and every page compared.
fn compare_pages(
    site: &Site,
    facts: &Facts,
    (old, new): (DocId, DocId),
    shortcodes: &dyn ShortcodeRenderer,
) -> (Vec<Value>, Vec<Value>, Vec<Value>) {
    let s = site.structure();
    let pairs = page_pairs(site, old, new);
    let sources = Sources { data: Some(&site.data), shortcodes: Some(shortcodes) };
    // Only pages whose text changed are read; the rest are one line.
    let mut inputs = Vec::new();
    let mut index = Vec::with_capacity(pairs.len());
    for pair in &pairs {
        if unchanged(site, pair) {
            index.push(None);
            continue;
        }
        let name = match (&pair.new, &pair.old) {
            (Some(n), _) => page_name(site, new, n),
            (None, Some(o)) => page_name(site, old, o),
            (None, None) => String::new(),
        };
        let read = |side: &Option<Side>| match side {
            Some((page, _)) => {
                facts.compared_blocks.read(*page, || blocks(&site.page(*page).body, sources))
            }
            None => Blocks::default(),
        };
        index.push(Some(inputs.len()));
        inputs.push((name, read(&pair.old), read(&pair.new)));
    }
    let cmp = Comparison::new(inputs);
    let (mut summary, mut same, mut pages) = (Vec::new(), Vec::new(), Vec::new());
    for (n, (pair, at)) in pairs.iter().zip(index).enumerate() {
        let (doc, side) = match (&pair.new, &pair.old) {
            (Some(side), _) => (new, side),
            (None, Some(side)) => (old, side),
            (None, None) => continue,
        };
        let name = page_name(site, doc, side);
        let read = site.href(&format!("{}{}", s.doc(doc).base, side.1));
        let anchor = format!("cmp-page-{n}");
        let status = match (&pair.old, &pair.new, at) {
            (None, _, _) => "added",
            (_, None, _) => "removed",
            (_, _, Some(p)) if cmp.changed(p) => "changed",
            _ => "unchanged",
        };
        let notes = page_notes(site, old, pair);
        if status == "unchanged" && notes.is_empty() {
            same.push(json!({ "title": name, "href": read }));
            continue;
        }
        let sections: Vec<Value> = match at {
            Some(p) if status == "changed" => cmp
                .summary(p)
                .into_iter()
                .map(|x| json!({ "change": x.change, "label": section_label(x.change), "title": x.title, "href": format!("#{}", x.anchor), "renumbered": x.renumbered }))
                .collect(),
            _ => Vec::new(),
        };
        summary.push(json!({ "change": status, "title": name, "href": format!("#{anchor}"), "notes": notes, "sections": sections }));
        let html = at.filter(|_| status != "unchanged").map(|p| page_html(&cmp, p, &read));
        pages.push(json!({ "id": anchor, "title": name, "status": status, "notes": notes, "href": read, "html": html }));
    }
    (summary, same, pages)
}

/// What else a reader is told about a page: a new label or a new title.
fn page_notes(site: &Site, old: DocId, pair: &Pair) -> Vec<String> {
    let (Some(o), Some(n)) = (&pair.old, &pair.new) else { return Vec::new() };
    let mut notes = Vec::new();
    if o.1 != n.1
        && let Some(label) = site.appendix_label(old, o.0)
    {
        notes.push(format!("relabelled (was {label})"));
    }
    let (was, now) = (site.page(o.0).title(), site.page(n.0).title());
    if was != now {
        notes.push(format!("title changed (was “{was}”)"));
    }
    notes
}

fn section_label(change: SectionChange) -> &'static str {
    match change {
        SectionChange::Added => "Added",
        SectionChange::Removed => "Removed",
        SectionChange::Renumbered => "Renumbered",
        SectionChange::Changed | SectionChange::Unchanged => "Changed",
    }
}
