//! What counts as an acronym in real text. A word with two or more
//! capitals that outnumber its small letters (`DSL`, `CiC`, `IloC`,
//! `CAMHs`, `eCAF`, `C&YP`) is one; `McDonald`, `PowerPoint` and `iPad`
//! are not. Ordinary words written in capitals (`DRAFT`, `REPORT OF`),
//! a few abbreviations every reader knows (`OK`, `PhD`), and Roman
//! numerals *in numeral context* (`Part II`, `(iv)`, `Annex III`) are
//! skipped; `CDC`, `DCI`, `CV` and `LD` are acronyms although their
//! letters could spell a numeral.

use std::collections::HashSet;
use std::sync::LazyLock;

use charter_core::hash::{FixedState, fixed_set};

/// Ordinary English words that council papers write in capitals.
/// Hashed: [`is_ordinary`] asks about every capitalised word of running text.
static CAPITALISED_WORDS: LazyLock<HashSet<&'static str, FixedState>> = LazyLock::new(|| {
    fixed_set(
        include_str!("../data/capitalised-words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#')),
    )
});

/// Abbreviations every reader knows, and words that merely look like
/// acronyms: degrees, honours, products.
const NOT_ACRONYMS: &[&str] = &[
    "OK", "TV", "ID", "UK", "EU", "US", "USA", "UN", "TBC", "TBA", "PhD", "PhDs", "MSc", "BSc",
    "MPhil", "DPhil", "BEd", "MEd", "MBA", "OBE", "MBE", "CBE", "QC", "KC", "iOS", "macOS",
    "COVID",
];

/// Words after which a Roman numeral is a number: "Part II", "Annex III".
const NUMERAL_CONTEXT: &[&str] = &[
    "part",
    "parts",
    "annex",
    "annexes",
    "schedule",
    "schedules",
    "chapter",
    "chapters",
    "appendix",
    "appendices",
    "section",
    "sections",
    "article",
    "articles",
    "volume",
    "vol",
    "book",
    "stage",
    "phase",
    "tier",
    "level",
    "class",
    "type",
    "grade",
    "category",
    "table",
    "figure",
    "title",
    "war",
    "item",
    "items",
    "book",
    "regulation",
    "paragraph",
    "and",
    "or",
    "to",
];

/// One word of text, as acronym detection splits it: letters and digits,
/// with `&` kept between capitals (`C&YP`, `A&E`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte offset.
    pub start: usize,
    /// The word.
    pub text: &'a str,
}

/// The words of `text`. ASCII (most of any text) is read a byte at a
/// time and its runs of letters and digits sixteen bytes at a time; other
/// characters are decoded, and a letter or digit of any script is part of
/// a word. Held to the character-by-character reading in the tests.
pub fn words(text: &str) -> Vec<Word<'_>> {
    use charter_core::lanes;
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    // Whether the character before `i` is a capital, for `C&YP`.
    let mut previous_upper = false;
    let mut i = 0;
    while i < b.len() {
        let (is_word, upper, width) = if b[i] < 0x80 {
            if b[i].is_ascii_alphanumeric() {
                start.get_or_insert(i);
                let end = lanes::alphanumeric_end(b, i + 1);
                previous_upper = b[end - 1].is_ascii_uppercase();
                i = end;
                continue;
            }
            let joins = b[i] == b'&'
                && start.is_some()
                && previous_upper
                && text[i + 1..].chars().next().is_some_and(char::is_uppercase);
            (joins, false, 1)
        } else {
            let c = text[i..].chars().next().expect("a character starts at a char boundary");
            (c.is_alphanumeric(), c.is_uppercase(), c.len_utf8())
        };
        if is_word {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Word { start: s, text: &text[s..i] });
        }
        previous_upper = upper;
        i += width;
    }
    if let Some(s) = start {
        out.push(Word { start: s, text: &text[s..] });
    }
    out
}

/// The words of `text` with two or more capitals, in order: the only ones
/// that can be acronyms, found without splitting the rest.
pub fn capitalised_words(text: &str) -> Vec<Word<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = next_capital(b, i) {
        i = at;
        // Back to the word's start (an "e" before "CAF"), then to its end.
        let mut start = i;
        while start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] >= 0x80) {
            start -= 1;
        }
        let mut end = i;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] >= 0x80 || b[end] == b'&')
        {
            end += 1;
        }
        while !text.is_char_boundary(start) {
            start += 1;
        }
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let word = &text[start..end];
        if word.bytes().filter(u8::is_ascii_uppercase).count() >= 2 {
            out.push(Word { start, text: word });
        }
        i = end.max(i + 1);
    }
    out
}

/// The first ASCII capital at or after `from`, sixteen bytes tested at a
/// time (most of prose is small letters).
fn next_capital(b: &[u8], from: usize) -> Option<usize> {
    use charter_core::lanes;
    lanes::find(b, from, |x| lanes::between(x, b'A', b'Z'))
}

/// Two or more capitals, at least as many as small letters, starting with
/// a capital (or one small letter and a capital: `eCAF`), no digits.
pub fn looks_like_acronym(word: &str) -> bool {
    // The start first: it turns away most words of prose at once (this
    // runs for every word of text that has two capitals anywhere).
    let mut chars = word.chars();
    let starts = match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_lowercase() => chars.next().is_some_and(char::is_uppercase),
        _ => false,
    };
    if !starts {
        return false;
    }
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in word.chars() {
        if c.is_ascii_digit() || !(c.is_alphanumeric() || c == '&') {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    upper >= 2 && upper >= lower
}

/// Every letter a capital.
pub fn is_all_caps(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// An ordinary word written in capitals, or a known non-acronym.
pub fn is_ordinary(word: &str) -> bool {
    NOT_ACRONYMS_SET.contains(word) || CAPITALISED_WORDS.contains(word)
}

/// [`NOT_ACRONYMS`] hashed, for the same reason as [`CAPITALISED_WORDS`].
static NOT_ACRONYMS_SET: LazyLock<HashSet<&'static str, FixedState>> =
    LazyLock::new(|| fixed_set(NOT_ACRONYMS.iter().copied()));

/// Whether a piece of text is written all in capitals as prose is, not as
/// a list of acronyms: two or more words, one of them an ordinary word
/// ("REPORT OF", "KEY DECISION", "THE FULL TEXT").
pub fn is_shouting(text: &str) -> bool {
    let ws = words(text);
    let letters: Vec<&Word<'_>> =
        ws.iter().filter(|w| w.text.chars().any(char::is_alphabetic)).collect();
    letters.len() >= 2
        && letters.iter().all(|w| is_all_caps(w.text))
        && letters.iter().any(|w| CAPITALISED_WORDS.contains(w.text))
}

/// Whether the word at `index` is a Roman numeral used as one: after
/// "Part", "Annex" and the like (or a numeral so placed before it, as in
/// "Parts II and III"), or alone in brackets: "(IV)".
pub fn is_numeral_in_context(text: &str, ws: &[Word<'_>], index: usize) -> bool {
    let w = ws[index];
    if !is_roman(w.text) {
        return false;
    }
    let before = text[..w.start].trim_end();
    let after = &text[w.start + w.text.len()..];
    if before.ends_with('(') && after.starts_with(')') {
        return true;
    }
    let Some(previous) = index.checked_sub(1).map(|i| ws[i]) else { return false };
    let lower = previous.text.to_lowercase();
    if !NUMERAL_CONTEXT.contains(&lower.as_str()) {
        return false;
    }
    // "and", "or", "to" only continue a list of numerals.
    if matches!(lower.as_str(), "and" | "or" | "to") {
        return index >= 2 && is_numeral_in_context(text, ws, index - 2);
    }
    true
}

fn is_roman(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 7
        && word
            .chars()
            .all(|c| matches!(c.to_ascii_uppercase(), 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
        && (word.chars().all(char::is_uppercase) || word.chars().all(char::is_lowercase))
}

/// Whether `phrase` spells out `acronym`: the initials of its words (or of
/// its words that are not small) are the acronym's capitals. "Personal
/// Adviser" spells `PA`, "Children and Young People" `C&YP`, "Integrated
/// Lead of Care" `IloC`.
pub fn spells(acronym: &str, phrase: &str) -> bool {
    let capitals: String = acronym.chars().filter(|c| c.is_uppercase()).collect();
    let letters: String =
        acronym.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_uppercase).collect();
    if capitals.chars().count() < 2 {
        return false;
    }
    let ws: Vec<&str> = phrase
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let initials = |all: bool| -> String {
        ws.iter()
            .filter(|w| {
                all || !["and", "of", "the", "for", "in", "on", "to", "a", "an", "&"].contains(w)
            })
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    let (significant, all) = (initials(false), initials(true));
    significant == capitals || all == capitals || significant == letters || all == letters
}

/// Where, in `before`, an expansion written just before an acronym in
/// brackets starts: "Personal Adviser (" before `PA`.
pub fn expansion_before(before: &str, acronym: &str) -> Option<usize> {
    // An expansion is a few words: only the end of a long text is read.
    let from = tail_start(before, 160);
    let inner = before[from..].trim_end().strip_suffix('(')?.trim_end();
    let capitals = acronym.chars().filter(|c| c.is_uppercase()).count();
    // Try the last n words for n from the number of capitals to twice it.
    let starts: Vec<usize> = inner
        .char_indices()
        .filter(|&(i, c)| {
            c.is_alphanumeric()
                && (i == 0 || !inner[..i].ends_with(|p: char| p.is_alphanumeric() || p == '\''))
        })
        .map(|(i, _)| i)
        .collect();
    (capitals..=capitals * 2)
        .filter_map(|n| starts.len().checked_sub(n).map(|k| starts[k]))
        .find(|&s| spells(acronym, &inner[s..]))
        .map(|s| from + s)
}

/// Where the last `bytes` (or fewer, to a character boundary) of `text` start.
pub fn tail_start(text: &str, bytes: usize) -> usize {
    let mut i = text.len().saturating_sub(bytes);
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The first `bytes` (or fewer, to a character boundary) of `text`.
pub fn head(text: &str, bytes: usize) -> &str {
    let mut i = bytes.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    &text[..i]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_capital_in_every_place() {
        for byte in 0..=255u8 {
            for place in 0..11 {
                let mut b = vec![b'a'; 11];
                b[place] = byte;
                let slow = (0..b.len()).find(|&i| b[i].is_ascii_uppercase());
                assert_eq!(next_capital(&b, 0), slow, "{byte} at {place}");
                assert_eq!(next_capital(&b, place.min(3)), slow.filter(|&s| s >= place.min(3)));
            }
        }
    }

    /// The one-pass test says what the rule in its doc says, on words of
    /// every shape: capitals, small letters, digits, `&`, accents, Greek,
    /// titlecase letters, punctuation.
    #[test]
    fn the_one_pass_acronym_test_is_the_rule() {
        let rule = |word: &str| {
            let mut chars = word.chars();
            let starts = match chars.next() {
                Some(c) if c.is_uppercase() => true,
                Some(c) if c.is_lowercase() => chars.next().is_some_and(char::is_uppercase),
                _ => false,
            };
            let upper = word.chars().filter(|c| c.is_uppercase()).count();
            let lower = word.chars().filter(|c| c.is_lowercase()).count();
            !word.chars().any(|c| c.is_ascii_digit())
                && starts
                && upper >= 2
                && upper >= lower
                && word.chars().all(|c| c.is_alphanumeric() || c == '&')
        };
        let words = [
            "", "A", "DSL", "eCAF", "IloC", "CAMHs", "Camhs", "C&YP", "MASH's", "LADO2", "2LADO",
            "ÉCOLE", "École", "ΑΒΓ", "ǅX", "Xǅ", "aB", "ab", "AbC", "ABc", "ABcd", "A-B", "NHS.UK",
            "DfE", "SENDCo", "X²Y", "ⅫA", "&&", "A&", "UK GDPR",
        ];
        for word in words {
            assert_eq!(looks_like_acronym(word), rule(word), "{word:?}");
        }
    }

    #[test]
    fn acronyms_in_every_case() {
        for a in [
            "DSL", "CiC", "IloC", "CAMHs", "eCAF", "C&YP", "DfE", "DoLS", "CDC", "DCI", "CV", "LD",
            "SENDCo",
        ] {
            assert!(looks_like_acronym(a), "{a}");
        }
        for w in [
            "McDonald",
            "PowerPoint",
            "iPad",
            "iPhone",
            "eBay",
            "YouTube",
            "WhatsApp",
            "LinkedIn",
            "JavaScript",
            "GitHub",
            "MacLeod",
            "McCann",
            "Mr",
            "Ofsted",
            "SW1A",
            "KS2",
            "Q1",
            "COVID19",
            "I",
            "A",
        ] {
            assert!(!looks_like_acronym(w), "{w}");
        }
        for w in ["PhD", "OK", "DRAFT", "OFFICIAL", "SENSITIVE", "NOTE", "TBC"] {
            assert!(is_ordinary(w), "{w}");
        }
        assert!(!is_ordinary("SEND"));
    }

    /// Every word of both lists is ordinary as written, and only as
    /// written: the hashed sets answer as the lists read.
    #[test]
    fn every_listed_word_is_ordinary_as_written() {
        let listed: Vec<&str> = include_str!("../data/capitalised-words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .chain(NOT_ACRONYMS.iter().copied())
            .collect();
        assert!(listed.len() > 150, "{}", listed.len());
        for w in &listed {
            assert!(is_ordinary(w), "{w}");
            let other = format!("{w}X");
            assert_eq!(is_ordinary(&other), listed.contains(&other.as_str()), "{other}");
            let lower = w.to_lowercase();
            assert_eq!(is_ordinary(&lower), listed.contains(&lower.as_str()), "{lower}");
        }
        for w in ["MASH", "CAMHS", "LSCP", "", "ok"] {
            assert!(!is_ordinary(w), "{w}");
        }
    }

    #[test]
    fn capitalised_words_are_found_whole() {
        let ws: Vec<&str> = capitalised_words("the eCAF, CAMHs, Mr Smith and C&YP; iPad")
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(ws, vec!["eCAF", "CAMHs", "C&YP"]);
    }

    /// [`words`] as it was first written, a character at a time: the
    /// rule its faster reading is held to.
    fn words_by_character(text: &str) -> Vec<Word<'_>> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut previous: Option<char> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let joins = c == '&'
                && start.is_some()
                && previous.is_some_and(char::is_uppercase)
                && chars.peek().is_some_and(|(_, n)| n.is_uppercase());
            if c.is_alphanumeric() || joins {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                out.push(Word { start: s, text: &text[s..i] });
            }
            previous = Some(c);
        }
        if let Some(s) = start {
            out.push(Word { start: s, text: &text[s..] });
        }
        out
    }

    #[test]
    fn words_are_the_words_read_a_character_at_a_time() {
        let cases = [
            "C&YP and A&E, not Q & A",
            "C&&YP C& &YP &A A& a&B A&b",
            "É&Ü Ä&B A&É é&É",
            "ÉCOLE and Ünïcödé CAMHS",
            "word",
            "",
            "&",
            "A&",
            "abcdefghijklmnopqrstuvwxyz0123456789ABC&DEF",
            "x\u{2028}y\u{00A0}z",
            "१२३ ٣ CAF²",
            "ΑΒΓ&ΔΕ and АБВ&ГД",
        ];
        let mut texts = charter_core::testing::cases_and_repository_lines(&cases);
        // Every ASCII byte in every place among small letters and, for
        // `&` between capitals, among capitals.
        let every_place = charter_core::testing::ascii_byte_in_every_place();
        texts.extend(every_place.iter().map(|t| t.replace('a', "A")));
        texts.extend(every_place);
        for text in &texts {
            assert_eq!(words(text), words_by_character(text), "{text:?}");
        }
    }

    #[test]
    fn words_keep_ampersands_between_capitals() {
        let ws: Vec<&str> = words("C&YP and A&E, not Q & A").iter().map(|w| w.text).collect();
        assert_eq!(ws, vec!["C&YP", "and", "A&E", "not", "Q", "A"]);
    }

    #[test]
    fn numerals_only_in_numeral_context() {
        let numeral = |text: &str, word: &str| {
            let ws = words(text);
            let i = ws.iter().position(|w| w.text == word).unwrap();
            is_numeral_in_context(text, &ws, i)
        };
        assert!(numeral("Part II of the Act", "II"));
        assert!(numeral("Parts II and III", "III"));
        assert!(numeral("see (iv) below", "iv"));
        assert!(numeral("Annex III", "III"));
        assert!(numeral("Schedule IV", "IV"));
        assert!(numeral("after World War II", "II"));
        assert!(!numeral("the CDC team", "CDC"));
        assert!(!numeral("the DCI and the LD nurse", "DCI"));
        assert!(!numeral("a CV and", "CV"));
        assert!(!numeral("MIND and Level", "MIND"));
    }

    #[test]
    fn shouting_and_expansions() {
        assert!(is_shouting("REPORT OF"));
        assert!(is_shouting("KEY DECISION"));
        assert!(!is_shouting("CAMHS / CSC"));
        assert!(!is_shouting("DCI"));
        assert!(spells("PA", "Personal Adviser"));
        assert!(spells("C&YP", "Children and Young People"));
        assert!(spells("IloC", "Integrated Lead of Care"));
        assert!(spells("LD", "Learning Disability *"));
        assert!(!spells("PA", "Public Health"));
        let before = "every care leaver has a Personal Adviser (";
        assert_eq!(
            expansion_before(before, "PA").map(|i| &before.trim_end()[i..]),
            Some("Personal Adviser (")
        );
        assert_eq!(expansion_before("talk to the (", "PA"), None);
    }
}
