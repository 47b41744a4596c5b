"""Make a pristine CPython source tree Rust-capable.

    python3 Tools/rust/integrate.py SOURCE_TREE

Applies the patches for the tree's minor version (Tools/rust/patches/X.Y/,
in name order) and regenerates `configure` with autoreconf (autoconf 2.71
and autoconf-archive, as CPython's own Tools/build/regen-configure.sh).
After that, `./configure --with-rust[=auto|yes|no]` finds cargo and rustc
(or CARGO and RUSTC), checks the minimum rustc version and the Rust target
of the host, and says whether the Rust modules will be built.

A tree is integrated once: a second run, or a tree the patches do not fit,
is refused with a one-line error (exit status 2) and left as it was.
"""

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

PATCHES = Path(__file__).resolve().parent / "patches"
MARKER = ".cpython-rust-integrated"


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
