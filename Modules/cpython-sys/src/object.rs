//! object.h: the accessors and initialisers that are macros or static inline
//! functions in C.

use crate::{Py_ssize_t, PyObject, PyTypeObject, PyVarObject};

/// `PyObject_HEAD_INIT(type)`: the header of a statically allocated object.
/// Since 3.13 such objects are immortal, as they may be shared between
/// interpreters (3.12 did so only inside the core, not for extensions);
/// since 3.14 their flags also say they are statically allocated.
pub const fn PyObject_HEAD_INIT(ob_type: *mut PyTypeObject) -> PyObject {
    #[cfg(not(Py_3_12))]
    return PyObject { ob_refcnt: 1, ob_type };
    #[cfg(all(Py_3_12, not(Py_3_13)))]
    return PyObject {
        __bindgen_anon_1: crate::_object__bindgen_ty_1 { ob_refcnt: 1 },
        ob_type,
    };
    #[cfg(all(Py_3_13, not(Py_3_14), not(Py_GIL_DISABLED)))]
    return PyObject {
        __bindgen_anon_1: crate::_object__bindgen_ty_1 {
            ob_refcnt: crate::refcount::IMMORTAL_REFCNT,
        },
        ob_type,
    };
    #[cfg(all(Py_3_14, not(Py_GIL_DISABLED), target_pointer_width = "64"))]
    return PyObject {
        __bindgen_anon_1: crate::_object__bindgen_ty_1 {
            ob_refcnt_full: crate::_Py_STATIC_IMMORTAL_INITIAL_REFCNT as i64,
        },
        ob_type,
    };
    #[cfg(all(Py_3_14, not(Py_GIL_DISABLED), target_pointer_width = "32"))]
    return PyObject {
        __bindgen_anon_1: crate::_object__bindgen_ty_1 {
            ob_refcnt: crate::_Py_STATIC_IMMORTAL_INITIAL_REFCNT,
        },
        ob_type,
    };
    #[cfg(all(Py_GIL_DISABLED, Py_3_14))]
    return PyObject {
        ob_tid: 0,
        ob_flags: crate::_Py_STATICALLY_ALLOCATED_FLAG as u16,
        ob_mutex: crate::PyMutex { _bits: 0 },
        ob_gc_bits: 0,
        ob_ref_local: crate::refcount::IMMORTAL_REFCNT_LOCAL,
        ob_ref_shared: 0,
        ob_type,
    };
    #[cfg(all(Py_GIL_DISABLED, not(Py_3_14)))]
    return PyObject {
        ob_tid: 0,
        _padding: 0,
        ob_mutex: crate::PyMutex { _bits: 0 },
        ob_gc_bits: 0,
        ob_ref_local: crate::refcount::IMMORTAL_REFCNT_LOCAL,
        ob_ref_shared: 0,
        ob_type,
    };
}

/// `PyVarObject_HEAD_INIT(type, size)`.
pub const fn PyVarObject_HEAD_INIT(ob_type: *mut PyTypeObject, ob_size: Py_ssize_t) -> PyVarObject {
    PyVarObject {
        ob_base: PyObject_HEAD_INIT(ob_type),
        ob_size,
    }
}

/// `Py_TYPE(op)`: a borrowed reference to the object's type.
///
/// # Safety
/// `op` points to a live object.
#[inline(always)]
pub unsafe fn Py_TYPE(op: *mut PyObject) -> *mut PyTypeObject {
    // SAFETY: the caller passes a valid object.
    unsafe { (*op).ob_type }
}

/// `Py_SIZE(op)`: `ob_size` of a variable-size object.
///
/// # Safety
/// `op` points to a live object laid out as a `PyVarObject`.
#[inline(always)]
pub unsafe fn Py_SIZE(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: the caller passes a valid variable-size object.
    unsafe { (*op.cast::<PyVarObject>()).ob_size }
}

/// `Py_IS_TYPE(op, type)`: exact type test, subclasses excluded.
///
/// # Safety
/// `op` points to a live object.
#[inline(always)]
pub unsafe fn Py_IS_TYPE(op: *mut PyObject, ob_type: *mut PyTypeObject) -> bool {
    // SAFETY: the caller passes a valid object.
    unsafe { Py_TYPE(op) == ob_type }
}

/// `Py_Is(x, y)`: identity, as Python's `is`.
#[inline(always)]
pub fn Py_Is(x: *mut PyObject, y: *mut PyObject) -> bool {
    core::ptr::eq(x, y)
}

/// `Py_None`: a borrowed reference to `None`.
#[inline(always)]
pub fn Py_None() -> *mut PyObject {
    &raw mut crate::_Py_NoneStruct
}

/// `Py_NotImplemented`: a borrowed reference to `NotImplemented`.
#[inline(always)]
pub fn Py_NotImplemented() -> *mut PyObject {
    &raw mut crate::_Py_NotImplementedStruct
}

/// `PyObject_TypeCheck(op, type)`: `isinstance` against a C type.
///
/// # Safety
/// `op` points to a live object and `ob_type` to a ready type.
#[inline(always)]
pub unsafe fn PyObject_TypeCheck(op: *mut PyObject, ob_type: *mut PyTypeObject) -> bool {
    // SAFETY: the caller passes a valid object and type.
    unsafe { Py_IS_TYPE(op, ob_type) || crate::PyType_IsSubtype(Py_TYPE(op), ob_type) != 0 }
}

/// The atomic type as wide as C's `unsigned long`.
#[cfg(all(Py_GIL_DISABLED, any(windows, target_pointer_width = "32")))]
type AtomicCULong = core::sync::atomic::AtomicU32;
#[cfg(all(Py_GIL_DISABLED, not(any(windows, target_pointer_width = "32"))))]
type AtomicCULong = core::sync::atomic::AtomicU64;

/// `PyType_HasFeature(type, flag)`: whether `tp_flags` has `flag`.
///
/// # Safety
/// `ob_type` points to a live type object.
#[inline(always)]
pub unsafe fn PyType_HasFeature(ob_type: *mut PyTypeObject, flag: core::ffi::c_ulong) -> bool {
    // SAFETY: the caller passes a valid type; only an address is taken.
    let flags = unsafe { &raw mut (*ob_type).tp_flags };
    #[cfg(not(Py_GIL_DISABLED))]
    // SAFETY: the type is valid; the GIL protects its flags.
    let flags = unsafe { *flags };
    // Another thread may be updating the flags: C reads them atomically.
    #[cfg(Py_GIL_DISABLED)]
    // SAFETY: `tp_flags` is aligned and only written atomically.
    let flags = unsafe { AtomicCULong::from_ptr(flags.cast()) }.load(core::sync::atomic::Ordering::Relaxed)
        as core::ffi::c_ulong;
    flags & flag != 0
}

/// `PyType_FastSubclass(type, flag)`: the subclass test by `Py_TPFLAGS_*_SUBCLASS` flag.
///
/// # Safety
/// As for [`PyType_HasFeature`].
#[inline(always)]
pub unsafe fn PyType_FastSubclass(ob_type: *mut PyTypeObject, flag: core::ffi::c_ulong) -> bool {
    // SAFETY: the caller's guarantee.
    unsafe { PyType_HasFeature(ob_type, flag) }
}
