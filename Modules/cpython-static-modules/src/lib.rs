//! The Rust modules built into a CPython interpreter.
//!
//! CPython links built-in modules into `python` (or `libpython`) and finds
//! them through `PyInit_<name>` in `Modules/config.c`. Linking each Rust
//! module's own static library would bring one copy of Rust's standard
//! library per module, and their copies of the same symbols would clash, so
//! the built-in ones are gathered here into a single archive. Which modules
//! it holds is chosen with features (see Cargo.toml); the re-exports keep
//! each chosen module's `PyInit_` function in the archive.

#![no_std]

#[cfg(feature = "binascii")]
pub use binascii::PyInit_binascii;
