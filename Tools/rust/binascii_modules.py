"""Where the two binascii modules of this interpreter are, and how to have
both in one process: the Rust port that build.py puts in build/<tag>/, and
the interpreter's own C module (built in, or in lib-dynload).

Used by Lib/test/test_rust_binascii.py (the differential test) and
Lib/test/test_rust_binascii_threads.py (the free-threading stress test).

Both modules are multi-phase: every load of the file gives a new module
object with its own state (its own Error and Incomplete classes), and
nothing is stored in sys.modules. Two extension modules may share the name
`binascii` in one process as long as they come from different files:
CPython keys its cache of extension modules by file and name.

Beware that run_tests.py puts build/<tag>/ first on sys.path: there, a plain
`import binascii` finds the Rust module unless binascii is built into the
interpreter (Debian's python3.11). load_c() copes with both.
"""

import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path

# build lives next to this file; make it importable however this module was
# loaded.
_TOOLS_DIR = str(Path(__file__).resolve().parent)
if _TOOLS_DIR not in sys.path:
    sys.path.insert(0, _TOOLS_DIR)
import build  # noqa: E402
import extension_modules  # noqa: E402

NAME = "binascii"


def rust_path():
    """Where build.py puts the Rust binascii for this interpreter."""
    return extension_modules.rust_path(NAME)


def is_rust(module):
    """Whether module was loaded from this repository's build directory."""
    file = getattr(module, "__file__", None)
    if file is None:
        return False
    return (build.REPO / "build") in Path(file).resolve().parents


def load_rust():
    """A new instance of the Rust binascii, loaded by path."""
    path = rust_path()
    if not path.is_file():
        raise FileNotFoundError(f"no Rust {NAME} at {path}")
    spec = importlib.util.spec_from_file_location(NAME, path)
    return extension_modules.exec_aside(spec)


def _c_spec():
    """The spec of the interpreter's own binascii: the built-in one, or the
    one the path finder finds with this repository's build directories left
    out of sys.path."""
    if NAME in sys.builtin_module_names:
        return importlib.machinery.ModuleSpec(NAME, importlib.machinery.BuiltinImporter, origin="built-in")
    ours = (build.REPO / "build").resolve()

    def foreign(entry):
        try:
            resolved = Path(entry or os.getcwd()).resolve()
        except OSError:
            return True
        return resolved != ours and ours not in resolved.parents

    spec = importlib.machinery.PathFinder.find_spec(NAME, [entry for entry in sys.path if foreign(entry)])
    if spec is None:
        raise ImportError(f"this interpreter has no C {NAME} outside {ours}")
    return spec


def load_c(fresh=False):
    """The interpreter's own C binascii.

    By default the module that `import binascii` gives when that is the C
    one (it is built in, or found before build/<tag>/); otherwise, or with
    fresh=True, a new instance of the C module, with its own Error classes,
    loaded without touching sys.modules."""
    spec = _c_spec()
    module = None
    if not fresh:
        current = sys.modules.get(NAME)
        if current is None:
            found = importlib.util.find_spec(NAME)
            if found is not None and found.origin == spec.origin:
                import binascii as current
        if current is not None and getattr(current.__spec__, "origin", None) == spec.origin:
            module = current
    if module is None:
        module = extension_modules.exec_aside(spec)
    assert not is_rust(module), f"load_c() found the Rust module {module.__file__}"
    return module
