//! Sixteen bytes tested at once, for the scans over long runs of text
//! (a page's text between tags, capitals in prose, bytes to escape): SSE2
//! on x86-64, which every x86-64 processor has, and two of
//! [`crate::swar`]'s eight-byte words elsewhere. A test sets the high bit
//! of each byte it holds for; [`find`] reads those bits out as a mask, so
//! sixteen bytes cost a few instructions where eight cost some twenty.

use std::ops::{BitAnd, BitOr};

/// How many bytes a test reads at once.
pub const WIDTH: usize = 16;

/// Sixteen bytes, or the result of a test on them (the high bit of each
/// byte says whether it held; the other bits mean nothing).
#[derive(Clone, Copy)]
pub struct Lanes(imp::Vector);

impl Lanes {
    /// The sixteen bytes of `bytes` from `at` (which must be in range).
    pub fn load(bytes: &[u8], at: usize) -> Lanes {
        Lanes(imp::load(&bytes[at..at + WIDTH]))
    }

    /// The sixteen bytes of two words, `low`'s first.
    fn from_words(low: u64, high: u64) -> Lanes {
        Lanes(imp::from_words(low, high))
    }

    /// A test that held for no byte.
    pub fn none() -> Lanes {
        Lanes(imp::none())
    }

    /// Bit `k` set where the test held for byte `k`.
    pub fn bits(self) -> u32 {
        imp::bits(self.0)
    }
}

impl BitOr for Lanes {
    type Output = Lanes;
    fn bitor(self, other: Lanes) -> Lanes {
        Lanes(imp::or(self.0, other.0))
    }
}

impl BitAnd for Lanes {
    type Output = Lanes;
    fn bitand(self, other: Lanes) -> Lanes {
        Lanes(imp::and(self.0, other.0))
    }
}

/// Bytes equal to `byte`.
pub fn equal(x: Lanes, byte: u8) -> Lanes {
    Lanes(imp::equal(x.0, byte))
}

/// Bytes within `lowest..=highest` (both ASCII).
pub fn between(x: Lanes, lowest: u8, highest: u8) -> Lanes {
    Lanes(imp::between(x.0, lowest, highest))
}

/// Bytes outside ASCII.
pub fn non_ascii(x: Lanes) -> Lanes {
    x
}

/// Every byte with `bits` added: `x | 0x20` folds A-Z onto a-z.
pub fn with_bits(x: Lanes, bits: u8) -> Lanes {
    Lanes(imp::or(x.0, imp::splat(bits)))
}

/// ASCII letters and digits.
pub fn alphanumeric(x: Lanes) -> Lanes {
    between(x, b'0', b'9') | between(with_bits(x, 0x20), b'a', b'z')
}

/// The marks `test` makes on the sixteen bytes at `at`, as bits, for the
/// bytes from `at` to the end of the text (the text may end sooner: see
/// [`last_marks`]).
#[inline(always)]
fn marks(bytes: &[u8], at: usize, test: &impl Fn(Lanes) -> Lanes) -> u32 {
    if at + WIDTH <= bytes.len() {
        return test(Lanes::load(bytes, at)).bits();
    }
    last_marks(bytes, at, test)
}

/// [`marks`] for the last few bytes, fewer than sixteen from `at`: read
/// in the sixteen that end the text, with the bits of the bytes before
/// `at` dropped; or, in a text shorter than sixteen, in at most two
/// overlapping loads, each lane's mark put back at its byte's place (a
/// copy into a buffer was a call to `memcpy`, and most of the values a
/// template escapes are that short).
#[inline(never)]
fn last_marks(bytes: &[u8], at: usize, test: &impl Fn(Lanes) -> Lanes) -> u32 {
    let len = bytes.len();
    if len >= WIDTH {
        let base = len - WIDTH;
        return test(Lanes::load(bytes, base)).bits() >> (at - base);
    }
    let left = len - at;
    let word = |from: usize| u64::from_le_bytes(bytes[from..from + 8].try_into().expect("eight"));
    let half = |from: usize| u32::from_le_bytes(bytes[from..from + 4].try_into().expect("four"));
    match left {
        8.. => {
            // Lanes 0-7 hold bytes `at..at + 8`, lanes 8-15 the last eight.
            let m = test(Lanes::from_words(word(at), word(len - 8))).bits();
            m & 0xff | (m >> 8 & 0xff) << (left - 8)
        }
        4.. => {
            // Lanes 0-3 hold bytes `at..at + 4`, lanes 4-7 the last four;
            // the other lanes are not read.
            let m =
                test(Lanes::from_words(u64::from(half(at)) | u64::from(half(len - 4)) << 32, 0))
                    .bits();
            m & 0xf | (m >> 4 & 0xf) << (left - 4)
        }
        1.. => {
            // The first byte, the middle one and the last: every byte of
            // one, two or three.
            let three = u64::from(bytes[at])
                | u64::from(bytes[at + left / 2]) << 8
                | u64::from(bytes[len - 1]) << 16;
            let m = test(Lanes::from_words(three, 0)).bits();
            m & 1 | (m >> 1 & 1) << (left / 2) | (m >> 2 & 1) << (left - 1)
        }
        0 => 0,
    }
}

/// The first place at or after `from` where `test` holds, sixteen bytes
/// at a time.
#[inline]
pub fn find(bytes: &[u8], from: usize, test: impl Fn(Lanes) -> Lanes) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        let found = marks(bytes, i, &test);
        if found != 0 {
            return Some(i + found.trailing_zeros() as usize);
        }
        i += WIDTH;
    }
    None
}

/// The first place at or after `from` where a pair of bytes starts whose
/// first byte one of `pairs`' first tests holds for and whose second the
/// same pair's second test does: fifteen pairs a step (the sixteenth
/// byte's pair ends in the next step).
#[inline]
pub fn find_pair<F: Fn(Lanes) -> Lanes>(
    bytes: &[u8],
    from: usize,
    pairs: &[(F, F)],
) -> Option<usize> {
    let mut i = from;
    while i + 1 < bytes.len() {
        // Bit k: byte k is a first and byte k + 1 its second. Bits past the
        // text's end are not set, so neither is a pair that would end there.
        let found = pairs.iter().fold(0, |found, (first, second)| {
            found | marks(bytes, i, first) & marks(bytes, i, second) >> 1
        }) & ((1 << (WIDTH - 1)) - 1);
        if found != 0 {
            return Some(i + found.trailing_zeros() as usize);
        }
        i += WIDTH - 1;
    }
    None
}

/// Where the run of ASCII letters and digits at `from` ends (the first
/// other byte, or the end): the cut of words that the search's tokens, the
/// acronyms' words and the comparison's words start with.
pub fn alphanumeric_end(bytes: &[u8], from: usize) -> usize {
    find(bytes, from, |x| not(alphanumeric(x))).unwrap_or(bytes.len())
}

/// The bytes a test did not hold for.
pub fn not(found: Lanes) -> Lanes {
    Lanes(imp::not(found.0))
}

#[cfg(target_arch = "x86_64")]
use sse2 as imp;

#[cfg(not(target_arch = "x86_64"))]
use portable as imp;

#[cfg(target_arch = "x86_64")]
mod sse2 {
    // SAFETY (every `unsafe` below but the load's): SSE2 is part of the
    // x86-64 baseline, which every x86-64 processor has and the compiler
    // already assumes; these intrinsics read no memory.
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set_epi64x, _mm_set1_epi8, _mm_setzero_si128, _mm_sub_epi8,
        _mm_xor_si128,
    };

    pub(super) type Vector = __m128i;

    pub(super) fn load(sixteen: &[u8]) -> Vector {
        assert!(sixteen.len() >= 16);
        // SAFETY: the slice holds at least sixteen bytes, and an unaligned
        // load reads exactly sixteen from its start.
        unsafe { _mm_loadu_si128(sixteen.as_ptr().cast()) }
    }

    pub(super) fn none() -> Vector {
        // SAFETY: SSE2 (see above).
        unsafe { _mm_setzero_si128() }
    }

    pub(super) fn from_words(low: u64, high: u64) -> Vector {
        // SAFETY: SSE2 (see above).
        unsafe { _mm_set_epi64x(high as i64, low as i64) }
    }

    pub(super) fn splat(byte: u8) -> Vector {
        // SAFETY: SSE2 (see above).
        unsafe { _mm_set1_epi8(byte as i8) }
    }

    /// Every bit flipped: the high bit of each byte is what `bits` reads.
    pub(super) fn not(x: Vector) -> Vector {
        // SAFETY: SSE2 (see above).
        unsafe { _mm_xor_si128(x, _mm_set1_epi8(-1)) }
    }

    pub(super) fn bits(x: Vector) -> u32 {
        // SAFETY: SSE2 (see above).
        unsafe { _mm_movemask_epi8(x) as u32 }
    }

    pub(super) fn or(a: Vector, b: Vector) -> Vector {
        // SAFETY: SSE2 (see above).
        unsafe { _mm_or_si128(a, b) }
    }

    pub(super) fn and(a: Vector, b: Vector) -> Vector {
        // SAFETY: SSE2 (see above).
        unsafe { _mm_and_si128(a, b) }
    }

    pub(super) fn equal(x: Vector, byte: u8) -> Vector {
        // SAFETY: SSE2 (see above).
        unsafe { _mm_cmpeq_epi8(x, _mm_set1_epi8(byte as i8)) }
    }

    /// `x - lowest` (wrapping) is at most `highest - lowest` exactly for
    /// the bytes in range: an unsigned minimum tells which.
    pub(super) fn between(x: Vector, lowest: u8, highest: u8) -> Vector {
        // SAFETY: SSE2 (see above).
        unsafe {
            let offset = _mm_sub_epi8(x, _mm_set1_epi8(lowest as i8));
            let span = _mm_set1_epi8(highest.wrapping_sub(lowest) as i8);
            _mm_cmpeq_epi8(_mm_min_epu8(offset, span), offset)
        }
    }
}

/// The same tests on two of [`crate::swar`]'s eight-byte words, for
/// processors other than x86-64 (and tested on every one).
#[cfg(any(test, not(target_arch = "x86_64")))]
mod portable {
    use crate::swar;

    pub(super) type Vector = [u64; 2];

    pub(super) fn load(sixteen: &[u8]) -> Vector {
        [swar::load(sixteen, 0), swar::load(sixteen, 8)]
    }

    pub(super) fn none() -> Vector {
        [0, 0]
    }

    pub(super) fn from_words(low: u64, high: u64) -> Vector {
        [low, high]
    }

    pub(super) fn splat(byte: u8) -> Vector {
        [0x0101_0101_0101_0101 * u64::from(byte); 2]
    }

    pub(super) fn not(x: Vector) -> Vector {
        [swar::not(x[0]), swar::not(x[1])]
    }

    /// Each word's high bits gathered into eight bits, in order.
    pub(super) fn bits(x: Vector) -> u32 {
        const GATHER: u64 = 0x0102_0408_1020_4080;
        let eight = |w: u64| (((w & 0x8080_8080_8080_8080) >> 7).wrapping_mul(GATHER) >> 56) as u32;
        eight(x[0]) | eight(x[1]) << 8
    }

    pub(super) fn or(a: Vector, b: Vector) -> Vector {
        [a[0] | b[0], a[1] | b[1]]
    }

    pub(super) fn and(a: Vector, b: Vector) -> Vector {
        [a[0] & b[0], a[1] & b[1]]
    }

    pub(super) fn equal(x: Vector, byte: u8) -> Vector {
        [swar::equal(x[0], byte), swar::equal(x[1], byte)]
    }

    pub(super) fn between(x: Vector, lowest: u8, highest: u8) -> Vector {
        [swar::between(x[0], lowest, highest), swar::between(x[1], lowest, highest)]
    }

    /// Every byte in every place, against the byte-by-byte test.
    #[test]
    fn each_test_is_the_byte_test() {
        for byte in 0..=255u8 {
            for place in 0..16 {
                let mut bytes = [b'a'; 16];
                bytes[place] = byte;
                let x = load(&bytes);
                let (low, high) = (swar::load(&bytes, 0), swar::load(&bytes, 8));
                assert_eq!(x, from_words(low, high));
                let tests: [(u32, &dyn Fn(u8) -> bool); 6] = [
                    (bits(equal(x, b'<')), &|b| b == b'<'),
                    (bits(between(x, 9, 13)), &|b| (9..=13).contains(&b)),
                    (bits(between(or(x, splat(0x20)), b'a', b'z')), &|b| b.is_ascii_alphabetic()),
                    (bits(x), &|b| b >= 128),
                    (bits(not(and(equal(x, b'a'), x))), &|_| true),
                    (bits(or(none(), not(equal(x, b'a')))), &|b| b != b'a'),
                ];
                for (found, one) in tests {
                    for (k, &b) in bytes.iter().enumerate() {
                        assert_eq!(found >> k & 1 == 1, one(b), "{b} at {k}");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A test on sixteen bytes and the same test on one byte.
    type Pair = (Box<dyn Fn(Lanes) -> Lanes>, Box<dyn Fn(u8) -> bool>);

    /// The tests the searches below are tried with.
    fn tests() -> Vec<Pair> {
        vec![
            (Box::new(|x| between(x, b'A', b'Z')), Box::new(|b: u8| b.is_ascii_uppercase())),
            (Box::new(|x| between(x, 9, 13)), Box::new(|b: u8| (9..=13).contains(&b))),
            (Box::new(|x| between(x, 0, 0x1f)), Box::new(|b: u8| b < 0x20)),
            (Box::new(|x| between(x, 0, 127)), Box::new(|b: u8| b < 128)),
            (Box::new(|x| equal(x, b'<')), Box::new(|b: u8| b == b'<')),
            (Box::new(|x| equal(x, 0)), Box::new(|b: u8| b == 0)),
            (Box::new(non_ascii), Box::new(|b: u8| b >= 128)),
            (Box::new(alphanumeric), Box::new(|b: u8| b.is_ascii_alphanumeric())),
            (Box::new(|x| not(alphanumeric(x))), Box::new(|b: u8| !b.is_ascii_alphanumeric())),
            (Box::new(|x| equal(with_bits(x, 0x20), b'p')), Box::new(|b: u8| b | 0x20 == b'p')),
            (
                Box::new(|x| non_ascii(x) | equal(x, b'&') | between(x, 9, 13)),
                Box::new(|b: u8| b >= 128 || b == b'&' || (9..=13).contains(&b)),
            ),
            (Box::new(|x| between(x, b'a', b'z') & equal(x, b'q')), Box::new(|b: u8| b == b'q')),
            (Box::new(|_| Lanes::none()), Box::new(|_| false)),
        ]
    }

    /// Every byte in every place, against the byte-by-byte test.
    #[test]
    fn each_test_is_the_byte_test() {
        let tests = tests();
        for byte in 0..=255u8 {
            for place in 0..WIDTH {
                let mut bytes = [b'a'; WIDTH];
                bytes[place] = byte;
                let x = Lanes::load(&bytes, 0);
                for (lanes, one) in &tests {
                    let found = lanes(x).bits();
                    for (k, &b) in bytes.iter().enumerate() {
                        assert_eq!(found >> k & 1 == 1, one(b), "{b} at {k}");
                    }
                }
            }
        }
    }

    /// The text lengths the searches are tried on: around and across the
    /// sixteen-byte step, the overlapping last read and the copied short
    /// text included.
    const LENGTHS: [usize; 22] =
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 24, 31, 32, 33];

    /// `find` finds what a byte-by-byte search finds, with every byte in
    /// every place, from every start, and `alphanumeric_end` stops where
    /// a byte-by-byte reading stops.
    #[test]
    fn find_is_the_byte_search() {
        let tests = tests();
        for byte in 0..=255u8 {
            for len in LENGTHS {
                for place in 0..len {
                    let mut b = vec![b'a'; len];
                    b[place] = byte;
                    for from in 0..=len + 1 {
                        for (lanes, one) in &tests {
                            let slow = (from..len).find(|&i| one(b[i]));
                            assert_eq!(find(&b, from, lanes), slow, "{b:?} from {from}");
                        }
                        let end = (from..len).find(|&i| !b[i].is_ascii_alphanumeric());
                        let end = end.unwrap_or(len).max(from.min(len));
                        if from <= len {
                            assert_eq!(alphanumeric_end(&b, from), end.max(from), "{b:?}");
                        }
                    }
                }
            }
        }
        // Two places that hold: the first at or after the start.
        let b = b"abcdefgh<ijklmnopqrstu<vw";
        for from in 0..b.len() {
            let slow = (from..b.len()).find(|&i| b[i] == b'<');
            assert_eq!(find(b, from, |x| equal(x, b'<')), slow);
        }
    }

    /// `find_pair` finds what a search of every pair finds: two spaces,
    /// and a "p" doubled in either case, with every byte in each place of
    /// the pair and around it, from every start, across the fifteen-pair
    /// steps.
    #[test]
    fn find_pair_is_the_pair_search() {
        let letter = |c: u8| move |x| equal(with_bits(x, 0x20), c);
        let space = |x| equal(x, b' ');
        let (p, n) = (letter(b'p'), letter(b'n'));
        for len in LENGTHS {
            for place in 0..len {
                for byte in 0..=255u8 {
                    for second in [byte, b' ', b'p', b'P', b'n', b'x'] {
                        let mut b = vec![b'x'; len];
                        b[place] = byte;
                        if place + 1 < len {
                            b[place + 1] = second;
                        }
                        for from in 0..=len {
                            let slow = |t: &dyn Fn(u8, u8) -> bool| {
                                (from..len.saturating_sub(1)).find(|&k| t(b[k], b[k + 1]))
                            };
                            let spaces = slow(&|a, b| a == b' ' && b == b' ');
                            assert_eq!(find_pair(&b, from, &[(space, space)]), spaces, "{b:?}");
                            let same = |a: u8, b: u8| a | 0x20 == b | 0x20;
                            let pn = slow(&|a, b| matches!(a | 0x20, b'p' | b'n') && same(a, b));
                            let pairs = [(p, p), (n, n)];
                            assert_eq!(find_pair(&b, from, &pairs), pn, "{b:?}");
                        }
                    }
                }
            }
        }
    }
}
