//! `bool`, and the truth of any object. `True` and `False` themselves are
//! [`Python::bool`](crate::Python::bool).

use cpython_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::object::Bound;

/// `bool(value)`, as `PyObject_IsTrue` (and so Argument Clinic's `bool`
/// converter) decides it: `__bool__`, or failing that `__len__`; whatever
/// they raise.
pub fn is_true(value: &Bound<'_>) -> PyResult<bool> {
    // SAFETY: a valid object; -1 with an exception set means failure.
    match unsafe { ffi::PyObject_IsTrue(value.as_ptr()) } {
        -1 => Err(PyErr::fetch(value.py())),
        result => Ok(result == 1),
    }
}
