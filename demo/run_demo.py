#!/usr/bin/env python3
"""Run the whole RSEI Toolbox workflow on the generated demo data, through ``qgis_process``.

    make demo            # = .venv/bin/python demo/run_demo.py --out demo-output

Steps (each a call of ``qgis_process.bin --json run …``, as a user would type it):

 1. generate the demo data (demo/make_data.py) into ``<out>/data``
 2. rsei:landsatcomposite   per year, MONTHS=6-9 (June–September median of the clear observations)
 3. rsei:landsatindices     per year: NDVI, WET, NDBSI, LST, MNDWI
 4. gdal:rastercalculator   per year: water mask (MNDWI > 0)
 5. rsei:rsei               per year: RSEI, grades, grade areas, PC1 %
 6. rsei:egindex            per year: EG index of the CLCD land cover on the RSEI grid
 7. rsei:rseiseries         all years: Table 5, grade areas by year (Tables 6–7), report
 8. rsei:senmk              Sen slope + Mann–Kendall on the yearly RSEI stack
 9. rsei:gradechange        grade transitions first → last year
10. rsei:coupling           EG × RSEI coupling in the last year
11. native:slope/aspect, gdal:warpreproject, gdal:rasterize, gdal:proximity: driving-factor rasters
12. rsei:geodetectorraster  RSEI of the last year explained by the factor rasters
13. rsei:zonalseries       per-mine table: mean RSEI, terrain and climate per mine and year (Tables 10–13)
    rsei:geodetector        on that table (with each year's coal production), per year (YEAR_FIELD)
14. rsei:seriestrend        the yearly mean RSEI: Sen/MK, quadratic, two segments
15. report.html             one self-contained page with the figures and tables

Everything is written under ``--out``; the terminal shows progress; any failing step stops the run with
a non-zero exit status and the end of the tool's log.  ``qgis_process.bin`` is called directly because
Debian's ``qgis_process`` wrapper passes an option the binary rejects.
"""
import argparse
import concurrent.futures as cf
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import make_data  # noqa: E402
import report_page  # noqa: E402
from common import REPO, DemoError, field, read_band, read_table, say, write_csv, write_gpkg_table  # noqa: E402

QGIS_PROCESS = os.environ.get("QGIS_PROCESS_BIN", "qgis_process.bin")
GRADE_NAMES = ["worst", "poor", "moderate", "good", "excellent"]
TREND_FALLBACK = {1: "significant improvement", 2: "slight improvement", 3: "stable", 4: "slight degradation",
                  5: "significant degradation"}


# ============================================================================================ qgis_process
class Qgis:
    """Runs ``qgis_process.bin`` with the plugin enabled in a private profile."""

    def __init__(self, out, verbose=False):
        if shutil.which(QGIS_PROCESS) is None:
            raise DemoError(f"{QGIS_PROCESS} not found: install QGIS (make setup does it on Debian 12)")
        self.tmp = tempfile.mkdtemp(prefix="rsei-demo-")
        plugins = os.path.join(self.tmp, "plugins")
        os.makedirs(plugins)
        os.symlink(REPO, os.path.join(plugins, "rsei_toolbox"))
        xdg = os.path.join(self.tmp, "xdg")
        os.makedirs(xdg, mode=0o700)
        self.env = dict(os.environ, QGIS_PLUGINPATH=plugins, QGIS_CUSTOM_CONFIG_PATH=os.path.join(self.tmp, "profile"),
                        QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=xdg)
        self.env.pop("PYTHONPATH", None)
        self.logs = os.path.join(out, "logs")
        shutil.rmtree(self.logs, ignore_errors=True)
        os.makedirs(self.logs)
        self.verbose = verbose
        self.calls = []
        res = subprocess.run([QGIS_PROCESS, "plugins", "enable", "rsei_toolbox"], env=self.env,
                             capture_output=True, text=True, timeout=300)
        if res.returncode != 0:
            raise DemoError("could not enable the plugin:\n" + res.stdout[-2000:] + res.stderr[-2000:])
        listing = subprocess.run([QGIS_PROCESS, "list"], env=self.env, capture_output=True, text=True, timeout=300)
        self.algorithms = {line.split()[0] for line in listing.stdout.splitlines() if line.strip().startswith("rsei:")}
        if not self.algorithms:
            raise DemoError("qgis_process does not list any rsei: algorithm:\n" + listing.stderr[-2000:])

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run(self, alg, params, label):
        """Run ``alg`` with ``params`` (dict; list values repeat the parameter); returns the JSON results."""
        args = [QGIS_PROCESS, "--json", "run", alg, "--"]
        for key, value in params.items():
            for v in (value if isinstance(value, (list, tuple)) else [value]):
                if v is None:
                    continue
                if isinstance(v, bool):
                    v = int(v)
                args.append(f"{key}={v}")
        t0 = time.time()
        try:
            res = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=900)
        except subprocess.TimeoutExpired as exc:
            raise DemoError(f"{label}: {alg} did not finish in 15 minutes") from exc
        took = time.time() - t0
        log = os.path.join(self.logs, f"{label}.log")
        with open(log, "w", encoding="utf-8") as fh:
            fh.write(" ".join(args) + "\n\n--- stdout\n" + res.stdout + "\n--- stderr\n" + res.stderr)
        self.calls.append((label, alg, took))
        data = None
        start = res.stdout.find("{")
        if start >= 0:
            try:
                data = json.loads(res.stdout[start:])
            except ValueError:
                data = None
        if res.returncode != 0 or data is None:
            tail = "\n".join((res.stderr.strip().splitlines() + res.stdout.strip().splitlines())[-25:])
            raise DemoError(f"{label}: {alg} failed (exit status {res.returncode}); full log in {log}\n{tail}")
        results = data.get("results", {})
        if self.verbose:
            print(f"      {alg} {took:.1f}s", flush=True)
        return results, data.get("log", {})


# ============================================================================================ the workflow
class Demo:
    def __init__(self, out, jobs=2, verbose=False):
        self.out = os.path.abspath(out)
        self.jobs = max(1, jobs)
        self.verbose = verbose
        self.timings = []
        self.results = {}
        self.d = {k: os.path.join(self.out, k) for k in
                  ("data", "composites", "indicators", "rsei", "landcover", "trend", "coupling", "drivers", "tables",
                   "reports")}

    # -- plumbing
    def step(self, title, func, *args, needs=()):
        n = len(self.timings) + 1
        say(f"[{n:2d}] {title} …")
        missing = [a for a in needs if a not in self.qgis.algorithms]
        if missing:
            raise DemoError(f"{', '.join(missing)} not provided by the plugin (qgis_process list)")
        t0 = time.time()
        value = func(*args)
        took = time.time() - t0
        self.timings.append((title, took))
        say(f"     done in {took:.1f} s")
        return value

    def parallel(self, func, items):
        """``func(item)`` for every item, ``jobs`` at a time; the first failure stops the run."""
        with cf.ThreadPoolExecutor(max_workers=self.jobs) as pool:
            futures = {pool.submit(func, item): i for i, item in enumerate(items)}
            out = {}
            for fut in cf.as_completed(futures):
                out[futures[fut]] = fut.result()
        return [out[i] for i in range(len(items))]

    def p(self, *parts):
        return os.path.join(self.out, *parts)

    # -- steps
    def make_data(self):
        for folder in self.d.values():  # a clean run
            if os.path.isdir(folder):
                shutil.rmtree(folder)
        self.manifest = make_data.generate(self.d["data"], log=(say if self.verbose else (lambda *_: None)))
        self.years = list(self.manifest["years"])
        n = len(self.manifest["scenes"])
        sensors = sorted({s["mission"] for s in self.manifest["scenes"]})
        say(f"     {n} Landsat C2 L2 scenes ({', '.join(sensors)}), {len(self.years)} years "
            f"{self.years[0]}–{self.years[-1]}, 300×300 px at 30 m, EPSG:32648")
        for k in self.d.values():
            os.makedirs(k, exist_ok=True)

    def composites(self):
        def one(year):
            mtls = [os.path.join(self.d["data"], s["mtl"]) for s in self.manifest["scenes"] if s["year"] == year]
            out = self.p("composites", f"composite_{year}.tif")
            res, log = self.qgis.run("rsei:landsatcomposite", {
                "SCENES": mtls, "MONTHS": "6-9", "OUTPUT": out,
                "OUTPUT_COUNT": self.p("composites", f"clear_count_{year}.tif")}, f"composite_{year}")
            skipped = [m for m in log.get("info", []) + log.get("warning", []) if "skip" in m.lower()]
            say(f"     {year}: {len(mtls)} scenes → {os.path.basename(out)}"
                + (f"\n           {skipped[0]}" if skipped else ""))
            return res
        self.results["composite"] = dict(zip(self.years, self.parallel(one, self.years)))

    def indicators(self):
        """rsei:landsatindices on each year's composite (years run in parallel)."""
        def one(year):
            ind = self.p("indicators", str(year))
            os.makedirs(ind, exist_ok=True)
            paths = {k: os.path.join(ind, f"{k.lower()}_{year}.tif") for k in ("NDVI", "WET", "NDBSI", "LST", "MNDWI")}
            self.qgis.run("rsei:landsatindices", {
                "INPUT": self.p("composites", f"composite_{year}.tif"), "WETNESS_SENSOR": 1,
                **{f"OUTPUT_{k}": v for k, v in paths.items()}}, f"indices_{year}")
            return paths
        self.indicator_paths = dict(zip(self.years, self.parallel(one, self.years)))
        say(f"     NDVI, WET (TM coefficients for every sensor, as the paper), NDBSI, LST (°C), MNDWI for "
            f"{len(self.years)} years in indicators/<year>/")

    def rsei_last_year(self):
        """The one-year chain: water mask (MNDWI > 0) → rsei:rsei on the four indicators of the last year."""
        year = self.years[-1]
        paths = self.indicator_paths[year]
        water = self.p("indicators", str(year), f"water_{year}.tif")
        self.qgis.run("gdal:rastercalculator", {
            "INPUT_A": paths["MNDWI"], "BAND_A": 1, "FORMULA": "A>0", "RTYPE": 0, "NO_DATA": 255,
            "OUTPUT": water}, f"watermask_{year}")
        rsei = self.p("rsei", f"rsei_{year}.tif")
        res, log = self.qgis.run("rsei:rsei", {
            "NDVI": paths["NDVI"], "WET": paths["WET"], "NDBSI": paths["NDBSI"], "LST": paths["LST"],
            "MASK": water, "OUTPUT": rsei, "OUTPUT_GRADES": self.p("rsei", f"grades_{year}.tif"),
            "OUTPUT_TABLE": self.p("tables", f"grade_areas_{year}.gpkg")}, f"rsei_{year}")
        self.results["rsei"] = res
        say(f"     {year}: PC1 explains {float(res['PC1_PERCENT']):.1f} % of the variance, mean RSEI "
            f"{float(res['RSEI_MEAN']):.3f}")

    def rseiseries(self):
        res, _ = self.qgis.run("rsei:rseiseries", {
            "INPUT": [self.p("composites", f"composite_{y}.tif") for y in self.years], "INPUT_TYPE": 0,
            "YEARS": ",".join(str(y) for y in self.years), "WETNESS": 0, "MASK_WATER": True, "WATER_THRESHOLD": 0,
            "FIT": 0, "OUTPUT_FOLDER": self.p("rsei", "series"),
            "OUTPUT_TABLE": self.p("tables", "rsei_by_year.gpkg"),
            "OUTPUT_AREAS": self.p("tables", "grade_areas_by_year.gpkg"),
            "OUTPUT_HTML": self.p("reports", "rseiseries.html")}, "rseiseries")
        self.results["series"] = res
        self.series_rows = sorted(read_table(self.p("tables", "rsei_by_year.gpkg")),
                                  key=lambda r: int(field(r, "year")))
        self.area_rows = read_table(self.p("tables", "grade_areas_by_year.gpkg"))
        for row in self.series_rows:
            say(f"     {int(field(row, 'year'))}: mean RSEI {float(field(row, 'rsei')):.3f}, "
                f"PC1 {float(field(row, 'pc1_percent')):.1f} %")
        last = self.series_rows[-1]
        if "rsei" in self.results:
            diff = abs(float(field(last, "rsei")) - float(self.results["rsei"]["RSEI_MEAN"]))
            say(f"     check: mean RSEI {self.years[-1]} from rsei:rseiseries and from the one-year chain differ "
                f"by {diff:.1e}")

    def egindex(self):
        """EG index of every year's CLCD land cover (series table) and the last year's EG raster on the RSEI grid."""
        y = self.years[-1]
        lc = lambda year: os.path.join(self.d["data"], self.manifest["landcover"][str(year)])  # noqa: E731
        res, _ = self.qgis.run("rsei:egindex", {
            "INPUT": lc(y), "LOOKUP": 0, "REFERENCE": self.p("rsei", "series", f"rsei_{y}.tif"), "WINDOW": 1,
            "ZONES": os.path.join(self.d["data"], self.manifest["mines"]) + "|layername=mines", "ZONE_FIELD": "name",
            "SERIES": [lc(year) for year in self.years], "YEARS": ",".join(map(str, self.years)),
            "OUTPUT_GRADE": self.p("landcover", f"eg_grade_{y}.tif"),
            "OUTPUT_EG": self.p("landcover", f"eg_index_{y}.tif"),
            "OUTPUT_TABLE": self.p("tables", f"eg_index_mines_{y}.gpkg"),
            "OUTPUT_SERIES": self.p("tables", "eg_index_by_year.gpkg")}, "egindex")
        self.results["eg"] = res
        self.eg_rows = read_table(self.p("tables", "eg_index_by_year.gpkg"))
        say(f"     EG index {y}: {float(res['EG_INDEX']):.3f} (mean grade {float(res['MEAN_GRADE']):.2f}); "
            f"series of {len(self.eg_rows)} rows")

    def senmk(self):
        outs = {k: self.p("trend", f"rsei_{k.lower()}.tif") for k in ("SLOPE", "Z", "P", "TREND", "N")}
        params = {"INPUT": [self.p("rsei", "series", f"rsei_{y}.tif") for y in self.years],
                  "YEARS": ",".join(str(y) for y in self.years), "MIN_YEARS": 4,
                  **{f"OUTPUT_{k}": v for k, v in outs.items()}}
        params["OUTPUT_TABLE"] = self.p("tables", "trend_class_areas.gpkg")
        res, _ = self.qgis.run("rsei:senmk", params, "senmk")
        self.results["senmk"] = res
        self.trend_rows = read_table(self.p("tables", "trend_class_areas.gpkg"))
        say("     " + "; ".join(f"{field(r, 'name', 'class_name', 'label')}: {float(field(r, 'percent')):.1f} %"
                                for r in self.trend_rows))

    def gradechange(self):
        first, last = self.years[0], self.years[-1]
        res, _ = self.qgis.run("rsei:gradechange", {
            "BEFORE": self.p("rsei", "series", f"grades_{first}.tif"),
            "AFTER": self.p("rsei", "series", f"grades_{last}.tif"),
            "OUTPUT": self.p("rsei", f"grade_change_{first}_{last}.tif"),
            "OUTPUT_TABLE": self.p("tables", f"grade_transitions_{first}_{last}.gpkg")}, "gradechange")
        self.results["gradechange"] = res
        say(f"     {first}→{last}: improved {float(res['IMPROVED_KM2']):.2f} km², unchanged "
            f"{float(res['UNCHANGED_KM2']):.2f} km², degraded {float(res['DEGRADED_KM2']):.2f} km²")

    def coupling(self):
        y = self.years[-1]
        res, _ = self.qgis.run("rsei:coupling", {
            "RSEI": self.p("rsei", "series", f"rsei_{y}.tif"), "EG": self.p("landcover", f"eg_index_{y}.tif"),
            "RESAMPLE_EG": 0,
            "CLASSIFY": 0, "OUTPUT": self.p("coupling", f"coupling_{y}.tif"),
            "OUTPUT_TABLE": self.p("tables", f"coupling_areas_{y}.gpkg")}, "coupling")
        self.results["coupling"] = res
        say(f"     {y}: HH (33) {float(res['HH_PERCENT']):.1f} % of the area, LL (11) {float(res['LL_PERCENT']):.1f} %")

    def drivers(self):
        """Factor rasters on the RSEI grid (last year): slope, aspect, elevation, climate, land cover (CLCD,
        nearest neighbour) and distance to the nearest mine polygon."""
        y = self.years[-1]
        ref = self.p("rsei", "series", f"rsei_{y}.tif")
        import rasterio
        with rasterio.open(ref) as ds:
            b = ds.bounds
        extent = f"{b.left},{b.right},{b.bottom},{b.top} [EPSG:32648]"
        dem = os.path.join(self.d["data"], self.manifest["dem"])
        mines = os.path.join(self.d["data"], self.manifest["mines"])
        dr = self.d["drivers"]
        warp = {"TARGET_CRS": "EPSG:32648", "TARGET_RESOLUTION": 30, "TARGET_EXTENT": extent,
                "TARGET_EXTENT_CRS": "EPSG:32648", "NODATA": -9999, "DATA_TYPE": 6}
        jobs = [
            ("slope", "native:slope", {"INPUT": dem, "Z_FACTOR": 1, "OUTPUT": os.path.join(dr, "slope.tif")}),
            ("aspect", "native:aspect", {"INPUT": dem, "Z_FACTOR": 1, "OUTPUT": os.path.join(dr, "aspect.tif")}),
            ("precipitation", "gdal:warpreproject", {
                "INPUT": os.path.join(self.d["data"], self.manifest["climate"][str(y)]["precipitation"]),
                "RESAMPLING": 1, **warp, "OUTPUT": os.path.join(dr, "precipitation.tif")}),
            ("temperature", "gdal:warpreproject", {
                "INPUT": os.path.join(self.d["data"], self.manifest["climate"][str(y)]["temperature"]),
                "RESAMPLING": 1, **warp, "OUTPUT": os.path.join(dr, "temperature.tif")}),
            ("landcover", "gdal:warpreproject", {
                "INPUT": os.path.join(self.d["data"], self.manifest["landcover"][str(y)]), "RESAMPLING": 0,
                **dict(warp, NODATA=0, DATA_TYPE=1), "OUTPUT": os.path.join(dr, "landcover.tif")}),
            ("mines", "gdal:rasterize", {
                "INPUT": mines + "|layername=mines", "BURN": 1, "UNITS": 1, "WIDTH": 30, "HEIGHT": 30,
                "EXTENT": extent, "NODATA": 0, "DATA_TYPE": 0, "INIT": 0,
                "OUTPUT": os.path.join(dr, "mine_mask.tif")}),
        ]

        def one(job):
            name, alg, params = job
            self.qgis.run(alg, params, f"driver_{name}")
            return params["OUTPUT"]
        done = self.parallel(one, jobs)
        self.qgis.run("gdal:proximity", {
            "INPUT": os.path.join(dr, "mine_mask.tif"), "BAND": 1, "VALUES": "1", "UNITS": 0, "NODATA": -9999,
            "DATA_TYPE": 5, "OUTPUT": os.path.join(dr, "distance_to_mine.tif")}, "driver_distance")
        shutil.copyfile(dem, os.path.join(dr, "elevation.tif"))  # the factor's name is its file name
        self.factors = {"slope": os.path.join(dr, "slope.tif"), "elevation": os.path.join(dr, "elevation.tif"),
                        "precipitation": os.path.join(dr, "precipitation.tif"),
                        "temperature": os.path.join(dr, "temperature.tif"),
                        "landcover": os.path.join(dr, "landcover.tif"),
                        "distance_to_mine": os.path.join(dr, "distance_to_mine.tif")}
        say(f"     {len(done) + 1} factor rasters on the RSEI grid: " + ", ".join(self.factors))

    def geodetector_raster(self):
        y = self.years[-1]
        order = list(self.factors)
        params = {"Y": self.p("rsei", "series", f"rsei_{y}.tif"), "FACTORS": [self.factors[k] for k in order],
                  "CATEGORICAL_FACTORS": "landcover", "METHOD": 3, "CLASSES": 5, "SAMPLE_SIZE": 0, "SEED": 1,
                  "OUTPUT": self.p("tables", f"geodetector_raster_{y}.gpkg"),
                  "OUTPUT_INTERACTION": self.p("tables", f"geodetector_raster_interaction_{y}.gpkg"),
                  "OUTPUT_RISK": self.p("tables", f"geodetector_raster_risk_{y}.gpkg"),
                  "OUTPUT_ECOLOGICAL": self.p("tables", f"geodetector_raster_ecological_{y}.gpkg"),
                  "OUTPUT_HTML": self.p("reports", f"geodetector_raster_{y}.html")}
        self.qgis.run("rsei:geodetectorraster", params, "geodetectorraster")
        self.gd_raster = read_table(self.p("tables", f"geodetector_raster_{y}.gpkg"))
        self.gd_raster_inter = read_table(self.p("tables", f"geodetector_raster_interaction_{y}.gpkg"))
        best = max(self.gd_raster, key=lambda r: float(field(r, "q") or 0))
        say(f"     strongest factor of RSEI {y}: {field(best, 'factor')} (q = {float(field(best, 'q')):.3f})")

    def mine_table(self):
        """rsei:zonalseries: mean RSEI, terrain and climate per mine and year (Tables 10–13); + yearly production.

        Two runs: RSEI and the terrain on the 30 m grid count the pixels whose centre is in a mine; the ~1 km
        climate rasters count every cell a mine touches (ALL_TOUCHED), since a small mine holds no cell centre.
        """
        from osgeo import ogr
        mines = os.path.join(self.d["data"], self.manifest["mines"]) + "|layername=mines"
        climate = self.manifest["climate"]
        ys = ",".join(map(str, self.years))
        common = {"ZONES": mines, "ZONE_FIELD": "mine_id", "STATISTICS": [0]}
        terrain = self.p("tables", "mines_rsei_terrain.gpkg")
        res, _ = self.qgis.run("rsei:zonalseries", dict(
            common, COPY_FIELDS=["name", "method"], INPUT=[self.p("rsei", "series", f"rsei_{y}.tif")
                                                           for y in self.years],
            NAMES=",".join(["rsei"] * len(self.years)), YEARS=ys,
            STATIC=[os.path.join(self.d["drivers"], f"{k}.tif") for k in ("elevation", "slope", "aspect")],
            OUTPUT=terrain), "zonalseries_mines")
        clim = self.p("tables", "mines_climate.gpkg")
        res_c, _ = self.qgis.run("rsei:zonalseries", dict(
            common, INPUT=[os.path.join(self.d["data"], climate[str(y)][k]) for k in ("temperature", "precipitation")
                           for y in self.years],
            NAMES=",".join(["temperature_c"] * len(self.years) + ["precipitation_mm"] * len(self.years)),
            YEARS=",".join([ys, ys]), ALL_TOUCHED=True, OUTPUT=clim), "zonalseries_climate")
        self.results["zonalseries"] = res
        src = ogr.Open(os.path.join(self.d["data"], self.manifest["mines"]))
        production = {(f.GetField("mine_id"), f.GetField("year")): f.GetField("coal_production_10kt")
                      for f in src.GetLayerByName("production")}
        src = None
        key = lambda r: (str(field(r, "mine_id")), int(field(r, "year")))  # noqa: E731
        climate_rows = {key(r): r for r in read_table(clim)}
        rows = []
        for r in sorted(read_table(terrain), key=key):
            mid, y = key(r)
            prod = production.get((mid, y))
            if not prod:
                continue  # not yet producing
            c = climate_rows[(mid, y)]
            vals = [field(r, f"{k}_mean") for k in ("elevation", "slope", "aspect")] + \
                [field(c, f"{k}_mean") for k in ("temperature_c", "precipitation_mm")]
            rows.append([mid, field(r, "name"), field(r, "method"), y, round(float(field(r, "rsei_mean")), 4),
                         float(prod)] + [round(float(v), 3) for v in vals])
        cols = [("mine_id", "str"), ("name", "str"), ("method", "str"), ("year", "int"), ("rsei", "float"),
                ("coal_production_10kt", "float"), ("elevation_m", "float"), ("slope_deg", "float"),
                ("aspect_deg", "float"), ("temperature_c", "float"), ("precipitation_mm", "float")]
        write_gpkg_table(self.p("tables", "mines_by_year.gpkg"), "mines_by_year", cols, rows)
        write_csv(self.p("tables", "mines_by_year.csv"), [c for c, _ in cols], rows)
        self.mine_rows = rows
        outside = int(float(res.get("ZONES_OUTSIDE", 0))) + int(float(res_c.get("ZONES_OUTSIDE", 0)))
        say(f"     rsei:zonalseries → {len(rows)} rows ({len({r[0] for r in rows})} mines × {len(self.years)} "
            f"years, producing years only; zones outside a raster: {outside})")

    def geodetector_table(self):
        xs = ["coal_production_10kt", "elevation_m", "slope_deg", "aspect_deg", "temperature_c", "precipitation_mm"]
        self.qgis.run("rsei:geodetector", {
            "INPUT": self.p("tables", "mines_by_year.gpkg") + "|layername=mines_by_year", "Y_FIELD": "rsei",
            "X_FIELDS": xs, "METHOD": 2, "CLASSES": 3, "YEAR_FIELD": "year",
            "OUTPUT": self.p("tables", "geodetector_mines.gpkg"),
            "OUTPUT_INTERACTION": self.p("tables", "geodetector_mines_interaction.gpkg"),
            "OUTPUT_RISK": self.p("tables", "geodetector_mines_risk.gpkg"),
            "OUTPUT_ECOLOGICAL": self.p("tables", "geodetector_mines_ecological.gpkg"),
            "OUTPUT_HTML": self.p("reports", "geodetector_mines.html")}, "geodetector_mines")
        self.gd_mines = read_table(self.p("tables", "geodetector_mines.gpkg"))
        means = [r for r in self.gd_mines if str(field(r, "year")).lower() == "mean"]
        if means:
            best = max(means, key=lambda r: float(field(r, "q") or 0))
            say(f"     per-mine table, mean q over the years: strongest {field(best, 'factor')} "
                f"(q = {float(field(best, 'q')):.3f})")

    def seriestrend(self):
        table = self.p("tables", "rsei_by_year.gpkg")
        value = next(k for k in self.series_rows[0] if k.lower() in ("rsei_mean", "rsei", "mean_rsei"))
        time_f = next(k for k in self.series_rows[0] if k.lower() == "year")
        res, _ = self.qgis.run("rsei:seriestrend", {
            "INPUT": table, "TIME_FIELD": time_f, "VALUE_FIELD": value,
            "OUTPUT_HTML": self.p("reports", "seriestrend.html")}, "seriestrend")
        self.results["seriestrend"] = res
        say(f"     Sen slope {float(res['SEN_SLOPE']):+.4f}/yr, MK p = {float(res['MK_P']):.3f}, quadratic R² "
            f"{float(res['QUAD_R2']):.2f} (vertex {float(res['QUAD_VERTEX']):.1f}), break {res['BREAK_YEAR']}: "
            f"slopes {float(res['SEG1_SLOPE']):+.4f} then {float(res['SEG2_SLOPE']):+.4f}/yr")

    # -- the report
    def report(self):
        self.save_state()
        report_page.write(self, self.p("report.html"))

    def save_state(self):
        """What the report needs besides the output files (``--report-only`` rebuilds the page from it)."""
        state = {"results": self.results, "timings": self.timings, "total": getattr(self, "total", 0.0),
                 "calls": len(self.qgis.calls), "jobs": self.jobs}
        with open(os.path.join(self.out, "logs", "state.json"), "w", encoding="utf-8") as fh:
            json.dump(state, fh, indent=1, default=str)

    def report_only(self):
        """Rebuild report.html from an earlier run's outputs."""
        import types
        with open(os.path.join(self.out, "logs", "state.json"), encoding="utf-8") as fh:
            state = json.load(fh)
        with open(os.path.join(self.d["data"], "manifest.json"), encoding="utf-8") as fh:
            self.manifest = json.load(fh)
        self.years = list(self.manifest["years"])
        self.results, self.timings, self.total = state["results"], state["timings"], state["total"]
        self.jobs = state["jobs"]
        self.qgis = types.SimpleNamespace(calls=[None] * state["calls"])
        t = lambda name: self.p("tables", name)  # noqa: E731
        y = self.years[-1]
        self.series_rows = sorted(read_table(t("rsei_by_year.gpkg")), key=lambda r: int(field(r, "year")))
        self.area_rows = read_table(t("grade_areas_by_year.gpkg"))
        self.eg_rows = read_table(t("eg_index_by_year.gpkg"))
        self.trend_rows = read_table(t("trend_class_areas.gpkg"))
        self.gd_raster = read_table(t(f"geodetector_raster_{y}.gpkg"))
        self.gd_raster_inter = read_table(t(f"geodetector_raster_interaction_{y}.gpkg"))
        self.gd_mines = read_table(t("geodetector_mines.gpkg"))
        report_page.write(self, self.p("report.html"))
        say(f"Rebuilt {self.p('report.html')}")

    # -- all
    def run(self):
        t_all = time.time()
        say(f"RSEI Toolbox demo → {self.out}")
        self.qgis = Qgis(self.out, self.verbose)
        self.step("Generate the demo data (Landsat C2 L2 scenes, CLCD, DEM, mines, climate)", self.make_data)
        try:
            for title, func, needs in (
                    ("rsei:landsatcomposite — June–September median composite per year", self.composites,
                     ("rsei:landsatcomposite",)),
                    ("rsei:landsatindices — NDVI, WET, NDBSI, LST, MNDWI per year", self.indicators,
                     ("rsei:landsatindices",)),
                    ("rsei:rsei — one-year chain: water mask (MNDWI > 0) → RSEI, grades, areas",
                     self.rsei_last_year, ("rsei:rsei",)),
                    ("rsei:rseiseries — RSEI per year, Table 5, grade areas by year", self.rseiseries,
                     ("rsei:rseiseries",)),
                    ("rsei:egindex — EG index of the CLCD land cover, per year", self.egindex, ("rsei:egindex",)),
                    ("rsei:senmk — Sen slope and Mann–Kendall test per pixel", self.senmk, ("rsei:senmk",)),
                    ("rsei:gradechange — grade transitions first → last year", self.gradechange,
                     ("rsei:gradechange",)),
                    ("rsei:coupling — EG × RSEI coupling, last year", self.coupling, ("rsei:coupling",)),
                    ("Driving-factor rasters (native:slope/aspect, gdal:warpreproject/rasterize/proximity)",
                     self.drivers, ()),
                    ("rsei:geodetectorraster — factors of the last year's RSEI", self.geodetector_raster,
                     ("rsei:geodetectorraster",)),
                    ("rsei:zonalseries — per-mine table (zonal means per mine and year, Tables 10–13)",
                     self.mine_table, ("rsei:zonalseries",)),
                    ("rsei:geodetector — per-mine table, per year (YEAR_FIELD)", self.geodetector_table,
                     ("rsei:geodetector",)),
                    ("rsei:seriestrend — trend of the yearly mean RSEI", self.seriestrend, ("rsei:seriestrend",))):
                self.step(title, func, needs=needs)
            self.total = time.time() - t_all
            self.step("report.html", self.report)
        finally:
            self.qgis.close()
        self.total = time.time() - t_all
        say(f"Finished in {self.total:.0f} s ({len(self.qgis.calls)} qgis_process runs). "
            f"Open {self.p('report.html')}")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Run the RSEI Toolbox demo workflow through qgis_process.")
    ap.add_argument("--out", default="demo-output", help="output folder (default: demo-output)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                    help="qgis_process runs at a time for independent steps (default: 2)")
    ap.add_argument("--verbose", action="store_true", help="print every qgis_process call")
    ap.add_argument("--report-only", action="store_true", help="rebuild report.html from an earlier run")
    args = ap.parse_args(argv)
    try:
        demo = Demo(args.out, args.jobs, args.verbose)
        if args.report_only:
            demo.report_only()
        else:
            demo.run()
    except DemoError as exc:
        print(f"\nDEMO FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    except Exception as exc:  # a bug in the demo itself: show where
        import traceback
        traceback.print_exc()
        print(f"\nDEMO FAILED: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
