//! Text as the comparison sees it: words, spaces and punctuation, each
//! carrying the inline formatting it was written in, so that marks can be
//! placed word by word and the formatting written back around them.

use std::borrow::Cow;
use std::hash::Hash;

use charter_core::hash::hash_of;

/// Inline formatting of a piece of text, as a set of flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Style(u8);

impl Style {
    /// No formatting.
    pub const PLAIN: Style = Style(0);
    /// `**strong**`.
    pub const STRONG: Style = Style(1);
    /// `*emphasis*`.
    pub const EMPHASIS: Style = Style(1 << 1);
    /// `~~struck~~`, written as `<s>` so it is never mistaken for a deletion.
    pub const STRIKE: Style = Style(1 << 2);
    /// `` `code` ``.
    pub const CODE: Style = Style(1 << 3);
    /// Superscript (footnote references among them).
    pub const SUPER: Style = Style(1 << 4);
    /// Subscript.
    pub const SUB: Style = Style(1 << 5);
    /// An image's description, shown in place of the image.
    pub const IMAGE: Style = Style(1 << 6);

    /// Every flag, in the order their tags nest (outermost first), with the
    /// tags that write them.
    pub(crate) const TAGS: [(Style, &'static str, &'static str); 7] = [
        (Style::IMAGE, "<span class=\"cmp-image\">", "</span>"),
        (Style::STRONG, "<strong>", "</strong>"),
        (Style::EMPHASIS, "<em>", "</em>"),
        (Style::STRIKE, "<s>", "</s>"),
        (Style::CODE, "<code>", "</code>"),
        (Style::SUPER, "<sup>", "</sup>"),
        (Style::SUB, "<sub>", "</sub>"),
    ];

    /// This style with `other`'s flags added.
    pub fn with(self, other: Style) -> Style {
        Style(self.0 | other.0)
    }

    /// This style without `other`'s flags.
    pub fn without(self, other: Style) -> Style {
        Style(self.0 & !other.0)
    }

    /// Whether every flag of `other` is set.
    pub fn has(self, other: Style) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word or a punctuation mark.
    Word,
    /// A run of spaces, always kept as one space.
    Space,
    /// A line break inside a block.
    Break,
    /// Something left out of the comparison; its text says what.
    Redacted,
}

/// One word, space, break or redaction.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    /// The text as shown. Spaces and ASCII punctuation borrow theirs: a
    /// page has as many of them as words, and each was an allocation.
    pub text: Cow<'static, str>,
    /// Its formatting.
    pub style: Style,
    /// What it is.
    pub kind: TokenKind,
}

impl Token {
    /// A redaction saying what was left out.
    pub fn redacted(what: &str) -> Token {
        Token { text: what.to_string().into(), style: Style::PLAIN, kind: TokenKind::Redacted }
    }

    /// A line break.
    pub fn line_break() -> Token {
        Token { text: Cow::Borrowed("\n"), style: Style::PLAIN, kind: TokenKind::Break }
    }

    /// Whether it is a space.
    pub fn is_space(&self) -> bool {
        self.kind == TokenKind::Space
    }
}

/// Marks that open a word before it: "(" in "(2.5%)".
const OPENERS: &[char] = &['(', '[', '"', '\'', '“', '‘', '«'];
/// Marks that close a word after it: "," in "monthly,".
const CLOSERS: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'', '”', '’', '»'];

/// Appends `text` in `style` to `tokens`, split into words, spaces and
/// the punctuation around words, so that "monthly." and "quarterly." differ
/// in one word and share the full stop.
pub(super) fn push_text(tokens: &mut Vec<Token>, text: &str, style: Style) {
    for (is_space, run) in runs(text) {
        if is_space {
            // Spaces either side of a change of formatting are one space.
            if !tokens.last().is_some_and(Token::is_space) {
                tokens.push(Token { text: Cow::Borrowed(" "), style, kind: TokenKind::Space });
            }
            continue;
        }
        let core_start = run.find(|c| !OPENERS.contains(&c)).unwrap_or(run.len());
        let core_end =
            run.rfind(|c| !CLOSERS.contains(&c)).map_or(core_start, |i| i + char_len(run, i));
        let core_end = core_end.max(core_start);
        for c in run[..core_start].chars() {
            tokens.push(mark(c, style));
        }
        if core_start < core_end {
            let text = Cow::Owned(run[core_start..core_end].to_string());
            tokens.push(Token { text, style, kind: TokenKind::Word });
        }
        for c in run[core_end..].chars() {
            tokens.push(mark(c, style));
        }
    }
}

/// Every ASCII character, in order, for one-character tokens to borrow.
const ASCII: &str = {
    const BYTES: [u8; 128] = {
        let mut bytes = [0; 128];
        let mut i = 0;
        while i < 128 {
            bytes[i] = i as u8;
            i += 1;
        }
        bytes
    };
    match std::str::from_utf8(&BYTES) {
        Ok(all) => all,
        Err(_) => panic!("ASCII is UTF-8"),
    }
};

/// A punctuation mark's token.
fn mark(c: char, style: Style) -> Token {
    let text = match usize::try_from(u32::from(c)) {
        Ok(i) if i < ASCII.len() => Cow::Borrowed(&ASCII[i..=i]),
        _ => Cow::Owned(c.to_string()),
    };
    Token { text, style, kind: TokenKind::Word }
}

fn char_len(s: &str, at: usize) -> usize {
    s[at..].chars().next().map_or(1, char::len_utf8)
}

/// The text cut into alternating runs of spaces and of other characters.
fn runs(text: &str) -> impl Iterator<Item = (bool, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first.is_whitespace();
        let end = rest.find(|c: char| c.is_whitespace() != space).unwrap_or(rest.len());
        let (run, after) = rest.split_at(end);
        rest = after;
        Some((space, run))
    })
}

/// Drops spaces at either end.
pub(super) fn trim(tokens: &mut Vec<Token>) {
    while tokens.last().is_some_and(|t| t.is_space() || t.kind == TokenKind::Break) {
        tokens.pop();
    }
    let lead = tokens.iter().take_while(|t| t.is_space() || t.kind == TokenKind::Break).count();
    tokens.drain(..lead);
}

/// The tokens' text as one string (a break is a space).
pub(super) fn plain(tokens: &[Token]) -> String {
    let mut s = String::new();
    for t in tokens {
        match t.kind {
            TokenKind::Break => s.push(' '),
            _ => s.push_str(&t.text),
        }
    }
    s
}

/// The distinct words of a text, lower-cased and hashed, sorted: what
/// similarity is measured on. A word is a run of alphanumeric characters.
pub(super) fn word_set(text: &str) -> Vec<u64> {
    let b = text.as_bytes();
    let mut words: Vec<u64> = Vec::new();
    let mut lower = String::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 && !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        // Most words are ASCII and end at an ASCII byte: cut sixteen bytes
        // at a time, and hashed as they stand when already in lower case
        // (the same hash as their lower-cased copy, without making one).
        if b[i] < 0x80 {
            let end = charter_core::lanes::alphanumeric_end(b, i);
            if b.get(end).is_none_or(|c| *c < 0x80) {
                let word = &text[i..end];
                words.push(if word.bytes().any(|c| c.is_ascii_uppercase()) {
                    lower.clear();
                    lower.push_str(word);
                    lower.make_ascii_lowercase();
                    hash_of(lower.as_str())
                } else {
                    hash_of(word)
                });
                i = end;
                continue;
            }
        }
        // A word with a character outside ASCII, or such a character that
        // is no letter or digit, read as characters.
        let rest = &text[i..];
        let len = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        if len == 0 {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        words.push(hash_of(rest[..len].to_lowercase()));
        i += len;
    }
    words.sort_unstable();
    words.dedup();
    words
}

/// How alike two word sets are, from 0 (nothing shared) to 1 (the same).
pub(super) fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * shared(a, b) as f64 / (a.len() + b.len()) as f64
}

/// How much of the shorter word set the longer one holds, from 0 to 1: a
/// sentence extended ("Young Advisers" → "Young Advisers, who meet…") is
/// still the same sentence.
pub(super) fn containment(a: &[u64], b: &[u64]) -> f64 {
    match a.len().min(b.len()) {
        0 => 0.0,
        least => shared(a, b) as f64 / least as f64,
    }
}

/// How many words two sorted word sets share.
pub(super) fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: &[Token]) -> Vec<&str> {
        tokens.iter().map(|t| &*t.text).collect()
    }

    #[test]
    fn words_spaces_and_punctuation_are_separate_tokens() {
        let mut t = Vec::new();
        push_text(&mut t, "meet  monthly, (2.5%)\nnow.", Style::PLAIN);
        assert_eq!(
            texts(&t),
            vec!["meet", " ", "monthly", ",", " ", "(", "2.5%", ")", " ", "now", "."]
        );
        push_text(&mut t, " bold", Style::STRONG);
        assert_eq!(t.iter().filter(|t| t.is_space()).count(), 4);
        assert_eq!(plain(&t), "meet monthly, (2.5%) now. bold");
    }

    #[test]
    fn punctuation_alone_stays_whole() {
        let mut t = Vec::new();
        push_text(&mut t, "… — ...", Style::PLAIN);
        assert_eq!(texts(&t), vec!["…", " ", "—", " ", ".", ".", "."]);
    }

    /// A punctuation mark's token reads as the mark, for every ASCII
    /// character (borrowed) and beyond it (owned).
    #[test]
    fn one_character_tokens_read_as_their_character() {
        for c in (0..=127u8).map(char::from).chain(['é', '”', '—', '😀']) {
            let token = mark(c, Style::PLAIN);
            assert_eq!(token.text, c.to_string(), "{c:?}");
            assert_eq!(matches!(token.text, Cow::Borrowed(_)), c.is_ascii(), "{c:?}");
        }
    }

    /// The words cut as runs of alphanumeric characters, each lower-cased
    /// and hashed: the fast cut of ASCII words agrees with it on text mixing
    /// ASCII, letters outside it, digits, marks and spaces.
    #[test]
    fn word_sets_are_the_alphanumeric_runs() {
        let by_chars = |text: &str| {
            let mut words: Vec<u64> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| hash_of(w.to_lowercase()))
                .collect();
            words.sort_unstable();
            words.dedup();
            words
        };
        let pieces = [
            "The", "partners", "MEET", "café", "Élan", "naïve", "2.5%", "(see", "1.4.1", "—", "’s",
            "K", "straße", "ΣΑΣ", "x", "a1b2", "", " ", "\t", ",", "é", "日本", "Ⅻ", "١٢",
        ];
        for a in pieces {
            for b in pieces {
                for glue in ["", " ", "-", "é", "’"] {
                    let text = format!("{a}{glue}{b} {b}{a}");
                    assert_eq!(word_set(&text), by_chars(&text), "{text:?}");
                }
            }
        }
        let long =
            "Safeguarding partners’ arrangements, naïve café MASH-LADO 12345678901 ".repeat(9);
        assert_eq!(word_set(&long), by_chars(&long));
    }

    /// A word's set is the same whether or not it needed lower-casing.
    #[test]
    fn word_sets_fold_case_with_or_without_a_copy() {
        assert_eq!(word_set("MASH Plan Élan ÉLAN"), word_set("mash plan élan"));
        assert_eq!(word_set("Plan plan"), vec![hash_of("plan".to_string())]);
    }

    #[test]
    fn similarity_of_word_sets() {
        let a = word_set("The partners meet monthly");
        let b = word_set("the partners meet quarterly");
        assert!((similarity(&a, &b) - 0.75).abs() < 1e-9);
        assert_eq!(similarity(&a, &a), 1.0);
        assert_eq!(similarity(&a, &word_set("Nothing alike here")), 0.0);
        let extended = word_set("The partners meet monthly, and more often when needed");
        assert_eq!(containment(&a, &extended), 1.0);
    }
}
