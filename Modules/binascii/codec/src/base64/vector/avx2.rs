//! AVX2: 8 groups a register, following Muła and Lemire ("Faster Base64
//! encoding and decoding using AVX2 instructions", 2018): multiplications
//! move the 6-bit fields, and 16-entry shuffles classify characters by
//! nibble. Blocks that would read or write past the caller's slices go
//! through scratch arrays instead.

use std::arch::x86_64::*;
use std::mem::MaybeUninit;

use super::write_prefix;

const GROUPS_PER_BLOCK: usize = 8;
/// Blocks handled between two branches of the main loops.
const UNROLL: usize = 4;

/// Broadcasts a 16-byte table to both 128-bit lanes, since shuffles look up
/// within a lane.
#[inline]
#[target_feature(enable = "avx2")]
fn lanes(table: [u8; 16]) -> __m256i {
    // SAFETY: loads exactly the 16 bytes of `table`, with no alignment
    // requirement.
    _mm256_broadcastsi128_si256(unsafe { _mm_loadu_si128(table.as_ptr().cast()) })
}

/// Encodes the 8 groups whose first 12 bytes are at the start of `low` and
/// last 12 at the start of `high`.
#[inline]
#[target_feature(enable = "avx2")]
fn encode_block(low: __m128i, high: __m128i) -> __m256i {
    let bytes = _mm256_inserti128_si256(_mm256_castsi128_si256(low), high, 1);
    // Bytes b1 b0 b2 b1 of each group in a 32-bit lane put its four 6-bit
    // fields at bits 10, 4, 22 and 16, where one multiply per pair of fields
    // moves them to the bottom of bytes 0..3. The multipliers are powers of
    // two plus terms that never reach the bits kept (the fields are too
    // narrow): with pure powers of two, LLVM turns the multiplies into
    // per-lane shifts, which AVX2 lacks for 16-bit lanes and emulates with
    // twice as many instructions.
    let spread = _mm256_shuffle_epi8(bytes, lanes([1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10]));
    let first_and_third = _mm256_and_si256(spread, _mm256_set1_epi32(0x0fc0_fc00));
    let first_and_third = _mm256_mulhi_epu16(first_and_third, _mm256_set1_epi32(0x0401_0041));
    let second_and_fourth = _mm256_and_si256(spread, _mm256_set1_epi32(0x003f_03f0));
    let second_and_fourth = _mm256_mullo_epi16(second_and_fourth, _mm256_set1_epi32(0x0100_1010));
    let indices = _mm256_or_si256(first_and_third, second_and_fourth);
    // The alphabet is five runs of consecutive characters: number the run
    // each index falls in (0: a-z, 1..=10: digits, 11: '+', 12: '/', 13:
    // A-Z) and add that run's distance from index to character.
    let run = _mm256_subs_epu8(indices, _mm256_set1_epi8(51));
    let in_upper = _mm256_cmpgt_epi8(_mm256_set1_epi8(26), indices);
    let run = _mm256_or_si256(run, _mm256_and_si256(in_upper, _mm256_set1_epi8(13)));
    let distance = [71, 252, 252, 252, 252, 252, 252, 252, 252, 252, 252, 237, 240, 65, 0, 0];
    _mm256_add_epi8(indices, _mm256_shuffle_epi8(lanes(distance), run))
}

/// Encodes the first `count` (at most 8) groups of `input` to the start of
/// `output`, going through scratch arrays where whole vectors would not fit.
#[inline]
#[target_feature(enable = "avx2")]
fn encode_short(input: &[u8], output: &mut [MaybeUninit<u8>], count: usize) {
    let chars = if input.len() >= 28 {
        // SAFETY: the check keeps both loads within `input`.
        unsafe {
            encode_block(
                _mm_loadu_si128(input.as_ptr().cast()),
                _mm_loadu_si128(input[12..].as_ptr().cast()),
            )
        }
    } else {
        let mut bytes = [0; 32];
        bytes[..3 * count].copy_from_slice(&input[..3 * count]);
        // SAFETY: the loads read bytes 0..16 and 12..28 of `bytes`.
        unsafe {
            encode_block(
                _mm_loadu_si128(bytes.as_ptr().cast()),
                _mm_loadu_si128(bytes[12..].as_ptr().cast()),
            )
        }
    };
    if output.len() >= 32 {
        // SAFETY: the check keeps the store within `output`.
        unsafe { _mm256_storeu_si256(output.as_mut_ptr().cast(), chars) };
    } else {
        let mut scratch = [0; 32];
        // SAFETY: stores exactly the 32 bytes of `scratch`.
        unsafe { _mm256_storeu_si256(scratch.as_mut_ptr().cast(), chars) };
        write_prefix(output, &scratch, 4 * count);
    }
}

/// Encodes the whole groups of `input` that fit in `output` and returns the
/// bytes consumed, having written 4 characters per 3 of them.
#[target_feature(enable = "avx2")]
pub(super) fn encode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let groups = (input.len() / 3).min(output.len() / 4);
    // Stores that straddle cache lines cost about 15% at large sizes: a
    // short first block aligns the others, when the output's address allows
    // and there are enough of them to matter.
    let misalignment = output.as_ptr().addr() % 32;
    let mut done = if groups >= UNROLL * GROUPS_PER_BLOCK && misalignment.is_multiple_of(4) {
        (32 - misalignment) % 32 / 4
    } else {
        0
    };
    if done > 0 {
        encode_short(input, output, done);
    }
    let src = input.as_ptr();
    let dst = output.as_mut_ptr().cast::<u8>();
    // Each block loads 16 bytes for its last 12: 4 bytes past its groups
    // must still be inside `input`.
    while groups - done >= UNROLL * GROUPS_PER_BLOCK && input.len() - 3 * done >= 3 * UNROLL * GROUPS_PER_BLOCK + 4 {
        for block in 0..UNROLL {
            let first = done + block * GROUPS_PER_BLOCK;
            // SAFETY: the loop's checks keep the 28 bytes loaded from the
            // block's start within `input`, and its 32 characters within
            // `output` (groups `first..first + 8` are below `groups`).
            unsafe {
                let chars = encode_block(
                    _mm_loadu_si128(src.add(3 * first).cast()),
                    _mm_loadu_si128(src.add(3 * first + 12).cast()),
                );
                _mm256_storeu_si256(dst.add(4 * first).cast(), chars);
            }
        }
        done += UNROLL * GROUPS_PER_BLOCK;
    }
    while done < groups {
        let count = (groups - done).min(GROUPS_PER_BLOCK);
        encode_short(&input[3 * done..], &mut output[4 * done..], count);
        done += count;
    }
    3 * groups
}

/// The 6-bit values of 32 characters, and a vector that is nonzero in the
/// bytes whose character is outside the alphabet.
#[inline]
#[target_feature(enable = "avx2")]
fn translate(chars: __m256i) -> (__m256i, __m256i) {
    // A character is in the alphabet unless its low nibble's class and its
    // high nibble's class share a bit. Bit 0x10: high nibbles that never
    // start a valid character; 0x01: row 2 ('+' and '/' only); 0x02: row 3
    // (digits, low nibbles 0-9); 0x04: rows 4 and 6 (letters, 1-15); 0x08:
    // rows 5 and 7 (letters, 0-10).
    let high = _mm256_and_si256(_mm256_srli_epi32(chars, 4), _mm256_set1_epi8(0x0f));
    let low = _mm256_and_si256(chars, _mm256_set1_epi8(0x0f));
    let high_classes = [
        0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    ];
    let low_classes = [
        0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1a, 0x1b, 0x1b, 0x1b, 0x1a,
    ];
    let flags = _mm256_and_si256(
        _mm256_shuffle_epi8(lanes(high_classes), high),
        _mm256_shuffle_epi8(lanes(low_classes), low),
    );
    // Within a valid row the distance from character to value is one per
    // row, except that '/' shares row 2 with '+': it looks up row 1 instead.
    let is_slash = _mm256_cmpeq_epi8(chars, _mm256_set1_epi8(b'/' as i8));
    let distances = [0, 16, 19, 4, 191, 191, 185, 185, 0, 0, 0, 0, 0, 0, 0, 0];
    let distance = _mm256_shuffle_epi8(lanes(distances), _mm256_add_epi8(high, is_slash));
    (_mm256_add_epi8(chars, distance), flags)
}

/// `avx512::compact` for CPUs without VBMI2: each block is stored whole,
/// and counts up to its first byte outside the alphabet, which the next
/// block starts after (one dropped byte per block: right for MIME's line
/// ends, exact for anything).
#[target_feature(enable = "avx2")]
pub(super) fn compact(input: &[u8], scratch: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    let (mut read, mut written) = (0, 0);
    while input.len() - read >= 32 && scratch.len() - written >= 32 {
        // SAFETY: the loop's condition keeps the load within `input`.
        let chars = unsafe { _mm256_loadu_si256(input.as_ptr().add(read).cast()) };
        let good = _mm256_movemask_epi8(_mm256_cmpeq_epi8(translate(chars).1, _mm256_setzero_si256())) as u32;
        // SAFETY: the loop's condition leaves 32 bytes of `scratch` from
        // `written`.
        unsafe { _mm256_storeu_si256(scratch.as_mut_ptr().add(written).cast(), chars) };
        let run = (!good).trailing_zeros() as usize;
        written += run;
        read += run;
        if run < 32 {
            if input[read] == b'=' {
                return (read, written);
            }
            read += 1;
        }
    }
    let (tail_read, tail_written) = super::compact_bytewise(&input[read..], &mut scratch[written..]);
    (read + tail_read, written + tail_written)
}

/// The 24 bytes of 8 groups of 6-bit values, in the low bytes of the result.
#[inline]
#[target_feature(enable = "avx2")]
fn pack(values: __m256i) -> __m256i {
    // Each pair of values becomes 12 bits (first * 64 + second), then each
    // pair of those the group's 24 bits (first * 4096 + second).
    let twelve_bits = _mm256_maddubs_epi16(values, _mm256_set1_epi32(0x0140_0140));
    let groups = _mm256_madd_epi16(twelve_bits, _mm256_set1_epi32(0x0001_1000));
    let in_lanes = _mm256_shuffle_epi8(
        groups,
        lanes([2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 128, 128, 128, 128]),
    );
    _mm256_permutevar8x32_epi32(in_lanes, _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7))
}

/// Decodes the whole groups of `input` before its first character outside
/// the alphabet, as many as fit in `output`; returns the characters consumed,
/// having written 3 bytes per 4 of them.
#[target_feature(enable = "avx2")]
pub(super) fn decode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let quads = (input.len() / 4).min(output.len() / 3);
    let src = input.as_ptr();
    let dst = output.as_mut_ptr().cast::<u8>();
    // Stores are 32 bytes wide for 24 decoded: 8 bytes past the groups must
    // still be inside `output`.
    let mut done = 0;
    while quads - done >= UNROLL * GROUPS_PER_BLOCK && output.len() - 3 * done >= 3 * UNROLL * GROUPS_PER_BLOCK + 8 {
        let mut values = [_mm256_setzero_si256(); UNROLL];
        let mut flags = _mm256_setzero_si256();
        for (block, values) in values.iter_mut().enumerate() {
            // SAFETY: groups `done..done + 32` are below `quads`, so each
            // block's 32 characters lie within `input`.
            let chars = unsafe { _mm256_loadu_si256(src.add(4 * (done + block * GROUPS_PER_BLOCK)).cast()) };
            let (block_values, block_flags) = translate(chars);
            *values = block_values;
            flags = _mm256_or_si256(flags, block_flags);
        }
        if _mm256_testz_si256(flags, flags) == 0 {
            break;
        }
        for (block, &values) in values.iter().enumerate() {
            let first = done + block * GROUPS_PER_BLOCK;
            // SAFETY: the loop's check keeps the 32 bytes stored from the
            // block's first group within `output`.
            unsafe { _mm256_storeu_si256(dst.add(3 * first).cast(), pack(values)) };
        }
        done += UNROLL * GROUPS_PER_BLOCK;
    }
    while done < quads {
        let count = (quads - done).min(GROUPS_PER_BLOCK);
        let chars = if count == GROUPS_PER_BLOCK {
            // SAFETY: groups `done..done + 8` are below `quads`, so their 32
            // characters lie within `input`.
            unsafe { _mm256_loadu_si256(src.add(4 * done).cast()) }
        } else {
            // Zeros past the last group are outside the alphabet, so at most
            // `count` groups come out good.
            let mut scratch = [0; 32];
            scratch[..4 * count].copy_from_slice(&input[4 * done..4 * (done + count)]);
            // SAFETY: loads exactly the 32 bytes of `scratch`.
            unsafe { _mm256_loadu_si256(scratch.as_ptr().cast()) }
        };
        let (values, flags) = translate(chars);
        let bad = !_mm256_movemask_epi8(_mm256_cmpeq_epi8(flags, _mm256_setzero_si256())) as u32;
        let good = bad.trailing_zeros() as usize / 4;
        if output.len() - 3 * done >= 32 {
            // SAFETY: the check keeps the store within `output`.
            unsafe { _mm256_storeu_si256(dst.add(3 * done).cast(), pack(values)) };
        } else {
            let mut scratch = [0; 32];
            // SAFETY: stores exactly the 32 bytes of `scratch`.
            unsafe { _mm256_storeu_si256(scratch.as_mut_ptr().cast(), pack(values)) };
            write_prefix(&mut output[3 * done..], &scratch, 3 * good);
        }
        done += good;
        if good < count {
            break;
        }
    }
    4 * done
}
