//! Base64 (RFC 4648's standard alphabet), as `binascii.b2a_base64` and
//! `binascii.a2b_base64` do it.
//!
//! Decoding follows the C module's state machine exactly, including what
//! it accepts outside strict mode (any byte outside the alphabet is
//! skipped, stray padding is ignored, a complete pad sequence ends the
//! input, or since gh-145264 is skipped too). The vector kernels take over runs of whole quads of alphabet
//! characters, where every rule of that machine reduces to "decode them",
//! and hand back at the first byte that needs the rules.

#[doc(hidden)]
pub mod vector;

use core::fmt;
use std::mem::MaybeUninit;

use crate::Output;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PAD: u8 = b'=';
const INVALID: u8 = 0xff;

/// The value of each alphabet character; `INVALID` for every other byte.
static DECODE_TABLE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut value = 0;
    while value < 64 {
        table[ALPHABET[value] as usize] = value as u8;
        value += 1;
    }
    table
};

/// The longest input `b2a_base64` accepts: C refuses more than
/// `(PY_SSIZE_T_MAX - 3) / 2` bytes ("Too much data for base64 line").
pub const MAX_ENCODE_INPUT: usize = (isize::MAX as usize - 3) / 2;

/// The length of the encoding of `input_len` bytes, with the trailing
/// newline if asked for; `None` if it does not fit in a `usize`.
pub fn encoded_len(input_len: usize, newline: bool) -> Option<usize> {
    input_len.div_ceil(3).checked_mul(4)?.checked_add(usize::from(newline))
}

/// Appends the encoding of `input`, padded with '=', then '\n' if asked.
/// `out` must have room for `encoded_len(input.len(), newline)` bytes.
pub fn encode(input: &[u8], newline: bool, out: &mut Output<'_>) {
    let consumed = vector::encode_prefix(input, out);
    match input[consumed..] {
        [] => {}
        [a] => out.extend_from_slice(&[
            ALPHABET[usize::from(a >> 2)],
            ALPHABET[usize::from(a & 0x03) << 4],
            PAD,
            PAD,
        ]),
        [a, b] => out.extend_from_slice(&[
            ALPHABET[usize::from(a >> 2)],
            ALPHABET[usize::from(a & 0x03) << 4 | usize::from(b >> 4)],
            ALPHABET[usize::from(b & 0x0f) << 2],
            PAD,
        ]),
        _ => unreachable!("the kernels encode every whole group"),
    }
    if newline {
        out.push(b'\n');
    }
}

/// An upper bound of the decoded length of `input_len` characters, which
/// `decode` needs as room in its output (C's `((len + 3) / 4) * 3`).
pub fn decoded_len_bound(input_len: usize) -> usize {
    input_len.div_ceil(4) * 3
}

/// How `a2b_base64` treats what is not plain base64.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeRules {
    /// `strict_mode=True`: only alphabet characters, and padding only where
    /// it belongs.
    pub strict: bool,
    /// Strict mode also refuses a '=' where a quad starts ("Excess padding
    /// not allowed"); CPython 3.13 added that rule (gh-118314).
    pub refuse_padding_at_quad_start: bool,
    /// A complete pad sequence no longer ends the input (gh-145264, in
    /// 3.13.13 and 3.14.4): outside strict mode a '=' before the end is
    /// skipped and decoding goes on; strict mode refuses what follows such
    /// a sequence by what it is, and a '=' after a quad's first character.
    /// Every release with this rule has the one above.
    pub ignore_padding_midstream: bool,
}

/// Why `a2b_base64` refuses its input. The messages are the C module's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    LeadingPadding,
    ExcessPadding,
    ExcessDataAfterPadding,
    NotBase64,
    DiscontinuousPadding,
    /// One data character more than a multiple of four; `data_characters`
    /// counts them as C does (from the bytes decoded so far).
    OneTooManyCharacters {
        data_characters: usize,
    },
    IncorrectPadding,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::LeadingPadding => f.write_str("Leading padding not allowed"),
            DecodeError::ExcessPadding => f.write_str("Excess padding not allowed"),
            DecodeError::ExcessDataAfterPadding => f.write_str("Excess data after padding"),
            DecodeError::NotBase64 => f.write_str("Only base64 data is allowed"),
            DecodeError::DiscontinuousPadding => f.write_str("Discontinuous padding not allowed"),
            DecodeError::OneTooManyCharacters { data_characters } => write!(
                f,
                "Invalid base64-encoded string: number of data characters ({data_characters}) \
                 cannot be 1 more than a multiple of 4"
            ),
            DecodeError::IncorrectPadding => f.write_str("Incorrect padding"),
        }
    }
}

/// The decoder's position inside the current quad, as C keeps it.
struct Quad {
    /// Data characters of the current quad seen so far (0 to 3).
    position: u8,
    /// The bits of the last character not yet written out.
    left: u8,
    /// '=' seen since the last data character, once two data characters
    /// of the quad are in, counted up to the quad's end.
    pads: u8,
    /// A '=' has been seen anywhere (strict mode forbids data after it).
    padding_started: bool,
}

enum Step {
    Continue,
    /// A complete pad sequence, where C stops reading (unless padding is
    /// ignored midstream).
    Done,
}

/// Appends the bytes `input` decodes to. `out` must have room for
/// `decoded_len_bound(input.len())` bytes; on error, what it holds is
/// meaningless.
pub fn decode(input: &[u8], rules: DecodeRules, out: &mut Output<'_>) -> Result<(), DecodeError> {
    let mut decoder = Decoder::new(rules);
    decoder.feed(input, true, out)?;
    decoder.finish(out)
}

/// Decodes input given in consecutive pieces, as [`decode`] decodes the
/// whole.
pub struct Decoder {
    rules: DecodeRules,
    quad: Quad,
    at_start: bool,
    done: bool,
}

impl Decoder {
    pub fn new(rules: DecodeRules) -> Decoder {
        Decoder {
            rules,
            quad: Quad {
                position: 0,
                left: 0,
                pads: 0,
                padding_started: false,
            },
            at_start: true,
            done: false,
        }
    }

    /// Takes the next piece (`is_last` if no other follows it), appending
    /// what it decodes to. Returns whether the input is complete: a full
    /// pad sequence ends it, and C reads nothing after that (unless padding
    /// is ignored midstream: then only the end of the input ends it).
    pub fn feed(&mut self, input: &[u8], is_last: bool, out: &mut Output<'_>) -> Result<bool, DecodeError> {
        // Each mode has its own copy of the loop, free of the other's tests:
        // on short input (a few characters before a pad sequence) those
        // tests cost as much as the decoding.
        if self.rules.strict {
            self.feed_in_mode::<true>(input, is_last, out)
        } else {
            self.feed_in_mode::<false>(input, is_last, out)
        }
    }

    /// `feed` with `STRICT` for `self.rules.strict`.
    fn feed_in_mode<const STRICT: bool>(
        &mut self,
        input: &[u8],
        is_last: bool,
        out: &mut Output<'_>,
    ) -> Result<bool, DecodeError> {
        if self.done {
            return Ok(true);
        }
        let rules = self.rules;
        if let Some(&first) = input.first()
            && core::mem::take(&mut self.at_start)
            && STRICT
            && first == PAD
        {
            return Err(DecodeError::LeadingPadding);
        }
        let quad = &mut self.quad;
        let mut index = 0;
        while index < input.len() {
            // At a quad boundary a run of whole quads of alphabet characters
            // decodes the same under every rule, unless strict mode has seen
            // padding (then a data character is an error).
            // The kernels are only called where they have work: decoding
            // where a whole quad of data follows, compaction where more than
            // a single byte to skip comes before a '=' (a call per "\n=" or
            // per "A=B" would cost more than the state machine).
            if quad.position == 0 && !(STRICT && quad.padding_started) {
                let consumed = if starts_with_quad(&input[index..]) {
                    vector::decode_prefix(&input[index..], out)
                } else {
                    0
                };
                if consumed > 0 {
                    quad.pads = 0;
                    index += consumed;
                    if index == input.len() {
                        break;
                    }
                }
                if !STRICT
                    && is_skipped(input[index])
                    && input.get(index + 1).is_some_and(|&next| next != PAD)
                    && let Some(consumed) = decode_compacted(&input[index..], quad, out)
                {
                    index += consumed;
                    continue;
                }
                if !STRICT && rules.ignore_padding_midstream && input.len() - index >= GATHERED_MIN {
                    index += decode_gathered(&input[index..], quad, out);
                    continue;
                }
            }
            let step = if STRICT {
                let is_last_byte = is_last && index + 1 == input.len();
                let step = quad.step_strict(input[index], is_last_byte, rules, out)?;
                index += 1;
                step
            } else {
                let (read, step) = quad.read_lenient(&input[index..], rules.ignore_padding_midstream, out);
                index += read;
                step
            };
            if let Step::Done = step {
                self.done = true;
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Ends the input: an incomplete quad is an error, unless a pad
    /// sequence completes it (that ends the input at once unless padding
    /// is ignored midstream).
    pub fn finish(&self, out: &Output<'_>) -> Result<(), DecodeError> {
        match self.quad.position {
            _ if self.done => Ok(()),
            0 => Ok(()),
            1 => Err(one_too_many_characters(out)),
            position if position + self.quad.pads >= 4 => Ok(()),
            _ => Err(DecodeError::IncorrectPadding),
        }
    }
}

/// The error of a quad with a single data character, which C counts from
/// the bytes decoded so far.
fn one_too_many_characters(out: &Output<'_>) -> DecodeError {
    DecodeError::OneTooManyCharacters {
        data_characters: out.len() / 3 * 4 + 1,
    }
}

fn is_alphabet(byte: u8) -> bool {
    DECODE_TABLE[usize::from(byte)] != INVALID
}

/// Whether `input` starts with four alphabet characters, the least the
/// decoding kernels decode.
fn starts_with_quad(input: &[u8]) -> bool {
    input
        .first_chunk::<4>()
        .is_some_and(|quad| quad.iter().all(|&byte| is_alphabet(byte)))
}

/// Whether non-strict decoding ignores `byte`: neither an alphabet
/// character nor '='. Such a byte changes nothing in C's state machine.
fn is_skipped(byte: u8) -> bool {
    byte != PAD && !is_alphabet(byte)
}

/// Whether non-strict decoding at a quad boundary goes faster through the
/// kernels than through the state machine: a whole quad of data follows, or
/// bytes to skip that are compacted (as `Decoder::feed` chooses).
fn caller_is_faster(rest: &[u8]) -> bool {
    starts_with_quad(rest)
        || rest.first().is_some_and(|&byte| is_skipped(byte)) && rest.get(1).is_some_and(|&next| next != PAD)
}

/// The least input `decode_gathered` is called for: on less, the state
/// machine is as fast.
const GATHERED_MIN: usize = 16;
/// The most input `decode_gathered` reads at a time, so that the kernels
/// take over again soon after input that needed it.
const GATHERED_MAX: usize = 256;

/// Non-strict decoding from a quad boundary where padding is ignored
/// midstream, of input the kernels cannot take as it is (a '=' next, as in
/// "A=B=C=D="): every byte outside the alphabet, '=' included, is dropped
/// from up to `GATHERED_MAX` bytes of `input`, without a branch per byte, and
/// the rest decoded as clean input. C's state machine gives the same: only
/// the '=' after the last data character still count, towards the pad
/// sequence that may end the input. Returns the bytes of `input` consumed;
/// the last characters of an incomplete quad are left in `quad`.
fn decode_gathered(input: &[u8], quad: &mut Quad, out: &mut Output<'_>) -> usize {
    let input = &input[..input.len().min(GATHERED_MAX)];
    let mut gathered = [0; GATHERED_MAX];
    let mut count = 0;
    for &byte in input {
        gathered[count] = byte;
        count += usize::from(is_alphabet(byte));
    }
    let gathered = &gathered[..count];
    let decoded = vector::decode_prefix(gathered, out);
    for &character in &gathered[decoded..] {
        quad.take_data(DECODE_TABLE[usize::from(character)], out);
    }
    if quad.position >= 2 {
        let pads_after_data = input
            .iter()
            .rev()
            .take_while(|&&byte| !is_alphabet(byte))
            .filter(|&&byte| byte == PAD)
            .count();
        quad.pads = pads_after_data.min(usize::from(4 - quad.position)) as u8;
    }
    input.len()
}

/// Characters gathered at a time by `decode_compacted`.
const COMPACTED_CHUNK: usize = 4096;

/// Non-strict decoding from a quad boundary of input with bytes to skip
/// (MIME's line ends, for one): the skipped bytes are removed first, in
/// bulk, and the rest decoded as clean input; since those bytes change
/// nothing in the state machine, the result is the same. Stops before the
/// first '=' (the state machine handles padding) and returns the bytes of
/// `input` consumed; the last characters of an incomplete quad are left in
/// `quad`. `None` on CPUs without a vector compaction.
///
/// The chunk is left uninitialised: clearing it would cost as much for a
/// single skipped byte before a '=' as for a chunk's worth of input.
fn decode_compacted(input: &[u8], quad: &mut Quad, out: &mut Output<'_>) -> Option<usize> {
    let mut chunk = [MaybeUninit::uninit(); COMPACTED_CHUNK];
    // The characters of an incomplete quad carried over to the next round.
    let mut pending = [0; 3];
    let mut pending_len = 0;
    let mut read = 0;
    loop {
        let mut gathered = Output::new(&mut chunk);
        gathered.extend_from_slice(&pending[..pending_len]);
        read += vector::compact_prefix(&input[read..], &mut gathered)?;
        let gathered = gathered.into_written();
        let decoded = vector::decode_prefix(gathered, out);
        pending_len = gathered.len() - decoded;
        pending[..pending_len].copy_from_slice(&gathered[decoded..]);
        if read == input.len() || input[read] == PAD {
            break;
        }
    }
    for &character in &pending[..pending_len] {
        quad.take_data(DECODE_TABLE[usize::from(character)], out);
    }
    Some(read)
}

impl Quad {
    /// C's loop body for one byte in strict mode; `is_last` if no byte
    /// follows it.
    fn step_strict(
        &mut self,
        byte: u8,
        is_last: bool,
        rules: DecodeRules,
        out: &mut Output<'_>,
    ) -> Result<Step, DecodeError> {
        if byte == PAD {
            self.padding_started = true;
            if rules.refuse_padding_at_quad_start && self.position == 0 {
                return Err(DecodeError::ExcessPadding);
            }
            if rules.ignore_padding_midstream {
                // A pad sequence, complete or not, leaves the input open:
                // whatever comes after it is refused, each by its name.
                return match self.position {
                    1 => Err(one_too_many_characters(out)),
                    position if position + self.pads >= 4 => Err(DecodeError::ExcessPadding),
                    _ => {
                        self.pads += 1;
                        Ok(Step::Continue)
                    }
                };
            }
            if self.position >= 2 {
                self.pads += 1;
                if self.position + self.pads >= 4 {
                    if !is_last {
                        return Err(DecodeError::ExcessDataAfterPadding);
                    }
                    return Ok(Step::Done);
                }
            }
            return Ok(Step::Continue);
        }
        let value = DECODE_TABLE[usize::from(byte)];
        if value == INVALID {
            return Err(DecodeError::NotBase64);
        }
        if self.padding_started {
            // Only padding ignored midstream lets data reach a complete
            // pad sequence.
            return Err(if self.position + self.pads >= 4 {
                DecodeError::ExcessDataAfterPadding
            } else {
                DecodeError::DiscontinuousPadding
            });
        }
        self.take_data(value, out);
        Ok(Step::Continue)
    }

    /// C's loop outside strict mode, from where the quad stands to the end
    /// of a quad after which the caller's faster paths can take over again
    /// (or to the end of `input`): bytes outside the alphabet are skipped,
    /// and so is a '=' before the quad's third character; a '=' after it
    /// counts towards the pad sequence that ends the input (or, with
    /// `ignore_padding_midstream`, that lets the input end there). Returns
    /// the bytes read and whether such a sequence ended the input. (Only
    /// strict mode looks at `padding_started`, so it is left alone.)
    fn read_lenient(&mut self, input: &[u8], ignore_padding_midstream: bool, out: &mut Output<'_>) -> (usize, Step) {
        let mut index = 0;
        while let Some(&byte) = input.get(index) {
            index += 1;
            let value = DECODE_TABLE[usize::from(byte)];
            if value != INVALID {
                self.take_data(value, out);
                // Where the caller has no faster way on (a '=' next, as in
                // "A=B=C=D=", which is decoded to its end when padding is
                // ignored midstream), the quads are read here one after the
                // other, as C reads them.
                if self.position == 0 && caller_is_faster(&input[index..]) {
                    break;
                }
            } else if byte == PAD && self.position >= 2 && self.position + self.pads < 4 {
                self.pads += 1;
                if self.position + self.pads >= 4 && !ignore_padding_midstream {
                    return (index, Step::Done);
                }
            }
        }
        (index, Step::Continue)
    }

    /// A data character's 6 bits.
    #[inline]
    fn take_data(&mut self, value: u8, out: &mut Output<'_>) {
        self.pads = 0;
        match self.position {
            0 => {
                self.position = 1;
                self.left = value;
            }
            1 => {
                self.position = 2;
                out.push(self.left << 2 | value >> 4);
                self.left = value & 0x0f;
            }
            2 => {
                self.position = 3;
                out.push(self.left << 4 | value >> 2);
                self.left = value & 0x03;
            }
            _ => {
                self.position = 0;
                out.push(self.left << 6 | value);
                self.left = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests;
