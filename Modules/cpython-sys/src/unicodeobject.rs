//! unicodeobject.h and cpython/unicodeobject.h: the type check and the
//! accessors of a `str`'s canonical representation (PEP 393), static inline
//! functions over the `state` bitfield of `PyASCIIObject` in C.
//!
//! The representations, told apart by `state`:
//! - compact ASCII (`compact` and `ascii` set): the characters, one byte
//!   each, follow the `PyASCIIObject` header;
//! - compact: they follow the larger `PyCompactUnicodeObject` header, in
//!   1, 2 or 4 bytes each (`kind`);
//! - not compact, as instances of `str` subclasses are: `PyUnicodeObject`
//!   points to them (`data.any`).
//!
//! 3.11 also has the legacy strings of the deprecated `Py_UNICODE` API, not
//! "ready" until `PyUnicode_READY()` fills in the canonical form: the
//! accessors below, like C's, need a ready string there (a string that is
//! not ready has neither `ascii` nor `compact` set). Its headers are larger
//! (`wstr`, `wstr_length`, removed with the `ready` bit in 3.12); bindgen's
//! struct sizes follow the target, so the data offsets do too.

use crate::{
    Py_TPFLAGS_UNICODE_SUBCLASS, Py_TYPE, Py_ssize_t, PyASCIIObject, PyCompactUnicodeObject, PyObject,
    PyType_FastSubclass, PyUnicode_Kind, PyUnicodeObject,
};

/// The bitfield struct of `PyASCIIObject.state`, anonymous in C before 3.14.
#[cfg(not(Py_3_14))]
type UnicodeState = crate::PyASCIIObject__bindgen_ty_1;
#[cfg(Py_3_14)]
type UnicodeState = crate::_PyUnicodeObject_state;

/// `PyUnicode_Check(op)`: whether `op` is a `str`, subclasses included.
///
/// # Safety
/// `op` points to a live object.
#[inline(always)]
pub unsafe fn PyUnicode_Check(op: *mut PyObject) -> bool {
    // SAFETY: the caller passes a valid object.
    unsafe { PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_UNICODE_SUBCLASS) }
}

/// A copy of the string's `state`, to decode with bindgen's bitfield
/// accessors (`kind()`, `compact()`, `ascii()`, ...).
///
/// # Safety
/// `op` points to a live `str`.
#[inline(always)]
unsafe fn state(op: *mut PyObject) -> UnicodeState {
    // SAFETY: the caller passes a valid str; only an address is taken.
    let state = unsafe { &raw const (*op.cast::<PyASCIIObject>()).state };
    #[cfg(not(Py_GIL_DISABLED))]
    // SAFETY: a valid str; the GIL, which the caller holds, serialises
    // the writes of `interned`, the only bits that change after creation.
    return unsafe { state.read() };
    // Without the GIL another thread may be interning this string, and so
    // writing `interned`, which shares the word with the bits read here (C
    // reads it plainly; in Rust that would be a data race). One atomic load
    // of the whole word avoids it; the transmute fails to compile should
    // `state` ever stop being one 32-bit word.
    #[cfg(Py_GIL_DISABLED)]
    // SAFETY: `state` is a 4-byte-aligned 32-bit word inside a live object,
    // written only by CPython; any bit pattern is a valid bitfield unit.
    return unsafe {
        let word = core::sync::atomic::AtomicU32::from_ptr(state.cast_mut().cast())
            .load(core::sync::atomic::Ordering::Relaxed);
        core::mem::transmute::<u32, UnicodeState>(word)
    };
}

/// `PyUnicode_IS_ASCII(op)`: whether every character is below U+0080.
///
/// # Safety
/// `op` points to a live `str` (ready, on 3.11).
#[inline(always)]
pub unsafe fn PyUnicode_IS_ASCII(op: *mut PyObject) -> bool {
    // SAFETY: the caller's guarantee.
    unsafe { state(op) }.ascii() != 0
}

/// `PyUnicode_IS_COMPACT(op)`: whether the characters follow the header in
/// the same memory block.
///
/// # Safety
/// `op` points to a live `str`.
#[inline(always)]
pub unsafe fn PyUnicode_IS_COMPACT(op: *mut PyObject) -> bool {
    // SAFETY: the caller's guarantee.
    unsafe { state(op) }.compact() != 0
}

/// `PyUnicode_IS_COMPACT_ASCII(op)`: whether the string is a bare
/// `PyASCIIObject` followed by its ASCII characters.
///
/// # Safety
/// `op` points to a live `str`.
#[inline(always)]
pub unsafe fn PyUnicode_IS_COMPACT_ASCII(op: *mut PyObject) -> bool {
    // SAFETY: the caller's guarantee.
    let state = unsafe { state(op) };
    state.ascii() != 0 && state.compact() != 0
}

/// `PyUnicode_KIND(op)`: the bytes per character of the canonical form,
/// [`PyUnicode_1BYTE_KIND`](crate::PyUnicode_1BYTE_KIND), `2BYTE` or `4BYTE`.
///
/// # Safety
/// `op` points to a live `str` (ready, on 3.11).
#[inline(always)]
pub unsafe fn PyUnicode_KIND(op: *mut PyObject) -> PyUnicode_Kind {
    // SAFETY: the caller's guarantee.
    unsafe { state(op) }.kind()
}

/// `PyUnicode_GET_LENGTH(op)`: the length in code points.
///
/// # Safety
/// `op` points to a live `str` (ready, on 3.11).
#[inline(always)]
pub unsafe fn PyUnicode_GET_LENGTH(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: the caller passes a valid str; its length never changes once
    // other code can see it.
    unsafe { (*op.cast::<PyASCIIObject>()).length }
}

/// `PyUnicode_DATA(op)`: the canonical form, `PyUnicode_GET_LENGTH(op)`
/// characters of `PyUnicode_KIND(op)` bytes each, followed by a NUL.
///
/// # Safety
/// `op` points to a live `str` (ready, on 3.11).
#[inline(always)]
pub unsafe fn PyUnicode_DATA(op: *mut PyObject) -> *mut core::ffi::c_void {
    // SAFETY: the caller's guarantee.
    let state = unsafe { state(op) };
    if state.compact() == 0 {
        // SAFETY: a string that is not compact is a PyUnicodeObject whose
        // `data` points to its characters.
        return unsafe { (*op.cast::<PyUnicodeObject>()).data.any };
    }
    if state.ascii() != 0 {
        // SAFETY: a compact ASCII string's characters follow its header;
        // only an address is computed.
        unsafe { op.cast::<PyASCIIObject>().add(1).cast() }
    } else {
        // SAFETY: as above, after the larger compact header.
        unsafe { op.cast::<PyCompactUnicodeObject>().add(1).cast() }
    }
}
