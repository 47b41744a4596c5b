//! `BINASCII_CODEC_FORCE` is read once per process, so each setting is tried
//! in a child process: this test binary again, running only
//! `print_selected_path`.

use std::process::Command;

use binascii_codec::cpu::{FORCE_VARIABLE, Path, selected_path};

#[test]
fn print_selected_path() {
    println!("selected path: {}", selected_path());
}

fn selected_in_child(force: Option<&str>) -> String {
    let mut child = Command::new(std::env::current_exe().unwrap());
    child.args(["--exact", "print_selected_path", "--nocapture", "--test-threads=1"]);
    match force {
        Some(name) => child.env(FORCE_VARIABLE, name),
        None => child.env_remove(FORCE_VARIABLE),
    };
    let output = child.output().unwrap();
    assert!(
        output.status.success(),
        "{force:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    // The harness prints the test's name on the same line, before it.
    let name = stdout
        .split("selected path: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next());
    name.unwrap_or_else(|| panic!("{force:?}: no path in {stdout:?}"))
        .to_owned()
}

#[test]
fn forcing_picks_the_named_path_or_else_the_best_available() {
    let best = Path::ALL.iter().find(|path| path.is_available()).unwrap();
    assert_eq!(selected_in_child(None), best.name());
    for name in ["avx512", "avx2", "ssse3", "scalar", "neon", ""] {
        let named = Path::ALL.iter().find(|path| path.name() == name);
        let expected = named.filter(|path| path.is_available()).unwrap_or(best);
        if named.is_some_and(|path| !path.is_available()) {
            println!("{name} is not available here: expecting {} instead", best.name());
        }
        assert_eq!(
            selected_in_child(Some(name)),
            expected.name(),
            "{FORCE_VARIABLE}={name}"
        );
    }
}
