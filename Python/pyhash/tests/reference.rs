//! The crate against a plain transcription of the SipHash paper: the message
//! padded with zeros and its length byte, then taken word by word, with the
//! paper's SipRound. Random keys and messages of every length up to 300 and
//! some long ones; `PYHASH_CASES=N` runs N instead of the default 20,000.

use pyhash::{siphash13, siphash24};

fn sip_round(v: &mut [u64; 4]) {
    v[0] = v[0].wrapping_add(v[1]);
    v[1] = v[1].rotate_left(13);
    v[1] ^= v[0];
    v[0] = v[0].rotate_left(32);
    v[2] = v[2].wrapping_add(v[3]);
    v[3] = v[3].rotate_left(16);
    v[3] ^= v[2];
    v[0] = v[0].wrapping_add(v[3]);
    v[3] = v[3].rotate_left(21);
    v[3] ^= v[0];
    v[2] = v[2].wrapping_add(v[1]);
    v[1] = v[1].rotate_left(17);
    v[1] ^= v[2];
    v[2] = v[2].rotate_left(32);
}

fn reference(compression: usize, finalization: usize, k0: u64, k1: u64, message: &[u8]) -> u64 {
    let mut v = [
        k0 ^ 0x736f6d6570736575,
        k1 ^ 0x646f72616e646f6d,
        k0 ^ 0x6c7967656e657261,
        k1 ^ 0x7465646279746573,
    ];
    let mut padded = message.to_vec();
    while padded.len() % 8 != 7 {
        padded.push(0);
    }
    padded.push(message.len() as u8);
    for word in padded.chunks(8) {
        let m = word.iter().rev().fold(0u64, |acc, &byte| acc << 8 | u64::from(byte));
        v[3] ^= m;
        for _ in 0..compression {
            sip_round(&mut v);
        }
        v[0] ^= m;
    }
    v[2] ^= 0xff;
    for _ in 0..finalization {
        sip_round(&mut v);
    }
    v[0] ^ v[1] ^ v[2] ^ v[3]
}

/// xorshift64*: reproducible inputs without a dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

#[test]
fn matches_the_paper_on_random_inputs() {
    let cases: usize = std::env::var("PYHASH_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for case in 0..cases {
        let length = match case % 100 {
            0 => (1 << 16) | (random.next() as usize % 64),
            _ => case % 301,
        };
        let message: Vec<u8> = (0..length).map(|_| random.next() as u8).collect();
        let (k0, k1) = (random.next(), random.next());
        assert_eq!(
            siphash13(k0, k1, &message),
            reference(1, 3, k0, k1, &message),
            "1-3, length {length}"
        );
        assert_eq!(
            siphash24(k0, k1, &message),
            reference(2, 4, k0, k1, &message),
            "2-4, length {length}"
        );
    }
}

#[test]
fn length_byte_wraps_at_256() {
    let message = vec![7u8; 256 + 5];
    assert_eq!(siphash13(1, 2, &message), reference(1, 3, 1, 2, &message));
    assert_eq!(siphash24(1, 2, &message), reference(2, 4, 1, 2, &message));
}
