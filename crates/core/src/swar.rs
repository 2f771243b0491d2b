//! Eight bytes tested at once in a `u64` ("SIMD within a register"): each
//! test sets the high bit of every byte it holds for. Each byte is
//! computed on its low seven bits, so no carry or borrow crosses into the
//! next byte. The scans over a build's text use [`crate::lanes`], which
//! runs on these where the processor has no SSE2.

const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// The eight bytes of `bytes` from `at` (which must be in range).
pub fn load(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

/// Bytes within `lowest..=highest` (both ASCII).
pub fn between(x: u64, lowest: u8, highest: u8) -> u64 {
    let seven = x & LOW7;
    let at_most = ONES * (127 + u64::from(highest) + 1) - seven;
    let at_least = seven + ONES * (127 - u64::from(lowest) + 1);
    at_most & at_least & !x & HIGH
}

/// Bytes equal to `byte` (ASCII).
pub fn equal(x: u64, byte: u8) -> u64 {
    let y = x ^ (ONES * u64::from(byte));
    !(((y & LOW7) + LOW7) | y | LOW7)
}

/// The bytes a test did not hold for.
pub fn not(found: u64) -> u64 {
    !found & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte in every place, against the byte-by-byte test.
    #[test]
    fn each_test_is_the_byte_test() {
        for byte in 0..=255u8 {
            for place in 0..8 {
                let mut bytes = [b'a'; 8];
                bytes[place] = byte;
                let x = load(&bytes, 0);
                let held = |found: u64, k: usize| found >> (8 * k + 7) & 1 == 1;
                for (k, &b) in bytes.iter().enumerate() {
                    assert_eq!(held(between(x, b'A', b'Z'), k), b.is_ascii_uppercase(), "{b}");
                    assert_eq!(held(between(x, 9, 13), k), (9..=13).contains(&b), "{b}");
                    assert_eq!(held(between(x, 0, 127), k), b < 128, "{b}");
                    assert_eq!(held(equal(x, b'<'), k), b == b'<', "{b}");
                    assert_eq!(held(not(equal(x, b'<')), k), b != b'<', "{b}");
                }
            }
        }
    }
}
