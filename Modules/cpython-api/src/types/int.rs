//! `int`.

use cpython_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::object::Bound;
use crate::python::Python;

pub fn int_from_isize(py: Python<'_>, value: isize) -> PyResult<Bound<'_>> {
    // SAFETY: any value is accepted; new reference or null.
    unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyLong_FromSsize_t(value)) }
}

/// `operator.index(value)` as an `isize`: `TypeError` for a non-integer,
/// `OverflowError` when out of range, with C's messages.
pub fn int_to_isize(value: &Bound<'_>) -> PyResult<isize> {
    // SAFETY: a valid object; -1 with an exception set means failure.
    let result = unsafe { ffi::PyNumber_AsSsize_t(value.as_ptr(), ffi::PyExc_OverflowError) };
    if result == -1 {
        if let Some(error) = PyErr::take(value.py()) {
            return Err(error);
        }
    }
    Ok(result)
}
