"""Session fixture ``stac_env``: nginx + gateway (assets, tokens, faults) + rustac + gateway (search) on loopback,
with the COGs and items of tests/services/landsat_items.py. A service that does not start fails the tests."""
import copy
import os

import pytest

from . import landsat_items as li
from .gateway import Gateway
from .nginx import Nginx
from .rustac import Rustac

DEMO = (("2003-06-13", "LT05", 0.10), ("2003-08-09", "LE07", 0.00), ("2003-09-01", "LT05", 0.25),
        ("2009-04-20", "LT05", 0.00), ("2009-06-30", "LT05", 0.12), ("2009-08-17", "LT05", 0.30),
        ("2012-06-21", "LE07", 0.08), ("2012-07-23", "LE07", 0.20))
BIG = (("2018-06-17", "LC08", 0.00), ("2018-09-04", "LC08", 0.05))


class StacEnv:
    pass


@pytest.fixture(scope="session")
def stac_env(tmp_path_factory):
    base = tmp_path_factory.mktemp("stac")
    env = StacEnv()
    env.www = str(base / "www")
    os.makedirs(env.www)
    started = []
    try:
        env.nginx = Nginx(env.www, str(base / "nginx")).start()
        started.append(env.nginx)
        env.assets = Gateway(env.nginx.url).start()
        started.append(env.assets)
        url = env.assets.url
        env.local = str(base / "local")
        env.demo = li.demo_scenes(env.local, DEMO)
        items = li.product_items(env.www, url) + li.demo_items(env.www, url, env.demo)
        env.big_local = str(base / "big-local")
        env.big = li.demo_scenes(env.big_local, BIG, enlarge=5)
        big_items = li.demo_items(env.www, url, env.big, subdir="big")
        for it in big_items:
            it["collection"] = "landsat-big"
        items += big_items
        # odd items (collection landsat-odd): a file: href, no thermal asset, no raster:bands scale (MTL fallback)
        odd = li.demo_items(env.www, url, [s for s in env.demo if s[3] in ("2012-06-21", "2012-07-23")], subdir="odd")
        bad = copy.deepcopy(odd[0])
        bad["id"] += "_FILEHREF"
        bad["properties"]["datetime"] = "2012-08-01T03:30:00Z"
        bad["assets"]["red"]["href"] = "file:///etc/passwd"
        nothermal = odd[0]
        del nothermal["assets"]["lwir"]
        nomtl = odd[1]
        for a in nomtl["assets"].values():
            for rb in a.get("raster:bands", []):
                rb.pop("scale", None)
                rb.pop("offset", None)
        for it in (bad, nothermal, nomtl):
            it["collection"] = "landsat-odd"
        items += [bad, nothermal, nomtl]
        env.items = items
        env.items_json = li.write_items(str(base / "items.json"), items)
        env.rustac = Rustac(env.items_json).start()
        started.append(env.rustac)
        env.catalog = Gateway(env.rustac.url).start()
        started.append(env.catalog)
        env.cache_root = str(base / "cache")
        yield env
    finally:
        for s in reversed(started):
            s.stop()
