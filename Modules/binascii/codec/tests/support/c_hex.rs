//! `binascii.b2a_hex` (CPython's `_Py_strhex_impl` in Python/pystrhex.c,
//! without its SIMD) and `a2b_hex` (Modules/binascii.c), transcribed with
//! no fast path and no types of the codec, so that the codec's unit tests
//! and its fuzz targets share one reference. Errors are C's messages.

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// C's loops; `sep` is `None` when no separator is given, which C treats
/// as `bytes_per_sep == 0`. Only results shorter than `isize::MAX / 2`
/// (C's MemoryError otherwise) are asked of it.
pub fn b2a_hex(argbuf: &[u8], sep: Option<u8>, bytes_per_sep: i32) -> Vec<u8> {
    let arglen = argbuf.len();
    let sep_char = sep.unwrap_or(0);
    let mut bytes_per_sep_group = if sep.is_some() { bytes_per_sep } else { 0 };
    let mut abs_bytes_per_sep = bytes_per_sep_group.unsigned_abs() as usize;
    let mut resultlen = 0;
    if bytes_per_sep_group != 0 && arglen > 0 {
        resultlen = (arglen - 1) / abs_bytes_per_sep;
    }
    resultlen += arglen * 2;
    if abs_bytes_per_sep >= arglen {
        bytes_per_sep_group = 0;
        abs_bytes_per_sep = 0;
    }
    let mut retbuf = vec![0u8; resultlen];
    if bytes_per_sep_group == 0 {
        for (i, &c) in argbuf.iter().enumerate() {
            retbuf[2 * i] = DIGITS[usize::from(c >> 4)];
            retbuf[2 * i + 1] = DIGITS[usize::from(c & 0x0f)];
        }
        return retbuf;
    }
    // The number of complete chunk+separator periods.
    let chunks = (arglen - 1) / abs_bytes_per_sep;
    if bytes_per_sep_group < 0 {
        let (mut i, mut j) = (0, 0);
        for _ in 0..chunks {
            for _ in 0..abs_bytes_per_sep {
                let c = argbuf[i];
                i += 1;
                retbuf[j] = DIGITS[usize::from(c >> 4)];
                retbuf[j + 1] = DIGITS[usize::from(c & 0x0f)];
                j += 2;
            }
            retbuf[j] = sep_char;
            j += 1;
        }
        while i < arglen {
            let c = argbuf[i];
            i += 1;
            retbuf[j] = DIGITS[usize::from(c >> 4)];
            retbuf[j + 1] = DIGITS[usize::from(c & 0x0f)];
            j += 2;
        }
        assert_eq!(j, resultlen);
    } else {
        // From the end backwards; i and j go below zero when done.
        let (mut i, mut j) = (arglen as isize - 1, resultlen as isize - 1);
        for _ in 0..chunks {
            for _ in 0..abs_bytes_per_sep {
                let c = argbuf[i as usize];
                i -= 1;
                retbuf[j as usize] = DIGITS[usize::from(c & 0x0f)];
                retbuf[j as usize - 1] = DIGITS[usize::from(c >> 4)];
                j -= 2;
            }
            retbuf[j as usize] = sep_char;
            j -= 1;
        }
        while i >= 0 {
            let c = argbuf[i as usize];
            i -= 1;
            retbuf[j as usize] = DIGITS[usize::from(c & 0x0f)];
            retbuf[j as usize - 1] = DIGITS[usize::from(c >> 4)];
            j -= 2;
        }
        assert_eq!(j, -1);
    }
    retbuf
}

/// `_PyLong_DigitValue` for the digits of base 16; 37 (too big) for other
/// bytes, as its table has.
fn digit_value(byte: u8) -> u32 {
    match byte {
        b'0'..=b'9' => u32::from(byte - b'0'),
        b'a'..=b'z' => u32::from(byte - b'a') + 10,
        b'A'..=b'Z' => u32::from(byte - b'A') + 10,
        _ => 37,
    }
}

/// C's loop: the length first, then each pair in order.
pub fn a2b_hex(argbuf: &[u8]) -> Result<Vec<u8>, String> {
    if !argbuf.len().is_multiple_of(2) {
        return Err("Odd-length string".into());
    }
    let mut retbuf = Vec::new();
    for pair in argbuf.chunks_exact(2) {
        let (top, bot) = (digit_value(pair[0]), digit_value(pair[1]));
        if top >= 16 || bot >= 16 {
            return Err("Non-hexadecimal digit found".into());
        }
        retbuf.push((top << 4) as u8 + bot as u8);
    }
    Ok(retbuf)
}
