"""rsei:landsatstac end to end on loopback services: equality with rsei:landsatcomposite, the scene table, the
year filter, bytes read (nginx's access log), the cache, faults during asset reads."""
import glob
import json
import os

import numpy as np
import pytest
import rasterio

from rsei_toolbox.core import cloud_composite as cc
from rsei_toolbox.core.http import HttpClient
from rsei_toolbox.core.monitor import Monitor
from rsei_toolbox.core.raster import OutputTransaction
from rsei_toolbox.core.signing import NoSigner, SasSigner

# 100 × 100 pixels of 60 m inside the demo crop (pixel edges at 30 mod 60, as the STAC grid snaps them)
DEMO_EXTENT = "628230,634230,4204350,4210350 [EPSG:32648]"
PRODUCTS_EXTENT = "651000,861000,-3915000,-3735000 [EPSG:32655]"


def stac_params(env, tmp, **kw):
    p = {"EXTENT": DEMO_EXTENT, "YEARS": "2003,2006,2009,2012", "MONTHS": "6-9", "TARGET_CRS": "EPSG:32648",
         "RESOLUTION": 60, "CATALOG": env.catalog.url, "SIGNING": 1, "CACHE_FOLDER": os.path.join(tmp, "cache"),
         "MAX_WORKERS": 4, "OUTPUT_FOLDER": os.path.join(tmp, "out"),
         "OUTPUT_SCENES": os.path.join(tmp, "scenes.gpkg"), "OUTPUT_HTML": os.path.join(tmp, "report.html")}
    p.update(kw)
    return p


def read_table(path):
    from qgis.core import QgsVectorLayer
    layer = QgsVectorLayer(path, "scenes", "ogr")
    assert layer.isValid(), path
    names = [f.name() for f in layer.fields()]
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


def mtls(env, dates):
    return [glob.glob(os.path.join(folder, "*_MTL.txt"))[0] for pid, folder, _, date, _ in env.demo if date in dates]


def assert_same_composite(a, b):
    with rasterio.open(a) as da, rasterio.open(b) as db:
        assert da.profile["transform"] == db.profile["transform"] and da.crs == db.crs
        assert da.count == db.count and da.nodata == db.nodata == -9999.0
        assert da.descriptions == db.descriptions
        ta, tb = da.tags(), db.tags()
        assert set(ta) == set(tb)
        for k in ("RSEI_COMPOSITE", "RSEI_BANDS", "RSEI_SENSORS"):
            assert ta[k] == tb[k], k
        xa, xb = da.read(), db.read()
    np.testing.assert_array_equal(xa, xb)
    assert np.count_nonzero(xa[0] != -9999) > xa[0].size // 3


@pytest.fixture(scope="module")
def demo_run(stac_env, provider, tmp_path_factory):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback
    tmp = str(tmp_path_factory.mktemp("stac-demo"))
    stac_env.nginx.clear_log()
    res = processing.run("rsei:landsatstac", stac_params(stac_env, tmp), context=QgsProcessingContext(),
                         feedback=QgsProcessingFeedback())
    return tmp, res


def test_equal_to_landsatcomposite(stac_env, demo_run, run_alg, tmp_path):
    tmp, res = demo_run
    assert res["YEARS_WRITTEN"] == 3 and res["SCENES_USED"] == 7
    assert sorted(os.listdir(os.path.join(tmp, "out"))) == sorted(
        [f"{k}_{y}.{e}" for k in ("composite", "count") for y in (2003, 2009, 2012) for e in ("tif", "tif.json")]
        + [f"count_{y}.qml" for y in (2003, 2009, 2012)])
    seasons = {2003: ("2003-06-13", "2003-08-09", "2003-09-01"), 2009: ("2009-06-30", "2009-08-17"),
               2012: ("2012-06-21", "2012-07-23")}
    for year, dates in seasons.items():
        local = str(tmp_path / f"local_{year}.tif")
        count = str(tmp_path / f"local_count_{year}.tif")
        run_alg("rsei:landsatcomposite", {"SCENES": mtls(stac_env, dates), "MONTHS": "6-9", "EXTENT": DEMO_EXTENT,
                                          "TARGET_CRS": "EPSG:32648", "RESOLUTION": 60, "OUTPUT": local,
                                          "OUTPUT_COUNT": count})
        assert_same_composite(os.path.join(tmp, "out", f"composite_{year}.tif"), local)
        with rasterio.open(count) as a, rasterio.open(os.path.join(tmp, "out", f"count_{year}.tif")) as b:
            np.testing.assert_array_equal(a.read(), b.read())
            assert a.nodata == b.nodata
        assert os.path.exists(os.path.join(tmp, "out", f"count_{year}.qml"))
    side = json.load(open(os.path.join(tmp, "out", "composite_2003.tif.json")))
    assert side["algorithm"] == "rsei:landsatstac" and side["year"] == 2003
    assert all("?" not in h for hs in side["hrefs"].values() for h in hs.values())


def test_scene_table_and_year_filter(stac_env, demo_run):
    tmp, _ = demo_run
    rows = read_table(os.path.join(tmp, "scenes.gpkg"))
    by_id = {r["item_id"]: r for r in rows}
    assert set(by_id) == {"LT05_L2SP_129033_20030613_02_T1", "LE07_L2SP_129033_20030809_02_T1",
                          "LT05_L2SP_129033_20030901_02_T1", "LT05_L2SP_129033_20090630_02_T1",
                          "LT05_L2SP_129033_20090817_02_T1", "LE07_L2SP_129033_20120621_02_T1",
                          "LE07_L2SP_129033_20120723_02_T1"}
    assert "LT05_L2SP_129033_20090420_02_T1" not in by_id      # April: outside the season's search interval
    assert all(r["used"] == "yes" and r["why"] in ("", None) for r in rows)
    r = by_id["LE07_L2SP_129033_20120723_02_T1"]
    assert r["sensor"] == "ETM+" and r["path_row"] == "129/033" and r["year"] == 2012 and r["bytes_read"] > 0
    assert 0 < r["clear_percent"] <= 100
    # clear % equals the count of clear observations over the area from the composite engine
    with rasterio.open(os.path.join(tmp, "out", "count_2012.tif")) as ds:
        count = ds.read(1)
    clear_total = sum(by_id[i]["clear_percent"] for i in by_id if i.startswith("LE07_L2SP_129033_2012"))
    assert abs(clear_total / 100 * count.size - count.sum()) < 0.5
    html = open(os.path.join(tmp, "report.html"), encoding="utf-8").read()
    assert "2012-06-21" in html and "data:image/png;base64" in html


def test_max_cloud_and_sensor_filters(stac_env, run_alg, demo_run, tmp_path):
    tmp, _ = demo_run
    res = run_alg("rsei:landsatstac", stac_params(stac_env, str(tmp_path), YEARS="2009,2012", MAX_CLOUD=20,
                                                  SENSORS=[0], CACHE_FOLDER=os.path.join(tmp, "cache")))
    rows = {r["item_id"]: r for r in read_table(str(tmp_path / "scenes.gpkg"))}
    assert rows["LT05_L2SP_129033_20090817_02_T1"]["used"] == "no"
    assert "MAX_CLOUD" in rows["LT05_L2SP_129033_20090817_02_T1"]["why"]
    assert "not in SENSORS" in rows["LE07_L2SP_129033_20120621_02_T1"]["why"]
    assert res["YEARS_WRITTEN"] == 1 and res["MEGABYTES_READ"] == 0   # everything from the cache


def test_products_from_stactools_items(stac_env, run_alg, tmp_path):
    res = run_alg("rsei:landsatstac", stac_params(stac_env, str(tmp_path), EXTENT=PRODUCTS_EXTENT, YEARS="1998,2021",
                                                  MONTHS="3-5", TARGET_CRS="EPSG:32655", RESOLUTION=6000))
    assert res["YEARS_WRITTEN"] == 2 and res["SCENES_USED"] == 2
    for year, pid in ((1998, "LT05_L2SP_090084_19980308_20200909_02_T1"),
                      (2021, "LE07_L2SP_090084_20210331_20210426_02_T1")):
        local = str(tmp_path / f"local_{year}.tif")
        mtl = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "landsat-c2l2-products", pid,
                           f"{pid}_MTL.txt")
        run_alg("rsei:landsatcomposite", {"SCENES": [os.path.realpath(mtl)], "MONTHS": "3-5",
                                          "EXTENT": PRODUCTS_EXTENT, "TARGET_CRS": "EPSG:32655", "RESOLUTION": 6000,
                                          "OUTPUT": local})
        assert_same_composite(str(tmp_path / "out" / f"composite_{year}.tif"), local)


def core_run(env, tmp, collection="landsat-big", years=(2018,), signer=None, timeout=30, **kw):
    # 10 × 10 km in the middle of the 45 × 45 km enlarged scenes
    grid = cc.series_grid("EPSG:32648", (626685, 4201885, 636685, 4211885), 30)
    opts = cc.SeriesOptions(catalog=env.catalog.url, collection=collection, years=years,
                            bbox=(106.43, 37.94, 106.57, 38.06), max_workers=4, timeout=timeout, **kw)
    msgs = []
    mon = Monitor(info=msgs.append, warn=msgs.append)
    out = os.path.join(tmp, "out")
    os.makedirs(out, exist_ok=True)
    summary = cc.run_series(opts, grid, HttpClient(timeout=timeout), signer or NoSigner(), os.path.join(tmp, "cache"),
                            out, lambda: OutputTransaction({}), mon)
    return summary, msgs


def test_only_the_area_is_read(stac_env, tmp_path):
    stac_env.nginx.clear_log()
    summary, _ = core_run(stac_env, str(tmp_path))
    assert summary["years_written"] == [2018] and summary["scenes_used"] == 2
    lines = [ln for ln in stac_env.nginx.log_lines() if ln[1].startswith("/big/") and ln[0] == "GET"]
    assert lines and all(ln[2] == 206 for ln in lines)      # range requests only
    per_asset = {}
    for _, uri, _, nbytes, _ in lines:
        per_asset[uri] = per_asset.get(uri, 0) + nbytes
    assert len(per_asset) == 16
    for uri, nbytes in per_asset.items():
        size = os.path.getsize(os.path.join(stac_env.www, uri.lstrip("/")))
        if size > 100_000:
            assert nbytes / size < 0.25, (uri, nbytes, size)
    total = sum(per_asset.values())
    full = sum(os.path.getsize(os.path.join(stac_env.www, u.lstrip("/"))) for u in per_asset)
    assert total < 0.2 * full
    assert 0.75 < summary["bytes_read"] / total < 1.33          # MEGABYTES_READ matches the server's log
    # a rerun reads nothing; a truncated cached window is fetched again
    stac_env.nginx.clear_log()
    again, _ = core_run(stac_env, str(tmp_path))
    assert again["windows_fetched"] == 0 and again["windows_cached"] == 16 and again["bytes_read"] == 0
    assert not [ln for ln in stac_env.nginx.log_lines() if ln[1].startswith("/big/")]
    cached = sorted(glob.glob(os.path.join(str(tmp_path), "cache", "*", "*.tif")))
    with open(cached[0], "r+b") as fh:
        fh.truncate(os.path.getsize(cached[0]) // 2)
    with open(cached[1], "r+b") as fh:
        fh.seek(400)
        fh.write(b"\x00" * 64)
    third, _ = core_run(stac_env, str(tmp_path))
    assert third["windows_fetched"] == 2 and third["windows_cached"] == 14
    with rasterio.open(os.path.join(str(tmp_path), "out", "composite_2018.tif")) as ds:
        assert np.count_nonzero(ds.read(1) != -9999) > 10000


class FreshUrls(NoSigner):
    """A query string per run, so GDAL's in-process /vsicurl/ cache cannot answer instead of the server."""

    def __init__(self, tag):
        self.tag = tag

    def sign(self, href, collection):
        return f"{href}?run={self.tag}"


def test_asset_faults_are_retried(stac_env, tmp_path):
    clean, _ = core_run(stac_env, str(tmp_path / "a"))
    gw = stac_env.assets
    gw.reset()
    gw.faults = [["SR_B3", "503", 3], ["SR_B4", "429", 1], ["QA_PIXEL", "reset", 2], ["SR_B5", "slow:4", 1]]
    faulty, _ = core_run(stac_env, str(tmp_path / "b"), timeout=2, signer=FreshUrls(os.urandom(6).hex()))
    assert all(f[2] == 0 for f in gw.faults), gw.faults
    gw.reset()
    with rasterio.open(str(tmp_path / "a" / "out" / "composite_2018.tif")) as a, \
            rasterio.open(str(tmp_path / "b" / "out" / "composite_2018.tif")) as b:
        np.testing.assert_array_equal(a.read(), b.read())


def test_signed_reads_renew_on_403(stac_env, tmp_path):
    gw = stac_env.assets
    gw.reset()
    gw.require_token = True
    with pytest.raises(Exception, match="refused"):
        core_run(stac_env, str(tmp_path / "unsigned"), signer=FreshUrls("nosig"))   # unsigned hrefs are refused
    signer = SasSigner(HttpClient(), gw.url + "/sas/token")
    signer.token("landsat-big")
    gw.issued.clear()                                        # the server forgets the token: 403 mid-run
    summary, _ = core_run(stac_env, str(tmp_path / "signed"), signer=signer)
    assert summary["years_written"] == [2018] and signer.renewals == 2
    gw.refuse_tokens = True
    with pytest.raises(Exception, match="refused"):
        core_run(stac_env, str(tmp_path / "refused"), signer=SasSigner(HttpClient(), gw.url + "/sas/token"))
    gw.reset()


def test_odd_items(stac_env, tmp_path):
    grid_args = dict(collection="landsat-odd", years=(2012,))
    summary, msgs = core_run(stac_env, str(tmp_path), **grid_args)
    rows = {r["item_id"]: r for r in summary["rows"]}
    bad = next(i for i in rows if i.endswith("_FILEHREF"))
    assert rows[bad]["used"] == "no" and "not http(s)" in rows[bad]["why"]
    assert summary["scenes_used"] == 2                       # MTL fallback for the one without raster:bands scale
    with rasterio.open(os.path.join(str(tmp_path), "out", "composite_2012.tif")) as ds:
        assert ds.count == 6                                 # one scene has no thermal asset: no LST band
    assert any("No surface-temperature band" in m for m in msgs)


def test_bad_input(stac_env, run_alg, tmp_path):
    from qgis.core import QgsProcessingException
    base = stac_params(stac_env, str(tmp_path))
    with pytest.raises(QgsProcessingException, match="EXTENT or CLIP"):
        run_alg("rsei:landsatstac", dict(base, EXTENT=None))
    with pytest.raises(QgsProcessingException, match="http"):
        run_alg("rsei:landsatstac", dict(base, CATALOG="file:///etc"))
    with pytest.raises(QgsProcessingException, match=r"No STAC item at all .*2030.*6,7,8,9"):
        run_alg("rsei:landsatstac", dict(base, YEARS="2030"))
    with pytest.raises(QgsProcessingException, match="could not be reached"):
        run_alg("rsei:landsatstac", dict(base, CATALOG="http://127.0.0.1:9/api"))
    assert not os.path.exists(os.path.join(str(tmp_path), "out", "composite_2030.tif"))
