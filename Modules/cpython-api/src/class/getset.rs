//! Computed attributes of a class (`Py_tp_getset`): a getter, and for a
//! writable attribute a setter, both given the receiver's value as `&T`.

use core::ffi::{CStr, c_int, c_void};
use core::marker::PhantomData;

use cpython_sys as ffi;

use super::{PyClass, value_of};
use crate::entry;
use crate::err::{PyErr, PyResult};
use crate::object::Bound;
use crate::recursion;

/// Reads the attribute.
pub trait Getter<T: PyClass> {
    fn get<'py>(this: &T, instance: &Bound<'py>) -> PyResult<Bound<'py>>;
}

/// Writes the attribute: `Some(value)` for `instance.name = value`, `None`
/// for `del instance.name`.
pub trait Setter<T: PyClass> {
    fn set<'py>(this: &T, instance: &Bound<'py>, value: Option<&Bound<'py>>) -> PyResult<()>;
}

/// One entry of a getset table; only a `ClassDef<T>` takes it.
#[repr(transparent)]
pub struct GetSetDef<T: PyClass>(ffi::PyGetSetDef, PhantomData<fn(&T)>);

// SAFETY: static strings and functions only; never written.
unsafe impl<T: PyClass> Sync for GetSetDef<T> {}

impl<T: PyClass> GetSetDef<T> {
    pub const END: GetSetDef<T> = GetSetDef(
        ffi::PyGetSetDef {
            name: core::ptr::null(),
            get: None,
            set: None,
            doc: core::ptr::null(),
            closure: core::ptr::null_mut(),
        },
        PhantomData,
    );

    /// An attribute that cannot be assigned (AttributeError, as CPython's
    /// own read-only attributes).
    pub const fn read_only<G: Getter<T>>(name: &'static CStr, doc: &'static CStr) -> Self {
        GetSetDef(
            ffi::PyGetSetDef {
                name: name.as_ptr(),
                get: Some(get_shim::<T, G>),
                set: None,
                doc: doc.as_ptr(),
                closure: core::ptr::null_mut(),
            },
            PhantomData,
        )
    }

    pub const fn read_write<G: Getter<T>, S: Setter<T>>(name: &'static CStr, doc: &'static CStr) -> Self {
        GetSetDef(
            ffi::PyGetSetDef {
                name: name.as_ptr(),
                get: Some(get_shim::<T, G>),
                set: Some(set_shim::<T, S>),
                doc: doc.as_ptr(),
                closure: core::ptr::null_mut(),
            },
            PhantomData,
        )
    }

    pub(super) const fn is_end(&self) -> bool {
        self.0.name.is_null()
    }
}

/// `getter`.
unsafe extern "C" fn get_shim<T: PyClass, G: Getter<T>>(
    object: *mut ffi::PyObject,
    _: *mut c_void,
) -> *mut ffi::PyObject {
    // Attribute lookup does not enter the recursion guard: the shim does.
    // SAFETY: the getset descriptor checked that `object` is an instance of
    // the class owning the table (a ClassDef<T>), and the thread is attached.
    unsafe {
        entry::run_object(|py| {
            recursion::guarded(py, c" while getting an attribute", || {
                G::get(value_of::<T>(object)?, Bound::borrow_from_slot(py, &object))
            })
        })
    }
}

/// `setter`.
unsafe extern "C" fn set_shim<T: PyClass, S: Setter<T>>(
    object: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
    _: *mut c_void,
) -> c_int {
    // SAFETY: as for `get_shim`; `value` is null (delete) or lives for the call.
    unsafe {
        entry::run_status(|py| {
            recursion::guarded(py, c" while setting an attribute", || {
                S::set(
                    value_of::<T>(object)?,
                    Bound::borrow_from_slot(py, &object),
                    (!value.is_null()).then(|| Bound::borrow_from_slot(py, &value)),
                )
            })
        })
    }
}

/// The error for deleting an attribute that must have a value.
pub fn cannot_delete(py: crate::Python<'_>, name: &str) -> PyErr {
    PyErr::new(
        crate::exceptions::AttributeError(py),
        &format!("cannot delete attribute '{name}'"),
    )
}
