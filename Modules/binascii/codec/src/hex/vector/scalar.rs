//! Table-driven hex for CPUs without a vector path: one lookup per byte when
//! encoding, one per character when decoding, four bytes per step.

use std::mem::MaybeUninit;

use super::DIGITS;

/// The two characters of every byte, the high nibble's in the low byte.
static CHAR_PAIRS: [u16; 256] = char_pairs();

const fn char_pairs() -> [u16; 256] {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < table.len() {
        table[byte] = DIGITS[byte >> 4] as u16 | (DIGITS[byte & 15] as u16) << 8;
        byte += 1;
    }
    table
}

/// Set in a decoded pair that held a character that is not a hex digit; a
/// good pair's byte never reaches it.
const INVALID: u16 = 1 << 8;

/// The value of each character as a high nibble and as a low nibble, or
/// `INVALID`: OR-ing two lookups decodes a pair and validates it at once.
static NIBBLES: [[u16; 256]; 2] = nibble_tables();

const fn nibble_tables() -> [[u16; 256]; 2] {
    let mut tables = [[INVALID; 256]; 2];
    let mut char = 0;
    while char < 256 {
        let value = match char as u8 {
            digit @ b'0'..=b'9' => Some(digit - b'0'),
            letter @ b'a'..=b'f' => Some(letter - b'a' + 10),
            letter @ b'A'..=b'F' => Some(letter - b'A' + 10),
            _ => None,
        };
        if let Some(value) = value {
            tables[0][char] = (value as u16) << 4;
            tables[1][char] = value as u16;
        }
        char += 1;
    }
    tables
}

/// The byte of a pair of characters, or a value with `INVALID` set.
#[inline]
fn pair_value(chars: &[u8]) -> u16 {
    NIBBLES[0][usize::from(chars[0])] | NIBBLES[1][usize::from(chars[1])]
}

#[inline]
fn write_bytes(output: &mut [MaybeUninit<u8>], bytes: &[u8]) {
    for (slot, &byte) in output.iter_mut().zip(bytes) {
        slot.write(byte);
    }
}

/// Encodes the bytes of `input` that fit in `output` and returns how many
/// that is, having written 2 characters for each.
pub(super) fn encode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let count = input.len().min(output.len() / 2);
    let (input, output) = (&input[..count], &mut output[..2 * count]);
    let mut bytes = input.chunks_exact(4);
    let mut chars = output.chunks_exact_mut(8);
    for (bytes, chars) in (&mut bytes).zip(&mut chars) {
        let pair = |index: usize| u64::from(CHAR_PAIRS[usize::from(bytes[index])]);
        write_bytes(
            chars,
            &(pair(0) | pair(1) << 16 | pair(2) << 32 | pair(3) << 48).to_le_bytes(),
        );
    }
    for (&byte, chars) in bytes.remainder().iter().zip(chars.into_remainder().chunks_exact_mut(2)) {
        write_bytes(chars, &CHAR_PAIRS[usize::from(byte)].to_le_bytes());
    }
    count
}

/// Decodes the whole pairs of `input` before its first character that is
/// not a hex digit, as many as fit in `output`; returns the characters
/// consumed, having written a byte per 2 of them.
pub(super) fn decode(input: &[u8], output: &mut [MaybeUninit<u8>]) -> usize {
    let pairs = (input.len() / 2).min(output.len());
    let mut decoded = 0;
    for (chars, bytes) in input.chunks_exact(8).zip(output.chunks_exact_mut(4)).take(pairs / 4) {
        let values = [
            pair_value(&chars[..2]),
            pair_value(&chars[2..4]),
            pair_value(&chars[4..6]),
            pair_value(&chars[6..]),
        ];
        if (values[0] | values[1] | values[2] | values[3]) & INVALID != 0 {
            break;
        }
        write_bytes(bytes, &values.map(|value| value as u8));
        decoded += 4;
    }
    // The step that held a bad character may still start with good pairs,
    // and up to three pairs may be left over.
    while decoded < pairs {
        let value = pair_value(&input[2 * decoded..]);
        if value & INVALID != 0 {
            break;
        }
        output[decoded].write(value as u8);
        decoded += 1;
    }
    2 * decoded
}
