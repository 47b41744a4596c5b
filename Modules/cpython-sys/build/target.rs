//! Which CPython the crate is compiled for, and the facts about it that
//! change the bindings: version, ABI flags, pointer width, header location.
//!
//! The target is named explicitly, never guessed from the environment's
//! defaults alone:
//! - `CPYTHON_SYS_SOURCE_TREE=<dir>` (plus `CPYTHON_SYS_BUILD_DIR=<dir>` when
//!   the tree was configured out of tree): a CPython checkout; headers from
//!   `<dir>/Include`, `pyconfig.h` and `Makefile` from the build directory.
//! - otherwise `CPYTHON_SYS_PYTHON=<path>` (default `python3`): an installed
//!   interpreter, asked for its configuration by `probe_python.py`.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The oldest minor version whose C API the hand-written parts cover.
pub const OLDEST_SUPPORTED_MINOR: u32 = 11;

const PROBE_SCRIPT: &str = include_str!("probe_python.py");

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub micro: u32,
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.micro)
    }
}

impl Version {
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.trim().split('.').map(|part| part.parse::<u32>().ok());
        Some(Version {
            major: parts.next()??,
            minor: parts.next()??,
            micro: parts.next()??,
        })
    }
}

/// How the target was named.
#[derive(Clone, Copy, Debug)]
pub enum TargetKind {
    Interpreter,
    SourceTree,
}

#[derive(Debug)]
pub struct Target {
    pub version: Version,
    /// `PY_VERSION`, e.g. `3.13.5` or `3.14.0a1+`.
    pub version_string: String,
    /// `PY_VERSION_HEX`.
    pub hexversion: u32,
    pub gil_disabled: bool,
    pub debug: bool,
    pub trace_refs: bool,
    pub pointer_width: u32,
    pub ext_suffix: String,
    /// Directories passed as `-I`, in order: headers, then `pyconfig.h`.
    pub include_dirs: Vec<PathBuf>,
    /// Files whose change means the target changed.
    pub watched_files: Vec<PathBuf>,
    /// How a person would name this target, for messages.
    pub description: String,
    pub kind: TargetKind,
}

impl Target {
    pub fn from_env() -> Result<Target, String> {
        let target = match env_path("CPYTHON_SYS_SOURCE_TREE") {
            Some(source) => {
                let build = env_path("CPYTHON_SYS_BUILD_DIR").unwrap_or_else(|| source.clone());
                from_source_tree(&source, &build)?
            }
            None => {
                let python = env_path("CPYTHON_SYS_PYTHON").unwrap_or_else(|| PathBuf::from("python3"));
                from_interpreter(&python)?
            }
        };
        target.check_supported()?;
        Ok(target)
    }

    /// The arguments of `Tools/rust/regen_bindings.py` that select a target
    /// like this one, as anyone could type them: the interpreter by the name
    /// its configuration conventionally has on PATH (`python3.14d`), a source
    /// tree by a placeholder. No path of the machine that ran it.
    pub fn regen_selector(&self) -> String {
        match self.kind {
            TargetKind::Interpreter => format!(
                "--python {}",
                self.configuration_name().replacen("cpython-", "python", 1)
            ),
            TargetKind::SourceTree => format!(
                "--source-tree <CPython {} source tree> --build-dir <its configured build directory>",
                self.version
            ),
        }
    }

    /// The stem of the committed bindings file for this configuration:
    /// `cpython-3.13`, `cpython-3.13t`, `cpython-3.13d`, ...
    pub fn configuration_name(&self) -> String {
        let mut name = format!("cpython-{}.{}", self.version.major, self.version.minor);
        if self.gil_disabled {
            name.push('t');
        }
        if self.debug {
            name.push('d');
        }
        if self.trace_refs {
            name.push_str("-trace-refs");
        }
        name
    }

    fn check_supported(&self) -> Result<(), String> {
        if self.version.major != 3 || self.version.minor < OLDEST_SUPPORTED_MINOR {
            return Err(format!(
                "{} is CPython {}, which is not supported: cpython-sys needs CPython 3.{} or newer",
                self.description, self.version, OLDEST_SUPPORTED_MINOR
            ));
        }
        let header = self.include_dirs[0].join("Python.h");
        if !header.is_file() {
            return Err(format!(
                "{} (CPython {}) has no C headers: {} does not exist \
                 (install the development headers, e.g. Debian's python3.{}-dev)",
                self.description,
                self.version,
                header.display(),
                self.version.minor
            ));
        }
        if self.pointer_width != 32 && self.pointer_width != 64 {
            return Err(format!(
                "{} reports a pointer width of {} bits; expected 32 or 64",
                self.description, self.pointer_width
            ));
        }
        Ok(())
    }
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

fn from_interpreter(python: &Path) -> Result<Target, String> {
    let shown = python.display();
    let output = Command::new(python)
        .args(["-E", "-s", "-c", PROBE_SCRIPT])
        .output()
        .map_err(|error| format!("{shown} is not a Python interpreter: cannot run it ({error})"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let facts: HashMap<&str, &str> = stdout.lines().filter_map(|line| line.split_once('=')).collect();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr
            .lines()
            .rev()
            .find(|line| !line.trim().is_empty())
            .unwrap_or("no message");
        return Err(format!(
            "{shown} is not a Python interpreter: asking it for its configuration failed ({}: {})",
            output.status,
            reason.trim()
        ));
    }
    if !facts.contains_key("version") {
        return Err(format!(
            "{shown} is not a Python interpreter: it printed no configuration when asked"
        ));
    }
    let fact = |key: &str| facts.get(key).copied().unwrap_or("");
    let description = format!("the interpreter {}", fact("executable"));
    if fact("implementation") != "cpython" {
        return Err(format!(
            "{description} is {}, not CPython: cpython-sys binds CPython's C API only",
            fact("implementation")
        ));
    }
    let version = Version::parse(fact("version"))
        .ok_or_else(|| format!("{description} reported an unreadable version {:?}", fact("version")))?;
    let include_dir = PathBuf::from(fact("include_dir"));
    let config_h_dir = PathBuf::from(fact("config_h_dir"));
    let mut include_dirs = vec![include_dir.clone()];
    if config_h_dir != include_dir {
        include_dirs.push(config_h_dir.clone());
    }
    Ok(Target {
        version,
        version_string: fact("version_string").to_owned(),
        hexversion: fact("hexversion").parse().unwrap_or(0),
        gil_disabled: fact("gil_disabled") == "1",
        debug: fact("debug") == "1",
        trace_refs: fact("trace_refs") == "1",
        pointer_width: fact("pointer_width").parse().unwrap_or(0),
        ext_suffix: fact("ext_suffix").to_owned(),
        watched_files: vec![include_dir.join("patchlevel.h"), config_h_dir.join("pyconfig.h")],
        kind: TargetKind::Interpreter,
        include_dirs,
        description,
    })
}

fn from_source_tree(source: &Path, build: &Path) -> Result<Target, String> {
    let description = format!("the CPython source tree {}", source.display());
    let patchlevel = source.join("Include").join("patchlevel.h");
    let patchlevel_text = fs::read_to_string(&patchlevel).map_err(|error| {
        format!(
            "{} is not a CPython source tree: cannot read {} ({error})",
            source.display(),
            patchlevel.display()
        )
    })?;
    let patchlevel_defines = c_defines(&patchlevel_text);
    let number = |name: &str| patchlevel_defines.get(name).and_then(|value| value.parse::<u32>().ok());
    let release_level = match patchlevel_defines.get("PY_RELEASE_LEVEL").map(String::as_str) {
        Some("PY_RELEASE_LEVEL_ALPHA") => Some(0xA),
        Some("PY_RELEASE_LEVEL_BETA") => Some(0xB),
        Some("PY_RELEASE_LEVEL_GAMMA") => Some(0xC),
        Some("PY_RELEASE_LEVEL_FINAL") => Some(0xF),
        _ => None,
    };
    let version_string = patchlevel_defines
        .get("PY_VERSION")
        .map(|quoted| quoted.trim_matches('"').to_owned());
    let (version, hexversion, version_string) = match (
        number("PY_MAJOR_VERSION"),
        number("PY_MINOR_VERSION"),
        number("PY_MICRO_VERSION"),
        release_level,
        number("PY_RELEASE_SERIAL"),
        version_string,
    ) {
        (Some(major), Some(minor), Some(micro), Some(level), Some(serial), Some(string)) => (
            Version { major, minor, micro },
            major << 24 | minor << 16 | micro << 8 | level << 4 | serial,
            string,
        ),
        _ => return Err(format!("{} does not define the CPython version", patchlevel.display())),
    };
    let pyconfig = build.join("pyconfig.h");
    let pyconfig_text = fs::read_to_string(&pyconfig).map_err(|error| {
        format!(
            "{description} has not been configured: cannot read {} ({error}); run ./configure there first",
            pyconfig.display()
        )
    })?;
    let config = c_defines(&pyconfig_text);
    let makefile = build.join("Makefile");
    let makefile_text = fs::read_to_string(&makefile)
        .map_err(|error| format!("cannot read {} ({error}); run ./configure first", makefile.display()))?;
    let ext_suffix = makefile_text
        .lines()
        .find_map(|line| line.strip_prefix("EXT_SUFFIX=").map(|value| value.trim().to_owned()))
        .ok_or_else(|| format!("{} does not set EXT_SUFFIX", makefile.display()))?;
    let is_defined = |name: &str| config.get(name).is_some_and(|value| value != "0");
    Ok(Target {
        version,
        version_string,
        hexversion,
        gil_disabled: is_defined("Py_GIL_DISABLED"),
        debug: is_defined("Py_DEBUG"),
        trace_refs: is_defined("Py_TRACE_REFS"),
        pointer_width: 8 * config
            .get("SIZEOF_VOID_P")
            .and_then(|value| value.parse::<u32>().ok())
            .unwrap_or(0),
        ext_suffix,
        include_dirs: vec![source.join("Include"), build.to_path_buf()],
        watched_files: vec![patchlevel, pyconfig, makefile],
        kind: TargetKind::SourceTree,
        description,
    })
}

/// The object-like `#define NAME VALUE` lines of a C header.
fn c_defines(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.trim_start().strip_prefix("#define")?.split_whitespace();
            let name = words.next()?;
            if name.contains('(') {
                return None;
            }
            Some((name.to_owned(), words.next().unwrap_or("1").to_owned()))
        })
        .collect()
}
