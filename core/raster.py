"""Block-wise raster engine: grids, readers, atomic writers and JSON sidecars.

All raster file I/O of the plugin goes through this module. Rasters are read and
written in windows of full-width row strips whose height keeps the working arrays
within a memory budget, so peak memory does not grow with raster size.
"""
import contextlib
import json
import math
import os
import threading
import uuid
from dataclasses import dataclass

import numpy as np

from .deps import rasterio, require
from .errors import CoreError, GridMismatch, Joined, Text
from .monitor import NULL_MONITOR
from .stats import RunningStats

#: NoData of every float32 output.
NODATA_FLOAT = -9999.0
#: NoData of every unsigned 8-bit class output (classes start at 1).
NODATA_CLASS = 0
#: Default working-memory budget for one block's arrays, in MiB (env RSEI_BLOCK_MB overrides).
DEFAULT_BUDGET_MB = 128
#: Output tile size; block heights are multiples of it so writes fill whole tiles.
TILE = 256
#: GDAL block cache while blocks are processed (restored afterwards). GDAL's default,
#: 5 % of RAM, would let the cache of written tiles grow with the raster.
GDAL_CACHE_MB = 64

RESAMPLING = ("nearest", "bilinear", "average", "mode")


def budget_bytes(budget_mb=None):
    mb = budget_mb or float(os.environ.get("RSEI_BLOCK_MB", DEFAULT_BUDGET_MB))
    return int(mb * 1024 * 1024)


@dataclass(frozen=True)
class Grid:
    """The pixel grid of a raster: CRS (WKT), affine transform (a, b, c, d, e, f), size."""

    crs_wkt: str
    transform: tuple
    width: int
    height: int

    @classmethod
    def from_dataset(cls, ds):
        crs = ds.crs.to_wkt() if ds.crs else ""
        return cls(crs, tuple(ds.transform)[:6], ds.width, ds.height)

    @classmethod
    def from_bounds(cls, crs_wkt, left, bottom, right, top, resolution):
        """A north-up grid covering the bounds with square pixels of ``resolution``."""
        width = max(1, int(math.ceil((right - left) / resolution - 1e-9)))
        height = max(1, int(math.ceil((top - bottom) / resolution - 1e-9)))
        return cls(crs_wkt, (resolution, 0.0, left, 0.0, -resolution, top), width, height)

    @property
    def affine(self):
        return rasterio.Affine(*self.transform)

    @property
    def crs(self):
        return rasterio.crs.CRS.from_wkt(self.crs_wkt) if self.crs_wkt else None

    @property
    def shape(self):
        return (self.height, self.width)

    @property
    def bounds(self):
        """(left, bottom, right, top) of a north-up grid."""
        a, _, c, _, e, f = self.transform
        xs = (c, c + a * self.width)
        ys = (f, f + e * self.height)
        return (min(xs), min(ys), max(xs), max(ys))

    @property
    def pixel_size(self):
        return (abs(self.transform[0]), abs(self.transform[4]))

    def differences(self, other):
        """Human-readable list of the properties in which ``other`` differs from this grid."""
        diffs = []
        if not _same_crs(self.crs_wkt, other.crs_wkt):
            diffs.append(Text("CRS"))
        if (self.width, self.height) != (other.width, other.height):
            diffs.append(Text("size ({width}×{height} pixels instead of {ref_width}×{ref_height})", width=other.width,
                              height=other.height, ref_width=self.width, ref_height=self.height))
        tol = 1e-6 * max(self.pixel_size)
        if any(abs(p - q) > tol for p, q in zip(self.transform, other.transform)):
            if any(abs(p - q) > tol for p, q in zip(self.transform[:2] + self.transform[3:5],
                                                     other.transform[:2] + other.transform[3:5])):
                diffs.append(Text("pixel size ({x:g}×{y:g} instead of {ref_x:g}×{ref_y:g})", x=other.pixel_size[0],
                                  y=other.pixel_size[1], ref_x=self.pixel_size[0], ref_y=self.pixel_size[1]))
            else:
                diffs.append(Text("origin ({x:g}, {y:g} instead of {ref_x:g}, {ref_y:g})", x=other.transform[2],
                                  y=other.transform[5], ref_x=self.transform[2], ref_y=self.transform[5]))
        return diffs

    def row_pixel_areas_km2(self, row_start=0, row_stop=None):
        """Area in km² of one pixel in each row of ``[row_start, row_stop)``.

        Projected CRS: |a·e − b·d| times the square of the CRS unit in metres.
        Geographic CRS: the exact area of the cell on the WGS 84 ellipsoid,
        (b²·Δλ/2)·[q(φ_top) − q(φ_bottom)] with q the authalic-latitude function
        (Snyder 1987, eq. 3-12), which varies by row. A grid without CRS is taken
        to be in metres.
        """
        row_stop = self.height if row_stop is None else row_stop
        n = row_stop - row_start
        a, b, c, d, e, f = self.transform
        crs = self.crs
        if crs is not None and crs.is_geographic:
            rows = np.arange(row_start, row_stop, dtype=np.float64)
            q_top = _authalic_q(np.radians(f + e * rows))
            q_bottom = _authalic_q(np.radians(f + e * (rows + 1)))
            dlon = math.radians(abs(a))
            return _WGS84_B ** 2 * dlon / 2.0 * np.abs(q_top - q_bottom) / 1e6
        unit = 1.0
        if crs is not None:
            try:
                unit = float(crs.linear_units_factor[1])
            except Exception:  # noqa: BLE001 - CRS without a linear unit: assume metres
                unit = 1.0
        return np.full(n, abs(a * e - b * d) * unit * unit / 1e6)


_WGS84_A = 6378137.0
_WGS84_F = 1 / 298.257223563
_WGS84_B = _WGS84_A * (1 - _WGS84_F)
_WGS84_E = math.sqrt(_WGS84_F * (2 - _WGS84_F))


def _authalic_q(phi):
    """Snyder's q(φ) for WGS 84: the band area from the equator to φ is π·b²·q(φ) per 2π of longitude."""
    s = np.sin(np.clip(phi, -math.pi / 2, math.pi / 2))
    es = _WGS84_E * s
    return s / (1 - es * es) + np.log((1 + es) / (1 - es)) / (2 * _WGS84_E)


def _same_crs(wkt_a, wkt_b):
    if wkt_a == wkt_b:
        return True
    if not wkt_a or not wkt_b:
        return False
    return rasterio.crs.CRS.from_wkt(wkt_a) == rasterio.crs.CRS.from_wkt(wkt_b)


# ----------------------------------------------------------------------------- reading

def valid_mask(values, nodata):
    """True where ``values`` is not ``nodata`` (None or NaN: no NoData value) and, for floats, finite."""
    if nodata is not None and not (isinstance(nodata, float) and math.isnan(nodata)):
        valid = values != nodata
    else:
        valid = np.ones(values.shape, dtype=bool)
    if values.dtype.kind == "f":
        valid &= np.isfinite(values)
    return valid


def geojson_bounds(*geometries):
    """(xmin, ymin, xmax, ymax) of all coordinates of GeoJSON geometries, or None if they have none.

    Walks nested ``coordinates`` of any geometry type, and the members of a GeometryCollection.
    """
    xs, ys = [], []

    def walk(c):
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for x in c:
                walk(x)

    def members(geoms):
        for geom in geoms:
            if geom["type"] == "GeometryCollection":
                members(geom["geometries"])
            else:
                walk(geom["coordinates"])

    members(geometries)
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


class RasterReader:
    """An input raster opened for block reading, optionally warped onto a target grid.

    ``name`` is the parameter name shown in error messages. With ``grid`` and
    ``resampling`` the raster is read through a GDAL warped VRT onto that grid,
    block by block (nearest for classes, bilinear or average for continuous data).

    rasterio datasets must not be shared between threads, so the reader opens one
    dataset handle per thread that reads through it (lazily, on the thread's first
    read) and :meth:`close` closes all of them. A reader pickles as its path and
    options (what a Dask worker needs to open it itself), never as an open dataset.
    """

    def __init__(self, path, name, grid=None, resampling=None, alpha=False):
        require(("rasterio",))
        self.path = str(path)
        self.name = name
        self._target = None
        self._resampling = None
        self._alpha = bool(alpha)
        self._lock = threading.Lock()
        self._handles = {}
        ds = self._open_base()
        try:
            if alpha:  # always warped, with an alpha band marking pixels outside the raster
                if ds.crs is None or not grid.crs_wkt:
                    raise CoreError("Input '{name}' or the grid it is put on has no CRS, so they cannot be overlaid.",
                                    name=name)
                self._target, self._resampling = grid, resampling or "nearest"
            elif grid is not None and resampling is not None and Grid.from_dataset(ds).differences(grid):
                if resampling not in RESAMPLING:
                    raise CoreError("Unknown resampling '{resampling}'; use one of {methods}.",
                                    resampling=resampling, methods=', '.join(RESAMPLING))
                if ds.crs is None:
                    raise CoreError("Input '{name}' has no CRS, so it cannot be resampled onto the reference grid.",
                                    name=name)
                self._target, self._resampling = grid, resampling
        except Exception:
            ds.close()
            raise
        self.source_nodata = ds.nodata
        self._handles[threading.get_ident()] = self._wrap(ds)
        self._describe(self.ds)

    def _open_base(self):
        try:
            return rasterio.open(self.path)
        except Exception as exc:  # noqa: BLE001 - any GDAL failure becomes a user message
            raise CoreError("Input '{name}': cannot open raster '{path}' ({exc}).", name=self.name, path=self.path,
                            exc=exc) from exc

    def _wrap(self, ds):
        """(dataset read from, base dataset): the warped VRT onto the target grid, or the dataset itself."""
        if self._target is None:
            return ds, ds
        g = self._target
        vrt = rasterio.vrt.WarpedVRT(
            ds, crs=g.crs, transform=g.affine, width=g.width, height=g.height,
            resampling=getattr(rasterio.enums.Resampling, self._resampling),
            src_nodata=ds.nodata, nodata=ds.nodata, add_alpha=self._alpha)
        return vrt, ds

    def _describe(self, ds):
        self.grid = Grid.from_dataset(ds)
        self._count = ds.count
        self.dtypes = tuple(ds.dtypes)
        self._descriptions = [d or "" for d in ds.descriptions]
        self._nodatavals = tuple(ds.nodatavals)
        self._dataset_mask = [any(f.name in ("per_dataset", "alpha") for f in flags) for flags in ds.mask_flag_enums]
        self.block_shape = None if self._target is not None else tuple(ds.block_shapes[0])

    @property
    def ds(self):
        """This thread's dataset handle (opened on first use in the thread)."""
        key = threading.get_ident()
        handle = self._handles.get(key)
        if handle is None:
            handle = self._wrap(self._open_base())
            with self._lock:
                self._handles[key] = handle
            scope = getattr(_SCOPE, "readers", None)
            if scope is not None:
                scope.append(self)
        return handle[0]

    @property
    def base_ds(self):
        """This thread's dataset as stored (not warped onto the target grid), e.g. for its TIFF tile tags."""
        self.ds
        return self._handles[threading.get_ident()][1]

    def __getstate__(self):
        state = {k: v for k, v in self.__dict__.items() if k not in ("_lock", "_handles")}
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()
        self._handles = {}

    @property
    def count(self):
        return self._count

    @property
    def descriptions(self):
        return list(self._descriptions)

    def nodata(self, band=1):
        return self._nodatavals[band - 1]

    def read_valid(self, window=None, band=1):
        """Raw values of one band and a boolean mask of valid (not NoData, not NaN) pixels."""
        if band < 1 or band > self._count:
            raise CoreError("Input '{name}' has {count} band(s); band {band} does not exist.", name=self.name,
                            count=self._count, band=band)
        ds = self.ds
        values = ds.read(band, window=window)
        valid = valid_mask(values, self.nodata(band))
        if self._dataset_mask[band - 1]:
            valid &= ds.read_masks(band, window=window) > 0
        return values, valid

    def read(self, window=None, band=1, dtype=np.float64):
        """One band as floats with NaN where the pixel is NoData."""
        values, valid = self.read_valid(window, band)
        out = values.astype(dtype, copy=True)
        out[~valid] = np.nan
        return out

    def release(self, key=None):
        """Close the handle of one thread (default: the calling thread)."""
        key = threading.get_ident() if key is None else key
        with self._lock:
            handle = self._handles.pop(key, None)
        if handle is not None:
            _close_handle(handle)

    def close(self):
        with self._lock:
            handles, self._handles = list(self._handles.values()), {}
        for handle in handles:
            _close_handle(handle)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _close_handle(handle):
    read_from, base = handle
    if read_from is not base:
        read_from.close()
    base.close()


_SCOPE = threading.local()


@contextlib.contextmanager
def reader_scope():
    """Close, at the end of the block, every reader handle that this thread opened inside it.

    Used around each task on a Dask worker, where a task's readers are unpickled for that
    task only (the local thread pool keeps its per-thread handles for the whole run).
    """
    outer = getattr(_SCOPE, "readers", None)
    _SCOPE.readers = opened = []
    try:
        yield
    finally:
        _SCOPE.readers = outer
        for reader in opened:
            reader.release()


def read_grid(path, name="INPUT"):
    """The grid of a raster file."""
    with RasterReader(path, name) as r:
        return r.grid


def check_same_grid(readers, reference=None, label=None, advice=None):
    """Raise :class:`GridMismatch` naming the first reader whose grid differs from the reference.

    ``readers`` is a list of :class:`RasterReader` (or anything with a ``grid``);
    ``reference`` defaults to the first. ``label(reader)`` names an input in the
    message (default: its quoted ``name``); ``advice`` replaces the default advice to
    resample. Returns the common grid.
    """
    if not readers:
        raise CoreError("No input raster was given.")
    label = label or (lambda r: f"'{r.name}'")
    ref = reference or readers[0]
    for r in readers:
        if r is ref:
            continue
        diffs = ref.grid.differences(r.grid)
        if diffs:
            advice = advice or Text("Resample it onto {reference} first (Raster ‣ Projections ‣ Warp, or the "
                                    "resampling option of this tool where it has one).", reference=label(ref))
            raise GridMismatch("Input {input} is not on the grid of {reference}: {differences}. {advice}",
                               input=label(r), reference=label(ref), differences=differences_text(diffs),
                               advice=advice)
    return ref.grid


def differences_text(diffs):
    """'its CRS differs' / 'its CRS and size (…) differ' from :meth:`Grid.differences`."""
    if len(diffs) == 1:
        return Text("its {item} differs", item=diffs[0])
    return Text("its {items} and {last} differ", items=Joined(", ", diffs[:-1]), last=diffs[-1])


def block_rows(grid, bytes_per_pixel, budget_mb=None):
    """Rows per block so that ``bytes_per_pixel`` × width × rows fits the memory budget."""
    rows = budget_bytes(budget_mb) // max(1, int(bytes_per_pixel) * grid.width)
    if rows >= TILE:
        rows = (rows // TILE) * TILE
    return int(max(1, min(rows, grid.height)))


def iter_windows(grid, bytes_per_pixel=64, monitor=NULL_MONITOR, budget_mb=None):
    """Yield row-strip windows covering the grid; checks cancel before and reports progress after each.

    ``bytes_per_pixel`` is the caller's estimate of working memory per pixel of a
    block (all arrays it holds at once), which sets the block height.
    """
    require(("rasterio",))
    rows = block_rows(grid, bytes_per_pixel, budget_mb)
    with _gdal_cache_limit():
        for row in range(0, grid.height, rows):
            monitor.check()
            height = min(rows, grid.height - row)
            yield rasterio.windows.Window(0, row, grid.width, height)
            monitor.report((row + height) / grid.height)
    monitor.check()


def iter_tiles(grid, bytes_per_pixel, monitor=NULL_MONITOR, budget_mb=None):
    """Yield windows of whole output tiles (256 rows × a multiple of 256 columns) within the budget.

    Unlike :func:`iter_windows`, the window size does not depend on the raster width,
    and every window writes complete GeoTIFF tiles and reads whole tiles of tiled
    inputs (a window ending inside a tile makes GDAL decompress and recompress it
    several times). For work that needs no neighbouring rows. Checks cancel and
    reports progress.
    """
    require(("rasterio",))
    budget = budget_bytes(budget_mb)
    rows = TILE
    cols = (budget // max(1, bytes_per_pixel * rows)) // TILE * TILE
    if cols < TILE:  # very many arrays per pixel: one tile wide, fewer rows
        cols = TILE
        rows = max(1, min(TILE, budget // max(1, bytes_per_pixel * TILE)))
    cols = min(cols, grid.width)
    rows = min(rows, grid.height)
    total = grid.width * grid.height
    done = 0
    with _gdal_cache_limit():
        for row in range(0, grid.height, rows):
            h = min(rows, grid.height - row)
            for col in range(0, grid.width, cols):
                monitor.check()
                w = min(cols, grid.width - col)
                yield rasterio.windows.Window(col, row, w, h)
                done += w * h
                monitor.report(done / total)
    monitor.check()


#: Largest window side (pixels) taken to honour an input's tile size (odd tile sizes give huge multiples).
MAX_UNIT = 2048


def _lcm(a, b):
    return a * b // math.gcd(a, b)


def tile_windows(grid, bytes_per_pixel, readers=(), budget_mb=None):
    """Windows covering the grid that follow the tile layout of the inputs and of the outputs.

    A window is ``uh`` rows × a multiple of ``uw`` columns, where (``uh``, ``uw``) is the least
    common multiple of the output tile (:data:`TILE`) and the block size of every tiled input
    among ``readers`` (readers warped onto the grid and striped inputs do not count), so every
    window reads whole tiles of every input — GDAL decodes each
    input tile once — and writes whole output tiles. Its size is set by the per-worker memory
    budget (``bytes_per_pixel`` × window pixels ≤ budget) and never by the number of workers,
    so the window layout, and with it every merged result, is the same on any executor. When
    even one unit exceeds the budget more than fourfold, the unit falls back to one output tile.
    Returned as a list, row-major (the order in which partial results are merged).
    """
    require(("rasterio",))
    budget = budget_bytes(budget_mb)
    uh = uw = TILE
    for r in readers:
        shape = getattr(r, "block_shape", None)
        if not shape:
            continue
        bh, bw = int(shape[0]), int(shape[1])
        if bw >= r.grid.width:   # striped: a strip cut by a window edge is decoded twice, a small cost
            continue
        uw = _lcm(uw, bw) if _lcm(uw, bw) <= MAX_UNIT else uw
        uh = _lcm(uh, bh) if _lcm(uh, bh) <= MAX_UNIT else uh
    bpp = max(1, int(bytes_per_pixel))
    if uh * uw * bpp > 4 * budget:
        uh = uw = TILE
    cols = max(uw, budget // (bpp * uh) // uw * uw)
    if uh == uw == TILE and TILE * TILE * bpp > budget:   # a tiny budget: one tile wide, fewer rows
        uh = max(1, budget // (bpp * TILE))
    rows = min(uh, grid.height)
    cols = min(cols, grid.width)
    out = []
    for row in range(0, grid.height, rows):
        h = min(rows, grid.height - row)
        for col in range(0, grid.width, cols):
            out.append(rasterio.windows.Window(col, row, min(cols, grid.width - col), h))
    return out


def halo_window(grid, window, halo):
    """``window`` grown by ``halo`` pixels on every side, clipped to the grid, and the slices of the window in it."""
    r0, c0 = int(window.row_off), int(window.col_off)
    r1, c1 = r0 + int(window.height), c0 + int(window.width)
    h0, h1 = max(0, r0 - halo), min(grid.height, r1 + halo)
    w0, w1 = max(0, c0 - halo), min(grid.width, c1 + halo)
    big = rasterio.windows.Window(w0, h0, w1 - w0, h1 - h0)
    return big, (slice(r0 - h0, r1 - h0), slice(c0 - w0, c1 - w0))


def _gdal_cache_limit():
    """Cap GDAL's block cache while blocks stream (rasterio restores the previous size after)."""
    return rasterio.Env(GDAL_CACHEMAX=GDAL_CACHE_MB * 1024 * 1024)


# ----------------------------------------------------------------------------- writing

class RasterWriter:
    """A GeoTIFF being written block by block under a temporary name.

    Float outputs take NaN for NoData (written as :data:`NODATA_FLOAT`); integer
    outputs take arrays already holding their NoData value. Per-band statistics
    are accumulated as blocks are written and go into the JSON sidecar.
    """

    def __init__(self, tmp_path, grid, count=1, dtype="float32", nodata=None, descriptions=None):
        require(("rasterio",))
        self.path = tmp_path
        self.grid = grid
        self.count = count
        self.dtype = np.dtype(dtype)
        if nodata is None:
            nodata = NODATA_FLOAT if self.dtype.kind == "f" else None
        self.nodata = nodata
        profile = dict(
            driver="GTiff", width=grid.width, height=grid.height, count=count, dtype=self.dtype.name,
            crs=grid.crs, transform=grid.affine, nodata=nodata, compress="deflate", zlevel=1,
            predictor=3 if self.dtype.kind == "f" else 2, bigtiff="IF_SAFER",
        )
        if grid.width >= TILE and grid.height >= TILE:
            profile.update(tiled=True, blockxsize=TILE, blockysize=TILE)
        self._ds = rasterio.open(tmp_path, "w", **profile)
        self.descriptions = list(descriptions or [])
        for i, text in enumerate(self.descriptions[:count], start=1):
            self._ds.set_band_description(i, text)
        self.stats = [RunningStats() for _ in range(count)]

    def write(self, window, data, band=None):
        """Write one block: a 2-D array (``band`` or band 1) or a 3-D array of all bands."""
        data = np.asarray(data)
        if data.ndim == 2:
            bands, arrays = [band or 1], [data]
        else:
            bands, arrays = list(range(1, data.shape[0] + 1)), list(data)
        for b, arr in zip(bands, arrays):
            out = arr.astype(self.dtype)  # always a copy we may modify
            if self.dtype.kind == "f":
                valid = np.isfinite(out)
                self.stats[b - 1].update(out, valid)
                out[~valid] = self.nodata
            else:
                valid = out != self.nodata if self.nodata is not None else None
                self.stats[b - 1].update(out, valid)
            self._ds.write(out, b, window=window)

    def prepare(self, data):
        """:func:`prepare_block` with this writer's data type and NoData (callable from any thread)."""
        return prepare_block(data, self.dtype, self.nodata)

    def write_prepared(self, window, prepared):
        """Write a block made by :func:`prepare_block` (in a task): its statistics are merged here, in call order."""
        for b, (out, stats) in enumerate(prepared, start=1):
            self.stats[b - 1].merge(stats)
            self._ds.write(out, b, window=window)

    def set_tags(self, **tags):
        """Write GeoTIFF metadata tags (dataset level), e.g. to record how an output was made."""
        self._ds.update_tags(**{k: str(v) for k, v in tags.items()})

    def write_colormap(self, colors):
        """Attach a palette ``{value: (r, g, b, a)}`` (single-band integer outputs)."""
        self._ds.write_colormap(1, colors)

    def band_stats(self):
        return [{"band": i + 1, "description": (self.descriptions[i] if i < len(self.descriptions) else ""),
                 **s.as_dict()} for i, s in enumerate(self.stats)]

    def close(self):
        if self._ds is not None and not self._ds.closed:
            self._ds.close()


def prepare_block(data, dtype, nodata):
    """What :meth:`RasterWriter.write` does before writing, as a pure function for tasks.

    Returns [(band array in the output type with NoData filled in, RunningStats of the band)],
    one per band; the writer's :meth:`~RasterWriter.write_prepared` then only merges and writes.
    """
    dtype = np.dtype(dtype)
    data = np.asarray(data)
    arrays = [data] if data.ndim == 2 else list(data)
    out = []
    for arr in arrays:
        block = arr.astype(dtype)
        stats = RunningStats()
        if dtype.kind == "f":
            valid = np.isfinite(block)
            stats.update(block, valid)
            block[~valid] = NODATA_FLOAT if nodata is None else nodata
        else:
            stats.update(block, block != nodata if nodata is not None else None)
        out.append((block, stats))
    return out


def _temp_name(path):
    folder, base = os.path.split(os.path.abspath(path))
    stem, ext = os.path.splitext(base)
    return os.path.join(folder, f".{stem}.partial-{uuid.uuid4().hex[:8]}{ext}")


class OutputTransaction:
    """Every output of one run, written under temporary names and moved into place together.

    ``raster()`` and ``file()`` hand out temporary paths; :meth:`commit` closes the
    writers, writes each raster's JSON sidecar (``<output>.json``: algorithm,
    parameters, plugin version, band statistics and notes) and renames every file
    into place; :meth:`rollback` deletes them, so a failed or canceled run leaves
    no partial output.
    """

    def __init__(self, provenance=None):
        self.provenance = dict(provenance or {})
        self._items = []  # (tmp, final, writer or None, notes dict)

    def raster(self, path, grid, count=1, dtype="float32", nodata=None, descriptions=None):
        if not path:
            raise CoreError("No output path was given.")
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        tmp = _temp_name(path)
        try:
            writer = RasterWriter(tmp, grid, count, dtype, nodata, descriptions)
        except Exception as exc:  # noqa: BLE001
            raise CoreError("Cannot create output raster '{path}' ({exc}).", path=path, exc=exc) from exc
        self._items.append((tmp, str(path), writer, {}))
        return writer

    def file(self, path):
        """A temporary path to write a non-raster output (CSV, HTML, …) to."""
        if not path:
            raise CoreError("No output path was given.")
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        tmp = _temp_name(path)
        self._items.append((tmp, str(path), None, {}))
        return tmp

    def annotate(self, path, **notes):
        """Add key statistics to the sidecar of the output ``path``."""
        for _, final, _, item_notes in self._items:
            if final == str(path):
                item_notes.update(notes)
                return
        raise KeyError(path)

    def commit(self):
        for tmp, final, writer, notes in self._items:
            if writer is not None:
                writer.close()
                sidecar = dict(self.provenance, output=os.path.basename(final),
                               bands=writer.band_stats(), **notes)
                with open(tmp + ".json", "w", encoding="utf-8") as fh:
                    json.dump(_jsonable(sidecar), fh, indent=2)
        for tmp, final, writer, _ in self._items:
            os.replace(tmp, final)
            if writer is not None:
                os.replace(tmp + ".json", final + ".json")
            _remove(tmp + ".aux.xml")
        self._items = []

    def rollback(self):
        for tmp, _, writer, _ in self._items:
            if writer is not None:
                try:
                    writer.close()
                except Exception:  # noqa: BLE001 - cleaning up after a failure
                    pass
            for p in (tmp, tmp + ".json", tmp + ".aux.xml"):
                _remove(p)
        self._items = []

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.commit()
        else:
            self.rollback()
        return False


def _remove(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def _jsonable(obj):
    """Convert numpy scalars/arrays and other objects so json.dump accepts them."""
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return _jsonable(obj.tolist())
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    return str(obj)
