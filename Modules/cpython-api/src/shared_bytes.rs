//! Reading bytes that other code may be writing at the same time.
//!
//! On free-threaded builds another thread may write a `bytearray` (or any
//! writable export) while we read it, as it may while C code reads it. In
//! Rust such a plain read is a data race, undefined behaviour, so these
//! bytes are only ever read by accesses that are atomic (relaxed atomic
//! loads a machine word at a time, or on x86_64 a string move in inline
//! assembly, whose byte reads are), into memory of our own: the result may
//! mix old and new bytes, as C's reads would, without the race.
//!
//! With the GIL, which the reader holds, nothing else runs meanwhile and a
//! plain copy is exact.

use core::mem::MaybeUninit;
use std::collections::TryReserveError;

/// Copies `dst.len()` bytes from `src` into `dst`, which may start
/// uninitialised (a buffer on the stack need not be cleared first), and
/// returns them.
///
/// # Safety
/// `src` points to `dst.len()` bytes that stay allocated during the call
/// and, with the GIL (held by this thread), that nothing writes meanwhile.
pub(crate) unsafe fn load_shared<'a>(src: *const u8, dst: &'a mut [MaybeUninit<u8>]) -> &'a [u8] {
    // `src` may be null when there is nothing to copy (an empty export).
    if !dst.is_empty() {
        #[cfg(not(Py_GIL_DISABLED))]
        // SAFETY: the caller's guarantee: `dst.len()` bytes nobody writes
        // now, into memory of our own.
        unsafe {
            core::ptr::copy_nonoverlapping(src, dst.as_mut_ptr().cast::<u8>(), dst.len())
        };
        #[cfg(Py_GIL_DISABLED)]
        // SAFETY: the caller's guarantee.
        unsafe {
            load_atomically(src, dst)
        };
    }
    // SAFETY: every byte of `dst` was written above; MaybeUninit<u8> has
    // u8's layout.
    unsafe { &*(dst as *const [MaybeUninit<u8>] as *const [u8]) }
}

/// `load_shared` on free-threaded builds: [`load_by_string_move`] where
/// it is faster, else [`load_by_words`].
#[cfg(Py_GIL_DISABLED)]
unsafe fn load_atomically(src: *const u8, dst: &mut [MaybeUninit<u8>]) {
    #[cfg(target_arch = "x86_64")]
    if dst.len() >= STRING_MOVE_FROM {
        // SAFETY: the caller's guarantee.
        return unsafe { load_by_string_move(src, dst) };
    }
    // SAFETY: the caller's guarantee.
    unsafe { load_by_words(src, dst) }
}

/// The length from which a string move beats word loads: below it, its
/// start-up costs more than the loads.
#[cfg(all(Py_GIL_DISABLED, target_arch = "x86_64"))]
const STRING_MOVE_FROM: usize = 256;

/// One `rep movsb`, which reads each byte with a single access, as an
/// atomic byte load does, at the speed of `memcpy`. The copy is inline
/// assembly, outside the Rust memory model: what it reads is what the
/// hardware reads, a mix of old and new bytes at worst, as C's reads would
/// see.
#[cfg(all(Py_GIL_DISABLED, target_arch = "x86_64"))]
unsafe fn load_by_string_move(src: *const u8, dst: &mut [MaybeUninit<u8>]) {
    // SAFETY: the caller's guarantee: `dst.len()` readable bytes at `src`;
    // `dst` is ours to write. The direction flag is clear on entry to any
    // function (the System V ABI), so the copy goes forwards.
    unsafe {
        core::arch::asm!(
            "rep movsb",
            inout("rcx") dst.len() => _,
            inout("rsi") src => _,
            inout("rdi") dst.as_mut_ptr() => _,
            options(nostack, preserves_flags)
        );
    }
}

/// Bytes up to the first aligned word and after the last one loaded one by
/// one, the rest by words, all with relaxed atomic loads.
#[cfg(Py_GIL_DISABLED)]
unsafe fn load_by_words(src: *const u8, dst: &mut [MaybeUninit<u8>]) {
    use core::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
    const WORD: usize = size_of::<usize>();
    let head = src.align_offset(WORD).min(dst.len());
    let words = (dst.len() - head) / WORD;
    let tail = head + words * WORD;
    let load_byte = |index: usize| {
        // SAFETY: in bounds of the caller's allocation; others only write
        // these bytes, so an atomic read of them races with nothing.
        unsafe { AtomicU8::from_ptr(src.add(index).cast_mut()) }.load(Ordering::Relaxed)
    };
    for index in (0..head).chain(tail..dst.len()) {
        dst[index].write(load_byte(index));
    }
    for (word_index, chunk) in dst[head..tail].chunks_exact_mut(WORD).enumerate() {
        // SAFETY: an aligned word inside the caller's allocation (`head`
        // aligns it), read atomically as above.
        let word = unsafe { AtomicUsize::from_ptr(src.add(head + word_index * WORD).cast::<usize>().cast_mut()) }
            .load(Ordering::Relaxed);
        for (slot, byte) in chunk.iter_mut().zip(word.to_ne_bytes()) {
            slot.write(byte);
        }
    }
}

/// A copy of `len` bytes at `start`, read as [`load_shared`] reads them;
/// an error rather than an abort when there is no memory for it.
///
/// # Safety
/// As for [`load_shared`], with `len` bytes at `start`.
pub(crate) unsafe fn copy_shared(start: *const u8, len: usize) -> Result<Vec<u8>, TryReserveError> {
    let mut copy = Vec::new();
    copy.try_reserve_exact(len)?;
    // SAFETY: the caller's guarantee; the spare capacity holds `len` bytes.
    unsafe { load_shared(start, &mut copy.spare_capacity_mut()[..len]) };
    // SAFETY: those `len` bytes are now written.
    unsafe { copy.set_len(len) };
    Ok(copy)
}
