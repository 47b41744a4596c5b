//! `float`.

use cpython_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::object::Bound;
use crate::python::Python;

/// A new `float`.
pub fn float_from(py: Python<'_>, value: f64) -> PyResult<Bound<'_>> {
    // SAFETY: any value is accepted; new reference or null.
    unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyFloat_FromDouble(value)) }
}

/// `value` as an `f64`, as `PyFloat_AsDouble` (and so Argument Clinic's
/// `double` converter) reads it: a `float`, or anything with `__float__`,
/// or failing that `__index__`; C's `TypeError` for other objects,
/// `OverflowError` for an int too large for a double.
#[inline]
pub fn float_to_f64(value: &Bound<'_>) -> PyResult<f64> {
    let object = value.as_ptr();
    // SAFETY: a valid object and the static float type; only its type is read.
    if unsafe { ffi::Py_IS_TYPE(object, &raw mut ffi::PyFloat_Type) } {
        // SAFETY: an exact float, whose value never changes: what
        // `PyFloat_AsDouble` returns for it, read as C's Argument Clinic
        // reads it (`PyFloat_AS_DOUBLE` after `PyFloat_CheckExact`).
        return Ok(unsafe { (*object.cast::<ffi::PyFloatObject>()).ob_fval });
    }
    // SAFETY: a valid object; -1.0 with an exception set means failure.
    let result = unsafe { ffi::PyFloat_AsDouble(value.as_ptr()) };
    if result == -1.0 {
        if let Some(error) = PyErr::take(value.py()) {
            return Err(error);
        }
    }
    Ok(result)
}

/// A new `complex` with these parts.
pub fn complex_from(py: Python<'_>, real: f64, imag: f64) -> PyResult<Bound<'_>> {
    // SAFETY: any values are accepted; new reference or null.
    unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyComplex_FromDoubles(real, imag)) }
}
