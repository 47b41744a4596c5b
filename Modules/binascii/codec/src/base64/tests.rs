use super::*;
use crate::output::collect;

#[path = "../../tests/support/c_base64.rs"]
mod c_base64;

/// C's decoding loop (tests/support/c_base64.rs), with this module's rules:
/// the reference the decoder (with its kernels) must agree with, errors by
/// their messages.
fn reference_decode(input: &[u8], rules: DecodeRules) -> Result<Vec<u8>, String> {
    c_base64::a2b_base64(
        input,
        rules.strict,
        rules.refuse_padding_at_quad_start,
        rules.ignore_padding_midstream,
    )
}

fn decode_to_vec(input: &[u8], rules: DecodeRules) -> Result<Vec<u8>, DecodeError> {
    let mut result = Ok(());
    let out = collect(decoded_len_bound(input.len()), |out| result = decode(input, rules, out));
    result.map(|()| out)
}

/// `input` fed to a `Decoder` in pieces ending at `cuts`.
fn decode_in_pieces(input: &[u8], cuts: &[usize], rules: DecodeRules) -> Result<Vec<u8>, DecodeError> {
    let mut result = Ok(());
    let out = collect(decoded_len_bound(input.len()), |out| {
        let mut decoder = Decoder::new(rules);
        let mut start = 0;
        for &end in cuts.iter().chain([&input.len()]) {
            match decoder.feed(&input[start..end], end == input.len(), out) {
                Ok(false) => start = end,
                Ok(true) => break,
                Err(error) => {
                    result = Err(error);
                    return;
                }
            }
        }
        result = decoder.finish(out);
    });
    result.map(|()| out)
}

/// The decoding with its error as C's message, to compare with C's loop.
fn decode_as_c(input: &[u8], rules: DecodeRules) -> Result<Vec<u8>, String> {
    decode_to_vec(input, rules).map_err(|error| error.to_string())
}

fn encode_to_vec(input: &[u8], newline: bool) -> Vec<u8> {
    collect(encoded_len(input.len(), newline).unwrap(), |out| {
        encode(input, newline, out)
    })
}

/// Each mode under the rules of each release: 3.11 (the first rule only
/// changes strict mode), 3.13.0 and 3.13.13.
const ALL_RULES: [DecodeRules; 5] = [
    DecodeRules {
        strict: false,
        refuse_padding_at_quad_start: false,
        ignore_padding_midstream: false,
    },
    DecodeRules {
        strict: true,
        refuse_padding_at_quad_start: false,
        ignore_padding_midstream: false,
    },
    DecodeRules {
        strict: true,
        refuse_padding_at_quad_start: true,
        ignore_padding_midstream: false,
    },
    DecodeRules {
        strict: false,
        refuse_padding_at_quad_start: true,
        ignore_padding_midstream: true,
    },
    DecodeRules {
        strict: true,
        refuse_padding_at_quad_start: true,
        ignore_padding_midstream: true,
    },
];

/// xorshift64*: reproducible inputs with no dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

/// Multiplies the number of random cases (BINASCII_CODEC_CASES).
fn case_factor() -> usize {
    std::env::var("BINASCII_CODEC_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(1)
}

#[test]
fn rfc_4648_vectors() {
    let vectors: [(&[u8], &[u8]); 7] = [
        (b"", b""),
        (b"f", b"Zg=="),
        (b"fo", b"Zm8="),
        (b"foo", b"Zm9v"),
        (b"foob", b"Zm9vYg=="),
        (b"fooba", b"Zm9vYmE="),
        (b"foobar", b"Zm9vYmFy"),
    ];
    for (data, encoded) in vectors {
        assert_eq!(encode_to_vec(data, false), encoded);
        assert_eq!(encode_to_vec(data, true), [encoded, b"\n"].concat());
        for rules in ALL_RULES {
            assert_eq!(decode_to_vec(encoded, rules).unwrap(), data);
        }
    }
}

#[test]
fn messages_are_c_s() {
    let strict = ALL_RULES[2];
    let cases: [(&[u8], &str); 7] = [
        (b"=abc", "Leading padding not allowed"),
        (b"abcd=", "Excess padding not allowed"),
        (b"ab==cd", "Excess data after padding"),
        (b"ab!c", "Only base64 data is allowed"),
        (b"ab=c", "Discontinuous padding not allowed"),
        (
            b"abcde",
            "Invalid base64-encoded string: number of data characters (5) cannot be 1 more than a multiple of 4",
        ),
        (b"abc", "Incorrect padding"),
    ];
    for (input, message) in cases {
        assert_eq!(
            decode_to_vec(input, strict).unwrap_err().to_string(),
            message,
            "{input:?}"
        );
    }
}

/// gh-145264's rules, against what 3.13.0 did with the same input.
#[test]
fn padding_ignored_midstream() {
    let [lenient_3_11, _, strict_3_13_0, lenient, strict] = ALL_RULES;
    let decoded: [(&[u8], &[u8], &[u8]); 5] = [
        (b"ab==cd", b"i", b"i\xb7\x1d"),
        (b"abc=d=", b"i\xb7", b"i\xb7\x1d"),
        (b"ab==ab==", b"i", b"i\xb6\x9b"),
        (b"ab=:=", b"i", b"i"),
        (b"abcd===", b"i\xb7\x1d", b"i\xb7\x1d"),
    ];
    for (input, before, now) in decoded {
        assert_eq!(decode_to_vec(input, lenient_3_11).unwrap(), before, "{input:?}");
        assert_eq!(decode_to_vec(input, lenient).unwrap(), now, "{input:?}");
    }
    assert_eq!(decode_to_vec(b"ab==c", lenient), Err(DecodeError::IncorrectPadding));
    let refused: [(&[u8], &str, &str); 6] = [
        (b"ab===", "Excess data after padding", "Excess padding not allowed"),
        (b"abc==d", "Excess data after padding", "Excess padding not allowed"),
        (b"ab==:", "Excess data after padding", "Only base64 data is allowed"),
        (b"abc=d", "Excess data after padding", "Excess data after padding"),
        (
            b"ab=c",
            "Discontinuous padding not allowed",
            "Discontinuous padding not allowed",
        ),
        (
            b"abcda=b=",
            "Discontinuous padding not allowed",
            "Invalid base64-encoded string: number of data characters (5) cannot be 1 more than a multiple of 4",
        ),
    ];
    for (input, before, now) in refused {
        assert_eq!(
            decode_to_vec(input, strict_3_13_0).unwrap_err().to_string(),
            before,
            "{input:?}"
        );
        assert_eq!(decode_to_vec(input, strict).unwrap_err().to_string(), now, "{input:?}");
    }
}

#[test]
fn encode_round_trips_every_length() {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for len in 0..600 {
        let data: Vec<u8> = (0..len).map(|_| random.next() as u8).collect();
        let encoded = encode_to_vec(&data, false);
        assert_eq!(encoded.len(), encoded_len(len, false).unwrap());
        assert_eq!(encoded, c_base64::b2a_base64(&data, false), "len {len}");
        assert_eq!(
            encode_to_vec(&data, true),
            c_base64::b2a_base64(&data, true),
            "len {len}"
        );
        for rules in ALL_RULES {
            assert_eq!(decode_to_vec(&encoded, rules).unwrap(), data, "len {len}");
        }
    }
}

/// Inputs that mix long valid runs (where the kernels work) with every
/// kind of byte the rules care about, against the transcription of C.
#[test]
fn decode_agrees_with_c_s_loop() {
    let mut random = Random(0x1234_5678_9abc_def1);
    let specials = b"=\n\r !~\x00\x80\xff-_";
    for _ in 0..20_000 * case_factor() {
        let data: Vec<u8> = (0..random.below(200)).map(|_| random.next() as u8).collect();
        let mut input = encode_to_vec(&data, false);
        for _ in 0..random.below(4) {
            if input.is_empty() {
                break;
            }
            let at = random.below(input.len() + 1);
            match random.below(4) {
                0 => input.insert(at, specials[random.below(specials.len())]),
                1 => input.truncate(at),
                2 if at < input.len() => input[at] = ALPHABET[random.below(64)],
                _ => input.insert(at, b'='),
            }
        }
        let mut cuts: Vec<usize> = (0..random.below(4)).map(|_| random.below(input.len() + 1)).collect();
        cuts.sort_unstable();
        for rules in ALL_RULES {
            let expected = reference_decode(&input, rules);
            assert_eq!(decode_as_c(&input, rules), expected, "{input:?} {rules:?}");
            assert_eq!(
                decode_in_pieces(&input, &cuts, rules).map_err(|error| error.to_string()),
                expected,
                "{input:?} {rules:?} in pieces ending at {cuts:?}"
            );
        }
    }
}

/// Short inputs dense in '=' and bytes to skip between data characters
/// (as "A=B=C=..."), where the state machine does all the work: every
/// position of a pad in a quad, pad sequences interrupted by data or by
/// bytes to skip, against the transcription of C.
#[test]
fn dense_padding_agrees_with_c_s_loop() {
    let mut random = Random(0x0bad_5eed_da7a_0001);
    let bytes = b"AQgw+/==\n\n!\xff";
    for _ in 0..20_000 * case_factor() {
        let input: Vec<u8> = (0..random.below(24))
            .map(|_| bytes[random.below(bytes.len())])
            .collect();
        let cut = random.below(input.len() + 1);
        for rules in ALL_RULES {
            let expected = reference_decode(&input, rules);
            assert_eq!(decode_as_c(&input, rules), expected, "{input:?} {rules:?}");
            assert_eq!(
                decode_in_pieces(&input, &[cut], rules).map_err(|error| error.to_string()),
                expected,
                "{input:?} {rules:?} in pieces ending at {cut}"
            );
        }
    }
}

#[test]
fn mime_lines_decode_in_full() {
    let mut random = Random(7);
    let data: Vec<u8> = (0..100_000).map(|_| random.next() as u8).collect();
    let encoded = encode_to_vec(&data, false);
    let wrapped: Vec<u8> = encoded.chunks(76).flat_map(|line| [line, b"\n"].concat()).collect();
    assert_eq!(decode_to_vec(&wrapped, ALL_RULES[0]).unwrap(), data);
    assert_eq!(decode_to_vec(&wrapped, ALL_RULES[1]), Err(DecodeError::NotBase64));
}

/// Long inputs with sparse bytes to skip, so that non-strict decoding
/// compacts them across several chunks, against the transcription of C.
#[test]
fn long_inputs_with_bytes_to_skip() {
    let mut random = Random(0xdead_beef_cafe_f00d);
    let skipped = b"\n\r \t!~\x00\x80\xff-_.";
    for _ in 0..200 * case_factor() {
        let data: Vec<u8> = (0..random.below(12_000)).map(|_| random.next() as u8).collect();
        let mut input = encode_to_vec(&data, false);
        for _ in 0..random.below(64) {
            let at = random.below(input.len() + 1);
            let byte = if random.below(50) == 0 {
                b'='
            } else {
                skipped[random.below(skipped.len())]
            };
            input.insert(at, byte);
        }
        for rules in ALL_RULES {
            assert_eq!(decode_as_c(&input, rules), reference_decode(&input, rules), "{rules:?}");
        }
    }
}

#[test]
fn sizes_that_would_overflow() {
    assert_eq!(encoded_len(usize::MAX, false), None);
    // The first length whose encoding (4 * 2**62 characters) does not fit.
    assert_eq!(encoded_len(usize::MAX / 4 * 3 + 1, false), None);
    assert!(encoded_len(usize::MAX / 4 * 3, true).is_some());
    // Everything b2a_base64 accepts has a size.
    assert!(encoded_len(MAX_ENCODE_INPUT, true).is_some());
    assert_eq!(
        decoded_len_bound(isize::MAX as usize),
        (isize::MAX as usize).div_ceil(4) * 3
    );
}

/// Bytes to skip right before padding, many times over: each stretch of
/// them is compacted on its own (the shape that once cleared a whole chunk
/// per skipped byte).
#[test]
fn bytes_to_skip_before_padding() {
    let mut random = Random(0x0bad_5eed_1234_5678);
    for unit in [&b"\n="[..], b"AAAA\n=", b"\n\nAB=\n", b"QUJD\r\n\n==", b" A\tB C="] {
        for repeats in [1, 2, 3, 100, 5000] {
            let mut input = unit.repeat(repeats);
            // A clean quad first and some data after, in a few places.
            input.splice(0..0, *b"QUJD\n");
            let at = random.below(input.len() + 1);
            input.splice(at..at, *b"\nQUJDREVG\n");
            for rules in ALL_RULES {
                assert_eq!(
                    decode_as_c(&input, rules),
                    reference_decode(&input, rules),
                    "{unit:?} x {repeats} {rules:?}"
                );
            }
        }
    }
}

/// '=' (and other bytes to skip) between characters all through long
/// inputs, which the decoder reads to their end where padding is ignored
/// midstream, gathering the characters in chunks; every length around the
/// chunks' bounds, whole or in pieces, against the transcription of C.
#[test]
fn padding_between_characters() {
    let mut random = Random(0x9ad5_5eed_0f0f_1234);
    for len in (0..1400).step_by(7) {
        let data: Vec<u8> = (0..len).map(|_| random.next() as u8).collect();
        let encoded = encode_to_vec(&data, false);
        for (every, filler) in [(1, &b"="[..]), (2, b"="), (3, b"=\n"), (4, b"=="), (5, b"\n=")] {
            let mut input: Vec<u8> = encoded
                .chunks(every)
                .flat_map(|characters| [characters, filler].concat())
                .collect();
            input.truncate(input.len() - random.below(4).min(input.len()));
            let cut = random.below(input.len() + 1);
            for rules in ALL_RULES {
                let expected = reference_decode(&input, rules);
                assert_eq!(decode_as_c(&input, rules), expected, "{input:?} {rules:?}");
                assert_eq!(
                    decode_in_pieces(&input, &[cut], rules).map_err(|error| error.to_string()),
                    expected,
                    "{input:?} {rules:?} in pieces ending at {cut}"
                );
            }
        }
    }
}
