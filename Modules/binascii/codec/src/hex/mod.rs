//! Hexadecimal, as `binascii.hexlify` (CPython's `_Py_strhex_impl`, which
//! `bytes.hex()` shares) and `binascii.unhexlify` do it.

#[doc(hidden)]
pub mod vector;

use core::fmt;

use crate::Output;

/// Where `hexlify` puts separators: after every `group` bytes, counted from
/// the end of the data (`bytes_per_sep > 0`) or from its start (`< 0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Separator {
    pub byte: u8,
    pub bytes_per_sep: i32,
}

/// Why `hexlify` cannot produce a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodeError {
    /// The result would not fit in a `Py_ssize_t`; C raises MemoryError.
    TooLong,
}

/// The length of the hex of `input_len` bytes with `separator`, refusing
/// (as C does) results of `isize::MAX / 2` bytes or more.
pub fn encoded_len(input_len: usize, separator: Option<Separator>) -> Result<usize, EncodeError> {
    let separators = match separator {
        Some(separator) if separator.bytes_per_sep != 0 && input_len > 0 => {
            (input_len - 1) / separator.bytes_per_sep.unsigned_abs() as usize
        }
        _ => 0,
    };
    if input_len >= (isize::MAX as usize / 2).saturating_sub(separators) {
        return Err(EncodeError::TooLong);
    }
    Ok(input_len * 2 + separators)
}

/// Appends the lowercase hex of `input`, with separators as asked. `out`
/// must have room for `encoded_len(input.len(), separator)` bytes.
pub fn encode(input: &[u8], separator: Option<Separator>, out: &mut Output<'_>) {
    // C writes no separator when a group would hold all the data.
    let separator = separator
        .filter(|separator| separator.bytes_per_sep != 0)
        .filter(|separator| (separator.bytes_per_sep.unsigned_abs() as usize) < input.len());
    let Some(Separator { byte, bytes_per_sep }) = separator else {
        vector::encode_prefix(input, out);
        return;
    };
    let group = bytes_per_sep.unsigned_abs() as usize;
    // Counting from the end, the short group comes first; from the start,
    // last. Every group after the first has a separator before it.
    let first_group = if bytes_per_sep > 0 {
        input.len() - (input.len() - 1) / group * group
    } else {
        group
    };
    let (first, rest) = input.split_at(first_group);
    vector::encode_prefix(first, out);
    vector::encode_groups(rest, group, byte, out);
}

/// Why `unhexlify` refuses its input. The messages are the C module's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    OddLength,
    NotHex,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DecodeError::OddLength => "Odd-length string",
            DecodeError::NotHex => "Non-hexadecimal digit found",
        })
    }
}

/// Appends the bytes that the hex digits of `input` (either case) stand
/// for. `out` must have room for `input.len() / 2` bytes.
pub fn decode(input: &[u8], out: &mut Output<'_>) -> Result<(), DecodeError> {
    if !input.len().is_multiple_of(2) {
        return Err(DecodeError::OddLength);
    }
    if vector::decode_prefix(input, out) != input.len() {
        return Err(DecodeError::NotHex);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
