//! `bytearray`.

use cpython_sys as ffi;

use crate::err::PyResult;
use crate::object::Bound;
use crate::python::Python;

/// A new `bytearray` holding a copy of `data`.
pub fn bytearray_from<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py>> {
    bytearray_with(py, data.len(), |buffer| buffer.copy_from_slice(data))
}

/// A new `bytearray` of `len` bytes written in place by `fill`, as
/// [`bytes_with`](super::bytes_with) does for `bytes`.
pub fn bytearray_with<'py>(py: Python<'py>, len: usize, fill: impl FnOnce(&mut [u8])) -> PyResult<Bound<'py>> {
    let size = super::bytes::byte_string_size(py, len)?;
    // SAFETY: a null source asks for an uninitialised buffer of `size` bytes;
    // new reference or null.
    let bytearray =
        unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyByteArray_FromStringAndSize(core::ptr::null(), size)) }?;
    // SAFETY: the buffer has `len` bytes (or, when empty, is a shared empty
    // string of which no byte is touched) and nobody else can see the new
    // object yet.
    unsafe { super::bytes::fill_in_place(ffi::PyByteArray_AsString(bytearray.as_ptr()).cast(), len, fill) };
    Ok(bytearray)
}
