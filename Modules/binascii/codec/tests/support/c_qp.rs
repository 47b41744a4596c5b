//! `binascii.b2a_qp` and `a2b_qp` as CPython's Modules/binascii.c computes
//! them (the same in 3.11 and 3.13), transcribed a byte at a time with no
//! types of the codec, so that the codec's unit tests and its fuzz targets
//! share one reference.

/// Soft line breaks come before a line would reach this length.
const MAXLINESIZE: usize = 76;

/// C's two loops for `b2a_qp`, transcribed a byte at a time with no fast
/// path: the size it reserves, and what it writes.
pub fn b2a_qp(input: &[u8], quotetabs: bool, istext: bool, header: bool) -> (usize, Vec<u8>) {
    let len = input.len();
    let first_newline = input.iter().position(|&byte| byte == b'\n');
    let crlf = matches!(first_newline, Some(at) if at > 0 && input[at - 1] == b'\r');
    let line_end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let escaped = |at: usize, line_length: usize| {
        let byte = input[at];
        byte > 126
            || byte == b'='
            || (header && byte == b'_')
            || (byte == b'.'
                && line_length == 0
                && (at + 1 == len || input[at + 1] == b'\n' || input[at + 1] == b'\r' || input[at + 1] == 0))
            || (!istext && (byte == b'\r' || byte == b'\n'))
            || ((byte == b'\t' || byte == b' ') && at + 1 == len)
            || (byte < 33 && byte != b'\r' && byte != b'\n' && (quotetabs || (byte != b'\t' && byte != b' ')))
    };
    let is_line_end =
        |at: usize| istext && (input[at] == b'\n' || (at + 1 < len && input[at] == b'\r' && input[at + 1] == b'\n'));
    let (mut bound, mut line_length, mut at) = (0, 0, 0);
    while at < len {
        if escaped(at, line_length) {
            if line_length + 3 >= MAXLINESIZE {
                line_length = 0;
                bound += 1 + line_end.len();
            }
            line_length += 3;
            bound += 3;
            at += 1;
        } else if is_line_end(at) {
            line_length = 0;
            if at > 0 && (input[at - 1] == b' ' || input[at - 1] == b'\t') {
                bound += 2;
            }
            bound += line_end.len();
            at += if input[at] == b'\r' { 2 } else { 1 };
        } else {
            if at + 1 != len && input[at + 1] != b'\n' && line_length + 1 >= MAXLINESIZE {
                line_length = 0;
                bound += 1 + line_end.len();
            }
            line_length += 1;
            bound += 1;
            at += 1;
        }
    }
    let mut out: Vec<u8> = Vec::new();
    let (mut line_length, mut at) = (0, 0);
    while at < len {
        if escaped(at, line_length) {
            if line_length + 3 >= MAXLINESIZE {
                out.push(b'=');
                out.extend_from_slice(line_end);
                line_length = 0;
            }
            out.extend_from_slice(format!("={:02X}", input[at]).as_bytes());
            at += 1;
            line_length += 3;
        } else if is_line_end(at) {
            line_length = 0;
            if let Some(&last @ (b' ' | b'\t')) = out.last() {
                out.pop();
                out.extend_from_slice(format!("={last:02X}").as_bytes());
            }
            out.extend_from_slice(line_end);
            at += if input[at] == b'\r' { 2 } else { 1 };
        } else {
            if at + 1 != len && input[at + 1] != b'\n' && line_length + 1 >= MAXLINESIZE {
                out.push(b'=');
                out.extend_from_slice(line_end);
                line_length = 0;
            }
            line_length += 1;
            out.push(if header && input[at] == b' ' { b'_' } else { input[at] });
            at += 1;
        }
    }
    (bound, out)
}

/// C's `a2b_qp` loop, transcribed a byte at a time.
pub fn a2b_qp(input: &[u8], header: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < input.len() {
        if input[at] == b'=' {
            at += 1;
            if at >= input.len() {
                break;
            }
            if input[at] == b'\n' || input[at] == b'\r' {
                if input[at] != b'\n' {
                    while at < input.len() && input[at] != b'\n' {
                        at += 1;
                    }
                }
                if at < input.len() {
                    at += 1;
                }
            } else if input[at] == b'=' {
                out.push(b'=');
                at += 1;
            } else if at + 1 < input.len() && input[at].is_ascii_hexdigit() && input[at + 1].is_ascii_hexdigit() {
                let pair = std::str::from_utf8(&input[at..at + 2]).unwrap();
                out.push(u8::from_str_radix(pair, 16).unwrap());
                at += 2;
            } else {
                out.push(b'=');
            }
        } else if header && input[at] == b'_' {
            out.push(b' ');
            at += 1;
        } else {
            out.push(input[at]);
            at += 1;
        }
    }
    out
}
