//! Methods of a class: like module functions, but the receiver's Rust
//! value comes as `&T`.

use core::ffi::{CStr, c_int};
use core::marker::PhantomData;

use cpython_sys as ffi;

use super::{PyClass, value_of};
use crate::entry;
use crate::err::PyResult;
use crate::function::Arguments;
use crate::object::Bound;

/// A method of a class for `T`: the receiver's value comes as `&T`.
pub trait MethodNoArgs<T: PyClass> {
    fn call<'py>(this: &T, instance: &Bound<'py>) -> PyResult<Bound<'py>>;
}

pub trait MethodOneArg<T: PyClass> {
    fn call<'py>(this: &T, instance: &Bound<'py>, arg: &Bound<'py>) -> PyResult<Bound<'py>>;
}

/// With the class that defines the method, for its module's state.
pub trait MethodDefiningClass<T: PyClass> {
    fn call<'py>(
        this: &T,
        instance: &Bound<'py>,
        defining_class: &Bound<'py>,
        args: Arguments<'_, 'py>,
    ) -> PyResult<Bound<'py>>;
}

/// One entry of a class's method table; only a `ClassDef<T>` takes it, so
/// its receiver is always an instance of `T`'s class.
#[repr(transparent)]
pub struct ClassMethodDef<T: PyClass>(ffi::PyMethodDef, PhantomData<fn(&T)>);

// SAFETY: static strings and functions only; never written.
unsafe impl<T: PyClass> Sync for ClassMethodDef<T> {}

type Plain = unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject) -> *mut ffi::PyObject;
type WithClass = unsafe extern "C" fn(
    *mut ffi::PyObject,
    *mut ffi::PyTypeObject,
    *const *mut ffi::PyObject,
    ffi::Py_ssize_t,
    *mut ffi::PyObject,
) -> *mut ffi::PyObject;

impl<T: PyClass> ClassMethodDef<T> {
    pub const END: ClassMethodDef<T> = ClassMethodDef(
        ffi::PyMethodDef {
            ml_name: core::ptr::null(),
            ml_meth: None,
            ml_flags: 0,
            ml_doc: core::ptr::null(),
        },
        PhantomData,
    );

    const fn with(name: &'static CStr, doc: &'static CStr, meth: Plain, flags: c_int) -> Self {
        ClassMethodDef(
            ffi::PyMethodDef {
                ml_name: name.as_ptr(),
                ml_meth: Some(meth),
                ml_flags: flags,
                ml_doc: doc.as_ptr(),
            },
            PhantomData,
        )
    }

    pub(super) const fn is_end(&self) -> bool {
        self.0.ml_name.is_null()
    }

    pub const fn noargs<F: MethodNoArgs<T>>(name: &'static CStr, doc: &'static CStr) -> Self {
        Self::with(name, doc, method_noargs_shim::<T, F>, ffi::METH_NOARGS)
    }

    /// A method whose receiver comes as a plain object, like a module
    /// function's: what cpython-clinic generates for `module.Class.method`.
    pub const fn function(def: crate::MethodDef) -> Self {
        ClassMethodDef(def.into_raw(), PhantomData)
    }

    pub const fn one_arg<F: MethodOneArg<T>>(name: &'static CStr, doc: &'static CStr) -> Self {
        Self::with(name, doc, method_one_arg_shim::<T, F>, ffi::METH_O)
    }

    pub const fn defining_class<F: MethodDefiningClass<T>>(name: &'static CStr, doc: &'static CStr) -> Self {
        // SAFETY: with METH_METHOD the interpreter calls `ml_meth` with the
        // defining-class signature; C stores it through the same cast.
        let meth = unsafe { core::mem::transmute::<WithClass, Plain>(method_defining_class_shim::<T, F>) };
        Self::with(
            name,
            doc,
            meth,
            ffi::METH_METHOD | ffi::METH_FASTCALL | ffi::METH_KEYWORDS,
        )
    }
}

/// # Safety
/// Called by the interpreter on an instance of the class owning the table.
unsafe extern "C" fn method_noargs_shim<T: PyClass, F: MethodNoArgs<T>>(
    object: *mut ffi::PyObject,
    _: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: the method descriptor checked the receiver's type, and only a
    // ClassDef<T> lists this shim.
    unsafe { entry::run_object(|py| F::call(value_of::<T>(object)?, Bound::borrow_from_slot(py, &object))) }
}

/// # Safety
/// As for `method_noargs_shim`.
unsafe extern "C" fn method_one_arg_shim<T: PyClass, F: MethodOneArg<T>>(
    object: *mut ffi::PyObject,
    arg: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as for `method_noargs_shim`; the argument lives for the call.
    unsafe {
        entry::run_object(|py| {
            F::call(
                value_of::<T>(object)?,
                Bound::borrow_from_slot(py, &object),
                Bound::borrow_from_slot(py, &arg),
            )
        })
    }
}

/// # Safety
/// As for `method_noargs_shim`, with the vectorcall arguments.
unsafe extern "C" fn method_defining_class_shim<T: PyClass, F: MethodDefiningClass<T>>(
    object: *mut ffi::PyObject,
    defining_class: *mut ffi::PyTypeObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let defining_class = defining_class.cast::<ffi::PyObject>();
    // SAFETY: as for `method_noargs_shim`; the class outlives the call.
    unsafe {
        entry::run_object(|py| {
            F::call(
                value_of::<T>(object)?,
                Bound::borrow_from_slot(py, &object),
                Bound::borrow_from_slot(py, &defining_class),
                crate::function::arguments(py, args, nargs, &kwnames),
            )
        })
    }
}
