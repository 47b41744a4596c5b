"""Fetch a CPython release from Debian's source packages and build it.

The upstream release tarball is taken from the "orig" tarball of Debian's
source package (Debian's own patches are ignored), then configured, built and
installed into a cache directory:

    <cache>/downloads/python3.X_<version>.orig.tar.{xz,gz}
    <cache>/cpython-<version><slug>/
        src/      extracted tarball, configured and built in place, so that it
                  doubles as a CPython source+build tree
        prefix/   the "make install" destination
        configure.log, make.log, install.log
        stamp     "<version> <flags...>", written last, once all succeeded

<cache> is $XDG_CACHE_HOME/cpython-rust, or ~/.cache/cpython-rust.

Usage:
    python3 Tools/rust/cpython_build.py 3.13.5 --disable-gil
        prints the path of the interpreter, building it first if needed
    python3 Tools/rust/cpython_build.py 3.13.5 --source-only
        prints the path of the downloaded release tarball
"""

import argparse
import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Release -> (Debian source package, Debian version) whose orig tarball is
# that release.
KNOWN_RELEASES = {
    "3.13.5": ("python3.13", "3.13.5-2+deb13u5"),
    "3.11.2": ("python3.11", "3.11.2-6+deb12u6"),
}

DEBIAN_SOURCES = Path("/etc/apt/sources.list.d/debian.sources")
# The deb-src stanza's file, in the cache's private apt configuration.
DEB_SRC_SOURCES_NAME = "cpython-rust-src.sources"
# trixie ships python3.13 and bookworm ships python3.11.
DEB_SRC_SUITES = "trixie bookworm"

LOG_TAIL_LINES = 20


class BuildError(Exception):
    """A step failed.  str() is a one-line summary; details are in log_file."""

    def __init__(self, message, log_file=None):
        if log_file is not None:
            message = f"{message}; see {log_file}"
        super().__init__(message)
        self.log_file = log_file


def progress(message):
    # stdout is reserved for the resulting path, for callers to capture.
    print(f"cpython_build: {message}", file=sys.stderr, flush=True)


def cache_dir():
    xdg_cache_home = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg_cache_home) if xdg_cache_home else Path.home() / ".cache"
    return base / "cpython-rust"


def downloads_dir():
    return cache_dir() / "downloads"


def cache_key(version, configure_flags):
    return " ".join([version, *configure_flags])


def entry_dir(version: str, configure_flags: list[str]) -> Path:
    slug = "".join("-" + flag.lstrip("-") for flag in configure_flags)
    return cache_dir() / f"cpython-{version}{slug}"


def source_tree(version: str, configure_flags: list[str]) -> Path:
    return entry_dir(version, configure_flags) / "src"


def cached_interpreter(
    version: str, configure_flags: list[str]
) -> Path | None:
    """Return the interpreter of a valid cache entry, or None."""
    directory = entry_dir(version, configure_flags)
    try:
        stamp = (directory / "stamp").read_text()
    except FileNotFoundError:
        return None
    if stamp != cache_key(version, configure_flags) + "\n":
        return None
    return _installed_interpreter(directory / "prefix", version)


def _installed_interpreter(prefix, version):
    major_minor = ".".join(version.split(".")[:2])
    # Free-threaded builds install python3.Xt (next to a python3.X alias).
    for name in (f"python{major_minor}t", f"python{major_minor}"):
        executable = prefix / "bin" / name
        if executable.exists():
            return executable
    return None


@contextlib.contextmanager
def exclusive_lock(lock_path):
    with open(lock_path, "w") as lock_file:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress(f"waiting for the process holding {lock_path}")
            fcntl.flock(lock_file, fcntl.LOCK_EX)
        yield


def run_logged(command, *, cwd, log_file, what):
    with open(log_file, "w") as log:
        try:
            result = subprocess.run(
                command,
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        except OSError as error:
            message = f"{what} could not be started: {error}"
            raise BuildError(message) from error
    if result.returncode != 0:
        raise BuildError(
            f"{what} failed with exit status {result.returncode}", log_file
        )


def ensure_source(version: str) -> Path:
    """Return the path of the release tarball, downloading it if needed."""
    try:
        package, debian_version = KNOWN_RELEASES[version]
    except KeyError:
        known = ", ".join(KNOWN_RELEASES)
        message = f"unknown CPython release {version} (known: {known})"
        raise BuildError(message) from None
    downloads_dir().mkdir(parents=True, exist_ok=True)
    with exclusive_lock(cache_dir() / "downloads.lock"):
        tarball = _find_orig_tarball(downloads_dir(), package, version)
        if tarball is None:
            tarball = _download_orig_tarball(package, debian_version, version)
    return tarball


def extract_source(version: str, destination: Path) -> Path:
    """Extract the release's source tree into `destination` (created if
    needed), with no top-level directory of its own; return `destination`."""
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-xf", ensure_source(version), "--strip-components=1", "-C", destination], check=True)
    return destination


def _find_orig_tarball(directory, package, version):
    # Debian keeps upstream's compression: .tar.xz for 3.13, .tar.gz for 3.11.
    for compression in ("xz", "gz", "bz2"):
        tarball = directory / f"{package}_{version}.orig.tar.{compression}"
        if tarball.exists():
            return tarball
    return None


def _download_orig_tarball(package, debian_version, version):
    if shutil.which("apt-get") is None:
        raise BuildError(
            f"apt-get not found; cannot download the {package} {version}"
            f" source into {downloads_dir()}"
        )
    lists_updated = _install_deb_src_stanza()
    if lists_updated:
        _apt_get_update()
    offered = _offered_versions(package)
    if not offered and not lists_updated:
        # The package lists may predate the deb-src stanza.
        _apt_get_update()
        offered = _offered_versions(package)
    chosen = _choose_debian_version(package, debian_version, version, offered)

    progress(f"downloading {package}={chosen} source")
    # Download into a scratch directory so that an interrupted download never
    # leaves a truncated tarball where a complete one is expected.
    with tempfile.TemporaryDirectory(dir=downloads_dir()) as scratch:
        run_logged(
            ["apt-get", *_apt_options(), "source", "--download-only", f"{package}={chosen}"],
            cwd=scratch,
            log_file=downloads_dir() / "apt-get-source.log",
            what=f"apt-get source {package}={chosen}",
        )
        downloaded = _find_orig_tarball(Path(scratch), package, version)
        if downloaded is None:
            raise BuildError(
                f"apt-get source {package}={chosen} fetched no orig tarball",
                downloads_dir() / "apt-get-source.log",
            )
        tarball = downloads_dir() / downloaded.name
        os.replace(downloaded, tarball)
    return tarball


def debian_release_stanza():
    """The host's apt stanza of its Debian release (its mirror, components
    and key), as a dict of deb822 fields."""
    try:
        stanzas = _parse_deb822(DEBIAN_SOURCES.read_text())
    except OSError as error:
        raise BuildError(f"cannot read {DEBIAN_SOURCES}: {error}") from error
    for stanza in stanzas:
        types = stanza.get("Types", "").split()
        suites = stanza.get("Suites", "").split()
        # The stanza of a release ("bookworm"), not of "bookworm-security" etc.
        if "deb" in types and any("-" not in suite for suite in suites):
            return stanza
    raise BuildError(
        f"no 'Types: deb' stanza for a Debian release in {DEBIAN_SOURCES}"
    )


def _apt_directory():
    """apt's configuration for source packages, private to this cache."""
    return cache_dir() / "apt"


def _apt_options():
    """Options that point apt at the private source list and package lists
    alone: the system's apt configuration is read, never written."""
    directory = _apt_directory()
    return [
        "-o", f"Dir::Etc::SourceList={directory / 'sources.list'}",
        "-o", f"Dir::Etc::SourceParts={directory / 'sources.list.d'}",
        "-o", f"Dir::State::Lists={directory / 'lists'}",
        # No package cache files under /var/cache/apt either.
        "-o", "Dir::Cache::pkgcache=",
        "-o", "Dir::Cache::srcpkgcache=",
    ]


def _install_deb_src_stanza():
    """Write the private deb-src stanza, mirroring the host's Debian one;
    return True if new."""
    stanza = debian_release_stanza()
    fields = {
        "Types": "deb-src",
        "URIs": stanza["URIs"],
        "Suites": DEB_SRC_SUITES,
        "Components": stanza["Components"],
    }
    if "Signed-By" in stanza:
        fields["Signed-By"] = stanza["Signed-By"]
    content = "".join(f"{key}: {value}\n" for key, value in fields.items())

    directory = _apt_directory()
    sources = directory / "sources.list.d" / DEB_SRC_SOURCES_NAME
    if sources.exists() and sources.read_text() == content:
        return False
    progress(f"writing Debian source packages' stanza to {sources}")
    try:
        (directory / "lists" / "partial").mkdir(parents=True, exist_ok=True)
        sources.parent.mkdir(parents=True, exist_ok=True)
        (directory / "sources.list").write_text("")
        sources.write_text(content)
    except OSError as error:
        raise BuildError(f"cannot write {sources}: {error}") from error
    return True


def _parse_deb822(text):
    """Parse deb822 stanzas into dicts, keeping continuation lines verbatim."""
    stanzas = []
    current = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if current:
                stanzas.append(current)
                current = {}
        elif line[0].isspace():
            current[key] += "\n" + line
        else:
            key, _, value = line.partition(":")
            current[key] = value.strip()
    if current:
        stanzas.append(current)
    return stanzas


def _apt_get_update():
    progress("running apt-get update")
    run_logged(
        ["apt-get", *_apt_options(), "update"],
        cwd=downloads_dir(),
        log_file=downloads_dir() / "apt-get-update.log",
        what="apt-get update",
    )


def _offered_versions(package):
    result = subprocess.run(
        ["apt-cache", *_apt_options(), "showsrc", package],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BuildError(
            f"apt-cache showsrc {package} failed: {result.stderr.strip()}"
        )
    return [
        line.removeprefix("Version:").strip()
        for line in result.stdout.splitlines()
        if line.startswith("Version:")
    ]


def _choose_debian_version(package, pinned, release, offered):
    if pinned in offered:
        return pinned
    # Any Debian revision of the same upstream release has the same orig
    # tarball, so a newer security update of the same release is just as good.
    same_release = [
        debian_version
        for debian_version in offered
        if _upstream_version(debian_version) == release
    ]
    if not same_release:
        raise BuildError(
            f"apt offers no {package} source of CPython {release}"
            f" (offered: {', '.join(offered) or 'none'})"
        )
    chosen = same_release[0]
    progress(f"{package}={pinned} is not offered; using {package}={chosen}")
    return chosen


def _upstream_version(debian_version):
    """Drop epoch and Debian revision: "1:3.11.2-6+deb12u8" -> "3.11.2"."""
    without_epoch = debian_version.partition(":")[2] or debian_version
    return without_epoch.rpartition("-")[0] or without_epoch


def ensure_interpreter(version: str, configure_flags: list[str]) -> Path:
    """Return the path of the interpreter, building it first if needed."""
    directory = entry_dir(version, configure_flags)
    directory.parent.mkdir(parents=True, exist_ok=True)
    with exclusive_lock(directory.with_name(directory.name + ".lock")):
        interpreter = cached_interpreter(version, configure_flags)
        if interpreter is None:
            interpreter = _build(version, configure_flags, directory)
    return interpreter


def _build(version, configure_flags, directory):
    tarball = ensure_source(version)
    if directory.exists():
        progress(
            f"{directory} is incomplete or stale; wiping it and rebuilding"
            " from scratch (takes ~5 minutes)"
        )
        shutil.rmtree(directory)
    else:
        progress(f"building CPython in {directory} (takes ~5 minutes)")
    src = directory / "src"
    prefix = directory / "prefix"
    src.mkdir(parents=True)

    run_logged(
        ["tar", "-xf", tarball, "--strip-components=1", "-C", src],
        cwd=directory,
        log_file=directory / "extract.log",
        what=f"extracting {tarball.name}",
    )
    progress("configure")
    run_logged(
        [
            "./configure",
            f"--prefix={prefix}",
            "--with-ensurepip=no",
            *configure_flags,
        ],
        cwd=src,
        log_file=directory / "configure.log",
        what="configure",
    )
    progress("make")
    run_logged(
        ["make", f"-j{len(os.sched_getaffinity(0))}"],
        cwd=src,
        log_file=directory / "make.log",
        what="make",
    )
    progress("make install")
    run_logged(
        ["make", "install"],
        cwd=src,
        log_file=directory / "install.log",
        what="make install",
    )

    interpreter = _installed_interpreter(prefix, version)
    if interpreter is None:
        raise BuildError(
            f"make install put no python executable in {prefix / 'bin'}",
            directory / "install.log",
        )
    # The stamp is what makes the entry valid, so it is written last.
    stamp = cache_key(version, configure_flags) + "\n"
    (directory / "stamp").write_text(stamp)
    return interpreter


def _print_log_tail(log_file):
    with open(log_file, errors="replace") as log:
        lines = log.readlines()[-LOG_TAIL_LINES:]
    sys.stderr.writelines(lines)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.partition("\n")[0],
        epilog="Other arguments are passed to CPython's configure script.",
        allow_abbrev=False,
    )
    parser.add_argument("version", help="CPython release, e.g. 3.13.5")
    parser.add_argument(
        "--source-only",
        action="store_true",
        help="only download the release tarball and print its path",
    )
    args, configure_flags = parser.parse_known_args()
    try:
        if args.source_only:
            print(ensure_source(args.version))
        else:
            print(ensure_interpreter(args.version, configure_flags))
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        if error.log_file is not None:
            _print_log_tail(error.log_file)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
