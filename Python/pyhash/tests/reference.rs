//! The crate against a plain transcription of the SipHash paper
//! (support/siphash_paper.rs), on random keys and messages of every length up
//! to 300 and some long ones; `PYHASH_CASES=N` runs N instead of the default
//! 20,000. The fuzz target (fuzz/) makes the same comparison on libFuzzer's
//! inputs.

#[path = "support/siphash_paper.rs"]
mod siphash_paper;

use pyhash::{siphash13, siphash24};
use siphash_paper::reference;

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
