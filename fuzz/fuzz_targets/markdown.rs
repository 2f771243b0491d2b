//! A Markdown body rendered with cross-references, glossary linking and
//! every check on.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = charter_site::fuzzing::render(text);
    }
});
