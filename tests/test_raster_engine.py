"""The block-wise raster engine in core/raster.py (no QGIS needed)."""
import json
import os

import numpy as np
import pytest
import rasterio

from conftest import write_raster
from rsei_toolbox.core.errors import Canceled, CoreError, GridMismatch
from rsei_toolbox.core.monitor import Monitor
from rsei_toolbox.core.raster import (NODATA_FLOAT, Grid, OutputTransaction, RasterReader, block_rows,
                                      check_same_grid, iter_tiles, iter_windows)
from rsei_toolbox.core.stats import RunningCovariance, RunningStats

UTM = rasterio.crs.CRS.from_epsg(32648).to_wkt()
WGS84 = rasterio.crs.CRS.from_epsg(4326).to_wkt()


def test_grid_differences_name_the_property():
    g = Grid(UTM, (30.0, 0.0, 500000.0, 0.0, -30.0, 4200000.0), 100, 80)
    assert g.differences(g) == []
    assert g.differences(Grid(WGS84, g.transform, 100, 80)) == ["CRS"]
    assert "size" in g.differences(Grid(UTM, g.transform, 101, 80))[0]
    assert "pixel size" in g.differences(Grid(UTM, (60.0, 0, 500000.0, 0, -60.0, 4200000.0), 100, 80))[0]
    assert "origin" in g.differences(Grid(UTM, (30.0, 0, 500030.0, 0, -30.0, 4200000.0), 100, 80))[0]


def test_check_same_grid_message(tmp_path):
    a = write_raster(tmp_path / "a.tif", np.zeros((4, 5), "float32"))
    b = write_raster(tmp_path / "b.tif", np.zeros((4, 5), "float32"),
                     transform=(30.0, 0.0, 500060.0, 0.0, -30.0, 4000000.0))
    with RasterReader(a, "NDVI") as ra, RasterReader(b, "LST") as rb:
        with pytest.raises(GridMismatch, match=r"Input 'LST' is not on the grid of 'NDVI': its origin"):
            check_same_grid([ra, rb])


def test_unreadable_input_names_the_parameter(tmp_path):
    bad = tmp_path / "bad.tif"
    bad.write_text("not a raster")
    with pytest.raises(CoreError, match="Input 'WET': cannot open raster"):
        RasterReader(str(bad), "WET")


@pytest.mark.parametrize("budget_mb", [0.0005, 0.01, 1000])
def test_windows_cover_every_row_once_within_budget(budget_mb):
    g = Grid(UTM, (30.0, 0, 0, 0, -30.0, 0), 300, 1000)
    progress = []
    mon = Monitor(progress=progress.append)
    rows = []
    for w in iter_windows(g, bytes_per_pixel=8, monitor=mon, budget_mb=budget_mb):
        assert w.width == 300
        assert w.height * 300 * 8 <= max(budget_mb * 1024 * 1024, 300 * 8)
        rows.extend(range(w.row_off, w.row_off + w.height))
    assert rows == list(range(1000))
    assert progress == sorted(progress) and progress[-1] == pytest.approx(100.0)


def test_block_rows_are_tile_multiples_for_large_budgets():
    g = Grid(UTM, (30.0, 0, 0, 0, -30.0, 0), 1000, 100000)
    rows = block_rows(g, 8, budget_mb=64)
    assert rows % 256 == 0 and rows * 1000 * 8 <= 64 * 1024 * 1024


@pytest.mark.parametrize("width,height,bpp,budget", [(1000, 700, 100, 1), (300, 260, 40, 128), (5000, 10, 8, 0.5),
                                                     (700, 600, 100000, 1)])
def test_tiles_cover_the_grid_once(width, height, bpp, budget):
    grid = Grid("", (30.0, 0.0, 0.0, 0.0, -30.0, 0.0), width, height)
    seen = np.zeros((height, width), int)
    progress = []
    for w in iter_tiles(grid, bpp, Monitor(progress=progress.append), budget_mb=budget):
        seen[w.row_off:w.row_off + w.height, w.col_off:w.col_off + w.width] += 1
        assert w.width * w.height * bpp <= max(budget * 2 ** 20, bpp * 256 * 256)
        if w.row_off + w.height < height:
            # whole tile rows, unless one tile would not fit the budget: then one tile wide, fewer rows
            assert w.height % 256 == 0 or (w.width <= 256 and w.col_off % 256 == 0)
        if w.col_off + w.width < width:
            assert w.width % 256 == 0
    assert (seen == 1).all()
    assert progress == sorted(progress) and progress[-1] == pytest.approx(100.0)


def test_cancel_between_blocks():
    g = Grid(UTM, (30.0, 0, 0, 0, -30.0, 0), 10, 100)
    seen = []
    mon = Monitor(is_canceled=lambda: len(seen) >= 3)
    with pytest.raises(Canceled):
        for w in iter_windows(g, 8, mon, budget_mb=10 * 8 * 10 / 1024 / 1024):
            seen.append(w)
    assert len(seen) == 3


def test_reader_turns_nodata_and_nan_into_nan(tmp_path):
    data = np.array([[1, 2, -5], [np.nan, 4, 5]], dtype="float32")
    path = write_raster(tmp_path / "x.tif", data, nodata=-5)
    with RasterReader(path, "X") as r:
        out = r.read()
        values, valid = r.read_valid()
    assert np.isnan(out[0, 2]) and np.isnan(out[1, 0])
    assert out[1, 2] == 5 and out.dtype == np.float64
    assert valid.tolist() == [[True, True, False], [False, True, True]]


def test_reader_band_out_of_range(tmp_path):
    path = write_raster(tmp_path / "x.tif", np.zeros((2, 2), "float32"))
    with RasterReader(path, "X") as r, pytest.raises(CoreError, match="has 1 band"):
        r.read(band=2)


def test_warped_reader_nearest_and_bilinear(tmp_path):
    # 4×4 source at 60 m; target 8×8 at 30 m over the same extent.
    src = np.arange(16, dtype="float32").reshape(4, 4) * 10
    path = write_raster(tmp_path / "coarse.tif", src, transform=(60.0, 0, 500000.0, 0, -60.0, 4000000.0),
                        crs="EPSG:32648", nodata=-1)
    target = Grid(UTM, (30.0, 0, 500000.0, 0, -30.0, 4000000.0), 8, 8)
    with RasterReader(str(path), "DEM", grid=target, resampling="nearest") as r:
        near = r.read()
        assert r.grid == target
    np.testing.assert_array_equal(near, np.repeat(np.repeat(src, 2, 0), 2, 1))
    with RasterReader(str(path), "DEM", grid=target, resampling="bilinear") as r:
        bil = r.read()
    # Interior target pixel (row 3, col 3) has its centre at source pixel coords (1.75, 1.75), between
    # source centres 1.5 and 2.5 on each axis: weight 0.75 on index 1 and 0.25 on index 2.
    expected = 0.5625 * src[1, 1] + 0.1875 * src[1, 2] + 0.1875 * src[2, 1] + 0.0625 * src[2, 2]
    assert bil[3, 3] == pytest.approx(expected, rel=1e-5)


def test_writer_float_output_profile_and_sidecar(tmp_path):
    g = Grid(UTM, (30.0, 0, 500000.0, 0, -30.0, 4000000.0), 300, 260)
    out = str(tmp_path / "o.tif")
    data = np.random.default_rng(1).random((260, 300))
    data[0, 0] = np.nan
    with OutputTransaction({"algorithm": "rsei:test"}) as tx:
        w = tx.raster(out, g, descriptions=["RSEI"])
        for win in iter_windows(g, 8, budget_mb=0.1):
            r0, r1 = win.row_off, win.row_off + win.height
            w.write(win, data[r0:r1])
        tx.annotate(out, pc1_percent=71.5)
        assert not os.path.exists(out)  # nothing in place before commit
    with rasterio.open(out) as ds:
        assert ds.dtypes[0] == "float32" and ds.nodata == NODATA_FLOAT
        assert ds.profile["tiled"] and ds.profile["blockxsize"] == 256
        assert ds.compression.name.lower() == "deflate"
        assert ds.descriptions == ("RSEI",)
        back = ds.read(1, masked=True)
    assert back.mask[0, 0] and back.mask.sum() == 1
    np.testing.assert_allclose(back.filled(np.nan)[1:], data[1:].astype("float32"))
    side = json.load(open(out + ".json"))
    assert side["algorithm"] == "rsei:test" and side["pc1_percent"] == 71.5
    stats = side["bands"][0]
    assert stats["count"] == data.size - 1
    assert stats["max"] == pytest.approx(np.nanmax(data.astype("float32")), rel=1e-6)
    assert stats["mean"] == pytest.approx(np.nanmean(data.astype("float32")), rel=1e-6)
    assert sorted(os.listdir(tmp_path)) == ["o.tif", "o.tif.json"]


def test_transaction_rollback_leaves_nothing(tmp_path):
    g = Grid(UTM, (30.0, 0, 0, 0, -30.0, 0), 10, 10)
    with pytest.raises(RuntimeError):
        with OutputTransaction() as tx:
            tx.raster(str(tmp_path / "a.tif"), g).write(
                rasterio.windows.Window(0, 0, 10, 10), np.ones((10, 10)))
            with open(tx.file(str(tmp_path / "t.html")), "w") as fh:
                fh.write("x")
            raise RuntimeError("fail")
    assert os.listdir(tmp_path) == []


def test_class_output_keeps_nodata_zero(tmp_path):
    g = Grid(UTM, (30.0, 0, 0, 0, -30.0, 0), 3, 1)
    out = str(tmp_path / "c.tif")
    with OutputTransaction() as tx:
        tx.raster(out, g, dtype="uint8", nodata=0).write(rasterio.windows.Window(0, 0, 3, 1),
                                                          np.array([[0, 1, 5]]))
    side = json.load(open(out + ".json"))
    assert side["bands"][0]["count"] == 2 and side["bands"][0]["min"] == 1


def test_pixel_areas_projected_and_geographic():
    g = Grid(UTM, (30.0, 0, 500000.0, 0, -30.0, 4000000.0), 5, 3)
    np.testing.assert_allclose(g.row_pixel_areas_km2(), [0.0009] * 3)
    pyproj = pytest.importorskip("pyproj")
    geod = pyproj.Geod(ellps="WGS84")
    for top in (1.0, 39.0, 61.0):
        gg = Grid(WGS84, (0.01, 0, 106.0, 0, -0.01, top), 1, 1)
        # A 0.01° cell: geodesic and parallel edges coincide to ~1e-7 at this size.
        area, _ = geod.polygon_area_perimeter([106.0, 106.01, 106.01, 106.0], [top - 0.01, top - 0.01, top, top])
        assert gg.row_pixel_areas_km2()[0] == pytest.approx(abs(area) / 1e6, rel=1e-5)


def test_running_covariance_matches_numpy_in_batches():
    rng = np.random.default_rng(0)
    x = rng.normal(loc=1e4, scale=[1, 2, 3, 4], size=(10007, 4))
    acc = RunningCovariance(4)
    for chunk in np.array_split(x, 13):
        acc.update(chunk)
    acc.update(np.empty((0, 4)))
    np.testing.assert_allclose(acc.covariance(), np.cov(x, rowvar=False), rtol=1e-9)
    np.testing.assert_allclose(acc.mean, x.mean(axis=0), rtol=1e-12)


def test_running_stats_ignore_nan_and_handle_empty():
    s = RunningStats()
    assert s.as_dict() == {"count": 0}
    s.update([1.0, np.nan, 3.0])
    s.update([])
    s.update([np.inf, 5.0])
    assert (s.count, s.min, s.max, s.mean) == (3, 1.0, 5.0, 3.0)
    assert s.std == pytest.approx(np.std([1, 3, 5]))


def test_differences_text_grammar():
    from rsei_toolbox.core.raster import differences_text
    assert differences_text(["CRS"]) == "its CRS differs"
    assert differences_text(["CRS", "size (1×1 pixels instead of 2×2)", "origin (0, 0 instead of 1, 1)"]) == \
        "its CRS, size (1×1 pixels instead of 2×2) and origin (0, 0 instead of 1, 1) differ"


def test_class_areas_against_a_direct_count():
    from rsei_toolbox.core.stats import class_areas
    codes = np.array([[0, 1, 1, 3], [3, 3, 0, 2], [5, 1, 2, 2]], dtype="uint8")
    rows = np.array([1.0, 2.0, 4.0])
    counts, areas = class_areas(codes, rows, 6)
    assert counts.tolist() == [2, 3, 3, 3, 0, 1]
    # hand-worked: code 1 → row 0 twice (1+1) + row 2 once (4) = 6; code 3 → 1 + 2 + 2 = 5
    assert areas.tolist() == [1 + 2, 1 + 1 + 4, 2 + 4 + 4, 1 + 2 + 2, 0, 4]
