//! Block-level output: tables with captions and header scopes, alerts
//! with visible titles, code highlighted with CSS classes, and the heading
//! order check.

use std::sync::{LazyLock, OnceLock};

use pulldown_cmark::{Alignment, BlockQuoteKind, CodeBlockKind, CowStr, Event, Tag, TagEnd};
use regex::Regex;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::numbering::plain_text;
use super::{Ev, Lines, RenderOptions, escape};
use crate::diagnostics::Diagnostic;

pub(super) fn render<'a>(
    events: Vec<Ev<'a>>,
    options: &RenderOptions<'_>,
    lines: &Lines,
    file: &str,
    data: Option<&crate::load::data::Data>,
) -> Vec<Ev<'a>> {
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(events.len());
    let mut last_level = 1u8;
    let mut tables = 0usize;
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = *level as u8;
                if let Some(sink) = options.sink {
                    let line = lines.line(events[i].1.start);
                    if level == 1 {
                        sink.push(
                            Diagnostic::warning("a11y::heading-skip", "a level-1 heading in the text: the page title is the only <h1>")
                                .at(file, line, 1)
                                .help("use ## for the first level of headings in the text"),
                        );
                    } else if level > last_level + 1 {
                        sink.push(
                            Diagnostic::warning("a11y::heading-skip", format!("this heading jumps from level {last_level} to level {level}"))
                                .at(file, line, 1)
                                .help(format!("use {} here, so screen-reader users can follow the outline", "#".repeat(usize::from(last_level) + 1))),
                        );
                    }
                }
                last_level = level;
                out.push(events[i].clone());
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = alert(*kind);
                out.push((
                    Event::Html(CowStr::Boxed(
                        format!("<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\"><strong>{title}</strong></p>\n")
                            .into_boxed_str(),
                    )),
                    events[i].1.clone(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => out.push((Event::Html(CowStr::Borrowed("</div>\n")), events[i].1.clone())),
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let end = (i..events.len()).find(|&j| matches!(events[j].0, Event::End(TagEnd::CodeBlock))).unwrap_or(events.len() - 1);
                let code: String =
                    events[i + 1..end].iter().filter_map(|(e, _)| if let Event::Text(t) = e { Some(t.as_ref()) } else { None }).collect();
                let html = match (lang.as_str(), data) {
                    ("table" | "chart", Some(data)) => {
                        tables += 1;
                        let id = format!("{}{}-{tables}", options.id_prefix, lang);
                        let made =
                            if lang == "table" { super::shortcodes::table(&code, data, &id) } else { super::shortcodes::chart(&code, data, &id) };
                        match made {
                            Ok(h) => h,
                            Err(p) => {
                                if let Some(sink) = options.sink {
                                    sink.push(super::shortcodes::diagnostic(p, file, lines.line(events[i].1.start)));
                                }
                                highlight(&code, "yaml")
                            }
                        }
                    }
                    _ => match options.shortcodes.and_then(|sc| sc.render(&lang, &code)) {
                        Some(Ok(html)) => html,
                        Some(Err(message)) => {
                            if let Some(sink) = options.sink {
                                sink.push(
                                    Diagnostic::error("data::shortcode", message)
                                        .at(file, lines.line(events[i].1.start), 1)
                                        .help(format!("check the block's settings and templates/shortcodes/{lang}.html")),
                                );
                            }
                            highlight(&code, "yaml")
                        }
                        None => highlight(&code, &lang),
                    },
                };
                out.push((Event::Html(CowStr::Boxed(html.into_boxed_str())), events[i].1.clone()));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Table(aligns)) => {
                let end = (i..events.len()).find(|&j| matches!(events[j].0, Event::End(TagEnd::Table))).unwrap_or(events.len() - 1);
                let caption = take_caption(&mut out);
                tables += 1;
                let html = table(&events[i + 1..end], aligns, caption, tables, options, lines.line(events[i].1.start), file);
                out.push((Event::Html(CowStr::Boxed(html.into_boxed_str())), events[i].1.clone()));
                i = end + 1;
                continue;
            }
            _ => out.push(events[i].clone()),
        }
        i += 1;
    }
    out
}

fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

static TABLE_CAPTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^Table\s+\d+[A-Za-z]?\b").expect("valid regex"));

/// A paragraph just before a table that starts "Table N" becomes its caption.
fn take_caption(out: &mut Vec<Ev<'_>>) -> Option<String> {
    if !matches!(out.last().map(|e| &e.0), Some(Event::End(TagEnd::Paragraph))) {
        return None;
    }
    let start = out.iter().rposition(|(e, _)| matches!(e, Event::Start(Tag::Paragraph)) || matches!(e, Event::Html(h) if h.starts_with("<p")))?;
    let inner = &out[start + 1..out.len() - 1];
    if !TABLE_CAPTION.is_match(plain_text(inner).trim_start()) {
        return None;
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, inner.iter().map(|(e, _)| e.clone()));
    out.truncate(start);
    Some(html)
}

static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[£$€]?[(−-]?[£$€]?\d[\d,]*(\.\d+)?[%kmKM]?\)?$|^[-–—]$|^n/?a$").expect("valid regex"));

struct Cell {
    html: String,
    text: String,
}

fn table(events: &[Ev<'_>], aligns: &[Alignment], caption: Option<String>, n: usize, options: &RenderOptions<'_>, line: usize, file: &str) -> String {
    let mut head: Vec<Cell> = Vec::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut in_head = false;
    let mut cell_start = None;
    for (j, (e, _)) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell_start = Some(j + 1),
            Event::End(TagEnd::TableCell) => {
                let inner = &events[cell_start.unwrap_or(j)..j];
                let mut html = String::new();
                pulldown_cmark::html::push_html(&mut html, inner.iter().map(|(e, _)| e.clone()));
                let cell = Cell { html, text: plain_text(inner).trim().to_string() };
                if in_head {
                    head.push(cell);
                } else if let Some(r) = rows.last_mut() {
                    r.push(cell);
                }
            }
            _ => {}
        }
    }
    if head.iter().all(|c| c.text.is_empty())
        && let Some(sink) = options.sink
    {
        sink.push(
            Diagnostic::warning("a11y::table-no-header", "this table's header row is empty")
                .at(file, line, 1)
                .help("put a heading in each column of the first row, so screen readers can announce what each cell means"),
        );
    }
    let columns = head.len();
    let numeric: Vec<bool> = (0..columns)
        .map(|c| {
            let cells: Vec<&str> = rows.iter().filter_map(|r| r.get(c)).map(|c| c.text.as_str()).filter(|t| !t.is_empty()).collect();
            !cells.is_empty() && cells.iter().all(|t| NUMERIC.is_match(&t.replace(' ', "")))
        })
        .collect();
    // A first column of labels ("Police", "Total") heads its row.
    let row_headers = columns > 1 && !numeric[0] && rows.iter().all(|r| r.first().is_some_and(|c| !c.text.is_empty()));
    let class_of = |c: usize| -> String {
        let mut classes = Vec::new();
        if numeric.get(c).copied().unwrap_or(false) {
            classes.push("num");
        }
        match aligns.get(c) {
            Some(Alignment::Center) => classes.push("align-center"),
            Some(Alignment::Right) if !classes.contains(&"num") => classes.push("align-right"),
            Some(Alignment::Left) => classes.push("align-left"),
            _ => {}
        }
        if classes.is_empty() { String::new() } else { format!(" class=\"{}\"", classes.join(" ")) }
    };
    let caption_id = format!("{}table-{n}", options.id_prefix);
    let mut html = String::new();
    match &caption {
        Some(_) => html.push_str(&format!("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{caption_id}\">\n<table>\n")),
        None => html.push_str(&format!("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table {n}\">\n<table>\n")),
    }
    if let Some(c) = caption {
        html.push_str(&format!("<caption id=\"{caption_id}\">{}</caption>\n", c.trim()));
    }
    html.push_str("<thead>\n<tr>");
    for (c, cell) in head.iter().enumerate() {
        if cell.text.is_empty() {
            html.push_str("<td></td>");
        } else {
            html.push_str(&format!("<th scope=\"col\"{}>{}</th>", class_of(c), cell.html));
        }
    }
    html.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &rows {
        let total = row.first().is_some_and(|c| c.text.to_lowercase().starts_with("total"));
        html.push_str(if total { "<tr class=\"total\">" } else { "<tr>" });
        for (c, cell) in row.iter().enumerate() {
            let negative = cell.text.starts_with('(') && cell.text.ends_with(')') && numeric.get(c).copied().unwrap_or(false);
            let mut class = class_of(c);
            if negative {
                class = if class.is_empty() { " class=\"negative\"".into() } else { class.replacen("class=\"", "class=\"negative ", 1) };
            }
            if c == 0 && row_headers {
                html.push_str(&format!("<th scope=\"row\"{class}>{}</th>", cell.html));
            } else {
                html.push_str(&format!("<td{class}>{}</td>", cell.html));
            }
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    html
}

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Code highlighted with CSS classes (never inline styles, so a strict
/// Content-Security-Policy holds).
fn highlight(code: &str, lang: &str) -> String {
    let set = syntaxes();
    let syntax = if lang.is_empty() { None } else { set.find_syntax_by_token(lang) };
    let lang_class = if lang.is_empty() { String::new() } else { format!(" class=\"language-{}\"", escape(lang)) };
    let Some(syntax) = syntax else {
        return format!("<pre class=\"code\" tabindex=\"0\"><code{lang_class}>{}</code></pre>\n", escape(code));
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, ClassStyle::SpacedPrefixed { prefix: "hl-" });
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            return format!("<pre class=\"code\" tabindex=\"0\"><code{lang_class}>{}</code></pre>\n", escape(code));
        }
    }
    format!("<pre class=\"code\" tabindex=\"0\"><code{lang_class}>{}</code></pre>\n", generator.finalize())
}

/// Styles for the highlighter's classes, in colours that keep 4.5:1
/// contrast on the theme's code background in light and dark modes.
pub fn highlight_css() -> &'static str {
    ".hl-comment{color:#5b6670;font-style:italic}\n.hl-string{color:#0b6e2e}\n.hl-constant{color:#8a3b00}\n.hl-keyword,.hl-storage{color:#8b1a5a;font-weight:600}\n.hl-entity{color:#1f4f99}\n.hl-support{color:#6b3fa0}\n.hl-variable{color:#24292f}\n.hl-invalid{color:#b00020;text-decoration:underline}\n@media (prefers-color-scheme: dark){.hl-comment{color:#a9b4be}.hl-string{color:#8fd19e}.hl-constant{color:#ffb27a}.hl-keyword,.hl-storage{color:#f5a3cf}.hl-entity{color:#9cc3ff}.hl-support{color:#d0b3ff}.hl-variable{color:#e6e6e6}.hl-invalid{color:#ff8a80}}\n"
}
