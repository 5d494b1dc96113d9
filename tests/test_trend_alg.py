"""rsei:senmk and rsei:seriestrend through Processing and qgis_process."""
import csv
import json
import math
import os

import numpy as np
import pytest

from conftest import read_raster, shared, write_raster
from test_trend import oracle

YEARS = [2000, 2001, 2003, 2004, 2006, 2007]
NODATA = -9999.0


def _stack(tmp_path, years=YEARS, names=None, crs="EPSG:32633", transform=None):
    """Six small rasters with trends, gaps (NoData), ties, a constant pixel and an all-NoData pixel."""
    rng = np.random.default_rng(3)
    h, w = 6, 5
    base = rng.uniform(0.2, 0.6, size=(h, w))
    rate = rng.uniform(-0.03, 0.03, size=(h, w))
    rate[0, 0] = 0.02
    rate[0, 1] = -0.02
    rate[0, 2] = 0.0001
    arrays = []
    for k, y in enumerate(years):
        a = base + rate * (y - years[0]) + rng.normal(0, 0.01, size=(h, w))
        a = np.round(a, 2)                      # ties
        a[rng.random((h, w)) < 0.15] = NODATA   # gaps
        a[1, 1] = 0.5                           # constant
        a[1, 2] = NODATA                        # never valid
        if k < 3:
            a[2, 2] = NODATA                    # only 3 valid years (< MIN_YEARS 4)
        arrays.append(a.astype("float32"))
    kw = {} if transform is None else {"transform": transform}
    paths = []
    for k, (y, a) in enumerate(zip(years, arrays)):
        name = names[k] if names else f"rsei_{y}.tif"
        paths.append(write_raster(tmp_path / name, a, nodata=NODATA, crs=crs, **kw))
    return paths, np.stack(arrays)


def _outputs(tmp_path, **extra):
    out = {k: str(tmp_path / f"{k.lower()}.tif") for k in
           ("OUTPUT_SLOPE", "OUTPUT_Z", "OUTPUT_P", "OUTPUT_TREND", "OUTPUT_S", "OUTPUT_TAU", "OUTPUT_N")}
    out["OUTPUT_TABLE"] = str(tmp_path / "areas.csv")
    out.update(extra)
    return out


def test_senmk_pixels_against_double_loop(run_alg, tmp_path):
    paths, stack = _stack(tmp_path)
    out = _outputs(tmp_path)
    res = run_alg("rsei:senmk", dict(INPUT=paths, YEARS="", MIN_YEARS=4, STABLE_SLOPE=0.0005, ALPHA=1, **out))
    for key in ("OUTPUT_SLOPE", "OUTPUT_Z", "OUTPUT_P", "OUTPUT_TREND", "OUTPUT_S", "OUTPUT_TAU", "OUTPUT_N"):
        assert res[key] == out[key] and os.path.exists(out[key])
        assert os.path.exists(out[key] + ".json")
    slope = read_raster(out["OUTPUT_SLOPE"])
    z, p = read_raster(out["OUTPUT_Z"]), read_raster(out["OUTPUT_P"])
    s, tau, n = read_raster(out["OUTPUT_S"]), read_raster(out["OUTPUT_TAU"]), read_raster(out["OUTPUT_N"])
    cls = read_raster(out["OUTPUT_TREND"], masked=False)
    values = np.where(stack == NODATA, np.nan, stack.astype(np.float64))
    counts = np.zeros(6, int)
    for r in range(stack.shape[1]):
        for c in range(stack.shape[2]):
            series = values[:, r, c]
            ref = oracle(series, np.array(YEARS, float), 4)
            valid = int(np.count_nonzero(~np.isnan(series)))
            assert (n.mask[r, c] and valid == 0) or n[r, c] == valid
            if ref is None:
                assert slope.mask[r, c] and z.mask[r, c] and p.mask[r, c] and cls[r, c] == 0
                counts[0] += 1
                continue
            assert slope[r, c] == pytest.approx(ref["slope"], rel=1e-6, abs=1e-9)  # float32 output
            assert z[r, c] == pytest.approx(ref["z"], rel=1e-6, abs=1e-7)
            assert p[r, c] == pytest.approx(ref["p"], rel=1e-6, abs=1e-7)
            assert s[r, c] == ref["s"] and tau[r, c] == pytest.approx(ref["tau"], rel=1e-6)
            if abs(ref["slope"]) <= 0.0005:
                expected = 3
            elif ref["slope"] > 0:
                expected = 1 if ref["p"] < 0.05 else 2
            else:
                expected = 5 if ref["p"] < 0.05 else 4
            assert cls[r, c] == expected, (r, c, ref)
            counts[expected] += 1
    assert slope[1, 1] == 0 and z[1, 1] == 0 and p[1, 1] == 1 and cls[1, 1] == 3
    assert cls[1, 2] == 0 and cls[2, 2] == 0 and n[2, 2] == 3
    assert len(set(cls.ravel().tolist())) >= 4
    # Area table: 30 m pixels = 0.0009 km².
    with open(out["OUTPUT_TABLE"], encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["class"]) for r in rows] == [1, 2, 3, 4, 5]
    assert rows[2]["name"] == "stable"
    for r in rows:
        code = int(r["class"])
        assert int(r["pixels"]) == counts[code]
        assert float(r["area_km2"]) == pytest.approx(counts[code] * 0.0009, rel=1e-9)
        assert float(r["percent"]) == pytest.approx(100 * counts[code] / counts[1:].sum(), rel=1e-9)
    side = json.load(open(out["OUTPUT_TREND"] + ".json"))
    assert side["years"] == YEARS and side["years_from"] == "file names" and side["alpha"] == 0.05
    assert side["classes"][0]["pixels"] == counts[1]
    # Styles beside the class and slope rasters.
    assert os.path.exists(str(tmp_path / "output_trend.qml")) and os.path.exists(str(tmp_path / "output_slope.qml"))


def test_senmk_alpha_threshold_and_years_param(run_alg, tmp_path):
    names = [f"layer_{c}.tif" for c in "abcdef"]
    paths, stack = _stack(tmp_path, names=names)
    years = ",".join(str(y) for y in YEARS)
    out = {"OUTPUT_TREND": str(tmp_path / "t.tif"), "OUTPUT_SLOPE": str(tmp_path / "s.tif")}
    run_alg("rsei:senmk", dict(INPUT=paths, YEARS=years, ALPHA=0, STABLE_SLOPE=0.01, **out))
    slope = read_raster(out["OUTPUT_SLOPE"])
    cls = read_raster(out["OUTPUT_TREND"], masked=False)
    values = np.where(stack == NODATA, np.nan, stack.astype(np.float64))
    for r in range(stack.shape[1]):
        for c in range(stack.shape[2]):
            ref = oracle(values[:, r, c], np.array(YEARS, float), 4)
            if ref is None:
                continue
            if abs(ref["slope"]) <= 0.01:
                assert cls[r, c] == 3
            elif ref["slope"] > 0:
                assert cls[r, c] == (1 if ref["p"] < 0.10 else 2)
            else:
                assert cls[r, c] == (5 if ref["p"] < 0.10 else 4)
            assert slope[r, c] == pytest.approx(ref["slope"], rel=1e-6, abs=1e-9)
    # Without YEARS and without years in the names: 1…n, so the slope is per step, not per year.
    out2 = {"OUTPUT_SLOPE": str(tmp_path / "s2.tif")}
    run_alg("rsei:senmk", dict(INPUT=paths, **out2))
    slope2 = read_raster(out2["OUTPUT_SLOPE"])
    ref = oracle(values[:, 0, 0], np.arange(1.0, 7.0), 4)
    assert slope2[0, 0] == pytest.approx(ref["slope"], rel=1e-6)


def test_senmk_hamed_rao_option(run_alg, tmp_path):
    import pymannkendall

    rng = np.random.default_rng(0)
    x = np.zeros((12, 3, 4))
    e = rng.normal(size=x.shape)
    for k in range(1, 12):
        x[k] = 0.7 * x[k - 1] + e[k]
    paths = [write_raster(tmp_path / f"r{2000 + k}.tif", x[k].astype("float32")) for k in range(12)]
    out = {"OUTPUT_Z": str(tmp_path / "z.tif")}
    run_alg("rsei:senmk", dict(INPUT=paths, METHOD=1, **out))
    z = read_raster(out["OUTPUT_Z"])
    for r in range(3):
        for c in range(4):
            ref = pymannkendall.hamed_rao_modification_test(x[:, r, c].astype("float32").astype(float))
            if np.isfinite(ref.z):
                assert z[r, c] == pytest.approx(ref.z, rel=1e-5, abs=1e-6)
            else:
                assert z.mask[r, c]


def test_senmk_geographic_areas(run_alg, tmp_path):
    from rsei_toolbox.core.raster import read_grid

    transform = (0.01, 0.0, 106.0, 0.0, -0.01, 38.5)
    paths, _ = _stack(tmp_path, crs="EPSG:4326", transform=transform)
    out = {"OUTPUT_TREND": str(tmp_path / "t.tif"), "OUTPUT_TABLE": str(tmp_path / "a.csv")}
    run_alg("rsei:senmk", dict(INPUT=paths, **out))
    cls = read_raster(out["OUTPUT_TREND"], masked=False)
    row_area = read_grid(paths[0]).row_pixel_areas_km2()
    rows = list(csv.DictReader(open(out["OUTPUT_TABLE"], encoding="utf-8")))
    for r in rows:
        expected = float(np.sum((cls == int(r["class"])) * row_area[:, None]))
        assert float(r["area_km2"]) == pytest.approx(expected, rel=1e-12)
    # ~1.1 km × 0.87 km pixels at 38.5° N
    assert 0.9 < row_area[0] < 1.0


@pytest.mark.parametrize("case, message", [
    ("one", "at least two"),
    ("years_length", "2 value"),
    ("duplicate", "Duplicate year"),
    ("grid", "not on the grid"),
    ("min_years", "MIN_YEARS"),
])
def test_senmk_bad_input(run_alg, tmp_path, case, message):
    from qgis.core import QgsProcessingException

    paths, _ = _stack(tmp_path)
    params = dict(INPUT=paths, OUTPUT_SLOPE=str(tmp_path / "o" / "s.tif"), OUTPUT_TREND=str(tmp_path / "o" / "t.tif"))
    if case == "one":
        params["INPUT"] = paths[:1]
    elif case == "years_length":
        params["YEARS"] = "2000, 2001"
    elif case == "duplicate":
        params["YEARS"] = "2000,2001,2002,2003,2004,2000"
    elif case == "grid":
        odd = write_raster(tmp_path / "odd_2010.tif", np.ones((6, 5), "float32"),
                           transform=(30.0, 0.0, 500030.0, 0.0, -30.0, 4000000.0))
        params["INPUT"] = paths + [odd]
    elif case == "min_years":
        params["MIN_YEARS"] = 7
    with pytest.raises(QgsProcessingException, match=message) as info:
        run_alg("rsei:senmk", params)
    assert "Traceback" not in str(info.value)
    assert not os.path.exists(tmp_path / "o") or os.listdir(tmp_path / "o") == []


# ----------------------------------------------------------------------------- seriestrend

NUMBERS = ("SEN_SLOPE", "SEN_INTERCEPT", "MK_S", "MK_Z", "MK_P", "QUAD_R2", "QUAD_VERTEX", "BREAK_YEAR",
           "SEG1_SLOPE", "SEG1_R", "SEG2_SLOPE", "SEG2_R")


def test_seriestrend_csv(run_alg, tmp_path):
    from rsei_toolbox.core.trend import series

    path = shared("paper", "table5_rsei_series.csv")
    html = str(tmp_path / "series.html")
    res = run_alg("rsei:seriestrend", dict(INPUT=path, TIME_FIELD="year", VALUE_FIELD="rsei", BREAK_YEAR=2012,
                                           OUTPUT_HTML=html))
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    ref = series.series_trend([float(r["year"]) for r in rows], [float(r["rsei"]) for r in rows], 2012)
    for key in NUMBERS:
        assert res[key] == pytest.approx(ref[key], rel=1e-12), key
    assert res["QUAD_R2"] == pytest.approx(0.41, abs=0.005)
    assert res["SEG1_SLOPE"] == pytest.approx(-0.00605, rel=0.01)
    assert res["SEG2_SLOPE"] == pytest.approx(0.01239, rel=0.01)
    assert res["OUTPUT_HTML"] == html and "data:image/png" in open(html, encoding="utf-8").read()
    auto = run_alg("rsei:seriestrend", dict(INPUT=path, TIME_FIELD="year", VALUE_FIELD="rsei"))
    assert auto["BREAK_YEAR"] == 2016.0


def test_seriestrend_gpkg_table_with_nulls(run_alg, tmp_path):
    from qgis.core import QgsField, QgsFields, QgsVectorFileWriter, QgsFeature, QgsWkbTypes
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransformContext

    from rsei_toolbox.algorithms.compat import field_type

    fields = QgsFields()
    fields.append(QgsField("yr", field_type("int")))
    fields.append(QgsField("val", field_type("double")))
    path = str(tmp_path / "series.gpkg")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    writer = QgsVectorFileWriter.create(path, fields, QgsWkbTypes.Type.NoGeometry, QgsCoordinateReferenceSystem(),
                                        QgsCoordinateTransformContext(), options)
    t = np.arange(2001, 2013)
    x = 0.3 + 0.002 * (t - 2006) ** 2 + 0.01 * np.sin(t)
    for k, (a, b) in enumerate(zip(t, x)):
        f = QgsFeature(fields)
        f.setAttributes([int(a), None if k == 4 else float(b)])
        writer.addFeature(f)
    del writer
    res = run_alg("rsei:seriestrend", dict(INPUT=path, TIME_FIELD="yr", VALUE_FIELD="val", BREAK_YEAR=2006))
    keep = np.arange(t.size) != 4
    coef = np.polyfit(t[keep], x[keep], 2)
    assert res["QUAD_VERTEX"] == pytest.approx(-coef[1] / (2 * coef[0]), rel=1e-9)
    import scipy.stats
    m = keep & (t <= 2006)
    assert res["SEG1_SLOPE"] == pytest.approx(scipy.stats.linregress(t[m], x[m]).slope, rel=1e-9)


def test_seriestrend_non_numeric_field(run_alg, tmp_path):
    from qgis.core import QgsProcessingException

    path = tmp_path / "bad.csv"
    path.write_text("year,rsei,name\n2000,0.3,a\n2001,0.31,b\n2002,0.29,c\n2003,0.35,d\n2004,0.4,e\n",
                    encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="Field 'name' is not numeric"):
        run_alg("rsei:seriestrend", dict(INPUT=str(path), TIME_FIELD="year", VALUE_FIELD="name",
                                         OUTPUT_HTML=str(tmp_path / "r.html")))
    assert not os.path.exists(tmp_path / "r.html")
    dup = tmp_path / "dup.csv"
    dup.write_text("year,rsei\n2000,0.3\n2001,0.31\n2001,0.29\n2003,0.35\n2004,0.4\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="Duplicate time"):
        run_alg("rsei:seriestrend", dict(INPUT=str(dup), TIME_FIELD="year", VALUE_FIELD="rsei"))


# ----------------------------------------------------------------------------- qgis_process

def test_qgis_process_senmk_and_seriestrend(qgis_process, tmp_path):
    paths, stack = _stack(tmp_path)
    slope_path = str(tmp_path / "q_slope.tif")
    args = ["--json", "run", "rsei:senmk", "--"] + [f"INPUT={p}" for p in paths] + [
        f"OUTPUT_SLOPE={slope_path}", f"OUTPUT_TREND={tmp_path / 'q_trend.tif'}",
        f"OUTPUT_TABLE={tmp_path / 'q_areas.csv'}", "ALPHA=1"]
    out = qgis_process(*args)
    assert out.returncode == 0, out.stdout + out.stderr
    data = json.loads(out.stdout)
    assert data["results"]["OUTPUT_SLOPE"] == slope_path
    values = np.where(stack == NODATA, np.nan, stack.astype(np.float64))
    ref = oracle(values[:, 0, 0], np.array(YEARS, float), 4)
    assert read_raster(slope_path)[0, 0] == pytest.approx(ref["slope"], rel=1e-6)

    csv_path = shared("paper", "table5_rsei_series.csv")
    out = qgis_process("--json", "run", "rsei:seriestrend", "--", f"INPUT={csv_path}", "TIME_FIELD=year",
                       "VALUE_FIELD=rsei", "BREAK_YEAR=2012", f"OUTPUT_HTML={tmp_path / 'q.html'}")
    assert out.returncode == 0, out.stdout + out.stderr
    results = json.loads(out.stdout)["results"]
    assert results["QUAD_R2"] == pytest.approx(0.41159, abs=1e-5)
    assert results["SEG1_SLOPE"] == pytest.approx(-0.0060824, rel=1e-4)
    assert results["SEG2_SLOPE"] == pytest.approx(0.0124056, rel=1e-4)
    assert results["BREAK_YEAR"] == 2012
    assert math.isfinite(results["MK_P"]) and results["MK_S"] == 80

    bad = qgis_process("--json", "run", "rsei:senmk", "--", f"INPUT={paths[0]}",
                       f"OUTPUT_SLOPE={tmp_path / 'never.tif'}")
    assert bad.returncode != 0 and not os.path.exists(tmp_path / "never.tif")


def test_senmk_cancel_leaves_nothing(run_alg, tmp_path):
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    paths, _ = _stack(tmp_path)
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    out = tmp_path / "o"
    with pytest.raises(QgsProcessingException, match="canceled"):
        run_alg("rsei:senmk", dict(INPUT=paths, OUTPUT_SLOPE=str(out / "s.tif"), OUTPUT_TREND=str(out / "t.tif"),
                                   OUTPUT_TABLE=str(out / "a.csv")), feedback=feedback)
    assert not out.exists() or os.listdir(out) == []


def test_senmk_block_by_block_equals_one_block(run_alg, tmp_path, monkeypatch):
    """Row-strip blocks of one row (tiny memory budget) give the same rasters and areas as one block."""
    paths, _ = _stack(tmp_path)
    results = []
    for budget in (None, "0.0001"):
        if budget:
            monkeypatch.setenv("RSEI_BLOCK_MB", budget)
        out = tmp_path / f"run_{budget or 'big'}"
        params = dict(INPUT=paths, OUTPUT_SLOPE=str(out / "s.tif"), OUTPUT_TREND=str(out / "t.tif"),
                      OUTPUT_TABLE=str(out / "a.csv"))
        run_alg("rsei:senmk", params)
        rows = list(csv.DictReader(open(out / "a.csv", encoding="utf-8")))
        results.append((read_raster(str(out / "s.tif"), masked=False), read_raster(str(out / "t.tif"), masked=False),
                        [(r["pixels"], r["area_km2"]) for r in rows]))
    np.testing.assert_array_equal(results[0][0], results[1][0])
    np.testing.assert_array_equal(results[0][1], results[1][1])
    assert results[0][2] == results[1][2]
