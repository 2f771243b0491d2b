//! Two of the patterns `context` asks of the text before a reference,
//! read from its end by hand: "Ofsted’s inspection framework" and "the
//! partnership’s 2019 review". As regexes (`\w` and `\b` in Unicode's
//! sense), compiling them was the largest fixed cost of a build (15M
//! instructions, a twentieth of a ten-page build's), and a curly
//! apostrophe sent them to their slowest engines. Each is held to its
//! regex on every line of the repository and on generated families
//! ([`tests`]).

use std::sync::LazyLock;

use regex::Regex;

/// `\b[A-Z][\w-]*['’]s(?:\s+[a-z][\w-]*){0,3}$`: a possessive name and up
/// to three lower-case words end the text.
#[cfg(test)]
pub(super) const POSSESSIVE_END: &str = r"\b[A-Z][\w-]*['’]s(?:\s+[a-z][\w-]*){0,3}$";

/// `(?:\b\w+['’]s|\b(?:19|20)\d\d)(?:\s+[\w-]+){0,3}?\s+([A-Za-z]+)$`:
/// someone's or a year's publication, its last word captured.
const OWNED_PUBLICATION_END: &str =
    r"(?:\b\w+['’]s|\b(?:19|20)\d\d)(?:\s+[\w-]+){0,3}?\s+([A-Za-z]+)$";

/// The regex, for a text whose year might be written in digits other
/// than ASCII's (`\d` is any decimal digit): compiled only then.
static OWNED_PUBLICATION_REGEX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(OWNED_PUBLICATION_END).expect("valid regex"));

/// `\w`: a letter, mark, decimal digit, connector or join control.
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        regex_syntax::is_word_character(c)
    }
}

/// `[\w-]`.
fn is_word_or_hyphen(c: char) -> bool {
    c == '-' || is_word(c)
}

/// The last character of `t`, if any.
fn last(t: &str) -> Option<char> {
    t.chars().next_back()
}

/// Where the run of characters for which `test` holds that ends `t` starts.
fn run_start(t: &str, test: impl Fn(char) -> bool) -> usize {
    t.char_indices().rev().take_while(|&(_, c)| test(c)).last().map_or(t.len(), |(i, _)| i)
}

/// `t` without the last whitespace-separated word for which `word` holds
/// and the white space before it: `None` when `t` does not end with such
/// a word after white space. `word` is given the word; the word is the
/// whole run of `[\w-]` that ends `t`.
fn without_last_word(t: &str, word: impl Fn(&str) -> bool) -> Option<&str> {
    let start = run_start(t, is_word_or_hyphen);
    if start == t.len() || !word(&t[start..]) {
        return None;
    }
    let before = &t[..start];
    let space = run_start(before, char::is_whitespace);
    (space < before.len()).then(|| &before[..space])
}

/// Whether `t` ends with `\b[A-Z][\w-]*['’]s`.
fn ends_with_possessive_name(t: &str) -> bool {
    let Some(name) = t.strip_suffix("'s").or_else(|| t.strip_suffix("’s")) else {
        return false;
    };
    // The capital starts a word: the run's first character, or one after
    // a hyphen (not a word character, so `\b` holds before the capital).
    let start = run_start(name, is_word_or_hyphen);
    let run = &name[start..];
    let mut after_boundary = true;
    for c in run.chars() {
        if after_boundary && c.is_ascii_uppercase() {
            return true;
        }
        after_boundary = c == '-';
    }
    false
}

/// `POSSESSIVE_END.is_match(s)`.
pub(super) fn ends_possessive(s: &str) -> bool {
    let mut t = s;
    for words in 0..=3 {
        if ends_with_possessive_name(t) {
            return true;
        }
        if words == 3 {
            break;
        }
        let lower_word = |w: &str| w.starts_with(|c: char| c.is_ascii_lowercase());
        match without_last_word(t, lower_word) {
            Some(rest) => t = rest,
            None => return false,
        }
    }
    false
}

/// Whether `t` ends with `\b\w+['’]s` or `\b(?:19|20)\d\d`; `None` when
/// that turns on whether a character is a decimal digit outside ASCII.
fn ends_with_owner(t: &str) -> Option<bool> {
    if let Some(owner) = t.strip_suffix("'s").or_else(|| t.strip_suffix("’s")) {
        // `\w+` from the start of its run: `\b` holds there.
        return Some(last(owner).is_some_and(is_word));
    }
    let mut chars = t.chars().rev();
    let (Some(d2), Some(d1)) = (chars.next(), chars.next()) else { return Some(false) };
    let century = (chars.next(), chars.next());
    let starts_word = chars.next().is_none_or(|c| !is_word(c));
    if !(matches!(century, (Some('9'), Some('1')) | (Some('0'), Some('2'))) && starts_word) {
        return Some(false);
    }
    match (decimal_digit(d1), decimal_digit(d2)) {
        (Some(true), Some(true)) => Some(true),
        (Some(false), _) | (_, Some(false)) => Some(false),
        _ => None,
    }
}

/// Whether `c` is `\d` (a decimal digit): `None` for a number outside
/// ASCII, which may or may not be one. A character that is no number at
/// all is no decimal digit.
fn decimal_digit(c: char) -> Option<bool> {
    if c.is_ascii() { Some(c.is_ascii_digit()) } else { (!c.is_numeric()).then_some(false) }
}

/// What `OWNED_PUBLICATION_END.captures(s)` captures: the last word, when
/// someone's or a year's publication ends `s`.
pub(super) fn owned_publication(s: &str) -> Option<&str> {
    let last_word = run_start(s, |c| c.is_ascii_alphabetic());
    let before = &s[..last_word];
    if last_word == s.len() || !last(before).is_some_and(char::is_whitespace) {
        return None;
    }
    let mut t = &before[..run_start(before, char::is_whitespace)];
    for words in 0..=3 {
        match ends_with_owner(t) {
            Some(true) => return Some(&s[last_word..]),
            Some(false) => {}
            None => {
                return OWNED_PUBLICATION_REGEX
                    .captures(s)
                    .and_then(|c| c.get(1))
                    .map(|m| m.as_str());
            }
        }
        if words == 3 {
            break;
        }
        t = without_last_word(t, |_| true)?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words that start, end and join the two patterns' shapes, with
    /// characters outside ASCII: letters, digits, spaces and apostrophes.
    const PIECES: &[&str] = &[
        "Smith’s",
        "Ofsted's",
        "O’Brien’s",
        "x-Ray’s",
        "Jean-Paul’s",
        "(Ofsted’s",
        "é’s",
        "Zoë’s",
        "ÉCOLE’s",
        "l’s",
        "_x's",
        "A_b’s",
        "'s",
        "’s",
        "s",
        "2019",
        "1989",
        "(2019",
        "x2019",
        "-2019",
        "20١٩",
        "19٣٤",
        "१९८९",
        "19²³",
        "20½",
        "19١x",
        "２０１９",
        "2019’s",
        "review",
        "report",
        "annual",
        "inspection",
        "the",
        "Review",
        "Act",
        "é",
        "a-b",
        "-",
        "_",
        "3",
        "ⅷ",
        "²",
        "α",
        "“",
        "”",
        ",",
        ".",
        "(",
    ];
    const SPACES: &[&str] = &[" ", " ", "  ", "\u{a0}", "\t", "\n", "\u{2003}", ""];

    /// Every text of up to four pieces, joined by each kind of space, and
    /// some longer ones: the shapes both patterns turn on.
    fn family() -> Vec<String> {
        let mut texts = vec![String::new()];
        for a in PIECES {
            texts.push(a.to_string());
            for b in PIECES {
                for space in SPACES {
                    texts.push(format!("{a}{space}{b}"));
                }
            }
        }
        let mut longer = Vec::new();
        for (i, a) in PIECES.iter().enumerate() {
            for (j, b) in PIECES.iter().enumerate() {
                let space = SPACES[(i + j) % SPACES.len()];
                longer.push(format!("{a} {b} review"));
                longer.push(format!("See {a} annual{space}{b} of the report"));
                for c in PIECES {
                    longer.push(format!("{a}{space}{b} {c}"));
                }
            }
        }
        texts.extend(longer);
        texts
    }

    /// Every text of [`family`], and every line of the repository cut
    /// before and after each space (the text before a reference is a
    /// line's start).
    fn texts() -> Vec<String> {
        let mut texts = family();
        for line in charter_core::testing::repository_markdown_lines() {
            for (i, c) in line.char_indices().filter(|(_, c)| c.is_whitespace()) {
                texts.push(line[..i].to_string());
                texts.push(line[..i + c.len_utf8()].to_string());
            }
            texts.push(line);
        }
        texts
    }

    #[test]
    fn each_reading_is_its_regex() {
        let possessive = Regex::new(POSSESSIVE_END).unwrap();
        let owned = Regex::new(OWNED_PUBLICATION_END).unwrap();
        let texts = texts();
        assert!(texts.len() > 100_000, "{}", texts.len());
        let (mut possessives, mut publications) = (0, 0);
        for t in &texts {
            let expected = possessive.is_match(t);
            assert_eq!(ends_possessive(t), expected, "possessive: {t:?}");
            possessives += usize::from(expected);
            let expected = owned.captures(t).map(|c| c.get(1).unwrap().as_str());
            assert_eq!(owned_publication(t), expected, "owned publication: {t:?}");
            publications += usize::from(expected.is_some());
        }
        // Both shapes are met often, not only missed.
        assert!(possessives > 1000 && publications > 1000, "{possessives} {publications}");
    }
}
