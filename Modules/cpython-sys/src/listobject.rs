//! cpython/listobject.h: unchecked accessors.

use crate::{Py_ssize_t, PyListObject, PyObject, PyVarObject};

/// # Safety
/// `op` points to a live list.
#[inline(always)]
pub unsafe fn PyList_GET_SIZE(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: the caller passes a valid list; only an address is taken.
    let size = unsafe { &raw mut (*op.cast::<PyVarObject>()).ob_size };
    #[cfg(not(Py_GIL_DISABLED))]
    // SAFETY: the list is valid and the GIL protects it.
    return unsafe { *size };
    // Another thread may be resizing the list: C reads it atomically too.
    #[cfg(Py_GIL_DISABLED)]
    // SAFETY: `ob_size` is aligned and only written atomically.
    return unsafe { core::sync::atomic::AtomicIsize::from_ptr(size) }.load(core::sync::atomic::Ordering::Relaxed);
}

/// A borrowed reference to item `index`.
///
/// # Safety
/// `op` points to a live list and `0 <= index < PyList_GET_SIZE(op)`.
#[inline(always)]
pub unsafe fn PyList_GET_ITEM(op: *mut PyObject, index: Py_ssize_t) -> *mut PyObject {
    // SAFETY: the caller's guarantee.
    unsafe { *(*op.cast::<PyListObject>()).ob_item.offset(index) }
}

/// Stores `value`, stealing the reference; the old item is not released.
///
/// # Safety
/// `op` points to a live list and `0 <= index < allocated`.
#[inline(always)]
pub unsafe fn PyList_SET_ITEM(op: *mut PyObject, index: Py_ssize_t, value: *mut PyObject) {
    // SAFETY: the caller's guarantee.
    unsafe { *(*op.cast::<PyListObject>()).ob_item.offset(index) = value }
}
