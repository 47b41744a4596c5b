//! Every hex kernel path against a plain reference written here.
//!
//! Each path runs on output buffers exactly as long as the interface
//! guarantees, so a kernel that writes past its bytes panics in `Output`
//! or corrupts a neighbour the comparison catches. `BINASCII_CODEC_CASES`
//! multiplies the number of random cases.

use std::mem::MaybeUninit;

use binascii_codec::Output;
use binascii_codec::cpu::Path;
use binascii_codec::hex::vector::{decode_prefix, decode_prefix_on, encode_groups_on, encode_prefix, encode_prefix_on};

const DIGITS: &[u8; 22] = b"0123456789abcdefABCDEF";

/// xorshift64: reproducible inputs without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }

    fn hex(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| DIGITS[self.below(DIGITS.len())]).collect()
    }

    fn invalid_byte(&mut self) -> u8 {
        loop {
            let byte = self.next() as u8;
            if !byte.is_ascii_hexdigit() {
                return byte;
            }
        }
    }
}

fn cases() -> usize {
    std::env::var("BINASCII_CODEC_CASES").map_or(1, |cases| cases.parse().expect("BINASCII_CODEC_CASES is a number"))
}

fn reference_encode(input: &[u8]) -> Vec<u8> {
    input
        .iter()
        .flat_map(|byte| format!("{byte:02x}").into_bytes())
        .collect()
}

/// The characters a kernel may decode: the whole pairs before the first
/// character that is not a hex digit.
fn decodable_len(input: &[u8]) -> usize {
    let valid = input
        .iter()
        .position(|byte| !byte.is_ascii_hexdigit())
        .unwrap_or(input.len());
    valid / 2 * 2
}

fn reference_decode(input: &[u8]) -> Vec<u8> {
    input[..decodable_len(input)]
        .chunks_exact(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
        .collect()
}

/// Runs a kernel with `prefix` already written to an output buffer of
/// exactly `prefix.len() + room` bytes; returns what it consumed and what it
/// appended.
fn run(kernel: impl FnOnce(&mut Output<'_>) -> usize, prefix: &[u8], room: usize) -> (usize, Vec<u8>) {
    let mut buf = vec![MaybeUninit::uninit(); prefix.len() + room];
    let mut out = Output::new(&mut buf);
    out.extend_from_slice(prefix);
    let consumed = kernel(&mut out);
    assert_eq!(
        &out.written()[..prefix.len()],
        prefix,
        "the kernel overwrote earlier output"
    );
    (consumed, out.written()[prefix.len()..].to_vec())
}

fn check_encode(path: Path, input: &[u8], prefix: &[u8]) {
    let room = 2 * input.len();
    let (consumed, chars) = run(|out| encode_prefix_on(path, input, out).unwrap(), prefix, room);
    let expected = reference_encode(input);
    assert_eq!(consumed, input.len(), "{path:?} encode consumed, input {input:?}");
    assert!(
        chars == expected,
        "{path:?} encode of {input:?}:\n got {chars:?}\nwant {expected:?}"
    );
}

/// A separator, then the hex of each group, the last group maybe short.
fn reference_encode_groups(input: &[u8], group: usize, separator: u8) -> Vec<u8> {
    input
        .chunks(group)
        .flat_map(|chunk| [vec![separator], reference_encode(chunk)].concat())
        .collect()
}

fn check_encode_groups(path: Path, input: &[u8], group: usize, separator: u8, prefix: &[u8]) {
    let room = 2 * input.len() + input.len().div_ceil(group);
    let (_, chars) = run(
        |out| {
            encode_groups_on(path, input, group, separator, out).unwrap();
            0
        },
        prefix,
        room,
    );
    let expected = reference_encode_groups(input, group, separator);
    assert!(
        chars == expected,
        "{path:?} groups of {group} of {input:?}:\n got {chars:?}\nwant {expected:?}"
    );
}

fn check_decode(path: Path, input: &[u8], prefix: &[u8]) {
    let room = input.len() / 2;
    let (consumed, bytes) = run(|out| decode_prefix_on(path, input, out).unwrap(), prefix, room);
    assert_eq!(
        consumed,
        decodable_len(input),
        "{path:?} decode consumed, input {input:?}"
    );
    let expected = reference_decode(input);
    assert!(
        bytes == expected,
        "{path:?} decode of {input:?}:\n got {bytes:?}\nwant {expected:?}"
    );
}

/// The paths this CPU can run, saying which it cannot.
fn paths() -> Vec<Path> {
    let (available, missing): (Vec<Path>, Vec<Path>) = Path::ALL.iter().partition(|path| path.is_available());
    for path in missing {
        println!("skipped {}: this CPU lacks its instructions", path.name());
    }
    assert!(available.contains(&Path::Scalar));
    available
}

#[test]
fn encode_every_length() {
    for path in paths() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..cases() {
            for len in 0..=300 {
                check_encode(path, &rng.bytes(len), b"");
            }
        }
    }
}

#[test]
fn encode_groups_every_length_and_size() {
    for path in paths() {
        let mut rng = Rng(0xd1b5_4a32_d192_ed03);
        for _ in 0..cases() {
            for len in 0..=300 {
                let input = rng.bytes(len);
                for group in 1..=20 {
                    let separator = rng.next() as u8;
                    check_encode_groups(path, &input, group, separator, b"");
                    check_encode_groups(path, &input, group, separator, b"0123");
                }
            }
        }
    }
}

#[test]
fn decode_every_length() {
    for path in paths() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..cases() {
            for len in 0..=300 {
                check_decode(path, &rng.hex(len), b"");
            }
        }
    }
}

#[test]
fn decode_stops_at_an_invalid_byte_anywhere() {
    for path in paths() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        for _ in 0..cases() {
            for len in 1..=200 {
                let valid = rng.hex(len);
                for position in 0..len {
                    let mut input = valid.clone();
                    input[position] = rng.invalid_byte();
                    if rng.below(4) == 0 {
                        // A second bad byte later must not matter.
                        let later = position + rng.below(len - position);
                        input[later] = rng.invalid_byte();
                    }
                    check_decode(path, &input, b"");
                }
            }
        }
    }
}

#[test]
fn decode_every_byte_value() {
    for path in paths() {
        let mut rng = Rng(0x0bad_cafe_f00d_d00d);
        for byte in 0..=255 {
            for position in [0, 1, 3, 4, 31, 47, 63, 64, 65, 100, 127, 128, 191, 200, 255] {
                let mut input = rng.hex(256);
                input[position] = byte;
                check_decode(path, &input, b"");
            }
        }
    }
}

#[test]
fn encode_every_byte_value() {
    let all: Vec<u8> = (0..=255).collect();
    for path in paths() {
        for start in 0..3 {
            check_encode(path, &all[start..], b"");
        }
    }
}

#[test]
fn decode_one_run_per_call_between_separators() {
    let mut rng = Rng(0x5eed);
    let mut text = Vec::new();
    let mut runs = Vec::new();
    for _ in 0..100 {
        let len = 1 + rng.below(150);
        runs.push(len);
        text.extend(rng.hex(len));
        text.push(b' ');
    }
    for path in paths() {
        let mut rest = &text[..];
        for &len in &runs {
            check_decode(path, rest, b"");
            let (consumed, _) = run(|out| decode_prefix_on(path, rest, out).unwrap(), b"", rest.len() / 2);
            assert_eq!(consumed, len / 2 * 2);
            rest = &rest[len + 1..];
        }
    }
}

#[test]
fn output_after_earlier_output() {
    for path in paths() {
        let mut rng = Rng(0xfeed_beef);
        for _ in 0..cases() {
            for len in 0..=300 {
                let prefix_len = rng.below(70);
                let prefix = rng.bytes(prefix_len);
                check_encode(path, &rng.bytes(len), &prefix);
                check_decode(path, &rng.hex(len), &prefix);
            }
        }
    }
}

#[test]
fn long_inputs() {
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    let bytes = rng.bytes((1 << 20) + 2);
    let chars = rng.hex(1 << 20);
    for path in paths() {
        check_encode(path, &bytes, b"");
        check_decode(path, &chars, b"");
        let mut broken = chars.clone();
        broken[(1 << 20) - 1000] = b'=';
        check_decode(path, &broken, b"");
    }
}

#[test]
fn random_mixtures() {
    for path in paths() {
        let mut rng = Rng(0xdead_beef_0000_0001);
        for _ in 0..200 * cases() {
            let len = rng.below(2000);
            // Mostly alphabet, with now and then a stretch of bad bytes.
            let mut input = rng.hex(len);
            for _ in 0..rng.below(3) {
                if len > 0 {
                    let at = rng.below(len);
                    input[at] = rng.invalid_byte();
                }
            }
            check_decode(path, &input, b"");
            check_encode(path, &input, b"");
        }
    }
}

#[test]
fn dispatch_matches_a_path() {
    let mut rng = Rng(77);
    let bytes = rng.bytes(1000);
    let chars = rng.hex(1000);
    let selected = binascii_codec::cpu::selected();
    assert_eq!(binascii_codec::cpu::selected_path(), selected.name());
    assert!(selected.is_available());
    let encoded = run(|out| encode_prefix(&bytes, out), b"", 2 * bytes.len());
    assert_eq!(
        encoded,
        run(
            |out| encode_prefix_on(selected, &bytes, out).unwrap(),
            b"",
            2 * bytes.len()
        )
    );
    assert_eq!(encoded.1, reference_encode(&bytes));
    let decoded = run(|out| decode_prefix(&chars, out), b"", chars.len() / 2);
    assert_eq!(decoded.1, reference_decode(&chars));
}

#[test]
fn missing_paths_are_refused() {
    for &path in Path::ALL.iter().filter(|path| !path.is_available()) {
        let mut buf = [MaybeUninit::uninit(); 8];
        let mut out = Output::new(&mut buf);
        assert_eq!(encode_prefix_on(path, b"abcdef", &mut out), None);
        assert_eq!(decode_prefix_on(path, b"abcdefgh", &mut out), None);
        assert!(out.is_empty());
    }
}
