//! `_testrustprobe`: one wrapper per hand-written macro equivalent of
//! cpython-sys, named as in `Lib/test/cpython_sys_probe/_testcprobe.c`, which
//! wraps the C macros the same way, so that
//! Lib/test/test_cpython_sys_macros.py can compare the two on live objects.
//!
//! Raw FFI on purpose: it tests the raw layer.

use core::ffi::{CStr, c_char, c_int, c_void};
use core::ptr::null_mut;

use cpython_sys::*;

#[cfg(all(Py_3_12, not(Py_GIL_DISABLED), target_pointer_width = "64"))]
mod count_from;
mod link;
mod recursion;
#[cfg(all(Py_3_12, not(Py_GIL_DISABLED), target_pointer_width = "64"))]
use count_from::{decref_from, incref_from};
use link::link_stats;
use recursion::recursion_depth;

type FastFunction = unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t) -> *mut PyObject;
type PlainFunction = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;

const fn method(name: &'static CStr, function: PlainFunction, flags: c_int, doc: &'static CStr) -> PyMethodDef {
    PyMethodDef {
        ml_name: name.as_ptr(),
        ml_meth: Some(function),
        ml_flags: flags,
        ml_doc: doc.as_ptr(),
    }
}

const fn fast_method(name: &'static CStr, function: FastFunction, doc: &'static CStr) -> PyMethodDef {
    // SAFETY: with METH_FASTCALL CPython calls `ml_meth` with the fast
    // signature; C stores it in the same field through the same cast.
    let function = unsafe { core::mem::transmute::<FastFunction, PlainFunction>(function) };
    method(name, function, METH_FASTCALL, doc)
}

const METHODS: &[PyMethodDef] = &[
    method(c"refcnt", refcnt, METH_O, c"Py_REFCNT(o)"),
    method(
        c"incref",
        incref,
        METH_O,
        c"Py_INCREF(o); leaks a reference on purpose.",
    ),
    method(
        c"decref",
        decref,
        METH_O,
        c"Py_DECREF(o); releases a reference taken by incref().",
    ),
    method(
        c"xincref_xdecref_null",
        xincref_xdecref_null,
        METH_NOARGS,
        c"Py_XINCREF(NULL); Py_XDECREF(NULL)",
    ),
    method(c"newref", newref, METH_O, c"Py_NewRef(o)"),
    method(
        c"clear_new_reference",
        clear_new_reference,
        METH_O,
        c"Py_CLEAR on a slot holding Py_NewRef(o)",
    ),
    method(
        c"is_immortal",
        is_immortal,
        METH_O,
        c"_Py_IsImmortal(o), False before 3.12",
    ),
    #[cfg(all(Py_3_12, not(Py_GIL_DISABLED), target_pointer_width = "64"))]
    fast_method(
        c"incref_from",
        incref_from,
        c"(low 32 bits, Py_REFCNT, _Py_IsImmortal) after Py_INCREF(o) from a count of start",
    ),
    #[cfg(all(Py_3_12, not(Py_GIL_DISABLED), target_pointer_width = "64"))]
    fast_method(
        c"decref_from",
        decref_from,
        c"(low 32 bits, Py_REFCNT, _Py_IsImmortal) after Py_DECREF(o) from a count of start",
    ),
    method(c"type_of", type_of, METH_O, c"Py_TYPE(o)"),
    method(c"size_of", size_of, METH_O, c"Py_SIZE(o)"),
    fast_method(c"is_type", is_type, c"Py_IS_TYPE(o, t)"),
    fast_method(c"tuple_item", tuple_item, c"PyTuple_GET_ITEM(t, i)"),
    method(c"tuple_size", tuple_size, METH_O, c"PyTuple_GET_SIZE(t)"),
    fast_method(c"list_item", list_item, c"PyList_GET_ITEM(l, i)"),
    method(c"list_size", list_size, METH_O, c"PyList_GET_SIZE(l)"),
    fast_method(
        c"list_set_item",
        list_set_item,
        c"PyList_SET_ITEM(l, i, o) with a new reference to o",
    ),
    method(
        c"bytes_address",
        bytes_address,
        METH_O,
        c"PyBytes_AS_STRING(b) as an integer",
    ),
    method(c"bytes_size", bytes_size, METH_O, c"PyBytes_GET_SIZE(b)"),
    method(
        c"object_head_init",
        object_head_init,
        METH_NOARGS,
        c"PyObject_HEAD_INIT(NULL), as bytes",
    ),
    method(
        c"module_def_head_init",
        module_def_head_init,
        METH_NOARGS,
        c"PyModuleDef_HEAD_INIT, as bytes",
    ),
    method(
        c"exception_instance_check",
        exception_instance_check,
        METH_O,
        c"PyExceptionInstance_Check(o)",
    ),
    method(
        c"exception_class_check",
        exception_class_check,
        METH_O,
        c"PyExceptionClass_Check(o)",
    ),
    fast_method(c"type_has_feature", type_has_feature, c"PyType_HasFeature(t, flag)"),
    method(c"bytes_check", bytes_check, METH_O, c"PyBytes_Check(o)"),
    method(c"unicode_check", unicode_check, METH_O, c"PyUnicode_Check(o)"),
    method(c"unicode_is_ascii", unicode_is_ascii, METH_O, c"PyUnicode_IS_ASCII(s)"),
    method(
        c"unicode_is_compact",
        unicode_is_compact,
        METH_O,
        c"PyUnicode_IS_COMPACT(s)",
    ),
    method(
        c"unicode_is_compact_ascii",
        unicode_is_compact_ascii,
        METH_O,
        c"PyUnicode_IS_COMPACT_ASCII(s)",
    ),
    method(c"unicode_kind", unicode_kind, METH_O, c"PyUnicode_KIND(s)"),
    method(c"unicode_length", unicode_length, METH_O, c"PyUnicode_GET_LENGTH(s)"),
    method(
        c"unicode_data_address",
        unicode_data_address,
        METH_O,
        c"PyUnicode_DATA(s) as an integer",
    ),
    method(
        c"recursion_depth",
        recursion_depth,
        METH_O,
        c"(levels of _Py_EnterRecursiveCallTstate(where) entered, message of the RecursionError that stopped the next one)",
    ),
    method(
        c"link_stats",
        link_stats,
        METH_NOARGS,
        c"(deallocator calls, bodies run, deepest nesting) of Link since the last call",
    ),
    PyMethodDef {
        ml_name: core::ptr::null(),
        ml_meth: None,
        ml_flags: 0,
        ml_doc: core::ptr::null(),
    },
];

const SLOTS: &[PyModuleDef_Slot] = &[
    PyModuleDef_Slot {
        slot: Py_mod_exec,
        value: link::add_type as *mut c_void,
    },
    // The module keeps no state (Link's counters are only read by
    // single-threaded tests), so it is safe in any interpreter and without
    // the GIL.
    #[cfg(Py_3_12)]
    PyModuleDef_Slot {
        slot: Py_mod_multiple_interpreters,
        value: Py_MOD_PER_INTERPRETER_GIL_SUPPORTED,
    },
    #[cfg(Py_3_13)]
    PyModuleDef_Slot {
        slot: Py_mod_gil,
        value: Py_MOD_GIL_NOT_USED,
    },
    PyModuleDef_Slot {
        slot: 0,
        value: null_mut(),
    },
];

static mut MODULE: PyModuleDef = PyModuleDef {
    m_base: PyModuleDef_HEAD_INIT,
    m_name: c"_testrustprobe".as_ptr(),
    m_doc: c"cpython-sys's hand-written macro equivalents, for comparison with the C macros.".as_ptr(),
    m_size: 0,
    m_methods: METHODS.as_ptr().cast_mut(),
    m_slots: SLOTS.as_ptr().cast_mut(),
    m_traverse: None,
    m_clear: None,
    m_free: None,
};

/// # Safety
/// Called by the import machinery, with an attached thread state.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyInit__testrustprobe() -> *mut PyObject {
    // SAFETY: MODULE lives forever and is handed over once per import;
    // PyModuleDef_Init is the documented multi-phase entry point.
    unsafe { PyModuleDef_Init(&raw mut MODULE) }
}

/// The `index`th positional argument of a fast call, after checking the count.
///
/// # Safety
/// `args` holds `nargs` valid references.
unsafe fn fast_args<const N: usize>(
    name: &CStr,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> Option<[*mut PyObject; N]> {
    if nargs != N as Py_ssize_t {
        // SAFETY: formatting into a new exception; the arguments match the format.
        unsafe {
            PyErr_Format(
                PyExc_TypeError,
                c"%s() takes exactly %d arguments (%zd given)".as_ptr(),
                name.as_ptr(),
                N as c_int,
                nargs,
            )
        };
        return None;
    }
    // SAFETY: the count was checked against the caller's array.
    Some(core::array::from_fn(|index| unsafe { *args.add(index) }))
}

/// Reads a Python int as a `Py_ssize_t`; on failure an exception is set.
///
/// # Safety
/// `op` is a valid reference.
unsafe fn index_arg(op: *mut PyObject) -> Option<Py_ssize_t> {
    // SAFETY: `op` is a valid reference.
    let value = unsafe { PyLong_AsSsize_t(op) };
    // SAFETY: only reads the thread's error indicator.
    if value == -1 && !unsafe { PyErr_Occurred() }.is_null() {
        None
    } else {
        Some(value)
    }
}

fn from_bool(value: bool) -> *mut PyObject {
    // SAFETY: True and False are immortal or kept alive by the interpreter;
    // the new reference is the caller's.
    unsafe { Py_NewRef(if value { Py_True() } else { Py_False() }) }
}

fn from_ssize(value: Py_ssize_t) -> *mut PyObject {
    // SAFETY: PyLong_FromSsize_t takes any value.
    unsafe { PyLong_FromSsize_t(value) }
}

/// The bytes of a header struct, for comparison with C's.
fn bytes_of<T>(value: &T) -> *mut PyObject {
    // SAFETY: only called with object headers, whose fields tile them with no
    // padding (tests/abi.rs checks every offset), so all bytes are initialised.
    unsafe {
        PyBytes_FromStringAndSize(
            (value as *const T).cast::<c_char>(),
            core::mem::size_of::<T>() as Py_ssize_t,
        )
    }
}

unsafe extern "C" fn refcnt(_module: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    // SAFETY: `op` is the caller's argument, alive for the call.
    from_ssize(unsafe { Py_REFCNT(op) })
}

unsafe extern "C" fn incref(_module: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    // SAFETY: `op` is alive; the extra reference is released by `decref`.
    unsafe { Py_INCREF(op) };
    return_none_ref()
}

unsafe extern "C" fn decref(_module: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    // SAFETY: releases the reference an earlier `incref` took; the caller's
    // own reference keeps `op` alive.
    unsafe { Py_DECREF(op) };
    return_none_ref()
}

unsafe extern "C" fn xincref_xdecref_null(_module: *mut PyObject, _unused: *mut PyObject) -> *mut PyObject {
    // SAFETY: both accept null and then do nothing.
    unsafe {
        Py_XINCREF(null_mut());
        Py_XDECREF(null_mut());
    }
    return_none_ref()
}

unsafe extern "C" fn newref(_module: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    // SAFETY: `op` is alive; the new reference is returned.
    unsafe { Py_NewRef(op) }
}

unsafe extern "C" fn clear_new_reference(_module: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    // SAFETY: the slot owns the new reference, which Py_CLEAR releases.
    let mut slot = unsafe { Py_NewRef(op) };
    // SAFETY: as above.
    unsafe { Py_CLEAR(&raw mut slot) };
    from_bool(slot.is_null())
}

unsafe extern "C" fn is_immortal(_module: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    #[cfg(Py_3_12)]
    // SAFETY: `op` is alive.
    return from_bool(unsafe { _Py_IsImmortal(op) });
    #[cfg(not(Py_3_12))]
    {
        let _ = op;
        from_bool(false)
    }
}

unsafe extern "C" fn type_of(_module: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    // SAFETY: `op` is alive and its type outlives it.
    unsafe { Py_NewRef(Py_TYPE(op).cast()) }
}

unsafe extern "C" fn size_of(_module: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    // SAFETY: the test passes variable-size objects only.
    from_ssize(unsafe { Py_SIZE(op) })
}

unsafe extern "C" fn is_type(_module: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    // SAFETY: the arguments of this call.
    let Some([op, ob_type]) = (unsafe { fast_args(c"is_type", args, nargs) }) else {
        return null_mut();
    };
    // SAFETY: both are alive; Py_IS_TYPE compares addresses only.
    from_bool(unsafe { Py_IS_TYPE(op, ob_type.cast()) })
}

unsafe extern "C" fn tuple_item(
    _module: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: the arguments of this call.
    let Some([tuple, index]) = (unsafe { fast_args(c"tuple_item", args, nargs) }) else {
        return null_mut();
    };
    // SAFETY: `index` is alive.
    let Some(index) = (unsafe { index_arg(index) }) else {
        return null_mut();
    };
    // SAFETY: the test passes a tuple and an index in range.
    unsafe { Py_NewRef(PyTuple_GET_ITEM(tuple, index)) }
}

unsafe extern "C" fn tuple_size(_module: *mut PyObject, tuple: *mut PyObject) -> *mut PyObject {
    // SAFETY: the test passes a tuple.
    from_ssize(unsafe { PyTuple_GET_SIZE(tuple) })
}

unsafe extern "C" fn list_item(_module: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    // SAFETY: the arguments of this call.
    let Some([list, index]) = (unsafe { fast_args(c"list_item", args, nargs) }) else {
        return null_mut();
    };
    // SAFETY: `index` is alive.
    let Some(index) = (unsafe { index_arg(index) }) else {
        return null_mut();
    };
    // SAFETY: the test passes a list and an index in range.
    unsafe { Py_NewRef(PyList_GET_ITEM(list, index)) }
}

unsafe extern "C" fn list_size(_module: *mut PyObject, list: *mut PyObject) -> *mut PyObject {
    // SAFETY: the test passes a list.
    from_ssize(unsafe { PyList_GET_SIZE(list) })
}

unsafe extern "C" fn list_set_item(
    _module: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: the arguments of this call.
    let Some([list, index, value]) = (unsafe { fast_args(c"list_set_item", args, nargs) }) else {
        return null_mut();
    };
    // SAFETY: `index` is alive.
    let Some(index) = (unsafe { index_arg(index) }) else {
        return null_mut();
    };
    // SAFETY: the test passes a list and an index in range; the old item's
    // reference is released as PyList_SET_ITEM does not, and the slot takes
    // a new reference to `value`.
    unsafe {
        let old = PyList_GET_ITEM(list, index);
        PyList_SET_ITEM(list, index, Py_NewRef(value));
        Py_DECREF(old);
    }
    return_none_ref()
}

unsafe extern "C" fn bytes_address(_module: *mut PyObject, bytes: *mut PyObject) -> *mut PyObject {
    // SAFETY: the test passes a bytes object; only its address is taken.
    unsafe { PyLong_FromVoidPtr(PyBytes_AS_STRING(bytes).cast::<c_void>()) }
}

unsafe extern "C" fn bytes_size(_module: *mut PyObject, bytes: *mut PyObject) -> *mut PyObject {
    // SAFETY: the test passes a bytes object.
    from_ssize(unsafe { PyBytes_GET_SIZE(bytes) })
}

unsafe extern "C" fn object_head_init(_module: *mut PyObject, _unused: *mut PyObject) -> *mut PyObject {
    bytes_of(&PyObject_HEAD_INIT(null_mut()))
}

unsafe extern "C" fn module_def_head_init(_module: *mut PyObject, _unused: *mut PyObject) -> *mut PyObject {
    bytes_of(&PyModuleDef_HEAD_INIT)
}

unsafe extern "C" fn exception_instance_check(_module: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    // SAFETY: `op` is alive.
    from_bool(unsafe { PyExceptionInstance_Check(op) })
}

unsafe extern "C" fn exception_class_check(_module: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    // SAFETY: `op` is alive.
    from_bool(unsafe { PyExceptionClass_Check(op) })
}

unsafe extern "C" fn type_has_feature(
    _module: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject {
    // SAFETY: the arguments of this call.
    let Some([ob_type, flag]) = (unsafe { fast_args(c"type_has_feature", args, nargs) }) else {
        return null_mut();
    };
    // SAFETY: `flag` is alive.
    let flag = unsafe { PyLong_AsUnsignedLong(flag) };
    // SAFETY: only reads the thread's error indicator.
    if !unsafe { PyErr_Occurred() }.is_null() {
        return null_mut();
    }
    // SAFETY: the test passes a type.
    from_bool(unsafe { PyType_HasFeature(ob_type.cast(), flag) })
}

unsafe extern "C" fn bytes_check(_module: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    // SAFETY: `op` is alive.
    from_bool(unsafe { PyBytes_Check(op) })
}

unsafe extern "C" fn unicode_check(_module: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    // SAFETY: `op` is alive.
    from_bool(unsafe { PyUnicode_Check(op) })
}

unsafe extern "C" fn unicode_is_ascii(_module: *mut PyObject, text: *mut PyObject) -> *mut PyObject {
    // SAFETY: the test passes a str.
    from_bool(unsafe { PyUnicode_IS_ASCII(text) })
}

unsafe extern "C" fn unicode_is_compact(_module: *mut PyObject, text: *mut PyObject) -> *mut PyObject {
    // SAFETY: the test passes a str.
    from_bool(unsafe { PyUnicode_IS_COMPACT(text) })
}

unsafe extern "C" fn unicode_is_compact_ascii(_module: *mut PyObject, text: *mut PyObject) -> *mut PyObject {
    // SAFETY: the test passes a str.
    from_bool(unsafe { PyUnicode_IS_COMPACT_ASCII(text) })
}

unsafe extern "C" fn unicode_kind(_module: *mut PyObject, text: *mut PyObject) -> *mut PyObject {
    // SAFETY: the test passes a str.
    from_ssize(unsafe { PyUnicode_KIND(text) } as Py_ssize_t)
}

unsafe extern "C" fn unicode_length(_module: *mut PyObject, text: *mut PyObject) -> *mut PyObject {
    // SAFETY: the test passes a str.
    from_ssize(unsafe { PyUnicode_GET_LENGTH(text) })
}

unsafe extern "C" fn unicode_data_address(_module: *mut PyObject, text: *mut PyObject) -> *mut PyObject {
    // SAFETY: the test passes a str; only the address of its characters is taken.
    unsafe { PyLong_FromVoidPtr(PyUnicode_DATA(text)) }
}

fn return_none_ref() -> *mut PyObject {
    // SAFETY: None is always alive; the new reference is the caller's.
    unsafe { Py_NewRef(Py_None()) }
}
