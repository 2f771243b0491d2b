//! CSV text read as a data table.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        charter_site::fuzzing::csv(text);
    }
});
