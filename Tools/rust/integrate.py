"""Make a pristine CPython source tree Rust-capable.

    python3 Tools/rust/integrate.py SOURCE_TREE

- copies our crates into the tree's Modules/ and Python/ (CRATES) and the
  tree's Cargo workspace (Tools/rust/overlay/Cargo.toml) to its root;
- writes the tree's Cargo.lock (ours, less the packages the tree does not
  use) and vendors every crate it names from crates.io into
  Modules/rust-vendor, so that the build itself runs offline: this is the
  only step that may need the network (none if cargo's cache has them);
- applies the patches for the tree's minor version (Tools/rust/patches/X.Y/,
  in name order) to configure.ac, Makefile.pre.in, Modules/makesetup,
  Modules/Setup and Modules/Setup.stdlib.in, and regenerates `configure`
  with autoreconf (autoconf 2.71 and autoconf-archive, as CPython's own
  Tools/build/regen-configure.sh).

After that CPython's own commands do the rest: `./configure
--with-rust[=auto|yes|no]` and `make`.

A tree is integrated once: a second run, or a tree the patches do not fit,
is refused with a one-line error (exit status 2) and left as it was.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PATCHES = REPO / "Tools" / "rust" / "patches"
WORKSPACE = REPO / "Tools" / "rust" / "overlay" / "Cargo.toml"
MARKER = ".cpython-rust-integrated"
# The crates a CPython build needs, each copied to the same place in the
# tree; the directories under them that are not part of the crate.
CRATES = {
    "Modules/cpython-sys": ["tests/probe"],
    "Modules/cpython-api": [],
    "Modules/cpython-clinic": [],
    "Modules/binascii": ["codec/fuzz"],
    "Modules/cpython-static-modules": [],
    "Python/pyhash": ["fuzz"],
}
VENDOR = "Modules/rust-vendor"


class IntegrationError(Exception):
    """A refusal explained in one line."""


def minor_version(tree):
    """'3.13' for a tree whose Include/patchlevel.h says 3.13.x."""
    patchlevel = tree / "Include" / "patchlevel.h"
    if not patchlevel.is_file():
        raise IntegrationError(f"{tree} is not a CPython source tree (no Include/patchlevel.h)")
    text = patchlevel.read_text()
    numbers = {
        name: re.search(rf"#define\s+{name}\s+(\d+)", text)
        for name in ("PY_MAJOR_VERSION", "PY_MINOR_VERSION")
    }
    if not all(numbers.values()):
        raise IntegrationError(f"{patchlevel} does not define the version")
    return f"{numbers['PY_MAJOR_VERSION'][1]}.{numbers['PY_MINOR_VERSION'][1]}"


def patch_command(patch, tree, *options):
    return ["patch", "-p1", "--forward", "--batch", "--silent", *options, "-d", str(tree), "-i", str(patch)]


def cargo():
    return os.environ.get("CARGO") or "cargo"


def copy_crates(tree, replace=False):
    """Copy our crates into the tree; `replace` first removes the copies an
    earlier integration made (to bring an integrated tree up to date)."""
    for crate, not_copied in CRATES.items():
        if replace:
            shutil.rmtree(tree / crate)
        skipped = {REPO / crate / path for path in not_copied}
        shutil.copytree(REPO / crate, tree / crate,
                        ignore=lambda directory, names: [name for name in names if name == "target"
                                                         or Path(directory, name) in skipped])
    shutil.copy2(WORKSPACE, tree / "Cargo.toml")


def vendor_crates(tree):
    # cargo resolves the tree's workspace from our lock file, keeping every
    # version it names and dropping the packages the tree does not build.
    shutil.copy2(REPO / "Cargo.lock", tree / "Cargo.lock")
    vendored = subprocess.run([cargo(), "vendor", "--quiet", "--manifest-path", str(tree / "Cargo.toml"),
                               str(tree / VENDOR)], capture_output=True, text=True)
    if vendored.returncode != 0:
        raise IntegrationError(f"cargo vendor failed: {(vendored.stderr.strip().splitlines() or ['?'])[-1]}")
    print(f"vendored {len(list((tree / VENDOR).iterdir()))} crates into {VENDOR}")


def integrate(tree):
    tree = Path(tree).resolve()
    version = minor_version(tree)
    if (tree / MARKER).exists():
        raise IntegrationError(f"{tree} is already integrated ({MARKER} exists)")
    patches = sorted((PATCHES / version).glob("*.patch"))
    if not patches:
        raise IntegrationError(f"no patches for CPython {version} (supported: "
                               f"{', '.join(sorted(p.name for p in PATCHES.iterdir())) or 'none'})")
    for tool in ("patch", "autoreconf"):
        if shutil.which(tool) is None:
            raise IntegrationError(f"{tool} is needed (apt-get install patch autoconf autoconf-archive)")
    # All or nothing: every patch must fit before any is applied.
    for patch in patches:
        check = subprocess.run(patch_command(patch, tree, "--dry-run"), capture_output=True, text=True)
        if check.returncode != 0:
            raise IntegrationError(f"{patch.name} does not apply to {tree}: "
                                   f"{(check.stdout + check.stderr).strip().splitlines()[-1]}")
    added = [*CRATES, VENDOR, "Cargo.toml", "Cargo.lock"]
    for path in added:
        if (tree / path).exists():
            raise IntegrationError(f"{tree / path} already exists")
    if shutil.which(cargo()) is None:
        raise IntegrationError("cargo is needed to vendor the crates (install Rust, or set CARGO)")
    # Vendoring is the step that can fail for outside reasons (the network):
    # it goes first, and its failure leaves the tree as it was.
    try:
        copy_crates(tree)
        print(f"copied {', '.join(CRATES)} and the workspace Cargo.toml")
        vendor_crates(tree)
    except BaseException:
        for path in added:
            if (tree / path).is_dir():
                shutil.rmtree(tree / path)
            (tree / path).unlink(missing_ok=True)
        raise
    for patch in patches:
        subprocess.run(patch_command(patch, tree), check=True)
        print(f"applied {patch.relative_to(PATCHES)}")
    regenerated = subprocess.run(["autoreconf", "-if"], cwd=tree, capture_output=True, text=True)
    if regenerated.returncode != 0:
        raise IntegrationError(f"autoreconf failed: {(regenerated.stderr.strip().splitlines() or ['?'])[-1]}")
    print("regenerated configure")
    (tree / MARKER).write_text("".join(f"{patch.relative_to(PATCHES)}\n" for patch in patches))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path, help="a pristine CPython source tree")
    args = parser.parse_args()
    try:
        integrate(args.tree)
    except IntegrationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
