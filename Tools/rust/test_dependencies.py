"""Test dependencies from PyPI, kept out of the interpreters under test.

Each interpreter gets a virtual environment of its own under
<cache>/test-deps/<ext-suffix tag> (see cpython_build for <cache>), made
with its own venv and pip, into which the requirements below are installed
once; the tests that use them put its site-packages on their path. Nothing
is installed into any interpreter, the system's own included. (Hypothesis
carries a compiled extension, so one installation cannot serve every
interpreter.)

The requirements are pinned: a new version is a deliberate change here.
"""

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cpython_build  # noqa: E402

# CPython's test_binascii (3.13+) has property tests that skip without it.
HYPOTHESIS = "hypothesis==6.170.27"

_DESCRIBE = "import json, sysconfig; print(json.dumps([sysconfig.get_config_var('EXT_SUFFIX'), sysconfig.get_path('purelib', vars={'base': '.', 'platbase': '.'})]))"


def site_packages(python, requirement) -> Path:
    """The site-packages of python's environment holding `requirement`,
    made first if needed; OSError or CalledProcessError when venv or pip
    cannot."""
    ext_suffix, purelib = json.loads(_run([str(python), "-c", _DESCRIBE]).stdout)
    environment = cpython_build.cache_dir() / "test-deps" / ext_suffix.strip(".").rsplit(".", 1)[0]
    environment.parent.mkdir(parents=True, exist_ok=True)
    stamp = environment / "requirements"
    with cpython_build.exclusive_lock(environment.with_name(environment.name + ".lock")):
        if not (stamp.exists() and stamp.read_text() == requirement + "\n"):
            _run([str(python), "-m", "venv", "--clear", str(environment)])
            _run([str(environment / "bin" / "python"), "-m", "pip", "install", "--quiet",
                  "--disable-pip-version-check", "--only-binary", ":all:", requirement])
            stamp.write_text(requirement + "\n")
    return environment / purelib


def _run(command):
    return subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=True)
