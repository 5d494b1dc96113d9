"""Benchmark of the Geodetector core: one million samples, six factors, all 15 interactions.

Run: .venv/bin/python bench/bench_geodetector.py [--n 1000000]

Each measurement runs in a fresh subprocess and reports wall time and peak memory
(ru_maxrss). Compared with a baseline written the way most scripts (and the R package's
loops) compute q: one boolean mask per stratum, ``y[x == h].var()``. A raster run
(all pixels, block by block) of 1000 × 1000 pixels is measured too; its data is written to a
temporary folder.
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


def data(n, seed=0):
    import numpy as np
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(6, n))
    y = x[0] + 0.5 * x[1] * (x[2] > 0) + np.abs(x[3]) + rng.normal(size=n)
    return y, x


def case_core(n, method):
    from rsei_toolbox.core.geodetector import detectors as gd
    from rsei_toolbox.core.geodetector import stratify as gs
    y, x = data(n)
    t0 = time.perf_counter()
    factors = [gs.stratify(f"x{i}", x[i], method, 5, 3, 7, y) for i in range(6)]
    t1 = time.perf_counter()
    res = gd.analyse(y, factors)
    t2 = time.perf_counter()
    return {"stratify_s": t1 - t0, "detectors_s": t2 - t1, "total_s": t2 - t0,
            "q": [round(fr.q, 6) for _, fr in res.factors], "interactions": len(res.interactions),
            "q12_first": round(res.interactions[0][2], 6)}


def case_baseline(n):
    """q of the 6 factors and 15 interactions with one boolean mask per stratum (quantile, 5 classes)."""
    import numpy as np
    y, x = data(n)
    t0 = time.perf_counter()
    codes = [np.searchsorted(np.quantile(xi, [0.2, 0.4, 0.6, 0.8]), xi, side="left") for xi in x]

    def q(c):
        sst = n * y.var()
        return 1 - sum((c == h).sum() * y[c == h].var() for h in np.unique(c)) / sst

    qs = [q(c) for c in codes]
    q12 = [q(codes[a] * 10 + codes[b]) for a in range(6) for b in range(a + 1, 6)]
    t1 = time.perf_counter()
    return {"total_s": t1 - t0, "q": [round(v, 6) for v in qs], "interactions": len(q12),
            "q12_first": round(q12[0], 6)}


def make_rasters(side, folder):
    """Write Y and six factor rasters of side × side pixels (in a separate process from the measurement)."""
    import rasterio
    from rasterio.transform import Affine
    y, x = data(side * side)
    for name, arr in [("y", y)] + [(f"x{i}", x[i]) for i in range(6)]:
        with rasterio.open(os.path.join(folder, f"{name}.tif"), "w", driver="GTiff", width=side, height=side,
                           count=1, dtype="float32", crs="EPSG:32633", transform=Affine(30, 0, 0, 0, -30, 0),
                           tiled=True) as ds:
            ds.write(arr.reshape(side, side).astype("float32"), 1)
    return {}


def case_raster(folder, sample_size=0):
    from rsei_toolbox.core.geodetector import raster as gd
    paths = [os.path.join(folder, f"{n}.tif") for n in ["y"] + [f"x{i}" for i in range(6)]]
    t0 = time.perf_counter()
    run = gd.raster_geodetector(paths[0], paths[1:], [f"x{i}" for i in range(6)], [], 3, 5, 3, 7, sample_size, 1)
    t1 = time.perf_counter()
    return {"total_s": t1 - t0, "pixels": run.valid, "q": [round(fr.q, 6) for _, fr in run.result.factors]}


def run_child(args):
    import_plugin()
    kind = args[0]
    if kind == "core":
        out = case_core(int(args[1]), int(args[2]))
    elif kind == "baseline":
        out = case_baseline(int(args[1]))
    elif kind == "mkraster":
        out = make_rasters(int(args[1]), args[2])
    else:
        out = case_raster(args[1], int(args[2]))
    out["peak_rss_mb"] = peak_mb()
    print(json.dumps(out))


def measure(*args):
    proc = subprocess.run([sys.executable, __file__, "--child", *map(str, args)], capture_output=True, text=True,
                          check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--side", type=int, default=1000)
    ns = parser.parse_args()
    print(f"Geodetector, {ns.n} samples, 6 factors, 15 interactions (fresh process per line)")
    base = measure("baseline", ns.n)
    print(f"  baseline (mask per stratum, quantile 5): {base['total_s']:.2f} s, peak {base['peak_rss_mb']:.0f} MB")
    for method, label in [(2, "quantile 5"), (3, "natural breaks 5"), (6, "optimal 1–5 × 3–7")]:
        r = measure("core", ns.n, method)
        print(f"  rsei core ({label}): {r['total_s']:.2f} s (stratify {r['stratify_s']:.2f} s, detectors "
              f"{r['detectors_s']:.2f} s), peak {r['peak_rss_mb']:.0f} MB")
        if method == 2:
            same = r["q"] == base["q"] and r["q12_first"] == base["q12_first"]
            print(f"    same q as the baseline: {same}; speed-up ×{base['total_s'] / r['total_s']:.1f}")
    for side in (ns.side, 2 * ns.side):
        folder = tempfile.mkdtemp(prefix="rsei-bench-gd-")
        measure("mkraster", side, folder)
        for sample in (0, 100_000):
            r = measure("raster", folder, sample)
            mode = "all pixels, block-wise" if sample == 0 else f"sample of {sample}"
            print(f"  raster {side}×{side} ({r['pixels']} valid px, 6 factors, natural breaks 5, {mode}): "
                  f"{r['total_s']:.2f} s, {side * side / r['total_s'] / 1e6:.2f} Mpx/s, "
                  f"peak {r['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        run_child(sys.argv[2:])
    else:
        main()
