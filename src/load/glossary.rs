//! `data/glossary.yaml`: the partnership's terms, read and checked.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Sink};
use crate::load::yaml::{self, Origin};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    term: String,
    #[serde(default)]
    expansion: Option<String>,
    #[serde(default)]
    definition: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    see_also: Vec<String>,
    #[serde(default)]
    senses: Vec<RawSense>,
    #[serde(default)]
    replaced_by: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSense {
    id: String,
    expansion: String,
    #[serde(default)]
    definition: Option<String>,
    #[serde(default)]
    replaced_by: Option<String>,
}

/// One meaning of a term.
#[derive(Clone, Debug, Serialize)]
pub struct Sense {
    /// `None` for a term with a single meaning.
    pub id: Option<String>,
    pub expansion: String,
    /// Markdown.
    pub definition: Option<String>,
    pub replaced_by: Option<String>,
    /// The entry's anchor on the glossary page.
    pub anchor: String,
}

/// A glossary entry.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub term: String,
    pub slug: String,
    pub aliases: Vec<String>,
    pub see_also: Vec<String>,
    pub senses: Vec<Sense>,
    /// 1-based line of `- term:` in glossary.yaml.
    pub line: usize,
}

impl Entry {
    /// The sense a page means: its frontmatter choice, else the first.
    pub fn sense(&self, chosen: Option<&str>) -> &Sense {
        chosen.and_then(|c| self.senses.iter().find(|s| s.id.as_deref() == Some(c))).unwrap_or(&self.senses[0])
    }
}

/// The glossary, in file order.
#[derive(Clone, Debug, Default)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    /// Term or alias → index in `entries`.
    pub lookup: BTreeMap<String, usize>,
}

pub const FILE: &str = "data/glossary.yaml";

/// Reads the glossary, reporting conflicts; a missing file is an empty glossary.
pub fn load(root: &Path, _config: &Config, sink: &Sink) -> Glossary {
    let path = root.join(FILE);
    if !path.exists() {
        return Glossary::default();
    }
    if !crate::load::data::inside(root, &path) {
        sink.push(crate::load::data::outside(FILE));
        return Glossary::default();
    }
    let Ok(bytes) = std::fs::read(&path) else {
        return Glossary::default();
    };
    let Ok(text) = String::from_utf8(bytes) else {
        sink.push(Diagnostic::error("content::utf8", "the glossary is not valid UTF-8").in_file(FILE).help("save the file as UTF-8"));
        return Glossary::default();
    };
    parse(&text, sink)
}

/// Parses glossary YAML text, reporting problems against `data/glossary.yaml`.
pub fn parse(text: &str, sink: &Sink) -> Glossary {
    let text = crate::load::normalise_newlines(text.strip_prefix('\u{feff}').unwrap_or(text));
    let raw: Vec<RawEntry> = match yaml::parse(&text, Origin { file: FILE, line_offset: 0 }, "glossary::invalid") {
        Ok(r) => r,
        Err(d) => {
            sink.push(d);
            return Glossary::default();
        }
    };
    let entry_lines: Vec<usize> = text.lines().enumerate().filter(|(_, l)| l.trim_start().starts_with("- term:")).map(|(i, _)| i + 1).collect();
    let mut glossary = Glossary::default();
    for (i, r) in raw.into_iter().enumerate() {
        let line = entry_lines.get(i).copied().unwrap_or(1);
        let term = r.term.trim().to_string();
        let slug = crate::resolve::urls::slugify(&term);
        let senses: Vec<Sense> = if r.senses.is_empty() {
            vec![Sense {
                id: None,
                expansion: r.expansion.clone().unwrap_or_default(),
                definition: r.definition.clone(),
                replaced_by: r.replaced_by.clone(),
                anchor: slug.clone(),
            }]
        } else {
            if r.expansion.is_some() {
                sink.push(
                    Diagnostic::error("glossary::conflict", format!("`{term}` has both an expansion and senses"))
                        .at(FILE, line, 1)
                        .help("give each sense its own expansion, and remove the entry's top-level expansion"),
                );
            }
            r.senses
                .into_iter()
                .map(|s| Sense {
                    anchor: format!("{slug}--{}", crate::resolve::urls::slugify(&s.id)),
                    id: Some(s.id),
                    expansion: s.expansion,
                    definition: s.definition,
                    replaced_by: s.replaced_by,
                })
                .collect()
        };
        if senses.iter().all(|s| s.expansion.trim().is_empty() && s.definition.is_none()) {
            sink.push(
                Diagnostic::warning("glossary::incomplete", format!("`{term}` has no expansion or definition"))
                    .at(FILE, line, 1)
                    .help("add `expansion:` (what the letters stand for) and `definition:`"),
            );
        }
        if let Some(&other) = glossary.lookup.get(&term) {
            // The second definition is reported and left out, so the page
            // never shows one term twice.
            let o = &glossary.entries[other];
            sink.push(
                Diagnostic::error("glossary::conflict", format!("`{term}` is defined twice: see lines {} and {line}", o.line))
                    .at(FILE, line, 1)
                    .help("merge the two entries; for a term with two meanings, use `senses:`"),
            );
            continue;
        }
        let index = glossary.entries.len();
        for name in std::iter::once(&term).chain(r.aliases.iter()) {
            if let Some(&other) = glossary.lookup.get(name) {
                let o = &glossary.entries[other];
                let what = if *name == term && o.term == term {
                    "is defined twice".to_string()
                } else {
                    format!("is both `{}` (line {}) and `{term}`", o.term, o.line)
                };
                sink.push(
                    Diagnostic::error("glossary::conflict", format!("`{name}` {what}: see lines {} and {line}", o.line))
                        .at(FILE, line, 1)
                        .help("merge the two entries; for a term with two meanings, use `senses:`"),
                );
                continue;
            }
            glossary.lookup.insert(name.clone(), index);
        }
        glossary.entries.push(Entry { term, slug, aliases: r.aliases, see_also: r.see_also, senses, line });
    }
    glossary
}
