//! Constants of the C API that bindgen misses or gets wrong, hand-written per
//! version. Each is listed in [`HAND_WRITTEN_CONSTANTS`], which tests/abi.rs
//! compares with the C compiler's value of the C expression.
//!
//! - The module slot values (`Py_MOD_GIL_NOT_USED`, ...) are `(void *)` casts.
//! - 3.14 initialises static objects with `_Py_STATIC_IMMORTAL_INITIAL_REFCNT`,
//!   a cast expression.
//! - 3.15 numbers the module slots, `Py_bf_*` and two `Py_mp_*` slots through
//!   `_Py_SLOT_COMPAT_VALUE(old, new)`, a function-like macro bindgen cannot
//!   expand: the new number unless the limited API of an older version is
//!   asked for, which this crate never does.
//! - 3.11 declares the member types in structmember.h as `T_INT` etc.; the
//!   `Py_T_*` names, which Python.h provides from 3.12 on, are given here
//!   with the same values so module code can use one spelling.

/// A constant checked against C: its Rust name, the C expression for it in
/// this configuration, and its value as an integer.
#[doc(hidden)]
pub struct HandWrittenConstant {
    pub name: &'static str,
    pub c_expression: &'static str,
    pub value: i64,
}

macro_rules! c_spelling {
    ($name:ident) => {
        stringify!($name)
    };
    ($name:ident, $c:literal) => {
        $c
    };
}

macro_rules! hand_written_constants {
    ($( $(#[$attr:meta])* $name:ident: $ty:ty = $value:expr $(=> $c:literal)?; )*) => {
        $( $(#[$attr])* pub const $name: $ty = ($value) as $ty; )*

        #[doc(hidden)]
        pub const HAND_WRITTEN_CONSTANTS: &[HandWrittenConstant] = &[$(
            $(#[$attr])*
            HandWrittenConstant { name: stringify!($name), c_expression: c_spelling!($name $(, $c)?), value: ($value) as i64 },
        )*];
    };
}

hand_written_constants! {
    #[cfg(Py_3_12)]
    Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED: *mut core::ffi::c_void = 0;
    #[cfg(Py_3_12)]
    Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED: *mut core::ffi::c_void = 1;
    #[cfg(Py_3_12)]
    Py_MOD_PER_INTERPRETER_GIL_SUPPORTED: *mut core::ffi::c_void = 2;
    #[cfg(Py_3_13)]
    Py_MOD_GIL_USED: *mut core::ffi::c_void = 0;
    #[cfg(Py_3_13)]
    Py_MOD_GIL_NOT_USED: *mut core::ffi::c_void = 1;

    #[cfg(all(Py_3_14, target_pointer_width = "64"))]
    _Py_STATIC_IMMORTAL_INITIAL_REFCNT: crate::Py_ssize_t = (3 << 30) | ((STATIC_FLAG_BITS as i64) << 48);
    #[cfg(all(Py_3_14, target_pointer_width = "32"))]
    _Py_STATIC_IMMORTAL_INITIAL_REFCNT: crate::Py_ssize_t = 7 << 28;

    #[cfg(Py_3_15)] Py_mod_create: core::ffi::c_int = 84;
    #[cfg(Py_3_15)] Py_mod_exec: core::ffi::c_int = 85;
    #[cfg(Py_3_15)] Py_mod_multiple_interpreters: core::ffi::c_int = 86;
    #[cfg(Py_3_15)] Py_mod_gil: core::ffi::c_int = 87;
    #[cfg(Py_3_15)] Py_bf_getbuffer: core::ffi::c_int = 88;
    #[cfg(Py_3_15)] Py_bf_releasebuffer: core::ffi::c_int = 89;
    #[cfg(Py_3_15)] Py_mp_ass_subscript: core::ffi::c_int = 90;
    #[cfg(Py_3_15)] Py_mp_length: core::ffi::c_int = 91;

    #[cfg(not(Py_3_12))] Py_T_SHORT: core::ffi::c_int = 0 => "T_SHORT";
    #[cfg(not(Py_3_12))] Py_T_INT: core::ffi::c_int = 1 => "T_INT";
    #[cfg(not(Py_3_12))] Py_T_LONG: core::ffi::c_int = 2 => "T_LONG";
    #[cfg(not(Py_3_12))] Py_T_FLOAT: core::ffi::c_int = 3 => "T_FLOAT";
    #[cfg(not(Py_3_12))] Py_T_DOUBLE: core::ffi::c_int = 4 => "T_DOUBLE";
    #[cfg(not(Py_3_12))] Py_T_STRING: core::ffi::c_int = 5 => "T_STRING";
    #[cfg(not(Py_3_12))] _Py_T_OBJECT: core::ffi::c_int = 6 => "T_OBJECT";
    #[cfg(not(Py_3_12))] Py_T_CHAR: core::ffi::c_int = 7 => "T_CHAR";
    #[cfg(not(Py_3_12))] Py_T_BYTE: core::ffi::c_int = 8 => "T_BYTE";
    #[cfg(not(Py_3_12))] Py_T_UBYTE: core::ffi::c_int = 9 => "T_UBYTE";
    #[cfg(not(Py_3_12))] Py_T_USHORT: core::ffi::c_int = 10 => "T_USHORT";
    #[cfg(not(Py_3_12))] Py_T_UINT: core::ffi::c_int = 11 => "T_UINT";
    #[cfg(not(Py_3_12))] Py_T_ULONG: core::ffi::c_int = 12 => "T_ULONG";
    #[cfg(not(Py_3_12))] Py_T_STRING_INPLACE: core::ffi::c_int = 13 => "T_STRING_INPLACE";
    #[cfg(not(Py_3_12))] Py_T_BOOL: core::ffi::c_int = 14 => "T_BOOL";
    #[cfg(not(Py_3_12))] Py_T_OBJECT_EX: core::ffi::c_int = 16 => "T_OBJECT_EX";
    #[cfg(not(Py_3_12))] Py_T_LONGLONG: core::ffi::c_int = 17 => "T_LONGLONG";
    #[cfg(not(Py_3_12))] Py_T_ULONGLONG: core::ffi::c_int = 18 => "T_ULONGLONG";
    #[cfg(not(Py_3_12))] Py_T_PYSSIZET: core::ffi::c_int = 19 => "T_PYSSIZET";
    #[cfg(not(Py_3_12))] _Py_T_NONE: core::ffi::c_int = 20 => "T_NONE";
    #[cfg(not(Py_3_12))] Py_READONLY: core::ffi::c_int = 1 => "READONLY";
    #[cfg(not(Py_3_12))] Py_AUDIT_READ: core::ffi::c_int = 2 => "READ_RESTRICTED";
}

/// `_Py_STATIC_FLAG_BITS`: the `ob_flags` of a statically allocated object.
#[cfg(all(Py_3_14, target_pointer_width = "64"))]
const STATIC_FLAG_BITS: u32 = crate::_Py_STATICALLY_ALLOCATED_FLAG | crate::_Py_IMMORTAL_FLAGS;
