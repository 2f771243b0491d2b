//! References, statutes, levels and named guidance in one block's text:
//! each becomes a link, a warning that its target is missing, a note that
//! it was left alone, or nothing, as its target says.

use std::collections::BTreeMap;

use charter_core::{Code, Diagnostic, Fact, Severity};
use charter_resolve::anchors::Ev;
use charter_resolve::xref::{self, LevelCue, Mention, RefKind, Reference, ScanContext, Target};
use charter_resolve::{LevelOutcome, Linker};
use pulldown_cmark::Event;

use super::pieces::Piece;
use super::runs::Block;
use super::{PageState, TextContext};

/// What handling one block's references needs and produces.
pub(super) struct Refs<'b, 'e, 'c, 'x> {
    pub(super) block: &'b Block,
    pub(super) events: &'e [Ev<'e>],
    pub(super) cx: &'c TextContext<'x, 'x>,
    pub(super) pieces: &'b mut BTreeMap<usize, Vec<Piece<'static>>>,
}

/// Scans a block and turns what it finds into pieces and diagnostics.
pub(super) fn block_references(refs: &mut Refs<'_, '_, '_, '_>, state: &mut PageState) {
    let linker = refs.cx.linker;
    let site = linker.site;
    let scan_cx = ScanContext {
        ignore: &site.config.xrefs.ignore,
        legislation: &site.legislation,
        named: site.named_rows(linker.page),
        threshold: refs.cx.threshold.as_ref(),
    };
    let found = xref::scan(&refs.block.text, &scan_cx);
    for r in &found.references {
        refs.reference(r, state);
    }
    for m in &found.mentions {
        refs.mention(m, state);
    }
    for &(start, end) in &found.unknown_acts {
        refs.unknown_act(start, end, state);
    }
}

impl Refs<'_, '_, '_, '_> {
    fn linker(&self) -> &Linker<'_> {
        self.cx.linker
    }

    /// A piece over `start..end` of the block, when that stretch is one
    /// text event that can take a link.
    pub(super) fn add(
        &mut self,
        start: usize,
        end: usize,
        make: impl FnOnce(usize, usize) -> Piece<'static>,
    ) -> bool {
        let Some((event, local)) = self.block.locate(start, end - start) else { return false };
        self.pieces.entry(event).or_default().push(make(local, local + end - start));
        true
    }

    /// Reports a diagnostic at `start..end` of the block.
    pub(super) fn report(
        &self,
        severity: Severity,
        code: Code,
        (start, end): (usize, usize),
        message: String,
        help: String,
        fact: Option<Fact>,
    ) {
        let Some(sink) = self.cx.options.sink else { return };
        // A phrase that formatting splits is reported where it starts.
        let Some((event, local, len)) = self.block.locate_start(start, end - start) else { return };
        let (ev, range) = &self.events[event];
        let Event::Text(text) = ev else { return };
        let (line, column, len) = self.cx.lines.phrase(range.start, text, local, len);
        let mut d = Diagnostic::new(severity, code, message)
            .at(self.cx.file, line, column)
            .spanning(len)
            .help(help);
        if let Some(f) = fact {
            d = d.with_fact(f);
        }
        sink.push(d);
    }

    pub(super) fn shown(&self, start: usize, end: usize) -> &str {
        self.block.text[start..end].trim()
    }

    fn reference(&mut self, r: &Reference, state: &mut PageState) {
        match &r.target {
            _ if r.kind == RefKind::Level => self.level(r),
            Target::Elsewhere => {}
            Target::Law { row, schedule } => {
                state.rows.insert(*row);
                self.law(r, *row, schedule.as_deref());
            }
            Target::BareLaw => {
                if let Some(row) = self.linker().site.legislation.default_act() {
                    self.law(r, row, None);
                }
            }
            Target::UnknownAct { start, end } => self.unknown_act(*start, *end, state),
            Target::Internal { main_document } => self.internal(r, *main_document, false),
            Target::InternalIfFound => self.internal(r, false, true),
        }
    }

    /// A provision: one link over the citation, or one per number of a list.
    fn law(&mut self, r: &Reference, row: usize, schedule: Option<&str>) {
        let linker = self.cx.linker;
        if let [item] = r.items.as_slice() {
            let Some(href) = linker.law_href(row, r.kind, &item.number, schedule) else { return };
            let spans = [(r.start, r.end), (r.start, item.end), (item.start, item.end)];
            for (s, e) in spans {
                let h = href.clone();
                if self.add(s, e, |start, end| Piece::Law { start, end, href: h }) {
                    return;
                }
            }
            return;
        }
        for item in &r.items {
            if let Some(href) = linker.law_href(row, r.kind, &item.number, schedule) {
                self.add(item.start, item.end, |start, end| Piece::Law { start, end, href });
            }
        }
    }

    fn mention(&mut self, m: &Mention, state: &mut PageState) {
        if state.rows.contains(&m.row) {
            return;
        }
        let site = self.linker().site;
        // An acronym the glossary explains ("PACE") is the glossary's to link.
        let name = &self.block.text[m.start..m.end];
        if site.matcher.find(name).iter().any(|t| t.start == 0 && t.end == name.len()) {
            return;
        }
        let href = site.legislation.mention_url(m.row, m.edition.as_deref());
        if self.add(m.start, m.end, |start, end| Piece::Law { start, end, href }) {
            state.rows.insert(m.row);
        }
    }

    fn unknown_act(&mut self, start: usize, end: usize, state: &mut PageState) {
        let name = self.block.text[start..end].to_string();
        if !state.unknown_acts.insert(name.clone()) {
            return;
        }
        self.report(
            Severity::Note,
            Code::XrefUnknownAct,
            (start, end),
            format!("`{name}` is not in the legislation table, so references to it are left as text"),
            format!("add it under `legislation:` in charter.yaml, e.g. {{ title: \"{name}\", path: ukpga/<year>/<chapter> }}, after checking its address on legislation.gov.uk"),
            None,
        );
    }

    fn level(&mut self, r: &Reference) {
        let cue = r.level.clone().unwrap_or(LevelCue::Unclear);
        let single = r.items.len() == 1;
        let mut noted = false;
        for item in &r.items {
            let start = if single { r.start } else { item.start };
            match self.linker().level_outcome(&item.number, &cue) {
                LevelOutcome::Link(href) => self.link_phrase(start, item.start, item.end, href),
                LevelOutcome::Note(why) if !noted => {
                    noted = true;
                    let end = r.items[0].end;
                    self.report(
                        Severity::Note,
                        Code::XrefLevelNotLinked,
                        (r.start, end),
                        format!("`{}` is left as text: {why}", self.shown(r.start, end)),
                        "if it means a level of need, name the level (\"Level 3 (targeted support)\") or the threshold in the sentence; `thresholds.levels: site` links every level".into(),
                        None,
                    );
                }
                LevelOutcome::Missing => self.report(
                    Severity::Warning,
                    Code::XrefUnresolved,
                    (start, item.end),
                    format!(
                        "`{}` refers to level {}, which this threshold does not define",
                        self.shown(start, item.end),
                        item.number
                    ),
                    "check the number against the threshold's `levels:`".into(),
                    None,
                ),
                _ => {}
            }
        }
    }
}
