//! YAML through serde-saphyr with input budgets, and its errors turned into
//! diagnostics that point at the right line of the right file.

use serde::de::DeserializeOwned;

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
    let raw = error.without_snippet().render_with_options(serde_saphyr::render_options! {
        snippets: serde_saphyr::SnippetMode::Off,
    });
    let message = strip_location_suffix(&raw);
    let help = yaml_help(&message, text, line);
    Diagnostic::error(code, format!("invalid YAML: {message}"))
        .at(origin.file, line + origin.line_offset, column)
        .help(help)
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

fn yaml_help(message: &str, text: &str, line: usize) -> String {
    let quoted = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let unclosed = quoted.contains(": [") && !quoted.contains(']')
        || quoted.contains(": {") && !quoted.contains('}');
    if message.contains("budget") || message.contains("limit") || message.contains("depth") {
        "this YAML is too large, too deeply nested or repeats anchors too often to be read \
         safely; simplify it"
            .into()
    } else if unclosed {
        "close the bracket, or write the list one `- item` per line".into()
    } else if quoted.contains(": ") && quoted.matches(": ").count() > 1 {
        "a value that contains `: ` must be quoted, e.g. title: \"Part 1: Scope\"".into()
    } else {
        "check the indentation and quoting on this line; values with `:`, `#`, `[` or `{` need \
         quotes"
            .into()
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
