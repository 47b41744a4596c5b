//! The trashcan of cpython/object.h (`Py_TRASHCAN_BEGIN` / `Py_TRASHCAN_END`):
//! what bounds the depth of nested deallocations, so that freeing a long
//! chain of containers does not overflow the C stack.
//!
//! The deallocator of a container runs its body through [`Py_TRASHCAN`].
//! Once too many deallocations are nested on this thread, the object is put
//! on the thread state's `delete_later` list instead, and deallocated again
//! by the outermost trashcan once the stack has unwound.
//!
//! How "too many" is counted differs by version:
//! - 3.11 and 3.12: a nesting counter of the thread state, kept by the
//!   exported `_PyTrash_begin` / `_PyTrash_end`, which the C macros call;
//! - 3.13: the C recursion budget `c_recursion_remaining`, updated inline by
//!   the macros (the functions above are no longer exported), with the
//!   deposit and the unwinding left to exported functions;
//! - 3.14 and newer: none here. `_Py_Dealloc`, which calls every
//!   deallocator, defers by how much C stack is left, and the macros are
//!   empty, kept only so that old code compiles: the body just runs.

use crate::{Py_TYPE, PyObject};

/// The deallocator a type stores in `tp_dealloc`.
pub type Deallocator = unsafe extern "C" fn(*mut PyObject);

/// `Py_TRASHCAN_BEGIN(op, dealloc)`, `body`, `Py_TRASHCAN_END`: runs `body`
/// (the deallocator's work) now, or defers the whole deallocation when the
/// nesting is too deep. `dealloc` is the deallocator calling this: the
/// trashcan only defers when it is the type's own `tp_dealloc`, so that a
/// subclass's deallocator, which calls its base's, is never half done.
///
/// # Safety
/// Called from `dealloc`, the deallocator of `op`, whose reference count is
/// zero, with an attached thread state; `op` is a garbage-collected object
/// already untracked (`PyObject_GC_UnTrack`), since a deferred one is linked
/// through its GC header. `body` does not unwind.
#[inline(always)]
pub unsafe fn Py_TRASHCAN(op: *mut PyObject, dealloc: Deallocator, body: impl FnOnce()) {
    // SAFETY: the caller passes a live object.
    let type_dealloc = unsafe { (*Py_TYPE(op)).tp_dealloc };
    let is_own_dealloc = type_dealloc.is_some_and(|own| core::ptr::fn_addr_eq(own, dealloc));
    // SAFETY: the caller's guarantees are those of the C macros.
    unsafe { trashcan(op, is_own_dealloc, body) }
}

/// 3.11 and 3.12: outside the type's own deallocator the body runs without
/// the trashcan (`_PyTrash_cond` is false); inside, `_PyTrash_begin` either
/// counts one more level or takes the object for later.
#[cfg(not(Py_3_13))]
#[inline(always)]
unsafe fn trashcan(op: *mut PyObject, is_own_dealloc: bool, body: impl FnOnce()) {
    if !is_own_dealloc {
        body();
        return;
    }
    // SAFETY: an attached thread state exists, so the getters return it;
    // `op` is as `_PyTrash_begin` requires (the caller's guarantee).
    unsafe {
        #[cfg(not(Py_3_12))]
        let tstate = crate::PyThreadState_Get();
        #[cfg(Py_3_12)]
        let tstate = crate::_PyThreadState_UncheckedGet();
        if crate::_PyTrash_begin(tstate, op) != 0 {
            return;
        }
        body();
        crate::_PyTrash_end(tstate);
    }
}

/// 3.13: every deallocation through the trashcan spends one unit of the C
/// recursion budget; the object is deferred when no more than the headroom
/// is left, and the deferred ones are freed once twice the headroom is back.
#[cfg(all(Py_3_13, not(Py_3_14)))]
#[inline(always)]
unsafe fn trashcan(op: *mut PyObject, is_own_dealloc: bool, body: impl FnOnce()) {
    const HEADROOM: core::ffi::c_int = crate::Py_TRASHCAN_HEADROOM as core::ffi::c_int;
    // SAFETY: the thread state is attached, so PyThreadState_Get returns
    // it, and only this thread reads or writes its fields; `op` is as the
    // deposit requires (the caller's guarantee).
    unsafe {
        let tstate = crate::PyThreadState_Get();
        if (*tstate).c_recursion_remaining <= HEADROOM && is_own_dealloc {
            crate::_PyTrash_thread_deposit_object(tstate, op);
            return;
        }
        (*tstate).c_recursion_remaining -= 1;
        body();
        (*tstate).c_recursion_remaining += 1;
        if !(*tstate).delete_later.is_null() && (*tstate).c_recursion_remaining > HEADROOM * 2 {
            crate::_PyTrash_thread_destroy_chain(tstate);
        }
    }
}

/// 3.14 and newer: `_Py_Dealloc` has already decided, before calling the
/// deallocator, whether to defer it.
#[cfg(Py_3_14)]
#[inline(always)]
unsafe fn trashcan(_op: *mut PyObject, _is_own_dealloc: bool, body: impl FnOnce()) {
    body();
}
