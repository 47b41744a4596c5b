//! `bytes`.

use cpython_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::object::Bound;
use crate::python::Python;

/// A new `bytes` holding a copy of `data`.
pub fn bytes_from<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py>> {
    bytes_with(py, data.len(), |buffer| buffer.copy_from_slice(data))
}

/// A new `bytes` of `len` bytes written in place by `fill`, with no
/// intermediate copy. Lengths beyond what a `bytes` can hold give
/// `OverflowError`, as in C.
pub fn bytes_with<'py>(py: Python<'py>, len: usize, fill: impl FnOnce(&mut [u8])) -> PyResult<Bound<'py>> {
    let size = byte_string_size(py, len)?;
    // SAFETY: a null source asks for an uninitialised buffer of `size` bytes;
    // new reference or null.
    let bytes = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyBytes_FromStringAndSize(core::ptr::null(), size)) }?;
    // SAFETY: the buffer has `len` bytes and nobody else can see the new
    // object yet.
    unsafe { fill_in_place(ffi::PyBytes_AS_STRING(bytes.as_ptr()).cast(), len, fill) };
    Ok(bytes)
}

/// The contents of a `bytes` (or of an instance of a subclass), borrowed
/// from it: a `bytes` never changes. `TypeError` for anything else, with
/// C's message (`PyBytes_AsStringAndSize`); to accept any bytes-like
/// object, use [`Buffer`](crate::Buffer).
pub fn bytes_data<'a>(bytes: &'a Bound<'_>) -> PyResult<&'a [u8]> {
    let mut start = core::ptr::null_mut();
    let mut len: ffi::Py_ssize_t = 0;
    // SAFETY: a valid object and two out-parameters; -1 with an exception
    // set if it is not a bytes object.
    if unsafe { ffi::PyBytes_AsStringAndSize(bytes.as_ptr(), &mut start, &mut len) } == -1 {
        return Err(PyErr::fetch(bytes.py()));
    }
    // SAFETY: `len` immutable bytes, alive as long as the object, which the
    // borrow of `bytes` keeps alive.
    Ok(unsafe { core::slice::from_raw_parts(start.cast::<u8>(), len as usize) })
}

/// `len` as the size of a byte string: `OverflowError` beyond `Py_ssize_t`.
pub(super) fn byte_string_size(py: Python<'_>, len: usize) -> PyResult<ffi::Py_ssize_t> {
    ffi::Py_ssize_t::try_from(len)
        .map_err(|_| PyErr::new(crate::exceptions::OverflowError(py), "byte string is too large"))
}

/// Zeroes the `len` bytes at `start`, then lets `fill` write them: it
/// receives an initialised slice.
///
/// # Safety
/// `start` points to `len` writable bytes that nothing else reads or
/// writes meanwhile (a new object nobody else can see yet).
pub(super) unsafe fn fill_in_place(start: *mut u8, len: usize, fill: impl FnOnce(&mut [u8])) {
    // SAFETY: the caller's guarantee.
    let buffer = unsafe {
        start.write_bytes(0, len);
        core::slice::from_raw_parts_mut(start, len)
    };
    fill(buffer);
}
