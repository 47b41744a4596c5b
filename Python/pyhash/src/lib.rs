//! The string hash of CPython's core (`Python/pyhash.c`) in Rust: SipHash-1-3,
//! CPython's default since 3.11, and SipHash-2-4 (`--with-hash-algorithm=siphash24`).
//!
//! CPython hashes the bytes of `str`, `bytes` and `memoryview` objects with a
//! 128-bit key taken from `_Py_HashSecret` (set by `PYTHONHASHSEED` or at
//! random), as two 64-bit words read in little-endian order. The functions
//! here take that key as those two words and return the 64-bit SipHash
//! value, which pyhash.c uses unchanged as the `Py_hash_t`.
//!
//! `no_std` and without dependencies: it is meant to be linked into the
//! interpreter itself, where there is no Rust runtime to rely on. With the
//! feature `siphash13` or `siphash24` it also exports `PyHash_Func`, the
//! definition pyhash.c uses when configured to take it from elsewhere
//! (src/cpython.rs).

#![no_std]

mod siphash;

pub use siphash::{siphash13, siphash24};

#[cfg(any(feature = "siphash13", feature = "siphash24"))]
mod cpython;
#[cfg(any(feature = "siphash13", feature = "siphash24"))]
pub use cpython::PyHash_Func;
