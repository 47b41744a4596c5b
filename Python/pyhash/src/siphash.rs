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
    let len = data.len();
    let last = if len < 8 {
        short_word(data)
    } else {
        let (words, _) = data.as_chunks::<8>();
        for &word in words {
            state.compress::<C>(u64::from_le_bytes(word));
        }
        tail_word(data)
    };
    // Only the low 8 bits of the length count, as `(uint64_t)len << 56` in C.
    state.compress::<C>(last | ((len as u64) << 56));
    state.finish::<D>()
}

/// A message of 0 to 7 bytes as a little-endian word, read with at most two
/// loads: the short inputs that dominate hashing in CPython spend a good
/// part of their time here.
fn short_word(data: &[u8]) -> u64 {
    let len = data.len();
    let half = |at: usize| u64::from(u32::from_le_bytes(data[at..at + 4].try_into().expect("4 bytes")));
    let pair = |at: usize| u64::from(u16::from_le_bytes(data[at..at + 2].try_into().expect("2 bytes")));
    match len {
        // Two overlapping loads; the bytes they share are the same.
        4.. => half(0) | (half(len - 4) << (8 * (len - 4))),
        2.. => pair(0) | (pair(len - 2) << (8 * (len - 2))),
        1 => u64::from(data[0]),
        0 => 0,
    }
}

/// The last `len % 8` bytes of a message of 8 bytes or more, as a
/// little-endian word, with one load.
fn tail_word(data: &[u8]) -> u64 {
    let len = data.len();
    match len % 8 {
        0 => 0,
        // The 8 bytes ending the message, less those the last full word took.
        tail => u64::from_le_bytes(data[len - 8..].try_into().expect("8 bytes")) >> (64 - 8 * tail),
    }
}
