"""Build CPython from its release tarball with our Rust modules, in each
configuration the integration must support, reusing a cache.

    python3 Tools/rust/cpython_with_rust.py [VARIANT ...]

builds the named variants (default: all) and prints, per variant, the build
tree that holds its `./python`. `make cpython` runs this and then the tests
of Lib/test/test_tools/test_rust_cpython.py, which use the same builds.

Each variant lives in <cache>/with-rust-<variant>/ (<cache> as in
cpython_build.py): src/ is the integrated tree, configured and built in
place; configure.log, make.log; stamp, written last, holds the cache key.
The key covers everything that shapes the C build: the tarball, the
patches, integrate.py, the workspace Cargo.toml, the crates.io packages of
Cargo.lock that the integrated crates use (what gets vendored), the variant. Our own crates are not in it: a cached tree gets the current
crates copied in again and `make` rebuilds what changed, as a CPython
developer's tree would after editing them. `--fresh` rebuilds from the
tarball regardless.
"""

import argparse
import hashlib
import os
import shutil
import sys
import tomllib
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cpython_build  # noqa: E402
import integrate  # noqa: E402


class Variant(NamedTuple):
    version: str
    configure_arguments: list[str]
    setup_local: str


VARIANTS = {
    # The default: Rust enabled by auto, binascii a shared extension.
    "3.13-shared": Variant("3.13.5", [], ""),
    "3.13-free-threaded": Variant("3.13.5", ["--disable-gil"], ""),
    # cargo's dev profile.
    "3.13-debug": Variant("3.13.5", ["--with-pydebug"], ""),
    "3.13-static": Variant("3.13.5", [], "*static*\nbinascii binascii/Cargo.toml\n"),
    # The C modules; cargo never runs.
    "3.13-no-rust": Variant("3.13.5", ["--with-rust=no"], ""),
    # The other SipHash: the Rust crate's 2-4, and C's to compare with.
    "3.13-siphash24": Variant("3.13.5", ["--with-hash-algorithm=siphash24"], ""),
    "3.13-no-rust-siphash24": Variant("3.13.5", ["--with-rust=no", "--with-hash-algorithm=siphash24"], ""),
    "3.11-shared": Variant("3.11.2", [], ""),
}


def entry_dir(variant):
    return cpython_build.cache_dir() / f"with-rust-{variant}"


def tree(variant):
    return entry_dir(variant) / "src"


def cache_key(variant, tarball):
    digest = hashlib.sha256()
    minor = ".".join(VARIANTS[variant].version.split(".")[:2])
    inputs = [Path(integrate.__file__), integrate.WORKSPACE, *sorted((integrate.PATCHES / minor).glob("*.patch"))]
    for path in inputs:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(repr((tarball.name, VARIANTS[variant], vendored_packages())).encode())
    return digest.hexdigest()


def vendored_packages():
    """The crates.io packages of Cargo.lock that the integrated crates
    depend on, directly or not, as (name, version, checksum): what cargo
    vendor puts in a tree. Other crates of the workspace and their
    dependencies do not touch the cache."""
    lock = tomllib.loads((integrate.REPO / "Cargo.lock").read_text())
    by_name = {}
    for package in lock["package"]:
        by_name.setdefault(package["name"], []).append(package)

    def resolve(dependency):
        # "name", or "name version" when the lock holds several versions.
        name, _, version = dependency.partition(" ")
        return next(package for package in by_name[name] if not version or package["version"] == version)

    pending = [
        tomllib.loads((integrate.REPO / crate / "Cargo.toml").read_text())["package"]["name"]
        for crate in integrate.CRATES
    ]
    reached = {}
    while pending:
        package = resolve(pending.pop())
        key = (package["name"], package["version"])
        if key not in reached:
            reached[key] = package
            pending.extend(package.get("dependencies", []))
    return sorted((package["name"], package["version"], package.get("checksum", ""))
                  for package in reached.values() if "source" in package)


def ensure_build(variant, fresh=False):
    """The build tree of the variant, built (or brought up to date) first."""
    directory = entry_dir(variant)
    directory.parent.mkdir(parents=True, exist_ok=True)
    with cpython_build.exclusive_lock(directory.with_name(directory.name + ".lock")):
        tarball = cpython_build.ensure_source(VARIANTS[variant].version)
        key = cache_key(variant, tarball)
        stamp = directory / "stamp"
        if not fresh and stamp.is_file() and stamp.read_text() == key + "\n":
            integrate.copy_crates(tree(variant), replace=True)
            cpython_build.progress(f"{variant}: cached tree, crates refreshed; make")
            make(variant, "make-update.log")
        else:
            build(variant, key)
    return tree(variant)


def build(variant, key):
    directory = entry_dir(variant)
    if directory.exists():
        shutil.rmtree(directory)
    cpython_build.progress(f"{variant}: integrating and building in {directory} (a few minutes)")
    source = cpython_build.extract_source(VARIANTS[variant].version, tree(variant))
    cpython_build.run_logged([sys.executable, integrate.__file__, source], cwd=directory,
                              log_file=directory / "integrate.log", what="integrate.py")
    if VARIANTS[variant].setup_local:
        (source / "Modules" / "Setup.local").write_text(VARIANTS[variant].setup_local)
    cpython_build.run_logged(["./configure", *VARIANTS[variant].configure_arguments], cwd=source,
                              log_file=directory / "configure.log", what="configure")
    make(variant, "make.log")
    (directory / "stamp").write_text(key + "\n")


def make(variant, log_name):
    cpython_build.run_logged(["make", f"-j{len(os.sched_getaffinity(0))}"], cwd=tree(variant),
                              log_file=entry_dir(variant) / log_name, what=f"make ({variant})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.partition("\n\n")[0])
    parser.add_argument("variants", nargs="*", metavar="VARIANT",
                        help=f"one of {', '.join(VARIANTS)} (default: all)")
    parser.add_argument("--fresh", action="store_true", help="rebuild from the tarball even if cached")
    args = parser.parse_args()
    unknown = [variant for variant in args.variants if variant not in VARIANTS]
    if unknown:
        parser.error(f"unknown variant {unknown[0]!r} (choose from {', '.join(VARIANTS)})")
    try:
        for variant in args.variants or VARIANTS:
            print(f"{variant}: {ensure_build(variant, args.fresh)}", flush=True)
    except (cpython_build.BuildError, integrate.IntegrationError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
