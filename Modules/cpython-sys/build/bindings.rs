//! Produces `$OUT_DIR/bindings.rs`: bindgen output for the target's own
//! headers, or the committed output made earlier for the same configuration.
//!
//! `CPYTHON_SYS_BINDINGS` chooses: `auto` (default; bindgen when libclang can
//! be loaded, else the committed file), `bindgen` or `pregenerated`.
//! `CPYTHON_SYS_HIDE_LIBCLANG=1` makes `auto` behave as on a machine without
//! libclang, so that path can be tested on a machine that has it.

use std::fs;
use std::path::{Path, PathBuf};

use bindgen::callbacks::{IntKind, ParseCallbacks};

use crate::target::Target;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Bindgen,
    Pregenerated,
}

impl Origin {
    pub fn name(self) -> &'static str {
        match self {
            Origin::Bindgen => "bindgen",
            Origin::Pregenerated => "pregenerated",
        }
    }
}

pub struct Bindings {
    pub origin: Origin,
    pub path: PathBuf,
    /// The committed file for this configuration, whether or not it was used.
    pub committed: PathBuf,
    /// The libclang that bindgen ran on, e.g. `Debian clang version 14.0.6`.
    pub libclang: Option<String>,
}

pub fn produce(target: &Target, out_dir: &Path) -> Result<Bindings, String> {
    let committed = committed_path(target);
    let mode = std::env::var("CPYTHON_SYS_BINDINGS").unwrap_or_default();
    let origin = match mode.as_str() {
        "" | "auto" => match libclang_status() {
            Ok(()) => Origin::Bindgen,
            Err(_) if committed.is_file() => Origin::Pregenerated,
            Err(why) => {
                return Err(format!(
                    "no pre-generated bindings for {} on {} ({}) and bindgen cannot run: {why}; \
                     install libclang (apt-get install libclang-dev) or set LIBCLANG_PATH",
                    target.configuration_name(),
                    target_triple(),
                    available_configurations()
                ));
            }
        },
        "bindgen" => {
            libclang_status().map_err(|why| {
                format!("CPYTHON_SYS_BINDINGS=bindgen but {why}; install libclang (apt-get install libclang-dev)")
            })?;
            Origin::Bindgen
        }
        "pregenerated" => {
            if !committed.is_file() {
                return Err(format!(
                    "CPYTHON_SYS_BINDINGS=pregenerated but there are no pre-generated bindings for {} on {} ({})",
                    target.configuration_name(),
                    target_triple(),
                    available_configurations()
                ));
            }
            Origin::Pregenerated
        }
        other => {
            return Err(format!(
                "CPYTHON_SYS_BINDINGS={other:?} is not one of auto, bindgen, pregenerated"
            ));
        }
    };
    let path = out_dir.join("bindings.rs");
    let libclang = match origin {
        Origin::Bindgen => {
            run_bindgen(target, &path)?;
            Some(bindgen::clang_version().full)
        }
        Origin::Pregenerated => {
            fs::copy(&committed, &path).map_err(|error| format!("cannot copy {}: {error}", committed.display()))?;
            None
        }
    };
    Ok(Bindings {
        origin,
        path,
        committed,
        libclang,
    })
}

/// `bindings/<rust target triple>/<configuration>.rs` in this crate.
fn committed_path(target: &Target) -> PathBuf {
    bindings_root()
        .join(target_triple())
        .join(format!("{}.rs", target.configuration_name()))
}

fn bindings_root() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("bindings")
}

fn target_triple() -> String {
    std::env::var("TARGET").expect("cargo sets TARGET for build scripts")
}

fn available_configurations() -> String {
    let directory = bindings_root().join(target_triple());
    let mut names: Vec<String> = fs::read_dir(&directory)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.strip_suffix(".rs").map(str::to_owned))
        .collect();
    names.sort();
    if names.is_empty() {
        "none are committed for this platform".to_owned()
    } else {
        format!("committed: {}", names.join(", "))
    }
}

fn libclang_status() -> Result<(), String> {
    if std::env::var_os("CPYTHON_SYS_HIDE_LIBCLANG").is_some_and(|value| value == "1") {
        return Err("libclang is hidden by CPYTHON_SYS_HIDE_LIBCLANG=1".to_owned());
    }
    clang_sys::load().map_err(|error| format!("libclang cannot be loaded ({error})"))
}

fn run_bindgen(target: &Target, output: &Path) -> Result<(), String> {
    let wrapper = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("build")
        .join("wrapper.h");
    let include_args = target.include_dirs.iter().map(|dir| format!("-I{}", dir.display()));
    let bindings = bindgen::Builder::default()
        .header(wrapper.to_string_lossy())
        .clang_args(include_args)
        .rust_target(bindgen::RustTarget::stable(85, 0).map_err(|error| error.to_string())?)
        .rust_edition(bindgen::RustEdition::Edition2024)
        // prettyplease, a locked dependency, rather than whatever rustfmt is
        // on PATH and whichever rustfmt.toml it finds: the committed files
        // must come out the same on every machine.
        .formatter(bindgen::Formatter::Prettyplease)
        .use_core()
        .ctypes_prefix("::core::ffi")
        // The public C API is everything spelled Py*/_Py*/PY*; what it uses
        // from libc (FILE, va_list, ...) comes along as a dependency.
        .allowlist_item("_?(Py|PY|METH_).*")
        // pyconfig.h describes how that interpreter was built (which sqlite,
        // which hashes); what matters to the C API is exported as cfgs.
        .blocklist_file(".*pyconfig\\.h")
        // Written by build/main.rs from the target itself, so that committed
        // bindings serve every patch release of their minor version.
        .blocklist_item("PY_(MAJOR|MINOR|MICRO)_VERSION|PY_RELEASE_(LEVEL|SERIAL)|PY_VERSION(_HEX)?")
        // Hand-written inline in src/, where bindgen would bind the exported
        // (slower) function of the same name: 3.14 exports Py_TYPE,
        // Py_REFCNT, PyUnicode_KIND and PyUnicode_DATA for the stable ABI,
        // 3.15 Py_SIZE and Py_IS_TYPE too.
        .blocklist_function("Py_(Is|NewRef|XNewRef|TYPE|REFCNT|SIZE|IS_TYPE)|PyUnicode_(KIND|DATA)")
        .default_enum_style(bindgen::EnumVariation::Consts)
        .prepend_enum_name(false)
        .derive_default(false)
        .derive_debug(false)
        // Layouts are checked against the C compiler by tests/abi.rs instead.
        .layout_tests(false)
        .generate_comments(false)
        .merge_extern_blocks(true)
        .sort_semantically(true)
        .parse_callbacks(Box::new(CTypesOfMacros))
        .generate()
        .map_err(|error| format!("bindgen failed on the headers of {}: {error}", target.description))?;
    bindings
        .write_to_file(output)
        .map_err(|error| format!("cannot write {}: {error}", output.display()))
}

/// Gives macro constants the C type of the field they are stored in, which
/// bindgen cannot know: `METH_O` goes into `int ml_flags`, `Py_TPFLAGS_*`
/// into `unsigned long tp_flags`.
#[derive(Debug)]
struct CTypesOfMacros;

impl ParseCallbacks for CTypesOfMacros {
    fn int_macro(&self, name: &str, _value: i64) -> Option<IntKind> {
        const INT_FAMILIES: &[&str] = &[
            "METH_",
            "Py_tp_",
            "Py_mod_",
            "Py_bf_",
            "Py_mp_",
            "Py_nb_",
            "Py_sq_",
            "Py_am_",
            "Py_T_",
            "Py_LT",
            "Py_LE",
            "Py_EQ",
            "Py_NE",
            "Py_GT",
            "Py_GE",
            "Py_READONLY",
            "Py_AUDIT_READ",
            "Py_RELATIVE_OFFSET",
            "PyBUF_",
            "Py_PRINT_RAW",
            "Py_file_input",
            "Py_single_input",
            "Py_eval_input",
            "Py_func_type_input",
            "PyTrace_",
        ];
        if name.starts_with("Py_TPFLAGS_") {
            Some(IntKind::ULong)
        } else if INT_FAMILIES.iter().any(|prefix| name.starts_with(prefix)) {
            Some(IntKind::Int)
        } else {
            None
        }
    }
}
