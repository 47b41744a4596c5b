//! Layout changes between patch releases of one minor version, decided from
//! the target's `PY_VERSION_HEX` here alone.
//!
//! Each change sets a cfg named for what changed, for code that must know.
//! The committed bindings of a minor version are bindgen's output for one
//! patch release (named in their header); when the target is on the other
//! side of a change, the record's fields are rewritten to the target's
//! before the bindings are used, so tests/abi.rs holds for every release.
//!
//! The first release of each change is that of its backport, as CPython's
//! tracker and changelogs give it; checked here against 3.13.0 (none of
//! them), 3.13.5 (the first only) and 3.13.18 (all three).

use crate::target::Version;

pub struct LayoutChange {
    /// The cfg set for targets that have the change.
    pub cfg: &'static str,
    /// The first release with it.
    pub since: Version,
    /// The struct whose fields changed, as bindgen names it.
    pub record: &'static str,
    /// Its field lines, as bindgen writes them, before and after.
    pub before: &'static [&'static str],
    pub after: &'static [&'static str],
}

const fn release(minor: u32, micro: u32) -> Version {
    Version { major: 3, minor, micro }
}

pub const LAYOUT_CHANGES: &[LayoutChange] = &[
    // gh-127953: line numbers of instrumented code in 1 to 4 bytes.
    LayoutChange {
        cfg: "line_instrumentation_bytes_per_entry",
        since: release(13, 3),
        record: "_PyCoLineInstrumentationData",
        before: &["    pub original_opcode: u8,", "    pub line_delta: i8,"],
        after: &["    pub bytes_per_entry: u8,", "    pub data: [u8; 1usize],"],
    },
    // gh-141732: the repr of an exception group is kept from its creation.
    LayoutChange {
        cfg: "exception_group_excs_str",
        since: release(13, 12),
        record: "PyBaseExceptionGroupObject",
        before: &["    pub excs: *mut PyObject,"],
        after: &["    pub excs: *mut PyObject,", "    pub excs_str: *mut PyObject,"],
    },
    // gh-142183: a thread keeps one spare chunk of its frame stack.
    LayoutChange {
        cfg: "thread_state_datastack_cached_chunk",
        since: release(13, 13),
        record: "_ts",
        before: &["    pub threading_local_sentinel: *mut PyObject,"],
        after: &[
            "    pub threading_local_sentinel: *mut PyObject,",
            "    pub datastack_cached_chunk: *mut _PyStackChunk,",
        ],
    },
];

fn same_minor(change: &LayoutChange, version: Version) -> bool {
    change.since.major == version.major && change.since.minor == version.minor
}

/// The cfgs of the changes `version` has.
pub fn cfgs(version: Version) -> impl Iterator<Item = &'static str> {
    LAYOUT_CHANGES
        .iter()
        .filter(move |change| same_minor(change, version) && version >= change.since)
        .map(|change| change.cfg)
}

/// Every cfg a change may set, for `rustc-check-cfg`.
pub fn known_cfgs() -> impl Iterator<Item = &'static str> {
    LAYOUT_CHANGES.iter().map(|change| change.cfg)
}

/// The bindings `text`, generated for release `generated_for`, with the
/// records rewritten for `target` where a change lies between the two.
pub fn adapt(text: &str, generated_for: Version, target: Version) -> Result<String, String> {
    let mut text = text.to_owned();
    for change in LAYOUT_CHANGES
        .iter()
        .filter(|change| same_minor(change, target) && same_minor(change, generated_for))
    {
        let (from, to) = match (generated_for >= change.since, target >= change.since) {
            (false, true) => (change.before, change.after),
            (true, false) => (change.after, change.before),
            _ => continue,
        };
        text = replace_fields(&text, change.record, from, to).ok_or_else(|| {
            format!(
                "the committed bindings for CPython {generated_for} do not have the fields of {} \
                 that CPython {} changed ({}): regenerate them with Tools/rust/regen_bindings.py",
                change.record, change.since, change.cfg
            )
        })?;
    }
    Ok(text)
}

/// `text` with the lines `from` inside `pub struct <record> {` replaced by `to`.
fn replace_fields(text: &str, record: &str, from: &[&str], to: &[&str]) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let header = format!("pub struct {record} {{");
    let start = lines.iter().position(|line| *line == header)?;
    let end = start + lines[start..].iter().position(|line| *line == "}")?;
    let at = start
        + lines[start..end]
            .windows(from.len())
            .position(|window| window == from)?;
    let mut rewritten: Vec<&str> = Vec::with_capacity(lines.len() + to.len());
    rewritten.extend(&lines[..at]);
    rewritten.extend(to);
    rewritten.extend(&lines[at + from.len()..]);
    let mut result = rewritten.join("\n");
    result.push('\n');
    Some(result)
}
