//! `b2a_hex`/`hexlify` and `a2b_hex`/`unhexlify`.

use core::convert::Infallible;
use core::ops::ControlFlow;

use binascii_codec::Output;
use binascii_codec::hex::{self, Separator};
use cpython_api::types::{self, bytes_with_len};
use cpython_api::{Bound, Buffer, MAX_GRANULE, PyErr, PyResult, exceptions};
use cpython_clinic::clinic;

use crate::ascii_buffer::{AsciiBuffer, ascii_buffer};
use crate::error;

#[clinic(
    r#"
binascii.b2a_hex

    data: Py_buffer
    sep: object = NULL
        An optional single character or byte to separate hex bytes.
    bytes_per_sep: int = 1
        How many bytes between separators.  Positive values count from the
        right, negative values count from the left.

Hexadecimal representation of binary data.

The return value is a bytes object.  This function is also
available as "hexlify()".

Example:
>>> binascii.b2a_hex(b'\xb9\x01\xef')
b'b901ef'
>>> binascii.hexlify(b'\xb9\x01\xef', ':')
b'b9:01:ef'
>>> binascii.b2a_hex(b'\xb9\x01\xef', b'_', 2)
b'b9_01ef'
"#
)]
fn b2a_hex_impl<'py>(
    module: &Bound<'py>,
    data: &Buffer<'py>,
    sep: Option<&Bound<'py>>,
    bytes_per_sep: i32,
) -> PyResult<Bound<'py>> {
    hexlify(module, data, sep, bytes_per_sep)
}

// C declares hexlify as a clone of b2a_hex: the same parameters, its own
// name and docstring.
#[clinic(
    r#"
binascii.hexlify

    data: Py_buffer
    sep: object = NULL
        An optional single character or byte to separate hex bytes.
    bytes_per_sep: int = 1
        How many bytes between separators.  Positive values count from the
        right, negative values count from the left.

Hexadecimal representation of binary data.

The return value is a bytes object.  This function is also
available as "b2a_hex()".
"#
)]
fn hexlify_impl<'py>(
    module: &Bound<'py>,
    data: &Buffer<'py>,
    sep: Option<&Bound<'py>>,
    bytes_per_sep: i32,
) -> PyResult<Bound<'py>> {
    hexlify(module, data, sep, bytes_per_sep)
}

/// CPython's `_Py_strhex_impl` for a `bytes` result.
fn hexlify<'py>(
    module: &Bound<'py>,
    data: &Buffer<'py>,
    sep: Option<&Bound<'py>>,
    bytes_per_sep: i32,
) -> PyResult<Bound<'py>> {
    let separator = sep
        .map(|sep| separator_byte(sep))
        .transpose()?
        .map(|byte| Separator { byte, bytes_per_sep });
    let len = hex::encoded_len(data.len(), separator).map_err(|_| PyErr::no_memory(module.py()))?;
    bytes_with_len(module.py(), len, |buffer| {
        let mut out = Output::new(buffer);
        match separator.filter(|separator| separator.bytes_per_sep != 0) {
            None => {
                let ControlFlow::Continue(()) = data.read_pieces(1, |piece| {
                    hex::encode(piece, None, &mut out);
                    ControlFlow::<Infallible>::Continue(())
                });
            }
            Some(separator) => encode_separated(data, separator, &mut out),
        }
        Ok(out.into_written())
    })
}

/// The hex of `data` with separators, read in pieces (see
/// [`Buffer::read_pieces`]). Separators stand between the groups, at the
/// offsets that are `lead` past a multiple of the group's length: the
/// length of the short group that counting from the end leaves at the
/// start, or none when counting from the start.
fn encode_separated(data: &Buffer<'_>, separator: Separator, out: &mut Output<'_>) {
    let group = separator.bytes_per_sep.unsigned_abs() as usize;
    let lead = if separator.bytes_per_sep > 0 {
        data.len() % group
    } else {
        0
    };
    if group <= MAX_GRANULE {
        // Pieces of whole groups: each one encodes as the whole would, and
        // a separator joins it to the one before.
        let mut first = true;
        let ControlFlow::Continue(()) = data.read_pieces_aligned(lead, group, |piece| {
            if !core::mem::take(&mut first) {
                out.push(separator.byte);
            }
            hex::encode(piece, Some(separator), out);
            ControlFlow::<Infallible>::Continue(())
        });
        return;
    }
    // Groups longer than a piece: runs of plain hex up to each separator.
    let mut offset = 0;
    let ControlFlow::Continue(()) = data.read_pieces(1, |piece| {
        let mut rest = piece;
        while !rest.is_empty() {
            let to_next = (lead + group - offset % group) % group;
            if to_next == 0 && offset > 0 {
                out.push(separator.byte);
            }
            let run = if to_next == 0 { group } else { to_next }.min(rest.len());
            hex::encode(&rest[..run], None, out);
            offset += run;
            rest = &rest[run..];
        }
        ControlFlow::<Infallible>::Continue(())
    });
}

/// The separator `sep` stands for: a `str` or `bytes` of length one. A
/// `str` character up to U+00FF is accepted (as its Latin-1 byte), since
/// C checks the string's storage kind rather than ASCII for a `bytes`
/// result.
fn separator_byte(sep: &Bound<'_>) -> PyResult<u8> {
    let py = sep.py();
    if sep.len()? != 1 {
        return Err(PyErr::new(exceptions::ValueError(py), "sep must be length 1."));
    }
    // The usual separator, an ASCII str, is read in place: converting it
    // would cost more than hexlifying a short input.
    if let Some(ascii) = types::str_ascii_bytes(sep) {
        return Ok(ascii.first().copied().unwrap_or(0));
    }
    if types::is_str(sep) {
        // A str subclass may report a length of its own: C reads the first
        // character of the string's storage, whose kind its widest
        // character sets.
        let text = types::str_to_string_lossy(sep)?;
        if text.chars().any(|character| u32::from(character) > 0xff) {
            return Err(PyErr::new(exceptions::ValueError(py), "sep must be ASCII."));
        }
        return Ok(text.chars().next().map_or(0, |character| u32::from(character) as u8));
    }
    if types::is_bytes(sep) {
        return Ok(types::bytes_data(sep)?.first().copied().unwrap_or(0));
    }
    Err(PyErr::new(exceptions::TypeError(py), "sep must be str or bytes."))
}

#[clinic(
    r#"
binascii.a2b_hex

    hexstr: ascii_buffer
    /

Binary data of hexadecimal representation.

hexstr must contain an even number of hex digits (upper or lower case).
This function is also available as "unhexlify()".
"#
)]
fn a2b_hex_impl<'py>(module: &Bound<'py>, hexstr: &ascii_buffer<'_, 'py>) -> PyResult<Bound<'py>> {
    unhexlify(module, hexstr)
}

#[clinic(
    r#"
binascii.unhexlify

    hexstr: ascii_buffer
    /

Binary data of hexadecimal representation.

hexstr must contain an even number of hex digits (upper or lower case).
"#
)]
fn unhexlify_impl<'py>(module: &Bound<'py>, hexstr: &ascii_buffer<'_, 'py>) -> PyResult<Bound<'py>> {
    unhexlify(module, hexstr)
}

fn unhexlify<'py>(module: &Bound<'py>, hexstr: &AsciiBuffer<'_, 'py>) -> PyResult<Bound<'py>> {
    if !hexstr.len().is_multiple_of(2) {
        return Err(error(module, hex::DecodeError::OddLength));
    }
    bytes_with_len(module.py(), hexstr.len() / 2, |buffer| {
        let mut out = Output::new(buffer);
        // Pieces of whole pairs of digits decode to what the whole does.
        if let ControlFlow::Break(failure) = hexstr.read_pieces(2, |piece| match hex::decode(piece, &mut out) {
            Ok(()) => ControlFlow::Continue(()),
            Err(failure) => ControlFlow::Break(failure),
        }) {
            return Err(error(module, failure));
        }
        Ok(out.into_written())
    })
}
