"""Tests of the build tooling: Tools/rust/build.py, regen_bindings.py and
cpython-sys's build script, as a user meets them from the command line.

Run by Tools/rust/run_tests.py under the interpreter that runs the tools.
"""

import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
TOOLS = REPO / "Tools" / "rust"
sys.path.insert(0, str(TOOLS))

import build  # noqa: E402
import cpython_build  # noqa: E402
import interpreters  # noqa: E402

PYENV_VERSIONS = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
COMMITTED_BINDINGS = REPO / "Modules" / "cpython-sys" / "bindings"


def run_tool(script, *arguments, env=None):
    return subprocess.run(
        [sys.executable, str(TOOLS / script), *arguments],
        cwd=REPO, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
    )


def pyenv_interpreter(prefix):
    """The newest pyenv install whose version starts with prefix, or None."""
    versions = sorted(PYENV_VERSIONS.glob(f"{prefix}*"))
    for version in reversed(versions):
        for executable in sorted((version / "bin").glob("python[0-9]*")):
            return executable
    return None


def write_executable(path, text):
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


class BadTargetTests(unittest.TestCase):
    """A bad target is one `error:` line on stderr, exit status 2, no
    output files and no Rust panic."""

    def assert_one_error_line(self, result, *fragments):
        self.assertEqual(result.returncode, 2, result.stderr)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertTrue(lines[0].startswith("error: "), lines[0])
        self.assertNotIn("panicked", result.stderr)
        self.assertEqual(result.stdout, "")
        for fragment in fragments:
            self.assertIn(fragment, lines[0])

    def build_into_fresh_directory(self, *arguments, env=None):
        with tempfile.TemporaryDirectory() as out:
            result = run_tool("build.py", *arguments, "--out", out, env=env)
            self.assertEqual(os.listdir(out), [], "a failed build left files behind")
        return result

    def test_unsupported_versions(self):
        for prefix, version in (("2.7", "2.7"), ("3.9", "3.9")):
            with self.subTest(version=version):
                python = pyenv_interpreter(prefix)
                if python is None:
                    self.skipTest(f"no pyenv CPython {version} under {PYENV_VERSIONS}")
                result = self.build_into_fresh_directory("--python", str(python))
                self.assert_one_error_line(result, f"CPython {version}.", "not supported", "3.11 or newer")

    def test_not_a_python(self):
        with tempfile.TemporaryDirectory() as scratch:
            silent = Path(scratch) / "silent"
            write_executable(silent, "#!/bin/sh\nexit 0\n")
            failing = Path(scratch) / "failing"
            write_executable(failing, "#!/bin/sh\necho 'no such module: sysconfig' >&2\nexit 3\n")
            cases = [
                (Path(scratch) / "missing", "cannot run it"),
                (Path("/etc/passwd"), "cannot run it"),
                (silent, "printed no configuration"),
                (failing, "no such module: sysconfig"),
            ]
            for path, reason in cases:
                with self.subTest(path=path):
                    result = self.build_into_fresh_directory("--python", str(path))
                    self.assert_one_error_line(result, f"{path} is not a Python interpreter", reason)

    def test_missing_headers(self):
        # An interpreter that reports an include directory without Python.h,
        # as one installed without its -dev package does.
        with tempfile.TemporaryDirectory() as scratch:
            include = Path(scratch) / "include" / "python3.13"
            fake = Path(scratch) / "python3.13"
            write_executable(fake, textwrap.dedent(f"""\
                #!/bin/sh
                cat <<EOF
                implementation=cpython
                version=3.13.1
                version_string=3.13.1
                hexversion=51183088
                executable={fake}
                include_dir={include}
                config_h_dir={include}
                ext_suffix=.cpython-313-x86_64-linux-gnu.so
                gil_disabled=0
                debug=0
                trace_refs=0
                pointer_width=64
                EOF
                """))
            result = self.build_into_fresh_directory("--python", str(fake))
            self.assert_one_error_line(result, "has no C headers", str(include / "Python.h"))

    def test_source_tree_errors(self):
        with tempfile.TemporaryDirectory() as scratch:
            tree = Path(scratch)
            result = self.build_into_fresh_directory("--source-tree", str(tree))
            self.assert_one_error_line(result, f"{tree} is not a CPython source tree", "patchlevel.h")

            (tree / "Include").mkdir()
            (tree / "Include" / "patchlevel.h").write_text(textwrap.dedent("""\
                #define PY_MAJOR_VERSION 3
                #define PY_MINOR_VERSION 13
                #define PY_MICRO_VERSION 5
                #define PY_RELEASE_LEVEL PY_RELEASE_LEVEL_FINAL
                #define PY_RELEASE_SERIAL 0
                #define PY_VERSION "3.13.5"
                """))
            result = self.build_into_fresh_directory("--source-tree", str(tree))
            self.assert_one_error_line(result, "has not been configured", "pyconfig.h")

    def test_no_bindings_for_the_configuration(self):
        # A configured 3.13 tree with Py_TRACE_REFS: no bindings are committed
        # for it, so without libclang there is nothing to build with.
        with tempfile.TemporaryDirectory() as scratch:
            tree = Path(scratch)
            (tree / "Include").mkdir()
            (tree / "Include" / "Python.h").write_text("")
            (tree / "Include" / "patchlevel.h").write_text(
                "#define PY_MAJOR_VERSION 3\n#define PY_MINOR_VERSION 13\n#define PY_MICRO_VERSION 5\n"
                "#define PY_RELEASE_LEVEL PY_RELEASE_LEVEL_FINAL\n#define PY_RELEASE_SERIAL 0\n"
                '#define PY_VERSION "3.13.5"\n'
            )
            (tree / "pyconfig.h").write_text("#define Py_DEBUG 1\n#define Py_TRACE_REFS 1\n#define SIZEOF_VOID_P 8\n")
            (tree / "Makefile").write_text("EXT_SUFFIX=\t.cpython-313d-x86_64-linux-gnu.so\n")
            hidden = dict(os.environ, CPYTHON_SYS_HIDE_LIBCLANG="1")
            result = self.build_into_fresh_directory("--source-tree", str(tree), env=hidden)
            self.assert_one_error_line(
                result, "no pre-generated bindings for cpython-3.13d-trace-refs", "committed: cpython-3.11", "libclang is hidden"
            )
            result = self.build_into_fresh_directory("--source-tree", str(tree), "--bindings", "pregenerated")
            self.assert_one_error_line(result, "CPYTHON_SYS_BINDINGS=pregenerated", "cpython-3.13d-trace-refs")

    def test_unknown_bindings_mode(self):
        env = dict(os.environ, CPYTHON_SYS_BINDINGS="sometimes")
        result = self.build_into_fresh_directory(env=env)
        self.assert_one_error_line(result, 'CPYTHON_SYS_BINDINGS="sometimes"', "auto, bindgen, pregenerated")


# The first two lines of a committed file's header: the release and the
# configuration bindgen read the headers of.
HEADER_TARGET = re.compile(r"headers of CPython (\S+)\n// \((\S+)\)")

# What an interpreter is, in the terms of a header: release and configuration.
DESCRIBE_INTERPRETER = (
    "import sys, sysconfig; flags = ('t' if sysconfig.get_config_var('Py_GIL_DISABLED') else '')"
    " + ('d' if sysconfig.get_config_var('Py_DEBUG') else '');"
    " print('%d.%d.%d' % sys.version_info[:3], 'cpython-%d.%d%s' % (*sys.version_info[:2], flags))"
)


def interpreter_of(release, configuration):
    """An interpreter of this release and configuration on this machine: by
    its conventional name on PATH (the one the header's command uses), or in
    the interpreter matrix; None if there is none."""
    candidates = [shutil.which(configuration.replace("cpython-", "python", 1))]
    # Interpreters of a chroot run only inside it.
    candidates += [interpreter.executable for interpreter in interpreters.discover(build_from_source=False)
                   if interpreter.chroot is None]
    for candidate in filter(None, candidates):
        described = subprocess.run([str(candidate), "-c", DESCRIBE_INTERPRETER], capture_output=True, text=True)
        if described.returncode == 0 and described.stdout.split() == [release, configuration]:
            return str(candidate)
    return None


class CommittedBindingsTests(unittest.TestCase):
    """Each committed file equals what bindgen makes now from the headers of
    the release and configuration its header names."""

    def test_committed_bindings_are_fresh(self):
        files = sorted(COMMITTED_BINDINGS.glob("*/*.rs"))
        self.assertGreaterEqual(len(files), 5, "expected 3.11, 3.12, 3.13, 3.13t and 3.13d at least")
        for path in files:
            with self.subTest(bindings=path.name):
                header = path.read_text().split("// End of header.", 1)[0]
                target = HEADER_TARGET.search(header)
                self.assertIsNotNone(target, f"{path} does not name its CPython release and configuration")
                release, configuration = target.groups()
                python = interpreter_of(release, configuration)
                if python is None:
                    self.skipTest(f"no CPython {release} ({configuration}), which made {path.name}, on this machine")
                result = run_tool("regen_bindings.py", "--python", python, "--check")
                if "CPYTHON_SYS_BINDINGS=bindgen but" in result.stderr:
                    self.skipTest(f"bindgen cannot run here: {result.stderr.strip()}")
                self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_header_names_the_command(self):
        # A command anyone can run: no path of the machine that made the file.
        for path in sorted(COMMITTED_BINDINGS.glob("*/*.rs")):
            with self.subTest(bindings=path.name):
                first_lines = path.read_text().splitlines()[:6]
                self.assertTrue(first_lines[0].startswith("// DO NOT EDIT"), first_lines[0])
                commands = [line for line in first_lines if "python3 Tools/rust/regen_bindings.py" in line]
                self.assertEqual(len(commands), 1, first_lines)
                self.assertRegex(commands[0], r"regen_bindings\.py --python python3\.\d+t?d?$")
                self.assertNotIn("/root", "\n".join(first_lines))


class SourceTreeTests(unittest.TestCase):
    """Building against a CPython source tree instead of an installation."""

    def test_build_for_free_threaded_source_tree(self):
        version, flags = interpreters.SOURCE_RELEASE, interpreters.FREE_THREADED_FLAGS
        python = cpython_build.cached_interpreter(version, flags)
        if python is None:
            self.skipTest(f"CPython {version} {' '.join(flags)} is not built")
        tree = cpython_build.source_tree(version, flags)
        with tempfile.TemporaryDirectory() as out:
            result = run_tool("build.py", "--source-tree", str(tree), "--out", out)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn(f"the CPython source tree {tree} (CPython {version})", result.stdout)
            suffix = subprocess.run(
                [python, "-c", "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))"],
                capture_output=True, text=True, check=True,
            ).stdout.strip()
            modules = build.module_crates().values()
            self.assertEqual(sorted(os.listdir(out)), sorted(f"{module}{suffix}" for module in modules))
            imported = subprocess.run(
                [python, "-c", "import _testrust, sys; print(_testrust.pack(1, 2), sys._is_gil_enabled())"],
                env=dict(os.environ, PYTHONPATH=out), capture_output=True, text=True,
            )
            self.assertEqual(imported.returncode, 0, imported.stderr)
            self.assertEqual(imported.stdout.strip(), "(1, 2) False")


if __name__ == "__main__":
    unittest.main()


class DemoTests(unittest.TestCase):
    """`make demo`, the README's first command, must keep working."""

    def test_demo_shows_every_module_working(self):
        result = run_tool("demo.py", "--python", sys.executable)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        for line in [
            "_testrust.pack(1, 'two', 3.0)  -> (1, 'two', 3.0)",
            "(base64 uses it: True)",
            "base64.b64encode(b'Rust in CPython') -> b'UnVzdCBpbiBDUHl0aG9u'",
            "binascii.hexlify(b'\\xb9\\x01\\xef', ':') -> b'b9:01:ef'",
            "raised binascii.Error: Discontinuous padding not allowed",
        ]:
            self.assertIn(line, result.stdout)
        self.assertIn("build/", result.stdout.partition("binascii from ")[2].partition("\n")[0])
