//! One page of the comparison as HTML: changed sections whole, runs of
//! unchanged ones as one line linking to them in the version, blocks
//! written as readers see them with their changes marked, and every id
//! prefixed (`cmp-<page>-`; `was-` for the old text, `now-` for the new).

use charter_core::html::escape;
use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::align::{Change, Entry, Place};
use super::blocks::{Block, Content, Kind, Table};
use super::page::{Comparison, section_anchor};
use super::sections::{Section, SectionChange, section_level, shown};
use super::table::table_html;
use super::tokens::Token;
use super::words::{Emitter, Mark};

/// The id of a block that moved, on its side of the comparison.
pub(super) fn block_anchor(place: Place, old_side: bool) -> String {
    let side = if old_side { "was" } else { "now" };
    format!("cmp-{}-{side}-{}", place.page, place.index)
}

/// Two Markdown texts compared as one page with no site around them: what
/// the fuzz target and tests call.
pub fn compare_markdown(old: &str, new: &str) -> String {
    use super::extract::{Sources, blocks};
    let (old, new) = (blocks(old, Sources::default()), blocks(new, Sources::default()));
    page_html(&Comparison::new(vec![("the text".into(), old.into(), new.into())]), 0, "")
}

/// The HTML of page `page` of the comparison; `read` is its address in
/// the new version, where unchanged sections are read.
pub fn page_html(cmp: &Comparison, page: usize, read: &str) -> String {
    let p = &cmp.pages[page];
    let mut w = Writer {
        cmp,
        page,
        read,
        out: String::new(),
        last_level: 3,
        section_level: section_level(&p.old, &p.new),
        lists: Lists::default(),
        tables: 0,
    };
    let mut run: Vec<usize> = Vec::new();
    for (k, s) in p.sections.iter().enumerate() {
        if s.change == SectionChange::Unchanged {
            run.push(k);
            continue;
        }
        w.collapsed(&run);
        run.clear();
        if s.change == SectionChange::Renumbered {
            w.renumbered(k);
        } else {
            w.section(k);
        }
    }
    w.collapsed(&run);
    w.out
}

/// What is written while one page is.
struct Writer<'a> {
    cmp: &'a Comparison,
    page: usize,
    read: &'a str,
    out: String,
    last_level: u8,
    section_level: u8,
    lists: Lists,
    tables: usize,
}

/// How a section is named in a line about it.
enum Name {
    Numbered(String),
    Titled(String),
    Opening,
}

impl Writer<'_> {
    fn blocks(&self) -> (&[Block], &[Block]) {
        let cmp = self.cmp;
        let p = &cmp.pages[self.page];
        (&p.old, &p.new)
    }

    fn heading_of(&self, s: &Section) -> Option<&Block> {
        let (old, new) = self.blocks();
        s.heading.map(|h| shown(&self.cmp.pages[self.page].entries[h], old, new))
    }

    fn name(&self, s: &Section) -> Name {
        match self.heading_of(s) {
            Some(b) => match b.number_value() {
                Some(n) => Name::Numbered(n.to_string()),
                None => Name::Titled(b.title()),
            },
            None => Name::Opening,
        }
    }

    /// Where a section is read in the version.
    fn href(&self, s: &Section) -> String {
        match self.heading_of(s).map(|b| &b.kind) {
            Some(Kind::Heading { id, .. }) if !id.is_empty() => format!("{}#{id}", self.read),
            _ => self.read.to_string(),
        }
    }

    /// A run of unchanged sections as one line: "Sections 3 to 7: no change".
    fn collapsed(&mut self, run: &[usize]) {
        let (Some(&first), Some(&last)) = (run.first(), run.last()) else { return };
        self.lists.close(&mut self.out);
        let cmp = self.cmp;
        let sections = &cmp.pages[self.page].sections;
        let (a, b) = (&sections[first], &sections[last]);
        let label = match (self.name(a), self.name(b)) {
            (Name::Numbered(x), _) if run.len() == 1 => format!("Section {x}"),
            (Name::Titled(t), _) if run.len() == 1 => format!("“{t}”"),
            (Name::Opening, _) if run.len() == 1 => "The opening text".to_string(),
            (Name::Numbered(x), Name::Numbered(y)) => format!("Sections {x} to {y}"),
            (x, y) => format!("From {} to {}", lower(x), lower(y)),
        };
        self.out.push_str(&format!(
            "<p class=\"cmp-same\"><a href=\"{}\">{}</a>: no change.</p>\n",
            escape(&self.href(a)),
            escape(&label)
        ));
    }

    /// A section whose number is all that changed, as one line.
    fn renumbered(&mut self, k: usize) {
        self.lists.close(&mut self.out);
        let cmp = self.cmp;
        let p = &cmp.pages[self.page];
        let s = &p.sections[k];
        let was = s.heading.and_then(|h| p.renumbered[h].clone()).unwrap_or_default();
        let title = self.heading_of(s).map(Block::title).unwrap_or_default();
        self.out.push_str(&format!(
            "<p class=\"cmp-same\" id=\"{}\"><a href=\"{}\">Section {}</a>: renumbered (was {}), no other change.</p>\n",
            section_anchor(self.page, k),
            escape(&self.href(s)),
            escape(&title),
            escape(&was)
        ));
    }

    /// A changed, added or removed section, whole.
    fn section(&mut self, k: usize) {
        let cmp = self.cmp;
        let s = &cmp.pages[self.page].sections[k];
        let class = s.change.name();
        self.out.push_str(&format!(
            "<div class=\"cmp-section cmp-section-{class}\" id=\"{}\">\n",
            section_anchor(self.page, k)
        ));
        for e in s.entries.clone() {
            self.entry(e, s);
        }
        self.lists.close(&mut self.out);
        self.out.push_str("</div>\n");
    }

    fn entry(&mut self, e: usize, section: &Section) {
        let cmp = self.cmp;
        let p = &cmp.pages[self.page];
        let entry = &p.entries[e];
        let block = shown(entry, &p.old, &p.new);
        let tags = self.tags(e);
        let anchor = self.anchor(entry);
        if let Kind::Item { depth, value } = block.kind {
            let text = self.text(entry);
            let inline_tags = if tags.is_empty() {
                String::new()
            } else {
                format!("<span class=\"cmp-tags\">{}</span> ", tags.join(" "))
            };
            let content = format!("{inline_tags}{text}");
            return self.lists.item(&mut self.out, depth, value, anchor.as_deref(), &content);
        }
        self.lists.close(&mut self.out);
        if let Kind::Heading { level, .. } = block.kind {
            return self.heading(e, level, section, tags, anchor);
        }
        self.tag_line(&tags, anchor.as_deref());
        let body = match (&block.kind, &block.content) {
            (Kind::Note { number }, _) => format!(
                "<p class=\"cmp-note\"><span class=\"cmp-note-number\">Note {number}:</span> {}</p>\n",
                self.text(entry)
            ),
            (_, Content::Table(_)) => self.table(entry),
            (_, Content::Lines(_)) => self.code(entry),
            (_, Content::Redacted(_)) => redacted_block(entry.change),
            _ => format!("<p>{}</p>\n", self.text(entry)),
        };
        if block.quoted {
            self.out.push_str(&format!("<blockquote class=\"cmp-quote\">\n{body}</blockquote>\n"));
        } else {
            self.out.push_str(&body);
        }
    }

    fn heading(
        &mut self,
        e: usize,
        level: u8,
        section: &Section,
        tags: Vec<String>,
        anchor: Option<String>,
    ) {
        let wanted = 4 + level.saturating_sub(self.section_level);
        let shown_level = wanted.min(self.last_level + 1).clamp(4, 6);
        self.last_level = shown_level;
        let cmp = self.cmp;
        let p = &cmp.pages[self.page];
        let mut inside = String::new();
        if let Some(was) = &p.renumbered[e] {
            inside.push_str(&format!(
                " <span class=\"cmp-tag\">renumbered (was {})</span>",
                escape(was)
            ));
        }
        if section.heading == Some(e) {
            match section.change {
                SectionChange::Added => {
                    inside.push_str(" <span class=\"cmp-tag\">new section</span>")
                }
                SectionChange::Removed => {
                    inside.push_str(" <span class=\"cmp-tag\">section removed</span>")
                }
                _ => {}
            }
        }
        let text = self.text(&p.entries[e]);
        self.out.push_str(&format!("<h{shown_level}>{text}{inside}</h{shown_level}>\n"));
        let moved: Vec<String> = tags.into_iter().filter(|t| t.contains("moved")).collect();
        self.tag_line(&moved, anchor.as_deref());
    }

    fn tag_line(&mut self, tags: &[String], anchor: Option<&str>) {
        if tags.is_empty() && anchor.is_none() {
            return;
        }
        let id = anchor.map(|a| format!(" id=\"{a}\"")).unwrap_or_default();
        self.out.push_str(&format!("<p class=\"cmp-tags\"{id}>{}</p>\n", tags.join(" ")));
    }

    /// Labels shown with a block: moved (with a link to the other place)
    /// and renumbering its section does not explain.
    fn tags(&self, e: usize) -> Vec<String> {
        let cmp = self.cmp;
        let p = &cmp.pages[self.page];
        let entry = &p.entries[e];
        let mut tags = Vec::new();
        let is_heading = shown(entry, &p.old, &p.new).heading_level().is_some();
        if let (Some(was), false) = (&p.renumbered[e], is_heading) {
            tags.push(format!("<span class=\"cmp-tag\">renumbered (was {})</span>", escape(was)));
        }
        if let Some(place) = entry.moved {
            let removed = entry.change == Change::Removed;
            let (word, anchor) = if removed {
                ("to", block_anchor(place, false))
            } else {
                ("from", block_anchor(place, true))
            };
            let place_name = self.cmp.describe(place, !removed, self.page);
            tags.push(format!(
                "<span class=\"cmp-tag\">moved</span> <a href=\"#{anchor}\">{word} {}</a>",
                escape(&place_name)
            ));
        }
        tags
    }

    fn anchor(&self, entry: &Entry) -> Option<String> {
        entry.moved?;
        match (entry.change, entry.old, entry.new) {
            (Change::Removed, Some(i), _) => {
                Some(block_anchor(Place { page: self.page, index: i }, true))
            }
            (_, _, Some(j)) => Some(block_anchor(Place { page: self.page, index: j }, false)),
            _ => None,
        }
    }

    /// A text block's number and words, marked.
    fn text(&self, entry: &Entry) -> String {
        let cmp = self.cmp;
        let p = &cmp.pages[self.page];
        let old = entry.old.map(|i| &p.old[i]);
        let new = entry.new.map(|j| &p.new[j]);
        let counterpart = match (entry.change, entry.moved) {
            (Change::Added, Some(place)) => Some(&self.cmp.pages[place.page].old[place.index]),
            _ => None,
        };
        let tokens = text_tokens;
        let number = |b: Option<&Block>| {
            b.and_then(|b| b.number.as_ref()).map(|n| n.written.clone()).unwrap_or_default()
        };
        let mut em = Emitter::default();
        match (entry.change, counterpart) {
            (Change::Same, _) => {
                em.text(&number(new), Mark::None);
                em.tokens(tokens(new), Mark::None);
            }
            (Change::Changed, _) => {
                em.text(&number(new), Mark::None);
                em.diff(tokens(old), tokens(new));
            }
            (Change::Added, Some(from)) if from.key != new.map_or(0, |b| b.key) => {
                em.text(&number(new), Mark::None);
                em.diff(tokens(Some(from)), tokens(new));
            }
            (Change::Added, _) => {
                em.text(&number(new), Mark::Ins);
                em.tokens(tokens(new), Mark::Ins);
            }
            (Change::Removed, _) => {
                em.text(&number(old), Mark::Del);
                em.tokens(tokens(old), Mark::Del);
            }
        }
        em.finish()
    }

    fn table(&mut self, entry: &Entry) -> String {
        self.tables += 1;
        let cmp = self.cmp;
        let p = &cmp.pages[self.page];
        let (old, new) = match entry.change {
            Change::Same => (table_of(entry.new, &p.new), table_of(entry.new, &p.new)),
            _ => (table_of(entry.old, &p.old), table_of(entry.new, &p.new)),
        };
        table_html(old, new, &format!("cmp-{}-t{}", self.page, self.tables))
    }

    fn code(&self, entry: &Entry) -> String {
        let cmp = self.cmp;
        let p = &cmp.pages[self.page];
        let (old, new) = (lines_of(entry.old, &p.old), lines_of(entry.new, &p.new));
        let mut out = String::from("<pre class=\"cmp-code\"><code>");
        let mut line = |text: &str, mark: Mark| {
            let mut em = Emitter::default();
            em.text(text, mark);
            out.push_str(&em.finish());
            out.push('\n');
        };
        match (old, new) {
            (Some(o), Some(n)) => {
                for op in capture_diff_slices(Algorithm::Myers, o, n) {
                    let (tag, a, b) = op.as_tag_tuple();
                    match tag {
                        DiffTag::Equal => b.for_each(|j| line(&n[j], Mark::None)),
                        _ => {
                            a.for_each(|i| line(&o[i], Mark::Del));
                            b.for_each(|j| line(&n[j], Mark::Ins));
                        }
                    }
                }
            }
            (Some(o), None) => o.iter().for_each(|l| line(l, Mark::Del)),
            (None, Some(n)) => n.iter().for_each(|l| line(l, Mark::Ins)),
            (None, None) => {}
        }
        out.push_str("</code></pre>\n");
        out
    }
}

fn text_tokens(block: Option<&Block>) -> &[Token] {
    match block.map(|b| &b.content) {
        Some(Content::Text(t)) => t,
        _ => &[],
    }
}

fn table_of(index: Option<usize>, side: &[Block]) -> Option<&Table> {
    match &side[index?].content {
        Content::Table(t) => Some(t),
        _ => None,
    }
}

fn lines_of(index: Option<usize>, side: &[Block]) -> Option<&[String]> {
    match &side[index?].content {
        Content::Lines(l) => Some(l),
        _ => None,
    }
}

fn lower(name: Name) -> String {
    match name {
        Name::Numbered(n) => format!("section {n}"),
        Name::Titled(t) => format!("“{t}”"),
        Name::Opening => "the opening text".into(),
    }
}

/// Raw HTML is never shown: a note says it was there, and whether it changed.
fn redacted_block(change: Change) -> String {
    let mut em = Emitter::default();
    let mark = match change {
        Change::Added => Mark::Ins,
        Change::Removed => Mark::Del,
        _ => Mark::None,
    };
    em.token(&Token::redacted("[HTML left out of the comparison]"), mark);
    let changed = if change == Change::Changed { " (changed)" } else { "" };
    format!("<p class=\"cmp-redacted-block\">{}{changed}</p>\n", em.finish())
}

/// Lists written as lists, nested by depth, across the entries shown.
#[derive(Default)]
struct Lists {
    /// Per open list: ordered, and whether an item of it is open.
    open: Vec<(bool, bool)>,
}

impl Lists {
    fn item(
        &mut self,
        out: &mut String,
        depth: usize,
        value: Option<u64>,
        id: Option<&str>,
        content: &str,
    ) {
        let ordered = value.is_some();
        while self.open.len() > depth + 1 {
            self.pop(out);
        }
        if let Some(&(was_ordered, _)) = self.open.last().filter(|_| self.open.len() == depth + 1) {
            if was_ordered == ordered {
                self.close_item(out);
            } else {
                self.pop(out);
            }
        }
        while self.open.len() < depth + 1 {
            // A nested list lives inside an item of the list around it.
            if let Some(last) = self.open.last_mut().filter(|l| !l.1) {
                out.push_str("<li class=\"cmp-nest\">");
                last.1 = true;
            }
            let here_ordered = ordered && self.open.len() == depth;
            out.push_str(if here_ordered { "<ol>\n" } else { "<ul>\n" });
            self.open.push((here_ordered, false));
        }
        let id = id.map(|a| format!(" id=\"{a}\"")).unwrap_or_default();
        let value = value.map(|v| format!(" value=\"{v}\"")).unwrap_or_default();
        out.push_str(&format!("<li{id}{value}>{content}"));
        if let Some(last) = self.open.last_mut() {
            last.1 = true;
        }
    }

    fn close_item(&mut self, out: &mut String) {
        if let Some(last) = self.open.last_mut().filter(|l| l.1) {
            out.push_str("</li>\n");
            last.1 = false;
        }
    }

    fn pop(&mut self, out: &mut String) {
        self.close_item(out);
        if let Some((ordered, _)) = self.open.pop() {
            out.push_str(if ordered { "</ol>\n" } else { "</ul>\n" });
        }
    }

    fn close(&mut self, out: &mut String) {
        while !self.open.is_empty() {
            self.pop(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Markdown that stresses the reader: nesting, tables without bodies,
    /// unclosed fences, notes, HTML, numbers everywhere.
    const AWKWARD: &[&str] = &[
        "",
        "## 1. Aims\n\n1.1 The aims.\n",
        "- a\n  - b\n    - c\n      1. d\n- e\n\n  more of e\n",
        "| A |\n|---|\n",
        "| A | B |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n",
        "```\nunclosed fence\n## not a heading\n",
        "Text[^1] and[^2].\n\n[^1]: One.\n\n    Two paragraphs.\n",
        "> [!WARNING]\n> Careful **now**.\n\n> quoted\n> > twice\n",
        "<div>\n<p>raw</p>\n</div>\n\n<!-- hidden -->\n\nA <b>bold</b> <script>x</script> word.<br>Next.\n",
        "#### 2.1.1 Deep\n\n## 3. Up\n\n###### 3.1.1.1.1 Deepest\n",
        "Term\n: Its definition.\n\n- [x] done\n- [ ] to do\n",
        "**Total** | x\n\n![a *styled* picture](p.png) [link **text**](http://10.0.0.1/)\n",
    ];

    #[test]
    fn awkward_pairs_compare_with_balanced_markup_and_no_syntax() {
        for old in AWKWARD {
            for new in AWKWARD {
                let html = compare_markdown(old, new);
                for (open, close) in [
                    ("<ins>", "</ins>"),
                    ("<del>", "</del>"),
                    ("<strong>", "</strong>"),
                    ("<em>", "</em>"),
                    ("<li", "</li>"),
                    ("<ul>", "</ul>"),
                    ("<ol>", "</ol>"),
                    ("<table>", "</table>"),
                ] {
                    assert_eq!(
                        html.matches(open).count(),
                        html.matches(close).count(),
                        "{open} in {old:?} → {new:?}:\n{html}"
                    );
                }
                for syntax in ["**", "](", "|---|", "<script", "<b>", "10.0.0.1", "<div>"] {
                    assert!(!html.contains(syntax), "{syntax} in {old:?} → {new:?}:\n{html}");
                }
            }
        }
    }

    #[test]
    fn the_same_text_collapses_to_one_line() {
        let text = "## 1. Aims\n\n1.1 Aims.\n\n## 2. Scope\n\n2.1 Scope.\n";
        assert_eq!(
            compare_markdown(text, text),
            "<p class=\"cmp-same\"><a href=\"#section-1\">Sections 1 to 2</a>: no change.</p>\n"
        );
    }
}
