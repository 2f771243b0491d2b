//! Tables compared row by row and cell by cell: rows are matched by their
//! text, then by their first cell (the row's label), so a changed figure
//! is one marked cell; a chart also says in words which figures changed.

use charter_core::html::escape;
use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::blocks::Table;
use super::tokens::{Token, plain, similarity, word_set};
use super::words::{Emitter, Mark, diff, whole};
use charter_core::hash::hash_of;

/// How far ahead a changed stretch of rows looks for a row's counterpart.
const WINDOW: usize = 12;
/// At most this many changed figures are listed for a chart.
const LISTED_FIGURES: usize = 12;

/// One row of the comparison: the old row, the new row, or both.
type RowPair = (Option<usize>, Option<usize>);

/// The table compared, as HTML; `id` names its caption.
pub(super) fn table_html(old: Option<&Table>, new: Option<&Table>, id: &str) -> String {
    let empty = Table::default();
    let (o, n) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    let rows = row_pairs(old.map(|_| o), new.map(|_| n));
    let columns = o
        .head
        .len()
        .max(n.head.len())
        .max(o.rows.iter().chain(&n.rows).map(Vec::len).max().unwrap_or(0));
    let mut html = String::new();
    if let Some(title) = n.chart.as_ref().or(o.chart.as_ref()) {
        html.push_str(&chart_note(title, old, new, &rows));
    }
    let caption = cell(old.map(|t| t.caption.as_slice()), new.map(|t| t.caption.as_slice()));
    if caption.is_empty() {
        html.push_str("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n<table>\n");
    } else {
        html.push_str(&format!("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}\">\n<table>\n<caption id=\"{id}\">{caption}</caption>\n"));
    }
    html.push_str("<thead>\n<tr>");
    for c in 0..columns {
        let text = cell(old.map(|t| head_cell(t, c)), new.map(|t| head_cell(t, c)));
        if text.is_empty() {
            html.push_str("<td></td>");
        } else {
            html.push_str(&format!("<th scope=\"col\">{text}</th>"));
        }
    }
    html.push_str("</tr>\n</thead>\n<tbody>\n");
    let row_headers = columns > 1
        && rows.iter().all(|(a, b)| {
            let row = b.map(|j| &n.rows[j]).or(a.map(|i| &o.rows[i]));
            row.and_then(|r| r.first()).is_some_and(|c| !c.is_empty())
        });
    for &(a, b) in &rows {
        let class = match (a, b) {
            (None, _) => " class=\"cmp-row-added\"",
            (_, None) => " class=\"cmp-row-removed\"",
            _ => "",
        };
        html.push_str(&format!("<tr{class}>"));
        for c in 0..columns {
            let text = cell(a.map(|i| row_cell(o, i, c)), b.map(|j| row_cell(n, j, c)));
            let shown =
                b.map(|j| row_cell(n, j, c)).or(a.map(|i| row_cell(o, i, c))).unwrap_or(&[]);
            if c == 0 && row_headers {
                html.push_str(&format!("<th scope=\"row\">{text}</th>"));
            } else if is_figure(&plain(shown)) {
                html.push_str(&format!("<td class=\"num\">{text}</td>"));
            } else {
                html.push_str(&format!("<td>{text}</td>"));
            }
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    html
}

fn head_cell(t: &Table, c: usize) -> &[Token] {
    t.head.get(c).map_or(&[], Vec::as_slice)
}

fn row_cell(t: &Table, r: usize, c: usize) -> &[Token] {
    t.rows[r].get(c).map_or(&[], Vec::as_slice)
}

/// One cell, marked: both sides compared word by word, or one side whole.
fn cell(old: Option<&[Token]>, new: Option<&[Token]>) -> String {
    match (old, new) {
        (Some(o), Some(n)) => diff(o, n),
        (None, Some(n)) => whole(n, Mark::Ins),
        (Some(o), None) => whole(o, Mark::Del),
        (None, None) => String::new(),
    }
}

/// A figure as tables write them: "1,200", "(2.5%)", "£486,250".
fn is_figure(text: &str) -> bool {
    let t = text.trim();
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || ",.()%£$€-−+ ".contains(c))
}

fn row_key(row: &[Vec<Token>]) -> u64 {
    hash_of(row)
}

fn label(row: &[Vec<Token>]) -> String {
    row.first().map(|c| plain(c).trim().to_lowercase()).unwrap_or_default()
}

/// The rows of both tables in reading order, matched where they are the
/// same row.
fn row_pairs(old: Option<&Table>, new: Option<&Table>) -> Vec<RowPair> {
    let (o, n) = match (old, new) {
        (Some(o), Some(n)) => (o, n),
        (Some(o), None) => return (0..o.rows.len()).map(|i| (Some(i), None)).collect(),
        (None, Some(n)) => return (0..n.rows.len()).map(|j| (None, Some(j))).collect(),
        (None, None) => return Vec::new(),
    };
    let ok: Vec<u64> = o.rows.iter().map(|r| row_key(r)).collect();
    let nk: Vec<u64> = n.rows.iter().map(|r| row_key(r)).collect();
    let mut out = Vec::new();
    let mut pending: Option<(std::ops::Range<usize>, std::ops::Range<usize>)> = None;
    for op in capture_diff_slices(Algorithm::Patience, &ok, &nk) {
        let (tag, a, b) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            if let Some((a0, b0)) = pending.take() {
                pair_rows(o, n, a0, b0, &mut out);
            }
            out.extend(a.zip(b).map(|(i, j)| (Some(i), Some(j))));
        } else {
            pending = Some(match pending.take() {
                Some((a0, b0)) => (a0.start..a.end.max(a0.end), b0.start..b.end.max(b0.end)),
                None => (a, b),
            });
        }
    }
    if let Some((a, b)) = pending {
        pair_rows(o, n, a, b, &mut out);
    }
    out
}

/// A changed stretch of rows: each old row pairs with the new row a
/// little way ahead that has its label, or failing that most of its words.
fn pair_rows(
    o: &Table,
    n: &Table,
    a: std::ops::Range<usize>,
    b: std::ops::Range<usize>,
    out: &mut Vec<RowPair>,
) {
    let words =
        |row: &[Vec<Token>]| word_set(&row.iter().map(|c| plain(c)).collect::<Vec<_>>().join(" "));
    let mut j = b.start;
    for i in a {
        let lab = label(&o.rows[i]);
        let window = j..b.end.min(j + WINDOW);
        let found =
            window.clone().find(|&k| !lab.is_empty() && label(&n.rows[k]) == lab).or_else(|| {
                let ow = words(&o.rows[i]);
                window.clone().find(|&k| similarity(&ow, &words(&n.rows[k])) >= 0.5)
            });
        match found {
            Some(k) => {
                out.extend((j..k).map(|x| (None, Some(x))));
                out.push((Some(i), Some(k)));
                j = k + 1;
            }
            None => out.push((Some(i), None)),
        }
    }
    out.extend((j..b.end).map(|x| (None, Some(x))));
}

/// A chart's figures do not show as marks in a picture: say which changed.
fn chart_note(title: &str, old: Option<&Table>, new: Option<&Table>, rows: &[RowPair]) -> String {
    let sentence = match (old, new) {
        (None, _) => "A new chart.".to_string(),
        (_, None) => "This chart was removed.".to_string(),
        (Some(o), Some(n)) => changed_figures(o, n, rows),
    };
    let mut e = Emitter::default();
    e.text(&format!("Chart: {title}. "), Mark::None);
    format!("<p class=\"cmp-chart\"><strong>{}</strong>{}</p>\n", e.finish(), escape(&sentence))
}

fn changed_figures(o: &Table, n: &Table, rows: &[RowPair]) -> String {
    let text =
        |t: &Table, r: usize, c: usize| t.rows[r].get(c).map(|x| plain(x)).unwrap_or_default();
    let mut changes = Vec::new();
    for &(a, b) in rows {
        match (a, b) {
            (Some(i), Some(j)) => {
                for c in 1..n.head.len().max(o.head.len()) {
                    let (was, now) = (text(o, i, c), text(n, j, c));
                    if was != now {
                        let column =
                            n.head.get(c).or(o.head.get(c)).map(|h| plain(h)).unwrap_or_default();
                        changes.push(format!("{}, {column}: from {was} to {now}", text(n, j, 0)));
                    }
                }
            }
            (None, Some(j)) => changes.push(format!("{} added", text(n, j, 0))),
            (Some(i), None) => changes.push(format!("{} removed", text(o, i, 0))),
            (None, None) => {}
        }
    }
    if changes.is_empty() {
        return "No figures changed.".into();
    }
    let more = changes.len().saturating_sub(LISTED_FIGURES);
    changes.truncate(LISTED_FIGURES);
    let mut s = format!("Figures changed: {}", changes.join("; "));
    if more > 0 {
        s.push_str(&format!("; and {more} more"));
    }
    s.push('.');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::blocks::Content;
    use crate::compare::extract::{Sources, blocks};

    fn table(md: &str) -> Table {
        match blocks(md, Sources::default()).remove(0).content {
            Content::Table(t) => t,
            other => panic!("not a table: {other:?}"),
        }
    }

    #[test]
    fn a_changed_figure_is_one_marked_cell() {
        let old = table(
            "| Partner | 2025 |\n|---|---|\n| Council | 252,000 |\n| Police | 52,500 |\n| Probation | 18,000 |\n",
        );
        let new = table(
            "| Partner | 2025 |\n|---|---|\n| Council | 252,000 |\n| Police | 51,190 |\n| Probation | 18,000 |\n",
        );
        let html = table_html(Some(&old), Some(&new), "t");
        assert_eq!(html.matches("<ins>").count(), 1, "{html}");
        assert_eq!(html.matches("<del>").count(), 1);
        assert!(html.contains("<th scope=\"row\">Police</th><td class=\"num\"><del>"), "{html}");
        assert!(html.contains("<th scope=\"row\">Council</th><td class=\"num\">252,000</td>"));
    }

    #[test]
    fn rows_added_and_removed_are_whole_rows() {
        let old =
            table("| Agency | Sector |\n|---|---|\n| Cafcass | Justice |\n| Old one | Health |\n");
        let new = table(
            "| Agency | Sector |\n|---|---|\n| Cafcass | Justice |\n| New one | Faith |\n| Another | Sport |\n",
        );
        let pairs = row_pairs(Some(&old), Some(&new));
        assert_eq!(
            pairs,
            vec![(Some(0), Some(0)), (Some(1), None), (None, Some(1)), (None, Some(2))]
        );
        let html = table_html(Some(&old), Some(&new), "t");
        assert!(html.contains("<tr class=\"cmp-row-removed\">"));
        assert_eq!(html.matches("<tr class=\"cmp-row-added\">").count(), 2);
    }

    #[test]
    fn charts_say_which_figures_changed() {
        let mut old = table(
            "| Source | 2024 | 2025 |\n|---|---|---|\n| Police | 12 | 14 |\n| Schools | 30 | 31 |\n",
        );
        let mut new = table(
            "| Source | 2024 | 2025 |\n|---|---|---|\n| Police | 12 | 16 |\n| Schools | 30 | 31 |\n",
        );
        old.chart = Some("Contacts".into());
        new.chart = Some("Contacts".into());
        let html = table_html(Some(&old), Some(&new), "t");
        assert!(html.contains("Figures changed: Police, 2025: from 14 to 16."), "{html}");
    }
}
