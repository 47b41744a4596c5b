"""Run CPython's ClinicFunctionalTest against a given _testclinic module.

    python3 Tools/rust/clinic_test.py --python PY [--testclinic DIR]

Runs the ClinicFunctionalTest class, and only it, of PY's own
Lib/test/test_clinic.py, unchanged, inside PY, with the _testclinic
extension module imported from DIR (default: PY's own C module, the baseline
that shows the wiring is right). The file imported is printed, and checked to
be in DIR. The last line counts the tests from the test result:
`clinic: N passed, N failed, N skipped`.

test_clinic.py imports Argument Clinic (Tools/clinic) at the top, and skips
itself when Tools/clinic is missing, which it is from every installation.
It finds it through test/test_tools/__init__.py, which takes `Tools` in the
directory four levels above that file: the root of a source tree
(<root>/Lib/test/test_tools/__init__.py), but <prefix>/lib in an
installation. Rather than write into the installation or change the lookup at
run time, this script lays out a temporary source tree: <root>/Lib/test is a
symbolic link to PY's test package and <root>/Tools one to Tools of the
CPython release of PY's minor version. With <root>/Lib first on sys.path, PY
imports its own test files through the link, so their __file__ lies under
<root> (symbolic links are not resolved) and the unchanged lookup finds
<root>/Tools/clinic.

Tools/clinic is Debian's python3.X-examples package's where it is installed
(the sid chroot's interpreters), the interpreter's own release. Otherwise it
is extracted once from the release tarball that cpython_build
fetches (3.11.2 for 3.11, 3.13.5 for 3.13: the files of the 3.13.5 trees it
builds, without needing a build) into <cache>/clinic-<release>/Tools.
No 3.12 source is to be had here; 3.12's test_clinic.py imports the
Tools/clinic of 3.11.2 (not 3.13.5's, which moved DSLParser into the
libclinic package). A test_clinic.py that cannot import the Tools/clinic it
is given is reported as skipped, with the import error.
"""

import argparse
import importlib
import subprocess
import sys
import tarfile
import tempfile
import unittest
from pathlib import Path, PurePosixPath

# cpython_build and unittest_counts live next to this file; make them
# importable however this script was started (-I leaves its directory out).
_TOOLS_DIR = str(Path(__file__).resolve().parent)
if _TOOLS_DIR not in sys.path:
    sys.path.insert(0, _TOOLS_DIR)
import cpython_build  # noqa: E402
from unittest_counts import CountingResult  # noqa: E402

# Minor version -> the CPython release whose Tools/clinic its test_clinic.py
# imports. No 3.12 source is to be had here; 3.12's test_clinic.py imports
# 3.11's Tools/clinic (3.13 moved DSLParser into libclinic), and
# ClinicFunctionalTest, the class run here, never calls into it.
CLINIC_RELEASES = {"3.11": "3.11.2", "3.12": "3.11.2", "3.13": "3.13.5"}

# Debian's python3.X-examples package installs the whole Tools/ tree of the
# interpreter's own release here; preferred when present (the sid chroot).
DEBIAN_EXAMPLES = "/usr/share/doc/python{version}/examples"

# What PY reports about itself: its minor version and its test package.
_DESCRIBE_INTERPRETER = """\
import importlib.util, sys
print("%d.%d" % sys.version_info[:2])
print(importlib.util.find_spec("test").submodule_search_locations[0])
"""


def minor_version(release):
    return ".".join(release.split(".")[:2])


def clinic_tools(release):
    """Return the Tools directory of release, holding only clinic/,
    extracted from the release tarball the first time."""
    root = cpython_build.cache_dir() / f"clinic-{release}"
    tools = root / "Tools"
    if tools.is_dir():
        return tools
    tarball = cpython_build.ensure_source(release)
    root.mkdir(parents=True, exist_ok=True)
    # Extract beside the destination and rename it into place, so that an
    # interrupted extraction never passes for a complete one.
    with tempfile.TemporaryDirectory(dir=root) as scratch:
        _extract_clinic(tarball, Path(scratch))
        extracted = Path(scratch) / "Tools"
        try:
            extracted.rename(tools)
        except OSError:
            # Another run renamed its own extraction into place first.
            if not tools.is_dir():
                raise
    return tools


def _extract_clinic(tarball, destination):
    """Write the files of Tools/clinic/ in tarball below destination."""
    with tarfile.open(tarball) as archive:
        for member in archive:
            # Members are named "Python-3.X.Y/Tools/clinic/...".
            inside_release = PurePosixPath(*PurePosixPath(member.name).parts[1:])
            if (
                member.isfile()
                and inside_release.parts[:2] == ("Tools", "clinic")
                and ".." not in inside_release.parts
            ):
                target = destination / inside_release
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.extractfile(member).read())


def drive(python, testclinic_dir):
    """Lay out the temporary source tree and run the tests inside python."""
    try:
        described = subprocess.run(
            [python, "-I", "-c", _DESCRIBE_INTERPRETER],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
    except OSError as error:
        print(f"error: {python} does not run: {error}", file=sys.stderr)
        return 2
    if described.returncode != 0:
        print(f"error: {python} cannot find its test package:", file=sys.stderr)
        sys.stderr.write(described.stderr)
        return 2
    version, test_package = described.stdout.splitlines()
    examples = Path(DEBIAN_EXAMPLES.format(version=version))
    if (examples / "clinic").is_dir():
        # The interpreter's own release, whatever its patch level.
        tools, release = examples, version
    else:
        try:
            release = CLINIC_RELEASES[version]
        except KeyError:
            known = ", ".join(CLINIC_RELEASES)
            print(f"error: no Tools/clinic for Python {version} (known: {known}, or {examples})", file=sys.stderr)
            return 2
        try:
            tools = clinic_tools(release)
        except (cpython_build.BuildError, OSError, tarfile.TarError) as error:
            print(f"error: cannot provide Tools/clinic of {release}: {error}", file=sys.stderr)
            return 2
    print(f"Tools/clinic of CPython {release}: {tools / 'clinic'}")
    print(f"test package of {python}: {test_package}", flush=True)

    with tempfile.TemporaryDirectory(prefix="clinic-test-") as root:
        root = Path(root)
        (root / "Lib").mkdir()
        (root / "Lib" / "test").symlink_to(test_package, target_is_directory=True)
        (root / "Tools").symlink_to(tools, target_is_directory=True)
        # -I: neither PYTHONPATH nor the user's site-packages may decide which
        # _testclinic or test package is imported.
        command = [python, "-I", Path(__file__).resolve(), "--in-tree", str(root), "--clinic-release", release]
        if testclinic_dir is not None:
            command += ["--testclinic", str(testclinic_dir)]
        return subprocess.run(command, stdin=subprocess.DEVNULL).returncode


def run_tests(tree, clinic_release, testclinic_dir):
    """Run ClinicFunctionalTest in this interpreter, from the layout at tree."""
    sys.path.insert(0, str(tree / "Lib"))
    if testclinic_dir is not None:
        sys.path.insert(0, str(testclinic_dir))
    try:
        testclinic = importlib.import_module("_testclinic")
    except ImportError as error:
        print(f"error: cannot import _testclinic: {error}", flush=True)
        return 2
    origin = getattr(testclinic, "__file__", None)
    print(f"_testclinic: {origin or 'built in'}", flush=True)
    if testclinic_dir is not None and (
        origin is None or Path(origin).parent.resolve() != testclinic_dir.resolve()
    ):
        print(f"error: _testclinic was not imported from {testclinic_dir}", flush=True)
        return 2

    version = "%d.%d" % sys.version_info[:2]
    try:
        test_clinic = importlib.import_module("test.test_clinic")
    except unittest.SkipTest as skip:
        return report_skip(str(skip))
    except ImportError as error:
        if error.name == "test.test_clinic":
            return report_skip(f"{sys.executable} has no test.test_clinic")
        if minor_version(clinic_release) == version:
            raise
        return report_skip(
            f"test_clinic.py of {version} cannot import the Tools/clinic of"
            f" {clinic_release} ({error}), and there is none of {version}"
        )

    suite = unittest.defaultTestLoader.loadTestsFromTestCase(test_clinic.ClinicFunctionalTest)
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2, resultclass=CountingResult)
    result = runner.run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    print(f"clinic: {result.passed} passed, {failed} failed, {len(result.skipped)} skipped", flush=True)
    # A run that passed nothing tested nothing.
    return 0 if result.wasSuccessful() and result.passed else 1


def report_skip(reason):
    print(f"SKIPPED ClinicFunctionalTest: {reason}")
    print("clinic: 0 passed, 0 failed, 1 skipped", flush=True)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--python", type=Path, help="the interpreter under test")
    parser.add_argument(
        "--testclinic", type=Path, metavar="DIR",
        help="directory of the _testclinic module to test (default: the interpreter's own)",
    )
    # Set only when this script runs itself inside the interpreter under test.
    parser.add_argument("--in-tree", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--clinic-release", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.in_tree is not None:
        return run_tests(args.in_tree, args.clinic_release, args.testclinic)
    if args.python is None:
        parser.error("--python is required")
    testclinic_dir = args.testclinic.resolve() if args.testclinic is not None else None
    return drive(args.python, testclinic_dir)


if __name__ == "__main__":
    sys.exit(main())
