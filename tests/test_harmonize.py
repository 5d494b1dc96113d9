"""HARMONIZE: TM/ETM+ → OLI-like surface reflectance with Roy et al. (2016) Table 2 OLS, on hand-worked pixels."""
import json

import numpy as np
import pytest

from conftest import read_raster, write_raster
from test_landsat_indices import LC08, LT05, PROD, mtl_num, mtl_path, read_dn
from rsei_toolbox.core import harmonize as hz

# Roy et al. (2016) Table 2, OLS "OLI = a + b·ETM+", typed here (blue, green, red, NIR, SWIR1, SWIR2); the same
# numbers are in the Earth Engine tutorial "Landsat ETM+ to OLI Harmonization" and in PMC8113344 Table 3.
A = (0.0003, 0.0088, 0.0061, 0.0412, 0.0254, 0.0172)
B = (0.8474, 0.8483, 0.9047, 0.8462, 0.8937, 0.9071)
ROLES = ("blue", "green", "red", "nir", "swir1", "swir2")


def test_published_coefficients_and_hand_worked_pixels():
    assert hz.ROY2016_OLS_INTERCEPT == A and hz.ROY2016_OLS_SLOPE == B
    # worked by hand: blue 0.1 → 0.0003 + 0.08474 = 0.08504; NIR 0.3 → 0.0412 + 0.25386 = 0.29506;
    # SWIR2 0.25 → 0.0172 + 0.226775 = 0.243975; NaN stays NaN; LST is not touched.
    assert hz.etm_to_oli(np.array([0.1]), "blue")[0] == pytest.approx(0.08504, abs=1e-12)
    assert hz.etm_to_oli(np.array([0.3]), "nir")[0] == pytest.approx(0.29506, abs=1e-12)
    assert hz.etm_to_oli(np.array([0.25, np.nan]), "swir2")[0] == pytest.approx(0.243975, abs=1e-12)
    assert np.isnan(hz.etm_to_oli(np.array([np.nan]), "red")[0])
    lst = np.array([25.0])
    assert hz.etm_to_oli(lst, "lst") is lst
    f32 = hz.etm_to_oli(np.array([0.2], dtype=np.float32), "green")
    assert f32.dtype == np.float32 and f32[0] == pytest.approx(0.0088 + 0.8483 * 0.2, abs=1e-7)
    assert hz.applies_to("TM") and hz.applies_to("ETM") and not hz.applies_to("OLI")


def test_plan_refuses_what_it_cannot_know():
    from rsei_toolbox.core.errors import CoreError
    assert hz.plan("scene", ("TM",))[0] and not hz.plan("scene", ("OLI",))[0]
    assert hz.plan("composite", ("TM", "ETM"))[0]
    assert not hz.plan("composite", ("TM",), harmonized=True)[0]
    with pytest.raises(CoreError, match="mixes OLI"):
        hz.plan("composite", ("TM", "OLI"))
    with pytest.raises(CoreError, match="no sensor information"):
        hz.plan("raster", ())
    with pytest.raises(CoreError, match="Level-1"):
        hz.plan("scene", ("TM",), "L1")


def _refl(product, n):
    path = mtl_path(PROD, product)
    dn = read_dn(PROD, product, f"SR_B{n}").astype(np.float64)
    r = dn * mtl_num(path, f"REFLECTANCE_MULT_BAND_{n}") + mtl_num(path, f"REFLECTANCE_ADD_BAND_{n}")
    r[(dn < 7273) | (dn > 43636)] = np.nan
    return r


def test_indices_of_a_tm_scene(tmp_path, run_alg):
    """NDVI of a harmonised TM scene = NDVI of (a + b·red, a + b·NIR) worked from the DN."""
    out = {"OUTPUT_NDVI": str(tmp_path / "n.tif"), "OUTPUT_WET": str(tmp_path / "w.tif"), "OUTPUT_NDBSI": None,
           "OUTPUT_LST": None}
    res = run_alg("rsei:landsatindices", {"INPUT": mtl_path(PROD, LT05), "HARMONIZE": True, "QA_MASK": [],
                                          **out})
    red, nir = _refl(LT05, 3), _refl(LT05, 4)
    red_h, nir_h = 0.0061 + 0.9047 * red, 0.0412 + 0.8462 * nir
    expect = (nir_h - red_h) / (nir_h + red_h)
    got = read_raster(res["OUTPUT_NDVI"]).filled(np.nan).astype(np.float64)
    ok = np.isfinite(expect)
    assert ok.sum() > 1000 and np.array_equal(ok, np.isfinite(got))
    np.testing.assert_allclose(got[ok], expect[ok], atol=1e-5)
    # it changes NDVI noticeably (not a no-op)
    plain = (nir - red) / (nir + red)
    assert np.nanmax(np.abs(plain - expect)) > 0.01
    # wetness (TM coefficients by default) of the harmonised bands
    refl = [a + b * _refl(LT05, n) for a, b, n in zip(A, B, (1, 2, 3, 4, 5, 7))]
    wet = sum(k * r for k, r in zip((0.0315, 0.2021, 0.3102, 0.1594, -0.6806, -0.6109), refl))
    gw = read_raster(res["OUTPUT_WET"]).filled(np.nan).astype(np.float64)
    okw = np.isfinite(wet)
    np.testing.assert_allclose(gw[okw], wet[okw], atol=1e-5)
    side = json.load(open(res["OUTPUT_NDVI"] + ".json"))
    assert side["harmonization"]["coefficients"]["nir"] == {"intercept": 0.0412, "slope": 0.8462}
    import rasterio
    with rasterio.open(res["OUTPUT_NDVI"]) as ds:
        assert "Roy et al. (2016)" in ds.tags()["RSEI_HARMONIZED"]


def test_oli_scene_unchanged_and_plain_raster_refused(tmp_path, run_alg):
    from qgis.core import QgsProcessingException
    base = {"INPUT": mtl_path(PROD, LC08), "OUTPUT_WET": None, "OUTPUT_NDBSI": None, "OUTPUT_LST": None}
    a = run_alg("rsei:landsatindices", dict(base, OUTPUT_NDVI=str(tmp_path / "a.tif")))
    b = run_alg("rsei:landsatindices", dict(base, OUTPUT_NDVI=str(tmp_path / "b.tif"), HARMONIZE=True))
    assert np.array_equal(read_raster(a["OUTPUT_NDVI"]).filled(np.nan), read_raster(b["OUTPUT_NDVI"]).filled(np.nan),
                          equal_nan=True)
    assert json.load(open(b["OUTPUT_NDVI"] + ".json"))["harmonization"] == "none"
    plain = write_raster(tmp_path / "six.tif", np.full((6, 4, 4), 0.2, dtype=np.float32))
    with pytest.raises(QgsProcessingException, match="HARMONIZE.*no sensor information"):
        run_alg("rsei:landsatindices", {"INPUT": plain, "HARMONIZE": True, "OUTPUT_NDVI": str(tmp_path / "p.tif"),
                                        "OUTPUT_WET": None, "OUTPUT_NDBSI": None, "OUTPUT_LST": None})


def test_composite_of_a_tm_scene(tmp_path, run_alg):
    """A one-scene composite: every harmonised band = a + b · the band without harmonisation; LST untouched."""
    import rasterio
    mtl = mtl_path(PROD, LT05)
    plain = run_alg("rsei:landsatcomposite", {"SCENES": [mtl], "MONTHS": "1-12",
                                              "OUTPUT": str(tmp_path / "plain.tif"), "OUTPUT_COUNT": None})
    harm = run_alg("rsei:landsatcomposite", {"SCENES": [mtl], "MONTHS": "1-12", "HARMONIZE": True,
                                             "OUTPUT": str(tmp_path / "harm.tif"), "OUTPUT_COUNT": None})
    with rasterio.open(plain["OUTPUT"]) as p, rasterio.open(harm["OUTPUT"]) as h:
        assert h.tags()["RSEI_HARMONIZED"] and "RSEI_HARMONIZED" not in p.tags()
        for i, (a, b) in enumerate(zip(A, B), start=1):
            x = p.read(i, masked=True).filled(np.nan).astype(np.float64)
            y = h.read(i, masked=True).filled(np.nan).astype(np.float64)
            ok = np.isfinite(x)
            assert ok.sum() > 1000 and np.array_equal(ok, np.isfinite(y))
            np.testing.assert_allclose(y[ok], a + b * x[ok], atol=1e-6)
        if p.count == 7:
            assert np.array_equal(p.read(7), h.read(7))
    side = json.load(open(harm["OUTPUT"] + ".json"))
    assert side["harmonization"]["scenes_transformed"] == [LT05]
    # the indices tool does not transform a harmonised composite again
    i1 = run_alg("rsei:landsatindices", {"INPUT": harm["OUTPUT"], "HARMONIZE": True,
                                         "OUTPUT_NDVI": str(tmp_path / "n1.tif"), "OUTPUT_WET": None,
                                         "OUTPUT_NDBSI": None, "OUTPUT_LST": None})
    i0 = run_alg("rsei:landsatindices", {"INPUT": harm["OUTPUT"], "OUTPUT_NDVI": str(tmp_path / "n0.tif"),
                                         "OUTPUT_WET": None, "OUTPUT_NDBSI": None, "OUTPUT_LST": None})
    assert np.array_equal(read_raster(i1["OUTPUT_NDVI"]).filled(np.nan), read_raster(i0["OUTPUT_NDVI"]).filled(np.nan),
                          equal_nan=True)
    # a plain TM composite is transformed by the indices tool
    i2 = run_alg("rsei:landsatindices", {"INPUT": plain["OUTPUT"], "HARMONIZE": True,
                                         "OUTPUT_NDVI": str(tmp_path / "n2.tif"), "OUTPUT_WET": None,
                                         "OUTPUT_NDBSI": None, "OUTPUT_LST": None})
    np.testing.assert_allclose(read_raster(i2["OUTPUT_NDVI"]).filled(np.nan),
                               read_raster(i0["OUTPUT_NDVI"]).filled(np.nan), atol=2e-6)
