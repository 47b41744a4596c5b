use super::*;
use crate::output::collect;

const TEXT: EncodeOptions = EncodeOptions {
    quote_tabs: false,
    is_text: true,
    header: false,
};

fn b2a_qp(input: &[u8], options: EncodeOptions) -> Vec<u8> {
    let bound = encoded_len_bound(input, options).unwrap();
    let out = collect(bound, |out| encode(input, options, out));
    assert!(out.len() <= bound);
    out
}

fn a2b_qp(input: &[u8], header: bool) -> Vec<u8> {
    collect(input.len(), |out| decode(input, header, out))
}

#[test]
fn escapes() {
    assert_eq!(b2a_qp(b"a=b\xff", TEXT), b"a=3Db=FF");
    // White space is kept inside a line, escaped at its end.
    assert_eq!(b2a_qp(b"a b \nc\t", TEXT), b"a b=20\nc=09");
    assert_eq!(
        b2a_qp(
            b"a b",
            EncodeOptions {
                quote_tabs: true,
                ..TEXT
            }
        ),
        b"a=20b"
    );
    assert_eq!(b2a_qp(b"a_b c", EncodeOptions { header: true, ..TEXT }), b"a=5Fb_c");
    assert_eq!(b2a_qp(b"a\r\nb", EncodeOptions { is_text: false, ..TEXT }), b"a=0D=0Ab");
    // A line of only "." would end an SMTP message.
    assert_eq!(b2a_qp(b".\n", TEXT), b"=2E\n");
}

#[test]
fn line_ends_follow_the_first_one() {
    assert_eq!(b2a_qp(b"a\r\nb\nc", TEXT), b"a\r\nb\r\nc");
    assert_eq!(b2a_qp(b"a\nb\r\nc", TEXT), b"a\nb\nc");
}

#[test]
fn soft_line_breaks() {
    let long = [b'x'; 200];
    let encoded = b2a_qp(&long, TEXT);
    for line in encoded.split(|&byte| byte == b'\n') {
        assert!(line.len() <= MAX_LINE_LENGTH, "{}", line.len());
    }
    assert_eq!(a2b_qp(&encoded, false), long);
}

#[test]
fn decoding() {
    assert_eq!(a2b_qp(b"a=3Db=ff", false), b"a=b\xff");
    assert_eq!(a2b_qp(b"a=\r\nb=\nc", false), b"abc");
    assert_eq!(a2b_qp(b"a==b", false), b"a=b");
    assert_eq!(a2b_qp(b"a=g0=", false), b"a=g0");
    assert_eq!(a2b_qp(b"a_b", true), b"a b");
    assert_eq!(a2b_qp(b"a_b", false), b"a_b");
}

#[test]
fn round_trips() {
    let data: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    for quote_tabs in [false, true] {
        for header in [false, true] {
            let options = EncodeOptions {
                quote_tabs,
                is_text: false,
                header,
            };
            assert_eq!(a2b_qp(&b2a_qp(&data, options), header), data);
        }
    }
}

/// C's two loops for `b2a_qp`, transcribed a byte at a time with no fast
/// path: the size it reserves, and what it writes.
fn reference_b2a_qp(input: &[u8], options: EncodeOptions) -> (usize, Vec<u8>) {
    let len = input.len();
    let first_newline = input.iter().position(|&byte| byte == b'\n');
    let crlf = matches!(first_newline, Some(at) if at > 0 && input[at - 1] == b'\r');
    let line_end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let escaped = |at: usize, line_length: usize| {
        let byte = input[at];
        byte > 126
            || byte == b'='
            || (options.header && byte == b'_')
            || (byte == b'.'
                && line_length == 0
                && (at + 1 == len || input[at + 1] == b'\n' || input[at + 1] == b'\r' || input[at + 1] == 0))
            || (!options.is_text && (byte == b'\r' || byte == b'\n'))
            || ((byte == b'\t' || byte == b' ') && at + 1 == len)
            || (byte < 33 && byte != b'\r' && byte != b'\n' && (options.quote_tabs || (byte != b'\t' && byte != b' ')))
    };
    let is_line_end = |at: usize| {
        options.is_text && (input[at] == b'\n' || (at + 1 < len && input[at] == b'\r' && input[at + 1] == b'\n'))
    };
    let (mut bound, mut line_length, mut at) = (0, 0, 0);
    while at < len {
        if escaped(at, line_length) {
            if line_length + 3 >= MAX_LINE_LENGTH {
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
            if at + 1 != len && input[at + 1] != b'\n' && line_length + 1 >= MAX_LINE_LENGTH {
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
            if line_length + 3 >= MAX_LINE_LENGTH {
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
            if at + 1 != len && input[at + 1] != b'\n' && line_length + 1 >= MAX_LINE_LENGTH {
                out.push(b'=');
                out.extend_from_slice(line_end);
                line_length = 0;
            }
            line_length += 1;
            out.push(if options.header && input[at] == b' ' {
                b'_'
            } else {
                input[at]
            });
            at += 1;
        }
    }
    (bound, out)
}

/// C's `a2b_qp` loop, transcribed a byte at a time.
fn reference_a2b_qp(input: &[u8], header: bool) -> Vec<u8> {
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

/// Text-like random inputs (words, spaces, lines of every length, with
/// every byte the rules single out mixed in) against the transcriptions.
#[test]
fn agrees_with_c_s_loops() {
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    let specials = b"=._ \t\r\n\x00\x7f\xff";
    for case in 0..6000 {
        let len = next(if case % 10 == 0 { 1000 } else { 200 });
        let line = 1 + next(120);
        let input: Vec<u8> = (0..len)
            .map(|at| match next(24) {
                _ if at % line == line - 1 => b'\n',
                0 | 1 => specials[next(specials.len())],
                2..=5 => b' ',
                _ => b'a' + next(26) as u8,
            })
            .collect();
        for bits in 0..8 {
            let options = EncodeOptions {
                quote_tabs: bits & 1 != 0,
                is_text: bits & 2 != 0,
                header: bits & 4 != 0,
            };
            let (bound, expected) = reference_b2a_qp(&input, options);
            assert_eq!(encoded_len_bound(&input, options), Some(bound), "{input:?} {options:?}");
            assert_eq!(b2a_qp(&input, options), expected, "{input:?} {options:?}");
        }
        for header in [false, true] {
            let encoded = b2a_qp(&input, TEXT);
            assert_eq!(a2b_qp(&input, header), reference_a2b_qp(&input, header), "{input:?}");
            assert_eq!(
                a2b_qp(&encoded, header),
                reference_a2b_qp(&encoded, header),
                "{encoded:?}"
            );
        }
    }
}
