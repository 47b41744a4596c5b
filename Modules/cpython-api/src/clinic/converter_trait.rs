//! Converters a module defines itself, as C modules define theirs in a
//! `[python input]` block: named in a clinic block by their Rust type
//! (`data: AsciiBuffer`), they turn the argument into that type.

use crate::err::PyResult;
use crate::object::Bound;

use super::ArgumentRef;

pub trait Converter<'a, 'py>: Sized {
    /// The value for `arg`; `at` names the function and argument for error
    /// messages ([`ArgumentRef::bad_argument`]).
    fn convert(arg: &'a Bound<'py>, at: &ArgumentRef) -> PyResult<Self>;
}
