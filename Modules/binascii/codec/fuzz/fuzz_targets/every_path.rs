//! Running a codec, or one of its kernels, on every kernel path this CPU
//! has, each vector path's result checked against the scalar path's.

use std::fmt::Debug;
use std::sync::OnceLock;

use binascii_codec::Output;
use binascii_codec::cpu::{self, Path};
use binascii_codec::output::collect;

/// The vector paths this CPU can run. The first call says which are
/// compared and which are skipped, and why.
fn vector_paths() -> &'static [Path] {
    static PATHS: OnceLock<Vec<Path>> = OnceLock::new();
    PATHS.get_or_init(|| {
        let vector = Path::ALL.iter().copied().filter(|&path| path != Path::Scalar);
        let (available, missing): (Vec<Path>, Vec<Path>) = vector.partition(|path| path.is_available());
        for path in &missing {
            eprintln!("skipped kernel path {}: this CPU lacks its instructions", path.name());
        }
        let names: Vec<&str> = available.iter().map(|path| path.name()).collect();
        eprintln!("kernel paths compared with scalar: {}", names.join(" "));
        available
    })
}

/// For the target's init: the report on paths comes before libFuzzer's.
pub fn announce() {
    vector_paths();
}

/// `codec` on the scalar path, then on every vector path, which must give
/// the same result; returns the scalar path's.
pub fn agree<T: PartialEq + Debug>(what: &str, codec: impl Fn() -> T) -> T {
    assert!(cpu::select(Path::Scalar));
    let scalar = codec();
    for &path in vector_paths() {
        assert!(cpu::select(path));
        assert_eq!(codec(), scalar, "{what}: the {} path differs from scalar", path.name());
    }
    scalar
}

/// A kernel (a `*_on` function of a `vector` module) on every vector path,
/// with exactly `room` bytes of output, against the scalar kernel: the same
/// input consumed and the same output.
pub fn kernels_agree(what: &str, room: usize, kernel: impl Fn(Path, &mut Output<'_>) -> Option<usize>) {
    let run = |path: Path| {
        let mut consumed = None;
        let written = collect(room, |out| consumed = kernel(path, out));
        (consumed.expect("the path is available"), written)
    };
    let scalar = run(Path::Scalar);
    for &path in vector_paths() {
        assert_eq!(
            run(path),
            scalar,
            "{what}: the {} kernel differs from scalar",
            path.name()
        );
    }
}
