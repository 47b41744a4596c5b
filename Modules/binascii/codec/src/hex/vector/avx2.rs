//! AVX2: 32 bytes a block. Encoding looks nibbles up in a 16-entry shuffle;
//! decoding tells digits from letters with unsigned range checks and
//! combines each pair with one multiply-add. Blocks that would read or write
//! past the caller's slices go through scratch arrays instead.

use std::arch::x86_64::*;
use std::mem::MaybeUninit;

use super::grouped::{self, Lanes};
use super::{DIGITS, write_prefix};

const BYTES_PER_BLOCK: usize = 32;
/// Blocks handled between two branches of the main loops.
const UNROLL: usize = 2;

/// The 64 characters of 32 bytes, as two vectors in output order.
#[inline]
#[target_feature(enable = "avx2")]
fn encode_block(bytes: __m256i) -> [__m256i; 2] {
    // SAFETY: loads exactly the 16 bytes of `DIGITS`.
    let digits = _mm256_broadcastsi128_si256(unsafe { _mm_loadu_si128(DIGITS.as_ptr().cast()) });
    let low_nibbles = _mm256_set1_epi8(0x0f);
    let high = _mm256_shuffle_epi8(digits, _mm256_and_si256(_mm256_srli_epi16(bytes, 4), low_nibbles));
    let low = _mm256_shuffle_epi8(digits, _mm256_and_si256(bytes, low_nibbles));
    // Interleaving works within 128-bit lanes: the first vector holds the
    // characters of bytes 0-7 and 16-23, the second of 8-15 and 24-31.
    let first = _mm256_unpacklo_epi8(high, low);
    let second = _mm256_unpackhi_epi8(high, low);
    [
        _mm256_permute2x128_si256(first, second, 0x20),
        _mm256_permute2x128_si256(first, second, 0x31),
    ]
}

/// Encodes the first `count` (at most 32) bytes of `input` to the start of
/// `output`, going through scratch arrays where whole vectors would not fit.
#[inline]
#[target_feature(enable = "avx2")]
fn encode_short(input: &[u8], output: &mut [MaybeUninit<u8>], count: usize) {
    let mut bytes = [0; BYTES_PER_BLOCK];
    bytes[..count].copy_from_slice(&input[..count]);
    // SAFETY: loads exactly the 32 bytes of `bytes`.
    let [first, second] = encode_block(unsafe { _mm256_loadu_si256(bytes.as_ptr().cast()) });
    let mut chars = [0; 2 * BYTES_PER_BLOCK];
    // SAFETY: the two stores write exactly the 64 bytes of `chars`.
    unsafe {
        _mm256_storeu_si256(chars.as_mut_ptr().cast(), first);
        _mm256_storeu_si256(chars[32..].as_mut_ptr().cast(), second);
    }
    write_prefix(output, &chars, 2 * count);
}

/// Encodes the bytes of `input` that fit in `output` and returns how many
/// that is, having written 2 characters for each.
#[target_feature(enable = "avx2")]
pub(super) fn encode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let count = input.len().min(output.len() / 2);
    let src = input.as_ptr();
    let dst = output.as_mut_ptr().cast::<u8>();
    let mut done = 0;
    while count - done >= UNROLL * BYTES_PER_BLOCK {
        for block in 0..UNROLL {
            let first = done + block * BYTES_PER_BLOCK;
            // SAFETY: bytes `first..first + 32` are below `count`, so they lie
            // within `input` and their 64 characters within `output`.
            unsafe {
                let [low_half, high_half] = encode_block(_mm256_loadu_si256(src.add(first).cast()));
                _mm256_storeu_si256(dst.add(2 * first).cast(), low_half);
                _mm256_storeu_si256(dst.add(2 * first + 32).cast(), high_half);
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
#[target_feature(enable = "avx2")]
pub(super) fn encode_groups(input: &[u8], group: usize, separator: u8, output: &mut [MaybeUninit<u8>]) -> usize {
    // SAFETY: this function's features are AVX2's, which include SSSE3.
    unsafe { grouped::encode::<__m256i>(input, group, separator, output) }
}

impl Lanes for __m256i {
    const LANES: usize = 2;

    #[inline(always)]
    unsafe fn load(src: *const u8, stride: usize) -> Self {
        // SAFETY: the caller vouches for AVX2 and that both lanes' 16 bytes
        // are readable.
        unsafe {
            if stride == 16 {
                _mm256_loadu_si256(src.cast())
            } else {
                _mm256_set_m128i(_mm_loadu_si128(src.add(stride).cast()), _mm_loadu_si128(src.cast()))
            }
        }
    }

    #[inline(always)]
    unsafe fn broadcast(table: &[u8; 16]) -> Self {
        // SAFETY: the caller vouches for AVX2; loads exactly `table`.
        unsafe { _mm256_broadcastsi128_si256(_mm_loadu_si128(table.as_ptr().cast())) }
    }

    #[inline(always)]
    unsafe fn digits(self) -> (Self, Self) {
        // SAFETY: the caller vouches for AVX2; loads exactly `DIGITS`.
        unsafe {
            let digits = _mm256_broadcastsi128_si256(_mm_loadu_si128(DIGITS.as_ptr().cast()));
            let low_nibbles = _mm256_set1_epi8(0x0f);
            (
                _mm256_shuffle_epi8(digits, _mm256_and_si256(_mm256_srli_epi16(self, 4), low_nibbles)),
                _mm256_shuffle_epi8(digits, _mm256_and_si256(self, low_nibbles)),
            )
        }
    }

    #[inline(always)]
    unsafe fn shuffle(table: Self, indices: Self) -> Self {
        // SAFETY: the caller vouches for AVX2.
        unsafe { _mm256_shuffle_epi8(table, indices) }
    }

    #[inline(always)]
    unsafe fn or(self, other: Self) -> Self {
        // SAFETY: the caller vouches for AVX2.
        unsafe { _mm256_or_si256(self, other) }
    }

    #[inline(always)]
    unsafe fn and(self, other: Self) -> Self {
        // SAFETY: the caller vouches for AVX2.
        unsafe { _mm256_and_si256(self, other) }
    }

    #[inline(always)]
    unsafe fn store_lane(self, lane: usize, dst: *mut u8) {
        // SAFETY: the caller vouches for AVX2 and that the 16 bytes are
        // writable.
        unsafe {
            let half = if lane == 0 {
                _mm256_castsi256_si128(self)
            } else {
                _mm256_extracti128_si256::<1>(self)
            };
            _mm_storeu_si128(dst.cast(), half)
        }
    }
}

/// The values of 32 characters, and a vector that is all ones in the bytes
/// whose character is a hex digit.
#[inline]
#[target_feature(enable = "avx2")]
fn nibbles(chars: __m256i) -> (__m256i, __m256i) {
    // Subtracting the start of a range makes the range start at zero and
    // wrap everything below it around to the top, so one unsigned comparison
    // checks both ends; setting bit 5 folds capitals onto lowercase letters.
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

/// The 32 bytes of 64 characters, and the index of the first character
/// that is not a hex digit (64 if there is none).
#[inline]
#[target_feature(enable = "avx2")]
fn decode_block(first: __m256i, second: __m256i) -> (__m256i, usize) {
    let (first_values, first_ok) = nibbles(first);
    let (second_values, second_ok) = nibbles(second);
    // high * 16 + low for each pair of characters.
    let weights = _mm256_set1_epi16(0x0110);
    let first_bytes = _mm256_maddubs_epi16(first_values, weights);
    let second_bytes = _mm256_maddubs_epi16(second_values, weights);
    // Packing works within 128-bit lanes; the permutation puts the four
    // quarters back in order.
    let bytes = _mm256_permute4x64_epi64(_mm256_packus_epi16(first_bytes, second_bytes), 0b11_01_10_00);
    let ok = u64::from(_mm256_movemask_epi8(first_ok) as u32) | u64::from(_mm256_movemask_epi8(second_ok) as u32) << 32;
    (bytes, (!ok).trailing_zeros() as usize)
}

/// Decodes the whole pairs of `input` before its first character that is
/// not a hex digit, as many as fit in `output`; returns the characters
/// consumed, having written a byte per 2 of them.
#[target_feature(enable = "avx2")]
pub(super) fn decode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let pairs = (input.len() / 2).min(output.len());
    let src = input.as_ptr();
    let dst = output.as_mut_ptr().cast::<u8>();
    let mut done = 0;
    while pairs - done >= UNROLL * BYTES_PER_BLOCK {
        let mut bytes = [_mm256_setzero_si256(); UNROLL];
        let mut all_good = true;
        for (block, bytes) in bytes.iter_mut().enumerate() {
            let chars = src.wrapping_add(2 * (done + block * BYTES_PER_BLOCK));
            // SAFETY: pairs `done..done + 64` are below `pairs`, so each
            // block's 64 characters lie within `input`.
            let (block_bytes, first_bad) = unsafe {
                decode_block(
                    _mm256_loadu_si256(chars.cast()),
                    _mm256_loadu_si256(chars.add(32).cast()),
                )
            };
            *bytes = block_bytes;
            all_good &= first_bad == 2 * BYTES_PER_BLOCK;
        }
        if !all_good {
            break;
        }
        for (block, &bytes) in bytes.iter().enumerate() {
            // SAFETY: pairs `done..done + 64` are below `pairs`, so each
            // block's 32 bytes lie within `output`.
            unsafe { _mm256_storeu_si256(dst.add(done + block * BYTES_PER_BLOCK).cast(), bytes) };
        }
        done += UNROLL * BYTES_PER_BLOCK;
    }
    while done < pairs {
        let count = (pairs - done).min(BYTES_PER_BLOCK);
        let (bytes, first_bad) = if count == BYTES_PER_BLOCK {
            let chars = src.wrapping_add(2 * done);
            // SAFETY: pairs `done..done + 32` are below `pairs`, so their 64
            // characters lie within `input`.
            unsafe {
                decode_block(
                    _mm256_loadu_si256(chars.cast()),
                    _mm256_loadu_si256(chars.add(32).cast()),
                )
            }
        } else {
            // Zeros past the last pair are not hex digits, so at most `count`
            // pairs come out good.
            let mut chars = [0; 2 * BYTES_PER_BLOCK];
            chars[..2 * count].copy_from_slice(&input[2 * done..2 * (done + count)]);
            // SAFETY: the loads read exactly the 64 bytes of `chars`.
            unsafe {
                decode_block(
                    _mm256_loadu_si256(chars.as_ptr().cast()),
                    _mm256_loadu_si256(chars[32..].as_ptr().cast()),
                )
            }
        };
        let good = first_bad / 2;
        if output.len() - done >= BYTES_PER_BLOCK {
            // SAFETY: the check keeps the store within `output`.
            unsafe { _mm256_storeu_si256(dst.add(done).cast(), bytes) };
        } else {
            let mut scratch = [0; BYTES_PER_BLOCK];
            // SAFETY: stores exactly the 32 bytes of `scratch`.
            unsafe { _mm256_storeu_si256(scratch.as_mut_ptr().cast(), bytes) };
            write_prefix(&mut output[done..], &scratch, good);
        }
        done += good;
        if good < count {
            break;
        }
    }
    2 * done
}
