//! The token that proves the current thread may use the C API.

use core::marker::PhantomData;

/// Proof that the current thread has an attached thread state: it holds the
/// GIL, or on free-threaded builds is attached to the interpreter. Almost
/// every C API call needs one; safe code can only get it at an entry point
/// called by the interpreter, so it cannot outlive the call ('py).
///
/// Neither `Send` nor `Sync`: the state belongs to this thread.
#[derive(Clone, Copy)]
pub struct Python<'py> {
    _attached: PhantomData<(&'py (), *mut ())>,
}

impl<'py> Python<'py> {
    /// # Safety
    /// The calling thread has an attached thread state for all of 'py.
    #[inline(always)]
    pub unsafe fn assume_attached() -> Python<'py> {
        Python { _attached: PhantomData }
    }
}

/// Whether the current thread has an attached thread state.
#[cfg(Py_3_12)]
pub(crate) fn is_attached() -> bool {
    #[cfg(Py_3_13)]
    // SAFETY: only reads this thread's current-state pointer.
    let state = unsafe { cpython_sys::PyThreadState_GetUnchecked() };
    #[cfg(not(Py_3_13))]
    // SAFETY: as above; the same function under its pre-3.13 name.
    let state = unsafe { cpython_sys::_PyThreadState_UncheckedGet() };
    !state.is_null()
}

/// Whether the current thread has an attached thread state. 3.11's current
/// state is the one of whichever thread holds the GIL, whatever thread
/// asks, so there the entry points keep a mark of their own
/// ([`with_attachment`]).
#[cfg(not(Py_3_12))]
pub(crate) fn is_attached() -> bool {
    ATTACHED.get()
}

#[cfg(not(Py_3_12))]
thread_local! {
    static ATTACHED: core::cell::Cell<bool> = const { core::cell::Cell::new(false) };
}

/// Runs `body` with this thread marked attached or not, for
/// [`is_attached`] on 3.11 (later versions ask the interpreter instead).
#[inline(always)]
pub(crate) fn with_attachment<T>(attached: bool, body: impl FnOnce() -> T) -> T {
    #[cfg(not(Py_3_12))]
    {
        struct Restore(bool);
        impl Drop for Restore {
            fn drop(&mut self) {
                ATTACHED.set(self.0);
            }
        }
        let _restore = Restore(ATTACHED.replace(attached));
        body()
    }
    #[cfg(Py_3_12)]
    {
        let _ = attached;
        body()
    }
}

impl<'py> Python<'py> {
    /// `None`.
    pub fn none(self) -> crate::Bound<'py> {
        // SAFETY: None lives as long as the interpreter.
        unsafe { self.singleton(cpython_sys::Py_None()) }
    }

    /// `NotImplemented`, what a binary operation returns for operands it
    /// does not handle.
    pub fn not_implemented(self) -> crate::Bound<'py> {
        // SAFETY: NotImplemented lives as long as the interpreter.
        unsafe { self.singleton(cpython_sys::Py_NotImplemented()) }
    }

    /// `True` or `False`.
    pub fn bool(self, value: bool) -> crate::Bound<'py> {
        let object = if value {
            cpython_sys::Py_True()
        } else {
            cpython_sys::Py_False()
        };
        // SAFETY: True and False live as long as the interpreter.
        unsafe { self.singleton(object) }
    }

    /// A reference to one of the interpreter's singletons, as C's
    /// `Py_RETURN_NONE` makes it: since 3.12 they are immortal, so none is
    /// counted (and dropping it leaves the count alone too); before, a new
    /// reference.
    ///
    /// # Safety
    /// `object` is a static singleton of the interpreter (None, True, ...).
    #[inline(always)]
    unsafe fn singleton(self, object: *mut cpython_sys::PyObject) -> crate::Bound<'py> {
        // SAFETY: the caller's guarantee: not null.
        let object = unsafe { core::ptr::NonNull::new_unchecked(object) };
        #[cfg(Py_3_12)]
        // SAFETY: an immortal object, whose count nothing needs.
        return unsafe { crate::Bound::from_owned_ptr(self, object) };
        #[cfg(not(Py_3_12))]
        // SAFETY: a valid object and an attached thread state.
        return unsafe { crate::Bound::from_borrowed_ptr(self, object) };
    }
}

impl Python<'_> {
    /// Runs `work` with this thread's state detached
    /// (`Py_BEGIN_ALLOW_THREADS` ... `Py_END_ALLOW_THREADS`), so that other
    /// threads can run Python code meanwhile: for long computations on data
    /// nobody else can change, such as an immutable buffer.
    ///
    /// `work` must be `Send`, which keeps the token and every `Bound` out
    /// of it: no C API call can happen while detached. The state is
    /// reattached even if `work` panics.
    pub fn allow_threads<T>(self, work: impl FnOnce() -> T + Send) -> T {
        struct Reattach(*mut cpython_sys::PyThreadState);
        impl Drop for Reattach {
            fn drop(&mut self) {
                // SAFETY: the state this thread detached below, reattached
                // once, on this thread.
                unsafe { cpython_sys::PyEval_RestoreThread(self.0) }
            }
        }
        // SAFETY: the token proves this thread has an attached state, which
        // the guard gives back before the token can be used again.
        let _reattach = Reattach(unsafe { cpython_sys::PyEval_SaveThread() });
        with_attachment(false, || crate::entry::detached_in_guard(work))
    }
}
