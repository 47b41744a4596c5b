//! The safe layer over [`cpython_sys`]: module code written on it needs no
//! `unsafe` of its own.
//!
//! - [`Python`]: proof that the thread may use the C API, handed to every
//!   entry point;
//! - [`Bound`] and [`Unbound`]: object references with exact reference
//!   counting (`&Bound` is a borrowed reference);
//! - [`PyErr`] and [`PyResult`]: exceptions as errors, propagated with `?`,
//!   fetched, inspected and chained;
//! - [`MethodDef`] and the calling-convention traits of [`function`];
//! - [`ModuleDef`] and [`ModuleState`]: multi-phase modules with typed state;
//! - [`ClassDef`] and [`PyClass`]: heap types whose instances hold a Rust
//!   value, with garbage collector support;
//! - [`types`]: building and reading built-in objects;
//! - [`Buffer`]: the bytes of any bytes-like object, released on drop;
//! - [`critical_section`]: per-object locking on free-threaded builds.
//!
//! Every call from C into Rust goes through [`entry`], which catches panics
//! and raises `SystemError` instead: no panic unwinds into C.

pub use cpython_sys as ffi;

mod buffer;
pub mod class;
pub mod clinic;
pub mod entry;
mod err;
pub mod exceptions;
pub mod function;
mod module;
mod object;
mod python;
mod recursion;
mod shared_bytes;
mod sync;
pub mod types;

pub use buffer::{Buffer, MAX_GRANULE};
pub use class::{Class, ClassDef, ClassMethodDef, PyClass, Subclassing};
pub use err::{PyErr, PyResult};
pub use function::{Arguments, MethodDef};
pub use module::{ModuleDef, ModuleState, TraverseError, Visit};
pub use object::{Bound, Unbound};
pub use python::Python;
pub use sync::critical_section;
