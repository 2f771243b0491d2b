//! One pass over a piece of text: every keyword-and-number shape found
//! (`grammar`), then what each one points at, decided from the words
//! around it (`context`, `levels`) and the legislation table.

use std::sync::LazyLock;

use charter_core::model::InstrumentKind;
use regex::Regex;

use super::context::{self, Evidence, OfAfter};
use super::grammar::{self, Candidate};
use super::levels;
use super::types::{Mention, RefItem, RefKind, Reference, Scan, ScanContext, Target};
use crate::legislation::NameMatch;

/// Whether raw text may call an Act or regulations by their year ("the
/// 1989 Act", also across a line break or with Markdown between the
/// words): "Act" or "Regulations" with a year 19xx or 20xx in the 40 bytes
/// before it. It may say yes too often, never too rarely: only documents
/// with such text are read for the Acts they name, and [`YEAR_NAME`], the
/// exact shape, is matched later on the block's text.
pub fn may_name_by_year(text: &str) -> bool {
    let b = text.as_bytes();
    ["Act", "Regulations"].iter().any(|word| {
        memchr::memmem::find_iter(b, word.as_bytes()).any(|at| {
            let before = &b[at.saturating_sub(40)..at];
            before.windows(4).any(|w| {
                (w.starts_with(b"19") || w.starts_with(b"20"))
                    && w[2].is_ascii_digit()
                    && w[3].is_ascii_digit()
            })
        })
    })
}

/// "the 1989 Act", "the 2018 Regulations"; the year may be in quotes or
/// emphasis ("the *1989* Act"), which a block's text writes as quotes.
pub(super) static YEAR_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\b[Tt]he\s+[“"]?((?:19|20)\d\d)[”"]?\s+(Act|Regulations)\b"#)
        .expect("valid regex")
});
/// A Title-Case name ending "Act 2016" or "Regulations 2010": an Act or
/// regulations, known to the table or not.
static ACT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[A-Z][\w'’()-]*(?:\s+(?:and|of|for|the|in|on|to|&|\(?[A-Z][\w'’(),-]*))*?\s+(?:Act|Regulations|Order|Rules)\s+(?:19|20)\d\d\b")
        .expect("valid regex")
});
/// "of Schedule 2 to the": a paragraph of a schedule.
static OF_SCHEDULE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+of\s+Schedule\s+(\d+[A-Z]?)\s+(?:to|of)\s+").expect("valid regex")
});
/// What may stand between a provision and the name after it. The name of
/// an Act in the table may be in quotes or emphasis ("section 47 of the
/// *Children Act 1989*"): it is still that Act.
static GLUE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:\s*,)?\s*(?:\(\s*)?(?:(?:of|to|in|under|within)\s+)?(?:the\s+)?[“"]?$"#)
        .expect("valid regex")
});
/// What may stand between a name and the provision after it (the name's
/// closing quote too: "*Children Act 1989*, section 47").
static GLUE_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^[”"]?\s*,?\s*(\(\s*)?$"#).expect("valid regex"));

/// Every reference, mention and unknown Act in `text`.
pub fn scan(text: &str, cx: &ScanContext<'_>) -> Scan {
    // Every shape starts with a keyword and every name has a letter, so an
    // ASCII text without a letter (a table's figures: half the blocks of
    // a page with a table of numbers) has neither.
    if cx.legislation.names_have_letters()
        && text.is_ascii()
        && !text.bytes().any(|b| b.is_ascii_alphabetic())
    {
        return Scan::default();
    }
    scan_all(text, cx)
}

/// The length of the hand number a text starts with ("2.6" of "2.6 The
/// partners…"), or 0. Every reference has its keyword, and every year of
/// an Act its word, before its digits, so none can be made of this
/// number; most numbered paragraphs have no other digit, and are not
/// looked at for references then.
fn own_number(b: &[u8]) -> usize {
    let n = b.iter().take_while(|c| c.is_ascii_digit() || **c == b'.').count();
    if b.get(n).is_some_and(u8::is_ascii_whitespace) { n } else { 0 }
}

/// [`scan`] without its shortcut.
pub(super) fn scan_all(text: &str, cx: &ScanContext<'_>) -> Scan {
    scan_counting_digits_from(text, cx, own_number(text.as_bytes()))
}

/// [`scan_all`], with the digits before `own` not counted as a sign that
/// the text may hold a reference or a year.
pub(super) fn scan_counting_digits_from(text: &str, cx: &ScanContext<'_>, own: usize) -> Scan {
    let mut names = cx.legislation.names(text);
    // "the 1989 Act" is a name once the document has named the Act; it
    // is still a name (of something) when it has not.
    let mut unnamed_years: Vec<(usize, usize)> = Vec::new();
    // Eight bytes at a time: a list item or a table cell often has none.
    // The number a numbered paragraph starts with does not count
    // ([`own_number`]).
    let has_digit = grammar::digits(text.as_bytes()).any(|d| d >= own);
    // An Act or regulations named with a year: most text has neither word.
    let acts =
        has_digit && ["Act", "Regulations", "Order", "Rules"].iter().any(|w| text.contains(w));
    let years = acts.then(|| YEAR_NAME.captures_iter(text));
    for m in years.into_iter().flatten() {
        let whole = m.get(0).expect("group 0");
        if names.iter().any(|n| n.start < whole.end() && whole.start() < n.end) {
            continue;
        }
        match cx.legislation.by_year(cx.named, &m[1], &m[2] == "Regulations") {
            Some(row) => {
                names.push(NameMatch { start: whole.start(), end: whole.end(), row, edition: None })
            }
            None => unnamed_years.push((whole.start(), whole.end())),
        }
    }
    names.sort_by_key(|n| n.start);
    let unknown_acts: Vec<(usize, usize)> = if acts {
        ACT_NAME
            .find_iter(text)
            .map(|m| {
                let s = m.as_str();
                let lead = if s.starts_with("The ") { 4 } else { 0 };
                (m.start() + lead, m.end())
            })
            .filter(|(s, e)| !names.iter().any(|n| n.start < *e && *s < n.end))
            .collect()
    } else {
        Vec::new()
    };
    let mut references = Vec::new();
    if has_digit || may_name_an_appendix(text) {
        let named_ranges: Vec<(usize, usize)> = names
            .iter()
            .map(|n| (n.start, n.end))
            .chain(unknown_acts.iter().copied())
            .chain(unnamed_years.iter().copied())
            .collect();
        for c in grammar::candidates(text) {
            // "Regulations 2018" ends a title; it is not regulation 2018.
            if named_ranges.iter().any(|(s, e)| c.start >= *s && c.start < *e) {
                continue;
            }
            let found =
                Found { text, cx, names: &names, unknown: &unknown_acts, unnamed: &unnamed_years };
            if let Some(r) = found.classify(&c) {
                references.push(r);
            }
        }
    }
    let references = without_overlaps(references);
    let mentions = names
        .into_iter()
        .filter(|n| !references.iter().any(|r| r.start < n.end && n.start < r.end))
        .map(|n| Mention { start: n.start, end: n.end, row: n.row, edition: n.edition })
        .collect();
    Scan { references, mentions, unknown_acts }
}

/// What a candidate is classified against.
struct Found<'a> {
    text: &'a str,
    cx: &'a ScanContext<'a>,
    names: &'a [NameMatch],
    unknown: &'a [(usize, usize)],
    unnamed: &'a [(usize, usize)],
}

impl Found<'_> {
    fn classify(&self, c: &Candidate) -> Option<Reference> {
        let reference = |target, start, end, scope| Reference {
            kind: c.kind,
            start,
            end,
            items: c.items.clone(),
            scope,
            target,
            level: None,
        };
        if c.kind == RefKind::Level {
            let (before, after) = (&self.text[..c.start], &self.text[c.end..]);
            let sentence = sentence_around(self.text, c.start, c.end);
            let first = c.items.first().map(|i| i.number.as_str()).unwrap_or("");
            let cue = levels::level_cue(before, after, sentence, first, self.cx.threshold);
            let mut r = reference(Target::Internal { main_document: false }, c.start, c.end, None);
            r.level = Some(cue);
            return Some(r);
        }
        if let Some((target, start, end)) = self.law(c) {
            return Some(reference(target, start, end, None));
        }
        if matches!(
            c.kind,
            RefKind::Part | RefKind::Schedule | RefKind::Regulation | RefKind::Article
        ) || ignored(&self.text[c.start..], self.cx.ignore)
        {
            return None;
        }
        let (target, scope) = self.internal(c);
        Some(reference(target, c.start, c.end, scope))
    }

    /// A provision of a named Act, regulations or guidance: the target and
    /// the phrase a single provision links.
    fn law(&self, c: &Candidate) -> Option<(Target, usize, usize)> {
        let after = &self.text[c.end..];
        let mut schedule = None;
        let mut from = c.end;
        if c.kind == RefKind::Paragraph {
            let m = OF_SCHEDULE.captures(after)?;
            schedule = Some(m[1].to_string());
            from = c.end + m.get(0).expect("group 0").end();
        } else if c.kind == RefKind::Level || matches!(c.kind, RefKind::Appendix | RefKind::Annex) {
            return None;
        }
        let glued = |start: usize| start >= from && GLUE_AFTER.is_match(&self.text[from..start]);
        if let Some(n) = self.names.iter().find(|n| glued(n.start)) {
            // Guidance has no provisions to link: its name is linked alone.
            if self.is_guidance(n.row) {
                return Some((Target::Elsewhere, c.start, c.end));
            }
            return Some((Target::Law { row: n.row, schedule }, c.start, n.end));
        }
        if let Some((s, e)) = self.unknown.iter().find(|(s, _)| glued(*s)) {
            return Some((Target::UnknownAct { start: *s, end: *e }, c.start, c.end));
        }
        if self.unnamed.iter().any(|(s, _)| glued(*s)) {
            return Some((Target::Elsewhere, c.start, c.end));
        }
        if schedule.is_some() {
            return Some((Target::Elsewhere, c.start, c.end));
        }
        let before = self
            .names
            .iter()
            .rev()
            .find(|n| n.end <= c.start && GLUE_BEFORE.is_match(&self.text[n.end..c.start]))?;
        let bracket = GLUE_BEFORE
            .captures(&self.text[before.end..c.start])
            .is_some_and(|g| g.get(1).is_some());
        if self.is_guidance(before.row) {
            return Some((Target::Elsewhere, c.start, c.end));
        }
        let start = if bracket { c.start } else { before.start };
        Some((Target::Law { row: before.row, schedule: None }, start, c.end))
    }

    fn is_guidance(&self, row: usize) -> bool {
        self.cx.legislation.row(row).kind() == InstrumentKind::Guidance
    }

    /// Where a reference with no named Act points, and the appendix that
    /// scopes it.
    fn internal(&self, c: &Candidate) -> (Target, Option<(RefKind, RefItem, usize)>) {
        let (before, after) = (&self.text[..c.start], &self.text[c.end..]);
        match context::of_after(after, c.end) {
            OfAfter::ThisDocument { main } => {
                return (Target::Internal { main_document: main }, None);
            }
            OfAfter::Scope { kind, label_start, label_end, word_start } => {
                let item = RefItem {
                    start: word_start,
                    end: label_end,
                    number: self.text[label_start..label_end].to_string(),
                };
                return (Target::Internal { main_document: false }, Some((kind, item, label_end)));
            }
            OfAfter::Elsewhere => return (Target::Elsewhere, None),
            OfAfter::Nothing => {}
        }
        if matches!(c.kind, RefKind::Appendix | RefKind::Annex)
            && context::belongs_to_another(after)
        {
            return (Target::Elsewhere, None);
        }
        let legal = context::legal_before(before);
        if c.kind == RefKind::Section
            && (c.abbreviated || c.lettered || legal || context::statutory_noun_after(after))
        {
            return (Target::BareLaw, None);
        }
        if c.kind == RefKind::Paragraph && (legal || c.lettered) {
            return (Target::Elsewhere, None);
        }
        if context::internal_cue(after) {
            return (Target::Internal { main_document: false }, None);
        }
        let evidence = context::name_before(before, self.names)
            .max(context::name_after(after, self.names, c.end));
        let target = match evidence {
            Evidence::Strong => Target::Elsewhere,
            Evidence::Weak => Target::InternalIfFound,
            Evidence::None => Target::Internal { main_document: false },
        };
        (target, None)
    }
}

/// A scoped reference's "Appendix A" is found on its own too, and a
/// provision's phrase covers the shapes inside it: keep the first.
fn without_overlaps(mut found: Vec<Reference>) -> Vec<Reference> {
    found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut kept: Vec<Reference> = Vec::new();
    for r in found {
        let covered = kept.iter().any(|k| {
            let end = k.scope.as_ref().map_or(k.end, |s| s.2).max(k.end);
            r.start >= k.start && r.start < end
        });
        if !covered {
            kept.push(r);
        }
    }
    kept
}

/// The sentence around `start..end`.
fn sentence_around(text: &str, start: usize, end: usize) -> &str {
    let ends = |i: usize, c: char| {
        matches!(c, '.' | '!' | '?') && text[i + 1..].chars().next().is_none_or(char::is_whitespace)
    };
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|&(i, c)| ends(i, c))
        .map(|(i, _)| i + 1)
        .unwrap_or(0);
    let to = text[end..]
        .char_indices()
        .find(|&(i, c)| ends(end + i, c))
        .map(|(i, _)| end + i)
        .unwrap_or(text.len());
    &text[from..to]
}

/// Whether `text` has "appendi" or "annex" in any case (most paragraphs
/// without a digit of their own ask this). Both words double their
/// second letter ("pp", "nn"), which is rarer in English than any one
/// letter: pairs are found sixteen bytes at a time, and the word is read
/// only around one.
pub(super) fn may_name_an_appendix(text: &str) -> bool {
    use charter_core::lanes::{equal, find_pair, with_bits};
    let b = text.as_bytes();
    let word_at = |at: usize| {
        ["appendi", "annex"].iter().any(|word| {
            b.get(at..at + word.len()).is_some_and(|r| r.eq_ignore_ascii_case(word.as_bytes()))
        })
    };
    // Setting bit 5 folds "P" onto "p" and "N" onto "n", and moves no
    // other byte onto either.
    let letter = |c: u8| move |x| equal(with_bits(x, 0x20), c);
    let doubled = [(letter(b'p'), letter(b'p')), (letter(b'n'), letter(b'n'))];
    let mut from = 0;
    while let Some(at) = find_pair(b, from, &doubled) {
        if at >= 1 && word_at(at - 1) {
            return true;
        }
        from = at + 1;
    }
    false
}

fn ignored(rest: &str, ignore: &[String]) -> bool {
    ignore.iter().any(|phrase| {
        rest.len() >= phrase.len()
            && rest.is_char_boundary(phrase.len())
            && rest[..phrase.len()].eq_ignore_ascii_case(phrase)
            && !rest[phrase.len()..].starts_with(|c: char| {
                c.is_alphanumeric()
                    || c == '.'
                        && rest[phrase.len() + 1..].starts_with(|d: char| d.is_ascii_digit())
            })
    })
}

/// Compiles this module's patterns now (see `charter_resolve::compile_patterns`).
pub(super) fn compile_patterns() {
    for pattern in [&YEAR_NAME, &ACT_NAME, &OF_SCHEDULE, &GLUE_AFTER, &GLUE_BEFORE] {
        LazyLock::force(pattern);
    }
}
