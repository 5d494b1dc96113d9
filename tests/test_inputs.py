"""A wrong input never passes as a result (issue 18): each case is refused before any work, with exit status 1
from qgis_process, a message naming the parameter and the problem, nothing written and no folder left; warnings
are warnings, given once; EG window means stay in [0, 1]; MNDWI masks water in rsei:rsei.

Data: the demo data (demo/make_data.py, 2000 and 2024) and the tools run on it, and ../shared/data.
"""
import os
import sys

import numpy as np
import pytest
from conftest import REPO, read_raster, shared, write_raster

rasterio = pytest.importorskip("rasterio")


def _run(alg, params, feedback=None):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback
    return processing.run(alg, params, context=QgsProcessingContext(), feedback=feedback or QgsProcessingFeedback())


@pytest.fixture(scope="module")
def demo(provider, tmp_path_factory):
    """Demo data of 2000 and 2024, their composites, the 2024 indicators, RSEI and grades."""
    sys.path.insert(0, os.path.join(REPO, "demo"))
    import make_data

    root = tmp_path_factory.mktemp("inputs")
    data = str(root / "data")
    manifest = make_data.generate(data, (2000, 2024), log=lambda *_: None)
    d = {"data": data, "landcover": {int(y): os.path.join(data, p) for y, p in manifest["landcover"].items()}}
    for y in (2000, 2024):
        scenes = [os.path.join(data, s["mtl"]) for s in manifest["scenes"] if s["year"] == y]
        d[f"composite_{y}"] = _run("rsei:landsatcomposite", {"SCENES": scenes, "MONTHS": "6-9",
                                                             "OUTPUT": str(root / f"composite_{y}.tif")})["OUTPUT"]
    names = ("NDVI", "WET", "NDBSI", "LST", "MNDWI")
    res = _run("rsei:landsatindices", dict({"INPUT": d["composite_2024"]},
                                           **{f"OUTPUT_{n}": str(root / f"{n.lower()}.tif") for n in names}))
    d.update({n: res[f"OUTPUT_{n}"] for n in names})
    res = _run("rsei:rsei", {n: d[n] for n in names[:4]} | {"OUTPUT": str(root / "rsei.tif"),
                                                             "OUTPUT_GRADES": str(root / "grades.tif")})
    d["rsei"], d["grades"] = res["OUTPUT"], res["OUTPUT_GRADES"]
    d["scene"] = next(os.path.join(data, s["mtl"]) for s in manifest["scenes"] if s["mission"].startswith("LC08"))
    return d


def _refused(qgis_process, tmp_path, alg, params, expect):
    """Run through qgis_process; assert exit 1, every ``expect`` text in the message, and nothing written."""
    out = tmp_path / "new" / "sub"
    args = []
    for key, value in params.items():
        for v in value if isinstance(value, list) else [value]:
            args.append(f"{key}={str(v).replace('{out}', str(out))}")
    res = qgis_process("run", alg, "--", *args)
    text = res.stdout + res.stderr
    assert res.returncode == 1, text[-3000:]
    for part in expect:
        assert part in text, f"{part!r} not in:\n{text[-3000:]}"
    assert not (tmp_path / "new").exists(), "a folder was left behind"
    return text


# ----------------------------------------------------------------------------- inputs that must differ

def test_rsei_refuses_one_raster_for_all_indicators(demo, qgis_process, tmp_path):
    ndvi = demo["NDVI"]
    _refused(qgis_process, tmp_path, "rsei:rsei",
             {"NDVI": ndvi, "WET": ndvi, "NDBSI": ndvi, "LST": ndvi, "OUTPUT": "{out}/rsei.tif"},
             ["WET: 'ndvi.tif' is given also as NDVI", "four different rasters"])


def test_rseiseries_refuses_one_file_for_two_years(demo, qgis_process, tmp_path):
    c = demo["composite_2000"]
    _refused(qgis_process, tmp_path, "rsei:rseiseries",
             {"INPUT": [c, c], "YEARS": "2000,2001", "OUTPUT_FOLDER": "{out}"},
             ["INPUT: 'composite_2000.tif' is given twice", "each year needs its own raster"])


# ----------------------------------------------------------------------------- the kind of raster

def test_rseiseries_refuses_composites_as_indicator_sets(demo, qgis_process, tmp_path):
    _refused(qgis_process, tmp_path, "rsei:rseiseries",
             {"INPUT": [demo["composite_2000"], demo["composite_2024"]], "INPUT_TYPE": 1,
              "OUTPUT_FOLDER": "{out}", "OUTPUT_TABLE": "{out}/t5.gpkg"},
             ["INPUT: 'composite_2000.tif' is a Landsat composite", "INPUT_TYPE=1 expects 4-band indicator sets",
              "Set INPUT_TYPE=0"])


def test_rseiseries_refuses_an_indicator_as_a_composite(demo, qgis_process, tmp_path):
    _refused(qgis_process, tmp_path, "rsei:rseiseries",
             {"INPUT": [demo["NDVI"], demo["composite_2000"]], "YEARS": "2024,2000", "OUTPUT_FOLDER": "{out}"},
             ["INPUT: 'ndvi.tif' is NDVI (greenness)", "expects 7-band composites (INPUT_TYPE=0)"])


def test_rsei_refuses_a_composite_and_a_swapped_indicator(demo, qgis_process, tmp_path):
    base = {n: demo[n] for n in ("NDVI", "WET", "NDBSI", "LST")}
    _refused(qgis_process, tmp_path, "rsei:rsei", dict(base, NDVI=demo["composite_2024"], OUTPUT="{out}/r.tif"),
             ["NDVI: 'composite_2024.tif' is a Landsat composite", "rsei:landsatindices"])
    _refused(qgis_process, tmp_path, "rsei:rsei",
             dict(base, WET=demo["LST"], LST=demo["WET"], OUTPUT="{out}/r.tif"),
             ["WET: 'lst.tif' is LST (heat)", "WET expects WET (wetness)"])


def test_indicator_outputs_carry_their_product_tag(demo):
    for name in ("NDVI", "WET", "NDBSI", "LST", "MNDWI"):
        with rasterio.open(demo[name]) as ds:
            assert ds.tags()["RSEI_PRODUCT"] == name.lower()
    with rasterio.open(demo["rsei"]) as ds:
        assert ds.tags()["RSEI_PRODUCT"] == "rsei"
    with rasterio.open(demo["composite_2024"]) as ds:
        assert ds.tags()["RSEI_COMPOSITE"] == "rsei:landsatcomposite"


def test_egindex_preset_matching_no_code(demo, qgis_process, tmp_path):
    text = _refused(qgis_process, tmp_path, "rsei:egindex",
                    {"INPUT": demo["landcover"][2024], "LOOKUP": 2, "OUTPUT_EG": "{out}/eg.tif",
                     "OUTPUT_TABLE": "{out}/eg.gpkg"},
                    ["INPUT: none of the land-cover codes", "(1, 2, 3, 4, 5, 7, 8, 9)", "US National Land Cover",
                     "Presets that know these codes: LOOKUP=0 (China Land Cover Dataset"])
    assert "LOOKUP=2" not in text.split("Presets that know")[1]


def test_egindex_refuses_a_continuous_raster(demo, qgis_process, tmp_path):
    _refused(qgis_process, tmp_path, "rsei:egindex", {"INPUT": demo["rsei"], "OUTPUT_EG": "{out}/eg.tif"},
             ["INPUT: 'rsei.tif' holds values that are not whole numbers", "not integer class codes",
              "a RSEI raster"])


def test_egindex_accepts_integer_codes_stored_as_floats(provider, tmp_path):
    """Class codes in a float raster are codes (the check looks at the values, not the type)."""
    codes = np.array([[1, 2, 2], [4, 5, 7]], dtype="float32")
    path = write_raster(tmp_path / "lc.tif", codes, dtype="float32")
    res = _run("rsei:egindex", {"INPUT": path, "OUTPUT_GRADE": str(tmp_path / "g.tif")})
    np.testing.assert_array_equal(read_raster(res["OUTPUT_GRADE"]).filled(0), [[5, 2, 2], [4, 1, 7]])


def test_geodetectorraster_refuses_a_continuous_categorical_factor(demo, qgis_process, tmp_path):
    _refused(qgis_process, tmp_path, "rsei:geodetectorraster",
             {"Y": demo["rsei"], "FACTORS": [demo["NDVI"], demo["grades"]], "CATEGORICAL_FACTORS": "1",
              "METHOD": 2, "OUTPUT": "{out}/q.csv", "OUTPUT_INTERACTION": "{out}/i.csv",
              "OUTPUT_RISK": "{out}/r.csv", "OUTPUT_ECOLOGICAL": "{out}/e.csv"},
             ["FACTORS (ndvi): 'ndvi.tif' holds values that are not whole numbers",
              "A categorical factor needs class codes"])


class Recorder:
    """A QgsProcessingFeedback that records every message with its kind."""

    def __new__(cls):
        from qgis.core import QgsProcessingFeedback

        class _Rec(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.calls = []

            def pushInfo(self, msg):  # noqa: N802 - QGIS API
                self.calls.append(("info", msg))

            def pushWarning(self, msg):  # noqa: N802 - QGIS API
                self.calls.append(("warning", msg))

            def reportError(self, msg, fatalError=False):  # noqa: N802,N803 - QGIS API
                self.calls.append(("error", msg))

            def of(self, kind):
                return [m for k, m in self.calls if k == kind]
        return _Rec()


def test_geodetectorraster_warns_about_a_class_raster_as_y(demo, tmp_path):
    fb = Recorder()
    _run("rsei:geodetectorraster", {"Y": demo["grades"], "FACTORS": [demo["NDVI"], demo["LST"]], "METHOD": 2,
                                    "OUTPUT": str(tmp_path / "q.csv"), "OUTPUT_INTERACTION": str(tmp_path / "i.csv"),
                                    "OUTPUT_RISK": str(tmp_path / "r.csv"),
                                    "OUTPUT_ECOLOGICAL": str(tmp_path / "e.csv")}, fb)
    warnings = [w for w in fb.of("warning") if w.startswith("Y: 'grades.tif'")]
    assert len(warnings) == 1 and "class raster" in warnings[0], fb.calls
    assert not fb.of("error")
    # An integer Y with few values and no tag is recognised too.
    codes = (np.arange(300 * 300).reshape(300, 300) % 4 + 1).astype("uint8")
    with rasterio.open(demo["NDVI"]) as ds:
        profile = dict(ds.profile, dtype="uint8", nodata=0)
    with rasterio.open(tmp_path / "classes.tif", "w", **profile) as dst:
        dst.write(codes, 1)
    fb = Recorder()
    _run("rsei:geodetectorraster", {"Y": str(tmp_path / "classes.tif"), "FACTORS": [demo["NDVI"]], "METHOD": 2,
                                    "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_INTERACTION": "TEMPORARY_OUTPUT",
                                    "OUTPUT_RISK": "TEMPORARY_OUTPUT", "OUTPUT_ECOLOGICAL": "TEMPORARY_OUTPUT"}, fb)
    assert any("holds only 4 distinct integer values (1, 2, 3, 4)" in w for w in fb.of("warning")), fb.calls


def test_landsatindices_band_file_asks_for_the_mtl(qgis_process, tmp_path):
    band = shared("landsat-c2l2-30m", "LC08_L2SP_017051_20151205_20200908_02_T1",
                  "LC08_L2SP_017051_20151205_20200908_02_T1_SR_B4.TIF")
    _refused(qgis_process, tmp_path, "rsei:landsatindices", {"INPUT": band, "OUTPUT_NDVI": "{out}/ndvi.tif"},
             ["INPUT: 'LC08_L2SP_017051_20151205_20200908_02_T1_SR_B4.TIF' is one band file",
              "pass the scene's _MTL.txt instead",
              "'LC08_L2SP_017051_20151205_20200908_02_T1_MTL.txt' lies beside it"])


# ----------------------------------------------------------------------------- output destinations

def test_raster_output_must_be_geotiff(demo, qgis_process, tmp_path):
    base = {n: demo[n] for n in ("NDVI", "WET", "NDBSI", "LST")}
    _refused(qgis_process, tmp_path, "rsei:rsei", dict(base, OUTPUT="{out}/rsei.png"),
             ["OUTPUT:", "rsei.png' cannot be written: raster outputs are GeoTIFF files", ".tif or .tiff"])


def test_table_output_with_a_wrong_extension(demo, qgis_process, tmp_path):
    base = {n: demo[n] for n in ("NDVI", "WET", "NDBSI", "LST")}
    _refused(qgis_process, tmp_path, "rsei:rsei", dict(base, OUTPUT="{out}/rsei.tif", OUTPUT_TABLE="{out}/a.txt"),
             ["OUTPUT_TABLE:", "'.txt' is not a table format", ".gpkg, .csv"])


def test_output_folder_that_cannot_be_created(demo, qgis_process, tmp_path):
    base = {n: demo[n] for n in ("NDVI", "WET", "NDBSI", "LST")}
    blocker = tmp_path / "file"
    blocker.write_text("x")
    res = qgis_process("run", "rsei:rsei", "--", *[f"{k}={v}" for k, v in base.items()],
                       f"OUTPUT={tmp_path / 'ok.tif'}", f"OUTPUT_TABLE={blocker / 'sub' / 'areas.gpkg'}")
    assert res.returncode == 1
    assert f"OUTPUT_TABLE: the folder '{blocker / 'sub'}' cannot be created: '{blocker}' is a file" in res.stdout \
        + res.stderr
    assert sorted(os.listdir(tmp_path)) == ["file"], "nothing written, not even the raster output"


def test_table_in_a_new_folder_and_as_csv(demo, tmp_path):
    """A missing folder is made (it used to fail after the work); CSV tables carry their types."""
    from qgis.core import QgsVectorLayer

    base = {n: demo[n] for n in ("NDVI", "WET", "NDBSI", "LST")}
    res = _run("rsei:rsei", dict(base, OUTPUT=str(tmp_path / "a" / "rsei.tif"),
                                 OUTPUT_TABLE=str(tmp_path / "b" / "c" / "areas.csv")))
    assert os.path.exists(tmp_path / "a" / "rsei.tif")
    layer = QgsVectorLayer(res["OUTPUT_TABLE"], "areas", "ogr")
    assert layer.isValid()
    rows = list(layer.getFeatures())
    assert [r["grade"] for r in rows] == [1, 2, 3, 4, 5]  # numbers, not text
    assert layer.fields().field("pixels").isNumeric() and layer.fields().field("area_km2").isNumeric()
    assert sum(r["percent"] for r in rows) == pytest.approx(100.0)


def test_failed_run_removes_the_folders_it_made(demo, tmp_path):
    """A run that fails during the work (here: the grids differ) leaves no folder it created."""
    from qgis.core import QgsProcessingException

    base = {n: demo[n] for n in ("NDVI", "WET", "NDBSI", "LST")}
    other = write_raster(tmp_path / "other.tif", np.ones((5, 5), dtype="float32"))
    with pytest.raises(QgsProcessingException, match="not on the grid"):
        _run("rsei:rsei", dict(base, LST=other, OUTPUT=str(tmp_path / "x" / "y" / "rsei.tif"),
                               OUTPUT_TABLE=str(tmp_path / "x" / "z" / "areas.gpkg")))
    assert sorted(os.listdir(tmp_path)) == ["other.tif"]


# ----------------------------------------------------------------------------- messages

def test_warning_is_a_warning_and_given_once(qgis_process, tmp_path):
    """The missing-QA_PIXEL warning: a WARNING line, once, no ERROR on a successful run."""
    mtl = shared("landsat-c2l2-30m", "LC08_L2SP_017051_20151205_20200908_02_T1",
                 "LC08_L2SP_017051_20151205_20200908_02_T1_MTL.txt")
    res = qgis_process("run", "rsei:landsatindices", "--", f"INPUT={mtl}", f"OUTPUT_NDVI={tmp_path / 'n.tif'}")
    text = res.stdout + res.stderr
    assert res.returncode == 0, text[-2000:]
    assert text.count("no QA_PIXEL file was found") == 1, text
    assert "WARNING:\tScene LC08_L2SP_017051_20151205_20200908_02_T1: no QA_PIXEL" in text
    assert "ERROR" not in text


def test_feedback_gets_each_message_once_by_kind(demo, tmp_path):
    mtl = shared("landsat-c2l2-30m", "LC08_L2SP_017051_20151205_20200908_02_T1",
                 "LC08_L2SP_017051_20151205_20200908_02_T1_MTL.txt")
    fb = Recorder()
    _run("rsei:landsatindices", {"INPUT": mtl, "OUTPUT_NDVI": str(tmp_path / "n.tif")}, fb)
    assert not fb.of("error")
    assert [w for w in fb.of("warning") if "QA_PIXEL" in w] == [fb.of("warning")[0]] and len(fb.of("warning")) == 1
    messages = [m for _, m in fb.calls]
    assert len(messages) == len(set(messages)), fb.calls
    fb = Recorder()
    _run("rsei:rsei", {n: demo[n] for n in ("NDVI", "WET", "NDBSI", "LST")} | {"OUTPUT": str(tmp_path / "r.tif")},
         fb)
    messages = [m for _, m in fb.calls]
    assert not fb.of("error") and len(messages) == len(set(messages)), fb.calls


# ----------------------------------------------------------------------------- geodetector on a CSV

def test_geodetector_reads_a_plain_csv(provider, tmp_path):
    """The paper's mine table as a plain CSV (every field text): numbers are used as numbers, with a note."""
    csv = shared("paper", "tables10_13_mines.csv")
    outs = {k: "TEMPORARY_OUTPUT" for k in ("OUTPUT", "OUTPUT_INTERACTION", "OUTPUT_RISK", "OUTPUT_ECOLOGICAL")}
    params = dict(Y_FIELD="rsei", X_FIELDS=["slope_deg", "elevation_m"], METHOD=2, CLASSES=4, **outs)
    fb = Recorder()
    plain = _run("rsei:geodetector", dict(params, INPUT=csv), fb)
    notes = [m for m in fb.of("info") if m.startswith("Text field(s)")]
    assert len(notes) == 1 and "'rsei', 'slope_deg', 'elevation_m'" in notes[0]
    assert "AUTODETECT_TYPE=YES" in notes[0]
    typed = _run("rsei:geodetector", dict(params, INPUT=csv + "|option:AUTODETECT_TYPE=YES"))
    q_plain = {f["factor"]: f["q"] for f in plain["OUTPUT"].getFeatures()}
    q_typed = {f["factor"]: f["q"] for f in typed["OUTPUT"].getFeatures()}
    assert q_plain == pytest.approx(q_typed, rel=1e-12) and len(q_plain) == 2


def test_geodetector_text_y_says_how_to_load_the_csv(provider, qgis_process, tmp_path):
    csv = tmp_path / "t.csv"
    csv.write_text("rsei,x\n0.2,1\nn/a,2\n0.5,3\n0.4,1\n", encoding="utf-8")
    _refused(qgis_process, tmp_path, "rsei:geodetector",
             {"INPUT": str(csv), "Y_FIELD": "rsei", "X_FIELDS": "x", "METHOD": 0, "OUTPUT": "{out}/q.csv",
              "OUTPUT_INTERACTION": "{out}/i.csv", "OUTPUT_RISK": "{out}/r.csv", "OUTPUT_ECOLOGICAL": "{out}/e.csv"},
             ["Y_FIELD: the value 'n/a' of 'rsei' is not a number (the field is text",
              "Detect field types", "INPUT='table.csv|option:AUTODETECT_TYPE=YES'"])


# ----------------------------------------------------------------------------- EG range and MNDWI masking

def test_eg_window_mean_stays_in_0_1_and_coupling_does_not_warn(demo, tmp_path):
    lc = demo["landcover"][2024]
    for ref in (None, demo["rsei"]):
        params = {"INPUT": lc, "WINDOW": 5, "OUTPUT_EG": str(tmp_path / f"eg_{ref is None}.tif")}
        if ref:
            params["REFERENCE"] = ref
        eg = read_raster(_run("rsei:egindex", params)["OUTPUT_EG"]).compressed()
        assert eg.size > 1000 and eg.min() >= 0.0 and eg.max() <= 1.0
        assert (eg == 0.0).any() or eg.min() > 0.0  # exact zeros, no −7e-16
    fb = Recorder()
    _run("rsei:coupling", {"RSEI": demo["rsei"], "EG": str(tmp_path / "eg_False.tif"),
                           "OUTPUT": str(tmp_path / "c.tif")}, fb)
    assert fb.of("warning") == [] and fb.of("error") == [], fb.calls


def test_window_mean_is_clamped_to_the_values_range():
    from rsei_toolbox.core.landcover import window_mean

    rng = np.random.default_rng(1)
    values = rng.choice([0.0, 1.0 / 3.0, 1.0], size=(64, 64))
    values[rng.random((64, 64)) < 0.2] = np.nan
    weights = rng.uniform(0.5, 2.0, size=(64, 1))
    out = window_mean(values, weights, 5)
    ok = np.isfinite(out)
    assert ok.sum() == np.isfinite(values).sum()
    assert out[ok].min() >= 0.0 and out[ok].max() <= 1.0
    # Oracle: the direct weighted mean of each 5×5 window (truncated at the edges), within rounding.
    i, j = 30, 7
    win = values[i - 2:i + 3, j - 2:j + 3]
    w = np.broadcast_to(weights[i - 2:i + 3], win.shape)
    m = np.isfinite(win)
    if np.isfinite(values[i, j]):
        assert out[i, j] == pytest.approx((win[m] * w[m]).sum() / w[m].sum(), abs=1e-12)


def test_rsei_mndwi_masks_what_an_equivalent_mask_masks(demo, tmp_path):
    """MNDWI + WATER_THRESHOLD gives exactly the result of MASK = (MNDWI > threshold)."""
    base = {n: demo[n] for n in ("NDVI", "WET", "NDBSI", "LST")}
    threshold = -0.1
    by_mndwi = _run("rsei:rsei", dict(base, MNDWI=demo["MNDWI"], WATER_THRESHOLD=threshold,
                                      OUTPUT=str(tmp_path / "a.tif")))
    m = read_raster(demo["MNDWI"])
    mask = np.where(m.mask, 255, (m.filled(0) > threshold)).astype("uint8")
    with rasterio.open(demo["MNDWI"]) as ds:
        profile = dict(ds.profile, dtype="uint8", nodata=255)
    with rasterio.open(tmp_path / "mask.tif", "w", **profile) as dst:
        dst.write(mask, 1)
    by_mask = _run("rsei:rsei", dict(base, MASK=str(tmp_path / "mask.tif"), OUTPUT=str(tmp_path / "b.tif")))
    a, b = read_raster(by_mndwi["OUTPUT"]), read_raster(by_mask["OUTPUT"])
    water = ~m.mask & (m.filled(0) > threshold)
    assert water.sum() > 100
    assert np.array_equal(a.mask, b.mask) and a.mask[water].all()
    np.testing.assert_array_equal(a.filled(-1), b.filled(-1))
    assert by_mndwi["PC1_PERCENT"] == pytest.approx(by_mask["PC1_PERCENT"], rel=1e-12)


def test_rsei_refuses_an_indicator_as_mndwi(demo, qgis_process, tmp_path):
    base = {n: demo[n] for n in ("NDVI", "WET", "NDBSI", "LST")}
    _refused(qgis_process, tmp_path, "rsei:rsei", dict(base, MNDWI=demo["NDVI"], OUTPUT="{out}/r.tif"),
             ["MNDWI: 'ndvi.tif' is NDVI (greenness)", "OUTPUT_MNDWI of rsei:landsatindices"])
