"""Benchmark of rsei:egindex and rsei:coupling (block-wise cores) against whole-array numpy baselines.

Run with the venv python:  .venv/bin/python bench/bench_landcover.py [--size 6000]
Generates a CLCD-coded raster (geographic CRS, 1 arc-second pixels, uint8, tiled) in a
temporary folder, then runs each case in a fresh subprocess and prints its wall time,
throughput (megapixels per second) and peak memory (ru_maxrss of that subprocess).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

from _common import import_plugin, peak_mb  # noqa: E402 - bench/ is the script folder

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def make_input(path, size):
    import rasterio
    from rasterio.transform import Affine
    rng = np.random.default_rng(0)
    profile = dict(driver="GTiff", width=size, height=size, count=1, dtype="uint8", crs="EPSG:4326",
                   transform=Affine(1 / 3600, 0, 106.0, 0, -1 / 3600, 38.5), nodata=0, tiled=True,
                   blockxsize=256, blockysize=256, compress="deflate")
    with rasterio.open(path, "w", **profile) as ds:
        for row in range(0, size, 512):
            h = min(512, size - row)
            # patchy classes: blocks of 16×16 pixels, CLCD codes 1–9
            coarse = rng.choice([1, 2, 3, 4, 5, 7, 8, 9], size=((h + 15) // 16, (size + 15) // 16))
            block = np.kron(coarse, np.ones((16, 16), dtype=np.uint8))[:h, :size].astype(np.uint8)
            ds.write(block, 1, window=rasterio.windows.Window(0, row, size, h))


def run_case(case, path, out_dir):
    """Executed in a fresh subprocess: one measurement."""
    import rasterio
    t0 = time.perf_counter()
    if case.startswith("toolbox"):
        import_plugin()
        from rsei_toolbox.core import landcover as lc
        from rsei_toolbox.core.raster import OutputTransaction
        window = int(case.split("-w")[1])
        tx = OutputTransaction()
        res = lc.run_egindex(path, lc.build_lookup("clcd"), tx, os.path.join(out_dir, f"{case}_g.tif"),
                             os.path.join(out_dir, f"{case}_e.tif"), window)
        tx.commit()
        eg = res.areas.eg_index
    elif case.startswith("coupling"):
        import_plugin()
        from rsei_toolbox.core import coupling as cp
        from rsei_toolbox.core.raster import OutputTransaction
        rsei, eg_path = path.split(",")
        method = case.split("-")[1]
        tx = OutputTransaction()
        res = cp.run_coupling(rsei, eg_path, os.path.join(out_dir, f"{case}.tif"), tx, method)
        tx.commit()
        eg = res.percent(33)
    elif case.startswith("npcoupling"):  # whole-array coupling: read both, np.quantile, classify, write
        rsei, eg_path = path.split(",")
        with rasterio.open(rsei) as ds:
            r = ds.read(1, masked=True).filled(np.nan).astype(float)
            profile = ds.profile
        with rasterio.open(eg_path) as ds:
            e = ds.read(1, masked=True).filled(np.nan).astype(float)
        ok = np.isfinite(r) & np.isfinite(e)
        rb = np.quantile(r[ok], [1 / 3, 2 / 3])
        eb = np.quantile(e[ok], [1 / 3, 2 / 3])
        code = np.where(ok, 10 * (1 + (e >= eb[0]) + (e >= eb[1])) + 1 + (r >= rb[0]) + (r >= rb[1]), 0)
        profile.update(dtype="uint8", nodata=0, predictor=2)
        with rasterio.open(os.path.join(out_dir, f"{case}.tif"), "w", **profile) as ds:
            ds.write(code.astype("uint8"), 1)
        eg = 100 * np.sum(code == 33) / ok.sum()
    else:  # whole-array baseline: read everything, look up, filter, write
        import scipy.ndimage
        window = int(case.split("-w")[1])
        with rasterio.open(path) as ds:
            arr = ds.read(1)
            profile = ds.profile
        lut = np.full(256, np.nan)
        for code, g in {1: 5, 2: 2, 3: 3, 4: 4, 5: 1, 6: 1, 7: 7, 8: 6, 9: 1}.items():
            lut[code] = g
        grade = lut[arr]
        e = (7 - grade) / 6
        ok = np.isfinite(e)
        if window > 1:
            num = scipy.ndimage.uniform_filter(np.where(ok, e, 0), window, mode="constant")
            den = scipy.ndimage.uniform_filter(ok.astype(float), window, mode="constant")
            e = np.where(ok, num / np.maximum(den, 1e-12), np.nan)
        profile.update(dtype="float32", nodata=-9999, predictor=3)
        for name, a in (("g", grade), ("e", e)):
            with rasterio.open(os.path.join(out_dir, f"{case}_{name}.tif"), "w", **profile) as ds:
                ds.write(np.where(np.isfinite(a), a, -9999).astype("float32"), 1)
        eg = float(np.nanmean((7 - grade) / 6))  # unweighted: ignores the geographic pixel areas
    dt = time.perf_counter() - t0
    peak = peak_mb()
    print(f"{dt:.3f} {peak:.1f} {eg:.6f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=6000)
    ap.add_argument("--one", nargs=3, metavar=("CASE", "PATH", "OUT"))
    args = ap.parse_args()
    if args.one:
        run_case(*args.one)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "clcd.tif")
        make_input(path, args.size)
        mp = args.size * args.size / 1e6
        print(f"CLCD-coded raster {args.size}×{args.size} ({mp:.1f} Mpx, EPSG:4326), grade + EG outputs")
        print(f"{'case':<22}{'time s':>9}{'Mpx/s':>9}{'peak MB':>10}{'EG index':>11}")
        for case in ("toolbox-w1", "baseline-w1", "toolbox-w5", "baseline-w5"):
            out = subprocess.run([sys.executable, __file__, "--one", case, path, tmp], capture_output=True,
                                 text=True, check=True)
            dt, peak, eg = out.stdout.split()
            print(f"{case:<22}{float(dt):>9.2f}{mp / float(dt):>9.2f}{float(peak):>10.0f}{float(eg):>11.5f}")
        # coupling of the WINDOW 5 EG with a synthetic RSEI on the same grid. Last column: % of code 33,
        # by area for the toolbox (pixel areas vary by row in EPSG:4326), by pixel count for the baseline.
        import rasterio
        rsei = os.path.join(tmp, "rsei.tif")
        with rasterio.open(os.path.join(tmp, "toolbox-w5_e.tif")) as ds:
            profile = ds.profile
            with rasterio.open(rsei, "w", **profile) as out:
                rng = np.random.default_rng(1)
                for _, win in ds.block_windows(1):
                    out.write(rng.random((win.height, win.width)).astype("float32"), 1, window=win)
        pair = f"{rsei},{os.path.join(tmp, 'toolbox-w5_e.tif')}"
        print(f"{'case':<22}{'time s':>9}{'Mpx/s':>9}{'peak MB':>10}{'% HH':>11}")
        for case in ("coupling-equal", "coupling-terciles", "npcoupling-terciles"):
            out = subprocess.run([sys.executable, __file__, "--one", case, pair, tmp], capture_output=True,
                                 text=True, check=True)
            dt, peak, hh = out.stdout.split()
            print(f"{case:<22}{float(dt):>9.2f}{mp / float(dt):>9.2f}{float(peak):>10.0f}{float(hh):>11.3f}")


if __name__ == "__main__":
    main()
