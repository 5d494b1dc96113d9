"""Fast checks of the generated demo data (demo/make_data.py), not the full demo run.

The demo data must look like what users download from USGS (file names, MTL structure and scale
factors, QA_PIXEL bits, DN ranges) and must carry the story the demo tells: the ecology around the mines
degrades until about 2012 and recovers afterwards.  The oracles here are independent of the generator:
an ODL parser written in this file, the USGS bit layout and scaling written out as numbers, and NDVI
computed directly from the DNs.
"""
import datetime as dt
import hashlib
import os
import re
import sys

import numpy as np
import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "demo"))

import make_data  # noqa: E402

rasterio = pytest.importorskip("rasterio")

YEARS = (2000, 2009, 2012, 2024)
NAME_RE = re.compile(r"^(LT05|LE07|LC08|LC09)_L2SP_(\d{3})(\d{3})_(\d{8})_(\d{8})_02_T1$")
VALID_SR = (7273, 43636)  # USGS valid range of C2 L2 surface reflectance DN (reflectance 0 … 1)


def parse_odl(path):
    """Independent ODL parser: {group: {key: value}} with quotes removed; checks that groups nest."""
    groups, stack = {}, []
    with open(path, encoding="ascii") as fh:
        lines = [ln.strip() for ln in fh if ln.strip()]
    assert lines[-1] == "END"
    for ln in lines[:-1]:
        key, _, value = (part.strip() for part in ln.partition("="))
        if key == "GROUP":
            stack.append(value)
            groups.setdefault(value, {})
        elif key == "END_GROUP":
            assert stack and stack.pop() == value, f"unbalanced group {value} in {path}"
        else:
            assert stack, f"key outside a group: {ln}"
            groups[stack[-1]][key] = value.strip('"')
    assert not stack
    return groups


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo-data")
    manifest = make_data.generate(str(out), YEARS, log=lambda *_: None)
    return str(out), manifest


def _read(path):
    with rasterio.open(path) as ds:
        return ds.read(1), ds


def _scene_files(out, scene):
    folder = os.path.join(out, os.path.dirname(scene["mtl"]))
    return folder, scene["product_id"]


def test_scenes_per_year_sensors_and_names(demo):
    out, manifest = demo
    scenes = manifest["scenes"]
    assert {s["year"] for s in scenes} == set(YEARS)
    summer = [s for s in scenes if 6 <= int(s["date"][5:7]) <= 9]
    for y in YEARS:
        assert sum(s["year"] == y for s in summer) >= 2, f"fewer than two June–September scenes in {y}"
    assert any(int(s["date"][5:7]) < 6 for s in scenes), "the out-of-season scene is missing"
    assert {s["mission"] for s in scenes} >= {"LT05", "LE07", "LC08", "LC09"}
    assert any(s["cloud_percent"] > 15 for s in scenes) and any(s["cloud_percent"] == 0 for s in scenes)
    for s in scenes:
        m = NAME_RE.match(s["product_id"])
        assert m, s["product_id"]
        assert (m.group(2), m.group(3)) == ("129", "033")
        acq = dt.datetime.strptime(m.group(4), "%Y%m%d").date()
        proc = dt.datetime.strptime(m.group(5), "%Y%m%d").date()
        assert acq.isoformat() == s["date"] and proc > acq
        assert os.path.basename(os.path.dirname(s["mtl"])) == s["product_id"]
    # TM stopped imaging in Nov 2011: no TM scene later; no OLI before 2013; Landsat 9 only from late 2021.
    assert all(s["year"] <= 2011 for s in scenes if s["mission"] == "LT05")
    assert all(s["year"] >= 2013 for s in scenes if s["mission"] in ("LC08", "LC09"))
    assert all(s["date"] >= "2021-10-31" for s in scenes if s["mission"] == "LC09")


def test_band_layout_matches_usgs(demo):
    out, manifest = demo
    for s in manifest["scenes"]:
        folder, pid = _scene_files(out, s)
        names = sorted(n[len(pid) + 1:] for n in os.listdir(folder))
        if s["mission"] in ("LC08", "LC09"):
            expected = [f"SR_B{b}.TIF" for b in range(1, 8)] + ["ST_B10.TIF"]
        else:
            expected = [f"SR_B{b}.TIF" for b in (1, 2, 3, 4, 5, 7)] + ["ST_B6.TIF"]
        expected += ["MTL.txt", "QA_PIXEL.TIF", "QA_RADSAT.TIF"]
        assert names == sorted(expected), (pid, names)


def test_mtl_structure_keys_and_georeferencing(demo):
    out, manifest = demo
    for s in manifest["scenes"]:
        folder, pid = _scene_files(out, s)
        g = parse_odl(os.path.join(out, s["mtl"]))
        for group in ("PRODUCT_CONTENTS", "IMAGE_ATTRIBUTES", "PROJECTION_ATTRIBUTES", "LEVEL2_PROCESSING_RECORD",
                      "LEVEL2_SURFACE_REFLECTANCE_PARAMETERS", "LEVEL2_SURFACE_TEMPERATURE_PARAMETERS",
                      "LEVEL1_PROCESSING_RECORD"):
            assert group in g, (pid, group)
        pc, ia, pa = g["PRODUCT_CONTENTS"], g["IMAGE_ATTRIBUTES"], g["PROJECTION_ATTRIBUTES"]
        assert pc["LANDSAT_PRODUCT_ID"] == pid and pc["PROCESSING_LEVEL"] == "L2SP" and pc["COLLECTION_NUMBER"] == "02"
        assert ia["DATE_ACQUIRED"] == s["date"]
        assert int(ia["WRS_PATH"]) == 129 and int(ia["WRS_ROW"]) == 33
        spacecraft, sensor = {"LT05": ("LANDSAT_5", "TM"), "LE07": ("LANDSAT_7", "ETM"),
                              "LC08": ("LANDSAT_8", "OLI_TIRS"), "LC09": ("LANDSAT_9", "OLI_TIRS")}[s["mission"]]
        assert (ia["SPACECRAFT_ID"], ia["SENSOR_ID"]) == (spacecraft, sensor)
        if s["mission"] == "LE07":
            assert ia["SENSOR_MODE_SLC"] == ("OFF" if s["date"] > "2003-05-31" else "ON")
        oli = s["mission"] in ("LC08", "LC09")
        sr_bands = range(1, 8) if oli else (1, 2, 3, 4, 5, 7)
        srp = g["LEVEL2_SURFACE_REFLECTANCE_PARAMETERS"]
        for b in sr_bands:
            assert float(srp[f"REFLECTANCE_MULT_BAND_{b}"]) == 2.75e-05
            assert float(srp[f"REFLECTANCE_ADD_BAND_{b}"]) == -0.2
            assert os.path.exists(os.path.join(folder, pc[f"FILE_NAME_BAND_{b}"]))
        st = "ST_B10" if oli else "ST_B6"
        stp = g["LEVEL2_SURFACE_TEMPERATURE_PARAMETERS"]
        assert float(stp[f"TEMPERATURE_MULT_BAND_{st}"]) == 0.00341802
        assert float(stp[f"TEMPERATURE_ADD_BAND_{st}"]) == 149.0
        assert os.path.exists(os.path.join(folder, pc[f"FILE_NAME_BAND_{st}"]))
        assert os.path.exists(os.path.join(folder, pc["FILE_NAME_QUALITY_L1_PIXEL"]))
        # Projection: UTM 48N; product corners are pixel centres (GeoTIFF corner + half a pixel).
        assert pa["MAP_PROJECTION"] == "UTM" and pa["UTM_ZONE"] == "48"
        with rasterio.open(os.path.join(folder, pc["FILE_NAME_BAND_4"])) as ds:
            assert ds.crs.to_epsg() == 32648
            assert (ds.width, ds.height) == (int(pa["REFLECTIVE_SAMPLES"]), int(pa["REFLECTIVE_LINES"]))
            assert float(pa["CORNER_UL_PROJECTION_X_PRODUCT"]) == pytest.approx(ds.bounds.left + 15.0)
            assert float(pa["CORNER_UL_PROJECTION_Y_PRODUCT"]) == pytest.approx(ds.bounds.top - 15.0)
            assert float(pa["CORNER_LR_PROJECTION_X_PRODUCT"]) == pytest.approx(ds.bounds.right - 15.0)
        # Near Ningdong (106.5°E, 38.0°N).
        lat, lon = float(pa["CORNER_UL_LAT_PRODUCT"]), float(pa["CORNER_UL_LON_PRODUCT"])
        assert 37.9 < lat < 38.2 and 106.3 < lon < 106.6


def test_plugin_reads_the_demo_mtl(demo):
    """The plugin's own MTL reader finds the sensor, every band and the scale factors."""
    mtl = pytest.importorskip("rsei_toolbox.core.mtl")
    out, manifest = demo
    for s in manifest["scenes"]:
        scene = mtl.open_scene(os.path.join(out, s["mtl"]))
        assert scene.level == "L2"
        assert scene.sensor == {"LT05": "TM", "LE07": "ETM", "LC08": "OLI", "LC09": "OLI"}[s["mission"]]
        assert scene.qa_path and scene.qa_kind == "c2"
        for role in ("blue", "green", "red", "nir", "swir1", "swir2"):
            band = scene.band(role)
            assert band.exists and (band.mult, band.add) == (2.75e-05, -0.2)
        assert scene.band("thermal").mult == 0.00341802


def _bits(qa, bit):
    return (qa >> bit) & 1 == 1


def test_qa_pixel_bits(demo):
    out, manifest = demo
    saw_shadow = saw_fill = False
    for s in manifest["scenes"]:
        folder, pid = _scene_files(out, s)
        qa, _ = _read(os.path.join(folder, f"{pid}_QA_PIXEL.TIF"))
        qa = qa.astype(np.int64)
        red, _ = _read(os.path.join(folder, f"{pid}_SR_B{4 if s['mission'].startswith('LC') else 3}.TIF"))
        fill = qa == 1
        cloud, dilated, shadow, clear, water = (_bits(qa, b) & ~fill for b in (3, 1, 4, 6, 7))
        # Cloud share = the MTL's CLOUD_COVER.
        g = parse_odl(os.path.join(out, s["mtl"]))
        assert 100 * cloud.mean() == pytest.approx(float(g["IMAGE_ATTRIBUTES"]["CLOUD_COVER"]), abs=0.01)
        # Clear (bit 6) = neither cloud nor dilated cloud; high cloud confidence (bits 8–9 = 3) on clouds.
        assert np.array_equal(clear, ~cloud & ~dilated & ~fill)
        assert np.all((qa[cloud] >> 8) & 3 == 3) and np.all((qa[~cloud & ~fill] >> 8) & 3 == 1)
        assert np.all((qa[shadow] >> 10) & 3 == 3)
        assert not (cloud & dilated).any() and not (cloud & shadow).any()
        if cloud.any():
            # Dilated cloud is a ring touching the clouds; shadows exist and lie off the clouds.
            from scipy.ndimage import binary_dilation
            assert dilated.any() and np.all(binary_dilation(cloud | fill, iterations=3)[dilated])
            assert shadow.any()
            saw_shadow = True
        # Fill in QA ⇔ SR DN 0 (SLC-off gaps of ETM+ after May 2003 only).
        assert np.array_equal(fill, red == 0)
        if s["mission"] == "LE07" and s["date"] > "2003-05-31":
            assert 0.05 < fill.mean() < 0.2
            saw_fill = True
        else:
            assert not fill.any()
        # Water flagged on the reservoir (dark in the NIR) only.
        nir, _ = _read(os.path.join(folder, f"{pid}_SR_B{5 if s['mission'].startswith('LC') else 4}.TIF"))
        w = water & ~shadow & ~cloud & ~dilated
        assert w.sum() > 300
        assert np.all(nir[w] * 2.75e-05 - 0.2 < 0.06)
    assert saw_shadow and saw_fill


def test_dn_ranges_realistic(demo):
    """Clear DNs in the USGS valid range; reflectance and temperature of each surface plausible."""
    out, manifest = demo
    world = make_data.World()
    for s in manifest["scenes"]:
        folder, pid = _scene_files(out, s)
        oli = s["mission"].startswith("LC")
        numbers = (2, 3, 4, 5, 6, 7) if oli else (1, 2, 3, 4, 5, 7)
        qa, _ = _read(os.path.join(folder, f"{pid}_QA_PIXEL.TIF"))
        ok = (qa & 0b11011) == 0  # no fill, dilated cloud, cloud, shadow
        sr = np.stack([_read(os.path.join(folder, f"{pid}_SR_B{b}.TIF"))[0] for b in numbers]).astype(float)
        d = dt.date.fromisoformat(s["date"])
        lc, _ = world.state(d.year + (d.timetuple().tm_yday - 1) / 365.25)
        land = ok & (lc != make_data.WATER)
        # Clear land within the USGS valid range; over water a few slightly negative SWIR values, as in real data.
        assert sr[:, land].min() >= VALID_SR[0] and sr[:, ok].max() <= VALID_SR[1]
        assert np.mean((sr[:, ok] < VALID_SR[0])) < 0.005
        refl = sr * 2.75e-05 - 0.2
        st, _ = _read(os.path.join(folder, f"{pid}_ST_B{10 if oli else 6}.TIF"))
        lst = st * 0.00341802 + 149.0 - 273.15
        assert 5 < lst[ok].min() and lst[ok].max() < 65
        ndvi = (refl[3] - refl[2]) / (refl[3] + refl[2])
        summer = 6 <= d.month <= 9
        crop = ok & (lc == make_data.CROP)
        water = ok & (lc == make_data.WATER)
        pit = ok & (lc == make_data.PIT)
        spoil = ok & (lc == make_data.SPOIL)
        barren = ok & (lc == make_data.BARREN)
        if summer:
            assert np.median(ndvi[crop]) > 0.55                      # irrigated crops
        assert np.median(ndvi[barren]) < 0.2                        # sand
        assert np.median(refl[3][water]) < 0.05 and np.median(ndvi[water]) < 0   # water: dark NIR
        assert np.median(lst[water]) < np.median(lst[crop]) < np.median(lst[barren])
        if pit.sum() > 50:
            assert np.median(refl[3][pit]) < 0.1                     # coal: dark
            assert np.median(lst[pit]) > np.median(lst[barren])      # and hot
        if spoil.sum() > 50:
            assert np.median(refl[4][spoil]) > 0.3                   # bright overburden in SWIR1


def _mine_mask(out):
    from osgeo import ogr
    from rasterio.features import rasterize
    import json
    ds = ogr.Open(os.path.join(out, "mines", "mines.gpkg"))
    geoms = [json.loads(f.GetGeometryRef().ExportToJson()) for f in ds.GetLayerByName("mines")
             if f.GetField("method") == "open-pit"]
    return rasterize([(g, 1) for g in geoms], out_shape=(make_data.SIZE, make_data.SIZE),
                     transform=make_data._grid_transform(), fill=0, dtype="uint8").astype(bool)


def test_degradation_then_recovery(demo):
    """Around the open pits, summer NDVI falls from 2000 to 2012 and recovers by 2024; land cover agrees."""
    out, manifest = demo
    mines = _mine_mask(out)
    ndvi_by_year, barren_by_year = {}, {}
    for y in YEARS:
        stack = []
        for s in manifest["scenes"]:
            if s["year"] != y or not 6 <= int(s["date"][5:7]) <= 9:
                continue
            folder, pid = _scene_files(out, s)
            oli = s["mission"].startswith("LC")
            red = _read(os.path.join(folder, f"{pid}_SR_B{4 if oli else 3}.TIF"))[0] * 2.75e-05 - 0.2
            nir = _read(os.path.join(folder, f"{pid}_SR_B{5 if oli else 4}.TIF"))[0] * 2.75e-05 - 0.2
            qa = _read(os.path.join(folder, f"{pid}_QA_PIXEL.TIF"))[0]
            ndvi = np.where((qa & 0b11011) == 0, (nir - red) / (nir + red), np.nan)
            stack.append(ndvi)
        with np.errstate(all="ignore"):
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # pixels never clear (SLC-off gaps) stay NaN
                median = np.nanmedian(np.stack(stack), axis=0)
        ndvi_by_year[y] = float(np.nanmean(median[mines]))
        with rasterio.open(os.path.join(out, manifest["landcover"][str(y)])) as ds:
            clcd = ds.read(1)
            assert ds.crs.to_epsg() == 4326
            assert set(np.unique(clcd)) <= set(range(0, 10)) and 6 not in np.unique(clcd)
        barren_by_year[y] = float((clcd == 7).mean())
    assert ndvi_by_year[2012] < ndvi_by_year[2000] - 0.03, ndvi_by_year
    assert ndvi_by_year[2024] > ndvi_by_year[2012] + 0.05, ndvi_by_year
    assert barren_by_year[2012] > barren_by_year[2000] and barren_by_year[2024] < barren_by_year[2012]


def test_dem_mines_and_climate(demo):
    out, manifest = demo
    from osgeo import ogr
    dem, ds = _read(os.path.join(out, manifest["dem"]))
    assert ds.crs.to_epsg() == 32648 and ds.res == (30.0, 30.0)
    gy, gx = np.gradient(dem.astype(float), 30.0)
    slope = np.degrees(np.arctan(np.hypot(gx, gy)))
    assert 1000 < dem.min() < dem.max() < 1500 and 1 < np.median(slope) < 8
    src = ogr.Open(os.path.join(out, manifest["mines"]))
    mines = src.GetLayerByName("mines")
    assert mines.GetFeatureCount() == len(make_data.MINES) and mines.GetSpatialRef().GetAuthorityCode(None) == "32648"
    prod = src.GetLayerByName("production")
    assert prod.GetFeatureCount() == len(make_data.MINES) * len(YEARS)
    values = [(f.GetField("mine_id"), f.GetField("year"), f.GetField("coal_production_10kt")) for f in prod]
    opened = {m[0]: m[3] for m in make_data.MINES}
    assert all((p == 0) == (y < opened[mid]) for mid, y, p in values)
    for y in YEARS:
        for name, lo, hi in (("temperature", 15, 30), ("precipitation", 150, 400)):
            arr, ds = _read(os.path.join(out, manifest["climate"][str(y)][name]))
            assert ds.crs.to_epsg() == 4326 and ds.res[0] == pytest.approx(0.01)
            assert lo < arr.min() and arr.max() < hi


def test_deterministic(tmp_path):
    """Same seed, same bytes of pixel data (the generator is the embedded data)."""
    digests = []
    for run in ("a", "b"):
        make_data.generate(str(tmp_path / run), (2012,), log=lambda *_: None)
        pid = make_data.product_id("2012-07-23", "LE07")[0]
        arr, _ = _read(str(tmp_path / run / "landsat" / pid / f"{pid}_SR_B4.TIF"))
        digests.append(hashlib.sha256(arr.tobytes()).hexdigest())
    assert digests[0] == digests[1]


def test_report_reads_the_shipped_class_styles():
    """report.html draws class maps with the colours and labels of the plugin's own styles."""
    import report_page
    styles = os.path.join(REPO, "resources", "styles")
    trend = report_page.qml_palette(os.path.join(styles, "trend_classes.tif"))
    assert sorted(trend) == [1, 2, 3, 4, 5] and "significant improvement" in trend[1][0]
    coupling = report_page.qml_palette(os.path.join(styles, "coupling.tif"))
    assert sorted(coupling) == [11, 12, 13, 21, 22, 23, 31, 32, 33]
    assert all(re.fullmatch(r"#[0-9a-fA-F]{6}", c) for _, c in coupling.values())


def test_table_round_trip(tmp_path):
    """The per-mine table is written with numeric fields that the Geodetector can read back as numbers."""
    import run_demo
    path = str(tmp_path / "t.gpkg")
    run_demo.write_gpkg_table(path, "t", [("mine_id", "str"), ("year", "int"), ("rsei", "float")],
                              [("M01", 2000, 0.25), ("M02", 2000, None)])
    rows = run_demo.read_table(path)
    assert rows == [{"mine_id": "M01", "year": 2000, "rsei": 0.25}, {"mine_id": "M02", "year": 2000, "rsei": None}]
    assert run_demo.field(rows[0], "RSEI") == 0.25 and run_demo.field(rows[0], "nope", default=1) == 1


DRIVER = r"""
import json, os, runpy, sys
demo_dir, out = sys.argv[1], sys.argv[2]
sys.path.insert(0, demo_dir)
import common, report_page
os.makedirs(os.path.join(out, "logs")); os.makedirs(os.path.join(out, "data")); os.makedirs(os.path.join(out, "tables"))
with open(os.path.join(out, "logs", "state.json"), "w") as fh:
    json.dump({"results": {}, "timings": [], "total": 0.0, "calls": 0, "jobs": 1}, fh)
with open(os.path.join(out, "data", "manifest.json"), "w") as fh:
    json.dump({"years": [2000]}, fh)
for name in ("rsei_by_year", "grade_areas_by_year", "eg_index_by_year", "trend_class_areas",
             "geodetector_raster_2000", "geodetector_raster_interaction_2000", "geodetector_mines"):
    common.write_gpkg_table(os.path.join(out, "tables", name + ".gpkg"), name, [("year", "int")], [(2000,)])
# the page fails to read a table: a DemoError raised inside report_page
report_page.write = lambda demo, path: report_page.read_table(os.path.join(out, "missing.gpkg"))
sys.argv = ["run_demo.py", "--out", out, "--report-only"]
runpy.run_path(os.path.join(demo_dir, "run_demo.py"), run_name="__main__")
"""


def test_demo_error_from_the_report_page_is_caught(tmp_path):
    """run_demo.py run as a script catches a DemoError raised in report_page (no second copy of run_demo)."""
    import subprocess
    out = tmp_path / "out"
    res = subprocess.run([sys.executable, "-c", DRIVER, os.path.join(REPO, "demo"), str(out)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "DEMO FAILED: cannot open table" in res.stderr and "missing.gpkg" in res.stderr
    assert "Traceback" not in res.stderr, res.stderr
