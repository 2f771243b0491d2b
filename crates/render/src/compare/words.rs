//! Word-level marks inside one block, written as HTML: `<ins>` and `<del>`
//! with "added" and "removed" for screen readers, and the text's own
//! formatting closed and reopened around them so the markup stays nested.

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

    /// Changed sentences marked word by word.
    fn words(&mut self, old: &[&Token], new: &[&Token]) {
        if old.is_empty() || new.is_empty() {
            return self.replace(old, new);
        }
        let ops: Vec<_> = capture_diff_slices(Algorithm::Myers, old, new)
            .iter()
            .map(|op| op.as_tag_tuple())
            .collect();
        let words = |tokens: &[&Token]| tokens.iter().filter(|t| !t.is_space()).count();
        let kept: usize = ops
            .iter()
            .filter(|(tag, _, _)| *tag == DiffTag::Equal)
            .map(|(_, _, a)| words(&new[a.clone()]))
            .sum();
        if kept * 5 < words(old).max(words(new)) * 2 {
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
