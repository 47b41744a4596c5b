//! The codecs behind CPython's `binascii` module, in plain Rust.
//!
//! Nothing here knows about Python: the module crate (`Modules/binascii`)
//! converts arguments, sizes the output `bytes` and turns the errors below
//! into `binascii.Error`/`binascii.Incomplete` with C's messages. Each codec
//! reproduces the C module's algorithm exactly (including what it does with
//! malformed input); the vector kernels only ever take over stretches of
//! input where the result cannot differ.

pub mod base64;
pub mod cpu;
pub mod crc;
pub mod hex;
pub mod output;
pub mod qp;
pub mod uu;

pub use output::Output;
