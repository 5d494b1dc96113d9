"""Build ``dist/rsei_toolbox-<version>.zip``, the plugin as QGIS's "Install from ZIP" expects it.

The zip holds one top folder, ``rsei_toolbox/`` (the name QGIS installs the plugin
under), with only what the plugin needs at run time: ``metadata.txt``, the
top-level modules, ``algorithms/``, ``core/``, ``resources/`` (icons, styles,
shipped models), the compiled translations ``i18n/*.qm`` (built from ``i18n/*.ts`` with
lrelease first when missing or older), ``README.md`` and ``LICENSE`` when present. Tests, tools,
benchmarks, docs, caches, virtual environments, demo output and earlier builds
are left out. Entries are written in sorted order with a fixed time stamp, so
the same sources give the same zip.

Usage: ``python tools/package.py [--out DIR]`` (``make package``).
"""
import argparse
import configparser
import os
import re
import subprocess
import sys
import zipfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN_NAME = "rsei_toolbox"

#: Files and folders of the repository that make up the installed plugin.
INCLUDE_FILES = ("metadata.txt", "__init__.py", "plugin.py", "provider.py", "meta.py", "translation.py", "README.md",
                 "LICENSE")
INCLUDE_DIRS = ("algorithms", "core", "resources")
#: Never packed, wherever they appear.
EXCLUDE_DIRS = {"__pycache__", ".git", ".venv", ".pytest_cache", "tests", "demo-output", "dist", "results"}
EXCLUDE_SUFFIXES = (".pyc", ".pyo", ".orig", ".rej", ".swp", "~", ".aux.xml")

#: metadata.txt keys that the QGIS plugin repository requires.
REQUIRED_METADATA = ("name", "qgisMinimumVersion", "description", "about", "version", "author", "email",
                     "repository")
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


class PackageError(Exception):
    """The sources cannot be packaged (message says why)."""


def read_metadata(repo=REPO):
    """The ``[general]`` section of metadata.txt as a dict; raises PackageError when invalid."""
    path = os.path.join(repo, "metadata.txt")
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.optionxform = str  # QGIS keys are case-sensitive (qgisMinimumVersion)
    if not cfg.read(path, encoding="utf-8") or not cfg.has_section("general"):
        raise PackageError(f"{path}: missing or has no [general] section")
    general = dict(cfg["general"])
    missing = [key for key in REQUIRED_METADATA if not general.get(key, "").strip()]
    if missing:
        raise PackageError(f"{path}: required keys missing or empty: {', '.join(missing)}")
    if not re.fullmatch(r"\d+\.\d+(\.\d+)?", general["version"]):
        raise PackageError(f"{path}: version {general['version']!r} is not like 1.2.3")
    icon = general.get("icon")
    if icon and not os.path.isfile(os.path.join(repo, icon)):
        raise PackageError(f"{path}: icon {icon} does not exist")
    return general


def compile_translations(repo=REPO):
    """Build ``i18n/<name>.qm`` from each ``i18n/<name>.ts`` (tools/i18n.py ``release``); PackageError without lrelease."""
    sys.path.insert(0, os.path.join(REPO, "tools"))
    try:
        import i18n
    finally:
        sys.path.pop(0)
    try:
        return i18n.release(os.path.join(repo, "i18n"))
    except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
        raise PackageError(f"translations: {exc}") from None


def plugin_files(repo=REPO):
    """Relative paths (with '/') of every file that goes into the package, sorted."""
    files = [name for name in INCLUDE_FILES if os.path.isfile(os.path.join(repo, name))]
    files += sorted(f"i18n/{name}" for name in os.listdir(os.path.join(repo, "i18n"))
                    if name.endswith(".qm")) if os.path.isdir(os.path.join(repo, "i18n")) else []
    for top in INCLUDE_DIRS:
        for root, dirs, names in os.walk(os.path.join(repo, top)):
            dirs[:] = sorted(d for d in dirs if d not in EXCLUDE_DIRS and not d.startswith("."))
            for name in names:
                if name.startswith(".") or name.endswith(EXCLUDE_SUFFIXES):
                    continue
                files.append(os.path.relpath(os.path.join(root, name), repo).replace(os.sep, "/"))
    return sorted(files)


def build(out_dir=None, repo=REPO):
    """Write the zip into ``out_dir`` (default ``<repo>/dist``) and return its path."""
    version = read_metadata(repo)["version"]
    compile_translations(repo)
    out_dir = out_dir or os.path.join(repo, "dist")
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, f"{PLUGIN_NAME}-{version}.zip")
    partial = target + ".partial"
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for rel in plugin_files(repo):
                info = zipfile.ZipInfo(f"{PLUGIN_NAME}/{rel}", date_time=ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                with open(os.path.join(repo, rel), "rb") as fh:
                    zf.writestr(info, fh.read())
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", help="folder for the zip (default: dist/ in the repository)")
    args = parser.parse_args(argv)
    try:
        path = build(args.out)
    except PackageError as exc:
        print(f"package: {exc}", file=sys.stderr)
        return 1
    with zipfile.ZipFile(path) as zf:
        count = len(zf.namelist())
    print(f"{path} ({count} files, {os.path.getsize(path) / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
