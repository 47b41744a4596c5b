//! `str`.

use cpython_sys as ffi;

use crate::err::PyResult;
use crate::object::Bound;
use crate::python::Python;

/// A new `str` with the text of `text`.
pub fn str_from<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py>> {
    // SAFETY: the pointer and length describe valid UTF-8; new reference or null.
    unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyUnicode_FromStringAndSize(text.as_ptr().cast(), text.len() as ffi::Py_ssize_t),
        )
    }
}

/// The text of a `str` (lone surrogates, which UTF-8 cannot hold, become U+FFFD).
pub fn str_to_string_lossy(text: &Bound<'_>) -> PyResult<String> {
    let py = text.py();
    // SAFETY: a valid object. surrogatepass encodes lone surrogates (as
    // invalid UTF-8, which the lossy conversion replaces) instead of failing.
    let encoded = unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyUnicode_AsEncodedString(text.as_ptr(), c"utf-8".as_ptr(), c"surrogatepass".as_ptr()),
        )
    }?;
    Ok(String::from_utf8_lossy(super::bytes::bytes_as_slice(&encoded)).into_owned())
}
