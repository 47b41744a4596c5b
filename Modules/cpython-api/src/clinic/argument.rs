//! How a conversion error names the argument it is about, as CPython's
//! `_PyArg_BadArgument` does: "f() argument 2 must be str, not int".

use core::ffi::CStr;

use cpython_sys as ffi;

use crate::err::PyErr;
use crate::object::Bound;

/// The function and the argument being converted, for messages.
#[derive(Clone, Copy, Debug)]
pub struct ArgumentRef {
    /// The function's name as messages give it (`keywords`, `DeprStarNew`).
    pub function: &'static str,
    pub name: ArgumentName,
}

#[derive(Clone, Copy, Debug)]
pub enum ArgumentName {
    /// The argument of a `METH_O` function: "argument".
    Only,
    /// A positional-only parameter, from 1: "argument 2".
    Position(usize),
    /// A parameter that can be passed by keyword: "argument 'path'".
    Keyword(&'static str),
}

impl ArgumentRef {
    /// `TypeError: {function}() {argument} must be {expected}, not {type}`,
    /// where `{type}` is the name of `arg`'s type, or `None`.
    pub fn bad_argument(&self, expected: &str, arg: &Bound<'_>) -> PyErr {
        let py = arg.py();
        let given = if arg.is_none() { "None".into() } else { type_name(arg) };
        let argument = self.argument();
        PyErr::new(
            crate::exceptions::TypeError(py),
            &format!("{}() {argument} must be {expected}, not {given}", self.function),
        )
    }
}

impl ArgumentRef {
    /// 3.14's message for an argument of the right type but the wrong
    /// length: `TypeError: {function}(): {argument} must be {expected}, not
    /// {what} of length {length}` (before 3.14, [`Self::bad_argument`]).
    pub fn bad_length(&self, expected: &str, what: &str, length: usize, arg: &Bound<'_>) -> PyErr {
        if !cfg!(Py_3_14) {
            return self.bad_argument(expected, arg);
        }
        PyErr::new(
            crate::exceptions::TypeError(arg.py()),
            &format!(
                "{}(): {} must be {expected}, not {what} of length {length}",
                self.function,
                self.argument()
            ),
        )
    }

    fn argument(&self) -> String {
        match self.name {
            ArgumentName::Only => "argument".to_owned(),
            ArgumentName::Position(position) => format!("argument {position}"),
            ArgumentName::Keyword(name) => format!("argument '{name}'"),
        }
    }
}

/// `Py_TYPE(object)->tp_name`, as C messages print it (`int`, `_testclinic.DeprStarNew`).
pub fn type_name(object: &Bound<'_>) -> String {
    // SAFETY: a live object's type has a NUL-terminated `tp_name` that
    // lives as long as the type, which the object keeps alive.
    let name = unsafe { CStr::from_ptr((*ffi::Py_TYPE(object.as_ptr())).tp_name) };
    name.to_string_lossy().into_owned()
}
