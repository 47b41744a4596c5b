//! cpython/bytesobject.h: unchecked accessors.

use crate::{Py_SIZE, Py_TPFLAGS_BYTES_SUBCLASS, Py_TYPE, Py_ssize_t, PyBytesObject, PyObject, PyType_FastSubclass};

/// `PyBytes_Check(op)`: whether `op` is a `bytes`, subclasses included.
///
/// # Safety
/// `op` points to a live object.
#[inline(always)]
pub unsafe fn PyBytes_Check(op: *mut PyObject) -> bool {
    // SAFETY: the caller passes a valid object.
    unsafe { PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_BYTES_SUBCLASS) }
}

/// The bytes object's buffer: `PyBytes_GET_SIZE(op)` bytes followed by a NUL.
///
/// # Safety
/// `op` points to a live `bytes` object.
#[inline(always)]
pub unsafe fn PyBytes_AS_STRING(op: *mut PyObject) -> *mut core::ffi::c_char {
    // SAFETY: the caller passes a valid bytes object; only an address is taken.
    unsafe { (&raw mut (*op.cast::<PyBytesObject>()).ob_sval).cast() }
}

/// # Safety
/// `op` points to a live `bytes` object.
#[inline(always)]
pub unsafe fn PyBytes_GET_SIZE(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: the caller passes a valid bytes object.
    unsafe { Py_SIZE(op) }
}
