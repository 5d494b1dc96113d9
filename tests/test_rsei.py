"""rsei:rsei and core.rsei against an independent numpy PCA (np.cov + np.linalg.eigh on the same pixels)."""
import glob
import json
import os
import re

import numpy as np
import pytest

from conftest import read_raster, shared, write_raster

PROJ = (30.0, 0.0, 500000.0, 0.0, -30.0, 4000000.0)


# ----------------------------------------------------------------------------- oracle

def oracle(ndvi, wet, ndbsi, lst, excluded=None, clip=None):
    """RSEI the textbook way, all pixels in memory: eq. 12, np.cov, np.linalg.eigh, sign rule, eq. 13."""
    stack = np.stack([np.asarray(a, dtype=np.float64) for a in (ndvi, wet, ndbsi, lst)])
    ok = np.all(np.isfinite(stack), axis=0)
    if excluded is not None:
        ok &= ~excluded
    x = stack[:, ok].T
    lo, hi = x.min(axis=0), x.max(axis=0)
    if clip:
        lo, hi = np.percentile(x, clip, axis=0), np.percentile(x, 100 - clip, axis=0)
    xn = (np.clip(x, lo, hi) - lo) / (hi - lo)
    cov = np.cov(xn, rowvar=False)
    values, vectors = np.linalg.eigh(cov)
    v = vectors[:, -1]
    if v @ np.array([1, 1, -1, -1]) < 0:
        v = -v
    pc1 = xn @ v
    r = (pc1 - pc1.min()) / (pc1.max() - pc1.min())
    out = np.full(ok.shape, np.nan)
    out[ok] = r
    return dict(rsei=out, loadings=v, eigenvalues=values[::-1], pc1_percent=100 * values[-1] / values.sum(),
                lower=lo, upper=hi, mean_norm=xn.mean(axis=0))


def synthetic(h=120, w=150, seed=0, nan_frac=0.02):
    """Four correlated indicators driven by one latent 'ecology' field, with NaN holes."""
    rng = np.random.default_rng(seed)
    t = rng.normal(size=(h, w))
    ind = [0.4 + 0.15 * t + 0.05 * rng.normal(size=(h, w)),
           -0.05 + 0.04 * t + 0.03 * rng.normal(size=(h, w)),
           -0.1 - 0.12 * t + 0.06 * rng.normal(size=(h, w)),
           32.0 - 4.0 * t + 3.0 * rng.normal(size=(h, w))]
    for a in ind:
        a[rng.random((h, w)) < nan_frac] = np.nan
    return [a.astype(np.float32) for a in ind]


def write_set(tmp_path, arrays, transform=PROJ, crs="EPSG:32633", prefix=""):
    names = ("ndvi", "wet", "ndbsi", "lst")
    return [write_raster(tmp_path / f"{prefix}{n}.tif", a, transform=transform, crs=crs, nodata=np.nan)
            for n, a in zip(names, arrays)]


def params(paths, tmp_path, **extra):
    p = {"NDVI": paths[0], "WET": paths[1], "NDBSI": paths[2], "LST": paths[3],
         "OUTPUT": str(tmp_path / "rsei.tif"), "OUTPUT_GRADES": str(tmp_path / "grades.tif"),
         "OUTPUT_TABLE": str(tmp_path / "areas.gpkg")}
    p.update(extra)
    return p


def read_table(path):
    from qgis.core import QgsVectorLayer
    layer = QgsVectorLayer(str(path), "t", "ogr")
    assert layer.isValid(), path
    names = [f.name() for f in layer.fields()]
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


def grade_oracle(r):
    """Grades by explicit right-closed comparisons (independent of searchsorted)."""
    g = np.zeros(r.shape, dtype=np.uint8)
    fin = np.isfinite(r)
    g[fin & (r <= 0.2)] = 1
    g[fin & (r > 0.2) & (r <= 0.4)] = 2
    g[fin & (r > 0.4) & (r <= 0.6)] = 3
    g[fin & (r > 0.6) & (r <= 0.8)] = 4
    g[fin & (r > 0.8)] = 5
    return g


# ----------------------------------------------------------------------------- core

def test_grade_edges_right_closed():
    from rsei_toolbox.core import grades
    values = np.array([0.0, 0.1, 0.2, 0.2000001, 0.4, 0.4000001, 0.6, 0.6000001, 0.8, 0.8000001, 1.0, np.nan])
    assert grades.grade(values).tolist() == [1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 0]


@pytest.mark.parametrize("block_mb", [None, "0.02"])
def test_synthetic_matches_numpy_oracle(tmp_path, monkeypatch, block_mb):
    """One block or dozens of row strips: the streamed result equals the in-memory oracle."""
    if block_mb:
        monkeypatch.setenv("RSEI_BLOCK_MB", block_mb)
    from rsei_toolbox.core import rsei
    from rsei_toolbox.core.raster import OutputTransaction
    arrays = synthetic()
    paths = write_set(tmp_path, arrays)
    ref = oracle(*arrays)
    source = rsei.IndicatorSource(*paths)
    with OutputTransaction() as tx:
        rw = tx.raster(str(tmp_path / "r.tif"), source.grid)
        gw = tx.raster(str(tmp_path / "g.tif"), source.grid, dtype="uint8", nodata=0)
        fit, res = rsei.compute(source, rw, gw)
    source.close()
    np.testing.assert_allclose(fit.loadings, ref["loadings"], atol=1e-10)
    np.testing.assert_allclose(fit.eigenvalues, ref["eigenvalues"], rtol=1e-9)
    assert fit.pc1_percent == pytest.approx(ref["pc1_percent"], rel=1e-10)
    np.testing.assert_allclose(fit.lower, ref["lower"])
    np.testing.assert_allclose(fit.upper, ref["upper"])
    np.testing.assert_allclose(res.norm_mean, ref["mean_norm"], atol=1e-12)
    out = read_raster(tmp_path / "r.tif")
    assert np.array_equal(out.mask, ~np.isfinite(ref["rsei"]))
    np.testing.assert_allclose(out.compressed(), ref["rsei"][np.isfinite(ref["rsei"])].astype(np.float32),
                               atol=2e-7)
    assert out.min() == 0.0 and out.max() == 1.0
    g = read_raster(tmp_path / "g.tif", masked=False)
    assert np.array_equal(g, grade_oracle(ref["rsei"]))
    assert res.mean == pytest.approx(np.nanmean(ref["rsei"]), rel=1e-12)


def test_known_answer_one_latent_variable(tmp_path):
    """Indicators that are exact linear functions of one variable t: PC1 explains 100 %,
    loadings ±0.5 and RSEI equals t rescaled to [0, 1] — independent of the solver."""
    from rsei_toolbox.core import rsei
    t = np.linspace(0.0, 1.0, 40 * 50).reshape(40, 50) ** 1.7  # skewed, so min–max matters
    arrays = [0.1 + 0.6 * t, -0.2 + 0.1 * t, 0.3 - 0.5 * t, 45.0 - 20.0 * t]
    source = rsei.IndicatorSource(*write_set(tmp_path, arrays))
    from rsei_toolbox.core.raster import OutputTransaction
    with OutputTransaction() as tx:
        rw = tx.raster(str(tmp_path / "r.tif"), source.grid)
        fit, res = rsei.compute(source, rw)
    source.close()
    np.testing.assert_allclose(fit.loadings, [0.5, 0.5, -0.5, -0.5], atol=1e-7)
    assert fit.pc1_percent == pytest.approx(100.0, abs=1e-6)
    out = read_raster(tmp_path / "r.tif", masked=False)
    np.testing.assert_allclose(out, (t - t.min()) / (t.max() - t.min()), atol=1e-6)


@pytest.mark.parametrize("solver_sign", [1.0, -1.0])
def test_sign_rule_whatever_the_solver_returns(tmp_path, monkeypatch, solver_sign):
    """The eigen-solver's sign is arbitrary: force both signs; the oriented PC1 and RSEI must not change."""
    from rsei_toolbox.core import rsei
    arrays = synthetic(seed=3)
    paths = write_set(tmp_path, arrays)
    real_eigh = np.linalg.eigh
    seen = {}

    def eigh(a):
        w, v = real_eigh(a)
        v = v * solver_sign
        seen["raw_pc1_sign"] = float(np.sign(v[:, -1] @ rsei.ORIENTATION))
        return w, v
    monkeypatch.setattr(rsei.np.linalg, "eigh", eigh)
    source = rsei.IndicatorSource(*paths)
    fit = rsei.fit([source])
    source.close()
    ref = oracle(*arrays)
    np.testing.assert_allclose(fit.loadings, ref["loadings"], atol=1e-10)
    assert fit.loadings @ rsei.ORIENTATION > 0
    assert fit.flipped == (seen["raw_pc1_sign"] < 0)


def test_inverted_indicators_invert_rsei(tmp_path):
    """Negating every indicator reverses what 'good' means in the data: with the sign rule RSEI → 1 − RSEI."""
    from rsei_toolbox.core import rsei
    arrays = synthetic(seed=5, nan_frac=0)
    a = rsei.IndicatorSource(*write_set(tmp_path, arrays, prefix="a"))
    b = rsei.IndicatorSource(*write_set(tmp_path, [-x for x in arrays], prefix="b"))
    fa, fb = rsei.fit([a]), rsei.fit([b])
    window = None
    pa, oka = rsei._block_pc1(a, fa, window)
    pb, okb = rsei._block_pc1(b, fb, window)
    assert oka.all() and okb.all()
    np.testing.assert_allclose(fb.rsei(pb), 1.0 - fa.rsei(pa), atol=1e-12)
    a.close()
    b.close()


def test_percentile_clipping_against_numpy(tmp_path):
    """Percentiles are exact (numpy's linear definition) thanks to the refinement pass."""
    from rsei_toolbox.core import rsei
    arrays = synthetic(seed=7)
    arrays[3][0, :5] = [80, 85, 90, -20, -30]  # outliers in LST
    arrays[1][5:40, 5:40] = 0.01  # heavy ties in WET
    source = rsei.IndicatorSource(*write_set(tmp_path, arrays))
    fit = rsei.fit([source], clip_percent=2.0)
    ref = oracle(*arrays, clip=2.0)
    np.testing.assert_allclose(fit.lower, ref["lower"], rtol=1e-12)
    np.testing.assert_allclose(fit.upper, ref["upper"], rtol=1e-12)
    np.testing.assert_allclose(fit.loadings, ref["loadings"], atol=1e-10)
    assert fit.pc1_percent == pytest.approx(ref["pc1_percent"], rel=1e-10)
    p1, ok = rsei._block_pc1(source, fit, None)
    fit_rsei = np.where(ok, fit.rsei(p1), np.nan)
    np.testing.assert_allclose(fit_rsei, ref["rsei"], atol=1e-12)
    source.close()


def test_percentile_fallback_within_one_bin(tmp_path, monkeypatch):
    """With the refinement disabled the histogram estimate is within one bin of numpy's percentile."""
    from rsei_toolbox.core import rsei
    monkeypatch.setattr(rsei, "REFINE_LIMIT", 0)
    arrays = synthetic(seed=8)
    source = rsei.IndicatorSource(*write_set(tmp_path, arrays))
    fit = rsei.fit([source], clip_percent=5.0)
    source.close()
    ref = oracle(*arrays, clip=5.0)
    ok = np.all([np.isfinite(a) for a in arrays], axis=0)
    width = np.array([np.ptp(a[ok]) for a in arrays], dtype=np.float64) / rsei.HIST_BINS
    assert np.all(np.abs(fit.lower - ref["lower"]) <= width * 1.0001)
    assert np.all(np.abs(fit.upper - ref["upper"]) <= width * 1.0001)
    assert not np.allclose(fit.lower, ref["lower"], rtol=1e-12, atol=0)  # really the fallback


def test_area_table_projected_and_geographic(tmp_path):
    from pyproj import Geod
    from rsei_toolbox.core import grades
    from rsei_toolbox.core.raster import Grid
    g = np.array([[1, 1, 2, 0], [3, 4, 5, 5], [5, 5, 5, 1]], dtype=np.uint8)
    proj = Grid("", PROJ, 4, 3)
    counts, areas = grades.grade_areas(g, proj.row_pixel_areas_km2())
    assert counts.tolist() == [3, 1, 1, 1, 5]
    np.testing.assert_allclose(areas, np.array([3, 1, 1, 1, 5]) * 0.0009)
    rows = grades.area_table(counts, areas)
    assert rows[4][:3] == (5, "excellent", 5) and rows[4][4] == pytest.approx(100 * 5 / 11)
    from rasterio.crs import CRS
    geo = Grid(CRS.from_epsg(4326).to_wkt(), (0.5, 0.0, 10.0, 0.0, -0.5, 60.0), 4, 3)
    counts, areas = grades.grade_areas(g, geo.row_pixel_areas_km2())
    geod = Geod(ellps="WGS84")

    def cell(row):
        top, bottom = 60.0 - 0.5 * row, 60.0 - 0.5 * (row + 1)
        lon = np.linspace(10.0, 10.5, 400)  # edges along parallels, densified (geodesic edges would cut them)
        lons = np.concatenate([lon, lon[::-1]])
        lats = np.concatenate([np.full(400, top), np.full(400, bottom)])
        return abs(geod.polygon_area_perimeter(lons, lats)[0]) / 1e6
    expected = np.zeros(5)
    for r in range(3):
        for c in range(4):
            if g[r, c]:
                expected[g[r, c] - 1] += cell(r)
    np.testing.assert_allclose(areas, expected, rtol=1e-6)


def test_mask_excludes_pixels(tmp_path):
    from rsei_toolbox.core import rsei
    arrays = synthetic(seed=9, nan_frac=0)
    mask = np.zeros(arrays[0].shape, dtype=np.uint8)
    mask[:30, :40] = 1
    paths = write_set(tmp_path, arrays)
    mpath = write_raster(tmp_path / "mask.tif", mask)
    source = rsei.IndicatorSource(*paths, mask=mpath)
    fit = rsei.fit([source])
    source.close()
    ref = oracle(*arrays, excluded=mask > 0)
    assert fit.n == int((mask == 0).sum())
    np.testing.assert_allclose(fit.loadings, ref["loadings"], atol=1e-10)


# ----------------------------------------------------------------------------- real data

def _mtl(path, key):
    return float(re.search(rf"{key}\s*=\s*(\S+)", open(path).read()).group(1).strip('"'))


def oli_indicators(folder):
    """NDVI, WET (OLI), NDBSI, LST (°C) and MNDWI from a C2 L2 crop, scale factors read from the MTL by hand."""
    import rasterio
    from rsei_toolbox.core import indices
    mtl = glob.glob(os.path.join(folder, "*_MTL.txt"))[0]
    bands = {}
    for name, b in (("blue", 2), ("green", 3), ("red", 4), ("nir", 5), ("swir1", 6), ("swir2", 7)):
        with rasterio.open(glob.glob(os.path.join(folder, f"*_SR_B{b}.TIF"))[0]) as ds:
            dn = ds.read(1).astype(np.float64)
            profile = ds.profile
        refl = dn * _mtl(mtl, f"REFLECTANCE_MULT_BAND_{b}") + _mtl(mtl, f"REFLECTANCE_ADD_BAND_{b}")
        refl[dn == 0] = np.nan
        bands[name] = refl
    with rasterio.open(glob.glob(os.path.join(folder, "*_ST_B10.TIF"))[0]) as ds:
        dn = ds.read(1).astype(np.float64)
    lst = dn * _mtl(mtl, "TEMPERATURE_MULT_BAND_ST_B10") + _mtl(mtl, "TEMPERATURE_ADD_BAND_ST_B10") - 273.15
    lst[dn == 0] = np.nan
    b = bands
    out = [indices.ndvi(b["red"], b["nir"]),
           indices.wetness(b["blue"], b["green"], b["red"], b["nir"], b["swir1"], b["swir2"], "OLI"),
           indices.ndbsi(b["blue"], b["green"], b["red"], b["nir"], b["swir1"]), lst]
    return out, indices.mndwi(b["green"], b["swir1"]), profile


def test_real_oli_crop_against_oracle(tmp_path, run_alg):
    folder = shared("landsat-c2l2-30m", "LC08_L2SP_017051_20151205_20200908_02_T1")
    arrays, mndwi, profile = oli_indicators(folder)
    transform = tuple(profile["transform"])[:6]
    crs = profile["crs"].to_string()
    arrays = [a.astype(np.float32) for a in arrays]
    paths = write_set(tmp_path, arrays, transform=transform, crs=crs)
    water = (mndwi > 0).astype(np.uint8)
    mpath = write_raster(tmp_path / "water.tif", water, transform=transform, crs=crs)
    res = run_alg("rsei:rsei", params(paths, tmp_path, MASK=mpath))
    ref = oracle(*arrays, excluded=water > 0)
    assert res["PC1_PERCENT"] == pytest.approx(ref["pc1_percent"], rel=1e-9)
    assert res["RSEI_MEAN"] == pytest.approx(np.nanmean(ref["rsei"]), rel=1e-9)
    out = read_raster(res["OUTPUT"])
    assert np.array_equal(out.mask, ~np.isfinite(ref["rsei"]))
    np.testing.assert_allclose(out.compressed(), ref["rsei"][np.isfinite(ref["rsei"])], atol=2e-7)
    grades = read_raster(res["OUTPUT_GRADES"], masked=False)
    assert np.array_equal(grades, grade_oracle(ref["rsei"]))
    table = read_table(res["OUTPUT_TABLE"])
    assert [r["grade"] for r in table] == [1, 2, 3, 4, 5]
    for r in table:
        n = int((grades == r["grade"]).sum())
        assert r["pixels"] == n
        assert r["area_km2"] == pytest.approx(n * 0.0009, rel=1e-12)
    assert sum(r["percent"] for r in table) == pytest.approx(100.0)
    sidecar = json.load(open(res["OUTPUT"] + ".json"))
    assert sidecar["pc1_loadings"]["NDVI"] == pytest.approx(ref["loadings"][0], abs=1e-10)
    assert sidecar["normalisation"]["LST"]["upper"] == pytest.approx(ref["upper"][3])
    assert len(sidecar["eigenvalues"]) == 4
    assert os.path.exists(str(tmp_path / "rsei.qml")) and os.path.exists(str(tmp_path / "grades.qml"))


# ----------------------------------------------------------------------------- bad input

def _no_outputs(tmp_path):
    return not any(os.path.exists(tmp_path / n) for n in ("rsei.tif", "grades.tif", "rsei.tif.json"))


def _expect_error(run_alg, p, pattern):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match=pattern):
        run_alg("rsei:rsei", p)


def test_grid_mismatch_names_the_input(tmp_path, run_alg):
    arrays = synthetic(nan_frac=0)
    paths = write_set(tmp_path, arrays)
    paths[2] = write_raster(tmp_path / "shifted.tif", arrays[2], transform=(30.0, 0, 500030.0, 0, -30.0, 4e6),
                            nodata=np.nan)
    _expect_error(run_alg, params(paths, tmp_path), r"Input 'NDBSI' is not on the grid of 'NDVI'.*origin")
    assert _no_outputs(tmp_path)


def test_constant_indicator(tmp_path, run_alg):
    arrays = synthetic(nan_frac=0)
    arrays[1][:] = 0.25
    _expect_error(run_alg, params(write_set(tmp_path, arrays), tmp_path), r"Input 'WET' is constant")
    assert _no_outputs(tmp_path)


def test_indicator_entirely_nodata(tmp_path, run_alg):
    arrays = synthetic(nan_frac=0)
    arrays[3][:] = np.nan
    _expect_error(run_alg, params(write_set(tmp_path, arrays), tmp_path), r"Input 'LST' has no valid pixel")
    assert _no_outputs(tmp_path)


def test_no_common_valid_pixel(tmp_path, run_alg):
    arrays = synthetic(nan_frac=0)
    arrays[0][:60] = np.nan
    arrays[3][60:] = np.nan
    _expect_error(run_alg, params(write_set(tmp_path, arrays), tmp_path), r"No pixel has all four indicators")
    assert _no_outputs(tmp_path)


def test_nodata_value_honoured(tmp_path, run_alg):
    """Integer-coded NoData (-9999) in one input is NoData, not a value."""
    arrays = synthetic(nan_frac=0)
    lst = arrays[3].copy()
    lst[10:20, 10:20] = -9999
    paths = write_set(tmp_path, arrays)
    paths[3] = write_raster(tmp_path / "lst_nd.tif", lst, nodata=-9999)
    res = run_alg("rsei:rsei", params(paths, tmp_path))
    ref_arrays = list(arrays)
    ref_arrays[3] = np.where(lst == -9999, np.nan, lst)
    ref = oracle(*ref_arrays)
    assert res["PC1_PERCENT"] == pytest.approx(ref["pc1_percent"], rel=1e-9)
    out = read_raster(res["OUTPUT"])
    assert out.mask[10:20, 10:20].all() and out.mask.sum() == 100


def test_low_pc1_share_warns(tmp_path, run_alg):
    from qgis.core import QgsProcessingFeedback
    rng = np.random.default_rng(11)
    arrays = [rng.random((50, 60)).astype(np.float32) for _ in range(4)]  # independent: PC1 ≈ 25–30 %

    class Feedback(QgsProcessingFeedback):
        errors = []

        def pushWarning(self, warning):  # noqa: N802 - QGIS API
            self.errors.append(warning)
    fb = Feedback()
    res = run_alg("rsei:rsei", params(write_set(tmp_path, arrays), tmp_path), feedback=fb)
    assert res["PC1_PERCENT"] < 60
    assert any("below the 60 %" in e for e in fb.errors)


def test_qgis_process_run(tmp_path, qgis_process):
    arrays = synthetic(seed=13)
    paths = write_set(tmp_path, arrays)
    p = params(paths, tmp_path)
    proc = qgis_process("--json", "run", "rsei:rsei", "--", *[f"{k}={v}" for k, v in p.items()])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = json.loads(proc.stdout[proc.stdout.index("{"):])
    ref = oracle(*arrays)
    assert out["results"]["PC1_PERCENT"] == pytest.approx(ref["pc1_percent"], rel=1e-9)
    assert out["results"]["RSEI_MEAN"] == pytest.approx(np.nanmean(ref["rsei"]), rel=1e-9)
    assert os.path.exists(tmp_path / "rsei.tif") and os.path.exists(tmp_path / "areas.gpkg")


def test_cancel_leaves_no_output(tmp_path, monkeypatch):
    """Cancel during the write pass: Canceled is raised and the transaction leaves no file behind."""
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.05")  # many small blocks
    from rsei_toolbox.core import rsei
    from rsei_toolbox.core.errors import Canceled
    from rsei_toolbox.core.monitor import Monitor
    from rsei_toolbox.core.raster import OutputTransaction
    paths = write_set(tmp_path, synthetic(h=200, w=100))
    progress = []
    monitor = Monitor(progress=progress.append, is_canceled=lambda: len(progress) > 3)
    source = rsei.IndicatorSource(*paths)
    with pytest.raises(Canceled):
        with OutputTransaction() as tx:
            rw = tx.raster(str(tmp_path / "out" / "r.tif"), source.grid)
            rsei.write(source, rsei.fit([source], monitor=Monitor()), rw, monitor=monitor)
    source.close()
    assert progress == sorted(progress)
    assert os.listdir(tmp_path / "out") == []


def test_indicator_set_needs_four_bands(tmp_path):
    from rsei_toolbox.core import rsei
    path = write_raster(tmp_path / "three.tif", np.stack(synthetic()[:3]), nodata=np.nan)
    with pytest.raises(rsei.CoreError, match=r"has 3 band\(s\); an indicator set needs 4 bands"):
        rsei.StackSource(path, label="2001")


# ----------------------------------------------------------------------------- the blocks of pass 1 (core.spill)

def test_block_spill_round_trip_from_threads(tmp_path):
    """Tuples of blocks (None kept) put in window order come back bit for bit, read in any order from several
    threads; close removes the file."""
    from concurrent.futures import ThreadPoolExecutor

    from rasterio.windows import Window

    from rsei_toolbox.core.spill import BlockSpill
    rng = np.random.default_rng(5)
    windows = [Window(c, r, 37, 23) for r in range(0, 92, 23) for c in range(0, 111, 37)]
    blocks = [(rng.normal(size=(4, 23, 37)).astype(np.float32), rng.random((23, 37)) < 0.3 if i % 3 else None)
              for i, _ in enumerate(windows)]
    blocks[3][0][0, 2, 5] = np.nan
    blocks[4][0][:] = -0.0
    with BlockSpill(str(tmp_path), "t-") as spill:
        for w, b in zip(windows, blocks):
            spill.put(w, b)
        assert os.path.dirname(spill.path) == str(tmp_path)
        assert os.path.getsize(spill.path) == sum(x.nbytes for b in blocks for x in b if x is not None)
        order = rng.permutation(len(windows))
        with ThreadPoolExecutor(4) as pool:
            got = list(pool.map(lambda i: spill.get(windows[i]), order))
        for i, (stack, mask) in zip(order, got):
            assert stack.dtype == np.float32 and stack.tobytes() == blocks[i][0].tobytes()
            assert (mask is None) == (blocks[i][1] is None)
            if mask is not None:
                assert mask.dtype == bool and np.array_equal(mask, blocks[i][1])
    assert os.listdir(tmp_path) == []


def _float64_set(tmp_path):
    """Indicators in float64 with values float32 cannot hold: the spill must keep float64."""
    arrays = [a.astype(np.float64) + 1e-9 * np.arange(a.size).reshape(a.shape) for a in synthetic(h=150, w=110, seed=4)]
    return write_set(tmp_path, arrays)


@pytest.mark.parametrize("block_mb, clip, kind", [(None, 0.0, "float32"), ("0.02", 0.0, "float32"),
                                                  ("0.02", 2.0, "mask"), ("0.02", 0.0, "float64")])
def test_spilled_blocks_write_the_same_bits(tmp_path, monkeypatch, block_mb, clip, kind):
    """The passes after pass 1 on its kept blocks give what they give on the inputs read again (the fit, RSEI
    bytes, grades, statistics, feature space): float32 inputs spill as float32, float64 ones as float64, a
    mask's exclusions are kept; the scratch file is gone after Fit.close()."""
    if block_mb:
        monkeypatch.setenv("RSEI_BLOCK_MB", block_mb)
    from rsei_toolbox.core import rsei
    from rsei_toolbox.core.feature_space import feature_space
    from rsei_toolbox.core.raster import OutputTransaction
    if kind == "float64":
        paths = _float64_set(tmp_path)
    else:
        paths = write_set(tmp_path, synthetic(h=170, w=130, seed=9))
    mask = None
    if kind == "mask":
        rng = np.random.default_rng(2)
        mask = write_raster(tmp_path / "mask.tif", (rng.random((170, 130)) < 0.2).astype(np.uint8), transform=PROJ,
                            crs="EPSG:32633", nodata=255)
    source = rsei.IndicatorSource(*paths, mask=mask)
    assert source.spill_dtype() == (np.float64 if kind == "float64" else np.float32)
    results = {}
    for how in ("spill", "inputs"):
        out = tmp_path / how
        out.mkdir()
        with OutputTransaction() as tx:
            rw = tx.raster(str(out / "r.tif"), source.grid)
            gw = tx.raster(str(out / "g.tif"), source.grid, dtype="uint8", nodata=0)
            f = rsei.fit([source], clip_percent=clip, spill_dir=str(out) if how == "spill" else None)
            assert bool(f.spills) == (how == "spill")
            if how == "spill":
                (name,) = [n for n in os.listdir(out) if n.startswith("rsei-blocks-")]
                per_pixel = 4 * np.dtype(source.spill_dtype()).itemsize
                assert os.path.getsize(out / name) >= per_pixel * source.grid.width * source.grid.height
            res = rsei.write(source, f, rw, gw)
            fs = feature_space(source, f, bins=20)
            f.close()
            tx.commit()
        results[how] = (read_raster(out / "r.tif", masked=False).tobytes(),
                        read_raster(out / "g.tif", masked=False).tobytes(), res.mean, res.counts.tolist(),
                        f.lower.tobytes(), f.upper.tobytes(), f.covariance.tobytes(), f.pc1_min, f.pc1_max,
                        [h.counts.tobytes() for h in fs.histograms])
        assert not [n for n in os.listdir(out) if n.startswith("rsei-")]
    source.close()
    assert results["spill"] == results["inputs"]


def test_no_spill_when_the_disk_is_short(tmp_path, monkeypatch):
    """Without room for the scratch file the fit says so in the log and reads the inputs in every pass, with
    the same result."""
    from rsei_toolbox.core import rsei, spill
    from rsei_toolbox.core.monitor import Monitor
    paths = write_set(tmp_path, synthetic(h=90, w=80, seed=3))
    source = rsei.IndicatorSource(*paths)
    with_room = rsei.fit([source], spill_dir=str(tmp_path))
    assert with_room.spills
    with_room.close()
    monkeypatch.setattr(spill, "room_for", lambda folder, nbytes: False)
    lines = []
    monitor = Monitor(info=lines.append)
    short = rsei.fit([source], monitor=monitor, spill_dir=str(tmp_path))
    source.close()
    assert not short.spills and any("Not enough free disk space" in t for t in lines)
    assert (short.pc1_min, short.pc1_max) == (with_room.pc1_min, with_room.pc1_max)
    assert not [n for n in os.listdir(tmp_path) if n.startswith("rsei-blocks-")]


def test_spill_removed_on_cancel_and_on_error(tmp_path, monkeypatch):
    """compute() keeps the blocks of pass 1 beside the output; a cancel in the write pass or an error in the
    range pass leaves no scratch file (and the transaction no output)."""
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.05")
    from rsei_toolbox.core import rsei
    from rsei_toolbox.core.errors import Canceled
    from rsei_toolbox.core.monitor import Monitor
    from rsei_toolbox.core.raster import OutputTransaction
    paths = write_set(tmp_path, synthetic(h=200, w=100))
    source = rsei.IndicatorSource(*paths)
    out = tmp_path / "out"
    out.mkdir()
    calls = []
    monitor = Monitor(progress=calls.append, is_canceled=lambda: len(calls) > 12)   # late: in the write pass
    with pytest.raises(Canceled):
        with OutputTransaction() as tx:
            rsei.compute(source, tx.raster(str(out / "r.tif"), source.grid), monitor=monitor)
    assert os.listdir(out) == []
    real = rsei._pc1_range_task
    seen = []

    def failing(src, fit_, window):
        seen.append(isinstance(src, rsei.SpilledSource))
        assert [n for n in os.listdir(out) if n.startswith("rsei-blocks-")]
        if len(seen) > 2:
            raise RuntimeError("disk on fire")
        return real(src, fit_, window)

    monkeypatch.setattr(rsei, "_pc1_range_task", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        with OutputTransaction() as tx:
            rsei.compute(source, tx.raster(str(out / "r.tif"), source.grid))
    source.close()
    assert seen[0] is True and os.listdir(out) == []


def test_rsei_algorithm_reads_its_inputs_once(tmp_path, run_alg, monkeypatch):
    """rsei:rsei reads each window of the four inputs once (pass 1); the range pass, the write pass and the
    report's feature space read the scratch file, which is gone after the run."""
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.05")
    from rsei_toolbox.core import rsei
    paths = write_set(tmp_path, synthetic(h=200, w=90))
    source = rsei.IndicatorSource(*paths)
    n_windows = len(list(source.windows()))
    source.close()
    assert n_windows > 3
    reads = []
    real = rsei.IndicatorSource.block

    def counting(self, window):
        reads.append((window.row_off, window.col_off))
        return real(self, window)

    monkeypatch.setattr(rsei.IndicatorSource, "block", counting)
    out = tmp_path / "out"
    out.mkdir()
    run_alg("rsei:rsei", params(paths, out, OUTPUT_HTML=str(out / "report.html")))
    assert sorted(reads) == sorted((w.row_off, w.col_off) for w in rsei.IndicatorSource(*paths).windows())
    assert not [n for n in os.listdir(out) if n.startswith("rsei-")]
