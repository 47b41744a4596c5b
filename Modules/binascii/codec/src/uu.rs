//! uuencode, one line at a time, as `binascii.a2b_uu` and `binascii.b2a_uu`
//! do it.

use core::fmt;

use crate::Output;

/// The most bytes one uuencoded line holds.
pub const MAX_LINE_BYTES: usize = 45;

/// Why a uuencode call fails. The messages are the C module's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    IllegalChar,
    TrailingGarbage,
    TooLong,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Error::IllegalChar => "Illegal char",
            Error::TrailingGarbage => "Trailing garbage",
            Error::TooLong => "At most 45 bytes at once",
        })
    }
}

/// The number of bytes a line says it holds: its first character.
///
/// C reads that character even from an empty line, where it finds the NUL
/// that `bytes`, `bytearray` and `str` keep after their data; an empty line
/// counts as that NUL here, whatever object it came from.
pub fn decoded_len(line: &[u8]) -> usize {
    usize::from(line.first().copied().unwrap_or(0).wrapping_sub(b' ') & 0o77)
}

/// Appends the `decoded_len(line)` bytes that `line` holds. Characters
/// missing at the end (as when trailing spaces were stripped) count as
/// zeros; what follows the data may only be spaces, '`' and line ends.
pub fn decode(line: &[u8], out: &mut Output<'_>) -> Result<(), Error> {
    let mut wanted = decoded_len(line);
    let mut rest = line.get(1..).unwrap_or_default().iter();
    let mut bits: u32 = 0;
    let mut bit_count = 0;
    while wanted > 0 {
        let value = match rest.next() {
            None | Some(b'\n' | b'\r') => 0,
            // '`' (' ' + 64) stands for zero in some encoders.
            Some(&byte @ b' '..=b'`') => (byte - b' ') & 0o77,
            Some(_) => return Err(Error::IllegalChar),
        };
        bits = bits << 6 | u32::from(value);
        bit_count += 6;
        if bit_count >= 8 {
            bit_count -= 8;
            out.push((bits >> bit_count) as u8);
            bits &= (1 << bit_count) - 1;
            wanted -= 1;
        }
    }
    if rest.any(|byte| !matches!(byte, b' ' | b'`' | b'\n' | b'\r')) {
        return Err(Error::TrailingGarbage);
    }
    Ok(())
}

/// The length of the line `encode` makes of `input_len` bytes: the length
/// character, four characters per three bytes (padded), and '\n'.
pub fn encoded_len(input_len: usize) -> usize {
    1 + input_len.div_ceil(3) * 4 + 1
}

/// Appends the uuencoded line of `input` (at most 45 bytes). With
/// `backtick`, zero is written '`' rather than ' '.
pub fn encode(input: &[u8], backtick: bool, out: &mut Output<'_>) -> Result<(), Error> {
    if input.len() > MAX_LINE_BYTES {
        return Err(Error::TooLong);
    }
    let character = |value: u8| if backtick && value == 0 { b'`' } else { b' ' + value };
    out.push(character(input.len() as u8));
    for group in input.chunks(3) {
        let mut padded = [0; 3];
        padded[..group.len()].copy_from_slice(group);
        let [a, b, c] = padded;
        out.extend_from_slice(&[
            character(a >> 2),
            character((a & 0x03) << 4 | b >> 4),
            character((b & 0x0f) << 2 | c >> 6),
            character(c & 0x3f),
        ]);
    }
    out.push(b'\n');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::collect;

    #[test]
    fn round_trip_of_every_length() {
        for backtick in [false, true] {
            for len in 0..=MAX_LINE_BYTES {
                let data: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
                let line = collect(encoded_len(len), |out| encode(&data, backtick, out).unwrap());
                assert_eq!(line.len(), encoded_len(len));
                let decoded = collect(decoded_len(&line), |out| decode(&line, out).unwrap());
                assert_eq!(decoded, data);
            }
        }
    }

    #[test]
    fn known_lines() {
        assert_eq!(collect(8, |out| encode(b"Cat", false, out).unwrap()), b"#0V%T\n");
        assert_eq!(collect(8, |out| encode(b"", true, out).unwrap()), b"`\n");
        assert_eq!(collect(8, |out| encode(b"\0", true, out).unwrap()), b"!````\n");
        // An empty line counts its length character as NUL: 32 zero bytes.
        assert_eq!(collect(32, |out| decode(b"", out).unwrap()), [0; 32]);
        // Missing characters are zeros.
        assert_eq!(collect(3, |out| decode(b"#", out).unwrap()), [0; 3]);
    }

    #[test]
    fn refusals() {
        assert_eq!(
            collect(3, |out| assert_eq!(decode(b"#0V\x7f", out), Err(Error::IllegalChar))).len(),
            1
        );
        collect(3, |out| assert_eq!(decode(b"#0V%Tx", out), Err(Error::TrailingGarbage)));
        collect(3, |out| assert_eq!(decode(b"#0V%T `\r\n", out), Ok(())));
        collect(0, |out| assert_eq!(encode(&[0; 46], false, out), Err(Error::TooLong)));
    }
}
