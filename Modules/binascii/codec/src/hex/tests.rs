use super::*;
use crate::output::collect;

fn hexlify(data: &[u8], separator: Option<Separator>) -> Vec<u8> {
    collect(encoded_len(data.len(), separator).unwrap(), |out| {
        encode(data, separator, out)
    })
}

fn unhexlify(input: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut result = Ok(());
    let out = collect(input.len() / 2, |out| result = decode(input, out));
    result.map(|()| out)
}

/// `bytes.hex(sep, bytes_per_sep)`'s documented behaviour, written plainly.
fn reference_hexlify(data: &[u8], separator: Option<Separator>) -> Vec<u8> {
    let digits: Vec<String> = data.iter().map(|byte| format!("{byte:02x}")).collect();
    let Some(Separator { byte, bytes_per_sep }) = separator.filter(|s| s.bytes_per_sep != 0) else {
        return digits.concat().into_bytes();
    };
    let group = bytes_per_sep.unsigned_abs() as usize;
    let mut groups: Vec<String> = if bytes_per_sep < 0 {
        digits.chunks(group).map(|chunk| chunk.concat()).collect()
    } else {
        let mut groups: Vec<String> = digits.rchunks(group).map(|chunk| chunk.concat()).collect();
        groups.reverse();
        groups
    };
    if groups.is_empty() {
        groups.push(String::new());
    }
    groups.join(&(byte as char).to_string()).into_bytes()
}

#[test]
fn separators() {
    let data = b"\xb9\x01\xef";
    assert_eq!(hexlify(data, None), b"b901ef");
    let colon = |bytes_per_sep| {
        Some(Separator {
            byte: b':',
            bytes_per_sep,
        })
    };
    assert_eq!(hexlify(data, colon(1)), b"b9:01:ef");
    assert_eq!(hexlify(data, colon(2)), b"b9:01ef");
    assert_eq!(hexlify(data, colon(-2)), b"b901:ef");
    assert_eq!(hexlify(data, colon(3)), b"b901ef");
    assert_eq!(hexlify(data, colon(i32::MIN)), b"b901ef");
    assert_eq!(hexlify(b"", colon(1)), b"");
    for len in 0..40 {
        let data: Vec<u8> = (0..len).map(|i| (i * 89 + 3) as u8).collect();
        for bytes_per_sep in -9..=9 {
            let separator = colon(bytes_per_sep);
            assert_eq!(
                hexlify(&data, separator),
                reference_hexlify(&data, separator),
                "{len} {bytes_per_sep}"
            );
        }
    }
}

/// The selected path (`BINASCII_CODEC_FORCE` picks it) against the plain
/// reference, for every grouping the lanes and the group-at-a-time code
/// take, on random bytes and on a separator that is a hex digit.
#[test]
fn separators_on_random_data() {
    let mut state = 0x853c_49e6_748f_ea9b_u64;
    let mut next_byte = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as u8
    };
    for len in 0..=300 {
        let data: Vec<u8> = (0..len).map(|_| next_byte()).collect();
        for bytes_per_sep in -20..=20 {
            for byte in [b':', b'a', 0] {
                let separator = Some(Separator { byte, bytes_per_sep });
                assert_eq!(
                    hexlify(&data, separator),
                    reference_hexlify(&data, separator),
                    "{len} bytes, {bytes_per_sep} per separator {byte:?}"
                );
            }
        }
    }
}

#[test]
fn too_long() {
    assert_eq!(encoded_len(isize::MAX as usize / 2, None), Err(EncodeError::TooLong));
    assert_eq!(
        encoded_len(isize::MAX as usize / 2 - 1, None),
        Ok(isize::MAX as usize - 3)
    );
}

#[test]
fn decoding() {
    assert_eq!(unhexlify(b"B901eF").unwrap(), b"\xb9\x01\xef");
    assert_eq!(unhexlify(b"abc"), Err(DecodeError::OddLength));
    assert_eq!(unhexlify(b"0g"), Err(DecodeError::NotHex));
    assert_eq!(unhexlify(b"").unwrap(), b"");
    let data: Vec<u8> = (0..=255).collect();
    assert_eq!(unhexlify(&hexlify(&data, None)).unwrap(), data);
    assert_eq!(unhexlify(&hexlify(&data, None).to_ascii_uppercase()).unwrap(), data);
    for position in 0..512 {
        let mut input = hexlify(&data, None);
        input[position] = b'x';
        assert_eq!(unhexlify(&input), Err(DecodeError::NotHex));
    }
}
