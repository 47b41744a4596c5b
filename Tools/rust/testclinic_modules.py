"""Where the two _testclinic modules of this interpreter are, and how to load
both into one process: the Rust port that build.py puts in build/<tag>/, and
the interpreter's own C module in its lib-dynload directory.

Shared by Lib/test/test_rust_testclinic.py (the differential test) and
bench/clinic_overhead.py (the call-overhead benchmark).

Two extension modules may share the name `_testclinic` in one process as long
as they come from different files: CPython keys its cache of loaded
extension modules by file and name.
"""

import importlib.util
import sys
import sysconfig
from pathlib import Path

# build lives next to this file; make it importable however this module was
# loaded.
_TOOLS_DIR = str(Path(__file__).resolve().parent)
if _TOOLS_DIR not in sys.path:
    sys.path.insert(0, _TOOLS_DIR)
import extension_modules  # noqa: E402

NAME = "_testclinic"


def rust_path():
    """Where build.py puts the Rust _testclinic for this interpreter."""
    return extension_modules.rust_path(NAME)


def c_path():
    """The interpreter's own C _testclinic (in lib-dynload)."""
    return Path(sysconfig.get_path("platstdlib")) / "lib-dynload" / (NAME + sysconfig.get_config_var("EXT_SUFFIX"))


def load(path):
    """Load the extension module _testclinic from path, leaving sys.modules
    as it was (_testclinic is single-phase: see extension_modules.exec_aside).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no {NAME} at {path}")
    return extension_modules.exec_aside(importlib.util.spec_from_file_location(NAME, path))
