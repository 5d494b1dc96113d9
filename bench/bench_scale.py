"""Scaling benchmark: the engine on 1 thread, on the default thread pool and on a Dask LocalCluster (local:2).

Every run goes through ``qgis_process.bin`` (as a user runs it), each in a fresh process; time is the wall
time of the command and peak memory the largest resident set of any process of the run (GNU time's maximum
resident set size of qgis_process and of its Dask worker processes, which it reaps), so "per process".

    .venv/bin/python bench/bench_scale.py                   # the three cases below, three executors
    .venv/bin/python bench/bench_scale.py --cases senmk --executors pool
    .venv/bin/python bench/bench_scale.py --province        # 25 × 10000² senmk and rsei:rsei on 10000²

Cases (data generated into a temporary folder):

* ``rsei``: rsei:rsei on 4 × 6000² float32 indicators (36 Mpx), the RSEI output (and, on the pool, once more
  with the grades and the area table). Its bar: the time
  less the start-up (a run on a 16 × 16 input) within 2× of the floor for an exact RSEI — reading the four
  inputs twice and writing one float32 output in the toolbox's format (tiled 256 as ``core.raster.TILE``, or
  512 as the issue says: the faster; deflate level 1, predictor 3) with plain rasterio, best of three.
* ``senmk``: rsei:senmk on 25 yearly 1000² rasters (float32, 512 × 512 tiles, deflate + predictor 3). Its bar:
  ≥ 300× faster than pyMannKendall's ``original_test`` in a per-pixel loop, timed on a sample in the same run.
* ``indices``: rsei:landsatindices on a 7000² Level-2 OLI scene (bench_landsat's scene), 5 outputs.

``--province``: rsei:senmk on 25 × 10000² (same format; bar: < 10 min and < 2 GB) and rsei:rsei on a
10000² indicator set (bar: within 2× of reading the inputs tile by tile). Several GB of temporary data.
The machine's load average is printed with the figures.
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
sys.path.insert(0, HERE)
EXECUTORS = {"1 thread": {"RSEI_THREADS": "1"}, "pool": {}, "local:2": {"DASK": "local:2"}}
NAMES = ("ndvi", "wet", "ndbsi", "lst")
#: The toolbox's own output format (core.raster.RasterWriter).
OUT_PROFILE = dict(driver="GTiff", dtype="float32", count=1, nodata=-9999.0, compress="deflate", zlevel=1,
                   predictor=3, tiled=True, blockxsize=256, blockysize=256, bigtiff="IF_SAFER")


# ----------------------------------------------------------------------------- data

def make_years(folder, size, years, tile=512):
    """Yearly float32 rasters as at province scale: tiled ``tile``, deflate + predictor 3, ~1 % NoData."""
    import numpy as np
    import rasterio
    from rasterio.transform import Affine
    rng = np.random.default_rng(0)
    profile = dict(driver="GTiff", width=size, height=size, count=1, dtype="float32", crs="EPSG:32648",
                   transform=Affine(30.0, 0.0, 600000.0, 0.0, -30.0, 4200000.0), nodata=-9999.0, tiled=True,
                   blockxsize=tile, blockysize=tile, compress="deflate", predictor=3, bigtiff="IF_SAFER")
    strip = 1024
    paths = [os.path.join(folder, f"rsei_{2000 + k}.tif") for k in range(years)]
    dss = [rasterio.open(p, "w", **profile) for p in paths]
    for row in range(0, size, strip):
        h = min(strip, size - row)
        base = rng.uniform(0.2, 0.6, size=(h, size)).astype("float32")
        rate = rng.normal(0, 0.005, size=(h, size)).astype("float32")
        for k, ds in enumerate(dss):
            a = base + rate * k + rng.normal(0, 0.03, size=(h, size)).astype("float32")
            a[rng.random((h, size)) < 0.01] = -9999.0
            ds.write(a, 1, window=rasterio.windows.Window(0, row, size, h))
    for ds in dss:
        ds.close()
    return paths


def make_indicators(folder, size):
    from bench_rsei import generate
    generate(folder, size)
    return [os.path.join(folder, f"{n}.tif") for n in NAMES]


# ----------------------------------------------------------------------------- qgis_process

class Qgis:
    def __init__(self):
        self.exe = shutil.which("qgis_process.bin")
        if not self.exe:
            sys.exit("qgis_process.bin not found (Debian: apt install qgis)")
        self.env = dict(os.environ, QGIS_PLUGINPATH=plugin_parent(), QGIS_CUSTOM_CONFIG_PATH=tempfile.mkdtemp(),
                        QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=tempfile.mkdtemp())
        os.chmod(self.env["XDG_RUNTIME_DIR"], 0o700)
        subprocess.run([self.exe, "plugins", "enable", "rsei_toolbox"], env=self.env, capture_output=True,
                       check=True)

    def run(self, alg, params, executor="pool"):
        env = dict(self.env)
        env.pop("RSEI_THREADS", None)
        extra = dict(EXECUTORS[executor])
        scheduler = extra.pop("DASK", None)
        env.update(extra)
        args = [f"{k}={x}" for k, v in params.items() for x in (v if isinstance(v, list) else [v])]
        if scheduler:
            args.append(f"DASK_SCHEDULER={scheduler}")
        t0 = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-v", self.exe, "--json", "run", alg, "--", *args], env=env,
                              capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            raise RuntimeError(f"{alg} on {executor} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
        rss = [ln for ln in proc.stderr.splitlines() if "Maximum resident set size" in ln]
        out = json.loads(proc.stdout[proc.stdout.index("{"):])
        return {"seconds": wall, "peak_mb": int(rss[0].split(":")[1]) / 1024 if rss else float("nan"),
                "results": out.get("results", {})}


# ----------------------------------------------------------------------------- floors and oracles (children)

def child_floor_rsei(folder, tile):
    """Read the four inputs twice and write one output in the toolbox's format, with plain rasterio."""
    import rasterio
    srcs = [rasterio.open(os.path.join(folder, f"{n}.tif")) for n in NAMES]
    ref = srcs[0]
    with rasterio.Env(GDAL_CACHEMAX=64 * 1024 * 1024):
        for s in srcs:
            for _, w in s.block_windows(1):
                s.read(1, window=w)
        profile = dict(OUT_PROFILE, width=ref.width, height=ref.height, crs=ref.crs, transform=ref.transform,
                       blockxsize=tile, blockysize=tile)
        with rasterio.open(os.path.join(folder, "floor.tif"), "w", **profile) as out:
            for _, w in ref.block_windows(1):
                arrs = [s.read(1, window=w) for s in srcs]
                out.write((sum(arrs) / 4.0).astype("float32"), 1, window=w)
    for s in srcs:
        s.close()
    return {}


def child_read_tiles(folder, pattern):
    """Read every input tile by tile (the I/O floor of the province runs)."""
    import glob
    import rasterio
    with rasterio.Env(GDAL_CACHEMAX=64 * 1024 * 1024):
        for p in sorted(glob.glob(os.path.join(folder, pattern))):
            with rasterio.open(p) as ds:
                for _, w in ds.block_windows(1):
                    ds.read(1, window=w)
    return {}


def child_pymk(folder, pixels):
    """pyMannKendall original_test + sens_slope in a per-pixel loop over a sample of the 25-year stack."""
    import glob
    import numpy as np
    import pymannkendall as mk
    import rasterio
    paths = sorted(glob.glob(os.path.join(folder, "rsei_*.tif")))
    side = int(np.ceil(np.sqrt(pixels)))
    w = rasterio.windows.Window(100, 100, side, side)
    stack = np.stack([rasterio.open(p).read(1, window=w) for p in paths]).reshape(len(paths), -1)
    ok = np.all(stack != -9999.0, axis=0)
    series = stack[:, ok][:, :pixels].T.astype(np.float64)
    t0 = time.perf_counter()
    for s in series:
        mk.original_test(s)
    dt = time.perf_counter() - t0
    return {"us_per_pixel": 1e6 * dt / len(series), "pixels": len(series)}


def run_child(kind, folder, *extra):
    proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", kind, "--dir", folder, *extra],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------- cases

def case_rsei(q, folder, executors, size=6000, repeat=1):
    t0 = time.perf_counter()
    paths = make_indicators(folder, size)
    small = os.path.join(folder, "small")
    os.makedirs(small)
    small_paths = make_indicators(small, 16)
    print(f"  data: 4 × {size}² float32 ({size * size / 1e6:.0f} Mpx) in {time.perf_counter() - t0:.0f} s",
          flush=True)
    # The bar's run writes the one output of the floor (the RSEI); the grades and the area table come
    # after it, in a second row ("+ grades, table").
    params = lambda f, p: dict(NDVI=p[0], WET=p[1], NDBSI=p[2], LST=p[3], OUTPUT=f"{f}/r.tif")  # noqa: E731
    full = lambda f, p: dict(params(f, p), OUTPUT_GRADES=f"{f}/g.tif", OUTPUT_TABLE=f"{f}/a.gpkg")  # noqa: E731
    # The toolbox writes 256 × 256 tiles (core.raster.TILE); the floor names 512: the faster of the two.
    floor = min((dict(run_child("floor_rsei", folder, str(tile)), tile=tile) for tile in (256, 512)
                 for _ in range(3)), key=lambda r: r["seconds"])
    rows = {}
    for ex in executors:
        start = min(q.run("rsei:rsei", params(small, small_paths), ex)["seconds"] for _ in range(2))
        best = min((q.run("rsei:rsei", params(folder, paths), ex) for _ in range(repeat)),
                   key=lambda r: r["seconds"])
        best["startup"] = start
        best["ratio"] = (best["seconds"] - start) / floor["seconds"]
        rows[ex] = best
        if ex == "pool":
            rows["pool + grades, table"] = q.run("rsei:rsei", full(folder, paths), ex)
    return {"pixels": size * size, "floor": floor, "runs": rows}


def case_senmk(q, folder, executors, size=1000, years=25, repeat=1, pymk_pixels=2000):
    t0 = time.perf_counter()
    paths = make_years(folder, size, years)
    print(f"  data: {years} × {size}² float32 (512 tiles, deflate + predictor 3) in "
          f"{time.perf_counter() - t0:.0f} s", flush=True)
    pymk = run_child("pymk", folder, str(pymk_pixels))
    # numba compiles the kernel once per plugin folder into the user's cache: a warm-up run on a small
    # stack, so the timed runs are those of every run after the first on a machine.
    warm = os.path.join(folder, "warm")
    os.makedirs(warm)
    small = make_years(warm, 16, years)
    q.run("rsei:senmk", dict(INPUT=small, OUTPUT_SLOPE=f"{warm}/slope.tif"), "pool")
    rows = {}
    for ex in executors:
        best = min((q.run("rsei:senmk", dict(INPUT=paths, OUTPUT_SLOPE=f"{folder}/slope.tif",
                                             OUTPUT_Z=f"{folder}/z.tif", OUTPUT_P=f"{folder}/p.tif",
                                             OUTPUT_TREND=f"{folder}/trend.tif",
                                             OUTPUT_TABLE=f"{folder}/classes.gpkg"), ex)
                    for _ in range(repeat)), key=lambda r: r["seconds"])
        best["us_per_pixel"] = 1e6 * best["seconds"] / (size * size)
        best["speedup"] = pymk["us_per_pixel"] / best["us_per_pixel"]
        rows[ex] = best
    out = {"pixels": size * size, "years": years, "pymk": pymk, "runs": rows}
    if size >= 5000:
        out["read_tiles"] = run_child("read_tiles", folder, "rsei_*.tif")
    return out


def case_indices(q, folder, executors, size=7000):
    from bench_landsat import make_scene
    t0 = time.perf_counter()
    mtl = make_scene(folder, size)
    print(f"  data: a {size}² OLI Level-2 scene in {time.perf_counter() - t0:.0f} s", flush=True)
    rows = {}
    for ex in executors:
        rows[ex] = q.run("rsei:landsatindices", dict(
            INPUT=mtl, **{f"OUTPUT_{n}": f"{folder}/{n.lower()}.tif" for n in ("NDVI", "WET", "NDBSI", "LST",
                                                                              "MNDWI")}), ex)
    return {"pixels": size * size, "runs": rows}


def _print(name, res):
    mpx = res["pixels"] / 1e6
    print(f"\n{name}: {mpx:.0f} Mpx" + (f" × {res['years']} years" if "years" in res else ""))
    print(f"  {'executor':10s}{'seconds':>9s}{'Mpx/s':>8s}{'peak MB':>9s}   notes")
    for ex, r in res["runs"].items():
        notes = ""
        if "ratio" in r:
            notes = f"start-up {r['startup']:.1f} s; (t − start-up)/floor = {r['ratio']:.2f} (bar ≤ 2)"
        if "speedup" in r:
            notes = f"{r['us_per_pixel']:.2f} µs/px = {r['speedup']:.0f}× pyMannKendall (bar ≥ 300)"
        print(f"  {ex:10s}{r['seconds']:9.1f}{mpx / r['seconds']:8.2f}{r['peak_mb']:9.0f}   {notes}")
    if "floor" in res:
        print(f"  floor (read 4 inputs twice + write 1, rasterio, best of 3 for tiles of 256 and of 512): "
              f"{res['floor']['seconds']:.2f} s (tiles {res['floor']['tile']})")
    if "pymk" in res:
        print(f"  pyMannKendall original_test loop: {res['pymk']['us_per_pixel']:.0f} µs/px "
              f"({res['pymk']['pixels']} px sampled)")
    if "read_tiles" in res:
        read = res["read_tiles"]["seconds"]
        print(f"  reading all inputs tile by tile: {read:.1f} s")
        for ex, r in res["runs"].items():
            if "startup" in r:
                print(f"  {ex}: t / read = {r['seconds'] / read:.2f}, (t − start-up) / read = "
                      f"{(r['seconds'] - r['startup']) / read:.2f} (bar ≤ 2)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default="rsei,senmk,indices")
    ap.add_argument("--executors", default=",".join(EXECUTORS), help="comma-separated: 1 thread,pool,local:2")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--province", action="store_true", help="25 × 10000² senmk and rsei:rsei on 10000²")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--dir", help=argparse.SUPPRESS)
    ap.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        t0 = time.perf_counter()
        info = {"floor_rsei": lambda: child_floor_rsei(a.dir, int(a.rest[0])),
                "read_tiles": lambda: child_read_tiles(a.dir, a.rest[0]),
                "pymk": lambda: child_pymk(a.dir, int(a.rest[0]))}[a.child]()
        info.setdefault("seconds", time.perf_counter() - t0)
        info["peak_mb"] = peak_mb()
        print(json.dumps(info))
        return
    executors = [e.strip() for e in a.executors.split(",") if e.strip()]
    q = Qgis()
    print(f"load average before: {os.getloadavg()}; {os.cpu_count()} cores", flush=True)
    figures = {}
    cases = [c.strip() for c in a.cases.split(",") if c.strip()]
    for case in cases:
        folder = tempfile.mkdtemp(prefix=f"rsei-scale-{case}-")
        try:
            print(f"\n# {case}", flush=True)
            if case == "rsei":
                res = case_rsei(q, folder, executors, 10000 if a.province else 6000, a.repeat)
                if a.province:
                    res["read_tiles"] = run_child("read_tiles", folder, "[nwl]*.tif")
            elif case == "senmk":
                res = case_senmk(q, folder, executors, 10000 if a.province else 1000, 25, a.repeat)
            elif case == "indices":
                res = case_indices(q, folder, executors)
            else:
                sys.exit(f"unknown case {case}")
            figures[case] = res
            _print(case, res)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"\nload average after: {os.getloadavg()}")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump(figures, fh, indent=2, default=str)


if __name__ == "__main__":
    main()
