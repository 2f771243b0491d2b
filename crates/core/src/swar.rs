//! Eight bytes tested at once in a `u64` ("SIMD within a register"), for
//! the scans that read every byte of a build's text: each test sets the
//! high bit of every byte it holds for. Each byte is computed on its low
//! seven bits, so no carry or borrow crosses into the next byte.

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

/// Bytes outside ASCII.
pub fn non_ascii(x: u64) -> u64 {
    x & HIGH
}

/// ASCII letters and digits. Setting bit 5 folds A-Z onto a-z and moves
/// no other byte into a-z.
pub fn alphanumeric(x: u64) -> u64 {
    between(x, b'0', b'9') | between(x | (ONES * 0x20), b'a', b'z')
}

/// The bytes a test did not hold for.
pub fn not(found: u64) -> u64 {
    !found & HIGH
}

/// Where the run of ASCII letters and digits at `from` ends (the first
/// other byte, or the end), eight bytes at a time: the cut of words both
/// the search's tokens and the acronyms' words start with.
pub fn alphanumeric_end(bytes: &[u8], from: usize) -> usize {
    find(bytes, from, |x| not(alphanumeric(x)), |b| !b.is_ascii_alphanumeric())
        .unwrap_or(bytes.len())
}

/// The place (0 to 7) of the first byte a test held for, in a non-zero
/// result.
pub fn first(found: u64) -> usize {
    (found.trailing_zeros() / 8) as usize
}

/// The first place at or after `from` where `test` holds, eight bytes at
/// a time; `byte` is the same test on one byte, for the last few.
pub fn find(
    bytes: &[u8],
    from: usize,
    test: impl Fn(u64) -> u64,
    byte: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut i = from;
    while i + 8 <= bytes.len() {
        let found = test(load(bytes, i));
        if found != 0 {
            return Some(i + first(found));
        }
        i += 8;
    }
    (i..bytes.len()).find(|&i| byte(bytes[i]))
}

/// The first place at or after `from` where a pair of bytes starts for
/// which `test` holds: `test` marks each byte that makes such a pair with
/// the byte after it in the same eight (a byte test `t` shifted, as in
/// `t & (t >> 8)`, lines each byte up with the next); `pair` is the same
/// test on two bytes, for the last few. Seven bytes a step, so a pair that
/// ends on the eighth byte is found in the next step.
pub fn find_pair(
    bytes: &[u8],
    from: usize,
    test: impl Fn(u64) -> u64,
    pair: impl Fn(u8, u8) -> bool,
) -> Option<usize> {
    // The eighth byte's pair is in the next step: its mark is not asked.
    const FIRST_SEVEN: u64 = HIGH >> 8;
    let mut i = from;
    while i + 8 <= bytes.len() {
        let found = test(load(bytes, i)) & FIRST_SEVEN;
        if found != 0 {
            return Some(i + first(found));
        }
        i += 7;
    }
    (i..bytes.len().saturating_sub(1)).find(|&k| pair(bytes[k], bytes[k + 1]))
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
                    assert_eq!(held(non_ascii(x), k), b >= 128, "{b}");
                    assert_eq!(held(alphanumeric(x), k), b.is_ascii_alphanumeric(), "{b}");
                    assert_eq!(held(not(alphanumeric(x)), k), !b.is_ascii_alphanumeric(), "{b}");
                }
            }
        }
        assert_eq!(first(equal(load(b"abc<defg", 0), b'<')), 3);
    }

    /// `find` finds what a byte-by-byte search finds, and
    /// `alphanumeric_end` stops where a byte-by-byte reading stops, for
    /// every byte in every place around the eight-byte step, from every start.
    #[test]
    fn find_is_the_byte_search() {
        let upper = |x| between(x, b'A', b'Z');
        for byte in 0..=255u8 {
            for len in [0, 1, 7, 8, 9, 15, 16, 17, 20] {
                for place in 0..len {
                    let mut b = vec![b'a'; len];
                    b[place] = byte;
                    for from in 0..=len {
                        let slow = (from..len).find(|&i| b[i].is_ascii_uppercase());
                        assert_eq!(find(&b, from, upper, |c| c.is_ascii_uppercase()), slow);
                        let end = (from..len).find(|&i| !b[i].is_ascii_alphanumeric());
                        assert_eq!(alphanumeric_end(&b, from), end.unwrap_or(len), "{b:?}");
                    }
                }
            }
        }
    }

    /// `find_pair` finds what a search of every pair finds: a pair of
    /// spaces, and a letter doubled in either case, with every byte in
    /// each place of the pair and around it, from every start, across
    /// the seven-byte steps.
    #[test]
    fn find_pair_is_the_pair_search() {
        let spaces = |x| {
            let s = equal(x, b' ');
            s & (s >> 8)
        };
        let doubled_p = |x| {
            let p = equal(x | (ONES * 0x20), b'p');
            p & (p >> 8)
        };
        let space_pair = |a: u8, b: u8| a == b' ' && b == b' ';
        let p_pair = |a: u8, b: u8| a | 0x20 == b'p' && b | 0x20 == b'p';
        for len in [0, 1, 2, 7, 8, 9, 14, 15, 16, 17, 22] {
            for place in 0..len {
                for byte in 0..=255u8 {
                    for second in [byte, b' ', b'p', b'P', b'x'] {
                        let mut b = vec![b'x'; len];
                        b[place] = byte;
                        if place + 1 < len {
                            b[place + 1] = second;
                        }
                        for from in 0..=len {
                            let slow = |t: &dyn Fn(u8, u8) -> bool| {
                                (from..len.saturating_sub(1)).find(|&k| t(b[k], b[k + 1]))
                            };
                            assert_eq!(find_pair(&b, from, spaces, space_pair), slow(&space_pair));
                            assert_eq!(find_pair(&b, from, doubled_p, p_pair), slow(&p_pair));
                        }
                    }
                }
            }
        }
    }
}
