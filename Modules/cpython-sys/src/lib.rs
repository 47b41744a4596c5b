//! Raw FFI to the C API of one CPython: the one named when the crate was
//! built (`CPYTHON_SYS_PYTHON` or `CPYTHON_SYS_SOURCE_TREE`, see
//! `build/target.rs`).
//!
//! Most of the crate is bindgen's output for that CPython's own `Python.h`
//! (or the committed output for the same configuration). The rest is what
//! bindgen cannot produce: C macros and static inline functions, one module
//! per header as in CPython's `Include/`. Version differences are `cfg`s set
//! by the build script: `Py_3_12` means "3.12 or newer", `Py_GIL_DISABLED`,
//! `Py_DEBUG` and `Py_TRACE_REFS` mirror the C macros.
//!
//! # Safety
//! Everything here is as unsafe as the C API it mirrors: pointers must point
//! to live objects of the expected type, and an attached thread state (the
//! GIL, on builds that have one) is required unless the C documentation says
//! otherwise. The hand-written functions state their own requirements.
//! Struct layouts and constants are checked against the C compiler by
//! `tests/abi.rs`; the hand-written functions against the C macros by
//! `Lib/test/test_cpython_sys_macros.py`.
#![no_std]
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

/// bindgen's output, as generated: its constants and accessors are the
/// headers' (Py_MATH_PI is C's literal, not Rust's PI), so clippy's style
/// rules do not apply to it.
#[allow(clippy::all)]
mod bindings {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}
pub use bindings::*;
include!(concat!(env!("OUT_DIR"), "/version.rs"));

mod boolobject;
mod bytesobject;
mod ceval;
mod constants;
mod listobject;
mod moduleobject;
mod object;
mod pyerrors;
mod refcount;
mod trashcan;
mod tupleobject;
mod unicodeobject;

pub use boolobject::*;
pub use bytesobject::*;
pub use ceval::*;
pub use constants::*;
pub use listobject::*;
pub use moduleobject::*;
pub use object::*;
pub use pyerrors::*;
pub use refcount::*;
pub use trashcan::*;
pub use tupleobject::*;
pub use unicodeobject::*;
