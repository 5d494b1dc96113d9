"""rsei:landsatindices versus reading the scene's bands (the issue's bar: within 3×).

Builds a synthetic Collection 2 Level-2 OLI scene of SIZE×SIZE pixels (default
7000, a full scene is about 7700×7800) in a temporary folder by tiling a real 30 m
crop (../shared/data/landsat-c2l2-30m, Momotombo: SR_B2–B7, ST_B10) and a real
QA_PIXEL (landsat-c2l2-lowres, Colombia, ~16 % clear), written like USGS products
(uint16, tiled 256, deflate), with the crop's MTL plus a QA_PIXEL entry. Then, each
in a fresh process so the peak resident memory (ru_maxrss) is its own:

* read:    every band the indices need (SR_B2–B7, ST_B10, QA_PIXEL), block by block
           with plain rasterio (natural 256-row strips), nothing else — the I/O floor;
* compute: core.landsat.compute_indices for all five outputs, results dropped (no file);
* indices: the same writing all five outputs (NDVI, WET, NDBSI, LST, MNDWI: float32,
           deflate) through the plugin's engine — what rsei:landsatindices does.

    .venv/bin/python bench/bench_landsat.py [--size 7000] [--keep DIR] [--composite]

With --composite it also times rsei:landsatcomposite's core on the scene given three
times (three observations per pixel; peak memory should not grow with --size).
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

from _common import import_plugin  # noqa: E402 - bench/ is the script folder

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DATA = os.path.normpath(os.path.join(REPO, "..", "shared", "data"))
SRC = "LC08_L2SP_017051_20151205_20200908_02_T1"
QA_SRC = "LC08_L2SP_008059_20191201_20200825_02_T1"
BANDS = ["SR_B2", "SR_B3", "SR_B4", "SR_B5", "SR_B6", "SR_B7", "ST_B10", "QA_PIXEL"]


def make_scene(folder, size):
    import numpy as np
    import rasterio
    from rasterio.transform import Affine
    src_dir = os.path.join(DATA, "landsat-c2l2-30m", SRC)
    profile = dict(driver="GTiff", width=size, height=size, count=1, dtype="uint16", crs="EPSG:32616",
                   transform=Affine(30, 0, 500000, 0, -30, 1500000), nodata=0, tiled=True, blockxsize=256,
                   blockysize=256, compress="deflate", predictor=2)
    for band in BANDS:
        if band == "QA_PIXEL":
            path = os.path.join(DATA, "landsat-c2l2-lowres", QA_SRC, f"{QA_SRC}_QA_PIXEL.TIF")
        else:
            path = os.path.join(src_dir, f"{SRC}_{band}.TIF")
        with rasterio.open(path) as ds:
            tile = ds.read(1)
        reps = (size // tile.shape[0] + 1, size // tile.shape[1] + 1)
        prof = dict(profile, nodata=None if band == "QA_PIXEL" else 0)
        with rasterio.open(os.path.join(folder, f"{SRC}_{band}.TIF"), "w", **prof) as out:
            for row in range(0, size, 1024):
                h = min(1024, size - row)
                rows = np.arange(row, row + h) % tile.shape[0]
                strip = np.tile(tile[rows], (1, reps[1]))[:, :size]
                out.write(strip, 1, window=rasterio.windows.Window(0, row, size, h))
    text = open(os.path.join(src_dir, f"{SRC}_MTL.txt"), encoding="utf-8").read()
    text = text.replace("  END_GROUP = PRODUCT_CONTENTS",
                        f'    FILE_NAME_QUALITY_L1_PIXEL = "{SRC}_QA_PIXEL.TIF"\n  END_GROUP = PRODUCT_CONTENTS', 1)
    with open(os.path.join(folder, f"{SRC}_MTL.txt"), "w", encoding="utf-8") as fh:
        fh.write(text)
    return os.path.join(folder, f"{SRC}_MTL.txt")


def case_read(folder):
    import rasterio
    start = time.perf_counter()
    total = 0
    for band in BANDS:
        with rasterio.open(os.path.join(folder, f"{SRC}_{band}.TIF")) as ds:
            for row in range(0, ds.height, 256):
                h = min(256, ds.height - row)
                a = ds.read(1, window=rasterio.windows.Window(0, row, ds.width, h))
                total += int(a[0, 0])
    return time.perf_counter() - start


class _NullWriter:
    def write(self, window, arr):
        pass


class _NullTx:
    """Stands in for the OutputTransaction: the indices are computed and dropped (no GeoTIFF written)."""

    def raster(self, *args, **kwargs):
        return _NullWriter()


def case_compute(folder):
    return case_indices(folder, write=False)


def case_indices(folder, write=True):
    import_plugin()
    from rsei_toolbox.core import landsat, mtl
    from rsei_toolbox.core.monitor import Monitor
    from rsei_toolbox.core.qa import QA_DEFAULT
    from rsei_toolbox.core.raster import OutputTransaction
    start = time.perf_counter()
    scene = mtl.open_scene(os.path.join(folder, f"{SRC}_MTL.txt"))
    names = ["ndvi", "wet", "ndbsi", "lst", "mndwi"]
    outdir = os.path.join(folder, "out")
    os.makedirs(outdir, exist_ok=True)
    source = landsat.SceneSource(scene, landsat.roles_for(names, "L2"), QA_DEFAULT)
    paths = {n: os.path.join(outdir, f"{n}.tif") for n in names}
    if write:
        with OutputTransaction({"bench": True}) as tx:
            valid = landsat.compute_indices(source, paths, tx, Monitor(), scene.sensor)
    else:
        valid = landsat.compute_indices(source, paths, _NullTx(), Monitor(), scene.sensor)
    source.close()
    assert valid["ndvi"] > 0
    return time.perf_counter() - start


def case_composite(folder, n=3):
    """Median composite of the scene given n times (n observations per pixel), written like the algorithm."""
    import_plugin()
    from rsei_toolbox.core import composite
    from rsei_toolbox.core.monitor import Monitor
    from rsei_toolbox.core.raster import OutputTransaction
    from rsei_toolbox.core.years import parse_months
    start = time.perf_counter()
    mtl = os.path.join(folder, f"{SRC}_MTL.txt")
    scenes = composite.select_scenes([mtl] * n, parse_months("1-12"), Monitor())
    grid = composite.target_grid(composite.scene_grid(scenes[0]))
    outdir = os.path.join(folder, "out")
    os.makedirs(outdir, exist_ok=True)
    with OutputTransaction({"bench": True}) as tx:
        composite.make_composite(scenes, grid, os.path.join(outdir, "composite.tif"),
                                 os.path.join(outdir, "count.tif"), tx, Monitor())
    return time.perf_counter() - start


def run_case(case, folder):
    out = subprocess.run([sys.executable, __file__, "--case", case, "--folder", folder], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=7000)
    ap.add_argument("--keep", help="build the scene in this folder and keep it")
    ap.add_argument("--composite", action="store_true", help="also time a 3-scene median composite")
    ap.add_argument("--case")
    ap.add_argument("--folder")
    args = ap.parse_args()
    if args.case:
        seconds = {"read": case_read, "compute": case_compute, "indices": case_indices,
                   "composite": case_composite}[args.case](args.folder)
        ru = resource.getrusage(resource.RUSAGE_SELF)
        print(json.dumps({"seconds": seconds, "peak_mb": ru.ru_maxrss / 1024, "cpu": ru.ru_utime + ru.ru_stime}))
        return
    folder = args.keep or tempfile.mkdtemp(prefix="rsei-bench-landsat-")
    os.makedirs(folder, exist_ok=True)
    try:
        t0 = time.perf_counter()
        make_scene(folder, args.size)
        print(f"synthetic OLI L2 scene {args.size}×{args.size} (7 bands + QA_PIXEL) built in "
              f"{time.perf_counter() - t0:.1f} s")
        read = run_case("read", folder)
        comp = run_case("compute", folder)
        ind = run_case("indices", folder)
        comp3 = run_case("composite", folder) if args.composite else None
        mpx = args.size * args.size / 1e6
        print("| case | wall s | CPU s (process, all threads) | Mpixel/s | peak RSS MB |\n|---|---:|---:|---:|---:|")
        for name, r in (("read 8 bands (rasterio, the baseline)", read),
                        ("indices computed, not written (read + scale + QA + 5 formulas)", comp),
                        ("landsatindices, 5 outputs written (float32, deflate)", ind)) + (
                (("landsatcomposite, 3 scenes → 7-band median + count", comp3),) if comp3 else ()):
            print(f"| {name} | {r['seconds']:.1f} | {r['cpu']:.1f} | {mpx / r['seconds']:.1f} | {r['peak_mb']:.0f} |")
        print(f"\ncomputed / read = {comp['seconds'] / read['seconds']:.2f}× wall, "
              f"{comp['cpu'] / read['cpu']:.2f}× CPU; "
              f"written / read = {ind['seconds'] / read['seconds']:.2f}× wall, {ind['cpu'] / read['cpu']:.2f}× CPU "
              f"(bar: ≤ 3×); "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
