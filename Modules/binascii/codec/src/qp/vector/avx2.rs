//! AVX2: 32 bytes a block; comparisons give byte masks, which `movemask`
//! turns into bits, and kept bytes are gathered 8 at a time by shuffles
//! from a table.

use std::arch::x86_64::*;
use std::mem::MaybeUninit;

use super::{DecodedBlock, KEEP_SHUFFLES, Lanes};
use crate::qp::EncodeOptions;

/// Decodes what the shared loop (`super::decode`) takes; returns the bytes
/// read and written.
#[target_feature(enable = "avx2,popcnt")]
pub(super) fn decode(input: &[u8], header: bool, output: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    // SAFETY: this function's features are every one the methods use.
    unsafe { super::decode::<__m256i>(input, header, output) }
}

/// Encodes (or counts) what the shared loop (`super::stretch`) takes;
/// returns the bytes read and written.
#[target_feature(enable = "avx2,popcnt")]
pub(super) fn stretch(
    input: &[u8],
    options: EncodeOptions,
    crlf: bool,
    line_length: &mut usize,
    output: Option<&mut [MaybeUninit<u8>]>,
) -> (usize, usize) {
    // SAFETY: this function's features are every one the methods use, and
    // include SSSE3.
    unsafe { super::stretch::<__m256i>(input, options, crlf, line_length, output) }
}

#[inline(always)]
unsafe fn equal(chars: __m256i, byte: u8) -> __m256i {
    // SAFETY: the caller vouches for AVX2.
    unsafe { _mm256_cmpeq_epi8(chars, _mm256_set1_epi8(byte as i8)) }
}

#[inline(always)]
unsafe fn bits(mask: __m256i) -> u64 {
    // SAFETY: the caller vouches for AVX2.
    u64::from(unsafe { _mm256_movemask_epi8(mask) } as u32)
}

/// The value of each hex digit among `chars` (anything elsewhere), and
/// all ones in the bytes of the hex digits.
#[inline(always)]
unsafe fn hex_values(chars: __m256i) -> (__m256i, __m256i) {
    // SAFETY: the caller vouches for AVX2. See avx512.rs for the ranges.
    unsafe {
        let digit = _mm256_sub_epi8(chars, _mm256_set1_epi8(b'0' as i8));
        let is_digit = _mm256_cmpeq_epi8(_mm256_min_epu8(digit, _mm256_set1_epi8(9)), digit);
        let letter = _mm256_sub_epi8(
            _mm256_or_si256(chars, _mm256_set1_epi8(0x20)),
            _mm256_set1_epi8(b'a' as i8),
        );
        let is_letter = _mm256_cmpeq_epi8(_mm256_min_epu8(letter, _mm256_set1_epi8(5)), letter);
        let values = _mm256_blendv_epi8(_mm256_add_epi8(letter, _mm256_set1_epi8(10)), digit, is_digit);
        (values, _mm256_or_si256(is_digit, is_letter))
    }
}

impl Lanes for __m256i {
    const WIDTH: usize = 32;

    #[inline(always)]
    unsafe fn decode_block(src: *const u8, header: bool) -> DecodedBlock<Self> {
        // SAFETY: the caller vouches for AVX2 and for the 34 bytes read from
        // `src`.
        unsafe {
            let chars = _mm256_loadu_si256(src.cast());
            let next = _mm256_loadu_si256(src.add(1).cast());
            let after_next = _mm256_loadu_si256(src.add(2).cast());
            let equals = equal(chars, b'=');
            let (high, high_is_hex) = hex_values(next);
            let (low, low_is_hex) = hex_values(after_next);
            let escapes = _mm256_and_si256(equals, _mm256_and_si256(high_is_hex, low_is_hex));
            let escaped = _mm256_or_si256(
                _mm256_and_si256(_mm256_slli_epi16(high, 4), _mm256_set1_epi8(0xf0_u8 as i8)),
                low,
            );
            let mut values = chars;
            if header {
                values = _mm256_blendv_epi8(values, _mm256_set1_epi8(b' ' as i8), equal(chars, b'_'));
            }
            let equal_bits = bits(equals);
            DecodedBlock {
                values: _mm256_blendv_epi8(values, escaped, escapes),
                equals: equal_bits,
                tangled: equal_bits & bits(_mm256_or_si256(equal(next, b'='), equal(next, b'\r'))),
                soft_breaks: equal_bits & bits(equal(next, b'\n')),
                escapes: bits(escapes),
            }
        }
    }

    #[inline(always)]
    unsafe fn store(self, dst: *mut u8) {
        // SAFETY: the caller vouches for AVX2 and the 32 bytes at `dst`.
        unsafe { _mm256_storeu_si256(dst.cast(), self) }
    }

    #[inline(always)]
    unsafe fn store_kept(self, keep: u64, dst: *mut u8) -> usize {
        // SAFETY: the caller vouches for AVX2 and the 32 bytes at `dst`;
        // each 8-byte store starts at most 24 bytes in.
        unsafe {
            let mut written = 0;
            for (half, keep) in [
                (_mm256_castsi256_si128(self), keep),
                (_mm256_extracti128_si256::<1>(self), keep >> 16),
            ] {
                written += store_kept_of_16(half, keep, dst.add(written));
            }
            written
        }
    }

    #[inline(always)]
    unsafe fn classify(src: *const u8, options: EncodeOptions) -> (u64, u64) {
        // SAFETY: the caller vouches for AVX2 and the 32 bytes at `src`.
        unsafe {
            let bytes = _mm256_loadu_si256(src.cast());
            let mut in_context = equal(bytes, b'.');
            if options.is_text {
                in_context = _mm256_or_si256(in_context, _mm256_or_si256(equal(bytes, b'\r'), equal(bytes, b'\n')));
            }
            // Unsigned comparisons: a byte is at most 32 if the minimum with
            // 32 leaves it unchanged, at least 127 if the maximum with 127 does.
            let mut controls = _mm256_cmpeq_epi8(_mm256_min_epu8(bytes, _mm256_set1_epi8(32)), bytes);
            if !options.quote_tabs {
                controls = _mm256_andnot_si256(_mm256_or_si256(equal(bytes, b' '), equal(bytes, b'\t')), controls);
            }
            let high = _mm256_cmpeq_epi8(_mm256_max_epu8(bytes, _mm256_set1_epi8(127)), bytes);
            let mut escaped = _mm256_or_si256(controls, _mm256_or_si256(high, equal(bytes, b'=')));
            if options.header {
                escaped = _mm256_or_si256(escaped, equal(bytes, b'_'));
            }
            let (in_context, escaped) = (bits(in_context), bits(escaped));
            (!(in_context | escaped), escaped & !in_context)
        }
    }
}

/// `store_kept` for 16 bytes (the low 16 bits of `keep`), which writes at
/// most 16 bytes at `dst`.
///
/// # Safety
/// The CPU must have SSSE3; the 16 bytes at `dst` must be writable.
#[inline]
#[target_feature(enable = "ssse3")]
pub(super) unsafe fn store_kept_of_16(bytes: __m128i, keep: u64, dst: *mut u8) -> usize {
    let (low_keep, high_keep) = (keep & 0xff, keep >> 8 & 0xff);
    // The high group's indices count from its first byte, 8.
    let shuffle = _mm_set_epi64x(
        (KEEP_SHUFFLES[high_keep as usize] | 0x0808_0808_0808_0808) as i64,
        KEEP_SHUFFLES[low_keep as usize] as i64,
    );
    // SAFETY: the caller vouches for SSSE3 and the 16 bytes at `dst`; the
    // second store starts at most 8 bytes in.
    unsafe {
        let kept = _mm_shuffle_epi8(bytes, shuffle);
        _mm_storel_epi64(dst.cast(), kept);
        let low_count = low_keep.count_ones() as usize;
        _mm_storel_epi64(dst.add(low_count).cast(), _mm_unpackhi_epi64(kept, kept));
        low_count + high_keep.count_ones() as usize
    }
}
