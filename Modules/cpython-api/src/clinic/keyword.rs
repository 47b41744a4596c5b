//! Parameter names that can be passed by keyword, and how a keyword
//! argument is matched to one: by pointer against the interned name first,
//! as CPython's `find_keyword` does (the compiler interns the names in a
//! call's `kwnames`), then by value.
//!
//! The interned names are made by the main interpreter on first use and
//! kept (one strong reference each) until it is finalized: a subinterpreter
//! must not see its own objects outlive it in a static. Finalization is
//! noticed through `Py_AtExit`, which bumps a generation number, so a name
//! cached before `Py_Finalize` is never compared with the objects of a
//! later `Py_Initialize` (where its address may have been reused).

use core::ffi::c_char;
use core::ptr;
use core::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};

use cpython_sys as ffi;

use crate::object::Bound;
use crate::python::Python;

/// Counts finalizations of the runtime, from 1; 0 means "never cached".
static RUNTIME_GENERATION: AtomicUsize = AtomicUsize::new(1);
/// Whether the `Py_AtExit` hook is registered for the running runtime.
static AT_EXIT_REGISTERED: AtomicBool = AtomicBool::new(false);

extern "C" fn runtime_finalized() {
    RUNTIME_GENERATION.fetch_add(1, Ordering::AcqRel);
    AT_EXIT_REGISTERED.store(false, Ordering::Release);
}

/// A keyword-capable parameter's name, with its interned `str` once made.
pub struct Keyword {
    name: &'static str,
    /// NUL-terminated copy of `name`, for `PyUnicode_InternFromString`.
    c_name: &'static [u8],
    interned: AtomicPtr<ffi::PyObject>,
    /// The `RUNTIME_GENERATION` in which `interned` was made.
    generation: AtomicUsize,
}

impl Keyword {
    /// `c_name` is `name` followed by a NUL byte (`concat!(name, "\0")`).
    pub const fn new(name: &'static str, c_name: &'static str) -> Keyword {
        assert!(c_name.len() == name.len() + 1 && c_name.as_bytes()[name.len()] == 0);
        Keyword {
            name,
            c_name: c_name.as_bytes(),
            interned: AtomicPtr::new(ptr::null_mut()),
            generation: AtomicUsize::new(0),
        }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The interned name, if this runtime's main interpreter has made it.
    fn cached(&self) -> *mut ffi::PyObject {
        let generation = self.generation.load(Ordering::Acquire);
        if generation == RUNTIME_GENERATION.load(Ordering::Acquire) {
            self.interned.load(Ordering::Acquire)
        } else {
            ptr::null_mut()
        }
    }

    /// The interned name, made now if this is the main interpreter.
    fn interned(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        let cached = self.cached();
        if !cached.is_null() {
            return cached;
        }
        // SAFETY: the thread is attached ('py); both calls only read the
        // runtime's interpreter list.
        if unsafe { ffi::PyInterpreterState_Get() != ffi::PyInterpreterState_Main() } {
            return ptr::null_mut();
        }
        // SAFETY: a NUL-terminated string; a new reference, or null with
        // an exception set.
        let name = unsafe { ffi::PyUnicode_InternFromString(self.c_name.as_ptr().cast::<c_char>()) };
        if name.is_null() {
            // Only a cache: matching by value still works.
            // SAFETY: attached; discards the MemoryError just raised.
            unsafe { ffi::PyErr_Clear() };
            return ptr::null_mut();
        }
        if !AT_EXIT_REGISTERED.swap(true, Ordering::AcqRel) {
            // SAFETY: registers a function that only touches atomics; it
            // fails only when the table of 32 is full, which costs the cache
            // its safety across a re-initialization: then stop caching.
            if unsafe { ffi::Py_AtExit(Some(runtime_finalized)) } != 0 {
                AT_EXIT_REGISTERED.store(false, Ordering::Release);
                // SAFETY: attached; our reference to the new name.
                unsafe { ffi::Py_DecRef(name) };
                return ptr::null_mut();
            }
        }
        // The reference is kept for the life of the runtime. Another thread
        // may have stored the same interned object meanwhile: the cache then
        // holds two references to it, which is harmless.
        self.interned.store(name, Ordering::Release);
        self.generation
            .store(RUNTIME_GENERATION.load(Ordering::Acquire), Ordering::Release);
        name
    }

    /// Whether `keyword` (a `str`) equals this name.
    pub(crate) fn matches_value(&self, keyword: &Bound<'_>) -> bool {
        match crate::types::str_ascii_bytes(keyword) {
            Some(ascii) => ascii == self.name.as_bytes(),
            None => !self.name.is_ascii() && crate::types::str_as_utf8(keyword).is_ok_and(|text| text == self.name),
        }
    }

    /// Whether `keyword` equals this name as C's `PySequence_Contains` on a
    /// parser's `kwtuple` decides it, one item at a time:
    /// `PyObject_RichCompareBool(name, keyword, Py_EQ)`, where a `str`
    /// subclass's `__eq__` answers first, and may raise.
    pub(crate) fn compares_equal(&self, py: Python<'_>, keyword: &Bound<'_>) -> crate::PyResult<bool> {
        let name = self.as_object(py)?;
        // SAFETY: valid objects and a comparison operator; -1 with an
        // exception set on failure.
        match unsafe { ffi::PyObject_RichCompareBool(name.as_ptr(), keyword.as_ptr(), ffi::Py_EQ) } {
            -1 => Err(crate::PyErr::fetch(py)),
            result => Ok(result == 1),
        }
    }

    /// The position in `names` (a call's keyword names, all `str`) of this
    /// name: by pointer first, then by value.
    pub(crate) fn find_in(&self, py: Python<'_>, names: &[Bound<'_>]) -> Option<usize> {
        let interned = self.interned(py);
        if !interned.is_null()
            && let Some(index) = names.iter().position(|name| name.as_ptr() == interned)
        {
            return Some(index);
        }
        names.iter().position(|name| self.matches_value(name))
    }

    /// The name as a `str` object, to look it up in a dict.
    pub(crate) fn as_object<'py>(&self, py: Python<'py>) -> crate::PyResult<Bound<'py>> {
        let interned = self.interned(py);
        match core::ptr::NonNull::new(interned) {
            // SAFETY: the cache holds a reference for the runtime's life.
            Some(interned) => Ok(unsafe { Bound::from_borrowed_ptr(py, interned) }),
            None => crate::types::str_from(py, self.name),
        }
    }
}
