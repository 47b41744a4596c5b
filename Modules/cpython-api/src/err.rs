//! Python exceptions as Rust errors.
//!
//! A [`PyErr`] holds an exception instance, never the (type, value,
//! traceback) triple of the C API before 3.12: it is created normalised, so
//! inspecting and chaining it needs no special cases.

use core::fmt;
use core::mem::MaybeUninit;
use core::ptr::NonNull;

use cpython_sys as ffi;

use crate::object::{Bound, Unbound};
use crate::python::Python;

pub type PyResult<T> = Result<T, PyErr>;

/// A Python exception, owned by Rust code until it is raised again (returned
/// from an entry point) or dropped.
pub struct PyErr {
    exception: Unbound,
}

impl PyErr {
    /// `exception_type(message)`, as C raises it (`PyErr_SetString`): an
    /// exception being handled becomes its `__context__`, as it does for
    /// the C module's. If making the instance fails, the error that
    /// occurred instead.
    pub fn new(exception_type: Bound<'_>, message: &str) -> PyErr {
        let py = exception_type.py();
        match crate::types::str_from(py, message).and_then(|message| exception_type.call(&[&message])) {
            Ok(exception) => {
                chain_to_handled(&exception);
                PyErr::from_instance(exception)
            }
            Err(error) => error,
        }
    }

    /// `exception_type(message)` for a message to format, as
    /// `PyErr_Format` makes one: formatted on the stack when it is short, so
    /// that raising costs no allocation but the exception's own.
    pub fn with_display(exception_type: Bound<'_>, message: impl fmt::Display) -> PyErr {
        let mut text = ShortText::default();
        if fmt::write(&mut text, format_args!("{message}")).is_ok() {
            return PyErr::new(exception_type, text.as_str());
        }
        PyErr::new(exception_type, &message.to_string())
    }

    /// Wraps an exception instance (anything that is not one becomes the
    /// `TypeError` that `raise` would give).
    pub fn from_instance(exception: Bound<'_>) -> PyErr {
        // SAFETY: a valid object; the check only reads its type's flags.
        let is_exception = unsafe { ffi::PyExceptionInstance_Check(exception.as_ptr()) };
        if is_exception {
            PyErr {
                exception: exception.unbind(),
            }
        } else {
            let py = exception.py();
            PyErr::new(
                crate::exceptions::TypeError(py),
                "exceptions must derive from BaseException",
            )
        }
    }

    /// `MemoryError()`, made without allocating (as `PyErr_NoMemory`).
    pub fn no_memory(py: Python<'_>) -> PyErr {
        // SAFETY: sets the error indicator; returns null by contract.
        unsafe { ffi::PyErr_NoMemory() };
        PyErr::fetch(py)
    }

    /// Takes the exception currently set in this thread, leaving none.
    pub fn take(py: Python<'_>) -> Option<PyErr> {
        // SAFETY: the thread is attached (py); the result is a new reference
        // or null when no exception is set.
        let raised = unsafe { raised_exception() };
        NonNull::new(raised).map(|exception| PyErr {
            // SAFETY: a new reference, now ours.
            exception: unsafe { Bound::from_owned_ptr(py, exception) }.unbind(),
        })
    }

    /// Like [`take`](PyErr::take), for when a C API call has reported
    /// failure: if it set no exception (a bug in C code), a `SystemError`
    /// says so rather than losing the failure.
    pub fn fetch(py: Python<'_>) -> PyErr {
        PyErr::take(py)
            .unwrap_or_else(|| PyErr::new(crate::exceptions::SystemError(py), "error return without exception set"))
    }

    /// Sets this exception as the thread's current one, as a C function does
    /// before returning its error value.
    pub fn restore(self, py: Python<'_>) {
        let exception = self.exception.into_bound(py).into_ptr();
        // SAFETY: the thread is attached; the reference is given away.
        unsafe { set_raised_exception(exception) }
    }

    /// The exception instance.
    pub fn value<'py>(&self, py: Python<'py>) -> &Bound<'py> {
        self.exception.bind(py)
    }

    /// `type(exception)`.
    pub fn get_type<'py>(&self, py: Python<'py>) -> Bound<'py> {
        self.value(py).get_type()
    }

    /// Whether the exception is an instance of `exception_type` (a class or
    /// a tuple of them), as an `except` clause decides.
    pub fn matches(&self, py: Python<'_>, exception_type: &Bound<'_>) -> bool {
        // SAFETY: both are valid objects.
        unsafe { ffi::PyErr_GivenExceptionMatches(self.value(py).as_ptr(), exception_type.as_ptr()) != 0 }
    }

    /// `raise self from cause`: sets `__cause__` (and so
    /// `__suppress_context__`), or clears it with `None`.
    pub fn set_cause(&self, py: Python<'_>, cause: Option<PyErr>) {
        let cause = cause.map_or(core::ptr::null_mut(), |cause| cause.exception.into_bound(py).into_ptr());
        // SAFETY: a valid exception; the cause reference (or null) is stolen.
        unsafe { ffi::PyException_SetCause(self.value(py).as_ptr(), cause) }
    }

    /// `__cause__`.
    pub fn cause(&self, py: Python<'_>) -> Option<PyErr> {
        // SAFETY: a valid exception; new reference or null.
        let cause = unsafe { ffi::PyException_GetCause(self.value(py).as_ptr()) };
        // SAFETY: a new reference, now ours.
        NonNull::new(cause).map(|cause| PyErr {
            exception: unsafe { Bound::from_owned_ptr(py, cause) }.unbind(),
        })
    }

    /// Sets `__context__`, the exception being handled when this one was
    /// raised (what `raise` inside `except` records implicitly).
    pub fn set_context(&self, py: Python<'_>, context: Option<PyErr>) {
        let context = context.map_or(core::ptr::null_mut(), |context| {
            context.exception.into_bound(py).into_ptr()
        });
        // SAFETY: a valid exception; the context reference (or null) is stolen.
        unsafe { ffi::PyException_SetContext(self.value(py).as_ptr(), context) }
    }

    /// `__context__`.
    pub fn context(&self, py: Python<'_>) -> Option<PyErr> {
        // SAFETY: a valid exception; new reference or null.
        let context = unsafe { ffi::PyException_GetContext(self.value(py).as_ptr()) };
        // SAFETY: a new reference, now ours.
        NonNull::new(context).map(|context| PyErr {
            exception: unsafe { Bound::from_owned_ptr(py, context) }.unbind(),
        })
    }
}

impl fmt::Debug for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PyErr")
            .field("exception", &self.exception.as_ptr())
            .finish()
    }
}

/// `PyErr_GetRaisedException()`, which 3.11 spells as fetch + normalize.
///
/// # Safety
/// The thread is attached.
unsafe fn raised_exception() -> *mut ffi::PyObject {
    #[cfg(Py_3_12)]
    // SAFETY: the caller's guarantee.
    return unsafe { ffi::PyErr_GetRaisedException() };
    #[cfg(not(Py_3_12))]
    // SAFETY: the caller's guarantee; the three references fetched are
    // consumed: the value is returned, the type and traceback released
    // (the traceback after being attached to the value).
    unsafe {
        let (mut kind, mut value, mut traceback) =
            (core::ptr::null_mut(), core::ptr::null_mut(), core::ptr::null_mut());
        ffi::PyErr_Fetch(&mut kind, &mut value, &mut traceback);
        if kind.is_null() {
            return core::ptr::null_mut();
        }
        ffi::PyErr_NormalizeException(&mut kind, &mut value, &mut traceback);
        if !traceback.is_null() {
            ffi::PyException_SetTraceback(value, traceback);
        }
        ffi::Py_XDECREF(kind);
        ffi::Py_XDECREF(traceback);
        value
    }
}

/// `PyErr_SetRaisedException(exception)`: steals the reference.
///
/// # Safety
/// The thread is attached and `exception` is an owned exception instance.
unsafe fn set_raised_exception(exception: *mut ffi::PyObject) {
    #[cfg(Py_3_12)]
    // SAFETY: the caller's guarantee.
    unsafe {
        ffi::PyErr_SetRaisedException(exception)
    }
    #[cfg(not(Py_3_12))]
    // SAFETY: the caller's guarantee; PyErr_Restore steals all three.
    unsafe {
        let kind = ffi::Py_NewRef(ffi::Py_TYPE(exception).cast());
        let traceback = ffi::PyException_GetTraceback(exception);
        ffi::PyErr_Restore(kind, exception, traceback);
    }
}

/// What `_PyErr_SetObject` does to an exception it raises: the exception
/// being handled, if any, becomes its `__context__`. (C also breaks any
/// cycle that would make; a new exception is in no chain yet.)
fn chain_to_handled(exception: &Bound<'_>) {
    // SAFETY: the thread is attached ('py); a new reference, or null.
    let handled = unsafe { ffi::PyErr_GetHandledException() };
    // SAFETY: a valid exception; SetContext steals the reference to a
    // handled exception, and anything else is given back.
    unsafe {
        if handled.is_null() || handled == ffi::Py_None() {
            ffi::Py_XDECREF(handled);
        } else {
            ffi::PyException_SetContext(exception.as_ptr(), handled);
        }
    }
}

/// A message of at most [`ShortText::CAPACITY`] bytes, written in place.
struct ShortText {
    bytes: [MaybeUninit<u8>; ShortText::CAPACITY],
    len: usize,
}

impl ShortText {
    /// Room for every message of CPython's own modules but the longest.
    const CAPACITY: usize = 256;

    fn as_str(&self) -> &str {
        // SAFETY: `write_str` has initialised the first `len` bytes with
        // whole `str`s, so they are UTF-8.
        unsafe { core::str::from_utf8_unchecked(core::slice::from_raw_parts(self.bytes.as_ptr().cast(), self.len)) }
    }
}

impl Default for ShortText {
    fn default() -> Self {
        ShortText {
            bytes: [MaybeUninit::uninit(); ShortText::CAPACITY],
            len: 0,
        }
    }
}

impl fmt::Write for ShortText {
    fn write_str(&mut self, piece: &str) -> fmt::Result {
        let end = self.len + piece.len();
        let room = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        for (byte, &value) in room.iter_mut().zip(piece.as_bytes()) {
            byte.write(value);
        }
        self.len = end;
        Ok(())
    }
}
