//! `int`: exact conversions to and from Rust's 64-bit and pointer-sized
//! integers.
//!
//! Each `int_to_*` is what C code gets from `PyNumber_Index` followed by the
//! `PyLong_As*` function of the C type of the same width (`long long`,
//! `unsigned long long`, `Py_ssize_t`, `size_t`), with their exceptions:
//! `TypeError` for an object that is not an integer and has no `__index__`
//! ("'float' object cannot be interpreted as an integer"), `OverflowError`
//! for a value out of range, such as "can't convert negative int to
//! unsigned" for `u64`. The wording is CPython's and differs between those
//! functions.

use cpython_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::object::Bound;
use crate::python::Python;

/// The value of an exact `int` of at most one digit (30 bits and a sign),
/// read from the object as C's own fast paths read it (`MEDIUM_VALUE` in
/// 3.11, `_PyLong_CompactValue` since 3.12); `None` for any other object,
/// whose conversion needs the C API (and may run `__index__`).
#[inline]
pub(crate) fn compact_int_value(value: &Bound<'_>) -> Option<i64> {
    let object = value.as_ptr();
    // SAFETY: a valid object and the static int type; only its type is read.
    if !unsafe { ffi::Py_IS_TYPE(object, &raw mut ffi::PyLong_Type) } {
        return None;
    }
    let long = object.cast::<ffi::PyLongObject>();
    #[cfg(Py_3_12)]
    // SAFETY: an exact int, immutable once other code can see it, whose tag
    // says how many digits follow; CPython allocates one even for zero, and
    // reads it as here.
    unsafe {
        let tag = (*long).long_value.lv_tag;
        if tag >= 2 << ffi::_PyLong_NON_SIZE_BITS {
            return None;
        }
        // The low two bits are the sign: 0 positive, 1 zero, 2 negative.
        let sign = 1 - (tag & 3) as i64;
        Some(sign * i64::from((*long).long_value.ob_digit[0]))
    }
    #[cfg(not(Py_3_12))]
    // SAFETY: an exact int, immutable once other code can see it, whose
    // signed size is its sign and number of digits; zero's is not read.
    unsafe {
        match (*long).ob_base.ob_size {
            0 => Some(0),
            1 => Some(i64::from((*long).ob_digit[0])),
            -1 => Some(-i64::from((*long).ob_digit[0])),
            _ => None,
        }
    }
}

/// A new `int` equal to `value`.
pub fn int_from_i64(py: Python<'_>, value: i64) -> PyResult<Bound<'_>> {
    // SAFETY: any value is accepted; new reference or null.
    unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyLong_FromLongLong(value)) }
}

/// A new `int` equal to `value`.
pub fn int_from_u64(py: Python<'_>, value: u64) -> PyResult<Bound<'_>> {
    // SAFETY: any value is accepted; new reference or null.
    unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyLong_FromUnsignedLongLong(value)) }
}

/// A new `int` equal to `value`.
pub fn int_from_isize(py: Python<'_>, value: isize) -> PyResult<Bound<'_>> {
    // SAFETY: any value is accepted; new reference or null.
    unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyLong_FromSsize_t(value)) }
}

/// A new `int` equal to `value`.
pub fn int_from_usize(py: Python<'_>, value: usize) -> PyResult<Bound<'_>> {
    // SAFETY: any value is accepted; new reference or null.
    unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyLong_FromSize_t(value)) }
}

/// `operator.index(value)` as an `i64` (`PyLong_AsLongLong`).
pub fn int_to_i64(value: &Bound<'_>) -> PyResult<i64> {
    convert_index(value, ffi::PyLong_AsLongLong, -1)
}

/// `operator.index(value)` as a `u64` (`PyLong_AsUnsignedLongLong`).
pub fn int_to_u64(value: &Bound<'_>) -> PyResult<u64> {
    convert_index(value, ffi::PyLong_AsUnsignedLongLong, u64::MAX)
}

/// `operator.index(value)` as an `isize` (`PyLong_AsSsize_t`), as Argument
/// Clinic's `Py_ssize_t` converter reads it.
pub fn int_to_isize(value: &Bound<'_>) -> PyResult<isize> {
    convert_index(value, ffi::PyLong_AsSsize_t, -1)
}

/// `operator.index(value)` as a `usize` (`PyLong_AsSize_t`).
pub fn int_to_usize(value: &Bound<'_>) -> PyResult<usize> {
    convert_index(value, ffi::PyLong_AsSize_t, usize::MAX)
}

/// `convert(operator.index(value))`, where `convert` returns `error` (-1,
/// or all ones if unsigned) either to report an exception or as a result.
fn convert_index<T: Copy + PartialEq>(
    value: &Bound<'_>,
    convert: unsafe extern "C" fn(*mut ffi::PyObject) -> T,
    error: T,
) -> PyResult<T> {
    let py = value.py();
    // SAFETY: a valid object; an exact int (a new reference) or null.
    let index = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyNumber_Index(value.as_ptr())) }?;
    // SAFETY: `convert` is a PyLong_As* function and `index` an int.
    let result = unsafe { convert(index.as_ptr()) };
    if result == error {
        if let Some(exception) = PyErr::take(py) {
            return Err(exception);
        }
    }
    Ok(result)
}
