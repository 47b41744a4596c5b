//! SipHash as the paper describes it, written for clarity rather than speed:
//! the message padded with zeros and its length byte, then taken word by
//! word, with the paper's SipRound. Shared by tests/reference.rs and the
//! fuzz target (fuzz/).

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

pub fn reference(compression: usize, finalization: usize, k0: u64, k1: u64, message: &[u8]) -> u64 {
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
