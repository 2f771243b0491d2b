//! The YAML most frontmatter is written in, read directly.
//!
//! serde-saphyr reads a line of frontmatter in about 15,000 instructions
//! (a tenth of a standard build's frontmatter time was YAML, a twentieth of
//! the whole build's). Nearly every frontmatter is a few `key: value` lines,
//! a nested mapping or a list of one-line `{ … }` items, with quoted or
//! plainly written text, whole numbers, decimals and dates. This reads that
//! subset into a `serde_json::Value`, and gives up (`None`) at the first
//! thing outside it, so that serde-saphyr reads the text as before: anything
//! it would refuse or read another way never gets here. What is given up on:
//! tabs, carriage returns and other characters YAML refuses or reads as
//! line breaks, text of nothing but comments, comments after a value, anchors, aliases, tags,
//! block scalars (`|`, `>`), text running onto a second line, escapes in
//! quotes, flow collections inside flow collections, keys written twice or
//! in quotes, and any plain value that YAML could type as something other
//! than text (`yes`, `True`, `.5`, `0x1F`, `1e3`, `12:30`…) unless it is one
//! of the forms typed here. The frontmatter tests hold the result to
//! serde-saphyr's on every frontmatter of the repository and on each of
//! these forms, and the fuzz target does on arbitrary text.

use serde_json::{Map, Number, Value};

/// The value of `text` when it is written in the subset above.
pub fn read(text: &str) -> Option<Value> {
    let mut reader = Reader { lines: lines(text)?, at: 0, depth: 0 };
    // Nothing but comments and blank lines is left to serde-saphyr.
    let first = reader.lines.first()?;
    if first.indent != 0 {
        return None;
    }
    let value = reader.block(0)?;
    // Every line was read: a line left over is something not understood.
    (reader.at == reader.lines.len()).then_some(value)
}

/// Whether what [`read`] reads of `text`, if anything, is what serde-saphyr
/// reads within charter's budgets (`yaml::parse`): for the tests and the
/// fuzz target.
pub fn agrees(text: &str) -> bool {
    let Some(value) = read(text) else {
        return true;
    };
    let origin = super::Origin { file: "", line_offset: 0 };
    super::parse::<Value>(text, origin, crate::Code::FrontmatterYaml)
        .is_ok_and(|theirs| theirs == value)
}

/// `text` read here into `T`: `None` when it is outside the subset or
/// does not fit `T` (serde-saphyr then reads it, and says what is wrong).
pub fn read_as<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    T::deserialize(read(text)?).ok()
}

/// Whether what [`read_as`] reads of `text` into `T`, if anything, is
/// what serde-saphyr reads within charter's budgets (compared as their
/// `Debug` text): for the tests and the fuzz target.
pub fn agrees_as<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> bool {
    let Some(plain) = read_as::<T>(text) else {
        return true;
    };
    let origin = super::Origin { file: "", line_offset: 0 };
    super::parse::<T>(text, origin, crate::Code::FrontmatterYaml)
        .is_ok_and(|theirs| format!("{theirs:?}") == format!("{plain:?}"))
}

/// The longest text read here. serde-saphyr refuses a text of more than
/// 200,000 events (`yaml::parse`'s budget); every event read here takes at
/// least a byte and a half (`- []` is three in five), so no text this long
/// can reach it.
const MAX_LEN: usize = 192 * 1024;

/// The deepest nesting of blocks read here: serde-saphyr refuses more than
/// 64 (the budget's `max_depth`); a list item's mapping is not counted, so
/// what is read here is at most twice this deep, and no frontmatter or
/// glossary comes near it.
const MAX_DEPTH: usize = 16;

/// A line with content: its indentation and the text after it, with
/// trailing spaces cut.
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

/// The lines that hold something, or `None` for a text with what this
/// reader leaves to serde-saphyr anywhere in its layout.
fn lines(text: &str) -> Option<Vec<Line<'_>>> {
    // Characters YAML does not allow, or reads as a line break or a mark.
    let unusual = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}')
    };
    if text.len() > MAX_LEN || text.contains(unusual) {
        return None;
    }
    let mut out = Vec::new();
    for raw in text.split('\n') {
        let trimmed = raw.trim_end_matches(' ');
        let content = trimmed.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        // A document marker (`---`, `...`) is for serde-saphyr to judge.
        if trimmed.starts_with("---") || trimmed.starts_with("...") {
            return None;
        }
        out.push(Line { indent: trimmed.len() - content.len(), text: content });
    }
    Some(out)
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    at: usize,
    /// How many blocks the current line is inside.
    depth: usize,
}

impl<'a> Reader<'a> {
    /// The mapping or list whose first line is the current one, at `indent`.
    fn block(&mut self, indent: usize) -> Option<Value> {
        let line = *self.lines.get(self.at)?;
        if line.indent != indent || self.depth == MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let value = if is_item(line.text) { self.sequence(indent) } else { self.mapping(indent) };
        self.depth -= 1;
        value
    }

    fn mapping(&mut self, indent: usize) -> Option<Value> {
        let mut map = Map::new();
        while let Some(&line) = self.lines.get(self.at) {
            if line.indent < indent || (line.indent == indent && is_item(line.text)) {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let (key, rest) = split_key(line.text)?;
            self.at += 1;
            let value = if rest.is_empty() { self.nested(indent)? } else { inline(rest)? };
            // A deeper line after a value on the key's line would carry
            // the value on, or be an error: either way, not read here.
            if !rest.is_empty() && self.lines.get(self.at).is_some_and(|l| l.indent > indent) {
                return None;
            }
            if map.insert(key.to_string(), value).is_some() {
                return None;
            }
        }
        Some(Value::Object(map))
    }

    /// The value of a key written with nothing after its colon: the block
    /// below it (a list may stand in the key's own column), or null.
    fn nested(&mut self, indent: usize) -> Option<Value> {
        match self.lines.get(self.at) {
            Some(next) if next.indent > indent => self.block(next.indent),
            Some(next) if next.indent == indent && is_item(next.text) => self.sequence(indent),
            _ => Some(Value::Null),
        }
    }

    fn sequence(&mut self, indent: usize) -> Option<Value> {
        let mut items = Vec::new();
        while let Some(&line) = self.lines.get(self.at) {
            if line.indent != indent || !is_item(line.text) {
                break;
            }
            let after = &line.text[1..];
            let content = after.trim_start_matches(' ');
            let column = indent + 1 + (after.len() - content.len());
            let item = if content.is_empty() {
                self.at += 1;
                match self.lines.get(self.at) {
                    Some(next) if next.indent > indent => self.block(next.indent)?,
                    _ => Value::Null,
                }
            } else if split_key(content).is_some() {
                // `- key: value` starts a mapping in the item's column:
                // the line is read again as that mapping's first line.
                self.lines[self.at] = Line { indent: column, text: content };
                self.mapping(column)?
            } else {
                self.at += 1;
                if self.lines.get(self.at).is_some_and(|l| l.indent > indent) {
                    return None;
                }
                inline(content)?
            };
            items.push(item);
        }
        Some(Value::Array(items))
    }
}

/// A list item's line: a dash alone or before a space.
fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// `key: rest` (or `key:` with nothing after it), for a key of ASCII
/// letters, digits, `_` and `-` that starts with a letter or `_`.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let b = text.as_bytes();
    if !b.first().is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_') {
        return None;
    }
    let end = b.iter().position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-')))?;
    // A key YAML could read as a boolean or null is left to serde-saphyr.
    if b[end] != b':' || TYPED.iter().any(|w| text[..end].eq_ignore_ascii_case(w)) {
        return None;
    }
    match &text[end + 1..] {
        "" => Some((&text[..end], "")),
        rest if rest.starts_with(' ') => Some((&text[..end], rest.trim_start_matches(' '))),
        _ => None,
    }
}

/// A value written on its key's line (or a list item's): quoted text, a
/// one-line `[…]` or `{…}`, or a plain scalar.
fn inline(text: &str) -> Option<Value> {
    match text.as_bytes()[0] {
        b'"' | b'\'' => {
            let (value, rest) = quoted(text)?;
            rest.is_empty().then_some(value)
        }
        b'[' => flow_sequence(text.strip_prefix('[')?.strip_suffix(']')?),
        b'{' => flow_mapping(text.strip_prefix('{')?.strip_suffix('}')?),
        _ => scalar(text, false),
    }
}

/// Quoted text without escapes, and what follows its closing quote
/// (spaces cut).
fn quoted(text: &str) -> Option<(Value, &str)> {
    let quote = text.as_bytes()[0];
    let body = &text[1..];
    let close = body.bytes().position(|c| c == quote || c == b'\\')?;
    if body.as_bytes()[close] != quote {
        return None;
    }
    let rest = &body[close + 1..];
    // `''` in single quotes is an escaped quote.
    if quote == b'\'' && rest.starts_with('\'') {
        return None;
    }
    Some((Value::String(body[..close].to_string()), rest.trim_start_matches(' ')))
}

/// The items of `[a, "b", c]`, brackets taken off.
fn flow_sequence(inner: &str) -> Option<Value> {
    let mut items = Vec::new();
    let mut rest = inner.trim_start_matches(' ');
    while !rest.is_empty() {
        let (item, after) = flow_item(rest)?;
        items.push(item);
        rest = after;
    }
    Some(Value::Array(items))
}

/// The entries of `{ a: b, c: "d" }`, braces taken off.
fn flow_mapping(inner: &str) -> Option<Value> {
    let mut map = Map::new();
    let mut rest = inner.trim_start_matches(' ');
    while !rest.is_empty() {
        let colon = rest.find(':')?;
        let (key, _) = split_key(&rest[..=colon])?;
        if !rest[colon + 1..].starts_with(' ') {
            return None;
        }
        let (value, after) = flow_item(rest[colon + 1..].trim_start_matches(' '))?;
        if map.insert(key.to_string(), value).is_some() {
            return None;
        }
        rest = after;
    }
    Some(Value::Object(map))
}

/// One value of a flow collection and the text after its comma (or the
/// empty end); a comma before the end must have a value after it.
fn flow_item(text: &str) -> Option<(Value, &str)> {
    let (value, rest) = if text.starts_with(['"', '\'']) {
        quoted(text)?
    } else {
        let end = text.find(',').unwrap_or(text.len());
        (scalar(text[..end].trim_end_matches(' '), true)?, &text[end..])
    };
    match rest.strip_prefix(',') {
        Some(after) => {
            let after = after.trim_start_matches(' ');
            (!after.is_empty()).then_some((value, after))
        }
        None => rest.is_empty().then_some((value, rest)),
    }
}

/// A plain scalar: text, a whole number, a decimal, true, false or null,
/// typed as YAML's core schema types it; `None` for anything that could
/// be typed otherwise or is not plain text in this place.
fn scalar(text: &str, in_flow: bool) -> Option<Value> {
    let b = text.as_bytes();
    let first = *b.first()?;
    // `#` may start a comment, `: ` makes a mapping, and in a flow
    // collection brackets and colons mean structure.
    if text.contains('#') || text.contains(": ") || text.ends_with(':') {
        return None;
    }
    if in_flow && text.contains(['[', ']', '{', '}', ':']) {
        return None;
    }
    if text == "~" {
        return Some(Value::Null);
    }
    if first.is_ascii_alphabetic() {
        return word(text);
    }
    if first.is_ascii_digit() || first == b'-' {
        return number_or_date(text);
    }
    None
}

/// Words that one YAML or another reads as a boolean, null or number.
const TYPED: &[&str] =
    &["true", "false", "null", "yes", "no", "y", "n", "on", "off", "nan", "inf", "infinity"];

/// Text starting with a letter, unless it is a word some YAML reads as a
/// boolean, null or number.
fn word(text: &str) -> Option<Value> {
    match text {
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        "null" => return Some(Value::Null),
        _ => {}
    }
    if TYPED.iter().any(|w| text.eq_ignore_ascii_case(w)) {
        return None;
    }
    Some(Value::String(text.to_string()))
}

/// `12`, `-3`, `1.5`, `2025-10-01` (a date, read as text) and text that
/// starts with digits and has a space (`020 8000 0000`).
fn number_or_date(text: &str) -> Option<Value> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    // No leading zeros, and short enough for an i64 and an exact f64.
    let whole = |s: &str| digits(s) && s.len() <= 15 && (s == "0" || !s.starts_with('0'));
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    if whole(unsigned) && text != "-0" {
        return Some(Value::Number(text.parse::<i64>().ok()?.into()));
    }
    if let Some((int, frac)) = unsigned.split_once('.')
        && whole(int)
        && digits(frac)
        && frac.len() <= 15
    {
        return Number::from_f64(text.parse::<f64>().ok()?).map(Value::Number);
    }
    let b = text.as_bytes();
    let date = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [&text[..4], &text[5..7], &text[8..]].iter().all(|p| digits(p));
    if date {
        return Some(Value::String(text.to_string()));
    }
    // Digits then a space: no YAML type but text starts that way.
    let lead = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if lead > 0 && b.get(lead) == Some(&b' ') && !text.contains(':') {
        return Some(Value::String(text.to_string()));
    }
    None
}

#[cfg(test)]
mod tests;
