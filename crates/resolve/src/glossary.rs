//! Finding glossary terms and unknown acronyms in running text.
//!
//! One Aho-Corasick automaton over every term and alias finds all matches
//! in a single pass, so the cost grows with the text, not the glossary.

use std::collections::BTreeSet;

use aho_corasick::{AhoCorasick, MatchKind};

use charter_core::model::Glossary;

/// A term found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermMatch {
    /// Byte offset where the term starts.
    pub start: usize,
    /// Byte offset where it ends (before any plural or possessive).
    pub end: usize,
    /// Its entry's index in the glossary.
    pub entry: usize,
}

/// The compiled glossary.
#[derive(Debug)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// Pattern index → entry index.
    entries: Vec<usize>,
    /// Words that are neither glossary terms nor acronyms.
    ignore: BTreeSet<String>,
    /// Every term and alias, for the undefined-acronym check.
    known: BTreeSet<String>,
}

impl Matcher {
    /// Compiles every term and alias of `glossary`; `ignore` lists words
    /// that are never acronyms.
    pub fn new(glossary: &Glossary, ignore: &[String]) -> Matcher {
        let mut patterns = Vec::new();
        let mut entries = Vec::new();
        for (name, &entry) in &glossary.lookup {
            patterns.push(name.clone());
            entries.push(entry);
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&patterns).ok()
        };
        Matcher {
            automaton,
            entries,
            ignore: ignore.iter().cloned().collect(),
            known: glossary.lookup.keys().cloned().collect(),
        }
    }

    /// Whole-word matches of terms in `text`. A plural ("CCGs") or a
    /// possessive ("MASH's") matches its term; the suffix is not part of
    /// the match.
    pub fn find(&self, text: &str) -> Vec<TermMatch> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in ac.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            if before.is_some_and(is_word_char) {
                continue;
            }
            let rest = &text[m.end()..];
            let suffix_len = if rest.starts_with("'s") || rest.starts_with("’s") {
                rest.find('s').map(|i| i + 1).unwrap_or(0)
            } else if rest.starts_with('s') {
                1
            } else {
                0
            };
            let after = rest[suffix_len..].chars().next();
            if after.is_some_and(is_word_char) {
                // "MASHES" or "LADOship": try without the suffix.
                if suffix_len > 0 || rest.chars().next().is_some_and(is_word_char) {
                    continue;
                }
            }
            out.push(TermMatch {
                start: m.start(),
                end: m.end(),
                entry: self.entries[m.pattern().as_usize()],
            });
        }
        out
    }

    /// Words that look like acronyms (two or more capitals, "CiC", "EHCPs")
    /// and are not known, with their byte offsets. Runs of three or more
    /// capitalised words are shouting, not acronyms.
    pub fn unknown_acronyms(&self, text: &str) -> Vec<(usize, String)> {
        // An acronym has two capitals at most one letter apart ("DSL",
        // "CiC"): text without that pair needs no further look.
        let b = text.as_bytes();
        let has_pair = (0..b.len().saturating_sub(1)).any(|i| {
            b[i].is_ascii_uppercase()
                && (b[i + 1].is_ascii_uppercase()
                    || b.get(i + 2)
                        .is_some_and(|c| c.is_ascii_uppercase() && b[i + 1].is_ascii_lowercase()))
        });
        if !has_pair && text.is_ascii() {
            return Vec::new();
        }
        let words = words(text);
        let mut out = Vec::new();
        let caps: Vec<bool> = words.iter().map(|(_, w)| is_all_caps_word(w)).collect();
        let runs = run_lengths(&caps);
        for (i, (offset, word)) in words.iter().enumerate() {
            if !looks_like_acronym(word) {
                continue;
            }
            if runs[i] >= 3 {
                continue;
            }
            let base = word.strip_suffix('s').filter(|b| looks_like_acronym(b)).unwrap_or(word);
            if self.known.contains(*word)
                || self.known.contains(base)
                || self.ignore.contains(*word)
                || self.ignore.contains(base)
            {
                continue;
            }
            if is_roman_numeral(base) {
                continue;
            }
            out.push((*offset, base.to_string()));
        }
        out
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push((s, &text[s..i]));
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn is_all_caps_word(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 1 && word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// Two or more capitals, starting with one, and never two lower-case
/// letters in a row ("CiC" and "EHCPs" yes; "McDonald" no).
pub fn looks_like_acronym(word: &str) -> bool {
    let mut chars = word.chars();
    if !chars.next().is_some_and(|c| c.is_uppercase()) {
        return false;
    }
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    if upper < 2 {
        return false;
    }
    let mut previous_lower = false;
    for c in word.chars() {
        let lower = c.is_lowercase();
        if lower && previous_lower {
            return false;
        }
        previous_lower = lower;
    }
    word.chars().all(|c| c.is_alphanumeric())
}

/// For each word, the length of the run of all-capital words it is in
/// (0 if it is not one), in one pass.
fn run_lengths(caps: &[bool]) -> Vec<usize> {
    let mut out = vec![0; caps.len()];
    let mut i = 0;
    while i < caps.len() {
        if !caps[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < caps.len() && caps[i] {
            i += 1;
        }
        for slot in &mut out[start..i] {
            *slot = i - start;
        }
    }
    out
}

fn is_roman_numeral(word: &str) -> bool {
    word.len() <= 5
        && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
        && word != "CD"
        && word != "DC"
}

#[cfg(test)]
mod tests {
    use super::*;
    use charter_core::model::{Entry, Sense};

    fn glossary(terms: &[&str]) -> Glossary {
        let mut g = Glossary::default();
        for (i, t) in terms.iter().enumerate() {
            g.entries.push(Entry {
                term: t.to_string(),
                slug: t.to_lowercase(),
                aliases: vec![],
                see_also: vec![],
                senses: vec![Sense {
                    id: None,
                    expansion: String::new(),
                    definition: None,
                    replaced_by: None,
                    anchor: t.to_lowercase(),
                }],
                line: 1,
            });
            g.lookup.insert(t.to_string(), i);
        }
        g
    }

    #[test]
    fn whole_words_plurals_and_possessives() {
        let m = Matcher::new(&glossary(&["MASH", "CCG", "ICB"]), &[]);
        let found: Vec<&str> = m
            .find("The MASH's staff, two CCGs, ICBX and SMASH.")
            .iter()
            .map(|t| &"The MASH's staff, two CCGs, ICBX and SMASH."[t.start..t.end])
            .collect();
        assert_eq!(found, vec!["MASH", "CCG"]);
    }

    #[test]
    fn case_sensitive() {
        let m = Matcher::new(&glossary(&["SEND"]), &[]);
        assert!(m.find("Please send it").is_empty());
        assert_eq!(m.find("The SEND offer").len(), 1);
    }

    #[test]
    fn unknown_acronyms_skip_shouting_and_known_words() {
        let m = Matcher::new(&glossary(&["MASH"]), &["PDF".to_string()]);
        let u: Vec<String> = m
            .unknown_acronyms(
                "MASH and the DSL read the PDF. THE FULL TEXT HERE. CiC, EHCPs, McDonald, II",
            )
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(u, vec!["DSL", "CiC", "EHCP"]);
    }
}
