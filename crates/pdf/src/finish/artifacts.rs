//! Content that belongs to no structure element — the running header and
//! footer, page numbers, page backgrounds — marked as an artifact, so that
//! assistive technology skips it instead of reading it as text.

use super::content::{Operand, Operation, operations};

/// Operators that build a path; a path object starts with the first.
const PATH_BUILDING: &[&[u8]] = &[b"m", b"l", b"c", b"v", b"y", b"h", b"re"];
/// Operators that end a path object (`n` paints nothing: a clip).
const PATH_ENDING: &[&[u8]] = &[b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"];
/// Operators that paint on their own.
const PAINTING: &[&[u8]] = &[b"Tj", b"TJ", b"'", b"\"", b"Do", b"sh", b"BI"];

/// The content stream with every painting operation that is outside any
/// tagged sequence (one with an MCID) or artifact wrapped in
/// `/Artifact BMC … EMC`. Wraps each graphics object on its own, so marks
/// never split a path or cross a text object's bounds. `None` when
/// nothing needed marking.
pub(crate) fn mark_artifacts(stream: &[u8]) -> Option<Vec<u8>> {
    let ops = operations(stream);
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    // For each open marked-content sequence: is it tagged content or an
    // artifact (either way, what it holds is accounted for)?
    let mut open: Vec<bool> = Vec::new();
    let mut path_start: Option<usize> = None;
    for op in &ops {
        let name = op.operator.as_slice();
        let covered = open.iter().any(|c| *c);
        match name {
            b"BMC" | b"BDC" => open.push(accounts_for(op)),
            b"EMC" => {
                open.pop();
            }
            _ if PATH_BUILDING.contains(&name) && path_start.is_none() && !covered => {
                path_start = Some(op.start);
            }
            _ if PATH_ENDING.contains(&name) => {
                if let Some(start) = path_start.take()
                    && name != b"n"
                {
                    ranges.push((start, op.end));
                }
            }
            _ if PAINTING.contains(&name) && !covered => ranges.push((op.start, op.end)),
            _ => {}
        }
    }
    if ranges.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(stream.len() + ranges.len() * 20);
    let mut at = 0;
    for (start, end) in ranges {
        out.extend_from_slice(&stream[at..start]);
        out.extend_from_slice(b"/Artifact BMC\n");
        out.extend_from_slice(&stream[start..end]);
        out.extend_from_slice(b"\nEMC");
        at = end;
    }
    out.extend_from_slice(&stream[at..]);
    Some(out)
}

/// Whether a `BMC`/`BDC` accounts for what it holds: an artifact, or a
/// sequence tied to the structure tree by its MCID.
fn accounts_for(op: &Operation) -> bool {
    let tag_is_artifact = matches!(op.operands.first(), Some(Operand::Name(n)) if n == b"Artifact");
    let has_mcid = op.operands.get(1).is_some_and(|p| p.get(b"MCID").is_some());
    tag_is_artifact || has_mcid
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(stream: &str) -> String {
        String::from_utf8(mark_artifacts(stream.as_bytes()).unwrap_or_default()).unwrap()
    }

    #[test]
    fn unmarked_text_and_paths_become_artifacts() {
        let page = "q 0 0 645 975 re f Q\nBT /F4 12 Tf 1 0 0 -1 56 41 Tm <0037> Tj ET\n\
                    /P <</MCID 0 >>BDC BT <0014> Tj ET EMC";
        assert_eq!(
            marked(page),
            "q /Artifact BMC\n0 0 645 975 re f\nEMC Q\n\
             BT /F4 12 Tf 1 0 0 -1 56 41 Tm /Artifact BMC\n<0037> Tj\nEMC ET\n\
             /P <</MCID 0 >>BDC BT <0014> Tj ET EMC"
        );
    }

    #[test]
    fn tagged_content_and_existing_artifacts_are_left_alone() {
        let page =
            "/Artifact BMC 0 0 1 1 re f EMC /Span <</MCID 2>> BDC [(x)] TJ EMC 0 0 m 1 1 l W n";
        assert_eq!(mark_artifacts(page.as_bytes()), None);
    }

    #[test]
    fn a_span_without_an_mcid_does_not_tag_what_it_holds() {
        let page = "BT /Span <</ActualText (fi)>> BDC <0049> Tj EMC ET";
        assert_eq!(
            marked(page),
            "BT /Span <</ActualText (fi)>> BDC /Artifact BMC\n<0049> Tj\nEMC EMC ET"
        );
    }
}
