//! cpython/tupleobject.h: unchecked accessors ("trading safety for speed").

use crate::{Py_SIZE, Py_ssize_t, PyObject, PyTupleObject};

/// # Safety
/// `op` points to a live tuple.
#[inline(always)]
pub unsafe fn PyTuple_GET_SIZE(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: the caller passes a valid tuple.
    unsafe { Py_SIZE(op) }
}

/// `&ob_item[index]`: `ob_item` is declared with one element and allocated
/// with `ob_size`, so the address is computed from the field's start.
#[inline(always)]
unsafe fn item_slot(op: *mut PyObject, index: Py_ssize_t) -> *mut *mut PyObject {
    // SAFETY: the caller passes a valid tuple and an index below its size.
    unsafe {
        (&raw mut (*op.cast::<PyTupleObject>()).ob_item)
            .cast::<*mut PyObject>()
            .offset(index)
    }
}

/// A borrowed reference to item `index`.
///
/// # Safety
/// `op` points to a live tuple and `0 <= index < PyTuple_GET_SIZE(op)`.
#[inline(always)]
pub unsafe fn PyTuple_GET_ITEM(op: *mut PyObject, index: Py_ssize_t) -> *mut PyObject {
    // SAFETY: the caller's guarantee.
    unsafe { *item_slot(op, index) }
}

/// Stores `value`, stealing the reference; the old item is not released.
/// Only for filling a tuple nobody else has seen yet.
///
/// # Safety
/// As for [`PyTuple_GET_ITEM`], and the tuple is new.
#[inline(always)]
pub unsafe fn PyTuple_SET_ITEM(op: *mut PyObject, index: Py_ssize_t, value: *mut PyObject) {
    // SAFETY: the caller's guarantee.
    unsafe { *item_slot(op, index) = value }
}
