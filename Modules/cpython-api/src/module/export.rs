//! A module definition as 3.15's import system asks `PyModExport_<name>`
//! for it (PEP 793): one array of `PySlot`s (PEP 820) holding what
//! `PyModuleDef`'s fields and slots say, plus the ABI the module was built
//! for and the token that identifies its modules.

use core::ffi::{CStr, c_int, c_void};

use cpython_sys as ffi;

/// Room for every slot `fill` writes, the terminator included.
pub(super) const EXPORT_SLOTS: usize = 13;

pub(super) const END: ffi::PySlot = slot(0, 0, Value::Pointer(core::ptr::null_mut()));

/// What CPython checks the module against before it uses anything else:
/// built for this version, with or without the GIL, not the stable ABI.
static ABI: ffi::PyABIInfo = ffi::PyABIInfo {
    abiinfo_major_version: 1,
    abiinfo_minor_version: 0,
    flags: if cfg!(Py_GIL_DISABLED) {
        ffi::PyABIInfo_FREETHREADED
    } else {
        ffi::PyABIInfo_GIL
    } as u16,
    build_version: ffi::PY_VERSION_HEX,
    abi_version: ffi::PY_VERSION_HEX,
};

enum Value {
    /// Data that outlives the module (`PySlot_STATIC`): CPython keeps the
    /// pointer rather than a copy.
    Static(*const c_void),
    /// A pointer-sized datum (`PySlot_INTPTR`).
    Pointer(*mut c_void),
    Function(unsafe extern "C" fn()),
    Size(ffi::Py_ssize_t),
}

const fn slot(id: c_int, flags: u32, value: Value) -> ffi::PySlot {
    let (flags, payload) = match value {
        Value::Static(pointer) => (
            flags | ffi::PySlot_STATIC,
            ffi::PySlot__bindgen_ty_2 {
                sl_ptr: pointer.cast_mut(),
            },
        ),
        Value::Pointer(pointer) => (
            flags | ffi::PySlot_INTPTR,
            ffi::PySlot__bindgen_ty_2 { sl_ptr: pointer },
        ),
        Value::Function(function) => (
            flags,
            ffi::PySlot__bindgen_ty_2 {
                sl_func: Some(function),
            },
        ),
        Value::Size(size) => (flags, ffi::PySlot__bindgen_ty_2 { sl_size: size }),
    };
    ffi::PySlot {
        sl_id: id as u16,
        sl_flags: flags as u16,
        __bindgen_anon_1: ffi::PySlot__bindgen_ty_1 { sl_reserved: 0 },
        __bindgen_anon_2: payload,
    }
}

/// Writes `def`, its `slots` (up to the first zero one) and `token` into
/// `array` as export slots.
pub(super) fn fill(
    array: &mut [ffi::PySlot; EXPORT_SLOTS],
    def: &ffi::PyModuleDef,
    slots: &[ffi::PyModuleDef_Slot],
    token: *mut c_void,
) {
    // SAFETY: a definition's name is a static C string.
    let name = unsafe { CStr::from_ptr(def.m_name) };
    let mut written = [
        slot(ffi::Py_mod_abi, 0, Value::Pointer((&raw const ABI).cast_mut().cast())),
        slot(ffi::Py_mod_name, 0, Value::Static(name.as_ptr().cast())),
        slot(ffi::Py_mod_token, 0, Value::Pointer(token)),
        slot(ffi::Py_mod_methods, 0, Value::Static(def.m_methods.cast_const().cast())),
        slot(ffi::Py_mod_state_size, 0, Value::Size(def.m_size)),
    ]
    .into_iter()
    .chain(def.m_traverse.map(|traverse| {
        // SAFETY: only the signature changes; CPython calls the slot as the
        // traverseproc it is.
        let function = unsafe { core::mem::transmute(traverse) };
        slot(ffi::Py_mod_state_traverse, 0, Value::Function(function))
    }))
    .chain(def.m_clear.map(|clear| {
        // SAFETY: as above, an inquiry.
        let function = unsafe { core::mem::transmute(clear) };
        slot(ffi::Py_mod_state_clear, 0, Value::Function(function))
    }))
    .chain(def.m_free.map(|free| {
        // SAFETY: as above, a freefunc.
        let function = unsafe { core::mem::transmute(free) };
        slot(ffi::Py_mod_state_free, 0, Value::Function(function))
    }))
    .chain((!def.m_doc.is_null()).then(|| slot(ffi::Py_mod_doc, 0, Value::Static(def.m_doc.cast()))))
    .chain(slots.iter().take_while(|old| old.slot != 0).map(|old| {
        if old.slot == ffi::Py_mod_exec {
            // SAFETY: as above: the exec slot's value is its function.
            slot(old.slot, 0, Value::Function(unsafe { core::mem::transmute(old.value) }))
        } else {
            slot(old.slot, 0, Value::Pointer(old.value))
        }
    }));
    for (place, value) in array.iter_mut().zip(&mut written) {
        *place = value;
    }
    assert!(written.next().is_none(), "module export: more slots than EXPORT_SLOTS");
}
