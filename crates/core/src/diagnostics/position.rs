//! Lines, columns and byte offsets, and paths as diagnostics print them.

use std::path::{Path, PathBuf};

/// Byte offset of a 1-based line and column (in characters) in `text`.
pub fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let col_bytes =
                l.char_indices().nth(column.saturating_sub(1)).map(|(b, _)| b).unwrap_or(0);
            return Some(offset + col_bytes);
        }
        offset += l.len();
    }
    None
}

/// The 1-based line and column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Relative path with forward slashes, for diagnostics and output.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf =
        path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf());
    rel.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_round_trip() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 4), (2, 2));
        assert_eq!(offset_of(text, 2, 2), Some(4));
        assert_eq!(line_col(text, text.len()), (3, 2));
    }
}
