//! The buffer protocol (PEP 3118), as a consumer: the bytes of `bytes`,
//! `bytearray`, `memoryview`, `array` and any other exporter.
//!
//! Who else may write the bytes decides how they can be read. The bytes of
//! an immutable object (`bytes`, `str`) never change, so they are lent as
//! `&[u8]`. Any other export (a `bytearray`, or a read-only `memoryview` of
//! one) cannot be resized while exported, but its bytes can be written in
//! place: by this thread if the code that reads them calls back into
//! Python, and on free-threaded builds by any other thread at any time. [`Buffer::with_bytes`] says what it does about that.

use core::ffi::c_int;
use core::marker::PhantomData;
use core::mem::MaybeUninit;
use std::borrow::Cow;
use std::ops::ControlFlow;

use cpython_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::object::Bound;
use crate::python::Python;
use crate::shared_bytes::{copy_shared, load_shared};

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
    #[inline(always)]
    pub fn get(object: &Bound<'py>) -> PyResult<Buffer<'py>> {
        let mut buffer = Buffer::unfilled(object.py());
        buffer.fill(object)?;
        Ok(buffer)
    }

    /// `PyObject_GetBuffer(object, flags)`, for the requests of
    /// `PyBUF_*` other than the simple one.
    #[inline(always)]
    pub fn get_with_flags(object: &Bound<'py>, flags: c_int) -> PyResult<Buffer<'py>> {
        let mut buffer = Buffer::unfilled(object.py());
        buffer.fill_with_flags(object, flags)?;
        Ok(buffer)
    }

    /// A buffer that holds no export (and no bytes) until [`Buffer::fill`]
    /// fills it where it lies.
    ///
    /// That is how cpython-clinic's generated code takes a `Py_buffer`
    /// argument, as C's does: a view moved right after it was written
    /// stalls the CPU (the writer's 8-byte stores cannot be forwarded to
    /// the wider loads of a move), which costs more than the rest of a
    /// call on short data.
    #[inline(always)]
    pub fn unfilled(_py: Python<'py>) -> Buffer<'py> {
        Buffer {
            view: ffi::Py_buffer {
                buf: core::ptr::null_mut(),
                obj: core::ptr::null_mut(),
                len: 0,
                itemsize: 1,
                readonly: 1,
                ndim: 1,
                format: core::ptr::null_mut(),
                shape: core::ptr::null_mut(),
                strides: core::ptr::null_mut(),
                suboffsets: core::ptr::null_mut(),
                internal: core::ptr::null_mut(),
            },
            _py: PhantomData,
        }
    }

    /// [`Buffer::get`] in place: releases what this buffer held, then
    /// holds `object`'s export (or nothing, after an error).
    #[inline(always)]
    pub fn fill(&mut self, object: &Bound<'py>) -> PyResult<()> {
        // SAFETY: a valid object; only its type pointer is compared.
        if unsafe { ffi::Py_IS_TYPE(object.as_ptr(), &raw mut ffi::PyBytes_Type) } {
            self.fill_with_bytes(object);
            return Ok(());
        }
        self.fill_with_flags(object, ffi::PyBUF_SIMPLE as c_int)
    }

    /// The view `bytes`' own `bf_getbuffer` gives a simple request
    /// (`PyBuffer_FillInfo` of its bytes, read-only), written here rather
    /// than by a call: most arguments are `bytes`.
    #[inline(always)]
    fn fill_with_bytes(&mut self, bytes: &Bound<'py>) {
        self.release();
        let object = bytes.as_ptr();
        // SAFETY: an exact `bytes`, whose data and size never change; the new
        // reference keeps them alive until the view is released (bytes have
        // no `bf_releasebuffer` for PyBuffer_Release to call).
        unsafe {
            self.view.buf = ffi::PyBytes_AS_STRING(object).cast();
            self.view.obj = ffi::Py_NewRef(object);
            self.view.len = ffi::Py_SIZE(object);
        }
        self.view.itemsize = 1;
        self.view.readonly = 1;
        self.view.ndim = 1;
        self.view.format = core::ptr::null_mut();
        self.view.shape = core::ptr::null_mut();
        self.view.strides = core::ptr::null_mut();
        self.view.suboffsets = core::ptr::null_mut();
        self.view.internal = core::ptr::null_mut();
    }

    /// [`Buffer::get_with_flags`] in place, as [`Buffer::fill`].
    #[inline(always)]
    pub fn fill_with_flags(&mut self, object: &Bound<'py>, flags: c_int) -> PyResult<()> {
        self.release();
        // SAFETY: a valid object and a released view to fill; on success the
        // view holds an export that `drop` releases.
        if unsafe { ffi::PyObject_GetBuffer(object.as_ptr(), &mut self.view, flags) } != 0 {
            // A failed request leaves nothing to release (an exporter that
            // fails resets `obj`; this makes sure).
            self.view.obj = core::ptr::null_mut();
            self.view.len = 0;
            return Err(PyErr::fetch(object.py()));
        }
        Ok(())
    }

    /// Gives the export back, if any, leaving an empty view.
    #[inline(always)]
    fn release(&mut self) {
        let exporter = self.view.obj;
        if exporter.is_null() {
            return;
        }
        // SAFETY: a held view's `obj` is a live object.
        if unsafe { exports_immutable_bytes_itself(exporter) } {
            // What PyBuffer_Release does for a type without
            // `bf_releasebuffer`, without a call: most arguments are `bytes`.
            self.view.obj = core::ptr::null_mut();
            // SAFETY: the reference the view held; the thread is attached.
            unsafe { ffi::Py_DECREF(exporter) }
        } else {
            // SAFETY: a view not yet released; the thread is attached ('py).
            unsafe { ffi::PyBuffer_Release(&mut self.view) }
        }
        self.view.len = 0;
    }

    /// Holds a read-only view of the UTF-8 of a `str` and a reference to it,
    /// as getargs' `s*` makes of a `str`, in place of what it held;
    /// `UnicodeEncodeError` for a lone surrogate, which UTF-8 cannot hold.
    pub fn fill_with_str_utf8(&mut self, text: &Bound<'py>) -> PyResult<()> {
        self.release();
        let utf8 = crate::types::str_as_utf8(text)?;
        // The view takes a new reference to the str, which `drop` gives back.
        // SAFETY: a released view to fill, and the UTF-8 CPython caches in the
        // str, unchanged while it lives (far below `Py_ssize_t::MAX` bytes).
        let filled = unsafe {
            ffi::PyBuffer_FillInfo(
                &mut self.view,
                text.as_ptr(),
                utf8.as_ptr().cast_mut().cast(),
                utf8.len() as ffi::Py_ssize_t,
                1,
                ffi::PyBUF_SIMPLE as c_int,
            )
        };
        if filled != 0 {
            self.view.obj = core::ptr::null_mut();
            return Err(PyErr::fetch(text.py()));
        }
        Ok(())
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
    #[inline]
    pub fn is_c_contiguous(&self) -> bool {
        // What PyBuffer_IsContiguous decides first, without a call: a view
        // without strides (every simple request's) is one run.
        if self.view.suboffsets.is_null() && (self.view.strides.is_null() || self.view.len == 0) {
            return true;
        }
        // SAFETY: a filled view.
        unsafe { ffi::PyBuffer_IsContiguous(&self.view, b'C' as core::ffi::c_char) != 0 }
    }

    /// The bytes of an export that nobody can change while it is held: one
    /// made by a `bytes` or a `str` itself (not a subclass, whose
    /// `__buffer__` may lend anything) or by a `memoryview` of one, or an
    /// empty one; `None` otherwise.
    ///
    /// The read-only flag proves nothing: a read-only `memoryview` of a
    /// `bytearray` is read-only for its holder, yet the `bytearray`'s owner
    /// may write it at any time, from another thread on free-threaded builds.
    pub fn as_immutable(&self) -> Option<&[u8]> {
        (self.is_immutable() && self.is_c_contiguous()).then(|| {
            // SAFETY: a contiguous export of `len` bytes from an immutable
            // object, alive and unchanged until `self` releases it.
            unsafe { self.raw_bytes() }
        })
    }

    fn is_immutable(&self) -> bool {
        let exporter = self.view.obj;
        if self.view.len == 0 {
            return true;
        }
        // SAFETY: a held view's `obj` is null or an object it keeps alive.
        !exporter.is_null() && unsafe { exports_immutable_bytes(exporter) }
    }

    /// Runs `read` on the bytes (which must be C-contiguous: see
    /// [`Buffer::get`]), all at once.
    ///
    /// The bytes of an immutable object are lent as they are (see
    /// [`Buffer::as_immutable`]). Any other export's are lent as they are
    /// when the interpreter has a GIL, which this thread holds: no other
    /// thread can write it meanwhile, and `read` cannot run Python code that
    /// would, as it must be `Send`, which no `Python` token or `Bound` is.
    /// On free-threaded builds another thread could write it at any moment,
    /// so `read` gets a copy (see [`crate::shared_bytes`]), and `MemoryError`
    /// if there is no room for one: prefer [`Buffer::read_pieces`], which
    /// needs no copy of the whole.
    pub fn with_bytes<R>(&self, read: impl FnOnce(&[u8]) -> R + Send) -> PyResult<R> {
        assert!(self.is_c_contiguous(), "Buffer::with_bytes needs a C-contiguous export");
        if self.is_immutable() || cfg!(not(Py_GIL_DISABLED)) {
            // SAFETY: contiguous, `len` bytes, held; immutable, or with the
            // GIL held by this thread and no way for `read` to run Python
            // code, nothing writes them meanwhile.
            return Ok(read(unsafe { self.raw_bytes() }));
        }
        Ok(read(&self.to_vec()?))
    }

    /// A new `bytes` written from the bytes (C-contiguous, as for
    /// [`Buffer::with_bytes`]) in two passes, for an encoder that sizes its
    /// result before it writes it: `bound` gives at most how long the result
    /// is (`None`: too long, `MemoryError`), then `write` writes it into
    /// that many bytes and returns the part it wrote, as for
    /// [`crate::types::bytes_with_capacity`].
    ///
    /// Both passes must see the same bytes. With a GIL, held by this
    /// thread, they do with no copy: between them only the result is
    /// allocated, which runs no Python code, and the passes cannot run any
    /// (they must be `Send`). On free-threaded builds another thread could
    /// write a writable export between the passes, so they read a copy
    /// (on the stack when short).
    pub fn bytes_from_two_passes(
        &self,
        py: Python<'py>,
        bound: impl FnOnce(&[u8]) -> Option<usize> + Send,
        write: impl for<'b> FnOnce(&[u8], &'b mut [MaybeUninit<u8>]) -> &'b [u8] + Send,
    ) -> PyResult<Bound<'py>> {
        assert!(
            self.is_c_contiguous(),
            "Buffer::bytes_from_two_passes needs a C-contiguous export"
        );
        let passes = |input: &[u8]| {
            let capacity = bound(input).ok_or_else(|| PyErr::no_memory(py))?;
            crate::types::bytes_with_capacity(py, capacity, |output| Ok(write(input, output)))
        };
        if self.is_immutable() || cfg!(not(Py_GIL_DISABLED)) {
            // SAFETY: contiguous `len` bytes of a held export; immutable, or
            // with the GIL held by this thread and nothing that runs Python
            // code between or inside the passes, nothing writes them.
            return passes(unsafe { self.raw_bytes() });
        }
        if self.len() <= SHORT_COPY {
            let mut copy = [MaybeUninit::uninit(); SHORT_COPY];
            // SAFETY: contiguous `len` bytes of a held export, which stay
            // allocated while `self` lives.
            return passes(unsafe { load_shared(self.view.buf.cast::<u8>(), &mut copy[..self.len()]) });
        }
        passes(&self.to_vec()?)
    }

    /// Runs `read` on the bytes (C-contiguous, as for
    /// [`Buffer::with_bytes`]) in order, in one or more consecutive pieces,
    /// until it breaks; every piece but the last is a multiple of `granule`
    /// bytes long (at most [`MAX_GRANULE`]).
    ///
    /// Where [`Buffer::with_bytes`] would lend the bytes as they are, this
    /// is one piece. On free-threaded builds a writable export is read a
    /// few KiB at a time into a buffer on the stack: memory stays constant
    /// whatever the size of the input.
    pub fn read_pieces<B>(&self, granule: usize, read: impl FnMut(&[u8]) -> ControlFlow<B> + Send) -> ControlFlow<B> {
        self.read_pieces_aligned(0, granule, read)
    }

    /// As [`Buffer::read_pieces`], but every piece but the last ends `lead`
    /// bytes (less than `granule`) past a multiple of `granule`.
    pub fn read_pieces_aligned<B>(
        &self,
        lead: usize,
        granule: usize,
        read: impl FnMut(&[u8]) -> ControlFlow<B> + Send,
    ) -> ControlFlow<B> {
        assert!(
            self.is_c_contiguous(),
            "Buffer::read_pieces needs a C-contiguous export"
        );
        assert!(
            (1..=MAX_GRANULE).contains(&granule) && lead < granule,
            "Buffer::read_pieces: granule or lead out of range"
        );
        if self.is_immutable() || cfg!(not(Py_GIL_DISABLED)) {
            let mut read = read;
            // SAFETY: as in `with_bytes`.
            return read(unsafe { self.raw_bytes() });
        }
        // SAFETY: contiguous `len` bytes of a held export, which stay
        // allocated while `self` lives.
        unsafe { read_shared_pieces(self.view.buf.cast::<u8>(), self.len(), lead, granule, read) }
    }

    /// A copy of the bytes (read as [`Buffer::with_bytes`] reads them);
    /// `MemoryError` if there is no room for it.
    pub fn to_vec(&self) -> PyResult<Vec<u8>> {
        assert!(self.is_c_contiguous(), "Buffer::to_vec needs a C-contiguous export");
        // SAFETY: contiguous `len` bytes of a held export; with the GIL,
        // held by this thread, nothing writes them during the copy.
        unsafe { copy_shared(self.view.buf.cast::<u8>(), self.len()) }.map_err(|_| self.no_memory())
    }

    fn no_memory(&self) -> PyErr {
        // SAFETY: the buffer is only used by an attached thread ('py).
        PyErr::no_memory(unsafe { Python::assume_attached() })
    }

    /// The bytes of a C-contiguous export, for as long as the exporter
    /// lives rather than as long as the export: borrowed if the exporter is
    /// immutable, else a copy taken as [`Buffer::with_bytes`] reads them
    /// (someone may write them while the caller holds the result), or
    /// `MemoryError`.
    ///
    /// # Safety
    /// `_exporter` made this export and its type has no `bf_releasebuffer`
    /// (see [`releases_exports`]): such an exporter pins nothing for an
    /// export, so its bytes stay where they are, and unchanged if read-only,
    /// as long as it lives. getargs' `y#` and `s#` rely on the same when
    /// they keep the pointer after releasing the view.
    pub(crate) unsafe fn into_exporter_bytes<'a>(self, _exporter: &'a Bound<'py>) -> PyResult<Cow<'a, [u8]>> {
        assert!(
            self.is_c_contiguous(),
            "Buffer::into_exporter_bytes needs a C-contiguous export"
        );
        if !self.is_immutable() {
            return self.to_vec().map(Cow::Owned);
        }
        if self.is_empty() {
            return Ok(Cow::Borrowed(&[]));
        }
        // SAFETY: contiguous and read-only; valid and unchanged while the
        // exporter, borrowed for 'a, lives (the caller's guarantee).
        Ok(Cow::Borrowed(unsafe {
            core::slice::from_raw_parts(self.view.buf.cast::<u8>(), self.len())
        }))
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

/// Whether `object`'s type must be told when an export of its ends
/// (`bf_releasebuffer`), as `bytearray`, `memoryview` and `array` must:
/// their bytes are pinned only while exported.
pub(crate) fn releases_exports(object: &Bound<'_>) -> bool {
    // SAFETY: a live object's type is valid; its buffer slots, if any, are
    // set when it is created and not changed after.
    unsafe {
        let procs = (*ffi::Py_TYPE(object.as_ptr())).tp_as_buffer;
        !procs.is_null() && (*procs).bf_releasebuffer.is_some()
    }
}

/// Whether the bytes `exporter` lends can never change: it is a `bytes` or
/// a `str` itself (not a subclass, whose `__buffer__` may lend anything),
/// or a `memoryview` of one.
///
/// # Safety
/// `exporter` is a live object.
unsafe fn exports_immutable_bytes(exporter: *mut ffi::PyObject) -> bool {
    // SAFETY: the caller's guarantee.
    if unsafe { exports_immutable_bytes_itself(exporter) } {
        return true;
    }
    // SAFETY: as above.
    if !unsafe { ffi::Py_IS_TYPE(exporter, &raw mut ffi::PyMemoryView_Type) } {
        return false;
    }
    // A memoryview's managed buffer is set when it is made and outlives it;
    // its `master` export holds the object the bytes come from (for a
    // memoryview of a memoryview, the first one's).
    // SAFETY: a memoryview, which cannot be released while it is exported,
    // as here: its managed buffer and master export are valid.
    let source = unsafe { (*(*exporter.cast::<ffi::PyMemoryViewObject>()).mbuf).master.obj };
    // SAFETY: the master export holds its object alive.
    !source.is_null() && unsafe { exports_immutable_bytes_itself(source) }
}

/// Whether `object` is a `bytes` or a `str` itself (not a subclass), whose
/// exports lend bytes that never change and need no release.
///
/// # Safety
/// `object` is a live object.
#[inline(always)]
unsafe fn exports_immutable_bytes_itself(object: *mut ffi::PyObject) -> bool {
    // SAFETY: the caller's guarantee; only type pointers are compared.
    unsafe {
        ffi::Py_IS_TYPE(object, &raw mut ffi::PyBytes_Type) || ffi::Py_IS_TYPE(object, &raw mut ffi::PyUnicode_Type)
    }
}

/// Inputs of [`Buffer::bytes_from_two_passes`] up to this long are copied
/// to the stack when they must be copied: on the heap the copy would cost
/// more than encoding them.
const SHORT_COPY: usize = 256;

/// The largest `granule` of [`Buffer::read_pieces`].
pub const MAX_GRANULE: usize = 1024;

/// Bytes of a shared buffer read at a time: small enough for the stack and
/// the first-level cache, large enough that the kernels run at full speed.
const SHARED_PIECE: usize = 8 * 1024;

/// The first piece of a shared buffer: a call that stops at once (most
/// errors, a base64 pad sequence) copies no more than this.
const FIRST_SHARED_PIECE: usize = 64;

/// `Buffer::read_pieces` for bytes that other threads may write.
///
/// # Safety
/// `start` points to `len` bytes that stay allocated during the call.
unsafe fn read_shared_pieces<B>(
    start: *const u8,
    len: usize,
    lead: usize,
    granule: usize,
    mut read: impl FnMut(&[u8]) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let mut piece = [MaybeUninit::uninit(); SHARED_PIECE];
    let whole_granules = |room: usize| room - room % granule;
    // The first piece is short: a reader that stops early (an error, a
    // pad sequence) then copies little more than it reads.
    let first_room = FIRST_SHARED_PIECE.max(lead + granule);
    let mut piece_len = lead + whole_granules(first_room - lead);
    let mut offset = 0;
    loop {
        let count = piece_len.min(len - offset);
        piece_len = whole_granules(SHARED_PIECE);
        // SAFETY: `count` bytes from `offset` are inside the caller's
        // allocation (`start` is not read when `count` is 0).
        read(unsafe { load_shared(start.wrapping_add(offset), &mut piece[..count]) })?;
        offset += count;
        if offset == len {
            return ControlFlow::Continue(());
        }
    }
}

impl Drop for Buffer<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        self.release();
    }
}
