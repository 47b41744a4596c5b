//! The two checksums of `binascii`: CRC-32 (zlib's) and CRC-CCITT
//! (`crc_hqx`, from BinHex).

/// CRC-32 of `data`, continuing from `crc` (the CRC of what came before,
/// 0 to start), as zlib's `crc32()` computes it.
///
/// crc32fast folds with carry-less multiplication (PCLMULQDQ) where the
/// CPU has it; measured against zlib's crc32, which C binascii calls, in
/// bench/binascii_bench.py (Doc/binascii.md).
pub fn crc32(crc: u32, data: &[u8]) -> u32 {
    let mut hasher = crc32fast::Hasher::new_with_initial(crc);
    hasher.update(data);
    hasher.finalize()
}

/// CRC-CCITT (polynomial 0x1021, MSB first) of `data`, continuing from the
/// low 16 bits of `crc`.
///
/// Eight bytes at a time, each through its own table (slicing-by-8): the
/// lookups are independent, where a byte at a time (C's loop) waits for
/// each one before the next.
pub fn crc_hqx(crc: u32, data: &[u8]) -> u32 {
    let mut crc = crc as u16;
    let mut blocks = data.chunks_exact(8);
    for block in &mut blocks {
        let [high, low] = crc.to_be_bytes();
        // The CRC's two bytes meet the block's first two; every byte's
        // table says what it becomes after the bytes that follow it.
        crc = CRC_HQX_TABLES[7][usize::from(block[0] ^ high)]
            ^ CRC_HQX_TABLES[6][usize::from(block[1] ^ low)]
            ^ CRC_HQX_TABLES[5][usize::from(block[2])]
            ^ CRC_HQX_TABLES[4][usize::from(block[3])]
            ^ CRC_HQX_TABLES[3][usize::from(block[4])]
            ^ CRC_HQX_TABLES[2][usize::from(block[5])]
            ^ CRC_HQX_TABLES[1][usize::from(block[6])]
            ^ CRC_HQX_TABLES[0][usize::from(block[7])];
    }
    let crc = blocks.remainder().iter().fold(crc, |crc, &byte| {
        crc << 8 ^ CRC_HQX_TABLES[0][usize::from((crc >> 8) as u8 ^ byte)]
    });
    u32::from(crc)
}

/// `CRC_HQX_TABLES[k][b]`: the CRC-CCITT of byte `b` followed by `k` zero
/// bytes, from a zero CRC.
static CRC_HQX_TABLES: [[u16; 256]; 8] = {
    let mut tables = [[0u16; 256]; 8];
    let mut byte = 0;
    while byte < 256 {
        let mut crc = (byte as u16) << 8;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 0x8000 != 0 { crc << 1 ^ 0x1021 } else { crc << 1 };
            bit += 1;
        }
        tables[0][byte] = crc;
        byte += 1;
    }
    let mut k = 1;
    while k < 8 {
        let mut byte = 0;
        while byte < 256 {
            // One more zero byte after the CRC so far.
            let previous = tables[k - 1][byte];
            tables[k][byte] = previous << 8 ^ tables[0][(previous >> 8) as usize];
            byte += 1;
        }
        k += 1;
    }
    tables
};

#[cfg(test)]
#[path = "../tests/support/c_crc.rs"]
mod c_crc;

#[cfg(test)]
mod tests {
    use super::*;

    // The CRCs bit by bit, straight from their polynomials.
    use super::c_crc::{crc_hqx as crc_hqx_bitwise, crc32 as crc32_bitwise};

    #[test]
    fn check_values() {
        // The catalogue's check values, CRC of "123456789".
        assert_eq!(crc32(0, b"123456789"), 0xcbf4_3926);
        assert_eq!(crc_hqx(0, b"123456789"), 0x31c3);
    }

    #[test]
    fn against_the_polynomials() {
        let data: Vec<u8> = (0..5000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for len in [0, 1, 2, 3, 7, 15, 16, 17, 63, 64, 65, 127, 128, 129, 1000, 4999, 5000] {
            for start in [0, 1, 0xffff, 0x1234_5678, 0xffff_ffff] {
                assert_eq!(
                    crc32(start, &data[..len]),
                    crc32_bitwise(start, &data[..len]),
                    "len {len}"
                );
                assert_eq!(
                    crc_hqx(start, &data[..len]),
                    crc_hqx_bitwise(start, &data[..len]),
                    "len {len}"
                );
            }
        }
    }

    #[test]
    fn incremental() {
        let data = b"The quick brown fox jumps over the lazy dog";
        let (head, tail) = data.split_at(17);
        assert_eq!(crc32(crc32(0, head), tail), crc32(0, data));
        assert_eq!(crc_hqx(crc_hqx(0, head), tail), crc_hqx(0, data));
    }
}
