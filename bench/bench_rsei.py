"""Benchmark: rsei:rsei on SIZE×SIZE pixels (default 6000×6000 = 36 million) against plain rasterio I/O.

Baseline: read the four indicator rasters and write one float32 raster (their mean) with plain rasterio,
block by block, with the same GeoTIFF profile as the plugin's outputs (deflate, tiled 256, predictor 3).
RSEI: the core of rsei:rsei (core.rsei.IndicatorSource + fit + write; RSEI float32 and grades uint8 outputs,
JSON sidecars), i.e. everything the algorithm does except the QGIS wrapper. Each measurement runs in a fresh
subprocess; peak memory is that process's ru_maxrss. Data are generated into a temporary folder.

    .venv/bin/python bench/bench_rsei.py [--size 6000] [--repeat 1] [--qgis]

``--gdal-cache MB`` sets GDAL_CACHEMAX for the measured processes (GDAL's default block cache, 5 % of RAM,
dominates the peak memory of both). ``--qgis`` also runs rsei:rsei once through qgis_process.bin (timed
with /usr/bin/time -v) for the record.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from _common import peak_mb, plugin_parent  # noqa: E402 - bench/ is the script folder

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
NAMES = ("ndvi", "wet", "ndbsi", "lst")
PROFILE = dict(driver="GTiff", dtype="float32", count=1, nodata=-9999.0, compress="deflate", predictor=3,
               tiled=True, blockxsize=256, blockysize=256, bigtiff="IF_SAFER")


def generate(folder, size):
    """Four correlated indicators driven by a smooth latent field plus noise, written in row strips."""
    import numpy as np
    import rasterio
    from rasterio.transform import Affine
    rng = np.random.default_rng(0)
    profile = dict(PROFILE, width=size, height=size, crs="EPSG:32648",
                   transform=Affine(30.0, 0.0, 600000.0, 0.0, -30.0, 4200000.0))
    dss = [rasterio.open(os.path.join(folder, f"{n}.tif"), "w", **profile) for n in NAMES]
    x = np.arange(size) / 300.0
    for row in range(0, size, 256):
        h = min(256, size - row)
        y = (row + np.arange(h))[:, None] / 500.0
        t = np.sin(x)[None, :] + np.cos(y) + 0.3 * rng.normal(size=(h, size))
        coefs = (0.12, 0.03, -0.1, -3.0)
        for ds, base, c in zip(dss, (0.35, -0.05, -0.1, 30.0), coefs):
            v = base + c * t + 0.5 * abs(c) * rng.normal(size=t.shape)  # own noise: PC1 ≈ 70 %
            if row == 0:
                v[:3, :3] = -9999.0  # a little NoData
            ds.write(v.astype("float32"), 1, window=rasterio.windows.Window(0, row, size, h))
    for ds in dss:
        ds.close()


def child_baseline(folder):
    import rasterio
    srcs = [rasterio.open(os.path.join(folder, f"{n}.tif")) for n in NAMES]
    ref = srcs[0]
    profile = dict(PROFILE, width=ref.width, height=ref.height, crs=ref.crs, transform=ref.transform)
    with rasterio.open(os.path.join(folder, "baseline.tif"), "w", **profile) as out:
        for row in range(0, ref.height, 256):
            w = rasterio.windows.Window(0, row, ref.width, min(256, ref.height - row))
            arrs = [s.read(1, window=w) for s in srcs]
            out.write((sum(arrs) / 4.0).astype("float32"), 1, window=w)
    for s in srcs:
        s.close()
    return {}


def child_rsei(folder):
    sys.path.insert(0, plugin_parent())
    from rsei_toolbox.core import rsei
    from rsei_toolbox.core.raster import OutputTransaction
    paths = [os.path.join(folder, f"{n}.tif") for n in NAMES]
    src = rsei.IndicatorSource(*paths)
    with OutputTransaction() as tx:
        rw = tx.raster(os.path.join(folder, "rsei.tif"), src.grid)
        gw = tx.raster(os.path.join(folder, "grades.tif"), src.grid, dtype="uint8", nodata=0)
        fit, res = rsei.compute(src, rw, gw)
    src.close()
    return {"pc1_percent": fit.pc1_percent, "rsei_mean": res.mean, "pixels": fit.n}


def run_child(kind, folder, gdal_cache=None):
    cmd = [sys.executable, os.path.abspath(__file__), "--child", kind, "--dir", folder]
    env = dict(os.environ)
    if gdal_cache:
        env["GDAL_CACHEMAX"] = str(gdal_cache)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_qgis(folder, size):
    exe = shutil.which("qgis_process.bin")
    if not exe:
        return None
    parent = plugin_parent()
    env = dict(os.environ, QGIS_PLUGINPATH=parent, QGIS_CUSTOM_CONFIG_PATH=tempfile.mkdtemp(),
               QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=tempfile.mkdtemp())
    subprocess.run([exe, "plugins", "enable", "rsei_toolbox"], env=env, capture_output=True, check=True)
    args = [f"{n.upper()}={os.path.join(folder, n + '.tif')}" for n in NAMES]
    args += [f"OUTPUT={folder}/q_rsei.tif", f"OUTPUT_GRADES={folder}/q_grades.tif",
             f"OUTPUT_TABLE={folder}/q_areas.gpkg"]
    t0 = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v", exe, "--json", "run", "rsei:rsei", "--", *args], env=env,
                          capture_output=True, text=True)
    wall = time.perf_counter() - t0
    rss = [ln for ln in proc.stderr.splitlines() if "Maximum resident set size" in ln]
    return {"returncode": proc.returncode, "seconds": wall,
            "peak_mb": int(rss[0].split(":")[1]) / 1024 if rss else None}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=6000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--qgis", action="store_true")
    ap.add_argument("--gdal-cache", type=int, help="GDAL_CACHEMAX (MB) for the measured processes; default: "
                    "GDAL's own (5 %% of RAM), which dominates the peak memory of both")
    ap.add_argument("--child")
    ap.add_argument("--dir")
    a = ap.parse_args()
    if a.child:
        t0 = time.perf_counter()
        info = {"baseline": child_baseline, "rsei": child_rsei,
                "generate": lambda d: generate(d, a.size) or {}}[a.child](a.dir)
        info["seconds"] = time.perf_counter() - t0
        info["peak_mb"] = peak_mb()
        print(json.dumps(info))
        return
    folder = tempfile.mkdtemp(prefix="rsei-bench-")
    try:
        t0 = time.perf_counter()
        # in a subprocess: a child inherits its parent's peak RSS through fork/exec, so the parent stays small
        subprocess.run([sys.executable, os.path.abspath(__file__), "--child", "generate", "--dir", folder,
                        "--size", str(a.size)], check=True)
        mpix = a.size * a.size / 1e6
        if a.gdal_cache:
            print(f"GDAL_CACHEMAX={a.gdal_cache} MB")
        print(f"generated 4 × {a.size}×{a.size} float32 rasters ({mpix:.0f} Mpixel) in "
              f"{time.perf_counter() - t0:.1f} s in {folder}")
        best = {}
        for _ in range(a.repeat):
            for kind in ("baseline", "rsei"):
                r = run_child(kind, folder, a.gdal_cache)
                if kind not in best or r["seconds"] < best[kind]["seconds"]:
                    best[kind] = r
        b, r = best["baseline"], best["rsei"]
        print(f"{'':34s}{'seconds':>10s}{'Mpixel/s':>10s}{'peak MB':>10s}")
        print(f"{'baseline: read 4 + write 1':34s}{b['seconds']:10.1f}{mpix / b['seconds']:10.2f}"
              f"{b['peak_mb']:10.0f}")
        print(f"{'rsei core (RSEI + grades)':34s}{r['seconds']:10.1f}{mpix / r['seconds']:10.2f}"
              f"{r['peak_mb']:10.0f}")
        ratio = r["seconds"] / b["seconds"]
        print(f"time ratio rsei / baseline = {ratio:.2f} (limit 5); peak memory {r['peak_mb']:.0f} MB "
              f"(limit 1024); PC1 {r['pc1_percent']:.2f} %, mean RSEI {r['rsei_mean']:.4f}, "
              f"{r['pixels']} pixels")
        if a.qgis:
            q = run_qgis(folder, a.size)
            if q:
                print(f"qgis_process.bin run rsei:rsei: exit {q['returncode']}, {q['seconds']:.1f} s, "
                      f"peak {q['peak_mb']:.0f} MB (/usr/bin/time -v)")
        print(json.dumps({"size": a.size, "baseline": b, "rsei": r, "ratio": ratio}))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
