//! Content rules that need no template: Working Together requirements,
//! review dates, Open Referral's required fields, and aliases.

use std::collections::BTreeMap;

use charter_core::dates::display_date;
use charter_core::diagnostics::did_you_mean;
use charter_core::model::{Kind, PageId, SourcePage, Status};
use charter_core::{Code, Diagnostic, Sink};

use crate::site::{Redirect, Site};

/// Runs every rule on the site.
pub(crate) fn check(site: &Site, sink: &Sink) {
    requirements(site, sink);
    reviews(site, sink);
    services(site, sink);
}

/// `requirements:` of arrangements against the built-in Working Together list.
fn requirements(site: &Site, sink: &Sink) {
    let s = site.structure();
    for page in site.pages().iter().filter(|p| p.kind == Kind::Arrangements) {
        // Old versions are history: what they lacked is not a task.
        if !s.is_primary(page.id) || site.is_other_version(page.id) {
            continue;
        }
        for (id, anchor, line) in &page.frontmatter.requirements {
            check_requirement(site, page, id, anchor, *line, sink);
        }
        let missing = site
            .requirements
            .iter()
            .filter(|r| !page.frontmatter.requirements.iter().any(|(k, _, _)| *k == r.id));
        for r in missing {
            let (how, severity) = if r.is_must() { ("must", true) } else { ("should", false) };
            let message = format!(
                "these arrangements do not say where they meet `{}` ({}), which Working Together \
                 says they {how} include",
                r.id, r.title
            );
            let d = if severity {
                Diagnostic::warning(Code::MasaRequirementMissing, message)
            } else {
                Diagnostic::note(Code::MasaRequirementMissing, message)
            };
            sink.push(d.at(&page.file, 2, 1).help(format!(
                "add `{}: \"#section-N\"` under `requirements:` in the frontmatter, pointing at \
                 the section that covers it",
                r.id
            )));
        }
    }
}

fn check_requirement(
    site: &Site,
    page: &SourcePage,
    id: &str,
    anchor: &str,
    line: usize,
    sink: &Sink,
) {
    let ids: Vec<&str> = site.requirements.iter().map(|r| r.id.as_str()).collect();
    if !ids.contains(&id) {
        let hint = match did_you_mean(id, ids.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("the requirement ids are: {}", ids.join(", ")),
        };
        sink.push(
            Diagnostic::error(
                Code::MasaUnknownRequirement,
                format!("`{id}` is not a Working Together requirement"),
            )
            .at(&page.file, line, 1)
            .help(hint),
        );
        return;
    }
    if !site.anchors(page.id).ids.contains(anchor.trim_start_matches('#')) {
        sink.push(
            Diagnostic::error(
                Code::LinkBroken,
                format!("requirement `{id}` points at `{anchor}`, which is not on this page"),
            )
            .at(&page.file, line, 1)
            .help("use the id of a numbered heading, e.g. \"#section-12\" for `## 12. Independent scrutiny`"),
        );
    }
}

/// Whether a page's review is overdue: a current, published page whose
/// `review_due` has passed. Annual reports record a year that is over and
/// superseded or withdrawn documents are no longer in force, so neither is
/// ever due (SPEC §4). The page's banner, its print page's, the reviews
/// page and `review::overdue` all ask this one question.
pub fn review_overdue(site: &Site, page: PageId) -> bool {
    let p = site.page(page);
    let Some(due) = p.frontmatter.review_due else { return false };
    due < site.today
        && p.kind != Kind::AnnualReport
        && site.structure().is_shown_at_canonical(page)
        && !site.is_other_version(page)
        && !matches!(p.frontmatter.status, Status::Superseded | Status::Withdrawn)
}

/// Documents whose review date has passed: once per document, on the
/// version readers see (a superseded version is not due for review).
fn reviews(site: &Site, sink: &Sink) {
    for page in site.pages() {
        if !review_overdue(site, page.id) {
            continue;
        }
        let Some(due) = page.frontmatter.review_due else { continue };
        sink.push(
            Diagnostic::warning(
                Code::ReviewOverdue,
                format!("this document was due for review on {}", display_date(due)),
            )
            .at(&page.file, page.key_line("review_due"), 1)
            .spanning("review_due".len())
            .help("review the document; then set `review_due:` to the next review date (and `updated:` to today)"),
        );
    }
}

/// Services must carry what Open Referral UK requires of a service (a name,
/// a description and a way to get in touch), or the published directory
/// data is rejected by the directories that read it.
fn services(site: &Site, sink: &Sink) {
    for page in site.pages().iter().filter(|p| p.kind == Kind::Service) {
        let fm = &page.frontmatter;
        let mut missing = Vec::new();
        if fm.summary.as_deref().is_none_or(|s| s.trim().is_empty()) {
            missing.push("`summary:` (its description)");
        }
        if fm
            .contact
            .as_ref()
            .is_none_or(|c| c.phone.is_none() && c.email.is_none() && c.url.is_none())
        {
            missing.push("`contact:` with a phone number, email or web address");
        }
        if !missing.is_empty() {
            sink.push(
                Diagnostic::warning(
                    Code::OfferOpenReferral,
                    format!("this service lacks {}, which Open Referral UK requires", missing.join(" and ")),
                )
                .at(&page.file, 2, 1)
                .help("add the missing keys to the service's frontmatter, e.g. summary: One sentence on what it does."),
            );
        }
        if let Some(a) = &fm.ages
            && a.min > a.max
        {
            sink.push(
                Diagnostic::error(
                    Code::OfferOpenReferral,
                    format!(
                        "`ages: {{ min: {}, max: {} }}`: the minimum is above the maximum",
                        a.min, a.max
                    ),
                )
                .at(&page.file, 2, 1)
                .help("swap the two ages"),
            );
        }
    }
}

/// The aliases of every page that can be written as redirects: none that
/// would climb out of the site, none that cannot be a file name, none
/// claimed twice. Clashes with published files are checked at the end,
/// when every file is known.
pub(crate) fn redirects(site: &Site, sink: &Sink) -> Vec<Redirect> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for p in site.pages().iter().filter(|p| !p.frontmatter.aliases.is_empty()) {
        let line = p.key_line("aliases");
        for alias in &p.frontmatter.aliases {
            let refuse = |why: &str| {
                Diagnostic::error(
                    Code::OutputRefused,
                    format!("the alias `{}` {why}", alias.escape_debug()),
                )
                .at(&p.file, line, 1)
                .help("write aliases as plain paths from the site's root, e.g. /old-arrangements/")
            };
            // A backslash is a separator on Windows: it could climb out there.
            if alias.contains('\\') || alias.split('/').any(|s| s == ".." || s == ".") {
                sink.push(refuse("would be written outside the site"));
                continue;
            }
            if alias.chars().any(char::is_control) || alias.split('/').any(|s| s.len() > 200) {
                sink.push(refuse("cannot be a file name"));
                continue;
            }
            let path = alias_path(alias);
            if let Some(other) = seen.get(&path) {
                sink.push(
                    Diagnostic::error(
                        Code::ContentSlugCollision,
                        format!("the alias `{alias}` is claimed by {other} too"),
                    )
                    .at(&p.file, line, 1)
                    .help("keep the alias on one page only"),
                );
                continue;
            }
            seen.insert(path.clone(), p.file.clone());
            out.push(Redirect { page: p.id, alias: alias.clone(), path });
        }
    }
    out
}

/// The output file an alias is written to.
fn alias_path(alias: &str) -> String {
    let clean = alias.trim().trim_start_matches('/');
    if clean.ends_with(".html") {
        clean.to_string()
    } else if clean.is_empty() || clean.ends_with('/') {
        format!("{clean}index.html")
    } else {
        format!("{clean}/index.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_paths() {
        assert_eq!(alias_path("/old/"), "old/index.html");
        assert_eq!(alias_path("old"), "old/index.html");
        assert_eq!(alias_path("/old.html"), "old.html");
        assert_eq!(alias_path("/"), "index.html");
    }
}
