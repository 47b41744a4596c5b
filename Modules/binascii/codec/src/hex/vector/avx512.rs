//! AVX-512 VBMI: the AVX2 method (see `avx2.rs`) on 64 bytes a block, with
//! VBMI's two-register byte permutation interleaving and de-interleaving
//! across the whole register, and masked loads and stores for short blocks,
//! so no path here reads or writes a byte outside the caller's slices.

use std::arch::x86_64::*;
use std::mem::MaybeUninit;

use super::DIGITS;
use super::grouped::{self, Lanes};

const BYTES_PER_BLOCK: usize = 64;
/// Blocks handled between two branches of the main loops.
const UNROLL: usize = 2;

/// Picks alternately from the high-nibble characters (indices below 64) and
/// the low-nibble ones: the first 64 bytes interleave the characters of
/// bytes 0-31, the next 64 those of bytes 32-63.
static INTERLEAVE: [u8; 128] = interleave();

const fn interleave() -> [u8; 128] {
    let mut table = [0; 128];
    let mut byte = 0;
    while byte < 64 {
        table[2 * byte] = byte as u8;
        table[2 * byte + 1] = 64 + byte as u8;
        byte += 1;
    }
    table
}

/// The low byte of each 16-bit lane of two registers.
static EVEN_BYTES: [u8; 64] = even_bytes();

const fn even_bytes() -> [u8; 64] {
    let mut table = [0; 64];
    let mut index = 0;
    while index < table.len() {
        table[index] = 2 * index as u8;
        index += 1;
    }
    table
}

/// The `count` lowest bits set, for masked loads and stores of `count` bytes.
#[inline]
fn low_bits(count: usize) -> u64 {
    if count >= 64 { u64::MAX } else { (1 << count) - 1 }
}

#[inline]
#[target_feature(enable = "avx512f")]
fn vector(bytes: &[u8]) -> __m512i {
    assert!(bytes.len() >= 64);
    // SAFETY: the assertion keeps the unaligned 64-byte load within `bytes`.
    unsafe { _mm512_loadu_si512(bytes.as_ptr().cast()) }
}

/// The 128 characters of 64 bytes, as two vectors in output order.
#[inline]
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn encode_block(bytes: __m512i) -> [__m512i; 2] {
    // SAFETY: loads exactly the 16 bytes of `DIGITS`.
    let digits = _mm512_broadcast_i32x4(unsafe { _mm_loadu_si128(DIGITS.as_ptr().cast()) });
    let low_nibbles = _mm512_set1_epi8(0x0f);
    let high = _mm512_shuffle_epi8(digits, _mm512_and_si512(_mm512_srli_epi16(bytes, 4), low_nibbles));
    let low = _mm512_shuffle_epi8(digits, _mm512_and_si512(bytes, low_nibbles));
    [
        _mm512_permutex2var_epi8(high, vector(&INTERLEAVE), low),
        _mm512_permutex2var_epi8(high, vector(&INTERLEAVE[64..]), low),
    ]
}

/// Encodes the bytes of `input` that fit in `output` and returns how many
/// that is, having written 2 characters for each.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
pub(super) fn encode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let count = input.len().min(output.len() / 2);
    let src = input.as_ptr();
    let dst = output.as_mut_ptr().cast::<u8>();
    let mut done = 0;
    while count - done >= UNROLL * BYTES_PER_BLOCK {
        for block in 0..UNROLL {
            let first = done + block * BYTES_PER_BLOCK;
            // SAFETY: bytes `first..first + 64` are below `count`, so they lie
            // within `input` and their 128 characters within `output`.
            unsafe {
                let [low_half, high_half] = encode_block(_mm512_loadu_si512(src.add(first).cast()));
                _mm512_storeu_si512(dst.add(2 * first).cast(), low_half);
                _mm512_storeu_si512(dst.add(2 * first + 64).cast(), high_half);
            }
        }
        done += UNROLL * BYTES_PER_BLOCK;
    }
    while done < count {
        let block = (count - done).min(BYTES_PER_BLOCK);
        // The second half's address may lie past the end of `output` (hence
        // `wrapping_add`), but then its mask is empty.
        // SAFETY: the masks keep the load within `input` and the stores within
        // `output`; masked-off bytes are neither accessed nor able to fault.
        unsafe {
            let bytes = _mm512_maskz_loadu_epi8(low_bits(block), src.add(done).cast());
            let [low_half, high_half] = encode_block(bytes);
            _mm512_mask_storeu_epi8(dst.add(2 * done).cast(), low_bits(2 * block), low_half);
            _mm512_mask_storeu_epi8(
                dst.wrapping_add(2 * done + 64).cast(),
                low_bits((2 * block).saturating_sub(64)),
                high_half,
            );
        }
        done += block;
    }
    count
}

/// For each `group` bytes of `input` (the last may be shorter), writes
/// `separator` then their hex; returns the characters written. `group` is at
/// most `grouped::MAX_LANE_GROUP`.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
pub(super) fn encode_groups(input: &[u8], group: usize, separator: u8, output: &mut [MaybeUninit<u8>]) -> usize {
    // SAFETY: this function's features are AVX-512 F and BW's, which include
    // SSSE3.
    unsafe { grouped::encode::<__m512i>(input, group, separator, output) }
}

impl Lanes for __m512i {
    const LANES: usize = 4;

    #[inline(always)]
    unsafe fn load(src: *const u8, stride: usize) -> Self {
        // SAFETY: the caller vouches for AVX-512 F and that the four lanes'
        // 16 bytes are readable.
        unsafe {
            if stride == 16 {
                return _mm512_loadu_si512(src.cast());
            }
            let lane = |index: usize| _mm_loadu_si128(src.add(index * stride).cast());
            let low = _mm256_set_m128i(lane(1), lane(0));
            let high = _mm256_set_m128i(lane(3), lane(2));
            _mm512_inserti64x4::<1>(_mm512_castsi256_si512(low), high)
        }
    }

    #[inline(always)]
    unsafe fn broadcast(table: &[u8; 16]) -> Self {
        // SAFETY: the caller vouches for AVX-512 F; loads exactly `table`.
        unsafe { _mm512_broadcast_i32x4(_mm_loadu_si128(table.as_ptr().cast())) }
    }

    #[inline(always)]
    unsafe fn digits(self) -> (Self, Self) {
        // SAFETY: the caller vouches for AVX-512 F and BW; loads exactly
        // `DIGITS`.
        unsafe {
            let digits = _mm512_broadcast_i32x4(_mm_loadu_si128(DIGITS.as_ptr().cast()));
            let low_nibbles = _mm512_set1_epi8(0x0f);
            (
                _mm512_shuffle_epi8(digits, _mm512_and_si512(_mm512_srli_epi16(self, 4), low_nibbles)),
                _mm512_shuffle_epi8(digits, _mm512_and_si512(self, low_nibbles)),
            )
        }
    }

    #[inline(always)]
    unsafe fn shuffle(table: Self, indices: Self) -> Self {
        // SAFETY: the caller vouches for AVX-512 BW.
        unsafe { _mm512_shuffle_epi8(table, indices) }
    }

    #[inline(always)]
    unsafe fn or(self, other: Self) -> Self {
        // SAFETY: the caller vouches for AVX-512 F.
        unsafe { _mm512_or_si512(self, other) }
    }

    #[inline(always)]
    unsafe fn and(self, other: Self) -> Self {
        // SAFETY: the caller vouches for AVX-512 F.
        unsafe { _mm512_and_si512(self, other) }
    }

    #[inline(always)]
    unsafe fn store_lane(self, lane: usize, dst: *mut u8) {
        // SAFETY: the caller vouches for AVX-512 F and that the 16 bytes are
        // writable.
        unsafe {
            let quarter = match lane {
                0 => _mm512_castsi512_si128(self),
                1 => _mm512_extracti32x4_epi32::<1>(self),
                2 => _mm512_extracti32x4_epi32::<2>(self),
                _ => _mm512_extracti32x4_epi32::<3>(self),
            };
            _mm_storeu_si128(dst.cast(), quarter)
        }
    }
}

/// The values of 64 characters, and a mask of those that are hex digits.
#[inline]
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn nibbles(chars: __m512i) -> (__m512i, u64) {
    // Subtracting the start of a range makes the range start at zero and
    // wrap everything below it around to the top, so one unsigned comparison
    // checks both ends; setting bit 5 folds capitals onto lowercase letters.
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

/// The 64 bytes of 128 characters, and the index of the first character
/// that is not a hex digit (128 if there is none).
#[inline]
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn decode_block(first: __m512i, second: __m512i) -> (__m512i, usize) {
    let (first_values, first_ok) = nibbles(first);
    let (second_values, second_ok) = nibbles(second);
    // high * 16 + low for each pair of characters.
    let weights = _mm512_set1_epi16(0x0110);
    let first_bytes = _mm512_maddubs_epi16(first_values, weights);
    let second_bytes = _mm512_maddubs_epi16(second_values, weights);
    let bytes = _mm512_permutex2var_epi8(first_bytes, vector(&EVEN_BYTES), second_bytes);
    let bad = u128::from(!second_ok) << 64 | u128::from(!first_ok);
    (bytes, bad.trailing_zeros() as usize)
}

/// Decodes the whole pairs of `input` before its first character that is
/// not a hex digit, as many as fit in `output`; returns the characters
/// consumed, having written a byte per 2 of them.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
pub(super) fn decode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let pairs = (input.len() / 2).min(output.len());
    let src = input.as_ptr();
    let dst = output.as_mut_ptr().cast::<u8>();
    let mut done = 0;
    while pairs - done >= UNROLL * BYTES_PER_BLOCK {
        let mut bytes = [_mm512_setzero_si512(); UNROLL];
        let mut all_good = true;
        for (block, bytes) in bytes.iter_mut().enumerate() {
            let chars = src.wrapping_add(2 * (done + block * BYTES_PER_BLOCK));
            // SAFETY: pairs `done..done + 128` are below `pairs`, so each
            // block's 128 characters lie within `input`.
            let (block_bytes, first_bad) = unsafe {
                decode_block(
                    _mm512_loadu_si512(chars.cast()),
                    _mm512_loadu_si512(chars.add(64).cast()),
                )
            };
            *bytes = block_bytes;
            all_good &= first_bad == 2 * BYTES_PER_BLOCK;
        }
        if !all_good {
            break;
        }
        for (block, &bytes) in bytes.iter().enumerate() {
            // SAFETY: pairs `done..done + 128` are below `pairs`, so each
            // block's 64 bytes lie within `output`.
            unsafe { _mm512_storeu_si512(dst.add(done + block * BYTES_PER_BLOCK).cast(), bytes) };
        }
        done += UNROLL * BYTES_PER_BLOCK;
    }
    while done < pairs {
        let count = (pairs - done).min(BYTES_PER_BLOCK);
        let chars = src.wrapping_add(2 * done);
        // The second half's address may lie past the end of `input` (hence
        // `wrapping_add`), but then its mask is empty.
        // SAFETY: the masks keep the loads within the characters of pairs
        // `done..done + count`; masked-off bytes are neither read nor fault.
        let (first, second) = unsafe {
            (
                _mm512_maskz_loadu_epi8(low_bits(2 * count), chars.cast()),
                _mm512_maskz_loadu_epi8(low_bits((2 * count).saturating_sub(64)), chars.wrapping_add(64).cast()),
            )
        };
        // The zeros loaded past the last pair are not hex digits, so at most
        // `count` pairs come out good.
        let (bytes, first_bad) = decode_block(first, second);
        let good = first_bad / 2;
        // SAFETY: the mask limits the store to the `good` bytes from `done`,
        // which lie within `output` as `good <= count`.
        unsafe { _mm512_mask_storeu_epi8(dst.add(done).cast(), low_bits(good), bytes) };
        done += good;
        if good < count {
            break;
        }
    }
    2 * done
}
