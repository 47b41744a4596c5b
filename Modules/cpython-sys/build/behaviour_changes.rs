//! Changes in what CPython's own modules do, which the Rust ports reproduce
//! release by release, decided from the target's `PY_VERSION_HEX` here
//! alone.
//!
//! Each change sets a cfg named for the behaviour it brought, for targets
//! that have it. A change is listed with the first release of each branch
//! that has it, as CPython's changelog (Misc/NEWS) places it: the branches
//! it was backported to, then the branch it was made on, whose later minor
//! versions all have it. Pre-releases count: a change made during a minor
//! version's alphas is in its later alphas and betas.

const ALPHA: u32 = 0xA;
const BETA: u32 = 0xB;
const CANDIDATE: u32 = 0xC;
const FINAL: u32 = 0xF;

pub struct BehaviourChange {
    /// The cfg set for targets that have the change.
    pub cfg: &'static str,
    /// `PY_VERSION_HEX` of the first release with it in each branch, the
    /// oldest minor version first.
    pub first_releases: &'static [u32],
}

const fn release(minor: u32, micro: u32, level: u32, serial: u32) -> u32 {
    3 << 24 | minor << 16 | micro << 8 | level << 4 | serial
}

const fn final_release(minor: u32, micro: u32) -> u32 {
    release(minor, micro, FINAL, 0)
}

pub const BEHAVIOUR_CHANGES: &[BehaviourChange] = &[
    // gh-118314: strict a2b_base64 refuses a '=' where a quad starts
    // ("Excess padding not allowed"). 3.13.0b1; the 3.12 backport
    // (GH-118691) was merged on 2024-05-07, between 3.12.3 and 3.12.4.
    BehaviourChange {
        cfg: "base64_strict_refuses_padding_at_quad_start",
        first_releases: &[final_release(12, 4), release(13, 0, BETA, 1)],
    },
    // gh-145264: a2b_base64 no longer stops at the first complete pad
    // sequence: outside strict mode a '=' before the end is skipped, and
    // strict mode names what follows one (excess padding, data or a byte
    // outside the alphabet). 3.13.13, 3.14.4, 3.15.0a8.
    BehaviourChange {
        cfg: "base64_padding_midstream_ignored",
        first_releases: &[final_release(13, 13), final_release(14, 4), release(15, 0, ALPHA, 8)],
    },
    // gh-148093: a2b_uu of an empty line raises "Missing length byte"
    // rather than reading the byte after the data. 3.13.14, 3.14.5rc1,
    // 3.15.0b1.
    BehaviourChange {
        cfg: "uu_missing_length_byte_refused",
        first_releases: &[
            final_release(13, 14),
            release(14, 5, CANDIDATE, 1),
            release(15, 0, BETA, 1),
        ],
    },
];

const fn minor_of(hexversion: u32) -> u32 {
    hexversion >> 16 & 0xFF
}

fn has(change: &BehaviourChange, hexversion: u32) -> bool {
    let minor = minor_of(hexversion);
    match change.first_releases.iter().find(|first| minor_of(**first) == minor) {
        Some(&first) => hexversion >= first,
        None => change
            .first_releases
            .last()
            .is_some_and(|&made_on| minor > minor_of(made_on)),
    }
}

/// The cfgs of the changes the release `hexversion` (`PY_VERSION_HEX`) has.
pub fn cfgs(hexversion: u32) -> impl Iterator<Item = &'static str> {
    BEHAVIOUR_CHANGES
        .iter()
        .filter(move |change| has(change, hexversion))
        .map(|change| change.cfg)
}

/// Every cfg a change may set, for `rustc-check-cfg`.
pub fn known_cfgs() -> impl Iterator<Item = &'static str> {
    BEHAVIOUR_CHANGES.iter().map(|change| change.cfg)
}

/// Run by tests/behaviour_changes.rs, which includes this file (a build
/// script has no tests of its own).
#[cfg(test)]
mod tests {
    use super::*;

    fn cfgs_of(minor: u32, micro: u32, level: u32, serial: u32) -> Vec<&'static str> {
        cfgs(release(minor, micro, level, serial)).collect()
    }

    #[test]
    fn releases_of_each_branch() {
        let refuses = "base64_strict_refuses_padding_at_quad_start";
        let midstream = "base64_padding_midstream_ignored";
        let uu = "uu_missing_length_byte_refused";
        assert_eq!(cfgs_of(11, 7, FINAL, 0), [] as [&str; 0]);
        assert_eq!(cfgs_of(12, 3, FINAL, 0), [] as [&str; 0]);
        assert_eq!(cfgs_of(12, 4, FINAL, 0), [refuses]);
        assert_eq!(cfgs_of(13, 0, ALPHA, 6), [] as [&str; 0]);
        assert_eq!(cfgs_of(13, 0, FINAL, 0), [refuses]);
        assert_eq!(cfgs_of(13, 12, FINAL, 0), [refuses]);
        assert_eq!(cfgs_of(13, 13, FINAL, 0), [refuses, midstream]);
        assert_eq!(cfgs_of(13, 18, FINAL, 0), [refuses, midstream, uu]);
        assert_eq!(cfgs_of(14, 3, FINAL, 0), [refuses]);
        assert_eq!(cfgs_of(14, 5, BETA, 0), [refuses, midstream]);
        assert_eq!(cfgs_of(14, 5, CANDIDATE, 1), [refuses, midstream, uu]);
        assert_eq!(cfgs_of(15, 0, ALPHA, 7), [refuses]);
        assert_eq!(cfgs_of(15, 0, BETA, 1), [refuses, midstream, uu]);
        assert_eq!(cfgs_of(16, 0, ALPHA, 1), [refuses, midstream, uu]);
    }

    #[test]
    fn every_cfg_is_known() {
        let known: Vec<_> = known_cfgs().collect();
        assert!(cfgs(release(99, 0, FINAL, 0)).all(|cfg| known.contains(&cfg)));
    }
}
