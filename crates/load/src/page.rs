//! Reading one Markdown file: size and encoding checked, newlines
//! normalised, frontmatter split and parsed.

use std::path::Path;

use charter_core::diagnostics::{display_path, line_col};
use charter_core::model::{Kind, PageId, Role, SourcePage};
use charter_core::{Code, Diagnostic, Sink};

use crate::frontmatter;
use crate::walk::Found;

/// Larger Markdown files are refused: no real document comes near this, and
/// rendering one would stall a CI build.
pub const MAX_PAGE_BYTES: u64 = 8 * 1024 * 1024;

/// What identifies a file's parse for reuse: when it was written, its size,
/// and the two things its neighbours decide (its role; whether it sits
/// beside a local offer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FileStamp {
    pub(crate) modified: Option<std::time::SystemTime>,
    pub(crate) len: u64,
    pub(crate) role: Role,
    pub(crate) beside_offer: bool,
    /// An `index.md` whose frontmatter says `kind: local-offer`.
    pub(crate) offer_index: bool,
}

impl FileStamp {
    /// Whether a file now `modified` at `len` bytes is the one this stamp
    /// was taken of: its time is known and neither has moved.
    pub(crate) fn same_file(&self, modified: Option<std::time::SystemTime>, len: u64) -> bool {
        modified.is_some() && self.modified == modified && self.len == len
    }

    /// Whether the file plays the same part in the site as when `other`
    /// was taken (its time and size aside).
    pub(crate) fn same_place(&self, other: &FileStamp) -> bool {
        self.role == other.role
            && self.beside_offer == other.beside_offer
            && self.offer_index == other.offer_index
    }
}

/// Reads and parses one page; `None` (with diagnostics) if it cannot be.
/// `read` is the file's bytes when they were read already.
pub(crate) fn read_page(
    root: &Path,
    found: &Found,
    stamp: &FileStamp,
    read: Option<Read>,
    sink: &Sink,
) -> Option<SourcePage> {
    let file = display_path(root, &found.path);
    let bytes = match read.unwrap_or_else(|| read_bytes(&found.path)) {
        Ok(bytes) => bytes,
        Err(e) => {
            sink.push(e.diagnostic(&file));
            return None;
        }
    };
    let text = text_of(bytes, &file, sink)?;
    let split = match frontmatter::split(&text, &file) {
        Ok(s) => s,
        Err(d) => {
            sink.push(d);
            return None;
        }
    };
    let default_kind = match stamp.role {
        // A file beside a local offer's index.md is one of its services.
        Role::Appendix if stamp.beside_offer => Kind::Service,
        Role::Appendix => Kind::Appendix,
        _ => Kind::Page,
    };
    let fm = match frontmatter::parse(split.yaml, &file, default_kind) {
        Ok(f) => f,
        Err(ds) => {
            sink.extend(ds);
            return None;
        }
    };
    let kind = fm.kind.unwrap_or(default_kind);
    let role = if stamp.role == Role::Appendix && kind == Kind::Service {
        Role::Service
    } else {
        stamp.role
    };
    Some(SourcePage {
        id: PageId(0),
        file,
        content_path: found.rel.clone(),
        body: split.body.into(),
        body_line: split.body_line,
        frontmatter: fm,
        kind,
        role,
    })
}

/// A file's bytes, or why they were not read.
pub(crate) type Read = Result<Vec<u8>, ReadError>;

/// Why a page's bytes were not read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Over [`MAX_PAGE_BYTES`]: the size, unread.
    TooLarge(u64),
    /// The file could not be opened or read.
    Io(std::io::Error),
}

impl ReadError {
    fn diagnostic(&self, file: &str) -> Diagnostic {
        match self {
            ReadError::TooLarge(size) => Diagnostic::error(
                Code::ContentTooLarge,
                format!(
                    "this file is {} MB; pages are limited to {} MB",
                    size / 1_000_000,
                    MAX_PAGE_BYTES / 1_000_000
                ),
            )
            .in_file(file)
            .help("split the document into appendices, or move data into a CSV file under data/"),
            ReadError::Io(e) => {
                Diagnostic::error(Code::ContentUnreadable, format!("cannot read: {e}"))
                    .in_file(file)
                    .help("check the file's permissions")
            }
        }
    }
}

/// The file's bytes, unless it is too large or unreadable. The size is
/// taken from the open file: the one `stat` that reading needs anyway,
/// and the size of the file as read, not as it was listed.
pub(crate) fn read_bytes(path: &Path) -> Read {
    let mut f = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = f.metadata().map_err(ReadError::Io)?.len();
    if size > MAX_PAGE_BYTES {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    std::io::Read::read_to_end(&mut f, &mut bytes).map_err(ReadError::Io)?;
    Ok(bytes)
}

/// The file's text, BOM removed and newlines normalised, or a diagnostic
/// when it is not UTF-8.
fn text_of(bytes: Vec<u8>, file: &str, sink: &Sink) -> Option<String> {
    match String::from_utf8(bytes) {
        // Most files have neither a byte-order mark nor a carriage return:
        // kept as read, not copied.
        Ok(t) if !t.starts_with('\u{feff}') && !t.contains('\r') => Some(t),
        Ok(t) => Some(normalise_newlines(t.strip_prefix('\u{feff}').unwrap_or(&t))),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
            let (line, column) = line_col(&prefix, prefix.len());
            sink.push(
                Diagnostic::error(Code::ContentUtf8, "this file is not valid UTF-8")
                    .at(file, line, column)
                    .help("save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)"),
            );
            None
        }
    }
}

/// Does this `index.md`'s text say `kind: local-offer`? A cheap look at
/// its frontmatter lines, before the file is parsed in turn.
pub(crate) fn index_is_local_offer(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else { return false };
    text.lines().skip(1).take_while(|l| l.trim_end() != "---").any(|l| {
        let l = l.trim();
        l.strip_prefix("kind:").is_some_and(|k| k.trim().trim_matches(['"', '\'']) == "local-offer")
    })
}

/// CRLF and lone CR become LF, so that every later stage sees one kind of line.
pub fn normalise_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}
