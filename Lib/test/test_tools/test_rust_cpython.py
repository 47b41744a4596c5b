"""CPython built with `./configure --with-rust`: every variant of
Tools/rust/cpython_with_rust.py (3.13.5 in seven configurations, 3.11.2 in
the default one) builds, imports the Rust binascii and hashes str, bytes and
memoryview with the Rust SipHash (or, with --with-rust=no, uses the C ones
without ever running cargo), passes CPython's own test_binascii, test_base64
and test_hash, and gives hash() the values of the C build of its algorithm
for four seeds (c_string_hashes_<algorithm>.json); the debug build has no
reference leaks;
`make install`, `make clean` and `make distclean` handle the Rust outputs;
an out-of-tree build runs offline, with no network and an empty cargo home,
on the committed bindings.

The first run builds eight CPythons (about 20 minutes on two cores); later
runs reuse them and only rebuild the Rust modules that changed.
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "Tools" / "rust"))

import cpython_build  # noqa: E402
import cpython_with_rust  # noqa: E402
import integrate  # noqa: E402
import string_hashes  # noqa: E402

TARGET = "x86_64-unknown-linux-gnu"
# The tarball of the out-of-tree and plain-configure comparisons.
VERSION = cpython_with_rust.VARIANTS["3.13-shared"].version


def setUpModule():
    for tool in ("patch", "autoreconf", "cargo", "rustc", "cc", "make", "nm"):
        if shutil.which(tool) is None:
            raise unittest.SkipTest(f"{tool} is not installed")
    if not list(Path("/usr/share/aclocal").glob("ax_*.m4")):
        raise unittest.SkipTest("autoconf-archive is not installed")
    if sysconfig.get_platform() != "linux-x86_64":
        raise unittest.SkipTest(f"the expectations are written for linux-x86_64, not {sysconfig.get_platform()}")
    for version in sorted({variant.version for variant in cpython_with_rust.VARIANTS.values()}):
        try:
            cpython_build.ensure_source(version)
        except cpython_build.BuildError as error:
            raise unittest.SkipTest(f"no CPython {version} source: {error}")


def run(command, cwd, **environment):
    """(exit status, stdout + stderr) of a command."""
    result = subprocess.run(command, cwd=cwd, env=dict(os.environ, **environment), stdin=subprocess.DEVNULL,
                            capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


class VariantTests:
    """What every variant must do; subclasses name the variant."""

    variant = None
    rust = True
    # sys.hash_info.algorithm: the configure default unless a variant says.
    algorithm = "siphash13"

    @classmethod
    def setUpClass(cls):
        try:
            cls.tree = cpython_with_rust.ensure_build(cls.variant)
        except (cpython_build.BuildError, integrate.IntegrationError) as error:
            raise AssertionError(f"building the {cls.variant} variant failed: {error}") from error
        cls.python = cls.tree / "python"
        cls.ext_suffix = subprocess.run([cls.python, "-c", "import sysconfig; print(sysconfig.get_config_var("
                                         "'EXT_SUFFIX'))"], cwd=cls.tree, capture_output=True, text=True).stdout.strip()

    def run_python(self, *arguments):
        status, output = run([str(self.python), *arguments], self.tree)
        self.assertEqual(status, 0, output)
        return output

    def module_file(self):
        return self.tree / "Modules" / f"binascii{self.ext_suffix}"

    def cargo_output(self, name):
        profile = "debug" if self.variant.endswith("-debug") else "release"
        return self.tree / "build" / "rust" / TARGET / profile / name

    def test_binascii_is_the_rust_module(self):
        if not self.rust:
            self.skipTest("a --with-rust=no build")
        loaded = self.run_python("-c", "import binascii; print(binascii.__file__)").strip()
        self.assertEqual(Path(loaded).resolve(), self.module_file())
        self.assertEqual(self.module_file().read_bytes(), self.cargo_output("libbinascii.so").read_bytes())
        self.assertNotIn("binascii.c", (self.tree / "Makefile").read_text().partition("Rules appended by makesetup")[2])

    def test_cpython_tests_pass(self):
        output = self.run_python("-m", "test", "test_binascii", "test_base64", "test_hash")
        self.assertIn("Tests result: SUCCESS", output)

    def test_string_hash_implementation(self):
        """With Rust, pyhash.c's PyHash_Func is the Rust crate's, which
        sys.hash_info reports as C's would be; the C build keeps its own."""
        self.assertEqual(self.run_python("-c", "import sys; print(sys.hash_info.algorithm)").strip(), self.algorithm)
        status, symbols = run(["nm", "python"], self.tree)
        self.assertEqual(status, 0, symbols)
        # The Rust function PyHash_Func points to (pyhash::cpython::hash).
        self.assertEqual("pyhash7cpython4hash" in symbols, self.rust)

    def test_string_hashes_equal_the_c_build(self):
        recorded = json.loads(string_hashes.recorded_file(self.algorithm).read_text())
        for seed in string_hashes.SEEDS:
            with self.subTest(seed=seed):
                self.assertEqual(string_hashes.hashes(self.python, seed), recorded[str(seed)])

    def test_bindings_from_this_tree(self):
        if not self.rust:
            self.skipTest("a --with-rust=no build")
        outputs = list((self.cargo_output("build")).glob("cpython-sys-*/output"))
        self.assertEqual(len(outputs), 1, outputs)
        metadata = outputs[0].read_text()
        self.assertIn("cargo::metadata=BINDINGS=bindgen", metadata)
        self.assertIn(f"cargo::metadata=INCLUDE_DIRS={self.tree / 'Include'}:{self.tree}", metadata)


class SharedTests(VariantTests, unittest.TestCase):
    variant = "3.13-shared"

    def test_make_install(self):
        with tempfile.TemporaryDirectory(prefix="cpython-rust-install-") as destination:
            status, output = run(["make", "install", f"DESTDIR={destination}"], self.tree)
            self.assertEqual(status, 0, output[-3000:])
            installed = [path for path in Path(destination).rglob(self.module_file().name)]
            self.assertEqual(len(installed), 1, installed)
            self.assertEqual(installed[0].read_bytes(), self.module_file().read_bytes())


class FreeThreadedTests(VariantTests, unittest.TestCase):
    variant = "3.13-free-threaded"

    def test_gil_stays_disabled(self):
        output = self.run_python("-c", "import sys, binascii; print(sys._is_gil_enabled())")
        self.assertEqual(output.strip(), "False")


class DebugTests(VariantTests, unittest.TestCase):
    variant = "3.13-debug"

    def test_no_reference_leaks(self):
        output = self.run_python("-m", "test", "-R", "3:3", "test_binascii", "test_base64", "test_hash")
        self.assertIn("Tests result: SUCCESS", output)
        self.assertNotIn("leaked", output)


class StaticTests(VariantTests, unittest.TestCase):
    variant = "3.13-static"

    def test_binascii_is_the_rust_module(self):
        output = self.run_python("-c", "import sys, binascii; print('binascii' in sys.builtin_module_names, "
                                 "binascii.__spec__.origin)")
        self.assertEqual(output.split(), ["True", "built-in"])
        self.assertFalse(self.module_file().exists())
        self.assertFalse((self.tree / "Modules" / "binascii.o").exists())
        status, symbols = run(["nm", "python"], self.tree)
        self.assertEqual(status, 0, symbols)
        self.assertIn(" T PyInit_binascii", symbols)
        # Symbols of the Rust codec crate: the built-in module is Rust.
        self.assertIn("binascii_codec", symbols)


class NoRustTests(VariantTests, unittest.TestCase):
    variant = "3.13-no-rust"
    rust = False

    def test_cargo_never_runs(self):
        self.assertNotIn("checking for cargo", (self.tree.parent / "configure.log").read_text())
        for log in self.tree.parent.glob("make*.log"):
            self.assertNotIn("cargo", log.read_text(), log)
        self.assertFalse((self.tree / "build" / "rust").exists())
        self.assertIn("\nCARGO=\t\t\n", (self.tree / "Makefile").read_text())

    def test_binascii_is_the_c_module(self):
        loaded = self.run_python("-c", "import binascii; print(binascii.__file__)").strip()
        self.assertEqual(Path(loaded).resolve(), self.module_file())
        self.assertTrue((self.tree / "Modules" / "binascii.o").exists())

    def test_identical_to_a_plain_configure(self):
        """pyconfig.h and Modules/config.c are byte for byte those of an
        unpatched tree; the Makefile differs only by the Rust variables."""
        with tempfile.TemporaryDirectory(prefix="cpython-rust-plain-") as scratch:
            plain = cpython_build.extract_source(VERSION, Path(scratch) / "plain")
            status, output = run(["./configure", "--with-rust=no"], plain)
            self.assertEqual(status, 0, output)
            self.assertIn("unrecognized options: --with-rust", output)
            for name in ("pyconfig.h", "Modules/config.c"):
                self.assertEqual((self.tree / name).read_text(), (plain / name).read_text(), name)
            self.assertEqual(makefile_without_rust(self.tree), makefile_without_rust(plain, rename=self.tree))


class SipHash24Tests(VariantTests, unittest.TestCase):
    variant = "3.13-siphash24"
    algorithm = "siphash24"


class NoRustSipHash24Tests(VariantTests, unittest.TestCase):
    """The C build whose values c_string_hashes_siphash24.json records."""

    variant = "3.13-no-rust-siphash24"
    rust = False
    algorithm = "siphash24"


class Python311Tests(VariantTests, unittest.TestCase):
    variant = "3.11-shared"


def makefile_without_rust(tree, rename=None):
    """The tree's Makefile without the lines the patches add, its path
    spelled as `rename`'s."""
    # The core's Rust libraries, appended to MODLIBS (empty without Rust).
    text = (tree / "Makefile").read_text().replace(" $(RUST_CORE_LIBS)", "")
    if rename is not None:
        text = text.replace(str(tree), str(rename))
    patch = (integrate.PATCHES / "3.13" / "makefile-rust-rules.patch").read_text()
    added = {line[1:] for line in patch.splitlines() if line.startswith("+") and not line.startswith("+++")}
    lines = [line for line in text.splitlines() if line not in added]
    # configure substitutes the @RUST_...@ values: drop those lines too.
    return [line for line in lines if not line.startswith(("CARGO=", "RUSTC=", "RUST_"))]


class OutOfTreeOfflineTests(unittest.TestCase):
    """A fresh integrated tree built out of tree, as far as the Rust module,
    with no network, an empty CARGO_HOME and libclang hidden: everything
    cargo needs is in the tree, and the committed bindings are used."""

    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.TemporaryDirectory(prefix="cpython-rust-offline-")
        root = Path(cls.scratch.name)
        cls.source = cpython_build.extract_source(VERSION, root / "source")
        integrate.integrate(cls.source)
        cls.build = root / "build"
        cls.build.mkdir()
        status, output = run([str(cls.source / "configure")], cls.build)
        if status != 0:
            raise AssertionError(output)
        cls.module = "Modules/binascii.cpython-313-x86_64-linux-gnu.so"
        (root / "cargo-home").mkdir()
        offline = ["unshare", "-n"] if run(["unshare", "-n", "true"], root)[0] == 0 else []
        if not offline:
            print("note: unshare -n is not permitted here; offline means CARGO_NET_OFFLINE and an empty CARGO_HOME",
                  file=sys.stderr)
        cls.status, cls.output = run([*offline, "make", cls.module], cls.build, CARGO_HOME=str(root / "cargo-home"),
                                     CARGO_NET_OFFLINE="true", CPYTHON_SYS_HIDE_LIBCLANG="1")
        # Read now: test_clean_and_distclean removes them.
        cls.module_built = (cls.build / cls.module).is_file()
        cls.build_script_outputs = [path.read_text() for path in
                                    (cls.build / "build" / "rust" / TARGET / "release" / "build").glob(
                                        "cpython-sys-*/output")]

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()

    def test_module_builds_offline_on_committed_bindings(self):
        self.assertEqual(self.status, 0, self.output[-3000:])
        self.assertTrue(self.module_built)
        self.assertEqual(len(self.build_script_outputs), 1)
        self.assertIn("cargo::metadata=BINDINGS=pregenerated", self.build_script_outputs[0])
        self.assertIn(f"cargo::metadata=INCLUDE_DIRS={self.source / 'Include'}:{self.build}",
                      self.build_script_outputs[0])

    def test_source_tree_untouched(self):
        self.assertFalse((self.source / "build").exists())
        self.assertFalse((self.source / "target").exists())

    def test_clean_and_distclean(self):
        self.assertTrue(self.module_built, self.output[-3000:])
        status, output = run(["make", "clean"], self.build)
        self.assertEqual(status, 0, output)
        self.assertFalse((self.build / "build" / "rust").exists())
        self.assertFalse((self.build / self.module).exists())
        status, output = run(["make", "distclean"], self.build)
        self.assertEqual(status, 0, output)
        self.assertFalse((self.build / "Makefile").exists())
        # The vendored crates are part of the source tree and stay.
        self.assertTrue((self.source / integrate.VENDOR / "crc32fast" / "Cargo.toml").is_file())


if __name__ == "__main__":
    unittest.main()
