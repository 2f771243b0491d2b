//! Diagnostics as the user sees them: the config's policy applied, the
//! final-HTML repeats of placed findings dropped, one undefined-acronym
//! warning per word, and the glossary's unused terms noted.

use std::collections::{BTreeMap, BTreeSet};

use charter_core::config::Config;
use charter_core::diagnostics::apply_policy;
use charter_core::{Code, Diagnostic, Fact, Sink};
use charter_render::Facts;
use charter_resolve::Site;

/// Every diagnostic of a build, tidied and sorted.
pub(crate) fn finish(items: Vec<Diagnostic>, config: &Config) -> Vec<Diagnostic> {
    let items =
        apply_policy(items, &config.diagnostics.deny_codes(), &config.diagnostics.allow_codes());
    let mut items = drop_repeats(group_acronyms(items));
    items.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code.as_str()).cmp(&(
            &b.file,
            b.line,
            b.column,
            b.code.as_str(),
        ))
    });
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

/// One `glossary::undefined-acronym` per word, listing every place it is used.
fn group_acronyms(items: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut words: BTreeMap<String, (Diagnostic, Vec<String>)> = BTreeMap::new();
    for d in items {
        let Some(Fact::Acronym(word)) = d.fact.as_deref().cloned() else {
            out.push(d);
            continue;
        };
        let place = format!("{}:{}", d.file.clone().unwrap_or_default(), d.line);
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
