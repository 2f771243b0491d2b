//! Markdown tables: a caption from a "Table N" paragraph just before, header
//! cells with `scope`, numeric columns aligned, totals rows marked, and a
//! focusable region that scrolls on its own when the table is wide.

use std::sync::LazyLock;

use charter_core::html::{escape, text_of};
use charter_core::{Code, Diagnostic};
use charter_resolve::anchors::Ev;
use pulldown_cmark::{Alignment, Event, Tag, TagEnd};
use regex::Regex;

use super::options::RenderOptions;

/// "Table 3: …", "TABLE 4 – …", "Table 2.1.", "Table A", "Table 3" alone:
/// a caption. "Table 5 below shows…" is a sentence about a table.
static TABLE_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:table)\s+(?:\d+(?:\.\d+)*[A-Za-z]?|[A-Z]\d*(?:\.\d+)*)\s*(?:[:.–—-]|$)")
        .expect("valid regex")
});

/// A paragraph (or a bold line) just before a table that starts "Table N"
/// becomes its caption.
pub(super) fn take_caption(out: &mut Vec<Ev<'_>>) -> Option<String> {
    if !matches!(out.last().map(|e| &e.0), Some(Event::End(TagEnd::Paragraph))) {
        return None;
    }
    let start = out.iter().rposition(|(e, _)| {
        matches!(e, Event::Start(Tag::Paragraph))
            || matches!(e, Event::Html(h) if h.starts_with("<p"))
    })?;
    let inner = &out[start + 1..out.len() - 1];
    if !TABLE_CAPTION.is_match(visible_text(inner).trim()) {
        return None;
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, inner.iter().map(|(e, _)| e.clone()));
    out.truncate(start);
    Some(html)
}

/// A figure as committee papers write one: signed (`+27,931`, `−9`),
/// in accounting brackets (`(7.0%)`), with a currency or a unit, with a
/// share after it (`61 (31%)`), or a dash or "n/a" for none.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    let figure = r"[£$€]?\d[\d,]*(?:\.\d+)?(?:%|k|m|bn|K|M)?";
    Regex::new(&format!(
        r"^(?:[+±−–-]?[£$€]?[+−–-]?{figure}\*?(?:\([+−–-]?{figure}\))?|\([+−–-]?{figure}\)|[-–—]|(?i:n/?a|nil))$"
    ))
    .expect("valid regex")
});

/// A figure below zero: `(2,000)`, `−9`, `-4.5%`.
fn is_negative(text: &str) -> bool {
    let t = text.trim();
    t.starts_with('(') && t.ends_with(')')
        || t.starts_with(['−', '-', '–'])
            && t.chars().nth(1).is_some_and(|c| c.is_ascii_digit() || "£$€".contains(c))
}

/// The text a reader sees in a run of events: raw HTML made by the passes
/// (a glossary term, a statute link, a RAG mark) counts by its visible
/// words; what only a screen reader hears does not.
fn visible_text(events: &[Ev<'_>]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            Event::InlineHtml(h) | Event::Html(h) => s.push_str(&text_of(&without_hidden(h))),
            _ => {}
        }
    }
    s
}

/// HTML without its visually hidden spans.
fn without_hidden(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<span class=\"visually-hidden\">") {
        out.push_str(&rest[..i]);
        rest = rest[i..].split_once("</span>").map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

/// One cell: its HTML and its text.
struct Cell {
    html: String,
    text: String,
}

/// A table's cells, header row apart.
struct Cells {
    head: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
}

/// Where a table sits and what it is called.
pub(super) struct TablePlace<'a> {
    /// Its caption's HTML, if a "Table N" paragraph gave one.
    pub(super) caption: Option<String>,
    /// Its number on the page.
    pub(super) n: usize,
    /// The names of the page's tables so far, which its own must not repeat.
    pub(super) names: &'a mut Vec<String>,
    /// Its file and line, for diagnostics.
    pub(super) file: &'a str,
    /// The 1-based line.
    pub(super) line: usize,
}

/// The table's HTML from the events between its start and end.
pub(super) fn table(
    events: &[Ev<'_>],
    aligns: &[Alignment],
    place: TablePlace<'_>,
    options: &RenderOptions<'_>,
) -> String {
    let cells = collect(events);
    let numeric = numeric_columns(&cells);
    let row_headers = has_row_headers(&cells, &numeric);
    let empty_head = cells.head.iter().all(|c| c.text.is_empty());
    // A cover sheet's table has no header row but labels down its side:
    // those are its headers, and the empty row is left out.
    if empty_head
        && !row_headers
        && let Some(sink) = options.sink
    {
        sink.push(
            Diagnostic::warning(Code::A11yTableNoHeader, "this table's header row is empty")
                .at(place.file, place.line, 1)
                .help("put a heading in each column of the first row, so screen readers can announce what each cell means"),
        );
    }
    let caption_id = format!("{}table-{}", options.id_prefix, place.n);
    let mut html = String::new();
    match &place.caption {
        Some(c) => {
            let part = options
                .for_place(|p| format!("<span class=\"visually-hidden\"> ({})</span>", escape(p)));
            html.push_str(&format!(
                "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{caption_id}\">\n<table>\n<caption id=\"{caption_id}\">{}{part}</caption>\n",
                c.trim()
            ))
        }
        None => {
            let suffix = options.for_place(|p| format!(" ({p})"));
            let name = unique_name(&cells, place.n, &suffix, place.names);
            html.push_str(&format!(
                "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n<table>\n",
                escape(&name)
            ))
        }
    }
    // Each column's class attribute, worked out once for all its cells.
    let columns = cells.head.len().max(cells.rows.iter().map(Vec::len).max().unwrap_or(0));
    let classes: Vec<String> = (0..columns)
        .map(|c| column_class(numeric.get(c).copied().unwrap_or(false), aligns.get(c)))
        .collect();
    if !(empty_head && row_headers) {
        write_head(&mut html, &cells.head, &classes);
    }
    html.push_str("<tbody>\n");
    write_body(&mut html, &cells, &numeric, row_headers, &classes);
    html.push_str("</tbody>\n</table>\n</div>\n");
    html
}

/// A name for a table without a caption, from its column headings, that no
/// other table on the page has: "Table: Quarter, Within one month".
fn unique_name(cells: &Cells, n: usize, suffix: &str, names: &mut Vec<String>) -> String {
    let headings: Vec<&str> =
        cells.head.iter().map(|c| c.text.as_str()).filter(|t| !t.is_empty()).collect();
    let mut base = if headings.is_empty() {
        format!("Table {n}")
    } else {
        let joined = headings.join(", ");
        let short: String = joined.chars().take(80).collect();
        format!("Table: {short}{}", if short.len() < joined.len() { "…" } else { "" })
    };
    // The part's name, on a print page: every name has it, so it does not
    // change which names collide.
    base.push_str(suffix);
    let mut name = base.clone();
    let mut k = 2;
    while names.contains(&name) {
        name = format!("{base} ({k})");
        k += 1;
    }
    names.push(name.clone());
    name
}

fn collect(events: &[Ev<'_>]) -> Cells {
    let mut cells = Cells { head: Vec::new(), rows: Vec::new() };
    let mut in_head = false;
    let mut cell_start = None;
    for (j, (e, _)) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => cells.rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell_start = Some(j + 1),
            Event::End(TagEnd::TableCell) => {
                let inner = &events[cell_start.unwrap_or(j)..j];
                let mut html = String::new();
                pulldown_cmark::html::push_html(&mut html, inner.iter().map(|(e, _)| e.clone()));
                let cell = Cell { html, text: visible_text(inner).trim().to_string() };
                if in_head {
                    cells.head.push(cell);
                } else if let Some(r) = cells.rows.last_mut() {
                    r.push(cell);
                }
            }
            _ => {}
        }
    }
    cells
}

/// Columns whose every non-empty cell is a number.
fn numeric_columns(cells: &Cells) -> Vec<bool> {
    (0..cells.head.len())
        .map(|c| {
            let texts: Vec<&str> = cells
                .rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|c| c.text.as_str())
                .filter(|t| !t.is_empty())
                .collect();
            !texts.is_empty()
                && texts.iter().all(|t| NUMERIC.is_match(&t.replace([' ', '\u{a0}'], "")))
        })
        .collect()
}

fn column_class(numeric: bool, align: Option<&Alignment>) -> String {
    let mut classes = Vec::new();
    if numeric {
        classes.push("num");
    }
    match align {
        Some(Alignment::Center) => classes.push("align-center"),
        Some(Alignment::Right) if !numeric => classes.push("align-right"),
        Some(Alignment::Left) => classes.push("align-left"),
        _ => {}
    }
    if classes.is_empty() { String::new() } else { format!(" class=\"{}\"", classes.join(" ")) }
}

/// A first column of labels ("Police", "Total", "FE") heads its row.
fn has_row_headers(cells: &Cells, numeric: &[bool]) -> bool {
    cells.head.len() > 1
        && !numeric.first().copied().unwrap_or(true)
        && !cells.rows.is_empty()
        && cells.rows.iter().all(|r| r.first().is_some_and(|c| !c.text.is_empty()))
}

/// A cell's element: `open` (`<th scope="col"`, `<td`), its class, its HTML.
fn write_cell(html: &mut String, open: &str, class: &str, content: &str, close: &str) {
    html.push_str(open);
    html.push_str(class);
    html.push('>');
    html.push_str(content);
    html.push_str(close);
}

fn write_head(html: &mut String, head: &[Cell], classes: &[String]) {
    html.push_str("<thead>\n<tr>");
    for (c, cell) in head.iter().enumerate() {
        if cell.text.is_empty() {
            html.push_str("<td></td>");
        } else {
            write_cell(html, "<th scope=\"col\"", &classes[c], &cell.html, "</th>");
        }
    }
    html.push_str("</tr>\n</thead>\n");
}

fn write_body(
    html: &mut String,
    cells: &Cells,
    numeric: &[bool],
    row_headers: bool,
    classes: &[String],
) {
    for row in &cells.rows {
        // "Total", "TOTAL", "Totals": no other character lower-cases to
        // these ASCII letters, so the first five bytes tell.
        let total = row
            .first()
            .is_some_and(|c| c.text.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("total")));
        html.push_str(if total { "<tr class=\"total\">" } else { "<tr>" });
        for (c, cell) in row.iter().enumerate() {
            let negative = is_negative(&cell.text) && numeric.get(c).copied().unwrap_or(false);
            let class: std::borrow::Cow<'_, str> = match (negative, classes[c].as_str()) {
                (false, class) => class.into(),
                (true, "") => " class=\"negative\"".into(),
                (true, class) => class.replacen("class=\"", "class=\"negative ", 1).into(),
            };
            if c == 0 && row_headers {
                write_cell(html, "<th scope=\"row\"", &class, &cell.html, "</th>");
            } else {
                write_cell(html, "<td", &class, &cell.html, "</td>");
            }
        }
        html.push_str("</tr>\n");
    }
}

/// Compiles this module's patterns now (see `charter_resolve::compile_patterns`).
pub(crate) fn compile_patterns() {
    for pattern in [&TABLE_CAPTION, &NUMERIC] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use charter_resolve::anchors::parse;

    fn render(md: &str) -> String {
        let events = parse(md);
        let start =
            events.iter().position(|(e, _)| matches!(e, Event::Start(Tag::Table(_)))).unwrap();
        let end = events.iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Table))).unwrap();
        let Event::Start(Tag::Table(aligns)) = &events[start].0 else { unreachable!() };
        let options = RenderOptions::plain(false);
        let mut names = Vec::new();
        let place = TablePlace { caption: None, n: 1, names: &mut names, file: "a.md", line: 1 };
        table(&events[start + 1..end], aligns, place, &options)
    }

    #[test]
    fn labels_head_rows_and_numbers_align() {
        let html =
            render("| Partner | 2025 |\n|---|---|\n| Police | 1,200 |\n| Total | (7.0%) |\n");
        assert!(html.contains("<th scope=\"row\">Police</th><td class=\"num\">1,200</td>"));
        assert!(html.contains(
            "<tr class=\"total\"><th scope=\"row\">Total</th><td class=\"negative num\">(7.0%)</td>"
        ));
        assert!(html.contains("aria-label=\"Table: Partner, 2025\""));
    }

    /// A row is a total row when its first cell starts "total" in any
    /// case, as lower-casing the whole cell would say: other wordings,
    /// other scripts, cells too short or cut inside a character.
    #[test]
    fn total_rows_in_the_ways_papers_write_them() {
        for first in [
            "Total",
            "TOTAL",
            "Totals",
            "total:",
            "Total (all partners)",
            "Subtotal",
            "Tot",
            "Totál",
            "Étotal",
            "日本語",
            "ŤOTAL",
            "To\u{301}tal",
        ] {
            let html = render(&format!(
                "| Partner | 2025 |\n|---|---|\n| Police | 1 |\n| {first} | 2 |\n"
            ));
            let total = first.to_lowercase().starts_with("total");
            assert_eq!(html.contains("<tr class=\"total\">"), total, "{first}: {html}");
        }
    }

    #[test]
    fn figures_as_committee_papers_write_them() {
        for figure in [
            "+27,931",
            "−9",
            "(7.0%)",
            "£1.2m",
            "61 (31%)",
            "-4.5%",
            "n/a",
            "–",
            "486*",
            "(£2,000)",
        ] {
            assert!(NUMERIC.is_match(&figure.replace(' ', "")), "{figure}");
        }
        for text in ["12 (see note)", "Q1", "2024-25 figures", "Level 3"] {
            assert!(!NUMERIC.is_match(&text.replace(' ', "")), "{text}");
        }
        assert!(is_negative("−9") && is_negative("(2,000)") && !is_negative("+5"));
    }

    #[test]
    fn captions_as_real_papers_write_them() {
        for caption in [
            "Table 3: Referrals",
            "TABLE 4 – Outcomes",
            "Table 2.1. Spend",
            "Table A: Leads",
            "Table 3",
        ] {
            assert!(TABLE_CAPTION.is_match(caption), "{caption}");
        }
        for sentence in ["Table 5 below shows timeliness", "Tables 2 and 3 show", "Tablets 3"] {
            assert!(!TABLE_CAPTION.is_match(sentence), "{sentence}");
        }
    }

    #[test]
    fn a_cover_table_with_labels_down_its_side_needs_no_header_row() {
        let html = render("| | |\n|---|---|\n| REPORT OF | Director |\n| WARDS | All |\n");
        assert!(html.contains("<th scope=\"row\">REPORT OF</th>"), "{html}");
        assert!(!html.contains("<thead>"));
    }
}
