#!/usr/bin/env python3
"""The Flatpak manifest checker rejects what it must: each case breaks one
rule in a copy of the real manifest and expects the checker to say so.

Usage: test-manifest-checker.py CHECKER MANIFEST SOURCE_ROOT (TAP output)
"""
import copy
import importlib.util
import json
import os
import sys
import tempfile


def load_checker(path):
    spec = importlib.util.spec_from_file_location("checker", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def module_named(manifest, name):
    return next(m for m in manifest["modules"] if m["name"] == name)


def drop_sha256(m):
    del module_named(m, "hdf5")["sources"][0]["sha256"]


def widen_filesystem(m):
    m["finish-args"].append("--filesystem=home")


def add_network(m):
    m["finish-args"].append("--share=network")


def app_not_last(m):
    m["modules"].insert(0, m["modules"].pop())


def git_source(m):
    module_named(m, "matio")["sources"][0] = {"type": "git", "url": "https://github.com/tbeu/matio", "tag": "v1.5.23"}


def no_dynamic_arch(m):
    openblas = module_named(m, "openblas")
    openblas["build-commands"] = [c.replace("DYNAMIC_ARCH=1 ", "") for c in openblas["build-commands"]]


def no_cblas(m):
    openblas = module_named(m, "openblas")
    openblas["build-commands"] = [c + " NO_CBLAS=1" for c in openblas["build-commands"]]


def other_tree(m):
    m["modules"][-1]["sources"][0]["path"] = "../.."


def no_header_cleanup(m):
    m["cleanup"].remove("/include")


def wrong_runtime(m):
    m["runtime"] = "org.freedesktop.Platform"


def ui_tests(m):
    m["modules"][-1]["test-commands"] = ["meson test --print-errorlogs"]


CASES = [
    (drop_sha256, "without a sha256"),
    (widen_filesystem, "--filesystem=home"),
    (add_network, "--share=network"),
    (app_not_last, "the last module is"),
    (git_source, "not a release archive"),
    (no_dynamic_arch, "DYNAMIC_ARCH=1"),
    (no_cblas, "without CBLAS"),
    (other_tree, "not this tree"),
    (no_header_cleanup, "cleanup lacks /include"),
    (wrong_runtime, "org.gnome.Platform"),
    (ui_tests, "engine suite"),
]


def main():
    checker_path, manifest_path, source_root = sys.argv[1:4]
    checker = load_checker(checker_path)
    with open(manifest_path, encoding="utf-8") as f:
        original = json.load(f)

    print(f"1..{len(CASES) + 2}")
    failures = 0
    n = 1

    problems = checker.check(manifest_path, source_root)
    ok = problems == []
    print(f"{'ok' if ok else 'not ok'} {n} - the real manifest passes {problems if not ok else ''}")
    failures += not ok
    n += 1

    with tempfile.TemporaryDirectory() as tmp:
        # The copies sit in tmp/flatpak/, so that their dir source ("..")
        # names tmp, which stands for the tree.
        flatpak_dir = os.path.join(tmp, "flatpak")
        os.mkdir(flatpak_dir)
        with open(os.path.join(tmp, "meson.build"), "w", encoding="utf-8") as f:
            f.write("project('scmm-studio', 'c')\n")
        copy_path = os.path.join(flatpak_dir, os.path.basename(manifest_path))

        with open(copy_path, "w", encoding="utf-8") as f:
            f.write("{ not json")
        problems = checker.check(copy_path, tmp)
        ok = any("not valid JSON" in p for p in problems)
        print(f"{'ok' if ok else 'not ok'} {n} - broken JSON is rejected")
        failures += not ok
        n += 1

        for mutate, expected in CASES:
            broken = copy.deepcopy(original)
            mutate(broken)
            with open(copy_path, "w", encoding="utf-8") as f:
                json.dump(broken, f)
            problems = checker.check(copy_path, tmp)
            ok = any(expected in p for p in problems)
            print(f"{'ok' if ok else 'not ok'} {n} - {mutate.__name__} is rejected ({expected!r})")
            if not ok:
                print(f"# problems: {problems}")
            failures += not ok
            n += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
