//! `dict`: what unpacking `**kwargs` needs.

use core::ptr::NonNull;

use cpython_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::object::Bound;

/// `len(dict)`; `SystemError` if it is not a dict, as `PyDict_Size`.
pub fn dict_len(dict: &Bound<'_>) -> PyResult<usize> {
    // SAFETY: a valid object; -1 with an exception set if not a dict.
    let len = unsafe { ffi::PyDict_Size(dict.as_ptr()) };
    if len < 0 {
        Err(PyErr::fetch(dict.py()))
    } else {
        Ok(len as usize)
    }
}

/// `dict.get(key)`, raising what hashing or comparing `key` raises.
pub fn dict_get<'py>(dict: &Bound<'py>, key: &Bound<'py>) -> PyResult<Option<Bound<'py>>> {
    let py = dict.py();
    // SAFETY: valid objects; a borrowed reference or null, with an
    // exception set only on error.
    let value = unsafe { ffi::PyDict_GetItemWithError(dict.as_ptr(), key.as_ptr()) };
    match NonNull::new(value) {
        // SAFETY: the borrowed value is alive now; we take our own reference
        // at once, before any code could remove it from the dict.
        Some(value) => Ok(Some(unsafe { Bound::from_borrowed_ptr(py, value) })),
        None => match PyErr::take(py) {
            Some(error) => Err(error),
            None => Ok(None),
        },
    }
}

/// The keys of a dict, in order.
pub fn dict_keys<'py>(dict: &Bound<'py>) -> PyResult<Vec<Bound<'py>>> {
    let py = dict.py();
    // SAFETY: a valid object; a new list, or null with an exception set.
    let keys = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyDict_Keys(dict.as_ptr())) }?;
    // SAFETY: `keys` is a list we own: nothing else can change it.
    let len = unsafe { ffi::PyList_GET_SIZE(keys.as_ptr()) };
    Ok((0..len)
        .map(|index| {
            // SAFETY: in bounds of the list, whose items are non-null.
            unsafe { Bound::from_borrowed_ptr(py, NonNull::new_unchecked(ffi::PyList_GET_ITEM(keys.as_ptr(), index))) }
        })
        .collect())
}
