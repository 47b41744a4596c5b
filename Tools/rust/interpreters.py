"""Discover the matrix of Python interpreters that the test suite runs against.

Every matrix entry is always reported: an interpreter that is unavailable, or
that duplicates an earlier entry, carries a skip reason instead of a path.

Usage:
    python3 Tools/rust/interpreters.py [--no-build]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# cpython_build lives next to this file; make it importable however this
# module was loaded.
_TOOLS_DIR = str(Path(__file__).resolve().parent)
if _TOOLS_DIR not in sys.path:
    sys.path.insert(0, _TOOLS_DIR)
import cpython_build  # noqa: E402
import sid_chroot  # noqa: E402

PYENV_MINORS = ("3.11", "3.12", "3.13")
# Built from Debian's source package of this release: the configurations no
# installed interpreter here has.
SOURCE_RELEASE = "3.13.5"
FREE_THREADED_FLAGS = ["--disable-gil"]
DEBUG_FLAGS = ["--with-pydebug"]
DEBIAN_PYTHON = Path("/usr/bin/python3.11")
# 0 leaves Debian sid's CPythons out, all adds those not passing yet (see
# _sid_interpreters).
SID_VARIABLE = "CPYTHON_RUST_SID"
NOT_YET_PASSING = "sid-3.15"


@dataclass(frozen=True)
class Interpreter:
    """A matrix entry: exactly one of executable and skip_reason is set."""

    name: str  # matrix label, e.g. "3.13t"
    executable: Path | None
    skip_reason: str | None
    # The root of the chroot the executable runs in (see sid_chroot), if any.
    chroot: Path | None = None

    def describe(self):
        if self.executable is None:
            return f"skipped: {self.skip_reason}"
        if self.chroot is not None:
            return f"{self.executable} in the chroot {self.chroot}"
        return str(self.executable)


def discover(build_from_source: bool = True) -> list[Interpreter]:
    """Return the interpreter matrix, in a fixed order.

    With build_from_source, the interpreters built from CPython's source
    (free-threaded, debug) are built if not cached yet (minutes each).
    """
    candidates = [
        _path_python3(),
        *(_newest_pyenv_install(minor) for minor in PYENV_MINORS),
        _built_from_source("3.13t", FREE_THREADED_FLAGS, build_from_source),
        _built_from_source("3.13d", DEBUG_FLAGS, build_from_source),
        _debian_python(),
        *_sid_interpreters(build_from_source),
    ]
    return _skip_duplicates(candidates)


def _run_python(executable, code):
    result = subprocess.run(
        [executable, "-c", code],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def _path_python3():
    name = "python3"
    found = shutil.which("python3")
    if found is None:
        return Interpreter(name, None, "python3 is not on PATH")
    # "python3" may be a shim (pyenv) that execs the real interpreter.
    try:
        executable = _run_python(found, "import sys; print(sys.executable)")
    except (OSError, subprocess.CalledProcessError) as error:
        return Interpreter(name, None, f"{found} does not run: {error}")
    return Interpreter(name, Path(executable), None)


def _newest_pyenv_install(minor):
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    versions_dir = pyenv_root / "versions"
    # Only final releases named "<minor>.<patch>": this leaves out
    # free-threaded installs ("3.13.0t") and pre-releases ("3.13.0rc1").
    release_name = re.compile(re.escape(minor) + r"\.(\d+)")
    installs = []
    for install in versions_dir.glob(f"{minor}.*"):
        match = release_name.fullmatch(install.name)
        if match:
            installs.append((int(match.group(1)), install))
    if not installs:
        reason = f"no pyenv install of {minor} in {versions_dir}"
        return Interpreter(minor, None, reason)
    _, newest = max(installs)
    executable = newest / "bin" / f"python{minor}"
    if not executable.exists():
        return Interpreter(minor, None, f"{executable} does not exist")
    return Interpreter(minor, executable, None)


def _built_from_source(name, flags, build):
    """CPython SOURCE_RELEASE configured with flags, from the cache; built
    first when build is true."""
    if build:
        try:
            executable = cpython_build.ensure_interpreter(SOURCE_RELEASE, flags)
        except (cpython_build.BuildError, OSError) as error:
            return Interpreter(name, None, f"build failed: {error}")
    else:
        executable = cpython_build.cached_interpreter(SOURCE_RELEASE, flags)
        if executable is None:
            command = " ".join(["Tools/rust/cpython_build.py", SOURCE_RELEASE, *flags])
            return Interpreter(name, None, f"not built (run {command})")
    return Interpreter(name, executable, None)


def _debian_python():
    name = "debian-3.11"
    if not DEBIAN_PYTHON.exists():
        return Interpreter(name, None, f"{DEBIAN_PYTHON} does not exist")
    try:
        include_dir = _run_python(
            DEBIAN_PYTHON,
            "import sysconfig; print(sysconfig.get_config_var('INCLUDEPY'))",
        )
    except (OSError, subprocess.CalledProcessError) as error:
        reason = f"{DEBIAN_PYTHON} does not run: {error}"
        return Interpreter(name, None, reason)
    header = Path(include_dir) / "Python.h"
    if not header.exists():
        reason = f"{header} does not exist (install python3.11-dev)"
        return Interpreter(name, None, reason)
    return Interpreter(name, DEBIAN_PYTHON, None)


def _sid_interpreters(build):
    """Debian sid's CPythons (sid_chroot), in its chroot; built first when
    build is true. CPYTHON_RUST_SID=0 leaves them all out; =all adds those
    not yet passing every step (3.15: binascii lacks its additions)."""
    names = [
        (f"sid-{minor}{suffix}", f"python{minor}{suffix}")
        for minor, with_debug in sid_chroot.MINORS.items()
        for suffix in ("", "d")
        if suffix == "" or with_debug
    ]
    untested = [
        Interpreter(f"sid-{minor}t", None, f"Debian has no free-threaded {minor} package")
        for minor in sid_chroot.MINORS
        if minor != "3.13"
    ]
    setting = os.environ.get(SID_VARIABLE, "")
    if setting == "0":
        return [Interpreter(name, None, f"{SID_VARIABLE}=0") for name, _ in names] + untested
    not_yet = [] if setting == "all" else [
        (name, program) for name, program in names if name.startswith(NOT_YET_PASSING)
    ]
    try:
        root = sid_chroot.ensure() if build else sid_chroot.cached_root()
    except (sid_chroot.SidUnavailable, cpython_build.BuildError, OSError) as error:
        return [Interpreter(name, None, f"sid chroot: {error}") for name, _ in names] + untested
    if root is None:
        reason = "sid chroot not built (run Tools/rust/sid_chroot.py)"
        return [Interpreter(name, None, reason) for name, _ in names] + untested
    matrix = []
    for name, program in names:
        if (name, program) in not_yet:
            reason = f"binascii lacks 3.15's additions (issue 16); {SID_VARIABLE}=all runs it"
            matrix.append(Interpreter(name, None, reason))
        else:
            matrix.append(Interpreter(name, Path("/usr/bin") / program, None, root))
    return matrix + untested


def _skip_duplicates(candidates):
    """Skip entries whose interpreter is the same as an earlier entry's."""
    names_by_real_path = {}
    matrix = []
    for candidate in candidates:
        if candidate.executable is not None and candidate.chroot is None:
            real_path = os.path.realpath(candidate.executable)
            if real_path in names_by_real_path:
                earlier_name = names_by_real_path[real_path]
                candidate = Interpreter(
                    candidate.name, None, f"same interpreter as {earlier_name}"
                )
            else:
                names_by_real_path[real_path] = candidate.name
        matrix.append(candidate)
    return matrix


def main():
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument(
        "--no-build",
        action="store_true",
        help="do not build the interpreters built from source if not cached",
    )
    args = parser.parse_args()
    matrix = discover(build_from_source=not args.no_build)
    name_width = max(len(interpreter.name) for interpreter in matrix)
    for interpreter in matrix:
        print(f"{interpreter.name:<{name_width}}  {interpreter.describe()}")


if __name__ == "__main__":
    main()
