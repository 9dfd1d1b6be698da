#!/usr/bin/env python3
"""Checks the Flatpak manifest's structure (the build itself needs the GNOME
runtime, which cannot be downloaded on the development machines).

Usage: check-flatpak-manifest.py MANIFEST.json SOURCE_ROOT

It checks that the manifest is valid JSON; that its id is the file's name and
the application's; that it uses the GNOME runtime and SDK; that finish-args
stay narrow (Wayland with the X11 fallback, DRI, IPC; no network, no host
files, no session or system bus names); that headers, static libraries and
pkg-config files are cleaned up; that every module but the last takes its
source from a release archive with a sha256; that OpenBLAS is built with
DYNAMIC_ARCH and TARGET=GENERIC and keeps CBLAS, HDF5 without its tools, tests
and examples; and that the last module builds this source tree with meson and
runs its engine tests. Each problem is printed; the exit status is 1 if any.
"""
import json
import os
import re
import sys

APP_ID = "io.github.scmm_studio.ScmmStudio"
ALLOWED_FINISH_ARGS = {"--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"}
REQUIRED_FINISH_ARGS = ALLOWED_FINISH_ARGS
REQUIRED_CLEANUP = {"/include", "/lib/pkgconfig", "*.a"}


def check(manifest_path, source_root):
    problems = []

    def problem(text):
        problems.append(f"{manifest_path}: {text}")

    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        return [f"{manifest_path}: not valid JSON: {e}"]

    if not isinstance(manifest, dict):
        return [f"{manifest_path}: the top level is not an object"]

    app_id = manifest.get("id") or manifest.get("app-id")
    if app_id != APP_ID:
        problem(f"id is {app_id!r}, not {APP_ID!r}")
    if os.path.basename(manifest_path) != f"{APP_ID}.json":
        problem(f"the file is not named {APP_ID}.json")
    if manifest.get("runtime") != "org.gnome.Platform":
        problem("runtime is not org.gnome.Platform")
    if manifest.get("sdk") != "org.gnome.Sdk":
        problem("sdk is not org.gnome.Sdk")
    if not re.fullmatch(r"\d+", str(manifest.get("runtime-version", ""))):
        problem("runtime-version is not a GNOME release number such as 49")
    if manifest.get("command") != "scmm-studio":
        problem("command is not scmm-studio")

    finish_args = set(manifest.get("finish-args", []))
    for arg in sorted(finish_args - ALLOWED_FINISH_ARGS):
        problem(f"finish-args has {arg}, wider than the app needs (files go through the portal)")
    for arg in sorted(REQUIRED_FINISH_ARGS - finish_args):
        problem(f"finish-args lacks {arg}")

    cleanup = set(manifest.get("cleanup", []))
    for pattern in sorted(REQUIRED_CLEANUP - cleanup):
        problem(f"cleanup lacks {pattern}")

    modules = manifest.get("modules")
    if not isinstance(modules, list) or not modules:
        problem("no modules")
        return problems

    names = []
    for index, module in enumerate(modules):
        if not isinstance(module, dict):
            problem(f"module {index} is not an object (a module file?)")
            continue
        name = module.get("name", f"#{index}")
        names.append(name)
        sources = module.get("sources", [])
        if not sources:
            problem(f"module {name} has no sources")
        last = index == len(modules) - 1
        if last:
            continue
        for source in sources:
            if source.get("type") not in ("archive", "file"):
                problem(f"module {name}: a source of type {source.get('type')!r}, not a release archive")
            if not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                problem(f"module {name}: a source without a sha256")
            if not source.get("url", "").startswith("https://"):
                problem(f"module {name}: a source not fetched over https")

    by_name = {m.get("name"): m for m in modules if isinstance(m, dict)}
    for needed in ("openblas", "hdf5", "matio"):
        if needed not in by_name:
            problem(f"no {needed} module")
    openblas = by_name.get("openblas", {})
    commands = " ".join(openblas.get("build-commands", []))
    for flag in ("DYNAMIC_ARCH=1", "TARGET=GENERIC"):
        if flag not in commands:
            problem(f"openblas is not built with {flag}")
    if "NO_CBLAS=1" in commands:
        problem("openblas is built without CBLAS, which the engine calls")
    hdf5_opts = by_name.get("hdf5", {}).get("config-opts", [])
    for flag in ("--disable-tests", "--disable-tools"):
        if flag not in hdf5_opts:
            problem(f"hdf5 is configured without {flag}")
    if "/share/hdf5_examples" not in by_name.get("hdf5", {}).get("cleanup", []):
        problem("hdf5's installed examples are not cleaned up")
    if names and names[-1] != "scmm-studio":
        problem(f"the last module is {names[-1]!r}, not the app (scmm-studio)")

    app = modules[-1] if isinstance(modules[-1], dict) else {}
    if app.get("buildsystem") != "meson":
        problem("the app module is not built with meson")
    dirs = [s for s in app.get("sources", []) if s.get("type") == "dir"]
    if len(dirs) != 1:
        problem("the app module does not take this tree (one source of type dir)")
    else:
        tree = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(manifest_path)), dirs[0].get("path", "")))
        if tree != os.path.normpath(os.path.abspath(source_root)):
            problem(f"the app module builds {tree}, not this tree ({os.path.abspath(source_root)})")
        else:
            try:
                with open(os.path.join(tree, "meson.build"), encoding="utf-8") as f:
                    if not re.search(r"project\(\s*'scmm-studio'", f.read()):
                        problem(f"{tree}/meson.build is not SCMM Studio's")
            except OSError as e:
                problem(f"{tree}: {e}")
    if not app.get("run-tests"):
        problem("the app module does not run its tests")
    if not any("--suite engine" in c for c in app.get("test-commands", [])):
        problem("the app module's tests are not the engine suite (the UI tests need a display)")

    return problems


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    problems = check(sys.argv[1], sys.argv[2])
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"{sys.argv[1]}: the manifest is well formed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
