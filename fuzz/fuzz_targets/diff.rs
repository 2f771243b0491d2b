//! Two texts compared as the changes page does. The input is split in two at
//! the first NUL byte (or in the middle if there is none), so seeds can be
//! written as `old\0new`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (old, new) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => data.split_at(data.len() / 2),
    };
    if let (Ok(old), Ok(new)) = (std::str::from_utf8(old), std::str::from_utf8(new)) {
        let _ = charter_site::fuzzing::diff(old, new);
    }
});
