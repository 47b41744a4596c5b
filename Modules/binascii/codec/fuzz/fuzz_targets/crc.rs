//! Input: 4 bytes of starting CRC (little-endian), a byte saying where to
//! split the data, then the data. `crc32` and `crc_hqx` of the data, and of
//! its two parts one after the other, against the CRCs bit by bit
//! (tests/support/c_crc.rs). crc32 is crc32fast's (with its own choice of
//! instructions); crc_hqx has no vector kernels.
#![no_main]

#[path = "../../tests/support/c_crc.rs"]
mod c_crc;

use binascii_codec::crc::{crc_hqx, crc32};

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    let [a, b, c, d, split, data @ ..] = input else {
        return;
    };
    let start = u32::from_le_bytes([*a, *b, *c, *d]);
    let (head, tail) = data.split_at(usize::from(*split).min(data.len()));
    let expected = c_crc::crc32(start, data);
    assert_eq!(crc32(start, data), expected, "crc32");
    assert_eq!(crc32(crc32(start, head), tail), expected, "crc32 in two parts");
    let expected = c_crc::crc_hqx(start, data);
    assert_eq!(crc_hqx(start, data), expected, "crc_hqx");
    assert_eq!(crc_hqx(crc_hqx(start, head), tail), expected, "crc_hqx in two parts");
});
