//! `crc_hqx` and `crc32`.

use core::convert::Infallible;
use core::ffi::c_uint;
use core::ops::ControlFlow;

use binascii_codec::crc;
use cpython_api::types::int_from_u64;
use cpython_api::{Bound, Buffer, PyResult};
use cpython_clinic::clinic;

/// Above this many bytes C lets other threads run during `crc32`.
const DETACH_THRESHOLD: usize = 5 * 1024;

#[clinic(
    r#"
binascii.crc_hqx

    data: Py_buffer
    crc: unsigned_int(bitwise=True)
    /

Compute CRC-CCITT incrementally.
"#
)]
fn crc_hqx_impl<'py>(module: &Bound<'py>, data: &Buffer<'py>, crc: c_uint) -> PyResult<Bound<'py>> {
    let mut crc = crc;
    let ControlFlow::Continue(()) = data.read_pieces(1, |piece| {
        crc = crc::crc_hqx(crc, piece);
        ControlFlow::<Infallible>::Continue(())
    });
    int_from_u64(module.py(), u64::from(crc))
}

#[clinic(
    r#"
binascii.crc32 -> unsigned_int

    data: Py_buffer
    crc: unsigned_int(bitwise=True) = 0
    /

Compute CRC-32 incrementally.
"#
)]
fn crc32_impl<'py>(module: &Bound<'py>, data: &Buffer<'py>, crc: c_uint) -> PyResult<c_uint> {
    // Only an immutable buffer can be read with the thread detached: nothing
    // guards a writable one then (C detaches for both).
    if let Some(bytes) = data.as_immutable().filter(|bytes| bytes.len() > DETACH_THRESHOLD) {
        return Ok(module.py().allow_threads(|| crc::crc32(crc, bytes)));
    }
    let mut crc = crc;
    let ControlFlow::Continue(()) = data.read_pieces(1, |piece| {
        crc = crc::crc32(crc, piece);
        ControlFlow::<Infallible>::Continue(())
    });
    Ok(crc)
}
