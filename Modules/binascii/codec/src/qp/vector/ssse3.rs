//! SSSE3: the AVX2 method (see `avx2.rs`) on 16 bytes a block, for x86_64
//! CPUs without AVX2; SSSE3 has no byte blend, so masks select by AND-NOT
//! and OR.

use std::arch::x86_64::*;
use std::mem::MaybeUninit;

use super::avx2::store_kept_of_16;
use super::{DecodedBlock, Lanes};
use crate::qp::EncodeOptions;

/// Decodes what the shared loop (`super::decode`) takes; returns the bytes
/// read and written.
#[target_feature(enable = "ssse3")]
pub(super) fn decode(input: &[u8], header: bool, output: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    // SAFETY: this function's features are every one the methods use.
    unsafe { super::decode::<__m128i>(input, header, output) }
}

/// Encodes (or counts) what the shared loop (`super::stretch`) takes;
/// returns the bytes read and written.
#[target_feature(enable = "ssse3")]
pub(super) fn stretch(
    input: &[u8],
    options: EncodeOptions,
    crlf: bool,
    line_length: &mut usize,
    output: Option<&mut [MaybeUninit<u8>]>,
) -> (usize, usize) {
    // SAFETY: this function's features are every one the methods use.
    unsafe { super::stretch::<__m128i>(input, options, crlf, line_length, output) }
}

#[inline]
#[target_feature(enable = "ssse3")]
fn equal(chars: __m128i, byte: u8) -> __m128i {
    _mm_cmpeq_epi8(chars, _mm_set1_epi8(byte as i8))
}

#[inline]
#[target_feature(enable = "ssse3")]
fn bits(mask: __m128i) -> u64 {
    u64::from(_mm_movemask_epi8(mask) as u16)
}

/// `if_set` where `mask` is all ones, else `if_clear`.
#[inline]
#[target_feature(enable = "ssse3")]
fn select(mask: __m128i, if_set: __m128i, if_clear: __m128i) -> __m128i {
    _mm_or_si128(_mm_and_si128(mask, if_set), _mm_andnot_si128(mask, if_clear))
}

/// The value of each hex digit among `chars` (anything elsewhere), and
/// all ones in the bytes of the hex digits.
#[inline]
#[target_feature(enable = "ssse3")]
fn hex_values(chars: __m128i) -> (__m128i, __m128i) {
    let digit = _mm_sub_epi8(chars, _mm_set1_epi8(b'0' as i8));
    let is_digit = _mm_cmpeq_epi8(_mm_min_epu8(digit, _mm_set1_epi8(9)), digit);
    let letter = _mm_sub_epi8(_mm_or_si128(chars, _mm_set1_epi8(0x20)), _mm_set1_epi8(b'a' as i8));
    let is_letter = _mm_cmpeq_epi8(_mm_min_epu8(letter, _mm_set1_epi8(5)), letter);
    let values = select(is_digit, digit, _mm_add_epi8(letter, _mm_set1_epi8(10)));
    (values, _mm_or_si128(is_digit, is_letter))
}

/// `Lanes::decode_block`, which see.
///
/// # Safety
/// The 18 bytes at `src` must be readable.
#[inline]
#[target_feature(enable = "ssse3")]
unsafe fn decode_block(src: *const u8, header: bool) -> DecodedBlock<__m128i> {
    // SAFETY: the caller vouches for the 18 bytes read from `src`.
    let (chars, next, after_next) = unsafe {
        (
            _mm_loadu_si128(src.cast()),
            _mm_loadu_si128(src.add(1).cast()),
            _mm_loadu_si128(src.add(2).cast()),
        )
    };
    let equals = equal(chars, b'=');
    let (high, high_is_hex) = hex_values(next);
    let (low, low_is_hex) = hex_values(after_next);
    let escapes = _mm_and_si128(equals, _mm_and_si128(high_is_hex, low_is_hex));
    let escaped = _mm_or_si128(
        _mm_and_si128(_mm_slli_epi16(high, 4), _mm_set1_epi8(0xf0_u8 as i8)),
        low,
    );
    let mut values = chars;
    if header {
        values = select(equal(chars, b'_'), _mm_set1_epi8(b' ' as i8), values);
    }
    let equal_bits = bits(equals);
    DecodedBlock {
        values: select(escapes, escaped, values),
        equals: equal_bits,
        tangled: equal_bits & bits(_mm_or_si128(equal(next, b'='), equal(next, b'\r'))),
        soft_breaks: equal_bits & bits(equal(next, b'\n')),
        escapes: bits(escapes),
    }
}

/// `Lanes::classify`, which see.
///
/// # Safety
/// The 16 bytes at `src` must be readable.
#[inline]
#[target_feature(enable = "ssse3")]
unsafe fn classify(src: *const u8, options: EncodeOptions) -> (u64, u64) {
    // SAFETY: the caller vouches for the 16 bytes at `src`.
    let bytes = unsafe { _mm_loadu_si128(src.cast()) };
    let mut in_context = equal(bytes, b'.');
    if options.is_text {
        in_context = _mm_or_si128(in_context, _mm_or_si128(equal(bytes, b'\r'), equal(bytes, b'\n')));
    }
    // Unsigned comparisons, as in avx2.rs.
    let mut controls = _mm_cmpeq_epi8(_mm_min_epu8(bytes, _mm_set1_epi8(32)), bytes);
    if !options.quote_tabs {
        controls = _mm_andnot_si128(_mm_or_si128(equal(bytes, b' '), equal(bytes, b'\t')), controls);
    }
    let high = _mm_cmpeq_epi8(_mm_max_epu8(bytes, _mm_set1_epi8(127)), bytes);
    let mut escaped = _mm_or_si128(controls, _mm_or_si128(high, equal(bytes, b'=')));
    if options.header {
        escaped = _mm_or_si128(escaped, equal(bytes, b'_'));
    }
    let (in_context, escaped) = (bits(in_context), bits(escaped));
    (!(in_context | escaped), escaped & !in_context)
}

impl Lanes for __m128i {
    const WIDTH: usize = 16;

    #[inline(always)]
    unsafe fn decode_block(src: *const u8, header: bool) -> DecodedBlock<Self> {
        // SAFETY: the caller vouches for SSSE3 and the 18 bytes at `src`.
        unsafe { decode_block(src, header) }
    }

    #[inline(always)]
    unsafe fn store(self, dst: *mut u8) {
        // SAFETY: the caller vouches for the 16 bytes at `dst`.
        unsafe { _mm_storeu_si128(dst.cast(), self) }
    }

    #[inline(always)]
    unsafe fn store_kept(self, keep: u64, dst: *mut u8) -> usize {
        // SAFETY: the caller vouches for SSSE3 and the 16 bytes at `dst`.
        unsafe { store_kept_of_16(self, keep, dst) }
    }

    #[inline(always)]
    unsafe fn classify(src: *const u8, options: EncodeOptions) -> (u64, u64) {
        // SAFETY: the caller vouches for SSSE3 and the 16 bytes at `src`.
        unsafe { classify(src, options) }
    }
}
