//! Glossary terms, RAG ratings and unknown acronyms in one text event.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use charter_core::config::LinkMode;
use charter_core::{Code, Diagnostic, Fact};
use charter_resolve::acronyms::{
    expansion_before, head, is_shouting, looks_like_acronym, spells, tail_start,
};
use charter_resolve::anchors::Breaks;
use charter_resolve::glossary::Capitals;
use regex::Regex;

use super::pieces::Piece;
use super::runs::Block;
use super::{PageState, TextContext};

/// "RAG: Red", "RAG rating: Amber", "RAG status - Green".
static RAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bRAG(?:\s+(?:rating|status))?\s*[:\-–]\s*(?i:(red|amber|green))\b")
        .expect("valid regex")
});
/// The word every [`RAG`] match starts with, searched for first: made
/// once, not for each text.
static RAG_WORD: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("RAG"));

/// RAG ratings written as text.
pub(super) fn rag(text: &str) -> Vec<Piece<'static>> {
    // Every piece of running text comes here and almost none says "RAG":
    // a search for the word costs less than starting the pattern's.
    if RAG_WORD.find(text.as_bytes()).is_none() {
        return Vec::new();
    }
    RAG.captures_iter(text)
        .map(|m| {
            let whole = m.get(0).expect("group 0");
            let level = match m[1].to_ascii_lowercase().as_str() {
                "red" => "red",
                "amber" => "amber",
                _ => "green",
            };
            Piece::Rag { start: whole.start(), end: whole.end(), level }
        })
        .collect()
}

/// Where one text event sits: its block and its offset in the block's text.
pub(super) struct InBlock<'b> {
    pub(super) block: &'b Block,
    pub(super) offset: usize,
}

/// Glossary terms not inside another piece: linked where the page's link
/// mode says, counted as used wherever they are. The expansion is not
/// read out again where the text writes it beside the term ("Personal
/// Adviser (PA)").
pub(super) fn link_terms<'s>(
    text: &str,
    capitals: &Capitals<'_>,
    at: &InBlock<'_>,
    cx: &'s TextContext<'_, '_>,
    state: &mut PageState,
    pieces: &mut Vec<Piece<'s>>,
) {
    let site = cx.linker.site;
    let page = site.page(cx.linker.page);
    let linking = cx.options.glossary && site.config.glossary.link != LinkMode::None;
    for m in site.matcher.find_with(text, capitals) {
        // Used wherever it is, even inside another link ("UK GDPR").
        state.terms.insert(m.entry);
        if !linking || pieces.iter().any(|p| m.start < p.end() && m.end > p.start()) {
            continue;
        }
        let entry = &site.glossary.entries[m.entry];
        if page.frontmatter.glossary.exclude.contains(&entry.term) {
            continue;
        }
        let first = state.linked.insert(m.entry);
        if !first && site.config.glossary.link == LinkMode::First {
            continue;
        }
        let sense =
            entry.sense(page.frontmatter.glossary.senses.get(&entry.term).map(String::as_str));
        // A plural is linked whole ("LAs"); a possessive's "'s" is not.
        let end = m.end + plural_s(&text[m.end..]);
        let (block_start, block_end) = (at.offset + m.start, at.offset + end);
        let said = written_beside(&at.block.text, block_start, block_end, &sense.expansion);
        pieces.push(Piece::Term {
            start: m.start,
            end,
            glossary: &cx.glossary,
            anchor: &sense.anchor,
            expansion: (!said).then_some(sense.expansion.as_str()),
        });
    }
}

/// The length of a plural "s" after a term, when it ends the word.
fn plural_s(rest: &str) -> usize {
    let after = rest.strip_prefix('s').map(|r| r.chars().next());
    match after {
        Some(None) => 1,
        Some(Some(c)) if !c.is_alphanumeric() => 1,
        _ => 0,
    }
}

/// Whether `expansion` is written just before the term in brackets, or
/// just after it in brackets.
fn written_beside(text: &str, start: usize, end: usize, expansion: &str) -> bool {
    // Only the words beside the term are read, however long the text.
    let near = &text[tail_start(&text[..start], 160)..start];
    let before = near.trim_end().strip_suffix('(');
    let after = head(&text[end..], 160).trim_start();
    let inside = after.strip_prefix('(').and_then(|a| a.split(')').next());
    // Most terms have no bracket beside them: nothing to normalise then.
    if before.is_none() && inside.is_none() {
        return false;
    }
    let expansion = normalise(expansion);
    if expansion.is_empty() {
        return false;
    }
    before.is_some_and(|b| normalise(b).ends_with(&expansion))
        || inside.is_some_and(|i| normalise(i) == expansion)
}

fn normalise(text: &str) -> String {
    text.to_lowercase().replace(['-', '‐'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Table rows and definition lists that define an acronym ("| CDC | Child
/// Development Centre |"): the acronym there is a definition, not a use.
pub(super) fn definition_blocks(blocks: &[Block]) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for (i, b) in blocks.iter().enumerate() {
        let word = b.text.trim();
        if !looks_like_acronym(word) {
            continue;
        }
        let meaning = match b.cell {
            Some(c) if c.column == 0 && !c.header => blocks[i + 1..]
                .iter()
                .find(|n| n.cell.is_some_and(|nc| nc.row == c.row && nc.column == 1 && !nc.header)),
            None if b.term => blocks.get(i + 1),
            _ => None,
        };
        if meaning.is_some_and(|m| spells(word, &m.text)) {
            out.insert(i);
        }
    }
    out
}

/// Unknown acronyms in one text event, each reported at its place; not in
/// shouting (an all-capitals heading, header cell or label), not where the
/// text defines it.
pub(super) fn check_acronyms(
    text: &str,
    capitals: &Capitals<'_>,
    range: &Range<usize>,
    at: Option<&InBlock<'_>>,
    shouting_context: bool,
    cx: &TextContext<'_, '_>,
) {
    let Some(sink) = cx.options.sink else { return };
    let unknown = cx.linker.site.matcher.unknown_acronyms_with(text, capitals);
    if unknown.is_empty()
        || is_shouting(text)
        || shouting_context && charter_resolve::acronyms::is_all_caps(text)
    {
        return;
    }
    // "CA 1989" is a name of the Children Act, not an acronym to explain.
    let names = cx.linker.site.legislation.names(text);
    let breaks = Breaks::of(text);
    for (offset, word) in unknown {
        if names.iter().any(|n| n.start <= offset && offset < n.end) {
            continue;
        }
        let written = word_length(&text[offset..]);
        if let Some(at) = at {
            let (start, end) = (at.offset + offset, at.offset + offset + written);
            if expansion_before(&at.block.text[..start], &word).is_some()
                || expansion_after(head(&at.block.text[end..], 160), &word)
            {
                continue;
            }
        }
        let (line, column, len) = cx.lines.phrase_with(range.start, text, &breaks, offset, written);
        sink.push(
            Diagnostic::warning(Code::GlossaryUndefinedAcronym, format!("`{word}` looks like an acronym but is not in the glossary"))
                .at(cx.file, line, column)
                .spanning(len)
                .help(format!("add `- term: {word}` with its expansion to data/glossary.yaml, or add {word} to `glossary.ignore` in charter.yaml if it is not an acronym"))
                .with_fact(Fact::Acronym(word)),
        );
    }
}

/// The length of the word that starts `text` (`&` joins capitals: `C&YP`),
/// 64 bytes at most, cut at a character: a longer word ends where its
/// first 64 bytes do (not at byte 64, which may be inside a character).
fn word_length(text: &str) -> usize {
    let head = head(text, 64);
    head.char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '&'))
        .map_or(head.len(), |(i, _)| i)
}

/// "PA (Personal Adviser)": the expansion in brackets just after.
fn expansion_after(after: &str, acronym: &str) -> bool {
    let Some(rest) = after.trim_start().strip_prefix('(') else { return false };
    rest.split(')').next().is_some_and(|inside| spells(acronym, inside))
}
