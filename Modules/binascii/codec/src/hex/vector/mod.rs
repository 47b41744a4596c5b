//! Bulk hexadecimal, many bytes at a time.
//!
//! Encoding has no special cases, so the kernels encode everything. Decoding
//! stops before the first character that is not a hex digit: separators,
//! odd lengths and errors go back to the caller's exact code.
//!
//! Every path produces the same bytes; `crate::cpu` picks one per process.

use crate::Output;
use crate::cpu::{self, Path};

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
mod avx512;
#[cfg(target_arch = "x86_64")]
mod grouped;
mod scalar;
#[cfg(target_arch = "x86_64")]
mod ssse3;

/// Lowercase digits, indexed by nibble.
const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Appends the lowercase hex of every byte of `input` (2 characters per
/// byte, high nibble first) to `out`; returns `input.len()`.
///
/// Panics unless `out.remaining() >= 2 * input.len()`.
pub fn encode_prefix(input: &[u8], out: &mut Output<'_>) -> usize {
    // SAFETY: `cpu::selected()` only ever picks a path the CPU has.
    unsafe { encode_on(cpu::selected(), input, out) }
}

/// For each `group` bytes of `input` (the last group may be shorter),
/// appends `separator` then their lowercase hex to `out`.
///
/// Panics if `group` is 0, or unless `out.remaining()` is at least
/// `2 * input.len() + input.len().div_ceil(group)`.
pub fn encode_groups(input: &[u8], group: usize, separator: u8, out: &mut Output<'_>) {
    // SAFETY: `cpu::selected()` only ever picks a path the CPU has.
    unsafe { encode_groups_on_path(cpu::selected(), input, group, separator, out) }
}

/// Finds the first byte of `input` that is not a hex digit (`0-9a-fA-F`), or
/// its end, at `k`; decodes `input[..2 * (k / 2)]` (pairs, high nibble first),
/// appending a byte per pair to `out`, and returns `2 * (k / 2)`.
///
/// Panics unless `out.remaining() >= input.len() / 2`.
pub fn decode_prefix(input: &[u8], out: &mut Output<'_>) -> usize {
    // SAFETY: `cpu::selected()` only ever picks a path the CPU has.
    unsafe { decode_on(cpu::selected(), input, out) }
}

/// `encode_prefix` on the given path, for tests and benchmarks; `None`, with
/// nothing written, when this CPU cannot run the path.
#[doc(hidden)]
pub fn encode_prefix_on(path: Path, input: &[u8], out: &mut Output<'_>) -> Option<usize> {
    // SAFETY: the CPU has `path`: `is_available()` just said so.
    path.is_available().then(|| unsafe { encode_on(path, input, out) })
}

/// `encode_groups` on the given path, for tests and benchmarks; `None`, with
/// nothing written, when this CPU cannot run the path.
#[doc(hidden)]
pub fn encode_groups_on(path: Path, input: &[u8], group: usize, separator: u8, out: &mut Output<'_>) -> Option<()> {
    // SAFETY: the CPU has `path`: `is_available()` just said so.
    path.is_available()
        .then(|| unsafe { encode_groups_on_path(path, input, group, separator, out) })
}

/// `decode_prefix` on the given path, for tests and benchmarks; `None`, with
/// nothing written, when this CPU cannot run the path.
#[doc(hidden)]
pub fn decode_prefix_on(path: Path, input: &[u8], out: &mut Output<'_>) -> Option<usize> {
    // SAFETY: the CPU has `path`: `is_available()` just said so.
    path.is_available().then(|| unsafe { decode_on(path, input, out) })
}

/// # Safety
/// The CPU must have `path` (`path.is_available()`).
unsafe fn encode_on(path: Path, input: &[u8], out: &mut Output<'_>) -> usize {
    assert!(out.remaining() >= 2 * input.len(), "hex output buffer too small");
    let spare = out.spare();
    let consumed = match path {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the caller vouches that the CPU has `path`, so AVX-512 F,
        // BW and VBMI.
        Path::Avx512Vbmi => unsafe { avx512::encode(input, spare) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the caller vouches that the CPU has `path`, so AVX2.
        Path::Avx2 => unsafe { avx2::encode(input, spare) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the caller vouches that the CPU has `path`, so SSSE3.
        Path::Ssse3 => unsafe { ssse3::encode(input, spare) },
        Path::Scalar => scalar::encode(input, spare),
    };
    debug_assert_eq!(consumed, input.len());
    // SAFETY: every kernel initialises the first 2 bytes of `spare` per byte
    // it consumes.
    unsafe { out.advance(2 * consumed) };
    consumed
}

/// # Safety
/// The CPU must have `path` (`path.is_available()`).
unsafe fn encode_groups_on_path(path: Path, input: &[u8], group: usize, separator: u8, out: &mut Output<'_>) {
    assert!(group > 0, "hex groups cannot be empty");
    let len = 2 * input.len() + input.len().div_ceil(group);
    assert!(out.remaining() >= len, "hex output buffer too small");
    let spare = out.spare();
    let written = match path {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the caller vouches that the CPU has `path`, so AVX-512 F,
        // BW and VBMI.
        Path::Avx512Vbmi if group <= grouped::MAX_LANE_GROUP => unsafe {
            avx512::encode_groups(input, group, separator, spare)
        },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the caller vouches that the CPU has `path`, so AVX2.
        Path::Avx2 if group <= grouped::MAX_LANE_GROUP => unsafe {
            avx2::encode_groups(input, group, separator, spare)
        },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the caller vouches that the CPU has `path`, so SSSE3.
        Path::Ssse3 if group <= grouped::MAX_LANE_GROUP => unsafe {
            ssse3::encode_groups(input, group, separator, spare)
        },
        // Groups too large for the lanes, or no vectors: a group at a time.
        _ => {
            for chunk in input.chunks(group) {
                out.push(separator);
                // SAFETY: the caller vouches that the CPU has `path`.
                unsafe { encode_on(path, chunk, out) };
            }
            return;
        }
    };
    debug_assert_eq!(written, len);
    // SAFETY: the kernels initialise the first `written` bytes of `spare`.
    unsafe { out.advance(written) };
}

/// # Safety
/// The CPU must have `path` (`path.is_available()`).
unsafe fn decode_on(path: Path, input: &[u8], out: &mut Output<'_>) -> usize {
    let pairs = input.len() / 2;
    assert!(out.remaining() >= pairs, "hex output buffer too small");
    let input = &input[..2 * pairs];
    let spare = out.spare();
    let consumed = match path {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the caller vouches that the CPU has `path`, so AVX-512 F,
        // BW and VBMI.
        Path::Avx512Vbmi => unsafe { avx512::decode(input, spare) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the caller vouches that the CPU has `path`, so AVX2.
        Path::Avx2 => unsafe { avx2::decode(input, spare) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: the caller vouches that the CPU has `path`, so SSSE3.
        Path::Ssse3 => unsafe { ssse3::decode(input, spare) },
        Path::Scalar => scalar::decode(input, spare),
    };
    // SAFETY: every kernel initialises the first byte of `spare` per 2
    // characters it consumes.
    unsafe { out.advance(consumed / 2) };
    consumed
}

/// Copies the first `count` bytes of a kernel's scratch block to `output`,
/// for blocks that end early or would not fit whole.
#[cfg(target_arch = "x86_64")]
fn write_prefix(output: &mut [std::mem::MaybeUninit<u8>], scratch: &[u8], count: usize) {
    for (slot, &byte) in output[..count].iter_mut().zip(&scratch[..count]) {
        slot.write(byte);
    }
}
