//! boolobject.h: `Py_True` and `Py_False`, which C spells as macros.

use crate::PyObject;

/// `Py_True`: a borrowed reference to `True`.
#[inline(always)]
pub fn Py_True() -> *mut PyObject {
    (&raw mut crate::_Py_TrueStruct).cast()
}

/// `Py_False`: a borrowed reference to `False`.
#[inline(always)]
pub fn Py_False() -> *mut PyObject {
    (&raw mut crate::_Py_FalseStruct).cast()
}
