//! Reading one Markdown file: size and encoding checked, newlines
//! normalised, frontmatter split and parsed.

use std::path::Path;
#[cfg(target_os = "linux")]
use std::sync::atomic::Ordering;

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
    let (mut f, size) = open_sized(path)?;
    let mut bytes = Vec::with_capacity(size + 1);
    std::io::Read::read_to_end(&mut f, &mut bytes).map_err(ReadError::Io)?;
    Ok(bytes)
}

/// The file open for reading, and its size, unless it cannot be opened or
/// is too large: what [`read_bytes`] and [`read_cached`] both ask first.
fn open_sized(path: &Path) -> Result<(std::fs::File, usize), ReadError> {
    let f = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = f.metadata().map_err(ReadError::Io)?.len();
    if size > MAX_PAGE_BYTES {
        return Err(ReadError::TooLarge(size));
    }
    let size = usize::try_from(size).map_err(|_| ReadError::TooLarge(size))?;
    Ok((f, size))
}

/// The file's bytes if the page cache holds every one of them, read
/// without waiting for the disk: `None` when reading would wait, or the
/// file changed size while read, or the file system cannot read without
/// waiting; [`read_bytes`] then reads it, waiting. An error opening the
/// file or a file too large is the answer [`read_bytes`] would give.
#[cfg(target_os = "linux")]
pub(crate) fn read_cached(path: &Path) -> Option<Read> {
    use std::os::fd::AsRawFd;
    if NOWAIT_UNSUPPORTED.load(Ordering::Relaxed) {
        return None;
    }
    let (f, size) = match open_sized(path) {
        Ok(opened) => opened,
        Err(e) => return Some(Err(e)),
    };
    // One byte more than the size: a read that fills it means the file
    // grew since its size was taken, and is left to `read_bytes`.
    let mut bytes: Vec<u8> = Vec::with_capacity(size + 1);
    let iov = libc::iovec { iov_base: bytes.as_mut_ptr().cast(), iov_len: size + 1 };
    // The system call, not glibc's `preadv2`: the wheel is linked against
    // glibc 2.17 (manylinux2014), which has no such function. Its offset
    // is given as two halves, the high one zero.
    // SAFETY: `iov` covers `size + 1` bytes of `bytes`' capacity, which
    // outlives the call; the kernel writes at most that many, and the
    // length is set to no more than it reports written.
    let got = unsafe {
        libc::syscall(
            libc::SYS_preadv2,
            libc::c_long::from(f.as_raw_fd()),
            &iov as *const libc::iovec,
            1 as libc::c_long,
            0 as libc::c_long,
            0 as libc::c_long,
            libc::c_long::from(libc::RWF_NOWAIT),
        )
    };
    if got < 0 {
        // A file system that cannot read without waiting (tmpfs says so),
        // or a kernel without the call or the flag, says it for every file:
        // this process asks no more (`serve`'s later loads neither).
        let unsupported = [libc::EOPNOTSUPP, libc::ENOSYS, libc::EINVAL];
        if std::io::Error::last_os_error().raw_os_error().is_some_and(|e| unsupported.contains(&e))
        {
            NOWAIT_UNSUPPORTED.store(true, Ordering::Relaxed);
        }
        return None;
    }
    // Short: only part of the file is in memory.
    if usize::try_from(got).ok()? != size {
        return None;
    }
    // SAFETY: the kernel wrote `size` bytes at the start of `bytes`.
    unsafe { bytes.set_len(size) };
    Some(Ok(bytes))
}

/// Set once a read without waiting was refused as unsupported.
#[cfg(target_os = "linux")]
static NOWAIT_UNSUPPORTED: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Elsewhere every file is read by [`read_bytes`].
#[cfg(not(target_os = "linux"))]
pub(crate) fn read_cached(_path: &Path) -> Option<Read> {
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What `read_cached` gives back, when it answers, is what `read_bytes`
    /// reads: the same bytes, or the same refusal of a file too large.
    #[test]
    fn a_read_without_waiting_gives_what_a_waiting_read_gives() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sizes = [0usize, 1, 4095, 4096, 4097, 12_000, 1 << 20];
        for size in sizes {
            let path = dir.path().join(format!("{size}.md"));
            let bytes: Vec<u8> = (0..size).map(|i| b'a' + (i % 26) as u8).collect();
            std::fs::write(&path, &bytes).expect("write");
            match read_cached(&path) {
                // The file system may not read without waiting (tmpfs).
                None => {}
                Some(Ok(got)) => {
                    assert_eq!(got, bytes, "{size} bytes");
                    assert_eq!(got, read_bytes(&path).expect("read"), "{size} bytes");
                }
                Some(Err(e)) => panic!("{size} bytes: {e:?}"),
            }
        }
        let big = dir.path().join("big.md");
        let file = std::fs::File::create(&big).expect("create");
        file.set_len(MAX_PAGE_BYTES + 1).expect("sparse file");
        assert!(matches!(read_bytes(&big), Err(ReadError::TooLarge(n)) if n == MAX_PAGE_BYTES + 1));
        match read_cached(&big) {
            None => {}
            Some(Err(ReadError::TooLarge(n))) => assert_eq!(n, MAX_PAGE_BYTES + 1),
            Some(other) => panic!("a file too large read as {other:?}"),
        }
        let missing = dir.path().join("missing.md");
        assert!(matches!(read_bytes(&missing), Err(ReadError::Io(_))));
        assert!(matches!(read_cached(&missing), None | Some(Err(ReadError::Io(_)))));
    }
}
