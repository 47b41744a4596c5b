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
    let Ok(size) = ffi::Py_ssize_t::try_from(len) else {
        return Err(PyErr::new(
            crate::exceptions::OverflowError(py),
            "byte string is too large",
        ));
    };
    // SAFETY: a null source asks for an uninitialised buffer of `size` bytes;
    // new reference or null.
    let bytes = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyBytes_FromStringAndSize(core::ptr::null(), size)) }?;
    // SAFETY: the buffer has `len` bytes and nobody else can see the new
    // object yet. It is zeroed first: `fill` receives an initialised slice.
    let buffer = unsafe {
        let start = ffi::PyBytes_AS_STRING(bytes.as_ptr()).cast::<u8>();
        start.write_bytes(0, len);
        core::slice::from_raw_parts_mut(start, len)
    };
    fill(buffer);
    Ok(bytes)
}

/// The contents of a `bytes` object.
pub(crate) fn bytes_as_slice<'a>(bytes: &'a Bound<'_>) -> &'a [u8] {
    // SAFETY: `bytes` is a bytes object (callers make it one); its contents
    // are immutable and live as long as the reference.
    unsafe {
        core::slice::from_raw_parts(
            ffi::PyBytes_AS_STRING(bytes.as_ptr()).cast::<u8>(),
            ffi::PyBytes_GET_SIZE(bytes.as_ptr()) as usize,
        )
    }
}
