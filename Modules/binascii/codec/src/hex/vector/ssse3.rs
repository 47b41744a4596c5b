//! SSSE3: the AVX2 method (see `avx2.rs`) on 16 bytes a block, for x86_64
//! CPUs without AVX2. Blocks that would read or write past the caller's
//! slices go through scratch arrays instead.

use std::arch::x86_64::*;
use std::mem::MaybeUninit;

use super::grouped::{self, Lanes};
use super::{DIGITS, write_prefix};

const BYTES_PER_BLOCK: usize = 16;
/// Blocks handled between two branches of the main loops.
const UNROLL: usize = 4;

/// The 32 characters of 16 bytes, as two vectors in output order.
#[inline]
#[target_feature(enable = "ssse3")]
fn encode_block(bytes: __m128i) -> [__m128i; 2] {
    // SAFETY: loads exactly the 16 bytes of `DIGITS`.
    let digits = unsafe { _mm_loadu_si128(DIGITS.as_ptr().cast()) };
    let low_nibbles = _mm_set1_epi8(0x0f);
    let high = _mm_shuffle_epi8(digits, _mm_and_si128(_mm_srli_epi16(bytes, 4), low_nibbles));
    let low = _mm_shuffle_epi8(digits, _mm_and_si128(bytes, low_nibbles));
    [_mm_unpacklo_epi8(high, low), _mm_unpackhi_epi8(high, low)]
}

/// Encodes the first `count` (at most 16) bytes of `input` to the start of
/// `output`, going through scratch arrays where whole vectors would not fit.
#[inline]
#[target_feature(enable = "ssse3")]
fn encode_short(input: &[u8], output: &mut [MaybeUninit<u8>], count: usize) {
    let mut bytes = [0; BYTES_PER_BLOCK];
    bytes[..count].copy_from_slice(&input[..count]);
    // SAFETY: loads exactly the 16 bytes of `bytes`.
    let [first, second] = encode_block(unsafe { _mm_loadu_si128(bytes.as_ptr().cast()) });
    let mut chars = [0; 2 * BYTES_PER_BLOCK];
    // SAFETY: the two stores write exactly the 32 bytes of `chars`.
    unsafe {
        _mm_storeu_si128(chars.as_mut_ptr().cast(), first);
        _mm_storeu_si128(chars[16..].as_mut_ptr().cast(), second);
    }
    write_prefix(output, &chars, 2 * count);
}

/// Encodes the bytes of `input` that fit in `output` and returns how many
/// that is, having written 2 characters for each.
#[target_feature(enable = "ssse3")]
pub(super) fn encode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let count = input.len().min(output.len() / 2);
    let src = input.as_ptr();
    let dst = output.as_mut_ptr().cast::<u8>();
    let mut done = 0;
    while count - done >= UNROLL * BYTES_PER_BLOCK {
        for block in 0..UNROLL {
            let first = done + block * BYTES_PER_BLOCK;
            // SAFETY: bytes `first..first + 16` are below `count`, so they lie
            // within `input` and their 32 characters within `output`.
            unsafe {
                let [low_half, high_half] = encode_block(_mm_loadu_si128(src.add(first).cast()));
                _mm_storeu_si128(dst.add(2 * first).cast(), low_half);
                _mm_storeu_si128(dst.add(2 * first + 16).cast(), high_half);
            }
        }
        done += UNROLL * BYTES_PER_BLOCK;
    }
    while done < count {
        let block = (count - done).min(BYTES_PER_BLOCK);
        encode_short(&input[done..], &mut output[2 * done..], block);
        done += block;
    }
    count
}

/// For each `group` bytes of `input` (the last may be shorter), writes
/// `separator` then their hex; returns the characters written. `group` is at
/// most `grouped::MAX_LANE_GROUP`.
#[target_feature(enable = "ssse3")]
pub(super) fn encode_groups(input: &[u8], group: usize, separator: u8, output: &mut [MaybeUninit<u8>]) -> usize {
    // SAFETY: this function's features are SSSE3's.
    unsafe { grouped::encode::<__m128i>(input, group, separator, output) }
}

impl Lanes for __m128i {
    const LANES: usize = 1;

    #[inline(always)]
    unsafe fn load(src: *const u8, _stride: usize) -> Self {
        // SAFETY: the caller vouches that the 16 bytes are readable.
        unsafe { _mm_loadu_si128(src.cast()) }
    }

    #[inline(always)]
    unsafe fn broadcast(table: &[u8; 16]) -> Self {
        // SAFETY: loads exactly the 16 bytes of `table`.
        unsafe { _mm_loadu_si128(table.as_ptr().cast()) }
    }

    #[inline(always)]
    unsafe fn digits(self) -> (Self, Self) {
        // SAFETY: the caller vouches for SSSE3; loads exactly `DIGITS`.
        unsafe {
            let digits = _mm_loadu_si128(DIGITS.as_ptr().cast());
            let low_nibbles = _mm_set1_epi8(0x0f);
            (
                _mm_shuffle_epi8(digits, _mm_and_si128(_mm_srli_epi16(self, 4), low_nibbles)),
                _mm_shuffle_epi8(digits, _mm_and_si128(self, low_nibbles)),
            )
        }
    }

    #[inline(always)]
    unsafe fn shuffle(table: Self, indices: Self) -> Self {
        // SAFETY: the caller vouches for SSSE3.
        unsafe { _mm_shuffle_epi8(table, indices) }
    }

    #[inline(always)]
    unsafe fn or(self, other: Self) -> Self {
        // SAFETY: SSE2, which every x86_64 CPU has.
        unsafe { _mm_or_si128(self, other) }
    }

    #[inline(always)]
    unsafe fn and(self, other: Self) -> Self {
        // SAFETY: SSE2, which every x86_64 CPU has.
        unsafe { _mm_and_si128(self, other) }
    }

    #[inline(always)]
    unsafe fn store_lane(self, _lane: usize, dst: *mut u8) {
        // SAFETY: the caller vouches that the 16 bytes are writable.
        unsafe { _mm_storeu_si128(dst.cast(), self) }
    }
}

/// The values of 16 characters, and a vector that is all ones in the bytes
/// whose character is a hex digit.
#[inline]
#[target_feature(enable = "ssse3")]
fn nibbles(chars: __m128i) -> (__m128i, __m128i) {
    let digit = _mm_sub_epi8(chars, _mm_set1_epi8(b'0' as i8));
    let is_digit = _mm_cmpeq_epi8(_mm_min_epu8(digit, _mm_set1_epi8(9)), digit);
    let letter = _mm_sub_epi8(_mm_or_si128(chars, _mm_set1_epi8(0x20)), _mm_set1_epi8(b'a' as i8));
    let is_letter = _mm_cmpeq_epi8(_mm_min_epu8(letter, _mm_set1_epi8(5)), letter);
    let letter_values = _mm_andnot_si128(is_digit, _mm_add_epi8(letter, _mm_set1_epi8(10)));
    let values = _mm_or_si128(_mm_and_si128(is_digit, digit), letter_values);
    (values, _mm_or_si128(is_digit, is_letter))
}

/// The 16 bytes of 32 characters, and the index of the first character
/// that is not a hex digit (32 if there is none).
#[inline]
#[target_feature(enable = "ssse3")]
fn decode_block(first: __m128i, second: __m128i) -> (__m128i, usize) {
    let (first_values, first_ok) = nibbles(first);
    let (second_values, second_ok) = nibbles(second);
    // high * 16 + low for each pair of characters.
    let weights = _mm_set1_epi16(0x0110);
    let bytes = _mm_packus_epi16(
        _mm_maddubs_epi16(first_values, weights),
        _mm_maddubs_epi16(second_values, weights),
    );
    let ok = _mm_movemask_epi8(first_ok) as u32 | (_mm_movemask_epi8(second_ok) as u32) << 16;
    (bytes, (!ok).trailing_zeros() as usize)
}

/// Decodes the whole pairs of `input` before its first character that is
/// not a hex digit, as many as fit in `output`; returns the characters
/// consumed, having written a byte per 2 of them.
#[target_feature(enable = "ssse3")]
pub(super) fn decode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let pairs = (input.len() / 2).min(output.len());
    let src = input.as_ptr();
    let dst = output.as_mut_ptr().cast::<u8>();
    let mut done = 0;
    while pairs - done >= UNROLL * BYTES_PER_BLOCK {
        let mut bytes = [_mm_setzero_si128(); UNROLL];
        let mut all_good = true;
        for (block, bytes) in bytes.iter_mut().enumerate() {
            let chars = src.wrapping_add(2 * (done + block * BYTES_PER_BLOCK));
            // SAFETY: pairs `done..done + 64` are below `pairs`, so each
            // block's 32 characters lie within `input`.
            let (block_bytes, first_bad) =
                unsafe { decode_block(_mm_loadu_si128(chars.cast()), _mm_loadu_si128(chars.add(16).cast())) };
            *bytes = block_bytes;
            all_good &= first_bad == 2 * BYTES_PER_BLOCK;
        }
        if !all_good {
            break;
        }
        for (block, &bytes) in bytes.iter().enumerate() {
            // SAFETY: pairs `done..done + 64` are below `pairs`, so each
            // block's 16 bytes lie within `output`.
            unsafe { _mm_storeu_si128(dst.add(done + block * BYTES_PER_BLOCK).cast(), bytes) };
        }
        done += UNROLL * BYTES_PER_BLOCK;
    }
    while done < pairs {
        let count = (pairs - done).min(BYTES_PER_BLOCK);
        let (bytes, first_bad) = if count == BYTES_PER_BLOCK {
            let chars = src.wrapping_add(2 * done);
            // SAFETY: pairs `done..done + 16` are below `pairs`, so their 32
            // characters lie within `input`.
            unsafe { decode_block(_mm_loadu_si128(chars.cast()), _mm_loadu_si128(chars.add(16).cast())) }
        } else {
            // Zeros past the last pair are not hex digits, so at most `count`
            // pairs come out good.
            let mut chars = [0; 2 * BYTES_PER_BLOCK];
            chars[..2 * count].copy_from_slice(&input[2 * done..2 * (done + count)]);
            // SAFETY: the loads read exactly the 32 bytes of `chars`.
            unsafe {
                decode_block(
                    _mm_loadu_si128(chars.as_ptr().cast()),
                    _mm_loadu_si128(chars[16..].as_ptr().cast()),
                )
            }
        };
        let good = first_bad / 2;
        if output.len() - done >= BYTES_PER_BLOCK {
            // SAFETY: the check keeps the store within `output`.
            unsafe { _mm_storeu_si128(dst.add(done).cast(), bytes) };
        } else {
            let mut scratch = [0; BYTES_PER_BLOCK];
            // SAFETY: stores exactly the 16 bytes of `scratch`.
            unsafe { _mm_storeu_si128(scratch.as_mut_ptr().cast(), bytes) };
            write_prefix(&mut output[done..], &scratch, good);
        }
        done += good;
        if good < count {
            break;
        }
    }
    2 * done
}
