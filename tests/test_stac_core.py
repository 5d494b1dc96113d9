"""Core of rsei:landsatstac against the loopback services: years/seasons, STAC paging, HTTP faults, signing."""
import time

import pytest

from rsei_toolbox.core import cloud_composite as cc
from rsei_toolbox.core import stac
from rsei_toolbox.core.errors import CoreError
from rsei_toolbox.core.http import HttpClient, HttpError, check_url, redact
from rsei_toolbox.core.signing import SasSigner, TokenRefused
from rsei_toolbox.core.years import parse_year_list

NINGDONG = (106.44, 37.95, 106.56, 38.05)


def test_year_list_and_seasons():
    assert parse_year_list("2000-2003, 2010;2001") == [2000, 2001, 2002, 2003, 2010]
    for bad in ("20x0", "2005-2000", "1950", ""):
        with pytest.raises(CoreError, match="YEARS"):
            parse_year_list(bad)
    import datetime as dt
    assert stac.season_interval(2003, (6, 7, 8, 9)) == (dt.date(2003, 6, 1), dt.date(2003, 9, 30))
    assert stac.season_interval(2004, (11, 12, 1, 2)) == (dt.date(2003, 11, 1), dt.date(2004, 2, 29))
    assert stac.season_interval(2003, (5, 7)) == (dt.date(2003, 5, 1), dt.date(2003, 7, 31))
    assert stac.season_year("2003-12-05", (11, 12, 1, 2)) == 2004
    assert stac.season_year("2004-01-05", (11, 12, 1, 2)) == 2004
    assert cc.utm_epsg(106.5, 38.0) == 32648 and cc.utm_epsg(150.0, -34.6) == 32756


def test_merge_body_per_spec():
    body = {"collections": ["c"], "limit": 1, "bbox": [0, 0, 1, 1]}
    assert stac.merge_body(body, {"token": "next:2"}, True) == {**body, "token": "next:2"}
    assert stac.merge_body(body, {"token": "next:2"}, False) == {"token": "next:2"}
    assert body == {"collections": ["c"], "limit": 1, "bbox": [0, 0, 1, 1]}


def test_search_pages_through_next_links(stac_env):
    client = HttpClient()
    body = stac.search_body("landsat-c2-l2", 2009, (4, 5, 6, 7, 8, 9), bbox=NINGDONG, limit=1)
    stac_env.catalog.reset()
    feats = stac.search(client, stac_env.catalog.url, body)
    ids = sorted(f["id"] for f in feats)
    assert ids == ["LT05_L2SP_129033_20090420_02_T1", "LT05_L2SP_129033_20090630_02_T1",
                   "LT05_L2SP_129033_20090817_02_T1"]
    posts = [r for r in stac_env.catalog.requests if r[1] == "/search"]
    assert len(posts) >= 3                                  # one page per item with limit=1
    one = stac.search(client, stac_env.catalog.url, dict(body, limit=100))
    assert sorted(f["id"] for f in one) == ids


def test_item_roles_from_stactools_items(stac_env):
    items = {i["id"]: i for i in stac_env.items}
    s = stac.item_scene(items["LC08_L2SP_098084_20210503_02_T1"], "landsat-c2-l2")
    assert s.note == "" and s.sensor == "OLI" and s.path_row == "098/084"
    assert set(s.assets) == {"blue", "green", "red", "nir", "swir1", "swir2", "thermal", "qa"}
    assert s.assets["red"].href.endswith("_SR_B4.TIF") and s.assets["thermal"].href.endswith("_ST_B10.TIF")
    assert (s.assets["nir"].scale, s.assets["nir"].offset) == (2.75e-05, -0.2)
    assert (s.assets["thermal"].scale, s.assets["thermal"].offset) == (0.00341802, 149.0)
    t = stac.item_scene(items["LT05_L2SP_090084_19980308_02_T1"], "landsat-c2-l2")
    assert t.sensor == "TM" and t.assets["thermal"].href.endswith("_ST_B6.TIF")
    assert t.assets["swir2"].href.endswith("_SR_B7.TIF")
    bad = next(i for i in stac_env.items if i["id"].endswith("_FILEHREF"))
    assert "not http(s)" in stac.item_scene(bad, "x").note


def test_catalog_errors(stac_env):
    client = HttpClient(retries=1, backoff=0.01, timeout=2)
    with pytest.raises(CoreError, match=r"could not be reached"):
        stac.open_catalog(client, "http://127.0.0.1:9/stac")
    with pytest.raises(CoreError, match="not a STAC API"):
        stac.open_catalog(client, stac_env.nginx.url + "/demo")
    for url in ("file:///etc/passwd", "/vsicurl/http://x/y.tif", "ftp://host/x"):
        with pytest.raises(CoreError, match="http"):
            check_url(url, "CATALOG")
    assert redact("https://u:p@host:8/a/b.tif?st=1&sig=SECRET") == "https://host:8/a/b.tif"


def test_http_retries_retry_after_and_bounds(stac_env):
    gw = stac_env.catalog
    gw.reset()
    slept = []
    client = HttpClient(retries=4, backoff=0.01, sleep=slept.append)
    body = stac.search_body("landsat-c2-l2", 2003, (6, 7, 8, 9), bbox=NINGDONG)
    gw.faults = [["/search", "429", 1], ["/search", "503", 2]]
    feats = stac.search(client, gw.url, body)
    assert len(feats) == 3
    assert slept[0] >= 1.0                                  # Retry-After: 1 honoured
    assert len(slept) == 3
    gw.faults = [["/search", "503", 10]]
    with pytest.raises(CoreError, match="HTTP 503 after 5 attempts"):
        stac.search(HttpClient(retries=4, backoff=0.0, sleep=lambda s: None), gw.url, body)
    gw.faults = [["/search", "json:{\"features\": [broken", 1]]
    with pytest.raises(CoreError, match="not valid JSON"):
        stac.search(client, gw.url, body)
    gw.faults = []
    with pytest.raises(CoreError, match="more than the 200 accepted"):
        stac.search(HttpClient(max_bytes=200), gw.url, body)
    # a slow reply: the timeout fires, the retry gets the answer
    gw.faults = [["/search", "slow:3", 1]]
    t0 = time.time()
    feats = stac.search(HttpClient(timeout=1, retries=2, backoff=0.01), gw.url, body)
    assert len(feats) == 3 and time.time() - t0 < 3
    gw.reset()


def test_http_connection_reset_is_retried(stac_env):
    gw = stac_env.assets
    gw.reset()
    gw.faults = [["_MTL.txt", "reset", 1]]
    pid = stac_env.demo[0][0]
    url = f"{gw.url}/demo/{pid}/{pid}_MTL.txt"
    data = HttpClient(retries=2, backoff=0.01).get_bytes(url)
    assert data.startswith(b"GROUP = LANDSAT_METADATA_FILE")
    assert sum(1 for r in gw.requests if r[1].endswith("_MTL.txt")) == 2
    gw.reset()


def test_sas_token_cache_renewal_and_refusal(stac_env):
    gw = stac_env.assets
    gw.reset()
    now = [time.time()]
    gw.token_ttl = 1000.0
    signer = SasSigner(HttpClient(), gw.url + "/sas/token", margin=300, clock=lambda: now[0])
    a = signer.sign("http://h/x.tif", "landsat-c2-l2")
    b = signer.sign("http://h/y.tif?a=1", "landsat-c2-l2")
    assert gw.token_requests == 1 and a.split("?", 1)[1] == b.split("&", 1)[1]
    assert "sig=" in a and b.startswith("http://h/y.tif?a=1&st=")
    now[0] += 701                                           # 299 s before expiry: renewed
    signer.sign("http://h/x.tif", "landsat-c2-l2")
    assert gw.token_requests == 2 and signer.renewals == 2
    signer.sign("http://h/x.tif", "other-collection")      # one token per collection
    assert gw.token_requests == 3
    gw.refuse_tokens = True
    with pytest.raises(TokenRefused, match="refused"):
        SasSigner(HttpClient(), gw.url + "/sas/token").token("landsat-c2-l2")
    gw.reset()
    gw.faults = [["/sas/token", "json:{\"token\": 1}", 1]]
    with pytest.raises(CoreError, match="msft:expiry"):
        SasSigner(HttpClient(), gw.url + "/sas/token").token("landsat-c2-l2")
    gw.reset()


def test_http_error_never_shows_the_query():
    err = None
    try:
        HttpClient(retries=0, timeout=1).get_bytes("http://127.0.0.1:9/a.tif?sig=TOPSECRET")
    except HttpError as exc:
        err = str(exc)
    assert err and "TOPSECRET" not in err and "127.0.0.1:9/a.tif" in err
    assert cc.scrub("'/vsicurl/http://h:1/a.tif?st=1&sig=TOP' not found") == "'/vsicurl/http://h:1/a.tif' not found"
