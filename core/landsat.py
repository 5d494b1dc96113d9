"""Landsat band sources and the index pipeline.

A *band source* hands out blocks of reflectance (0–1) and temperature (°C) or
thermal radiance with NaN for NoData, for a scene (:class:`SceneSource`, from a
:class:`core.mtl.Scene`), a composite made by rsei:landsatcomposite, or any
multiband reflectance raster (:class:`BandRasterSource`). :func:`compute_indices`
writes the index rasters from a source block by block.

MTL parsing lives in :mod:`core.mtl`, the QA_PIXEL/BQA bits in :mod:`core.qa`.

References: USGS (2022) Landsat 8-9 Collection 2 Level 2 Science Product Guide
(LSDS-1619) and Landsat 4-7 C2 L2 guide (LSDS-1618); USGS Landsat 8 Data Users
Handbook (LSDS-1574), section 5 (DN → radiance and TOA reflectance).
"""
import math
import os

import numpy as np

from .deps import rasterio
from .errors import CoreError, Text
from .kinds import COMPOSITE_TAG, PRODUCT_TAG
from .mtl import REFLECTANCE_ROLES
from .qa import QA_DEFAULT, bqa_c1_mask, qa_pixel_mask
from .raster import RasterReader, prepare_block

# ----------------------------------------------------------------------------- band sources

def _band_role(role):
    """The scene band behind a source role ('lst' and 'radiance' both come from the thermal band)."""
    return "thermal" if role in ("lst", "radiance") else role


def to_reflectance(dn, valid, mult, add, sun_elevation=None, dtype=np.float64):
    """Reflectance from DN (× mult + add, then ÷ sin(sun elevation) for Level-1 TOA).

    Fill, NoData and values outside 0–1 (for Level-2 SR: DN outside 7273–43636)
    become NaN.
    """
    if sun_elevation is not None:
        s = math.sin(math.radians(sun_elevation))
        mult, add = mult / s, add / s
    out = dn.astype(dtype)
    out *= mult
    out += add
    bad = ~valid | (dn == 0)
    if dn.dtype.kind in "ui" and mult > 0:
        # the 0–1 range as DN limits: cheaper on integers and exact (no rounding at the edges)
        lo, hi = math.ceil(-add / mult - 1e-9), math.floor((1.0 - add) / mult + 1e-9)
        bad |= (dn < lo) | (dn > hi)
    else:
        bad |= ~((out >= 0.0) & (out <= 1.0))
    out[bad] = np.nan
    return out


class SceneSource:
    """Blocks of reflectance, LST (Level 2, °C) or thermal radiance (Level 1) of one scene.

    All bands are read on the grid of the red band (``grid``/``resampling`` warp
    them onto another grid for compositing), as float32 by default (the indices
    are stored as float32; this halves the memory traffic). QA_PIXEL (or BQA) pixels with any of
    ``qa_conditions`` become NaN in every band.
    """

    def __init__(self, scene, roles, qa_conditions=QA_DEFAULT, grid=None, resampling=None, monitor=None,
                 outputs_for_roles=None, dtype=np.float32):
        self.scene = scene
        self.dtype = dtype
        self.sensor = scene.sensor
        self.level = scene.level
        self.sensors = (scene.sensor,)
        self.qa_conditions = tuple(qa_conditions)
        self._readers = {}
        outputs_for_roles = outputs_for_roles or {}
        bands = []
        for role in roles:
            b = scene.band(_band_role(role), outputs_for_roles.get(role))
            if b not in bands:
                bands.append(b)
        # The reference grid is the red band's (every SR/ST band of a product shares it).
        ref_band = scene.bands["red"] if scene.has("red") else bands[0]
        if grid is not None and resampling is None:
            resampling = "nearest"
        ref = RasterReader(ref_band.path, ref_band.path, grid=grid, resampling=resampling)
        self.grid = ref.grid
        self._readers[ref_band.role] = ref
        for b in bands:
            if b.role not in self._readers:
                self._readers[b.role] = RasterReader(b.path, b.path, grid=self.grid,
                                                     resampling=resampling or "nearest")
        self._qa = None
        if scene.qa_path and self.qa_conditions:
            self._qa = RasterReader(scene.qa_path, scene.qa_path, grid=self.grid, resampling="nearest")
        elif self.qa_conditions and monitor is not None:
            monitor.warn("Scene {label}: no QA_PIXEL file was found beside the MTL, so clouds, shadows and snow are "
                         "NOT masked (only fill and out-of-range values are).", label=scene.label)

    def qa_drop(self, window):
        """Boolean mask of pixels the QA drops in ``window`` (all False without QA)."""
        if self._qa is None:
            return None
        values, valid = self._qa.read_valid(window)
        if self.scene.qa_kind == "c1":
            drop = bqa_c1_mask(values, self.qa_conditions)
        else:
            drop = qa_pixel_mask(values, self.qa_conditions)
        return drop | ~valid

    def read(self, window, roles):
        """``{role: array}`` for the window: reflectance 0–1 as ``dtype``; 'lst' (°C) and 'radiance'
        (W/(m²·sr·µm)) as float64."""
        drop = self.qa_drop(window)
        out = {}
        for role in roles:
            src = _band_role(role)
            band = self.scene.band(src)
            dn, valid = self._readers[src].read_valid(window)
            if src == "thermal":
                # float64: kelvin in float32 would lose ~3e-5 K before the −273.15
                values = dn.astype(np.float64) * band.mult + band.add
                bad = ~valid | (dn == 0)
                if self.level == "L2":
                    values -= 273.15  # ST band in K → °C
                values[bad] = np.nan
            else:
                sun = self.scene.sun_elevation if self.level == "L1" else None
                if self.level == "L1" and sun is None:
                    raise CoreError("Scene {label}: the MTL has no SUN_ELEVATION for TOA reflectance.",
                                    label=self.scene.label)
                values = to_reflectance(dn, valid, band.mult, band.add, sun, self.dtype)
            if drop is not None:
                values[drop] = np.nan
            out[role] = values
        return out

    def readers_list(self):
        """The rasters read (their tile layout sets the engine's windows)."""
        return list(self._readers.values()) + ([self._qa] if self._qa is not None else [])

    def close(self):
        for r in self._readers.values():
            r.close()
        if self._qa is not None:
            self._qa.close()


class BandRasterSource:
    """Blocks of a multiband raster: a rsei:landsatcomposite output or any reflectance stack.

    ``band_map`` gives the 1-based band of each role ('blue' … 'swir2', 'lst');
    reflectance = value × ``refl_scale`` + ``refl_offset``; temperature =
    value × ``thermal_scale`` + ``thermal_offset``, in K or °C as ``thermal_unit`` says.
    """

    level = "L2"

    def __init__(self, path, band_map, sensor=None, refl_scale=1.0, refl_offset=0.0, thermal_scale=1.0,
                 thermal_offset=0.0, thermal_unit="K", sensors=None):
        self.path = str(path)
        self._reader = RasterReader(self.path, "INPUT")
        self.grid = self._reader.grid
        self.band_map = dict(band_map)
        self.sensor = sensor
        self.sensors = tuple(sensors or ((sensor,) if sensor else ()))
        self.refl = (float(refl_scale), float(refl_offset))
        self.thermal = (float(thermal_scale), float(thermal_offset), thermal_unit)
        self.is_composite = False

    def check(self, roles, outputs_for_roles=None):
        outputs_for_roles = outputs_for_roles or {}
        for role in roles:
            b = self.band_map.get(role)
            if not b or b < 1 or b > self._reader.count:
                out = outputs_for_roles.get(role, "an output")
                if self.is_composite:
                    raise CoreError("Input '{path}' is a composite without a {role} band (not every scene had a "
                                    "surface-temperature band), so {out} cannot be made; leave it unset.",
                                    path=self.path, role=role, out=out)
                raise CoreError("Input '{path}' has {count} band(s), so it has no {role} band {band} for {out}. "
                                "Choose the band, or leave {out} unset.", path=self.path, count=self._reader.count,
                                role=role, band=b or Text("(none chosen)"), out=out)

    def read(self, window, roles):
        out = {}
        for role in roles:
            src = "lst" if role in ("lst", "radiance") else role
            values = self._reader.read(window, self.band_map[src], dtype=np.float32)
            if src == "lst":
                scale, offset, unit = self.thermal
                values = values.astype(np.float64) * scale + offset
                if unit == "K":
                    values -= 273.15
            else:
                values = values * self.refl[0] + self.refl[1]
                values[~(values >= 0.0) | ~(values <= 1.0)] = np.nan
            out[role] = values
        return out

    def readers_list(self):
        return [self._reader]

    def close(self):
        self._reader.close()


#: COMPOSITE_TAG (imported from core/kinds.py, which recognises every toolbox output by its tags) is written
#: on a composite and read back by :func:`composite_info`.


def composite_info(path):
    """The tags of a rsei:landsatcomposite output, or None for any other raster."""
    with rasterio.open(str(path)) as ds:
        tags = ds.tags()
        if tags.get(COMPOSITE_TAG):
            return {"bands": tags.get("RSEI_BANDS", "").split(","), "sensors": tags.get("RSEI_SENSORS", ""),
                    "count": ds.count}
    return None


# ----------------------------------------------------------------------------- indices pipeline

#: Output key → (roles needed from a Level-2 / raster source, band description of the output).
INDEX_OUTPUTS = {
    "ndvi": (("red", "nir"), "NDVI (greenness, eq. 2)"),
    "wet": (REFLECTANCE_ROLES, "WET tasseled-cap wetness (eq. 3-5)"),
    "ndbsi": (("blue", "green", "red", "nir", "swir1"), "NDBSI dryness (eq. 9-11)"),
    "lst": (("lst",), "LST land surface temperature (deg C)"),
    "mndwi": (("green", "swir1"), "MNDWI (Xu 2006)"),
}


def roles_for(outputs, level):
    """The band roles needed for the requested outputs (Level-1 LST needs radiance, red and NIR)."""
    roles = []
    for name in outputs:
        need = INDEX_OUTPUTS[name][0]
        if name == "lst" and level == "L1":
            need = ("radiance", "red", "nir")
        for r in need:
            if r not in roles:
                roles.append(r)
    return roles


def compute_indices(source, outputs, tx, monitor, wetness_sensor, atmosphere=(1.0, 0.0, 0.0),
                    thermal_constants=None, tags=None):
    """Write the requested index rasters (``{name: path}``) block by block from ``source``.

    ``wetness_sensor`` picks the tasseled-cap coefficients; ``atmosphere`` is
    (τ, L↑, L↓) and ``thermal_constants`` (K1, K2) for Level-1 LST; ``tags`` are
    GeoTIFF tags written on every output. Returns ``{name: number of valid pixels}``.
    """

    # GDAL compresses the (deflate) outputs on every core: writing is the costliest step.
    with rasterio.Env(GDAL_NUM_THREADS=os.environ.get("GDAL_NUM_THREADS", "ALL_CPUS")):
        return _compute_indices(source, outputs, tx, monitor, wetness_sensor, atmosphere, thermal_constants,
                                tags)


def _indices_task(source, roles, kinds, wetness_sensor, atmosphere, thermal_constants, window):
    """One window on an engine worker: every index requested, prepared for writing, and its valid count."""
    from . import indices, lst as lstmod

    b = source.read(window, roles)
    out = {}
    for name, kind in kinds.items():
        if name == "lst" and source.level == "L1":
            k1, k2 = thermal_constants
            arr = lstmod.lst_radiative_transfer(b["radiance"], b["red"], b["nir"], k1, k2, *atmosphere)
        else:
            arr = indices.indicator_from_bands(name, b, wetness_sensor)
        out[name] = (prepare_block(arr, *kind), int(np.count_nonzero(np.isfinite(arr))))
    return out


def _compute_indices(source, outputs, tx, monitor, wetness_sensor, atmosphere, thermal_constants, tags=None):
    from . import engine
    from .raster import tile_windows

    roles = roles_for(outputs, source.level)
    grid = source.grid
    writers = {name: tx.raster(path, grid, 1, "float32", descriptions=[INDEX_OUTPUTS[name][1]])
               for name, path in outputs.items()}
    for name, writer in writers.items():
        writer.set_tags(**{PRODUCT_TAG: name}, **(tags or {}))  # PRODUCT_TAG: see core/kinds.py
    valid = {name: 0 for name in outputs}
    # float32 working set: the input bands plus ~10 temporaries, in windows of whole input and
    # output tiles (a block ending mid-tile makes GDAL compress, re-read and recompress the tile).
    bpp = 4 * (len(roles) + 10 + len(outputs))
    kinds = {name: (w.dtype, w.nodata) for name, w in writers.items()}
    task = engine.bind(_indices_task, source, roles, kinds, wetness_sensor, tuple(atmosphere),
                       thermal_constants)
    with engine.ordered(task, tile_windows(grid, bpp, source.readers_list()), monitor) as parts:
        for window, part in parts:
            for name, (block, count) in part.items():
                writers[name].write_prepared(window, block)
                valid[name] += count
    return valid
