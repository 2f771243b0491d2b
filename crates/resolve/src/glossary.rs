//! Finding glossary terms and unknown acronyms in running text.
//!
//! One Aho-Corasick automaton over every term and alias, walked from each
//! place a word starts ([`WordStarts`]), finds all matches in a single
//! pass, so the cost grows with the text, not the glossary.

use std::collections::{HashMap, HashSet};

use charter_core::hash::{FixedState, fixed_set, fixed_state};
use charter_core::model::Glossary;

use crate::acronyms::{
    Word, capitalised_words, is_all_caps, is_numeral_in_context, is_ordinary, looks_like_acronym,
    words,
};
use crate::word_starts::WordStarts;

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
    automaton: Option<WordStarts>,
    /// Pattern index → entry index.
    entries: Vec<usize>,
    /// Words that are neither glossary terms nor acronyms.
    ignore: HashSet<String, FixedState>,
    /// Every term and alias, for the undefined-acronym check. Hashed: it
    /// is asked about every capitalised word of running text.
    known: HashSet<String, FixedState>,
    /// Acronym-like terms and aliases in capitals → entry, so that a
    /// spelling in other case (`CAMHs` for `CAMHS`) finds its term.
    folded: HashMap<String, usize, FixedState>,
}

impl Matcher {
    /// Compiles every term and alias of `glossary`; `ignore` lists words
    /// that are never acronyms.
    pub fn new(glossary: &Glossary, ignore: &[String]) -> Matcher {
        let mut patterns = Vec::new();
        let mut entries = Vec::new();
        let mut folded = HashMap::with_hasher(fixed_state());
        for (name, &entry) in &glossary.lookup {
            patterns.push(name.clone());
            entries.push(entry);
            if looks_like_acronym(name) {
                folded.entry(name.to_uppercase()).or_insert(entry);
            }
        }
        let automaton = WordStarts::new(&patterns);
        Matcher {
            automaton,
            entries,
            ignore: fixed_set(ignore.iter().cloned()),
            known: fixed_set(glossary.lookup.keys().cloned()),
            folded,
        }
    }

    /// Whole-word matches of terms in `text`. A plural ("CCGs") or a
    /// possessive ("MASH's") matches its term; the suffix is not part of
    /// the match. An acronym written in other case (`CAMHs`, `Camhs` is
    /// not one) matches the term it spells.
    pub fn find(&self, text: &str) -> Vec<TermMatch> {
        self.find_with(text, &Capitals::of(text))
    }

    /// [`Matcher::find`], given the text's [`Capitals`].
    pub fn find_with(&self, text: &str, capitals: &Capitals<'_>) -> Vec<TermMatch> {
        let mut out = self.exact(text);
        let Some(capitalised) = capitals.words.as_deref().filter(|_| !self.folded.is_empty())
        else {
            return out;
        };
        let exact = out.len();
        let mut next = 0;
        for &w in capitalised {
            // The exact matches are in order: step past those before the word.
            while next < exact && out[next].end <= w.start {
                next += 1;
            }
            let overlaps = next < exact && out[next].start < w.start + w.text.len();
            if overlaps || !looks_like_acronym(w.text) {
                continue;
            }
            let upper = w.text.to_uppercase();
            let base = upper.strip_suffix('S').filter(|b| self.folded.contains_key(*b));
            let entry = self.folded.get(&upper).or_else(|| base.and_then(|b| self.folded.get(b)));
            if let Some(&entry) = entry {
                out.push(TermMatch { start: w.start, end: w.start + w.text.len(), entry });
            }
        }
        out.sort_by_key(|m| m.start);
        out
    }

    fn exact(&self, text: &str) -> Vec<TermMatch> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in ac.find_iter(text) {
            let before = text[..m.start].chars().next_back();
            if before.is_some_and(is_word_char) {
                continue;
            }
            let rest = &text[m.end..];
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
            out.push(TermMatch { start: m.start, end: m.end, entry: self.entries[m.pattern] });
        }
        out
    }

    /// Whether `word` (or its singular) is a term, an alias, an acronym of
    /// one in other case, or ignored by the site.
    pub fn is_known(&self, word: &str) -> bool {
        // Most words asked about are terms as written: known before any
        // copy in capitals is made.
        if self.known.contains(word) {
            return true;
        }
        let base = word.strip_suffix('s').filter(|b| looks_like_acronym(b));
        if base.is_some_and(|b| self.known.contains(b) || self.ignore.contains(b))
            || self.ignore.contains(word)
        {
            return true;
        }
        let upper = word.to_uppercase();
        let upper_base = upper.strip_suffix('S');
        self.folded.contains_key(&upper) || upper_base.is_some_and(|b| self.folded.contains_key(b))
    }

    /// Words that look like acronyms and are not known, with their byte
    /// offsets: the word as written, less a plural `s` ("EHCPs" → `EHCP`).
    /// Ordinary words in capitals, runs of three or more capitalised words
    /// (all-caps headings) and Roman numerals in numeral context are not
    /// acronyms.
    pub fn unknown_acronyms(&self, text: &str) -> Vec<(usize, String)> {
        self.unknown_acronyms_with(text, &Capitals::of(text))
    }

    /// [`Matcher::unknown_acronyms`], given the text's [`Capitals`].
    pub fn unknown_acronyms_with(
        &self,
        text: &str,
        capitals: &Capitals<'_>,
    ) -> Vec<(usize, String)> {
        let Some(capitalised) = capitals.words.as_deref() else { return Vec::new() };
        if cuts_agree(text, capitals, capitalised) && self.all_capitalised_known(capitalised) {
            return Vec::new();
        }
        self.unknown_in_words(text)
    }

    /// [`Matcher::unknown_acronyms`] read word by word in context, the
    /// long way.
    fn unknown_in_words(&self, text: &str) -> Vec<(usize, String)> {
        let ws = words(text);
        let caps: Vec<bool> = ws.iter().map(|w| is_all_caps(w.text)).collect();
        let runs = run_lengths(&caps);
        let mut out = Vec::new();
        for (i, w) in ws.iter().enumerate() {
            if !looks_like_acronym(w.text) || runs[i] >= 3 || is_ordinary(w.text) {
                continue;
            }
            if self.is_known(w.text) || is_numeral_in_context(text, &ws, i) || in_a_name(text, w) {
                continue;
            }
            let plural =
                w.text.strip_suffix('s').filter(|b| looks_like_acronym(b) && is_all_caps(b));
            out.push((w.start, plural.unwrap_or(w.text).to_string()));
        }
        out
    }
}

/// Whether the capitalised words [`Capitals`] found are the words with
/// capitals [`words`] would cut the text into: always in ASCII text; in
/// other text when no character outside ASCII is a letter or a digit (a
/// curly quote or a dash, which both cuts end a word at) and no
/// capitalised word holds one (`MASH’s` is `MASH` and `s` to [`words`]).
/// Most real text has curly apostrophes, and was all read the long way.
fn cuts_agree(text: &str, capitals: &Capitals<'_>, capitalised: &[Word<'_>]) -> bool {
    capitals.ascii
        || capitalised.iter().all(|w| w.text.is_ascii())
            && text.chars().all(|c| c.is_ascii() || !c.is_alphanumeric())
}

impl Matcher {
    /// Whether every capitalised word of an ASCII text is known, ordinary
    /// or no acronym: then no word can be reported, and the text need not be
    /// split into words and read in context (most text that uses acronyms
    /// uses known ones). Only for ASCII text, where the two cuts into words
    /// agree; a word holding `&` is split differently by [`words`], so it
    /// always takes the closer look.
    fn all_capitalised_known(&self, capitalised: &[Word<'_>]) -> bool {
        capitalised.iter().all(|w| {
            !w.text.contains('&')
                && (!looks_like_acronym(w.text) || is_ordinary(w.text) || self.is_known(w.text))
        })
    }
}

/// What both [`Matcher::find`] and [`Matcher::unknown_acronyms`] read of a
/// text: its words with two or more capitals, when it may hold an acronym
/// at all. Made once for a text that both are asked about.
#[derive(Debug, Default)]
pub struct Capitals<'t> {
    words: Option<Vec<Word<'t>>>,
    /// Whether the text is all ASCII.
    ascii: bool,
}

impl<'t> Capitals<'t> {
    /// The capitalised words of `text`, if it may hold an acronym.
    pub fn of(text: &'t str) -> Capitals<'t> {
        // One pass: in ASCII text, two capitals at most two letters apart
        // in one word are two capitals close together in one of the
        // capitalised words.
        let words = capitalised_words(text);
        let ascii = text.is_ascii();
        let may_hold = !ascii || words.iter().any(|w| close_capitals(w.text));
        Capitals { words: may_hold.then_some(words), ascii }
    }
}

/// Two capitals at most three bytes apart.
fn close_capitals(word: &str) -> bool {
    let b = word.as_bytes();
    (0..b.len()).any(|i| {
        b[i].is_ascii_uppercase()
            && b[i + 1..(i + 4).min(b.len())].iter().any(u8::is_ascii_uppercase)
    })
}

/// A part of a dotted name such as `GOV.UK` or `NHS.UK`, not an acronym
/// to explain.
fn in_a_name(text: &str, w: &crate::acronyms::Word<'_>) -> bool {
    let after = &text[w.start + w.text.len()..];
    let before = &text[..w.start];
    let dotted_after =
        after.strip_prefix('.').is_some_and(|r| r.starts_with(char::is_alphanumeric));
    let dotted_before =
        before.strip_suffix('.').is_some_and(|r| r.ends_with(char::is_alphanumeric));
    dotted_after || dotted_before
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
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

#[cfg(test)]
mod tests {
    use charter_core::model::{Entry, Sense};

    use super::*;

    /// Whether `text` may hold an acronym: two capitals at most two letters
    /// apart in one word ("DSL", "IloC", "eCAF"). Most text has none, and needs
    /// no closer look.
    fn may_hold_acronym(text: &str) -> bool {
        if !text.is_ascii() {
            return true;
        }
        let b = text.as_bytes();
        (0..b.len()).any(|i| {
            b[i].is_ascii_uppercase()
                && b[i + 1..(i + 4).min(b.len())]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'&')
                    .any(u8::is_ascii_uppercase)
        })
    }

    /// Capitals::of finds a text that may hold an acronym as the rule
    /// does, on words of every shape and every line of the demo, guide and
    /// fixtures.
    #[test]
    fn capitals_follow_the_may_hold_rule() {
        let texts = charter_core::testing::cases_and_repository_lines(&[
            "",
            "A",
            "AB",
            "A&B",
            "x&AB",
            "AbC",
            "AbcD",
            "AbcdE",
            "eCAF",
            "IloC",
            "The Act",
            "McDonald",
            "MASH’s",
            "C&YP",
            "a B c D",
            "naïve DSL",
            "X1Y",
            "X_Y",
            "AB.CD",
        ]);
        for text in &texts {
            assert_eq!(Capitals::of(text).words.is_some(), may_hold_acronym(text), "{text:?}");
        }
    }

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

    fn unknown(m: &Matcher, text: &str) -> Vec<String> {
        m.unknown_acronyms(text).into_iter().map(|(_, w)| w).collect()
    }

    #[test]
    fn unknown_acronyms_skip_shouting_and_known_words() {
        let m = Matcher::new(&glossary(&["MASH"]), &["PDF".to_string()]);
        let u = unknown(
            &m,
            "MASH and the DSL read the PDF. THE FULL TEXT HERE. CiC, EHCPs, McDonald, Part II",
        );
        assert_eq!(u, vec!["DSL", "CiC", "EHCP"]);
    }

    #[test]
    fn real_acronyms_are_found() {
        let m = Matcher::new(&glossary(&["MASH"]), &[]);
        let u =
            unknown(&m, "The CDC, the DCI, a CV, the LD nurse, the IloC return, CAMHs and C&YP.");
        // A plural "s" is dropped: "CAMHs" is reported as the singular it may be.
        assert_eq!(u, vec!["CDC", "DCI", "CV", "LD", "IloC", "CAMH", "C&YP"]);
    }

    /// Words that are not undefined acronyms, in the shapes real documents
    /// hold them: at least thirty, none flagged.
    #[test]
    fn near_misses_are_never_flagged() {
        let m = Matcher::new(&glossary(&["MP", "eCAF", "LA", "CYP", "CAMHS", "SEND"]), &[]);
        let near_misses = [
            "She has a PhD in social policy.",
            "Bring an iPad or iPhone.",
            "The PowerPoint slides are on the intranet.",
            "Mr McDonald and Ms MacLeod attended.",
            "Two MPs wrote to the board.",
            "The eCAF is retired.",
            "OK, the headline.",
            "Part II of the Act and Parts II and III.",
            "Condition (iv) applies, and (IV) too.",
            "Annex III lists them.",
            "Schedule IV of the order.",
            "SAFEGUARDING CHILDREN IN KINGSMERE",
            "REPORT OF",
            "KEY DECISION",
            "NOTE: figures restated.",
            "DRAFT",
            "OFFICIAL-SENSITIVE",
            "Watch it on YouTube or WhatsApp, or find us on LinkedIn.",
            "Our JavaScript-free site and GitHub page.",
            "The LAs and CYPs agreed.",
            "The CAMHs team.",
            "Postcode SW1A 1AA, Key Stage KS2, year Y6 and Q1.",
            "COVID-19 restrictions.",
            "Dr O'Brien and Mrs D'Souza.",
            "TBC at the next meeting.",
            "Jane Smith OBE chaired it.",
            "After World War II.",
            "The UK and the EU.",
            "The SEND local offer, and send us your views.",
            "Bought on eBay by a McCann.",
            "A total of 12 were open. TOTAL",
            "Items (i), (ii) and (iii).",
            "See GOV.UK and NHS.UK for details.",
        ];
        assert!(near_misses.len() >= 30);
        for text in near_misses {
            assert_eq!(unknown(&m, text), Vec::<String>::new(), "{text}");
        }
    }

    /// The quick answer (every capitalised word known) is the long one,
    /// word by word in context, on texts with curly quotes, dashes,
    /// letters and capitals outside ASCII, `&`, plurals and known, unknown
    /// and ordinary words, and on every line of the repository's Markdown.
    #[test]
    fn the_quick_answer_is_the_long_one() {
        let m = Matcher::new(&glossary(&["MASH", "DSL", "CYP", "LADO"]), &["PDF".to_string()]);
        let cases = [
            "The child’s MASH referral went to the DSL.",
            "The MASH’s staff and the DSL’s notes.",
            "The LADO’s view – and the CYP’s — “MASH” said.",
            "The ÉCOLE and the MASH.",
            "The ÉÀ board and the MASH.",
            "The MAŠH and the DSL.",
            "The MASHé team.",
            "C&YP’s plan and the MASH.",
            "The PDF’s pages, the CDC’s.",
            "“DSL” and ‘LADO’ – the CYPs’ plans…",
            "The naïve MASH and the café DSL.",
            "MASH’S DSL’S",
            "The EHCP’s review.",
        ];
        let lines = charter_core::testing::repository_markdown_lines();
        for text in cases.iter().map(|s| s.to_string()).chain(lines) {
            let capitals = Capitals::of(&text);
            assert_eq!(
                m.unknown_acronyms_with(&text, &capitals),
                if capitals.words.is_some() { m.unknown_in_words(&text) } else { Vec::new() },
                "{text:?}"
            );
        }
    }

    #[test]
    fn case_variants_and_plurals_find_their_term() {
        let m = Matcher::new(&glossary(&["CAMHS", "LA"]), &[]);
        let text = "CAMHs and two LAs; Camhs is a word.";
        let found: Vec<&str> = m.find(text).iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(found, vec!["CAMHs", "LA"]);
    }
}
