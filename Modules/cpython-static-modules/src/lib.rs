//! The Rust linked into a CPython interpreter: built-in modules, and the
//! core's string hash.
//!
//! CPython links built-in modules into `python` (or `libpython`) and finds
//! them through `PyInit_<name>` in `Modules/config.c`; Python/pyhash.c,
//! configured for it, takes `PyHash_Func` from outside. Linking a static
//! library per crate would bring one copy of Rust's standard library each,
//! and their copies of the same symbols would clash, so everything the
//! interpreter links is gathered here into a single archive. What it holds
//! is chosen with features (see Cargo.toml); the re-exports keep each chosen
//! symbol in the archive. The crate uses std, even when every chosen part
//! is `no_std`: std brings the panic handler a static library must have.

// Exported as `PyInit_binascii` (see cpython_api::module_init!).
#[cfg(feature = "binascii")]
pub use binascii::module_init as binascii_init;

#[cfg(any(feature = "pyhash-siphash13", feature = "pyhash-siphash24"))]
pub use pyhash::PyHash_Func;
