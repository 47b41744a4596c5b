//! Quoted-printable (RFC 1521, and RFC 1522's header variant), as
//! `binascii.a2b_qp` and `binascii.b2a_qp` do it: compatible, quirks
//! included, with the `quopri` module.

use crate::Output;
use crate::cpu::{self, Path};

#[doc(hidden)]
pub mod vector;

/// Soft line breaks are inserted before a line would reach this length.
const MAX_LINE_LENGTH: usize = 76;

/// The value of each hex digit (either case); `NOT_HEX` for other bytes.
static HEX_VALUES: [u8; 256] = {
    let mut table = [NOT_HEX; 256];
    let mut value = 0;
    while value < 16 {
        let digit = b"0123456789ABCDEF"[value];
        table[digit as usize] = value as u8;
        table[digit.to_ascii_lowercase() as usize] = value as u8;
        value += 1;
    }
    table
};
const NOT_HEX: u8 = 0xff;

fn hex_value(byte: u8) -> Option<u8> {
    Some(HEX_VALUES[usize::from(byte)]).filter(|&value| value != NOT_HEX)
}

/// Appends the decoding of `input` (at most `input.len()` bytes). With
/// `header`, '_' stands for a space.
pub fn decode(input: &[u8], header: bool, out: &mut Output<'_>) {
    Decoder::new(header).feed(input, true, out);
}

/// Decodes input given in consecutive pieces, as [`decode`] decodes the
/// whole: an escape cut by the end of a piece waits for the next one.
pub struct Decoder {
    header: bool,
    /// The kernels that take over where nothing needs the exact code.
    path: Path,
    /// The start of an escape ('=', perhaps a digit) that a piece ended in.
    pending: [u8; 2],
    pending_len: usize,
    /// Inside a soft line break whose '=' is followed by '\r': C skips the
    /// rest of the line, up to its '\n'.
    skipping_line: bool,
}

impl Decoder {
    pub fn new(header: bool) -> Decoder {
        Decoder::with_path(header, cpu::selected())
    }

    /// A decoder whose kernels are `path`'s (the exact code alone for
    /// `Path::Scalar`), for tests and fuzzing; `None` if this CPU cannot run
    /// them.
    #[doc(hidden)]
    pub fn on_path(header: bool, path: Path) -> Option<Decoder> {
        path.is_available().then(|| Decoder::with_path(header, path))
    }

    fn with_path(header: bool, path: Path) -> Decoder {
        Decoder {
            header,
            path,
            pending: [0; 2],
            pending_len: 0,
            skipping_line: false,
        }
    }

    /// Takes the next piece (`is_last` if no other follows it), appending
    /// what it decodes to.
    pub fn feed(&mut self, piece: &[u8], is_last: bool, out: &mut Output<'_>) {
        let mut rest = piece;
        if self.pending_len > 0 {
            // An escape spans three bytes at most: finish the pending one
            // with the first bytes of this piece.
            let pending_len = core::mem::take(&mut self.pending_len);
            let taken = piece.len().min(3);
            let mut joined = [0; 5];
            joined[..pending_len].copy_from_slice(&self.pending[..pending_len]);
            joined[pending_len..][..taken].copy_from_slice(&piece[..taken]);
            let joined = &joined[..pending_len + taken];
            let consumed = self.decode_some(joined, is_last && taken == piece.len(), out);
            if consumed < pending_len {
                // The piece was too short to finish the escape: it waits on.
                self.keep(&joined[consumed..]);
                return;
            }
            rest = &piece[consumed - pending_len..];
        }
        let consumed = self.decode_some(rest, is_last, out);
        self.keep(&rest[consumed..]);
    }

    fn keep(&mut self, unfinished_escape: &[u8]) {
        self.pending[..unfinished_escape.len()].copy_from_slice(unfinished_escape);
        self.pending_len = unfinished_escape.len();
    }

    /// Decodes `input` up to an escape it cuts short (unless `is_last`),
    /// returning the bytes consumed.
    fn decode_some(&mut self, input: &[u8], is_last: bool, out: &mut Output<'_>) -> usize {
        let mut index = 0;
        if self.skipping_line {
            match input.iter().position(|&byte| byte == b'\n') {
                Some(at) => {
                    self.skipping_line = false;
                    index = at + 1;
                }
                None => return input.len(),
            }
        }
        let header = self.header;
        // Where the kernels may next take over: after the stretch that the
        // exact code takes when they stop.
        let mut vector_from = index;
        while index < input.len() {
            if index >= vector_from {
                index += vector::decode_prefix(self.path, &input[index..], header, out);
                vector_from = index + EXACT_STRETCH;
                if index == input.len() {
                    break;
                }
            }
            let byte = input[index];
            if byte == b'=' {
                let Some(&next) = input.get(index + 1) else {
                    // A '=' ends the input: C stops there.
                    return if is_last { input.len() } else { index };
                };
                match next {
                    // A soft line break: '=' ends the line.
                    b'\n' => index += 2,
                    // C skips to the next '\n' when the line ends with '\r'.
                    b'\r' => match input[index + 1..].iter().position(|&byte| byte == b'\n') {
                        Some(at) => index += 1 + at + 1,
                        None => {
                            self.skipping_line = !is_last;
                            return input.len();
                        }
                    },
                    // "==" from old Python encoders means '='.
                    b'=' => {
                        out.push(b'=');
                        index += 2;
                    }
                    _ => match (hex_value(next), input.get(index + 2)) {
                        (Some(_), None) if !is_last => return index,
                        (Some(high), Some(&low)) if let Some(low) = hex_value(low) => {
                            out.push(high << 4 | low);
                            index += 3;
                        }
                        // Not an escape: the '=' stands for itself, and so
                        // does the byte after it (not a '=', nor a line
                        // end, by the arms above), unless it is a header's
                        // '_'.
                        _ if !(header && next == b'_') => {
                            out.push(b'=');
                            out.push(next);
                            index += 2;
                        }
                        _ => {
                            out.push(b'=');
                            index += 1;
                        }
                    },
                }
            } else if header && byte == b'_' {
                out.push(b' ');
                index += 1;
            } else if input
                .get(index + 1)
                .is_none_or(|&next| next == b'=' || (header && next == b'_'))
            {
                // A byte alone before a '=' (common in hostile input) is
                // not worth a scan.
                out.push(byte);
                index += 1;
            } else {
                // Everything up to the next '=' (or '_') stands for itself.
                let run = run_length(&input[index..], |byte| (byte == b'=') | (header & (byte == b'_')));
                let literal = &input[index..index + run];
                // Binary data has runs of a byte or two, for which a call to
                // copy memory costs more than the copy.
                if run < SHORT_RUN {
                    literal.iter().for_each(|&byte| out.push(byte));
                } else {
                    out.extend_from_slice(literal);
                }
                index += run;
            }
        }
        index
    }
}

/// The bytes the exact loops take on their own where the kernels stop,
/// before they are tried again: enough to step over what stopped them,
/// few enough to be back soon.
const EXACT_STRETCH: usize = 64;

/// Where the encoding kernels take little (input such as random bytes, in
/// runs too short for them), the exact stretch before the next try grows,
/// up to this, so that their tries cost next to nothing.
const LONGEST_EXACT_STRETCH: usize = 4096;

/// The exact stretch after a kernel call that took `read` bytes: back to
/// the shortest if it took a good share of the last one, else doubled.
fn next_exact_stretch(exact_stretch: usize, read: usize) -> usize {
    if read >= exact_stretch / 2 {
        EXACT_STRETCH
    } else {
        (2 * exact_stretch).min(LONGEST_EXACT_STRETCH)
    }
}

/// Runs shorter than this are copied a byte at a time.
const SHORT_RUN: usize = 16;

/// The length of the run of bytes at the start of `bytes` before the first
/// one `stops` accepts. Short runs are common (binary data), so the first
/// bytes are tested one by one; then whole blocks without an early exit,
/// which the compiler turns into vector comparisons.
#[inline(always)]
fn run_length(bytes: &[u8], stops: impl Fn(u8) -> bool) -> usize {
    const BLOCK: usize = 32;
    let first = bytes.len().min(BLOCK / 2);
    if let Some(run) = bytes[..first].iter().position(|&byte| stops(byte)) {
        return run;
    }
    let mut start = first;
    for block in bytes[first..].chunks_exact(BLOCK) {
        if block.iter().fold(false, |stop, &byte| stop | stops(byte)) {
            break;
        }
        start += BLOCK;
    }
    start
        + bytes[start..]
            .iter()
            .position(|&byte| stops(byte))
            .unwrap_or(bytes.len() - start)
}

/// What `b2a_qp` is asked to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EncodeOptions {
    /// Encode spaces and tabs too.
    pub quote_tabs: bool,
    /// The data is text: keep its line ends (and protect the white space
    /// before them); otherwise CR and LF are encoded like any byte.
    pub is_text: bool,
    /// RFC 1522 header encoding: '_' is encoded, and spaces become '_'.
    pub header: bool,
}

struct Encoder<'a> {
    input: &'a [u8],
    options: EncodeOptions,
    /// The kernels that take over runs of bytes.
    path: Path,
    /// Line ends are written "\r\n" if the first '\n' of the input follows
    /// a '\r' (C converts every line end to that style).
    crlf: bool,
}

impl Encoder<'_> {
    fn new(input: &[u8], options: EncodeOptions, path: Path) -> Encoder<'_> {
        let first_newline = run_length(input, |byte| byte == b'\n');
        let crlf = first_newline > 0 && first_newline < input.len() && input[first_newline - 1] == b'\r';
        Encoder {
            input,
            options,
            path,
            crlf,
        }
    }

    /// Whether the byte at `index` is written as "=XX" (C's long
    /// condition, term by term).
    fn must_escape(&self, index: usize, line_length: usize) -> bool {
        let input = self.input;
        let byte = input[index];
        let is_last = index + 1 == input.len();
        byte > 126
            || byte == b'='
            || (self.options.header && byte == b'_')
            || (byte == b'.' && line_length == 0 && (is_last || matches!(input[index + 1], b'\n' | b'\r' | 0)))
            || (!self.options.is_text && matches!(byte, b'\r' | b'\n'))
            || (matches!(byte, b'\t' | b' ') && is_last)
            || (byte < 33
                && byte != b'\r'
                && byte != b'\n'
                && (self.options.quote_tabs || (byte != b'\t' && byte != b' ')))
    }

    /// Whether the input has a line end (of text) at `index`.
    fn is_line_end(&self, index: usize) -> bool {
        let input = self.input;
        self.options.is_text
            && (input[index] == b'\n'
                || (index + 1 < input.len() && input[index] == b'\r' && input[index + 1] == b'\n'))
    }

    /// The pieces for this encoder's options.
    fn pieces(&self) -> &'static [[u8; PIECE]; 256] {
        let options = self.options;
        &PIECES[usize::from(options.quote_tabs) | usize::from(options.is_text) << 1 | usize::from(options.header) << 2]
    }

    fn line_end_len(&self) -> usize {
        if self.crlf { 2 } else { 1 }
    }

    /// The length of the encoding, computed as C sizes its buffer: a bound
    /// (C reserves room to protect white space before a line end even when
    /// header mode has already turned the space into '_'). `None` if it
    /// overflows.
    fn encoded_len_bound(&self) -> Option<usize> {
        let input = self.input;
        let mut total: usize = 0;
        let mut line_length = 0;
        let mut index = 0;
        let pieces = self.pieces();
        while index < input.len() {
            // A stretch of bytes whose encoding depends on nothing around
            // them: runs for the kernels, the rest byte by byte. A run of
            // exact steps adds little (a few bytes for each of at most
            // `LONGEST_EXACT_STRETCH`), so the total cannot overflow before
            // the check after it.
            let mut exact_stretch = EXACT_STRETCH;
            while index + 1 < input.len() {
                let (read, written, new_line_length) = vector::count_prefix(
                    self.path,
                    &input[index..input.len() - 1],
                    self.options,
                    self.crlf,
                    line_length,
                );
                index += read;
                line_length = new_line_length;
                total = total.checked_add(written)?;
                exact_stretch = next_exact_stretch(exact_stretch, read);
                let exact_end = (index + exact_stretch).min(input.len() - 1);
                let mut stopped = false;
                while index < exact_end {
                    let width = usize::from(pieces[usize::from(input[index])][WIDTH]);
                    if width == 0 {
                        stopped = true;
                        break;
                    }
                    // Tested only at the line's limit: a test of the width on
                    // every byte is a branch that random input mispredicts.
                    if line_length + width >= MAX_LINE_LENGTH {
                        if width != ESCAPE_WIDTH {
                            stopped = true;
                            break;
                        }
                        total += 1 + self.line_end_len();
                        line_length = 0;
                    }
                    total += width;
                    line_length += width;
                    index += 1;
                }
                if total > isize::MAX as usize {
                    return None;
                }
                if stopped {
                    break;
                }
            }
            if total > isize::MAX as usize {
                return None;
            }
            if index == input.len() {
                break;
            }
            let mut delta = 0;
            if self.must_escape(index, line_length) {
                if line_length + 3 >= MAX_LINE_LENGTH {
                    line_length = 0;
                    delta += 1 + self.line_end_len();
                }
                line_length += 3;
                delta += 3;
                index += 1;
            } else if self.is_line_end(index) {
                line_length = 0;
                if index > 0 && matches!(input[index - 1], b' ' | b'\t') {
                    delta += 2;
                }
                index += if input[index] == b'\r' { 2 } else { 1 };
                let empty_lines = empty_lines_at(&input[index..]);
                index += empty_lines;
                delta += (1 + empty_lines) * self.line_end_len();
            } else {
                if index + 1 != input.len() && input[index + 1] != b'\n' && line_length + 1 >= MAX_LINE_LENGTH {
                    line_length = 0;
                    delta += 1 + self.line_end_len();
                }
                line_length += 1;
                delta += 1;
                index += 1;
            }
            total = total.checked_add(delta).filter(|&total| total <= isize::MAX as usize)?;
        }
        Some(total)
    }

    fn soft_line_break(&self, out: &mut Output<'_>) {
        out.push(b'=');
        self.line_end(out);
    }

    fn line_end(&self, out: &mut Output<'_>) {
        if self.crlf {
            out.push(b'\r');
        }
        out.push(b'\n');
    }

    fn encode(&self, out: &mut Output<'_>) {
        let input = self.input;
        let mut line_length = 0;
        let mut index = 0;
        // The last byte written, to protect trailing white space.
        let mut last_written = None;
        let pieces = self.pieces();
        while index < input.len() {
            // A stretch of bytes whose encoding depends on nothing around
            // them, each stored whole (its width counted) without a branch
            // on what it is.
            let stretch_start = index;
            let mut exact_stretch = EXACT_STRETCH;
            while index + 1 < input.len() && out.remaining() >= SOFT_LINE_BREAK + PIECE {
                let (read, new_line_length) = vector::encode_prefix(
                    self.path,
                    &input[index..input.len() - 1],
                    self.options,
                    self.crlf,
                    line_length,
                    out,
                );
                index += read;
                line_length = new_line_length;
                exact_stretch = next_exact_stretch(exact_stretch, read);
                let exact_end = (index + exact_stretch).min(input.len() - 1);
                let mut stopped = false;
                while index < exact_end {
                    let piece = &pieces[usize::from(input[index])];
                    let width = usize::from(piece[WIDTH]);
                    // An escape that would reach the line's limit starts a
                    // new line, wherever it stands (a byte written as itself
                    // would not if a '\n' followed: the exact code decides).
                    if width == 0 || out.remaining() < SOFT_LINE_BREAK + PIECE {
                        stopped = true;
                        break;
                    }
                    if line_length + width >= MAX_LINE_LENGTH {
                        if width != ESCAPE_WIDTH {
                            stopped = true;
                            break;
                        }
                        self.soft_line_break(out);
                        line_length = 0;
                    }
                    out.push_piece(piece, width);
                    line_length += width;
                    index += 1;
                }
                if stopped {
                    break;
                }
            }
            if index > stretch_start {
                last_written = out.written().last().copied();
            }
            if index == input.len() {
                break;
            }
            if self.must_escape(index, line_length) {
                if line_length + 3 >= MAX_LINE_LENGTH {
                    self.soft_line_break(out);
                    line_length = 0;
                }
                let escaped = escape(input[index]);
                out.extend_from_slice(&escaped);
                last_written = Some(escaped[2]);
                index += 1;
                line_length += 3;
            } else if self.is_line_end(index) {
                line_length = 0;
                // White space at the end of a line would be lost in
                // transport: C rewrites the space it just wrote as "=20"
                // (the byte is replaced, then two more follow).
                if let Some(space @ (b' ' | b'\t')) = last_written {
                    out.replace_last(b'=');
                    let [_, high, low] = escape(space);
                    out.extend_from_slice(&[high, low]);
                }
                self.line_end(out);
                last_written = Some(b'\n');
                index += if input[index] == b'\r' { 2 } else { 1 };
                let empty_lines = empty_lines_at(&input[index..]);
                for _ in 0..empty_lines {
                    self.line_end(out);
                }
                index += empty_lines;
            } else {
                if index + 1 != input.len() && input[index + 1] != b'\n' && line_length + 1 >= MAX_LINE_LENGTH {
                    self.soft_line_break(out);
                    line_length = 0;
                }
                line_length += 1;
                let byte = if self.options.header && input[index] == b' ' {
                    b'_'
                } else {
                    input[index]
                };
                out.push(byte);
                last_written = Some(byte);
                index += 1;
            }
        }
    }
}

/// The '\n's at the start of `input`, which end empty lines after a line
/// end in text: each is one more line end, with nothing to protect before
/// it (a run of them is common in text, and cheaper counted than stepped).
fn empty_lines_at(input: &[u8]) -> usize {
    input.iter().take_while(|&&byte| byte == b'\n').count()
}

/// The bytes of a piece: up to 3 characters, then their count.
const PIECE: usize = 4;
const WIDTH: usize = 3;
/// The width of "=XX".
const ESCAPE_WIDTH: usize = 3;
/// The most a soft line break takes: "=\r\n".
const SOFT_LINE_BREAK: usize = 3;

/// For each set of options (`quote_tabs`, `is_text`, `header` as bits 0 to
/// 2), what each byte becomes wherever it stands but at the end of the input
/// (which the stretches stop before) and where a line must be broken (which
/// they leave to the exact code): itself, a header's '_' for a space, or its
/// escape; or a width of 0 for the bytes whose encoding depends on what
/// surrounds them ('.' and, in text, line ends).
static PIECES: [[[u8; PIECE]; 256]; 8] = pieces();

const fn pieces() -> [[[u8; PIECE]; 256]; 8] {
    let mut pieces = [[[0; PIECE]; 256]; 8];
    let mut options = 0;
    while options < 8 {
        let (quote_tabs, is_text, header) = (options & 1 != 0, options & 2 != 0, options & 4 != 0);
        let mut byte = 0;
        while byte < 256 {
            let value = byte as u8;
            let white_space = value == b' ' || value == b'\t';
            let line_end = value == b'\r' || value == b'\n';
            pieces[options][byte] = if value == b'.' || (is_text && line_end) {
                [0; PIECE]
            } else if value > 126
                || value == b'='
                || (header && value == b'_')
                || line_end
                || (value < 33 && (quote_tabs || !white_space))
            {
                let [equals, high, low] = escape(value);
                [equals, high, low, 3]
            } else if header && value == b' ' {
                [b'_', 0, 0, 1]
            } else {
                [value, 0, 0, 1]
            };
            byte += 1;
        }
        options += 1;
    }
    pieces
}

/// "=XX", with uppercase hex digits.
const fn escape(byte: u8) -> [u8; 3] {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    [b'=', DIGITS[(byte >> 4) as usize], DIGITS[(byte & 0x0f) as usize]]
}

/// The room `encode` needs for `input`: C's own count. `None` when that
/// overflows `Py_ssize_t` (C raises MemoryError).
pub fn encoded_len_bound(input: &[u8], options: EncodeOptions) -> Option<usize> {
    Encoder::new(input, options, cpu::selected()).encoded_len_bound()
}

/// Appends the quoted-printable encoding of `input`. `out` must have room
/// for `encoded_len_bound(input, options)` bytes.
pub fn encode(input: &[u8], options: EncodeOptions, out: &mut Output<'_>) {
    Encoder::new(input, options, cpu::selected()).encode(out);
}

/// `encoded_len_bound` with `path`'s kernels, for tests and fuzzing; the
/// outer `None` if this CPU cannot run them.
#[doc(hidden)]
pub fn encoded_len_bound_on(path: Path, input: &[u8], options: EncodeOptions) -> Option<Option<usize>> {
    path.is_available()
        .then(|| Encoder::new(input, options, path).encoded_len_bound())
}

/// `encode` with `path`'s kernels, for tests and fuzzing; `None`, with
/// nothing written, if this CPU cannot run them.
#[doc(hidden)]
pub fn encode_on(path: Path, input: &[u8], options: EncodeOptions, out: &mut Output<'_>) -> Option<()> {
    path.is_available()
        .then(|| Encoder::new(input, options, path).encode(out))
}

#[cfg(test)]
mod tests;
