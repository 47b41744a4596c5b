//! `tuple`.

use cpython_sys as ffi;

use crate::err::PyResult;
use crate::object::Bound;
use crate::python::Python;

/// A new tuple of new references to `items`.
pub fn tuple_from<'py>(py: Python<'py>, items: &[&Bound<'py>]) -> PyResult<Bound<'py>> {
    // SAFETY: new reference or null.
    let tuple = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyTuple_New(items.len() as ffi::Py_ssize_t)) }?;
    for (index, item) in items.iter().enumerate() {
        // SAFETY: a new tuple of exactly this size, each slot filled once
        // with a reference the tuple takes over.
        unsafe { ffi::PyTuple_SET_ITEM(tuple.as_ptr(), index as ffi::Py_ssize_t, (*item).clone().into_ptr()) };
    }
    Ok(tuple)
}
