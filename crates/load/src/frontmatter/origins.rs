//! Where each Markdown value of the frontmatter is written in the file, so
//! that a finding inside `changes:` or a threshold level's text points at
//! its own line and column.
//!
//! The value serde read and the lines it came from are walked side by side:
//! the characters match one for one except where YAML folded a line break
//! into a space, indented a block, or quoted and escaped the text.

use std::collections::BTreeMap;

use charter_core::model::{Frontmatter, TextOrigin};

/// The file line of the YAML text's first line (after the opening `---`).
const FIRST_LINE: usize = 2;

/// The origin of every Markdown value in `fm`, read from `yaml_text`.
pub(super) fn origins(yaml_text: &str, fm: &Frontmatter) -> BTreeMap<String, TextOrigin> {
    let lines: Vec<&str> = yaml_text.lines().collect();
    let mut out = BTreeMap::new();
    let key_index = |key: &str| fm.lines.get(key).map(|l| l - FIRST_LINE);
    let single = [
        ("summary", fm.summary.as_deref()),
        ("changes", fm.changes.as_deref()),
        ("eligibility", fm.eligibility.as_deref()),
        ("cost", fm.cost.as_deref()),
        ("how_to_access", fm.how_to_access.as_deref()),
    ];
    for (key, value) in single {
        if let (Some(value), Some(from)) = (value, key_index(key))
            && let Some(origin) = align(&lines, from, value)
        {
            out.insert(key.to_string(), origin);
        }
    }
    if let Some(start) = key_index("levels") {
        let mut cursor = start;
        for (i, level) in fm.levels.iter().enumerate() {
            let mut values: Vec<(String, &str)> = Vec::new();
            if let Some(s) = &level.summary {
                values.push((format!("levels.{i}.summary"), s));
            }
            for (j, indicator) in level.indicators.iter().enumerate() {
                values.push((format!("levels.{i}.indicators.{j}"), indicator));
            }
            if let Some(r) = &level.response {
                values.push((format!("levels.{i}.response"), r));
            }
            for (key, value) in values {
                // Values are found in the order written; a level that lists
                // its keys in another order is looked for from the start.
                let found = align(&lines, cursor, value).or_else(|| align(&lines, start, value));
                if let Some(origin) = found {
                    cursor = origin.first_line().map(|l| l - FIRST_LINE).unwrap_or(cursor);
                    out.insert(key, origin);
                }
            }
        }
    }
    out
}

/// The origin of `value`, written on `lines` from index `from` on.
fn align(lines: &[&str], from: usize, value: &str) -> Option<TextOrigin> {
    let first = value.find(|c: char| !c.is_whitespace())?;
    let (mut li, mut lpos) = start_of(lines, from, &value[first..])?;
    let column = |li: usize, lpos: usize| lines[li][..lpos].chars().count() + 1;
    let mut segments = vec![(first, li + FIRST_LINE, column(li, lpos))];
    // Most values are written as they are read, on the line they start
    // on: the walk below would match them character for character.
    if lines[li][lpos..].starts_with(&value[first..]) {
        return Some(TextOrigin::new(segments));
    }
    let mut vpos = first;
    let mut misses = 0;
    while vpos < value.len() && li < lines.len() {
        let v = value[vpos..].chars().next().unwrap_or(' ');
        let l = lines[li][lpos..].chars().next();
        match l {
            Some(l) if l == v => {
                vpos += v.len_utf8();
                lpos += l.len_utf8();
            }
            None => {
                // The written line ends: YAML joined it to the next with a
                // space (folded) or a line break (literal), or dropped it.
                while value[vpos..].starts_with(char::is_whitespace) {
                    vpos += value[vpos..].chars().next().map_or(1, char::len_utf8);
                }
                li += 1;
                while li < lines.len() && lines[li].trim().is_empty() {
                    li += 1;
                }
                if li >= lines.len() {
                    break;
                }
                lpos = lines[li].len() - lines[li].trim_start().len();
                segments.push((vpos, li + FIRST_LINE, column(li, lpos)));
            }
            Some(l) if v.is_whitespace() && !l.is_whitespace() => {
                vpos += v.len_utf8();
            }
            Some(l) => {
                // A quote or an escape the value does not hold.
                misses += 1;
                if misses > 16 {
                    break;
                }
                lpos += l.len_utf8();
                segments.push((vpos, li + FIRST_LINE, column(li, lpos)));
            }
        }
    }
    Some(TextOrigin::new(segments))
}

/// The line and byte where a value starts: the longest start of its first
/// line (cut at a space) that is written on a line from `from` on. A cut is
/// needed where YAML folded or escaped the value.
fn start_of(lines: &[&str], from: usize, value: &str) -> Option<(usize, usize)> {
    let line_end = value.find('\n').unwrap_or(value.len());
    let end = value[..line_end].char_indices().nth(40).map_or(line_end, |(i, _)| i);
    let first_line = &value[..end];
    // Longest first: the whole first line, then cut at each space from
    // the right.
    let cuts =
        std::iter::once(first_line.len()).chain(first_line.rmatch_indices(' ').map(|(i, _)| i));
    for cut in cuts {
        let chunk = first_line[..cut].trim_end();
        if chunk.is_empty() {
            continue;
        }
        let found = lines
            .iter()
            .enumerate()
            .skip(from)
            .find_map(|(i, l)| find_in_line(l, chunk).map(|p| (i, p)));
        if found.is_some() {
            return found;
        }
    }
    None
}

/// `line.find(chunk)` for a short line: a searcher's set-up cost more
/// than comparing at each place the chunk's first byte is.
fn find_in_line(line: &str, chunk: &str) -> Option<usize> {
    let (line, chunk) = (line.as_bytes(), chunk.as_bytes());
    let first = *chunk.first()?;
    let last_start = line.len().checked_sub(chunk.len())?;
    (0..=last_start).find(|&i| line[i] == first && line[i..].starts_with(chunk))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(yaml: &str, from: usize, value: &str, phrase: &str) -> (usize, usize) {
        let lines: Vec<&str> = yaml.lines().collect();
        let origin = align(&lines, from, value).unwrap();
        origin.locate(value, value.find(phrase).unwrap()).unwrap()
    }

    #[test]
    fn find_in_line_is_str_find() {
        let lines =
            ["", "a", "summary: \"Under \\\"x\\\" the Act\"", "ééa éa", "aaab aab", "x: ’s’s ’t"];
        let chunks = [
            "",
            "a",
            "aab",
            "éa",
            "Under",
            "the Act\"",
            "’s ’t",
            "’t",
            "b aab",
            "zz",
            "aaab aab aab",
        ];
        for line in lines {
            for chunk in chunks {
                assert_eq!(
                    find_in_line(line, chunk),
                    line.find(chunk).filter(|_| !chunk.is_empty()),
                    "{line:?} {chunk:?}"
                );
            }
        }
    }

    /// The first line's longest start written on a line, as the chunks
    /// made by collecting the first 40 characters and their spaces found it.
    #[test]
    fn start_of_takes_the_longest_written_start() {
        fn by_collecting(lines: &[&str], from: usize, value: &str) -> Option<(usize, usize)> {
            let first_line: String = value.chars().take_while(|c| *c != '\n').take(40).collect();
            let mut cuts: Vec<usize> = first_line.match_indices(' ').map(|(i, _)| i).collect();
            cuts.push(first_line.len());
            for cut in cuts.into_iter().rev() {
                let chunk = first_line[..cut].trim_end();
                if chunk.is_empty() {
                    continue;
                }
                let found = lines
                    .iter()
                    .enumerate()
                    .skip(from)
                    .find_map(|(i, l)| l.find(chunk).map(|p| (i, p)));
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        let yaml = "title: T\nsummary: \"The partnership’s plan, for the year ahead and\n  the year after\"\nchanges: |\n  The partnership’s plan changed.\n\n  Paragraph 2.6 went.\nlevels:\n  - id: 1\n    summary: Universal – every child and family, é à\n";
        let lines: Vec<&str> = yaml.lines().collect();
        let values = [
            "The partnership’s plan, for the year ahead and the year after",
            "The partnership’s plan changed.\n\nParagraph 2.6 went.\n",
            "Universal – every child and family, é à",
            "Universal – every child and family, é à and more words after the fortieth",
            "The partnership’s budget",
            "Paragraph 2.6 went.",
            "   ",
            "nothing like it",
            "é",
        ];
        for value in values {
            for from in 0..lines.len() + 1 {
                assert_eq!(
                    start_of(&lines, from, value),
                    by_collecting(&lines, from, value),
                    "{value:?} from {from}"
                );
            }
        }
    }

    #[test]
    fn a_literal_block_keeps_its_lines() {
        let yaml = "title: T\nchanges: |\n  First line.\n\n  - Section 4 was removed.\n";
        let value = "First line.\n\n- Section 4 was removed.\n";
        assert_eq!(place(yaml, 1, value, "Section 4"), (6, 5));
    }

    #[test]
    fn a_folded_plain_value_spans_lines() {
        let yaml = "title: T\nchanges: The policy changed and\n  paragraph 9.9 went.\n";
        let value = "The policy changed and paragraph 9.9 went.";
        assert_eq!(place(yaml, 1, value, "The policy"), (3, 10));
        assert_eq!(place(yaml, 1, value, "paragraph 9.9"), (4, 3));
    }

    #[test]
    fn quoted_values_skip_their_quotes() {
        let yaml = "summary: \"Under \\\"section 17\\\" of the Act\"\n";
        let value = "Under \"section 17\" of the Act";
        assert_eq!(place(yaml, 0, value, "of the Act"), (2, 32));
    }
}
