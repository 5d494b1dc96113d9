"""Zonal statistics of yearly and static rasters per polygon zone, block by block (rsei:zonalseries).

The per-mine tables of Han et al. (2025), Tables 10–13 — RSEI per mine and year, static factors per mine
(elevation, slope, aspect) and yearly climate per mine — are zonal statistics of rasters over the mine polygons.

Rules
-----
* Each raster is read on its own grid (band 1); zone geometries are reprojected onto the raster's CRS.
* A pixel belongs to a zone when its **centre** lies inside the polygon (GDAL's rasterisation rule), or, with
  ``all_touched``, when the polygon touches the pixel at all. Overlapping zones each count the pixel.
* ``pixels`` counts the zone's pixels on the raster's pixel lattice, also those beyond the raster's edge;
  ``valid`` counts those inside the raster with a value (not NoData, not NaN). The valid share is valid/pixels,
  so a zone half outside the raster has a share of at most 0.5. A zone with no pixel on the raster (entirely
  outside it) has NULL statistics and is reported.
* Statistics of the valid pixels: mean; median (exact: numpy's median, the mean of the two middle values for
  an even count); population standard deviation (ddof = 0, as QGIS's zonal statistics); valid share. A
  categorical raster (land cover) gets its majority class instead (the most frequent value; ties → the lowest
  code).

Block-wise: every zone is processed on the window of its bounding box on the raster's grid, in row strips that
fit the memory budget; each strip's zone mask comes from ``rasterio.features.rasterize`` with the strip's
transform. Means and standard deviations are merged strip by strip (Chan et al. 1979). The exact median needs
the zone's values: they are gathered per zone (memory bounded by the zone's size, not the raster's) up to
:data:`GATHER_LIMIT` values; a larger zone gets its exact median from the three streaming passes over its
window of :class:`StreamingQuantiles` (min/max, a histogram, the values of the bin holding the middle ranks).
"""
import math
import os
import re
from dataclasses import dataclass, field

import numpy as np

from .deps import rasterio, require
from .errors import CoreError
from .monitor import NULL_MONITOR
from .raster import RasterReader, budget_bytes, geojson_bounds
from .stats import RunningCovariance
from .years import YEAR_IN_NAME

#: Statistics in the order of the STATISTICS enum.
STATISTICS = ("mean", "median", "std", "valid_share")
#: Most values of one zone gathered in memory for its exact median (8 bytes each: 128 MiB).
GATHER_LIMIT = 16 * 1024 * 1024
#: Working bytes per pixel of a strip (values, masks, the rasterised zone).
BYTES_PER_PIXEL = 32


@dataclass
class Zone:
    """A polygon zone: its id (the ZONE_FIELD value), GeoJSON geometry in ``crs_wkt`` and copied attributes."""

    zid: object
    geometry: dict
    crs_wkt: str = ""
    attributes: tuple = ()


@dataclass
class Layer:
    """One input raster: the variable ``name``, its ``year`` (None for a static raster) and the file path."""

    name: str
    year: object
    path: str
    categorical: bool = False


@dataclass
class ZoneStats:
    """Statistics of one zone on one raster.

    ``pixels``: the zone's pixels on the raster's lattice (also beyond its edge); ``on_raster``: those inside
    the raster; ``valid``: those with a value; ``outside``: the zone has no pixel on the raster although it
    has pixels on its lattice or lies beyond its extent.
    """

    pixels: int = 0
    on_raster: int = 0
    valid: int = 0
    mean: float = float("nan")
    median: float = float("nan")
    std: float = float("nan")
    majority: object = None
    outside: bool = False

    @property
    def valid_share(self):
        return self.valid / self.pixels if self.pixels else float("nan")

    def value(self, stat):
        if stat == "valid_share":
            return self.valid_share
        return getattr(self, stat)


# ----------------------------------------------------------------------------- names

def variable_name(layer_name):
    """A variable's name from its layer name: the four-digit year removed, e.g. 'rsei_2019' → 'rsei'."""
    text = YEAR_IN_NAME.sub("", os.path.splitext(os.path.basename(str(layer_name)))[0]
                            if str(layer_name).lower().endswith((".tif", ".tiff", ".vrt", ".img"))
                            else str(layer_name))
    return column_name(text)


def column_name(text):
    """A safe field-name part: letters, digits and '_' only, no leading/trailing or doubled '_'."""
    out = re.sub(r"[^0-9A-Za-z_]+", "_", str(text).strip())
    return re.sub(r"_+", "_", out).strip("_")


def parse_names(text, count, layer_names, parameter="NAMES"):
    """One variable name per input: from ``text`` ('rsei, rsei, precip, precip') or from the layer names."""
    text = str(text or "").strip()
    if text:
        names = [column_name(p) for p in re.split(r"[,;\s]+", text) if p.strip()]
        if len(names) != count:
            raise CoreError("{parameter} lists {n_names} name(s) but {count} input raster(s) were given; give exactly "
                            "one variable name per input, in the order of the inputs.", parameter=parameter,
                            n_names=len(names), count=count)
    else:
        names = [variable_name(n) for n in layer_names]
    for given, name in zip(layer_names, names):
        if not name:
            raise CoreError("{parameter}: no variable name for '{given}' (its name is only a year); give the names in "
                            "{parameter}, e.g. rsei,rsei,precip,precip.", parameter=parameter, given=given)
        if not re.match(r"[A-Za-z_]", name):
            raise CoreError("{parameter}: the variable name '{name}' must start with a letter.", parameter=parameter,
                            name=name)
    return names


def columns(layers, statistics):
    """[(column name, kind, layer name, statistic)] of the value columns: yearly variables first, then static."""
    seen = []
    for lay in layers:
        key = (lay.name, lay.year is None)
        if key not in [(n, s) for n, s, _ in seen]:
            seen.append((lay.name, lay.year is None, lay))
    seen.sort(key=lambda item: item[1])  # yearly (False) before static (True); stable within each
    out = []
    for name, _, lay in seen:
        stats = ["majority"] + (["valid_share"] if "valid_share" in statistics else []) if lay.categorical \
            else list(statistics)
        for stat in stats:
            kind = "double"
            if stat == "majority":
                kind = "int" if _integer_raster(lay.path) else "double"
            out.append((f"{name}_{stat}", kind, name, stat))
    return out


def _integer_raster(path):
    with rasterio.open(path) as ds:
        return np.dtype(ds.dtypes[0]).kind in "ui"


# ----------------------------------------------------------------------------- one zone on one raster

def _zone_window(reader, bounds):
    """(row0, col0, rows, cols) of the pixels whose cells meet ``bounds`` on the raster's lattice (unclipped)."""
    a, b, c, d, e, f = reader.grid.transform
    if b or d:
        raise CoreError("Input '{name}' is a rotated raster; warp it to a north-up grid first.", name=reader.name)
    xmin, ymin, xmax, ymax = bounds
    cols = sorted(((xmin - c) / a, (xmax - c) / a))
    rows = sorted(((ymax - f) / e, (ymin - f) / e))
    col0, col1 = math.floor(cols[0]), math.ceil(cols[1])
    row0, row1 = math.floor(rows[0]), math.ceil(rows[1])
    return row0, col0, max(row1 - row0, 1), max(col1 - col0, 1)


def _strips(row0, col0, rows, cols, budget_mb=None):
    per_row = max(1, cols * BYTES_PER_PIXEL)
    step = max(1, min(rows, budget_bytes(budget_mb) // per_row))
    for r in range(row0, row0 + rows, step):
        yield r, min(step, row0 + rows - r)


def zone_stats(reader, geometry, statistics, categorical=False, all_touched=False, monitor=NULL_MONITOR,
               budget_mb=None):
    """:class:`ZoneStats` of a GeoJSON ``geometry`` (in the raster's CRS) on the raster of ``reader``."""
    require(("rasterio",))
    out = ZoneStats()
    bounds = geojson_bounds(geometry)
    if bounds is None:
        return out
    grid = reader.grid
    row0, col0, rows, cols = _zone_window(reader, bounds)
    a, _, c, _, e, f = grid.transform
    cov = RunningCovariance(1)
    gathered, counts = [], {}
    need_median = "median" in statistics and not categorical
    big = False
    strips = []
    for r, h in _strips(row0, col0, rows, cols, budget_mb):
        monitor.check()
        transform = rasterio.Affine(a, 0.0, c + col0 * a, 0.0, e, f + r * e)
        inside = rasterio.features.rasterize([(geometry, 1)], out_shape=(h, cols), transform=transform, fill=0,
                                             all_touched=all_touched, dtype="uint8").astype(bool)
        n_in = int(np.count_nonzero(inside))
        if not n_in:
            continue
        out.pixels += n_in
        # the part of the strip on the raster
        rr0, rr1 = max(r, 0), min(r + h, grid.height)
        cc0, cc1 = max(col0, 0), min(col0 + cols, grid.width)
        if rr1 <= rr0 or cc1 <= cc0:
            continue
        sub = inside[rr0 - r:rr1 - r, cc0 - col0:cc1 - col0]
        if not sub.any():
            continue
        out.on_raster += int(np.count_nonzero(sub))
        win = rasterio.windows.Window(cc0, rr0, cc1 - cc0, rr1 - rr0)
        values, valid = reader.read_valid(win)
        take = sub & valid
        v = values[take]
        if not v.size:
            continue
        out.valid += int(v.size)
        if categorical:
            u, k = np.unique(v, return_counts=True)
            for val, cnt in zip(u.tolist(), k.tolist()):
                counts[val] = counts.get(val, 0) + cnt
            continue
        cov.update(v.astype(np.float64).reshape(-1, 1))
        if need_median:
            strips.append((win, sub))
            if not big:
                gathered.append(v.astype(np.float64))
                if out.valid > GATHER_LIMIT:
                    big, gathered = True, []
    left, bottom, right, top = grid.bounds
    off = bounds[0] >= right or bounds[2] <= left or bounds[1] >= top or bounds[3] <= bottom
    out.outside = out.on_raster == 0 and (out.pixels > 0 or off)
    if categorical:
        if counts:
            best = max(counts.values())
            out.majority = min(k for k, n in counts.items() if n == best)
        return out
    if out.valid:
        out.mean = float(cov.mean[0])
        out.std = float(math.sqrt(max(cov.covariance(ddof=0)[0, 0], 0.0)))
        if need_median:
            out.median = float(np.median(np.concatenate(gathered))) if not big \
                else _streamed_median(reader, strips)
    return out


def _streamed_median(reader, strips):
    """Exact median of the zone's values by three streaming passes over its strips (for very large zones)."""
    from .quantiles import StreamingQuantiles
    q = StreamingQuantiles((0.5,))
    for _ in range(3):
        if q.trivial:
            break
        for win, sub in strips:
            values, valid = reader.read_valid(win)
            q.add(values[sub & valid])
        q.next_pass()
    return float(q.result()[0])


# ----------------------------------------------------------------------------- the run

@dataclass
class ZonalResult:
    """Statistics per (layer index, zone index) and the zones lying outside each raster."""

    layers: list
    zones: list
    stats: dict = field(default_factory=dict)
    outside: dict = field(default_factory=dict)  # layer index → [zone ids]

    @property
    def years(self):
        ys = {lay.year for lay in self.layers if lay.year is not None}
        return sorted(ys)

    def rows(self, cols):
        """One row per zone and year: (zone id, zone attributes…, year, value columns…)."""
        index = {}
        for i, lay in enumerate(self.layers):
            index[(lay.name, lay.year)] = i
        out = []
        for z, zone in enumerate(self.zones):
            for year in self.years:
                row = [zone.zid, *zone.attributes, year]
                for _, _, name, stat in cols:
                    i = index.get((name, year), index.get((name, None)))
                    lay = self.layers[i] if i is not None else None
                    if lay is None:
                        row.append(None)
                        continue
                    s = self.stats[(i, z)]
                    row.append(s.value(stat) if s.valid or stat == "valid_share" else None)
                out.append(row)
        return out


def _reproject(geometry, src_wkt, reader):
    if not src_wkt or not reader.grid.crs_wkt:
        return geometry
    try:
        src = rasterio.crs.CRS.from_user_input(src_wkt)
    except Exception as exc:  # noqa: BLE001 - any CRS parsing failure becomes a user message
        raise CoreError("Input 'ZONES': its CRS cannot be read ({exc}).", exc=exc) from exc
    if src == reader.grid.crs:
        return geometry
    return rasterio.warp.transform_geom(src, reader.grid.crs, geometry)


def zonal_series(zones, layers, statistics=("mean",), all_touched=False, monitor=NULL_MONITOR, budget_mb=None):
    """Statistics of every zone on every raster of ``layers``; returns a :class:`ZonalResult`.

    ``statistics`` is a subset of :data:`STATISTICS`; categorical layers get their majority class (and the
    valid share if asked).
    """
    require(("rasterio",))
    unknown = [s for s in statistics if s not in STATISTICS]
    if unknown:
        raise CoreError("Unknown statistic(s) {unknown}; use {statistics}.", unknown=', '.join(unknown),
                        statistics=', '.join(STATISTICS))
    if not zones:
        raise CoreError("Input 'ZONES': the layer has no polygon.")
    if not layers:
        raise CoreError("Input 'INPUT': give at least one raster.")
    result = ZonalResult(list(layers), list(zones))
    total = len(layers) * len(zones)
    done = 0
    for i, lay in enumerate(layers):
        label = f"{lay.name} {lay.year}" if lay.year is not None else lay.name
        with RasterReader(lay.path, f"{label} ({os.path.basename(lay.path)})") as reader:
            for z, zone in enumerate(zones):
                geom = _reproject(zone.geometry, zone.crs_wkt, reader)
                sub = monitor.sub(done / total, (done + 1) / total)
                s = zone_stats(reader, geom, statistics, lay.categorical, all_touched, sub, budget_mb)
                result.stats[(i, z)] = s
                if s.outside:
                    result.outside.setdefault(i, []).append(zone.zid)
                done += 1
                monitor.report(done / total)
    return result


def report_outside(result, monitor):
    """Warnings naming the zones that lie outside each raster (statistics NULL) or have no pixel at all."""
    names = {}
    for i, zids in result.outside.items():
        lay = result.layers[i]
        label = f"{lay.name} {lay.year}" if lay.year is not None else lay.name
        names.setdefault(tuple(zids), []).append(f"{label} ('{os.path.basename(lay.path)}')")
    for zids, rasters in names.items():
        listed = ", ".join(str(z) for z in zids[:20]) + (f" and {len(zids) - 20} more" if len(zids) > 20 else "")
        monitor.warn("{n_zids} zone(s) lie outside the raster(s) {rasters}{more} (no pixel centre on the raster): "
                     "{listed}. Their statistics there are NULL.", n_zids=len(zids), rasters=', '.join(rasters[:6]),
                     more=' …' if len(rasters) > 6 else '', listed=listed)
    empty = {}
    for i, lay in enumerate(result.layers):
        zids = [zone.zid for z, zone in enumerate(result.zones)
                if result.stats[(i, z)].pixels == 0 and not result.stats[(i, z)].outside]
        if zids:
            label = f"{lay.name} {lay.year}" if lay.year is not None else lay.name
            empty.setdefault(tuple(zids), []).append(label)
    for zids, rasters in empty.items():
        monitor.warn("Zone(s) {zids} contain no pixel centre of the raster(s) {rasters}{more} (smaller than a "
                     "pixel?): their statistics there are NULL; ALL_TOUCHED counts every pixel a zone touches.",
                     zids=', '.join(str(z) for z in zids[:20]), rasters=', '.join(rasters[:6]),
                     more=' …' if len(rasters) > 6 else '')
    partly = [zone.zid for z, zone in enumerate(result.zones)
              if any(0 < result.stats[(i, z)].on_raster < result.stats[(i, z)].pixels
                     for i in range(len(result.layers)))]
    if partly:
        monitor.info("Zone(s) {partly} lie partly outside a raster: their statistics use the part on the raster (see "
                     "the valid share).", partly=', '.join(str(z) for z in partly[:20]))
    return sorted({z for zids in result.outside.values() for z in zids}, key=str)
