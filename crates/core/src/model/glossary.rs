//! The partnership's glossary, as read from `data/glossary.yaml`.

use std::collections::BTreeMap;

use serde::Serialize;

/// One meaning of a term.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Sense {
    /// `None` for a term with a single meaning.
    pub id: Option<String>,
    /// What the letters stand for.
    pub expansion: String,
    /// Markdown.
    pub definition: Option<String>,
    /// The term that replaced this one ("LSCB" → "safeguarding partnership").
    pub replaced_by: Option<String>,
    /// The entry's anchor on the glossary page.
    pub anchor: String,
}

/// A glossary entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Entry {
    /// The term as written: "MASH".
    pub term: String,
    /// Its anchor and URL segment: "mash".
    pub slug: String,
    /// Other spellings that mean it.
    pub aliases: Vec<String>,
    /// Related terms.
    pub see_also: Vec<String>,
    /// Its meanings; at least one.
    pub senses: Vec<Sense>,
    /// 1-based line of `- term:` in glossary.yaml.
    pub line: usize,
}

impl Entry {
    /// The sense a page means: its frontmatter choice, else the first.
    pub fn sense(&self, chosen: Option<&str>) -> &Sense {
        chosen
            .and_then(|c| self.senses.iter().find(|s| s.id.as_deref() == Some(c)))
            .unwrap_or(&self.senses[0])
    }
}

/// The glossary, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Glossary {
    /// The entries.
    pub entries: Vec<Entry>,
    /// Term or alias → index in `entries`.
    pub lookup: BTreeMap<String, usize>,
}
