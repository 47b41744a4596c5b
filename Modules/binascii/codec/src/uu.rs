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

/// The most bytes a line can say it holds (its length character is read
/// modulo 64).
pub const MAX_DECODED_LEN: usize = 0o77;

/// Decodes one uuencoded line, given in consecutive pieces.
///
/// The line's first character says how many bytes it holds. Characters
/// missing at the end (as when trailing spaces were stripped) count as
/// zeros; what follows the data may only be spaces, '`' and line ends.
///
/// C reads the length character even from an empty line, where it finds
/// the NUL that `bytes`, `bytearray` and `str` keep after their data; an
/// empty line counts as that NUL here, whatever object it came from.
pub struct LineDecoder {
    phase: Phase,
}

enum Phase {
    Length,
    Data { wanted: usize, bits: u32, bit_count: u32 },
    Trailing,
}

impl Default for LineDecoder {
    fn default() -> Self {
        LineDecoder { phase: Phase::Length }
    }
}

impl LineDecoder {
    /// Takes the next piece of the line, appending the bytes it completes
    /// (at most `MAX_DECODED_LEN` in all).
    pub fn feed(&mut self, piece: &[u8], out: &mut Output<'_>) -> Result<(), Error> {
        let mut bytes = piece.iter();
        while let Some(&byte) = bytes.next() {
            match self.phase {
                Phase::Length => self.start(byte),
                Phase::Data { .. } => {
                    let value = match byte {
                        b'\n' | b'\r' => 0,
                        // '`' (' ' + 64) stands for zero in some encoders.
                        b' '..=b'`' => (byte - b' ') & 0o77,
                        _ => return Err(Error::IllegalChar),
                    };
                    self.take(value, out);
                }
                Phase::Trailing => {
                    return match bytes.as_slice() {
                        rest if is_trailing_space(byte) && rest.iter().all(|&byte| is_trailing_space(byte)) => Ok(()),
                        _ => Err(Error::TrailingGarbage),
                    };
                }
            }
        }
        Ok(())
    }

    /// Ends the line: the data characters it lacks count as zeros.
    pub fn finish(mut self, out: &mut Output<'_>) {
        if let Phase::Length = self.phase {
            self.start(0);
        }
        while let Phase::Data { .. } = self.phase {
            self.take(0, out);
        }
    }

    fn start(&mut self, length_character: u8) {
        let wanted = usize::from(length_character.wrapping_sub(b' ') & 0o77);
        self.phase = if wanted == 0 {
            Phase::Trailing
        } else {
            Phase::Data {
                wanted,
                bits: 0,
                bit_count: 0,
            }
        };
    }

    /// A data character's 6 bits.
    fn take(&mut self, value: u8, out: &mut Output<'_>) {
        let Phase::Data {
            wanted,
            bits,
            bit_count,
        } = &mut self.phase
        else {
            unreachable!("take is only called for data characters");
        };
        *bits = *bits << 6 | u32::from(value);
        *bit_count += 6;
        if *bit_count >= 8 {
            *bit_count -= 8;
            out.push((*bits >> *bit_count) as u8);
            *bits &= (1 << *bit_count) - 1;
            *wanted -= 1;
            if *wanted == 0 {
                self.phase = Phase::Trailing;
            }
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

    #[test]
    fn round_trip_of_every_length() {
        for backtick in [false, true] {
            for len in 0..=MAX_LINE_BYTES {
                let data: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
                let line = collect(encoded_len(len), |out| encode(&data, backtick, out).unwrap());
                assert_eq!(line.len(), encoded_len(len));
                let decoded = collect(MAX_DECODED_LEN, |out| decode(&line, out).unwrap());
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

    /// The whole line in one piece.
    fn decode(line: &[u8], out: &mut Output<'_>) -> Result<(), Error> {
        let mut decoder = LineDecoder::default();
        decoder.feed(line, out)?;
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
            let whole = collect(MAX_DECODED_LEN, |out| whole_outcome = decode(line, out));
            for split in 0..=line.len() {
                let (head, tail) = line.split_at(split);
                let mut outcome = Ok(());
                let pieces = collect(MAX_DECODED_LEN, |out| {
                    let mut decoder = LineDecoder::default();
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
