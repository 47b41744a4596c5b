use super::*;
use crate::output::collect;

/// C's decoding loop, transcribed byte for byte with no fast path: the
/// reference the decoder (with its kernels) must agree with.
fn reference_decode(input: &[u8], rules: DecodeRules) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::new();
    if rules.strict && input.first() == Some(&b'=') {
        return Err(DecodeError::LeadingPadding);
    }
    let (mut position, mut left, mut pads, mut padding_started) = (0, 0u8, 0, false);
    for (i, &byte) in input.iter().enumerate() {
        if byte == b'=' {
            padding_started = true;
            if rules.strict && rules.refuse_padding_at_quad_start && position == 0 {
                return Err(DecodeError::ExcessPadding);
            }
            if position >= 2 {
                pads += 1;
                if position + pads >= 4 {
                    if rules.strict && i + 1 < input.len() {
                        return Err(DecodeError::ExcessDataAfterPadding);
                    }
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(value) = ALPHABET.iter().position(|&c| c == byte) else {
            if rules.strict {
                return Err(DecodeError::NotBase64);
            }
            continue;
        };
        let value = value as u8;
        if rules.strict && padding_started {
            return Err(DecodeError::DiscontinuousPadding);
        }
        pads = 0;
        match position {
            0 => left = value,
            1 => {
                out.push(left << 2 | value >> 4);
                left = value & 0xf;
            }
            2 => {
                out.push(left << 4 | value >> 2);
                left = value & 3;
            }
            _ => out.push(left << 6 | value),
        }
        position = (position + 1) % 4;
    }
    match position {
        0 => Ok(out),
        1 => Err(DecodeError::OneTooManyCharacters {
            data_characters: out.len() / 3 * 4 + 1,
        }),
        _ => Err(DecodeError::IncorrectPadding),
    }
}

fn decode_to_vec(input: &[u8], rules: DecodeRules) -> Result<Vec<u8>, DecodeError> {
    let mut result = Ok(());
    let out = collect(decoded_len_bound(input.len()), |out| result = decode(input, rules, out));
    result.map(|()| out)
}

fn encode_to_vec(input: &[u8], newline: bool) -> Vec<u8> {
    collect(encoded_len(input.len(), newline).unwrap(), |out| {
        encode(input, newline, out)
    })
}

const ALL_RULES: [DecodeRules; 3] = [
    DecodeRules {
        strict: false,
        refuse_padding_at_quad_start: false,
    },
    DecodeRules {
        strict: true,
        refuse_padding_at_quad_start: false,
    },
    DecodeRules {
        strict: true,
        refuse_padding_at_quad_start: true,
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

#[test]
fn encode_round_trips_every_length() {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for len in 0..600 {
        let data: Vec<u8> = (0..len).map(|_| random.next() as u8).collect();
        let encoded = encode_to_vec(&data, false);
        assert_eq!(encoded.len(), encoded_len(len, false).unwrap());
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
        for rules in ALL_RULES {
            assert_eq!(
                decode_to_vec(&input, rules),
                reference_decode(&input, rules),
                "{input:?} {rules:?}"
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
            assert_eq!(
                decode_to_vec(&input, rules),
                reference_decode(&input, rules),
                "{rules:?}"
            );
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
                    decode_to_vec(&input, rules),
                    reference_decode(&input, rules),
                    "{unit:?} x {repeats} {rules:?}"
                );
            }
        }
    }
}
