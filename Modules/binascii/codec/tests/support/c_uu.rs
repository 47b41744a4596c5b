//! `binascii.a2b_uu` and `b2a_uu` as CPython's Modules/binascii.c computes
//! them (the same from 3.11 to 3.13.13; 3.13.14 and 3.14.5 refuse an empty
//! line, which the module checks before decoding), transcribed with no types
//! of the codec, so that the codec's tests and its fuzz targets share one
//! reference.
//! Errors are C's messages.

/// C's loop over one line. C reads the length character even from an empty
/// line, where it finds the NUL after the data of a `bytes` object.
pub fn a2b_uu(line: &[u8]) -> Result<Vec<u8>, String> {
    let mut ascii_data = line.iter().copied().chain(std::iter::repeat(0));
    let mut ascii_len = line.len() as isize;
    let first = ascii_data.next().unwrap();
    let mut bin_len = first.wrapping_sub(b' ') & 0o77;
    ascii_len -= 1;
    let mut bin_data = Vec::new();
    let (mut leftchar, mut leftbits) = (0u32, 0);
    while bin_len > 0 {
        let mut this_ch = if ascii_len > 0 { ascii_data.next().unwrap() } else { 0 };
        if this_ch == b'\n' || this_ch == b'\r' || ascii_len <= 0 {
            // Spaces eaten at the end of the line.
            this_ch = 0;
        } else {
            if !(b' '..=b' ' + 64).contains(&this_ch) {
                return Err("Illegal char".into());
            }
            this_ch = (this_ch - b' ') & 0o77;
        }
        leftchar = leftchar << 6 | u32::from(this_ch);
        leftbits += 6;
        if leftbits >= 8 {
            leftbits -= 8;
            bin_data.push((leftchar >> leftbits) as u8);
            leftchar &= (1 << leftbits) - 1;
            bin_len -= 1;
        }
        ascii_len -= 1;
    }
    while ascii_len > 0 {
        ascii_len -= 1;
        let this_ch = ascii_data.next().unwrap();
        if this_ch != b' ' && this_ch != b' ' + 64 && this_ch != b'\n' && this_ch != b'\r' {
            return Err("Trailing garbage".into());
        }
    }
    Ok(bin_data)
}

/// C's loop: the length character, then six bits at a time with the last
/// group padded with zero bits, then a newline.
pub fn b2a_uu(bin_data: &[u8], backtick: bool) -> Result<Vec<u8>, String> {
    if bin_data.len() > 45 {
        return Err("At most 45 bytes at once".into());
    }
    let mut ascii_data = Vec::new();
    if backtick && bin_data.is_empty() {
        ascii_data.push(b'`');
    } else {
        ascii_data.push(b' ' + bin_data.len() as u8);
    }
    let mut bytes = bin_data.iter();
    let mut bin_len = bin_data.len() as isize;
    let (mut leftchar, mut leftbits) = (0u32, 0);
    while bin_len > 0 || leftbits != 0 {
        leftchar = match bytes.next() {
            Some(&byte) => leftchar << 8 | u32::from(byte),
            None => leftchar << 8,
        };
        leftbits += 8;
        while leftbits >= 6 {
            let this_ch = (leftchar >> (leftbits - 6)) as u8 & 0x3f;
            leftbits -= 6;
            ascii_data.push(if backtick && this_ch == 0 { b'`' } else { this_ch + b' ' });
        }
        bin_len -= 1;
    }
    ascii_data.push(b'\n');
    Ok(ascii_data)
}
