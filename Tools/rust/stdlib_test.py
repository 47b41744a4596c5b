"""Run CPython's own test_binascii and test_base64 against a given binascii.

    python3 Tools/rust/stdlib_test.py --python PY [--module PATH | --c-baseline]

Runs test.test_binascii and test.test_base64 of PY's own test package,
unchanged, inside PY, with the binascii extension module loaded from PATH
(a file, or a directory holding binascii<EXT_SUFFIX>) in place of PY's own.
The default PATH is where build.py puts the Rust module,
build/<tag>/binascii<EXT_SUFFIX>. `--c-baseline` loads PY's own C module
the same way, by path: the baseline that shows the wiring is right. The last
line counts the tests from the test results:
`stdlib: N passed, N failed, N skipped`.

How the module under test gets in: the tests run in a throwaway virtual
environment of PY (`-m venv --without-pip --system-site-packages`) whose
own site-packages holds a .pth file that, at interpreter start, loads PATH as
`binascii` into sys.modules, before anything imports binascii (the
environment's .pth files run before those of PY's site-packages). A virtual
environment, rather than loading the module in this process only, because
test_base64's TestMain runs `python -m base64` in subprocesses
(test.support.script_helper, with sys.executable and -I): -I ignores
PYTHONPATH, but a virtual environment's .pth files still run, so the
subprocesses use the module under test as well.

Before running anything, and again after, the run checks and stops with an
error otherwise: sys.modules['binascii'] is the module loaded from PATH; the
`binascii` of test.test_binascii and test.test_base64 and the `binascii` of
base64 are that module; a subprocess started as script_helper starts them
imports it too. Neither test file imports binascii any other way (no
import_helper.import_fresh_module, no local imports), in 3.11.7, 3.12.1,
3.13.0 and 3.13.5, so every test class exercises the module under test.

PY's site-packages stay visible, and each `--path DIR` is added to the
environment's path, so that test_binascii's property tests (3.13) run when
PY has Hypothesis, or one of those directories (see test_dependencies);
without it they skip, saying so. The tests run with CI=1 in the environment and a temporary working
directory: CPython's hypothesis_helper otherwise sets up a database that
fetches examples from GitHub.

An interpreter without test.test_binascii (Debian's python3.11 installs its
test package separately) is reported as skipped, with the reason.
"""

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEST_MODULES = ("test.test_binascii", "test.test_base64")
HOOK_NAME = "_stdlib_test_binascii"

# What PY reports about itself, as JSON.
_DESCRIBE_INTERPRETER = """\
import importlib.util, json, sys, sysconfig
tests = {}
for name in %r:
    try:
        spec = importlib.util.find_spec(name)
    except ImportError:
        spec = None
    tests[name] = spec.origin if spec else None
own = importlib.util.find_spec("binascii")
print(json.dumps({
    "version": "%%d.%%d.%%d" %% sys.version_info[:3],
    "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
    "binascii": own.origin if own else None,
    "tests": tests,
}))
""" % (TEST_MODULES,)

# The module the .pth file imports: load PATH as binascii into sys.modules.
_HOOK_SOURCE = """\
# Written by Tools/rust/stdlib_test.py: binascii is the module at PATH.
import importlib.util
import sys

PATH = {path!r}


def _install():
    previous = sys.modules.get("binascii")
    spec = importlib.util.spec_from_file_location("binascii", PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["binascii"] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        if previous is None:
            del sys.modules["binascii"]
        else:
            sys.modules["binascii"] = previous
        raise


_install()
"""

# What a subprocess started like script_helper's sees.
_SUBPROCESS_CHECK = """\
import base64, binascii, json
print(json.dumps([getattr(binascii, "__file__", None), base64.binascii is binascii]))
"""


def describe(python):
    described = subprocess.run(
        [python, "-I", "-c", _DESCRIBE_INTERPRETER],
        stdin=subprocess.DEVNULL, capture_output=True, text=True,
    )
    if described.returncode != 0:
        raise RuntimeError(f"{python} does not describe itself:\n{described.stderr}")
    return json.loads(described.stdout)


def module_path(option, ext_suffix):
    """The binascii file named by --module (a file or a directory), or the
    Rust module's place in build/<tag>/."""
    file_name = "binascii" + ext_suffix
    if option is None:
        tag = ext_suffix.strip(".").rsplit(".", 1)[0]
        return REPO / "build" / tag / file_name
    path = Path(option)
    return path / file_name if path.is_dir() else path


def make_environment(python, root, path, extra_paths=()):
    """A virtual environment of python in root/venv whose interpreters load
    path as binascii at start, with extra_paths on their path; return its
    python."""
    venv = root / "venv"
    subprocess.run(
        [python, "-I", "-m", "venv", "--without-pip", "--system-site-packages", str(venv)],
        stdin=subprocess.DEVNULL, check=True,
    )
    venv_python = venv / "bin" / "python"
    site_packages = subprocess.run(
        [venv_python, "-I", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, check=True,
    ).stdout.strip()
    site_packages = Path(site_packages)
    (site_packages / f"{HOOK_NAME}.py").write_text(_HOOK_SOURCE.format(path=str(path)))
    (site_packages / f"{HOOK_NAME}.pth").write_text(f"import {HOOK_NAME}\n")
    (site_packages / "test-dependencies.pth").write_text("".join(f"{extra}\n" for extra in extra_paths))
    return venv_python


def drive(python, option, c_baseline, extra_paths):
    try:
        facts = describe(python)
    except (OSError, RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"Python {facts['version']}: {python}")
    missing = [name for name, origin in facts["tests"].items() if origin is None]
    if len(missing) == len(TEST_MODULES):
        return report_skip(f"{python} has no {' or '.join(missing)} (no test package installed)")
    if c_baseline:
        own = facts["binascii"]
        if own is None or not own.endswith(facts["ext_suffix"]):
            print(f"error: {python}'s binascii is not an extension module file ({own}); "
                  "no C baseline to load by path", file=sys.stderr)
            return 2
        path = Path(own)
    else:
        path = module_path(option, facts["ext_suffix"])
    path = path.resolve()
    if not path.is_file():
        print(f"error: no binascii module at {path}"
              + ("" if option else f" (build it: python3 Tools/rust/build.py --python {python})"),
              file=sys.stderr)
        return 2
    print(f"binascii under test: {path}", flush=True)

    with tempfile.TemporaryDirectory(prefix="stdlib-test-") as root:
        try:
            venv_python = make_environment(python, Path(root), path, extra_paths)
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"error: cannot make a virtual environment of {python}: {error}", file=sys.stderr)
            return 2
        # -I: neither PYTHONPATH nor the user's site-packages may decide which
        # binascii or test package is imported.
        command = [venv_python, "-I", Path(__file__).resolve(), "--in-venv", "--expect", str(path)]
        env = dict(os.environ, CI="1")
        return subprocess.run(command, stdin=subprocess.DEVNULL, cwd=root, env=env).returncode


def verify(expected, modules):
    """Everything that can reach binascii reaches the module at expected;
    return the problems."""
    problems = []
    binascii = sys.modules.get("binascii")
    origin = getattr(binascii, "__file__", None)
    if origin is None or Path(origin).resolve() != expected:
        problems.append(f"sys.modules['binascii'] is {binascii!r}, not the module at {expected}")
        return problems
    base64 = sys.modules.get("base64")
    if base64 is not None and base64.binascii is not binascii:
        problems.append(f"base64.binascii is {base64.binascii!r}, not {binascii!r}")
    for name, module in modules.items():
        seen = getattr(module, "binascii", None)
        if seen is not binascii:
            problems.append(f"{name}.binascii is {seen!r}, not {binascii!r}")
        if hasattr(module, "base64") and module.base64 is not base64:
            problems.append(f"{name}.base64 is {module.base64!r}, not {base64!r}")
    # test_base64's TestMain: `python -X faulthandler -I -m base64`.
    seen = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-I", "-c", _SUBPROCESS_CHECK],
        stdin=subprocess.DEVNULL, capture_output=True, text=True,
    )
    if seen.returncode != 0:
        problems.append(f"a subprocess of {sys.executable} fails:\n{seen.stderr}")
    else:
        sub_origin, same = json.loads(seen.stdout)
        if sub_origin is None or Path(sub_origin).resolve() != expected or not same:
            problems.append(f"a subprocess of {sys.executable} imports binascii from {sub_origin}"
                            f" (base64.binascii is binascii: {same})")
    return problems


def run_tests(expected):
    """Inside the virtual environment: check the wiring, run the tests."""
    # CountingResult lives next to this file; -I left its directory out of
    # sys.path, and it goes back out before the tests are imported.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from unittest_counts import CountingResult
    del sys.path[0]

    origin = getattr(sys.modules.get("binascii"), "__file__", None)
    print(f"binascii in {sys.executable}: {origin}", flush=True)
    import base64  # noqa: F401  (imported before the tests, checked by verify)

    modules = {}
    skipped = []
    for name in TEST_MODULES:
        try:
            modules[name] = importlib.import_module(name)
        except unittest.SkipTest as skip:
            skipped.append(f"{name}: {skip}")
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            skipped.append(f"{name}: {sys.executable} has no {name}")
    problems = verify(expected, modules)
    if problems:
        for problem in problems:
            print(f"error: {problem}", flush=True)
        return 2
    print(f"checked: binascii, base64.binascii, {', '.join(f'{name}.binascii' for name in modules)}"
          " and the binascii of a script_helper subprocess are the module under test", flush=True)

    passed = failed = skips = 0
    for reason in skipped:
        print(f"SKIPPED {reason}", flush=True)
        skips += 1
    successful = True
    for name, module in modules.items():
        print(f"\n--- {name} ({module.__file__})", flush=True)
        suite = unittest.defaultTestLoader.loadTestsFromModule(module)
        runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2, resultclass=CountingResult)
        result = runner.run(suite)
        module_failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
        print(f"{name}: {result.passed} passed, {module_failed} failed, {len(result.skipped)} skipped",
              flush=True)
        passed += result.passed
        failed += module_failed
        skips += len(result.skipped)
        # A module that passed nothing tested nothing.
        successful = successful and result.wasSuccessful() and result.passed > 0

    # No test may have put another binascii in place.
    problems = verify(expected, modules)
    for problem in problems:
        print(f"error: after the tests, {problem}", flush=True)
    print(f"stdlib: {passed} passed, {failed} failed, {skips} skipped", flush=True)
    return 0 if successful and not problems else 1


def report_skip(reason):
    print(f"SKIPPED test_binascii, test_base64: {reason}")
    print("stdlib: 0 passed, 0 failed, 1 skipped", flush=True)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--python", type=Path, help="the interpreter under test")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--module", metavar="PATH",
        help="the binascii to test: a file, or a directory holding binascii<EXT_SUFFIX>"
             " (default: the Rust module in build/<tag>/)",
    )
    choice.add_argument(
        "--c-baseline", action="store_true",
        help="test the interpreter's own C binascii, loaded by path the same way",
    )
    parser.add_argument(
        "--path", action="append", default=[], metavar="DIR",
        help="a directory for the tests' path: test dependencies such as Hypothesis (repeatable)",
    )
    # Set only when this script runs itself inside the virtual environment.
    parser.add_argument("--in-venv", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--expect", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.in_venv:
        return run_tests(args.expect)
    if args.python is None:
        parser.error("--python is required")
    return drive(args.python, args.module, args.c_baseline, args.path)


if __name__ == "__main__":
    sys.exit(main())
