"""Plugin layout, provider, base algorithm behaviour and Qt6/QGIS 4 readiness."""
import ast
import configparser
import os
import re
import subprocess
import sys

import pytest

from conftest import _PKG_PARENT, REPO, write_raster

PY_FILES = [os.path.join(root, f) for root, dirs, files in os.walk(REPO)
            for f in files if f.endswith(".py")
            and not any(part.startswith(".") for part in os.path.relpath(root, REPO).split(os.sep))]


def test_layout():
    for name in ("metadata.txt", "__init__.py", "plugin.py", "algorithms", "core", "resources", "tests",
                 "README.md"):
        assert os.path.exists(os.path.join(REPO, name)), name


def test_metadata_complete():
    cfg = configparser.ConfigParser()
    cfg.read(os.path.join(REPO, "metadata.txt"), encoding="utf-8")
    general = cfg["general"]
    assert general["name"] == "RSEI Toolbox"
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["qgisMaximumVersion"] == "4.99"
    assert general["hasProcessingProvider"] == "yes"
    assert general["supportsQt6"] == "True"
    for key in ("description", "about", "version", "author", "email", "tags", "homepage", "tracker",
                "repository", "license", "icon"):
        assert general.get(key, "").strip(), key
    assert os.path.exists(os.path.join(REPO, general["icon"]))
    assert re.fullmatch(r"\d+\.\d+\.\d+", general["version"])


def test_core_never_imports_qgis():
    for path in PY_FILES:
        if os.sep + "core" + os.sep not in path.replace(REPO, ""):
            continue
        tree = ast.parse(open(path, encoding="utf-8").read())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n == "qgis" or n.startswith("qgis.") for n in names), path


# Forms that exist only in PyQt5 / QGIS 3 and break on QGIS 4 (Qt6).
PYQT5_ONLY = [
    (re.compile(r"^\s*(from|import)\s+PyQt5"), "import PyQt5 directly (use qgis.PyQt)"),
    (re.compile(r"\bexec_\("), "exec_() (use exec())"),
    (re.compile(r"\b(Qgs\w+|Qt|QVariant|QgsWkbTypes)\.(?!(?:SourceType|Type|Flag|Behavior|DataType)\.)"
                r"([A-Z][a-z]\w*)\b(?!\s*[.(])"), "unscoped enum (use the fully scoped form)"),
]


def test_no_pyqt5_only_forms():
    offenders = []
    for path in PY_FILES:
        if path.endswith(os.path.join("tests", "test_foundation.py")):
            continue
        for lineno, line in enumerate(open(path, encoding="utf-8"), 1):
            code = line.split("#")[0]
            for pattern, why in PYQT5_ONLY:
                if pattern.search(code):
                    offenders.append(f"{os.path.relpath(path, REPO)}:{lineno}: {why}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_scanner_catches_pyqt5_forms():
    bad = ["from PyQt5.QtCore import Qt", "dialog.exec_()", "x = QgsProcessing.TypeRaster",
           "QgsWkbTypes.NoGeometry"]
    good = ["from qgis.PyQt.QtCore import Qt", "dialog.exec()", "x = QgsProcessing.SourceType.TypeRaster",
            "QgsWkbTypes.Type.NoGeometry", "QgsProcessing.TEMPORARY_OUTPUT"]
    for line in bad:
        assert any(p.search(line) for p, _ in PYQT5_ONLY), line
    for line in good:
        assert not any(p.search(line) for p, _ in PYQT5_ONLY), line


def test_provider_and_algorithms(provider):
    assert provider.id() == "rsei"
    assert provider.name() == "RSEI Toolbox"
    allowed_groups = {"Landsat", "RSEI", "Land cover", "Trend", "Drivers"}
    for alg in provider.algorithms():
        assert alg.id() == f"rsei:{alg.name()}"
        assert re.fullmatch(r"[a-z0-9]+", alg.name()), alg.name()
        if alg.group():  # shipped models have their own group
            assert alg.group() in allowed_groups, (alg.id(), alg.group())


def _python_algorithms(provider):
    from rsei_toolbox.algorithms.base import RseiAlgorithm
    return [a for a in provider.algorithms() if isinstance(a, RseiAlgorithm)]


def test_every_parameter_has_help(provider):
    for alg in _python_algorithms(provider):
        for param in alg.parameterDefinitions():
            assert param.help().strip(), f"{alg.id()}: {param.name()} has no help text"
        text = alg.shortHelpString()
        assert "References" in text and "NoData" in text, alg.id()


def test_plugin_registers_and_unloads_provider():
    """classFactory → initProcessing registers provider 'rsei' with its algorithms; unload removes it.

    In a fresh QGIS process, so the session's own provider does not get in the way.
    """
    code = f"""
import sys
sys.path.insert(0, {_PKG_PARENT!r})
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
import rsei_toolbox
plugin = rsei_toolbox.classFactory(None)
registry = QgsApplication.processingRegistry()
assert registry.providerById('rsei') is None
plugin.initProcessing()
provider = registry.providerById('rsei')
print('registered', provider.name(), ','.join(sorted(a.name() for a in provider.algorithms())))
plugin.unload()
print('after unload', registry.providerById('rsei'))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd="/")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    word, name1, name2, names = lines[-2].split()
    assert (word, f"{name1} {name2}") == ("registered", "RSEI Toolbox")
    assert set(names.split(",")) == {
        "landsatcomposite", "landsatindices", "rsei", "rseiseries", "gradechange", "rseioneyear", "senmk",
        "seriestrend", "egindex", "coupling", "geodetector", "geodetectorraster", "landsatstac",
        "zonalseries"}
    assert lines[-1] == "after unload None"


def test_plugin_loads_without_rasterio_and_scipy():
    """Blocking both packages: the plugin imports and lists its algorithms; running says what to install."""
    code = f"""
import sys
sys.modules['rasterio'] = None
sys.modules['scipy'] = None
sys.path.insert(0, {_PKG_PARENT!r})
from rsei_toolbox.algorithms import algorithm_classes
from rsei_toolbox.core import deps
print(len(algorithm_classes()))
try:
    deps.require()
except Exception as exc:
    print(type(exc).__name__, exc)
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd="/")
    assert out.returncode == 0, out.stderr
    assert "MissingDependency" in out.stdout
    assert "python3-rasterio" in out.stdout and "OSGeo4W" in out.stdout and "macOS" in out.stdout
    assert "python3-scipy" in out.stdout


# --------------------------------------------------------------- the shared base, with a test algorithm

def _dummy_algorithm(behaviour):
    """A minimal algorithm on the shared base: doubles a raster, then behaves as told."""
    from qgis.core import QgsProcessingParameterRasterDestination, QgsProcessingParameterRasterLayer

    from rsei_toolbox.algorithms.base import RseiAlgorithm
    from rsei_toolbox.core.raster import RasterReader, iter_windows

    class Dummy(RseiAlgorithm):
        ALG_ID = ""  # not registered
        DISPLAY_NAME = "Dummy"
        HELP = "Doubles a raster."
        NODATA = "NoData stays NoData."
        REFERENCES = ("none",)

        def initAlgorithm(self, config=None):  # noqa: N802
            self.add(QgsProcessingParameterRasterLayer("INPUT", "Input"), "A raster.")
            self.add(QgsProcessingParameterRasterDestination("OUTPUT", "Output"), "Result.")

        def process(self, parameters, context, feedback, monitor, tx):
            src = self.raster_path(parameters, "INPUT", context)
            out_path = self.output_path(parameters, "OUTPUT", context)
            with RasterReader(src, "INPUT") as reader:
                out = tx.raster(out_path, reader.grid, descriptions=["doubled"])
                for i, window in enumerate(iter_windows(reader.grid, 8, monitor, budget_mb=0.0001)):
                    out.write(window, reader.read(window) * 2)
                    if behaviour == "fail" and i == 1:
                        from rsei_toolbox.core.errors import CoreError
                        raise CoreError("Input 'INPUT': made to fail.")
                    if behaviour == "crash" and i == 1:
                        raise ZeroDivisionError("boom")
            return {"OUTPUT": out_path}

    alg = Dummy()
    alg.initAlgorithm()
    return alg


@pytest.mark.parametrize("behaviour", ["ok", "fail", "crash", "cancel"])
def test_base_errors_and_atomic_outputs(qgis_processing, tmp_path, behaviour):
    import numpy as np
    from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

    data = np.arange(40 * 30, dtype="float32").reshape(40, 30)
    data[0, 0] = -1
    src = write_raster(tmp_path / "in.tif", data, nodata=-1)
    out = tmp_path / "out.tif"
    alg = _dummy_algorithm(behaviour)
    feedback = QgsProcessingFeedback()
    if behaviour == "cancel":
        feedback.cancel()
    params = {"INPUT": src, "OUTPUT": str(out)}
    if behaviour == "ok":
        res = alg.processAlgorithm(params, QgsProcessingContext(), feedback)
        assert res["OUTPUT"] == str(out)
        import rasterio
        with rasterio.open(out) as ds:
            arr = ds.read(1, masked=True)
            assert ds.nodata == -9999.0 and ds.dtypes[0] == "float32"
            assert ds.descriptions[0] == "doubled"
        assert arr.mask[0, 0] and arr[5, 7] == 2 * data[5, 7]
        import json
        side = json.load(open(str(out) + ".json"))
        assert side["bands"][0]["max"] == 2 * data.max()
        assert side["bands"][0]["count"] == data.size - 1
        assert side["plugin_version"] and side["parameters"]["INPUT"] == src
    else:
        with pytest.raises(QgsProcessingException) as info:
            alg.processAlgorithm(params, QgsProcessingContext(), feedback)
        message = str(info.value)
        assert "Traceback" not in message
        expected = {"fail": "made to fail", "crash": "ZeroDivisionError", "cancel": "canceled"}[behaviour]
        assert expected in message
    # QGIS itself may cache the input's statistics in in.tif.aux.xml when it loads the layer.
    leftovers = sorted(f for f in os.listdir(tmp_path) if f != "in.tif.aux.xml")
    expected_files = ["in.tif", "out.tif", "out.tif.json"] if behaviour == "ok" else ["in.tif"]
    assert leftovers == expected_files


def test_missing_dependency_message(qgis_processing, tmp_path, monkeypatch):
    from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

    from rsei_toolbox.core import deps
    monkeypatch.setattr(deps, "rasterio", None)
    alg = _dummy_algorithm("ok")
    with pytest.raises(QgsProcessingException, match="python3-rasterio"):
        alg.processAlgorithm({"INPUT": "x", "OUTPUT": str(tmp_path / "o.tif")}, QgsProcessingContext(),
                             QgsProcessingFeedback())


def test_qgis_process_lists_provider(qgis_process):
    out = qgis_process("list")
    assert out.returncode == 0, out.stderr
    assert "RSEI Toolbox" in out.stdout


# Scoped enums of QGIS 3 whose owners moved to Qgis.* (3.30–3.36) and may be gone in QGIS 4:
# plugin code takes them from algorithms/compat.py, which resolves the new name first.
QGIS3_ENUM_OWNERS = re.compile(
    r"\b(QgsProcessingParameterNumber\.Type|QgsProcessing\.SourceType|QgsProcessingParameterField\.DataType"
    r"|QgsProcessingParameterDefinition\.Flag|QgsWkbTypes\.Type|QgsFeatureRequest\.Flag|QgsFeatureSink\.Flag)\.")


def test_plugin_code_takes_moved_enums_from_compat():
    plugin_files = [p for p in PY_FILES
                    if os.path.relpath(p, REPO).split(os.sep)[0] in ("algorithms", "core", "provider.py",
                                                                     "meta.py", "plugin.py", "__init__.py")
                    and not p.endswith(os.path.join("algorithms", "compat.py"))]
    assert len(plugin_files) > 20
    offenders = [f"{os.path.relpath(p, REPO)}:{n}: {line.strip()}"
                 for p in plugin_files for n, line in enumerate(open(p, encoding="utf-8"), 1)
                 if QGIS3_ENUM_OWNERS.search(line.split("#")[0])]
    assert not offenders, "use algorithms/compat.py:\n" + "\n".join(offenders)
