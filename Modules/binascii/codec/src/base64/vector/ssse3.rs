//! SSSE3: the AVX2 method (see `avx2.rs` for how it works) on 4 groups a
//! register, for x86_64 CPUs without AVX2. Blocks that would read or write
//! past the caller's slices go through scratch arrays instead.

use std::arch::x86_64::*;
use std::mem::MaybeUninit;

use super::write_prefix;

const GROUPS_PER_BLOCK: usize = 4;
/// Blocks handled between two branches of the main loops.
const UNROLL: usize = 4;

#[inline]
#[target_feature(enable = "ssse3")]
fn from_bytes(bytes: [u8; 16]) -> __m128i {
    // SAFETY: loads exactly the 16 bytes of `bytes`, with no alignment
    // requirement.
    unsafe { _mm_loadu_si128(bytes.as_ptr().cast()) }
}

/// Encodes the 4 groups in the first 12 bytes of `bytes`.
#[inline]
#[target_feature(enable = "ssse3")]
fn encode_block(bytes: __m128i) -> __m128i {
    // The multipliers are not plain powers of two on purpose: see `avx2.rs`.
    let spread = _mm_shuffle_epi8(bytes, from_bytes([1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10]));
    let first_and_third = _mm_and_si128(spread, _mm_set1_epi32(0x0fc0_fc00));
    let first_and_third = _mm_mulhi_epu16(first_and_third, _mm_set1_epi32(0x0401_0041));
    let second_and_fourth = _mm_and_si128(spread, _mm_set1_epi32(0x003f_03f0));
    let second_and_fourth = _mm_mullo_epi16(second_and_fourth, _mm_set1_epi32(0x0100_1010));
    let indices = _mm_or_si128(first_and_third, second_and_fourth);
    let run = _mm_subs_epu8(indices, _mm_set1_epi8(51));
    let in_upper = _mm_cmpgt_epi8(_mm_set1_epi8(26), indices);
    let run = _mm_or_si128(run, _mm_and_si128(in_upper, _mm_set1_epi8(13)));
    let distance = [71, 252, 252, 252, 252, 252, 252, 252, 252, 252, 252, 237, 240, 65, 0, 0];
    _mm_add_epi8(indices, _mm_shuffle_epi8(from_bytes(distance), run))
}

/// Encodes the whole groups of `input` that fit in `output` and returns the
/// bytes consumed, having written 4 characters per 3 of them.
#[target_feature(enable = "ssse3")]
pub(super) fn encode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let groups = (input.len() / 3).min(output.len() / 4);
    let src = input.as_ptr();
    let dst = output.as_mut_ptr().cast::<u8>();
    // Each block loads 16 bytes for 12: 4 bytes past its groups must still be
    // inside `input`.
    let mut done = 0;
    while groups - done >= UNROLL * GROUPS_PER_BLOCK && input.len() - 3 * done >= 3 * UNROLL * GROUPS_PER_BLOCK + 4 {
        for block in 0..UNROLL {
            let first = done + block * GROUPS_PER_BLOCK;
            // SAFETY: the loop's checks keep the 16 bytes loaded from the
            // block's start within `input`, and its 16 characters within
            // `output` (groups `first..first + 4` are below `groups`).
            unsafe {
                let chars = encode_block(_mm_loadu_si128(src.add(3 * first).cast()));
                _mm_storeu_si128(dst.add(4 * first).cast(), chars);
            }
        }
        done += UNROLL * GROUPS_PER_BLOCK;
    }
    while done < groups {
        let count = (groups - done).min(GROUPS_PER_BLOCK);
        let chars = if input.len() - 3 * done >= 16 {
            // SAFETY: the check keeps the load within `input`.
            encode_block(unsafe { _mm_loadu_si128(src.add(3 * done).cast()) })
        } else {
            let mut bytes = [0; 16];
            bytes[..3 * count].copy_from_slice(&input[3 * done..3 * (done + count)]);
            encode_block(from_bytes(bytes))
        };
        if count == GROUPS_PER_BLOCK {
            // SAFETY: groups `done..done + 4` are below `groups`, so their 16
            // characters lie within `output`.
            unsafe { _mm_storeu_si128(dst.add(4 * done).cast(), chars) };
        } else {
            let mut scratch = [0; 16];
            // SAFETY: stores exactly the 16 bytes of `scratch`.
            unsafe { _mm_storeu_si128(scratch.as_mut_ptr().cast(), chars) };
            write_prefix(&mut output[4 * done..], &scratch, 4 * count);
        }
        done += count;
    }
    3 * groups
}

/// The 6-bit values of 16 characters, and a vector that is nonzero in the
/// bytes whose character is outside the alphabet.
#[inline]
#[target_feature(enable = "ssse3")]
fn translate(chars: __m128i) -> (__m128i, __m128i) {
    let high = _mm_and_si128(_mm_srli_epi32(chars, 4), _mm_set1_epi8(0x0f));
    let low = _mm_and_si128(chars, _mm_set1_epi8(0x0f));
    let high_classes = [
        0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    ];
    let low_classes = [
        0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1a, 0x1b, 0x1b, 0x1b, 0x1a,
    ];
    let flags = _mm_and_si128(
        _mm_shuffle_epi8(from_bytes(high_classes), high),
        _mm_shuffle_epi8(from_bytes(low_classes), low),
    );
    let is_slash = _mm_cmpeq_epi8(chars, _mm_set1_epi8(b'/' as i8));
    let distances = [0, 16, 19, 4, 191, 191, 185, 185, 0, 0, 0, 0, 0, 0, 0, 0];
    let distance = _mm_shuffle_epi8(from_bytes(distances), _mm_add_epi8(high, is_slash));
    (_mm_add_epi8(chars, distance), flags)
}

/// The 12 bytes of 4 groups of 6-bit values, in the low bytes of the result.
#[inline]
#[target_feature(enable = "ssse3")]
fn pack(values: __m128i) -> __m128i {
    let twelve_bits = _mm_maddubs_epi16(values, _mm_set1_epi32(0x0140_0140));
    let groups = _mm_madd_epi16(twelve_bits, _mm_set1_epi32(0x0001_1000));
    _mm_shuffle_epi8(
        groups,
        from_bytes([2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 128, 128, 128, 128]),
    )
}

/// Decodes the whole groups of `input` before its first character outside
/// the alphabet, as many as fit in `output`; returns the characters consumed,
/// having written 3 bytes per 4 of them.
#[target_feature(enable = "ssse3")]
pub(super) fn decode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let quads = (input.len() / 4).min(output.len() / 3);
    let src = input.as_ptr();
    let dst = output.as_mut_ptr().cast::<u8>();
    // Stores are 16 bytes wide for 12 decoded: 4 bytes past the groups must
    // still be inside `output`.
    let mut done = 0;
    while quads - done >= UNROLL * GROUPS_PER_BLOCK && output.len() - 3 * done >= 3 * UNROLL * GROUPS_PER_BLOCK + 4 {
        let mut values = [_mm_setzero_si128(); UNROLL];
        let mut flags = _mm_setzero_si128();
        for (block, values) in values.iter_mut().enumerate() {
            // SAFETY: groups `done..done + 16` are below `quads`, so each
            // block's 16 characters lie within `input`.
            let chars = unsafe { _mm_loadu_si128(src.add(4 * (done + block * GROUPS_PER_BLOCK)).cast()) };
            let (block_values, block_flags) = translate(chars);
            *values = block_values;
            flags = _mm_or_si128(flags, block_flags);
        }
        if _mm_movemask_epi8(_mm_cmpeq_epi8(flags, _mm_setzero_si128())) != 0xffff {
            break;
        }
        for (block, &values) in values.iter().enumerate() {
            let first = done + block * GROUPS_PER_BLOCK;
            // SAFETY: the loop's check keeps the 16 bytes stored from the
            // block's first group within `output`.
            unsafe { _mm_storeu_si128(dst.add(3 * first).cast(), pack(values)) };
        }
        done += UNROLL * GROUPS_PER_BLOCK;
    }
    while done < quads {
        let count = (quads - done).min(GROUPS_PER_BLOCK);
        let chars = if count == GROUPS_PER_BLOCK {
            // SAFETY: groups `done..done + 4` are below `quads`, so their 16
            // characters lie within `input`.
            unsafe { _mm_loadu_si128(src.add(4 * done).cast()) }
        } else {
            // Zeros past the last group are outside the alphabet, so at most
            // `count` groups come out good.
            let mut scratch = [0; 16];
            scratch[..4 * count].copy_from_slice(&input[4 * done..4 * (done + count)]);
            from_bytes(scratch)
        };
        let (values, flags) = translate(chars);
        let bad = !_mm_movemask_epi8(_mm_cmpeq_epi8(flags, _mm_setzero_si128())) as u32;
        let good = bad.trailing_zeros() as usize / 4;
        if output.len() - 3 * done >= 16 {
            // SAFETY: the check keeps the store within `output`.
            unsafe { _mm_storeu_si128(dst.add(3 * done).cast(), pack(values)) };
        } else {
            let mut scratch = [0; 16];
            // SAFETY: stores exactly the 16 bytes of `scratch`.
            unsafe { _mm_storeu_si128(scratch.as_mut_ptr().cast(), pack(values)) };
            write_prefix(&mut output[3 * done..], &scratch, 3 * good);
        }
        done += good;
        if good < count {
            break;
        }
    }
    4 * done
}
