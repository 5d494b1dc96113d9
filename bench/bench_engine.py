"""Raster engine versus the I/O floor: plain rasterio read + write of the same data.

Copies a float32 raster (a) with plain rasterio, reading the whole band and
writing it at once with the same GeoTIFF profile (tiled, deflate, predictor 3),
and (b) through the engine (RasterReader → iter_windows → OutputTransaction with
NoData handling, statistics and sidecar). Each case runs in a fresh process so
the peak resident memory (ru_maxrss) is its own.

    .venv/bin/python bench/bench_engine.py [--sizes 2000 4000 8000]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from _common import import_plugin, peak_mb  # noqa: E402 - bench/ is the script folder

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def make_input(path, size):
    import numpy as np
    import rasterio
    from rasterio.transform import Affine
    profile = dict(driver="GTiff", width=size, height=size, count=1, dtype="float32", crs="EPSG:32648",
                   transform=Affine(30, 0, 500000, 0, -30, 4200000), nodata=-9999.0, tiled=True,
                   blockxsize=256, blockysize=256, compress="deflate", predictor=3)
    rng = np.random.default_rng(0)
    with rasterio.open(path, "w", **profile) as ds:
        for row in range(0, size, 1024):
            h = min(1024, size - row)
            block = (rng.random((h, size)) * 100).astype("float32")
            ds.write(block, 1, window=rasterio.windows.Window(0, row, size, h))


def case_plain(src, dst):
    import rasterio
    with rasterio.open(src) as ds:
        profile = ds.profile
        data = ds.read(1)
    with rasterio.open(dst, "w", **profile) as out:
        out.write(data, 1)


def case_engine(src, dst):
    import_plugin()
    from rsei_toolbox.core.raster import OutputTransaction, RasterReader, iter_windows
    with RasterReader(src, "INPUT") as reader, OutputTransaction({"algorithm": "bench"}) as tx:
        writer = tx.raster(dst, reader.grid)
        for window in iter_windows(reader.grid, bytes_per_pixel=16):
            writer.write(window, reader.read(window))


def child(case, src, dst):
    start = time.perf_counter()
    {"plain": case_plain, "engine": case_engine}[case](src, dst)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb()}))


def measure(case, src, dst):
    out = subprocess.run([sys.executable, __file__, "--child", case, src, dst], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000])
    parser.add_argument("--child", nargs=3)
    parser.add_argument("--make", nargs=2)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if args.make:
        make_input(args.make[0], int(args.make[1]))
        return
    print("| raster (float32) | plain rasterio read+write | peak | engine (blocks) | peak | engine / plain |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            src = os.path.join(tmp, f"in_{size}.tif")
            # In a child process: Linux children start with the parent's peak RSS as their own
            # ru_maxrss, so the parent must stay small for the measurements to be honest.
            subprocess.run([sys.executable, __file__, "--make", src, str(size)], check=True)
            plain = measure("plain", src, os.path.join(tmp, "plain.tif"))
            engine = measure("engine", src, os.path.join(tmp, "engine.tif"))
            mpix = size * size / 1e6
            print(f"| {size}×{size} ({mpix:.0f} Mpx) | {plain['seconds']:.2f} s | {plain['peak_mb']:.0f} MB "
                  f"| {engine['seconds']:.2f} s | {engine['peak_mb']:.0f} MB "
                  f"| {engine['seconds'] / plain['seconds']:.2f}× |", flush=True)


if __name__ == "__main__":
    main()
