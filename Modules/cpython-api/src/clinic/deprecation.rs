//! The warnings of parameters whose kind is deprecated (`* [from 3.14]`,
//! `/ [from 3.14]`): C Argument Clinic emits them with
//! `PyErr_WarnEx(PyExc_DeprecationWarning, message, 1)`, so that they point
//! at the Python code making the call.

use core::ffi::CStr;

use cpython_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::python::Python;

/// Warns; fails when a warnings filter turns the warning into an error.
pub fn warn_deprecated(py: Python<'_>, message: &CStr) -> PyResult<()> {
    // SAFETY: attached ('py); a NUL-terminated message; -1 with an
    // exception set when the warning became an error.
    if unsafe { ffi::PyErr_WarnEx(ffi::PyExc_DeprecationWarning, message.as_ptr(), 1) } < 0 {
        Err(PyErr::fetch(py))
    } else {
        Ok(())
    }
}
