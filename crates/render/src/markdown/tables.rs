//! Markdown tables: a caption from a "Table N" paragraph just before, header
//! cells with `scope`, numeric columns aligned, totals rows marked, and a
//! focusable region that scrolls on its own when the table is wide.

use std::sync::LazyLock;

use charter_core::{Code, Diagnostic};
use charter_resolve::anchors::{Ev, plain_text};
use pulldown_cmark::{Alignment, Event, Tag, TagEnd};
use regex::Regex;

use super::options::RenderOptions;

static TABLE_CAPTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Table\s+\d+[A-Za-z]?\b").expect("valid regex"));

/// A paragraph just before a table that starts "Table N" becomes its caption.
pub(super) fn take_caption(out: &mut Vec<Ev<'_>>) -> Option<String> {
    if !matches!(out.last().map(|e| &e.0), Some(Event::End(TagEnd::Paragraph))) {
        return None;
    }
    let start = out.iter().rposition(|(e, _)| {
        matches!(e, Event::Start(Tag::Paragraph))
            || matches!(e, Event::Html(h) if h.starts_with("<p"))
    })?;
    let inner = &out[start + 1..out.len() - 1];
    if !TABLE_CAPTION.is_match(plain_text(inner).trim_start()) {
        return None;
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, inner.iter().map(|(e, _)| e.clone()));
    out.truncate(start);
    Some(html)
}

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[£$€]?[(−-]?[£$€]?\d[\d,]*(\.\d+)?[%kmKM]?\)?$|^[-–—]$|^n/?a$")
        .expect("valid regex")
});

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
    if cells.head.iter().all(|c| c.text.is_empty())
        && let Some(sink) = options.sink
    {
        sink.push(
            Diagnostic::warning(Code::A11yTableNoHeader, "this table's header row is empty")
                .at(place.file, place.line, 1)
                .help("put a heading in each column of the first row, so screen readers can announce what each cell means"),
        );
    }
    let numeric = numeric_columns(&cells);
    let caption_id = format!("{}table-{}", options.id_prefix, place.n);
    let mut html = String::new();
    match &place.caption {
        Some(c) => html.push_str(&format!(
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{caption_id}\">\n<table>\n<caption id=\"{caption_id}\">{}</caption>\n",
            c.trim()
        )),
        None => html.push_str(&format!(
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table {}\">\n<table>\n",
            place.n
        )),
    }
    let class_of = |c: usize| column_class(numeric.get(c).copied().unwrap_or(false), aligns.get(c));
    write_head(&mut html, &cells.head, &class_of);
    write_body(&mut html, &cells, &numeric, &class_of);
    html.push_str("</tbody>\n</table>\n</div>\n");
    html
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
                let cell = Cell { html, text: plain_text(inner).trim().to_string() };
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
            !texts.is_empty() && texts.iter().all(|t| NUMERIC.is_match(&t.replace(' ', "")))
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

fn write_head(html: &mut String, head: &[Cell], class_of: &dyn Fn(usize) -> String) {
    html.push_str("<thead>\n<tr>");
    for (c, cell) in head.iter().enumerate() {
        if cell.text.is_empty() {
            html.push_str("<td></td>");
        } else {
            html.push_str(&format!("<th scope=\"col\"{}>{}</th>", class_of(c), cell.html));
        }
    }
    html.push_str("</tr>\n</thead>\n<tbody>\n");
}

fn write_body(
    html: &mut String,
    cells: &Cells,
    numeric: &[bool],
    class_of: &dyn Fn(usize) -> String,
) {
    // A first column of labels ("Police", "Total") heads its row.
    let row_headers = cells.head.len() > 1
        && !numeric[0]
        && cells.rows.iter().all(|r| r.first().is_some_and(|c| !c.text.is_empty()));
    for row in &cells.rows {
        let total = row.first().is_some_and(|c| c.text.to_lowercase().starts_with("total"));
        html.push_str(if total { "<tr class=\"total\">" } else { "<tr>" });
        for (c, cell) in row.iter().enumerate() {
            let negative = cell.text.starts_with('(')
                && cell.text.ends_with(')')
                && numeric.get(c).copied().unwrap_or(false);
            let mut class = class_of(c);
            if negative {
                class = if class.is_empty() {
                    " class=\"negative\"".into()
                } else {
                    class.replacen("class=\"", "class=\"negative ", 1)
                };
            }
            if c == 0 && row_headers {
                html.push_str(&format!("<th scope=\"row\"{class}>{}</th>", cell.html));
            } else {
                html.push_str(&format!("<td{class}>{}</td>", cell.html));
            }
        }
        html.push_str("</tr>\n");
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
        let options =
            RenderOptions { sink: None, id_prefix: "", glossary: false, shortcodes: None };
        let place = TablePlace { caption: None, n: 1, file: "a.md", line: 1 };
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
        assert!(html.contains("aria-label=\"Table 1\""));
    }
}
