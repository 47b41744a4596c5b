//! `binascii.a2b_base64` and `b2a_base64` as CPython's Modules/binascii.c
//! computes them (3.13.0; 3.11 lacks one rule, see `excess_padding_rule`,
//! and 3.13.13 and 3.14.4 added one, see `padding_ignored_midstream`),
//! transcribed a byte at a time with no fast path and no types of the codec,
//! so that the codec's unit tests and its fuzz targets share one reference.
//! Errors are C's messages.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// C's decoding loop. `excess_padding_rule`: strict mode also refuses a '='
/// where a quad starts (added in 3.13, gh-118314).
/// `padding_ignored_midstream` (gh-145264, with `excess_padding_rule`): no
/// pad sequence ends the input; outside strict mode a '=' before the end is
/// skipped, and strict mode refuses a '=' after a quad's first character or
/// after a complete sequence, and data after a complete sequence as excess.
/// That rule was found by comparing with the C module of 3.13.18 and
/// 3.14.10 (every input of up to 8 bytes from "aB=:", and random ones).
pub fn a2b_base64(
    input: &[u8],
    strict_mode: bool,
    excess_padding_rule: bool,
    padding_ignored_midstream: bool,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    if strict_mode && input.first() == Some(&b'=') {
        return Err("Leading padding not allowed".into());
    }
    let (mut quad_pos, mut leftchar, mut pads, mut padding_started) = (0, 0u8, 0, false);
    for (i, &byte) in input.iter().enumerate() {
        if byte == b'=' {
            padding_started = true;
            if strict_mode && excess_padding_rule && quad_pos == 0 {
                return Err("Excess padding not allowed".into());
            }
            if padding_ignored_midstream {
                if strict_mode && quad_pos == 1 {
                    return Err(one_more_than_a_multiple_of_4(&out));
                }
                if strict_mode && quad_pos + pads >= 4 {
                    return Err("Excess padding not allowed".into());
                }
                if quad_pos >= 2 && quad_pos + pads < 4 {
                    pads += 1;
                }
                continue;
            }
            if quad_pos >= 2 {
                pads += 1;
                if quad_pos + pads >= 4 {
                    if strict_mode && i + 1 < input.len() {
                        return Err("Excess data after padding".into());
                    }
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(value) = ALPHABET.iter().position(|&c| c == byte) else {
            if strict_mode {
                return Err("Only base64 data is allowed".into());
            }
            continue;
        };
        let value = value as u8;
        if strict_mode && padding_started {
            if quad_pos + pads >= 4 {
                return Err("Excess data after padding".into());
            }
            return Err("Discontinuous padding not allowed".into());
        }
        pads = 0;
        match quad_pos {
            0 => leftchar = value,
            1 => {
                out.push(leftchar << 2 | value >> 4);
                leftchar = value & 0xf;
            }
            2 => {
                out.push(leftchar << 4 | value >> 2);
                leftchar = value & 3;
            }
            _ => out.push(leftchar << 6 | value),
        }
        quad_pos = (quad_pos + 1) % 4;
    }
    match quad_pos {
        0 => Ok(out),
        1 => Err(one_more_than_a_multiple_of_4(&out)),
        _ if quad_pos + pads >= 4 => Ok(out),
        _ => Err("Incorrect padding".into()),
    }
}

fn one_more_than_a_multiple_of_4(out: &[u8]) -> String {
    format!(
        "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
        out.len() / 3 * 4 + 1
    )
}

/// C's encoding loop: bits shifted in a byte at a time and out six at a
/// time, then the padding and the newline.
pub fn b2a_base64(input: &[u8], newline: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut leftchar, mut leftbits) = (0u32, 0);
    for &byte in input {
        leftchar = leftchar << 8 | u32::from(byte);
        leftbits += 8;
        while leftbits >= 6 {
            out.push(ALPHABET[(leftchar >> (leftbits - 6)) as usize & 0x3f]);
            leftbits -= 6;
        }
    }
    if leftbits == 2 {
        out.extend_from_slice(&[ALPHABET[(leftchar as usize & 3) << 4], b'=', b'=']);
    } else if leftbits == 4 {
        out.extend_from_slice(&[ALPHABET[(leftchar as usize & 0xf) << 2], b'=']);
    }
    if newline {
        out.push(b'\n');
    }
    out
}
