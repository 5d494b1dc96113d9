"""rsei:landsatcomposite: median of clear observations on a target grid, against a numpy oracle."""
import json
import os

import numpy as np
import pytest

from conftest import read_raster, shared

M30 = "landsat-c2l2-30m"
A = "LC08_L2SP_218074_20190114_20200829_02_T1"   # grid origin x = 583485
B = "LC08_L2SP_218074_20190130_20200829_02_T1"   # same path/row, origin 30 pixels to the east
NICA = "LC08_L2SP_017051_20151205_20200908_02_T1"
PROD = "landsat-c2l2-products"
LT05 = "LT05_L2SP_090084_19980308_20200909_02_T1"
LE07 = "LE07_L2SP_090084_20210331_20210426_02_T1"
OLI_SR = (2, 3, 4, 5, 6, 7)


def mtl(folder, p):
    return shared(folder, p, f"{p}_MTL.txt")


def dn(folder, p, suffix):
    import rasterio
    with rasterio.open(shared(folder, p, f"{p}_{suffix}.TIF")) as ds:
        return ds.read(1).astype(np.float64)


def refl_stack(folder, p, bands):
    """(6, h, w) reflectance with NaN where any band is fill/out of range (one clear observation)."""
    s = np.stack([dn(folder, p, f"SR_B{n}") for n in bands])
    ok = np.all((s >= 7273) & (s <= 43636), axis=0)
    r = s * 2.75e-5 - 0.2
    r[:, ~ok] = np.nan
    return r


def brumadinho_oracle():
    a = refl_stack(M30, A, OLI_SR)
    b_own = refl_stack(M30, B, OLI_SR)
    b = np.full(a.shape, np.nan)
    b[:, :, 30:] = b_own[:, :, :-30]          # B's column j sits at A's column j + 30 (900 m east)
    obs = np.stack([a, b])
    count = np.isfinite(obs[:, 0]).sum(axis=0)
    with np.errstate(all="ignore"):
        med = np.where(count == 2, (obs[0] + obs[1]) / 2, np.where(np.isfinite(a[0]), a, b))
    return med, count


def read_all(path):
    import rasterio
    from types import SimpleNamespace
    with rasterio.open(path) as ds:
        arr = ds.read(masked=True).filled(np.nan).astype(np.float64)
        info = SimpleNamespace(transform=ds.transform, crs=ds.crs, descriptions=ds.descriptions, tags=ds.tags)
        info.tags = (lambda t: (lambda: t))(ds.tags())
        return arr, info


def run_pair(tmp_path, run_alg, months="1-12", **extra):
    params = {"SCENES": [mtl(M30, A), mtl(M30, B)], "MONTHS": months, "OUTPUT": str(tmp_path / "comp.tif"),
              "OUTPUT_COUNT": str(tmp_path / "count.tif"), **extra}
    return run_alg("rsei:landsatcomposite", params)


@pytest.mark.parametrize("months", ["1-12", "1-1", "11-2"])
def test_two_dates_same_path_row(tmp_path, run_alg, months):
    res = run_pair(tmp_path, run_alg, months)
    med, count = brumadinho_oracle()
    got, _ = read_all(res["OUTPUT"])
    assert got.shape == med.shape  # six bands, no thermal (the crops have none)
    assert np.array_equal(np.isnan(got), np.isnan(med))
    np.testing.assert_allclose(got[np.isfinite(med)], med[np.isfinite(med)], atol=1e-6)
    c = read_raster(res["OUTPUT_COUNT"], masked=False)
    assert np.array_equal(c, count)
    assert set(np.unique(c)) == {0, 1, 2} and (c[:, :30] <= 1).all()
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="composite without a lst band.*OUTPUT_LST"):
        run_alg("rsei:landsatindices", {"INPUT": res["OUTPUT"], "OUTPUT_LST": str(tmp_path / "lst.tif"),
                                        "OUTPUT_NDVI": None, "OUTPUT_WET": None, "OUTPUT_NDBSI": None})
    assert not (tmp_path / "lst.tif").exists()
    import rasterio
    with rasterio.open(res["OUTPUT"]) as ds:
        tags = ds.tags()
        assert tags["RSEI_BANDS"] == "blue,green,red,nir,swir1,swir2" and tags["RSEI_SENSORS"] == "OLI,OLI"
        assert ds.descriptions[3] == "NIR surface reflectance"
    side = json.load(open(res["OUTPUT"] + ".json"))
    assert side["clear_pixels_per_scene"][A] == int(np.isfinite(refl_stack(M30, A, OLI_SR)[0]).sum())


def test_blockwise_equals_single_block(tmp_path, run_alg, monkeypatch):
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.05")   # forces many row strips
    res = run_pair(tmp_path, run_alg)
    med, _ = brumadinho_oracle()
    got, _ = read_all(res["OUTPUT"])
    np.testing.assert_allclose(got[np.isfinite(med)], med[np.isfinite(med)], atol=1e-6)
    assert np.array_equal(np.isnan(got), np.isnan(med))


def test_months_outside_is_an_error_and_leaves_nothing(tmp_path, run_alg):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match=r"none of the 2 scene\(s\).*6, 7, 8, 9"):
        run_pair(tmp_path, run_alg, "6-9")
    assert os.listdir(tmp_path) == []


def test_skipped_and_non_overlapping_scenes_are_named(tmp_path, run_alg):
    from qgis.core import QgsProcessingFeedback

    class FB(QgsProcessingFeedback):
        msgs = []

        def pushInfo(self, m):  # noqa: N802
            self.msgs.append(m)

        def pushWarning(self, m):  # noqa: N802
            self.msgs.append(m)
    fb = FB()
    params = {"SCENES": [mtl(M30, A), mtl(M30, NICA), mtl(M30, B)], "MONTHS": "12-1",
              "OUTPUT": str(tmp_path / "c.tif")}
    run_alg("rsei:landsatcomposite", params, feedback=fb)
    assert any(NICA in m and "does not overlap" in m for m in fb.msgs)
    params["MONTHS"] = "1"
    fb.msgs.clear()
    run_alg("rsei:landsatcomposite", params, feedback=fb)
    assert any(NICA in m and "skipped" in m for m in fb.msgs)


def test_extent_is_aligned_to_the_first_scene(tmp_path, run_alg):
    full = run_pair(tmp_path / "full", run_alg)
    # 583485 + 100*30 = 586485; top -2222685 - 50*30 = -2224185; the extent is off-grid by 7 m
    ext = "586492,588000,-2227000,-2224190 [EPSG:32623]"
    res = run_pair(tmp_path / "sub", run_alg, EXTENT=ext)
    got, ds = read_all(res["OUTPUT"])
    whole, _ = read_all(full["OUTPUT"])
    assert ds.transform.c == 586485.0 and ds.transform.f == -2224185.0
    assert got.shape[1:] == (94, 51)   # rows: (−2224185 − −2227005)/30; cols: (588015 − 586485)/30
    np.testing.assert_array_equal(got, whole[:, 50:144, 100:151])


def test_clip_polygon(tmp_path, run_alg):
    poly = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:32623"}},
            "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[
                [587000, -2225000], [590000, -2225000], [590000, -2228000], [587000, -2225000]]]}}]}
    path = tmp_path / "clip.geojson"
    path.write_text(json.dumps(poly))
    res = run_pair(tmp_path, run_alg, CLIP=str(path))
    got, ds = read_all(res["OUTPUT"])
    assert ds.transform.c == 586995.0 and ds.transform.f == -2224995.0   # bbox snapped to the 30 m grid
    count = read_raster(res["OUTPUT_COUNT"], masked=False)
    # pixel centres strictly above the diagonal (x − 587000 > −y − 2225000 … ) lie outside the triangle
    rows, cols = np.indices(count.shape)
    x = ds.transform.c + (cols + 0.5) * 30
    y = ds.transform.f - (rows + 0.5) * 30
    inside = (x >= 587000) & (x <= 590000) & (y <= -2225000) & ((x - 587000) >= (-2225000 - y))
    assert (count[~inside] == -1).all() and np.isnan(got[:, ~inside]).all()
    assert (count[inside] >= 0).all() and (count[inside] > 0).mean() > 0.9


def test_sensor_mix_with_qa_and_thermal_then_indices(tmp_path, run_alg):
    """TM + ETM+ (different grids, with QA_PIXEL and ST): 7 bands; indices use TM wetness for the mix."""
    import rasterio
    from rasterio.warp import Resampling, reproject
    res = run_alg("rsei:landsatcomposite", {"SCENES": [mtl(PROD, LT05), mtl(PROD, LE07)], "MONTHS": "3",
                                            "OUTPUT": str(tmp_path / "c.tif"),
                                            "OUTPUT_COUNT": str(tmp_path / "n.tif")})
    got, ds = read_all(res["OUTPUT"])
    assert got.shape[0] == 7 and ds.tags()["RSEI_SENSORS"] == "TM,ETM"
    assert ds.descriptions[6] == "surface temperature (deg C)"

    def observation(p):
        s = np.stack([dn(PROD, p, f"SR_B{n}") for n in (1, 2, 3, 4, 5, 7)] + [dn(PROD, p, "ST_B6")])
        qa = dn(PROD, p, "QA_PIXEL").astype(int)
        ok = np.all((s[:6] >= 7273) & (s[:6] <= 43636), axis=0) & (s[6] > 0) & ((qa & 0b111111) == 0)
        v = np.concatenate([s[:6] * 2.75e-5 - 0.2, s[6:] * 0.00341802 + 149.0 - 273.15])
        v[:, ~ok] = np.nan
        return v
    a = observation(LT05)
    with rasterio.open(shared(PROD, LE07, f"{LE07}_SR_B3.TIF")) as src:
        b = np.full(a.shape, np.nan)
        own = observation(LE07)
        for i in range(7):
            reproject(own[i], b[i], src_transform=src.transform, src_crs=src.crs, dst_transform=ds.transform,
                      dst_crs=ds.crs, resampling=Resampling.nearest, src_nodata=np.nan, dst_nodata=np.nan)
    obs = np.stack([a, b])
    count = np.isfinite(obs[:, 0]).sum(axis=0)
    gc = read_raster(res["OUTPUT_COUNT"], masked=False)
    assert np.array_equal(gc, count)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        med = np.nanmedian(obs, axis=0)
    ok = np.isfinite(med)
    assert ok.sum() > 500 and (count == 2).any()
    np.testing.assert_allclose(got[ok], med[ok], atol=2e-5)

    from qgis.core import QgsProcessingFeedback
    fb = QgsProcessingFeedback()
    ind = run_alg("rsei:landsatindices", {"INPUT": res["OUTPUT"], "OUTPUT_WET": str(tmp_path / "w.tif"),
                                          "OUTPUT_LST": str(tmp_path / "l.tif"), "OUTPUT_NDVI": None,
                                          "OUTPUT_NDBSI": None}, feedback=fb)
    c = (0.0315, 0.2021, 0.3102, 0.1594, -0.6806, -0.6109)
    wet = sum(k * got[i] for i, k in enumerate(c))
    px = ok[0]
    np.testing.assert_allclose(read_raster(ind["OUTPUT_WET"]).filled(np.nan)[px], wet[px], atol=1e-5)
    np.testing.assert_allclose(read_raster(ind["OUTPUT_LST"]).filled(np.nan)[px], got[6][px], atol=1e-3)
    assert json.load(open(ind["OUTPUT_WET"] + ".json"))["wetness_coefficients"] == "TM"


def test_target_crs_and_resolution(tmp_path, run_alg):
    res = run_pair(tmp_path, run_alg, TARGET_CRS="EPSG:32723", RESOLUTION=60)
    got, ds = read_all(res["OUTPUT"])
    assert ds.crs.to_epsg() == 32723 and ds.transform.a == 60
    assert np.isfinite(got[0]).mean() > 0.5
    assert 0 < np.nanmedian(got[3]) < 1


def test_level1_scene_is_refused(tmp_path, run_alg):
    from qgis.core import QgsProcessingException
    l1 = shared("landsat-l1-dem", "extdata", "LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt")
    with pytest.raises(QgsProcessingException, match="Level-1"):
        run_alg("rsei:landsatcomposite", {"SCENES": [l1], "MONTHS": "7", "OUTPUT": str(tmp_path / "c.tif")})
    assert os.listdir(tmp_path) == []


def test_all_cloud_composite_is_an_error(tmp_path, run_alg):
    from qgis.core import QgsProcessingException
    p = "LC08_L2SP_017036_20130419_20200913_02_T2"
    with pytest.raises(QgsProcessingException, match="No clear observation"):
        run_alg("rsei:landsatcomposite", {"SCENES": [shared("landsat-c2l2-lowres", p, f"{p}_MTL.txt")],
                                          "MONTHS": "4", "OUTPUT": str(tmp_path / "c.tif"),
                                          "OUTPUT_COUNT": str(tmp_path / "n.tif")})
    assert os.listdir(tmp_path) == []


def test_qgis_process_composite_then_indices(tmp_path, qgis_process):
    """The two algorithms chained as a user runs them from the command line (SCENES given once per file)."""
    comp, ndvi = tmp_path / "comp.tif", tmp_path / "ndvi.tif"
    r = qgis_process("--json", "run", "rsei:landsatcomposite", "--", f"SCENES={mtl(M30, A)}",
                     f"SCENES={mtl(M30, B)}", "MONTHS=1-12", f"OUTPUT={comp}")
    assert r.returncode == 0, r.stdout + r.stderr
    r = qgis_process("--json", "run", "rsei:landsatindices", "--", f"INPUT={comp}", f"OUTPUT_NDVI={ndvi}")
    assert r.returncode == 0, r.stdout + r.stderr
    med, _ = brumadinho_oracle()
    with np.errstate(all="ignore"):
        expect = (med[3] - med[2]) / (med[3] + med[2])
    got = read_raster(str(ndvi)).filled(np.nan)
    ok = np.isfinite(expect)
    assert np.array_equal(np.isfinite(got), ok)
    np.testing.assert_allclose(got[ok], expect[ok], atol=1e-5)
