//! Reference counting: the static inline functions behind `Py_INCREF` and
//! friends (object.h up to 3.13, refcount.h from 3.14), which bindgen cannot
//! bind.
//!
//! Four representations are covered:
//! - 3.11: a plain `ob_refcnt`;
//! - 3.12 and 3.13 with the GIL: immortal objects, whose low 32 bits of
//!   `ob_refcnt` have the sign bit set (64-bit) or equal
//!   `_Py_IMMORTAL_REFCNT` (32-bit); an increment saturates at all ones;
//! - 3.14 and newer with the GIL: on 64-bit the count is the 32-bit
//!   `ob_refcnt` (beside `ob_overflow` and `ob_flags`), immortal when its
//!   sign bit is set, and an increment stops at `_Py_IMMORTAL_INITIAL_REFCNT`
//!   (so an object once immortal stays so); on 32-bit, immortal from
//!   `_Py_IMMORTAL_MINIMUM_REFCNT` up;
//! - free-threaded: a biased count, `ob_ref_local` owned by the thread in
//!   `ob_tid` plus an atomic `ob_ref_shared` for every other thread.
//!
//! Where the build script does not set `inline_refcount` (debug builds, which
//! keep a running total of references inside libpython; versions newer than
//! the ones verified here; free-threaded builds on CPUs whose thread id is
//! not read here, or of versions not verified) the exported
//! `Py_IncRef`/`Py_DecRef` are called instead, which are always right.

use crate::{Py_ssize_t, PyObject};

#[cfg(Py_GIL_DISABLED)]
pub(crate) const IMMORTAL_REFCNT_LOCAL: u32 = u32::MAX;
#[cfg(Py_GIL_DISABLED)]
const REF_SHARED_SHIFT: u32 = 2;
// On 64-bit 3.12 immortality is told by the sign bit of the low half alone:
// only 3.13's static headers and free-threaded Py_REFCNT need the value.
#[cfg(all(Py_3_13, not(Py_3_14), target_pointer_width = "64"))]
pub(crate) const IMMORTAL_REFCNT: Py_ssize_t = u32::MAX as Py_ssize_t;
#[cfg(all(Py_3_12, not(Py_3_14), target_pointer_width = "32"))]
pub(crate) const IMMORTAL_REFCNT: Py_ssize_t = (u32::MAX >> 2) as Py_ssize_t;
// What free-threaded 3.14 reports as the count of an immortal object.
#[cfg(all(Py_3_14, Py_GIL_DISABLED, target_pointer_width = "64"))]
const IMMORTAL_INITIAL_REFCNT: Py_ssize_t = 3 << 30;
#[cfg(all(Py_3_14, Py_GIL_DISABLED, target_pointer_width = "32"))]
const IMMORTAL_INITIAL_REFCNT: Py_ssize_t = 5 << 28;
#[cfg(all(Py_3_14, not(Py_GIL_DISABLED), target_pointer_width = "32"))]
const IMMORTAL_MINIMUM_REFCNT: Py_ssize_t = 1 << 30;

/// The field C's `ob->ob_refcnt` names: the whole count up to 3.13, only
/// its low 32 bits on 64-bit 3.14 and newer.
#[cfg(all(Py_3_14, not(Py_GIL_DISABLED), target_pointer_width = "64"))]
type RefCount = u32;
#[cfg(not(all(Py_3_14, not(Py_GIL_DISABLED), target_pointer_width = "64")))]
type RefCount = Py_ssize_t;

/// Address of `ob_refcnt`, which 3.12 moved into an anonymous union and
/// 64-bit 3.14 into a struct inside it.
#[cfg(not(Py_GIL_DISABLED))]
#[inline(always)]
unsafe fn ob_refcnt(op: *mut PyObject) -> *mut RefCount {
    #[cfg(not(Py_3_12))]
    // SAFETY: the caller passes a valid object; no reference is created.
    return unsafe { &raw mut (*op).ob_refcnt };
    #[cfg(any(all(Py_3_12, not(Py_3_14)), all(Py_3_14, target_pointer_width = "32")))]
    // SAFETY: as above; the union's `ob_refcnt` member spans the whole field.
    return unsafe { &raw mut (*op).__bindgen_anon_1.ob_refcnt };
    #[cfg(all(Py_3_14, target_pointer_width = "64"))]
    // SAFETY: as above; bindgen laid the struct out for the target's
    // endianness, so this is the 32 bits C's `ob_refcnt` names.
    return unsafe { &raw mut (*op).__bindgen_anon_1.__bindgen_anon_1.ob_refcnt };
}

/// The 32 bits of `ob_refcnt` that hold the count of a mortal object.
#[cfg(all(
    inline_refcount,
    Py_3_12,
    not(Py_3_14),
    not(Py_GIL_DISABLED),
    target_pointer_width = "64"
))]
#[inline(always)]
unsafe fn ob_refcnt_low_half(op: *mut PyObject) -> *mut u32 {
    let index = if cfg!(target_endian = "big") { 1 } else { 0 };
    // SAFETY: the caller passes a valid object; in bounds of the 2-element array.
    unsafe {
        (&raw mut (*op).__bindgen_anon_1.ob_refcnt_split)
            .cast::<u32>()
            .add(index)
    }
}

#[cfg(Py_GIL_DISABLED)]
#[inline(always)]
unsafe fn ob_ref_local<'a>(op: *mut PyObject) -> &'a core::sync::atomic::AtomicU32 {
    // SAFETY: the field is aligned for u32 and every thread touches it only
    // atomically (the owner with relaxed stores), as the C code does.
    unsafe { core::sync::atomic::AtomicU32::from_ptr(&raw mut (*op).ob_ref_local) }
}

#[cfg(Py_GIL_DISABLED)]
#[inline(always)]
unsafe fn ob_ref_shared<'a>(op: *mut PyObject) -> &'a core::sync::atomic::AtomicIsize {
    // SAFETY: as for `ob_ref_local`; `ob_ref_shared` is only accessed atomically.
    unsafe { core::sync::atomic::AtomicIsize::from_ptr(&raw mut (*op).ob_ref_shared) }
}

/// `_Py_ThreadId()`: the thread pointer, which free-threaded CPython stores
/// in `ob_tid` of the objects a thread owns.
#[cfg(all(Py_GIL_DISABLED, any(target_arch = "x86_64", target_arch = "aarch64")))]
#[inline(always)]
pub fn _Py_ThreadId() -> usize {
    let tid: usize;
    #[cfg(all(target_arch = "x86_64", not(target_vendor = "apple")))]
    // SAFETY: reads the thread control block pointer; no memory is written.
    unsafe {
        core::arch::asm!("mov {}, fs:0", out(reg) tid, options(nostack, readonly, preserves_flags));
    }
    #[cfg(all(target_arch = "x86_64", target_vendor = "apple"))]
    // SAFETY: as above; macOS keeps it in GS.
    unsafe {
        core::arch::asm!("mov {}, gs:0", out(reg) tid, options(nostack, readonly, preserves_flags));
    }
    #[cfg(all(target_arch = "aarch64", not(target_vendor = "apple")))]
    // SAFETY: reads the thread pointer register.
    unsafe {
        core::arch::asm!("mrs {}, tpidr_el0", out(reg) tid, options(nostack, nomem, preserves_flags));
    }
    #[cfg(all(target_arch = "aarch64", target_vendor = "apple"))]
    // SAFETY: reads the read-only thread pointer register.
    unsafe {
        core::arch::asm!("mrs {}, tpidrro_el0", out(reg) tid, options(nostack, nomem, preserves_flags));
    }
    tid
}

#[cfg(Py_GIL_DISABLED)]
#[inline(always)]
unsafe fn is_owned_by_current_thread(op: *mut PyObject) -> bool {
    // SAFETY: the caller passes a valid object. C reads `ob_tid` plainly too:
    // only the owning thread can make it equal its own id.
    unsafe { (*op).ob_tid == _Py_ThreadId() }
}

/// `Py_REFCNT(op)`.
///
/// # Safety
/// `op` points to a live object.
#[inline(always)]
pub unsafe fn Py_REFCNT(op: *mut PyObject) -> Py_ssize_t {
    #[cfg(not(Py_GIL_DISABLED))]
    // SAFETY: the caller passes a valid object.
    return unsafe { *ob_refcnt(op) } as Py_ssize_t;
    #[cfg(Py_GIL_DISABLED)]
    {
        use core::sync::atomic::Ordering::Relaxed;
        // SAFETY: the caller passes a valid object.
        let local = unsafe { ob_ref_local(op) }.load(Relaxed);
        if local == IMMORTAL_REFCNT_LOCAL {
            #[cfg(not(Py_3_14))]
            return IMMORTAL_REFCNT;
            #[cfg(Py_3_14)]
            return IMMORTAL_INITIAL_REFCNT;
        }
        // SAFETY: as above.
        let shared = unsafe { ob_ref_shared(op) }.load(Relaxed);
        local as Py_ssize_t + (shared >> REF_SHARED_SHIFT)
    }
}

/// `_Py_IsImmortal(op)`: whether reference counting ignores `op`.
///
/// # Safety
/// `op` points to a live object.
#[cfg(Py_3_12)]
#[inline(always)]
pub unsafe fn _Py_IsImmortal(op: *mut PyObject) -> bool {
    #[cfg(Py_GIL_DISABLED)]
    // SAFETY: the caller passes a valid object.
    return unsafe { ob_ref_local(op) }.load(core::sync::atomic::Ordering::Relaxed) == IMMORTAL_REFCNT_LOCAL;
    #[cfg(all(not(Py_GIL_DISABLED), target_pointer_width = "64"))]
    // SAFETY: the caller passes a valid object.
    return (unsafe { *ob_refcnt(op) } as i32) < 0;
    #[cfg(all(not(Py_GIL_DISABLED), not(Py_3_14), target_pointer_width = "32"))]
    // SAFETY: the caller passes a valid object.
    return unsafe { *ob_refcnt(op) } == IMMORTAL_REFCNT;
    #[cfg(all(not(Py_GIL_DISABLED), Py_3_14, target_pointer_width = "32"))]
    // SAFETY: the caller passes a valid object.
    return unsafe { *ob_refcnt(op) } >= IMMORTAL_MINIMUM_REFCNT;
}

#[cfg(not(inline_refcount))]
pub use exported::*;
#[cfg(inline_refcount)]
pub use inline::*;

#[cfg(inline_refcount)]
mod inline {
    use super::*;

    /// `Py_INCREF(op)`.
    ///
    /// # Safety
    /// `op` points to a live object, and the caller may touch it: it holds
    /// the GIL or, on free-threaded builds, an attached thread state.
    #[inline(always)]
    pub unsafe fn Py_INCREF(op: *mut PyObject) {
        #[cfg(not(Py_3_12))]
        // SAFETY: the caller passes a valid object and holds the GIL.
        unsafe {
            *ob_refcnt(op) += 1;
        }
        #[cfg(all(Py_3_12, not(Py_3_14), not(Py_GIL_DISABLED), target_pointer_width = "64"))]
        // SAFETY: as above. Saturating at the immortal value: an immortal
        // object's low half is all ones, so adding one would wrap to zero.
        unsafe {
            let low = ob_refcnt_low_half(op);
            let incremented = (*low).wrapping_add(1);
            if incremented != 0 {
                *low = incremented;
            }
        }
        #[cfg(all(Py_3_14, not(Py_GIL_DISABLED), target_pointer_width = "64"))]
        // SAFETY: as above. Objects counted up to the initial immortal value
        // are left there: between it and the sign bit a count only grows.
        unsafe {
            let count = ob_refcnt(op);
            let current = *count;
            if current < crate::_Py_IMMORTAL_INITIAL_REFCNT as u32 {
                *count = current + 1;
            }
        }
        #[cfg(all(Py_3_12, not(Py_GIL_DISABLED), target_pointer_width = "32"))]
        // SAFETY: as above.
        unsafe {
            if !_Py_IsImmortal(op) {
                *ob_refcnt(op) += 1;
            }
        }
        #[cfg(Py_GIL_DISABLED)]
        {
            use core::sync::atomic::Ordering::{Relaxed, SeqCst};
            // SAFETY: the caller passes a valid object.
            let local = unsafe { ob_ref_local(op) };
            let incremented = local.load(Relaxed).wrapping_add(1);
            if incremented == 0 {
                return;
            }
            // SAFETY: as above.
            if unsafe { is_owned_by_current_thread(op) } {
                local.store(incremented, Relaxed);
            } else {
                // SAFETY: as above.
                unsafe { ob_ref_shared(op) }.fetch_add(1 << REF_SHARED_SHIFT, SeqCst);
            }
        }
    }

    /// `Py_DECREF(op)`: may run arbitrary code (the object's finalizer).
    ///
    /// # Safety
    /// As for [`Py_INCREF`], and the caller owns the reference it gives up.
    #[inline(always)]
    pub unsafe fn Py_DECREF(op: *mut PyObject) {
        #[cfg(not(Py_GIL_DISABLED))]
        // SAFETY: the caller passes a valid object it owns a reference to,
        // and holds the GIL; at zero nobody else can reach it.
        unsafe {
            #[cfg(Py_3_12)]
            if _Py_IsImmortal(op) {
                return;
            }
            let count = ob_refcnt(op);
            *count -= 1;
            if *count == 0 {
                crate::_Py_Dealloc(op);
            }
        }
        #[cfg(Py_GIL_DISABLED)]
        {
            use core::sync::atomic::Ordering::Relaxed;
            // SAFETY: the caller passes a valid object it owns a reference to.
            let local = unsafe { ob_ref_local(op) };
            let count = local.load(Relaxed);
            if count == IMMORTAL_REFCNT_LOCAL {
                return;
            }
            // SAFETY: as above; the merge and shared paths are libpython's.
            unsafe {
                if is_owned_by_current_thread(op) {
                    local.store(count - 1, Relaxed);
                    if count == 1 {
                        crate::_Py_MergeZeroLocalRefcount(op);
                    }
                } else {
                    crate::_Py_DecRefShared(op);
                }
            }
        }
    }
}

#[cfg(not(inline_refcount))]
mod exported {
    use super::*;

    /// `Py_INCREF(op)`.
    ///
    /// # Safety
    /// `op` points to a live object, and the caller may touch it.
    #[inline(always)]
    pub unsafe fn Py_INCREF(op: *mut PyObject) {
        // SAFETY: the caller's guarantee is the function's precondition.
        unsafe { crate::Py_IncRef(op) }
    }

    /// `Py_DECREF(op)`: may run arbitrary code (the object's finalizer).
    ///
    /// # Safety
    /// As for [`Py_INCREF`], and the caller owns the reference it gives up.
    #[inline(always)]
    pub unsafe fn Py_DECREF(op: *mut PyObject) {
        // SAFETY: the caller's guarantee is the function's precondition.
        unsafe { crate::Py_DecRef(op) }
    }
}

/// `Py_XINCREF(op)`: [`Py_INCREF`] unless `op` is null.
///
/// # Safety
/// `op` is null or as for [`Py_INCREF`].
#[inline(always)]
pub unsafe fn Py_XINCREF(op: *mut PyObject) {
    if !op.is_null() {
        // SAFETY: not null, so the caller guarantees a valid object.
        unsafe { Py_INCREF(op) }
    }
}

/// `Py_XDECREF(op)`: [`Py_DECREF`] unless `op` is null.
///
/// # Safety
/// `op` is null or as for [`Py_DECREF`].
#[inline(always)]
pub unsafe fn Py_XDECREF(op: *mut PyObject) {
    if !op.is_null() {
        // SAFETY: not null, so the caller guarantees a valid, owned object.
        unsafe { Py_DECREF(op) }
    }
}

/// `Py_NewRef(op)`: a new strong reference to `op`.
///
/// # Safety
/// As for [`Py_INCREF`].
#[inline(always)]
pub unsafe fn Py_NewRef(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: the caller's guarantee.
    unsafe { Py_INCREF(op) };
    op
}

/// `Py_XNewRef(op)`: [`Py_NewRef`] unless `op` is null.
///
/// # Safety
/// As for [`Py_XINCREF`].
#[inline(always)]
pub unsafe fn Py_XNewRef(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: the caller's guarantee.
    unsafe { Py_XINCREF(op) };
    op
}

/// `Py_CLEAR(*slot)`: sets the slot to null before releasing what it held,
/// so that a finalizer run by the release cannot see a dangling pointer.
///
/// # Safety
/// `slot` is valid for reads and writes and holds null or an owned reference.
#[inline(always)]
pub unsafe fn Py_CLEAR(slot: *mut *mut PyObject) {
    // SAFETY: the caller guarantees the slot is valid.
    let old = unsafe { slot.replace(core::ptr::null_mut()) };
    // SAFETY: the slot owned `old`, which is now ours to release.
    unsafe { Py_XDECREF(old) }
}
