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

/// Decodes one uuencoded line, whose characters after the first are given
/// in consecutive pieces.
///
/// The line's first character says how many bytes it holds. Characters
/// missing at the end (as when trailing spaces were stripped) count as
/// zeros; what follows the data may only be spaces, '`' and line ends.
pub struct LineDecoder {
    /// Bytes still to decode.
    wanted: usize,
    /// Bits of the characters read that no byte has taken yet.
    bits: u32,
    bit_count: u32,
}

impl LineDecoder {
    /// A decoder for the line that starts with `length_character`.
    ///
    /// C reads that character even from an empty line, where it finds the
    /// NUL that `bytes`, `bytearray` and `str` keep after their data; an
    /// empty line (`None`) counts as that NUL here, whatever object it came
    /// from.
    pub fn new(length_character: Option<u8>) -> LineDecoder {
        LineDecoder {
            wanted: usize::from(length_character.unwrap_or(0).wrapping_sub(b' ') & 0o77),
            bits: 0,
            bit_count: 0,
        }
    }

    /// The number of bytes the line holds: what `feed` and `finish` write.
    pub fn decoded_len(&self) -> usize {
        self.wanted
    }

    /// Takes the next piece of the line (after its first character),
    /// appending the bytes it completes.
    pub fn feed(&mut self, piece: &[u8], out: &mut Output<'_>) -> Result<(), Error> {
        let mut characters = piece.iter();
        while self.wanted > 0 {
            let Some(&character) = characters.next() else {
                return Ok(());
            };
            let value = match character {
                b'\n' | b'\r' => 0,
                // '`' (' ' + 64) stands for zero in some encoders.
                b' '..=b'`' => (character - b' ') & 0o77,
                _ => return Err(Error::IllegalChar),
            };
            self.take(value, out);
        }
        if characters.all(|&character| is_trailing_space(character)) {
            Ok(())
        } else {
            Err(Error::TrailingGarbage)
        }
    }

    /// Ends the line: the data characters it lacks count as zeros.
    pub fn finish(mut self, out: &mut Output<'_>) {
        while self.wanted > 0 {
            self.take(0, out);
        }
    }

    /// A data character's 6 bits.
    fn take(&mut self, value: u8, out: &mut Output<'_>) {
        self.bits = self.bits << 6 | u32::from(value);
        self.bit_count += 6;
        if self.bit_count >= 8 {
            self.bit_count -= 8;
            out.push((self.bits >> self.bit_count) as u8);
            self.bits &= (1 << self.bit_count) - 1;
            self.wanted -= 1;
        }
    }
}

/// What may follow a line's data.
fn is_trailing_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'`' | b'\n' | b'\r')
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

    /// The most bytes a line can hold: its length character counts modulo 64.
    const LONGEST: usize = 0o77;

    #[test]
    fn round_trip_of_every_length() {
        for backtick in [false, true] {
            for len in 0..=MAX_LINE_BYTES {
                let data: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
                let line = collect(encoded_len(len), |out| encode(&data, backtick, out).unwrap());
                assert_eq!(line.len(), encoded_len(len));
                let decoded = collect(LONGEST, |out| decode(&line, out).unwrap());
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
        assert_eq!(collect(3, |out| decode(b"#0V", out).unwrap()), b"C`\0");
    }

    /// The whole line, after its first character, in one piece.
    fn decode(line: &[u8], out: &mut Output<'_>) -> Result<(), Error> {
        let mut decoder = LineDecoder::new(line.first().copied());
        decoder.feed(line.get(1..).unwrap_or_default(), out)?;
        decoder.finish(out);
        Ok(())
    }

    #[test]
    fn any_split_into_pieces_decodes_alike() {
        let lines: [&[u8]; 5] = [
            b"#0V%T  `\r\n",
            b"#0V%T x",
            b"#0V\x7f",
            b"",
            b"M86%C95)R96%L;&4@;6]R92!T:&%N(&ET<R!L96YG=&@@<V%Y<R!I=\n",
        ];
        for line in lines {
            let mut whole_outcome = Ok(());
            let whole = collect(LONGEST, |out| whole_outcome = decode(line, out));
            let (length_character, rest) = match line.split_first() {
                Some((&first, rest)) => (Some(first), rest),
                None => (None, line),
            };
            for split in 0..=rest.len() {
                let (head, tail) = rest.split_at(split);
                let mut outcome = Ok(());
                let pieces = collect(LONGEST, |out| {
                    let mut decoder = LineDecoder::new(length_character);
                    outcome = decoder
                        .feed(head, out)
                        .and_then(|()| decoder.feed(tail, out))
                        .map(|()| decoder.finish(out));
                });
                assert_eq!(outcome, whole_outcome, "{line:?} split at {split}");
                if outcome.is_ok() {
                    assert_eq!(pieces, whole, "{line:?} split at {split}");
                }
            }
        }
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
