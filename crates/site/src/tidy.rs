//! Diagnostics as the user sees them: the config's policy applied, the
//! final-HTML repeats of placed findings dropped, one undefined-acronym
//! warning per word, and the glossary's unused terms noted.

use std::collections::{BTreeMap, BTreeSet};

use charter_core::config::Config;
use charter_core::diagnostics::{apply_policy, sort_for_report};
use charter_core::{Code, Diagnostic, Fact, Sink};
use charter_render::Facts;
use charter_resolve::Site;

/// Every diagnostic of a build, tidied and sorted.
pub(crate) fn finish(items: Vec<Diagnostic>, config: &Config) -> Vec<Diagnostic> {
    let items = group_unchecked(group_acronyms(items));
    let items =
        apply_policy(items, &config.diagnostics.deny_codes(), &config.diagnostics.allow_codes());
    let mut items = drop_repeats(items);
    // Causes first: what stopped a page loading, then other errors,
    // warnings and notes, each by file and line.
    sort_for_report(&mut items);
    items
}

/// A glossary term no page uses is worth a note.
pub(crate) fn glossary_notes(site: &Site, facts: &Facts, sink: &Sink) {
    for (i, e) in site.glossary.entries.iter().enumerate() {
        if !facts.term_uses.contains_key(&i) {
            sink.push(
                Diagnostic::note(
                    Code::GlossaryUnused,
                    format!("`{}` is never used on the site", e.term),
                )
                .at(charter_load::glossary::FILE, e.line, 1)
                .help("keep it if readers may look it up; otherwise remove it from the glossary"),
            );
        }
    }
}

/// The final-HTML checks find again what the Markdown stage already
/// reported with a line; keep the placed one only.
fn drop_repeats(items: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let is_a11y = |d: &Diagnostic| matches!(d.code.area(), "a11y" | "security");
    let placed: BTreeSet<(Code, Option<String>)> = items
        .iter()
        .filter(|d| d.line > 0 && is_a11y(d))
        .map(|d| (d.code, d.file.clone()))
        .collect();
    items
        .into_iter()
        .filter(|d| d.line > 0 || !is_a11y(d) || !placed.contains(&(d.code, d.file.clone())))
        .collect()
}

/// One note per file that failed to load, counting the links and
/// references to it that could not be checked: the error that stopped it
/// is the thing to fix.
fn group_unchecked(items: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut files: BTreeMap<String, (usize, usize, Vec<String>)> = BTreeMap::new();
    for d in items {
        let Some(Fact::Unchecked { file, reference }) = d.fact.as_deref() else {
            out.push(d);
            continue;
        };
        let entry = files.entry(file.clone()).or_default();
        if *reference {
            entry.1 += 1;
        } else {
            entry.0 += 1;
        }
        entry.2.push(format!("{}:{}:{}", d.file.clone().unwrap_or_default(), d.line, d.column));
    }
    for (file, (links, references, places)) in files {
        let count = |n: usize, what: &str| match n {
            0 => None,
            1 => Some(format!("1 {what}")),
            n => Some(format!("{n} {what}s")),
        };
        let what: Vec<String> =
            [count(links, "link"), count(references, "reference")].into_iter().flatten().collect();
        let verb = if links + references == 1 { "was" } else { "were" };
        out.push(
            Diagnostic::note(
                Code::LinkUnchecked,
                format!(
                    "{} to {file} {verb} not checked because it failed to load (from {})",
                    what.join(" and "),
                    places.join(", ")
                ),
            )
            .in_file(file)
            .help("fix the error reported for this file; its links are checked once it loads"),
        );
    }
    out
}

/// One `glossary::undefined-acronym` per word, listing every place it is used.
fn group_acronyms(items: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut words: BTreeMap<String, (Diagnostic, Vec<String>)> = BTreeMap::new();
    for d in items {
        let Some(Fact::Acronym(word)) = d.fact.as_deref().cloned() else {
            out.push(d);
            continue;
        };
        let place = format!("{}:{}:{}", d.file.clone().unwrap_or_default(), d.line, d.column);
        match words.get_mut(&word) {
            Some((_, places)) => places.push(place),
            None => {
                words.insert(word, (d, vec![place]));
            }
        }
    }
    for (_, (mut d, places)) in words {
        if places.len() > 1 {
            d.message =
                format!("{} (used {} times: {})", d.message, places.len(), places.join(", "));
        }
        out.push(d);
    }
    out
}
