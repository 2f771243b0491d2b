//! Word-level marks inside one block, written as HTML: `<ins>` and `<del>`
//! with "added" and "removed" for screen readers, and the text's own
//! formatting closed and reopened around them so the markup stays nested.

use std::collections::HashMap;

use charter_core::hash::{FixedState, fixed_state};
use charter_core::html::escape_into;
use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::tokens::{Style, Token, TokenKind};

/// How a run of text is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Unchanged.
    None,
    /// Added.
    Ins,
    /// Removed.
    Del,
}

const INS_OPEN: &str = "<ins><span class=\"visually-hidden\">[added: </span>";
const DEL_OPEN: &str = "<del><span class=\"visually-hidden\">[removed: </span>";
const INS_CLOSE: &str = "<span class=\"visually-hidden\">]</span></ins>";
const DEL_CLOSE: &str = "<span class=\"visually-hidden\">]</span></del>";

/// One step of the word search: equal, inserted, deleted or replaced, and
/// the old and new tokens it spans.
type Op = (DiffTag, std::ops::Range<usize>, std::ops::Range<usize>);

/// Above this many tokens a pair of blocks is shown as one replaced by
/// the other rather than searched word by word.
const MAX_TOKENS: usize = 20_000;

/// Writes tokens with their marks and formatting.
pub struct Emitter {
    out: String,
    mark: Mark,
    style: Style,
}

impl Default for Emitter {
    fn default() -> Self {
        Emitter { out: String::new(), mark: Mark::None, style: Style::PLAIN }
    }
}

impl Emitter {
    /// Writes plain text (a number, a label) outside any formatting.
    pub fn text(&mut self, text: &str, mark: Mark) {
        self.set(Style::PLAIN, mark);
        escape_into(&mut self.out, text);
    }

    /// Writes one token.
    pub fn token(&mut self, token: &Token, mark: Mark) {
        self.set(token.style, mark);
        match token.kind {
            TokenKind::Word | TokenKind::Space => escape_into(&mut self.out, &token.text),
            TokenKind::Break => self.out.push_str("<br>"),
            TokenKind::Redacted => {
                self.out.push_str("<span class=\"cmp-redacted\">");
                escape_into(&mut self.out, &token.text);
                self.out.push_str("</span>");
            }
        }
    }

    /// Writes tokens all marked alike.
    pub fn tokens(&mut self, tokens: &[Token], mark: Mark) {
        for t in tokens {
            self.token(t, mark);
        }
    }

    /// Writes `new` with what changed from `old` marked: sentences that
    /// read the same are left alone, changed ones are marked word by word,
    /// and a sentence mostly rewritten is shown struck through, then new.
    pub fn diff(&mut self, old: &[Token], new: &[Token]) {
        if old == new {
            return self.tokens(new, Mark::None);
        }
        if old.len() + new.len() > MAX_TOKENS {
            return self.replace(old, new);
        }
        let (old_sentences, new_sentences) = (sentences(old), sentences(new));
        let mut changed: (Vec<&Token>, Vec<&Token>) = (Vec::new(), Vec::new());
        for op in capture_diff_slices(Algorithm::Myers, &old_sentences, &new_sentences) {
            let (tag, o, n) = op.as_tag_tuple();
            if tag == DiffTag::Equal {
                self.words(&changed.0, &changed.1);
                changed = (Vec::new(), Vec::new());
                new_sentences[n].iter().for_each(|s| self.tokens(s, Mark::None));
                continue;
            }
            changed.0.extend(old_sentences[o].iter().flat_map(|s| s.iter()));
            changed.1.extend(new_sentences[n].iter().flat_map(|s| s.iter()));
        }
        self.words(&changed.0, &changed.1);
    }

    fn replace<T: std::borrow::Borrow<Token>>(&mut self, mut old: &[T], mut new: &[T]) {
        // The space before a sentence stays outside the marks.
        let leading = |t: &[T]| t.first().is_some_and(|x| x.borrow().is_space());
        if leading(old) && leading(new) {
            self.text(" ", Mark::None);
            (old, new) = (&old[1..], &new[1..]);
        }
        for t in old {
            self.token(t.borrow(), Mark::Del);
        }
        // Whole sentences replaced keep a space between them.
        let sentence_ends =
            old.last().is_some_and(|t| [".", "?", "!"].contains(&&*t.borrow().text));
        if sentence_ends && !new.is_empty() {
            self.text(" ", Mark::None);
        }
        for t in new {
            self.token(t.borrow(), Mark::Ins);
        }
    }

    /// Changed sentences marked word by word; shown as one replaced by the
    /// other when fewer than two words in five are kept.
    fn words(&mut self, old: &[&Token], new: &[&Token]) {
        if old.is_empty() || new.is_empty() {
            return self.replace(old, new);
        }
        let ids = TokenIds::of(old, new);
        // The words kept can be no more than the words both sides have: a
        // paragraph rewritten (most of a heavily revised document) is known
        // to be replaced without the search, whose cost grows with the
        // product of the two lengths when little is shared.
        if too_few_kept(ids.shared_words, old, new) {
            return self.replace(old, new);
        }
        // Compared as numbers: the same tokens are equal, as they were when
        // the search compared their text, and so the same marks come out.
        let ops: Vec<Op> = capture_diff_slices(Algorithm::Myers, &ids.old, &ids.new)
            .iter()
            .map(|op| op.as_tag_tuple())
            .collect();
        self.marked(old, new, &ops);
    }

    /// `new` marked against `old` as `ops` (the search's steps) align them,
    /// or shown replaced when fewer than two words in five are kept.
    fn marked(&mut self, old: &[&Token], new: &[&Token], ops: &[Op]) {
        let kept: usize = ops
            .iter()
            .filter(|(tag, _, _)| *tag == DiffTag::Equal)
            .map(|(_, _, a)| word_count(&new[a.clone()]))
            .sum();
        if too_few_kept(kept, old, new) {
            return self.replace(old, new);
        }
        let mut removed: Vec<&Token> = Vec::new();
        let mut added: Vec<&Token> = Vec::new();
        for (n, (tag, o, a)) in ops.iter().enumerate() {
            // A lone space between two changes joins them: "monthly at"
            // replaced by "quarterly in" reads better than four marks.
            let between = n > 0 && n + 1 < ops.len();
            let joins =
                *tag == DiffTag::Equal && between && a.len() == 1 && new[a.start].is_space();
            if *tag == DiffTag::Equal && !joins {
                self.flush(&mut removed, &mut added);
                new[a.clone()].iter().for_each(|t| self.token(t, Mark::None));
                continue;
            }
            removed.extend(&old[o.clone()]);
            added.extend(&new[a.clone()]);
        }
        self.flush(&mut removed, &mut added);
    }

    fn flush<'t>(&mut self, removed: &mut Vec<&'t Token>, added: &mut Vec<&'t Token>) {
        for t in removed.drain(..) {
            self.token(t, Mark::Del);
        }
        for t in added.drain(..) {
            self.token(t, Mark::Ins);
        }
    }

    /// The HTML written, with every mark and tag closed.
    pub fn finish(mut self) -> String {
        self.set(Style::PLAIN, Mark::None);
        self.out
    }

    fn set(&mut self, style: Style, mark: Mark) {
        if mark != self.mark {
            self.close_style();
            self.out.push_str(match self.mark {
                Mark::Ins => INS_CLOSE,
                Mark::Del => DEL_CLOSE,
                Mark::None => "",
            });
            self.out.push_str(match mark {
                Mark::Ins => INS_OPEN,
                Mark::Del => DEL_OPEN,
                Mark::None => "",
            });
            self.mark = mark;
        }
        if style != self.style {
            self.close_style();
            for (flag, open, _) in Style::TAGS {
                if style.has(flag) {
                    self.out.push_str(open);
                }
            }
            self.style = style;
        }
    }

    fn close_style(&mut self) {
        for (flag, _, close) in Style::TAGS.iter().rev() {
            if self.style.has(*flag) {
                self.out.push_str(close);
            }
        }
        self.style = Style::PLAIN;
    }
}

/// How many of `tokens` are words, not spaces.
fn word_count(tokens: &[&Token]) -> usize {
    tokens.iter().filter(|t| !t.is_space()).count()
}

/// Whether `kept` words are fewer than two in five of the longer run's:
/// the two runs are then shown as one replaced by the other.
fn too_few_kept(kept: usize, old: &[&Token], new: &[&Token]) -> bool {
    kept * 5 < word_count(old).max(word_count(new)) * 2
}

/// The tokens of two runs as numbers, equal where the tokens are, and how
/// many words (not spaces) the two runs have in common, counted with
/// repeats: an upper bound on the words any alignment of them keeps.
struct TokenIds {
    old: Vec<u32>,
    new: Vec<u32>,
    shared_words: usize,
}

impl TokenIds {
    fn of<'t>(old: &[&'t Token], new: &[&'t Token]) -> TokenIds {
        let mut seen: HashMap<&'t Token, u32, FixedState> =
            HashMap::with_capacity_and_hasher(old.len() + new.len(), fixed_state());
        let mut id_of = |token: &'t Token| -> u32 {
            let next = seen.len() as u32;
            *seen.entry(token).or_insert(next)
        };
        let old_ids: Vec<u32> = old.iter().map(|&t| id_of(t)).collect();
        // Per id: how many of it the old run has that no word of the new
        // run has been matched with yet.
        let mut unmatched: Vec<u32> = Vec::new();
        for (t, &id) in old.iter().zip(&old_ids) {
            if !t.is_space() {
                let id = id as usize;
                if unmatched.len() <= id {
                    unmatched.resize(id + 1, 0);
                }
                unmatched[id] += 1;
            }
        }
        let mut shared_words = 0;
        let new_ids: Vec<u32> = new
            .iter()
            .map(|&t| {
                let id = id_of(t);
                if !t.is_space()
                    && let Some(left) = unmatched.get_mut(id as usize)
                    && *left > 0
                {
                    *left -= 1;
                    shared_words += 1;
                }
                id
            })
            .collect();
        TokenIds { old: old_ids, new: new_ids, shared_words }
    }
}

/// Tokens cut into sentences, each after the first starting with the
/// space before it, so that a sentence reads the same wherever it falls.
fn sentences(tokens: &[Token]) -> Vec<&[Token]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..tokens.len() {
        let ends = [".", "?", "!"].contains(&&*tokens[i - 1].text);
        if ends && tokens[i].is_space() {
            out.push(&tokens[start..i]);
            start = i;
        }
    }
    out.push(&tokens[start..]);
    out
}

/// `tokens` as HTML, all marked alike.
pub fn whole(tokens: &[Token], mark: Mark) -> String {
    let mut e = Emitter::default();
    e.tokens(tokens, mark);
    e.finish()
}

/// `new` as HTML with its changes from `old` marked.
pub fn diff(old: &[Token], new: &[Token]) -> String {
    let mut e = Emitter::default();
    e.diff(old, new);
    e.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tokens::push_text;

    fn tokens(parts: &[(&str, Style)]) -> Vec<Token> {
        let mut t = Vec::new();
        for (text, style) in parts {
            push_text(&mut t, text, *style);
        }
        t
    }

    #[test]
    fn changed_words_are_marked_for_screen_readers() {
        let old = tokens(&[("The partners meet monthly at the hall.", Style::PLAIN)]);
        let new = tokens(&[("The partners meet quarterly in the hall.", Style::PLAIN)]);
        assert_eq!(
            diff(&old, &new),
            format!(
                "The partners meet {DEL_OPEN}monthly at{DEL_CLOSE}{INS_OPEN}quarterly in{INS_CLOSE} the hall."
            )
        );
    }

    #[test]
    fn a_rewritten_sentence_is_replaced_whole_and_the_rest_kept() {
        let old =
            tokens(&[("The fund is set centrally. Most of it pays for staff.", Style::PLAIN)]);
        let new = tokens(&[(
            "The fund is set centrally. The fall is offset by the council.",
            Style::PLAIN,
        )]);
        assert_eq!(
            diff(&old, &new),
            format!(
                "The fund is set centrally. {DEL_OPEN}Most of it pays for staff.{DEL_CLOSE} {INS_OPEN}The fall is offset by the council.{INS_CLOSE}"
            )
        );
    }

    #[test]
    fn formatting_nests_inside_and_around_marks() {
        let old = tokens(&[("Total ", Style::PLAIN), ("478,500", Style::STRONG)]);
        let new = tokens(&[("Total ", Style::PLAIN), ("486,250", Style::STRONG)]);
        let html = diff(&old, &new);
        assert_eq!(
            html,
            format!(
                "Total {DEL_OPEN}<strong>478,500</strong>{DEL_CLOSE}{INS_OPEN}<strong>486,250</strong>{INS_CLOSE}"
            )
        );
        let same = whole(
            &tokens(&[("a ", Style::EMPHASIS), ("b", Style::EMPHASIS.with(Style::STRONG))]),
            Mark::None,
        );
        assert_eq!(same, "<em>a </em><strong><em>b</em></strong>");
    }

    /// The word marks as they were made before the shortcut: the search
    /// over the tokens themselves (their text compared), then the marks.
    fn words_by_full_search(old: &[&Token], new: &[&Token]) -> String {
        let mut e = Emitter::default();
        if old.is_empty() || new.is_empty() {
            e.replace(old, new);
        } else {
            let ops: Vec<Op> = capture_diff_slices(Algorithm::Myers, old, new)
                .iter()
                .map(|op| op.as_tag_tuple())
                .collect();
            e.marked(old, new, &ops);
        }
        e.finish()
    }

    /// Sentences of a few words from a small vocabulary, some emphasised:
    /// pairs of them share anything from nothing to everything, so both
    /// the shortcut and the search are taken.
    fn generated_runs(seed: u64, count: usize) -> Vec<Vec<Token>> {
        let vocabulary = [
            "the", "partners", "meet", "monthly", "at", "hall", "MASH", "2.6", "(see", "below).",
            "fund", "staff,",
        ];
        let mut state = seed;
        let mut next = move |n: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        (0..count)
            .map(|_| {
                let mut run = Vec::new();
                let length = 1 + next(14) as usize;
                for i in 0..length {
                    let word = vocabulary[next(vocabulary.len() as u64) as usize];
                    let style = if next(6) == 0 { Style::EMPHASIS } else { Style::PLAIN };
                    let text = if i + 1 < length { format!("{word} ") } else { word.to_string() };
                    push_text(&mut run, &text, style);
                }
                run
            })
            .collect()
    }

    #[test]
    fn the_shortcut_for_rewritten_text_marks_what_the_full_search_marks() {
        let runs = generated_runs(7, 120);
        let (mut replaced, mut searched) = (0, 0);
        for old in &runs {
            for new in runs.iter().step_by(7) {
                let (o, n): (Vec<&Token>, Vec<&Token>) =
                    (old.iter().collect(), new.iter().collect());
                let mut e = Emitter::default();
                e.words(&o, &n);
                let html = e.finish();
                assert_eq!(html, words_by_full_search(&o, &n), "{old:?} -> {new:?}");
                if too_few_kept(TokenIds::of(&o, &n).shared_words, &o, &n) {
                    replaced += 1
                } else {
                    searched += 1
                }
            }
        }
        // Both ways were taken, so both were held to the full search.
        assert!(replaced > 50 && searched > 50, "replaced {replaced}, searched {searched}");
    }

    #[test]
    fn token_ids_are_equal_where_tokens_are_and_count_shared_words_with_repeats() {
        let runs = generated_runs(11, 60);
        for old in &runs {
            for new in runs.iter().step_by(5) {
                let (o, n): (Vec<&Token>, Vec<&Token>) =
                    (old.iter().collect(), new.iter().collect());
                let ids = TokenIds::of(&o, &n);
                let all: Vec<(&Token, u32)> = o
                    .iter()
                    .copied()
                    .zip(ids.old.iter().copied())
                    .chain(n.iter().copied().zip(ids.new.iter().copied()))
                    .collect();
                for (a, x) in &all {
                    for (b, y) in &all {
                        assert_eq!(a == b, x == y, "{a:?} {b:?}");
                    }
                }
                // Shared words with repeats, counted the slow way.
                let mut left: Vec<&Token> = o.iter().copied().filter(|t| !t.is_space()).collect();
                let mut shared = 0;
                for t in n.iter().filter(|t| !t.is_space()) {
                    if let Some(i) = left.iter().position(|l| l == t) {
                        left.swap_remove(i);
                        shared += 1;
                    }
                }
                assert_eq!(ids.shared_words, shared);
            }
        }
    }

    #[test]
    fn redactions_and_breaks_are_written_as_such() {
        let t = vec![Token::redacted("[internal link left out]"), Token::line_break()];
        assert_eq!(
            whole(&t, Mark::Del),
            format!(
                "{DEL_OPEN}<span class=\"cmp-redacted\">[internal link left out]</span><br>{DEL_CLOSE}"
            )
        );
    }
}
