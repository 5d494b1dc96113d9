"""The shipped graphical model rsei:rseioneyear (composite → indicators → RSEI → grades)."""
import json
import os
import sys

import numpy as np
import pytest

from conftest import REPO, read_raster, shared

sys.path.insert(0, os.path.join(REPO, "tools"))
import build_model  # noqa: E402  (tools/build_model.py)

MODEL_FILE = os.path.join(REPO, "resources", "models", "rsei_one_year.model3")
MODEL_ID = "rsei:rseioneyear"
OLI = ("landsat-c2l2-products", "LC08_L2SP_098084_20210503_20210508_02_T1",
       "LC08_L2SP_098084_20210503_20210508_02_T1_MTL.txt")
EDGES = (0.2, 0.4, 0.6, 0.8)


def load_model_file():
    from qgis.core import QgsProcessingModelAlgorithm
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(MODEL_FILE), MODEL_FILE
    return model


def test_model_file_structure(provider):
    model = load_model_file()
    assert model.name() == "rseioneyear"
    valid, issues = model.validate()
    assert valid, issues
    children = model.childAlgorithms()
    assert {cid: c.algorithmId() for cid, c in children.items()} == {
        "composite": "rsei:landsatcomposite", "indicators": "rsei:landsatindices", "rsei": "rsei:rsei"}

    def source(child, param):
        (src,) = children[child].parameterSources()[param]
        return src

    for param in ("SCENES", "MONTHS"):
        assert source("composite", param).parameterName() == param
    link = source("indicators", "INPUT")
    assert (link.outputChildId(), link.outputName()) == ("composite", "OUTPUT")
    # The wiring is what matters most: a swapped indicator flips the PC1 sign rule.
    for param in ("NDVI", "WET", "NDBSI", "LST"):
        link = source("rsei", param)
        assert (link.outputChildId(), link.outputName()) == ("indicators", f"OUTPUT_{param}"), param
    outputs = {name: out.childOutputName() for name, out in children["rsei"].modelOutputs().items()}
    assert outputs == {"RSEI": "OUTPUT", "RSEI_GRADES": "OUTPUT_GRADES", "RSEI_TABLE": "OUTPUT_TABLE"}
    assert [p.parameterName() for p in model.orderedParameters()] == ["SCENES", "MONTHS", "MASK_WATER",
                                                                      "WATER_THRESHOLD"]
    names = {p.name() for p in model.parameterDefinitions()}
    assert names == {"SCENES", "MONTHS", "MASK_WATER", "WATER_THRESHOLD", "rsei:RSEI", "rsei:RSEI_GRADES",
                     "rsei:RSEI_TABLE"}
    link = source("rsei", "MNDWI")
    assert (link.outputChildId(), link.outputName()) == ("indicators", "OUTPUT_MNDWI")
    assert source("rsei", "WATER_THRESHOLD").expression() == build_model.THRESHOLD_EXPRESSION
    # The model's inputs have the same types as the algorithm's, with their own help.
    composite = provider.algorithm("landsatcomposite")
    for name in ("SCENES", "MONTHS"):
        mine, theirs = model.parameterDefinition(name), composite.parameterDefinition(name)
        assert mine.type() == theirs.type(), name
        assert mine.help().strip(), name


def model_content(model):
    """What a model says, without what only depends on the QGIS version that serialised it.

    QGIS ≥ 3.26 writes ``internal_version: Version2`` and, for a model it builds itself, names the model's
    output parameters from their descriptions (``rsei``, ``ecological_grades``) where 3.22 wrote
    ``<child>:<output>`` (``rsei:RSEI``); a Version1 file keeps its names on both. So the output parameters
    are keyed by the child and model output they come from (their ``_modelChildId`` /
    ``_modelChildOutputName`` metadata), and everything else — children, their algorithm ids, parameter
    sources and static values (the algorithms' defaults), model inputs with their definitions and help,
    outputs, positions, help texts — is compared as it is.
    """
    content = dict(model.toVariant())
    content.pop("internal_version", None)
    definitions = {}
    for name, definition in content["parameterDefinitions"].items():
        meta = definition.get("metadata") or {}
        if "_modelChildId" in meta:
            definition = {k: v for k, v in definition.items() if k != "name"}
            name = ("model output", meta["_modelChildId"], meta["_modelChildOutputName"])
        definitions[name] = definition
    content["parameterDefinitions"] = definitions
    return content


def _differences(a, b, path=""):
    """Paths where two nested dict/list values differ (for a readable failure)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in sorted(set(a) | set(b), key=str):
            where = f"{path}/{key}"
            if key not in a or key not in b:
                out.append(f"{where}: only in {'the file' if key in b else 'the build'}")
            else:
                out += _differences(a[key], b[key], where)
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: build {a!r} ≠ file {b!r}"]


def _rebuilt(tmp_path, name="built"):
    """tools/build_model.py's model, through a file round trip like the committed one."""
    from qgis.core import QgsApplication, QgsProcessingModelAlgorithm
    built = build_model.build(QgsApplication.processingRegistry())
    path = str(tmp_path / f"{name}.model3")
    assert built.toFile(path)
    reloaded = QgsProcessingModelAlgorithm()
    assert reloaded.fromFile(path)
    return reloaded


def test_model_file_is_up_to_date(provider, tmp_path):
    """The committed .model3 says what tools/build_model.py builds from the current algorithms.

    Fails when an algorithm's parameters or defaults changed: run tools/build_model.py again (on QGIS 3.22,
    see its docstring). Compared by content, so it holds on QGIS 3.22 and 3.40 alike.
    """
    differences = _differences(model_content(_rebuilt(tmp_path)), model_content(load_model_file()))
    assert not differences, (
        "resources/models/rsei_one_year.model3 is out of date with the algorithms' parameters: "
        "run `/usr/bin/python3 tools/build_model.py` and commit the file:\n" + "\n".join(differences[:20]))


def test_model_comparison_sees_content_changes(provider, tmp_path):
    """The content comparison above is not blind: a changed default, link or help is a difference."""
    from qgis.core import QgsProcessingModelChildParameterSource as Source

    reference = model_content(load_model_file())
    model = _rebuilt(tmp_path)
    assert not _differences(model_content(model), reference)

    composite = model.childAlgorithm("composite")  # a static value (an algorithm default) changed
    static_kind = Source.fromStaticValue(0).source()  # the enum moved to Qgis in 3.40
    static = sorted(name for name, sources in composite.parameterSources().items()
                    if sources[0].source() == static_kind)
    assert static, "the composite has no default-valued parameter left to check"
    composite.addParameterSources(static[0], [Source.fromStaticValue(12345)])
    model.setChildAlgorithm(composite)
    rsei = model.childAlgorithm("rsei")  # two indicator links swapped
    rsei.addParameterSources("NDVI", [Source.fromChildOutput("indicators", "OUTPUT_LST")])
    model.setChildAlgorithm(rsei)
    model.parameterDefinition("MONTHS").setHelp("other help")
    differences = _differences(model_content(model), reference)
    assert any(d.startswith("/children/rsei/params/NDVI") for d in differences), differences
    assert any(d.startswith("/parameterDefinitions/MONTHS/help") for d in differences), differences
    assert any(d.startswith(f"/children/composite/params/{static[0]}") for d in differences), differences
    assert all(d.startswith(("/children/rsei/params/NDVI", "/parameterDefinitions/MONTHS/help",
                             f"/children/composite/params/{static[0]}")) for d in differences), differences


def test_model_in_toolbox_group(provider):
    model = provider.algorithm("rseioneyear")
    assert model is not None, "the shipped model is not listed by the provider"
    assert model.id() == MODEL_ID
    assert model.displayName().startswith("One-year RSEI")
    assert (model.group(), model.groupId()) == ("RSEI", "rsei")
    python_rsei = provider.algorithm("rsei")
    assert model.groupId() == python_rsei.groupId()  # one group node in the Toolbox
    copy = model.create()
    assert copy.displayName() == model.displayName() and copy.groupId() == "rsei"
    assert "References" in model.shortHelpString() or "References" in model.helpString()


def _grade(r):
    """Oracle for the paper's Table 3 grades: 1 for [0, 0.2], then (0.2, 0.4] … (0.8, 1]."""
    return 1 + np.searchsorted(np.array(EDGES), r, side="left")


def _numpy_rsei(ndvi, wet, ndbsi, lst):
    """Independent RSEI: min-max normalise, covariance PCA, PC1 sign rule, rescale to [0, 1]."""
    stack = np.stack([ndvi, wet, ndbsi, lst]).astype(np.float64)
    valid = ~np.isnan(stack).any(axis=0)
    x = stack[:, valid]
    x = (x - x.min(axis=1, keepdims=True)) / (x.max(axis=1, keepdims=True) - x.min(axis=1, keepdims=True))
    vals, vecs = np.linalg.eigh(np.cov(x, bias=True))
    pc1 = vecs[:, np.argmax(vals)]
    if pc1[0] + pc1[1] - pc1[2] - pc1[3] < 0:
        pc1 = -pc1
    score = pc1 @ x
    out = np.full(valid.shape, np.nan)
    out[valid] = (score - score.min()) / (score.max() - score.min())
    return out, vals.max() / vals.sum() * 100


@pytest.fixture(scope="module")
def model_run(provider, tmp_path_factory):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    mtl = shared(*OLI)
    out = tmp_path_factory.mktemp("model")
    params = {"SCENES": [mtl], "MONTHS": "1-12", "rsei:RSEI": str(out / "rsei.tif"),
              "rsei:RSEI_GRADES": str(out / "grades.tif"), "rsei:RSEI_TABLE": str(out / "areas.gpkg")}
    results = processing.run(MODEL_ID, params, context=QgsProcessingContext(), feedback=QgsProcessingFeedback())
    return mtl, out, results


def test_model_runs_on_a_real_scene(model_run):
    _, out, results = model_run
    assert results["rsei:RSEI"] == str(out / "rsei.tif")
    rsei = read_raster(out / "rsei.tif")
    valid = ~rsei.mask
    assert valid.sum() > 100, "too few valid pixels to say anything"
    values = rsei.compressed()
    assert values.min() == pytest.approx(0.0, abs=1e-6) and values.max() == pytest.approx(1.0, abs=1e-6)
    assert 0.05 < values.std() < 0.5

    grades = read_raster(out / "grades.tif", masked=False)
    assert set(np.unique(grades[~valid])) <= {0}
    expected = _grade(rsei.data[valid].astype(np.float64))
    # float32 storage may move a value across an edge by one ulp; nothing else may differ.
    near_edge = np.min(np.abs(rsei.data[valid][:, None] - np.array(EDGES)[None]), axis=1) < 1e-6
    assert np.array_equal(grades[valid][~near_edge], expected[~near_edge])
    assert grades[valid].min() >= 1 and grades[valid].max() <= 5


def test_model_area_table(model_run):
    import rasterio
    from qgis.core import QgsVectorLayer

    _, out, results = model_run
    layer = QgsVectorLayer(results["rsei:RSEI_TABLE"], "areas", "ogr")
    assert layer.isValid()
    rows = {f["grade"]: f for f in layer.getFeatures()}
    grades = read_raster(out / "grades.tif", masked=False)
    with rasterio.open(out / "grades.tif") as ds:
        pixel_km2 = abs(ds.transform.a * ds.transform.e) / 1e6
    valid_count = int((grades > 0).sum())
    assert sum(int(r["pixels"]) for r in rows.values()) == valid_count
    for g, row in rows.items():
        assert int(row["pixels"]) == int((grades == g).sum()), g
        assert row["area_km2"] == pytest.approx(row["pixels"] * pixel_km2, rel=1e-9)
    assert sum(r["area_km2"] for r in rows.values()) == pytest.approx(valid_count * pixel_km2, rel=1e-9)
    assert sum(r["percent"] for r in rows.values()) == pytest.approx(100.0, abs=1e-6)


def test_model_equals_steps_and_numpy_oracle(model_run, run_alg, tmp_path):
    """The model gives what the three algorithms give one by one, and what numpy's PCA gives."""
    mtl, out, _ = model_run
    comp = run_alg("rsei:landsatcomposite", {"SCENES": [mtl], "MONTHS": "1-12",
                                             "OUTPUT": str(tmp_path / "comp.tif")})
    names = ("NDVI", "WET", "NDBSI", "LST")
    idx = run_alg("rsei:landsatindices", dict(
        {"INPUT": comp["OUTPUT"]}, **{f"OUTPUT_{n}": str(tmp_path / f"{n}.tif") for n in names}))
    arrays = [read_raster(idx[f"OUTPUT_{n}"]).filled(np.nan).astype(np.float64) for n in names]
    oracle, pc1_percent = _numpy_rsei(*arrays)
    rsei = read_raster(out / "rsei.tif")
    assert np.array_equal(~rsei.mask, ~np.isnan(oracle)), "valid pixels differ from where all four are valid"
    np.testing.assert_allclose(rsei.compressed(), oracle[~np.isnan(oracle)], atol=2e-6)
    with open(str(out / "rsei.tif") + ".json", encoding="utf-8") as fh:
        sidecar = json.load(fh)
    assert sidecar["pc1_percent"] == pytest.approx(pc1_percent, rel=1e-6)
    assert sidecar["pixels_used"] == int((~np.isnan(oracle)).sum())


def test_model_masks_water_as_rsei_does(provider, model_run, run_alg, tmp_path):
    """MASK_WATER=true leaves out the pixels rsei:rsei leaves out with the composite's MNDWI > threshold."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    mtl, out, _ = model_run
    params = {"SCENES": [mtl], "MONTHS": "1-12", "MASK_WATER": True, "WATER_THRESHOLD": -0.2,
              "rsei:RSEI": str(tmp_path / "rsei.tif"), "rsei:RSEI_GRADES": str(tmp_path / "grades.tif"),
              "rsei:RSEI_TABLE": str(tmp_path / "areas.gpkg")}
    processing.run(MODEL_ID, params, context=QgsProcessingContext(), feedback=QgsProcessingFeedback())
    comp = run_alg("rsei:landsatcomposite", {"SCENES": [mtl], "MONTHS": "1-12",
                                             "OUTPUT": str(tmp_path / "comp.tif")})
    idx = run_alg("rsei:landsatindices", {"INPUT": comp["OUTPUT"], "OUTPUT_MNDWI": str(tmp_path / "mndwi.tif")})
    mndwi = read_raster(idx["OUTPUT_MNDWI"]).filled(np.nan)
    unmasked = read_raster(out / "rsei.tif")
    masked = read_raster(tmp_path / "rsei.tif")
    water = mndwi > -0.2
    assert water.sum() > 0 and (~unmasked.mask & water).sum() > 0, "the scene needs some water for this test"
    # Exactly the valid water pixels are gone; the rest stays valid (a new fit on fewer pixels).
    assert np.array_equal(~masked.mask, ~unmasked.mask & ~water)


def test_model_runs_in_qgis_process(qgis_process, tmp_path):
    """As a user runs it from the command line (model outputs are named <child>:<output>)."""
    mtl = shared(*OLI)
    res = qgis_process("--json", "run", MODEL_ID, "--", f"SCENES={mtl}", "MONTHS=5-5",
                       f"rsei:RSEI={tmp_path / 'r.tif'}", f"rsei:RSEI_GRADES={tmp_path / 'g.tif'}",
                       f"rsei:RSEI_TABLE={tmp_path / 'a.gpkg'}")
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    rsei = read_raster(tmp_path / "r.tif")
    assert 0.0 <= rsei.min() and rsei.max() <= 1.0
    assert os.path.exists(tmp_path / "g.tif") and os.path.exists(tmp_path / "a.gpkg")


def test_broken_model_file_is_skipped(provider, tmp_path):
    """A .model3 that cannot be read is left out (with a log message); the others still load."""
    import shutil

    from rsei_toolbox.provider import load_models
    shutil.copy(MODEL_FILE, tmp_path / "good.model3")
    (tmp_path / "broken.model3").write_text("<not a model", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    models = load_models(str(tmp_path))
    assert [m.name() for m in models] == ["rseioneyear"]
    assert models[0].sourceFilePath() == str(tmp_path / "good.model3")


BAD_MONTHS_MESSAGE = "Input 'SCENES': none of the 1 scene(s) was acquired in the months 7, 8."


class _Log:
    """Feedback that keeps what the Processing dialog's log shows as errors."""

    @staticmethod
    def make():
        from qgis.core import QgsProcessingFeedback

        class Log(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.errors = []

            def reportError(self, error, fatalError=False):  # noqa: N802 - QGIS API
                self.errors.append(error)
                super().reportError(error, fatalError)
        return Log()


def _bad_months_params(tmp_path):
    return {"SCENES": [shared(*OLI)], "MONTHS": "7-8",  # the scene was acquired in May
            "rsei:RSEI": str(tmp_path / "rsei.tif"), "rsei:RSEI_GRADES": str(tmp_path / "grades.tif"),
            "rsei:RSEI_TABLE": str(tmp_path / "areas.gpkg")}


def test_model_bad_months_fail_cleanly(provider, tmp_path):
    """No scene in MONTHS: processing.run raises, the composite's message reaches the caller, nothing is written.

    Where the child's message goes depends on QGIS: 3.22 logs it through the model's feedback
    (``reportError``) and raises "Error encountered while running <child>"; 3.40 no longer calls
    ``reportError`` and puts it in the exception ("Error encountered while running <child>: <message>").
    """
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingException

    log = _Log.make()
    with pytest.raises(QgsProcessingException) as raised:
        processing.run(MODEL_ID, _bad_months_params(tmp_path), context=QgsProcessingContext(), feedback=log)
    assert str(raised.value).startswith("Error encountered while running Median composite"), str(raised.value)
    seen = log.errors + [str(raised.value)]
    assert any(BAD_MONTHS_MESSAGE in text for text in seen), seen
    assert os.listdir(tmp_path) == []


def test_model_bad_months_message_in_dialog_log(provider, tmp_path):
    """The Processing dialog's own code path (processing.gui.AlgorithmExecutor.execute) logs the message."""
    from processing.gui.AlgorithmExecutor import execute
    from qgis.core import QgsApplication, QgsProcessingContext

    model = QgsApplication.processingRegistry().createAlgorithmById(MODEL_ID)
    log = _Log.make()
    ok, results = execute(model, _bad_months_params(tmp_path), QgsProcessingContext(), log)
    assert (ok, results) == (False, {})
    assert any(BAD_MONTHS_MESSAGE in line for line in log.errors), log.errors
    assert os.listdir(tmp_path) == []


def test_model_bad_months_message_in_qgis_process(qgis_process, tmp_path):
    """On the command line: exit status 1 and the composite's message in the output."""
    res = qgis_process("run", MODEL_ID, "--", *(f"{k}={v}" for k, vs in _bad_months_params(tmp_path).items()
                                                 for v in (vs if isinstance(vs, list) else [vs])))
    assert res.returncode == 1, res.stdout[-2000:] + res.stderr[-2000:]
    assert BAD_MONTHS_MESSAGE in res.stdout + res.stderr, res.stdout[-2000:] + res.stderr[-2000:]
    assert os.listdir(tmp_path) == []
