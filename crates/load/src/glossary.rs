//! `data/glossary.yaml`: the partnership's terms, read and checked.

use std::path::Path;

use charter_core::model::{Entry, Glossary, Sense};
use charter_core::urls::slugify;
use charter_core::yaml::{self, Origin};
use charter_core::{Code, Diagnostic, Sink};
use serde::Deserialize;

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

/// Where the glossary lives, relative to the site root.
pub const FILE: &str = "data/glossary.yaml";

/// Reads the glossary, reporting conflicts; a missing file is an empty glossary.
pub fn load(root: &Path, sink: &Sink) -> Glossary {
    let path = root.join(FILE);
    if !path.exists() {
        return Glossary::default();
    }
    if !crate::data::inside(root, &path) {
        sink.push(crate::data::outside(FILE));
        return Glossary::default();
    }
    let Ok(bytes) = std::fs::read(&path) else {
        return Glossary::default();
    };
    let Ok(text) = String::from_utf8(bytes) else {
        sink.push(
            Diagnostic::error(Code::ContentUtf8, "the glossary is not valid UTF-8")
                .in_file(FILE)
                .help("save the file as UTF-8"),
        );
        return Glossary::default();
    };
    parse(&text, sink)
}

/// Parses glossary YAML text, reporting problems against `data/glossary.yaml`.
pub fn parse(text: &str, sink: &Sink) -> Glossary {
    let text = crate::page::normalise_newlines(text.strip_prefix('\u{feff}').unwrap_or(text));
    let origin = Origin { file: FILE, line_offset: 0 };
    let raw: Vec<RawEntry> = match read_plain(&text) {
        Some(r) => r,
        None => match yaml::parse(&text, origin, Code::GlossaryInvalid) {
            Ok(r) => r,
            Err(d) => {
                sink.push(d);
                return Glossary::default();
            }
        },
    };
    let entry_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("- term:"))
        .map(|(i, _)| i + 1)
        .collect();
    let mut glossary = Glossary::default();
    for (i, r) in raw.into_iter().enumerate() {
        let line = entry_lines.get(i).copied().unwrap_or(1);
        add_entry(&mut glossary, r, line, sink);
    }
    glossary
}

/// The entries as written, when the file is in the YAML that
/// `yaml::plain` reads (a list of `- term: …` entries with one-line values
/// is): serde-saphyr took a tenth of a ten-page build reading a 300-term
/// glossary. `None` leaves the file to serde-saphyr, which also says what
/// is wrong with it.
fn read_plain(text: &str) -> Option<Vec<RawEntry>> {
    yaml::plain::read_as(text)
}

/// Whether the plain reading of a glossary, where there is one, is
/// serde-saphyr's: for the tests and the fuzz target.
pub fn plain_reading_agrees(text: &str) -> bool {
    yaml::plain::agrees_as::<Vec<RawEntry>>(text)
}

fn add_entry(glossary: &mut Glossary, r: RawEntry, line: usize, sink: &Sink) {
    let term = r.term.trim().to_string();
    let slug = slugify(&term);
    let senses = senses_of(&r, &term, &slug, line, sink);
    if senses.iter().all(|s| s.expansion.trim().is_empty() && s.definition.is_none()) {
        sink.push(
            Diagnostic::warning(
                Code::GlossaryIncomplete,
                format!("`{term}` has no expansion or definition"),
            )
            .at(FILE, line, 1)
            .help("add `expansion:` (what the letters stand for) and `definition:`"),
        );
    }
    let conflict = |message: String| {
        Diagnostic::error(Code::GlossaryConflict, message)
            .at(FILE, line, 1)
            .help("merge the two entries; for a term with two meanings, use `senses:`")
    };
    if let Some(&other) = glossary.lookup.get(&term) {
        // The second definition is reported and left out, so the page
        // never shows one term twice.
        let o = &glossary.entries[other];
        sink.push(conflict(format!("`{term}` is defined twice: see lines {} and {line}", o.line)));
        return;
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
            sink.push(conflict(format!("`{name}` {what}: see lines {} and {line}", o.line)));
            continue;
        }
        glossary.lookup.insert(name.clone(), index);
    }
    glossary.entries.push(Entry {
        term,
        slug,
        aliases: r.aliases,
        see_also: r.see_also,
        senses,
        line,
    });
}

fn senses_of(r: &RawEntry, term: &str, slug: &str, line: usize, sink: &Sink) -> Vec<Sense> {
    if r.senses.is_empty() {
        return vec![Sense {
            id: None,
            expansion: r.expansion.clone().unwrap_or_default(),
            definition: r.definition.clone(),
            replaced_by: r.replaced_by.clone(),
            anchor: slug.to_string(),
        }];
    }
    if r.expansion.is_some() {
        sink.push(
            Diagnostic::error(
                Code::GlossaryConflict,
                format!("`{term}` has both an expansion and senses"),
            )
            .at(FILE, line, 1)
            .help("give each sense its own expansion, and remove the entry's top-level expansion"),
        );
    }
    r.senses
        .iter()
        .map(|s| Sense {
            anchor: format!("{slug}--{}", slugify(&s.id)),
            id: Some(s.id.clone()),
            expansion: s.expansion.clone(),
            definition: s.definition.clone(),
            replaced_by: s.replaced_by.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ways a glossary entry is written, the plain reader's and the
    /// others, for [`plain_reading_agrees`].
    const FORMS: &[&str] = &[
        "- term: MASH\n  expansion: Multi-Agency Safeguarding Hub\n",
        "- term: SCR\n  senses:\n    - { id: a, expansion: Serious Case Review }\n    - { id: b, expansion: Single Central Record, definition: \"A list: of checks\" }\n",
        "- term: \"LADO\"\n  expansion: 'Local Authority Designated Officer'\n  aliases: [Local Authority Designated Officer, LA DO]\n  see_also: [MASH]\n",
        "- term: CP-IS\n  expansion: Child Protection – Information Sharing\n  definition: The partnership’s system; it links records.\n",
        "- term: LSCB\n  expansion: Local Safeguarding Children Board\n  replaced_by: MASA\n",
        "- term: 111\n  expansion: The NHS line\n",
        "- term: NO\n  expansion: yes\n",
        "- term: X\n  definition: >\n    Folded\n    text.\n",
        "- term: X\n  definition: Runs\n    onto a second line.\n",
        "- term: X\n  colour: blue\n",
        "- term: X\n  expansion: A\n  expansion: B\n",
        "- term: X # a comment\n  expansion: A\n",
        "# Only a comment\n",
        "- term: X\n  definition: \"An \\\"escaped\\\" quote\"\n",
        "- term: X\n  definition:\n",
        "- term: X\n  aliases:\n    - One\n    - Two\n",
        "-\n  term: X\n",
        "term: X\n",
        "- { term: X, expansion: Y }\n",
    ];

    fn repository_glossaries() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        [
            "data/glossary.yaml",
            "docs/data/glossary.yaml",
            "tests/fixtures/realistic/data/glossary.yaml",
        ]
        .iter()
        .map(|f| std::fs::read_to_string(root.join(f)).expect("the repository's glossaries"))
        .collect()
    }

    #[test]
    fn the_plain_reading_is_serde_saphyrs() {
        let mut texts: Vec<String> = FORMS.iter().map(|t| t.to_string()).collect();
        texts.extend(repository_glossaries());
        for text in &texts {
            assert!(plain_reading_agrees(text), "{text:?}");
        }
        let plain: Vec<usize> =
            (0..FORMS.len()).filter(|&i| read_plain(FORMS[i]).is_some()).collect();
        assert_eq!(plain, [0, 1, 2, 3, 4, 14, 15, 16]);
    }

    #[test]
    fn the_repository_glossaries_are_read_the_plain_way() {
        for text in repository_glossaries() {
            let plain = read_plain(&text).expect("read the plain way");
            assert!(plain.len() > 10, "{} entries", plain.len());
        }
    }

    #[test]
    fn a_term_defined_twice_is_a_conflict_and_kept_once() {
        let sink = Sink::default();
        let g = parse("- term: MASH\n  expansion: A\n- term: MASH\n  expansion: B\n", &sink);
        assert_eq!(g.entries.len(), 1);
        let ds = sink.take();
        assert_eq!(ds[0].code, Code::GlossaryConflict);
        assert_eq!(ds[0].line, 3);
    }

    #[test]
    fn senses_get_their_own_anchors() {
        let sink = Sink::default();
        let g = parse("- term: SCR\n  senses:\n    - { id: a, expansion: X }\n", &sink);
        assert_eq!(g.entries[0].senses[0].anchor, "scr--a");
    }
}
