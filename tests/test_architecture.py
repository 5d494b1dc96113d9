"""The import graph: no cycles, and the layers point one way (plugin/provider/meta → algorithms → core).

Every ``.py`` file is parsed with :mod:`ast` (nothing is imported) and every ``import`` statement counts,
including those inside functions: a function-level import that closes a cycle only moves the failure
("partially initialized module") from load time to run time. Relative imports and absolute
``rsei_toolbox.…`` imports are resolved to the plugin's modules; the script folders (``demo/``, ``bench/``,
``tools/``) import their siblings by bare name (``import report_page``), resolved within the folder.
That core/ never imports qgis is checked in test_foundation.py.
"""
import ast
import os

from conftest import REPO

PACKAGE = "rsei_toolbox"
PLUGIN_DIRS = ("algorithms", "core")
SCRIPT_DIRS = ("demo", "bench", "tools")


def _module_name(root, path, package):
    rel = os.path.relpath(path, root)[:-3].split(os.sep)
    if rel[-1] == "__init__":
        rel = rel[:-1]
    return ".".join([package] + rel) if package else ".".join(rel)


def plugin_modules(root=REPO, package=PACKAGE):
    """{module name: path} of the plugin: the top-level .py files and the algorithms/ and core/ trees."""
    modules = {}
    for name in os.listdir(root):
        if name.endswith(".py"):
            modules[_module_name(root, os.path.join(root, name), package)] = os.path.join(root, name)
    for top in PLUGIN_DIRS:
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs[:] = [d for d in dirs if not d.startswith((".", "__pycache__"))]
            for name in files:
                if name.endswith(".py"):
                    path = os.path.join(folder, name)
                    modules[_module_name(root, path, package)] = path
    return modules


def _imports(path):
    """(level, module, [names]) of every import statement in the file, at any depth."""
    tree = ast.parse(open(path, encoding="utf-8").read(), filename=path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield 0, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            yield node.level, node.module or "", [a.name for a in node.names]


def import_graph(modules, package=PACKAGE):
    """{module: set of plugin modules it imports}. ``modules`` maps names to paths (see plugin_modules)."""
    graph = {}
    for name, path in modules.items():
        is_package = os.path.basename(path) == "__init__.py"
        here = name.split(".") if is_package else name.split(".")[:-1]
        edges = set()
        for level, module, names in _imports(path):
            if level:
                base = here[:len(here) - (level - 1)] if level > 1 else here
                target = ".".join(base + ([module] if module else []))
            else:
                target = module
            if target != package and not target.startswith(package + "."):
                continue  # numpy, qgis, …
            found = False
            for alias in names:  # ``from . import x``: x may be a submodule
                if f"{target}.{alias}" in modules:
                    edges.add(f"{target}.{alias}")
                    found = True
            if not found and target in modules:
                edges.add(target)
        edges.discard(name)
        graph[name] = edges
    return graph


def find_cycles(graph):
    """The strongly connected components with more than one module (Tarjan), each as a sorted list."""
    index, low, on_stack, stack, cycles = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def _describe(graph, component):
    members = set(component)
    return "\n".join(f"  {m} → {', '.join(sorted(graph[m] & members))}" for m in component)


def test_cycle_finder_sees_function_level_and_relative_imports(tmp_path):
    """The checker itself: a cycle closed by a function-level relative import is found."""
    (tmp_path / "algorithms").mkdir()
    (tmp_path / "core").mkdir()
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "provider.py").write_text("from .algorithms import base\n")
    (tmp_path / "algorithms" / "__init__.py").write_text("")
    (tmp_path / "algorithms" / "base.py").write_text(
        "from ..core import stats\n\ndef version():\n    from ..provider import v\n    return v()\n")
    (tmp_path / "core" / "__init__.py").write_text("")
    (tmp_path / "core" / "stats.py").write_text("import numpy\nimport rsei_toolbox.core.raster\n")
    (tmp_path / "core" / "raster.py").write_text("")
    graph = import_graph(plugin_modules(str(tmp_path)))
    assert graph["rsei_toolbox.core.stats"] == {"rsei_toolbox.core.raster"}
    assert graph["rsei_toolbox.algorithms.base"] == {"rsei_toolbox.core.stats", "rsei_toolbox.provider"}
    assert find_cycles(graph) == [["rsei_toolbox.algorithms.base", "rsei_toolbox.provider"]]


def test_plugin_has_no_import_cycle():
    modules = plugin_modules()
    assert f"{PACKAGE}.meta" in modules and f"{PACKAGE}.algorithms.base" in modules and len(modules) > 30
    graph = import_graph(modules)
    assert graph[f"{PACKAGE}.provider"] >= {f"{PACKAGE}.meta", f"{PACKAGE}.algorithms"}
    cycles = find_cycles(graph)
    assert not cycles, "import cycles:\n" + "\n\n".join(_describe(graph, c) for c in cycles)


def test_layers_point_one_way():
    """core/ imports only core/; algorithms/ never imports provider/plugin; meta.py imports nothing of the plugin."""
    graph = import_graph(plugin_modules())
    core = f"{PACKAGE}.core"
    wrong = []
    for module, targets in graph.items():
        for target in targets:
            if module.startswith(core) and not target.startswith(core):
                wrong.append((module, target))
            if module.startswith(f"{PACKAGE}.algorithms") and target in (
                    f"{PACKAGE}.provider", f"{PACKAGE}.plugin", PACKAGE):
                wrong.append((module, target))
    assert not graph[f"{PACKAGE}.meta"]
    assert not wrong, "\n".join(f"{m} imports {t}" for m, t in wrong)


def test_script_folders_have_no_import_cycle():
    """demo/, bench/ and tools/ import their sibling scripts by bare name: no cycle among them."""
    checked = 0
    for folder in SCRIPT_DIRS:
        root = os.path.join(REPO, folder)
        if not os.path.isdir(root):
            continue
        modules = {name[:-3]: os.path.join(root, name) for name in os.listdir(root) if name.endswith(".py")}
        graph = {}
        for name, path in modules.items():
            graph[name] = set()
            for level, module, names in _imports(path):
                if not level and module in modules:
                    graph[name].add(module)
        graph = {m: t - {m} for m, t in graph.items()}
        checked += len(modules)
        cycles = find_cycles(graph)
        assert not cycles, f"import cycles in {folder}/:\n" + "\n\n".join(_describe(graph, c) for c in cycles)
    assert checked >= 5


def _defines_alg_id(node):
    return any(isinstance(stmt, ast.Assign) and any(getattr(t, "id", None) == "ALG_ID" for t in stmt.targets)
               for stmt in node.body)


def test_algorithm_modules_and_class_names():
    """SHARED_MODULES names real modules; every algorithm class is called <Name>Algorithm."""
    import importlib
    algorithms = importlib.import_module(f"{PACKAGE}.algorithms")
    folder = os.path.join(REPO, "algorithms")
    for name in algorithms.SHARED_MODULES:
        assert os.path.isfile(os.path.join(folder, f"{name}.py")), f"SHARED_MODULES names a missing module {name}"
    for name in os.listdir(folder):
        if not name.endswith(".py") or name.startswith("_") or name[:-3] in algorithms.SHARED_MODULES:
            continue
        tree = ast.parse(open(os.path.join(folder, name), encoding="utf-8").read())
        classes = [node.name for node in tree.body if isinstance(node, ast.ClassDef) and _defines_alg_id(node)]
        assert classes, f"algorithms/{name} defines no algorithm class (a class with ALG_ID)"
        for cls in classes:
            assert cls.endswith("Algorithm") and cls != "RseiAlgorithm", f"algorithms/{name}: class {cls}"
