//! `a2b_base64` and `b2a_base64`.

use core::convert::Infallible;
use core::ops::ControlFlow;

use binascii_codec::Output;
use binascii_codec::base64::{self, DecodeRules};
use cpython_api::types::bytes_with_capacity;
use cpython_api::{Bound, Buffer, PyErr, PyResult};
use cpython_clinic::clinic;

use crate::ascii_buffer::ascii_buffer;
use crate::error;

// 3.11's Clinic reads `bool(accept={int})` flags as integers; from 3.12 on,
// `bool` takes any object's truth.
#[cfg_attr(
    Py_3_12,
    clinic(
        r#"
binascii.a2b_base64

    data: ascii_buffer
    /
    *
    strict_mode: bool = False

Decode a line of base64 data.

  strict_mode
    When set to True, bytes that are not part of the base64 standard are not allowed.
    The same applies to excess data after padding (= / ==).
"#
    )
)]
#[cfg_attr(
    not(Py_3_12),
    clinic(
        r#"
binascii.a2b_base64

    data: ascii_buffer
    /
    *
    strict_mode: bool(accept={int}) = False

Decode a line of base64 data.

  strict_mode
    When set to True, bytes that are not part of the base64 standard are not allowed.
    The same applies to excess data after padding (= / ==).
"#
    )
)]
fn a2b_base64_impl<'py>(module: &Bound<'py>, data: &ascii_buffer<'_, 'py>, strict_mode: bool) -> PyResult<Bound<'py>> {
    bytes_with_capacity(module.py(), base64::decoded_len_bound(data.len()), |buffer| {
        // Made here, not captured: the closure would read the bytes back as
        // one wider load, which stalls on the byte stores.
        let rules = DecodeRules {
            strict: strict_mode,
            refuse_padding_at_quad_start: cfg!(base64_strict_refuses_padding_at_quad_start),
            ignore_padding_midstream: cfg!(base64_padding_midstream_ignored),
        };
        let mut out = Output::new(buffer);
        let mut decoder = base64::Decoder::new(rules);
        let mut remaining = data.len();
        let read = data.read_pieces(1, |piece| {
            remaining -= piece.len();
            match decoder.feed(piece, remaining == 0, &mut out) {
                Ok(false) => ControlFlow::Continue(()),
                // A complete pad sequence: C reads no further.
                Ok(true) => ControlFlow::Break(Ok(())),
                Err(failure) => ControlFlow::Break(Err(failure)),
            }
        });
        match read {
            ControlFlow::Break(Err(failure)) => Err(failure),
            _ => decoder.finish(&out),
        }
        .map_err(|failure| error(module, failure))?;
        Ok(out.into_written())
    })
}

#[cfg_attr(
    Py_3_12,
    clinic(
        r#"
binascii.b2a_base64

    data: Py_buffer
    /
    *
    newline: bool = True

Base64-code line of data.
"#
    )
)]
#[cfg_attr(
    not(Py_3_12),
    clinic(
        r#"
binascii.b2a_base64

    data: Py_buffer
    /
    *
    newline: bool(accept={int}) = True

Base64-code line of data.
"#
    )
)]
fn b2a_base64_impl<'py>(module: &Bound<'py>, data: &Buffer<'py>, newline: bool) -> PyResult<Bound<'py>> {
    if data.len() > base64::MAX_ENCODE_INPUT {
        return Err(error(module, "Too much data for base64 line"));
    }
    let len = base64::encoded_len(data.len(), newline).ok_or_else(|| PyErr::no_memory(module.py()))?;
    bytes_with_capacity(module.py(), len, |buffer| {
        let mut out = Output::new(buffer);
        // Pieces of whole groups of three bytes encode to what the whole
        // does; only the last may be padded and take the newline.
        let mut remaining = data.len();
        let ControlFlow::Continue(()) = data.read_pieces(3, |piece| {
            remaining -= piece.len();
            base64::encode(piece, newline && remaining == 0, &mut out);
            ControlFlow::<Infallible>::Continue(())
        });
        Ok(out.into_written())
    })
}
