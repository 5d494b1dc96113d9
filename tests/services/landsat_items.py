"""Test catalogue: COGs of Landsat C2 L2 scenes in a served folder and their STAC items.

* The three real products of ``../shared/data/landsat-c2l2-products``: items made by stactools-landsat
  (the package that makes Planetary Computer's items), hrefs rewritten to the loopback server.
* Demo-generator scenes (demo/make_data.py) with hand-made items of the same shape (asset keys, raster:bands,
  eo:cloud_cover, platform, landsat:wrs_*); ``enlarge`` mirrors each band around the demo crop to a bigger
  scene-like raster (the demo crop stays in the middle) for the byte and benchmark runs.
"""
import glob
import json
import os
import shutil
import subprocess
import sys

import numpy as np

from .rustac import REPO, stac_tool

PRODUCTS = os.path.normpath(os.path.join(REPO, "..", "shared", "data", "landsat-c2l2-products"))
COLLECTION = "landsat-c2-l2"
SR_ASSETS = {"TM": {"blue": "SR_B1", "green": "SR_B2", "red": "SR_B3", "nir08": "SR_B4", "swir16": "SR_B5",
                    "swir22": "SR_B7", "lwir": "ST_B6"},
             "OLI": {"blue": "SR_B2", "green": "SR_B3", "red": "SR_B4", "nir08": "SR_B5", "swir16": "SR_B6",
                     "swir22": "SR_B7", "lwir11": "ST_B10"}}
PLATFORM = {"LT05": "landsat-5", "LE07": "landsat-7", "LC08": "landsat-8", "LC09": "landsat-9"}
INSTRUMENTS = {"LT05": ["tm"], "LE07": ["etm+"], "LC08": ["oli", "tirs"], "LC09": ["oli", "tirs"]}


def cog(src, dst, blocksize=256):
    import rasterio.shutil
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    rasterio.shutil.copy(src, dst, driver="COG", blocksize=blocksize, compress="DEFLATE", overviews="NONE")


def product_items(root, base_url):
    """COGs of the shared products under ``root/products`` and their stactools items (hrefs → base_url)."""
    mtls = sorted(glob.glob(os.path.join(PRODUCTS, "*", "*_MTL.xml")))
    if len(mtls) != 3:
        raise RuntimeError(f"expected the three products in {PRODUCTS}")
    out = subprocess.run([stac_tool("python"), os.path.join(os.path.dirname(__file__), "make_items.py"), *mtls],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError("stactools-landsat failed: " + out.stderr[-3000:])
    items = json.loads(out.stdout)
    for item, mtl in zip(items, mtls):
        folder = os.path.dirname(mtl)
        pid = os.path.basename(folder)
        dest = os.path.join(root, "products", pid)
        for key, asset in item["assets"].items():
            name = os.path.basename(asset["href"])
            src = os.path.join(folder, name)
            if name.upper().endswith(".TIF") and key in ("blue", "green", "red", "nir08", "swir16", "swir22",
                                                         "lwir", "lwir11", "qa_pixel"):
                cog(src, os.path.join(dest, name), blocksize=128)
            elif key.startswith("mtl.") and os.path.exists(src):
                os.makedirs(dest, exist_ok=True)
                shutil.copy(src, os.path.join(dest, name))
            asset["href"] = f"{base_url}/products/{pid}/{name}"
        item["collection"] = COLLECTION
    return items


def demo_scenes(local_dir, scenes, enlarge=1, climate=None):
    """Demo scenes written as USGS products under ``local_dir/landsat``; returns [(pid, folder, cloud %)]."""
    sys.path.insert(0, os.path.join(REPO, "demo"))
    try:
        import make_data
    finally:
        sys.path.pop(0)
    if climate:
        for y, v in climate.items():
            make_data.CLIMATE.setdefault(y, v)
    world = make_data.World()
    out = []
    for date, mission, cover in scenes:
        pid, mtl, info = make_data.write_scene(world, local_dir, date, mission, cover)
        folder = os.path.dirname(mtl)
        if enlarge > 1:
            _enlarge(folder, enlarge, make_data)
        out.append((pid, folder, info["cloud_percent"], date, mission))
    return out


def _enlarge(folder, k, make_data):
    import rasterio
    pad = make_data.SIZE * (k - 1) // 2
    for path in glob.glob(os.path.join(folder, "*.TIF")):
        with rasterio.open(path) as ds:
            arr, prof = ds.read(1), ds.profile
        big = np.pad(arr, pad, mode="symmetric")
        t = prof["transform"]
        prof.update(width=big.shape[1], height=big.shape[0],
                    transform=rasterio.Affine(t.a, 0, t.c - pad * t.a, 0, t.e, t.f - pad * t.e))
        with rasterio.open(path, "w", **prof) as ds:
            ds.write(big, 1)


def demo_items(root, base_url, scenes, subdir="demo", drop=None, blocksize=256):
    """COGs of demo scenes under ``root/<subdir>`` and hand-made items; ``drop``: {pid: set of asset keys to
    leave out}. Returns the items."""
    import rasterio
    from rasterio.warp import transform_bounds

    items = []
    for pid, folder, cloud, date, mission in scenes:
        sensor = "OLI" if mission in ("LC08", "LC09") else "TM"
        dest = os.path.join(root, subdir, pid)
        assets = {}
        for key, suffix in list(SR_ASSETS[sensor].items()) + [("qa_pixel", "QA_PIXEL")]:
            if drop and key in drop.get(pid, ()):
                continue
            name = f"{pid}_{suffix}.TIF"
            cog(os.path.join(folder, name), os.path.join(dest, name), blocksize)
            rb = {"nodata": 1 if key == "qa_pixel" else 0, "data_type": "uint16", "spatial_resolution": 30}
            if suffix.startswith("SR"):
                rb.update(scale=2.75e-05, offset=-0.2)
            elif suffix.startswith("ST"):
                rb.update(unit="kelvin", scale=0.00341802, offset=149.0)
            assets[key] = {"href": f"{base_url}/{subdir}/{pid}/{name}", "type": "image/tiff; application=geotiff; "
                           "profile=cloud-optimized", "roles": ["data"], "raster:bands": [rb]}
        mtl = f"{pid}_MTL.txt"
        os.makedirs(dest, exist_ok=True)
        shutil.copy(os.path.join(folder, mtl), os.path.join(dest, mtl))
        assets["mtl.txt"] = {"href": f"{base_url}/{subdir}/{pid}/{mtl}", "type": "text/plain", "roles": ["metadata"]}
        with rasterio.open(os.path.join(folder, f"{pid}_QA_PIXEL.TIF")) as ds:
            b = transform_bounds(ds.crs, "EPSG:4326", *ds.bounds)
            code = ds.crs.to_epsg()
            shape, transform = [ds.height, ds.width], list(ds.transform)[:6]
        w, s, e, n = b
        parts = pid.split("_")
        items.append({
            "type": "Feature", "stac_version": "1.0.0", "id": "_".join(parts[:4] + parts[5:]),
            "collection": COLLECTION, "bbox": [w, s, e, n],
            "geometry": {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]},
            "properties": {"datetime": f"{date}T03:30:00Z", "platform": PLATFORM[mission],
                           "instruments": INSTRUMENTS[mission], "eo:cloud_cover": round(float(cloud), 2),
                           "landsat:wrs_path": parts[2][:3], "landsat:wrs_row": parts[2][3:],
                           "landsat:correction": "L2SP", "proj:code": f"EPSG:{code}", "proj:shape": shape,
                           "proj:transform": transform},
            "assets": assets, "links": [],
            "stac_extensions": ["https://stac-extensions.github.io/raster/v1.1.0/schema.json",
                                "https://stac-extensions.github.io/eo/v1.1.0/schema.json"]})
    return items


def write_items(path, items):
    with open(path, "w") as fh:
        json.dump({"type": "FeatureCollection", "features": items}, fh)
    return path
