//! CPython's recursion guard (`Py_EnterRecursiveCall`, as the interpreter
//! enters it), for the slots that CPython calls without entering it first.
//!
//! A slot that reaches user objects can reach itself again: a `Holder` that
//! holds itself hashes itself forever. Where the caller is `PyObject_Repr`,
//! `PyObject_RichCompare` or a call (of a function, a method, a type), CPython
//! has already counted the level, and counting it twice would halve the depth
//! allowed, as well as cost time on the hottest paths. `PyObject_Hash`,
//! `PyIter_Next` and `for`, and attribute access through a getset descriptor
//! count nothing, so those slots count themselves, as `RecursionError`
//! "maximum recursion depth exceeded" followed by `activity`.

use core::ffi::CStr;

use cpython_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::python::Python;

/// Runs `body` one level deeper in the thread's recursion count, or fails
/// with `RecursionError` when the limit is reached. `activity` completes the
/// message, as C's `where` argument: " while getting the hash of an object".
#[inline(always)]
pub(crate) fn guarded<T>(py: Python<'_>, activity: &'static CStr, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    // Looked up once for both ends of the level: the exported functions
    // would each look it up again.
    #[cfg(Py_3_13)]
    // SAFETY: the thread is attached (py), so this is its thread state.
    let tstate = unsafe { ffi::PyThreadState_GetUnchecked() };
    #[cfg(not(Py_3_13))]
    // SAFETY: as above; the same function under its pre-3.13 name.
    let tstate = unsafe { ffi::_PyThreadState_UncheckedGet() };
    // SAFETY: this thread's attached state; `activity` is a static C string.
    if unsafe { ffi::_Py_EnterRecursiveCallTstate(tstate, activity.as_ptr()) } != 0 {
        return Err(PyErr::fetch(py));
    }
    // Leaves the level however `body` ends, panics included (entry points
    // catch them after this has run).
    struct Level(*mut ffi::PyThreadState);
    impl Drop for Level {
        fn drop(&mut self) {
            // SAFETY: pairs with the successful enter above, on the same
            // thread, whose state outlives the call.
            unsafe { ffi::_Py_LeaveRecursiveCallTstate(self.0) }
        }
    }
    let _level = Level(tstate);
    body()
}
