"""Yearly seasonal composites of Landsat C2 L2 scenes found through a STAC API, read window by window.

For each year: one STAC search for the season (:mod:`.stac`), the items filtered (sensor, SLC-off, scene
cloud cover, month, assets), then every needed asset of every scene — six reflectance bands, the thermal
band and QA_PIXEL — is read through GDAL's ``/vsicurl/`` **warped onto the target grid** with
:class:`~.raster.RasterReader`, the reader the composite itself uses, so only the COG tiles under the area
are fetched (HTTP range requests). Reads run concurrently across bands and scenes (``max_workers``
threads, each with its own GDAL handles and the run's GDAL HTTP options as thread-local options).

Each fetched window is a GeoTIFF on the target grid in the cache folder with the source's data type and
NoData (the digital numbers unchanged), written under a temporary name and renamed into place, and a JSON
record of its unsigned href, grid, size and SHA-256: a rerun reads only what is missing, and a truncated
or corrupt cached window is detected and fetched again.

The cached windows then become ordinary :class:`~.mtl.Scene` objects (scale and offset from the items'
``raster:bands``, or from the MTL asset) and go into :func:`.composite.make_composite` — the engine of
rsei:landsatcomposite — so the outputs have its bands, tags and NoData and equal it on the same grid.
"""
import hashlib
import json
import logging
import math
import os
import re
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from .deps import rasterio
from .errors import Canceled, CoreError, Text
from .http import HttpError, redact
from .mtl import REFLECTANCE_ROLES, Band, Scene, read_mtl
from .qa import QA_DEFAULT
from .raster import Grid, RasterReader
from . import stac

#: GDAL /vsicurl/ reads in chunks of this many bytes (CPL_VSIL_CURL_CHUNK_SIZE default).
CURL_CHUNK = 16384
#: Outer retries of one window read after GDAL's own (network failures, truncated replies).
WINDOW_RETRIES = 3

_HTTP_CODE = re.compile(r"response code[: ]+(\d{3})", re.I)
_URL_QUERY = re.compile(r"(https?://[^\s'\"?]+)\?[^\s'\"]*")


def scrub(text):
    """``text`` with the query string of every URL removed (tokens never reach a message)."""
    return _URL_QUERY.sub(r"\1", str(text))


def _scrubbed(exc):
    """``exc`` (a CoreError) as a CoreError whose values have no URL query string; its template is kept, so the
    message is still translated."""
    values = {k: v if isinstance(v, (int, float, Text)) else scrub(v) for k, v in exc.values.items()}
    return CoreError(exc.template, **values)


class _ScrubFilter(logging.Filter):
    def filter(self, record):
        try:
            msg = record.getMessage()
        except Exception:  # noqa: BLE001
            return True
        clean = scrub(msg)
        if clean != msg:
            record.msg, record.args = clean, None
        return True


_LOGGERS = ("rasterio", "rasterio._env", "rasterio._err", "rasterio._io", "rasterio._base", "rasterio.env",
            "rasterio.vrt", "rasterio._warp", "rasterio.session")


def gdal_options(timeout=30.0, retries=4, proxy=None, proxy_auth=None):
    """The GDAL configuration options of a run (set with rasterio.Env, restored afterwards)."""
    opts = {
        "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",     # no probing for .aux.xml/.msk side files
        "GDAL_HTTP_MERGE_CONSECUTIVE_RANGES": "YES",
        "GDAL_HTTP_MULTIPLEX": "YES",
        "GDAL_HTTP_MAX_RETRY": str(int(retries)),       # GDAL retries 429/5xx/timeouts with backoff
        "GDAL_HTTP_RETRY_DELAY": "0.5",
        "GDAL_HTTP_TIMEOUT": str(int(math.ceil(timeout))),
        "GDAL_HTTP_CONNECTTIMEOUT": str(int(math.ceil(min(timeout, 30)))),
        "GDAL_HTTP_LOW_SPEED_TIME": str(int(math.ceil(timeout))),
        "GDAL_HTTP_LOW_SPEED_LIMIT": "1",
        "GDAL_HTTP_USERAGENT": "RSEI-Toolbox",
        "GDAL_HTTP_UNSAFESSL": "NO",
        "VSI_CACHE": "FALSE",
    }
    if proxy:
        m = re.match(r"^(?:https?://)?([^/]+)", proxy)
        opts["GDAL_HTTP_PROXY"] = m.group(1) if m else proxy
        if proxy_auth:
            opts["GDAL_HTTP_PROXYUSERPWD"] = proxy_auth
    return opts


# ----------------------------------------------------------------------------- cache

def _sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class WindowCache:
    """Fetched windows on one grid: ``<folder>/<key[:2]>/<key>.tif`` plus ``<key>.json`` (size, SHA-256)."""

    def __init__(self, folder):
        self.folder = str(folder)
        os.makedirs(self.folder, exist_ok=True)

    @staticmethod
    def key(href, grid, resampling):
        ident = json.dumps([redact(href), grid.crs_wkt, list(grid.transform), grid.width, grid.height, resampling])
        return hashlib.sha256(ident.encode("utf-8")).hexdigest()

    def paths(self, key):
        d = os.path.join(self.folder, key[:2])
        return os.path.join(d, key + ".tif"), os.path.join(d, key + ".json")

    def lookup(self, key):
        """The cached record if the window is there and intact (size and checksum), else None."""
        tif, rec = self.paths(key)
        try:
            with open(rec, encoding="utf-8") as fh:
                record = json.load(fh)
            if os.path.getsize(tif) != record["size"] or _sha256(tif) != record["sha256"]:
                return None
            return record
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, key, tmp_tif, record):
        tif, rec = self.paths(key)
        os.makedirs(os.path.dirname(tif), exist_ok=True)
        record = dict(record, size=os.path.getsize(tmp_tif), sha256=_sha256(tmp_tif))
        os.replace(tmp_tif, tif)
        tmp_rec = rec + f".partial-{uuid.uuid4().hex[:8]}"
        with open(tmp_rec, "w", encoding="utf-8") as fh:
            json.dump(record, fh)
        os.replace(tmp_rec, rec)
        return record

    def temp_path(self, key):
        d = os.path.join(self.folder, key[:2])
        os.makedirs(d, exist_ok=True)
        return os.path.join(d, f".{key}.partial-{uuid.uuid4().hex[:8]}.tif")


# ----------------------------------------------------------------------------- window reads

def _tile_bytes(ds, grid):
    """Bytes GDAL fetches for the area from a tiled (COG) band: the CURL_CHUNK-aligned chunks that the
    TIFF tiles under the area occupy, plus the first chunk (header). An estimate from the TIFF tile
    offsets and sizes (the tests check it against the server's log)."""
    try:
        b = rasterio.warp.transform_bounds(grid.crs, ds.crs, *grid.bounds, densify_pts=21)
        win = rasterio.windows.from_bounds(*b, transform=ds.transform)
        bh, bw = ds.block_shapes[0]
        r0 = max(int(math.floor(win.row_off)) - 1, 0) // bh
        r1 = min(int(math.ceil(win.row_off + win.height)) + 1, ds.height - 1) // bh
        c0 = max(int(math.floor(win.col_off)) - 1, 0) // bw
        c1 = min(int(math.ceil(win.col_off + win.width)) + 1, ds.width - 1) // bw
        chunks = {0}
        for r in range(max(r0, 0), r1 + 1):
            for c in range(max(c0, 0), c1 + 1):
                off = ds.get_tag_item(f"BLOCK_OFFSET_{c}_{r}", "TIFF", bidx=1)
                size = ds.get_tag_item(f"BLOCK_SIZE_{c}_{r}", "TIFF", bidx=1)
                if off is None or size is None or int(size) == 0:
                    continue
                off, size = int(off), int(size)
                chunks.update(range(off // CURL_CHUNK, (off + size - 1) // CURL_CHUNK + 1))
        return len(chunks) * CURL_CHUNK
    except Exception:  # noqa: BLE001 - an estimate only
        return 0


def _write_window(reader, grid, tmp):
    src = reader.ds
    profile = dict(driver="GTiff", width=grid.width, height=grid.height, count=1, dtype=src.dtypes[0],
                   crs=grid.crs, transform=grid.affine, nodata=src.nodata, compress="deflate", predictor=2)
    if grid.width >= 256 and grid.height >= 256:
        profile.update(tiled=True, blockxsize=256, blockysize=256)
    rows = max(1, (8 * 2 ** 20) // max(grid.width * 8, 1))
    with rasterio.open(tmp, "w", **profile) as dst:
        for r0 in range(0, grid.height, rows):
            win = rasterio.windows.Window(0, r0, grid.width, min(rows, grid.height - r0))
            dst.write(src.read(1, window=win), 1, window=win)


@dataclass
class Fetch:
    """One asset window to fetch."""

    scene: object
    role: str
    href: str
    resampling: str
    path: str = None
    bytes_read: int = 0
    from_cache: bool = False
    error: str = None


@dataclass
class Reader:
    """Fetches windows concurrently with signing, retries and the cache."""

    grid: Grid
    cache: WindowCache
    signer: object
    gdal_opts: dict
    max_workers: int = 8
    retries: int = WINDOW_RETRIES
    backoff: float = 0.5
    monitor: object = None
    bytes_read: int = 0
    windows_fetched: int = 0
    windows_cached: int = 0
    _lock: object = field(default_factory=threading.Lock)

    def fetch_all(self, fetches):
        if not fetches:
            return
        stop = threading.Event()

        def work(f):
            if stop.is_set():
                raise Canceled()
            return self._fetch(f, stop)

        workers = max(1, min(int(self.max_workers), len(fetches)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rsei-stac") as pool:
            futures = [pool.submit(work, f) for f in fetches]
            done = 0
            try:
                for fut in futures:
                    while True:
                        try:
                            fut.result(timeout=0.2)
                            break
                        except TimeoutError:
                            if self.monitor is not None:
                                self.monitor.check()
                        except Exception as exc:  # noqa: BLE001 - concurrent.futures.TimeoutError too
                            if type(exc).__name__ == "TimeoutError":
                                if self.monitor is not None:
                                    self.monitor.check()
                                continue
                            raise
                    done += 1
                    if self.monitor is not None:
                        self.monitor.report(done / len(futures))
            except BaseException:
                stop.set()
                for fut in futures:
                    fut.cancel()
                raise

    def _fetch(self, f, stop):
        key = WindowCache.key(f.href, self.grid, f.resampling)
        record = self.cache.lookup(key)
        if record is not None:
            f.path, f.from_cache = self.cache.paths(key)[0], True
            with self._lock:
                self.windows_cached += 1
            return f
        collection = f.scene.collection
        refreshed = False
        attempt = 0
        while True:
            attempt += 1
            if stop.is_set():
                raise Canceled()
            tmp = self.cache.temp_path(key)
            try:
                signed = self.signer.sign(f.href, collection)
                with rasterio.Env(**self.gdal_opts):
                    reader = RasterReader("/vsicurl/" + signed, f.role, grid=self.grid, resampling=f.resampling)
                    try:
                        nbytes = _tile_bytes(reader.base_ds, self.grid)
                        _write_window(reader, self.grid, tmp)
                    finally:
                        reader.close()
                record = self.cache.store(key, tmp, {"href": redact(f.href), "item": f.scene.item_id,
                                                      "role": f.role, "bytes_read": nbytes})
                f.path, f.bytes_read = self.cache.paths(key)[0], nbytes
                with self._lock:
                    self.bytes_read += nbytes
                    self.windows_fetched += 1
                return f
            except (CoreError, rasterio.errors.RasterioError, OSError) as exc:
                _remove(tmp)
                _forget("/vsicurl/" + signed if "signed" in locals() else None)
                if isinstance(exc, (Canceled,)) or (isinstance(exc, CoreError) and not _is_gdal_error(exc)):
                    raise
                text = scrub(exc)
                m = _HTTP_CODE.search(text)
                status = int(m.group(1)) if m else None
                if status == 403 and not refreshed and self.signer.invalidate(collection, signed):
                    refreshed = True                   # token refused mid-run: renew once and retry
                    continue
                if status in (401, 403):
                    if refreshed:
                        raise CoreError("The asset server refused the renewed token or access for {href} (HTTP {code}) "
                                        "of item {item_id}. Check SIGNING (and the subscription key).",
                                        href=redact(f.href), code=status, item_id=f.scene.item_id) from None
                    raise CoreError("The asset server refused the token or access for {href} (HTTP {code}) of item "
                                    "{item_id}. Check SIGNING (and the subscription key).", href=redact(f.href),
                                    code=status, item_id=f.scene.item_id) from None
                if status == 404:
                    raise CoreError("Asset {href} of item {item_id} does not exist (HTTP 404).", href=redact(f.href),
                                    item_id=f.scene.item_id) from None
                if attempt > self.retries:
                    raise CoreError("Reading {href} (item {item_id}, {role}) failed after {attempt} attempts: {short}",
                                    href=redact(f.href), item_id=f.scene.item_id, role=f.role, attempt=attempt,
                                    short=_short(text)) from None
                time.sleep(self.backoff * 2 ** (attempt - 1))


def _forget(vsi_path):
    """Drop GDAL's in-process /vsicurl/ cache of a URL: it remembers a failed open as a missing file, so a retry
    would fail without asking the server again. (osgeo.gdal shares rasterio's GDAL library; both come with QGIS.)"""
    if not vsi_path:
        return
    try:
        from osgeo import gdal
        gdal.VSICurlPartialClearCache(vsi_path)
    except Exception:  # noqa: BLE001 - without the bindings a retry still gets a renewed URL after a 403
        pass


def _is_gdal_error(exc):
    return isinstance(exc.__cause__, (rasterio.errors.RasterioError, OSError)) or "cannot open raster" in str(exc)


def _short(text, n=300):
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n] + "…"


def _remove(path):
    try:
        os.remove(path)
    except OSError:
        pass


# ----------------------------------------------------------------------------- scaling

def _mtl_scaling(client, scene, signer):
    """{role: (mult, add)} from the item's MTL asset (fallback when raster:bands has no scale/offset)."""
    if not scene.mtl_href:
        return None
    href = signer.sign(scene.mtl_href, scene.collection)
    try:
        text = client.get_bytes(href, max_bytes=4 * 2 ** 20, what=Text("MTL"))
    except HttpError as exc:
        raise _scrubbed(exc) from None
    ext = os.path.splitext(scene.mtl_href.split("?")[0])[1] or ".txt"
    fd, tmp = tempfile.mkstemp(suffix=ext)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text)
        g = read_mtl(tmp)
    finally:
        _remove(tmp)
    out = {}
    for role in list(REFLECTANCE_ROLES) + ["thermal"]:
        n = stac.reflectance_number(scene.sensor, role)
        if role == "thermal":
            grp = g.get("LEVEL2_SURFACE_TEMPERATURE_PARAMETERS", {})
            mult, add = grp.get(f"TEMPERATURE_MULT_BAND_ST_B{n}"), grp.get(f"TEMPERATURE_ADD_BAND_ST_B{n}")
        else:
            grp = g.get("LEVEL2_SURFACE_REFLECTANCE_PARAMETERS", {})
            mult, add = grp.get(f"REFLECTANCE_MULT_BAND_{n}"), grp.get(f"REFLECTANCE_ADD_BAND_{n}")
        try:
            out[role] = (float(mult), float(add))
        except (TypeError, ValueError):
            pass
    return out


def resolve_scaling(client, scene, signer):
    """Fill scale/offset of every asset; returns a note ("" if fine)."""
    need = [a for r, a in scene.assets.items() if r != "qa" and (a.scale is None or a.offset is None)]
    if not need:
        return ""
    mtl = _mtl_scaling(client, scene, signer)
    for a in need:
        if mtl and a.role in mtl:
            a.scale, a.offset = mtl[a.role]
        elif a.role == "thermal":
            del scene.assets["thermal"]
        else:
            return f"no scale/offset for {a.role} (neither raster:bands nor an MTL asset)"
    return ""


# ----------------------------------------------------------------------------- the series

@dataclass
class SeriesOptions:
    catalog: str = stac.PC_CATALOG
    collection: str = stac.PC_COLLECTION
    years: tuple = ()
    months: tuple = (6, 7, 8, 9)
    bbox: tuple = None            # WGS 84 (west, south, east, north)
    intersects: dict = None       # GeoJSON geometry in WGS 84
    platforms: tuple = tuple(p for _, ps in stac.SENSORS for p in ps)
    slc_off: bool = True
    max_cloud: float = 80.0
    qa_conditions: tuple = QA_DEFAULT
    resampling: str = "nearest"
    clip_geometries: list = None  # GeoJSON in the grid CRS
    max_workers: int = 8
    timeout: float = 30.0
    retries: int = 4


def scene_row(s, used=False, why="", clear_pct=None, nbytes=0):
    return {"item_id": s.item_id, "date": s.date, "sensor": s.sensor_label, "path_row": s.path_row,
            "cloud_cover": s.cloud_cover, "clear_percent": clear_pct, "used": "yes" if used else "no",
            "why": why, "bytes_read": int(nbytes), "year": None}


def select(items, year, opts):
    """(usable scenes, rows of the others) for one year's search results."""
    usable, rows, seen = [], [], set()
    for item in items:
        s = stac.item_scene(item, opts.collection)
        if s.item_id in seen:
            continue
        seen.add(s.item_id)
        why = s.note
        if not why and stac.season_year(s.date, opts.months) != year:
            why = f"acquired outside the {year} season"
        if not why and s.month not in opts.months:
            why = f"month {s.month} is outside MONTHS"
        if not why and s.platform not in opts.platforms:
            why = f"sensor {s.sensor_label} is not in SENSORS"
        if not why and s.platform == "landsat-7" and not opts.slc_off and s.date > stac.SLC_FAILURE.isoformat():
            why = "ETM+ SLC-off scene (SLC_OFF is false)"
        if not why and opts.max_cloud is not None and s.cloud_cover is not None and s.cloud_cover > opts.max_cloud:
            why = f"scene cloud cover {s.cloud_cover:g}% > MAX_CLOUD {opts.max_cloud:g}%"
        if why:
            row = scene_row(s, why=why)
            row["year"] = year
            rows.append(row)
        else:
            usable.append(s)
    usable.sort(key=lambda s: (s.datetime, s.item_id))
    return usable, rows


def build_scene(s, paths):
    """A core.mtl.Scene over the cached windows of a STAC scene."""
    scene = Scene(mtl=s.item_id, product_id=s.item_id, spacecraft=s.spacecraft, sensor=s.sensor, level="L2",
                  date=s.date, path_row=s.path_row)
    for role, a in s.assets.items():
        if role == "qa":
            scene.qa_path, scene.qa_kind = paths[role], "c2"
        else:
            scene.bands[role] = Band(role, paths[role], a.scale, a.offset, True)
    return scene


def run_series(opts, grid, client, signer, cache_folder, out_folder, make_tx, monitor, on_year=None):
    """Search, fetch and composite every year; returns a summary dict.

    ``make_tx()`` gives an OutputTransaction per year (committed when the year is done, so a cancel keeps
    the finished years); ``on_year(tx, composite_path, count_path)`` may add styles before the commit.
    """
    from .composite import make_composite

    if not opts.years:
        raise CoreError("YEARS: no year was given.")
    cache = WindowCache(cache_folder)
    gopts = gdal_options(opts.timeout, opts.retries, getattr(client, "gdal_proxy", None),
                         getattr(client, "gdal_proxy_auth", None))
    reader = Reader(grid, cache, signer, gopts, opts.max_workers, monitor=monitor)
    rows, written, years_info, found_any = [], [], {}, False
    filt = _ScrubFilter()
    loggers = [logging.getLogger(n) for n in _LOGGERS]
    for lg in loggers:
        lg.addFilter(filt)
    t0 = time.time()
    caps = stac.open_catalog(client, opts.catalog)
    if not caps["query"]:
        monitor.info("{catalog} does not announce the STAC Query extension: the cloud-cover and platform filters are "
                     "applied to the items here instead.", catalog=redact(opts.catalog))
    try:
        with rasterio.Env(**gopts):
            for k, year in enumerate(opts.years):
                monitor.check()
                ym = monitor.sub(k / len(opts.years), (k + 1) / len(opts.years))
                body = stac.search_body(opts.collection, year, opts.months, opts.bbox, opts.intersects,
                                        opts.max_cloud if caps["query"] else None,
                                        opts.platforms if caps["query"] else None)
                items = stac.search(client, opts.catalog, body, monitor)
                found_any = found_any or bool(items)
                scenes, skipped = select(items, year, opts)
                rows.extend(skipped)
                for s in list(scenes):
                    note = resolve_scaling(client, s, signer)
                    if note:
                        scenes.remove(s)
                        r = scene_row(s, why=note)
                        r["year"] = year
                        rows.append(r)
                if not scenes:
                    monitor.warn("Year {year}: no usable scene in months {months} ({n_items} item(s) found); the year "
                                 "is skipped.", year=year, months=_months(opts.months), n_items=len(items))
                    continue
                fetches = []
                for s in scenes:
                    for role in s.assets:
                        res = "nearest" if role == "qa" else opts.resampling
                        fetches.append(Fetch(s, role, s.assets[role].href, res))
                monitor.info("Year {year}: {n_scenes} scene(s), {n_fetches} asset windows: {scenes}", year=year,
                             n_scenes=len(scenes), n_fetches=len(fetches), scenes=", ".join(s.item_id for s in scenes))
                reader.monitor = ym.sub(0.0, 0.8)
                reader.fetch_all(fetches)
                paths = {}
                nbytes = {}
                for f in fetches:
                    paths.setdefault(f.scene.item_id, {})[f.role] = f.path
                    nbytes[f.scene.item_id] = nbytes.get(f.scene.item_id, 0) + f.bytes_read
                core_scenes = [build_scene(s, paths[s.item_id]) for s in scenes]
                comp = os.path.join(out_folder, f"composite_{year}.tif")
                count = os.path.join(out_folder, f"count_{year}.tif")
                tx = make_tx()
                try:
                    summary = make_composite(core_scenes, grid, comp, count, tx, ym.sub(0.8, 1.0),
                                             opts.qa_conditions, opts.resampling, opts.clip_geometries)
                except Canceled:
                    tx.rollback()
                    raise
                except CoreError as exc:
                    tx.rollback()
                    if "No clear observation" not in str(exc):
                        raise
                    monitor.warn("Year {year}: no clear observation in the area in any scene; the year is skipped.",
                                 year=year)
                    summary = {"clear_pixels_per_scene": {s.item_id: 0 for s in scenes}, "scenes": []}
                    comp = None
                area = _area_pixels(grid, opts.clip_geometries)
                for s in scenes:
                    clear = summary["clear_pixels_per_scene"].get(s.item_id, 0)
                    used = comp is not None and clear > 0
                    r = scene_row(s, used, "" if used else "no clear pixel in the area",
                                  100.0 * clear / area if area else 0.0, nbytes.get(s.item_id, 0))
                    r["year"] = year
                    rows.append(r)
                if comp is None:
                    continue
                dates = [s.date for s in scenes if summary["clear_pixels_per_scene"].get(s.item_id, 0) > 0]
                tx.annotate(comp, months=list(opts.months), qa_mask=list(opts.qa_conditions), year=year,
                            catalog=redact(opts.catalog), collection=opts.collection, items=[s.item_id for s in scenes],
                            hrefs={s.item_id: {r: redact(a.href) for r, a in s.assets.items()} for s in scenes},
                            **summary)
                tx.annotate(count, scenes=summary["scenes"], year=year)
                if on_year is not None:
                    on_year(tx, comp, count)
                monitor.check()
                tx.commit()
                written.append(year)
                years_info[year] = {"composite": comp, "count": count, "dates": dates,
                                    "sensors": summary.get("sensors", [])}
    finally:
        for lg in loggers:
            lg.removeFilter(filt)
    if not found_any:
        raise CoreError("No STAC item at all in {catalog} collection '{collection}' for the area {bbox}, years "
                        "{years} and months {months}.", catalog=redact(opts.catalog), collection=opts.collection,
                        bbox=_bbox_text(opts.bbox), years=_years_text(opts.years),
                        months=_months(opts.months))
    used = [r for r in rows if r["used"] == "yes"]
    rows.sort(key=lambda r: (r["year"], r["date"], r["item_id"]))
    return {"years_written": written, "rows": rows, "scenes_used": len(used),
            "bytes_read": reader.bytes_read, "windows_fetched": reader.windows_fetched,
            "windows_cached": reader.windows_cached, "years": years_info, "seconds": time.time() - t0,
            "token_renewals": getattr(signer, "renewals", 0)}


def _area_pixels(grid, geometries):
    if not geometries:
        return grid.width * grid.height
    mask = rasterio.features.geometry_mask(geometries, grid.shape, grid.affine, invert=True)
    return int(np.count_nonzero(mask))


def _months(months):
    return ",".join(str(m) for m in months)


def _years_text(years):
    years = list(years)
    return f"{years[0]}–{years[-1]}" if len(years) > 2 and years == list(range(years[0], years[-1] + 1)) \
        else ",".join(map(str, years))


def _bbox_text(bbox):
    if not bbox:
        return "(none)"
    return "(" + ", ".join(f"{v:.4f}" for v in bbox) + ") (lon/lat)"


# ----------------------------------------------------------------------------- grid

def utm_epsg(lon, lat):
    """EPSG code of the WGS 84 / UTM zone of a point (326zz north, 327zz south)."""
    zone = min(int(math.floor((lon + 180.0) / 6.0)) + 1, 60)
    return (32600 if lat >= 0 else 32700) + zone


def series_grid(crs, bounds, resolution):
    """North-up grid over ``bounds`` (target CRS) with pixel edges on multiples of ``resolution`` offset by
    half a pixel — pixel centres on multiples of the resolution, as USGS's Landsat grids in UTM."""
    res = float(resolution)
    if not res > 0:
        raise CoreError("RESOLUTION must be positive.")
    left, bottom, right, top = bounds
    if not (right > left and top > bottom):
        raise CoreError("The EXTENT is empty.")
    half = res / 2
    left = math.floor((left - half) / res + 1e-9) * res + half
    bottom = math.floor((bottom - half) / res + 1e-9) * res + half
    right = math.ceil((right - half) / res - 1e-9) * res + half
    top = math.ceil((top - half) / res - 1e-9) * res + half
    wkt = rasterio.crs.CRS.from_user_input(crs).to_wkt()
    grid = Grid.from_bounds(wkt, left, bottom, right, top, res)
    if grid.width * grid.height > 400_000_000:
        raise CoreError("The target grid would have {width}×{height} pixels; choose a smaller EXTENT or a coarser "
                        "RESOLUTION.", width=grid.width, height=grid.height)
    return grid


def default_cache_folder():
    """``$XDG_CACHE_HOME/rsei_toolbox/stac`` (``~/.cache/...``; on Windows under LOCALAPPDATA)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA") or os.path.join(
        os.path.expanduser("~"), ".cache")
    return os.path.join(base, "rsei_toolbox", "stac")
