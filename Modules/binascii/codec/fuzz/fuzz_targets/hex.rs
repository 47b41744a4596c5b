//! Input: a separator byte, a byte for `bytes_per_sep` (as i8; -128 and
//! 127 stand for i32::MIN and i32::MAX), then data. `b2a_hex` of the data
//! without a separator and with that one; `a2b_hex` of the data and of a
//! text mostly of hex digits made from it. Each on every kernel path against
//! the scalar path, and the scalar path against C's loops
//! (tests/support/c_hex.rs); the kernels themselves on every path against
//! the scalar kernel.
#![no_main]

#[path = "../../tests/support/c_hex.rs"]
mod c_hex;
mod every_path;
mod text;

use binascii_codec::hex::vector::{decode_prefix_on, encode_groups_on, encode_prefix_on};
use binascii_codec::hex::{Separator, decode, encode, encoded_len};
use binascii_codec::output::collect;

const DIGITS: &[u8] = b"0123456789abcdefABCDEF";
/// Bytes next to the digits in ASCII, separators, and non-ASCII.
const RARE: &[u8] = b"/:@G`g \n\x00\x7f\x80\xff-.,0";

libfuzzer_sys::fuzz_target!(init: every_path::announce(), |input: &[u8]| {
    let [separator, bytes_per_sep, data @ ..] = input else {
        return;
    };
    let bytes_per_sep = match *bytes_per_sep as i8 {
        i8::MIN => i32::MIN,
        i8::MAX => i32::MAX,
        other => i32::from(other),
    };
    for separator in [
        None,
        Some(Separator {
            byte: *separator,
            bytes_per_sep,
        }),
    ] {
        let room = encoded_len(data.len(), separator).unwrap();
        let encoded = every_path::agree("b2a_hex", || collect(room, |out| encode(data, separator, out)));
        let expected = c_hex::b2a_hex(data, separator.map(|separator| separator.byte), bytes_per_sep);
        assert_eq!(encoded, expected, "b2a_hex {separator:?}");
    }
    every_path::kernels_agree("encode kernel", 2 * data.len(), |path, out| {
        encode_prefix_on(path, data, out)
    });
    // Every group the lanes take (1 to 16) and some they leave to the plain
    // kernel a group at a time.
    let group = (bytes_per_sep.unsigned_abs() as usize).saturating_sub(1) % 40 + 1;
    every_path::kernels_agree("grouped encode kernel", 2 * data.len() + data.len().div_ceil(group), |path, out| {
        encode_groups_on(path, data, group, *separator, out).map(|()| 0)
    });

    let text = text::mostly(DIGITS, RARE, data);
    for input in [data, &text] {
        let decoded = every_path::agree("a2b_hex", || {
            let mut result = Ok(());
            let out = collect(input.len() / 2, |out| result = decode(input, out));
            result.map(|()| out).map_err(|error| error.to_string())
        });
        assert_eq!(decoded, c_hex::a2b_hex(input), "a2b_hex");
        every_path::kernels_agree("decode kernel", input.len() / 2, |path, out| {
            decode_prefix_on(path, input, out)
        });
    }
});
