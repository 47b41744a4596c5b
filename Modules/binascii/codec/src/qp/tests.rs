use super::*;
use crate::output::collect;

#[path = "../../tests/support/c_qp.rs"]
mod c_qp;

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

/// The kernel paths this CPU can run, the scalar path (no kernels) among
/// them.
fn available_paths() -> impl Iterator<Item = Path> {
    Path::ALL.iter().copied().filter(|path| path.is_available())
}

/// `input` fed to a `Decoder` on `path` in pieces ending at `cuts`.
fn a2b_qp_in_pieces(input: &[u8], cuts: &[usize], header: bool, path: Path) -> Vec<u8> {
    collect(input.len(), |out| {
        let mut decoder = Decoder::on_path(header, path).unwrap();
        let mut start = 0;
        for &end in cuts.iter().chain([&input.len()]) {
            decoder.feed(&input[start..end], end == input.len(), out);
            start = end;
        }
    })
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

/// Text-like random inputs (words, spaces, lines of every length, with
/// every byte the rules single out mixed in) against the transcriptions of
/// C (tests/support/c_qp.rs).
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
            let (bound, expected) = c_qp::b2a_qp(&input, options.quote_tabs, options.is_text, options.header);
            for path in available_paths() {
                assert_eq!(
                    encoded_len_bound_on(path, &input, options),
                    Some(Some(bound)),
                    "{input:?} {options:?} {path:?}"
                );
                let encoded = collect(bound, |out| encode_on(path, &input, options, out).unwrap());
                assert_eq!(encoded, expected, "{input:?} {options:?} {path:?}");
            }
        }
        let encoded = b2a_qp(&input, TEXT);
        for header in [false, true] {
            assert_eq!(a2b_qp(&input, header), c_qp::a2b_qp(&input, header), "{input:?}");
            assert_eq!(a2b_qp(&encoded, header), c_qp::a2b_qp(&encoded, header), "{encoded:?}");
            for data in [&input, &encoded] {
                // Cuts next to each other leave pieces of a byte or none.
                let first = next(data.len() + 1);
                let mut cuts =
                    [first, first + next(3), next(data.len() + 1), next(data.len() + 1)].map(|cut| cut.min(data.len()));
                cuts.sort_unstable();
                for path in available_paths() {
                    assert_eq!(
                        a2b_qp_in_pieces(data, &cuts, header, path),
                        c_qp::a2b_qp(data, header),
                        "{data:?} in pieces ending at {cuts:?}, {path:?}"
                    );
                }
            }
        }
    }
}

/// Input dense in what decoding singles out ('=' before hex digits, line
/// ends, other bytes, '='; '_'), in runs of plain bytes of every length so
/// that each lands anywhere in a kernel's block, decoded whole and in pieces
/// on every path against the transcription of C.
#[test]
fn decoding_agrees_with_c_s_loops_on_every_path() {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    let specials = b"==0123456789abcdefABCDEFgG_\r\n \t\x80\xff";
    for case in 0..4000 {
        let len = next(if case % 10 == 0 { 2000 } else { 300 });
        let plain_run = 1 + next(80);
        let input: Vec<u8> = (0..len)
            .map(|_| {
                if next(plain_run) == 0 {
                    specials[next(specials.len())]
                } else {
                    b'a' + next(26) as u8
                }
            })
            .collect();
        for header in [false, true] {
            let expected = c_qp::a2b_qp(&input, header);
            let mut cuts = [next(len + 1), next(len + 1)];
            cuts.sort_unstable();
            for path in available_paths() {
                assert_eq!(
                    a2b_qp_in_pieces(&input, &[], header, path),
                    expected,
                    "{input:?} {path:?}"
                );
                assert_eq!(
                    a2b_qp_in_pieces(&input, &cuts, header, path),
                    expected,
                    "{input:?} in pieces ending at {cuts:?}, {path:?}"
                );
            }
        }
    }
}

/// Input in runs of one kind of byte (written as itself, escaped, white
/// space, or what the rules single out), of every length, so that runs start
/// and end anywhere in a kernel's block and in a line: every option and
/// path against the transcription of C.
#[test]
fn encoding_agrees_with_c_s_loops_on_every_path() {
    let mut state = 0x853c_49e6_748f_ea9b_u64;
    let mut next = move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    let kinds: [&[u8]; 5] = [
        b"abcdefghijklmnopqrstuvwxyz",
        b"\x80\x9f\xc3\xff\x00\x01\x7f=",
        b" \t",
        b"=._ \t\r\n\x00\x7f\xff",
        b"a\n",
    ];
    for case in 0..3000 {
        let len = next(if case % 10 == 0 { 3000 } else { 400 });
        let mut input = Vec::with_capacity(len);
        while input.len() < len {
            let kind = kinds[next(kinds.len())];
            let longest = if next(2) == 0 { 8 } else { 150 };
            let run = 1 + next(longest);
            input.extend((0..run).map(|_| kind[next(kind.len())]));
        }
        input.truncate(len);
        for bits in 0..8 {
            let options = EncodeOptions {
                quote_tabs: bits & 1 != 0,
                is_text: bits & 2 != 0,
                header: bits & 4 != 0,
            };
            let (bound, expected) = c_qp::b2a_qp(&input, options.quote_tabs, options.is_text, options.header);
            for path in available_paths() {
                assert_eq!(
                    encoded_len_bound_on(path, &input, options),
                    Some(Some(bound)),
                    "{input:?} {options:?} {path:?}"
                );
                let encoded = collect(bound, |out| encode_on(path, &input, options, out).unwrap());
                assert_eq!(encoded, expected, "{input:?} {options:?} {path:?}");
            }
        }
    }
}
