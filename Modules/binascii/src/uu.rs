//! `a2b_uu` and `b2a_uu`.

use core::ops::ControlFlow;

use binascii_codec::{Output, uu};
use cpython_api::types::bytes_with_capacity;
use cpython_api::{Bound, Buffer, PyResult};
use cpython_clinic::clinic;

use crate::ascii_buffer::ascii_buffer;
use crate::error;

#[clinic(
    r#"
binascii.a2b_uu

    data: ascii_buffer
    /

Decode a line of uuencoded data.
"#
)]
fn a2b_uu_impl<'py>(module: &Bound<'py>, data: &ascii_buffer<'_, 'py>) -> PyResult<Bound<'py>> {
    if cfg!(uu_missing_length_byte_refused) && data.len() == 0 {
        return Err(error(module, uu::Error::MissingLengthByte));
    }
    // Room for the longest line the length character can announce (a result
    // that short is built on the stack), so that the line is read once: the
    // first piece starts the decoder with its first character.
    bytes_with_capacity(module.py(), uu::MAX_DECODED_LEN, |buffer| {
        let mut out = Output::new(buffer);
        let mut decoder = None;
        let read = data.read_pieces(1, |piece| {
            let (decoder, characters) = match &mut decoder {
                Some(decoder) => (decoder, piece),
                None => (
                    decoder.insert(uu::LineDecoder::new(piece.first().copied())),
                    piece.get(1..).unwrap_or_default(),
                ),
            };
            match decoder.feed(characters, &mut out) {
                Ok(()) => ControlFlow::Continue(()),
                Err(failure) => ControlFlow::Break(failure),
            }
        });
        if let ControlFlow::Break(failure) = read {
            return Err(error(module, failure));
        }
        decoder.unwrap_or_else(|| uu::LineDecoder::new(None)).finish(&mut out);
        Ok(out.into_written())
    })
}

#[cfg_attr(
    Py_3_12,
    clinic(
        r#"
binascii.b2a_uu

    data: Py_buffer
    /
    *
    backtick: bool = False

Uuencode line of data.
"#
    )
)]
#[cfg_attr(
    not(Py_3_12),
    clinic(
        r#"
binascii.b2a_uu

    data: Py_buffer
    /
    *
    backtick: bool(accept={int}) = False

Uuencode line of data.
"#
    )
)]
fn b2a_uu_impl<'py>(module: &Bound<'py>, data: &Buffer<'py>, backtick: bool) -> PyResult<Bound<'py>> {
    if data.len() > uu::MAX_LINE_BYTES {
        return Err(error(module, uu::Error::TooLong));
    }
    bytes_with_capacity(module.py(), uu::encoded_len(data.len()), |buffer| {
        let mut out = Output::new(buffer);
        // Pieces of whole lines' worth of bytes, of which there is at most
        // one: a single piece.
        let encoded = data.read_pieces(uu::MAX_LINE_BYTES, |line| match uu::encode(line, backtick, &mut out) {
            Ok(()) => ControlFlow::Continue(()),
            Err(failure) => ControlFlow::Break(failure),
        });
        if let ControlFlow::Break(failure) = encoded {
            return Err(error(module, failure));
        }
        Ok(out.into_written())
    })
}
