//! Input: a byte choosing `backtick` and a line length, then data.
//! `b2a_uu` of the data cut into lines of that length (0 to 47 bytes, past
//! the limit of 45); `a2b_uu` of each line of the data, of the whole data
//! and of each encoded line, each line fed to the decoder in two pieces cut
//! where the line length says. Each against C's loops
//! (tests/support/c_uu.rs), errors by their messages. The codec has no
//! vector kernels, so there are no paths to compare.
#![no_main]

#[path = "../../tests/support/c_uu.rs"]
mod c_uu;

use binascii_codec::output::collect;
use binascii_codec::uu::{LineDecoder, encode, encoded_len};

fn a2b_uu(line: &[u8], cut: usize) -> Result<Vec<u8>, String> {
    let (length_character, rest) = match line.split_first() {
        Some((&first, rest)) => (Some(first), rest),
        None => (None, line),
    };
    let (head, tail) = rest.split_at(cut.min(rest.len()));
    let mut decoder = LineDecoder::new(length_character);
    let mut result = Ok(());
    let out = collect(decoder.decoded_len(), |out| {
        result = decoder.feed(head, out).and_then(|()| decoder.feed(tail, out));
        if result.is_ok() {
            decoder.finish(out);
        }
    });
    result.map(|()| out).map_err(|error| error.to_string())
}

fn b2a_uu(data: &[u8], backtick: bool) -> Result<Vec<u8>, String> {
    let mut result = Ok(());
    let out = collect(encoded_len(data.len()), |out| result = encode(data, backtick, out));
    result.map(|()| out).map_err(|error| error.to_string())
}

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    let Some((&choice, data)) = input.split_first() else {
        return;
    };
    let backtick = choice & 0x80 != 0;
    let line_length = usize::from(choice & 0x7f) % 48;
    for line in data.chunks(line_length.max(1)) {
        let encoded = b2a_uu(line, backtick);
        assert_eq!(encoded, c_uu::b2a_uu(line, backtick), "b2a_uu backtick={backtick}");
        if let Ok(encoded) = encoded {
            assert_eq!(a2b_uu(&encoded, line_length), c_uu::a2b_uu(&encoded), "a2b_uu of an encoded line");
        }
    }
    for line in data.split_inclusive(|&byte| byte == b'\n').chain([data]) {
        assert_eq!(a2b_uu(line, line_length), c_uu::a2b_uu(line), "a2b_uu");
    }
});
