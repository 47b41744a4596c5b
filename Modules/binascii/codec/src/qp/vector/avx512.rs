//! AVX-512 (F, BW, VBMI, VBMI2): 64 bytes a block, comparisons straight
//! into bit masks, and VBMI2's byte compression: decoding squeezes out the
//! bytes escapes consume; encoding lays out 16 bytes as 48 characters (each
//! byte, then its hex digits) and squeezes out the digits of the bytes
//! written as themselves.

use std::arch::x86_64::*;
use std::mem::MaybeUninit;

use super::{DecodedBlock, Lanes};
use crate::qp::EncodeOptions;

/// Decodes what the shared loop (`super::decode`) takes; returns the bytes
/// read and written.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi2,popcnt")]
pub(super) fn decode(input: &[u8], header: bool, output: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    // SAFETY: this function's features are every one the methods use.
    unsafe { super::decode::<__m512i>(input, header, output) }
}

/// Encodes (or counts) what the shared loop (`super::stretch`) takes;
/// returns the bytes read and written.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2,bmi2,popcnt")]
pub(super) fn stretch(
    input: &[u8],
    options: EncodeOptions,
    crlf: bool,
    line_length: &mut usize,
    output: Option<&mut [MaybeUninit<u8>]>,
) -> (usize, usize) {
    // SAFETY: this function's features are every one the methods use, and
    // include SSSE3.
    unsafe { super::stretch::<__m512i>(input, options, crlf, line_length, output) }
}

/// The mask of the bytes of `chars` equal to `byte`.
#[inline]
#[target_feature(enable = "avx512bw")]
fn equal(chars: __m512i, byte: u8) -> u64 {
    _mm512_cmpeq_epi8_mask(chars, _mm512_set1_epi8(byte as i8))
}

/// The value of each hex digit among `chars` (anything elsewhere), and the
/// mask of the hex digits.
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn hex_values(chars: __m512i) -> (__m512i, u64) {
    // Subtracting the start of a range wraps everything below it to the top,
    // so one unsigned comparison checks both ends; setting bit 5 folds
    // capitals onto lowercase letters.
    let digit = _mm512_sub_epi8(chars, _mm512_set1_epi8(b'0' as i8));
    let is_digit = _mm512_cmple_epu8_mask(digit, _mm512_set1_epi8(9));
    let letter = _mm512_sub_epi8(
        _mm512_or_si512(chars, _mm512_set1_epi8(0x20)),
        _mm512_set1_epi8(b'a' as i8),
    );
    let is_letter = _mm512_cmple_epu8_mask(letter, _mm512_set1_epi8(5));
    let values = _mm512_mask_blend_epi8(is_digit, _mm512_add_epi8(letter, _mm512_set1_epi8(10)), digit);
    (values, is_digit | is_letter)
}

/// `Lanes::decode_block` of the block `chars`, followed by `next` and
/// `after_next` (the same shifted by one and two bytes).
#[inline]
#[target_feature(enable = "avx512f,avx512bw")]
fn decode_registers(chars: __m512i, next: __m512i, after_next: __m512i, header: bool) -> DecodedBlock<__m512i> {
    let equals = _mm512_cmpeq_epi8_mask(chars, _mm512_set1_epi8(b'=' as i8));
    let next_tangles = _mm512_cmpeq_epi8_mask(next, _mm512_set1_epi8(b'=' as i8))
        | _mm512_cmpeq_epi8_mask(next, _mm512_set1_epi8(b'\r' as i8));
    let next_is_newline = _mm512_cmpeq_epi8_mask(next, _mm512_set1_epi8(b'\n' as i8));
    let (high, high_is_hex) = hex_values(next);
    let (low, low_is_hex) = hex_values(after_next);
    let escapes = equals & high_is_hex & low_is_hex;
    let escaped = _mm512_or_si512(
        _mm512_and_si512(_mm512_slli_epi16(high, 4), _mm512_set1_epi8(0xf0_u8 as i8)),
        low,
    );
    let mut values = chars;
    if header {
        let underscores = _mm512_cmpeq_epi8_mask(chars, _mm512_set1_epi8(b'_' as i8));
        values = _mm512_mask_blend_epi8(underscores, values, _mm512_set1_epi8(b' ' as i8));
    }
    DecodedBlock {
        values: _mm512_mask_blend_epi8(escapes, values, escaped),
        equals,
        tangled: equals & next_tangles,
        soft_breaks: equals & next_is_newline,
        escapes,
    }
}

impl Lanes for __m512i {
    const WIDTH: usize = 64;

    #[inline(always)]
    unsafe fn decode_block(src: *const u8, header: bool) -> DecodedBlock<Self> {
        // SAFETY: the caller vouches for AVX-512 BW and for the 66 bytes
        // read from `src`.
        unsafe {
            decode_registers(
                _mm512_loadu_si512(src.cast()),
                _mm512_loadu_si512(src.add(1).cast()),
                _mm512_loadu_si512(src.add(2).cast()),
                header,
            )
        }
    }

    /// Masked loads read only the bytes of `chars` (zeros for the rest),
    /// with no copy whose stores the loads would wait for.
    #[inline(always)]
    unsafe fn decode_short_block(chars: &[u8], header: bool) -> DecodedBlock<Self> {
        let len = chars.len();
        let first = |count: usize| u64::MAX >> (64 - count.min(64));
        let src = chars.as_ptr();
        // SAFETY: the caller vouches for AVX-512 BW; each load reads only
        // bytes of `chars`, which has at least 3 (the shared loop's tail).
        unsafe {
            decode_registers(
                _mm512_maskz_loadu_epi8(first(len), src.cast()),
                _mm512_maskz_loadu_epi8(first(len - 1), src.add(1).cast()),
                _mm512_maskz_loadu_epi8(first(len - 2), src.add(2).cast()),
                header,
            )
        }
    }

    #[inline(always)]
    unsafe fn store(self, dst: *mut u8) {
        // SAFETY: the caller vouches for AVX-512 F and the 64 bytes at `dst`.
        unsafe { _mm512_storeu_si512(dst.cast(), self) }
    }

    #[inline(always)]
    unsafe fn store_kept(self, keep: u64, dst: *mut u8) -> usize {
        // SAFETY: the caller vouches for AVX-512 VBMI2 and the 64 bytes at
        // `dst`. A whole store and a count beat a masked compressing store.
        unsafe { _mm512_storeu_si512(dst.cast(), _mm512_maskz_compress_epi8(keep, self)) };
        keep.count_ones() as usize
    }

    #[inline(always)]
    unsafe fn classify(src: *const u8, options: EncodeOptions) -> (u64, u64) {
        // SAFETY: the caller vouches for AVX-512 BW and the 64 bytes at
        // `src`.
        unsafe {
            let bytes = _mm512_loadu_si512(src.cast());
            let mut in_context = equal(bytes, b'.');
            if options.is_text {
                in_context |= equal(bytes, b'\r') | equal(bytes, b'\n');
            }
            let mut controls = _mm512_cmplt_epu8_mask(bytes, _mm512_set1_epi8(33));
            if !options.quote_tabs {
                controls &= !(equal(bytes, b' ') | equal(bytes, b'\t'));
            }
            let mut escaped = controls | _mm512_cmpgt_epu8_mask(bytes, _mm512_set1_epi8(126)) | equal(bytes, b'=');
            if options.header {
                escaped |= equal(bytes, b'_');
            }
            (!(in_context | escaped), escaped & !in_context)
        }
    }

    const ESCAPES_PER_STORE: usize = 21;

    #[inline(always)]
    unsafe fn store_escapes(src: *const u8, count: usize, dst: *mut u8) {
        // The other loads are of 16- and 64-byte tables.
        // SAFETY: the caller vouches for AVX-512 F, BW and VBMI, for the `count`
        // bytes read at `src` (a masked load reads no others), 64 written at `dst`.
        unsafe {
            let bytes = _mm512_maskz_loadu_epi8(u64::MAX >> (64 - count.min(21)), src.cast());
            let digits = _mm512_broadcast_i32x4(_mm_loadu_si128(b"0123456789ABCDEF".as_ptr().cast()));
            let low_nibbles = _mm512_set1_epi8(0x0f);
            let high = _mm512_shuffle_epi8(digits, _mm512_and_si512(_mm512_srli_epi16(bytes, 4), low_nibbles));
            let low = _mm512_shuffle_epi8(digits, _mm512_and_si512(bytes, low_nibbles));
            let digit_pairs = _mm512_permutex2var_epi8(high, _mm512_loadu_si512(ESCAPE_DIGITS.as_ptr().cast()), low);
            let escapes = _mm512_mask_blend_epi8(EQUALS, digit_pairs, _mm512_set1_epi8(b'=' as i8));
            _mm512_storeu_si512(dst.cast(), escapes);
        }
    }

    #[inline(always)]
    unsafe fn store_mixed(src: *const u8, escapes: u64, count: usize, header: bool, dst: *mut u8) {
        // SAFETY: the caller vouches for AVX-512 F, BW, VBMI and VBMI2 and
        // BMI2, for the 16 bytes read from `src` and the 64 written at `dst`;
        // the other loads are of 16- and 64-byte tables.
        unsafe {
            let bytes = _mm512_maskz_loadu_epi8(0xffff, src.cast());
            let digits = _mm512_broadcast_i32x4(_mm_loadu_si128(b"0123456789ABCDEF".as_ptr().cast()));
            let low_nibbles = _mm512_set1_epi8(0x0f);
            let high = _mm512_shuffle_epi8(digits, _mm512_and_si512(_mm512_srli_epi16(bytes, 4), low_nibbles));
            let low = _mm512_shuffle_epi8(digits, _mm512_and_si512(bytes, low_nibbles));
            let mut firsts = bytes;
            if header {
                firsts = _mm512_mask_blend_epi8(equal(bytes, b' '), firsts, _mm512_set1_epi8(b'_' as i8));
            }
            firsts = _mm512_mask_blend_epi8(escapes, firsts, _mm512_set1_epi8(b'=' as i8));
            let triples = _mm512_permutex2var_epi8(firsts, _mm512_loadu_si512(FIRSTS_AND_HIGHS.as_ptr().cast()), high);
            let triples = _mm512_mask_permutexvar_epi8(triples, THIRDS, _mm512_loadu_si512(LOWS.as_ptr().cast()), low);
            let seconds = _pdep_u64(escapes, SECONDS);
            let keep = FIRSTS & (u64::MAX >> (64 - 3 * count)) | seconds | seconds << 1;
            _mm512_storeu_si512(dst.cast(), _mm512_maskz_compress_epi8(keep, triples));
        }
    }
}

/// Bits `3 * i` (a byte's first character), `3 * i + 1` and `3 * i + 2`
/// (its hex digits, if escaped) for the 16 bytes of `store_mixed`.
const FIRSTS: u64 = 0x0000_2492_4924_9249;
const SECONDS: u64 = FIRSTS << 1;
const THIRDS: u64 = FIRSTS << 2;

/// The '=' of 21 escapes: bits `3 * i`.
const EQUALS: u64 = 0x1249_2492_4924_9249;

/// Where `store_escapes` takes the digits of 21 escapes: byte `i`'s high
/// digit (of the first register) at `3 * i + 1`, its low digit (of the
/// second) at `3 * i + 2`.
static ESCAPE_DIGITS: [u8; 64] = {
    let mut table = [0; 64];
    let mut index = 0;
    while index < 21 {
        table[3 * index + 1] = index as u8;
        table[3 * index + 2] = 64 + index as u8;
        index += 1;
    }
    table
};

/// Where `store_mixed` takes each of 48 characters: byte `i` (of the first
/// register) at `3 * i`, its high digit (of the second) at `3 * i + 1`.
static FIRSTS_AND_HIGHS: [u8; 64] = triples(0, 64);
/// Its low digit at `3 * i + 2`.
static LOWS: [u8; 64] = triples(2, 0);

/// `first + i` at `3 * i + at`, for the 16 bytes of `store_mixed`; then, if
/// `at` is 0, `second + i` at `3 * i + 1`.
const fn triples(at: usize, second: u8) -> [u8; 64] {
    let mut table = [0; 64];
    let mut index = 0;
    while index < 16 {
        table[3 * index + at] = index as u8;
        if at == 0 {
            table[3 * index + 1] = second + index as u8;
        }
        index += 1;
    }
    table
}
