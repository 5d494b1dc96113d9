"""rsei:rseiseries (Table 5, Tables 6–7, report) and rsei:gradechange against independent numpy computations."""
import json
import os

import numpy as np
import pytest

from conftest import read_raster, write_raster
from test_rsei import grade_oracle, oracle, read_table, synthetic

YEARS = (2000, 2005, 2010)


def year_arrays(seed):
    arrays = synthetic(h=60, w=70, seed=seed)
    arrays[0] = arrays[0] + 0.05 * (seed % 3)  # years differ in level, so a common fit differs from per-year fits
    return arrays


def write_stacks(tmp_path, years=YEARS, names=None):
    paths, data = [], {}
    for k, y in enumerate(years):
        arrays = year_arrays(seed=20 + k)
        data[y] = arrays
        name = names[k] if names else f"indicators_{y}.tif"
        paths.append(write_raster(tmp_path / name, np.stack(arrays), nodata=np.nan))
    return paths, data


def run_series(run_alg, tmp_path, paths, **extra):
    p = {"INPUT": paths, "INPUT_TYPE": 1, "OUTPUT_FOLDER": str(tmp_path / "out"),
         "OUTPUT_TABLE": str(tmp_path / "t5.gpkg"), "OUTPUT_AREAS": str(tmp_path / "areas.gpkg"),
         "OUTPUT_HTML": str(tmp_path / "report.html")}
    p.update(extra)
    return run_alg("rsei:rseiseries", p)


def test_series_per_year_tables(tmp_path, run_alg):
    paths, data = write_stacks(tmp_path)
    res = run_series(run_alg, tmp_path, paths[::-1])  # given out of order: sorted by year
    t5 = read_table(res["OUTPUT_TABLE"])
    areas = read_table(res["OUTPUT_AREAS"])
    assert [r["year"] for r in t5] == list(YEARS) and [r["year"] for r in areas] == list(YEARS)
    for row, arow in zip(t5, areas):
        ref = oracle(*data[row["year"]])
        assert row["rsei"] == pytest.approx(np.nanmean(ref["rsei"]), rel=1e-10)
        for i, n in enumerate(("ndvi", "wet", "ndbsi", "lst")):
            assert row[n] == pytest.approx(ref["mean_norm"][i], abs=1e-12)
        assert row["pc1_percent"] == pytest.approx(ref["pc1_percent"], rel=1e-10)
        assert row["pc1_share_year"] == pytest.approx(ref["pc1_percent"], rel=1e-10)
        assert row["pixels"] == int(np.isfinite(ref["rsei"]).sum())
        g = grade_oracle(ref["rsei"])
        for k, name in enumerate(("worst", "poor", "moderate", "good", "excellent")):
            assert arow[f"{name}_km2"] == pytest.approx((g == k + 1).sum() * 0.0009, rel=1e-12, abs=1e-15)
            assert arow[f"{name}_pct"] == pytest.approx(100 * (g == k + 1).sum() / (g > 0).sum(), rel=1e-10)
        out = read_raster(tmp_path / "out" / f"rsei_{row['year']}.tif")
        np.testing.assert_allclose(out.filled(np.nan), ref["rsei"], atol=2e-7)
        gr = read_raster(tmp_path / "out" / f"grades_{row['year']}.tif", masked=False)
        assert np.array_equal(gr, g)
        assert os.path.exists(tmp_path / "out" / f"grades_{row['year']}.qml")
    html = open(res["OUTPUT_HTML"], encoding="utf-8").read()
    assert html.count("data:image/png;base64") == 2 and "Table 5" in html and "2010" in html


def test_series_common_fit(tmp_path, run_alg):
    paths, data = write_stacks(tmp_path)
    res = run_series(run_alg, tmp_path, paths, FIT=1, YEARS="2000,2005,2010")
    # oracle: all years' pixels pooled into one PCA (side by side = one image)
    pooled = [np.concatenate([data[y][i] for y in YEARS], axis=1) for i in range(4)]
    ref = oracle(*pooled)
    w = data[YEARS[0]][0].shape[1]
    t5 = read_table(res["OUTPUT_TABLE"])
    for k, row in enumerate(t5):
        r_year = ref["rsei"][:, k * w:(k + 1) * w]
        out = read_raster(tmp_path / "out" / f"rsei_{row['year']}.tif")
        np.testing.assert_allclose(out.filled(np.nan), r_year, atol=2e-7)
        assert row["rsei"] == pytest.approx(np.nanmean(r_year), rel=1e-10)
        assert row["pc1_percent"] == pytest.approx(ref["pc1_percent"], rel=1e-10)
        x = np.stack([data[row["year"]][i].astype(np.float64).ravel() for i in range(4)], 1)
        x = x[np.all(np.isfinite(x), 1)]
        xn = (x - ref["lower"]) / (ref["upper"] - ref["lower"])
        np.testing.assert_allclose([row["ndvi"], row["wet"], row["ndbsi"], row["lst"]], xn.mean(0), atol=1e-12)
        c = np.cov(xn, rowvar=False)
        v = ref["loadings"]
        assert row["pc1_share_year"] == pytest.approx(100 * v @ c @ v / np.trace(c), rel=1e-9)
    # common bounds: the pooled RSEI spans [0, 1] over all years, not in each year
    spans = [(np.nanmin(ref["rsei"][:, k * w:(k + 1) * w]), np.nanmax(ref["rsei"][:, k * w:(k + 1) * w]))
             for k in range(3)]
    assert min(s[0] for s in spans) == 0.0 and max(s[1] for s in spans) == 1.0
    sidecar = json.load(open(tmp_path / "out" / "rsei_2005.tif.json"))
    assert sidecar["fit"] == "all years together" and sidecar["year"] == 2005


def composite_bands(seed, h=40, w=50):
    """Synthetic surface reflectance (0–1) and LST °C, with a water patch."""
    rng = np.random.default_rng(seed)
    veg = rng.random((h, w))
    bands = [0.03 + 0.05 * (1 - veg), 0.05 + 0.05 * (1 - veg), 0.04 + 0.15 * (1 - veg), 0.15 + 0.35 * veg,
             0.10 + 0.20 * (1 - veg), 0.06 + 0.15 * (1 - veg), 25 + 15 * (1 - veg)]
    bands = [b + 0.01 * rng.normal(size=(h, w)) for b in bands]
    bands[1][:8, :8], bands[4][:8, :8], bands[5][:8, :8] = 0.08, 0.01, 0.005  # water: MNDWI > 0
    bands[6][:8, :8] = 18.0
    bands[0][39, 49] = np.nan
    return [b.astype(np.float32) for b in bands]


def test_series_from_composites_with_water_mask(tmp_path, run_alg):
    from rsei_toolbox.core import indices
    paths, data = [], {}
    for k, y in enumerate((2019, 2021)):
        b = composite_bands(40 + k)
        data[y] = b
        paths.append(write_raster(tmp_path / f"LC08_composite_{y}_summer.tif", np.stack(b), nodata=np.nan))
    res = run_series(run_alg, tmp_path, paths, INPUT_TYPE=0, WETNESS=2, MASK_WATER=True)
    t5 = read_table(res["OUTPUT_TABLE"])
    assert [r["year"] for r in t5] == [2019, 2021]
    for row in t5:
        b = [x.astype(np.float64) for x in data[row["year"]]]
        ind = [indices.ndvi(b[2], b[3]), indices.wetness(*b[:6], "OLI"), indices.ndbsi(*b[:5]), b[6]]
        water = indices.mndwi(b[1], b[4]) > 0
        assert water[:8, :8].all()
        ref = oracle(*ind, excluded=water)
        assert row["pc1_percent"] == pytest.approx(ref["pc1_percent"], rel=1e-9)
        assert row["rsei"] == pytest.approx(np.nanmean(ref["rsei"]), rel=1e-9)
        out = read_raster(tmp_path / "out" / f"rsei_{row['year']}.tif")
        assert out.mask[:8, :8].all()
        np.testing.assert_allclose(out.filled(np.nan), ref["rsei"], atol=2e-7)


def test_years_from_names_and_errors(tmp_path, run_alg):
    from qgis.core import QgsProcessingException
    paths, _ = write_stacks(tmp_path, years=(2000, 2001))
    other = write_raster(tmp_path / "indicators_2002.tif", np.stack(year_arrays(1))[:, :, :60], nodata=np.nan)
    with pytest.raises(QgsProcessingException, match=r"2002 \('indicators_2002.tif'\) is not on the grid"):
        run_series(run_alg, tmp_path, paths + [other])
    flat = np.stack(year_arrays(2))
    flat[2] = 0.5
    bad = write_raster(tmp_path / "indicators_2003.tif", flat, nodata=np.nan)
    with pytest.raises(QgsProcessingException, match=r"band 3 \(NDBSI\) \(2003.*constant"):
        run_series(run_alg, tmp_path, paths + [bad])
    assert not os.path.exists(tmp_path / "out" / "rsei_2000.tif")


def test_series_qgis_process(tmp_path, qgis_process):
    paths, data = write_stacks(tmp_path, years=(2000, 2001))
    args = [f"INPUT={p}" for p in paths] + ["INPUT_TYPE=1", f"OUTPUT_FOLDER={tmp_path / 'out'}",
                                           f"OUTPUT_TABLE={tmp_path / 't5.gpkg'}",
                                           f"OUTPUT_AREAS={tmp_path / 'a.gpkg'}",
                                           f"OUTPUT_HTML={tmp_path / 'r.html'}"]
    proc = qgis_process("--json", "run", "rsei:rseiseries", "--", *args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for y in (2000, 2001):
        ref = oracle(*data[y])
        out = read_raster(tmp_path / "out" / f"rsei_{y}.tif")
        np.testing.assert_allclose(out.filled(np.nan), ref["rsei"], atol=2e-7)
    assert os.path.getsize(tmp_path / "r.html") > 10000


# ----------------------------------------------------------------------------- grade change

def test_grade_change_matrix_and_map(tmp_path, run_alg):
    before = np.array([[1, 1, 2, 3], [5, 5, 4, 0], [2, 3, 3, 1]], dtype=np.uint8)
    after = np.array([[1, 2, 2, 1], [1, 5, 5, 3], [0, 4, 3, 5]], dtype=np.uint8)
    a = write_raster(tmp_path / "g2000.tif", before, nodata=0)
    b = write_raster(tmp_path / "g2024.tif", after, nodata=0)
    res = run_alg("rsei:gradechange", {"BEFORE": a, "AFTER": b, "OUTPUT": str(tmp_path / "chg.tif"),
                                       "OUTPUT_TABLE": str(tmp_path / "m.gpkg")})
    ok = (before > 0) & (after > 0)
    expected = np.zeros((5, 5))
    for i, j in zip(before[ok], after[ok]):
        expected[i - 1, j - 1] += 0.0009
    rows = read_table(res["OUTPUT_TABLE"])
    names = ("worst", "poor", "moderate", "good", "excellent")
    got = np.array([[r[f"to_{n}"] for n in names] for r in rows])
    np.testing.assert_allclose(got, expected, atol=1e-15)
    assert [r["from_grade"] for r in rows] == [1, 2, 3, 4, 5]
    chg = read_raster(res["OUTPUT"], masked=False)
    assert chg.dtype == np.int8
    assert np.array_equal(chg, np.where(ok, after.astype(int) - before, -128))
    assert chg[1, 0] == -4 and chg[2, 3] == 4
    d = after.astype(int) - before
    assert res["IMPROVED_KM2"] == pytest.approx(((d > 0) & ok).sum() * 0.0009)
    assert res["DEGRADED_KM2"] == pytest.approx(((d < 0) & ok).sum() * 0.0009)
    assert res["UNCHANGED_KM2"] == pytest.approx(((d == 0) & ok).sum() * 0.0009)


def test_grade_change_geographic_area_and_errors(tmp_path, run_alg):
    from qgis.core import QgsProcessingException
    from rsei_toolbox.core.raster import Grid
    from rasterio.crs import CRS
    geo = (0.01, 0.0, 106.0, 0.0, -0.01, 38.5)
    g = np.array([[1, 2], [3, 4]], dtype=np.uint8)
    a = write_raster(tmp_path / "a.tif", g, transform=geo, crs="EPSG:4326", nodata=0)
    b = write_raster(tmp_path / "b.tif", g[::-1], transform=geo, crs="EPSG:4326", nodata=0)
    res = run_alg("rsei:gradechange", {"BEFORE": a, "AFTER": b, "OUTPUT": str(tmp_path / "c.tif"),
                                       "OUTPUT_TABLE": str(tmp_path / "m.gpkg")})
    rows = read_table(res["OUTPUT_TABLE"])
    row_area = Grid(CRS.from_epsg(4326).to_wkt(), geo, 2, 2).row_pixel_areas_km2()
    assert row_area[0] != row_area[1]
    assert rows[0]["to_moderate"] == pytest.approx(row_area[0])   # 1 → 3 in the top row
    assert rows[3]["to_poor"] == pytest.approx(row_area[1])       # 4 → 2 in the bottom row
    bad = write_raster(tmp_path / "bad.tif", np.array([[1, 7], [3, 4]], dtype=np.uint8), transform=geo,
                       crs="EPSG:4326", nodata=0)
    with pytest.raises(QgsProcessingException, match=r"Input 'AFTER' holds the value 7"):
        run_alg("rsei:gradechange", {"BEFORE": a, "AFTER": bad, "OUTPUT": str(tmp_path / "x.tif"),
                                     "OUTPUT_TABLE": str(tmp_path / "x.gpkg")})
    assert not os.path.exists(tmp_path / "x.tif")
    shifted = write_raster(tmp_path / "s.tif", g, transform=(0.01, 0.0, 106.01, 0.0, -0.01, 38.5),
                           crs="EPSG:4326", nodata=0)
    with pytest.raises(QgsProcessingException, match=r"Input 'AFTER' is not on the grid of 'BEFORE'"):
        run_alg("rsei:gradechange", {"BEFORE": a, "AFTER": shifted, "OUTPUT": str(tmp_path / "y.tif"),
                                     "OUTPUT_TABLE": str(tmp_path / "y.gpkg")})


def test_composite_tags_band_order_auto_sensor_and_missing_lst(tmp_path, run_alg):
    """Band order and sensor come from rsei:landsatcomposite's tags; a composite without LST is refused."""
    import rasterio
    from qgis.core import QgsProcessingException
    from rsei_toolbox.core import indices
    b = composite_bands(50)
    order = [6, 0, 1, 2, 3, 4, 5]  # lst first: only the tag tells
    names = [indices.COMPOSITE_BANDS[i] for i in order]
    path = write_raster(tmp_path / "composite_2015.tif", np.stack([b[i] for i in order]), nodata=np.nan)
    with rasterio.open(path, "r+") as ds:
        ds.update_tags(RSEI_COMPOSITE="rsei:landsatcomposite", RSEI_BANDS=",".join(names), RSEI_SENSORS="OLI")
    run_series(run_alg, tmp_path, [path], INPUT_TYPE=0, WETNESS=3)
    x = [v.astype(np.float64) for v in b]
    ref = oracle(indices.ndvi(x[2], x[3]), indices.wetness(*x[:6], "OLI"), indices.ndbsi(*x[:5]), x[6])
    out = read_raster(tmp_path / "out" / "rsei_2015.tif")
    np.testing.assert_allclose(out.filled(np.nan), ref["rsei"], atol=2e-7)
    assert json.load(open(str(tmp_path / "out" / "rsei_2015.tif.json")))["wetness_coefficients"] == "OLI"
    six = write_raster(tmp_path / "composite_2016.tif", np.stack(b[:6]), nodata=np.nan)
    with rasterio.open(six, "r+") as ds:
        ds.update_tags(RSEI_BANDS=",".join(indices.COMPOSITE_BANDS[:6]))
    with pytest.raises(QgsProcessingException, match=r"no LST band"):
        run_series(run_alg, tmp_path, [six], INPUT_TYPE=0, OUTPUT_FOLDER=str(tmp_path / "o2"))
