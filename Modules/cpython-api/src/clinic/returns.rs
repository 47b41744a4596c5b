//! Return converters: what an implementation returns, made into the Python
//! object the caller gets, as C Argument Clinic's `-> int`, `-> bool`, ...
//! do. A Rust implementation reports errors through `PyResult`, so none of
//! C's "-1 with an exception set" convention is needed.

use core::ffi::{c_int, c_long, c_uint, c_ulong};

use crate::err::PyResult;
use crate::object::Bound;
use crate::python::Python;
use crate::types;

/// A value an implementation may return.
pub trait ReturnValue<'py> {
    fn into_object(self, py: Python<'py>) -> PyResult<Bound<'py>>;
}

/// `-> object`, the default.
impl<'py> ReturnValue<'py> for Bound<'py> {
    fn into_object(self, _py: Python<'py>) -> PyResult<Bound<'py>> {
        Ok(self)
    }
}

/// `-> NoneType`.
impl<'py> ReturnValue<'py> for () {
    fn into_object(self, py: Python<'py>) -> PyResult<Bound<'py>> {
        Ok(py.none())
    }
}

/// `-> bool`.
impl<'py> ReturnValue<'py> for bool {
    fn into_object(self, py: Python<'py>) -> PyResult<Bound<'py>> {
        Ok(py.bool(self))
    }
}

macro_rules! integer_returns {
    ($($rust:ty => $via:ty, $make:ident, $converter:literal;)*) => {$(
        #[doc = concat!("`-> ", $converter, "`.")]
        impl<'py> ReturnValue<'py> for $rust {
            fn into_object(self, py: Python<'py>) -> PyResult<Bound<'py>> {
                types::$make(py, <$via>::from(self))
            }
        }
    )*};
}

// c_int and c_long are i32 and i64 on every target CPython supports with
// this crate's committed bindings; the impls name the C types so that a
// platform where they coincide with another row fails to compile loudly.
integer_returns! {
    c_int => i64, int_from_i64, "int";
    c_uint => u64, int_from_u64, "unsigned_int";
    c_long => i64, int_from_i64, "long";
    c_ulong => u64, int_from_u64, "unsigned_long";
    isize => isize, int_from_isize, "Py_ssize_t";
    usize => usize, int_from_usize, "size_t";
}

/// `-> double`.
impl<'py> ReturnValue<'py> for f64 {
    fn into_object(self, py: Python<'py>) -> PyResult<Bound<'py>> {
        types::float_from(py, self)
    }
}

/// `-> float`.
impl<'py> ReturnValue<'py> for f32 {
    fn into_object(self, py: Python<'py>) -> PyResult<Bound<'py>> {
        types::float_from(py, f64::from(self))
    }
}
