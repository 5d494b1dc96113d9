"""Start the QGIS desktop on a virtual display with the plugin enabled and run tools/gui_check.py.

QGIS runs with a private, throw-away profile (``QGIS_CUSTOM_CONFIG_PATH``) in which
only this plugin is enabled and the first-run dialogs, news feed and version check
are switched off; the plugin is found through ``QGIS_PLUGINPATH`` (a folder with a
``rsei_toolbox`` link to this repository). Needs ``xvfb-run`` (Debian: xvfb, xauth).

Usage: ``python tools/run_gui_check.py [--out DIR] [--layer RASTER ...] [--docs docs/screenshots]
[--locale zh-Hans]``; prints the JSON result of the check. ``--docs`` copies the pictures the user guide
shows into that folder, reduced to 256 colours so they stay small in git; with ``--locale`` QGIS runs in
that interface language (``locale/userLocale`` with ``locale/overrideFlag``) and the pictures get the
suffix ``_<language>`` (e.g. ``dialog_rsei_zh.png``).
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECK_SCRIPT = os.path.join(REPO, "tools", "gui_check.py")
SCREEN = "1280x800x24"

#: Profile settings for an unattended start (QGIS/QGIS3.ini of the profile).
PROFILE_INI = """[PythonPlugins]
rsei_toolbox=true
processing=true

[Plugins]
rsei_toolbox=true

[qgis]
checkVersion=false
showTips=false
showTips322=false
allowVersionCheck=false
newsfeed\\disabled=true
dataSourceManagerNonModal=true

[core]
NewsFeed\\httpsfeedqgisorg\\disabled=true

[app]
LocaleCheckDone=true
"""


def qgis_executable():
    for name in ("qgis.bin", "qgis"):
        path = shutil.which(name)
        if path:
            return path
    return None


def make_profile(root, locale=None):
    """A fresh profile folder for QGIS_CUSTOM_CONFIG_PATH (interface language ``locale``); returns its path."""
    ini_dir = os.path.join(root, "profiles", "default", "QGIS")
    os.makedirs(ini_dir, exist_ok=True)
    with open(os.path.join(ini_dir, "QGIS3.ini"), "w", encoding="utf-8") as fh:
        fh.write(PROFILE_INI)
        if locale:
            fh.write(f"\n[locale]\nuserLocale={locale}\noverrideFlag=true\n")
    with open(os.path.join(root, "profiles", "profiles.ini"), "w", encoding="utf-8") as fh:
        fh.write("[core]\ndefaultProfile=default\n")
    return root


def run(out_dir, scale=1.0, timeout=240, repo=REPO, layers=(), run_spec=None, locale=None):
    """Run the check; returns (result dict or None, CompletedProcess).

    ``layers``: raster files to show on the map in the desktop screenshot; ``run_spec``:
    ``{"id": ..., "params": {...}}`` of an algorithm to run from its dialog first.
    """
    work = tempfile.mkdtemp(prefix="rsei-gui-run-")
    plugins = os.path.join(work, "plugins")
    os.makedirs(plugins)
    os.symlink(repo, os.path.join(plugins, "rsei_toolbox"))
    xdg = os.path.join(work, "xdg")
    os.makedirs(xdg, mode=0o700)
    os.makedirs(out_dir, exist_ok=True)
    json_path = os.path.join(out_dir, "gui_check.json")
    if os.path.exists(json_path):
        os.remove(json_path)
    env = dict(os.environ, QGIS_PLUGINPATH=plugins, QGIS_CUSTOM_CONFIG_PATH=make_profile(os.path.join(work, "cfg"), locale),
               XDG_RUNTIME_DIR=xdg, RSEI_GUI_OUT=os.path.abspath(out_dir), RSEI_GUI_SCALE=str(scale),
               RSEI_GUI_LAYERS=os.pathsep.join(os.path.abspath(p) for p in layers),
               RSEI_GUI_RUN=json.dumps(run_spec) if run_spec else "",
               RSEI_GUI_WATCHDOG=str(max(30, timeout - 30)),
               QT_QPA_PLATFORM="xcb", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("QGIS_OPTS", None)
    cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN}", qgis_executable(), "--nologo", "--noversioncheck",
           "--code", CHECK_SCRIPT]
    # A session of its own, so that on a timeout xvfb-run, Xvfb and QGIS all end together.
    popen = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=work,
                             start_new_session=True)
    try:
        stdout, stderr = popen.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(popen.pid, signal.SIGKILL)
        stdout, stderr = popen.communicate()
        stderr += f"\nTIMEOUT after {timeout} s: QGIS was stopped"
    proc = subprocess.CompletedProcess(cmd, popen.returncode, stdout, stderr)
    result = None
    if os.path.exists(json_path):
        with open(json_path, encoding="utf-8") as fh:
            result = json.load(fh)
    shutil.rmtree(work, ignore_errors=True)
    return result, proc


#: Screenshots the user guide shows (docs/desktop.md).
DOC_SHOTS = ("desktop.png", "toolbox.png", "modeler_rseioneyear.png", "dialog_rseioneyear.png", "run_dialog.png",
             "dialog_landsatcomposite.png", "dialog_landsatindices.png", "dialog_rsei.png")


#: Screenshots the guide shows in another language (README, "In Chinese").
LOCALE_DOC_SHOTS = ("toolbox.png", "dialog_rsei.png")


def export_docs(out_dir, docs_dir, names=DOC_SHOTS, suffix=""):
    """Copy the guide's screenshots into ``docs_dir`` as 256-colour PNGs (``name<suffix>.png``); returns them."""
    from PIL import Image

    os.makedirs(docs_dir, exist_ok=True)
    written = []
    for name in names:
        src = os.path.join(out_dir, name)
        if not os.path.exists(src):
            continue
        with Image.open(src) as img:
            small = img.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
            target = os.path.join(docs_dir, os.path.splitext(name)[0] + suffix + ".png")
            small.save(target, optimize=True)
        written.append(target)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=None, help="folder for gui_check.json and the screenshots")
    parser.add_argument("--scale", type=float, default=1.0, help="shrink screenshots by this factor (< 1)")
    parser.add_argument("--layer", action="append", default=[], help="raster to show on the map (repeatable)")
    parser.add_argument("--docs", help="also copy the user guide's screenshots here (e.g. docs/screenshots)")
    parser.add_argument("--run-model", metavar="MTL", action="append", default=[],
                        help="first run rsei:rseioneyear from its dialog on these scenes (repeatable)")
    parser.add_argument("--months", default="1-12", help="MONTHS for --run-model (default 1-12)")
    parser.add_argument("--locale", help="QGIS interface language, e.g. zh-Hans (default: the system's)")
    args = parser.parse_args(argv)
    if not shutil.which("xvfb-run") or not qgis_executable():
        print("needs xvfb-run and the QGIS desktop (Debian: apt install xvfb xauth qgis)", file=sys.stderr)
        return 2
    out = args.out or tempfile.mkdtemp(prefix="rsei-gui-")
    spec = None
    if args.run_model:
        results = os.path.join(out, "model-output")
        os.makedirs(results, exist_ok=True)
        spec = {"id": "rsei:rseioneyear", "params": {
            "SCENES": [os.path.abspath(p) for p in args.run_model], "MONTHS": args.months,
            "rsei:RSEI": os.path.join(results, "rsei.tif"), "rsei:RSEI_GRADES": os.path.join(results, "grades.tif"),
            "rsei:RSEI_TABLE": os.path.join(results, "grade_areas.csv")}}
    result, proc = run(out, args.scale, layers=args.layer, run_spec=spec, locale=args.locale)
    if result is None:
        print(proc.stdout[-3000:], proc.stderr[-3000:], sep="\n", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=1))
    print(f"screenshots in {out}", file=sys.stderr)
    if args.docs:
        suffix = "_" + args.locale.replace("-", "_").split("_")[0] if args.locale else ""
        for path in export_docs(out, args.docs, LOCALE_DOC_SHOTS if args.locale else DOC_SHOTS, suffix):
            print(f"wrote {path} ({os.path.getsize(path) // 1024} KiB)", file=sys.stderr)
    ok = (result["plugin_loaded"] and not result["errors"] and result["toolbox_ids"] == result["algorithm_ids"]
          and all(d.get("opened") and not d.get("missing_widgets") for d in result["dialogs"]))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
