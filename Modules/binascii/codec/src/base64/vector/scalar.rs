//! Table-driven base64 for CPUs without a vector path: two groups per step,
//! with one lookup per pair of characters when encoding and one per
//! character when decoding.

use std::mem::MaybeUninit;

use super::ALPHABET;

/// The two characters of every 12-bit value, the first in the low byte.
static CHAR_PAIRS: [u16; 4096] = char_pairs();

const fn char_pairs() -> [u16; 4096] {
    let mut table = [0; 4096];
    let mut value = 0;
    while value < table.len() {
        table[value] = ALPHABET[value >> 6] as u16 | (ALPHABET[value & 63] as u16) << 8;
        value += 1;
    }
    table
}

/// Set in a decoded group that held a character outside the alphabet; the
/// 24 bits of a good group never reach it.
const INVALID: u32 = 1 << 31;

/// For the character at each position of a group of four, its 6-bit value
/// already shifted into place in the group's 24 bits, or `INVALID`: OR-ing
/// four lookups decodes a group and validates it at once.
static GROUP_BITS: [[u32; 256]; 4] = group_bits_tables();

const fn group_bits_tables() -> [[u32; 256]; 4] {
    let mut tables = [[INVALID; 256]; 4];
    let mut value = 0;
    while value < ALPHABET.len() {
        let mut position = 0;
        while position < 4 {
            tables[position][ALPHABET[value] as usize] = (value as u32) << (18 - 6 * position);
            position += 1;
        }
        value += 1;
    }
    tables
}

/// The 24 bits of a group of four characters, or a value with `INVALID` set.
#[inline]
fn group_bits(chars: &[u8]) -> u32 {
    GROUP_BITS[0][usize::from(chars[0])]
        | GROUP_BITS[1][usize::from(chars[1])]
        | GROUP_BITS[2][usize::from(chars[2])]
        | GROUP_BITS[3][usize::from(chars[3])]
}

#[inline]
fn write_bytes(output: &mut [MaybeUninit<u8>], bytes: &[u8]) {
    for (slot, &byte) in output.iter_mut().zip(bytes) {
        slot.write(byte);
    }
}

/// Encodes the whole groups of `input` that fit in `output` and returns the
/// bytes consumed, having written 4 characters per 3 of them.
pub(super) fn encode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let groups = (input.len() / 3).min(output.len() / 4);
    let pairs = groups / 2;
    for (bytes, chars) in input.chunks_exact(6).zip(output.chunks_exact_mut(8)).take(pairs) {
        let bits = u64::from(u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])) << 16
            | u64::from(u16::from_be_bytes([bytes[4], bytes[5]]));
        let pair = |shift: u32| u64::from(CHAR_PAIRS[(bits >> shift) as usize & 0xfff]);
        write_bytes(
            chars,
            &(pair(36) | pair(24) << 16 | pair(12) << 32 | pair(0) << 48).to_le_bytes(),
        );
    }
    if groups % 2 == 1 {
        let last = groups - 1;
        let bytes = &input[3 * last..3 * groups];
        let bits = usize::from(bytes[0]) << 16 | usize::from(bytes[1]) << 8 | usize::from(bytes[2]);
        let chars = u32::from(CHAR_PAIRS[bits >> 12]) | u32::from(CHAR_PAIRS[bits & 0xfff]) << 16;
        write_bytes(&mut output[4 * last..4 * groups], &chars.to_le_bytes());
    }
    3 * groups
}

/// Decodes the whole groups of `input` before its first character outside
/// the alphabet, as many as fit in `output`; returns the characters consumed,
/// having written 3 bytes per 4 of them.
pub(super) fn decode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let quads = (input.len() / 4).min(output.len() / 3);
    let mut decoded = 0;
    for (chars, bytes) in input.chunks_exact(8).zip(output.chunks_exact_mut(6)).take(quads / 2) {
        let (first, second) = (group_bits(&chars[..4]), group_bits(&chars[4..]));
        if (first | second) & INVALID != 0 {
            break;
        }
        write_bytes(bytes, &(u64::from(first) << 40 | u64::from(second) << 16).to_be_bytes());
        decoded += 2;
    }
    // The pair that held a bad character may still start with a good group,
    // and an odd group may be left over.
    while decoded < quads {
        let bits = group_bits(&input[4 * decoded..]);
        if bits & INVALID != 0 {
            break;
        }
        write_bytes(&mut output[3 * decoded..], &bits.to_be_bytes()[1..]);
        decoded += 1;
    }
    4 * decoded
}
