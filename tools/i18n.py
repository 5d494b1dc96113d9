"""Extract the provider's translatable strings into ``i18n/rsei_toolbox_<lang>.ts`` and build the ``.qm`` files.

The strings are collected the way QGIS sees them: each algorithm is instantiated and ``initAlgorithm()``
run with ``translation.capture`` on, then its display name, group and help panel are read, and the shipped
models are loaded; everything that passes through ``translation.tr`` (parameter descriptions, help, enum
options, matrix headers, output descriptions, each block of the help HTML) is recorded. The literals of
``tr(…)`` / ``self.tr(…)`` calls in the plugin's Python files (messages raised while running) are added by
reading the source with ``ast``; an f-string inside ``tr()`` is an error (it could never be looked up).

``core/`` never imports Qt, so its messages are translated by the algorithm layer (``core.errors.render``,
``core.monitor.Monitor(translate=…)``); their templates are read from the source too: the first argument of
every ``CoreError(…)`` (and of its subclasses, found by name: ``GridMismatch``, ``HttpError``, ``TokenRefused``,
…), of every ``Text(…)`` fragment and of every ``monitor.info(…)`` / ``monitor.warn(…)`` call in ``core/``,
plus the default message of a subclass's ``__init__`` (``Canceled``). The template must be a string literal
(values as keyword arguments: ``CoreError("… {x}", x=…)``); an f-string, a concatenation, ``.format`` or ``%``
there is an error. Two forwarding forms are allowed: a bare name (``monitor.warn(msg)``, ``msg`` a ``Text``
made from a literal elsewhere) and ``exc.template`` (an error re-raised with its template and other values).
A template made only of placeholders (``"{missing}"``) has nothing to translate and is skipped.

Usage (QGIS's Python; ``make i18n`` runs ``--release``)::

    python tools/i18n.py              # update every i18n/*.ts: keep translations, add new strings unfinished
    python tools/i18n.py --check      # exit 1 if a string is missing, unfinished or has other placeholders
    python tools/i18n.py --export-todo todo.json   # the unfinished strings, {source: ""}
    python tools/i18n.py --import done.json        # fill translations from {source: translation}
    python tools/i18n.py --release    # lrelease every .ts to .qm (Debian: qttools5-dev-tools)

A string that is no longer used keeps its translation as ``type="vanished"`` (lrelease skips it) until
``--drop-vanished``.
"""
import argparse
import ast
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
I18N_DIR = os.path.join(REPO, "i18n")
PACKAGE = "rsei_toolbox"
CONTEXT = "RseiToolbox"  # = translation.CONTEXT (not imported: this module must load without QGIS)
LANGUAGES = ("zh_CN",)
SOURCE_DIRS = ("algorithms",)
SOURCE_FILES = ("provider.py", "plugin.py", "__init__.py")
TR_NAMES = {"tr", "_tr"}
CORE_DIR = "core"
#: Classes whose first argument is a core message template (subclasses are added by name from core/).
CORE_MESSAGE_CLASSES = ("CoreError", "Text")
#: Methods of core.monitor.Monitor that log a template (core/ calls .info/.warn on nothing else).
MONITOR_METHODS = {"info", "warn"}


def ts_path(lang, folder=I18N_DIR):
    return os.path.join(folder, f"{PACKAGE}_{lang}.ts")


# ----------------------------------------------------------------------------- collecting
def source_files(repo=REPO):
    files = [os.path.join(repo, f) for f in SOURCE_FILES]
    for d in SOURCE_DIRS:
        files += sorted(glob.glob(os.path.join(repo, d, "*.py")))
    return [f for f in files if os.path.isfile(f)]


def literal_strings(repo=REPO):
    """``({text: None}, [problems])``: the literals of tr() calls and the core's message templates, and the
    calls that break the rules (an f-string inside tr(), a non-literal core message).

    In the plugin's files a ``Text("…", x=…)`` or ``CoreError("…", x=…)`` with a literal template is collected
    too (rendered in the user's language like the core's, e.g. a log line that also goes, in English, into a
    report); there an f-string or a concatenation is an error, a ``tr(…).format(…)`` is the usual form."""
    found, problems = {}, []
    message_classes = _message_classes(_core_trees(repo))[0]
    for path in source_files(repo):
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read(), path)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            arg = node.args[0]
            rel = os.path.relpath(path, repo)
            if name in message_classes:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(" ".join(arg.value.split()) if "\n" in arg.value else arg.value, None)
                elif isinstance(arg, (ast.JoinedStr, ast.BinOp)):
                    problems.append(f"{rel}:{node.lineno}: {name}() with an f-string or a concatenation; write "
                                    f"{name}(\"… {{x}}\", x=…) or {name}(tr(\"… {{x}}\").format(x=…))")
                continue
            if name not in TR_NAMES:
                continue
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.setdefault(" ".join(arg.value.split()) if "\n" in arg.value else arg.value, None)
            elif isinstance(arg, ast.JoinedStr):
                problems.append(f"{rel}:{node.lineno}: f-string inside tr(); use tr(\"… {{x}}\").format(x=…)")
    core, core_problems = core_templates(repo)
    for text in core:
        found.setdefault(text, None)
    return found, problems + core_problems


def _core_trees(repo):
    files = sorted(glob.glob(os.path.join(repo, CORE_DIR, "**", "*.py"), recursive=True))
    trees = []
    for path in files:
        with open(path, encoding="utf-8") as fh:
            trees.append((os.path.relpath(path, repo), ast.parse(fh.read(), path)))
    return trees


def _message_classes(trees):
    """CORE_MESSAGE_CLASSES and every class of core/ derived from one of them (by name), with their nodes."""
    names, nodes = set(CORE_MESSAGE_CLASSES), {}
    changed = True
    while changed:
        changed = False
        for _, tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    bases = {b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute) else None
                             for b in node.bases}
                    if node.name not in names and bases & names:
                        names.add(node.name)
                        changed = True
                    if node.name in names:
                        nodes[node.name] = node
    return names, nodes


_ONLY_PLACEHOLDERS = re.compile(r"^(?:\s|\{[^{}]*\})*$")


def core_templates(repo=REPO):
    """``({template: None}, [problems])``: the message templates of core/ (see the module doc)."""
    trees = _core_trees(repo)
    classes, class_nodes = _message_classes(trees)
    found, problems = {}, []

    def add(text):
        if text and not _ONLY_PLACEHOLDERS.match(text):
            found.setdefault(" ".join(text.split()) if "\n" in text else text, None)

    for node in class_nodes.values():  # default messages (Canceled())
        for item in node.body:
            if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                for default in item.args.defaults + [d for d in item.args.kw_defaults if d is not None]:
                    if isinstance(default, ast.Constant) and isinstance(default.value, str):
                        add(default.value)
    for rel, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id in classes:
                what = func.id
            elif isinstance(func, ast.Attribute) and func.attr in classes:
                what = func.attr
            elif isinstance(func, ast.Attribute) and func.attr in MONITOR_METHODS:
                what = f"monitor.{func.attr}"
            else:
                continue
            arg = node.args[0]
            where = f"{rel}:{node.lineno}: {what}()"
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                add(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                problems.append(f"{where} with an f-string; write {what}(\"… {{x}}\", x=…) (a literal template)")
            elif isinstance(arg, ast.BinOp) or (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute)
                                                and arg.func.attr == "format"):
                problems.append(f"{where} with a message built by +, % or .format; write {what}(\"… {{x}}\", x=…)")
            elif isinstance(arg, ast.Name) or (isinstance(arg, ast.Attribute) and arg.attr == "template"):
                continue  # forwarding a Text / an error's template made from a literal elsewhere
            else:
                problems.append(f"{where} with a non-literal message; write {what}(\"… {{x}}\", x=…)")
    return found, problems


def _import_plugin(repo=REPO):
    """Import the plugin as the package ``rsei_toolbox`` (a symlink in a temporary folder, as the tests do)."""
    if PACKAGE in sys.modules:
        return sys.modules[PACKAGE]
    parent = tempfile.mkdtemp(prefix="rsei-i18n-")
    os.symlink(repo, os.path.join(parent, PACKAGE))
    sys.path.insert(0, parent)
    plugins = "/usr/share/qgis/python/plugins"
    if plugins not in sys.path:
        sys.path.append(plugins)
    import importlib
    return importlib.import_module(PACKAGE)


def collect(repo=REPO):
    """All translatable strings in order of first use: ``(list of texts, problems)``. Needs QGIS."""
    from qgis.core import QgsApplication

    app = QgsApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QgsApplication([], False)
        app.initQgis()
        collect._app = app  # keep alive
    _import_plugin(repo)
    from rsei_toolbox import translation
    from rsei_toolbox.algorithms import algorithm_classes
    from rsei_toolbox.algorithms.base import GROUPS
    from rsei_toolbox.provider import RseiProvider, load_models

    registry = QgsApplication.processingRegistry()
    if registry.providerById("rsei") is None:
        collect._provider = RseiProvider()
        registry.addProvider(collect._provider)
    saved = translation.capture
    translation.capture = {}
    try:
        for title in GROUPS.values():
            translation.tr(title)
        for cls in algorithm_classes():
            alg = cls()
            alg.initAlgorithm({})
            alg.displayName()
            alg.group()
            alg.shortHelpString()
        for model in load_models():
            model.displayName()
            model.group()
            model.shortDescription()
            model.shortHelpString()
        texts = dict(translation.capture)
    finally:
        translation.capture = saved
    literals, problems = literal_strings(repo)
    for text in literals:
        texts.setdefault(text, True)
    return list(texts), problems


# ----------------------------------------------------------------------------- .ts files
def read_ts(path):
    """``{source: (translation, type)}`` of the context, in file order (type '' = finished)."""
    if not os.path.exists(path):
        return {}
    root = ET.parse(path).getroot()
    out = {}
    for ctx in root.iter("context"):
        if ctx.findtext("name") != CONTEXT:
            continue
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            out[msg.findtext("source")] = ((tr.text or "") if tr is not None else "",
                                           tr.get("type", "") if tr is not None else "unfinished")
    return out


def write_ts(path, lang, entries):
    """Write ``entries`` ``[(source, translation, type)]`` as a Qt TS 2.1 file (UTF-8, stable layout)."""
    root = ET.Element("TS", version="2.1", language=lang, sourcelanguage="en")
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    for source, text, kind in entries:
        msg = ET.SubElement(ctx, "message")
        ET.SubElement(msg, "source").text = source
        tr = ET.SubElement(msg, "translation")
        if kind:
            tr.set("type", kind)
        tr.text = text or None
    ET.indent(root, space="    ") if hasattr(ET, "indent") else None
    body = ET.tostring(root, encoding="unicode")
    tmp = path + ".partial"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n")
    os.replace(tmp, path)


def update(lang, texts, folder=I18N_DIR, drop_vanished=False):
    """Merge ``texts`` into the .ts of ``lang``; returns (new, unfinished, vanished) counts."""
    path = ts_path(lang, folder)
    old = read_ts(path)
    entries, new = [], 0
    for source in texts:
        text, kind = old.get(source, ("", None))
        if kind is None:
            new += 1
            kind = "unfinished"
        elif kind in ("vanished", "obsolete"):
            kind = "" if text else "unfinished"
        entries.append((source, text, kind))
    current = set(texts)
    vanished = [(s, t, "vanished") for s, (t, k) in old.items() if s not in current and t and not drop_vanished]
    write_ts(path, lang, entries + vanished)
    return new, sum(1 for e in entries if e[2] == "unfinished"), len(vanished)


# ----------------------------------------------------------------------------- checks
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[!:][^{}]*)?\}|%\d+")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\b[^<>]*>")


def placeholders(text):
    """Sorted format fields ({name}, {x:.4f}, %1) and HTML tags of ``text``."""
    return sorted(_PLACEHOLDER.findall(text)), sorted(_TAG.findall(text))


def check_entry(source, text):
    """Problems of one translation: its placeholders and tags must be those of the source, no bare '<'."""
    problems = []
    sp, st = placeholders(source)
    tp, tt = placeholders(text)
    if sp != tp:
        problems.append(f"placeholders {sp} ≠ {tp}")
    if st != tt:
        problems.append(f"HTML tags {st} ≠ {tt}")
    bare = set("<>") & set(_TAG.sub("", text))
    if bare - set(_TAG.sub("", source)):
        problems.append("a bare '<' or '>' where the source has none (write &lt; &gt;)")
    return problems


def check(texts, lang, folder=I18N_DIR):
    """Problems of the .ts of ``lang`` against the collected ``texts`` (empty list = complete and consistent)."""
    entries = read_ts(ts_path(lang, folder))
    problems = []
    for source in texts:
        if source not in entries:
            problems.append(f"not in the .ts (run tools/i18n.py): {source[:100]!r}")
            continue
        text, kind = entries[source]
        if kind or not text:
            problems.append(f"no finished translation: {source[:100]!r}")
            continue
        problems += [f"{p}: {source[:100]!r}" for p in check_entry(source, text)]
    return problems


# ----------------------------------------------------------------------------- .qm
def lrelease_executable():
    for name in ("lrelease", "lrelease-qt5"):
        path = shutil.which(name)
        if path:
            return path
    if os.path.exists("/usr/lib/qt5/bin/lrelease"):
        return "/usr/lib/qt5/bin/lrelease"
    return None


def release(folder=I18N_DIR, force=False):
    """Build ``<name>.qm`` beside each ``<name>.ts`` that is newer (or all with ``force``); returns the .qm paths."""
    exe = lrelease_executable()
    built = []
    for ts in sorted(glob.glob(os.path.join(folder, "*.ts"))):
        qm = ts[:-3] + ".qm"
        if force or not os.path.exists(qm) or os.path.getmtime(qm) < os.path.getmtime(ts):
            if exe is None:
                raise RuntimeError("lrelease not found (Debian: apt install qttools5-dev-tools)")
            subprocess.run([exe, "-silent", ts, "-qm", qm], check=True)
        built.append(qm)
    return built


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report missing or inconsistent translations")
    parser.add_argument("--export-todo", metavar="JSON", help="write the unfinished strings")
    parser.add_argument("--import", dest="import_", metavar="JSON", help="read translations {source: text}")
    parser.add_argument("--release", action="store_true", help="build the .qm files with lrelease")
    parser.add_argument("--drop-vanished", action="store_true", help="forget translations of unused strings")
    parser.add_argument("--lang", default=LANGUAGES[0])
    args = parser.parse_args(argv)
    if args.release:
        for qm in release():
            print(qm)
        return 0
    texts, problems = collect()
    for p in problems:
        print(p, file=sys.stderr)
    if args.check:
        problems += check(texts, args.lang)
        for p in problems:
            print(p)
        print(f"{len(texts)} strings, {len(problems)} problem(s)")
        return 1 if problems else 0
    if problems:
        return 1
    if args.import_:
        with open(args.import_, encoding="utf-8") as fh:
            done = json.load(fh)
        path = ts_path(args.lang)
        old = read_ts(path)
        bad = 0
        for source, text in done.items():
            if not text:
                continue
            issues = check_entry(source, text)
            if issues:
                bad += 1
                print(f"not imported ({'; '.join(issues)}): {source[:80]!r}", file=sys.stderr)
                continue
            old[source] = (text, "")
        write_ts(path, args.lang, [(s, t, k) for s, (t, k) in old.items()])
        print(f"imported {len(done) - bad} of {len(done)}")
    new, unfinished, vanished = update(args.lang, texts, drop_vanished=args.drop_vanished)
    print(f"{ts_path(args.lang)}: {len(texts)} strings, {new} new, {unfinished} unfinished, {vanished} vanished")
    if args.export_todo:
        todo = {s: "" for s, (t, k) in read_ts(ts_path(args.lang)).items() if k == "unfinished"}
        with open(args.export_todo, "w", encoding="utf-8") as fh:
            json.dump(todo, fh, ensure_ascii=False, indent=1)
        print(f"{args.export_todo}: {len(todo)} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
