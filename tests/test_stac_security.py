"""rsei:landsatstac through qgis_process as a user runs it: SAS tokens never reach a file or the log; QGIS's proxy
settings reach both the HTTP client and GDAL."""
import json
import os

import rasterio

from test_stac_composite import DEMO_EXTENT


def _all_files(*folders):
    for folder in folders:
        for root, _, files in os.walk(folder):
            for name in files:
                yield os.path.join(root, name)


def test_token_never_written_or_logged(stac_env, qgis_process, tmp_path):
    gw = stac_env.assets
    gw.reset()
    gw.require_token = True
    out, cache = tmp_path / "out", tmp_path / "cache"
    key = "SUBSCRIPTION-KEY-0123456789"
    proc = qgis_process("--json", "run", "rsei:landsatstac", "--", f"EXTENT={DEMO_EXTENT}", "YEARS=2003,2012",
                        "MONTHS=6-9", "TARGET_CRS=EPSG:32648", "RESOLUTION=60", f"CATALOG={stac_env.catalog.url}",
                        "SIGNING=0", f"TOKEN_URL={gw.url}/sas/token", f"CACHE_FOLDER={cache}", f"OUTPUT_FOLDER={out}",
                        f"OUTPUT_SCENES={tmp_path / 'scenes.gpkg'}", f"OUTPUT_HTML={tmp_path / 'report.html'}",
                        f"SUBSCRIPTION_KEY={key}")
    gw.require_token = False
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    results = json.loads(proc.stdout)["results"]
    assert results["YEARS_WRITTEN"] == 2 and results["SCENES_USED"] == 5 and results["MEGABYTES_READ"] > 0
    assert gw.token_requests >= 1 and gw.issued
    assert any(r[2] == 206 for r in gw.requests)             # signed range reads went through the token check
    secrets = list(gw.issued)                                  # every sig the token service handed out
    files = list(_all_files(out, cache)) + [str(tmp_path / "scenes.gpkg"), str(tmp_path / "report.html")]
    assert len(files) > 20
    for path in files:
        data = open(path, "rb").read()
        for s in secrets:
            assert s.encode() not in data, (path, "token")
        assert key.encode() not in data, (path, "subscription key")
    log = proc.stdout + proc.stderr
    for s in secrets:
        assert s not in log
    with rasterio.open(out / "composite_2003.tif") as ds:
        assert ds.tags()["RSEI_COMPOSITE"] == "rsei:landsatcomposite"
    gw.reset()


def test_qgis_proxy_settings_reach_http_client_and_gdal(stac_env, run_alg, tmp_path):
    from qgis.core import QgsSettings

    from osgeo import gdal
    from services.gateway import Gateway
    # GDAL keeps what /vsicurl/ read earlier in this process (the other tests read the same assets directly):
    # without clearing it, the reads below may be served from memory and never reach the proxy.
    gdal.VSICurlClearCache()
    proxy = Gateway(None).start()
    s = QgsSettings()
    keys = ("proxy/proxyEnabled", "proxy/proxyHost", "proxy/proxyPort", "proxy/proxyType")
    before = {k: s.value(k) for k in keys}
    try:
        s.setValue("proxy/proxyEnabled", True)
        s.setValue("proxy/proxyHost", "127.0.0.1")
        s.setValue("proxy/proxyPort", str(proxy.port))
        s.setValue("proxy/proxyType", "HttpProxy")
        res = run_alg("rsei:landsatstac", {"EXTENT": DEMO_EXTENT, "YEARS": "2012", "TARGET_CRS": "EPSG:32648",
                                           "RESOLUTION": 90, "CATALOG": stac_env.catalog.url, "SIGNING": 1,
                                           "CACHE_FOLDER": str(tmp_path / "cache"),
                                           "OUTPUT_FOLDER": str(tmp_path / "out")})
    finally:
        for k, v in before.items():
            if v is None:
                s.remove(k)
            else:
                s.setValue(k, v)
        proxy.stop()
    assert res["YEARS_WRITTEN"] == 1
    seen = proxy.proxied
    assert f"{stac_env.catalog.url}/search" in seen                       # the STAC search (urllib)
    assert any(u.startswith(stac_env.assets.url + "/demo/") and u.endswith(".TIF") for u in seen)  # GDAL reads
    from rasterio._env import get_gdal_config
    assert get_gdal_config("GDAL_HTTP_PROXY") is None                     # restored after the run
