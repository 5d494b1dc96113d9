"""rsei:egindex and rsei:coupling through Processing (processing.run) and qgis_process."""
import json
import os

import numpy as np
import pytest

from conftest import read_raster, shared, write_raster

UTM = "EPSG:32648"
T30 = (30.0, 0.0, 500000.0, 0.0, -30.0, 4200000.0)
NLCD_GRADES = {11: 1, 12: 1, 21: 6, 22: 6, 23: 6, 24: 6, 31: 7, 41: 2, 42: 2, 43: 2, 51: 3, 52: 3, 71: 4, 72: 4,
               73: 4, 74: 4, 81: 5, 82: 5, 90: 1, 95: 1}


def _table(path):
    from qgis.core import QgsVectorLayer
    layer = QgsVectorLayer(str(path), "t", "ogr")
    assert layer.isValid(), path
    names = [f.name() for f in layer.fields()]
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


def _zones_file(tmp_path, rects, crs="EPSG:32648"):
    feats = [{"type": "Feature", "properties": {"mine": name},
              "geometry": {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}}
             for name, (x0, y0, x1, y1) in rects.items()]
    path = tmp_path / "zones.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": crs}},
                                "features": feats}))
    return str(path)


def test_parameters_and_outputs_have_the_issue_names(provider):
    from qgis.core import QgsApplication
    reg = QgsApplication.processingRegistry()
    eg = reg.algorithmById("rsei:egindex")
    names = {p.name() for p in eg.parameterDefinitions()}
    assert {"INPUT", "LOOKUP", "LOOKUP_TABLE", "WINDOW", "REFERENCE", "ZONES", "OUTPUT_GRADE", "OUTPUT_EG",
            "OUTPUT_TABLE", "OUTPUT_SERIES", "SERIES", "YEARS"} <= names
    assert "EG_INDEX" in {o.name() for o in eg.outputDefinitions()}
    cp = reg.algorithmById("rsei:coupling")
    assert {"RSEI", "EG", "OUTPUT", "OUTPUT_TABLE"} <= {p.name() for p in cp.parameterDefinitions()}
    help_text = eg.shortHelpString()
    assert "eq. 14" in help_text and "snow/ice" in help_text and "Table 3" in help_text


def test_nlcd_preset_eg_index_and_whole_raster_table(run_alg, tmp_path):
    path = shared("landcover-nlcd", "nlcd2011.tif")
    res = run_alg("rsei:egindex", {"INPUT": path, "LOOKUP": 2, "OUTPUT_GRADE": str(tmp_path / "g.tif"),
                                   "OUTPUT_EG": str(tmp_path / "e.tif"), "WINDOW": 3,
                                   "OUTPUT_TABLE": str(tmp_path / "t.gpkg")})
    arr = read_raster(path)
    codes, counts = np.unique(arr.compressed(), return_counts=True)
    mean = sum(NLCD_GRADES[int(c)] * n for c, n in zip(codes, counts)) / counts.sum()
    assert res["EG_INDEX"] == pytest.approx((7 - mean) / 6, rel=1e-12)
    assert res["MEAN_GRADE"] == pytest.approx(mean, rel=1e-12)
    rows = _table(tmp_path / "t.gpkg")
    assert len(rows) == 1 and rows[0]["zone"] == "(whole raster)"
    import rasterio
    with rasterio.open(path) as ds:
        px = abs(ds.transform.a * ds.transform.e) / 1e6
    assert rows[0]["km2_42_evergreen_forest"] == pytest.approx(counts[codes == 42][0] * px)
    assert rows[0]["eg_index"] == pytest.approx(res["EG_INDEX"])
    # outputs: styled, sidecar with the index
    assert os.path.exists(tmp_path / "g.qml") and os.path.exists(tmp_path / "e.qml")
    side = json.load(open(str(tmp_path / "e.tif") + ".json"))
    assert side["eg_index"] == pytest.approx(res["EG_INDEX"]) and side["window"] == 3
    g = read_raster(str(tmp_path / "g.tif"))
    assert float(g.mean()) == pytest.approx(mean, rel=1e-6)


def test_lookup_table_zones_and_series(run_alg, tmp_path):
    arr = np.array([[1, 2, 6, 6], [4, 5, 7, 8], [9, 9, 3, 3]], dtype="uint8")
    src = write_raster(tmp_path / "clcd_2020.tif", arr, transform=T30, crs=UTM)
    other = write_raster(tmp_path / "clcd_2021.tif", np.full((3, 4), 2, "uint8"), transform=T30, crs=UTM)
    zones = _zones_file(tmp_path, {"west": (500000, 4199910, 500060, 4200000),
                                   "east": (500060, 4199910, 500120, 4200000)})
    res = run_alg("rsei:egindex", {
        "INPUT": src, "LOOKUP": 0, "LOOKUP_TABLE": [6, 7, 9, ""], "ZONES": zones, "ZONE_FIELD": "mine",
        "OUTPUT_TABLE": str(tmp_path / "z.gpkg"), "SERIES": [src, other], "OUTPUT_SERIES": str(tmp_path / "s.gpkg"),
        "OUTPUT_EG": str(tmp_path / "e.tif"), "OUTPUT_REPORT": str(tmp_path / "r.html")})
    # 6 → 7 (override), 9 → no grade: grades 5 2 7 7 / 4 1 7 6 / - - 3 3
    mean = (5 + 2 + 7 + 7 + 4 + 1 + 7 + 6 + 3 + 3) / 10
    assert res["EG_INDEX"] == pytest.approx((7 - mean) / 6)
    rows = {r["zone"]: r for r in _table(tmp_path / "z.gpkg")}
    assert set(rows) == {"west", "east"}
    assert rows["west"]["mean_grade"] == pytest.approx((5 + 2 + 4 + 1 + 0) / 4)
    assert rows["east"]["mean_grade"] == pytest.approx((7 + 7 + 7 + 6 + 3 + 3) / 6)
    assert rows["west"]["km2_9_wetland"] == pytest.approx(2 * 0.0009)  # ungraded but counted
    series = _table(tmp_path / "s.gpkg")
    whole = {r["year"]: r["eg_index"] for r in series if r["zone"] == "(whole raster)"}
    assert whole == {2020: pytest.approx((7 - mean) / 6), 2021: pytest.approx(5 / 6)}
    assert len(series) == 6  # 2 years × (whole raster + 2 zones)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.count("<img") == 2 and "EG index series" in html and "west" in html
    assert f"{(7 - mean) / 6:.5g}" in html


@pytest.mark.parametrize("params, message", [
    ({"LOOKUP": 3}, "lookup is empty"),
    ({"LOOKUP_TABLE": [1, "good"]}, "not a number"),
    ({"FAIL_ON_UNKNOWN": True}, "42: 1 pixel"),
    ({"WINDOW": 2}, "odd"),
])
def test_bad_input_gives_clear_messages(run_alg, tmp_path, params, message):
    from qgis.core import QgsProcessingException
    src = write_raster(tmp_path / "lc.tif", np.array([[1, 42], [2, 3]], "uint8"), transform=T30, crs=UTM)
    with pytest.raises(QgsProcessingException, match=message):
        run_alg("rsei:egindex", {"INPUT": src, "OUTPUT_EG": str(tmp_path / "e.tif"), **params})
    assert not os.path.exists(tmp_path / "e.tif")


def test_coupling_chain_with_reference(run_alg, tmp_path):
    """EG on a 10 m land cover → REFERENCE 30 m RSEI grid → coupling with the table."""
    rng = np.random.default_rng(2)
    lc = rng.choice([1, 2, 4, 5, 7], size=(30, 30)).astype("uint8")
    src = write_raster(tmp_path / "lc.tif", lc, transform=(10.0, 0, 500000.0, 0, -10.0, 4200000.0), crs=UTM)
    rsei = rng.random((10, 10)).astype("float32")
    ref = write_raster(tmp_path / "rsei.tif", rsei, transform=T30, crs=UTM)
    eg = run_alg("rsei:egindex", {"INPUT": src, "REFERENCE": ref, "OUTPUT_EG": str(tmp_path / "eg.tif")})
    res = run_alg("rsei:coupling", {"RSEI": ref, "EG": eg["OUTPUT_EG"], "OUTPUT": str(tmp_path / "c.tif"),
                                    "OUTPUT_TABLE": str(tmp_path / "c.gpkg")})
    grades = np.vectorize({1: 5, 2: 2, 4: 4, 5: 1, 7: 7}.get)(lc)
    e = ((7 - grades) / 6).reshape(10, 3, 10, 3).mean(axis=(1, 3))
    expected = 10 * (1 + (e >= 1 / 3) + (e >= 2 / 3)) + 1 + (rsei >= 1 / 3) + (rsei >= 2 / 3)
    got = read_raster(res["OUTPUT"], masked=False)
    # EG went through float32: allow a disagreement only where a value sits on a break
    near = (np.abs(e - 1 / 3) < 1e-6) | (np.abs(e - 2 / 3) < 1e-6)
    assert np.array_equal(got[~near], expected[~near])
    rows = {r["code"]: r for r in _table(tmp_path / "c.gpkg")}
    assert sorted(rows) == [11, 12, 13, 21, 22, 23, 31, 32, 33]
    assert res["HH_PERCENT"] == pytest.approx(rows[33]["percent"])
    assert res["HH_PERCENT"] == pytest.approx(100 * np.mean(got == 33))
    assert res["LL_PERCENT"] == pytest.approx(100 * np.mean(got == 11))
    assert os.path.exists(tmp_path / "c.qml")


def test_coupling_mismatched_grid_message(run_alg, tmp_path):
    from qgis.core import QgsProcessingException
    r = write_raster(tmp_path / "r.tif", np.full((4, 4), 0.5, "float32"), transform=T30, crs=UTM)
    e = write_raster(tmp_path / "e.tif", np.full((4, 4), 0.5, "float32"), transform=T30, crs="EPSG:32649")
    with pytest.raises(QgsProcessingException, match="Input 'EG'.*CRS"):
        run_alg("rsei:coupling", {"RSEI": r, "EG": e, "OUTPUT": str(tmp_path / "c.tif")})


def test_qgis_process_runs_egindex_and_coupling(qgis_process, tmp_path):
    arr = np.array([[1, 2, 3, 4], [5, 6, 7, 8], [9, 1, 2, 2]], dtype="uint8")
    src = write_raster(tmp_path / "clcd.tif", arr, transform=T30, crs=UTM)
    out = qgis_process("--json", "run", "rsei:egindex", "--", f"INPUT={src}", "LOOKUP=0",
                       "LOOKUP_TABLE=6,7", f"OUTPUT_EG={tmp_path / 'eg.tif'}", f"OUTPUT_GRADE={tmp_path / 'g.tif'}")
    assert out.returncode == 0, out.stdout + out.stderr
    results = json.loads(out.stdout)["results"]
    grades = [5, 2, 3, 4, 1, 7, 7, 6, 1, 5, 2, 2]
    assert results["EG_INDEX"] == pytest.approx((7 - np.mean(grades)) / 6)
    rsei = write_raster(tmp_path / "rsei.tif", np.linspace(0, 1, 12).reshape(3, 4).astype("float32"),
                        transform=T30, crs=UTM)
    out = qgis_process("--json", "run", "rsei:coupling", "--", f"RSEI={rsei}", f"EG={tmp_path / 'eg.tif'}",
                       "CLASSIFY=2", "RSEI_BREAKS=0.3,0.6", "EG_BREAKS=0.3,0.6",
                       f"OUTPUT={tmp_path / 'c.tif'}", f"OUTPUT_TABLE={tmp_path / 'c.gpkg'}")
    assert out.returncode == 0, out.stdout + out.stderr
    e = (7 - np.array(grades, float)) / 6
    r = np.linspace(0, 1, 12).astype("float32").astype(float)
    expected = 10 * (1 + (e >= 0.3) + (e >= 0.6)) + 1 + (r >= 0.3) + (r >= 0.6)
    assert read_raster(str(tmp_path / "c.tif"), masked=False).ravel().tolist() == expected.tolist()
    bad = qgis_process("--json", "run", "rsei:egindex", "--", f"INPUT={src}", "LOOKUP=3",
                       f"OUTPUT_EG={tmp_path / 'bad.tif'}")
    assert bad.returncode != 0 and "lookup is empty" in bad.stdout + bad.stderr
