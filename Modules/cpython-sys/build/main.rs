//! Build script of cpython-sys: find the target CPython, produce bindings for
//! it and tell dependent crates what was found.
//!
//! Exported to dependents' build scripts through `links = "python"`:
//! `DEP_PYTHON_VERSION` (`3.13.5`), `DEP_PYTHON_GIL_DISABLED`, `DEP_PYTHON_DEBUG`,
//! `DEP_PYTHON_TRACE_REFS` (`0`/`1`), `DEP_PYTHON_POINTER_WIDTH`,
//! `DEP_PYTHON_EXT_SUFFIX`, `DEP_PYTHON_INCLUDE_DIRS` (a search path),
//! `DEP_PYTHON_BINDINGS` (`bindgen`/`pregenerated`), `DEP_PYTHON_CFGS`
//! (space-separated cfg names to re-emit, see `cfgs`) and
//! `DEP_PYTHON_KNOWN_CFGS` (every name those may take, for `rustc-check-cfg`).

mod abi_table;
mod behaviour_changes;
mod bindings;
mod patch_releases;
mod target;

use std::path::PathBuf;

use target::{OLDEST_SUPPORTED_MINOR, Target, Version};

/// Minor versions that may appear in `Py_3_<minor>` cfgs, for check-cfg.
const NEWEST_KNOWN_MINOR: u32 = 15;

const ENVIRONMENT: &[&str] = &[
    "CPYTHON_SYS_PYTHON",
    "CPYTHON_SYS_SOURCE_TREE",
    "CPYTHON_SYS_BUILD_DIR",
    "CPYTHON_SYS_BINDINGS",
    "CPYTHON_SYS_HIDE_LIBCLANG",
    "LIBCLANG_PATH",
];

fn main() {
    if let Err(message) = run() {
        // One line, and no panic backtrace: this is a configuration error.
        println!("cargo::error={message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    for name in ENVIRONMENT {
        println!("cargo::rerun-if-env-changed={name}");
    }
    println!("cargo::rerun-if-changed=build");
    let target = Target::from_env()?;
    for file in &target.watched_files {
        println!("cargo::rerun-if-changed={}", file.display());
    }

    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let bindings = bindings::produce(&target, &out_dir)?;
    println!("cargo::rerun-if-changed={}", bindings.committed.display());
    let version_file = out_dir.join("version.rs");
    write_version_constants(&target, &version_file)?;
    abi_table::write(&[&bindings.path, &version_file], &out_dir.join("abi_table.rs"))?;

    let cfgs = cfgs(&target);
    let newest_minor = NEWEST_KNOWN_MINOR.max(target.version.minor);
    let mut known_cfgs: Vec<String> = (OLDEST_SUPPORTED_MINOR..=newest_minor)
        .map(|minor| format!("Py_3_{minor}"))
        .collect();
    known_cfgs.extend(["Py_GIL_DISABLED", "Py_DEBUG", "Py_TRACE_REFS"].map(String::from));
    known_cfgs.extend(patch_releases::known_cfgs().map(String::from));
    known_cfgs.extend(behaviour_changes::known_cfgs().map(String::from));
    println!("cargo::rustc-check-cfg=cfg({})", known_cfgs.join(", "));
    for cfg in &cfgs {
        println!("cargo::rustc-cfg={cfg}");
    }
    println!("cargo::rustc-check-cfg=cfg(inline_refcount)");
    if inline_refcount_verified(&target) {
        println!("cargo::rustc-cfg=inline_refcount");
    }

    let include_dirs = std::env::join_paths(&target.include_dirs).map_err(|error| error.to_string())?;
    let include_dirs = include_dirs.to_string_lossy();
    let flag = |on: bool| if on { "1" } else { "0" };
    for (key, value) in [
        ("VERSION", target.version.to_string().as_str()),
        ("GIL_DISABLED", flag(target.gil_disabled)),
        ("DEBUG", flag(target.debug)),
        ("TRACE_REFS", flag(target.trace_refs)),
        ("POINTER_WIDTH", target.pointer_width.to_string().as_str()),
        ("EXT_SUFFIX", target.ext_suffix.as_str()),
        ("INCLUDE_DIRS", &include_dirs),
        ("BINDINGS", bindings.origin.name()),
        ("CFGS", cfgs.join(" ").as_str()),
        ("KNOWN_CFGS", known_cfgs.join(", ").as_str()),
    ] {
        println!("cargo::metadata={key}={value}");
    }
    // For this crate's tests: the C probes compile against the same headers.
    println!("cargo::rustc-env=CPYTHON_SYS_INCLUDE_DIRS={include_dirs}");
    // For Tools/rust/build.py and regen_bindings.py, which read them from
    // cargo's JSON messages.
    let tool_facts = [
        ("EXT_SUFFIX", target.ext_suffix.clone()),
        (
            "TARGET_DESCRIPTION",
            format!("{} (CPython {})", target.description, target.version),
        ),
        ("BINDINGS_ORIGIN", bindings.origin.name().to_owned()),
        ("COMMITTED_BINDINGS", bindings.committed.display().to_string()),
        ("LIBCLANG", bindings.libclang.unwrap_or_default()),
        ("TARGET_VERSION", target.version.to_string()),
        ("CONFIGURATION", target.configuration_name()),
        ("REGEN_SELECTOR", target.regen_selector()),
    ];
    for (key, value) in tool_facts {
        println!("cargo::rustc-env=CPYTHON_SYS_{key}={value}");
    }
    Ok(())
}

/// patchlevel.h's constants, from the target rather than the bindings,
/// which may have been generated from another patch release.
fn write_version_constants(target: &Target, path: &std::path::Path) -> Result<(), String> {
    let Version { major, minor, micro } = target.version;
    let level = (target.hexversion >> 4) & 0xF;
    let serial = target.hexversion & 0xF;
    let text = format!(
        "pub const PY_MAJOR_VERSION: u32 = {major};\n\
         pub const PY_MINOR_VERSION: u32 = {minor};\n\
         pub const PY_MICRO_VERSION: u32 = {micro};\n\
         pub const PY_RELEASE_LEVEL: u32 = {level};\n\
         pub const PY_RELEASE_SERIAL: u32 = {serial};\n\
         pub const PY_VERSION_HEX: u32 = {hex};\n\
         pub const PY_VERSION: &::core::ffi::CStr = c{string:?};\n",
        hex = target.hexversion,
        string = target.version_string,
    );
    std::fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// Whether src/refcount.rs reproduces the C inline reference counting of
/// this target (checked by Lib/test/test_cpython_sys_macros.py); elsewhere it
/// calls the exported functions. Free-threaded 3.14 and newer have not been
/// checked: no such interpreter was at hand.
fn inline_refcount_verified(target: &Target) -> bool {
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let free_threading_verified = target.version.minor <= 13 && (arch == "x86_64" || arch == "aarch64");
    !target.debug && target.version.minor <= 15 && (!target.gil_disabled || free_threading_verified)
}

/// `Py_3_11` ... `Py_3_<minor>` (each version at least that one), the
/// ABI-changing build flags, named as the C macros are, the layout
/// changes of patch releases (build/patch_releases.rs) and the changes of
/// behaviour (build/behaviour_changes.rs) the target has.
fn cfgs(target: &Target) -> Vec<String> {
    let mut cfgs: Vec<String> = (OLDEST_SUPPORTED_MINOR..=target.version.minor)
        .map(|minor| format!("Py_3_{minor}"))
        .collect();
    cfgs.extend(patch_releases::cfgs(target.version).map(String::from));
    cfgs.extend(behaviour_changes::cfgs(target.hexversion).map(String::from));
    for (on, name) in [
        (target.gil_disabled, "Py_GIL_DISABLED"),
        (target.debug, "Py_DEBUG"),
        (target.trace_refs, "Py_TRACE_REFS"),
    ] {
        if on {
            cfgs.push(name.to_owned());
        }
    }
    cfgs
}
