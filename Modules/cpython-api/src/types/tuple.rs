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

/// A new tuple of `len` items, the item at each index made by `make`, as C
/// fills a `PyTuple_New` in place: no intermediate array, each new reference
/// moved into its slot. On an error the tuple made so far is dropped (its
/// empty slots are null, which deallocation skips).
#[inline]
pub fn tuple_from_fn<'py>(
    py: Python<'py>,
    len: usize,
    mut make: impl FnMut(usize) -> PyResult<Bound<'py>>,
) -> PyResult<Bound<'py>> {
    // SAFETY: new reference or null.
    let tuple = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyTuple_New(len as ffi::Py_ssize_t)) }?;
    for index in 0..len {
        let item = make(index)?;
        // SAFETY: a new tuple no other code has seen, each slot filled once
        // with a reference the tuple takes over.
        unsafe { ffi::PyTuple_SET_ITEM(tuple.as_ptr(), index as ffi::Py_ssize_t, item.into_ptr()) };
    }
    Ok(tuple)
}

/// The items of a tuple, borrowed from it; `TypeError` if it is not one.
pub fn tuple_items<'a, 'py>(tuple: &'a Bound<'py>) -> PyResult<&'a [Bound<'py>]> {
    let py = tuple.py();
    // SAFETY: a valid object; only its type's flags are read.
    if !unsafe { ffi::PyType_FastSubclass(ffi::Py_TYPE(tuple.as_ptr()), ffi::Py_TPFLAGS_TUPLE_SUBCLASS) } {
        return Err(crate::PyErr::new(crate::exceptions::TypeError(py), "expected a tuple"));
    }
    // SAFETY: a tuple's items are valid, non-null and fixed while the tuple
    // lives, which the borrow of `tuple` guarantees for 'a.
    unsafe {
        let items = (&raw const (*tuple.as_ptr().cast::<ffi::PyTupleObject>()).ob_item).cast::<*mut ffi::PyObject>();
        Ok(Bound::borrow_slice(
            py,
            items,
            ffi::PyTuple_GET_SIZE(tuple.as_ptr()) as usize,
        ))
    }
}
