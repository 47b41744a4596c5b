"""Run the whole test suite against every interpreter of the matrix.

    python3 Tools/rust/run_tests.py [--no-build-interpreters]

First the crates that need no interpreter (cpython-clinic's parser,
binascii's codecs, pyhash), with brief runs of the libFuzzer targets of
pyhash and of binascii's codecs (BINASCII_FUZZ_SECONDS each, default 10).
Then,
for each interpreter (Tools/rust/interpreters.py), in order:
  1. cpython-sys's ABI tests (tests/abi.rs: layouts and constants against the
     C compiler), with bindgen when libclang is present and again with
     libclang hidden, so the committed bindings are checked too;
  2. build the Rust modules (Tools/rust/build.py) into build/<tag>/;
  3. Lib/test/test_*.py under that interpreter, with build/<tag>/ first on
     sys.path;
  4. CPython's own ClinicFunctionalTest (its Lib/test/test_clinic.py,
     unchanged) against the Rust _testclinic (Tools/rust/clinic_test.py).
  5. CPython's own test_binascii and test_base64 (its Lib/test, unchanged)
     with the Rust binascii in place of the C one (Tools/rust/stdlib_test.py).
Then the tests of the tools themselves (Lib/test/test_tools/).

Every interpreter or step that cannot run is reported as skipped, with the
reason. The last line counts everything: `total: N passed, N failed, N skipped`.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build  # noqa: E402
import interpreters  # noqa: E402
import sid_chroot  # noqa: E402
import test_dependencies  # noqa: E402

REPO = build.REPO
CARGO_RESULT = re.compile(r"^test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored", re.MULTILINE)
UNITTEST_COUNTS = re.compile(r"^counts: (\{.*\})$", re.MULTILINE)
TOTAL = re.compile(r"^total: (\d+) passed, (\d+) failed, (\d+) skipped$", re.MULTILINE)
FAILED = re.compile(r"^FAILED (.*)$", re.MULTILINE)
SID_BUILD_ROOT = REPO / "build" / "sid-chroot"
CLINIC_COUNTS = re.compile(r"^clinic: (\d+) passed, (\d+) failed, (\d+) skipped$", re.MULTILINE)
STDLIB_COUNTS = re.compile(r"^stdlib: (\d+) passed, (\d+) failed, (\d+) skipped$", re.MULTILINE)


@dataclass
class Tally:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    failures: list = field(default_factory=list)

    def skip(self, what, reason):
        self.skipped += 1
        print(f"SKIPPED {what}: {reason}", flush=True)

    def fail(self, what, count=1):
        self.failed += count
        self.failures.append(what)


def heading(text):
    print(f"\n=== {text}", flush=True)


def run_streamed(command, env=None, cwd=REPO):
    """Run a command, echoing its output; return (exit status, output)."""
    started = time.monotonic()
    process = subprocess.run(
        command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    print(process.stdout, end="", flush=True)
    print(f"[{time.monotonic() - started:.1f}s, exit status {process.returncode}]", flush=True)
    return process.returncode, process.stdout


def cargo_tests(tally, what, arguments, env):
    status, output = run_streamed(["cargo", "test", "--locked", *arguments], env)
    results = [tuple(map(int, counts)) for counts in CARGO_RESULT.findall(output)]
    failed = sum(failed for _, failed, _ in results)
    tally.passed += sum(passed for passed, _, _ in results)
    tally.skipped += sum(ignored for _, _, ignored in results)
    if failed or status != 0:
        # A build failure runs no test at all, yet must count as one failure.
        tally.fail(what, failed or 1)


def libfuzzer_run(tally, what, command):
    """A libFuzzer run passes when it exits 0 having said "Done N runs"."""
    if shutil.which("c++") is None:
        tally.skip(what, "no C++ compiler to build libFuzzer")
        return
    status, output = run_streamed(command)
    if status == 0 and re.search(r"^Done \d+ runs", output, re.MULTILINE):
        tally.passed += 1
    else:
        tally.fail(what)


def pyhash_fuzz(tally, seconds=15):
    """Python/pyhash's libFuzzer target against the paper's SipHash, briefly."""
    run = REPO / "Python" / "pyhash" / "fuzz" / "run.sh"
    libfuzzer_run(tally, "pyhash fuzz target", ["sh", str(run), str(seconds)])


BINASCII_FUZZ_TARGETS = ("base64", "hex", "qp", "uu", "crc")


def binascii_fuzz(tally):
    """Each codec's libFuzzer target (every kernel path against the scalar
    path, the scalar path against a transcription of C), briefly:
    BINASCII_FUZZ_SECONDS each (default 10)."""
    seconds = os.environ.get("BINASCII_FUZZ_SECONDS", "10")
    run = REPO / "Modules" / "binascii" / "codec" / "fuzz" / "run.sh"
    for target in BINASCII_FUZZ_TARGETS:
        libfuzzer_run(tally, f"binascii-codec fuzz target {target}", ["sh", str(run), seconds, target])


def unittest_tests(tally, what, python, start, env):
    command = [str(python), str(REPO / "Tools" / "rust" / "unittest_counts.py"), str(start)]
    status, output = run_streamed(command, env)
    reported = UNITTEST_COUNTS.search(output)
    if not reported:
        tally.fail(f"{what}: the tests did not report their counts (exit status {status})")
        return
    counts = json.loads(reported.group(1))
    tally.passed += counts["passed"]
    tally.skipped += counts["skipped"]
    if counts["failed"] or status != 0:
        # A run that passed nothing is a failure too: it tested nothing.
        tally.fail(what, counts["failed"] or 1)


def bindings_origin(env):
    """Which bindings cpython-sys uses in env: 'bindgen' or 'pregenerated'."""
    facts, _ = build.build_cpython_sys(env)
    return facts["CPYTHON_SYS_BINDINGS_ORIGIN"]


def test_in_chroot(tally, interpreter):
    """test_interpreter, run by this script inside the interpreter's chroot
    (see --only), its counts added to the tally."""
    chroot = sid_chroot.SidChroot(interpreter.chroot)
    # The modules go to a build directory of their own: sid's 3.13 has the
    # same tag as the host's, and its modules need sid's glibc.
    command = [str(interpreter.executable), "Tools/rust/run_tests.py", "--only", interpreter.name,
               str(interpreter.executable), "--build-root", str(SID_BUILD_ROOT)]
    status, output = run_streamed(chroot.command(command))
    # Its own summary comes last, after the heading summary() prints.
    _, _, own_summary = output.rpartition("\n=== summary")
    reported = TOTAL.findall(own_summary)
    if not reported:
        tally.fail(f"{interpreter.name}: the run in the chroot did not report its counts (exit status {status})")
        return
    passed, failed, skipped = map(int, reported[-1])
    tally.passed += passed
    tally.skipped += skipped
    tally.failed += failed
    tally.failures.extend(FAILED.findall(own_summary))
    if status != 0 and not failed:
        tally.fail(f"{interpreter.name}: the run in the chroot exited with status {status}")


def test_interpreter(tally, interpreter, build_root=None):
    if interpreter.chroot is not None:
        test_in_chroot(tally, interpreter)
        return
    name, python = interpreter.name, interpreter.executable
    env = build.cargo_environment(python=python)
    try:
        origin = bindings_origin(env)
    except build.BuildError as error:
        tally.fail(f"{name}: cpython-sys does not build: {error}")
        print(f"error: {error}", flush=True)
        return

    heading(f"{name}: cpython-sys ABI tests, bindings from {origin}")
    cargo_tests(tally, f"{name}: ABI tests ({origin})", ["-p", "cpython-sys", "--", "--nocapture"], env)
    if origin == "bindgen":
        hidden = dict(env, CPYTHON_SYS_HIDE_LIBCLANG="1")
        try:
            fallback = bindings_origin(hidden)
        except build.BuildError as error:
            tally.skip(f"{name}: ABI tests with libclang hidden", str(error))
        else:
            heading(f"{name}: cpython-sys ABI tests, libclang hidden (bindings from {fallback})")
            cargo_tests(tally, f"{name}: ABI tests (libclang hidden)", ["-p", "cpython-sys", "--", "--nocapture"], hidden)
    else:
        tally.skip(f"{name}: ABI tests with bindgen", "libclang is not available (apt-get install libclang-dev)")

    heading(f"{name}: build the Rust modules")
    try:
        out, installed, _ = build.build(env, root=build_root)
    except build.BuildError as error:
        print(f"error: {error}", flush=True)
        tally.fail(f"{name}: building the modules")
        return
    for path in installed:
        print(f"  {path.relative_to(REPO)}")

    heading(f"{name}: Lib/test under {python}")
    test_env = dict(os.environ, PYTHONPATH=str(out), CPYTHON_RUST_BUILD_ROOT=str(out.parent))
    unittest_tests(tally, f"{name}: Lib/test", python, REPO / "Lib" / "test", test_env)

    heading(f"{name}: CPython's ClinicFunctionalTest with the Rust _testclinic")
    clinic_tests(tally, name, python, out)

    heading(f"{name}: CPython's test_binascii and test_base64 with the Rust binascii")
    stdlib_tests(tally, name, python, out)


def clinic_tests(tally, name, python, out):
    command = [sys.executable, str(REPO / "Tools" / "rust" / "clinic_test.py"), "--python", str(python),
               "--testclinic", str(out)]
    counted_tests(tally, f"{name}: ClinicFunctionalTest", command, CLINIC_COUNTS)


def stdlib_tests(tally, name, python, out):
    command = [sys.executable, str(REPO / "Tools" / "rust" / "stdlib_test.py"), "--python", str(python),
               "--module", str(out)]
    hypothesis = hypothesis_path(python)
    if hypothesis is not None:
        command += ["--path", str(hypothesis)]
    counted_tests(tally, f"{name}: test_binascii/test_base64", command, STDLIB_COUNTS)


def counted_tests(tally, what, command, counts):
    """Run a script whose last line counts its tests (`counts` matches it)."""
    status, output = run_streamed(command)
    reported = counts.search(output)
    if not reported:
        tally.fail(f"{what} did not report their counts (exit status {status})")
        return
    passed, failed, skipped = map(int, reported.groups())
    tally.passed += passed
    tally.skipped += skipped
    if failed or status != 0:
        tally.fail(what, failed or 1)


def hypothesis_path(python):
    """3.13's test_binascii has property tests that skip without Hypothesis:
    a directory holding it, for python's path, unless python has it
    already; None (those tests then skip, saying so) when pip cannot get
    it."""
    if subprocess.run([str(python), "-c", "import hypothesis"], capture_output=True).returncode == 0:
        return None
    try:
        return test_dependencies.site_packages(python, test_dependencies.HYPOTHESIS)
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", None) or str(error)
        print(f"note: could not install {test_dependencies.HYPOTHESIS} ({detail.strip().splitlines()[-1]}); "
              "its tests will be skipped", flush=True)
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-build-interpreters", action="store_true",
        help="use the interpreters built from source only if already built",
    )
    parser.add_argument(
        "--only", nargs=2, metavar=("NAME", "PYTHON"),
        help="test only this interpreter (how the run inside a chroot is made)",
    )
    parser.add_argument("--build-root", type=Path, help="where the modules go, by tag (default: build/)")
    args = parser.parse_args()
    started = time.monotonic()
    tally = Tally()
    if args.only:
        name, python = args.only
        test_interpreter(tally, interpreters.Interpreter(name, Path(python), None), args.build_root)
        return summary(tally, started)

    heading("crates that need no interpreter: cargo test -p cpython-clinic -p binascii-codec -p pyhash")
    cargo_tests(tally, "cpython-clinic", ["-p", "cpython-clinic"], dict(os.environ))
    cargo_tests(tally, "pyhash", ["--release", "-p", "pyhash"], dict(os.environ))
    pyhash_fuzz(tally)
    # Release: the codec tests run millions of kernel calls on every CPU path.
    cargo_tests(tally, "binascii-codec", ["--release", "-p", "binascii-codec"], dict(os.environ))
    binascii_fuzz(tally)
    # The codec's own tests again on each slower kernel path (the kernel tests
    # above already run every path; these check the codec around them).
    for path in ("avx2", "ssse3", "scalar"):
        cargo_tests(tally, f"binascii-codec on {path}", ["--release", "-p", "binascii-codec", "--lib"],
                    dict(os.environ, BINASCII_CODEC_FORCE=path))

    heading("interpreter matrix")
    matrix = interpreters.discover(build_from_source=not args.no_build_interpreters)
    for interpreter in matrix:
        print(f"  {interpreter.name:12} {interpreter.describe()}")
    for interpreter in matrix:
        if interpreter.executable is None:
            tally.skip(f"interpreter {interpreter.name}", interpreter.skip_reason)
        else:
            test_interpreter(tally, interpreter)

    heading("the tools: Lib/test/test_tools under python3")
    unittest_tests(tally, "tools", sys.executable, REPO / "Lib" / "test" / "test_tools", dict(os.environ))

    return summary(tally, started)


def summary(tally, started):
    heading(f"summary ({time.monotonic() - started:.0f}s)")
    for failure in tally.failures:
        print(f"FAILED {failure}")
    print(f"total: {tally.passed} passed, {tally.failed} failed, {tally.skipped} skipped")
    return 1 if tally.failed or tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
