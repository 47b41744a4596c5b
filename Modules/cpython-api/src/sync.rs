//! Critical sections: on free-threaded builds, a per-object lock that
//! CPython's own code takes around operations on mutable built-ins, and that
//! the interpreter releases whenever the thread blocks, so they cannot
//! deadlock. With the GIL they are not needed and cost nothing.

use crate::object::Bound;

/// Runs `body` holding `object`'s critical section (`Py_BEGIN_CRITICAL_SECTION`).
pub fn critical_section<R>(object: &Bound<'_>, body: impl FnOnce() -> R) -> R {
    #[cfg(Py_GIL_DISABLED)]
    {
        let mut section = core::mem::MaybeUninit::<cpython_sys::PyCriticalSection>::uninit();
        // SAFETY: a valid object; the section lives on this frame, is not
        // moved, and is ended by `End` below on every path.
        unsafe { cpython_sys::PyCriticalSection_Begin(section.as_mut_ptr(), object.as_ptr()) };
        let _end = End(section.as_mut_ptr());
        body()
    }
    #[cfg(not(Py_GIL_DISABLED))]
    {
        let _ = object;
        body()
    }
}

/// Ends a critical section when dropped, also when `body` panics.
#[cfg(Py_GIL_DISABLED)]
struct End(*mut cpython_sys::PyCriticalSection);

#[cfg(Py_GIL_DISABLED)]
impl Drop for End {
    fn drop(&mut self) {
        // SAFETY: the section begun in `critical_section`, still on its frame.
        unsafe { cpython_sys::PyCriticalSection_End(self.0) }
    }
}
