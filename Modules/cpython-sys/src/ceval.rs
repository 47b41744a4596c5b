//! The recursion guard as the interpreter's own C code enters it
//! (`_Py_EnterRecursiveCallTstate` / `_Py_LeaveRecursiveCallTstate`,
//! static inline in pycore_ceval.h): with the thread state at hand, where the
//! exported `Py_EnterRecursiveCall` and `Py_LeaveRecursiveCall` each look it
//! up again (a call into libpython's thread-local storage apiece).
//!
//! The counter is the thread state's `recursion_remaining` on 3.11, shared
//! with Python frames, and `c_recursion_remaining` from 3.12, for C code
//! alone. From 3.14 there is no counter: the guard compares the stack
//! pointer with limits kept in `_PyThreadStateImpl`, an internal struct
//! whose layout no public header gives, so the exported functions are used.

use core::ffi::{c_char, c_int};

use crate::PyThreadState;

#[cfg(not(Py_3_14))]
unsafe extern "C" {
    /// Raises `RecursionError` "maximum recursion depth exceeded" + `where`
    /// once the budget is spent, and restores the level it was called for;
    /// exported (for `_json`) though declared only in the internal headers.
    fn _Py_CheckRecursiveCall(tstate: *mut PyThreadState, where_: *const c_char) -> c_int;
}

/// `_Py_EnterRecursiveCallTstate(tstate, where)`: counts one more level of
/// C recursion; non-zero with `RecursionError` set when the limit is
/// reached, in which case the level is not counted.
///
/// # Safety
/// `tstate` is the calling thread's attached thread state; `where_` is a
/// NUL-terminated string. A zero result is paired with one
/// [`_Py_LeaveRecursiveCallTstate`] on the same thread.
#[inline(always)]
pub unsafe fn _Py_EnterRecursiveCallTstate(tstate: *mut PyThreadState, where_: *const c_char) -> c_int {
    #[cfg(not(Py_3_14))]
    // SAFETY: the caller's thread state, which only this thread writes.
    unsafe {
        #[cfg(not(Py_3_12))]
        let remaining = &raw mut (*tstate).recursion_remaining;
        #[cfg(Py_3_12)]
        let remaining = &raw mut (*tstate).c_recursion_remaining;
        let before = *remaining;
        *remaining = before - 1;
        // 3.13 lets the counter reach zero before checking (`-- < 0`).
        #[cfg(not(Py_3_13))]
        let spent = before <= 0;
        #[cfg(Py_3_13)]
        let spent = before < 0;
        (spent && _Py_CheckRecursiveCall(tstate, where_) != 0) as c_int
    }
    #[cfg(Py_3_14)]
    // SAFETY: the caller's guarantees; the exported function finds the
    // same thread state itself.
    unsafe {
        let _ = tstate;
        crate::Py_EnterRecursiveCall(where_)
    }
}

/// `_Py_LeaveRecursiveCallTstate(tstate)`: uncounts the level entered by
/// [`_Py_EnterRecursiveCallTstate`].
///
/// # Safety
/// As for [`_Py_EnterRecursiveCallTstate`], after it returned zero.
#[inline(always)]
pub unsafe fn _Py_LeaveRecursiveCallTstate(tstate: *mut PyThreadState) {
    #[cfg(all(not(Py_3_12), not(Py_3_14)))]
    // SAFETY: the caller's thread state, which only this thread writes.
    unsafe {
        (*tstate).recursion_remaining += 1
    };
    #[cfg(all(Py_3_12, not(Py_3_14)))]
    // SAFETY: as above.
    unsafe {
        (*tstate).c_recursion_remaining += 1
    };
    #[cfg(Py_3_14)]
    // SAFETY: pairs with the exported Py_EnterRecursiveCall.
    unsafe {
        let _ = tstate;
        crate::Py_LeaveRecursiveCall()
    }
}
