//! The shapes of references: a keyword and a list of numbers or labels.
//! Which target each one names is decided from the words around it
//! (`context`, `levels`), not here.

use std::sync::LazyLock;

use regex::Regex;

use super::types::{RefItem, RefKind};
use crate::anchors::is_regex_space;
use crate::word_starts::Starts;

/// Between two numbers of a list: ", ", " & ", " – ", "/", " and ", " to ".
const SEP: &str = r"(?:\s*(?:,|&|-|–|—|/)\s*(?:and\s+)?|\s+(?:and|or|to)\s+)";
/// A paragraph's or a section's number: "2.16", and as Acts write them
/// "16E", "16 G" (not "4 A", which is an article), "17(1)(b)".
const NUMBER: &str = r"\d+(?:\.\d+)*(?:[A-Z]{1,3}\b|\s[B-HJ-Z]\b)?(?:\s?\([0-9a-z]{1,4}\))*";
/// An appendix's label: "A", "B.2", "3".
const LABEL: &str = r"(?:[A-Z](?:\.\d+)*|\d+(?:\.\d+)*)";
/// A Part's, Schedule's, regulation's or article's number: "3", "4A", "III".
const LAW_NUMBER: &str = r"(?:\d+[A-Z]{0,2}|[IVXL]{1,6}\b)(?:\s?\([0-9a-z]{1,4}\))*";

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b(?i:(paragraphs?|paras?\.?|sections?))\s+({NUMBER}(?:{SEP}{NUMBER})*)"))
        .expect("valid regex")
});
/// "s.47", "s17", "ss.17-20", "S. 20": always an Act's sections.
static ABBREVIATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[^\p{{L}}\p{{N}}'’])((?:ss?|SS?)\.?\s?)({NUMBER}(?:{SEP}{NUMBER})*)"
    ))
    .expect("valid regex")
});
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?i:(appendix|appendices|annex|annexes))\s+({LABEL}(?:{SEP}{LABEL})*)\b"
    ))
    .expect("valid regex")
});
static LAW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b((?i:parts?|schedules?|sch\.|regulations?|regs?\.|articles?|arts?\.))\s+({LAW_NUMBER}(?:{SEP}{LAW_NUMBER})*)"
    ))
    .expect("valid regex")
});
static LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b(?i:(levels?))\s+([1-9]\d?(?:{SEP}[1-9]\d?)*)\b")).expect("valid regex")
});
static ITEM_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(NUMBER).expect("valid regex"));
static ITEM_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b{LABEL}\b")).expect("valid regex"));
static ITEM_LAW: LazyLock<Regex> = LazyLock::new(|| Regex::new(LAW_NUMBER).expect("valid regex"));
static ITEM_LEVEL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("valid regex"));

/// A keyword and its list, before its target is decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Candidate {
    pub(super) kind: RefKind,
    /// Where the keyword starts.
    pub(super) start: usize,
    /// Where the list ends.
    pub(super) end: usize,
    pub(super) items: Vec<RefItem>,
    /// "s.47": a form only Acts are cited in.
    pub(super) abbreviated: bool,
    /// A number only an Act has: "16E", "16 G", "17(1)".
    pub(super) lettered: bool,
}

/// Which shapes' keywords a text holds: where the first keyword of each
/// shape that may start a list is (its pattern is searched from there).
#[derive(Default, Debug, PartialEq)]
struct Present {
    numbered: Option<usize>,
    labelled: Option<usize>,
    law: Option<usize>,
    level: Option<usize>,
}

/// The keywords of every shape, with the shape each belongs to.
const KEYWORDS: [(&[u8], Shape); 9] = [
    (b"para", Shape::Numbered),
    (b"section", Shape::Numbered),
    (b"appendi", Shape::Labelled),
    (b"annex", Shape::Labelled),
    (b"part", Shape::Law),
    (b"sch", Shape::Law),
    (b"reg", Shape::Law),
    (b"art", Shape::Law),
    (b"level", Shape::Level),
];

#[derive(Clone, Copy)]
enum Shape {
    Numbered,
    Labelled,
    Law,
    Level,
}

/// Each keyword's first three bytes in a `u32` ([`three`]), made once:
/// `present` compares them at every word that starts like a keyword.
const KEYWORD_HEADS: [u32; KEYWORDS.len()] = {
    let mut heads = [0; KEYWORDS.len()];
    let mut i = 0;
    while i < KEYWORDS.len() {
        heads[i] = three(KEYWORDS[i].0);
        i += 1;
    }
    heads
};

/// The bytes a keyword starts with, in either case.
static KEYWORD_FIRST: LazyLock<[bool; 256]> = LazyLock::new(|| {
    let mut first = [false; 256];
    for (word, _) in KEYWORDS {
        first[usize::from(word[0])] = true;
        first[usize::from(word[0].to_ascii_uppercase())] = true;
    }
    first
});

/// Which shapes may match `text`: a keyword at the start of a word,
/// followed by a space and what may start a list (a digit, a capital).
/// It may say yes too often, never too rarely: each shape's pattern
/// starts `\b keyword \s+ item`, and anything outside ASCII counts as a
/// possible boundary, space or digit. Most text has words such as
/// "partnership" or "school" and no reference: their patterns are not run.
/// Only word starts are read ([`Starts`]); no keyword begins another.
fn present(text: &str) -> Present {
    let b = text.as_bytes();
    let mut p = Present::default();
    for at in Starts::new(b, &KEYWORD_FIRST) {
        if at > 0 && b[at - 1] == b'_' {
            continue;
        }
        let rest = &b[at..];
        // Only the keywords with these first three letters are compared
        // (the shortest keyword has three); setting bit 5 lower-cases a
        // letter and makes no other byte one.
        let Some(head) = rest.get(..3).map(|h| three(h) | 0x0020_2020) else { continue };
        let Some((&(_, shape), _)) = KEYWORDS.iter().zip(KEYWORD_HEADS).find(|((word, _), h)| {
            *h == head && rest.get(..word.len()).is_some_and(|r| r.eq_ignore_ascii_case(word))
        }) else {
            continue;
        };
        let flag = match shape {
            Shape::Numbered => &mut p.numbered,
            Shape::Labelled => &mut p.labelled,
            Shape::Law => &mut p.law,
            Shape::Level => &mut p.level,
        };
        if flag.is_none() && list_may_follow(rest) {
            *flag = Some(at);
        }
    }
    p
}

/// The first three bytes of `b` (which has at least three) in a `u32`.
const fn three(b: &[u8]) -> u32 {
    b[0] as u32 | (b[1] as u32) << 8 | (b[2] as u32) << 16
}

/// Whether the word at the start of `rest` may be followed by spaces and
/// a list's first item.
fn list_may_follow(rest: &[u8]) -> bool {
    let word = rest.iter().take_while(|c| c.is_ascii_alphabetic() || **c == b'.').count();
    let after = &rest[word..];
    let spaces = after.iter().take_while(|c| is_regex_space(**c)).count();
    match after.get(spaces) {
        _ if after.first().is_some_and(|c| *c >= 0x80) => true,
        _ if spaces == 0 => false,
        Some(c) => *c >= 0x80 || c.is_ascii_digit() || c.is_ascii_uppercase(),
        None => false,
    }
}

/// "s.47", "s17", "S 20": an "s" before a number, not inside a word: an
/// "s" at a word start with a digit in the three bytes after it. Looked
/// for from the digits, which prose has few of ("s" starts a word in
/// every sentence).
fn may_abbreviate(text: &str) -> bool {
    let b = text.as_bytes();
    digits(b).any(|d| {
        (d.saturating_sub(3)..d)
            .any(|i| matches!(b[i], b's' | b'S') && (i == 0 || !b[i - 1].is_ascii_alphanumeric()))
    })
}

/// The places of the ASCII digits in `b`, found sixteen bytes at a time.
pub(super) fn digits(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    use charter_core::lanes;
    let next = move |from| lanes::find(b, from, |x| lanes::between(x, b'0', b'9'));
    std::iter::successors(next(0), move |&d| next(d + 1))
}

/// Every keyword-and-list in `text`, in order of where they start.
pub(super) fn candidates(text: &str) -> Vec<Candidate> {
    candidates_of(text, present(text))
}

/// The candidates of the shapes `present` says to run.
fn candidates_of(text: &str, present: Present) -> Vec<Candidate> {
    let mut out = Vec::new();
    let numbered = captures_from(&NUMBERED, text, present.numbered);
    for caps in numbered {
        let keyword = caps[1].to_ascii_lowercase();
        let kind = if keyword.starts_with("sec") { RefKind::Section } else { RefKind::Paragraph };
        out.push(candidate(kind, &caps, &ITEM_NUMBER, false));
    }
    let abbreviated = may_abbreviate(text).then(|| ABBREVIATED.captures_iter(text));
    for caps in abbreviated.into_iter().flatten() {
        out.push(candidate(RefKind::Section, &caps, &ITEM_NUMBER, true));
    }
    let labelled = captures_from(&LABELLED, text, present.labelled);
    for caps in labelled {
        let kind = if caps[1].to_ascii_lowercase().starts_with("annex") {
            RefKind::Annex
        } else {
            RefKind::Appendix
        };
        out.push(candidate(kind, &caps, &ITEM_LABEL, false));
    }
    let law = captures_from(&LAW, text, present.law);
    for caps in law {
        let keyword = caps[1].to_ascii_lowercase();
        let kind = match keyword.as_bytes().first() {
            Some(b'p') => RefKind::Part,
            Some(b's') => RefKind::Schedule,
            Some(b'r') => RefKind::Regulation,
            _ => RefKind::Article,
        };
        out.push(candidate(kind, &caps, &ITEM_LAW, false));
    }
    let level = captures_from(&LEVEL, text, present.level);
    for caps in level {
        out.push(candidate(RefKind::Level, &caps, &ITEM_LEVEL, false));
    }
    out.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    out
}

/// A shape's matches, searched for from `from` (none without it): no
/// match starts before the first keyword that may start a list, so these
/// are the matches of the whole text, without reading what comes before.
fn captures_from<'t>(
    pattern: &'static Regex,
    text: &'t str,
    from: Option<usize>,
) -> impl Iterator<Item = regex::Captures<'t>> {
    let mut at = from;
    std::iter::from_fn(move || {
        let caps = pattern.captures_at(text, at?)?;
        let end = caps.get(0).expect("group 0").end();
        // Every shape's match holds its keyword: never empty.
        at = (Some(end) > at).then_some(end);
        Some(caps)
    })
}

fn candidate(
    kind: RefKind,
    caps: &regex::Captures<'_>,
    items: &Regex,
    abbreviated: bool,
) -> Candidate {
    let keyword = caps.get(1).expect("keyword");
    let list = caps.get(2).expect("list");
    let items: Vec<RefItem> = items
        .find_iter(list.as_str())
        .map(|m| RefItem {
            start: list.start() + m.start(),
            end: list.start() + m.end(),
            number: m.as_str().to_string(),
        })
        .collect();
    let lettered = items.iter().any(|i| {
        i.number.contains('(') || i.number.chars().last().is_some_and(|c| c.is_ascii_uppercase())
    }) && kind == RefKind::Section;
    Candidate { kind, start: keyword.start(), end: list.end(), items, abbreviated, lettered }
}

/// Compiles this module's patterns now (see `charter_resolve::compile_patterns`).
pub(super) fn compile_patterns() {
    for pattern in [
        &NUMBERED,
        &ABBREVIATED,
        &LABELLED,
        &LAW,
        &LEVEL,
        &ITEM_NUMBER,
        &ITEM_LABEL,
        &ITEM_LAW,
        &ITEM_LEVEL,
    ] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(RefKind, Vec<String>, bool, bool)> {
        candidates(text)
            .into_iter()
            .map(|c| {
                (c.kind, c.items.into_iter().map(|i| i.number).collect(), c.abbreviated, c.lettered)
            })
            .collect()
    }

    /// The gate that skips shapes never loses a candidate: every shape
    /// run on every text finds the same. The texts are the ways a keyword
    /// can sit (case, abbreviation, spaces of every kind, inside a word,
    /// before a letter) and every line of the demo site and the guide.
    #[test]
    fn the_keyword_gate_loses_no_candidate() {
        let all = || Present { numbered: Some(0), labelled: Some(0), law: Some(0), level: Some(0) };
        let texts = charter_core::testing::cases_and_repository_lines(&[
            "see paragraph 2.6",
            "See Paragraph\u{a0}2.6 and paras. 3-4",
            "PARAGRAPHS 1 TO 3",
            "section\t17",
            "Section\u{b}47",
            "Sections\n4 and 5",
            "subparagraph 2",
            "éparagraph 2",
            "paragraph\u{2003}4",
            "paragraph ٣",
            "Appendix A",
            "appendices B and C",
            "Annex\r\n3",
            "annexes 1, 2",
            "Level 2",
            "levels 3 and 4",
            "LEVEL 1",
            "level of need",
            "Part III",
            "parts 4A and 5",
            "Sch. 2",
            "schedule 3",
            "Schedules 1 to 2",
            "reg. 4",
            "Regulations 12(1)",
            "regs. 3-5",
            "article 6",
            "Arts. 8",
            "art 14",
            "partnership 4",
            "school 3",
            "regular 2",
            "start 1",
            "_para 2",
            "2paragraph 3",
            "paragraph",
            "section ",
            "section 4 of Appendix B",
            "paragraph (a)",
            "Part I.",
            "para.2",
            "para .2",
        ]);
        for text in &texts {
            assert_eq!(candidates(text), candidates_of(text, all()), "{text:?}");
        }
        assert_eq!(present("the partnership's school"), Present::default());
    }

    /// The abbreviation gate found from the digits is the one found from
    /// every "s": on every line of the repository and on each place of an
    /// "s" and a digit around the eight-byte step.
    #[test]
    fn the_abbreviation_gate_from_digits_is_the_gate_from_each_s() {
        let from_each_s = |text: &str| {
            let b = text.as_bytes();
            memchr::memchr2_iter(b's', b'S', b).any(|i| {
                (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                    && b[i + 1..(i + 4).min(b.len())].iter().any(u8::is_ascii_digit)
            })
        };
        let mut texts = charter_core::testing::repository_markdown_lines();
        for len in 0..20 {
            for s in 0..len {
                for d in 0..len {
                    for (letter, before) in [(b's', b' '), (b'S', b'a'), (b's', b'.')] {
                        let mut t = vec![b'x'; len];
                        if s > 0 {
                            t[s - 1] = before;
                        }
                        t[s] = letter;
                        t[d] = b'7';
                        texts.push(String::from_utf8(t).expect("ASCII"));
                    }
                }
            }
        }
        for text in &texts {
            assert_eq!(may_abbreviate(text), from_each_s(text), "{text:?}");
            let want: Vec<usize> =
                (0..text.len()).filter(|&i| text.as_bytes()[i].is_ascii_digit()).collect();
            assert_eq!(digits(text.as_bytes()).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn numbers_as_acts_write_them() {
        let s = |n: &str| n.to_string();
        assert_eq!(
            shapes("section 16 G applies"),
            vec![(RefKind::Section, vec![s("16 G")], false, true)]
        );
        assert_eq!(
            shapes("see section 4 A child"),
            vec![(RefKind::Section, vec![s("4")], false, false)]
        );
        assert_eq!(
            shapes("section 17(1)(b)"),
            vec![(RefKind::Section, vec![s("17(1)(b)")], false, true)]
        );
        assert_eq!(
            shapes("ss.17-20"),
            vec![(RefKind::Section, vec![s("17"), s("20")], true, false)]
        );
        assert_eq!(shapes("s17 CA 1989"), vec![(RefKind::Section, vec![s("17")], true, false)]);
        assert!(shapes("Ofsted's 2019 report and as 5 children").is_empty());
        assert_eq!(shapes("Part III"), vec![(RefKind::Part, vec![s("III")], false, false)]);
        assert_eq!(
            shapes("levels 3 and 4"),
            vec![(RefKind::Level, vec![s("3"), s("4")], false, false)]
        );
    }
}
