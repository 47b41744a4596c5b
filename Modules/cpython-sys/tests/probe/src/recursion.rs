//! `recursion_depth(where)`: how many levels of [`_Py_EnterRecursiveCallTstate`]
//! can be entered from here, as `_testcprobe.recursion_depth` counts those of
//! the exported `Py_EnterRecursiveCall`, and the message of the
//! `RecursionError` that stops the next one.

use core::ptr::null_mut;

use cpython_sys::*;

/// # Safety
/// `tstate` is the attached thread state of the calling thread; `where_` a
/// NUL-terminated string.
unsafe fn descend(tstate: *mut PyThreadState, where_: *const core::ffi::c_char, depth: Py_ssize_t) -> Py_ssize_t {
    // SAFETY: the caller's guarantees; each successful enter is left below.
    unsafe {
        if _Py_EnterRecursiveCallTstate(tstate, where_) != 0 {
            return depth;
        }
        let reached = descend(tstate, where_, depth + 1);
        _Py_LeaveRecursiveCallTstate(tstate);
        reached
    }
}

pub unsafe extern "C" fn recursion_depth(_module: *mut PyObject, where_: *mut PyObject) -> *mut PyObject {
    // SAFETY: `where_` is the caller's argument; the thread is attached, so
    // PyThreadState_Get returns its state.
    let (text, tstate) = unsafe { (PyUnicode_AsUTF8(where_), PyThreadState_Get()) };
    if text.is_null() {
        return null_mut();
    }
    // SAFETY: as above; `text` lives as long as `where_`.
    let depth = unsafe { descend(tstate, text, 0) };
    // SAFETY: takes the exception the last enter raised, normalised.
    let error = unsafe { take_exception() };
    if error.is_null() {
        // SAFETY: sets an exception from a static message.
        unsafe { PyErr_SetString(PyExc_AssertionError, c"no RecursionError".as_ptr()) };
        return null_mut();
    }
    // SAFETY: `error` is an owned exception; the tuple steals the new int
    // and str, and null items make it fail as C's Py_BuildValue would.
    unsafe {
        let message = PyObject_Str(error);
        Py_DECREF(error);
        let depth = PyLong_FromSsize_t(depth);
        if message.is_null() || depth.is_null() {
            Py_XDECREF(message);
            Py_XDECREF(depth);
            return null_mut();
        }
        let result = PyTuple_New(2);
        if result.is_null() {
            Py_DECREF(message);
            Py_DECREF(depth);
            return null_mut();
        }
        PyTuple_SET_ITEM(result, 0, depth);
        PyTuple_SET_ITEM(result, 1, message);
        result
    }
}

/// The raised exception as an owned instance, or null; none is left set.
///
/// # Safety
/// The thread is attached.
unsafe fn take_exception() -> *mut PyObject {
    #[cfg(Py_3_12)]
    // SAFETY: the caller's guarantee.
    return unsafe { PyErr_GetRaisedException() };
    #[cfg(not(Py_3_12))]
    // SAFETY: the caller's guarantee; the three references are ours, and
    // the type and traceback are released.
    unsafe {
        let (mut kind, mut value, mut traceback) = (null_mut(), null_mut(), null_mut());
        PyErr_Fetch(&mut kind, &mut value, &mut traceback);
        PyErr_NormalizeException(&mut kind, &mut value, &mut traceback);
        Py_XDECREF(kind);
        Py_XDECREF(traceback);
        value
    }
}
