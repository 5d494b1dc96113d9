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


def test_model_file_is_up_to_date(provider, tmp_path):
    """The committed .model3 is what tools/build_model.py builds from the current algorithms.

    Fails when an algorithm's parameters or defaults changed: run tools/build_model.py again.
    """
    from qgis.core import QgsApplication, QgsProcessingModelAlgorithm
    built = build_model.build(QgsApplication.processingRegistry())
    assert built.toFile(str(tmp_path / "built.model3"))
    reloaded = QgsProcessingModelAlgorithm()
    assert reloaded.fromFile(str(tmp_path / "built.model3"))  # same file round trip on both sides
    assert reloaded.toVariant() == load_model_file().toVariant(), (
        "resources/models/rsei_one_year.model3 is out of date with the algorithms' parameters: "
        "run `/usr/bin/python3 tools/build_model.py` and commit the file")


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


def test_model_bad_months_fail_cleanly(provider, tmp_path):
    """No scene in MONTHS: the model stops with the composite's message and writes nothing."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def reportError(self, error, fatalError=False):  # noqa: N802 - QGIS API
            self.lines.append(error)

    mtl = shared(*OLI)  # acquired in May
    params = {"SCENES": [mtl], "MONTHS": "7-8", "rsei:RSEI": str(tmp_path / "rsei.tif"),
              "rsei:RSEI_GRADES": str(tmp_path / "grades.tif"), "rsei:RSEI_TABLE": str(tmp_path / "areas.gpkg")}
    log = Log()
    with pytest.raises(QgsProcessingException):
        processing.run(MODEL_ID, params, context=QgsProcessingContext(), feedback=log)
    assert any("SCENES" in line and "month" in line.lower() for line in log.lines), log.lines
    assert os.listdir(tmp_path) == []
