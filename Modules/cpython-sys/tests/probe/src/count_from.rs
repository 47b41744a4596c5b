//! `incref_from(o, start)` and `decref_from(o, start)`: the reference count
//! macros on counts near and inside immortality, reached by setting the low
//! 32 bits of a mortal object's count by hand, as `_testcprobe` does with the
//! C macros. Only where those 32 bits decide immortality: 64-bit 3.12 and
//! newer, with the GIL.

use core::ffi::{CStr, c_ulonglong};
use core::ptr::null_mut;

use cpython_sys::*;

use crate::{fast_args, from_bool, from_ssize};

/// The low 32 bits of the object's count, where mortal counts live.
///
/// # Safety
/// `op` points to a live object.
unsafe fn low_half(op: *mut PyObject) -> *mut u32 {
    let offset = if cfg!(target_endian = "big") { 4 } else { 0 };
    // SAFETY: the count opens the object, which is aligned for it.
    unsafe { op.cast::<u8>().add(offset).cast::<u32>() }
}

/// # Safety
/// `args` holds `nargs` valid references.
unsafe fn count_from(name: &CStr, args: *const *mut PyObject, nargs: Py_ssize_t, decrement: bool) -> *mut PyObject {
    // SAFETY: the caller's guarantee.
    let Some([op, start]) = (unsafe { fast_args(name, args, nargs) }) else {
        return null_mut();
    };
    // SAFETY: `start` is a valid reference.
    let start = unsafe { PyLong_AsUnsignedLongLong(start) };
    // SAFETY: only reads the thread's error indicator.
    if start == c_ulonglong::MAX && !unsafe { PyErr_Occurred() }.is_null() {
        return null_mut();
    }
    // SAFETY: `op` is alive and, holding the GIL, only this thread touches
    // its count until it is restored; it never reaches zero meanwhile, as
    // the test only starts from large counts.
    let (after, refcnt, immortal) = unsafe {
        let count = low_half(op);
        let saved = count.read();
        count.write(start as u32);
        if decrement {
            Py_DECREF(op);
        } else {
            Py_INCREF(op);
        }
        let observed = (count.read(), Py_REFCNT(op), _Py_IsImmortal(op));
        count.write(saved);
        observed
    };
    let items = [
        // SAFETY: PyLong_FromUnsignedLong takes any value.
        unsafe { PyLong_FromUnsignedLong(after.into()) },
        from_ssize(refcnt),
        from_bool(immortal),
    ];
    // SAFETY: a new tuple that steals the three new references; a null
    // item makes it fail, with the others released.
    unsafe {
        let tuple = PyTuple_New(3);
        if tuple.is_null() || items.iter().any(|item| item.is_null()) {
            Py_XDECREF(tuple);
            items.into_iter().for_each(|item| Py_XDECREF(item));
            return null_mut();
        }
        for (index, item) in items.into_iter().enumerate() {
            PyTuple_SET_ITEM(tuple, index as Py_ssize_t, item);
        }
        tuple
    }
}

pub unsafe extern "C" fn incref_from(
    _module: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: the arguments of this call.
    unsafe { count_from(c"incref_from", args, nargs, false) }
}

pub unsafe extern "C" fn decref_from(
    _module: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: the arguments of this call.
    unsafe { count_from(c"decref_from", args, nargs, true) }
}
