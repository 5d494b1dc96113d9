"""rsei:landsatindices on real Landsat products against hand-worked oracles (DN read here, MTL scale by hand)."""
import glob
import json
import math
import os
import re

import numpy as np
import pytest

from conftest import read_raster, shared, write_raster

PROD = "landsat-c2l2-products"
LT05 = "LT05_L2SP_090084_19980308_20200909_02_T1"
LE07 = "LE07_L2SP_090084_20210331_20210426_02_T1"
LC08 = "LC08_L2SP_098084_20210503_20210508_02_T1"
M30 = "landsat-c2l2-30m"
NICA = "LC08_L2SP_017051_20151205_20200908_02_T1"
BRUM1 = "LC08_L2SP_218074_20190114_20200829_02_T1"
#: The indices are computed in float32 (stored as float32): ratios with cancellation differ from a
#: float64 oracle by up to ~5e-6, well below the reflectance quantum of C2 L2 data (2.75e-5).
ATOL = 1e-5
OUTS = ("OUTPUT_NDVI", "OUTPUT_WET", "OUTPUT_NDBSI", "OUTPUT_LST", "OUTPUT_MNDWI")

# Published coefficients, typed here from the papers (Crist 1985 with −0.6806; Huang 2002; Baig 2014).
COEF = {"TM": (0.0315, 0.2021, 0.3102, 0.1594, -0.6806, -0.6109),
        "ETM": (0.2626, 0.2141, 0.0926, 0.0656, -0.7629, -0.5388),
        "OLI": (0.1511, 0.1973, 0.3283, 0.3407, -0.7117, -0.4559)}
BANDS = {"TM": (1, 2, 3, 4, 5, 7, "ST_B6"), "ETM": (1, 2, 3, 4, 5, 7, "ST_B6"),
         "OLI": (2, 3, 4, 5, 6, 7, "ST_B10")}


def mtl_path(folder, product):
    return shared(folder, product, f"{product}_MTL.txt")


def mtl_num(path, key):
    text = open(path, encoding="utf-8").read()
    if key.startswith("REFLECTANCE"):
        text = text.split("GROUP = LEVEL2_SURFACE_REFLECTANCE_PARAMETERS")[1]
    return float(re.search(rf"^\s*{key} = \"?([^\"\n]+)\"?$", text, re.M).group(1))


def read_dn(folder, product, suffix):
    import rasterio
    with rasterio.open(shared(folder, product, f"{product}_{suffix}.TIF")) as ds:
        return ds.read(1)


def oracle(folder, product, sensor, qa_bits=(0, 1, 2, 3, 4, 5), wet_sensor=None):
    """Expected outputs computed by hand from the DN with the MTL's scale factors."""
    path = mtl_path(folder, product)
    nums = BANDS[sensor]
    refl = []
    for n in nums[:6]:
        dn = read_dn(folder, product, f"SR_B{n}").astype(np.float64)
        r = dn * mtl_num(path, f"REFLECTANCE_MULT_BAND_{n}") + mtl_num(path, f"REFLECTANCE_ADD_BAND_{n}")
        r[(dn < 7273) | (dn > 43636)] = np.nan   # USGS valid range (also fill 0)
        refl.append(r)
    st = None
    if os.path.exists(shared(folder, product, f"{product}_MTL.txt").replace("_MTL.txt", f"_{nums[6]}.TIF")):
        dn = read_dn(folder, product, nums[6]).astype(np.float64)
        st = dn * mtl_num(path, f"TEMPERATURE_MULT_BAND_{nums[6]}") + \
            mtl_num(path, f"TEMPERATURE_ADD_BAND_{nums[6]}") - 273.15
        st[dn == 0] = np.nan
    qa_file = shared(folder, product, ".")
    qa_file = os.path.join(os.path.dirname(qa_file), f"{product}_QA_PIXEL.TIF")
    if os.path.exists(qa_file):
        qa = read_dn(folder, product, "QA_PIXEL").astype(int)
        bad = np.zeros(qa.shape, bool)
        for b in qa_bits:
            bad |= (qa >> b) & 1 == 1
        for a in refl + ([st] if st is not None else []):
            a[bad] = np.nan
    blue, green, red, nir, s1, s2 = refl
    with np.errstate(all="ignore"):
        ndvi = (nir - red) / (nir + red)
        c = COEF[wet_sensor or sensor]
        wet = sum(k * b for k, b in zip(c, refl))
        si = ((s1 + red) - (nir + blue)) / ((s1 + red) + (nir + blue))
        ibi_a = 2 * s1 / (s1 + nir)
        ibi_b = nir / (nir + red)
        ibi_c = green / (green + s1)
        ibi = (ibi_a - ibi_b - ibi_c) / (ibi_a + ibi_b + ibi_c)
        ndbsi = (si + ibi) / 2
        mndwi = (green - s1) / (green + s1)
    return {"OUTPUT_NDVI": ndvi, "OUTPUT_WET": wet, "OUTPUT_NDBSI": ndbsi, "OUTPUT_LST": st, "OUTPUT_MNDWI": mndwi}


def outputs(tmp_path, names=OUTS, prefix=""):
    """The outputs, and WETNESS_SENSOR 0: these oracles use each sensor's own wetness (the default is TM)."""
    return {"WETNESS_SENSOR": 0, **{n: str(tmp_path / f"{prefix}{n.lower()}.tif") for n in names}}


def read(path):
    return read_raster(path).filled(np.nan).astype(np.float64)


def assert_matches(got, expect, atol):
    assert np.array_equal(np.isnan(got), np.isnan(expect)), \
        f"NoData differs at {np.count_nonzero(np.isnan(got) != np.isnan(expect))} pixels"
    ok = ~np.isnan(expect)
    assert ok.sum() > 0
    np.testing.assert_allclose(got[ok], expect[ok], rtol=0, atol=atol)


class Log:
    def __init__(self):
        from qgis.core import QgsProcessingFeedback

        class FB(QgsProcessingFeedback):
            def __init__(s):
                super().__init__()
                s.info, s.warn = [], []

            def pushInfo(s, m):  # noqa: N802
                s.info.append(m)

            def pushWarning(s, m):  # noqa: N802
                s.warn.append(m)
        self.fb = FB()


@pytest.mark.parametrize("product,sensor", [(LT05, "TM"), (LE07, "ETM"), (LC08, "OLI")])
def test_level2_products_with_qa(tmp_path, run_alg, product, sensor):
    params = {"INPUT": mtl_path(PROD, product), **outputs(tmp_path)}
    res = run_alg("rsei:landsatindices", params)
    expect = oracle(PROD, product, sensor)
    for name in OUTS:
        got = read(res[name])
        assert_matches(got, expect[name], 0.02 if name == "OUTPUT_LST" else ATOL)
    # a QA-masked pixel with valid reflectance is NoData, and the masking is substantial
    qa = read_dn(PROD, product, "QA_PIXEL").astype(int)
    cloud = ((qa >> 3) & 1 == 1) & (read_dn(PROD, product, f"SR_B{BANDS[sensor][2]}") > 7273)
    assert cloud.any() and np.isnan(read(res["OUTPUT_NDVI"])[cloud]).all()
    side = json.load(open(res["OUTPUT_WET"] + ".json"))
    assert side["wetness_coefficients"] == sensor
    assert side["valid_pixels"] == int(np.isfinite(expect["OUTPUT_WET"]).sum())
    assert os.path.exists(os.path.splitext(res["OUTPUT_NDVI"])[0] + ".qml")


def test_default_wetness_is_tm_for_every_sensor(tmp_path, run_alg):
    """One rule with rsei:rseiseries and the paper ("Formula (5) is uniformly applied"): TM by default."""
    res = run_alg("rsei:landsatindices", {"INPUT": mtl_path(PROD, LC08), "OUTPUT_WET": str(tmp_path / "w.tif"),
                                          "OUTPUT_NDVI": None, "OUTPUT_NDBSI": None, "OUTPUT_LST": None})
    assert json.load(open(res["OUTPUT_WET"] + ".json"))["wetness_coefficients"] == "TM"
    assert_matches(read(res["OUTPUT_WET"]), oracle(PROD, LC08, "OLI", wet_sensor="TM")["OUTPUT_WET"], ATOL)


def test_tm_coefficients_for_every_sensor_and_water_mask(tmp_path, run_alg):
    params = {"INPUT": mtl_path(PROD, LC08), "WETNESS_SENSOR": 1, "QA_MASK": [0, 1, 2, 3, 4, 5, 6],
              "OUTPUT_WET": str(tmp_path / "wet.tif"), "OUTPUT_NDVI": None, "OUTPUT_NDBSI": None, "OUTPUT_LST": None}
    res = run_alg("rsei:landsatindices", params)
    expect = oracle(PROD, LC08, "OLI", qa_bits=(0, 1, 2, 3, 4, 5, 7), wet_sensor="TM")["OUTPUT_WET"]
    assert_matches(read(res["OUTPUT_WET"]), expect, ATOL)
    assert set(res) == {"OUTPUT_WET"}


def test_qa_switches(tmp_path, run_alg):
    """Unticking cloud keeps cloudy pixels (only fill etc. masked)."""
    params = {"INPUT": mtl_path(PROD, LT05), "QA_MASK": [0], "OUTPUT_NDVI": str(tmp_path / "n.tif"),
              "OUTPUT_WET": None, "OUTPUT_NDBSI": None, "OUTPUT_LST": None}
    res = run_alg("rsei:landsatindices", params)
    assert_matches(read(res["OUTPUT_NDVI"]), oracle(PROD, LT05, "TM", qa_bits=(0,))["OUTPUT_NDVI"], ATOL)


def test_30m_crop_without_qa_warns(tmp_path, run_alg):
    log = Log()
    res = run_alg("rsei:landsatindices", {"INPUT": mtl_path(M30, NICA), **outputs(tmp_path)}, feedback=log.fb)
    assert any("no QA_PIXEL" in w for w in log.fb.warn)
    expect = oracle(M30, NICA, "OLI")
    for name in OUTS:
        assert_matches(read(res[name]), expect[name], 0.02 if name == "OUTPUT_LST" else ATOL)
    # one pixel worked out explicitly: row 100, col 200
    dn = {n: int(read_dn(M30, NICA, f"SR_B{n}")[100, 200]) for n in (4, 5)}
    red, nir = (dn[4] * 2.75e-5 - 0.2), (dn[5] * 2.75e-5 - 0.2)
    assert read(res["OUTPUT_NDVI"])[100, 200] == pytest.approx((nir - red) / (nir + red), abs=1e-6)
    k = int(read_dn(M30, NICA, "ST_B10")[100, 200])
    assert read(res["OUTPUT_LST"])[100, 200] == pytest.approx(k * 0.00341802 + 149.0 - 273.15, abs=1e-3)


def test_out_of_range_reflectance_is_nodata(tmp_path, run_alg):
    """Water in SWIR has DN < 7273 (negative reflectance) → NoData where SWIR is used, NDVI still valid."""
    res = run_alg("rsei:landsatindices", {"INPUT": mtl_path(M30, NICA), **outputs(tmp_path)})
    s1 = read_dn(M30, NICA, "SR_B6")
    low = (s1 > 0) & (s1 < 7273)
    assert low.any()
    assert np.isnan(read(res["OUTPUT_NDBSI"])[low]).all() and np.isnan(read(res["OUTPUT_MNDWI"])[low]).all()
    red, nir = read_dn(M30, NICA, "SR_B4"), read_dn(M30, NICA, "SR_B5")
    okrn = low & (red >= 7273) & (nir >= 7273) & (red <= 43636) & (nir <= 43636)
    assert np.isfinite(read(res["OUTPUT_NDVI"])[okrn]).all()


def test_missing_thermal_band_is_an_error_naming_file_and_output(tmp_path, run_alg):
    from qgis.core import QgsProcessingException
    params = {"INPUT": mtl_path(M30, BRUM1), **outputs(tmp_path)}
    with pytest.raises(QgsProcessingException, match=rf"OUTPUT_LST.*{BRUM1}_ST_B10\.TIF"):
        run_alg("rsei:landsatindices", params)
    assert os.listdir(tmp_path) == []  # nothing partial
    params["OUTPUT_LST"] = None
    res = run_alg("rsei:landsatindices", params)
    assert set(res) == {"OUTPUT_NDVI", "OUTPUT_WET", "OUTPUT_NDBSI", "OUTPUT_MNDWI"}


def test_incomplete_download(tmp_path, run_alg):
    from qgis.core import QgsProcessingException
    p = "LC08_L2SP_232056_20151004_20200908_02_T1"
    with pytest.raises(QgsProcessingException, match=rf"OUTPUT_NDVI.*{p}_SR_B5\.TIF"):
        run_alg("rsei:landsatindices", {"INPUT": mtl_path(M30, p), "OUTPUT_NDVI": str(tmp_path / "n.tif"),
                                        "OUTPUT_WET": None, "OUTPUT_NDBSI": None, "OUTPUT_LST": None})
    assert os.listdir(tmp_path) == []


def test_all_cloud_scene_says_so(tmp_path, run_alg):
    from qgis.core import QgsProcessingException
    p = "LC08_L2SP_017036_20130419_20200913_02_T2"
    with pytest.raises(QgsProcessingException, match="no clear pixel"):
        run_alg("rsei:landsatindices", {"INPUT": shared("landsat-c2l2-lowres", p, f"{p}_MTL.json"),
                                        **outputs(tmp_path)})
    assert os.listdir(tmp_path) == []


def test_xml_and_json_mtl_give_the_same_result(tmp_path, run_alg):
    p = "LC08_L2SP_008059_20191201_20200825_02_T1"
    got = []
    for ext in ("txt", "xml", "json"):
        res = run_alg("rsei:landsatindices", {"INPUT": shared("landsat-c2l2-lowres", p, f"{p}_MTL.{ext}"),
                                              "OUTPUT_NDVI": str(tmp_path / f"{ext}.tif"), "OUTPUT_WET": None,
                                              "OUTPUT_NDBSI": None, "OUTPUT_LST": None})
        got.append(read(res["OUTPUT_NDVI"]))
    assert np.array_equal(got[0], got[1], equal_nan=True) and np.array_equal(got[0], got[2], equal_nan=True)
    assert np.isfinite(got[0]).sum() > 1000


# ----------------------------------------------------------------------------- Level 1

def l1_oracle(mtl, sensor_bands, thermal, tau, up, down):
    import rasterio
    text = open(mtl, encoding="utf-8").read()

    def num(key):
        return float(re.search(rf"^\s*{key} = ([^\n]+)$", text, re.M).group(1))
    folder = os.path.dirname(mtl)
    stem = os.path.basename(mtl)[:-8]
    sun = math.sin(math.radians(num("SUN_ELEVATION")))

    def band(n):
        with rasterio.open(os.path.join(folder, f"{stem}_B{n}.TIF")) as ds:
            dn = ds.read(1).astype(np.float64)
            bad = dn == ds.nodata
        return dn, bad
    red_dn, rb = band(sensor_bands[0])
    nir_dn, nb = band(sensor_bands[1])
    r, n = sensor_bands
    red = (red_dn * num(f"REFLECTANCE_MULT_BAND_{r}") + num(f"REFLECTANCE_ADD_BAND_{r}")) / sun
    nir = (nir_dn * num(f"REFLECTANCE_MULT_BAND_{n}") + num(f"REFLECTANCE_ADD_BAND_{n}")) / sun
    t_dn, tb = band(thermal)
    rad = t_dn * num(f"RADIANCE_MULT_BAND_{thermal}") + num(f"RADIANCE_ADD_BAND_{thermal}")
    ndvi = (nir - red) / (nir + red)
    # Sobrino et al. (2004) thresholds, written out
    eps = np.empty(ndvi.shape)
    for idx in np.ndindex(ndvi.shape):
        v = ndvi[idx]
        if v < 0.2:
            eps[idx] = 0.979 - 0.035 * red[idx]
        elif v > 0.5:
            eps[idx] = 0.99
        else:
            eps[idx] = 0.986 + 0.004 * ((v - 0.2) / 0.3) ** 2
    bt = (rad - up - (1 - eps) * down * tau) / (eps * tau)
    lst = num(f"K2_CONSTANT_BAND_{thermal}") / np.log(num(f"K1_CONSTANT_BAND_{thermal}") / bt + 1) - 273.15
    bad = rb | nb | tb | (red < 0) | (red > 1) | (nir < 0) | (nir > 1)
    ndvi[bad] = np.nan
    lst[bad] = np.nan
    return ndvi, lst


@pytest.mark.parametrize("product,bands,thermal", [
    ("extdata/LC08_L1TP_195025_20130707_20170503_01_T1", (4, 5), "10"),
    ("extdata/LE07_L1TP_195025_20010730_20170204_01_T1", (3, 4), "6_VCID_1"),
    ("testdata/LT05/LT05_L1TP_167055_20000309_20161214_01_T1", (3, 4), "6"),
])
def test_level1_radiative_transfer_lst(tmp_path, run_alg, product, bands, thermal):
    parts = product.split("/")
    mtl = shared("landsat-l1-dem", *parts[:-1], parts[-1] + "_MTL.txt")
    tau, up, down = 0.82, 1.35, 2.21
    log = Log()
    res = run_alg("rsei:landsatindices", {"INPUT": mtl, "ATM_TRANSMITTANCE": tau, "UPWELLING_RADIANCE": up,
                                          "DOWNWELLING_RADIANCE": down, "OUTPUT_NDVI": str(tmp_path / "ndvi.tif"),
                                          "OUTPUT_LST": str(tmp_path / "lst.tif"), "OUTPUT_WET": None,
                                          "OUTPUT_NDBSI": None}, feedback=log.fb)
    ndvi, lst = l1_oracle(mtl, bands, thermal, tau, up, down)
    got_ndvi, got_lst = read(res["OUTPUT_NDVI"]), read(res["OUTPUT_LST"])
    ok = np.isfinite(ndvi)
    assert ok.sum() > 100
    np.testing.assert_allclose(got_ndvi[ok], ndvi[ok], atol=ATOL)
    np.testing.assert_allclose(got_lst[ok], lst[ok], atol=1e-3)
    assert any("TOA reflectance" in m for m in log.fb.info)
    assert 0 < np.nanmean(got_lst) < 60


def test_level1_without_atmosphere_warns(tmp_path, run_alg):
    mtl = shared("landsat-l1-dem", "extdata", "LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt")
    log = Log()
    run_alg("rsei:landsatindices", {"INPUT": mtl, "OUTPUT_LST": str(tmp_path / "lst.tif"), "OUTPUT_NDVI": None,
                                    "OUTPUT_WET": None, "OUTPUT_NDBSI": None}, feedback=log.fb)
    assert any("without atmospheric correction" in w for w in log.fb.warn)


def test_table2_fallback_when_mtl_lacks_k(tmp_path, run_alg):
    """K1/K2 fall back to the paper's Table 2 (read here from the CSV) when the MTL has none."""
    import csv
    import shutil
    src = shared("landsat-l1-dem", "extdata")
    stem = "LE07_L1TP_195025_20010730_20170204_01_T1"
    work = tmp_path / "scene"
    work.mkdir()
    for f in glob.glob(os.path.join(src, stem + "*.TIF")):
        os.symlink(f, work / os.path.basename(f))
    text = open(os.path.join(src, stem + "_MTL.txt"), encoding="utf-8").read()
    text = re.sub(r"^\s*K[12]_CONSTANT.*\n", "", text, flags=re.M)
    (work / f"{stem}_MTL.txt").write_text(text)
    rows = {r["band"]: r for r in csv.DictReader(open(shared("paper", "table2_thermal_constants.csv")))}
    k1, k2 = float(rows["Landsat 7 B6"]["K1_W_m2_sr_um"]), float(rows["Landsat 7 B6"]["K2_K"])
    log = Log()
    res = run_alg("rsei:landsatindices", {"INPUT": str(work / f"{stem}_MTL.txt"), "OUTPUT_LST": str(tmp_path / "l.tif"),
                                          "OUTPUT_NDVI": None, "OUTPUT_WET": None, "OUTPUT_NDBSI": None},
                  feedback=log.fb)
    assert any(f"K1={k1}" in m and f"K2={k2}" in m and "Table 2" in m for m in log.fb.info)
    assert np.isfinite(read(res["OUTPUT_LST"])).sum() > 100
    shutil.rmtree(work)


# ----------------------------------------------------------------------------- plain rasters

def test_gee_style_raster(tmp_path, run_alg):
    """A stack of raw DN in another band order, with scale/offset given, equals the MTL route."""
    import rasterio
    order = ["SR_B7", "SR_B6", "ST_B10", "SR_B5", "SR_B4", "SR_B3", "SR_B2"]
    with rasterio.open(shared(M30, NICA, f"{NICA}_SR_B4.TIF")) as ds:
        transform, crs = tuple(ds.transform)[:6], ds.crs.to_string()
    stack = np.stack([read_dn(M30, NICA, b) for b in order]).astype(np.float32)
    stack[stack == 0] = np.nan
    path = write_raster(tmp_path / "gee.tif", stack, transform=transform, crs=crs, nodata=np.nan)
    params = {"INPUT": path, "BAND_BLUE": 7, "BAND_GREEN": 6, "BAND_RED": 5, "BAND_NIR": 4, "BAND_SWIR1": 2,
              "BAND_SWIR2": 1, "BAND_THERMAL": 3, "REFLECTANCE_SCALE": 2.75e-5, "REFLECTANCE_OFFSET": -0.2,
              "THERMAL_SCALE": 0.00341802, "THERMAL_OFFSET": 149.0, "THERMAL_UNIT": 0,
              **outputs(tmp_path), "WETNESS_SENSOR": 3}
    res = run_alg("rsei:landsatindices", params)
    expect = oracle(M30, NICA, "OLI")
    for name in OUTS:
        assert_matches(read(res[name]), expect[name], 0.02 if name == "OUTPUT_LST" else ATOL)


def test_plain_raster_needs_a_wetness_sensor_and_the_bands(tmp_path, run_alg):
    from qgis.core import QgsProcessingException
    arr = np.full((6, 5, 5), 0.2, dtype=np.float32)
    path = write_raster(tmp_path / "six.tif", arr)
    out = tmp_path / "out"
    with pytest.raises(QgsProcessingException, match="WETNESS_SENSOR"):
        run_alg("rsei:landsatindices", {"INPUT": path, "OUTPUT_WET": str(out / "w.tif"), "OUTPUT_NDVI": None,
                                        "OUTPUT_NDBSI": None, "OUTPUT_LST": None, "WETNESS_SENSOR": 0})
    with pytest.raises(QgsProcessingException, match=r"has 6 band\(s\).*lst band 7.*OUTPUT_LST"):
        run_alg("rsei:landsatindices", {"INPUT": path, "OUTPUT_LST": str(out / "l.tif"), "OUTPUT_NDVI": None,
                                        "OUTPUT_WET": None, "OUTPUT_NDBSI": None})
    assert not out.exists() or os.listdir(out) == []
    res = run_alg("rsei:landsatindices", {"INPUT": path, "OUTPUT_NDVI": str(out / "n.tif"), "OUTPUT_WET": None,
                                          "OUTPUT_NDBSI": None, "OUTPUT_LST": None})
    assert np.allclose(read(res["OUTPUT_NDVI"]), 0.0)  # equal red and NIR


# ----------------------------------------------------------------------------- qgis_process

def test_qgis_process_runs_indices(tmp_path, qgis_process):
    out = tmp_path / "ndvi.tif"
    r = qgis_process("--json", "run", "rsei:landsatindices", "--", f"INPUT={mtl_path(PROD, LC08)}",
                     f"OUTPUT_NDVI={out}", f"OUTPUT_LST={tmp_path / 'lst.tif'}")
    assert r.returncode == 0, r.stdout + r.stderr
    results = json.loads(r.stdout)["results"]
    assert results["OUTPUT_NDVI"] == str(out)
    expect = oracle(PROD, LC08, "OLI")
    assert_matches(read(str(out)), expect["OUTPUT_NDVI"], ATOL)
    assert_matches(read(str(tmp_path / "lst.tif")), expect["OUTPUT_LST"], 0.02)
    bad = qgis_process("run", "rsei:landsatindices", "--", f"INPUT={mtl_path(M30, BRUM1)}",
                       f"OUTPUT_LST={tmp_path / 'x.tif'}")
    assert bad.returncode != 0 and "ST_B10" in bad.stdout + bad.stderr
    assert not (tmp_path / "x.tif").exists()
