//! pyerrors.h: the exception checks that are macros in C.

use crate::{Py_TPFLAGS_BASE_EXC_SUBCLASS, Py_TYPE, PyObject, PyType_FastSubclass};

/// `PyExceptionClass_Check(op)`: whether `op` is a subclass of `BaseException`.
///
/// # Safety
/// `op` points to a live object.
#[inline(always)]
pub unsafe fn PyExceptionClass_Check(op: *mut PyObject) -> bool {
    // SAFETY: the caller passes a valid object; its flags are read only
    // once it is known to be a type.
    unsafe {
        PyType_FastSubclass(Py_TYPE(op), crate::Py_TPFLAGS_TYPE_SUBCLASS)
            && PyType_FastSubclass(op.cast(), Py_TPFLAGS_BASE_EXC_SUBCLASS)
    }
}

/// `PyExceptionInstance_Check(op)`: whether `op` is an exception instance.
///
/// # Safety
/// `op` points to a live object.
#[inline(always)]
pub unsafe fn PyExceptionInstance_Check(op: *mut PyObject) -> bool {
    // SAFETY: the caller passes a valid object.
    unsafe { PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_BASE_EXC_SUBCLASS) }
}
