"""A Debian unstable (sid) chroot holding the CPythons no other source offers
here: the newest 3.13 patch release, 3.14 and 3.15, each with its debug
build, headers, Lib/test and Tools/.

    python3 Tools/rust/sid_chroot.py            build it if needed; print its root
    python3 Tools/rust/sid_chroot.py -- CMD...  run CMD inside, from the repository

sid's binaries need a newer glibc than the host's, so they live in a chroot
made by debootstrap from the Debian mirror that the host's apt sources
name. sid is never added to the host's own sources: that would replace the
host's libc.

The chroot is cached as <cache>/sid-<key>/root (see cpython_build for
<cache>), where <key> hashes the package list and the mirror's sid Release
file, which fixes the version of every package; `stamp` is written last.
Building it takes about two minutes and 2.8 GB.

Commands run inside with the repository, cargo's and rustup's homes
bind-mounted at their host paths, so the host's Rust toolchain builds there
against sid's headers and glibc, into a target directory of its own
(`SidChroot.TARGET_DIR`: two glibcs must not share build-script output).
Each command gets its mounts in a mount namespace of its own (unshare), so
concurrent users never disturb each other's, and nothing stays mounted
after it, however it ends.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cpython_build  # noqa: E402
from cpython_build import BuildError, progress  # noqa: E402

REPO = Path(__file__).resolve().parents[2]

# Minor version -> whether sid has its debug build in the matrix. sid's 3.13
# is there for its newest patch release; its debug build adds nothing the
# 3.13.5 debug build from source does not.
MINORS = {"3.13": False, "3.14": True, "3.15": True}

PACKAGES = [
    package
    for minor in MINORS
    for package in (
        f"python{minor}-dev",
        f"python{minor}-dbg",
        f"libpython{minor}-testsuite",
        f"python{minor}-examples",
    )
] + ["libclang-dev", "gcc", "python3-hypothesis", "ca-certificates"]


class SidUnavailable(Exception):
    """The chroot cannot be made here (no root, no mirror, no debootstrap)."""


def mirror():
    """The Debian mirror the host's apt sources name."""
    try:
        return cpython_build.debian_release_stanza()["URIs"].split()[0]
    except BuildError as error:
        raise SidUnavailable(str(error)) from error


def cache_key():
    """A hash of the package list and sid's Release file on the mirror."""
    release_url = f"{mirror().rstrip('/')}/dists/sid/InRelease"
    try:
        with urllib.request.urlopen(release_url, timeout=30) as response:
            release = response.read()
    except (urllib.error.URLError, OSError) as error:
        raise SidUnavailable(f"cannot read sid's Release file from the mirror: {error}") from error
    digest = hashlib.sha256(release)
    digest.update(" ".join(PACKAGES).encode())
    return digest.hexdigest()[:16]


def ensure() -> Path:
    """The root of the cached chroot, built first if needed."""
    directory = _cache_entry()
    directory.parent.mkdir(parents=True, exist_ok=True)
    with cpython_build.exclusive_lock(directory.with_name(directory.name + ".lock")):
        if not _is_complete(directory):
            _build(directory)
            (directory / "stamp").write_text(STAMP)
    return directory / "root"


def cached_root() -> Path | None:
    """The root of the cached chroot, or None if it is not built."""
    directory = _cache_entry()
    return directory / "root" if _is_complete(directory) else None


STAMP = " ".join(PACKAGES) + "\n"


def _cache_entry():
    if os.geteuid() != 0:
        raise SidUnavailable("making and entering a chroot needs root")
    return cpython_build.cache_dir() / f"sid-{cache_key()}"


def _is_complete(directory):
    stamp = directory / "stamp"
    return stamp.exists() and stamp.read_text() == STAMP


def _build(directory):
    if shutil.which("debootstrap") is None:
        progress("installing debootstrap (from the host's own apt sources)")
        cpython_build.run_logged(
            ["apt-get", "install", "-y", "--no-install-recommends", "debootstrap"],
            cwd=directory.parent, log_file=directory.parent / "apt-get-debootstrap.log",
            what="apt-get install debootstrap",
        )
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir()
    root = directory / "root"
    progress(f"debootstrap sid into {root} (about a minute)")
    cpython_build.run_logged(
        ["debootstrap", "--variant=minbase", "sid", str(root), mirror()],
        cwd=directory, log_file=directory / "debootstrap.log", what="debootstrap",
    )
    # The mirror's Release files are past their validity date, as the
    # host's apt configuration already accepts.
    (root / "etc/apt/apt.conf.d/99cpython-rust").write_text('Acquire::Check-Valid-Until "false";\n')
    progress(f"installing {len(PACKAGES)} packages into the chroot (about two minutes)")
    shutil.copy("/etc/resolv.conf", root / "etc/resolv.conf")
    for step, command in (
        ("update", ["apt-get", "update"]),
        ("install", ["apt-get", "install", "-y", "--no-install-recommends", *PACKAGES]),
        ("clean", ["apt-get", "clean"]),
    ):
        cpython_build.run_logged(
            in_namespace(root, [], command),
            cwd=directory, log_file=directory / f"apt-get-{step}.log", what=f"apt-get {step} in the chroot",
        )


def _mounting_script(root, binds):
    """Shell commands that mount proc, sys and /dev, and each host directory
    of `binds` at its own path, inside `root`, then run "$@" chrooted."""
    # The namespace starts as a copy of the host's mounts, which may hold
    # these already (another user of the chroot in the host's namespace).
    commands = [
        f"{{ mountpoint -q {root}/proc || mount -t proc proc {root}/proc; }}",
        f"{{ mountpoint -q {root}/sys || mount -t sysfs sys {root}/sys; }}",
        f"{{ mountpoint -q {root}/dev || mount --rbind /dev {root}/dev; }}",
    ]
    for source in binds:
        target = root / Path(source).relative_to("/")
        commands += [f"mkdir -p {target}", f"mount --bind {source} {target}"]
    return " && ".join([*commands, f'exec chroot {root} "$@"'])


def in_namespace(root, binds, command):
    """`command` run chrooted in `root`, with its mounts in a mount
    namespace of its own: they exist for that command alone, other users
    of the chroot (another run, a helper) never see or unmount them, and
    they vanish with it however it ends."""
    return ["unshare", "--mount", "--propagation", "private", "--",
            "sh", "-c", _mounting_script(root, binds), "sid-chroot", *command]


class SidChroot:
    """The chroot, for commands run from the repository."""

    TARGET_DIR = REPO / "target" / "sid-chroot"

    def __init__(self, root):
        self.root = root
        self.cargo_home = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo"))
        self.rustup_home = Path(os.environ.get("RUSTUP_HOME", Path.home() / ".rustup"))

    def command(self, command, env=None):
        """`command` as run inside, from the repository, with a clean
        environment: PATH finds cargo first; `env` adds variables."""
        variables = {
            "PATH": f"{self.cargo_home / 'bin'}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
            "HOME": str(Path.home()),
            "CARGO_HOME": str(self.cargo_home),
            "RUSTUP_HOME": str(self.rustup_home),
            "CARGO_TARGET_DIR": str(self.TARGET_DIR),
            "LANG": "C.UTF-8",
            **(env or {}),
        }
        assignments = [f"{name}={value}" for name, value in variables.items()]
        binds = [path for path in (REPO, self.cargo_home, self.rustup_home) if path.exists()]
        return in_namespace(self.root, binds, ["env", "-i", f"--chdir={REPO}", *assignments, *command])

    def run(self, command, env=None, **kwargs):
        return subprocess.run(self.command(command, env), **kwargs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="*", help="a command to run inside (after --)")
    args = parser.parse_args()
    try:
        root = ensure()
    except (SidUnavailable, BuildError) as error:
        print(f"sid chroot unavailable: {error}", file=sys.stderr)
        return 1
    if not args.command:
        print(root)
        return 0
    return SidChroot(root).run(args.command).returncode


if __name__ == "__main__":
    sys.exit(main())
