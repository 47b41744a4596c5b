//! Bulk base64 with the standard alphabet, many groups at a time.
//!
//! These kernels take over only the stretches where the exact codec could not
//! behave differently from a plain conversion: whole 3-byte groups when
//! encoding, whole 4-character groups of alphabet characters when decoding.
//! Padding, newlines, invalid characters and short tails go back to the
//! caller's state machine, so the kernels need no error handling of their own.
//!
//! Every path produces the same bytes; `crate::cpu` picks one per process.

use std::mem::MaybeUninit;

use crate::Output;
use crate::cpu::{self, Path};

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
mod avx512;
mod scalar;
#[cfg(target_arch = "x86_64")]
mod ssse3;

/// The standard alphabet, indexed by 6-bit value (the kernels' tables).
use super::ALPHABET;

/// Encodes `input[..3 * (input.len() / 3)]` (every whole 3-byte group) with
/// the standard alphabet, without padding or newlines, appending 4 characters
/// per group to `out`; returns the bytes consumed, `3 * (input.len() / 3)`.
///
/// Panics unless `out.remaining() >= 4 * (input.len() / 3)`.
pub fn encode_prefix(input: &[u8], out: &mut Output<'_>) -> usize {
    // SAFETY: `cpu::selected()` only ever picks a path the CPU has.
    unsafe { encode_on(cpu::selected(), input, out) }
}

/// Finds the first byte of `input` outside the standard alphabet (`=` and
/// `\n` are outside it too), or its end, at `k`; decodes `input[..4 * (k / 4)]`
/// (every whole 4-character group before `k`), appending 3 bytes per group to
/// `out`, and returns `4 * (k / 4)`.
///
/// Panics unless `out.remaining() >= 3 * (input.len() / 4)`.
pub fn decode_prefix(input: &[u8], out: &mut Output<'_>) -> usize {
    // SAFETY: `cpu::selected()` only ever picks a path the CPU has.
    unsafe { decode_on(cpu::selected(), input, out) }
}

/// Appends the alphabet characters at the start of `input` to `out`, in
/// order, dropping the bytes that are neither alphabet characters nor '=';
/// stops before the first '=' or when `out` is nearly full. Returns the bytes
/// of `input` consumed, or `None` on CPUs without a vector compaction (AVX2
/// or better), where decoding between the dropped bytes with
/// `decode_prefix` is the faster way.
///
/// Panics unless `out.remaining() >= 64`.
pub fn compact_prefix(input: &[u8], out: &mut Output<'_>) -> Option<usize> {
    assert!(out.remaining() >= 64, "compaction scratch too small");
    #[cfg(target_arch = "x86_64")]
    {
        let spare = out.spare();
        let (consumed, written) = match cpu::selected() {
            // SAFETY: the selected path has AVX-512 F, BW and VBMI, and VBMI2
            // was just checked: every feature the kernel enables.
            Path::Avx512Vbmi if is_x86_feature_detected!("avx512vbmi2") => unsafe { avx512::compact(input, spare) },
            // Every CPU with AVX-512 has AVX2.
            // SAFETY: both paths are only selected on CPUs with AVX2.
            Path::Avx512Vbmi | Path::Avx2 => unsafe { avx2::compact(input, spare) },
            _ => return None,
        };
        // SAFETY: both kernels initialise the first `written` bytes of
        // `spare`, the characters they report.
        unsafe { out.advance(written) };
        Some(consumed)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (input, out);
        None
    }
}

/// The compaction of `compact_prefix` a byte at a time, for the ends of the
/// vector kernels' input.
#[cfg(target_arch = "x86_64")]
fn compact_bytewise(input: &[u8], scratch: &mut [MaybeUninit<u8>]) -> (usize, usize) {
    let mut written = 0;
    for (read, &byte) in input.iter().enumerate() {
        if byte == b'=' || written == scratch.len() {
            return (read, written);
        }
        if super::is_alphabet(byte) {
            scratch[written].write(byte);
            written += 1;
        }
    }
    (input.len(), written)
}

/// `encode_prefix` on the given path, for tests and benchmarks; `None`, with
/// nothing written, when this CPU cannot run the path.
#[doc(hidden)]
pub fn encode_prefix_on(path: Path, input: &[u8], out: &mut Output<'_>) -> Option<usize> {
    // SAFETY: the CPU has `path`: `is_available()` just said so.
    path.is_available().then(|| unsafe { encode_on(path, input, out) })
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
    let groups = input.len() / 3;
    assert!(out.remaining() >= 4 * groups, "base64 output buffer too small");
    let input = &input[..3 * groups];
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
    // SAFETY: every kernel initialises the first 4 bytes of `spare` per 3 it
    // consumes.
    unsafe { out.advance(consumed / 3 * 4) };
    consumed
}

/// # Safety
/// The CPU must have `path` (`path.is_available()`).
unsafe fn decode_on(path: Path, input: &[u8], out: &mut Output<'_>) -> usize {
    let quads = input.len() / 4;
    assert!(out.remaining() >= 3 * quads, "base64 output buffer too small");
    let input = &input[..4 * quads];
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
    // SAFETY: every kernel initialises the first 3 bytes of `spare` per 4
    // characters it consumes.
    unsafe { out.advance(consumed / 4 * 3) };
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
