//! Functions and methods callable from Python: a [`MethodDef`] names a
//! type implementing one of the calling-convention traits below, and the
//! generic `extern "C"` shim for that convention calls it. Module code
//! writes safe trait impls (or has cpython-clinic write them); the shims do
//! the pointer work.

use core::ffi::{CStr, c_int};

use cpython_sys as ffi;

use crate::entry;
use crate::err::PyResult;
use crate::object::Bound;

/// The arguments of a vectorcall (`METH_FASTCALL | METH_KEYWORDS`).
pub struct Arguments<'a, 'py> {
    /// Positional arguments, in order.
    pub positional: &'a [Bound<'py>],
    /// Values of the keyword arguments, in the order of `keyword_names`.
    pub keyword_values: &'a [Bound<'py>],
    /// A tuple of `str`, or `None` when no keyword was passed.
    pub keyword_names: Option<&'a Bound<'py>>,
}

/// `METH_NOARGS`: `f()`.
pub trait NoArgs {
    fn call<'py>(receiver: &Bound<'py>) -> PyResult<Bound<'py>>;
}

/// `METH_O`: `f(arg)`.
pub trait OneArg {
    fn call<'py>(receiver: &Bound<'py>, arg: &Bound<'py>) -> PyResult<Bound<'py>>;
}

/// `METH_FASTCALL`: `f(*args)`.
pub trait Fastcall {
    fn call<'py>(receiver: &Bound<'py>, args: &[Bound<'py>]) -> PyResult<Bound<'py>>;
}

/// `METH_FASTCALL | METH_KEYWORDS`: `f(*args, **kwargs)`.
pub trait FastcallKeywords {
    fn call<'py>(receiver: &Bound<'py>, args: Arguments<'_, 'py>) -> PyResult<Bound<'py>>;
}

/// `METH_METHOD | METH_FASTCALL | METH_KEYWORDS`: a method that is also
/// given the class that defines it (and through it, its module's state).
pub trait DefiningClassMethod {
    fn call<'py>(receiver: &Bound<'py>, defining_class: &Bound<'py>, args: Arguments<'_, 'py>) -> PyResult<Bound<'py>>;
}

/// `METH_VARARGS`: `f(*args)`, the arguments as a tuple.
pub trait Varargs {
    fn call<'py>(receiver: &Bound<'py>, args: &Bound<'py>) -> PyResult<Bound<'py>>;
}

/// `METH_VARARGS | METH_KEYWORDS`: `f(*args, **kwargs)`, as a tuple and a
/// dict (`None` when no keyword was passed).
pub trait VarargsKeywords {
    fn call<'py>(receiver: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<Bound<'py>>;
}

/// One entry of a method table (`PyMethodDef`).
#[repr(transparent)]
pub struct MethodDef(ffi::PyMethodDef);

// SAFETY: a MethodDef holds pointers to static strings and functions only,
// and the interpreter never writes to it.
unsafe impl Sync for MethodDef {}

type Plain = unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject) -> *mut ffi::PyObject;
type WithKeywords =
    unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject, *mut ffi::PyObject) -> *mut ffi::PyObject;
type Fast = unsafe extern "C" fn(*mut ffi::PyObject, *const *mut ffi::PyObject, ffi::Py_ssize_t) -> *mut ffi::PyObject;
type FastKeywords = unsafe extern "C" fn(
    *mut ffi::PyObject,
    *const *mut ffi::PyObject,
    ffi::Py_ssize_t,
    *mut ffi::PyObject,
) -> *mut ffi::PyObject;
type WithClass = unsafe extern "C" fn(
    *mut ffi::PyObject,
    *mut ffi::PyTypeObject,
    *const *mut ffi::PyObject,
    ffi::Py_ssize_t,
    *mut ffi::PyObject,
) -> *mut ffi::PyObject;

impl MethodDef {
    /// Ends a method table.
    pub const END: MethodDef = MethodDef(ffi::PyMethodDef {
        ml_name: core::ptr::null(),
        ml_meth: None,
        ml_flags: 0,
        ml_doc: core::ptr::null(),
    });

    const fn with(name: &'static CStr, doc: &'static CStr, meth: ffi::PyCFunction, flags: c_int) -> MethodDef {
        MethodDef(ffi::PyMethodDef {
            ml_name: name.as_ptr(),
            ml_meth: meth,
            ml_flags: flags,
            ml_doc: doc.as_ptr(),
        })
    }

    pub const fn noargs<F: NoArgs>(name: &'static CStr, doc: &'static CStr) -> MethodDef {
        MethodDef::with(name, doc, Some(noargs_shim::<F>), ffi::METH_NOARGS)
    }

    pub const fn one_arg<F: OneArg>(name: &'static CStr, doc: &'static CStr) -> MethodDef {
        MethodDef::with(name, doc, Some(one_arg_shim::<F>), ffi::METH_O)
    }

    pub const fn fastcall<F: Fastcall>(name: &'static CStr, doc: &'static CStr) -> MethodDef {
        // SAFETY: with METH_FASTCALL the interpreter calls `ml_meth` with
        // the fast signature; C stores it through the same cast.
        let meth = unsafe { core::mem::transmute::<Fast, Plain>(fastcall_shim::<F>) };
        MethodDef::with(name, doc, Some(meth), ffi::METH_FASTCALL)
    }

    pub const fn fastcall_keywords<F: FastcallKeywords>(name: &'static CStr, doc: &'static CStr) -> MethodDef {
        // SAFETY: as for `fastcall`, with METH_KEYWORDS's signature.
        let meth = unsafe { core::mem::transmute::<FastKeywords, Plain>(fastcall_keywords_shim::<F>) };
        MethodDef::with(name, doc, Some(meth), ffi::METH_FASTCALL | ffi::METH_KEYWORDS)
    }

    pub const fn defining_class<F: DefiningClassMethod>(name: &'static CStr, doc: &'static CStr) -> MethodDef {
        // SAFETY: as for `fastcall`, with METH_METHOD's signature.
        let meth = unsafe { core::mem::transmute::<WithClass, Plain>(defining_class_shim::<F>) };
        MethodDef::with(
            name,
            doc,
            Some(meth),
            ffi::METH_METHOD | ffi::METH_FASTCALL | ffi::METH_KEYWORDS,
        )
    }

    pub const fn varargs<F: Varargs>(name: &'static CStr, doc: &'static CStr) -> MethodDef {
        MethodDef::with(name, doc, Some(varargs_shim::<F>), ffi::METH_VARARGS)
    }

    pub const fn varargs_keywords<F: VarargsKeywords>(name: &'static CStr, doc: &'static CStr) -> MethodDef {
        // SAFETY: with METH_KEYWORDS the interpreter calls `ml_meth` with a
        // third argument, the dict; C stores it through the same cast.
        let meth = unsafe { core::mem::transmute::<WithKeywords, Plain>(varargs_keywords_shim::<F>) };
        MethodDef::with(name, doc, Some(meth), ffi::METH_VARARGS | ffi::METH_KEYWORDS)
    }

    /// The same entry as a class method (`METH_CLASS`), for a class's
    /// table: the receiver is then the class.
    pub const fn class_method(mut self) -> MethodDef {
        self.0.ml_flags |= ffi::METH_CLASS;
        self
    }

    pub(crate) const fn is_end(&self) -> bool {
        self.0.ml_name.is_null()
    }

    pub(crate) const fn into_raw(self) -> ffi::PyMethodDef {
        self.0
    }
}

/// # Safety
/// Called by the interpreter with a valid receiver and an attached thread state.
unsafe extern "C" fn noargs_shim<F: NoArgs>(receiver: *mut ffi::PyObject, _: *mut ffi::PyObject) -> *mut ffi::PyObject {
    // SAFETY: the interpreter calls with an attached thread state and keeps
    // the receiver alive for the call.
    unsafe { entry::run_object(|py| F::call(Bound::borrow_from_slot(py, &receiver))) }
}

/// # Safety
/// Called by the interpreter with valid objects and an attached thread state.
unsafe extern "C" fn one_arg_shim<F: OneArg>(
    receiver: *mut ffi::PyObject,
    arg: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as for `noargs_shim`; the argument lives for the call too.
    unsafe {
        entry::run_object(|py| {
            F::call(
                Bound::borrow_from_slot(py, &receiver),
                Bound::borrow_from_slot(py, &arg),
            )
        })
    }
}

/// # Safety
/// Called by the interpreter with `nargs` valid arguments at `args`.
unsafe extern "C" fn fastcall_shim<F: Fastcall>(
    receiver: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
) -> *mut ffi::PyObject {
    // SAFETY: as for `noargs_shim`; the argument array holds `nargs` objects.
    unsafe {
        entry::run_object(|py| {
            F::call(
                Bound::borrow_from_slot(py, &receiver),
                Bound::borrow_slice(py, args, nargs as usize),
            )
        })
    }
}

/// # Safety
/// Called by the interpreter with a valid receiver and a tuple.
unsafe extern "C" fn varargs_shim<F: Varargs>(
    receiver: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as for `one_arg_shim`; the tuple lives for the call.
    unsafe {
        entry::run_object(|py| {
            F::call(
                Bound::borrow_from_slot(py, &receiver),
                Bound::borrow_from_slot(py, &args),
            )
        })
    }
}

/// # Safety
/// Called by the interpreter with a valid receiver, a tuple, and a dict or
/// null.
unsafe extern "C" fn varargs_keywords_shim<F: VarargsKeywords>(
    receiver: *mut ffi::PyObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as for `varargs_shim`; a non-null dict lives for the call.
    unsafe {
        entry::run_object(|py| {
            F::call(
                Bound::borrow_from_slot(py, &receiver),
                Bound::borrow_from_slot(py, &args),
                (!kwargs.is_null()).then(|| Bound::borrow_from_slot(py, &kwargs)),
            )
        })
    }
}

/// The vectorcall arguments as [`Arguments`].
///
/// # Safety
/// `args` holds `nargs` positional values followed by one value per name in
/// `kwnames` (a tuple, or null), all alive for 'a.
pub(crate) unsafe fn arguments<'a, 'py>(
    py: crate::Python<'py>,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: &'a *mut ffi::PyObject,
) -> Arguments<'a, 'py> {
    let positional = nargs as usize;
    let keywords = if kwnames.is_null() {
        0
    } else {
        // SAFETY: a non-null kwnames is a tuple.
        unsafe { ffi::PyTuple_GET_SIZE(*kwnames) as usize }
    };
    // SAFETY: the caller's guarantee on the layout of `args`.
    unsafe {
        Arguments {
            positional: Bound::borrow_slice(py, args, positional),
            keyword_values: Bound::borrow_slice(py, args.add(positional), keywords),
            keyword_names: (!kwnames.is_null()).then(|| Bound::borrow_from_slot(py, kwnames)),
        }
    }
}

/// # Safety
/// Called by the interpreter with the vectorcall arguments of `arguments`.
unsafe extern "C" fn fastcall_keywords_shim<F: FastcallKeywords>(
    receiver: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: as for `fastcall_shim` and `arguments`.
    unsafe {
        entry::run_object(|py| {
            F::call(
                Bound::borrow_from_slot(py, &receiver),
                arguments(py, args, nargs, &kwnames),
            )
        })
    }
}

/// # Safety
/// As `fastcall_keywords_shim`, plus the class that defines the method.
unsafe extern "C" fn defining_class_shim<F: DefiningClassMethod>(
    receiver: *mut ffi::PyObject,
    defining_class: *mut ffi::PyTypeObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let defining_class = defining_class.cast::<ffi::PyObject>();
    // SAFETY: as for `fastcall_keywords_shim`; the class outlives the call.
    unsafe {
        entry::run_object(|py| {
            F::call(
                Bound::borrow_from_slot(py, &receiver),
                Bound::borrow_from_slot(py, &defining_class),
                arguments(py, args, nargs, &kwnames),
            )
        })
    }
}
