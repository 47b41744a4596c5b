//! Input: a byte choosing the options' bits, then data. `b2a_qp` of the
//! data and of a text made from it (words, spaces and every byte the rules
//! single out), with those options: the room reserved and the encoding;
//! `a2b_qp` of the data, of the text and of the encoding, with and without
//! `header`. Each on every kernel path against the scalar path, and the
//! scalar path against C's loops (tests/support/c_qp.rs).
#![no_main]

#[path = "../../tests/support/c_qp.rs"]
mod c_qp;
mod every_path;
mod text;

use binascii_codec::output::collect;
use binascii_codec::qp::{EncodeOptions, decode, encode, encoded_len_bound};

const COMMON: &[u8] = b"abcdefghijklmnopqrstuvwxyz      ";
const RARE: &[u8] = b"=._ \t\r\n\x00\x7f\xff\n=\r\n3D";

libfuzzer_sys::fuzz_target!(init: every_path::announce(), |input: &[u8]| {
    let Some((&bits, data)) = input.split_first() else {
        return;
    };
    let options = EncodeOptions {
        quote_tabs: bits & 1 != 0,
        is_text: bits & 2 != 0,
        header: bits & 4 != 0,
    };
    let text = text::mostly(COMMON, RARE, data);
    for input in [data, &text] {
        let (bound, expected) = c_qp::b2a_qp(input, options.quote_tabs, options.is_text, options.header);
        assert_eq!(
            every_path::agree("b2a_qp's room", || encoded_len_bound(input, options)),
            Some(bound),
            "b2a_qp's room, {options:?}"
        );
        let encoded = every_path::agree("b2a_qp", || collect(bound, |out| encode(input, options, out)));
        assert_eq!(encoded, expected, "b2a_qp {options:?}");
        for header in [false, true] {
            for input in [input, &encoded] {
                let decoded = every_path::agree("a2b_qp", || collect(input.len(), |out| decode(input, header, out)));
                assert_eq!(decoded, c_qp::a2b_qp(input, header), "a2b_qp header={header}");
            }
        }
    }
});
