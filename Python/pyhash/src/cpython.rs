//! `PyHash_Func`: the hash function definition Python/pyhash.c takes from
//! elsewhere when it is compiled with `Py_HASH_ALGORITHM` 0
//! (`Py_HASH_EXTERNAL`), as `./configure --with-rust` arranges. CPython then
//! calls `PyHash_Func.hash` for every `str`, `bytes` and `memoryview` it
//! hashes, and `sys.hash_info` reports its name and sizes.
//!
//! This is the crate's whole interface with C, and the only `unsafe` in it:
//! core code that replaces a C definition speaks the C ABI itself, with no
//! cpython-sys (which binds the public API for extension modules, needs std
//! and a build script) in between.

use core::ffi::{CStr, c_char, c_int, c_void};

#[cfg(all(feature = "siphash13", feature = "siphash24"))]
compile_error!("the features siphash13 and siphash24 each define PyHash_Func: enable one");

/// `PyHash_FuncDef` of Include/cpython/pyhash.h.
#[repr(C)]
pub struct HashFunctionDefinition {
    hash: unsafe extern "C" fn(*const c_void, isize) -> isize,
    name: *const c_char,
    hash_bits: c_int,
    seed_bits: c_int,
}

// SAFETY: the definition is never written, by Rust or by C (pyhash.c only
// reads it), and `name` points to a static string.
unsafe impl Sync for HashFunctionDefinition {}

/// The SipHash fields of `_Py_HashSecret_t` (Include/internal/pycore_pyhash.h),
/// a 24-byte union whose `siphash` member is its first 16 bytes.
#[repr(C)]
struct HashSecret {
    k0: u64,
    k1: u64,
    unused: [u8; 8],
}

unsafe extern "C" {
    /// Filled in once by CPython's `_Py_HashRandomization_Init`, from
    /// PYTHONHASHSEED or the OS's random source, before anything is hashed.
    static _Py_HashSecret: HashSecret;
}

/// The key as pyhash.c reads it: the secret's two words, little-endian.
fn key() -> (u64, u64) {
    // SAFETY: `_Py_HashSecret` is a static of the interpreter this is linked
    // into, 24 bytes with k0 and k1 first (`HashSecret`), written only during
    // startup, before the first hash.
    let (k0, k1) = unsafe { (_Py_HashSecret.k0, _Py_HashSecret.k1) };
    (u64::from_le(k0), u64::from_le(k1))
}

// The algorithm the feature names, and its name for sys.hash_info.
#[cfg(feature = "siphash13")]
use crate::siphash13 as siphash;
#[cfg(feature = "siphash13")]
const NAME: &CStr = c"siphash13";
#[cfg(feature = "siphash24")]
use crate::siphash24 as siphash;
#[cfg(feature = "siphash24")]
const NAME: &CStr = c"siphash24";

/// `PyHash_Func.hash`: the hash of `len` bytes at `src`.
///
/// # Safety
/// `src` points to `len` readable bytes, unchanged during the call.
unsafe extern "C" fn hash(src: *const c_void, len: isize) -> isize {
    let (k0, k1) = key();
    match usize::try_from(len) {
        // SAFETY: the caller's guarantee.
        Ok(len @ 1..) => siphash(k0, k1, unsafe { core::slice::from_raw_parts(src.cast::<u8>(), len) }) as isize,
        // Apart, so that the common case's pointer does not wait on a
        // conditional move: _Py_HashBytes returns 0 itself for empty input
        // (whose pointer may be anything), only other callers come here.
        _ => empty_message_hash(k0, k1),
    }
}

#[cold]
fn empty_message_hash(k0: u64, k1: u64) -> isize {
    siphash(k0, k1, &[]) as isize
}

/// The definition pyhash.c declares as `extern PyHash_FuncDef PyHash_Func`.
#[unsafe(no_mangle)]
pub static PyHash_Func: HashFunctionDefinition = HashFunctionDefinition {
    hash,
    name: NAME.as_ptr(),
    hash_bits: 64,
    seed_bits: 128,
};
