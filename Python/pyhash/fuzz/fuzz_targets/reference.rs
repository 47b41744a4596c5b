//! Input: 16 key bytes, then the message. pyhash's SipHash-1-3 and 2-4 must
//! equal the transcription of the paper in tests/support/siphash_paper.rs.
#![no_main]

#[path = "../../tests/support/siphash_paper.rs"]
mod siphash_paper;

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    if input.len() < 16 {
        return;
    }
    let (key, message) = input.split_at(16);
    let k0 = u64::from_le_bytes(key[..8].try_into().unwrap());
    let k1 = u64::from_le_bytes(key[8..].try_into().unwrap());
    assert_eq!(pyhash::siphash13(k0, k1, message), siphash_paper::reference(1, 3, k0, k1, message));
    assert_eq!(pyhash::siphash24(k0, k1, message), siphash_paper::reference(2, 4, k0, k1, message));
});
