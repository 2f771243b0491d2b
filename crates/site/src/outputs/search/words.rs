//! Words as the search index and the search page's script both see them:
//! lower case; letters and digits, with dots kept inside numbers so that a
//! hand number ("2.16.9") is one word; words of one letter and common
//! words dropped; every word without a digit stemmed with Snowball's
//! English algorithm, so "escalation" finds "escalated". The page's script
//! (`themes/default/static/search-stem.js` and `search.js`) does the same,
//! and a test runs thousands of words through both.

use charter_core::intern::Interner;
use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to search for.
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "we", "were",
    "will", "with", "which", "who", "our", "all", "any", "can", "not", "but", "they", "these",
    "those", "also",
];

/// Stems words, remembering each it has seen: a site has a few thousand
/// distinct words and millions of uses of them, so each token costs one
/// lookup in a table of the tokens seen so far.
pub(crate) struct Words {
    stemmer: Stemmer,
    /// Lower-case tokens seen.
    tokens: Interner,
    /// Token id → word id, or `u32::MAX` for a token not searched for.
    forms: Vec<u32>,
    /// Indexed forms (stems and numbers), by word id.
    words: Interner,
    buffer: String,
    /// The word ids of recent tokens of up to sixteen bytes, by a hash of
    /// their bytes ([`Words::word`]).
    recent: Vec<Recent>,
}

/// A token of up to sixteen bytes, read as two words (each eight bytes
/// loaded, or fewer read by [`charter_core::intern::short_word`]), and its
/// word id.
#[derive(Clone, Copy, Default)]
struct Recent {
    bytes: u64,
    /// Bytes 8 to 16, or 0.
    more: u64,
    /// 0 for an empty place: no token is empty.
    len: u32,
    id: u32,
}

/// Places in the table of recent tokens: 48 KiB, most of a site's common
/// words at once.
const RECENT_BITS: u32 = 11;

impl Words {
    pub(crate) fn new() -> Words {
        Words {
            stemmer: Stemmer::create(Algorithm::English),
            tokens: Interner::new(),
            forms: Vec::new(),
            words: Interner::new(),
            buffer: String::new(),
            recent: vec![Recent::default(); 1 << RECENT_BITS],
        }
    }

    /// The indexed form with id `id`.
    pub(crate) fn name(&self, id: u32) -> &str {
        self.words.get(id)
    }

    /// How many indexed forms it has seen.
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// Calls `each` with the word id of every search word of `text`.
    pub(crate) fn each(&mut self, text: &str, mut each: impl FnMut(u32)) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] < 0x80 && !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let (id, end) = match ascii_token(bytes, i) {
                // Most tokens are plain ASCII, and most of those are
                // already lower case: looked up as they stand.
                Some((end, false)) => (self.word(&text[i..end]), end),
                Some((end, true)) => self.buffered(|b| {
                    b.push_str(&text[i..end]);
                    b.make_ascii_lowercase();
                    end
                }),
                None => {
                    let (c, width) = char_at(text, i);
                    if !c.is_alphanumeric() {
                        i += width;
                        continue;
                    }
                    self.buffered(|b| lower_token(text, i, b))
                }
            };
            i = end;
            if id != u32::MAX {
                each(id);
            }
        }
    }

    /// The word id of the token `fill` writes into the reused buffer (it
    /// returns where the token ends), and that end.
    fn buffered(&mut self, fill: impl FnOnce(&mut String) -> usize) -> (u32, usize) {
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        let end = fill(&mut buffer);
        let id = self.word(&buffer);
        self.buffer = buffer;
        (id, end)
    }

    /// The word id of a lower-case token, or `u32::MAX`. A site has a few
    /// thousand kinds of token and millions of uses: most are short and
    /// were seen a moment ago, and are found in a small direct-mapped table
    /// of recent tokens with one hash of two words, before the full table
    /// (which hashes, probes and compares) is asked. Up to sixteen bytes:
    /// "safeguarding", "partnership", "assessments" are common too, and the
    /// expansions of a glossary dense with acronyms are mostly such words.
    fn word(&mut self, token: &str) -> u32 {
        let b = token.as_bytes();
        if b.len() > 16 {
            return self.interned(token);
        }
        let (bytes, more) = match b.split_at_checked(8) {
            Some((eight, rest)) => (word_of(eight), word_of(rest)),
            None => (word_of(b), 0),
        };
        let len = b.len() as u32;
        let place = recent_place(bytes ^ more.rotate_left(29), len);
        let seen = self.recent[place];
        if seen.bytes == bytes && seen.more == more && seen.len == len {
            return seen.id;
        }
        let id = self.interned(token);
        self.recent[place] = Recent { bytes, more, len, id };
        id
    }

    /// The word id of a lower-case token, from the full table.
    fn interned(&mut self, token: &str) -> u32 {
        let (t, new) = self.tokens.intern(token);
        if new {
            let form = match index_form(&self.stemmer, token) {
                Some(f) => self.words.intern(&f).0,
                None => u32::MAX,
            };
            self.forms.push(form);
        }
        self.forms[t as usize]
    }
}

/// Up to eight bytes as one word: told apart from any other bytes of the
/// same length.
fn word_of(b: &[u8]) -> u64 {
    match b.try_into() {
        Ok(eight) => u64::from_le_bytes(eight),
        Err(_) => charter_core::intern::short_word(b),
    }
}

/// The place of a token in the table of recent tokens.
fn recent_place(bytes: u64, len: u32) -> usize {
    let hash = (bytes ^ u64::from(len)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (hash >> (64 - RECENT_BITS)) as usize
}

/// The end of the token at `start` and whether it has capitals, when the
/// whole token is ASCII (the same cut as [`lower_token`]); `None` when it
/// holds or ends against a non-ASCII character, which the slow path reads.
fn ascii_token(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
    use charter_core::lanes::{self, Lanes, WIDTH};
    // Most tokens are a word of fewer than sixteen bytes: its end and
    // whether it has capitals are read from one load of sixteen bytes.
    if start + WIDTH <= bytes.len() {
        let x = Lanes::load(bytes, start);
        let other = lanes::not(lanes::alphanumeric(x)).bits();
        let end = start + other.trailing_zeros() as usize;
        if other != 0 && continues(bytes, end).is_none() {
            let capitals = lanes::between(x, b'A', b'Z').bits() & ((1 << (end - start)) - 1);
            return cut(bytes, start, end, capitals != 0);
        }
    }
    let mut end = start;
    loop {
        // Sixteen bytes at a time through the letters and digits: a word is
        // mostly one such step instead of a test per byte.
        end = lanes::alphanumeric_end(bytes, end);
        // Past the letters and digits only a dot between two digits goes on.
        if continues(bytes, end).is_none() {
            break;
        }
        end += 1;
    }
    cut(bytes, start, end, bytes[start..end].iter().any(u8::is_ascii_uppercase))
}

/// Whether the byte at `at` belongs to the token before it (a letter, a
/// digit, or a dot between two digits), and whether it is a capital.
fn continues(bytes: &[u8], at: usize) -> Option<bool> {
    let b = *bytes.get(at)?;
    let dotted_number = b == b'.'
        && at > 0
        && bytes[at - 1].is_ascii_digit()
        && bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
    (b.is_ascii_alphanumeric() || dotted_number).then_some(b.is_ascii_uppercase())
}

/// The token `start..end`, unless it is empty or runs on into a
/// non-ASCII character (which the slow path reads).
fn cut(bytes: &[u8], start: usize, end: usize, capitals: bool) -> Option<(usize, bool)> {
    let clean = end > start && bytes.get(end).is_none_or(|b| *b < 0x80);
    clean.then_some((end, capitals))
}

/// The character at byte `i` and its width, quickly for ASCII.
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// Appends the token starting at `start`, lower-cased, to `out`; returns
/// the byte just past it. The same cut as [`tokens`].
fn lower_token(text: &str, start: usize, out: &mut String) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len() {
        let (c, width) = char_at(text, i);
        let dotted_number = c == '.'
            && i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if c.is_ascii() && (c.is_ascii_alphanumeric() || dotted_number) {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else {
            break;
        }
        i += width;
    }
    i
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
#[cfg(test)]
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
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
        let mut ids = Vec::new();
        w.each(text, |id| ids.push(id));
        ids.into_iter().map(|id| w.name(id).to_string()).collect()
    }

    #[test]
    fn the_fast_cut_is_the_cut() {
        let text = "Café v1.0, 2.16.9. MASH's ÉCOLE x.1 1.x ..2 ü";
        let slow: Vec<String> = tokens(text).map(|(_, t)| t.to_lowercase()).collect();
        let mut fast = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let (c, width) = char_at(text, i);
            if c.is_alphanumeric() {
                let mut s = String::new();
                i = lower_token(text, i, &mut s);
                fast.push(s);
            } else {
                i += width;
            }
        }
        assert_eq!(fast, slow);
    }

    #[test]
    fn the_ascii_path_finds_the_words_the_slow_path_does() {
        let text = "Café v1.0, 2.16.9. MASH's ÉCOLE x.1 1.x ..2 ü naïve DSLé end. Über 3.4é";
        let mut w = Words::new();
        let mut ids = Vec::new();
        w.each(text, |id| ids.push(id));
        let fast: Vec<String> = ids.into_iter().map(|id| w.name(id).to_string()).collect();
        let stemmer = Stemmer::create(Algorithm::English);
        let slow: Vec<String> =
            tokens(text).filter_map(|(_, t)| index_form(&stemmer, &t.to_lowercase())).collect();
        assert_eq!(fast, slow);
    }

    /// The sixteen-at-a-time token cut is the byte loop it replaced: every
    /// byte in every place of words and numbers of 0 to 19 bytes, and of
    /// small letters followed by capitals (which are not the token's, if
    /// the byte ends it), from every place a token can start.
    #[test]
    fn the_sixteen_byte_cut_is_the_byte_cut() {
        for base in [b'a', b'7', b'A'] {
            for byte in 0..=255u8 {
                for len in 0..20 {
                    for place in 0..len {
                        let mut b = vec![base; len];
                        if base == b'A' {
                            b[..place].fill(b'a');
                        }
                        b[place] = byte;
                        for at in (0..len).filter(|&at| b[at].is_ascii_alphanumeric()) {
                            assert_eq!(
                                ascii_token(&b, at),
                                byte_token(&b, at),
                                "{base} {byte} {len} {place} {at}"
                            );
                        }
                    }
                }
            }
        }
        // And the whole token cut, against the byte loop it replaced, on
        // every line of the demo, the guide and the fixtures.
        for text in charter_core::testing::repository_markdown_lines() {
            let b = text.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if b[i].is_ascii_alphanumeric() {
                    let got = ascii_token(b, i);
                    assert_eq!(got, byte_token(b, i), "{text:?} at {i}");
                    i = got.map_or(i + 1, |(end, _)| end);
                } else {
                    i += 1;
                }
            }
        }
    }

    /// The token cut a byte at a time, as it was.
    fn byte_token(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
        let mut end = start;
        let mut capitals = false;
        while let Some(capital) = continues(bytes, end) {
            capitals |= capital;
            end += 1;
        }
        cut(bytes, start, end, capitals)
    }

    #[test]
    fn stems_words_and_keeps_numbers_and_acronyms() {
        assert_eq!(
            words("The MASH's escalation, see 2.16.9."),
            vec!["mash", "escal", "see", "2.16.9"]
        );
        assert_eq!(words("escalate escalated escalating"), vec!["escal", "escal", "escal"]);
        assert_eq!(words("safeguard safeguarding"), vec!["safeguard", "safeguard"]);
        assert_eq!(words("a x 7 2025!"), vec!["7", "2025"]);
    }

    /// The table of recent tokens gives the id the full table gives, for
    /// every token of the repository's Markdown and for thousands of short
    /// tokens that share places in it (each of 1 to 20 bytes, 8 and 16
    /// being plain loads), read twice so that later reads are answered from it.
    #[test]
    fn recent_tokens_have_the_ids_of_the_full_table() {
        let mut tokens: Vec<String> = Vec::new();
        for line in charter_core::testing::repository_markdown_lines() {
            tokens.extend(super::tokens(&line).map(|(_, t)| t.to_lowercase()));
        }
        for n in 0..6000u32 {
            let len = 1 + (n % 20) as usize;
            tokens.push(format!("{n:x}zq{n}").chars().cycle().take(len).collect());
        }
        let mut cached = Words::new();
        let mut full = Words::new();
        for _ in 0..2 {
            for t in &tokens {
                assert_eq!(cached.word(t), full.interned(t), "{t:?}");
            }
        }
    }

    #[test]
    fn tokens_have_offsets() {
        let t: Vec<(usize, &str)> = tokens("Café, 3.1 end.").collect();
        assert_eq!(t, vec![(0, "Café"), (7, "3.1"), (11, "end")]);
    }
}
