//! AVX-512 VBMI: 16 groups a register, with VBMI's byte permutations doing
//! the whole alphabet lookup in one instruction each way (the method of Muła
//! and Lemire, "Base64 encoding and decoding at almost the speed of a memory
//! copy", 2019). Masked loads and stores handle short blocks, so no path
//! here reads or writes a byte outside the caller's slices.

use std::arch::x86_64::*;
use std::mem::MaybeUninit;

use super::ALPHABET;

const GROUPS_PER_BLOCK: usize = 16;
/// Blocks handled between two branches of the main loops.
const UNROLL: usize = 4;

/// For each 32-bit lane, the bytes b1 b0 b2 b1 of its 3-byte group: read as
/// a little-endian word, they put all four 6-bit fields of the group at fixed
/// bit offsets (10, 4, 22 and 16) for `ENCODE_SHIFTS` to pick out.
static ENCODE_SPREAD: [u8; 64] = encode_spread();

const fn encode_spread() -> [u8; 64] {
    let mut table = [0; 64];
    let mut lane = 0;
    while lane < GROUPS_PER_BLOCK {
        let group = 3 * lane as u8;
        table[4 * lane] = group + 1;
        table[4 * lane + 1] = group;
        table[4 * lane + 2] = group + 2;
        table[4 * lane + 3] = group + 1;
        lane += 1;
    }
    table
}

/// Bit offsets, within each 64-bit lane (two groups), of the 6-bit fields in
/// output order; the two bits above each field are ignored by the alphabet
/// permutation, which reads only the low six bits of an index.
static ENCODE_SHIFTS: [u8; 64] = encode_shifts();

const fn encode_shifts() -> [u8; 64] {
    let offsets = [10, 4, 22, 16, 42, 36, 54, 48];
    let mut table = [0; 64];
    let mut index = 0;
    while index < table.len() {
        table[index] = offsets[index % 8];
        index += 1;
    }
    table
}

/// Marks a character outside the alphabet in `DECODE_VALUES`.
const BAD: u8 = 0x80;

/// The 6-bit value of each of the 128 ASCII characters, or `BAD`. The
/// two-table permutation reads only seven bits of each character, so bytes
/// from 128 up are caught by their own top bit instead.
static DECODE_VALUES: [u8; 128] = decode_values();

const fn decode_values() -> [u8; 128] {
    let mut table = [BAD; 128];
    let mut value = 0;
    while value < ALPHABET.len() {
        table[ALPHABET[value] as usize] = value as u8;
        value += 1;
    }
    table
}

/// Gathers bytes 2, 1, 0 of each 32-bit lane (a group's 24 bits, least
/// significant byte first) into 48 bytes in stream order.
static DECODE_PACK: [u8; 64] = decode_pack();

const fn decode_pack() -> [u8; 64] {
    let mut table = [0; 64];
    let mut index = 0;
    while index < 3 * GROUPS_PER_BLOCK {
        table[index] = (4 * (index / 3) + 2 - index % 3) as u8;
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

/// Encodes the 16 groups in the first 48 bytes of `bytes`.
#[inline]
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn encode_block(bytes: __m512i) -> __m512i {
    let spread = _mm512_permutexvar_epi8(vector(&ENCODE_SPREAD), bytes);
    let indices = _mm512_multishift_epi64_epi8(vector(&ENCODE_SHIFTS), spread);
    _mm512_permutexvar_epi8(indices, vector(ALPHABET))
}

/// Encodes `count` (at most 16) groups.
///
/// # Safety
/// `3 * count` bytes must be readable at `src`, and `4 * count` writable at
/// `dst`.
#[inline]
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
unsafe fn encode_masked(src: *const u8, dst: *mut u8, count: usize) {
    // SAFETY: the masks limit the load and the store to the bytes the caller
    // vouches for; masked-off bytes are neither accessed nor able to fault.
    unsafe {
        let bytes = _mm512_maskz_loadu_epi8(low_bits(3 * count), src.cast());
        _mm512_mask_storeu_epi8(dst.cast(), low_bits(4 * count), encode_block(bytes));
    }
}

/// Encodes the whole groups of `input` that fit in `output` and returns the
/// bytes consumed, having written 4 characters per 3 of them.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
pub(super) fn encode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let groups = (input.len() / 3).min(output.len() / 4);
    let src = input.as_ptr();
    let dst = output.as_mut_ptr().cast::<u8>();
    // Stores that straddle cache lines (or the 32-byte halves that some CPUs
    // split 512-bit stores into) cost about 15% at large sizes: a short
    // first block aligns the others, when the output's address allows and
    // there are enough of them to matter.
    let misalignment = dst.addr() % 64;
    let mut done = if groups >= UNROLL * GROUPS_PER_BLOCK && misalignment.is_multiple_of(4) {
        (64 - misalignment) % 64 / 4
    } else {
        0
    };
    if done > 0 {
        // SAFETY: groups `0..done` are below `groups`, so their bytes lie
        // within `input` and their characters within `output`.
        unsafe { encode_masked(src, dst, done) };
    }
    // Whole loads read 64 bytes for 48: 16 bytes past the groups must still be
    // inside `input`.
    while groups - done >= UNROLL * GROUPS_PER_BLOCK && input.len() - 3 * done >= 3 * UNROLL * GROUPS_PER_BLOCK + 16 {
        for block in 0..UNROLL {
            let first = done + block * GROUPS_PER_BLOCK;
            // SAFETY: the loop's checks keep the 64 bytes loaded from the
            // block's start within `input`, and its 64 characters within
            // `output` (groups `first..first + 16` are below `groups`).
            unsafe {
                let chars = encode_block(_mm512_loadu_si512(src.add(3 * first).cast()));
                _mm512_storeu_si512(dst.add(4 * first).cast(), chars);
            }
        }
        done += UNROLL * GROUPS_PER_BLOCK;
    }
    while done < groups {
        let count = (groups - done).min(GROUPS_PER_BLOCK);
        // SAFETY: groups `done..done + count` are below `groups`, as above.
        unsafe { encode_masked(src.add(3 * done), dst.add(4 * done), count) };
        done += count;
    }
    3 * groups
}

/// The 6-bit values of 64 characters, and a vector whose bytes have their top
/// bit set where the character is outside the alphabet.
#[inline]
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn translate(chars: __m512i) -> (__m512i, __m512i) {
    let values = _mm512_permutex2var_epi8(vector(&DECODE_VALUES), chars, vector(&DECODE_VALUES[64..]));
    (values, _mm512_or_si512(values, chars))
}

/// Copies the alphabet characters of `input` to `scratch`, in order,
/// dropping every byte that is neither an alphabet character nor '=';
/// stops before the first '=', or once `scratch` has no room for another
/// 64 characters. Returns (bytes of `input` consumed, characters written).
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2")]
pub(super) fn compact(input: &[u8], scratch: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    let pad = _mm512_set1_epi8(b'=' as i8);
    let (mut read, mut written) = (0, 0);
    // Whole blocks without '=' first: nothing in them decides where the
    // next load starts, which keeps loads off the critical path.
    while input.len() - read >= 64 && scratch.len() - written >= 64 {
        // SAFETY: the loop's condition keeps the load within `input`.
        let chars = unsafe { _mm512_loadu_si512(input.as_ptr().add(read).cast()) };
        if _mm512_cmpeq_epi8_mask(chars, pad) != 0 {
            break;
        }
        let keep = !_mm512_movepi8_mask(translate(chars).1);
        // SAFETY: the loop's condition leaves 64 bytes of `scratch` from
        // `written`.
        unsafe {
            _mm512_storeu_si512(
                scratch.as_mut_ptr().add(written).cast(),
                _mm512_maskz_compress_epi8(keep, chars),
            )
        };
        written += keep.count_ones() as usize;
        read += 64;
    }
    while read < input.len() && scratch.len() - written >= 64 {
        let count = (input.len() - read).min(64);
        let present = low_bits(count);
        // SAFETY: the mask limits the load to `input[read..read + count]`.
        let chars = unsafe { _mm512_maskz_loadu_epi8(present, input.as_ptr().add(read).cast()) };
        let (_, flags) = translate(chars);
        let pads = _mm512_cmpeq_epi8_mask(chars, pad) & present;
        let taken = if pads == 0 {
            count
        } else {
            pads.trailing_zeros() as usize
        };
        let keep = !_mm512_movepi8_mask(flags) & low_bits(taken);
        // SAFETY: the loop's condition leaves 64 bytes of `scratch` from
        // `written`.
        unsafe {
            _mm512_storeu_si512(
                scratch.as_mut_ptr().add(written).cast(),
                _mm512_maskz_compress_epi8(keep, chars),
            )
        };
        written += keep.count_ones() as usize;
        read += taken;
        if pads != 0 {
            break;
        }
    }
    (read, written)
}

/// The 48 bytes of 16 groups of 6-bit values, in the low bytes of the result.
#[inline]
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
fn pack(values: __m512i) -> __m512i {
    // Each pair of values becomes 12 bits (first * 64 + second), then each
    // pair of those the group's 24 bits (first * 4096 + second).
    let twelve_bits = _mm512_maddubs_epi16(values, _mm512_set1_epi32(0x0140_0140));
    let groups = _mm512_madd_epi16(twelve_bits, _mm512_set1_epi32(0x0001_1000));
    _mm512_permutexvar_epi8(vector(&DECODE_PACK), groups)
}

/// Decodes the whole groups of `input` before its first character outside
/// the alphabet, as many as fit in `output`; returns the characters consumed,
/// having written 3 bytes per 4 of them.
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi")]
pub(super) fn decode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let quads = (input.len() / 4).min(output.len() / 3);
    let src = input.as_ptr();
    let dst = output.as_mut_ptr().cast::<u8>();
    let full_store = low_bits(3 * GROUPS_PER_BLOCK);
    let mut done = 0;
    while quads - done >= UNROLL * GROUPS_PER_BLOCK {
        let mut values = [_mm512_setzero_si512(); UNROLL];
        let mut flags = _mm512_setzero_si512();
        for (block, values) in values.iter_mut().enumerate() {
            // SAFETY: groups `done..done + 64` are below `quads`, so each
            // block's 64 characters lie within `input`.
            let chars = unsafe { _mm512_loadu_si512(src.add(4 * (done + block * GROUPS_PER_BLOCK)).cast()) };
            let (block_values, block_flags) = translate(chars);
            *values = block_values;
            flags = _mm512_or_si512(flags, block_flags);
        }
        if _mm512_movepi8_mask(flags) != 0 {
            break;
        }
        for (block, &values) in values.iter().enumerate() {
            let first = done + block * GROUPS_PER_BLOCK;
            // SAFETY: the 48 bytes of groups `first..first + 16` lie within
            // `output`, as those groups are below `quads`.
            unsafe { _mm512_mask_storeu_epi8(dst.add(3 * first).cast(), full_store, pack(values)) };
        }
        done += UNROLL * GROUPS_PER_BLOCK;
    }
    while done < quads {
        let count = (quads - done).min(GROUPS_PER_BLOCK);
        // SAFETY: the mask limits the load to the characters of groups
        // `done..done + count`, which lie within `input`.
        let chars = unsafe { _mm512_maskz_loadu_epi8(low_bits(4 * count), src.add(4 * done).cast()) };
        let (values, flags) = translate(chars);
        // The zeros loaded past the last group are outside the alphabet too,
        // so at most `count` groups come out good.
        let good = _mm512_movepi8_mask(flags).trailing_zeros() as usize / 4;
        // SAFETY: the mask limits the store to the bytes of the `good` groups
        // from `done`, which lie within `output` as `good <= count`.
        unsafe { _mm512_mask_storeu_epi8(dst.add(3 * done).cast(), low_bits(3 * good), pack(values)) };
        done += good;
        if good < count {
            break;
        }
    }
    4 * done
}
