//! Object references: [`Bound`], a strong reference usable while the thread
//! is attached, and [`Unbound`], one that may be stored and sent anywhere.
//!
//! A borrowed reference is `&Bound<'py>`: `Bound` has the layout of a
//! non-null `PyObject *`, so a slot holding a pointer (an argument array, a
//! tuple item) can be lent out as `&Bound` without touching the count.

use core::marker::PhantomData;
use core::ptr::NonNull;

use cpython_sys as ffi;

use crate::err::{PyErr, PyResult};
use crate::python::Python;

/// A strong reference to a Python object, usable while 'py. Cloning
/// increments the reference count, dropping decrements it.
#[repr(transparent)]
pub struct Bound<'py> {
    object: NonNull<ffi::PyObject>,
    _py: PhantomData<Python<'py>>,
}

impl<'py> Bound<'py> {
    /// Takes ownership of a new reference.
    ///
    /// # Safety
    /// `object` is a valid object and the caller owns the reference it gives.
    #[inline]
    pub unsafe fn from_owned_ptr(_py: Python<'py>, object: NonNull<ffi::PyObject>) -> Bound<'py> {
        Bound {
            object,
            _py: PhantomData,
        }
    }

    /// Takes ownership of the result of a C API call that returns a new
    /// reference, or null with an exception set.
    ///
    /// # Safety
    /// `object` is null or a new reference the caller owns.
    #[inline]
    pub unsafe fn from_owned_ptr_or_err(py: Python<'py>, object: *mut ffi::PyObject) -> PyResult<Bound<'py>> {
        match NonNull::new(object) {
            // SAFETY: the caller's guarantee.
            Some(object) => Ok(unsafe { Bound::from_owned_ptr(py, object) }),
            None => Err(PyErr::fetch(py)),
        }
    }

    /// Takes a new reference to an object the caller only borrows.
    ///
    /// # Safety
    /// `object` is a valid object, alive for the duration of the call.
    #[inline]
    pub unsafe fn from_borrowed_ptr(py: Python<'py>, object: NonNull<ffi::PyObject>) -> Bound<'py> {
        // SAFETY: a valid object and an attached thread state (py).
        unsafe { ffi::Py_INCREF(object.as_ptr()) };
        // SAFETY: the reference just taken is ours.
        unsafe { Bound::from_owned_ptr(py, object) }
    }

    /// Lends a pointer held in `slot` as a borrowed reference.
    ///
    /// # Safety
    /// `*slot` is a valid, non-null object that stays alive, and the slot
    /// unchanged, for 'a.
    #[inline]
    pub unsafe fn borrow_from_slot<'a>(_py: Python<'py>, slot: &'a *mut ffi::PyObject) -> &'a Bound<'py> {
        // SAFETY: Bound is a transparent non-null pointer and the slot holds
        // a non-null valid object for 'a.
        unsafe { &*(slot as *const *mut ffi::PyObject).cast::<Bound<'py>>() }
    }

    /// Lends a run of `len` pointers, e.g. a vectorcall argument array.
    ///
    /// # Safety
    /// `items` points to `len` valid, non-null objects that stay alive and
    /// unchanged for 'a (or `len` is 0).
    #[inline]
    pub unsafe fn borrow_slice<'a>(_py: Python<'py>, items: *const *mut ffi::PyObject, len: usize) -> &'a [Bound<'py>] {
        if len == 0 {
            return &[];
        }
        // SAFETY: as `borrow_from_slot`, for each of the `len` elements.
        unsafe { core::slice::from_raw_parts(items.cast::<Bound<'py>>(), len) }
    }

    #[inline]
    pub fn py(&self) -> Python<'py> {
        // SAFETY: a Bound<'py> exists only while the thread is attached.
        unsafe { Python::assume_attached() }
    }

    /// The object's address, still owned by `self`.
    #[inline]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.object.as_ptr()
    }

    /// Gives up ownership: the caller now owns the reference.
    #[inline]
    pub fn into_ptr(self) -> *mut ffi::PyObject {
        core::mem::ManuallyDrop::new(self).as_ptr()
    }

    /// Detaches the reference from 'py, to store it or send it elsewhere.
    #[inline]
    pub fn unbind(self) -> Unbound {
        Unbound {
            object: core::mem::ManuallyDrop::new(self).object,
        }
    }

    /// `self is other`.
    #[inline]
    pub fn is(&self, other: &Bound<'_>) -> bool {
        self.object == other.object
    }

    pub fn is_none(&self) -> bool {
        self.as_ptr() == ffi::Py_None()
    }

    /// The object's type, `type(self)`.
    pub fn get_type(&self) -> Bound<'py> {
        // SAFETY: an object's type is a valid object that outlives it.
        unsafe { Bound::from_borrowed_ptr(self.py(), NonNull::new_unchecked(ffi::Py_TYPE(self.as_ptr()).cast())) }
    }

    /// `isinstance(self, class_or_tuple)`.
    pub fn is_instance(&self, class_or_tuple: &Bound<'py>) -> PyResult<bool> {
        // SAFETY: both are valid objects.
        match unsafe { ffi::PyObject_IsInstance(self.as_ptr(), class_or_tuple.as_ptr()) } {
            -1 => Err(PyErr::fetch(self.py())),
            result => Ok(result == 1),
        }
    }

    /// `getattr(self, name)`.
    pub fn getattr(&self, name: &str) -> PyResult<Bound<'py>> {
        let name = crate::types::str_from(self.py(), name)?;
        // SAFETY: both are valid objects; the result is a new reference or null.
        unsafe { Bound::from_owned_ptr_or_err(self.py(), ffi::PyObject_GetAttr(self.as_ptr(), name.as_ptr())) }
    }

    /// `setattr(self, name, value)`.
    pub fn setattr(&self, name: &str, value: &Bound<'py>) -> PyResult<()> {
        let name = crate::types::str_from(self.py(), name)?;
        // SAFETY: valid objects; -1 with an exception set on failure.
        if unsafe { ffi::PyObject_SetAttr(self.as_ptr(), name.as_ptr(), value.as_ptr()) } == -1 {
            return Err(PyErr::fetch(self.py()));
        }
        Ok(())
    }

    /// `self <op> other`, for any of the six comparisons.
    pub fn rich_compare(&self, other: &Bound<'py>, op: crate::class::CompareOp) -> PyResult<Bound<'py>> {
        // SAFETY: valid objects and one of the six operators; new reference or null.
        unsafe {
            Bound::from_owned_ptr_or_err(
                self.py(),
                ffi::PyObject_RichCompare(self.as_ptr(), other.as_ptr(), op.to_c()),
            )
        }
    }

    /// `hash(self)`.
    pub fn hash(&self) -> PyResult<isize> {
        // SAFETY: a valid object; -1 with an exception set on failure.
        match unsafe { ffi::PyObject_Hash(self.as_ptr()) } {
            -1 => Err(PyErr::fetch(self.py())),
            hash => Ok(hash),
        }
    }

    /// `next(self)`: the next item, or `None` once the iterator is
    /// exhausted; `TypeError` "'int' object is not an iterator" for objects
    /// that are not iterators (whose `tp_iternext` PyIter_Next would call
    /// blindly).
    pub fn next(&self) -> PyResult<Option<Bound<'py>>> {
        let py = self.py();
        // SAFETY: a valid object; the check only reads its type's slot.
        if unsafe { ffi::PyIter_Check(self.as_ptr()) } == 0 {
            // As builtin next() names it: the type's tp_name, "%.200s".
            let type_name = crate::clinic::type_name(self);
            let message = format!(
                "'{}' object is not an iterator",
                crate::clinic::convert::c_precision(&type_name, 200)
            );
            return Err(PyErr::new(crate::exceptions::TypeError(py), &message));
        }
        // SAFETY: an iterator, so its tp_iternext exists; the result is a
        // new reference, or null with or without an exception set.
        let item = unsafe { ffi::PyIter_Next(self.as_ptr()) };
        match NonNull::new(item) {
            // SAFETY: a new reference, now ours.
            Some(item) => Ok(Some(unsafe { Bound::from_owned_ptr(py, item) })),
            None => PyErr::take(py).map_or(Ok(None), Err),
        }
    }

    /// `len(self)` (`PyObject_Length`): `TypeError` "object of type 'int'
    /// has no len()" for objects without a length. (No `is_empty`: a
    /// length that can fail is rarely tested for zero alone.)
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> PyResult<usize> {
        // SAFETY: a valid object; -1 with an exception set on failure.
        match unsafe { ffi::PyObject_Size(self.as_ptr()) } {
            -1 => Err(PyErr::fetch(self.py())),
            len => Ok(len as usize),
        }
    }

    /// `repr(self)`.
    pub fn repr(&self) -> PyResult<Bound<'py>> {
        // SAFETY: a valid object; new reference or null.
        unsafe { Bound::from_owned_ptr_or_err(self.py(), ffi::PyObject_Repr(self.as_ptr())) }
    }

    /// `self(*args)`.
    pub fn call(&self, args: &[&Bound<'py>]) -> PyResult<Bound<'py>> {
        let tuple = crate::types::tuple_from(self.py(), args)?;
        // SAFETY: a callable candidate and a tuple; new reference or null.
        unsafe {
            Bound::from_owned_ptr_or_err(
                self.py(),
                ffi::PyObject_Call(self.as_ptr(), tuple.as_ptr(), core::ptr::null_mut()),
            )
        }
    }

    /// `str(self)`, as a Rust string (lossily for lone surrogates).
    pub fn to_string_lossy(&self) -> PyResult<String> {
        // SAFETY: a valid object; the result is a new reference or null.
        let text = unsafe { Bound::from_owned_ptr_or_err(self.py(), ffi::PyObject_Str(self.as_ptr())) }?;
        crate::types::str_to_string_lossy(&text)
    }
}

impl Clone for Bound<'_> {
    #[inline]
    fn clone(&self) -> Self {
        // SAFETY: a valid object, with an attached thread state ('py).
        unsafe { ffi::Py_INCREF(self.as_ptr()) };
        Bound {
            object: self.object,
            _py: PhantomData,
        }
    }
}

impl Drop for Bound<'_> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: we own this reference and the thread is attached ('py).
        unsafe { ffi::Py_DECREF(self.as_ptr()) }
    }
}

/// A strong reference that is not tied to an attached thread state, for
/// module state, class payloads and values crossing threads. Use it through
/// [`Unbound::bind`].
#[repr(transparent)]
pub struct Unbound {
    object: NonNull<ffi::PyObject>,
}

// SAFETY: an Unbound only touches the object's reference count, and only
// with an attached thread state: through `bind` (which requires a Python
// token) or in `drop` (which attaches one if needed). With the GIL that
// serialises every access; free-threaded builds count references atomically.
unsafe impl Send for Unbound {}
// SAFETY: `&Unbound` gives no access to the object without a Python token.
unsafe impl Sync for Unbound {}

impl Unbound {
    /// Lends the reference for 'py.
    #[inline]
    pub fn bind<'a, 'py>(&'a self, _py: Python<'py>) -> &'a Bound<'py> {
        // SAFETY: both types are a transparent non-null pointer, and the
        // thread is attached for 'py.
        unsafe { &*(self as *const Unbound).cast::<Bound<'py>>() }
    }

    /// Turns the reference back into a [`Bound`].
    #[inline]
    pub fn into_bound(self, _py: Python<'_>) -> Bound<'_> {
        Bound {
            object: core::mem::ManuallyDrop::new(self).object,
            _py: PhantomData,
        }
    }

    /// A second strong reference to the same object.
    #[inline]
    pub fn clone_ref(&self, py: Python<'_>) -> Unbound {
        self.bind(py).clone().unbind()
    }

    #[inline]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.object.as_ptr()
    }
}

impl Drop for Unbound {
    fn drop(&mut self) {
        if crate::python::is_attached() {
            // SAFETY: we own this reference and the thread is attached.
            unsafe { ffi::Py_DECREF(self.as_ptr()) }
        } else {
            // Dropped on a thread that is not attached (a Rust thread, or
            // with the GIL released): attach for the decrement.
            // SAFETY: Ensure/Release are paired and the reference is ours.
            unsafe {
                let state = ffi::PyGILState_Ensure();
                ffi::Py_DECREF(self.as_ptr());
                ffi::PyGILState_Release(state);
            }
        }
    }
}
