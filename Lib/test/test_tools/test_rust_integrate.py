"""Tools/rust/integrate.py on a pristine CPython 3.13.5 tree: the crates,
the workspace and the vendored crates it adds, the patched
Modules/makesetup, and the `./configure --with-rust` it gives: auto, yes and
no, with and without cargo on PATH, with CARGO/RUSTC, with a rustc that is
too old. (test_rust_cpython.py builds and tests whole CPythons.)

Each configure run takes about 20 seconds; the tree is integrated once.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "Tools" / "rust"))

import cpython_build  # noqa: E402
import integrate  # noqa: E402

VERSION = "3.13.5"
# PATH without the directories of cargo and rustc.
PATH_WITHOUT_RUST = os.pathsep.join(
    directory for directory in os.environ.get("PATH", "").split(os.pathsep)
    if directory and not (Path(directory) / "cargo").exists() and not (Path(directory) / "rustc").exists()
)


def missing_tools():
    for tool in ("patch", "autoreconf", "cargo", "rustc", "cc"):
        if shutil.which(tool) is None:
            return tool
    if not list(Path("/usr/share/aclocal").glob("ax_*.m4")):
        return "autoconf-archive"
    return None


def setUpModule():
    global SCRATCH, TREE
    missing = missing_tools()
    if missing:
        raise unittest.SkipTest(f"{missing} is not installed")
    try:
        cpython_build.ensure_source(VERSION)
    except cpython_build.BuildError as error:
        raise unittest.SkipTest(f"no CPython {VERSION} source: {error}")
    SCRATCH = tempfile.TemporaryDirectory(prefix="cpython-rust-integrate-")
    TREE = cpython_build.extract_source(VERSION, Path(SCRATCH.name) / f"Python-{VERSION}")
    result = subprocess.run([sys.executable, str(REPO / "Tools" / "rust" / "integrate.py"), str(TREE)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"integrate.py failed: {result.stdout}{result.stderr}")


def tearDownModule():
    SCRATCH.cleanup()


def configure(*arguments, **environment):
    """Run the tree's configure in a new build directory: (exit status, output)."""
    env = dict(os.environ, **environment)
    for name in ("CARGO", "RUSTC"):
        if name not in environment:
            env.pop(name, None)
    with tempfile.TemporaryDirectory(dir=SCRATCH.name) as build:
        result = subprocess.run([str(TREE / "configure"), *arguments], cwd=build, env=env,
                                stdin=subprocess.DEVNULL, capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


class IntegrateTests(unittest.TestCase):
    def test_configure_was_regenerated(self):
        self.assertIn("--with-rust[=auto|yes|no]", (TREE / "configure").read_text())
        self.assertTrue((TREE / integrate.MARKER).exists())

    def test_second_run_is_refused(self):
        result = subprocess.run([sys.executable, str(REPO / "Tools" / "rust" / "integrate.py"), str(TREE)],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr.strip(), f"error: {TREE} is already integrated ({integrate.MARKER} exists)")

    def test_not_a_source_tree(self):
        with tempfile.TemporaryDirectory() as empty:
            with self.assertRaisesRegex(integrate.IntegrationError, "not a CPython source tree"):
                integrate.integrate(empty)


class OverlayTests(unittest.TestCase):
    def test_crates_copied(self):
        for crate, not_copied in integrate.CRATES.items():
            self.assertEqual((TREE / crate / "Cargo.toml").read_bytes(), (REPO / crate / "Cargo.toml").read_bytes())
            for path in not_copied:
                self.assertTrue((REPO / crate / path).exists(), path)
                self.assertFalse((TREE / crate / path).exists(), path)

    def test_workspace_settings_are_ours(self):
        ours = tomllib.loads((REPO / "Cargo.toml").read_text())
        tree = tomllib.loads((TREE / "Cargo.toml").read_text())
        self.assertEqual(tree["workspace"]["package"], ours["workspace"]["package"])
        self.assertEqual(tree["profile"]["release"], ours["profile"]["release"])
        self.assertEqual(sorted(tree["workspace"]["members"]),
                         sorted(member for member in ours["workspace"]["members"]
                                if any(member.startswith(crate) for crate in integrate.CRATES)
                                and not any(member == f"{crate}/{path}"
                                            for crate, paths in integrate.CRATES.items() for path in paths)))

    def test_lock_file_is_ours_less_unused_packages(self):
        def packages(path):
            return {(package["name"], package["version"]) for package in tomllib.loads(path.read_text())["package"]}
        tree, ours = packages(TREE / "Cargo.lock"), packages(REPO / "Cargo.lock")
        self.assertLess(tree, ours)
        self.assertIn("crc32fast", {name for name, _ in tree})
        self.assertNotIn("_testclinic", {name for name, _ in tree})

    def test_every_locked_registry_crate_is_vendored(self):
        lock = tomllib.loads((TREE / "Cargo.lock").read_text())
        registry = {(package["name"], package["version"]) for package in lock["package"] if "source" in package}
        vendored = {(tomllib.loads((directory / "Cargo.toml").read_text())["package"]["name"],
                     tomllib.loads((directory / "Cargo.toml").read_text())["package"]["version"])
                    for directory in (TREE / integrate.VENDOR).iterdir()}
        self.assertEqual(vendored, registry)


class MakesetupTests(unittest.TestCase):
    """The patched Modules/makesetup on Setup lines naming Rust crates."""

    def makesetup(self, setup):
        with tempfile.TemporaryDirectory() as scratch:
            Path(scratch, "Setup").write_text(setup)
            Path(scratch, "Makefile.pre").write_text("MODOBJS= _MODOBJS_\nMODLIBS= _MODLIBS_\n"
                                                     "# Definitions added by makesetup\n")
            Path(scratch, "config.c.in").write_text("/* MARKER 1 */\n/* MARKER 2 */\n")
            result = subprocess.run(["sh", str(TREE / "Modules" / "makesetup"), "-c", "config.c.in",
                                     "-m", "Makefile.pre", "-s", "Modules", "Setup"],
                                    cwd=scratch, capture_output=True, text=True)
            # Whitespace collapsed: makesetup pads its lists unevenly.
            outputs = {name: " ".join(Path(scratch, name).read_text().split()) for name in ("Makefile", "config.c")
                       if Path(scratch, name).exists()}
        return result, outputs

    def test_shared_rust_module(self):
        result, outputs = self.makesetup("*shared*\nbinascii binascii/Cargo.toml\n")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("SHAREDMODS= Modules/binascii$(EXT_SUFFIX)", outputs["Makefile"])
        self.assertIn("Modules/binascii$(EXT_SUFFIX): rust-cargo-build; $(RUST_CARGO_BUILD) -p binascii --lib && "
                      "cp -p $(RUST_OUT_DIR)/libbinascii$(RUST_DYLIB_SUFFIX) Modules/binascii$(EXT_SUFFIX)",
                      outputs["Makefile"])
        self.assertNotIn("RUST_STATICLIB", outputs["Makefile"])
        self.assertNotIn("PyInit_binascii", outputs["config.c"])

    def test_static_rust_module(self):
        result, outputs = self.makesetup("*static*\nbinascii binascii/Cargo.toml\nzlib zlibmodule.c -lz\n")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("MODOBJS= Modules/zlibmodule.o MODLIBS=", outputs["Makefile"])
        self.assertIn("RUST_STATIC_MODULES= binascii", outputs["Makefile"])
        self.assertIn("LOCALMODLIBS= -lz $(RUST_STATICLIB) $(RUST_STATICLIB_LIBS)", outputs["Makefile"])
        self.assertIn("Modules/config.o: $(RUST_STATICLIB)", outputs["Makefile"])
        self.assertIn('{"binascii", PyInit_binascii},', outputs["config.c"])

    def test_bad_rust_module_lines(self):
        for line in ("binascii base64/Cargo.toml", "binascii binascii/Cargo.toml extra.c",
                     "binascii binascii/Cargo.toml -lz", "binascii hexlify binascii/Cargo.toml"):
            with self.subTest(line=line):
                result, _ = self.makesetup(f"*shared*\n{line}\n")
                self.assertNotEqual(result.returncode, 0)
                self.assertIn(f"bad Rust module line '{line}': expected '<module> <module>/Cargo.toml'",
                              result.stderr)


class ConfigureTests(unittest.TestCase):
    def test_auto_finds_rust(self):
        status, output = configure()
        self.assertEqual(status, 0, output)
        self.assertIn("checking for --with-rust... auto", output)
        self.assertIn("checking for the Rust target of x86_64-pc-linux-gnu... x86_64-unknown-linux-gnu", output)
        self.assertIn("checking for the libraries Rust's standard library links... -lgcc_s", output)
        self.assertIn("checking whether to build the Rust modules... yes", output)
        self.assertIn("checking for --with-rust-hash... yes (siphash13)", output)

    def test_auto_without_cargo_warns_and_goes_on(self):
        status, output = configure(PATH=PATH_WITHOUT_RUST)
        self.assertEqual(status, 0, output)
        self.assertIn("WARNING: Rust cannot be used (cargo was not found (set CARGO or PATH)): "
                      "the C versions of the Rust modules are built", output)
        self.assertIn("checking whether to build the Rust modules... no", output)

    def test_yes_without_cargo_stops(self):
        status, output = configure("--with-rust=yes", PATH=PATH_WITHOUT_RUST)
        self.assertNotEqual(status, 0)
        self.assertIn("error: --with-rust=yes, but Rust cannot be used: cargo was not found (set CARGO or PATH)",
                      output)

    def test_yes_with_cargo_and_rustc_named_explicitly(self):
        status, output = configure("--with-rust=yes", PATH=PATH_WITHOUT_RUST,
                                   CARGO=shutil.which("cargo"), RUSTC=shutil.which("rustc"))
        self.assertEqual(status, 0, output)
        self.assertIn(f"checking for cargo... {shutil.which('cargo')}", output)
        self.assertIn("checking whether to build the Rust modules... yes", output)

    def test_too_old_rustc(self):
        with tempfile.TemporaryDirectory() as fake:
            rustc = Path(fake) / "rustc"
            rustc.write_text("#!/bin/sh\necho 'rustc 1.70.0 (90c541806 2023-05-31)'\n")
            rustc.chmod(0o755)
            status, output = configure("--with-rust=yes", PATH=PATH_WITHOUT_RUST,
                                       CARGO=shutil.which("cargo"), RUSTC=str(rustc))
        self.assertNotEqual(status, 0)
        self.assertIn("error: --with-rust=yes, but Rust cannot be used: rustc 1.70.0 is older than 1.89.0", output)

    def test_no_never_looks_for_rust(self):
        status, output = configure("--with-rust=no")
        self.assertEqual(status, 0, output)
        self.assertNotIn("checking for cargo", output)
        self.assertIn("checking whether to build the Rust modules... no", output)
        self.assertIn("checking for --with-rust-hash... no", output)

    def test_rust_hash_follows_the_algorithm(self):
        status, output = configure("--with-hash-algorithm=siphash24")
        self.assertEqual(status, 0, output)
        self.assertIn("checking for --with-rust-hash... yes (siphash24)", output)
        status, output = configure("--with-hash-algorithm=fnv")
        self.assertEqual(status, 0, output)
        self.assertIn("checking for --with-rust-hash... no", output)

    def test_rust_hash_refused_without_rust(self):
        status, output = configure("--with-rust=no", "--with-rust-hash=yes")
        self.assertNotEqual(status, 0)
        self.assertIn("error: --with-rust-hash needs the Rust modules (--with-rust) and a SipHash algorithm", output)

    def test_bad_value(self):
        status, output = configure("--with-rust=maybe")
        self.assertNotEqual(status, 0)
        self.assertIn("error: --with-rust takes auto, yes or no, not 'maybe'", output)


if __name__ == "__main__":
    unittest.main()
