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

/// The tests C Argument Clinic makes for `/ [from X.Y]` after
/// format-string parsing (a parameter without inline conversion code):
/// whether any keyword came, and whether one parameter's did, by asking the
/// call's keywords themselves, where a `str` subclass's `__eq__` and
/// `__hash__` take part (and may raise). With inline code it tests the
/// unpacked slots instead, which runs no Python code.
pub mod by_keyword {
    use cpython_sys as ffi;

    use crate::clinic::Keyword;
    use crate::err::{PyErr, PyResult};
    use crate::function::Arguments;
    use crate::object::Bound;
    use crate::python::Python;

    /// `kwnames && PyTuple_GET_SIZE(kwnames)`.
    pub fn any_in_vectorcall(args: &Arguments<'_, '_>) -> bool {
        !args.keyword_values.is_empty()
    }

    /// `kwargs && PyDict_GET_SIZE(kwargs)`.
    pub fn any_in_dict(kwargs: Option<&Bound<'_>>) -> bool {
        kwargs.is_some_and(|kwargs| crate::types::dict_len(kwargs).is_ok_and(|len| len > 0))
    }

    /// `PySequence_Contains(kwnames, name)`: each name of the call is
    /// compared with the parameter's by `==`.
    pub fn given_in_vectorcall(py: Python<'_>, args: &Arguments<'_, '_>, keyword: &Keyword) -> PyResult<bool> {
        let Some(names) = args.keyword_names else {
            return Ok(false);
        };
        let name = keyword.as_object(py)?;
        // SAFETY: a tuple and a str; -1 with an exception set on failure.
        contained(py, unsafe { ffi::PySequence_Contains(names.as_ptr(), name.as_ptr()) })
    }

    /// `PyDict_Contains(kwargs, name)`: a lookup by the parameter's hash,
    /// comparing the keys that share it.
    pub fn given_in_dict(py: Python<'_>, kwargs: Option<&Bound<'_>>, keyword: &Keyword) -> PyResult<bool> {
        let Some(kwargs) = kwargs else {
            return Ok(false);
        };
        let name = keyword.as_object(py)?;
        // SAFETY: a dict and a str; -1 with an exception set on failure.
        contained(py, unsafe { ffi::PyDict_Contains(kwargs.as_ptr(), name.as_ptr()) })
    }

    fn contained(py: Python<'_>, result: core::ffi::c_int) -> PyResult<bool> {
        match result {
            -1 => Err(PyErr::fetch(py)),
            result => Ok(result == 1),
        }
    }
}
