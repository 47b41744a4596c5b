//! `a2b_qp` and `b2a_qp`.

use core::convert::Infallible;
use core::ops::ControlFlow;

use binascii_codec::Output;
use binascii_codec::qp::{self, EncodeOptions};
use cpython_api::types::bytes_with_capacity;
use cpython_api::{Bound, Buffer, PyErr, PyResult};
use cpython_clinic::clinic;

use crate::ascii_buffer::ascii_buffer;

#[cfg_attr(
    Py_3_12,
    clinic(
        r#"
binascii.a2b_qp

    data: ascii_buffer
    header: bool = False

Decode a string of qp-encoded data.
"#
    )
)]
#[cfg_attr(
    not(Py_3_12),
    clinic(
        r#"
binascii.a2b_qp

    data: ascii_buffer
    header: bool(accept={int}) = False

Decode a string of qp-encoded data.
"#
    )
)]
fn a2b_qp_impl<'py>(module: &Bound<'py>, data: &ascii_buffer<'_, 'py>, header: bool) -> PyResult<Bound<'py>> {
    bytes_with_capacity(module.py(), data.len(), |buffer| {
        let mut out = Output::new(buffer);
        let mut decoder = qp::Decoder::new(header);
        let mut remaining = data.len();
        let ControlFlow::Continue(()) = data.read_pieces(1, |piece| {
            remaining -= piece.len();
            decoder.feed(piece, remaining == 0, &mut out);
            ControlFlow::<Infallible>::Continue(())
        });
        Ok(out.into_written())
    })
}

#[cfg_attr(
    Py_3_12,
    clinic(
        r#"
binascii.b2a_qp

    data: Py_buffer
    quotetabs: bool = False
    istext: bool = True
    header: bool = False

Encode a string using quoted-printable encoding.

On encoding, when istext is set, newlines are not encoded, and white
space at end of lines is.  When istext is not set, \r and \n (CR/LF)
are both encoded.  When quotetabs is set, space and tabs are encoded.
"#
    )
)]
#[cfg_attr(
    not(Py_3_12),
    clinic(
        r#"
binascii.b2a_qp

    data: Py_buffer
    quotetabs: bool(accept={int}) = False
    istext: bool(accept={int}) = True
    header: bool(accept={int}) = False

Encode a string using quoted-printable encoding.

On encoding, when istext is set, newlines are not encoded, and white
space at end of lines is.  When istext is not set, \r and \n (CR/LF)
are both encoded.  When quotetabs is set, space and tabs are encoded.
"#
    )
)]
fn b2a_qp_impl<'py>(
    module: &Bound<'py>,
    data: &Buffer<'py>,
    quotetabs: bool,
    istext: bool,
    header: bool,
) -> PyResult<Bound<'py>> {
    let options = EncodeOptions {
        quote_tabs: quotetabs,
        is_text: istext,
        header,
    };
    data.bytes_from_two_passes(
        module.py(),
        |input| qp::encoded_len_bound(input, options),
        |input, buffer| {
            let mut out = Output::new(buffer);
            qp::encode(input, options, &mut out);
            out.into_written()
        },
    )
}
