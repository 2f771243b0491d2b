//! YAML through serde-saphyr with input budgets, and its errors turned into
//! diagnostics that point at the right line of the right file.

use serde::de::DeserializeOwned;

pub mod plain;

use crate::diagnostics::{Code, Diagnostic, Fact, did_you_mean};

/// Budgets that stop hostile YAML (alias bombs, deep nesting) long before it
/// costs real memory or time; no real frontmatter comes near them.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 64;
    budget.max_events = 200_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_total_scalar_bytes = 8 * 1024 * 1024;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 100_000;
    options.alias_limits.max_replay_stack_depth = 32;
    options.alias_limits.max_alias_expansions_per_anchor = 1_000;
    options
}

/// Where a YAML text sits in its file, so errors can name the file's line.
#[derive(Clone, Copy, Debug)]
pub struct Origin<'a> {
    /// The file, relative to the site root.
    pub file: &'a str,
    /// Lines before the YAML text begins (1 for frontmatter after `---`).
    pub line_offset: usize,
}

/// Parses `text` into `T`, or one diagnostic with `code` at the error's place.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    origin: Origin<'_>,
    code: Code,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options::<T>(text, options())
        .map_err(|error| to_diagnostic(&error, text, origin, code))
}

fn to_diagnostic(
    error: &serde_saphyr::Error,
    text: &str,
    origin: Origin<'_>,
    code: Code,
) -> Diagnostic {
    let location = error.location();
    let (line, column) = match location {
        Some(l) if l.line() > 0 => (l.line() as usize, l.column() as usize),
        _ => (1, 1),
    };
    // A tab in the indentation is the commonest mistake of all, and the
    // parser reports it elsewhere (or as something else): find it.
    if let Some((tab_line, tab_column)) = indenting_tab(text, line) {
        return Diagnostic::error(
            code,
            "invalid YAML: a tab is not allowed for indentation here; use spaces",
        )
        .at(origin.file, tab_line + origin.line_offset, tab_column)
        .spanning(1)
        .help(
            "the tab is shown as → below: replace it with spaces, as many as the lines above use",
        );
    }
    let (message, help) = explain(error.without_snippet(), text, line);
    Diagnostic::error(code, format!("invalid YAML: {message}"))
        .at(origin.file, line + origin.line_offset, column)
        .help(help)
}

/// The line and column of a tab in the indentation of a line up to the
/// one after the error (the parser notices a tab a line late).
fn indenting_tab(text: &str, error_line: usize) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .take(error_line + 1)
        .filter_map(|(i, l)| {
            let indent = l.len() - l.trim_start_matches([' ', '\t']).len();
            l[..indent].find('\t').map(|at| (i + 1, at + 1))
        })
        .last()
}

const QUOTING: &str = "check the indentation and quoting on this line; values with `:`, `#`, \
                       `[` or `{` need quotes";

/// A sentence a web editor understands for each kind of error, and how to
/// fix it.
fn explain(error: &serde_saphyr::Error, text: &str, line: usize) -> (String, String) {
    use serde_saphyr::Error as E;
    let pair = |m: &str, h: &str| (m.to_string(), h.to_string());
    match error {
        E::Eof { .. } => pair(
            "the text ends in the middle of something: a quote, bracket or list is not closed",
            "close every quote and bracket you open",
        ),
        E::MultipleDocuments { .. } => pair(
            "there is a second `---` line: only one block of settings is allowed",
            "remove the extra `---` line",
        ),
        E::Unexpected { expected, .. } => (
            format!("expected {} here", plain_type(expected)),
            "a list is written [a, b] or one `- item` per line; text that starts with [ or { \
             needs quotes"
                .into(),
        ),
        E::UnexpectedSequenceEnd { .. }
        | E::UnexpectedMappingEnd { .. }
        | E::ContainerEndMismatch { .. } => pair(
            "a list or group of keys ends where it should not",
            "check the indentation: keys at the same level start in the same column",
        ),
        E::DuplicateMappingKey { key, .. } => (
            match key {
                Some(k) => format!("the key `{k}` is written twice in the same place"),
                None => "a key is written twice in the same place".into(),
            },
            "keep one of them: the second would silently replace the first".into(),
        ),
        E::SerdeMissingField { field, .. } => (
            format!("the required key `{field}` is missing"),
            "add it, e.g. `title: Our safeguarding arrangements`".into(),
        ),
        E::SerdeUnknownField { field, expected, .. } => (
            format!("`{field}` is not a key that belongs here"),
            hint(field, expected, "the keys here are"),
        ),
        E::SerdeUnknownVariant { variant, expected, .. } => (
            format!("`{variant}` is not one of the allowed values"),
            hint(variant, expected, "the allowed values are"),
        ),
        _ => explain_value(error, text, line),
    }
}

/// The kinds of error about one value.
fn explain_value(error: &serde_saphyr::Error, text: &str, line: usize) -> (String, String) {
    use serde_saphyr::Error as E;
    let pair = |m: &str, h: &str| (m.to_string(), h.to_string());
    match error {
        E::SerdeInvalidType { unexpected, expected, .. } => (
            format!("this is {} but should be {}", plain_type(unexpected), plain_type(expected)),
            "write the kind of value this key takes; put text in quotes if it looks like a \
             number, a date or a list"
                .into(),
        ),
        E::SerdeInvalidValue { unexpected, expected, .. } => (
            format!("{} is not allowed here: expected {}", plain_type(unexpected), expected),
            QUOTING.into(),
        ),
        E::SerdeInvalidLength { len, expected, .. } => (
            format!("{len} items is the wrong number: expected {expected}"),
            "add or remove items".into(),
        ),
        E::InvalidScalar { ty, .. } => (
            format!("this value is not {}", plain_type(ty)),
            "write a value of that kind here, such as 3 for a whole number".into(),
        ),
        E::NonFiniteFloat { value, .. } => (
            format!("`{value}` is not a usable number"),
            "write an ordinary number, such as 2.5".into(),
        ),
        E::NullIntoString { .. } => {
            pair("this key has no value", "write the value after the colon, or remove the key")
        }
        E::QuotingRequired { value, .. } => (
            format!("`{value}` would be read as a number or yes/no, not as text"),
            "put it in quotes, e.g. \"1.0\"".into(),
        ),
        E::UnknownAnchor { .. } => pair(
            "`*name` refers to an anchor `&name` that is not defined above it",
            "define the anchor first, or write the value out in full",
        ),
        E::MergeValueNotMapOrSeqOfMaps { .. } | E::MergeKeyNotAllowed { .. } => pair(
            "a `<<` merge must name a group of keys",
            "write the keys out in full instead of merging",
        ),
        E::InvalidBinaryBase64 { .. } | E::BinaryNotUtf8 { .. } => pair(
            "a `!!binary` value cannot be read",
            "remove the `!!binary` tag and write the value as text",
        ),
        E::Budget { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => pair(
            "this YAML is too large, too deeply nested, or repeats anchors too often to be read \
             safely",
            "simplify it: write the values out, and keep nesting shallow",
        ),
        E::IndentationError { .. } => pair(
            "the indentation is wrong here",
            "indent with spaces, the same number for every key at the same level",
        ),
        E::InvalidUtf8Input => {
            pair("the file is not UTF-8 text", "save the file as UTF-8 in your editor")
        }
        E::ExternalMessage { msg, .. } => scanner(msg, text, line),
        E::Message { msg, .. } => (format!("this value is wrong: {msg}"), QUOTING.into()),
        other => (strip_location_suffix(&other.to_string()), QUOTING.into()),
    }
}

/// The parser's own messages, in plain words.
fn scanner(message: &str, text: &str, line: usize) -> (String, String) {
    let quoted = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let (sentence, help) = if message.contains("mapping values are not allowed") {
        if quoted.matches(": ").count() > 1 {
            (
                "this value contains `: `, which YAML reads as the start of another key",
                "put the value in quotes, e.g. title: \"Part 1: Scope\"",
            )
        } else {
            (
                "a key is indented where none is expected",
                "line the key up with the keys above it, with spaces",
            )
        }
    } else if message.contains("unclosed quote") || message.contains("quoted scalar") {
        ("a quote is opened but not closed", "close the quote at the end of the value")
    } else if message.contains("unexpected character") || message.contains("cannot start any") {
        (
            "a value starts with a character YAML keeps for itself (such as @, ` or %)",
            "put the value in quotes",
        )
    } else if message.contains("did not find expected")
        || message.contains("flow")
        || message.contains("unclosed bracket")
    {
        (
            "a bracket is opened but not closed, or a list item is out of line",
            "close the bracket, or write the list one `- item` per line",
        )
    } else if message.contains("tab") {
        ("a tab is not allowed here; use spaces", "replace the tab with spaces")
    } else {
        return (strip_location_suffix(message), QUOTING.into());
    };
    (sentence.to_string(), help.to_string())
}

/// "did you mean" for an unknown key or value, or the list of them.
fn hint(got: &str, expected: &[&'static str], what: &str) -> String {
    match did_you_mean(got, expected.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("{what}: {}", expected.join(", ")),
    }
}

/// Serde's names for kinds of value, as a web editor would say them.
fn plain_type(name: &str) -> String {
    let plain = match name.trim() {
        "string scalar" | "a string" | "string" | "string or map" => "text",
        "sequence start" | "a sequence" | "sequence" => "a list",
        "mapping start" | "a map" | "map" | "struct" => "a group of keys",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "an integer" => {
            "a whole number"
        }
        "f32" | "f64" | "a float" | "floating point" => "a number",
        "bool" | "a boolean" | "boolean" => "true or false",
        other => return other.to_string(),
    };
    plain.to_string()
}

fn strip_location_suffix(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    // The location is reported separately, and "(defined at line …)"
    // counts from the start of the YAML, not the file: cut at the first.
    let cut = [" (defined at line", " at line "].iter().filter_map(|m| first.find(m)).min();
    match cut {
        Some(i) => first[..i].trim_end_matches([',', ' ']).to_string(),
        None => first.to_string(),
    }
}

/// Top-level keys of a YAML mapping with their 1-based line numbers in `text`.
/// A plain scan rather than a parse: it is only used to place diagnostics
/// after the parse has succeeded.
pub fn top_level_keys(text: &str) -> Vec<(String, usize)> {
    let mut keys = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) || line.trim().is_empty() {
            continue;
        }
        let Some(colon) = line.find(':') else {
            continue;
        };
        let key = line[..colon].trim().trim_matches(['"', '\'']);
        if !key.is_empty() {
            keys.push((key.to_string(), i + 1));
        }
    }
    keys
}

/// The line of `key` at the top level of `text`, if present.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    top_level_keys(text).into_iter().find(|(k, _)| k == key).map(|(_, l)| l)
}

/// Unknown top-level keys: one diagnostic each, with a "did you mean".
pub fn unknown_keys(
    text: &str,
    allowed: &[&str],
    origin: Origin<'_>,
    code: Code,
    what: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (key, line) in top_level_keys(text) {
        if allowed.contains(&key.as_str()) {
            continue;
        }
        let help = match did_you_mean(&key, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Free data for templates goes under `extra:`"),
            None => format!(
                "known keys for {what}: {}; free data for templates goes under `extra:`",
                allowed.join(", ")
            ),
        };
        out.push(
            Diagnostic::error(code, format!("unknown key `{key}` in {what}"))
                .at(origin.file, line + origin.line_offset, 1)
                .help(help)
                .with_fact(Fact::Key(key)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;
    use crate::config::LinkMode;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Page {
        title: String,
        #[serde(default)]
        weight: Option<u32>,
        #[serde(default)]
        aliases: Vec<String>,
        #[serde(default)]
        link: Option<LinkMode>,
        #[serde(default)]
        extra: BTreeMap<String, serde_json::Value>,
    }

    /// The diagnostic for `text` read as a page's frontmatter, which
    /// starts on line 2 of its file.
    fn error(text: &str) -> Diagnostic {
        let origin = Origin { file: "content/a.md", line_offset: 1 };
        parse::<Page>(text, origin, Code::FrontmatterYaml).unwrap_err()
    }

    fn says(text: &str, message: &str, help: &str) -> Diagnostic {
        let d = error(text);
        assert!(d.message.contains(message), "{text:?}: {}", d.message);
        assert!(d.help.as_deref().unwrap_or("").contains(help), "{text:?}: {:?}", d.help);
        d
    }

    #[test]
    fn a_tab_in_the_indentation_is_named_and_pointed_at() {
        let d = says(
            "title: A\n\tweight: 3\n",
            "a tab is not allowed for indentation here; use spaces",
            "→",
        );
        assert_eq!((d.line, d.column, d.length), (3, 1, 1));
        let d = says("title: A\nextra:\n  a: 1\n  \tb: 2\n", "a tab is not allowed", "spaces");
        assert_eq!((d.line, d.column), (5, 3));
    }

    #[test]
    fn an_unclosed_quote() {
        says("title: \"Our plan\n", "a quote is opened but not closed", "close the quote");
    }

    #[test]
    fn an_unclosed_bracket() {
        says(
            "title: A\naliases: [a, b\n",
            "a bracket is opened but not closed",
            "close the bracket",
        );
        says(
            "title: A\nextra: { a: 1\n",
            "a bracket is opened but not closed",
            "close the bracket",
        );
    }

    #[test]
    fn a_colon_in_a_value() {
        let d = says("title: Part 1: Scope\n", "contains `: `", "quotes");
        assert_eq!(d.line, 2);
    }

    #[test]
    fn an_indented_key() {
        says("title: A\n  weight: 3\n", "", "");
    }

    #[test]
    fn a_reserved_character() {
        says("title: @home\n", "a character YAML keeps for itself", "quotes");
    }

    #[test]
    fn a_second_document() {
        says("title: A\n---\ntitle: B\n", "a second `---` line", "remove");
    }

    #[test]
    fn a_duplicate_key() {
        let d = says("title: A\ntitle: B\n", "the key `title` is written twice", "keep one");
        assert_eq!(d.line, 3);
    }

    #[test]
    fn a_missing_key() {
        says("weight: 1\n", "the required key `title` is missing", "add it");
    }

    #[test]
    fn an_unknown_key() {
        says(
            "title: A\nweigth: 1\n",
            "`weigth` is not a key that belongs here",
            "did you mean `weight`?",
        );
    }

    #[test]
    fn an_unknown_value() {
        says(
            "title: A\nlink: sometimes\n",
            "`sometimes` is not one of the allowed values",
            "first, all, none",
        );
    }

    #[test]
    fn text_where_a_list_belongs() {
        says("title: A\naliases: old\n", "expected a list here", "one `- item` per line");
    }

    #[test]
    fn a_list_where_text_belongs() {
        says("title: [A]\n", "expected text here", "quotes");
    }

    #[test]
    fn not_a_number() {
        says("title: A\nweight: heavy\n", "this value is not a whole number", "3");
    }

    #[test]
    fn no_value() {
        says("title:\n", "this key has no value", "after the colon");
    }

    #[test]
    fn an_unknown_anchor() {
        says("title: *name\n", "refers to an anchor", "define the anchor");
    }

    #[test]
    fn too_deep() {
        let deep = format!("title: A\nextra:\n  x: {}{}\n", "[".repeat(100), "]".repeat(100));
        says(&deep, "too large, too deeply nested", "simplify");
    }

    #[test]
    fn a_wrong_kind_of_value() {
        says("title: A\nextra: 5\n", "expected a group of keys here", "");
    }
}
