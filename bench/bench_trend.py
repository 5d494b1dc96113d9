"""Benchmark of rsei:senmk's kernel against pyMannKendall's original_test in a per-pixel loop.

Run with the venv python (not a pytest test):

    .venv/bin/python bench/bench_trend.py                 # 1000 × 1000 pixels × 25 years
    .venv/bin/python bench/bench_trend.py --size 500 --years 25 --pymk-pixels 2000
    .venv/bin/python bench/bench_trend.py --repeat 3     # each measurement 3 times, the fastest kept

It writes a yearly stack of float32 GeoTIFFs (RSEI-like values, ~1 % scattered NoData and a NoData
border) into a temporary folder, then measures, each in a fresh subprocess so that the peak resident
memory (ru_maxrss) belongs to that measurement alone:

1. pyMannKendall ``original_test`` in a Python loop over ``--pymk-pixels`` gap-free pixels of the stack
   (µs per pixel, extrapolated to the whole raster);
2. the vectorised kernel ``core.trend.mannkendall.mann_kendall`` on the whole stack held in memory (same statistics
   and the Sen slope; µs per pixel);
3. the complete run ``core.trend.raster.senmk_rasters`` — reading the GeoTIFFs block by block, the kernel, and
   writing slope, Z, p and the class raster (what the algorithm does).

With ``--repeat N`` every measurement runs N times (each in a fresh subprocess) and the run with the
shortest wall time is shown: on a shared machine the others' load only ever adds time.
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

from _common import import_plugin, peak_mb  # noqa: E402 - bench/ is the script folder

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def make_stack(folder, size, years, seed=0):
    import numpy as np
    import rasterio
    from rasterio.transform import Affine

    rng = np.random.default_rng(seed)
    base = rng.uniform(0.2, 0.6, size=(size, size)).astype("float32")
    rate = rng.normal(0, 0.005, size=(size, size)).astype("float32")
    paths = []
    profile = dict(driver="GTiff", width=size, height=size, count=1, dtype="float32", crs="EPSG:32648",
                   transform=Affine(30.0, 0.0, 600000.0, 0.0, -30.0, 4200000.0), nodata=-9999.0,
                   tiled=True, blockxsize=256, blockysize=256, compress="deflate", predictor=3)
    border = max(1, size // 50)
    for k in range(years):
        year = 2000 + k
        a = base + rate * k + rng.normal(0, 0.03, size=(size, size)).astype("float32")
        a[rng.random((size, size)) < 0.01] = -9999.0
        a[:border] = -9999.0
        a[:, :border] = -9999.0
        path = os.path.join(folder, f"rsei_{year}.tif")
        with rasterio.open(path, "w", **profile) as ds:
            ds.write(a, 1)
        paths.append(path)
    return paths


def _cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _child(mode, folder, pymk_pixels, workers):
    """One measurement; prints a JSON line (wall seconds and CPU seconds of the measured part)."""
    import_plugin()
    import numpy as np
    import rasterio

    paths = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".tif"))
    years = np.array([int(os.path.basename(p)[5:9]) for p in paths], dtype=float)
    out = {"mode": mode}
    if mode == "pymk":
        import pymannkendall

        with rasterio.open(paths[0]) as ds:
            size = ds.width
        rows = []
        row = size // 2
        for p in paths:
            with rasterio.open(p) as ds:
                rows.append(ds.read(1, window=((row, row + 1), (0, size)))[0].astype(np.float64))
        block = np.stack(rows, axis=1)
        block = block[np.all(block != -9999.0, axis=1)]
        while block.shape[0] < pymk_pixels:
            block = np.concatenate([block, block])
        block = block[:pymk_pixels]
        t0, c0 = time.perf_counter(), _cpu()
        for series in block:
            pymannkendall.original_test(series)
        out["seconds"], out["cpu"] = time.perf_counter() - t0, _cpu() - c0
        out["pixels"] = int(block.shape[0])
    elif mode == "kernel":
        from rsei_toolbox.core.trend import mannkendall

        stack = []
        for p in paths:
            with rasterio.open(p) as ds:
                a = ds.read(1).astype(np.float64)
                a[a == ds.nodata] = np.nan
                stack.append(a.ravel())
        X = np.stack(stack)
        del stack
        from rsei_toolbox.core.trend import median_numba
        median_numba.enabled()   # numba's import and kernel load (or first compilation) are not the kernel
        t0, c0 = time.perf_counter(), _cpu()
        res = mannkendall.mann_kendall(X, years, min_years=4, axis=0, workers=workers)
        out["seconds"], out["cpu"] = time.perf_counter() - t0, _cpu() - c0
        out["pixels"] = int(X.shape[1])
        out["valid_pixels"] = int(np.count_nonzero(np.isfinite(res["slope"])))
    elif mode == "full":
        from rsei_toolbox.core.monitor import Monitor
        from rsei_toolbox.core.raster import OutputTransaction
        from rsei_toolbox.core.trend import raster as trend_raster

        if workers:
            os.environ["RSEI_THREADS"] = str(workers)
        dest = tempfile.mkdtemp(prefix="rsei-bench-out-")
        outputs = {k: os.path.join(dest, f"{k}.tif") for k in ("slope", "z", "p", "trend")}
        t0, c0 = time.perf_counter(), _cpu()
        tx = OutputTransaction({"algorithm": "bench"})
        summary = trend_raster.senmk_rasters(paths, years, outputs, tx, Monitor(), min_years=4)
        tx.commit()
        out["seconds"], out["cpu"] = time.perf_counter() - t0, _cpu() - c0
        with rasterio.open(paths[0]) as ds:
            out["pixels"] = ds.width * ds.height
        out["classes"] = [c["pixels"] for c in summary["classes"]]
        shutil.rmtree(dest)
    out["peak_rss_mb"] = peak_mb()
    print(json.dumps(out))


def _measure(mode, folder, pymk_pixels, workers, repeat=1):
    cmd = [sys.executable, os.path.abspath(__file__), "--child", mode, "--folder", folder,
           "--pymk-pixels", str(pymk_pixels), "--workers", str(workers)]
    runs = []
    for _ in range(max(1, repeat)):
        res = subprocess.run(cmd, capture_output=True, text=True, check=True)
        runs.append(json.loads(res.stdout.strip().splitlines()[-1]))
    return min(runs, key=lambda r: r["seconds"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=1000, help="raster width = height in pixels")
    ap.add_argument("--years", type=int, default=25)
    ap.add_argument("--pymk-pixels", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=0, help="kernel threads (0 = the default, RSEI_THREADS)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest is shown")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child, args.folder, args.pymk_pixels, args.workers or None)
        return
    folder = tempfile.mkdtemp(prefix="rsei-bench-trend-")
    try:
        t0 = time.perf_counter()
        make_stack(folder, args.size, args.years)
        print(f"stack: {args.size} × {args.size} pixels × {args.years} years (float32 GeoTIFF, deflate), "
              f"written in {time.perf_counter() - t0:.1f} s; CPUs: {os.cpu_count()}; "
              f"load average: {os.getloadavg()[0]:.2f}")
        pymk = _measure("pymk", folder, args.pymk_pixels, args.workers, args.repeat)
        kern = _measure("kernel", folder, args.pymk_pixels, args.workers, args.repeat)
        full = _measure("full", folder, args.pymk_pixels, args.workers, args.repeat)
        n = args.size * args.size
        us_pymk = pymk["seconds"] / pymk["pixels"] * 1e6
        cpu_pymk = pymk["cpu"] / pymk["pixels"] * 1e6
        print(f"{'measurement':<50}{'wall µs/px':>11}{'wall s':>9}{'× pyMK':>8}"
              f"{'CPU µs/px':>11}{'× pyMK':>8}{'peak MB':>9}")
        print(f"{'pyMannKendall original_test loop (' + str(pymk['pixels']) + ' px)':<50}{us_pymk:>11.1f}"
              f"{us_pymk * n / 1e6:>9.1f}{1:>8}{cpu_pymk:>11.1f}{1:>8}{pymk['peak_rss_mb']:>9.0f}")
        for label, res in (("trend.mannkendall.mann_kendall (kernel, in memory)", kern),
                           ("trend.raster.senmk_rasters (read, kernel, write 4)", full)):
            us = res["seconds"] / res["pixels"] * 1e6
            cpu = res["cpu"] / res["pixels"] * 1e6
            print(f"{label:<50}{us:>11.2f}{res['seconds']:>9.2f}{us_pymk / us:>8.0f}{cpu:>11.2f}"
                  f"{cpu_pymk / cpu:>8.0f}{res['peak_rss_mb']:>9.0f}")
        print("(pyMK wall seconds extrapolated to the whole raster; CPU = user + system time of the process, "
              f"summed over threads; fastest of {max(1, args.repeat)} run(s) each)")
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
