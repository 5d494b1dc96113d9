"""rsei:zonalseries and core.zonal against a direct polygon mask of the whole raster (rasterio.features)."""
import numpy as np
import pytest
import rasterio
from rasterio.features import geometry_mask

from conftest import shared, write_raster
from rsei_toolbox.core import zonal


def whole(path):
    """The whole band 1 in memory as float64 with NaN for NoData, its transform and CRS."""
    with rasterio.open(path) as ds:
        arr = ds.read(1).astype(np.float64)
        if ds.nodata is not None:
            arr[ds.read(1) == ds.nodata] = np.nan
        return arr, ds.transform, ds.crs, ds.bounds


def oracle(path, geom, all_touched=False):
    """Direct statistics: geometry_mask on the whole raster; pixels on a lattice padded by half its size."""
    arr, t, _, _ = whole(path)
    inside = ~geometry_mask([geom], arr.shape, t, all_touched=all_touched)
    v = arr[inside]
    v = v[np.isfinite(v)]
    pad = max(arr.shape) // 2 + 10
    big = rasterio.Affine(t.a, 0, t.c - pad * t.a, 0, t.e, t.f - pad * t.e)
    pixels = int((~geometry_mask([geom], (arr.shape[0] + 2 * pad, arr.shape[1] + 2 * pad), big,
                                 all_touched=all_touched)).sum())
    return v, pixels


def box(x0, y0, x1, y1):
    return {"type": "Polygon", "coordinates": [[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]]}


def polygons(bounds, dx, dy):
    """An inside star-ish polygon, one across the left edge, one across the bottom-right corner, one outside."""
    left, bottom, right, top = bounds
    w, h = right - left, top - bottom
    inner = {"type": "Polygon", "coordinates": [[(left + 0.3 * w, bottom + 0.4 * h), (left + 0.45 * w + 0.3 * dx,
                                                  bottom + 0.35 * h), (left + 0.52 * w, bottom + 0.62 * h + 0.4 * dy),
                                                 (left + 0.38 * w, bottom + 0.7 * h), (left + 0.3 * w,
                                                                                        bottom + 0.4 * h)]]}
    across_left = {"type": "Polygon", "coordinates": [[(left - 0.1 * w + 0.3 * dx, bottom + 0.2 * h),
                                                       (left + 0.15 * w, bottom + 0.25 * h + 0.3 * dy),
                                                       (left + 0.12 * w, bottom + 0.5 * h),
                                                       (left - 0.05 * w, bottom + 0.45 * h),
                                                       (left - 0.1 * w + 0.3 * dx, bottom + 0.2 * h)]]}
    corner = box(right - 0.1 * w + 0.37 * dx, bottom - 0.08 * h + 0.21 * dy, right + 0.05 * w + 0.11 * dx,
                 bottom + 0.12 * h + 0.43 * dy)
    outside = box(right + 0.2 * w, top + 0.1 * h, right + 0.3 * w, top + 0.25 * h)
    return [inner, across_left, corner, outside]


@pytest.mark.parametrize("name,budget", [("srtm.tif", None), ("srtm.tif", 0.02), ("nlcd.tif", 0.05)])
def test_core_matches_the_direct_mask(name, budget):
    path = shared("landcover-nlcd", name)
    _, t, crs, bounds = whole(path)
    geoms = polygons(bounds, t.a, -t.e)
    zones = [zonal.Zone(f"z{i}", g, crs.to_wkt()) for i, g in enumerate(geoms)]
    for touched in (False, True):
        res = zonal.zonal_series(zones, [zonal.Layer("v", None, path)], zonal.STATISTICS, touched,
                                 budget_mb=budget)
        for z, geom in enumerate(geoms):
            s = res.stats[(0, z)]
            v, pixels = oracle(path, geom, touched)
            assert s.pixels == pixels and s.valid == v.size
            if z < 3:
                assert v.size > 100
                assert s.mean == pytest.approx(v.mean(), rel=1e-12)
                assert s.median == np.median(v)
                assert s.std == pytest.approx(v.std(), rel=1e-9)
                assert s.valid_share == v.size / pixels
            if z in (1, 2):
                assert s.valid_share < 0.9  # partly beyond the raster's edge
        assert res.outside == {0: ["z3"]}
        st = res.stats[(0, 3)]
        assert st.valid == 0 and np.isnan(st.mean) and st.outside


def test_reprojected_zones_and_categorical_majority():
    """Zones in UTM on the EPSG:4326 DEM are reprojected; NLCD as categorical gets the majority class."""
    dem = shared("landcover-nlcd", "srtm.tif")
    nlcd = shared("landcover-nlcd", "nlcd.tif")
    arr, t, crs, bounds = whole(nlcd)
    geoms = polygons(bounds, t.a, -t.e)[:3]
    zones = [zonal.Zone(i, g, crs.to_wkt()) for i, g in enumerate(geoms)]
    res = zonal.zonal_series(zones, [zonal.Layer("dem", None, dem), zonal.Layer("lc", None, nlcd, True)],
                             ("mean", "valid_share"))
    for z, geom in enumerate(geoms):
        g4326 = rasterio.warp.transform_geom(crs, "EPSG:4326", geom)
        v, _ = oracle(dem, g4326)
        assert res.stats[(0, z)].mean == pytest.approx(v.mean(), rel=1e-12)
        codes, _ = oracle(nlcd, geom)
        u, c = np.unique(codes, return_counts=True)
        assert res.stats[(1, z)].majority == u[np.argmax(c)]
    cols = zonal.columns(res.layers, ("mean", "valid_share"))
    assert [c[0] for c in cols] == ["dem_mean", "dem_valid_share", "lc_majority", "lc_valid_share"]
    assert cols[2][1] == "int"


def test_names_from_layer_names():
    assert zonal.variable_name("rsei_2019") == "rsei"
    assert zonal.variable_name("precip2020.tif") == "precip"
    assert zonal.parse_names("", 2, ["rsei_2019", "t 2019 mean"]) == ["rsei", "t_mean"]
    assert zonal.parse_names("a, b", 2, ["x", "y"]) == ["a", "b"]
    from rsei_toolbox.core.errors import CoreError
    with pytest.raises(CoreError, match="NAMES lists 1"):
        zonal.parse_names("a", 2, ["x", "y"])
    with pytest.raises(CoreError, match="only a year"):
        zonal.parse_names("", 1, ["2019"])


# ----------------------------------------------------------------------------- the algorithm

def _zones_gpkg(path, geoms, crs):
    from osgeo import ogr, osr
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs.to_wkt())
    lyr = ds.CreateLayer("zones", srs, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("mine_id", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("production", ogr.OFTReal))
    import json
    for i, g in enumerate(geoms):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("mine_id", f"M{i}")
        f.SetField("production", 100.0 * (i + 1))
        f.SetGeometry(ogr.CreateGeometryFromJson(json.dumps(g)))
        lyr.CreateFeature(f)
    ds = None
    return f"{path}|layername=zones"


def test_algorithm_table_shape_and_values(tmp_path, run_alg):
    """One row per zone × year with <name>_<stat> columns; the table feeds rsei:geodetector with YEAR_FIELD."""
    from qgis.core import QgsProcessingFeedback
    dem = shared("landcover-nlcd", "srtm.tif")
    nlcd = shared("landcover-nlcd", "nlcd.tif")
    arr, t, crs, bounds = whole(dem)
    rng = np.random.default_rng(3)
    yearly = {}
    for year in (2019, 2020):
        noisy = arr * (1 + 0.01 * (year - 2019)) + rng.normal(0, 5, arr.shape)
        noisy[np.isnan(arr)] = -9999
        yearly[year] = write_raster(tmp_path / f"elev_{year}.tif", noisy.astype(np.float32), tuple(t)[:6],
                                    "EPSG:4326", nodata=-9999)
    left, bottom, right, top = bounds
    w, h = right - left, top - bottom
    geoms = [box(left + (0.1 + 0.13 * i) * w, bottom + 0.3 * h, left + (0.2 + 0.13 * i) * w + 0.3 * t.a,
                 bottom + (0.4 + 0.05 * i) * h) for i in range(6)]
    geoms += polygons(bounds, t.a, -t.e)[1:]  # across the left edge, the corner, and outside
    zones = _zones_gpkg(tmp_path / "zones.gpkg", geoms, crs)
    fb = QgsProcessingFeedback()
    errors = []
    fb.pushWarning = lambda msg: errors.append(msg)
    res = run_alg("rsei:zonalseries", {
        "ZONES": zones, "ZONE_FIELD": "mine_id", "INPUT": [yearly[2019], yearly[2020], dem, dem],
        "YEARS": "2019, 2020, 2019, 2020", "NAMES": "elev,elev,dem,dem", "STATIC": [nlcd],
        "CATEGORICAL": "nlcd", "STATISTICS": [0, 1, 3], "COPY_FIELDS": ["production"],
        "OUTPUT": "TEMPORARY_OUTPUT"}, feedback=fb)
    layer = res["OUTPUT"]
    names = [f.name() for f in layer.fields()]
    assert names == ["mine_id", "production", "year", "elev_mean", "elev_median", "elev_valid_share", "dem_mean",
                     "dem_median", "dem_valid_share", "nlcd_majority", "nlcd_valid_share"]
    rows = [dict(zip(names, f.attributes())) for f in layer.getFeatures()]
    assert len(rows) == len(geoms) * 2
    assert res["ZONES_OUTSIDE"] == 1
    assert any("M8" in e and "outside" in e for e in errors)
    nlcd_arr, nt, ncrs, _ = whole(nlcd)
    for row in rows:
        i = int(row["mine_id"][1:])
        geom = geoms[i]
        if i == 8:
            assert row["elev_mean"] is None or row["elev_mean"].isNull()
            assert row["elev_valid_share"] == 0
            continue
        v, pixels = oracle(yearly[row["year"]], geom)
        assert row["elev_mean"] == pytest.approx(v.mean(), rel=1e-12)
        assert row["elev_median"] == pytest.approx(float(np.median(v)), rel=1e-12)
        assert row["elev_valid_share"] == pytest.approx(v.size / pixels)
        d, _ = oracle(dem, geom)
        assert row["dem_mean"] == pytest.approx(d.mean(), rel=1e-12)
        assert row["production"] == 100.0 * (i + 1)
        codes, _ = oracle(nlcd, rasterio.warp.transform_geom("EPSG:4326", ncrs, geom))
        if codes.size:
            u, c = np.unique(codes, return_counts=True)
            assert row["nlcd_majority"] == u[np.argmax(c)]
    # exactly the shape rsei:geodetector with YEAR_FIELD takes
    gd = run_alg("rsei:geodetector", {"INPUT": layer, "Y_FIELD": "elev_mean", "X_FIELDS": ["dem_mean",
                                                                                          "production"],
                                      "METHOD": 2, "CLASSES": 3, "YEAR_FIELD": "year",
                                      "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_INTERACTION": "TEMPORARY_OUTPUT",
                                      "OUTPUT_RISK": "TEMPORARY_OUTPUT", "OUTPUT_ECOLOGICAL": "TEMPORARY_OUTPUT"})
    years = {f["year"] for f in gd["OUTPUT"].getFeatures()}
    assert years == {"2019", "2020", "mean"}


def test_algorithm_checks_names_and_years(tmp_path, run_alg):
    from qgis.core import QgsProcessingException
    dem = shared("landcover-nlcd", "srtm.tif")
    _, t, crs, bounds = whole(dem)
    zones = _zones_gpkg(tmp_path / "z.gpkg", polygons(bounds, t.a, -t.e)[:1], crs)
    base = {"ZONES": zones, "ZONE_FIELD": "mine_id", "INPUT": [dem, dem], "OUTPUT": "TEMPORARY_OUTPUT"}
    with pytest.raises(QgsProcessingException, match="both variable 'dem' in 2019"):
        run_alg("rsei:zonalseries", dict(base, YEARS="2019,2019", NAMES="dem,dem"))
    with pytest.raises(QgsProcessingException, match="YEARS lists 1"):
        run_alg("rsei:zonalseries", dict(base, YEARS="2019", NAMES="dem,dem"))
    with pytest.raises(QgsProcessingException, match="Cannot tell the year"):
        run_alg("rsei:zonalseries", dict(base, NAMES="a,b"))
    with pytest.raises(QgsProcessingException, match="CATEGORICAL: 'lc'"):
        run_alg("rsei:zonalseries", dict(base, YEARS="2019,2020", CATEGORICAL="lc"))


def test_zone_smaller_than_a_pixel():
    """No pixel centre inside: NULL statistics and a warning suggesting ALL_TOUCHED, which counts the pixel."""
    from rsei_toolbox.core.monitor import Monitor
    path = shared("landcover-nlcd", "srtm.tif")
    arr, t, crs, _ = whole(path)
    x0, y0 = t.c + 100.1 * t.a, t.f + 200.1 * t.e  # inside pixel (row 200, col 100), away from its centre
    tiny = box(x0, y0 + 0.2 * t.e, x0 + 0.2 * t.a, y0)
    warned = []
    mon = Monitor(warn=warned.append)
    for touched, pixels in ((False, 0), (True, 1)):
        res = zonal.zonal_series([zonal.Zone("tiny", tiny, crs.to_wkt())], [zonal.Layer("dem", None, path)],
                                 ("mean",), touched)
        s = res.stats[(0, 0)]
        assert s.pixels == pixels and not s.outside and res.outside == {}
        zonal.report_outside(res, mon)
        if touched:
            assert s.mean == arr[200, 100]
    assert len(warned) == 1 and "tiny" in warned[0] and "ALL_TOUCHED" in warned[0]


def test_streamed_exact_median_of_a_large_zone(monkeypatch):
    """Above GATHER_LIMIT the median comes from the streaming passes: still exactly numpy's median."""
    path = shared("landcover-nlcd", "srtm.tif")
    _, t, crs, bounds = whole(path)
    geoms = polygons(bounds, t.a, -t.e)[:3]
    zones = [zonal.Zone(i, g, crs.to_wkt()) for i, g in enumerate(geoms)]
    monkeypatch.setattr(zonal, "GATHER_LIMIT", 500)
    res = zonal.zonal_series(zones, [zonal.Layer("dem", None, path)], ("median",), budget_mb=0.01)
    for z, geom in enumerate(geoms):
        v, _ = oracle(path, geom)
        assert v.size > 500 and res.stats[(0, z)].median == np.median(v)
