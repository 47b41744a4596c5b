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
    /// An empty line, which C refuses since gh-148093 (3.13.14, 3.14.5)
    /// rather than read its length from beyond the data.
    MissingLengthByte,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Error::IllegalChar => "Illegal char",
            Error::TrailingGarbage => "Trailing garbage",
            Error::TooLong => "At most 45 bytes at once",
            Error::MissingLengthByte => "Missing length byte",
        })
    }
}

/// The most bytes a line can hold: its length character counts modulo 64.
pub const MAX_DECODED_LEN: usize = 0o77;

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

/// What a character is worth as data: 6 bits, or `ILLEGAL`.
static CHARACTER_VALUES: [u8; 256] = {
    let mut values = [ILLEGAL; 256];
    let mut character = b' ';
    // '`' (' ' + 64) stands for zero in some encoders.
    while character <= b'`' {
        values[character as usize] = (character - b' ') & 0o77;
        character += 1;
    }
    // Line ends inside the data stand for characters stripped from it.
    values[b'\n' as usize] = 0;
    values[b'\r' as usize] = 0;
    values
};
const ILLEGAL: u8 = 0x80;

impl LineDecoder {
    /// A decoder for the line that starts with `length_character`.
    ///
    /// C before gh-148093 reads that character even from an empty line,
    /// where it finds the NUL that `bytes`, `bytearray` and `str` keep after
    /// their data; an empty line (`None`) counts as that NUL here, whatever
    /// object it came from. Since gh-148093 C refuses an empty line
    /// instead, which the module checks before decoding
    /// (`Error::MissingLengthByte`).
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
        let mut characters = self.feed_quads(piece, out).iter();
        while self.wanted > 0 {
            let Some(&character) = characters.next() else {
                return Ok(());
            };
            let value = CHARACTER_VALUES[usize::from(character)];
            if value == ILLEGAL {
                return Err(Error::IllegalChar);
            }
            self.take(value, out);
        }
        if characters.all(|&character| is_trailing_space(character)) {
            Ok(())
        } else {
            Err(Error::TrailingGarbage)
        }
    }

    /// Decodes whole groups of four characters into three bytes while the
    /// line wants three more and no bits are pending, so that nothing is
    /// carried between characters; returns the rest of `piece`, from the
    /// first group that holds an illegal character if one does.
    fn feed_quads<'a>(&mut self, piece: &'a [u8], out: &mut Output<'_>) -> &'a [u8] {
        if self.bit_count != 0 {
            return piece;
        }
        let quads = (self.wanted / 3).min(piece.len() / 4);
        let mut decoded = 0;
        for quad in piece[..4 * quads].chunks_exact(4) {
            let [a, b, c, d] = [0, 1, 2, 3].map(|at| CHARACTER_VALUES[usize::from(quad[at])]);
            if (a | b | c | d) & ILLEGAL != 0 {
                break;
            }
            let group = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(c) << 6 | u32::from(d);
            out.extend_from_slice(&[(group >> 16) as u8, (group >> 8) as u8, group as u8]);
            decoded += 1;
        }
        self.wanted -= 3 * decoded;
        &piece[4 * decoded..]
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

/// The character of each 6-bit value, zero written ' '.
static CHARACTERS: [u8; 64] = characters(b' ');
/// The character of each 6-bit value, zero written '`'.
static CHARACTERS_BACKTICK: [u8; 64] = characters(b'`');

const fn characters(zero: u8) -> [u8; 64] {
    let mut characters = [0; 64];
    let mut value = 0;
    while value < 64 {
        characters[value] = b' ' + value as u8;
        value += 1;
    }
    characters[0] = zero;
    characters
}

/// Appends the uuencoded line of `input` (at most 45 bytes). With
/// `backtick`, zero is written '`' rather than ' '.
pub fn encode(input: &[u8], backtick: bool, out: &mut Output<'_>) -> Result<(), Error> {
    if input.len() > MAX_LINE_BYTES {
        return Err(Error::TooLong);
    }
    let characters = if backtick { &CHARACTERS_BACKTICK } else { &CHARACTERS };
    out.push(characters[input.len()]);
    let groups = input.chunks_exact(3);
    let last = match *groups.remainder() {
        [] => None,
        [a] => Some([a, 0, 0]),
        [a, b] => Some([a, b, 0]),
        _ => unreachable!("chunks_exact(3) leaves at most two bytes"),
    };
    for group in groups.map(|group| [group[0], group[1], group[2]]).chain(last) {
        let bits = u32::from(group[0]) << 16 | u32::from(group[1]) << 8 | u32::from(group[2]);
        out.extend_from_slice(&[18, 12, 6, 0].map(|shift| characters[(bits >> shift) as usize & 0o77]));
    }
    out.push(b'\n');
    Ok(())
}

#[cfg(test)]
mod tests;
