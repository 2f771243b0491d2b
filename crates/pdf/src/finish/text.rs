//! The text of tagged content: what each marked-content sequence (MCID) of
//! a page shows, through the fonts' `ToUnicode` maps, and so the text of
//! a structure element.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::content::{Operand, operations};

/// Each page's text by MCID.
pub(crate) struct Texts {
    pages: BTreeMap<ObjectId, BTreeMap<i64, String>>,
}

impl Texts {
    /// Reads the text of every page.
    pub(crate) fn read(doc: &Document) -> Texts {
        let pages = doc.page_iter().map(|id| (id, page_text(doc, id))).collect();
        Texts { pages }
    }

    /// The text of a structure element and its descendants, white space
    /// collapsed.
    pub(crate) fn of_element(&self, doc: &Document, element: &Dictionary) -> String {
        let mut out = String::new();
        self.collect(doc, element, None, &mut out, 0);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn collect(
        &self,
        doc: &Document,
        element: &Dictionary,
        page: Option<ObjectId>,
        out: &mut String,
        depth: usize,
    ) {
        // A tree deeper than any document is a loop.
        if depth > 64 {
            return;
        }
        let page = element.get(b"Pg").and_then(Object::as_reference).ok().or(page);
        let kids = match element.get(b"K") {
            Ok(Object::Array(items)) => items.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => return,
        };
        for kid in kids {
            let kid = match kid {
                Object::Reference(id) => match doc.get_object(id) {
                    Ok(o) => o.clone(),
                    Err(_) => continue,
                },
                other => other,
            };
            match kid {
                Object::Integer(mcid) => self.push(page, mcid, out),
                Object::Dictionary(d) if d.has(b"MCID") => {
                    let page = d.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                    if let Ok(mcid) = d.get(b"MCID").and_then(Object::as_i64) {
                        self.push(page, mcid, out);
                    }
                }
                Object::Dictionary(d) if d.has(b"S") => self.collect(doc, &d, page, out, depth + 1),
                _ => {}
            }
        }
    }

    fn push(&self, page: Option<ObjectId>, mcid: i64, out: &mut String) {
        if let Some(text) = page.and_then(|p| self.pages.get(&p)).and_then(|t| t.get(&mcid)) {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(text);
        }
    }
}

/// One page's text by MCID. Text on a new line starts with a space, since
/// a line break in the layout is a space in the words.
fn page_text(doc: &Document, page: ObjectId) -> BTreeMap<i64, String> {
    let mut texts: BTreeMap<i64, String> = BTreeMap::new();
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    // Each font's ToUnicode map, read once per page rather than per string.
    let encodings: BTreeMap<&[u8], lopdf::Encoding<'_>> = fonts
        .iter()
        .filter_map(|(name, d)| Some((name.as_slice(), d.get_font_encoding(doc).ok()?)))
        .collect();
    let content = doc.get_page_content(page);
    // Per open sequence: its MCID, and whether it replaces what it shows
    // with its ActualText.
    let mut open: Vec<(Option<i64>, bool)> = Vec::new();
    let mut font: Option<Vec<u8>> = None;
    let mut line = (0.0f64, 0.0f64);
    let mut last_line: BTreeMap<i64, (f64, f64)> = BTreeMap::new();
    for op in operations(&content) {
        let mcid = open.iter().rev().find_map(|(m, _)| *m);
        let replaced = open.iter().any(|(_, r)| *r);
        match op.operator.as_slice() {
            b"BDC" | b"BMC" => {
                let properties = op.operands.get(1);
                let id = properties.and_then(|p| p.get(b"MCID")).and_then(number).map(|n| n as i64);
                let actual = properties.and_then(|p| p.get(b"ActualText"));
                if let (Some(m), Some(Operand::String(s))) = (id.or(mcid), actual) {
                    texts.entry(m).or_default().push_str(&decode_text_string(s));
                }
                open.push((id, actual.is_some()));
            }
            b"EMC" => {
                open.pop();
            }
            b"Tf" => font = op.operands.first().and_then(name).map(<[u8]>::to_vec),
            b"cm" => line.0 = op.operands.get(5).and_then(number).unwrap_or(line.0),
            b"Tm" => line.1 = op.operands.get(5).and_then(number).unwrap_or(line.1),
            b"Td" | b"TD" => line.1 += op.operands.get(1).and_then(number).unwrap_or(0.0),
            b"T*" => line.1 += 1.0,
            b"Tj" | b"TJ" | b"'" | b"\"" if !replaced => {
                let Some(m) = mcid else { continue };
                let Some(encoding) = font.as_deref().and_then(|f| encodings.get(f)) else {
                    continue;
                };
                let mut shown = String::new();
                for s in strings(&op.operands) {
                    if let Ok(t) = encoding.bytes_to_string(s) {
                        shown.push_str(&t);
                    }
                }
                let text = texts.entry(m).or_default();
                if last_line.insert(m, line).is_some_and(|l| l != line) && !text.ends_with(' ') {
                    text.push(' ');
                }
                text.push_str(&shown);
            }
            _ => {}
        }
    }
    texts
}

fn number(o: &Operand) -> Option<f64> {
    match o {
        Operand::Number(n) => Some(*n),
        _ => None,
    }
}

fn name(o: &Operand) -> Option<&[u8]> {
    match o {
        Operand::Name(n) => Some(n),
        _ => None,
    }
}

/// The strings a text-showing operation shows (the last operand, or the
/// strings of its array).
fn strings(operands: &[Operand]) -> Vec<&[u8]> {
    match operands.last() {
        Some(Operand::String(s)) => vec![s.as_slice()],
        Some(Operand::Array(items)) => items
            .iter()
            .filter_map(|i| match i {
                Operand::String(s) => Some(s.as_slice()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A PDF text string: UTF-16BE with a byte order mark, else (close enough
/// for the ASCII that ActualText holds here) PDFDocEncoding.
pub(crate) fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> =
            rest.chunks(2).map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)])).collect();
        return String::from_utf16_lossy(&units);
    }
    bytes.iter().map(|b| char::from(*b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_decode_from_either_encoding() {
        assert_eq!(decode_text_string(b"fi"), "fi");
        assert_eq!(decode_text_string(&[0xfe, 0xff, 0x00, 0x41, 0x20, 0x14]), "A\u{2014}");
    }
}
