//! The built-in exception types, as `exceptions::ValueError(py)`: each
//! returns a new reference to the class, to raise with
//! [`PyErr::new`](crate::PyErr::new) or to match with
//! [`PyErr::matches`](crate::PyErr::matches).
#![allow(non_snake_case)]

use core::ptr::NonNull;

use cpython_sys as ffi;

use crate::object::Bound;
use crate::python::Python;

macro_rules! builtin_exceptions {
    ($($name:ident => $static:ident),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($name), "`.")]
        pub fn $name(py: Python<'_>) -> Bound<'_> {
            // SAFETY: the interpreter initialises the built-in exception
            // statics before any extension code runs and never changes them.
            unsafe { Bound::from_borrowed_ptr(py, NonNull::new_unchecked(ffi::$static)) }
        }
    )*};
}

builtin_exceptions! {
    BaseException => PyExc_BaseException,
    Exception => PyExc_Exception,
    ArithmeticError => PyExc_ArithmeticError,
    AssertionError => PyExc_AssertionError,
    AttributeError => PyExc_AttributeError,
    BufferError => PyExc_BufferError,
    EOFError => PyExc_EOFError,
    FloatingPointError => PyExc_FloatingPointError,
    ImportError => PyExc_ImportError,
    IndexError => PyExc_IndexError,
    KeyError => PyExc_KeyError,
    KeyboardInterrupt => PyExc_KeyboardInterrupt,
    LookupError => PyExc_LookupError,
    MemoryError => PyExc_MemoryError,
    NameError => PyExc_NameError,
    NotImplementedError => PyExc_NotImplementedError,
    OSError => PyExc_OSError,
    OverflowError => PyExc_OverflowError,
    RecursionError => PyExc_RecursionError,
    ReferenceError => PyExc_ReferenceError,
    RuntimeError => PyExc_RuntimeError,
    StopIteration => PyExc_StopIteration,
    SystemError => PyExc_SystemError,
    TypeError => PyExc_TypeError,
    UnicodeDecodeError => PyExc_UnicodeDecodeError,
    UnicodeEncodeError => PyExc_UnicodeEncodeError,
    UnicodeError => PyExc_UnicodeError,
    ValueError => PyExc_ValueError,
    ZeroDivisionError => PyExc_ZeroDivisionError,
    Warning => PyExc_Warning,
    DeprecationWarning => PyExc_DeprecationWarning,
    RuntimeWarning => PyExc_RuntimeWarning,
}

/// A new exception class, for a module to create in its exec and raise with
/// [`PyErr::new`](crate::PyErr::new): `name` is the dotted `module.Name`,
/// `base` the class it derives from (`Exception` if `None`). An empty
/// `doc` leaves `__doc__` None, as `PyErr_NewException` does.
pub fn new_type<'py>(
    py: Python<'py>,
    name: &core::ffi::CStr,
    doc: &core::ffi::CStr,
    base: Option<&Bound<'py>>,
) -> crate::PyResult<Bound<'py>> {
    let base = base.map_or(core::ptr::null_mut(), Bound::as_ptr);
    let doc = if doc.is_empty() {
        core::ptr::null()
    } else {
        doc.as_ptr()
    };
    // SAFETY: NUL-terminated strings and a class or null; new reference or
    // null with an exception set.
    unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyErr_NewExceptionWithDoc(name.as_ptr(), doc, base, core::ptr::null_mut()),
        )
    }
}
