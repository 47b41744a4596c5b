"""Build every Rust extension module of this repository for one CPython.

    python3 Tools/rust/build.py [--python PATH | --source-tree DIR [--build-dir DIR]]
                                [--bindings auto|bindgen|pregenerated] [--out DIR]

The modules are the workspace crates that build a `cdylib`.  Each lands in
DIR (default: build/<tag>/, the tag taken from the interpreter's EXT_SUFFIX,
e.g. build/cpython-313t-x86_64-linux-gnu/) as `<module><EXT_SUFFIX>`, ready
for `PYTHONPATH=DIR python -c "import <module>"`.

Cargo does the work (release profile, --locked); this script names the
target for cpython-sys's build script, reports a bad target as the one line
that build script wrote, and only puts files in place once all of them built.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# cpython-sys's build script reports a bad target with `cargo::error=`, which
# cargo prints as `error: cpython-sys@<version>: <message>`.
BUILD_SCRIPT_ERROR = re.compile(r"^error: cpython-sys@[^:]+: (.*)$", re.MULTILINE)


class BuildError(Exception):
    """A failure explained in one line."""


def cargo_environment(python=None, source_tree=None, build_dir=None, bindings=None):
    """The environment that selects the target for cpython-sys."""
    env = dict(os.environ)
    for name in ("CPYTHON_SYS_PYTHON", "CPYTHON_SYS_SOURCE_TREE", "CPYTHON_SYS_BUILD_DIR"):
        env.pop(name, None)
    if source_tree is not None:
        env["CPYTHON_SYS_SOURCE_TREE"] = str(Path(source_tree).resolve())
        if build_dir is not None:
            env["CPYTHON_SYS_BUILD_DIR"] = str(Path(build_dir).resolve())
    else:
        env["CPYTHON_SYS_PYTHON"] = str(python or "python3")
    if bindings is not None:
        env["CPYTHON_SYS_BINDINGS"] = bindings
    return env


def module_crates():
    """{package name: module name} of the workspace crates that build a cdylib."""
    metadata = subprocess.run(
        ["cargo", "metadata", "--no-deps", "--format-version", "1", "--locked"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )
    crates = {}
    for package in json.loads(metadata.stdout)["packages"]:
        for target in package["targets"]:
            if "cdylib" in target["kind"]:
                crates[package["name"]] = target["name"]
    return crates


def run_cargo(arguments, env):
    """Run cargo with JSON messages; return the messages, or raise BuildError."""
    result = subprocess.run(
        ["cargo", *arguments, "--message-format=json-render-diagnostics"],
        cwd=REPO, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        explained = BUILD_SCRIPT_ERROR.search(result.stderr)
        if explained:
            raise BuildError(explained.group(1))
        sys.stderr.write(result.stderr)
        raise BuildError(f"cargo {arguments[0]} failed (exit status {result.returncode})")
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def cpython_sys_report(messages):
    """(facts, OUT_DIR) that cpython-sys's build script reported to cargo.

    The facts are its `rustc-env` values (CPYTHON_SYS_EXT_SUFFIX, ...); cargo
    replays them even when the script did not need to run again.
    """
    for message in messages:
        if message.get("reason") == "build-script-executed" and message["package_id"].split("#")[0].endswith(
            "/cpython-sys"
        ):
            return dict(message["env"]), Path(message["out_dir"])
    raise BuildError("cargo did not report running cpython-sys's build script")


def build_cpython_sys(env):
    """Build cpython-sys alone for the target in env; return cpython_sys_report()."""
    return cpython_sys_report(run_cargo(["build", "--locked", "-p", "cpython-sys"], env))


def build(env, out=None, profile="release", root=None):
    """Build all module crates into `out` (default: <root>/<tag>, root
    defaulting to build/); return (output directory, [installed paths],
    target facts)."""
    crates = module_crates()
    arguments = ["build", "--locked"]
    if profile == "release":
        arguments.append("--release")
    for package in crates:
        arguments += ["-p", package]
    messages = run_cargo(arguments, env)

    facts, _ = cpython_sys_report(messages)
    libraries = {}
    for message in messages:
        if message.get("reason") == "compiler-artifact" and "cdylib" in message["target"]["kind"]:
            library = next(name for name in message["filenames"] if name.endswith((".so", ".dylib", ".dll")))
            libraries[message["target"]["name"]] = Path(library)
    suffix = facts["CPYTHON_SYS_EXT_SUFFIX"]
    out = Path(out) if out else Path(root or REPO / "build") / tag_of(suffix)
    out.mkdir(parents=True, exist_ok=True)
    installed = []
    for module, library in sorted(libraries.items()):
        destination = out / f"{module}{suffix}"
        staging = destination.with_name(destination.name + ".tmp")
        shutil.copyfile(library, staging)
        os.replace(staging, destination)
        installed.append(destination)
    return out, installed, facts


def tag_of(ext_suffix):
    """`.cpython-313t-x86_64-linux-gnu.so` -> `cpython-313t-x86_64-linux-gnu`."""
    return ext_suffix.strip(".").rsplit(".", 1)[0]


def add_target_arguments(parser):
    """--python, or --source-tree with --build-dir: the CPython to build for."""
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--python", default="python3", help="an installed interpreter (default: python3)")
    target.add_argument("--source-tree", help="a configured CPython source tree")
    parser.add_argument("--build-dir", help="with --source-tree: where it was configured, if elsewhere")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_target_arguments(parser)
    parser.add_argument("--bindings", choices=["auto", "bindgen", "pregenerated"], help="see cpython-sys")
    parser.add_argument("--profile", choices=["release", "dev"], default="release")
    parser.add_argument("--out", help="output directory (default: build/<tag>)")
    args = parser.parse_args()
    env = cargo_environment(args.python, args.source_tree, args.build_dir, args.bindings)
    try:
        out, installed, facts = build(env, args.out, args.profile)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"built for {facts['CPYTHON_SYS_TARGET_DESCRIPTION']}, bindings: {facts['CPYTHON_SYS_BINDINGS_ORIGIN']}")
    for path in installed:
        print(f"  {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
