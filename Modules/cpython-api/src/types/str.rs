//! `str`.

use cpython_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::object::Bound;
use crate::python::Python;

/// A new `str` with the text of `text`.
pub fn str_from<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py>> {
    str_from_utf8(py, text.as_bytes())
}

/// A new `str` decoded from UTF-8 bytes, with `UnicodeDecodeError` (as
/// `PyUnicode_FromStringAndSize` raises it) if they are not UTF-8.
pub fn str_from_utf8<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Bound<'py>> {
    // SAFETY: the pointer and length describe readable bytes; new reference or null.
    unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyUnicode_FromStringAndSize(bytes.as_ptr().cast(), bytes.len() as ffi::Py_ssize_t),
        )
    }
}

/// Whether `value` is a `str`, subclasses included.
#[inline]
pub fn is_str(value: &Bound<'_>) -> bool {
    // SAFETY: a valid object; only its type's flags are read.
    unsafe { ffi::PyUnicode_Check(value.as_ptr()) }
}

/// Whether `value` is a `str` itself, no subclass: one whose comparisons
/// and hash no Python code can change.
#[inline]
pub fn is_exact_str(value: &Bound<'_>) -> bool {
    // SAFETY: a valid object and the static str type; only its type is read.
    unsafe { ffi::Py_IS_TYPE(value.as_ptr(), &raw mut ffi::PyUnicode_Type) }
}

/// The text of a `str` as UTF-8, borrowed from it with no copy:
/// `PyUnicode_AsUTF8AndSize`, which caches the UTF-8 in the string (ASCII
/// strings need none: their characters are already UTF-8).
///
/// `TypeError` if `text` is not a `str`; `UnicodeEncodeError` if it holds a
/// lone surrogate, which UTF-8 cannot encode, as `text.encode()` would.
pub fn str_as_utf8<'a>(text: &'a Bound<'_>) -> PyResult<&'a str> {
    if !is_str(text) {
        return Err(PyErr::new(
            crate::exceptions::TypeError(text.py()),
            &format!("expected str, {} found", super::type_name(text)?),
        ));
    }
    let mut len: ffi::Py_ssize_t = 0;
    // SAFETY: a str; the result is null with an exception set, or `len`
    // bytes that live as long as the string.
    let start = unsafe { ffi::PyUnicode_AsUTF8AndSize(text.as_ptr(), &mut len) };
    if start.is_null() {
        return Err(PyErr::fetch(text.py()));
    }
    // SAFETY: valid UTF-8 (PyUnicode_AsUTF8AndSize fails on lone surrogates
    // rather than encode them), which CPython keeps unchanged until the
    // string, kept alive by the borrow of `text`, is freed.
    Ok(unsafe { core::str::from_utf8_unchecked(core::slice::from_raw_parts(start.cast::<u8>(), len as usize)) })
}

/// The characters of an ASCII `str`, which are their own UTF-8 (and
/// Latin-1), borrowed from its canonical form: no copy, no cache, no
/// failure. `None` if `text` is not a `str` or holds a character beyond
/// U+007F; use [`str_as_utf8`] then.
#[inline]
pub fn str_ascii_bytes<'a>(text: &'a Bound<'_>) -> Option<&'a [u8]> {
    if !is_str(text) {
        return None;
    }
    let text = text.as_ptr();
    // SAFETY: a str. (On 3.11 a legacy string that is not ready has no
    // `ascii` bit, so is refused here before its other fields are read.)
    if !unsafe { ffi::PyUnicode_IS_ASCII(text) } {
        return None;
    }
    // SAFETY: an ASCII string's canonical form is its length in bytes, one
    // per character, never changed while other code can see the string,
    // which the borrow keeps alive.
    Some(unsafe {
        core::slice::from_raw_parts(
            ffi::PyUnicode_DATA(text).cast::<u8>(),
            ffi::PyUnicode_GET_LENGTH(text) as usize,
        )
    })
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
    Ok(String::from_utf8_lossy(super::bytes_data(&encoded)?).into_owned())
}
