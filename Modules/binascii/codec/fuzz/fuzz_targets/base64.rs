//! Input: a repeat count, then data. `b2a_base64` of the data, with and
//! without the newline; `a2b_base64` of the data and of a text mostly of
//! alphabet characters made from it (repeated, to reach the decoder's 4 KiB
//! chunks), under the rules of 3.11, 3.13.0 and 3.13.13, strict or not. Each on every
//! kernel path against the scalar path, and the scalar path against C's
//! loops (tests/support/c_base64.rs); the kernels themselves on every path
//! against the scalar kernel.
#![no_main]

#[path = "../../tests/support/c_base64.rs"]
mod c_base64;
mod every_path;
mod text;

use binascii_codec::base64::vector::{decode_prefix_on, encode_prefix_on};
use binascii_codec::base64::{DecodeRules, decode, decoded_len_bound, encode, encoded_len};
use binascii_codec::output::collect;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// Bytes the decoder's rules single out: padding, what MIME puts between
/// lines, and bytes outside the alphabet (and outside ASCII).
const RARE: &[u8] = b"=\n\r \t=!-_.\x00\x7f\x80\xff=A";

libfuzzer_sys::fuzz_target!(init: every_path::announce(), |input: &[u8]| {
    let Some((&repeats, data)) = input.split_first() else {
        return;
    };
    for newline in [false, true] {
        let room = encoded_len(data.len(), newline).unwrap();
        let encoded = every_path::agree("b2a_base64", || collect(room, |out| encode(data, newline, out)));
        assert_eq!(encoded, c_base64::b2a_base64(data, newline), "b2a_base64 newline={newline}");
    }
    every_path::kernels_agree("encode kernel", 4 * (data.len() / 3), |path, out| {
        encode_prefix_on(path, data, out)
    });

    let text = text::mostly(ALPHABET, RARE, data).repeat(usize::from(repeats % 16) + 1);
    for input in [data, &text] {
        for (strict, refuse_padding_at_quad_start, ignore_padding_midstream) in [
            (false, false, false),
            (true, false, false),
            (true, true, false),
            (false, true, true),
            (true, true, true),
        ] {
            let rules = DecodeRules {
                strict,
                refuse_padding_at_quad_start,
                ignore_padding_midstream,
            };
            let decoded = every_path::agree("a2b_base64", || {
                let mut result = Ok(());
                let out = collect(decoded_len_bound(input.len()), |out| result = decode(input, rules, out));
                result.map(|()| out).map_err(|error| error.to_string())
            });
            let expected =
                c_base64::a2b_base64(input, strict, refuse_padding_at_quad_start, ignore_padding_midstream);
            assert_eq!(decoded, expected, "a2b_base64 {rules:?}");
        }
        every_path::kernels_agree("decode kernel", 3 * (input.len() / 4), |path, out| {
            decode_prefix_on(path, input, out)
        });
    }
});
