"""rsei:landsatstac core over loopback services: a 25-year series (2000–2024) over a 10 × 10 km area.

Services as in the tests (tests/services): nginx serving the COGs with HTTP Range, rustac serving the items.
Scenes: one demo-generator scene per year (TM 2000–2011, ETM+ 2012, OLI 2013–2021, OLI-2 2022–2024), each band
mirrored around the 9 km demo crop to 1500 × 1500 pixels (45 × 45 km) so that the area is ~5 % of an asset.
Prints scenes, MB read (the server's access log and the MEGABYTES_READ estimate) against the assets' full size,
and the time of a cold run and of a rerun from the cache.

Run: .venv/bin/python bench/bench_stac.py [--enlarge 5] [--workers 8]
"""
import argparse
import os
import shutil
import sys
import tempfile
import time

from _common import REPO, import_plugin, peak_mb

sys.path.insert(0, os.path.join(REPO, "tests"))
import_plugin()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--enlarge", type=int, default=5)
    ap.add_argument("--workers", type=int, default=8)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    from services import landsat_items as li
    from services.nginx import Nginx
    from services.rustac import Rustac

    from rsei_toolbox.core import cloud_composite as cc
    from rsei_toolbox.core.http import HttpClient
    from rsei_toolbox.core.monitor import Monitor
    from rsei_toolbox.core.raster import OutputTransaction
    from rsei_toolbox.core.signing import NoSigner

    base = tempfile.mkdtemp(prefix="rsei-bench-stac-")
    try:
        www = os.path.join(base, "www")
        os.makedirs(www)
        ng = Nginx(www, os.path.join(base, "nginx")).start()
        try:
            years = list(range(2000, 2025))
            mission = {y: "LT05" if y < 2012 else "LE07" if y == 2012 else "LC08" if y < 2022 else "LC09"
                       for y in years}
            # the demo's growing-season climate for the years between its nine demo years (linear)
            known = {2000: (20.9, 232.0), 2003: (20.6, 301.0), 2006: (21.3, 214.0), 2009: (21.0, 248.0),
                     2012: (20.8, 276.0), 2015: (21.5, 238.0), 2018: (21.2, 312.0), 2021: (21.0, 262.0),
                     2024: (21.9, 289.0)}
            ks = sorted(known)
            climate = {}
            for y in years:
                lo = max(k for k in ks if k <= y)
                hi = min(k for k in ks if k >= y)
                f = 0 if hi == lo else (y - lo) / (hi - lo)
                climate[y] = tuple(a + f * (b - a) for a, b in zip(known[lo], known[hi]))
            t0 = time.time()
            scenes = li.demo_scenes(os.path.join(base, "local"), [(f"{y}-07-15", mission[y], 0.05) for y in years],
                                    enlarge=args.enlarge, climate=climate)
            items = li.demo_items(www, ng.url, scenes, subdir="big")
            shutil.rmtree(os.path.join(base, "local"))
            rs = Rustac(li.write_items(os.path.join(base, "items.json"), items)).start()
            print(f"data: {len(scenes)} scenes of {300 * args.enlarge}² px made in {time.time() - t0:.0f} s")
            try:
                # 10 × 10 km at the centre of the demo area (EPSG:32648)
                cx, cy = 627185 + 4500, 4211385 - 4500
                grid = cc.series_grid("EPSG:32648", (cx - 5000, cy - 5000, cx + 5000, cy + 5000), 30)
                opts = cc.SeriesOptions(catalog=rs.url, years=tuple(years), bbox=(106.45, 37.96, 106.55, 38.04),
                                        max_workers=args.workers)
                rows = []
                for label in ("cold", "cache"):
                    open(ng.access_log, "w").close()
                    out = os.path.join(base, f"out-{label}")
                    os.makedirs(out)
                    t = time.time()
                    s = cc.run_series(opts, grid, HttpClient(), NoSigner(), os.path.join(base, "cache"), out,
                                      lambda: OutputTransaction({}), Monitor())
                    dt = time.time() - t
                    log = [ln for ln in ng.log_lines() if ln[1].startswith("/big/")]
                    served = sum(ln[3] for ln in log)
                    rows.append((label, len(s["years_written"]), s["scenes_used"], s["windows_fetched"],
                                 served / 2 ** 20, s["bytes_read"] / 2 ** 20, dt))
                full = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(os.path.join(www, "big"))
                           for f in fs if f.endswith(".TIF"))
                print(f"grid {grid.width}×{grid.height} px of 30 m; assets' full size {full / 2 ** 20:.1f} MB "
                      f"({len(scenes) * 8} COGs)")
                print("| run | years | scenes | windows fetched | MB served (nginx log) | MEGABYTES_READ | "
                      "% of full size | time |")
                print("|---|---|---|---|---|---|---|---|")
                for label, ny, ns, nw, served, est, dt in rows:
                    print(f"| {label} | {ny} | {ns} | {nw} | {served:.1f} | {est:.1f} | "
                          f"{100 * served * 2 ** 20 / full:.1f} % | {dt:.1f} s |")
                print(f"peak memory {peak_mb():.0f} MB")
            finally:
                rs.stop()
        finally:
            ng.stop()
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
