//! The buffer protocol (PEP 3118), as a consumer: the bytes of `bytes`,
//! `bytearray`, `memoryview`, `array` and any other exporter.
//!
//! Who else may write the bytes decides how they can be read. A read-only
//! export (`bytes`) never changes while held, so it is lent as `&[u8]`. A
//! writable one (`bytearray`) cannot be resized while exported, but its
//! bytes can be written in place: by this thread if the code that reads
//! them calls back into Python, and on free-threaded builds by any other
//! thread at any time. [`Buffer::with_bytes`] says what it does about that.

use core::ffi::c_int;
use core::marker::PhantomData;
use core::mem::MaybeUninit;

use cpython_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::object::Bound;
use crate::python::Python;

/// An exported buffer, released when dropped.
pub struct Buffer<'py> {
    view: ffi::Py_buffer,
    _py: PhantomData<Python<'py>>,
}

impl<'py> Buffer<'py> {
    /// `PyObject_GetBuffer(object, PyBUF_SIMPLE)`: the object's bytes, which
    /// such a request guarantees to be one C-contiguous run; the exporter's
    /// `TypeError` (e.g. "a bytes-like object is required, not 'str'") if
    /// it has none.
    pub fn get(object: &Bound<'py>) -> PyResult<Buffer<'py>> {
        Buffer::get_with_flags(object, ffi::PyBUF_SIMPLE as c_int)
    }

    /// `PyObject_GetBuffer(object, flags)`, for the requests of
    /// `PyBUF_*` other than the simple one.
    pub fn get_with_flags(object: &Bound<'py>, flags: c_int) -> PyResult<Buffer<'py>> {
        let mut view = MaybeUninit::<ffi::Py_buffer>::zeroed();
        // SAFETY: a valid object and a buffer struct to fill; on success the
        // view holds an export that `drop` releases.
        if unsafe { ffi::PyObject_GetBuffer(object.as_ptr(), view.as_mut_ptr(), flags) } != 0 {
            return Err(PyErr::fetch(object.py()));
        }
        // SAFETY: filled by the successful call.
        Ok(Buffer {
            view: unsafe { view.assume_init() },
            _py: PhantomData,
        })
    }

    pub fn len(&self) -> usize {
        self.view.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the exporter forbids writing (as `bytes` does).
    pub fn is_readonly(&self) -> bool {
        self.view.readonly != 0
    }

    /// Whether the bytes are one C-contiguous run (always so for a
    /// `PyBUF_SIMPLE` request).
    pub fn is_c_contiguous(&self) -> bool {
        // SAFETY: a filled view.
        unsafe { ffi::PyBuffer_IsContiguous(&self.view, b'C' as core::ffi::c_char) != 0 }
    }

    /// The bytes of a read-only export, which nobody can change while it is
    /// held; `None` for a writable one.
    pub fn as_immutable(&self) -> Option<&[u8]> {
        (self.is_readonly() && self.is_c_contiguous()).then(|| {
            // SAFETY: a contiguous, read-only export of `len` bytes, alive and
            // unchanged until `self` releases it.
            unsafe { self.raw_bytes() }
        })
    }

    /// Runs `read` on the bytes (which must be C-contiguous: see
    /// [`Buffer::get`]).
    ///
    /// A read-only export is lent as it is. A writable one is lent as it is
    /// when the interpreter has a GIL, which this thread holds: no other
    /// thread can write it meanwhile, and `read` cannot run Python code that
    /// would, as it must be `Send`, which no `Python` token or `Bound` is.
    /// On free-threaded builds
    /// another thread could write it at any moment, so `read` gets a copy
    /// taken byte by byte with atomic loads: a snapshot that may mix old
    /// and new bytes, as the C code reading the same buffer would see,
    /// without the data race.
    pub fn with_bytes<R>(&self, read: impl FnOnce(&[u8]) -> R + Send) -> R {
        assert!(self.is_c_contiguous(), "Buffer::with_bytes needs a C-contiguous export");
        if let Some(bytes) = self.as_immutable() {
            return read(bytes);
        }
        #[cfg(not(Py_GIL_DISABLED))]
        // SAFETY: contiguous, `len` bytes, held; with the GIL held by this
        // thread and no way for `read` to run Python code, nothing writes
        // them meanwhile.
        return read(unsafe { self.raw_bytes() });
        #[cfg(Py_GIL_DISABLED)]
        return read(&self.atomic_snapshot());
    }

    /// A copy of the bytes, safe against concurrent writers.
    #[cfg(Py_GIL_DISABLED)]
    fn atomic_snapshot(&self) -> Vec<u8> {
        use core::sync::atomic::{AtomicU8, Ordering};
        let start = self.view.buf.cast::<u8>();
        (0..self.len())
            .map(|index| {
                // SAFETY: in bounds of the held export; others only write
                // these bytes, so atomic reads of them race with nothing.
                unsafe { AtomicU8::from_ptr(start.add(index)) }.load(Ordering::Relaxed)
            })
            .collect()
    }

    /// # Safety
    /// The export is C-contiguous and nobody writes it while the slice lives.
    unsafe fn raw_bytes(&self) -> &[u8] {
        if self.view.len == 0 {
            return &[];
        }
        // SAFETY: the caller's guarantee; `buf` points to `len` bytes.
        unsafe { core::slice::from_raw_parts(self.view.buf.cast::<u8>(), self.len()) }
    }
}

impl Drop for Buffer<'_> {
    fn drop(&mut self) {
        // SAFETY: the view holds an export taken by PyObject_GetBuffer and
        // not yet released; the thread is attached ('py).
        unsafe { ffi::PyBuffer_Release(&mut self.view) }
    }
}
