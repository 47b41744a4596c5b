//! Which instruction set the vector kernels use, decided once per process.
//!
//! The CPU is asked once, at the first call of a kernel; the answer is then a
//! single relaxed load. `BINASCII_CODEC_FORCE=avx512|avx2|ssse3|scalar`, read
//! at that same moment, picks a slower path so that tests and benchmarks can
//! exercise each one on a machine that has them all. Forcing a path the CPU
//! lacks (or naming no known path) gets the best path the CPU has instead, so
//! the variable can never lead to an illegal instruction.

use std::sync::atomic::{AtomicU8, Ordering};

/// The environment variable that forces a path, by its `name()`.
pub const FORCE_VARIABLE: &str = "BINASCII_CODEC_FORCE";

/// A family of kernels, each built for one instruction set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Path {
    /// AVX-512 F, BW and VBMI (Intel since Ice Lake, AMD since Zen 4): 64
    /// bytes a register, and byte permutations that do whole table lookups.
    #[cfg(target_arch = "x86_64")]
    Avx512Vbmi,
    /// 32 bytes a register.
    #[cfg(target_arch = "x86_64")]
    Avx2,
    /// 16 bytes a register; every x86_64 CPU of the last fifteen years.
    #[cfg(target_arch = "x86_64")]
    Ssse3,
    /// Table-driven Rust that runs anywhere.
    Scalar,
}

impl Path {
    /// Every path this build has, fastest first.
    pub const ALL: &[Path] = &[
        #[cfg(target_arch = "x86_64")]
        Path::Avx512Vbmi,
        #[cfg(target_arch = "x86_64")]
        Path::Avx2,
        #[cfg(target_arch = "x86_64")]
        Path::Ssse3,
        Path::Scalar,
    ];

    /// The name `BINASCII_CODEC_FORCE` knows the path by.
    pub fn name(self) -> &'static str {
        match self {
            #[cfg(target_arch = "x86_64")]
            Path::Avx512Vbmi => "avx512",
            #[cfg(target_arch = "x86_64")]
            Path::Avx2 => "avx2",
            #[cfg(target_arch = "x86_64")]
            Path::Ssse3 => "ssse3",
            Path::Scalar => "scalar",
        }
    }

    /// Whether this CPU has every instruction the path's kernels use.
    pub fn is_available(self) -> bool {
        match self {
            #[cfg(target_arch = "x86_64")]
            Path::Avx512Vbmi => {
                is_x86_feature_detected!("avx512f")
                    && is_x86_feature_detected!("avx512bw")
                    && is_x86_feature_detected!("avx512vbmi")
            }
            #[cfg(target_arch = "x86_64")]
            Path::Avx2 => is_x86_feature_detected!("avx2"),
            #[cfg(target_arch = "x86_64")]
            Path::Ssse3 => is_x86_feature_detected!("ssse3"),
            Path::Scalar => true,
        }
    }
}

/// Index into `Path::ALL` of the chosen path, or `UNDECIDED`.
static SELECTED: AtomicU8 = AtomicU8::new(UNDECIDED);
const UNDECIDED: u8 = u8::MAX;

/// The path the kernels use in this process; always one the CPU has.
#[inline]
pub fn selected() -> Path {
    match Path::ALL.get(usize::from(SELECTED.load(Ordering::Relaxed))) {
        Some(&path) => path,
        None => decide(),
    }
}

/// The name of the path the kernels use, as `BINASCII_CODEC_FORCE` spells it.
pub fn selected_path() -> &'static str {
    selected().name()
}

/// Makes the kernels of every thread use `path` from now on, so that a
/// fuzzer can compare the paths' results within one process (the variable
/// is read only once). Refuses a path this CPU lacks, changing nothing.
#[doc(hidden)]
pub fn select(path: Path) -> bool {
    let index = Path::ALL.iter().position(|&known| known == path);
    match index.filter(|_| path.is_available()) {
        Some(index) => {
            SELECTED.store(index as u8, Ordering::Relaxed);
            true
        }
        None => false,
    }
}

/// Threads that race here all reach the same answer, so whichever store lands
/// last changes nothing.
#[cold]
fn decide() -> Path {
    let forced = std::env::var(FORCE_VARIABLE).ok();
    let available = || Path::ALL.iter().enumerate().filter(|(_, path)| path.is_available());
    let (index, &path) = available()
        .find(|(_, path)| forced.as_deref() == Some(path.name()))
        .or_else(|| available().next())
        .expect("the scalar path runs on every CPU");
    SELECTED.store(index as u8, Ordering::Relaxed);
    path
}
