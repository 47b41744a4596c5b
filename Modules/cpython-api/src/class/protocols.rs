//! The optional protocols of a class, one trait each, switched on in its
//! [`ClassDef`] by the builder method of the same name.

use core::ffi::{c_int, c_void};

use cpython_sys as ffi;

use super::{ClassDef, PyClass, value_of};
use crate::entry;
use crate::err::PyResult;
use crate::object::Bound;
use crate::recursion;

/// `__repr__`.
pub trait Repr: PyClass {
    fn repr<'py>(&self, instance: &Bound<'py>) -> PyResult<Bound<'py>>;
}

/// `__init__`, run after `__new__` on every `Class(...)` call.
pub trait Init: PyClass {
    fn init<'py>(&self, instance: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<()>;
}

/// The six comparisons, as `tp_richcompare` receives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CompareOp {
    pub(crate) fn to_c(self) -> c_int {
        match self {
            CompareOp::Lt => ffi::Py_LT,
            CompareOp::Le => ffi::Py_LE,
            CompareOp::Eq => ffi::Py_EQ,
            CompareOp::Ne => ffi::Py_NE,
            CompareOp::Gt => ffi::Py_GT,
            CompareOp::Ge => ffi::Py_GE,
        }
    }

    fn from_c(op: c_int) -> Option<CompareOp> {
        Some(match op {
            ffi::Py_LT => CompareOp::Lt,
            ffi::Py_LE => CompareOp::Le,
            ffi::Py_EQ => CompareOp::Eq,
            ffi::Py_NE => CompareOp::Ne,
            ffi::Py_GT => CompareOp::Gt,
            ffi::Py_GE => CompareOp::Ge,
            _ => return None,
        })
    }
}

/// `__eq__`, `__lt__`, ...: return `py.not_implemented()` for operands the
/// class does not know, as Python methods do. A class with comparisons but
/// no [`Hash`] is unhashable, as in Python.
pub trait RichCompare: PyClass {
    fn compare<'py>(&self, instance: &Bound<'py>, other: &Bound<'py>, op: CompareOp) -> PyResult<Bound<'py>>;
}

/// `__hash__`. A result of -1 is turned into -2, as CPython does, since -1
/// means "error" in C.
pub trait Hash: PyClass {
    fn hash(&self, instance: &Bound<'_>) -> PyResult<isize>;
}

/// `__next__`, with `__iter__` returning the instance itself: `None` ends
/// the iteration.
pub trait IterNext: PyClass {
    fn next<'py>(&self, instance: &Bound<'py>) -> PyResult<Option<Bound<'py>>>;
}

/// The buffer protocol, as an exporter of read-only bytes. The bytes are
/// borrowed from the value, which the export keeps alive, and cannot change
/// while it lives: nothing reachable through `&self` can write them.
pub trait BufferExport: PyClass {
    fn exported_bytes(&self) -> &[u8];
}

impl<T: Repr> ClassDef<T> {
    pub const fn repr(self) -> Self {
        self.with_slot(ffi::Py_tp_repr as c_int, repr_shim::<T> as *mut c_void)
    }
}

impl<T: Init> ClassDef<T> {
    pub const fn init(self) -> Self {
        self.with_slot(ffi::Py_tp_init as c_int, init_shim::<T> as *mut c_void)
    }
}

impl<T: RichCompare> ClassDef<T> {
    pub const fn rich_compare(self) -> Self {
        self.with_slot(ffi::Py_tp_richcompare as c_int, richcompare_shim::<T> as *mut c_void)
    }
}

impl<T: Hash> ClassDef<T> {
    pub const fn hash(self) -> Self {
        self.with_slot(ffi::Py_tp_hash as c_int, hash_shim::<T> as *mut c_void)
    }
}

impl<T: IterNext> ClassDef<T> {
    pub const fn iterator(self) -> Self {
        self.with_slot(ffi::Py_tp_iter as c_int, ffi::PyObject_SelfIter as *mut c_void)
            .with_slot(ffi::Py_tp_iternext as c_int, iternext_shim::<T> as *mut c_void)
    }
}

impl<T: BufferExport> ClassDef<T> {
    pub const fn buffer(self) -> Self {
        self.with_slot(ffi::Py_bf_getbuffer as c_int, getbuffer_shim::<T> as *mut c_void)
    }
}

/// `tp_repr`.
unsafe extern "C" fn repr_shim<T: Repr>(object: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: the interpreter passes a live instance of the class, with an
    // attached thread state.
    unsafe { entry::run_object(|py| value_of::<T>(object)?.repr(Bound::borrow_from_slot(py, &object))) }
}

/// `tp_init`.
unsafe extern "C" fn init_shim<T: Init>(
    object: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> c_int {
    // SAFETY: as for `repr_shim`, with the call's argument tuple and dict.
    unsafe {
        entry::run_status(|py| {
            value_of::<T>(object)?.init(
                Bound::borrow_from_slot(py, &object),
                Bound::borrow_from_slot(py, &args),
                (!kwargs.is_null()).then(|| Bound::borrow_from_slot(py, &kwargs)),
            )
        })
    }
}

/// `tp_richcompare`.
unsafe extern "C" fn richcompare_shim<T: RichCompare>(
    object: *mut ffi::PyObject,
    other: *mut ffi::PyObject,
    op: c_int,
) -> *mut ffi::PyObject {
    // SAFETY: as for `repr_shim`; `other` lives for the call.
    unsafe {
        entry::run_object(|py| {
            let Some(op) = CompareOp::from_c(op) else {
                return Ok(py.not_implemented());
            };
            value_of::<T>(object)?.compare(
                Bound::borrow_from_slot(py, &object),
                Bound::borrow_from_slot(py, &other),
                op,
            )
        })
    }
}

/// `tp_hash`.
unsafe extern "C" fn hash_shim<T: Hash>(object: *mut ffi::PyObject) -> ffi::Py_hash_t {
    let mut hash = -1;
    // SAFETY: as for `repr_shim`.
    let status = unsafe {
        entry::run_status(|py| {
            // PyObject_Hash does not enter the recursion guard: the shim does.
            let value = recursion::guarded(py, c" while getting the hash of an object", || {
                value_of::<T>(object)?.hash(Bound::borrow_from_slot(py, &object))
            })?;
            hash = if value == -1 { -2 } else { value };
            Ok(())
        })
    };
    if status == 0 { hash } else { -1 }
}

/// `tp_iternext`.
unsafe extern "C" fn iternext_shim<T: IterNext>(object: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // Neither `for` nor PyIter_Next enters the recursion guard: the shim does.
    // SAFETY: as for `repr_shim`.
    unsafe {
        entry::run_optional_object(|py| {
            recursion::guarded(py, c" while getting the next item of an iterator", || {
                value_of::<T>(object)?.next(Bound::borrow_from_slot(py, &object))
            })
        })
    }
}

/// `bf_getbuffer`: a read-only, C-contiguous export of the value's bytes.
unsafe extern "C" fn getbuffer_shim<T: BufferExport>(
    object: *mut ffi::PyObject,
    view: *mut ffi::Py_buffer,
    flags: c_int,
) -> c_int {
    // SAFETY: as for `repr_shim`; `view` is the consumer's struct to fill.
    unsafe {
        entry::run_status(|py| {
            let bytes = value_of::<T>(object)?.exported_bytes();
            // PyBuffer_FillInfo refuses writable requests for a read-only
            // export with the usual BufferError, and takes a reference to
            // the object that keeps the bytes alive.
            if ffi::PyBuffer_FillInfo(
                view,
                object,
                bytes.as_ptr().cast_mut().cast(),
                bytes.len() as ffi::Py_ssize_t,
                1,
                flags,
            ) != 0
            {
                return Err(crate::PyErr::fetch(py));
            }
            Ok(())
        })
    }
}
