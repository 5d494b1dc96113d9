"""EG index from land cover (core): lookups, grading, eq. 14, window means, zones, grids, series."""
import csv
import os

import numpy as np
import pytest

from conftest import SHARED_DATA, read_raster, shared, write_raster

from rsei_toolbox.core import landcover as lc
from rsei_toolbox.core.errors import CoreError
from rsei_toolbox.core.monitor import Monitor
from rsei_toolbox.core.raster import OutputTransaction, read_grid

CLCD_PAPER = {1: 5, 2: 2, 3: 3, 4: 4, 5: 1, 7: 7, 8: 6, 9: 1}
UTM = "EPSG:32648"
T30 = (30.0, 0.0, 500000.0, 0.0, -30.0, 4200000.0)


def _run(path, lookup, tmp_path, **kw):
    tx = OutputTransaction()
    grade = str(tmp_path / "grade.tif") if kw.pop("grade", True) else None
    eg = str(tmp_path / "eg.tif") if kw.pop("eg", True) else None
    res = lc.run_egindex(path, lookup, tx, grade, eg, **kw)
    tx.commit()
    return res, grade, eg


def _direct_grades(arr, grades, nodata=None):
    """Oracle: grade per pixel by a plain dict lookup."""
    out = np.full(arr.shape, np.nan)
    for code, g in grades.items():
        if g is not None:
            out[arr == code] = g
    if nodata is not None:
        out[arr == nodata] = np.nan
    return out


# ----------------------------------------------------------------------------- lookups

def test_table3_matches_the_paper_csv():
    path = os.path.join(SHARED_DATA, "paper", "table3_eg_grades.csv")
    if not os.path.exists(path):
        pytest.skip("paper tables not available")
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_label = {label: (grade, eco) for label, grade, eco in lc.TABLE3.values()}
    assert len(rows) == len(by_label) == 8
    for row in rows:
        grade, eco = by_label[row["land_cover"]]
        assert grade == int(row["ecological_grade"])
        assert eco == (row["ecological_land"] == "yes")


def test_clcd_preset_is_the_paper_table_plus_snow_ice():
    grades = lc.preset_grades("clcd")
    for code, g in CLCD_PAPER.items():
        assert grades[code] == g
    assert grades[6] == 1  # documented choice: snow/ice with water bodies (CAS LUCC class 44)
    lk = lc.build_lookup("clcd")
    assert (lk.g_min, lk.g_max) == (1.0, 7.0)
    assert lk.fill_codes == (0,)


def test_every_preset_maps_onto_table3_categories():
    for key, preset in lc.PRESETS.items():
        codes = [c for c, _, _ in preset.classes]
        assert len(codes) == len(set(codes)), key
        assert all(cat in lc.TABLE3 for _, _, cat in preset.classes if cat), key
        assert preset.reference and preset.notes, key
    nlcd = lc.preset_grades("nlcd")
    assert nlcd[11] == 1 and nlcd[21] == 6 and nlcd[31] == 7 and nlcd[42] == 2 and nlcd[52] == 3
    assert nlcd[71] == 4 and nlcd[81] == 5 and nlcd[82] == 5 and nlcd[90] == 1 and nlcd[95] == 1
    wc = lc.preset_grades("worldcover")
    assert wc[10] == 2 and wc[50] == 6 and wc[60] == 7 and wc[80] == 1 and wc[95] == 1


def test_table_overrides_add_and_unset_classes():
    lk = lc.build_lookup("clcd", lc.flat_rows(["6", "", "10", "2.5", 8, 7]))
    assert lk.grades[6] is None and lk.grades[10] == 2.5 and lk.grades[8] == 7
    vals = np.array([[6, 10, 8, 1]])
    assert np.allclose(lk.grade(vals, np.ones(vals.shape, bool)), [[np.nan, 2.5, 7, 5]], equal_nan=True)
    # override of a fill code makes it a class
    lk0 = lc.build_lookup("clcd", [[0, 4]])
    assert lk0.fill_codes == () and lk0.grades[0] == 4
    table_only = lc.build_lookup("none", [[1, 1], [2, 4]])
    assert (table_only.g_min, table_only.g_max) == (1, 4)
    assert float(table_only.normalise(2.5)) == pytest.approx(0.5)


@pytest.mark.parametrize("preset, rows, message", [
    ("none", [], "lookup is empty"),
    ("none", [[3, ""], [4, ""]], "lookup is empty"),
    ("clcd", [[1, "good"]], "grade of class 1, 'good' is not a number"),
    ("clcd", [["forest", 2]], "class 'forest' is not a number"),
    ("none", [[1, 3], [2, 3]], "at least two different grades"),
    ("clcd", [[1, 3], [1, 4]], "class 1 is given twice"),
    ("clcd", [["", 3]], "has no class value"),
    ("clcd", [[1, "nan"]], "not a finite number"),
])
def test_bad_lookups_give_clear_errors(preset, rows, message):
    with pytest.raises(CoreError, match=message):
        lc.build_lookup(preset, rows)


def test_flat_rows_needs_pairs():
    assert lc.flat_rows([1, 2, 3, 4]) == [[1, 2], [3, 4]]
    with pytest.raises(CoreError, match="2 values per row"):
        lc.flat_rows([1, 2, 3])


# ----------------------------------------------------------------------------- eq. 14 on made rasters

def test_hand_worked_clcd_raster(tmp_path):
    arr = np.array([[1, 2, 3], [4, 5, 8], [0, 255, 9]], dtype="uint8")
    src = write_raster(tmp_path / "clcd.tif", arr, transform=T30, crs=UTM, nodata=255)
    res, grade, eg = _run(src, lc.build_lookup("clcd"), tmp_path)
    # grades 5, 2, 3, 4, 1, 6, 1 (0 = fill, 255 = NoData): mean 22/7
    assert res.areas.mean_grade == pytest.approx(22 / 7)
    assert res.areas.eg_index == pytest.approx((7 - 22 / 7) / 6)
    assert res.areas.graded_area == pytest.approx(7 * 0.0009)
    g = read_raster(grade, masked=False)
    expected = np.array([[5, 2, 3], [4, 1, 6], [np.nan, np.nan, 1]])
    got = np.where(g == -9999, np.nan, g)
    assert np.allclose(got, expected, equal_nan=True)
    e = read_raster(eg, masked=False)
    assert np.allclose(np.where(e == -9999, np.nan, e), (7 - expected) / 6, equal_nan=True)
    assert not res.areas.unknown_pixels


def test_nlcd_preset_against_class_counts(tmp_path):
    path = shared("landcover-nlcd", "nlcd2011.tif")
    lookup = lc.build_lookup("nlcd")
    res, _, _ = _run(path, lookup, tmp_path, grade=False, eg=False)
    arr = read_raster(path, masked=True)
    codes, counts = np.unique(arr.compressed(), return_counts=True)
    grades = np.array([lc.preset_grades("nlcd")[int(c)] for c in codes], dtype=float)
    mean = float(np.sum(grades * counts) / counts.sum())  # projected CRS: equal pixel areas
    assert res.areas.mean_grade == pytest.approx(mean, rel=1e-12)
    assert res.areas.eg_index == pytest.approx((7 - mean) / 6, rel=1e-12)
    rows = {c: p for c, _, _, p, _ in res.areas.class_rows()}
    assert rows == dict(zip(codes.tolist(), counts.tolist()))
    assert not res.areas.unknown_pixels


def test_geographic_crs_weights_by_cell_area(tmp_path):
    pyproj = pytest.importorskip("pyproj")
    # one class per row, rows from 80°N to 0°: high-latitude cells are much smaller
    arr = np.array([[7, 7], [7, 7], [5, 5], [5, 5]], dtype="uint8")  # barren (7), water (1)
    src = write_raster(tmp_path / "geo.tif", arr, transform=(1.0, 0.0, 100.0, 0.0, -20.0, 80.0),
                       crs="EPSG:4326")
    res, _, _ = _run(src, lc.build_lookup("clcd"), tmp_path, grade=False, eg=False)
    geod = pyproj.Geod(ellps="WGS84")
    areas = []
    for r in range(4):
        top, bottom = 80 - 20 * r, 80 - 20 * (r + 1)
        lon = np.linspace(100, 101, 201)  # dense vertices: edges follow the parallels
        a, _ = geod.polygon_area_perimeter(np.r_[lon, lon[::-1]], np.r_[np.full(201, bottom), np.full(201, top)])
        areas.append(abs(a) / 1e6)
    grades = np.array([7, 7, 1, 1], dtype=float)
    mean = float(np.sum(grades * areas) / np.sum(areas))
    assert res.areas.mean_grade == pytest.approx(mean, rel=1e-6)
    assert abs(res.areas.mean_grade - 4.0) > 0.5  # the unweighted mean would be 4


# ----------------------------------------------------------------------------- window means

def _oracle_window(e, w, size):
    """Direct area-weighted window mean with NaN excluded, NaN where the centre is NaN."""
    h = size // 2
    out = np.full(e.shape, np.nan)
    for i in range(e.shape[0]):
        for j in range(e.shape[1]):
            if np.isnan(e[i, j]):
                continue
            sub = e[max(0, i - h):i + h + 1, max(0, j - h):j + h + 1]
            ww = np.broadcast_to(w[max(0, i - h):i + h + 1, None], sub.shape)
            ok = np.isfinite(sub)
            out[i, j] = np.sum(sub[ok] * ww[ok]) / np.sum(ww[ok])
    return out


@pytest.mark.parametrize("size", [3, 5])
def test_window_mean_blockwise_matches_generic_filter(tmp_path, monkeypatch, size):
    scipy_ndimage = pytest.importorskip("scipy.ndimage")
    rng = np.random.default_rng(5)
    arr = rng.choice([1, 2, 3, 4, 5, 7, 8, 9, 255], size=(23, 17)).astype("uint8")
    src = write_raster(tmp_path / "lc.tif", arr, transform=T30, crs=UTM, nodata=255)
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.002")  # a few rows per block: halos cross block edges
    res, grade, eg = _run(src, lc.build_lookup("clcd"), tmp_path, window=size)
    e_direct = (7 - _direct_grades(arr, CLCD_PAPER, 255)) / 6
    filt = scipy_ndimage.generic_filter(e_direct, np.nanmean, size=size, mode="constant", cval=np.nan)
    filt[np.isnan(e_direct)] = np.nan
    got = read_raster(eg, masked=False).astype(float)
    got[got == -9999] = np.nan
    assert np.array_equal(np.isnan(got), np.isnan(filt))
    assert np.allclose(got, filt, atol=1e-6, equal_nan=True)  # float32 output
    assert res.areas.eg_index == pytest.approx(float(np.nanmean(e_direct)), rel=1e-12)


def test_window_mean_geographic_weights(monkeypatch):
    rng = np.random.default_rng(1)
    e = rng.random((12, 9))
    e[rng.random(e.shape) < 0.2] = np.nan
    w = np.linspace(1.0, 0.2, 12)  # row areas shrinking poleward
    got = lc.window_mean(e, w[:, None], 5)
    assert np.allclose(got, _oracle_window(e, w, 5), equal_nan=True, rtol=1e-12, atol=1e-12)
    assert np.allclose(lc.window_mean(e, w[:, None], 1), e, equal_nan=True)


def test_window_mean_all_nodata_and_constant():
    nan = np.full((4, 4), np.nan)
    assert np.isnan(lc.window_mean(nan, np.ones((4, 1)), 3)).all()
    const = np.full((4, 5), 0.25)
    assert np.allclose(lc.window_mean(const, np.ones((4, 1)), 3), 0.25)


def test_even_window_is_refused(tmp_path):
    src = write_raster(tmp_path / "lc.tif", np.ones((3, 3), "uint8"), transform=T30, crs=UTM)
    with pytest.raises(CoreError, match="odd"):
        _run(src, lc.build_lookup("clcd"), tmp_path, window=4)


# ----------------------------------------------------------------------------- unknown classes

def test_unknown_classes_are_reported_not_graded(tmp_path):
    arr = np.array([[1, 42, 42], [2, 17, 5]], dtype="uint8")
    src = write_raster(tmp_path / "lc.tif", arr, transform=T30, crs=UTM)
    warnings = []
    res, grade, _ = _run(src, lc.build_lookup("clcd"), tmp_path, monitor=Monitor(warn=warnings.append))
    assert res.areas.unknown_pixels == {42: 2, 17: 1}
    assert res.areas.unknown_area[42] == pytest.approx(2 * 0.0009)
    assert len(warnings) == 1 and "42: 2 pixel(s)" in warnings[0] and "17: 1 pixel(s)" in warnings[0]
    g = read_raster(grade, masked=True)
    assert g.mask.tolist() == [[False, True, True], [False, True, False]]
    assert res.areas.mean_grade == pytest.approx((5 + 2 + 1) / 3)


def test_fail_on_unknown_writes_nothing(tmp_path):
    arr = np.array([[1, 42]], dtype="uint8")
    src = write_raster(tmp_path / "lc.tif", arr, transform=T30, crs=UTM)
    tx = OutputTransaction()
    with pytest.raises(CoreError, match=r"42: 1 pixel"):
        try:
            lc.run_egindex(src, lc.build_lookup("clcd"), tx, str(tmp_path / "g.tif"), None,
                           fail_on_unknown=True)
        except CoreError:
            tx.rollback()
            raise
    assert sorted(os.listdir(tmp_path)) == ["lc.tif"]


def test_float_land_cover_and_all_nodata(tmp_path):
    arr = np.array([[1.0, 2.0, np.nan], [2.5, 5.0, 1.0]], dtype="float32")
    src = write_raster(tmp_path / "lc.tif", arr, transform=T30, crs=UTM)
    res, _, _ = _run(src, lc.build_lookup("clcd"), tmp_path, grade=False, eg=False)
    assert res.areas.unknown_pixels == {2.5: 1}
    assert res.areas.mean_grade == pytest.approx((5 + 2 + 1 + 5) / 4)
    empty = write_raster(tmp_path / "empty.tif", np.zeros((2, 2), "uint8"), transform=T30, crs=UTM)
    res, _, _ = _run(empty, lc.build_lookup("clcd"), tmp_path, grade=False, eg=False)
    assert np.isnan(res.areas.eg_index) and res.areas.graded_area == 0


# ----------------------------------------------------------------------------- zones

def _rect(x0, y0, x1, y1):
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}


def test_zone_tables_against_pixel_centres(tmp_path, monkeypatch):
    rng = np.random.default_rng(3)
    arr = rng.choice([1, 2, 4, 5, 7, 8], size=(20, 16)).astype("uint8")
    src = write_raster(tmp_path / "lc.tif", arr, transform=T30, crs=UTM)
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.002")
    x0, y0 = 500000.0, 4200000.0
    zones = [lc.Zone(1, "a", _rect(x0 + 40, y0 - 400, x0 + 200, y0 - 10), UTM),
             lc.Zone(2, "b", _rect(x0 + 100, y0 - 590, x0 + 470, y0 - 300), UTM),  # overlaps a
             lc.Zone(3, "outside", _rect(x0 - 900, y0 - 90, x0 - 600, y0 - 10), UTM)]
    res, _, _ = _run(src, lc.build_lookup("clcd"), tmp_path, grade=False, eg=False, zones=zones)
    cols = x0 + 30 * (np.arange(16) + 0.5)
    rows = y0 - 30 * (np.arange(20) + 0.5)
    cx, cy = np.meshgrid(cols, rows)
    grades = _direct_grades(arr, CLCD_PAPER)
    for zone, areas in zip(zones, res.zone_areas):
        (bx0, by0), (bx1, by1) = zone.geometry["coordinates"][0][0], zone.geometry["coordinates"][0][2]
        inside = (cx > bx0) & (cx < bx1) & (cy > by0) & (cy < by1)
        if not inside.any():
            assert areas.graded_area == 0 and np.isnan(areas.eg_index)
            continue
        for code, _, _, pixels, area in areas.class_rows():
            assert pixels == int(np.sum(inside & (arr == code)))
            assert area == pytest.approx(pixels * 0.0009)
        assert areas.mean_grade == pytest.approx(float(grades[inside].mean()))


def test_zone_in_another_crs_is_reprojected(tmp_path):
    import rasterio.warp
    arr = np.full((10, 10), 2, dtype="uint8")
    arr[:5] = 7
    src = write_raster(tmp_path / "lc.tif", arr, transform=T30, crs=UTM)
    # the top half of the raster, given in WGS 84
    utm_rect = _rect(500000.0 + 1, 4200000.0 - 149, 500000.0 + 299, 4200000.0 - 1)
    geo = rasterio.warp.transform_geom(UTM, "EPSG:4326", utm_rect)
    wkt = rasterio.crs.CRS.from_string("EPSG:4326").to_wkt()
    res, _, _ = _run(src, lc.build_lookup("clcd"), tmp_path, grade=False, eg=False,
                     zones=[lc.Zone(0, "top", geo, wkt)])
    assert res.zone_areas[0].mean_grade == pytest.approx(7.0)
    assert res.zone_areas[0].pixels.sum() == 50


# ----------------------------------------------------------------------------- reference grid

def test_reference_grid_nearest_grades_and_average_eg(tmp_path):
    rng = np.random.default_rng(9)
    arr = rng.choice([1, 2, 3, 4, 5, 7, 8, 9, 255], size=(30, 24)).astype("uint8")
    src = write_raster(tmp_path / "lc.tif", arr, transform=(10.0, 0, 500000.0, 0, -10.0, 4200000.0), crs=UTM,
                       nodata=255)
    ref = write_raster(tmp_path / "ref.tif", np.zeros((10, 8), "float32"), transform=T30, crs=UTM)
    res, grade, eg = _run(src, lc.build_lookup("clcd"), tmp_path, reference=ref)
    g = read_raster(grade, masked=False)
    assert g.shape == (10, 8)
    centre = _direct_grades(arr, CLCD_PAPER, 255)[1::3, 1::3]
    assert np.allclose(np.where(g == -9999, np.nan, g), centre, equal_nan=True)
    e = (7 - _direct_grades(arr, CLCD_PAPER, 255)) / 6
    blocks = e.reshape(10, 3, 8, 3).transpose(0, 2, 1, 3).reshape(10, 8, 9)
    expected = np.nanmean(blocks, axis=2)  # area-weighted = plain mean for equal 10 m cells
    got = read_raster(eg, masked=False).astype(float)
    got[got == -9999] = np.nan
    assert np.allclose(got, expected, atol=1e-6, equal_nan=True)
    # the index itself comes from the land cover's own grid
    assert res.areas.eg_index == pytest.approx(float(np.nanmean(e)), rel=1e-12)
    assert read_grid(eg) == read_grid(ref)


def test_reference_grid_with_window(tmp_path):
    arr = np.tile(np.array([[1, 7], [7, 2]], dtype="uint8"), (6, 6))
    src = write_raster(tmp_path / "lc.tif", arr, transform=(10.0, 0, 500000.0, 0, -10.0, 4200000.0), crs=UTM)
    ref = write_raster(tmp_path / "ref.tif", np.zeros((6, 6), "float32"), transform=(20.0, 0, 500000.0, 0, -20.0,
                                                                                           4200000.0), crs=UTM)
    _, _, eg = _run(src, lc.build_lookup("clcd"), tmp_path, grade=False, reference=ref, window=3)
    per_pixel = (7 - np.array([5, 7, 7, 2])).sum() / 6 / 4  # every 20 m cell holds one tile
    assert np.allclose(read_raster(eg, masked=False), per_pixel, atol=1e-6)


def test_reference_without_crs_is_refused(tmp_path):
    src = write_raster(tmp_path / "lc.tif", np.ones((4, 4), "uint8"), transform=T30, crs=None)
    ref = write_raster(tmp_path / "ref.tif", np.zeros((2, 2), "float32"), transform=(60.0, 0, 500000.0, 0, -60.0,
                                                                                           4200000.0), crs=UTM)
    with pytest.raises(CoreError, match="no CRS"):
        _run(src, lc.build_lookup("clcd"), tmp_path, reference=ref)


# ----------------------------------------------------------------------------- series

def test_series_rows_and_years(tmp_path):
    paths = []
    for year, forest in ((2000, 4), (2012, 1), (2024, 3)):
        arr = np.full((2, 2), 7, dtype="uint8")
        arr.flat[:forest] = 2
        paths.append(write_raster(tmp_path / f"clcd_v01_{year}.tif", arr, transform=T30, crs=UTM))
    res, _, _ = _run(paths[0], lc.build_lookup("clcd"), tmp_path, grade=False, eg=False,
                     series=list(zip([2000, 2012, 2024], paths)))
    got = [(y, s.eg_index) for y, _, s, _ in res.series]
    assert got == [(2000, pytest.approx(5 / 6)), (2012, pytest.approx((7 - 5.75) / 6)),
                   (2024, pytest.approx((7 - 3.25) / 6))]


def test_reference_footprint_restricts_the_index(tmp_path):
    """EG_INDEX counts only land-cover pixels whose centre lies on a valid REFERENCE pixel."""
    rng = np.random.default_rng(11)
    arr = rng.choice([1, 2, 4, 5, 7], size=(40, 40)).astype("uint8")
    src = write_raster(tmp_path / "lc.tif", arr, transform=(10.0, 0, 500000.0, 0, -10.0, 4200000.0), crs=UTM)
    # reference: 30 m cells over columns 60–360 m and rows 30–330 m, one cell NoData
    ref_arr = np.ones((10, 10), "float32")
    ref_arr[2, 3] = -9999
    ref = write_raster(tmp_path / "ref.tif", ref_arr, transform=(30.0, 0, 500060.0, 0, -30.0, 4199970.0), crs=UTM,
                       nodata=-9999)
    res, _, _ = _run(src, lc.build_lookup("clcd"), tmp_path, grade=False, eg=False, reference=ref)
    inside = np.zeros(arr.shape, bool)
    inside[3:33, 6:36] = True
    inside[3 + 6:3 + 9, 6 + 9:6 + 12] = False  # the NoData reference cell
    grades = _direct_grades(arr, CLCD_PAPER)
    assert res.areas.pixels.sum() == inside.sum() == 900 - 9
    assert res.areas.mean_grade == pytest.approx(float(grades[inside].mean()), rel=1e-12)
    # a reference without NoData value: only its extent counts (alpha band)
    ref2 = write_raster(tmp_path / "ref2.tif", np.ones((10, 10), "float32"), transform=(30.0, 0, 500060.0, 0, -30.0,
                                                                                           4199970.0), crs=UTM)
    res2, _, _ = _run(src, lc.build_lookup("clcd"), tmp_path, grade=False, eg=False, reference=ref2,
                      series=[(2001, src)])
    inside[3:33, 6:36] = True
    assert res2.areas.mean_grade == pytest.approx(float(grades[inside].mean()), rel=1e-12)
    assert res2.series[0][2].mean_grade == pytest.approx(res2.areas.mean_grade)


def test_window_mean_geographic_raster_blockwise(tmp_path, monkeypatch):
    """Through run_egindex on a geographic grid spanning 0–60°N: row areas weigh the window mean."""
    pyproj = pytest.importorskip("pyproj")
    rng = np.random.default_rng(21)
    arr = rng.choice([1, 2, 5, 7, 0], size=(30, 12)).astype("uint8")
    src = write_raster(tmp_path / "geo.tif", arr, transform=(2.0, 0, 10.0, 0, -2.0, 60.0), crs="EPSG:4326")
    monkeypatch.setenv("RSEI_BLOCK_MB", "0.002")
    _, _, eg = _run(src, lc.build_lookup("clcd"), tmp_path, grade=False, window=5)
    geod = pyproj.Geod(ellps="WGS84")
    lon = np.linspace(10, 12, 101)
    w = np.array([abs(geod.polygon_area_perimeter(np.r_[lon, lon[::-1]],
                                                  np.r_[np.full(101, 60 - 2 * (r + 1)), np.full(101, 60 - 2 * r)])[0])
                  for r in range(30)])
    e = (7 - _direct_grades(arr, CLCD_PAPER)) / 6
    got = read_raster(eg, masked=False).astype(float)
    got[got == -9999] = np.nan
    assert np.allclose(got, _oracle_window(e, w, 5), atol=1e-6, equal_nan=True)


def test_reference_that_does_not_overlap_is_an_error(tmp_path):
    src = write_raster(tmp_path / "lc.tif", np.ones((4, 4), "uint8"), transform=T30, crs=UTM)
    far = write_raster(tmp_path / "far.tif", np.ones((4, 4), "float32"), transform=(30.0, 0, 700000.0, 0, -30.0,
                                                                                      4200000.0), crs=UTM)
    with pytest.raises(CoreError, match="do the two rasters overlap"):
        _run(src, lc.build_lookup("clcd"), tmp_path, reference=far)
    warnings = []
    empty = write_raster(tmp_path / "empty.tif", np.zeros((2, 2), "uint8"), transform=T30, crs=UTM)
    res, _, _ = _run(empty, lc.build_lookup("clcd"), tmp_path, grade=False, eg=False,
                     monitor=Monitor(warn=warnings.append))
    assert np.isnan(res.areas.eg_index) and "no valid land-cover pixel" in warnings[0]


def test_cancel_leaves_no_output(tmp_path):
    from rsei_toolbox.core.errors import Canceled
    src = write_raster(tmp_path / "lc.tif", np.ones((8, 8), "uint8"), transform=T30, crs=UTM)
    tx = OutputTransaction()
    with pytest.raises(Canceled):
        try:
            lc.run_egindex(src, lc.build_lookup("clcd"), tx, str(tmp_path / "g.tif"), str(tmp_path / "e.tif"),
                           monitor=Monitor(is_canceled=lambda: True))
        except Canceled:
            tx.rollback()
            raise
    assert sorted(os.listdir(tmp_path)) == ["lc.tif"]


def test_real_nlcd_onto_geographic_srtm_grid(tmp_path):
    """NLCD (projected, 30 m) put on the SRTM grid (EPSG:4326, 3″): nearest grades and the footprint."""
    import rasterio
    import rasterio.warp
    nlcd = shared("landcover-nlcd", "nlcd2011.tif")
    srtm = shared("landcover-nlcd", "srtm.tif")
    lookup = lc.build_lookup("nlcd")
    res, grade, eg = _run(nlcd, lookup, tmp_path, reference=srtm)
    with rasterio.open(nlcd) as ds:
        arr = ds.read(1)
        src_crs, src_tr = ds.crs, ds.transform
    with rasterio.open(srtm) as ds:
        dem_valid = ds.read(1) != ds.nodata
        ref_crs, ref_tr, ref_shape = ds.crs, ds.transform, ds.shape
    grades = _direct_grades(arr, lc.preset_grades("nlcd"), 255)
    # oracle 1: grade of the NLCD pixel under each SRTM pixel centre (pyproj via rasterio.warp.transform)
    rows, cols = np.mgrid[0:ref_shape[0], 0:ref_shape[1]]
    x, y = ref_tr * (cols.ravel() + 0.5, rows.ravel() + 0.5)
    sx, sy = rasterio.warp.transform(ref_crs, src_crs, x, y)
    c, r = ~src_tr * (np.asarray(sx), np.asarray(sy))
    c, r = np.floor(c).astype(int), np.floor(r).astype(int)
    inside = (r >= 0) & (r < arr.shape[0]) & (c >= 0) & (c < arr.shape[1])
    expected = np.full(r.shape, np.nan)
    expected[inside] = grades[r[inside], c[inside]]
    got = read_raster(grade, masked=False).astype(float).ravel()
    got[got == -9999] = np.nan
    same = (got == expected) | (np.isnan(got) & np.isnan(expected))
    assert same.mean() > 0.995  # GDAL's approximate transformer may pick a neighbour at pixel edges
    # oracle 2: EG_INDEX over NLCD pixels whose centre lies on a valid SRTM pixel
    rows, cols = np.mgrid[0:arr.shape[0], 0:arr.shape[1]]
    x, y = src_tr * (cols.ravel() + 0.5, rows.ravel() + 0.5)
    gx, gy = rasterio.warp.transform(src_crs, ref_crs, x, y)
    c, r = ~ref_tr * (np.asarray(gx), np.asarray(gy))
    c, r = np.floor(c).astype(int), np.floor(r).astype(int)
    ok = (r >= 0) & (r < ref_shape[0]) & (c >= 0) & (c < ref_shape[1])
    on_dem = np.zeros(r.shape, bool)
    on_dem[ok] = dem_valid[r[ok], c[ok]]
    g = grades.ravel()
    sel = on_dem & np.isfinite(g)
    assert abs(res.areas.pixels.sum() - sel.sum()) <= 0.002 * sel.sum()
    assert res.areas.mean_grade == pytest.approx(float(g[sel].mean()), rel=1e-3)
    e = read_raster(eg, masked=True)
    assert 0 <= e.min() and e.max() <= 1 and e.count() > 0.9 * expected.size
