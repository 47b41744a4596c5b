//! The CRCs of `binascii`, a bit at a time straight from their polynomials:
//! what the tables of CPython's Modules/binascii.c (`crctab_hqx`) and of
//! zlib (`crc32`, which C calls) are built from. No types of the codec, so
//! that its unit tests and its fuzz targets share one reference.

/// zlib's CRC-32 (reflected polynomial 0xedb88320), continuing from `crc`.
pub fn crc32(crc: u32, data: &[u8]) -> u32 {
    let mut crc = !crc;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { crc >> 1 ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// CRC-CCITT (polynomial 0x1021, MSB first), continuing from the low 16
/// bits of `crc` (C masks it so).
pub fn crc_hqx(crc: u32, data: &[u8]) -> u32 {
    let mut crc = crc as u16;
    for &byte in data {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { crc << 1 ^ 0x1021 } else { crc << 1 };
        }
    }
    u32::from(crc)
}
