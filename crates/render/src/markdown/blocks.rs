//! Block-level output: heading order checked, alerts with visible titles,
//! fenced blocks (data tables and charts, shortcodes, highlighted code),
//! and tables (see `tables`).

use charter_core::model::Data;
use charter_core::{Code, Diagnostic};
use charter_resolve::anchors::{Ev, Lines};
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::code::highlight;
use super::data_blocks;
use super::options::RenderOptions;
use super::tables::{TablePlace, table, take_caption};

/// What the pass knows while it walks one page.
struct Blocks<'a, 'o> {
    options: &'a RenderOptions<'o>,
    lines: &'a Lines<'a>,
    file: &'a str,
    data: Option<&'a Data>,
    last_level: u8,
    tables: usize,
    table_names: Vec<String>,
}

/// Runs the pass.
pub(super) fn render<'a>(
    events: Vec<Ev<'a>>,
    options: &RenderOptions<'_>,
    lines: &Lines<'_>,
    file: &str,
    data: Option<&Data>,
) -> Vec<Ev<'a>> {
    let mut pass =
        Blocks { options, lines, file, data, last_level: 1, tables: 0, table_names: Vec::new() };
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let range = events[i].1.clone();
        match &events[i].0 {
            Event::Start(Tag::Heading { level, .. }) => {
                pass.check_heading(*level as u8, range.start);
                out.push(events[i].clone());
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = alert(*kind);
                let html = format!(
                    "<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\"><strong>{title}</strong></p>\n"
                );
                out.push((Event::Html(CowStr::Boxed(html.into_boxed_str())), range));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                out.push((Event::Html(CowStr::Borrowed("</div>\n")), range))
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let end = end_of(&events, i, |e| matches!(e, Event::End(TagEnd::CodeBlock)));
                let html = pass.code_block(kind, &events[i + 1..end], range.start);
                out.push((Event::Html(CowStr::Boxed(html.into_boxed_str())), range));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Table(aligns)) => {
                let end = end_of(&events, i, |e| matches!(e, Event::End(TagEnd::Table)));
                pass.tables += 1;
                let caption = take_caption(&mut out);
                let place = TablePlace {
                    caption,
                    n: pass.tables,
                    names: &mut pass.table_names,
                    file,
                    line: lines.line(range.start),
                };
                let html = table(&events[i + 1..end], aligns, place, options);
                out.push((Event::Html(CowStr::Boxed(html.into_boxed_str())), range));
                i = end + 1;
                continue;
            }
            _ => out.push(events[i].clone()),
        }
        i += 1;
    }
    out
}

/// The index of the first event from `start` that `is_end` accepts.
fn end_of(events: &[Ev<'_>], start: usize, is_end: impl Fn(&Event<'_>) -> bool) -> usize {
    (start..events.len()).find(|&j| is_end(&events[j].0)).unwrap_or(events.len() - 1)
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

impl Blocks<'_, '_> {
    fn report(&self, d: Diagnostic) {
        if let Some(sink) = self.options.sink {
            sink.push(d);
        }
    }

    /// The page title is the only `h1`, and levels go down one at a time.
    fn check_heading(&mut self, level: u8, offset: usize) {
        let line = self.lines.line(offset);
        let last = self.last_level;
        self.last_level = level;
        if level == 1 {
            self.report(
                Diagnostic::warning(
                    Code::A11yHeadingSkip,
                    "a level-1 heading in the text: the page title is the only <h1>",
                )
                .at(self.file, line, 1)
                .help("use ## for the first level of headings in the text"),
            );
        } else if level > last + 1 {
            self.report(
                Diagnostic::warning(
                    Code::A11yHeadingSkip,
                    format!("this heading jumps from level {last} to level {level}"),
                )
                .at(self.file, line, 1)
                .help(format!(
                    "use {} here, so screen-reader users can follow the outline",
                    "#".repeat(usize::from(last) + 1)
                )),
            );
        }
    }

    /// A fenced block: a data table or chart, a shortcode, or code.
    fn code_block(&mut self, kind: &CodeBlockKind<'_>, inner: &[Ev<'_>], offset: usize) -> String {
        let lang = match kind {
            CodeBlockKind::Fenced(info) => {
                info.split([' ', ',', '{']).next().unwrap_or("").to_string()
            }
            CodeBlockKind::Indented => String::new(),
        };
        let code: String = inner
            .iter()
            .filter_map(|(e, _)| if let Event::Text(t) = e { Some(t.as_ref()) } else { None })
            .collect();
        let line = self.lines.line(offset);
        if let ("table" | "chart", Some(data)) = (lang.as_str(), self.data) {
            self.tables += 1;
            let id = format!("{}{}-{}", self.options.id_prefix, lang, self.tables);
            let made = if lang == "table" {
                data_blocks::table(&code, data, &id)
            } else {
                data_blocks::chart(&code, data, &id)
            };
            return made.unwrap_or_else(|p| {
                self.report(data_blocks::diagnostic(p, self.file, line));
                highlight(&code, "yaml")
            });
        }
        match self.options.shortcodes.and_then(|sc| sc.render(&lang, &code)) {
            Some(Ok(html)) => html,
            Some(Err(message)) => {
                self.report(
                    Diagnostic::error(Code::DataShortcode, message).at(self.file, line, 1).help(
                        format!("check the block's settings and templates/shortcodes/{lang}.html"),
                    ),
                );
                highlight(&code, "yaml")
            }
            None => highlight(&code, &lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use charter_core::Sink;
    use charter_resolve::anchors::parse;

    fn run(md: &str, sink: &Sink) -> String {
        let options = RenderOptions { sink: Some(sink), ..RenderOptions::plain(false) };
        let events = render(parse(md), &options, &Lines::new(md, 1), "a.md", None);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
        html
    }

    #[test]
    fn alerts_have_visible_titles_and_skipped_headings_are_reported() {
        let sink = Sink::default();
        let html = run("## One\n\n#### Three\n\n> [!WARNING]\n> Careful.\n", &sink);
        assert!(html.contains("<p class=\"alert-title\"><strong>Warning</strong></p>"));
        let ds = sink.take();
        assert_eq!(ds.len(), 1);
        assert_eq!((ds[0].code, ds[0].line), (Code::A11yHeadingSkip, 3));
    }

    #[test]
    fn a_caption_paragraph_becomes_the_tables_caption() {
        let html = run(
            "Table 3: Referrals by source\n\n| Source | Number |\n|---|---|\n| Police | 12 |\n",
            &Sink::default(),
        );
        assert!(html.contains("<caption id=\"table-1\">Table 3: Referrals by source</caption>"));
        assert!(!html.contains("<p>Table 3"));
    }
}
