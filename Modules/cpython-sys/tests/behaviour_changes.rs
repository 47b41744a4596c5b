//! The release ranges of build/behaviour_changes.rs: its tests, run here
//! because a build script has none of its own.

#[path = "../build/behaviour_changes.rs"]
mod behaviour_changes;
