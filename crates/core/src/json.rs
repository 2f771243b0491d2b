//! JSON string escaping for the search index's record files, whose page
//! texts are most of the bytes a build writes as JSON.

use crate::lanes::{self, Lanes};

/// `text` as the inside of a JSON string, appended to `out`: the escapes
/// serde_json writes (`\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, other
/// control characters as `\u00XX`), found sixteen bytes at a time and the
/// runs between them copied whole. serde_json's own escaper looks at
/// every byte through a `fmt::Write` adapter: 2% of a dense 10k build.
pub fn escape_str_into(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = lanes::find(bytes, from, needs_escape_16) {
        out.extend_from_slice(&bytes[from..at]);
        push_escape(bytes[at], out);
        from = at + 1;
    }
    out.extend_from_slice(&bytes[from..]);
}

fn needs_escape_16(x: Lanes) -> Lanes {
    lanes::between(x, 0, 0x1f) | lanes::equal(x, b'"') | lanes::equal(x, b'\\')
}

fn push_escape(b: u8, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x08 => b'b',
        0x0c => b'f',
        _ => {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 15)],
            ]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(text: &str) -> String {
        let mut out = vec![b'"'];
        escape_str_into(text, &mut out);
        out.push(b'"');
        String::from_utf8(out).expect("escaping keeps UTF-8")
    }

    /// What serde_json writes, for every ASCII byte in every place around
    /// the eight-byte step, next to non-ASCII text, and on every line of
    /// the repository's Markdown.
    #[test]
    fn escapes_as_serde_json_does() {
        let mut texts: Vec<String> = vec![String::new(), "é – ’ \u{2028} plain".into()];
        texts.extend(crate::testing::ascii_byte_in_every_place());
        texts.extend(crate::testing::repository_markdown_lines());
        for text in &texts {
            assert_eq!(ours(text), serde_json::to_string(text).expect("serialises"), "{text:?}");
        }
    }
}
