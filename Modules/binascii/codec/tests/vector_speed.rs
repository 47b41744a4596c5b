//! Throughput of every kernel path, for people tuning them; ignored by
//! default because timings mean nothing in a debug build or a busy CI:
//! `cargo test -p binascii-codec --release --test vector_speed -- --ignored --nocapture`

use std::hint::black_box;
use std::mem::MaybeUninit;
use std::time::{Duration, Instant};

use binascii_codec::Output;
use binascii_codec::cpu::Path;
use binascii_codec::{base64, hex};

type Kernel = fn(Path, &[u8], &mut Output<'_>) -> Option<usize>;

/// The best time of one call, in seconds, over rounds of about 20 ms each.
fn time_per_call(kernel: Kernel, path: Path, input: &[u8], room: usize) -> f64 {
    let mut buf = vec![MaybeUninit::uninit(); room];
    let mut call = || {
        let mut out = Output::new(&mut buf);
        black_box(kernel(path, black_box(input), &mut out));
    };
    let mut calls = 1u32;
    loop {
        let start = Instant::now();
        (0..calls).for_each(|_| call());
        if start.elapsed() > Duration::from_millis(20) {
            break;
        }
        calls *= 2;
    }
    (0..15)
        .map(|_| {
            let start = Instant::now();
            (0..calls).for_each(|_| call());
            start.elapsed().as_secs_f64() / f64::from(calls)
        })
        .fold(f64::INFINITY, f64::min)
}

fn report_one(name: &str, label: &str, kernel: Kernel, path: Path, inputs: [&[u8]; 2], room: &dyn Fn(usize) -> usize) {
    let [large, small] = inputs;
    let large_time = time_per_call(kernel, path, large, room(large.len()));
    let small_time = time_per_call(kernel, path, small, room(small.len()));
    println!(
        "{name:>14} {label:>8}: {:6.2} GB/s at 1 MiB, {:5.1} ns per 64-byte call",
        large.len() as f64 / large_time / 1e9,
        small_time * 1e9,
    );
}

fn report(name: &str, kernel: Kernel, make_input: impl Fn(usize) -> Vec<u8>, room: impl Fn(usize) -> usize) {
    let (large, small) = (make_input(1 << 20), make_input(64));
    for &path in Path::ALL {
        if path.is_available() {
            report_one(name, path.name(), kernel, path, [&large, &small], &room);
        } else {
            println!("{name:>14} {:>8}: skipped, this CPU lacks it", path.name());
        }
    }
}

/// What the kernels should beat by far: a table lookup per character.
fn byte_at_a_time_hex_encode(_: Path, input: &[u8], out: &mut Output<'_>) -> Option<usize> {
    for &byte in input {
        out.push(b"0123456789abcdef"[usize::from(byte >> 4)]);
        out.push(b"0123456789abcdef"[usize::from(byte & 15)]);
    }
    Some(input.len())
}

/// What the kernels should beat by far: a table lookup per character.
fn byte_at_a_time_hex_decode(_: Path, input: &[u8], out: &mut Output<'_>) -> Option<usize> {
    const NOT_HEX: u8 = 0xff;
    static VALUES: [u8; 256] = {
        let mut table = [NOT_HEX; 256];
        let mut char = 0;
        while char < 256 {
            table[char] = match char as u8 {
                digit @ b'0'..=b'9' => digit - b'0',
                letter @ b'a'..=b'f' => letter - b'a' + 10,
                letter @ b'A'..=b'F' => letter - b'A' + 10,
                _ => NOT_HEX,
            };
            char += 1;
        }
        table
    };
    for (index, pair) in input.chunks_exact(2).enumerate() {
        let (high, low) = (VALUES[usize::from(pair[0])], VALUES[usize::from(pair[1])]);
        if high == NOT_HEX || low == NOT_HEX {
            return Some(2 * index);
        }
        out.push(high << 4 | low);
    }
    Some(input.len() / 2 * 2)
}

/// Bytes that look random enough for the encoders.
fn bytes(len: usize) -> Vec<u8> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

#[test]
#[ignore = "a benchmark; run it on an idle machine with --release"]
fn throughput() {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let digits = b"0123456789abcdefABCDEF";
    report("base64 encode", base64::vector::encode_prefix_on, bytes, |len| {
        len / 3 * 4
    });
    report(
        "base64 decode",
        base64::vector::decode_prefix_on,
        |len| {
            bytes(len)
                .iter()
                .map(|&byte| alphabet[usize::from(byte) % 64])
                .collect()
        },
        |len| len / 4 * 3,
    );
    report("hex encode", hex::vector::encode_prefix_on, bytes, |len| 2 * len);
    let baseline_input = [&bytes(1 << 20)[..], &bytes(64)];
    report_one(
        "hex encode",
        "baseline",
        byte_at_a_time_hex_encode,
        Path::Scalar,
        baseline_input,
        &|len| 2 * len,
    );
    let hex_digits = |len| -> Vec<u8> {
        bytes(len)
            .iter()
            .map(|&byte| digits[usize::from(byte) % digits.len()])
            .collect()
    };
    report("hex decode", hex::vector::decode_prefix_on, hex_digits, |len| len / 2);
    let baseline_input = [&hex_digits(1 << 20)[..], &hex_digits(64)];
    report_one(
        "hex decode",
        "baseline",
        byte_at_a_time_hex_decode,
        Path::Scalar,
        baseline_input,
        &|len| len / 2,
    );
}
