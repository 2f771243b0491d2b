//! What changed between two versions of a document: which sections were
//! added, removed or changed, and the text with insertions and deletions
//! marked so that screen readers say "added" and "removed".

use similar::utils::{diff_slices, diff_words};
use similar::{Algorithm, ChangeTag};

use charter_core::html::escape;
use charter_core::urls::slugify;
use charter_resolve::anchors::heading_number;

/// A part of a document: the text under one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// "7" or a slug for unnumbered headings; "" for text before the first heading.
    pub key: String,
    /// The heading's text.
    pub title: String,
    /// Its blocks, as Markdown.
    pub blocks: Vec<String>,
}

/// Cuts Markdown into parts at headings, and parts into blocks at blank lines.
pub fn parts(markdown: &str) -> Vec<Part> {
    let mut parts = vec![Part { key: String::new(), title: String::new(), blocks: Vec::new() }];
    let mut block = String::new();
    let mut in_fence = false;
    let flush = |block: &mut String, parts: &mut Vec<Part>| {
        if !block.trim().is_empty() {
            parts.last_mut().expect("at least one part").blocks.push(block.trim_end().to_string());
        }
        block.clear();
    };
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if !in_fence && line.starts_with('#') {
            let title = line.trim_start_matches('#').trim();
            if line.len() > title.len()
                && line[line.find(|c: char| c != '#').unwrap_or(0)..].starts_with(' ')
            {
                flush(&mut block, &mut parts);
                let title = title.split(" {#").next().unwrap_or(title).to_string();
                let key = heading_number(&title).unwrap_or_else(|| slugify(&title));
                parts.push(Part { key, title, blocks: Vec::new() });
                continue;
            }
        }
        if !in_fence && line.trim().is_empty() {
            flush(&mut block, &mut parts);
        } else {
            block.push_str(line);
            block.push('\n');
        }
    }
    flush(&mut block, &mut parts);
    if parts[0].blocks.is_empty() {
        parts.remove(0);
    }
    parts
}

/// How a part fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartChange {
    /// New in this version.
    Added,
    /// Gone from it.
    Removed,
    /// Changed.
    Changed,
}

/// Parts that were added, removed or changed, in the new document's order
/// (removed ones where they stood).
pub fn summary(old: &[Part], new: &[Part]) -> Vec<(PartChange, Part)> {
    let mut out = Vec::new();
    for n in new {
        match old.iter().find(|o| o.key == n.key) {
            None => out.push((PartChange::Added, n.clone())),
            Some(o) if o.blocks != n.blocks || o.title != n.title => {
                out.push((PartChange::Changed, n.clone()))
            }
            Some(_) => {}
        }
    }
    for o in old {
        if !new.iter().any(|n| n.key == o.key) {
            out.push((PartChange::Removed, o.clone()));
        }
    }
    out
}

const ADDED: &str = "<ins><span class=\"visually-hidden\">[added: </span>";
const ADDED_END: &str = "<span class=\"visually-hidden\">]</span></ins>";
const REMOVED: &str = "<del><span class=\"visually-hidden\">[removed: </span>";
const REMOVED_END: &str = "<span class=\"visually-hidden\">]</span></del>";

/// The two texts compared block by block: paragraphs word by word; tables
/// and lists row by row, so a changed cell does not blur the whole table.
pub fn compare_html(old: &str, new: &str) -> String {
    let old_blocks: Vec<String> = parts(old)
        .into_iter()
        .flat_map(|p| heading_block(&p).into_iter().chain(p.blocks))
        .collect();
    let new_blocks: Vec<String> = parts(new)
        .into_iter()
        .flat_map(|p| heading_block(&p).into_iter().chain(p.blocks))
        .collect();
    let mut html = String::new();
    let changes = diff_slices(Algorithm::Patience, &old_blocks, &new_blocks);
    let mut i = 0;
    while i < changes.len() {
        let (tag, blocks) = changes[i];
        match tag {
            ChangeTag::Equal => {
                for b in blocks {
                    html.push_str(&format!("<div class=\"diff-block\">{}</div>\n", block_text(b)));
                }
            }
            ChangeTag::Delete => {
                // A deletion followed by an insertion of as many blocks is an edit.
                if let Some((ChangeTag::Insert, inserted)) = changes.get(i + 1) {
                    let pairs = blocks.len().min(inserted.len());
                    for k in 0..pairs {
                        html.push_str(&format!(
                            "<div class=\"diff-block diff-changed\">{}</div>\n",
                            compare_block(&blocks[k], &inserted[k])
                        ));
                    }
                    for b in &blocks[pairs..] {
                        html.push_str(&format!("<div class=\"diff-block diff-removed\">{REMOVED}{}{REMOVED_END}</div>\n", block_text(b)));
                    }
                    for b in &inserted[pairs..] {
                        html.push_str(&format!(
                            "<div class=\"diff-block diff-added\">{ADDED}{}{ADDED_END}</div>\n",
                            block_text(b)
                        ));
                    }
                    i += 2;
                    continue;
                }
                for b in blocks {
                    html.push_str(&format!(
                        "<div class=\"diff-block diff-removed\">{REMOVED}{}{REMOVED_END}</div>\n",
                        block_text(b)
                    ));
                }
            }
            ChangeTag::Insert => {
                for b in blocks {
                    html.push_str(&format!(
                        "<div class=\"diff-block diff-added\">{ADDED}{}{ADDED_END}</div>\n",
                        block_text(b)
                    ));
                }
            }
        }
        i += 1;
    }
    html
}

fn heading_block(p: &Part) -> Option<String> {
    (!p.title.is_empty()).then(|| format!("## {}", p.title))
}

fn is_line_block(b: &str) -> bool {
    let first = b.trim_start();
    first.starts_with('|')
        || first.starts_with("- ")
        || first.starts_with("* ")
        || first
            .split_once(". ")
            .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
}

fn block_text(b: &str) -> String {
    escape(b).replace('\n', "<br>")
}

fn compare_block(old: &str, new: &str) -> String {
    if is_line_block(old) && is_line_block(new) {
        let ol: Vec<&str> = old.lines().collect();
        let nl: Vec<&str> = new.lines().collect();
        let mut out = Vec::new();
        for (tag, lines) in diff_slices(Algorithm::Myers, &ol, &nl) {
            for l in lines {
                out.push(match tag {
                    ChangeTag::Equal => escape(l),
                    ChangeTag::Delete => format!("{REMOVED}{}{REMOVED_END}", escape(l)),
                    ChangeTag::Insert => format!("{ADDED}{}{ADDED_END}", escape(l)),
                });
            }
        }
        return out.join("<br>");
    }
    let mut out = String::new();
    for (tag, text) in diff_words(Algorithm::Myers, old, new) {
        let t = escape(text).replace('\n', "<br>");
        match tag {
            ChangeTag::Equal => out.push_str(&t),
            ChangeTag::Delete => out.push_str(&format!("{REMOVED}{t}{REMOVED_END}")),
            ChangeTag::Insert => out.push_str(&format!("{ADDED}{t}{ADDED_END}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_finds_added_removed_and_changed_sections() {
        let old = parts("## 1. Intro\n\nSame.\n\n## 2. Old\n\nGone.\n\n## 3. Kept\n\nText one.\n");
        let new = parts("## 1. Intro\n\nSame.\n\n## 3. Kept\n\nText two.\n\n## 4. New\n\nFresh.\n");
        let s: Vec<(PartChange, String)> =
            summary(&old, &new).into_iter().map(|(c, p)| (c, p.key)).collect();
        assert_eq!(
            s,
            vec![
                (PartChange::Changed, "3".into()),
                (PartChange::Added, "4".into()),
                (PartChange::Removed, "2".into())
            ]
        );
    }

    #[test]
    fn words_are_marked_for_screen_readers() {
        let html = compare_html("The partners meet monthly.\n", "The partners meet quarterly.\n");
        assert!(html.contains("<del><span class=\"visually-hidden\">[removed: </span>monthly"));
        assert!(html.contains("<ins><span class=\"visually-hidden\">[added: </span>quarterly"));
    }

    #[test]
    fn tables_compare_row_by_row() {
        let html = compare_html(
            "| A | B |\n|---|---|\n| x | 1 |\n| y | 2 |\n",
            "| A | B |\n|---|---|\n| x | 1 |\n| y | 3 |\n",
        );
        assert!(html.contains("[removed: </span>| y | 2 |"));
        assert!(html.contains("[added: </span>| y | 3 |"));
        assert!(html.contains("| x | 1 |"));
    }
}
