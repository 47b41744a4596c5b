//! Compiles the module for the CPython that cpython-sys found: its version
//! cfgs (`Py_3_12`, `Py_3_13`, ...) choose which functions it has, and so do
//! the patch-release cfgs below, decided here alone from the target's
//! version (`DEP_PYTHON_VERSION`).

/// A function of C `_testclinic` that a patch release added, with the fix
/// of Argument Clinic it tests: the cfg is named for that fix.
struct PatchRelease {
    cfg: &'static str,
    /// The first release with it, per minor version (3.X.Y as (X, Y)); every
    /// minor version after the last one listed has it from its first release.
    since: &'static [(u32, u32)],
}

const PATCH_RELEASES: &[PatchRelease] = &[
    // gh-132753: `c_default` of the bool converter was ignored;
    // `bool_converter_c_default` tests it (3.13.4, and 3.14.0 on).
    PatchRelease {
        cfg: "clinic_bool_c_default",
        since: &[(13, 4), (14, 0)],
    },
    // gh-64502: a parameter with a default beside an optional group was
    // required; `group_and_opt` and `group_and_two_opt` test it.
    PatchRelease {
        cfg: "clinic_groups_with_defaults",
        since: &[(13, 15), (14, 8), (15, 1)],
    },
];

fn has(change: &PatchRelease, minor: u32, micro: u32) -> bool {
    let Some(&(last_minor, _)) = change.since.last() else {
        return false;
    };
    if minor > last_minor {
        return true;
    }
    change
        .since
        .iter()
        .any(|&(since_minor, since_micro)| since_minor == minor && micro >= since_micro)
}

fn main() {
    let cfgs = std::env::var("DEP_PYTHON_CFGS").expect("cpython-sys exports DEP_PYTHON_CFGS");
    let known = std::env::var("DEP_PYTHON_KNOWN_CFGS").expect("cpython-sys exports DEP_PYTHON_KNOWN_CFGS");
    let version = std::env::var("DEP_PYTHON_VERSION").expect("cpython-sys exports DEP_PYTHON_VERSION");
    println!("cargo::rustc-check-cfg=cfg({known})");
    for cfg in cfgs.split_whitespace() {
        println!("cargo::rustc-cfg={cfg}");
    }
    let mut parts = version.split('.').map(|part| part.parse::<u32>());
    let (Some(Ok(3)), Some(Ok(minor)), Some(Ok(micro))) = (parts.next(), parts.next(), parts.next()) else {
        panic!("DEP_PYTHON_VERSION is not 3.X.Y: {version:?}");
    };
    for change in PATCH_RELEASES {
        println!("cargo::rustc-check-cfg=cfg({})", change.cfg);
        if has(change, minor, micro) {
            println!("cargo::rustc-cfg={}", change.cfg);
        }
    }
}
