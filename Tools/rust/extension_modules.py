"""Loading a second copy of an extension module: the Rust module that
build.py puts in build/<tag>/ next to the interpreter's own C module of the
same name, in one process.

Two extension modules may share a name in one process as long as they come
from different files: CPython keys its cache of extension modules by file
and name. Shared by binascii_modules.py and testclinic_modules.py.
"""

import importlib.util
import os
import sys
import sysconfig
from pathlib import Path

# build lives next to this file; make it importable however this module was
# loaded.
_TOOLS_DIR = str(Path(__file__).resolve().parent)
if _TOOLS_DIR not in sys.path:
    sys.path.insert(0, _TOOLS_DIR)
import build  # noqa: E402


# Set by run_tests.py when the modules were built elsewhere than build/ (the
# sid chroot's, whose tags can equal the host's).
BUILD_ROOT_VARIABLE = "CPYTHON_RUST_BUILD_ROOT"


def rust_path(name):
    """Where build.py puts the Rust module `name` for this interpreter."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    root = Path(os.environ.get(BUILD_ROOT_VARIABLE) or build.REPO / "build")
    return root / build.tag_of(suffix) / (name + suffix)


def exec_aside(spec):
    """Create and execute the module of spec, leaving sys.modules as it was.

    Initialising a single-phase extension module stores it in sys.modules,
    which would replace the module a plain import gave the caller; put back
    whatever was there."""
    missing = object()
    previous = sys.modules.get(spec.name, missing)
    try:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        if previous is missing:
            sys.modules.pop(spec.name, None)
        else:
            sys.modules[spec.name] = previous
    return module
