//! Converters a module defines itself, as C modules define theirs in a
//! `[python input]` block: named in a clinic block by their Rust type
//! (`data: AsciiBuffer`), they turn the argument into that type.

use crate::err::PyResult;
use crate::object::Bound;
use crate::python::Python;

use super::ArgumentRef;

/// The shape of C's converter functions (`int f(PyObject *, void *)`): the
/// generated code declares the value, and the converter writes the
/// argument into it. A large value, such as a buffer view, is then written
/// once, where it stays (see [`crate::Buffer::unfilled`]). The
/// implementation receives it by reference.
pub trait Converter<'a, 'py>: Sized {
    /// What the value is before conversion (C Clinic's `c_ignored_default`).
    fn unconverted(py: Python<'py>) -> Self;

    /// Writes the value for `arg` into `self`; `at` names the function and
    /// argument for error messages ([`ArgumentRef::bad_argument`]).
    fn convert(&mut self, arg: &'a Bound<'py>, at: &ArgumentRef) -> PyResult<()>;
}
