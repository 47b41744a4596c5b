//! Where C calls into Rust: every entry point runs its body through
//! [`run_object`] or [`run_status`], which supply the [`Python`] token, turn
//! the `PyResult` into C's convention (a value, or an error value with the
//! exception set) and stop panics at the boundary, raising `SystemError`
//! with the panic's message and location instead. No panic unwinds into C.
//!
//! A panic caught here is reported once, by that exception: the panic hook
//! stays quiet for it (it still prints panics outside these entry points).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use core::ffi::c_int;

use crate::err::{PyErr, PyResult};
use crate::module::{TraverseError, Visit};
use crate::object::Bound;
use crate::python::Python;

/// Runs the body of an entry point that returns an object: a new
/// reference, or null with an exception set.
///
/// # Safety
/// The calling thread has an attached thread state (true of every call the
/// interpreter makes into an extension's functions and slots).
pub unsafe fn run_object<F>(body: F) -> *mut cpython_sys::PyObject
where
    F: for<'py> FnOnce(Python<'py>) -> PyResult<Bound<'py>>,
{
    // SAFETY: the caller's guarantee, for the duration of this call.
    let py = unsafe { Python::assume_attached() };
    guard(py, core::ptr::null_mut(), || body(py).map(Bound::into_ptr))
}

/// Runs the body of an entry point where null without an exception means
/// "no value" (`tp_iternext`: the iteration is over).
///
/// # Safety
/// As for [`run_object`].
pub unsafe fn run_optional_object<F>(body: F) -> *mut cpython_sys::PyObject
where
    F: for<'py> FnOnce(Python<'py>) -> PyResult<Option<Bound<'py>>>,
{
    // SAFETY: the caller's guarantee, for the duration of this call.
    let py = unsafe { Python::assume_attached() };
    guard(py, core::ptr::null_mut(), || {
        Ok(body(py)?.map_or(core::ptr::null_mut(), Bound::into_ptr))
    })
}

/// Runs the body of an entry point that returns 0, or -1 with an exception
/// set (`Py_mod_exec`, `tp_init`, setters, ...).
///
/// # Safety
/// As for [`run_object`].
pub unsafe fn run_status<F>(body: F) -> c_int
where
    F: for<'py> FnOnce(Python<'py>) -> PyResult<()>,
{
    // SAFETY: the caller's guarantee, for the duration of this call.
    let py = unsafe { Python::assume_attached() };
    guard(py, -1, || body(py).map(|()| 0))
}

/// Returns what `body` produced, or sets its error (or the panic, as
/// `SystemError`) and returns `error_value`.
///
/// It keeps no thread-local mark of its own for the panic hook (a call to
/// `__tls_get_addr` on every call from Python, about 2 ns): the hook knows
/// a panic it will catch by the thread being attached ([`caught_by_guard`]).
fn guard<T>(py: Python<'_>, error_value: T, body: impl FnOnce() -> PyResult<T>) -> T {
    // The body only borrows data owned by the interpreter or by this call;
    // if it panics half-way, what it leaves is dropped or reported below,
    // never used again, so unwind safety holds.
    let outcome = crate::python::with_attachment(true, || catch_unwind(AssertUnwindSafe(body)));
    let error = match outcome {
        Ok(Ok(value)) => return value,
        Ok(Err(error)) => error,
        Err(payload) => panic_to_exception(py, payload.as_ref()),
    };
    error.restore(py);
    error_value
}

/// Runs the body of a callback that has no way to report an error (a
/// deallocator, a GC clear): a failure or panic is reported through
/// `sys.unraisablehook`, as CPython does for errors in `__del__`.
///
/// # Safety
/// As for [`run`]; `context` is a valid object or null.
pub unsafe fn run_unraisable<F>(context: *mut cpython_sys::PyObject, body: F)
where
    F: for<'py> FnOnce(Python<'py>) -> PyResult<()>,
{
    // SAFETY: the caller's guarantee, for the duration of this call.
    let py = unsafe { Python::assume_attached() };
    if guard(py, false, || body(py).map(|()| true)) {
        return;
    }
    // SAFETY: guard set an exception; `context` is valid or null.
    unsafe { cpython_sys::PyErr_WriteUnraisable(context) }
}

/// Runs the body of a garbage collector traversal (`tp_traverse`,
/// `m_traverse`) with a visitor made from the collector's arguments, and
/// returns what the collector expects: 0, or the visitor's non-zero result.
/// A traversal cannot report an error, so a panic ends it with -1 instead
/// of unwinding into the collector.
pub(crate) fn run_traverse(
    visit: cpython_sys::visitproc,
    arg: *mut core::ffi::c_void,
    body: impl FnOnce(&mut Visit<'_>) -> Result<(), TraverseError>,
) -> c_int {
    let mut visitor = Visit::new(visit, arg);
    // Attached, but not in `guard`: the hook prints a panic here.
    let outer = UNGUARDED.replace(true);
    let outcome = crate::python::with_attachment(true, || catch_unwind(AssertUnwindSafe(|| body(&mut visitor))));
    UNGUARDED.set(outer);
    match outcome {
        Ok(Ok(())) => 0,
        Ok(Err(error)) => error.code(),
        Err(_) => -1,
    }
}

thread_local! {
    /// Whether this thread runs Rust code attached but outside `guard` (a
    /// garbage collector traversal).
    static UNGUARDED: Cell<bool> = const { Cell::new(false) };
    /// Whether this thread runs work that `guard`'s body detached
    /// ([`Python::allow_threads`]).
    static DETACHED_IN_GUARD: Cell<bool> = const { Cell::new(false) };
    /// Where the panic being unwound started, as the hook saw it.
    static PANIC_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Chains a hook in front of the current one that, for panics `guard` will
/// catch, only records where they happened. Called when a module is
/// initialized, before any of its entry points can run (not by `guard`,
/// which every call from Python goes through).
pub(crate) fn install_quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if caught_by_guard() {
                PANIC_LOCATION.set(info.location().map(ToString::to_string));
            } else {
                previous(info);
            }
        }));
    });
}

/// Whether a panic now, on this thread, will be caught by `guard` and
/// reported by its exception. Every call from the interpreter into this
/// library's Rust code goes through `guard` with the thread attached, and
/// a Python token, needed to detach, exists only inside it: so an attached
/// thread is in `guard` unless a traversal says otherwise, and a detached
/// one only while `allow_threads` runs its work.
fn caught_by_guard() -> bool {
    if UNGUARDED.get() {
        return false;
    }
    DETACHED_IN_GUARD.get() || crate::python::is_attached()
}

/// Runs `work`, which `guard`'s body runs detached, marked for the panic
/// hook as inside `guard` still.
pub(crate) fn detached_in_guard<T>(work: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            DETACHED_IN_GUARD.set(self.0);
        }
    }
    let _restore = Restore(DETACHED_IN_GUARD.replace(true));
    work()
}

fn panic_to_exception(py: Python<'_>, payload: &(dyn Any + Send)) -> PyErr {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("panic with a non-string payload");
    let text = match PANIC_LOCATION.take() {
        Some(location) => format!("Rust code panicked at {location}: {message}"),
        None => format!("Rust code panicked: {message}"),
    };
    PyErr::new(crate::exceptions::SystemError(py), &text)
}
