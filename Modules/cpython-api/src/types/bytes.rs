//! `bytes`.

use core::mem::MaybeUninit;

use cpython_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::object::Bound;
use crate::python::Python;

/// A new `bytes` holding a copy of `data`.
pub fn bytes_from<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py>> {
    bytes_with(py, data.len(), |buffer| buffer.copy_from_slice(data))
}

/// A new `bytes` of `len` bytes written in place by `fill`, with no
/// intermediate copy. Lengths beyond what a `bytes` can hold give
/// `OverflowError`, as in C.
pub fn bytes_with<'py>(py: Python<'py>, len: usize, fill: impl FnOnce(&mut [u8])) -> PyResult<Bound<'py>> {
    let bytes = new_uninit(py, len)?;
    // SAFETY: the buffer has `len` bytes and nobody else can see the new
    // object yet.
    unsafe { fill_in_place(ffi::PyBytes_AS_STRING(bytes.as_ptr()).cast(), len, fill) };
    Ok(bytes)
}

/// A new `bytes` built in place by a writer that only knows an upper bound
/// of its length: `fill` gets `capacity` uninitialised bytes and returns
/// the part it wrote, which must begin the buffer; the object is then
/// shrunk to that (`_PyBytes_Resize`, which gives memory back without
/// copying). An error from `fill` is returned after freeing the object.
///
/// Returning a slice proves those bytes initialised; one that does not
/// begin the buffer is a bug of the caller, reported as a panic.
pub fn bytes_with_capacity<'py>(
    py: Python<'py>,
    capacity: usize,
    fill: impl for<'b> FnOnce(&'b mut [MaybeUninit<u8>]) -> PyResult<&'b [u8]>,
) -> PyResult<Bound<'py>> {
    if capacity <= SMALL_RESULT {
        let mut small = [MaybeUninit::uninit(); SMALL_RESULT];
        let start = small.as_ptr().cast::<u8>();
        let written = fill(&mut small[..capacity])?;
        assert!(
            written.is_empty() || (written.as_ptr() == start && written.len() <= capacity),
            "bytes_with_capacity: the writer must return the beginning of its buffer"
        );
        return bytes_from_slice(py, written);
    }
    let bytes = new_uninit(py, capacity)?;
    // SAFETY: the new object's buffer holds `capacity` bytes, uninitialised
    // (as MaybeUninit says), and nobody else can see the object yet.
    let buffer = unsafe {
        core::slice::from_raw_parts_mut(
            ffi::PyBytes_AS_STRING(bytes.as_ptr()).cast::<MaybeUninit<u8>>(),
            capacity,
        )
    };
    let start = buffer.as_ptr().cast::<u8>();
    let written = fill(buffer)?;
    assert!(
        written.is_empty() || (written.as_ptr() == start && written.len() <= capacity),
        "bytes_with_capacity: the writer must return the beginning of its buffer"
    );
    let len = written.len();
    if len == capacity {
        return Ok(bytes);
    }
    let mut object = bytes.into_ptr();
    // SAFETY: a bytes object only this function has seen, shrunk to the
    // `len` bytes written (all initialised); on failure CPython frees it and
    // sets the pointer to null.
    if unsafe { ffi::_PyBytes_Resize(&mut object, len as ffi::Py_ssize_t) } != 0 {
        return Err(PyErr::fetch(py));
    }
    // SAFETY: the resized object, a new reference owned here.
    unsafe { Bound::from_owned_ptr_or_err(py, object) }
}

/// A new `bytes` of exactly `len` bytes, written in place by `fill` as for
/// [`bytes_with_capacity`], which must return all of them (a bug of the
/// caller otherwise, reported as a panic). Short results are not staged on
/// the stack: a vector kernel's last (masked) store is then read back only
/// by the caller of the function, not copied at once, which would stall
/// on a store that cannot be forwarded.
pub fn bytes_with_len<'py>(
    py: Python<'py>,
    len: usize,
    fill: impl for<'b> FnOnce(&'b mut [MaybeUninit<u8>]) -> PyResult<&'b [u8]>,
) -> PyResult<Bound<'py>> {
    let bytes = new_uninit(py, len)?;
    // SAFETY: the new object's buffer holds `len` bytes, uninitialised (as
    // MaybeUninit says), and nobody else can see the object yet.
    let buffer = unsafe {
        core::slice::from_raw_parts_mut(ffi::PyBytes_AS_STRING(bytes.as_ptr()).cast::<MaybeUninit<u8>>(), len)
    };
    let start = buffer.as_ptr().cast::<u8>();
    let written = fill(buffer)?;
    assert!(
        written.len() == len && (len == 0 || written.as_ptr() == start),
        "bytes_with_len: the writer must return the whole of its buffer"
    );
    Ok(bytes)
}

/// `PyBytes_FromStringAndSize(NULL, len)`: a `bytes` of `len` bytes, not
/// yet written; `OverflowError` beyond what a `bytes` can hold, as in C.
fn new_uninit(py: Python<'_>, len: usize) -> PyResult<Bound<'_>> {
    let size = byte_string_size(py, len)?;
    // SAFETY: a null source asks for an uninitialised buffer of `size` bytes;
    // new reference or null.
    unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyBytes_FromStringAndSize(core::ptr::null(), size)) }
}

/// Results of at most this many bytes are written on the stack, then copied
/// into a `bytes` of their length, as CPython's `_PyBytesWriter` does: a
/// copy this short costs less than shrinking the object (a `realloc`), and
/// empty and one-byte results are CPython's cached objects.
const SMALL_RESULT: usize = 512;

/// `PyBytes_FromStringAndSize(data, len)`: a copy of `data` (CPython's
/// cached object when it is empty or one byte long).
fn bytes_from_slice<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py>> {
    // SAFETY: `data.len()` readable bytes (at most SMALL_RESULT, so the
    // size fits); a new reference or null with an exception set.
    unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyBytes_FromStringAndSize(data.as_ptr().cast(), data.len() as ffi::Py_ssize_t),
        )
    }
}

/// Whether `value` is a `bytes` (or an instance of a subclass).
pub fn is_bytes(value: &Bound<'_>) -> bool {
    // SAFETY: a valid object; only its type's flags are read.
    unsafe { ffi::PyBytes_Check(value.as_ptr()) }
}

/// The contents of a `bytes` (or of an instance of a subclass), borrowed
/// from it: a `bytes` never changes. `TypeError` for anything else, with
/// C's message (`PyBytes_AsStringAndSize`); to accept any bytes-like
/// object, use [`Buffer`](crate::Buffer).
#[inline]
pub fn bytes_data<'a>(bytes: &'a Bound<'_>) -> PyResult<&'a [u8]> {
    let object = bytes.as_ptr();
    // SAFETY: a valid object; only its type's flags are read.
    if unsafe { ffi::PyBytes_Check(object) } {
        // SAFETY: a bytes object (or subclass, laid out alike): its size
        // and immutable bytes, alive as long as the object, which the
        // borrow of `bytes` keeps alive.
        return Ok(unsafe {
            core::slice::from_raw_parts(
                ffi::PyBytes_AS_STRING(object).cast::<u8>(),
                ffi::PyBytes_GET_SIZE(object) as usize,
            )
        });
    }
    // For its TypeError.
    let mut start = core::ptr::null_mut();
    let mut len: ffi::Py_ssize_t = 0;
    // SAFETY: a valid object and two out-parameters; -1 with an exception
    // set if it is not a bytes object.
    if unsafe { ffi::PyBytes_AsStringAndSize(bytes.as_ptr(), &mut start, &mut len) } == -1 {
        return Err(PyErr::fetch(bytes.py()));
    }
    // SAFETY: `len` immutable bytes, alive as long as the object, which the
    // borrow of `bytes` keeps alive.
    Ok(unsafe { core::slice::from_raw_parts(start.cast::<u8>(), len as usize) })
}

/// `len` as the size of a byte string: `OverflowError` beyond `Py_ssize_t`.
pub(super) fn byte_string_size(py: Python<'_>, len: usize) -> PyResult<ffi::Py_ssize_t> {
    ffi::Py_ssize_t::try_from(len)
        .map_err(|_| PyErr::new(crate::exceptions::OverflowError(py), "byte string is too large"))
}

/// Zeroes the `len` bytes at `start`, then lets `fill` write them: it
/// receives an initialised slice.
///
/// # Safety
/// `start` points to `len` writable bytes that nothing else reads or
/// writes meanwhile (a new object nobody else can see yet).
pub(super) unsafe fn fill_in_place(start: *mut u8, len: usize, fill: impl FnOnce(&mut [u8])) {
    // SAFETY: the caller's guarantee.
    let buffer = unsafe {
        start.write_bytes(0, len);
        core::slice::from_raw_parts_mut(start, len)
    };
    fill(buffer);
}
