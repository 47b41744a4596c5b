//! Quoted-printable (RFC 1521, and RFC 1522's header variant), as
//! `binascii.a2b_qp` and `binascii.b2a_qp` do it: compatible, quirks
//! included, with the `quopri` module.

use crate::Output;

/// Soft line breaks are inserted before a line would reach this length.
const MAX_LINE_LENGTH: usize = 76;

fn hex_value(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|digit| digit as u8)
}

/// Appends the decoding of `input` (at most `input.len()` bytes). With
/// `header`, '_' stands for a space.
pub fn decode(input: &[u8], header: bool, out: &mut Output<'_>) {
    let mut index = 0;
    while index < input.len() {
        let byte = input[index];
        if byte == b'=' {
            index += 1;
            let Some(&next) = input.get(index) else { break };
            match next {
                // A soft line break: '=' ends the line; C skips to the
                // next '\n' when the line ends with '\r'.
                b'\n' | b'\r' => {
                    if next != b'\n' {
                        while index < input.len() && input[index] != b'\n' {
                            index += 1;
                        }
                    }
                    if index < input.len() {
                        index += 1;
                    }
                }
                // "==" from old Python encoders means '='.
                b'=' => {
                    out.push(b'=');
                    index += 1;
                }
                _ => match (hex_value(next), input.get(index + 1).copied().and_then(hex_value)) {
                    (Some(high), Some(low)) => {
                        out.push(high << 4 | low);
                        index += 2;
                    }
                    // Not an escape: the '=' stands for itself.
                    _ => out.push(b'='),
                },
            }
        } else if header && byte == b'_' {
            out.push(b' ');
            index += 1;
        } else {
            out.push(byte);
            index += 1;
        }
    }
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
    /// Line ends are written "\r\n" if the first '\n' of the input follows
    /// a '\r' (C converts every line end to that style).
    crlf: bool,
}

impl Encoder<'_> {
    fn new(input: &[u8], options: EncodeOptions) -> Encoder<'_> {
        let first_newline = input.iter().position(|&byte| byte == b'\n');
        let crlf = matches!(first_newline, Some(at) if at > 0 && input[at - 1] == b'\r');
        Encoder { input, options, crlf }
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
        while index < input.len() {
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
                delta += self.line_end_len();
                index += if input[index] == b'\r' { 2 } else { 1 };
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
        while index < input.len() {
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

/// "=XX", with uppercase hex digits.
fn escape(byte: u8) -> [u8; 3] {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    [b'=', DIGITS[usize::from(byte >> 4)], DIGITS[usize::from(byte & 0x0f)]]
}

/// The room `encode` needs for `input`: C's own count. `None` when that
/// overflows `Py_ssize_t` (C raises MemoryError).
pub fn encoded_len_bound(input: &[u8], options: EncodeOptions) -> Option<usize> {
    Encoder::new(input, options).encoded_len_bound()
}

/// Appends the quoted-printable encoding of `input`. `out` must have room
/// for `encoded_len_bound(input, options)` bytes.
pub fn encode(input: &[u8], options: EncodeOptions, out: &mut Output<'_>) {
    Encoder::new(input, options).encode(out);
}

#[cfg(test)]
mod tests;
