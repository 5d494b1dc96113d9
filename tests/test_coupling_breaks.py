"""Coupling classes at the exact breaks (WINDOW 3 on uniform grade-3 / grade-5 land) and the EG_SCALE readings."""
import csv

import numpy as np
import pytest

from conftest import read_raster, shared, write_raster
from rsei_toolbox.core import coupling as cp
from rsei_toolbox.core.landcover import build_lookup, window_mean

#: A CLCD raster in WGS 84 (row areas differ, so window means are not exact): shrub (code 3, grade 3) on the
#: left, cropland (code 1, grade 5) on the right.
GEO = (0.00025, 0.0, 106.5, 0.0, -0.00025, 38.2)


def _land(tmp_path, width=24, height=20):
    lc = np.full((height, width), 3, dtype=np.uint8)
    lc[:, width // 2:] = 1
    return write_raster(tmp_path / "clcd.tif", lc, GEO, "EPSG:4326", nodata=0), lc


def test_classify_snaps_values_at_the_breaks():
    third, two = 1 / 3, 2 / 3
    v = np.array([two, two - 5e-16, two + 5e-16, np.float32(two), two - 6e-8, third - 4e-16, np.float32(third),
                  two - 1e-5, third - 1e-5, third + 1e-5, np.nan])
    assert cp.classify3(v, cp.EQUAL_THIRDS).tolist() == [3, 3, 3, 3, 3, 2, 2, 2, 1, 2, 0]
    # window means of uniform land (clipped to the range of their values, so exactly the grade's value) stay in
    # their class; a value a rounding step below a break is what the tolerance absorbs
    lookup = build_lookup("clcd")
    areas = np.linspace(0.00070, 0.00075, 20)[:, None]
    for grade, cls in ((3, 3), (5, 2)):
        eg = window_mean(lookup.normalise(np.full((20, 24), float(grade))), areas, 3)
        assert np.nanmax(np.abs(eg - (7 - grade) / 6)) < 1e-14
        assert (cp.classify3(eg, cp.EQUAL_THIRDS) == cls).all()
    below = np.array([np.nextafter(2 / 3, 0), np.nextafter(1 / 3, 0)])
    assert cp.classify3(below, cp.EQUAL_THIRDS).tolist() == [3, 2]
    assert cp.classify3(below, cp.EQUAL_THIRDS, tol=0).tolist() == [2, 1]


def test_coupling_of_window_means_at_the_breaks(tmp_path, run_alg):
    """rsei:egindex WINDOW 3 → rsei:coupling: grade-3 land is EG class 3 (33/32), grade-5 land class 2."""
    path, lc = _land(tmp_path)
    rsei = write_raster(tmp_path / "rsei.tif", np.full(lc.shape, 0.5, dtype=np.float32), GEO, "EPSG:4326",
                        nodata=-9999.0)
    eg = run_alg("rsei:egindex", {"INPUT": path, "LOOKUP": 0, "WINDOW": 3, "REFERENCE": rsei,
                                  "OUTPUT_EG": str(tmp_path / "eg.tif")})["OUTPUT_EG"]
    # the same window means in float64 (no float32 storage to hide the rounding)
    lookup = build_lookup("clcd")
    grades = np.where(lc == 3, 3.0, 5.0)
    from rsei_toolbox.core.raster import Grid
    grid = Grid("", GEO, lc.shape[1], lc.shape[0])
    areas = grid.row_pixel_areas_km2()[:, None]
    eg64 = window_mean(lookup.normalise(grades), areas, 3)
    eg64_path = write_raster(tmp_path / "eg64.tif", eg64, GEO, "EPSG:4326", dtype="float64")
    w = lc.shape[1] // 2
    for source in (eg, eg64_path):
        code = read_raster(run_alg("rsei:coupling", {"RSEI": rsei, "EG": source,
                                                     "OUTPUT": str(tmp_path / "c.tif")})["OUTPUT"]).filled(0)
        assert (code[:, :w - 1] == 32).all()   # grade 3: EG′ = 2/3 → class 3; RSEI 0.5 → class 2
        assert (code[:, w + 1:] == 22).all()   # grade 5: EG′ = 1/3 → class 2
        assert (code[:, w - 1:w + 1] == 22).all()  # the mixed windows at the boundary lie between the breaks
    e = read_raster(eg).filled(np.nan)
    assert np.allclose(e[:, :w - 1], 2 / 3, atol=1e-7) and np.allclose(e[:, w + 1:], 1 / 3, atol=1e-7)


def test_eg_scale_both_readings(tmp_path, run_alg):
    path, lc = _land(tmp_path)
    res0 = run_alg("rsei:egindex", {"INPUT": path, "LOOKUP": 0})
    res1 = run_alg("rsei:egindex", {"INPUT": path, "LOOKUP": 0, "EG_SCALE": 1,
                                    "OUTPUT_EG": str(tmp_path / "eg1.tif")})
    g = res0["MEAN_GRADE"]
    assert res1["MEAN_GRADE"] == pytest.approx(g)
    assert 3.0 < g < 5.0  # half grade 3, half grade 5, weighted by the (latitude-dependent) pixel areas
    assert res0["EG_INDEX"] == pytest.approx((7 - g) / 6, rel=1e-12)
    assert res1["EG_INDEX"] == pytest.approx((8 - g) / 7, rel=1e-12)
    e = read_raster(res1["OUTPUT_EG"]).filled(np.nan)
    assert np.allclose(e[lc == 3], 5 / 7, atol=1e-7) and np.allclose(e[lc == 1], 3 / 7, atol=1e-7)


def test_help_states_what_tables_8_9_imply():
    """The EG_SCALE help: 0.540–0.560 mean grade 3.64–3.76 under (7 − EG)/6 and 4.08–4.22 under (8 − EG)/7."""
    rows = list(csv.DictReader(open(shared("paper", "tables8_9_eg_index.csv"))))
    values = [float(r["eg_index"]) for r in rows]
    lo, hi = min(values), max(values)
    assert (lo, hi) == (0.54, 0.56)
    first = sorted(round(7 - 6 * v, 2) for v in (lo, hi))
    second = sorted(round(8 - 7 * v, 2) for v in (lo, hi))
    assert first == [3.64, 3.76] and second == [4.08, 4.22]
    from rsei_toolbox.algorithms.egindex import EgIndexAlgorithm
    text = EgIndexAlgorithm.HELP
    assert "3.64–3.76" in text and "4.08–4.22" in text and "0.540–0.560" in text
