//! Words as the search index and the search page's script both see them:
//! lower case; letters and digits, with dots kept inside numbers so that a
//! hand number ("2.16.9") is one word; words of one letter and common
//! words dropped; every word without a digit stemmed with Snowball's
//! English algorithm, so "escalation" finds "escalated". The page's script
//! (`themes/default/static/search-stem.js` and `search.js`) does the same,
//! and a test runs thousands of words through both.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to search for.
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it",
    "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "we", "were", "will",
    "with", "which", "who", "our", "all", "any", "can", "not", "but", "they", "these", "those",
    "also",
];

/// Stems words, remembering each it has seen: a site has a few thousand
/// distinct words and millions of uses of them.
pub(crate) struct Words {
    stemmer: Stemmer,
    seen: HashMap<String, Option<String>>,
}

impl Words {
    pub(crate) fn new() -> Words {
        Words { stemmer: Stemmer::create(Algorithm::English), seen: HashMap::new() }
    }

    /// Calls `each` with every search word of `text` and its byte offset.
    pub(crate) fn each(&mut self, text: &str, mut each: impl FnMut(&str, usize)) {
        let mut buffer = String::new();
        for (start, raw) in tokens(text) {
            buffer.clear();
            buffer.extend(raw.chars().flat_map(char::to_lowercase));
            if let Some(word) = self.word(&buffer) {
                each(word, start);
            }
        }
    }

    /// The indexed form of a lower-case token, or `None` when it is not
    /// searched for.
    fn word(&mut self, token: &str) -> Option<&str> {
        if !self.seen.contains_key(token) {
            let indexed = index_form(&self.stemmer, token);
            self.seen.insert(token.to_string(), indexed);
        }
        self.seen.get(token).and_then(|w| w.as_deref())
    }
}

/// A token's indexed form: numbers as they are, words of two or more
/// letters stemmed, stop words and single letters dropped.
fn index_form(stemmer: &Stemmer, token: &str) -> Option<String> {
    if token.chars().any(|c| c.is_ascii_digit()) {
        return Some(token.to_string());
    }
    if token.chars().count() < 2 || STOP_WORDS.contains(&token) {
        return None;
    }
    Some(stemmer.stem(token).into_owned())
}

/// Runs of letters and digits, a dot kept between two digits.
pub(crate) fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            let dotted_number = c == '.'
                && i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if c.is_alphanumeric() || dotted_number {
                chars.next();
            } else {
                end = i;
                break;
            }
        }
        Some((start, &text[start..end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut w = Words::new();
        let mut out = Vec::new();
        w.each(text, |word, _| out.push(word.to_string()));
        out
    }

    #[test]
    fn stems_words_and_keeps_numbers_and_acronyms() {
        assert_eq!(words("The MASH's escalation, see 2.16.9."), vec!["mash", "escal", "see", "2.16.9"]);
        assert_eq!(words("escalate escalated escalating"), vec!["escal", "escal", "escal"]);
        assert_eq!(words("safeguard safeguarding"), vec!["safeguard", "safeguard"]);
        assert_eq!(words("a x 7 2025!"), vec!["7", "2025"]);
    }

    #[test]
    fn tokens_have_offsets() {
        let t: Vec<(usize, &str)> = tokens("Café, 3.1 end.").collect();
        assert_eq!(t, vec![(0, "Café"), (7, "3.1"), (11, "end")]);
    }
}
