"""core.landsat / core.lst / core.indices: MTL parsing, QA bits, scaling, LST formulas (no QGIS needed)."""
import math
import os
import re

import numpy as np
import pytest

from conftest import shared

PROD = "landsat-c2l2-products"
LT05 = "LT05_L2SP_090084_19980308_20200909_02_T1"
LE07 = "LE07_L2SP_090084_20210331_20210426_02_T1"
LC08 = "LC08_L2SP_098084_20210503_20210508_02_T1"
LOWRES = "landsat-c2l2-lowres"
SNOW = "LC08_L2SP_005009_20150710_20200908_02_T2"


def mtl(folder, product, ext="txt"):
    return shared(folder, product, f"{product}_MTL.{ext}")


def mtl_value(path, key, group=None):
    """A value straight from the ODL text with a regex (independent of core.landsat's parser)."""
    text = open(path, encoding="utf-8").read()
    if group:
        text = text.split(f"GROUP = {group}")[1].split(f"END_GROUP = {group}")[0]
    return re.search(rf"^\s*{key} = \"?([^\"\n]+)\"?$", text, re.M).group(1)


# ----------------------------------------------------------------------------- MTL

def test_mtl_txt_xml_json_agree():
    from rsei_toolbox.core.mtl import read_mtl
    txt = read_mtl(mtl(LOWRES, SNOW, "txt"))
    xml = read_mtl(mtl(LOWRES, SNOW, "xml"))
    js = read_mtl(mtl(LOWRES, SNOW, "json"))
    for group, key in [("LEVEL2_SURFACE_REFLECTANCE_PARAMETERS", "REFLECTANCE_MULT_BAND_4"),
                       ("LEVEL2_SURFACE_TEMPERATURE_PARAMETERS", "TEMPERATURE_ADD_BAND_ST_B10"),
                       ("IMAGE_ATTRIBUTES", "DATE_ACQUIRED"), ("PRODUCT_CONTENTS", "FILE_NAME_QUALITY_L1_PIXEL")]:
        assert float_or(txt[group][key]) == float_or(xml[group][key]) == float_or(js[group][key])


def float_or(v):
    try:
        return float(v)
    except ValueError:
        return v


def test_l2_scale_comes_from_the_l2_group_not_the_l1_record():
    """An L2 MTL also lists the L1 REFLECTANCE_MULT_BAND_n (TOA); the SR factor must be used."""
    from rsei_toolbox.core.mtl import open_scene
    path = mtl(PROD, LT05)
    scene = open_scene(path)
    l2 = float(mtl_value(path, "REFLECTANCE_MULT_BAND_3", "LEVEL2_SURFACE_REFLECTANCE_PARAMETERS"))
    l1 = float(mtl_value(path, "REFLECTANCE_MULT_BAND_3", "LEVEL1_RADIOMETRIC_RESCALING"))
    assert l2 != l1
    assert scene.bands["red"].mult == l2
    assert scene.bands["red"].add == float(mtl_value(path, "REFLECTANCE_ADD_BAND_3",
                                                     "LEVEL2_SURFACE_REFLECTANCE_PARAMETERS"))
    assert scene.bands["thermal"].mult == float(mtl_value(path, "TEMPERATURE_MULT_BAND_ST_B6"))
    assert scene.bands["thermal"].add == float(mtl_value(path, "TEMPERATURE_ADD_BAND_ST_B6"))


@pytest.mark.parametrize("product,sensor,blue,swir2,thermal", [
    (LT05, "TM", "SR_B1", "SR_B7", "ST_B6"),
    (LE07, "ETM", "SR_B1", "SR_B7", "ST_B6"),
    (LC08, "OLI", "SR_B2", "SR_B7", "ST_B10"),
])
def test_sensor_and_band_files(product, sensor, blue, swir2, thermal):
    from rsei_toolbox.core.mtl import open_scene
    scene = open_scene(mtl(PROD, product))
    assert scene.sensor == sensor and scene.level == "L2"
    assert scene.bands["blue"].path.endswith(f"_{blue}.TIF")
    assert scene.bands["swir2"].path.endswith(f"_{swir2}.TIF")
    assert scene.bands["thermal"].path.endswith(f"_{thermal}.TIF")
    assert scene.qa_path.endswith("_QA_PIXEL.TIF") and scene.qa_kind == "c2"
    assert all(b.exists for b in scene.bands.values())


def test_level1_scenes():
    from rsei_toolbox.core.mtl import open_scene
    oli = open_scene(shared("landsat-l1-dem", "extdata", "LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt"))
    assert (oli.level, oli.sensor, oli.k1, oli.k2, oli.k_source) == ("L1", "OLI", 774.8853, 1321.0789, "MTL")
    assert oli.bands["thermal"].path.endswith("_B10.TIF") and oli.bands["red"].path.endswith("_B4.TIF")
    assert oli.qa_kind == "c1"
    etm = open_scene(shared("landsat-l1-dem", "extdata", "LE07_L1TP_195025_20010730_20170204_01_T1_MTL.txt"))
    assert etm.bands["thermal"].path.endswith("_B6_VCID_1.TIF")
    assert etm.bands["thermal"].mult == 6.7087e-02 and etm.bands["thermal"].add == -0.06709
    tm = open_scene(shared("landsat-l1-dem", "testdata", "LT05",
                           "LT05_L1TP_167055_20000309_20161214_01_T1_MTL.txt"))
    assert (tm.sensor, tm.k1, tm.k2) == ("TM", 607.76, 1260.56)


def test_missing_band_file_is_named(tmp_path):
    from rsei_toolbox.core.errors import CoreError
    from rsei_toolbox.core.mtl import open_scene
    scene = open_scene(shared("landsat-c2l2-30m", "LC08_L2SP_232056_20151004_20200908_02_T1",
                              "LC08_L2SP_232056_20151004_20200908_02_T1_MTL.txt"))
    assert scene.has("red") and not scene.has("nir")
    with pytest.raises(CoreError, match=r"OUTPUT_NDVI.*LC08_L2SP_232056_20151004_20200908_02_T1_SR_B5\.TIF"):
        scene.band("nir", "OUTPUT_NDVI")


def test_not_an_mtl(tmp_path):
    from rsei_toolbox.core.errors import CoreError
    from rsei_toolbox.core.mtl import open_scene
    p = tmp_path / "x_MTL.txt"
    p.write_text("hello = world\n")
    with pytest.raises(CoreError, match="not a Landsat MTL"):
        open_scene(p)
    with pytest.raises(CoreError, match="does not exist"):
        open_scene(tmp_path / "nope_MTL.txt")


# ----------------------------------------------------------------------------- QA bits

def test_qa_bits_one_by_one():
    """Bits: 0 fill, 1 dilated cloud, 2 cirrus, 3 cloud, 4 cloud shadow, 5 snow, 6 clear, 7 water (LSDS-1619)."""
    from rsei_toolbox.core.qa import QA_CONDITIONS, qa_pixel_mask
    bit = {"fill": 0, "dilated_cloud": 1, "cirrus": 2, "cloud": 3, "cloud_shadow": 4, "snow": 5, "water": 7}
    for name in QA_CONDITIONS:
        qa = np.array([1 << bit[name], 1 << 6, 0], dtype=np.uint16)
        assert qa_pixel_mask(qa, (name,)).tolist() == [True, False, False], name
        others = tuple(c for c in QA_CONDITIONS if c != name)
        assert not qa_pixel_mask(qa[:1], others).any(), name
    # Confidence bits (8-15) alone never mask.
    assert not qa_pixel_mask(np.array([0xFF00], dtype=np.uint16), QA_CONDITIONS).any()


def test_qa_typical_values():
    """Documented C2 values: 21824 clear land, 21952 clear water, 22280 high-confidence cloud,
    23888 cloud shadow, 30048 snow (OLI)."""
    from rsei_toolbox.core.qa import QA_DEFAULT, qa_pixel_mask
    qa = np.array([21824, 21952, 22280, 23888, 30048, 1], dtype=np.uint16)
    assert qa_pixel_mask(qa, QA_DEFAULT).tolist() == [False, False, True, True, True, True]
    assert qa_pixel_mask(qa, QA_DEFAULT + ("water",)).tolist() == [False, True, True, True, True, True]
    assert qa_pixel_mask(qa, ("cloud",)).tolist() == [False, False, True, False, False, False]


@pytest.mark.parametrize("product", [SNOW, "LC08_L2SP_008059_20191201_20200825_02_T1"])
def test_qa_against_bit_oracle_on_real_raster(product):
    import rasterio
    from rsei_toolbox.core.qa import QA_DEFAULT, qa_pixel_mask
    with rasterio.open(shared(LOWRES, product, f"{product}_QA_PIXEL.TIF")) as ds:
        qa = ds.read(1)
    oracle = np.zeros(qa.shape, bool)
    for b in (0, 1, 2, 3, 4, 5):
        oracle |= (qa.astype(int) // 2 ** b) % 2 == 1
    got = qa_pixel_mask(qa, QA_DEFAULT)
    assert np.array_equal(got, oracle)
    clear = (qa.astype(int) // 64) % 2 == 1
    snow = (qa.astype(int) // 32) % 2 == 1
    if product == SNOW:
        assert snow.any() and got[snow].all()  # snow pixels carry the 'clear' bit but are masked
        assert not qa_pixel_mask(qa[snow], ("cloud",)).all()
    else:
        assert 0 < got.mean() < 1
        assert not got[(qa == 21824) | (qa == 21952)].any()  # clear land, clear water
        assert got[clear & ((qa.astype(int) // 16) % 2 == 1)].all()  # 'clear' bit with shadow: still masked


def test_collection1_bqa():
    from rsei_toolbox.core.qa import QA_DEFAULT, bqa_c1_mask
    # 2720: clear OLI C1 (all confidences low); 2800: cloud bit + high cloud conf; 1: fill;
    # 3 << 7 high shadow conf; 3 << 9 high snow; 3 << 11 high cirrus; 2 << 7 medium shadow (kept).
    qa = np.array([2720, 2800, 1, 3 << 7, 3 << 9, 3 << 11, 2 << 7])
    assert bqa_c1_mask(qa, QA_DEFAULT).tolist() == [False, True, True, True, True, True, False]
    assert bqa_c1_mask(qa, ("cloud",)).tolist() == [False, True, False, False, False, False, False]


# ----------------------------------------------------------------------------- months, scaling

@pytest.mark.parametrize("text,months", [("6-9", (6, 7, 8, 9)), ("1-12", tuple(range(1, 13))),
                                         ("5,6,7", (5, 6, 7)), ("11-2", (1, 2, 11, 12)), ("1-1", (1,)),
                                         (" 3 , 10-11", (3, 10, 11))])
def test_parse_months(text, months):
    from rsei_toolbox.core.years import parse_months
    assert parse_months(text) == months


@pytest.mark.parametrize("text", ["", "13", "0-3", "June", "6-", "6-9-10"])
def test_parse_months_errors(text):
    from rsei_toolbox.core.errors import CoreError
    from rsei_toolbox.core.years import parse_months
    with pytest.raises(CoreError, match="MONTHS"):
        parse_months(text)


def test_reflectance_valid_range():
    """DN 7273–43636 is reflectance 0–1 for 2.75e-5/−0.2; outside and fill (0) are NaN."""
    from rsei_toolbox.core.landsat import to_reflectance
    dn = np.array([0, 7272, 7273, 20000, 43636, 43637, 65535], dtype=np.uint16)
    valid = np.array([True] * 6 + [False])
    r = to_reflectance(dn, valid, 2.75e-5, -0.2)
    assert np.isnan(r[[0, 1, 5, 6]]).all()
    assert r[2] == pytest.approx(7273 * 2.75e-5 - 0.2) and r[2] >= 0
    assert r[3] == pytest.approx(0.35)
    assert r[4] == pytest.approx(43636 * 2.75e-5 - 0.2) and r[4] <= 1


def test_toa_reflectance_sun_correction():
    from rsei_toolbox.core.landsat import to_reflectance
    r = to_reflectance(np.array([10000]), np.array([True]), 2e-5, -0.1, sun_elevation=30.0)
    assert r[0] == pytest.approx((10000 * 2e-5 - 0.1) / 0.5)


# ----------------------------------------------------------------------------- formulas

def test_tm_wetness_uses_crist_coefficient():
    from rsei_toolbox.core.indices import WETNESS_COEFFICIENTS, wetness
    assert WETNESS_COEFFICIENTS["TM"][4] == -0.6806
    ones = np.ones(1)
    zero = np.zeros(1)
    assert wetness(zero, zero, zero, zero, ones, zero, "TM")[0] == -0.6806
    b = [np.array([v]) for v in (0.05, 0.08, 0.1, 0.3, 0.2, 0.12)]
    expect = 0.1511 * 0.05 + 0.1973 * 0.08 + 0.3283 * 0.1 + 0.3407 * 0.3 - 0.7117 * 0.2 - 0.4559 * 0.12
    assert wetness(*b, "OLI")[0] == pytest.approx(expect)


def test_planck_inverts():
    """eq. 8 inverts Planck's law in the Landsat form B = K1 / (exp(K2/T) − 1)."""
    from rsei_toolbox.core.lst import planck_temperature_c
    k1, k2 = 774.8853, 1321.0789
    t = np.array([250.0, 300.0, 320.0])
    b = k1 / (np.exp(k2 / t) - 1)
    assert planck_temperature_c(b, k1, k2) == pytest.approx(t - 273.15)
    assert np.isnan(planck_temperature_c(np.array([0.0, -1.0, np.nan]), k1, k2)).all()


def test_radiative_transfer_inverts_eq6():
    from rsei_toolbox.core.lst import blackbody_radiance
    bt, eps, tau, up, down = 9.5, 0.97, 0.85, 1.1, 1.9
    i = bt * eps * tau + up + (1 - eps) * down * tau           # eq. 6
    assert blackbody_radiance(np.array([i]), np.array([eps]), tau, up, down)[0] == pytest.approx(bt)


def test_emissivity_thresholds():
    """Sobrino et al. 2004: soil 0.979 − 0.035·red; mixed 0.986 + 0.004·Pv; vegetation 0.99."""
    from rsei_toolbox.core.lst import emissivity_ndvi_threshold
    ndvi = np.array([0.1, 0.2, 0.35, 0.5, 0.6, np.nan, -0.3])
    red = np.array([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.02])
    eps = emissivity_ndvi_threshold(ndvi, red)
    expect = [0.979 - 0.0035, 0.986, 0.986 + 0.004 * 0.25, 0.990, 0.99, np.nan, 0.979 - 0.035 * 0.02]
    np.testing.assert_allclose(eps, expect, rtol=0, atol=1e-12)
    assert math.isnan(eps[5])


def test_no_qgis_in_landsat_core():
    import rsei_toolbox.core.composite as c
    import rsei_toolbox.core.landsat as lnd
    import rsei_toolbox.core.lst as lst
    import rsei_toolbox.core.mtl as mtl
    import rsei_toolbox.core.qa as qa
    for mod in (c, lnd, lst, mtl, qa):
        assert "qgis" not in open(mod.__file__, encoding="utf-8").read().replace("rsei:", "").split("import")[0]
        assert "from qgis" not in open(mod.__file__, encoding="utf-8").read()
    assert os.path.exists(lnd.__file__)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_nanmedian0_matches_numpy(n, dtype):
    """The composite's vectorised median equals numpy.nanmedian: odd/even counts, ties, all-NaN pixels."""
    import warnings
    from rsei_toolbox.core.composite import nanmedian0
    rng = np.random.default_rng(n)
    x = rng.integers(0, 5, size=(n, 3, 30, 40)).astype(dtype)   # small integers: many ties
    x[rng.random(x.shape) < 0.35] = np.nan
    x[:, :, 0, 0] = np.nan                                          # a pixel with no observation
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expect = np.nanmedian(x, axis=0)
    got = nanmedian0(x)
    assert got.dtype == dtype
    np.testing.assert_array_equal(got, expect)
    assert np.isnan(got[:, 0, 0]).all()


def test_composite_cancel_leaves_nothing(tmp_path):
    from rsei_toolbox.core import composite
    from rsei_toolbox.core.errors import Canceled
    from rsei_toolbox.core.years import parse_months
    from rsei_toolbox.core.monitor import Monitor
    from rsei_toolbox.core.raster import OutputTransaction
    a = "LC08_L2SP_218074_20190114_20200829_02_T1"
    b = "LC08_L2SP_218074_20190130_20200829_02_T1"
    paths = [shared("landsat-c2l2-30m", p, f"{p}_MTL.txt") for p in (a, b)]
    calls = []
    monitor = Monitor(is_canceled=lambda: calls.append(1) or len(calls) > 2)
    scenes = composite.select_scenes(paths, parse_months("1-12"), monitor)
    grid = composite.target_grid(composite.scene_grid(scenes[0]))
    with pytest.raises(Canceled):
        with OutputTransaction() as tx:
            composite.make_composite(scenes, grid, str(tmp_path / "c.tif"), str(tmp_path / "n.tif"), tx, monitor,
                                     )
    assert os.listdir(tmp_path) == []
