//! SipHash-c-d (Aumasson and Bernstein, 2012) over a byte slice, one call.
//!
//! The message is taken 8 bytes at a time as little-endian words; the last
//! word holds the remaining 0 to 7 bytes and, in its top byte, the message
//! length modulo 256. Each word goes through `C` rounds, the finalization
//! through `D`. This is what pyhash.c does, on any host byte order.

/// SipHash-1-3 of `data` under the key (`k0`, `k1`): CPython's default.
pub fn siphash13(k0: u64, k1: u64, data: &[u8]) -> u64 {
    siphash::<1, 3>(k0, k1, data)
}

/// SipHash-2-4 of `data` under the key (`k0`, `k1`).
pub fn siphash24(k0: u64, k1: u64, data: &[u8]) -> u64 {
    siphash::<2, 4>(k0, k1, data)
}

struct State {
    v0: u64,
    v1: u64,
    v2: u64,
    v3: u64,
}

impl State {
    /// The key mixed with the ASCII of "somepseudorandomlygeneratedbytes".
    fn new(k0: u64, k1: u64) -> State {
        State {
            v0: k0 ^ 0x736f_6d65_7073_6575,
            v1: k1 ^ 0x646f_7261_6e64_6f6d,
            v2: k0 ^ 0x6c79_6765_6e65_7261,
            v3: k1 ^ 0x7465_6462_7974_6573,
        }
    }

    fn round(&mut self) {
        self.v0 = self.v0.wrapping_add(self.v1);
        self.v2 = self.v2.wrapping_add(self.v3);
        self.v1 = self.v1.rotate_left(13) ^ self.v0;
        self.v3 = self.v3.rotate_left(16) ^ self.v2;
        self.v0 = self.v0.rotate_left(32);
        self.v2 = self.v2.wrapping_add(self.v1);
        self.v0 = self.v0.wrapping_add(self.v3);
        self.v1 = self.v1.rotate_left(17) ^ self.v2;
        self.v3 = self.v3.rotate_left(21) ^ self.v0;
        self.v2 = self.v2.rotate_left(32);
    }

    fn compress<const C: usize>(&mut self, word: u64) {
        self.v3 ^= word;
        for _ in 0..C {
            self.round();
        }
        self.v0 ^= word;
    }

    fn finish<const D: usize>(mut self) -> u64 {
        self.v2 ^= 0xff;
        for _ in 0..D {
            self.round();
        }
        self.v0 ^ self.v1 ^ self.v2 ^ self.v3
    }
}

fn siphash<const C: usize, const D: usize>(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut state = State::new(k0, k1);
    let words = data.chunks_exact(8);
    let tail = words.remainder();
    for word in words {
        state.compress::<C>(u64::from_le_bytes(word.try_into().expect("chunks of 8")));
    }
    let mut last = [0u8; 8];
    last[..tail.len()].copy_from_slice(tail);
    // Only the low 8 bits of the length count, as `(uint64_t)len << 56` in C.
    last[7] = data.len() as u8;
    state.compress::<C>(u64::from_le_bytes(last));
    state.finish::<D>()
}
